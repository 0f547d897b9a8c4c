"""A report to the year's assembly reviews the year before: which of its parts do,
on reports written for the test."""

from __future__ import annotations

from ingest.metadata import describe
from ingest.structure import find_sections
from ingest.years import (
    assembly_reviewed_year,
    is_assembly_news,
    is_assembly_report,
    review_spans,
    title_year,
)

OPENING = "各位代表：\n现在，我代表县人民政府，向大会报告工作，请予审议。"
REVIEW = "过去的一年，全县地区生产总值完成88.1亿元，增长5.2%。"
POINT = "一是项目建设提速，新开工项目21个。"
PLAN = "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。"
TASK = "重点做好以下工作：新建农村公路40公里。"


def _spans(title: str, text: str, year: int | None) -> list[str]:
    return [text[a:b].strip() for a, b, _ in review_spans(title, text, year, find_sections(text))]


def test_the_paragraphs_from_a_review_opening_to_the_plan_are_the_year_before() -> None:
    text = "\n\n".join([OPENING, REVIEW, POINT, PLAN, TASK])
    spans = review_spans("某县政府工作报告", text, 2024, find_sections(text))
    assert [(text[a:b].strip(), y) for a, b, y in spans] == [(f"{REVIEW}\n\n{POINT}", 2023)]


def test_a_paragraph_opening_with_the_year_before_opens_the_review() -> None:
    text = "\n\n".join([OPENING, "2023年，全县一般公共预算收入完成6.2亿元。", POINT, PLAN])
    assert _spans("", text, 2024) == ["2023年，全县一般公共预算收入完成6.2亿元。\n\n" + POINT]
    # a year other than the one before opens nothing
    assert _spans("", text.replace("2023年，", "2021年，"), 2024) == []


def test_a_heading_naming_the_past_year_without_its_number() -> None:
    text = f"一、过去一年工作回顾\n{REVIEW}\n{POINT}\n\n二、今年工作安排\n{PLAN}"
    assert _spans("某区2024年政府工作报告", text, 2024) == [
        f"一、过去一年工作回顾\n{REVIEW}\n{POINT}"
    ]


def test_a_heading_naming_a_year_rules_over_the_opening() -> None:
    text = f"一、2022年工作回顾\n{REVIEW}\n\n二、2023年工作安排\n{PLAN}"
    assert _spans("某县2023年政府工作报告", text, 2023) == []
    # whatever year the report is read as: 一年来 under 2022年工作回顾 is of 2022
    looking = f"一、2022年工作回顾\n\n一年来，新建公园6个。\n\n{PLAN}"
    assert _spans("政府工作报告", looking, 2022) == []
    # the title line naming the report's year is no such heading
    titled = f"2024年某县政府工作报告\n\n{OPENING}\n\n{REVIEW}\n\n{PLAN}"
    assert _spans("2024年某县政府工作报告", titled, 2024) == [REVIEW]


def test_only_assembly_reports_review_the_year_before() -> None:
    text = "\n\n".join(["某镇2023年工作总结", REVIEW, POINT])
    assert not is_assembly_report("某镇2023年工作总结", text)
    assert _spans("某镇2023年工作总结", text, 2023) == []
    assert is_assembly_report("", OPENING)
    assert is_assembly_report("2024年某市人大常委会工作报告", "")
    assert is_assembly_report("某区人民政府工作报告（2023年）", "")
    assert not is_assembly_report("关于印发2023年《某区政府工作报告》目标任务分解的通知", "")
    assert _spans("某县政府工作报告", "\n\n".join([OPENING, REVIEW]), None) == []


def test_several_years_reviewed_are_no_one_year() -> None:
    text = "\n\n".join([OPENING, "过去五年，全县地区生产总值年均增长6.1%。", PLAN])
    assert _spans("某县政府工作报告", text, 2024) == []


def test_a_report_mentions_the_year_it_reviews() -> None:
    text = "\n\n".join(["2024年某县政府工作报告", OPENING, REVIEW, POINT, PLAN])
    doc = describe("r.txt", text, "h", title="2024年某县政府工作报告")
    assert doc.year == 2024
    assert 2023 in doc.years


def test_a_bulletins_year_written_without_its_character() -> None:
    """某区2015统计公报, published the next year, is about 2015; a bare number in another
    kind of title fixes nothing."""
    assert title_year("某区2015统计公报", 2016) == 2015
    assert title_year("某镇2023工作总结", 2024) == 2023
    assert title_year("某县新建2000套住房的通知", 2024) is None


def test_a_report_to_the_assembly_delivered_in_the_december_before() -> None:
    """2024年某县政府工作报告 delivered 2023年12月21日 is the 2024 report (its review is of
    2023); another kind of title published the year before fixes nothing."""
    assert title_year("2024年某县政府工作报告", 2023) == 2024
    assert title_year("2024年某县政府工作报告", 2024) is None  # the publication year rules
    assert title_year("2024年某县工作要点", 2023) is None


NEWS_HEAD = "3月2日，某县第五届人民代表大会第三次会议开幕。县长王某作政府工作报告。"
NEWS_REVIEW = "王某在报告中说，2023年全县经济稳中向好。地区生产总值完成88.1亿元。"
NEWS_LOOK_BACK = "王某从四个方面回顾了过去一年的工作。"
NEWS_PLAN = "王某在报告中提出了2024年经济社会发展主要预期目标：地区生产总值增长6%。"


def test_news_of_the_assembly_quotes_the_review_of_the_year_before() -> None:
    """A news page on the assembly, one paragraph a line: from the line quoting the
    report on the year before to the line opening the year's plan."""
    text = "\n".join([NEWS_HEAD, NEWS_REVIEW, NEWS_LOOK_BACK, NEWS_PLAN])
    assert not is_assembly_report("某县人代会开幕", text)
    assert is_assembly_news("某县人代会开幕", text)
    assert _spans("某县人代会开幕", text, 2024) == [f"{NEWS_REVIEW}\n{NEWS_LOOK_BACK}"]
    # a quoted year other than the one before opens nothing
    assert _spans("某县人代会开幕", text.replace("2023年全县", "2021年全县"), 2024) == []
    # news of anything else quotes no review
    other = text.replace("作政府工作报告", "出席会议")
    assert not is_assembly_news("某县人代会开幕", other)
    assert _spans("某县人代会开幕", other, 2024) == []
    # the report itself is read paragraph by paragraph, as before
    assert not is_assembly_news("某县政府工作报告", f"{OPENING}\n{NEWS_HEAD}")


def test_undated_news_of_the_assembly_is_of_the_year_after_the_one_reviewed() -> None:
    """2月11日上午…代理区长某某向大会作政府工作报告。某某在报告中回顾了2025年的工作: the news
    (no date of its own) is of 2026, and its quoting line reviews 2025."""
    text = "\n".join(
        [
            "2月11日上午，某区第十一届人民代表大会第六次会议开幕。代理区长王某向大会作政府工作报告。",
            "王某在报告中回顾了2025年的工作。他说，一年来，全区地区生产总值增长5%。",
            NEWS_PLAN.replace("2024年", "2026年"),
        ]
    )
    doc = describe("n.txt", text, "h")
    assert doc.year == 2026
    assert assembly_reviewed_year("", text) == 2025
    assert _spans("", text, 2026) == [text.splitlines()[1]]
    # a review of several years names no one year; news of anything else reviews nothing
    assert assembly_reviewed_year("", text.replace("2025年的工作", "2021年至2025年的工作")) is None
    assert assembly_reviewed_year("", text.replace("作政府工作报告", "出席会议")) is None
