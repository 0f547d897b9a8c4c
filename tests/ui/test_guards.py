"""The page's guards: the Chinese locale script goes first into the page's HTML only."""

from __future__ import annotations

import asyncio
from typing import Any

from ui.guards import LOCALE_SCRIPT, ChineseLocale, with_locale


def test_the_script_goes_first_in_the_head() -> None:
    page = b"<html><head><meta charset=utf-8><script src=gradio.js></script></head></html>"
    out = with_locale(page)
    assert out.index(LOCALE_SCRIPT.encode()) < out.index(b"<meta") < out.index(b"gradio.js")
    assert with_locale(b"<p>no head</p>") == b"<p>no head</p>"


def run(path: str, content_type: str) -> tuple[dict[str, Any], bytes]:
    """One GET through ChineseLocale around a page answering ``content_type``."""
    sent: list[dict[str, Any]] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        headers = [(b"content-type", content_type.encode()), (b"content-length", b"13")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"<head></head>", "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "headers": []}
    asyncio.run(ChineseLocale(inner)(scope, None, send))
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0], body


def test_only_the_page_is_rewritten_and_its_length_follows() -> None:
    start, body = run("/", "text/html; charset=utf-8")
    assert body == b"<head>" + LOCALE_SCRIPT.encode() + b"</head>"
    assert dict(start["headers"])[b"content-length"] == str(len(body)).encode()
    _, json_body = run("/", "application/json")  # not HTML: untouched
    assert json_body == b"<head></head>"
    _, other = run("/gradio_api/info", "text/html")
    assert other == b"<head></head>"
