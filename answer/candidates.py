"""Answer candidates from both sides: the units inside the top hybrid passages, and the
units closest to the question by vector similarity (so a reworded question whose
passage ranked low still competes)."""

from __future__ import annotations

import bisect
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from answer.features import Candidate
from lixia_qa.types import Chunk, Hit
from retriever.store import Index

# units that may answer; records are answered from their commitment, not as text
ANSWER_KINDS = frozenset({"sentence", "window", "heading"})


@dataclass
class UnitView:
    """Lookups over an index's answer units, built once per loaded index."""

    index: Index

    def __post_init__(self) -> None:
        ix = self.index
        self.by_doc: dict[str, list[tuple[int, int]]] = {}  # doc -> [(start, row)] sorted
        for row, u in enumerate(ix.units):
            if u.kind in ANSWER_KINDS:
                self.by_doc.setdefault(u.doc_id, []).append((u.start, row))
        for rows in self.by_doc.values():
            rows.sort()
        self.chunk_rows = {c.chunk_id: i for i, c in enumerate(ix.chunks)}
        self.chunks_by_doc: dict[str, list[tuple[int, int]]] = {}
        for i, c in enumerate(ix.chunks):
            self.chunks_by_doc.setdefault(c.doc_id, []).append((c.start, i))
        for rows in self.chunks_by_doc.values():
            rows.sort()
        self.chunk_vectors = ix.embeddings()
        self.answerable = np.array([u.kind in ANSWER_KINDS for u in ix.units], dtype=bool)
        self.unit_docs = np.array([u.doc_id for u in ix.units], dtype=object)

    def units_in(self, chunk: Chunk) -> list[int]:
        """Rows of the answerable units overlapping ``chunk``."""
        rows = self.by_doc.get(chunk.doc_id, [])
        units = self.index.units
        lo = bisect.bisect_left(rows, (chunk.start - 2000, -1))
        out = []
        for start, row in rows[lo:]:
            if start >= chunk.end:
                break
            if units[row].end > chunk.start:
                out.append(row)
        return out

    def chunk_of(self, row: int) -> Chunk | None:
        """The passage that holds the start of unit ``row``."""
        u = self.index.units[row]
        rows = self.chunks_by_doc.get(u.doc_id, [])
        i = bisect.bisect_right(rows, (u.start, len(self.index.chunks))) - 1
        for _, c_row in reversed(rows[max(0, i - 2) : i + 1]):
            c = self.index.chunks[c_row]
            if c.start <= u.start < c.end:
                return c
        return self.index.chunks[rows[0][1]] if rows else None


def gather(
    view: UnitView,
    hits: Sequence[Hit],
    qvec: np.ndarray,
    doc_ids: Collection[str] | None,
    scopes: Mapping[str, Sequence[tuple[int, int]]],
    vector_k: int,
) -> list[Candidate]:
    """Candidates from the units of ``hits`` plus the ``vector_k`` nearest units, each
    with its ranks and similarities filled in. ``scopes`` limits documents that only
    mention an asked year to the spans that do."""
    ix = view.index
    if not ix.units:
        return []
    sims = ix.unit_vectors @ np.asarray(qvec, dtype=np.float32)
    allowed = view.answerable.copy()
    if doc_ids is not None:
        allowed &= np.isin(view.unit_docs, list(doc_ids))
    order = np.argsort(-np.where(allowed, sims, -np.inf), kind="stable")
    n_allowed = int(allowed.sum())
    vec_rank = {int(row): r for r, row in enumerate(order[:n_allowed])}
    cands: dict[int, Candidate] = {}
    for rank, hit in enumerate(hits):
        for row in view.units_in(hit.chunk):
            if row not in cands:
                cands[row] = Candidate(row, ix.units[row], hit.chunk, rank, dict(hit.ranks))
    for row in order[: min(vector_k, n_allowed)]:
        row = int(row)
        if row not in cands:
            cands[row] = Candidate(row, ix.units[row], view.chunk_of(row))
    out = []
    for row, c in cands.items():
        spans = scopes.get(c.unit.doc_id)
        if spans is not None and not any(s <= c.unit.start < e for s, e in spans):
            continue
        if doc_ids is not None and c.unit.doc_id not in doc_ids:
            continue
        c.vec_rank = vec_rank.get(row)
        c.vec_unit = float(sims[row])
        if c.chunk is not None:
            c.vec_passage = float(view.chunk_vectors[view.chunk_rows[c.chunk.chunk_id]] @ qvec)
        c.year = ix.documents[c.unit.doc_id].year
        out.append(c)
    return out
