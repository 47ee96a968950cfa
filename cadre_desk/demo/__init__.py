"""Demo profile: a deterministic, realistic township cadre's world for trying and benchmarking."""

from __future__ import annotations

from cadre_desk.demo.generator import (
    DEFAULT_SEED,
    GENERATOR_VERSION,
    DemoError,
    DemoSummary,
    default_now,
    demo_repost_truth,
    demo_source_id,
    generate_demo,
    profile_has_sources,
)
from cadre_desk.demo.items import RepostLink

__all__ = [
    "DEFAULT_SEED",
    "GENERATOR_VERSION",
    "DemoError",
    "DemoSummary",
    "RepostLink",
    "default_now",
    "demo_repost_truth",
    "demo_source_id",
    "generate_demo",
    "profile_has_sources",
]
