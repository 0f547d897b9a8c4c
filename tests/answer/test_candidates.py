"""Candidates come from the retrieved passages and from unit vectors (test corpus, hash embedder)."""

from __future__ import annotations

from answer.candidates import gather


def test_units_of_hits_and_nearest_units(service) -> None:  # type: ignore[no-untyped-def]
    store = service.store
    text = "青山区今年新建几所幼儿园"
    qvec = service.embedder.encode_queries([text])[0]
    hits = service.retriever.search(text, 3, qvec=qvec)
    cands = gather(store, hits, qvec, None, {}, vector_k=5)
    from_hits = [c for c in cands if c.hit_rank is not None]
    from_vectors = [c for c in cands if c.hit_rank is None]
    # every unit of a hit passage lies inside (or overlaps) that passage
    for c in from_hits:
        assert c.chunk is not None and c.unit.start < c.chunk.end and c.unit.end > c.chunk.start
    # the 5 nearest answerable units are all candidates, with their similarity
    nearest = store.unit_search(qvec, 5)
    assert len(nearest) == 5 and {m.row for m in nearest} <= {c.row for c in cands}
    sims = store.unit_similarities([c.row for c in cands], qvec)
    for c in cands:
        assert abs(c.vec_unit - sims[c.row]) < 1e-5
        assert c.unit.kind != "record"
    assert all(c.chunk is not None for c in from_vectors)


def test_doc_filter_and_year_spans(service) -> None:  # type: ignore[no-untyped-def]
    text = "重点项目"
    qvec = service.embedder.encode_queries([text])[0]
    hits = service.retriever.search(text, 5, qvec=qvec)
    only = {"news_2024.md"}
    cands = gather(service.store, hits, qvec, only, {}, vector_k=10)
    assert cands and {c.unit.doc_id for c in cands} == only
    spans = {"news_2024.md": [(0, 40)]}
    cands = gather(service.store, hits, qvec, only, spans, vector_k=10)
    assert all(c.unit.start < 40 for c in cands)
