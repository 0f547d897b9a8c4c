"""Dense retrieval: the store's vector search over normalised embeddings."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from lixia_qa.types import Hit
from store.base import IndexStore
from store.embedders import Embedder


class DenseRetriever:
    name = "dense"

    def __init__(self, store: IndexStore, embedder: Embedder) -> None:
        self.store = store
        self.embedder = embedder

    def search(self, query: str, k: int, doc_ids: Collection[str] | None = None) -> list[Hit]:
        qvec = self.embedder.encode_queries([query])
        return self.search_vector(qvec[0], k, doc_ids)

    def search_vector(
        self, qvec: np.ndarray, k: int, doc_ids: Collection[str] | None = None
    ) -> list[Hit]:
        return self.store.dense_search(qvec, k, doc_ids)
