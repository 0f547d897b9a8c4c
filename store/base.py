"""The index store interface: what ingest writes and what retrieval and answering read.

Two implementations: :class:`store.local.LocalStore` (an index directory held in memory:
flat FAISS and bm25s) and :class:`store.milvus.MilvusStore` (collections on a Milvus
server or a Milvus Lite file, read by small queries per request). Callers above this
layer use only :class:`IndexStore`; the store never imports ``ingest`` or ``retriever``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from lixia_qa.types import AnswerUnit, Chunk, Commitment, Document, Hit, UnitMatch

# answer units that may answer a question (a table row too); records are answered from
# their commitment
ANSWER_KINDS = frozenset({"sentence", "window", "heading", "row", "list"})


@dataclass(frozen=True)
class Batch:
    """What one ingest hands the store.

    ``documents`` (with their chunks, commitments, units and vectors) are written,
    replacing any earlier version of the same documents; ``keep`` names documents the
    store already holds unchanged. Every other stored document is deleted, so after
    :meth:`IndexStore.write` the store holds exactly ``documents`` plus ``keep``.
    """

    manifest: dict[str, Any]
    facts: dict[str, Any]
    names: Sequence[str]  # the corpus's own names (jieba user words) used to tokenise
    documents: Sequence[Document]
    chunks: Sequence[Chunk]
    chunk_vectors: np.ndarray
    commitments: Sequence[Commitment]
    units: Sequence[AnswerUnit]
    unit_vectors: np.ndarray
    fingerprints: dict[str, str] = field(default_factory=dict)  # doc_id -> derived-data hash
    keep: frozenset[str] = frozenset()


class IndexStore(Protocol):
    """Documents, chunks, answer units and commitments with their vectors and tokens."""

    kind: str  # "local" or "milvus"
    rank_depth: int | None  # how deep unit_search ranks by default (None: every unit)

    # --- corpus-level --------------------------------------------------------------
    def manifest(self) -> dict[str, Any]:
        """The manifest of the stored index (raises IndexNotFoundError when none)."""
        ...

    def facts(self) -> dict[str, Any]: ...

    def lexicon(self) -> list[str]:
        """The jieba user words queries are tokenised with."""
        ...

    def counts(self) -> dict[str, int]:
        """Numbers of documents, chunks and units."""
        ...

    # --- writes --------------------------------------------------------------------
    def fingerprints(self) -> dict[str, str]:
        """doc_id -> fingerprint of what is stored for it (empty: rewrite everything)."""
        ...

    def cached_vectors(self, model: str) -> dict[str, np.ndarray]:
        """Embedded text -> vector of what is stored, when built with ``model``."""
        ...

    def write(self, batch: Batch) -> None: ...

    def delete_document(self, doc_id: str) -> None: ...

    # --- search --------------------------------------------------------------------
    def dense_search(
        self,
        qvec: np.ndarray,
        k: int,
        doc_ids: Collection[str] | None = None,
        year: int | None = None,
    ) -> list[Hit]: ...

    def keyword_search(
        self, tokens: Sequence[str], k: int, doc_ids: Collection[str] | None = None
    ) -> list[Hit]:
        """BM25 over the chunks' tokens (tokens unknown to the index are ignored)."""
        ...

    def term_df(self, term: str) -> int:
        """How many chunks contain ``term`` as text (lower-cased substring)."""
        ...

    # --- lookups -------------------------------------------------------------------
    def documents(self, doc_ids: Collection[str]) -> dict[str, Document]: ...

    def list_documents(self, limit: int | None = None) -> list[Document]: ...

    def documents_about(self, years: Collection[int]) -> list[Document]:
        """Documents about one of ``years`` or mentioning one."""
        ...

    def doc_ids(self) -> list[str]: ...

    def chunks(self, chunk_ids: Collection[str]) -> dict[str, Chunk]: ...

    def chunks_at(self, spots: Sequence[tuple[str, int]]) -> list[Chunk | None]:
        """For each (doc_id, offset): the chunk holding it (else the document's first)."""
        ...

    def chunk_similarities(
        self, chunk_ids: Collection[str], qvec: np.ndarray
    ) -> dict[str, float]: ...

    def units_in(self, chunks: Sequence[Chunk]) -> list[list[UnitMatch]]:
        """For each chunk, the answerable units overlapping it, in document order."""
        ...

    def unit_search(
        self, qvec: np.ndarray, k: int | None, doc_ids: Collection[str] | None = None
    ) -> list[UnitMatch]:
        """The ``k`` answerable units nearest ``qvec``, best first."""
        ...

    def unit_ranks(
        self, qvec: np.ndarray, doc_ids: Collection[str] | None = None
    ) -> dict[int, float]:
        """Row -> similarity of the answerable units nearest ``qvec``, best first, as deep
        as the store ranks (``rank_depth``; None: every unit)."""
        ...

    def unit_similarities(self, rows: Collection[int], qvec: np.ndarray) -> dict[int, float]: ...

    def units_by_id(self, unit_ids: Collection[str]) -> dict[str, AnswerUnit]: ...

    def record_rows(self, spans: Collection[tuple[str, int]]) -> dict[tuple[str, int], int]:
        """Rows of the record units starting at (doc_id, start)."""
        ...

    def commitments(
        self, doc_ids: Collection[str] | None = None, limit: int | None = None
    ) -> list[Commitment]: ...

    def close(self) -> None: ...
