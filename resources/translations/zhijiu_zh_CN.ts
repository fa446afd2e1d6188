<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AssigneeKind</name>
    <message>
        <location filename="../../ui/labels.py" line="+59"/>
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
    <name>FieldName</name>
    <message>
        <location line="+39"/>
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
        <location line="+54"/>
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
        <location line="-208"/>
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
    <name>LockView</name>
    <message>
        <location filename="../../ui/lock.py" line="+139"/>
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
        <location filename="../../ui/main_window.py" line="+130"/>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2（%3）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator: %1</source>
        <translation>值班员：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Standalone (no sync configured)</source>
        <translation>单机（未配置同步）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This post is not linked to any other post yet.</source>
        <translation>本指挥所尚未与其他指挥所建立连接。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ops: %1</source>
        <translation>操作数：%1</translation>
    </message>
    <message>
        <location line="+95"/>
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
        <location filename="../../ui/app.py" line="+51"/>
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
