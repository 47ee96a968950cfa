"""A labeled corpus of government notices and their reposts, for precision/recall of repost
detection (used by ``eval_reposts`` and by the analysis tests).

Originals are composed like real 通知公告: an addressee line, a purpose sentence, numbered
measures drawn from a per-topic bank (so two counties' 防汛 notices share boilerplate: the hard
negatives), contacts and a date. Reposts apply what township/village accounts do: "转自/来源"
lines, an editor's note, 责任编辑/审核 footers, follow-us calls, truncation with "阅读原文",
re-paragraphing, full-/half-width punctuation, a local sentence added, a few characters changed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

PLACES = [
    "清河县",
    "临川县",
    "安平县",
    "石城县",
    "永和县",
    "青山县",
    "南溪县",
    "白水县",
    "龙泉县",
    "长乐县",
    "东平县",
    "西林县",
    "宁远县",
    "平阳县",
    "泰和县",
    "武宁县",
    "新丰县",
    "上林县",
    "丰城市",
    "瑞金市",
]
TOWNS = ["城关镇", "河口镇", "桥头镇", "石门乡", "白沙镇", "高坪乡", "新桥镇", "太平乡", "黄土镇", "龙湾镇"]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周强", "吴霞"]

TOPICS: dict[str, dict[str, list[str]]] = {
    "防汛": {
        "title": [
            "关于做好{year}年防汛工作的通知",
            "关于切实加强主汛期防汛工作的紧急通知",
            "{place}防汛抗旱指挥部关于启动防汛四级应急响应的通知",
        ],
        "purpose": [
            "为切实做好今年防汛工作，确保人民群众生命财产安全，现将有关事项通知如下。",
            "近期我{unit}降雨频繁，{river}水位持续上涨，防汛形势严峻，为全力做好防汛救灾工作，现就有关事项通知如下。",
        ],
        "measures": [
            "压实防汛责任。各乡镇要严格落实防汛行政首长负责制，主要负责同志要靠前指挥，{n}名包片领导要全部到岗到位。",
            "加强隐患排查。对山塘水库、地质灾害隐患点、危旧房屋开展拉网式排查，建立台账，限期整改，{date}前完成。",
            "严格值班值守。汛期实行24小时值班和领导带班制度，遇重大情况第一时间报告{place}防汛办。",
            "做好物资储备。各单位要备足编织袋{n}条、救生衣、冲锋舟等防汛物资，定期检查维护，确保拿得出、用得上。",
            "强化预警转移。接到暴雨预警后，要提前转移{river}沿岸低洼地带和危险区域群众，做到应转尽转、不落一人。",
            "加强宣传教育。通过村村响、微信群等渠道宣传防汛避险知识，提高群众自救互救能力。",
            "加强水库调度。{river}流域各水库要严格执行汛限水位，科学调度，严禁超汛限水位蓄水。",
            "组建抢险队伍。各乡镇要组建不少于{n}人的应急抢险队伍，开展实战演练，确保召之即来、来之能战。",
            "严肃工作纪律。对责任不落实、工作不到位造成严重后果的，依规依纪严肃追责问责。",
            "做好灾后恢复。及时核查灾情，妥善安置受灾群众，抓紧修复水毁道路和农田水利设施。",
        ],
    },
    "森林防火": {
        "title": [
            "关于进一步加强森林防火工作的通知",
            "{place}关于秋冬季森林防灭火工作的通告",
            "关于做好清明节期间森林防火工作的通知",
        ],
        "purpose": [
            "当前已进入森林防火紧要期，气温高、降雨少，火险等级居高不下，为坚决防范森林火灾发生，现将有关事项通知如下。",
            "为切实做好{year}年秋冬季森林防灭火工作，保护森林资源和人民群众生命财产安全，特通知如下。",
        ],
        "measures": [
            "严格野外火源管控。在林区及林缘{n}米范围内严禁烧荒、烧秸秆、烧纸祭祀等一切野外用火行为。",
            "落实网格化管理。各村要明确护林员{n}名，实行分片包干，做到山有人管、林有人护、火有人防、责有人担。",
            "加强重点时段巡查。在清明、春节等重点时段，增派巡护力量，在进山路口设立检查站，严查火种进山。",
            "做好扑火准备。专业扑火队伍要保持临战状态，备足风力灭火机、二号工具等扑火装备。",
            "加强宣传警示。在林区入口设置警示牌，通过广播、短信等方式提醒群众文明祭祀、安全用火。",
            "严肃查处违法用火。对违规野外用火的，依法从严处罚；引发森林火灾的，依法追究刑事责任。",
            "及时报告火情。发现火情要立即拨打森林火警电话12119，并第一时间报告{place}应急管理局。",
            "推进林区防火通道建设。{date}前完成防火隔离带清理{n}公里，确保道路畅通。",
        ],
    },
    "医保": {
        "title": [
            "关于做好{year}年度城乡居民医疗保险集中缴费工作的通知",
            "{place}城乡居民医保缴费开始啦",
            "关于城乡居民基本医疗保险参保缴费的公告",
        ],
        "purpose": [
            "{year}年度城乡居民基本医疗保险集中缴费工作已经开始，为方便群众及时参保缴费，现将有关事项公告如下。",
            "为做好城乡居民医保参保缴费工作，确保应保尽保，现就有关事项通知如下。",
        ],
        "measures": [
            "缴费时间。集中缴费期为{date}至12月31日，逾期缴费的设置待遇等待期。",
            "缴费标准。个人缴费标准为每人每年{n}元，特困人员、低保对象等由政府按规定给予资助。",
            "缴费方式。可通过微信搜索“{place}医保”小程序、税务APP或到村（社区）便民服务点缴费。",
            "待遇享受。在集中缴费期内参保缴费的，次年1月1日起享受医保待遇。",
            "咨询电话。如有疑问，请拨打{place}医疗保障局咨询电话{phone}。",
            "温馨提示。请认准官方缴费渠道，谨防冒充医保工作人员的电信诈骗。",
            "新生儿参保。新生儿在出生后{n}日内参保缴费的，自出生之日起享受待遇。",
        ],
    },
    "防诈骗": {
        "title": [
            "警惕！这些电信诈骗新套路要当心",
            "{place}公安局关于防范电信网络诈骗的提醒",
            "关于开展全民反诈宣传月活动的通知",
        ],
        "purpose": [
            "近期{place}发生多起电信网络诈骗案件，涉案金额达{n}万元，为切实保护群众财产安全，特发布如下提醒。",
            "为进一步提升群众识骗防骗能力，遏制电信网络诈骗高发态势，现将有关事项通知如下。",
        ],
        "measures": [
            "凡是自称公检法机关要求转账到“安全账户”的，都是诈骗。",
            "凡是网上刷单返利、先交钱后返现的，都是诈骗。",
            "凡是冒充客服以退款理赔为由索要验证码的，都是诈骗。",
            "凡是通过社交软件推荐投资理财、稳赚不赔的，都是诈骗。",
            "请下载安装国家反诈中心APP，开启来电预警功能。",
            "如不慎被骗，请立即拨打110报警，并保存好转账记录和聊天记录。",
            "各村（社区）要组织网格员开展入户宣传，做到反诈宣传覆盖{n}%以上家庭。",
        ],
    },
    "人居环境": {
        "title": [
            "关于开展农村人居环境整治百日攻坚行动的通知",
            "{place}关于开展村庄清洁行动的通知",
            "关于组织开展{year}年爱国卫生运动的通知",
        ],
        "purpose": [
            "为持续改善农村人居环境，建设生态宜居美丽乡村，{place}决定开展农村人居环境整治百日攻坚行动，现将有关事项通知如下。",
            "为深入推进村庄清洁行动，营造干净整洁的生活环境，现就有关工作通知如下。",
        ],
        "measures": [
            "清理农村生活垃圾。全面清理房前屋后、河塘沟渠的积存垃圾，做到垃圾日产日清。",
            "整治乱堆乱放。清理柴草、杂物、建筑垃圾乱堆乱放，{date}前完成集中整治。",
            "推进厕所革命。完成农村户厕改造{n}户，加强公厕日常管护。",
            "治理生活污水。因地制宜建设污水处理设施，逐步消除黑臭水体。",
            "开展评比活动。每月开展一次“美丽庭院”评比，评选结果在村务公开栏公示。",
            "建立长效机制。将人居环境整治纳入村规民约，落实门前三包责任制。",
            "强化督查考核。{place}将组织暗访督查，对排名靠后的乡镇进行通报。",
        ],
    },
}
# Local, specific sentences: subject + topic action + tail, with places, numbers and dates.
# Real notices on one topic share boilerplate (the bank above) but differ in these.
SUBJECTS = [
    "{town}要",
    "各村（社区）要",
    "{place}各有关部门要",
    "各包村干部要",
    "网格员要",
    "驻村工作队要",
    "{town}党委政府将",
]
ACTIONS = {
    "防汛": [
        "对辖区内{n}座山塘开展拉网巡查",
        "在{river}沿岸设置警示标志{n}处",
        "组织{n}名党员组成防汛突击队",
        "于{date}前完成排涝泵站检修",
        "对{town}{n}户危房住户逐户登记",
        "在{village}设立临时安置点",
        "储备大米{n}公斤和饮用水",
        "安排{name}同志负责{village}片区",
        "疏通{village}排水沟渠{n}米",
        "加密{river}水位观测频次",
    ],
    "森林防火": [
        "在{village}进山路口设卡{n}处",
        "组织护林员对{mountain}开展巡山",
        "清理{mountain}周边可燃物{n}吨",
        "于{date}前完成防火宣传进村入户",
        "安排{name}同志值守{mountain}瞭望台",
        "对{n}户林区农户签订防火责任书",
        "在{village}开展扑火演练",
        "为{town}扑火队新配风力灭火机{n}台",
        "排查{village}坟山祭扫点{n}处",
        "对野外用火行为开展专项检查",
    ],
    "医保": [
        "在{village}便民服务点设置缴费专窗",
        "安排{name}同志上门为{n}户老人代缴",
        "于{date}前完成{village}参保摸底",
        "对未参保的{n}人逐一电话提醒",
        "在{town}集市日设置宣传咨询台",
        "为{n}名低保对象办理资助参保",
        "组织网格员发放缴费明白纸{n}份",
        "在{village}微信群每日通报缴费进度",
        "核对{town}外出务工人员{n}人参保情况",
        "开通{town}医保缴费咨询热线",
    ],
    "防诈骗": [
        "在{village}文化广场开展反诈宣传",
        "组织{n}名民警进村入户讲解案例",
        "于{date}前完成{town}反诈APP注册推广",
        "对{village}{n}名老年人开展面对面提醒",
        "在{town}中学开展反诈主题班会",
        "张贴反诈海报{n}张",
        "安排{name}同志在{village}值守劝阻",
        "通报{town}近期{n}起典型案例",
        "组织银行网点开展大额转账提醒",
        "在{village}广播循环播放反诈提示",
    ],
    "人居环境": [
        "清理{village}陈年垃圾{n}吨",
        "拆除{village}违章搭建{n}处",
        "于{date}前完成{town}主干道两侧整治",
        "为{village}新增分类垃圾桶{n}个",
        "安排{name}同志督导{village}保洁员",
        "对{river}沿岸开展河道保洁",
        "评选{town}美丽庭院{n}户",
        "在{village}种植绿化苗木{n}株",
        "改造{village}旱厕{n}座",
        "组织{n}名志愿者开展义务劳动",
    ],
}
TAILS = [
    "，确保不留死角。",
    "，发现问题立即整改。",
    "，并将结果报{place}相关部门。",
    "，做到责任到人。",
    "，每周通报一次进展。",
    "。",
    "，切实把各项要求落到实处。",
]
VILLAGES = [
    "东山村",
    "西坪村",
    "南岭村",
    "北冲村",
    "石桥村",
    "柳树村",
    "杨家湾村",
    "新民社区",
    "和平社区",
    "红星村",
    "大塘村",
    "小河村",
]
MOUNTAINS = ["大岭山", "青龙山", "笔架山", "莲花山", "凤凰山"]

CLOSINGS = ["特此通知。", "特此公告。", "请各单位认真贯彻落实。", "望广大群众相互转告。"]
RIVERS = ["清水河", "白沙河", "长乐江", "龙溪", "青山河"]

PREFIXES = ["转自：{src}", "来源：{src}", "信息来源：{src}", "本文转自{src}", "【转载】"]
NOTES = [
    "编者按：近期防汛形势严峻，请全镇干部群众认真阅读，做好各项准备。",
    "编者按：请各村（社区）组织党员群众认真学习，抓好贯彻落实。",
    "【编者按】这份通知与大家切身利益相关，请务必仔细阅读并转发给身边的人。",
    "（编者注：本镇具体安排另行通知，请关注本公众号后续推送。）",
]
FOOTERS = [
    "责任编辑：{name}",
    "审核：{name}",
    "编辑：{name}  审核：{name2}",
    "点击上方蓝字关注我们",
    "长按识别二维码关注",
    "分享、点赞、在看，传递正能量",
]
LOCAL = [
    "我镇将认真抓好贯彻落实，确保各项措施落地见效。",
    "请各村（社区）于本周五前将落实情况报镇党政办。",
    "本镇咨询电话：0791-8765432。",
]


@dataclass(frozen=True)
class LabeledItem:
    group: int  # items of one group are reposts of one original
    topic: str
    title: str
    body: str  # paragraphs separated by "\n"
    is_original: bool


def _fill(text: str, rng: random.Random, place: str) -> str:
    return text.format(
        town=rng.choice(TOWNS),
        village=rng.choice(VILLAGES),
        mountain=rng.choice(MOUNTAINS),
        name=rng.choice(NAMES),
        year=rng.choice([2025, 2026]),
        place=place,
        unit=rng.choice(["县", "市", "镇"]),
        river=rng.choice(RIVERS),
        n=rng.choice([3, 5, 8, 10, 20, 30, 50, 100, 200, 380, 500]),
        date=f"{rng.randint(3, 11)}月{rng.randint(1, 28)}日",
        phone=f"0{rng.randint(700, 799)}-{rng.randint(2000000, 8999999)}",
    )


def original(
    rng: random.Random, topic: str, template: tuple[str, list[str]] | None = None
) -> tuple[str, list[str], tuple[str, list[str]]]:
    """A notice; with ``template`` (purpose + boilerplate measures of a superior's notice) it is
    a different county's notice built on the same template: the hardest negatives."""
    bank = TOPICS[topic]
    place = rng.choice(PLACES)
    title = _fill(rng.choice(bank["title"]), rng, place)
    addressee = rng.choice(["各乡镇人民政府，县直各单位：", "各镇（街道）、区直各部门：", "广大人民群众："])
    if template is None:
        purpose = rng.choice(bank["purpose"])
        template = (purpose, rng.sample(bank["measures"], k=rng.randint(2, 4)))
    measures = [_fill(m, rng, place) for m in template[1]]
    for _ in range(rng.randint(2, 5)):
        local = rng.choice(SUBJECTS) + rng.choice(ACTIONS[topic]) + rng.choice(TAILS)
        measures.insert(rng.randint(0, len(measures)), _fill(local, rng, place))
    numerals = "一二三四五六七八九"
    paragraphs = [addressee, _fill(template[0], rng, place)]
    paragraphs += [f"{numerals[i]}、{m}" for i, m in enumerate(measures)]
    paragraphs.append(rng.choice(CLOSINGS))
    paragraphs.append(
        f"{place}{rng.choice(['人民政府办公室', '应急管理局', '医疗保障局', '公安局', '农业农村局'])}"
    )
    paragraphs.append(f"{rng.choice([2025, 2026])}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
    return title, paragraphs, template


def repost(rng: random.Random, title: str, paragraphs: list[str]) -> tuple[str, str]:
    """A township/village repost: 1–4 of the usual edits."""
    src = rng.choice(PLACES) + rng.choice(["融媒体中心", "发布", "人民政府"])
    body = list(paragraphs)
    edits = rng.sample(
        ["prefix", "note", "footer", "truncate", "reflow", "width", "local", "typo"], k=rng.randint(1, 4)
    )
    if "truncate" in edits:
        keep = max(3, int(len(body) * rng.uniform(0.65, 0.9)))
        body = [*body[:keep], "……点击阅读原文查看全文"]
    if "local" in edits:
        body.insert(rng.randint(2, len(body)), rng.choice(LOCAL))
    if "typo" in edits:
        text = "\n".join(body)
        chars = list(text)
        for _ in range(rng.randint(1, 4)):
            pos = rng.randrange(len(chars))
            if chars[pos] != "\n":
                chars[pos] = rng.choice("的了是在和")
        body = "".join(chars).split("\n")
    if "reflow" in edits:
        text = "".join(body)
        body = [s + "。" for s in text.split("。") if s]
        merged: list[str] = []
        while body:
            take = rng.randint(1, 3)
            merged.append("".join(body[:take]))
            body = body[take:]
        body = merged
    if "width" in edits:
        table = str.maketrans(
            {"，": ",", "：": ":", "（": "(", "）": ")", "；": ";", "0": "０", "1": "１", "2": "２"}
        )
        body = [p.translate(table) for p in body]
    if "note" in edits:
        body.insert(0, rng.choice(NOTES))
    if "prefix" in edits:
        body.insert(0, rng.choice(PREFIXES).format(src=src))
    if "footer" in edits:
        body.append(rng.choice(FOOTERS).format(name=rng.choice(NAMES), name2=rng.choice(NAMES)))
    new_title = rng.choice(["", "转发：", "【转载】", "重要提醒｜", "转："]) + title
    return new_title, "\n".join(body)


def labeled_corpus(originals: int = 240, seed: int = 7) -> list[LabeledItem]:
    """``originals`` notices over five topics (many same-topic hard negatives, a quarter built on
    another county's template), each with 0–4 reposts."""
    rng = random.Random(seed)
    items: list[LabeledItem] = []
    topics = sorted(TOPICS)
    templates: dict[str, tuple[str, list[str]]] = {}
    for group in range(originals):
        topic = topics[group % len(topics)]
        # A quarter of the notices follow the template of an earlier one on the same topic.
        sibling = templates.get(topic) if rng.random() < 0.25 else None
        title, paragraphs, templates[topic] = original(rng, topic, sibling)
        items.append(LabeledItem(group, topic, title, "\n".join(paragraphs), True))
        for _ in range(rng.choice([0, 1, 1, 2, 3, 4])):
            new_title, body = repost(rng, title, paragraphs)
            items.append(LabeledItem(group, topic, new_title, body, False))
    return items


def town_name(rng: random.Random) -> str:
    return rng.choice(TOWNS)
