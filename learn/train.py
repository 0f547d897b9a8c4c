"""`lixia-qa train-answerer`: fit the answer scorer on public reading-comprehension data
and choose its abstention threshold on the eval dev split.

1. Each training corpus (default: ``../shared/train/{cmrc2018-trial,drcd-dev}``) is
   ingested like any document folder (cached under ``--cache``) and its questions are
   turned into examples by :mod:`learn.examples`.
2. Paragraphs are split 80/20 by a hash of their id; the models are fitted on the 80
   and measured on the 20 against the lexical rules and vectors alone. The ranker is a
   linear model fitted *listwise* (``--ranker``): within each question, the candidates
   that may answer compete in a softmax and the loss is the share the positives get, so
   it learns what tells one sentence from its neighbours rather than which questions
   have answers; a one-feature logistic fit on its score then makes it a probability.
   The answerability model is a logistic regression on each question's top candidate.
3. With ``--dev-weight W`` (default 0: off), the dev split of ``eval/questions.jsonl``,
   asked over the seed index, adds in-domain examples to the ranker, each weighted W
   times a training example. The answerability model is fitted on the training corpora
   alone. Measured: W of 50 to 300 gives more right decisions on dev (cross-validated)
   but a worse ranker on the held-out training paragraphs and on CMRC 2018 dev than W=0,
   so it is not the default (see the README).
4. The threshold is the one that makes the most right decisions (a right answer, or an
   abstention on an unanswerable question) on dev, asked over the seed index. With dev
   examples in the ranker, each dev question is decided by a model fitted without it
   (``--folds``-fold cross-validation, stratified by type). The test split is never read.
5. The model, with a manifest (features, data hashes, held-out metrics, threshold and how
   it was chosen), is written to ``answer/models/scorer.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from answer.analyse import DATA
from answer.answerer import Answerer
from answer.config import AnswerConfig
from answer.features import FEATURE_NAMES, direction, features_version
from answer.score import (
    DEFAULT_MODEL,
    LearnedScorer,
    LexicalScorer,
    Linear,
    Scorer,
    VectorScorer,
    answerability_inputs,
    fits,
)
from eval.metrics import answer_correct
from ingest.pipeline import build_index
from learn.corpora import Query, corpus_hashes, file_hash, load_queries, materialise
from learn.examples import Examples, build, from_eval
from lixia_qa.settings import Settings
from retriever.hybrid import HybridRetriever
from store import open_store
from store.embedders import Embedder, load_embedder

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "train"
DEFAULT_CORPORA = (TRAIN / "cmrc2018-trial", TRAIN / "drcd-dev")
HELD_OUT = 5  # one paragraph in five is held out


def answerer_for(settings: Settings, embedder: Embedder, scorer: Scorer) -> Answerer:
    store = open_store(settings)
    retriever = HybridRetriever.from_store(store, embedder, settings)
    return Answerer(store, retriever, AnswerConfig.from_settings(settings), scorer=scorer)


def corpus_answerer(src: Path, cache: Path, settings: Settings, embedder: Embedder) -> Answerer:
    """An answerer (lexical scorer: features only) over corpus ``src``, ingested once."""
    docs = materialise(src, cache / src.name / "docs")
    local = settings.model_copy(update={"docs_dir": docs, "index_dir": cache / src.name / "index"})
    build_index(local, embedder=embedder)
    return answerer_for(local, embedder, LexicalScorer())


def _cached(path: Path, corpus: str, make: Callable[[], Examples]) -> Examples:
    if path.is_file():
        data = np.load(path, allow_pickle=False)
        return Examples(
            data["X"],
            data["y"],
            data["case"],
            data["answerable"],
            list(data["paragraph"]),
            [corpus] * len(data["answerable"]),
        )
    ex = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        X=ex.X,
        y=ex.y,
        case=ex.case,
        answerable=ex.answerable,
        paragraph=np.array(ex.paragraph),
    )
    return ex


def _key(hashes: object, *parts: object) -> str:
    """A cache key: the corpus hashes, the answer data files, the features and ``parts``."""
    data = sorted((p.name, file_hash(p)) for p in DATA.iterdir() if p.is_file())
    blob = json.dumps([hashes, data, features_version(), FEATURE_NAMES, *parts])
    return hashlib.sha256(blob.encode()).hexdigest()[:12]


def _sample(queries: list[Query], n: int, seed: int) -> list[Query]:
    return random.Random(seed).sample(queries, n) if n and len(queries) > n else queries


def corpus_examples(
    src: Path, cache: Path, settings: Settings, embedder: Embedder, max_questions: int, seed: int
) -> Examples:
    """Examples of one corpus, cached by corpus hash, features and sample."""
    key = _key(corpus_hashes(src), max_questions, seed, embedder.name)

    def make() -> Examples:
        answerer = corpus_answerer(src, cache, settings, embedder)
        return build(answerer, _sample(load_queries(src), max_questions, seed), src.name)

    return _cached(cache / src.name / f"examples-{key}.npz", src.name, make)


def foreign_examples(
    src: Path,
    others: list[Path],
    cache: Path,
    settings: Settings,
    embedder: Embedder,
    *,
    n: int,
    seed: int,
) -> Examples:
    """``n`` questions of each of ``others`` asked over corpus ``src``: off-topic cases
    (cached like :func:`corpus_examples`)."""
    key = _key(corpus_hashes(src), [corpus_hashes(o) for o in others], n, seed, embedder.name)
    name = f"{src.name}+foreign"

    def make() -> Examples:
        answerer = corpus_answerer(src, cache, settings, embedder)
        queries = [q for o in others for q in _sample(load_queries(o), n, seed + 1)]
        return build(answerer, queries, name, foreign=True)

    return _cached(cache / src.name / f"foreign-{key}.npz", name, make)


def held_out(paragraph: str) -> bool:
    return int(hashlib.sha256(paragraph.encode()).hexdigest(), 16) % HELD_OUT == 0


Bounds = list[tuple[float | None, float | None]]


def signs(names: Sequence[str], declared: bool = True) -> Bounds:
    """Bounds on each weight: of the feature's declared direction
    (:func:`answer.features.direction`), or free."""
    out: Bounds = []
    for name in names:
        d = direction(name) if declared else 0
        out.append((0.0, None) if d > 0 else (None, 0.0) if d < 0 else (None, None))
    return out


def _logistic(
    X: np.ndarray,
    y: np.ndarray,
    c: float,
    w: np.ndarray | None = None,
    bounds: Bounds | None = None,
) -> Linear:
    """A logistic regression over standardised inputs (L2, as scikit-learn's: minimise
    ½|coef|² + c · Σ w·logloss), each weight within ``bounds`` (none: free). The
    intercept is free and not penalised."""
    from scipy.optimize import minimize

    mean, scale = _standardise(X)
    Z = (X - mean) / scale
    sw = np.ones(len(y)) if w is None else w

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        coef, b = theta[:-1], theta[-1]
        s = Z @ coef + b
        value = (sw * (np.logaddexp(0.0, s) - y * s)).sum()
        g = sw * (1.0 / (1.0 + np.exp(-s)) - y)
        return c * value + 0.5 * coef @ coef, np.append(c * (Z.T @ g) + coef, c * g.sum())

    box = list(bounds or [(None, None)] * Z.shape[1]) + [(None, None)]
    theta = minimize(loss, np.zeros(Z.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=box).x
    return Linear(theta[:-1], float(theta[-1]), mean, scale)


def _standardise(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    return mean, scale


def _listwise(
    X: np.ndarray,
    y: np.ndarray,
    case: np.ndarray,
    c: float,
    case_weight: np.ndarray | None = None,
    bounds: Bounds | None = None,
) -> Linear:
    """A linear ranker fitted listwise (a conditional logit): for every case where a
    candidate that may answer (:func:`fits`) is positive, those candidates compete in a
    softmax and the loss is minus the log of the positives' share, weighted by
    ``case_weight``; L2 penalty ``1 / (2 c)`` per unit of case weight; each weight within
    ``bounds``. Its score is then calibrated by a logistic fit over every candidate, so
    it reads as P(holds the answer)."""
    from scipy.optimize import minimize

    mean, scale = _standardise(X)
    Z = (X - mean) / scale
    ok = fits(X)
    positive_cases = np.unique(case[ok & (y == 1)])
    keep = ok & np.isin(case, positive_cases)
    Zk, yk = Z[keep], y[keep]
    _, group = np.unique(case[keep], return_inverse=True)
    n = len(positive_cases)
    gw = np.ones(n) if case_weight is None else case_weight[positive_cases]
    total = gw.sum()

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = Zk @ w
        top = np.full(n, -np.inf)
        np.maximum.at(top, group, s)
        e = np.exp(s - top[group])
        every = np.bincount(group, e, n)
        pos = np.bincount(group, e * yk, n)
        value = -(gw * (np.log(pos) - np.log(every))).sum() / total
        share = gw[group] * (e / every[group] - e * yk / pos[group])
        grad = Zk.T @ share / total
        return value + w @ w / (2 * c * total), grad + w / (c * total)

    w = minimize(loss, np.zeros(Z.shape[1]), jac=True, method="L-BFGS-B", bounds=bounds).x
    score = (Z @ w)[:, None]
    calibration = _logistic(score, y, 1e6)
    a = float(calibration.coef[0] / calibration.scale[0])
    b = float(
        calibration.intercept - calibration.coef[0] * calibration.mean[0] / calibration.scale[0]
    )
    return Linear(w * a, b, mean, scale)


RANKERS = ("listwise", "pointwise")


def top_candidates(ex: Examples, ranker: Linear) -> tuple[np.ndarray, np.ndarray]:
    """Per case, the row of the ranker's best candidate that fits, and whether it is a
    right answer (a near miss never is). Cases where nothing fits are left out."""
    rows, right = [], []
    p = ranker.logit(ex.X)
    ok = fits(ex.X)
    for case in range(len(ex.answerable)):
        idx = np.flatnonzero((ex.case == case) & ok)
        if len(idx):
            best = idx[int(np.argmax(p[idx]))]
            rows.append(best)
            right.append(bool(ex.answerable[case] and ex.y[best] == 1))
    return np.array(rows, dtype=int), np.array(right)


def fit(
    ex: Examples,
    c: float = 1.0,
    extra: Examples | None = None,
    weight: float = 1.0,
    ranker: str = "listwise",
    declared: bool = True,
) -> LearnedScorer:
    """The ranker on every candidate (of ``ex``, and of ``extra`` at ``weight`` each),
    ``listwise`` or ``pointwise`` (a plain logistic regression), then the answerability
    model on the top candidate of each of ``ex``'s cases. With ``declared``, every
    weight keeps its feature's declared direction (the ranker's score counts as raising
    answerability); otherwise the weights are free."""
    if ranker not in RANKERS:
        raise ValueError(f"unknown ranker {ranker!r}: choose one of {', '.join(RANKERS)}")
    both = ex.extend(extra) if extra is not None and len(extra.y) else ex
    n_extra = len(both.answerable) - len(ex.answerable)
    case_weight = np.concatenate([np.ones(len(ex.answerable)), np.full(n_extra, weight)])
    bounds = signs(FEATURE_NAMES, declared)
    if ranker == "listwise":
        model = _listwise(both.X, both.y, both.case, c, case_weight, bounds)
    else:
        model = _logistic(both.X, both.y, c, case_weight[both.case], bounds)
    rows, right = top_candidates(ex, model)
    first = (0.0, None) if declared else (None, None)
    answerability = _logistic(
        answerability_inputs(model, ex.X[rows]), right.astype(float), c, bounds=[first, *bounds]
    )
    return LearnedScorer(model, answerability)


def decisions(ex: Examples, scorer: Scorer) -> dict[str, float]:
    """How a scorer does on held-out cases: the best eligible candidate holds the answer
    (answerable cases), abstention (cases with the gold paragraph removed), and the best
    candidate overall holding the answer (ranking alone, no threshold)."""
    right_answer = abstained = top1 = 0
    n_ans = int(ex.answerable.sum())
    n_un = len(ex.answerable) - n_ans
    for case in range(len(ex.answerable)):
        rows = np.flatnonzero(ex.case == case)
        scores, eligible = scorer.score(ex.X[rows])
        best = rows[int(np.argmax(scores))]
        ok = rows[eligible]
        if ex.answerable[case]:
            top1 += int(ex.y[best] == 1)
            if len(ok):
                right_answer += int(ex.y[ok[int(np.argmax(scores[eligible]))]] == 1)
        else:
            abstained += int(not len(ok))
    return {
        "answer_accuracy": round(right_answer / max(n_ans, 1), 4),
        "top1": round(top1 / max(n_ans, 1), 4),
        "abstention": round(abstained / max(n_un, 1), 4),
        "cases": len(ex.answerable),
    }


def case_outcomes(ex: Examples, scorer: Scorer) -> tuple[np.ndarray, np.ndarray]:
    """Per case, with every threshold open: the best candidate's score (among those that
    fit) and whether it holds the answer (always False for a near miss)."""
    best = np.full(len(ex.answerable), -np.inf)
    right = np.zeros(len(ex.answerable), dtype=bool)
    for case in range(len(ex.answerable)):
        rows = np.flatnonzero(ex.case == case)
        scores, _ = scorer.score(ex.X[rows])
        ok = fits(ex.X[rows])
        if ok.any():
            i = int(np.argmax(np.where(ok, scores, -np.inf)))
            best[case] = scorer.confidence(ex.X[rows[i] : rows[i] + 1])[0]
            right[case] = bool(ex.y[rows[i]])
    return best, right


THRESHOLDS = np.round(np.arange(0.01, 0.96, 0.01), 3)


def sweep(n_right: Callable[[float], int]) -> float:
    """The threshold of :data:`THRESHOLDS` with the most right decisions (ties: the lower)."""
    return float(max(THRESHOLDS, key=lambda t: (n_right(float(t)), -t)))


def best_threshold(ex: Examples, scorer: Scorer) -> float:
    """The threshold that makes the most right decisions on ``ex``."""
    best, right = case_outcomes(ex, scorer)

    def n_right(t: float) -> int:
        answered = best >= t
        return int((answered & right & ex.answerable).sum() + (~answered & ~ex.answerable).sum())

    return sweep(n_right)


@dataclass
class DevDecision:
    kind: str
    answered_correct: bool  # the answer given at threshold 0 is right
    confidence: float | None  # None: not decided by the scorer
    abstained: bool  # abstained even at threshold 0 (a rule: place, year, no candidate)


def decide(answerer: Answerer, items: list[dict[str, Any]]) -> list[DevDecision]:
    """Every eval item asked of ``answerer`` (built with threshold 0), with the scorer's
    confidence, so any threshold can be tried without asking again."""
    out = []
    for it in items:
        a = answerer.ask(it["question"])
        right = bool(it["answers"] or it["all_of"]) and answer_correct(
            {**it, "type": "figure"}, a.text, False
        )
        out.append(DevDecision(it["type"], right, a.confidence, a.abstained))
    return out


def dev_items(questions: Path) -> list[dict[str, Any]]:
    lines = questions.read_text(encoding="utf-8").splitlines()
    return [it for it in (json.loads(x) for x in lines if x.strip()) if it.get("split") == "dev"]


def folds_of(items: list[dict[str, Any]], k: int, seed: int) -> np.ndarray:
    """A fold number per item, stratified by question type (fixed seed)."""
    folds = np.zeros(len(items), dtype=int)
    rng = random.Random(seed)
    for kind in sorted({it["type"] for it in items}):
        idx = [i for i, it in enumerate(items) if it["type"] == kind]
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            folds[i] = j % k
    return folds


def cross_decisions(
    settings: Settings,
    embedder: Embedder,
    train: Examples,
    items: list[dict[str, Any]],
    dev: Examples,
    args: argparse.Namespace,
) -> list[DevDecision]:
    """Each dev item decided (at threshold 0) by a model whose ranker was fitted on the
    training corpora plus the dev items of the other folds."""
    folds = folds_of(items, args.folds, args.seed)
    rows: dict[int, DevDecision] = {}
    for k in range(args.folds):
        inside = np.flatnonzero(folds != k)
        scorer = fit(
            train,
            args.c,
            dev.subset(inside),
            args.dev_weight,
            args.ranker,
            args.signs == "declared",
        )
        scorer.gap = args.gap
        answerer = answerer_for(settings, embedder, replace(scorer, threshold=0.0))
        out = np.flatnonzero(folds == k)
        for i, row in zip(out, decide(answerer, [items[j] for j in out]), strict=True):
            rows[int(i)] = row
    return [rows[i] for i in range(len(items))]


def choose_threshold(rows: list[DevDecision]) -> tuple[float, dict[str, float]]:
    """The threshold making the most right decisions on dev, with its dev figures."""
    ans = [r for r in rows if r.kind != "unanswerable"]
    un = [r for r in rows if r.kind == "unanswerable"]

    def counts(t: float) -> tuple[int, int, int]:
        def abstains(r: DevDecision) -> bool:
            return r.abstained or (r.confidence is not None and r.confidence < t)

        acc = sum(1 for r in ans if not abstains(r) and r.answered_correct)
        return acc, sum(1 for r in un if abstains(r)), sum(1 for r in ans if abstains(r))

    best = sweep(lambda t: counts(t)[0] + counts(t)[1])
    acc, abst, fa = counts(best)
    return best, {
        "threshold": best,
        "answer_accuracy": round(acc / max(len(ans), 1), 4),
        "abstention": round(abst / max(len(un), 1), 4),
        "false_abstention": round(fa / max(len(ans), 1), 4),
    }


def all_examples(
    corpora: list[Path], args: argparse.Namespace, settings: Settings, embedder: Embedder
) -> Examples:
    """The examples of every corpus, and with ``--foreign`` each corpus's off-topic cases."""
    cache = Path(args.cache)
    ex = Examples.empty()
    for src in corpora:
        part = corpus_examples(src, cache, settings, embedder, args.max_questions, args.seed)
        logger.info("%s: %d cases, %d candidates", src.name, len(part.answerable), len(part.y))
        ex = ex.extend(part)
    if args.foreign and len(corpora) > 1:
        for src in corpora:
            others = [o for o in corpora if o != src]
            part = foreign_examples(
                src, others, cache, settings, embedder, n=args.foreign, seed=args.seed
            )
            logger.info("%s: %d off-topic cases", src.name, len(part.answerable))
            ex = ex.extend(part)
    return ex


def _manifest(
    corpora: list[Path],
    args: argparse.Namespace,
    embedder: Embedder,
    train: Examples,
    heldout: dict[str, dict[str, float]],
) -> dict[str, Any]:
    """What the model file records of how it was fitted and how it did held out."""
    return {
        "embedder": embedder.name,
        "features_version": features_version(),
        "training": {
            "corpora": {src.name: corpus_hashes(src) for src in corpora},
            "max_questions": args.max_questions,
            "foreign": args.foreign,
            "ranker": args.ranker,
            "signs": args.signs,
            "c": args.c,
            "seed": args.seed,
            "cases": len(train.answerable),
            "candidates": len(train.y),
            "positives": int(train.y.sum()),
        },
        "heldout": heldout,
        "fitted": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "versions": {p: metadata.version(p) for p in ("lixia-qa", "scipy", "numpy")},
        "command": "lixia-qa train-answerer",
    }


def _dev_threshold(
    scorer: LearnedScorer,
    items: list[dict[str, Any]],
    dev: Examples | None,
    train: Examples,
    context: tuple[argparse.Namespace, Settings, Embedder],
) -> None:
    """Set the threshold that makes the most right decisions on eval dev, and record how.
    With dev examples in the ranker, each dev question is decided by a model fitted
    without its fold; otherwise the model has never seen dev and decides them all."""
    args, settings, embedder = context
    if dev is not None:
        rows = cross_decisions(settings, embedder, train, items, dev, args)
    else:
        rows = decide(answerer_for(settings, embedder, replace(scorer, threshold=0.0)), items)
    scorer.threshold, figures = choose_threshold(rows)
    scorer.manifest["threshold_chosen_on"] = {
        "questions": str(args.questions),
        "file": file_hash(Path(args.questions)),
        "split": "dev",
        "folds": args.folds if dev is not None else None,
        **figures,
    }
    logger.info("threshold on eval dev: %s", figures)


def main(args: argparse.Namespace, settings: Settings) -> int:
    t0 = time.perf_counter()
    corpora = [Path(c) for c in args.corpus] if args.corpus else list(DEFAULT_CORPORA)
    embedder = load_embedder(settings)
    ex = all_examples(corpora, args, settings, embedder)
    test_cases = np.array([i for i, p in enumerate(ex.paragraph) if held_out(p)])
    train_cases = np.array([i for i, p in enumerate(ex.paragraph) if not held_out(p)])
    train, test = ex.subset(train_cases), ex.subset(test_cases)
    items = dev_items(Path(args.questions)) if args.questions else []
    dev = None
    if items and args.dev_weight > 0:
        dev = from_eval(answerer_for(settings, embedder, LexicalScorer()), items)
    scorer = fit(train, args.c, dev, args.dev_weight, args.ranker, args.signs == "declared")
    scorer.gap = args.gap
    heldout = {
        "learned@0.5": decisions(test, scorer),
        "lexical": decisions(test, LexicalScorer()),
        "vector": decisions(test, VectorScorer()),
    }
    for name, m in heldout.items():
        logger.info("held out, %s: %s", name, m)
    scorer.manifest = _manifest(corpora, args, embedder, train, heldout)
    if dev is not None:
        scorer.manifest["training"]["dev"] = {
            "questions": str(args.questions),
            "file": file_hash(Path(args.questions)),
            "items": len(items),
            "candidates": len(dev.y),
            "positives": int(dev.y.sum()),
            "weight": args.dev_weight,
        }
    if items:
        _dev_threshold(scorer, items, dev, train, (args, settings, embedder))
    scorer.manifest["heldout"][f"learned@{scorer.threshold:.2f}"] = decisions(test, scorer)
    out = Path(args.out) if args.out else DEFAULT_MODEL
    scorer.save(out)
    logger.info("wrote %s in %.0f s", out, time.perf_counter() - t0)
    return 0


__all__ = ["main", "fit", "decisions", "choose_threshold", "best_threshold"]
