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

from lixia_qa.types import Answer, Citation, Commitment, Document

PRODUCT_NAME = "政务文档问答"
FONT_STACK = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "PingFang SC",
    "Microsoft YaHei",
    "sans-serif",
)
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


def citation_card(c: Citation, related: bool = False) -> str:
    """One source card: number, title, date, heading, snippet with the cited sentence marked.

    ``related`` cards (passages near the question, not cited) get a muted style.
    """
    date = f'<span class="date">{esc(c.date)}</span>' if c.date else ""
    heading = f'<div class="heading">{esc(c.heading)}</div>' if c.heading else ""
    snippet = marked(c.snippet, c.start, c.highlight_start, c.highlight_end)
    start, end = _focus_span(c)
    return (
        f'<div class="card{" related" if related else ""}" data-n="{c.n}">'
        f'<div class="card-head"><span class="num">[{c.n}]</span>'
        f'<span class="title">{esc(c.title)}</span>{date}</div>'
        f'{heading}<div class="snippet">{snippet}</div>'
        f'<div class="card-foot">{open_doc_button(c.doc_id, start, end, "查看原文段落")}</div>'
        "</div>"
    )


def cards(citations: Iterable[Citation], related: bool = False) -> str:
    return "".join(citation_card(c, related) for c in citations)


def answer_panel(answer: Answer) -> str:
    """The HTML beside the chat: source cards, or an abstention notice with related passages."""
    if answer.abstained:
        parts = [
            '<div class="notice abstain"><strong>未找到确切答案</strong>'
            f"<div>{esc(answer.text)}</div></div>"
        ]
        if answer.related:
            title = '<div class="sources-title">最接近的段落（仅供参考）</div>'
            parts.append(title + cards(answer.related, related=True))
        return f'<div class="sources">{"".join(parts)}</div>'
    parts = [f'<div class="sources-title">来源</div>{cards(answer.citations)}']
    if answer.related:
        parts.append(
            f'<details class="more"><summary>其他相关段落（{len(answer.related)}）</summary>'
            f"{cards(answer.related, True)}</details>"
        )
    return f'<div class="sources">{"".join(parts)}</div>'


def notice(text: str, kind: str = "info") -> str:
    """A one-line notice (loading, errors, empty results)."""
    return f'<div class="notice {esc(kind)}">{esc(text)}</div>'


def header(n_documents: int | None, error: str | None = None) -> str:
    """The page title with the number of indexed documents (or the loading state)."""
    if n_documents is not None:
        status = f"已收录 {n_documents} 篇文档 · 回答均标注出处"
    elif error:
        status = f"索引未加载：{error}"
    else:
        status = LOADING
    return (
        f'<div class="app-header"><h1>{esc(PRODUCT_NAME)}</h1>'
        f'<div class="status">{esc(status)}</div></div>'
    )


def _doc_meta(doc: Document) -> str:
    return " · ".join(x for x in (doc.date or "日期不详", doc.source, f"{len(doc.text):,} 字") if x)


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


# Click on any [data-doc] element inside the component -> Python click event with the span.
OPEN_DOC_JS = """
element.addEventListener('click', (event) => {
  const el = event.target.closest('[data-doc]');
  if (!el || !element.contains(el)) return;
  event.preventDefault();
  trigger('click', {doc: el.dataset.doc, start: Number(el.dataset.start || 0),
                    end: Number(el.dataset.end || 0)});
});
"""

# Show the highlighted span: scroll the text box to centre it, then bring the box into view.
SCROLL_TO_MARK_JS = """
const reveal = () => setTimeout(() => {
  const mark = element.querySelector('mark.hl');
  const box = element.querySelector('.doc-text');
  if (!mark || !box || mark.offsetParent === null) return;
  box.scrollTop = Math.max(mark.offsetTop - box.clientHeight / 3, 0);
  element.scrollIntoView({block: 'nearest'});
}, 120);
reveal();
watch('value', reveal);
"""

# Gradio scopes the `css` it is given to the content area; page-level rules go in <head>.
PAGE_HEAD = """<style>
@media (max-width: 600px) {
  .gradio-container .main.app { padding-left: 8px !important; padding-right: 8px !important; }
}
</style>"""

CSS = """
.gradio-container, .sources, .doc-view, .doc-list { font-family: __FONTS__; }
.gradio-container { width: 100%; max-width: 1180px !important; margin: 0 auto; }
.app-header h1 { margin: 0.2em 0 0.1em; font-size: 1.6rem; color: #9f1d20; }
.app-header .status { color: #555; font-size: 0.95rem; }
.sources, .doc-list, .doc-view { overflow-wrap: anywhere; word-break: break-word; }
.sources-title { font-weight: 600; margin: 0.6em 0 0.3em; }
.card { border: 1px solid #e3e3e3; border-left: 4px solid #9f1d20; border-radius: 8px;
  padding: 0.6em 0.8em; margin: 0.5em 0; background: #fff; }
.card.related { border-left-color: #b5b5b5; }
.card.related .num { color: #777; }
.card-head { display: flex; flex-wrap: wrap; gap: 0.4em; align-items: baseline; }
.card-head .num { color: #9f1d20; font-weight: 700; }
.card-head .title { font-weight: 600; flex: 1 1 12em; }
.card-head .date, .card .heading, .doc-view .meta, .doc-item .meta { color: #666; font-size: 0.88em; }
.card .snippet { margin: 0.35em 0; line-height: 1.7; }
mark.hl { background: #ffe58a; color: inherit; padding: 0 1px; border-radius: 2px; }
.open-doc { border: 1px solid #9f1d20; color: #9f1d20; background: #fff; border-radius: 6px;
  padding: 0.15em 0.7em; cursor: pointer; font-size: 0.9em; }
.open-doc:hover { background: #fbeaea; }
.notice { border-radius: 8px; padding: 0.6em 0.8em; margin: 0.5em 0; background: #eef4ff;
  border: 1px solid #c9d9f5; }
.notice.abstain { background: #fff7e6; border: 1px dashed #d48806; }
.notice.abstain strong { display: block; color: #ad6800; margin-bottom: 0.2em; }
.notice.error { background: #fff1f0; border-color: #ffa39e; }
.more summary { cursor: pointer; color: #444; margin: 0.4em 0; }
.doc-list { list-style: none; padding: 0; margin: 0; }
.doc-item { display: block; width: 100%; text-align: left; background: #fff; cursor: pointer;
  border: 1px solid #e3e3e3; border-radius: 8px; padding: 0.5em 0.8em; margin: 0.3em 0; }
.doc-item:hover { border-color: #9f1d20; }
.doc-item .title { display: block; font-weight: 600; }
.doc-view h2 { font-size: 1.25rem; margin: 0.3em 0; }
.doc-view .located { color: #ad6800; font-size: 0.9em; margin: 0.3em 0; }
.doc-view .doc-text { white-space: pre-wrap; line-height: 1.8; margin-top: 0.6em;
  position: relative; max-height: 72vh; overflow-y: auto; padding-right: 0.4em; }
.feedback-link { font-size: 0.9em; color: #666; }
#commitments-table table { table-layout: auto; }
#commitments-table td, #commitments-table th { white-space: normal !important;
  overflow-wrap: anywhere; }
.card.commitment .task { margin-bottom: 0.3em; line-height: 1.6; }
.card.commitment .who { font-size: 0.92em; }
.card.commitment .label { color: #666; margin-right: 0.4em; }
#commitment-cards { display: none; }
@media (max-width: 600px) {
  #commitments-table { display: none !important; }
  #commitment-cards { display: block; }
  #chat { height: 360px !important; }
  .app-header h1 { font-size: 1.3rem; }
  .card { padding: 0.5em 0.6em; }
}
""".replace("__FONTS__", ", ".join(f'"{f}"' if " " in f else f for f in FONT_STACK))
