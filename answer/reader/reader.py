"""The served reader: the cross-encoder in bf16 (fp32 or int8), calibrated probabilities.

    reader = Reader.load(Path("answer/models/reader"))
    reader.predict_proba("2023年全区新建学校几所？", [ReaderUnit("新建中小学6所。", "通知")])

It runs in bf16 autocast by default; ``precision="int8"`` runs the Linear layers but the
FFN outputs as dynamic int8 (``torch.ao.quantization.quantize_dynamic``), and
``precision="auto"`` runs the precision the calibration was fitted in, or fp32 where that
is bf16 and the CPU has no bf16 instructions (:func:`native_bf16`) or reads faster in
fp32 (:func:`faster_precision`, timed at load). The
probability is the manifest's Platt calibration of the logit,
``sigmoid(a * logit + b)``, fitted on held-out questions.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
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


PRECISIONS = ("bf16", "int8", "fp32")
DEFAULT_PRECISION = "bf16"
AUTO = "auto"
# Measured on 40 held-out CMRC questions, step-1955 checkpoint, gold-paragraph units:
# fp32 picks 35 right; bf16 autocast 36 (same choice as fp32 on 40 of 40, logits within
# 0.04); dynamic int8 on every Linear 28 (same choice on 28, logits off by up to 8.7);
# int8 except the FFN output layers 33-35 (logits off by ~1.1-1.5). bf16 was also the
# fastest of the accurate ones on this CPU (avx512_bf16).
INT8_SKIP = (".fo",)  # FFN output: its GELU inputs have outliers that per-batch int8 clips


def native_bf16(capabilities: Mapping[str, object] | None = None) -> bool:
    """Whether the CPU computes bf16 itself (x86 ``avx512_bf16`` or ``amx_bf16``, an Arm
    ``bf16`` extension: any capability named bf16 that torch reports present). Without it
    oneDNN emulates bf16: on an AVX2 EPYC 8 candidates took 1,949 ms in bf16 and 222 ms
    in fp32; on an EPYC with ``avx512_bf16`` 57 ms and 113 ms (docs/limits.md)."""
    caps = torch.cpu.get_capabilities() if capabilities is None else capabilities
    return any("bf16" in name and value is True for name, value in caps.items())


def served_precision(
    requested: str | None,
    fitted: str,
    capabilities: Mapping[str, object] | None = None,
    faster: Callable[[], str] | None = None,
) -> str:
    """The precision to run: ``requested``, or for None the one the calibration was
    ``fitted`` in; "auto" is ``fitted`` unless that is bf16 on a CPU without
    :func:`native_bf16`, which runs fp32 (its logits within 0.03 of bf16's). On a CPU
    with bf16 instructions, ``faster`` (when given) says which of bf16 and fp32 reads
    faster there: an EPYC with ``avx512_bf16`` read 8 candidates in 57 ms in bf16 and
    113 ms in fp32, a Xeon with it answered in 249 ms (p50) in bf16 and 168 ms in fp32."""
    if requested is None:
        return fitted
    if requested == AUTO:
        if fitted != "bf16":
            return fitted
        if not native_bf16(capabilities):
            return "fp32"
        return faster() if faster is not None else fitted
    if requested not in PRECISIONS:
        raise ValueError(f"precision must be {AUTO!r} or one of {PRECISIONS}, got {requested!r}")
    return requested


# what :func:`faster_precision` reads: a question and 8 units of a usual length
_PROBE_QUESTION = "今年全区新建了几所学校，由哪个部门负责？"
_PROBE_UNIT = ReaderUnit(
    "全年新建、改扩建中小学和幼儿园12所，新增学位8600个，由区教育局牵头负责实施。", "政府工作报告"
)
_PROBE_RUNS = 3


def faster_precision(
    model: CrossEncoder, tokenizer: E5Tokenizer, clock: Callable[[], float] = time.perf_counter
) -> str:
    """Which of bf16 and fp32 reads 8 candidates faster on this CPU: the best of
    :data:`_PROBE_RUNS` timed reads each, after one unmeasured read."""
    rows = PairEncoder(tokenizer, model.config).rows(_PROBE_QUESTION, [_PROBE_UNIT] * 8)
    best: dict[str, float] = {}
    with torch.inference_mode():
        for precision in ("bf16", "fp32"):
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
                times = []
                for _ in range(_PROBE_RUNS + 1):
                    start = clock()
                    model.score_rows(rows, tokenizer.pad, 32)
                    times.append(clock() - start)
            best[precision] = min(times[1:])
    logger.info(
        "reader: bf16 %.0f ms, fp32 %.0f ms for 8 candidates",
        *(1000 * best[p] for p in ("bf16", "fp32")),
    )
    return "bf16" if best["bf16"] <= best["fp32"] else "fp32"


_FASTER_HERE: dict[str, str] = {}  # the CPU's answer, timed once per process


def _faster_here(model: CrossEncoder, tokenizer: E5Tokenizer) -> str:
    """:func:`faster_precision`, timed on the first load only: the CPU does not change."""
    if "precision" not in _FASTER_HERE:
        _FASTER_HERE["precision"] = faster_precision(model, tokenizer)
    return _FASTER_HERE["precision"]


def quantise(model: CrossEncoder, skip: tuple[str, ...] = INT8_SKIP) -> CrossEncoder:
    """Dynamic int8 (weights int8, activations quantised per batch) on the Linear layers
    whose names do not end with ``skip``, in place."""
    names = {
        name: torch.ao.quantization.default_dynamic_qconfig
        for name, module in model.named_modules()
        if isinstance(module, nn.Linear) and not name.endswith(skip)
    }
    return cast(CrossEncoder, torch.ao.quantization.quantize_dynamic(model, names, inplace=True))


class Reader:
    """``precision``: "bf16" (autocast), "int8" (:func:`quantise`, done here) or "fp32"."""

    def __init__(
        self,
        model: CrossEncoder,
        tokenizer: E5Tokenizer,
        calibration: Calibration = Calibration(),
        manifest: dict[str, Any] | None = None,
        precision: str = DEFAULT_PRECISION,
        chunk: int = 32,
    ) -> None:
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, got {precision!r}")
        self.model = (quantise(model) if precision == "int8" else model).eval()
        self.precision = precision
        self.tokenizer = tokenizer
        self.pairs = PairEncoder(tokenizer, model.config)
        self.calibration = calibration
        self.manifest = manifest or {}
        self.chunk = chunk

    @classmethod
    def load(
        cls,
        folder: Path,
        base: ModelFile | None = None,
        precision: str | None = None,
        threads: int | None = 1,
    ) -> Reader:
        """Load and check ``folder``. ``precision``: see :func:`served_precision` (None: the
        one the manifest's calibration was fitted in); ``threads`` sets torch's intra-op
        threads (None: leave)."""
        if threads is not None:
            torch.set_num_threads(threads)
        base = base or ModelFile()
        model, manifest = load_model(folder, base)
        cal = manifest.get("calibration") or {}
        tokenizer = E5Tokenizer(base.vocabulary)
        chosen = served_precision(
            precision,
            cal.get("precision", DEFAULT_PRECISION),
            faster=lambda: _faster_here(model, tokenizer),
        )
        logger.info("reader %s in %s", folder, chosen)
        return cls(
            model,
            tokenizer,
            Calibration(cal.get("a", 1.0), cal.get("b", 0.0)),
            manifest,
            chosen,
        )

    @torch.inference_mode()
    def scores(self, question: str, units: Sequence[ReaderUnit]) -> np.ndarray:
        """One logit per unit (higher: more likely to answer)."""
        if not units:
            return np.zeros(0, dtype=np.float32)
        rows = self.pairs.rows(question, units)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.precision == "bf16"):
            return self.model.score_rows(rows, self.tokenizer.pad, self.chunk).float().numpy()

    def predict_proba(self, question: str, units: Sequence[ReaderUnit]) -> np.ndarray:
        """Calibrated probability that each unit answers ``question``."""
        return self.calibration(self.scores(question, units))
