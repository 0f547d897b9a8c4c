"""Reciprocal rank fusion, checked on hand-computed cases."""

import pytest

from lixia_qa.types import Chunk, Hit
from retriever.fusion import rrf
from retriever.hybrid import dedupe


def _hits(*ids: str) -> list[Hit]:
    return [
        Hit(Chunk(f"d#{i}", "d", f"text {i}", 10 * int(i), 10 * int(i) + 5), 1.0, "x") for i in ids
    ]


def test_rrf_scores_by_hand() -> None:
    fused = rrf({"dense": _hits("1", "2"), "bm25": _hits("2", "3")}, k=60)
    # chunk 2: 1/(60+2) + 1/(60+1) = 0.016129 + 0.016393 = 0.032522
    # chunk 1: 1/61 = 0.016393 ; chunk 3: 1/62 = 0.016129
    assert [h.chunk.chunk_id for h in fused] == ["d#2", "d#1", "d#3"]
    assert fused[0].score == pytest.approx(1 / 62 + 1 / 61)
    assert fused[0].ranks == {"dense": 2, "bm25": 1}
    assert fused[0].source == "hybrid"


def test_rrf_weights_and_top_k() -> None:
    fused = rrf(
        {"dense": _hits("1"), "bm25": _hits("3")},
        k=10,
        weights={"dense": 0.5, "bm25": 2.0},
        top_k=1,
    )
    # chunk 3: 2.0/11 = 0.1818 beats chunk 1: 0.5/11 = 0.0455
    assert [h.chunk.chunk_id for h in fused] == ["d#3"]
    assert fused[0].score == pytest.approx(2.0 / 11)


def test_rrf_counts_a_chunk_once_per_ranking() -> None:
    fused = rrf({"dense": _hits("1", "1")}, k=60)
    assert len(fused) == 1
    assert fused[0].score == pytest.approx(1 / 61)


def test_rrf_empty() -> None:
    assert rrf({"dense": [], "bm25": []}) == []


def test_dedupe_drops_contained_and_repeated_chunks() -> None:
    outer = Hit(Chunk("d#0", "d", "abcdef", 0, 6), 1.0, "hybrid")
    inner = Hit(Chunk("d#1", "d", "cd", 2, 4), 0.9, "hybrid")
    twin = Hit(Chunk("e#0", "e", "abcdef", 0, 6), 0.8, "hybrid")
    other = Hit(Chunk("e#1", "e", "xyz", 10, 13), 0.7, "hybrid")
    assert [h.chunk.chunk_id for h in dedupe([outer, inner, twin, other], 5)] == ["d#0", "e#1"]
