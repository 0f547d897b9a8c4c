"""`lixia-qa train-decider`: fit the decision over the reader's reading.

Cases are questions of the training corpora whose paragraph neither the reader nor the
linear scorer was fitted on (``learn.train.held_out``), each asked as the service asks
over its whole corpus, and again with its gold paragraph removed (a near miss, where
the right decision is to abstain). For each case the reader reads the candidates the
linear ranker puts first; the decider (``answer.decide``) is then fitted:

* ``alpha``: the weight of the ranker's logit beside the reader's, the one with the
  best top-1 on the answerable cases;
* ``answerability``: a logistic model of whether the top candidate is right, over
  :data:`answer.decide.INPUTS`;
* ``gap``: how close a second sentence of the same document must score to be given
  too, the most accurate with answers of at most ``max_chars`` characters on average;
* ``threshold``: chosen on the eval dev split (the most right decisions), never on test.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from answer.answerer import Answerer
from answer.decide import DEFAULT_DECIDER, INPUTS, Decider, decision_inputs
from answer.features import features_version
from answer.read import DEFAULT_READER, read, to_read
from answer.reader.reader import Reader
from answer.score import DEFAULT_MODEL, LearnedScorer, Linear, answerability_inputs, fits
from learn.corpora import corpus_hashes, load_queries
from learn.examples import label
from learn.train import TRAIN, answerer_for, choose_threshold, corpus_answerer, decide, held_out
from lixia_qa.settings import Settings
from store.embedders import load_embedder

logger = logging.getLogger(__name__)

CORPORA = ("cmrc2018-trial", "drcd-dev", "drcd-test")
ALPHAS = (0.0, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5)
GAPS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0)


@dataclass
class Case:
    """One question asked one way: its read candidates' inputs and labels."""

    reader: np.ndarray
    ranker: np.ndarray
    answerable_logit: np.ndarray
    labels: np.ndarray  # 1: holds a gold answer from the gold paragraph
    chars: np.ndarray  # length of each read unit
    docs: list[str]
    answerable: bool  # the gold paragraph was in the corpus


def read_case(
    answerer: Answerer,
    scorer: LearnedScorer,
    reader: Reader,
    query: Any,
    exclude: tuple[str, ...],
    k: int,
) -> Case | None:
    q = answerer.analyse(query.question)
    turn = answerer.consider(q, exclude=exclude)
    if turn.features is None or not turn.candidates:
        return None
    X = turn.features
    chosen = to_read(scorer.ranker.logit(X), fits(X), k)
    if not len(chosen):
        return None
    cands = [turn.candidates[i] for i in chosen]
    texts, docs = [c.unit.text for c in cands], [c.unit.doc_id for c in cands]
    assert scorer.answerability is not None
    return Case(
        reader=read(reader, turn.query, turn.candidates, chosen)[chosen],
        ranker=scorer.ranker.logit(X[chosen]),
        answerable_logit=scorer.answerability.logit(answerability_inputs(scorer.ranker, X))[chosen],
        labels=label(texts, docs, query.answers, query.gold_doc),
        chars=np.array([len(t) for t in texts]),
        docs=docs,
        answerable=not exclude,
    )


def build_cases(
    settings: Settings, cache: Path, per_corpus: int, k: int, seed: int
) -> tuple[list[Case], dict[str, Any]]:
    """Cases of held-out questions of :data:`CORPORA` (answerable and near misses)."""
    embedder = load_embedder(settings)
    scorer = LearnedScorer.load(DEFAULT_MODEL)
    reader = Reader.load(DEFAULT_READER)
    cases: list[Case] = []
    hashes: dict[str, Any] = {}
    for name in CORPORA:
        src = TRAIN / name
        answerer = corpus_answerer(src, cache, settings, embedder)
        queries = [q for q in load_queries(src) if held_out(q.gold_doc)]
        random.Random(seed).shuffle(queries)
        for query in queries[:per_corpus]:
            for exclude in ((), (query.gold_doc,)):
                case = read_case(answerer, scorer, reader, query, exclude, k)
                if case is not None:
                    cases.append(case)
        hashes[name] = corpus_hashes(src)
        logger.info("%s: %d cases so far", name, len(cases))
    return cases, hashes


def top1(cases: list[Case], alpha: float) -> float:
    answerable = [c for c in cases if c.answerable]
    right = sum(float(c.labels[int(np.argmax(c.reader + alpha * c.ranker))]) for c in answerable)
    return right / max(len(answerable), 1)


def fit_answerability(cases: list[Case], alpha: float) -> Linear:
    """Logistic model of 'the top candidate is right' over INPUTS (standardised)."""
    from sklearn.linear_model import LogisticRegression

    rows, ys = [], []
    for c in cases:
        top = int(np.argmax(c.reader + alpha * c.ranker))
        rows.append(decision_inputs(c.reader, c.ranker, c.answerable_logit)[top])
        ys.append(float(c.labels[top]) if c.answerable else 0.0)
    X, y = np.array(rows), np.array(ys)
    mean, scale = X.mean(axis=0), X.std(axis=0) + 1e-9
    model = LogisticRegression(C=1.0, max_iter=1000).fit((X - mean) / scale, y)
    return Linear(model.coef_[0], float(model.intercept_[0]), mean, scale)


def answer_with_gap(c: Case, alpha: float, gap: float) -> tuple[bool, int]:
    """(right, characters) of the answer the best and, within ``gap``, the next best
    unit of the same document would give."""
    z = c.reader + alpha * c.ranker
    order = np.argsort(-z)
    best = int(order[0])
    given = [best]
    for i in order[1:2]:
        if z[i] >= z[best] - gap and c.docs[i] == c.docs[best]:
            given.append(int(i))
    return bool(c.labels[given].max()), int(c.chars[given].sum())


def choose_gap(cases: list[Case], alpha: float, max_chars: float) -> float:
    """The gap with the most right answers at a mean length of at most ``max_chars``."""
    answerable = [c for c in cases if c.answerable]
    best, best_right = 0.0, -1
    for gap in GAPS:
        outcomes = [answer_with_gap(c, alpha, gap) for c in answerable]
        right = sum(r for r, _ in outcomes)
        chars = float(np.mean([n for _, n in outcomes])) if outcomes else 0.0
        if chars <= max_chars and right > best_right:
            best, best_right = gap, right
    return best


def dev_threshold(settings: Settings, decider_path: Path, questions: Path) -> tuple[float, dict]:
    """The threshold of the decider at ``decider_path`` with the most right decisions on
    the eval dev split (every dev question asked once at threshold 0)."""
    from learn.train import dev_items

    probe = settings.model_copy(update={"decider_file": decider_path, "abstain_threshold": 0.0})
    answerer = answerer_for(probe, load_embedder(probe), LearnedScorer.load(DEFAULT_MODEL))
    return choose_threshold(decide(answerer, dev_items(questions)))


def fit_decider(cases: list[Case], max_chars: float) -> Decider:
    alpha = max(ALPHAS, key=lambda a: (round(top1(cases, a), 4), -a))
    return Decider(
        alpha=alpha,
        answerability=fit_answerability(cases, alpha),
        gap=choose_gap(cases, alpha, max_chars),
    )


def main(args: argparse.Namespace, settings: Settings) -> int:
    cache = Path(args.cache)
    cases, hashes = build_cases(settings, cache, args.per_corpus, args.read, args.seed)
    decider = fit_decider(cases, args.max_chars)
    reader = Reader.load(DEFAULT_READER)
    decider.manifest = {
        "reader_sha256": reader.manifest["weights"]["sha256"],
        "features_version": features_version(),
        "inputs": list(INPUTS),
        "training": {
            "corpora": hashes,
            "cases": len(cases),
            "answerable": sum(c.answerable for c in cases),
            "per_corpus": args.per_corpus,
            "read": args.read,
            "seed": args.seed,
            "held_out_top1": {
                "reader": round(top1(cases, 0.0), 4),
                "decider": round(top1(cases, decider.alpha), 4),
            },
        },
    }
    out = Path(args.out or DEFAULT_DECIDER)
    decider.save(out)  # threshold 0.5 until the dev split chooses it
    if args.questions:
        index = (
            settings.model_copy(update={"index_dir": Path(args.index)}) if args.index else settings
        )
        decider.threshold, dev = dev_threshold(index, out, Path(args.questions))
        decider.manifest["dev"] = dev
    decider.save(out)
    logger.info("decider written to %s: %s", out, json.dumps(decider.manifest["training"]))
    return 0
