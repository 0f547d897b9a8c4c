"""The shared store: collections on a Milvus server (standalone or cluster) or in a Milvus
Lite file (the default: ``milvus.db`` inside the index directory, no server needed).

Nothing corpus-wide is held in memory: every lookup is a small query by id, doc_id or
span; dense search (HNSW by default), BM25 keyword search and filters (doc ids, year)
run in Milvus. Term document frequencies are ``LIKE`` counts over the lower-cased chunk
text, cached per store version by the caller. See :mod:`store.milvus_schema` for the
collections.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Sequence
from typing import Any

import numpy as np

from lixia_qa.errors import IndexNotFoundError
from lixia_qa.types import AnswerUnit, Chunk, Commitment, Document, Hit, UnitMatch
from store import milvus_schema as ms
from store.base import Batch
from store.milvus_collections import QUERY_LIMIT, Collections
from store.tokenize import ChineseTokenizer, user_dict_words

logger = logging.getLogger(__name__)


class _LiteIteratorNoise(logging.Filter):
    """Milvus Lite answers the query iterator's optional RPC with "Method not
    implemented" and grpc logs it as an error; pymilvus then pages without it. Drop
    that one record so an operator's log shows real errors only."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Method not implemented" not in record.getMessage()


logging.getLogger("grpc._server").addFilter(_LiteIteratorNoise())

RANK_DEPTH = 200  # units ranked by vector for the answer stage's rank feature


class MilvusStore(Collections):
    kind = "milvus"
    rank_depth: int | None = RANK_DEPTH

    def manifest(self) -> dict[str, Any]:
        found = self._meta("manifest")
        if not found:
            raise IndexNotFoundError(
                f"no index in Milvus at {self.uri} (collections {self.prefix}_*): "
                "run `lixia-qa ingest FOLDER` with LIXIA_STORE=milvus first"
            )
        manifest: dict[str, Any] = found
        return manifest

    def facts(self) -> dict[str, Any]:
        return self._meta("facts") or {}

    def lexicon(self) -> list[str]:
        return list(self._meta("lexicon") or [])

    def counts(self) -> dict[str, int]:
        return {
            "documents": self._count("docs", "part == 0"),
            "chunks": self._count("chunks", ""),
            "units": self._count("units", ""),
        }

    # --- writes ------------------------------------------------------------------------
    def fingerprints(self) -> dict[str, str]:
        rows = self._query("docs", "part == 0", ["doc_id", "fingerprint"])
        return {r["doc_id"]: r["fingerprint"] for r in rows}

    def cached_vectors(self, model: str) -> dict[str, np.ndarray]:
        return {}  # unchanged documents are kept, not re-embedded (see fingerprints)

    def write(self, batch: Batch) -> None:
        dim = int(batch.manifest["dimension"])
        ms.create_collections(self.client, self.prefix, dim, self.dense_index)
        stored = set(self.fingerprints())
        gone = stored - batch.keep - {d.doc_id for d in batch.documents}
        self._delete_docs(sorted(gone | (stored & {d.doc_id for d in batch.documents})))
        self._insert_docs(batch)
        tokenizer = ChineseTokenizer(batch.names)
        years = {d.doc_id: d.year for d in batch.documents}
        rows = (
            ms.chunk_row(c, v.tolist(), tokenizer.tokens(c.keyword_text()), years[c.doc_id])
            for c, v in zip(batch.chunks, batch.chunk_vectors, strict=True)
        )
        self._insert("chunks", rows)
        units = (
            ms.unit_row_of(u, v.tolist())
            for u, v in zip(batch.units, batch.unit_vectors, strict=True)
        )
        self._insert("units", units)
        commitments = (
            {
                "id": c.commitment_id,
                "doc_id": c.doc_id,
                "body": ms.dumps(_asdict(c)),
                "vec": ms.DUMMY,
            }
            for c in batch.commitments
        )
        self._insert("commitments", commitments)
        manifest = {k: v for k, v in batch.manifest.items() if k != "documents"}
        self._put_meta("facts", batch.facts)
        self._put_meta("lexicon", user_dict_words(batch.names))
        self._put_meta("manifest", manifest)  # last: its new version tells readers to reload
        logger.info("milvus store: wrote %d documents, deleted %d", len(batch.documents), len(gone))

    def _insert_docs(self, batch: Batch) -> None:
        rows = []
        for d in batch.documents:
            for i, part in enumerate(ms.parts(ms.dumps(_asdict(d)))):
                rows.append({
                    "id": f"{d.doc_id}#{i}", "doc_id": d.doc_id, "part": i, "year": d.year or 0,
                    "years": list(d.years)[:256], "fingerprint": batch.fingerprints.get(d.doc_id, ""),
                    "body": part, "vec": ms.DUMMY,
                })  # fmt: skip
        self._insert("docs", rows)

    def delete_document(self, doc_id: str) -> None:
        self._delete_docs([doc_id])
        manifest = self.manifest()
        counts = self.counts()
        manifest["counts"] = {**manifest.get("counts", {}), **counts}
        manifest["corpus_hash"] = f"{manifest.get('corpus_hash', '')}-{doc_id}"[:64]
        self._put_meta("manifest", manifest)

    # --- search ----------------------------------------------------------------------
    def _filter(
        self, doc_ids: Collection[str] | None, year: int | None = None, base: str = ""
    ) -> str:
        parts = [base] if base else []
        if doc_ids is not None:
            parts.append(ms.in_list("doc_id", sorted(doc_ids)))
        if year is not None:
            parts.append(f"year == {int(year)}")
        return " and ".join(parts)

    def _search(
        self, kind: str, data: Any, field: str, k: int, expr: str, fields: list[str]
    ) -> list[Any]:
        params: dict[str, Any] = {"metric_type": "BM25" if field == "sparse" else "IP"}
        if field == "vec" and self.dense_index == "HNSW":
            params["params"] = {"ef": max(k, 128)}
        found = self.client.search(
            self._c(kind), data=data, anns_field=field, limit=min(k, QUERY_LIMIT),
            filter=expr, output_fields=fields, search_params=params,
        )  # fmt: skip
        return list(found[0]) if found else []

    def dense_search(
        self,
        qvec: np.ndarray,
        k: int,
        doc_ids: Collection[str] | None = None,
        year: int | None = None,
    ) -> list[Hit]:
        if doc_ids is not None and not doc_ids:
            return []
        vec = np.asarray(qvec, dtype=np.float32).tolist()
        found = self._search("chunks", [vec], "vec", k, self._filter(doc_ids, year), ["body"])
        return _ranked(
            [Hit(_chunk(r["entity"]["body"]), float(r["distance"]), "dense") for r in found]
        )

    def keyword_search(
        self, tokens: Sequence[str], k: int, doc_ids: Collection[str] | None = None
    ) -> list[Hit]:
        text = ms.token_text(list(tokens))
        if not text or (doc_ids is not None and not doc_ids):
            return []
        found = self._search("chunks", [text], "sparse", k, self._filter(doc_ids), ["body"])
        hits = [Hit(_chunk(r["entity"]["body"]), abs(float(r["distance"])), "bm25") for r in found]
        return _ranked([h for h in hits if h.score > 0])

    def term_df(self, term: str) -> int:
        # LIKE has no escape here: % and _ in a term match any character (a slight over-count)
        pattern = term.replace("%", "_")
        return self._count("chunks", f"lowered like {ms.literal('%' + pattern + '%')}")

    # --- lookups -----------------------------------------------------------------------
    def _docs(self, expr: str, limit: int | None = None) -> list[Document]:
        rows = self._query("docs", expr, ["doc_id", "part", "body"], limit)
        bodies: dict[str, list[tuple[int, str]]] = {}
        for r in rows:
            bodies.setdefault(r["doc_id"], []).append((r["part"], r["body"]))
        return [
            Document.from_dict(json.loads("".join(b for _, b in sorted(ps))))
            for _, ps in sorted(bodies.items())
        ]

    def documents(self, doc_ids: Collection[str]) -> dict[str, Document]:
        if not doc_ids:
            return {}
        expr = ms.in_list("doc_id", sorted(doc_ids))
        few = QUERY_LIMIT if len(doc_ids) <= 100 else None  # parts of a few documents
        return {d.doc_id: d for d in self._docs(expr, few)}

    def list_documents(self, limit: int | None = None) -> list[Document]:
        if limit is None:
            return self._docs("part >= 0")
        ids = sorted(r["doc_id"] for r in self._query("docs", "part == 0", ["doc_id"], QUERY_LIMIT))
        return list(self.documents(ids[:limit]).values())

    def documents_about(self, years: Collection[int]) -> list[Document]:
        ys = ", ".join(str(int(y)) for y in sorted(set(years)))
        return self._docs(f"year in [{ys}] or array_contains_any(years, [{ys}])")

    def doc_ids(self) -> list[str]:
        return sorted(r["doc_id"] for r in self._query("docs", "part == 0", ["doc_id"]))

    def chunks(self, chunk_ids: Collection[str]) -> dict[str, Chunk]:
        if not chunk_ids:
            return {}
        rows = self.client.get(self._c("chunks"), ids=sorted(chunk_ids), output_fields=["body"])
        found = (_chunk(r["body"]) for r in rows)
        return {c.chunk_id: c for c in found}

    def chunks_at(self, spots: Sequence[tuple[str, int]]) -> list[Chunk | None]:
        if not spots:
            return []
        expr = " or ".join(
            f"(doc_id == {ms.literal(d)} and start <= {int(p)} and stop > {int(p)})"
            for d, p in sorted(set(spots))
        )
        rows = self._query("chunks", expr, ["body"], QUERY_LIMIT)
        by_doc: dict[str, list[Chunk]] = {}
        for r in rows:
            c = _chunk(r["body"])
            by_doc.setdefault(c.doc_id, []).append(c)
        out: list[Chunk | None] = []
        for doc_id, pos in spots:
            inside = [c for c in by_doc.get(doc_id, []) if c.start <= pos < c.end]
            out.append(max(inside, key=lambda c: c.start) if inside else self._first(doc_id))
        return out

    def _first(self, doc_id: str) -> Chunk | None:
        rows = self._query("chunks", f"doc_id == {ms.literal(doc_id)}", ["body"], QUERY_LIMIT)
        chunks = [_chunk(r["body"]) for r in rows]
        return min(chunks, key=lambda c: c.start) if chunks else None

    def chunk_similarities(self, chunk_ids: Collection[str], qvec: np.ndarray) -> dict[str, float]:
        if not chunk_ids:
            return {}
        rows = self.client.get(
            self._c("chunks"), ids=sorted(chunk_ids), output_fields=["id", "vec"]
        )
        q = np.asarray(qvec, dtype=np.float32)
        return {r["id"]: float(np.asarray(r["vec"], dtype=np.float32) @ q) for r in rows}

    def units_in(self, chunks: Sequence[Chunk]) -> list[list[UnitMatch]]:
        if not chunks:
            return []
        # one simple filter (documents and the span around all chunks), exact spans here
        lo, hi = min(c.start for c in chunks) - 2000, max(c.end for c in chunks)
        docs = ms.in_list("doc_id", sorted({c.doc_id for c in chunks}))
        expr = f"answerable == true and {docs} and start >= {lo} and start < {hi}"
        rows = self._query("units", expr, ["row", "body"], QUERY_LIMIT)
        found = [UnitMatch(int(r["row"]), _unit(r["body"])) for r in rows]
        found.sort(key=lambda m: (m.unit.start, _place(m.unit.unit_id, "~")[1]))
        return [[m for m in found if _overlaps(m.unit, c)] for c in chunks]

    def unit_search(
        self, qvec: np.ndarray, k: int | None, doc_ids: Collection[str] | None = None
    ) -> list[UnitMatch]:
        if doc_ids is not None and not doc_ids:
            return []
        vec = np.asarray(qvec, dtype=np.float32).tolist()
        expr = self._filter(doc_ids, base="answerable == true")
        found = self._search("units", [vec], "vec", k or RANK_DEPTH, expr, ["body"])
        units = [
            UnitMatch(int(r["row"]), _unit(r["entity"]["body"]), float(r["distance"]))
            for r in found
        ]
        units.sort(key=lambda m: (-round(m.score, 5), *_place(m.unit.unit_id, "~")))
        return units

    def unit_ranks(
        self, qvec: np.ndarray, doc_ids: Collection[str] | None = None
    ) -> dict[int, float]:
        if doc_ids is not None and not doc_ids:
            return {}
        vec = np.asarray(qvec, dtype=np.float32).tolist()
        expr = self._filter(doc_ids, base="answerable == true")
        found = self._search("units", [vec], "vec", RANK_DEPTH, expr, ["unit_id"])
        found.sort(
            key=lambda r: (-round(float(r["distance"]), 5), *_place(r["entity"]["unit_id"], "~"))
        )
        return {int(r["row"]): float(r["distance"]) for r in found}

    def unit_similarities(self, rows: Collection[int], qvec: np.ndarray) -> dict[int, float]:
        if not rows:
            return {}
        got = self.client.get(self._c("units"), ids=sorted(rows), output_fields=["row", "vec"])
        q = np.asarray(qvec, dtype=np.float32)
        return {int(r["row"]): float(np.asarray(r["vec"], dtype=np.float32) @ q) for r in got}

    def units_by_id(self, unit_ids: Collection[str]) -> dict[str, AnswerUnit]:
        if not unit_ids:
            return {}
        rows = self._query("units", ms.in_list("unit_id", sorted(unit_ids)), ["body"], QUERY_LIMIT)
        units = (_unit(r["body"]) for r in rows)
        return {u.unit_id: u for u in units}

    def record_rows(self, spans: Collection[tuple[str, int]]) -> dict[tuple[str, int], int]:
        wanted = set(spans)
        if not wanted:
            return {}
        docs = sorted({d for d, _ in wanted})
        expr = f'kind == "record" and {ms.in_list("doc_id", docs)}'
        rows = self._query("units", expr, ["row", "doc_id", "start"], QUERY_LIMIT)
        return {
            (r["doc_id"], r["start"]): int(r["row"])
            for r in rows
            if (r["doc_id"], r["start"]) in wanted
        }

    def commitments(
        self, doc_ids: Collection[str] | None = None, limit: int | None = None
    ) -> list[Commitment]:
        expr = "" if doc_ids is None else ms.in_list("doc_id", sorted(doc_ids))
        if doc_ids is not None and not doc_ids:
            return []
        rows = self._query("commitments", expr, ["body"], limit or (expr and QUERY_LIMIT) or None)
        items = [Commitment.from_dict(json.loads(r["body"])) for r in rows]
        return sorted(items, key=lambda c: (c.doc_id, c.start))


def _asdict(record: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(record)


def _place(record_id: str, sep: str) -> tuple[str, int]:
    """(doc_id, n) of f"{doc_id}{sep}{n}": the order of records in the local store."""
    doc, _, n = record_id.rpartition(sep)
    return doc, int(n) if n.isdigit() else 0


def _ranked(hits: list[Hit]) -> list[Hit]:
    """Best first; equal scores in document order, as the local store breaks ties."""
    return sorted(hits, key=lambda h: (-round(h.score, 5), *_place(h.chunk.chunk_id, "#")))


def _overlaps(unit: AnswerUnit, chunk: Chunk) -> bool:
    """What the local store's units_in keeps: units of the chunk's document that start
    at most 2,000 characters before it and overlap it."""
    return (
        unit.doc_id == chunk.doc_id
        and chunk.start - 2000 <= unit.start < chunk.end
        and unit.end > chunk.start
    )


def _chunk(body: str) -> Chunk:
    return Chunk.from_dict(json.loads(body))


def _unit(body: str) -> AnswerUnit:
    return AnswerUnit.from_dict(json.loads(body))
