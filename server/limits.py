"""Transport guards: a request body limit, and 405 (not the UI's 404) for a wrong method."""

from __future__ import annotations

import json
from collections.abc import Sequence

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Match, Route
from starlette.types import ASGIApp, Receive, Scope, Send

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT", "QUERY"]
SLACK = 64 * 1024  # multipart headers and boundaries around an upload


class BodyLimit:
    """413 before reading a body whose Content-Length exceeds ``limit`` (plus slack)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit + SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = dict(scope.get("headers") or ()).get(b"content-length", b"0")
            try:
                too_big = int(length) > self.limit
            except ValueError:
                too_big = False
            if too_big:
                body = {
                    "detail": f"请求内容超过 {self.limit - SLACK:,} 字节的上限"
                    "（LIXIA_MAX_UPLOAD_BYTES）：请拆分文件后再上传"
                }
                response = JSONResponse(body, status_code=413)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class MethodFallback:
    """After the API routes: 405 with ``Allow`` when the path exists, else a JSON 404.

    Without it the UI mounted at "/" would answer any unmatched method or path with 404.
    """

    def __init__(self, routes: Sequence[BaseRoute]) -> None:
        self.routes = routes

    @classmethod
    def install(cls, app: FastAPI, prefixes: Sequence[str]) -> None:
        fallback = cls(list(app.router.routes))
        for prefix in prefixes:
            app.router.routes.append(
                Route(
                    prefix + "{rest:path}",
                    fallback.endpoint,
                    methods=METHODS,
                    include_in_schema=False,
                )
            )

    async def endpoint(self, request: Request) -> Response:
        allowed = {
            method
            for method in METHODS
            for route in self.routes
            if route.matches({**request.scope, "method": method})[0] is Match.FULL
        }
        if allowed:
            allow = ", ".join(sorted(allowed))
            return JSONResponse(
                {"detail": f"{request.url.path} 不支持 {request.method} 请求，请改用 {allow}"},
                status_code=405,
                headers={"Allow": allow},
            )
        return Response(
            json.dumps(
                {"detail": f"没有这个接口：{request.url.path}（/docs 列出全部接口）"},
                ensure_ascii=False,
            ),
            status_code=404,
            media_type="application/json",
        )
