"""PDF: text layer by pdfplumber, page furniture dropped, hard-wrapped lines rejoined.

* Lines repeated at the top or bottom of most pages (headers, footers; digits ignored,
  so ``第3页`` and ``第4页`` repeat) and page numbers (``- 3 -``, ``第3页 共8页``,
  ``3/8``) are dropped.
* Lines are rejoined into paragraphs by geometry: a paragraph starts at an indented
  line, after a line that ends short of the right margin, after a vertical gap wider
  than the page's usual line spacing, or where the font size changes (a title above its
  date line); the same holds across a page break. The lines of a large title (a title
  wrapped on two centred lines) make one paragraph.
* Ruled tables become rows (:func:`ingest.tables.format_table`) in their place: merged
  cells filled from the row above, a body ruled only around its edge (every line of a
  column in one cell) split into one row a line; a frame of one column is text.
* A page without a text layer (a scan) is skipped with a warning naming the page.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pdfplumber

from ingest.readers.base import Extracted, UnreadableFileError
from ingest.readers.pdf_tables import page_tables
from lixia_qa import zh

logger = logging.getLogger(__name__)

_EDGE_LINES = 2  # lines at the top and bottom of a page that may be furniture
_PAGE_NUMBER_RE = re.compile(
    r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*页?(?:\s*(?:/|共)\s*\d{1,4}\s*页?)?[-—–\s]*$"
    r"|^(?:page|p\.)\s*\d+(?:\s*(?:/|of)\s*\d+)?$",
    re.I,
)


@dataclass(frozen=True)
class _Item:
    """A line of text, or a whole table, placed on a page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    table: bool = False


@dataclass(frozen=True)
class _Page:
    number: int
    items: list[_Item]
    left: float
    right: float
    line_gap: float  # the usual space between two lines of a paragraph


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _inside(item: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (item["x0"] + item["x1"]) / 2
    y = (item["top"] + item["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _read_page(page: Any, number: int) -> _Page:
    lines = [ln for ln in page.extract_text_lines(strip=True) if ln["text"].strip()]
    tables = page_tables(page, lines)
    boxes = [t.bbox for t in tables]
    items: list[_Item] = []
    for line in lines:
        if any(_inside(line, b) for b in boxes):
            continue
        size = statistics.median(c["size"] for c in line["chars"]) if line["chars"] else 10.0
        items.append(
            _Item(line["text"].strip(), line["x0"], line["x1"], line["top"], line["bottom"], size)
        )
    for table in tables:
        x0, top, x1, bottom = table.bbox
        items.append(_Item(table.text, x0, x1, top, bottom, 10.0, table=table.is_table))
    items.sort(key=lambda it: (it.top, it.x0))
    lines = [it for it in items if not it.table] or items
    left = min(it.x0 for it in lines) if lines else 0.0
    right = max(it.x1 for it in lines) if lines else float(page.width)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if b.top > a.bottom]
    line_gap = statistics.median(gaps) if gaps else 0.0
    return _Page(number, items, left, right, line_gap)


def _furniture(pages: list[_Page]) -> set[str]:
    """Keys of lines repeated at a page edge on at least half of the pages (2 or more)."""
    counts: Counter[str] = Counter()
    for page in pages:
        edge = {
            _key(it.text)
            for it in (*page.items[:_EDGE_LINES], *page.items[-_EDGE_LINES:])
            if not it.table
        }
        counts.update(edge)
    need = max(2, (len(pages) + 1) // 2)
    return {key for key, n in counts.items() if n >= need and len(pages) >= 2}


def _strip_edges(page: _Page, repeated: set[str]) -> list[_Item]:
    items = list(page.items)
    edges = {
        *range(min(_EDGE_LINES, len(items))),
        *range(max(0, len(items) - _EDGE_LINES), len(items)),
    }
    return [
        it
        for i, it in enumerate(items)
        if it.table
        or i not in edges
        or not (_key(it.text) in repeated or _PAGE_NUMBER_RE.match(it.text))
    ]


_ENDS_CLAUSE = zh.SENTENCE_END + zh.SEMICOLONS + zh.COLONS  # no title line ends so
_TITLE_SIZE = 1.1  # a line this much larger than the body's is a title line
_TITLE_GAP = 1.0  # at most this many line heights between two lines of one title


def _title_continues(prev: _Item, item: _Item, body_size: float) -> bool:
    """Two lines of one large title, one under the other (a title wrapped on two lines,
    each line centred): they make one paragraph, whatever their indents."""
    large = min(prev.size, item.size) >= _TITLE_SIZE * body_size
    return (
        large
        and abs(prev.size - item.size) < 0.5
        and 0 <= item.top - prev.bottom < _TITLE_GAP * item.size
        and prev.text[-1:] not in _ENDS_CLAUSE
    )


def _starts_paragraph(
    prev: _Item | None, prev_page: _Page | None, item: _Item, page: _Page, body_size: float
) -> bool:
    if prev is None or prev_page is None or item.table or prev.table:
        return True
    if prev_page is page and _title_continues(prev, item, body_size):
        return False
    if abs(prev.size - item.size) >= 0.15 * body_size:
        return True  # a title above a smaller date line, a heading above the body
    indent = item.x0 - page.left > 1.2 * item.size
    ended_short = prev_page.right - prev.x1 > 1.5 * prev.size
    gap = prev_page is page and item.top - prev.bottom > 1.6 * page.line_gap + 0.3 * item.size
    return indent or ended_short or gap


def _glue(left: str, right: str) -> str:
    latin = (
        left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum()
    )
    return f"{left} {right}" if latin else left + right


def _body_size(pages: list[_Page]) -> float:
    """The font size of most text lines."""
    sizes = [it.size for page in pages for it in page.items if not it.table]
    return statistics.median(sizes) if sizes else 10.0


def _assemble(pages: list[_Page], repeated: set[str]) -> str:
    paragraphs: list[str] = []
    prev: _Item | None = None
    prev_page: _Page | None = None
    body_size = _body_size(pages)
    for page in pages:
        for item in _strip_edges(page, repeated):
            if _starts_paragraph(prev, prev_page, item, page, body_size):
                paragraphs.append(item.text)
            else:
                paragraphs[-1] = _glue(paragraphs[-1], item.text)
            prev, prev_page = item, page
    return "\n\n".join(paragraphs)


def extract(data: bytes, name: str) -> Extracted:
    """The text of a PDF file; scanned pages are skipped and named in ``warnings``."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many unrelated types for a damaged file
        raise UnreadableFileError(f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    pages: list[_Page] = []
    warnings: list[str] = []
    with pdf:
        try:
            for number, page in enumerate(pdf.pages, start=1):
                if not page.chars:
                    warnings.append(f"page {number}: no text layer (a scanned image?), skipped")
                    continue
                pages.append(_read_page(page, number))
        except Exception as exc:
            raise UnreadableFileError(f"damaged PDF ({type(exc).__name__}: {exc})") from exc
    if not pages:
        raise UnreadableFileError("no page has a text layer (a scanned PDF): run OCR on it first")
    return Extracted(text=_assemble(pages, _furniture(pages)), kind="pdf", warnings=tuple(warnings))
