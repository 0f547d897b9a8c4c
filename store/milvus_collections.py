"""The Milvus collections of one index store, read and written in small pieces: the
connection, filtered queries (one query, or an iterator past Milvus's result window),
counts, the metadata records and batched inserts and deletes by document. The store's
records and searches are in :mod:`store.milvus`; the schema in :mod:`store.milvus_schema`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from pymilvus import MilvusClient

from store import milvus_schema as ms

WRITE_BATCH = 500
QUERY_LIMIT = 16384  # Milvus's largest query window


class Collections:
    """The five collections named ``{prefix}_{kind}`` (see ``milvus_schema.KINDS``)."""

    def __init__(self, uri: str, prefix: str = "lixia", dense_index: str = "FLAT") -> None:
        self.uri = uri
        self.prefix = prefix
        self.dense_index = dense_index
        self.client = MilvusClient(uri=uri)
        self._exists: set[str] = set()
        self._load()

    def _load(self) -> None:
        """Load the store's collections (after a server restart they are released)."""
        for kind in ms.KINDS:
            name = self._c(kind)
            if not self.client.has_collection(name):
                continue
            state = str(self.client.get_load_state(name).get("state", ""))
            if "Loaded" not in state:
                self.client.load_collection(name)

    def _c(self, kind: str) -> str:
        return f"{self.prefix}_{kind}"

    def _has(self, kind: str) -> bool:
        """Whether the collection exists (remembered once it does)."""
        if kind not in self._exists and self.client.has_collection(self._c(kind)):
            self._exists.add(kind)
        return kind in self._exists

    def _query(
        self, kind: str, expr: str, fields: list[str], limit: int | None = None
    ) -> list[Any]:
        if not self._has(kind):
            return []
        if limit is not None:
            return list(
                self.client.query(self._c(kind), filter=expr, output_fields=fields, limit=limit)
            )
        n = self._count(kind, expr)
        if n <= QUERY_LIMIT:  # one query; an iterator only for more than Milvus returns at once
            return list(
                self.client.query(self._c(kind), filter=expr, output_fields=fields, limit=max(n, 1))
            )
        rows: list[Any] = []
        it = self.client.query_iterator(
            self._c(kind), batch_size=1000, filter=expr, output_fields=fields
        )
        try:
            while batch := it.next():
                rows.extend(batch)
        finally:
            it.close()
        return rows

    def _count(self, kind: str, expr: str) -> int:
        rows = self.client.query(self._c(kind), filter=expr, output_fields=["count(*)"])
        return int(rows[0]["count(*)"])

    # --- corpus-level ------------------------------------------------------------------

    def _meta(self, key: str) -> Any:
        rows = self._query("meta", f"id like {ms.literal(key + '#%')}", ["id", "body"], QUERY_LIMIT)
        if not rows:
            return None
        rows.sort(key=lambda r: int(r["id"].rsplit("#", 1)[1]))
        return json.loads("".join(r["body"] for r in rows))

    def _insert(self, kind: str, rows: Iterable[dict[str, Any]]) -> None:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) == WRITE_BATCH:
                self.client.insert(self._c(kind), chunk)
                chunk = []
        if chunk:
            self.client.insert(self._c(kind), chunk)

    def _put_meta(self, key: str, value: Any) -> None:
        name = self._c("meta")
        self.client.delete(name, filter=f"id like {ms.literal(key + '#%')}")
        rows = [
            {"id": f"{key}#{i}", "body": p, "vec": ms.DUMMY}
            for i, p in enumerate(ms.parts(ms.dumps(value)))
        ]
        self.client.insert(name, rows)

    def _delete_docs(self, doc_ids: Sequence[str]) -> None:
        for i in range(0, len(doc_ids), 200):
            expr = ms.in_list("doc_id", doc_ids[i : i + 200])
            for kind in ("chunks", "units", "docs", "commitments"):
                self.client.delete(self._c(kind), filter=expr)

    def drop(self) -> None:
        """Remove every collection of this store (tests and the benchmark)."""
        for kind in ms.KINDS:
            if self.client.has_collection(self._c(kind)):
                self.client.drop_collection(self._c(kind))
        self._exists.clear()

    def close(self) -> None:
        self.client.close()
