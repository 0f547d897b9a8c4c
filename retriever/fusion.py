"""Rank fusion: pure functions over ranked hit lists."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from lixia_qa.types import Chunk, Hit


def rrf(
    rankings: Mapping[str, Sequence[Hit]],
    k: int = 60,
    weights: Mapping[str, float] | None = None,
    top_k: int | None = None,
) -> list[Hit]:
    """Weighted reciprocal rank fusion: score(c) = sum_r w_r / (k + rank_r(c)), ranks from 1.

    ``rankings`` maps a retriever name to its ranked hits (candidate depth k0 is
    whatever the caller retrieved); the result keeps each chunk once, with the
    1-based rank it had in every ranking under ``Hit.ranks``. Ties keep the
    order of first appearance, so the fusion is deterministic.
    """
    scores: dict[str, float] = {}
    ranks: dict[str, dict[str, int]] = {}
    chunks: dict[str, Chunk] = {}
    for name, hits in rankings.items():
        weight = 1.0 if weights is None else weights.get(name, 1.0)
        for rank, hit in enumerate(hits, start=1):
            cid = hit.chunk.chunk_id
            if cid in ranks and name in ranks[cid]:
                continue  # a ranking listing a chunk twice counts it once
            chunks.setdefault(cid, hit.chunk)
            scores[cid] = scores.get(cid, 0.0) + weight / (k + rank)
            ranks.setdefault(cid, {})[name] = rank
    order = sorted(scores, key=lambda cid: -scores[cid])
    if top_k is not None:
        order = order[:top_k]
    return [Hit(chunks[cid], scores[cid], "hybrid", ranks[cid]) for cid in order]
