"""OFD files (ingest/readers/ofd.py), written for the tests by ofd_writer."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from ofd_writer import NS, build_ofd, text_object

from ingest.pipeline import prepare_file
from ingest.readers import UnreadableFileError, ocr, ofd, read_bytes

BODY = 5.6  # font size of the body, millimetres; a line holds 27 characters
LINE_1 = "为进一步改善全县生态环境，经县政府同意，现就今年春季"  # 26 characters: a full line
LINE_2 = "义务植树工作通知如下。"
LINE_3 = "一、各乡镇要在3月12日前完成造林地块落实，全县计划"
LINE_4 = "新增造林面积1.2万亩。"
PAGE_1 = [
    ("青府办发〔2025〕8号", 80.0, 75.0, BODY),
    ("关于做好2025年春季义务植树工作的通知", 32.0, 100.0, 7.7),  # 20 characters, centred
    ("各乡镇人民政府，县直各部门：", 28.0, 120.0, BODY),
    (LINE_1, 39.2, 130.0, BODY),  # indented two characters: a paragraph starts
    (LINE_2, 28.0, 140.0, BODY),  # ends short of the margin: the paragraph ends
    (LINE_3, 39.2, 150.0, BODY),
    ("- 1 -", 100.0, 280.0, BODY),
]
PAGE_2 = [
    (LINE_4, 28.0, 30.0, BODY),  # the paragraph goes on over the page break
    ("青川县人民政府办公室", 120.0, 60.0, BODY),
    ("2025年3月3日", 126.0, 70.0, BODY),
    ("- 2 -", 100.0, 280.0, BODY),
]


def test_paragraphs_rejoined_across_lines_and_pages_furniture_dropped() -> None:
    letterhead = [("青川县人民政府办公室文件", 40.0, 40.0, 12.0)]
    doc = read_bytes(build_ofd([PAGE_1, PAGE_2], template=letterhead), "通知.ofd")
    assert doc.kind == "ofd"
    assert doc.text.split("\n\n") == [
        "青府办发〔2025〕8号",
        "关于做好2025年春季义务植树工作的通知",
        "各乡镇人民政府，县直各部门：",
        LINE_1 + LINE_2,
        LINE_3 + LINE_4,
        "青川县人民政府办公室",
        "2025年3月3日",
    ]  # the template page's letterhead and the page numbers are not text


def test_runs_of_one_baseline_make_one_line_left_to_right() -> None:
    # a table row written as three text objects, out of order, one a little lower: its
    # cells, wide apart, are a row of a table
    row = [
        ("区民政局", 120.0, 100.0, BODY),
        ("新建社区食堂", 28.0, 100.2, BODY),
        ("12处", 80.0, 100.0, BODY),
    ]
    assert read_bytes(build_ofd([row]), "a.ofd").text == "新建社区食堂 | 12处 | 区民政局"


def test_repeated_advances_and_a_scaled_object_are_placed() -> None:
    # "g 9 5.6": ten glyphs each 5.6 wide; a CTM scaling its object twice
    packed = text_object("公告公告公告公告公告", 28.0, 50.0, BODY, oid=7, delta="g 9 5.6")
    scaled = (
        '<ofd:TextObject ID="8" Size="2.8" CTM="2 0 0 2 0 0" Boundary="28 60 60 8">'
        '<ofd:TextCode X="0" Y="2.8">特此公告。</ofd:TextCode></ofd:TextObject>'
    )
    page = etree.fromstring(
        f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer>{packed}{scaled}</ofd:Layer>'
        "</ofd:Content></ofd:Page>"
    )
    first, second = ofd._runs(page)
    assert (first.x0, round(first.x1, 2), first.baseline, first.size) == (28.0, 84.0, 50.0, BODY)
    assert (second.x0, round(second.x1, 2), round(second.baseline, 2), second.size) == (
        28.0,
        56.0,
        65.6,
        BODY,
    )


def test_a_page_without_text_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)  # as without the OCR extra
    doc = read_bytes(build_ofd([PAGE_1, []]), "a.ofd")
    assert doc.warnings == ("page 2: no text (a scanned image?), skipped",)
    with pytest.raises(UnreadableFileError, match="run OCR on it first"):
        read_bytes(build_ofd([[]]), "scan.ofd")


def test_a_notice_in_ofd_gets_its_title_number_and_date(tmp_path: Path) -> None:
    path = tmp_path / "通知.ofd"
    path.write_bytes(build_ofd([PAGE_1, PAGE_2]))
    doc = prepare_file(path, path.name)
    assert doc.title == "关于做好2025年春季义务植树工作的通知"
    assert doc.doc_number == "青府办发〔2025〕8号"
    assert doc.when == "2025-03-03"


def _without(data: bytes, part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename != part:
                dst.writestr(item, src.read(item))
    return out.getvalue()


def _with(data: bytes, part: str, text: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, text if item.filename == part else src.read(item))
    return out.getvalue()


BOMB = (
    '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer>'
    '<ofd:TextObject Size="5" Boundary="0 0 50 6"><ofd:TextCode X="0" Y="5">&b;</ofd:TextCode>'
    "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 not really a zip", "not a readable OFD file"),
        (_without(build_ofd([PAGE_1]), "Doc_0/Document.xml"), "lacks its part Doc_0/Document.xml"),
        (_with(build_ofd([PAGE_1]), "OFD.xml", "<ofd:OFD"), "not a readable OFD file"),
    ],
)
def test_what_is_not_a_readable_ofd_says_why(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableFileError, match=message):
        read_bytes(data, "a.ofd")


def test_entities_in_a_page_are_not_expanded() -> None:
    data = _with(build_ofd([PAGE_1]), "Doc_0/Pages/Page_0/Content.xml", BOMB)
    with pytest.raises(UnreadableFileError):
        read_bytes(data, "a.ofd")  # no text once entities are left unresolved


def test_the_namespace_some_producers_write_is_read() -> None:
    data = build_ofd([PAGE_1])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item).replace(NS.encode(), b"http://www.ofdspec.org"))
    assert "各乡镇人民政府，县直各部门：" in read_bytes(out.getvalue(), "a.ofd").text
