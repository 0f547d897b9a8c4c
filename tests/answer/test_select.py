"""Choosing answer units: the newest of equal statements, limits, trimming."""

from __future__ import annotations

from answer.analyse import FACT, FIGURE, LIST, PERSON, Question
from answer.config import AnswerConfig
from answer.features import Candidate
from answer.score import LexicalScorer
from answer.select import Scored, choose, prefer_recent, trim
from lixia_qa.types import AnswerUnit


def _s(doc: str, text: str, score: float, year: int | None, start: int = 0) -> Scored:
    unit = AnswerUnit(f"{doc}~{start}", doc, text, start, start + len(text), "sentence")
    return Scored(Candidate(0, unit, None, year=year), score)


def _q(kind: str = FACT, terms: tuple[str, ...] = ("公园",)) -> Question:
    return Question("q", kind, None, (), terms)  # type: ignore[arg-type]


def test_prefer_recent_among_equally_good_statements() -> None:
    old = _s("a", "新建公园10处。", 0.80, 2022)
    new = _s("b", "新建公园12处。", 0.78, 2024)
    far = _s("c", "新建公园9处。", 0.40, 2025)
    best, others = prefer_recent([old, new, far], gap=0.12, q=_q())
    assert best is new and others == [old]


def test_limits_by_kind() -> None:
    cfg = AnswerConfig()
    good = [
        _s("a", "甲公园。", 0.9, 2024, 0),
        _s("a", "乙公园。", 0.85, 2024, 10),
        _s("a", "丙公园。", 0.84, 2024, 20),
    ]
    rule = LexicalScorer()
    assert len(choose(_q(FIGURE), good, (rule.gap, cfg.year_gap), cfg, True)[0]) == 1
    assert len(choose(_q(FACT), good, (rule.gap, cfg.year_gap), cfg, True)[0]) == 2
    assert len(choose(_q(LIST), good, (rule.gap, cfg.year_gap), cfg, True)[0]) == 3


def test_a_sentence_a_document_repeats_is_given_once() -> None:
    cfg = AnswerConfig()
    note = "注：公园数含社区游园。"
    good = [
        _s("a", "新建公园12处。", 0.9, 2024, 0),
        _s("a", note, 0.88, 2024, 40),
        _s("a", note, 0.87, 2024, 90),
    ]
    chosen = choose(_q(LIST), good, (0.2, cfg.year_gap), cfg, True)[0]
    assert [s.cand.unit.text for s in chosen] == ["新建公园12处。", note]


def test_trim_keeps_the_clauses_with_the_terms() -> None:
    text = "第一部分讲了很多别的事情，第二部分也讲别的，新建口袋公园十二处，第四部分还是别的事情。"
    s, e = trim(text, 0, len(text), _q(FACT, ("口袋公园",)), budget=20)
    assert "口袋公园" in text[s:e] and e - s <= 20
    assert trim("短句。", 0, 3, _q(), 20) == (0, 3)


def test_trim_keeps_the_figure_of_a_run_on_line() -> None:
    """A page that lost its stops runs its items into one clause: cut to the budget, it
    keeps the figure a figure question asks, not the words before it."""
    text = (
        "荣获省级双拥模范城荣誉称号荣获省教育工作先进区称号这五年是综合实力稳步提升的五年"
        "初步预计地区生产总值年均增长7.93%，公共财政总收入年均增长6.31%。"
    )
    q = Question("五年GDP年均增长多少", FIGURE, None, (), ("生产总值", "年均"), measure="%")
    s, e = trim(text, 0, len(text), q, budget=40)
    assert "7.93%" in text[s:e] and e - s <= 40


def test_trim_does_not_answer_who_holds_a_post_with_its_deputy() -> None:
    """Of a long list of officials, 县长是谁 keeps the clause naming the 县长 (代县长),
    not one naming only 常务副县长 beside other asked words."""
    text = (
        "县委书记甲某，代县长乙某，县委副书记丙某，县委常委、常务副县长丁某，某某县开发区主任戊某。"
    )
    asked = Question("某某县县长是谁", PERSON, None, (), ("某某县", "县长"), None)
    s, e = trim(text, 0, len(text), asked, budget=24)
    assert "代县长乙某" in text[s:e]


def test_trim_reads_a_term_by_its_synonyms() -> None:
    """农民 is what a report calls 农村居民: of its long sentence of growth rates, the
    clause on rural residents' income answers, not the urban one before it."""
    from answer.analyse import analyse
    from store.tokenize import ChineseTokenizer

    text = (
        "全县地区生产总值同比增长6%，固定资产投资同比增长20.8%，一般公共预算收入同比增长17%，"
        "城镇居民人均可支配收入同比增长6.2%，农村居民人均可支配收入同比增长11.5%，主要指标好于上年。"
    )
    asked = analyse("青禾县去年农民人均可支配收入涨了多少", ChineseTokenizer(), 2024)
    s, e = trim(text, 0, len(text), asked, budget=30)
    assert "11.5%" in text[s:e] and "6.2%" not in text[s:e]


def test_trim_keeps_the_clause_with_the_figure_asked() -> None:
    """For a share question, of a long sentence the clause stating the share is kept,
    not the one stating a growth."""
    text = (
        "全年全市工业增加值比上年增长8.1%，规模以上工业企业达到1200家，"
        "工业增加值占全市生产总值的比重为三成左右，工业投资持续向好。"
    )
    share = Question("工业占全市经济的几成", FIGURE, None, (), ("工业",), "%")
    s, e = trim(text, 0, len(text), share, budget=30)
    assert "三成" in text[s:e] and "8.1%" not in text[s:e]


def test_trim_keeps_the_figure_counting_the_noun_asked() -> None:
    """多少个国家 keeps the clause whose figure counts 国家, not an earlier one with a
    bare year or another count beside the question's words."""
    text = (
        "发文时间：2010；类别：出口；正文：2010年某县被评为出口基地，现有出口企业500多家，"
        "近三年出口年均增长10%以上，产品远销到50多个国家和地区。"
    )
    asked = Question(
        "某县毛巾出口到多少个国家", FIGURE, None, (), ("出口", "国家"), "个", counted="国家"
    )
    s, e = trim(text, 0, len(text), asked, budget=24)
    assert "50多个国家" in text[s:e]


def test_widen_gives_a_windows_whole_sentence_when_short_enough() -> None:
    from answer.select import widen

    sentence = AnswerUnit("a~0", "a", "甲公园，乙公园，丙公园。", 0, 12, "sentence")
    first = AnswerUnit("a~1", "a", "甲公园，", 0, 4, "window", parent="a~0")
    second = AnswerUnit("a~2", "a", "乙公园，", 4, 8, "window", parent="a~0")
    chosen = [Scored(Candidate(1, first, None), 0.9), Scored(Candidate(2, second, None), 0.8)]
    wide = widen(chosen, {"a~0": sentence}, limit=20)
    assert [c.cand.unit.unit_id for c in wide] == ["a~0"]  # the sentence once, not twice
    narrow = widen(chosen, {"a~0": sentence}, limit=10)  # the sentence is too long
    assert [c.cand.unit.unit_id for c in narrow] == ["a~1", "a~2"]


def test_a_commitment_is_found_by_the_documents_word_for_the_asked_one() -> None:
    from answer.analyse import OWNER, Question
    from answer.select import best_commitment
    from answer.sentences import TermWeights
    from lixia_qa.types import Commitment

    def record(i: int, task: str) -> Commitment:
        return Commitment(f"d@{i}", "d", task, (), (), ("某局",), i, i + 1)

    items = [record(0, "推进政府信息公开"), record(1, "推进审计监督全覆盖")]
    others = ["新建公园", "改造小区", "增加学位", "修建道路", "治理河道", "建设驿站"]
    texts = ["推进政府信息公开", "政府采购", "推进审计监督全覆盖", *others]
    # 查账 is never said; the documents say 审计, rarer than 政府
    q = Question(
        "政府的钱谁查账", OWNER, "unit", (), ("政府", "查账"), forms=(("政府",), ("查账", "审计"))
    )
    found = best_commitment(q, items, TermWeights(texts), 0.5)
    assert found is not None and found.task == "推进审计监督全覆盖"


def test_a_commitment_is_found_by_the_heading_over_its_task() -> None:
    """提升基层医疗卫生服务能力 heads the item (（三）…) whose task text never says it."""
    from answer.analyse import OWNER, Question
    from answer.select import best_commitment
    from answer.sentences import TermWeights
    from lixia_qa.types import Commitment

    def record(i: int, heading: str, task: str, unit: str) -> Commitment:
        return Commitment(f"d@{i}", "d", task, (), (), (unit,), i, i + 1, (heading, task[:6]))

    items = [
        record(0, "（二）改善义务教育学校办学条件", "开工建设一批学校校舍。", "市教育局"),
        record(
            1, "（三）提升基层医疗卫生服务能力", "开展家庭医生团队签约服务技能培训。", "市卫健委"
        ),
    ]
    q = Question(
        "提升基层医疗卫生服务能力的民生实事找谁",
        OWNER,
        "leader",
        (),
        ("基层", "医疗卫生", "服务能力"),
    )
    found = best_commitment(q, items, TermWeights([c.task for c in items]), 0.5)
    assert found is not None and found.units == ("市卫健委",)


def test_an_item_chosen_alone_gives_way_to_its_whole_list() -> None:
    """The best unit is the fourth item of a list that may answer too (it says 材料): the
    answer quotes the whole list, not the item; a list far below, or another document's,
    does not replace it."""
    from dataclasses import replace

    from answer.select import whole_list

    text = "申请材料：\n1.身份证；\n2.照片；\n3.证明材料之一。"
    item = _s("a", "3.证明材料之一。", 0.9, 2024, text.index("3."))
    whole = Scored(replace(item.cand, unit=AnswerUnit("a~9", "a", text, 0, len(text), "list")), 0.6)
    assert whole_list(item, [item, whole], gap=0.5) is whole
    assert whole_list(item, [item, whole], gap=0.2) is item
    other = Scored(replace(whole.cand, unit=replace(whole.cand.unit, doc_id="b")), 0.8)
    assert whole_list(item, [item, other], gap=0.5) is item
    cfg = AnswerConfig()
    chosen, _, _ = choose(_q(FACT, ("材料",)), [item, whole], (0.5, cfg.year_gap), cfg, True)
    assert chosen[0] is whole and len(chosen) == 1


def test_a_rows_figure_is_quoted_from_the_sentence_stating_it() -> None:
    """When a table row is the best answer to a figure question and a sentence of the
    same document states its figure, the sentence is quoted: it says what the figure
    counts and in what unit."""
    from answer.select import prose_for_row

    row = AnswerUnit("d~1", "d", "指标：地区生产总值；2022年（亿元）：2081.5", 100, 125, "row")
    said = AnswerUnit("d~0", "d", "全年实现地区生产总值2081.5亿元，增长2.8%。", 0, 24, "sentence")
    other = AnswerUnit("e~0", "e", "全年实现地区生产总值2081.5亿元。", 0, 17, "sentence")
    asked = Question("地区生产总值多少", FIGURE, None, (), ("地区生产总值",), "元")
    good = [Scored(Candidate(1, row, None), 1.0), Scored(Candidate(0, said, None), 0.5)]
    assert prose_for_row(good[0], good, asked).cand.unit is said
    elsewhere = [good[0], Scored(Candidate(2, other, None), 0.5)]  # another document
    assert prose_for_row(elsewhere[0], elsewhere, asked).cand.unit is row
    fact = Question("地区生产总值是什么", FACT, None, (), ("地区生产总值",), None)
    assert prose_for_row(good[0], good, fact).cand.unit is row


def test_the_row_whose_indicator_is_named_whole_answers() -> None:
    """小麦产量多少: the 小麦 row of a bulletin before its 小麦粉 row, which the
    question names only in part; a question naming 小麦粉 keeps that row."""
    from answer.select import named_row

    flour = AnswerUnit("d~1", "d", "产品名称：小麦粉；单位：吨；产量：2296205", 50, 75, "row")
    wheat = AnswerUnit("d~0", "d", "产品名称：其中：小麦；产量（万吨）：508.58", 0, 25, "row")
    good = [Scored(Candidate(1, flour, None), 1.0), Scored(Candidate(0, wheat, None), 0.5)]
    asked = Question("小麦产量多少", FIGURE, None, (), ("小麦", "产量"), None)
    assert named_row(good[0], good, asked).cand.unit is wheat
    flour_asked = Question("小麦粉产量多少", FIGURE, None, (), ("小麦粉", "产量"), None)
    assert named_row(good[0], good, flour_asked).cand.unit is flour


def test_trim_keeps_the_part_of_the_year_a_figure_is_for() -> None:
    """A figure for part of the year keeps the clause naming that part when trimmed, so
    it is never shown as the year's (2024年1至10月，…快递业务量2.83亿件)."""
    text = (
        "电商企业孵化成效明显，全县新增网店五千余个。2024年1至10月，"
        "某县快递业务量2.83亿件，同比增长34.88%，居全市第一位，全省第二位。"
    )
    asked = Question("某县2024年快递业务量多少", FIGURE, None, (2024,), ("某县", "快递", "业务量"))
    s, e = trim(text, 0, len(text), asked, budget=30)
    assert text[s:e].startswith("2024年1至10月") and "2.83亿件" in text[s:e]
    # without the room for it, the clauses chosen stay as they are
    s, e = trim(text, 0, len(text), asked, budget=16)
    assert "2.83亿件" in text[s:e] and e - s <= 16


def test_trim_keeps_the_item_of_the_band_asked() -> None:
    """Asked for one age, a list of bands is cut to the item of the band holding it, with
    the band said (②90周岁至99周岁…500元), not to an earlier item's figure."""
    text = (
        "高龄津贴发放给80周岁及以上的老年人。①80周岁至89周岁的老年人，津贴标准为每人每月100元；"
        "②90周岁至99周岁的老年人，津贴标准为每人每月500元；③100周岁及以上的老年人，"
        "津贴标准为每人每月800元。"
    )
    for age, band, figure in (("92", "②", "500元"), ("101", "③", "800元")):
        asked = Question(
            f"我家老人{age}岁了，高龄津贴一个月能领多少", FIGURE, None, (), ("高龄", "津贴"), "元"
        )
        s, e = trim(text, 0, len(text), asked, budget=40)
        assert band in text[s:e] and figure in text[s:e] and "100元" not in text[s:e]
