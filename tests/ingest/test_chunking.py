"""Chunks point at their text, never start with punctuation and keep their heading path."""

from pathlib import Path

import pytest

from ingest.chunking import chunk_document
from ingest.clean import clean_text
from ingest.metadata import describe

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _doc(text: str, doc_id: str = "t.txt"):
    return describe(doc_id, clean_text(text), "h")


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_chunk_offsets_point_at_chunk_text(path: Path) -> None:
    doc = _doc(path.read_text(encoding="utf-8"), path.name)
    chunks = chunk_document(doc, 220, 40)
    assert chunks
    for n, c in enumerate(chunks):
        assert doc.text[c.start : c.end] == c.text
        assert c.chunk_id == f"{path.name}#{n}"
        assert c.text[0] not in "，。、；：？！…）”’,.;:?!"
        assert len(c.text) <= 220


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
