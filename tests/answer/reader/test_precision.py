"""The reader's precision: the calibration's (bf16) on a CPU with bf16 instructions, fp32
on one that would emulate bf16; a setting overrides, and a bad value is refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from pydantic import ValidationError

from answer.config import AnswerConfig
from answer.reader import reader as reader_module
from answer.reader.model import ReaderUnit
from answer.reader.modelfile import ModelFile
from answer.reader.reader import Reader, faster_precision, native_bf16, served_precision
from lixia_qa.settings import Settings

SHIPPED = Path(__file__).resolve().parents[3] / "answer" / "models" / "reader"
AVX2 = {"avx2": True, "avx512_f": False, "avx512_bf16": False, "amx_bf16": False}
SAPPHIRE = {"avx2": True, "avx512_f": True, "avx512_bf16": True, "amx_bf16": True}
ARM = {"architecture": "aarch64", "bf16": True, "num_logical_cores": 2}


@pytest.mark.parametrize(
    ("caps", "native"),
    [(AVX2, False), (SAPPHIRE, True), (ARM, True), ({}, False), ({"bf16_note": "x"}, False)],
)
def test_native_bf16_reads_any_bf16_capability(caps: dict[str, object], native: bool) -> None:
    assert native_bf16(caps) is native


def test_auto_runs_fp32_where_bf16_would_be_emulated() -> None:
    assert served_precision("auto", "bf16", AVX2) == "fp32"
    assert served_precision("auto", "bf16", SAPPHIRE) == "bf16"
    # a calibration fitted in another precision is kept: auto only avoids emulated bf16
    assert served_precision("auto", "int8", AVX2) == "int8"
    assert served_precision("auto", "fp32", SAPPHIRE) == "fp32"


def test_auto_runs_what_reads_faster_where_the_cpu_has_bf16() -> None:
    """Some CPUs with bf16 instructions read slower in bf16 than in fp32: auto asks."""
    assert served_precision("auto", "bf16", SAPPHIRE, faster=lambda: "fp32") == "fp32"
    assert served_precision("auto", "bf16", SAPPHIRE, faster=lambda: "bf16") == "bf16"
    # where bf16 is emulated, or another precision was fitted, nothing is timed
    never = lambda: pytest.fail("timed")  # noqa: E731
    assert served_precision("auto", "bf16", AVX2, faster=never) == "fp32"
    assert served_precision("auto", "int8", SAPPHIRE, faster=never) == "int8"
    assert served_precision("bf16", "bf16", SAPPHIRE, faster=never) == "bf16"


def test_the_faster_precision_is_the_one_with_the_shortest_read(base: ModelFile) -> None:
    if not (SHIPPED / "manifest.json").is_file():
        pytest.skip("no reader shipped")
    reader = Reader.load(SHIPPED, base, precision="fp32", threads=None)

    def clock(bf16_takes: float, fp32_takes: float):  # type: ignore[no-untyped-def]
        # each read reads the clock twice; bf16's four reads come first
        steps = [bf16_takes] * 4 + [fp32_takes] * 4
        ticks = iter([t for step in steps for t in (0.0, step)])
        return lambda: next(ticks)

    assert faster_precision(reader.model, reader.tokenizer, clock(0.2, 0.1)) == "fp32"
    assert faster_precision(reader.model, reader.tokenizer, clock(0.1, 0.2)) == "bf16"


def test_a_named_precision_is_run_as_asked_and_none_is_the_fitted_one() -> None:
    assert served_precision("bf16", "bf16", AVX2) == "bf16"
    assert served_precision("int8", "bf16", SAPPHIRE) == "int8"
    assert served_precision(None, "bf16", AVX2) == "bf16"
    with pytest.raises(ValueError, match="precision must be"):
        served_precision("fp16", "bf16", AVX2)


def test_the_setting_reaches_the_answer_config(monkeypatch: pytest.MonkeyPatch) -> None:
    assert AnswerConfig.from_settings(Settings()).reader_precision == "auto"
    monkeypatch.setenv("LIXIA_READER_PRECISION", "fp32")
    assert AnswerConfig.from_settings(Settings()).reader_precision == "fp32"
    monkeypatch.setenv("LIXIA_READER_PRECISION", "half")
    with pytest.raises(ValidationError, match="reader_precision"):
        Settings()


def test_the_shipped_reader_loads_fp32_on_a_cpu_without_bf16(
    base: ModelFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not (SHIPPED / "manifest.json").is_file():
        pytest.skip("no reader shipped")
    monkeypatch.setattr(torch.cpu, "get_capabilities", lambda: AVX2)
    fp32 = Reader.load(SHIPPED, base, precision="auto", threads=None)
    assert fp32.precision == "fp32"
    monkeypatch.setattr(torch.cpu, "get_capabilities", lambda: SAPPHIRE)
    monkeypatch.setattr(reader_module, "faster_precision", lambda *_: "bf16")
    bf16 = Reader.load(SHIPPED, base, precision="auto", threads=None)
    assert bf16.precision == "bf16"
    units = [
        ReaderUnit("新建中小学幼儿园6所。", "青山区政府工作报告"),
        ReaderUnit("建成公园3处。", "通知"),
    ]
    # the same model either way: fp32's logits stay within bf16's rounding of them
    q = "青山区新建了几所学校？"
    assert np.allclose(fp32.scores(q, units), bf16.scores(q, units), atol=0.1)
