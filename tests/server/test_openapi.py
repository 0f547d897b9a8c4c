"""The OpenAPI description matches behaviour: 405s with the UI mounted, documented errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from app.web import create_app


@pytest.fixture(scope="module")
def ui_client(settings, service):  # type: ignore[no-untyped-def]
    with TestClient(create_app(settings, service=service, with_ui=True)) as c:
        yield c


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("GET", "/api/ask", "POST"),
        ("PUT", "/api/health", "GET"),
        ("PATCH", "/api/documents/x.txt", "DELETE, GET"),
        ("GET", "/v1/chat/completions", "POST"),
        ("DELETE", "/api/feedback.csv", "GET"),
    ],
)
def test_wrong_method_is_405_with_the_ui_mounted(ui_client, method, path, allow) -> None:
    r = ui_client.request(method, path)
    assert r.status_code == 405
    assert allow in r.headers["allow"]
    assert r.json()["detail"]


def test_unknown_api_path_is_json_404_and_ui_still_served(ui_client) -> None:
    r = ui_client.get("/api/nothing-here")
    assert r.status_code == 404 and r.json()["detail"]
    assert ui_client.get("/").status_code == 200


def test_error_statuses_are_documented(ui_client) -> None:
    spec = ui_client.get("/openapi.json").json()
    paths = spec["paths"]
    assert {"401", "403", "413", "415", "400", "503"} <= set(
        paths["/api/documents"]["post"]["responses"]
    )
    assert {"401", "403", "404"} <= set(paths["/api/documents/{doc_id}"]["delete"]["responses"])
    assert "404" in paths["/api/documents/{doc_id}"]["get"]["responses"]
    assert "503" in paths["/api/health"]["get"]["responses"]
    assert "422" in paths["/api/ask"]["post"]["responses"]
    assert "ErrorOut" in spec["components"]["schemas"]
    assert "adminKey" in spec["components"]["securitySchemes"]
    assert not any(p.startswith("/gradio") for p in paths)
