"""Finding the source a user named on the command line: its id, the start of its id, or its name."""

from __future__ import annotations

from sqlalchemy import or_, select

from cadre_desk.domain.errors import UnknownSourceError
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Source

LIST_SOURCES = "运行 cadre-desk sources list 查看订阅源的编号和名称；名称须与列表中的完全一致。"
_MIN_PREFIX = 6


def resolve_source(db: Database, reference: str) -> str:
    """The id of the one source ``reference`` names; ``UnknownSourceError`` if none or several."""
    wanted = reference.strip()
    if not wanted:
        raise UnknownSourceError("没有指定订阅源。", LIST_SOURCES)
    with db.session() as session:
        rows = session.execute(
            select(Source.id, Source.name).where(
                Source.deleted.is_(False),
                or_(
                    Source.id == wanted, Source.name == wanted, Source.id.startswith(wanted, autoescape=True)
                ),
            )
        ).all()
    for matches in (
        [r for r in rows if r.id == wanted],
        [r for r in rows if r.name == wanted],
        [r for r in rows if len(wanted) >= _MIN_PREFIX and r.id.startswith(wanted)],
    ):
        if len(matches) == 1:
            return str(matches[0].id)
        if len(matches) > 1:
            listed = "；".join(f"{r.name}（{r.id}）" for r in matches[:5])
            raise UnknownSourceError(
                f"“{wanted}”对应 {len(matches)} 个订阅源：{listed}",
                "请改用订阅源编号（cadre-desk sources list 可查）。",
            )
    raise UnknownSourceError(f"没有找到订阅源“{wanted}”。", LIST_SOURCES)
