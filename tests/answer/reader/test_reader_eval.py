"""Metric code on hand-computed cases, Platt scaling, the calibrate/report split."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from learn.reader.calibrate import fit_platt, log_loss
from learn.reader.data import load_corpus
from learn.reader.evaluate import Outcome, auc, figures, held_out_questions


def test_auc_by_hand() -> None:
    # pairs (pos, neg): (3,1) win, (3,2) win, (2,1) win, (2,2) tie -> (3 + 0.5) / 4
    assert auc([3.0, 2.0], [1.0, 2.0]) == pytest.approx(3.5 / 4)
    assert auc([1.0], [2.0]) == 0.0
    assert np.isnan(auc([], [1.0]))


def test_figures_by_hand() -> None:
    outs = [
        Outcome(True, True, True, 0.9, 0.2),
        Outcome(True, False, True, 0.4, 0.5),
        Outcome(
            False, False, False, 0.8, 0.1, gold_possible=False
        ),  # gold not retrieved: not in the AUC's positives
    ]
    f = figures(outs)
    assert (f.n, f.gold_top1, f.top5_top1, f.recall5) == (
        3,
        pytest.approx(2 / 3),
        pytest.approx(1 / 3),
        pytest.approx(2 / 3),
    )
    # positives 0.9, 0.4 against negatives 0.2, 0.5, 0.1: 0.9 beats 3, 0.4 beats 2 -> 5 / 6
    assert f.auc == pytest.approx(5 / 6)
    assert (f.gold_ceiling, f.top5_ceiling) == (pytest.approx(2 / 3), 1.0)


def test_platt_recovers_a_known_calibration() -> None:
    rng = np.random.default_rng(0)
    logits = rng.normal(0, 2, 20000)
    labels = rng.random(20000) < 1 / (1 + np.exp(-(0.5 * logits - 1.0)))
    a, b = fit_platt(logits, labels.astype(int))
    assert a == pytest.approx(0.5, abs=0.05) and b == pytest.approx(-1.0, abs=0.05)
    assert log_loss([0.5, 0.5], [0, 1]) == pytest.approx(np.log(2))
    with pytest.raises(ValueError, match="both positive and negative"):
        fit_platt([1.0, 2.0], [1, 1])


def test_calibration_and_report_halves_are_disjoint(tiny_root: Path) -> None:
    corpus = load_corpus(tiny_root, "tiny")
    every = {q.qid for q in held_out_questions(corpus)}
    cal = {q.qid for q in held_out_questions(corpus, "calibrate")}
    rep = {q.qid for q in held_out_questions(corpus, "report")}
    assert cal | rep == every and not cal & rep
    assert len(held_out_questions(corpus, None, limit=1)) == min(1, len(every))


def test_platt_converges_on_far_apart_logits() -> None:
    # logits spread over +-40 with a rare positive class: a full Newton step from a = 1 overshoots
    rng = np.random.default_rng(1)
    logits = np.concatenate([rng.normal(-15, 8, 40000), rng.normal(6, 8, 1000)])
    labels = np.concatenate([np.zeros(40000), np.ones(1000)])
    a, b = fit_platt(logits, labels)
    assert 0 < a < 5 and abs(b) < 50
    p = 1 / (1 + np.exp(-(a * logits + b)))
    assert log_loss(p, labels) < log_loss(np.full(len(labels), labels.mean()), labels)
