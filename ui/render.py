"""Pure rendering for the UI: answers, source cards, documents and commitment rows as HTML/text.

Nothing here retrieves or answers: every function takes the shared types and returns a
string (or rows). All document text is HTML-escaped; offsets are document offsets, as in
:mod:`lixia_qa.types`.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

from lixia_qa.types import Answer, Citation, Commitment, Document
from ui.text import doc_when, when

PRODUCT_NAME = "政务文档问答"
LOADING = "服务正在加载索引…请稍后再试。"
COMMITMENT_HEADERS = ["任务", "牵头领导", "牵头单位", "责任单位", "出处"]
CSV_EXTRA_HEADERS = ["文档", "起始位置", "结束位置"]
SOURCE_TITLE_CHARS = 16  # document titles are long; the table shows their start
SOURCES_PLACEHOLDER = (
    '<div class="notice">提问后，这里显示回答所依据的原文段落；'
    "点击「查看原文段落」可在「文档」中定位。</div>"
)


def esc(text: object) -> str:
    """HTML-escape text for element content and quoted attributes."""
    return html.escape(str(text), quote=True)


def marked(text: str, offset: int, start: int, end: int) -> str:
    """Escaped ``text`` (found at document offset ``offset``) with ``[start, end)`` in ``<mark>``.

    The span is clamped to the text; an empty span gives the escaped text with no mark.
    """
    a = min(max(start - offset, 0), len(text))
    b = min(max(end - offset, a), len(text))
    if a == b:
        return esc(text)
    return f'{esc(text[:a])}<mark class="hl">{esc(text[a:b])}</mark>{esc(text[b:])}'


def open_doc_button(doc_id: str, start: int, end: int, label: str = "查看原文") -> str:
    """A button the UI's click handler turns into "open this span in the 文档 tab"."""
    return (
        f'<button type="button" class="open-doc" data-doc="{esc(doc_id)}" '
        f'data-start="{int(start)}" data-end="{int(end)}">{esc(label)}</button>'
    )


def _focus_span(c: Citation) -> tuple[int, int]:
    """The span to highlight in the document: the cited sentence, else the whole snippet."""
    if c.highlight_end > c.highlight_start:
        return c.highlight_start, c.highlight_end
    return c.start, c.end


def page_title(site: str | None) -> str:
    """The page's name: the place's, when known (青川区政务文档问答)."""
    return f"{site}{PRODUCT_NAME}" if site else PRODUCT_NAME


Docs = Mapping[str, Document]
NO_DOCS: Docs = MappingProxyType({})


def date_label(date: str | None, doc: Document | None = None) -> str:
    """A document's date or year with where it came from, the same on every view."""
    found = when(date, doc.date_source if doc is not None else "")
    return found.label() if found else "日期不详"


def citation_card(
    c: Citation, related: bool = False, dom_id: str = "", docs: Docs = NO_DOCS
) -> str:
    """One source card: number, title, date, heading, snippet with the cited sentence marked.

    ``related`` cards (passages near the question, not cited) get a muted style;
    ``dom_id`` is the card's id, the target of the answer's ``[n]``; ``docs`` (the
    cited documents by id) tell where each date came from.
    """
    label = date_label(c.date, docs.get(c.doc_id))
    date = f'<span class="date">{esc(label)}</span>' if c.date else ""
    ident = f' id="{esc(dom_id)}" tabindex="-1"' if dom_id else ""
    heading = f'<div class="heading">{esc(c.heading)}</div>' if c.heading else ""
    snippet = marked(c.snippet, c.start, c.highlight_start, c.highlight_end)
    start, end = _focus_span(c)
    return (
        f'<div class="card{" related" if related else ""}" data-n="{c.n}"{ident}>'
        f'<div class="card-head"><span class="num">[{c.n}]</span>'
        f'<span class="title">{esc(c.title)}</span>{date}</div>'
        f'{heading}<div class="snippet">{snippet}</div>'
        f'<div class="card-foot">{open_doc_button(c.doc_id, start, end, "查看原文段落")}</div>'
        "</div>"
    )


def cards(
    citations: Iterable[Citation], related: bool = False, id_prefix: str = "", docs: Docs = NO_DOCS
) -> str:
    """Cards of ``citations``; with ``id_prefix`` each has the id ``{prefix}-{n}``."""
    return "".join(
        citation_card(c, related, f"{id_prefix}-{c.n}" if id_prefix else "", docs)
        for c in citations
    )


def answer_panel(answer: Answer, turn: int = 0, docs: Docs = NO_DOCS) -> str:
    """The HTML beside the chat: source cards (ids ``src-{turn}-{n}``), or an abstention
    notice with the passages closest to the question."""
    prefix = f"src-{turn}"
    if answer.abstained:
        parts = [
            '<div class="notice abstain"><strong>未找到确切答案</strong>'
            f"<div>{esc(answer.text)}</div></div>"
        ]
        if answer.related:
            title = '<div class="sources-title">最接近的段落（仅供参考）</div>'
            parts.append(title + cards(answer.related, True, prefix, docs))
        return f'<div class="sources" data-turn="{turn}">{"".join(parts)}</div>'
    parts = [f'<div class="sources-title">来源</div>{cards(answer.citations, False, prefix, docs)}']
    if answer.related:
        parts.append(
            f'<details class="more"><summary>其他相关段落（{len(answer.related)}）</summary>'
            f"{cards(answer.related, True, docs=docs)}</details>"
        )
    return f'<div class="sources" data-turn="{turn}">{"".join(parts)}</div>'


def notice(text: str, kind: str = "info") -> str:
    """A one-line notice (loading, errors, empty results)."""
    return f'<div class="notice {esc(kind)}">{esc(text)}</div>'


def header(n_documents: int | None, error: str | None = None, site: str | None = None) -> str:
    """The page title (the place's name, when known) with the number of indexed
    documents, or the loading state; ``data-title`` is what the browser tab shows."""
    if n_documents is not None:
        status = f"已收录 {n_documents} 篇文档 · 回答均标注出处"
    elif error:
        status = "服务暂不可用：索引未能加载，请联系管理员查看服务器日志"
    else:
        status = LOADING
    title = page_title(site)
    return (
        f'<div class="app-header" data-title="{esc(title)}"><h1>{esc(title)}</h1>'
        f'<div class="status">{esc(status)}</div></div>'
    )


def _doc_meta(doc: Document) -> str:
    found = doc_when(doc)
    parts = (found.label() if found else "日期不详", doc.source, f"{len(doc.text):,} 字")
    return " · ".join(x for x in parts if x)


def documents_list(docs: Sequence[Document]) -> str:
    """Every document as a clickable item: title, date, source and size in characters."""
    if not docs:
        return notice("索引中还没有文档。")
    items = "".join(
        f'<li><button type="button" class="doc-item" data-doc="{esc(d.doc_id)}" '
        f'data-start="0" data-end="0"><span class="title">{esc(d.title)}</span>'
        f'<span class="meta">{esc(_doc_meta(d))}</span></button></li>'
        for d in docs
    )
    return f'<ul class="doc-list">{items}</ul>'


def document_view(doc: Document, start: int = 0, end: int = 0) -> str:
    """The full cleaned text (escaped, line breaks kept) with ``[start, end)`` highlighted."""
    located = '<div class="located">已定位到引用位置（黄色标记）</div>' if end > start else ""
    return (
        f'<article class="doc-view"><h2>{esc(doc.title)}</h2>'
        f'<div class="meta">{esc(_doc_meta(doc))}</div>{located}'
        f'<div class="doc-text">{marked(doc.text, 0, start, end)}</div></article>'
    )


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def source_label(c: Commitment, titles: Mapping[str, str], limit: int | None = None) -> str:
    """Where a commitment comes from: document title (shortened to ``limit``) and heading."""
    title = titles.get(c.doc_id, c.doc_id)
    if limit:
        title = shorten(title, limit)
    return f"{title} > {c.headings[-1]}" if c.headings else title


def commitment_row(c: Commitment, titles: Mapping[str, str]) -> list[str]:
    """One table row in the order of :data:`COMMITMENT_HEADERS`."""
    people = ("、".join(names) for names in (c.leaders, c.lead_units, c.units))
    return [c.task, *people, source_label(c, titles, SOURCE_TITLE_CHARS)]


def commitment_card(c: Commitment, titles: Mapping[str, str]) -> str:
    """A commitment as a card (the phone layout of the table), with a link to its place."""
    people = "".join(
        f'<div class="who"><span class="label">{label}</span>{esc("、".join(names))}</div>'
        for label, names in (
            ("牵头领导", c.leaders),
            ("牵头单位", c.lead_units),
            ("责任单位", c.units),
        )
        if names
    )
    return (
        f'<div class="card commitment"><div class="task">{esc(c.task)}</div>{people}'
        f'<div class="heading">{esc(source_label(c, titles, SOURCE_TITLE_CHARS))}</div>'
        f'<div class="card-foot">{open_doc_button(c.doc_id, c.start, c.end)}</div></div>'
    )


def commitment_cards(items: Sequence[Commitment], titles: Mapping[str, str]) -> str:
    return "".join(commitment_card(c, titles) for c in items)


def commitments_csv(items: Sequence[Commitment], titles: Mapping[str, str]) -> str:
    """UTF-8-with-BOM CSV text (Excel opens it as Chinese) of the commitment rows and offsets."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COMMITMENT_HEADERS + CSV_EXTRA_HEADERS)
    for c in items:
        row = commitment_row(c, titles)
        writer.writerow([*row[:-1], source_label(c, titles), c.doc_id, c.start, c.end])
    return "\ufeff" + buf.getvalue()


def lookups(hints: Any) -> str:
    """Staff look-ups for the 责任分工 tab (``server.examples.Hints``): the units and
    leaders the records name most and the commonest task words, each a button that
    fills its filter and searches."""
    if hints is None:
        return ""
    chips = [("unit", u, f"单位：{u}") for u in hints.units]
    chips += [("leader", name, f"牵头领导：{name}") for name in hints.leaders]
    chips += [("q", w, f"关键词：{w}") for w in hints.keywords]
    if not chips:
        return ""
    buttons = "".join(
        f'<button type="button" class="example-chip" data-{key}="{esc(value)}">{esc(label)}</button>'
        for key, value, label in chips
    )
    return f'<div class="lookups"><span class="label">常用查询：</span>{buttons}</div>'
