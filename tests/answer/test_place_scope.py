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
    # no document is about 宁波市 or a place in or around it: named in full, it is asked
    # all the same, and only passages naming it answer for it
    assert scope.asked("宁波市的生产总值") == (Place("浙江省", "宁波市"),)
    assert scope.asked("去年的生产总值是多少") == ()


def test_a_name_several_districts_share_is_the_one_the_documents_are_about() -> None:
    """鼓楼区 is a district of several cities: asked over documents about one of them
    (or a city holding one), it is that city's; over other documents, none. Only a full
    name is read so."""
    gulou = Place("福建省", "福州市", "鼓楼区")
    scope = PlaceScope([gulou, Place("广东省", "佛山市", "顺德区")])
    assert scope.asked("鼓楼区今年新建几所学校") == (gulou,)
    (inside,) = PlaceScope([Place("江苏省", "南京市")]).asked("鼓楼区今年新建几所学校")
    assert inside.name == "鼓楼区" and inside.city == "南京市"
    assert PlaceScope([DISTRICT]).asked("鼓楼区今年新建几所学校") == ()
    # a short form (宝山 of 宝山区, 安宁 of 安宁市) is too often part of another name
    baoshan = PlaceScope([Place("上海市", "上海市", "宝山区")])
    assert baoshan.asked("宝山镇位于哪个省") == ()


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


def test_a_unit_naming_its_own_place_answers_for_no_other_beside_it() -> None:
    """A city's list of offices: the line naming 上城区 answers for no question on 西湖区,
    though its passage names 西湖区 too; a line naming no district still may."""
    asked = (DISTRICT,)
    passage = "上城区民政局电话：1234567。西湖区民政局地址：某路1号。"
    assert not PlaceScope.allows(cand("上城区民政局电话：1234567。", OTHER, passage), asked)
    assert PlaceScope.allows(cand("西湖区民政局地址：某路1号。", DISTRICT, passage), asked)
    assert PlaceScope.allows(cand("上城区民政局电话：1234567。", OTHER, passage), (CITY,), True)
    city = "杭州市民政局电话：7654321。" + passage
    assert not PlaceScope.allows(cand("杭州市民政局电话：7654321。", CITY, city), asked)
    town = Place("浙江省", "杭州市", "西湖区", "翠苑街道")
    area = "西湖区在翠苑街道建成口袋公园3个。"
    assert PlaceScope.allows(cand(area, DISTRICT, area), (town,))


def test_a_zone_of_the_city_is_not_answered_with_the_citys_figure() -> None:
    """杭州高新区 is a part of the city (no division of the gazetteer): the city's own
    figure does not answer it, a passage naming the zone may."""
    scope = PlaceScope([CITY])
    (zone,) = scope.asked("杭州高新区去年生产总值多少")
    assert zone.within(CITY) and zone.name == "高新区"
    assert not PlaceScope.allows(cand("全市生产总值增长6%。", CITY), (zone,))
    passage = "高新区生产总值增长9%，居全市首位。"
    assert PlaceScope.allows(cand("居全市首位。", CITY, passage), (zone,))
    # a zone written short in the question and in full in the passage (经开区)
    (dev,) = scope.asked("杭州经开区产值多少")
    full = "杭州经济技术开发区产值达到280亿元。"
    assert PlaceScope.allows(cand("产值达到280亿元。", CITY, full), (dev,))
    # a zone's own name (杭州东部新区); a bare 新区 after the city is no zone
    assert scope.asked("杭州东部新区建了几所学校")[0].name == "东部新区"
    assert scope.asked("杭州市新区建设进展") == (CITY,)


def test_a_passage_naming_the_place_as_a_question_would_may_answer_for_it() -> None:
    """A question read 双流 in 双流机场 as 双流区; a city's passage on 双流国际机场 names it
    the same way, so it may answer for it (it is read as loosely as the question)."""
    city = Place("四川省", "成都市")
    scope = PlaceScope([city])
    (district,) = scope.asked("双流机场去年旅客吞吐量多少")
    assert district.name == "双流区"
    passage = "双流国际机场旅客吞吐量4011.7万人次，居全国第二。"
    assert PlaceScope.allows(cand("居全国第二。", city, passage), (district,))
    assert not PlaceScope.allows(cand("全市旅客吞吐量增长6%。", city), (district,))


def test_a_place_inside_the_asked_one_answers_all_but_figures() -> None:
    """An event of a town answers a question about its district (who spoke, when it
    was); a town's figure is no district's, so figure questions leave it out."""
    town = Place("浙江省", "杭州市", "西湖区", "转塘街道")
    event = cand("转塘街道书画展由区书法家协会秘书长王某某主持。", town)
    assert PlaceScope.allows(event, (DISTRICT,), inside=True)
    assert not PlaceScope.allows(event, (DISTRICT,))  # figure questions
    assert not PlaceScope.allows(event, (OTHER,), inside=True)
    assert not PlaceScope.allows(cand("全市生产总值增长6%。", CITY), (DISTRICT,), inside=True)


def test_a_town_known_only_by_its_own_name_is_asked_when_named() -> None:
    """A town's report naming neither its county nor its city (青禾镇) is about the place a
    question names it by (某市青禾镇镇长叫啥, 青禾的镇长), and about no other town's."""
    town = Place(town="青禾镇")
    scope = PlaceScope([town, Place(province="云岭省", city="青山市")])
    assert town in scope.asked("青山市青禾镇镇长叫啥")
    assert town in scope.asked("青禾的镇长是谁")
    assert town not in scope.asked("青山市光村镇的镇长是谁")
    unit = AnswerUnit("d~0", "d", "青禾镇人民政府镇长王明", 0, 11, "heading", place=town)
    assert PlaceScope.allows(Candidate(0, unit, None), scope.asked("青山市青禾镇镇长叫啥"))


def test_a_place_no_document_is_about_is_answered_only_by_passages_naming_it() -> None:
    """A neighbouring county's bulletin mentions 绥芬河市 once: a question about 绥芬河市
    asks it (by its full name), and a unit of the bulletin about its own county does not
    answer for it unless its passage names it. A short form is too often part of a local
    name (长岭高科片区) or another word (新建 of 新建几所学校) to ask a place so."""
    dongning = Place("黑龙江省", "牡丹江市", "东宁市")
    scope = PlaceScope([dongning])
    (asked,) = scope.asked("绥芬河市2022年末户籍人口多少人")
    assert asked.name == "绥芬河市"
    (full,) = scope.asked("南昌县2023年财政总收入多少钱")
    assert full.name == "南昌县"
    assert scope.asked("今年新建几所学校") == ()
    assert scope.asked("长岭高科那两大产业集群是啥") == ()
    # beside a place a document is about, it is no place asked; nor, where the guard
    # left it to documents naming no place, one the documents never name
    assert scope.asked("东宁市和绥芬河市2022年末户籍人口") == (dongning,)
    assert scope.asked("绥芬河市2022年末户籍人口多少人", plain=False) == ()
    own = cand("截止2022年末，全市户籍人口196258人。", dongning)
    assert not PlaceScope.allows(own, (asked,))
    beside = cand(
        "绥芬河市户籍人口17万人。", dongning, "东宁市与绥芬河市相邻。绥芬河市户籍人口17万人。"
    )
    assert PlaceScope.allows(beside, (asked,))
    # the short form inside a local name (绥芬河口岸) names it too
    port = cand("口岸过货量增长5%。", dongning, "绥芬河口岸过货量增长5%。")
    assert PlaceScope.allows(port, (asked,))
