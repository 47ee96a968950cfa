# ruff: noqa: E501 - HTML templates read better unbroken
"""Server-rendered HTML of the coordinator's dashboard, in Chinese, with no script and nothing
loaded from elsewhere: charts are inline SVG drawn here, styles are inline."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import urlencode

from cadre_desk.domain.labels import label

LEVELS = ("", "central", "province", "city", "county", "township", "village")
FINDING_KINDS = ("", "zombie", "dead", "repost", "overlap", "duplicate_account", "low_value")

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#1f2933;background:#f5f7fa}
header{background:#8b1a1a;color:#fff;padding:10px 24px;display:flex;gap:24px;align-items:center}
header a{color:#fff;text-decoration:none}header a.on{border-bottom:2px solid #fff}
header .brand{font-weight:bold;font-size:18px;margin-right:16px}
main{padding:16px 24px;max-width:1100px}
table{border-collapse:collapse;background:#fff;width:100%;margin:8px 0}
th,td{border:1px solid #d9e2ec;padding:6px 10px;text-align:left;font-size:14px}
th{background:#eef2f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
form.filters{display:flex;gap:12px;align-items:center;margin:8px 0}
.note{color:#52606d;font-size:13px}.empty{padding:24px;background:#fff;color:#52606d}
.card{background:#fff;padding:12px 16px;margin:8px 0;border-left:4px solid #8b1a1a}
"""

KIND_SENTENCE = {
    "zombie": "认为「{a}」是僵尸账号（长期不更新）",
    "dead": "认为「{a}」已失效",
    "repost": "认为「{a}」以转载为主",
    "overlap": "认为「{a}」与「{b}」内容大量重叠",
    "duplicate_account": "认为「{a}」与「{b}」重复",
    "low_value": "认为「{a}」负担高、价值低",
}


def page(title: str, active: str, body: str, k: int) -> str:
    links = [
        ("accounts", "/unit/", "账号用时"),
        ("findings", "/unit/findings", "共识结论"),
        ("burden", "/unit/burden", "减负问题"),
        ("report", "/unit/report.xlsx", "整合报告 XLSX"),
        ("report", "/unit/report.pdf", "整合报告 PDF"),
    ]
    nav = "".join(
        f'<a href="{href}" class="{"on" if key == active else ""}">{escape(text)}</a>'
        for key, href, text in links
    )
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)} · 单位减负统计</title><style>{_STYLE}</style></head><body>"
        f'<header><span class="brand">单位减负统计</span>{nav}<a href="/unit/logout" style="margin-left:auto">退出</a></header>'
        f"<main><h1>{escape(title)}</h1>{body}"
        f'<p class="note">只显示至少 {k} 位干部共同报送的数字；人数不足的账号和结论不显示。数据为干部自愿、匿名报送。</p>'
        "</main></body></html>"
    )


def bar_chart(bars: list[tuple[str, float]], unit: str, width: int = 720) -> str:
    """Horizontal bars, drawn here (no chart library to fetch)."""
    if not bars:
        return ""
    top = max(value for _, value in bars) or 1.0
    row, label_w = 26, 220
    height = row * len(bars) + 10
    parts = [f'<svg role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">']
    for index, (name, value) in enumerate(bars):
        y = index * row + 4
        length = (width - label_w - 90) * value / top
        short = name if len(name) <= 14 else name[:13] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="13">{escape(short)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{row - 8}" fill="#b83232"><title>{escape(name)}</title></rect>'
            f'<text x="{label_w + length + 6:.1f}" y="{y + 15}" font-size="12">{value:g} {escape(unit)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _select(name: str, options: list[tuple[str, str]], chosen: str) -> str:
    items = "".join(
        f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>{escape(text)}</option>'
        for value, text in options
    )
    return f'<select name="{name}" id="{name}">{items}</select>'


def level_text(level: str) -> str:
    return label(level) if level else "未注明"


def accounts_page(
    months: list[str],
    month: str,
    level: str,
    rows: list[dict[str, Any]],
    total: int | None,
    k: int,
    published: str = "",
    period_s: int = 3600,
) -> str:
    filters = (
        '<form class="filters" method="get" action="/unit/">'
        f"<label>月份 {_select('month', [(m, m) for m in months], month)}</label>"
        f"<label>层级 {_select('level', [(lv, label(lv) if lv else '全部') for lv in LEVELS], level)}</label>"
        '<button type="submit">筛选</button></form>'
    )
    when = "下一个整点" if period_s == 3600 else f"下一个批次时刻（每 {period_s / 60:g} 分钟）"
    batch = (
        f"　数据汇总于 {escape(published)}（按批次更新：至少 {k} 位干部有新报送后，在{when}一并显示）"
        if published
        else ""
    )
    head = f'<p class="note">报送干部：{total if total is not None else f"不足 {k} 位"}{batch}</p>'
    if not rows:
        return page(
            "各账号每月用时",
            "accounts",
            head + filters + '<div class="empty">这个月份还没有足够的报送数据。</div>',
            k,
        )
    chart = bar_chart([(r["name"], r["minutes"]) for r in rows[:15]], "分钟")
    table = "".join(
        f'<tr><td class="n">{i}</td><td><a href="/unit/account?{urlencode({"key": r["account"]})}">{escape(r["name"])}</a></td>'
        f'<td>{escape(level_text(r["level"]))}</td><td class="n">{r["minutes"]:g}</td>'
        f'<td class="n">{r["operations"]}</td><td class="n">{r["reporters"]}</td></tr>'
        for i, r in enumerate(rows, 1)
    )
    body = (
        head
        + filters
        + chart
        + "<table><tr><th>#</th><th>账号</th><th>层级</th><th>干部用时合计（分钟）</th>"
        f"<th>操作次数</th><th>报送人数</th></tr>{table}</table>"
    )
    return page(f"各账号 {month} 用时排名", "accounts", body, k)


def account_page(name: str, key: str, level: str, rows: list[dict[str, Any]], k: int) -> str:
    if not rows:
        body = '<div class="empty">这个账号没有足够的报送数据。</div>'
    else:
        chart = bar_chart([(r["month"], r["minutes"]) for r in rows], "分钟")
        table = "".join(
            f'<tr><td>{r["month"]}</td><td class="n">{r["minutes"]:g}</td><td class="n">{r["operations"]}</td>'
            f'<td class="n">{r["reporters"]}</td></tr>'
            for r in rows
        )
        body = (
            f'<p class="note">标识：{escape(key)}　层级：{escape(level_text(level))}</p>{chart}'
            f"<table><tr><th>月份</th><th>干部用时合计（分钟）</th><th>操作次数</th><th>报送人数</th></tr>{table}</table>"
        )
    return page(f"「{name}」每月用时", "accounts", body, k)


def finding_sentence(row: dict[str, Any]) -> str:
    template = KIND_SENTENCE.get(row["kind"], "认为「{a}」有问题")
    what = template.format(a=row["name"], b=row["related_name"] or "另一账号")
    return f"{row['followers']} 位干部中 {row['reporters']} 位的工具{what}"


def findings_page(kind: str, rows: list[dict[str, Any]], k: int) -> str:
    filters = (
        '<form class="filters" method="get" action="/unit/findings">'
        f"<label>结论 {_select('kind', [(v, label(v) if v else '全部') for v in FINDING_KINDS], kind)}</label>"
        '<button type="submit">筛选</button></form>'
    )
    if not rows:
        return page(
            "共识结论", "findings", filters + '<div class="empty">还没有足够多干部共同得出的结论。</div>', k
        )
    cards = "".join(
        f'<div class="card">{escape(finding_sentence(r))}'
        f'<div class="note">平均分值 {r["score"]:g}；合计每月可节省约 {r["minutes_saved"]:g} 分钟</div></div>'
        for r in rows
    )
    return page("共识结论", "findings", filters + cards, k)


def burden_page(level: str, rows: list[dict[str, Any]], k: int) -> str:
    filters = (
        '<form class="filters" method="get" action="/unit/burden">'
        f"<label>发文层级 {_select('level', [(lv, label(lv) if lv else '全部') for lv in LEVELS], level)}</label>"
        '<button type="submit">筛选</button></form>'
    )
    if not rows:
        return page(
            "减负问题（按层级）", "burden", filters + '<div class="empty">还没有足够的报送数据。</div>', k
        )
    table = "".join(
        f"<tr><td>{escape(label(r['category']))}</td><td>{escape(level_text(r['level']))}</td>"
        f'<td>{escape(label(r["operation"]))}</td><td class="n">{r["reporters"]}</td>'
        f'<td class="n">{r["requirements"]}</td><td class="n">{r["expected_minutes"]:g}</td></tr>'
        for r in rows
    )
    body = (
        filters
        + "<table><tr><th>减负问题</th><th>账号层级</th><th>背后的要求（操作）</th><th>确认的干部数</th>"
        f"<th>要求条数</th><th>每次预计用时合计（分钟）</th></tr>{table}</table>"
    )
    return page("减负问题（按层级）", "burden", body, k)


def error_page(title: str, message: str, k: int) -> str:
    return page(title, "", f'<div class="empty">{escape(message)}</div>', k)


def login_page(message: str = "") -> str:
    note = f'<p style="color:#b00">{escape(message)}</p>' if message else ""
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>协调员登录 · 单位减负统计</title>'
        f'<style>{_STYLE}</style></head><body><header><span class="brand">单位减负统计</span></header><main>'
        f"<h1>协调员登录</h1>{note}"
        '<form method="post" action="/unit/login"><p><label>访问令牌 <input type="password" name="token" id="token" size="50"></label></p>'
        '<p><button type="submit" id="login">登录</button></p></form>'
        '<p class="note">令牌由服务器管理员发放（cadre-desk-server token issue 用户名），用户须有协调员身份'
        "（cadre-desk-server user add 用户名 --coordinator）。</p></main></body></html>"
    )
