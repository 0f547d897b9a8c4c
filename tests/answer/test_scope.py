"""Scoping by year on documents written for the test: a report of one year reviews the
year before under a heading naming it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from answer.scope import heading_year, unit_year, year_scope
from lixia_qa.types import Document, Section

REVIEW = "一、2022年工作回顾"
PLAN = "二、2023年工作安排"
BODY_1 = "全年新建公园12个，改造道路8条。"
BODY_2 = "今年计划新建公园20个。"
LATER = "到2025年建成绿道100公里。"
TEXT = f"{REVIEW}\n{BODY_1}\n\n{PLAN}\n{BODY_2}\n\n{LATER}"
A, B = TEXT.index(REVIEW), TEXT.index(PLAN)
REPORT = Document(
    "report_2023.txt",
    "某某县2023年政府工作报告",
    TEXT,
    year=2023,
    years=(2022, 2023, 2025),
    sections=(Section(REVIEW, 1, A, B), Section(PLAN, 1, B, len(TEXT))),
)


class Store:
    def documents_about(self, years: Collection[int]) -> list[Document]:
        return [REPORT] if set(years) & {REPORT.year, *REPORT.years} else []


def test_the_year_a_heading_is_about() -> None:
    assert heading_year(REVIEW) == 2022
    assert heading_year("第三章 二〇二四年重点任务") == 2024
    assert heading_year("图1 2018—2022年地区生产总值") is None  # a range
    assert heading_year("某某市统计局2024年4月29日") is None  # a date, not a section's year
    assert heading_year("2021年、2022年对比") is None  # several
    assert heading_year("三、保障措施") is None


def test_a_reports_review_speaks_of_the_year_before() -> None:
    assert unit_year(REPORT, TEXT.index(BODY_1)) == 2022
    assert unit_year(REPORT, TEXT.index(BODY_2)) == 2023
    # a 2023 question is not answered from the review of 2022, a 2022 one only from it
    scope = year_scope(Store(), [2023])  # type: ignore[arg-type]
    assert scope.doc_ids == {"report_2023.txt"}
    assert scope.spans["report_2023.txt"] == [(B, len(TEXT))]
    spans = year_scope(Store(), [2022]).spans["report_2023.txt"]  # type: ignore[arg-type]
    assert all(s >= A and e <= B for s, e in spans)


def test_a_year_mentioned_in_a_section_about_another_is_its_paragraph() -> None:
    """The plan for 2023 names 2025 in one paragraph: only that paragraph is about 2025."""
    spans = year_scope(Store(), [2025]).spans["report_2023.txt"]  # type: ignore[arg-type]
    assert [TEXT[s:e] for s, e in spans] == [LATER]


def _table_doc(text: str, columns: tuple[str, ...], rows: list[str], year: int) -> Document:
    """A document whose text is ``text`` followed by labelled ``rows`` of one table."""
    from lixia_qa.types import Table, TableRow

    body = text + "\n".join(rows)
    made, at = [], len(text)
    for n, row in enumerate(rows, 1):
        cells, pos = [], at
        for label in columns:
            start = body.index(f"{label}：", pos) + len(label) + 1
            end = body.find("；", start)
            end = at + len(row) if end < 0 or end > at + len(row) else end
            cells.append((start, end))
            pos = end
        made.append(TableRow(n, at, at + len(row), tuple(cells)))
        at += len(row) + 1
    table = Table("", columns, tuple(made), len(text), len(body))
    return Document("t.xlsx", "汇编", body, year=year, years=(2019, 2020, 2021), tables=(table,))


def test_a_table_row_says_the_year_it_is_about() -> None:
    """A row with a year or date column (年份, 发文时间) or a title naming one year is
    about that year, whatever its document's year: a 2021 bulletin's table of five
    years, or a compilation with one row per document."""
    rows = ["年份：2019年；达标比例（%）：80.1", "年份：2020年；达标比例（%）：85.3"]
    doc = _table_doc("表3 近年水质\n", ("年份", "达标比例（%）"), rows, 2021)
    first, second = doc.text.index(rows[0]), doc.text.index(rows[1])
    assert unit_year(doc, first + 3) == 2019
    assert unit_year(doc, second + 3) == 2020
    assert unit_year(doc, 0) == 2021

    class One:
        def documents_about(self, years: Collection[int]) -> list[Document]:
            return [doc]

    # a 2019 question may be answered from the 2019 row only
    assert year_scope(One(), [2019]).spans["t.xlsx"] == [(first, first + len(rows[0]))]  # type: ignore[arg-type]
    # a question about the document's year is not answered from another year's row
    spans = year_scope(One(), [2021]).spans["t.xlsx"]  # type: ignore[arg-type]
    assert not any(s <= second < e for s, e in spans)
    titled = _table_doc(
        "",
        ("序号", "标题", "发文时间"),
        [
            "序号：1；标题：某县2020年工作要点；发文时间：",
            "序号：2；标题：某县工作总结；发文时间：2021-01-05",
        ],
        2018,
    )
    assert unit_year(titled, 3) == 2020
    assert unit_year(titled, titled.text.index("序号：2") + 3) == 2021


def test_a_row_about_another_year_speaks_of_a_year_it_names_in_one_sentence() -> None:
    """A 2022 row that says the county joined a 2023 list says nothing else of 2023: a
    2023 question may read that sentence, not the row's 2022 figures."""
    row = "序号：1；标题：某县2022年经济运行；正文：全县生产总值完成122亿元。某县入选2023年度名单。"
    doc = replace(_table_doc("", ("序号", "标题", "正文"), [row], 2018), years=(2022, 2023))
    start = doc.text.index(row)
    named = doc.text.index("某县入选")

    class One:
        def documents_about(self, years: Collection[int]) -> list[Document]:
            return [doc]

    assert unit_year(doc, start + 3) == 2022
    spans = year_scope(One(), [2023]).spans["t.xlsx"]  # type: ignore[arg-type]
    assert spans == [(named, start + len(row))]
    assert year_scope(One(), [2022]).spans["t.xlsx"] == [(start, start + len(row))]  # type: ignore[arg-type]


def test_an_assembly_reports_review_under_no_year_speaks_of_the_year_before() -> None:
    """A 2024 report opens its review "过去的一年，…" under no heading naming a year: a 2023
    question is answered from that part, a 2024 one from the plan."""
    opening = "各位代表：现在，我代表县人民政府，向大会报告工作。"
    review, plan = "过去的一年，新建公园6个。", "今年计划新建公园9个。"
    text = f"{opening}\n\n{review}\n\n{plan}"
    doc = Document("r.txt", "某县政府工作报告", text, year=2024, years=(2023, 2024))

    class One:
        def documents_about(self, years: Collection[int]) -> list[Document]:
            return [doc]

    at, plan_at = text.index(review), text.index(plan)
    assert unit_year(doc, at) == 2023
    assert unit_year(doc, plan_at) == 2024
    assert [text[s:e].strip() for s, e in year_scope(One(), [2023]).spans["r.txt"]] == [review]  # type: ignore[arg-type]
    kept = year_scope(One(), [2024]).spans["r.txt"]  # type: ignore[arg-type]
    assert not any(s <= at < e for s, e in kept) and any(s <= plan_at < e for s, e in kept)


def test_a_release_date_in_the_head_speaks_of_no_part_of_the_text() -> None:
    """A 2015 bulletin released 2016年2月22日, all on one line: no 2016 question is
    answered from it; a date in its body still scopes its paragraph."""
    body = "全年地区生产总值100亿元，比上年增长5%。" * 20
    text = f"某区2015年统计公报 发布：2016年2月22日 {body}\n\n2016年3月1日起，新规施行。"
    doc = Document("b.txt", "某区2015年统计公报", text, year=2015, years=(2015, 2016))

    class One:
        def documents_about(self, years: Collection[int]) -> list[Document]:
            return [doc]

    spans = year_scope(One(), [2016]).spans["b.txt"]  # type: ignore[arg-type]
    assert [text[s:e] for s, e in spans] == ["2016年3月1日起，新规施行。"]


def test_an_unnumbered_review_heading_governs_the_numbered_parts_under_it() -> None:
    """A page that lost the review heading's number ("2022年工作回顾" above "一、…"):
    its numbered parts speak of 2022 up to the next unnumbered heading, the plan."""
    text = (
        "2022年工作回顾\n\n一、经济平稳增长\n\n全年完成地区生产总值88亿元，增长5%。\n\n"
        "二、民生持续改善\n\n新建幼儿园3所。\n\n2023年工作安排\n\n一、稳住经济\n\n"
        "地区生产总值增长6%左右。"
    )
    doc = _sectioned("report_2023.txt", text, 2023, (2022, 2023))
    assert unit_year(doc, text.index("全年完成")) == 2022
    assert unit_year(doc, text.index("新建幼儿园")) == 2022
    assert unit_year(doc, text.index("增长6%")) == 2023
    spans = year_scope(_One(doc), [2023]).spans["report_2023.txt"]  # type: ignore[arg-type]
    assert not any(s <= text.index("88亿元") < e for s, e in spans)
    spans = year_scope(_One(doc), [2022]).spans["report_2023.txt"]  # type: ignore[arg-type]
    assert any(s <= text.index("88亿元") < e for s, e in spans)
    assert not any(s <= text.index("增长6%") < e for s, e in spans)


def test_a_heading_about_no_year_heads_no_series() -> None:
    """A speaker's line over 一、2023年…执行情况 is about no year: a 2024 question finds
    the plan for 2024 the opening mentions, not the 2023 section under the speaker."""
    text = (
        "区发改委主任 张三\n\n受区政府委托，现将2023年计划执行情况与2024年计划草案提请审议。\n\n"
        "一、2023年计划执行情况\n\n预计地区生产总值增长5%。"
    )
    doc = _sectioned("plan.txt", text, 2023, (2023, 2024))
    spans = year_scope(_One(doc), [2024]).spans["plan.txt"]  # type: ignore[arg-type]
    assert not any(s <= text.index("增长5%") < e for s, e in spans)


def _sectioned(doc_id: str, text: str, year: int, years: tuple[int, ...]) -> Document:
    """A document of ``text`` with the sections ingest finds in it."""
    from ingest.structure import find_sections

    return Document(doc_id, "工作报告", text, year=year, years=years, sections=find_sections(text))


class _One:
    """A store holding one document, about every year."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def documents_about(self, years: Collection[int]) -> list[Document]:
        return [self.doc]


def test_a_year_naming_the_document_scopes_to_that_years_documents_whole() -> None:
    """2023年那份报告里说… asks what the 2023 report says, its review of 2022 too; a year
    no document is about scopes as any year does."""
    whole = year_scope(Store(), [2023], whole=True)  # type: ignore[arg-type]
    assert whole.doc_ids == {"report_2023.txt"} and whole.spans == {}
    assert year_scope(Store(), [2025], whole=True).spans  # type: ignore[arg-type]


def test_a_question_whose_year_names_a_document() -> None:
    from answer.analyse import analyse
    from store.tokenize import ChineseTokenizer

    def of_document(text: str) -> bool:
        return analyse(text, ChineseTokenizer(), 2024).of_document

    assert of_document("青山旗2020年那份政府工作报告里说一般公共预算收入多少")
    assert of_document("2022年统计公报上常住人口多少")
    assert not of_document("青山旗2020年一般公共预算收入多少")
    assert not of_document("今年政府工作报告里说GDP增长多少")  # 今年 is resolved, not named
