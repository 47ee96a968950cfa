"""All followed accounts of the demo, from the province down to the villages."""

from __future__ import annotations

from cadre_desk.demo import accounts_county, accounts_local, accounts_upper
from cadre_desk.demo.catalogue import SourceSpec

SOURCES: tuple[SourceSpec, ...] = (
    *accounts_upper.ACCOUNTS,
    *accounts_county.ACCOUNTS,
    *accounts_local.ACCOUNTS,
)
SOURCES_BY_KEY: dict[str, SourceSpec] = {spec.key: spec for spec in SOURCES}
