"""Work-group messages, one vocabulary per group: each is rendered per item (fresh names,
dates, numbers) and dressed with an opener, sometimes a detail and a closing, so unrelated
messages stay distinct while reading like the real thing."""

from __future__ import annotations

from cadre_desk.demo.texts import Topic


def _group(key: str, *templates: str) -> Topic:
    return Topic(key, titles=(), leads=templates, paragraphs=(), short=True)


GROUP_TOPICS: tuple[Topic, ...] = (
    _group(
        "group_town",
        "请各村于〈MD〉下午{n3_5}点前将{thing}报送至镇党政办邮箱，纸质版盖章后送镇{n2_4}楼{n201_315}室",
        "〈MD〉上午{n8_10}点在{place}召开{meeting}，请{village}、{village2}等村党支部书记准时参加，确有特殊情况的向{person}请假",
        "{thing}表格已发到群文件，请各村{n2_5}日内填好报回，和上周那张表内容差不多，但格式改了，以新表为准",
        "{village}、{village2}的{thing}还没有报，请{person}抓紧，今天下班前必须报齐",
        "请各村今天下班前上报{thing}，没有情况的也要零报告，{person}汇总后报县{inspection}专班",
        "〈MD〉的{meeting}改到{place}召开，时间改为{n8_16}点{n0_5}0分，请{person}通知{village}、{village2}",
        "{person}：{village}的{thing}已经报到镇党政办了，请{person2}查收",
        "接{dept}电话通知，{thing}要在〈MD〉前录入系统，系统数据要和纸质台账一致，请{person}牵头核对",
        "请各村把{thing}的电子版和盖章扫描件一起发镇党政办邮箱，文件名统一为“村名+{thing}”",
    ),
    _group(
        "group_cadres",
        "请今天还没有在学习平台完成打卡的同志抓紧时间，县里每周通报排名，我镇上周排名第{n3_15}，{village}有{n2_6}人没完成",
        "〈MD〉晚上{n19_21}点县里开视频调度会，{village}、{village2}书记在村党群服务中心参会，提前十分钟调试设备",
        "{person}、{person2}明天到县委党校参加{theme}专题培训，{n3_5}天，请提前安排好村里工作",
        "本月主题党日请各支部在〈MD〉前开展，内容为学习{theme}，会后把会议记录和照片报镇党建办",
        "党员冬训花名册请{village}、{village2}、{village3}今天再核对一遍，流动党员也要填上",
        "{month}月份党费请各支部在{n20_25}号前交到镇党建办{person}处，收据统一开",
        "明天上午{person}书记带队到{village}调研{thing}，请村“两委”成员在村委会等候",
        "各支部书记：〈MD〉前把“三会一课”记录本送镇党建办检查，县委组织部下周抽查",
    ),
    _group(
        "group_fire",
        "请各网格员今晚{n7_9}点前将今天的森林防火巡查照片和轨迹截图发到群里，{village}、{village2}昨天没有报",
        "〈MD〉森林火险等级{n3_5}级，各村护林员今天全员上岗，重点盯住{village}后山和进山路口",
        "{village}护林员{person}今天在{village2}坟地劝阻烧纸{n1_4}起，已登记，表扬",
        "县森防指今天暗访，{village}路口卡点没人值守，被通报了，请{person}马上整改并写说明",
        "扑火队今晚集结点名，请各村半专业扑火队员{n19_20}点到镇应急物资库，带好二号工具",
        "请各村今天上报野外用火隐患排查台账，包括坟头{n5_30}处、地头{n3_20}处的整改情况",
        "明天有{n4_6}级大风，各村取消一切野外作业用火，护林员延长巡查到晚上{n19_21}点",
        "防火紧要期值班表已更新，〈MD〉由{person}带班，{person2}值班，电话24小时开机",
    ),
    _group(
        "group_env",
        "请各村把本周{thing}的工作照片发到群里，每个村不少于{n3_6}张，要有整治前后对比",
        "接县里通知，明天有暗访组到我镇检查人居环境，请{village}、{village2}今晚组织清扫主干道和公共场所",
        "〈MD〉人居环境红黑榜：红榜{village}，黑榜{village2}（主干道积存垃圾），请{person}限期整改",
        "{village}村口的垃圾堆还没清，县督查组拍到了，今天下午{n3_5}点前必须清完，清完拍照发群里",
        "本周五是全镇卫生大扫除日，每个村至少组织{n20_50}人，镇里{n9_10}点开始巡查",
        "“美丽庭院”评选名单请各村〈MD〉前报上来，每村推荐{n3_8}户，附户主姓名和照片",
        "保洁员{month}月份工资表请各村核对后签字，{person}统一报财政所",
    ),
    _group(
        "group_county",
        "各乡镇注意：本周乡村振兴工作周报〈MD〉17:00前报县乡村振兴局，模板有调整，请用群文件里的新模板",
        "防返贫监测排查{month}月份数据请{town}、{town2}今天补报，其余乡镇已报齐",
        "县乡村振兴局{person}：〈MD〉上午召开{meeting}，各乡镇分管领导和业务骨干参加，地点{place}",
        "省里第三方评估组下周到县，请各乡镇把{thing}再核一遍，数据要和系统一致",
        "衔接资金项目进度表请各乡镇每周一上午报，本周{town}、{town2}还没报",
        "请各乡镇转发到村：{thing}截止〈MD〉，逾期系统关闭，无法补录",
        "{town}{village}有{n2_6}户监测对象收入数据和系统对不上，请{person}今天核实后反馈",
        "〈MD〉县里抽查{town}、{town2}的{thing}，请分管领导{person}陪同，资料放{place}",
        "{town}报来的{thing}有{n3_12}处逻辑错误，已退回，请{person}修改后重新报",
        "下周{meeting}要用各乡镇的{thing}数据，请{person}在〈MD〉前把汇总表发我",
        "请{town}、{town2}把帮扶干部名单更新一下，调走的{n1_4}名同志要替换",
    ),
    _group(
        "group_wangping",
        "今天“清河发布”推送的《{meeting}召开》请转发到朋友圈和{village}村民群，{n1_2}小时内把截图发给{person}",
        "今天的网评任务：在“{account}”视频号《{village}{thing}工作纪实》下留言点赞，"
        "{n20_40}字以上，截图报{person}",
        "请{town}的同志关注“{account}”今天的推文《学习贯彻{theme}》，点赞、在看、留言，{person}统计",
        "本周转发量统计：{town}排第{n1_5}，{town2}排第{n10_16}，转发率低于{n70_90}%的乡镇下周通报，{person}已汇总",
        "〈MD〉的网评员培训改到线上，晚上{n19_21}点用腾讯会议，会议号{n100_999}-{n101_999}-{n102_999}",
        "爱清河App第{n40_52}周签到率{n60_95}%，{town}还有{n3_20}人没签到，{person}会逐一核对",
        "{person}、{person2}今天的转发截图没有带时间，请重新截图发到群里",
        "宣传部通报：〈MD〉转发“{account}”推文，{town}有{n2_9}名同志超过一小时未转发",
    ),
    _group(
        "group_village",
        "明天上午{n8_10}点村“两委”在村委会开会，研究{thing}，请{person}、{person2}准时到",
        "{person}家的低保复核材料还差户口本复印件，请{person2}明天带过来",
        "今晚村里放电影《{film}》，{n19_20}点在文化广场，请通知到各组",
        "镇里要求本周把{thing}报上去，{person}负责一组到三组，{person2}负责四组到六组",
        "村集体经济{month}月份收支已经贴到公示栏了，大家有疑问找村务监督委员会{person}",
        "{village}第{n2_6}组路灯坏了{n2_5}盏，{person}已经报修，电工明天来",
    ),
)

GROUP_DETAILS = (
    "联系人：{person}，电话{n130_189}{n1000_9999}{n1000_9999}。",
    "模板在群文件《{thing}（{month}月）》里。",
    "纸质版需村支书签字并加盖村委会公章。",
    "上次报的数据有误的村请一并更正。",
    "这是县里第{n2_4}次催了。",
    "报送情况纳入年底考核。",
    "有问题私聊{person}。",
    "各村之间不要互相抄。",
)
FILMS = ("我和我的家乡", "平凡英雄", "长津湖", "守岛人", "第一书记", "十八洞村")
