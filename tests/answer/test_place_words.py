"""A question naming a place whose words only other places' documents use is declined:
the documents do speak of it, but never for that place. Bulletins of two districts
written for the test."""

from __future__ import annotations

import pytest

from answer.analyse import analyse
from answer.guards import Guards, PlaceScope, one_area
from answer.sentences import TermWeights
from lixia_qa.types import Place
from store.tokenize import ChineseTokenizer
from tests.answer.small_service import small_service

BAITA = """白塔区2023年国民经济和社会发展统计公报

2023年，全区平均气温9.8摄氏度，全年降水量650毫米。全年粮食产量8.2万吨。
"""
WENSHENG = """文圣区2023年国民经济和社会发展统计公报

2023年，全区粮食产量6.4万吨，比上年增长3%。全年新增城镇就业2100人。
"""

PROVINCE = Place("辽宁省")
CITY = Place("辽宁省", "辽阳市")
DISTRICT = Place("辽宁省", "辽阳市", "文圣区")
OTHER = Place("辽宁省", "辽阳市", "白塔区")


def test_the_documents_that_may_speak_for_a_place() -> None:
    """Those about it or a place inside it, those whose place is not known, and those
    naming it by either form; not those about another place or the place around it."""
    docs = [
        (DISTRICT, "区内文本"),
        (OTHER, "另一区"),
        (CITY, "全市文本"),
        (CITY, "文圣区降水量最多"),
        (PROVINCE, "辽阳全市"),
        (Place(), "不知何处"),
    ]
    assert PlaceScope.documents(docs, (DISTRICT,)) == ["区内文本", "文圣区降水量最多", "不知何处"]
    assert PlaceScope.documents(docs, (CITY,)) == [
        "区内文本",
        "另一区",
        "全市文本",
        "文圣区降水量最多",
        "辽阳全市",
        "不知何处",
    ]


def test_words_are_looked_for_in_the_asked_places_documents() -> None:
    """气温 is used, by the other district's bulletin: asked of 文圣区, whose documents
    never use it, the question is off topic; a word its documents use is not, nor is the
    place's own name a topic."""
    tokenizer = ChineseTokenizer()
    guards = Guards(TermWeights([BAITA, WENSHENG]), (), tokenizer)
    question = analyse("文圣区的平均气温多少度", tokenizer, None)
    assert guards.off_topic(question) == []  # some document uses it
    own = [WENSHENG.lower()]
    assert guards.off_topic(question, (DISTRICT,), "\n".join(own).__contains__) != []
    grain = analyse("文圣区粮食产量多少", tokenizer, None)
    assert guards.off_topic(grain, (DISTRICT,), "\n".join(own).__contains__) == []


def test_a_word_the_corpus_knows_only_by_its_parts_is_not_declined_for_a_place() -> None:
    """小学生 is no word of either bulletin; one says 小学 and 学生, the other 小学 and
    在校生. Asked of the second, the question is left to the reader: no document speaks
    of 小学生 as such, so its absence says nothing of the place."""
    tokenizer = ChineseTokenizer()
    baita = "白塔区有小学12所，在校学生8000人。"
    wensheng = "文圣区有小学9所，在校生6000人。"
    guards = Guards(TermWeights([baita, wensheng]), (), tokenizer)
    question = analyse("文圣区的小学生有多少", tokenizer, None)
    assert "小学生" in question.terms
    assert guards.off_topic(question, (DISTRICT,), wensheng.lower().__contains__) == []


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    docs = {"baita_2023.txt": BAITA, "wensheng_2023.txt": WENSHENG}
    return small_service(tmp_path_factory.mktemp("place_words"), docs)


def test_a_topic_only_another_place_speaks_of_is_declined(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask("文圣区的平均气温多少度")
    assert answer.abstained, answer.text
    assert "关于文圣区“" in answer.text and "气温" in answer.text
    assert "9.8" not in answer.text


def test_the_place_that_speaks_of_it_is_answered(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask("白塔区的平均气温是多少")
    assert not answer.abstained, answer.text
    assert "9.8摄氏度" in answer.text
    assert answer.citations[0].doc_id == "baita_2023.txt"


def test_only_the_places_own_name_is_no_topic() -> None:
    """周口 and 周口市 name the place asked; a longer word holding the name
    (周口师范学院) is what the question is about, and is looked for."""
    from answer.guards import _is_name_of

    city = Place("河南省", "周口市")
    assert _is_name_of("周口", city) and _is_name_of("周口市", city)
    assert not _is_name_of("周口师范学院", city)


BAITA_GUIDE = """白塔区残疾人证办理指南

办理地点：白塔区政务服务中心一楼5号窗口
办理时限：即办
收费标准：免费
"""
WENSHENG_NEWS = """文圣区残疾人工作简报

今年文圣区为辖区残疾人办理残疾证320本，开展上门评残服务46次。
"""


def test_a_guide_field_is_answered_by_the_asked_places_guide(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """文圣区 has no guide: asked of 文圣区, the other district's guide (免费) does not
    answer; asked of 白塔区, its guide does."""
    service = small_service(tmp_path, {"b.txt": BAITA_GUIDE, "w.txt": WENSHENG_NEWS})
    assert "免费" not in service.ask("文圣区办残疾证要钱吗").text
    assert "免费" in service.ask("白塔区办残疾证要钱吗").text


NOTICE = """关于印发2025年区政府实事项目的通知

文政办发〔2025〕6号

各街道办事处：现将《2025年区政府实事项目》印发给你们，请认真组织实施。

文圣区人民政府办公室

2025年3月17日

一、新增1家社区长者食堂。
"""


def test_a_place_asked_is_the_documents_place_not_a_word_of_its_title(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """文圣区 is not in the notice's title (关于印发…的通知), but the notice is about
    文圣区: asked its number, the notice answers, though other districts' documents
    make 实事项目 a common word and 文圣区 a rare one."""
    others = {f"b{i}.txt": f"白塔区2025年实事项目之{i}：新建公园{i}个。" for i in range(4)}
    service = small_service(tmp_path, {"n.txt": NOTICE, **others})
    assert "文政办发〔2025〕6号" in service.ask("文圣区实事项目的文号是多少").text


FEES = """殡葬服务收费标准

遗体火化费：每具120元。
骨灰寄存费：每年30元，不足半年按半年计算。
"""


ZHOUKOU = """周口市2023年国民经济和社会发展统计公报

2023年，全市粮食产量905万吨，比上年增长1.2%。
"""


@pytest.fixture(scope="module")
def unplaced(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A city's fee table that never names its city, beside two other cities' bulletins."""
    docs = {"fees.txt": FEES, "baita_2023.txt": BAITA, "zhoukou_2023.txt": ZHOUKOU}
    return small_service(tmp_path_factory.mktemp("unplaced"), docs)


def test_one_areas_documents() -> None:
    """Documents all in or around one city are that area's own; a document naming no place
    among them is too. Documents of several cities, or none with a place, are not."""
    assert one_area([DISTRICT, OTHER, CITY, PROVINCE, Place()])
    assert one_area([Place("北京市", "", "朝阳区"), Place("北京市", "", "海淀区")])
    assert not one_area([DISTRICT, Place("河南省", "周口市")])
    assert not one_area([CITY, Place("辽宁省", "沈阳市")])
    assert not one_area([Place(), Place()])


def test_in_one_areas_folder_a_foreign_place_is_declined(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The fee table beside 白塔区's bulletin alone is 白塔区's: 保定市 is declined."""
    service = small_service(tmp_path, {"fees.txt": FEES, "baita_2023.txt": BAITA})
    answer = service.ask("保定市遗体火化费每具多少钱")
    assert answer.abstained and "关于保定市的信息" in answer.text, answer.text


def test_a_place_no_document_names_may_be_that_of_a_document_naming_none(unplaced) -> None:  # type: ignore[no-untyped-def]
    answer = unplaced.ask("保定市遗体火化费每具多少钱")
    assert not answer.abstained, answer.text
    assert "120元" in answer.text and answer.citations[0].doc_id == "fees.txt"


def test_only_the_documents_naming_no_place_answer_for_it(unplaced) -> None:  # type: ignore[no-untyped-def]
    """白塔区's bulletin says 粮食产量; 保定市's question is no question about 白塔区."""
    answer = unplaced.ask("保定市全年粮食产量多少")
    assert answer.abstained, answer.text
    assert "8.2万吨" not in answer.text and "保定市" in answer.text


NEWS = """（通讯员王晓林）4月11日，在大竹经开区"引水入竹"项目建设现场，工人正在作业。

据悉，该县全年民生支出达48亿元。大竹县地处川东，"引水入竹"项目大竹段年内完工。
"""


def test_a_document_placed_nowhere_that_speaks_of_another_county_answers_not_for_it(
    tmp_path,
) -> None:  # type: ignore[no-untyped-def]
    """大竹县's news, placed nowhere (its title names no place), names 大竹县 in full and
    大竹 again: it says nothing of 渠县, which no document names; the fee table beside it,
    naming no place at all, still may."""
    from ingest.places import evident_places

    assert [p.county for p in evident_places(NEWS)] == ["大竹县"]
    assert evident_places(FEES) == ()
    docs = {"news.txt": NEWS, "fees.txt": FEES, "z.txt": ZHOUKOU, "b.txt": BAITA}
    service = small_service(tmp_path, docs)
    answer = service.ask("渠县民生支出有多少")
    assert answer.abstained and "48亿元" not in answer.text, answer.text
    assert "120元" in service.ask("渠县遗体火化费每具多少钱").text


def test_a_place_no_document_names_is_declined_when_every_place_is_known(service) -> None:  # type: ignore[no-untyped-def]
    answer = service.ask("保定市全年粮食产量多少")
    assert answer.abstained and "关于保定市的信息" in answer.text, answer.text


OFFICES = """辽阳市老年人优待证办理

年满65周岁的辽阳市户籍老人可申请办理老年人优待证。
各区民政局地址：
白塔区民政局地址：民主路36号，电话：2120886。
文圣区民政局地址：新华路108号。
"""


def test_a_phone_labelled_for_another_district_answers_no_other() -> None:
    """The city's page labels 白塔区's number only: asked of 文圣区, that line is no guide
    field of its; asked of 白塔区 or of the city, it is."""
    from answer.answerer import _field_for
    from answer.guidefields import CONTACT
    from ingest.metadata import describe

    doc = describe("o.txt", OFFICES, "h")
    city = Place("辽宁省", "辽阳市")
    assert doc.place == city
    assert _field_for(doc, CONTACT, (Place("辽宁省", "辽阳市", "文圣区"),)) is None
    for asked in ((Place("辽宁省", "辽阳市", "白塔区"),), (city,), ()):
        span = _field_for(doc, CONTACT, asked)
        assert span is not None and "2120886" in OFFICES[span[0] : span[1]], asked


def test_a_documents_county_opening_a_question_by_a_common_words_form() -> None:
    """新兴 is a common word and 新兴县's short form: a question opening with it before a
    year or a time word is about the county a document is about; 新兴产业 is a word."""
    county = Place("广东省", "云浮市", "新兴县")
    scope = PlaceScope([county])
    assert scope.asked("新兴去年经济总量大概多少钱") == (county,)
    assert scope.asked("新兴2022年常住人口多少") == (county,)
    assert scope.asked("新兴产业有哪些") == ()
