"""The OpenAI-compatible chat endpoint answers with citations and validates its input."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from server.api import create_api


@pytest.fixture(scope="module")
def client(settings, service):  # type: ignore[no-untyped-def]
    with TestClient(create_api(settings, service=service)) as c:
        yield c


def test_chat_completion_answers_the_last_user_message(client) -> None:
    body = {
        "model": "anything",
        "temperature": 0.2,
        "messages": [
            {"role": "system", "content": "你是助手"},
            {"role": "user", "content": "2024年要新建几所幼儿园？"},
            {"role": "assistant", "content": "……"},
            {"role": "user", "content": [{"type": "text", "text": "那中小学呢？"}]},
        ],
    }
    r = client.post("/v1/chat/completions", json=body)
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["object"] == "chat.completion"
    message = out["choices"][0]["message"]
    assert message["role"] == "assistant" and message["content"]
    assert out["sources"] == message["sources"] and out["sources"]
    assert {"n", "doc_id", "title", "date", "snippet"} <= set(out["sources"][0])
    direct = client.post(
        "/api/ask", json={"question": "那中小学呢？", "history": ["2024年要新建几所幼儿园？"]}
    ).json()
    assert message["content"].startswith(direct["answer"])


def test_streaming_ends_with_done(client) -> None:
    body = {"stream": True, "messages": [{"role": "user", "content": "重点项目有多少个？"}]}
    with client.stream("POST", "/v1/chat/completions", json=body) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        lines = [line for line in r.iter_lines() if line]
    assert lines[-1] == "data: [DONE]"
    chunks = [json.loads(line[6:]) for line in lines[:-1]]
    text = "".join(c["choices"][0]["delta"].get("content", "") for c in chunks)
    assert text and chunks[-1]["choices"][0]["finish_reason"] == "stop"
    assert chunks[-1]["sources"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"messages": []},
        {"messages": [{"role": "assistant", "content": "hi"}]},
        {"messages": [{"role": "robot", "content": "hi"}]},
        {"messages": [{"role": "user", "content": "  "}]},
        {"messages": [{"role": "user", "content": "问" * 600}]},
        {"messages": [{"role": "user", "content": "\udfff"}]},
        {"messages": [{"role": "user", "content": "问"}] * 51},
    ],
)
def test_bad_chat_requests_are_422(client, body) -> None:
    r = client.post(
        "/v1/chat/completions",
        content=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 422, r.text
    assert isinstance(r.json()["detail"], list)


def test_models_lists_the_service(client) -> None:
    data = client.get("/v1/models").json()["data"]
    assert [m["id"] for m in data] == ["lixia-qa"]
