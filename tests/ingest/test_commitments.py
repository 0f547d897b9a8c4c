"""Commitment records: parsing on text written here and on seed 003, and the filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from answer.records import filter_commitments
from ingest.commitments import parse_commitments, parse_record, split_names, task_span
from lixia_qa.types import Commitment

SEED_003 = Path(__file__).parents[2] / "seeds" / "003_8277ee0d660ee16d.txt"

# An invented district; every record shape the parser must handle appears once.
TEXT = (
    "（一）统筹发展和安全，筑牢发展基础。\n"
    "今年主要预期目标是：地区生产总值增长5%，（牵头领导：林一帆；责任单位：区发展和改革局）"
    "一般公共预算收入增长8%左右，（牵头领导：林一帆；责任单位：区财政局）"
    "新增城镇就业1.2万人。（牵头领导：周敏华；责任单位：区人力资源和社会保障局）\n"
    "全力稳定就业。持续深化企业包挂联系机制，切实解决企业用工问题。"
    "（牵头领导：林一帆；牵头单位：区发展和改革局；责任单位：区商务局、区工业和信息化局）"
    "推动重点群体就业帮扶全覆盖；（牵头领导：周敏华、陈向东;牵头单位：区人力资源和社会保障局;"
    "责任单位：区退役军人事务局）"
    "坚决打赢青石庄征收攻坚战，（牵头领导：陈向东；牵头单位：区住房和城市建设局；"
    "责任单位：区房屋征收服务中心，东湖、西岭、南关街道办事处，青山控股集团）"
    "做好古城规划（牵头领导：陈向东；责任单位：古城保护中心），让城市留住记忆。\n"
    "认真落实重大决策程序。加强政府信息公开(责任单位:区政府办公室;责任领导:林一帆)\n"
    "密切关注重大舆情。（牵头领导：区有关领导；配合单位：区委宣传部）（责任单位：区网信办）\n"
    "（此件公开发布）发挥“山东手造”（济南）展示中心作用。\n"
)


@pytest.fixture(scope="module")
def parsed() -> tuple[Commitment, ...]:
    return parse_commitments("t.txt", TEXT, lambda start: ("heading", str(start)))


def _by_task(items: tuple[Commitment, ...], prefix: str) -> Commitment:
    found = [c for c in items if c.task.startswith(prefix)]
    assert len(found) == 1, [c.task for c in items]
    return found[0]


def test_every_record_is_parsed_and_extra_records_merge(parsed: tuple[Commitment, ...]) -> None:
    # 10 records; the last one follows another directly and is merged into it.
    assert TEXT.count("单位") - TEXT.count("牵头单位") == 10
    assert len(parsed) == 9
    assert [c.start for c in parsed] == sorted(c.start for c in parsed)


def test_offsets_show_task_then_record(parsed: tuple[Commitment, ...]) -> None:
    for c in parsed:
        shown = TEXT[c.start : c.end]
        assert shown.startswith(c.task)
        assert shown[-1] in "）)"
        assert c.commitment_id == f"t.txt@{c.start}"
        assert c.doc_id == "t.txt"
        assert c.headings == ("heading", str(c.start))


def test_mid_sentence_records_split_the_targets(parsed: tuple[Commitment, ...]) -> None:
    first = _by_task(parsed, "地区生产总值")
    assert first.task == "地区生产总值增长5%"  # the 是： lead-in is not part of the task
    assert (first.leaders, first.units) == (("林一帆",), ("区发展和改革局",))
    second = _by_task(parsed, "一般公共预算")
    assert second.task == "一般公共预算收入增长8%左右"
    assert second.units == ("区财政局",)
    third = _by_task(parsed, "新增城镇就业")
    assert third.task == "新增城镇就业1.2万人。"


def test_topic_sentence_is_left_to_the_headings(parsed: tuple[Commitment, ...]) -> None:
    c = _by_task(parsed, "持续深化")
    assert c.task == "持续深化企业包挂联系机制，切实解决企业用工问题。"
    assert c.leaders == ("林一帆",)
    assert c.lead_units == ("区发展和改革局",)
    assert c.units == ("区商务局", "区工业和信息化局")


def test_half_width_semicolons_and_several_leaders(parsed: tuple[Commitment, ...]) -> None:
    c = _by_task(parsed, "推动重点群体")
    assert c.task == "推动重点群体就业帮扶全覆盖"  # trailing ； dropped
    assert c.leaders == ("周敏华", "陈向东")
    assert c.lead_units == ("区人力资源和社会保障局",)
    assert c.units == ("区退役军人事务局",)


def test_unit_groups_share_their_unit_type(parsed: tuple[Commitment, ...]) -> None:
    c = _by_task(parsed, "坚决打赢")
    assert c.units == (
        "区房屋征收服务中心",
        "东湖街道办事处",
        "西岭街道办事处",
        "南关街道办事处",
        "青山控股集团",
    )


def test_record_before_a_comma_and_ascii_record(parsed: tuple[Commitment, ...]) -> None:
    assert _by_task(parsed, "做好古城规划").task == "做好古城规划"
    ascii_record = _by_task(parsed, "加强政府信息公开")
    assert ascii_record.task == "加强政府信息公开"  # the sentence before it has no record
    assert ascii_record.leaders == ("林一帆",)  # 责任领导 after 责任单位
    assert ascii_record.units == ("区政府办公室",)


def test_adjacent_records_merge_and_field_aliases(parsed: tuple[Commitment, ...]) -> None:
    c = _by_task(parsed, "密切关注")
    assert c.leaders == ("区有关领导",)
    assert c.partner_units == ("区委宣传部",)  # 配合单位
    assert c.units == ("区网信办",)  # the record right after adds its names
    assert TEXT[c.end - 5 : c.end] == "区网信办）"


def test_parentheses_that_are_not_records_are_ignored(parsed: tuple[Commitment, ...]) -> None:
    assert not any("山东手造" in c.task or "此件" in c.task for c in parsed)


def test_split_names_keeps_he_inside_unit_names() -> None:
    assert split_names("区发展和改革局、区文化和旅游局") == ("区发展和改革局", "区文化和旅游局")
    assert split_names(" 区商务局 ，区商务局, 区财政局、") == ("区商务局", "区财政局")
    # The last item's type is shared by bare place names only, never by 区残联.
    assert split_names("区残联、区民政局") == ("区残联", "区民政局")


def test_parse_record_maps_field_names() -> None:
    leaders, lead_units, units = parse_record(
        "责任单位：区水务局；牵头领导：林一帆，周敏华；牵头部门：区应急管理局"
    )
    assert leaders == ("林一帆", "周敏华")
    assert lead_units == ("区应急管理局",)
    assert units == ("区水务局",)


def test_task_span_for_a_record_on_its_own_line() -> None:
    text = "上一句。推进青云湖片区建设，完成投资10亿元。\n（牵头领导：林一帆；责任单位：区财政局）"
    start, end = task_span(text, text.index("（"))
    assert text[start:end] == "推进青云湖片区建设，完成投资10亿元。"


def _seed_texts() -> list[object]:
    """Seed 003 as stored and, when the cleaner exists, as the pipeline sees it."""
    raw = SEED_003.read_text(encoding="utf-8")
    texts: list[object] = [pytest.param(raw, id="raw")]
    try:
        from ingest.clean import clean_text  # type: ignore[import-not-found]
    except ImportError:
        return texts
    return [*texts, pytest.param(clean_text(raw), id="clean")]


@pytest.mark.parametrize("text", _seed_texts())
def test_seed_003_every_record(text: str) -> None:
    items = parse_commitments(SEED_003.name, text)
    assert text.count("牵头领导") == 144
    assert len(items) == 144
    for c in items:
        assert text[c.start : c.end].startswith(c.task)
        assert text[c.end - 1] == "）"
        assert c.task and c.leaders
        assert "牵头领导" not in c.task and "（" not in c.task[:1]
    retail = _by_task(items, "社会消费品零售总额增长5.7%")
    assert (retail.leaders, retail.lead_units, retail.units) == (("洪露",), (), ("区商务局",))
    first = items[0]
    assert first.task == "地区生产总值增长6%"
    stable = _by_task(items, "持续深化重点企业包挂联系")
    assert stable.lead_units == ("区发展和改革局",)
    assert len(stable.units) == 7 and stable.units[0] == "区商务局"
    semicolon = _by_task(items, "推动应届毕业生")
    assert semicolon.units == ("区退役军人事务局", "区残联", "区住房和城市建设局")
    health = _by_task(items, "保障好群众就医用药需求")
    assert health.leaders == ("武毅", "王若曦")
    assert len(filter_commitments(items, unit="商务局")) > 10


def test_record_start_is_the_outer_parenthesis_with_a_nested_unit() -> None:
    # the unit name holds its own parenthesis: the record opens at the outer one
    text = "全年新建幼儿园4所（牵头领导：张三；责任单位：区住建局（区人防办））。"
    (item,) = parse_commitments("d.txt", text)
    assert text[item.record_start :].startswith("（牵头领导")
    assert text[item.start : item.record_start] == "全年新建幼儿园4所"


def test_records_in_verbs_name_who_leads_and_who_assists() -> None:
    """（某局牵头，甲局、乙局等部门，各街道配合） and （某局负责） are records too, of
    the whole numbered item they close; a parenthesis naming anything but units (不含6亩,
    群众负责) is none."""
    text = (
        "1. 精简审批手续。加快建立中介超市，5月底前上线运行。"
        "（区政务服务局牵头，区发改局、区住建局等部门，各街道办事处配合）\n"
        "2. 辖区内6亩以下（不含6亩）的土地转让手续由区政府审查。（区自然资源分局负责）\n"
        "3. 组织志愿服务活动（群众负责），提升获得感。\n"
        "4. 优化审批流程。（市政府办公室牵头，市级各有关部门及各区政府按职责分工负责）"
    )
    first, second, third = parse_commitments("d", text)
    # the whole numbered item is the task, its opening words included
    assert first.task == "精简审批手续。加快建立中介超市，5月底前上线运行。"
    assert first.lead_units == ("区政务服务局",) and first.units == ()
    assert first.partner_units == ("区发改局", "区住建局", "各街道办事处")
    assert second.units == ("区自然资源分局",) and "不含6亩" in second.task
    assert third.lead_units == ("市政府办公室",)
    assert third.units == ("市级各有关部门", "各区政府")


def test_owner_lines_under_a_numbered_task_are_its_record() -> None:
    """A task breakdown writing each owner on a line of its own under the numbered task;
    a page footer's 主办单位 / 承办单位 lines, under no numbered task, are no record."""
    text = (
        "一、主要预期目标\n\n"
        "1.地区生产总值增长6%左右。\n\n牵头单位：区发改局\n\n责任单位：各街道，区统计局\n\n"
        "2.新建口袋公园3处。\n牵头领导：郑某\n牵头单位：区城管局\n\n"
        "网站信息\n主办单位：某某区人民政府办公室；\n承办单位：某某区政务服务中心；"
    )
    first, second = parse_commitments("t.txt", text)
    assert (first.task, first.lead_units, first.units) == (
        "地区生产总值增长6%左右。",
        ("区发改局",),
        ("各街道", "区统计局"),
    )
    assert text[first.start : first.end].endswith("责任单位：各街道，区统计局")
    assert (second.task, second.leaders, second.lead_units) == (
        "新建口袋公园3处。",
        ("郑某",),
        ("区城管局",),
    )
    # under prose that is no numbered item, the same lines are no record
    assert parse_commitments("t.txt", "全年工作稳步推进。\n\n牵头单位：区发改局") == ()


def test_owner_lines_under_a_line_stating_an_items_content_are_its_record() -> None:
    """A 民生实事 list writes each item as its numbered name, a line of what it is
    (实施内容：…) and then its owner's line: the item, its name included, is the task."""
    text = (
        "一、市区供暖老旧管网改造工程\n\n实施内容：改造供暖老旧管网约12公里，消除安全隐患。\n\n"
        "责任部门：市城管局\n\n完成时间：2023年10月31日\n\n"
        "二、妇女免费筛查工程\n项目内容：为全市妇女免费提供筛查服务。\n责任单位：市卫生健康委"
    )
    first, second = parse_commitments("t.txt", text)
    assert first.task.startswith("市区供暖老旧管网改造工程") and "约12公里" in first.task
    assert first.units == ("市城管局",)
    assert second.task.startswith("妇女免费筛查工程") and second.units == ("市卫生健康委",)
    # a labelled line under prose that is no numbered item is no item's content
    assert (
        parse_commitments("t.txt", "全年工作稳步推进。\n实施内容：改造管网。\n责任部门：市城管局")
        == ()
    )


def test_a_record_in_square_or_tortoise_shell_brackets() -> None:
    """〔责任单位：…〕 and 【牵头单位：…】 close a task as （…） does; a 、 inside a name's own
    brackets (各县（市、区）政府) splits no name; a document number's 〔2024〕 is no record."""
    text = (
        "一、创业带动就业工程。新增发放创业担保贷款27亿元。〔责任单位：市人社局、市财政局、各县（市、区）政府〕\n"
        "二、文化场馆建设。建成投用新华书城。【牵头单位：市文广新旅局】\n青市府发〔2024〕1号"
    )
    found = parse_commitments("d", text)
    assert [c.task for c in found] == ["新增发放创业担保贷款27亿元。", "建成投用新华书城。"]
    assert found[0].units == ("市人社局", "市财政局", "各县（市、区）政府")
    assert found[1].lead_units == ("市文广新旅局",)
