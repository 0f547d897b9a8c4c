"""After training: calibration on held-out questions, held-out figures, export.

Calibration uses one half of the held-out questions of the training sets (a stable
split by question id); the figures are measured on the other half and on ``xquad-zh``,
with the model as it is served (``--precision``, bf16 by default).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from answer.reader.encoder import E5Tokenizer
from answer.reader.model import CrossEncoder
from answer.reader.modelfile import ModelFile
from answer.reader.reader import DEFAULT_PRECISION, Calibration, Reader
from answer.reader.weights import save
from learn.reader.calibrate import fit_platt, log_loss
from learn.reader.data import HELD_OUT_CORPORA, PassageIndex, holds_answer, load_corpus
from learn.reader.evaluate import _as_input, cases, evaluate, held_out_questions
from learn.reader.loop import State
from learn.reader.prepare import Prepared

logger = logging.getLogger(__name__)

COMMANDS = "commands.txt"  # in the run folder: one line per invocation


def _history(run: Path) -> list[str]:
    """Every invocation of the run (a resumed run may change --epochs)."""
    path = run / COMMANDS
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []


def calibration_examples(
    reader: Reader, corpora: dict, limit: int, seed: int
) -> tuple[list[float], list[int]]:
    """Logits and labels of every unit of the top 5 passages and of the near-miss
    passages, for the calibration half of the held-out questions."""
    logits: list[float] = []
    labels: list[int] = []
    for corpus, index in corpora.values():
        for case in cases(corpus, index, held_out_questions(corpus, "calibrate", limit, seed)):
            docs = sorted({*case.retrieved, *case.missed})
            units = [u for d in docs for u in corpus.units[d]]
            logits += reader.scores(case.question.text, [_as_input(u) for u in units]).tolist()
            labels += [int(holds_answer(u.text, case.question.answers)) for u in units]
    return logits, labels


def _calibrate(reader: Reader, corpora: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """Fit the reader's Platt calibration on held-out units (in place) and describe it."""
    names = [n for n in args.corpora if n not in HELD_OUT_CORPORA]
    logits, labels = calibration_examples(
        reader, {n: corpora[n] for n in names}, args.eval_questions, args.seed
    )
    fitted = 0 < sum(labels) < len(labels)
    a, b = fit_platt(logits, labels) if fitted else (1.0, 0.0)
    if not fitted:
        logger.warning(
            "no calibration: %d units, %d positive; probabilities are sigmoid(logit)",
            len(labels),
            sum(labels),
        )
    reader.calibration = Calibration(a, b)
    loss = log_loss(reader.calibration(np.array(logits)), labels) if labels else float("nan")
    logger.info(
        "calibration: a=%.4f b=%.4f on %d units (%d positive), log-loss %.4f",
        *(a, b, len(labels), sum(labels), loss),
    )
    return {
        "a": a,
        "b": b,
        "fitted": fitted,
        "units": len(labels),
        "positives": int(sum(labels)),
        "log_loss": loss,
        "precision": reader.precision,
        "fitted_on": "calibration half of held-out paragraphs of the training sets",
    }


def _held_out(reader: Reader, corpora: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    """The reader's figures on each corpus's held-out questions."""
    held: dict[str, Any] = {}
    for name, (corpus, index) in corpora.items():
        part = None if name in HELD_OUT_CORPORA else "report"
        qs = held_out_questions(corpus, part, args.eval_questions, args.seed)
        figs, _ = evaluate(corpus, index, qs, reader.scores)
        held[name] = {
            "questions": (
                f"seeded sample (seed {args.seed}) of at most {args.eval_questions} of "
                + ("the whole set" if part is None else "the report half of held-out paragraphs")
            ),
            **asdict(figs),
        }
        logger.info("held out %s: %s", name, figs.row())
    return held


def finish(
    model: CrossEncoder,
    base: ModelFile,
    tokenizer: E5Tokenizer,
    prepared: Prepared,
    args: argparse.Namespace,
    *,
    command: str,
    state: State,
) -> dict[str, Any]:
    """Calibrate, measure on held-out questions and write the weights with their manifest."""
    model.eval()
    precision = getattr(args, "precision", DEFAULT_PRECISION)  # a run started before --precision
    reader = Reader(copy.deepcopy(model), tokenizer, precision=precision)
    corpora = {}
    for name in args.corpora:
        corpus = load_corpus(args.data, name)
        corpora[name] = (corpus, PassageIndex(corpus))
    calibration = _calibrate(reader, corpora, args)
    manifest = {
        "training": {
            "command": command,
            "history": _history(args.run),
            "data": prepared.hashes,
            "held_out_rule": "xquad-zh entirely; paragraphs with sha256('<id>.txt') % 5 == 0 (learn.train.held_out)",
            "steps": state.step,
            "groups": len(prepared.train),
            "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        },
        "calibration": calibration,
        "held_out": _held_out(reader, corpora, args),
        "serving": f"{precision}, one thread (answer.reader.reader.Reader.load)",
    }
    return save(args.out, model, base, manifest)
