"""Expected failures of the sync server, each with a next step (the API turns them into 4xx)."""

from __future__ import annotations

from cadre_desk.domain.errors import CadreError


class ServerAdminError(CadreError):
    next_step = "请检查用户名后重试（cadre-desk-server user list 列出全部用户）。"


class TokenRevokedError(CadreError):
    next_step = "请向管理员重新申请令牌（cadre-desk-server token issue），再在同步设置中填写。"

    def __init__(self) -> None:
        super().__init__("访问令牌无效或已被吊销。")


class UploadTooLargeError(CadreError):
    next_step = "请把同步分几次完成，或请管理员调高服务器的上传上限。"


class ServerBusyError(CadreError):
    """A write kept losing lock conflicts with other transactions (answered 503, Retry-After)."""

    next_step = "请稍后再同步：本机数据没有丢失，下次同步会补上。"

    def __init__(self) -> None:
        super().__init__("同步服务器正忙（数据库写入冲突），这次没有保存。")


class IncompleteUploadError(CadreError):
    next_step = "请重新同步：客户端会补发缺少的页。"

    def __init__(self, missing: list[int]) -> None:
        super().__init__(f"上传不完整，缺少第 {', '.join(map(str, missing[:10]))} 页。")
        self.missing = missing


__all__ = [
    "IncompleteUploadError",
    "ServerAdminError",
    "ServerBusyError",
    "TokenRevokedError",
    "UploadTooLargeError",
]
