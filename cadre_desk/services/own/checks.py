"""错敏字 findings on the run accounts' published items and on drafts, and the marks a cadre
puts on them ("not an error here" per account and term; "fixed" per item and term or URL)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cadre_desk.domain.changes import NOTHING, Changes, ChangesWithId
from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.ids import stable_id
from cadre_desk.domain.own_wording import WordingHit, without_exempt
from cadre_desk.services.own.accounts import active_accounts_query
from cadre_desk.services.own.wording import WordingMatcher, default_matcher
from cadre_desk.sources.sanitize import html_to_text
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Item, Source
from cadre_desk.storage.own_models import OwnAccount, OwnMark

NOT_ERROR = "not_error"
FIXED = "fixed"
WORDING = "wording"
LINK = "link"
DRAFT_LIMIT = 200_000  # characters; a pasted draft longer than this is a mistake, not an article


class DraftTooLongError(CadreError):
    next_step = "请分段粘贴（每次不超过 20 万字）后再检查。"


@dataclass(frozen=True)
class WordingFinding:
    source_id: str
    source_name: str
    item_id: str
    item_title: str
    published_at: datetime
    url: str | None
    hit: WordingHit
    context: str
    fixed: bool


@dataclass(frozen=True)
class DraftCheck:
    text: str
    hits: list[WordingHit]
    exempted: int  # hits left out because the account marked their term "not an error here"
    dictionary_entries: int


def item_text(title: str, content_html: str | None, summary: str | None) -> str:
    """What the check reads of an item: title, a line break, the body as plain text."""
    body = html_to_text(content_html) if content_html else (summary or "")
    return f"{title}\n{body}" if body else title


def mark_id(kind: str, subject: str, source_id: str, key: str, item_id: str | None) -> str:
    return stable_id("own-mark", kind, subject, source_id, key, item_id or "")


class WordingCheckService:
    def __init__(self, db: Database, matcher: WordingMatcher | None = None) -> None:
        self._db = db
        self._matcher = matcher

    @property
    def matcher(self) -> WordingMatcher:
        if self._matcher is None:
            self._matcher = default_matcher()
        return self._matcher

    # ----------------------------------------------------------------- checks

    def check_draft(self, text: str, source_id: str | None = None) -> DraftCheck:
        """The 发布前自查 box: hits in a pasted draft, minus the account's "not an error" terms."""
        if len(text) > DRAFT_LIMIT:
            raise DraftTooLongError(f"粘贴的内容有 {len(text):,} 字，超过单次检查上限。")
        hits = self.matcher.check(text)
        kept = without_exempt(hits, self.exempt_terms(source_id)) if source_id else hits
        return DraftCheck(text, kept, len(hits) - len(kept), len(self.matcher))

    def published_findings(
        self,
        since: datetime | None = None,
        until: datetime | None = None,
        source_ids: list[str] | None = None,
        *,
        include_fixed: bool = True,
    ) -> list[WordingFinding]:
        """Hits in the run accounts' items published in ``[since, until)`` (default: 90 days)."""
        start = since or datetime.now(UTC) - timedelta(days=90)
        with self._db.session() as session:
            accounts = dict(
                session.execute(
                    active_accounts_query().with_only_columns(OwnAccount.source_id, Source.name)
                ).all()
            )
            wanted = [s for s in (source_ids or list(accounts)) if s in accounts]
            if not wanted:
                return []
            query = select(
                Item.id,
                Item.source_id,
                Item.title,
                Item.published_at,
                func.coalesce(Item.url, Item.canonical_url),  # urls.item_url
                Item.content_html,
                Item.summary,
            ).where(Item.source_id.in_(wanted), Item.deleted.is_(False), Item.published_at >= start)
            if until is not None:
                query = query.where(Item.published_at < until)
            rows = session.execute(query.order_by(Item.published_at.desc())).all()
            exempt = self._exempt_by_source(session, wanted)
            fixed = self._fixed_keys(session, wanted)
        out: list[WordingFinding] = []
        for item_id, source_id, title, published, url, html, summary in rows:
            text = item_text(title, html, summary)
            for hit in without_exempt(self.matcher.check(text), exempt.get(source_id, ())):
                is_fixed = (source_id, hit.term, item_id) in fixed
                if is_fixed and not include_fixed:
                    continue
                out.append(
                    WordingFinding(
                        source_id,
                        accounts[source_id],
                        item_id,
                        title,
                        published,
                        url,
                        hit,
                        hit.context(text),
                        is_fixed,
                    )
                )
        return out

    # ----------------------------------------------------------------- marks

    def exempt_terms(self, source_id: str | None) -> set[str]:
        if not source_id:
            return set()
        with self._db.session() as session:
            return set(self._exempt_by_source(session, [source_id]).get(source_id, ()))

    @staticmethod
    def _exempt_by_source(session: Session, source_ids: list[str]) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        rows = session.execute(
            select(OwnMark.source_id, OwnMark.key).where(
                OwnMark.source_id.in_(source_ids),
                OwnMark.kind == NOT_ERROR,
                OwnMark.subject == WORDING,
                OwnMark.deleted.is_(False),
            )
        )
        for source_id, key in rows:
            out.setdefault(source_id, set()).add(key)
        return out

    @staticmethod
    def _fixed_keys(session: Session, source_ids: list[str]) -> set[tuple[str, str, str | None]]:
        rows = session.execute(
            select(OwnMark.source_id, OwnMark.key, OwnMark.item_id).where(
                OwnMark.source_id.in_(source_ids),
                OwnMark.kind == FIXED,
                OwnMark.deleted.is_(False),
            )
        )
        return {(s, k, i) for s, k, i in rows}

    def set_mark(
        self,
        source_id: str,
        kind: str,
        subject: str,
        key: str,
        item_id: str | None = None,
        note: str | None = None,
        *,
        on: bool = True,
    ) -> ChangesWithId:
        """Put (or, with ``on=False``, lift) a mark. Not-an-error marks are per account and term;
        the id is the mark's."""
        if kind not in (NOT_ERROR, FIXED) or subject not in (WORDING, LINK):
            raise ValueError(f"unknown mark {kind}/{subject}")
        if kind == NOT_ERROR:
            item_id = None
        mark = mark_id(kind, subject, source_id, key, item_id)
        with self._db.session() as session:
            row = session.get(OwnMark, mark)
            if row is None:
                if not on:
                    return ChangesWithId(mark, NOTHING)
                row = OwnMark(
                    id=mark,
                    source_id=source_id,
                    kind=kind,
                    subject=subject,
                    key=key,
                    item_id=item_id,
                    created_at=datetime.now(UTC),
                )
                session.add(row)
            row.deleted = not on
            if note is not None:
                row.note = note
        return ChangesWithId(mark, Changes(own=True))

    def fixed_links(self, source_ids: list[str]) -> set[tuple[str, str]]:
        with self._db.session() as session:
            return {(s, k) for s, k, _i in self._fixed_keys(session, source_ids)}
