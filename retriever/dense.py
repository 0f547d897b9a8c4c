"""Dense retrieval: FAISS inner product over normalised embeddings."""

from __future__ import annotations

from collections.abc import Collection

import faiss
import numpy as np

from lixia_qa.types import Chunk, Hit
from retriever.embedders import Embedder


class DenseRetriever:
    name = "dense"

    def __init__(self, vectors: faiss.Index, chunks: list[Chunk], embedder: Embedder) -> None:
        self.vectors = vectors
        self.chunks = chunks
        self.embedder = embedder

    def search(self, query: str, k: int, doc_ids: Collection[str] | None = None) -> list[Hit]:
        if not self.chunks:
            return []
        qvec = self.embedder.encode_queries([query])
        return self.search_vector(qvec[0], k, doc_ids)

    def search_vector(
        self, qvec: np.ndarray, k: int, doc_ids: Collection[str] | None = None
    ) -> list[Hit]:
        n = self.vectors.ntotal
        depth = min(n, k if doc_ids is None else max(k * 8, 200))
        scores, rows = self.vectors.search(np.asarray(qvec, dtype=np.float32)[None, :], depth)
        hits = []
        for score, row in zip(scores[0], rows[0], strict=True):
            if row < 0:
                continue
            chunk = self.chunks[row]
            if doc_ids is not None and chunk.doc_id not in doc_ids:
                continue
            hits.append(Hit(chunk, float(score), self.name))
            if len(hits) == k:
                break
        return hits
