"""Answer units: the spans an answer may quote, cut at ingest with their offsets.

A document becomes, in order:

* one ``sentence`` unit per sentence (commitment records cut out of it);
* for a sentence longer than ``long_sentence`` characters, also ``window`` units: runs
  of its clauses of at most ``window_chars`` characters, not overlapping, so an answer
  can quote the part that holds the fact. Only the windows are embedded; the long
  sentence's vector is the normalised mean of its windows' (see ``parent``);
* one ``record`` unit per commitment: its task text, without the owner record;
* one ``row`` unit per data row of a table (:attr:`Document.tables`): the row as
  labelled text, with the table's title and the row's number (a row longer than
  ``long_sentence`` also has ``window`` units); a table's caption and the group lines
  inside it are ``heading`` units, its header rows are not in the text;
* ``heading`` units for heading lines (short, no closing punctuation), kept so that a
  scorer can learn that they rarely answer;
* one ``list`` unit per short numbered list under its lead line (``申请材料：`` or a
  heading, then ``1.…`` ``2.…`` each on a line of its own), lead and items together, at
  most ``list_chars`` characters: what to bring, how to pay, where to go is the whole list,
  which no single item says (the items stay sentence units as well).

Every unit carries the place it is about (:func:`ingest.places.unit_place`): the
document's, or the one narrower place inside it that the unit names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ingest.dates import speech_date, undated_delivery
from ingest.places import unit_place
from ingest.structure import heading_path, marker_rank
from lixia_qa import zh
from lixia_qa.types import AnswerUnit, Commitment, Document

_CLOSERS = f"[{re.escape(zh.SENTENCE_CLOSERS)}]*"
# where answer units break: sentence ends and semicolons (a run of them, with closing
# quotes/brackets), an ellipsis, line breaks
# (an ASCII mark inside a URL, a time or a figure breaks nothing: zh.break_mark)
UNIT_BREAK = re.compile(
    rf"{zh.break_mark(zh.SENTENCE_END + zh.SEMICOLONS)}+{_CLOSERS}"
    rf"|{zh.ELLIPSIS}{{1,2}}{_CLOSERS}|\n+"
)
LINE_END = re.compile(r"\n+")
# clause ends; not 、, which joins the items of a list
CLAUSE_END = re.compile(rf"{zh.break_mark(zh.CLAUSE_BREAKS)}{_CLOSERS}")
ITEM_END = re.compile(rf"{zh.break_mark(zh.CLAUSE_END)}{_CLOSERS}")
_LEAD = re.compile(rf"^[\s{re.escape(zh.LEAD_MARKS)}]+")
# a title line found among the sentences: a title this long, under a label this long
_TITLE_MIN = 8
_TITLE_LABEL = 8
CLOSING = zh.SENTENCE_END + zh.SEMICOLONS + zh.ELLIPSIS + zh.QUOTE_CLOSERS + zh.PAREN_CLOSERS

_WORDY = re.compile(r"[^\W_]")  # a letter, digit or Han character
LONG_SENTENCE = 80
WINDOW_CHARS = 50
LIST_CHARS = 160
# an item's number: 1. / 1、 / （1） / 一、 / （一） / ①
_ITEM_RE = re.compile(
    rf"^(?:(\d{{1,2}})(?:\.|、)(?!\d)|[（(](\d{{1,2}})[）)]|([{zh.CN_DIGITS}十]{{1,3}})、"
    rf"|[（(]([{zh.CN_DIGITS}十]{{1,3}})[）)]|([①-⑳]))"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _cut_gaps(start: int, end: int, gaps: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    bounds = [(start, end)]
    for g0, g1 in sorted(gaps):
        kept = []
        for b0, b1 in bounds:
            if g1 <= b0 or g0 >= b1:
                kept.append((b0, b1))
                continue
            if g0 > b0:
                kept.append((b0, g0))
            if g1 < b1:
                kept.append((g1, b1))
        bounds = kept
    return bounds


def _tidy(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading punctuation/space and trailing space."""
    lead = _LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_spans(
    text: str,
    start: int,
    end: int,
    pattern: re.Pattern[str] = UNIT_BREAK,
    gaps: Sequence[tuple[int, int]] = (),
) -> list[Span]:
    """Pieces of ``text[start:end]`` ending at ``pattern``; ``gaps`` are cut out entirely."""
    out: list[Span] = []
    for b0, b1 in _cut_gaps(start, end, gaps):
        cursor = b0
        bounds = []
        for m in pattern.finditer(text, b0, b1):
            bounds.append((cursor, m.end() if m.group().strip() else m.start()))
            cursor = m.end()
        bounds.append((cursor, b1))
        for s, e in bounds:
            s, e = _tidy(text, s, e)
            if e - s >= 2:
                out.append(Span(s, e))
    return out


def clauses(text: str, span: Span, items: bool = False) -> list[Span]:
    """The clauses of ``span``; with ``items``, a list's items (after ；and 、) too."""
    return split_spans(text, span.start, span.end, ITEM_END if items else CLAUSE_END)


# a table's or a figure's caption (表5 …, 图2：…, 附表1 …, 表1户籍人口 once cleaning took
# the space out): it names what is shown, even when what is shown is an image the text
# does not hold
CAPTION_RE = re.compile(
    rf"^(?:附\s*)?[表图]\s*[\d{zh.CN_NONZERO}十]+(?:[-－.．]\d+)?(?:\s|[：:、．.]|$|(?=[{zh.HAN}]))"
)
MAX_CAPTION = 80


def is_caption(piece: str) -> bool:
    """A table's or a figure's caption on a line of its own (``表5 2023年…``)."""
    return len(piece) <= MAX_CAPTION and bool(CAPTION_RE.match(piece)) and piece[-1] not in CLOSING


# a labelled value on a line of its own (地点：某某会展中心, 联系电话：…)
LABELLED_RE = re.compile(rf"^[^{zh.COMMAS}{zh.SENTENCE_END}{zh.COLONS}\s]{{1,8}}[{zh.COLONS}]\s*\S")


# the last words of a form's field labels (咨询电话, 收费标准, 办理时限, 责任编辑, 申请材料):
# a line labelled so states a fact, even standing alone
FIELD_HEADS = (
    "电话", "手机", "传真", "邮箱", "邮编", "网址", "地址", "地点", "时间", "日期", "时限",
    "期限", "标准", "费用", "材料", "条件", "对象", "方式", "流程", "依据", "部门",
    "机构", "主体", "来源", "名称", "号码", "编号", "文号", "编辑", "作者", "记者", "联系人",
    "负责人", "责任人", "金额", "范围", "窗口",
)  # fmt: skip
_FIELD_RE = re.compile(
    rf"^[^{zh.COMMAS}{zh.SENTENCE_END}{zh.COLONS}\s]{{0,6}}(?:{'|'.join(FIELD_HEADS)})[{zh.COLONS}]\s*\S"
)


def in_form(text: str, span: Span) -> bool:
    """A labelled value among labelled lines (``展会时间：…`` / ``展会地点：…`` /
    ``交通信息：…``): a field of a form or of an event's details, a fact. A labelled line
    standing alone (``某某区：奋进新时代``) is a headline, unless its label names a form's
    field (``咨询电话：…``, ``收费标准：不收费``: :data:`FIELD_HEADS`)."""
    piece = text[span.start : span.end]
    if not LABELLED_RE.match(piece):
        return False
    if _FIELD_RE.match(piece):
        return True
    before = text[: span.start].rstrip("\n").rsplit("\n", 1)[-1]
    after = text[span.end :].lstrip("\n").split("\n", 1)[0]
    return bool(LABELLED_RE.match(before) or LABELLED_RE.match(after))


def is_heading(text: str, span: Span) -> bool:
    """A short line without closing punctuation, a caption or a report's delivery line on
    a line of its own: a heading, not an answer.
    A field of a form (:func:`in_form`) or an item of a list (:func:`in_list`) is a
    fact, not a heading."""
    piece = text[span.start : span.end]
    on_its_own = span.end == len(text) or text[span.end] == "\n"
    line_start = span.start == 0 or text[span.start - 1] == "\n"
    if on_its_own and line_start and (is_caption(piece) or speech_date(piece) is not None):
        return True  # a caption, or a report's delivery line (——2024年1月10日在…会议上)
    short = len(piece) < 24 and piece[-1] not in CLOSING and on_its_own
    return short and not in_form(text, span) and not in_list(text, span)


def in_list(text: str, span: Span) -> bool:
    """An item of a numbered list whose items are sentences (``1.身份证原件一份。`` /
    ``2.二寸近期彩照三张`` / ``3.相关病历材料。``): a fact, though short and
    unpunctuated, not a heading. Its line before or after is numbered the same way and
    ends a sentence; numbered lines none of which does (a table of contents) stay
    headings."""
    marked = marker_rank(text[span.start : span.end])
    if marked is None:
        return False
    before = text[: span.start].rstrip("\n").rsplit("\n", 1)[-1].rstrip()
    after = text[span.end :].lstrip("\n").split("\n", 1)[0].rstrip()
    for line in (before, after):
        sibling = marker_rank(line) if line else None
        if sibling is not None and sibling[0] == marked[0] and line[-1] in CLOSING:
            return True
    return False


def windows(text: str, span: Span, max_chars: int = WINDOW_CHARS) -> list[Span]:
    """Runs of consecutive clauses of ``span``, each at most ``max_chars`` long
    (a single longer clause is its own window), covering the span without overlap. A
    label ending a run (…，联系电话：) goes with the value that opens the next, which may
    make that run longer."""
    out: list[Span] = []
    run: list[Span] = []
    for part in clauses(text, span):
        if run and part.end - run[0].start <= max_chars:
            run.append(part)
            continue
        labels: list[Span] = []
        while len(run) > 1 and _LABEL_ONLY.match(text, run[-1].start, run[-1].end):
            labels.insert(0, run.pop())
        if run:
            out.append(Span(run[0].start, run[-1].end))
        run = [*labels, part]
    if run:
        out.append(Span(run[0].start, run[-1].end))
    return out


# the end of a table row's cell, as rows are written (单位：…；职位：…)
CELL_END = re.compile(zh.break_mark(zh.SEMICOLONS))


def row_windows(text: str, span: Span, max_chars: int = WINDOW_CHARS) -> list[Span]:
    """Runs of consecutive cells of a table row (``标题：…；发文时间：…``), each at most
    ``max_chars`` long, so that every window starts with a cell's label; a longer cell is
    cut into the clause windows of each of its sentences (a window never runs from one
    sentence into the next). They cover the row without overlap."""
    out: list[Span] = []
    current: Span | None = None
    for cell in split_spans(text, span.start, span.end, CELL_END):
        if cell.end - cell.start > max_chars:
            out += [current] if current is not None else []
            for sentence in split_spans(text, cell.start, cell.end):
                out += windows(text, sentence, max_chars)
            current = None
        elif current is not None and cell.end - current.start <= max_chars:
            current = Span(current.start, cell.end)
        else:
            out += [current] if current is not None else []
            current = cell
    out += [current] if current is not None else []
    # a label cut off from its long value goes with it (正文： + its first clause)
    merged: list[Span] = []
    for part in out:
        if merged and _LABEL_ONLY.match(text, merged[-1].start, merged[-1].end):
            part = Span(merged.pop().start, part.end)
        merged.append(part)
    return merged


_LABEL_ONLY = re.compile(rf"[^{zh.SEMICOLONS}]{{1,10}}[{zh.COLONS}]\s*$")


def record_gaps(commitments: Sequence[Commitment]) -> dict[str, list[tuple[int, int]]]:
    """doc_id -> spans of owner records (``（牵头领导：…）``), cut out of sentences."""
    gaps: dict[str, list[tuple[int, int]]] = {}
    for c in commitments:
        opening = c.record_start if c.record_start >= 0 else c.end
        gaps.setdefault(c.doc_id, []).append((opening, c.end))
    return gaps


@dataclass
class _Units:
    """The units of one document as they are added, numbered in order."""

    doc: Document
    units: list[AnswerUnit] = field(default_factory=list)

    def add(self, span: Span, kind: str, parent: str = "", table: str = "", row: int = 0) -> str:
        """Add the unit of ``span``, unless it holds only punctuation (a form's blank
        "……", a stray '"；'); its id, or "" when it was not added."""
        doc = self.doc
        unit_id = f"{doc.doc_id}~{len(self.units)}"
        piece = doc.text[span.start : span.end]
        if not _WORDY.search(piece):
            return ""
        place = unit_place(piece, doc.place)
        self.units.append(
            AnswerUnit(
                unit_id, doc.doc_id, piece, span.start, span.end, kind, parent, place, table, row
            )
        )
        return unit_id

    def is_title(self, span: Span) -> bool:
        """``span`` is the document's title on a line of its own, however long, maybe
        under a label (【文字解读】…): a heading, not an answer. A title taken from the
        first sentence (a page with no headline) ends a sentence and stays one."""
        title, text = self.doc.title, self.doc.text
        piece = text[span.start : span.end].strip()
        alone = (span.start == 0 or text[span.start - 1] == "\n") and (
            span.end == len(text) or text[span.end] == "\n"
        )
        return (
            alone
            and len(title) >= _TITLE_MIN
            and bool(piece)
            and piece[-1] not in CLOSING
            and piece.endswith(title)
            and len(piece) - len(title) <= _TITLE_LABEL
        )

    def windows(
        self, span: Span, parent: str, long_sentence: int, window_chars: int, row: bool = False
    ) -> None:
        """The clause windows of a long sentence, or the cell windows of a long table row
        (when it has two or more)."""
        if span.end - span.start <= long_sentence:
            return
        cut = row_windows if row else windows
        parts = cut(self.doc.text, span, window_chars)
        for part in parts if len(parts) > 1 else []:
            self.add(part, "window", parent=parent)

    def tables(self, long_sentence: int, window_chars: int) -> None:
        """A ``row`` unit per data row of each table (a long row with its clause windows),
        its other lines ``heading`` units."""
        doc = self.doc
        for table in doc.tables:
            title = table.title or (doc.sections and _heading_at(doc, table.start)) or doc.title
            rows = {(r.start, r.end): r.number for r in table.rows}
            for line in split_spans(doc.text, table.start, table.end, LINE_END):
                number = rows.get((line.start, line.end))
                if not number:
                    self.add(line, "heading")
                    continue
                row_id = self.add(line, "row", table=title, row=number)
                self.windows(line, row_id, long_sentence, window_chars, row=True)

    def sentences(self, gaps: list[tuple[int, int]], long_sentence: int, window_chars: int) -> None:
        """Sentence and heading units outside ``gaps``; a long sentence's windows too."""
        text = self.doc.text
        for span in split_spans(text, 0, len(text), gaps=gaps):
            if is_heading(text, span) or self.is_title(span):
                self.add(span, "heading")
                continue
            unit_id = self.add(span, "sentence")
            self.windows(span, unit_id, long_sentence, window_chars)

    def lists(self, gaps: Sequence[tuple[int, int]], list_chars: int) -> None:
        """A ``list`` unit per short numbered list under its lead line, and a ``sentence``
        unit per form's field whose value runs over several sentences (办理时间：上午：
        09:00-12:00; 下午：14:00-17:00; 周六上午08:30-12:30;), at most ``list_chars``."""
        text = self.doc.text
        lines = split_spans(text, 0, len(text), LINE_END, gaps)
        for line in lines:
            if (
                line.end - line.start <= list_chars
                and _FIELD_RE.match(text[line.start : line.end])
                and len(split_spans(text, line.start, line.end)) > 1
            ):
                self.add(line, "sentence")
        i = 0
        while i < len(lines):
            n = _list_items(text, lines, i, list_chars)
            if n:
                self.add(Span(lines[i].start, lines[i + n].end), "list")
            i += n + 1

    def delivery(self) -> None:
        """A ``sentence`` unit over a report's undated delivery line and the date under
        it (:func:`ingest.dates.undated_delivery`): 某某届人大某次会议哪天开的 is answered by
        the two together, neither alone."""
        found = undated_delivery(self.doc.text)
        if found is not None:
            self.add(Span(*found), "sentence")

    def records(self, commitments: Sequence[Commitment]) -> None:
        """A ``record`` unit per commitment: its task text."""
        for c in commitments:
            task_end = c.record_start if c.record_start >= 0 else c.end
            s, e = _tidy(self.doc.text, c.start, task_end)
            if e - s >= 2:
                self.add(Span(s, e), "record")


def _item(line: str) -> tuple[int, int] | None:
    """``(marker kind, number)`` of a numbered item line."""
    m = _ITEM_RE.match(line)
    if not m:
        return None
    kind = next(k for k, g in enumerate(m.groups()) if g)
    number = m.group(kind + 1)
    if kind == 4:
        return kind, ord(number) - ord("①") + 1
    value = int(number) if number.isdigit() else zh.cn_to_int(number)
    return (kind, value) if value is not None else None


def _list_items(text: str, lines: Sequence[Span], i: int, list_chars: int) -> int:
    """How many numbered items (``1.`` ``2.`` …, at least two) follow the lead line
    ``lines[i]`` (a line ending in a colon, or a heading) within ``list_chars``; 0 when
    none do."""
    lead = text[lines[i].start : lines[i].end]
    if not (lead[-1] in zh.COLONS or is_heading(text, lines[i])):
        return 0
    first = _item(lead)
    n, kind = 0, -1
    for line in lines[i + 1 :]:
        item = _item(text[line.start : line.end])
        if item is None or item[1] != n + 1 or (n and item[0] != kind):
            break
        if first is not None and first[0] == item[0]:
            break  # the next heading of the lead's own series, not an item under it
        if line.end - lines[i].start > list_chars:
            return 0
        kind = item[0]
        n += 1
    return n if n >= 2 else 0


def answer_units(
    doc: Document,
    commitments: Sequence[Commitment] = (),
    long_sentence: int = LONG_SENTENCE,
    window_chars: int = WINDOW_CHARS,
    list_chars: int = LIST_CHARS,
) -> list[AnswerUnit]:
    """The answer units of ``doc`` (see the module docstring), in document order."""
    own = [c for c in commitments if c.doc_id == doc.doc_id]
    gaps = record_gaps(own).get(doc.doc_id, [])
    gaps += [(t.start, t.end) for t in doc.tables]
    units = _Units(doc)
    units.tables(long_sentence, window_chars)
    units.sentences(gaps, long_sentence, window_chars)
    units.lists(gaps, list_chars)
    units.delivery()
    units.records(own)
    return units.units


def _heading_at(doc: Document, offset: int) -> str:
    """The innermost heading over ``offset`` (``""`` when none)."""
    path = heading_path(doc.sections, offset)
    return path[-1] if path else ""


def unit_vectors(
    units: Sequence[AnswerUnit], embed: Callable[[list[str]], np.ndarray], dim: int
) -> np.ndarray:
    """One normalised row per unit. Texts (:meth:`AnswerUnit.index_text`: a table row
    with its table's title) are embedded once each (``embed`` gets the distinct texts);
    a long sentence made of windows gets the normalised mean of its windows' vectors
    instead of its own embedding."""
    parents = {u.parent for u in units if u.kind == "window"}
    texts = sorted({u.index_text() for u in units if u.unit_id not in parents})
    vectors = embed(texts) if texts else np.zeros((0, dim), dtype=np.float32)
    by_text = dict(zip(texts, vectors, strict=True))
    out = np.zeros((len(units), dim), dtype=np.float32)
    members: dict[str, list[int]] = {}
    for row, u in enumerate(units):
        if u.unit_id in parents:
            continue
        out[row] = by_text[u.index_text()]
        if u.kind == "window":
            members.setdefault(u.parent, []).append(row)
    for row, u in enumerate(units):
        if u.unit_id in parents:
            mean = out[members[u.unit_id]].mean(axis=0)
            out[row] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    return out
