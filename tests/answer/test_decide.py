"""The read and decide steps' arithmetic: which candidates are read, the decider's
inputs, and a decider file that refuses another reader or other features."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from answer.decide import INPUTS, Decider, decision_inputs, impute
from answer.read import placed_title, to_read
from answer.score import Linear, ModelMismatchError


def test_to_read_takes_the_k_best_eligible_in_prior_order() -> None:
    prior = np.array([0.1, 3.0, 2.0, 5.0, 2.0])
    eligible = np.array([True, True, True, False, True])
    assert to_read(prior, eligible, 3).tolist() == [1, 2, 4]  # 3 is vetoed; ties keep order
    assert to_read(prior, eligible, 10).tolist() == [1, 2, 4, 0]
    assert to_read(prior, np.zeros(5, dtype=bool), 3).tolist() == []


def test_placed_title_names_the_asked_place_the_document_is_about() -> None:
    names = ("某某省", "某某市", "某某县")
    asked = {"某某省", "某某市"}
    # a title naming none of the document's places is read after the narrowest one
    # the question names
    assert (
        placed_title("9月1日起我市医保开始缴费", names, asked) == "某某市 9月1日起我市医保开始缴费"
    )
    assert placed_title("医保缴费须知", names, {"某某县"}) == "某某县 医保缴费须知"
    # a title naming one of them, in full or without its level word, is left alone
    assert placed_title("某某县医保缴费须知", names, asked) == "某某县医保缴费须知"
    assert placed_title("某某医保缴费须知", names, asked) == "某某医保缴费须知"
    # a question naming no place, or another place, leaves every title alone
    assert placed_title("医保缴费须知", names, set()) == "医保缴费须知"
    assert placed_title("医保缴费须知", names, {"另一市"}) == "医保缴费须知"
    assert placed_title("医保缴费须知", (), asked) == "医保缴费须知"


def test_decision_inputs_by_hand() -> None:
    reader = np.array([2.0, -1.0, 0.5])
    ranker = np.array([0.3, 0.2, 0.1])
    answerable = np.array([1.0, 1.0, 1.0])
    X = decision_inputs(reader, ranker, answerable)
    assert X.shape == (3, len(INPUTS))
    assert X[:, 0].tolist() == reader.tolist()
    assert X[:, 1].tolist() == ranker.tolist()
    # the margin: own reading minus the best other one
    assert X[:, 3].tolist() == pytest.approx([2.0 - 0.5, -1.0 - 2.0, 0.5 - 2.0])
    # one candidate alone has no margin: missing, not its logit against a rival at 0
    assert np.isnan(decision_inputs(np.array([1.5]), np.array([0.0]), np.array([0.0]))[0, 3])


def test_a_lone_candidates_margin_weighs_neither_way() -> None:
    """The decider reads a missing margin as its training mean: a lone candidate gets the
    probability its other inputs give, whatever its reader logit's distance from 0."""
    n = len(INPUTS)
    mean = np.array([0.0, 0.0, 0.0, 3.0])
    model = Linear(np.ones(n), 0.0, mean, np.ones(n))
    d = Decider(alpha=1.0, answerability=model)
    for logit in (-6.0, 0.0, 4.0):
        alone = decision_inputs(np.array([logit]), np.array([0.0]), np.array([0.0]))
        neutral = np.array([[logit, 0.0, 0.0, 3.0]])
        assert d.probability(alone) == pytest.approx(d.probability(neutral))
    assert impute(np.array([[1.0, np.nan]]), np.array([0.0, 5.0])).tolist() == [[1.0, 5.0]]


def _decider() -> Decider:
    n = len(INPUTS)
    model = Linear(np.arange(1.0, n + 1), -0.5, np.zeros(n), np.ones(n))
    return Decider(alpha=0.5, answerability=model, threshold=0.2, gap=1.5)


def test_rank_weighs_the_ranker_by_alpha() -> None:
    d = _decider()
    z = d.rank(np.array([1.0, 0.0]), np.array([0.0, 4.0]))
    assert z.tolist() == [1.0, 2.0]


def test_round_trip_and_refusals(tmp_path: Path) -> None:
    path = tmp_path / "decider.json"
    d = _decider()
    d.manifest = {"reader_sha256": "abc", "features_version": "f1"}
    d.save(path)
    back = Decider.load(path, "abc", "f1")
    assert (back.alpha, back.threshold, back.gap) == (0.5, 0.2, 1.5)
    X = decision_inputs(np.array([1.0, 0.2]), np.array([0.1, 0.0]), np.array([0.3, 0.3]))
    assert back.probability(X) == pytest.approx(d.probability(X))
    with pytest.raises(ModelMismatchError, match="train-decider"):
        Decider.load(path, "another reader", "f1")
    with pytest.raises(ModelMismatchError, match="train-decider"):
        Decider.load(path, "abc", "other features")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["inputs"] = ["reader"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelMismatchError, match="inputs"):
        Decider.load(path, "abc", "f1")
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelMismatchError, match="cannot read"):
        Decider.load(path, "abc", "f1")
