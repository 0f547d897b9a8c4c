"""Find the headings of a cleaned document and the spans of text they govern.

Numbered headings rank, outermost first: ``第X章`` > ``第X节`` > ``第X条`` > ``一、`` >
``（一）`` > ``1.``/``1、`` > ``（1）``. Levels are dense over the ranks a document
uses, so a notice whose top headings are ``（一）`` has them at level 1. A standalone
heading (a paragraph of 1-3 short lines without sentence punctuation) is level 1, or
one level below the last numbered heading when it appears inside a numbered structure.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.tables import is_table_row
from lixia_qa import zh
from lixia_qa.types import Section

logger = logging.getLogger(__name__)

_NUM = zh.CN_DIGITS + "十百" + zh.LIANG
_MARKERS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        rf"^第[{_NUM}\d]+章",
        rf"^第[{_NUM}\d]+节",
        rf"^第[{_NUM}\d]+条",
        rf"^[{_NUM}]+、",
        rf"^[（(][{_NUM}]+[）)]",
        r"^\d{1,2}(?:\.|、)(?!\d)",
        r"^[（(]\d{1,2}[）)]",
    )
)
_ARTICLE_RANK = 2  # 第X条: the heading is the marker alone, the rest is body text
_STOP_RE = re.compile(rf"[{zh.COMMAS}{zh.SEMICOLONS}{zh.COLONS}{zh.SENTENCE_END}]")
_FULL_STOP_RE = re.compile(rf"[{zh.SENTENCE_END}{zh.SEMICOLONS}]")
_END_PUNCT = zh.CLAUSE_END + zh.SENTENCE_END + ".—" + zh.ELLIPSIS
DATE_LINE_RE = re.compile(
    rf"^(?:{zh.YEAR_4})年[\d{zh.CN_NONZERO}十]{{1,2}}月"
    rf"(?:[\d{zh.CN_NONZERO}十]{{1,3}}日)?$"
)
_MAX_STANDALONE = 30
_MAX_HEADING = 50
_BYLINE_RE = re.compile(
    r"^(?:文/片|文/图|图/文|本报记者|特约记者|见习记者|记者|通讯员|实习生|作者|撰文|摄影|来源)"
    rf"(?:[ /:：|｜]+|(?=[{zh.HAN}]{{2,4}}(?: |$)))"
)


# a body's name: no mark, then what governments and their parts end with
_NAMED = rf"^[^{zh.COMMAS}{zh.SENTENCE_END}{zh.SEMICOLONS}{zh.COLONS}\s]{{2,30}}"
_GOVERNMENTS = "人民政府|办公室|办公厅|委员会|党委|党组|人大常委会|政协"
_BODY_RE = re.compile(rf"{_NAMED}(?:{_GOVERNMENTS})$")
_SIGNER_RE = re.compile(rf"{_NAMED}(?:{_GOVERNMENTS}|[^格布结开大当出变]局|厅|中心|委|办|调查队)$")


def is_body(line: str) -> bool:
    """``line`` is a government or its office alone (某某县人民政府, 某某县人民政府办公室)."""
    return bool(_BODY_RE.match(line))


# the line under a report's title naming who delivers it: 某某县人民政府县长 张三, 某某市
# 市长 张三, 某某镇人民政府镇长 李四; a two-character name may be set with a space (张 三) to align with longer ones
HEAD_POST = r"(?:省长|市长|县长|区长|州长|旗长|盟长|镇长|乡长)"  # the head of a government
# a speaker's name after the post: 2 to 4 characters, two letter-spaced (王 明), or a
# transliterated name joined by middle dots (木合塔尔·丝迪克)
_SPEAKER_NAME = (
    r"(?:[\u4e00-\u9fff·]{2,4}|[\u4e00-\u9fff] [\u4e00-\u9fff]"
    r"|[\u4e00-\u9fff]{1,8}(?:·[\u4e00-\u9fff]{1,8}){1,3})"
)
# the place or government, and a party post held beside the head's (县委副书记、县长);
# the name on the post's line (a post with its name left blank names no one: the next
# line, 各位代表, is no name)
SPEAKER_LINE_RE = re.compile(
    r"^(?:\S{2,20}?(?:人民政府|政府)|\S{1,10}[省市县区州旗盟镇乡])?\s*(?:[^\s、]{2,12}、)?"
    rf"(?:代理|代)?{HEAD_POST}[ \t\u3000]*[:：]?[ \t\u3000]*{_SPEAKER_NAME}$",
    re.MULTILINE,
)


# another official delivering a report on the government's behalf (区发改委主任 吴晓春,
# 县财政局局长：张三): the post, then a space or colon, then the name
_OFFICIAL_LINE_RE = re.compile(
    r"^\S{0,20}?(?:主任|局长|厅长|处长|部长|书记|主席|院长|检察长|行长|会长)"
    rf"(?:\s+|\s*[:：]\s*){_SPEAKER_NAME}$"
)


def is_speaker(line: str) -> bool:
    """``line`` names the post and person delivering a report (某某县人民政府县长 张三,
    区发改委主任 吴晓春): who speaks, not what the document is."""
    line = line.strip()
    return bool(SPEAKER_LINE_RE.fullmatch(line) or _OFFICIAL_LINE_RE.match(line))


_POST_RE = re.compile(HEAD_POST)


# a document's number (文号): 某政发〔2023〕10号, 某办函[2024]3号
DOC_NUMBER_RE = re.compile(
    rf"[{zh.HAN}]{{1,12}}[〔\[［【(（]\s*({zh.YEAR_DIGITS})\s*[〕\]］】)）]\s*[第]?\d{{1,4}}\s*号"
)


def speaker_post(text: str, head: int = 2000) -> str:
    """The government and post of the line naming who delivers a report
    (:func:`is_speaker`) within its first ``head`` characters, without the person's name
    (某某县人民政府县长 of 某某县人民政府县长 张三: a name may hold a place's, 田兴国), or
    empty."""
    match = SPEAKER_LINE_RE.search(text[:head])
    if not match:
        return ""
    posts = list(_POST_RE.finditer(match.group()))
    return match.group()[: posts[-1].end()].strip()


def is_signer(line: str) -> bool:
    """``line`` is an issuing body alone (某某县统计局, 某某县人民政府办公室), or bodies
    signing together (某某市统计局 国家统计局某某调查队): a notice's signature, or the
    bodies under a bulletin's title."""
    return bool(line.split()) and all(_SIGNER_RE.match(part) for part in line.split())


def is_byline(line: str) -> bool:
    """True for a byline such as ``记者 张三``, ``文/片 某报`` or ``通讯员 李四 王五``."""
    line = line.strip()
    return len(line) <= 60 and bool(_BYLINE_RE.match(line)) and not _FULL_STOP_RE.search(line)


def marker_rank(line: str) -> tuple[int, int] | None:
    """``(rank, marker length)`` when ``line`` starts with a numbered heading marker."""
    for rank, rx in enumerate(_MARKERS):
        match = rx.match(line)
        if match:
            return rank, match.end()
    return None


def _numbered_heading(line: str, rank: int, marker_end: int) -> str:
    """Marker plus text up to the first ``，``/``。`` (``（三）统筹基础建设和数智融合应用``)."""
    if rank == _ARTICLE_RANK:
        return line[:marker_end]
    stop = _STOP_RE.search(line, marker_end + 1)
    heading = line[: stop.start()] if stop else line
    return heading.strip()[:_MAX_HEADING]


def _standalone_heading(lines: list[str]) -> str | None:
    """Heading text of a paragraph that is a heading on its own (``推动城市更新``)."""
    if len(lines) > 3 or any(len(ln) > _MAX_STANDALONE or is_table_row(ln) for ln in lines):
        return None
    for line in lines:
        if (
            re.search(rf"[{zh.SENTENCE_END}{zh.SEMICOLONS}]", line)
            or line[-1] in _END_PUNCT
            or is_byline(line)
            or DATE_LINE_RE.match(line)
        ):
            return None
    return " ".join(lines)


@dataclass(frozen=True)
class _Candidate:
    start: int
    heading: str
    rank: int | None  # None for a standalone heading


def _candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):  # paragraphs
        lines = match.group().split("\n")
        offset = match.start()
        standalone = _standalone_heading(lines) if not marker_rank(lines[0]) else None
        if standalone:
            found.append(_Candidate(offset, standalone, None))
            continue
        for line in lines:
            marked = marker_rank(line)
            if marked:
                found.append(_Candidate(offset, _numbered_heading(line, *marked), marked[0]))
            offset += len(line) + 1
    return found


def find_sections(text: str) -> tuple[Section, ...]:
    """Every heading of ``text`` with the span it governs, in document order.

    A section runs from its heading to the next heading of the same or a higher level
    (a smaller level number), or to the end of the text.
    """
    found = _candidates(text)
    dense = {
        rank: i + 1 for i, rank in enumerate(sorted({c.rank for c in found if c.rank is not None}))
    }
    levels: list[int] = []
    last_numbered = 0
    for cand in found:
        if cand.rank is None:
            levels.append(last_numbered + 1)
        else:
            last_numbered = dense[cand.rank]
            levels.append(last_numbered)
    ends = [len(text)] * len(found)
    open_: list[int] = []  # sections not closed yet, outermost first
    for i, cand in enumerate(found):
        while open_ and levels[open_[-1]] >= levels[i]:
            ends[open_.pop()] = cand.start
        open_.append(i)
    sections = [
        Section(c.heading, lvl, c.start, end)
        for c, lvl, end in zip(found, levels, ends, strict=True)
    ]
    logger.debug("found %d sections", len(sections))
    return tuple(sections)


@dataclass(frozen=True)
class _Tree:
    sections: Sequence[Section]
    starts: list[int]
    parents: list[int]


_last_tree: list[_Tree] = []  # one-entry cache: callers ask many offsets of one document


def _tree(sections: Sequence[Section]) -> _Tree:
    if _last_tree and _last_tree[0].sections is sections:
        return _last_tree[0]
    parents: list[int] = []
    stack: list[int] = []
    for sec in sections:
        while stack and not (
            sections[stack[-1]].level < sec.level and sections[stack[-1]].end > sec.start
        ):
            stack.pop()
        parents.append(stack[-1] if stack else -1)
        stack.append(len(parents) - 1)
    tree = _Tree(sections, [s.start for s in sections], parents)
    _last_tree[:] = [tree]
    return tree


def heading_path(sections: Sequence[Section], offset: int) -> tuple[str, ...]:
    """Headings (outermost first) of the sections containing ``offset``.

    ``sections`` must be in document order, as :func:`find_sections` returns them.
    Costs a bisection plus the nesting depth; the parent links are computed once per
    ``sections`` object.
    """
    tree = _tree(sections)
    i = bisect_right(tree.starts, offset) - 1
    while i >= 0 and sections[i].end <= offset:
        i = tree.parents[i]
    path: list[str] = []
    while i >= 0:
        path.append(sections[i].heading)
        i = tree.parents[i]
    return tuple(reversed(path))
