"""`lixia-qa train-decider`: fit the decision over the reader's reading.

Cases are questions of the training corpora whose paragraph neither the reader nor the
linear scorer was fitted on (``learn.train.held_out``), each asked as the service asks
over its whole corpus, and again with its gold paragraph removed (a near miss, where
the right decision is to abstain). For each case the reader reads the candidates the
linear ranker puts first; the decider (``answer.decide``) is then fitted:

* ``alpha``: the weight of the ranker's logit beside the reader's, the one with the
  best top-1 on the answerable questions of the dev splits (the seed eval's and the
  places eval's): Wikipedia's paragraphs ask less of the features written for
  government documents than those documents do;
* ``answerability``: a logistic model of whether the top candidate is right, over
  :data:`answer.decide.INPUTS`;
* ``gap``: how close a second sentence of the same document must score to be given
  too, the most accurate with answers of at most ``max_chars`` characters on average;
* ``threshold``: chosen on the same dev splits (the most right decisions over the
  service's real answers), never on test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import pickle
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from answer.answerer import Answerer
from answer.decide import DEFAULT_DECIDER, INPUTS, Decider, decision_inputs, impute
from answer.features import features_version
from answer.read import DEFAULT_READER, read, to_read
from answer.reader.reader import Reader
from answer.reader.weights import read_manifest
from answer.score import DEFAULT_MODEL, LearnedScorer, Linear, answerability_inputs, fits
from learn.corpora import corpus_hashes, load_queries
from learn.examples import label
from learn.train import TRAIN, answerer_for, choose_threshold, corpus_answerer, decide, held_out
from lixia_qa.settings import Settings
from store.embedders import load_embedder

logger = logging.getLogger(__name__)

CORPORA = ("cmrc2018-trial", "drcd-dev", "drcd-test")
ALPHAS = (0.0, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0)
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
    """Cases of held-out questions of :data:`CORPORA` (answerable and near misses),
    cached in ``cache`` under a key of everything that shapes them."""
    reader_sha = read_manifest(DEFAULT_READER)["weights"]["sha256"]
    hashes = {name: corpus_hashes(TRAIN / name) for name in CORPORA}
    blob = json.dumps([reader_sha, features_version(), hashes, per_corpus, k, seed])
    path = cache / f"decider-cases-{hashlib.sha256(blob.encode()).hexdigest()[:16]}.pkl"
    if path.is_file():
        with path.open("rb") as fh:
            return pickle.load(fh), hashes
    cases = _read_cases(settings, cache, per_corpus, k, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        pickle.dump(cases, fh)
    return cases, hashes


def _read_cases(settings: Settings, cache: Path, per_corpus: int, k: int, seed: int) -> list[Case]:
    embedder = load_embedder(settings)
    scorer = LearnedScorer.load(DEFAULT_MODEL)
    reader = Reader.load(DEFAULT_READER)
    cases: list[Case] = []
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
        logger.info("%s: %d cases so far", name, len(cases))
    return cases


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
    mean = np.nanmean(X, axis=0)
    X = impute(X, mean)  # a lone candidate's margin: the mean, weighing neither way
    scale = X.std(axis=0) + 1e-9
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


@dataclass
class DevSet:
    name: str
    settings: Settings
    items: list[dict[str, Any]]


def dev_sets(settings: Settings, questions: Path | None, places: Path | None) -> list[DevSet]:
    """The dev splits decisions are chosen on: the seed eval's and each place's."""
    from eval.places import ensure_index, find_places
    from learn.train import dev_items

    out: list[DevSet] = []
    if questions is not None:
        out.append(DevSet("seeds", settings, dev_items(questions)))
    if places is not None:
        for place in find_places(places):
            local = ensure_index(place, settings, Path(".cache") / "places")
            out.append(DevSet(place.name, local, dev_items(place.questions)))
    return out


def _answerer(settings: Settings, decider: Path, threshold: float | None = None) -> Answerer:
    probe = settings.model_copy(update={"abstain_threshold": threshold, "decider_file": decider})
    return answerer_for(probe, load_embedder(probe), LearnedScorer.load(DEFAULT_MODEL))


def dev_reads(dev: list[DevSet], decider: Path) -> list[Case]:
    """The read candidates of every answerable dev question the reader decides (not
    refused by a guard nor answered from records), labelled by the item's answers."""
    from answer.turn import Turn
    from learn.examples import eval_label

    cases = []
    for part in dev:
        answerer = _answerer(part.settings, decider)
        scorer = answerer.scorer
        assert isinstance(scorer, LearnedScorer)
        for it in (it for it in part.items if it["type"] != "unanswerable"):
            q = answerer.analyse(it["question"])
            turn = answerer.run(Turn(q, 5, 0.0, q.years, query=answerer.query_text(q)), "read")
            if turn.read is None or turn.reading is None or turn.features is None:
                continue
            units = [turn.candidates[i].unit for i in turn.read]
            if not units:
                continue
            cases.append(
                Case(
                    reader=turn.reading[turn.read],
                    ranker=scorer.ranker.logit(turn.features[turn.read]),
                    answerable_logit=np.zeros(len(units)),
                    labels=eval_label(it, [u.text for u in units], [u.doc_id for u in units]),
                    chars=np.array([len(u.text) for u in units]),
                    docs=[u.doc_id for u in units],
                    answerable=True,
                )
            )
    return cases


def dev_threshold(dev: list[DevSet], decider_path: Path) -> tuple[float, dict]:
    """The threshold of the decider at ``decider_path`` with the most right decisions on
    the dev splits (every dev question asked once, at threshold 0)."""
    rows = []
    for part in dev:
        rows += decide(_answerer(part.settings, decider_path, 0.0), part.items)
    return choose_threshold(rows)


def fit_alpha(cases: list[Case]) -> float:
    return max(ALPHAS, key=lambda a: (round(top1(cases, a), 4), -a))


def fit_decider(cases: list[Case], dev_cases: list[Case], max_chars: float) -> Decider:
    """``alpha`` by top-1 on the dev reads (else on the training cases), then the
    answerability and the gap on the training cases."""
    alpha = fit_alpha(dev_cases or cases)
    return Decider(
        alpha=alpha,
        answerability=fit_answerability(cases, alpha),
        gap=choose_gap(cases, alpha, max_chars),
    )


def _manifest(
    reader: Reader, cases: list[Case], hashes: dict[str, Any], args: argparse.Namespace
) -> dict[str, Any]:
    return {
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
                "best_alpha": round(top1(cases, fit_alpha(cases)), 4),
            },
        },
    }


def main(args: argparse.Namespace, settings: Settings) -> int:
    cases, hashes = build_cases(settings, Path(args.cache), args.per_corpus, args.read, args.seed)
    index = settings.model_copy(update={"index_dir": Path(args.index)}) if args.index else settings
    dev = dev_sets(
        index,
        Path(args.questions) if args.questions else None,
        Path(args.places) if args.places else None,
    )
    out, reader = Path(args.out or DEFAULT_DECIDER), Reader.load(DEFAULT_READER)
    decider = fit_decider(cases, [], args.max_chars)
    decider.manifest = _manifest(reader, cases, hashes, args)
    decider.save(out)  # a first decider, fitted on training cases alone, reads the dev splits
    dev_cases = dev_reads(dev, out) if dev else []
    decider = fit_decider(cases, dev_cases, args.max_chars)
    decider.manifest = _manifest(reader, cases, hashes, args)
    decider.manifest["training"]["dev_top1"] = {
        "questions": len(dev_cases),
        "reader": round(top1(dev_cases, 0.0), 4),
        "decider": round(top1(dev_cases, decider.alpha), 4),
    }
    decider.save(out)  # threshold 0.5 until the dev splits choose it
    if dev:
        decider.threshold, decider.manifest["dev"] = dev_threshold(dev, out)
        decider.manifest["dev"]["sets"] = [p.name for p in dev]
    decider.save(out)
    logger.info("decider written to %s: %s", out, json.dumps(decider.manifest["training"]))
    return 0
