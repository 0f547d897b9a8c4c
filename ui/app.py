"""The Gradio UI, mounted at "/" on the API's FastAPI app (one port; the API stays under /api).

The UI holds no retrieval or answer logic: its handlers call the :class:`QAService` found
in ``app.state.service`` at event time (``None`` while the index loads) and the feedback
store in ``app.state.feedback``, and render the results with :mod:`ui.render`.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr
from fastapi import FastAPI

from ingest.loader import SUFFIXES
from lixia_qa.errors import LixiaError
from lixia_qa.settings import Settings, get_settings
from lixia_qa.types import Answer, Commitment, content_hash
from server.feedback import FeedbackIn
from ui import render, staff

if TYPE_CHECKING:
    from server.service import QAService

logger = logging.getLogger(__name__)

N_EXAMPLES = 4  # example-question buttons, filled from the index (server.examples)
QUESTION_PLACEHOLDER = "请输入关于政务文档的问题"
DOCS_TAB, CHAT_TAB, COMMITMENTS_TAB, STAFF_TAB = "docs", "chat", "commitments", "staff"
CACHE_CLEANUP = (3600, 3600)  # Gradio deletes its cached files hourly and at shutdown
UPLOAD_PATH_SUFFIX = "/gradio_api/upload"  # Gradio's upload route: switched off (see mount_ui)

Messages = list[dict[str, Any]]
# {"questions": [asked so far], "answers": {message index: feedback payload},
#  "panels": {message index: sources HTML}}; indexes are str (gr.State deep-copies it).
ChatState = dict[str, Any]


def new_chat_state() -> ChatState:
    return {"questions": [], "answers": {}, "panels": {}}


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

    def hints(self) -> list[Any]:
        """Example questions and input placeholders, made from the indexed documents."""
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
            gr.Textbox(placeholder=f"如：{unit}" if unit else "单位名称"),
        ]

    def unavailable(self) -> str:
        error = getattr(self.app.state, "load_error", None)
        return f"索引未加载：{error}" if error else render.LOADING

    def on_load(self) -> tuple[str, str]:
        service = self.service()
        if service is None:
            error = getattr(self.app.state, "load_error", None)
            return render.header(None, error), render.notice(self.unavailable(), "error")
        docs = service.documents()
        return render.header(len(docs)), render.documents_list(docs)

    def ask(
        self, question: str, messages: Messages | None, state: ChatState | None
    ) -> tuple[str, Messages, str, ChatState]:
        question = (question or "").strip()
        messages = list(messages or [])
        state = state or new_chat_state()
        if not question:
            return "", messages, gr.skip(), state
        service = self.service()
        messages.append({"role": "user", "content": question})
        if service is None:
            messages.append({"role": "assistant", "content": self.unavailable()})
            return "", messages, render.notice(self.unavailable(), "error"), state
        limit = self.settings.max_history
        history = state["questions"][-limit:] if limit else []
        try:
            answer = service.ask(question, history=history)
        except LixiaError as exc:
            logger.info("question rejected: %s", exc)
            messages.append({"role": "assistant", "content": f"无法处理这个问题：{exc}"})
            return "", messages, render.notice(str(exc), "error"), state
        messages.append({"role": "assistant", "content": answer.text})
        index, panel = str(len(messages) - 1), render.answer_panel(answer)
        state = {
            "questions": [*state["questions"], question],
            "answers": {**state["answers"], index: feedback_payload(answer)},
            "panels": {**state["panels"], index: panel},
        }
        return "", messages, panel, state

    def show_sources(self, state: ChatState | None, data: gr.SelectData) -> Any:
        """Clicking an earlier answer shows its sources again."""
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        panel = (state or {}).get("panels", {}).get(str(index))
        return panel if panel is not None else gr.skip()

    def vote(self, state: ChatState | None, data: gr.LikeData) -> None:
        vote = {True: "up", False: "down"}.get(data.liked) if isinstance(data.liked, bool) else None
        index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
        payload = (state or {}).get("answers", {}).get(str(index))
        if vote is None or payload is None:
            return
        try:
            self.app.state.feedback.add(FeedbackIn(vote=vote, **payload))
        except (LixiaError, ValueError) as exc:  # store unwritable, or an unusable payload
            logger.warning("vote not stored: %s", exc)
            gr.Warning("反馈暂时无法保存，请稍后再试。", duration=5, title="提示")
            return
        gr.Info("感谢您的反馈！", duration=3, title="提示")

    def open_doc(self, data: gr.EventData) -> tuple[Any, str]:
        """Show a document (from a source card, a commitment row or the list) in the 文档 tab."""
        raw = getattr(data, "_data", None) or {}
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
        summary = f"共 {len(items)} 条。点击任一行可在「文档」中查看原文位置。"
        return (
            rows,
            render.notice(summary),
            render.commitment_cards(items, titles),
            gr.DownloadButton(value=csv_path, visible=True),
            links,
        )

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


def feedback_payload(answer: Answer) -> dict[str, Any]:
    """What a vote stores besides the vote: question, answer text and citations."""
    return {
        "question": answer.question[:2000],
        "answer": answer.text[:5000],
        "citations": [asdict(c) for c in (answer.citations or answer.related)][:20],
    }


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


def _chat_tab(h: Handlers, tabs: gr.Tabs, doc_view: gr.HTML) -> list[Any]:
    state = gr.State(new_chat_state())
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=320):
            chatbot = gr.Chatbot(
                label="问答",
                height=440,
                buttons=["copy", "copy_all"],
                render_markdown=False,
                placeholder="请输入关于政务文档的问题，回答会标注来源 [n]。",
                feedback_options=("Like", "Dislike"),
                elem_id="chat",
            )
            question = gr.Textbox(
                show_label=False,
                placeholder=QUESTION_PLACEHOLDER,
                max_length=h.settings.max_query_chars,
                elem_id="question",
                submit_btn="提问",
            )
            with gr.Row(elem_id="examples"):
                examples = [
                    gr.Button("", size="sm", variant="secondary", min_width=150, visible=False)
                    for _ in range(N_EXAMPLES)
                ]
        with gr.Column(scale=2, min_width=300):
            sources = gr.HTML(
                render.SOURCES_PLACEHOLDER, elem_id="sources", js_on_load=render.OPEN_DOC_JS
            )
    with gr.Row():
        clear = gr.Button("新对话", size="sm", variant="secondary", scale=0, min_width=100)
    outputs = [question, chatbot, sources, state]
    question.submit(h.ask, [question, chatbot, state], outputs, show_progress="minimal")
    for button in examples:
        button.click(h.ask, [button, chatbot, state], outputs, show_progress="minimal")
    chatbot.like(h.vote, [state], None)
    chatbot.select(h.show_sources, [state], [sources])
    reset = (render.SOURCES_PLACEHOLDER, new_chat_state())
    clear.click(lambda: ([], *reset), None, [chatbot, sources, state])
    chatbot.clear(lambda: reset, None, [sources, state])
    sources.click(h.open_doc, None, [tabs, doc_view])
    return [question, *examples]


def _commitments_tab(h: Handlers, tabs: gr.Tabs, doc_view: gr.HTML) -> list[Any]:
    links = gr.State([])
    with gr.Row():
        q = gr.Textbox(label="关键词", placeholder="任务中的词语", min_width=160)
        leader = gr.Textbox(label="牵头领导", placeholder="姓名", min_width=120)
        unit = gr.Textbox(label="单位（牵头或责任）", placeholder="单位名称", min_width=160)
    with gr.Row():
        search = gr.Button("查询", variant="primary", scale=0, min_width=120, elem_id="c-search")
        download = gr.DownloadButton("导出 CSV", visible=False, scale=0, min_width=120)
    summary = gr.HTML(
        render.notice("输入条件后点击「查询」；全部留空则列出全部任务。"), js_on_load=None
    )
    table = gr.Dataframe(
        headers=render.COMMITMENT_HEADERS,
        datatype="str",
        interactive=False,
        wrap=True,
        column_widths=["38%", "9%", "14%", "19%", "20%"],
        max_height=640,
        elem_id="commitments-table",
        show_label=False,
    )
    phone_cards = gr.HTML(elem_id="commitment-cards", js_on_load=render.OPEN_DOC_JS)
    inputs, outputs = [q, leader, unit], [table, summary, phone_cards, download, links]
    for trigger in (search.click, q.submit, leader.submit, unit.submit):
        trigger(h.search_commitments, inputs, outputs, show_progress="minimal")
    table.select(h.open_commitment, [links], [tabs, doc_view])
    phone_cards.click(h.open_doc, None, [tabs, doc_view])
    return [q, unit]


def _documents_tab(h: Handlers, tabs: gr.Tabs, doc_view: gr.HTML, doc_list: gr.HTML) -> None:
    with gr.Row():
        with gr.Column(scale=1, min_width=260):
            doc_list.render()
        with gr.Column(scale=2, min_width=300):
            doc_view.render()
    doc_list.click(h.open_doc, None, [tabs, doc_view])


def build_blocks(h: Handlers) -> gr.Blocks:
    """The page: header, then the 问答, 责任分工 and 文档 tabs."""
    with gr.Blocks(
        title=render.PRODUCT_NAME, analytics_enabled=False, delete_cache=CACHE_CLEANUP
    ) as blocks:
        header = gr.HTML(render.header(None), js_on_load=None)
        doc_view = gr.HTML(
            render.notice("从左侧列表选择文档，或在问答中点击「查看原文段落」。"),
            js_on_load=render.SCROLL_TO_MARK_JS,
            elem_id="doc-view",
            render=False,
        )
        doc_list = gr.HTML(js_on_load=render.OPEN_DOC_JS, elem_id="doc-list", render=False)
        with gr.Tabs(selected=CHAT_TAB) as tabs:
            with gr.Tab("问答", id=CHAT_TAB):
                hinted = _chat_tab(h, tabs, doc_view)
            with gr.Tab("责任分工", id=COMMITMENTS_TAB):
                hinted += _commitments_tab(h, tabs, doc_view)
            with gr.Tab("文档", id=DOCS_TAB):
                _documents_tab(h, tabs, doc_view, doc_list)
            with gr.Tab("工作人员", id=STAFF_TAB):
                gr.HTML(
                    staff.panel_html(SUFFIXES, h.settings.max_upload_bytes),
                    js_on_load=staff.STAFF_JS,
                    elem_id="staff",
                )
        blocks.load(h.on_load, None, [header, doc_list])
        blocks.load(h.hints, None, hinted)
    return blocks


def theme() -> gr.themes.Base:
    """Local CJK fonts only (no web-font download), government red accents."""
    return gr.themes.Default(
        primary_hue="red",
        font=list(render.FONT_STACK),
        font_mono=["WenQuanYi Micro Hei Mono", "Noto Sans Mono CJK SC", "monospace"],
    )


class NoUploads:
    """ASGI guard: 403 for Gradio's upload route (no component of this UI uploads files)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"].rstrip("/").endswith(UPLOAD_PATH_SUFFIX):
            from starlette.responses import JSONResponse

            detail = (
                "页面不接受这种上传：工作人员请在「工作人员」页上传文档，或使用 POST /api/documents"
            )
            await JSONResponse({"detail": detail}, status_code=403)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def mount_ui(app: FastAPI) -> FastAPI:
    """Build the Blocks and mount them at "/" on ``app`` (the API keeps its /api routes).

    Gradio's upload route is switched off (:class:`NoUploads`, and a 1-byte limit behind
    it); the CSV export folder is removed at shutdown.
    """
    handlers = Handlers(app)
    cleanups = getattr(app.state, "cleanups", None)
    if cleanups is not None:
        cleanups.append(handlers.close)
    blocks = build_blocks(handlers)
    app.add_middleware(NoUploads)
    return gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        theme=theme(),
        css=render.CSS + staff.STAFF_CSS,
        head=render.PAGE_HEAD,
        footer_links=[],
        max_file_size=1,
    )
