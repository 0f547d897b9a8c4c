"""Keyword retrieval: BM25 in the store over this project's jieba tokens."""

from __future__ import annotations

from collections.abc import Collection

from lixia_qa.types import Hit
from store.base import IndexStore
from store.tokenize import ChineseTokenizer


class KeywordRetriever:
    name = "bm25"

    def __init__(self, store: IndexStore, tokenizer: ChineseTokenizer) -> None:
        self.store = store
        self.tokenizer = tokenizer

    def search(self, query: str, k: int, doc_ids: Collection[str] | None = None) -> list[Hit]:
        return self.store.keyword_search(self.tokenizer.tokens(query), k, doc_ids)
