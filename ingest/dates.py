"""Dates of a document: reading them, and choosing the one shown, with where it came from.

A saved page states several dates that may disagree: the CMS ``<meta name="PubDate">``
(the day the page was last re-published or edited), the visible ``发布日期：…`` or
``[ 成文日期 ] …`` label, the signature date under an official document, and the year in
its title (``2015年…统计公报``). :func:`choose_date` takes them in this order:

1. a labelled date the reader sees, or the date of the page's date bar beside its
   source (``某某网 2023-11-15 来源：本网``) (``"visible label"``);
2. a line holding only a date, such as a signature date (``"text"``);
3. the file's own statement outside its text, a ``<meta>`` date (``"meta"``), unless it
   contradicts the year in the title (a 2015 bulletin re-published in 2022);
4. no date, only the year the title names (``"title"``);
5. a date htmldate guessed from the page (``"page"``), under the same check as ``meta``.

The labels are those of :data:`lixia_qa.types.DATE_SOURCES`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lixia_qa import zh

_D = rf"[\d{zh.CN_DIGITS}十]"
_DATE_RE = re.compile(rf"({_D}{{4}})\s*年\s*({_D}{{1,2}})\s*月(?:\s*({_D}{{1,3}})\s*[日号])?")
_ISO_DATE_RE = re.compile(rf"(?<!\d)({zh.YEAR_DIGITS})[-/.](\d{{1,2}})(?:[-/.](\d{{1,2}}))?(?!\d)")
# a date label: 日期, 发布日期, 发布时间, 成文日期, 时间, 发文日期, 发表于, …, bare or in brackets
# (``[ 成文日期 ]``, ``【发布时间】``), not inside a word (``会议时间``)
_LABEL = r"(?:(?:发布|发文|成文|印发|公开|更新|生成)?(?:时间|日期)|发布于|发表于)"
DATE_LABEL_RE = re.compile(
    rf"(?:^|(?<=[\s|｜/·]))(?:[\[【［]\s*{_LABEL}\s*[\]】］]\s*[:：]?|{_LABEL}\s*[:：])\s*"
)
# what makes a label the publication's date rather than a bare 时间 / 日期
_PUBLICATION_RE = re.compile(r"发布|发文|成文|印发|公开|更新|生成|发表")
# where an event takes place: a bare 时间 / 日期 next to it is when the event is held
_EVENT_PLACE_RE = re.compile(
    r"(?:^|(?<=[\s|｜；;，,]))(?:活动|会议|举办|展会|比赛|报名)?(?:地点|区域|会场|场地|场馆)\s*[:：]"
)
EVENT_LINES = 2  # how far (in lines) an event's place makes a bare date label the event's
_WEEKDAY_TIME_RE = re.compile(
    r"\s*(?:星期[一二三四五六日天]|周[一二三四五六日]|\d{1,2}:\d{2}(?::\d{2})?)"
)
MIN_YEAR, MAX_YEAR = 1990, 2100


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def parse_date(line: str, whole: bool = False) -> str | None:
    """``2023年2月1日`` / ``二〇二三年二月一日`` / ``2023-02-01`` -> ``"2023-02-01"``.

    With ``whole`` the line must hold nothing else (a weekday or a time may follow).
    """
    line = zh.to_halfwidth(line.strip())
    for rx in (_DATE_RE, _ISO_DATE_RE):
        match = rx.match(line) if whole else rx.search(line)
        if not match or (whole and _WEEKDAY_TIME_RE.sub("", line[match.end() :]).strip()):
            continue
        year, month = zh.cn_to_int(match.group(1)), zh.cn_to_int(match.group(2))
        day = zh.cn_to_int(match.group(3)) if match.group(3) else None
        if year is None or month is None or (match.group(3) and day is None):
            continue
        if MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12 and (day is None or 1 <= day <= 31):
            return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    return None


def labelled_date(line: str, event: bool = False) -> str | None:
    """The date after a label anywhere in ``line``: ``发布时间：2023-04-06 10:30``,
    ``[ 成文日期 ] 2023-04-06``, ``【发布时间】2025年1月13日``, or glued to the next
    label: ``日期：2022-07-28来源：…``. With ``event`` (the line is among an event's
    details: :func:`near_event_place`), a bare ``时间：`` / ``日期：`` is when the event is
    held, not a publication date, and only a 发布 / 成文 … label counts."""
    for match in DATE_LABEL_RE.finditer(zh.to_halfwidth(line)):
        if event and not _PUBLICATION_RE.search(match.group()):
            continue
        rest = line[match.end() :]
        for rx in (_DATE_RE, _ISO_DATE_RE):
            found = rx.match(zh.to_halfwidth(rest))
            if found:
                return parse_date(found.group())
    return None


# the fields of a page's date bar besides its date: 2023-11-15 12:14 来源：本网 【字体：】
_BAR_FIELD_RE = re.compile(r"(?:来源|作者|浏览次数|点击数|阅读次数|访问量|字[体号])\s*[:：]")
_MAX_BAR = 100
_CLAUSE_STOP_RE = re.compile(f"[{zh.SENTENCE_END}{zh.SEMICOLONS}]")


# a date stamped with its clock time (2018-12-10 16:01, 2018年12月10日 16:01:05), as a page
# stamps its posting; not a range of times (09:00-12:00), a schedule's
_STAMP_RE = re.compile(
    rf"(?:{_ISO_DATE_RE.pattern}|{_DATE_RE.pattern})\s*\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?!\s*[-—–~～至到])"
)
# the same written day first, as some sites do (21.03.2017  11:05): only with its time
_DAY_FIRST_STAMP_RE = re.compile(
    rf"(?<![\d.])(\d{{1,2}})\.(\d{{1,2}})\.({zh.YEAR_DIGITS})\s+\d{{1,2}}:\d{{2}}(?!\d)"
)


def bar_date(line: str) -> str | None:
    """The date of a page's date bar: an unlabelled date on a short line, no sentence,
    that also holds the page's source or author field (``某某网 2023-11-15 12:14:17
    来源：本网``) or stamps the date with its clock time (``某某日报 2018-12-10 16:01``)."""
    if len(line) > _MAX_BAR or _CLAUSE_STOP_RE.search(line) or "|" in line:
        return None  # a sentence or a list of details (开始时间：…；来源：…。) is no date bar
    date = parse_date(line)
    if date is None:
        return _day_first_stamp(line)
    return date if _BAR_FIELD_RE.search(line) or _unlabelled(_STAMP_RE, line) else None


def _unlabelled(stamp_re: re.Pattern[str], line: str) -> re.Match[str] | None:
    """The stamp of ``line`` (a date with its time) when no label precedes it: ``时间：
    2024年6月1日 9:00`` says when an event is held (:func:`labelled_date` reads a 发布时间
    label)."""
    stamp = stamp_re.search(line)
    return None if stamp is None or re.search(r"[:：]\s*$", line[: stamp.start()]) else stamp


def _day_first_stamp(line: str) -> str | None:
    """The date of an unlabelled stamp written day first (21.03.2017  11:05)."""
    stamp = _unlabelled(_DAY_FIRST_STAMP_RE, line)
    if stamp is None:
        return None
    day, month, year = (int(g) for g in stamp.groups())
    if 1 <= month <= 12 and 1 <= day <= 31 and MIN_YEAR <= year <= MAX_YEAR:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def near_event_place(lines: list[str], i: int) -> bool:
    """Line ``i`` is among an event's details: it, or a line at most :data:`EVENT_LINES`
    away, says where the event is held (``地点：…``, ``区域：…``, ``会场：…``)."""
    near = lines[max(0, i - EVENT_LINES) : i + EVENT_LINES + 1]
    return any(_EVENT_PLACE_RE.search(line) for line in near)


def first_labelled_date(text: str) -> str | None:
    """The first labelled date (:func:`labelled_date`) or date bar (:func:`bar_date`) of
    any line of ``text``; a bare ``时间：`` among an event's details (``时间：…`` /
    ``地点：…``) is not one."""
    lines = _lines(text)
    for i, line in enumerate(lines):
        date = labelled_date(line, near_event_place(lines, i)) or bar_date(line)
        if date:
            return date
    return None


# a speech's delivery line under its title: ——2019年1月9日在某某市第五届人民代表大会第三次
# 会议上, （2024年1月5日在区委全会上）
_SPEECH_RE = re.compile(
    rf"^[—\-－─━–（(\s]*({_D}{{4}}\s*年\s*{_D}{{1,2}}\s*月\s*{_D}{{1,3}}\s*日)\s*在"
    rf"[^{zh.SENTENCE_END}{zh.SEMICOLONS}]{{2,60}}?上"
)
_CLAUSE_RE = re.compile(f"[{zh.COMMAS}{zh.SENTENCE_END}{zh.SEMICOLONS}]")


# the delivery line without its date: ——在金碧镇第十四届人民代表大会第七次会议上,
# 在某某镇第十七届人民代表大会第五次会议上的报告, or after a dash with no 在 (——某某旗第十五届…会议上)
_UNDATED_SPEECH_RE = re.compile(
    rf"^(?:[—\-－─━–（(\s]*在|[—\-－─━–]{{1,2}}\s*)([^{zh.SENTENCE_END}{zh.SEMICOLONS}{zh.COMMAS}]{{2,40}}?"
    r"(?:大会|会议|全会))上(?:的(?:报告|讲话|发言))?[）)]?$"
)


def delivery_line(line: str) -> bool:
    """``line`` says where (and when) a speech or a report was delivered, on its own line
    under the title, dated (:func:`speech_date`) or not (——在某某镇第十四届人民代表大会第
    七次会议上)."""
    return speech_date(line) is not None or bool(_UNDATED_SPEECH_RE.match(line.strip()))


def speech_date(line: str) -> str | None:
    """The date a speech or a report was delivered, on its own line under the title
    (``——2019年1月9日在某某市第五届人民代表大会第三次会议上``), possibly glued to the
    speaker's name; not a sentence going on after it (``…会上，市长作了报告``)."""
    line = zh.to_halfwidth(line)
    match = _SPEECH_RE.match(line)
    if not match or _CLAUSE_RE.search(line, match.end()):
        return None
    return parse_date(match.group(1))


def _delivery_line(lines: list[str], i: int) -> str:
    """Line ``i`` when it is a speech's delivery line, or with the line after it when
    the delivery line was broken in two (``——2024年1月10日在某某区第十届`` /
    ``人民代表大会第三次会议上``); else empty."""
    if speech_date(lines[i]):
        return lines[i]
    if i + 1 < len(lines) and _SPEECH_START_RE.match(zh.to_halfwidth(lines[i])):
        joined = lines[i] + lines[i + 1]
        return joined if speech_date(joined) else ""
    return ""


_SPEECH_START_RE = re.compile(
    rf"^[—\-－─━–（(\s]*{_D}{{4}}\s*年\s*{_D}{{1,2}}\s*月\s*{_D}{{1,3}}\s*日\s*在"
)


def speech_venue(text: str, head: int = 12) -> str:
    """Where a report or speech was delivered, from its delivery line among the first
    ``head`` lines (``——2023年4月25日在某某县第十七届人民代表大会第四次会议上`` ->
    ``某某县第十七届人民代表大会第四次会议``), dated or not (——在某某县…会议上); empty when
    there is none."""
    lines = _lines(text)[:head]
    for i in range(len(lines)):
        match = _SPEECH_RE.match(zh.to_halfwidth(_delivery_line(lines, i)))
        if match:
            return match.group(0)[match.end(1) :].strip().removeprefix("在").removesuffix("上")
        undated = _UNDATED_SPEECH_RE.match(zh.to_halfwidth(lines[i]).strip())
        if undated:  # ——在某某县第十八届人民代表大会第五次会议上
            return undated.group(1)
    return ""


_DELIVERY_HEAD = 12  # lines of a text's head where a speech's delivery line stands
_DATE_UNDER = 3  # lines under an undated delivery line where its date may stand


def delivery_date(text: str) -> str | None:
    """The date a speech or a report was delivered, from its head: its dated delivery
    line (``——2020年5月19日在某某旗第十五届人民代表大会第四次会议上``), or the date alone on
    a line (``（2022年1月5日）``) a few lines under an undated one (``——在…会议上`` /
    speaker). None for a text with no delivery line. A page re-posting a report later
    dates the page, not the report."""
    lines = _lines(text)[:_DELIVERY_HEAD]
    for i in range(len(lines)):
        dated = speech_date(_delivery_line(lines, i))
        if dated:
            return dated
        if _UNDATED_SPEECH_RE.match(zh.to_halfwidth(lines[i]).strip()):
            for line in lines[i + 1 : i + 1 + _DATE_UNDER]:
                bare = line.strip().strip("（()）")
                date = parse_date(bare, whole=True)
                if date:
                    return date
            return None
    return None


def undated_delivery(text: str) -> tuple[int, int] | None:
    """The span of a report's head from its undated delivery line (——在某某县第十六届人民
    代表大会第一次会议上) to the date alone on a line a few lines under it (（2022年1月5日）,
    the speaker's line between): what says when the report was delivered, and at which
    meeting. None when the head has no such lines."""
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group().strip()][:_DELIVERY_HEAD]
    for i, line in enumerate(lines):
        if speech_date(line.group()) or not _UNDATED_SPEECH_RE.match(
            zh.to_halfwidth(line.group()).strip()
        ):
            continue
        for under in lines[i + 1 : i + 1 + _DATE_UNDER]:
            if parse_date(under.group().strip().strip("（()）"), whole=True):
                return line.start() + len(line.group()) - len(line.group().lstrip()), under.end()
        return None
    return None


def date_line(text: str) -> str | None:
    """The first line holding only a date, perhaps in brackets (an official document's
    signature date, a report's date under its speaker) or the date a speech was delivered
    (:func:`speech_date`, its line possibly broken)."""
    lines = _lines(text)
    for i, line in enumerate(lines):
        # a report's date in brackets under its speaker: （2025年1月6日）
        bare = (
            line.strip().removeprefix("（").removeprefix("(").removesuffix("）").removesuffix(")")
        )
        date = parse_date(bare, whole=True) or speech_date(_delivery_line(lines, i))
        if date:
            return date
    return None


def extract_date(text: str) -> str | None:
    """The publication date: a labelled date (``发布日期：``, ``[ 成文日期 ]``, glued
    forms) or a line holding only a date (an official document's signature date),
    whichever comes first. Dates inside sentences are events, not the publication date.
    Returns ``"YYYY-MM-DD"`` or ``"YYYY-MM"``."""
    lines = _lines(text)
    for i, line in enumerate(lines):
        date = (
            labelled_date(line, near_event_place(lines, i))
            or bar_date(line)
            or parse_date(line, whole=True)
        )
        if date:
            return date
    return None


def title_span(title: str) -> tuple[int, int] | None:
    """``(first, last)`` year the title names (both ends of a range ``2021—2025年``);
    ``None`` when it names none."""
    years: list[int] = []
    for mention in zh.find_years(title, two_digit=False):
        years.append(mention.year)
        if mention.range_end:
            years.append(mention.range_end)
    return (min(years), max(years)) if years else None


def agrees_with_title(date: str, title: str) -> bool:
    """A date a year before the first year the title names, up to a year after its last
    (a plan published the December before, a bulletin the year after), or any date when
    the title names no year."""
    span = title_span(title)
    return span is None or span[0] - 1 <= int(date[:4]) <= span[1] + 1


def choose_date(title: str, text: str, stated: Mapping[str, str]) -> tuple[str | None, str]:
    """``(date, source)``: the date shown for a document and where it was read (see the
    module docstring). ``stated`` maps a source (``"visible label"``, ``"meta"``,
    ``"page"``) to the date the file states outside its cleaned text (a web page's visible
    date bar, its ``<meta>``, htmldate's guess). ``(None, "title")`` keeps only the year
    of the title; ``(None, "")`` when nothing states a date."""
    visible = stated.get("visible label") or first_labelled_date(text)
    if visible:
        return visible, "visible label"
    line = date_line(text)
    if line:
        return line, "text"
    meta = stated.get("meta")
    if meta and agrees_with_title(meta, title):
        return meta, "meta"
    if title_span(title):
        return None, "title"
    page = stated.get("page")
    if page and agrees_with_title(page, title):
        return page, "page"
    return None, ""
