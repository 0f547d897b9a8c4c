"""Ablation of the answer scorer: lexical rules alone (the original behaviour), vectors
alone, and the learned scorer, side by side on eval dev, eval test and CMRC 2018 dev.

The vector scorer's threshold is chosen on eval dev here, the same way
`lixia-qa train-answerer` chooses the learned one's; the lexical rules keep their 0.55.
Nothing is chosen on eval test or CMRC.

    .venv/bin/python bench/bench_ablation.py [--cmrc-limit N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_answers import cmrc_queries, cmrc_settings, score_answers  # noqa: E402
from eval.runner import DEFAULT_QUESTIONS, LocalBackend, load_questions, metrics, run  # noqa: E402
from learn.train import choose_threshold, decide  # noqa: E402
from lixia_qa.settings import Settings  # noqa: E402
from server.service import QAService  # noqa: E402

SCORERS = ("lexical", "vector", "learned")


def vector_threshold(settings: Settings, dev: list[dict[str, Any]]) -> float:
    """The vector scorer's threshold with the most right decisions on eval dev."""
    probe = settings.model_copy(update={"answer_scorer": "vector", "abstain_threshold": 0.0})
    return choose_threshold(decide(QAService.load(probe).answerer, dev))[0]


def eval_row(settings: Settings, items: list[dict[str, Any]]) -> dict[str, Any]:
    rows = list(run(items, LocalBackend(settings)))
    out = {}
    for split, part in metrics(rows)["splits"].items():
        o, by = part["overall"], part["by_type"]
        out[split] = {
            "answer_accuracy": o["answer_accuracy"],
            "abstention": by.get("unanswerable", {}).get("abstention"),
            "false_abstention": o["false_abstention"],
            "reworded": part.get("reworded", {}).get("answer_accuracy"),
            "latency_p50_ms": o["latency_p50_ms"],
        }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cmrc-limit", type=int, help="only the first N CMRC questions")
    parser.add_argument("--skip-cmrc", action="store_true")
    parser.add_argument("--json")
    args = parser.parse_args()
    items = load_questions(DEFAULT_QUESTIONS)
    base = Settings()
    result: dict[str, Any] = {}
    queries = [] if args.skip_cmrc else cmrc_queries(args.cmrc_limit)
    for scorer in SCORERS:
        settings = base.model_copy(update={"answer_scorer": scorer})
        if scorer == "vector":
            t = vector_threshold(settings, [it for it in items if it["split"] == "dev"])
            settings = settings.model_copy(update={"abstain_threshold": t})
        row = eval_row(settings, items)
        if queries:
            cmrc = cmrc_settings(answer_scorer=scorer, abstain_threshold=settings.abstain_threshold)
            row["cmrc"] = score_answers(QAService.load(cmrc), queries)
        result[scorer] = row
        print(f"{scorer}: {json.dumps(row, ensure_ascii=False)}", file=sys.stderr)
    print("| scorer | split | acc | abstain | false_abs | reworded | p50 ms |")
    print("|---|---|---|---|---|---|---|")
    for scorer, row in result.items():
        for split in ("dev", "test"):
            m = row[split]
            print(
                f"| {scorer} | eval {split} | {m['answer_accuracy']:.3f} | {m['abstention']:.3f} "
                f"| {m['false_abstention']:.3f} | {m['reworded']:.3f} | {m['latency_p50_ms']:.0f} |"
            )
        if "cmrc" in row:
            c = row["cmrc"]
            print(
                f"| {scorer} | CMRC dev ({c['questions']}) | {c['answer_accuracy']:.3f} | "
                f"{c['abstention_rate']:.3f} (rate) | - | {c['mean_answer_chars']} chars | "
                f"{c['latency_p50_ms']:.0f} |"
            )
    if args.json:
        Path(args.json).write_text(
            json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
