"""Keyword retrieval: BM25 (bm25s) over jieba tokens."""

from __future__ import annotations

from collections.abc import Collection

import bm25s
import numpy as np

from lixia_qa.types import Chunk, Hit
from retriever.tokenize import ChineseTokenizer


class KeywordRetriever:
    name = "bm25"

    def __init__(self, bm25: bm25s.BM25, chunks: list[Chunk], tokenizer: ChineseTokenizer) -> None:
        self.bm25 = bm25
        self.chunks = chunks
        self.tokenizer = tokenizer

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk (zeros when no query token is in the vocabulary)."""
        vocab = self.bm25.vocab_dict
        tokens = [t for t in self.tokenizer.tokens(query) if t in vocab]
        if not tokens or not self.chunks:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)

    def search(self, query: str, k: int, doc_ids: Collection[str] | None = None) -> list[Hit]:
        scores = self.scores(query)
        order = np.argsort(-scores, kind="stable")
        hits = []
        for row in order:
            if scores[row] <= 0:
                break
            chunk = self.chunks[row]
            if doc_ids is not None and chunk.doc_id not in doc_ids:
                continue
            hits.append(Hit(chunk, float(scores[row]), self.name))
            if len(hits) == k:
                break
        return hits
