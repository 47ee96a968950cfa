<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>订阅源</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>添加订阅源…</source>
        <translation>Add source…</translation>
    </message>
    <message>
        <source>手动收录…</source>
        <translation>Capture manually…</translation>
    </message>
    <message>
        <source>导入 OPML…</source>
        <translation>Import OPML…</translation>
    </message>
    <message>
        <source>导出 OPML…</source>
        <translation>Export OPML…</translation>
    </message>
</context>
<context>
    <name>AccountSettingsDialog</name>
    <message>
        <source>账号规则：{name}</source>
        <translation>Account rule: {name}</translation>
    </message>
    <message>
        <source>转载计入更新(&amp;R)</source>
        <translation>&amp;Reposts count as updates</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>No limit</translation>
    </message>
    <message>
        <source>本单位运营</source>
        <translation>Run by my unit</translation>
    </message>
    <message>
        <source>本人运营</source>
        <translation>Run by me</translation>
    </message>
    <message>
        <source>公众号菜单中的链接，每行一个</source>
        <translation>Links in the account&apos;s menu, one per line</translation>
    </message>
    <message>
        <source>更新规则(&amp;U)</source>
        <translation>&amp;Update rule</translation>
    </message>
    <message>
        <source>自定义：最长间隔天数(&amp;G)</source>
        <translation>Custom: longest &amp;gap in days</translation>
    </message>
    <message>
        <source>自定义：每周至少条数(&amp;W)</source>
        <translation>Custom: posts per &amp;week at least</translation>
    </message>
    <message>
        <source>提前几天提醒(&amp;D)</source>
        <translation>Remind this many &amp;days ahead</translation>
    </message>
    <message>
        <source>留言回复期限（工作日）(&amp;P)</source>
        <translation>Message re&amp;ply deadline (working days)</translation>
    </message>
    <message>
        <source>运营方(&amp;O)</source>
        <translation>Run by (&amp;O)</translation>
    </message>
    <message>
        <source>菜单链接(&amp;L)</source>
        <translation>Menu &amp;links</translation>
    </message>
</context>
<context>
    <name>ActionRow</name>
    <message>
        <source>截止：</source>
        <translation>Due: </translation>
    </message>
    <message>
        <source> 天后</source>
        <translation> days later</translation>
    </message>
    <message>
        <source>或输入新标签名</source>
        <translation>or type a new tag name</translation>
    </message>
</context>
<context>
    <name>AddSourceDialog</name>
    <message>
        <source>添加订阅源</source>
        <translation>Add source</translation>
    </message>
    <message>
        <source>订阅源地址</source>
        <translation>Feed URL</translation>
    </message>
    <message>
        <source>微信桥接</source>
        <translation>WeChat bridge</translation>
    </message>
    <message>
        <source>网页栏目</source>
        <translation>Web page</translation>
    </message>
    <message>
        <source>邮箱</source>
        <translation>Mailbox</translation>
    </message>
    <message>
        <source>手动收录</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>RSS / Atom / JSON Feed 地址（政务内网地址也可以）：</source>
        <translation>RSS / Atom / JSON Feed URL (intranet addresses work too):</translation>
    </message>
    <message>
        <source>每行一个：账号ID 名称，例如
MP_WXS_3071234 示范县发布</source>
        <translation>One per line: account ID and name, e.g.
MP_WXS_3071234 示范县发布</translation>
    </message>
    <message>
        <source>读取账号列表</source>
        <translation>Load accounts</translation>
    </message>
    <message>
        <source>桥接服务</source>
        <translation>Bridge service</translation>
    </message>
    <message>
        <source>服务地址</source>
        <translation>Service URL</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>自动识别列表</source>
        <translation>Detect list</translation>
    </message>
    <message>
        <source>留空则在条目文字中查找日期</source>
        <translation>Leave empty to find dates in the item text</translation>
    </message>
    <message>
        <source>按选择器预览</source>
        <translation>Preview with selectors</translation>
    </message>
    <message>
        <source>打开文章页补全正文、发布时间和来源（每次最多 10 篇）</source>
        <translation>Open article pages to complete text, date and source (up to 10 each time)</translation>
    </message>
    <message>
        <source>栏目页地址</source>
        <translation>Column page URL</translation>
    </message>
    <message>
        <source>识别结果</source>
        <translation>Detected items</translation>
    </message>
    <message>
        <source>条目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>链接</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>CSS 选择器</source>
        <translation>CSS selectors</translation>
    </message>
    <message>
        <source>SSL/TLS（推荐）</source>
        <translation>SSL/TLS (recommended)</translation>
    </message>
    <message>
        <source>不加密（仅限内网测试）</source>
        <translation>No encryption (intranet testing only)</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>Test connection</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>加密</source>
        <translation>Encryption</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>文件夹</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>密码只保存在系统密钥环中，不写入数据库，也不会同步到其他电脑。</source>
        <translation>The password is kept only in the system keyring: never in the database, never synced.</translation>
    </message>
    <message>
        <source>本机没有系统密钥环：密码加密保存在数据文件夹的 secrets.enc 中，解密密钥另存在 {key}（不在数据文件夹里，复制数据文件夹或备份无法解密）。密码不写入数据库，也不会同步到其他电脑。</source>
        <translation>This computer has no system keyring: the password is encrypted in secrets.enc in the data folder, and its key is kept separately in {key} (outside the data folder, so a copy of the folder or a backup cannot decrypt it). Passwords are never written to the database or synced to other computers.</translation>
    </message>
    <message>
        <source>没有订阅源的公众号、App 或工作群：添加后，在“手动收录”中粘贴文章链接或通知文字。微信文章链接会自动去掉跟踪参数，断网时也能收录。</source>
        <translation>For accounts, apps or work groups without a feed: add one, then paste article links or notice text under “Capture manually”. Tracking parameters are removed from WeChat links, and capture works offline.</translation>
    </message>
    <message>
        <source>订阅源信息</source>
        <translation>Source details</translation>
    </message>
    <message>
        <source>（未指定）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>上级要求必须关注</source>
        <translation>Required by higher authorities</translation>
    </message>
    <message>
        <source>本单位运营(&amp;U)</source>
        <translation>Run by my &amp;unit</translation>
    </message>
    <message>
        <source>由我或本单位负责发布的账号：在“我运营的账号”页自查更新频率、错敏字等</source>
        <translation>An account that I or my unit publish on: self-check its update cadence, wording and more on the &quot;Accounts I run&quot; page</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>刷新间隔</source>
        <translation>Refresh interval</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>主办单位</source>
        <translation>Run by</translation>
    </message>
    <message>
        <source>每个账号用自己的名称</source>
        <translation>Use each account&apos;s own name</translation>
    </message>
    <message>
        <source>例如：示范县人民政府 通知公告</source>
        <translation>e.g. 示范县人民政府 通知公告</translation>
    </message>
    <message>
        <source>账号 ID：{hint}</source>
        <translation>Account ID: {hint}</translation>
    </message>
    <message>
        <source>信任此证书（仅用于这个订阅源）：{fp}</source>
        <translation>Trust this certificate (for this source only): {fp}</translation>
    </message>
    <message>
        <source>正在读取订阅源…</source>
        <translation>Reading the feed…</translation>
    </message>
    <message>
        <source>读取到 {n} 条。</source>
        <translation>Read {n} items.</translation>
    </message>
    <message>
        <source>正在读取账号列表…</source>
        <translation>Loading accounts…</translation>
    </message>
    <message>
        <source>找到 {n} 个账号，勾选要订阅的。</source>
        <translation>Found {n} accounts; tick the ones to follow.</translation>
    </message>
    <message>
        <source>正在识别栏目页中的文章列表…</source>
        <translation>Detecting the article list on the page…</translation>
    </message>
    <message>
        <source>已识别，请核对预览；不对时可修改选择器。</source>
        <translation>Detected. Check the preview and adjust the selectors if needed.</translation>
    </message>
    <message>
        <source>没有找到文章列表，请手动填写 CSS 选择器。</source>
        <translation>No article list found. Please enter CSS selectors.</translation>
    </message>
    <message>
        <source>请填写栏目名称，例如：示范县 通知公告</source>
        <translation>Enter a name for the column, e.g. 示范县 通知公告</translation>
    </message>
    <message>
        <source>正在按选择器读取…</source>
        <translation>Reading with the selectors…</translation>
    </message>
    <message>
        <source>按选择器读取到 {n} 条。</source>
        <translation>Read {n} items with the selectors.</translation>
    </message>
    <message>
        <source>正在连接邮箱…</source>
        <translation>Connecting to the mailbox…</translation>
    </message>
    <message>
        <source>连接成功，文件夹中有 {n} 封邮件。</source>
        <translation>Connected: {n} messages in the folder.</translation>
    </message>
    <message>
        <source>请先读取账号列表并勾选，或填写账号 ID。</source>
        <translation>Load the account list and tick accounts, or enter account IDs.</translation>
    </message>
    <message>
        <source>正在添加…</source>
        <translation>Adding…</translation>
    </message>
</context>
<context>
    <name>BreakdownModel</name>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>次数</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>分钟</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>占比</source>
        <translation>Share</translation>
    </message>
</context>
<context>
    <name>BurdenModel</name>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>账号/平台</source>
        <translation>Account/platform</translation>
    </message>
    <message>
        <source>提出单位</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>留痕与依据</source>
        <translation>Evidence and basis</translation>
    </message>
    <message>
        <source>每月分钟</source>
        <translation>Min/month</translation>
    </message>
    <message>
        <source>依据条款</source>
        <translation>Rule clause</translation>
    </message>
    <message>
        <source>（待确认）</source>
        <translation> (unconfirmed)</translation>
    </message>
    <message>
        <source>近30天 {logs} 次记录，{files} 个留痕文件</source>
        <translation>{logs} logs, {files} evidence files in the last 30 days</translation>
    </message>
    <message>
        <source>{reason}（{citation}）</source>
        <translation>{reason} ({citation})</translation>
    </message>
</context>
<context>
    <name>BurdenPage</name>
    <message>
        <source>包括尚未确认的建议</source>
        <translation>Include unconfirmed suggestions</translation>
    </message>
    <message>
        <source>&lt;b&gt;减负台账&lt;/b&gt;：被确认为违规或过度的要求（强制使用、过度留痕、滥用排名、多头填报、空壳僵尸）</source>
        <translation>&lt;b&gt;Burden register&lt;/b&gt;: requirements confirmed as improper or excessive (forced app use, excessive evidence, ranking abuse, duplicate report forms, zombie accounts)</translation>
    </message>
    <message>
        <source>已确认 {n} 项，合计每月约 {minutes} 分钟（取近 {days} 天实际记录与按频次估算的较大者）。规则库版本 {version}；依据：中央网信委《关于防治“指尖上的形式主义”的若干意见》、《整治形式主义为基层减负若干规定》、国办函〔2026〕12号。</source>
        <translation>{n} confirmed, about {minutes} minutes a month in total (the larger of the last {days} days&apos; logs and the frequency estimate). Rule set {version}; based on the Central Cyberspace Affairs Commission&apos;s opinions on preventing &quot;fingertip formalism&quot;, the regulations on tackling formalism to reduce burdens at the grassroots, and State Council General Office letter [2026] No. 12.</translation>
    </message>
</context>
<context>
    <name>CaptureDialog</name>
    <message>
        <source>手动收录</source>
        <translation>Capture manually</translation>
    </message>
    <message>
        <source>粘贴一个或多个微信文章链接（mp.weixin.qq.com/…），每行一个，可带标题；
也可以直接粘贴通知文字。</source>
        <translation>Paste one or more WeChat article links (mp.weixin.qq.com/…), one per line, titles optional;
or paste the text of a notice.</translation>
    </message>
    <message>
        <source>联网读取文章标题、公众号和发布时间（断网时自动跳过）</source>
        <translation>Look up title, account and date online (skipped when offline)</translation>
    </message>
    <message>
        <source>收录</source>
        <translation>Capture</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>收录到</source>
        <translation>Capture into</translation>
    </message>
    <message>
        <source>还没有“手动收录”类型的订阅源：请先在“添加订阅源”中添加一个。</source>
        <translation>There is no manual source yet: add one under “Add source” first.</translation>
    </message>
    <message>
        <source>正在收录…</source>
        <translation>Capturing…</translation>
    </message>
    <message>
        <source>已收录 {new} 条，重复 {dup} 条。</source>
        <translation>Captured {new}, {dup} duplicates.</translation>
    </message>
</context>
<context>
    <name>Catalogue</name>
    <message>
        <source>县政府公众号</source>
        <translation>County government account</translation>
    </message>
    <message>
        <source>县融媒体公众号</source>
        <translation>County media center account</translation>
    </message>
    <message>
        <source>学习平台（学习打卡）</source>
        <translation>Study platform (daily check-in)</translation>
    </message>
    <message>
        <source>党建云平台</source>
        <translation>Party-building platform</translation>
    </message>
    <message>
        <source>组织部公众号</source>
        <translation>Organization department account</translation>
    </message>
    <message>
        <source>12345 热线工单</source>
        <translation>12345 hotline tickets</translation>
    </message>
    <message>
        <source>政务服务网</source>
        <translation>Government services portal</translation>
    </message>
    <message>
        <source>市政府门户通知公告</source>
        <translation>City portal notices</translation>
    </message>
    <message>
        <source>乡镇公众号</source>
        <translation>Township account</translation>
    </message>
    <message>
        <source>乡镇工作群</source>
        <translation>Township work group</translation>
    </message>
    <message>
        <source>村级工作群</source>
        <translation>Village work group</translation>
    </message>
    <message>
        <source>应急防汛 App</source>
        <translation>Emergency / flood control app</translation>
    </message>
    <message>
        <source>综治网格 App</source>
        <translation>Grid governance app</translation>
    </message>
    <message>
        <source>人社/医保公众号</source>
        <translation>Social security / health insurance account</translation>
    </message>
    <message>
        <source>乡村振兴公众号</source>
        <translation>Rural revitalization account</translation>
    </message>
</context>
<context>
    <name>CatalogueDialog</name>
    <message>
        <source>从目录选择账号</source>
        <translation>Choose accounts from the catalogue</translation>
    </message>
    <message>
        <source>请至少勾选一个账号。</source>
        <translation>Tick at least one account.</translation>
    </message>
</context>
<context>
    <name>CatalogueModel</name>
    <message>
        <source>选用</source>
        <translation>Use</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>账号名称</source>
        <translation>Account name</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>订阅地址（可选）</source>
        <translation>Feed URL (optional)</translation>
    </message>
    <message>
        <source>有 RSS 订阅地址（如 RSSHub、wewe-rss）时填写；留空则作为手动录入的账号</source>
        <translation>Enter an RSS feed URL (e.g. RSSHub, wewe-rss) if there is one; leave empty to add items by hand</translation>
    </message>
    <message>
        <source>通常是上级要求关注的账号</source>
        <translation>Usually required by higher authorities</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>多个词用空格分开，任一命中即可</source>
        <translation>Separate words with spaces; any one matches</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>程序出现意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>很抱歉，cadre_desk 遇到了一个意外错误。您的数据已保存。</source>
        <translation>Sorry, cadre_desk ran into an unexpected error. Your data has been saved.</translation>
    </message>
    <message>
        <source>错误报告已保存到：{path}</source>
        <translation>Error report saved to: {path}</translation>
    </message>
    <message>
        <source>错误报告</source>
        <translation>Error report</translation>
    </message>
    <message>
        <source>复制报告</source>
        <translation>Copy report</translation>
    </message>
</context>
<context>
    <name>DataFolderPage</name>
    <message>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>数据库、附件、备份和日志都保存在这里。卸载程序不会删除它。</source>
        <translation>The database, attachments, backups and logs are kept here. Uninstalling never deletes it.</translation>
    </message>
    <message>
        <source>浏览(&amp;B)…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>选择数据文件夹</source>
        <translation>Choose data folder</translation>
    </message>
    <message>
        <source>建议放在有定期备份的磁盘上。如果文件夹里已有 cadre_desk 的数据，将直接使用，不会覆盖。</source>
        <translation>Pick a disk that is backed up regularly. If the folder already holds cadre_desk data, it is used as is and never overwritten.</translation>
    </message>
    <message>
        <source>文件夹(&amp;F)：</source>
        <translation>&amp;Folder:</translation>
    </message>
    <message>
        <source>无法使用这个文件夹</source>
        <translation>Cannot use this folder</translation>
    </message>
</context>
<context>
    <name>DutyDialog</name>
    <message>
        <source>添加转发职责</source>
        <translation>Add a repost duty</translation>
    </message>
    <message>
        <source>例如：森林防火、防汛（留空则只转发手动标记为重要的信息）</source>
        <translation>e.g. 森林防火、防汛 (empty: only items marked important by hand)</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>文件名称或文号（可选）</source>
        <translation>Document title or number (optional)</translation>
    </message>
    <message>
        <source>上级账号(&amp;S)</source>
        <translation>&amp;Superior account</translation>
    </message>
    <message>
        <source>转发到(&amp;T)</source>
        <translation>Repost &amp;to</translation>
    </message>
    <message>
        <source>关键词(&amp;K)</source>
        <translation>&amp;Keywords</translation>
    </message>
    <message>
        <source>时限(&amp;M)</source>
        <translation>Within (&amp;M)</translation>
    </message>
    <message>
        <source>依据(&amp;B)</source>
        <translation>&amp;Basis</translation>
    </message>
</context>
<context>
    <name>EmptyInbox</name>
    <message>
        <source>&lt;b&gt;收件箱还是空的&lt;/b&gt;</source>
        <translation>&lt;b&gt;The inbox is empty&lt;/b&gt;</translation>
    </message>
    <message>
        <source>添加订阅源…</source>
        <translation>Add a source…</translation>
    </message>
    <message>
        <source>导入 OPML…</source>
        <translation>Import OPML…</translation>
    </message>
    <message>
        <source>从目录选择…</source>
        <translation>Choose from the catalogue…</translation>
    </message>
    <message>
        <source>打开演示数据</source>
        <translation>Open the demo data</translation>
    </message>
    <message>
        <source>已添加的订阅源还没有取回内容：可在“订阅源”页刷新，或再添加一些。</source>
        <translation>Your sources have not brought in anything yet: refresh them on the Sources page, or add more.</translation>
    </message>
    <message>
        <source>添加要关注的公众号、门户栏目和邮箱，它们的新消息会汇集到这里。</source>
        <translation>Add the WeChat accounts, portal columns and mailboxes you follow; their new messages are collected here.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>导出报告</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>Excel 工作簿（.xlsx）</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>PDF 文档（.pdf）</source>
        <translation>PDF document (.pdf)</translation>
    </message>
    <message>
        <source>CSV 表格（每张表一个 .csv，多张表打包为 .zip）</source>
        <translation>CSV (one .csv per table; several tables zipped)</translation>
    </message>
    <message>
        <source>包含逐条操作明细</source>
        <translation>Include each operation</translation>
    </message>
    <message>
        <source>包含操作备注</source>
        <translation>Include notes</translation>
    </message>
    <message>
        <source>包含留痕截图缩略图（PDF/Excel）</source>
        <translation>Include evidence thumbnails (PDF/Excel)</translation>
    </message>
    <message>
        <source>隐去账号名称（显示为“账号01”等）</source>
        <translation>Hide account names (shown as “Account 01” …)</translation>
    </message>
    <message>
        <source>统计哪些账号</source>
        <translation>Accounts to include</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>全不选</source>
        <translation>Select none</translation>
    </message>
    <message>
        <source>保存位置</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>统计期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>格式：</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>内容：</source>
        <translation>Content:</translation>
    </message>
    <message>
        <source>账号：</source>
        <translation>Accounts:</translation>
    </message>
    <message>
        <source>保存到：</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <source>报告正文始终为中文（报送给单位的材料），与界面语言无关。</source>
        <translation>The report itself is always written in Chinese (it goes to the units), whatever the interface language.</translation>
    </message>
    <message>
        <source>工作量报告-{period}</source>
        <translation>Workload report-{period}</translation>
    </message>
    <message>
        <source>保存报告</source>
        <translation>Save report</translation>
    </message>
    <message>
        <source>报告 (*.{ext})</source>
        <translation>Report (*.{ext})</translation>
    </message>
    <message>
        <source>请先选择保存位置。</source>
        <translation>Choose where to save first.</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>全部时间</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>最近 7 天</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <source>最近 30 天</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>30 天以前</source>
        <translation>Older than 30 days</translation>
    </message>
    <message>
        <source>只看未读</source>
        <translation>Unread only</translation>
    </message>
    <message>
        <source>星标</source>
        <translation>Starred</translation>
    </message>
    <message>
        <source>有任务</source>
        <translation>Has task</translation>
    </message>
    <message>
        <source>折叠重复</source>
        <translation>Fold duplicates</translation>
    </message>
    <message>
        <source>同一通知被多个账号转发时只显示一行</source>
        <translation>Show a notice reposted by several accounts as one row</translation>
    </message>
    <message>
        <source>时间范围</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>按时间</source>
        <translation>By time</translation>
    </message>
    <message>
        <source>按来源</source>
        <translation>By source</translation>
    </message>
    <message>
        <source>排序</source>
        <translation>Sort</translation>
    </message>
    <message>
        <source>全部已读</source>
        <translation>Mark all read</translation>
    </message>
    <message>
        <source>把当前视图中的未读消息全部标为已读（Shift+A，可撤销）</source>
        <translation>Mark every unread item in this view read (Shift+A, can be undone)</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>撤销（{n} 条）</source>
        <translation>Undo ({n} items)</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已保留</source>
        <translation>Kept</translation>
    </message>
    <message>
        <source>已忽略</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <source>已处理</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>{summary}（另有 {n} 条理由）</source>
        <translation>{summary} (+{n} more reasons)</translation>
    </message>
    <message>
        <source>{kind}：{summary}</source>
        <translation>{kind}: {summary}</translation>
    </message>
    <message>
        <source>每月可省（分钟）</source>
        <translation>Saves (min/month)</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>证据</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>cadre_desk 首次使用设置</source>
        <translation>cadre_desk setup</translation>
    </message>
    <message>
        <source>下一步(&amp;N) &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&lt; 上一步(&amp;B)</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>完成(&amp;F)</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FlagRow</name>
    <message>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>忽略</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>GroupDifferences</name>
    <message>
        <source>各账号发布的内容相同。</source>
        <translation>All accounts published the same text.</translation>
    </message>
    <message>
        <source>各账号发布的内容有差异</source>
        <translation>The accounts&apos; copies differ</translation>
    </message>
    <message>
        <source>以首发为准：</source>
        <translation>Compared with the first post: </translation>
    </message>
    <message>
        <source>删去</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>增加</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>改动</source>
        <translation>Changed</translation>
    </message>
</context>
<context>
    <name>HoursPage</name>
    <message>
        <source>工作时间与免打扰</source>
        <translation>Working hours and quiet hours</translation>
    </message>
    <message>
        <source>提醒只在工作时间弹出；免打扰时段内不打扰您休息。</source>
        <translation>Reminders pop up only during working hours, never during quiet hours.</translation>
    </message>
    <message>
        <source>上班时间(&amp;S)</source>
        <translation>Work &amp;starts</translation>
    </message>
    <message>
        <source>下班时间(&amp;E)</source>
        <translation>Work &amp;ends</translation>
    </message>
    <message>
        <source>免打扰开始(&amp;Q)</source>
        <translation>&amp;Quiet hours start</translation>
    </message>
    <message>
        <source>免打扰结束(&amp;U)</source>
        <translation>Quiet hours end (&amp;U)</translation>
    </message>
    <message>
        <source>启动时最小化到托盘(&amp;M)</source>
        <translation>Start &amp;minimized to the tray</translation>
    </message>
    <message>
        <source>登录系统后自动启动(&amp;L)</source>
        <translation>Start when I &amp;log in</translation>
    </message>
    <message>
        <source>桌面</source>
        <translation>Desktop</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>来源列表</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>按类别分组</source>
        <translation>Group by category</translation>
    </message>
    <message>
        <source>按层级分组</source>
        <translation>Group by level</translation>
    </message>
    <message>
        <source>分组方式</source>
        <translation>Grouping</translation>
    </message>
    <message>
        <source>消息规则…</source>
        <translation>Rules…</translation>
    </message>
    <message>
        <source>消息列表</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>下一条</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>上一条</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>翻页/下一条未读</source>
        <translation>Page down / next unread</translation>
    </message>
    <message>
        <source>标为已读/未读</source>
        <translation>Mark read/unread</translation>
    </message>
    <message>
        <source>加星/取消星标</source>
        <translation>Star/unstar</translation>
    </message>
    <message>
        <source>建任务</source>
        <translation>Make task</translation>
    </message>
    <message>
        <source>记录操作</source>
        <translation>Log operation</translation>
    </message>
    <message>
        <source>打开原文</source>
        <translation>Open original</translation>
    </message>
    <message>
        <source>展开/收起重复</source>
        <translation>Expand/collapse duplicates</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>返回收件箱</source>
        <translation>Back to inbox</translation>
    </message>
    <message>
        <source>全部标为已读</source>
        <translation>Mark all read</translation>
    </message>
    <message>
        <source>撤销全部已读</source>
        <translation>Undo mark all read</translation>
    </message>
    <message>
        <source>切换到第 {n} 个视图</source>
        <translation>Switch to view {n}</translation>
    </message>
    <message>
        <source>{sources} 个来源 · {unread} 条未读</source>
        <translation>{sources} sources · {unread} unread</translation>
    </message>
    <message>
        <source>已将 {n} 条消息标为已读</source>
        <translation>Marked {n} items read</translation>
    </message>
    <message>
        <source>已撤销：{n} 条消息恢复为未读</source>
        <translation>Undone: {n} items unread again</translation>
    </message>
</context>
<context>
    <name>IndexUpkeep</name>
    <message>
        <source>正在建立搜索索引… {done}/{total}</source>
        <translation>Building the search index… {done}/{total}</translation>
    </message>
    <message>
        <source>搜索索引已建立（{n} 条），正在整理…</source>
        <translation>Search index built ({n} items), tidying it…</translation>
    </message>
    <message>
        <source>搜索索引已整理完毕</source>
        <translation>Search index tidied</translation>
    </message>
</context>
<context>
    <name>ItemCommands</name>
    <message>
        <source>已创建任务：{title}</source>
        <translation>Task created: {title}</translation>
    </message>
    <message>
        <source>已记录操作（{m} 分钟）</source>
        <translation>Operation logged ({m} minutes)</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Not done</translation>
    </message>
</context>
<context>
    <name>ItemListModel</name>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>  ·  另有 {n} 个账号发布</source>
        <translation>  ·  also from {n} accounts</translation>
    </message>
    <message>
        <source>  ·  另有 {n} 条相同内容</source>
        <translation>  ·  {n} identical copies</translation>
    </message>
    <message>
        <source>  ·  内容有差异</source>
        <translation>  ·  copies differ</translation>
    </message>
    <message>
        <source>同时发布：</source>
        <translation>Also published by: </translation>
    </message>
    <message>
        <source>各账号发布的内容有差异：打开后可查看对比</source>
        <translation>The accounts&apos; copies differ: open it to compare them</translation>
    </message>
</context>
<context>
    <name>LogOperationDialog</name>
    <message>
        <source>记录一次操作</source>
        <translation>Log an operation</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>例如：转发到村民群</source>
        <translation>e.g. forwarded to the villagers&apos; group</translation>
    </message>
    <message>
        <source>消息</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>用时</source>
        <translation>Time spent</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>记录操作</source>
        <translation>Log operation</translation>
    </message>
    <message>
        <source>&lt;b&gt;记录一次操作或打卡&lt;/b&gt;</source>
        <translation>&lt;b&gt;Log an operation or check-in&lt;/b&gt;</translation>
    </message>
    <message>
        <source>这是一次考核打卡</source>
        <translation>This is an assessed check-in</translation>
    </message>
    <message>
        <source>备注（可选）：例如转发到了哪个群、填报的内容</source>
        <translation>Note (optional): e.g. which group it was shared to, what the report form said</translation>
    </message>
    <message>
        <source>留痕附件</source>
        <translation>Evidence attachments</translation>
    </message>
    <message>
        <source>粘贴截图 (Ctrl+V)</source>
        <translation>Paste screenshot (Ctrl+V)</translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation>Add file…</translation>
    </message>
    <message>
        <source>操作类型</source>
        <translation>Operation type</translation>
    </message>
    <message>
        <source>计时</source>
        <translation>Timer</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>保存记录</source>
        <translation>Save log</translation>
    </message>
    <message>
        <source>留痕（截图、文件）</source>
        <translation>Evidence (screenshots, files)</translation>
    </message>
    <message>
        <source>剪贴板里没有图片：请先截图（例如 QQ/微信截图）再粘贴。</source>
        <translation>No image on the clipboard: take a screenshot first (e.g. with QQ/WeChat), then paste.</translation>
    </message>
    <message>
        <source>选择留痕文件</source>
        <translation>Choose evidence files</translation>
    </message>
    <message>
        <source>无法读取 {name}：{error}</source>
        <translation>Cannot read {name}: {error}</translation>
    </message>
    <message>
        <source>{name} 有 {size:.1f} MB，超过上限 {limit:g} MB，未添加。请压缩后再试。</source>
        <translation>{name} is {size:.1f} MB, over the {limit:g} MB limit, so it was not added. Compress it and try again.</translation>
    </message>
    <message>
        <source>截图太大，未添加。</source>
        <translation>Screenshot too large; not added.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>cadre_desk 基层减负工作台</source>
        <translation>cadre_desk – Grassroots Workload Desk</translation>
    </message>
    <message>
        <source>导航</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>打开数据文件夹</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <source>退出(&amp;Q)</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>关于 cadre_desk</source>
        <translation>About cadre_desk</translation>
    </message>
    <message>
        <source>cadre_desk {version}
把各类政务公众号、App、门户通知汇集到一个收件箱，记录留痕工作量，找出可以精简的订阅。
数据保存在：{path}</source>
        <translation>cadre_desk {version}
Brings government accounts, apps and portal notices into one inbox, records the time spent on evidence work, and finds subscriptions you can drop.
Data folder: {path}</translation>
    </message>
    <message>
        <source>收件箱</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>减负</source>
        <translation>Burden</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>设置(&amp;S)…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>同步…</source>
        <translation>Sync…</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <source>减负台账</source>
        <translation>Burden register</translation>
    </message>
    <message>
        <source>转为任务</source>
        <translation>Make task</translation>
    </message>
    <message>
        <source>已把 {n} 条消息转为任务</source>
        <translation>Turned {n} messages into tasks</translation>
    </message>
    <message>
        <source>我运营的账号</source>
        <translation>Accounts I run</translation>
    </message>
</context>
<context>
    <name>MakeTaskDialog</name>
    <message>
        <source>由消息创建任务</source>
        <translation>Make a task from this item</translation>
    </message>
    <message>
        <source>普通</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>重要</source>
        <translation>Important</translation>
    </message>
    <message>
        <source>紧急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>备注（可选）</source>
        <translation>Notes (optional)</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>截止时间</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>创建任务</source>
        <translation>Create task</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>MessageDialog</name>
    <message>
        <source>登记待回复留言</source>
        <translation>Record a message awaiting reply</translation>
    </message>
    <message>
        <source>留言人昵称（可选）</source>
        <translation>Sender&apos;s nickname (optional)</translation>
    </message>
    <message>
        <source>粘贴留言内容</source>
        <translation>Paste the message</translation>
    </message>
    <message>
        <source>账号(&amp;A)</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <source>留言人(&amp;F)</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>内容(&amp;C)</source>
        <translation>&amp;Content</translation>
    </message>
    <message>
        <source>收到时间(&amp;R)</source>
        <translation>&amp;Received</translation>
    </message>
</context>
<context>
    <name>OwnAccounts</name>
    <message>
        <source>已标记为本单位运营</source>
        <translation>Marked as run by my unit</translation>
    </message>
    <message>
        <source>已取消本单位运营标记</source>
        <translation>No longer marked as run by my unit</translation>
    </message>
    <message>
        <source>标记为本单位运营</source>
        <translation>Mark as run by my unit</translation>
    </message>
    <message>
        <source>取消本单位运营标记</source>
        <translation>Unmark as run by my unit</translation>
    </message>
</context>
<context>
    <name>OwnAccountsPage</name>
    <message>
        <source>&lt;b&gt;我运营的账号&lt;/b&gt;：按检查指标自查更新频率、错敏字、链接、转发和留言</source>
        <translation>&lt;b&gt;Accounts I run&lt;/b&gt;: self-inspect update cadence, wording, links, reposts and messages against the checklist</translation>
    </message>
    <message>
        <source>立即检查(&amp;C)</source>
        <translation>&amp;Check now</translation>
    </message>
    <message>
        <source>生成更新提醒任务，补查转发职责</source>
        <translation>Create cadence reminder tasks and catch up on repost duties</translation>
    </message>
    <message>
        <source>检查链接(&amp;L)</source>
        <translation>Check &amp;links</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <source>报告期间</source>
        <translation>Report period</translation>
    </message>
    <message>
        <source>导出自查报告(&amp;E)…</source>
        <translation>&amp;Export self-inspection…</translation>
    </message>
    <message>
        <source>账号更新频率</source>
        <translation>Update cadence of the accounts</translation>
    </message>
    <message>
        <source>规则设置(&amp;R)…</source>
        <translation>&amp;Rule…</translation>
    </message>
    <message>
        <source>取消运营标记</source>
        <translation>Unmark</translation>
    </message>
    <message>
        <source>发布前自查</source>
        <translation>Pre-publish check</translation>
    </message>
    <message>
        <source>已发布内容的错敏字</source>
        <translation>Wording problems in published posts</translation>
    </message>
    <message>
        <source>链接检查结果</source>
        <translation>Link check results</translation>
    </message>
    <message>
        <source>转发职责</source>
        <translation>Repost duties</translation>
    </message>
    <message>
        <source>留言</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>此处无误(&amp;N)</source>
        <translation>&amp;Not an error here</translation>
    </message>
    <message>
        <source>该账号以后不再提示这个词</source>
        <translation>Do not flag this term for this account again</translation>
    </message>
    <message>
        <source>标记已整改(&amp;F)</source>
        <translation>Mark &amp;fixed</translation>
    </message>
    <message>
        <source>标记已整改</source>
        <translation>Mark fixed</translation>
    </message>
    <message>
        <source>添加转发职责(&amp;D)…</source>
        <translation>Add repost &amp;duty…</translation>
    </message>
    <message>
        <source>登记留言(&amp;M)…</source>
        <translation>Record &amp;message…</translation>
    </message>
    <message>
        <source>标记已回复(&amp;P)</source>
        <translation>Mark re&amp;plied</translation>
    </message>
    <message>
        <source>稿件所属账号</source>
        <translation>Account of the draft</translation>
    </message>
    <message>
        <source>把准备发布的稿件粘贴到这里，按 Ctrl+Enter 检查错别字、过时机构名称、政治表述和敏感词</source>
        <translation>Paste the draft here and press Ctrl+Enter to check typos, outdated institution names, set formulations and sensitive wording</translation>
    </message>
    <message>
        <source>待检查的稿件</source>
        <translation>Draft to check</translation>
    </message>
    <message>
        <source>检查稿件(&amp;K)</source>
        <translation>Chec&amp;k draft</translation>
    </message>
    <message>
        <source>稿件中的错敏字</source>
        <translation>Problems in the draft</translation>
    </message>
    <message>
        <source>此处无误</source>
        <translation>Not an error here</translation>
    </message>
    <message>
        <source>账号(&amp;A)：</source>
        <translation>&amp;Account:</translation>
    </message>
    <message>
        <source>错敏字 ({n})</source>
        <translation>Wording ({n})</translation>
    </message>
    <message>
        <source>链接 ({n})</source>
        <translation>Links ({n})</translation>
    </message>
    <message>
        <source>转发职责 ({n})</source>
        <translation>Repost duties ({n})</translation>
    </message>
    <message>
        <source>留言 ({n})</source>
        <translation>Messages ({n})</translation>
    </message>
    <message>
        <source>还没有转发职责。</source>
        <translation>No repost duty yet.</translation>
    </message>
    <message>
        <source>还没有本单位运营的账号。下一步：在“订阅源”页选中账号，右键“标记为本单位运营”。</source>
        <translation>No account is marked as run by your unit yet. Next: on the Sources page, right-click an account and choose &quot;Mark as run by my unit&quot;.</translation>
    </message>
    <message>
        <source>{n} 个账号：{red} 个已超期，{yellow} 个即将超期。按自然日计算，节假日不顺延。</source>
        <translation>{n} accounts: {red} breached, {yellow} due soon. Calendar days: holidays do not extend the deadline.</translation>
    </message>
    <message>
        <source>演示数据：链接检查结果为预置记录，不访问网络。</source>
        <translation>Demo data: link results are recorded ones; the network is not used.</translation>
    </message>
    <message>
        <source>检查完成：新建更新提醒 {a} 条，转发任务 {b} 条</source>
        <translation>Checked: {a} cadence reminders and {b} repost tasks created</translation>
    </message>
    <message>
        <source>已检查链接 {n} 个，无法打开 {b} 个</source>
        <translation>Checked {n} links, {b} broken</translation>
    </message>
    <message>
        <source>导出自查报告</source>
        <translation>Export self-inspection report</translation>
    </message>
    <message>
        <source>政务新媒体自查报告-{period}.xlsx</source>
        <translation>self-inspection-{period}.xlsx</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf)</source>
        <translation>Excel workbook (*.xlsx);;PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>已导出自查报告：{path}</source>
        <translation>Self-inspection report exported: {path}</translation>
    </message>
    <message>
        <source>请先把账号标记为本单位运营。</source>
        <translation>Mark an account as run by your unit first.</translation>
    </message>
    <message>
        <source>（{n} 处已标记为此处无误）</source>
        <translation> ({n} marked not an error here)</translation>
    </message>
    <message>
        <source>发现 {n} 处需要核对</source>
        <translation>{n} to check</translation>
    </message>
    <message>
        <source>未发现错敏字</source>
        <translation>No problem found</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>链接</source>
        <translation>Link</translation>
    </message>
</context>
<context>
    <name>ReaderToolbar</name>
    <message>
        <source>☆ 星标</source>
        <translation>☆ Star</translation>
    </message>
    <message>
        <source>建任务</source>
        <translation>Make task</translation>
    </message>
    <message>
        <source>记录操作</source>
        <translation>Log operation</translation>
    </message>
    <message>
        <source>打开原文</source>
        <translation>Open original</translation>
    </message>
    <message>
        <source>★ 已加星</source>
        <translation>★ Starred</translation>
    </message>
    <message>
        <source> 等 {n} 条</source>
        <translation> and {n} in all</translation>
    </message>
    <message>
        <source>内容有差异，查看对比</source>
        <translation>copies differ, compare</translation>
    </message>
    <message>
        <source>同时发布：</source>
        <translation>Also published by: </translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <source>正文</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>选择左侧的一条消息以阅读</source>
        <translation>Select a message on the left to read it</translation>
    </message>
    <message>
        <source>图片</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>正在打开长文…</source>
        <translation>Opening a long article…</translation>
    </message>
    <message>
        <source>打开原文</source>
        <translation>Open original</translation>
    </message>
    <message>
        <source>本文有 {n} 张图片，为保持流畅只列出前 {shown} 张。</source>
        <translation>This article has {n} images; only the first {shown} are listed to keep the reader responsive.</translation>
    </message>
    <message>
        <source>显示全部图片</source>
        <translation>Show all images</translation>
    </message>
</context>
<context>
    <name>RedundancyPage</name>
    <message>
        <source>减负：可以少关注的账号</source>
        <translation>Burden: accounts you could stop following</translation>
    </message>
    <message>
        <source>待处理的建议</source>
        <translation>Open suggestions</translation>
    </message>
    <message>
        <source>已保留/已忽略/已处理</source>
        <translation>Kept / dismissed / done</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>重新分析</source>
        <translation>Analyze again</translation>
    </message>
    <message>
        <source>把新内容加入重复检测，重新计算建议</source>
        <translation>Add new items to duplicate detection and recompute suggestions</translation>
    </message>
    <message>
        <source>完全重建</source>
        <translation>Full rebuild</translation>
    </message>
    <message>
        <source>从头重建重复内容索引（内容很多时需要一两分钟，可继续使用）</source>
        <translation>Rebuild the duplicate index from scratch (a minute or two with lots of items; you can keep working)</translation>
    </message>
    <message>
        <source>导出精简报告…</source>
        <translation>Export consolidation report…</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>全不选</source>
        <translation>Select none</translation>
    </message>
    <message>
        <source>取消关注</source>
        <translation>Unfollow</translation>
    </message>
    <message>
        <source>不再显示这个账号的新内容；历史记录保留，可恢复</source>
        <translation>Hide new items from this account; history is kept and it can be restored</translation>
    </message>
    <message>
        <source>合并到…</source>
        <translation>Merge into…</translation>
    </message>
    <message>
        <source>只关注另一个内容相同的账号</source>
        <translation>Follow only the other account with the same content</translation>
    </message>
    <message>
        <source>保留…</source>
        <translation>Keep…</translation>
    </message>
    <message>
        <source>保留这个账号并写明理由；证据不变就不再提示</source>
        <translation>Keep this account with a reason; no more prompts while the evidence is unchanged</translation>
    </message>
    <message>
        <source>忽略</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>这条建议不成立；证据不变就不再提示</source>
        <translation>This suggestion is wrong; no more prompts while the evidence is unchanged</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>撤销取消关注、合并、保留或忽略</source>
        <translation>Undo unfollow, merge, keep or dismiss</translation>
    </message>
    <message>
        <source>重复内容对比</source>
        <translation>Duplicate comparison</translation>
    </message>
    <message>
        <source>最近发布</source>
        <translation>Recent posts</translation>
    </message>
    <message>
        <source>抓取记录</source>
        <translation>Fetch history</translation>
    </message>
    <message>
        <source>没有待处理的减负建议。
点“重新分析”检查僵尸账号、转载账号和重复账号。</source>
        <translation>No open suggestions.
Click “Analyze again” to check for zombie, repost and duplicate accounts.</translation>
    </message>
    <message>
        <source>这里还没有内容。</source>
        <translation>Nothing here yet.</translation>
    </message>
    <message>
        <source>分析完成：签名 {signed} 条，新增建议 {opened} 条，用时 {seconds:.1f} 秒</source>
        <translation>Analysis done: {signed} items signed, {opened} new suggestions, {seconds:.1f} s</translation>
    </message>
    <message>
        <source>分析没有完成</source>
        <translation>Analysis did not finish</translation>
    </message>
    <message>
        <source>正在分析重复内容…</source>
        <translation>Analyzing duplicates…</translation>
    </message>
    <message>
        <source>签名 %v / %m</source>
        <translation>Signed %v / %m</translation>
    </message>
    <message>
        <source>选择左侧的一个账号查看证据</source>
        <translation>Select an account on the left to see the evidence</translation>
    </message>
    <message>
        <source>• {kind}：{summary}</source>
        <translation>• {kind}: {summary}</translation>
    </message>
    <message>
        <source>勾选左侧的账号，看看采纳建议后每月能省多少时间（目前关注 {n} 个账号）。</source>
        <translation>Tick accounts on the left to see how much time acting on the suggestions saves each month (following {n} accounts now).</translation>
    </message>
    <message>
        <source>采纳勾选的 {count} 个账号的建议：每月约省 {minutes:.0f} 分钟（约 {hours:.1f} 小时），关注账号 {before} → {after} 个。</source>
        <translation>Acting on the {count} ticked accounts saves about {minutes:.0f} minutes a month (about {hours:.1f} hours); accounts followed {before} → {after}.</translation>
    </message>
    <message>
        <source>已忽略这个账号的建议</source>
        <translation>Suggestions for this account dismissed</translation>
    </message>
    <message>
        <source>每月可省约 {minutes:.0f} 分钟</source>
        <translation>Saves about {minutes:.0f} min a month</translation>
    </message>
    <message>
        <source>状态：{status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>说明：{reason}</source>
        <translation>Details: {reason}</translation>
    </message>
    <message>
        <source>保留理由：{reason}</source>
        <translation>Kept because: {reason}</translation>
    </message>
    <message>
        <source>提示：民生、政务服务类账号按规定一般应保留，请核实后再处理</source>
        <translation>Note: livelihood and government service accounts should usually be kept; check before acting</translation>
    </message>
    <message>
        <source>已取消关注「{name}」</source>
        <translation>Unfollowed “{name}”</translation>
    </message>
    <message>
        <source>已合并「{name}」</source>
        <translation>Merged “{name}”</translation>
    </message>
    <message>
        <source>已保留「{name}」</source>
        <translation>Kept “{name}”</translation>
    </message>
    <message>
        <source>已恢复</source>
        <translation>Restored</translation>
    </message>
    <message>
        <source>合并到</source>
        <translation>Merge into</translation>
    </message>
    <message>
        <source>只关注哪个账号？（当前账号将取消关注，可恢复）</source>
        <translation>Which account should you keep following? (This one is unfollowed; it can be restored.)</translation>
    </message>
    <message>
        <source>保留账号</source>
        <translation>Keep account</translation>
    </message>
    <message>
        <source>保留理由（会写入精简报告）：</source>
        <translation>Reason for keeping (goes into the consolidation report):</translation>
    </message>
    <message>
        <source>导出精简报告</source>
        <translation>Export consolidation report</translation>
    </message>
    <message>
        <source>Excel 表格 (*.xlsx);;PDF 文档 (*.pdf)</source>
        <translation>Excel workbook (*.xlsx);;PDF document (*.pdf)</translation>
    </message>
    <message>
        <source>已导出：{path}</source>
        <translation>Exported: {path}</translation>
    </message>
    <message>
        <source>这个账号还没有任何内容。</source>
        <translation>This account has no items yet.</translation>
    </message>
    <message>
        <source>转载</source>
        <translation>Repost</translation>
    </message>
    <message>
        <source>原创</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>没有找到与其他账号重复的内容。</source>
        <translation>No content shared with other accounts.</translation>
    </message>
    <message>
        <source>左：首发原文；右：本账号转载。</source>
        <translation>Left: the original post; right: this account&apos;s repost.</translation>
    </message>
    <message>
        <source>删去</source>
        <translation>Removed</translation>
    </message>
    <message>
        <source>增加</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>改动</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>没有抓取记录（手动录入的账号不抓取）。</source>
        <translation>No fetch history (manual accounts are not fetched).</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>新内容</source>
        <translation>New items</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>成功</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
</context>
<context>
    <name>RequirementModel</name>
    <message>
        <source>要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>频次</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <source>账号/平台</source>
        <translation>Account/platform</translation>
    </message>
    <message>
        <source>提出单位</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>负担标记</source>
        <translation>Burden flags</translation>
    </message>
    <message>
        <source>{flag}?</source>
        <translation>{flag}?</translation>
    </message>
</context>
<context>
    <name>RequirementsPage</name>
    <message>
        <source>每天</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>每个工作日（按法定节假日调休）</source>
        <translation>Every workday (following official holiday shifts)</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>Weekly</translation>
    </message>
    <message>
        <source>每月某日（小月为月末）</source>
        <translation>Monthly on a day (month end in short months)</translation>
    </message>
    <message>
        <source>每月最后一天</source>
        <translation>Last day of the month</translation>
    </message>
    <message>
        <source>每条新消息后 N 小时内</source>
        <translation>Within N hours of each new message</translation>
    </message>
    <message>
        <source>自定义 RRULE</source>
        <translation>Custom RRULE</translation>
    </message>
    <message>
        <source>导入或同步时带来的建议，当前规则未匹配，请人工判断</source>
        <translation>Suggested on import or sync; no current rule matches, please judge manually</translation>
    </message>
    <message>
        <source>新建要求</source>
        <translation>New requirement</translation>
    </message>
    <message>
        <source>&lt;b&gt;上级和各平台要求的操作&lt;/b&gt;</source>
        <translation>&lt;b&gt;Operations required by superiors and platforms&lt;/b&gt;</translation>
    </message>
    <message>
        <source>例如：每日学习打卡、转发县融媒文章</source>
        <translation>e.g. daily study check-in, share county media articles</translation>
    </message>
    <message>
        <source>每月 </source>
        <translation>Monthly on day </translation>
    </message>
    <message>
        <source> 日</source>
        <translation> </translation>
    </message>
    <message>
        <source> 小时内</source>
        <translation> h</translation>
    </message>
    <message>
        <source>指定时间</source>
        <translation>At a set time</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>例如：县委宣传部</source>
        <translation>e.g. County Party Publicity Department</translation>
    </message>
    <message>
        <source>文件或通知编号，例如 X宣发〔2026〕8号</source>
        <translation>Document or notice number, e.g. X-Xuan-Fa [2026] No. 8</translation>
    </message>
    <message>
        <source>强制要求</source>
        <translation>Mandatory</translation>
    </message>
    <message>
        <source>要求原文或补充说明（也用于判断是否属于违规做法）</source>
        <translation>Original wording or notes (also used to check whether it is an improper practice)</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>操作类型</source>
        <translation>Operation type</translation>
    </message>
    <message>
        <source>频次</source>
        <translation>Frequency</translation>
    </message>
    <message>
        <source>星期</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <source>截止时间</source>
        <translation>Due time</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>预计用时</source>
        <translation>Estimated time</translation>
    </message>
    <message>
        <source>账号/平台</source>
        <translation>Account/platform</translation>
    </message>
    <message>
        <source>提出单位</source>
        <translation>Issued by</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>Disable</translation>
    </message>
    <message>
        <source>减负规则检查（规则库 {version}）</source>
        <translation>Burden reduction check (rule set {version})</translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>保存后自动对照 2023、2024、2026 年减负规定检查。</source>
        <translation>Checked against the 2023, 2024 and 2026 burden reduction rules after saving.</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>已确认：{confirmed}&#x3000;已忽略：{dismissed}</source>
        <translation>Confirmed: {confirmed}  Dismissed: {dismissed}</translation>
    </message>
    <message>
        <source>没有待确认的建议。</source>
        <translation>No suggestions to confirm.</translation>
    </message>
    <message>
        <source>已保存“{title}”</source>
        <translation>Saved &quot;{title}&quot;</translation>
    </message>
    <message>
        <source>停用要求</source>
        <translation>Disable requirement</translation>
    </message>
    <message>
        <source>停用“{title}”？以后不再生成任务，已有记录保留。</source>
        <translation>Disable &quot;{title}&quot;? No more tasks will be created; existing logs are kept.</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>正文</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>标题或正文</source>
        <translation>Title or text</translation>
    </message>
    <message>
        <source>作者</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>文件夹</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>包含</source>
        <translation>contains</translation>
    </message>
    <message>
        <source>不包含</source>
        <translation>does not contain</translation>
    </message>
    <message>
        <source>匹配正则</source>
        <translation>matches regex</translation>
    </message>
    <message>
        <source>是</source>
        <translation>is</translation>
    </message>
    <message>
        <source>不是</source>
        <translation>is not</translation>
    </message>
    <message>
        <source>创建任务</source>
        <translation>Create task</translation>
    </message>
    <message>
        <source>加星标</source>
        <translation>Star</translation>
    </message>
    <message>
        <source>标为已读</source>
        <translation>Mark read</translation>
    </message>
    <message>
        <source>静音（不在收件箱显示）</source>
        <translation>Mute (hide from the inbox)</translation>
    </message>
    <message>
        <source>加标签</source>
        <translation>Add tag</translation>
    </message>
    <message>
        <source>移到文件夹</source>
        <translation>Move to folder</translation>
    </message>
    <message>
        <source>关联工作要求（生成任务）</source>
        <translation>Attach requirement (creates a task)</translation>
    </message>
    <message>
        <source>消息规则</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>新建规则</source>
        <translation>New rule</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>&lt;b&gt;规则&lt;/b&gt;（按顺序对新消息生效）</source>
        <translation>&lt;b&gt;Rules&lt;/b&gt; (applied to new items in order)</translation>
    </message>
    <message>
        <source>例如：填报通知转任务</source>
        <translation>e.g. Reporting notices become tasks</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Enabled</translation>
    </message>
    <message>
        <source>满足以下全部条件</source>
        <translation>matches all of these conditions</translation>
    </message>
    <message>
        <source>满足以下任一条件</source>
        <translation>matches any of these conditions</translation>
    </message>
    <message>
        <source>＋ 添加条件</source>
        <translation>+ Add condition</translation>
    </message>
    <message>
        <source>＋ 添加动作</source>
        <translation>+ Add action</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>当消息</source>
        <translation>When an item</translation>
    </message>
    <message>
        <source>就执行：</source>
        <translation>then:</translation>
    </message>
    <message>
        <source>预览匹配的消息</source>
        <translation>Preview matching items</translation>
    </message>
    <message>
        <source>预览不会改动任何消息。</source>
        <translation>A preview changes nothing.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save rule</translation>
    </message>
    <message>
        <source>保存并应用到已有消息</source>
        <translation>Save and apply to existing items</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>规则有误</source>
        <translation>Rule has a problem</translation>
    </message>
    <message>
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>未命名规则</source>
        <translation>Untitled rule</translation>
    </message>
    <message>
        <source>在 {scanned} 条消息中有 {matched} 条匹配</source>
        <translation>{matched} of {scanned} items match</translation>
    </message>
    <message>
        <source>（显示最新 {n} 条）</source>
        <translation> (showing the newest {n})</translation>
    </message>
    <message>
        <source>已保存。新到的消息会按这条规则处理。</source>
        <translation>Saved. New items will be handled by this rule.</translation>
    </message>
    <message>
        <source>正在应用到已有消息…</source>
        <translation>Applying to existing items…</translation>
    </message>
    <message>
        <source>已应用：{matched} 条消息匹配，新建 {tasks} 个任务。</source>
        <translation>Applied: {matched} items matched, {tasks} tasks created.</translation>
    </message>
</context>
<context>
    <name>RulesListModel</name>
    <message>
        <source>（已停用）</source>
        <translation> (disabled)</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>搜索标题、正文、作者、来源（/）  例：填报 来源:城关镇 after:2026-11-01</source>
        <translation>Search titles, text, authors, sources (/)  e.g. 填报 source:城关镇 after:2026-11-01</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>搜索结果</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>保存为智能文件夹</source>
        <translation>Save as smart folder</translation>
    </message>
    <message>
        <source>返回收件箱</source>
        <translation>Back to inbox</translation>
    </message>
    <message>
        <source>智能文件夹</source>
        <translation>Smart folders</translation>
    </message>
    <message>
        <source>删除这个智能文件夹</source>
        <translation>Delete this smart folder</translation>
    </message>
    <message>
        <source>&lt;b&gt;智能文件夹&lt;/b&gt;</source>
        <translation>&lt;b&gt;Smart folders&lt;/b&gt;</translation>
    </message>
    <message>
        <source>正在搜索“{q}”…</source>
        <translation>Searching “{q}”…</translation>
    </message>
    <message>
        <source>“{q}”：{n} 条结果</source>
        <translation>“{q}”: {n} results</translation>
    </message>
    <message>
        <source>（匹配太多，只列出最新的 {n} 条）</source>
        <translation> (too many matches: showing the newest {n})</translation>
    </message>
    <message>
        <source>（还有 {n} 条新消息正在建立索引）</source>
        <translation> ({n} new items are still being indexed)</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>Name:</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>标题与摘要</source>
        <translation>Title and excerpt</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
</context>
<context>
    <name>ServiceText</name>
    <message>
        <source>&lt;p&gt;附件：&lt;/p&gt;&lt;ul&gt;{0}&lt;/ul&gt;</source>
        <translation>&lt;p&gt;Attachments:&lt;/p&gt;&lt;ul&gt;{0}&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>CSS 选择器有误：{0}（{1}）</source>
        <translation>Invalid CSS selector: {0} ({1})</translation>
    </message>
    <message>
        <source>JSON 格式有误，无法读取：{0}</source>
        <translation>Malformed JSON, cannot be read: {0}</translation>
    </message>
    <message>
        <source>OPML 文件中没有 &lt;body&gt;，没有可导入的订阅源。</source>
        <translation>The OPML file has no &lt;body&gt;: there are no sources to import.</translation>
    </message>
    <message>
        <source>OPML 文件包含不安全的 XML 实体定义，已拒绝导入。</source>
        <translation>The OPML file contains unsafe XML entity definitions; import refused.</translation>
    </message>
    <message>
        <source>OPML 文件是空的，没有导入任何订阅源。</source>
        <translation>The OPML file is empty; no sources were imported.</translation>
    </message>
    <message>
        <source>OPML 文件第 {0} 行有错误（{1}），没有导入任何订阅源。</source>
        <translation>Error on line {0} of the OPML file ({1}); no sources were imported.</translation>
    </message>
    <message>
        <source>RSSHub（/wechat/… 路由）</source>
        <translation>RSSHub (/wechat/… routes)</translation>
    </message>
    <message>
        <source>XML 不规范（{0}）</source>
        <translation>Malformed XML ({0})</translation>
    </message>
    <message>
        <source>XML 不规范（第 {0} 行第 {1} 列：{2}）</source>
        <translation>Malformed XML (line {0}, column {1}: {2})</translation>
    </message>
    <message>
        <source>cadre_desk 订阅源</source>
        <translation>cadre_desk sources</translation>
    </message>
    <message>
        <source>{0} 拒绝连接（服务器未开启或端口错误）</source>
        <translation>{0} refused the connection (server not running or wrong port)</translation>
    </message>
    <message>
        <source>{0} 的证书不受信任。</source>
        <translation>The certificate of {0} is not trusted.</translation>
    </message>
    <message>
        <source>{0} 的证书不受信任（{1}）。</source>
        <translation>The certificate of {0} is not trusted ({1}).</translation>
    </message>
    <message>
        <source>{0}《{1}》{2}</source>
        <translation>{0}, &quot;{1}&quot;{2}</translation>
    </message>
    <message>
        <source>{0}（HTTP {1}）</source>
        <translation>{0} (HTTP {1})</translation>
    </message>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>“新消息后 N 小时内”的 N 必须大于 0。</source>
        <translation>N in &quot;within N hours of a new item&quot; must be greater than 0.</translation>
    </message>
    <message>
        <source>「{0}」在{1}上有 {2} 个账号，建议只关注原创最多的「{3}」。</source>
        <translation>&quot;{0}&quot; has {2} accounts on {1}; follow only &quot;{3}&quot;, which publishes the most original posts.</translation>
    </message>
    <message>
        <source>一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>下载安装或登录指标：“{0}”</source>
        <translation>Download, install or login quota: &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>下载超时：{0} 秒内没有完成（{1}）</source>
        <translation>Download timed out: not finished within {0} seconds ({1})</translation>
    </message>
    <message>
        <source>不得将学习时长、点赞转发数量等作为考核评价、评比评选依据</source>
        <translation>Study time or numbers of likes and shares must not be used for assessments, appraisals or rankings</translation>
    </message>
    <message>
        <source>不得将点赞、投票、转发、学习时长作为考核评价依据</source>
        <translation>Likes, votes, shares and study time must not be used as a basis for assessment</translation>
    </message>
    <message>
        <source>不得强制推广下载政务应用程序，政务公众账号推广不得作强制性要求</source>
        <translation>Downloading government apps must not be forced; following government accounts must not be made compulsory</translation>
    </message>
    <message>
        <source>不得把学习时长、打卡情况作为考核评价依据</source>
        <translation>Study time and check-ins must not be used as a basis for assessment</translation>
    </message>
    <message>
        <source>不得滥用关注点赞、转发评论功能，不得将其作为考核评价、评比评选依据</source>
        <translation>Following, likes, shares and comments must not be abused or used for assessments, appraisals or rankings</translation>
    </message>
    <message>
        <source>不得简单以拍照留痕、工作痕迹评判工作实绩</source>
        <translation>Work must not be judged simply by photo evidence or paper trails</translation>
    </message>
    <message>
        <source>不得要求基层提供照片、视频等过程性留痕材料</source>
        <translation>Grassroots units must not be asked for photos, videos or other process evidence</translation>
    </message>
    <message>
        <source>不得要求提供照片、视频、位置轨迹等证明材料</source>
        <translation>Photos, videos or location tracks must not be demanded as proof</translation>
    </message>
    <message>
        <source>不得设置积分排名、统计在线时长等功能变相强制使用</source>
        <translation>No points rankings or online-time statistics that force use in disguise</translation>
    </message>
    <message>
        <source>不得随意要求通过政务应用程序、工作群组上传不必要的截图或视频</source>
        <translation>Unnecessary screenshots or videos must not be demanded through government apps or work groups</translation>
    </message>
    <message>
        <source>不支持的地址：{0}（只支持 http/https）</source>
        <translation>Unsupported address: {0} (only http/https)</translation>
    </message>
    <message>
        <source>不认识的扩展项：{0}</source>
        <translation>Unknown extension: {0}</translation>
    </message>
    <message>
        <source>不重复</source>
        <translation>Does not repeat</translation>
    </message>
    <message>
        <source>与 {0} 建立加密连接失败：{1}</source>
        <translation>Secure connection to {0} failed: {1}</translation>
    </message>
    <message>
        <source>与“{0}”（{1}）内容重复填报</source>
        <translation>Duplicates the report &quot;{0}&quot; ({1})</translation>
    </message>
    <message>
        <source>与邮件服务器 {0} 建立加密连接失败：{1}</source>
        <translation>Secure connection to mail server {0} failed: {1}</translation>
    </message>
    <message>
        <source>与邮件服务器通信出错：{0}</source>
        <translation>Error talking to the mail server: {0}</translation>
    </message>
    <message>
        <source>中共中央办公厅、国务院办公厅</source>
        <translation>General Office of the CPC Central Committee and General Office of the State Council</translation>
    </message>
    <message>
        <source>中央网络安全和信息化委员会</source>
        <translation>Central Cyberspace Affairs Commission</translation>
    </message>
    <message>
        <source>二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>代理服务器出错：{0}</source>
        <translation>Proxy server error: {0}</translation>
    </message>
    <message>
        <source>以“{0}”评价或通报</source>
        <translation>Assessed or ranked by &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>以截图/照片留痕作为考核检查依据</source>
        <translation>Screenshots/photos used as evidence for assessments and inspections</translation>
    </message>
    <message>
        <source>位置轨迹、视频留痕</source>
        <translation>Location tracks and video evidence</translation>
    </message>
    <message>
        <source>公众号 ID（在 we-mp-rss 后台可见）</source>
        <translation>Account ID (shown in the we-mp-rss admin page)</translation>
    </message>
    <message>
        <source>公众号 ID（在 wewe-rss 后台可见），all 为全部</source>
        <translation>Account ID (shown in the wewe-rss admin page); all for every account</translation>
    </message>
    <message>
        <source>六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>关于防治“指尖上的形式主义”的若干意见</source>
        <translation>Opinions on Preventing &quot;Fingertip Formalism&quot;</translation>
    </message>
    <message>
        <source>关注 {0} 天以来从未发布内容</source>
        <translation>Nothing published in the {0} days since you followed it</translation>
    </message>
    <message>
        <source>内容包含 XML 实体定义（可能是“实体炸弹”或外部实体攻击），已拒绝读取。</source>
        <translation>The content defines XML entities (possibly an &quot;entity bomb&quot; or external-entity attack); reading refused.</translation>
    </message>
    <message>
        <source>内容包含不安全的 XML 实体定义，已拒绝读取；请联系该订阅源的维护者。</source>
        <translation>The content contains unsafe XML entity definitions and was refused; please contact the feed&apos;s maintainer.</translation>
    </message>
    <message>
        <source>内容超过 {0} MB 上限，已停止下载。</source>
        <translation>Content exceeds the {0} MB limit; download stopped.</translation>
    </message>
    <message>
        <source>取消关注</source>
        <translation>Unfollow</translation>
    </message>
    <message>
        <source>取消关注，或向要求单位反映减少规定操作</source>
        <translation>Unfollow, or ask the requiring unit to reduce the required operations</translation>
    </message>
    <message>
        <source>另一平台</source>
        <translation>another platform</translation>
    </message>
    <message>
        <source>只支持单条重复规则：{0}</source>
        <translation>Only a single recurrence rule is supported: {0}</translation>
    </message>
    <message>
        <source>合并：只关注「{0}」</source>
        <translation>Merge: follow only &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>同一事项或数据原则上“一张表”报送，防止多头填报、重复索要数据</source>
        <translation>One matter or data set is reported on &quot;one form&quot;; no duplicate reporting or repeated data requests</translation>
    </message>
    <message>
        <source>四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>国办函〔2026〕12号</source>
        <translation>Guo Ban Han [2026] No. 12</translation>
    </message>
    <message>
        <source>国务院办公厅</source>
        <translation>General Office of the State Council</translation>
    </message>
    <message>
        <source>地址不存在，订阅源可能已停用或改址</source>
        <translation>Address not found; the feed may have been discontinued or moved</translation>
    </message>
    <message>
        <source>地址格式有误：{0}</source>
        <translation>Malformed address: {0}</translation>
    </message>
    <message>
        <source>声明的编码“{0}”无法识别，已按 {1} 读取</source>
        <translation>the declared encoding “{0}” is unknown; read as {1}</translation>
    </message>
    <message>
        <source>声明的编码是 {0}，实际内容是 {1}，已按 {2} 读取</source>
        <translation>declared as {0} but the content is {1}; read as {2}</translation>
    </message>
    <message>
        <source>多头填报、重复索要数据</source>
        <translation>Duplicate reporting, repeated data requests</translation>
    </message>
    <message>
        <source>如果确认这是单位内网的自签名证书，可在订阅源设置中选择“信任此证书”。</source>
        <translation>If this is your unit&apos;s self-signed intranet certificate, choose &quot;Trust this certificate&quot; in the source settings.</translation>
    </message>
    <message>
        <source>导入的建议</source>
        <translation>Imported suggestion</translation>
    </message>
    <message>
        <source>工作群强制“{0}”</source>
        <translation>Work group demands &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>工作群强制接龙、即时响应</source>
        <translation>Forced roll calls and instant replies in work groups</translation>
    </message>
    <message>
        <source>工作群组中不得脱离工作实际强制要求打卡接龙、即时响应</source>
        <translation>Work groups must not force check-ins, roll calls or instant replies beyond real work needs</translation>
    </message>
    <message>
        <source>工作群要求 {0} 小时内回复</source>
        <translation>Work group demands a reply within {0} hours</translation>
    </message>
    <message>
        <source>已 {0} 天没有发布新内容（最后一条：{1}）</source>
        <translation>Nothing new for {0} days (last post: {1})</translation>
    </message>
    <message>
        <source>已连续 {0} 天抓取失败（{1} 次），最近错误：{2}。</source>
        <translation>Fetching has failed for {0} days in a row ({1} times); last error: {2}.</translation>
    </message>
    <message>
        <source>强制下载安装、定期登录</source>
        <translation>Forced installs and regular logins</translation>
    </message>
    <message>
        <source>强制下载安装或登录政务应用</source>
        <translation>Forced install of or login to a government app</translation>
    </message>
    <message>
        <source>强制打卡签到</source>
        <translation>Forced check-ins</translation>
    </message>
    <message>
        <source>强制要求“{0}”</source>
        <translation>Forced &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>强制要求点赞/转发/评论</source>
        <translation>Forced likes/shares/comments</translation>
    </message>
    <message>
        <source>强制要求的学习打卡</source>
        <translation>Mandatory study check-in</translation>
    </message>
    <message>
        <source>微信文章（联网后可补全标题）</source>
        <translation>WeChat article (title filled in when online)</translation>
    </message>
    <message>
        <source>截图拍照留痕</source>
        <translation>Screenshot and photo evidence</translation>
    </message>
    <message>
        <source>找不到服务器 {0}（域名无法解析）</source>
        <translation>Server {0} not found (the domain name does not resolve)</translation>
    </message>
    <message>
        <source>把点赞/转发/投票作为考核依据（“{0}”）</source>
        <translation>Likes/shares/votes used for assessment (&quot;{0}&quot;)</translation>
    </message>
    <message>
        <source>政务移动互联网应用程序规范化管理办法</source>
        <translation>Measures for the Standardized Management of Government Mobile Internet Applications</translation>
    </message>
    <message>
        <source>整治形式主义为基层减负若干规定</source>
        <translation>Regulations on Tackling Formalism to Reduce Burdens at the Grassroots</translation>
    </message>
    <message>
        <source>整治打卡签到、积分排名、统计在线时长等强制使用功能</source>
        <translation>Tackle forced-use features such as check-ins, points rankings and online-time statistics</translation>
    </message>
    <message>
        <source>文件可能没有下载或复制完整：请从原来的阅读器重新导出 OPML，或用文本编辑器修正第 {0} 行后再导入。</source>
        <translation>The file may not have been downloaded or copied completely: export the OPML again from the original reader, or fix line {0} in a text editor, then import again.</translation>
    </message>
    <message>
        <source>无法解析网页：{0}</source>
        <translation>Cannot parse the web page: {0}</translation>
    </message>
    <message>
        <source>无法识别的重复规则“{0}”：{1}</source>
        <translation>Unrecognized recurrence rule &quot;{0}&quot;: {1}</translation>
    </message>
    <message>
        <source>无法连接到 {0}（服务器未开启、端口错误或网络不通）</source>
        <translation>Cannot connect to {0} (server not running, wrong port or no network)</translation>
    </message>
    <message>
        <source>无法连接到 {0}：{1}</source>
        <translation>Cannot connect to {0}: {1}</translation>
    </message>
    <message>
        <source>无法连接邮件服务器 {0}:{1}（{2}）</source>
        <translation>Cannot connect to mail server {0}:{1} ({2})</translation>
    </message>
    <message>
        <source>无说明</source>
        <translation>No explanation</translation>
    </message>
    <message>
        <source>日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>时间“{0}”的格式不对。</source>
        <translation>The time &quot;{0}&quot; is not in a valid format.</translation>
    </message>
    <message>
        <source>最近 {0} 天 {1} 条内容中 {2} 条（{3}）是转载，其中 {4} 条首发于「{5}」。</source>
        <translation>Of {1} posts in the last {0} days, {2} ({3}) are reposts; {4} first appeared on &quot;{5}&quot;.</translation>
    </message>
    <message>
        <source>最近 {0} 天「{1}」{2} 条内容中约 {3} 与「{4}」重复，关注其中一个即可。</source>
        <translation>In the last {0} days about {3} of the {2} posts of &quot;{1}&quot; duplicate &quot;{4}&quot;; following one of them is enough.</translation>
    </message>
    <message>
        <source>最近 {0} 天发布的 {1} 条内容全部是转载，没有原创。</source>
        <translation>All {1} posts of the last {0} days are reposts; nothing original.</translation>
    </message>
    <message>
        <source>服务器内部错误</source>
        <translation>Internal server error</translation>
    </message>
    <message>
        <source>服务器出错</source>
        <translation>Server error</translation>
    </message>
    <message>
        <source>服务器声明的内容类型是 {0}，不是订阅源格式</source>
        <translation>The server declares the content type {0}, which is not a feed format</translation>
    </message>
    <message>
        <source>服务器拒绝访问（可能仅限内网或需要登录）</source>
        <translation>Access refused by the server (perhaps intranet only, or login required)</translation>
    </message>
    <message>
        <source>服务器暂时不可用</source>
        <translation>Server temporarily unavailable</translation>
    </message>
    <message>
        <source>服务器没有提供证书。</source>
        <translation>The server provided no certificate.</translation>
    </message>
    <message>
        <source>服务器要求跳转但没有给出新地址（HTTP {0}）</source>
        <translation>The server asked for a redirect but gave no new address (HTTP {0})</translation>
    </message>
    <message>
        <source>服务器要求降低访问频率</source>
        <translation>The server asks for fewer requests</translation>
    </message>
    <message>
        <source>服务器认为请求有误</source>
        <translation>The server considers the request invalid</translation>
    </message>
    <message>
        <source>服务器证书已变化：现在的指纹是 {0}，与已信任的不一致。</source>
        <translation>The server certificate has changed: its fingerprint is now {0}, not the trusted one.</translation>
    </message>
    <message>
        <source>服务器返回的压缩数据已损坏：{0}</source>
        <translation>The compressed data returned by the server is damaged: {0}</translation>
    </message>
    <message>
        <source>未命名文件夹</source>
        <translation>Untitled folder</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>未知的加密方式：{0}</source>
        <translation>Unknown encryption method: {0}</translation>
    </message>
    <message>
        <source>未知的桥接服务：{0}</source>
        <translation>Unknown bridge service: {0}</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>桥接服务地址有误：{0}</source>
        <translation>Invalid bridge service address: {0}</translation>
    </message>
    <message>
        <source>桥接服务返回的账号列表不是 JSON。</source>
        <translation>The account list returned by the bridge service is not JSON.</translation>
    </message>
    <message>
        <source>每个工作日（按法定节假日调休）</source>
        <translation>Every workday (following the official holiday schedule)</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>Weekly on </translation>
    </message>
    <message>
        <source>每天</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>每月{0}日</source>
        <translation>Monthly on day {0}</translation>
    </message>
    <message>
        <source>每月{0}日（小月为月末）</source>
        <translation>Monthly on day {0} (month end in shorter months)</translation>
    </message>
    <message>
        <source>每月最后一天</source>
        <translation>Last day of each month</translation>
    </message>
    <message>
        <source>每月的日期应在 1 到 31 之间：{0}</source>
        <translation>The day of the month must be between 1 and 31: {0}</translation>
    </message>
    <message>
        <source>每月规定操作约 {0} 分钟，但最近 30 天只阅读/使用了 {1} 条内容（共 {2} 条）。</source>
        <translation>About {0} minutes of required operations a month, but only {1} of {2} posts were read or used in the last 30 days.</translation>
    </message>
    <message>
        <source>每条新消息后 {0} 小时内</source>
        <translation>Within {0} hours of each new item</translation>
    </message>
    <message>
        <source>没有声明编码，已按 {0} 读取</source>
        <translation>no encoding declared; read as {0}</translation>
    </message>
    <message>
        <source>清理关停使用频率低、实用性不强的“空壳”“僵尸”政务应用和账号</source>
        <translation>Close down rarely used, impractical &quot;empty shell&quot; and &quot;zombie&quot; government apps and accounts</translation>
    </message>
    <message>
        <source>点赞转发作为考核依据</source>
        <translation>Likes and shares used for assessment</translation>
    </message>
    <message>
        <source>用户确认</source>
        <translation>Confirmed by user</translation>
    </message>
    <message>
        <source>积分排名、在线时长</source>
        <translation>Points rankings, online time</translation>
    </message>
    <message>
        <source>稍后会自动重试；如果一直失败，请检查订阅地址是否正确。</source>
        <translation>It will be retried automatically; if it keeps failing, check that the feed address is correct.</translation>
    </message>
    <message>
        <source>空壳僵尸账号</source>
        <translation>Empty-shell and zombie accounts</translation>
    </message>
    <message>
        <source>网关超时</source>
        <translation>Gateway timeout</translation>
    </message>
    <message>
        <source>网关错误，服务器暂时不可用</source>
        <translation>Bad gateway; the server is temporarily unavailable</translation>
    </message>
    <message>
        <source>网页是空的。</source>
        <translation>The web page is empty.</translation>
    </message>
    <message>
        <source>自定义规则请直接填写 RRULE 文本。</source>
        <translation>For a custom rule, enter the RRULE text directly.</translation>
    </message>
    <message>
        <source>自定义（{0}）{1}</source>
        <translation>Custom ({0}){1}</translation>
    </message>
    <message>
        <source>要求关注/使用的账号已 {0} 天没有更新</source>
        <translation>The account you must follow/use has not been updated for {0} days</translation>
    </message>
    <message>
        <source>要求提供“{0}”</source>
        <translation>Demands &quot;{0}&quot;</translation>
    </message>
    <message>
        <source>订阅源已被永久删除</source>
        <translation>The feed has been permanently removed</translation>
    </message>
    <message>
        <source>证据已变化（此前：{0}）</source>
        <translation>The evidence has changed (before: {0})</translation>
    </message>
    <message>
        <source>请从列表中选择 RSSHub、wewe-rss 或 we-mp-rss。</source>
        <translation>Choose RSSHub, wewe-rss or we-mp-rss from the list.</translation>
    </message>
    <message>
        <source>请从原来的阅读器重新导出 OPML 文件后再导入。</source>
        <translation>Export the OPML file again from the original reader, then import it.</translation>
    </message>
    <message>
        <source>请在订阅源设置中重新输入邮箱密码。</source>
        <translation>Enter the mailbox password again in the source settings.</translation>
    </message>
    <message>
        <source>请填写公众号 ID 或路由。</source>
        <translation>Enter the account ID or route.</translation>
    </message>
    <message>
        <source>请填写邮箱服务器和用户名。</source>
        <translation>Enter the mail server and user name.</translation>
    </message>
    <message>
        <source>请改用这个订阅源地址添加。</source>
        <translation>Add this feed address instead.</translation>
    </message>
    <message>
        <source>请检查文件夹名称（例如 INBOX）。</source>
        <translation>Check the folder name (e.g. INBOX).</translation>
    </message>
    <message>
        <source>请检查栏目页地址，或在预览中手动修改 CSS 选择器。</source>
        <translation>Check the column page address, or adjust the CSS selectors in the preview.</translation>
    </message>
    <message>
        <source>请检查网络连接或代理设置（设置 → 网络），稍后会自动重试。</source>
        <translation>Check the network connection or proxy settings (Settings → Network); it will be retried automatically.</translation>
    </message>
    <message>
        <source>请检查订阅地址。</source>
        <translation>Check the feed address.</translation>
    </message>
    <message>
        <source>请检查邮箱服务器地址、端口、用户名和密码。</source>
        <translation>Check the mail server address, port, user name and password.</translation>
    </message>
    <message>
        <source>请求被拒绝</source>
        <translation>Request refused</translation>
    </message>
    <message>
        <source>请确认地址是 RSS/Atom/JSON 订阅源；网页栏目请按“网页”类型添加。</source>
        <translation>Make sure the address is an RSS/Atom/JSON feed; add portal columns as the &quot;Web page&quot; type.</translation>
    </message>
    <message>
        <source>请确认地址是 wewe-rss 的根地址。</source>
        <translation>Make sure the address is the root address of wewe-rss.</translation>
    </message>
    <message>
        <source>请确认文件是 OPML 格式（通常由阅读器“导出订阅”生成）。</source>
        <translation>Make sure the file is OPML (usually made by a reader&apos;s &quot;Export subscriptions&quot;).</translation>
    </message>
    <message>
        <source>请粘贴 mp.weixin.qq.com 的文章链接，或直接粘贴文字内容。</source>
        <translation>Paste a link to an mp.weixin.qq.com article, or paste the text itself.</translation>
    </message>
    <message>
        <source>请粘贴完整地址，例如 http://192.168.1.10:4000</source>
        <translation>Paste the full address, e.g. http://192.168.1.10:4000</translation>
    </message>
    <message>
        <source>读取超时：{0} 长时间没有返回数据</source>
        <translation>Read timed out: {0} sent no data for too long</translation>
    </message>
    <message>
        <source>读取邮件失败。</source>
        <translation>Reading mail failed.</translation>
    </message>
    <message>
        <source>路由路径，例如 mp/msgalbum/MzA3MDM3NjE5NQ==/1439527291364761601 或 ce/595a5b14d7164e53908f1606</source>
        <translation>Route path, e.g. mp/msgalbum/MzA3MDM3NjE5NQ==/1439527291364761601 or ce/595a5b14d7164e53908f1606</translation>
    </message>
    <message>
        <source>跳转次数过多（超过 {0} 次），已停止。</source>
        <translation>Too many redirects (more than {0}); stopped.</translation>
    </message>
    <message>
        <source>返回的内容不是可识别的订阅源（RSS/Atom）{0}</source>
        <translation>The content returned is not a recognizable feed (RSS/Atom){0}</translation>
    </message>
    <message>
        <source>这不是 OPML 文件（根元素不是 &lt;opml&gt;）。</source>
        <translation>This is not an OPML file (the root element is not &lt;opml&gt;).</translation>
    </message>
    <message>
        <source>这个地址是网页，网页里声明了订阅源：{0}</source>
        <translation>This address is a web page that declares a feed: {0}</translation>
    </message>
    <message>
        <source>这个地址返回的内容过大；请确认它是订阅源地址，或在设置中调高大小上限。</source>
        <translation>This address returns too much content; make sure it is a feed address, or raise the size limit in the settings.</translation>
    </message>
    <message>
        <source>这个地址返回的是网页，不是订阅源。</source>
        <translation>This address returns a web page, not a feed.</translation>
    </message>
    <message>
        <source>这是 JSON 数据，但不是 JSON Feed 订阅源（缺少 items）。</source>
        <translation>This is JSON, but not a JSON Feed (items missing).</translation>
    </message>
    <message>
        <source>连接中断：{0}（{1}）</source>
        <translation>Connection interrupted: {0} ({1})</translation>
    </message>
    <message>
        <source>连接超时：{0} 没有响应</source>
        <translation>Connection timed out: {0} did not respond</translation>
    </message>
    <message>
        <source>连接邮件服务器 {0} 超时。</source>
        <translation>Connecting to mail server {0} timed out.</translation>
    </message>
    <message>
        <source>邮件服务器 {0} 的证书不受信任：{1}</source>
        <translation>The certificate of mail server {0} is not trusted: {1}</translation>
    </message>
    <message>
        <source>邮件服务器拒绝了搜索请求。</source>
        <translation>The mail server refused the search request.</translation>
    </message>
    <message>
        <source>邮件服务器证书与已信任的不一致（现在的指纹 {0}）。</source>
        <translation>The mail server certificate differs from the trusted one (fingerprint now {0}).</translation>
    </message>
    <message>
        <source>邮箱中没有文件夹“{0}”。</source>
        <translation>The mailbox has no folder &quot;{0}&quot;.</translation>
    </message>
    <message>
        <source>邮箱用户名或密码错误，登录被拒绝。</source>
        <translation>Wrong mailbox user name or password; login refused.</translation>
    </message>
    <message>
        <source>部分字符无法按 {0} 解码，已用“�”替代</source>
        <translation>Some characters could not be decoded as {0} and were replaced with &quot;�&quot;</translation>
    </message>
    <message>
        <source>部分文字像是被重复编码的 UTF-8（如“Ã©”“â€¦”），可能显示为乱码</source>
        <translation>Some text looks like doubly encoded UTF-8 (such as &quot;Ã©&quot;, &quot;â€¦&quot;) and may show as garbage</translation>
    </message>
    <message>
        <source>重复规则“{0}”从 {1} 起不会产生任何日期。</source>
        <translation>The recurrence rule &quot;{0}&quot; produces no dates from {1} on.</translation>
    </message>
    <message>
        <source>重复规则为空。</source>
        <translation>The recurrence rule is empty.</translation>
    </message>
    <message>
        <source>重复规则里不要写 DTSTART：开始日期请填在“开始日期”一栏。</source>
        <translation>Do not put DTSTART in the recurrence rule: enter the start in the &quot;Start date&quot; field.</translation>
    </message>
    <message>
        <source>重复频率最小为“每天”；按小时的要求请用“新消息后 N 小时内”。</source>
        <translation>The shortest repeat is &quot;daily&quot;; for hourly demands use &quot;within N hours of a new item&quot;.</translation>
    </message>
    <message>
        <source>需要登录才能访问</source>
        <translation>Login required</translation>
    </message>
    <message>
        <source>频繁要求截图/拍照留痕</source>
        <translation>Frequent screenshot/photo evidence demanded</translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <source>（“{0}”）</source>
        <translation> (&quot;{0}&quot;)</translation>
    </message>
    <message>
        <source>（无主题）</source>
        <translation>(no subject)</translation>
    </message>
    <message>
        <source>（无标题）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>（未指定账号）</source>
        <translation>(no account)</translation>
    </message>
    <message>
        <source>（每天/每个工作日）</source>
        <translation> (daily/every workday)</translation>
    </message>
    <message>
        <source>，仅工作日</source>
        <translation>, workdays only</translation>
    </message>
    <message>
        <source>，超过 {0} 天的僵尸账号标准。</source>
        <translation>, beyond the {0}-day zombie-account threshold.</translation>
    </message>
</context>
<context>
    <name>SettingSpec</name>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>重启后生效</source>
        <translation>Takes effect after a restart</translation>
    </message>
    <message>
        <source>启动时最小化到托盘</source>
        <translation>Start minimized to the tray</translation>
    </message>
    <message>
        <source>开机自动启动时不打扰手头工作</source>
        <translation>Stay out of the way when started at login</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>导出报告时显示</source>
        <translation>Shown on exported reports</translation>
    </message>
    <message>
        <source>所在单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>上班时间</source>
        <translation>Work starts</translation>
    </message>
    <message>
        <source>工作时间开始（HH:MM）</source>
        <translation>Start of working hours (HH:MM)</translation>
    </message>
    <message>
        <source>下班时间</source>
        <translation>Work ends</translation>
    </message>
    <message>
        <source>工作时间结束（HH:MM）</source>
        <translation>End of working hours (HH:MM)</translation>
    </message>
    <message>
        <source>免打扰开始</source>
        <translation>Quiet hours start</translation>
    </message>
    <message>
        <source>此后不弹出提醒</source>
        <translation>No reminders after this time</translation>
    </message>
    <message>
        <source>免打扰结束</source>
        <translation>Quiet hours end</translation>
    </message>
    <message>
        <source>此前不弹出提醒</source>
        <translation>No reminders before this time</translation>
    </message>
    <message>
        <source>僵尸账号天数</source>
        <translation>Zombie account after (days)</translation>
    </message>
    <message>
        <source>超过这么多天没有更新视为僵尸账号</source>
        <translation>An account with no new posts for this many days counts as a zombie</translation>
    </message>
    <message>
        <source>代理服务器</source>
        <translation>Proxy server</translation>
    </message>
    <message>
        <source>例如 http://10.0.0.1:8080（政务内网常用）</source>
        <translation>e.g. http://10.0.0.1:8080 (common on government intranets)</translation>
    </message>
    <message>
        <source>超时（秒）</source>
        <translation>Timeout (seconds)</translation>
    </message>
    <message>
        <source>单个请求的连接/读取超时</source>
        <translation>Connect/read timeout for each request</translation>
    </message>
    <message>
        <source>下载大小上限（MB）</source>
        <translation>Download size limit (MB)</translation>
    </message>
    <message>
        <source>超过此大小的响应会被截断并报错</source>
        <translation>Larger responses are cut off and reported as errors</translation>
    </message>
    <message>
        <source>同一网站并发数</source>
        <translation>Downloads per site</translation>
    </message>
    <message>
        <source>同一网站同时进行的下载数，避免给对方服务器添堵</source>
        <translation>Simultaneous downloads from one site, to avoid overloading its server</translation>
    </message>
    <message>
        <source>总并发数</source>
        <translation>Total downloads</translation>
    </message>
    <message>
        <source>所有网站同时进行的下载总数</source>
        <translation>Simultaneous downloads across all sites</translation>
    </message>
    <message>
        <source>解析进程数</source>
        <translation>Parser processes</translation>
    </message>
    <message>
        <source>0 为自动：订阅源较多时用多个进程解析</source>
        <translation>0 = automatic: parse in several processes when there are many sources</translation>
    </message>
    <message>
        <source>自动刷新</source>
        <translation>Auto refresh</translation>
    </message>
    <message>
        <source>程序打开时按各订阅源的间隔在后台刷新</source>
        <translation>While the app is open, refresh each source in the background at its own interval</translation>
    </message>
    <message>
        <source>向单位报送减负统计</source>
        <translation>Report burden statistics to the unit</translation>
    </message>
    <message>
        <source>同步时匿名报送各账号用时和减负结论，不含内容和姓名；关闭后同步时删除</source>
        <translation>Send anonymous per-account minutes and findings on sync; no contents or names; turning off deletes them at the next sync</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>常规</source>
        <translation>General</translation>
    </message>
    <message>
        <source>个人信息</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>工作时间</source>
        <translation>Working hours</translation>
    </message>
    <message>
        <source>分析</source>
        <translation>Analysis</translation>
    </message>
    <message>
        <source>网络</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>抓取</source>
        <translation>Fetching</translation>
    </message>
    <message>
        <source>收件箱</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>订阅源</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>设置分类</source>
        <translation>Settings sections</translation>
    </message>
    <message>
        <source>登录系统后自动启动 cadre_desk</source>
        <translation>Start cadre_desk when I log in</translation>
    </message>
    <message>
        <source>开机自动启动</source>
        <translation>Start at login</translation>
    </message>
    <message>
        <source>这一项只对这台电脑有效，不会同步到其他设备。</source>
        <translation>Applies to this computer only; not synced to other devices.</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>This computer</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>恢复本页默认值</source>
        <translation>Restore defaults on this page</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>新的界面语言将在重新启动 cadre_desk 后生效。</source>
        <translation>The new language takes effect when you restart cadre_desk.</translation>
    </message>
</context>
<context>
    <name>SourceHealthModel</name>
    <message>
        <source>从未成功</source>
        <translation>Never succeeded</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>条目</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>最近成功</source>
        <translation>Last success</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>手动收录</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>格式有误，已尽量读取：{reason}</source>
        <translation>Malformed, read as far as possible: {reason}</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>未刷新</source>
        <translation>Not refreshed</translation>
    </message>
    <message>
        <source>连续失败 {n} 次：{error}</source>
        <translation>Failed {n} times in a row: {error}</translation>
    </message>
    <message>
        <source>最近错误：{error}</source>
        <translation>Last error: {error}</translation>
    </message>
</context>
<context>
    <name>SourceTreeModel</name>
    <message>
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <source>未分级</source>
        <translation>No level</translation>
    </message>
    <message>
        <source>已取消关注（历史保留）</source>
        <translation>Unsubscribed (history kept)</translation>
    </message>
</context>
<context>
    <name>SourcesMenu</name>
    <message>
        <source>订阅源</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>添加订阅源…</source>
        <translation>Add source…</translation>
    </message>
    <message>
        <source>手动收录…</source>
        <translation>Capture manually…</translation>
    </message>
    <message>
        <source>导入 OPML…</source>
        <translation>Import OPML…</translation>
    </message>
    <message>
        <source>导出 OPML…</source>
        <translation>Export OPML…</translation>
    </message>
</context>
<context>
    <name>SourcesPage</name>
    <message>
        <source>添加要关注的账号</source>
        <translation>Add the accounts you follow</translation>
    </message>
    <message>
        <source>勾选您需要关注的账号类型，名称可以直接修改；以后也可以在“订阅源”里增删。</source>
        <translation>Tick the kinds of accounts you follow and edit their names. You can add or remove sources later.</translation>
    </message>
    <message>
        <source>例如：清河县</source>
        <translation>e.g. 清河县</translation>
    </message>
    <message>
        <source>所在县（区）</source>
        <translation>County (district)</translation>
    </message>
    <message>
        <source>例如：城关镇</source>
        <translation>e.g. 城关镇</translation>
    </message>
    <message>
        <source>所在乡镇（街道）</source>
        <translation>Township (subdistrict)</translation>
    </message>
    <message>
        <source>县（区）(&amp;C)：</source>
        <translation>&amp;County:</translation>
    </message>
    <message>
        <source>乡镇（街道）(&amp;T)：</source>
        <translation>&amp;Township:</translation>
    </message>
    <message>
        <source>常见账号目录</source>
        <translation>Common accounts</translation>
    </message>
    <message>
        <source>全选(&amp;A)</source>
        <translation>Select &amp;all</translation>
    </message>
    <message>
        <source>全不选(&amp;N)</source>
        <translation>Select &amp;none</translation>
    </message>
    <message>
        <source>从 OPML 文件导入（可选）</source>
        <translation>Import from an OPML file (optional)</translation>
    </message>
    <message>
        <source>其他阅读器导出的 .opml 订阅列表</source>
        <translation>An .opml subscription list exported from another reader</translation>
    </message>
    <message>
        <source>OPML 文件</source>
        <translation>OPML file</translation>
    </message>
    <message>
        <source>选择文件(&amp;O)…</source>
        <translation>Ch&amp;oose file…</translation>
    </message>
    <message>
        <source>例如：柳林镇人民政府、柳林镇便民服务（多个用顿号分隔，可留空）</source>
        <translation>e.g. 柳林镇人民政府、柳林镇便民服务 (separate several with 、 or commas; may stay empty)</translation>
    </message>
    <message>
        <source>本单位运营的账号</source>
        <translation>Accounts run by my unit</translation>
    </message>
    <message>
        <source>我或本单位运营的账号(&amp;U)：</source>
        <translation>Accounts I or my &amp;unit run:</translation>
    </message>
    <message>
        <source>选择 OPML 文件</source>
        <translation>Choose OPML file</translation>
    </message>
    <message>
        <source>OPML 订阅列表 (*.opml *.xml)</source>
        <translation>OPML subscription lists (*.opml *.xml)</translation>
    </message>
    <message>
        <source>找不到文件</source>
        <translation>File not found</translation>
    </message>
    <message>
        <source>OPML 文件不存在：{path}</source>
        <translation>OPML file not found: {path}</translation>
    </message>
    <message>
        <source>订阅地址无效</source>
        <translation>Invalid feed URL</translation>
    </message>
    <message>
        <source>“{name}”的订阅地址应以 http:// 或 https:// 开头，或者留空。</source>
        <translation>The feed URL of “{name}” must start with http:// or https://, or be left empty.</translation>
    </message>
    <message>
        <source>订阅源健康状况</source>
        <translation>Source health</translation>
    </message>
    <message>
        <source>订阅源</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>添加订阅源…</source>
        <translation>Add source…</translation>
    </message>
    <message>
        <source>手动收录…</source>
        <translation>Capture manually…</translation>
    </message>
    <message>
        <source>全部刷新</source>
        <translation>Refresh all</translation>
    </message>
    <message>
        <source>刷新所选</source>
        <translation>Refresh selected</translation>
    </message>
    <message>
        <source>导入 OPML…</source>
        <translation>Import OPML…</translation>
    </message>
    <message>
        <source>导出 OPML…</source>
        <translation>Export OPML…</translation>
    </message>
    <message>
        <source>取消刷新</source>
        <translation>Cancel refresh</translation>
    </message>
    <message>
        <source>刷新全部订阅源</source>
        <translation>Refresh all sources</translation>
    </message>
    <message>
        <source>共 {n} 个订阅源</source>
        <translation>{n} sources</translation>
    </message>
    <message>
        <source>，{n} 个连续失败</source>
        <translation>, {n} failing</translation>
    </message>
    <message>
        <source>，{n} 个格式有误（已尽量读取）</source>
        <translation>, {n} malformed (read as far as possible)</translation>
    </message>
    <message>
        <source>正在刷新…</source>
        <translation>Refreshing…</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>%v/%m {name}</source>
        <translation>%v/%m {name}</translation>
    </message>
    <message>
        <source>刷新完成：{total} 个订阅源，新增 {new} 条，失败 {failed} 个</source>
        <translation>Refreshed {total} sources: {new} new items, {failed} failed</translation>
    </message>
    <message>
        <source>已取消刷新：已保存新增的 {new} 条</source>
        <translation>Refresh cancelled; {new} new items were saved</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>Action not completed</translation>
    </message>
    <message>
        <source>导入 OPML</source>
        <translation>Import OPML</translation>
    </message>
    <message>
        <source>OPML 文件 (*.opml *.xml);;所有文件 (*)</source>
        <translation>OPML files (*.opml *.xml);;All files (*)</translation>
    </message>
    <message>
        <source>无法读取文件</source>
        <translation>Cannot read the file</translation>
    </message>
    <message>
        <source>正在导入订阅源…</source>
        <translation>Importing sources…</translation>
    </message>
    <message>
        <source>导入完成：新增 {added} 个，跳过已有 {skipped} 个</source>
        <translation>Imported: {added} added, {skipped} already present</translation>
    </message>
    <message>
        <source>导出 OPML</source>
        <translation>Export OPML</translation>
    </message>
    <message>
        <source>OPML 文件 (*.opml)</source>
        <translation>OPML files (*.opml)</translation>
    </message>
    <message>
        <source>已导出到 {path}</source>
        <translation>Exported to {path}</translation>
    </message>
</context>
<context>
    <name>StatsCharts</name>
    <message>
        <source>分钟</source>
        <translation>Minutes</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>自定义…</source>
        <translation>Custom…</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>导出报告…</source>
        <translation>Export report…</translation>
    </message>
    <message>
        <source>工作量统计</source>
        <translation>Workload statistics</translation>
    </message>
    <message>
        <source>统计期间：</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>操作次数</source>
        <translation>Operations</translation>
    </message>
    <message>
        <source>操作耗时</source>
        <translation>Time spent</translation>
    </message>
    <message>
        <source>占工作时间</source>
        <translation>Share of work time</translation>
    </message>
    <message>
        <source>下班后及节假日</source>
        <translation>After hours and holidays</translation>
    </message>
    <message>
        <source>收到信息</source>
        <translation>Items received</translation>
    </message>
    <message>
        <source>任务按时完成</source>
        <translation>Tasks on time</translation>
    </message>
    <message>
        <source>分类方式</source>
        <translation>Group by</translation>
    </message>
    <message>
        <source>按账号</source>
        <translation>By account</translation>
    </message>
    <message>
        <source>按平台</source>
        <translation>By platform</translation>
    </message>
    <message>
        <source>按层级</source>
        <translation>By level</translation>
    </message>
    <message>
        <source>按要求单位</source>
        <translation>By requiring unit</translation>
    </message>
    <message>
        <source>按操作类型</source>
        <translation>By operation</translation>
    </message>
    <message>
        <source>按负担类别</source>
        <translation>By burden category</translation>
    </message>
    <message>
        <source>分类统计表</source>
        <translation>Breakdown table</translation>
    </message>
    <message>
        <source>分类统计</source>
        <translation>Breakdown</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <source>计算失败</source>
        <translation>Calculation failed</translation>
    </message>
    <message>
        <source>计算用时 {ms} 毫秒</source>
        <translation>Calculated in {ms} ms</translation>
    </message>
    <message>
        <source>该期间没有任何操作记录、收到的信息或到期任务。</source>
        <translation>No operations, items or due tasks in this period.</translation>
    </message>
    <message>
        <source>有 {n} 条记录经过更正，只计入最新版本。</source>
        <translation>{n} records were corrected; only the latest version counts.</translation>
    </message>
    <message>
        <source>{period}：{count} 次操作，{hours} 小时</source>
        <translation>{period}: {count} operations, {hours} h</translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation>{month}/{year}</translation>
    </message>
    <message>
        <source>最近的记录在 {month}。</source>
        <translation> The latest records are in {month}.</translation>
    </message>
    <message>
        <source>查看 {month}</source>
        <translation>Show {month}</translation>
    </message>
    <message>
        <source>在“任务”页记录一次操作（或导入同步数据）后，这里会显示统计。</source>
        <translation> Log an operation on the Tasks page (or import synced data) and the statistics appear here.</translation>
    </message>
    <message>
        <source>其中考核打卡 {n} 次</source>
        <translation>incl. {n} assessed check-ins</translation>
    </message>
    <message>
        <source>{h} 小时</source>
        <translation>{h} h</translation>
    </message>
    <message>
        <source>{m} 分钟</source>
        <translation>{m} min</translation>
    </message>
    <message>
        <source>{d} 个工作日，{hours}</source>
        <translation>{d} workdays, {hours}</translation>
    </message>
    <message>
        <source>工作时间内 {h} 小时</source>
        <translation>{h} h in working hours</translation>
    </message>
    <message>
        <source>已读 {n} 条</source>
        <translation>{n} read</translation>
    </message>
    <message>
        <source>逾期完成 {late}，逾期未完成 {overdue}</source>
        <translation>{late} done late, {overdue} overdue</translation>
    </message>
    <message>
        <source>每日操作耗时（分钟）</source>
        <translation>Daily time spent (min)</translation>
    </message>
    <message>
        <source>今天（未结束）</source>
        <translation>Today (not over)</translation>
    </message>
    <message>
        <source>每周操作耗时（分钟）</source>
        <translation>Weekly time spent (min)</translation>
    </message>
    <message>
        <source>本周（未结束）</source>
        <translation>This week (not over)</translation>
    </message>
    <message>
        <source>最耗时的 10 个账号（分钟）</source>
        <translation>Top 10 accounts by time (min)</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>按负担类别（分钟）</source>
        <translation>By burden category (min)</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>Platform</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>要求单位</source>
        <translation>Requesting unit</translation>
    </message>
    <message>
        <source>操作类型</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>负担类别</source>
        <translation>Burden category</translation>
    </message>
    <message>
        <source>（未标记）</source>
        <translation>(not flagged)</translation>
    </message>
    <message>
        <source>报告已导出：{path}</source>
        <translation>Report exported: {path}</translation>
    </message>
</context>
<context>
    <name>StopwatchWidget</name>
    <message>
        <source>开始计时</source>
        <translation>Start timer</translation>
    </message>
    <message>
        <source>清零</source>
        <translation>Reset</translation>
    </message>
    <message>
        <source>继续计时</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>U盘 / 共享文件夹</source>
        <translation>USB drive / shared folder</translation>
    </message>
    <message>
        <source>单位服务器</source>
        <translation>Unit server</translation>
    </message>
    <message>
        <source>同步状态</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <source>把本机的新更改导出到U盘或共享文件夹，再在另一台电脑上导入。每台设备写自己的子文件夹，文件经配对密钥签名，导入前完整校验，重复导入不会产生重复数据。</source>
        <translation>Export this computer&apos;s new changes to a USB drive or shared folder, then import them on another computer. Each device writes its own subfolder; files are signed with the pairing key and fully checked before import; importing twice never duplicates data.</translation>
    </message>
    <message>
        <source>例如 U 盘：/media/usb 或 E:\</source>
        <translation>e.g. a USB drive: /media/usb or E:\</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>文件夹</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>导出本机更改</source>
        <translation>Export this computer&apos;s changes</translation>
    </message>
    <message>
        <source>导入其他设备的更改</source>
        <translation>Import changes from other devices</translation>
    </message>
    <message>
        <source>导入单个同步文件…</source>
        <translation>Import one sync file…</translation>
    </message>
    <message>
        <source>配对密钥</source>
        <translation>Pairing key</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>生成新密钥</source>
        <translation>New key</translation>
    </message>
    <message>
        <source>输入密钥…</source>
        <translation>Enter key…</translation>
    </message>
    <message>
        <source>单位架设了同步服务器时，填写地址和管理员发放的令牌；联网时会自动同步。</source>
        <translation>If your unit runs a sync server, enter its address and the token from the administrator; sync then runs automatically when online.</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>令牌</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>单位减负统计…</source>
        <translation>Unit statistics…</translation>
    </message>
    <message>
        <source>查看将要报送的内容，开启或关闭向单位报送减负统计</source>
        <translation>See what would be sent, and turn reporting burden statistics to the unit on or off</translation>
    </message>
    <message>
        <source>已设置（指纹 {fp}）</source>
        <translation>Set (fingerprint {fp})</translation>
    </message>
    <message>
        <source>未设置：请生成或输入密钥</source>
        <translation>Not set: create or enter a key</translation>
    </message>
    <message>
        <source>正在处理，请稍候…</source>
        <translation>Working, please wait…</translation>
    </message>
    <message>
        <source>未完成：</source>
        <translation>Not completed:</translation>
    </message>
    <message>
        <source>订阅源</source>
        <translation>Sources</translation>
    </message>
    <message>
        <source>信息</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <source>操作记录（作废或更正）</source>
        <translation>Operation log (retracted or corrected)</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>智能文件夹</source>
        <translation>Smart folders</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>· {name}：共 {live} 条，将删除 {n} 条</source>
        <translation>· {name}: {n} of {live} would be deleted</translation>
    </message>
    <message>
        <source>这次同步会删除本机的大部分数据：
{lines}

确定要在本机也删除它们吗？</source>
        <translation>This sync would delete most of the data on this computer:
{lines}

Delete them here too?</translation>
    </message>
    <message>
        <source>确认删除</source>
        <translation>Confirm deletion</translation>
    </message>
    <message>
        <source>请先选择U盘或共享文件夹。</source>
        <translation>Choose a USB drive or shared folder first.</translation>
    </message>
    <message>
        <source>选择U盘或共享文件夹</source>
        <translation>Choose a USB drive or shared folder</translation>
    </message>
    <message>
        <source>选择同步文件</source>
        <translation>Choose sync file</translation>
    </message>
    <message>
        <source>同步文件 (*.cdsync)</source>
        <translation>Sync files (*.cdsync)</translation>
    </message>
    <message>
        <source>已保存服务器设置。</source>
        <translation>Server settings saved.</translation>
    </message>
    <message>
        <source>在其他设备上输入这把密钥：</source>
        <translation>Enter this key on your other devices:</translation>
    </message>
    <message>
        <source>生成新密钥后，用旧密钥导出的同步文件将无法导入，其他设备也要输入新密钥。继续吗？</source>
        <translation>After a new key, sync files exported with the old key cannot be imported and other devices need the new key. Continue?</translation>
    </message>
    <message>
        <source>输入配对密钥</source>
        <translation>Enter pairing key</translation>
    </message>
    <message>
        <source>另一台设备显示的配对密钥：</source>
        <translation>Pairing key shown on the other device:</translation>
    </message>
    <message>
        <source>已保存配对密钥。</source>
        <translation>Pairing key saved.</translation>
    </message>
</context>
<context>
    <name>SyncReportText</name>
    <message>
        <source>收到 {received} 条，新增 {inserted} 条，更新 {updated} 条，其中删除 {deleted} 条</source>
        <translation>received {received}, added {inserted}, updated {updated}, of which {deleted} deleted</translation>
    </message>
    <message>
        <source>没有新的更改需要导出。</source>
        <translation>No new changes to export.</translation>
    </message>
    <message>
        <source>已导出 {records} 条更改、{attachments} 个附件，共 {files} 个同步文件。</source>
        <translation>Exported {records} changes and {attachments} attachments in {files} sync files.</translation>
    </message>
    <message>
        <source>没有找到需要导入的新同步文件。</source>
        <translation>No new sync files found to import.</translation>
    </message>
    <message>
        <source>已核对 {files} 个同步文件：没有新的更改（已导入过）。</source>
        <translation>Checked {files} sync files: no new changes (already imported).</translation>
    </message>
    <message>
        <source>已导入 {files} 个同步文件：{applied}。</source>
        <translation>Imported {files} sync files: {applied}.</translation>
    </message>
    <message>
        <source>已同步：上传 {pushed} 条更改；下载{applied}。</source>
        <translation>Synced: uploaded {pushed} changes; downloaded: {applied}.</translation>
    </message>
</context>
<context>
    <name>SyncStatusText</name>
    <message>
        <source>同步出错：{error}</source>
        <translation>Sync error: {error}</translation>
    </message>
    <message>
        <source>同步：未设服务器</source>
        <translation>Sync: no server set</translation>
    </message>
    <message>
        <source>同步：未设服务器，U盘导入于 {when}</source>
        <translation>Sync: no server; USB import {when}</translation>
    </message>
    <message>
        <source>同步：从未同步，待上传 {n} 条</source>
        <translation>Sync: never synced, {n} to upload</translation>
    </message>
    <message>
        <source>同步：{when}，待上传 {n} 条</source>
        <translation>Sync: {when}, {n} to upload</translation>
    </message>
    <message>
        <source>从未</source>
        <translation>never</translation>
    </message>
    <message>
        <source>服务器：{url}</source>
        <translation>Server: {url}</translation>
    </message>
    <message>
        <source>未设置</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>上次同步：{when}</source>
        <translation>Last sync: {when}</translation>
    </message>
    <message>
        <source>待上传更改：{n} 条</source>
        <translation>Changes to upload: {n}</translation>
    </message>
    <message>
        <source>待上传更改：—（未设置服务器）</source>
        <translation>Changes to upload: — (no server set)</translation>
    </message>
    <message>
        <source>上次U盘导入：{when}</source>
        <translation>Last USB import: {when}</translation>
    </message>
    <message>
        <source>错误：{error}</source>
        <translation>Error: {error}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>同步：读取中…</source>
        <translation>Sync: loading…</translation>
    </message>
    <message>
        <source>同步状态</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <source>同步状态不可用</source>
        <translation>Sync status unavailable</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Operation</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>预计用时</source>
        <translation>Est. time</translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>Any time</translation>
    </message>
    <message>
        <source>今天 {time}</source>
        <translation>Today {time}</translation>
    </message>
    <message>
        <source>明天 {time}</source>
        <translation>Tomorrow {time}</translation>
    </message>
    <message>
        <source>昨天 {time}</source>
        <translation>Yesterday {time}</translation>
    </message>
    <message>
        <source>{time}（已推迟）</source>
        <translation>{time} (snoozed)</translation>
    </message>
    <message>
        <source>{n} 分钟</source>
        <translation>{n} min</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <source>快速添加：例如“明天下午3点前报送安全生产月报”，回车保存</source>
        <translation>Quick add: e.g. &quot;submit the monthly safety report by 3 pm tomorrow&quot;, Enter to save</translation>
    </message>
    <message>
        <source>快速添加任务</source>
        <translation>Quick add task</translation>
    </message>
    <message>
        <source>任务列表</source>
        <translation>Task list</translation>
    </message>
    <message>
        <source>完成并记录…</source>
        <translation>Complete and log…</translation>
    </message>
    <message>
        <source>记录用时、备注和截图后标为完成（回车）</source>
        <translation>Log time, notes and screenshots, then mark done (Enter)</translation>
    </message>
    <message>
        <source>一键完成所选</source>
        <translation>Complete selected</translation>
    </message>
    <message>
        <source>按预计用时记录，所选任务全部标为完成</source>
        <translation>Mark all selected tasks done, logging their estimated time</translation>
    </message>
    <message>
        <source>推迟</source>
        <translation>Snooze</translation>
    </message>
    <message>
        <source>1 小时后</source>
        <translation>In 1 hour</translation>
    </message>
    <message>
        <source>明天上午 9 点</source>
        <translation>Tomorrow 9 am</translation>
    </message>
    <message>
        <source>下周一上午 9 点</source>
        <translation>Next Monday 9 am</translation>
    </message>
    <message>
        <source>优先级</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>普通</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>重要 ！</source>
        <translation>Important !</translation>
    </message>
    <message>
        <source>紧急 ！！</source>
        <translation>Urgent !!</translation>
    </message>
    <message>
        <source>备注…</source>
        <translation>Note…</translation>
    </message>
    <message>
        <source>记录其他操作…</source>
        <translation>Log other operation…</translation>
    </message>
    <message>
        <source>记录不在任务列表中的转发、点赞、打卡等</source>
        <translation>Log shares, likes, check-ins etc. not on the task list</translation>
    </message>
    <message>
        <source>完成并记录</source>
        <translation>Complete and log</translation>
    </message>
    <message>
        <source>今日已完成 {done} 项 · 用时 {minutes} 分钟</source>
        <translation>Done today: {done} · {minutes} min</translation>
    </message>
    <message>
        <source>今天 {today} 项待办，逾期 {overdue} 项</source>
        <translation>{today} due today, {overdue} overdue</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation>Upcoming</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>将添加重复要求：{schedule} · {title}</source>
        <translation>Will add a recurring requirement: {schedule} · {title}</translation>
    </message>
    <message>
        <source>请写出要做的事</source>
        <translation>Write what needs doing</translation>
    </message>
    <message>
        <source>不限时间</source>
        <translation>No due time</translation>
    </message>
    <message>
        <source>（已过去）</source>
        <translation> (past)</translation>
    </message>
    <message>
        <source>将添加：{title} · 截止 {when}{warning}</source>
        <translation>Will add: {title} · due {when}{warning}</translation>
    </message>
    <message>
        <source>日期已过</source>
        <translation>Date has passed</translation>
    </message>
    <message>
        <source>仍要添加吗？</source>
        <translation>Add anyway?</translation>
    </message>
    <message>
        <source>已完成 {n} 项并记录用时</source>
        <translation>Completed {n} and logged time</translation>
    </message>
    <message>
        <source>任务备注</source>
        <translation>Task note</translation>
    </message>
    <message>
        <source>无法完成</source>
        <translation>Cannot complete</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>cadre_desk：今天 {today} 项待办，逾期 {overdue} 项，今日已用 {minutes} 分钟</source>
        <translation>cadre_desk: {today} due today, {overdue} overdue, {minutes} min spent today</translation>
    </message>
    <message>
        <source>今天 {today} 项 · 逾期 {overdue} 项</source>
        <translation>Today {today} · overdue {overdue}</translation>
    </message>
    <message>
        <source>今天的任务</source>
        <translation>Today&apos;s tasks</translation>
    </message>
    <message>
        <source>完成：{title}（记 {minutes} 分钟）</source>
        <translation>Complete: {title} ({minutes} min)</translation>
    </message>
    <message>
        <source>今天没有待办</source>
        <translation>Nothing due today</translation>
    </message>
    <message>
        <source>记录操作…</source>
        <translation>Log operation…</translation>
    </message>
    <message>
        <source>打开主窗口</source>
        <translation>Open main window</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>已完成并记录：{title}</source>
        <translation>Completed and logged: {title}</translation>
    </message>
    <message>
        <source>错过的提醒（{n} 条）</source>
        <translation>Missed reminders ({n})</translation>
    </message>
    <message>
        <source>程序关闭期间到期：{titles}。点击记录完成情况。</source>
        <translation>Due while the app was closed: {titles}. Click to log.</translation>
    </message>
    <message>
        <source>任务提醒</source>
        <translation>Task reminder</translation>
    </message>
    <message>
        <source>{title}&#x3000;{due} 截止。点击记录。</source>
        <translation>{title}  due {due}. Click to log.</translation>
    </message>
</context>
<context>
    <name>UnitPreviewDialog</name>
    <message>
        <source>向单位报送减负统计</source>
        <translation>Report burden statistics to the unit</translation>
    </message>
    <message>
        <source>开启后，每次与单位服务器同步时，会把下面这些统计匿名报送给单位：各关注账号每月的用时、各类操作次数、确认的减负问题和分析结论。服务器只保存化名，协调员只能看到至少 3 位干部共同的汇总数字。不会报送：文章内容、备注、留痕文件、事项标题、您的姓名和单位。</source>
        <translation>When on, every sync with the unit server also sends the figures below, anonymously: per followed account and month, the minutes spent, operation counts, confirmed burden issues and analysis findings. The server keeps only a pseudonym, and coordinators see only totals that at least 3 cadres share. Never sent: article contents, notes, evidence files, task titles, your name or unit.</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>开启报送</source>
        <translation>Turn on</translation>
    </message>
    <message>
        <source>关闭报送并删除已报送的统计</source>
        <translation>Turn off and delete what was sent</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>当前：已开启，同步时报送。</source>
        <translation>Now: on, sent with each sync.</translation>
    </message>
    <message>
        <source>当前：未开启（默认）。</source>
        <translation>Now: off (the default).</translation>
    </message>
    <message>
        <source>已关闭，并删除了服务器上已报送的统计。</source>
        <translation>Turned off; what was sent has been deleted from the server.</translation>
    </message>
    <message>
        <source>未完成：</source>
        <translation>Not done: </translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>欢迎使用 cadre_desk</source>
        <translation>Welcome to cadre_desk</translation>
    </message>
    <message>
        <source>几步完成设置：选择数据文件夹，添加要关注的账号，设定工作时间。</source>
        <translation>A few steps: choose a data folder, add the accounts you follow, set your working hours.</translation>
    </message>
    <message>
        <source>cadre_desk 把各级政务公众号、学习平台、门户通知和工作群汇集到一个收件箱，记录转发、打卡、填报等留痕工作的用时，并找出可以精简的订阅。所有数据只保存在这台电脑上。</source>
        <translation>cadre_desk brings government accounts, study platforms, portal notices and work groups into one inbox, records the time spent forwarding, checking in and filling in forms, and finds subscriptions you can drop. All data stays on this computer.</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>界面语言(&amp;L)</source>
        <translation>&amp;Language</translation>
    </message>
</context>
<context>
    <name>_Row</name>
    <message>
        <source>删除这一行</source>
        <translation>Remove this line</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>操作未完成</source>
        <translation>Action not completed</translation>
    </message>
</context>
</TS>
