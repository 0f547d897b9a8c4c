"""The served reader: int8 cross-encoder, calibrated probabilities.

    reader = Reader.load(Path("answer/models/reader"))
    reader.predict_proba("2023年全区新建学校几所？", [ReaderUnit("新建中小学6所。", "通知")])

Linear layers run as dynamic int8 (``torch.ao.quantization.quantize_dynamic``); the
probability is the manifest's Platt calibration of the logit,
``sigmoid(a * logit + b)``, fitted on held-out questions.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np
import torch
from torch import nn

from answer.reader.encoder import E5Tokenizer
from answer.reader.model import CrossEncoder, PairEncoder, ReaderUnit
from answer.reader.modelfile import ModelFile
from answer.reader.weights import load_model

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Calibration:
    """``p = sigmoid(a * logit + b)``."""

    a: float = 1.0
    b: float = 0.0

    def __call__(self, logits: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(self.a * np.asarray(logits, dtype=np.float64) + self.b)))


def quantise(model: CrossEncoder) -> CrossEncoder:
    """Dynamic int8 on every Linear layer, in place (weights int8, activations quantised per batch)."""
    return cast(
        CrossEncoder,
        torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8, inplace=True),
    )


class Reader:
    def __init__(
        self,
        model: CrossEncoder,
        tokenizer: E5Tokenizer,
        calibration: Calibration = Calibration(),
        manifest: dict[str, Any] | None = None,
        chunk: int = 32,
    ) -> None:
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.pairs = PairEncoder(tokenizer, model.config)
        self.calibration = calibration
        self.manifest = manifest or {}
        self.chunk = chunk

    @classmethod
    def load(
        cls, folder: Path, base: ModelFile | None = None, int8: bool = True, threads: int | None = 1
    ) -> Reader:
        """Load and check ``folder``; ``threads`` sets torch's intra-op threads (None: leave)."""
        if threads is not None:
            torch.set_num_threads(threads)
        base = base or ModelFile()
        model, manifest = load_model(folder, base)
        served = quantise(model) if int8 else model
        cal = manifest.get("calibration") or {}
        return cls(
            served,
            E5Tokenizer(base.vocabulary),
            Calibration(cal.get("a", 1.0), cal.get("b", 0.0)),
            manifest,
        )

    @torch.inference_mode()
    def scores(self, question: str, units: Sequence[ReaderUnit]) -> np.ndarray:
        """One logit per unit (higher: more likely to answer)."""
        if not units:
            return np.zeros(0, dtype=np.float32)
        rows = self.pairs.rows(question, units)
        return self.model.score_rows(rows, self.tokenizer.pad, self.chunk).numpy()

    def predict_proba(self, question: str, units: Sequence[ReaderUnit]) -> np.ndarray:
        """Calibrated probability that each unit answers ``question``."""
        return self.calibration(self.scores(question, units))

    @property
    def no_answer_logit(self) -> float:
        value = float(self.model.no_answer) if hasattr(self.model, "no_answer") else math.nan
        return value
