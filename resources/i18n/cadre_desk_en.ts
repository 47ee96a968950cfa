<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
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
        <source>消息列表</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>只看未读</source>
        <translation>Unread only</translation>
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
        <source>{sources} 个来源 · {unread} 条未读</source>
        <translation>{sources} sources · {unread} unread</translation>
    </message>
</context>
<context>
    <name>InboxWorkflow</name>
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
        <source>搜索标题、正文、作者、来源（/）  例：填报 来源:城关镇 after:2026-11-01</source>
        <translation>Search titles, text, authors, sources (/)  e.g. 填报 source:城关镇 after:2026-11-01</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>Search</translation>
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
        <source>消息规则…</source>
        <translation>Rules…</translation>
    </message>
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
        <source>★ 已加星</source>
        <translation>★ Starred</translation>
    </message>
    <message>
        <source> 等 {n} 条</source>
        <translation> and {n} in all</translation>
    </message>
    <message>
        <source>同时发布：</source>
        <translation>Also published by: </translation>
    </message>
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
    <message>
        <source>撤销（{n} 条）</source>
        <translation>Undo ({n} items)</translation>
    </message>
    <message>
        <source>已将 {n} 条消息标为已读</source>
        <translation>Marked {n} items read</translation>
    </message>
    <message>
        <source>已撤销：{n} 条消息恢复为未读</source>
        <translation>Undone: {n} items unread again</translation>
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
    <name>ItemListModel</name>
    <message>
        <source>  ·  另有 {n} 个账号发布</source>
        <translation>  ·  also from {n} accounts</translation>
    </message>
    <message>
        <source>  ·  另有 {n} 条相同内容</source>
        <translation>  ·  {n} identical copies</translation>
    </message>
    <message>
        <source>同时发布：</source>
        <translation>Also published by: </translation>
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
        <source>设置(&amp;S)…</source>
        <translation>&amp;Settings…</translation>
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
    <name>ReaderView</name>
    <message>
        <source>正文</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>选择左侧的一条消息以阅读</source>
        <translation>Select a message on the left to read it</translation>
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
        <source>失效账号天数</source>
        <translation>Dead account after (days)</translation>
    </message>
    <message>
        <source>连续这么多天抓取失败视为失效账号</source>
        <translation>An account whose fetches fail this many days in a row counts as dead</translation>
    </message>
    <message>
        <source>分析时间窗（天）</source>
        <translation>Analysis window (days)</translation>
    </message>
    <message>
        <source>转载比例、内容重叠按最近这么多天统计</source>
        <translation>Repost share and overlap are measured over this many recent days</translation>
    </message>
    <message>
        <source>转载比例阈值</source>
        <translation>Repost share threshold</translation>
    </message>
    <message>
        <source>转载内容占比达到此值时提示</source>
        <translation>Flag an account when reposts reach this share of its posts</translation>
    </message>
    <message>
        <source>内容重叠阈值</source>
        <translation>Overlap threshold</translation>
    </message>
    <message>
        <source>两个账号内容重叠占比达到此值时提示</source>
        <translation>Flag two accounts when their shared content reaches this share</translation>
    </message>
    <message>
        <source>每条内容浏览分钟数</source>
        <translation>Minutes to read one item</translation>
    </message>
    <message>
        <source>估算节省时间用</source>
        <translation>Used to estimate time saved</translation>
    </message>
    <message>
        <source>每个账号每月查看分钟数</source>
        <translation>Minutes per account per month</translation>
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
        <source>自动刷新</source>
        <translation>Auto refresh</translation>
    </message>
    <message>
        <source>程序打开时按各订阅源的间隔在后台刷新</source>
        <translation>While the app is open, refresh each source in the background at its own interval</translation>
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
