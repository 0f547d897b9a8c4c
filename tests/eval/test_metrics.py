"""Eval metric code checked on hand-computed cases."""

import pytest

from eval.metrics import (
    answer_correct,
    citations_valid,
    normalise,
    percentile,
    retrieval_hit,
    summarise,
)
from eval.runner import check

FIG = {
    "type": "figure",
    "answers": ["14.9万户"],
    "doc_id": "a",
    "evidence": "市场主体已经达到14.9万户",
}
LST = {
    "type": "list",
    "answers": [],
    "all_of": ["福瑞达", "恒翼生物"],
    "doc_id": "a",
    "evidence": "x",
}
UNA = {"type": "unanswerable", "answers": [], "doc_id": None, "evidence": None}


def test_normalise() -> None:
    assert normalise("１４ .９万 户\n") == "14.9万户"
    # a gold answer copied from a traditional text is the simplified answer ingest gives
    assert normalise("13.22萬人") == normalise("13.22万人") == "13.22万人"


def test_answer_correct_cases() -> None:
    assert answer_correct(FIG, "市场主体已经达到14 . 9万户[1]", False)
    assert not answer_correct(FIG, "市场主体已经达到14.9万户[1]", True)  # abstained
    assert not answer_correct(FIG, "市场主体很多[1]", False)
    assert answer_correct(LST, "对接引进福瑞达、恒翼生物等企业[1]", False)
    assert not answer_correct(LST, "对接引进福瑞达等企业[1]", False)  # one item missing
    assert answer_correct(UNA, "文档中没有找到……", True)
    assert not answer_correct(UNA, "乱答一个[1]", False)
    # the [n] marker must not glue digits together: "1[2]" is not "12"
    assert not answer_correct({"type": "figure", "answers": ["12"]}, "增长1[2]", False)
    # a document number's year in brackets is no marker: 芦政发[2014]17号 stays whole
    number = {"type": "fact", "answers": ["芦政发[2014]17号"]}
    assert answer_correct(number, "公布了暂行办法（芦政发[2014]17号）。[1]", False)


def test_retrieval_hit_needs_gold_doc_and_evidence() -> None:
    hits = [
        {"doc_id": "b", "text": "市场主体已经达到14.9万户"},
        {"doc_id": "a", "text": "前文。市场主体已经达到14 . 9万户。后文"},
    ]
    assert not retrieval_hit(FIG, hits, 1)  # right text, wrong document
    assert retrieval_hit(FIG, hits, 2)


def test_citations_valid() -> None:
    cites = [{"n": 1, "snippet": "甲乙丙。丁戊己。"}, {"n": 2, "snippet": "庚辛壬。"}]
    assert citations_valid("丁戊己。[1]庚辛壬。[2]", cites)
    assert citations_valid("（2024年）丁戊己。[1]", cites)
    assert not citations_valid("丁戊己。[2]", cites)  # sentence not in snippet 2
    assert not citations_valid("丁戊己。[1]多出的话。", cites)  # trailing uncited text
    assert not citations_valid("丁戊己。[3]", cites)  # no citation 3
    assert not citations_valid("没有标记", cites)


def test_percentile_nearest_rank() -> None:
    # nearest rank: p50 of 1..10 is the 5th value, p95 the ceil(9.5)=10th
    assert percentile(list(range(1, 11)), 50) == 5
    assert percentile(list(range(1, 11)), 95) == 10
    assert percentile([], 50) == 0.0


def test_summarise_and_check() -> None:
    rows = [
        {
            "type": "figure",
            "correct": True,
            "abstained": False,
            "hit@1": True,
            "hit@5": True,
            "citations_valid": True,
            "answer_chars": 30,
            "latency_ms": 10.0,
        },
        {
            "type": "figure",
            "correct": False,
            "abstained": True,
            "hit@1": False,
            "hit@5": True,
            "citations_valid": True,
            "answer_chars": 40,
            "latency_ms": 30.0,
        },
        {
            "type": "unanswerable",
            "correct": True,
            "abstained": True,
            "hit@1": False,
            "hit@5": False,
            "citations_valid": True,
            "answer_chars": 40,
            "latency_ms": 20.0,
        },
    ]
    m = summarise(rows)
    # 1 of 2 answerable right; 1 of 2 answerable abstained; the 1 unanswerable abstained
    assert m["answer_accuracy"] == pytest.approx(0.5)
    assert m["false_abstention"] == pytest.approx(0.5)
    assert m["abstention"] == pytest.approx(1.0)
    assert m["hit@1"] == pytest.approx(0.5) and m["hit@5"] == pytest.approx(1.0)
    assert m["mean_answer_chars"] == pytest.approx(30.0)  # only the one answered row
    assert m["latency_p50_ms"] == 20.0
    result = {
        "overall": m,
        "by_type": {"figure": summarise(rows[:2]), "unanswerable": summarise(rows[2:])},
    }
    limits = {
        "answer_accuracy": 0.6,
        "type_accuracy": 0.4,
        "abstention": 0.9,
        "false_abstention_max": 0.1,
        "citations_valid": 1.0,
        "hit@5": 0.9,
    }
    assert check(result, limits) == ["answer_accuracy 0.500 < 0.6", "false_abstention 0.500 > 0.1"]


def test_thresholds_apply_to_the_test_split_and_the_reworded_group() -> None:
    from eval.runner import check, metrics

    def row(split: str, correct: bool, reworded: bool = False) -> dict:
        return {
            "split": split,
            "reworded": reworded,
            "type": "fact",
            "correct": correct,
            "abstained": not correct,
            "hit@1": True,
            "hit@5": True,
            "citations_valid": True,
            "answer_chars": 10,
            "latency_ms": 1.0,
        }

    # dev is all wrong, test is all right except one reworded question of two
    rows = (
        [row("dev", False)] * 4
        + [row("test", True)] * 2
        + [row("test", True, True), row("test", False, True)]
    )
    result = metrics(rows)
    limits = {
        "answer_accuracy": 0.7,
        "type_accuracy": 0.7,
        "abstention": 0.5,
        "false_abstention_max": 0.3,
        "citations_valid": 1.0,
        "hit@5": 0.9,
        "reworded_accuracy": 0.6,
    }
    # test: 3 of 4 right (0.75), false abstention 1/4; reworded 1 of 2 (0.5 < 0.6)
    assert check(result, limits) == ["reworded answer_accuracy 0.500 < 0.6"]
    # a floor per type: fact (0.75 on test) is under 0.8; a type left out is not checked
    per_type = {**limits, "type_accuracy": {"fact": 0.8}, "reworded_accuracy": 0.5}
    assert check(result, per_type) == ["fact answer_accuracy 0.750 < 0.8"]
    assert check(result, {**per_type, "type_accuracy": {"figure": 0.99}}) == []
    assert result["splits"]["dev"]["overall"]["answer_accuracy"] == 0.0
