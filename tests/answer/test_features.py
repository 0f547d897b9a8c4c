"""Each declared feature on hand-made candidates (text written for the test)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from answer import features as F
from answer.analyse import (
    DATE,
    FACT,
    FIGURE,
    LIST,
    OWNER,
    PERSON,
    PLACE,
    TERM,
    Kind,
    Question,
)
from lixia_qa.types import AnswerUnit, Chunk


def q(
    kind: Kind = FACT,
    terms: tuple[str, ...] = ("公园",),
    measure: str | None = None,
    years: tuple[int, ...] = (),
    text: str = "问题",
) -> Question:
    return Question(text, kind, None, years, terms, measure, forms=tuple((t,) for t in terms))


def ctx(
    question: Question,
    weights: tuple[float, ...] | None = None,
    all_weights: tuple[float, ...] | None = None,
    asked: frozenset[str] = frozenset(),
    districts: frozenset[str] = frozenset(),
) -> F.Context:
    w = weights if weights is not None else (1.0,) * len(question.terms)
    return F.Context(
        question,
        question.terms,
        question.forms,
        w,
        all_weights if all_weights is not None else w,
        asked,
        districts,
    )


def cand(
    text: str,
    kind: str = "sentence",
    chunk_text: str | None = None,
    heading: tuple[str, ...] = (),
    **kw,
) -> F.Candidate:  # type: ignore[no-untyped-def]
    unit = AnswerUnit("d~0", "d", text, 0, len(text), kind)
    chunk = Chunk("d#0", "d", chunk_text or text, 0, len(chunk_text or text), heading)
    return F.Candidate(0, unit, chunk, **kw)


def test_lexical_coverage_of_unit_passage_and_heading() -> None:
    c = ctx(q(terms=("公园", "绿道")), weights=(3.0, 1.0))
    one = cand(
        "新建口袋公园12处。", chunk_text="新建口袋公园12处。改造绿道5公里。", heading=("绿道建设",)
    )
    assert F.cov_unit(c, one) == pytest.approx(0.75)  # 3 of 3+1
    assert F.cov_passage(c, one) == 1.0
    assert F.cov_heading(c, one) == 1.0  # heading supplies 绿道


def test_a_unit_of_a_document_about_a_district_counts_as_naming_it() -> None:
    c = ctx(q(terms=("青川", "民生实事")), weights=(1.0, 3.0))
    told = cand("年内实施30项民生实事。", place="青川")
    assert F.cov_unit(c, told) == 1.0
    assert F.cov_passage(c, told) == 1.0
    assert F.cov_heading(c, told) == 1.0
    assert F.cov_all(c, told) == 1.0
    assert F.missing_rare(c, told) == 0.0
    # a document about no district, or about another one, does not name the asked one
    for place in (None, "白河"):
        other = cand("年内实施30项民生实事。", place=place)
        assert F.cov_unit(c, other) == pytest.approx(0.75)
        assert F.missing_rare(c, other) == 1.0
    # the question may say the district with its 区 or 县
    full = ctx(q(terms=("青川区", "民生实事")), weights=(1.0, 3.0))
    assert F.cov_unit(full, told) == 1.0
    assert F.cov_unit(ctx(q(terms=("青川县",))), told) == 1.0


def test_the_document_title_counts_for_passage_and_heading_coverage() -> None:
    c = ctx(q(terms=("政府工作报告", "民生实事")), weights=(1.0, 3.0))
    one = cand("年内实施30项民生实事。", title="2020年政府工作报告")
    assert F.cov_unit(c, one) == pytest.approx(0.75)  # the unit alone does not say it
    assert F.cov_passage(c, one) == 1.0
    assert F.cov_heading(c, one) == 1.0
    assert F.cov_all_passage(c, one) == 1.0
    assert F.cov_all_heading(c, one) == 1.0
    assert F.missing_rare(c, one) == 0.0
    untitled = cand("年内实施30项民生实事。")
    assert F.cov_passage(c, untitled) == pytest.approx(0.75)
    assert F.missing_rare(c, untitled) == 1.0


def test_every_declared_direction_names_a_feature_and_gaps_follow_theirs() -> None:
    assert set(F.FEATURE_NAMES) >= (F.RAISES | F.LOWERS)
    assert not F.RAISES & F.LOWERS
    assert F.direction("cov_unit") == F.direction("cov_unit_gap") == 1
    assert F.direction("missing_rare") == -1
    assert F.direction("log_length") == 0


def test_cov_all_counts_unseen_terms_at_their_weight() -> None:
    # 花钱 is in no passage: weight 0 for cov_unit, 2 for cov_all
    c = ctx(q(terms=("公园", "花钱")), weights=(1.0, 0.0), all_weights=(1.0, 2.0))
    one = cand("新建口袋公园12处。")
    assert F.cov_unit(c, one) == 1.0
    assert F.cov_all(c, one) == pytest.approx(1 / 3)
    assert F.cov_all_passage(c, one) == pytest.approx(1 / 3)
    assert F.cov_all_heading(c, one) == pytest.approx(1 / 3)
    assert F.unseen_share(c, one) == pytest.approx(2 / 3)


def test_synonym_forms_count_as_the_term() -> None:
    question = Question(
        "GDP增长多少", FIGURE, None, (), ("gdp",), None, forms=(("gdp", "地区生产总值"),)
    )
    c = F.Context(question, ("gdp",), question.forms, (1.0,), (1.0,))
    assert F.cov_unit(c, cand("地区生产总值增长6%。")) == 1.0


def test_missing_rare_is_the_heaviest_absent_term() -> None:
    c = ctx(q(terms=("公园", "绿道", "湿地")), weights=(1.0, 2.5, 0.0))
    assert F.missing_rare(c, cand("新建口袋公园12处。")) == 2.5  # 湿地 is unseen: ignored
    assert F.missing_rare(c, cand("公园与绿道。")) == 0.0


def test_vectors_and_ranks() -> None:
    c = ctx(q())
    one = cand("x。", hit_rank=0, ranks={"dense": 1, "bm25": 3}, vec_rank=4)
    one.vec_unit, one.vec_passage = 0.9, 0.8
    assert F.vec_unit(c, one) == 0.9 and F.vec_passage(c, one) == 0.8
    assert F.rank_fused(c, one) == 1.0  # 1/(1+0)
    assert F.rank_dense(c, one) == 1.0 and F.rank_keyword(c, one) == pytest.approx(1 / 3)
    assert F.rank_unit(c, one) == pytest.approx(1 / 5)
    # found only by vector: no passage ranks
    assert F.rank_fused(c, cand("x。")) == 0.0 and F.rank_keyword(c, cand("x。")) == 0.0


@pytest.mark.parametrize(
    ("text", "measure", "fit", "miss_m", "fit_m"),
    [
        ("新建幼儿园4所。", "所", 1, 0, 1),
        ("新建幼儿园四所。", "所", 1, 0, 1),  # Chinese numeral
        ("服务群众40余万件。", "件", 1, 0, 1),  # 余万 between figure and measure word
        ("医务人员达到1.4万人。", None, 1, 0, 0),
        ("水质稳定在Ⅱ类。", None, 1, 0, 0),  # Roman numeral grade
        ("打造百亿级产业集群。", None, 1, 0, 0),
        ("新建幼儿园4所。", "口", 1, 1, 0),  # counts something else
        ("完成自备井封停任务。", "口", 0, 1, 0),  # no figure at all
        ("补贴标准为每月800元。", "元", 1, 0, 1),
        ("新增租赁住房4100套。", "元", 0, 0, 0),  # a figure, not of the asked family (yuan)
    ],
)
def test_figure_fit(text: str, measure: str | None, fit: int, miss_m: int, fit_m: int) -> None:
    c = ctx(q(FIGURE, measure=measure))
    one = cand(text)
    assert F.fit_figure(c, one) == fit
    assert F.miss_figure(c, one) == 1 - fit
    assert F.miss_shape(c, one) == (miss_m if measure not in (None, "元") else 0)
    assert F.fit_measure(c, one) == fit_m


def test_figure_features_are_zero_for_other_kinds() -> None:
    c = ctx(q(FACT))
    assert F.fit_figure(c, cand("新建4所。")) == 0 and F.miss_figure(c, cand("无。")) == 0


@pytest.mark.parametrize(
    ("unit", "year", "when"),
    [
        ("于2019年9月正式投入使用。", 1, 1),
        ("民国二年设县。", 1, 1),
        ("二〇一九年建成。", 1, 1),
        ("9个月后，她生下了一个儿子，术赤（1185-1226）。", 1, 1),  # a bare year
        ("9个月后，建成1500个车位。", 0, 1),  # a count, no year
        ("一所近代创办的九年一贯制学校。", 0, 1),  # an era and a span of years: no year
        ("一所现代化的九年一贯制学校。", 0, 0),  # 现代化 says what it is like, no era
        ("春季开学。", 0, 1),
        ("今年，学校成为十所试点学校之一。", 0, 1),  # 今年 alone leaves the year untold
        ("学校于同年9月投入使用。", 0, 1),
        ("学校于今年9月投入使用，2019年9月开始招生。", 1, 1),
    ],
)
def test_which_year_is_answered_by_a_year(unit: str, year: int, when: int) -> None:
    """哪年 is answered by a year, 什么时候 also by an era or a season."""
    assert F.fit_date(ctx(q(DATE, text="那个学校是哪年开始用的")), cand(unit)) == year
    assert F.fit_date(ctx(q(DATE, text="那个学校是什么时候开始用的")), cand(unit)) == when


def test_answer_type_fits() -> None:
    assert F.fit_list(ctx(q(LIST)), cand("建设甲园、乙园、丙园。")) == 1
    assert F.fit_list(ctx(q(LIST)), cand("建设甲园。")) == 0
    assert F.fit_date(ctx(q(DATE)), cand("会议于1月30日召开。")) == 1
    assert F.fit_date(ctx(q(DATE)), cand("会议顺利召开。")) == 0
    for when in ("力争两年内全部完成。", "年底前建成投用。", "下半年开工。", "始建于宋代。"):
        assert F.fit_date(ctx(q(DATE)), cand(when)) == 1, when
    assert F.fit_date(ctx(q(DATE)), cand("加快消防站建设。")) == 0
    # a time of day answers 几点 / 什么时间 (开放时间, 办理时间, 播出时间)
    for when in ("工作日9:00-17:00办理。", "每日早上6时至晚上11时开放。", "夜间出来觅食。"):
        assert F.fit_date(ctx(q(DATE)), cand(when)) == 1, when
    for not_when in ("提出3点要求。", "比分是3:2。", "全年GDP增长5.5%。"):
        assert F.fit_date(ctx(q(DATE)), cand(not_when)) == 0, not_when
    # a year of history answers 何时 (the county seat moved in 1368), a span of years not
    for when in ("县城于1368年迁至此地。", "始建于公元618年。"):
        assert F.fit_date(ctx(q(DATE)), cand(when)) == 1, when
    for not_when in ("已有1000年以上历史。", "建城2000多年。"):
        assert F.fit_date(ctx(q(DATE)), cand(not_when)) == 0, not_when
    # a period (春节期间), not the 期间 that means "meanwhile"
    assert F.fit_date(ctx(q(DATE)), cand("春节期间开放。")) == 1
    for not_when in ("期间讲解了化妆技巧。", "在此期间共有60人参加。"):
        assert F.fit_date(ctx(q(DATE)), cand(not_when)) == 0, not_when
    # a year counted from an era the text names, in digits or in words
    for when in (
        "城池建于公元前28年。",
        "于西元14年继位。",
        "民国十六年改隶本省。",
        "民国元年设县。",
    ):
        assert F.fit_date(ctx(q(DATE)), cand(when)) == 1, when
    # which day (哪天, 几号) is answered by a month or a day, never by a year alone
    day = q(DATE, text="青禾县哪天核对材料")
    assert F.fit_date(ctx(day), cand("2024年青禾县小学报名时间安排")) == 0
    for when in ("8月10日前核对材料。", "6月下旬核对。", "发布于10-20 17:50"):
        assert F.fit_date(ctx(day), cand(when)) == 1, when
    assert F.fit_date(ctx(q(DATE, text="哪一年建成")), cand("2024年建成。")) == 1
    assert F.fit_person(ctx(q(OWNER)), cand("由区住建局负责。")) == 1
    assert F.fit_person(ctx(q(PERSON)), cand("大家都来了。")) == 0
    assert F.fit_place(ctx(q(PLACE)), cand("会址在青川区。")) == 1
    assert F.fit_place(ctx(q(FACT)), cand("会址在青川区。")) == 0


def test_a_question_asking_when_something_ends_needs_an_end() -> None:
    """When something ends (最晚几号, 截止到哪天, 停到几点) is answered by a period's end or
    a deadline, never by its start alone."""
    for asked in ("青禾县交费最晚拖到几号", "青禾县报名截止到哪天", "青禾路停水停到啥时候"):
        end = q(DATE, text=asked)
        for not_when in ("9月1日起开始交费。", "2023年9月1日开始报名", "6月下旬核对。"):
            assert F.fit_date(ctx(end), cand(not_when)) == 0, (asked, not_when)
        for when in (
            "集中交费期为9月1日至12月25日。",
            "报名时间：6月1日-6月30日",
            "审核时间：8月10日前",
            "报名截止时间为2024年8月5日。",
            "最迟于六月底前完成。",
            "停水时间为22:00至次日04:00。",
        ):
            assert F.fit_date(ctx(end), cand(when)) == 1, (asked, when)
    # a period's end by its year (持续到1279年) answers a question asking the year it ran to
    until = q(DATE, text="青禾县的战事持续到哪一年")
    assert F.fit_date(ctx(until), cand("这场战争持续到1279年。")) == 1
    assert F.fit_date(ctx(until), cand("战争于1235年爆发。")) == 0
    # the time a figure is counted to (截至2021年底), how far back something goes (追溯到
    # 什么时候) and the date of an ending (哪一年结束, 什么时候结束) ask no period's end
    for asked, when in (
        ("截至2021年底青禾县哪年建成的学校最多", "2019年起建成。"),
        ("青禾姓可以追溯到什么时候", "可上溯至金朝。"),
        ("青禾学院哪一年结束了提前录取计划", "青禾学院在2007年取消了提前录取计划。"),
        ("第二次青禾内阁在什么时间结束", "内阁成立于1920年8月9日。"),
        ("青禾医疗展几号到几号，每天几点开门", "开始时间：5月8日；"),  # a range
    ):
        assert F.fit_date(ctx(q(DATE, text=asked)), cand(when)) == 1, asked


def test_a_counted_noun_by_a_new_figure() -> None:
    asked = Question("提了几个方面的工作？", FIGURE, None, (), ("工作",), "个", counted="方面")
    assert F.fit_counted(ctx(asked), cand("会议提出四个方面重点工作。")) == 1
    assert F.fit_counted(ctx(asked), cand("新增学位7000余个，涉及方面广。")) == 0
    assert F.fit_counted(ctx(asked), cand("会议提出三个“既要、也要”。")) == 0
    places = Question("新增多少个学位？", FIGURE, None, (), ("新增",), "个", counted="学位")
    assert F.fit_counted(ctx(places), cand("新增学位7000余个。")) == 1
    given = Question(
        "1.3万个学位里幼儿园占多少个学位？", FIGURE, None, (), (), "个", counted="学位"
    )
    assert F.fit_counted(ctx(given), cand("新增学位1.3万个。")) == 0  # the question's own
    assert F.fit_counted(ctx(q(FACT)), cand("会议提出四个方面重点工作。")) == 0


def test_a_term_question_fits_a_quoted_term_it_does_not_say() -> None:
    asked = q(TERM, text="把环卫、绿化合在一起管，这种做法叫啥？")
    assert F.fit_term(ctx(asked), cand("实行“大环卫”运行机制。")) == 1
    assert F.fit_term(ctx(asked), cand("出台《城区管理办法》。")) == 1
    assert F.fit_term(ctx(asked), cand("环卫和绿化合在一起管。")) == 0
    said = q(TERM, text="“大环卫”这种做法又叫啥？")
    assert F.fit_term(ctx(said), cand("实行“大环卫”运行机制。")) == 0
    assert F.fit_term(ctx(q(FACT)), cand("实行“大环卫”运行机制。")) == 0
    assert F.quoted_terms("「甲」和‘乙’，『丙』") == ["甲", "乙", "丙"]


def test_year_match_by_document_heading_or_text() -> None:
    c = ctx(q(years=(2024,)))
    assert F.year_match(c, cand("无年份。", year=2024)) == 1
    assert F.year_match(c, cand("2024年新建4所。", year=2023)) == 1
    assert F.year_match(c, cand("新建4所。", year=2023)) == 0
    # a report of 2025 reviewing 2024 under a heading that names it
    assert F.year_match(c, cand("新建4所。", heading=("一、2024年工作回顾",), year=2025)) == 1
    assert F.year_match(c, cand("新建4所。", heading=("一、2025年工作安排",), year=2025)) == 0
    assert F.year_match(ctx(q()), cand("2024年。", year=2024)) == 0  # no year asked
    # a unit of a 2024 document leading with another year speaks of that one
    for other in ("经最终核实，2023年全市生产总值为5386亿元。", "2023年全区新建4所。"):
        assert F.year_match(c, cand(other, year=2024)) == 0, other
    for same in ("2020年以来累计新建30所。", "全年生产总值5481亿元，而2023年为5386亿元。"):
        assert F.year_match(c, cand(same, year=2024)) == 1, same


def test_other_instance() -> None:
    c = ctx(q(), asked=frozenset({"青川"}), districts=frozenset({"青川", "白河"}))
    assert F.other_instance(c, cand("白河区新建4所。")) == 1
    assert F.other_instance(c, cand("青川区新建4所，白河区3所。")) == 0
    assert F.other_instance(c, cand("新建4所。")) == 0
    assert F.other_instance(ctx(q()), cand("白河区新建4所。")) == 0  # no place asked
    # a unit naming no district: its document's district decides
    assert F.other_instance(c, cand("新建4所。", place="白河")) == 1
    # a table row's owner units are not where its task takes place
    row = "工作标准：（1）新建4所。；牵头单位：教育局；配合单位：白河区政府"
    assert F.other_instance(c, cand(row, kind="row")) == 0
    assert F.other_instance(c, cand("工作标准：白河区新建4所。；牵头单位：教育局", kind="row")) == 1
    assert F.other_instance(c, cand("新建4所。", place="青川")) == 0


def test_dominant_place_of_a_document() -> None:
    both = frozenset({"青川", "白河"})
    assert F.dominant_place("青川区。青川新建。青川街道。白河区。", both) == "青川"
    assert F.dominant_place("青川区。白河区。", both) is None  # too few mentions
    assert F.dominant_place("青川青川青川白河白河", both) is None  # no clear winner
    assert F.dominant_place("青川青川青川", frozenset()) is None


def test_shape_features() -> None:
    c = ctx(q())
    assert F.log_length(c, cand("一二三")) == pytest.approx(math.log1p(3))
    assert F.is_heading(c, cand("一、总体要求", kind="heading")) == 1
    assert F.is_window(c, cand("其中，", kind="window")) == 1
    assert F.kind_is("list")(ctx(q(LIST)), cand("x")) == 1
    assert F.kind_is("list")(ctx(q(FIGURE)), cand("x")) == 0


def test_feature_matrix_adds_gaps_to_the_best_candidate() -> None:
    c = ctx(q(terms=("公园", "绿道")))
    cands = [cand("公园与绿道。"), cand("公园。")]
    X = F.feature_matrix(c, cands)
    assert X.shape == (2, len(F.FEATURE_NAMES))
    gap = F.column(X, "cov_unit_gap")
    assert np.allclose(gap, [0.0, -0.5])  # 1.0 - 1.0, 0.5 - 1.0
    assert F.feature_matrix(c, []).shape == (0, len(F.FEATURE_NAMES))


def test_feature_names_are_unique() -> None:
    assert len(set(F.FEATURE_NAMES)) == len(F.FEATURE_NAMES)


def test_congress_names_are_not_figures() -> None:
    c = ctx(q(FIGURE))
    assert F.miss_figure(c, cand("贯彻落实党的二十大精神，开好十九届人大会议。")) == 1
    assert F.fit_figure(c, cand("全年新建二十处驿站。")) == 1


def test_a_family_unit_after_a_magnitude_word() -> None:
    c = ctx(q(FIGURE, measure="亩"))
    assert F.fit_figure(c, cand("片区计划供地550余亩。")) == 1
    assert F.fit_figure(c, cand("片区计划供地550宗。")) == 0


def test_a_figure_the_question_states_does_not_answer_it() -> None:
    c = ctx(q(FIGURE, measure="个", text="新增的1.3万个学位里，幼儿园占多少个？"))
    assert F.fit_figure(c, cand("新增学位1.3万个。")) == 0
    assert F.miss_figure(c, cand("新增学位1.3万个。")) == 1
    assert F.fit_figure(c, cand("新增学位1.3万个，其中幼儿园学位2000个。")) == 1
    money = ctx(q(FIGURE, measure="元", text="15亿资金里给医药的有多少钱？"))
    assert F.fit_figure(money, cand("列支扶持资金15亿元。")) == 0
    assert F.fit_figure(money, cand("列支扶持资金15亿元，其中医药3亿元。")) == 1
    counted = ctx(q(FIGURE, measure="口", text="封了20口井后还剩几口？"))
    assert F.miss_shape(counted, cand("封停自备井20口。")) == 1
    assert F.stated_figures("新增1.3万个学位，投资15 亿元") == frozenset({"1.3万", "15亿"})


def test_near_term_ties_the_figure_to_the_asked_words() -> None:
    c = ctx(q(FIGURE, terms=("重点项目", "推进"), measure="个"), weights=(3.0, 1.0))
    assert F.near_term(c, cand("扎实推进明湖中心等80个重点项目实施。")) == 1.0
    # a figure, but of something else, far from the asked words
    far = cand("推进重点项目谋划、落地、建设、见效、服务等五个环节。")
    assert F.near_term(c, far) == 0.0
    # only 推进 (weight 1 of 4) is said next to the figure
    part = cand("重点项目要做到谋划、落地、建设、见效、服务协同推进五个环节。")
    assert F.near_term(c, part) == pytest.approx(0.25)
    assert F.near_term(c, cand("重点项目顺利推进。")) == 0.0  # no figure at all
    assert F.near_term(ctx(q(FACT, terms=("重点项目",))), cand("80个重点项目。")) == 0.0
    when = ctx(q(DATE, terms=("消防站",)))
    assert F.near_term(when, cand("消防站年底前建成。")) == 1.0
    assert (
        F.near_term(when, cand("加快消防站建设，统筹推进片区配套完善，2024年全面提升品质。")) == 0.0
    )
    # the year the question names is no date answering it: a title saying it is no answer
    named = ctx(q(DATE, terms=("医保",), years=(2024,), text="24年的医保从什么时候起能用"))
    assert F.near_term(named, cand("青禾县2024年医保缴费方案政策解读")) == 0.0
    assert F.near_term(named, cand("医保自2024年1月1日起可用")) == 1.0


def test_a_generic_measure_word_asks_for_any_figure() -> None:
    # 多少个 (个 is generic): a figure with another measure word still answers it
    generic = ctx(q(FIGURE, measure="个"))
    assert F.miss_shape(generic, cand("新建幼儿园4所。")) == 0
    # 几所 asks for 所: a figure of something else does not
    assert F.miss_shape(ctx(q(FIGURE, measure="所")), cand("新增学位4200个。")) == 1


def test_the_generic_counter_counts_what_a_question_counts_in_another() -> None:
    hospitals = ctx(replace(q(FIGURE, measure="家"), counted="医院"))
    assert F.miss_shape(hospitals, cand("全区卫生机构234个，其中医院9个。")) == 0
    assert F.miss_shape(hospitals, cand("新建9个医院。")) == 0
    assert F.miss_shape(hospitals, cand("医院床位3657张。")) == 1  # no count of hospitals
    assert F.miss_shape(hospitals, cand("新建养老机构12个。")) == 1  # 个 of something else
    # 个 counting another noun after it: 22 projects, not hospitals
    assert F.miss_shape(hospitals, cand("确保齐鲁医院综合楼等22个项目开工建设。")) == 1


def test_near_means_at_most_eight_characters_between() -> None:
    c = ctx(q(FIGURE, terms=("重点项目",), measure="个"))
    # eight characters between the term and the figure: near; nine: not
    assert F.near_term(c, cand("重点项目建设工作全面推进80个。")) == 1.0
    assert F.near_term(c, cand("重点项目建设工作在全面推进80个。")) == 0.0
    # the same after the figure: 80 then eight characters, then the term
    assert F.near_term(c, cand("80个，今年继续推进重点项目。")) == 1.0
    assert F.near_term(c, cand("80个，今年还要继续推进重点项目。")) == 0.0


def test_a_counted_noun_at_most_six_characters_before_its_figure() -> None:
    asked = Question("新增多少个学位？", FIGURE, None, (), ("新增",), "个", counted="学位")
    assert F.fit_counted(ctx(asked), cand("新增学位数量总计达到7000余个。")) == 1  # six between
    assert F.fit_counted(ctx(asked), cand("新增学位的数量总计达到7000余个。")) == 0  # seven


def test_a_contact_field_needs_its_shape() -> None:
    """A question asking for an e-mail address, a phone number, a postcode or a web
    address is answered only by a unit holding one: the site's 主办单位 line names the
    same office but is no e-mail address."""
    email = ctx(replace(q(FACT, terms=("网站",)), field="email"))
    assert F.miss_shape(email, cand("主办单位：某某县人民政府办公室")) == 1
    assert F.miss_shape(email, cand("联系邮箱：office@example.gov.cn")) == 0
    phone = ctx(replace(q(FIGURE, terms=("举报",)), field="phone"))
    assert F.miss_shape(phone, cand("举报电话：0571-1234567")) == 0
    assert F.miss_shape(phone, cand("热线：12345")) == 0
    assert F.miss_shape(phone, cand("2024年受理举报36件。")) == 1
    # a quantity of five digits or more is no number to dial
    assert F.miss_shape(phone, cand("上报补贴面积26714.18亩。")) == 1
    assert F.miss_shape(phone, cand("农村居民人均可支配收入13128元。")) == 1
    assert F.miss_shape(phone, cand("咨询电话：0724-2367956，12345热线。")) == 0
    post = ctx(replace(q(FACT), field="postcode"))
    assert F.miss_shape(post, cand("邮编：250014")) == 0
    assert F.miss_shape(post, cand("地址：某某路12号")) == 1
    url = ctx(replace(q(FACT), field="url"))
    assert F.miss_shape(url, cand("网址：www.example.gov.cn")) == 0
    assert F.miss_shape(url, cand("网站由办公室主办。")) == 1
    road = ctx(replace(q(PLACE, terms=("养老中心",)), field="road"))
    assert F.miss_shape(road, cand("养老中心位于某某路东段。")) == 0
    assert F.miss_shape(road, cand("建设1.5万平方米的养老服务中心。")) == 1
    # 街道 is a sub-district, 道路 any road: neither names one
    assert F.miss_shape(road, cand("以街道综合养老服务中心为主体，完善道路设施。")) == 1


def test_a_speaker_line_ending_with_the_name_names_a_person() -> None:
    """A report's speaker line runs the post into the name and ends there (青禾镇人民
    政府镇长王建平): it names who holds the post; a post before a word does not."""
    assert F.names_person("青禾镇人民政府镇长羊建平")
    assert not F.names_person("实行镇长负责制")
    assert not F.names_person("拨打市长热线")


def test_a_place_tagged_as_a_name_names_no_person() -> None:
    """jieba tags some places' names as persons' (柯岭, 杨桥): before a division's suffix
    they name a place, and a sentence naming only places names nobody; a name before a
    post (王勇区长) is a person's."""
    assert not F.names_person("现将青禾市柯岭县的预算提请各位代表审议。")
    assert not F.names_person("现将某市杨桥区的预算提请审议。")
    assert F.names_person("预算由王勇区长提请审议。")


def test_which_body_leads_needs_an_organisation_s_name() -> None:
    """哪个部门牵头 is answered by a sentence naming a body (区发改局, 某某公司, 各镇街道),
    never by one that only tells of the work; a 谁 question asking a leader is not held
    to it."""
    unit = Question("光伏计划哪个部门牵头", OWNER, "unit", (), ("光伏",), forms=(("光伏",),))
    for text in (
        "继续实施“光伏倍增”计划，新增光伏并网容量4万千瓦。",
        "围绕“富民”统筹做好“强城”“兴村”两篇文章。",
    ):
        assert F.miss_shape(ctx(unit), cand(text)) == 1, text
    for text in (
        "光伏倍增计划由区发改局牵头实施。",
        "青禾能源集团负责光伏电站建设。",
        "各镇人民政府、街道办事处负责落实。",
    ):
        assert F.miss_shape(ctx(unit), cand(text)) == 0, text
    leader = Question("光伏计划谁牵头", OWNER, "leader", (), ("光伏",), forms=(("光伏",),))
    assert F.miss_shape(ctx(leader), cand("继续实施“光伏倍增”计划。")) == 0


def test_a_list_asked_with_its_count_needs_an_enumeration() -> None:
    """哪几家 / 具体是哪六个 is answered by a sentence naming them (甲、乙和丙, 一是…, an item
    of a numbered list), never by one that only counts them or names the set; a 哪些
    question is not held to it."""
    counted = Question(
        "清掉的僵尸企业是哪几家", LIST, None, (), ("僵尸企业",), forms=(("僵尸企业",),)
    )
    for text in ("破除僵尸企业17家，盘活工业用地3964亩。", "着力打造“六大百亿级商圈”。"):
        assert F.miss_shape(ctx(counted), cand(text)) == 1, text
    for text in (
        "破除青禾纺织、青禾化工等僵尸企业17家。",
        "一是青禾纺织厂。",
        "2.青禾化工有限公司",
        "打造“论坛+展览+发布会”三大体系。",
    ):
        assert F.miss_shape(ctx(counted), cand(text)) == 0, text
    which = Question("清掉的僵尸企业有哪些", LIST, None, (), ("僵尸企业",), forms=(("僵尸企业",),))
    assert F.miss_shape(ctx(which), cand("破除僵尸企业17家。")) == 0


def test_a_list_asked_after_its_count_needs_an_enumeration() -> None:
    """十件实事都有哪些 / 这两个项目分别是什么 asks the items as 哪几件 does; 两个项目为什么
    停工 asks no list, and a 第N个 ordinal counts nothing."""
    for text in ("今年定的十件实事都有哪些", "这两个项目分别是什么", "5个重点园区包括哪些"):
        asked = Question(text, LIST, None, (), ("实事",), forms=(("实事",),))
        assert F.miss_shape(ctx(asked), cand("今年确定十件民生实事。")) == 1, text
        assert F.miss_shape(ctx(asked), cand("新建青禾小学、改造青禾路。")) == 0, text
    for text in ("两个项目为什么停工", "第三个项目是什么"):
        asked = Question(text, LIST, None, (), ("项目",), forms=(("项目",),))
        assert F.miss_shape(ctx(asked), cand("今年确定十件民生实事。")) == 0, text


def test_who_delivered_a_report_needs_a_person_named() -> None:
    """报告是谁作的 is answered by a sentence naming a person, never by the notice that
    hands out the report's tasks."""
    who = q(PERSON, terms=("报告",), text="青禾区2023年政府工作报告是谁作的")
    notice = "经区政府研究，确定了2023年《青禾区政府工作报告》目标任务分解，现印发给你们。"
    assert F.miss_shape(ctx(who), cand(notice)) == 1
    assert F.miss_shape(ctx(who), cand("区长王勇代表区人民政府作政府工作报告。")) == 0
    assert F.miss_shape(ctx(who), cand("王勇代表青禾区人民政府向大会作政府工作报告。")) == 0
    # a word jieba tags as a name is no speaker (连成 of 连成一条心)
    united = "广大党员干部敢打硬仗，社会各界连成一条心、拧成一股绳。"
    assert F.miss_shape(ctx(who), cand(united)) == 1
    head = q(PERSON, terms=("报告",), text="23年青禾的政府工作报告是哪位区长作的")
    assert F.miss_shape(ctx(head), cand(united)) == 1
    assert F.miss_shape(ctx(head), cand("青禾区区长王勇作政府工作报告。")) == 0


def test_which_town_or_village_needs_one_named() -> None:
    """哪个镇 / 哪个村 / 哪个园区 is answered by a sentence naming a place of that kind (or a
    neighbouring level: a 乡 or 街道 for a 镇), never by one that only tells of the thing."""
    town = q(FACT, terms=("火腿",), text="火腿产业中心建在哪个镇")
    built = "建成无花果农事中心、生鲜肉冷链中心、青禾火腿产业中心。"
    assert F.miss_shape(ctx(town), cand(built)) == 1
    assert F.miss_shape(ctx(town), cand("青禾火腿产业中心位于孝顺镇。")) == 0
    assert F.miss_shape(ctx(town), cand("青禾火腿产业中心位于江东街道。")) == 0
    village = q(FACT, terms=("产业园",), text="茶溪谷产业园在哪个村")
    assert F.miss_shape(ctx(village), cand("茶溪谷产业园总投资5亿元。")) == 1
    assert F.miss_shape(ctx(q(FACT, text="产业中心建在哪里")), cand(built)) == 0


def test_a_class_threshold_is_no_amount() -> None:
    """5000万元以上重大项目 draws a class of projects: it is no project's investment, though
    the class's count (57个) still answers how many; asked for the threshold, it answers."""
    text = "新开工5000万元以上重大项目57个，青禾偏光片等一批重大项目顺利开工。"
    cost = q(FIGURE, terms=("偏光片", "投资"), measure="元", text="偏光片项目总共投资多少钱")
    assert F.fit_figure(ctx(cost), cand(text)) == 0
    count = q(FIGURE, terms=("重大项目",), measure="个", text="新开工多少个重大项目")
    assert F.fit_figure(ctx(count), cand(text)) == 1
    bar = q(FIGURE, terms=("重大项目",), measure="元", text="投资多少元以上算重大项目")
    assert F.fit_figure(ctx(bar), cand(text)) == 1


def test_a_group_s_figure_does_not_answer_for_one_member() -> None:
    """…甲医院项目、乙工程等4个项目，总投资约1.85亿元 is the four projects' figure: it does
    not answer what 甲医院 cost; a figure given per member before the count does, and the
    group's figure answers for the group."""
    listed = "开工的青禾安置楼工程、青禾眼科医院项目、青禾体育公园项目等3个项目，总投资约1.85亿元。"
    one = q(FIGURE, terms=("眼科医院", "投资"), measure="元", text="眼科医院项目投资多少钱")
    assert F.other_instance(ctx(one), cand(listed)) == 1
    each = "青禾眼科医院投资0.5亿元、青禾体育公园投资1亿元等2个项目，总投资1.5亿元。"
    assert F.other_instance(ctx(one), cand(each)) == 0
    group = q(FIGURE, terms=("项目", "投资"), measure="元", text="这3个项目一共投资多少")
    assert F.other_instance(ctx(group), cand(listed)) == 0
    # one member named, the group counted after it
    year = "确保青禾医院综合楼等22个项目开工建设，全年完成投资278亿元。"
    hospital = q(FIGURE, terms=("医院", "改造"), measure="元", text="青禾医院改造一共要花多少钱")
    assert F.other_instance(ctx(hospital), cand(year)) == 1
    # the group named by its count in the question, or a member of another group
    stated = q(
        FIGURE, terms=("地块",), measure="平方米", text="青禾地块那8个项目征收总共多少平方米"
    )
    assert F.other_instance(ctx(stated), cand("推进青禾地块等8个项目、20万平方米征收。")) == 0
    two = "推进青禾科创中心等80个重点项目，确保青禾医院综合楼等22个项目开工，全年完成投资278亿元。"
    assert F.other_instance(ctx(hospital), cand(two)) == 1


def test_a_numbered_congress_is_no_name() -> None:
    """jieba tags 二十大 as a name; it numbers a congress: a sentence naming only it names
    no one, so it does not answer who delivered a report or holds a post."""
    assert not F.names_person("今年是全面贯彻落实党的二十大精神的开局之年。")
    assert not F.names_person("深入学习贯彻党的十九届五中全会精神。")
    assert F.names_person("区长王勇在二十大精神宣讲会上作报告。")


def test_words_before_a_title_are_no_name() -> None:
    """王明同志 names a person; 列席会议的同志 and 各位同志 name no one."""
    assert F.names_person("会议由王明同志主持。")
    assert not F.names_person("请各位委员和其他列席会议的同志提出意见。")
    assert not F.names_person("各位同志：现将预算提请审议。")


def test_a_doctrine_named_after_a_person_names_no_one() -> None:
    """A sentence whose only name opens a doctrine's (某某生态文明思想, 某某新时代…思想)
    names nobody who holds a post; a name whose ideas are told still names a person."""
    assert not F.names_person("全区深入贯彻习近平生态文明思想，厚植生态底色。")
    assert not F.names_person("坚持以习近平新时代中国特色社会主义思想为指导。")
    assert F.names_person("该党传承了毛泽东关于游击战的思想。")
    assert F.names_person("会议由王建平主持，学习习近平新时代中国特色社会主义思想。")


def test_a_number_of_people_is_counted_in_people() -> None:
    """多少人 is answered by a count of people (600人, 20余名, 3位, 1.2万户), not by a
    figure of something else said of the same event (18家机构)."""
    c = ctx(q(FIGURE, measure="人"))
    assert F.fit_figure(c, cand("活动共吸引600人参加。")) == 1
    assert F.fit_figure(c, cand("共有20余名书法爱好者到场。")) == 1
    assert F.fit_figure(c, cand("参访团由18家媒体机构组成。")) == 0
    assert F.miss_figure(c, cand("参访团由18家媒体机构组成。")) == 1
    assert F.fit_figure(ctx(q(FIGURE, measure="名")), cand("惠及1.2万户居民。")) == 1


def test_trees_are_counted_in_either_counter() -> None:
    """多少棵树 is answered by a count in 株, the documents' counter, and the other way
    round; a count of lamps (盏) answers neither."""
    trees = ctx(q(FIGURE, terms=("行道树",), measure="棵"))
    assert F.miss_shape(trees, cand("更新行道树3.2万株。")) == 0
    assert F.fit_figure(trees, cand("更新行道树3.2万株。")) == 1
    assert F.fit_figure(trees, cand("更新路灯9000盏。")) == 0
    assert F.fit_figure(ctx(q(FIGURE, measure="株")), cand("补植乔木1200棵。")) == 1


def test_a_number_of_times_is_counted_in_times() -> None:
    c = ctx(q(FIGURE, measure="次"))
    assert F.fit_figure(c, cand("全年开展演练12次。")) == 1
    assert F.fit_figure(c, cand("已连续举办15届。")) == 1
    visits = ctx(q(FIGURE, measure="人次"))
    assert F.fit_figure(visits, cand("接待游客120万人次。")) == 1
    assert F.fit_figure(c, cand("演练覆盖30个社区。")) == 0


def test_a_number_of_animals_is_counted_in_any_animals_counter() -> None:
    """多少头 counts animals, in whichever counter the text uses for them (头 for pigs,
    只 for pandas, 羽 for poultry in bulletins); an area said of them does not. 只
    counts teams and shares as well (几只乐队: 10队): it asks for no family."""
    c = ctx(q(FIGURE, measure="头"))
    assert F.fit_figure(c, cand("年末生猪存栏547.01万头。")) == 1
    assert F.fit_figure(c, cand("野生大熊猫数量达到1387只。")) == 1
    assert F.fit_figure(c, cand("全年家禽出栏2.1亿羽。")) == 1
    assert F.miss_figure(c, cand("修复大熊猫栖息地5.1万亩。")) == 1
    bands = ctx(q(FIGURE, measure="只"))
    assert F.miss_figure(bands, cand("当中只有10队可以晋级决赛。")) == 0
    assert F.miss_shape(bands, cand("当中只有10队可以晋级决赛。")) == 0


def test_a_figure_per_head_answers_only_a_question_per_head() -> None:
    """人均地区生产总值 does not answer 地区生产总值多少; it answers 人均 and 平均."""
    money = q(FIGURE, terms=("生产总值",), measure="元", text="某市地区生产总值多少")
    per_head = cand("按常住人口计算，人均地区生产总值98149元，增长2.0%。")
    both = cand("全年地区生产总值2100亿元，人均地区生产总值98149元。")
    assert F.fit_figure(ctx(money), per_head) == 0
    assert F.miss_figure(ctx(money), per_head) == 1
    assert F.fit_figure(ctx(money), both) == 1
    # the same figure restated in another currency is per head too
    restated = cand("人均地区生产总值26858元，增长12.9%，按年初汇率折算约合3868美元。")
    assert F.fit_figure(ctx(money), restated) == 0
    asked = replace(money, text="某市人均地区生产总值多少")
    assert F.fit_figure(ctx(asked), per_head) == 1
    citizen = replace(money, text="城里人平均一年收入多少")
    assert F.fit_figure(ctx(citizen), cand("城镇居民人均可支配收入52633元。")) == 1
    # residents' income and spending are given per head, whether or not asked so
    for text in ("农村居民收入多少", "农村人一年收入多少", "农民一年消费多少", "农民一年能挣多少"):
        asked_so = replace(money, text=text)
        assert F.fit_figure(ctx(asked_so), cand("农村居民人均可支配收入30931元。")) == 1, text
    # a town's residents' income is not the countryside's
    towns = replace(money, text="城镇居民收入多少")
    assert F.fit_figure(ctx(towns), cand("农村居民人均可支配收入30931元。")) == 0
    assert F.fit_figure(ctx(towns), cand("城镇居民人均可支配收入52633元。")) == 1
    # nor is all residents' the countryside's
    rural = replace(money, text="农村人人均可支配收入多少")
    everyone = "城镇居民人均可支配收入46802元，全体居民人均可支配收入44863元。"
    assert F.fit_figure(ctx(rural), cand(everyone)) == 0
    assert F.fit_figure(ctx(replace(money, text="全体居民人均可支配收入多少")), cand(everyone)) == 1
    assert F.fit_figure(ctx(replace(money, text="财政收入多少")), per_head) == 0
    # an average per household is per head; a benefit's rate per person is what each
    # one gets, an answer to 一个月能拿多少
    assert F.fit_figure(ctx(money), cand("全市平均每户家庭收入8万元。")) == 0
    benefit = q(FIGURE, terms=("高龄", "补贴"), measure="元", text="老人一个月能拿多少补贴")
    assert F.fit_figure(ctx(benefit), cand("80-89周岁老年人：每人每月60元；")) == 1
    # a clause saying only how the figure before it changed speaks of that figure
    growth = q(FIGURE, terms=("生产总值",), measure="%", text="某市地区生产总值增长多少")
    assert F.fit_figure(ctx(growth), per_head) == 0
    assert F.fit_figure(ctx(growth), cand("全年地区生产总值939亿元，比上年增长13.3%。")) == 1
    own = cand("人均地区生产总值98149元，全市地区生产总值2100亿元，增长2.0%。")
    assert F.fit_figure(ctx(growth), own) == 1
    assert F.fit_figure(ctx(replace(growth, text="某市人均地区生产总值增长多少")), per_head) == 1
    # an average growth rate is no figure per head
    rate = q(FIGURE, measure="%", text="工业增加值增长多少")
    assert F.fit_figure(ctx(rate), cand("五年来工业增加值平均增长8.5%。")) == 1


def test_a_figure_for_a_quarter_or_half_answers_only_a_question_asking_a_part() -> None:
    """前三季度地区生产总值 does not answer a year's 地区生产总值 (nor 上半年, 一季度); it
    answers a question naming a part of the year. Only the sentence the figure is in
    counts, and a window of it is read from its sentence. Month ranges are not read so."""
    year = q(FIGURE, terms=("生产总值",), measure="元", text="某区2022年地区生产总值多少")
    for part in ("前三季度", "上半年", "一季度", "第二季度"):
        assert F.fit_figure(ctx(year), cand(f"{part}，完成地区生产总值659.7亿元。")) == 0, part
    assert F.fit_figure(ctx(year), cand("全年完成地区生产总值659.7亿元。")) == 1
    # a count of things in hand is said after a range of months as often as its flows
    invest = q(FIGURE, terms=("投资",), measure="元", text="某区2022年重点项目完成投资多少")
    assert F.fit_figure(ctx(invest), cand("1-11月，全区70个重点项目完成投资370亿元。")) == 1
    # a part named in the sentence before is no part of this one's
    assert F.fit_figure(ctx(year), cand("上半年平稳。全年完成地区生产总值659.7亿元。")) == 1
    # the figure before the part is the year's
    assert F.fit_figure(ctx(year), cand("全年生产总值659.7亿元，上半年增长5%。")) == 1
    # a window of a sentence whose part of the year stands before it in the passage
    text = "全区上下凝心聚力，前三季度，完成地区生产总值659.7亿元，增长4%。"
    window = "完成地区生产总值659.7亿元，"
    at = text.index(window)
    unit = AnswerUnit("d~1", "d", window, at, at + len(window), "window")
    chunk = Chunk("d#0", "d", text, 0, len(text))
    assert F.fit_figure(ctx(year), F.Candidate(0, unit, chunk)) == 0
    asked = replace(year, text="某区2022年前三季度地区生产总值多少")
    assert F.fit_figure(ctx(asked), F.Candidate(0, unit, chunk)) == 1
    assert F.fit_figure(ctx(asked), cand("前三季度，完成地区生产总值659.7亿元。")) == 1
    # a question naming a month asks a part of the year in other words
    by_month = replace(year, text="某区22年到9月底地区生产总值多少")
    assert F.fit_figure(ctx(by_month), cand("前三季度，完成地区生产总值659.7亿元。")) == 1


def test_people_counted_by_what_they_are() -> None:
    c = ctx(q(FIGURE, measure="人"))
    assert F.fit_figure(c, cand("当年失去了3到5万的居民。")) == 1
    assert F.fit_figure(c, cand("惠及3万村民。")) == 1
    # a number of 万 said alone counts people too; one with a unit after it does not
    assert F.fit_figure(c, cand("说这种方言的人约有150万，分布在山区。")) == 1
    assert F.fit_figure(c, cand("项目投资150万元。")) == 0


def test_a_table_cell_is_measured_in_its_label_or_its_rows_unit_cell() -> None:
    """A table row written as labelled text states a figure's unit in the label
    (比例（%）：78.6) or in the row's 单位 cell, not after the number."""
    row = cand("产品名称：水泥；单位：吨；产量：352100；比上年增长（%）：-3.5")
    asked = q(FIGURE, terms=("水泥",), text="水泥产量多少")
    assert F.fit_figure(ctx(replace(asked, measure="%", text="水泥产量增长多少")), row) == 1
    assert F.miss_shape(ctx(replace(asked, measure="吨")), row) == 0
    assert F.miss_shape(ctx(replace(asked, measure="辆")), row) == 1
    water = cand("年份：2019年；优良水质比例（%）：91.2；劣质比例（%）：0.8")
    assert F.fit_figure(ctx(q(FIGURE, measure="%")), water) == 1
    assert F.fit_figure(ctx(q(FIGURE, measure="元")), water) == 0
    money = cand("指标：财政收入；绝对数（亿元）：42.7")
    assert F.fit_figure(ctx(q(FIGURE, measure="元", text="财政收入多少")), money) == 1
    # a recruiting office in a 单位 cell measures nothing
    assert F.cell_unit("单位：某某街道办事处；职位：科员；人数：3", 26) == ""
    assert F.cell_label("全年产量352100吨", 4) is None


def test_a_row_answers_only_about_its_indicator() -> None:
    """A statistical table's row (指标：…, or an unlabelled first cell) answers a
    question naming its indicator, in the question's words or their other forms; a
    sub-item row (#住宅) only one naming the sub-item. A sentence is no row."""
    total = cand("指标：商品房销售额；单位：亿元；2021年：4685.8", "row")
    part = cand("指标：#住宅；单位：亿元；2021年：3846.6", "row")
    invest = q(FIGURE, terms=("房地产", "投资"), measure="元", text="房地产开发投资多少亿元")
    assert F.fit_figure(ctx(invest), total) == 0
    assert F.fit_figure(ctx(invest), part) == 0
    sales = replace(invest, text="商品房卖了多少钱")
    assert F.fit_figure(ctx(sales), total) == 1
    assert F.fit_figure(ctx(replace(invest, text="住宅卖了多少亿元")), part) == 1
    # the indicator named by another form of a question's word (GDP: 地区生产总值)
    gdp = q(FIGURE, terms=("gdp",), measure="元", text="gdp多少")
    gdp = replace(gdp, forms=(("gdp", "地区生产总值"),))
    assert F.fit_figure(ctx(gdp), cand("指标：地区生产总值；2022年（亿元）：20817.5", "row")) == 1
    # an unlabelled first cell names the indicator too; 年份 names none
    grain = cand("粮食；产量（吨）：1223474；比上年增长（%）：1.8", "row")
    assert F.fit_figure(ctx(q(FIGURE, text="蔬菜产量多少吨", measure="吨")), grain) == 0
    assert F.fit_figure(ctx(q(FIGURE, text="粮食产量多少吨", measure="吨")), grain) == 1
    assert F.indicator("年份：2019年；比例（%）：80.1") is None
    assert F.indicator("其中：住宅；单位：亿元") == "住宅"
    # the same words in a sentence are no row
    prose = cand("加快推进道路建设；全年新建公园3个。")
    assert F.fit_figure(ctx(q(FIGURE, text="修了几座桥")), prose) == 1


def test_a_rows_growth_does_not_answer_a_share() -> None:
    """A cell labelled as a change (比上年增长（%）) does not answer a share question
    (占比多少), nor a share cell (比重（%）) a growth question."""
    row = cand("指标：地区生产总值；2022年（亿元）：20817.5；比上年增长（%）：2.8", "row")
    share = q(FIGURE, measure="%", text="地区生产总值里数字经济占比多少")
    assert F.fit_figure(ctx(share), row) == 0
    growth = replace(share, text="地区生产总值增长了多少")
    assert F.fit_figure(ctx(growth), row) == 1
    parts = cand("指标：第三产业；比重（%）：66.4", "row")
    assert F.fit_figure(ctx(replace(share, text="第三产业比上年增长多少")), parts) == 0
    assert F.fit_figure(ctx(replace(share, text="第三产业占多少")), parts) == 1


def test_a_cells_number_or_code_is_no_figure() -> None:
    """序号：51 or 联系电话：8123456 is a row's number or a phone, not a quantity."""
    row = "序号：51；标题：某县2019年工作要点；发文单位：某县人民政府"
    assert F.new_figures(row) == []
    assert F.miss_figure(ctx(q(FIGURE)), cand(row)) == 1
    staff = "单位：某某局；联系电话：8123456；招聘人数：3"
    assert [m.group() for m in F.new_figures(staff)] == ["3"]


def test_a_captions_number_and_a_span_of_years_are_no_figures() -> None:
    """表1 and 图2 number a table or chart; the first year of 2017-2023年 is a year."""
    for caption in ("表1 2023年末某县常住人口数及其构成", "图2 2017-2023年某县粮食总产量"):
        assert F.new_figures(caption) == [], caption
        assert F.miss_figure(ctx(q(FIGURE)), cand(caption)) == 1, caption
    assert [m.group() for m in F.new_figures("表 3 全年收入12亿元")] == ["12亿"]
    assert [m.group() for m in F.new_figures("选出代表230名。")] == ["230"]
    assert [m.group() for m in F.new_figures("2017—2023年新增5所学校。")] == ["5"]


def test_a_length_in_any_unit_of_length() -> None:
    """多少米 is answered by a length in 米, 千米 or 公里, not by an area in 平方米."""
    c = ctx(q(FIGURE, measure="米"))
    assert F.fit_figure(c, cand("新建步道1200米。")) == 1
    assert F.fit_figure(c, cand("新建步道3.5公里。")) == 1
    assert F.fit_figure(c, cand("新建广场1200平方米。")) == 0
    assert F.fit_figure(ctx(q(FIGURE, measure="岁")), cand("年满18周岁可申请。")) == 1
    # an age in Chinese numerals before 周岁 is a figure too
    assert F.fit_figure(ctx(q(FIGURE, measure="岁")), cand("招收年满六周岁的适龄儿童。")) == 1
    # a classifier that is no family needs itself after a figure
    assert F.miss_shape(ctx(q(FIGURE, measure="幅")), cand("共展出作品120幅。")) == 0
    assert F.miss_shape(ctx(q(FIGURE, measure="幅")), cand("20余人参加活动。")) == 1


def test_another_numbered_school_or_hospital_than_the_one_asked() -> None:
    """第一中学 is not answered by a sentence about 第四民族中学 (another school of the
    same kind); a sentence about the asked one, or about a hospital, may answer; 第三批
    and 第一所 number no institution."""
    c = ctx(q(text="某州第一中学的校长是谁"))
    assert F.other_instance(c, cand("专家团队在某州第四民族中学调研。")) == 1
    assert F.other_instance(c, cand("某州第1中学校长甲某介绍了情况。")) == 0
    assert F.other_instance(c, cand("某州第二人民医院新建门诊楼。")) == 0
    assert F.ordinals("第二实验小学和第三人民医院") == frozenset({(2, "小学"), (3, "医院")})
    assert F.ordinals("第三批重点中学，全省第一所中学") == frozenset({(3, "批")})


def test_another_numbered_instance_than_the_one_asked() -> None:
    """第二届 is not answered by a sentence about 第三届, in numerals of either kind; a
    sentence naming no instance, or the asked one among others, may answer."""
    c = ctx(q(text="联盟第二届理事长单位是谁"))
    assert F.other_instance(c, cand("由甲大学出任第三届联盟理事长单位。")) == 1
    assert F.other_instance(c, cand("第2届理事长单位为乙大学，第3届为甲大学。")) == 0
    assert F.other_instance(c, cand("联盟理事长单位由成员轮流担任。")) == 0
    # another kind of numbered thing is no conflict
    assert F.other_instance(c, cand("第三批成员于会上加入。")) == 0
    assert F.ordinals("第十四届运动会第2期") == frozenset({(14, "届"), (2, "期")})
    # a session named without 第; a count of times is no instance
    assert F.ordinals("县十八届人大三次会议") == frozenset({(18, "届"), (3, "次")})
    assert F.ordinals("全年开展三次培训，连续举办三届") == frozenset()
    # a unit naming no instance is read in its passage
    meeting = "第十八届人大第四次会议开幕。会议应出席代表185名。"
    asked = ctx(q(text="第十八届人大第三次会议出席多少人"))
    assert F.other_instance(asked, cand("会议应出席代表185名。", chunk_text=meeting)) == 1
    fourth = ctx(q(text="第十八届人大第四次会议出席多少人"))
    assert F.other_instance(fourth, cand("会议应出席代表185名。", chunk_text=meeting)) == 0


def test_a_deputy_does_not_answer_who_holds_the_post() -> None:
    """县长是谁 is not answered by a unit naming only 副县长 (常务副县长); one naming
    the 县长 (代县长 too) may."""
    c = ctx(q(PERSON, terms=("县长",), text="县长是谁"))
    assert F.other_instance(c, cand("常务副县长徐某某，副县长李某某出席。")) == 1
    assert F.other_instance(c, cand("代县长齐某某作政府工作报告。")) == 0
    assert F.other_instance(c, cand("县长王某某、副县长李某某出席。")) == 0
    deputy = ctx(q(PERSON, terms=("县长",), text="常务副县长是谁"))
    assert F.other_instance(deputy, cand("常务副县长徐某某出席。")) == 0
    # the post holder's name asked for: 县长叫什么名字
    name = ctx(q(TERM, terms=("县长",), text="县长叫什么名字"))
    assert F.other_instance(name, cand("常务副县长徐某某，副县长李某某出席。")) == 1
    assert F.other_instance(name, cand("县长王某某出席。")) == 0


@pytest.mark.parametrize(
    ("question", "post", "unit", "ruled_out"),
    [
        ("某某县县长是谁", "县长", "县长主持县政府全面工作。", True),  # the post only
        ("某某县县长是谁", "县长", "县政府实行县长负责制。", True),
        ("某某县县长是谁", "县长", "县长林一帆作政府工作报告。", False),
        ("某某县县长是谁", "县长", "现任县长为Mārcis Auziņš。", False),
        # capitals alone are no name: an acronym, an e-mail address
        ("某某镇镇长是谁", "镇长", "请联系镇党政办，电子邮箱：ABCDEF@163.com。", True),
        ("某某县县长是谁", "县长", "县长关注GDP增长。", True),
        ("某某国总统是谁", "总统", "1960年独立，哈马尼·迪奥里成为首任总统。", False),
        # words jieba guesses are names (立德, 广泛开展) open with no family name
        ("某某区教育局局长是谁", "局长", "坚持立德树人，广泛开展公益讲座。", True),
        # a name jieba does not know, after a post or a leader field
        ("某某县县长是谁", "县长", "县长毕经河作政府工作报告。", False),
        # a leader field names a person, but not as 县长: any post's holder may lead a task
        ("某某县县长是谁", "县长", "（牵头领导：毕经河；责任单位：县教育局）", True),
        ("某某县县长是谁", "县长", "（牵头领导：县长毕经河；责任单位：县教育局）", False),
        # a post a unit holds; who does something
        ("联盟第三届理事长单位是谁", "理事长", "由甲大学出任第三届联盟理事长单位。", False),
        ("这项工作谁负责", "负责", "由区教育局负责。", False),
        # the name of someone holding another post; not a word merely ending in 长 (成长)
        ("青禾区委书记是谁", "区委书记", "区长王勇主持会议。", True),
        ("青禾区委书记是谁", "区委书记", "书记林一帆主持会议。", False),
        ("是谁让农业成长", "成长", "王勇修筑水利设施后农业大幅增长。", False),
    ],
)
def test_who_holds_a_post_is_answered_by_a_unit_naming_a_person(
    question: str, post: str, unit: str, ruled_out: bool
) -> None:
    """县长是谁 needs a unit naming someone: a name, a titled name or a name in Latin
    letters; "县长主持县政府全面工作" names the post only. A post a unit holds
    (理事长单位), or who does something (谁负责), is not held to it."""
    asked = ctx(q(PERSON, terms=(post,), text=question))
    assert F.miss_shape(asked, cand(unit)) == float(ruled_out)


@pytest.mark.parametrize(
    ("question", "unit", "ruled_out"),
    [
        ("某某办公室主任叫什么", "如有疑问，请联系某某办公室，电话：0531-1234567。", True),
        ("某某办公室主任叫什么", "办公室主任林一帆主持会议。", False),
        ("某某局局长的名字是什么", "局长负责全面工作。", True),
        ("这个计划叫什么", "实施登峰计划。", False),  # no post asked
        # someone holding another post names no 校长
        ("青禾实验中学的校长叫什么", "区委书记林一帆、区长王勇参加开工仪式。", True),
        ("青禾实验中学的校长叫什么", "校长林一帆介绍了学校情况。", False),
    ],
)
def test_a_post_holders_name_asked_by_jiao_shenme(
    question: str, unit: str, ruled_out: bool
) -> None:
    """主任叫什么 asks the holder's name as 主任是谁 does: a contact line naming the office
    and no one does not answer it."""
    words = ("某某办公室", "主任", "某某局", "局长", "计划", "青禾", "实验", "中学", "校长")
    terms = tuple(t for t in words if t in question)
    asked = ctx(q(TERM, terms=terms, text=question))
    assert F.miss_shape(asked, cand(unit)) == float(ruled_out)


def test_a_contact_field_asked_with_duoshao_needs_no_figure() -> None:
    """网址是多少 asks for a web address, not a figure: a sentence giving the address
    and no number is not ruled out as figureless; its shape is checked instead."""
    url = ctx(replace(q(FIGURE, terms=("网站", "网址"), text="政府网站网址是多少"), field="url"))
    address = cand("本报告在政府门户网站（www.example.gov.cn）公布。")
    assert F.miss_figure(url, address) == 0
    assert F.miss_shape(url, address) == 0
    assert F.miss_shape(url, cand("政府网站发布信息50条。")) == 1


def test_how_often_is_answered_by_every_month() -> None:
    """多久检查一次 asks how often: 每月 answers it; 每月 is no figure for 多久能办好."""
    often = ctx(q(FIGURE, terms=("检查", "网站"), text="多久检查一次网站"))
    monthly = cand("每月落实第三方检查网站工作完成情况。")
    assert F.fit_figure(often, monthly) == 1
    assert F.fit_figure(often, cand("每季度末检查网站。")) == 1
    assert F.fit_figure(often, cand("年底前检查网站。")) == 0
    long = ctx(q(FIGURE, terms=("办好",), text="多久能办好"))
    assert F.fit_figure(long, monthly) == 0


def test_papers_asked_in_fen_are_counted_in_jian_too() -> None:
    """几份材料: a report counts papers in 件 or 篇 as often as in 份."""
    c = ctx(q(FIGURE, terms=("解读材料",), measure="份", text="配发了几份解读材料"))
    assert F.miss_shape(c, cand("配发解读材料3件。")) == 0
    assert F.fit_figure(c, cand("配发解读材料3件。")) == 1
    assert F.fit_figure(c, cand("配发解读材料用时3天。")) == 0


def test_another_rate_than_the_one_asked() -> None:
    """出生率 is not answered by a unit naming 城镇化率 and not 出生率; a rate in per
    mille is a rate."""
    c = ctx(q(FIGURE, terms=("出生率",), measure="%", text="出生率多少"))
    assert F.other_instance(c, cand("常住人口城镇化率45.31%。")) == 1
    assert F.other_instance(c, cand("全年出生人口7.40万人，出生率8.47‰。")) == 0
    assert F.fit_figure(c, cand("全年出生人口7.40万人，出生率8.47‰。")) == 1
    assert F.other_instance(c, cand("率先建成示范区12个。")) == 0  # 率先 names no rate
    assert F.other_instance(c, cand("提高办事效率。")) == 0


def test_another_age_or_area_band_than_the_one_asked() -> None:
    """A figure asked for one age or floor area is not answered by a unit giving it for
    other bands only; a unit with the asked band, or with no band, may answer; a band
    stated in the question (不到18岁) or a price per square metre asks no point."""
    hundred = ctx(q(FIGURE, terms=("老人",), measure="元", text="满一百岁的老人每月给多少"))
    bands = (
        "80-89周岁老年人：每人每月60元；90-99周岁：每人每月120元；100周岁及以上：每人每月500元。"
    )
    assert F.other_instance(hundred, cand("80-89周岁的老人，津贴为每人每月25元；")) == 1
    assert F.other_instance(hundred, cand(bands)) == 0
    assert F.other_instance(hundred, cand("高龄津贴按月发放。")) == 0
    odd = ctx(q(FIGURE, terms=("老人",), measure="元", text="90多岁的老人一个月补多少"))
    assert F.other_instance(odd, cand("100周岁以上的老人，津贴为每人每月400元。")) == 1
    assert F.other_instance(odd, cand("90至99岁的老人每人每月100元。")) == 0
    area = ctx(q(FIGURE, terms=("补贴",), measure="%", text="买了100平补贴按多少算"))
    assert F.other_instance(area, cand("90平方米（含）以下的，按1%补贴。")) == 1
    assert F.other_instance(area, cand("90平方米以上的，按1.5%补贴。")) == 0
    for not_a_point in ("不到18岁的孩子补多少", "均价一平米多少钱"):
        c = ctx(q(FIGURE, terms=("孩子",), measure="元", text=not_a_point))
        assert F.other_instance(c, cand("18-35周岁的，每人2000元；90平方米以上的，5000元。")) == 0


@pytest.mark.parametrize(
    ("question", "unit", "other"),
    [
        ("我爷爷今年96了，每月能领多少补贴", "90周岁—94周岁，每人每月30元。", 1),
        ("我爷爷今年96了，每月能领多少补贴", "95周岁—99周岁，每人每月60元。", 0),
        ("我家老人80多了补多少", "90周岁—94周岁，每人每月30元。", 1),  # a decade of ages
        ("我家老人80多了补多少", "80-89周岁，每人每月20元。", 0),
        ("房价涨到85了补多少", "90周岁—94周岁，每人每月30元。", 0),  # no person's age
        ("我交了18年每月补多少", "90周岁—94周岁，每人每月30元。", 0),
    ],
)
def test_an_age_said_without_years_is_a_point_of_the_band(
    question: str, unit: str, other: int
) -> None:
    """我爷爷今年96了 states an age as citizens say it, without 岁."""
    asked = ctx(q(FIGURE, terms=("补贴",), measure="元", text=question))
    assert F.other_instance(asked, cand(unit)) == other


def test_a_part_does_not_answer_a_total() -> None:
    """一共多少亿 asks a total: 其中… gives a part of one; asked without a total word, the
    part may answer (非公有制经济增加值多少)."""
    total = ctx(q(FIGURE, terms=("GDP",), measure="亿元", text="2018年全市GDP一共多少亿"))
    assert F.other_instance(total, cand("其中，非公有制经济增加值866.95亿元、增长8.4%。")) == 1
    assert F.other_instance(total, cand("全市实现地区生产总值1513.27亿元。")) == 0
    part = ctx(q(FIGURE, terms=("增加值",), measure="亿元", text="非公有制经济增加值多少亿"))
    assert F.other_instance(part, cand("其中，非公有制经济增加值866.95亿元、增长8.4%。")) == 0


def test_a_yield_per_area_answers_only_a_question_per_area() -> None:
    """亩产 is answered by a figure said per 亩 (亩产, 每亩, 公斤/亩), and a total
    产量 question is not."""
    per = q(FIGURE, terms=("小麦", "亩产"), text="小麦亩产多少")
    total = q(FIGURE, terms=("小麦", "产量"), text="小麦产量多少")
    yield_ = cand("小麦平均亩产520公斤。")
    after = cand("小麦单季产量达到520公斤/亩。")
    whole = cand("小麦产量508.58万吨。")
    assert F.fit_figure(ctx(per), yield_) == 1
    assert F.fit_figure(ctx(per), after) == 1
    assert F.fit_figure(ctx(per), whole) == 0
    assert F.fit_figure(ctx(total), whole) == 1
    assert F.fit_figure(ctx(total), yield_) == 0
    # a table row: the cell's label says it (单位面积产量（公斤/公顷）), the next cell's not
    row = "地区：甲县；播种面积（千公顷）：74.1；单位面积产量（公斤/公顷）：6290.2；总产量（万吨）：47.2"
    found = {m.group(): F.per_area(row, m) for m in F.new_figures(row, frozenset())}
    assert (found["74.1"], found["6290.2"], found["47.2"]) == (False, True, False)
    unit_yield = q(FIGURE, terms=("甲县", "单产"), text="甲县粮食单产多少")
    assert F.fit_figure(ctx(unit_yield), cand(row)) == 1


def test_a_length_of_time_answers_a_question_asking_how_long() -> None:
    """多久 / 几年 / 多少天 are answered by a length of time (三年, 15个工作日, 十余天),
    which is no figure for other questions: "为期5年" does not answer 多少家."""
    how_long = q(FIGURE, terms=("合同",), text="合同签了多久")
    years = q(FIGURE, terms=("合同",), text="合同签了几年")
    days = q(FIGURE, terms=("审批",), text="审批要多少天")
    firms = q(FIGURE, terms=("企业",), text="有多少家企业")
    assert F.fit_figure(ctx(how_long), cand("双方签订为期三年的合同。")) == 1
    assert F.fit_figure(ctx(years), cand("合同期限为5年。")) == 1
    assert F.fit_figure(ctx(days), cand("审批时限压缩至15个工作日。")) == 1
    assert F.fit_figure(ctx(days), cand("审批用时缩短十余天。")) == 1
    # done at once: a guide's time limit of none (即办, 当场办结)
    assert F.fit_figure(ctx(days), cand("办理时限：即办")) == 1
    assert F.fit_figure(ctx(days), cand("材料齐全的，当场办结。")) == 1
    assert F.fit_figure(ctx(firms), cand("材料齐全的，当场办结。")) == 0
    assert F.fit_figure(ctx(firms), cand("企业扶持为期5年。")) == 0
    assert F.fit_figure(ctx(how_long), cand("双方签订了合同。")) == 0
    # 这几年, 前几年 say when, not how long
    recent = q(FIGURE, terms=("项目",), measure="个", text="这几年开工的项目有多少个")
    assert F.fit_figure(ctx(recent), cand("项目建设周期为三年。")) == 0
    # a figure that is no length of time answers no question asking one
    served = ctx(q(FIGURE, terms=("服役",), text="服役要满多久"))
    assert F.fit_figure(served, cand("参加定向招聘仅限1次。")) == 0
    assert F.miss_figure(served, cand("参加定向招聘仅限1次。")) == 1
    assert F.fit_figure(served, cand("必须服满两年期限义务兵。")) == 1
    # a date's day and an age are no lengths of time
    assert F.fit_figure(served, cand("2006年12月31日前年满18周岁。")) == 0
    assert F.fit_figure(served, cand("审批在15日内办结。")) == 1
    assert (
        F.fit_figure(ctx(q(FIGURE, terms=("王朝",), text="王朝存在多久")), cand("存续数个世纪。"))
        == 1
    )


def test_an_area_or_a_sum_in_any_of_its_units() -> None:
    """面积 is answered in 平方公里 or km² as well as 平方米 and 亩; money in 港元, 美元
    or 人民币 as well as 元."""
    area = q(FIGURE, terms=("面积",), measure="平方米", text="全镇面积多大")
    for text in ("全镇总面积169平方公里。", "面积1.171km²。", "占地1.8万平方千米。"):
        assert F.fit_figure(ctx(area), cand(text)) == 1, text
    assert F.fit_figure(ctx(area), cand("全镇人口3.8万人。")) == 0
    money = q(FIGURE, terms=("项目",), measure="元", text="项目投入了多少钱")
    for text in (
        "项目涉资2亿港元。",
        "出口额2.65亿美元。",
        "以2.55亿人民币收购。",
        "全程票价$16.6。",
        "门票¥ 20。",
    ):
        assert F.fit_figure(ctx(money), cand(text)) == 1, text
    assert F.fit_figure(ctx(money), cand("项目占地200亩。")) == 0


def test_a_share_said_in_words_answers_a_share_question() -> None:
    """占全省多少 is answered by 四分之三, 三成 or 一半 as well as by 75%; a count is not."""
    share = q(FIGURE, terms=("耕地",), measure="%", text="耕地占全省多少比例")
    for text in ("耕地占全省的四分之三左右。", "耕地约占三成。", "一半以上的耕地在平原。"):
        assert F.fit_figure(ctx(share), cand(text)) == 1, text
    for text in ("新建三个耕地保护区。", "县里成立了耕地保护小组。"):
        assert F.fit_figure(ctx(share), cand(text)) == 0, text
    # a ratio written a:b (男女比例1：7, 三次产业结构4.7:40.3:55.1)
    assert F.fit_figure(ctx(share), cand("男女生比例约为1：7。")) == 1
    assert F.fit_figure(ctx(share), cand("三次产业结构为4.7:40.3:55.1。")) == 1
    count = q(FIGURE, terms=("耕地",), measure="亩", text="耕地有多少亩")
    assert F.fit_figure(ctx(count), cand("耕地占全省的四分之三。")) == 0


def test_a_time_of_day_is_no_ratio() -> None:
    """A page's time stamp or a meeting's hour (15:09:37, 上午8:30, 9:05) is no share: a
    headline with its 发布日期 line does not answer 涨了百分之几; ratios still do."""
    share = q(FIGURE, terms=("税收",), measure="%", text="税收比上年涨了百分之几")
    for text in (
        "青禾县统计公报发布日期：2025-04-01 15:09:37",
        "大会于上午8:30开幕。",
        "列车9:05发车。",
        "会议28日14:30召开。",
    ):
        assert F.fit_figure(ctx(share), cand(text)) == 0, text
    ratio = q(FIGURE, terms=("比例",), measure="%", text="比例是多少")
    for text in ("比例约为16：10。", "比例为1:0。", "比例调整为3.0:43.4:53.6。"):
        assert F.fit_figure(ctx(ratio), cand(text)) == 1, text


def test_a_place_in_an_order_answers_a_question_asking_which_place() -> None:
    """第几 / 排名多少 is answered by an ordinal (第三, 第12位, 首次), which is no figure
    for other questions."""
    rank = q(FIGURE, terms=("排名",), text="这个县的经济总量在全省排第几")
    times = q(FIGURE, terms=("博览会",), text="博览会是第几次在本市举办")
    count = q(FIGURE, terms=("博览会",), text="博览会举办了多少场")
    assert F.fit_figure(ctx(rank), cand("经济总量居全省第三位。")) == 1
    assert F.fit_figure(ctx(rank), cand("经济总量排名全省第12。")) == 1
    assert F.fit_figure(ctx(times), cand("博览会首次在本市举办。")) == 1
    assert F.fit_figure(ctx(rank), cand("经济总量持续增长。")) == 0
    assert F.fit_figure(ctx(count), cand("博览会首次在本市举办。")) == 0
    # asked where it stands (排老几, 排第几), only a rank answers: not the figure ranked
    colloquial = q(FIGURE, terms=("财政收入",), text="县里财政收入在市里排老几")
    assert F.fit_figure(ctx(colloquial), cand("一般公共预算收入完成3.66亿元，全市排名第1。")) == 1
    assert F.fit_figure(ctx(colloquial), cand("一般公共预算收入完成3.66亿元，增长39.7%。")) == 0
    assert F.fit_figure(ctx(rank), cand("在2016年的排名中位列22名。")) == 1
    assert F.fit_figure(ctx(rank), cand("经济总量1350亿元，增长6.1%。")) == 0


def test_a_growth_does_not_answer_a_share_in_prose() -> None:
    """占了几成 is not answered by the clause saying how much a figure grew (增长, 减产), and a growth
    question not by the clause saying its share; a clause saying both may answer
    either."""
    share = q(FIGURE, terms=("工业",), measure="%", text="工业占了经济的几成")
    growth = q(FIGURE, terms=("工业",), measure="%", text="工业增长了多少")
    grew, part, both = (
        "工业增加值增长8.1%。",
        "工业增加值占生产总值的比重为38.2%。",
        "工业占比提高到38.2%。",
    )
    cases = [
        (share, grew, 0),
        (share, "全市粮食总产量902.61万吨，减产3.2%。", 0),
        (share, part, 1),
        (share, both, 1),
        (growth, grew, 1),
        (growth, part, 0),
        (growth, both, 1),
    ]
    for asked, text, fits in cases:
        assert F.fit_figure(ctx(asked), cand(text)) == fits, (asked.text, text)


def test_a_count_of_kinds_is_a_figure() -> None:
    """几种 is answered by 两种 or 三种 (a numeral before 种), as 几个 by 三个."""
    kinds = q(FIGURE, terms=("方式",), text="办理方式有几种")
    assert F.fit_figure(ctx(kinds), cand("办理方式分为线上、线下两种。")) == 1
    assert F.fit_figure(ctx(kinds), cand("各种方式均可办理。")) == 0


def test_a_part_of_a_total_named_with_words_the_question_does_not_ask() -> None:
    """粮食产量多少 is not answered by a part listed after 其中 (大春粮食产量) whose name
    qualifies the asked words with others; 大春粮食产量多少 is, and so is the total. A
    unit listing several parts, or a part named in other words, is left to the reader."""
    asked = ctx(q(FIGURE, terms=("粮食",), measure="吨", text="粮食产量多少"))
    total = "全年粮食产量82.6万吨，增长2.8%，"
    small, big = "其中：小春粮食产量15.4万吨，增长4.2%；", "大春粮食产量67.2万吨，增长2.5%。"
    passage = total + small + big
    unit = AnswerUnit("d~1", "d", big, len(total + small), len(passage), "sentence")
    listed = F.Candidate(0, unit, Chunk("d#0", "d", passage, 0, len(passage), ()))
    assert F.other_instance(asked, listed) == 1
    assert F.other_instance(asked, cand(small)) == 1  # opens with 其中
    assert F.other_instance(asked, cand(total)) == 0
    named = ctx(q(FIGURE, terms=("大春", "粮食"), measure="吨", text="大春粮食产量多少"))
    assert F.other_instance(named, listed) == 0
    several = "其中，夏粮产量7.9万吨，秋粮产量10.7万吨，早稻产量2.1万吨。"
    assert F.other_instance(asked, cand(several)) == 0
    assert F.other_instance(asked, cand("其中，稻谷产量22.5万吨。")) == 0  # no asked word


def _asked(text: str) -> Question:
    from answer.analyse import analyse
    from store.tokenize import ChineseTokenizer

    return analyse(text, ChineseTokenizer(), 2024)


def _fits(question: str, text: str, places: frozenset[str] = frozenset({"青禾"})) -> float:
    asked = _asked(question)
    return F.fit_figure(ctx(asked, districts=places, asked=places), cand(text))


def test_a_figure_of_another_indicator_answers_no_figure_question() -> None:
    """A figure whose clause names an indicator by another head word (产量, 增加值, 收入)
    than the question's does not answer it; nor one whose sentence lacks a word the
    question qualifies that head with (规上工业 for 第三产业增加值)."""
    cases = [
        # another head
        ("青禾县2023年粮食产量多少", "第三产业增加值128.3亿元，增长6.5%。", 0),
        ("青禾县2023年粮食产量多少", "全年粮食总产量38.2万吨，比上年增长1.2%。", 1),
        ("青禾县城里人人均收入多少", "人均地区生产总值40490元。", 0),
        ("青禾县城里人人均收入多少", "城镇常住居民人均可支配收入31200元，增长5%。", 1),
        # a head said in the question's other forms (gdp, 外贸, 财政收入)
        ("青禾县GDP多少", "全县地区生产总值235.6亿元。", 1),
        ("青禾县去年外贸进出口多少", "全县货物进出口总值12.5亿元，增长9%。", 1),
        ("青禾县2022年财政收入多少", "一般公共预算收入17.6亿元，增长20%。", 1),
        # the same head qualified otherwise
        ("青禾县规上工业增加值涨了多少", "第三产业增加值125.7亿元，增长6.2%。", 0),
        ("青禾县规上工业增加值涨了多少", "全县规模以上工业增加值比上年增长8.1%。", 1),
        ("青禾县居民工资性收入多少", "全县居民人均可支配收入26196元，增长7.7%。", 0),
        ("青禾县人均GDP多少钱", "全县地区生产总值（GDP）366.14亿元，增长6.1%。", 0),
        # residents told apart by the kind of area they live in, not by 可支配 of the
        # head's name; all residents (全体居民) are residents said plainly
        ("青禾县2023年城镇居民人均可支配收入多少", "全体居民人均可支配收入28160元。", 0),
        ("青禾县2023年城镇居民人均可支配收入多少", "农村居民人均可支配收入19130元。", 0),
        ("青禾县2023年城镇居民人均可支配收入多少", "城镇常住居民人均可支配收入4万元。", 1),
        ("青禾县2022年农民人均可支配收入多少元", "全县居民人均可支配收入41754元。", 0),
        ("青禾县农村居民人均可支配收入多少", "农村常住居民人均可支配收入19130元。", 1),
        ("青禾县全体居民人均可支配收入多少", "居民人均可支配收入28160元。", 1),
        ("青禾县居民人均可支配收入多少", "全体居民人均可支配收入28160元。", 1),
        # counts of the same thing told apart (户籍 or 常住, 出生 or 死亡)
        ("青禾县2023年常住人口有多少", "年末户籍人口36.6万人。", 0),
        ("青禾县2023年常住人口有多少", "年末常住人口35.2万人，户籍人口36.6万人。", 1),
        ("青禾县2023年末户籍人口多少", "年末常住人口10122.97万人。", 0),
        ("青禾县2023年出生人口多少", "全年出生人口3.8万人，死亡人口3.1万人。", 1),
        ("青禾县2023年末户籍人口多少", "全年出生人口61.0万人，出生率6.01‰。", 0),
        ("青禾县2023年人口多少", "年末户籍人口36.6万人。", 1),
        # a target does not say what was achieved, anywhere in its sentence before it
        ("青禾县2024年GDP实际增长了多少", "2024年主要预期目标是：地区生产总值增长6%左右。", 0),
        ("青禾县2024年GDP实际增长了多少", "2024年全县地区生产总值比上年增长5.7%。", 1),
        ("青禾县2024年GDP增长多少", "2024年主要预期目标是：地区生产总值增长6%左右。", 1),
        # a plan says what it will 实现 or 完成 too: only 实际 says what was achieved
        ("青禾县2024年GDP目标增长多少", "全年实现地区生产总值增长5.7%。", 1),
        ("青禾县2023年计划供地多少亩", "全年实现科技城等片区供地550余亩。", 1),
        ("青禾县实际完成投资多少", "年度计划投资8亿元。", 0),
        ("青禾城里人平均一年到手收入多少", "农村居民人均可支配收入29126元。", 0),
        ("青禾县2024年民生实事完成了多少项", "年初确定目标任务30项，已完成28项。", 1),
        ("青禾县城镇居民人均可支配收入多少", "城乡居民人均可支配收入2.57万元和1.68万元。", 1),
        ("青禾县人均GDP多少钱", "按常住人口计算，人均地区生产总值50123元。", 1),
    ]
    for question, text, fits in cases:
        assert _fits(question, text) == fits, (question, text)
    # a table row's indicator contrasting with the question's qualifier
    row = cand("指标：全县常住人口；年末数（万人）：21.35", kind="row")
    assert F.fit_figure(ctx(_asked("青禾县2021年户籍人口有多少万人")), row) == 0
    assert F.fit_figure(ctx(_asked("青禾县2021年常住人口有多少万人")), row) == 1
    both = "全县各项存款余额500亿元，贷款余额400亿元。"
    money = _asked("青禾县贷款余额多少")
    known = ctx(money, asked=frozenset({"青禾"}), districts=frozenset({"青禾"})).plain_terms
    assert [m.group() for m in F.asked_figures(both, money, known=known)] == ["400亿"]
    # a qualifier the corpus never uses, or a place, says nothing
    asked = _asked("青禾县外卖员平均收入多少")
    place = frozenset({"青禾"})
    text = cand("全县居民人均可支配收入31200元。")
    unseen = tuple(0.0 if t == "外卖员" else 1.0 for t in asked.terms)
    assert F.fit_figure(ctx(asked, weights=unseen, asked=place, districts=place), text) == 1
    assert F.fit_figure(ctx(asked, asked=place, districts=place), text) == 0
    assert _fits("五里镇人口有多少", "全镇户籍人口3.2万人。") == 1
    # per head said before 多少 (平均每个人摊多少GDP), not an average over time
    assert _fits("青禾县平均每个人摊多少GDP", "全县地区生产总值414.9亿元。") == 0
    assert _fits("青禾县平均每个人摊多少GDP", "人均GDP为36059元。") == 1
    assert _fits("青禾县GDP年均增长多少", "地区生产总值年均增长7.2%。") == 1
    # the indicator asked is the one the question's last clause names
    subsidy = "每家企业每年可申请一笔贷款贴息，贴息金额不超过50万元。"
    assert _fits("青禾县拿专利做质押贷款，贴息最多能贴多少", subsidy) == 1
    # a share names two indicators; an area's or a population's qualifiers vary
    assert _fits("青禾县三产占GDP比重多少", "第三产业增加值占地区生产总值的比重为45.2%。") == 1
    assert _fits("青禾县占地面积多大", "全县土地面积1326平方公里。") == 1


def test_a_weight_asked_needs_a_weight_and_a_session_number_is_no_figure() -> None:
    """多少斤 is answered by 吨 or 公斤, not by a count of years (十九连丰); a session's
    number (十七届人大四次会议) is a name, not a count of meetings."""
    grain = _asked("青禾县粮食产量多少斤")
    assert grain.measure is not None and grain.measure.endswith("斤")
    assert F.family_ok("全年粮食总产量38.2万吨。", grain.measure)
    assert F.family_ok("亩产达到650公斤。", grain.measure)
    assert not F.family_ok("粮食生产实现“十九连丰”。", grain.measure)
    session = "认真落实县十七届人大四次会议确定的各项目标任务。"
    assert [m.group() for m in F.new_figures(session)] == []
    assert [m.group() for m in F.new_figures("全年召开常务会议四次。")] == ["四"]
    area_share = _asked("青禾县粮食产量多少")
    share = "民营经济增加值占全县经济总量的76.1%。"
    assert F.fit_figure(ctx(area_share), cand(share)) == 0


def test_counters_said_for_one_another_answer_each_other() -> None:
    """People count buildings in 栋 where texts say 幢, firms in 家 where bulletins say 户,
    tasks in 件 where lists say 项, kinds in 种 where texts say 类: a figure in the
    other counter answers, and no other (个 counts anything; an ordinal counts nothing)."""
    for question, text, other in (
        ("青禾亿元楼有几栋", "亿元楼新增6幢，达到88幢。", "新建道路88条。"),
        ("青禾去年新开了多少家公司", "全年新登记企业3278户。", "新增就业3278人。"),
        ("青禾今年办了多少件民生实事", "全面完成50项民生实事。", "发放补贴50万元。"),
        # kinds: 种, or 类 and 个 (a count of kinds), not an area
        ("青禾湿地一共有多少种鸟", "湿地内有鸟类263种。", "湿地总面积586.75公顷。"),
        ("青禾县有几种补贴", "全县发放三类补贴。", "全县补贴面积586.75公顷。"),
        ("青禾湿地一共有几种鸟", "湿地内有鸟类263种。", "湿地内尚存20多个湖塘。"),
        ("青禾县办过几届运动会", "全县已举办28届运动会。", "今年是第28届运动会。"),
    ):
        asked = ctx(_asked(question), districts={"青禾"}, asked={"青禾"})
        assert F.miss_shape(asked, cand(text)) == 0, question
        assert F.fit_measure(asked, cand(text)) == 1, question
        assert F.miss_shape(asked, cand(other)) == 1, question


def test_a_change_or_a_share_answers_only_a_question_asking_one() -> None:
    """A percentage said as a change or a share (增长7.9%, 占…比重为52.5%) does not answer a
    question asking an amount (经济总量有多大); it answers one asking a change, a share
    or a percentage. A percentage of 占地 is no share."""
    amount = _asked("青禾县经济总量有多大")
    text = "第三产业增加值291218万元，增长7.9%，占地区生产总值比重为52.5%。"
    assert F.asked_figures(text, amount) == []
    whole = "全年全县地区生产总值554400万元，比上年增长5.2%。"
    assert [m.group() for m in F.asked_figures(whole, amount)] == ["554400万"]
    for asked in ("青禾县三产占GDP比重多少", "青禾县三产增长了多少", "青禾县三产增速是百分之几"):
        assert F.asked_figures(text, _asked(asked)), asked


def test_an_area_answers_only_a_question_asking_land_or_size() -> None:
    """粮食打了多少 names no measure and no land: 播种面积218.1万亩 does not answer it, the
    harvest in 吨 does; 耕地有多少 and 有多大 may get an area."""
    text = "粮食作物播种面积218.1万亩，粮食总产量82.6万吨。"
    harvest = _asked("青禾县粮食打了多少")
    assert [m.group() for m in F.asked_figures(text, harvest)] == ["82.6万"]
    for asked in ("青禾县耕地有多少", "青禾县粮食种了多少", "青禾县有多大"):
        assert "218.1万" in [m.group() for m in F.asked_figures(text, _asked(asked))], asked


def test_a_speaker_line_answers_who_holds_its_post() -> None:
    """A heading answers only next to the asked shape: for 主任是谁, the name after the
    post (区发改委主任 吴晓春, a report's speaker line)."""
    who = _asked("青禾县发改委主任是谁")
    line = cand("县发改委主任 吴晓春", kind="heading")
    assert F.near_term(ctx(who), line) > 0
    assert F.near_term(ctx(who), cand("二、发改委主任负责制", kind="heading")) == 0


def test_a_figure_is_for_the_band_said_before_it() -> None:
    """In a list of bands each figure is for the band said before it: a unit whose
    figures all follow other bands than the age asked, or that continues a sentence whose
    last band is another (③100周岁及以上的老人，… then 每人每月800元), does not answer."""
    asked = ctx(q(FIGURE, terms=("津贴",), measure="元", text="我奶奶92岁了，高龄津贴一个月多少"))
    first = "①80周岁至89周岁的老人，每人每月100元；"
    assert F.other_instance(asked, cand(first + "②90周岁至99周岁的老人，每人每月500元；")) == 0
    assert F.other_instance(asked, cand(first)) == 1
    lead = "③100周岁及以上的老人，"
    text = lead + "每人每月800元。"
    unit = AnswerUnit("d~1", "d", "每人每月800元。", len(lead), len(text), "window")
    after = F.Candidate(0, unit, Chunk("d#0", "d", text, 0, len(text), ()))
    assert F.other_instance(asked, after) == 1
    assert (
        F.other_instance(ctx(q(FIGURE, terms=("津贴",), measure="元", text="101岁呢")), after) == 0
    )


def test_a_slogans_or_a_codes_numbers_are_no_figures() -> None:
    """The numbers of a slogan in quotes (“五大战略”), of a labelled code (索引号：
    000014349/2026-03793) or a note's mark ((1)) answer no 多少; the count after them
    does."""
    slogan = "深入推进“三大战略、八大行动”和“一区四中心、五个章贡”建设。"
    assert F.new_figures(slogan) == []
    code = "索引号：000014349/2026-03793，清单共计177项具体任务。"
    assert [m.group() for m in F.new_figures(code)] == ["177"]
    assert F.new_figures("奋力打好“三大振兴和一个更新”（1）攻坚战。") == []
    # a code with a leading zero (061基地, 区号0852) is no quantity; 0.5 and 5,057 are
    codes = "有061基地、青禾烟厂等企业，区号0852，产值占0.5%。"
    assert [m.group() for m in F.new_figures(codes)] == ["0.5%"]
    assert "057" in [m.group() for m in F.new_figures("可容5,057名观众。")]


def test_an_ordinal_is_no_figure_unless_a_rank_is_asked() -> None:
    """第三次全体会议 says which meeting, not how many: it answers no 多少; a question asking
    a place in an order (第几次, 排第几) is answered by it."""
    meeting = "青禾县二届人大四次会议举行第三次全体会议，选举县长。"
    assert _fits("青禾县人代会到了多少代表", meeting) == 0
    assert _fits("青禾县人代会到了多少代表", "出席大会的代表共304名。") == 1
    assert _fits("青禾县这是第几次全体会议", meeting) == 1
    assert _fits("青禾县这是第多少次全体会议", meeting) == 1


def test_a_conversion_of_a_per_head_figure_is_per_head() -> None:
    """人均…228594元，按平均汇率计算为32098美元: the dollars restate the per-head figure."""
    text = "按常住人口计算，人均地区生产总值228594元，按2024年平均汇率计算为32098美元。"
    assert F.per_head(text, text.index("32098"))
    assert not F.per_head("全年生产总值433.3亿元，按可比价格计算，比上年增长7.1%。", 8)


def test_a_table_cells_prose_names_its_figures_indicator() -> None:
    """A task table's row reports progress in prose: a figure of another indicator there
    (综合产值) answers no GDP question; the row's own GDP figure does."""
    gdp = q(FIGURE, terms=("GDP",), measure="亿元", text="2024年上半年GDP多少")
    gdp = replace(gdp, forms=(("GDP", "地区生产总值", "生产总值"),))
    other = "序号：4；重点工作：市农业；落实情况：1-6月，4个优势主导产业综合产值324.33亿元。"
    own = "序号：7；重点工作：稳增长；落实情况：上半年全市实现地区生产总值1077.8亿元，增长5.5%。"
    assert F.asked_figures(other, gdp, row=True) == []
    assert [m.group() for m in F.asked_figures(own, gdp, row=True)][:1] == ["1077.8亿"]


def test_a_division_s_short_form_is_no_qualifier() -> None:
    """进贤 (进贤县's short form, a verb to jieba) qualifies no indicator: 进贤 2023 人均GDP
    is answered by 人均地区生产总值56046元 though the sentence never says 进贤."""
    asked = q(FIGURE, terms=("gdp", "进贤", "人均"), measure="元", text="进贤 2023 人均GDP")
    c = ctx(replace(asked, forms=(("gdp", "地区生产总值", "生产总值"), ("进贤",), ("人均",))))
    assert "进贤" not in c.plain_terms
    assert F.fit_figure(c, cand("人均地区生产总值56046元。")) == 1


def test_a_count_is_not_answered_by_money_a_share_or_an_area() -> None:
    """多少个 asks a count: a sum of money, a share or an area never answers it (去年生了
    多少个娃 is not the GDP), though 多少个亿 asks a sum in its own words."""
    babies = ctx(q(FIGURE, ("青禾",), "个", text="青禾去年生了多少个娃"))
    assert F.fit_figure(babies, cand("全年实现地区生产总值151.99亿元，增长5.9%。")) == 0
    assert F.fit_figure(babies, cand("建成广场3.2万平方米。")) == 0
    assert F.fit_figure(babies, cand("全年出生人口2394人。")) == 1
    assert F.fit_figure(babies, cand("新建幼儿园12个。")) == 1
    billions = ctx(q(FIGURE, ("青禾",), "个", text="青禾一共花了多少个亿"))
    assert F.fit_figure(billions, cand("全年完成投资12.5亿元。")) == 1


def test_what_one_earns_is_never_said_in_hundreds_of_millions() -> None:
    """农村人一年人均能挣多少 asks a per-head amount: a total in 亿 (产业链产值突破70亿元)
    never answers it; the income per head does."""
    c = ctx(q(FIGURE, ("青禾", "人均"), "元", text="青禾农村人一年人均能挣多少钱"))
    assert F.fit_figure(c, cand("特色产业全产业链产值突破70亿元，农村居民收入增速领跑全市。")) == 0
    assert F.fit_figure(c, cand("农村居民人均可支配收入22143元，增长9%。")) == 1
    # 老百姓消费 in a question on the retail total asks no figure per head
    total = ctx(
        q(FIGURE, ("青禾", "零售总额"), "元", text="青禾老百姓消费的社会消费品零售总额是多少钱")
    )
    assert F.fit_figure(total, cand("社会消费品零售总额65.09亿元，增长6.9%。")) == 1


def test_a_unit_leading_with_another_year_speaks_of_it() -> None:
    """A 2023 news item's "2022年，…民生支出达16.1亿元" answers no 2023 figure question; a
    span over both years, a count from a year or a unit naming the asked one does."""
    assert F.leads_with_another_year("2022年，青禾县全年民生支出达16.1亿元。", (2023,))
    assert F.leads_with_another_year("经最终核实，2022年全县生产总值为653.05亿元。", (2023,))
    assert not F.leads_with_another_year("2023年，青禾县全年民生支出达18.2亿元。", (2023,))
    assert not F.leads_with_another_year("2022年至2023年累计投入5亿元。", (2023,))
    assert not F.leads_with_another_year("2020年以来累计新增就业3万人。", (2023,))
    assert not F.leads_with_another_year("全年民生支出达18.2亿元。", (2023,))
    assert not F.leads_with_another_year("2022年，青禾县民生支出16.1亿元。", ())


def test_a_guide_s_hours_or_materials_asked_need_a_time_or_a_document() -> None:
    """A question asking a guide's hours (几点开门, 周末上班吗) or what to bring (带啥材料)
    is answered by no passage without a time or a document to bring, though no guide
    answers it; 开门看病 asks a date, and 新材料产业 or a figure question no materials."""

    def missed(kind: Kind, text: str, unit: str) -> float:
        return F.miss_shape(ctx(q(kind, text=text)), cand(unit))

    hours = "青禾县政务服务中心周六上不上班，几点开门"
    assert missed(FACT, hours, "政务服务中心于2014年1月1日正式成立。") == 1
    assert missed(FACT, hours, "周六上午8:30-12:00正常办理业务。") == 0
    assert missed(FACT, hours, "工作时间：工作日9：00至17：00") == 0
    bring = "青禾县办老年优待证要带啥材料，去哪办"
    assert missed(LIST, bring, "全年办理老年优待证140份。") == 1
    assert missed(LIST, bring, "1.居民身份证原件；2.近期一寸免冠照片一张。") == 0
    assert missed(LIST, bring, "1、戶口薄；2、居民身份證；") == 0
    assert missed(FACT, "青禾县第二人民医院啥时候能开门看病", "预计2025年6月底投入运营。") == 0
    assert missed(FIGURE, "青禾县新材料产业产值多少", "新材料产业产值1550亿元。") == 0
    assert missed(FACT, "史普尼克5号携带什么上了太空", "携带两只狗、40只小鼠。") == 0


def test_a_heading_naming_a_target_makes_the_figures_under_it_targets() -> None:
    """Under 一、2024年经济社会发展计划目标 every figure is a target: none answers what was
    achieved (实际增长了多少); a heading over how the plan went (完成情况) names targets
    achieved."""
    actual = _asked("青禾县2024年固定资产投资实际增长了多少")
    plain = _asked("青禾县2024年固定资产投资增长多少")
    places = frozenset({"青禾"})
    target = cand("（三）固定资产投资增长8%。", heading=("一、2024年经济社会发展计划目标",))
    done = cand("（三）固定资产投资增长8%。", heading=("一、2024年主要目标完成情况",))
    assert F.fit_figure(ctx(actual, districts=places, asked=places), target) == 0
    assert F.fit_figure(ctx(plain, districts=places, asked=places), target) == 1
    assert F.fit_figure(ctx(actual, districts=places, asked=places), done) == 1


def test_the_adjective_modern_is_no_era() -> None:
    """现代 names an era (到了现代) but government prose says it of things (现代化, 现代农业,
    现代TOD项目): such a sentence does not answer 什么时候."""
    when = ctx(q(DATE, text="青禾高铁TOD项目啥时候建成"))
    for text in ("青禾高铁现代TOD项目总投资约200亿元。", "加快推进农业现代化，发展现代农业。"):
        assert F.fit_date(when, cand(text)) == 0, text
    assert F.fit_date(ctx(q(DATE, text="城墙是什么时候拆的")), cand("到了近代，城墙被拆除。")) == 1


def test_a_date_of_the_contrasting_event_does_not_answer() -> None:
    """哪天闭幕 is not answered by the date of its 开幕, nor 什么时候建成 by the year it was
    begun, nor 什么时候解封 by the day 封闭 began; a date whose clause says the asked event,
    or neither, still may."""
    closed = ctx(q(DATE, text="青禾县人代会哪天闭幕"))
    opened = "11月23日上午，青禾县第六届人民代表大会第一次会议在县文体中心开幕。"
    assert F.fit_date(closed, cand(opened)) == 0
    assert F.fit_date(closed, cand("大会11月23日开幕，11月26日闭幕。")) == 1
    assert F.fit_date(ctx(q(DATE, text="青禾县人代会哪天开幕")), cand(opened)) == 1
    built = ctx(q(DATE, text="青禾大桥哪一年建成"))
    assert F.fit_date(built, cand("青禾大桥2019年开工。")) == 0
    assert F.fit_date(built, cand("青禾大桥2019年开工，2021年凿通。")) == 1
    assert F.fit_date(ctx(q(DATE, text="青禾大桥哪一年通车")), cand("青禾大桥2019年开工。")) == 1
    # said as people do: 啥时候能建好, 修好, 盖好
    for text in ("青禾卫生院新院啥时候能建好", "青禾大桥什么时候修好"):
        assert F.fit_date(ctx(q(DATE, text=text)), cand("三季度，青禾卫生院新院等项目开工。")) == 0
    # both named: the event asked after 什么时候 is asked (封闭管理什么时候解封)
    lifted = ctx(q(DATE, text="青禾小区封闭管理什么时候解封的"))
    sealed = "从2月19日0时起，青禾小区实行封闭式管理。"
    assert F.fit_date(lifted, cand(sealed)) == 0
    assert F.fit_date(lifted, cand("青禾小区3月5日解除封闭管理。")) == 1
    both = ctx(q(DATE, text="青禾大桥何时动工，何时完工"))
    assert F.fit_date(both, cand("青禾大桥2019年开工。")) == 1


def test_a_figure_summed_over_years_does_not_answer_one_years() -> None:
    """“十三五”期间…累计完成264.6亿元 is five years' GDP, not 2020's; asked over years
    (过去四年加一块, 累计) it answers."""
    summed = "“十三五”期间，全县地区生产总值累计完成264.6亿元，年均增长3.5%。"
    assert _fits("青禾县2020年GDP是多少", summed) == 0
    assert _fits("青禾县2020年报告里说过去四年GDP加一块多少", summed) == 1
    assert _fits("青禾县十三五期间GDP累计多少", summed) == 1
    assert _fits("青禾县2020年GDP是多少", "2020年全县地区生产总值完成55.3亿元。") == 1
    # a sum in another clause says nothing of this figure
    both = "累计投入资金5亿元，2020年全县地区生产总值完成55.3亿元。"
    assert _fits("青禾县2020年GDP是多少", both) == 1


def test_a_set_named_by_its_count_is_not_answered_for_another_count() -> None:
    """那135个老旧小区…总投资多少 is not answered by the sentence on 69个老旧小区; one naming
    the asked count too, or counting other things, still may."""
    assert F.other_count("那135个老旧小区改造总投资多少", "69个老旧小区改造计划总投资约1.2亿元。")
    assert F.other_count("那三所新建学校花了多少钱", "新建两所学校，投资8000万元。") is False
    assert F.other_count("那三所新建学校花了多少钱", "5所新建学校共投资1.2亿元。")
    for text in (
        "135个老旧小区中，69个老旧小区已完工。",  # the asked count is there too
        "改造135个小区，其中老旧小区投资1.2亿元。",
        "惠及居民1.1万户，投资1.2亿元。",  # other things counted
    ):
        assert not F.other_count("那135个老旧小区改造总投资多少", text), text
    # a count asked, an ordinal or 一个 names no set
    for question in ("改造了多少个老旧小区", "第3个老旧小区在哪", "有一个老旧小区没改"):
        assert not F.other_count(question, "69个老旧小区改造完成。"), question
    stated = q(FIGURE, terms=("老旧小区",), text="那135个老旧小区改造总投资多少")
    assert F.other_instance(ctx(stated), cand("涪城69个老旧小区改造计划总投资约1.2亿元。")) == 1


def test_who_presided_is_answered_by_a_person_or_a_post() -> None:
    """谁主持的 / 谁带队 is answered by a sentence naming someone (区委书记林一帆主持) or a
    post (由区长主持), never by one naming nobody; a programme's host (主持人是谁) is not
    held to it."""
    who = q(PERSON, terms=("推进会",), text="青禾区创城推进会是谁主持的")
    nobody = "会议强调，要把创城工作融入城区发展目标。"
    assert F.miss_shape(ctx(who), cand(nobody)) == 1
    # an unnamed official, a committee or a rise name no one who presided
    for text in ("区有关负责人介绍了创城工作。", "召开区委深化改革委员会会议3次，收入增长5%。"):
        assert F.miss_shape(ctx(who), cand(text)) == 1, text
    for text in ("区委书记林一帆主持会议。", "会议由区长主持。", "林一帆同志主持会议。"):
        assert F.miss_shape(ctx(who), cand(text)) == 0, text
    host = q(PERSON, terms=("节目",), text="青禾电视台那个节目的主持人是谁")
    assert F.miss_shape(ctx(host), cand(nobody)) == 0


def test_a_date_is_no_count() -> None:
    """几个停车位 is not answered by a sentence whose only figures date something
    (建于20世纪90年代, 1990年3月): a count of things needs a count."""
    spaces = q(FIGURE, terms=("停车位",), measure="个", text="青禾社区改完多了几个停车位")
    for text in ("青禾社区建于20世纪90年代，道路破损。", "青禾社区1990年3月建成。"):
        assert F.miss_figure(ctx(spaces), cand(text)) == 1, text
    assert F.miss_figure(ctx(spaces), cand("改造后新增停车位120个。")) == 0
