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
_CONTINUED_GAP = 0.6  # a row's cell wrapped onto a line at most this many sizes below it


@dataclass
class _Line:
    """A line being merged: its cells (pieces joined where they touch), left to right."""

    cells: list[list[Item]]
    top: float = 0.0

    def __post_init__(self) -> None:
        items = self.items
        self.top = max(it.bottom for it in items) - max(it.size for it in items)

    @property
    def items(self) -> list[Item]:
        return [it for cell in self.cells for it in cell]

    @property
    def row(self) -> bool:
        return len(self.cells) >= _MIN_CELLS

    def column(self, cell: list[Item]) -> int:
        """The column of this row that ``cell`` lies under (-1: none)."""
        starts = [c[0].x0 for c in self.cells]
        tolerance = _CELL_GAP * cell[0].size / 2
        x0, x1 = cell[0].x0, cell[-1].x1
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else float("inf")
            if start - tolerance <= x0 and x1 <= end - tolerance:
                return i
        return -1

    def continued_by(self, other: _Line) -> bool:
        """``other`` continues this row's cells on the next line (a task wrapped inside its
        cell): it lies close under the row, every one of its cells under a different
        column of the row, none under the first (a row's 序号 is never wrapped, and a new
        row has one)."""
        if not self.row:
            return False
        size = max(it.size for it in other.items)
        if other.top - max(it.bottom for it in self.items) > _CONTINUED_GAP * size:
            return False
        columns = [self.column(cell) for cell in other.cells]
        return min(columns) > 0 and len(set(columns)) == len(columns)

    def absorb(self, other: _Line) -> None:
        """Add ``other``'s cells to the columns they lie under (the row keeps its top)."""
        for cell in other.cells:
            self.cells[self.column(cell)].extend(cell)

    def item(self) -> Item:
        texts = [_cell_text(cell) for cell in self.cells]
        items = self.items
        text = CELL_SEP.join(texts) if self.row else " ".join(texts)
        size = max(it.size for it in items)
        bottom = max(it.bottom for it in items)
        x0, x1 = min(it.x0 for it in items), max(it.x1 for it in items)
        return Item(text, x0, x1, self.top, bottom, size, row=self.row)


def _by_line(pieces: Sequence[Item]) -> list[list[Item]]:
    """Pieces grouped into lines, top to bottom: those whose bottoms lie within
    :data:`_SAME_LINE` sizes of a line's first piece share it."""
    lines: list[list[Item]] = []
    for piece in sorted(pieces, key=lambda it: it.bottom):
        if lines and abs(piece.bottom - lines[-1][0].bottom) < _SAME_LINE * piece.size:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return lines


def _cell_text(cell: list[Item]) -> str:
    """A cell's pieces in reading order: line by line (a cell wrapped over two lines),
    left to right within a line, a space where a wide gap parts two words."""
    text = ""
    for line in _by_line(cell):
        ordered = sorted(line, key=lambda it: it.x0)
        part = ordered[0].text
        for prev, piece in zip(ordered, ordered[1:], strict=False):
            gap = piece.x0 - prev.x1
            part += (" " if gap > _WORD_GAP * piece.size else "") + piece.text
        text = _glue(text, part) if text else part
    return text


def _cells(cluster: list[Item]) -> list[list[Item]]:
    """The pieces of one line, left to right, grouped where no wide gap parts them."""
    ordered = sorted(cluster, key=lambda it: it.x0)
    cells = [[ordered[0]]]
    for prev, piece in zip(ordered, ordered[1:], strict=False):
        if piece.x0 - prev.x1 > _CELL_GAP * piece.size:
            cells.append([piece])
        else:
            cells[-1].append(piece)
    return cells


def merge_lines(pieces: Sequence[Item]) -> list[Item]:
    """Pieces of text placed on a page (an OFD's text codes, the boxes OCR finds) that
    share a line, joined left to right into that line; a wide gap between two pieces (a
    table's cells, a signature beside a date) is a space, and where a line has three or
    more such cells it is a table row (``1 | 新建社区食堂12处 | 区民政局``). A line close
    under a row whose pieces all lie under the row's later columns continues those cells
    (a task wrapped inside its cell) and is joined to them, not left as a line of its own."""
    lines: list[_Line] = []
    for cluster in _by_line(pieces):
        line = _Line(_cells(cluster))
        if lines and lines[-1].continued_by(line):
            lines[-1].absorb(line)
        else:
            lines.append(line)
    return [line.item() for line in lines]


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
