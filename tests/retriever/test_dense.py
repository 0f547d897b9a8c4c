"""FAISS search equals numpy brute force; the index survives a save/load round trip."""

import numpy as np

from lixia_qa.types import Chunk
from retriever.dense import DenseRetriever
from retriever.embedders import HashEmbedder
from retriever.store import build_vectors, load_index


def test_faiss_top_k_equals_brute_force() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(300, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    chunks = [Chunk(f"d#{i}", "d", str(i), i, i + 1) for i in range(300)]
    dense = DenseRetriever(build_vectors(vectors, 32), chunks, HashEmbedder(32))
    for _ in range(20):
        q = rng.normal(size=32).astype(np.float32)
        q /= np.linalg.norm(q)
        hits = dense.search_vector(q, 10)
        expected = np.argsort(-(vectors @ q), kind="stable")[:10]
        assert [int(h.chunk.text) for h in hits] == expected.tolist()
        assert np.allclose([h.score for h in hits], (vectors @ q)[expected], atol=1e-5)


def test_doc_filter_only_returns_allowed_documents(service) -> None:
    hits = service.retriever.dense.search("幼儿园", 5, doc_ids={"news_2024.md"})
    assert hits and {h.chunk.doc_id for h in hits} == {"news_2024.md"}


def test_round_trip_gives_same_hits(service, settings) -> None:
    again = load_index(settings.index_dir)
    assert again.chunks == service.index.chunks
    assert np.allclose(again.embeddings(), service.index.embeddings())
    from retriever.hybrid import HybridRetriever

    other = HybridRetriever.from_index(again, service.embedder, settings)
    for query in ("新建幼儿园", "地区生产总值增长", "旅游收入多少", "区商务局"):
        first = [(h.chunk.chunk_id, round(h.score, 6)) for h in service.retriever.search(query, 5)]
        second = [(h.chunk.chunk_id, round(h.score, 6)) for h in other.search(query, 5)]
        assert first == second
