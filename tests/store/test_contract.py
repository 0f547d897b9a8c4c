"""The IndexStore contract: every method, with exact expected results, on both stores.

One small corpus written for the test (three documents about an invented 青山区) with
hand-made vectors, so every similarity and ranking is known in advance: unit vector
``E[i]`` is the i-th axis, and a query along an axis scores 1 against that axis, 0
against the others and 1/sqrt(2) against a half-way vector. The local store runs a
real flat FAISS index and bm25s; the Milvus store a real Milvus Lite file.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from lixia_qa.errors import IndexNotFoundError
from lixia_qa.types import AnswerUnit, Chunk, Commitment, Document
from store.base import Batch, IndexStore
from store.local import LocalStore

DIM = 4
E = np.eye(DIM, dtype=np.float32)
HALF = float(1 / math.sqrt(2))
MODEL = "contract-model"

A_TEXT = "青山区新建公园三座。\n一、绿化\n全年植树五千棵。（牵头领导：林海；责任单位：区园林局）"
B_TEXT = "白塔区新建学校两所，学校由区教育局负责。"
C_TEXT = "滨河公园旁的学校二〇二二年开放。"


def _span(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def _chunk(doc_id: str, n: int, text: str, part: str, headings: tuple[str, ...] = ()) -> Chunk:
    return Chunk(f"{doc_id}#{n}", doc_id, part, *_span(text, part), headings)


def _unit(doc_id: str, n: int, text: str, part: str, kind: str = "sentence") -> AnswerUnit:
    return AnswerUnit(f"{doc_id}~{n}", doc_id, part, *_span(text, part), kind)


DOCS = (
    Document("a.txt", "青山区公园建设通知", A_TEXT, "2023-03-01", 2023, (2023, 2024)),
    Document("b.txt", "白塔区学校建设", B_TEXT, None, 2024, (2024,)),
    Document("c.txt", "滨河公园", C_TEXT, None, None, (2022,)),
)
CHUNKS = (
    _chunk("a.txt", 0, A_TEXT, "青山区新建公园三座。"),
    # its document's title is keyword-indexed with it (Chunk.keyword_text), not embedded
    replace(
        _chunk("a.txt", 1, A_TEXT, A_TEXT[A_TEXT.index("全年") :], ("一、绿化",)),
        title="青山区公园建设通知",
    ),
    _chunk("b.txt", 0, B_TEXT, B_TEXT),
    _chunk("c.txt", 0, C_TEXT, C_TEXT),
)
CHUNK_VECTORS = np.stack([E[0], E[1], E[2], (E[0] + E[3]) * HALF])
RECORD = "（牵头领导：林海；责任单位：区园林局）"
UNITS = (
    _unit("a.txt", 0, A_TEXT, "青山区新建公园三座。"),
    _unit("a.txt", 1, A_TEXT, "一、绿化", "heading"),
    _unit("a.txt", 2, A_TEXT, "全年植树五千棵。"),
    _unit("a.txt", 3, A_TEXT, RECORD, "record"),
    _unit("b.txt", 0, B_TEXT, "白塔区新建学校两所，"),
    _unit("b.txt", 1, B_TEXT, "学校由区教育局负责。"),
    _unit("c.txt", 0, C_TEXT, C_TEXT),
)
UNIT_VECTORS = np.stack([E[0], E[3], E[1], E[0], E[2], E[2], (E[0] + E[1]) * HALF])
COMMITMENT = Commitment(
    "a.txt@" + str(A_TEXT.index("全年")),
    "a.txt",
    "全年植树五千棵。",
    ("林海",),
    (),
    ("区园林局",),
    A_TEXT.index("全年"),
    len(A_TEXT),
    ("一、绿化",),
    record_start=A_TEXT.index(RECORD),
)
MANIFEST = {"format": 1, "model": MODEL, "dimension": DIM, "corpus_hash": "h1", "counts": {}}
FACTS = {"latest_year": 2024, "districts": ["青山", "白塔"]}
NAMES = ("青山区", "白塔区", "滨河公园")
FINGERPRINTS = {"a.txt": "fa", "b.txt": "fb", "c.txt": "fc"}


def batch(**changes: Any) -> Batch:
    parts: dict[str, Any] = {
        "manifest": {**MANIFEST, "documents": {d.doc_id: d.doc_id for d in DOCS}},
        "facts": FACTS,
        "names": NAMES,
        "documents": DOCS,
        "chunks": CHUNKS,
        "chunk_vectors": CHUNK_VECTORS,
        "commitments": (COMMITMENT,),
        "units": UNITS,
        "unit_vectors": UNIT_VECTORS,
        "fingerprints": FINGERPRINTS,
    }
    return Batch(**{**parts, **changes})


def open_kind(kind: str, folder: Path) -> IndexStore:
    if kind == "local":
        return LocalStore(folder / "index")
    from store.milvus import MilvusStore

    return MilvusStore(str(folder / "milvus.db"), "contract", "FLAT")


# the Milvus Lite runs are in the slow tier, as the other store-parametrised tests'
KINDS = ["local", pytest.param("milvus", marks=pytest.mark.slow)]


@pytest.fixture(scope="module", params=KINDS)
def written(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, IndexStore]]:
    """A store of each kind holding the corpus (read-only tests share it)."""
    kind = str(request.param)
    store = open_kind(kind, tmp_path_factory.mktemp(f"contract-{kind}"))
    store.write(batch())
    yield kind, store
    store.close()


@pytest.fixture(params=KINDS)
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The kind and a folder of its own, for tests that write or delete."""
    yield str(request.param), tmp_path


def ids(items: Any) -> list[str]:
    return [getattr(x, "chunk_id", None) or x.unit_id for x in items]


def hit_ids(hits: Any) -> list[str]:
    return [h.chunk.chunk_id for h in hits]


class TestIndexStore:
    """Every method of :class:`store.base.IndexStore`, on the local store and Milvus Lite."""

    # --- corpus-level ----------------------------------------------------------------
    def test_kind_and_rank_depth(self, written: tuple[str, IndexStore]) -> None:
        kind, store = written
        assert store.kind == kind
        # local ranks every unit; Milvus as deep as it says, more than this corpus has
        assert store.rank_depth is None or store.rank_depth >= len(UNITS)

    def test_manifest_facts_lexicon_counts(self, written: tuple[str, IndexStore]) -> None:
        _, store = written
        manifest = store.manifest()
        assert {k: manifest[k] for k in MANIFEST} == MANIFEST
        assert store.facts() == FACTS
        assert sorted(store.lexicon()) == sorted(NAMES)
        assert store.counts() == {"documents": 3, "chunks": 4, "units": 7}

    def test_an_empty_store_has_no_manifest(self, fresh: tuple[str, Path]) -> None:
        kind, folder = fresh
        store = open_kind(kind, folder)
        with pytest.raises(IndexNotFoundError, match="ingest"):
            store.manifest()
        store.close()

    # --- writes ----------------------------------------------------------------------
    def test_fingerprints_and_cached_vectors(self, written: tuple[str, IndexStore]) -> None:
        kind, store = written
        if kind == "local":  # the directory is written whole and its vectors re-used
            assert store.fingerprints() == {}
            cached = store.cached_vectors(MODEL)
            expected = {c.index_text(): v for c, v in zip(CHUNKS, CHUNK_VECTORS, strict=True)}
            expected |= {u.text: v for u, v in zip(UNITS, UNIT_VECTORS, strict=True)}
            assert cached.keys() == expected.keys()
            for text, vec in expected.items():
                assert np.allclose(cached[text], vec)
        else:  # unchanged documents are kept by fingerprint instead
            assert store.fingerprints() == FINGERPRINTS
            assert store.cached_vectors(MODEL) == {}
        assert store.cached_vectors("another-model") == {}

    def test_a_write_replaces_what_was_stored(self, fresh: tuple[str, Path]) -> None:
        kind, folder = fresh
        store = open_kind(kind, folder)
        store.write(batch())
        only_b = batch(
            manifest={**MANIFEST, "corpus_hash": "h2"},
            documents=DOCS[1:2],
            chunks=CHUNKS[2:3],
            chunk_vectors=CHUNK_VECTORS[2:3],
            commitments=(),
            units=UNITS[4:6],
            unit_vectors=UNIT_VECTORS[4:6],
            fingerprints={"b.txt": "fb"},
        )
        store.write(only_b)
        assert sorted(store.doc_ids()) == ["b.txt"]
        assert store.counts() == {"documents": 1, "chunks": 1, "units": 2}
        assert store.manifest()["corpus_hash"] == "h2"
        assert hit_ids(store.dense_search(E[0], 5)) == ["b.txt#0"]
        assert store.commitments() == []
        store.close()

    def test_kept_documents_stay_where_the_store_keeps_fingerprints(
        self, fresh: tuple[str, Path]
    ) -> None:
        kind, folder = fresh
        store = open_kind(kind, folder)
        store.write(batch())
        if not store.fingerprints():
            pytest.skip(f"the {kind} store is always written whole: nothing to keep")
        # a: rewritten, b: kept unchanged, c: gone
        store.write(
            batch(
                documents=DOCS[:1],
                chunks=CHUNKS[:2],
                chunk_vectors=CHUNK_VECTORS[:2],
                units=UNITS[:4],
                unit_vectors=UNIT_VECTORS[:4],
                fingerprints={"a.txt": "fa2"},
                keep=frozenset({"b.txt"}),
            )
        )
        assert sorted(store.doc_ids()) == ["a.txt", "b.txt"]
        assert store.fingerprints() == {"a.txt": "fa2", "b.txt": "fb"}
        assert store.counts() == {"documents": 2, "chunks": 3, "units": 6}
        store.close()

    def test_delete_document(self, fresh: tuple[str, Path]) -> None:
        kind, folder = fresh
        store = open_kind(kind, folder)
        store.write(batch())
        store.delete_document("a.txt")
        assert sorted(store.doc_ids()) == ["b.txt", "c.txt"]
        assert store.counts() == {"documents": 2, "chunks": 2, "units": 3}
        assert hit_ids(store.dense_search(E[0], 5))[0] == "c.txt#0"
        assert store.keyword_search(["公园"], 5) and all(
            h.chunk.doc_id != "a.txt" for h in store.keyword_search(["公园"], 5)
        )
        assert store.commitments() == []
        assert store.documents(["a.txt"]) == {}
        assert [m.unit.doc_id for m in store.unit_search(E[0], None)] == ["c.txt", "b.txt", "b.txt"]
        store.close()
        # what a delete leaves is what a new process opening the store reads
        again = open_kind(kind, folder)
        assert sorted(again.doc_ids()) == ["b.txt", "c.txt"]
        again.close()

    # --- search ----------------------------------------------------------------------
    def test_dense_search(self, written: tuple[str, IndexStore]) -> None:
        _, store = written
        hits = store.dense_search(E[0], 2)
        assert hit_ids(hits) == ["a.txt#0", "c.txt#0"]
        assert [h.score for h in hits] == pytest.approx([1.0, HALF], abs=1e-5)
        assert {h.source for h in hits} == {"dense"}
        assert hits[0].chunk == CHUNKS[0]
        assert hit_ids(store.dense_search(E[0], 5, doc_ids={"c.txt"})) == ["c.txt#0"]
        year = store.dense_search(E[0], 5, year=2023)
        assert hit_ids(year) == ["a.txt#0", "a.txt#1"]
        assert [h.score for h in year] == pytest.approx([1.0, 0.0], abs=1e-5)
        assert store.dense_search(E[0], 5, doc_ids=set()) == []

    def test_keyword_search(self, written: tuple[str, IndexStore]) -> None:
        _, store = written
        hits = store.keyword_search(["学校"], 5)
        # b says 学校 twice, c once; a never
        assert hit_ids(hits) == ["b.txt#0", "c.txt#0"]
        assert hits[0].score > hits[1].score > 0 and {h.source for h in hits} == {"bm25"}
        assert hit_ids(store.keyword_search(["学校"], 1)) == ["b.txt#0"]
        assert hit_ids(store.keyword_search(["学校"], 5, doc_ids={"c.txt"})) == ["c.txt#0"]
        assert hit_ids(store.keyword_search(["绿化"], 5)) == ["a.txt#1"]  # from its heading
        assert hit_ids(store.keyword_search(["通知"], 5)) == ["a.txt#1"]  # from its title
        assert store.keyword_search(["没有的词"], 5) == []
        assert store.keyword_search([], 5) == []

    def test_term_df(self, written: tuple[str, IndexStore]) -> None:
        _, store = written
        assert store.term_df("公园") == 2  # a#0 and c#0
        assert store.term_df("学校") == 2  # b#0 (twice) and c#0: chunks, not mentions
        assert store.term_df("绿化") == 1  # in a#1's heading
        assert store.term_df("通知") == 0  # only in a#1's title: found, not counted
        assert store.term_df("没有的词") == 0

    # --- lookups ---------------------------------------------------------------------
    def test_documents(self, written: tuple[str, IndexStore]) -> None:
        _, store = written
        assert store.documents(["c.txt", "a.txt", "nope.txt"]) == {
            "a.txt": DOCS[0],
            "c.txt": DOCS[2],
        }
        assert store.documents([]) == {}
        assert store.list_documents() == list(DOCS)
        assert store.list_documents(limit=2) == list(DOCS[:2])
        assert sorted(store.doc_ids()) == ["a.txt", "b.txt", "c.txt"]

    def test_documents_about(self, written: tuple[str, IndexStore]) -> None:
        _, store = written

        def about(*years: int) -> list[str]:
            return sorted(d.doc_id for d in store.documents_about(years))

        assert about(2024) == ["a.txt", "b.txt"]  # b is about 2024, a mentions it
        assert about(2022) == ["c.txt"]
        assert about(2023, 2022) == ["a.txt", "c.txt"]
        assert about(1999) == []

    def test_chunks_and_chunks_at(self, written: tuple[str, IndexStore]) -> None:
        _, store = written
        assert store.chunks(["b.txt#0", "a.txt#1", "a.txt#9"]) == {
            "b.txt#0": CHUNKS[2],
            "a.txt#1": CHUNKS[1],
        }
        assert store.chunks([]) == {}
        spots = [
            ("a.txt", A_TEXT.index("植树")),
            ("a.txt", 0),
            ("a.txt", 10_000),  # past the end: the document's first chunk
            ("nope.txt", 0),
        ]
        assert store.chunks_at(spots) == [CHUNKS[1], CHUNKS[0], CHUNKS[0], None]
        assert store.chunks_at([]) == []

    def test_chunk_similarities(self, written: tuple[str, IndexStore]) -> None:
        _, store = written
        sims = store.chunk_similarities(["a.txt#0", "c.txt#0", "b.txt#0"], E[3])
        assert sims == pytest.approx({"a.txt#0": 0.0, "c.txt#0": HALF, "b.txt#0": 0.0}, abs=1e-5)
        assert store.chunk_similarities([], E[0]) == {}

    def test_units_in(self, written: tuple[str, IndexStore]) -> None:
        _, store = written
        found = store.units_in([CHUNKS[1], CHUNKS[2], CHUNKS[0]])
        # the answerable units overlapping each chunk (not the record, nor the heading
        # that ends before a#1), in document order
        assert [ids(m.unit for m in ms) for ms in found] == [
            ["a.txt~2"],
            ["b.txt~0", "b.txt~1"],
            ["a.txt~0"],
        ]
        assert found[0][0].unit == UNITS[2]
        assert store.units_in([]) == []

    def test_unit_search_ranks_and_similarities(self, written: tuple[str, IndexStore]) -> None:
        _, store = written
        best = store.unit_search(E[0], 2)
        assert ids(m.unit for m in best) == ["a.txt~0", "c.txt~0"]  # never the record
        assert [m.score for m in best] == pytest.approx([1.0, HALF], abs=1e-5)
        every = store.unit_search(E[0], None)
        assert ids(m.unit for m in every) == [
            "a.txt~0",
            "c.txt~0",
            "a.txt~1",  # equal scores: document order
            "a.txt~2",
            "b.txt~0",
            "b.txt~1",
        ]
        only_b = store.unit_search(E[2], 5, doc_ids={"b.txt"})
        assert ids(m.unit for m in only_b) == ["b.txt~0", "b.txt~1"]
        assert store.unit_search(E[0], 5, doc_ids=set()) == []
        row = {m.unit.unit_id: m.row for m in every}
        ranks = store.unit_ranks(E[0])
        assert list(ranks) == [m.row for m in every]  # best first
        assert list(ranks.values()) == pytest.approx([m.score for m in every], abs=1e-5)
        assert list(store.unit_ranks(E[1], doc_ids={"a.txt"})) == [
            row["a.txt~2"],
            row["a.txt~0"],
            row["a.txt~1"],
        ]
        sims = store.unit_similarities([row["c.txt~0"], row["b.txt~1"]], E[1])
        assert sims == pytest.approx({row["c.txt~0"]: HALF, row["b.txt~1"]: 0.0}, abs=1e-5)
        assert store.unit_similarities([], E[0]) == {}

    def test_units_by_id_and_record_rows(self, written: tuple[str, IndexStore]) -> None:
        _, store = written
        assert store.units_by_id(["a.txt~3", "c.txt~0", "x~1"]) == {
            "a.txt~3": UNITS[3],
            "c.txt~0": UNITS[6],
        }
        assert store.units_by_id([]) == {}
        at = ("a.txt", A_TEXT.index(RECORD))
        rows = store.record_rows([at, ("a.txt", 0), ("b.txt", 0)])
        assert list(rows) == [at]  # only the record unit starts a record
        # the row is the record's: its vector is E[0]
        assert store.unit_similarities([rows[at]], E[0]) == pytest.approx({rows[at]: 1.0})
        assert store.record_rows([]) == {}

    def test_commitments(self, written: tuple[str, IndexStore]) -> None:
        _, store = written
        assert store.commitments() == [COMMITMENT]
        assert store.commitments(["a.txt"]) == [COMMITMENT]
        assert store.commitments(["b.txt"]) == []
        assert store.commitments([]) == []
        assert store.commitments(limit=1) == [COMMITMENT]

    def test_close_then_reopen_reads_the_same(self, fresh: tuple[str, Path]) -> None:
        kind, folder = fresh
        store = open_kind(kind, folder)
        store.write(batch())
        before = (store.list_documents(), store.counts(), store.facts())
        store.close()
        again = open_kind(kind, folder)
        assert (again.list_documents(), again.counts(), again.facts()) == before
        again.close()


def test_vectors_embedded_from_texts_other_code_made_are_not_re_used(tmp_path: Path) -> None:
    """Vectors are re-used by the text they embed: an index whose texts were made by
    other code (another Chunk.index_text) lends none; one written before the stamp, or
    with today's, lends them all."""
    from store.directory import embedded_text_version

    for stamp, lends in (
        (None, True),
        (embedded_text_version(), True),
        ("0123456789abcdef", False),
    ):
        manifest = {**MANIFEST, "documents": {d.doc_id: d.doc_id for d in DOCS}}
        if stamp is not None:
            manifest["embedded_text"] = stamp
        store = LocalStore(tmp_path / str(stamp))
        store.write(batch(manifest=manifest))
        assert bool(store.cached_vectors(MODEL)) is lends, stamp
        store.close()
