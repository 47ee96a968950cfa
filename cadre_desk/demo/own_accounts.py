"""The demo's 本单位运营 corner: every state of the self-inspection desk, made through the real
services (marking, ingest with the repost-duty hook, messages, cadence tasks).

* 柳林镇人民政府 (run by the unit, healthy) and 柳林镇退役军人服务站 (4 days from a two-week breach);
* planted typos and an outdated institution name in their posts;
* one dead link — a recorded result: demo hosts are made up and are never fetched;
* a repost duty from 清河发布 (1 hour): one repost closed on time by the detector, one missed,
  one pending right now;
* three messages: one replied, one waiting, one overdue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cadre_desk.domain.enums import Category, Level, Platform, SourceKind
from cadre_desk.domain.ids import stable_id
from cadre_desk.services.ingest import IngestService
from cadre_desk.services.own.accounts import OwnSettings
from cadre_desk.services.own.desk import OwnDesk
from cadre_desk.services.own.duties import repost_duty_listener
from cadre_desk.sources.model import ParsedItem
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Source

DEAD_LINK = "http://liulin.gov.local/tyjr/2019/banshi-zhinan.html"
LIVE_LINK = "http://liulin.gov.local/tyjr/index.html"
SERVICE_MENU = "http://liulin.gov.local/wx/menu/jiaofei.html"


ITEMS_ADDED = 8  # posts of the run accounts and of the superior, on top of the requested items
COUNTED = ("sources", "items", "requirements", "tasks", "operation_logs")


@dataclass(frozen=True)
class OwnDemo:
    healthy_id: str
    at_risk_id: str
    superior_id: str
    added: dict[str, int]  # rows added per table (the demo summary counts them)


def _counts(db: Database) -> dict[str, int]:
    with db.engine.connect() as conn:
        return {t: int(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()) for t in COUNTED}


def _item(key: str, title: str, at: datetime, body: str) -> ParsedItem:
    return ParsedItem(guid=f"own-demo-{key}", title=title, published_at=at, content_html=body, text=body)


def add_own_demo(
    db: Database, *, seed: int, now: datetime, healthy_id: str, superior_id: str, folder_id: str | None
) -> OwnDemo:
    """Add the run accounts' world to a demo profile. ``now``: the demo's moment; the pending
    repost is placed just before the real clock so its one-hour deadline is still ahead."""
    wall = datetime.now(UTC)
    before = _counts(db)
    at_risk_id = stable_id("demo", str(seed), "source", "own_liulin_veterans")
    with db.session() as session:
        session.add(
            Source(
                id=at_risk_id,
                kind=SourceKind.MANUAL.value,
                name="柳林镇退役军人服务站",
                platform=Platform.WECHAT_ACCOUNT.value,
                owner_unit="柳林镇退役军人服务站",
                level=Level.TOWNSHIP.value,
                category=Category.GOV_SERVICE.value,
                folder_id=folder_id,
                notes="本单位运营：镇退役军人服务站的微信公众号，由镇党政办代管",
                created_at=now - timedelta(days=300),
            )
        )
    desk = OwnDesk(db)
    desk.accounts.mark_run(healthy_id, OwnSettings(menu_links=(SERVICE_MENU,)))
    desk.accounts.mark_run(at_risk_id, OwnSettings(reply_workdays=5, run_by="me"))
    ingest = IngestService(db)
    ingest.add_listener(repost_duty_listener(db))

    day = timedelta(days=1)
    ingest.store_items(
        at_risk_id,
        [
            _item(
                "bm1",
                "退役军人优待证申领指南",
                now - 24 * day,
                "<p>退役军人优待证集中申领已开始，截止目前全镇已受理三百余份。"
                f'申领指南见<a href="{LIVE_LINK}">服务专栏</a>。</p>',
            ),
            _item(
                "bm2",
                "服务站周末值班安排",
                now - 17 * day,
                "<p>周末设立值班窗口，办理优待证、帮扶援助业务。</p>",
            ),
            _item(
                "bm3",
                "自主就业退役士兵创业扶持政策解读",
                now - 10 * day,
                "<p>自主创业的退役士兵可享受创业担保贷款贴息，营业执照可到县工商局窗口咨询办理。"
                f'往年的<a href="{DEAD_LINK}">办事指南</a>仍可参考。</p>',
            ),
        ],
    )
    ingest.store_items(
        healthy_id,
        [
            _item(
                "gov1",
                "柳林镇布署冬春火灾防控工作",
                now - 2 * day,
                "<p>镇党委召开专题会议，布署冬春火灾防控和防讯物资储备工作。</p>",
            )
        ],
    )
    bm1, bm3 = (stable_id("item", at_risk_id, f"own-demo-{key}") for key in ("bm1", "bm3"))
    desk.links.store(
        [
            _recorded(at_risk_id, DEAD_LINK, bm3, now, False, 404, "页面不存在，链接已失效（HTTP 404）"),
            _recorded(at_risk_id, LIVE_LINK, bm1, now, True, 200, "可以打开（HTTP 200）"),
            _recorded(healthy_id, SERVICE_MENU, None, now, True, 200, "可以打开（HTTP 200）"),
        ]
    )

    desk.duties.create(
        superior_id,
        healthy_id,
        ["森林防火", "防汛", "安全生产"],
        60,
        basis="清河县政务新媒体管理办法（示例）",
    )
    notice = (
        "<p>当前正值森林防火关键期，全县各乡镇要严格落实野外火源管控，加强巡山护林，"
        "发现火情立即报告，确保人民群众生命财产安全。</p>"
    )
    ingest.store_items(
        superior_id,
        [
            _item("up1", "清河县关于加强森林防火工作的紧急通知", now - 5 * day, notice),
            _item(
                "up2",
                "清河县开展安全生产大检查",
                now - 3 * day,
                "<p>即日起全县开展为期一个月的安全生产大检查。</p>",
            ),
            _item(
                "up3",
                "清河县发布森林防火橙色预警",
                wall - timedelta(minutes=15),
                notice.replace("紧急通知", "预警"),
            ),
        ],
    )
    ingest.store_items(
        healthy_id,
        [
            _item(
                "gov2",
                "转发｜清河县关于加强森林防火工作的紧急通知",
                now - 5 * day + timedelta(minutes=40),
                notice,
            )
        ],
    )

    desk.messages.add(
        at_risk_id, "优待证办理需要带哪些材料？", sender="网友“柳林人”", received_at=now - 12 * day
    )
    replied = desk.messages.add(
        at_risk_id, "服务站周六上班吗？", sender="网友“小李”", received_at=now - 6 * day
    ).id
    desk.messages.mark_replied(replied, "周六上午有值班窗口。", replied_at=now - 5 * day)
    desk.messages.add(at_risk_id, "创业贷款贴息申请截止到哪天？", sender="网友“老张”", received_at=now - day)
    desk.accounts.ensure_cadence_tasks(max(now, wall))
    after = _counts(db)
    return OwnDemo(healthy_id, at_risk_id, superior_id, {t: after[t] - before[t] for t in COUNTED})


def _recorded(
    source_id: str, url: str, item_id: str | None, at: datetime, ok: bool, status: int, outcome: str
) -> dict[str, Any]:
    return {
        "source_id": source_id,
        "url": url,
        "item_id": item_id,
        "origin": "post" if item_id else "menu",
        "checked_at": at,
        "ok": ok,
        "status": status,
        "outcome": outcome,
        "recorded": True,
    }


def add_own_demo_to_profile(db: Database) -> OwnDemo | None:
    """Add the run accounts' world to a freshly generated demo profile (its manifest gives the
    seed and the moment); None when the profile has no demo manifest or no 柳林镇人民政府."""
    from cadre_desk.demo.generator import demo_source_id, manifest_path

    path = manifest_path(db)
    if not path.exists():
        return None
    manifest = json.loads(path.read_text(encoding="utf-8"))
    seed, now = int(manifest["seed"]), datetime.fromisoformat(manifest["now"])
    healthy, superior = demo_source_id(seed, "liulin_gov"), demo_source_id(seed, "qinghe_fabu")
    with db.session() as session:
        if session.get(Source, healthy) is None or session.get(Source, superior) is None:
            return None
    folder = stable_id("demo", str(seed), "folder", "township")
    return add_own_demo(db, seed=seed, now=now, healthy_id=healthy, superior_id=superior, folder_id=folder)
