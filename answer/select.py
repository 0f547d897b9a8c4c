"""Candidate answer sentences and commitment records, scored against a question."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from answer.question import ASPECT_WORDS, FIGURE, LIST, Question
from answer.sentences import NUMBER_RE, Span, TermWeights, clauses, coverage, split_spans
from lixia_qa.settings import Settings
from lixia_qa.types import Commitment, Document, Hit

CONTEXT_WEIGHT = 0.3  # weight of terms carried over from an earlier question
RANK_BONUS = 0.12
ASPECT_WEIGHT = 0.3  # share of its weight an aspect word (特点, 原因) keeps
CHUNK_CONTEXT = 0.7  # a sentence inherits this share of its passage's coverage ...
MIN_OWN_COVERAGE = 0.3  # ... when it covers this much of the question itself
MEASURE_BONUS = 0.25
LIST_BONUS = 0.1  # "哪些" and the sentence enumerates (甲、乙、丙)  # "几栋" and the sentence has "12栋"
_SENTENCE_END = "。！？!?；;…”’）)"


def _is_heading(text: str, span: Span) -> bool:
    """A short line without closing punctuation: a heading, not an answer."""
    piece = text[span.start : span.end]
    return len(piece) < 24 and piece[-1] not in _SENTENCE_END and (
        span.end == len(text) or text[span.end] == "\n"
    )


@dataclass(frozen=True)
class Candidate:
    doc_id: str
    start: int
    end: int
    coverage: float  # weighted share of the question's terms found
    score: float  # coverage plus retrieval-rank and answer-type evidence
    fits: bool  # has what the question kind needs (a figure for 多少)
    year: int | None  # the year its document speaks about
    matched: frozenset[str] = frozenset()  # question terms the sentence contains


def _weights(q: Question, weights: TermWeights) -> tuple[list[str], list[float]]:
    terms = list(q.terms) + list(q.context_terms)
    w = [weights.weight(t) * (ASPECT_WEIGHT if t in ASPECT_WORDS else 1.0) for t in q.terms]
    w += [CONTEXT_WEIGHT * weights.weight(t) for t in q.context_terms]
    return terms, w


# a question asking for money, area or a share needs a figure of that family
_FAMILIES = {
    "元": re.compile(r"元"),
    "平方米": re.compile(r"平方米|平米|亩|公顷"),
    "亩": re.compile(r"平方米|平米|亩|公顷"),
    "%": re.compile(r"%|百分点|成"),
}
_GENERIC_MEASURES = {"个"}


def _measure_after_number(text: str, measure: str) -> bool:
    return any(text.startswith(measure, m.end()) for m in NUMBER_RE.finditer(text))


def _family_ok(text: str, measure: str | None) -> bool:
    """The sentence has a figure of the asked family (yuan, area, percent), when one is asked."""
    if not measure or measure in _GENERIC_MEASURES:
        return True
    for unit, family in _FAMILIES.items():
        if measure.endswith(unit):
            return any(family.match(text, m.end()) or family.search(text[m.start():m.end()])
                       for m in NUMBER_RE.finditer(text))
    return True


def candidates(
    q: Question,
    hits: Sequence[Hit],
    documents: Mapping[str, Document],
    gaps: Mapping[str, Sequence[tuple[int, int]]],
    weights: TermWeights,
    districts: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Sentences of the retrieved chunks, best first.

    A sentence that names another district than the one asked about does not fit
    (documents about one district often quote another).
    """
    terms, w = _weights(q, weights)
    asked = {d for d in districts if d in q.text}
    seen: set[tuple[str, int]] = set()
    out: list[Candidate] = []
    for rank, hit in enumerate(hits):
        chunk = hit.chunk
        doc = documents[chunk.doc_id]
        chunk_cov = coverage(terms, w, chunk.index_text())
        for span in split_spans(doc.text, chunk.start, chunk.end, gaps=gaps.get(doc.doc_id, ())):
            if (doc.doc_id, span.start) in seen or _is_heading(doc.text, span):
                continue
            seen.add((doc.doc_id, span.start))
            text = doc.text[span.start : span.end]
            cov = coverage(terms, w, text)
            with_heading = coverage(terms, w, f"{chunk.heading}{text}") if chunk.heading else cov
            context = CHUNK_CONTEXT * chunk_cov if cov >= MIN_OWN_COVERAGE else 0.0
            cov = max(cov, 0.85 * with_heading, context)
            fits = True
            score = cov + RANK_BONUS / (1 + rank)
            if q.kind == FIGURE:
                fits = bool(NUMBER_RE.search(text)) and _family_ok(text, q.measure)
                if q.measure and _measure_after_number(text, q.measure):
                    score += 0.1 if q.measure in _GENERIC_MEASURES else MEASURE_BONUS
            named = {d for d in districts if d in text}
            if asked and named and not asked & named:
                fits = False  # about another district than the one asked about
            if q.kind == LIST and "、" in text:
                score += LIST_BONUS
            low = text.lower()
            matched = frozenset(t for t in q.terms if t in low)
            out.append(
                Candidate(doc.doc_id, span.start, span.end, cov, score, fits, doc.year, matched)
            )
    out.sort(key=lambda c: -c.score)
    return out


_OWNER_NOISE = re.compile(r"牵头|负责|责任|单位|部门|领导|工作|任务")


def best_commitment(
    q: Question, items: Sequence[Commitment], weights: TermWeights, settings: Settings
) -> Commitment | None:
    """The commitment record whose task best covers the question, if it covers enough."""
    terms = [t for t in q.terms if not _OWNER_NOISE.fullmatch(t)]
    if not terms or not items:
        return None
    w = [weights.weight(t) for t in terms]
    scored = [(coverage(terms, w, c.task), -len(c.task), c) for c in items]
    cov, _, best = max(scored, key=lambda s: (s[0], s[1]))
    return best if cov >= settings.abstain_threshold else None


def trim_to_window(text: str, cand: Candidate, q: Question, budget: int) -> tuple[int, int]:
    """The span of ``cand`` itself, or its best run of clauses when it is too long."""
    if cand.end - cand.start <= budget:
        return cand.start, cand.end
    parts = clauses(text, Span(cand.start, cand.end))
    if not parts:
        return cand.start, cand.start + budget
    terms = list(q.terms)
    w = [1.0] * len(terms)
    best = (-1.0, parts[0].start, parts[0].end)
    for i in range(len(parts)):
        for j in range(i, len(parts)):
            start, end = parts[i].start, parts[j].end
            if end - start > budget and j > i:
                break
            piece = text[start:end]
            score = coverage(terms, w, piece) if terms else 0.0
            if q.kind == FIGURE and NUMBER_RE.search(piece):
                score += 0.5
            score -= 0.001 * (end - start)  # prefer the shorter of equal windows
            if score > best[0]:
                best = (score, start, end)
    return best[1], min(best[2], best[1] + max(budget, 1))
