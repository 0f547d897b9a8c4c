"""The embedded store: an index directory (see :mod:`store.directory`) loaded wholly
into memory, searched with flat FAISS and bm25s. The default: one machine, no server."""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from lixia_qa.types import AnswerUnit, Chunk, Commitment, Document, Hit, UnitMatch
from store.base import ANSWER_KINDS, Batch
from store.directory import (
    Index,
    build_bm25,
    build_vectors,
    cached_vectors,
    load_index,
    read_manifest,
    save_index,
)
from store.tokenize import ChineseTokenizer


class LocalStore:
    kind = "local"
    rank_depth: int | None = None

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._index: Index | None = None
        self._sims: tuple[bytes, np.ndarray] | None = None  # last question's unit sims

    @classmethod
    def of(cls, index: Index) -> LocalStore:
        """A store over an index already in memory."""
        assert index.path is not None, "a loaded or saved index has a path"
        store = cls(index.path)
        store._set(index)
        return store

    # --- the loaded index and its lookups ---------------------------------------------
    @property
    def index(self) -> Index:
        self._ensure()
        assert self._index is not None
        return self._index

    def _ensure(self) -> None:
        """Load the index directory on first use."""
        if self._index is None:
            self._set(load_index(self.path))

    def _set(self, index: Index) -> None:
        self._index = index
        self._sims = None
        self._by_doc: dict[str, list[tuple[int, int]]] = {}  # doc -> [(start, row)] sorted
        for row, u in enumerate(index.units):
            if u.kind in ANSWER_KINDS:
                self._by_doc.setdefault(u.doc_id, []).append((u.start, row))
        self._chunk_rows = {c.chunk_id: i for i, c in enumerate(index.chunks)}
        self._chunks_by_doc: dict[str, list[tuple[int, int]]] = {}
        for i, c in enumerate(index.chunks):
            self._chunks_by_doc.setdefault(c.doc_id, []).append((c.start, i))
        for rows in (*self._by_doc.values(), *self._chunks_by_doc.values()):
            rows.sort()
        self._chunk_vectors = index.embeddings()
        self._answerable = np.array([u.kind in ANSWER_KINDS for u in index.units], dtype=bool)
        self._unit_docs = np.array([u.doc_id for u in index.units], dtype=object)
        self._texts = [c.index_text().lower() for c in index.chunks]
        self._records = {
            (u.doc_id, u.start): r for r, u in enumerate(index.units) if u.kind == "record"
        }
        self._unit_ids = {u.unit_id: u for u in index.units}

    # --- corpus-level ------------------------------------------------------------------
    def manifest(self) -> dict[str, Any]:
        return read_manifest(self.path) if self._index is None else self.index.manifest

    def facts(self) -> dict[str, Any]:
        return self.index.facts

    def lexicon(self) -> list[str]:
        return list(self.index.tokenizer.user_words)

    def counts(self) -> dict[str, int]:
        ix = self.index
        return {"documents": len(ix.documents), "chunks": len(ix.chunks), "units": len(ix.units)}

    # --- writes --------------------------------------------------------------------------
    def fingerprints(self) -> dict[str, str]:
        return {}  # the directory is always written whole

    def cached_vectors(self, model: str) -> dict[str, np.ndarray]:
        return cached_vectors(self.path, model)

    def write(self, batch: Batch) -> None:
        tokenizer = ChineseTokenizer(batch.names)
        chunks = list(batch.chunks)
        index = Index(
            manifest=batch.manifest,
            documents={d.doc_id: d for d in batch.documents},
            chunks=chunks,
            commitments=list(batch.commitments),
            vectors=build_vectors(batch.chunk_vectors, int(batch.manifest["dimension"])),
            bm25=build_bm25(tokenizer, chunks),
            tokenizer=tokenizer,
            units=list(batch.units),
            unit_vectors=batch.unit_vectors,
            facts=batch.facts,
        )
        save_index(index, self.path)
        self._index = None  # read back on first use, as a new process would

    def delete_document(self, doc_id: str) -> None:
        ix = self.index
        keep_chunks = [i for i, c in enumerate(ix.chunks) if c.doc_id != doc_id]
        keep_units = [i for i, u in enumerate(ix.units) if u.doc_id != doc_id]
        manifest = dict(ix.manifest)
        manifest["documents"] = {
            k: v for k, v in manifest.get("documents", {}).items() if k != doc_id
        }
        self.write(
            Batch(
                manifest=manifest,
                facts=ix.facts,
                names=ix.tokenizer.user_words,
                documents=[d for d in ix.documents.values() if d.doc_id != doc_id],
                chunks=[ix.chunks[i] for i in keep_chunks],
                chunk_vectors=self._chunk_vectors[keep_chunks],
                commitments=[c for c in ix.commitments if c.doc_id != doc_id],
                units=[ix.units[i] for i in keep_units],
                unit_vectors=ix.unit_vectors[keep_units],
            )
        )

    # --- search ----------------------------------------------------------------------
    def dense_search(
        self,
        qvec: np.ndarray,
        k: int,
        doc_ids: Collection[str] | None = None,
        year: int | None = None,
    ) -> list[Hit]:
        ix = self.index
        if not ix.chunks:
            return []
        filtered = doc_ids is not None or year is not None
        depth = min(ix.vectors.ntotal, max(k * 8, 200) if filtered else k)
        scores, rows = ix.vectors.search(np.asarray(qvec, dtype=np.float32)[None, :], depth)
        hits = []
        for score, row in zip(scores[0], rows[0], strict=True):
            if row < 0:
                continue
            chunk = ix.chunks[row]
            if not self._allowed(chunk.doc_id, doc_ids, year):
                continue
            hits.append(Hit(chunk, float(score), "dense"))
            if len(hits) == k:
                break
        return hits

    def _allowed(self, doc_id: str, doc_ids: Collection[str] | None, year: int | None) -> bool:
        if doc_ids is not None and doc_id not in doc_ids:
            return False
        return year is None or self.index.documents[doc_id].year == year

    def keyword_search(
        self, tokens: Sequence[str], k: int, doc_ids: Collection[str] | None = None
    ) -> list[Hit]:
        ix = self.index
        vocab = ix.bm25.vocab_dict
        known = [t for t in tokens if t in vocab]
        if not known or not ix.chunks:
            return []
        scores = np.asarray(ix.bm25.get_scores(known), dtype=np.float32)
        order = np.argsort(-scores, kind="stable")
        hits = []
        for row in order:
            if scores[row] <= 0:
                break
            chunk = ix.chunks[row]
            if doc_ids is not None and chunk.doc_id not in doc_ids:
                continue
            hits.append(Hit(chunk, float(scores[row]), "bm25"))
            if len(hits) == k:
                break
        return hits

    def term_df(self, term: str) -> int:
        self._ensure()
        return sum(1 for t in self._texts if term in t)

    # --- lookups -----------------------------------------------------------------------
    def documents(self, doc_ids: Collection[str]) -> dict[str, Document]:
        docs = self.index.documents
        return {d: docs[d] for d in doc_ids if d in docs}

    def list_documents(self, limit: int | None = None) -> list[Document]:
        return sorted(self.index.documents.values(), key=lambda d: d.doc_id)[:limit]

    def documents_about(self, years: Collection[int]) -> list[Document]:
        wanted = set(years)
        return [
            d for d in self.index.documents.values() if d.year in wanted or wanted & set(d.years)
        ]

    def doc_ids(self) -> list[str]:
        return list(self.index.documents)

    def chunks(self, chunk_ids: Collection[str]) -> dict[str, Chunk]:
        self._ensure()
        rows = self._chunk_rows
        return {c: self.index.chunks[rows[c]] for c in chunk_ids if c in rows}

    def chunks_at(self, spots: Sequence[tuple[str, int]]) -> list[Chunk | None]:
        self._ensure()
        return [self._chunk_at(doc_id, pos) for doc_id, pos in spots]

    def _chunk_at(self, doc_id: str, pos: int) -> Chunk | None:
        chunks = self.index.chunks
        rows = self._chunks_by_doc.get(doc_id, [])
        i = bisect.bisect_right(rows, (pos, len(chunks))) - 1
        for _, c_row in reversed(rows[max(0, i - 2) : i + 1]):
            c = chunks[c_row]
            if c.start <= pos < c.end:
                return c
        return chunks[rows[0][1]] if rows else None

    def chunk_similarities(self, chunk_ids: Collection[str], qvec: np.ndarray) -> dict[str, float]:
        self._ensure()
        return {c: float(self._chunk_vectors[self._chunk_rows[c]] @ qvec) for c in chunk_ids}

    def units_in(self, chunks: Sequence[Chunk]) -> list[list[UnitMatch]]:
        self._ensure()
        return [self._units_in(c) for c in chunks]

    def _units_in(self, chunk: Chunk) -> list[UnitMatch]:
        units = self.index.units
        rows = self._by_doc.get(chunk.doc_id, [])
        lo = bisect.bisect_left(rows, (chunk.start - 2000, -1))
        out = []
        for start, row in rows[lo:]:
            if start >= chunk.end:
                break
            if units[row].end > chunk.start:
                out.append(UnitMatch(row, units[row]))
        return out

    def _unit_sims(self, qvec: np.ndarray) -> np.ndarray:
        q = np.asarray(qvec, dtype=np.float32)
        key = q.tobytes()
        if self._sims is None or self._sims[0] != key:
            self._sims = (key, self.index.unit_vectors @ q)
        return self._sims[1]

    def unit_search(
        self, qvec: np.ndarray, k: int | None, doc_ids: Collection[str] | None = None
    ) -> list[UnitMatch]:
        units = self.index.units
        if not units:
            return []
        sims = self._unit_sims(qvec)
        allowed = self._answerable.copy()
        if doc_ids is not None:
            allowed &= np.isin(self._unit_docs, list(doc_ids))
        order = np.argsort(-np.where(allowed, sims, -np.inf), kind="stable")
        n = int(allowed.sum()) if k is None else min(k, int(allowed.sum()))
        return [UnitMatch(int(r), units[r], float(sims[r])) for r in order[:n]]

    def unit_ranks(
        self, qvec: np.ndarray, doc_ids: Collection[str] | None = None
    ) -> dict[int, float]:
        return {m.row: m.score for m in self.unit_search(qvec, None, doc_ids)}

    def unit_similarities(self, rows: Collection[int], qvec: np.ndarray) -> dict[int, float]:
        sims = self._unit_sims(qvec)
        return {r: float(sims[r]) for r in rows}

    def units_by_id(self, unit_ids: Collection[str]) -> dict[str, AnswerUnit]:
        self._ensure()
        return {u: self._unit_ids[u] for u in unit_ids if u in self._unit_ids}

    def record_rows(self, spans: Collection[tuple[str, int]]) -> dict[tuple[str, int], int]:
        self._ensure()
        return {s: self._records[s] for s in spans if s in self._records}

    def commitments(
        self, doc_ids: Collection[str] | None = None, limit: int | None = None
    ) -> list[Commitment]:
        items = self.index.commitments
        return [c for c in items if doc_ids is None or c.doc_id in doc_ids][:limit]

    def close(self) -> None:
        self._index = None
