"""Figures in text, and the term weights and coverage used to score sentences."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from lixia_qa import zh

_NUMERALS = zh.CN_NONZERO + zh.LIANG + zh.CN_POWERS  # 一 to 九, 两, 十百千万 (no 〇/零)
# a figure: digits (not a date, nor where a span of years, months or days starts: 1-6月),
# a Chinese numeral before a measure word ("五所", not "一个", "百亿级"), or a grade in
# Roman numerals ("Ⅱ类", "III级")
NUMBER_RE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|万|亿|千|百)?"
    r"(?![\d.年月日时]|\s*[-—–~～至到]\s*(?:\d{4}年|\d{1,2}\s*[月日号]))"  # 2019-2023年, 1-6月
    rf"|(?:[{_NUMERALS.replace('一', '')}][{_NUMERALS}]*|一[{zh.CN_POWERS}]+)"
    r"(?=[个所处家项座条名次场亿万栋户人倍类级位幅篇册卷枚艘架岁米首集张套件吨间层支份棵株辆种]|周岁)"
    rf"|[{_NUMERALS.replace('万', '')}]{{2,}}(?![年月日号大届])"  # 二十大, 十九届: names, not figures
    rf"|(?:[{zh.ROMAN_NUMERALS}]+|\b[{zh.ROMAN_LETTERS}]{{1,4}})(?=\s*[类级期])"
)
# a time of day, no ratio: with seconds (15:09:37), minutes written with a leading zero
# (9:05), or after a date or a part of the day (2025-04-01 15:30, 上午8:30, 28日14:30);
# training: of 21 gold answers with a colon between numbers, the 4 ratios (1：7, 2:3,
# 4：3, 16：10, 0：1) are none of these
_CLOCK = (
    r"(?:[01]?\d|2[0-4])\s*[:：]\s*(?:0\d|[0-5]\d\s*[:：]\s*[0-5]\d)(?![\d.])"
    r"|(?<=\d[-/.]\d\d\s)\d{1,2}[:：][0-5]\d|(?<=\d[日号])\s*\d{1,2}[:：][0-5]\d"
    r"|(?<=上午|下午|晚上|早上|中午|凌晨|傍晚)\s*\d{1,2}[:：][0-5]\d|(?<=[早晚])\d{1,2}[:：][0-5]\d"
)
# a share said in words or as a ratio (四分之三, 百分之二十, 三成, 一半, 1：7): a figure
# only for a question asking a share or rate; not a time of day (:data:`_CLOCK`)
RATIO_WORDS_RE = re.compile(
    rf"(?:[{_NUMERALS}零〇]+|\d+)分之(?:[{_NUMERALS}零〇点]+|\d+(?:\.\d+)?)"
    rf"|(?<![{_NUMERALS}])[一二三四五六七八九十]成(?![员本果功立为绩就])|一半|过半|半数"
    rf"|(?<![\d.:：])(?!{_CLOCK})"
    r"\d+(?:\.\d+)?\s*[:：]\s*\d+(?:\.\d+)?(?:\s*[:：]\s*\d+(?:\.\d+)?)*(?![\d.:：])"
)
# a rank or place in an order (第三, 第12位, 首次): a figure only for a question asking
# one (answer.analyse.ORDINAL_ASKED_RE)
ORDINAL_RE = re.compile(rf"第(?:\d+|[{_NUMERALS}零〇]+)|首(?=[次个位批家届部座条])")
# a rank (第3, 第三位, 首位, 季军, 榜首, 列22名): the only figure for a question asking where
# something stands in a ranking (answer.analyse.RANK_ASKED_RE)
RANK_RE = re.compile(
    rf"{ORDINAL_RE.pattern}|第\s+\d+|首位|榜首|冠军|亚军|季军|(?<=[列居排])\d+\s*[名位]"
    r"|排名[^，。；\d]{0,4}\d+\s*[名位]"
)
# a length of time (三年, 15个工作日, 十余天, 半个月, 数个世纪, 46亿年): a figure only for
# a question asking one, and the only figure for it (answer.analyse.DURATION_ASKED_RE;
# "5年" is no figure for 多少家, "1次" none for 多久)
DURATION_RE = re.compile(
    # not a date's month or day (2006年12月31日), not an age (18周岁)
    rf"(?<![\d.年月{_NUMERALS}])(?:\d+(?:\.\d+)?|[{_NUMERALS}零〇半数]+)\s*[万亿]?\s*[多余]?\s*个?\s*"
    r"(?:年|月|天|日|周(?!岁)|星期|小时|钟头|分钟|秒|工作日|世纪)(?!\d)"
    # done at once, a service guide's time limit of none (即办件, 当场办结)
    r"|即办|即时办结|当场办结|当场办理|立即办理"
)

# how often (每月, 每两年, 每个季度, 每学期): a figure only for a question asking it
# (answer.analyse.FREQUENCY_ASKED_RE)
FREQUENCY_RE = re.compile(
    rf"每(?:隔)?(?:\d+|[{_NUMERALS}半]+)?个?(?:年|季度|季|月|周|星期|天|日|小时|学期)(?!度)"
)


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

    def seen_weight(self, forms: Sequence[str]) -> float:
        """The weight of a term said in any of ``forms`` (the term first, then the forms
        documents use for it: 查账 -> 审计): the term's own when the corpus uses it, else
        that of its most common form the corpus uses; 0 when it uses none."""
        if not forms:
            return 0.0
        if self.df(forms[0]):
            return self.weight(forms[0])
        seen = [self.weight(f) for f in forms[1:] if self.df(f)]
        return min(seen) if seen else 0.0

    def forms_weight(self, forms: Sequence[str]) -> float:
        """:meth:`seen_weight`, or the ``unseen`` weight when the corpus uses no form."""
        return self.seen_weight(forms) or self.unseen


class CountedTermWeights(TermWeights):
    """:class:`TermWeights` with document frequencies counted by ``count`` (the index
    store's) over ``n`` chunks, each term counted once."""

    def __init__(self, count: Callable[[str], int], n: int, unseen: float = 1.0) -> None:
        super().__init__((), unseen)
        self.n = max(n, 1)
        self._count = count
        self._dfs: dict[str, int] = {}

    def df(self, term: str) -> int:
        if term not in self._dfs:
            self._dfs[term] = self._count(term)
        return self._dfs[term]


def term_match(term: str, text: str, lowered: bool = False) -> float:
    """1 when ``term`` occurs in ``text``; partial credit for shared character bigrams.
    ``lowered``: the caller already lower-cased ``text``."""
    if not lowered:
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


def coverage_forms(forms: Sequence[Sequence[str]], weights: Sequence[float], text: str) -> float:
    """Weighted share of terms found in ``text``, each term by its best-matching form
    (the term itself or a synonym)."""
    total = sum(weights)
    if total <= 0:
        return 0.0
    found = 0.0
    low = text.lower()
    for term_forms, w in zip(forms, weights, strict=True):
        if w:
            found += w * max(term_match(f.lower(), low, lowered=True) for f in term_forms)
    return found / total
