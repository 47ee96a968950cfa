"""``cadre-desk sync …``: bundles for USB sticks, the pairing key, the unit server."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cadre_desk.cli.profile import Access, note_changes, open_context
from cadre_desk.domain.changes import Changes

# The pairing key and the server address: the sync indicator of an open window shows them.
SYNC_SETTINGS = Changes(settings=True)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sync = subparsers.add_parser("sync", help="同步：U盘/共享文件夹同步文件、配对密钥、单位服务器")
    commands = sync.add_subparsers(dest="sync_command", metavar="COMMAND", required=True)

    export = commands.add_parser("export", help="把本机的新更改导出为同步文件")
    export.add_argument("--to", type=Path, required=True, help="U盘或共享文件夹")
    export.set_defaults(handler=run_export)

    imp = commands.add_parser("import", help="导入同步文件（或文件夹中其他设备的全部新文件）")
    imp.add_argument("path", type=Path, help="同步文件（.cdsync）或U盘/共享文件夹")
    imp.add_argument("--confirm-deletions", action="store_true", help="确认接受会删除大量数据的同步")
    imp.set_defaults(handler=run_import)

    key = commands.add_parser("key", help="配对密钥（保存在系统密钥环）")
    key_commands = key.add_subparsers(dest="key_command", metavar="ACTION", required=True)
    key_commands.add_parser("new", help="生成新的配对密钥（在第一台设备上）").set_defaults(
        handler=run_key_new
    )
    key_set = key_commands.add_parser("set", help="输入另一台设备的配对密钥")
    key_set.add_argument("key", help="64 位十六进制，可带连字符")
    key_set.set_defaults(handler=run_key_set)
    key_commands.add_parser("show", help="显示本机的配对密钥").set_defaults(handler=run_key_show)

    server = commands.add_parser(
        "server",
        help="设置单位同步服务器地址与令牌",
        description="令牌保存在系统密钥环中。不给令牌时沿用已保存的令牌；没有时在终端中提示输入（不回显）。",
    )
    server.add_argument("--url", required=True, help="例如 http://10.1.2.3:8765")
    source = server.add_mutually_exclusive_group()
    source.add_argument("--token-stdin", action="store_true", help="从标准输入读取令牌（第一行）")
    source.add_argument("--token-file", type=Path, help="从文件读取令牌（读后可删除该文件）")
    source.add_argument(
        "--token", help="直接给出令牌（会留在命令历史和进程列表中，建议改用 --token-stdin 或 --token-file）"
    )
    server.set_defaults(handler=run_server_setup)

    now = commands.add_parser("now", help="立即与单位服务器同步")
    now.add_argument("--confirm-deletions", action="store_true", help="确认接受会删除大量数据的同步")
    now.set_defaults(handler=run_now)

    commands.add_parser("status", help="显示同步状态").set_defaults(handler=run_status)


def run_export(args: argparse.Namespace) -> int:
    from cadre_desk.services.sync.bundle import export_bundle

    ctx = open_context(args, Access.EXCLUSIVE)
    try:
        report = export_bundle(ctx.db, ctx.paths, ctx.secrets, args.to)
    finally:
        ctx.close()
    print(report.summary())
    for file in report.files:
        print(f"  {file}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from cadre_desk.services.sync.bundle import import_bundles

    ctx = open_context(args, Access.EXCLUSIVE)
    try:
        report = import_bundles(
            ctx.db, ctx.paths, ctx.secrets, args.path, allow_mass_delete=args.confirm_deletions
        )
    finally:
        ctx.close()
    print(report.summary())
    return 0


def run_key_new(args: argparse.Namespace) -> int:
    from cadre_desk.services.sync import pairing

    ctx = open_context(args, Access.WRITE)
    note_changes(args, SYNC_SETTINGS)
    try:
        key = pairing.new_key(ctx.secrets)
    finally:
        ctx.close()
    print("已生成新的配对密钥，请在其他设备上运行：")
    print(f"  cadre-desk sync key set {pairing.format_key(key)}")
    print("注意：以前用旧密钥导出的同步文件将无法再导入。")
    return 0


def run_key_set(args: argparse.Namespace) -> int:
    from cadre_desk.services.sync import pairing

    ctx = open_context(args, Access.WRITE)
    note_changes(args, SYNC_SETTINGS)
    try:
        key = pairing.set_key(ctx.secrets, args.key)
    finally:
        ctx.close()
    print(f"已保存配对密钥（指纹 {pairing.key_id(bytes.fromhex(key))}）。")
    return 0


def run_key_show(args: argparse.Namespace) -> int:
    from cadre_desk.services.sync import pairing

    ctx = open_context(args, Access.READ)
    try:
        key = pairing.get_key(ctx.secrets)
    finally:
        ctx.close()
    if not key:
        print("本机还没有配对密钥：请运行 cadre-desk sync key new 或 cadre-desk sync key set。")
        return 1
    print(pairing.format_key(key))
    return 0


def run_server_setup(args: argparse.Namespace) -> int:
    from cadre_desk.services.sync.server_client import configure_server, server_config

    ctx = open_context(args, Access.WRITE)
    note_changes(args, SYNC_SETTINGS)
    try:
        token = _token_from_args(args)
        note = ""
        if token is None:
            saved = server_config(ctx.secrets)
            if saved:
                token, note = saved[1], "（沿用密钥环中已保存的令牌）"
            else:
                token = _prompt_token()
        configure_server(ctx.secrets, args.url, token)
    finally:
        ctx.close()
    print(f"已设置同步服务器：{args.url}{note}")
    return 0


def _token_from_args(args: argparse.Namespace) -> str | None:
    """The token from stdin, a file or argv (in that order of preference); None when not given."""
    from cadre_desk.services.sync.server_client import ServerSyncError

    if args.token_stdin:
        return sys.stdin.readline().strip()
    if args.token_file is not None:
        try:
            lines = args.token_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ServerSyncError(
                f"无法读取令牌文件 {args.token_file}（{type(exc).__name__}）。", "请检查文件路径和权限。"
            ) from exc
        return lines[0].strip() if lines else ""
    token: str | None = args.token
    return token


def _prompt_token() -> str:
    import getpass

    from cadre_desk.services.sync.server_client import ServerSyncError

    if not sys.stdin.isatty():
        raise ServerSyncError(
            "没有给出令牌，本机也还没有保存过令牌。",
            "请用 --token-stdin（例如 cadre-desk sync server --url … --token-stdin < 令牌文件）"
            "或 --token-file 给出令牌。",
        )
    return getpass.getpass("令牌（输入时不显示）：")


def run_now(args: argparse.Namespace) -> int:
    from cadre_desk.services.sync.server_client import configured_client

    ctx = open_context(args, Access.EXCLUSIVE)
    try:
        client = configured_client(ctx.db, ctx.secrets)
        with client:
            report = client.sync(allow_mass_delete=args.confirm_deletions)
        from cadre_desk.services import unit_report

        report.unit_note = unit_report.after_sync(ctx.db, ctx.paths, ctx.secrets, ctx.settings)
    finally:
        ctx.close()
    print(report.summary())
    return 0


def run_status(args: argparse.Namespace) -> int:
    from cadre_desk.services.sync.status import sync_status

    ctx = open_context(args, Access.READ)
    try:
        status = sync_status(ctx.db, ctx.secrets)
    finally:
        ctx.close()
    for line in status.lines():
        print(line)
    return 0
