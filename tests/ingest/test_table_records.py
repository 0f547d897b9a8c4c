"""Tables as records: data rows as labelled text, header rows as labels, captions kept."""

import pytest

from ingest.clean import clean_text
from ingest.table_records import column_labels, is_number, record_line, tables_as_records
from ingest.tables import (
    bare_cell_tables,
    cell_line_tables,
    fill_merged,
    format_table,
    spread_spans,
)

POSTS = format_table(
    [
        ["序号", "单位", "职位", "联系人"],
        ["1", "松涛镇农业服务中心", "技术员", "郑某"],
        ["2", "松涛镇文化站", "", "冯某"],
    ]
)


def test_rows_become_labelled_lines_and_the_header_goes() -> None:
    text, (table,) = tables_as_records(f"说明一句。\n\n表4 松涛镇公开招聘岗位表\n{POSTS}\n\n后文。")
    assert text == (
        "说明一句。\n\n表4 松涛镇公开招聘岗位表\n\n"
        "序号：1；单位：松涛镇农业服务中心；职位：技术员；联系人：郑某\n"
        "序号：2；单位：松涛镇文化站；联系人：冯某\n\n后文。"
    )
    assert (table.title, table.columns) == (
        "表4 松涛镇公开招聘岗位表",
        ("序号", "单位", "职位", "联系人"),
    )
    assert text[table.caption_start :].startswith("表4")
    first, second = table.rows
    assert (first.number, second.number) == (1, 2)
    assert text[first.start : first.end].startswith("序号：1；")
    assert [text[a:b] for a, b in second.cells] == ["2", "松涛镇文化站", "", "冯某"]


def test_a_two_row_header_joins_group_and_sub_headings() -> None:
    rows = [
        ["指标", "2022年", "", "比上年增长"],
        ["", "绝对数", "占比%", ""],
        ["稻谷", "5.1", "40", "3"],
    ]
    text, (table,) = tables_as_records(format_table(rows))
    assert table.columns == ("指标", "2022年绝对数", "2022年占比%", "比上年增长")
    assert text == "指标：稻谷；2022年绝对数：5.1；2022年占比%：40；比上年增长：3"
    assert column_labels([["项目："]]) == ("项目",)


def test_group_lines_and_a_page_break_do_not_end_the_table() -> None:
    head = format_table([["序号", "事项", "牵头单位"], ["1", "修缮祠堂", "镇文化站"]])
    more = format_table([["2", "清理河道", "镇水务站"]])
    last = format_table([["3", "新建公厕", "镇城建办"]])
    text, (table,) = tables_as_records(f"{head}\n二、环境类\n{more}\n\n{last}")
    assert [r.number for r in table.rows] == [1, 2, 3]
    assert "\n\n二、环境类\n\n" in text
    assert text.endswith("序号：3；事项：新建公厕；牵头单位：镇城建办")


def test_two_columns_without_a_header_are_pairs() -> None:
    guide = format_table([["办理时限", "3个工作日"], ["收费标准", "不收费"]])
    text, (table,) = tables_as_records(guide)
    assert text == "办理时限：3个工作日\n收费标准：不收费"
    assert table.columns == ("", "")
    figures = format_table([["品种", "产量（吨）"], ["茶叶", "820"], ["板栗", "1,300"]])
    assert (
        tables_as_records(figures)[0]
        == "品种：茶叶；产量（吨）：820\n品种：板栗；产量（吨）：1,300"
    )


def test_a_text_without_tables_is_unchanged() -> None:
    assert tables_as_records("正文。\n\n没有表格。") == ("正文。\n\n没有表格。", ())


def test_record_line_spans() -> None:
    line, spans = record_line(("甲", "", "丙"), ["1", "二", ""])
    assert line == "甲：1；二"
    assert [line[a:b] for a, b in spans] == ["1", "二", ""]


@pytest.mark.parametrize(
    ("cell", "figure"),
    [("12.5", True), ("-3.1%", True), ("1,200", True), ("30万元", True), ("—", True)],
)
def test_is_number(cell: str, figure: bool) -> None:
    assert is_number(cell) is figure


@pytest.mark.parametrize("cell", ["%", "技术员", "2024年", "一、教育"])
def test_is_not_a_number(cell: str) -> None:
    assert not is_number(cell)


def test_spread_spans_fills_rows_and_keeps_columns() -> None:
    cells = [
        [("类别", 1, 1), ("项目", 1, 1), ("单位", 1, 1)],
        [("教育", 2, 1), ("新建学校", 1, 1), ("县教育局", 1, 1)],
        [("改造操场", 1, 1), ("县教育局", 1, 1)],
        [("二、卫生", 1, 3)],
    ]
    assert spread_spans(cells) == [
        ["类别", "项目", "单位"],
        ["教育", "新建学校", "县教育局"],
        ["教育", "改造操场", "县教育局"],
        ["二、卫生", "", ""],
    ]


def test_fill_merged_fills_only_rows_of_several_values() -> None:
    rows = [["甲", "1", "x"], [None, "2", "y"], ["小计", None, None]]
    assert fill_merged(rows) == [["甲", "1", "x"], ["甲", "2", "y"], ["小计", "", ""]]


def test_a_form_whose_rows_run_wider_than_its_first_gets_no_labels() -> None:
    form = format_table(
        [
            ["单位名称", "", "成立时间"],
            ["开户银行", "", "开户帐号", "", "备注"],
            ["联系人", "", "电话"],
        ]
    )
    text, (table,) = tables_as_records(form)
    assert text == "单位名称；成立时间\n开户银行；开户帐号；备注\n联系人；电话"
    assert not any(table.columns)


def test_a_second_header_row_under_a_heading_spanning_both() -> None:
    rows = [
        ["年份", "甲类水质", "乙类水质"],
        ["", "比例（%）", "比例（%）"],
        ["2021年", "80.5", "19.5"],
    ]
    text, (table,) = tables_as_records(format_table(rows))
    assert table.columns == ("年份", "甲类水质比例（%）", "乙类水质比例（%）")
    assert text == "年份：2021年；甲类水质比例（%）：80.5；乙类水质比例（%）：19.5"
    plain = [
        ["项目", "牵头单位", "备注"],
        ["", "县林业局", "春季"],
        ["植树造林", "县林业局", "秋季"],
    ]
    assert tables_as_records(format_table(plain))[1][0].columns == ("项目", "牵头单位", "备注")


STACKED = """二、主动公开政府信息情况
第一项
项目 | 本年制发件数 | 本年废止件数
规章 | 1 | 0
规范性文件 | 3 | 2
第五项
项目 | 本年处理决定数量
行政许可 | 12
第六项
项目 | 本年处理决定数量
行政处罚 | 4
三、其他情况"""


def test_a_header_heading_a_row_again_starts_a_table_of_its_own() -> None:
    """Stacked tables (a government information report's): each time the first column's
    heading heads a row again, a table with that row's labels begins, the line above it
    its caption; rows are not labelled by the first table's columns."""
    text, tables = tables_as_records(STACKED)
    assert "项目：行政许可；本年处理决定数量：12" in text
    assert "项目：行政处罚；本年处理决定数量：4" in text
    assert "本年制发件数：项目" not in text and "本年制发件数：本年处理决定数量" not in text
    assert [t.title for t in tables] == ["第一项", "第五项", "第六项"]
    assert tables[1].columns == ("项目", "本年处理决定数量")


def test_a_header_repeated_by_a_page_break_is_dropped() -> None:
    table = "项目 | 数量\n甲 | 1\n乙 | 2\n项目 | 数量\n丙 | 3"
    text, (only,) = tables_as_records(f"表1 某表\n{table}\n")
    assert text.count("项目：") == 3 and "项目：项目" not in text
    assert len(only.rows) == 3


PADDED = (
    "第一项 |\n||\n项目 |\n本年制发件数 |\n本年废止件数 |\n规章 |\n1 |\n0 |\n规范性文件 |\n3 |\n2 |"
)
UNPADDED = (
    "第一项 |\n项目 |\n本年制发件数 |\n本年废止件数 |\n规章 |\n1 |\n0 |\n规范性文件 |\n3 |\n2 |"
)
BARS_BELOW = "第一项\n|\n项目\n|\n本年制发件数\n|\n本年废止件数\n|\n规章\n|\n1\n|\n0\n|\n规范性文件\n|\n3\n|\n2\n|"


@pytest.mark.parametrize("copied", [PADDED, UNPADDED, BARS_BELOW])
def test_a_table_copied_one_cell_per_line_is_rebuilt(copied: str) -> None:
    """A web table copied with each cell on its line followed by a bar (empty cells as
    bars alone, or left out, or the bar on the next line) is rebuilt row by row."""
    text = cell_line_tables(f"二、主动公开情况\n{copied}\n三、其他")
    assert text == (
        "二、主动公开情况\n第一项\n项目 | 本年制发件数 | 本年废止件数\n"
        "规章 | 1 | 0\n规范性文件 | 3 | 2\n三、其他"
    )


BARE = (
    "表1 2022年全县生产总值及其增长速度\n指标\n绝对值（亿元）\n比上年增长（%）\n"
    "全县生产总值\n120.50\n5.2\n第一产业\n20.31\n3.1\n工业\n\n45.06\n\n-0.4\n"
    "年末全县常住人口30.1万人。"
)


def test_a_table_copied_one_cell_per_line_without_bars_is_rebuilt() -> None:
    """A bulletin's table copied with each cell on its line and no bars: rows of a label
    and the same number of figures under as many labels and one more become rows, so
    no later rule glues 120.50 and 5.2 into one figure; the caption and the prose after
    stay lines of their own."""
    assert bare_cell_tables(BARE) == (
        "表1 2022年全县生产总值及其增长速度\n指标 | 绝对值（亿元） | 比上年增长（%）\n"
        "全县生产总值 | 120.50 | 5.2\n第一产业 | 20.31 | 3.1\n工业 | 45.06 | -0.4\n"
        "年末全县常住人口30.1万人。"
    )
    without_corner = BARE.replace("指标\n", "")
    assert "\n | 绝对值（亿元） | 比上年增长（%）\n全县生产总值 | 120.50" in bare_cell_tables(
        without_corner
    )


@pytest.mark.parametrize(
    "text",
    [
        "一、综合\n全县生产总值\n120.50\n第一产业\n20.31",  # two rows are no table
        "办理地点\n县政务大厅\n办理时限\n5个工作日\n收费标准\n不收费",  # a form, no figures
        "联系电话\n0731-5622019\n邮编\n410000\n传真\n0731-5622018",  # numbers, but no header
    ],
)
def test_short_lines_that_are_no_bare_table_stay(text: str) -> None:
    assert bare_cell_tables(text) == text


def test_links_ending_with_a_bar_are_no_table() -> None:
    links = "市政府网站 |\n市发改委 |\n市教育局 |\n市财政局 |"
    assert cell_line_tables(links) == links


def test_a_form_copied_one_cell_per_line_becomes_labelled_lines() -> None:
    """A guide's form copied with each label and each value on a line of its own, blank
    lines between, is kept as labelled lines (it had been dropped as a list of links)."""
    form = "\n\n".join(
        [
            "事项名称 |",
            "临时身份证申领 |",
            "办理机构 |",
            "某县公安局户政科 |",
            "办理电话 |",
            "0000-1234567 |",
            "办理时限 |",
            "当场办结。 |",
            "备注 |",
            "|",
        ]
    )
    text = clean_text(f"{form}\n\n后文。")
    assert text.startswith(
        "事项名称：临时身份证申领\n办理机构：某县公安局户政科\n"
        "办理电话：0000-1234567\n办理时限：当场办结。"
    )
    assert "备注" not in text and text.endswith("后文。")
    # links with blank lines between them are still no form, whatever their count
    links = "\n\n".join(
        ["市政府网站 |", "市发改委 |", "市教育局 |", "市财政局 |", "市民政局 |", "市商务局 |"]
    )
    assert cell_line_tables(links) == links


def test_a_group_line_under_a_header_without_its_corner_cell_stays_in_the_table() -> None:
    """A header copied without the empty corner over the rows' labels is one cell
    narrower than the rows: a group line before rows as wide as the rows above it is
    still inside the table, and the rows after it are not read as a new table's header."""
    text, tables = tables_as_records(
        "表1 某表\n数量（个） | 金额（万元）\n合计 | 10 | 20\n一、分类\n甲 | 4 | 8\n乙 | 6 | 12\n后文。"
    )
    assert len(tables) == 1 and len(tables[0].rows) == 3
    assert "甲；数量（个）：4；金额（万元）：8" in text and "甲：乙" not in text


def test_a_header_copied_without_its_corner_cell_labels_the_figures() -> None:
    """Rows one cell wider than a header naming figures' columns: the corner over the
    rows' labels was left out, so the header labels the figures, not the labels."""
    text, _ = tables_as_records(
        "表1 某表\n面积（亩） | 产量（吨）\n合计 | 10 | 20\n甲 | 4 | 8\n后文。"
    )
    assert "甲；面积（亩）：4；产量（吨）：8" in text
    # a header opening with the labels' own heading is a header spanning cells: no guess
    text, _ = tables_as_records(
        "表1 某表\n指标 | 2023年\n粮食 | 100 | 5.2\n棉花 | 20 | 1.1\n后文。"
    )
    assert "粮食；100；5.2" in text


def test_repeated_blocks_of_field_lines_are_one_record_each() -> None:
    """A notice listing the same fields for each place (停水时间 / 停水原因 / 影响区域)
    becomes a table: each block one row, read as one record; a label no block fills
    stays a line once; other field lines stay as they are."""
    notice = (
        "停水时间：8月26日22:00--8月27日07:00\n停水原因：管道施工\n影响区域：青禾路沿线\n"
        "示意图如下：\n"
        "停水时间：8月26日23:00--8月27日04:00\n停水原因：地铁施工\n影响区域：东湖路一带\n"
        "示意图如下：\n请用户储水备用。"
    )
    text, tables = tables_as_records(clean_text(notice))
    assert text.split("\n") == [
        "停水时间：8月26日22:00--8月27日07:00；停水原因：管道施工；影响区域：青禾路沿线",
        "停水时间：8月26日23:00--8月27日04:00；停水原因：地铁施工；影响区域：东湖路一带",
        "示意图如下：",
        "请用户储水备用。",
    ]
    assert len(tables) == 1 and len(tables[0].rows) == 2
    # field lines above the blocks stay as they are
    headed = "标题：停水通知\n" + notice
    assert tables_as_records(clean_text(headed))[0].split("\n")[0] == "标题：停水通知"
    # a form's fields, each once, and blocks of two fields stay line by line
    form = "办理时间：工作日\n办理地点：政务大厅\n咨询电话：12345"
    assert clean_text(form) == form
    pairs = "联系人：张三\n电话：0531-1234567\n联系人：李四\n电话：0531-7654321"
    assert clean_text(pairs) == pairs


def test_a_group_heading_in_a_table_copied_cell_by_cell_is_folded_into_its_columns() -> None:
    """年度 | 合计 | 接待费 | 公车费 (over 合计 | 购置 | 运行): eight labels over rows of
    seven cells. The group heading, followed by its subtotal column, is folded into the
    labels after it, so 年度 heads the row labels and each figure keeps its column."""
    cells = ["年度", "合计", "接待费", "公车费", "合计", "购置", "运行"]
    cells += ["2015年", "2840", "1400", "1350", "73", "1277"]
    cells += ["2016年", "2364", "1356", "996", "37", "959"]
    text = "\n".join(f"{c}\n|" for c in cells)
    assert cell_line_tables(text).split("\n") == [
        "年度 | 合计 | 接待费 | 公车费合计 | 公车费购置 | 公车费运行",
        "2015年 | 2840 | 1400 | 1350 | 73 | 1277",
        "2016年 | 2364 | 1356 | 996 | 37 | 959",
    ]


def test_rows_under_a_category_spanning_them_start_at_their_number() -> None:
    """A category column left of 序号 filled once for the rows it spans: the rows after
    the first open with their number, under 序号, and take the category from above."""
    table = format_table(
        [
            ["大类", "序号", "工作任务", "分管领导"],
            ["一、提高保障水平", "1", "提高低保标准", "郑某"],
            ["2", "提高孤儿养育标准", "冯某"],
            ["二、改善居住条件", "3", "改造老旧小区", "郑某"],
        ]
    )
    text, _ = tables_as_records(f"表1 民生实事\n{table}\n后文。")
    assert "大类：一、提高保障水平；序号：2；工作任务：提高孤儿养育标准；分管领导：冯某" in text
    assert "大类：二、改善居住条件；序号：3；工作任务：改造老旧小区" in text


def test_a_cells_words_carried_onto_a_line_of_their_own_stay_in_its_row() -> None:
    """A row copied from a page with a line break inside a cell: the cell's last words on
    a line of their own under 序号, the other cells empty. They end the row above; a
    heading spanning the table (一、教育类) is still a group line."""
    text = (
        "序号 | 工作任务 | 责任单位 | 进展情况 |\n"
        "1 | 新改扩建小学1所 | 教体局 | 主体完工 |\n"
        "新增学位810个 | |||\n"
        "2 | 新建公园2个 | 住建局 | 顺利推进 |\n"
        "二、城建类 | |||\n"
        "3 | 改造老旧小区 | 住建局 | 完成设计 |"
    )
    out, (table,) = tables_as_records(f"表1 民生实事\n{text}\n后文。")
    assert (
        "序号：1；工作任务：新改扩建小学1所；责任单位：教体局；进展情况：主体完工 新增学位810个"
        in out
    )
    assert "\n\n二、城建类\n\n序号：3；" in out and len(table.rows) == 3
