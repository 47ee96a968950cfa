"""Core subcommands: ``doctor`` (health, restore) and ``backup``."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from cadre_desk.platform.paths import DataPaths, default_data_dir
from cadre_desk.services.backups import BackupService


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    doctor = subparsers.add_parser("doctor", help="检查数据文件夹与数据库；可从备份恢复")
    doctor.add_argument("--restore-latest", action="store_true", help="用最近一次完好的备份替换当前数据库")
    doctor.add_argument(
        "--full", action="store_true", help="完整校验（PRAGMA integrity_check，较慢），并列出各表占用的空间"
    )
    doctor.add_argument(
        "--compact", action="store_true", help="先备份，再重写数据库以收回已删除数据占用的空间（需关闭程序）"
    )
    doctor.set_defaults(handler=run_doctor)
    backup = subparsers.add_parser("backup", help="立即备份数据库")
    backup.add_argument("--to", type=Path, default=None, help="备份文件路径（默认在数据文件夹的 backups/）")
    backup.set_defaults(handler=run_backup)


def _paths(args: argparse.Namespace) -> DataPaths:
    return DataPaths(args.data_dir or default_data_dir()).ensure()


def run_doctor(args: argparse.Namespace) -> int:
    from cadre_desk.cli.profile import Access, exclusive_lock, profile

    paths = _paths(args)
    service = BackupService(paths)
    print(f"数据文件夹：{paths.root}")
    print(f"数据库：{paths.database}（{_size(paths.database)}）")
    backups = service.backups()
    usage = service.usage()
    print(
        f"备份：{usage.count} 个（其中 {usage.compressed} 个已压缩），共占 {usage.bytes / 1e6:.1f} MB"
        + (f"，最新 {backups[0].name}" if backups else "")
    )
    if args.restore_latest:
        backup = service.latest_good()
        if backup is None:
            print("没有找到完好的备份，未做任何改动。")
            return 1
        with exclusive_lock(args):  # never replace the file under a running window
            kept = service.restore(backup)
        print(f"已从 {backup.name} 恢复；原数据库保留为 {kept.name}")
    if args.full and paths.database.exists():
        ok = service.database_ok()
        print("完整校验：" + ("通过" if ok else "失败（请使用 --restore-latest 从备份恢复）"))
        if not ok:
            return 1
        _print_space(service)
    if args.compact and paths.database.exists():
        with exclusive_lock(args):  # rewriting the file needs the window closed
            before, after = service.compact(datetime.now().strftime("%Y%m%d-%H%M%S"))
        print(f"已整理数据库：{before / 1e6:.1f} MB → {after / 1e6:.1f} MB（整理前已备份）")
    with profile(args, Access.READ) as ctx:
        from cadre_desk.storage import migrate

        with ctx.db.engine.connect() as conn:
            print(f"结构版本：{migrate.current_revision(conn)}（最新 {migrate.head_revision()}）")
            counts = {
                table: conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
                for table in ("sources", "items", "tasks", "operation_logs", "change_log")
            }
        print("记录数：" + "，".join(f"{k} {v}" for k, v in counts.items()))
        print(f"设备编号：{ctx.db.device_id}")
        print(f"密钥存储：{ctx.secrets.description}")
    print("检查完成。")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    paths = _paths(args)
    if not paths.database.exists():
        print("还没有数据库，无需备份。")
        return 1
    written = BackupService(paths).backup_now(args.to, datetime.now().strftime("%Y%m%d-%H%M%S"))
    print(f"已备份到 {written}（{_size(written)}）")
    return 0


def _print_space(service: BackupService) -> None:
    """Bytes per table and index (and per item), so a large profile's growth can be seen."""
    report = service.space()
    items = report.items
    per_item = f"，每条约 {report.total / items:.0f} 字节" if items else ""
    print(f"空间占用：共 {report.total / 1e6:.1f} MB（{items} 条{per_item}）")
    for size in report.tables[:12]:
        share = f"{size.bytes / items:8.0f} 字节/条" if items else ""
        print(f"  {size.name:<36} {size.bytes / 1e6:9.1f} MB {share}")
    if report.free_bytes:
        print(
            f"  空闲页 {report.free_bytes / 1e6:.1f} MB："
            + (
                "会在每日维护时逐步归还磁盘"
                if report.returns_free_pages
                else "运行 cadre-desk doctor --compact 可收回"
            )
        )


def _size(path: Path) -> str:
    if not path.exists():
        return "不存在"
    return f"{path.stat().st_size / 1e6:.1f} MB"
