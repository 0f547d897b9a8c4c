"""The years a document speaks about: every year it names, and what its "今年" means.

Every function takes text already passed through :func:`ingest.clean.clean_text`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from lixia_qa import zh
from lixia_qa.types import Section

_TARGET_BEFORE_RE = re.compile(r"(?:(?<!截)(?<!截止)[至到]|[-—–~～])\s*$")
_TARGET_AFTER_RE = re.compile(r"^(?:远景|愿景)")
_COMPARED_RE = re.compile(r"(?:比|较|同比|相比|对比)\s*$")
_SENTENCE_RE = re.compile(rf"[^{zh.SENTENCE_END}{zh.SEMICOLONS}\n]+")
_THIS_YEAR_RE = re.compile(r"今年|年内|全年|本年")
_PAST_START_RE = re.compile(rf"^\s*({zh.YEAR_DIGITS})年[{zh.COMMAS}]")
_PAST_MARK_RE = re.compile(r"夺得|获得|荣获|取得|实现了|完成了|成功|了")
_FUTURE_MARK_RE = re.compile(r"将|计划|力争|预计|争取|拟")
_LOOK_BACK_RE = re.compile(rf"(?:回望|回顾|过去的)\s*({zh.YEAR_DIGITS})年")
_HEAD_LINES = 12  # a bulletin's opening sentence is looked for among the first lines


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def extract_years(text: str) -> tuple[int, ...]:
    """Every year 1900-2100 written as ``YYYY年``/``二〇二三年`` (both ends of a range),
    sorted and unique."""
    years: set[int] = set()
    for mention in zh.find_years(text, two_digit=False):
        years.add(mention.year)
        if mention.range_end:
            years.add(mention.range_end)
    return tuple(sorted(years))


def _spoken_years(sentence: str) -> list[int]:
    """Years a sentence talks about: not targets (``到2025年``, ``2035年远景目标``, the
    end of ``2021-2025年``) nor comparison bases (``比2019年``)."""
    years = []
    for mention in zh.find_years(sentence, two_digit=False):
        before, after = sentence[: mention.start], sentence[mention.end :]
        if mention.range_end or _TARGET_BEFORE_RE.search(before) or _TARGET_AFTER_RE.match(after):
            continue  # a span of years (a plan period) or a target
        if _COMPARED_RE.search(before):
            continue
        if 1990 <= mention.year <= 2100:
            years.append(mention.year)
    return years


def _most_common(years: list[int]) -> int | None:
    counts = Counter(years)
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


def _past_years(sentences: list[str]) -> list[int]:
    """Years told as done: ``2019年，…成功夺得…`` (no future word) or ``回望2022年``."""
    past = [int(y) for s in sentences for y in _LOOK_BACK_RE.findall(s)]
    for sentence in sentences:
        match = _PAST_START_RE.match(sentence)
        if match and _PAST_MARK_RE.search(sentence) and not _FUTURE_MARK_RE.search(sentence):
            past.append(int(match.group(1)))
    return past


# "2023年是…之年": a whole year announced; with "今年以来…" the text reviews the year before
_COMING_RE = re.compile(rf"({zh.YEAR_DIGITS})年是[^{zh.SENTENCE_END}{zh.SEMICOLONS}]{{0,40}}之年")
_REVIEW_RE = re.compile(
    rf"今年以来|今年共|今年[^{zh.SENTENCE_END}]{{0,12}}(?:完成|实现|达到|建成|交付)"
)


def _coming_years(sentences: list[str]) -> list[int]:
    """Years only ever named as the coming year (``N年是…之年``), never otherwise."""
    announced = {int(y) for s in sentences for y in _COMING_RE.findall(s)}
    other = {y for s in sentences for y in _spoken_years(_COMING_RE.sub("", s))}
    return sorted(announced - other)


_REVIEW_TITLE_RE = re.compile(
    r"总结|回顾|盘点|完成情况|执行情况|进展情况|工作情况|年报|年度报告|述职|成绩单|答卷"
)


# the title of a statistical bulletin or yearbook of year N: about N whenever published
_BULLETIN_TITLE_RE = re.compile(r"公报|年鉴|统计年报|决算")


# a note in brackets on the edition of a document (（2025年更新）, （2024年修订版）)
_EDITION_RE = re.compile(r"[（(][^（）()]{0,12}(?:更新|修订|修正|版)[^（）()]{0,4}[)）]")


def title_year(title: str, published: int | None) -> int | None:
    """The year a title fixes: the first year of a plan period (``2023—2027年行动计划``)
    published before or in that year; the year N of a review (``2024年…完成情况``,
    ``…工作总结``) published in N+1; the year N of a report to the assembly
    (``2024年某县政府工作报告``) delivered late in N-1; the year N of a bulletin (``2015年…统计公报``)
    published in N or later; the one year a title names when nothing dates the document.
    ``None`` otherwise (the publication year rules). An edition's note in brackets
    (``（2025年更新）``, ``（2024年修订版）``) is not what the title is about."""
    title = _EDITION_RE.sub("", title)
    span = zh.year_range(title)
    if span and (published is None or published <= span[0]):
        return span[0]
    named = {m.year for m in zh.find_years(title, two_digit=False) if not m.range_end}
    if not named and (_BULLETIN_TITLE_RE.search(title) or _REVIEW_TITLE_RE.search(title)):
        # a bulletin's or a review's year written without 年: 某区2015统计公报
        named = {m.year for m in zh.find_years(title, bare=True) if not m.range_end}
    if len(named) != 1:
        return None
    year = next(iter(named))
    if published is None:
        return year
    if published >= year and _BULLETIN_TITLE_RE.search(title):
        return year
    if published == year + 1 and _REVIEW_TITLE_RE.search(title):
        return year
    if published == year - 1 and _ASSEMBLY_REPORT_RE.search(title):
        return year  # a 2024 report to the assembly, delivered in December 2023
    return None


_OPENING_YEAR_RE = re.compile(rf"^\s*({zh.YEAR_DIGITS})年[{zh.COMMAS}]")


def bulletin_year(title: str, text: str, published: int | None) -> int | None:
    """The year of a bulletin whose title names none: the year its account opens with
    (``2023年，全市…`` as the first sentence of a paragraph), when not after publication.
    ``全年``, ``年末`` and ``比上年`` in it then speak of that year."""
    if not _BULLETIN_TITLE_RE.search(title) or zh.find_years(title, two_digit=False):
        return None
    for line in _lines(text)[:_HEAD_LINES]:
        match = _OPENING_YEAR_RE.match(line)
        if match and (published is None or int(match.group(1)) <= published):
            return int(match.group(1))
    return None


def document_year(text: str, date: str | None, title: str = "") -> int | None:
    """The year the document speaks about: what its "今年" means.

    In order: the year the title fixes (:func:`title_year`: a plan's first year, the
    reviewed year of a review, a bulletin's year) or a bulletin's opening sentence
    (:func:`bulletin_year`); the publication date's year; the year named in sentences about
    今年/年内/全年; the year after one told as done (``2019年，…夺得…`` then "今年"); the
    most mentioned year (the latest on a tie). Target years are never counted.
    """
    published = int(date[:4]) if date else None
    fixed = title_year(title, published) or bulletin_year(title, text, published)
    if fixed or published:
        return fixed or published
    reviewed = assembly_reviewed_year(title, text)
    if reviewed:
        return reviewed + 1
    sentences = _SENTENCE_RE.findall(text)
    this_year = [s for s in sentences if _THIS_YEAR_RE.search(s)]
    named = _most_common([y for s in this_year for y in _spoken_years(s)])
    if named:
        return named
    past = _past_years(sentences)
    if past and this_year:
        return max(past) + 1
    coming = _coming_years(sentences)
    if coming and any(_REVIEW_RE.search(s) for s in this_year):
        return min(coming) - 1
    return _most_common([y for s in sentences for y in _spoken_years(s)])


# A report to the year's assembly (a 政府工作报告, delivered early in year N) reviews the
# year before: the part headed or opened "过去一年…" (一年来…, N-1年，…) speaks of N-1,
# until the part that plans the year ahead (今年…, N年…, 总体要求, 预期目标) or the next
# heading. A review of several years (过去五年) is not one year's.
_ASSEMBLY_REPORT_RE = re.compile(
    r"(?:政府|常委会|法院|检察院)工作报告(?:\s*[（(][^（）()]{0,12}[）)])?\s*$"
)
_ASSEMBLY_OPENING_RE = re.compile(r"向大会报告")
# news of the assembly says someone delivered the report (代区长某某作政府工作报告), and its
# lines quote the review (某某在报告中说，2018年…)
_DELIVERED_RE = re.compile(r"作(?:了)?(?:政府|常委会|法院|检察院)工作报告")
_PAST_YEAR_HEADING_RE = re.compile(r"过去的?一年|上一年|上年度?(?:工作|主要)")
_QUOTING = r"[^，,。；\n]{0,12}在报告中(?:说|指出|回顾了?|表示|提到)[，,：:]?\s*"
# the year an assembly's report says it reviews: 在报告中回顾了2025年和“十四五”时期的工作
_REVIEWED_YEAR_RE = re.compile(rf"回顾了?\s*({zh.YEAR_DIGITS})年(?![度代]|\s*[至到—–~～-])")
_ADDRESS_RE = rf"^\s*(?:各位代表[，,：:]\s*|{_QUOTING})?"
_PAST_YEAR_OPENING_RE = re.compile(_ADDRESS_RE + r"[^，,。；]{0,6}(?:过去的?一年|一年来)")
_YEAR_OPENING_RE = re.compile(
    _ADDRESS_RE + rf"({zh.YEAR_DIGITS})年[{zh.COMMAS}]"
    rf"|^{_QUOTING}({zh.YEAR_DIGITS})年"
)
_PLAN_OPENING_RE = re.compile(
    _ADDRESS_RE + r"(?:[一二三四五六七八九十]+[、.．]\s*)?(?:今年|明年|新的一年)"
    r"|^.{0,24}(?:总体要求|预期目标|主要目标|工作安排|主要任务|目标任务|重点工作)"
)
_PARAGRAPH_RE = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_LINE_RE = re.compile(r"[^\n]+")  # a news page writes one paragraph a line
_REPORT_HEAD = 1500  # "向大会报告" is looked for in a report's opening


def is_assembly_report(title: str, text: str) -> bool:
    """A report delivered to the year's assembly: its title ends saying so (not a notice
    distributing its tasks: 关于印发…政府工作报告目标任务分解的通知), or its opening does
    (现在，我代表县人民政府，向大会报告工作)."""
    return bool(
        _ASSEMBLY_REPORT_RE.search(title) or _ASSEMBLY_OPENING_RE.search(text[:_REPORT_HEAD])
    )


REPORT, NEWS = "report", "news"


def assembly_kind(title: str, text: str) -> str | None:
    """:data:`REPORT` for a report to the year's assembly (:func:`is_assembly_report`),
    :data:`NEWS` for news of one (its opening says someone delivered the report: 代区长某某
    作政府工作报告), else None."""
    if is_assembly_report(title, text):
        return REPORT
    return NEWS if _DELIVERED_RE.search(text[:_REPORT_HEAD]) else None


def is_assembly_news(title: str, text: str) -> bool:
    """News of the year's assembly, not the report itself (:func:`assembly_kind`)."""
    return assembly_kind(title, text) == NEWS


def assembly_reviewed_year(title: str, text: str) -> int | None:
    """The one year an undated assembly report, or news of one, says the report reviews
    (某某在报告中回顾了2025年的工作): the report was delivered the year after."""
    if assembly_kind(title, text) is None:
        return None
    years = {int(m.group(1)) for m in _REVIEWED_YEAR_RE.finditer(text)}
    return years.pop() if len(years) == 1 else None


def review_spans(
    title: str, text: str, year: int | None, sections: Sequence[Section]
) -> tuple[tuple[int, int, int], ...]:
    """``(start, end, year)`` of the parts of an assembly report of ``year`` that review
    the year before: a section headed "过去一年…" naming no year, and, outside any section
    whose heading names a year (the title line aside), the paragraphs from one opening
    "过去的一年，" (or "<year-1>年，") to the first that opens the year's plan or a heading.
    The same for news of the assembly (:func:`is_assembly_news`), line by line, where a
    line quoting the report opens the review (某某在报告中说，<year-1>年…). Empty for any
    other document."""
    kind = assembly_kind(title, text)
    if year is None or kind is None:
        return ()
    spans = [
        (s.start, s.end, year - 1)
        for s in sections
        if _PAST_YEAR_HEADING_RE.search(s.heading) and not zh.find_years(s.heading)
    ]
    named = [(s.start, s.end) for s in sections if _names_a_year(s.heading)]
    heads = sorted(s.start for s in sections)
    start: int | None = None
    for para in (_LINE_RE if kind == NEWS else _PARAGRAPH_RE).finditer(text):
        at, body = para.start(), para.group()
        if start is not None and (_PLAN_OPENING_RE.match(body) or _heads_between(heads, start, at)):
            spans.append((start, at, year - 1))
            start = None
        if start is None and not any(a <= at < b for a, b in named + [s[:2] for s in spans]):
            opening = _YEAR_OPENING_RE.match(body)
            said = opening and int(opening[1] or opening[2])
            if _PAST_YEAR_OPENING_RE.match(body) or said == year - 1:
                start = at
    if start is not None:
        spans.append((start, len(text), year - 1))
    return tuple(sorted(set(spans)))


def _names_a_year(heading: str) -> bool:
    """A heading about some year (一、2022年工作回顾), not the report's title line
    (2024年某县政府工作报告), under which its whole text stands."""
    return bool(zh.find_years(heading, two_digit=False)) and not _ASSEMBLY_REPORT_RE.search(heading)


def _heads_between(heads: Sequence[int], start: int, end: int) -> bool:
    return any(start < h <= end for h in heads)
