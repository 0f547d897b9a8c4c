"""Tables as text: one line per row, cells separated by :data:`CELL_SEP`, header first.

Every reader writes tables with :func:`format_table`, so a cited row reads
``农村公路加装护栏 | 201公里 | 区交通运输委`` whatever the source format, and cells never
run together (``30.2`` and a next cell ``2`` never read ``30.22``). The cleaning rules
leave such rows alone (:func:`is_table_row`), and :mod:`ingest.table_records` turns each
table of a cleaned document into labelled rows with their offsets.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

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


_NUMBER_RE = re.compile(r"^[-+−]?[\d.,%％‰]+(?:[万亿千百]?[元人个户吨公里亩%]*)?$|^[—\-–/]+$")


def is_number(cell: str) -> bool:
    """A figure cell: ``12.5``, ``-3.1%``, ``1,200``, ``30万元``, or a dash for none."""
    cell = cell.replace(" ", "")
    return bool(_NUMBER_RE.match(cell)) and (any(c.isdigit() for c in cell) or cell[0] in "—-–/")


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
    rows: ``| 项目 | 数量 |`` and ``项目\t数量`` become ``项目 | 数量``; the ``|---|`` rule goes.
    A form laid out as a table, label and value side by side (``| 实施主体 | 某某区民政局 |
    办理形式 | 窗口办理 |``, :func:`_form_rows`), becomes its labelled lines."""
    lines = text.split("\n")
    rows = [None if _MD_RULE_RE.match(ln) and "-" in ln else _text_row(ln) for ln in lines]
    out: list[str] = []
    block: list[list[str]] = []
    for i, line in enumerate(lines):
        in_block = rows[i] is not None and (
            (i > 0 and (rows[i - 1] is not None or _MD_RULE_RE.match(lines[i - 1])))
            or (i + 1 < len(lines) and (rows[i + 1] is not None or _MD_RULE_RE.match(lines[i + 1])))
        )
        if _MD_RULE_RE.match(line) and "|" in line and i > 0 and rows[i - 1] is not None:
            continue  # the rule under a markdown header
        cells = rows[i]
        if in_block and cells is not None:
            block.append(cells)
            continue
        out += _block_lines(block)
        block = []
        out.append(line)
    return "\n".join(out + _block_lines(block))


def _block_lines(block: list[list[str]]) -> list[str]:
    pairs = _form_rows(block)
    if pairs is None:
        return [format_row(cells) for cells in block]
    # a paragraph of its own: no line around it joins its fields
    return ["", *(f"{label}：{value}" for label, value in pairs if value), ""]


# the last words of a form's field labels, set beside their values in a table (实施主体,
# 事项类型, 办理形式, 受理条件, 办理时间, 办理地点, 咨询方式, 收费标准, 法定时限)
_FORM_LABEL_END_RE = re.compile(
    r"(?:主体|类型|形式|条件|时间|地点|方式|标准|依据|时限|期限|材料|对象|电话|地址|部门|机构"
    r"|机关|名称|编码|流程|范围|结果|费用|层级|数量|窗口"
    # and a page's information block (索引号, 组配分类, 成文日期, 有效性, 发文字号)
    r"|索引号|文号|字号|分类|日期|有效性)$"
)


def _form_rows(block: Sequence[Sequence[str]]) -> list[tuple[str, str]] | None:
    """The (label, value) pairs of a table that is a form, label and value side by side
    (one pair a row or more): every other cell a label (:func:`form_pairs`; a row's
    empty cells at its end dropped, a last label without its value given an empty one)
    and most labels a form field's name; None otherwise."""
    cells: list[str] = []
    for row in block:
        row = [clean_cell(c) for c in row]
        while row and not row[-1]:
            row.pop()
        cells += [*row, ""][: len(row) + len(row) % 2]
    pairs = form_pairs(cells)
    if pairs is None or 2 * sum(bool(_FORM_LABEL_END_RE.search(k)) for k, _ in pairs) < len(pairs):
        return None
    return pairs


# A table copied from a web page with one cell per line, each followed by ``|`` (on the
# line or the next), and an empty cell (or several) as a line of bars alone: 规章 |,
# / |, |||.
_CELL_LINE_RE = re.compile(r"^([^|]*[^|\s][^|]*?)\s*\|$|^(\|+)$")
MIN_CELL_LINES = 4  # lines a table written so has at the least
MAX_CELL_COLUMNS = 16
_MAX_CELL = 80  # characters a cell written alone on its line has at most


def _cell_line(lines: Sequence[str], i: int) -> tuple[list[str], int] | None:
    """The cells line ``i`` holds (``规章 |`` one, ``|||`` three empty; ``规章`` with
    ``|`` alone on the next line one) and the line after them; None for other lines."""
    line = lines[i].strip()
    m = _CELL_LINE_RE.match(line)
    if m is not None:
        cells = [m.group(1).strip()] if m.group(1) is not None else [""] * len(m.group(2))
        return cells, i + 1
    bar_below = i + 1 < len(lines) and lines[i + 1].strip() == "|"
    if 0 < len(line) <= _MAX_CELL and "|" not in line and bar_below:
        return [line], i + 2
    return None


def _columns(cells: list[str]) -> int | None:
    """The fewest columns (two or more) that lay ``cells`` out in two or more rows each
    opening with a label (a cell neither empty nor a figure) and with no label after a
    figure, the last row perhaps cut short (a copy ends before its empty cells); None
    when none do."""
    for width in range(2, min(MAX_CELL_COLUMNS, len(cells) // 2) + 1):
        rows = [cells[i : i + width] for i in range(0, len(cells), width)]
        if all(r[0] and not is_number(r[0]) and _labels_first(r) for r in rows):
            return width
    return None


def _labels_first(row: list[str]) -> bool:
    """No label follows a figure in ``row``."""
    seen = False
    for cell in row:
        if cell and not is_number(cell) and seen:
            return False
        seen = seen or is_number(cell)
    return True


def _label_rows(cells: list[str]) -> list[list[str]] | None:
    """Rows of cells copied without their empty cells: each run of figures closes a row
    opened by the label before it; as many labels again before that, when there are,
    head the table (信息内容, 本年制发件数, …), and any before those are lines of their
    own (第二十条第（一）项). None when a run of figures has no label before it."""
    rows: list[list[str]] = []
    labels: list[str] = []
    filled = [c for c in cells if c]
    i = 0
    while i < len(filled):
        if not is_number(filled[i]):
            labels.append(filled[i])
            i += 1
            continue
        j = i
        while j < len(filled) and is_number(filled[j]):
            j += 1
        if not labels:
            return None
        label, figures = labels.pop(), filled[i:j]
        labels = _groups_folded(labels, len(figures) + 1)
        header = labels[-len(figures) - 1 :] if len(labels) > len(figures) else []
        rows += [[t] for t in labels[: len(labels) - len(header)]]
        rows += [header] if header else []
        rows.append([label, *figures])
        labels, i = [], j
    return rows + [[t] for t in labels]


_SUBTOTAL_LABELS = frozenset({"合计", "小计", "总计"})


def _groups_folded(labels: list[str], width: int) -> list[str]:
    """Header labels copied with a group heading among them (公车购置及运行维护费 over
    its columns 合计, 车辆购置, 车辆运行: a heading followed by a subtotal column), while
    they outnumber the row's ``width`` cells: the heading folded into the labels after it
    (公车购置及运行维护费合计, …), so that the table's own first label (年度) heads the
    row labels rather than being taken for a caption and every label moving one cell."""
    out = list(labels)
    while len(out) > width:
        k = next(
            (
                k
                for k in range(len(out) - 2, 0, -1)  # the last such; the first label is the corner
                if out[k + 1] in _SUBTOTAL_LABELS and out[k] not in _SUBTOTAL_LABELS
            ),
            None,
        )
        if k is None:
            break
        group = out.pop(k)
        out[k:] = [group + sub for sub in out[k:]]
    return out


def _cell_runs(lines: Sequence[str]) -> Iterator[tuple[int, int, list[str]]]:
    """``(first line, line after, cells)`` of each run of four or more lines of one
    cell each (blank lines between them allowed) holding a figure cell or laid out as a
    form (:func:`form_pairs`); a list of links ending with ``|`` is neither."""
    i = 0
    while i < len(lines):
        j = end = i
        cells: list[str] = []
        count = 0
        while j < len(lines):
            if not lines[j].strip() and count:
                j += 1
                continue
            found = _cell_line(lines, j)
            if found is None:
                break
            cells += found[0]
            j = end = found[1]
            count += 1
        if count >= MIN_CELL_LINES and (
            any(is_number(c) for c in cells) or form_pairs(cells) is not None
        ):
            yield i, end, cells
        i = max(end, i + 1)


# A form copied one cell per line, each label over its value (办理地址 |, 某某大厅 |, 办理电话
# |, 0477-… |): every other cell a short label of Han characters, and two values or a
# third of them (the more) a statement (a digit or a punctuation mark in it), which a
# list of links never has.
_FORM_LABEL_RE = re.compile(r"^[\u4e00-\u9fff]{2,10}$")
_STATEMENT_RE = re.compile(r"[\d，。；：、（）()]")
MIN_FORM_PAIRS = 3


def form_pairs(cells: Sequence[str]) -> list[tuple[str, str]] | None:
    """``cells`` as (label, value) pairs when they are a form copied one cell per line
    and hold no figure cell (a table's, :func:`cell_line_tables`); None otherwise."""
    if any(is_number(c) for c in cells):
        return None
    labels, values = list(cells[0::2]), list(cells[1::2])
    values += [""] * (len(labels) - len(values))
    if len(labels) < MIN_FORM_PAIRS or not all(_FORM_LABEL_RE.match(c) for c in labels):
        return None
    if sum(bool(_STATEMENT_RE.search(v)) for v in values) < max(2, len(values) // 3):
        return None
    return list(zip(labels, values, strict=True))


def cell_table_lines(lines: Sequence[str]) -> set[int]:
    """The lines of tables copied one cell per line (:func:`cell_line_tables`)."""
    return {k for i, j, _ in _cell_runs(lines) for k in range(i, j)}


def cell_line_tables(text: str) -> str:
    """Tables copied with one cell per line (``信息内容 |``, ``本年制发件数 |`` …, a line of
    bars for empty cells) rebuilt as rows (``信息内容 | 本年制发件数 | …``): laid out in
    the fewest columns that open every row with a label, or, when none do (a copy that
    dropped its empty cells), row by row, each run of figures closing a row opened by the
    label before it. A form copied so (:func:`form_pairs`) becomes labelled lines
    (``办理电话：0477-…``), an empty value's dropped. A run none fits is left as it is."""
    lines = text.split("\n")
    out: list[str] = []
    done = 0
    for i, j, cells in _cell_runs(lines):
        rebuilt = _rebuilt(cells)
        if rebuilt is not None:
            out += lines[done:i] + rebuilt
            done = j
    return "\n".join(out + lines[done:])


# A table copied from a web page with one cell per line and no bars at all (指标,
# 绝对值（亿元）, 比上年增长（%）, 全区生产总值, 3453.93, 7.8, 农林牧渔业, 276.64, 4.3, …):
# its rows are a short label and the same number of figure cells each, under as many
# labels (or one more, over the row labels). Lines glued as wrapped text would read
# 3453.937.8, two figures as one.
_BARE_LABEL_MAX = 24  # characters a bare label cell has at most
_NOT_A_LABEL_RE = re.compile(r"[|。；;！？!?]")
MIN_BARE_ROWS = 3
_CAPTION_RE = re.compile(r"^(?:附?表|图)\s*[\d一二三四五六七八九十]")  # 表1 …: above the header


def _bare_cell(line: str) -> str | None:
    """``line`` as a bare cell: a figure, or a short label without a sentence's end;
    None for anything else (prose, a row with bars)."""
    text = line.strip()
    if not text or len(text) > _BARE_LABEL_MAX or _NOT_A_LABEL_RE.search(text):
        return None
    return text


def _bare_rows(cells: Sequence[str], first: int) -> tuple[int, int]:
    """From the row label at ``first``: how many figures each row has (those after the
    first label) and how many rows of a label and exactly so many figures follow on."""
    k = 0
    while first + 1 + k < len(cells) and is_number(cells[first + 1 + k]):
        k += 1
    rows, at = 0, first
    while (
        k
        and at + k < len(cells)
        and not is_number(cells[at])
        and all(is_number(c) for c in cells[at + 1 : at + 1 + k])
        and (at + 1 + k == len(cells) or not is_number(cells[at + 1 + k]))
    ):
        rows, at = rows + 1, at + 1 + k
    return k, rows


def bare_cell_tables(text: str) -> str:
    """Tables copied one cell per line without bars (see :data:`MIN_BARE_ROWS`'s
    comment) rebuilt as rows under their header (``指标 | 绝对值（亿元） | 比上年增长（%）``
    then ``农林牧渔业 | 276.64 | 4.3``): at least three rows of a label and the same
    number of figures, under that many labels or one more; labels above the header (a
    caption) stay lines of their own. Everything else as it was."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        cells, where = [], []
        j = i
        while j < len(lines) and (not lines[j].strip() or _bare_cell(lines[j]) is not None):
            if lines[j].strip():
                cells.append(lines[j].strip())
                where.append(j)
            j += 1
        found = _bare_table(cells)
        if found is None:  # no table starts anywhere in this run of lines: past it
            out += lines[i : max(j, i + 1)]
            i = max(j, i + 1)
            continue
        start, end, rows = found
        out += lines[i : where[start]] + rows
        i = where[end - 1] + 1
    return "\n".join(out)


def _bare_table(cells: Sequence[str]) -> tuple[int, int, list[str]] | None:
    """The first table in a run of bare ``cells``: the cell it starts at (its header),
    the cell after it, and its rows; None when the run holds none."""
    for first in range(1, len(cells)):
        if is_number(cells[first]) or not is_number(cells[min(first + 1, len(cells) - 1)]):
            continue
        k, rows = _bare_rows(cells, first)
        labels = 0
        while (
            labels < k + 1
            and first - labels - 1 >= 0
            and not is_number(cells[first - labels - 1])
            and not _CAPTION_RE.match(cells[first - labels - 1])
        ):
            labels += 1
        if rows >= MIN_BARE_ROWS and labels >= k:
            head = list(cells[first - labels : first])
            header = format_row(head if labels > k else ["", *head])
            body = [
                format_row(cells[a : a + k + 1])
                for a in range(first, first + rows * (k + 1), k + 1)
            ]
            return first - labels, first + rows * (k + 1), [header, *body]
    return None


def _rebuilt(cells: list[str]) -> list[str] | None:
    """The lines a run of cells copied one per line is rebuilt as (:func:`cell_line_tables`),
    or None when it fits no layout."""
    pairs = form_pairs(cells)
    if pairs is not None:
        return [f"{label}：{value}" for label, value in pairs if value]
    width = _columns(cells)
    if width is not None:
        rows = [cells[k : k + width] for k in range(0, len(cells), width)]
    elif (found := _label_rows(cells)) is not None:
        rows = found
    else:
        return None
    return [format_row(r) for r in rows]


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


# one field of a notice on a line of its own: a short label, a colon, its value (停水时间：
# 8月26日22:00--8月27日07:00), or no value (停水影响区域示意图如下：); a record line
# (单位：…；职位：…) is no field
_FIELD_LINE_RE = re.compile(r"^([\u4e00-\u9fffA-Za-z0-9]{2,12})[：:]\s*([^；;]*)$")
MIN_RECORD_FIELDS = 3  # two fields a block (联系人 / 电话) read well line by line


def _record_blocks(fields: list[tuple[str, str]]) -> list[list[tuple[str, str]]] | None:
    """A run of field lines cut where its first label comes again, when that gives two or
    more blocks with the same labels, each a record of :data:`MIN_RECORD_FIELDS` or more
    fields; else None."""
    if not fields:
        return None
    first = fields[0][0]
    blocks: list[list[tuple[str, str]]] = []
    for label, value in fields:
        if label == first:
            blocks.append([])
        blocks[-1].append((label, value))
    labels = [tuple(label for label, _ in block) for block in blocks]
    if (
        len(blocks) < 2
        or len(labels[0]) < MIN_RECORD_FIELDS
        or len(set(labels[0])) < len(labels[0])
    ):
        return None
    return blocks if all(lab == labels[0] for lab in labels) else None


MAX_FIELD_RUN = 200  # field lines in one run looked at for blocks (a longer run is a list)


def _blocks_from(fields: list[tuple[str, str]]) -> tuple[int, list[list[tuple[str, str]]]] | None:
    """Where in a run of field lines its repeated blocks start (after lines heading them,
    标题：… above the blocks), and the blocks; None when the run holds none."""
    if len(fields) > MAX_FIELD_RUN:
        return None
    labels = [label for label, _ in fields]
    for start in range(len(fields) - 1):
        if labels[start] in labels[start + 1 :]:
            blocks = _record_blocks(fields[start:])
            if blocks is not None:
                return start, blocks
    return None


def field_blocks(text: str) -> str:
    """A notice's repeated blocks of field lines (停水时间：… / 停水原因：… / 影响区域：…,
    then the same fields for the next place) as a table: the labels its header, each
    block a row, so that each block is read as one record (where and when together). A
    label no block gives a value to (停水影响区域示意图如下：) stays a line of its own,
    once, after the table; field lines above the blocks stay as they are."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        fields: list[tuple[str, str]] = []
        j = i
        while j < len(lines) and (m := _FIELD_LINE_RE.match(lines[j].strip())):
            fields.append((m.group(1), m.group(2).strip()))
            j += 1
        found = _blocks_from(fields)
        if found is None:
            out += lines[i : max(j, i + 1)]
            i = max(j, i + 1)
            continue
        start, blocks = found
        out += lines[i : i + start]
        labels = [label for label, _ in blocks[0]]
        filled = [k for k in range(len(labels)) if any(block[k][1] for block in blocks)]
        out.append(format_row(labels[k] for k in filled))
        out += [format_row(block[k][1] for k in filled) for block in blocks]
        out += [f"{labels[k]}：" for k in range(len(labels)) if k not in filled]
        i = j
    return "\n".join(out)
