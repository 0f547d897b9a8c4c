"""Tables copied one cell per line under 序号, their rows opening with their number."""

from __future__ import annotations

import random

import pytest

from ingest.clean import clean_text
from ingest.commitments import parse_commitments
from ingest.numbered_tables import (
    _item_table,
    column_kind,
    lay_row,
    lay_rows,
    numbered_cell_tables,
    spaced_cell_tables,
)
from ingest.table_records import tables_as_records

# one cell per line between blank lines: row 1's units written one per line, row 3
# without a unit, row 4 holding two tasks that share one unit
BARE = """云岭县2021年民生实事任务分解表

序号

民生实事

责任单位

完成时限

1

改造城区老旧供水管网12公里。

县水务局

县住建局

10月底前

2

新建城东农贸市场1个。

县商务局

12月底前

3

开展全民健身运动会。

9月底前

4

建成县福利院二期。

县民政局

6月底前

启动县救助站改造。

12月底前

分享到："""

BARE_ROWS = [
    "序号 | 民生实事 | 责任单位 | 完成时限",
    "1 | 改造城区老旧供水管网12公里。 | 县水务局、县住建局 | 10月底前",
    "2 | 新建城东农贸市场1个。 | 县商务局 | 12月底前",
    "3 | 开展全民健身运动会。 |  | 9月底前",
    "4 | 建成县福利院二期。 | 县民政局 | 6月底前",
    "4 | 启动县救助站改造。 | 县民政局 | 12月底前",
]


def test_a_table_between_blank_lines_is_rebuilt_row_by_row() -> None:
    text = numbered_cell_tables(BARE)
    assert text.startswith("云岭县2021年民生实事任务分解表\n\n" + "\n".join(BARE_ROWS))
    assert text.endswith("\n分享到：")  # the line after the table is no cell of it


# each cell ending with a bar, empty cells as bars alone; the copy starts at row 7 and
# the rows leave the first task column empty (it spans rows above the copy)
BARRED = """2022年重点民生实事推进情况
序号 |
项目类别 |
年度目标任务 |
分管领导 |
牵头单位 |
1-9月推进情况 |
是否达序时 |
说明 |
7 |
改建城西公厕6座。 |
冯立新 |
县城管局 |
已完成4座。 |
是 |
||
8 |
新增公共停车泊位300个。 |
冯立新 |
县城管局 |
已施工,完成泊位120个。 |
否 |
招标推迟1个月。 |
|
正文继续。"""


def test_a_table_written_with_bars_is_rebuilt_from_a_later_row() -> None:
    text = numbered_cell_tables(BARRED)
    assert text.split("\n")[1:5] == [
        "序号 | 项目类别 | 年度目标任务 | 分管领导 | 牵头单位 | 1-9月推进情况 | 是否达序时 | 说明",
        "7 |  | 改建城西公厕6座。 | 冯立新 | 县城管局 | 已完成4座。 | 是",
        "8 |  | 新增公共停车泊位300个。 | 冯立新 | 县城管局 | 已施工,完成泊位120个。 | 否 | "
        "招标推迟1个月。",
        "正文继续。",
    ]


def test_the_rebuilt_rows_give_one_commitment_each() -> None:
    """Each row naming its unit; row 3 names none, so it is no one's commitment."""
    text, tables = tables_as_records(clean_text(BARE))
    commitments = parse_commitments("t.html", text, lambda _: (), tables)
    assert [(c.task, c.units, c.deadline) for c in commitments] == [
        ("改造城区老旧供水管网12公里。", ("县水务局", "县住建局"), "10月底前"),
        ("新建城东农贸市场1个。", ("县商务局",), "12月底前"),
        ("建成县福利院二期。", ("县民政局",), "6月底前"),
        ("启动县救助站改造。", ("县民政局",), "12月底前"),
    ]


def test_text_that_is_no_such_table_is_left_as_it_was() -> None:
    prose = "序号\n\n说明：本表所列事项按时间先后排列，详见正文各节的说明。\n\n1\n\n第一项。"
    assert numbered_cell_tables(prose) == prose
    # numbered lines without a header under 序号
    listed = "工作安排\n\n1\n\n开展宣传。\n\n2\n\n组织培训。"
    assert numbered_cell_tables(listed) == listed
    # rows whose cells do not lie on the columns: a header of units and deadlines over
    # rows of figures alone
    figures = "序号\n责任单位\n完成时限\n1\n25.3\n17.9\n2\n30.1\n12.4"
    assert numbered_cell_tables(figures) == figures


def test_column_kinds_come_from_the_labels() -> None:
    kinds = [column_kind(label) for label in ("分管 领导", "牵头单位", "责任主体与协同单位")]
    assert kinds == ["person", "unit", "unit"]
    assert [column_kind(x) for x in ("完成时限", "建设时间", "是否达序", "投资金额(万元)")] == [
        "date",
        "date",
        "yesno",
        "number",
    ]
    assert column_kind("項目名稱") == "text"


def test_cells_are_laid_by_what_they_look_like() -> None:
    kinds = ["text", "unit", "date"]
    # several units in one unit column; a missing unit leaves its column empty
    assert lay_row(["修路。", "县交通局", "县财政局", "年底前"], kinds) == (
        pytest.approx(0.1),
        ["修路。", "县交通局、县财政局", "年底前"],
    )
    assert lay_row(["修路。", "年底前"], kinds) == (
        pytest.approx(1.0, abs=0.01),
        ["修路。", "", "年底前"],
    )
    # more cells than the columns take
    assert lay_row(["修路。", "年底前", "补充说明一句。", "又一句。"], kinds) is None
    # a row of two tasks sharing a unit
    cost, rows = lay_rows(["修路。", "县交通局", "6月底前", "修桥。", "12月底前"], kinds)
    assert rows == [["修路。", "县交通局", "6月底前"], ["修桥。", "县交通局", "12月底前"]]


def test_a_long_text_after_the_table_is_no_part_of_its_last_row() -> None:
    prose = "\n\n".join(f"第{i}段正文，说明本表以外的工作安排。" for i in range(1, 31))
    text = numbered_cell_tables(f"{BARE}\n\n{prose}")
    assert "\n".join(BARE_ROWS) in text and text.endswith("第30段正文，说明本表以外的工作安排。")


def test_odd_cells_never_break_the_rule() -> None:
    """A circled numeral under 序号 is no row number; random runs of cells come back as
    they were or as rows, never as an error."""
    circled = "序号\n任务\n单位\n①\n修路\n县交通局\n2\n修桥\n县水务局"
    assert numbered_cell_tables(circled) == circled
    rng = random.Random(7)
    pool = [
        "序号",
        "任务",
        "责任单位",
        "完成时限",
        "1",
        "2",
        "3",
        "",
        "|",
        "||",
        "县水务局",
        "修路。",
        "12月底前",
        "是",
        "１",
        "²",
        "冯立新",
        "30万元",
    ]
    for _ in range(300):
        text = "\n".join(rng.choice(pool) for _ in range(rng.randint(1, 30)))
        assert isinstance(numbered_cell_tables("序号\n" + text), str)


def test_a_table_copied_with_spaces_between_its_cells_is_rebuilt_by_section() -> None:
    """A progress table copied with spaces between the cells of each row, a cell of
    several units running on over lines, and section headings among its rows: each
    section's rows under the header, the headings kept as lines of their own."""
    text = (
        "2025年区政府工作报告目标任务推进情况汇总表\n"
        "序号 目标任务 责任单位 推进情况\n"
        "一、主要预期目标\n"
        "1 地区生产总值增长6%以上。 区发展改革委 同比增长2.9%。\n"
        "2 第一产业增加值增长5%。 区农业农村委\n区林业局\n同比增长3.4%。\n"
        "二、重点工作\n"
        "3 启动创建科技型企业孵化器。 区科技局 全面启动创建工作。\n"
        "4 推进零部件产业发展。 区经济信息委 完成投资5亿元。"
    )
    assert spaced_cell_tables(text).split("\n") == [
        "2025年区政府工作报告目标任务推进情况汇总表",
        "一、主要预期目标",
        "序号 | 目标任务 | 责任单位 | 推进情况",
        "1 | 地区生产总值增长6%以上。 | 区发展改革委 | 同比增长2.9%。",
        "2 | 第一产业增加值增长5%。 | 区农业农村委、区林业局 | 同比增长3.4%。",
        "二、重点工作",
        "序号 | 目标任务 | 责任单位 | 推进情况",
        "3 | 启动创建科技型企业孵化器。 | 区科技局 | 全面启动创建工作。",
        "4 | 推进零部件产业发展。 | 区经济信息委 | 完成投资5亿元。",
    ]
    # a line of words after 序号 with no numbered rows under it stays as it was
    plain = "序号 名称 数量\n以上数据为初步统计。"
    assert spaced_cell_tables(plain) == plain


# a task table one cell per line whose numbered rows are sections holding items (1), (2),
# …: the leader's column label wrapped under its body (区政府 / 分管领导), a two-character
# name spaced to three (李 明), a unit's bracketed part on a line of its own, and merged
# cells written once at the first row they span
ITEMS = """附件1
2024年主要目标任务责任分解表
序号
目标名称
工 作 标 准
区政府
分管领导
牵头单位
配合单位
1
主要预期目标
(1)地区生产总值增长6%左右。
张建国
发改局
开发区
青山园
(东坪镇)
统计局
(2)一般公共预算收入增长3%以上。
财政局
(3)社会消费品零售总额增长6%左右。
李 明
商务局
(4)进出口总额稳中提质。
2
推动产业强区
(5)新增入库重大项目7个以上。
王小红
工信局
"""


def test_items_numbered_inside_sections_are_the_rows() -> None:
    rows = numbered_cell_tables(ITEMS).split("\n")[2:]
    assert rows[0] == "序号 | 目标名称 | 工作标准 | 区政府分管领导 | 牵头单位 | 配合单位"
    assert rows[1] == (
        "1 | 主要预期目标 | (1)地区生产总值增长6%左右。 | 张建国 | 发改局 | 开发区、青山园(东坪镇)、统计局"
    )
    assert (
        rows[2] == "1 | 主要预期目标 | (2)一般公共预算收入增长3%以上。 | 张建国 | 财政局"
    )  # leader merged
    assert rows[3] == "1 | 主要预期目标 | (3)社会消费品零售总额增长6%左右。 | 李明 | 商务局"
    assert rows[4] == "1 | 主要预期目标 | (4)进出口总额稳中提质。 | 李明 | 商务局"  # all merged
    assert rows[5] == "2 | 推动产业强区 | (5)新增入库重大项目7个以上。 | 王小红 | 工信局"
    text, tables = tables_as_records(clean_text(ITEMS))
    commitments = parse_commitments("t.html", text, lambda _: (), tables)
    owners = [(c.leaders, c.lead_units) for c in commitments]
    assert owners[0] == (("张建国",), ("发改局",)) and owners[2] == (("李明",), ("商务局",))
    assert len(commitments) == 5


def test_item_rows_whose_cells_are_no_owners_are_not_rebuilt_so() -> None:
    prose = ITEMS.replace(
        "财政局\n", "财政收入稳步增长，结构持续优化，各项重点支出得到有效保障。\n"
    )
    cells = [ln for ln in prose.split("\n")[2:] if ln]
    labels = ["目标名称", "工作标准", "区政府分管领导", "牵头单位", "配合单位"]
    kinds = [column_kind(label) for label in labels]
    assert _item_table(cells, cells.index("1"), labels, kinds) is None
    plain = [ln for ln in ITEMS.split("\n")[2:] if ln]
    assert _item_table(plain, plain.index("1"), labels, kinds)
