"""Choosing a document's date among the ones it states, and the year a title fixes."""

import pytest

from ingest.dates import (
    agrees_with_title,
    bar_date,
    choose_date,
    date_line,
    delivery_date,
    labelled_date,
    speech_date,
    speech_venue,
    title_span,
    undated_delivery,
)
from ingest.metadata import describe, title_year


@pytest.mark.parametrize(
    ("title", "text", "stated", "expected"),
    [
        # a visible label beats the CMS date
        (
            "青禾县开展春季植树活动",
            "发布日期：2021-03-12\n\n全县干部群众参加植树。",
            {"meta": "2023-08-30"},
            ("2021-03-12", "visible label"),
        ),
        # a visible label read from the page outside the main text
        (
            "青禾县开展春季植树活动",
            "全县干部群众参加植树。",
            {"meta": "2023-08-30", "visible label": "2021-03-12"},
            ("2021-03-12", "visible label"),
        ),
        # a signature date line beats the CMS date
        (
            "关于做好汛期安全工作的通知",
            "各乡镇：做好汛期安全工作。\n\n青禾县人民政府\n\n2020年6月1日",
            {"meta": "2024-01-05"},
            ("2020-06-01", "text"),
        ),
        # the CMS date when nothing visible states one and the title agrees
        (
            "青禾县2019年统计公报",
            "全年粮食产量12万吨。",
            {"meta": "2020-03-02"},
            ("2020-03-02", "meta"),
        ),
        # a page re-published years later: the title's year wins, no date is kept
        ("青禾县2015年统计公报", "全年粮食产量12万吨。", {"meta": "2022-06-30"}, (None, "title")),
        # htmldate's guess is checked the same way
        ("青禾县2015年统计公报", "全年粮食产量12万吨。", {"page": "2022-06-30"}, (None, "title")),
        (
            "青禾县召开春耕会议",
            "会议部署春耕工作。",
            {"page": "2022-03-01"},
            ("2022-03-01", "page"),
        ),
        ("青禾县召开春耕会议", "会议部署春耕工作。", {}, (None, "")),
    ],
)
def test_choose_date(
    title: str, text: str, stated: dict[str, str], expected: tuple[str | None, str]
) -> None:
    assert choose_date(title, text, stated) == expected


@pytest.mark.parametrize(
    ("date", "title", "agrees"),
    [
        ("2016-02-28", "青禾县2015年国民经济和社会发展统计公报", True),  # the year after
        ("2014-12-20", "青禾县2015年民生实事项目", True),  # the December before
        ("2022-06-30", "青禾县2015年国民经济和社会发展统计公报", False),
        ("2027-01-10", "青禾县发展规划（2021—2025年）", False),
        ("2023-05-01", "青禾县发展规划（2021—2025年）", True),
        ("2030-01-01", "青禾县召开春耕会议", True),  # a title without a year
    ],
)
def test_agrees_with_title(date: str, title: str, agrees: bool) -> None:
    assert agrees_with_title(date, title) is agrees


def test_title_span() -> None:
    assert title_span("青禾县发展规划（2021—2025年）") == (2021, 2025)
    assert title_span("关于2023年预算执行情况和2024年预算草案的报告") == (2023, 2024)
    assert title_span("青禾县召开春耕会议") is None


@pytest.mark.parametrize(
    ("title", "published", "year"),
    [
        ("青禾县2015年国民经济和社会发展统计公报", 2016, 2015),  # a bulletin of N in N+1
        ("青禾县2015年国民经济和社会发展统计公报", 2022, 2015),  # re-published years later
        ("青禾县2015年国民经济和社会发展统计公报", None, 2015),  # only the title dates it
        ("青禾县2015年农业工作总结", 2022, None),  # a review long after: not fixed
        ("青禾县2024年民生实事项目", 2024, None),  # the publication year rules
        # an edition's note is not what the title is about
        ("2024年青禾县国民经济和社会发展统计公报（2025年更新）", 2025, 2024),
        ("青禾县物业管理条例（2024年修订版）", 2024, None),
    ],
)
def test_title_year_of_bulletins(title: str, published: int | None, year: int | None) -> None:
    assert title_year(title, published) == year


def test_describe_records_where_the_date_came_from() -> None:
    doc = describe(
        "b.html",
        "全年粮食产量12万吨，比上年增长2.1%。",
        "h",
        title="青禾县2015年国民经济和社会发展统计公报",
        date="2022-06-30",
    )
    assert (doc.date, doc.year, doc.date_source, doc.when) == (None, 2015, "title", "2015")
    labelled = describe(
        "c.txt", "青禾县召开春耕会议\n\n发布时间：2021-03-02 10:00\n\n会议部署春耕。", "h"
    )
    assert (labelled.date, labelled.year, labelled.date_source) == (
        "2021-03-02",
        2021,
        "visible label",
    )
    undated = describe("d.txt", "青禾县召开春耕会议\n\n会议部署春耕。", "h")
    assert (undated.date, undated.year, undated.date_source) == (None, None, "")


def test_a_date_bar_beside_the_source_is_the_visible_date() -> None:
    text = "青禾县政府门户网站2023-11-15 12:14:17来源：本网\n\n目 次\n\n前言"
    assert choose_date("青禾县政务服务大厅管理规范", text, {}) == ("2023-11-15", "visible label")
    # an event's details (开始时间：…；来源：…。) are no date bar
    event = "区域：青禾县；开始时间：2024-05-08；结束时间：2024-05-10；来源：县商务局。"
    assert bar_date(event) is None
    assert choose_date("青禾县展会", event, {"meta": "2024-03-01"}) == ("2024-03-01", "meta")


def test_a_date_stamped_with_its_time_is_the_visible_date() -> None:
    """A news page's byline stamps its posting with the time (青禾日报2018-12-10 16:01大字):
    that is its date, not a year its story mentions (该小区是1995年建设的)."""
    text = "青禾区60年大变身\n\n青禾日报2018-12-10 16:01大字\n\n该小区是1995年建设的。"
    assert bar_date("青禾日报2018-12-10 16:01大字") == "2018-12-10"
    assert bar_date("青禾日报 2018年12月10日 16:01:05") == "2018-12-10"
    doc = describe("n.txt", text, "h")
    assert (doc.date, doc.year, doc.date_source) == ("2018-12-10", 2018, "visible label")
    # a stamp written day first, as some sites do, with its time only
    assert bar_date("21.03.2017  11:05") == "2017-03-21"
    assert bar_date("21.03.2017") is None
    assert bar_date("时间：21.03.2017 11:05") is None  # an event's time, labelled
    # a post's label (发表于) is a publication label; an event's bare 时间 is not
    assert labelled_date("[规划计划] 发表于:2022-08-12 14:36:16") == "2022-08-12"
    assert bar_date("时间：2024年6月1日 9:00") is None
    # a schedule's times, a table row and a sentence are no stamp
    for line in (
        "2024-03-01 09:00-12:00 现场报名",
        "2024-03-01 09:00 | 报名开始",
        "会议于2024-03-01 09:00开幕。",
    ):
        assert bar_date(line) is None, line


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("——2019年1月9日在青山市第五届人民代表大会第三次会议上", "2019-01-09"),
        (
            "── 2023年1月8日在某县第十八届人民代表大会第二次会议上",
            "2023-01-08",
        ),  # box-drawing dashes
        ("（2024年1月5日在区委十二届六次全会上）", "2024-01-05"),
        ("— 二〇二三年二月十日在县人代会上", "2023-02-10"),
        ("2019年1月9日在市人代会上，市长作了报告。", None),  # a sentence, not the line
        ("2019年1月9日，市长在会议上作报告", None),
        ("——在青山市第五届人民代表大会第三次会议上", None),  # no date
    ],
)
def test_speech_date(line: str, date: str | None) -> None:
    assert speech_date(line) == date


def test_a_report_is_dated_by_the_day_it_was_delivered() -> None:
    text = "政府工作报告\n\n——2019年1月9日在青山市第五届人民代表大会第三次会议上\n\n市长 张三\n\n各位代表：\n\n一、2018年工作回顾"
    doc = describe("report.txt", text, "h")
    assert (doc.date, doc.year) == ("2019-01-09", 2019)


def test_a_delivery_line_broken_in_two_dates_and_places_its_report() -> None:
    report = "2024年政府工作报告\n——2024年1月10日在青山市青山区第十届\n人民代表大会第三次会议上\n区长张三\n各位代表："
    assert date_line(report) == "2024-01-10"
    assert speech_venue(report) == "青山市青山区第十届人民代表大会第三次会议"
    whole = "政府工作报告\n——2023年4月25日在青山县第十七届人民代表大会第四次会议上\n各位代表："
    assert speech_venue(whole) == "青山县第十七届人民代表大会第四次会议"
    assert speech_venue("通知\n2023年4月25日在县委召开会议，研究部署工作。") == ""


def test_an_undated_delivery_line_places_and_a_bracketed_date_dates_a_report() -> None:
    """A report's head: its title, ——在某某县…会议上 without a date, the speaker (a party
    post beside the county head's, a name in middle dots) and the date in brackets: the
    meeting places it, the bracketed line dates it, and the speaker line is no title."""
    text = (
        "政府工作报告\n——在青山县第十八届人民代表大会第五次会议上\n"
        "县委副书记、县长 阿不都·买买提\n(2025年1月6日)\n各位代表、同志们：\n"
        "现在，我代表县人民政府向大会报告政府工作，请予审议。"
    )
    assert speech_venue(text) == "青山县第十八届人民代表大会第五次会议"
    assert date_line(text) == "2025-01-06"
    doc = describe("report.txt", text, "h")
    assert (doc.title, doc.date) == ("政府工作报告", "2025-01-06")


def test_a_report_is_about_the_year_it_was_delivered_in_not_the_year_it_was_posted() -> None:
    """A page posting a report two years later: its 发布时间 label dates the page, the
    delivery line the report, which is about the year it was delivered in."""
    text = (
        "发布时间：2022-08-06 22:52\n青山旗第十五届人民代表大会第四次会议材料（九）政府工作报告\n"
        "——2020年5月19日在青山旗第十五届人民代表大会第四次会议上\n青山旗人民政府旗长张三\n"
        "各位代表：\n现在，我代表旗人民政府，向大会报告工作，请予审议。"
    )
    assert delivery_date(text) == "2020-05-19"
    doc = describe("report.txt", text, "h", stated={"visible label": "2022-08-06"})
    assert (doc.date, doc.year) == ("2022-08-06", 2020)
    # an undated delivery line and the date in brackets under its speaker
    undated = "政府工作报告\n——在青山县第十六届人民代表大会第一次会议上\n县长 李四\n（2022年1月5日）\n各位代表："
    assert delivery_date(undated) == "2022-01-05"
    # no delivery line: a date alone on a line is no speech's
    assert delivery_date("关于印发方案的通知\n青山县人民政府\n2021年3月1日") is None
    notice = "关于印发方案的通知\n发布时间：2022-08-06\n青山县人民政府\n2021年3月1日"
    assert describe("n.txt", notice, "h").year == 2022


def test_an_undated_delivery_line_and_the_date_under_it_are_one_span() -> None:
    """——青山旗第十五届人民代表大会第五次会议上 (a dash, no 在), the speaker, then the date
    in brackets: together they say when the meeting heard the report."""
    text = "政府工作报告\n——青山旗第十五届人民代表大会第五次会议上\n旗长 张三\n（2021年3月17日）\n各位代表："
    span = undated_delivery(text)
    assert span is not None
    assert (
        text[span[0] : span[1]]
        == "——青山旗第十五届人民代表大会第五次会议上\n旗长 张三\n（2021年3月17日）"
    )
    dated = "政府工作报告\n——2021年3月17日在青山旗第十五届人民代表大会第五次会议上\n各位代表："
    assert undated_delivery(dated) is None  # its line dates it already
    assert (
        undated_delivery("政府工作报告\n——在青山旗第十五届人民代表大会第五次会议上\n各位代表：")
        is None
    )
