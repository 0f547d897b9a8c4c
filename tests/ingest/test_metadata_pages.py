"""Metadata that survives real pages: labelled dates, Chinese dates, titles, years, 文号."""

import pytest

from ingest.clean import clean_text
from ingest.metadata import (
    describe,
    extract_date,
    extract_doc_number,
    extract_title,
    labelled_date,
    parse_date,
    title_year,
)


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("日期：2022-07-28", "2022-07-28"),
        ("发布日期：2023年4月6日", "2023-04-06"),
        ("发布时间：2023-04-06 10:30:00", "2023-04-06"),
        ("成文日期：二〇二五年一月十三日", "2025-01-13"),
        ("时间：2025/1/13", "2025-01-13"),
        ("发文日期：2024.02.20", "2024-02-20"),
        ("[ 成文日期 ] 2023-04-06", "2023-04-06"),
        ("【发布时间】2025年1月13日", "2025-01-13"),
        ("［发布日期］：2023-04-06", "2023-04-06"),
        ("日期：2022-07-28来源：万州区政府办公室", "2022-07-28"),
        ("来源：区政府办 发布时间：2024-03-01 浏览次数：12", "2024-03-01"),
        ("会议时间：2023年3月1日上午", None),  # an event, not the publication date
        ("日期：待定", None),
    ],
)
def test_labelled_dates(line: str, date: str | None) -> None:
    assert labelled_date(line) == date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2025年1月13日", "2025-01-13"),
        ("二〇二五年一月十三日", "2025-01-13"),
        ("二〇二三年十二月三十一日", "2023-12-31"),
        ("2025年1月", "2025-01"),
        ("2025年13月", None),
    ],
)
def test_parse_chinese_dates(text: str, date: str | None) -> None:
    assert parse_date(text, whole=True) == date


def test_extract_date_prefers_the_first_labelled_or_signature_date() -> None:
    text = "区政府召开会议\n\n[ 成文日期 ] 2023-04-06\n\n会议于2023年3月1日召开。\n\n2023年4月8日"
    assert extract_date(text) == "2023-04-06"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("重庆市万州区人民政府\n万州府发〔2023〕12号\n关于印发方案的通知", "万州府发〔2023〕12号"),
        ("关于印发方案的通知\n（万州府办发[2024]3号）\n正文。", "万州府办发[2024]3号"),
        ("[ 发文字号 ] 渝府办发〔2022〕101号\n正文。", "渝府办发〔2022〕101号"),
        ("根据《通知》（国办发〔2021〕5号）要求，做好工作。", ""),  # cited inside a sentence
    ],
)
def test_extract_doc_number(text: str, number: str) -> None:
    assert extract_doc_number(text) == number


def test_title_is_never_a_breadcrumb_date_or_label_line() -> None:
    text = clean_text(
        "您的位置：首页 > 政务公开\n首页 > 通知公告\n发布时间：2024-03-01\n来源：区政府办\n"
        "[ 成文日期 ] 2024-03-01\n\n区政府召开第十次常务会议\n\n会议研究了教育工作。"
    )
    assert extract_title(text, "x") == "区政府召开第十次常务会议"


@pytest.mark.parametrize(
    ("title", "published", "year"),
    [
        ("万州区智慧城市建设三年行动计划（2023—2027年）", 2023, 2023),  # a plan: its first year
        ("万州区智慧城市建设行动计划（2023-2027年）", 2022, 2023),  # published the year before
        ("区政府审议2021—2035年国土空间规划", 2025, None),  # a 2025 meeting: publication year
        ("万州区2024年教育事业发展情况总结", 2025, 2024),  # a review of N published in N+1
        ("万州区召开2025年工作会议", 2025, None),
        ("万州区2024年工作会议召开", 2025, None),  # not a review: January news is 2025
        ("万州区2022年工作总结", 2025, None),  # not the year before
    ],
)
def test_title_year(title: str, published: int | None, year: int | None) -> None:
    assert title_year(title, published) == year


def test_describe_uses_the_file_title_and_date() -> None:
    text = clean_text("2024年，全区新增学位7200个。\n\n2025年继续推进。")
    doc = describe("a.html", text, "h", title="万州区2024年教育工作回顾", date="2025-01-20")
    assert (doc.title, doc.date, doc.year) == ("万州区2024年教育工作回顾", "2025-01-20", 2024)
    news = describe(
        "b.html",
        "1月13日，全区召开会议，总结2024年工作。",
        "h",
        title="万州区召开乡村振兴工作会议",
        date="2025-01-13",
    )
    assert news.year == 2025
