"""Bad input always gets a 4xx with FastAPI's 422 body shape, never a 500."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from server.api import create_api

ADMIN = {"Authorization": "Bearer test-admin-key"}
JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def client(settings, service, tmp_path_factory):  # type: ignore[no-untyped-def]
    fb = tmp_path_factory.mktemp("fb") / "fb.sqlite"
    s = settings.model_copy(update={"admin_key": SecretStr("test-admin-key"), "feedback_db": fb})
    with TestClient(create_api(s, service=service), raise_server_exceptions=False) as c:
        yield c


def assert_422_shape(r) -> list[dict]:  # type: ignore[no-untyped-def]
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, list) and detail
    for item in detail:
        assert {"loc", "msg", "type"} <= set(item)
        assert isinstance(item["loc"], list) and item["msg"]
    return detail


# the nine reproductions of the issue, sent as raw JSON (NaN/Infinity are not standard JSON)
NINE = [
    ("/api/ask", '{"question": "\\udfff"}'),
    ("/api/ask", '{"question": "新建几所", "k": NaN}'),
    ("/api/ask", '{"question": "新建几所", "k": Infinity}'),
    ("/api/ask", '{"question": "新建几所", "k": 1e400}'),
    ("/api/ask", '{"question": "新建几所", "year": NaN}'),
    ("/api/ask", '{"question": "新建几所", "year": Infinity}'),
    ("/api/ask", '{"question": "新建几所", "year": 1e400}'),
    (
        "/api/feedback",
        '{"question": "q", "answer": "a", "vote": "up", "citations": [{"t": "\\udfff"}]}',
    ),
    ("/api/feedback", '{"question": "q", "answer": "a", "vote": "up", "citations": [{"s": NaN}]}'),
]


@pytest.mark.parametrize(("path", "raw"), NINE)
def test_issue_inputs_are_422_not_500(client, path, raw) -> None:
    assert_422_shape(client.post(path, content=raw.encode(), headers=JSON))


def test_echoed_input_is_safe_and_bounded(client) -> None:
    raw = json.dumps({"question": "问" * 3000, "k": "x" * 5000})
    detail = assert_422_shape(client.post("/api/ask", content=raw.encode(), headers=JSON))
    assert len(json.dumps(detail, ensure_ascii=False)) < 3000


def test_lone_surrogates_in_query_strings_and_history(client) -> None:
    assert_422_shape(
        client.post("/api/ask", content=b'{"question": "q", "history": ["\\ud800"]}', headers=JSON)
    )
    r = client.get("/api/search", params={"q": "\udfff".encode("utf-8", "surrogatepass")})
    assert r.status_code < 500  # invalid UTF-8 in a URL decodes to U+FFFD


def test_history_is_bounded(client, settings) -> None:
    eleven = {"question": "那中小学呢？", "history": ["新建幼儿园几所？"] * 11}
    assert_422_shape(client.post("/api/ask", json=eleven))
    long_item = {"question": "那中小学呢？", "history": ["问" * (settings.max_query_chars + 1)]}
    (item,) = assert_422_shape(client.post("/api/ask", json=long_item))
    assert item["loc"][:2] == ["body", "history"]
    huge = {"question": "那中小学呢？", "history": ["问" * 50_000] * 20}
    assert_422_shape(client.post("/api/ask", json=huge))
    ok = {"question": "那中小学呢？", "history": ["新建幼儿园几所？"] * 10}
    assert client.post("/api/ask", json=ok).status_code == 200


def test_service_errors_use_the_documented_422_shape(client) -> None:
    (item,) = assert_422_shape(client.post("/api/ask", json={"question": "  "}))
    assert item["loc"] == ["body", "question"] and "为空" in item["msg"]
    (item,) = assert_422_shape(client.get("/api/search", params={"q": "幼儿\x07园"}))
    assert item["loc"] == ["query", "q"]


def test_oversized_feedback_is_422(client) -> None:
    big = [{"snippet": "字" * 1999}] * 20
    body = {"question": "q", "answer": "a", "vote": "up", "citations": big}
    assert_422_shape(client.post("/api/feedback", json=body))
    assert_422_shape(
        client.post("/api/feedback", json={"question": "q", "answer": "a" * 5001, "vote": "up"})
    )
