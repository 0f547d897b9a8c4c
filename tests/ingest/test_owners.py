"""Owner records: field names to roles, values to names (records written for the test)."""

from __future__ import annotations

import pytest

from ingest.owners import (
    FIELD_NAME,
    Owners,
    dedupe,
    field_role,
    parse_owners,
    parse_record,
    split_names,
)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("牵头领导", "leaders"),
        ("分管领导", "leaders"),
        ("责任人", "leaders"),
        ("负责人", "leaders"),
        ("牵头单位", "lead_units"),
        ("主办单位", "lead_units"),
        ("主责部门", "lead_units"),
        ("配合单位", "partner_units"),
        ("协办单位", "partner_units"),
        ("参与部门", "partner_units"),
        ("责任单位", "units"),
        ("实施部门", "units"),
    ],
)
def test_field_roles(name: str, role: str) -> None:
    assert field_role(name) == role


@pytest.mark.parametrize(
    ("value", "names"),
    [
        ("区发展和改革局", ("区发展和改革局",)),  # never split on 和
        ("区财政局、区教育局", ("区财政局", "区教育局")),
        ("区财政局，区教育局,区民政局", ("区财政局", "区教育局", "区民政局")),
        ("林海、周敏；", ("林海", "周敏")),  # the field's closing mark is no name
        ("区 财政局", ("区财政局",)),  # spaces inside a name dropped
        ("区财政局、区财政局", ("区财政局",)),  # deduplicated, first kept
        # bare place names share the group's last unit type
        (
            "建新、解放路、文东街道办事处",
            ("建新街道办事处", "解放路街道办事处", "文东街道办事处"),
        ),
        ("东风、红旗镇", ("东风镇", "红旗镇")),
        # a unit of its own keeps its name; so do district-level names
        ("区城管局、文东街道", ("区城管局", "文东街道")),
        ("各街道、新华街道", ("各街道", "新华街道")),
        ("", ()),
    ],
)
def test_split_names(value: str, names: tuple[str, ...]) -> None:
    assert split_names(value) == names


def test_parse_owners_by_role() -> None:
    body = "牵头领导：林海、周敏；牵头单位：区教育局；责任单位：区财政局、区自然资源局；配合单位：各街道"
    assert parse_owners(body) == Owners(
        leaders=("林海", "周敏"),
        lead_units=("区教育局",),
        units=("区财政局", "区自然资源局"),
        partner_units=("各街道",),
    )
    assert parse_record(body) == (("林海", "周敏"), ("区教育局",), ("区财政局", "区自然资源局"))


def test_parse_owners_merges_repeated_roles_and_reads_ascii_marks() -> None:
    body = "责任单位: 区商务局, 区市场监管局; 实施部门：区商务局、区税务局"
    assert parse_owners(body) == Owners(units=("区商务局", "区市场监管局", "区税务局"))


def test_a_field_name_inside_a_value_starts_no_field() -> None:
    # "单位" inside a unit name is not followed by a colon: no new field
    body = "责任单位：区机关事务服务中心（本单位）"
    assert parse_owners(body).units == ("区机关事务服务中心（本单位）",)
    assert parse_owners("没有字段的文字") == Owners()


@pytest.mark.parametrize(
    ("text", "ok"),
    [("牵头领导", True), ("责任单位", True), ("配合部门", True), ("负责人", True), ("单位", False)],
)
def test_field_name_pattern(text: str, ok: bool) -> None:
    import re

    assert bool(re.fullmatch(FIELD_NAME, text)) is ok


def test_dedupe_keeps_order_and_drops_empties() -> None:
    assert dedupe(["乙", "", "甲", "乙"]) == ("乙", "甲")
