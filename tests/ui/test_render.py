"""The UI's pure rendering: escaping, highlight placement, abstention and commitment rows."""

from __future__ import annotations

import csv
import io
import re

from lixia_qa.types import Answer, Citation, Commitment, Document
from ui import render

DOC_TEXT = "青山区概况\n前言。<script>alert(1)</script>新建幼儿园4所，新增学位1600个。其余内容。"


def _citation(n: int = 1, **kw: object) -> Citation:
    # the snippet starts at document offset 6 ("前言。..."); the cited sentence is 新建…个。
    snippet = DOC_TEXT[6:]
    hs = DOC_TEXT.index("新建")
    he = DOC_TEXT.index("其余")
    data: dict[str, object] = dict(
        n=n,
        doc_id="notice_2023.txt",
        title="关于<b>印发</b>的通知",
        date="2023-03-06",
        snippet=snippet,
        start=6,
        end=len(DOC_TEXT),
        score=1.0,
        highlight_start=hs,
        highlight_end=he,
        heading="（一）教育",
    )
    data.update(kw)
    return Citation(**data)  # type: ignore[arg-type]


def _marks(html_text: str) -> list[str]:
    return re.findall(r'<mark class="hl">(.*?)</mark>', html_text, flags=re.S)


def test_marked_escapes_every_part_and_marks_the_span() -> None:
    text = 'a<b>c&d"e'
    # document offset 10: the span [12, 14) is characters 2..4 of the text, "b>"
    out = render.marked(text, 10, 12, 14)
    assert out == 'a&lt;<mark class="hl">b&gt;</mark>c&amp;d&quot;e'


def test_marked_clamps_out_of_range_spans_and_skips_empty_ones() -> None:
    assert render.marked("abc", 100, 50, 60) == "abc"  # before the text: empty after clamping
    assert render.marked("abc", 0, 2, 99) == 'ab<mark class="hl">c</mark>'
    assert render.marked("abc", 0, 1, 1) == "abc"
    assert render.marked("abc", 0, 2, 1) == "abc"  # end before start


def test_citation_card_escapes_script_and_highlights_the_cited_sentence() -> None:
    out = render.citation_card(_citation())
    assert "<script" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "关于&lt;b&gt;印发&lt;/b&gt;的通知" in out
    assert _marks(out) == ["新建幼儿园4所，新增学位1600个。"]
    # the button opens the document at the sentence's document offsets
    assert f'data-start="{DOC_TEXT.index("新建")}"' in out
    assert f'data-end="{DOC_TEXT.index("其余")}"' in out


def test_citation_without_sentence_highlights_nothing_but_opens_the_snippet() -> None:
    c = _citation(highlight_start=6, highlight_end=6)
    out = render.citation_card(c)
    assert _marks(out) == []
    assert 'data-start="6"' in out and f'data-end="{len(DOC_TEXT)}"' in out


def test_attribute_values_cannot_break_out_of_quotes() -> None:
    out = render.citation_card(_citation(doc_id='x" onmouseover="alert(1).txt'))
    assert 'data-doc="x&quot; onmouseover=&quot;alert(1).txt"' in out
    assert 'onmouseover="' not in out


def test_answer_panel_lists_sources_and_hides_related_behind_details() -> None:
    answer = Answer(
        question="新建几所幼儿园？",
        text="新建幼儿园4所[1]",
        abstained=False,
        citations=(_citation(1),),
        related=(_citation(2),),
    )
    out = render.answer_panel(answer)
    assert "abstain" not in out
    assert "来源" in out and "<details" in out
    assert out.index('data-n="1"') < out.index("<details") < out.index('data-n="2"')
    assert 'class="card related" data-n="2"' in out


def test_abstention_is_a_notice_with_related_passages() -> None:
    answer = Answer(
        question="明年的天气怎么样？",
        text="文档中没有找到<天气>的信息。",
        abstained=True,
        related=(_citation(1, highlight_start=6, highlight_end=6),),
    )
    out = render.answer_panel(answer)
    assert 'class="notice abstain"' in out
    assert "未找到确切答案" in out and "文档中没有找到&lt;天气&gt;的信息。" in out
    assert 'class="card related"' in out
    assert "来源</div>" not in out  # related passages are not presented as sources


def test_document_view_keeps_line_breaks_and_highlights_the_span() -> None:
    doc = Document(doc_id="d.txt", title="T", text=DOC_TEXT, date=None, source="区政府办公室")
    start, end = DOC_TEXT.index("新建"), DOC_TEXT.index("其余")
    out = render.document_view(doc, start, end)
    assert "青山区概况\n前言。" in out
    assert "<script" not in out
    assert _marks(out) == [DOC_TEXT[start:end]]
    assert "日期不详" in out and f"{len(DOC_TEXT):,} 字" in out
    assert _marks(render.document_view(doc)) == []


def test_documents_list_escapes_titles() -> None:
    doc = Document(doc_id="a&b.txt", title="<i>标题</i>", text="正文", date="2024")
    out = render.documents_list([doc])
    assert 'data-doc="a&amp;b.txt"' in out and "&lt;i&gt;标题&lt;/i&gt;" in out
    assert "索引中还没有文档" in render.documents_list([])


def _commitment() -> Commitment:
    return Commitment(
        commitment_id="n.txt@10",
        doc_id="n.txt",
        task="新建中小学幼儿园6所",
        leaders=("周敏",),
        lead_units=("区教育和体育局",),
        units=("区财政局", "区自然资源局"),
        start=10,
        end=60,
        headings=("一、民生", "（一）教育"),
    )


def test_commitment_row_order_and_short_source() -> None:
    titles = {"n.txt": "关于印发2023年《青山区政府工作报告》目标任务分解的通知"}
    row = render.commitment_row(_commitment(), titles)
    assert row[:4] == ["新建中小学幼儿园6所", "周敏", "区教育和体育局", "区财政局、区自然资源局"]
    # 16 characters at most: the first 15 of the title and "…", then the innermost heading
    assert row[4] == "关于印发2023年《青山区政府… > （一）教育"
    assert len(row) == len(render.COMMITMENT_HEADERS)


def test_commitments_csv_has_bom_full_title_and_offsets() -> None:
    titles = {"n.txt": "关于印发2023年《青山区政府工作报告》目标任务分解的通知"}
    text = render.commitments_csv([_commitment()], titles)
    assert text.startswith("\ufeff任务,")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == render.COMMITMENT_HEADERS + render.CSV_EXTRA_HEADERS
    assert rows[1][4] == titles["n.txt"] + " > （一）教育"
    assert rows[1][5:] == ["n.txt", "10", "60"]


def test_header_states() -> None:
    assert "已收录 5 篇文档" in render.header(5)
    broken = render.header(None, "no index <here>")  # the reason is in /api/health, in English
    assert "服务暂不可用" in broken and "no index" not in broken
    assert render.LOADING in render.header(None)
    assert render.PRODUCT_NAME in render.header(0)


def test_header_names_the_place_in_the_page_and_the_tab() -> None:
    html = render.header(5, site="青川区")
    assert "<h1>青川区政务文档问答</h1>" in html and 'data-title="青川区政务文档问答"' in html
    assert 'data-title="政务文档问答"' in render.header(5)  # no place known
    assert 'data-title="&lt;b&gt;政务文档问答"' in render.header(5, site="<b>")


def test_dates_say_where_they_came_from() -> None:
    doc = Document("a.txt", "通知", "正文", date="2023-02-01", date_source="text")
    assert render.date_label(doc.when, doc) == "2023年2月1日（文末落款日期）"
    year = Document("b.txt", "报道", "正文", year=2022, date_source="text")
    assert render.date_label(year.when, year) == "2022年（据正文推断的年份）"
    assert render.date_label(None) == "日期不详"
    cite = _citation(date="2022", doc_id="b.txt")
    card = render.citation_card(cite, docs={"b.txt": year})
    listed = render.documents_list([year])
    assert "2022年（据正文推断的年份）" in card and "2022年（据正文推断的年份）" in listed


def test_cards_have_the_ids_the_answer_links_to() -> None:
    html = render.cards([_citation(1), _citation(2)], id_prefix="src-3")
    assert 'id="src-3-1"' in html and 'id="src-3-2"' in html
    panel = render.answer_panel(Answer("q", "新建幼儿园4所[1]", False, (_citation(),)), turn=3)
    assert 'data-turn="3"' in panel and 'id="src-3-1"' in panel
