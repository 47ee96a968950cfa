from __future__ import annotations

from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.settings import Settings
from cadre_desk.services.sources import NewSource, SourceServices, build_source_services
from cadre_desk.storage.database import Database


def services_for(db: Database) -> SourceServices:
    return build_source_services(db, Settings(db), SecretStore(db.path.parent / "secrets.enc"))


def add_feed(services: SourceServices, name: str, url: str, kind: str = "rss", **config: object) -> str:
    return services.sources.add(NewSource(kind=kind, name=name, url=url, config=dict(config))).id
