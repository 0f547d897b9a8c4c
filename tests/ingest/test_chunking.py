"""Chunks point at their text, never start with punctuation and keep their heading path."""

from dataclasses import replace
from pathlib import Path

import pytest

from ingest.chunking import chunk_document, chunk_title, is_bare_heading
from ingest.clean import clean_text
from ingest.metadata import describe
from lixia_qa.types import Document, Section

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _doc(text: str, doc_id: str = "t.txt"):
    return describe(doc_id, clean_text(text), "h")


def _joined_headings(doc, start: int, end: int) -> str:
    """The bare headings a chunk starts with (joined to it beyond the chunk size)."""
    cut = start
    while (nxt := doc.text.find("\n\n", cut, end)) > 0 and is_bare_heading(doc, start, nxt):
        cut = nxt + 2
    return doc.text[start:cut]


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_chunk_offsets_point_at_chunk_text(path: Path) -> None:
    doc = _doc(path.read_text(encoding="utf-8"), path.name)
    chunks = chunk_document(doc, 220, 40)
    assert chunks
    for n, c in enumerate(chunks):
        assert doc.text[c.start : c.end] == c.text
        assert c.chunk_id == f"{path.name}#{n}"
        assert c.text[0] not in "，。、；：？！…）”’,.;:?!"
        assert len(c.text) - len(_joined_headings(doc, c.start, c.end)) <= 220


def test_chunks_split_at_sentence_ends_and_keep_headings() -> None:
    body = "第一句话讲的是教育。" * 8 + "第二部分说的是卫生工作！" * 8
    text = f"一、民生实事\n（一）统筹教育和卫生事业，办好实事。\n{body}"
    doc = _doc(text)
    chunks = chunk_document(doc, 60, 10)
    assert all(
        c.text.endswith(("。", "！")) or c is chunks[-1] or c.text.endswith("事") for c in chunks
    )
    deep = [c for c in chunks if "卫生工作" in c.text]
    assert deep and deep[-1].headings[-1] == "（一）统筹教育和卫生事业"
    assert deep[-1].headings[0].startswith("一、民生实事")


def test_same_text_gives_same_chunks() -> None:
    text = (SEEDS / "003_8277ee0d660ee16d.txt").read_text(encoding="utf-8")
    assert chunk_document(_doc(text), 220, 40) == chunk_document(_doc(text), 220, 40)


def test_a_closing_quote_stays_with_the_sentence_it_ends() -> None:
    said = "群众都说“今年新建口袋公园三座。”这是好事。大家盼着“明年再建绿道五公里。”心里高兴。"
    doc = _doc(said)
    chunks = chunk_document(doc, 18, 0)  # each sentence is longer than a chunk
    assert len(chunks) == 4
    for c in chunks:  # never cut between 。 and the ” that closes the quote
        assert doc.text[c.end : c.end + 1] != "”", c.text
        assert c.text.count("“") == c.text.count("”"), c.text


def test_a_chunk_carries_its_documents_title_where_it_does_not_hold_it() -> None:
    """A passage seldom names what its document is about (``本办法由…负责解释``): its
    keyword text starts with the document's title; the title's own chunk, and a chunk
    under a heading that holds the title, do not repeat it; the embedded text never has it."""
    text = (
        "某某新区促进商贸发展扶持办法\n\n"
        "第一条 为促进商贸企业发展，制定本办法。\n\n"
        "第二条 本办法由新区商务局负责解释。"
    )
    doc = Document("d.txt", "某某新区促进商贸发展扶持办法", text)
    doc = replace(doc, sections=(Section("某某新区促进商贸发展扶持办法", 1, 0, 14),))
    chunks = chunk_document(doc, 20, 0)
    last = next(c for c in chunks if "负责解释" in c.text)
    assert last.title == doc.title and last.keyword_text().startswith(doc.title + "\n")
    assert doc.title not in last.index_text()
    assert chunks[0].text.startswith(doc.title + "\n\n第一条") and chunks[0].title == ""
    assert chunk_title(doc.title, (doc.title,), "第一条 …") == ""
    assert chunk_title("", (), "第一条 …") == ""


BULLETIN = """某某县2024年国民经济和社会发展统计公报

某某县统计局

一、综合

（一）地区生产总值

全年全县地区生产总值达到325.6亿元，比上年增长5.2%。其中，第一产业增加值41.2亿元，增长3.1%；第二产业增加值120.4亿元，增长6.0%；第三产业增加值164.0亿元，增长5.1%。

图1 2020―2024年地区生产总值及其增长速度

（二）农业

全年粮食产量52.3万吨，增长1.8%。蔬菜产量31.0万吨，增长2.5%。

表2 2024年主要农产品产量

产品 | 产量（万吨） | 比上年增长（%）
粮食 | 52.3 | 1.8
"""


def test_bare_headings_never_stand_alone() -> None:
    """A title, a signature, section headings and captions alone hold no answer: they
    join the passage they head; a figure's caption (set under its figure) joins the
    passage before it, a table's caption the rows after it."""
    doc = _doc(BULLETIN, "b.txt")
    chunks = chunk_document(doc, 60, 0)
    assert all(doc.text[c.start : c.end] == c.text for c in chunks)
    assert not [c.text for c in chunks if is_bare_heading(doc, c.start, c.end)]
    assert chunks[0].text.startswith("某某县2024年国民经济和社会发展统计公报\n\n某某县统计局")
    assert "全年全县地区生产总值达到325.6亿元" in chunks[0].text
    figure = next(c for c in chunks if "图1" in c.text)
    assert figure.text.startswith("第三产业增加值") and figure.text.endswith("增长速度")
    table = next(c for c in chunks if "表2" in c.text)
    assert table.text.startswith("表2") and "粮食 | 52.3" in table.text
    # every character of the text is in some chunk, in order
    assert [c.start for c in chunks] == sorted(c.start for c in chunks)


def test_a_heading_line_with_a_figure_or_a_label_is_not_bare() -> None:
    text = (
        "工业\n\n重工业11.2\n\n适合人群：企业和研究机构\n\n二〇二四年工作安排\n\n表3 2024年主要指标"
    )
    doc = _doc(text, "h.txt")
    lines = {s.heading: s.start for s in doc.sections}
    for line, bare in (
        ("重工业11.2", False),
        ("适合人群：企业和研究机构", False),
        ("表3 2024年主要指标", True),
    ):
        if line in lines:
            start = lines[line]
            assert is_bare_heading(doc, start, start + len(line)) is bare, line
