"""One reader per format: text layer, tables as rows, headings, page furniture, bad files."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import formats_corpus as fc
import pytest

from ingest.clean import clean_text
from ingest.loader import SUFFIXES, read_folder, scan_folder
from ingest.pipeline import prepare_file
from ingest.readers import UnreadableFileError, read_bytes, reader_for
from ingest.readers.docx import heading_level
from ingest.readers.html import byline, page_title
from ingest.readers.html import extract as extract_html
from ingest.readers.table import cell_text
from ingest.readers.text import decode
from ingest.table_records import tables_as_records
from ingest.tables import format_row, format_table
from lixia_qa.errors import IngestError


def test_suffixes_cover_every_format() -> None:
    assert set(SUFFIXES) == {
        *(".txt", ".md", ".pdf", ".docx", ".html", ".htm", ".xlsx", ".xls", ".csv"),
        *(".doc", ".wps", ".et"),  # Word 97-2003 and Excel 97-2003, or another format renamed
        *(".shtml", ".xhtml", ".mht", ".mhtml"),
        ".ofd",
        *(".png", ".jpg", ".jpeg", ".tif", ".tiff"),  # read by OCR
    }
    with pytest.raises(UnreadableFileError, match="unsupported format .gif"):
        reader_for(".gif")


# --- tables ---------------------------------------------------------------------------


def test_rows_keep_cells_apart() -> None:
    assert format_row(["农村公路加装护栏", "201公里", "区交通运输委"]) == (
        "农村公路加装护栏 | 201公里 | 区交通运输委"
    )
    table = format_table([["指标", "数值"], ["甲", "30.2"], ["乙", "2"]])
    assert "30.22" not in table.replace(" ", "").replace("|", "|")
    assert table.split("\n") == ["指标 | 数值", "甲 | 30.2", "乙 | 2"]
    assert format_row(["多行\n单元格", "a|b", None, ""]) == "多行单元格 | a｜b"


def test_table_rows_survive_cleaning() -> None:
    text = "下表列出任务\n\n项目 | 完成量 | 责任单位\n新建公园 | 3个 | 区城市管理局\n加装护栏 | 30.2 | 区交通运输委"
    cleaned = clean_text(text)
    assert "新建公园 | 3个 | 区城市管理局\n加装护栏 | 30.2 | 区交通运输委" in cleaned
    text, (table,) = tables_as_records(cleaned)
    assert table.columns == ("项目", "完成量", "责任单位")
    assert [[text[a:b] for a, b in r.cells] for r in table.rows][1] == [
        "加装护栏",
        "30.2",
        "区交通运输委",
    ]


def test_text_tables_markdown_and_tabs() -> None:
    md = "说明\n\n| 项目 | 数量 |\n|---|:---:|\n| 公园 | 30.2 |\n| 护栏 | 2 |\n\n结束"
    assert clean_text(md) == "说明\n\n项目 | 数量\n公园 | 30.2\n护栏 | 2\n\n结束"
    tabs = "项目\t数量\t单位\n公园\t3个\t区城市管理局\n\n一行\t不是表"
    assert clean_text(tabs).split("\n") == [
        "项目 | 数量 | 单位",
        "公园 | 3个 | 区城市管理局",
        "",
        "一行 不是表",
    ]


def test_a_form_laid_out_as_a_table_becomes_its_labelled_lines() -> None:
    """A guide's 基本信息 table sets label and value side by side, two pairs a row: it is
    a form (实施主体：某某区民政局), not a table whose first row is a header; a table whose
    first column names things, not fields, stays a table."""
    form = (
        "基本信息\n| 实施主体 | 青禾区民政局 | 服务对象 | |\n| 事项类型 | 其他行政权力 | 办理形式 | |\n"
        "| 受理条件 | 具有本区户口且年满80周岁的老年人。 |\n| 办理地点 | 青禾区政务服务中心，青禾路23号 |"
    )
    assert clean_text(form).split("\n") == [
        "基本信息",
        "",
        "实施主体：青禾区民政局",
        "事项类型：其他行政权力",
        "受理条件：具有本区户口且年满80周岁的老年人。",
        "办理地点：青禾区政务服务中心，青禾路23号",
    ]
    table = "| 项目名称 | 建设内容 |\n| 青禾小学 | 新建教学楼，2024年完工。 |\n| 青禾医院 | 改造病房，新增床位100张。 |"
    assert clean_text(table).split("\n")[0] == "项目名称 | 建设内容"
    # a page's information block laid out so (索引号 | … | 公开方式 | …) is a form too
    block = (
        "| 索引号 | 11370000/2025-00001 | 公开方式 | 主动公开 |\n"
        "| 发布机构 | 青禾县人民政府办公室 | 组配分类 | 青政发 |\n"
        "| 成文日期 | 2025-02-28 | 废止日期 | |\n| 有效性 | 有效 |"
    )
    assert "成文日期：2025-02-28" in clean_text(block).split("\n")


# --- PDF ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_text() -> str:
    extracted = read_bytes(fc.build_pdf(), "notice.pdf")
    # skipped, whether OCR is installed (it finds no text in a grey box) or not
    assert len(extracted.warnings) == 1 and extracted.warnings[0].startswith(
        "page 3: no text layer"
    )
    assert extracted.warnings[0].endswith("skipped")
    return clean_text(extracted.text)


def test_pdf_drops_page_headers_and_numbers(pdf_text: str) -> None:
    assert fc.PDF_HEADER not in pdf_text
    assert "- 1 -" not in pdf_text and "- 2 -" not in pdf_text


def test_pdf_rejoins_hard_wrapped_lines_across_pages(pdf_text: str) -> None:
    paragraphs = pdf_text.split("\n\n")
    for _indent, text in fc.PDF_PARAGRAPHS:
        assert text in paragraphs, text  # each paragraph whole, never cut at a wrap


def test_pdf_ruled_table_becomes_rows_between_paragraphs() -> None:
    text = clean_text(read_bytes(fc.build_pdf_with_table(), "table.pdf").text)
    assert text.split("\n\n") == [
        "万州区今年民生实事项目进展顺利，各项任务按计划推进，下表列出主要项目的完成情况和责任单位，"
        "请各单位对照落实。",
        "项目 | 完成量 | 责任单位\n农村公路加装护栏 | 30.2 | 区交通运输委\n新建城市公园 | 2 | 区城市管理局",
        "下一步，全区将持续巩固民生实事成果。",
    ]


def test_pdf_with_only_scanned_pages_is_a_clear_error() -> None:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(10, 10, 100, 100, fill=1)
    c.showPage()
    c.save()
    # without OCR it says to run OCR; with it, that OCR found no text either
    with pytest.raises(UnreadableFileError, match="no page has a text layer|not even by OCR"):
        read_bytes(buf.getvalue(), "scan.pdf")


# --- Word -----------------------------------------------------------------------------


def test_docx_paragraphs_headings_and_tables_in_order() -> None:
    extracted = read_bytes(fc.build_docx(), "tasks.docx")
    assert extracted.title == "万州区2024年重点民生任务分解表"
    blocks = extracted.text.split("\n\n")
    assert blocks[0] == "万州区2024年重点民生任务分解表"
    assert blocks[2] == "一、文旅与城市管理"  # a heading is a paragraph of its own
    table = blocks[4].split("\n")
    assert table[0] == "序号 | 任务 | 牵头单位 | 责任单位 | 完成时限"
    assert (
        table[2]
        == "2 | 新增城市停车位3000个 | 区城市管理局 | 区公安局、区交通运输委 | 2024年12月底"
    )
    assert blocks[-1] == "2024年2月20日"


def test_docx_heading_styles() -> None:
    import docx

    d = docx.Document()
    for p, level in (
        (d.add_heading("标题", 0), 1),
        (d.add_heading("一级", 1), 1),
        (d.add_heading("三级", 3), 3),
        (d.add_paragraph("正文"), None),
    ):
        assert heading_level(p) == level


def test_damaged_docx_and_xlsx_are_named_errors() -> None:
    with pytest.raises(UnreadableFileError, match="not a readable Word"):
        read_bytes(b"PK\x03\x04 broken", "x.docx")
    with pytest.raises(UnreadableFileError, match="not a readable .xlsx"):
        read_bytes(b"not a zip", "x.xlsx")


# --- web pages --------------------------------------------------------------------------


def test_html_main_text_title_date_and_table() -> None:
    extracted = read_bytes(fc.HTML_PAGE.encode(), "page.html")
    assert extracted.title == "万州区召开2025年乡村振兴工作会议"
    assert extracted.date == "2025-01-13"
    text = clean_text(extracted.text)
    assert "粮食总产量（万吨） | 52.3 | 2" in text
    for furniture in (
        "当前位置",
        "政务服务",
        "语音播报",
        "扫一扫",
        "打印本页",
        "版权所有",
        "ICP备",
        "网站标识码",
        "分享到",
        "中国政府网",
    ):
        assert furniture not in text, furniture


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("<title>区政府召开常务会议 - 万州区人民政府</title>", "区政府召开常务会议"),
        ("<title>关于印发方案的通知_政策文件_万州区人民政府网</title>", "关于印发方案的通知"),
        ("<title>万州区人民政府 | 区政府召开全体会议</title>", "区政府召开全体会议"),
        ("<title></title><h1>只有一级标题</h1>", "只有一级标题"),
    ],
)
def test_page_title_without_site_suffix(title: str, expected: str) -> None:
    import lxml.html

    root = lxml.html.document_fromstring(f"<html><head>{title}</head><body><p>x</p></body></html>")
    assert page_title(root) == expected


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        # the CMS's ArticleTitle is the headline, whatever <title> says
        (
            "<title>某某镇开展义诊活动-工作动态-某某市卫生健康委员会</title>"
            '<meta name="ArticleTitle" content="某某镇开展义诊活动">',
            "",
            "某某镇开展义诊活动",
        ),
        # a <title> that only names the site gives way to the <h1>
        (
            "<title>某某县人民政府门户网站</title>",
            "<h1>某某县召开防汛工作会议</h1>",
            "某某县召开防汛工作会议",
        ),
        # (nearly) the SiteName: a character left out of the site's name
        (
            '<title>某某市城市建设指挥办公室</title><meta name="SiteName" content="某某市城市建设指挥部办公室">',
            "<h1>市建设指挥部召开调度会</h1>",
            "市建设指挥部召开调度会",
        ),
        # a site's home page without any headline: none (read from the text later)
        ("<title>某某企业服务平台首页</title>", "", ""),
        ("<title>某某区人民政府</title>", "", ""),
        # a real headline that ends in 政府 is kept
        ("<title>努力建设人民满意的服务型政府</title>", "", "努力建设人民满意的服务型政府"),
    ],
)
def test_a_title_that_only_names_the_site_is_not_the_title(
    head: str, body: str, expected: str
) -> None:
    import lxml.html

    page = f"<html><head>{head}</head><body>{body}<p>x</p></body></html>"
    assert page_title(lxml.html.document_fromstring(page)) == expected


def test_a_saved_page_titled_with_its_site_name_takes_its_headline_from_the_text() -> None:
    from ingest.loader import raw_file
    from ingest.pipeline import build_document

    page = (
        "<html><head><title>某某新区企业服务平台首页</title></head><body>"
        "<div class='content'><p>某某新区促进先进制造业发展扶持办法实施细则</p>"
        "<p>第一条 为落实扶持办法，结合本区实际，制定本细则。</p>"
        "<p>第二条 申请奖励的企业应当在本区注册并依法纳税，具有独立法人资格。</p></div>"
        "</body></html>"
    )
    doc = build_document(raw_file(page.encode("utf-8"), Path("p.html"), "p.html"))
    assert doc.title == "某某新区促进先进制造业发展扶持办法实施细则"


# --- spreadsheets -------------------------------------------------------------------------


def test_xlsx_rows_and_numbers() -> None:
    extracted = read_bytes(fc.build_xlsx(), "list.xlsx")
    lines = extracted.text.split("\n")
    assert lines[0] == "万州区2023年民生实事项目清单"  # a caption row spanning the table
    assert lines[2] == "1 | 农村公路加装护栏 | 201公里 | 30.2 | 谭明 | 区交通运输委"
    assert lines[3] == "2 | 新建社区养老服务中心 | 15个 | 2 | 刘芳 | 区民政局"


def test_old_excel_reads_as_xlsx_does() -> None:
    """An .xls workbook: each sheet under its name, a caption merged across the columns,
    a leader merged down two rows given to both, numbers as written, dates as dates."""
    extracted = read_bytes(fc.build_xls(), "list.xls")
    assert extracted.kind == "xls"
    assert extracted.text.split("\n\n") == [
        "民生实事",
        "江北区2024年民生实事项目清单\n"
        "序号 | 项目名称 | 建设规模 | 牵头领导 | 责任单位\n"
        "1 | 新建城市书房 | 12个 | 周敏 | 区文化旅游委\n"
        "2 | 改造农贸市场 | 6个 | 周敏 | 区商务委\n"
        "3 | 增设公交线路 | 4条 | 何强 | 区交通运输委",
        "说明",
        "事项 | 日期\n清单印发 | 2024-02-15",
    ]


def test_an_xls_that_is_a_web_page_or_a_new_workbook_is_read_as_one() -> None:
    page = (
        "<html><head><meta charset='utf-8'><title>江北区2024年民生实事项目清单</title></head><body>"
        "<table><tr><td>序号</td><td>项目名称</td><td>责任单位</td></tr>"
        "<tr><td>1</td><td>新建城市书房</td><td>区文化旅游委</td></tr>"
        "<tr><td>2</td><td>改造农贸市场</td><td>区商务委</td></tr></table></body></html>"
    )
    as_page = read_bytes(page.encode("utf-8"), "export.xls")
    assert as_page.kind == "html" and "新建城市书房 | 区文化旅游委" in as_page.text
    as_workbook = read_bytes(fc.build_xlsx(), "renamed.xls")
    assert as_workbook.kind == "xlsx" and "区民政局" in as_workbook.text


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # an old Office file's opening


def test_doc_wps_and_et_are_read_when_they_are_another_format_renamed() -> None:
    word = read_bytes(fc.build_docx(), "通知.doc")
    assert word.kind == "docx" and word.text == read_bytes(fc.build_docx(), "a.docx").text
    page = "<html><body><h1>关于开展春季植树活动的通知</h1><p>各街道：请于3月12日前报送名单。</p></body></html>"
    assert "3月12日前报送名单" in read_bytes(page.encode("gb18030"), "通知.wps").text
    sheet = read_bytes(fc.build_xls(), "清单.et")  # a WPS spreadsheet saved as Excel 97-2003
    assert sheet.kind == "xls" and "新建城市书房" in sheet.text
    assert read_bytes(fc.build_xlsx(), "清单.et").kind == "xlsx"


@pytest.mark.parametrize(
    ("name", "hint"),
    [("a.doc", "not a Word document"), ("b.wps", "save it as .docx"), ("c.et", "save it as .xlsx")],
)
def test_an_unreadable_old_office_file_says_why(name: str, hint: str) -> None:
    with pytest.raises(UnreadableFileError, match=hint):
        read_bytes(OLE, name)


def test_damaged_xls_is_a_named_error() -> None:
    with pytest.raises(UnreadableFileError, match="not a readable .xls workbook"):
        read_bytes(b"\xd0\xcf\x11\xe0 not really a workbook", "x.xls")
    with pytest.raises(UnreadableFileError, match="not a readable .xls workbook"):
        read_bytes(b"plain text", "y.xls")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (201.0, "201"),
        (30.2, "30.2"),
        (None, ""),
        (True, "是"),
        ("区民政局", "区民政局"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_csv_in_gb18030_and_header_only_csv() -> None:
    extracted = read_bytes(fc.build_csv(), "a.csv")
    assert extracted.text.split("\n")[1] == "建设万州数字档案馆 | 区档案馆 | 2024年6月"
    with pytest.raises(UnreadableFileError, match="empty"):
        read_bytes(b"a,b\n", "b.csv")


# --- encodings and bad files ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("万州区政府".encode("gb18030"), ("万州区政府", "gb18030")),
        ("万州区政府".encode("utf-16"), ("万州区政府", "utf-16")),
        ("万州区 report".encode("utf-16-le"), ("万州区 report", "utf-16")),
        ("Café crème, déjà vu".encode("latin-1"), ("Café crème, déjà vu", "cp1252")),
        ("繁體中文測試內容，臺灣。".encode("big5"), ("繁體中文測試內容，臺灣。", "big5")),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None),
        (bytes(range(128, 256)) * 3, None),  # decodes only to mojibake: skipped
    ],
)
def test_decode_never_gives_mojibake(data: bytes, expected: tuple[str, str] | None) -> None:
    assert decode(data) == expected


def test_bad_files_are_skipped_and_named(tmp_path, caplog) -> None:
    folder = fc.write_corpus(tmp_path / "c", tmp_path / "outside.txt")
    with caplog.at_level(logging.WARNING):
        scan = scan_folder(folder)
    reasons = {s.doc_id: s.reason for s in scan.skipped}
    assert "outside the folder: not followed" in reasons["escape.txt"]
    assert reasons["photo.txt"].startswith("not a text file")
    assert "not a Word document" in reasons["old_format.doc"]
    assert reasons["broken.pdf"].startswith("not a readable PDF")
    assert reasons["roads_notice.pdf"].startswith("page 3: no text layer")
    for name in reasons:
        assert f"skipping {name}" in caplog.text
    assert "区外文件" not in "".join(f.text for f in read_folder(folder))


def test_prepare_file_raises_ingest_error_with_the_reason(tmp_path) -> None:
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 10)
    with pytest.raises(IngestError, match="cannot ingest x.txt: not a text file"):
        prepare_file(bad, "x.txt")
    good = tmp_path / "y.html"
    good.write_text(fc.HTML_PAGE, encoding="utf-8")
    assert prepare_file(good, "y.html").title == "万州区召开2025年乡村振兴工作会议"


BODY = (
    "<div class='content'><p>为丰富社区居民文化生活，某某社区于3月2日开展书画交流活动，"
    "辖区五十余名书画爱好者参加活动，现场创作作品三十余幅。</p>"
    "<p>活动中，书法老师为居民讲解了楷书的基本笔画，并对居民作品逐一点评。</p></div>"
)


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (
            "<p><span>来源：某某日报</span><span>时间：2024年3月5日</span></p>",
            "来源：某某日报 时间：2024年3月5日",
        ),
        ("<ul><li>2024-03-05</li><li>来源：某某日报</li></ul>", "2024-03-05 来源：某某日报"),
        ("<p>日期：2024-03-05 10:10 来源： 某某街道</p>", "日期：2024-03-05 10:10 来源： 某某街道"),
    ],
)
def test_a_pages_byline_is_in_its_text_once(head: str, expected: str) -> None:
    """The byline a reader sees under the headline (来源, 时间) is part of the page's
    text, once, wherever the main text extractor leaves it."""
    page = (
        "<html><head><title>某某社区开展书画交流活动</title></head><body>"
        f"<h3>某某社区开展书画交流活动</h3>{head}{BODY}</body></html>"
    )
    text = extract_html(page.encode("utf-8"), "p.html").text
    assert "".join(expected.split()) in "".join(text.split())
    assert text.count("某某日报") + text.count("某某街道") == 1
    assert "为丰富社区居民文化生活" in text


def test_byline_is_read_above_the_text_only_and_never_twice() -> None:
    lines = ["首页", "来源：某某日报", "2024-03-05", "正文第一句在这里。", "来源：另一家"]
    # a byline the main text left out (cut above its first line) opens it
    assert byline(lines, "正文第一句在这里。") == "来源：某某日报 2024-03-05"
    assert (
        byline(["2024-03-05", "来源：某某日报", "正文。"], "正文。") == "2024-03-05 来源：某某日报"
    )
    assert byline(lines, "来源：某某日报\n2024-03-05\n\n正文第一句在这里。") == ""
    assert byline(["首页", "正文第一句在这里。", "来源：某某日报"], "正文第一句在这里。") == ""


def test_an_old_excel_task_table_gives_one_commitment_per_row(tmp_path: Path) -> None:
    from functools import partial

    from ingest.commitments import parse_commitments
    from ingest.structure import heading_path

    path = tmp_path / "清单.xls"
    path.write_bytes(fc.build_xls())
    doc = prepare_file(path, "清单.xls")
    assert doc.title == "江北区2024年民生实事项目清单"
    found = parse_commitments(doc.doc_id, doc.text, partial(heading_path, doc.sections), doc.tables)
    assert [(c.task.split("；")[0], c.leaders, c.units) for c in found] == [
        ("新建城市书房", ("周敏",), ("区文化旅游委",)),
        ("改造农贸市场", ("周敏",), ("区商务委",)),  # the leader merged down
        ("增设公交线路", ("何强",), ("区交通运输委",)),
    ]


def _mhtml(html: str, charset: str, encoding: str) -> bytes:
    """A page saved as one file, as browsers write it (multipart/related)."""
    import base64
    import quopri

    body = html.encode(charset)
    if encoding == "base64":
        payload = base64.encodebytes(body).decode("ascii")
    else:
        payload = quopri.encodestring(body).decode("ascii")
    return (
        "From: <Saved by Blink>\r\n"
        "Snapshot-Content-Location: http://www.example.gov.cn/art/2024/3/5/art_12_345.html\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----Boundary--x1"\r\n\r\n'
        "------Boundary--x1\r\n"
        f"Content-Type: text/html; charset={charset}\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\n"
        "Content-Location: http://www.example.gov.cn/art/2024/3/5/art_12_345.html\r\n\r\n"
        f"{payload}\r\n"
        "------Boundary--x1\r\n"
        "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n"
        "------Boundary--x1--\r\n"
    ).encode("ascii")


MHT_PAGE = (
    "<html><head><meta http-equiv='Content-Type' content='text/html; charset={charset}'>"
    "<title>南湖区2024年春季义务植树活动安排 - 南湖区人民政府</title></head><body>"
    "<div class='nav'>首页 > 通知公告</div><h1>南湖区2024年春季义务植树活动安排</h1>"
    "<p>发布日期：2024-03-05</p>"
    "<p>3月12日上午，全区在滨河公园开展义务植树活动，计划栽种银杏、香樟等苗木1200株。</p>"
    "</body></html>"
)


@pytest.mark.parametrize(
    ("charset", "encoding"), [("utf-8", "quoted-printable"), ("gb2312", "base64")]
)
def test_a_page_saved_as_one_file_reads_as_the_page(charset: str, encoding: str) -> None:
    page = MHT_PAGE.format(charset=charset)
    extracted = read_bytes(_mhtml(page, charset, encoding), "植树.mht")
    assert extracted.title == "南湖区2024年春季义务植树活动安排"
    assert "计划栽种银杏、香樟等苗木1200株" in extracted.text
    assert extracted.text == read_bytes(page.encode(charset), "植树.html").text


def test_an_archive_without_a_page_is_a_named_error() -> None:
    with pytest.raises(UnreadableFileError, match="no HTML part"):
        read_bytes(b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhello", "x.mhtml")


def test_shtml_pages_are_web_pages() -> None:
    assert read_bytes(MHT_PAGE.format(charset="utf-8").encode(), "t20240305_1.shtml").kind == "html"
