"""Scorers: one interface, one class per way of ranking candidates, one factory.

A scorer turns the feature matrix of a question's candidates into scores and an
``eligible`` mask: the answer is the best eligible candidate, and a question with none
abstains. ``lexical`` is the rule set the project started with (IDF coverage, rank and
answer-type bonuses, a coverage threshold); ``vector`` ranks by question-unit cosine;
``learned`` is a logistic model fitted by ``lixia-qa train-answerer`` on public reading
comprehension data (never on the eval set), with its abstention threshold chosen on the
eval dev split. Its file carries a manifest; loading refuses a file whose feature names
differ from :data:`answer.features.FEATURE_NAMES` or whose features version is not
:func:`answer.features.features_version` (derived from the code the features run).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from answer.features import FEATURE_NAMES, column, features_version
from lixia_qa.errors import LixiaError

logger = logging.getLogger(__name__)

MODEL_FORMAT = 2
DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "scorer.json"


class ModelMismatchError(LixiaError):
    """The answer model file does not fit this code (features or format differ)."""


class Scorer(Protocol):
    name: str
    threshold: float
    gap: float  # a further sentence must score within this of the best

    def score(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Scores (higher is better) and which candidates may answer at all."""
        ...

    def confidence(self, X: np.ndarray) -> np.ndarray:
        """What the abstention threshold applies to, per candidate."""
        ...


@dataclass(frozen=True)
class Veto:
    """A hard rule: a candidate whose feature ``rules_out`` is set may not answer,
    unless the feature ``unless`` is too."""

    rules_out: str
    unless: str | None
    why: str


# The hard vetoes, the same for every scorer but the original rules (and the reader
# reads no vetoed candidate): each is a declared feature of answer.features.
VETOES: tuple[Veto, ...] = (
    Veto("miss_figure", None, "a figure question needs a figure it does not state itself"),
    Veto("miss_shape", None, "the asked measure word (几所), or a contact field's shape (@)"),
    Veto("other_instance", None, "about another place or 第N届 than the one asked"),
    Veto("asks_date", "fit_date", "a 什么时候 question needs a date or period"),
    Veto("is_heading", "near_term", "a heading answers only with the asked figure or date"),
)
RULED_OUT_BY: tuple[str, ...] = tuple(v.rules_out for v in VETOES if v.unless is None)


def fits(X: np.ndarray) -> np.ndarray:
    """Candidates no veto of :data:`VETOES` rules out: a figure question gets a figure of
    the asked family and measure word, a contact field its shape (an @ for 邮箱), a 什么时候 question a date or period, an answer never comes from a sentence about another
    place than the one asked, and a heading answers only when it states the asked figure
    or date next to a word of the question ("三、重点实施30项民生实事" for 多少项民生实事)."""
    ok = np.ones(len(X), dtype=bool)
    for veto in VETOES:
        out = column(X, veto.rules_out) != 0
        if veto.unless is not None:
            out &= column(X, veto.unless) == 0
        ok &= ~out
    return ok


@dataclass
class LexicalScorer:
    """The original rules: coverage (sentence, heading, passage) plus bonuses for rank,
    the asked measure word and enumerations; a candidate answers when its coverage
    clears ``threshold`` and it fits the question (a figure for 多少, not another place)."""

    threshold: float = 0.55
    gap: float = 0.2
    rank_bonus: float = 0.12
    measure_bonus: float = 0.25
    list_bonus: float = 0.1
    name: str = "lexical"

    def confidence(self, X: np.ndarray) -> np.ndarray:
        """Coverage: the sentence's own, 0.85 of it with its heading, or 0.7 of its
        passage's when the sentence itself covers at least 0.3."""
        own = column(X, "cov_all")
        context = np.where(own >= 0.3, 0.7 * column(X, "cov_all_passage"), 0.0)
        return np.asarray(np.maximum.reduce([own, 0.85 * column(X, "cov_all_heading"), context]))

    def score(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        cov = self.confidence(X)
        inv_rank = column(X, "rank_fused")  # 1/(1+rank)
        score = (
            cov
            + self.rank_bonus * inv_rank
            + self.measure_bonus * column(X, "fit_measure")
            + self.list_bonus * column(X, "fit_list")
        )
        fit = (column(X, "miss_figure") == 0) & (column(X, "other_instance") == 0)
        retrieved = inv_rank > 0
        return score, (cov >= self.threshold) & fit & retrieved & (column(X, "is_heading") == 0)


@dataclass
class VectorScorer:
    """Question-unit cosine alone (with the same hard fits as the rules)."""

    threshold: float = 0.85
    gap: float = 0.01
    name: str = "vector"

    def score(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        sim = column(X, "vec_unit")
        return sim, (sim >= self.threshold) & fits(X)

    def confidence(self, X: np.ndarray) -> np.ndarray:
        return column(X, "vec_unit")


@dataclass
class Linear:
    """A logistic model over standardised inputs: sigmoid(((x - mean) / scale) . coef + b)."""

    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray

    def logit(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(((X - self.mean) / self.scale) @ self.coef + self.intercept)

    def probability(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(1.0 / (1.0 + np.exp(-self.logit(X))), dtype=np.float64)

    def to_dict(self) -> dict[str, Any]:
        return {
            "coef": [round(float(v), 6) for v in self.coef],
            "intercept": round(float(self.intercept), 6),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Linear:
        return cls(
            np.asarray(data["coef"], dtype=np.float64),
            float(data["intercept"]),
            np.asarray(data["mean"], dtype=np.float64),
            np.asarray(data["scale"], dtype=np.float64),
        )


def answerability_inputs(ranker: Linear, X: np.ndarray) -> np.ndarray:
    """What the answerability model reads: the ranker's logit, then the features."""
    return np.hstack([ranker.logit(X)[:, None], X])


def read_model(path: Path, what: str, command: str) -> dict[str, Any]:
    """A fitted model's JSON file, or a :class:`ModelMismatchError` that says which
    ``lixia-qa`` command makes it."""
    try:
        data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelMismatchError(
            f"cannot read {what} {path} ({exc}): run `lixia-qa {command}`"
        ) from exc
    return data


@dataclass
class LearnedScorer:
    """Two fitted logistic models: ``ranker`` orders candidates (P(the candidate holds
    the answer)); ``answerability`` says whether a candidate, if given as the answer,
    would be right (trained on each case's top candidate: right answers against wrong
    ones and near misses). A candidate may answer when its answerability clears
    ``threshold``, chosen on the eval dev split."""

    ranker: Linear
    answerability: Linear | None = None
    threshold: float = 0.5
    gap: float = 0.15
    manifest: dict[str, Any] = field(default_factory=dict)
    name: str = "learned"

    def probabilities(self, X: np.ndarray) -> np.ndarray:
        return self.ranker.probability(X)

    def confidence(self, X: np.ndarray) -> np.ndarray:
        if self.answerability is None:
            return self.probabilities(X)
        return self.answerability.probability(answerability_inputs(self.ranker, X))

    def score(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        p = self.probabilities(X)
        return p, (self.confidence(X) >= self.threshold) & fits(X)

    @classmethod
    def load(cls, path: Path) -> LearnedScorer:
        """Read a model file, refusing one that does not fit this code."""
        data = read_model(path, "the answer model", "train-answerer")
        version = features_version()
        if (
            data.get("format") != MODEL_FORMAT
            or data.get("features") != list(FEATURE_NAMES)
            or data.get("features_version") != version
        ):
            raise ModelMismatchError(
                f"the answer model {path} was fitted on other features than this code computes "
                f"(format {data.get('format')} vs {MODEL_FORMAT}, features version "
                f"{data.get('features_version')} vs {version}, "
                f"{len(data.get('features', []))} features vs {len(FEATURE_NAMES)}): "
                "run `lixia-qa train-answerer` to refit it"
            )
        answerability = data.get("answerability")
        return cls(
            ranker=Linear.from_dict(data["ranker"]),
            answerability=Linear.from_dict(answerability) if answerability else None,
            threshold=float(data.get("threshold", 0.5)),
            gap=float(data.get("gap", 0.15)),
            manifest={
                k: v
                for k, v in data.items()
                if k not in ("ranker", "answerability", "threshold", "gap")
            },
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.manifest,
            "format": MODEL_FORMAT,
            "features_version": self.manifest.get("features_version", features_version()),
            "features": list(FEATURE_NAMES),
            "threshold": round(self.threshold, 4),
            "gap": self.gap,
            "ranker": self.ranker.to_dict(),
            "answerability": self.answerability.to_dict() if self.answerability else None,
        }

    def save(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)


def make_scorer(
    kind: str, model_path: Path | None, embedder_name: str, threshold: float | None = None
) -> Scorer:
    """The scorer ``kind`` names ("auto", "learned", "lexical", "vector").

    "auto" is the learned model when its vectors came from the same embedder as the
    index's, else the lexical rules (cosines of another model mean something else).
    ``threshold`` overrides the scorer's own abstention threshold.
    """
    scorer: Scorer
    path = model_path or DEFAULT_MODEL
    if kind == "auto" and not path.is_file():
        logger.warning("no answer model at %s: answering with the lexical rules", path)
        kind = "lexical"
    if kind in ("auto", "learned"):
        learned = LearnedScorer.load(path)
        fitted_with = learned.manifest.get("embedder")
        if kind == "auto" and fitted_with != embedder_name:
            logger.warning(
                "the answer model was fitted with %s vectors, the index uses %s: answering "
                "with the lexical rules (run `lixia-qa train-answerer` for a model of yours)",
                fitted_with,
                embedder_name,
            )
            scorer = LexicalScorer()
        else:
            scorer = learned
    elif kind == "lexical":
        scorer = LexicalScorer()
    elif kind == "vector":
        scorer = VectorScorer()
    else:
        raise LixiaError(f"unknown answer scorer {kind!r}: use auto, learned, lexical or vector")
    if threshold is not None:
        scorer.threshold = threshold
    return scorer
