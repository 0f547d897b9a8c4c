"""Commitments in every common form: any subset of owner labels, and task tables."""

import pytest

from answer.records import filter_commitments
from ingest.clean import clean_text
from ingest.commitment_tables import column_role, column_roles, is_task_table
from ingest.commitments import parse_commitments
from ingest.table_records import tables_as_records
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
        (("工作标准", "区政府分管领导", "旗级领导"), ["task", "leaders", "leaders"]),
    ],
)
def test_column_roles(header: tuple[str, ...], roles: list[str]) -> None:
    assert column_roles(header) == roles


def _parse(raw: str, headings=None):  # type: ignore[no-untyped-def]
    text, tables = tables_as_records(clean_text(raw))
    return text, parse_commitments("t.docx", text, headings, tables)


def test_table_rows_become_commitments_spanning_the_row() -> None:
    text, (first, second) = _parse(f"一、交通民生实事\n\n{TABLE}", lambda _: ("一、交通民生实事",))
    assert first.task == "农村公路加装护栏；建设内容：201公里"
    assert text[first.start : first.end] == (
        "农村公路加装护栏；建设内容：201公里；牵头领导：谭明；牵头单位：区交通运输委；"
        "责任单位：各镇乡人民政府；配合单位：区财政局；完成时限：2024年10月底"
    )
    assert text[first.record_start :].startswith("；牵头领导：谭明；牵头单位：区交通运输委")
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
    assert _parse(format_table([["指标", "数值"], ["高标准农田", "5.6"]]))[1] == ()


def test_a_recruitment_table_gives_no_commitments() -> None:
    table = format_table(
        [
            ["序号", "主管部门", "招聘单位", "岗位名称", "招聘人数", "联系人", "联系电话"],
            ["1", "镇人民政府", "镇农业服务中心", "技术员", "2", "周某", "0871-1234567"],
            ["2", "县卫生健康局", "县人民医院", "护士", "5", "吴某", "0871-7654321"],
        ]
    )
    text, commitments = _parse(f"表2 云岭县2022年事业单位公开招聘岗位表\n{table}")
    assert commitments == ()
    assert "单位：镇农业服务中心；岗位名称：技术员" in text


def test_a_task_table_with_leader_columns_gives_one_commitment_per_row() -> None:
    table = format_table(
        [
            ["序号", "重点任务", "牵头县领导", "牵头单位", "配合单位", "截至6月底完成情况"],
            ["1", "改造农村危房120户", "孙某", "县住建局", "各乡镇", "已完成86户"],
            ["2", "新建村级卫生室8个", "孙某", "县卫生健康局", "", "已开工5个"],
            ["3", "硬化村组道路30公里", "钱某", "县交通运输局", "县财政局", "完成12公里"],
        ]
    )
    text, commitments = _parse(f"云岭县2022年民生实事推进情况表\n\n{table}")
    assert [c.task for c in commitments] == [
        "改造农村危房120户",
        "新建村级卫生室8个",
        "硬化村组道路30公里",
    ]
    assert [c.leaders for c in commitments] == [("孙某",), ("孙某",), ("钱某",)]
    assert commitments[2].lead_units == ("县交通运输局",)
    assert commitments[2].partner_units == ("县财政局",)
    assert commitments[0].progress == "截至6月底完成情况：已完成86户"


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("牵头领导", "leaders"),
        ("市级牵头领导", "leaders"),
        ("牵头县领导", "leaders"),
        ("分管领导", "leaders"),
        ("牵头单位", "lead_units"),
        ("牵头责任单位", "lead_units"),
        ("主责部门", "lead_units"),
        ("责任单位", "units"),
        ("责任主体", "units"),
        ("配合部门", "partner_units"),
        ("协办单位", "partner_units"),
        ("联系人", "contact"),
        ("联系电话", "contact"),
        ("招聘单位", "task"),
        ("主管部门", "task"),
        ("单位", "task"),
        ("责任人", "person"),
        ("截至9月底进展情况", "progress"),
        ("完成时限", "deadline"),
    ],
)
def test_column_role(name: str, role: str) -> None:
    assert column_role(name) == role


def test_a_person_column_alone_makes_no_task_table() -> None:
    assert not is_task_table(("项目", "负责人", "联系电话"))
    assert is_task_table(("项目", "负责人", "责任单位"))


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
