"""Text rules of the page: how a document's date is shown, and table rows as sentences.

Pure functions over strings and the shared types; :mod:`ui.render` and
:mod:`ui.conversation` put their results into HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lixia_qa.types import Citation, Document

_FULL_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
CELL_SEP = " | "  # how ingest writes the cells of a table row


# where a date was read (Document.date_source, lixia_qa.types.DATE_SOURCES), as said
SOURCE_WORDS = {
    "visible label": "文中标注的日期",
    "meta": "网页信息中的日期",
    "text": "文末落款日期",
    "title": "标题中的年份",
    "page": "据网页推测的日期",
}
YEAR_FROM_TEXT = "据正文推断的年份"


@dataclass(frozen=True)
class When:
    """One date or year for a document, and where it came from."""

    text: str  # 2023年2月1日, 2023年
    source: str  # 文中所署日期, 据正文推断的年份

    def label(self) -> str:
        return f"{self.text}（{self.source}）"


def when(date: str | None, source: str = "") -> When | None:
    """The date a document states (``2023-02-01``) or else the year its text speaks
    about (``2023``), as ``Document.when`` and ``Citation.date`` give it, with where it
    was read (``Document.date_source``), worded the same way in the 文档 tab, on source
    cards and beside answers."""
    if not date:
        return None
    date = date.strip()
    year_only = bool(_YEAR.match(date))
    if year_only and source in ("", "text"):
        said = YEAR_FROM_TEXT  # no date line: the year the text speaks about
    else:
        said = SOURCE_WORDS.get(source, "文中的日期")
    if m := _FULL_DATE.match(date):
        y, mo, d = (int(x) for x in m.groups())
        return When(f"{y}年{mo}月{d}日", said)
    if m := _MONTH.match(date):
        return When(f"{int(m[1])}年{int(m[2])}月", said)
    return When(f"{date}年" if year_only else date, said)


def doc_when(doc: Document) -> When | None:
    return when(doc.when, doc.date_source)


@dataclass(frozen=True)
class TableRow:
    """A row of a table as ingest writes it (cells joined by `` | ``) and its header,
    when the table has one."""

    cells: tuple[str, ...]
    header: tuple[str, ...] = ()

    def sentence(self) -> str:
        """``单位：区商务局；任务：…`` when the header names every cell, else the cells
        joined by ``，``; empty cells are left out."""
        if self.header and len(self.header) == len(self.cells):
            pairs = [(h, c) for h, c in zip(self.header, self.cells, strict=True) if c]
            return "；".join(f"{h}：{c}" if h else c for h, c in pairs)
        return "，".join(c for c in self.cells if c)


def _cells(line: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in line.strip().strip("|").split("|"))


def _line_at(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def table_row_at(text: str, start: int, end: int) -> TableRow | None:
    """The table row that holds ``text[start:end]`` (a cited span), with the header of
    its table: the first line of the run of row lines it belongs to, when that line has
    as many cells and is not itself the cited row. None when the span is not in a row."""
    if not 0 <= start < len(text):
        return None
    a, b = _line_at(text, start)
    line = text[a:b]
    if CELL_SEP not in line or end > b + 1:
        return None
    first = a
    while first > 0:
        pa, pb = _line_at(text, first - 1)
        if CELL_SEP not in text[pa:pb]:
            break
        first = pa
    cells = _cells(line)
    if first == a:
        return TableRow(cells)
    fa, fb = _line_at(text, first)
    header = _cells(text[fa:fb])
    return TableRow(cells, header if len(header) == len(cells) else ())


def cited_text(segment: str, citation: Citation | None, doc: Document | None) -> str:
    """How an answer's sentence is shown: a table row as labelled text (never raw
    `` | ``), anything else as it is."""
    if citation is not None and doc is not None:
        row = table_row_at(doc.text, citation.highlight_start, citation.highlight_end)
        if row is not None:
            return row.sentence()
    if CELL_SEP.strip() in segment:
        return "，".join(c for c in _cells(segment) if c)
    return segment
