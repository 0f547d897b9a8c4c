"""Read a cleaned document's title, source, date and years, and build its Document.

Every function takes text already passed through :func:`ingest.clean.clean_text`.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from itertools import takewhile
from pathlib import PurePosixPath

from ingest.structure import find_sections, is_byline
from lixia_qa.types import Document

logger = logging.getLogger(__name__)

MAX_TITLE = 60
_HEAD_LINES = 12  # the title is looked for among the first lines
_BANNER = 8  # a first line this short is a banner/slogan when a longer heading follows

_NOTICE_TITLE_RE = re.compile(r"^关于.{2,80}的(?:通知|通报|意见|决定|批复|报告|函|公告|方案|办法|规定|请示)$")
_SENTENCE_END = "。！？；：，、…"
_BODY_RE = re.compile(r"^[^，。；：！？\s]{2,30}(?:人民政府|办公室|办公厅|委员会|党委|党组|人大常委会|政协)$")
_SIGNER_RE = re.compile(r"^[^，。；：！？\s]{2,30}(?:人民政府|办公室|办公厅|委员会|党委|党组|人大常委会|政协"
                        r"|[^格布结开大当出变]局|厅|中心|委|办)$")
_SOURCE_LABEL_RE = re.compile(r"^来源\s*[:：]\s*")

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_D = r"[\d〇零一二三四五六七八九十]"
_DATE_RE = re.compile(rf"({_D}{{4}})\s*年\s*({_D}{{1,2}})\s*月(?:\s*({_D}{{1,3}})\s*日)?")
_ISO_DATE_RE = re.compile(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?")
_DATE_LABEL_RE = re.compile(r"^(?:发布|发文|成文|印发|公开|更新)?(?:时间|日期)\s*[:：]\s*")
_WEEKDAY_TIME_RE = re.compile(r"\s*(?:星期[一二三四五六日天]|周[一二三四五六日]|\d{1,2}:\d{2}(?::\d{2})?)")

_YEAR_RE = re.compile(r"(?<!\d)(\d{4})(?=年)")
_TARGET_BEFORE_RE = re.compile(r"(?:(?<!截)(?<!截止)[至到]|[-—–~～])\s*$")
_TARGET_AFTER_RE = re.compile(r"^年(?:远景|愿景)")
_COMPARED_RE = re.compile(r"(?:比|较|同比|相比|对比)\s*$")
_SENTENCE_RE = re.compile(r"[^。！？；\n]+")
_THIS_YEAR_RE = re.compile(r"今年|年内|全年|本年")
_PAST_START_RE = re.compile(r"^\s*(\d{4})年[，,]")
_PAST_MARK_RE = re.compile(r"夺得|获得|荣获|取得|实现了|完成了|成功|了")
_FUTURE_MARK_RE = re.compile(r"将|计划|力争|预计|争取|拟")
_LOOK_BACK_RE = re.compile(r"(?:回望|回顾|过去的)\s*(\d{4})年")


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def _is_date_line(line: str) -> bool:
    return _parse_date(_DATE_LABEL_RE.sub("", line), whole=True) is not None


def _headline(line: str) -> bool:
    return (len(line) <= MAX_TITLE and line[-1] not in _SENTENCE_END and not is_byline(line)
            and not _is_date_line(line) and not _BODY_RE.match(line) and not line.startswith("—"))


def extract_title(text: str, fallback: str) -> str:
    """The document's title: a ``关于…的通知`` line, else its first headline-like line.

    A very short first line (a banner such as a slogan) gives way to a longer headline
    right after it. Titles are cut to 60 characters.
    """
    head = _lines(text)[:_HEAD_LINES]
    notice = next((ln for ln in head if _NOTICE_TITLE_RE.match(ln)), None)
    if notice:
        return notice[:MAX_TITLE]
    candidates = [i for i, ln in enumerate(head) if _headline(ln)]
    if candidates:
        first = candidates[0]
        later = [i for i in candidates[1:] if i <= first + 2 and len(head[i]) > len(head[first])]
        pick = later[0] if len(head[first]) <= _BANNER and later else first
        return head[pick]
    return head[0][:MAX_TITLE] if head else fallback


def extract_source(text: str) -> str:
    """The byline (``记者 …``, ``文/片 …``, joined over consecutive lines), a ``来源：``
    line, or the issuing body (``…人民政府办公室``) that signs above a date; else ``""``."""
    lines = _lines(text)
    for i, line in enumerate(lines):
        if is_byline(line):
            block = [line, *takewhile(is_byline, lines[i + 1:])]
            return _SOURCE_LABEL_RE.sub("", " ".join(block))
    for i, line in enumerate(lines[:-1]):
        if _SIGNER_RE.match(line) and _is_date_line(lines[i + 1]):
            return line
    return lines[0] if lines and _BODY_RE.match(lines[0]) else ""


def _cn_int(token: str) -> int:
    """``2023``, ``二〇二三``, ``十二``, ``二十一`` -> int."""
    if token.isdigit():
        return int(token)
    if "十" not in token:
        return int("".join(str(_CN_DIGITS[c]) for c in token))
    tens, _, ones = token.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def _parse_date(line: str, whole: bool = False) -> str | None:
    """``2023年2月1日`` / ``二〇二三年二月一日`` / ``2023-02-01`` -> ``"2023-02-01"``.

    With ``whole`` the line must hold nothing else (a weekday or a time may follow).
    """
    for rx in (_DATE_RE, _ISO_DATE_RE):
        match = rx.match(line) if whole else rx.search(line)
        if not match or (whole and _WEEKDAY_TIME_RE.sub("", line[match.end():]).strip()):
            continue
        try:
            year, month = _cn_int(match.group(1)), _cn_int(match.group(2))
            day = _cn_int(match.group(3)) if match.group(3) else None
        except (KeyError, ValueError):
            continue
        if 1990 <= year <= 2100 and 1 <= month <= 12 and (day is None or 1 <= day <= 31):
            return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    return None


def extract_date(text: str) -> str | None:
    """The publication date: a line holding only a date (an official document's
    signature date, ``2023年2月1日``) or a ``发布日期：`` line. Dates inside sentences
    are events, not the publication date. Returns ``"YYYY-MM-DD"`` or ``"YYYY-MM"``."""
    for line in _lines(text):
        labelled = _DATE_LABEL_RE.match(line)
        date = _parse_date(line[labelled.end():] if labelled else line, whole=True)
        if date:
            return date
    return None


def extract_years(text: str) -> tuple[int, ...]:
    """Every year 1900-2100 written as ``YYYY年``, sorted and unique."""
    return tuple(sorted({y for y in map(int, _YEAR_RE.findall(text)) if 1900 <= y <= 2100}))


def _spoken_years(sentence: str) -> list[int]:
    """Years a sentence talks about: not targets (``到2025年``, ``2035年远景目标``, the
    end of ``2021-2025年``) nor comparison bases (``比2019年``)."""
    years = []
    for match in _YEAR_RE.finditer(sentence):
        before, after = sentence[: match.start()], sentence[match.end():]
        if _TARGET_BEFORE_RE.search(before) or _TARGET_AFTER_RE.match(after):
            continue
        if _COMPARED_RE.search(before):
            continue
        year = int(match.group(1))
        if 1990 <= year <= 2100:
            years.append(year)
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
_COMING_RE = re.compile(r"((?:19|20)\d{2})年是[^。；]{0,40}之年")
_REVIEW_RE = re.compile(r"今年以来|今年共|今年[^。]{0,12}(?:完成|实现|达到|建成|交付)")


def _coming_years(sentences: list[str]) -> list[int]:
    """Years only ever named as the coming year (``N年是…之年``), never otherwise."""
    announced = {int(y) for s in sentences for y in _COMING_RE.findall(s)}
    other = {y for s in sentences for y in _spoken_years(_COMING_RE.sub("", s))}
    return sorted(announced - other)


def document_year(text: str, date: str | None) -> int | None:
    """The year the document speaks about: what its "今年" means.

    In order: the publication date's year; the year named in sentences about
    今年/年内/全年; the year after one told as done (``2019年，…夺得…`` then "今年"); the
    most mentioned year (the latest on a tie). Target years are never counted.
    """
    if date:
        return int(date[:4])
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


def describe(doc_id: str, text: str, content_hash: str) -> Document:
    """Build the :class:`Document` of a cleaned text (title, date, years, source, sections)."""
    date = extract_date(text)
    year = document_year(text, date)
    doc = Document(
        doc_id=doc_id,
        title=extract_title(text, fallback=PurePosixPath(doc_id).stem),
        text=text,
        date=date,
        year=year,
        years=tuple(sorted({*extract_years(text), *([year] if year else [])})),
        source=extract_source(text),
        content_hash=content_hash,
        sections=find_sections(text),
    )
    logger.debug("described %s: %r, year %s, %d sections", doc_id, doc.title, doc.year,
                 len(doc.sections))
    return doc
