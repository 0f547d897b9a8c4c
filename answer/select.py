"""Choosing what to answer with: the best eligible candidates, trimmed to a budget, the
newest of equally good statements about different years, and commitment records."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from answer.analyse import FIGURE, LIST, Question
from answer.config import AnswerConfig
from answer.features import (
    Candidate,
    asked_figures,
    band_figures,
    bands_asked,
    column,
    counts,
    deputy_only,
    figure_key,
    for_part_of_year,
    indicator,
    sentence_start,
    stated_figures,
)
from answer.score import Scorer
from answer.sentences import NUMBER_RE, TermWeights, coverage_forms
from ingest.structure import marker_rank
from ingest.units import Span, clauses
from lixia_qa.types import AnswerUnit, Commitment


@dataclass(frozen=True)
class Scored:
    cand: Candidate
    score: float

    @property
    def doc_id(self) -> str:
        return self.cand.unit.doc_id

    @property
    def start(self) -> int:
        return self.cand.unit.start

    @property
    def end(self) -> int:
        return self.cand.unit.end


@dataclass(frozen=True)
class Picked:
    """An answer span (already trimmed) with where it came from; or, with ``stated``, a
    field the document's page states outside its text (``发布机构：某某局``, from the
    information block ingest reads as metadata), quoted as it is."""

    start: int
    end: int
    doc_id: str
    score: float
    stated: str = ""


def ranked(
    cands: Sequence[Candidate], X: np.ndarray, scorer: Scorer
) -> tuple[list[Scored], list[Scored]]:
    """(eligible candidates best first, all candidates best first)."""
    if not cands:
        return [], []
    scores, eligible = scorer.score(X)
    # ties: the candidate from the better-ranked passage first
    tiebreak = column(X, "rank_fused")
    order = sorted(range(len(cands)), key=lambda i: (-scores[i], -tiebreak[i]))
    every = [Scored(cands[i], float(scores[i])) for i in order]
    good = [Scored(cands[i], float(scores[i])) for i in order if eligible[i]]
    return good, every


def _overlaps(a: Scored, b: Scored | Picked) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def _same_words(a: Scored, b: Scored) -> bool:
    """The same sentence twice (a note a document repeats under each of its tables)."""
    return a.cand.unit.text.strip() == b.cand.unit.text.strip()


def prefer_recent(good: list[Scored], gap: float, q: Question) -> tuple[Scored, list[Scored]]:
    """Without a named year: among statements as good as the best from documents about
    different years, the newest; the others are returned to be shown as related."""
    best = good[0]
    terms = set(q.terms)
    matched = {t for t in terms if t in best.cand.unit.text}
    close = [
        c
        for c in good
        if c is best
        or (
            c.score >= best.score - gap
            and c.cand.year is not None
            and c.doc_id != best.doc_id
            and {t for t in terms if t in c.cand.unit.text} >= matched
        )
    ]
    years = {c.cand.year for c in close if c.cand.year is not None}
    if len(years) <= 1:
        return best, []
    recent = max(years)
    chosen = next(c for c in close if c.cand.year == recent)
    return chosen, [c for c in close if c.cand.year != recent]


def whole_list(best: Scored, good: Sequence[Scored], gap: float) -> Scored:
    """The list that holds ``best`` (one of its items), when that list may answer and
    scores within ``gap`` of it: an item quoted alone loses the rest of the list
    (申请材料：1.… 2.… 3.… for 要准备什么材料, whose fourth item says 材料)."""
    for c in good:
        inside = c.doc_id == best.doc_id and c.start <= best.start and best.end <= c.end
        if c.cand.unit.kind == "list" and inside and c is not best and c.score >= best.score - gap:
            return c
    return best


def prose_for_row(best: Scored, good: Sequence[Scored], q: Question) -> Scored:
    """A sentence of the same document that states the figure ``best``, a table row,
    answers with ("全年地区生产总值20817.5亿元" for "指标：地区生产总值；2022年（亿元）：
    20817.5"): prose says what the figure counts and in what unit, a row only in its
    labels."""
    if best.cand.unit.kind != "row" or q.kind != FIGURE:
        return best
    figures = asked_figures(best.cand.unit.text, q, stated_figures(q.text), row=True)
    if not figures:
        return best
    value = _digits(figures[0].group())
    if not value:
        return best
    for c in good:
        if c.doc_id != best.doc_id or c.cand.unit.kind not in ("sentence", "window"):
            continue
        if value in {_digits(m.group()) for m in NUMBER_RE.finditer(c.cand.unit.text)}:
            return c
    return best


def named_row(best: Scored, good: Sequence[Scored], q: Question) -> Scored:
    """Of a document's table rows that may answer, one whose indicator the question
    names whole ("小麦" for 小麦产量多少) before ``best`` when the question names only
    part of ``best``'s (小麦粉)."""
    if best.cand.unit.kind != "row" or _names(q, indicator(best.cand.unit.text)):
        return best
    for c in good:
        if c.doc_id != best.doc_id or c.cand.unit.kind != "row":
            continue
        if _names(q, indicator(c.cand.unit.text)):
            return c
    return best


def _names(q: Question, name: str | None) -> bool:
    """The question says ``name`` whole, in its words or their other forms."""
    if not name:
        return False
    return name in q.text or any(name in form for forms in q.forms for form in forms)


def _digits(figure: str) -> str:
    """The digits a figure is written in, without its magnitude word: a row's 20817.5 in
    a column of 亿元 is the 20817.5亿 of a sentence."""
    found = re.match(r"\d+(?:\.\d+)?", figure_key(figure))
    return found.group() if found else ""


def choose(
    q: Question,
    good: list[Scored],
    gaps: tuple[float, float],
    cfg: AnswerConfig,
    year_named: bool,
) -> tuple[list[Scored], int | None, list[Scored]]:
    """The candidates to answer with, the year to state (when several compete) and the
    equally good statements about other years. ``gaps``: how far below the best score a
    further sentence, and a statement about another year, may lie (on the scorer's
    scale)."""
    gap, year_gap = gaps
    best, others = (good[0], []) if year_named else prefer_recent(good, year_gap, q)
    best = prose_for_row(named_row(whole_list(best, good, gap), good, q), good, q)
    limit = {LIST: cfg.max_list_units, FIGURE: 1}.get(q.kind, cfg.max_fact_units)
    chosen = [best]
    gap *= cfg.list_gap_factor if q.kind == LIST else 1.0
    for c in good:
        if len(chosen) >= limit:
            break
        if c is best or c in others or any(_overlaps(c, p) or _same_words(c, p) for p in chosen):
            continue
        if c.score >= best.score - gap and (c.doc_id == best.doc_id or q.kind == LIST):
            chosen.append(c)
    years_seen = {c.cand.year for c in good[:5] if c.cand.year}
    year_used = best.cand.year if len(years_seen) > 1 or others else None
    return chosen, year_used, others


def widen(
    chosen: Sequence[Scored], sentences: Mapping[str, AnswerUnit], limit: int
) -> list[Scored]:
    """Each chosen clause window replaced by its whole sentence when that sentence is at
    most ``limit`` characters (an answer that starts mid-sentence often cuts the fact
    off); a sentence already chosen is not given twice."""
    out: list[Scored] = []
    for c in chosen:
        unit = c.cand.unit
        whole = sentences.get(unit.parent) if unit.kind == "window" else None
        if whole is not None and len(whole.text) <= limit:
            c = Scored(replace(c.cand, unit=whole), c.score)
        if not any(_overlaps(c, o) for o in out):
            out.append(c)
    return out


def trim(text: str, start: int, end: int, q: Question, budget: int) -> tuple[int, int]:
    """The span itself, or its best run of clauses when it is longer than ``budget``: the
    one covering most of the question, a term by itself or a synonym (农民 by 农村居民;
    with a figure it asks, for a figure question, best one counting the noun it counts),
    never one naming an asked post only as its deputy's."""
    if end - start <= budget:
        return start, end
    # a figure for one age or area is read item by item (①80周岁至89周岁的老年人，…100元；)
    banded = bool(bands_asked(q))
    parts = clauses(text, Span(start, end), items=banded)
    if not parts:
        return start, start + budget
    forms = [q.term_forms(t) for t in q.terms]  # a term's synonyms cover it (农民: 农村居民)
    w = [1.0] * len(forms)
    best = (-1.0, parts[0].start, parts[0].end)
    for i in range(len(parts)):
        for j in range(i, len(parts)):
            s, e = parts[i].start, parts[j].end
            if e - s > budget and j > i:
                break
            piece = text[s:e]
            score = coverage_forms(forms, w, piece) if forms else 0.0
            figures = asked_figures(piece, q) if q.kind == FIGURE else []
            if figures:
                score += 0.5 + 0.25 * bool(q.counted and counts(piece, q.counted))
                score += _band_score(text, start, s, e, q, figures) if banded else 0.0
            if deputy_only(q, piece):  # 常务副县长 is not who the 县长 is
                score -= 1.0
            score -= 0.001 * (e - s)  # prefer the shorter of equal windows
            if score > best[0]:
                best = (score, s, e)
    s, e = best[1], best[2]
    if e - s > budget and q.kind == FIGURE:
        s = _to_figure(text, s, e, q, budget)
    start = _with_part_of_year(text, start, s, e, q, budget)
    return start, min(e, start + max(budget, 1))


_FIGURE_TAIL = 4  # characters kept after a figure cut to fit (its measure: 7.93%, 25亿元)


def _to_figure(text: str, s: int, e: int, q: Question, budget: int) -> int:
    """Where a clause longer than ``budget`` is cut to start so that the first figure it
    has for figure question ``q`` fits: a run-on line of a page that lost its stops (…称号
    这五年是…的五年初步预计地区生产总值年均增长7.93%) is not cut before its figure."""
    figures = asked_figures(text[s:e], q)
    if not figures:
        return s
    need = min(e, s + figures[0].end() + _FIGURE_TAIL)
    return max(s, need - budget)


def _band_score(
    text: str, lo: int, s: int, e: int, q: Question, figures: Sequence[re.Match[str]]
) -> float:
    """What the bands before the piece ``s``..``e``'s figures add to it: a band holding the
    age asked said in the piece raises it, each figure after a band not holding it (in
    the piece or earlier in its sentence, from ``lo``) lowers it."""
    start = lo + sentence_start(text[lo:s])
    held = band_figures(q, text[s:e], figures) or []
    after = band_figures(q, text[start:e], figures, s - start) or []
    return 0.5 * any(held) - 0.5 * after.count(False)


def _with_part_of_year(text: str, lo: int, s: int, e: int, q: Question, budget: int) -> int:
    """Where a figure question's clauses ``s``..``e`` start, moved back to their
    sentence's start (not before ``lo``) when it names the part of the year their
    figures are for (2024年1至10月，…2.83亿件) and fits ``budget``: a part's figure is
    never shown as a year's."""
    before = text[max(lo, s - 200) : s]
    if q.kind != FIGURE or not for_part_of_year(before):
        return s
    start = s - len(before) + sentence_start(before)
    return start if e - start <= budget else s


def to_picks(
    chosen: Sequence[Scored], texts: Mapping[str, str], q: Question, budget: int
) -> list[Picked]:
    """Trim the chosen candidates into at most ``budget`` characters in all."""
    picks: list[Picked] = []
    for c in chosen:
        start, end = trim(texts[c.doc_id], c.start, c.end, q, budget)
        if end - start > budget and picks:
            break
        budget -= end - start
        picks.append(Picked(start, end, c.doc_id, c.score))
        if budget < 20:
            break
    return picks


_OWNER_NOISE = re.compile(r"牵头|负责|责任|单位|部门|领导|工作|任务")


def best_commitment(
    q: Question, items: Sequence[Commitment], weights: TermWeights, min_coverage: float
) -> Commitment | None:
    """The commitment record whose task (with the numbered headings nearest it) best
    covers the question, if it covers enough."""
    terms = [t for t in q.terms if not _OWNER_NOISE.fullmatch(t)]
    if not terms or not items:
        return None
    forms = [q.term_forms(t) for t in terms]
    w = [weights.forms_weight(f) for f in forms]
    # a task read under the numbered headings nearest it: (三)提升基层医疗卫生服务能力 /
    # 3.开展… (not a document's title, shared by all its tasks)
    scored = [
        (coverage_forms(forms, w, " ".join((*_item_headings(c), c.task))), -len(c.task), c)
        for c in items
    ]
    cov, _, best = max(scored, key=lambda s: (s[0], s[1]))
    return best if cov >= min_coverage else None


def _item_headings(c: Commitment) -> tuple[str, ...]:
    """The numbered headings of the two nearest ``c``'s task."""
    return tuple(h for h in c.headings[-2:] if marker_rank(h) is not None)
