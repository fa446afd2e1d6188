<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Ago</name>
    <message>
        <location filename="../../ui/labels.py" line="+323"/>
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
    <name>AssigneeKind</name>
    <message>
        <location line="-274"/>
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
</context>
<context>
    <name>FeatureSymbol</name>
    <message>
        <location line="-47"/>
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
        <location filename="../../ui/docks/feeds.py" line="+175"/>
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
        <location line="+19"/>
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
        <location line="+13"/>
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
        <location filename="../../ui/labels.py" line="+39"/>
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
</context>
<context>
    <name>FieldValue</name>
    <message>
        <location line="+96"/>
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
    <name>IncidentCategory</name>
    <message>
        <location line="-250"/>
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
    <name>Level</name>
    <message>
        <location line="-75"/>
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
        <location filename="../../ui/main_window.py" line="+266"/>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2（%3）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator: %1</source>
        <translation>值班员：%1</translation>
    </message>
    <message>
        <location line="-83"/>
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
        <location line="+65"/>
        <source>Ops: %1</source>
        <translation>操作数：%1</translation>
    </message>
    <message>
        <location line="+115"/>
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
        <location line="+4"/>
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
        <location filename="../../ui/docks/map.py" line="+247"/>
        <source>The map cannot be shown: its web assets are not installed (%1). Run “make setup” (it runs npm ci and copies them).</source>
        <translation>无法显示地图：地图网页资源未安装（%1）。请运行“make setup”（会执行 npm ci 并复制资源）。</translation>
    </message>
    <message>
        <location line="+24"/>
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
        <location line="+114"/>
        <location line="+7"/>
        <source>Base map</source>
        <translation>底图</translation>
    </message>
    <message>
        <location line="-120"/>
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
        <location line="+46"/>
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
        <location line="+60"/>
        <source>No open incident</source>
        <translation>没有处置中的事件</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Nothing on the map is called “%1”.</source>
        <translation>地图上没有名为“%1”的对象。</translation>
    </message>
    <message>
        <location line="+76"/>
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
        <location line="+5"/>
        <source>%1 — situation map</source>
        <translation>%1 — 态势图</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>N</source>
        <translation>北</translation>
    </message>
    <message>
        <location line="+32"/>
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
</context>
<context>
    <name>MapSymbols</name>
    <message>
        <location filename="../../ui/map/symbols.py" line="+164"/>
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
    <name>PlaceholderDock</name>
    <message>
        <location filename="../../ui/docks/placeholders.py" line="+14"/>
        <source>Map</source>
        <translation>一张图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The common operating map arrives in a later version.</source>
        <translation>“一张图”将在后续版本中提供。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Situation</source>
        <translation>态势</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The situation board arrives in a later version.</source>
        <translation>态势看板将在后续版本中提供。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Feeds</source>
        <translation>图传</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image and video feeds from the scene arrive in a later version.</source>
        <translation>现场图像与视频回传将在后续版本中提供。</translation>
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
    <name>Refusal</name>
    <message>
        <location filename="../../ui/reasons.py" line="+17"/>
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
        <source>This conflict has already been resolved.</source>
        <translation>该冲突已经裁定。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This post has no identity to sign changes with.</source>
        <translation>本指挥所没有可用于签名的身份。</translation>
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
        <location line="+15"/>
        <source>The change was refused: %1</source>
        <translation>修改被拒绝：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not allowed</source>
        <translation>无权操作</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was changed.</source>
        <translation>未做任何修改。</translation>
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
    <name>ReportFigure</name>
    <message>
        <location line="+4"/>
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
        <location filename="../../ui/docks/reports.py" line="+91"/>
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
        <location line="+31"/>
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
    <name>TaskStatus</name>
    <message>
        <location filename="../../ui/labels.py" line="-176"/>
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
        <location filename="../../ui/models/tasks.py" line="+43"/>
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
        <location line="+92"/>
        <source>Overdue: the deadline %1 has passed and the task is still open.</source>
        <translation>已超时：完成时限 %1 已过，任务仍未结束。</translation>
    </message>
</context>
<context>
    <name>TasksDock</name>
    <message>
        <location filename="../../ui/docks/tasks.py" line="+143"/>
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
        <location line="+5"/>
        <source>Cancel the order (only the post that issued it may do this)</source>
        <translation>撤销该指令（只有下达该任务的指挥所可以撤销）</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location line="+46"/>
        <source>%1 of %2 tasks</source>
        <translation>显示 %1 / 共 %2 项任务</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Select a task to see its feedback trail.</source>
        <translation>选中一项任务，查看其反馈记录。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No feedback yet.</source>
        <translation>尚无反馈。</translation>
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
        <location filename="../../ui/docks/units.py" line="+58"/>
        <source>Rescue teams</source>
        <translation>救援队伍</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter teams…</source>
        <translation>筛选队伍…</translation>
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
    <name>run_gui</name>
    <message>
        <location filename="../../ui/app.py" line="+55"/>
        <source>Zhijiu Command Post</source>
        <translation>智救指挥所</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is no post in %1. Create one with “zhijiu init” first.</source>
        <translation>%1 中没有指挥所数据。请先用“zhijiu init”创建。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This post is already open in another window or node.

%1</source>
        <translation>该指挥所已在另一个窗口或节点中打开。

%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot open the post&apos;s store:

%1</source>
        <translation>无法打开指挥所数据库：

%1</translation>
    </message>
</context>
</TS>
