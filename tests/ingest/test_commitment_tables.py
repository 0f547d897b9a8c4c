"""Commitments in every common form: any subset of owner labels, and task tables."""

import pytest

from answer.records import filter_commitments
from ingest.clean import clean_text
from ingest.commitment_tables import column_roles
from ingest.commitments import parse_commitments
from ingest.tables import format_table

TABLE = format_table(
    [
        [
            "序号",
            "项目名称",
            "建设内容",
            "牵头领导",
            "牵头单位",
            "责任单位",
            "配合单位",
            "完成时限",
        ],
        [
            "1",
            "农村公路加装护栏",
            "201公里",
            "谭明",
            "区交通运输委",
            "各镇乡人民政府",
            "区财政局",
            "2024年10月底",
        ],
        ["2", "新建城市公园", "3个", "刘芳", "区城市管理局", "区住房城乡建委", "", "2024年12月底"],
    ]
)


@pytest.mark.parametrize(
    ("header", "roles"),
    [
        (("序号", "任务", "责任单位"), ["index", "task", "units"]),
        (
            ("项目", "牵头领导", "牵头部门", "配合单位", "完成时限"),
            ["task", "leaders", "lead_units", "partner_units", "deadline"],
        ),
        (("工作任务", "区级领导", "责任部门", "责任人"), ["task", "leaders", "units", "leaders"]),
    ],
)
def test_column_roles(header: tuple[str, ...], roles: list[str]) -> None:
    assert column_roles(header) == roles


def test_table_rows_become_commitments_spanning_the_row() -> None:
    text = clean_text(f"一、交通民生实事\n\n{TABLE}")
    first, second = parse_commitments("t.docx", text, lambda _: ("一、交通民生实事",))
    assert first.task == "农村公路加装护栏 | 201公里"
    assert text[first.start : first.end] == (
        "农村公路加装护栏 | 201公里 | 谭明 | 区交通运输委 | 各镇乡人民政府 | 区财政局 | 2024年10月底"
    )
    assert text[first.record_start :].startswith("谭明 | 区交通运输委")
    assert (first.leaders, first.lead_units, first.units, first.partner_units) == (
        ("谭明",),
        ("区交通运输委",),
        ("各镇乡人民政府",),
        ("区财政局",),
    )
    assert first.deadline == "2024年10月底"
    assert first.headings == ("一、交通民生实事",)
    assert second.partner_units == ()
    assert filter_commitments([first, second], unit="财政局") == [first]


def test_a_table_without_owner_columns_gives_nothing() -> None:
    text = format_table([["指标", "数值"], ["高标准农田", "5.6"]])
    assert parse_commitments("t.csv", text) == ()


@pytest.mark.parametrize(
    ("record", "leaders", "lead_units", "units", "partners"),
    [
        ("（责任单位：区教委）", (), (), ("区教委",), ()),
        ("（牵头领导：谭明）", ("谭明",), (), (), ()),
        (
            "（牵头部门：区发展改革委；配合单位：区财政局、区统计局）",
            (),
            ("区发展改革委",),
            (),
            ("区财政局", "区统计局"),
        ),
        (
            "（责任领导：刘芳；牵头单位：区民政局；责任单位：各街道办事处）",
            ("刘芳",),
            ("区民政局",),
            ("各街道办事处",),
            (),
        ),
    ],
)
def test_any_subset_of_labels(record: str, leaders, lead_units, units, partners) -> None:  # type: ignore[no-untyped-def]
    text = f"新建社区养老服务中心15个。{record}"
    (c,) = parse_commitments("a.txt", text)
    assert c.task == "新建社区养老服务中心15个。"
    assert (c.leaders, c.lead_units, c.units, c.partner_units) == (
        leaders,
        lead_units,
        units,
        partners,
    )
    assert text[c.record_start] == "（"
