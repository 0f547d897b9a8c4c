"""UI handlers without a browser: the conversation, follow-ups, votes, the not-loaded
state, example questions and look-ups, the records link, the mounted page's guards."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest
from fastapi import FastAPI

from server.feedback import FeedbackStore
from ui import render
from ui.handlers import COMMITMENTS_TAB, Handlers, new_chat_state


class RecordingService:
    """Wraps the real service and records the history each ask receives."""

    def __init__(self, service) -> None:  # type: ignore[no-untyped-def]
        self.service = service
        self.histories: list[tuple[str, ...]] = []

    def ask(self, question, k=None, year=None, history=()):  # type: ignore[no-untyped-def]
        self.histories.append(tuple(history))
        return self.service.ask(question, k=k, year=year, history=history)

    def __getattr__(self, name):  # type: ignore[no-untyped-def]
        return getattr(self.service, name)


@pytest.fixture
def app(service, tmp_path) -> FastAPI:  # type: ignore[no-untyped-def]
    app = FastAPI()
    app.state.service = RecordingService(service)
    app.state.load_error = None
    app.state.feedback = FeedbackStore(tmp_path / "fb.sqlite")
    return app


def test_follow_up_passes_earlier_questions_as_history(app: FastAPI) -> None:
    h = Handlers(app)
    _, chat, panel, state = h.ask("2024年要新建几所幼儿园？", new_chat_state())
    _, chat, panel, state = h.ask("那中小学呢？", state)
    assert app.state.service.histories == [(), ("2024年要新建几所幼儿园？",)]
    assert len(state["turns"]) == 2 and chat.count('class="turn"') == 2
    assert 'data-turn="1"' in panel  # the sources beside the chat are the latest answer's


def test_each_marker_links_to_a_card_of_its_turn(app: FastAPI) -> None:
    h = Handlers(app)
    _, chat, panel, _ = h.ask("社会消费品零售总额增长目标是多少？", new_chat_state())
    links = re.findall(r'<a class="cite" href="#src-0-(\d+)"', chat)
    assert links
    for n in links:
        assert f'id="src-0-{n}"' in panel and f'id="isrc-0-{n}"' in chat


def test_vote_stores_question_answer_and_citations(app: FastAPI) -> None:
    h = Handlers(app)
    _, chat, _, _ = h.ask("2024年要新建几所幼儿园？", new_chat_state())
    payload = re.search(r'data-feedback="([^"]*)"', chat)
    assert payload is not None
    import html

    data = html.unescape(payload.group(1))
    assert h.vote([data, "down"]) is True
    (row,) = app.state.feedback.export()
    assert row[2] == "down" and row[3] == "2024年要新建几所幼儿园？"
    assert '"doc_id"' in row[5] and json.loads(data)["answer"] == row[4]
    assert h.vote([data, "maybe"]) is False  # an unusable vote is refused, not stored
    assert h.vote("not a pair") is False


def test_a_vote_with_a_broken_store_says_so(app: FastAPI, tmp_path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    app.state.feedback = FeedbackStore(blocker / "fb.sqlite")
    payload = json.dumps({"question": "q", "answer": "a", "citations": []})
    assert Handlers(app).vote([payload, "up"]) is False  # the page says 暂时无法保存


def test_not_loaded_shows_friendly_message(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = FastAPI()
    app.state.service, app.state.load_error = None, None
    app.state.feedback = FeedbackStore(tmp_path / "fb.sqlite")
    h = Handlers(app)
    _, chat, _, state = h.ask("幼儿园？", new_chat_state())
    assert render.LOADING in chat and state["questions"] == []
    header, _ = h.on_load()
    assert render.LOADING in header
    app.state.load_error = "index at x is damaged"
    header, docs = h.on_load()
    assert "服务暂不可用" in header and "damaged" not in header + docs


def test_hints_come_from_the_index(app: FastAPI, service) -> None:  # type: ignore[no-untyped-def]
    h = Handlers(app)
    question, *rest = h.hints()
    buttons, keywords, unit, lookups = rest[:-3], rest[-3], rest[-2], rest[-1]
    shown = [b.value for b in buttons if b.visible]
    assert shown and shown == list(service.hints.questions)
    assert question.placeholder == f"例如：{shown[0]}"
    assert unit.placeholder.removeprefix("如：") == service.hints.unit
    assert keywords.placeholder.startswith("如：")
    for u in service.hints.units:  # the staff look-ups on the 责任分工 tab
        assert f'data-unit="{u}"' in lookups


def test_the_header_names_the_place(app: FastAPI, service) -> None:  # type: ignore[no-untyped-def]
    header, docs = Handlers(app).on_load()
    assert f"<h1>{service.site_name}政务文档问答</h1>" in header
    assert docs.count('class="doc-item"') == len(service.documents())


def test_records_link_opens_the_full_list(app: FastAPI, service) -> None:  # type: ignore[no-untyped-def]
    h = Handlers(app)
    tabs, q, leader, unit, rows, summary, *_ = h.records_from_chat(
        SimpleNamespace(_data={"act": "records", "leader": "周敏", "unit": ""})
    )
    assert tabs.selected == COMMITMENTS_TAB and (q, leader, unit) == ("", "周敏", "")
    assert len(rows) == len(service.commitments(leader="周敏")) > 0
    assert f"共 {len(rows)} 条" in summary
    skipped = h.records_from_chat(SimpleNamespace(_data={"act": "doc", "doc": "x"}))
    assert all(type(x).__name__ == "skip" or x == {"__type__": "update"} for x in skipped)


def test_commitments_start_full_and_say_what_they_show(app: FastAPI, service) -> None:  # type: ignore[no-untyped-def]
    h = Handlers(app)
    rows, summary, *_ = h.search_commitments("", "", "")
    assert len(rows) == len(service.commitments()) and "全部任务共" in summary
    rows, summary, *_ = h.search_commitments("", "", "商务局")
    assert rows and "符合「商务局」的任务共" in summary


def test_export_dir_is_made_on_demand_and_removed_by_close(app: FastAPI) -> None:
    h = Handlers(app)
    assert h._export_dir is None
    path = h.write_csv([], {})
    folder = h.export_dir
    assert folder.is_dir() and path.startswith(str(folder))
    h.close()
    assert not folder.exists()


def test_mounted_ui_cleans_up_refuses_uploads_and_speaks_chinese(settings, service) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from app.web import create_app
    from ui.guards import LOCALE_SCRIPT

    app = create_app(settings, service=service, with_ui=True)
    with TestClient(app) as c:
        r = c.post("/gradio_api/upload", files={"files": ("a.txt", b"x", "text/plain")})
        assert r.status_code == 403 and "POST /api/documents" in r.json()["detail"]
        page = c.get("/").text
        assert "幼儿园" not in page and "商务局" not in page
        assert page.index(LOCALE_SCRIPT) < page.index("<meta")  # before Gradio's scripts
        assert c.get("/api/health").text.count("zh-CN") == 0  # the API is untouched
        (handlers_close,) = app.state.cleanups
        h = handlers_close.__self__
        h.write_csv([], {})
        folder = h.export_dir
    assert not folder.exists()  # removed at shutdown
