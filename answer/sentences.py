"""Sentences and clauses with offsets, and the term weights used to score them."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

_SENT_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|…{1,2}[”’」』）)]*|\n+")
_CLAUSE_END = re.compile(r"[，,：:][”’」』）)]*")  # not 、: it joins the items of a list
_LEAD = re.compile(r"^[\s，。、；：,.;:！？!?”’）)】》]+")
# a figure: digits (not a date) or a Chinese numeral before a measure word ("五所", not "一个")
NUMBER_RE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|万|亿|千|百)?(?![\d.年月日时])"
    r"|(?:[二两三四五六七八九十百千万][一二两三四五六七八九十百千万]*|一[十百千万]+)"
    r"(?=[个所处家项座条名次场亿万栋户人倍])"
    r"|[一二两三四五六七八九十百千]{2,}(?![年月日号])"
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
    pattern: re.Pattern[str] = _SENT_END,
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


def clauses(text: str, span: Span) -> list[Span]:
    return split_spans(text, span.start, span.end, _CLAUSE_END)


def has_number(text: str) -> bool:
    return bool(NUMBER_RE.search(text))


class TermWeights:
    """How much each question term matters: IDF over the chunks that contain it as text.

    Counting substrings (not tokens) makes the weight independent of how jieba cut
    the question. A term no chunk contains gets ``unseen`` weight: colloquial words
    ("要建", "拿到") should not sink an answer that covers the real content words.
    """

    def __init__(self, texts: Sequence[str], unseen: float = 1.0) -> None:
        self._texts = [t.lower() for t in texts]
        self.n = max(len(self._texts), 1)
        self.unseen = unseen
        self._cache: dict[str, float] = {}

    def df(self, term: str) -> int:
        return sum(1 for t in self._texts if term in t)

    def weight(self, term: str) -> float:
        if term not in self._cache:
            df = self.df(term)
            idf = math.log(1 + (self.n - df + 0.5) / (df + 0.5))
            self._cache[term] = idf if df else self.unseen
        return self._cache[term]


def term_match(term: str, text: str) -> float:
    """1 when ``term`` occurs in ``text``; partial credit for shared character bigrams."""
    text = text.lower()
    if term in text:
        return 1.0
    if len(term) < 3:
        return 0.0
    grams = {term[i : i + 2] for i in range(len(term) - 1)}
    shared = sum(1 for g in grams if g in text)
    return 0.6 * shared / len(grams)


def coverage(terms: Sequence[str], weights: Sequence[float], text: str) -> float:
    total = sum(weights)
    if total <= 0:
        return 0.0
    return sum(w * term_match(t, text) for t, w in zip(terms, weights, strict=True)) / total
