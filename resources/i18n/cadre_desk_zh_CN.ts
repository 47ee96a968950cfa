<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <source>订阅源</source>
        <translation>订阅源</translation>
    </message>
    <message>
        <source>添加订阅源…</source>
        <translation>添加订阅源…</translation>
    </message>
    <message>
        <source>手动收录…</source>
        <translation>手动收录…</translation>
    </message>
    <message>
        <source>导入 OPML…</source>
        <translation>导入 OPML…</translation>
    </message>
    <message>
        <source>导出 OPML…</source>
        <translation>导出 OPML…</translation>
    </message>
</context>
<context>
    <name>AccountSettingsDialog</name>
    <message>
        <source>账号规则：{name}</source>
        <translation>账号规则：{name}</translation>
    </message>
    <message>
        <source>转载计入更新(&amp;R)</source>
        <translation>转载计入更新(&amp;R)</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>本单位运营</source>
        <translation>本单位运营</translation>
    </message>
    <message>
        <source>本人运营</source>
        <translation>本人运营</translation>
    </message>
    <message>
        <source>公众号菜单中的链接，每行一个</source>
        <translation>公众号菜单中的链接，每行一个</translation>
    </message>
    <message>
        <source>更新规则(&amp;U)</source>
        <translation>更新规则(&amp;U)</translation>
    </message>
    <message>
        <source>自定义：最长间隔天数(&amp;G)</source>
        <translation>自定义：最长间隔天数(&amp;G)</translation>
    </message>
    <message>
        <source>自定义：每周至少条数(&amp;W)</source>
        <translation>自定义：每周至少条数(&amp;W)</translation>
    </message>
    <message>
        <source>提前几天提醒(&amp;D)</source>
        <translation>提前几天提醒(&amp;D)</translation>
    </message>
    <message>
        <source>留言回复期限（工作日）(&amp;P)</source>
        <translation>留言回复期限（工作日）(&amp;P)</translation>
    </message>
    <message>
        <source>运营方(&amp;O)</source>
        <translation>运营方(&amp;O)</translation>
    </message>
    <message>
        <source>菜单链接(&amp;L)</source>
        <translation>菜单链接(&amp;L)</translation>
    </message>
</context>
<context>
    <name>ActionRow</name>
    <message>
        <source>截止：</source>
        <translation>截止：</translation>
    </message>
    <message>
        <source> 天后</source>
        <translation> 天后</translation>
    </message>
    <message>
        <source>或输入新标签名</source>
        <translation>或输入新标签名</translation>
    </message>
</context>
<context>
    <name>AddSourceDialog</name>
    <message>
        <source>添加订阅源</source>
        <translation>添加订阅源</translation>
    </message>
    <message>
        <source>订阅源地址</source>
        <translation>订阅源地址</translation>
    </message>
    <message>
        <source>微信桥接</source>
        <translation>微信桥接</translation>
    </message>
    <message>
        <source>网页栏目</source>
        <translation>网页栏目</translation>
    </message>
    <message>
        <source>邮箱</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>手动收录</source>
        <translation>手动收录</translation>
    </message>
    <message>
        <source>添加</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>RSS / Atom / JSON Feed 地址（政务内网地址也可以）：</source>
        <translation>RSS / Atom / JSON Feed 地址（政务内网地址也可以）：</translation>
    </message>
    <message>
        <source>每行一个：账号ID 名称，例如
MP_WXS_3071234 示范县发布</source>
        <translation>每行一个：账号ID 名称，例如
MP_WXS_3071234 示范县发布</translation>
    </message>
    <message>
        <source>读取账号列表</source>
        <translation>读取账号列表</translation>
    </message>
    <message>
        <source>桥接服务</source>
        <translation>桥接服务</translation>
    </message>
    <message>
        <source>服务地址</source>
        <translation>服务地址</translation>
    </message>
    <message>
        <source>格式</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>自动识别列表</source>
        <translation>自动识别列表</translation>
    </message>
    <message>
        <source>留空则在条目文字中查找日期</source>
        <translation>留空则在条目文字中查找日期</translation>
    </message>
    <message>
        <source>按选择器预览</source>
        <translation>按选择器预览</translation>
    </message>
    <message>
        <source>打开文章页补全正文、发布时间和来源（每次最多 10 篇）</source>
        <translation>打开文章页补全正文、发布时间和来源（每次最多 10 篇）</translation>
    </message>
    <message>
        <source>栏目页地址</source>
        <translation>栏目页地址</translation>
    </message>
    <message>
        <source>识别结果</source>
        <translation>识别结果</translation>
    </message>
    <message>
        <source>条目</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>链接</source>
        <translation>链接</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>CSS 选择器</source>
        <translation>CSS 选择器</translation>
    </message>
    <message>
        <source>SSL/TLS（推荐）</source>
        <translation>SSL/TLS（推荐）</translation>
    </message>
    <message>
        <source>不加密（仅限内网测试）</source>
        <translation>不加密（仅限内网测试）</translation>
    </message>
    <message>
        <source>测试连接</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>服务器</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>端口</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>加密</source>
        <translation>加密</translation>
    </message>
    <message>
        <source>用户名</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>密码</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>文件夹</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>密码只保存在系统密钥环中，不写入数据库，也不会同步到其他电脑。</source>
        <translation>密码只保存在系统密钥环中，不写入数据库，也不会同步到其他电脑。</translation>
    </message>
    <message>
        <source>本机没有系统密钥环：密码加密保存在数据文件夹的 secrets.enc 中，解密密钥另存在 {key}（不在数据文件夹里，复制数据文件夹或备份无法解密）。密码不写入数据库，也不会同步到其他电脑。</source>
        <translation>本机没有系统密钥环：密码加密保存在数据文件夹的 secrets.enc 中，解密密钥另存在 {key}（不在数据文件夹里，复制数据文件夹或备份无法解密）。密码不写入数据库，也不会同步到其他电脑。</translation>
    </message>
    <message>
        <source>没有订阅源的公众号、App 或工作群：添加后，在“手动收录”中粘贴文章链接或通知文字。微信文章链接会自动去掉跟踪参数，断网时也能收录。</source>
        <translation>没有订阅源的公众号、App 或工作群：添加后，在“手动收录”中粘贴文章链接或通知文字。微信文章链接会自动去掉跟踪参数，断网时也能收录。</translation>
    </message>
    <message>
        <source>订阅源信息</source>
        <translation>订阅源信息</translation>
    </message>
    <message>
        <source>（未指定）</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <source>上级要求必须关注</source>
        <translation>上级要求必须关注</translation>
    </message>
    <message>
        <source>本单位运营(&amp;U)</source>
        <translation>本单位运营(&amp;U)</translation>
    </message>
    <message>
        <source>由我或本单位负责发布的账号：在“我运营的账号”页自查更新频率、错敏字等</source>
        <translation>由我或本单位负责发布的账号：在“我运营的账号”页自查更新频率、错敏字等</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>刷新间隔</source>
        <translation>刷新间隔</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>主办单位</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <source>每个账号用自己的名称</source>
        <translation>每个账号用自己的名称</translation>
    </message>
    <message>
        <source>例如：示范县人民政府 通知公告</source>
        <translation>例如：示范县人民政府 通知公告</translation>
    </message>
    <message>
        <source>账号 ID：{hint}</source>
        <translation>账号 ID：{hint}</translation>
    </message>
    <message>
        <source>信任此证书（仅用于这个订阅源）：{fp}</source>
        <translation>信任此证书（仅用于这个订阅源）：{fp}</translation>
    </message>
    <message>
        <source>正在读取订阅源…</source>
        <translation>正在读取订阅源…</translation>
    </message>
    <message>
        <source>读取到 {n} 条。</source>
        <translation>读取到 {n} 条。</translation>
    </message>
    <message>
        <source>正在读取账号列表…</source>
        <translation>正在读取账号列表…</translation>
    </message>
    <message>
        <source>找到 {n} 个账号，勾选要订阅的。</source>
        <translation>找到 {n} 个账号，勾选要订阅的。</translation>
    </message>
    <message>
        <source>正在识别栏目页中的文章列表…</source>
        <translation>正在识别栏目页中的文章列表…</translation>
    </message>
    <message>
        <source>已识别，请核对预览；不对时可修改选择器。</source>
        <translation>已识别，请核对预览；不对时可修改选择器。</translation>
    </message>
    <message>
        <source>没有找到文章列表，请手动填写 CSS 选择器。</source>
        <translation>没有找到文章列表，请手动填写 CSS 选择器。</translation>
    </message>
    <message>
        <source>请填写栏目名称，例如：示范县 通知公告</source>
        <translation>请填写栏目名称，例如：示范县 通知公告</translation>
    </message>
    <message>
        <source>正在按选择器读取…</source>
        <translation>正在按选择器读取…</translation>
    </message>
    <message>
        <source>按选择器读取到 {n} 条。</source>
        <translation>按选择器读取到 {n} 条。</translation>
    </message>
    <message>
        <source>正在连接邮箱…</source>
        <translation>正在连接邮箱…</translation>
    </message>
    <message>
        <source>连接成功，文件夹中有 {n} 封邮件。</source>
        <translation>连接成功，文件夹中有 {n} 封邮件。</translation>
    </message>
    <message>
        <source>请先读取账号列表并勾选，或填写账号 ID。</source>
        <translation>请先读取账号列表并勾选，或填写账号 ID。</translation>
    </message>
    <message>
        <source>正在添加…</source>
        <translation>正在添加…</translation>
    </message>
</context>
<context>
    <name>BreakdownModel</name>
    <message>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>次数</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>分钟</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>占比</source>
        <translation>占比</translation>
    </message>
</context>
<context>
    <name>BurdenModel</name>
    <message>
        <source>类别</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>账号/平台</source>
        <translation>账号/平台</translation>
    </message>
    <message>
        <source>提出单位</source>
        <translation>提出单位</translation>
    </message>
    <message>
        <source>起始日期</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>留痕与依据</source>
        <translation>留痕与依据</translation>
    </message>
    <message>
        <source>每月分钟</source>
        <translation>每月分钟</translation>
    </message>
    <message>
        <source>依据条款</source>
        <translation>依据条款</translation>
    </message>
    <message>
        <source>（待确认）</source>
        <translation>（待确认）</translation>
    </message>
    <message>
        <source>近30天 {logs} 次记录，{files} 个留痕文件</source>
        <translation>近30天 {logs} 次记录，{files} 个留痕文件</translation>
    </message>
    <message>
        <source>{reason}（{citation}）</source>
        <translation>{reason}（{citation}）</translation>
    </message>
</context>
<context>
    <name>BurdenPage</name>
    <message>
        <source>包括尚未确认的建议</source>
        <translation>包括尚未确认的建议</translation>
    </message>
    <message>
        <source>&lt;b&gt;减负台账&lt;/b&gt;：被确认为违规或过度的要求（强制使用、过度留痕、滥用排名、多头填报、空壳僵尸）</source>
        <translation>&lt;b&gt;减负台账&lt;/b&gt;：被确认为违规或过度的要求（强制使用、过度留痕、滥用排名、多头填报、空壳僵尸）</translation>
    </message>
    <message>
        <source>已确认 {n} 项，合计每月约 {minutes} 分钟（取近 {days} 天实际记录与按频次估算的较大者）。规则库版本 {version}；依据：中央网信委《关于防治“指尖上的形式主义”的若干意见》、《整治形式主义为基层减负若干规定》、国办函〔2026〕12号。</source>
        <translation>已确认 {n} 项，合计每月约 {minutes} 分钟（取近 {days} 天实际记录与按频次估算的较大者）。规则库版本 {version}；依据：中央网信委《关于防治“指尖上的形式主义”的若干意见》、《整治形式主义为基层减负若干规定》、国办函〔2026〕12号。</translation>
    </message>
</context>
<context>
    <name>CaptureDialog</name>
    <message>
        <source>手动收录</source>
        <translation>手动收录</translation>
    </message>
    <message>
        <source>粘贴一个或多个微信文章链接（mp.weixin.qq.com/…），每行一个，可带标题；
也可以直接粘贴通知文字。</source>
        <translation>粘贴一个或多个微信文章链接（mp.weixin.qq.com/…），每行一个，可带标题；
也可以直接粘贴通知文字。</translation>
    </message>
    <message>
        <source>联网读取文章标题、公众号和发布时间（断网时自动跳过）</source>
        <translation>联网读取文章标题、公众号和发布时间（断网时自动跳过）</translation>
    </message>
    <message>
        <source>收录</source>
        <translation>收录</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>收录到</source>
        <translation>收录到</translation>
    </message>
    <message>
        <source>还没有“手动收录”类型的订阅源：请先在“添加订阅源”中添加一个。</source>
        <translation>还没有“手动收录”类型的订阅源：请先在“添加订阅源”中添加一个。</translation>
    </message>
    <message>
        <source>正在收录…</source>
        <translation>正在收录…</translation>
    </message>
    <message>
        <source>已收录 {new} 条，重复 {dup} 条。</source>
        <translation>已收录 {new} 条，重复 {dup} 条。</translation>
    </message>
</context>
<context>
    <name>Catalogue</name>
    <message>
        <source>县政府公众号</source>
        <translation>县政府公众号</translation>
    </message>
    <message>
        <source>县融媒体公众号</source>
        <translation>县融媒体公众号</translation>
    </message>
    <message>
        <source>学习平台（学习打卡）</source>
        <translation>学习平台（学习打卡）</translation>
    </message>
    <message>
        <source>党建云平台</source>
        <translation>党建云平台</translation>
    </message>
    <message>
        <source>组织部公众号</source>
        <translation>组织部公众号</translation>
    </message>
    <message>
        <source>12345 热线工单</source>
        <translation>12345 热线工单</translation>
    </message>
    <message>
        <source>政务服务网</source>
        <translation>政务服务网</translation>
    </message>
    <message>
        <source>市政府门户通知公告</source>
        <translation>市政府门户通知公告</translation>
    </message>
    <message>
        <source>乡镇公众号</source>
        <translation>乡镇公众号</translation>
    </message>
    <message>
        <source>乡镇工作群</source>
        <translation>乡镇工作群</translation>
    </message>
    <message>
        <source>村级工作群</source>
        <translation>村级工作群</translation>
    </message>
    <message>
        <source>应急防汛 App</source>
        <translation>应急防汛 App</translation>
    </message>
    <message>
        <source>综治网格 App</source>
        <translation>综治网格 App</translation>
    </message>
    <message>
        <source>人社/医保公众号</source>
        <translation>人社/医保公众号</translation>
    </message>
    <message>
        <source>乡村振兴公众号</source>
        <translation>乡村振兴公众号</translation>
    </message>
</context>
<context>
    <name>CatalogueDialog</name>
    <message>
        <source>从目录选择账号</source>
        <translation>从目录选择账号</translation>
    </message>
    <message>
        <source>请至少勾选一个账号。</source>
        <translation>请至少勾选一个账号。</translation>
    </message>
</context>
<context>
    <name>CatalogueModel</name>
    <message>
        <source>选用</source>
        <translation>选用</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>账号名称</source>
        <translation>账号名称</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>分类</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>订阅地址（可选）</source>
        <translation>订阅地址（可选）</translation>
    </message>
    <message>
        <source>有 RSS 订阅地址（如 RSSHub、wewe-rss）时填写；留空则作为手动录入的账号</source>
        <translation>有 RSS 订阅地址（如 RSSHub、wewe-rss）时填写；留空则作为手动录入的账号</translation>
    </message>
    <message>
        <source>通常是上级要求关注的账号</source>
        <translation>通常是上级要求关注的账号</translation>
    </message>
</context>
<context>
    <name>ConditionRow</name>
    <message>
        <source>多个词用空格分开，任一命中即可</source>
        <translation>多个词用空格分开，任一命中即可</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>程序出现意外错误</source>
        <translation>程序出现意外错误</translation>
    </message>
    <message>
        <source>很抱歉，cadre_desk 遇到了一个意外错误。您的数据已保存。</source>
        <translation>很抱歉，cadre_desk 遇到了一个意外错误。您的数据已保存。</translation>
    </message>
    <message>
        <source>错误报告已保存到：{path}</source>
        <translation>错误报告已保存到：{path}</translation>
    </message>
    <message>
        <source>错误报告</source>
        <translation>错误报告</translation>
    </message>
    <message>
        <source>复制报告</source>
        <translation>复制报告</translation>
    </message>
</context>
<context>
    <name>DataFolderPage</name>
    <message>
        <source>数据文件夹</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <source>数据库、附件、备份和日志都保存在这里。卸载程序不会删除它。</source>
        <translation>数据库、附件、备份和日志都保存在这里。卸载程序不会删除它。</translation>
    </message>
    <message>
        <source>浏览(&amp;B)…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>选择数据文件夹</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <source>建议放在有定期备份的磁盘上。如果文件夹里已有 cadre_desk 的数据，将直接使用，不会覆盖。</source>
        <translation>建议放在有定期备份的磁盘上。如果文件夹里已有 cadre_desk 的数据，将直接使用，不会覆盖。</translation>
    </message>
    <message>
        <source>文件夹(&amp;F)：</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>无法使用这个文件夹</source>
        <translation>无法使用这个文件夹</translation>
    </message>
</context>
<context>
    <name>DutyDialog</name>
    <message>
        <source>添加转发职责</source>
        <translation>添加转发职责</translation>
    </message>
    <message>
        <source>例如：森林防火、防汛（留空则只转发手动标记为重要的信息）</source>
        <translation>例如：森林防火、防汛（留空则只转发手动标记为重要的信息）</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>文件名称或文号（可选）</source>
        <translation>文件名称或文号（可选）</translation>
    </message>
    <message>
        <source>上级账号(&amp;S)</source>
        <translation>上级账号(&amp;S)</translation>
    </message>
    <message>
        <source>转发到(&amp;T)</source>
        <translation>转发到(&amp;T)</translation>
    </message>
    <message>
        <source>关键词(&amp;K)</source>
        <translation>关键词(&amp;K)</translation>
    </message>
    <message>
        <source>时限(&amp;M)</source>
        <translation>时限(&amp;M)</translation>
    </message>
    <message>
        <source>依据(&amp;B)</source>
        <translation>依据(&amp;B)</translation>
    </message>
</context>
<context>
    <name>EmptyInbox</name>
    <message>
        <source>&lt;b&gt;收件箱还是空的&lt;/b&gt;</source>
        <translation>&lt;b&gt;收件箱还是空的&lt;/b&gt;</translation>
    </message>
    <message>
        <source>添加订阅源…</source>
        <translation>添加订阅源…</translation>
    </message>
    <message>
        <source>导入 OPML…</source>
        <translation>导入 OPML…</translation>
    </message>
    <message>
        <source>从目录选择…</source>
        <translation>从目录选择…</translation>
    </message>
    <message>
        <source>打开演示数据</source>
        <translation>打开演示数据</translation>
    </message>
    <message>
        <source>已添加的订阅源还没有取回内容：可在“订阅源”页刷新，或再添加一些。</source>
        <translation>已添加的订阅源还没有取回内容：可在“订阅源”页刷新，或再添加一些。</translation>
    </message>
    <message>
        <source>添加要关注的公众号、门户栏目和邮箱，它们的新消息会汇集到这里。</source>
        <translation>添加要关注的公众号、门户栏目和邮箱，它们的新消息会汇集到这里。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>导出报告</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Excel 工作簿（.xlsx）</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>PDF 文档（.pdf）</source>
        <translation>PDF 文档（.pdf）</translation>
    </message>
    <message>
        <source>CSV 表格（每张表一个 .csv，多张表打包为 .zip）</source>
        <translation>CSV 表格（每张表一个 .csv，多张表打包为 .zip）</translation>
    </message>
    <message>
        <source>包含逐条操作明细</source>
        <translation>包含逐条操作明细</translation>
    </message>
    <message>
        <source>包含操作备注</source>
        <translation>包含操作备注</translation>
    </message>
    <message>
        <source>包含留痕截图缩略图（PDF/Excel）</source>
        <translation>包含留痕截图缩略图（PDF/Excel）</translation>
    </message>
    <message>
        <source>隐去账号名称（显示为“账号01”等）</source>
        <translation>隐去账号名称（显示为“账号01”等）</translation>
    </message>
    <message>
        <source>统计哪些账号</source>
        <translation>统计哪些账号</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>全不选</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>保存位置</source>
        <translation>保存位置</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>预览</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>统计期间：</source>
        <translation>统计期间：</translation>
    </message>
    <message>
        <source>格式：</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>内容：</source>
        <translation>内容：</translation>
    </message>
    <message>
        <source>账号：</source>
        <translation>账号：</translation>
    </message>
    <message>
        <source>保存到：</source>
        <translation>保存到：</translation>
    </message>
    <message>
        <source>报告正文始终为中文（报送给单位的材料），与界面语言无关。</source>
        <translation>报告正文始终为中文（报送给单位的材料），与界面语言无关。</translation>
    </message>
    <message>
        <source>工作量报告-{period}</source>
        <translation>工作量报告-{period}</translation>
    </message>
    <message>
        <source>保存报告</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>报告 (*.{ext})</source>
        <translation>报告 (*.{ext})</translation>
    </message>
    <message>
        <source>请先选择保存位置。</source>
        <translation>请先选择保存位置。</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>全部时间</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>最近 7 天</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>最近 30 天</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>30 天以前</source>
        <translation>30 天以前</translation>
    </message>
    <message>
        <source>只看未读</source>
        <translation>只看未读</translation>
    </message>
    <message>
        <source>星标</source>
        <translation>星标</translation>
    </message>
    <message>
        <source>有任务</source>
        <translation>有任务</translation>
    </message>
    <message>
        <source>折叠重复</source>
        <translation>折叠重复</translation>
    </message>
    <message>
        <source>同一通知被多个账号转发时只显示一行</source>
        <translation>同一通知被多个账号转发时只显示一行</translation>
    </message>
    <message>
        <source>时间范围</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <source>按时间</source>
        <translation>按时间</translation>
    </message>
    <message>
        <source>按来源</source>
        <translation>按来源</translation>
    </message>
    <message>
        <source>排序</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>全部已读</source>
        <translation>全部已读</translation>
    </message>
    <message>
        <source>把当前视图中的未读消息全部标为已读（Shift+A，可撤销）</source>
        <translation>把当前视图中的未读消息全部标为已读（Shift+A，可撤销）</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>撤销（{n} 条）</source>
        <translation>撤销（{n} 条）</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>待处理</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>已保留</source>
        <translation>已保留</translation>
    </message>
    <message>
        <source>已忽略</source>
        <translation>已忽略</translation>
    </message>
    <message>
        <source>已处理</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>、</source>
        <translation>、</translation>
    </message>
    <message>
        <source>{summary}（另有 {n} 条理由）</source>
        <translation>{summary}（另有 {n} 条理由）</translation>
    </message>
    <message>
        <source>{kind}：{summary}</source>
        <translation>{kind}：{summary}</translation>
    </message>
    <message>
        <source>每月可省（分钟）</source>
        <translation>每月可省（分钟）</translation>
    </message>
    <message>
        <source>问题</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>证据</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>cadre_desk 首次使用设置</source>
        <translation>cadre_desk 首次使用设置</translation>
    </message>
    <message>
        <source>下一步(&amp;N) &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>&lt; 上一步(&amp;B)</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>完成(&amp;F)</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>FlagRow</name>
    <message>
        <source>确认</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>忽略</source>
        <translation>忽略</translation>
    </message>
</context>
<context>
    <name>GroupDifferences</name>
    <message>
        <source>各账号发布的内容相同。</source>
        <translation>各账号发布的内容相同。</translation>
    </message>
    <message>
        <source>各账号发布的内容有差异</source>
        <translation>各账号发布的内容有差异</translation>
    </message>
    <message>
        <source>以首发为准：</source>
        <translation>以首发为准：</translation>
    </message>
    <message>
        <source>删去</source>
        <translation>删去</translation>
    </message>
    <message>
        <source>增加</source>
        <translation>增加</translation>
    </message>
    <message>
        <source>改动</source>
        <translation>改动</translation>
    </message>
</context>
<context>
    <name>HoursPage</name>
    <message>
        <source>工作时间与免打扰</source>
        <translation>工作时间与免打扰</translation>
    </message>
    <message>
        <source>提醒只在工作时间弹出；免打扰时段内不打扰您休息。</source>
        <translation>提醒只在工作时间弹出；免打扰时段内不打扰您休息。</translation>
    </message>
    <message>
        <source>上班时间(&amp;S)</source>
        <translation>上班时间(&amp;S)</translation>
    </message>
    <message>
        <source>下班时间(&amp;E)</source>
        <translation>下班时间(&amp;E)</translation>
    </message>
    <message>
        <source>免打扰开始(&amp;Q)</source>
        <translation>免打扰开始(&amp;Q)</translation>
    </message>
    <message>
        <source>免打扰结束(&amp;U)</source>
        <translation>免打扰结束(&amp;U)</translation>
    </message>
    <message>
        <source>启动时最小化到托盘(&amp;M)</source>
        <translation>启动时最小化到托盘(&amp;M)</translation>
    </message>
    <message>
        <source>登录系统后自动启动(&amp;L)</source>
        <translation>登录系统后自动启动(&amp;L)</translation>
    </message>
    <message>
        <source>桌面</source>
        <translation>桌面</translation>
    </message>
</context>
<context>
    <name>InboxPage</name>
    <message>
        <source>来源列表</source>
        <translation>来源列表</translation>
    </message>
    <message>
        <source>按类别分组</source>
        <translation>按类别分组</translation>
    </message>
    <message>
        <source>按层级分组</source>
        <translation>按层级分组</translation>
    </message>
    <message>
        <source>分组方式</source>
        <translation>分组方式</translation>
    </message>
    <message>
        <source>消息规则…</source>
        <translation>消息规则…</translation>
    </message>
    <message>
        <source>消息列表</source>
        <translation>消息列表</translation>
    </message>
    <message>
        <source>下一条</source>
        <translation>下一条</translation>
    </message>
    <message>
        <source>上一条</source>
        <translation>上一条</translation>
    </message>
    <message>
        <source>翻页/下一条未读</source>
        <translation>翻页/下一条未读</translation>
    </message>
    <message>
        <source>标为已读/未读</source>
        <translation>标为已读/未读</translation>
    </message>
    <message>
        <source>加星/取消星标</source>
        <translation>加星/取消星标</translation>
    </message>
    <message>
        <source>建任务</source>
        <translation>建任务</translation>
    </message>
    <message>
        <source>记录操作</source>
        <translation>记录操作</translation>
    </message>
    <message>
        <source>打开原文</source>
        <translation>打开原文</translation>
    </message>
    <message>
        <source>展开/收起重复</source>
        <translation>展开/收起重复</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>返回收件箱</source>
        <translation>返回收件箱</translation>
    </message>
    <message>
        <source>全部标为已读</source>
        <translation>全部标为已读</translation>
    </message>
    <message>
        <source>撤销全部已读</source>
        <translation>撤销全部已读</translation>
    </message>
    <message>
        <source>切换到第 {n} 个视图</source>
        <translation>切换到第 {n} 个视图</translation>
    </message>
    <message>
        <source>{sources} 个来源 · {unread} 条未读</source>
        <translation>{sources} 个来源 · {unread} 条未读</translation>
    </message>
    <message>
        <source>已将 {n} 条消息标为已读</source>
        <translation>已将 {n} 条消息标为已读</translation>
    </message>
    <message>
        <source>已撤销：{n} 条消息恢复为未读</source>
        <translation>已撤销：{n} 条消息恢复为未读</translation>
    </message>
</context>
<context>
    <name>IndexUpkeep</name>
    <message>
        <source>正在建立搜索索引… {done}/{total}</source>
        <translation>正在建立搜索索引… {done}/{total}</translation>
    </message>
    <message>
        <source>搜索索引已建立（{n} 条），正在整理…</source>
        <translation>搜索索引已建立（{n} 条），正在整理…</translation>
    </message>
    <message>
        <source>搜索索引已整理完毕</source>
        <translation>搜索索引已整理完毕</translation>
    </message>
</context>
<context>
    <name>ItemCommands</name>
    <message>
        <source>已创建任务：{title}</source>
        <translation>已创建任务：{title}</translation>
    </message>
    <message>
        <source>已记录操作（{m} 分钟）</source>
        <translation>已记录操作（{m} 分钟）</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>ItemListModel</name>
    <message>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>  ·  另有 {n} 个账号发布</source>
        <translation>  ·  另有 {n} 个账号发布</translation>
    </message>
    <message>
        <source>  ·  另有 {n} 条相同内容</source>
        <translation>  ·  另有 {n} 条相同内容</translation>
    </message>
    <message>
        <source>  ·  内容有差异</source>
        <translation>  ·  内容有差异</translation>
    </message>
    <message>
        <source>同时发布：</source>
        <translation>同时发布：</translation>
    </message>
    <message>
        <source>各账号发布的内容有差异：打开后可查看对比</source>
        <translation>各账号发布的内容有差异：打开后可查看对比</translation>
    </message>
</context>
<context>
    <name>LogOperationDialog</name>
    <message>
        <source>记录一次操作</source>
        <translation>记录一次操作</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>例如：转发到村民群</source>
        <translation>例如：转发到村民群</translation>
    </message>
    <message>
        <source>消息</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>用时</source>
        <translation>用时</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>记录操作</source>
        <translation>记录操作</translation>
    </message>
    <message>
        <source>&lt;b&gt;记录一次操作或打卡&lt;/b&gt;</source>
        <translation>&lt;b&gt;记录一次操作或打卡&lt;/b&gt;</translation>
    </message>
    <message>
        <source>这是一次考核打卡</source>
        <translation>这是一次考核打卡</translation>
    </message>
    <message>
        <source>备注（可选）：例如转发到了哪个群、填报的内容</source>
        <translation>备注（可选）：例如转发到了哪个群、填报的内容</translation>
    </message>
    <message>
        <source>留痕附件</source>
        <translation>留痕附件</translation>
    </message>
    <message>
        <source>粘贴截图 (Ctrl+V)</source>
        <translation>粘贴截图 (Ctrl+V)</translation>
    </message>
    <message>
        <source>添加文件…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>操作类型</source>
        <translation>操作类型</translation>
    </message>
    <message>
        <source>计时</source>
        <translation>计时</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>保存记录</source>
        <translation>保存记录</translation>
    </message>
    <message>
        <source>留痕（截图、文件）</source>
        <translation>留痕（截图、文件）</translation>
    </message>
    <message>
        <source>剪贴板里没有图片：请先截图（例如 QQ/微信截图）再粘贴。</source>
        <translation>剪贴板里没有图片：请先截图（例如 QQ/微信截图）再粘贴。</translation>
    </message>
    <message>
        <source>选择留痕文件</source>
        <translation>选择留痕文件</translation>
    </message>
    <message>
        <source>无法读取 {name}：{error}</source>
        <translation>无法读取 {name}：{error}</translation>
    </message>
    <message>
        <source>{name} 有 {size:.1f} MB，超过上限 {limit:g} MB，未添加。请压缩后再试。</source>
        <translation>{name} 有 {size:.1f} MB，超过上限 {limit:g} MB，未添加。请压缩后再试。</translation>
    </message>
    <message>
        <source>截图太大，未添加。</source>
        <translation>截图太大，未添加。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>cadre_desk 基层减负工作台</source>
        <translation>cadre_desk 基层减负工作台</translation>
    </message>
    <message>
        <source>导航</source>
        <translation>导航</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>打开数据文件夹</source>
        <translation>打开数据文件夹</translation>
    </message>
    <message>
        <source>退出(&amp;Q)</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>关于 cadre_desk</source>
        <translation>关于 cadre_desk</translation>
    </message>
    <message>
        <source>cadre_desk {version}
把各类政务公众号、App、门户通知汇集到一个收件箱，记录留痕工作量，找出可以精简的订阅。
数据保存在：{path}</source>
        <translation>cadre_desk {version}
把各类政务公众号、App、门户通知汇集到一个收件箱，记录留痕工作量，找出可以精简的订阅。
数据保存在：{path}</translation>
    </message>
    <message>
        <source>收件箱</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <source>减负</source>
        <translation>减负</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>设置(&amp;S)…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>同步…</source>
        <translation>同步…</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>减负台账</source>
        <translation>减负台账</translation>
    </message>
    <message>
        <source>转为任务</source>
        <translation>转为任务</translation>
    </message>
    <message>
        <source>已把 {n} 条消息转为任务</source>
        <translation>已把 {n} 条消息转为任务</translation>
    </message>
    <message>
        <source>我运营的账号</source>
        <translation>我运营的账号</translation>
    </message>
</context>
<context>
    <name>MakeTaskDialog</name>
    <message>
        <source>由消息创建任务</source>
        <translation>由消息创建任务</translation>
    </message>
    <message>
        <source>普通</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>重要</source>
        <translation>重要</translation>
    </message>
    <message>
        <source>紧急</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>备注（可选）</source>
        <translation>备注（可选）</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>截止时间</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>优先级</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>创建任务</source>
        <translation>创建任务</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MessageDialog</name>
    <message>
        <source>登记待回复留言</source>
        <translation>登记待回复留言</translation>
    </message>
    <message>
        <source>留言人昵称（可选）</source>
        <translation>留言人昵称（可选）</translation>
    </message>
    <message>
        <source>粘贴留言内容</source>
        <translation>粘贴留言内容</translation>
    </message>
    <message>
        <source>账号(&amp;A)</source>
        <translation>账号(&amp;A)</translation>
    </message>
    <message>
        <source>留言人(&amp;F)</source>
        <translation>留言人(&amp;F)</translation>
    </message>
    <message>
        <source>内容(&amp;C)</source>
        <translation>内容(&amp;C)</translation>
    </message>
    <message>
        <source>收到时间(&amp;R)</source>
        <translation>收到时间(&amp;R)</translation>
    </message>
</context>
<context>
    <name>OwnAccounts</name>
    <message>
        <source>已标记为本单位运营</source>
        <translation>已标记为本单位运营</translation>
    </message>
    <message>
        <source>已取消本单位运营标记</source>
        <translation>已取消本单位运营标记</translation>
    </message>
    <message>
        <source>标记为本单位运营</source>
        <translation>标记为本单位运营</translation>
    </message>
    <message>
        <source>取消本单位运营标记</source>
        <translation>取消本单位运营标记</translation>
    </message>
</context>
<context>
    <name>OwnAccountsPage</name>
    <message>
        <source>&lt;b&gt;我运营的账号&lt;/b&gt;：按检查指标自查更新频率、错敏字、链接、转发和留言</source>
        <translation>&lt;b&gt;我运营的账号&lt;/b&gt;：按检查指标自查更新频率、错敏字、链接、转发和留言</translation>
    </message>
    <message>
        <source>立即检查(&amp;C)</source>
        <translation>立即检查(&amp;C)</translation>
    </message>
    <message>
        <source>生成更新提醒任务，补查转发职责</source>
        <translation>生成更新提醒任务，补查转发职责</translation>
    </message>
    <message>
        <source>检查链接(&amp;L)</source>
        <translation>检查链接(&amp;L)</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>本季度</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>报告期间</source>
        <translation>报告期间</translation>
    </message>
    <message>
        <source>导出自查报告(&amp;E)…</source>
        <translation>导出自查报告(&amp;E)…</translation>
    </message>
    <message>
        <source>账号更新频率</source>
        <translation>账号更新频率</translation>
    </message>
    <message>
        <source>规则设置(&amp;R)…</source>
        <translation>规则设置(&amp;R)…</translation>
    </message>
    <message>
        <source>取消运营标记</source>
        <translation>取消运营标记</translation>
    </message>
    <message>
        <source>发布前自查</source>
        <translation>发布前自查</translation>
    </message>
    <message>
        <source>已发布内容的错敏字</source>
        <translation>已发布内容的错敏字</translation>
    </message>
    <message>
        <source>链接检查结果</source>
        <translation>链接检查结果</translation>
    </message>
    <message>
        <source>转发职责</source>
        <translation>转发职责</translation>
    </message>
    <message>
        <source>留言</source>
        <translation>留言</translation>
    </message>
    <message>
        <source>此处无误(&amp;N)</source>
        <translation>此处无误(&amp;N)</translation>
    </message>
    <message>
        <source>该账号以后不再提示这个词</source>
        <translation>该账号以后不再提示这个词</translation>
    </message>
    <message>
        <source>标记已整改(&amp;F)</source>
        <translation>标记已整改(&amp;F)</translation>
    </message>
    <message>
        <source>标记已整改</source>
        <translation>标记已整改</translation>
    </message>
    <message>
        <source>添加转发职责(&amp;D)…</source>
        <translation>添加转发职责(&amp;D)…</translation>
    </message>
    <message>
        <source>登记留言(&amp;M)…</source>
        <translation>登记留言(&amp;M)…</translation>
    </message>
    <message>
        <source>标记已回复(&amp;P)</source>
        <translation>标记已回复(&amp;P)</translation>
    </message>
    <message>
        <source>稿件所属账号</source>
        <translation>稿件所属账号</translation>
    </message>
    <message>
        <source>把准备发布的稿件粘贴到这里，按 Ctrl+Enter 检查错别字、过时机构名称、政治表述和敏感词</source>
        <translation>把准备发布的稿件粘贴到这里，按 Ctrl+Enter 检查错别字、过时机构名称、政治表述和敏感词</translation>
    </message>
    <message>
        <source>待检查的稿件</source>
        <translation>待检查的稿件</translation>
    </message>
    <message>
        <source>检查稿件(&amp;K)</source>
        <translation>检查稿件(&amp;K)</translation>
    </message>
    <message>
        <source>稿件中的错敏字</source>
        <translation>稿件中的错敏字</translation>
    </message>
    <message>
        <source>此处无误</source>
        <translation>此处无误</translation>
    </message>
    <message>
        <source>账号(&amp;A)：</source>
        <translation>账号(&amp;A)：</translation>
    </message>
    <message>
        <source>错敏字 ({n})</source>
        <translation>错敏字 ({n})</translation>
    </message>
    <message>
        <source>链接 ({n})</source>
        <translation>链接 ({n})</translation>
    </message>
    <message>
        <source>转发职责 ({n})</source>
        <translation>转发职责 ({n})</translation>
    </message>
    <message>
        <source>留言 ({n})</source>
        <translation>留言 ({n})</translation>
    </message>
    <message>
        <source>还没有转发职责。</source>
        <translation>还没有转发职责。</translation>
    </message>
    <message>
        <source>还没有本单位运营的账号。下一步：在“订阅源”页选中账号，右键“标记为本单位运营”。</source>
        <translation>还没有本单位运营的账号。下一步：在“订阅源”页选中账号，右键“标记为本单位运营”。</translation>
    </message>
    <message>
        <source>{n} 个账号：{red} 个已超期，{yellow} 个即将超期。按自然日计算，节假日不顺延。</source>
        <translation>{n} 个账号：{red} 个已超期，{yellow} 个即将超期。按自然日计算，节假日不顺延。</translation>
    </message>
    <message>
        <source>演示数据：链接检查结果为预置记录，不访问网络。</source>
        <translation>演示数据：链接检查结果为预置记录，不访问网络。</translation>
    </message>
    <message>
        <source>检查完成：新建更新提醒 {a} 条，转发任务 {b} 条</source>
        <translation>检查完成：新建更新提醒 {a} 条，转发任务 {b} 条</translation>
    </message>
    <message>
        <source>已检查链接 {n} 个，无法打开 {b} 个</source>
        <translation>已检查链接 {n} 个，无法打开 {b} 个</translation>
    </message>
    <message>
        <source>导出自查报告</source>
        <translation>导出自查报告</translation>
    </message>
    <message>
        <source>政务新媒体自查报告-{period}.xlsx</source>
        <translation>政务新媒体自查报告-{period}.xlsx</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf)</source>
        <translation>Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>已导出自查报告：{path}</source>
        <translation>已导出自查报告：{path}</translation>
    </message>
    <message>
        <source>请先把账号标记为本单位运营。</source>
        <translation>请先把账号标记为本单位运营。</translation>
    </message>
    <message>
        <source>（{n} 处已标记为此处无误）</source>
        <translation>（{n} 处已标记为此处无误）</translation>
    </message>
    <message>
        <source>发现 {n} 处需要核对</source>
        <translation>发现 {n} 处需要核对</translation>
    </message>
    <message>
        <source>未发现错敏字</source>
        <translation>未发现错敏字</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>链接</source>
        <translation>链接</translation>
    </message>
</context>
<context>
    <name>ReaderToolbar</name>
    <message>
        <source>☆ 星标</source>
        <translation>☆ 星标</translation>
    </message>
    <message>
        <source>建任务</source>
        <translation>建任务</translation>
    </message>
    <message>
        <source>记录操作</source>
        <translation>记录操作</translation>
    </message>
    <message>
        <source>打开原文</source>
        <translation>打开原文</translation>
    </message>
    <message>
        <source>★ 已加星</source>
        <translation>★ 已加星</translation>
    </message>
    <message>
        <source> 等 {n} 条</source>
        <translation> 等 {n} 条</translation>
    </message>
    <message>
        <source>内容有差异，查看对比</source>
        <translation>内容有差异，查看对比</translation>
    </message>
    <message>
        <source>同时发布：</source>
        <translation>同时发布：</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <source>正文</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>选择左侧的一条消息以阅读</source>
        <translation>选择左侧的一条消息以阅读</translation>
    </message>
    <message>
        <source>图片</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>正在打开长文…</source>
        <translation>正在打开长文…</translation>
    </message>
    <message>
        <source>打开原文</source>
        <translation>打开原文</translation>
    </message>
    <message>
        <source>本文有 {n} 张图片，为保持流畅只列出前 {shown} 张。</source>
        <translation>本文有 {n} 张图片，为保持流畅只列出前 {shown} 张。</translation>
    </message>
    <message>
        <source>显示全部图片</source>
        <translation>显示全部图片</translation>
    </message>
</context>
<context>
    <name>RedundancyPage</name>
    <message>
        <source>减负：可以少关注的账号</source>
        <translation>减负：可以少关注的账号</translation>
    </message>
    <message>
        <source>待处理的建议</source>
        <translation>待处理的建议</translation>
    </message>
    <message>
        <source>已保留/已忽略/已处理</source>
        <translation>已保留/已忽略/已处理</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>重新分析</source>
        <translation>重新分析</translation>
    </message>
    <message>
        <source>把新内容加入重复检测，重新计算建议</source>
        <translation>把新内容加入重复检测，重新计算建议</translation>
    </message>
    <message>
        <source>完全重建</source>
        <translation>完全重建</translation>
    </message>
    <message>
        <source>从头重建重复内容索引（内容很多时需要一两分钟，可继续使用）</source>
        <translation>从头重建重复内容索引（内容很多时需要一两分钟，可继续使用）</translation>
    </message>
    <message>
        <source>导出精简报告…</source>
        <translation>导出精简报告…</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>全不选</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>取消关注</source>
        <translation>取消关注</translation>
    </message>
    <message>
        <source>不再显示这个账号的新内容；历史记录保留，可恢复</source>
        <translation>不再显示这个账号的新内容；历史记录保留，可恢复</translation>
    </message>
    <message>
        <source>合并到…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <source>只关注另一个内容相同的账号</source>
        <translation>只关注另一个内容相同的账号</translation>
    </message>
    <message>
        <source>保留…</source>
        <translation>保留…</translation>
    </message>
    <message>
        <source>保留这个账号并写明理由；证据不变就不再提示</source>
        <translation>保留这个账号并写明理由；证据不变就不再提示</translation>
    </message>
    <message>
        <source>忽略</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>这条建议不成立；证据不变就不再提示</source>
        <translation>这条建议不成立；证据不变就不再提示</translation>
    </message>
    <message>
        <source>恢复</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>撤销取消关注、合并、保留或忽略</source>
        <translation>撤销取消关注、合并、保留或忽略</translation>
    </message>
    <message>
        <source>重复内容对比</source>
        <translation>重复内容对比</translation>
    </message>
    <message>
        <source>最近发布</source>
        <translation>最近发布</translation>
    </message>
    <message>
        <source>抓取记录</source>
        <translation>抓取记录</translation>
    </message>
    <message>
        <source>没有待处理的减负建议。
点“重新分析”检查僵尸账号、转载账号和重复账号。</source>
        <translation>没有待处理的减负建议。
点“重新分析”检查僵尸账号、转载账号和重复账号。</translation>
    </message>
    <message>
        <source>这里还没有内容。</source>
        <translation>这里还没有内容。</translation>
    </message>
    <message>
        <source>分析完成：签名 {signed} 条，新增建议 {opened} 条，用时 {seconds:.1f} 秒</source>
        <translation>分析完成：签名 {signed} 条，新增建议 {opened} 条，用时 {seconds:.1f} 秒</translation>
    </message>
    <message>
        <source>分析没有完成</source>
        <translation>分析没有完成</translation>
    </message>
    <message>
        <source>正在分析重复内容…</source>
        <translation>正在分析重复内容…</translation>
    </message>
    <message>
        <source>签名 %v / %m</source>
        <translation>签名 %v / %m</translation>
    </message>
    <message>
        <source>选择左侧的一个账号查看证据</source>
        <translation>选择左侧的一个账号查看证据</translation>
    </message>
    <message>
        <source>• {kind}：{summary}</source>
        <translation>• {kind}：{summary}</translation>
    </message>
    <message>
        <source>勾选左侧的账号，看看采纳建议后每月能省多少时间（目前关注 {n} 个账号）。</source>
        <translation>勾选左侧的账号，看看采纳建议后每月能省多少时间（目前关注 {n} 个账号）。</translation>
    </message>
    <message>
        <source>采纳勾选的 {count} 个账号的建议：每月约省 {minutes:.0f} 分钟（约 {hours:.1f} 小时），关注账号 {before} → {after} 个。</source>
        <translation>采纳勾选的 {count} 个账号的建议：每月约省 {minutes:.0f} 分钟（约 {hours:.1f} 小时），关注账号 {before} → {after} 个。</translation>
    </message>
    <message>
        <source>已忽略这个账号的建议</source>
        <translation>已忽略这个账号的建议</translation>
    </message>
    <message>
        <source>每月可省约 {minutes:.0f} 分钟</source>
        <translation>每月可省约 {minutes:.0f} 分钟</translation>
    </message>
    <message>
        <source>状态：{status}</source>
        <translation>状态：{status}</translation>
    </message>
    <message>
        <source>说明：{reason}</source>
        <translation>说明：{reason}</translation>
    </message>
    <message>
        <source>保留理由：{reason}</source>
        <translation>保留理由：{reason}</translation>
    </message>
    <message>
        <source>提示：民生、政务服务类账号按规定一般应保留，请核实后再处理</source>
        <translation>提示：民生、政务服务类账号按规定一般应保留，请核实后再处理</translation>
    </message>
    <message>
        <source>已取消关注「{name}」</source>
        <translation>已取消关注「{name}」</translation>
    </message>
    <message>
        <source>已合并「{name}」</source>
        <translation>已合并「{name}」</translation>
    </message>
    <message>
        <source>已保留「{name}」</source>
        <translation>已保留「{name}」</translation>
    </message>
    <message>
        <source>已恢复</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>合并到</source>
        <translation>合并到</translation>
    </message>
    <message>
        <source>只关注哪个账号？（当前账号将取消关注，可恢复）</source>
        <translation>只关注哪个账号？（当前账号将取消关注，可恢复）</translation>
    </message>
    <message>
        <source>保留账号</source>
        <translation>保留账号</translation>
    </message>
    <message>
        <source>保留理由（会写入精简报告）：</source>
        <translation>保留理由（会写入精简报告）：</translation>
    </message>
    <message>
        <source>导出精简报告</source>
        <translation>导出精简报告</translation>
    </message>
    <message>
        <source>Excel 表格 (*.xlsx);;PDF 文档 (*.pdf)</source>
        <translation>Excel 表格 (*.xlsx);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>已导出：{path}</source>
        <translation>已导出：{path}</translation>
    </message>
    <message>
        <source>这个账号还没有任何内容。</source>
        <translation>这个账号还没有任何内容。</translation>
    </message>
    <message>
        <source>转载</source>
        <translation>转载</translation>
    </message>
    <message>
        <source>原创</source>
        <translation>原创</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>没有找到与其他账号重复的内容。</source>
        <translation>没有找到与其他账号重复的内容。</translation>
    </message>
    <message>
        <source>左：首发原文；右：本账号转载。</source>
        <translation>左：首发原文；右：本账号转载。</translation>
    </message>
    <message>
        <source>删去</source>
        <translation>删去</translation>
    </message>
    <message>
        <source>增加</source>
        <translation>增加</translation>
    </message>
    <message>
        <source>改动</source>
        <translation>改动</translation>
    </message>
    <message>
        <source>没有抓取记录（手动录入的账号不抓取）。</source>
        <translation>没有抓取记录（手动录入的账号不抓取）。</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>新内容</source>
        <translation>新内容</translation>
    </message>
    <message>
        <source>错误</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>成功</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>失败</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>RequirementModel</name>
    <message>
        <source>要求</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>频次</source>
        <translation>频次</translation>
    </message>
    <message>
        <source>账号/平台</source>
        <translation>账号/平台</translation>
    </message>
    <message>
        <source>提出单位</source>
        <translation>提出单位</translation>
    </message>
    <message>
        <source>负担标记</source>
        <translation>负担标记</translation>
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
        <translation>每天</translation>
    </message>
    <message>
        <source>每个工作日（按法定节假日调休）</source>
        <translation>每个工作日（按法定节假日调休）</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>每月某日（小月为月末）</source>
        <translation>每月某日（小月为月末）</translation>
    </message>
    <message>
        <source>每月最后一天</source>
        <translation>每月最后一天</translation>
    </message>
    <message>
        <source>每条新消息后 N 小时内</source>
        <translation>每条新消息后 N 小时内</translation>
    </message>
    <message>
        <source>自定义 RRULE</source>
        <translation>自定义 RRULE</translation>
    </message>
    <message>
        <source>导入或同步时带来的建议，当前规则未匹配，请人工判断</source>
        <translation>导入或同步时带来的建议，当前规则未匹配，请人工判断</translation>
    </message>
    <message>
        <source>新建要求</source>
        <translation>新建要求</translation>
    </message>
    <message>
        <source>&lt;b&gt;上级和各平台要求的操作&lt;/b&gt;</source>
        <translation>&lt;b&gt;上级和各平台要求的操作&lt;/b&gt;</translation>
    </message>
    <message>
        <source>例如：每日学习打卡、转发县融媒文章</source>
        <translation>例如：每日学习打卡、转发县融媒文章</translation>
    </message>
    <message>
        <source>每月 </source>
        <translation>每月 </translation>
    </message>
    <message>
        <source> 日</source>
        <translation> 日</translation>
    </message>
    <message>
        <source> 小时内</source>
        <translation> 小时内</translation>
    </message>
    <message>
        <source>指定时间</source>
        <translation>指定时间</translation>
    </message>
    <message>
        <source> 分钟</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>例如：县委宣传部</source>
        <translation>例如：县委宣传部</translation>
    </message>
    <message>
        <source>文件或通知编号，例如 X宣发〔2026〕8号</source>
        <translation>文件或通知编号，例如 X宣发〔2026〕8号</translation>
    </message>
    <message>
        <source>强制要求</source>
        <translation>强制要求</translation>
    </message>
    <message>
        <source>要求原文或补充说明（也用于判断是否属于违规做法）</source>
        <translation>要求原文或补充说明（也用于判断是否属于违规做法）</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>操作类型</source>
        <translation>操作类型</translation>
    </message>
    <message>
        <source>频次</source>
        <translation>频次</translation>
    </message>
    <message>
        <source>星期</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>截止时间</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>预计用时</source>
        <translation>预计用时</translation>
    </message>
    <message>
        <source>账号/平台</source>
        <translation>账号/平台</translation>
    </message>
    <message>
        <source>提出单位</source>
        <translation>提出单位</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>停用</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>减负规则检查（规则库 {version}）</source>
        <translation>减负规则检查（规则库 {version}）</translation>
    </message>
    <message>
        <source>（不指定）</source>
        <translation>（不指定）</translation>
    </message>
    <message>
        <source>保存后自动对照 2023、2024、2026 年减负规定检查。</source>
        <translation>保存后自动对照 2023、2024、2026 年减负规定检查。</translation>
    </message>
    <message>
        <source>无</source>
        <translation>无</translation>
    </message>
    <message>
        <source>已确认：{confirmed}&#x3000;已忽略：{dismissed}</source>
        <translation>已确认：{confirmed}&#x3000;已忽略：{dismissed}</translation>
    </message>
    <message>
        <source>没有待确认的建议。</source>
        <translation>没有待确认的建议。</translation>
    </message>
    <message>
        <source>已保存“{title}”</source>
        <translation>已保存“{title}”</translation>
    </message>
    <message>
        <source>停用要求</source>
        <translation>停用要求</translation>
    </message>
    <message>
        <source>停用“{title}”？以后不再生成任务，已有记录保留。</source>
        <translation>停用“{title}”？以后不再生成任务，已有记录保留。</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>标题</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>正文</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>标题或正文</source>
        <translation>标题或正文</translation>
    </message>
    <message>
        <source>作者</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>级别</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>文件夹</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>包含</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>不包含</source>
        <translation>不包含</translation>
    </message>
    <message>
        <source>匹配正则</source>
        <translation>匹配正则</translation>
    </message>
    <message>
        <source>是</source>
        <translation>是</translation>
    </message>
    <message>
        <source>不是</source>
        <translation>不是</translation>
    </message>
    <message>
        <source>创建任务</source>
        <translation>创建任务</translation>
    </message>
    <message>
        <source>加星标</source>
        <translation>加星标</translation>
    </message>
    <message>
        <source>标为已读</source>
        <translation>标为已读</translation>
    </message>
    <message>
        <source>静音（不在收件箱显示）</source>
        <translation>静音（不在收件箱显示）</translation>
    </message>
    <message>
        <source>加标签</source>
        <translation>加标签</translation>
    </message>
    <message>
        <source>移到文件夹</source>
        <translation>移到文件夹</translation>
    </message>
    <message>
        <source>关联工作要求（生成任务）</source>
        <translation>关联工作要求（生成任务）</translation>
    </message>
    <message>
        <source>消息规则</source>
        <translation>消息规则</translation>
    </message>
    <message>
        <source>新建规则</source>
        <translation>新建规则</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>&lt;b&gt;规则&lt;/b&gt;（按顺序对新消息生效）</source>
        <translation>&lt;b&gt;规则&lt;/b&gt;（按顺序对新消息生效）</translation>
    </message>
    <message>
        <source>例如：填报通知转任务</source>
        <translation>例如：填报通知转任务</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>满足以下全部条件</source>
        <translation>满足以下全部条件</translation>
    </message>
    <message>
        <source>满足以下任一条件</source>
        <translation>满足以下任一条件</translation>
    </message>
    <message>
        <source>＋ 添加条件</source>
        <translation>＋ 添加条件</translation>
    </message>
    <message>
        <source>＋ 添加动作</source>
        <translation>＋ 添加动作</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>当消息</source>
        <translation>当消息</translation>
    </message>
    <message>
        <source>就执行：</source>
        <translation>就执行：</translation>
    </message>
    <message>
        <source>预览匹配的消息</source>
        <translation>预览匹配的消息</translation>
    </message>
    <message>
        <source>预览不会改动任何消息。</source>
        <translation>预览不会改动任何消息。</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>保存并应用到已有消息</source>
        <translation>保存并应用到已有消息</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>规则有误</source>
        <translation>规则有误</translation>
    </message>
    <message>
        <source>正在查找…</source>
        <translation>正在查找…</translation>
    </message>
    <message>
        <source>未命名规则</source>
        <translation>未命名规则</translation>
    </message>
    <message>
        <source>在 {scanned} 条消息中有 {matched} 条匹配</source>
        <translation>在 {scanned} 条消息中有 {matched} 条匹配</translation>
    </message>
    <message>
        <source>（显示最新 {n} 条）</source>
        <translation>（显示最新 {n} 条）</translation>
    </message>
    <message>
        <source>已保存。新到的消息会按这条规则处理。</source>
        <translation>已保存。新到的消息会按这条规则处理。</translation>
    </message>
    <message>
        <source>正在应用到已有消息…</source>
        <translation>正在应用到已有消息…</translation>
    </message>
    <message>
        <source>已应用：{matched} 条消息匹配，新建 {tasks} 个任务。</source>
        <translation>已应用：{matched} 条消息匹配，新建 {tasks} 个任务。</translation>
    </message>
</context>
<context>
    <name>RulesListModel</name>
    <message>
        <source>（已停用）</source>
        <translation>（已停用）</translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <source>搜索标题、正文、作者、来源（/）  例：填报 来源:城关镇 after:2026-11-01</source>
        <translation>搜索标题、正文、作者、来源（/）  例：填报 来源:城关镇 after:2026-11-01</translation>
    </message>
    <message>
        <source>搜索</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>搜索结果</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>保存为智能文件夹</source>
        <translation>保存为智能文件夹</translation>
    </message>
    <message>
        <source>返回收件箱</source>
        <translation>返回收件箱</translation>
    </message>
    <message>
        <source>智能文件夹</source>
        <translation>智能文件夹</translation>
    </message>
    <message>
        <source>删除这个智能文件夹</source>
        <translation>删除这个智能文件夹</translation>
    </message>
    <message>
        <source>&lt;b&gt;智能文件夹&lt;/b&gt;</source>
        <translation>&lt;b&gt;智能文件夹&lt;/b&gt;</translation>
    </message>
    <message>
        <source>正在搜索“{q}”…</source>
        <translation>正在搜索“{q}”…</translation>
    </message>
    <message>
        <source>“{q}”：{n} 条结果</source>
        <translation>“{q}”：{n} 条结果</translation>
    </message>
    <message>
        <source>（匹配太多，只列出最新的 {n} 条）</source>
        <translation>（匹配太多，只列出最新的 {n} 条）</translation>
    </message>
    <message>
        <source>（还有 {n} 条新消息正在建立索引）</source>
        <translation>（还有 {n} 条新消息正在建立索引）</translation>
    </message>
    <message>
        <source>名称：</source>
        <translation>名称：</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>标题与摘要</source>
        <translation>标题与摘要</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>ServiceText</name>
    <message>
        <source>&lt;p&gt;附件：&lt;/p&gt;&lt;ul&gt;{0}&lt;/ul&gt;</source>
        <translation>&lt;p&gt;附件：&lt;/p&gt;&lt;ul&gt;{0}&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>CSS 选择器有误：{0}（{1}）</source>
        <translation>CSS 选择器有误：{0}（{1}）</translation>
    </message>
    <message>
        <source>JSON 格式有误，无法读取：{0}</source>
        <translation>JSON 格式有误，无法读取：{0}</translation>
    </message>
    <message>
        <source>OPML 文件中没有 &lt;body&gt;，没有可导入的订阅源。</source>
        <translation>OPML 文件中没有 &lt;body&gt;，没有可导入的订阅源。</translation>
    </message>
    <message>
        <source>OPML 文件包含不安全的 XML 实体定义，已拒绝导入。</source>
        <translation>OPML 文件包含不安全的 XML 实体定义，已拒绝导入。</translation>
    </message>
    <message>
        <source>OPML 文件是空的，没有导入任何订阅源。</source>
        <translation>OPML 文件是空的，没有导入任何订阅源。</translation>
    </message>
    <message>
        <source>OPML 文件第 {0} 行有错误（{1}），没有导入任何订阅源。</source>
        <translation>OPML 文件第 {0} 行有错误（{1}），没有导入任何订阅源。</translation>
    </message>
    <message>
        <source>RSSHub（/wechat/… 路由）</source>
        <translation>RSSHub（/wechat/… 路由）</translation>
    </message>
    <message>
        <source>XML 不规范（{0}）</source>
        <translation>XML 不规范（{0}）</translation>
    </message>
    <message>
        <source>XML 不规范（第 {0} 行第 {1} 列：{2}）</source>
        <translation>XML 不规范（第 {0} 行第 {1} 列：{2}）</translation>
    </message>
    <message>
        <source>cadre_desk 订阅源</source>
        <translation>cadre_desk 订阅源</translation>
    </message>
    <message>
        <source>{0} 拒绝连接（服务器未开启或端口错误）</source>
        <translation>{0} 拒绝连接（服务器未开启或端口错误）</translation>
    </message>
    <message>
        <source>{0} 的证书不受信任。</source>
        <translation>{0} 的证书不受信任。</translation>
    </message>
    <message>
        <source>{0} 的证书不受信任（{1}）。</source>
        <translation>{0} 的证书不受信任（{1}）。</translation>
    </message>
    <message>
        <source>{0}《{1}》{2}</source>
        <translation>{0}《{1}》{2}</translation>
    </message>
    <message>
        <source>{0}（HTTP {1}）</source>
        <translation>{0}（HTTP {1}）</translation>
    </message>
    <message>
        <source>{0}：{1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>“新消息后 N 小时内”的 N 必须大于 0。</source>
        <translation>“新消息后 N 小时内”的 N 必须大于 0。</translation>
    </message>
    <message>
        <source>「{0}」在{1}上有 {2} 个账号，建议只关注原创最多的「{3}」。</source>
        <translation>「{0}」在{1}上有 {2} 个账号，建议只关注原创最多的「{3}」。</translation>
    </message>
    <message>
        <source>一</source>
        <translation>一</translation>
    </message>
    <message>
        <source>三</source>
        <translation>三</translation>
    </message>
    <message>
        <source>下载安装或登录指标：“{0}”</source>
        <translation>下载安装或登录指标：“{0}”</translation>
    </message>
    <message>
        <source>下载超时：{0} 秒内没有完成（{1}）</source>
        <translation>下载超时：{0} 秒内没有完成（{1}）</translation>
    </message>
    <message>
        <source>不得将学习时长、点赞转发数量等作为考核评价、评比评选依据</source>
        <translation>不得将学习时长、点赞转发数量等作为考核评价、评比评选依据</translation>
    </message>
    <message>
        <source>不得将点赞、投票、转发、学习时长作为考核评价依据</source>
        <translation>不得将点赞、投票、转发、学习时长作为考核评价依据</translation>
    </message>
    <message>
        <source>不得强制推广下载政务应用程序，政务公众账号推广不得作强制性要求</source>
        <translation>不得强制推广下载政务应用程序，政务公众账号推广不得作强制性要求</translation>
    </message>
    <message>
        <source>不得把学习时长、打卡情况作为考核评价依据</source>
        <translation>不得把学习时长、打卡情况作为考核评价依据</translation>
    </message>
    <message>
        <source>不得滥用关注点赞、转发评论功能，不得将其作为考核评价、评比评选依据</source>
        <translation>不得滥用关注点赞、转发评论功能，不得将其作为考核评价、评比评选依据</translation>
    </message>
    <message>
        <source>不得简单以拍照留痕、工作痕迹评判工作实绩</source>
        <translation>不得简单以拍照留痕、工作痕迹评判工作实绩</translation>
    </message>
    <message>
        <source>不得要求基层提供照片、视频等过程性留痕材料</source>
        <translation>不得要求基层提供照片、视频等过程性留痕材料</translation>
    </message>
    <message>
        <source>不得要求提供照片、视频、位置轨迹等证明材料</source>
        <translation>不得要求提供照片、视频、位置轨迹等证明材料</translation>
    </message>
    <message>
        <source>不得设置积分排名、统计在线时长等功能变相强制使用</source>
        <translation>不得设置积分排名、统计在线时长等功能变相强制使用</translation>
    </message>
    <message>
        <source>不得随意要求通过政务应用程序、工作群组上传不必要的截图或视频</source>
        <translation>不得随意要求通过政务应用程序、工作群组上传不必要的截图或视频</translation>
    </message>
    <message>
        <source>不支持的地址：{0}（只支持 http/https）</source>
        <translation>不支持的地址：{0}（只支持 http/https）</translation>
    </message>
    <message>
        <source>不认识的扩展项：{0}</source>
        <translation>不认识的扩展项：{0}</translation>
    </message>
    <message>
        <source>不重复</source>
        <translation>不重复</translation>
    </message>
    <message>
        <source>与 {0} 建立加密连接失败：{1}</source>
        <translation>与 {0} 建立加密连接失败：{1}</translation>
    </message>
    <message>
        <source>与“{0}”（{1}）内容重复填报</source>
        <translation>与“{0}”（{1}）内容重复填报</translation>
    </message>
    <message>
        <source>与邮件服务器 {0} 建立加密连接失败：{1}</source>
        <translation>与邮件服务器 {0} 建立加密连接失败：{1}</translation>
    </message>
    <message>
        <source>与邮件服务器通信出错：{0}</source>
        <translation>与邮件服务器通信出错：{0}</translation>
    </message>
    <message>
        <source>中共中央办公厅、国务院办公厅</source>
        <translation>中共中央办公厅、国务院办公厅</translation>
    </message>
    <message>
        <source>中央网络安全和信息化委员会</source>
        <translation>中央网络安全和信息化委员会</translation>
    </message>
    <message>
        <source>二</source>
        <translation>二</translation>
    </message>
    <message>
        <source>五</source>
        <translation>五</translation>
    </message>
    <message>
        <source>代理服务器出错：{0}</source>
        <translation>代理服务器出错：{0}</translation>
    </message>
    <message>
        <source>以“{0}”评价或通报</source>
        <translation>以“{0}”评价或通报</translation>
    </message>
    <message>
        <source>以截图/照片留痕作为考核检查依据</source>
        <translation>以截图/照片留痕作为考核检查依据</translation>
    </message>
    <message>
        <source>位置轨迹、视频留痕</source>
        <translation>位置轨迹、视频留痕</translation>
    </message>
    <message>
        <source>公众号 ID（在 we-mp-rss 后台可见）</source>
        <translation>公众号 ID（在 we-mp-rss 后台可见）</translation>
    </message>
    <message>
        <source>公众号 ID（在 wewe-rss 后台可见），all 为全部</source>
        <translation>公众号 ID（在 wewe-rss 后台可见），all 为全部</translation>
    </message>
    <message>
        <source>六</source>
        <translation>六</translation>
    </message>
    <message>
        <source>关于防治“指尖上的形式主义”的若干意见</source>
        <translation>关于防治“指尖上的形式主义”的若干意见</translation>
    </message>
    <message>
        <source>关注 {0} 天以来从未发布内容</source>
        <translation>关注 {0} 天以来从未发布内容</translation>
    </message>
    <message>
        <source>内容包含 XML 实体定义（可能是“实体炸弹”或外部实体攻击），已拒绝读取。</source>
        <translation>内容包含 XML 实体定义（可能是“实体炸弹”或外部实体攻击），已拒绝读取。</translation>
    </message>
    <message>
        <source>内容包含不安全的 XML 实体定义，已拒绝读取；请联系该订阅源的维护者。</source>
        <translation>内容包含不安全的 XML 实体定义，已拒绝读取；请联系该订阅源的维护者。</translation>
    </message>
    <message>
        <source>内容超过 {0} MB 上限，已停止下载。</source>
        <translation>内容超过 {0} MB 上限，已停止下载。</translation>
    </message>
    <message>
        <source>取消关注</source>
        <translation>取消关注</translation>
    </message>
    <message>
        <source>取消关注，或向要求单位反映减少规定操作</source>
        <translation>取消关注，或向要求单位反映减少规定操作</translation>
    </message>
    <message>
        <source>另一平台</source>
        <translation>另一平台</translation>
    </message>
    <message>
        <source>只支持单条重复规则：{0}</source>
        <translation>只支持单条重复规则：{0}</translation>
    </message>
    <message>
        <source>合并：只关注「{0}」</source>
        <translation>合并：只关注「{0}」</translation>
    </message>
    <message>
        <source>同一事项或数据原则上“一张表”报送，防止多头填报、重复索要数据</source>
        <translation>同一事项或数据原则上“一张表”报送，防止多头填报、重复索要数据</translation>
    </message>
    <message>
        <source>四</source>
        <translation>四</translation>
    </message>
    <message>
        <source>国办函〔2026〕12号</source>
        <translation>国办函〔2026〕12号</translation>
    </message>
    <message>
        <source>国务院办公厅</source>
        <translation>国务院办公厅</translation>
    </message>
    <message>
        <source>地址不存在，订阅源可能已停用或改址</source>
        <translation>地址不存在，订阅源可能已停用或改址</translation>
    </message>
    <message>
        <source>地址格式有误：{0}</source>
        <translation>地址格式有误：{0}</translation>
    </message>
    <message>
        <source>声明的编码“{0}”无法识别，已按 {1} 读取</source>
        <translation>声明的编码“{0}”无法识别，已按 {1} 读取</translation>
    </message>
    <message>
        <source>声明的编码是 {0}，实际内容是 {1}，已按 {2} 读取</source>
        <translation>声明的编码是 {0}，实际内容是 {1}，已按 {2} 读取</translation>
    </message>
    <message>
        <source>多头填报、重复索要数据</source>
        <translation>多头填报、重复索要数据</translation>
    </message>
    <message>
        <source>如果确认这是单位内网的自签名证书，可在订阅源设置中选择“信任此证书”。</source>
        <translation>如果确认这是单位内网的自签名证书，可在订阅源设置中选择“信任此证书”。</translation>
    </message>
    <message>
        <source>导入的建议</source>
        <translation>导入的建议</translation>
    </message>
    <message>
        <source>工作群强制“{0}”</source>
        <translation>工作群强制“{0}”</translation>
    </message>
    <message>
        <source>工作群强制接龙、即时响应</source>
        <translation>工作群强制接龙、即时响应</translation>
    </message>
    <message>
        <source>工作群组中不得脱离工作实际强制要求打卡接龙、即时响应</source>
        <translation>工作群组中不得脱离工作实际强制要求打卡接龙、即时响应</translation>
    </message>
    <message>
        <source>工作群要求 {0} 小时内回复</source>
        <translation>工作群要求 {0} 小时内回复</translation>
    </message>
    <message>
        <source>已 {0} 天没有发布新内容（最后一条：{1}）</source>
        <translation>已 {0} 天没有发布新内容（最后一条：{1}）</translation>
    </message>
    <message>
        <source>已连续 {0} 天抓取失败（{1} 次），最近错误：{2}。</source>
        <translation>已连续 {0} 天抓取失败（{1} 次），最近错误：{2}。</translation>
    </message>
    <message>
        <source>强制下载安装、定期登录</source>
        <translation>强制下载安装、定期登录</translation>
    </message>
    <message>
        <source>强制下载安装或登录政务应用</source>
        <translation>强制下载安装或登录政务应用</translation>
    </message>
    <message>
        <source>强制打卡签到</source>
        <translation>强制打卡签到</translation>
    </message>
    <message>
        <source>强制要求“{0}”</source>
        <translation>强制要求“{0}”</translation>
    </message>
    <message>
        <source>强制要求点赞/转发/评论</source>
        <translation>强制要求点赞/转发/评论</translation>
    </message>
    <message>
        <source>强制要求的学习打卡</source>
        <translation>强制要求的学习打卡</translation>
    </message>
    <message>
        <source>微信文章（联网后可补全标题）</source>
        <translation>微信文章（联网后可补全标题）</translation>
    </message>
    <message>
        <source>截图拍照留痕</source>
        <translation>截图拍照留痕</translation>
    </message>
    <message>
        <source>找不到服务器 {0}（域名无法解析）</source>
        <translation>找不到服务器 {0}（域名无法解析）</translation>
    </message>
    <message>
        <source>把点赞/转发/投票作为考核依据（“{0}”）</source>
        <translation>把点赞/转发/投票作为考核依据（“{0}”）</translation>
    </message>
    <message>
        <source>政务移动互联网应用程序规范化管理办法</source>
        <translation>政务移动互联网应用程序规范化管理办法</translation>
    </message>
    <message>
        <source>整治形式主义为基层减负若干规定</source>
        <translation>整治形式主义为基层减负若干规定</translation>
    </message>
    <message>
        <source>整治打卡签到、积分排名、统计在线时长等强制使用功能</source>
        <translation>整治打卡签到、积分排名、统计在线时长等强制使用功能</translation>
    </message>
    <message>
        <source>文件可能没有下载或复制完整：请从原来的阅读器重新导出 OPML，或用文本编辑器修正第 {0} 行后再导入。</source>
        <translation>文件可能没有下载或复制完整：请从原来的阅读器重新导出 OPML，或用文本编辑器修正第 {0} 行后再导入。</translation>
    </message>
    <message>
        <source>无法解析网页：{0}</source>
        <translation>无法解析网页：{0}</translation>
    </message>
    <message>
        <source>无法识别的重复规则“{0}”：{1}</source>
        <translation>无法识别的重复规则“{0}”：{1}</translation>
    </message>
    <message>
        <source>无法连接到 {0}（服务器未开启、端口错误或网络不通）</source>
        <translation>无法连接到 {0}（服务器未开启、端口错误或网络不通）</translation>
    </message>
    <message>
        <source>无法连接到 {0}：{1}</source>
        <translation>无法连接到 {0}：{1}</translation>
    </message>
    <message>
        <source>无法连接邮件服务器 {0}:{1}（{2}）</source>
        <translation>无法连接邮件服务器 {0}:{1}（{2}）</translation>
    </message>
    <message>
        <source>无说明</source>
        <translation>无说明</translation>
    </message>
    <message>
        <source>日</source>
        <translation>日</translation>
    </message>
    <message>
        <source>时间“{0}”的格式不对。</source>
        <translation>时间“{0}”的格式不对。</translation>
    </message>
    <message>
        <source>最近 {0} 天 {1} 条内容中 {2} 条（{3}）是转载，其中 {4} 条首发于「{5}」。</source>
        <translation>最近 {0} 天 {1} 条内容中 {2} 条（{3}）是转载，其中 {4} 条首发于「{5}」。</translation>
    </message>
    <message>
        <source>最近 {0} 天「{1}」{2} 条内容中约 {3} 与「{4}」重复，关注其中一个即可。</source>
        <translation>最近 {0} 天「{1}」{2} 条内容中约 {3} 与「{4}」重复，关注其中一个即可。</translation>
    </message>
    <message>
        <source>最近 {0} 天发布的 {1} 条内容全部是转载，没有原创。</source>
        <translation>最近 {0} 天发布的 {1} 条内容全部是转载，没有原创。</translation>
    </message>
    <message>
        <source>服务器内部错误</source>
        <translation>服务器内部错误</translation>
    </message>
    <message>
        <source>服务器出错</source>
        <translation>服务器出错</translation>
    </message>
    <message>
        <source>服务器声明的内容类型是 {0}，不是订阅源格式</source>
        <translation>服务器声明的内容类型是 {0}，不是订阅源格式</translation>
    </message>
    <message>
        <source>服务器拒绝访问（可能仅限内网或需要登录）</source>
        <translation>服务器拒绝访问（可能仅限内网或需要登录）</translation>
    </message>
    <message>
        <source>服务器暂时不可用</source>
        <translation>服务器暂时不可用</translation>
    </message>
    <message>
        <source>服务器没有提供证书。</source>
        <translation>服务器没有提供证书。</translation>
    </message>
    <message>
        <source>服务器要求跳转但没有给出新地址（HTTP {0}）</source>
        <translation>服务器要求跳转但没有给出新地址（HTTP {0}）</translation>
    </message>
    <message>
        <source>服务器要求降低访问频率</source>
        <translation>服务器要求降低访问频率</translation>
    </message>
    <message>
        <source>服务器认为请求有误</source>
        <translation>服务器认为请求有误</translation>
    </message>
    <message>
        <source>服务器证书已变化：现在的指纹是 {0}，与已信任的不一致。</source>
        <translation>服务器证书已变化：现在的指纹是 {0}，与已信任的不一致。</translation>
    </message>
    <message>
        <source>服务器返回的压缩数据已损坏：{0}</source>
        <translation>服务器返回的压缩数据已损坏：{0}</translation>
    </message>
    <message>
        <source>未命名文件夹</source>
        <translation>未命名文件夹</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>未知的加密方式：{0}</source>
        <translation>未知的加密方式：{0}</translation>
    </message>
    <message>
        <source>未知的桥接服务：{0}</source>
        <translation>未知的桥接服务：{0}</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>桥接服务地址有误：{0}</source>
        <translation>桥接服务地址有误：{0}</translation>
    </message>
    <message>
        <source>桥接服务返回的账号列表不是 JSON。</source>
        <translation>桥接服务返回的账号列表不是 JSON。</translation>
    </message>
    <message>
        <source>每个工作日（按法定节假日调休）</source>
        <translation>每个工作日（按法定节假日调休）</translation>
    </message>
    <message>
        <source>每周</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>每天</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>每月{0}日</source>
        <translation>每月{0}日</translation>
    </message>
    <message>
        <source>每月{0}日（小月为月末）</source>
        <translation>每月{0}日（小月为月末）</translation>
    </message>
    <message>
        <source>每月最后一天</source>
        <translation>每月最后一天</translation>
    </message>
    <message>
        <source>每月的日期应在 1 到 31 之间：{0}</source>
        <translation>每月的日期应在 1 到 31 之间：{0}</translation>
    </message>
    <message>
        <source>每月规定操作约 {0} 分钟，但最近 30 天只阅读/使用了 {1} 条内容（共 {2} 条）。</source>
        <translation>每月规定操作约 {0} 分钟，但最近 30 天只阅读/使用了 {1} 条内容（共 {2} 条）。</translation>
    </message>
    <message>
        <source>每条新消息后 {0} 小时内</source>
        <translation>每条新消息后 {0} 小时内</translation>
    </message>
    <message>
        <source>没有声明编码，已按 {0} 读取</source>
        <translation>没有声明编码，已按 {0} 读取</translation>
    </message>
    <message>
        <source>清理关停使用频率低、实用性不强的“空壳”“僵尸”政务应用和账号</source>
        <translation>清理关停使用频率低、实用性不强的“空壳”“僵尸”政务应用和账号</translation>
    </message>
    <message>
        <source>点赞转发作为考核依据</source>
        <translation>点赞转发作为考核依据</translation>
    </message>
    <message>
        <source>用户确认</source>
        <translation>用户确认</translation>
    </message>
    <message>
        <source>积分排名、在线时长</source>
        <translation>积分排名、在线时长</translation>
    </message>
    <message>
        <source>稍后会自动重试；如果一直失败，请检查订阅地址是否正确。</source>
        <translation>稍后会自动重试；如果一直失败，请检查订阅地址是否正确。</translation>
    </message>
    <message>
        <source>空壳僵尸账号</source>
        <translation>空壳僵尸账号</translation>
    </message>
    <message>
        <source>网关超时</source>
        <translation>网关超时</translation>
    </message>
    <message>
        <source>网关错误，服务器暂时不可用</source>
        <translation>网关错误，服务器暂时不可用</translation>
    </message>
    <message>
        <source>网页是空的。</source>
        <translation>网页是空的。</translation>
    </message>
    <message>
        <source>自定义规则请直接填写 RRULE 文本。</source>
        <translation>自定义规则请直接填写 RRULE 文本。</translation>
    </message>
    <message>
        <source>自定义（{0}）{1}</source>
        <translation>自定义（{0}）{1}</translation>
    </message>
    <message>
        <source>要求关注/使用的账号已 {0} 天没有更新</source>
        <translation>要求关注/使用的账号已 {0} 天没有更新</translation>
    </message>
    <message>
        <source>要求提供“{0}”</source>
        <translation>要求提供“{0}”</translation>
    </message>
    <message>
        <source>订阅源已被永久删除</source>
        <translation>订阅源已被永久删除</translation>
    </message>
    <message>
        <source>证据已变化（此前：{0}）</source>
        <translation>证据已变化（此前：{0}）</translation>
    </message>
    <message>
        <source>请从列表中选择 RSSHub、wewe-rss 或 we-mp-rss。</source>
        <translation>请从列表中选择 RSSHub、wewe-rss 或 we-mp-rss。</translation>
    </message>
    <message>
        <source>请从原来的阅读器重新导出 OPML 文件后再导入。</source>
        <translation>请从原来的阅读器重新导出 OPML 文件后再导入。</translation>
    </message>
    <message>
        <source>请在订阅源设置中重新输入邮箱密码。</source>
        <translation>请在订阅源设置中重新输入邮箱密码。</translation>
    </message>
    <message>
        <source>请填写公众号 ID 或路由。</source>
        <translation>请填写公众号 ID 或路由。</translation>
    </message>
    <message>
        <source>请填写邮箱服务器和用户名。</source>
        <translation>请填写邮箱服务器和用户名。</translation>
    </message>
    <message>
        <source>请改用这个订阅源地址添加。</source>
        <translation>请改用这个订阅源地址添加。</translation>
    </message>
    <message>
        <source>请检查文件夹名称（例如 INBOX）。</source>
        <translation>请检查文件夹名称（例如 INBOX）。</translation>
    </message>
    <message>
        <source>请检查栏目页地址，或在预览中手动修改 CSS 选择器。</source>
        <translation>请检查栏目页地址，或在预览中手动修改 CSS 选择器。</translation>
    </message>
    <message>
        <source>请检查网络连接或代理设置（设置 → 网络），稍后会自动重试。</source>
        <translation>请检查网络连接或代理设置（设置 → 网络），稍后会自动重试。</translation>
    </message>
    <message>
        <source>请检查订阅地址。</source>
        <translation>请检查订阅地址。</translation>
    </message>
    <message>
        <source>请检查邮箱服务器地址、端口、用户名和密码。</source>
        <translation>请检查邮箱服务器地址、端口、用户名和密码。</translation>
    </message>
    <message>
        <source>请求被拒绝</source>
        <translation>请求被拒绝</translation>
    </message>
    <message>
        <source>请确认地址是 RSS/Atom/JSON 订阅源；网页栏目请按“网页”类型添加。</source>
        <translation>请确认地址是 RSS/Atom/JSON 订阅源；网页栏目请按“网页”类型添加。</translation>
    </message>
    <message>
        <source>请确认地址是 wewe-rss 的根地址。</source>
        <translation>请确认地址是 wewe-rss 的根地址。</translation>
    </message>
    <message>
        <source>请确认文件是 OPML 格式（通常由阅读器“导出订阅”生成）。</source>
        <translation>请确认文件是 OPML 格式（通常由阅读器“导出订阅”生成）。</translation>
    </message>
    <message>
        <source>请粘贴 mp.weixin.qq.com 的文章链接，或直接粘贴文字内容。</source>
        <translation>请粘贴 mp.weixin.qq.com 的文章链接，或直接粘贴文字内容。</translation>
    </message>
    <message>
        <source>请粘贴完整地址，例如 http://192.168.1.10:4000</source>
        <translation>请粘贴完整地址，例如 http://192.168.1.10:4000</translation>
    </message>
    <message>
        <source>读取超时：{0} 长时间没有返回数据</source>
        <translation>读取超时：{0} 长时间没有返回数据</translation>
    </message>
    <message>
        <source>读取邮件失败。</source>
        <translation>读取邮件失败。</translation>
    </message>
    <message>
        <source>路由路径，例如 mp/msgalbum/MzA3MDM3NjE5NQ==/1439527291364761601 或 ce/595a5b14d7164e53908f1606</source>
        <translation>路由路径，例如 mp/msgalbum/MzA3MDM3NjE5NQ==/1439527291364761601 或 ce/595a5b14d7164e53908f1606</translation>
    </message>
    <message>
        <source>跳转次数过多（超过 {0} 次），已停止。</source>
        <translation>跳转次数过多（超过 {0} 次），已停止。</translation>
    </message>
    <message>
        <source>返回的内容不是可识别的订阅源（RSS/Atom）{0}</source>
        <translation>返回的内容不是可识别的订阅源（RSS/Atom）{0}</translation>
    </message>
    <message>
        <source>这不是 OPML 文件（根元素不是 &lt;opml&gt;）。</source>
        <translation>这不是 OPML 文件（根元素不是 &lt;opml&gt;）。</translation>
    </message>
    <message>
        <source>这个地址是网页，网页里声明了订阅源：{0}</source>
        <translation>这个地址是网页，网页里声明了订阅源：{0}</translation>
    </message>
    <message>
        <source>这个地址返回的内容过大；请确认它是订阅源地址，或在设置中调高大小上限。</source>
        <translation>这个地址返回的内容过大；请确认它是订阅源地址，或在设置中调高大小上限。</translation>
    </message>
    <message>
        <source>这个地址返回的是网页，不是订阅源。</source>
        <translation>这个地址返回的是网页，不是订阅源。</translation>
    </message>
    <message>
        <source>这是 JSON 数据，但不是 JSON Feed 订阅源（缺少 items）。</source>
        <translation>这是 JSON 数据，但不是 JSON Feed 订阅源（缺少 items）。</translation>
    </message>
    <message>
        <source>连接中断：{0}（{1}）</source>
        <translation>连接中断：{0}（{1}）</translation>
    </message>
    <message>
        <source>连接超时：{0} 没有响应</source>
        <translation>连接超时：{0} 没有响应</translation>
    </message>
    <message>
        <source>连接邮件服务器 {0} 超时。</source>
        <translation>连接邮件服务器 {0} 超时。</translation>
    </message>
    <message>
        <source>邮件服务器 {0} 的证书不受信任：{1}</source>
        <translation>邮件服务器 {0} 的证书不受信任：{1}</translation>
    </message>
    <message>
        <source>邮件服务器拒绝了搜索请求。</source>
        <translation>邮件服务器拒绝了搜索请求。</translation>
    </message>
    <message>
        <source>邮件服务器证书与已信任的不一致（现在的指纹 {0}）。</source>
        <translation>邮件服务器证书与已信任的不一致（现在的指纹 {0}）。</translation>
    </message>
    <message>
        <source>邮箱中没有文件夹“{0}”。</source>
        <translation>邮箱中没有文件夹“{0}”。</translation>
    </message>
    <message>
        <source>邮箱用户名或密码错误，登录被拒绝。</source>
        <translation>邮箱用户名或密码错误，登录被拒绝。</translation>
    </message>
    <message>
        <source>部分字符无法按 {0} 解码，已用“�”替代</source>
        <translation>部分字符无法按 {0} 解码，已用“�”替代</translation>
    </message>
    <message>
        <source>部分文字像是被重复编码的 UTF-8（如“Ã©”“â€¦”），可能显示为乱码</source>
        <translation>部分文字像是被重复编码的 UTF-8（如“Ã©”“â€¦”），可能显示为乱码</translation>
    </message>
    <message>
        <source>重复规则“{0}”从 {1} 起不会产生任何日期。</source>
        <translation>重复规则“{0}”从 {1} 起不会产生任何日期。</translation>
    </message>
    <message>
        <source>重复规则为空。</source>
        <translation>重复规则为空。</translation>
    </message>
    <message>
        <source>重复规则里不要写 DTSTART：开始日期请填在“开始日期”一栏。</source>
        <translation>重复规则里不要写 DTSTART：开始日期请填在“开始日期”一栏。</translation>
    </message>
    <message>
        <source>重复频率最小为“每天”；按小时的要求请用“新消息后 N 小时内”。</source>
        <translation>重复频率最小为“每天”；按小时的要求请用“新消息后 N 小时内”。</translation>
    </message>
    <message>
        <source>需要登录才能访问</source>
        <translation>需要登录才能访问</translation>
    </message>
    <message>
        <source>频繁要求截图/拍照留痕</source>
        <translation>频繁要求截图/拍照留痕</translation>
    </message>
    <message>
        <source>（{0}）</source>
        <translation>（{0}）</translation>
    </message>
    <message>
        <source>（“{0}”）</source>
        <translation>（“{0}”）</translation>
    </message>
    <message>
        <source>（无主题）</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <source>（无标题）</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>（未指定账号）</source>
        <translation>（未指定账号）</translation>
    </message>
    <message>
        <source>（每天/每个工作日）</source>
        <translation>（每天/每个工作日）</translation>
    </message>
    <message>
        <source>，仅工作日</source>
        <translation>，仅工作日</translation>
    </message>
    <message>
        <source>，超过 {0} 天的僵尸账号标准。</source>
        <translation>，超过 {0} 天的僵尸账号标准。</translation>
    </message>
</context>
<context>
    <name>SettingSpec</name>
    <message>
        <source>界面语言</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>重启后生效</source>
        <translation>重启后生效</translation>
    </message>
    <message>
        <source>启动时最小化到托盘</source>
        <translation>启动时最小化到托盘</translation>
    </message>
    <message>
        <source>开机自动启动时不打扰手头工作</source>
        <translation>开机自动启动时不打扰手头工作</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>导出报告时显示</source>
        <translation>导出报告时显示</translation>
    </message>
    <message>
        <source>所在单位</source>
        <translation>所在单位</translation>
    </message>
    <message>
        <source>上班时间</source>
        <translation>上班时间</translation>
    </message>
    <message>
        <source>工作时间开始（HH:MM）</source>
        <translation>工作时间开始（HH:MM）</translation>
    </message>
    <message>
        <source>下班时间</source>
        <translation>下班时间</translation>
    </message>
    <message>
        <source>工作时间结束（HH:MM）</source>
        <translation>工作时间结束（HH:MM）</translation>
    </message>
    <message>
        <source>免打扰开始</source>
        <translation>免打扰开始</translation>
    </message>
    <message>
        <source>此后不弹出提醒</source>
        <translation>此后不弹出提醒</translation>
    </message>
    <message>
        <source>免打扰结束</source>
        <translation>免打扰结束</translation>
    </message>
    <message>
        <source>此前不弹出提醒</source>
        <translation>此前不弹出提醒</translation>
    </message>
    <message>
        <source>僵尸账号天数</source>
        <translation>僵尸账号天数</translation>
    </message>
    <message>
        <source>超过这么多天没有更新视为僵尸账号</source>
        <translation>超过这么多天没有更新视为僵尸账号</translation>
    </message>
    <message>
        <source>代理服务器</source>
        <translation>代理服务器</translation>
    </message>
    <message>
        <source>例如 http://10.0.0.1:8080（政务内网常用）</source>
        <translation>例如 http://10.0.0.1:8080（政务内网常用）</translation>
    </message>
    <message>
        <source>超时（秒）</source>
        <translation>超时（秒）</translation>
    </message>
    <message>
        <source>单个请求的连接/读取超时</source>
        <translation>单个请求的连接/读取超时</translation>
    </message>
    <message>
        <source>下载大小上限（MB）</source>
        <translation>下载大小上限（MB）</translation>
    </message>
    <message>
        <source>超过此大小的响应会被截断并报错</source>
        <translation>超过此大小的响应会被截断并报错</translation>
    </message>
    <message>
        <source>同一网站并发数</source>
        <translation>同一网站并发数</translation>
    </message>
    <message>
        <source>同一网站同时进行的下载数，避免给对方服务器添堵</source>
        <translation>同一网站同时进行的下载数，避免给对方服务器添堵</translation>
    </message>
    <message>
        <source>总并发数</source>
        <translation>总并发数</translation>
    </message>
    <message>
        <source>所有网站同时进行的下载总数</source>
        <translation>所有网站同时进行的下载总数</translation>
    </message>
    <message>
        <source>解析进程数</source>
        <translation>解析进程数</translation>
    </message>
    <message>
        <source>0 为自动：订阅源较多时用多个进程解析</source>
        <translation>0 为自动：订阅源较多时用多个进程解析</translation>
    </message>
    <message>
        <source>自动刷新</source>
        <translation>自动刷新</translation>
    </message>
    <message>
        <source>程序打开时按各订阅源的间隔在后台刷新</source>
        <translation>程序打开时按各订阅源的间隔在后台刷新</translation>
    </message>
    <message>
        <source>向单位报送减负统计</source>
        <translation>向单位报送减负统计</translation>
    </message>
    <message>
        <source>同步时匿名报送各账号用时和减负结论，不含内容和姓名；关闭后同步时删除</source>
        <translation>同步时匿名报送各账号用时和减负结论，不含内容和姓名；关闭后同步时删除</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>常规</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>个人信息</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>工作时间</source>
        <translation>工作时间</translation>
    </message>
    <message>
        <source>分析</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>网络</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>抓取</source>
        <translation>抓取</translation>
    </message>
    <message>
        <source>收件箱</source>
        <translation>收件箱</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>提醒</source>
        <translation>提醒</translation>
    </message>
    <message>
        <source>报表</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>同步</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>订阅源</source>
        <translation>订阅源</translation>
    </message>
    <message>
        <source>设置</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>设置分类</source>
        <translation>设置分类</translation>
    </message>
    <message>
        <source>登录系统后自动启动 cadre_desk</source>
        <translation>登录系统后自动启动 cadre_desk</translation>
    </message>
    <message>
        <source>开机自动启动</source>
        <translation>开机自动启动</translation>
    </message>
    <message>
        <source>这一项只对这台电脑有效，不会同步到其他设备。</source>
        <translation>这一项只对这台电脑有效，不会同步到其他设备。</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>恢复本页默认值</source>
        <translation>恢复本页默认值</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>新的界面语言将在重新启动 cadre_desk 后生效。</source>
        <translation>新的界面语言将在重新启动 cadre_desk 后生效。</translation>
    </message>
</context>
<context>
    <name>SourceHealthModel</name>
    <message>
        <source>从未成功</source>
        <translation>从未成功</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>条目</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>最近成功</source>
        <translation>最近成功</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>手动收录</source>
        <translation>手动收录</translation>
    </message>
    <message>
        <source>格式有误，已尽量读取：{reason}</source>
        <translation>格式有误，已尽量读取：{reason}</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>未刷新</source>
        <translation>未刷新</translation>
    </message>
    <message>
        <source>连续失败 {n} 次：{error}</source>
        <translation>连续失败 {n} 次：{error}</translation>
    </message>
    <message>
        <source>最近错误：{error}</source>
        <translation>最近错误：{error}</translation>
    </message>
</context>
<context>
    <name>SourceTreeModel</name>
    <message>
        <source>全部来源</source>
        <translation>全部来源</translation>
    </message>
    <message>
        <source>未分级</source>
        <translation>未分级</translation>
    </message>
    <message>
        <source>已取消关注（历史保留）</source>
        <translation>已取消关注（历史保留）</translation>
    </message>
</context>
<context>
    <name>SourcesMenu</name>
    <message>
        <source>订阅源</source>
        <translation>订阅源</translation>
    </message>
    <message>
        <source>添加订阅源…</source>
        <translation>添加订阅源…</translation>
    </message>
    <message>
        <source>手动收录…</source>
        <translation>手动收录…</translation>
    </message>
    <message>
        <source>导入 OPML…</source>
        <translation>导入 OPML…</translation>
    </message>
    <message>
        <source>导出 OPML…</source>
        <translation>导出 OPML…</translation>
    </message>
</context>
<context>
    <name>SourcesPage</name>
    <message>
        <source>添加要关注的账号</source>
        <translation>添加要关注的账号</translation>
    </message>
    <message>
        <source>勾选您需要关注的账号类型，名称可以直接修改；以后也可以在“订阅源”里增删。</source>
        <translation>勾选您需要关注的账号类型，名称可以直接修改；以后也可以在“订阅源”里增删。</translation>
    </message>
    <message>
        <source>例如：清河县</source>
        <translation>例如：清河县</translation>
    </message>
    <message>
        <source>所在县（区）</source>
        <translation>所在县（区）</translation>
    </message>
    <message>
        <source>例如：城关镇</source>
        <translation>例如：城关镇</translation>
    </message>
    <message>
        <source>所在乡镇（街道）</source>
        <translation>所在乡镇（街道）</translation>
    </message>
    <message>
        <source>县（区）(&amp;C)：</source>
        <translation>县（区）(&amp;C)：</translation>
    </message>
    <message>
        <source>乡镇（街道）(&amp;T)：</source>
        <translation>乡镇（街道）(&amp;T)：</translation>
    </message>
    <message>
        <source>常见账号目录</source>
        <translation>常见账号目录</translation>
    </message>
    <message>
        <source>全选(&amp;A)</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>全不选(&amp;N)</source>
        <translation>全不选(&amp;N)</translation>
    </message>
    <message>
        <source>从 OPML 文件导入（可选）</source>
        <translation>从 OPML 文件导入（可选）</translation>
    </message>
    <message>
        <source>其他阅读器导出的 .opml 订阅列表</source>
        <translation>其他阅读器导出的 .opml 订阅列表</translation>
    </message>
    <message>
        <source>OPML 文件</source>
        <translation>OPML 文件</translation>
    </message>
    <message>
        <source>选择文件(&amp;O)…</source>
        <translation>选择文件(&amp;O)…</translation>
    </message>
    <message>
        <source>例如：柳林镇人民政府、柳林镇便民服务（多个用顿号分隔，可留空）</source>
        <translation>例如：柳林镇人民政府、柳林镇便民服务（多个用顿号分隔，可留空）</translation>
    </message>
    <message>
        <source>本单位运营的账号</source>
        <translation>本单位运营的账号</translation>
    </message>
    <message>
        <source>我或本单位运营的账号(&amp;U)：</source>
        <translation>我或本单位运营的账号(&amp;U)：</translation>
    </message>
    <message>
        <source>选择 OPML 文件</source>
        <translation>选择 OPML 文件</translation>
    </message>
    <message>
        <source>OPML 订阅列表 (*.opml *.xml)</source>
        <translation>OPML 订阅列表 (*.opml *.xml)</translation>
    </message>
    <message>
        <source>找不到文件</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>OPML 文件不存在：{path}</source>
        <translation>OPML 文件不存在：{path}</translation>
    </message>
    <message>
        <source>订阅地址无效</source>
        <translation>订阅地址无效</translation>
    </message>
    <message>
        <source>“{name}”的订阅地址应以 http:// 或 https:// 开头，或者留空。</source>
        <translation>“{name}”的订阅地址应以 http:// 或 https:// 开头，或者留空。</translation>
    </message>
    <message>
        <source>订阅源健康状况</source>
        <translation>订阅源健康状况</translation>
    </message>
    <message>
        <source>订阅源</source>
        <translation>订阅源</translation>
    </message>
    <message>
        <source>添加订阅源…</source>
        <translation>添加订阅源…</translation>
    </message>
    <message>
        <source>手动收录…</source>
        <translation>手动收录…</translation>
    </message>
    <message>
        <source>全部刷新</source>
        <translation>全部刷新</translation>
    </message>
    <message>
        <source>刷新所选</source>
        <translation>刷新所选</translation>
    </message>
    <message>
        <source>导入 OPML…</source>
        <translation>导入 OPML…</translation>
    </message>
    <message>
        <source>导出 OPML…</source>
        <translation>导出 OPML…</translation>
    </message>
    <message>
        <source>取消刷新</source>
        <translation>取消刷新</translation>
    </message>
    <message>
        <source>刷新全部订阅源</source>
        <translation>刷新全部订阅源</translation>
    </message>
    <message>
        <source>共 {n} 个订阅源</source>
        <translation>共 {n} 个订阅源</translation>
    </message>
    <message>
        <source>，{n} 个连续失败</source>
        <translation>，{n} 个连续失败</translation>
    </message>
    <message>
        <source>，{n} 个格式有误（已尽量读取）</source>
        <translation>，{n} 个格式有误（已尽量读取）</translation>
    </message>
    <message>
        <source>正在刷新…</source>
        <translation>正在刷新…</translation>
    </message>
    <message>
        <source>正在取消…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>%v/%m {name}</source>
        <translation>%v/%m {name}</translation>
    </message>
    <message>
        <source>刷新完成：{total} 个订阅源，新增 {new} 条，失败 {failed} 个</source>
        <translation>刷新完成：{total} 个订阅源，新增 {new} 条，失败 {failed} 个</translation>
    </message>
    <message>
        <source>已取消刷新：已保存新增的 {new} 条</source>
        <translation>已取消刷新：已保存新增的 {new} 条</translation>
    </message>
    <message>
        <source>操作未完成</source>
        <translation>操作未完成</translation>
    </message>
    <message>
        <source>导入 OPML</source>
        <translation>导入 OPML</translation>
    </message>
    <message>
        <source>OPML 文件 (*.opml *.xml);;所有文件 (*)</source>
        <translation>OPML 文件 (*.opml *.xml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>无法读取文件</source>
        <translation>无法读取文件</translation>
    </message>
    <message>
        <source>正在导入订阅源…</source>
        <translation>正在导入订阅源…</translation>
    </message>
    <message>
        <source>导入完成：新增 {added} 个，跳过已有 {skipped} 个</source>
        <translation>导入完成：新增 {added} 个，跳过已有 {skipped} 个</translation>
    </message>
    <message>
        <source>导出 OPML</source>
        <translation>导出 OPML</translation>
    </message>
    <message>
        <source>OPML 文件 (*.opml)</source>
        <translation>OPML 文件 (*.opml)</translation>
    </message>
    <message>
        <source>已导出到 {path}</source>
        <translation>已导出到 {path}</translation>
    </message>
</context>
<context>
    <name>StatsCharts</name>
    <message>
        <source>分钟</source>
        <translation>分钟</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <source>统计期间</source>
        <translation>统计期间</translation>
    </message>
    <message>
        <source>本周</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>本月</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>上月</source>
        <translation>上月</translation>
    </message>
    <message>
        <source>本季度</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>今年</source>
        <translation>今年</translation>
    </message>
    <message>
        <source>自定义…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>至</source>
        <translation>至</translation>
    </message>
    <message>
        <source>导出报告…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>工作量统计</source>
        <translation>工作量统计</translation>
    </message>
    <message>
        <source>统计期间：</source>
        <translation>统计期间：</translation>
    </message>
    <message>
        <source>操作次数</source>
        <translation>操作次数</translation>
    </message>
    <message>
        <source>操作耗时</source>
        <translation>操作耗时</translation>
    </message>
    <message>
        <source>占工作时间</source>
        <translation>占工作时间</translation>
    </message>
    <message>
        <source>下班后及节假日</source>
        <translation>下班后及节假日</translation>
    </message>
    <message>
        <source>收到信息</source>
        <translation>收到信息</translation>
    </message>
    <message>
        <source>任务按时完成</source>
        <translation>任务按时完成</translation>
    </message>
    <message>
        <source>分类方式</source>
        <translation>分类方式</translation>
    </message>
    <message>
        <source>按账号</source>
        <translation>按账号</translation>
    </message>
    <message>
        <source>按平台</source>
        <translation>按平台</translation>
    </message>
    <message>
        <source>按层级</source>
        <translation>按层级</translation>
    </message>
    <message>
        <source>按要求单位</source>
        <translation>按要求单位</translation>
    </message>
    <message>
        <source>按操作类型</source>
        <translation>按操作类型</translation>
    </message>
    <message>
        <source>按负担类别</source>
        <translation>按负担类别</translation>
    </message>
    <message>
        <source>分类统计表</source>
        <translation>分类统计表</translation>
    </message>
    <message>
        <source>分类统计</source>
        <translation>分类统计</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>计算失败</source>
        <translation>计算失败</translation>
    </message>
    <message>
        <source>计算用时 {ms} 毫秒</source>
        <translation>计算用时 {ms} 毫秒</translation>
    </message>
    <message>
        <source>该期间没有任何操作记录、收到的信息或到期任务。</source>
        <translation>该期间没有任何操作记录、收到的信息或到期任务。</translation>
    </message>
    <message>
        <source>有 {n} 条记录经过更正，只计入最新版本。</source>
        <translation>有 {n} 条记录经过更正，只计入最新版本。</translation>
    </message>
    <message>
        <source>{period}：{count} 次操作，{hours} 小时</source>
        <translation>{period}：{count} 次操作，{hours} 小时</translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <source>最近的记录在 {month}。</source>
        <translation>最近的记录在 {month}。</translation>
    </message>
    <message>
        <source>查看 {month}</source>
        <translation>查看 {month}</translation>
    </message>
    <message>
        <source>在“任务”页记录一次操作（或导入同步数据）后，这里会显示统计。</source>
        <translation>在“任务”页记录一次操作（或导入同步数据）后，这里会显示统计。</translation>
    </message>
    <message>
        <source>其中考核打卡 {n} 次</source>
        <translation>其中考核打卡 {n} 次</translation>
    </message>
    <message>
        <source>{h} 小时</source>
        <translation>{h} 小时</translation>
    </message>
    <message>
        <source>{m} 分钟</source>
        <translation>{m} 分钟</translation>
    </message>
    <message>
        <source>{d} 个工作日，{hours}</source>
        <translation>{d} 个工作日，{hours}</translation>
    </message>
    <message>
        <source>工作时间内 {h} 小时</source>
        <translation>工作时间内 {h} 小时</translation>
    </message>
    <message>
        <source>已读 {n} 条</source>
        <translation>已读 {n} 条</translation>
    </message>
    <message>
        <source>逾期完成 {late}，逾期未完成 {overdue}</source>
        <translation>逾期完成 {late}，逾期未完成 {overdue}</translation>
    </message>
    <message>
        <source>每日操作耗时（分钟）</source>
        <translation>每日操作耗时（分钟）</translation>
    </message>
    <message>
        <source>今天（未结束）</source>
        <translation>今天（未结束）</translation>
    </message>
    <message>
        <source>每周操作耗时（分钟）</source>
        <translation>每周操作耗时（分钟）</translation>
    </message>
    <message>
        <source>本周（未结束）</source>
        <translation>本周（未结束）</translation>
    </message>
    <message>
        <source>最耗时的 10 个账号（分钟）</source>
        <translation>最耗时的 10 个账号（分钟）</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>按负担类别（分钟）</source>
        <translation>按负担类别（分钟）</translation>
    </message>
    <message>
        <source>账号</source>
        <translation>账号</translation>
    </message>
    <message>
        <source>平台</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>要求单位</source>
        <translation>要求单位</translation>
    </message>
    <message>
        <source>操作类型</source>
        <translation>操作类型</translation>
    </message>
    <message>
        <source>负担类别</source>
        <translation>负担类别</translation>
    </message>
    <message>
        <source>（未标记）</source>
        <translation>（未标记）</translation>
    </message>
    <message>
        <source>报告已导出：{path}</source>
        <translation>报告已导出：{path}</translation>
    </message>
</context>
<context>
    <name>StopwatchWidget</name>
    <message>
        <source>开始计时</source>
        <translation>开始计时</translation>
    </message>
    <message>
        <source>清零</source>
        <translation>清零</translation>
    </message>
    <message>
        <source>继续计时</source>
        <translation>继续计时</translation>
    </message>
    <message>
        <source>暂停</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <source>同步</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>U盘 / 共享文件夹</source>
        <translation>U盘 / 共享文件夹</translation>
    </message>
    <message>
        <source>单位服务器</source>
        <translation>单位服务器</translation>
    </message>
    <message>
        <source>同步状态</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <source>把本机的新更改导出到U盘或共享文件夹，再在另一台电脑上导入。每台设备写自己的子文件夹，文件经配对密钥签名，导入前完整校验，重复导入不会产生重复数据。</source>
        <translation>把本机的新更改导出到U盘或共享文件夹，再在另一台电脑上导入。每台设备写自己的子文件夹，文件经配对密钥签名，导入前完整校验，重复导入不会产生重复数据。</translation>
    </message>
    <message>
        <source>例如 U 盘：/media/usb 或 E:\</source>
        <translation>例如 U 盘：/media/usb 或 E:\</translation>
    </message>
    <message>
        <source>选择…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>文件夹</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>导出本机更改</source>
        <translation>导出本机更改</translation>
    </message>
    <message>
        <source>导入其他设备的更改</source>
        <translation>导入其他设备的更改</translation>
    </message>
    <message>
        <source>导入单个同步文件…</source>
        <translation>导入单个同步文件…</translation>
    </message>
    <message>
        <source>配对密钥</source>
        <translation>配对密钥</translation>
    </message>
    <message>
        <source>显示</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>生成新密钥</source>
        <translation>生成新密钥</translation>
    </message>
    <message>
        <source>输入密钥…</source>
        <translation>输入密钥…</translation>
    </message>
    <message>
        <source>单位架设了同步服务器时，填写地址和管理员发放的令牌；联网时会自动同步。</source>
        <translation>单位架设了同步服务器时，填写地址和管理员发放的令牌；联网时会自动同步。</translation>
    </message>
    <message>
        <source>服务器地址</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>令牌</source>
        <translation>令牌</translation>
    </message>
    <message>
        <source>保存</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>立即同步</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <source>单位减负统计…</source>
        <translation>单位减负统计…</translation>
    </message>
    <message>
        <source>查看将要报送的内容，开启或关闭向单位报送减负统计</source>
        <translation>查看将要报送的内容，开启或关闭向单位报送减负统计</translation>
    </message>
    <message>
        <source>已设置（指纹 {fp}）</source>
        <translation>已设置（指纹 {fp}）</translation>
    </message>
    <message>
        <source>未设置：请生成或输入密钥</source>
        <translation>未设置：请生成或输入密钥</translation>
    </message>
    <message>
        <source>正在处理，请稍候…</source>
        <translation>正在处理，请稍候…</translation>
    </message>
    <message>
        <source>未完成：</source>
        <translation>未完成：</translation>
    </message>
    <message>
        <source>订阅源</source>
        <translation>订阅源</translation>
    </message>
    <message>
        <source>信息</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>要求</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>操作记录（作废或更正）</source>
        <translation>操作记录（作废或更正）</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>智能文件夹</source>
        <translation>智能文件夹</translation>
    </message>
    <message>
        <source>标签</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>· {name}：共 {live} 条，将删除 {n} 条</source>
        <translation>· {name}：共 {live} 条，将删除 {n} 条</translation>
    </message>
    <message>
        <source>这次同步会删除本机的大部分数据：
{lines}

确定要在本机也删除它们吗？</source>
        <translation>这次同步会删除本机的大部分数据：
{lines}

确定要在本机也删除它们吗？</translation>
    </message>
    <message>
        <source>确认删除</source>
        <translation>确认删除</translation>
    </message>
    <message>
        <source>请先选择U盘或共享文件夹。</source>
        <translation>请先选择U盘或共享文件夹。</translation>
    </message>
    <message>
        <source>选择U盘或共享文件夹</source>
        <translation>选择U盘或共享文件夹</translation>
    </message>
    <message>
        <source>选择同步文件</source>
        <translation>选择同步文件</translation>
    </message>
    <message>
        <source>同步文件 (*.cdsync)</source>
        <translation>同步文件 (*.cdsync)</translation>
    </message>
    <message>
        <source>已保存服务器设置。</source>
        <translation>已保存服务器设置。</translation>
    </message>
    <message>
        <source>在其他设备上输入这把密钥：</source>
        <translation>在其他设备上输入这把密钥：</translation>
    </message>
    <message>
        <source>生成新密钥后，用旧密钥导出的同步文件将无法导入，其他设备也要输入新密钥。继续吗？</source>
        <translation>生成新密钥后，用旧密钥导出的同步文件将无法导入，其他设备也要输入新密钥。继续吗？</translation>
    </message>
    <message>
        <source>输入配对密钥</source>
        <translation>输入配对密钥</translation>
    </message>
    <message>
        <source>另一台设备显示的配对密钥：</source>
        <translation>另一台设备显示的配对密钥：</translation>
    </message>
    <message>
        <source>已保存配对密钥。</source>
        <translation>已保存配对密钥。</translation>
    </message>
</context>
<context>
    <name>SyncReportText</name>
    <message>
        <source>收到 {received} 条，新增 {inserted} 条，更新 {updated} 条，其中删除 {deleted} 条</source>
        <translation>收到 {received} 条，新增 {inserted} 条，更新 {updated} 条，其中删除 {deleted} 条</translation>
    </message>
    <message>
        <source>没有新的更改需要导出。</source>
        <translation>没有新的更改需要导出。</translation>
    </message>
    <message>
        <source>已导出 {records} 条更改、{attachments} 个附件，共 {files} 个同步文件。</source>
        <translation>已导出 {records} 条更改、{attachments} 个附件，共 {files} 个同步文件。</translation>
    </message>
    <message>
        <source>没有找到需要导入的新同步文件。</source>
        <translation>没有找到需要导入的新同步文件。</translation>
    </message>
    <message>
        <source>已核对 {files} 个同步文件：没有新的更改（已导入过）。</source>
        <translation>已核对 {files} 个同步文件：没有新的更改（已导入过）。</translation>
    </message>
    <message>
        <source>已导入 {files} 个同步文件：{applied}。</source>
        <translation>已导入 {files} 个同步文件：{applied}。</translation>
    </message>
    <message>
        <source>已同步：上传 {pushed} 条更改；下载{applied}。</source>
        <translation>已同步：上传 {pushed} 条更改；下载{applied}。</translation>
    </message>
</context>
<context>
    <name>SyncStatusText</name>
    <message>
        <source>同步出错：{error}</source>
        <translation>同步出错：{error}</translation>
    </message>
    <message>
        <source>同步：未设服务器</source>
        <translation>同步：未设服务器</translation>
    </message>
    <message>
        <source>同步：未设服务器，U盘导入于 {when}</source>
        <translation>同步：未设服务器，U盘导入于 {when}</translation>
    </message>
    <message>
        <source>同步：从未同步，待上传 {n} 条</source>
        <translation>同步：从未同步，待上传 {n} 条</translation>
    </message>
    <message>
        <source>同步：{when}，待上传 {n} 条</source>
        <translation>同步：{when}，待上传 {n} 条</translation>
    </message>
    <message>
        <source>从未</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>服务器：{url}</source>
        <translation>服务器：{url}</translation>
    </message>
    <message>
        <source>未设置</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>上次同步：{when}</source>
        <translation>上次同步：{when}</translation>
    </message>
    <message>
        <source>待上传更改：{n} 条</source>
        <translation>待上传更改：{n} 条</translation>
    </message>
    <message>
        <source>待上传更改：—（未设置服务器）</source>
        <translation>待上传更改：—（未设置服务器）</translation>
    </message>
    <message>
        <source>上次U盘导入：{when}</source>
        <translation>上次U盘导入：{when}</translation>
    </message>
    <message>
        <source>错误：{error}</source>
        <translation>错误：{error}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>同步：读取中…</source>
        <translation>同步：读取中…</translation>
    </message>
    <message>
        <source>同步状态</source>
        <translation>同步状态</translation>
    </message>
    <message>
        <source>同步状态不可用</source>
        <translation>同步状态不可用</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <source>任务</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>截止</source>
        <translation>截止</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>预计用时</source>
        <translation>预计用时</translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>不限</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>今天 {time}</source>
        <translation>今天 {time}</translation>
    </message>
    <message>
        <source>明天 {time}</source>
        <translation>明天 {time}</translation>
    </message>
    <message>
        <source>昨天 {time}</source>
        <translation>昨天 {time}</translation>
    </message>
    <message>
        <source>{time}（已推迟）</source>
        <translation>{time}（已推迟）</translation>
    </message>
    <message>
        <source>{n} 分钟</source>
        <translation>{n} 分钟</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <source>快速添加：例如“明天下午3点前报送安全生产月报”，回车保存</source>
        <translation>快速添加：例如“明天下午3点前报送安全生产月报”，回车保存</translation>
    </message>
    <message>
        <source>快速添加任务</source>
        <translation>快速添加任务</translation>
    </message>
    <message>
        <source>任务列表</source>
        <translation>任务列表</translation>
    </message>
    <message>
        <source>完成并记录…</source>
        <translation>完成并记录…</translation>
    </message>
    <message>
        <source>记录用时、备注和截图后标为完成（回车）</source>
        <translation>记录用时、备注和截图后标为完成（回车）</translation>
    </message>
    <message>
        <source>一键完成所选</source>
        <translation>一键完成所选</translation>
    </message>
    <message>
        <source>按预计用时记录，所选任务全部标为完成</source>
        <translation>按预计用时记录，所选任务全部标为完成</translation>
    </message>
    <message>
        <source>推迟</source>
        <translation>推迟</translation>
    </message>
    <message>
        <source>1 小时后</source>
        <translation>1 小时后</translation>
    </message>
    <message>
        <source>明天上午 9 点</source>
        <translation>明天上午 9 点</translation>
    </message>
    <message>
        <source>下周一上午 9 点</source>
        <translation>下周一上午 9 点</translation>
    </message>
    <message>
        <source>优先级</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>普通</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>重要 ！</source>
        <translation>重要 ！</translation>
    </message>
    <message>
        <source>紧急 ！！</source>
        <translation>紧急 ！！</translation>
    </message>
    <message>
        <source>备注…</source>
        <translation>备注…</translation>
    </message>
    <message>
        <source>记录其他操作…</source>
        <translation>记录其他操作…</translation>
    </message>
    <message>
        <source>记录不在任务列表中的转发、点赞、打卡等</source>
        <translation>记录不在任务列表中的转发、点赞、打卡等</translation>
    </message>
    <message>
        <source>完成并记录</source>
        <translation>完成并记录</translation>
    </message>
    <message>
        <source>今日已完成 {done} 项 · 用时 {minutes} 分钟</source>
        <translation>今日已完成 {done} 项 · 用时 {minutes} 分钟</translation>
    </message>
    <message>
        <source>今天 {today} 项待办，逾期 {overdue} 项</source>
        <translation>今天 {today} 项待办，逾期 {overdue} 项</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>将添加重复要求：{schedule} · {title}</source>
        <translation>将添加重复要求：{schedule} · {title}</translation>
    </message>
    <message>
        <source>请写出要做的事</source>
        <translation>请写出要做的事</translation>
    </message>
    <message>
        <source>不限时间</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <source>（已过去）</source>
        <translation>（已过去）</translation>
    </message>
    <message>
        <source>将添加：{title} · 截止 {when}{warning}</source>
        <translation>将添加：{title} · 截止 {when}{warning}</translation>
    </message>
    <message>
        <source>日期已过</source>
        <translation>日期已过</translation>
    </message>
    <message>
        <source>仍要添加吗？</source>
        <translation>仍要添加吗？</translation>
    </message>
    <message>
        <source>已完成 {n} 项并记录用时</source>
        <translation>已完成 {n} 项并记录用时</translation>
    </message>
    <message>
        <source>任务备注</source>
        <translation>任务备注</translation>
    </message>
    <message>
        <source>无法完成</source>
        <translation>无法完成</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>cadre_desk：今天 {today} 项待办，逾期 {overdue} 项，今日已用 {minutes} 分钟</source>
        <translation>cadre_desk：今天 {today} 项待办，逾期 {overdue} 项，今日已用 {minutes} 分钟</translation>
    </message>
    <message>
        <source>今天 {today} 项 · 逾期 {overdue} 项</source>
        <translation>今天 {today} 项 · 逾期 {overdue} 项</translation>
    </message>
    <message>
        <source>今天的任务</source>
        <translation>今天的任务</translation>
    </message>
    <message>
        <source>完成：{title}（记 {minutes} 分钟）</source>
        <translation>完成：{title}（记 {minutes} 分钟）</translation>
    </message>
    <message>
        <source>今天没有待办</source>
        <translation>今天没有待办</translation>
    </message>
    <message>
        <source>记录操作…</source>
        <translation>记录操作…</translation>
    </message>
    <message>
        <source>打开主窗口</source>
        <translation>打开主窗口</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>已完成并记录：{title}</source>
        <translation>已完成并记录：{title}</translation>
    </message>
    <message>
        <source>错过的提醒（{n} 条）</source>
        <translation>错过的提醒（{n} 条）</translation>
    </message>
    <message>
        <source>程序关闭期间到期：{titles}。点击记录完成情况。</source>
        <translation>程序关闭期间到期：{titles}。点击记录完成情况。</translation>
    </message>
    <message>
        <source>任务提醒</source>
        <translation>任务提醒</translation>
    </message>
    <message>
        <source>{title}&#x3000;{due} 截止。点击记录。</source>
        <translation>{title}&#x3000;{due} 截止。点击记录。</translation>
    </message>
</context>
<context>
    <name>UnitPreviewDialog</name>
    <message>
        <source>向单位报送减负统计</source>
        <translation>向单位报送减负统计</translation>
    </message>
    <message>
        <source>开启后，每次与单位服务器同步时，会把下面这些统计匿名报送给单位：各关注账号每月的用时、各类操作次数、确认的减负问题和分析结论。服务器只保存化名，协调员只能看到至少 3 位干部共同的汇总数字。不会报送：文章内容、备注、留痕文件、事项标题、您的姓名和单位。</source>
        <translation>开启后，每次与单位服务器同步时，会把下面这些统计匿名报送给单位：各关注账号每月的用时、各类操作次数、确认的减负问题和分析结论。服务器只保存化名，协调员只能看到至少 3 位干部共同的汇总数字。不会报送：文章内容、备注、留痕文件、事项标题、您的姓名和单位。</translation>
    </message>
    <message>
        <source>正在计算…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>开启报送</source>
        <translation>开启报送</translation>
    </message>
    <message>
        <source>关闭报送并删除已报送的统计</source>
        <translation>关闭报送并删除已报送的统计</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>当前：已开启，同步时报送。</source>
        <translation>当前：已开启，同步时报送。</translation>
    </message>
    <message>
        <source>当前：未开启（默认）。</source>
        <translation>当前：未开启（默认）。</translation>
    </message>
    <message>
        <source>已关闭，并删除了服务器上已报送的统计。</source>
        <translation>已关闭，并删除了服务器上已报送的统计。</translation>
    </message>
    <message>
        <source>未完成：</source>
        <translation>未完成：</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>欢迎使用 cadre_desk</source>
        <translation>欢迎使用 cadre_desk</translation>
    </message>
    <message>
        <source>几步完成设置：选择数据文件夹，添加要关注的账号，设定工作时间。</source>
        <translation>几步完成设置：选择数据文件夹，添加要关注的账号，设定工作时间。</translation>
    </message>
    <message>
        <source>cadre_desk 把各级政务公众号、学习平台、门户通知和工作群汇集到一个收件箱，记录转发、打卡、填报等留痕工作的用时，并找出可以精简的订阅。所有数据只保存在这台电脑上。</source>
        <translation>cadre_desk 把各级政务公众号、学习平台、门户通知和工作群汇集到一个收件箱，记录转发、打卡、填报等留痕工作的用时，并找出可以精简的订阅。所有数据只保存在这台电脑上。</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <source>界面语言(&amp;L)</source>
        <translation>界面语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>_Row</name>
    <message>
        <source>删除这一行</source>
        <translation>删除这一行</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <source>操作未完成</source>
        <translation>操作未完成</translation>
    </message>
</context>
</TS>
