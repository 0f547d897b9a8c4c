"""A run packed for a GPU machine: the bundle holds the same inputs as the run, and the
trainer that reads it lowers the same loss and writes weights this machine loads."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from answer.reader.encoder import E5Tokenizer, Encoder
from answer.reader.model import CrossEncoder, PairEncoder, ReaderConfig, ReaderUnit
from answer.reader.modelfile import ModelFile
from answer.reader.weights import save
from learn.reader import device
from learn.reader.bundle import load, pack
from learn.reader.loop import LoopConfig
from learn.reader.objective import sample
from learn.reader.prepare import DataConfig, Prepared, group_units, prepare
from learn.reader_train import trained_elsewhere

SMALL = ReaderConfig(layers=2, max_len=48, dropout=0.0)


@pytest.fixture(scope="module")
def prepared(
    tiny_root: Path, tokenizer: E5Tokenizer, tmp_path_factory: pytest.TempPathFactory
) -> Prepared:
    return prepare(
        DataConfig(str(tiny_root), ("tiny",), near_miss=0.5),
        SMALL,
        tokenizer,
        tmp_path_factory.mktemp("run"),
    )


@pytest.fixture(scope="module")
def bundle(prepared: Prepared, base: ModelFile, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bundle") / "bundle.pkl"
    summary = pack(prepared, base, SMALL, path)
    assert summary["train_groups"] == len(prepared.train)
    return path


def test_bundle_rows_are_the_runs_rows_renumbered(
    prepared: Prepared, bundle: Path, tokenizer: E5Tokenizer
) -> None:
    blob = load(bundle)
    data = device.read_bundle(blob)
    tokens = blob["tokens"]
    pairs = PairEncoder(tokenizer, SMALL)
    c = LoopConfig()
    assert len(data.train) == len(prepared.train)
    for mine, theirs in zip(data.train, prepared.train, strict=True):
        assert mine.answerable == theirs.answerable and mine.qid == theirs.qid
        refs, labels = sample(mine, np.random.default_rng(3), c)
        expected_refs, expected_labels = sample(theirs, np.random.default_rng(3), c)
        assert labels == expected_labels
        question = prepared.questions[f"{theirs.corpus}/{theirs.qid}"]
        expected = [
            pairs.join(question, h, u) for h, u in group_units(prepared, theirs, expected_refs)
        ]
        rows = [data.row(int(mine.question), int(r)) for r in refs]
        assert [[int(tokens[t]) for t in row] for row in rows] == expected


def test_bundle_embeddings_are_the_model_files(bundle: Path, base: ModelFile) -> None:
    blob = load(bundle)
    ids = torch.arange(min(40, len(blob["tokens"])))[None, :]
    packed = device.BundleEncoder(blob, SMALL.layers).embed(ids)
    full = Encoder(base, SMALL.layers).embed(
        torch.from_numpy(blob["tokens"][: ids.shape[1]])[None, :]
    )
    assert torch.allclose(packed, full, atol=2e-2)  # rows stored in fp16


def test_a_bundle_of_another_format_is_refused(bundle: Path, tmp_path: Path) -> None:
    import pickle

    blob = load(bundle)
    blob["format"] = 99
    other = tmp_path / "old.pkl"
    other.write_bytes(pickle.dumps(blob))
    with pytest.raises(ValueError, match="format 99"):
        load(other)


def test_training_from_a_bundle_lowers_the_runs_loss_and_loads_here(
    prepared: Prepared,
    bundle: Path,
    base: ModelFile,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    mean_loss: Callable[..., float],
) -> None:
    torch.manual_seed(0)
    start = CrossEncoder(base, SMALL).eval()
    save(tmp_path / "init", start, base, {})
    pairs = PairEncoder(E5Tokenizer(base.vocabulary), SMALL)
    before = mean_loss(start, pairs, prepared)
    monkeypatch.setattr(
        device, "GPU_LOOP", replace(device.GPU_LOOP, warmup=2, head_lr=3e-3, bce_weight=0.5)
    )
    out = tmp_path / "out"
    args = ["--bundle", str(bundle), "--init", str(tmp_path / "init"), "--out", str(out)]
    args += ["--epochs", "5", "--groups-per-step", "2", "--lr", "3e-4", "--device", "cpu"]
    args += ["--freeze-layers", "1", "--eval-limit", "0"]  # no reads: the last epoch
    assert device.main(args) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["steps"] > 0 and report["bundle"]["base"] == base.sha256
    trained = CrossEncoder(base, SMALL)
    run = tmp_path / "run"
    run.mkdir()
    state = trained_elsewhere(trained, out, run)
    assert state.done and state.step == report["steps"]
    assert "learn.reader.device" in (run / "commands.txt").read_text(encoding="utf-8")
    after = mean_loss(trained, pairs, prepared)
    assert after < before * 0.85, (before, after)


def test_init_of_other_settings_is_refused(bundle: Path, base: ModelFile, tmp_path: Path) -> None:
    other = replace(SMALL, max_len=64)
    save(tmp_path / "init", CrossEncoder(base, other), base, {})
    with pytest.raises(ValueError, match="other reader settings"):
        device.build_model(load(bundle), tmp_path / "init", torch.device("cpu"))


def test_pack_train_elsewhere_and_finish_here_write_a_loadable_reader(
    tiny_root: Path, base: ModelFile, tmp_path: Path
) -> None:
    """The three commands of a GPU run, end to end on the tiny set: pack here, train from
    the bundle (here on the CPU), then calibrate, measure and export here."""
    from answer.reader.reader import Reader
    from answer.reader.weights import MANIFEST
    from learn.reader_train import main

    run, out = tmp_path / "run", tmp_path / "reader"
    common = ["--data", str(tiny_root), "--corpora", "tiny", "--run", str(run)]
    common += ["--layers", "1", "--max-len", "48", "--eval-questions", "4"]
    assert main([*common, "--pack", str(run / "bundle.pkl")]) == 0
    save(tmp_path / "init", CrossEncoder(base, ReaderConfig(layers=1, max_len=48)), base, {})
    trained = tmp_path / "trained"
    argv = ["--bundle", str(run / "bundle.pkl"), "--init", str(tmp_path / "init")]
    argv += ["--out", str(trained), "--epochs", "1", "--groups-per-step", "2"]
    assert device.main([*argv, "--device", "cpu", "--eval-limit", "0"]) == 0
    assert main([*common, "--finish-from", str(trained), "--out", str(out)]) == 0
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert (
        manifest["training"]["steps"] == json.loads((trained / "report.json").read_text())["steps"]
    )
    assert any("learn.reader.device" in line for line in manifest["training"]["history"])
    assert "tiny" in manifest["held_out"] and manifest["calibration"]["units"] > 0
    reader = Reader.load(out, base, threads=None)
    assert reader.predict_proba("青山区新建了几所学校？", [ReaderUnit("新建学校3所。")]).shape == (
        1,
    )
