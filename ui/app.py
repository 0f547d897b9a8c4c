"""The Gradio page, mounted at "/" on the API's FastAPI app (one port; the API stays under /api).

The header names the place (LIXIA_SITE_NAME, or the documents' issuing body) in the page
and the browser tab; then the tabs 问答 (the conversation, sources beside it), 责任分工
(commitment records, filled on open), 文档 and 工作人员. Handlers are in
:mod:`ui.handlers`, HTML in :mod:`ui.render` and :mod:`ui.conversation`, scripts and
CSS in :mod:`ui.assets`.
"""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr
from fastapi import FastAPI

from ingest.loader import SUFFIXES
from ui import assets, conversation, render, staff
from ui.guards import LOCALE, ChineseLocale, NoUploads
from ui.handlers import (
    CHAT_TAB,
    COMMITMENTS_TAB,
    DOCS_TAB,
    N_EXAMPLES,
    QUESTION_PLACEHOLDER,
    STAFF_TAB,
    Handlers,
    new_chat_state,
)

logger = logging.getLogger(__name__)

CACHE_CLEANUP = (3600, 3600)  # Gradio deletes its cached files hourly and at shutdown


class Page:
    """The components that handlers of several tabs read or write."""

    def __init__(self, h: Handlers) -> None:
        self.header = gr.HTML(
            render.header(None, site=h.settings.site_name), js_on_load=assets.HEADER_JS
        )
        self.doc_view = gr.HTML(
            render.notice("从左侧列表选择文档，或在回答的来源中点击「查看原文段落」。"),
            js_on_load=assets.SCROLL_TO_MARK_JS,
            elem_id="doc-view",
            render=False,
        )
        self.doc_list = gr.HTML(js_on_load=assets.OPEN_DOC_JS, elem_id="doc-list", render=False)
        self.hinted: list[Any] = []
        self.filters: list[Any] = []  # keyword, leader, unit
        self.results: list[Any] = []  # table, summary, phone cards, download, links


def _chat_tab(h: Handlers, page: Page, tabs: gr.Tabs) -> gr.HTML:
    state = gr.State(new_chat_state())

    def vote(data: Any) -> bool:  # a server function: a plain function, named as called
        return h.vote(data)

    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=320):
            chat = gr.HTML(
                conversation.EMPTY_CHAT,
                elem_id="chat",
                js_on_load=assets.CHAT_JS,
                server_functions=[vote],
            )
            question = gr.Textbox(
                label="问题",
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
            clear = gr.Button("新对话", size="sm", variant="secondary", min_width=100)
        with gr.Column(scale=2, min_width=300, elem_id="sources-column"):
            sources = gr.HTML(
                render.SOURCES_PLACEHOLDER, elem_id="sources", js_on_load=assets.OPEN_DOC_JS
            )
    outputs = [question, chat, sources, state]
    question.submit(h.ask, [question, state], outputs, show_progress="minimal")
    for button in examples:
        button.click(h.ask, [button, state], outputs, show_progress="minimal")
    clear.click(h.clear, None, [chat, sources, state])
    sources.click(h.open_doc, None, [tabs, page.doc_view])
    chat.click(h.open_doc, None, [tabs, page.doc_view])
    page.hinted += [question, *examples]
    return chat


def _commitments_tab(h: Handlers, page: Page, tabs: gr.Tabs) -> None:
    links = gr.State([])
    looks = gr.HTML(elem_id="lookups", js_on_load=assets.LOOKUP_JS)
    with gr.Row():
        q = gr.Textbox(label="关键词", placeholder="任务中的词语", min_width=160)
        leader = gr.Textbox(label="牵头领导", placeholder="姓名", min_width=120)
        unit = gr.Textbox(
            label="单位（牵头或责任，可用简称）", placeholder="单位名称", min_width=160
        )
    with gr.Row():
        search = gr.Button("查询", variant="primary", scale=0, min_width=120, elem_id="c-search")
        download = gr.DownloadButton("导出 CSV", visible=False, scale=0, min_width=120)
    summary = gr.HTML(
        render.notice("正在载入全部任务…"), js_on_load=None, elem_id="commitments-summary"
    )
    table = gr.Dataframe(
        headers=render.COMMITMENT_HEADERS,
        datatype="str",
        interactive=False,
        wrap=True,
        column_widths=["38%", "9%", "14%", "19%", "20%"],
        max_height=640,
        elem_id="commitments-table",
        label="责任分工表",
        show_label=False,
        buttons=[],
    )
    phone_cards = gr.HTML(elem_id="commitment-cards", js_on_load=assets.OPEN_DOC_JS)
    page.filters = [q, leader, unit]
    page.results = [table, summary, phone_cards, download, links]
    for trigger in (search.click, q.submit, leader.submit, unit.submit):
        trigger(h.search_commitments, page.filters, page.results, show_progress="minimal")
    looks.click(h.lookup, None, [*page.filters, *page.results])
    table.select(h.open_commitment, [links], [tabs, page.doc_view])
    phone_cards.click(h.open_doc, None, [tabs, page.doc_view])
    page.hinted += [q, unit, looks]


def _documents_tab(h: Handlers, page: Page, tabs: gr.Tabs) -> None:
    with gr.Row():
        with gr.Column(scale=1, min_width=260):
            page.doc_list.render()
        with gr.Column(scale=2, min_width=300):
            page.doc_view.render()
    page.doc_list.click(h.open_doc, None, [tabs, page.doc_view])


def _staff_tab(h: Handlers, page: Page) -> None:
    enabled = h.settings.admin_key is not None and bool(h.settings.admin_key.get_secret_value())
    panel = gr.HTML(
        staff.panel_html(SUFFIXES, h.settings.max_upload_bytes, enabled),
        js_on_load=staff.STAFF_JS,
        elem_id="staff",
    )
    # the panel fires "click" once a change is served: the header, the 文档 list and
    # the examples follow without a reload
    panel.click(h.on_load, None, [page.header, page.doc_list])
    panel.click(h.hints, None, page.hinted)


def build_blocks(h: Handlers) -> gr.Blocks:
    """The page: header, then the 问答, 责任分工, 文档 and 工作人员 tabs."""
    with gr.Blocks(
        title=render.page_title(h.settings.site_name),
        analytics_enabled=False,
        delete_cache=CACHE_CLEANUP,
    ) as blocks:
        page = Page(h)
        with gr.Tabs(selected=CHAT_TAB) as tabs:
            with gr.Tab("问答", id=CHAT_TAB):
                chat = _chat_tab(h, page, tabs)
            with gr.Tab("责任分工", id=COMMITMENTS_TAB):
                _commitments_tab(h, page, tabs)
            with gr.Tab("文档", id=DOCS_TAB):
                _documents_tab(h, page, tabs)
            with gr.Tab("工作人员", id=STAFF_TAB):
                _staff_tab(h, page)
        chat.click(h.records_from_chat, None, [tabs, *page.filters, *page.results])
        blocks.load(h.on_load, None, [page.header, page.doc_list])
        blocks.load(h.hints, None, page.hinted)
        empty = [gr.State(""), gr.State(""), gr.State("")]
        blocks.load(h.search_commitments, empty, page.results)
    return blocks


def theme() -> gr.themes.Base:
    """Local CJK fonts only (no web-font download), government red accents."""
    return gr.themes.Default(
        primary_hue="red",
        font=list(assets.FONT_STACK),
        font_mono=["WenQuanYi Micro Hei Mono", "Noto Sans Mono CJK SC", "monospace"],
    )


def mount_ui(app: FastAPI) -> FastAPI:
    """Build the Blocks and mount them at "/" on ``app`` (the API keeps its /api routes).

    Gradio's upload route is switched off (:class:`NoUploads`, and a 1-byte limit behind
    it), Gradio's own words are its Chinese ones (:class:`ChineseLocale`); the CSV export
    folder is removed at shutdown.
    """
    handlers = Handlers(app)
    cleanups = getattr(app.state, "cleanups", None)
    if cleanups is not None:
        cleanups.append(handlers.close)
    blocks = build_blocks(handlers)
    app.add_middleware(NoUploads)
    app.add_middleware(ChineseLocale)
    return gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        theme=theme(),
        css=assets.CSS + staff.STAFF_CSS,
        head=assets.PAGE_HEAD,
        i18n=gr.I18n(**{LOCALE: assets.GRADIO_ZH}),
        footer_links=[],
        max_file_size=1,
    )
