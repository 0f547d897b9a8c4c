"""The page's text rules: one date or year per document with its origin, table rows as
labelled text."""

from __future__ import annotations

import pytest

from lixia_qa.types import Citation, Document
from ui.text import TableRow, cited_text, table_row_at, when


@pytest.mark.parametrize(
    ("date", "source", "shown"),
    [
        ("2023-02-01", "text", "2023年2月1日（文末落款日期）"),
        ("2023-02-01", "visible label", "2023年2月1日（文中标注的日期）"),
        ("2023-2", "meta", "2023年2月（网页信息中的日期）"),
        ("2022", "text", "2022年（据正文推断的年份）"),
        ("2022", "", "2022年（据正文推断的年份）"),
        ("2015", "title", "2015年（标题中的年份）"),
    ],
)
def test_one_date_with_where_it_came_from(date: str, source: str, shown: str) -> None:
    found = when(date, source)
    assert found is not None and found.label() == shown


def test_no_date_is_none() -> None:
    assert when(None) is None and when("") is None


TABLE = "附表\n单位 | 职位 | 人数\n区商务局 | 科员 | 2\n区财政局 | 会计 | 1\n\n结束语。"


def test_a_row_with_its_header_reads_as_labelled_text() -> None:
    start = TABLE.index("区财政局")
    row = table_row_at(TABLE, start, start + 4)
    assert row == TableRow(("区财政局", "会计", "1"), ("单位", "职位", "人数"))
    assert row.sentence() == "单位：区财政局；职位：会计；人数：1"


def test_rows_without_a_header_or_outside_tables() -> None:
    first = TABLE.index("单位")  # the header line itself has no header above it
    assert table_row_at(TABLE, first, first + 2) == TableRow(("单位", "职位", "人数"))
    assert TableRow(("区商务局", "", "2")).sentence() == "区商务局，2"
    assert table_row_at(TABLE, TABLE.index("结束"), TABLE.index("结束") + 3) is None
    assert table_row_at(TABLE, 10_000, 10_001) is None


def test_an_answer_taken_from_a_row_shows_no_pipes() -> None:
    doc = Document("t.txt", "表", TABLE)
    start = TABLE.index("区商务局")
    cite = Citation(1, "t.txt", "表", None, TABLE, 0, len(TABLE), 1.0, start, start + 10)
    assert cited_text("区商务局 | 科员 |", cite, doc) == "单位：区商务局；职位：科员；人数：2"
    assert cited_text("每户800元 |", None, None) == "每户800元"  # no document: cells only
    assert cited_text("新建幼儿园4所。", None, None) == "新建幼儿园4所。"
