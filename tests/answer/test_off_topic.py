"""The off-topic guard on text written for the test: a question naming a place whose
other words the documents never use is declined before retrieval."""

from __future__ import annotations

import pytest

from answer.analyse import analyse
from answer.guards import Guards
from answer.sentences import TermWeights
from lixia_qa.types import Place
from store.tokenize import ChineseTokenizer

TABLE = ["产品名称：汽车；单位：万辆；产量：62.1；比上年增长（%）：7.1", "全年粮食产量241.5万吨。"]


def test_a_word_made_of_known_words_is_known() -> None:
    """汽车产量 is no word of a table that says 产品名称：汽车 and 产量 apart; the
    question is not off topic. 下雨 is in no document: that question is."""
    tokenizer = ChineseTokenizer()
    guards = Guards(TermWeights(TABLE), (), tokenizer)
    assert guards.off_topic(analyse("成都汽车产量多少万辆", tokenizer, None)) == []
    assert guards.off_topic(analyse("成都明天会下雨吗", tokenizer, None)) != []


def test_a_length_of_time_says_nothing_of_the_topic() -> None:
    """成都一年给多少: 一年 is how long, not what about, and no document's word the
    question lacks makes it off topic; 成都一年下雨几次 still is (下雨)."""
    tokenizer = ChineseTokenizer()
    guards = Guards(TermWeights(TABLE), (), tokenizer)
    q = analyse("成都一年给多少", tokenizer, None)
    assert q.terms == ("成都", "一年") and guards.off_topic(q) == []
    assert guards.off_topic(analyse("成都一年下雨几次", tokenizer, None)) != []


def test_whose_case_and_how_often_say_nothing_of_the_topic() -> None:
    """成都我外公今年91了，每个月补多少: 外公 says whose case and 每个 how often; the
    question is left to the reader. 成都我外公明天去哪钓鱼 is still off topic (钓鱼)."""
    tokenizer = ChineseTokenizer()
    guards = Guards(TermWeights(TABLE), (), tokenizer)
    assert guards.off_topic(analyse("成都我外公今年91了，每个月补多少", tokenizer, None)) == []
    assert guards.off_topic(analyse("成都我外公明天去哪钓鱼", tokenizer, None)) != []


def test_which_moment_says_nothing_of_the_topic() -> None:
    """成都这个名字是哪一年开始叫的: 开始 says which moment is asked, not what about; the
    question is left to the reader. 成都哪年开始下雨 is still off topic (下雨)."""
    tokenizer = ChineseTokenizer()
    guards = Guards(TermWeights(TABLE), (), tokenizer)
    assert guards.off_topic(analyse("成都这个名字是哪一年开始叫的", tokenizer, None)) == []
    assert guards.off_topic(analyse("成都最早是哪一年建的", tokenizer, None)) == []
    assert guards.off_topic(analyse("成都哪年开始下雨", tokenizer, None)) != []


def test_only_a_division_of_the_gazetteer_is_a_foreign_place() -> None:
    """槐荫区 is a district no document names: the question is declined. 大洋区 and
    气候区 are shaped like places but name no division (a training question asks which
    大洋区 a fish lives in): they are no foreign place."""
    tokenizer = ChineseTokenizer()
    guards = Guards(TermWeights(TABLE), (), tokenizer)
    assert guards.foreign_place(analyse("槐荫区粮食产量多少", tokenizer, None)) == "槐荫区"
    assert guards.foreign_place(analyse("这种鱼分布在哪个大洋区", tokenizer, None)) is None
    assert guards.foreign_place(analyse("这里属于什么气候区", tokenizer, None)) is None
    # a district renamed after the gazetteer was made, by its short form (偃师市 -> 偃师区)
    assert guards.foreign_place(analyse("偃师区粮食产量多少", tokenizer, None)) == "偃师区"


@pytest.mark.parametrize(
    ("question", "foreign"),
    [
        ("禅城区2024年十大民生实事有哪些", "禅城区"),  # ends as 城区 does
        ("萧山区今年粮食产量多少", "萧山区"),  # ends as 山区 does
        ("老城区改造有什么计划", None),  # any city's old town
        ("新城区的幼儿园建了几所", None),
        ("山区的学校有多少所", None),
    ],
)
def test_a_division_ending_as_an_area_noun_is_a_foreign_place(
    question: str, foreign: str | None
) -> None:
    """A division whose name ends as a common area noun does (禅城区: 城区) is still a
    place no document names; a general phrase (老城区, 山区) is none."""
    tokenizer = ChineseTokenizer()
    guards = Guards(TermWeights(TABLE), (), tokenizer)
    assert guards.foreign_place(analyse(question, tokenizer, None)) == foreign


def test_a_citys_urban_area_is_the_city() -> None:
    """廊坊市区 is the urban area of a city the documents name, no division 坊市区."""
    tokenizer = ChineseTokenizer()
    knows = Guards(TermWeights([*TABLE, "廊坊市全年粮食产量20万吨。"]), (), tokenizer)
    question = analyse("廊坊市区暖气管子漏水找哪个部门", tokenizer, None)
    assert knows.foreign_place(question) is None


def test_a_city_named_by_its_short_form_is_a_foreign_place_unless_named() -> None:
    """周口 is 周口市 by its short form: a question on it over documents that never name
    it is declined; documents naming the city by either form are about it. A county's
    short form inside other words (李秉衡山东: 衡山) is not read as a place."""
    tokenizer = ChineseTokenizer()
    guards = Guards(TermWeights(TABLE), (), tokenizer)
    assert guards.foreign_place(analyse("周口去年外贸进出口多少", tokenizer, None)) == "周口市"
    for named in ("周口市全年粮食产量241.5万吨。", "周口全年粮食产量241.5万吨。"):
        knows = Guards(TermWeights([*TABLE, named]), (), tokenizer)
        assert knows.foreign_place(analyse("周口粮食产量多少", tokenizer, None)) is None, named
    question = analyse("哪一个人继任了李秉衡山东巡抚的职务", tokenizer, None)
    assert Guards(TermWeights(["山东巡抚李秉衡。"]), (), tokenizer).foreign_place(question) is None


def test_a_county_named_by_its_short_form_as_a_word_of_its_own_is_a_foreign_place() -> None:
    """夹江 is 夹江县 by its short form: a question on it over documents that never name
    it is declined, unless they do. 长子 (长子县) is also an eldest son in jieba's
    dictionary, and 新建 (新建区) a verb inside a question: neither is read as the county."""
    tokenizer = ChineseTokenizer()
    guards = Guards(TermWeights(TABLE), (), tokenizer)
    assert guards.foreign_place(analyse("夹江今年粮食产量多少", tokenizer, None)) == "夹江县"
    knows = Guards(TermWeights([*TABLE, "夹江县全年粮食产量20万吨。"]), (), tokenizer)
    assert knows.foreign_place(analyse("夹江今年粮食产量多少", tokenizer, None)) is None
    assert guards.foreign_place(analyse("他家长子今年粮食产量多少", tokenizer, None)) is None
    # 新建 (新建区's short form) is a verb here, not opening the question
    new = analyse("某县2022年新建高标准农田多少亩", tokenizer, None)
    assert guards.foreign_place(new) is None
    # 常熟 and 安居 are words jieba counts rarely (an adjective, a verb): opening the
    # question before a year or 的 they are the county; inside 安居工程 a word
    assert guards.foreign_place(analyse("常熟2023年常住人口有多少", tokenizer, None)) == "常熟市"
    assert guards.foreign_place(analyse("常熟的常住人口有多少", tokenizer, None)) == "常熟市"
    assert guards.foreign_place(analyse("安居工程今年建了多少套", tokenizer, None)) is None


def test_a_place_a_document_is_about_is_no_foreign_place() -> None:
    """A page's issuer (崇阳县人社局) is read from its information block, out of the text:
    the place the document is about is known though no text names it."""
    tokenizer = ChineseTokenizer()
    q = analyse("崇阳县创业补贴多少", tokenizer, None)
    assert Guards(TermWeights(TABLE), (), tokenizer).foreign_place(q) == "崇阳县"
    about = [Place("湖北省", "咸宁市", "崇阳县")]
    assert Guards(TermWeights(TABLE), (), tokenizer, about).foreign_place(q) is None


def test_the_places_around_the_place_a_document_is_about_are_no_foreign_place() -> None:
    """A county's notice (崇阳县) speaks of its city and province though its text names
    neither: "咸宁崇阳…" and "湖北崇阳…" ask about it."""
    tokenizer = ChineseTokenizer()
    about = [Place("湖北省", "咸宁市", "崇阳县")]
    for text in ("咸宁崇阳创业补贴多少", "湖北崇阳创业补贴多少", "湖北省创业补贴多少"):
        q = analyse(text, tokenizer, None)
        assert Guards(TermWeights(TABLE), (), tokenizer, about).foreign_place(q) is None, text
    q = analyse("周口创业补贴多少", tokenizer, None)
    assert Guards(TermWeights(TABLE), (), tokenizer, about).foreign_place(q) == "周口市"


def test_an_autonomous_county_asked_by_its_short_form_and_a_suffix_is_known() -> None:
    """Documents about 城步苗族自治县 (its bulletin names it so throughout) are about
    what a citizen calls 城步县; another county still is foreign."""
    tokenizer = ChineseTokenizer()
    text = ["城步苗族自治县2022年农村居民人均可支配收入13128元。"]
    place = Place(province="湖南省", city="邵阳市", county="城步苗族自治县")
    guards = Guards(TermWeights(text), (), tokenizer, (place,))
    assert guards.foreign_place(analyse("城步县2022年农村人平均挣多少", tokenizer, None)) is None
    assert guards.foreign_place(analyse("城步2022年农村人平均挣多少", tokenizer, None)) is None
    assert (
        guards.foreign_place(analyse("隆回县2022年农村人平均挣多少", tokenizer, None)) == "隆回县"
    )
