"""The admin key: ``Authorization: Bearer <LIXIA_ADMIN_KEY>``, compared in constant time."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from lixia_qa.errors import ForbiddenError, NotAuthenticatedError
from lixia_qa.settings import Settings

bearer = HTTPBearer(
    auto_error=False, scheme_name="adminKey", description="the server's LIXIA_ADMIN_KEY"
)


def require_admin(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """401 without a key, 403 with a wrong one or when no key is configured."""
    settings: Settings = request.app.state.settings
    key = settings.admin_key.get_secret_value() if settings.admin_key else ""
    if not key:
        raise ForbiddenError(
            "工作人员功能未开启：请在服务器的环境变量或 .env 文件中设置 LIXIA_ADMIN_KEY"
            "（一串足够长的随机字符），然后重启服务"
        )
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise NotAuthenticatedError(
            "这是工作人员功能：请在请求头中加上 Authorization: Bearer <管理密钥>"
        )
    if not hmac.compare_digest(credentials.credentials.encode(), key.encode()):
        raise ForbiddenError("管理密钥不正确：请核对服务器上设置的 LIXIA_ADMIN_KEY")


AdminDep = Depends(require_admin)
