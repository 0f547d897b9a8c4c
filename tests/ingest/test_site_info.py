"""Site information: a page footer's labelled facts are kept as one paragraph at the end
of the document; navigation, link lists and copyright lines are not. Every name, number
and address here is invented."""

from __future__ import annotations

from pathlib import Path

from ingest.loader import RawFile, raw_file
from ingest.pipeline import build_document
from ingest.site_info import HEADING, line_facts, site_information, site_paragraph
from ingest.units import answer_units

FOOTER = """\
区政府召开常务会议，研究部署春季植树和河道清淤工作。
关于我们
网站地图
法律声明
地址：青禾市松川区明德路18号
电话：0771-5550123
邮编：530999
微信公众号
政务微博
主办：青禾市松川区人民政府办公室
承办：青禾市松川区大数据中心
政府网站标识码：4509990001
桂ICP备12345678号-2
桂公网安备 45099902000111号
版权所有：青禾市松川区人民政府"""


def test_a_footer_s_labelled_facts_in_the_order_of_the_fields() -> None:
    assert site_information(FOOTER) == (
        ("主办单位", "青禾市松川区人民政府办公室"),
        ("承办单位", "青禾市松川区大数据中心"),
        ("地址", "青禾市松川区明德路18号"),
        ("邮编", "530999"),
        ("电话", "0771-5550123"),
        ("网站标识码", "4509990001"),
        ("公安备案号", "桂公网安备45099902000111号"),
        ("ICP备案号", "桂ICP备12345678号-2"),
    )


def test_labelled_lines_far_from_a_footer_are_the_document_s_own() -> None:
    guide = "受理窗口地址：青禾市松川区明德路18号\n咨询电话：0771-5550123\n办理时限：5个工作日"
    assert site_information(guide) == ()  # no 版权所有 / ICP / 标识码 line: not a footer
    far = "\n".join([guide, *(["微信公众号"] * 6), "版权所有：青禾市松川区人民政府"])
    assert site_information(far) == ()  # six lines without a fact between them


def test_one_line_with_several_fields_and_labels_without_colons() -> None:
    line = "主办：松川县人民政府办公室 联系方式 0771-5550188 邮箱：web@example.gov.cn"
    assert line_facts(line) == [
        ("主办单位", "松川县人民政府办公室"),
        ("联系方式", "0771-5550188"),
        ("邮箱", "web@example.gov.cn"),
    ]
    assert line_facts("网站标识码4509990002") == [("网站标识码", "4509990002")]
    assert line_facts("违法和不良信息举报电话：0771-5550100") == [
        ("违法和不良信息举报电话", "0771-5550100")
    ]
    assert line_facts("政务邮箱") == []  # a menu link: no colon, no address
    assert line_facts("主办单位：", "松川县人民政府办公室") == [
        ("主办单位", "松川县人民政府办公室")
    ]


def test_repeated_footers_give_each_fact_once_and_the_fuller_number() -> None:
    text = "\n".join(
        [
            "主办：松川县人民政府办公室",
            "网站标识码：4509990002",
            "桂ICP备12345678号",
            "主办：松川县人民政府办公室",
            "网站标识码:4509990002",
            "桂ICP备12345678号-1",
        ]
    )
    assert site_information(text) == (
        ("主办单位", "松川县人民政府办公室"),
        ("网站标识码", "4509990002"),
        ("ICP备案号", "桂ICP备12345678号-1"),
    )


def test_the_paragraph_is_a_heading_and_one_labelled_line_per_fact() -> None:
    facts = (("主办单位", "松川县人民政府办公室"), ("电话", "0771-5550188"))
    assert (
        site_paragraph(facts)
        == f"{HEADING}\n\n主办单位：松川县人民政府办公室；\n电话：0771-5550188。"
    )
    assert site_paragraph(()) == ""


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>松川区开展春季义务植树活动_青禾市松川区人民政府</title>
<meta name="PubDate" content="2024-03-13 09:00">
</head><body>
<div class="nav"><a>首页</a> | <a>政务公开</a> | <a>政务服务</a> | <a>互动交流</a></div>
<div class="article">
<h1>松川区开展春季义务植树活动</h1>
<p>发布时间：2024-03-12</p>
<p>3月12日，松川区组织机关干部和志愿者二百余人在明德河沿岸开展义务植树活动。</p>
<p>活动当天共栽种银杏、香樟等苗木一千二百余株。</p>
</div>
<div class="links"><p>· 市政府</p><p>· 市发改委</p><p>· 市教育局</p></div>
<div class="footer">
<p>关于我们 | 网站地图 | 联系我们</p>
<p>主办单位：青禾市松川区人民政府办公室　承办单位：青禾市松川区大数据中心</p>
<p>地址：青禾市松川区明德路18号　联系电话：0771-5550123　传真：0771-5550124</p>
<p>电子邮箱：scq@example.gov.cn</p>
<p>版权所有 © 青禾市松川区人民政府　网站标识码：4509990001</p>
<p>桂ICP备12345678号　桂公网安备 45099902000111号</p>
</div>
</body></html>
"""


def _document(data: bytes, name: str):  # type: ignore[no-untyped-def]
    return build_document(raw_file(data, Path(name), name))


def test_a_saved_page_keeps_its_site_information_at_the_end() -> None:
    doc = _document(PAGE.encode("utf-8"), "page.html")
    body, _, site = doc.text.partition(f"\n\n{HEADING}\n\n")
    assert "义务植树活动" in body and "主办单位" not in body
    assert site.split("\n") == [
        "主办单位：青禾市松川区人民政府办公室；",
        "承办单位：青禾市松川区大数据中心；",
        "地址：青禾市松川区明德路18号；",
        "联系电话：0771-5550123；",
        "传真：0771-5550124；",
        "电子邮箱：scq@example.gov.cn；",
        "网站标识码：4509990001；",
        "公安备案号：桂公网安备45099902000111号；",
        "ICP备案号：桂ICP备12345678号。",
    ]
    for dropped in ("首页", "政务公开", "网站地图", "关于我们", "市发改委", "版权所有"):
        assert dropped not in doc.text
    # the page's metadata is read from its body, not from its footer
    assert (doc.title, doc.date, doc.date_source) == (
        "松川区开展春季义务植树活动",
        "2024-03-12",
        "visible label",
    )
    # a section of its own, whose lines answer as sentences
    assert doc.sections[-1].heading == HEADING
    assert doc.sections[-1].end == len(doc.text)
    units = {u.text: u.kind for u in answer_units(doc)}
    assert units["主办单位：青禾市松川区人民政府办公室；"] == "sentence"
    assert units["联系电话：0771-5550123；"] == "sentence"


def test_a_saved_text_page_keeps_its_footer_facts_too() -> None:
    text = "松川区开展春季义务植树活动\n\n" + FOOTER
    raw = RawFile("page.txt", Path("page.txt"), text, "h", "utf-8")
    doc = build_document(raw)
    assert doc.text.endswith(
        "公安备案号：桂公网安备45099902000111号；\nICP备案号：桂ICP备12345678号-2。"
    )
    assert "地址：青禾市松川区明德路18号；" in doc.text
    assert "版权所有" not in doc.text


def test_a_guide_s_own_phone_lines_above_the_footer_stay_the_guide_s() -> None:
    """A 办事指南 whose text ends with its 咨询电话 right above the site footer: those
    lines are the page's own text (its reader keeps them in the body), so the site's
    paragraph does not repeat them as the site's; the footer's own facts are kept."""
    page = (
        "<html><head><title>某证申领指南</title></head><body>"
        "<div class='article'><h1>某证申领指南</h1>"
        "<p>办理地点：松川区政务服务中心一楼。</p><p>办理时限：15个工作日。</p>"
        "<p>申请人须携带居民身份证原件和近期照片。</p>"
        "<p>咨询电话：0771-5550999</p><p>监督投诉电话：12345</p></div>"
        "<div class='footer'><p>主办单位：青禾市松川区人民政府办公室</p>"
        "<p>网站标识码：4509990001</p></div></body></html>"
    )
    doc = _document(page.encode("utf-8"), "guide.html")
    body, _, site = doc.text.partition(f"\n\n{HEADING}\n\n")
    assert "咨询电话：0771-5550999" in body
    assert site.split("\n") == [
        "主办单位：青禾市松川区人民政府办公室；",
        "网站标识码：4509990001。",
    ]
    # with no main text to tell them apart, the lines next to the footer are its own
    lines = "咨询电话：0771-5550999\n主办单位：青禾市松川区人民政府办公室\n网站标识码：4509990001"
    assert ("咨询电话", "0771-5550999") in site_information(lines)
    assert ("咨询电话", "0771-5550999") not in site_information(lines, "咨询电话：0771-5550999")
