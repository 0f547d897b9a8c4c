"""Hybrid retrieval: dense and keyword rankings fused with weighted RRF."""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

from lixia_qa.settings import Settings
from lixia_qa.types import Hit
from retriever.dense import DenseRetriever
from retriever.fusion import rrf
from retriever.keyword import KeywordRetriever
from store.base import IndexStore
from store.embedders import Embedder
from store.tokenize import ChineseTokenizer


class HybridRetriever:
    name = "hybrid"

    def __init__(
        self,
        dense: DenseRetriever,
        keyword: KeywordRetriever,
        candidate_k: int = 50,
        rrf_k: int = 60,
        dense_weight: float = 1.0,
        bm25_weight: float = 1.0,
    ) -> None:
        self.dense = dense
        self.keyword = keyword
        self.candidate_k = candidate_k
        self.rrf_k = rrf_k
        self.weights = {dense.name: dense_weight, keyword.name: bm25_weight}

    @classmethod
    def from_store(
        cls, store: IndexStore, embedder: Embedder, settings: Settings
    ) -> HybridRetriever:
        """A retriever over ``store``; queries are tokenised with the store's lexicon."""
        return cls(
            DenseRetriever(store, embedder),
            KeywordRetriever(store, ChineseTokenizer(store.lexicon())),
            candidate_k=settings.candidate_k,
            rrf_k=settings.rrf_k,
            dense_weight=settings.dense_weight,
            bm25_weight=settings.bm25_weight,
        )

    def search(
        self,
        query: str,
        k: int,
        doc_ids: Collection[str] | None = None,
        qvec: np.ndarray | None = None,
    ) -> list[Hit]:
        """Top ``k`` fused hits; ``qvec`` is the query's vector when the caller has it."""
        depth = max(k, self.candidate_k)
        dense = (
            self.dense.search(query, depth, doc_ids)
            if qvec is None
            else self.dense.search_vector(qvec, depth, doc_ids)
        )
        rankings = {
            self.dense.name: dense,
            self.keyword.name: self.keyword.search(query, depth, doc_ids),
        }
        return dedupe(rrf(rankings, k=self.rrf_k, weights=self.weights), k)


def dedupe(hits: list[Hit], k: int) -> list[Hit]:
    """Drop hits whose text repeats or lies inside a better hit of the same document."""
    kept: list[Hit] = []
    for hit in hits:
        c = hit.chunk
        if any(
            k_.chunk.text == c.text
            or (k_.chunk.doc_id == c.doc_id and k_.chunk.start <= c.start and c.end <= k_.chunk.end)
            for k_ in kept
        ):
            continue
        kept.append(hit)
        if len(kept) == k:
            break
    return kept
