"""Candidates come from the retrieved passages and from unit vectors (test corpus, hash embedder)."""

from __future__ import annotations

from answer.analyse import DATE, FACT, FIGURE, LIST, OWNER, PERSON, PLACE, TERM
from answer.candidates import fits_kind, gather
from lixia_qa.types import AnswerUnit


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


def test_a_whole_list_answers_only_which_and_how_questions() -> None:
    """申请材料：1.… 2.… answers 哪些 / 什么材料 questions; a 哪里, 几点 or 多少 question
    is answered by one of its items (a sentence unit), never by the whole list."""
    text = "办理方式：\n1.网上办理；\n2.到政务服务中心办理。"
    whole = AnswerUnit("d~0", "d", text, 0, len(text), "list")
    item = AnswerUnit("d~1", "d", "1.网上办理；", 6, 13, "sentence")
    assert fits_kind(whole, LIST) and fits_kind(whole, FACT)
    assert not any(fits_kind(whole, k) for k in (PLACE, DATE, FIGURE))
    assert all(fits_kind(item, k) for k in (LIST, FACT, PLACE, DATE, FIGURE))


def test_a_page_date_bar_answers_only_when() -> None:
    """2015-07-20 17:11:13 来源：某办 作者：某办 says when the page was put up and by whom:
    no answer to where, how much or which ones."""
    text = "2015-07-20 17:11:13来源：青禾县征兵办公室作者：青禾县征兵办公室"
    bar = AnswerUnit("d~0", "d", text, 0, len(text), "sentence")
    assert fits_kind(bar, DATE) and fits_kind(bar, FACT)  # 哪个单位发的
    assert not any(fits_kind(bar, k) for k in (PLACE, FIGURE, LIST))


def test_a_notices_addressees_own_nothing() -> None:
    """各镇人民政府、街道办事处，市政府各部门： is whom a notice is sent to: no answer to
    who leads, how much or which ones; a sentence opening with 各 and going on is."""
    text = "各镇人民政府、街道办事处，市政府各部门，市属各单位："
    addressees = AnswerUnit("d~0", "d", text, 0, len(text), "sentence")
    assert fits_kind(addressees, FACT)
    assert not any(fits_kind(addressees, k) for k in (OWNER, PERSON, FIGURE, LIST, DATE))
    text = "各镇街道、各部门要加强组织领导，确保各项任务按时完成。"
    sentence = AnswerUnit("d~1", "d", text, 0, len(text), "sentence")
    assert fits_kind(sentence, OWNER)


def test_a_lone_name_field_answers_only_what_something_is_called() -> None:
    """事项名称：居住证申领 names the service a guide is about; it does not say where, when,
    how much or which, so it never answers those questions. A table row that starts with
    a name field and goes on (产品名称：汽车；产量：62.6) is no lone name field."""
    name = AnswerUnit("d~0", "d", "事项名称：居住证申领", 0, 10, "sentence")
    assert fits_kind(name, TERM) and fits_kind(name, FACT)
    assert not any(fits_kind(name, k) for k in (PLACE, DATE, FIGURE, LIST))
    row = AnswerUnit("d~1", "d", "产品名称：汽车；单位：万辆；产量：62.6", 0, 22, "row")
    assert all(fits_kind(row, k) for k in (TERM, FACT, PLACE, DATE, FIGURE, LIST))
