"""HTTP status codes and response shapes of the API."""

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from server.api import create_api

ADMIN = {"Authorization": "Bearer test-admin-key"}


@pytest.fixture(scope="module")
def client(settings, service):  # type: ignore[no-untyped-def]
    admin = settings.model_copy(update={"admin_key": SecretStr("test-admin-key")})
    with TestClient(create_api(admin, service=service)) as c:
        yield c


def test_health_ok(client) -> None:
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json()["documents"] == 3


def test_health_503_without_index(settings, tmp_path) -> None:
    missing = settings.model_copy(update={"index_dir": tmp_path / "nothing"})
    with TestClient(create_api(missing)) as c:
        r = c.get("/api/health")
        assert r.status_code == 503
        assert "lixia-qa ingest" in r.json()["detail"]
        assert c.get("/api/search", params={"q": "幼儿园"}).status_code == 503


def test_search_returns_hits_with_offsets(client, service) -> None:
    r = client.get("/api/search", params={"q": "新建幼儿园", "k": 3})
    assert r.status_code == 200
    hits = r.json()["hits"]
    assert 1 <= len(hits) <= 3
    for h in hits:
        assert set(h) >= {"doc_id", "title", "date", "text", "start", "end", "score"}
        assert service.document(h["doc_id"]).text[h["start"] : h["end"]] == h["text"]


@pytest.mark.parametrize(
    "question",
    ["青山区2022年接待游客多少人次", "2023年新建中小学幼儿园几所", "滨河公园新增绿地多少"],
)
def test_search_puts_the_passage_an_answer_cites_first(service, question: str) -> None:
    """Search ranks passages as the answer stage does: the passage an answer quotes
    comes first, whatever its retrieval rank, and no passage comes twice."""
    answer = service.ask(question)
    assert not answer.abstained
    hits = service.search(question, 5)
    cited = answer.citations[0]
    assert hits[0].chunk.doc_id == cited.doc_id
    assert hits[0].chunk.start <= cited.start and cited.end <= hits[0].chunk.end
    assert len({h.chunk.chunk_id for h in hits}) == len(hits) <= 5


def test_search_for_this_year_falls_back_to_older_documents_as_ask_does(service) -> None:
    """今年 means the newest documents' year; when none of them answers, the answer
    comes from an older document, and search puts that document's passage first."""
    question = "今年接待游客多少人次"
    answer = service.ask(question)
    assert not answer.abstained and answer.citations[0].doc_id == "sub/culture_2022.txt"
    assert service.search(question, 3)[0].chunk.doc_id == "sub/culture_2022.txt"


def test_search_for_what_the_answer_stage_declines_still_finds_passages(service) -> None:
    """A question the guards refuse (the documents never mention 地铁 or 通车) has no
    answer, but search still gives the passages retrieval found for it; an owner
    question, answered from the records, gets the passages about its task."""
    refused = "青山区的地铁什么时候通车"
    assert service.ask(refused).abstained
    assert len(service.search(refused, 3)) == 3
    assert "老旧小区" in service.search("谁牵头老旧小区改造", 3)[0].chunk.text


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "   "},
        {"q": "问" * 501},
        {"q": "幼儿园", "k": 0},
        {"q": "幼儿园", "k": 51},
        {"q": "幼儿\x00园"},
        {"q": "幼儿园\x1b[31m"},
        {},
        {"q": "幼儿园", "k": "abc"},
    ],
)
def test_bad_search_input_is_422_with_message(client, params) -> None:
    r = client.get("/api/search", params=params)
    assert r.status_code == 422
    assert r.json()["detail"]


def test_documents_list_and_detail(client) -> None:
    docs = client.get("/api/documents").json()
    assert {d["doc_id"] for d in docs} == {
        "notice_2023.txt",
        "news_2024.md",
        "sub/culture_2022.txt",
    }
    one = client.get("/api/documents/sub/culture_2022.txt")
    assert one.status_code == 200 and "青山古镇" in one.json()["text"]
    missing = client.get("/api/documents/nope.txt")
    assert missing.status_code == 404 and "nope.txt" in missing.json()["detail"]


def test_ask_shapes_and_bad_input(client) -> None:
    r = client.post("/api/ask", json={"question": "2024年计划实施多少个重点项目？"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) >= {"answer", "abstained", "citations", "related", "timings"}
    assert client.post("/api/ask", json={"question": " "}).status_code == 422
    assert client.post("/api/ask", json={"question": "幼儿园", "k": 99}).status_code == 422
    assert client.post("/api/ask", json={}).status_code == 422
    assert client.post("/api/ask", content=b"not json").status_code == 422


def test_commitments_filters(client) -> None:
    everything = client.get("/api/commitments").json()
    assert len(everything) == 6
    by_unit = client.get("/api/commitments", params={"unit": "商务局"}).json()
    assert [c["units"] for c in by_unit] == [["区商务局"]]
    by_leader = client.get("/api/commitments", params={"leader": "陈涛"}).json()
    assert len(by_leader) == 2
    assert client.get("/api/commitments", params={"q": "\x07"}).status_code == 422


def test_feedback_round_trip(client) -> None:
    r = client.post(
        "/api/feedback",
        json={
            "question": "问",
            "answer": "答[1]",
            "vote": "up",
            "citations": [{"n": 1, "doc_id": "a"}],
        },
    )
    assert r.status_code == 201
    assert (
        client.post(
            "/api/feedback", json={"question": "问", "answer": "答", "vote": "meh"}
        ).status_code
        == 422
    )
    csv_text = client.get("/api/feedback.csv", headers=ADMIN).text
    assert "答[1]" in csv_text and "up" in csv_text
