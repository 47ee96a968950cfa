"""WeChat-to-RSS bridges people actually run. The user pastes the bridge's base URL once and
picks accounts; each account becomes an ordinary feed source.

* RSSHub: ``/wechat/...`` routes (e.g. ``/wechat/mp/msgalbum/:biz/:aid``, ``/wechat/ce/:id``);
* wewe-rss: ``/feeds/<id>.rss|.atom|.json`` and ``/feeds/all.*``; ``GET /feeds`` lists accounts;
* we-mp-rss: ``/rss/<id>`` (and ``/rss`` for all accounts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from cadre_desk.sources.errors import SourceError


@dataclass(frozen=True, slots=True)
class BridgePreset:
    key: str
    name: str
    example_base: str
    id_hint: str  # what the user types as the account id
    formats: tuple[str, ...]
    lists_accounts: bool  # the bridge can list its accounts


PRESETS: tuple[BridgePreset, ...] = (
    BridgePreset(
        "rsshub",
        "RSSHub（/wechat/… 路由）",
        "https://rsshub.app",
        "路由路径，例如 mp/msgalbum/MzA3MDM3NjE5NQ==/1439527291364761601 或 ce/595a5b14d7164e53908f1606",
        ("rss", "atom", "json"),
        False,
    ),
    BridgePreset(
        "wewe-rss",
        "wewe-rss",
        "http://127.0.0.1:4000",
        "公众号 ID（在 wewe-rss 后台可见），all 为全部",
        ("rss", "atom", "json"),
        True,
    ),
    BridgePreset(
        "we-mp-rss",
        "we-mp-rss",
        "http://127.0.0.1:8001",
        "公众号 ID（在 we-mp-rss 后台可见）",
        ("rss",),
        False,
    ),
)
_BY_KEY = {p.key: p for p in PRESETS}


@dataclass(frozen=True, slots=True)
class BridgeAccount:
    id: str
    name: str
    intro: str = ""


def preset(key: str) -> BridgePreset:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise SourceError(
            f"未知的桥接服务：{key}", "请从列表中选择 RSSHub、wewe-rss 或 we-mp-rss。"
        ) from None


def normalise_base(base_url: str) -> str:
    base = base_url.strip().rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourceError(f"桥接服务地址有误：{base_url}", "请粘贴完整地址，例如 http://192.168.1.10:4000")
    return base


def feed_url(key: str, base_url: str, account_id: str, fmt: str = "rss") -> str:
    """The feed address of one account on a bridge."""
    chosen = preset(key)
    base = normalise_base(base_url)
    account = account_id.strip().strip("/")
    if not account:
        raise SourceError("请填写公众号 ID 或路由。", chosen.id_hint)
    if fmt not in chosen.formats:
        fmt = chosen.formats[0]
    if key == "rsshub":
        route = account[len("wechat/") :] if account.startswith("wechat/") else account
        suffix = "" if fmt == "rss" else f"?format={fmt}"
        return f"{base}/wechat/{quote(route, safe='/=:')}{suffix}"
    if key == "wewe-rss":
        return f"{base}/feeds/{quote(account, safe='')}.{fmt}"
    return f"{base}/rss/{quote(account, safe='')}"


def accounts_url(key: str, base_url: str) -> str | None:
    """Where the bridge lists its accounts, if it can."""
    if key == "wewe-rss":
        return normalise_base(base_url) + "/feeds"
    return None


def parse_accounts(key: str, body: bytes) -> list[BridgeAccount]:
    """Accounts from the bridge's list endpoint (wewe-rss: JSON array of {id, name, intro})."""
    try:
        data = json.loads(body.decode("utf-8", errors="replace"))
    except ValueError as exc:
        raise SourceError("桥接服务返回的账号列表不是 JSON。", "请确认地址是 wewe-rss 的根地址。") from exc
    if isinstance(data, dict):
        data = data.get("data") or data.get("feeds") or []
    accounts: list[BridgeAccount] = []
    for row in data if isinstance(data, list) else []:
        if isinstance(row, dict) and row.get("id"):
            accounts.append(
                BridgeAccount(str(row["id"]), str(row.get("name") or row["id"]), str(row.get("intro") or ""))
            )
    return accounts


def detect_bridge(url: str) -> tuple[str, str, str] | None:
    """(preset key, base URL, account id) when a pasted feed URL is a known bridge's."""
    parts = urlsplit(url.strip())
    base = f"{parts.scheme}://{parts.netloc}"
    path = parts.path
    if "/wechat/" in path:
        prefix, _, route = path.partition("/wechat/")
        return "rsshub", base + prefix, route
    if "/feeds/" in path:
        prefix, _, name = path.partition("/feeds/")
        return "wewe-rss", base + prefix, name.rsplit(".", 1)[0]
    if "/rss/" in path:
        prefix, _, name = path.partition("/rss/")
        return "we-mp-rss", base + prefix, name.strip("/")
    return None
