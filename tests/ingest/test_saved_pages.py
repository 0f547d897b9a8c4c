"""Acceptance: saved pages and PDFs of other places read with the right title and date."""

from __future__ import annotations

import io
from pathlib import Path

from ingest.loader import raw_file
from ingest.pipeline import build_document

GOV_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>云岭县2016年国民经济和社会发展统计公报_云岭县人民政府</title>
<meta name="PubDate" content="2022-11-08 16:20">
</head><body>
<div class="nav"><a>首页</a> | <a>政务公开</a> | <a>政务服务</a> | <a>互动交流</a></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 统计信息</div>
<table class="xxgk">
<tr><td>索引号：</td><td>11530999/2017-00008</td><td>主题分类：</td><td>统计</td></tr>
<tr><td>发布机构：</td><td>云岭县统计局</td><td>成文日期：</td><td>2017-03-20</td></tr>
<tr><td>发布日期：</td><td>2017-03-22</td><td>有效性：</td><td>有效</td></tr>
</table>
<div class="article">
<h1>云岭县2016年国民经济和社会发展统计公报</h1>
<p>2016年，全县实现地区生产总值86.4亿元，比上年增长7.9%。</p>
<p>年末全县户籍人口31.2万人，全年粮食总产量9.7万吨。</p>
</div>
<div class="footer">版权所有：云岭县人民政府 滇ICP备00000000号 网站标识码：5309990000</div>
</body></html>
"""


def _document(data: bytes, name: str):  # type: ignore[no-untyped-def]
    return build_document(raw_file(data, Path(name), name))


def test_a_saved_page_gets_its_visible_date_not_the_cms_one() -> None:
    doc = _document(GOV_PAGE.encode("utf-8"), "bulletin.html")
    assert doc.title == "云岭县2016年国民经济和社会发展统计公报"
    assert (doc.date, doc.date_source, doc.year) == ("2017-03-22", "visible label", 2016)
    assert doc.source == "云岭县统计局"
    assert dict(doc.page_fields)["索引号"] == "11530999/2017-00008"
    for furniture in ("索引号", "主题分类", "有效性", "首页", "版权所有"):
        assert furniture not in doc.text
    assert "地区生产总值86.4亿元" in doc.text
    # the footer's filing number and site code are kept as site information
    assert doc.text.endswith("网站标识码：5309990000；\nICP备案号：滇ICP备00000000号。")


def test_without_a_visible_date_a_cms_date_against_the_title_is_not_used() -> None:
    start = GOV_PAGE.index('<table class="xxgk">')
    end = GOV_PAGE.index("</table>") + len("</table>")
    doc = _document((GOV_PAGE[:start] + GOV_PAGE[end:]).encode("utf-8"), "bulletin.html")
    assert (doc.date, doc.date_source, doc.year) == (None, "title", 2016)


def _wrapped_title_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    width, height = A4
    c.setFont("STSong-Light", 20)  # a title wrapped onto two centred lines
    c.drawCentredString(width / 2, height - 90, "云岭县人民政府办公室关于印发云岭县二〇二一年")
    c.drawCentredString(width / 2, height - 116, "森林防火工作方案的通知")
    c.setFont("STSong-Light", 12)
    c.drawString(72, height - 142, "发布日期：2021-04-06")
    c.setFont("STSong-Light", 14)
    c.drawString(100, height - 180, "各乡镇人民政府，县直各部门：现将方案印发给你们，")
    c.drawString(72, height - 204, "请认真贯彻执行，落实巡山护林责任，确保不发生重大森林火灾。")
    c.showPage()
    c.save()
    return buf.getvalue()


def test_a_pdf_title_on_two_lines_keeps_both_and_not_the_date_line() -> None:
    doc = _document(_wrapped_title_pdf(), "notice.pdf")
    assert doc.title == "云岭县人民政府办公室关于印发云岭县二〇二一年森林防火工作方案的通知"
    assert (doc.date, doc.date_source) == ("2021-04-06", "visible label")


def test_a_page_is_about_the_place_of_its_site_when_its_title_opens_with_none() -> None:
    page = (
        '<html><head><meta charset="utf-8"><title>镇文化站举办读书会</title>'
        '<meta name="SiteName" content="北京市丰台区人民政府网站">'
        '<meta name="ContentSource" content="卢沟桥街道"></head><body>'
        "<h1>镇文化站举办读书会</h1><p>12日，文化站举办读书会，40名居民参加。</p></body></html>"
    )
    doc = _document(page.encode("utf-8"), "p.html")
    assert dict(doc.page_fields) == {"网站": "北京市丰台区人民政府网站", "信息来源": "卢沟桥街道"}
    assert doc.place.names == ("北京市", "丰台区", "卢沟桥街道")


def test_a_text_with_two_damaged_characters_is_read() -> None:
    from ingest.readers.text import decode

    text = "全年完成投资12亿元。" * 200 + "\ufffd\ufffd"
    assert decode(text.encode("utf-8")) == (text, "utf-8-sig")
    assert decode(("\ufffd" * 50 + "字").encode("utf-8")) is None
    # a short page with a damaged percent sign in a table's header is text too
    short = "| 项目 | 单位 | 现价总值 | 增长率(\ufffd\ufffd) |\n| 生产总值 | 万元 | 35163 | 5.7 |"
    assert decode(short.encode("utf-8")) == (short, "utf-8-sig")


def test_a_guessed_date_must_be_one_the_page_shows() -> None:
    from ingest.readers.html import shows_date

    assert not shows_date("2000-01-01", "补贴最高2000万元，2001年起施行。")
    assert shows_date("2023-05-06", "发布于2023年5月6日")
    assert shows_date("2023-05-06", "时间：2023-5-6 09:00")
    assert shows_date("2023-05-06", "2023/05/06")
