"""The Milvus collections of one index store, and how records become their rows.

Five collections share a name prefix (``LIXIA_MILVUS_COLLECTION``):

* ``{p}_chunks``: one row per chunk: dense vector, BM25 sparse vector made by a Milvus
  BM25 function from ``tokens``, the lower-cased text for term statistics, doc_id, year;
* ``{p}_units``: one row per answer unit with its vector (primary key: a 63-bit hash of
  the unit id, the unit's "row");
* ``{p}_docs``: documents (JSON split in parts under Milvus's 64 KiB VARCHAR limit) with
  year, years and the fingerprint ingest compares to skip unchanged documents;
* ``{p}_commitments``: commitment records by doc_id;
* ``{p}_meta``: manifest, facts and lexicon (the version other servers poll).

Keyword tokens are made by this project's jieba tokeniser (with the corpus lexicon and
stopwords, the same tokens as the local store's bm25s) and written as short ASCII codes
joined by spaces, so Milvus's ``standard`` analyser, Milvus Lite's and a cluster's alike,
splits them back into exactly those tokens; BM25 (k1 1.5, b 0.75, as bm25s) is computed
by Milvus. Collections without a vector of their own carry a two-dimensional constant
one, since Milvus requires a vector field in every collection.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from typing import Any

from pymilvus import DataType, Function, FunctionType, MilvusClient

from lixia_qa.types import AnswerUnit, Chunk
from store.base import ANSWER_KINDS

MAX_VARCHAR = 65535
PART_BYTES = 60000  # a JSON part, under MAX_VARCHAR bytes with room to spare
KINDS = ("chunks", "units", "docs", "commitments", "meta")
DUMMY = [1.0, 0.0]
BM25_PARAMS = {"bm25_k1": 1.5, "bm25_b": 0.75}


def token_code(token: str) -> str:
    """A token as a short word every ``standard`` analyser keeps whole."""
    return "t" + hashlib.blake2b(token.encode("utf-8"), digest_size=6).hexdigest()


def token_text(tokens: list[str]) -> str:
    text = " ".join(token_code(t) for t in tokens)
    return text[: MAX_VARCHAR - 1].rsplit(" ", 1)[0] if len(text) >= MAX_VARCHAR else text


def unit_row(unit_id: str) -> int:
    """The unit's primary key: a 63-bit hash of its id (stable across writes)."""
    return int.from_bytes(hashlib.blake2b(unit_id.encode("utf-8"), digest_size=8).digest()) >> 1


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def parts(text: str) -> list[str]:
    """``text`` cut into pieces of at most PART_BYTES UTF-8 bytes."""
    out: list[str] = []
    piece: list[str] = []
    size = 0
    for ch in text:
        n = len(ch.encode("utf-8"))
        if size + n > PART_BYTES:
            out.append("".join(piece))
            piece, size = [], 0
        piece.append(ch)
        size += n
    out.append("".join(piece))
    return out


def literal(value: str) -> str:
    """A string literal for a Milvus filter expression."""
    return json.dumps(value, ensure_ascii=False)


def in_list(field: str, values: Any) -> str:
    return f"{field} in [{', '.join(literal(v) for v in values)}]"


def chunk_row(
    chunk: Chunk, vec: list[float], tokens: list[str], year: int | None
) -> dict[str, Any]:
    return {
        "id": chunk.chunk_id,
        "doc_id": chunk.doc_id,
        "year": year or 0,
        "start": chunk.start,
        "stop": chunk.end,
        "body": dumps(asdict(chunk)),
        "lowered": chunk.index_text().lower()[: MAX_VARCHAR // 4],
        "tokens": token_text(tokens),
        "vec": vec,
    }


def unit_row_of(unit: AnswerUnit, vec: list[float]) -> dict[str, Any]:
    return {
        "row": unit_row(unit.unit_id),
        "unit_id": unit.unit_id,
        "doc_id": unit.doc_id,
        "kind": unit.kind,
        "answerable": unit.kind in ANSWER_KINDS,
        "start": unit.start,
        "stop": unit.end,
        "body": dumps(asdict(unit)),
        "vec": vec,
    }


def _varchar(schema: Any, name: str, length: int = 1024, **kw: Any) -> None:
    schema.add_field(name, DataType.VARCHAR, max_length=length, **kw)


def _schema(kind: str, dim: int) -> Any:
    s = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    if kind == "units":
        s.add_field("row", DataType.INT64, is_primary=True)
        _varchar(s, "unit_id")
    else:
        _varchar(s, "id", is_primary=True)
    if kind != "meta":
        _varchar(s, "doc_id")
    if kind == "chunks":
        s.add_field("year", DataType.INT64)
        s.add_field("start", DataType.INT64)
        s.add_field("stop", DataType.INT64)
        _varchar(s, "lowered", MAX_VARCHAR)
        analyser = {"tokenizer": "standard"}
        _varchar(s, "tokens", MAX_VARCHAR, enable_analyzer=True, enable_match=True,
                 analyzer_params=analyser)  # fmt: skip
        s.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        s.add_function(Function(name="bm25", function_type=FunctionType.BM25,
                                input_field_names=["tokens"], output_field_names=["sparse"]))  # fmt: skip
    if kind == "units":
        _varchar(s, "kind", 16)
        s.add_field("answerable", DataType.BOOL)
        s.add_field("start", DataType.INT64)
        s.add_field("stop", DataType.INT64)
    if kind == "docs":
        s.add_field("part", DataType.INT64)
        s.add_field("year", DataType.INT64)
        s.add_field("years", DataType.ARRAY, element_type=DataType.INT64, max_capacity=256)
        _varchar(s, "fingerprint", 64)
    _varchar(s, "body", MAX_VARCHAR)
    s.add_field("vec", DataType.FLOAT_VECTOR, dim=dim if kind in ("chunks", "units") else 2)
    return s


def _index_params(client: MilvusClient, kind: str, dense: str) -> Any:
    params = client.prepare_index_params()
    if kind in ("chunks", "units"):
        extra = {"M": 16, "efConstruction": 200} if dense == "HNSW" else {}
        params.add_index("vec", index_type=dense, metric_type="IP", params=extra)
    else:
        params.add_index("vec", index_type="FLAT", metric_type="L2")
    if kind == "chunks":
        params.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                         params=BM25_PARAMS)  # fmt: skip
    return params


def create_collections(client: MilvusClient, prefix: str, dim: int, dense: str) -> None:
    """Create whichever of the store's collections do not exist yet."""
    for kind in KINDS:
        name = f"{prefix}_{kind}"
        if client.has_collection(name):
            continue
        client.create_collection(
            name, schema=_schema(kind, dim), index_params=_index_params(client, kind, dense)
        )
