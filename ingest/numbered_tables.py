"""Tables copied one cell per line whose rows open with their number.

A 民生实事 list or task table saved from a web page often loses its grid: the header's
labels stand one per line under 序号 (``序号 |`` or between blank lines), then each row
is its number (``1``) followed by its cells, one per line. A cell holding several units
(县水务局 / 县住建局) comes as several lines, and an empty cell as a line of bars or not
at all, so the rows have no fixed length. :func:`numbered_cell_tables` rebuilds them
as rows (``序号 | 民生实事 | 责任单位 | 完成时限``), laying each row's cells on the
header's columns in order by what they look like: a unit under a unit column (several
joined with 、), a person's name under a leader column, a date under a deadline column,
是/否 under a 是否 column, a figure under an amount column, prose under the others. A
table whose rows do not lie well on its columns is left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from ingest.commitment_tables import column_role
from ingest.owners import UNIT_END_CHARS
from ingest.structure import marker_rank
from ingest.tables import CELL_SEP, format_row, is_number
from lixia_qa import zh

_INDEX_LABELS = frozenset({"序号", "编号", "序"})
_MIN_COLUMNS = 2  # labels after 序号
_MAX_COLUMNS = 16
_MAX_LABEL = 20  # characters a header label has at most
_MAX_EXTRA = 3  # cells a row may hold beyond its columns (units listed one per line)
_MAX_ROW_CELLS = 3  # times its columns a numbered row (two tasks of one item) holds at most
_MAX_ROW_COST = 2.5  # the mean cost per row above which the table is left as it was

# costs of laying a cell on a column (see _fit), of leaving a column empty, of adding
# one more cell to a list column and of dropping an empty cell
_SKIP = 1.0
_MORE = 0.1
_DROP_EMPTY = 0.2
_SUBROW = 0.5
_SKIP_END = 0.5  # a column left empty after the row's last cell (a row cut short)
_LATER = 0.001  # more for each column further right left empty
_LAST_MARGIN = 2.0  # the last row is the longest laid within this of the best-laid length

# a body's name ends as a unit in a record does (ingest.owners), or as a 政府, 合作社,
# company or department does
_UNIT_RE = re.compile(rf"(?:[{UNIT_END_CHARS}府社]|集团|公司|单位|部门)$")
_PAREN_RE = re.compile(r"[(（][^()（）]*[)）]")
_ITEM_SPLIT_RE = re.compile(r"[、，,；;/\s]+")
_PERSON_RE = re.compile(rf"[{zh.HAN}]{{2,4}}")
_DATE_RE = re.compile(
    r"(?:\d{1,2}月|[一二三四]季度|年底|年内|上半年|下半年|全年|月底|长期|持续|\d{4}年?$)"
)
_YES_NO = frozenset({"是", "否"})
_NUMBER_COLUMN_RE = re.compile(r"金额|万元|元|数量|人数|个数|面积|规模|投资")
_DATE_COLUMN_RE = re.compile(r"时间|时限|年份|日期")


def _items(cell: str) -> list[str]:
    return [t for t in _ITEM_SPLIT_RE.split(_PAREN_RE.sub("", cell).rstrip("等")) if t]


def _is_unit(cell: str) -> bool:
    """Every item of ``cell`` names a body (县水务局, 相关街道, 教体局、财政局)."""
    items = _items(cell)
    return bool(items) and all(_UNIT_RE.search(t) and len(t) <= 20 for t in items)


# a two-character name set to the width of three (吴 伟), as tables and speaker lines do
_SPACED_NAME_RE = re.compile(rf"^([{zh.HAN}])[ \t\u3000]+([{zh.HAN}])$")


def _is_person(cell: str) -> bool:
    """Every item of ``cell`` is a person's name (徐国江, 刘伍寿、陈浩)."""
    items = _items(cell)
    return bool(items) and all(
        _PERSON_RE.fullmatch(t) and zh.has_surname(t) and not _UNIT_RE.search(t) for t in items
    )


def _is_date(cell: str) -> bool:
    """A short date or time limit (12月底前, 9月投入使用, 2024, 年底前)."""
    return len(cell) <= 20 and bool(_DATE_RE.search(cell))


def column_kind(label: str) -> str:
    """What a column holds: ``person``, ``unit``, ``date``, ``yesno``, ``number`` or
    ``text``, from its label."""
    name = zh.to_simplified("".join(label.split()))
    role = column_role(name)
    if role in ("leaders", "person"):
        return "person"
    if role in ("lead_units", "units", "partner_units") or re.search(r"单位|部门|主体", name):
        return "unit"
    if role == "deadline" or _DATE_COLUMN_RE.search(name):
        return "date"
    if name.startswith("是否"):
        return "yesno"
    if _NUMBER_COLUMN_RE.search(name):
        return "number"
    return "text"


@lru_cache(maxsize=4096)
def _fit(cell: str, kind: str) -> float:
    """The cost of laying ``cell`` on a column of ``kind``: 0 where it looks like what
    the column holds, more the less it does."""
    if not cell:
        return 0.0
    cell = zh.to_simplified(cell)
    if kind == "person":
        return 0.0 if _is_person(cell) else 3.0
    if kind == "unit":
        return 0.0 if _is_unit(cell) else 2.0 if _is_person(cell) else 3.0
    if kind == "date":
        return 0.0 if _is_date(cell) else 3.0 if _is_unit(cell) or _is_person(cell) else 2.0
    if kind == "yesno":
        return 0.0 if cell in _YES_NO else 3.0
    if kind == "number":
        return 0.0 if is_number(cell) else 2.0
    if cell in _YES_NO or is_number(cell) or _is_person(cell):
        return 2.0
    return 1.0 if _is_unit(cell) or _is_date(cell) else 0.0


def _moves(
    cells: Sequence[str], kinds: Sequence[str], i: int, j: int
) -> Iterator[tuple[int, int, float]]:
    """From ``cells[:i]`` laid on ``kinds[:j]``, each next step: ``(cells laid, columns
    laid, its cost)``."""
    n, m = len(cells), len(kinds)
    if i < n and not cells[i]:
        yield i + 1, j, _DROP_EMPTY
    if j == m:
        return
    # of two columns either of which could stay empty, the earlier: a category spanning
    # rows stands left of the tasks
    yield i, j + 1, (_SKIP_END if i == n else _SKIP) + _LATER * j
    listed = kinds[j] in ("unit", "person")
    total = 0.0
    for k in range(i, min(n, i + (1 + _MAX_EXTRA if listed else 1))):
        fit = _fit(cells[k], kinds[j])
        if k > i and (fit > 0 or not cells[k]):
            break
        total += fit + (_MORE if k > i else 0.0)
        yield k + 1, j + 1, total


def lay_row(cells: Sequence[str], kinds: Sequence[str]) -> tuple[float, list[str]] | None:
    """The cheapest way to lay ``cells`` in order on columns of ``kinds``: a column
    left empty, given one cell, or (a unit or leader column) several joined with 、;
    an empty cell may be dropped. ``(cost, one value per column)``; None when the cells
    cannot all be laid."""
    n, m = len(cells), len(kinds)
    inf = float("inf")
    # best[i][j]: cost of laying cells[:i] on kinds[:j]; back[i][j]: the step before
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if best[i][j] == inf:
                continue
            for i2, j2, cost in _moves(cells, kinds, i, j):
                if best[i][j] + cost < best[i2][j2]:
                    best[i2][j2], back[i2][j2] = best[i][j] + cost, (i, j)
    if best[n][m] == inf:
        return None
    values = [""] * m
    i, j = n, m
    while i or j:
        pi, pj = back[i][j]
        if pj < j and pi < i:
            values[pj] = "、".join(c for c in cells[pi:i] if c)
        i, j = pi, pj
    return best[n][m], values


def lay_rows(cells: Sequence[str], kinds: Sequence[str]) -> tuple[float, list[list[str]]] | None:
    """The cheapest way to lay one numbered row's ``cells`` as one or more rows (a
    numbered item holding two tasks, its unit written once for both): each laid by
    :func:`lay_row`, every row after the first costing :data:`_SUBROW` more and taking
    the cells it leaves empty from the row above."""
    n = len(cells)
    inf = float("inf")
    none: list[list[str]] = []
    best = [(0.0, none)] + [(inf, none)] * n
    for b in range(1, n + 1):
        for a in range(b):
            if best[a][0] == inf or (laid := lay_row(cells[a:b], kinds)) is None:
                continue
            if a and not _typed(laid[1], kinds):
                continue
            cost = best[a][0] + laid[0] + (_SUBROW if a else 0.0)
            if cost < best[b][0]:
                above = best[a][1][-1] if best[a][1] else None
                values = [v or (above[j] if above else "") for j, v in enumerate(laid[1])]
                best[b] = (cost, [*best[a][1], values])
    return None if best[n][0] == inf else best[n]


def _typed(values: Sequence[str], kinds: Sequence[str]) -> bool:
    """A row after the first of a numbered item holds two or more cells, one of them
    under a column that is not prose (its unit, date or figure): a line of text after
    the table is no such row."""
    filled = [k for v, k in zip(values, kinds, strict=True) if v]
    return len(filled) >= 2 and any(k != "text" for k in filled)


def _cell(line: str) -> list[str] | None:
    """The cells of one line: ``县住建局 |`` or ``县住建局`` one, ``||`` two empty; None
    for a row of several cells (``a | b``)."""
    text = line.strip()
    if re.fullmatch(r"\|+", text):
        return [""] * len(text)
    text = text.removesuffix("|").strip()
    return None if "|" in text else [text]


def _cells(lines: Sequence[str], start: int) -> tuple[list[str], list[int]]:
    """Cells from line ``start`` on, with the line each came from: blank lines skipped;
    in a table written with bars (``序号 |``), up to the first line without one."""
    barred = lines[start].strip().endswith("|")
    cells: list[str] = []
    where: list[int] = []
    for k in range(start, len(lines)):
        text = lines[k].strip()
        if not text:
            continue
        found = _cell(text)
        if found is None or (barred and not text.endswith("|")):
            break
        cells += found
        where += [k] * len(found)
    return cells, where


def _header(cells: list[str]) -> int | None:
    """The number of labels after 序号 at the head of ``cells``, up to the first row's
    number (``1``, or a later one where the copy starts part way); None when ``cells``
    do not open so."""
    if zh.to_simplified("".join(cells[0].split())) not in _INDEX_LABELS:
        return None
    labels = 0
    for cell in cells[1 : _MAX_COLUMNS + 2]:
        if cell.isdecimal():
            return labels if labels >= _MIN_COLUMNS else None
        if not cell:
            continue
        if len(cell) > _MAX_LABEL or is_number(cell) or re.search(r"[。；;]", cell):
            return None
        labels += 1
    return None


def _table(lines: Sequence[str], start: int) -> tuple[list[str], int] | None:
    """The rebuilt rows of a table whose header opens on line ``start``, and the line
    after the table; None when none starts there or it does not lie well. Its rows are
    those numbered 1, 2, 3, … or, where that lies worse, the items numbered (1), (2), …
    inside sections so numbered (:func:`_item_table`)."""
    cells, where = _cells(lines, start)
    if not cells or (width := _header(cells)) is None:
        return None
    labels = _joined_labels([c for c in cells[1:] if c][:width])
    kinds = [column_kind(label) for label in labels]
    first = next(k for k, c in enumerate(cells) if k and c.isdecimal())
    found = [
        f
        for f in (_numbered_rows(cells, first, kinds), _item_table(cells, first, labels, kinds))
        if f is not None and f[1] <= _MAX_ROW_COST
    ]
    if not found:
        return None
    rows, _, end = min(found, key=lambda f: f[1])  # the numbered rows on a tie
    return [format_row([cells[0], *labels]), *rows], where[end - 1] + 1


def _numbered_rows(
    cells: Sequence[str], first: int, kinds: Sequence[str]
) -> tuple[list[str], float, int] | None:
    """The rows numbered 1, 2, 3, … from ``cells[first]``, each laid by :func:`lay_rows`:
    ``(rows, mean cost per row, the cell after the table)``, or None."""
    width = len(kinds)
    opens = [first]
    number = int(cells[first]) + 1
    for k in range(first + 1, len(cells)):
        if cells[k] == str(number):
            opens.append(k)
            number += 1
    # a numbered row this long (the last one's length is tried below) is no table's
    if len(opens) < 2 or any(
        b - a > _MAX_ROW_CELLS * width for a, b in zip(opens, opens[1:], strict=False)
    ):
        return None
    rows, cost, end = [], 0.0, 0
    for n, k in enumerate(opens):
        if n + 1 < len(opens):
            laid = lay_rows(cells[k + 1 : opens[n + 1]], kinds)
        else:  # the last row: the best of its possible lengths
            tries = (
                lay_rows(cells[k + 1 : k + 1 + size], kinds)
                for size in range(1, min(len(cells) - k - 1, width + _MAX_EXTRA) + 1)
            )
            found = [(t, size) for size, t in enumerate(tries, 1) if t is not None]
            if not found:
                return None
            least = min(t[0] for t, _ in found)
            laid, size = max(
                (f for f in found if f[0][0] <= least + _LAST_MARGIN), key=lambda f: f[1]
            )
            end = k + 1 + size
        if laid is None:
            return None
        cost += laid[0]
        rows += [[cells[k], *values] for values in laid[1]]
    return [format_row(r) for r in rows], cost / len(rows), end


# a header label of a government body wrapped onto the next (区政府 / 分管领导)
_BODY_LABEL_RE = re.compile(r"[省市州县区旗镇乡]?(?:人民)?政府")


def _joined_labels(labels: Sequence[str]) -> list[str]:
    """The header's labels, a body's name wrapped above the label it qualifies joined to
    it (区政府 / 分管领导 -> 区政府分管领导: one column, for a leader)."""
    out: list[str] = []
    for label in labels:
        pieces = label.split()
        if all(len(p) == 1 for p in pieces):  # 工 作 标 准, spaced to a column's width
            label = "".join(pieces)
        if (
            out
            and _BODY_LABEL_RE.fullmatch("".join(out[-1].split()))
            and column_kind(label) != "text"
        ):
            out[-1] += label
        else:
            out.append(label)
    return out


_ITEM_RE = re.compile(r"^[(（](\d{1,3})[)）]")
_CONTINUED_RE = re.compile(r"^[(（][^()（）]{1,12}[)）]$")  # (邹区镇) under 高新园


def _joined_cells(cells: Sequence[str]) -> list[str]:
    """``cells`` without empty ones, a cell wholly in brackets joined to the one before
    it (高新园 / (邹区镇): one unit)."""
    out: list[str] = []
    for cell in cells:
        if out and _CONTINUED_RE.match(cell):
            out[-1] += cell
        elif cell:
            out.append(cell)
    return out


def _item_openings(cells: Sequence[str], first: int) -> list[int]:
    """Where the items numbered (1), (2), … open, in one run from ``first`` on."""
    opens: list[int] = []
    expect: int | None = None
    for k in range(first, len(cells)):
        m = _ITEM_RE.match(cells[k])
        if m and (expect is None or int(m.group(1)) == expect):
            opens.append(k)
            expect = int(m.group(1)) + 1
    return opens


def _item_table(
    cells: Sequence[str], first: int, labels: Sequence[str], kinds: Sequence[str]
) -> tuple[list[str], float, int] | None:
    """The rows of a table whose numbered rows are sections (1 全区主要预期目标) holding
    items numbered (1), (2), … through the table, each item one row: its section's number
    and title under the first prose column, the item under the last prose column before
    the owner columns, and the cells after it laid on those columns
    (:func:`lay_row`). A merged owner cell is written once, at the first row it spans: a
    row with no owner cell takes them all from the row above in its section, one with no
    leader its leader. ``(rows, mean cost per row, the cell after the table)``; None
    when the items do not lie on the columns."""
    text_cols = [j for j, k in enumerate(kinds) if k == "text"]
    owner_cols = [j for j, k in enumerate(kinds) if k in ("person", "unit")]
    opens = _item_openings(cells, first)
    if len(opens) < 2 or not text_cols or not owner_cols or max(text_cols) > min(owner_cols):
        return None
    owner_kinds = [kinds[j] for j in owner_cols]
    section, above = cells[first], None
    title = " ".join(c for c in cells[first + 1 : opens[0]] if c)
    rows, cost, end = [], 0.0, opens[-1] + 1
    for n, k in enumerate(opens):
        stop = opens[n + 1] if n + 1 < len(opens) else len(cells)
        rest = list(cells[k + 1 : stop])
        number = next((i for i, c in enumerate(rest) if c.isdecimal()), None)
        after = rest[number:] if number is not None else []
        rest = _joined_cells(rest[:number] if number is not None else rest)
        rest = [_SPACED_NAME_RE.sub(r"\1\2", c.strip()) for c in rest]  # 吴 伟: 吴伟
        laid = _lay_item(rest, owner_kinds, last=n + 1 == len(opens))
        if laid is None:
            return None
        cost += laid[0]
        values = [""] * len(kinds)
        values[text_cols[0]] = title if len(text_cols) > 1 else ""
        values[text_cols[-1]] = cells[k]
        for j, v in zip(owner_cols, laid[1], strict=True):
            values[j] = v
        values = _filled(_one_lead(values, kinds), owner_cols, kinds, above)
        rows.append(format_row([section, *values]))
        above = values
        end = k + 1 + laid[2]
        if after:  # the next section: its number, then its title's cells
            section, title, above = after[0], " ".join(c for c in after[1:] if c), None
    return rows, cost / len(rows), end


def _lay_item(
    cells: list[str], kinds: Sequence[str], last: bool
) -> tuple[float, list[str], int] | None:
    """``cells`` after an item laid on its owner columns, each cell looking like what its
    column holds (a unit, a name): ``(cost, values, cells used)``; for the table's last
    item, the longest run of them that lies so (what follows the table is no owner
    cell)."""
    sizes = range(min(len(cells), len(kinds) + _MAX_EXTRA), -1, -1) if last else [len(cells)]
    for size in sizes:
        laid = lay_row(cells[:size], kinds) if size else (0.0, [""] * len(kinds))
        if laid is not None and all(
            _owner_like(v, k) for v, k in zip(laid[1], kinds, strict=True) if v
        ):
            return laid[0], laid[1], size
    return None


def _one_lead(values: list[str], kinds: Sequence[str]) -> list[str]:
    """Of two unit columns side by side (牵头单位, 配合单位), the first names one unit and
    the second the rest: cells one per line do not say where one column ends."""
    out = list(values)
    for j in range(len(kinds) - 1):
        if kinds[j] == kinds[j + 1] == "unit" and "、" in out[j]:
            head, rest = out[j].split("、", 1)
            out[j], out[j + 1] = head, "、".join(v for v in (rest, out[j + 1]) if v)
    return out


_PROSE_RE = re.compile(r"[，,。；;：:！？\d]")


def _owner_like(value: str, kind: str) -> bool:
    """``value`` (several joined with 、) looks like what an owner column of ``kind``
    holds: names of people, or short names of bodies (县发改局, 高新园（某某镇）), no prose."""
    if kind == "person":
        return _is_person(value)
    items = _items(value)
    return bool(items) and all(len(t) <= 15 and not _PROSE_RE.search(t) for t in items)


def _filled(
    values: list[str], owner_cols: Sequence[int], kinds: Sequence[str], above: list[str] | None
) -> list[str]:
    """A row's owner cells merged with the row above in its section: all of them when
    the row has none, else its leader when it names none."""
    if above is None:
        return values
    if not any(values[j] for j in owner_cols):
        return [above[j] if j in owner_cols else v for j, v in enumerate(values)]
    return [
        above[j] if j in owner_cols and kinds[j] == "person" and not v else v
        for j, v in enumerate(values)
    ]


# a header copied with its cells separated by spaces: 序号 目标任务 责任单位 推进情况
_SPACED_HEADER_RE = re.compile(
    rf"^\s*(?:序号|编号)(?:[ \t\u3000]+[^\s。；;，,|]{{1,12}}){{2,{_MAX_COLUMNS}}}\s*$"
)


def spaced_cell_tables(text: str) -> str:
    """A numbered table copied with the cells of each row separated by spaces (``序号
    目标任务 责任单位``, ``1 地区生产总值增长6%。 区发改委``), a cell of several units running
    on over lines of its own, up to a blank line: written one cell per line for
    :func:`numbered_cell_tables` to rebuild, section by section: a section heading inside
    it (一、…, （一）…) ends the rows above, and the rows below it are rebuilt under the
    header again. A block none of whose sections is rebuilt is left as it was."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _SPACED_HEADER_RE.match(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        j = i + 1
        while j < len(lines) and lines[j].strip():
            j += 1
        rebuilt = _spaced_block(lines[i].split(), lines[i + 1 : j])
        out += rebuilt if any(CELL_SEP in line for line in rebuilt) else lines[i:j]
        i = j
    return "\n".join(out)


def _spaced_block(header: list[str], lines: Sequence[str]) -> list[str]:
    """The lines of a spaced table's block under ``header``, each section's rows rebuilt
    (:func:`spaced_cell_tables`); a section of no numbered row, or one not rebuilt, as
    it was."""
    out: list[str] = []
    section: list[str] = []
    for line in [*lines, ""]:
        if line and not marker_rank(line.strip()):
            section.append(line)
            continue
        cells = [c for ln in section for c in ln.split()]
        rebuilt = numbered_cell_tables("\n".join([*header, *cells])).split("\n")
        out += rebuilt if any(CELL_SEP in r for r in rebuilt) else section
        section = []
        if line:
            out.append(line.strip())
    return out


def numbered_cell_tables(text: str) -> str:
    """Each table copied one cell per line under a 序号 label, its rows numbered 1, 2,
    3, … (see the module's docstring), rebuilt as rows of cells; everything else as it
    was."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        found = None
        label = "".join(lines[i].removesuffix("|").split())
        if len(label) <= 2 and zh.to_simplified(label) in _INDEX_LABELS:
            found = _table(lines, i)
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        rows, i = found
        out += rows
    return "\n".join(out)
