"""Finding commitment records at question time (answer.records), on records parsed from
text written for the tests."""

from __future__ import annotations

import pytest

from answer.records import filter_commitments, leader_matches, unit_core, unit_matches
from ingest.commitments import parse_commitments
from lixia_qa.types import Commitment
from tests.ingest.test_commitments import TEXT, _by_task


@pytest.fixture(scope="module")
def parsed() -> tuple[Commitment, ...]:
    return parse_commitments("t.txt", TEXT, lambda start: ("heading", str(start)))


def test_unit_matches() -> None:
    assert unit_matches("商务局", "区商务局")
    assert unit_matches("区商务局", "区商务局")
    assert unit_matches("济南市历下区商务局", "区商务局")
    assert unit_matches("区房屋征收服务中心", "房屋征收服务中心")
    assert unit_matches("市场监督管理局", "区市场监督管理局")
    assert not unit_matches("商务局", "区投资促进局")
    assert not unit_matches("区管委会", "区商务局")
    assert unit_core("中央商务区管委会") == "中央商务区管委会"  # never down to a bare type


def test_leader_matches() -> None:
    assert leader_matches("林一帆", "林一帆")
    assert leader_matches("林一帆副区长", "林一帆")
    assert not leader_matches("周敏华", "林一帆")
    assert not leader_matches("", "林一帆")


def test_filter_commitments(parsed: tuple[Commitment, ...]) -> None:
    assert filter_commitments(parsed) == list(parsed)
    by_unit = filter_commitments(parsed, unit="商务局")
    assert [c.task[:4] for c in by_unit] == ["持续深化"]
    lead_unit = filter_commitments(parsed, unit="人力资源和社会保障局")
    assert {c.task[:4] for c in lead_unit} == {"新增城镇", "推动重点"}
    both = filter_commitments(parsed, leader="陈向东", unit="区住房和城市建设局")
    assert [c.task[:4] for c in both] == ["坚决打赢"]
    assert [c.task[:4] for c in filter_commitments(parsed, q="就业 周敏华")] == [
        "新增城镇",
        "推动重点",
    ]
    assert filter_commitments(parsed, q="南关街道") == [_by_task(parsed, "坚决打赢")]
    assert filter_commitments(parsed, q="没有的词") == []
