"""The shared benchmark profile cache: built once, reused, rebuilt when the parameters change."""

from __future__ import annotations

from pathlib import Path

from benchmarks.profiles import MARKER, cached_profile, ensure_profile


def test_profile_is_built_once_and_reused(tmp_path: Path) -> None:
    target = tmp_path / "demo-400"
    root = ensure_profile(target, 400, days=20)
    assert root == target.resolve() and cached_profile(root, 400, days=20)
    database = root / "cadre_desk.db"
    stamp = database.stat().st_mtime_ns
    assert ensure_profile(target, 400, days=20) == root
    assert database.stat().st_mtime_ns == stamp, "a valid cache is not regenerated"
    assert not (tmp_path / "demo-400.building").exists()


def test_profile_is_rebuilt_for_other_parameters_or_a_broken_marker(tmp_path: Path) -> None:
    target = tmp_path / "p"
    ensure_profile(target, 300, days=10)
    assert not cached_profile(target, 500, days=10)
    ensure_profile(target, 500, days=10)
    assert cached_profile(target, 500, days=10)
    (target / MARKER).write_text("{broken", encoding="utf-8")
    assert not cached_profile(target, 500, days=10)
