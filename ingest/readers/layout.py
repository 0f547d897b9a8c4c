"""Text placed on pages (a PDF's text layer, an OFD's text objects) rejoined into
paragraphs: page furniture dropped, hard-wrapped lines rejoined by geometry.

* Lines repeated at the top or bottom of most pages (headers, footers; digits ignored,
  so ``第3页`` and ``第4页`` repeat) and page numbers (``- 3 -``, ``第3页 共8页``,
  ``3/8``) are dropped.
* A paragraph starts at an indented line, after a line that ends short of the right
  margin, after a vertical gap wider than the page's usual line spacing, or where the
  font size changes (a title above its date line); the same holds across a page break.
  The lines of a large title (a title wrapped on two centred lines) make one paragraph.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.tables import CELL_SEP
from lixia_qa import zh

_EDGE_LINES = 2  # lines at the top and bottom of a page that may be furniture
_PAGE_NUMBER_RE = re.compile(
    r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*页?(?:\s*(?:/|共)\s*\d{1,4}\s*页?)?[-—–\s]*$"
    r"|^(?:page|p\.)\s*\d+(?:\s*(?:/|of)\s*\d+)?$",
    re.I,
)


@dataclass(frozen=True)
class Item:
    """A line of text, or a whole table, placed on a page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    table: bool = False
    row: bool = False  # a table row whose cells were placed apart (merge_lines)


@dataclass(frozen=True)
class Page:
    number: int
    items: list[Item]
    left: float
    right: float
    line_gap: float  # the usual space between two lines of a paragraph


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


_SAME_LINE = 0.5  # pieces whose bottoms lie nearer than this many sizes share a line
_WORD_GAP = 1.0  # a gap of this many sizes between two pieces of a line is a space
_CELL_GAP = 2.0  # ... and of this many, where the line has three such cells, a cell's end
_MIN_CELLS = 3


def merge_lines(pieces: Sequence[Item]) -> list[Item]:
    """Pieces of text placed on a page (an OFD's text codes, the boxes OCR finds) that
    share a line, joined left to right into that line; a wide gap between two pieces (a
    table's cells, a signature beside a date) is a space."""
    clusters: list[list[Item]] = []
    for piece in sorted(pieces, key=lambda it: it.bottom):
        if clusters and abs(piece.bottom - clusters[-1][0].bottom) < _SAME_LINE * piece.size:
            clusters[-1].append(piece)
        else:
            clusters.append([piece])
    lines: list[Item] = []
    for cluster in clusters:
        ordered = sorted(cluster, key=lambda it: it.x0)
        cells = [ordered[0].text]
        for prev, piece in zip(ordered, ordered[1:], strict=False):
            gap = piece.x0 - prev.x1
            if gap > _CELL_GAP * piece.size:
                cells.append(piece.text)
            else:
                cells[-1] += (" " if gap > _WORD_GAP * piece.size else "") + piece.text
        row = len(cells) >= _MIN_CELLS
        text = CELL_SEP.join(cells) if row else " ".join(cells)
        size = max(it.size for it in cluster)
        bottom = max(it.bottom for it in cluster)
        x1 = max(it.x1 for it in cluster)
        lines.append(Item(text, ordered[0].x0, x1, bottom - size, bottom, size, row=row))
    return lines


def page_of(items: Sequence[Item], number: int, width: float) -> Page:
    """A page of ``items`` (lines and tables) in reading order, with its margins and
    usual line spacing measured from its lines."""
    ordered = sorted(items, key=lambda it: (it.top, it.x0))
    lines = [it for it in ordered if not (it.table or it.row)] or ordered
    left = min(it.x0 for it in lines) if lines else 0.0
    right = max(it.x1 for it in lines) if lines else width
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:], strict=False) if b.top > a.bottom]
    line_gap = statistics.median(gaps) if gaps else 0.0
    return Page(number, ordered, left, right, line_gap)


def furniture(pages: list[Page]) -> set[str]:
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


def _strip_edges(page: Page, repeated: set[str]) -> list[Item]:
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


def _title_continues(prev: Item, item: Item, body_size: float) -> bool:
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
    prev: Item | None, prev_page: Page | None, item: Item, page: Page, body_size: float
) -> bool:
    if prev is None or prev_page is None or item.table or prev.table or prev.row:
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


def _body_size(pages: list[Page]) -> float:
    """The font size of most text lines."""
    sizes = [it.size for page in pages for it in page.items if not it.table]
    return statistics.median(sizes) if sizes else 10.0


def assemble(pages: list[Page], repeated: set[str]) -> str:
    paragraphs: list[str] = []
    prev: Item | None = None
    prev_page: Page | None = None
    body_size = _body_size(pages)
    for page in pages:
        for item in _strip_edges(page, repeated):
            if item.row and prev is not None and prev.row:
                paragraphs[-1] += "\n" + item.text  # the next row of one table
            elif item.row or _starts_paragraph(prev, prev_page, item, page, body_size):
                paragraphs.append(item.text)
            else:
                paragraphs[-1] = _glue(paragraphs[-1], item.text)
            prev, prev_page = item, page
    return "\n\n".join(paragraphs)
