"""A corpus in every supported format about an invented district (万州区 is used as a
name only; every sentence is written here). Built in a fixture: no binary fixtures.

Each builder returns the file's bytes. The PDF uses reportlab's built-in CID font
STSong-Light (no font file needed), so its text layer extracts back to Chinese.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

PDF_HEADER = "万州区人民政府公报"
PDF_PARAGRAPHS = [
    # (indent, text) — long paragraphs are hard-wrapped at a fixed width
    (False, "重庆市万州区人民政府"),
    (False, "关于印发万州区农村公路提质行动方案的通知"),
    (False, "万州府发〔2023〕12号"),
    (
        True,
        "各镇乡人民政府、街道办事处，区政府各部门：现将《万州区农村公路提质行动方案》印发给你们，请认真贯彻执行。",
    ),
    (
        True,
        "全区农村公路建设稳步推进，今年计划新建改建农村公路318公里，完成农村公路加装护栏201公里，新增通客车行政村12个，"
        "确保农村群众出行更加安全便捷。区交通运输委负责统筹协调，各镇乡人民政府负责具体实施，区财政局负责资金保障。",
    ),
    (
        True,
        "农村公路养护实行路长制，每条农村公路明确一名路长，养护经费按照每公里每年1.2万元的标准安排，"
        "优良中等路率达到百分之八十五以上。",
    ),
    (
        True,
        "各镇乡要建立健全农村公路管理机构，配齐管护人员，推动农村公路管理养护工作常态化、规范化。",
    ),
    (False, "重庆市万州区人民政府"),
    (False, "2023年4月6日"),
]
WRAP = 26  # characters per line


def build_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    width, height = A4
    size, left, lead = 14, 72, 40
    page = [1]

    def furniture() -> None:
        c.setFont("STSong-Light", 10)
        c.drawString(left, height - 40, f"{PDF_HEADER}  2023年第5期")
        c.drawCentredString(width / 2, 30, f"- {page[0]} -")
        c.setFont("STSong-Light", size)

    furniture()
    y = height - 90
    for indent, text in PDF_PARAGRAPHS:
        lines = []
        first = WRAP - 2 if indent else WRAP
        lines.append(text[:first])
        rest = text[first:]
        while rest:
            lines.append(rest[:WRAP])
            rest = rest[WRAP:]
        for i, line in enumerate(lines):
            if y < 80:  # page break inside a paragraph
                c.showPage()
                page[0] += 1
                furniture()
                y = height - 90
            x = left + (2 * size if indent and i == 0 else 0)
            c.drawString(x, y, line)
            y -= lead
        y -= 4
    c.showPage()
    # a scanned page: an image, no text layer
    page[0] += 1
    c.setFillGray(0.5)
    c.rect(100, 300, 300, 300, fill=1, stroke=0)
    c.showPage()
    c.save()
    return buf.getvalue()


def build_pdf_with_table() -> bytes:
    """A flowing PDF (reportlab platypus, CJK word wrap) with a ruled table."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle(
        "zh", fontName="STSong-Light", fontSize=12, leading=18, firstLineIndent=24, wordWrap="CJK"
    )
    table = Table(
        [
            ["项目", "完成量", "责任单位"],
            ["农村公路加装护栏", "30.2", "区交通运输委"],
            ["新建城市公园", "2", "区城市管理局"],
        ]
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ]
        )
    )
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build(
        [
            Paragraph(
                "万州区今年民生实事项目进展顺利，各项任务按计划推进，下表列出主要项目的完成情况和"
                "责任单位，请各单位对照落实。",
                style,
            ),
            table,
            Paragraph("下一步，全区将持续巩固民生实事成果。", style),
        ]
    )
    return buf.getvalue()


DOCX_TABLE = [
    ["序号", "任务", "牵头单位", "责任单位", "完成时限"],
    [
        "1",
        "建成青龙瀑布景区游客中心",
        "区文化旅游委",
        "区住房城乡建委、龙驹镇人民政府",
        "2024年10月底",
    ],
    ["2", "新增城市停车位3000个", "区城市管理局", "区公安局、区交通运输委", "2024年12月底"],
    ["3", "改造老旧燃气管网36公里", "区住房城乡建委", "区市场监管局", "2024年11月底"],
]


def build_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("万州区2024年重点民生任务分解表", level=1)
    d.add_paragraph("为扎实办好2024年重点民生任务，现将任务分解如下，请各单位抓好落实。")
    d.add_heading("一、文旅与城市管理", level=2)
    d.add_paragraph("各牵头单位要制定工作方案，每季度报送一次进展情况。")
    table = d.add_table(rows=0, cols=5)
    for row in DOCX_TABLE:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = value
    d.add_paragraph("万州区人民政府办公室")
    d.add_paragraph("2024年2月20日")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>万州区召开2025年乡村振兴工作会议 - 重庆市万州区人民政府</title>
<meta name="PubDate" content="2025-01-13 09:30">
</head><body>
<div class="top-nav">中国政府网 | 重庆市人民政府 | 万州区人民政府</div>
<div class="menu"><a href="/">首页</a> <a>政务公开</a> <a>政务服务</a> <a>互动交流</a> <a>走进万州</a></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政务动态</div>
<div class="article">
<h1>万州区召开2025年乡村振兴工作会议</h1>
<div class="info">日期：2025-01-13来源：万州区农业农村委 【字体：大 中 小】 语音播报</div>
<p>1月13日，万州区召开2025年乡村振兴工作会议。会议回顾了2024年全区乡村振兴工作，全年新建高标准农田5.6万亩，
粮食总产量达到52.3万吨。</p>
<p>会议审议了《万州区国土空间总体规划（2021—2035年）》乡村部分，要求今年新建高标准农田6万亩，培育市级龙头企业8家。</p>
<table>
<tr><th>指标</th><th>2024年完成</th><th>2025年目标</th></tr>
<tr><td>高标准农田（万亩）</td><td>5.6</td><td>6</td></tr>
<tr><td>粮食总产量（万吨）</td><td>52.3</td><td>2</td></tr>
</table>
<p>会议强调，各镇乡街道要压实责任，确保今年乡村振兴各项任务落地见效。</p>
</div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div>扫一扫在手机打开当前页</div>
<div>打印本页 关闭窗口</div>
<div class="footer">版权所有：重庆市万州区人民政府办公室 渝ICP备05003300号 网站标识码：5001010001
<br>主办单位：重庆市万州区人民政府办公室</div>
</body></html>
"""

XLSX_ROWS = [
    ["万州区2023年民生实事项目清单"],
    ["序号", "项目名称", "建设规模", "投资（亿元）", "牵头领导", "责任单位"],
    [1, "农村公路加装护栏", "201公里", 30.2, "谭明", "区交通运输委"],
    [2, "新建社区养老服务中心", "15个", 2, "刘芳", "区民政局"],
    [3, "改造城市老旧小区", "48个", 6.75, "谭明", "区住房城乡建委、各街道办事处"],
]


def build_xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "民生实事"
    for row in XLSX_ROWS:
        sheet.append(row)
    sheet.merge_cells("A1:F1")
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


XLS_ROWS = [
    ["序号", "项目名称", "建设规模", "牵头领导", "责任单位"],
    [1, "新建城市书房", "12个", "周敏", "区文化旅游委"],
    [2, "改造农贸市场", "6个", None, "区商务委"],  # 周敏, merged down from the row above
    [3, "增设公交线路", "4条", "何强", "区交通运输委"],
]


def build_xls() -> bytes:
    """A task table as an old Excel workbook (BIFF8, as Excel 97-2003 saves it): its
    caption merged across the columns, a leader merged down two rows, and a second
    sheet with a date."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("民生实事")
    sheet.write_merge(0, 0, 0, 4, "江北区2024年民生实事项目清单")
    for r, row in enumerate(XLS_ROWS, start=1):
        for c, value in enumerate(row):
            if value is not None and (r, c) != (2, 3):
                sheet.write(r, c, value)
    sheet.write_merge(2, 3, 3, 3, "周敏")
    notes = book.add_sheet("说明")
    notes.write(0, 0, "事项")
    notes.write(0, 1, "日期")
    notes.write(1, 0, "清单印发")
    notes.write(1, 1, dt.date(2024, 2, 15), xlwt.easyxf(num_format_str="YYYY-MM-DD"))
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# A web page saved as text: menus, breadcrumb and footer around a five-year plan.
SAVED_PAGE_TXT = """中国政府网 | 重庆市人民政府 | 万州区人民政府
政务公开 政务服务 互动交流 走进万州
当前位置：首页>政务公开>规划计划

万州区智慧城市建设三年行动计划（2023—2025年）

[ 成文日期 ] 2022-12-28
[ 发布机构 ] 万州区大数据发展局
语音播报
扫一扫在手机打开当前页

到2025年，全区建成5G基站4500个，政务数据共享率达到百分之九十五。2023年重点建成城市运行管理中心，
接入视频监控点位1.2万个。（牵头单位：区大数据发展局；配合单位：区公安局、区城市管理局）

打印本页 关闭窗口
分享到：微信 微博 QQ空间
版权所有：重庆市万州区人民政府 渝ICP备05003300号
网站标识码：5001010001
"""

REVIEW_TXT = """万州区2024年教育事业发展情况总结

发布时间：2025年1月20日

2024年，全区新建改扩建中小学校9所，新增学位7200个，学前教育普惠率达到百分之九十二。
（责任单位：区教委）
2025年，全区将继续推进教育强区建设。
"""

CSV_ROWS = [
    ["任务", "责任单位", "完成时限"],
    ["建设万州数字档案馆", "区档案馆", "2024年6月"],
    ["完成政务云扩容", "区大数据发展局", "2024年9月"],
]


def build_csv() -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(CSV_ROWS)
    return buf.getvalue().encode("gb18030")


def build_ofd() -> bytes:
    """A notice as an OFD file: 文号, title, body lines wrapped, signature, date."""
    from ofd_writer import build_ofd as write_ofd

    body = 5.6
    page = [
        ("万州府办发〔2025〕8号", 80.0, 75.0, body),
        ("关于做好2025年春季义务植树工作的通知", 32.0, 100.0, 7.7),
        ("各镇乡人民政府，区政府各部门：", 28.0, 120.0, body),
        ("为进一步改善全区生态环境，经区政府同意，现就今年春季", 39.2, 130.0, body),
        ("义务植树工作通知如下：全区计划新增造林面积1.2万亩。", 28.0, 140.0, body),
        ("万州区人民政府办公室", 120.0, 170.0, body),
        ("2025年3月3日", 126.0, 180.0, body),
    ]
    return write_ofd([page])


def build_doc() -> bytes:
    """A task table as an old Word .doc file: title, a table with 牵头单位, a date."""
    from word97_writer import build_doc as write_doc

    header = ["序号", "任务", "牵头单位", "完成时限"]
    rows = [["1", "新建社区食堂20处", "区商务委", "2025年10月底"]]
    paras = [("万州区2025年社区食堂建设任务表", "p")]
    for row in [header, *rows]:
        paras += [(cell, "cell") for cell in row] + [("", "row")]
    return write_doc(paras)


def write_corpus(folder: Path, outside: Path) -> Path:
    """Write the corpus into ``folder`` (and a file ``outside`` it for a symlink)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "roads_notice.pdf").write_bytes(build_pdf())
    (folder / "tasks_2024.docx").write_bytes(build_docx())
    (folder / "rural_meeting.html").write_bytes(HTML_PAGE.encode("utf-8"))
    (folder / "livelihood_2023.xlsx").write_bytes(build_xlsx())
    (folder / "smart_city_plan.txt").write_text(SAVED_PAGE_TXT, encoding="utf-8")
    (folder / "education_review.txt").write_text(REVIEW_TXT, encoding="utf-16")
    (folder / "archives.csv").write_bytes(build_csv())
    (folder / "tree_planting.ofd").write_bytes(build_ofd())
    (folder / "canteens_2025.doc").write_bytes(build_doc())
    # bad files
    (folder / "latin1_note.txt").write_bytes("Café crème: déjà vu à la carte.".encode("latin-1"))
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "old_format.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    outside.write_text("区外文件：不应被读取。", encoding="utf-8")
    (folder / "escape.txt").symlink_to(outside)
    return folder
