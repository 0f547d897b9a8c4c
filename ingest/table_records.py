"""Tables as records: each data row written as labelled text, with the table's structure.

Readers write a table as rows of cells (:func:`ingest.tables.format_table`, header
first). :func:`tables_as_records` rewrites every such table of a cleaned text so that
each data row is one line of labelled text, the way a person reads it::

    表3 某某镇2024年公开招聘岗位表          <- caption, kept (a heading, not an answer)
    序号 | 单位 | 职位 | 联系人            <- header, removed: its words become labels
    1 | 镇农业服务中心 | 技术员 | 张某      -> 序号：1；单位：镇农业服务中心；职位：技术员；联系人：张某

and returns a :class:`~lixia_qa.types.Table` per table (title, column labels, the span of
each row and of each value), so answer units and commitments are read from the
structure, never from the text again.

* A header of two rows (a group heading over sub-columns: ``2023年`` over ``绝对数`` and
  ``增长%``) gives labels joined from both (``2023年绝对数``).
* A two-column table without a header (``办理时限 | 5个工作日``) is written ``办理时限：5个
  工作日``.
* A line of one cell inside a table (``一、教育类``) is a group heading: kept as it is,
  the table goes on after it. A table broken by a page break (a second run of rows of
  the same width right after the first, without a header) continues the first.
* A caption is the short line right above the table (``表5 …``, ``…一览表``), without a
  sentence end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.structure import marker_rank
from ingest.tables import format_row, is_number, is_table_row, split_row
from lixia_qa import zh
from lixia_qa.types import Table, TableRow

LABEL_SEP = "："
FIELD_SEP = "；"
_CAPTION_MAX = 80
_SENTENCE_ENDS = zh.SENTENCE_END + zh.SEMICOLONS + zh.COMMAS + zh.COLONS
_MAX_GAP = 2  # blank lines a page break leaves inside a table


@dataclass
class _Block:
    """Line numbers of one table in the cleaned text."""

    header: list[int]
    body: list[int] = field(default_factory=list)  # data rows and group lines, in order
    caption: int | None = None
    width: int = 0
    continues: bool = False  # continues the table before it (a page break)


def _cells(line: str, width: int) -> list[str]:
    cells = split_row(line) if is_table_row(line) else [line.strip()]
    return (cells + [""] * width)[:width] if width else cells


def _is_caption(line: str) -> bool:
    line = line.strip()
    return (
        0 < len(line) <= _CAPTION_MAX and not is_table_row(line) and line[-1] not in _SENTENCE_ENDS
    )


def _header_like(cells: list[str]) -> bool:
    """No figure among the non-empty cells (a header row names columns)."""
    filled = [c for c in cells if c]
    return bool(filled) and not any(is_number(c) for c in filled)


def _scan(lines: list[str]) -> list[_Block]:
    """Tables of the text: runs of row lines, with group lines and page breaks inside."""
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        if not is_table_row(lines[i]):
            i += 1
            continue
        width = len(split_row(lines[i]))
        block = _Block(header=[i], width=width)
        prev = blocks[-1] if blocks else None
        if prev and _continues(prev, lines, i, width):
            block = _Block(header=[], body=[i], width=prev.width, continues=True)
        elif i > 0:
            caption = _caption_above(lines, i)
            last = max([*prev.header, *prev.body]) if prev else -1
            block.caption = caption if caption is not None and caption > last else None
        j = _extend(lines, i + 1, block)
        blocks += _split_at_headers(block, lines)
        i = j
    return [b for b in blocks if b.body or b.continues]


def _split_at_headers(block: _Block, lines: list[str]) -> list[_Block]:
    """A table whose first column's heading heads a row again further down is several
    tables stacked: a government information report's 信息内容 | 本年制发件数 | … then
    信息内容 | 本年处理决定数量, each under its own line (第二十条第（五）项), which becomes
    that table's caption. The same header again with no such line above it (a page break
    repeats it) is dropped."""
    if not block.header:
        return [block]
    header = split_row(lines[block.header[0]])
    if not header[0]:
        return [block]
    out, body = [block], block.body
    block.body = []
    current = block
    for i in body:
        cells = split_row(lines[i]) if is_table_row(lines[i]) else []
        if not cells or cells[0] != header[0] or not _header_like(cells):
            current.body.append(i)
            continue
        above = current.body[-1] if current.body else None
        caption = above if above is not None and not is_table_row(lines[above]) else None
        if caption is None and cells == header:
            continue
        if caption is not None:
            current.body.pop()
        header = cells
        current = _Block(header=[i], caption=caption, width=len(cells))
        out.append(current)
    return out


def _caption_above(lines: list[str], i: int) -> int | None:
    k = i - 1
    while k >= 0 and not lines[k].strip() and i - k <= 2:
        k -= 1
    return k if k >= 0 and _is_caption(lines[k]) else None


def _continues(prev: _Block, lines: list[str], i: int, width: int) -> bool:
    """Rows right after a table of the same width, starting with data: a page break."""
    last = (prev.body or prev.header)[-1]
    between = lines[last + 1 : i]
    return (
        width == prev.width
        and len(between) <= _MAX_GAP
        and not any(ln.strip() for ln in between)
        and not _header_like(split_row(lines[i]))
    )


def _extend(lines: list[str], j: int, block: _Block) -> int:
    """Add the rows and group lines after line ``j - 1`` to ``block``; the next line."""
    while j < len(lines):
        line = lines[j]
        if is_table_row(line):
            block.body.append(j)
            j += 1
            continue
        nxt = j + 1
        while nxt < len(lines) and not lines[nxt].strip() and nxt - j < _MAX_GAP:
            nxt += 1
        group = line.strip() and len(line) <= _CAPTION_MAX and nxt < len(lines)
        widths = {block.width, _row_width(lines, block.body)}
        if group and is_table_row(lines[nxt]) and len(split_row(lines[nxt])) in widths:
            block.body.append(j)
            j = nxt
            continue
        break
    return j


def _row_width(lines: list[str], body: list[int]) -> int:
    """The width of the last row of ``body`` (a header may be narrower: its corner cell
    over the rows' labels left out); 0 when it has none."""
    rows = [i for i in body if is_table_row(lines[i])]
    return len(split_row(lines[rows[-1]])) if rows else 0


def column_labels(header: list[list[str]]) -> tuple[str, ...]:
    """Labels of the columns from one or two header rows: a group heading (the nearest
    one on its left in the first row) before each sub-heading of the second."""
    first = header[0]
    if len(header) == 1:
        return tuple(_label(c) for c in first)
    labels = []
    group = ""
    for top, sub in zip(first, header[1], strict=True):
        group = top or group
        if not sub or sub == top:
            labels.append(_label(top or group))
        else:
            labels.append(_label(f"{group}{sub}" if not top or top == group else sub))
    return tuple(labels)


def _label(cell: str) -> str:
    return cell.strip().rstrip(zh.COLONS).strip()


def _header_rows(rows: list[list[str]]) -> int:
    """1, or 2 when the second row names columns too: it fills cells the first leaves
    empty (a group heading spans them), or it leaves empty the cell of a heading spanning
    both rows (``年份`` over nothing, ``Ⅰ类水质`` over ``比例（%）``) and figures follow."""
    if len(rows) < 3 or not _header_like(rows[1]):
        return 1
    first, second = rows[0], rows[1]
    fills = any(not top and sub for top, sub in zip(first, second, strict=True))
    spanned = any(top and not sub for top, sub in zip(first, second, strict=True))
    figures_follow = any(is_number(c) for c in rows[2])
    return 2 if fills or (spanned and figures_follow) else 1


def _two_column_header(rows: list[list[str]]) -> bool:
    """A two-column table has a header when its first row names and the rest are mostly
    figures in the second column; else it is a list of ``label | value`` pairs."""
    values = [r[1] for r in rows[1:]]
    figures = sum(1 for v in values if is_number(v))
    return _header_like(rows[0]) and figures * 2 >= len(values) > 0


@dataclass
class _Writer:
    """The rewritten text, line by line, with its length so far."""

    lines: list[str] = field(default_factory=list)
    length: int = 0

    def add(self, line: str) -> int:
        """Append a line; its offset in the new text."""
        start = self.length + (1 if self.lines else 0)
        self.lines.append(line)
        self.length = start + len(line)
        return start


def record_line(labels: tuple[str, ...], cells: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """A row as ``label：value；label：value`` (a cell without a label is written alone,
    empty cells are left out), with the span of each cell's value in it. A pair without
    labels is written ``key：value``."""
    if len(cells) == 2 and not any(labels) and all(cells):
        key = _label(cells[0])
        return f"{key}{LABEL_SEP}{cells[1]}", [
            (0, len(key)),
            (len(key) + 1, len(key) + 1 + len(cells[1])),
        ]
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for i, cell in enumerate(cells):
        label = labels[i] if i < len(labels) else ""
        if not cell:
            spans.append((pos, pos))
            continue
        if parts:
            pos += len(FIELD_SEP)
        head = f"{label}{LABEL_SEP}" if label else ""
        parts.append(head + cell)
        spans.append((pos + len(head), pos + len(head) + len(cell)))
        pos += len(head) + len(cell)
    return FIELD_SEP.join(parts), spans


def _labels(block: _Block, grid: list[list[str]], widest: int) -> tuple[tuple[str, ...], int]:
    """The column labels of a table and how many of its first rows are header rows;
    no labels and 0 for a two-column list of pairs, or for a form whose rows run wider
    than its first (a printed application form: its first row names no columns)."""
    if widest == block.width + 1 and _corner_left_out(grid, block.width):
        return ("", *column_labels([grid[0][: block.width]])), 1
    if widest > block.width:
        return ("",) * widest, 0
    if block.width == 2 and not _two_column_header(grid):
        return ("", ""), 0
    depth = _header_rows(grid)
    return column_labels(grid[:depth]), depth


# the heading of a table's first column, over the rows' labels (not a figure's column)
_ROW_LABEL_HEADING = re.compile(r"^(?:指标|项目|名称|类别|地区|区域|单位|年份|序号|分组|品种|行业)")


def _corner_left_out(grid: list[list[str]], width: int) -> bool:
    """A header copied without the empty corner cell over the rows' labels: its cells
    name figures' columns (播种面积（千公顷）, not 指标 or 地区) and every row one cell
    wider opens with a label followed by figures only."""
    header = grid[0][:width]
    if not all(header) or any(is_number(c) for c in header):
        return False
    if _ROW_LABEL_HEADING.match(header[0]):
        return False
    rows = [r for r in grid[1:] if any(r[1:])]  # not a group line
    return bool(rows) and all(
        r[0] and not is_number(r[0]) and all(is_number(c) for c in r[1 : width + 1]) for r in rows
    )


_INDEX_LABEL_RE = re.compile(r"^(?:序号|编号|序)$")


def _under_index(
    cells: list[str], count: int, labels: tuple[str, ...], above: list[str] | None
) -> list[str]:
    """A row of ``count`` cells narrower than the header, opening with its number, where
    the 序号 column is not the first (大类 | 序号 | 工作任务 | …): its cells start under
    序号, and those left of it are the row above's (a category spanning rows, merged)."""
    at = next((j for j, label in enumerate(labels) if _INDEX_LABEL_RE.match(label)), 0)
    if not at or above is None or count + at > len(labels) or not cells[0].isdigit():
        return cells
    return (above[:at] + cells[:count] + [""] * len(labels))[: len(cells)]


def _carried_over(
    grid: list[list[str]], labels: tuple[str, ...], depth: int, lines: list[str]
) -> set[int]:
    """The rows of a numbered table (序号 first) that carry the row above over a line
    break: a cell's last words left alone under 序号, every other cell empty (``新增学位
    810个 | |||||`` under ``1 | 新改扩建小学1所 | … | 顺利推进 |``), not a heading
    spanning the table (一、教育类 | ||||). Their words are put at the end of the row
    above's last cell (``grid`` is changed); their indices. ``lines`` are the rows as
    written, empty cells and all."""
    carried: set[int] = set()
    if not labels or not _INDEX_LABEL_RE.match(labels[0]):
        return carried
    last: int | None = None
    for k in range(depth, len(grid)):
        cells = grid[k]
        if not is_table_row(lines[k]) or marker_rank(cells[0]):
            last = None
            continue
        if cells[0][:1].isdigit() or not cells[0]:
            last = k
            continue
        if last is not None and not any(cells[1:]):
            above = grid[last]
            at = max(j for j, cell in enumerate(above) if cell)
            above[at] = f"{above[at]} {cells[0]}"
            carried.add(k)
    return carried


def _write_block(
    block: _Block, lines: list[str], raw: list[str], out: _Writer, prev: Table | None
) -> Table:
    """Write one table (its caption, group lines and data rows as labelled lines);
    ``raw`` are the lines before their empty cells were trimmed."""
    widest = max(len(split_row(lines[i])) for i in block.header + block.body)
    grid = [_cells(lines[i], max(widest, block.width)) for i in block.header + block.body]
    caption = lines[block.caption].strip() if block.caption is not None else ""
    caption_start = out.add(caption) if caption else -1
    if caption:
        out.add("")
    if block.continues and prev is not None:
        labels, title, before, depth = prev.columns, prev.title, len(prev.rows), 0
    else:
        (labels, depth), title, before = _labels(block, grid, widest), caption, 0
    rows: list[TableRow] = []
    above: list[str] | None = None
    start = out.length + 1 if out.lines else 0
    carried = _carried_over(grid, labels, depth, [raw[i] for i in block.header + block.body])
    for k, line_no in enumerate(block.header + block.body):
        if k < depth or k in carried:
            continue  # a header row (its words are the labels), or one carried over
        if not is_table_row(lines[line_no]):
            out.add("")
            out.add(lines[line_no].strip())  # a group line, a paragraph of its own
            out.add("")
            continue
        row = _under_index(grid[k], len(split_row(lines[line_no])), labels, above)
        above = row
        text, spans = record_line(labels, row)
        if text:
            row_start = out.add(text)
            cells = tuple((row_start + a, row_start + b) for a, b in spans)
            rows.append(TableRow(before + len(rows) + 1, row_start, out.length, cells))
    return Table(
        title=title,
        columns=labels,
        rows=tuple(rows),
        start=caption_start if caption_start >= 0 else start,
        end=out.length,
        caption_start=caption_start,
    )


def tables_as_records(text: str) -> tuple[str, tuple[Table, ...]]:
    """``(text with every table's rows as labelled lines, the tables)``; a text without
    tables comes back unchanged with ``()``."""
    raw = text.split("\n")
    lines = [_trimmed(line) for line in raw]
    blocks = _scan(lines)
    if not blocks:
        return text, ()
    starts = {(b.caption if b.caption is not None else (b.header or b.body)[0]): b for b in blocks}
    out = _Writer()
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        block = starts.get(i)
        if block is None:
            out.add(lines[i])
            i += 1
            continue
        prev = tables[-1] if tables and block.continues else None
        table = _write_block(block, lines, raw, out, prev)
        if block.continues and prev is not None:
            tables[-1] = _merge(prev, table)
        else:
            tables.append(table)
        i = max([*block.header, *block.body]) + 1
    return "\n".join(out.lines), tuple(tables)


def _trimmed(line: str) -> str:
    """A row line without its trailing empty cells (``规章 | 0 | 0 | |``, as a page copied
    with bars writes it), a row of one cell (``第二十条第（一）项 | ||||``, a line spanning
    the table) as that cell alone (:func:`ingest.tables.format_row`); other lines as
    they are."""
    return format_row(split_row(line)) if is_table_row(line) else line


def _merge(first: Table, rest: Table) -> Table:
    return Table(
        first.title,
        first.columns,
        first.rows + rest.rows,
        first.start,
        rest.end,
        first.caption_start,
    )
