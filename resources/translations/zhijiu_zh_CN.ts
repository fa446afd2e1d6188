<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Ago</name>
    <message>
        <location filename="../../ui/labels.py" line="+346"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>just now</source>
        <translation>刚刚</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s ago</source>
        <translation>%1 秒前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 min ago</source>
        <translation>%1 分钟前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h ago</source>
        <translation>%1 小时前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 d ago</source>
        <translation>%1 天前</translation>
    </message>
</context>
<context>
    <name>AlertBanner</name>
    <message>
        <location filename="../../ui/alerts.py" line="+196"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 — %2, %3 late</source>
        <translation>%1 — %2，已超时 %3</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Sound on</source>
        <translation>开启声音</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>⚠ %1 alerts:</source>
        <translation>⚠ 告警 %1 项：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>and %1 more</source>
        <translation>另有 %1 项</translation>
    </message>
</context>
<context>
    <name>AlertKind</name>
    <message>
        <location line="-202"/>
        <source>not acknowledged</source>
        <translation>未签收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deadline passed</source>
        <translation>已超过完成时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>report overdue</source>
        <translation>报送超时</translation>
    </message>
</context>
<context>
    <name>AlertReportKind</name>
    <message>
        <location line="+3"/>
        <source>first report overdue</source>
        <translation>首报超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>follow-up report overdue</source>
        <translation>续报超时</translation>
    </message>
</context>
<context>
    <name>AllocationDialog</name>
    <message>
        <location filename="../../ui/forms/allocation.py" line="+108"/>
        <source>Allocate supplies</source>
        <translation>物资调拨</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Title:</source>
        <translation>名称(&amp;T)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;From depot:</source>
        <translation>调出仓库(&amp;F)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;To depot:</source>
        <translation>调入仓库(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Carried by:</source>
        <translation>承运(&amp;C)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Incident:</source>
        <translation>事件(&amp;I)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Priority:</source>
        <translation>紧急程度(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Deadline:</source>
        <translation>完成时限(&amp;D)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. tents to the Caiyuanba shelter</source>
        <translation>如：帐篷调往菜园坝避难场所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item</source>
        <translation>物资</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To move</source>
        <translation>调拨数量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue allocation</source>
        <translation>下达调拨</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>There is no depot to draw from.</source>
        <translation>没有可调出的仓库。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Say how much of at least one item is to move.</source>
        <translation>请至少填写一种物资的调拨数量。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The depot it goes to must differ from the one it leaves.</source>
        <translation>调入仓库不能与调出仓库相同。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose who carries the supplies.</source>
        <translation>请选择承运的队伍或指挥所。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Allocation from %1</source>
        <translation>从%1调拨物资</translation>
    </message>
</context>
<context>
    <name>AssigneeKind</name>
    <message>
        <location filename="../../ui/labels.py" line="-296"/>
        <source>Unit</source>
        <translation>救援队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post</source>
        <translation>指挥所</translation>
    </message>
</context>
<context>
    <name>BoardCharts</name>
    <message>
        <location filename="../../ui/board/charts.py" line="+23"/>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evacuated</source>
        <translation>紧急转移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relocated</source>
        <translation>转移安置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trapped</source>
        <translation>被困</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Injured</source>
        <translation>受伤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing</source>
        <translation>失踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dead</source>
        <translation>死亡</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Teams</source>
        <translation>救援队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On scene</source>
        <translation>到达现场</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>En route</source>
        <translation>途中</translation>
    </message>
</context>
<context>
    <name>BoardDock</name>
    <message>
        <location filename="../../ui/docks/board.py" line="+142"/>
        <source>Situation</source>
        <translation>态势</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laptop</source>
        <translation>笔记本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall screen</source>
        <translation>大屏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline CSV…</source>
        <translation>导出时间线 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline page…</source>
        <translation>导出时间线网页…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings</source>
        <translation>预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gauges</source>
        <translation>水雨情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location line="+150"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Web pages (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>Export the timeline</source>
        <translation>导出复盘时间线</translation>
    </message>
</context>
<context>
    <name>BoardTiles</name>
    <message>
        <location filename="../../ui/board/tiles.py" line="+47"/>
        <source>Dead</source>
        <translation>死亡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing</source>
        <translation>失踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Injured</source>
        <translation>受伤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trapped</source>
        <translation>被困</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evacuated</source>
        <translation>紧急转移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relocated</source>
        <translation>转移安置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sheltered</source>
        <translation>避难场所已安置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teams on scene</source>
        <translation>到场队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teams en route</source>
        <translation>途中队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teams on standby</source>
        <translation>待命队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tasks open</source>
        <translation>进行中任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tasks overdue</source>
        <translation>超时任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tasks done</source>
        <translation>已完成任务</translation>
    </message>
</context>
<context>
    <name>ConflictListModel</name>
    <message>
        <location filename="../../ui/models/conflicts.py" line="+106"/>
        <source>%1 “%2”: %3</source>
        <translation>%1「%2」：%3</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Shown now: %1. Pick the value to keep.</source>
        <translation>当前显示：%1。请选定要保留的值。</translation>
    </message>
</context>
<context>
    <name>ConflictsDock</name>
    <message>
        <location filename="../../ui/docks/conflicts.py" line="+79"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Written by</source>
        <translation>填写人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Conflicts (%1)</source>
        <translation>冲突（%1）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Two posts changed the same field without seeing each other&apos;s change. Every post shows the same value for now; pick the one to keep.</source>
        <translation>两个指挥所在互不知情的情况下修改了同一字段。目前各指挥所显示相同的值；请选定要保留的值。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No conflicts. When two posts change the same field while cut off from each other, it shows here for a person to decide.</source>
        <translation>没有冲突。两个指挥所在断联期间修改同一字段时，会在此列出，由人工裁定。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Shown on every post until someone decides</source>
        <translation>在有人裁定之前，各指挥所均显示此值</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Keep this value</source>
        <translation>保留此值</translation>
    </message>
</context>
<context>
    <name>CsvMappingDialog</name>
    <message>
        <location filename="../../ui/plugins/transfer.py" line="+41"/>
        <source>Id (keeps re-imports from duplicating)</source>
        <translation>编号（重复导入不会产生重复项）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Longitude</source>
        <translation>经度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latitude</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind of row (column)</source>
        <translation>类别（所在列）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Symbol</source>
        <translation>符号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team type</source>
        <translation>队伍类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team status</source>
        <translation>队伍状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headcount</source>
        <translation>人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call sign</source>
        <translation>呼号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geometry (GeoJSON)</source>
        <translation>几何（GeoJSON）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plotted features</source>
        <translation>标绘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rescue teams</source>
        <translation>救援队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shelters</source>
        <translation>避难场所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supply depots</source>
        <translation>储备库</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>CSV columns</source>
        <translation>CSV 列对应</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Say which column holds what. Columns left unassigned are kept with each item as its own properties. The first rows of the file are shown below.</source>
        <translation>请指定每一列的含义。未指定的列作为各条目的附加属性保留。下方显示文件的前几行。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rows are</source>
        <translation>每行是</translation>
    </message>
</context>
<context>
    <name>Digest</name>
    <message>
        <location filename="../../ui/models/digest.py" line="+49"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>[%1] %2</source>
        <translation>【%1】%2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> · </source>
        <translation> · </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>DigestDialog</name>
    <message>
        <location filename="../../ui/digest.py" line="+72"/>
        <source>Received while offline</source>
        <translation>离线期间收到</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The link is back. %1 records changed at other posts while this post was offline:</source>
        <translation>链路已恢复。离线期间其他指挥所有 %1 条记录发生变化：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New</source>
        <translation>新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>… and %1 more</source>
        <translation>……另有 %1 条</translation>
    </message>
</context>
<context>
    <name>DownloadAreaDialog</name>
    <message>
        <location filename="../../ui/map/dialogs.py" line="+174"/>
        <source>Source:</source>
        <translation>瓦片来源：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Area in view:</source>
        <translation>当前视图范围：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From zoom:</source>
        <translation>起始缩放级别：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To zoom:</source>
        <translation>结束缩放级别：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Download</source>
        <translation>下载(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Download this area for offline use</source>
        <translation>下载此区域供离线使用</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The terms of %1 do not allow downloading an area: %2</source>
        <translation>%1 的使用条款不允许批量下载区域：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 tiles: more than %2 in one download. Choose fewer zoom levels or a smaller area.</source>
        <translation>共 %1 个瓦片，超过单次下载上限 %2。请减少缩放级别或缩小范围。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 tiles, about %2 MB (tiles already kept are skipped).</source>
        <translation>共 %1 个瓦片，约 %2 MB（已缓存的瓦片将跳过）。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The download failed: %1</source>
        <translation>下载失败：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped: %1 tiles downloaded, %2 were already kept.</source>
        <translation>已停止：下载 %1 个瓦片，%2 个已在缓存中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done: %1 tiles downloaded, %2 were already kept, %3 failed.</source>
        <translation>完成：下载 %1 个瓦片，%2 个已在缓存中，%3 个失败。</translation>
    </message>
</context>
<context>
    <name>DutyLogModel</name>
    <message>
        <location filename="../../ui/models/duty_log.py" line="+20"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entry</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post</source>
        <translation>指挥所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
</context>
<context>
    <name>EntityType</name>
    <message>
        <location filename="../../ui/labels.py" line="+169"/>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Map feature</source>
        <translation>标绘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rescue team</source>
        <translation>救援队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task feedback</source>
        <translation>任务反馈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>信息报送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image / video</source>
        <translation>图传</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duty log entry</source>
        <translation>值班日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stock movement</source>
        <translation>物资出入库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shelter occupancy</source>
        <translation>避难场所安置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command post</source>
        <translation>指挥所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response plan</source>
        <translation>应急预案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message receipt</source>
        <translation>消息回执</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gauge reading</source>
        <translation>水雨情读数</translation>
    </message>
</context>
<context>
    <name>FeatureSymbol</name>
    <message>
        <location line="-50"/>
        <source>Hazard</source>
        <translation>险情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk point</source>
        <translation>风险点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shelter</source>
        <translation>避难场所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supply depot</source>
        <translation>物资储备库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command post</source>
        <translation>指挥部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Road cut</source>
        <translation>道路中断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evacuation route</source>
        <translation>转移路线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Danger zone</source>
        <translation>危险区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staging area</source>
        <translation>集结区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rescue point</source>
        <translation>救援点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Helicopter landing zone</source>
        <translation>直升机起降点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rain / river gauge</source>
        <translation>雨量/水文站</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>FeedModel</name>
    <message>
        <location filename="../../ui/feeds/gallery.py" line="+33"/>
        <source>complete</source>
        <translation>完整</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>arriving %1%</source>
        <translation>传输中 %1%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>thumbnail only</source>
        <translation>仅缩略图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting</source>
        <translation>等待传输</translation>
    </message>
</context>
<context>
    <name>FeedsDock</name>
    <message>
        <location filename="../../ui/docks/feeds.py" line="+183"/>
        <source>Feeds</source>
        <translation>图传</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play / pause</source>
        <translation>播放/暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snapshot</source>
        <translation>截图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turn the frame on screen into a geotagged photo</source>
        <translation>将当前画面截取为带位置的照片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open live</source>
        <translation>打开直播</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rtsp://… or http://… of a drone or camera</source>
        <translation>无人机或摄像头的 rtsp://… 或 http://… 地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Watch folder…</source>
        <translation>监视文件夹…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fetch full item now</source>
        <translation>立即获取原件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the posts that hold it to send this item before anything else</source>
        <translation>请持有该条目的指挥所优先发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stitch panorama</source>
        <translation>拼接全景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select two or more overlapping photos</source>
        <translation>选择两张或更多有重叠的照片</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Orbit / sweep</source>
        <translation>环绕/扫视</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Survey (straight down)</source>
        <translation>航测（垂直向下）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Orbit / sweep: the camera turned (drone orbit, phone sweep). Survey: the camera moved over flat ground, looking down (much faster).</source>
        <translation>环绕/扫视：相机转动拍摄（无人机环绕、手机扫拍）。航测：相机垂直向下、在平坦地面上方移动拍摄（快得多）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caption for new items</source>
        <translation>新条目的说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position: longitude, latitude</source>
        <translation>位置：经度, 纬度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick on map</source>
        <translation>地图选点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Used for photos whose file carries no GPS position</source>
        <translation>用于文件中没有 GPS 位置的照片</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All incidents</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All posts</source>
        <translation>全部指挥所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any time</source>
        <translation>任意时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 6 hours</source>
        <translation>最近 6 小时</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Choose an incident to see its arrival-to-image times.</source>
        <translation>选择一个事件，查看从到达到首张图像的时间。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No team has arrived at this incident yet.</source>
        <translation>尚无队伍到达该事件现场。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>First team arrived %1 · first image after %2 (goal 10 min) · first panorama after %3 (goal 30 min)</source>
        <translation>首支队伍到达 %1 · 到达后首张图像 %2（目标 10 分钟）· 首个全景 %3（目标 30 分钟）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The position must be longitude, latitude in degrees, e.g. 106.55, 29.56.</source>
        <translation>位置须为经度, 纬度（度），例如 106.55, 29.56。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 new item(s)</source>
        <translation>新增 %1 条</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 already here (same file)</source>
        <translation>%1 条已存在（相同文件）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>not a readable image (damaged or cut off)</source>
        <translation>无法读取的图像（已损坏或不完整）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a readable clip (damaged or cut off)</source>
        <translation>无法读取的视频（已损坏或不完整）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not a photo or video this app knows</source>
        <translation>不是本程序支持的照片或视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>clips need ffmpeg, which is not installed</source>
        <translation>视频需要 ffmpeg，但未安装</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot be stored (disk full?)</source>
        <translation>无法保存（磁盘已满？）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>refused by the store</source>
        <translation>被数据库拒绝</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Import photos and clips</source>
        <translation>导入照片和视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos and clips (*.jpg *.jpeg *.png *.tif *.tiff *.webp *.mp4 *.mov *.mkv *.ts *.avi)</source>
        <translation>照片和视频 (*.jpg *.jpeg *.png *.tif *.tiff *.webp *.mp4 *.mov *.mkv *.ts *.avi)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Watch a folder (camera card, shared folder)</source>
        <translation>监视文件夹（相机存储卡、共享文件夹）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Watching %1: new photos and clips become items</source>
        <translation>正在监视 %1：新照片和视频将自动入库</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The sync engine is not running: nothing can be fetched now.</source>
        <translation>同步引擎未运行：现在无法获取。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Asked for %1 item(s) ahead of everything else</source>
        <translation>已请求优先传输 %1 个条目</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Not a stream address: use rtsp://… or http://…</source>
        <translation>不是视频流地址：请使用 rtsp://… 或 http://…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: stream dropped, reconnecting…</source>
        <translation>%1：视频流中断，正在重连…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: live</source>
        <translation>%1：直播中</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No frame on screen to take.</source>
        <translation>画面中没有可截取的帧。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The frame could not be saved.</source>
        <translation>无法保存该帧。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Snapshot saved as a photo item</source>
        <translation>截图已保存为照片条目</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Select two or more overlapping photos that are complete here.</source>
        <translation>请选择两张或更多已完整接收且有重叠的照片。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The panorama plugin is switched off or could not load: see Plugins → Plugin manager.</source>
        <translation>全景拼接插件已停用或未能加载：请查看“插件 → 插件管理”。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Stitching the panorama…</source>
        <translation>正在拼接全景…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Panorama</source>
        <translation>全景</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Panorama of %1 photos added</source>
        <translation>已添加由 %1 张照片拼成的全景</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Panorama cancelled.</source>
        <translation>已取消全景拼接。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>The photos do not overlap enough to be stitched.</source>
        <translation>照片重叠不足，无法拼接。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The photos could not be lined up.</source>
        <translation>照片无法对齐。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Panorama failed: %1</source>
        <translation>全景拼接失败：%1</translation>
    </message>
</context>
<context>
    <name>FieldName</name>
    <message>
        <location filename="../../ui/labels.py" line="+42"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned to</source>
        <translation>承办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignee kind</source>
        <translation>承办类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued by</source>
        <translation>下达单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Area</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response level</source>
        <translation>响应级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headcount</source>
        <translation>人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Equipment</source>
        <translation>装备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commanding post</source>
        <translation>所属指挥所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call sign</source>
        <translation>呼号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Symbol</source>
        <translation>符号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid until</source>
        <translation>失效时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>预警阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items</source>
        <translation>物资清单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From depot</source>
        <translation>调出仓库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To depot</source>
        <translation>调入仓库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response plan item</source>
        <translation>预案任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First report due within (min)</source>
        <translation>首报时限（分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up report every (min)</source>
        <translation>续报间隔（分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard tasks</source>
        <translation>标准任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledge within</source>
        <translation>签收时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
</context>
<context>
    <name>FieldValue</name>
    <message>
        <location line="+105"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/models/units.py" line="+44"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/firstrun.py" line="+50"/>
        <source>Welcome — Zhijiu Command Post</source>
        <translation>欢迎使用智救指挥所</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer has no command post yet</source>
        <translation>本机尚未建立指挥所</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Its data will be kept in %1.</source>
        <translation>数据将保存在 %1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Create a rear post (HQ)</source>
        <translation>新建后方指挥所(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import an enrollment package from my HQ</source>
        <translation>导入上级下发的入网包(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the &amp;demo (a flood exercise in Yuzhong)</source>
        <translation>打开演示(&amp;D)（渝中区防汛演练）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>e.g. Chongqing Emergency Management Command Centre</source>
        <translation>例如：重庆市应急管理局指挥中心</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Post &amp;name:</source>
        <translation>指挥所名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Level:</source>
        <translation>等级(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This post becomes the roster authority: it enrolls the forward posts that connect to it.</source>
        <translation>本指挥所将成为名册权威：由它为接入的前方指挥所办理入网。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the package file your HQ gave you</source>
        <translation>上级指挥所提供的入网包文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Package:</source>
        <translation>入网包(&amp;P)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>only if the package is sealed</source>
        <translation>仅在入网包已加密时填写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;phrase:</source>
        <translation>口令(&amp;H)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the server key fingerprint with the HQ operator before trusting the link.</source>
        <translation>信任该链路之前，请与上级值班员核对服务器密钥指纹。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A city rear post with a flood exercise: incidents, units, tasks, reports and the map. Sign in as %1 with PIN %2.</source>
        <translation>一个带防汛演练数据的市级后方指挥所：事件、队伍、任务、报告和一张图。请以 %1 登录，PIN 为 %2。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Enrollment package</source>
        <translation>入网包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrollment packages (*.zhijiu *.pkg);;All files (*)</source>
        <translation>入网包 (*.zhijiu *.pkg);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Give the post a name.</source>
        <translation>请填写指挥所名称。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose the enrollment package file.</source>
        <translation>请选择入网包文件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>That did not work: %1</source>
        <translation>操作未成功：%1</translation>
    </message>
</context>
<context>
    <name>GaugesPanel</name>
    <message>
        <location filename="../../ui/board/gauges.py" line="+89"/>
        <source>Gauge</source>
        <translation>测站</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Latest</source>
        <translation>最新读数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning level</source>
        <translation>警戒水位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guaranteed level</source>
        <translation>保证水位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter reading…</source>
        <translation>录入读数…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>m</source>
        <translation>米</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mm</source>
        <translation>毫米</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Above warning level</source>
        <translation>超警戒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Above guaranteed level</source>
        <translation>超保证</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No reading</source>
        <translation>无读数</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Warning level %1</source>
        <translation>警戒水位 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Guaranteed level %1</source>
        <translation>保证水位 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flood standard %1</source>
        <translation>防洪标准 %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Enter reading</source>
        <translation>录入读数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reading</source>
        <translation>读数</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import gauge readings</source>
        <translation>导入测站读数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>IncidentCategory</name>
    <message>
        <location filename="../../ui/labels.py" line="-272"/>
        <source>Flood</source>
        <translation>洪涝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Landslide</source>
        <translation>滑坡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fire</source>
        <translation>火灾</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hazardous chemicals</source>
        <translation>危化品事故</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earthquake</source>
        <translation>地震</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rainstorm</source>
        <translation>暴雨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>IncidentStatus</name>
    <message>
        <location line="+4"/>
        <source>Responding</source>
        <translation>处置中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>已结束</translation>
    </message>
</context>
<context>
    <name>IssueTaskDialog</name>
    <message>
        <location filename="../../ui/forms/issue_task.py" line="+153"/>
        <source>Issue an order</source>
        <translation>下达指令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Order:</source>
        <translation>指令(&amp;O)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Incident:</source>
        <translation>事件(&amp;I)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Assign to:</source>
        <translation>承办(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Priority:</source>
        <translation>紧急程度(&amp;P)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Deadline:</source>
        <translation>完成时限(&amp;D)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ac&amp;knowledge within:</source>
        <translation>签收时限(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Location:</source>
        <translation>位置：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>D&amp;escription:</source>
        <translation>说明(&amp;E)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attachments:</source>
        <translation>附件：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What is to be done, in one line</source>
        <translation>一句话说明要做什么</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no acknowledgement time</source>
        <translation>不限签收时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lat</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lon</source>
        <translation>经度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 29.5520</source>
        <translation>如 29.5520</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. 106.5697</source>
        <translation>如 106.5697</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick on map</source>
        <translation>地图选点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click the place on the map; the coordinates fill in here</source>
        <translation>在地图上点击位置，坐标将自动填入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue</source>
        <translation>下达</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images (*.jpg *.jpeg *.png);;All files (*)</source>
        <translation>图片 (*.jpg *.jpeg *.png);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Say what is to be done (the order needs a title).</source>
        <translation>请填写要做什么（指令需要标题）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the team or post that is to carry out the order.</source>
        <translation>请选择承办该指令的队伍或指挥所。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The location needs a latitude (−90…90) and a longitude (−180…180) in decimal degrees.</source>
        <translation>位置需要十进制度数的纬度（−90…90）和经度（−180…180）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The deadline has already passed.</source>
        <translation>完成时限已过。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The attachment %1 cannot be read.</source>
        <translation>无法读取附件 %1。</translation>
    </message>
</context>
<context>
    <name>KanbanBoard</name>
    <message>
        <location filename="../../ui/kanban.py" line="+77"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>Level</name>
    <message>
        <location filename="../../ui/labels.py" line="-75"/>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District / county</source>
        <translation>区县级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Township (street)</source>
        <translation>乡镇（街道）级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Village (community)</source>
        <translation>村（社区）级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On scene</source>
        <translation>现场</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Individual responder</source>
        <translation>单兵</translation>
    </message>
</context>
<context>
    <name>LevelBanner</name>
    <message>
        <location filename="../../ui/board/tiles.py" line="+129"/>
        <source>%1 warning in force</source>
        <translation>%1生效中</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No warning in force</source>
        <translation>无预警生效</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No emergency response</source>
        <translation>未启动应急响应</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>REPLAY %1</source>
        <translation>复盘回放 %1</translation>
    </message>
</context>
<context>
    <name>LinkCardDialog</name>
    <message>
        <location filename="../../ui/link_card.py" line="+202"/>
        <source>This post&apos;s key and QR code</source>
        <translation>本所密钥与二维码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This post</source>
        <translation>本所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Peers trusted here</source>
        <translation>本所信任的对端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check an enrollment package</source>
        <translation>核对注册包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Before a link is trusted, the operator at the other post compares this address and fingerprint, group by group, with what their package or peer list says — or scans the QR code.</source>
        <translation>信任链路之前，请对方指挥所的操作员将此地址和指纹与其注册包或对端配置逐组核对，或扫描二维码。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This post connects to no other post. Importing an enrollment package or “zhijiu peer add” configures one.</source>
        <translation>本所未配置要连接的对端。导入注册包或执行“zhijiu peer add”即可配置。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a package…</source>
        <translation>选择注册包…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose the enrollment package file to see the address and key it will trust.</source>
        <translation>选择注册包文件，查看它将信任的地址和密钥。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not listening (this post only connects out)</source>
        <translation>未监听（本所只主动连接对端）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Listening on every network interface: give the other post this computer&apos;s own address with this port.</source>
        <translation>正在所有网络接口上监听：请把本机的实际地址和此端口告知对方指挥所。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (this post)</source>
        <translation>%1（本所）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Peer at %1</source>
        <translation>对端 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This post trusts this key for this address. Its operator&apos;s card must show the same fingerprint.</source>
        <translation>本所对此地址只信任此密钥。对方操作员显示的指纹必须与此相同。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose an enrollment package</source>
        <translation>选择注册包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enrollment packages (%1);;All files (*)</source>
        <translation>注册包 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not an enrollment package: %1</source>
        <translation>不是注册包：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Package for “%1” (%2)</source>
        <translation>“%1”（%2）的注册包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The post that imports this package connects to this address and trusts only this key.</source>
        <translation>导入此注册包的指挥所将连接此地址，并且只信任此密钥。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>✓ This package connects to this post: the key is this post&apos;s own.</source>
        <translation>✓ 此注册包连接的正是本所：密钥为本所密钥。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✓ Same address and key as the peer configured here.</source>
        <translation>✓ 地址和密钥与本所已配置的对端一致。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✗ The key differs from the one configured here for this address. Do not trust this link until the operators have checked it.</source>
        <translation>✗ 密钥与本所为此地址配置的密钥不一致。在双方操作员核实之前，不要信任该链路。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compare the fingerprint, group by group, with the card of the post at this address before trusting the link.</source>
        <translation>信任该链路之前，请将指纹与该地址所在指挥所显示的链路信息逐组核对。</translation>
    </message>
</context>
<context>
    <name>LinkCardView</name>
    <message>
        <location line="-220"/>
        <source>Address:</source>
        <translation>地址：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public key (CURVE):</source>
        <translation>公钥（CURVE）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fingerprint:</source>
        <translation>指纹：</translation>
    </message>
</context>
<context>
    <name>LinkDock</name>
    <message>
        <location filename="../../ui/docks/link.py" line="+139"/>
        <source>Link status</source>
        <translation>链路状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This post&apos;s key and QR code…</source>
        <translation>本所密钥与二维码…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Listening on %1</source>
        <translation>监听 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not accepting connections (connects out only)</source>
        <translation>不接受连入（只主动连接）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync is not running</source>
        <translation>同步未运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This post: %1 · key %2</source>
        <translation>本所：%1 · 密钥指纹 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No peers. This post syncs with the posts in its peer list (zhijiu peer add, or an enrollment package) and with those that connect to it.</source>
        <translation>暂无对端。本所与对端列表中的指挥所（zhijiu peer add 或注册包配置）以及连入本所的指挥所同步。</translation>
    </message>
</context>
<context>
    <name>LinkError</name>
    <message>
        <location filename="../../ui/models/link.py" line="+42"/>
        <source>No answer: the link looks dead</source>
        <translation>无应答：链路可能已中断</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Handshake refused: the server key is wrong, or this post is not admitted</source>
        <translation>握手被拒绝：服务器密钥不符，或本所未获准接入</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sending failed: %1</source>
        <translation>发送失败：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bad data received: %1</source>
        <translation>收到无效数据：%1</translation>
    </message>
</context>
<context>
    <name>LinkSummary</name>
    <message>
        <location line="+67"/>
        <source>Standalone (no sync configured)</source>
        <translation>单机（未配置同步）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Listening · %1 connected</source>
        <translation>监听中 · 已连入 %1 个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Online %1/%2 · %3 waiting to send</source>
        <translation>在线 %1/%2 · %3 项待发送</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Online %1/%2</source>
        <translation>在线 %1/%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sync not running</source>
        <translation>同步未运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline · nothing waiting</source>
        <translation>离线 · 无待发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline · %1 waiting to send</source>
        <translation>离线 · %1 项待发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offline · sync is not running</source>
        <translation>离线 · 同步未运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline · no configured peer reached yet</source>
        <translation>离线 · 尚未连通任何对端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline · nothing waiting to send</source>
        <translation>离线 · 没有待发送的更改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline · %1 changes waiting to send</source>
        <translation>离线 · %1 项更改待发送</translation>
    </message>
</context>
<context>
    <name>LinkTableModel</name>
    <message>
        <location line="+38"/>
        <source>Peer</source>
        <translation>对端</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last contact</source>
        <translation>最近联系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RTT</source>
        <translation>往返时延</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending</source>
        <translation>发送速率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receiving</source>
        <translation>接收速率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to send</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clock skew</source>
        <translation>时钟偏差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate budget</source>
        <translation>带宽预算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last error</source>
        <translation>最近错误</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Outgoing</source>
        <translation>连出</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Incoming</source>
        <translation>连入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Address: %1</source>
        <translation>地址：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Key fingerprint: %1</source>
        <translation>密钥指纹：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Post id: %1</source>
        <translation>指挥所标识：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Changes held here that this peer has not received yet</source>
        <translation>本所已有而该对端尚未收到的更改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The peer&apos;s clock differs from this computer&apos;s; times it writes may look early or late here.</source>
        <translation>对端时钟与本机相差较大，其记录的时间在本所可能显得偏早或偏晚。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 bytes, %2 changes in total</source>
        <translation>累计 %1 字节，%2 项更改</translation>
    </message>
</context>
<context>
    <name>LockView</name>
    <message>
        <location filename="../../ui/lock.py" line="+160"/>
        <source>Screen locked</source>
        <translation>屏幕已锁定</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 — signed in: %2. Enter the PIN to continue, or choose another operator.</source>
        <translation>%1 — 当前值班员：%2。输入 PIN 码继续，或选择其他值班员登录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Operator:</source>
        <translation>值班员(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;PIN:</source>
        <translation>PIN 码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Wrong PIN.</source>
        <translation>PIN 码错误。</translation>
    </message>
</context>
<context>
    <name>LogCategory</name>
    <message>
        <location filename="../../ui/labels.py" line="+50"/>
        <source>Duty</source>
        <translation>值班</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shift handover</source>
        <translation>值班交接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consultation</source>
        <translation>会商研判</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order</source>
        <translation>指令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+423"/>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2（%3）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator: %1</source>
        <translation>值班员：%1</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>This post is not linked to any other post yet.</source>
        <translation>本指挥所尚未与其他指挥所建立连接。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other posts can connect to this one; it connects to none itself.</source>
        <translation>其他指挥所可以连入本所；本所不主动连接任何对端。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No configured peer is connected. Changes made here are kept and sent when the link returns.</source>
        <translation>没有已配置的对端在线。本所的更改保存在本机，链路恢复后自动发送。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sync engine is not running: this window works offline.</source>
        <translation>同步引擎未运行：本窗口以离线方式工作。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>See the link status dock.</source>
        <translation>详见“链路状态”窗口。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Other posts cannot connect to this one: listening at %1 failed (%2). This post still connects to its own peers.</source>
        <translation>其他指挥所无法连入本所：无法在 %1 监听（%2）。本所仍会连接已配置的对端。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sync could not start (%1). This window works offline: changes are kept on this computer and sent once sync runs again.</source>
        <translation>同步无法启动（%1）。本窗口以离线方式工作：更改保存在本机，同步恢复后再发送。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Ops: %1</source>
        <translation>操作数：%1</translation>
    </message>
    <message>
        <location line="+120"/>
        <source>%1 — locked</source>
        <translation>%1 — 已锁定</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>Zhijiu Command Post</source>
        <translation>智救指挥所</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Post</source>
        <translation>指挥所(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lock screen</source>
        <translation>锁定屏幕(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock &amp;after</source>
        <translation>自动锁屏(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>After %1 min idle</source>
        <translation>空闲 %1 分钟后</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lin&amp;k</source>
        <translation>链路(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This post&apos;s &amp;key and QR code…</source>
        <translation>本所密钥与二维码(&amp;K)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Check an enrollment package…</source>
        <translation>核对注册包(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reset layout</source>
        <translation>恢复默认布局(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation>语言 Language(&amp;L)</translation>
    </message>
</context>
<context>
    <name>MapDock</name>
    <message>
        <location filename="../../ui/docks/map.py" line="+251"/>
        <source>The map cannot be shown: its web assets are not installed (%1). Run “make setup” (it runs npm ci and copies them).</source>
        <translation>无法显示地图：地图网页资源未安装（%1）。请运行“make setup”（会执行 npm ci 并复制资源）。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Map</source>
        <translation>一张图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find on the map…</source>
        <translation>在地图上查找…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit to incident</source>
        <translation>定位事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plot</source>
        <translation>标绘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw a point, line or area and make it a map feature (标绘)</source>
        <translation>绘制点、线或面，作为标绘要素保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Point</source>
        <translation>点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Line</source>
        <translation>线</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Area</source>
        <translation>面</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measure</source>
        <translation>量算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit shape</source>
        <translation>编辑形状</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save shape</source>
        <translation>保存形状</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel edit</source>
        <translation>取消编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Night</source>
        <translation>夜间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark map for vehicles and night duty</source>
        <translation>深色地图，适合车载和夜间值守</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+37"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location line="-36"/>
        <location line="+115"/>
        <location line="+7"/>
        <source>Base map</source>
        <translation>底图</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>Open MBTiles file…</source>
        <translation>打开 MBTiles 文件…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download this area for offline use…</source>
        <translation>下载此区域供离线使用…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>天地图 access key…</source>
        <translation>天地图密钥…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image (PNG)…</source>
        <translation>图片（PNG）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF…</source>
        <translation>PDF…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Click to show or hide the symbols</source>
        <translation>点击展开或收起图例</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Offline vector map</source>
        <translation>离线矢量底图</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (MBTiles)</source>
        <translation>%1（MBTiles）</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>This file cannot be used as a base map:
%1</source>
        <translation>此文件不能用作底图：
%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 holds vector tiles (%2); only image tiles can be shown.</source>
        <translation>%1 是矢量瓦片（%2），目前只能显示图片瓦片。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Open an MBTiles base map</source>
        <translation>打开 MBTiles 底图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>MBTiles packages (*.mbtiles);;All files (*)</source>
        <translation>MBTiles 瓦片包 (*.mbtiles);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>天地图 access key</source>
        <translation>天地图密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The agency&apos;s 天地图 key (tk), for the 天地图 base maps:</source>
        <translation>本单位的天地图密钥（tk），用于天地图底图：</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Point at the map to read coordinates</source>
        <translation>将鼠标移到地图上读取坐标</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Area: %1</source>
        <translation>面积：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Distance: %1</source>
        <translation>距离：%1</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>No open incident</source>
        <translation>没有处置中的事件</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Nothing on the map is called “%1”.</source>
        <translation>地图上没有名为“%1”的对象。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Click the map where it is (Esc cancels)</source>
        <translation>在地图上点击所在位置（Esc 取消）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draw the area on the map, click its first point to close it (Esc cancels)</source>
        <translation>在地图上绘制范围，点击第一个点闭合（Esc 取消）</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Delete map feature</source>
        <translation>删除标绘要素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete “%1” from the map on every post?</source>
        <translation>要在所有指挥部的地图上删除“%1”吗？</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Export the map</source>
        <translation>导出地图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 — situation map</source>
        <translation>%1 — 态势图</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>N</source>
        <translation>北</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>MapLayers</name>
    <message>
        <location filename="../../ui/map/features.py" line="+38"/>
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning areas</source>
        <translation>预警区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hazards and risk points</source>
        <translation>险情与风险点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plotted features</source>
        <translation>标绘要素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command posts</source>
        <translation>指挥部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rescue teams</source>
        <translation>救援队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shelters</source>
        <translation>避难场所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supply depots</source>
        <translation>物资储备库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images and video</source>
        <translation>图传（照片和视频）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 people</source>
        <translation>%1 人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Occupied %1 of %2 places</source>
        <translation>已安置 %1 / %2 人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline %1</source>
        <translation>时限 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OVERDUE</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned to %1</source>
        <translation>承办：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident: %1</source>
        <translation>事件：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commanded by %1</source>
        <translation>隶属：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid until %1</source>
        <translation>有效至 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken %1</source>
        <translation>拍摄于 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call sign %1</source>
        <translation>呼号 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest reading %1 at %2</source>
        <translation>最新读数 %1（%2）</translation>
    </message>
</context>
<context>
    <name>MapSymbols</name>
    <message>
        <location filename="../../ui/map/symbols.py" line="+169"/>
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response level (badge)</source>
        <translation>响应级别（角标）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hazards and risk points</source>
        <translation>险情与风险点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rescue teams</source>
        <translation>救援队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team status (badge)</source>
        <translation>队伍状态（角标）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shelters, depots, posts</source>
        <translation>避难场所、储备库、指挥部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning areas</source>
        <translation>预警区域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plotted features</source>
        <translation>标绘要素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images and video</source>
        <translation>图传（照片和视频）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Overdue task</source>
        <translation>超时任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>level not given</source>
        <translation>未定级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shelter places: room left</source>
        <translation>安置容量：尚有余量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shelter places: nearly full (80%)</source>
        <translation>安置容量：接近满员（80%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shelter places: full</source>
        <translation>安置容量：已满</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident area</source>
        <translation>事件范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 warning</source>
        <translation>%1范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (line)</source>
        <translation>%1（线）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (area)</source>
        <translation>%1（面）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gauge above its warning level</source>
        <translation>水位站 · 超警戒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gauge above its guaranteed level</source>
        <translation>水位站 · 超保证</translation>
    </message>
</context>
<context>
    <name>Media</name>
    <message>
        <location filename="../../ui/media.py" line="+31"/>
        <source>there is no such file (moved, renamed or deleted?)</source>
        <translation>文件不存在（已被移动、改名或删除？）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>this account may not read it</source>
        <translation>当前账户无权读取该文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is a folder, not a file</source>
        <translation>这是文件夹，不是文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is larger than 64 MB</source>
        <translation>文件超过 64 MB</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The photo file %1 cannot be read: %2.</source>
        <translation>照片文件“%1”无法读取：%2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>File cannot be read</source>
        <translation>文件无法读取</translation>
    </message>
</context>
<context>
    <name>MediaKind</name>
    <message>
        <location filename="../../ui/labels.py" line="+93"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Panorama</source>
        <translation>全景图</translation>
    </message>
</context>
<context>
    <name>MessageTableModel</name>
    <message>
        <location filename="../../ui/models/messages.py" line="+27"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>发件方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>收件方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipt</source>
        <translation>回执</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>read %1</source>
        <translation>已读 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>delivered %1</source>
        <translation>已送达 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not delivered yet</source>
        <translation>尚未送达</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <location filename="../../ui/docks/link.py" line="-101"/>
        <source>Changes made here are kept on this computer and sent when the link returns.</source>
        <translation>本所的更改保存在本机，链路恢复后自动发送。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 Last contact: %2.</source>
        <translation>%1最近联系：%2。</translation>
    </message>
</context>
<context>
    <name>PlansDock</name>
    <message>
        <location filename="../../ui/docks/plans.py" line="+130"/>
        <source>Response plans</source>
        <translation>应急预案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declare or raise the response level</source>
        <translation>启动或提升应急响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declare</source>
        <translation>启动响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Plan:</source>
        <translation>预案(&amp;P)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Incident &amp;type:</source>
        <translation>事件类型(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Response &amp;level:</source>
        <translation>响应级别(&amp;L)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Standard task</source>
        <translation>标准任务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Priority</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deadline (min)</source>
        <translation>完成时限（分钟）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledge (min)</source>
        <translation>签收时限（分钟）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New plan</source>
        <translation>新建预案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add task</source>
        <translation>添加任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove task</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save plan</source>
        <translation>保存预案</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Row %1: minutes are a whole number above 0.</source>
        <translation>第 %1 行：分钟数须为大于 0 的整数。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Row %1: a standard task needs a title.</source>
        <translation>第 %1 行：标准任务需要名称。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A plan needs a name and at least one standard task.</source>
        <translation>预案需要名称和至少一项标准任务。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 response declared: %2 standard tasks issued.</source>
        <translation>已启动%1：下达标准任务 %2 项。</translation>
    </message>
</context>
<context>
    <name>PlotDialog</name>
    <message>
        <location filename="../../ui/map/dialogs.py" line="-254"/>
        <location line="+5"/>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Level:</source>
        <translation>等级(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Capacity:</source>
        <translation>容量(&amp;C)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Incident:</source>
        <translation>所属事件(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;ote:</source>
        <translation>备注(&amp;O)：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>New map feature</source>
        <translation>新建标绘要素</translation>
    </message>
</context>
<context>
    <name>PluginLayers</name>
    <message>
        <location filename="../../ui/map/plugin_layers.py" line="+235"/>
        <source>map layer “%1”: %2</source>
        <translation>地图图层“%1”：%2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Plugin layers</source>
        <translation>插件图层</translation>
    </message>
</context>
<context>
    <name>PluginManagerDialog</name>
    <message>
        <location filename="../../ui/plugins/manager.py" line="+85"/>
        <source>Plugins</source>
        <translation>插件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plugins add formats, bridges and views. A plugin that fails is shown here with its error; the rest of the program keeps working. What you switch on or off is kept for this post.</source>
        <translation>插件提供数据格式、互通桥接和视图。加载失败的插件在此显示错误原因，程序其余部分照常工作。启用或停用的设置按本指挥所保存。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Plugin</source>
        <translation>插件</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show its view</source>
        <translation>显示其视图</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>built in</source>
        <translation>内置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>plugin folder</source>
        <translation>插件文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>installed package</source>
        <translation>已安装的软件包</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loaded, with a problem: %1</source>
        <translation>已加载，运行出错：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed: %1</source>
        <translation>加载失败：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loaded</source>
        <translation>已加载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not loaded</source>
        <translation>未加载</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Found at: %1</source>
        <translation>位置：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contributes: %1</source>
        <translation>提供：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error: %1</source>
        <translation>错误：%1</translation>
    </message>
</context>
<context>
    <name>PluginMenu</name>
    <message>
        <location filename="../../ui/plugins/menu.py" line="+57"/>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Plu&amp;gins</source>
        <translation>插件(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Plugin manager…</source>
        <translation>插件管理(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import a file…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export as</source>
        <translation>导出为(&amp;E)</translation>
    </message>
</context>
<context>
    <name>Priority</name>
    <message>
        <location filename="../../ui/labels.py" line="-173"/>
        <source>Urgent</source>
        <translation>特急</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low</source>
        <translation>缓办</translation>
    </message>
</context>
<context>
    <name>ReadOnlyGuard</name>
    <message>
        <location filename="../../ui/docks/map.py" line="-278"/>
        <location filename="../../ui/replay/read_only.py" line="+23"/>
        <source>Replaying: read-only</source>
        <translation>回放中，只读</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <location filename="../../ui/reasons.py" line="+19"/>
        <source>Only the post that issued this task may cancel or reassign it.</source>
        <translation>只有下达该任务的指挥所才能撤销或改派该任务。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This task is not assigned to this post or to a team it commands.</source>
        <translation>该任务未下达给本指挥所或本指挥所所属的救援队伍。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A post a task is assigned to may only acknowledge it, work on it and report on it.</source>
        <translation>承办单位只能签收、执行和反馈任务。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A forward command post issues tasks only to the teams it commands.</source>
        <translation>前方指挥部只能向所属救援队伍下达任务。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A task must name this post as its issuer.</source>
        <translation>任务的下达单位必须是本指挥所。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An observer post writes only messages and duty-log entries.</source>
        <translation>观察席只能发送消息和填写值班日志。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the roster authority (the city rear HQ) changes the roster of posts.</source>
        <translation>只有名册管理方（市级后方指挥部）才能修改指挥所名册。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A forward command post edits only the teams it commands.</source>
        <translation>前方指挥部只能修改所属救援队伍的信息。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This post has been revoked from the roster.</source>
        <translation>本指挥所已被移出名册。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only the post a message was sent to confirms its delivery or reading.</source>
        <translation>只有消息的接收方才能确认送达或已读。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This conflict has already been resolved.</source>
        <translation>该冲突已经裁定。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This post has no identity to sign changes with.</source>
        <translation>本指挥所没有可用于签名的身份。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The deadline has already passed.</source>
        <translation>完成时限已过。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The order needs a title that says what is to be done.</source>
        <translation>指令需要标题，写明要做什么。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not enough %1 in the depot: %2 asked, the depot holds none.</source>
        <translation>库存不足：%1 需 %2，本储备库没有此物资。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not enough %1 in the depot: %2 asked, %3 there.</source>
        <translation>库存不足：%1 需 %2，库中仅有 %3。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not enough %1 in the depot: %2 left.</source>
        <translation>库存不足：%1 仅剩 %2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No such photo or file at this post: %1.</source>
        <translation>本指挥所没有此照片或文件：%1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A forward command post may not change this kind of record: %1.</source>
        <translation>前方指挥部无权修改此类记录：%1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The record no longer exists: %1.</source>
        <translation>该记录已不存在：%1。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The change was refused: %1</source>
        <translation>修改被拒绝：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+19"/>
        <source>Not allowed</source>
        <translation>无权操作</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Nothing was changed.</source>
        <translation>未做任何修改。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message>
        <location filename="../../ui/replay/bar.py" line="+125"/>
        <source>Back to live</source>
        <translation>返回实时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replay</source>
        <translation>复盘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review the incident as it was at any moment</source>
        <translation>按任意时刻回看事件态势</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1×</source>
        <translation>%1 倍速</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orange ticks: orders issued. Blue ticks: reports received.</source>
        <translation>橙色刻度：指令下达；蓝色刻度：收到报告。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indexing %p%</source>
        <translation>建立索引 %p%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Making the replay index: until it is done, a jump takes longer</source>
        <translation>正在建立复盘索引：完成前跳转会慢一些</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop making the replay index (jumps stay correct, only slower)</source>
        <translation>停止建立复盘索引（跳转仍然准确，只是慢一些）</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Live</source>
        <translation>实时</translation>
    </message>
</context>
<context>
    <name>ReportCategory</name>
    <message>
        <location filename="../../ui/labels.py" line="+49"/>
        <source>Rainfall</source>
        <translation>雨情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>River levels</source>
        <translation>水情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flood</source>
        <translation>汛情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hazard</source>
        <translation>险情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disaster</source>
        <translation>灾情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flood-control works</source>
        <translation>工情</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public opinion</source>
        <translation>舆情</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <location filename="../../ui/forms/report.py" line="+137"/>
        <source>File a report</source>
        <translation>信息报送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Incident:</source>
        <translation>事件(&amp;I)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Report:</source>
        <translation>报送类型(&amp;R)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Location:</source>
        <translation>位置：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Text:</source>
        <translation>内容(&amp;T)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Photos:</source>
        <translation>照片：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Figures (the totals this post knows now):</source>
        <translation>数据（本指挥所目前掌握的累计数）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> ×10k yuan</source>
        <translation> 万元</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lat</source>
        <translation>纬度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lon</source>
        <translation>经度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick on map</source>
        <translation>地图选点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File report</source>
        <translation>报送</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images (*.jpg *.jpeg *.png)</source>
        <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no open incident to report on.</source>
        <translation>没有可报送的进行中事件。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The location needs a latitude (−90…90) and a longitude (−180…180) in decimal degrees.</source>
        <translation>位置需要十进制度数的纬度（−90…90）和经度（−180…180）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This post has already filed its first report on this incident: file a follow-up report.</source>
        <translation>本单位已报送过该事件的首报，请报送续报。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This post has not filed its first report on this incident yet: file the first report first.</source>
        <translation>本单位尚未报送该事件的首报，请先报送首报。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This post has filed its final report on this incident and takes no more reports on it.</source>
        <translation>本单位已报送该事件的终报，不再接受该事件的报告。</translation>
    </message>
</context>
<context>
    <name>ReportFigure</name>
    <message>
        <location filename="../../ui/labels.py" line="+4"/>
        <source>Dead</source>
        <translation>死亡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing</source>
        <translation>失踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Injured</source>
        <translation>受伤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trapped</source>
        <translation>被困</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgently evacuated</source>
        <translation>紧急转移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relocated</source>
        <translation>转移安置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Houses damaged</source>
        <translation>房屋受损</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direct loss (10k yuan)</source>
        <translation>直接经济损失（万元）</translation>
    </message>
</context>
<context>
    <name>ReportKind</name>
    <message>
        <location line="-23"/>
        <source>First report</source>
        <translation>首报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up report</source>
        <translation>续报</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final report</source>
        <translation>终报</translation>
    </message>
</context>
<context>
    <name>ReportTableModel</name>
    <message>
        <location filename="../../ui/models/reports.py" line="+22"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>报送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dead</source>
        <translation>死亡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing</source>
        <translation>失踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Injured</source>
        <translation>受伤</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trapped</source>
        <translation>被困</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evacuated</source>
        <translation>转移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relocated</source>
        <translation>安置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reported by</source>
        <translation>报送单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>ReportsDock</name>
    <message>
        <location filename="../../ui/docks/reports.py" line="+172"/>
        <source>Reports and duty log</source>
        <translation>信息报送与值班日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reports</source>
        <translation>信息报送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duty log</source>
        <translation>值班日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File report…</source>
        <translation>报送信息…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Situation report (PDF)…</source>
        <translation>情况报告（PDF）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New duty-log entry…</source>
        <translation>新的值班记录…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add entry</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand over shift…</source>
        <translation>值班交接…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short message…</source>
        <translation>短消息…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>The report was not filed.</source>
        <translation>信息未报送。</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+31"/>
        <source>Situation report</source>
        <translation>情况报告</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Incident:</source>
        <translation>事件：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save the situation report in</source>
        <translation>情况报告保存到</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exporting the situation report…</source>
        <translation>正在导出情况报告…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Taking the map snapshot…</source>
        <translation>正在截取态势图…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Writing the report…</source>
        <translation>正在生成报告…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laying out the pages…</source>
        <translation>正在排版…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Printing the PDF…</source>
        <translation>正在生成 PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Written:
%1
%2</source>
        <translation>已生成：
%1
%2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Hand over shift</source>
        <translation>值班交接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The summary of what is open is written to the duty log.
Handed over to:</source>
        <translation>在办事项摘要将写入值班日志。
交接给：</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no figures reported yet</source>
        <translation>尚未报送数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open incident.</source>
        <translation>当前没有正在处置的事件。</translation>
    </message>
</context>
<context>
    <name>ResponseLevel</name>
    <message>
        <location filename="../../ui/labels.py" line="+49"/>
        <source>Level I response</source>
        <translation>Ⅰ级响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level II response</source>
        <translation>Ⅱ级响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level III response</source>
        <translation>Ⅲ级响应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level IV response</source>
        <translation>Ⅳ级响应</translation>
    </message>
</context>
<context>
    <name>RiskLevel</name>
    <message>
        <location line="+58"/>
        <source>Low</source>
        <translation>低风险</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>一般</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serious</source>
        <translation>较大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major</source>
        <translation>重大</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location line="-149"/>
        <source>Rear HQ</source>
        <translation>后方指挥部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forward command post</source>
        <translation>前方指挥部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Observer</source>
        <translation>观察席</translation>
    </message>
</context>
<context>
    <name>ShelterKind</name>
    <message>
        <location line="+151"/>
        <source>Emergency</source>
        <translation>紧急避难场所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short-term</source>
        <translation>短期避难场所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Long-term</source>
        <translation>长期避难场所</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/signin.py" line="+69"/>
        <source>Sign in — Zhijiu Command Post</source>
        <translation>登录 — 智救指挥所</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No operator has been set up at this post yet. Create the first one: the name goes on every order and report written here.</source>
        <translation>本指挥所尚未设置值班员。请创建第一位值班员：在此下达的每条指令、报送的每份信息都会署上这个姓名。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;PIN (4–12 digits):</source>
        <translation>PIN 码(&amp;P)（4–12 位数字）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PIN &amp;again:</source>
        <translation>再次输入(&amp;A)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in with your name and PIN.</source>
        <translation>请选择值班员并输入 PIN 码登录。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Operator:</source>
        <translation>值班员(&amp;O)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;PIN:</source>
        <translation>PIN 码(&amp;P)：</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Create and sign in</source>
        <translation>创建并登录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Enter a name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The PIN needs at least 4 digits.</source>
        <translation>PIN 码至少需要 4 位数字。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The two PINs differ.</source>
        <translation>两次输入的 PIN 码不一致。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not save the operator: %1</source>
        <translation>无法保存值班员：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wrong PIN.</source>
        <translation>PIN 码错误。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Wrong PIN. Try again in %1 s.</source>
        <translation>PIN 码错误。请 %1 秒后重试。</translation>
    </message>
</context>
<context>
    <name>TaskDetail</name>
    <message>
        <location filename="../../ui/task_detail.py" line="+110"/>
        <source>(photo not received yet)</source>
        <translation>（照片尚未收到）</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned to</source>
        <translation>承办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued by</source>
        <translation>下达单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued at</source>
        <translation>下达时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Acknowledge within</source>
        <translation>签收时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Duplicate plan task: %1 issued this plan line first; it counts once</source>
        <translation>重复的预案任务：%1 已先下达同一预案任务，只计一次</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Attachments:</source>
        <translation>附件：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>refused: %1</source>
        <translation>被拒绝：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>History</source>
        <translation>处置记录</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>progress %1%</source>
        <translation>进度 %1%</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Feedback</source>
        <translation>反馈</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No feedback yet.</source>
        <translation>暂无反馈。</translation>
    </message>
</context>
<context>
    <name>TaskHistory</name>
    <message>
        <location line="-188"/>
        <source>issued the order</source>
        <translation>下达指令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>set the status</source>
        <translation>更新状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reassigned</source>
        <translation>改派</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cancelled</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reported back</source>
        <translation>反馈</translation>
    </message>
</context>
<context>
    <name>TaskKind</name>
    <message>
        <location filename="../../ui/labels.py" line="+71"/>
        <source>Order</source>
        <translation>指令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supply allocation</source>
        <translation>物资调拨</translation>
    </message>
</context>
<context>
    <name>TaskStatus</name>
    <message>
        <location line="-248"/>
        <source>Issued</source>
        <translation>已下达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Acknowledged</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>执行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not accomplished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <location filename="../../ui/models/tasks.py" line="+61"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>紧急程度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned to</source>
        <translation>承办</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued by</source>
        <translation>下达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+302"/>
        <source>Duplicate plan task: another post issued this plan line first; it counts once.</source>
        <translation>重复的预案任务：其他指挥部已先行下达同一预案任务，只计一次。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overdue: the deadline %1 has passed and the task is still open.</source>
        <translation>已超时：完成时限 %1 已过，任务仍未结束。</translation>
    </message>
</context>
<context>
    <name>TasksDock</name>
    <message>
        <location filename="../../ui/docks/tasks.py" line="+230"/>
        <source>Tasks</source>
        <translation>任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Incident:</source>
        <translation>事件(&amp;I)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Assigned to:</source>
        <translation>承办(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kanban</source>
        <translation>看板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue order…</source>
        <translation>下达指令…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan tasks this post issued that another post had issued first (both declared the level at once). They count once; cancel this post&apos;s copies.</source>
        <translation>本指挥部下达的预案任务中，有其他指挥部已先行下达的（双方同时启动了响应）。重复的只计一次；撤销本指挥部下达的重复任务。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Feedback on the selected task…</source>
        <translation>对所选任务的反馈…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+254"/>
        <location line="+27"/>
        <source>Photo…</source>
        <translation>照片…</translation>
    </message>
    <message>
        <location line="-280"/>
        <source>Send feedback</source>
        <translation>发送反馈</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acknowledge</source>
        <translation>签收</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start work</source>
        <translation>开始执行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not accomplished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel task</source>
        <translation>撤销任务</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Loading tasks…</source>
        <translation>正在载入任务…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel duplicate plan tasks (%1)</source>
        <translation>撤销重复任务（%1）</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>%1 acknowledged, %2 refused:</source>
        <translation>%1 项已签收，%2 项被拒绝：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 started, %2 refused:</source>
        <translation>%1 项已开始执行，%2 项被拒绝：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 done, %2 refused:</source>
        <translation>%1 项已完成，%2 项被拒绝：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 marked not accomplished, %2 refused:</source>
        <translation>%1 项已标为未完成，%2 项被拒绝：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 cancelled, %2 refused:</source>
        <translation>%1 项已撤销，%2 项被拒绝：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Attach photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Images (*.jpg *.jpeg *.png)</source>
        <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photo… (%1)</source>
        <translation>照片…（%1）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Nothing was sent.</source>
        <translation>未发送任何内容。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The order was not issued.</source>
        <translation>指令未下达。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Select a task to see its history and feedback.</source>
        <translation>选择一项任务，查看其处置记录和反馈。</translation>
    </message>
    <message>
        <location line="-310"/>
        <source>All incidents</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open (not finished)</source>
        <translation>未结束</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Everyone</source>
        <translation>全部承办单位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All posts&apos; tasks</source>
        <translation>全部指挥所的任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issued by this post</source>
        <translation>本指挥所下达的</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assigned to this post</source>
        <translation>下达给本指挥所的</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>%1 of %2 tasks</source>
        <translation>显示 %1 / 共 %2 项任务</translation>
    </message>
</context>
<context>
    <name>TileGrid</name>
    <message>
        <location filename="../../ui/board/tiles.py" line="-56"/>
        <source>of %1 places</source>
        <translation>（容量 %1）</translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <location filename="../../ui/plugins/transfer.py" line="+43"/>
        <source>Another import is still running: wait for it to finish.</source>
        <translation>另一个导入仍在进行：请等它完成。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No plugin reads %1 files. Is the plugin for this format switched on?</source>
        <translation>没有插件能读取 %1 文件。该格式的插件是否已启用？</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+60"/>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location line="-57"/>
        <location line="+59"/>
        <source>%1 cannot be imported: %2</source>
        <translation>%1 无法导入：%2</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Writing %1 of %2 items…</source>
        <translation>正在写入：%1 / %2 项…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: %2 new, %3 changed, %4 unchanged, %5 skipped.</source>
        <translation>%1：新增 %2，更新 %3，未变 %4，跳过 %5。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Import a file</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Files the plugins read (%1)</source>
        <translation>插件可读取的文件 (%1)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-89"/>
        <location line="+96"/>
        <source>Import and export</source>
        <translation>导入与导出</translation>
    </message>
</context>
<context>
    <name>UnitStatus</name>
    <message>
        <location filename="../../ui/labels.py" line="+42"/>
        <source>Standing by</source>
        <translation>待命</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>En route</source>
        <translation>出动途中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On scene</source>
        <translation>到场处置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returning</source>
        <translation>返回途中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off duty</source>
        <translation>休整</translation>
    </message>
</context>
<context>
    <name>UnitTableModel</name>
    <message>
        <location filename="../../ui/models/units.py" line="-24"/>
        <source>Team</source>
        <translation>队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commanded by</source>
        <translation>所属指挥所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call sign</source>
        <translation>呼号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Equipment</source>
        <translation>装备</translation>
    </message>
</context>
<context>
    <name>UnitType</name>
    <message>
        <location filename="../../ui/labels.py" line="-15"/>
        <source>Comprehensive rescue team</source>
        <translation>综合性救援队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Specialist rescue team</source>
        <translation>专业救援队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Volunteer rescue force</source>
        <translation>社会救援力量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grassroots rescue team</source>
        <translation>基层救援队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fire and rescue</source>
        <translation>消防救援</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medical</source>
        <translation>医疗救护</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Militia</source>
        <translation>民兵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>UnitsDock</name>
    <message>
        <location filename="../../ui/docks/units.py" line="+127"/>
        <source>Teams and supplies</source>
        <translation>救援队伍与物资</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teams</source>
        <translation>队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Depots</source>
        <translation>储备库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shelters</source>
        <translation>避难场所</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter teams…</source>
        <translation>筛选队伍…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allocate (调拨)…</source>
        <translation>调拨…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Depot / item</source>
        <translation>储备库 / 物资</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shelter</source>
        <translation>避难场所</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Occupancy</source>
        <translation>已安置</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Room left</source>
        <translation>剩余容量</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 items</source>
        <translation>%1 种物资</translation>
    </message>
</context>
<context>
    <name>WarningDialog</name>
    <message>
        <location filename="../../ui/board/warnings.py" line="+54"/>
        <source>Change warning</source>
        <translation>调整预警</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Issue warning</source>
        <translation>发布预警</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Use the incident&apos;s area</source>
        <translation>使用事件范围</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>预警阶段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tiers that must act</source>
        <translation>响应层级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid from</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Valid until</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw the area on the map…</source>
        <translation>在地图上绘制范围…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Text</source>
        <translation>预警内容</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Drawn area: %1 points</source>
        <translation>已绘制范围：%1 个点</translation>
    </message>
</context>
<context>
    <name>WarningLevel</name>
    <message>
        <location filename="../../ui/labels.py" line="+70"/>
        <source>Blue</source>
        <translation>蓝色预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yellow</source>
        <translation>黄色预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orange</source>
        <translation>橙色预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Red</source>
        <translation>红色预警</translation>
    </message>
</context>
<context>
    <name>WarningStage</name>
    <message>
        <location line="+16"/>
        <source>1-3 days ahead</source>
        <translation>提前1–3天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>6 hours ahead</source>
        <translation>提前6小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 hours ahead</source>
        <translation>提前2小时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Real time</source>
        <translation>实时</translation>
    </message>
</context>
<context>
    <name>WarningStatus</name>
    <message>
        <location line="+11"/>
        <source>In force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lifted</source>
        <translation>已解除</translation>
    </message>
</context>
<context>
    <name>WarningTier</name>
    <message>
        <location line="-8"/>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>District</source>
        <translation>区县级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Township</source>
        <translation>乡镇（街道）级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Village / grid</source>
        <translation>村（社区）/网格</translation>
    </message>
</context>
<context>
    <name>WarningType</name>
    <message>
        <location line="-22"/>
        <source>Rainstorm</source>
        <translation>暴雨</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flood</source>
        <translation>洪水</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Geological hazard</source>
        <translation>地质灾害</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gale</source>
        <translation>大风</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heat</source>
        <translation>高温</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cold wave</source>
        <translation>寒潮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fire danger</source>
        <translation>森林火险</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hazardous chemicals</source>
        <translation>危化品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>WarningsPanel</name>
    <message>
        <location filename="../../ui/board/warnings.py" line="+61"/>
        <source>Warning</source>
        <translation>预警</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Valid until</source>
        <translation>截止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue warning…</source>
        <translation>发布预警…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change…</source>
        <translation>调整…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lift</source>
        <translation>解除</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
</context>
<context>
    <name>run_gui</name>
    <message>
        <location filename="../../ui/app.py" line="+75"/>
        <source>Zhijiu Command Post</source>
        <translation>智救指挥所</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This post is already open in another window or node.

%1</source>
        <translation>该指挥所已在另一个窗口或节点中打开。

%1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cannot open the post&apos;s store:

%1</source>
        <translation>无法打开指挥所数据库：

%1</translation>
    </message>
</context>
</TS>
