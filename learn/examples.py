"""Training examples for the answer scorer, built by asking as the service does.

For each question of a reading-comprehension corpus, the answer stage retrieves and
gathers candidates over the whole corpus exactly as it does for a user; a candidate is
positive when it comes from the gold paragraph and holds a gold answer string. The
same question is then asked again with the gold paragraph removed from the corpus: a
real near miss, where every candidate is negative and the right decision is to abstain.
Questions of another corpus asked over this one are off-topic questions (``foreign``):
what a citizen asks that the documents never cover.

:func:`from_eval` makes the same kind of examples from eval questions (the dev split)
over the documents they were written on: in-domain examples for the ranker.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from tqdm import tqdm

from answer.answerer import Answerer
from answer.features import FEATURE_NAMES
from eval.metrics import normalise
from learn.corpora import Query

logger = logging.getLogger(__name__)


@dataclass
class Examples:
    """Candidates of many questions: features, labels and which case they belong to."""

    X: np.ndarray  # (n, features)
    y: np.ndarray  # (n,) 1 when the candidate holds a gold answer from the gold paragraph
    case: np.ndarray  # (n,) case number; one case = one question asked one way
    answerable: np.ndarray  # (cases,) the gold paragraph was in the corpus
    paragraph: list[str]  # (cases,) gold paragraph, for splitting by paragraph
    corpus: list[str]  # (cases,) corpus name

    @classmethod
    def empty(cls) -> Examples:
        return cls(
            np.zeros((0, len(FEATURE_NAMES))),
            np.zeros(0),
            np.zeros(0, dtype=int),
            np.zeros(0, dtype=bool),
            [],
            [],
        )

    def extend(self, other: Examples) -> Examples:
        offset = len(self.answerable)
        return Examples(
            np.vstack([self.X, other.X]),
            np.concatenate([self.y, other.y]),
            np.concatenate([self.case, other.case + offset]),
            np.concatenate([self.answerable, other.answerable]),
            self.paragraph + other.paragraph,
            self.corpus + other.corpus,
        )

    def subset(self, cases: np.ndarray) -> Examples:
        """The examples of the given case numbers (renumbered from 0)."""
        keep = np.isin(self.case, cases)
        renumber = {int(c): i for i, c in enumerate(cases)}
        return Examples(
            self.X[keep],
            self.y[keep],
            np.array([renumber[int(c)] for c in self.case[keep]]),
            self.answerable[cases],
            [self.paragraph[c] for c in cases],
            [self.corpus[c] for c in cases],
        )


def label(
    texts: Sequence[str], docs: Sequence[str], answers: Sequence[str], gold: str
) -> np.ndarray:
    """1 for a text from the gold document that contains a gold answer string."""
    golds = [normalise(a) for a in answers if normalise(a)]
    return np.array(
        [
            float(d == gold and any(a in normalise(t) for a in golds))
            for t, d in zip(texts, docs, strict=True)
        ]
    )


def build(
    answerer: Answerer,
    queries: Sequence[Query],
    corpus: str,
    near_miss: bool = True,
    foreign: bool = False,
) -> Examples:
    """Examples for ``queries`` over the corpus ``answerer`` serves (see module docstring).
    ``foreign`` queries come from another corpus: asked once, as questions the documents
    do not cover (every candidate negative, the right decision is to abstain)."""
    X: list[np.ndarray] = []
    y: list[np.ndarray] = []
    case: list[np.ndarray] = []
    answerable: list[bool] = []
    paragraph: list[str] = []
    embedder = answerer.retriever.dense.embedder
    show = sys.stderr.isatty()
    for query in tqdm(queries, desc=f"examples {corpus}", unit="q", disable=not show):
        q = answerer.analyse(query.question)
        text = answerer.query_text(q)
        qvec = embedder.encode_queries([text])[0]
        ways = [()] + ([(query.gold_doc,)] if near_miss and not foreign else [])
        for exclude in ways:
            seen = answerer.consider(q, exclude=exclude, qvec=qvec)
            if not seen.candidates:
                continue
            labels = (
                np.zeros(len(seen.candidates))
                if foreign
                else label(
                    [c.unit.text for c in seen.candidates],
                    [c.unit.doc_id for c in seen.candidates],
                    query.answers,
                    query.gold_doc,
                )
            )
            assert seen.features is not None
            X.append(seen.features)
            y.append(labels)
            case.append(np.full(len(labels), len(answerable)))
            answerable.append(not exclude and not foreign)
            paragraph.append(query.gold_doc)
    if not X:
        return Examples.empty()
    return Examples(
        np.vstack(X),
        np.concatenate(y),
        np.concatenate(case),
        np.array(answerable),
        paragraph,
        [corpus] * len(answerable),
    )


def eval_label(item: Mapping[str, Any], texts: Sequence[str], docs: Sequence[str]) -> np.ndarray:
    """1 for a text from the item's document holding one of its ``answers``, or most of
    its ``all_of`` strings (a list may be split over clause windows); all 0 for an
    unanswerable item."""
    if item["type"] == "unanswerable":
        return np.zeros(len(texts))
    golds = [normalise(a) for a in item.get("answers") or [] if normalise(a)]
    parts = [normalise(a) for a in item.get("all_of") or [] if normalise(a)]
    need = len(parts) // 2 + 1

    def holds(text: str) -> bool:
        t = normalise(text)
        if golds and any(g in t for g in golds):
            return True
        return bool(parts) and sum(p in t for p in parts) >= need

    return np.array(
        [float(d == item.get("doc_id") and holds(t)) for t, d in zip(texts, docs, strict=True)]
    )


def from_eval(answerer: Answerer, items: Sequence[Mapping[str, Any]]) -> Examples:
    """Examples of eval items (``eval/questions.jsonl`` rows) over the index ``answerer``
    serves, asked within the years the question names, as the service asks. An item
    without candidates still counts as a case (with no rows)."""
    ex = Examples.empty()
    for item in items:
        q = answerer.analyse(item["question"])
        seen = answerer.consider(q, years=q.years)
        assert seen.features is not None
        texts = [c.unit.text for c in seen.candidates]
        labels = eval_label(item, texts, [c.unit.doc_id for c in seen.candidates])
        one = Examples(
            seen.features.reshape(len(labels), len(FEATURE_NAMES)),
            labels,
            np.zeros(len(labels), dtype=int),
            np.array([item["type"] != "unanswerable"]),
            [str(item["id"])],
            ["eval"],
        )
        ex = ex.extend(one)
    return ex
