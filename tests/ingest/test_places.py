"""Which places a text names, and the place of a document and of its units.

The gazetteer here is invented (云岭省 and its cities); one test checks the shipped one.
"""

import pytest

from ingest.places import (
    Gazetteer,
    document_place,
    gazetteer,
    places_in,
    short_forms,
    unit_place,
    zone_forms,
    zones_in,
)
from lixia_qa.types import Place

GAZ = Gazetteer(
    [
        ("910000", "云岭省"),
        ("910100", "青禾市"),
        ("910102", "松涛区"),
        ("910103", "鼓岩区"),
        ("910121", "大兴县"),
        ("910200", "石门市"),
        ("910202", "鼓岩区"),
        ("910203", "和平区"),
        ("913100", "峡江苗族侗族自治州"),
        ("913101", "凯岭市"),
        ("920000", "沧澜市"),
        ("920101", "东湖区"),
    ]
)
YUNLING = Place("云岭省")
QINGHE = Place("云岭省", "青禾市")
SONGTAO = Place("云岭省", "青禾市", "松涛区")


def names(text: str, **kw: object) -> list[tuple[str, ...]]:
    return [p.names for p in places_in(text, gaz=GAZ, **kw)]  # type: ignore[arg-type]


def test_full_names_are_completed_upward() -> None:
    assert names("青禾市松涛区今年新建学校3所") == [QINGHE.names, SONGTAO.names]
    assert names("沧澜市东湖区") == [("沧澜市",), ("沧澜市", "东湖区")]  # a municipality
    assert places_in("东湖区", gaz=GAZ)[0] == Place("沧澜市", "沧澜市", "东湖区")


def test_short_forms() -> None:
    assert short_forms("峡江苗族侗族自治州", 1) == ("峡江", "峡江州")
    assert short_forms("云岭省", 0) == ("云岭",)
    assert short_forms("松涛区", 2) == ("松涛",)
    # an autonomous county may name its group without 族 (哈萨克自治县, 锡伯自治县)
    assert short_forms("青岭哈萨克自治县", 2) == ("青岭",)
    assert short_forms("青岭锡伯自治县", 2) == ("青岭",)
    assert short_forms("鄂伦春自治旗", 2) == ("鄂伦春",)  # the group is all its name
    assert short_forms("沂水县", 2) == ("沂水",)  # 水 is no group here: it has no 族
    # a banner of a side and a position is also written with its name's first character
    assert short_forms("青岭右翼前旗", 2) == ("青岭右翼前", "青右前旗")
    assert short_forms("青岭左旗", 2) == ("青岭左", "青左旗")
    assert short_forms("青岭旗", 2) == ("青岭",)
    assert names("青禾今年的粮食产量") == [QINGHE.names]  # unknown to jieba: a place
    assert names("峡江州2021年") == [("云岭省", "峡江苗族侗族自治州")]


def test_a_citys_short_form_jieba_takes_for_a_rare_name_is_the_city() -> None:
    """jieba's dictionary tags 商洛 and 宿迁 as persons' names: in a document's title they
    are still the cities; a county's so tagged (卫东) is part of a person's name."""
    assert places_in("2023年商洛居民人均可支配收入增长7.7%") == (Place("陕西省", "商洛市"),)
    assert places_in("宿迁全年粮食产量") == (Place("江苏省", "宿迁市"),)
    assert places_in("记者张卫东报道") == ()


def test_a_short_form_that_is_a_word_is_no_place() -> None:
    assert names("听松涛阵阵") == []  # a word (jieba: a name) in running text
    assert names("松涛那边新建了几所学校", loose=True) == [SONGTAO.names]  # typed in a question
    for text in ("大兴调查研究之风", "维护世界和平"):
        assert names(text) == [] and names(text, loose=True) == []
    assert names("大兴县") == [("云岭省", "青禾市", "大兴县")]


def test_a_road_named_after_a_place_and_a_boundarys_side_are_no_place() -> None:
    """松涛路 is a road of wherever the text is (a street named after a place), 松涛街道 a
    sub-district of 松涛区; 南至 is one side of a boundary when another side follows (四至:
    南至松涛路，北至和平街), the county only when named so or met alone."""
    gaz = Gazetteer(
        [("910000", "云岭省"), ("910100", "青禾市"), ("910102", "松涛区"), ("910122", "南至县")]
    )
    for road in ("松涛路", "松涛大道", "松涛大街", "松涛街", "松涛巷"):
        assert [p.names for p in places_in(f"住在{road}附近", gaz=gaz)] == [], road
    assert [p.names for p in places_in("松涛街道办事处", gaz=gaz, loose=True)] == [SONGTAO.names]
    boundary = "禁放区域：南至大兴路，北至崇文大道。"
    assert places_in(boundary, gaz=gaz) == places_in(boundary, gaz=gaz, loose=True) == ()
    south = ("云岭省", "青禾市", "南至县")
    assert [p.names for p in places_in("南至县人民政府", gaz=gaz)] == [south]
    assert [p.names for p in places_in("南至去年新建学校3所", gaz=gaz)] == [south]


def test_a_short_form_with_its_divisions_suffix_names_it() -> None:
    """An autonomous county is written with its short form and its suffix (凤溪县 for
    凤溪彝族自治县), even when the short form alone reads as a word or a name."""
    gaz = Gazetteer([("910000", "云岭省"), ("910100", "青禾市"), ("910123", "松涛彝族自治县")])
    county = ("云岭省", "青禾市", "松涛彝族自治县")
    assert [p.names for p in places_in("松涛县民政局六楼", gaz=gaz)] == [county]
    assert places_in("听松涛阵阵", gaz=gaz) == ()
    assert places_in("松涛区", gaz=gaz) == ()  # another suffix: no division of that name


def test_a_prefectures_name_jieba_knows_as_a_verb_is_its_city_in_a_question() -> None:
    """保定 and 开封 are verbs to jieba's dictionary but name cities in a question, unless
    used as a verb (开封后); a county's name gets no such reading (心态平和)."""
    gaz = Gazetteer(
        [("930000", "燕山省"), ("930600", "保定市"), ("930700", "开封市"), ("930721", "平和县")]
    )

    def read(text: str, loose: bool = True) -> list[tuple[str, ...]]:
        return [p.names for p in places_in(text, gaz=gaz, loose=loose)]

    assert read("保定2022年的GDP是多少") == [("燕山省", "保定市")]
    assert read("开封有几个区") == [("燕山省", "开封市")]
    assert read("药品开封后要冷藏吗") == []
    assert read("保持心态平和") == []
    assert read("保定2022年的GDP", loose=False) == []  # running text is read strictly


def test_a_shared_name_is_read_within_its_context() -> None:
    assert names("鼓岩区") == []  # two cities have one
    assert names("石门市鼓岩区") == [("云岭省", "石门市"), ("云岭省", "石门市", "鼓岩区")]
    assert names("鼓岩区", context=QINGHE) == [("云岭省", "青禾市", "鼓岩区")]


def test_document_place_order() -> None:
    bulletin = document_place("2022年青禾市国民经济和社会发展统计公报", "", (), GAZ)
    assert bulletin == QINGHE
    # a title opening with a city and then its district is about the district
    district = document_place("2024年青禾市松涛区民生实事项目", "", (), GAZ)
    assert district == SONGTAO
    assert document_place("青禾市 松涛区 通知", "", (), GAZ) == SONGTAO
    # names that do not nest: the first is the subject (石门 here names a road)
    assert document_place("青禾市石门路改造完工", "", (), GAZ) == QINGHE
    # a place named inside the title is an object; the site says whose page it is
    visit = document_place("市长会见沧澜市客商", "", ("", "青禾市人民政府门户网站"), GAZ)
    assert visit == QINGHE
    town = document_place("文化站开展读书活动", "", ("白鹭镇", "青禾市松涛区人民政府"), GAZ)
    assert town == Place("云岭省", "青禾市", "松涛区", "白鹭镇")
    text = "松涛区新建学校。松涛区改造道路。青禾市表彰了松涛区。"
    assert document_place("工作简报", text, (), GAZ) == SONGTAO
    # the one place a text names at all, by its full name: a city, or a county with its
    # city; a county's name alone, or two places named once each, say nothing
    assert document_place("工作简报", "石门市一句。", (), GAZ) == Place("云岭省", "石门市")
    assert document_place("工作简报", "请选择“青禾市松涛区”。", (), GAZ) == SONGTAO
    assert document_place("工作简报", "松涛区一句。", (), GAZ) == Place()
    assert document_place("工作简报", "石门市一句，青禾市一句。", (), GAZ) == Place()
    # a county named twice outside the city the text is about is no place of it
    other = "青禾市新建学校。青禾市改造道路。大兴县参观。大兴县座谈。青禾市表彰。"
    assert document_place("工作简报", other, (), GAZ) == Place("云岭省", "青禾市", "大兴县")
    away = "石门市新建学校。石门市改造道路。大兴县参观。大兴县座谈。石门市表彰。"
    assert document_place("工作简报", away, (), GAZ) == Place("云岭省", "石门市")


def test_unit_place_narrows_to_one_place_inside_the_document() -> None:
    assert unit_place("松涛区实现地区生产总值120亿元。", QINGHE, GAZ) == SONGTAO
    assert unit_place("松涛区、鼓岩区共新建学校5所。", QINGHE, GAZ) == QINGHE
    assert unit_place("与石门市签订合作协议。", QINGHE, GAZ) == QINGHE
    assert unit_place("全年粮食产量12万吨。", QINGHE, GAZ) == QINGHE


def test_within() -> None:
    assert SONGTAO.within(QINGHE) and SONGTAO.within(YUNLING) and QINGHE.within(QINGHE)
    assert not QINGHE.within(SONGTAO)  # a city's figure does not answer for its district
    assert not Place("云岭省", "石门市").within(QINGHE)
    assert not SONGTAO.within(Place())


@pytest.mark.parametrize("level", [0, 1, 2])
def test_the_shipped_gazetteer_nests(level: int) -> None:
    gaz = gazetteer()
    divisions = [d for d in gaz.by_code.values() if d.level == level]
    assert len(divisions) > {0: 30, 1: 300, 2: 2800}[level]
    for d in divisions:
        place = gaz.place(d)
        assert place.province and place.name == d.name


def test_zones_named_after_their_city() -> None:
    def zones(text: str) -> tuple[Place, ...]:
        return zones_in(text, GAZ)

    assert zones("青禾高新区今年招商") == (Place("云岭省", "青禾市", "高新区"),)
    assert zones("青禾市经济技术开发区") == (Place("云岭省", "青禾市", "经济技术开发区"),)
    assert zones("沧澜经开区") == (Place("沧澜市", "", "经开区"),)  # a municipality
    assert zones("青禾东部新区")[0].within(QINGHE)
    assert zones("高新区今年招商") == ()  # no city before it
    assert zones("青禾的开发区有几个") == ()
    assert zones("青禾市新区建设") == ()  # a 新区 has a name
    assert zones("青禾松涛新区") == ()  # named after a district: that district


def test_a_zone_is_written_short_or_in_full() -> None:
    assert zone_forms("青禾经开区") == ("青禾经开区", "青禾经济技术开发区", "青禾经济开发区")
    assert zone_forms("青禾高新技术产业开发区")[:2] == ("青禾高新技术产业开发区", "青禾高新区")
    assert zone_forms("东部新区") == ("东部新区",)


def test_a_title_naming_a_body_between_a_region_and_a_city_in_it_is_about_the_city() -> None:
    # a corps' division between the region and the city it runs: the bulletin is the city's
    title = "新疆生产建设兵团第二师铁门关市2022年国民经济和社会发展统计公报"
    assert document_place(title, "").county == "铁门关市"
    # a subject after 关于 is not what the title opens with
    assert document_place("山东省人民政府关于济南市历下区调整的批复", "").county == ""


def test_a_county_the_text_names_twice_inside_the_place_it_names_most() -> None:
    """A report titled only 政府工作报告, read as 山东省's from its text, says 五莲 (a
    person's name to jieba) twice: it is 五莲县's. A text naming two counties, or a place
    its title states, is not narrowed so."""
    text = "山东省委部署。山东省经济稳中向好。五莲发展取得新成效，五莲人民团结奋进。"
    assert document_place("政府工作报告", text) == Place("山东省", "日照市", "五莲县")
    two = text + "岚山也是。"
    assert document_place("政府工作报告", two).county == ""
    assert document_place("日照市政府工作报告", text) == Place("山东省", "日照市")


def test_a_town_named_after_the_titles_year_is_read_without_it() -> None:
    """2024年青禾镇人民政府工作报告 is issued by 青禾镇, not by 年青禾镇."""
    assert document_place("2024年青禾镇人民政府工作报告", "", (), GAZ).town == "青禾镇"


@pytest.mark.parametrize(
    ("text", "named", "not_named"),
    [
        ("三秦都市报讯 咸阳市淳化县十里塬镇", "淳化县", "秦都区"),  # 秦都 ends inside 都市报
        ("去哪些大城市找投资", "", "大城县"),  # 大城 ends inside 大城市
        ("要清理整治多少条河", "", "治多县"),  # 治多 ends inside 多少
        ("2024年历下推进重点项目", "历下区", ""),  # 年历 joins the name's first character only
        ("2023年历下城区绿化覆盖率", "历下区", "下城区"),  # 下城区 is a place name itself
        ("东至今年新建学校3所", "东至县", ""),  # 东至/今年, not 东/至今/年
    ],
)
def test_a_short_form_ending_inside_a_word_is_no_place(
    text: str, named: str, not_named: str
) -> None:
    """A short form whose last character starts another word (秦都 in 三秦都市报) names no
    place; what precedes it may join its first character."""
    counties = [p.county for p in places_in(text, loose=True)]
    assert (named in counties if named else not counties) and not_named not in counties


def test_a_short_form_of_a_city_and_a_county_inside_it_is_the_city() -> None:
    """岳阳 names 岳阳市 and 岳阳县 inside it: said alone it is the city, the county is
    said in full; 吉林 (a province and a city) stays ambiguous."""
    assert [p.names for p in places_in("岳阳的老人", loose=True)] == [("湖南省", "岳阳市")]
    assert places_in("岳阳县 2023年末 常住人口", loose=True)[0].county == "岳阳县"
    assert places_in("许昌2024年职业技能培训", loose=True)[0].city == "许昌市"
    assert places_in("吉林今年", loose=True) == ()


def test_a_county_said_only_by_a_frequent_word_does_not_place_a_text() -> None:
    """新建 is 新建区's short form and a frequent word (新建改造, 新建学校): a text that never
    says 新建区 is not placed there by it."""
    text = "聚焦农业增效益。新建改造农村电力线路。新建宜居宜业和美乡村。新建笼式运动场5个。"
    assert document_place("", text, ()).county != "新建区"  # the real gazetteer


def test_a_county_s_short_form_that_is_a_frequent_word_names_it_only_near_it() -> None:
    """新建 (新建区's short form, and the verb of 新建2.3万亩高标准农田) places a sentence of a
    text about no place near it nowhere; in a text about its city it still names the
    district, and a prefecture's short form (湘西) always names its prefecture."""
    text = "加快促进农业高质高效，新建2.3万亩高标准农田，启动泵站建设。"
    assert places_in(text) == ()
    assert unit_place(text, Place()) == Place()
    city = Place("江西省", "南昌市", "", "")
    assert [p.county for p in places_in("新建实现生产总值500亿元。", city)] == ["新建区"]
    assert [p.city for p in places_in("湘西2013年统计公报")] == ["湘西土家族苗族自治州"]


def test_a_district_named_as_any_city_s_old_town_places_no_text() -> None:
    """老城区 (and its short form 老城) is any city's old town as well as a district's name:
    a work report that says 让老城区焕发新活力 and 推进老城微治理 is not placed in that
    district; one saying the district with its prefecture is."""
    text = "努力让老城区焕发新活力、展现新气象。扎实推进老城“微治理”。新建高标准农田2万亩。"
    assert document_place("", text, ()).county != "老城区"  # the real gazetteer
    assert document_place(text[:30], text, ()).county != "老城区"  # its opening as title
    named = "洛阳市老城区召开全区大会。老城区上下团结奋进，老城区经济增长5%。"
    assert document_place("", named, ()).county == "老城区"
    # in a text about its prefecture, the name alone is the district
    city = Place("河南省", "洛阳市", "", "")
    assert [p.county for p in places_in("老城区生产总值增长5%。", city)] == ["老城区"]
    assert places_in("老城区生产总值增长5%。") == ()


def test_a_town_named_after_a_county_is_that_town_and_a_county_named_alone_places_a_text() -> None:
    """长寿镇 and 南江镇 are towns of 平江县, not 长寿区 or 南江县; a text naming only 平江县 (in
    full, once) is about it; 会同 of 要会同县督查办 is a verb, not 会同县."""
    text = "2023年末，平江县辖2个街道、18个镇，即汉昌街道、长寿镇、南江镇、梅仙镇。"
    assert [p.county for p in places_in(text)] == ["平江县"]
    assert document_place("", text, ()).county == "平江县"
    verb = "县发改委要会同县督查落实办对相关工作进行督导。全县完成投资12亿元。"
    assert document_place("", verb, ()).county != "会同县"
    assert [p.names for p in places_in("长春城西镇临时救助", loose=True)] == [("吉林省", "长春市")]


def test_a_name_said_with_its_kind_of_autonomous_division_is_a_place() -> None:
    """湘西自治州 is one word to jieba: 湘西 ends inside it and still names the prefecture."""
    found = places_in("湘西自治州2013年国民经济和社会发展统计公报")
    assert [p.city for p in found] == ["湘西土家族苗族自治州"]


def test_a_county_named_in_full_with_its_city_places_a_text_beside_a_stray_short_form() -> None:
    """A news page naming 绍兴市新昌县 once, in full, is about it: a short form met once
    that lies in another province (海兴 of a 海兴社区) or a frequent word (新建) does not
    unplace it; a county named alone inside another word (模范县) still places nothing."""
    text = (
        "1月5日上午，在绍兴市新昌县某街道居民议事会上，八项民生实事项目正式出炉。"
        "新建海兴社区居家养老服务照料中心，新建老年食堂1家。"
    )
    assert document_place("开放式老旧小区暖心项目", text) == Place("浙江省", "绍兴市", "新昌县")
    lone = "获批全国全民运动健身模范县创建名单。新建改造农村电力线路。"
    assert document_place("工作回顾", lone) == Place()


def test_a_county_named_once_whose_short_form_jieba_takes_for_a_rare_name() -> None:
    """A bulletin naming 甘德县 once, in a table's caption, is about it: jieba knows 甘德
    only as a rare person's name, not as another word."""
    text = "2018年，全县经济平稳发展。\n2018年甘德县地区生产总值计算表\n| 项目 | 单位 | 总值 |"
    assert document_place("x", text).county == "甘德县"


def test_a_county_named_once_by_a_text_that_speaks_as_one() -> None:
    """A plan naming its 旗 once in full, its region twice, and speaking of itself as
    全旗 and 我旗 is the 旗's; a region's text saying 全区 is not narrowed to the one 区 it
    names once."""
    text = (
        "2024年是全面落实国务院推动内蒙古高质量发展意见的奋进之年。认真落实对内蒙古的重要指示精神，"
        "奋力开创现代化阿荣旗建设崭新局面。\n综合研判我旗经济社会发展面临的新形势，建议2024年全旗"
        "地区生产总值增长6.5%左右；全旗一般公共预算收入增长5%。"
    )
    assert document_place("x", text).county == "阿荣旗"
    # also under a title that states only the region
    assert document_place(text.split("。")[0], text).county == "阿荣旗"
    region = text.replace("阿荣旗", "九原区").replace("我旗", "我区").replace("全旗", "全区")
    assert document_place("x", region).county == ""
