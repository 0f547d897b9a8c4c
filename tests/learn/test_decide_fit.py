"""The decider's fitting on hand-made cases: alpha by top-1, the gap under a length
budget, and the answerability model learning which top candidates are right."""

from __future__ import annotations

import numpy as np

from learn.decide import Case, answer_with_gap, choose_gap, fit_alpha, fit_answerability, top1


def case(reader, ranker, labels, chars=None, docs=None, answerable=True) -> Case:
    n = len(reader)
    return Case(
        reader=np.array(reader, dtype=float),
        ranker=np.array(ranker, dtype=float),
        answerable_logit=np.zeros(n),
        labels=np.array(labels, dtype=float),
        chars=np.array(chars or [20] * n),
        docs=docs or ["d"] * n,
        answerable=answerable,
    )


def test_top1_and_alpha() -> None:
    # the reader alone picks the wrong one; the ranker's logit, weighed in, fixes it
    cases = [case([1.0, 0.8], [0.0, 1.0], [0, 1]), case([2.0, 0.0], [0.0, 0.5], [1, 0])]
    assert top1(cases, 0.0) == 0.5
    assert top1(cases, 1.0) == 1.0
    alpha = fit_alpha(cases)
    assert top1(cases, alpha) == 1.0
    assert alpha == min(
        a for a in (0.35, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0) if top1(cases, a) == 1.0
    )


def test_top1_ignores_unanswerable_cases() -> None:
    cases = [case([1.0], [0.0], [1]), case([1.0], [0.0], [0], answerable=False)]
    assert top1(cases, 0.0) == 1.0


def test_gap_adds_a_close_second_of_the_same_document() -> None:
    c = case([2.0, 1.5, 0.0], [0, 0, 0], [0, 1, 0], chars=[30, 40, 50])
    assert answer_with_gap(c, 0.0, 0.0) == (False, 30)
    assert answer_with_gap(c, 0.0, 1.0) == (True, 70)
    other_doc = case([2.0, 1.5], [0, 0], [0, 1], chars=[30, 40], docs=["a", "b"])
    assert answer_with_gap(other_doc, 0.0, 1.0) == (False, 30)


def test_choose_gap_keeps_within_the_length_budget() -> None:
    cases = [case([2.0, 1.5], [0, 0], [0, 1], chars=[30, 40])]
    assert choose_gap(cases, 0.0, max_chars=80) > 0.0  # the pair is right and 70 long
    assert choose_gap(cases, 0.0, max_chars=50) == 0.0  # too long: one sentence only


def test_answerability_learns_that_a_clear_margin_is_right() -> None:
    rng = np.random.default_rng(0)
    cases = []
    for _ in range(200):
        right = rng.random() < 0.5
        top = 3.0 if right else 0.2
        cases.append(case([top, 0.0, -1.0], rng.normal(size=3), [int(right), 0, 0]))
    model = fit_answerability(cases, 0.0)
    sure = model.probability(np.array([[3.0, 0.0, 0.0, 3.0]]))[0]
    unsure = model.probability(np.array([[0.2, 0.0, 0.0, 0.2]]))[0]
    assert sure > 0.8 > 0.2 > unsure
