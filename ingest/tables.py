"""Tables as text: one line per row, cells separated by :data:`CELL_SEP`, header first.

Every reader writes tables with :func:`format_table`, so a cited row reads
``农村公路加装护栏 | 201公里 | 区交通运输委`` whatever the source format, and cells never
run together (``30.2`` and a next cell ``2`` never read ``30.22``). The cleaning rules
leave such rows alone (:func:`is_table_row`), and :func:`find_tables` finds them again
in a cleaned document, with offsets, for the commitment parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from lixia_qa.zh import HAN_RE

CELL_SEP = " | "
_SEP_RE = re.compile(r" ?\| ?")
_SPACE_RE = re.compile(r"\s+")


def clean_cell(value: object) -> str:
    """A cell's text on one line: inner line breaks joined (no space between Chinese
    characters), runs of whitespace collapsed, ``|`` written as ``｜``. ``None`` -> ``""``."""
    if value is None:
        return ""
    parts = [p.strip() for p in str(value).replace("|", "｜").splitlines() if p.strip()]
    out = ""
    for part in parts:
        glue = "" if not out or (HAN_RE.match(out[-1]) or HAN_RE.match(part[0])) else " "
        out += glue + part
    return _SPACE_RE.sub(" ", out).strip()


def format_row(cells: Iterable[object]) -> str:
    """One row: cleaned cells joined by :data:`CELL_SEP`; trailing empty cells dropped."""
    values = [clean_cell(c) for c in cells]
    while values and not values[-1]:
        values.pop()
    return CELL_SEP.join(values)


def format_table(rows: Iterable[Sequence[object]]) -> str:
    """Rows (header first) as lines; empty rows dropped. A row with a single non-empty
    cell (a caption row spanning the table) is written on its own, without separators."""
    lines = [format_row(r) for r in rows]
    return "\n".join(line for line in lines if line.strip(" |"))


_MD_ROW_RE = re.compile(r"^\s*\|(.*)\|\s*$")
_MD_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _text_row(line: str) -> list[str] | None:
    """Cells of a markdown pipe-table row or of a tab-separated line (two or more cells)."""
    md = _MD_ROW_RE.match(line)
    if md:
        cells = md.group(1).split("|")
    elif "\t" in line.strip():
        cells = line.strip().split("\t")
    else:
        return None
    return cells if len(cells) >= 2 else None


def text_tables(text: str) -> str:
    """Markdown pipe tables and tab-separated blocks (two or more such lines in a row) as
    rows: ``| 项目 | 数量 |`` and ``项目\t数量`` become ``项目 | 数量``; the ``|---|`` rule goes."""
    lines = text.split("\n")
    rows = [None if _MD_RULE_RE.match(ln) and "-" in ln else _text_row(ln) for ln in lines]
    out: list[str] = []
    for i, line in enumerate(lines):
        in_block = rows[i] is not None and (
            (i > 0 and (rows[i - 1] is not None or _MD_RULE_RE.match(lines[i - 1])))
            or (i + 1 < len(lines) and (rows[i + 1] is not None or _MD_RULE_RE.match(lines[i + 1])))
        )
        if _MD_RULE_RE.match(line) and "|" in line and i > 0 and rows[i - 1] is not None:
            continue  # the rule under a markdown header
        cells = rows[i]
        out.append(format_row(cells) if in_block and cells is not None else line)
    return "\n".join(out)


def is_table_row(line: str) -> bool:
    """True for a row written by :func:`format_row` (two or more cells)."""
    return CELL_SEP in line


def split_row(line: str) -> list[str]:
    """The cells of a row line."""
    return [cell.strip() for cell in _SEP_RE.split(line)]


@dataclass(frozen=True)
class Row:
    start: int  # offset of the row line in the text
    end: int
    cells: tuple[str, ...]
    cell_starts: tuple[int, ...]  # offset of each cell


@dataclass(frozen=True)
class TableBlock:
    """Consecutive row lines of a cleaned text: the first is the header."""

    header: tuple[str, ...]
    rows: tuple[Row, ...]
    start: int
    end: int


def _row(text: str, start: int, end: int) -> Row:
    cells, starts = [], []
    pos = start
    for match in _SEP_RE.finditer(text, start, end):
        starts.append(pos)
        cells.append(text[pos : match.start()].strip())
        pos = match.end()
    starts.append(pos)
    cells.append(text[pos:end].strip())
    return Row(start, end, tuple(cells), tuple(starts))


def find_tables(text: str) -> list[TableBlock]:
    """Every block of consecutive table-row lines in ``text`` (at least a header and a row)."""
    blocks: list[TableBlock] = []
    run: list[Row] = []
    pos = 0
    for line in [*text.split("\n"), ""]:
        end = pos + len(line)
        if is_table_row(line):
            run.append(_row(text, pos, end))
        else:
            if len(run) >= 2:
                blocks.append(TableBlock(run[0].cells, tuple(run[1:]), run[0].start, run[-1].end))
            run = []
        pos = end + 1
    return blocks
