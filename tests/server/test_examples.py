"""Example questions and hints are made from the indexed documents, or from settings."""

from __future__ import annotations

from server.examples import make_hints


def test_hints_quote_the_index(service) -> None:
    hints = make_hints(service.store, service.retriever.keyword.tokenizer, [])
    assert len(hints.questions) == 4
    corpus = " ".join(d.text for d in service.documents())
    for q in hints.questions:
        assert q.endswith(("由谁牵头？", "有哪些安排？"))
        assert q.removesuffix("由谁牵头？").removesuffix("有哪些安排？") in corpus
    assert hints.unit and hints.unit in corpus
    assert all(k in corpus for k in hints.keywords)


def test_configured_questions_win(service) -> None:
    assert make_hints(service.store, service.retriever.keyword.tokenizer, ["你好？"]).questions == (
        "你好？",
    )


def test_empty_question_message_quotes_an_indexed_example(service) -> None:
    import pytest

    from lixia_qa.errors import BadQueryError

    with pytest.raises(BadQueryError) as err:
        service.ask("   ")
    assert service.hints.questions[0] in str(err.value)
