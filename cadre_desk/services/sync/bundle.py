"""Sync bundles: signed zip batches on a USB stick or a shared folder.

Layout (one folder per device, numbered immutable batches — no shared state file to race on)::

    DIR/cadre-sync/<device id>/000001.cdsync
                              /000002.cdsync

A batch is a zip holding ``manifest.json`` (format version, device, batch number, version
vector, counts, sha256 and size of every part; stored uncompressed, so the signature is
checked over the bytes in the file before anything is inflated), ``manifest.sig``
(HMAC-SHA256 of the manifest under the pairing key), ``changes.jsonl`` (≤ ~1 MB of change
records) and the attachment files it references (``attachments/<sha256>``,
content-addressed). Earlier versions deflated the manifest too: such batches are still read,
with the manifest inflated to at most 1 MB before its signature is checked. A new batch
holds what changed since the device's previous batch in that folder. Batches are written to
a temporary name and renamed, so a stick pulled out mid-write leaves no half file under a
batch name.

Import verifies everything — zip integrity, signature, format version, every part's hash,
every record's shape — of every batch found before it changes anything, decides the
mass-deletion fail-safe over all of them, then applies each batch in one transaction (a
foreign-key break rolls it back). Importing a batch twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection, insert, select, update

from cadre_desk.domain.changes import Changes
from cadre_desk.domain.errors import CadreError
from cadre_desk.platform.paths import DataPaths
from cadre_desk.platform.secrets import SecretStore
from cadre_desk.services.sync import pairing
from cadre_desk.services.sync.apply import ApplyResult, apply_records
from cadre_desk.services.sync.failsafe import DeletionTally
from cadre_desk.services.sync.pages import export_pages
from cadre_desk.services.sync.records import (
    PAGE_BYTES,
    SyncFormatError,
    decode,
    knowledge_vector,
    max_seq,
)
from cadre_desk.storage.database import Database
from cadre_desk.storage.models import Device, SyncPeer

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
APP_TAG = "cadre_desk.sync.batch"
ROOT_FOLDER = "cadre-sync"
SUFFIX = ".cdsync"
MAX_BUNDLE_BYTES = 512 * 1024 * 1024
# Bounds on what is read before the signature is checked, and on every inflation.
MANIFEST_MAX_BYTES = 1024 * 1024  # a manifest lists parts: a few hundred KB at most
SIGNATURE_MAX_BYTES = 256
MAX_ENTRIES = 50_000
MAX_DIRECTORY_BYTES = 4 * 1024 * 1024
MAX_RATIO = 1_100  # deflate cannot exceed ~1,032:1; more means the headers lie
_RATIO_FLOOR = 64 * 1024
_CHUNK = 64 * 1024
_EOCD = struct.Struct("<4s4H2LH")
_EOCD_SEARCH = _EOCD.size + 65_535  # the end record sits within the last 64 KB (its comment)
# Stored, not deflated: the signature is checked over the bytes as they lie in the file.
STORED_MEMBERS = frozenset({"manifest.json", "manifest.sig"})
_BATCH_RE = re.compile(r"^(\d{6})\.cdsync$")
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


class BundleError(CadreError):
    """A bundle cannot be used; nothing was changed."""

    next_step = "请在原设备上重新导出同步文件，再拷贝一次后导入；本机数据没有被改动。"


class BundleFromNewerVersionError(BundleError):
    next_step = "请先把本机的 cadre_desk 升级到最新版本再导入；本机数据没有被改动。"


class BundleKeyMismatchError(BundleError):
    next_step = "两台设备的配对密钥不同：请在本机用 cadre-desk sync key set 输入对方设备的配对密钥。"


@dataclass
class ExportReport:
    files: list[Path] = field(default_factory=list)
    records: int = 0
    attachments: int = 0

    def summary(self) -> str:
        if not self.files:
            return "没有新的更改需要导出。"
        return f"已导出 {self.records} 条更改、{self.attachments} 个附件，共 {len(self.files)} 个同步文件。"


@dataclass
class ImportReport:
    files: list[Path] = field(default_factory=list)
    result: ApplyResult = field(default_factory=ApplyResult)
    skipped: int = 0

    @property
    def changes(self) -> Changes:
        return self.result.changes

    def summary(self) -> str:
        if not self.files:
            return "没有找到需要导入的新同步文件。"
        if not self.result.changed:
            return f"已核对 {len(self.files)} 个同步文件：没有新的更改（已导入过）。"
        return f"已导入 {len(self.files)} 个同步文件：{self.result.summary()}。"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def attachment_path(paths: DataPaths, sha256: str) -> Path:
    return paths.attachments / sha256[:2] / sha256


def device_folder(root: Path, device_id: str) -> Path:
    return root / ROOT_FOLDER / device_id


def _batches(folder: Path) -> list[tuple[int, Path]]:
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        match = _BATCH_RE.match(entry.name)
        if match and entry.is_file():
            found.append((int(match.group(1)), entry))
    return sorted(found)


def _write_atomically(target: Path, parts: dict[str, bytes]) -> None:
    partial = target.with_name(f".{target.name}.partial")
    with partial.open("wb") as handle:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for name, data in parts.items():
                archive.writestr(
                    name, data, compress_type=zipfile.ZIP_STORED if name in STORED_MEMBERS else None
                )
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, target)
    try:
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


# --------------------------------------------------------------------------- reading a batch


@dataclass
class VerifiedBatch:
    path: Path
    manifest: dict[str, Any]
    records: list[Any]
    attachments: dict[str, bytes]
    signature: str


def _check_directory(handle: BinaryIO, size: int, path: Path) -> None:
    """Refuse, before ``zipfile`` lists it, a central directory too big for a batch.

    ``zipfile`` builds an object per entry of the whole directory when it opens a file: 20 MB
    of empty entries cost ~260 MB. A batch holds a manifest, its signature, its changes and
    at most a few thousand attachments; ZIP64 (only for archives far larger) is refused too.
    """
    damaged = BundleError(f"同步文件不完整或已损坏（可能在拷贝时被中断）：{path.name}")
    tail_size = min(size, _EOCD_SEARCH)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < _EOCD.size:
        raise damaged
    *_, entries, directory_bytes, _offset, _comment = _EOCD.unpack_from(tail, at)
    if at >= 20 and tail[at - 20 : at - 16] == b"PK\x06\x07":  # a ZIP64 locator
        raise BundleError(f"{path.name} 不是 cadre_desk 的同步文件（ZIP64 格式）。")
    if entries > MAX_ENTRIES or directory_bytes > MAX_DIRECTORY_BYTES:
        raise BundleError(f"{path.name} 含有的文件过多，不像是 cadre_desk 的同步文件，未导入。")
    handle.seek(0)


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: Path) -> bytes:
    """One member, decompressed in chunks: refused as soon as it passes ``limit`` bytes or
    inflates more than ``MAX_RATIO`` times its compressed size (what the headers claim is
    not trusted: the output is counted)."""
    too_big = BundleError(f"同步文件 {path.name} 中的 {info.filename[:60]} 过大或压缩比异常，未导入。")
    if info.file_size > limit:
        raise too_big
    ceiling = min(limit, max(_RATIO_FLOOR, MAX_RATIO * info.compress_size))
    out = bytearray()
    with archive.open(info) as member:
        while chunk := member.read(_CHUNK):
            out += chunk
            if len(out) > ceiling:
                raise too_big
    return bytes(out)


def read_batch(path: Path, key: bytes) -> VerifiedBatch:
    """Open and verify one batch completely; raises ``BundleError`` on any defect.

    Nothing unauthenticated is inflated beyond a small bound: the manifest is stored
    uncompressed and its signature checked over the bytes read (≤ 1 MB; batches of earlier
    versions deflated it, and are read with the same bound), and every part is inflated only
    up to the size the signed manifest declares.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BundleError(f"无法读取同步文件：{path}") from exc
    if size > MAX_BUNDLE_BYTES:
        raise BundleError(f"同步文件过大（{size // 1_048_576} MB），不像是 cadre_desk 的同步文件。")
    damaged = f"同步文件不完整或已损坏（可能在拷贝时被中断）：{path.name}"
    try:
        with path.open("rb") as handle:
            _check_directory(handle, size, path)
            with zipfile.ZipFile(handle) as archive:
                infos = archive.infolist()
                members = {info.filename: info for info in infos}
                if len(members) != len(infos) or not {"manifest.json", "manifest.sig"} <= members.keys():
                    raise BundleError(damaged)
                if members["manifest.json"].file_size > MANIFEST_MAX_BYTES:
                    raise BundleError(f"{path.name} 的清单过大，不像是 cadre_desk 的同步文件，未导入。")
                manifest_bytes = _read_member(archive, members["manifest.json"], MANIFEST_MAX_BYTES, path)
                signature = _read_member(archive, members["manifest.sig"], SIGNATURE_MAX_BYTES, path).decode(
                    "ascii", "replace"
                )
                if not pairing.verify(key, manifest_bytes, signature):
                    _refuse_signature(manifest_bytes, key, path)
                manifest = json.loads(manifest_bytes)
                _check_manifest(manifest, path)
                parts: dict[str, Any] = manifest["parts"]
                if members.keys() != {"manifest.json", "manifest.sig", *parts}:
                    raise BundleError(f"同步文件的内容与清单不符：{path.name}")
                contents: dict[str, bytes] = {}
                for name, meta in parts.items():
                    declared = meta.get("bytes")
                    if not isinstance(declared, int) or not 0 <= declared <= MAX_BUNDLE_BYTES:
                        raise BundleError(f"同步文件中的 {name} 校验失败（文件已损坏）：{path.name}")
                    data = _read_member(archive, members[name], declared, path)
                    if len(data) != declared or _sha256(data) != meta.get("sha256"):
                        raise BundleError(f"同步文件中的 {name} 校验失败（文件已损坏）：{path.name}")
                    contents[name] = data
    except BundleError:
        raise
    except (
        zipfile.BadZipFile,
        NotImplementedError,
        zlib.error,
        EOFError,
        OSError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        RecursionError,
    ) as exc:
        raise BundleError(damaged) from exc
    try:
        records = [json.loads(line) for line in contents.get("changes.jsonl", b"").splitlines() if line]
    except (ValueError, RecursionError) as exc:
        raise BundleError(f"同步文件中的更改记录无法解析：{path.name}") from exc
    if len(records) != sum(manifest["counts"].values()):
        raise BundleError(f"同步文件中的记录数与清单不符：{path.name}")
    attachments = {}
    for name, data in contents.items():
        if name.startswith("attachments/"):
            sha = name.removeprefix("attachments/")
            if not _SHA_RE.match(sha) or _sha256(data) != sha:
                raise BundleError(f"同步文件中的附件校验失败：{path.name}")
            attachments[sha] = data
    return VerifiedBatch(path, manifest, records, attachments, signature.strip())


def _refuse_signature(manifest_bytes: bytes, key: bytes, path: Path) -> None:
    try:
        claimed = json.loads(manifest_bytes).get("key_id")
    except (ValueError, AttributeError):
        claimed = None
    if claimed and claimed != pairing.key_id(key):
        raise BundleKeyMismatchError(f"同步文件 {path.name} 来自使用另一把配对密钥的设备，未导入。")
    raise BundleError(f"同步文件 {path.name} 的签名不符：文件被改动过或已损坏，未导入。")


def _check_manifest(manifest: Any, path: Path) -> None:
    if not isinstance(manifest, dict) or manifest.get("app") != APP_TAG:
        raise BundleError(f"{path.name} 不是 cadre_desk 的同步文件。")
    version = manifest.get("format")
    if not isinstance(version, int):
        raise BundleError(f"{path.name} 的格式版本无效。")
    if version > FORMAT_VERSION:
        raise BundleFromNewerVersionError(
            f"{path.name} 由更新版本的 cadre_desk 生成（格式 {version}，本机支持 {FORMAT_VERSION}）。"
        )
    for name, kind in (("device", str), ("batch", int), ("parts", dict), ("counts", dict), ("vector", dict)):
        if not isinstance(manifest.get(name), kind):
            raise BundleError(f"{path.name} 的清单缺少 {name}。")


# --------------------------------------------------------------------------- export


def _device_name(conn: Connection) -> str:
    return str(conn.execute(select(Device.name)).scalar() or "")


def _export_base(folder: Path, key: bytes, device_id: str, local_max: int) -> tuple[int, int]:
    """(next batch number, seq the previous batch in this folder ended at)."""
    batches = _batches(folder)
    if not batches:
        return 1, 0
    number, last = batches[-1]
    try:
        manifest = read_batch(last, key).manifest
    except BundleError:
        log.warning("previous batch %s unreadable: exporting everything again", last)
        return number + 1, 0
    base = int(manifest.get("last_seq", 0))
    if manifest.get("device") != device_id or base > local_max:  # restored database: start over
        return number + 1, 0
    return number + 1, base


def export_bundle(
    db: Database, paths: DataPaths, secrets: SecretStore, root: Path, *, max_bytes: int = PAGE_BYTES
) -> ExportReport:
    """Write what changed since this device's previous batch in ``root`` as new batches."""
    key = pairing.require_key(secrets)
    folder = device_folder(root, db.device_id)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BundleError(
            f"无法写入同步文件夹：{folder}（{exc.strerror or exc}）", "请检查U盘是否插好、是否只读。"
        ) from exc
    report = ExportReport()
    with db.engine.connect() as conn:
        local_max = max_seq(conn)
        number, base = _export_base(folder, key, db.device_id, local_max)
        if base >= local_max:
            return report
        vector = knowledge_vector(conn, local_max)
        device_name = _device_name(conn)
        for page in export_pages(conn, base, local_max, max_bytes):
            parts: dict[str, bytes] = {"changes.jsonl": b"\n".join(page.lines) + b"\n"}
            for sha in dict.fromkeys(page.attachments):
                file = attachment_path(paths, sha)
                if file.is_file():
                    parts[f"attachments/{sha}"] = file.read_bytes()
            manifest = {
                "app": APP_TAG,
                "format": FORMAT_VERSION,
                "device": db.device_id,
                "device_name": device_name,
                "batch": number,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "base_seq": page.first_seq,
                "last_seq": page.last_seq,
                "vector": vector,
                "key_id": pairing.key_id(key),
                "counts": dict(page.counts),
                "parts": {
                    name: {"sha256": _sha256(data), "bytes": len(data)} for name, data in parts.items()
                },
            }
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            target = folder / f"{number:06d}{SUFFIX}"
            try:
                _write_atomically(
                    target,
                    {
                        "manifest.json": manifest_bytes,
                        "manifest.sig": pairing.sign(key, manifest_bytes).encode(),
                        **parts,
                    },
                )
            except OSError as exc:
                raise BundleError(
                    f"写入同步文件失败：{target}（{exc.strerror or exc}）",
                    "请检查U盘空间后重新导出；已写好的批次仍然有效。",
                ) from exc
            report.files.append(target)
            report.records += len(page.lines)
            report.attachments += len(parts) - 1
            number += 1
    return report


# --------------------------------------------------------------------------- import


def _store_attachments(paths: DataPaths, attachments: dict[str, bytes]) -> None:
    for sha, data in attachments.items():
        target = attachment_path(paths, sha)
        if target.exists():
            continue  # content-addressed: the same bytes are already here
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{sha}.partial")
        partial.write_bytes(data)
        os.replace(partial, target)


def _remember(conn: Connection, batch: VerifiedBatch) -> None:
    manifest = batch.manifest
    peer_id = f"bundle:{manifest['device']}"
    row = conn.execute(select(SyncPeer.vector).where(SyncPeer.peer_id == peer_id)).first()
    known: dict[str, Any] = dict(row[0]) if row else {}
    vector = dict(known.get("vector", {}))
    for device, hlc in manifest["vector"].items():
        vector[device] = max(int(vector.get(device, 0)), int(hlc))
    state = {"vector": vector, "batch": max(int(known.get("batch", 0)), int(manifest["batch"]))}
    now = datetime.now(UTC)
    if row is None:
        conn.execute(insert(SyncPeer).values(peer_id=peer_id, kind="bundle", vector=state, last_sync_at=now))
    else:
        conn.execute(
            update(SyncPeer)
            .where(SyncPeer.peer_id == peer_id)
            .values(vector=state, last_sync_at=now, last_error=None)
        )


def _apply_batch(db: Database, paths: DataPaths, batch: VerifiedBatch) -> ApplyResult:
    """Apply one verified batch in one transaction (the fail-safe was decided by the caller)."""
    try:
        result = apply_records(
            db,
            batch.records,
            allow_mass_delete=True,
            after_apply=lambda conn, _result: _remember(conn, batch),
        )
    except SyncFormatError as exc:
        raise BundleError(f"{batch.path.name}：{exc.user_message}") from exc
    _store_attachments(paths, batch.attachments)
    return result


def _tally(db: Database, batch: VerifiedBatch, tally: DeletionTally) -> None:
    if batch.manifest["device"] == db.device_id:
        raise BundleError(
            f"{batch.path.name} 是本机自己导出的同步文件，无需导入。", "请在另一台设备上导入它。"
        )
    try:
        for record in batch.records:
            tally.add(decode(record))
    except SyncFormatError as exc:
        raise BundleError(f"{batch.path.name}：{exc.user_message}") from exc


def pending_batches(db: Database, root: Path) -> Iterator[Path]:
    """Batches of other devices under ``root`` not imported yet, in order."""
    base = root / ROOT_FOLDER if (root / ROOT_FOLDER).is_dir() else root
    with db.engine.connect() as conn:
        done = {
            peer_id.removeprefix("bundle:"): int((vector or {}).get("batch", 0))
            for peer_id, vector in conn.execute(select(SyncPeer.peer_id, SyncPeer.vector))
            if peer_id.startswith("bundle:")
        }
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and p.name != db.device_id):
        for number, path in _batches(folder):
            if number > done.get(folder.name, 0):
                yield path


def import_bundles(
    db: Database, paths: DataPaths, secrets: SecretStore, target: Path, *, allow_mass_delete: bool = False
) -> ImportReport:
    """Import one batch file, or every new batch of other devices under a folder.

    Two passes: first every batch is verified and what it deletes is tallied (the records are
    dropped again, so memory stays one batch), and the mass-deletion fail-safe is decided over
    the whole import; only then are the batches applied, each in its own transaction (an
    interrupted import keeps a consistent prefix and resumes at the next batch).
    """
    report = ImportReport()
    files = [target] if target.is_file() else list(pending_batches(db, target)) if target.is_dir() else None
    if files is None:
        raise BundleError(f"找不到同步文件或文件夹：{target}", "请检查路径，或先插好U盘。")
    key = pairing.require_key(secrets)
    tally = DeletionTally()
    signatures: list[str] = []
    for path in files:
        batch = read_batch(path, key)
        _tally(db, batch, tally)
        signatures.append(batch.signature)
    if not allow_mass_delete and files:
        with db.engine.connect() as conn:
            tally.refuse_mass_deletion(conn)
    for path, signature in zip(files, signatures, strict=True):
        batch = read_batch(path, key)
        if batch.signature != signature:  # the signature covers every part: same bytes as checked
            raise BundleError(f"同步文件 {path.name} 在导入过程中被改动，已停止。", "请等拷贝完成后再导入。")
        result = _apply_batch(db, paths, batch)
        report.files.append(path)
        report.result.received += result.received
        report.result.inserted.update(result.inserted)
        report.result.updated.update(result.updated)
        report.result.deleted += result.deleted
        report.result.unchanged += result.unchanged
    return report
