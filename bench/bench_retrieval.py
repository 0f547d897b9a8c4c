"""Retrieval benchmark: ingest speed, search latency, and CMRC 2018 dev recall.

Prints, in one run:
- ingest time and chunks/s for the seed documents (fresh build, default model);
- search latency p50/p95 over the seed index (hybrid, questions from eval/);
- Recall@1/5/10 and MRR@10 on ../shared/bench/cmrc2018-dev for BM25 only, dense
  only and hybrid, side by side (paragraph level: a paragraph ranks where its best
  chunk ranks).

The CMRC index is cached in bench/.cache (embedding 848 paragraphs takes minutes);
pass --fresh to rebuild it and time that ingest too.

    .venv/bin/python bench/bench_retrieval.py [--fresh] [--limit N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.metrics import percentile  # noqa: E402
from ingest.pipeline import build_index  # noqa: E402
from learn.corpora import materialise  # noqa: E402
from lixia_qa.settings import Settings  # noqa: E402
from lixia_qa.types import Hit  # noqa: E402
from retriever.fusion import rrf  # noqa: E402
from retriever.hybrid import HybridRetriever  # noqa: E402
from store.directory import load_index  # noqa: E402
from store.embedders import load_embedder  # noqa: E402
from store.local import LocalStore  # noqa: E402

CMRC = ROOT.parent / "shared" / "bench" / "cmrc2018-dev"
CACHE = ROOT / "bench" / ".cache"


def doc_ranking(hits: Sequence[Hit]) -> list[str]:
    """Documents in the order their best chunk appears."""
    return list(dict.fromkeys(h.chunk.doc_id for h in hits))


def recall_table(rankings: dict[str, list[list[str]]], gold: list[str]) -> dict[str, dict]:
    out = {}
    for name, ranked in rankings.items():
        ranks = [r.index(g) + 1 if g in r else None for r, g in zip(ranked, gold, strict=True)]
        n = len(ranks)
        out[name] = {
            "R@1": sum(1 for r in ranks if r and r <= 1) / n,
            "R@5": sum(1 for r in ranks if r and r <= 5) / n,
            "R@10": sum(1 for r in ranks if r and r <= 10) / n,
            "MRR@10": sum(1 / r for r in ranks if r and r <= 10) / n,
        }
    return out


def prepare_cmrc(folder: Path) -> None:
    """Write each CMRC paragraph as a document (title line, blank line, text)."""
    materialise(CMRC, folder)


def bench_seeds(settings: Settings) -> dict:
    index_dir = CACHE / "seed-index"
    shutil.rmtree(index_dir, ignore_errors=True)
    report = build_index(settings.model_copy(update={"index_dir": index_dir}), ROOT / "seeds")
    index = load_index(index_dir)
    embedder = load_embedder(settings)
    retriever = HybridRetriever.from_store(LocalStore.of(index), embedder, settings)
    questions = [
        json.loads(line)["question"]
        for line in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    retriever.search(questions[0], 5)  # warm-up
    times = []
    for q in questions:
        t0 = time.perf_counter()
        retriever.search(q, settings.top_k)
        times.append((time.perf_counter() - t0) * 1000)
    return {
        "documents": report.documents,
        "chunks": report.chunks,
        "ingest_s": round(report.seconds, 1),
        "chunks_per_s": round(report.chunks / report.seconds, 2),
        "queries": len(times),
        "search_p50_ms": round(percentile(times, 50), 1),
        "search_p95_ms": round(percentile(times, 95), 1),
        "search_mean_ms": round(statistics.fmean(times), 1),
    }


def bench_cmrc(settings: Settings, fresh: bool, limit: int | None) -> dict:
    docs = CACHE / "cmrc-docs"
    index_dir = CACHE / "cmrc-index"
    prepare_cmrc(docs)
    if fresh:
        shutil.rmtree(index_dir, ignore_errors=True)
    local = settings.model_copy(update={"index_dir": index_dir, "docs_dir": docs})
    report = build_index(local)
    index = load_index(index_dir)
    embedder = load_embedder(settings)
    retriever = HybridRetriever.from_store(LocalStore.of(index), embedder, settings)
    queries = [json.loads(line) for line in (CMRC / "queries.jsonl").open(encoding="utf-8")]
    queries = queries[:limit] if limit else queries
    gold = [f"{q['gold_doc']}.txt" for q in queries]
    depth = max(settings.candidate_k, 50)
    runs: dict[str, list[list[str]]] = {"bm25": [], "dense": [], "hybrid": []}
    times = []
    for q in queries:
        t0 = time.perf_counter()
        dense = retriever.dense.search(q["question"], depth)
        keyword = retriever.keyword.search(q["question"], depth)
        fused = rrf({"dense": dense, "bm25": keyword}, k=settings.rrf_k, weights=retriever.weights)
        times.append((time.perf_counter() - t0) * 1000)
        runs["bm25"].append(doc_ranking(keyword))
        runs["dense"].append(doc_ranking(dense))
        runs["hybrid"].append(doc_ranking(fused))
    return {
        "paragraphs": report.documents,
        "chunks": report.chunks,
        "ingest_s": None if report.up_to_date else round(report.seconds, 1),
        "questions": len(queries),
        "search_p50_ms": round(percentile(times, 50), 1),
        "recall": recall_table(runs, gold),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached CMRC index")
    parser.add_argument("--limit", type=int, help="only the first N CMRC questions")
    parser.add_argument("--skip-seeds", action="store_true")
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    settings = Settings()
    result: dict = {
        "model": settings.model,
        "chunk_size": settings.chunk_size,
        "chunk_overlap": settings.chunk_overlap,
        "candidate_k": settings.candidate_k,
        "rrf_k": settings.rrf_k,
    }
    if not args.skip_seeds:
        result["seeds"] = bench_seeds(settings)
        s = result["seeds"]
        print(
            f"seeds: {s['documents']} docs, {s['chunks']} chunks, ingest {s['ingest_s']} s "
            f"({s['chunks_per_s']} chunks/s); search p50 {s['search_p50_ms']} ms, "
            f"p95 {s['search_p95_ms']} ms over {s['queries']} queries"
        )
    if CMRC.is_dir():
        result["cmrc"] = c = bench_cmrc(settings, args.fresh, args.limit)
        print(
            f"cmrc2018-dev: {c['paragraphs']} paragraphs, {c['chunks']} chunks, "
            f"ingest {c['ingest_s'] if c['ingest_s'] is not None else 'cached'} s, "
            f"{c['questions']} questions, search p50 {c['search_p50_ms']} ms"
        )
        print("| retriever | R@1 | R@5 | R@10 | MRR@10 |\n|---|---|---|---|---|")
        for name, m in c["recall"].items():
            print(
                f"| {name} | {m['R@1']:.3f} | {m['R@5']:.3f} | {m['R@10']:.3f} | {m['MRR@10']:.3f} |"
            )
    else:
        print(f"CMRC data not found at {CMRC}: skipped")
    if args.json:
        Path(args.json).write_text(
            json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
