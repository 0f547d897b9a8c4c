"""Tables as text: one line per row, cells separated by :data:`CELL_SEP`, header first.

Every reader writes tables with :func:`format_table`, so a cited row reads
``农村公路加装护栏 | 201公里 | 区交通运输委`` whatever the source format, and cells never
run together (``30.2`` and a next cell ``2`` never read ``30.22``). The cleaning rules
leave such rows alone (:func:`is_table_row`), and :mod:`ingest.table_records` turns each
table of a cleaned document into labelled rows with their offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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


def spread_spans(rows: Sequence[Sequence[tuple[str, int, int]]]) -> list[list[str]]:
    """Cells ``(text, rowspan, colspan)`` laid on a grid, row by row. A cell merged over
    rows below is filled into each of them (a merged cell reads as the row above says);
    one merged over columns fills the first and leaves the others empty, so the columns
    of every row stay those of the header."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, column) -> text from a cell above
    for r, cells in enumerate(rows):
        row: list[str] = []
        queue = list(cells)
        while queue or (r, len(row)) in pending:
            if (r, len(row)) in pending:
                row.append(pending.pop((r, len(row))))
                continue
            text, rowspan, colspan = queue.pop(0)
            col = len(row)
            row.extend([text] + [""] * (max(1, colspan) - 1))
            for below in range(1, max(1, rowspan)):
                pending[(r + below, col)] = text
                for extra in range(1, max(1, colspan)):
                    pending[(r + below, col + extra)] = ""
        grid.append(row)
    return grid


def fill_merged(rows: Sequence[Sequence[str | None]]) -> list[list[str]]:
    """Rows in which ``None`` marks a merged cell (a PDF table's cell that continues the
    one above): filled from the row above, in rows holding two or more values (a row of
    one value is a heading spanning the table, never filled)."""
    out: list[list[str]] = []
    for row in rows:
        filled = sum(1 for c in row if c)
        if out and filled >= 2:
            above = out[-1]
            out.append(
                [
                    (above[j] if j < len(above) else "") if c is None else c
                    for j, c in enumerate(row)
                ]
            )
        else:
            out.append(["" if c is None else c for c in row])
    return out
