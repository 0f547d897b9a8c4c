"""Ablation of the answer stage, side by side on every data set we have:

* ``lexical``: the rules the project started with (coverage, bonuses, a threshold);
* ``linear``: the learned linear scorer over the declared features, alone;
* ``reader``: the reader alone over the same read candidates (ranked by its logit,
  abstaining on its own calibrated probability; the threshold chosen here on the same
  dev splits as the shipped decider's: eval dev and the places' dev);
* ``reader+features``: what ships: the decider over the reader and the linear models.

Data: eval dev and test (the seed documents), the places eval (other places' real
documents, ``eval/places/``; dev and test), CMRC 2018 dev (external, never fitted on)
and xquad-zh (never trained on). Nothing is chosen on test, CMRC or xquad. Prints one
table; ``--json`` writes every figure.

    .venv/bin/python bench/bench_ablation.py [--systems reader,reader+features]
        [--sets eval,places,cmrc,xquad] [--limit N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from answer.decide import INPUTS, Decider  # noqa: E402
from answer.features import features_version  # noqa: E402
from answer.read import DEFAULT_READER  # noqa: E402
from answer.reader.weights import read_manifest  # noqa: E402
from answer.score import Linear  # noqa: E402
from bench.bench_answers import cmrc_queries, cmrc_settings, score_answers  # noqa: E402
from bench.bench_retrieval import CACHE  # noqa: E402
from eval.places import PLACES_DIR, ask_place, ensure_index, find_places, place_metrics  # noqa: E402
from eval.runner import DEFAULT_QUESTIONS, LocalBackend, load_questions, metrics, run  # noqa: E402
from ingest.pipeline import build_index  # noqa: E402
from learn.corpora import materialise  # noqa: E402
from learn.decide import dev_sets, dev_threshold  # noqa: E402
from learn.train import TRAIN  # noqa: E402
from lixia_qa.settings import Settings  # noqa: E402
from server.service import QAService  # noqa: E402

SYSTEMS = ("lexical", "linear", "reader", "reader+features")
SETS = ("eval", "places", "cmrc", "xquad")
READER_ONLY = CACHE / "decider-reader-only.json"


def reader_only_decider(settings: Settings) -> Path:
    """A decider that ranks by the reader's logit alone and abstains on the reader's own
    calibrated probability (its Platt a, b), the threshold chosen on eval dev."""
    manifest = read_manifest(DEFAULT_READER)
    cal, n = manifest["calibration"], len(INPUTS)
    coef = np.array([float(cal["a"])] + [0.0] * (n - 1))
    linear = Linear(coef, float(cal["b"]), np.zeros(n), np.ones(n))
    decider = Decider(alpha=0.0, answerability=linear, gap=1.0)
    decider.manifest = {
        "reader_sha256": manifest["weights"]["sha256"],
        "features_version": features_version(),
        "note": "ablation: the reader alone (bench/bench_ablation.py)",
    }
    READER_ONLY.parent.mkdir(parents=True, exist_ok=True)
    decider.save(READER_ONLY)
    dev = dev_sets(settings, DEFAULT_QUESTIONS, PLACES_DIR)  # as the shipped decider's
    decider.threshold, _ = dev_threshold(dev, READER_ONLY)
    decider.save(READER_ONLY)
    return READER_ONLY


def system_settings(system: str, base: Settings) -> dict[str, Any]:
    """The settings overrides that make ``system``."""
    if system == "lexical":
        return {"answer_scorer": "lexical", "reader": False}
    if system == "linear":
        return {"answer_scorer": "learned", "reader": False}
    if system == "reader":
        return {
            "answer_scorer": "learned",
            "reader": True,
            "decider_file": reader_only_decider(base),
        }
    return {"answer_scorer": "learned", "reader": True}


def split_row(part: dict[str, Any]) -> dict[str, Any]:
    o, by = part["overall"], part["by_type"]
    return {
        "n": o["n"],
        "answer_accuracy": o["answer_accuracy"],
        "abstention": by.get("unanswerable", {}).get("abstention"),
        "false_abstention": o["false_abstention"],
        "hit_at_5": o["hit@5"],
        "reworded": part.get("reworded", {}).get("answer_accuracy"),
        "latency_p50_ms": o["latency_p50_ms"],
    }


def eval_rows(settings: Settings) -> dict[str, Any]:
    seed = settings.model_copy(update={"index_dir": ROOT / "build" / "seed-index"})
    rows = list(run(load_questions(DEFAULT_QUESTIONS), LocalBackend(seed)))
    return {f"eval {s}": split_row(p) for s, p in metrics(rows)["splits"].items()}


def places_rows(settings: Settings, root: Path) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for place in find_places(root):
        rows += ask_place(place, ensure_index(place, settings, ROOT / ".cache" / "places"), None)
    return {
        f"places {name} {s}": split_row(p)
        for name, part in place_metrics(rows).items()
        for s, p in part["splits"].items()
    }


def corpus_rows(name: str, folder: Path, queries: list[dict[str, Any]], over: dict) -> dict:
    if name == "cmrc":
        settings = cmrc_settings(**over)
    else:
        docs = materialise(folder, CACHE / f"{name}-docs")
        base = {"index_dir": CACHE / f"{name}-index", "docs_dir": docs}
        settings = Settings().model_copy(update={**base, **over})
        build_index(settings)
    return {name: score_answers(QAService.load(settings), queries)}


def xquad_queries(limit: int | None) -> list[dict[str, Any]]:
    path = TRAIN / "xquad-zh" / "queries.jsonl"
    queries = [json.loads(line) for line in path.open(encoding="utf-8")]
    return queries[:limit] if limit else queries


def measure(system: str, sets: list[str], args: argparse.Namespace) -> dict[str, Any]:
    base = Settings()
    over = system_settings(
        system, base.model_copy(update={"index_dir": ROOT / "build" / "seed-index"})
    )
    settings = base.model_copy(update=over)
    row: dict[str, Any] = {}
    if "eval" in sets:
        row.update(eval_rows(settings))
    if "places" in sets:
        row.update(places_rows(settings, Path(args.places)))
    if "cmrc" in sets:
        row.update(corpus_rows("cmrc", Path(), cmrc_queries(args.limit), over))
    if "xquad" in sets:
        row.update(corpus_rows("xquad", TRAIN / "xquad-zh", xquad_queries(args.limit), over))
    return row


def print_table(result: dict[str, Any]) -> None:
    print("| system | data | n | acc | abstain | false_abs | reworded / chars | p50 ms |")
    print("|---|---|---|---|---|---|---|---|")
    for system, row in result.items():
        for data, m in row.items():
            if "questions" in m:  # a reading-comprehension set: every question answerable
                print(
                    f"| {system} | {data} | {m['questions']} | {m['answer_accuracy']:.3f} | - | "
                    f"{m['abstention_rate']:.3f} | {m['mean_answer_chars']} chars | "
                    f"{m['latency_p50_ms']:.0f} |"
                )
                continue
            fmt = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
            print(
                f"| {system} | {data} | {m['n']} | {fmt(m['answer_accuracy'])} | "
                f"{fmt(m['abstention'])} | {fmt(m['false_abstention'])} | {fmt(m['reworded'])} | "
                f"{m['latency_p50_ms']:.0f} |"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--limit", type=int, help="only the first N CMRC / xquad questions")
    parser.add_argument("--places", default=str(PLACES_DIR), help="places eval folder")
    parser.add_argument("--json")
    args = parser.parse_args()
    sets = args.sets.split(",")
    result = {}
    for system in args.systems.split(","):
        result[system] = measure(system, sets, args)
        print(f"{system}: {json.dumps(result[system], ensure_ascii=False)}", file=sys.stderr)
    print_table(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
