"""The PDF reader on PDFs drawn for the test (reportlab, a CID font, one em per Han
character): page furniture, page numbers, paragraphs rejoined by geometry across a page
break, Latin words glued with a space, tables, scanned pages and damaged files."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest

from ingest.readers import ocr
from ingest.readers.base import UnreadableFileError
from ingest.readers.pdf import extract

SIZE = 12  # font size: every Han character is SIZE points wide
LEFT = 72
WRAP = 24  # characters of a full line
LEAD = 20  # points from one line to the next
FONT = "STSong-Light"

# One invented notice; the second paragraph runs over the page break.
FIRST = (
    "青山区今年计划新建口袋公园十二座，全年新增绿地面积八万平方米，"
    "惠及周边居民三万余人，各街道要抓好落实。"
)
SECOND = (
    "滨河绿道二期工程全长六公里，串联沿线五个社区，工程分两个标段同步施工，预计年底前全线贯通，"
    "届时将与一期工程连成环线，为市民提供散步、骑行的好去处。"
)
THIRD = "请各单位按照职责分工，认真组织实施。"


def _wrap(paragraph: str) -> list[tuple[bool, str]]:
    """(indented, text) lines: the first line indented by two characters, so that every
    full line ends at the same right margin; the last line ends short."""
    lines = [(True, paragraph[: WRAP - 2])]
    rest = paragraph[WRAP - 2 :]
    while rest:
        lines.append((False, rest[:WRAP]))
        rest = rest[WRAP:]
    assert len(lines[-1][1]) < WRAP - 2, "the last line must end short of the margin"
    return lines


Page = list[tuple[bool, str]]


def _pdf(pages: list[Page], edges: Callable[[int], tuple[str, str]] | None = None) -> bytes:
    """A PDF with these pages of lines; ``edges(n)`` gives page n's header and footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    width, height = A4
    for n, lines in enumerate(pages, start=1):
        if lines is SCANNED:
            c.setFillGray(0.5)
            c.rect(100, 300, 300, 300, fill=1, stroke=0)
            c.showPage()
            continue
        if edges:
            header, footer = edges(n)
            c.setFont(FONT, SIZE)
            c.drawString(LEFT, height - 50, header)
            c.drawCentredString(width / 2, 40, footer)
        c.setFont(FONT, SIZE)
        y = height - 100
        for indented, text in lines:
            c.drawString(LEFT + (2 * SIZE if indented else 0), y, text)
            y -= LEAD
        c.showPage()
    c.save()
    return buf.getvalue()


SCANNED: Page = []


def _pages() -> list[Page]:
    """Three paragraphs on two pages, the second broken after its second line."""
    second = _wrap(SECOND)
    return [_wrap(FIRST) + second[:2], second[2:] + _wrap(THIRD)]


def test_paragraphs_rejoined_and_furniture_dropped() -> None:
    pdf = _pdf(_pages(), lambda n: ("青山区人民政府办公室文件", f"- {n} -"))
    got = extract(pdf, "notice.pdf")
    # the header repeats on every page and the page numbers are page numbers: gone;
    # the second paragraph is one paragraph across the page break
    assert got.text == f"{FIRST}\n\n{SECOND}\n\n{THIRD}"
    assert got.kind == "pdf" and got.warnings == ()


def test_a_line_repeated_on_only_one_page_is_text() -> None:
    pdf = _pdf(_pages(), lambda n: ("青山区人民政府办公室文件" if n == 1 else "二〇二四年", ""))
    # a page edge line that does not repeat is kept (here as a paragraph of its own)
    assert extract(pdf, "notice.pdf").text.split("\n\n")[0] == "青山区人民政府办公室文件"


@pytest.mark.parametrize("footer", ["- 1 -", "第1页 共1页", "1/1", "第 1 页"])
def test_page_numbers_are_dropped_from_a_single_page(footer: str) -> None:
    pdf = _pdf([_wrap(FIRST)], lambda n: ("", footer))
    assert extract(pdf, "one.pdf").text == FIRST


def test_latin_words_are_glued_with_a_space() -> None:
    lines = [(True, "这套系统的英文名称是" + "Smart"), (False, "City平台。")]
    # the first line is the widest (it sets the margin), so the next line continues it;
    # two Latin words keep a space, Han characters none
    assert extract(_pdf([lines]), "latin.pdf").text == "这套系统的英文名称是Smart City平台。"


def _scripted_pdf(shift: float) -> bytes:
    """An invented bulletin line with sub/superscripts set at 7 points, ``shift``
    points off its baseline (negative: below), as statistical bulletins set PM₂.₅."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    y = A4[1] - 100
    x = LEFT
    for part, script in [("全年细颗粒物CO", "2"), ("排放量下降，城区绿地", "3"), ("万平方米", "")]:
        c.setFont(FONT, SIZE)
        c.drawString(x, y, part)
        x += c.stringWidth(part, FONT, SIZE)
        if script:
            c.setFont(FONT, 7)
            c.drawString(x, y + shift, script)
            x += c.stringWidth(script, FONT, 7)
    c.setFont(FONT, SIZE)
    c.drawString(LEFT, y - LEAD, "青山区空气优良天数二百五十天。")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("shift", [-4.0, 7.6])
def test_sub_and_superscripts_rejoin_their_line(shift: float) -> None:
    # set smaller and off the baseline, they would be a line of their own ("2 3")
    # splitting the sentence; they rejoin it where they stand
    text = extract(_scripted_pdf(shift), "bulletin.pdf").text
    assert text.startswith("全年细颗粒物CO2排放量下降，城区绿地3万平方米")
    assert "\n2 3" not in text and "2 3\n" not in text


def test_a_ruled_table_becomes_rows() -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    style = ParagraphStyle("zh", fontName=FONT, fontSize=12, leading=18, wordWrap="CJK")
    table = Table([["项目", "数量", "责任单位"], ["口袋公园", "12", "区城市管理局"]])
    grid = [("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, "black")]
    table.setStyle(TableStyle(grid))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build(
        [Paragraph("主要项目如下。", style), table, Paragraph("请认真落实。", style)]
    )
    text = extract(buf.getvalue(), "table.pdf").text
    assert (
        text
        == "主要项目如下。\n\n项目 | 数量 | 责任单位\n口袋公园 | 12 | 区城市管理局\n\n请认真落实。"
    )


@pytest.fixture
def no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    """As where the optional OCR is not installed."""
    monkeypatch.setattr(ocr, "available", lambda: False)


def test_a_scanned_page_is_skipped_with_a_warning(no_ocr: None) -> None:
    pdf = _pdf([_wrap(FIRST), SCANNED, _wrap(THIRD)])
    got = extract(pdf, "mixed.pdf")
    assert got.text == f"{FIRST}\n\n{THIRD}"
    assert got.warnings == ("page 2: no text layer (a scanned image?), skipped",)


def test_a_pdf_of_scans_only_is_refused(no_ocr: None) -> None:
    with pytest.raises(UnreadableFileError, match="no page has a text layer.*OCR"):
        extract(_pdf([SCANNED, SCANNED]), "scan.pdf")


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4 not really", b"\x89PNG\r\n\x1a\n"])
def test_a_damaged_file_is_refused(data: bytes) -> None:
    with pytest.raises(UnreadableFileError, match="PDF"):
        extract(data, "broken.pdf")
