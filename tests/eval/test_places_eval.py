"""The places eval: finding places, caching their indexes by content, scoring per place,
and the checker of their questions against the documents as ingested."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from eval import places
from eval.check_places import check_place, evidence_found
from lixia_qa.errors import LixiaError
from lixia_qa.settings import Settings

REPORT = """松涛镇2021年工作报告

2021年，全镇新建村级图书室6个，硬化道路12公里。

表1 松涛镇2021年民生实事

序号\t项目\t牵头领导\t责任单位
1\t改造危房40户\t卫某\t镇建设办
2\t新建公厕4座\t蒋某\t镇环卫所
"""

QUESTIONS = [
    {
        "id": "songtao-q001",
        "question": "松涛镇2021年新建了几个村级图书室",
        "type": "figure",
        "answers": ["6个"],
        "all_of": [],
        "doc_id": "report.txt",
        "evidence": "全镇新建村级图书室6个",
        "year": 2021,
        "subtype": "paraphrase",
        "split": "dev",
    },
    {
        "id": "songtao-q002",
        "question": "新建公厕谁牵头",
        "type": "owner",
        "answers": ["蒋某"],
        "all_of": [],
        "doc_id": "report.txt",
        "evidence": "2 新建公厕4座 蒋某 镇环卫所",
        "year": 2021,
        "subtype": "leader",
        "split": "test",
    },
    {
        "id": "songtao-q003",
        "question": "松涛镇有几所中学",
        "type": "unanswerable",
        "answers": [],
        "all_of": [],
        "doc_id": None,
        "evidence": None,
        "year": None,
        "subtype": "unstated",
        "split": "test",
    },
]
LIMITS = {
    "answer_accuracy": 0.0,
    "type_accuracy": 0.0,
    "abstention": 0.0,
    "false_abstention_max": 1.0,
    "citations_valid": 0.0,
    "hit@5": 0.0,
}


def _write(root: Path, items: list[dict] = QUESTIONS) -> Path:
    docs = root / "songtao" / "docs"
    docs.mkdir(parents=True)
    (docs / "report.txt").write_text(REPORT, encoding="utf-8")
    (root / "songtao" / "questions.jsonl").write_text(
        "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in items), encoding="utf-8"
    )
    (root / "thresholds.json").write_text(json.dumps({"default": LIMITS}), encoding="utf-8")
    return root


def test_find_places(tmp_path: Path) -> None:
    root = _write(tmp_path)
    (root / "empty").mkdir()
    assert [p.name for p in places.find_places(root)] == ["songtao"]
    with pytest.raises(LixiaError, match="no place nowhere"):
        places.find_places(root, ["nowhere"])


def test_the_key_follows_the_documents(tmp_path: Path, settings: Settings) -> None:
    docs = _write(tmp_path) / "songtao" / "docs"
    key = places.content_key(docs, settings)
    assert places.content_key(docs, settings) == key
    (docs / "report.txt").write_text(REPORT + "\n补记一句。", encoding="utf-8")
    assert places.content_key(docs, settings) != key
    assert places.content_key(docs, settings.model_copy(update={"chunk_size": 99})) != key


def test_the_checker_reads_documents_as_ingested(tmp_path: Path) -> None:
    root = _write(tmp_path)
    assert evidence_found(
        "2 新建公厕4座 蒋某 镇环卫所",
        "序号：2；项目：新建公厕4座；牵头领导：蒋某；责任单位：镇环卫所",
    )
    assert not evidence_found(
        "2 新建公厕4座 蒋某 镇环卫所", "序号：2；项目：新建公厕4座\n牵头领导：蒋某"
    )
    problems, summary = check_place(places.find_places(root)[0])
    # the two answers are found as ingested; only the set's size and share are short
    assert problems == ["songtao: 3 questions (< 40)", "songtao: 33% unanswerable (want 15-30 %)"]
    assert "figure=1" in summary and "dev=1 test=2" in summary
    bad = [dict(QUESTIONS[0], answers=["7个"]), *QUESTIONS[1:]]
    problems, _ = check_place(places.find_places(_write(tmp_path / "bad", bad))[0])
    assert any("answer '7个' not in report.txt as ingested" in p for p in problems)


def test_each_place_is_scored_and_its_index_kept(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _write(tmp_path / "places")
    args = argparse.Namespace(
        places_dir=str(root),
        place=None,
        thresholds=None,
        cache=str(tmp_path / "cache"),
        split=None,
        run_out=str(tmp_path / "run.jsonl"),
        json_out=str(tmp_path / "places.json"),
    )
    assert places.main(args, settings) == 0
    result = json.loads((tmp_path / "places.json").read_text(encoding="utf-8"))
    assert set(result) == {"songtao", "total", "failures"}
    assert result["songtao"]["splits"]["test"]["overall"]["n"] == 2
    assert result["total"]["overall"]["n"] == 3
    rows = [json.loads(ln) for ln in (tmp_path / "run.jsonl").read_text("utf-8").splitlines()]
    assert {r["place"] for r in rows} == {"songtao"}
    built: list[object] = []
    monkeypatch.setattr("ingest.pipeline.build_index", lambda *a, **k: built.append(a))
    assert places.main(args, settings) == 0
    assert built == []  # same documents, same code: the index is not built again
