"""Answer benchmark on CMRC 2018 dev: the short answer contains a gold answer string.

Uses the CMRC index cached by bench_retrieval.py (this builds it when missing; the
first build embeds 848 paragraphs and their answer units, several minutes). Prints
answer accuracy, mean answer length, abstention rate, how often the first citation is
the gold paragraph, and latency p50/p95.

    .venv/bin/python bench/bench_answers.py [--limit N] [--scorer learned] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_retrieval import CACHE, CMRC, prepare_cmrc  # noqa: E402
from eval.metrics import normalise, percentile  # noqa: E402
from ingest.pipeline import build_index  # noqa: E402
from lixia_qa.settings import Settings  # noqa: E402
from server.service import QAService  # noqa: E402

_MARKER = re.compile(r"\[\d+\]")


def cmrc_settings(**overrides: Any) -> Settings:
    """Settings for the cached CMRC index (built or refreshed here)."""
    docs, index_dir = CACHE / "cmrc-docs", CACHE / "cmrc-index"
    prepare_cmrc(docs)
    settings = Settings().model_copy(update={"index_dir": index_dir, "docs_dir": docs, **overrides})
    build_index(settings)
    return settings


def cmrc_queries(limit: int | None = None) -> list[dict[str, Any]]:
    queries = [json.loads(line) for line in (CMRC / "queries.jsonl").open(encoding="utf-8")]
    return queries[:limit] if limit else queries


def score_answers(service: QAService, queries: list[dict[str, Any]], show: int = 0) -> dict:
    """Accuracy (a gold string inside the answer), length, abstention, latency."""
    correct = abstained = cited1 = 0
    lengths, times, wrong = [], [], []
    service.ask(queries[0]["question"])  # warm-up
    for q in queries:
        t0 = time.perf_counter()
        answer = service.ask(q["question"])
        times.append((time.perf_counter() - t0) * 1000)
        body = normalise(_MARKER.sub("", answer.text))
        if answer.abstained:
            abstained += 1
        else:
            lengths.append(len(_MARKER.sub("", answer.text)))
        ok = not answer.abstained and any(normalise(a) in body for a in q["answers"])
        correct += ok
        if answer.citations and answer.citations[0].doc_id == f"{q['gold_doc']}.txt":
            cited1 += 1
        if not ok and len(wrong) < show:
            wrong.append((q["question"], q["answers"][0], answer.text))
    n = len(queries)
    for question, gold, text in wrong:
        print(f"- {question}\n  gold: {gold}\n  got:  {text}")
    return {
        "questions": n,
        "answer_accuracy": round(correct / n, 4),
        "mean_answer_chars": round(sum(lengths) / max(len(lengths), 1), 1),
        "abstention_rate": round(abstained / n, 4),
        "first_citation_gold": round(cited1 / n, 4),
        "latency_p50_ms": round(percentile(times, 50), 1),
        "latency_p95_ms": round(percentile(times, 95), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int)
    parser.add_argument(
        "--scorer", default="auto", choices=("auto", "learned", "lexical", "vector")
    )
    parser.add_argument("--json")
    parser.add_argument("--show", type=int, default=0, help="print N wrong answers")
    args = parser.parse_args()
    service = QAService.load(cmrc_settings(answer_scorer=args.scorer))
    result = score_answers(service, cmrc_queries(args.limit), args.show)
    print("| questions | answer acc | mean chars | abstained | 1st cite gold | p50 ms | p95 ms |")
    print("|---|---|---|---|---|---|---|")
    print(
        "| {questions} | {answer_accuracy:.3f} | {mean_answer_chars} | {abstention_rate:.3f} | "
        "{first_citation_gold:.3f} | {latency_p50_ms} | {latency_p95_ms} |".format(**result)
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
