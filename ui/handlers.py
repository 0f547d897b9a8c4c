"""The page's event handlers: each finds the service when the event fires.

The UI holds no retrieval or answer logic: the :class:`QAService` is ``app.state.service``
(``None`` while the index loads), the feedback store ``app.state.feedback``; results are
rendered by :mod:`ui.render` and :mod:`ui.conversation`.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr
from fastapi import FastAPI

from lixia_qa.errors import LixiaError
from lixia_qa.settings import Settings, get_settings
from lixia_qa.types import Answer, Commitment, content_hash
from server.feedback import FeedbackIn
from ui import conversation, render

if TYPE_CHECKING:
    from server.service import QAService

logger = logging.getLogger(__name__)

N_EXAMPLES = 4  # example-question buttons, filled from the index (server.examples)
QUESTION_PLACEHOLDER = "请输入您的问题，例如：今年要新建几所学校？"
DOCS_TAB, CHAT_TAB, COMMITMENTS_TAB, STAFF_TAB = "docs", "chat", "commitments", "staff"

# {"questions": [asked so far], "turns": [HTML of each question and its answer]}
ChatState = dict[str, Any]


def new_chat_state() -> ChatState:
    return {"questions": [], "turns": []}


def feedback_payload(answer: Answer) -> dict[str, Any]:
    """What a vote stores besides the vote: question, answer text and citations."""
    return {
        "question": answer.question[:2000],
        "answer": answer.text[:5000],
        "citations": [asdict(c) for c in (answer.citations or answer.related)][:20],
    }


class Handlers:
    """Event handlers; each looks up the service when the event fires."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._export_dir: Path | None = None  # made on the first CSV export, removed by close()

    @property
    def settings(self) -> Settings:
        settings: Settings | None = getattr(self.app.state, "settings", None)
        return settings or get_settings()

    @property
    def export_dir(self) -> Path:
        if self._export_dir is None:
            self._export_dir = Path(tempfile.mkdtemp(prefix="lixia-ui-"))
        return self._export_dir

    def close(self) -> None:
        """Remove the export folder (called at shutdown)."""
        if self._export_dir is not None:
            shutil.rmtree(self._export_dir, ignore_errors=True)
            self._export_dir = None

    def service(self) -> QAService | None:
        return getattr(self.app.state, "service", None)

    def unavailable(self) -> str:
        if getattr(self.app.state, "load_error", None):
            return "服务暂不可用：索引未能加载，请联系管理员查看服务器日志。"
        return render.LOADING

    # --- the page ---------------------------------------------------------------------
    def on_load(self) -> tuple[str, str]:
        """The header (place, document count) and the 文档 list; also after staff
        change the documents."""
        service = self.service()
        if service is None:
            error = getattr(self.app.state, "load_error", None)
            site = self.settings.site_name
            return render.header(None, error, site), render.notice(self.unavailable(), "error")
        docs = service.documents()
        return render.header(len(docs), site=service.site_name), render.documents_list(docs)

    def hints(self) -> list[Any]:
        """Example questions, input placeholders and the staff look-ups, from the index."""
        service = self.service()
        questions = list(service.hints.questions) if service else []
        buttons = [
            gr.Button(value=q, visible=True) if q else gr.Button(visible=False)
            for q in (questions + [""] * N_EXAMPLES)[:N_EXAMPLES]
        ]
        keywords = "、".join(service.hints.keywords) if service else ""
        unit = service.hints.unit if service else None
        return [
            gr.Textbox(placeholder=f"例如：{questions[0]}" if questions else QUESTION_PLACEHOLDER),
            *buttons,
            gr.Textbox(placeholder=f"如：{keywords}" if keywords else "任务中的词语"),
            gr.Textbox(placeholder=f"如：{unit}" if unit else "单位名称，可用简称，如：住建局"),
            render.lookups(service.hints if service else None),
        ]

    # --- questions --------------------------------------------------------------------
    def ask(self, question: str, state: ChatState | None) -> tuple[str, str, str, ChatState]:
        """Answer ``question``: the conversation with its new turn, the sources beside it."""
        question = (question or "").strip()
        state = state or new_chat_state()
        if not question:
            return "", gr.skip(), gr.skip(), state
        turn = len(state["turns"])
        service = self.service()
        if service is None:
            html = conversation.message_html(turn, question, self.unavailable())
            return "", *self._with(state, question, html, record=False)
        limit = self.settings.max_history
        history = state["questions"][-limit:] if limit else []
        try:
            answer = service.ask(question, history=history)
        except LixiaError as exc:
            logger.info("question rejected: %s", exc)
            html = conversation.message_html(turn, question, f"无法处理这个问题：{exc}")
            return "", *self._with(state, question, html, record=False)
        docs = service.store.documents({c.doc_id for c in (*answer.citations, *answer.related)})
        records = service.owner_records(question, answer)
        link = conversation.RecordsLink(**vars(records)) if records else None
        html = conversation.turn_html(turn, question, answer, docs, feedback_payload(answer), link)
        chat, _, state = self._with(state, question, html)
        return "", chat, render.answer_panel(answer, turn, docs), state

    @staticmethod
    def _with(
        state: ChatState, question: str, html: str, record: bool = True
    ) -> tuple[str, Any, ChatState]:
        asked = [*state["questions"], question] if record else state["questions"]
        new = {"questions": asked, "turns": [*state["turns"], html]}
        return conversation.conversation(new["turns"]), gr.skip(), new

    def clear(self) -> tuple[str, str, ChatState]:
        return conversation.EMPTY_CHAT, render.SOURCES_PLACEHOLDER, new_chat_state()

    def vote(self, data: Any) -> bool:
        """A vote from the page (server function): ``[feedback JSON, "up" | "down"]``."""
        try:
            payload_json, vote = data
            payload = json.loads(payload_json)
            self.app.state.feedback.add(FeedbackIn(vote=vote, **payload))
        except (LixiaError, ValueError, TypeError) as exc:  # unwritable, or unusable
            logger.warning("vote not stored: %s", exc)
            return False
        return True

    # --- documents --------------------------------------------------------------------
    def open_doc(self, data: gr.EventData) -> tuple[Any, str]:
        """Show a document (from a source card, a commitment row or the list) in the 文档 tab."""
        raw = getattr(data, "_data", None) or {}
        if not raw.get("doc"):  # another click (the records link under an answer)
            return gr.skip(), gr.skip()
        span = _int(raw.get("start")), _int(raw.get("end"))
        return gr.Tabs(selected=DOCS_TAB), self.document_html(str(raw.get("doc", "")), *span)

    def document_html(self, doc_id: str, start: int, end: int) -> str:
        service = self.service()
        if service is None:
            return render.notice(self.unavailable(), "error")
        try:
            return render.document_view(service.document(doc_id), start, end)
        except LixiaError as exc:
            return render.notice(str(exc), "error")

    # --- commitments ------------------------------------------------------------------
    def search_commitments(
        self, q: str, leader: str, unit: str
    ) -> tuple[list[list[str]], str, str, Any, list[list[Any]]]:
        service = self.service()
        hidden = gr.DownloadButton(visible=False)
        if service is None:
            return [], render.notice(self.unavailable(), "error"), "", hidden, []
        try:
            items = service.commitments(q, leader, unit)
        except LixiaError as exc:
            return [], render.notice(str(exc), "error"), "", hidden, []
        titles = {d.doc_id: d.title for d in service.documents()}
        rows = [render.commitment_row(c, titles) for c in items]
        links = [[c.doc_id, c.start, c.end, row] for c, row in zip(items, rows, strict=True)]
        csv_path = self.write_csv(items, titles)
        filters = "、".join(f for f in (q, leader, unit) if f and f.strip())
        what = f"符合「{filters}」的任务" if filters else "全部任务"
        summary = f"{what}共 {len(items)} 条。点击任一行可在「文档」中查看原文位置。"
        return (
            rows,
            render.notice(summary),
            render.commitment_cards(items, titles),
            gr.DownloadButton(value=csv_path, visible=True),
            links,
        )

    def records_from_chat(self, data: gr.EventData) -> tuple[Any, ...]:
        """The link under an answer: the 责任分工 tab, filtered to the named owner."""
        raw = getattr(data, "_data", None) or {}
        if raw.get("act") != "records":
            return (gr.skip(),) * 9
        leader, unit = str(raw.get("leader", "")), str(raw.get("unit", ""))
        found = self.search_commitments("", leader, unit)
        return (gr.Tabs(selected=COMMITMENTS_TAB), "", leader, unit, *found)

    def lookup(self, data: gr.EventData) -> tuple[Any, ...]:
        """A staff look-up chip: its filter filled in and searched."""
        raw = getattr(data, "_data", None) or {}
        q, leader, unit = (str(raw.get(k, "")) for k in ("q", "leader", "unit"))
        return (q, leader, unit, *self.search_commitments(q, leader, unit))

    def write_csv(self, items: list[Commitment], titles: dict[str, str]) -> str:
        """The CSV of a result, in a folder named by its content hash (same rows, same file)."""
        text = render.commitments_csv(items, titles)
        folder = self.export_dir / content_hash(text)
        folder.mkdir(exist_ok=True)
        path = folder / "责任分工.csv"
        path.write_text(text, encoding="utf-8")
        return str(path)

    def open_commitment(self, links: list[list[Any]], data: gr.SelectData) -> tuple[Any, str]:
        link = _find_link(links, data.row_value, data.index)
        if link is None:
            return gr.skip(), gr.skip()
        doc_id, start, end, _ = link
        return gr.Tabs(selected=DOCS_TAB), self.document_html(doc_id, start, end)


def _int(value: Any) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def _find_link(links: list[list[Any]], row_value: Any, index: Any) -> list[Any] | None:
    """The link of the selected row, matched by its values (robust to sorting), else by index."""
    for link in links:
        if row_value is not None and list(link[3]) == list(row_value):
            return link
    row = index[0] if isinstance(index, (list, tuple)) else index
    return links[row] if isinstance(row, int) and 0 <= row < len(links) else None
