"""Domain errors -> HTTP statuses, and a 422 body that is always safe to send.

Every error but 422 answers ``{"detail": "what went wrong and what to do"}``
(:class:`server.schemas.ErrorOut`), in Chinese; a 422 keeps FastAPI's documented shape
``{"detail": [{"loc", "msg", "type", "input"?, "ctx"?}]}`` with ``msg`` in Chinese
(:mod:`server.messages`), ``loc`` without pydantic's union-member reprs, ``ctx`` with
its limits only, and the echoed input made safe: lone surrogates replaced, NaN/Infinity
written as strings, long values cut.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from lixia_qa.errors import (
    BadDocumentError,
    BadQueryError,
    FileTooLargeError,
    ForbiddenError,
    LixiaError,
    NotAuthenticatedError,
    NotFoundError,
    UnsupportedFileError,
)
from lixia_qa.zh import HAN_RE
from server.messages import is_plain_loc, status_message, validation_message
from server.schemas import ErrorOut

logger = logging.getLogger(__name__)

ECHO_CHARS = 200  # longest string echoed back in a 422
ECHO_ITEMS = 10  # most list items / dict keys echoed back
ECHO_JSON_CHARS = 1000  # longest echoed input once serialised

DESCRIPTIONS = {
    400: "Bad request: a body that is not UTF-8 JSON, or a document name that leaves the folder",
    401: "No admin key: send `Authorization: Bearer <LIXIA_ADMIN_KEY>`",
    403: "Wrong admin key, or admin endpoints are off (LIXIA_ADMIN_KEY unset)",
    404: "Unknown id",
    405: "Method not allowed on this path",
    413: "Upload larger than LIXIA_MAX_UPLOAD_BYTES",
    415: "File type the loader cannot read",
    503: "The index (or the feedback store) is not available; the detail says why and what to run",
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` for the error codes a route can answer."""
    return {code: {"model": ErrorOut, "description": DESCRIPTIONS[code]} for code in codes}


class NotReadyError(LixiaError):
    """The index is not loaded (yet, or it failed to load)."""


def not_ready_message(state: Any) -> str:
    """Why the service cannot answer yet, for a 503 (``state``: the app's state)."""
    error = getattr(state, "load_error", None)
    if error:
        return f"服务暂不可用：索引未能加载（{error}）"
    return "服务正在加载索引，请稍后再试"


# most specific first: the handler of the first matching class is used
STATUSES: tuple[tuple[type[LixiaError], int], ...] = (
    (BadQueryError, 422),
    (NotFoundError, 404),
    (NotAuthenticatedError, 401),
    (ForbiddenError, 403),
    (FileTooLargeError, 413),
    (UnsupportedFileError, 415),
    (BadDocumentError, 400),
    (NotReadyError, 503),
    (LixiaError, 503),
)


def clean(value: Any, depth: int = 0) -> Any:
    """A JSON-safe, bounded copy of an input value, for echoing in an error."""
    if isinstance(value, str):
        text = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value[:ECHO_CHARS])
        return text + ("…" if len(value) > ECHO_CHARS else "")
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value if not isinstance(value, int) or abs(value) < 10**18 else clean(str(value))
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, bytes):
        return clean(value.decode("utf-8", "replace"))
    if depth > 3:
        return "…"
    if isinstance(value, dict):
        items = list(value.items())[:ECHO_ITEMS]
        return {str(clean(str(k))): clean(v, depth + 1) for k, v in items}
    if isinstance(value, (list, tuple)):
        return [clean(v, depth + 1) for v in list(value)[:ECHO_ITEMS]]
    return clean(str(value))


def validation_item(error: dict[str, Any]) -> dict[str, Any]:
    """One 422 item: the machine fields kept, the message in Chinese."""
    item: dict[str, Any] = {
        "loc": [clean(part) for part in error.get("loc", ()) if is_plain_loc(part)],
        "msg": clean(validation_message(error)),
        "type": clean(str(error.get("type", "value_error"))),
    }
    if "input" in error:
        echoed = clean(error["input"])
        if len(json.dumps(echoed, ensure_ascii=False)) > ECHO_JSON_CHARS:
            echoed = clean(json.dumps(echoed, ensure_ascii=False)[:ECHO_CHARS])
        item["input"] = echoed
    ctx = error.get("ctx")
    limits = (
        {str(k): clean(v) for k, v in ctx.items() if isinstance(v, (int, float))}
        if isinstance(ctx, dict)
        else {}
    )
    if limits:  # ge, le, min_length, max_length …; not ``error``, a library's English
        item["ctx"] = limits
    return item


def validation_response(errors: Sequence[dict[str, Any]]) -> JSONResponse:
    items = [validation_item(e) for e in errors]
    return JSONResponse({"detail": without_other_branches(items)}, status_code=422)


def without_other_branches(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A value that fits none of a union's members (a string or a list of parts) is
    reported once per member; where one member's error is more than "wrong type", the
    "wrong type" errors of the other members at the same place are dropped."""
    specific = {tuple(i["loc"]) for i in items if not str(i["type"]).endswith("_type")}
    return [
        i for i in items if not (str(i["type"]).endswith("_type") and tuple(i["loc"]) in specific)
    ] or items


def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return validation_response(exc.errors())


def on_bad_query(request: Request, exc: Exception) -> JSONResponse:
    loc = list(getattr(exc, "loc", ()) or ("body",))
    return validation_response([{"loc": loc, "msg": str(exc), "type": "value_error"}])


def _handler(status: int) -> Callable[[Request, Exception], JSONResponse]:
    def handler(request: Request, exc: Exception) -> JSONResponse:
        if status >= 500:
            logger.warning("%s %s: %s", request.method, request.url.path, exc)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return JSONResponse({"detail": clean_detail(str(exc))}, status_code=status, headers=headers)

    return handler


def clean_detail(text: str) -> str:
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)


def on_http_error(request: Request, exc: Exception) -> Response:
    """Starlette's and FastAPI's own HTTP errors (a multipart body that cannot be parsed,
    …): their English detail becomes a Chinese sentence for the status."""
    assert isinstance(exc, HTTPException)
    if exc.status_code in (204, 304):  # no body allowed
        return Response(status_code=exc.status_code, headers=getattr(exc, "headers", None))
    detail = exc.detail if isinstance(exc.detail, str) and HAN_RE.search(exc.detail) else None
    return JSONResponse(
        {"detail": detail or status_message(exc.status_code)},
        status_code=exc.status_code,
        headers=getattr(exc, "headers", None),
    )


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
    for cls, status in STATUSES:
        app.add_exception_handler(cls, on_bad_query if status == 422 else _handler(status))
