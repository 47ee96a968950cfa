"""Hostile files in the shared folder: nothing is decompressed before the signature is checked,
and every decompression is bounded by size and ratio (measured as peak RSS in a subprocess;
the reader of earlier versions peaked at 0.45–1.3 GB on these files)."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from cadre_desk.services.sync import pairing
from cadre_desk.services.sync.bundle import BundleError, export_bundle, import_bundles, read_batch
from tests.sync.conftest import PAIRING_KEY
from tests.sync.helpers import Replica

MakeReplica = Callable[..., Replica]
BOMB_BYTES = 200 * 1024 * 1024  # the old reader peaked above 450 MB on it
RSS_LIMIT_MB = 150

_MEASURE = """
import json, resource, sys
from pathlib import Path
from cadre_desk.services.sync.bundle import BundleError, read_batch
try:
    read_batch(Path(sys.argv[1]), bytes.fromhex(sys.argv[2]))
    outcome = "accepted"
except BundleError as exc:
    outcome = exc.user_message
try:  # this process's own peak (ru_maxrss on Linux also counts the forked parent's pages)
    status = Path("/proc/self/status").read_text()
    peak_mb = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"outcome": outcome, "peak_mb": peak_mb}))
"""


def _peak_rss_reading(path: Path) -> tuple[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path), PAIRING_KEY],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(done.stdout)
    return result["outcome"], result["peak_mb"]


def _write_bomb(path: Path, member: str, others: dict[str, bytes]) -> None:
    """A zip whose ``member`` inflates to BOMB_BYTES of spaces (written streaming: ~400 KB on disk)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in others.items():
            archive.writestr(name, data)
        with archive.open(member, "w", force_zip64=True) as handle:
            handle.write(b'{"app": "')
            chunk = b" " * (1024 * 1024)
            for _ in range(BOMB_BYTES // len(chunk)):
                handle.write(chunk)
            handle.write(b'"}')


@pytest.mark.slow
@pytest.mark.parametrize("member", ["manifest.json", "manifest.sig"])
def test_a_decompression_bomb_is_refused_with_little_memory(tmp_path: Path, member: str) -> None:
    bomb = tmp_path / "000001.cdsync"
    others = {"manifest.json": b"{}", "manifest.sig": b"0" * 64}
    others.pop(member)
    _write_bomb(bomb, member, others)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    outcome, peak_mb = _peak_rss_reading(bomb)
    assert outcome != "accepted"
    assert peak_mb < RSS_LIMIT_MB, f"peak RSS {peak_mb:.0f} MB reading a {bomb.stat().st_size} byte bomb"


@pytest.mark.slow
def test_a_signed_manifest_cannot_make_a_part_inflate_past_its_declared_size(tmp_path: Path) -> None:
    """Even with the pairing key, a part is read only up to the size the manifest declares."""
    key = bytes.fromhex(PAIRING_KEY)
    bomb = tmp_path / "000001.cdsync"
    manifest = {
        "app": "cadre_desk.sync.batch",
        "format": 1,
        "device": "f" * 32,
        "batch": 1,
        "vector": {},
        "counts": {},
        "parts": {"changes.jsonl": {"sha256": "0" * 64, "bytes": 1000}},
    }
    manifest_bytes = json.dumps(manifest).encode()
    _write_bomb(
        bomb,
        "changes.jsonl",
        {"manifest.json": manifest_bytes, "manifest.sig": pairing.sign(key, manifest_bytes).encode()},
    )
    outcome, peak_mb = _peak_rss_reading(bomb)
    assert outcome != "accepted"
    assert peak_mb < RSS_LIMIT_MB


@pytest.mark.slow
def test_a_zip_of_countless_tiny_entries_is_refused_before_it_is_listed(tmp_path: Path) -> None:
    """300,000 empty entries (~20 MB): listing them cost the old reader ~260 MB."""
    many = tmp_path / "000001.cdsync"
    local, central = bytearray(), bytearray()
    for n in range(300_000):
        name = f"{n:x}".encode()
        offset = len(local)
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0x21, 0, 0, 0, len(name), 0) + name
        central += (
            struct.pack(
                "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0x21, 0, 0, 0, len(name), 0, 0, 0, 0, 0, offset
            )
            + name
        )
    count = 300_000 & 0xFFFF  # the reader lists what the directory holds, whatever the count says
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(local), 0)
    many.write_bytes(bytes(local + central) + end)
    outcome, peak_mb = _peak_rss_reading(many)
    assert outcome != "accepted"
    assert peak_mb < RSS_LIMIT_MB


def test_the_manifest_is_stored_uncompressed_so_the_signature_covers_the_bytes_on_disk(
    make_replica: MakeReplica, tmp_path: Path
) -> None:
    a = make_replica("a")
    a.add_task("任务")
    [batch] = export_bundle(a.db, a.paths, a.secrets, tmp_path / "usb").files
    with zipfile.ZipFile(batch) as archive:
        info = archive.getinfo("manifest.json")
        assert info.compress_type == zipfile.ZIP_STORED
        assert archive.getinfo("manifest.sig").compress_type == zipfile.ZIP_STORED
        assert archive.getinfo("changes.jsonl").compress_type == zipfile.ZIP_DEFLATED


def test_batches_written_by_earlier_versions_still_import(make_replica: MakeReplica, tmp_path: Path) -> None:
    """Earlier versions deflated the manifest too: it is read bounded (≤ 1 MB) and accepted."""
    a, b = make_replica("a"), make_replica("b")
    a.add_task("任务")
    [batch] = export_bundle(a.db, a.paths, a.secrets, tmp_path / "usb").files
    with zipfile.ZipFile(batch) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    legacy = tmp_path / "legacy" / batch.name
    legacy.parent.mkdir()
    with zipfile.ZipFile(legacy, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert read_batch(legacy, bytes.fromhex(PAIRING_KEY)).manifest["device"] == a.db.device_id
    import_bundles(b.db, b.paths, b.secrets, legacy)
    assert b.snapshot() == a.snapshot()


def test_an_oversized_manifest_is_refused_without_being_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "000001.cdsync"
    with zipfile.ZipFile(big, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("manifest.json", b"{" + b" " * (2 * 1024 * 1024) + b"}")
        archive.writestr("manifest.sig", b"0" * 64)
    with pytest.raises(BundleError) as info:
        read_batch(big, bytes.fromhex(PAIRING_KEY))
    assert "清单过大" in info.value.user_message
