"""UI handlers without a browser: history for follow-ups, votes, the not-loaded state.

Proposed as tests/ui/test_app.py (uses the shared `settings`/`service` fixtures of tests/conftest.py).
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from fastapi import FastAPI

from server.feedback import FeedbackStore
from ui import render
from ui.app import Handlers, new_chat_state


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
    _, messages, panel, state = h.ask("2024年要新建几所幼儿园？", [], new_chat_state())
    _, messages, panel, state = h.ask("那中小学呢？", messages, state)
    assert app.state.service.histories == [(), ("2024年要新建几所幼儿园？",)]
    assert [m["role"] for m in messages] == ["user", "assistant"] * 2
    assert set(state["answers"]) == {"1", "3"}


def test_vote_stores_question_answer_and_citations(app: FastAPI) -> None:
    h = Handlers(app)
    _, messages, _, state = h.ask("2024年要新建几所幼儿园？", [], new_chat_state())
    h.vote(state, SimpleNamespace(index=1, liked=False, value=[messages[1]["content"]]))
    h.vote(state, SimpleNamespace(index=1, liked="", value=[]))  # un-vote: nothing stored
    (row,) = app.state.feedback.export()
    assert row[2] == "down" and row[3] == "2024年要新建几所幼儿园？"
    assert row[4] == messages[1]["content"] and '"doc_id"' in row[5]


def test_not_loaded_shows_friendly_message(tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = FastAPI()
    app.state.service, app.state.load_error = None, None
    app.state.feedback = FeedbackStore(tmp_path / "fb.sqlite")
    h = Handlers(app)
    _, messages, panel, _ = h.ask("幼儿园？", [], new_chat_state())
    assert messages[-1]["content"] == render.LOADING
    header, _ = h.on_load()
    assert render.LOADING in header


def test_hints_come_from_the_index(app: FastAPI, service) -> None:  # type: ignore[no-untyped-def]
    h = Handlers(app)
    question, *rest = h.hints()
    buttons, keywords, unit = rest[:-2], rest[-2], rest[-1]
    shown = [b.value for b in buttons if b.visible]
    assert shown and shown == list(service.hints.questions)
    assert question.placeholder == f"例如：{shown[0]}"
    corpus = " ".join(d.text for d in service.documents())
    for q in shown:  # each example quotes the test corpus, not the seeds
        assert q[:4] in corpus
    assert unit.placeholder.removeprefix("如：") in corpus
    assert keywords.placeholder.startswith("如：")


def test_export_dir_is_made_on_demand_and_removed_by_close(app: FastAPI) -> None:
    h = Handlers(app)
    assert h._export_dir is None
    path = h.write_csv([], {})
    folder = h.export_dir
    assert folder.is_dir() and path.startswith(str(folder))
    h.close()
    assert not folder.exists()


def test_mounted_ui_cleans_up_and_refuses_uploads(settings, service) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from app.web import create_app

    app = create_app(settings, service=service, with_ui=True)
    with TestClient(app) as c:
        r = c.post("/gradio_api/upload", files={"files": ("a.txt", b"x", "text/plain")})
        assert r.status_code == 403 and "POST /api/documents" in r.json()["detail"]
        page = c.get("/").text
        assert "幼儿园" not in page and "商务局" not in page
        (handlers_close,) = app.state.cleanups
        h = handlers_close.__self__
        h.write_csv([], {})
        folder = h.export_dir
    assert not folder.exists()  # removed at shutdown


def test_vote_with_a_broken_store_warns_instead_of_failing(app: FastAPI, tmp_path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    app.state.feedback = FeedbackStore(blocker / "fb.sqlite")
    h = Handlers(app)
    _, messages, _, state = h.ask("2024年要新建几所幼儿园？", [], new_chat_state())
    h.vote(state, SimpleNamespace(index=1, liked=True, value=[]))  # no exception
