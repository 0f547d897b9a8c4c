"""The OpenAPI description, tailored to the running settings so that it matches behaviour.

Text the service validates (questions, search queries, filters) is marked in the models
with ``QUERY_TEXT``/``FILTER_TEXT``; here the marks become the JSON-Schema limits the
service applies: at most ``LIXIA_MAX_QUERY_CHARS`` characters, no control characters, and (for questions) at least one visible character.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from lixia_qa.settings import Settings

# control characters but tab and line breaks (lone surrogates cannot be sent as UTF-8 JSON)
_BAD = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
QUESTION_PATTERN = rf"^[^{_BAD}]*[^\s{_BAD}][^{_BAD}]*$"
FILTER_PATTERN = rf"^[^{_BAD}]*$"
MARK = "x-lixia-text"
QUERY_TEXT: dict[str, Any] = {MARK: "question"}
FILTER_TEXT: dict[str, Any] = {MARK: "filter"}


def tailor(node: Any, settings: Settings) -> None:
    """Replace the marks in ``node`` (a schema, walked recursively) by limits."""
    if isinstance(node, dict):
        kind = node.pop(MARK, None)
        if kind is not None:
            limit = settings.max_query_chars
            node["maxLength"] = min(node.get("maxLength", limit), limit)
            node["pattern"] = QUESTION_PATTERN if kind == "question" else FILTER_PATTERN
        for value in node.values():
            tailor(value, settings)
    elif isinstance(node, list):
        for value in node:
            tailor(value, settings)


def install(app: FastAPI, settings: Settings) -> None:
    """Serve the tailored description at /openapi.json."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            tailor(schema, settings)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
