"""A scraper's header (标题：/ 发文单位：/ 发文时间：/ 来源URL： …) is the document's
metadata, not its text. Every name, address and figure here is invented."""

from __future__ import annotations

from pathlib import Path

from ingest.clean import clean_text
from ingest.loader import RawFile
from ingest.metadata import describe
from ingest.page_fields import header_fields, is_header, split_header, split_page_fields
from ingest.pipeline import build_document
from ingest.units import answer_units

SCRAPED = """标题：松川县2021年政府工作报告
发文单位：松川县人民政府
发文时间：2021-02-03
报告人：松川县人民政府县长 林某某
来源URL：https://example.gov.cn/info?id=42

正文：

政府工作报告

各位代表：

2020年，全县地区生产总值完成86.4亿元，增长5.2%。"""


def _document(text: str, name: str = "report.txt"):  # type: ignore[no-untyped-def]
    return build_document(RawFile(name, Path(name), text, "h", "utf-8"))


def test_a_scraper_s_header_is_the_document_s_metadata() -> None:
    doc = _document(SCRAPED)
    assert (doc.title, doc.source) == ("松川县2021年政府工作报告", "松川县人民政府")
    assert (doc.date, doc.date_source, doc.year) == ("2021-02-03", "visible label", 2021)
    fields = dict(doc.page_fields)
    assert fields["来源URL"] == "https://example.gov.cn/info?id=42"
    assert fields["报告人"] == "松川县人民政府县长林某某"  # a label of the scraper's own
    for furniture in ("标题：", "发文单位", "来源URL", "报告人", "正文："):
        assert furniture not in doc.text
    # the title stays as the first line, a heading, as the page showed it
    assert doc.text.startswith("松川县2021年政府工作报告\n\n政府工作报告\n\n各位代表：")
    # nothing of the header answers
    assert not any("发文单位" in u.text or "example.gov.cn" in u.text for u in answer_units(doc))


def test_other_labels_and_an_unknown_value() -> None:
    text = (
        "标题：松川县开展秋季消防演练\n发布机构：松川县应急管理局\n发布日期：未知\n"
        "来源：松川县融媒体中心\n原文链接：https://example.gov.cn/a/1\n"
        "正文：10月8日，县应急管理局在县城中学组织消防演练。"
    )
    body, fields = split_header(text)
    # the marker goes, not the text after it on its line
    assert body == "松川县开展秋季消防演练\n\n10月8日，县应急管理局在县城中学组织消防演练。"
    assert dict(fields) == {  # a value that states nothing is not kept
        "标题": "松川县开展秋季消防演练",
        "发布机构": "松川县应急管理局",
        "来源": "松川县融媒体中心",
        "原文链接": "https://example.gov.cn/a/1",
    }
    doc = describe("drill.txt", body, "h", page_fields=fields)
    assert (doc.title, doc.source, doc.date) == ("松川县开展秋季消防演练", "松川县应急管理局", None)


def test_a_header_needs_a_title_and_another_field() -> None:
    assert is_header([("标题", "某通知"), ("发布日期", "2021-02-03")])
    assert not is_header([("标题", "某通知"), ("报告人", "某某")])  # no page field besides
    assert not is_header([("发文单位", "某局"), ("来源URL", "https://example.gov.cn")])
    form = "姓名：张某\n标题：关于申请补贴的说明\n联系电话：0771-5550100\n\n本人申请…"
    assert split_header(form) == (form, ())  # a form's lines, not a header at the top
    assert header_fields("各位代表：") == []  # a label without a value
    assert header_fields("正文：") == []


def test_the_page_s_own_block_after_a_header_is_read_too() -> None:
    text = (
        "标题：松川县召开两会\n发文单位：松川县人民政府\n发文时间：未知\n\n正文：\n\n"
        "松川县第五届人民代表大会第二次会议开幕\n\n发布时间：2022-01-12\n"
        "发布机构：松川县人民政府办公室\n\n会议应出席代表150名，实际出席142名。"
    )
    text, fields = split_page_fields(clean_text(text))
    assert text.split("\n\n") == [
        "松川县召开两会",
        "松川县第五届人民代表大会第二次会议开幕",
        "会议应出席代表150名，实际出席142名。",
    ]
    doc = describe("meeting.txt", text, "h", page_fields=fields)
    assert (doc.date, doc.date_source, doc.source) == (
        "2022-01-12",
        "visible label",
        "松川县人民政府办公室",
    )
