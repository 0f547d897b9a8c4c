"""Groups, a few training steps on a tiny set, and the weights file round trip."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from answer.reader.encoder import E5Tokenizer
from answer.reader.model import CrossEncoder, PairEncoder, ReaderConfig, ReaderUnit
from answer.reader.modelfile import ModelFile
from answer.reader.reader import Calibration, Reader
from answer.reader.weights import MANIFEST, load_model, save
from learn.reader.data import PassageIndex, build_groups, holds_answer, is_held_out, load_corpus
from learn.reader.loop import LoopConfig, group_loss, sample, train
from learn.reader.prepare import DataConfig, prepare
from learn.train import held_out
from lixia_qa.errors import ModelLoadError

SMALL = ReaderConfig(layers=2, max_len=48, dropout=0.0)
UNITS = [
    ReaderUnit("2023年青山区新建中小学幼儿园6所。", "青山区教育"),
    ReaderUnit("全区教师总数达到5100人。", "青山区教育"),
]


def test_groups_follow_the_answers(tiny_root: Path) -> None:
    corpus = load_corpus(tiny_root, "tiny")
    groups = build_groups(
        corpus, PassageIndex(corpus), corpus.questions, [True] * len(corpus.questions)
    )
    rows = corpus.doc_index()
    answerable = [g for g in groups if g.answerable]
    assert len(answerable) == len(corpus.questions)
    for g in groups:
        q = next(q for q in corpus.questions if q.qid == g.qid)
        gold = rows[q.gold_doc]
        assert all(
            d == gold and holds_answer(corpus.units[d][i].text, q.answers) for d, i in g.positives
        )
        assert all(d == gold for d, _ in g.gold_negatives)
        assert all(
            d != gold for d, _ in g.near_negatives
        )  # near misses never see the gold paragraph
        assert not any(
            holds_answer(corpus.units[d][i].text, q.answers) for d, i in g.near_negatives
        )


def test_held_out_rule_is_the_learned_scorers(tiny_root: Path) -> None:
    corpus = load_corpus(tiny_root, "tiny")
    for q in corpus.questions:
        assert is_held_out("tiny", q) == held_out(q.gold_doc)
        assert is_held_out("xquad-zh", q)


def test_sampler_takes_the_hardest_negatives_first(tiny_root: Path) -> None:
    corpus = load_corpus(tiny_root, "tiny")
    group = build_groups(corpus, PassageIndex(corpus), corpus.questions[:1], [False])[0]
    c = replace(LoopConfig(), gold_hard=1, gold_random=0, near_hard=2, near_random=0)
    refs, labels = sample(group, np.random.default_rng(0), c)
    assert labels == [1] * len(group.positives) + [0] * 3
    assert refs[len(group.positives)] == group.gold_negatives[0]
    assert refs[-2:] == list(group.near_negatives[:2])


def test_loss_of_a_near_miss_is_no_answer() -> None:
    no_answer = torch.tensor([2.0])
    logits = torch.tensor([0.0, 0.0])
    # log(e^0 + e^0 + e^2) - 2 = log(2 + e^2) - 2
    expected = np.log(2 + np.exp(2.0)) - 2.0
    assert float(group_loss(logits, torch.tensor([0, 0]), no_answer, 0.0)) == pytest.approx(
        expected
    )
    # answerable, first positive: log(2 + e^2) - log(e^0)
    assert float(group_loss(logits, torch.tensor([1, 0]), no_answer, 0.0)) == pytest.approx(
        np.log(2 + np.exp(2.0))
    )


def test_a_few_steps_lower_the_loss_and_resume(
    tiny_root: Path,
    base: ModelFile,
    tokenizer: E5Tokenizer,
    tmp_path: Path,
    mean_loss: Callable[..., float],
) -> None:
    prepared = prepare(
        DataConfig(str(tiny_root), ("tiny",), near_miss=0.5), SMALL, tokenizer, tmp_path
    )
    assert prepared.train and list(tmp_path.glob("groups-*.pkl"))
    torch.manual_seed(0)
    model = CrossEncoder(base, SMALL)
    pairs = PairEncoder(tokenizer, SMALL)
    c = replace(
        LoopConfig(),
        epochs=5,
        warmup=2,
        lr=3e-4,
        head_lr=3e-3,
        freeze_layers=1,
        bf16=False,
        log_every=1000,
    )
    before = mean_loss(model, pairs, prepared, c)
    state = train(model, pairs, prepared, c, tmp_path / "checkpoint.pt")
    after = mean_loss(model, pairs, prepared, c)
    assert state.done and state.step > 0
    assert after < before * 0.85, (before, after)
    # a finished checkpoint resumes as finished, with the same weights
    again = CrossEncoder(base, SMALL)
    assert train(again, pairs, prepared, c, tmp_path / "checkpoint.pt").step == state.step
    assert torch.equal(again.head[1].weight, model.head[1].weight)


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory, base: ModelFile) -> tuple[Path, CrossEncoder]:
    torch.manual_seed(1)
    model = CrossEncoder(base, SMALL).eval()
    with torch.no_grad():
        model.head[-1].bias.fill_(0.3)
    folder = tmp_path_factory.mktemp("reader") / "reader"
    save(folder, model, base, {"calibration": {"a": 2.0, "b": -1.0}})
    return folder, model


def test_round_trip_gives_the_same_scores(
    saved: tuple[Path, CrossEncoder], base: ModelFile, tokenizer: E5Tokenizer
) -> None:
    folder, model = saved
    with torch.no_grad():  # what the file holds: the trained weights in fp16
        for p in model.parameters():
            if p.requires_grad:
                p.copy_(p.half().float())
    expected = Reader(model, tokenizer, precision="fp32").scores("青山区新建了几所学校？", UNITS)
    loaded = Reader.load(folder, base, precision="fp32", threads=None)
    assert np.allclose(loaded.scores("青山区新建了几所学校？", UNITS), expected, atol=1e-5)
    assert loaded.calibration == Calibration(2.0, -1.0)
    for precision in ("bf16", "int8"):
        served = Reader.load(folder, base, precision=precision, threads=None)
        proba = served.predict_proba("青山区新建了几所学校？", UNITS)
        assert proba.shape == (2,) and ((proba > 0) & (proba < 1)).all()
        assert np.allclose(served.scores("青山区新建了几所学校？", UNITS), expected, atol=0.1)


def test_weights_hold_only_what_was_trained(saved: tuple[Path, CrossEncoder]) -> None:
    folder, _ = saved
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["reader"]["layers"] == 2
    assert manifest["weights"]["bytes"] < 2 * 4 * 1024 * 1024  # two fp16 layers and a head
    from safetensors.torch import load_file

    names = set(load_file(str(folder / "reader.safetensors")))
    assert not any(n.startswith(("encoder.word", "encoder.pos", "encoder.eln")) for n in names)
    assert "no_answer" in names and "encoder.layers.1.fo.weight" in names


def test_load_refuses_another_base(
    saved: tuple[Path, CrossEncoder], base: ModelFile, tmp_path: Path
) -> None:
    folder, _ = saved
    other = tmp_path / "reader"
    shutil.copytree(folder, other)
    manifest = json.loads((other / MANIFEST).read_text(encoding="utf-8"))
    manifest["base_model"]["sha256"] = "0" * 64
    (other / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(ModelLoadError, match="train-reader"):
        load_model(other, base)


def test_load_refuses_other_layers(saved: tuple[Path, CrossEncoder], base: ModelFile) -> None:
    folder, _ = saved
    with pytest.raises(ModelLoadError, match="has 2 layers, 4 were asked"):
        load_model(folder, base, layers=4)


def test_missing_reader_says_what_to_run(tmp_path: Path, base: ModelFile) -> None:
    with pytest.raises(ModelLoadError, match="train-reader"):
        load_model(tmp_path, base)


def test_the_command_trains_and_writes_a_loadable_reader(
    tiny_root: Path, base: ModelFile, tmp_path: Path
) -> None:
    from learn.reader_train import main

    out = tmp_path / "reader"
    argv = [
        "--data",
        str(tiny_root),
        "--corpora",
        "tiny",
        "--run",
        str(tmp_path / "run"),
        "--out",
        str(out),
    ]
    argv += [
        "--layers",
        "1",
        "--max-len",
        "48",
        "--epochs",
        "1",
        "--eval-questions",
        "4",
        "--log-every",
        "1",
    ]
    assert main(argv) == 0
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["base_model"]["sha256"] == base.sha256
    assert set(manifest["training"]["data"]["tiny"]) == {"corpus.jsonl", "queries.jsonl"}
    assert manifest["training"]["history"] and "tiny" in manifest["held_out"]
    reader = Reader.load(out, base, threads=None)
    assert reader.predict_proba("青山区新建了几所学校？", UNITS).shape == (2,)
