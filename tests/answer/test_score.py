"""Scorers: the learned model file, its manifest check, the factory, the hard fits."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from answer.features import FEATURE_NAMES, features_version
from answer.score import (
    DEFAULT_MODEL,
    LearnedScorer,
    LexicalScorer,
    Linear,
    ModelMismatchError,
    VectorScorer,
    make_scorer,
)
from lixia_qa.codehash import read_module


def _row(**values: float) -> np.ndarray:
    x = np.zeros(len(FEATURE_NAMES))
    for name, v in values.items():
        x[FEATURE_NAMES.index(name)] = v
    return x


def _model(tmp_path: Path, **manifest: object) -> Path:
    n = len(FEATURE_NAMES)
    coef = np.zeros(n)
    coef[FEATURE_NAMES.index("cov_unit")] = 2.0
    scorer = LearnedScorer(
        Linear(coef, -1.0, np.zeros(n), np.ones(n)),
        threshold=0.5,
        manifest={"embedder": "hash", **manifest},
    )
    path = tmp_path / "m.json"
    scorer.save(path)
    return path


def test_learned_probabilities_round_trip(tmp_path: Path) -> None:
    scorer = LearnedScorer.load(_model(tmp_path))
    X = np.vstack([_row(cov_unit=1.0), _row(cov_unit=0.0)])
    p, ok = scorer.score(X)
    # sigmoid(2*1 - 1) = 0.731; sigmoid(-1) = 0.269
    assert p == pytest.approx([0.7311, 0.2689], abs=1e-4)
    assert ok.tolist() == [True, False]  # without an answerability model: the ranker's p
    # with one: it decides (here it reads only the ranker's logit, first input)
    n = len(FEATURE_NAMES) + 1
    coef = np.zeros(n)
    coef[0] = -1.0  # contrary to the ranker, to show which model gates
    scorer.answerability = Linear(coef, 0.0, np.zeros(n), np.ones(n))
    assert scorer.score(X)[1].tolist() == [False, True]
    again = tmp_path / "again.json"
    scorer.save(again)
    assert LearnedScorer.load(again).answerability is not None


def test_loading_refuses_other_features(tmp_path: Path) -> None:
    path = _model(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ModelMismatchError, match="train-answerer"):
        LearnedScorer.load(path)
    data["features"] = list(FEATURE_NAMES)
    for version in ("0123456789abcdef", None):  # fitted on other code, or on no known code
        data["features_version"] = version
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(ModelMismatchError, match="features version") as refused:
            LearnedScorer.load(path)
        assert "run `lixia-qa train-answerer`" in str(refused.value)
        assert features_version() in str(refused.value)
    with pytest.raises(ModelMismatchError, match="cannot read"):
        LearnedScorer.load(tmp_path / "missing.json")


def test_hard_fits_exclude_candidates_whatever_their_score(tmp_path: Path) -> None:
    scorer = LearnedScorer.load(_model(tmp_path))
    X = np.vstack(
        [
            _row(cov_unit=1.0, miss_figure=1),
            _row(cov_unit=1.0, other_instance=1),
            _row(cov_unit=1.0, is_heading=1),
            _row(cov_unit=1.0, miss_shape=1),
            _row(cov_unit=1.0, asks_date=1, fit_date=0),  # 什么时候 and no date
        ]
    )
    assert not scorer.score(X)[1].any()
    assert not VectorScorer(threshold=0.0).score(X)[1].any()
    # a heading answers only when it states the asked figure by a question word
    stating = _row(cov_unit=1.0, is_heading=1, fit_figure=1, near_term=0.5)[None, :]
    assert VectorScorer(threshold=0.0).score(stating)[1].all()
    dated = _row(cov_unit=1.0, asks_date=1, fit_date=1)[None, :]
    assert VectorScorer(threshold=0.0).score(dated)[1].all()


def test_lexical_rule_needs_coverage_fit_and_retrieval() -> None:
    rule = LexicalScorer()
    X = np.vstack(
        [
            _row(cov_all=0.8, rank_fused=1.0),
            _row(cov_all=0.4, rank_fused=1.0),
            _row(cov_all=0.8, rank_fused=0.0),
            _row(cov_all=0.8, rank_fused=1.0, miss_figure=1),
        ]
    )
    score, ok = rule.score(X)
    assert ok.tolist() == [True, False, False, False]
    assert score[0] == pytest.approx(0.8 + 0.12)


def test_factory(tmp_path: Path) -> None:
    path = _model(tmp_path)
    assert make_scorer("auto", path, "hash").name == "learned"
    assert make_scorer("auto", path, "other-model").name == "lexical"  # vectors differ
    assert make_scorer("learned", path, "other-model").name == "learned"
    assert make_scorer("auto", tmp_path / "none.json", "hash").name == "lexical"
    assert make_scorer("vector", None, "x", threshold=0.3).threshold == 0.3
    with pytest.raises(Exception, match="unknown answer scorer"):
        make_scorer("magic", None, "x")


def test_the_shipped_model_fits_this_code() -> None:
    scorer = LearnedScorer.load(DEFAULT_MODEL)
    assert scorer.manifest["features"] == list(FEATURE_NAMES)
    assert scorer.manifest["features_version"] == features_version()
    assert 0 < scorer.threshold < 1
    assert scorer.manifest["threshold_chosen_on"]["split"] == "dev"


def test_the_features_version_follows_the_feature_code() -> None:
    def edited(old: str, new: str, module: str = "answer.features") -> Callable[[str], str]:
        def read(name: str) -> str:
            text = read_module(name)
            if name == module:
                assert old in text
                text = text.replace(old, new)
            return text

        return read

    now = features_version()
    assert features_version(read_module) == now
    # a feature computing something else, a helper it calls, the question analysis
    assert features_version(edited("return c.vec_unit", "return 2 * c.vec_unit")) != now
    assert features_version(edited("NEAR = 8", "NEAR = 9")) != now
    assert (
        features_version(
            edited(
                "kind, role = classify(text)", "kind, role = classify(text[1:])", "answer.analyse"
            )
        )
        != now
    )
    # a docstring or comment is no change
    assert features_version(edited('"""Cosine of question and unit vectors."""', "")) == now


def test_lexical_bonuses_for_the_asked_measure_and_an_enumeration() -> None:
    rule = LexicalScorer()
    X = np.vstack(
        [
            _row(cov_all=0.8, rank_fused=0.5),
            _row(cov_all=0.8, rank_fused=0.5, fit_measure=1),
            _row(cov_all=0.8, rank_fused=0.5, fit_list=1),
        ]
    )
    score, ok = rule.score(X)
    # 0.8 coverage + 0.12 x 0.5 rank, then + 0.25 for the measure word, + 0.1 for a list
    assert score == pytest.approx([0.86, 1.11, 0.96])
    assert ok.all()
