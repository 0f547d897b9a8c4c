"""Scale benchmark of the two index stores on a synthetic corpus.

Chunks are seed-index passages with random token perturbations (tokenised once: jieba
and embedding are not timed here, only the stores) and random unit vectors of the
model's dimension (384). For each store and size, in a fresh process: build time, peak
memory (max RSS of that process; for Milvus Lite the embedded server runs inside it),
dense and keyword query latency p50/p95 over 200 queries, and recall@10 of the store's
dense search against exact (numpy) inner-product search.

    .venv/bin/python bench/bench_scale.py --sizes 100000 300000 --stores local milvus \
        --json bench/results/scale.json
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.metrics import percentile  # noqa: E402
from lixia_qa.types import Chunk, Document  # noqa: E402
from store.directory import Index, build_vectors, save_index  # noqa: E402
from store.local import LocalStore  # noqa: E402
from store.tokenize import ChineseTokenizer  # noqa: E402

DIM = 384
QUERIES = 200
SEED_CHUNKS = ROOT / "index" / "chunks.jsonl"


def base_tokens() -> list[list[str]]:
    """Token lists of the seed passages (run `make ingest` first), or of a fixed text."""
    tokenizer = ChineseTokenizer()
    if SEED_CHUNKS.is_file():
        texts = [json.loads(line)["text"] for line in SEED_CHUNKS.open(encoding="utf-8")]
    else:
        texts = ["全区计划实施重点项目60个，完成投资150亿元，新建幼儿园4所。"] * 50
    return [tokenizer.tokens(t) for t in texts]


def corpus(n: int, rng: np.random.Generator) -> tuple[list[Chunk], list[list[str]], np.ndarray]:
    bases = base_tokens()
    vocab = sorted({t for b in bases for t in b})
    chunks, tokens = [], []
    for i in range(n):
        toks = list(bases[i % len(bases)])
        toks += [vocab[j] for j in rng.integers(0, len(vocab), 8)] + [f"x{i % 50000}"]
        doc = f"d{i // 50:06d}.txt"
        chunks.append(Chunk(f"{doc}#{i % 50}", doc, "".join(toks), 0, len(toks)))
        tokens.append(toks)
    vectors = rng.standard_normal((n, DIM), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return chunks, tokens, vectors


def build_local(path: Path, chunks: list[Chunk], tokens: list[list[str]], vecs: np.ndarray) -> Any:
    import bm25s

    bm25 = bm25s.BM25()
    bm25.index(tokens, show_progress=False)
    docs = {c.doc_id: Document(c.doc_id, c.doc_id, "") for c in chunks}
    manifest = {"format": 2, "model": "synthetic", "dimension": DIM, "corpus_hash": "s"}
    index = Index(manifest, docs, chunks, [], build_vectors(vecs, DIM), bm25, ChineseTokenizer())
    save_index(index, path)
    return LocalStore.of(index)


def build_milvus(path: Path, chunks: list[Chunk], tokens: list[list[str]], vecs: np.ndarray,
                 dense: str) -> Any:  # fmt: skip
    from store import milvus_schema as ms
    from store.milvus import MilvusStore

    store = MilvusStore(str(path / "milvus.db"), "scale", dense)
    ms.create_collections(store.client, "scale", DIM, dense)
    batch = []
    for c, toks, v in zip(chunks, tokens, vecs, strict=True):
        batch.append(ms.chunk_row(c, v.tolist(), toks, 2024))
        if len(batch) == 2000:
            store.client.insert("scale_chunks", batch)
            batch = []
    if batch:
        store.client.insert("scale_chunks", batch)
    store.client.flush("scale_chunks")
    store.client.load_collection("scale_chunks")
    return store


def rss_mb() -> float:
    """Resident memory of this process now."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def run_one(kind: str, n: int, dense: str) -> dict[str, Any]:
    rng = np.random.default_rng(0)
    chunks, tokens, vecs = corpus(n, rng)
    with tempfile.TemporaryDirectory() as tmp:
        before = rss_mb()
        t0 = time.perf_counter()
        if kind == "local":
            store = build_local(Path(tmp) / "index", chunks, tokens, vecs)
        else:
            store = build_milvus(Path(tmp), chunks, tokens, vecs, dense)
        build_s = time.perf_counter() - t0
        store_mb = rss_mb() - before
        picks = rng.integers(0, n, QUERIES)
        queries = (
            vecs[picks] + 0.6 * rng.standard_normal((QUERIES, DIM), dtype=np.float32) / DIM**0.5
        )
        queries /= np.linalg.norm(queries, axis=1, keepdims=True)
        store.dense_search(queries[0], 10)  # warm-up
        dense_ms, recall = [], []
        for q in queries:
            t1 = time.perf_counter()
            hits = store.dense_search(q, 10)
            dense_ms.append((time.perf_counter() - t1) * 1000)
            want = np.argpartition(-(vecs @ q), 10)[:10]  # exact top 10 (any order)
            got = {h.chunk.chunk_id for h in hits}
            recall.append(len(got & {chunks[i].chunk_id for i in want}) / 10)
        keyword_ms = []
        for i in picks:
            toks = tokens[int(i)][:4]
            t1 = time.perf_counter()
            store.keyword_search(toks, 10)
            keyword_ms.append((time.perf_counter() - t1) * 1000)
        store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "store": kind if kind == "local" else f"milvus-lite {dense}",
        "chunks": n,
        "build_s": round(build_s, 1),
        "store_mb": round(store_mb),
        "peak_rss_mb": round(peak_mb),
        "dense_p50_ms": round(percentile(dense_ms, 50), 1),
        "dense_p95_ms": round(percentile(dense_ms, 95), 1),
        "keyword_p50_ms": round(percentile(keyword_ms, 50), 1),
        "keyword_p95_ms": round(percentile(keyword_ms, 95), 1),
        "dense_recall@10": round(float(np.mean(recall)), 4),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--stores", nargs="+", default=["local", "milvus"])
    parser.add_argument("--milvus-index", default="HNSW")
    parser.add_argument("--json")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # store size: in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1]), args.milvus_index)))
        return 0
    rows = []
    print("| store | chunks | build s | store MB | peak RSS MB | dense p50/p95 ms | "
          "keyword p50/p95 ms | dense recall@10 |\n|---|---|---|---|---|---|---|---|",
          flush=True)  # fmt: skip
    for n in args.sizes:
        for kind in args.stores:
            cmd = [
                sys.executable,
                __file__,
                "--one",
                kind,
                str(n),
                "--milvus-index",
                args.milvus_index,
            ]
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0:
                print(f"| {kind} | {n} | failed: {done.stderr.strip().splitlines()[-1:]} |")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(r)
            print(f"| {r['store']} | {n:,} | {r['build_s']} | {r['store_mb']:,} | {r['peak_rss_mb']:,} | "
                  f"{r['dense_p50_ms']} / {r['dense_p95_ms']} | {r['keyword_p50_ms']} / "
                  f"{r['keyword_p95_ms']} | {r['dense_recall@10']:.3f} |", flush=True)  # fmt: skip
            if args.json:
                Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
