"""Bundles: export/import round trip, idempotence, and refusal of every kind of bad file."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cadre_desk.services.sync import pairing
from cadre_desk.services.sync.bundle import (
    BundleError,
    BundleFromNewerVersionError,
    BundleKeyMismatchError,
    export_bundle,
    import_bundles,
)
from cadre_desk.services.sync.failsafe import MassDeletionError
from cadre_desk.storage.models import Source, Task
from tests.sync.helpers import Replica

MakeReplica = Callable[..., Replica]


def _export(replica: Replica, folder: Path, **kwargs: int) -> list[Path]:
    return export_bundle(replica.db, replica.paths, replica.secrets, folder, **kwargs).files


def _import(replica: Replica, target: Path, **kwargs: bool) -> int:
    return import_bundles(replica.db, replica.paths, replica.secrets, target, **kwargs).result.changed


def test_round_trip_then_second_import_is_a_no_op(make_replica: MakeReplica, tmp_path: Path) -> None:
    a, b = make_replica("a"), make_replica("b")
    source = a.add_source()
    task = a.add_task("每日学习打卡", source)
    a.check_in(task)
    a.edit(Task, task, status="done")
    usb = tmp_path / "usb"
    [batch] = _export(a, usb)
    assert batch.parent.name == a.db.device_id and batch.name == "000001.cdsync"
    assert _import(b, batch) == 3
    assert b.snapshot() == a.snapshot()
    changes_before = b.count("SELECT count(*) FROM change_log")
    assert _import(b, batch) == 0
    assert b.count("SELECT count(*) FROM change_log") == changes_before
    assert _export(a, usb) == []  # nothing new since the previous batch


def test_folder_import_takes_new_batches_in_order(make_replica: MakeReplica, tmp_path: Path) -> None:
    a, b = make_replica("a"), make_replica("b")
    usb = tmp_path / "usb"
    source = a.add_source("第一批")
    _export(a, usb)
    a.edit(Source, source, name="第二批")
    a.add_task("任务", source)
    files = _export(a, usb)
    assert [f.name for f in files] == ["000002.cdsync"]
    assert _import(b, usb) == 3  # source inserted, then renamed; task inserted
    assert b.snapshot() == a.snapshot()
    assert _import(b, usb) == 0  # nothing new


def test_many_changes_split_into_small_batches(make_replica: MakeReplica, tmp_path: Path) -> None:
    a, b = make_replica("a"), make_replica("b")
    source = a.add_source()
    for n in range(60):
        a.add_task(f"任务{n}：" + "很长的说明" * 40, source)
    files = _export(a, tmp_path / "usb", max_bytes=20_000)
    assert len(files) > 3
    for file in files:
        with zipfile.ZipFile(file) as archive:
            assert len(archive.read("changes.jsonl")) <= 20_000
    # Each batch is self-contained: importing them one by one in order never breaks a reference.
    for file in files:
        _import(b, file)
    assert b.snapshot() == a.snapshot()


def _rewrite(batch: Path, target: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    with zipfile.ZipFile(batch) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return target


def _one_batch(make_replica: MakeReplica, tmp_path: Path) -> tuple[Replica, Replica, Path]:
    a, b = make_replica("a"), make_replica("b")
    source = a.add_source()
    a.add_task("任务", source)
    [batch] = _export(a, tmp_path / "usb")
    return a, b, batch


def _refused(b: Replica, file: Path, error: type[BundleError] = BundleError) -> str:
    before = b.snapshot()
    with pytest.raises(error) as info:
        _import(b, file)
    assert b.snapshot() == before
    assert b.count("SELECT count(*) FROM sync_peers") == 0
    return info.value.user_message


def test_tampered_change_is_refused(make_replica: MakeReplica, tmp_path: Path) -> None:
    _, b, batch = _one_batch(make_replica, tmp_path)

    def tamper(parts: dict[str, bytes]) -> None:
        parts["changes.jsonl"] = parts["changes.jsonl"].replace("任务".encode(), "篡改".encode())

    message = _refused(b, _rewrite(batch, tmp_path / "t.cdsync", tamper))
    assert "校验失败" in message


def test_tampered_manifest_fails_the_signature(make_replica: MakeReplica, tmp_path: Path) -> None:
    _, b, batch = _one_batch(make_replica, tmp_path)

    def tamper(parts: dict[str, bytes]) -> None:
        manifest = json.loads(parts["manifest.json"])
        manifest["counts"] = {"tasks": 1}
        parts["manifest.json"] = json.dumps(manifest).encode()

    assert "签名不符" in _refused(b, _rewrite(batch, tmp_path / "t.cdsync", tamper))


def test_other_pairing_key_is_named(make_replica: MakeReplica, tmp_path: Path) -> None:
    _, b, batch = _one_batch(make_replica, tmp_path)
    pairing.new_key(b.secrets)
    assert "另一把配对密钥" in _refused(b, batch, BundleKeyMismatchError)


def test_future_format_is_refused(make_replica: MakeReplica, tmp_path: Path) -> None:
    a, b, batch = _one_batch(make_replica, tmp_path)
    key = pairing.require_key(a.secrets)

    def future(parts: dict[str, bytes]) -> None:
        manifest = json.loads(parts["manifest.json"])
        manifest["format"] = 99
        parts["manifest.json"] = json.dumps(manifest).encode()
        parts["manifest.sig"] = pairing.sign(key, parts["manifest.json"]).encode()

    assert "更新版本" in _refused(
        b, _rewrite(batch, tmp_path / "f.cdsync", future), BundleFromNewerVersionError
    )


def test_broken_foreign_key_is_refused(make_replica: MakeReplica, tmp_path: Path) -> None:
    """A validly signed batch whose task points at a source nobody sent: no change at all."""
    a, b, batch = _one_batch(make_replica, tmp_path)
    key = pairing.require_key(a.secrets)

    def drop_source(parts: dict[str, bytes]) -> None:
        lines = [line for line in parts["changes.jsonl"].splitlines() if b'"t":"sources"' not in line]
        parts["changes.jsonl"] = b"\n".join(lines) + b"\n"
        manifest = json.loads(parts["manifest.json"])
        manifest["counts"] = {"tasks": 1}
        manifest["parts"]["changes.jsonl"] = {
            "sha256": __import__("hashlib").sha256(parts["changes.jsonl"]).hexdigest(),
            "bytes": len(parts["changes.jsonl"]),
        }
        parts["manifest.json"] = json.dumps(manifest).encode()
        parts["manifest.sig"] = pairing.sign(key, parts["manifest.json"]).encode()

    from cadre_desk.services.sync.apply import MissingReferenceError

    with pytest.raises(MissingReferenceError):
        _import(b, _rewrite(batch, tmp_path / "fk.cdsync", drop_source))
    assert b.count("SELECT count(*) FROM tasks") == 0
    assert b.count("SELECT count(*) FROM change_log") == 0


def test_mass_deletion_needs_confirmation(make_replica: MakeReplica, tmp_path: Path) -> None:
    a, b = make_replica("a"), make_replica("b")
    usb = tmp_path / "usb"
    source = a.add_source()
    tasks = [a.add_task(f"任务{n}", source) for n in range(20)]
    _export(a, usb)
    _import(b, usb)
    for task in tasks:
        a.edit(Task, task, deleted=True)
    _export(a, usb)
    with pytest.raises(MassDeletionError) as info:
        _import(b, usb)
    assert info.value.deletions == 20
    assert b.count("SELECT count(*) FROM tasks WHERE NOT deleted") == 20
    assert _import(b, usb, allow_mass_delete=True) == 20
    assert b.count("SELECT count(*) FROM tasks WHERE NOT deleted") == 0


def test_truncated_or_corrupted_at_random_offsets_is_refused(
    make_replica: MakeReplica, tmp_path: Path
) -> None:
    """A USB copy cut at any byte, or a flipped byte anywhere: refused, nothing changed."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    a, b = make_replica("a"), make_replica("b")
    source = a.add_source()
    for n in range(30):
        a.add_task(f"任务{n}", source)
    [batch] = _export(a, tmp_path / "usb")
    data = batch.read_bytes()
    before = b.snapshot()

    @settings(max_examples=40, deadline=None)
    @given(cut=st.integers(min_value=0, max_value=len(data) - 1), flip=st.booleans())
    def check(cut: int, flip: bool) -> None:
        broken = tmp_path / "broken.cdsync"
        if flip:
            damaged = bytearray(data)
            damaged[cut] ^= 0xFF
            broken.write_bytes(bytes(damaged))
        else:
            broken.write_bytes(data[:cut])
        try:
            _import(b, broken)
        except BundleError:
            pass
        else:  # a flipped byte in zip padding/unused header fields may be harmless
            assert flip
        assert b.snapshot() == before or b.snapshot() == a.snapshot()

    check()
