"""Finding commitment records at question time (answer.records), on records parsed from
text written for the tests."""

from __future__ import annotations

import pytest

from answer.records import (
    filter_commitments,
    leader_matches,
    named_owners,
    owned_records,
    owner_role,
    short_forms,
    unit_core,
    unit_matches,
    unit_named_in,
)
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


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("人力资源和社会保障局", "人社局"),
        ("住房和城市建设局", "住建局"),
        ("住房和城乡建设局", "住建局"),
        ("发展和改革委员会", "发改委"),
        ("教育和体育局", "教体局"),
        ("教育和体育局", "教育局"),
        ("文化和旅游局", "文旅局"),
        ("工业和信息化局", "工信局"),
        ("卫生健康委员会", "卫健委"),
        ("城市管理局", "城管局"),
        ("市场监督管理局", "市场监管局"),
        ("市场监督管理局", "市监局"),
        ("应急管理局", "应急局"),
        ("科学技术局", "科技局"),
        ("生态环境局", "环保局"),
    ],
)
def test_common_short_forms_of_unit_names(full: str, short: str) -> None:
    assert short in short_forms(full)
    assert unit_matches(short, f"青川区{full}")  # the short form finds the full name
    assert unit_matches(f"区{full}", short)  # and the full name a record's short form


def test_short_forms_never_join_two_different_units() -> None:
    assert short_forms("财政局") == set()  # nothing to shorten
    assert not unit_matches("住房保障局", "区住房和城市建设局")  # both shorten to 住房局
    assert not unit_matches("人社局", "区住房和城市建设局")
    assert not unit_matches("文旅局", "区教育和体育局")


def test_a_question_names_a_unit_by_its_short_form() -> None:
    assert unit_named_in("住建局今年牵头哪些工作？", "青川区住房和城市建设局")
    assert unit_named_in("区住房和城市建设局负责什么", "住房和城市建设局")
    assert not unit_named_in("住房今年有什么变化", "区住房和城市建设局")  # 住房: two characters
    records = [
        Commitment("t@1", "t", "新建保障房", ("林一帆",), (), ("区住房和城市建设局",), 0, 5),
        Commitment("t@9", "t", "新增就业", ("周敏华",), (), ("区人力资源和社会保障局",), 9, 14),
    ]
    assert named_owners("住建局和林一帆负责什么", records) == ({"林一帆"}, {"区住房和城市建设局"})
    assert named_owners("人社局的任务", records) == (set(), {"区人力资源和社会保障局"})


def test_filter_finds_records_by_a_short_form(parsed: tuple[Commitment, ...]) -> None:
    full = filter_commitments(parsed, unit="人力资源和社会保障局")
    assert full and filter_commitments(parsed, unit="人社局") == full


def test_owned_records_are_those_of_any_named_owner() -> None:
    a = Commitment("t@1", "t", "甲", ("林一帆",), (), ("区商务局",), 0, 1)
    b = Commitment("t@2", "t", "乙", ("周敏华",), ("区财政局",), (), 2, 3)
    c = Commitment("t@3", "t", "丙", ("周敏华",), (), ("区商务局",), 4, 5)
    assert owned_records([a, b, c], {"林一帆"}, set()) == [a]
    assert owned_records([a, b, c], set(), {"区商务局"}) == [a, c]
    assert owned_records([a, b, c], {"周敏华"}, {"区商务局"}) == [a, b, c]


def test_a_units_own_records_before_those_it_shares_or_supports() -> None:
    """住建局负责哪些事: the records it leads come before those it is responsible for
    beside others, and those before the ones it only supports (配合单位)."""
    shares = Commitment(
        "t@1", "t", "甲", ("林一帆",), ("区发展和改革局",), ("区住房和城市建设局",), 0, 1
    )
    leads = Commitment("t@2", "t", "乙", ("周敏华",), ("区住房和城市建设局",), (), 2, 3)
    supports = Commitment(
        "t@3",
        "t",
        "丙",
        ("周敏华",),
        ("区财政局",),
        (),
        4,
        5,
        partner_units=("区住房和城市建设局",),
    )
    units = {"区住房和城市建设局"}
    assert [owner_role(c, set(), units) for c in (shares, leads, supports)] == [1, 0, 2]
    assert owner_role(shares, {"林一帆"}, set()) == 0  # a leader named leads
