"""Labels of eval items, the listwise and pointwise rankers, in-domain weighting of the
ranker and the dev folds."""

from __future__ import annotations

import numpy as np
import pytest

from answer.features import FEATURE_NAMES, direction
from answer.score import RULED_OUT_BY, LearnedScorer
from learn.examples import Examples, eval_label
from learn.train import _logistic, fit, folds_of

DOC = "a.txt"


def _item(**kw: object) -> dict[str, object]:
    return {"type": "figure", "answers": [], "all_of": [], "doc_id": DOC, **kw}


def test_an_answer_string_from_the_item_document_is_positive() -> None:
    item = _item(answers=["12所"])
    texts = ["全年新建幼儿园12所", "全年新建幼儿园12所", "新建学校5所"]
    assert eval_label(item, texts, [DOC, "b.txt", DOC]).tolist() == [1.0, 0.0, 0.0]


def test_answers_match_after_normalising_width_and_spaces() -> None:
    item = _item(answers=["1.5万平方米"])
    assert eval_label(item, ["建设１.５万 平方米的中心"], [DOC]).tolist() == [1.0]


def test_a_list_needs_most_of_its_items() -> None:
    item = _item(type="list", all_of=["甲街", "乙街", "丙街"])
    texts = ["甲街、乙街改造", "甲街改造", "甲街、乙街、丙街"]
    assert eval_label(item, texts, [DOC] * 3).tolist() == [1.0, 0.0, 1.0]


def test_nothing_is_positive_for_an_unanswerable_item() -> None:
    item = _item(type="unanswerable", answers=["12所"], doc_id=None)
    assert eval_label(item, ["新建12所"], [DOC]).tolist() == [0.0]


def _examples(signal: int, n_cases: int, seed: int) -> Examples:
    """Cases of 10 candidates where column ``signal`` (0 and 1 are cov_unit and
    cov_passage) marks the one positive."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_cases * 10, len(FEATURE_NAMES)))
    for gate in (*RULED_OUT_BY, "asks_date", "is_heading"):
        X[:, FEATURE_NAMES.index(gate)] = 0.0  # every candidate may answer
    y = np.zeros(n_cases * 10)
    for case in range(n_cases):
        y[case * 10] = 1.0
        X[case * 10, signal] += 3.0
    answerable = np.arange(n_cases) % 4 != 0  # a near miss in four: no positive
    y[np.repeat(~answerable, 10)] = 0.0
    return Examples(
        X,
        y,
        np.repeat(np.arange(n_cases), 10),
        answerable,
        [f"p{i}" for i in range(n_cases)],
        ["t"] * n_cases,
    )


def _case_level(n_cases: int, seed: int) -> Examples:
    """Cases of 10 candidates where cov_unit (column 0) marks the positive within its case,
    and cov_passage (column 1) is the same for a case's candidates but much higher in
    cases that have a positive at all: it tells answerable questions, not sentences."""
    ex = _examples(signal=0, n_cases=n_cases, seed=seed)
    level = np.where(ex.answerable, 4.0, -4.0) + np.random.default_rng(seed).normal(size=n_cases)
    ex.X[:, 1] = np.repeat(level, 10)
    return ex


def test_the_listwise_ranker_learns_what_tells_sentences_of_one_question_apart() -> None:
    ex = _case_level(300, seed=4)
    listwise, pointwise = fit(ex, c=1.0).ranker, fit(ex, c=1.0, ranker="pointwise").ranker
    assert listwise.coef[0] > 0 and pointwise.coef[0] > 0
    # pointwise spends weight on the case-level feature; listwise leaves it nearly alone
    assert abs(listwise.coef[1]) < 0.2 * listwise.coef[0]
    assert pointwise.coef[1] > 0.5 * pointwise.coef[0]


def test_the_listwise_score_is_calibrated_as_a_probability() -> None:
    ex = _examples(signal=0, n_cases=300, seed=5)
    p = fit(ex, c=1.0).ranker.probability(ex.X)
    assert ((p > 0) & (p < 1)).all()
    # a logistic calibration with an intercept: the probabilities sum to the positives
    assert p.sum() == pytest.approx(ex.y.sum(), rel=0.02)
    assert p[ex.y == 1].mean() > 0.5 > p[ex.y == 0].mean()


@pytest.mark.parametrize("ranker", ["listwise", "pointwise"])
def test_declared_directions_hold_against_the_data(ranker: str) -> None:
    # missing_rare is declared to lower a candidate; here it marks the positives
    ex = _examples(signal=FEATURE_NAMES.index("missing_rare"), n_cases=200, seed=7)
    col = FEATURE_NAMES.index("missing_rare")
    free = fit(ex, c=1.0, ranker=ranker, declared=False)
    kept = fit(ex, c=1.0, ranker=ranker)
    assert free.ranker.coef[col] > 0.5
    assert kept.ranker.coef[col] == pytest.approx(0.0, abs=1e-6)
    for model in (kept.ranker, kept.answerability):
        assert model is not None
        names = ("ranker_logit", *FEATURE_NAMES)[-len(model.coef) :]
        for name, w in zip(names, model.coef, strict=True):
            assert direction(name) * w >= -1e-9, name


def test_the_free_logistic_fit_is_scikit_learns() -> None:
    from sklearn.linear_model import LogisticRegression

    ex = _examples(signal=0, n_cases=100, seed=8)
    ours = _logistic(ex.X, ex.y, 0.1)
    theirs = LogisticRegression(C=0.1, max_iter=5000).fit((ex.X - ours.mean) / ours.scale, ex.y)
    np.testing.assert_allclose(ours.coef, theirs.coef_[0], atol=2e-3)
    assert ours.intercept == pytest.approx(theirs.intercept_[0], abs=2e-3)


def test_an_unknown_ranker_is_refused() -> None:
    with pytest.raises(ValueError, match="listwise, pointwise"):
        fit(_examples(signal=0, n_cases=20, seed=6), ranker="pairs")


@pytest.mark.parametrize("ranker", ["listwise", "pointwise"])
def test_weighted_extra_examples_steer_the_ranker(ranker: str) -> None:
    train = _examples(signal=0, n_cases=200, seed=1)
    extra = _examples(signal=1, n_cases=20, seed=2)
    plain = fit(train, c=1.0, ranker=ranker)
    steered = fit(train, c=1.0, extra=extra, weight=50.0, ranker=ranker)
    assert plain.ranker.coef[0] > plain.ranker.coef[1]
    assert steered.ranker.coef[1] > plain.ranker.coef[1] * 2

    def top1(scorer: LearnedScorer, ex: Examples) -> float:
        p = scorer.ranker.logit(ex.X).reshape(-1, 10)
        return float((p.argmax(axis=1) == 0)[ex.answerable].mean())

    # the steered ranker finds the extra cases' answers more often
    assert top1(steered, extra) > top1(plain, extra)


def test_folds_are_stratified_by_type_and_fixed_by_the_seed() -> None:
    items = [{"type": t} for t in ["figure"] * 10 + ["list"] * 5]
    folds = folds_of(items, 5, seed=3)
    assert sorted(folds[:10].tolist()) == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert sorted(folds[10:].tolist()) == [0, 1, 2, 3, 4]
    assert folds.tolist() == folds_of(items, 5, seed=3).tolist()
