"""Expected failures while fetching or parsing a source, each in plain Chinese with a next step."""

from __future__ import annotations

from cadre_desk.domain.errors import CadreError


class SourceError(CadreError):
    """A source could not be fetched or read. ``status`` is the HTTP status when there was one."""

    next_step = "稍后会自动重试；如果一直失败，请检查订阅地址是否正确。"

    def __init__(
        self,
        message: str,
        next_step: str | None = None,
        *,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, next_step)
        self.status = status
        self.retry_after = retry_after


class NetworkError(SourceError):
    next_step = "请检查网络连接或代理设置（设置 → 网络），稍后会自动重试。"


class TimeoutFetchError(NetworkError):
    pass


class HttpStatusError(SourceError):
    pass


class TooLargeError(SourceError):
    next_step = "这个地址返回的内容过大；请确认它是订阅源地址，或在设置中调高大小上限。"


class CertificateError(SourceError):
    next_step = "如果确认这是单位内网的自签名证书，可在订阅源设置中选择“信任此证书”。"

    def __init__(self, message: str, fingerprint: str | None = None) -> None:
        super().__init__(message)
        self.fingerprint = fingerprint


class NotAFeedError(SourceError):
    next_step = "请确认地址是 RSS/Atom/JSON 订阅源；网页栏目请按“网页”类型添加。"


class UnsafeContentError(SourceError):
    next_step = "内容包含不安全的 XML 实体定义，已拒绝读取；请联系该订阅源的维护者。"


class MailError(SourceError):
    next_step = "请检查邮箱服务器地址、端口、用户名和密码。"


class CaptureError(SourceError):
    next_step = "请粘贴 mp.weixin.qq.com 的文章链接，或直接粘贴文字内容。"


class OpmlError(SourceError):
    next_step = "请确认文件是 OPML 格式（通常由阅读器“导出订阅”生成）。"


class WebpageError(SourceError):
    next_step = "请检查栏目页地址，或在预览中手动修改 CSS 选择器。"


def http_status_message(status: int) -> str:
    """A short Chinese explanation of an HTTP error status."""
    messages = {
        400: "服务器认为请求有误",
        401: "需要登录才能访问",
        403: "服务器拒绝访问（可能仅限内网或需要登录）",
        404: "地址不存在，订阅源可能已停用或改址",
        410: "订阅源已被永久删除",
        429: "服务器要求降低访问频率",
        500: "服务器内部错误",
        502: "网关错误，服务器暂时不可用",
        503: "服务器暂时不可用",
        504: "网关超时",
    }
    text = messages.get(status) or ("服务器出错" if status >= 500 else "请求被拒绝")
    return f"{text}（HTTP {status}）"
