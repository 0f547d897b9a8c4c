"""Every 4xx a person can meet (through the page, /api or /v1) says in Chinese what to
change; the 422 body keeps its machine fields (loc, type) and shows no English validator
text and no Python repr."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from server.messages import FIELD_NAMES, field_name, validation_message

KEY = "messages-test-key"
ADMIN = {"Authorization": f"Bearer {KEY}"}
JSON = {"Content-Type": "application/json"}
HAN = re.compile(r"[\u4e00-\u9fff]")
# what pydantic, FastAPI and Starlette write, and what a Python repr looks like
ENGLISH = re.compile(
    r"should|Field required|Value error|valid|characters|at least|at most|JSON decode|"
    r"not allowed|no endpoint|Not Found|Method Not|Unprocessable|Forbidden|Unauthorized|"
    r"switched off|wrong admin|service not ready|is empty|leaves the|cannot be read|"
    r"<function|at 0x|functools|function-after|partial\(|Traceback|\bNone\b"
)


@pytest.fixture(scope="module")
def client(settings, service, tmp_path_factory):  # type: ignore[no-untyped-def]
    from app.web import create_app

    work = tmp_path_factory.mktemp("messages")
    s = settings.model_copy(update={"admin_key": SecretStr(KEY), "feedback_db": work / "fb.sqlite"})
    s = s.model_copy(update={"docs_dir": work / "docs"})
    with TestClient(create_app(s, service=service), raise_server_exceptions=False) as c:
        yield c


def texts(detail: Any) -> list[str]:
    """The sentences of a ``detail``: itself, or each 422 item's ``msg``."""
    if isinstance(detail, str):
        return [detail]
    return [item["msg"] for item in detail]


def check_chinese(r) -> Any:  # type: ignore[no-untyped-def]
    assert 400 <= r.status_code < 500, r.text
    body = r.json()
    for text in texts(body["detail"]):
        assert HAN.search(text), f"no Chinese in {text!r}"
        assert not ENGLISH.search(text), f"English in {text!r}"
    for item in body["detail"] if isinstance(body["detail"], list) else []:
        for part in item["loc"]:  # field names and indexes, no union-member reprs
            assert isinstance(part, int) or re.fullmatch(r"[A-Za-z_]\w*", part), item["loc"]
        shown = json.dumps({k: v for k, v in item.items() if k != "input"}, ensure_ascii=False)
        assert not ENGLISH.search(shown.replace(item["type"], "")), shown
    return body


LONG = "问" * 2001
ASK_CASES: list[tuple[str, Any]] = [
    ("no question", {}),
    ("empty", {"question": ""}),
    ("blank", {"question": "   "}),
    ("over the edge limit", {"question": LONG}),
    ("over the service limit", {"question": "问" * 600}),
    ("a number", {"question": 1}),
    ("control character", {"question": "幼儿\x07园"}),
    ("k a string", {"question": "幼儿园", "k": "x"}),
    ("k zero", {"question": "幼儿园", "k": 0}),
    ("k 51", {"question": "幼儿园", "k": 51}),
    ("k a fraction", {"question": "幼儿园", "k": 1.5}),
    ("year 1800", {"question": "幼儿园", "year": 1800}),
    ("year a string", {"question": "幼儿园", "year": "2024"}),
    ("history a string", {"question": "幼儿园", "history": "x"}),
    ("history of numbers", {"question": "幼儿园", "history": [1]}),
    ("history too long", {"question": "幼儿园", "history": ["幼儿园"] * 11}),
    ("history item too long", {"question": "幼儿园", "history": [LONG]}),
    ("a list body", ["幼儿园"]),
]


@pytest.mark.parametrize(("case", "body"), ASK_CASES, ids=[c for c, _ in ASK_CASES])
def test_ask_rejects_in_chinese(client, case: str, body: Any) -> None:
    check_chinese(client.post("/api/ask", json=body))


RAW_CASES = [
    ("/api/ask", b"{bad json"),
    ("/api/ask", b'{"question": "\\udfff"}'),
    ("/api/ask", b'{"question": "q", "k": NaN}'),
    ("/api/ask", b'{"question": "q", "year": 1e400}'),
    ("/v1/chat/completions", b"{bad json"),
    ("/api/feedback", b'{"question": "q", "answer": "a", "vote": "up", "citations": [{"s": NaN}]}'),
]


@pytest.mark.parametrize(("path", "raw"), RAW_CASES)
def test_raw_bodies_are_rejected_in_chinese(client, path: str, raw: bytes) -> None:
    check_chinese(client.post(path, content=raw, headers=JSON))


def user(content: Any) -> dict[str, Any]:
    return {"role": "user", "content": content}


CHAT_CASES: list[tuple[str, Any]] = [
    ("no messages", {}),
    ("empty messages", {"messages": []}),
    ("unknown role", {"messages": [{"role": "robot", "content": "你好"}]}),
    ("no role", {"messages": [{"content": "你好"}]}),
    ("no user message", {"messages": [{"role": "system", "content": "你好"}]}),
    ("question too long", {"messages": [user(LONG)]}),
    ("empty question", {"messages": [user("")]}),
    ("empty part", {"messages": [user([{"type": "text", "text": ""}])]}),
    ("two parts", {"messages": [user([{"type": "text", "text": "a"}] * 2)]}),
    ("part too long", {"messages": [user([{"type": "text", "text": LONG}])]}),
    ("image part", {"messages": [user([{"type": "image_url", "image_url": "x"}])]}),
    ("stream a string", {"messages": [user("幼儿园")], "stream": "yes"}),
    ("model too long", {"messages": [user("幼儿园")], "model": "m" * 201}),
    ("content a number", {"messages": [user(5)]}),
]


@pytest.mark.parametrize(("case", "body"), CHAT_CASES, ids=[c for c, _ in CHAT_CASES])
def test_chat_rejects_in_chinese(client, case: str, body: Any) -> None:
    check_chinese(client.post("/v1/chat/completions", json=body))


def test_other_requests_are_rejected_in_chinese(client) -> None:
    too_long = "问" * 600
    for r in (
        client.get("/api/search"),
        client.get("/api/search", params={"q": ""}),
        client.get("/api/search", params={"q": too_long}),
        client.get("/api/search", params={"q": "幼儿园", "k": 0}),
        client.get("/api/commitments", params={"unit": "单" * 101}),
        client.get("/api/documents/none.txt"),
        client.get("/api/nothing-here"),
        client.get("/api/ask"),
        client.post("/api/feedback", json={"vote": "maybe"}),
        client.post("/api/feedback", json={"question": "q", "answer": "a" * 5001, "vote": "up"}),
        client.get("/api/admin"),
        client.get("/api/admin", headers={"Authorization": "Bearer wrong"}),
        client.get("/api/jobs/999", headers=ADMIN),
        client.delete("/api/documents/none.txt", headers=ADMIN),
        client.post("/api/documents", headers=ADMIN),
        client.post("/gradio_api/upload", files={"files": ("a.txt", b"x", "text/plain")}),
    ):
        check_chinese(r)


@pytest.mark.parametrize(
    ("name", "data"),
    [("../x.txt", b"x"), (".hidden.txt", b"x"), ("tool.exe", b"x"), ("a.txt", b"  ")],
)
def test_bad_uploads_are_rejected_in_chinese(client, name: str, data: bytes) -> None:
    files = {"file": (name, data, "application/octet-stream")}
    check_chinese(client.post("/api/documents", files=files, headers=ADMIN))


def test_admin_switched_off_says_how_to_switch_it_on(settings, service) -> None:  # type: ignore[no-untyped-def]
    from server.api import create_api

    with TestClient(create_api(settings, service=service)) as c:
        body = check_chinese(c.get("/api/admin"))
    assert "LIXIA_ADMIN_KEY" in body["detail"] and "重启" in body["detail"]


def test_machine_fields_stay_beside_the_chinese_message(client) -> None:
    r = client.post("/api/ask", json={"question": "幼儿园", "k": 51})
    (item,) = check_chinese(r)["detail"]
    assert item["loc"] == ["body", "k"] and item["type"] == "less_than_equal"
    assert item["ctx"] == {"le": 50} and "50" in item["msg"]
    r = client.post("/v1/chat/completions", json={"messages": [user(LONG)]})
    items = check_chinese(r)["detail"]
    (item,) = items  # the list member's "wrong type" dropped: a string was sent
    assert item["loc"] == ["body", "messages", 0, "user", "content"]  # "user": the role
    assert item["msg"] == "消息内容太长：最多2000个字，请删减后再试"
    r = client.post("/v1/chat/completions", json={"messages": [{"role": "x", "content": "a"}]})
    (item,) = check_chinese(r)["detail"]
    assert item["msg"].startswith("第1条消息的取值「x」不支持，可用：user、")


def test_validation_messages_name_fields_in_chinese() -> None:
    assert field_name(["body", "history", 2]) == "第3条历史问题"
    assert field_name(["body", "messages", 0, "content"]) == FIELD_NAMES["content"]
    assert field_name(["query", "unknown_field"]) == "字段「unknown_field」"
    error = {"type": "string_too_long", "loc": ("body", "question"), "ctx": {"max_length": 9}}
    assert validation_message(error) == "问题太长：最多9个字，请删减后再试"
    odd = {"type": "some_new_type", "loc": ("body", "k"), "msg": "Input is odd"}
    assert validation_message(odd) == f"{FIELD_NAMES['k']}的值无效，请检查后再试"
