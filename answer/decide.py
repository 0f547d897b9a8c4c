"""The decision over read candidates: which one answers, and whether any does.

A fitted :class:`Decider` (``answer/models/decider.json``, made by ``lixia-qa
train-decider`` on held-out training paragraphs, never on the eval set) ranks the read
candidates by ``z = reader logit + alpha * ranker logit`` and gives each a calibrated
probability of being a right answer from :data:`INPUTS`; a candidate may answer when
that probability clears ``threshold``, chosen on the eval dev split. Hard vetoes come
first, the same for every scorer (:data:`answer.score.VETOES`): a vetoed candidate is
never read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from answer.score import Linear, ModelMismatchError, read_model

DEFAULT_DECIDER = Path(__file__).resolve().parent / "models" / "decider.json"
FORMAT = 1

# what the answerability of a read candidate is read from
INPUTS: tuple[str, ...] = (
    "reader",  # the reader's logit
    "ranker",  # the linear ranker's logit over the declared features
    "answerable",  # the linear answerability model's logit
    "reader_margin",  # the reader's logit minus the best other read candidate's (NaN: none)
)
MARGIN = INPUTS.index("reader_margin")


def decision_inputs(reader: np.ndarray, ranker: np.ndarray, answerable: np.ndarray) -> np.ndarray:
    """(n, len(INPUTS)) inputs of ``n`` read candidates of one question. A lone read
    candidate (the vetoes ruled out the others) has no margin: NaN, which
    :func:`impute` reads as the training mean, so that it weighs neither way (its
    reader logit less 0 said more of the logit's scale than of a competitor)."""
    n = len(reader)
    margin = np.full(n, np.nan)
    for i in range(n):
        others = np.delete(reader, i)
        if len(others):
            margin[i] = reader[i] - others.max()
    return np.column_stack([reader, ranker, answerable, margin])


def impute(inputs: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """``inputs`` with each missing value (NaN) set to its column's ``mean``."""
    return np.where(np.isnan(inputs), mean, inputs)


@dataclass
class Decider:
    alpha: float  # weight of the ranker's logit beside the reader's, for ranking
    answerability: Linear  # over INPUTS
    threshold: float = 0.5
    gap: float = 1.0  # a further sentence's z must lie within this of the best's
    manifest: dict[str, Any] = field(default_factory=dict)

    def rank(self, reader: np.ndarray, ranker: np.ndarray) -> np.ndarray:
        return np.asarray(reader + self.alpha * ranker)

    def probability(self, inputs: np.ndarray) -> np.ndarray:
        return self.answerability.probability(impute(inputs, self.answerability.mean))

    @classmethod
    def load(cls, path: Path, reader_sha: str, features_version: str) -> Decider:
        """Read a decider file, refusing one fitted over another reader or features."""
        data = read_model(path, "the decider", "train-decider")
        fitted = (data.get("reader_sha256"), data.get("features_version"))
        if data.get("format") != FORMAT or data.get("inputs") != list(INPUTS):
            raise ModelMismatchError(
                f"the decider {path} has another format or inputs than this code: "
                "run `lixia-qa train-decider`"
            )
        if fitted != (reader_sha, features_version):
            raise ModelMismatchError(
                f"the decider {path} was fitted over another reader or answer features "
                f"({fitted[0]}, {fitted[1]}; now {reader_sha}, {features_version}): "
                "run `lixia-qa train-decider`"
            )
        return cls(
            alpha=float(data["alpha"]),
            answerability=Linear.from_dict(data["answerability"]),
            threshold=float(data["threshold"]),
            gap=float(data["gap"]),
            manifest={k: v for k, v in data.items() if k not in ("alpha", "answerability")},
        )

    def save(self, path: Path) -> None:
        data = {
            **self.manifest,
            "format": FORMAT,
            "inputs": list(INPUTS),
            "alpha": round(self.alpha, 4),
            "threshold": round(self.threshold, 4),
            "gap": self.gap,
            "answerability": self.answerability.to_dict(),
        }
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(path)
