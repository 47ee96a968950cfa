"""``cadre-desk-server``: run the unit sync server and administer users and tokens.

    cadre-desk-server [--db URL] serve [--host 0.0.0.0] [--port 8765]
    cadre-desk-server [--db URL] user add NAME [--coordinator] | user list | user coordinator NAME [--off]
    cadre-desk-server [--db URL] token issue NAME [--label TEXT] | token revoke NAME
    cadre-desk-server [--db URL] doctor [--repair] [--user NAME]
    cadre-desk-server [--db URL] demo-unit [--cadres 40]     (the unit's view filled with simulated cadres)

``--db`` takes an SQLAlchemy URL: an SQLite file by default, ``postgresql://user@host/db`` for
a unit (env ``CADRE_DESK_SERVER_DB`` works too).
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

import platformdirs

from cadre_desk.domain.errors import CadreError


def default_db_url() -> str:
    override = os.environ.get("CADRE_DESK_SERVER_DB")
    if override:
        return override
    return f"sqlite:///{Path(platformdirs.user_data_dir('cadre_desk_server', 'cadre_desk')) / 'server.db'}"


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: easy to ship to any log collector."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        try:
            payload = json.loads(message) if message.startswith("{") else {"message": message}
        except ValueError:
            payload = {"message": message}
        entry = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
        }
        entry.update(payload)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLogFormatter())
    root = logging.getLogger("cadre_desk")
    root.handlers[:] = [handler]
    root.setLevel(level)
    root.propagate = False


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cadre-desk-server", description="cadre_desk 单位同步服务器")
    parser.add_argument(
        "--db", default=None, help="数据库 URL（默认本机 SQLite 文件；单位可用 postgresql://…）"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    serve = commands.add_parser("serve", help="启动同步服务器")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（单位内网使用 0.0.0.0）")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--max-body-kb", type=int, default=4096, help="单个请求的大小上限")
    serve.add_argument("--access-log", action="store_true", help="记录每个请求（JSON 行）")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="服务进程数（共用同一端口；多核或与其他程序共用的机器上可降低高并发时的延迟；仅 Linux/Unix）",
    )
    serve.add_argument(
        "--max-staged-pages",
        type=int,
        default=2000,
        help="每个用户未完成上传的暂存页数上限（每页约 1 MB；过期的未完成上传 24 小时后自动清理）",
    )
    serve.add_argument(
        "--min-reporters",
        type=int,
        default=3,
        help="单位减负统计看板只显示至少这么多位干部共同报送的数字（k 匿名，最少 2）",
    )
    serve.add_argument(
        "--unit-publish-minutes",
        type=int,
        default=60,
        help="单位减负统计按批次发布：每隔这么多分钟（整点对齐），且至少 k 位干部有新报送时才更新看板",
    )

    demo = commands.add_parser("demo-unit", help="用模拟的干部报送填充单位减负统计（演示用）")
    demo.add_argument("--cadres", type=int, default=40, help="模拟的干部人数")
    demo.add_argument("--coordinator", default="协调员", help="同时建立的协调员用户名（并发放令牌）")

    user = commands.add_parser("user", help="管理用户")
    user_commands = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_commands.add_parser("add", help="新建用户")
    add.add_argument("name")
    add.add_argument("--coordinator", action="store_true", help="协调员：可以查看单位减负统计看板")
    user_commands.add_parser("list", help="列出用户")
    role = user_commands.add_parser("coordinator", help="授予（或用 --off 取消）协调员身份")
    role.add_argument("name")
    role.add_argument("--off", action="store_true", help="取消协调员身份")

    token = commands.add_parser("token", help="发放或吊销令牌")
    token_commands = token.add_subparsers(dest="token_command", metavar="ACTION", required=True)
    issue = token_commands.add_parser("issue", help="为用户发放新令牌（只显示一次）")
    issue.add_argument("name")
    issue.add_argument("--label", default="", help="备注，例如设备名")
    revoke = token_commands.add_parser("revoke", help="吊销用户的全部令牌")
    revoke.add_argument("name")

    doctor = commands.add_parser("doctor", help="检查服务器上的记录（时间戳异常等），可修复")
    doctor.add_argument(
        "--repair", action="store_true", help="修复或隔离有问题的记录（原记录保存在 srv_quarantine 表中）"
    )
    doctor.add_argument("--user", help="只检查这个用户（默认检查全部用户）")
    return parser


SERVER_EXTRA_HINT = (
    "下一步：安装服务器组件：pip install 'cadre-desk[server]'"
    "（源代码目录中：.venv/bin/pip install -e '.[server]'）"
)


def missing_server_modules(command: str, db_url: str) -> list[str]:
    """The server stack is an extra (``server``): name what this command lacks, if anything."""
    import importlib.util

    wanted = (["fastapi", "uvicorn"] if command == "serve" else []) + (
        ["psycopg"] if db_url.startswith("postgresql") else []
    )
    missing = []
    for name in wanted:
        try:
            found = importlib.util.find_spec(name) is not None
        except ValueError:  # blocked in sys.modules
            found = False
        if not found:
            missing.append(name)
    return missing


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    missing = missing_server_modules(args.command, args.db or default_db_url())
    if missing:
        print(f"错误：本机没有安装单位服务器所需的组件（{'、'.join(missing)}）。", file=sys.stderr)
        print(SERVER_EXTRA_HINT, file=sys.stderr)
        return 2
    from cadre_desk.server.store import ServerStore

    try:
        store = ServerStore(args.db or default_db_url())
    except Exception as exc:  # unreachable PostgreSQL, unwritable folder…
        print(f"错误：无法打开服务器数据库（{type(exc).__name__}：{exc}）", file=sys.stderr)
        return 2
    try:
        if args.command == "serve":
            return _serve(store, args)
        if args.command == "doctor":
            return _doctor(store, args.repair, args.user)
        if args.command == "demo-unit":
            from cadre_desk.server.unit.demo import run_demo_unit

            return run_demo_unit(store, args.cadres, args.coordinator)
        if args.command == "user" and args.user_command == "add":
            store.add_user(args.name)
            if args.coordinator:
                _unit(store).set_coordinator(args.name)
            role = "（协调员）" if args.coordinator else ""
            print(f"已新建用户 {args.name}{role}。发放令牌：cadre-desk-server token issue {args.name}")
        elif args.command == "user" and args.user_command == "coordinator":
            _unit(store).set_coordinator(args.name, not args.off)
            print(f"已{'取消' if args.off else '授予'} {args.name} 的协调员身份。")
        elif args.command == "user":
            for name, rows, tokens in store.users():
                print(f"{name}\t{rows} 条记录\t{tokens} 个有效令牌")
        elif args.token_command == "issue":
            token = store.issue_token(args.name, args.label)
            print("新令牌（只显示这一次，请交给用户在同步设置中填写）：")
            print(token)
        else:
            count = store.revoke_tokens(args.name)
            print(f"已吊销 {args.name} 的 {count} 个令牌。")
        return 0
    except CadreError as exc:
        print(f"错误：{exc.user_message}", file=sys.stderr)
        if exc.next_step:
            print(f"下一步：{exc.next_step}", file=sys.stderr)
        return 2
    finally:
        store.close()


def _unit(store: object):  # type: ignore[no-untyped-def]
    from cadre_desk.server.store import ServerStore
    from cadre_desk.server.unit.store import UnitStore

    assert isinstance(store, ServerStore)
    return UnitStore(store.engine)


def _doctor(store: object, repair: bool, user: str | None) -> int:
    from cadre_desk.server.doctor import examine
    from cadre_desk.server.store import ServerStore

    assert isinstance(store, ServerStore)
    report = examine(store, repair=repair, user=user)
    print(f"已检查 {report.users} 个用户的 {report.checked} 条记录。")
    if report.healthy:
        print("没有发现问题。")
        return 0
    print(f"发现 {len(report.problems)} 条客户端无法同步的记录：")
    for problem in report.problems[:50]:
        fix = "可修复：时间戳重置为现在" if problem.repaired_record is not None else "无法修复：将移出同步"
        print(f"  用户 {problem.user}  {problem.entity} {problem.row_id}  {problem.reason}（{fix}）")
    if len(report.problems) > 50:
        print(f"  ……另有 {len(report.problems) - 50} 条")
    if not repair:
        print("下一步：运行 cadre-desk-server doctor --repair 修复（原记录会先保存到 srv_quarantine 表）。")
        return 1
    print(
        f"已修复 {report.repaired} 条，移出同步 {report.removed} 条（原记录保存在 srv_quarantine 表中）；"
        f"清理了 {report.abandoned_pages} 个过期的未完成上传页。"
    )
    if report.skipped:
        print(f"另有 {report.skipped} 条在检查期间被同步更新，请再运行一次 doctor。")
    print("下一步：请用户在各设备上重新同步（cadre-desk sync now）。")
    return 0


def settle_heap() -> None:
    """Leave the objects of start-up (modules, the app: ~150,000) out of the garbage collector's
    full collections for the life of the server process: each full collection walked them all,
    ~115 ms during which no request was answered (seen under 200 clients). Objects made while
    serving are collected as before."""
    gc.collect()
    gc.freeze()


def _serve(store: object, args: argparse.Namespace) -> int:
    import uvicorn

    from cadre_desk.server.app import create_app
    from cadre_desk.server.store import ServerStore

    assert isinstance(store, ServerStore)
    if args.min_reporters < 2:
        print(
            "错误：--min-reporters 至少为 2。下一步：去掉这个参数（默认 3）或给出更大的数。", file=sys.stderr
        )
        return 2
    if args.unit_publish_minutes < 1:
        print("错误：--unit-publish-minutes 至少为 1。下一步：去掉这个参数（默认 60）。", file=sys.stderr)
        return 2
    if args.workers < 1 or (args.workers > 1 and not hasattr(os, "fork")):
        print(
            "错误：--workers 至少为 1，多个服务进程只支持 Linux/Unix。下一步：去掉这个参数（默认 1）。",
            file=sys.stderr,
        )
        return 2
    # Only a server that starts takes over the process's logging (a refused start, as in the
    # in-process tests, leaves it as it was).
    configure_logging()
    access = logging.getLogger("cadre_desk.server.access")
    access.setLevel(logging.INFO if args.access_log else logging.WARNING)
    store.staged_cap_pages = args.max_staged_pages
    _unit(store).set_publish_period(args.unit_publish_minutes * 60)
    logging.getLogger("cadre_desk.server").info(
        json.dumps(
            {
                "event": "start",
                "host": args.host,
                "port": args.port,
                "workers": args.workers,
                "db": store.engine.url.render_as_string(),
            }
        )
    )
    if args.workers == 1:
        app = create_app(store, max_body=args.max_body_kb * 1024, min_reporters=args.min_reporters)
        settle_heap()
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
        return 0
    from cadre_desk.server.workers import bind_socket, run_workers

    try:
        sock = bind_socket(args.host, args.port)
    except OSError as exc:
        print(
            f"错误：无法监听 {args.host}:{args.port}（{exc.strerror}）。下一步：换一个端口（--port）。",
            file=sys.stderr,
        )
        return 2
    store.close()  # each worker opens its own connections (none may cross the fork)

    def serve_one(listening: socket.socket) -> None:
        worker_store = ServerStore(store.url)
        worker_store.staged_cap_pages = args.max_staged_pages
        try:
            app = create_app(worker_store, max_body=args.max_body_kb * 1024, min_reporters=args.min_reporters)
            settle_heap()
            config = uvicorn.Config(app, log_level="warning", access_log=False)
            uvicorn.Server(config).run(sockets=[listening])
        finally:
            worker_store.close()

    return run_workers(args.workers, sock, serve_one)


if __name__ == "__main__":
    raise SystemExit(main())
