"""Managing sources: add (feed, bridge account, webpage, mailbox, manual), health, OPML, capture.

Network look-ups used while adding a source (webpage preview, bridge account list, certificate
probe, capture of WeChat links) run here so the GUI and the CLI share them; they are slow and
must be called off the GUI thread.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from cadre_desk.domain.changes import NOTHING, Changes, ChangesWithCount, ChangesWithId, ChangesWithIds
from cadre_desk.domain.enums import Category, Platform, SourceKind
from cadre_desk.domain.errors import CadreError
from cadre_desk.domain.ids import new_id
from cadre_desk.domain.urls import canonical_url
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.capture import CaptureReport, CaptureService
from cadre_desk.services.catalogue import CatalogueChoice, add_catalogue_sources
from cadre_desk.services.ingest import IngestService
from cadre_desk.services.ingest_listeners import build_ingest
from cadre_desk.services.own.accounts import OwnAccountService, mark_sources_run, run_source_ids_query
from cadre_desk.services.refresh import RefreshService
from cadre_desk.services.refresh_schedule import RefreshSchedule
from cadre_desk.services.source_lookup import resolve_source
from cadre_desk.sources import bridges, webpage
from cadre_desk.sources import imap as imap_source
from cadre_desk.sources.errors import SourceError
from cadre_desk.sources.feeds import parse_feed
from cadre_desk.sources.http import HttpFetcher, HttpSettings, probe_certificate
from cadre_desk.sources.model import FetchRequest, HttpResult, ParsedFeed
from cadre_desk.sources.opml import OpmlEntry, build_opml, parse_opml
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Folder, Source, SourceFetchState, SourceStats

log = logging.getLogger(__name__)


class SourceInputError(CadreError):
    next_step = "请检查填写的内容后重试。"


class DuplicateSourceError(SourceInputError):
    next_step = (
        "不必重复添加：它已在“订阅源”列表中（cadre-desk sources list）；要改名称或间隔请编辑原来的那个。"
    )


MIN_INTERVAL_MINUTES = 5
MAX_INTERVAL_MINUTES = 7 * 24 * 60


def check_interval(minutes: int) -> None:
    """Refuse a refresh interval outside 5 minutes … 7 days (0 would hammer the server)."""
    if not MIN_INTERVAL_MINUTES <= minutes <= MAX_INTERVAL_MINUTES:
        raise SourceInputError(
            f"刷新间隔 {minutes} 分钟不合适。",
            f"请填写 {MIN_INTERVAL_MINUTES} 到 {MAX_INTERVAL_MINUTES} 分钟（7 天）之间的间隔，常用 60 分钟。",
        )


def _duplicate_key(kind: str, url: str, config: dict[str, Any]) -> tuple[str, str | None, str | None]:
    selector = (config.get("selectors") or {}).get("item") if kind == SourceKind.WEBPAGE.value else None
    return (kind, canonical_url(url), selector)


@dataclass(slots=True)
class NewSource:
    kind: str
    name: str
    url: str | None = None
    platform: str = Platform.OTHER.value
    category: str = Category.OTHER.value
    level: str | None = None
    owner_unit: str | None = None
    mandatory: bool = False
    required_by: str | None = None
    folder_id: str | None = None
    fetch_interval_minutes: int = 60
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class SourceHealth:
    source_id: str
    name: str
    kind: str
    url: str | None
    last_success_at: datetime | None
    last_attempt_at: datetime | None
    consecutive_errors: int
    last_error: str | None
    item_count: int
    unread_count: int

    @property
    def healthy(self) -> bool:
        return self.consecutive_errors == 0

    @property
    def recovered(self) -> bool:
        """The last fetch succeeded but the document needed recovery (ill-formed XML, wrong or
        unknown encoding…): ``last_error`` holds the reason (written by ingest as the notice)."""
        return self.consecutive_errors == 0 and bool(self.last_error)


SOURCES = Changes(sources=True)


@dataclass(slots=True)
class OpmlImportReport:
    added: int = 0
    skipped_existing: int = 0
    folders_created: int = 0
    marked_run: int = 0  # sources the file names 本单位运营

    @property
    def changes(self) -> Changes:
        return Changes(
            sources=bool(self.added), folders=bool(self.folders_created), own=bool(self.marked_run)
        )


ProgressFn = Callable[[int, int], None]


class SourceService:
    def __init__(
        self,
        db: Database,
        secrets: SecretStore,
        ingest: IngestService,
        refresh: RefreshService,
    ) -> None:
        self._db = db
        self._secrets = secrets
        self._ingest = ingest
        self._refresh = refresh

    def password_store(self) -> tuple[bool, Path | None]:
        """(passwords in the system keyring?, else the key file of the encrypted-file store)."""
        return self._secrets.is_system_keyring, self._secrets.key_file

    # ------------------------------------------------------------------ adding

    def validate(self, new: NewSource) -> SourceKind:
        """Refuse what cannot be added (no name, bad address, odd interval, already followed)."""
        if not new.name.strip():
            raise SourceInputError("请填写订阅源名称。")
        try:
            kind = SourceKind(new.kind)
        except ValueError:
            raise SourceInputError(f"未知的订阅源类型：{new.kind}") from None
        needs_url = kind in (SourceKind.RSS, SourceKind.WEBPAGE)
        if needs_url and not (new.url or "").strip().lower().startswith(("http://", "https://")):
            raise SourceInputError("请填写以 http:// 或 https:// 开头的地址。")
        check_interval(new.fetch_interval_minutes)
        if kind is SourceKind.IMAP:
            imap_source.ImapAccount.from_config(new.config)
        if needs_url and new.url:
            self._refuse_duplicates([(kind, new.url, new.config)])
        return kind

    def add_from_catalogue(self, choices: list[CatalogueChoice]) -> ChangesWithCount:
        """Sources for accounts ticked in the built-in catalogue; the count is the new ones."""
        return add_catalogue_sources(self._db, choices)

    def add(self, new: NewSource) -> ChangesWithId:
        """Add a source after checking it: the GUI dialog and the CLI get the same refusals."""
        kind = self.validate(new)
        name = new.name.strip()
        source = Source(
            id=new_id(),
            kind=kind.value,
            name=name[:300],
            url=new.url.strip() if new.url else None,
            platform=new.platform,
            category=new.category,
            level=new.level,
            owner_unit=new.owner_unit,
            mandatory=new.mandatory,
            required_by=new.required_by,
            folder_id=new.folder_id,
            fetch_interval_minutes=new.fetch_interval_minutes,
            config=dict(new.config),
            subscribed=True,
            created_at=datetime.now(UTC),
        )
        with self._db.session() as session:
            session.add(source)
        return ChangesWithId(source.id, SOURCES)

    def add_bridge_accounts(
        self,
        preset_key: str,
        base_url: str,
        accounts: list[bridges.BridgeAccount],
        template: NewSource,
        fmt: str = "rss",
    ) -> ChangesWithIds:
        """One feed source per picked bridge account (none is added if any is already followed)."""
        urls = [bridges.feed_url(preset_key, base_url, account.id, fmt) for account in accounts]
        self._refuse_duplicates([(SourceKind.RSS, url, template.config) for url in urls])
        ids = []
        for account in accounts:
            new = NewSource(**{**_fields(template), "name": account.name})
            new.url = bridges.feed_url(preset_key, base_url, account.id, fmt)
            new.platform = Platform.WECHAT_ACCOUNT.value
            new.config = {
                **template.config,
                "bridge": {"preset": preset_key, "base": base_url, "account": account.id},
            }
            ids.append(self.add(new).id)
        return ChangesWithIds(tuple(ids), SOURCES if ids else NOTHING)

    def _refuse_duplicates(self, wanted: list[tuple[SourceKind, str, dict[str, Any]]]) -> None:
        """Refuse an address already followed (same kind and canonical URL; for a web page,
        also the same list selector, since one page may hold several columns)."""
        keys = {_duplicate_key(kind.value, url, config): url for kind, url, config in wanted}
        with self._db.session() as session:
            rows = session.execute(
                select(Source.id, Source.name, Source.kind, Source.url, Source.config).where(
                    Source.deleted.is_(False), Source.url.is_not(None)
                )
            ).all()
        clashes = [
            (name, source_id)
            for source_id, name, kind, url, config in rows
            if _duplicate_key(kind, url, config or {}) in keys
        ]
        if clashes:
            listed = "、".join(f"“{name}”（编号 {source_id[:8]}）" for name, source_id in clashes[:5])
            raise DuplicateSourceError(f"这个地址已经订阅过了：{listed}。")

    def set_mail_password(self, config: dict[str, Any], password: str) -> str:
        """Store an IMAP password in the secret store; returns the secret's name for the config."""
        account = imap_source.ImapAccount.from_config(config)
        name = account.secret_name()
        self._secrets.set(name, password)
        return name

    def test_mailbox(self, config: dict[str, Any], password: str) -> int:
        """Log in and count the messages of the folder (for the add-source dialog)."""
        account = imap_source.ImapAccount.from_config(config)
        conn = imap_source.connect(account, password)
        try:
            typ, data = conn.select(imap_source.quote_mailbox(account.folder), readonly=True)
            if typ != "OK":
                raise SourceError(f"邮箱中没有文件夹“{account.folder}”。")
            return int(data[0] or 0)
        finally:
            try:
                conn.logout()
            except OSError:
                pass

    # ------------------------------------------------------------------ network look-ups

    def _fetch_result(self, url: str, accept_cert: str | None = None) -> HttpResult:
        async def run() -> HttpResult:
            async with HttpFetcher(self._http_settings()) as fetcher:
                return await fetcher.fetch(
                    FetchRequest(key="preview", url=url, accept_cert_sha256=accept_cert)
                )

        return asyncio.run(run())

    def _fetch_once(self, url: str, accept_cert: str | None = None) -> tuple[bytes, str | None, str]:
        result = self._fetch_result(url, accept_cert)
        return result.body, result.headers.get("content-type"), result.final_url

    def _http_settings(self) -> HttpSettings:
        return self._refresh.http_settings()

    def preview_feed(self, url: str, accept_cert: str | None = None) -> ParsedFeed:
        result = self._fetch_result(url, accept_cert)
        return parse_feed(result.body, url=result.final_url, headers=result.parse_headers)

    def preview_webpage(
        self, url: str, selectors: webpage.ListSelectors | None = None
    ) -> list[webpage.ListCandidate]:
        """Detected lists (or the user's selectors applied) with entries, for the preview."""
        body, content_type, final_url = self._fetch_once(url)
        if selectors is not None and selectors.item:
            doc = webpage.parse_html(body, content_type)
            entries = webpage.extract_entries(doc, final_url, selectors)
            return [webpage.ListCandidate(selectors, 1.0, entries)]
        return webpage.detect_lists(body, final_url, content_type)

    def bridge_accounts(self, preset_key: str, base_url: str) -> list[bridges.BridgeAccount]:
        url = bridges.accounts_url(preset_key, base_url)
        if url is None:
            return []
        body, _ct, _final = self._fetch_once(url)
        return bridges.parse_accounts(preset_key, body)

    def probe_certificate(self, url: str) -> tuple[str, str]:
        return asyncio.run(probe_certificate(url))

    # ------------------------------------------------------------------ manual capture

    def capture(self, source: str, pasted: str, *, online: bool = True) -> CaptureReport:
        """Store pasted links/text as items of a source (see ``services.capture``)."""
        return CaptureService(self._db, self._ingest, self._http_settings).capture(
            source, pasted, online=online
        )

    def resolve(self, reference: str) -> str:
        """The id of the source a user named: its id, the start of its id, or its exact name."""
        return resolve_source(self._db, reference)

    # ------------------------------------------------------------------ health

    def health(self) -> list[SourceHealth]:
        query = (
            select(
                Source.id,
                Source.name,
                Source.kind,
                Source.url,
                SourceFetchState.last_success_at,
                SourceFetchState.last_attempt_at,
                SourceFetchState.consecutive_errors,
                SourceFetchState.last_error,
                SourceStats.item_count,
                SourceStats.unread_count,
            )
            .outerjoin(SourceFetchState, SourceFetchState.source_id == Source.id)
            .outerjoin(SourceStats, SourceStats.source_id == Source.id)
            .where(Source.deleted.is_(False))
            .order_by(SourceFetchState.consecutive_errors.desc(), Source.name)
        )
        with self._db.session() as session:
            rows = session.execute(query).all()
        return [
            SourceHealth(
                r[0], r[1], r[2], r[3], r[4], r[5], int(r[6] or 0), r[7], int(r[8] or 0), int(r[9] or 0)
            )
            for r in rows
        ]

    # ------------------------------------------------------------------ OPML

    def import_opml(self, data: bytes, progress: ProgressFn | None = None) -> OpmlImportReport:
        entries = parse_opml(data)
        report = OpmlImportReport()
        now = datetime.now(UTC)
        with self._db.session() as session:
            existing = {
                canonical_url(url)
                for url in session.scalars(select(Source.url).where(Source.deleted.is_(False)))
            }
            folder_ids = self._folder_paths(session)
            rows: list[dict[str, Any]] = []
            run_by_unit: list[str] = []
            for index, entry in enumerate(entries, 1):
                key = canonical_url(entry.xml_url)
                if key in existing:
                    report.skipped_existing += 1
                else:
                    existing.add(key)
                    folder_id = None
                    for depth in range(1, len(entry.folder) + 1):
                        path = entry.folder[:depth]
                        if path not in folder_ids:
                            folder = Folder(
                                id=new_id(),
                                name=path[-1][:200],
                                parent_id=folder_ids.get(path[:-1]),
                                position=0,
                            )
                            session.add(folder)
                            session.flush()
                            folder_ids[path] = folder.id
                            report.folders_created += 1
                        folder_id = folder_ids[path]
                    kind = (
                        entry.kind
                        if entry.kind in (SourceKind.RSS.value, SourceKind.WEBPAGE.value)
                        else "rss"
                    )
                    source_id = new_id()
                    if entry.run_by_unit:
                        run_by_unit.append(source_id)
                    rows.append(
                        {
                            "id": source_id,
                            "kind": kind,
                            "name": entry.title[:300],
                            "url": entry.xml_url,
                            "platform": _guess_platform(entry.xml_url),
                            "category": Category.OTHER.value,
                            "mandatory": False,
                            "folder_id": folder_id,
                            "fetch_interval_minutes": 60,
                            "config": {"html_url": entry.html_url} if entry.html_url else {},
                            "subscribed": True,
                            "created_at": now,
                            "deleted": False,
                            **self._db.stamp_columns(),
                        }
                    )
                    report.added += 1
                if progress is not None and (index % 50 == 0 or index == len(entries)):
                    progress(index, len(entries))
            if rows:
                session.execute(insert(Source), rows)
                report.marked_run = mark_sources_run(session, run_by_unit, self._db.stamp_columns())
        return report

    @staticmethod
    def _folder_paths(session: Any) -> dict[tuple[str, ...], str]:
        folders = session.execute(
            select(Folder.id, Folder.name, Folder.parent_id).where(Folder.deleted.is_(False))
        ).all()
        by_id = {f[0]: f for f in folders}
        paths: dict[tuple[str, ...], str] = {}
        for folder_id, _name, _parent in folders:
            path: list[str] = []
            node = by_id.get(folder_id)
            guard = 0
            while node is not None and guard < 20:
                path.insert(0, node[1])
                node = by_id.get(node[2]) if node[2] else None
                guard += 1
            paths[tuple(path)] = folder_id
        return paths

    def export_opml(self) -> bytes:
        with self._db.session() as session:
            paths = {v: k for k, v in self._folder_paths(session).items()}
            rows = session.execute(
                select(
                    Source.name,
                    Source.url,
                    Source.kind,
                    Source.folder_id,
                    Source.config,
                    Source.id.in_(run_source_ids_query()),
                )
                .where(
                    Source.deleted.is_(False),
                    Source.kind.in_((SourceKind.RSS.value, SourceKind.WEBPAGE.value)),
                    Source.url.is_not(None),
                )
                .order_by(Source.name)
            ).all()
        entries = [
            OpmlEntry(
                title=name,
                xml_url=url,
                html_url=(config or {}).get("html_url"),
                folder=paths.get(folder_id, ()) if folder_id else (),
                kind=kind,
                run_by_unit=bool(run),
            )
            for name, url, kind, folder_id, config, run in rows
        ]
        return build_opml(entries)


def _fields(template: NewSource) -> dict[str, Any]:
    return {f.name: getattr(template, f.name) for f in dataclasses.fields(template)}


def _guess_platform(url: str) -> str:
    if "/wechat/" in url or "weixin" in url:
        return Platform.WECHAT_ACCOUNT.value
    return Platform.OTHER.value


@dataclass(slots=True)
class SourceServices:
    """The ingest, refresh and source-management services, built together."""

    ingest: IngestService
    refresh: RefreshService
    sources: SourceService
    own_accounts: OwnAccountService  # marking sources 本单位运营 (add dialog, context menu)
    schedule: RefreshSchedule  # the scheduled refresh of due sources (ticks on its own thread)


def build_source_services(db: Database, settings: Any, secrets: SecretStore) -> SourceServices:
    ingest = build_ingest(db)  # with its listeners: rules, already-read duplicates, repost duties
    refresh = RefreshService(db, settings, secrets, ingest)
    return SourceServices(
        ingest,
        refresh,
        SourceService(db, secrets, ingest, refresh),
        OwnAccountService(db),
        RefreshSchedule(refresh, settings),
    )
