"""Commitment records: task text followed by ``（牵头领导：…；牵头单位：…；责任单位：…）``
or by the same in verbs, ``（区发改局牵头，区财政局、各街道配合）``.

Task breakdowns of a government work report attach a responsibility record to each
task. A record is a parenthesis whose body is a run of ``field：value`` pairs (full or
half-width colon, separated by ``；``, ``;`` or ``，``); field names end in 领导,
单位 or 部门 (牵头领导, 责任领导, 牵头单位, 责任单位, 配合单位, 协办单位, …) or are
责任人/负责人. Values list names separated by ``、``, ``，`` or ``,``.

Where the task starts: a record closes the clause(s) written since the end of the
previous record or since the start of the sentence (``。！？``), of the paragraph (line
break) or of a lead-in ending in ``：``, whichever is later. A paragraph that opens
with a topic sentence (``全力以赴做好稳企惠企、稳定就业。持续深化…（…）``) therefore
yields only the clauses after the topic sentence: the topic sentence is a heading for
the whole paragraph, shared by several records, and it is already available to a
reader through ``Commitment.headings``; repeating it in every task would make all the
tasks of a paragraph look alike in a list.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ingest.commitment_tables import OWNER_ROLES, column_role, table_commitments
from ingest.owners import (
    FIELD_NAME,
    Owners,
    dedupe,
    parse_owners,
    parse_record,
    parse_verb_record,
    split_names,
)
from lixia_qa import zh
from lixia_qa.types import Commitment, Table

__all__ = ["parse_commitments", "parse_record", "split_names", "task_span"]

logger = logging.getLogger(__name__)

# One record: an opening parenthesis (or bracket: 〔责任单位：…〕, 【牵头单位：…】), a field
# name and colon, then anything up to the closing one on the same line (one level of
# nested parentheses allowed: 各县（市、区）政府).
_OPEN, _CLOSE = "（(〔【［[", "）)〕】］]"
_RECORD_RE = re.compile(
    rf"[{re.escape(_OPEN)}]\s*(?P<body>{FIELD_NAME}\s*[：:]"
    rf"(?:[^{re.escape(_OPEN + _CLOSE)}\n]|[（(][^（）()\n]*[）)]){{0,600}}?)[{re.escape(_CLOSE)}]"
)
# A record in verbs: （区发改局牵头，区财政局配合）, （市商务局负责） (parse_verb_record)
_VERB_RECORD_RE = re.compile(
    rf"[{re.escape(_OPEN)}]\s*(?P<body>[^{re.escape(_OPEN + _CLOSE)}\n：:]{{2,300}}?"
    rf"(?:牵头负责|牵头|主办|主责|负责|配合|协办|协助|参与))\s*[{re.escape(_CLOSE)}]"
)
# A record written as lines of its own under a numbered task (2.规上工业增加值增长5%。 /
# 牵头单位：区工信局 / 责任单位：立山经济开发区), blank lines between them allowed
_FIELD_LINE = rf"{FIELD_NAME}\s*[：:][^\n]{{1,200}}"
_LINES_RECORD_RE = re.compile(rf"(?m)^(?P<body>{_FIELD_LINE}(?:\n\s*{_FIELD_LINE})*)$")
_TERMINATORS = zh.SENTENCE_END
_BOUNDARIES = _TERMINATORS + "\n" + zh.COLONS
_TRAILING = zh.COMMAS + zh.SEMICOLONS + zh.LIST_COMMA
_LEADING = zh.LEAD_MARKS + " \t\u3000\n"
_ENUM_RE = re.compile(
    rf"^(?:[（(][{zh.CN_NONZERO}十百\d]{{1,3}}[）)]|[{zh.CN_NONZERO}十]{{1,3}}、|\d{{1,3}}[.、．](?!\d))"
)


def _is_boundary(text: str, i: int) -> bool:
    """True if ``text[i]`` ends a sentence, a paragraph or a lead-in (not ``10:30``)."""
    ch = text[i]
    if ch not in _BOUNDARIES:
        return False
    if ch == ":" and 0 < i < len(text) - 1:
        return not (text[i - 1].isdigit() and text[i + 1].isdigit())
    return True


def _skip_leading(text: str, start: int, end: int) -> int:
    """Move ``start`` past punctuation, whitespace and list markers such as ``（一）``."""
    while start < end:
        if text[start] in _LEADING:
            start += 1
            continue
        enum = _ENUM_RE.match(text[start:end])  # (its ^ holds at a slice's start only)
        if not enum:
            break
        start += enum.end()
    return start


def task_span(text: str, record_start: int, floor: int = 0) -> tuple[int, int]:
    """Offsets ``(start, end)`` of the task a record at ``record_start`` belongs to.

    ``floor`` is the end of the previous record. The task ends before the record
    (trailing ``，``/``；`` and whitespace dropped, a final ``。`` kept) and starts after
    the last sentence, paragraph or lead-in boundary before it, or at ``floor``.
    ``start == end`` when there is no task text (a record right after a record).
    """
    end = record_start
    while end > floor and (text[end - 1] in _TRAILING or text[end - 1].isspace()):
        end -= 1
    scan = end - 1 if end > floor and text[end - 1] in _TERMINATORS else end
    start = floor
    for i in range(scan - 1, floor - 1, -1):
        if _is_boundary(text, i):
            start = i + 1
            break
    start = _skip_leading(text, start, end)
    return (start, end) if start < end else (end, end)


def _merge(first: Commitment, owners: Owners, end: int) -> Commitment:
    return replace(
        first,
        leaders=dedupe([*first.leaders, *owners.leaders]),
        lead_units=dedupe([*first.lead_units, *owners.lead_units]),
        units=dedupe([*first.units, *owners.units]),
        partner_units=dedupe([*first.partner_units, *owners.partner_units]),
        end=end,
    )


def _inside(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in spans)


def _records(text: str) -> list[tuple[re.Match[str], Owners, str]]:
    """Every record of ``text`` with its names and how it is written, in order:
    ``"labelled"`` (``（牵头领导：…）``), ``"verbs"`` (``（区发改局牵头，…配合）``) or
    ``"lines"`` (``牵头单位：…`` on lines of their own under a numbered task)."""
    found = [(m, parse_owners(m.group("body")), "labelled") for m in _RECORD_RE.finditer(text)]
    for m in _VERB_RECORD_RE.finditer(text):
        owners = parse_verb_record(m.group("body"))
        if owners is not None:
            found.append((m, owners, "verbs"))
    for m in _LINES_RECORD_RE.finditer(text):
        if _numbered_above(text, m.start()) and _owner_fields(m.group("body")):
            found.append((m, parse_owners(m.group("body")), "lines"))
    return sorted(found, key=lambda r: r[0].start())


def _owner_fields(body: str) -> bool:
    """Every field of a record's lines names an owner of a task (牵头单位, 责任单位,
    分管领导; not 主办单位 or 联系人, which a page's footer or a notice names)."""
    names = re.findall(rf"^\s*({FIELD_NAME})\s*[：:]", body, flags=re.M)
    return bool(names) and all(
        column_role(n) in OWNER_ROLES and not n.startswith("主办") for n in names
    )


# a labelled line stating what an item is (实施内容：…, 建设内容：…, 目标任务：…), between
# the item's numbered heading and its owners' lines
_CONTENT_LINE_RE = re.compile(r"^[^\s：:，。；]{2,8}(?:内容|任务|目标|标准|规模)[：:]")
_CONTENT_LINES = 3  # such lines an item may state before its owners at most


def _numbered_line_above(text: str, start: int) -> int | None:
    """Where the numbered item (2.…, （三）…) starts whose paragraph comes before
    ``start``, directly or past lines stating what the item is (一、某某改造工程 /
    实施内容：… / 责任部门：…); None when there is none."""
    end = len(text[:start].rstrip())
    for _ in range(_CONTENT_LINES + 1):
        begin = text.rfind("\n", 0, end) + 1
        line = text[begin:end].strip()
        if _ENUM_RE.match(line):
            return begin
        if not _CONTENT_LINE_RE.match(line):
            return None
        end = len(text[:begin].rstrip())
    return None


def _numbered_above(text: str, start: int) -> bool:
    """The paragraph before ``start`` is a numbered item, or states what one is."""
    return _numbered_line_above(text, start) is not None


def _item_start(text: str, task_end: int, floor: int, end: int) -> int:
    """Where the paragraph holding a task that ends at ``task_end`` starts (not before
    ``floor``), past its number: a record in verbs closes a numbered item of a list of
    measures (``4.加强项目谋划储备。编制…。（区发改局牵头…）``), and a record on lines of
    its own follows one; the whole item is its task, its opening words included."""
    begin = text.rfind("\n", 0, task_end) + 1
    if _CONTENT_LINE_RE.match(text[begin:task_end]):
        numbered = _numbered_line_above(text, task_end)  # 一、… / 实施内容：…
        begin = begin if numbered is None else numbered
    return _skip_leading(text, max(floor, begin), end)


def parse_commitments(
    doc_id: str,
    text: str,
    headings_at: Callable[[int], tuple[str, ...]] | None = None,
    tables: tuple[Table, ...] = (),
) -> tuple[Commitment, ...]:
    """Every commitment in ``text``, in document order: parenthesis records and the rows
    of task tables among ``tables`` (the document's, :mod:`ingest.table_records`;
    :func:`ingest.commitment_tables.table_commitments`).

    For a record, ``start`` is the first character of the task, ``end`` is just after
    the record's closing parenthesis, so ``text[start:end]`` shows the task followed by
    its record. A record that directly follows another record (no task text between
    them) adds its names to the previous commitment. See the module docstring for where
    a task starts. A record inside a table is never read as a parenthesis record.
    """
    rows = table_commitments(doc_id, text, tables, headings_at)
    table_spans = [(t.start, t.end) for t in tables]
    items: list[Commitment] = []
    floor = 0
    for match, owners, written in _records(text):
        if _inside(table_spans, match.start()):
            continue
        start, end = task_span(text, match.start(), floor)
        if written != "labelled" and start < end:
            start = _item_start(text, end, floor, end)
        if start == end:
            if items and items[-1].end == floor:
                items[-1] = _merge(items[-1], owners, match.end())
            else:
                logger.debug("record without task text at %s@%d", doc_id, match.start())
            floor = match.end()
            continue
        items.append(
            Commitment(
                commitment_id=f"{doc_id}@{start}",
                doc_id=doc_id,
                task=text[start:end],
                leaders=owners.leaders,
                lead_units=owners.lead_units,
                units=owners.units,
                start=start,
                end=match.end(),
                headings=tuple(headings_at(start)) if headings_at else (),
                record_start=match.start(),
                partner_units=owners.partner_units,
            )
        )
        floor = match.end()
    items = sorted([*items, *rows], key=lambda c: c.start)
    logger.debug("%s: %d commitments", doc_id, len(items))
    return tuple(items)
