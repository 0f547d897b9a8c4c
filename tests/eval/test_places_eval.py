"""The places eval: finding places, caching their indexes by content, scoring per place,
and the checker of their questions against the documents as ingested."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from eval import places
from eval.check_places import check_place, evidence_found, fold, page_text
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


PAGE = """<html><head><meta charset="gb2312"><title>松涛镇新闻</title>
<script>var x = "脚本里的字";</script></head><body>
<div class="nav">首页 | 政务公开</div>
<div class="article"><p>松涛镇本周完成危房改造12户，镇建设办负责验收，资金共计80万元。</p>
<p>镇里计划年内再改造30户，由镇建设办统筹，资金由县财政和镇财政共同承担。</p>
<p>改造户可向镇便民服务中心咨询办理进度，工作日上午九点至下午五点受理。</p></div>
<div class="footer">主办：松涛镇人民政府 网站标识码：9999990001</div>
</body></html>
"""


def test_the_checker_reads_documents_as_ingested(tmp_path: Path) -> None:
    root = _write(tmp_path)
    assert evidence_found(
        "2 新建公厕4座 蒋某 镇环卫所",
        "序号：2；项目：新建公厕4座；牵头领导：蒋某；责任单位：镇环卫所",
    )
    assert not evidence_found(
        "2 新建公厕4座 蒋某 镇环卫所", "序号：2；项目：新建公厕4座\n牵头领导：蒋某"
    )
    result = check_place(places.find_places(root)[0])
    # the two answers are found as ingested; only the set's size and share are short
    assert result.problems == [
        "songtao: 3 questions (< 40)",
        "songtao: 33% unanswerable (want 15-30 %)",
    ]
    assert result.notes == []
    assert "figure=1" in result.summary and "dev=1 test=2" in result.summary
    bad = [dict(QUESTIONS[0], answers=["7个"], place="songtao"), *QUESTIONS[1:]]
    bad[1] = dict(bad[1], place="elsewhere")
    result = check_place(places.find_places(_write(tmp_path / "bad", bad))[0])
    assert any("answer '7个' not inside its evidence" in p for p in result.problems)
    assert any("place 'elsewhere' in the folder of songtao" in p for p in result.problems)


def test_evidence_is_matched_in_the_forms_cleaning_writes() -> None:
    # cleaning writes a comma and brackets in Chinese text full-width and drops a
    # footnote mark after a word: evidence copied from the file is still found
    assert fold("总量 15.6 亿, 比上年(含)②达到") == fold("总量15.6亿，比上年（含）达到")
    assert evidence_found("生产总值②达到5481.6亿元, 增长3.5%", "生产总值达到5481.6亿元，增长3.5%。")
    assert not evidence_found("生产总值达到5481.7亿元", "生产总值达到5481.6亿元")


def test_a_page_is_checked_as_seen_and_its_lost_footer_noted(tmp_path: Path) -> None:
    # a page declaring gb2312 whose bytes are GB18030: its text, footer included, and
    # not its script
    seen = page_text(PAGE.encode("gb18030"))
    assert "网站标识码：9999990001" in seen and "危房改造12户" in seen
    assert "脚本里的字" not in seen
    docs = tmp_path / "songtao" / "docs"
    docs.mkdir(parents=True)
    (docs / "news.html").write_bytes(PAGE.encode("gb18030"))
    items = [
        dict(QUESTIONS[0], id=f"songtao-q{n:03d}", doc_id="news.html", split="dev", **q)
        for n, q in enumerate(
            (
                {"answers": ["12户"], "evidence": "本周完成危房改造12户"},
                {"answers": ["9999990001"], "evidence": "网站标识码：9999990001"},
                {"answers": ["8000户"], "evidence": "完成危房改造8000户"},
                {"answers": ["政务公开"], "evidence": "政务公开"},
            ),
            1,
        )
    ]
    (tmp_path / "songtao" / "questions.jsonl").write_text(
        "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in items), encoding="utf-8"
    )
    result = check_place(places.find_places(tmp_path)[0])
    # the footer's facts are ingested as the page's site information; the menu's words
    # are in the page (a sound question) but not in the index: a note
    assert result.notes == [
        "songtao:4 (songtao-q004): answer '政务公开' not in news.html as ingested"
    ]
    # evidence the page never shows is a problem of the question
    assert "songtao:3 (songtao-q003): evidence not in news.html: '完成危房改造8000户'" in (
        result.problems
    )


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
