"""An event's or a notice's labelled details (区域：…；时间：…；地点：…) stay in the text
as labelled text that answers, and its 时间 is not the page's publication date. Every
place, hall and date here is invented."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from ingest.clean import rejoin_broken_lines
from ingest.dates import first_labelled_date, labelled_date, near_event_place
from ingest.loader import RawFile, raw_file
from ingest.pipeline import build_document
from ingest.readers.html import labelled_lists
from ingest.units import Span, answer_units, in_form, is_heading

EVENT_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>松川区第三届茶文化节_城市活动_青禾市人民政府门户网站</title>
<meta name="PubDate" content="2024-05-20 10:00">
</head><body>
<div class="nav"><a>首页</a> | <a>政务公开</a> | <a>政务服务</a> | <a>互动交流</a></div>
<h1>松川区第三届茶文化节</h1>
<div class="activity_info">
<dl><dt>区域：</dt><dd>松川区</dd></dl>
<dl><dt>时间：</dt><dd>2024-06-01</dd></dl>
<dl><dt>地点：</dt><dd>明德湖茶博园</dd></dl>
<dl><dt>活动类型：</dt><dd>文化活动</dd></dl>
</div>
<div class="text">
<p>活动简介</p>
<p>本届茶文化节设置茶艺展示、制茶体验和茶叶展销三个板块，预计接待游客两万人次。</p>
</div>
</body></html>
"""


def _page(html: str, name: str = "event.html"):  # type: ignore[no-untyped-def]
    return build_document(raw_file(html.encode("utf-8"), Path(name), name))


def test_an_event_page_keeps_its_details_and_says_its_date_is_the_cms_one() -> None:
    doc = _page(EVENT_PAGE)
    line = "区域：松川区；时间：2024-06-01；地点：明德湖茶博园；活动类型：文化活动。"
    assert line in doc.text.split("\n")
    # no visible publication date: the CMS date is kept and said to be one; the event's
    # 时间 is not taken for the publication date
    assert (doc.date, doc.date_source, doc.year) == ("2024-05-20", "meta", 2024)
    units = {u.text: u.kind for u in answer_units(doc)}
    assert units["地点：明德湖茶博园；"] == "sentence"


def test_a_definition_list_of_labelled_values_is_one_labelled_line() -> None:
    root = lxml.html.fromstring(
        "<div><dl><dt>区域：</dt><dd>松川区</dd><dt>地点：</dt><dd>明德湖茶博园</dd></dl>"
        "<dl><dt>主办单位：</dt><dd>松川区文化和旅游局</dd></dl>"
        "<p>正文</p>"
        "<dl><dt>茶艺</dt><dd>以茶待客的技艺</dd></dl></div>"  # a glossary: no label colon
    )
    labelled_lists(root)
    paragraphs = [" ".join(p.text_content().split()) for p in root.xpath("//p")]
    assert paragraphs == [
        "区域：松川区；地点：明德湖茶博园；主办单位：松川区文化和旅游局。",
        "正文",
    ]
    assert root.xpath("//dl/dt/text()") == ["茶艺"]


def test_a_bare_time_label_among_an_event_s_details_is_not_a_publication_date() -> None:
    details = "时间：2024年6月1日 9:00\n地点：明德湖茶博园\n主办单位：松川区文化和旅游局"
    assert first_labelled_date(details) is None
    assert first_labelled_date("发布时间：2024-05-20\n" + details) == "2024-05-20"
    assert first_labelled_date("日期：2024-05-20 来源：松川区融媒体中心") == "2024-05-20"
    assert labelled_date("时间：2024-06-01；地点：明德湖茶博园", event=True) is None
    assert labelled_date("成文日期：2024-05-18 地点：松川区", event=True) == "2024-05-18"
    lines = ["时间：2024年6月1日", "活动简介", "报名方式：电话报名", "会场：二号厅"]
    assert near_event_place(lines, 0) is False  # the place is three lines away
    assert near_event_place(lines, 1) is True


def test_a_notice_s_metadata_block_goes_and_its_event_details_stay() -> None:
    text = "\n".join(
        [
            "松川区2024年夏季招聘会通知",
            "索引号：114509990001/2024-00031",
            "发布机构：松川区人力资源和社会保障局",
            "发布日期：2024-05-20",
            "主题分类：劳动就业",
            "区域：松川区",
            "时间：2024年6月1日 9:00-16:00",
            "地点：松川区会展中心一号馆",
            "届时将有一百二十家用人单位进场招聘。",
        ]
    )
    doc = build_document(RawFile("notice.txt", Path("notice.txt"), text, "h", "utf-8"))
    assert dict(doc.page_fields)["发布机构"] == "松川区人力资源和社会保障局"
    assert "索引号" not in doc.text and "主题分类" not in doc.text
    for kept in ("区域：松川区", "时间：2024年6月1日9:00-16:00", "地点：松川区会展中心一号馆"):
        assert kept in doc.text.split("\n")
    assert (doc.date, doc.date_source) == ("2024-05-20", "visible label")
    units = {u.text: u.kind for u in answer_units(doc)}
    assert units["地点：松川区会展中心一号馆"] == "sentence"  # a field of the details


def test_a_labelled_line_among_labelled_lines_is_a_fact_a_lone_one_a_headline() -> None:
    text = "展会地点：明德湖会展中心\n交通信息：乘地铁二号线可到达。"
    assert in_form(text, Span(0, 12)) and not is_heading(text, Span(0, 12))
    headline = "松川：奋进新时代\n\n全区上下齐心协力，推动高质量发展。"
    assert not in_form(headline, Span(0, 8)) and is_heading(headline, Span(0, 8))


def test_a_labelled_paragraph_never_continues_a_broken_one() -> None:
    text = "关于组委会 松川区茶叶协会会长、明德茶厂厂长李青山\n\n展会时间：2024年6月1日至6月3日"
    assert rejoin_broken_lines(text) == text
    column = "今年全区计划新建口袋公园十二个、改造街头游园八处、提升社区绿道五条，全部建成后将新增绿地\n\n面积三万平方米。"
    assert rejoin_broken_lines(column) == column.replace("\n\n", "")  # a column break


def test_a_fields_value_over_several_sentences_is_also_one_unit() -> None:
    """办理时间：上午…; 下午…; 周六上午… is one field: besides its sentences, the whole line
    is a unit, so that 周六几点 is answered with the place the line names."""
    from lixia_qa.types import Document

    line = "办理时间：青禾街道政务服务中心：上午09:00-12:00; 下午14:00-17:00; 周六上午08:30-12:30;"
    doc = Document("g.txt", "办事指南", f"实施主体：青禾区民政局\n{line}\n办理地点：青禾路23号")
    texts = [u.text.strip() for u in answer_units(doc)]
    assert line in texts and "周六上午08:30-12:30;" in texts
