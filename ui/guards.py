"""ASGI guards around the mounted page: Chinese for Gradio's own words, no upload route.

:class:`ChineseLocale` makes Gradio's built-in labels (buttons, aria labels, loading
text) its Chinese ones whatever language the browser is set to: Gradio picks its
language from ``navigator.language`` as its scripts start, so the page's HTML gets, first
thing in ``<head>``, a script that makes that read ``zh-CN``. :class:`NoUploads` answers
403 on Gradio's upload route (no component of this page uploads files; staff use the
admin API).
"""

from __future__ import annotations

from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse

UPLOAD_PATH_SUFFIX = "/gradio_api/upload"  # Gradio's upload route: switched off
LOCALE = "zh-CN"
LOCALE_SCRIPT = (
    "<script>(function () { try {"
    "Object.defineProperty(Navigator.prototype, 'language', "
    f"{{get: function () {{ return '{LOCALE}'; }}, configurable: true}});"
    "Object.defineProperty(Navigator.prototype, 'languages', "
    f"{{get: function () {{ return ['{LOCALE}', 'zh']; }}, configurable: true}});"
    f"document.documentElement.lang = '{LOCALE}';"
    "} catch (e) {} })();</script>"
)


def with_locale(html: bytes, script: str = LOCALE_SCRIPT) -> bytes:
    """``html`` with ``script`` first in its ``<head>`` (unchanged without one)."""
    head = html.find(b"<head>")
    if head < 0:
        return html
    at = head + len(b"<head>")
    return html[:at] + script.encode() + html[at:]


class ChineseLocale:
    """ASGI: the page's HTML (``GET /``) starts with :data:`LOCALE_SCRIPT`."""

    def __init__(self, app: Any, paths: tuple[str, ...] = ("/",)) -> None:
        self.app = app
        self.paths = paths

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        parts: list[bytes] = []

        async def rewrite(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            parts.append(message.get("body", b""))
            if message.get("more_body"):
                return
            headers = MutableHeaders(raw=list(start.get("headers", [])))
            body = b"".join(parts)
            is_html = headers.get("content-type", "").startswith("text/html")
            if start.get("status") == 200 and is_html and not headers.get("content-encoding"):
                body = with_locale(body)
                headers["content-length"] = str(len(body))
            await send({**start, "headers": headers.raw})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, rewrite)


class NoUploads:
    """ASGI: 403 for Gradio's upload route (no component of this page uploads files)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].rstrip("/").endswith(UPLOAD_PATH_SUFFIX):
            detail = (
                "页面不接受这种上传：工作人员请在「工作人员」页上传文档，或使用 POST /api/documents"
            )
            await JSONResponse({"detail": detail}, status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)
