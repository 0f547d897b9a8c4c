"""Scoping by year: the documents about the asked years, and in documents that only
mention one of them, the sections (or paragraphs) that do. A section whose heading is
about one other year than its document's (a 2023 report's "一、2022年工作回顾") speaks
of that year, not of the document's."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache, wraps
from typing import TypeVar

from answer.turn import Scope
from ingest.structure import marker_rank
from ingest.years import review_spans
from lixia_qa import zh
from lixia_qa.types import Document, Section
from store.base import IndexStore


def year_scope(store: IndexStore, years: Sequence[int], whole: bool = False) -> Scope:
    """Documents about ``years``, less their sections about other years, and for
    documents that only mention one of them, the sections (or paragraphs) where they do:
    only those may answer. With ``whole`` (the year names the document asked about:
    2020年那份政府工作报告里…), the documents about ``years`` whole, when there are any."""
    if not years:
        return Scope(None, {})
    if whole:
        docs = {d.doc_id for d in store.documents_about(years) if d.year in years}
        if docs:
            return Scope(docs, {})
    about: set[str] = set()
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc in store.documents_about(years):
        rows = dated_rows(doc)
        if doc.year in years:
            about.add(doc.doc_id)
            other = [(a, b) for a, b, year in year_sections(doc) if year not in years]
            other += [(a, b) for a, b, year in rows + reviews(doc) if year not in years]
            if other:
                spans[doc.doc_id] = _outside(other, len(doc.text))
        elif set(years) & set(doc.years) or any(year in years for _, _, year in rows):
            found = year_scopes(doc, years)
            if found:
                about.add(doc.doc_id)
                spans[doc.doc_id] = found
    return Scope(about, spans)


_DATE_AFTER = re.compile(r"\s*\d{1,2}\s*月|\s*[一二三四五六七八九十]{1,2}月")
_FULL_DATE_AFTER = re.compile(r"\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_HEAD = 300  # characters of a text's head, where its release date stands


def _release_date(doc: Document, year: int, m: re.Match[str]) -> bool:
    """``m`` (a mention of ``year``) is a full date in the text's head later than the
    year the text is about: a bulletin of 2015 released 2016年2月22日 says nothing of 2016."""
    return (
        m.start() < _HEAD
        and doc.year is not None
        and year > doc.year
        and bool(_FULL_DATE_AFTER.match(doc.text, m.end()))
    )


@lru_cache(maxsize=4096)
def heading_year(heading: str) -> int | None:
    """The one year a heading is about ("一、2022年工作回顾" -> 2022), or None: it names
    no year, several, a range (2018—2022年) or a date (2024年4月29日, a signature)."""
    found = zh.find_years(heading, two_digit=False)
    if len(found) != 1 or found[0].range_end is not None:
        return None
    if _DATE_AFTER.match(zh.to_halfwidth(heading), found[0].end):
        return None
    return found[0].year


def _other_year(heading: str, years: Sequence[int]) -> bool:
    year = heading_year(heading)
    return year is not None and year not in years


def _outside(spans: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The parts of ``[0, length)`` no span of ``spans`` covers."""
    out, at = [], 0
    for start, end in sorted(spans):
        if start > at:
            out.append((at, start))
        at = max(at, end)
    return out + ([(at, length)] if at < length else [])


# A table row may say which year it is about: in a year or date column (年份：2018年;
# 发文时间：2019-01-18), else in its title column (标题：某县2019年政府工作报告).
_YEAR_COLUMN = re.compile(r"^(?:年份|年度|年|时间|日期|(?:发文|发布|印发|成文|公布)(?:时间|日期))$")
_TITLE_COLUMN = re.compile(r"^(?:标题|题目|名称|文件名称|文件标题)$")
_Spans = tuple[tuple[int, int, int], ...]
_T = TypeVar("_T")
_CACHED = 4096  # documents whose spans are kept at most


def _per_document(compute: Callable[[Document], _T]) -> Callable[[Document], _T]:
    """``compute`` run once per document (by its id, content hash and length); the
    cache is emptied when it holds :data:`_CACHED` documents."""
    cache: dict[tuple[str, str, int], _T] = {}

    @wraps(compute)
    def cached(doc: Document) -> _T:
        key = (doc.doc_id, doc.content_hash, len(doc.text))
        found = cache.get(key)
        if found is None:
            if len(cache) > _CACHED:
                cache.clear()
            found = cache[key] = compute(doc)
        return found

    return cached


# the first heading of a numbered series: 一、, （一）, 1., （1）, 第一章
_FIRST_ITEM_RE = re.compile(r"^(?:第[一1][章节条]|一、|[（(]一[）)]|1[.、．]|[（(]1[）)])")
_Governed = tuple[tuple[int, int, str], ...]


@_per_document
def governed(doc: Document) -> _Governed:
    """``(start, end, heading)`` of each section of ``doc``, where an unnumbered heading
    about one year directly followed by the first heading of a numbered series at its
    level ("2025年工作回顾" / "一、…" … "二、…") governs that series, up to the next unnumbered
    heading at the series' level, the next heading of another such series, or the
    series' numbering starting again: a page that lost the review heading's number
    still holds its parts under it (computed once per document)."""
    sections = doc.sections
    heads = [_heads_series(sections, i) for i in range(len(sections))]
    out = []
    for i, sec in enumerate(sections):
        end = sec.end
        if heads[i]:
            level = sections[i + 1].level
            end = next(
                (
                    s.start
                    for j, s in enumerate(sections[i + 2 :], i + 2)
                    if heads[j]
                    or (s.level <= level and not marker_rank(s.heading))
                    or (s.level == level and _FIRST_ITEM_RE.match(s.heading))
                ),
                len(doc.text),
            )
        out.append((sec.start, end, sec.heading))
    return tuple(out)


def _heads_series(sections: Sequence[Section], i: int) -> bool:
    """Section ``i`` is unnumbered, about one year, and directly followed by the first
    heading of a numbered series at its level or above (a speaker's line over 一、 heads
    no series: it is about no year)."""
    sec = sections[i]
    after = sections[i + 1] if i + 1 < len(sections) else None
    return (
        after is not None
        and heading_year(sec.heading) is not None
        and not marker_rank(sec.heading)
        and after.start >= sec.end
        and after.level <= sec.level
        and bool(_FIRST_ITEM_RE.match(after.heading))
    )


@_per_document
def year_sections(doc: Document) -> _Spans:
    """``(start, end, year)`` of the sections of ``doc`` (as :func:`governed` spans them)
    whose heading is about one year (computed once per document: every candidate's year
    reads them)."""
    return tuple(
        (start, end, year)
        for start, end, heading in governed(doc)
        if (year := heading_year(heading)) is not None
    )


@_per_document
def dated_rows(doc: Document) -> _Spans:
    """``(start, end, year)`` of the table rows of ``doc`` that say one year they are
    about (computed once per document)."""
    return tuple(
        (row.start, row.end, year)
        for table in doc.tables
        for row in table.rows
        if (year := _row_year(doc.text, table.columns, row.cells)) is not None
    )


@_per_document
def reviews(doc: Document) -> _Spans:
    """``(start, end, year)`` of the parts of an assembly report that review the year
    before (:func:`ingest.years.review_spans`), computed once per document."""
    return review_spans(doc.title, doc.text, doc.year, doc.sections)


def _row_year(text: str, columns: Sequence[str], cells: Sequence[tuple[int, int]]) -> int | None:
    for pattern in (_YEAR_COLUMN, _TITLE_COLUMN):
        for label, (start, end) in zip(columns, cells, strict=False):
            if pattern.match(label.strip()):
                found = zh.find_years(text[start:end], bare=True)
                if len({m.year for m in found}) == 1 and found[0].range_end is None:
                    return found[0].year
    return None


def _row_at(doc: Document, position: int) -> tuple[int, int, int] | None:
    return next(((a, b, y) for a, b, y in dated_rows(doc) if a <= position < b), None)


def unit_year(doc: Document, position: int) -> int | None:
    """The year the text at ``position`` speaks about: that of the table row around it
    when the row says one (:func:`dated_rows`), else of the innermost section around it
    whose heading is about one year, else of an assembly report's review of the year
    before around it (:func:`reviews`), else its document's."""
    row = _row_at(doc, position)
    if row is not None:
        return row[2]
    around = [(a, b, y) for a, b, y in year_sections(doc) if a <= position < b]
    if not around:
        review = next((y for a, b, y in reviews(doc) if a <= position < b), None)
        return review or doc.year
    return min(around, key=lambda s: s[1] - s[0])[2]


_SENTENCE_END = re.compile(rf"[{zh.SENTENCE_END}{zh.SEMICOLONS}]")


def _sentence_at(text: str, position: int, within: tuple[int, int]) -> tuple[int, int]:
    """The sentence of ``text`` around ``position``, inside the span ``within``."""
    start, end = within
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, position)]
    after = _SENTENCE_END.search(text, position, end)
    return (ends[-1] if ends else start, after.end() if after else end)


def year_scopes(doc: Document, years: Sequence[int]) -> list[tuple[int, int]]:
    """Spans of ``doc`` that speak of one of ``years``: the table rows about one of them
    (年份：2018年), the sentence naming one in a row about another year (a 2022 row's
    "入选2023年度名单" says nothing else of 2023), the innermost section holding "YYYY年", or the
    paragraph when no section does or when that section's heading is about another year
    (a 2019 report's "2019年工作安排" naming a goal for 2020). The text's release date in
    its head (a 2015 bulletin's 2016年2月22日) speaks of no part of it."""
    rows = dated_rows(doc)
    spans = [(a, b) for a, b, year in rows + reviews(doc) if year in years]
    for year in years:
        for m in re.finditer(f"{year}年", doc.text):
            if _release_date(doc, year, m):
                continue
            row = _row_at(doc, m.start())
            if row is not None:  # a row about another year names it in one sentence
                if row[2] not in years:
                    spans.append(_sentence_at(doc.text, m.start(), row[:2]))
                continue
            inner = [s for s in governed(doc) if s[0] <= m.start() < s[1]]
            best = min(inner, key=lambda s: s[1] - s[0]) if inner else None
            if best is not None and not _other_year(best[2], years):
                spans.append(best[:2])
            else:
                before = doc.text.rfind("\n\n", 0, m.start())
                start = 0 if before < 0 else before + 2
                end = doc.text.find("\n\n", m.end())
                spans.append((start, len(doc.text) if end < 0 else end))
    return list(dict.fromkeys(spans))
