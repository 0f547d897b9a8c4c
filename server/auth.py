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
            "admin endpoints are switched off: set LIXIA_ADMIN_KEY (a long random string) "
            "in the server's environment or .env and restart it"
        )
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise NotAuthenticatedError(
            "this endpoint is for staff: send the header `Authorization: Bearer <admin key>`"
        )
    if not hmac.compare_digest(credentials.credentials.encode(), key.encode()):
        raise ForbiddenError("wrong admin key: check LIXIA_ADMIN_KEY on the server")


def is_admin_key(settings: Settings, candidate: str) -> bool:
    """For the UI's staff panel: does ``candidate`` equal the configured key?"""
    key = settings.admin_key.get_secret_value() if settings.admin_key else ""
    return bool(key) and hmac.compare_digest(candidate.encode(), key.encode())


AdminDep = Depends(require_admin)
