"""Dense search equals numpy brute force in both stores; the index survives a round trip."""

import numpy as np

from lixia_qa.types import AnswerUnit, Chunk, Document
from retriever.hybrid import HybridRetriever
from store import Batch, open_store


def _batch(vectors: np.ndarray) -> Batch:
    n, dim = vectors.shape
    docs = [Document(f"d{j}", f"d{j}", "x" * n, year=2020 + j % 2) for j in range(3)]
    chunks = [Chunk(f"d{i % 3}#{i}", f"d{i % 3}", str(i), i, i + 1) for i in range(n)]
    unit = AnswerUnit("d0~0", "d0", "x", 0, 1, "sentence")
    manifest = {"format": 2, "model": "hash", "dimension": dim, "corpus_hash": "x", "created": "t"}
    return Batch(manifest, {}, [], docs, chunks, vectors, [], [unit], vectors[:1])


def test_dense_top_k_equals_brute_force(settings, tmp_path) -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(300, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    store = open_store(settings.model_copy(update={"milvus_uri": None}), tmp_path / "ix")
    store.write(_batch(vectors))
    for _ in range(20):
        q = rng.normal(size=32).astype(np.float32)
        q /= np.linalg.norm(q)
        hits = store.dense_search(q, 10)
        expected = np.argsort(-(vectors @ q), kind="stable")[:10]
        assert [int(h.chunk.text) for h in hits] == expected.tolist()
        assert np.allclose([h.score for h in hits], (vectors @ q)[expected], atol=1e-5)
        in_d1 = [int(h.chunk.text) for h in store.dense_search(q, 5, doc_ids={"d1"})]
        assert in_d1 == [int(i) for i in expected_in(vectors @ q, 1)][:5]
        of_year = store.dense_search(q, 5, year=2021)
        assert {h.chunk.doc_id for h in of_year} == {"d1"}
    store.close()


def expected_in(scores: np.ndarray, doc: int) -> list[int]:
    order = np.argsort(-scores, kind="stable")
    return [int(i) for i in order if i % 3 == doc]


def test_doc_filter_only_returns_allowed_documents(service) -> None:
    hits = service.retriever.dense.search("幼儿园", 5, doc_ids={"news_2024.md"})
    assert hits and {h.chunk.doc_id for h in hits} == {"news_2024.md"}


def test_chunks_and_documents_by_id(service) -> None:
    store = service.store
    hits = store.dense_search(service.embedder.encode_queries(["幼儿园"])[0], 3)
    ids = {h.chunk.chunk_id for h in hits}
    assert store.chunks(ids | {"missing#0"}) == {h.chunk.chunk_id: h.chunk for h in hits}
    docs = store.documents({h.chunk.doc_id for h in hits})
    assert all(docs[h.chunk.doc_id].text[h.chunk.start : h.chunk.end] == h.chunk.text for h in hits)
    assert {d.doc_id for d in store.documents_about([2022])} == {"sub/culture_2022.txt"}


def test_reopened_store_gives_same_hits(service, settings) -> None:
    again = open_store(settings)
    other = HybridRetriever.from_store(again, service.embedder, settings)
    for query in ("新建幼儿园", "地区生产总值增长", "旅游收入多少", "区商务局"):
        first = [(h.chunk.chunk_id, round(h.score, 6)) for h in service.retriever.search(query, 5)]
        second = [(h.chunk.chunk_id, round(h.score, 6)) for h in other.search(query, 5)]
        assert first == second
