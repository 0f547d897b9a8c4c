"""Tables on a PDF page: pdfplumber's ruled tables, completed from word positions.

pdfplumber finds a table from its rules. A statistical bulletin's table is often ruled
only above and below (a three-line table) with a few inner rules, so pdfplumber finds a
piece of it: some columns, or one row holding every line of a column. Here:

* a table whose rows run wider than its box (text lines inside it reach past its
  edges) is read again from the words in its band: lines by position, columns from the
  lines with the most words (:func:`word_rows`), so no cell is lost;
* a row whose cells hold one value a line is split into one row a line (:func:`unstack`);
* a cell merged over rows (``None``) is filled from the row above;
* a frame of one column (a text box drawn with rules) is text, not a table;
* a table without rules under a caption (``表2 …``) is read from the words of the short
  lines of two or more words right below it.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ingest.table_records import is_number
from ingest.tables import fill_merged, format_table
from lixia_qa import zh
from lixia_qa.zh import HAN_RE

_LINE_TOLERANCE = 3.0  # points: words this close vertically are on one line
_CAPTION_RE = re.compile(rf"^\s*(?:附\s*)?表\s*[\d{zh.CN_NONZERO}十]+")
_ROW_MAX = 60  # a longer line under a caption is prose, not a row
# a sentence, not a row of cells: a Chinese clause or sentence mark (a cell may hold 1,000)
_PROSE_RE = re.compile(
    f"[{zh.chinese_only(zh.COMMAS + zh.SENTENCE_END + zh.SEMICOLONS + zh.COLONS)}]"
)
_PAGE_NUMBER_RE = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$")


@dataclass(frozen=True)
class PageTable:
    text: str  # rows by :func:`ingest.tables.format_table`, or a paragraph
    bbox: tuple[float, float, float, float]
    is_table: bool


def unstack(row: list[str]) -> list[list[str]]:
    """A row whose cells hold several lines each, one value a line (a table ruled only
    around its body: pdfplumber gives one row holding every line), as one row a line. A
    row where fewer than two cells hold the same number of lines is kept (a long cell
    wrapped over lines)."""
    counts = [len(c.split("\n")) if c else 0 for c in row]
    n = max(counts, default=0)
    if n < 2 or counts.count(n) < 2 or any(k not in (0, 1, n) for k in counts):
        return [row]
    split = [c.split("\n") if k == n else [c] * n for c, k in zip(row, counts, strict=True)]
    return [[cells[i] for cells in split] for i in range(n)]


def table_text(rows: list[list[str | None]]) -> tuple[str, bool]:
    """``(text, is_table)`` of a table pdfplumber found: rows (merged cells filled from
    the row above, stacked lines split into rows), or, for a frame of one column (a text
    box drawn as a table), its text as one paragraph."""
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        return "", False
    if max(len(r) for r in rows) < 2:
        return "".join(c.replace("\n", "") for r in rows for c in r if c), False
    grid = [part for row in fill_merged(rows) for part in unstack(row)]
    return format_table(grid), True


def _lines_of(words: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    lines: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= _LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _join(left: str, right: str) -> str:
    han = bool(HAN_RE.match(left[-1:]) or HAN_RE.match(right[:1]))
    return left + right if not left or han else f"{left} {right}"


def word_rows(words: list[dict[str, Any]]) -> list[list[str]]:
    """Rows of cells from the words of a table's band: one row a line; the columns are
    those of the lines with the most common number (two or more) of words, and every
    word goes to the column nearest its centre."""
    lines = _lines_of(words)
    counts = Counter(len(line) for line in lines if len(line) >= 2)
    if not counts:
        return [[" ".join(w["text"] for w in line)] for line in lines]
    width = max(counts, key=lambda n: (counts[n], n))
    model = [line for line in lines if len(line) == width]
    centres = [
        statistics.median((ln[k]["x0"] + ln[k]["x1"]) / 2 for ln in model) for k in range(width)
    ]
    rows = []
    for line in lines:
        cells = [""] * width
        for word in line:
            centre = (word["x0"] + word["x1"]) / 2
            k = min(range(width), key=lambda i: abs(centres[i] - centre))
            cells[k] = _join(cells[k], word["text"])
        rows.append(cells)
    return _one_header(rows)


def _one_header(rows: list[list[str]]) -> list[list[str]]:
    """The lines above the first line of figures, when there are several (a heading set
    on two or three lines, ``年份`` between them), as one header row, column by column."""
    first = next((i for i, r in enumerate(rows) if any(is_number(c) for c in r)), 0)
    if not 2 <= first <= 3:
        return rows
    header = ["".join(r[j] for r in rows[:first]) for j in range(len(rows[0]))]
    return [header, *rows[first:]]


def _wider_than_box(lines: list[dict[str, Any]], box: tuple[float, float, float, float]) -> bool:
    """Text lines within the box's band reach past its left or right edge."""
    x0, top, x1, bottom = box
    band = [ln for ln in lines if top <= (ln["top"] + ln["bottom"]) / 2 <= bottom]
    return any(ln["x0"] < x0 - 4 or ln["x1"] > x1 + 4 for ln in band)


def _figures_only(rows: list[list[str | None]]) -> bool:
    """Every line of every cell is a figure but the first (a column's heading): a column
    cut out of a wider table."""
    values = [v for r in rows for c in r if c for v in c.split("\n") if v.strip()]
    return len(values) >= 3 and all(is_number(v) for v in values[1:])


def _band_table(page: Any, lines: list[dict[str, Any]], top: float, bottom: float) -> PageTable:
    """The table made of the words between ``top`` and ``bottom``, as wide as its lines."""
    band = [ln for ln in lines if top <= (ln["top"] + ln["bottom"]) / 2 <= bottom]
    box = (min(ln["x0"] for ln in band), top, max(ln["x1"] for ln in band), bottom)
    words = [w for w in page.extract_words() if top <= (w["top"] + w["bottom"]) / 2 <= bottom]
    rows = word_rows(words)
    text = format_table(rows) if rows and len(rows[0]) >= 2 else ""
    return PageTable(text, box, bool(text))


def _ruled_below(caption: dict[str, Any], taken: list[tuple[float, float, float, float]]) -> bool:
    """A table already found starts right under the caption (within three line heights)."""
    height = caption["bottom"] - caption["top"]
    return any(0 <= box[1] - caption["bottom"] <= 3 * height for box in taken)


def _caption_tables(
    page: Any, lines: list[dict[str, Any]], taken: list[tuple[float, float, float, float]]
) -> list[PageTable]:
    """Tables without rules, under a caption (``表2 …``): the short lines of two or more
    words right below it (a figure beside its name), up to the first that is not one."""
    found = []
    free = [
        ln for ln in lines if not any(b[1] <= (ln["top"] + ln["bottom"]) / 2 <= b[3] for b in taken)
    ]
    for i, line in enumerate(free):
        if not _CAPTION_RE.match(line["text"]) or _ruled_below(line, taken):
            continue
        rows: list[dict[str, Any]] = []
        for below in free[i + 1 :]:
            text = below["text"].strip()
            height = below["bottom"] - below["top"]
            far = rows and below["top"] - rows[-1]["bottom"] > 2 * height
            prose = bool(_PROSE_RE.search(text))  # a sentence, not a row of cells
            if far or prose or len(text) > _ROW_MAX or len(text.split()) < 2:
                break
            if _PAGE_NUMBER_RE.match(text):
                break
            rows.append(below)
        if len(rows) >= 2:
            found.append(_band_table(page, lines, rows[0]["top"] - 1, rows[-1]["bottom"] + 1))
    return found


def page_tables(page: Any, lines: list[dict[str, Any]]) -> list[PageTable]:
    """The tables of a page (``lines``: its text lines), read as the module says."""
    found = []
    for table in page.find_tables():
        box, rows = table.bbox, table.extract()
        column = max((len(r) for r in rows), default=0) >= 2 or _figures_only(rows)
        if column and _wider_than_box(lines, box):
            found.append(_band_table(page, lines, box[1], box[3]))
            continue
        text, is_table = table_text(rows)
        if text:
            found.append(PageTable(text, box, is_table))
    found += _caption_tables(page, lines, [t.bbox for t in found])
    return [t for t in found if t.text]
