"""Place scoping: a question naming a place the documents are about is answered only
from units about that place, or units whose passage names it."""

from __future__ import annotations

from answer.features import Candidate
from answer.guards import PlaceScope
from lixia_qa.types import AnswerUnit, Chunk, Place

PROVINCE = Place("浙江省")
CITY = Place("浙江省", "杭州市")
DISTRICT = Place("浙江省", "杭州市", "西湖区")
OTHER = Place("浙江省", "杭州市", "上城区")


def cand(text: str, place: Place, passage: str | None = None) -> Candidate:
    unit = AnswerUnit("d~1", "d", text, 0, len(text), "sentence", place=place)
    chunk = Chunk("d#1", "d", passage or text, 0, len(passage or text))
    return Candidate(row=0, unit=unit, chunk=chunk)


def test_asked_keeps_the_narrowest_related_place() -> None:
    scope = PlaceScope([DISTRICT, CITY, Place()])
    assert scope.asked("杭州市西湖区去年人口多少") == (DISTRICT,)
    assert scope.asked("杭州市今年的生产总值") == (CITY,)
    assert scope.asked("浙江省的生产总值") == (PROVINCE,)  # documents lie inside it
    assert scope.asked("宁波市的生产总值") == ()  # no document about it: the guard's case
    assert scope.asked("去年的生产总值是多少") == ()


def test_allows_units_about_the_asked_place_or_naming_it() -> None:
    asked = (DISTRICT,)
    assert PlaceScope.allows(cand("全区生产总值增长5%。", DISTRICT), asked)
    assert PlaceScope.allows(cand("生产总值增长5%。", Place()), asked)  # place unknown
    assert not PlaceScope.allows(cand("全市生产总值增长6%。", CITY), asked)
    assert not PlaceScope.allows(cand("全区生产总值增长7%。", OTHER), asked)
    # a city's passage that speaks of the district may answer for it
    passage = "西湖区生产总值增长8%，居全市前列。"
    assert PlaceScope.allows(cand("居全市前列。", CITY, passage), asked)
    assert PlaceScope.allows(cand("全市生产总值增长6%。", CITY), ())  # no place asked


def test_a_question_is_off_topic_only_when_no_part_of_its_words_is_known() -> None:
    """济南明天会下雨吗 is declined at once (下雨 is no word of the documents); 住在城镇的人
    is not, although jieba joins 在城镇 into one word the documents never use: its part
    城镇 is theirs."""
    from answer.analyse import analyse
    from answer.guards import Guards
    from answer.sentences import TermWeights
    from store.tokenize import ChineseTokenizer

    tokenizer = ChineseTokenizer()
    weights = TermWeights(["年末全市城镇常住人口477.3万人，常住人口城镇化率为67.42%。"])
    guards = Guards(weights, ["济南"], tokenizer)
    rain = analyse("济南明天会下雨吗", tokenizer, 2023)
    assert guards.off_topic(rain) == ["下雨"]
    town = analyse("济南住在城镇的人占比多少", tokenizer, 2023)
    assert "在城镇" in town.terms and guards.off_topic(town) == []
