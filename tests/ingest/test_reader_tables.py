"""Merged and stacked cells as each reader meets them."""

import io
from pathlib import Path

from ingest.readers.docx import extract as extract_docx
from ingest.readers.html import extract as extract_html
from ingest.readers.pdf_tables import table_text, unstack, word_rows
from ingest.readers.table import extract_xlsx


def test_xlsx_cell_merged_down_rows_fills_each_row() -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (
        ["类别", "项目", "单位"],
        ["教育", "新建学校", "县教育局"],
        [None, "改造操场", "县教育局"],
    ):
        sheet.append(row)
    sheet.merge_cells("A2:A3")
    buf = io.BytesIO()
    book.save(buf)
    assert (
        extract_xlsx(buf.getvalue(), "x.xlsx").text.split("\n")[2] == "教育 | 改造操场 | 县教育局"
    )


def test_docx_cell_merged_across_columns_keeps_the_columns() -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row.cells):
            cell.text = f"格{i}{j}"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "合并"
    buf = io.BytesIO()
    document.save(buf)
    assert extract_docx(buf.getvalue(), "x.docx").text.split("\n")[1] == "合并 |  | 格12"


def test_html_rowspan_fills_each_row() -> None:
    page = (
        "<html><body><p>下表为项目。</p><table>"
        "<tr><th>类别</th><th>项目</th></tr>"
        "<tr><td rowspan='2'>教育</td><td>新建学校</td></tr>"
        "<tr><td>改造操场</td></tr></table></body></html>"
    )
    assert "教育 | 改造操场" in extract_html(page.encode(), "p.html").text


def test_unstack_splits_a_cell_of_one_value_a_line() -> None:
    assert unstack(["万辆\n万台", "62.6\n97.3", ""]) == [["万辆", "62.6", ""], ["万台", "97.3", ""]]
    assert unstack(["一段很长的\n任务说明", "县农业局"]) == [["一段很长的\n任务说明", "县农业局"]]


def test_a_frame_of_one_column_is_text() -> None:
    assert table_text([["全年完成收入12亿\n元，增长3%。"]]) == (
        "全年完成收入12亿元，增长3%。",
        False,
    )
    assert table_text([["品种", "产量"], ["茶叶", None], [None, "12"]])[1] is True


def _word(text: str, x0: float, top: float) -> dict[str, object]:
    return {"text": text, "x0": x0, "x1": x0 + 12 * len(text), "top": top, "bottom": top + 12}


def test_word_rows_place_words_by_column() -> None:
    words = [
        _word("产品名称", 80, 100),
        _word("单位", 260, 100),
        _word("产量", 360, 100),
        _word("茶叶", 80, 120),
        _word("吨", 266, 120),
        _word("820", 380, 120),
        _word("#毛", 92, 140),
        _word("尖", 120, 140),
        _word("吨", 266, 140),
        _word("75", 386, 140),
    ]
    assert word_rows(words) == [
        ["产品名称", "单位", "产量"],
        ["茶叶", "吨", "820"],
        ["#毛尖", "吨", "75"],
    ]


def test_word_rows_join_a_heading_set_on_several_lines() -> None:
    words = [
        _word("甲类", 150, 100),
        _word("乙类", 250, 100),
        _word("年份", 60, 112),
        _word("比例", 150, 124),
        _word("比例", 250, 124),
        *(_word(f"{2020 + i}年", 50, 140 + 16 * i) for i in range(3)),
        *(_word(f"8{i}.5", 150, 140 + 16 * i) for i in range(3)),
        *(_word(f"1{i}.5", 250, 140 + 16 * i) for i in range(3)),
    ]
    rows = word_rows(words)
    assert rows[:2] == [["年份", "甲类比例", "乙类比例"], ["2020年", "80.5", "10.5"]]


def test_a_url_cell_of_a_spreadsheet_row_stays_one_value() -> None:
    """A 来源URL cell (``http://…?id=…``) is one value: no answer unit or passage of the
    row is cut at the colon, the question mark or the semicolon inside the URL."""
    import openpyxl

    from ingest.chunking import chunk_document
    from ingest.loader import raw_file
    from ingest.pipeline import build_document
    from ingest.units import answer_units

    url = "http://news.example.cn/a/2024/b.html?id=42&p=1;x=2"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "标题", "正文", "来源URL"])
    body = "某镇今年新建村级文化广场三处，改造乡村道路十二公里，新增公益岗位八十个，群众满意度明显提升。"
    sheet.append([1, "某镇民生工作进展", body, url])
    buf = io.BytesIO()
    book.save(buf)
    doc = build_document(raw_file(buf.getvalue(), Path("政策.xlsx"), "政策.xlsx"))
    units = answer_units(doc, long_sentence=40, window_chars=30)
    assert any(url in u.text for u in units if u.kind == "window")
    assert not [u.text for u in units if u.text.endswith(("http:", "http", "?id=42&p=1;"))]
    chunks = chunk_document(doc, 60, 0)
    assert any(url in c.text for c in chunks)
