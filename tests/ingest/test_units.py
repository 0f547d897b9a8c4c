"""Answer units: sentences, clause windows of long sentences, records, headings."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import pytest

from ingest import units
from ingest.units import (
    Span,
    answer_units,
    is_caption,
    is_heading,
    split_spans,
    unit_vectors,
    windows,
)
from lixia_qa.types import Commitment, Document

LONG = "今年全区将新建口袋公园十二处，改造提升绿道二十公里，打造滨河景观带三条，同步推进老旧小区改造，惠及居民八千余户，并完成背街小巷整治四十条。"


def _doc(text: str) -> Document:
    return Document("d.txt", "t", text)


def test_sentences_headings_and_windows_with_offsets() -> None:
    text = f"一、城市建设\n{LONG}\n短句一。短句二！"
    units = answer_units(_doc(text), long_sentence=40, window_chars=30)
    assert all(text[u.start : u.end] == u.text for u in units)
    kinds = [u.kind for u in units]
    assert kinds[0] == "heading" and kinds.count("sentence") == 3
    long_id = next(u.unit_id for u in units if u.text == LONG)
    parts = [u for u in units if u.kind == "window"]
    assert parts and all(u.parent == long_id and len(u.text) <= 30 for u in parts)
    # windows cover the long sentence without overlap
    assert all(a.end <= b.start for a, b in zip(parts, parts[1:], strict=False))


def test_records_are_units_and_cut_out_of_sentences() -> None:
    text = "全年新建幼儿园4所（牵头领导：张三；责任单位：区住建局（区人防办））。另有一句。"
    rec = text.index("（牵头")
    c = Commitment(
        "d.txt@0",
        "d.txt",
        "全年新建幼儿园4所",
        ("张三",),
        (),
        ("区住建局（区人防办）",),
        0,
        len(text) - 1,
        record_start=rec,
    )
    units = answer_units(_doc(text), [c])
    record = [u for u in units if u.kind == "record"]
    assert [u.text for u in record] == ["全年新建幼儿园4所"]
    assert not any("牵头领导" in u.text for u in units)


def test_long_sentence_vector_is_the_mean_of_its_windows() -> None:
    units = answer_units(_doc(LONG), long_sentence=40, window_chars=30)
    seen: list[str] = []

    def embed(texts: list[str]) -> np.ndarray:
        seen.extend(texts)
        rng = np.random.default_rng(len(texts))
        v = rng.normal(size=(len(texts), 8)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    matrix = unit_vectors(units, embed, 8)
    assert LONG not in seen  # derived, not embedded
    rows = [i for i, u in enumerate(units) if u.kind == "window"]
    mean = matrix[rows].mean(axis=0)
    assert np.allclose(matrix[0], mean / np.linalg.norm(mean), atol=1e-6)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-5)


def test_split_helpers() -> None:
    text = "甲。乙！\n丙"
    # a one-character piece ("丙") is too short to answer
    assert [text[s.start : s.end] for s in split_spans(text, 0, len(text))] == ["甲。", "乙！"]
    assert is_heading("标题\n正文。", Span(0, 2))
    assert not is_heading("这是一句话。\n", Span(0, 6))
    # a report's delivery line on a line of its own is no answer, however long
    line = "——2023年12月21日在某某县第十七届人民代表大会第四次会议上"
    assert is_heading(f"政府工作报告\n{line}\n各位代表：", Span(7, 7 + len(line)))
    said = f"{line}，县长作了报告。"
    assert not is_heading(said + "\n", Span(0, len(said)))
    assert len(windows("一，二，三。", Span(0, 6), max_chars=4)) == 2


# The unit regexes as they were written before they were built from lixia_qa.zh; stored
# answer units depend on them, so the built ones must match exactly the same spans.
_OLD_SENTENCE_END = r"[。！？!?；;]+[”’」』）)]*|…{1,2}[”’」』）)]*|\n+"
_OLD_CLAUSE_END = r"[，,：:][”’」』）)]*"
_OLD_LEAD = r"^[\s，。、；：,.;:！？!?”’）)】》]+"
_OLD_CLOSING = "。！？!?；;…”’）)"
_TRICKY = [
    "他说：“好。”然后走了。",
    "「完成了！」』）) 下一句",
    "问题？！”）】》〕〗］尾",
    "等等……”还有…』再…………完",
    "甲；乙;丙。。。丁!?戊",
    "一、城市建设\n\n\n（一）绿化，改造：提升, 完成:好",
    "，。、；：,.;:！？!?”’）)】》〕〗］」』开头",
    "\u3000 \t，。文字",
    "“二十大”报告指出，两万元；1.5万人。2024年3月5日。",
    "Ⅱ类水质……III级、IV期）",
    "】》〕〗］」』",
    "",
]
_PUNCT = "".join(
    chr(c)
    for c in (
        *range(0x20, 0x7F),
        *range(0x2010, 0x2070),
        *range(0x3000, 0x3040),
        *range(0xFF00, 0xFF66),
    )
)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _same_matches(text: str) -> None:
    for old, new in [
        (_OLD_SENTENCE_END, units.UNIT_BREAK),
        (_OLD_CLAUSE_END, units.CLAUSE_END),
        (_OLD_LEAD, units._LEAD),
    ]:
        assert _spans(re.compile(old), text) == _spans(new, text), (old, text)
    for i in range(len(text)):
        old_lead = re.compile(_OLD_LEAD).match(text, i)
        new_lead = units._LEAD.match(text, i)
        assert (old_lead and old_lead.span()) == (new_lead and new_lead.span()), text


@pytest.mark.parametrize("text", _TRICKY)
def test_unit_regexes_match_the_old_hand_written_ones(text: str) -> None:
    _same_matches(text)


def test_unit_regexes_agree_on_every_punctuation_mark() -> None:
    for c in _PUNCT:
        for text in (c, f"{c}{c}好{c}尾", f"好。{c}{c}尾", f"好，{c}尾", f"好…{c}尾", f"\n{c}尾"):
            _same_matches(text)


def test_heading_closers_are_the_old_ones() -> None:
    assert units.CLOSING == _OLD_CLOSING
    assert set(_PUNCT) & set(units.CLOSING) == set(_PUNCT) & set(_OLD_CLOSING)


def test_units_of_tricky_text_are_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n".join(_TRICKY) + LONG.replace("，", "：”，")
    new = answer_units(_doc(text), long_sentence=10, window_chars=12)
    monkeypatch.setattr(units, "split_spans", _with_old_default(units.split_spans))
    monkeypatch.setattr(units, "CLAUSE_END", re.compile(_OLD_CLAUSE_END))
    monkeypatch.setattr(units, "_LEAD", re.compile(_OLD_LEAD))
    monkeypatch.setattr(units, "CLOSING", _OLD_CLOSING)
    old = answer_units(_doc(text), long_sentence=10, window_chars=12)
    assert len(new) > 10 and new == old


def _with_old_default(split: Callable[..., list[Span]]) -> Callable[..., list[Span]]:
    def old_split(
        text: str,
        start: int,
        end: int,
        pattern: re.Pattern[str] | None = None,
        gaps: Sequence[tuple[int, int]] = (),
    ) -> list[Span]:
        return split(text, start, end, pattern or re.compile(_OLD_SENTENCE_END), gaps)

    return old_split


def test_table_rows_are_row_units_with_title_and_number() -> None:
    from ingest.commitments import parse_commitments
    from ingest.table_records import tables_as_records
    from ingest.tables import format_table

    table = format_table(
        [
            ["序号", "项目", "牵头领导", "责任单位"],
            ["1", "修缮村级图书室6个", "卫某", "镇文化站"],
            ["2", "新建公厕4座", "蒋某", "镇城建办"],
        ]
    )
    text, tables = tables_as_records(f"表1 松涛镇2021年实事清单\n{table}\n\n全镇共有图书室20个。")
    doc = Document("d.txt", "松涛镇实事", text, tables=tables)
    found = answer_units(doc, parse_commitments("d.txt", text, None, tables))
    rows = [u for u in found if u.kind == "row"]
    assert [(u.text, u.table, u.row) for u in rows] == [
        (
            "序号：1；项目：修缮村级图书室6个；牵头领导：卫某；责任单位：镇文化站",
            "表1 松涛镇2021年实事清单",
            1,
        ),
        (
            "序号：2；项目：新建公厕4座；牵头领导：蒋某；责任单位：镇城建办",
            "表1 松涛镇2021年实事清单",
            2,
        ),
    ]
    assert rows[0].index_text() == f"表1 松涛镇2021年实事清单\n{rows[0].text}"
    heading = [u.text for u in found if u.kind == "heading"]
    assert heading == ["表1 松涛镇2021年实事清单"]
    assert [u.text for u in found if u.kind == "record"] == ["修缮村级图书室6个", "新建公厕4座"]
    assert [u.text for u in found if u.kind == "sentence"] == ["全镇共有图书室20个。"]
    assert not any("序号 |" in u.text or u.text.startswith("序号：项目") for u in found)
    for u in found:
        assert text[u.start : u.end] == u.text


def test_units_carry_the_place_they_are_about(monkeypatch: pytest.MonkeyPatch) -> None:
    from ingest import places
    from lixia_qa.types import Place

    invented = places.Gazetteer([("910000", "云岭省"), ("910100", "青禾市"), ("910102", "松涛区")])
    monkeypatch.setattr(places, "gazetteer", lambda: invented)
    city = Place("云岭省", "青禾市")
    doc = Document("d.txt", "t", "全市粮食产量12万吨。\n\n松涛区粮食产量3万吨。", place=city)
    first, second = answer_units(doc)
    assert first.place == city
    assert second.place == Place("云岭省", "青禾市", "松涛区")


def test_clause_windows_up_to_exactly_the_limit() -> None:
    text = "甲乙丙丁，戊己庚辛。"  # two clauses of five characters
    span = units.Span(0, len(text))
    assert units.windows(text, span, 10) == [span]  # 10 characters fit a window of 10
    assert units.windows(text, span, 9) == [units.Span(0, 5), units.Span(5, 10)]


def test_a_url_a_time_and_a_figure_are_never_cut() -> None:
    """ASCII marks inside a URL, a time or a figure end no clause: a window never ends
    at ``http:`` or splits ``8:30`` or ``1,200``."""
    text = (
        "某街道便民服务中心今年接待群众1,200人次，工作日上午8:30开门办理业务，"
        "预约网址：https://service.example.cn/book?id=7，欢迎群众提前预约办理相关事项。"
    )
    spans = [text[s.start : s.end] for s in windows(text, Span(0, len(text)), max_chars=20)]
    assert "".join(spans).replace("，", "").replace("：", "") == text.replace("，", "").replace(
        "：", ""
    )
    assert "https://service.example.cn/book?id=7，" in spans
    assert any("1,200" in s for s in spans) and any("8:30" in s for s in spans)


def _lists(text: str, **kw: int) -> list[str]:
    units = answer_units(_doc(text), **kw)
    assert all(text[u.start : u.end] == u.text for u in units)
    return [u.text for u in units if u.kind == "list"]


def test_a_numbered_list_under_its_lead_line_is_one_unit() -> None:
    """What to bring is the whole list: its lead line and its items are one ``list`` unit,
    and each item stays a sentence unit of its own."""
    materials = "申请材料：\n\n1.居民身份证原件；\n\n2.近期一寸白底彩色照片1张；\n\n3.住址证明。"
    text = f"事项名称：某某证申领\n\n{materials}\n\n收费标准：不收费"
    assert _lists(text) == [materials]
    units = answer_units(_doc(text))
    assert "1.居民身份证原件；" in [u.text for u in units if u.kind == "sentence"]
    ways = "三、缴费方式\n（1）网上缴费；\n（2）到村（社区）便民服务中心现场缴费。"
    assert _lists(f"二、缴费标准\n每人每年400元。\n{ways}\n四、特殊群体\n另有一句。") == [ways]
    circled = "办理流程：\n①提交申请\n②窗口受理\n③领取证件"
    assert _lists(circled) == [circled]


def test_what_is_not_a_list_unit() -> None:
    # a single item; numbering that does not start at one or skips; no lead line
    assert _lists("申请材料：\n1.居民身份证原件。\n收费标准：不收费") == []
    assert _lists("申请材料：\n2.照片；\n3.住址证明。") == []
    assert _lists("申请材料：\n1.身份证；\n3.住址证明。") == []
    assert _lists("全年新建幼儿园4所，增加学位1600个。\n1.身份证；\n2.照片。") == []
    # the next heading of the lead's own series is not an item under it
    assert _lists("一、总体要求\n二、主要目标\n三、保障措施") == []
    # a list longer than the limit is left to its sentences
    long_items = "\n".join(f"{i}.{'很长的一项材料说明' * 3}；" for i in range(1, 6))
    assert _lists(f"申请材料：\n{long_items}", list_chars=100) == []
    # the items of another series stop the list
    text = "申请条件：\n1.年满18周岁；\n2.在本县居住；\n（一）另一种编号。"
    assert _lists(text) == ["申请条件：\n1.年满18周岁；\n2.在本县居住；"]


def test_a_labelled_field_standing_alone_is_a_fact_not_a_heading() -> None:
    """A line whose label names a form's field (咨询电话, 收费标准, 责任编辑) states a
    fact even with no labelled line beside it; a labelled headline does not."""
    for field in ("咨询电话：0571-1234567", "收费标准：不收费", "责任编辑：张三"):
        text = f"某县居住证申领须知。\n{field}\n另起一段说明。"
        kinds = {u.text: u.kind for u in answer_units(_doc(text))}
        assert kinds[field] == "sentence", field
    text = "正文第一句。\n青川区：奋进新时代\n正文第二句。"
    assert {u.text: u.kind for u in answer_units(_doc(text))}["青川区：奋进新时代"] == "heading"
    # 单位：万吨 over a table is its unit of measure, not a field answering anything
    text = "正文第一句。\n单位：万吨\n正文第二句。"
    assert {u.text: u.kind for u in answer_units(_doc(text))}["单位：万吨"] == "heading"


def test_list_units_of_random_lines_are_whole_numbered_lists() -> None:
    """On documents of random lines (leads, numbered items of several series, sentences,
    blank lines), every list unit is its lead line and two or more items numbered from
    one, within the limit, at its offsets."""
    import random

    rng = random.Random(7)
    pool = [
        "申请材料：",
        "三、缴费方式",
        "办理流程：",
        "全年新建幼儿园4所。",
        "收费标准：不收费",
        "",
        *[f"{n}.材料{n}；" for n in range(1, 5)],
        *[f"（{n}）方式{n}；" for n in range(1, 4)],
        *[f"{c}、事项{c}" for c in "一二三"],
        "①提交申请",
        "②窗口受理",
    ]
    for _ in range(300):
        text = "\n".join(rng.choice(pool) for _ in range(rng.randint(1, 14))).strip("\n")
        if len(text) < 2:
            continue
        for unit in answer_units(_doc(text), list_chars=60):
            if unit.kind != "list":
                continue
            assert text[unit.start : unit.end] == unit.text and len(unit.text) <= 60
            lines = [line for line in unit.text.split("\n") if line]
            assert len(lines) >= 3, unit.text
            numbers = [units._item(line) for line in lines[1:]]
            assert [n[1] for n in numbers if n] == list(range(1, len(lines))), unit.text


def test_a_long_rows_windows_start_at_its_cells() -> None:
    """A long table row is cut into runs of whole cells, each window starting with a
    cell's label; a cell longer than a window is cut into its clauses, its label kept
    with the first."""
    row = (
        "序号：7；标题：某县2021年工作要点；发文单位：某县人民政府；发文时间：2021-02-03；"
        "正文：全县地区生产总值增长百分之七左右，一般公共预算收入稳步增长，城乡居民收入同步提高，"
        "新建改建农村公路一百二十公里。"
    )
    parts = [row[s.start : s.end] for s in units.row_windows(row, Span(0, len(row)), 40)]
    assert "".join(parts) == row
    assert parts[0].startswith("序号：7；标题：") and parts[1] == "发文时间：2021-02-03；"
    assert parts[2].startswith("正文：全县") and len(parts) == 4
    assert all(len(p) <= 40 for p in parts)
    # a long cell of several sentences: no window runs from one sentence into the next
    body = "正文：该县电商企业孵化成效明显，新增网店五千余个，排名全市第一位。2024年1至10月，快递业务量2.83亿件。"
    pieces = [body[s.start : s.end] for s in units.row_windows(body, Span(0, len(body)), 40)]
    assert "".join(pieces) == body and all(len(p) <= 40 for p in pieces)
    assert [p for p in pieces if p.startswith("2024年1至10月")], pieces
    assert not [p for p in pieces if "。" in p[:-1]], pieces


def test_a_piece_of_punctuation_alone_is_no_unit() -> None:
    """A form's blank (……) or a stray quote and semicolon is no answer: no unit."""
    text = '申请人签字：\n……\n……\n办理时限为5个工作日。\n"；'
    got = [u.text for u in answer_units(_doc(text))]
    assert got == ["申请人签字：", "办理时限为5个工作日。"]
    ids = [u.unit_id for u in answer_units(_doc(text))]
    assert ids == ["d.txt~0", "d.txt~1"]  # numbered as added


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("表5 2023年青禾县主要农产品产量", True),
        ("图2：2019—2023年地区生产总值", True),
        ("表1户籍人口数及其构成", True),  # cleaning took the space out
        ("表彰大会在县礼堂举行", False),
        ("表1显示，全年粮食增产。", False),  # a sentence about a table
    ],
)
def test_captions(line: str, caption: bool) -> None:
    assert is_caption(line) == caption


def test_a_short_item_of_a_list_of_sentences_is_no_heading() -> None:
    """``2.二寸近期彩照三张`` among items that end sentences is an item (it states how
    many photos); numbered lines none of which ends a sentence (a table of contents) are
    headings."""
    items = "九、申请材料\n1.申请人的身份证原件一份。\n2.二寸近期彩照三张\n3.相关病历材料。"
    at = items.index("2.")
    assert not is_heading(items, Span(at, at + len("2.二寸近期彩照三张")))
    contents = "目次\n1.范围\n2.引用\n3.术语和定义"
    at = contents.index("2.")
    assert is_heading(contents, Span(at, at + len("2.引用")))


def test_the_title_line_is_a_heading_however_long() -> None:
    """The document's title on a line of its own, maybe under a label (【文字解读】), is a
    heading even past the length of a short line; a title taken from a first sentence
    that ends one stays a sentence."""
    title = "青禾县2024年城乡居民医疗保险缴费工作方案政策解读"
    text = f"【文字解读】{title}\n一、缴费时间：2023年9月1日起。\n正文一句。"
    doc = Document("d.txt", title, text)
    kinds = {u.text: u.kind for u in answer_units(doc)}
    assert kinds[f"【文字解读】{title}"] == "heading"
    first = "为做好2024年城乡居民医疗保险缴费工作，现将青禾县有关事项通知如下。"
    doc = Document("d.txt", first[:60], f"{first}\n正文一句。")
    assert {u.text: u.kind for u in answer_units(doc)}[first] == "sentence"


def test_a_label_ending_a_window_goes_with_its_value() -> None:
    """A long line of fields cut into windows never leaves a label (联系电话：) at the end
    of one window and its value at the start of the next."""
    line = "龙湖分局：地址：青禾市松涛区珠池路物产楼4楼，联系电话：0754-83260037，电子邮箱：a@b.com"
    parts = [line[w.start : w.end] for w in windows(line, Span(0, len(line)), 30)]
    assert "".join(parts) == line
    assert any(p.startswith("联系电话：0754-83260037") for p in parts), parts
    assert not any(p.endswith("联系电话：") for p in parts), parts


def test_a_reports_undated_delivery_line_and_its_date_are_a_unit() -> None:
    text = "政府工作报告\n——在青山县第十六届人民代表大会第一次会议上\n县长 李四\n（2022年1月5日）\n各位代表：\n现在，我代表县人民政府向大会报告工作。"
    units = answer_units(_doc(text))
    assert any(
        u.kind == "sentence"
        and u.text.startswith("——在青山县")
        and u.text.endswith("（2022年1月5日）")
        for u in units
    )
