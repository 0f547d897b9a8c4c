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
