"""Example questions and look-ups are made from the indexed documents, or from settings."""

from __future__ import annotations

import pytest

from lixia_qa.errors import BadQueryError
from lixia_qa.types import Document
from server.examples import citizen_questions, figure_question, heading_questions, make_hints


@pytest.mark.parametrize(
    ("clause", "year", "question", "figure"),
    [
        ("新建中小学幼儿园6所", 2023, "2023年新建中小学幼儿园多少所？", "6所"),
        ("全年新增绿地12万平方米", 2023, "2023年新增绿地多少万平方米？", "12万平方米"),
        ("青川区今年将新建幼儿园4所", None, "青川区将新建幼儿园多少所？", "4所"),
        ("地区生产总值增长5%", 2024, "2024年地区生产总值增长多少？", "5%"),
        ("建成口袋公园十二处", 2022, "2022年建成口袋公园多少处？", "十二处"),
    ],
)
def test_a_clause_stating_a_figure_becomes_a_question(
    clause: str, year: int | None, question: str, figure: str
) -> None:
    assert figure_question(clause, year) == (question, figure)


@pytest.mark.parametrize("clause", ["坚持教育优先发展", "2023年3月6日", "共6所", "新建6所学校"])
def test_other_clauses_make_no_figure_question(clause: str) -> None:
    assert figure_question(clause, 2023) is None


def test_examples_alternate_kinds_and_are_all_answered(service) -> None:  # type: ignore[no-untyped-def]
    hints = service.hints  # made with the service's answerer checking each one
    assert len(hints.questions) == 4
    figures = [q for q in hints.questions if "多少" in q]
    headings = [q for q in hints.questions if q.endswith("有哪些安排？")]
    assert len(figures) == 2 and len(headings) == 2
    assert hints.questions[0] in figures and hints.questions[1] in headings
    for q in hints.questions:
        answer = service.ask(q)
        assert not answer.abstained and answer.citations, q


def test_an_unanswered_candidate_is_dropped() -> None:
    doc = Document("d.txt", "通知", "新建口袋公园6处。建成驿站3座。", year=2024)
    asked: list[str] = []

    def ask(question: str):  # type: ignore[no-untyped-def]
        from lixia_qa.types import Answer, Citation

        asked.append(question)
        if "驿站" in question:
            return Answer(question, "文档中没有找到", True)
        c = Citation(1, "d.txt", "通知", None, "新建口袋公园6处。", 0, 9, 1.0)
        return Answer(question, "新建口袋公园6处。[1]", False, (c,))

    assert citizen_questions([doc], ask, 4) == ["2024年新建口袋公园多少处？"]
    assert asked == ["2024年新建口袋公园多少处？", "2024年建成驿站多少座？"]


def test_heading_questions_prefer_numbered_headings(service) -> None:  # type: ignore[no-untyped-def]
    questions = [c.question for c in heading_questions(service.documents())]
    assert questions and all(q.endswith("有哪些安排？") for q in questions)


def test_staff_look_ups_come_from_the_records(service) -> None:  # type: ignore[no-untyped-def]
    hints = service.hints
    corpus = " ".join(d.text for d in service.documents())
    assert hints.units and all(u in corpus for u in hints.units)
    assert hints.leaders and all(name in corpus for name in hints.leaders)
    assert hints.unit == hints.units[0] and all(k in corpus for k in hints.keywords)


def test_configured_questions_win(service) -> None:
    hints = make_hints(service.store, service.retriever.keyword.tokenizer, ["你好？"])
    assert hints.questions == ("你好？",)


def test_empty_question_message_quotes_an_indexed_example(service) -> None:
    with pytest.raises(BadQueryError) as err:
        service.ask("   ")
    assert service.hints.questions[0] in str(err.value)
