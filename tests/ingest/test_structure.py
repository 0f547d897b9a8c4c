"""Headings, their levels and spans, and heading paths (checked against brute force)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.clean import clean_text
from ingest.structure import find_sections, heading_path, is_byline, is_signer, marker_rank
from lixia_qa.types import Section

SEEDS = Path(__file__).parents[2] / "seeds"

NOTICE = """青山区2024年工作要点

一、总体要求
坚持稳中求进，推动高质量发展。
二、重点任务
（一）稳增长，扩内需。抓好项目建设。
1.抓投资。新开工项目30个。
（1）工业项目10个，年内投产。
（2）服务业项目20个。
2、促消费。举办促销活动50场。
（二）优环境。深化改革。
三、保障措施
加强组织领导。"""


def _brute_force_path(sections: tuple[Section, ...], offset: int) -> tuple[str, ...]:
    inside = [s for s in sections if s.start <= offset < s.end]
    return tuple(s.heading for s in sorted(inside, key=lambda s: s.level))


def test_marker_rank_orders_heading_markers() -> None:
    lines = [
        "第一章 总则",
        "第二节 范围",
        "第三条 本办法",
        "一、总体要求",
        "（一）稳增长",
        "(二)优环境",
        "1.抓投资",
        "2、促消费",
        "（1）工业",
        "1.5亿元投资",
        "2024年计划",
        "十分重要",
    ]
    ranks = [marker_rank(line) for line in lines]
    assert [r[0] if r else None for r in ranks] == [0, 1, 2, 3, 4, 4, 5, 5, 6, None, None, None]


def test_is_byline() -> None:
    assert is_byline("记者 王小明")
    assert is_byline("文/片 某某晚报·某某客户端")
    assert is_byline("通讯员 李四 王五")
    assert not is_byline("记者从区发改局获悉，项目已开工。")
    assert not is_byline("找记者 上某点")


def test_is_signer_takes_bodies_signing_together() -> None:
    assert is_signer("某某县统计局")
    assert is_signer("国家统计局某某调查队")
    assert is_signer("某某市统计局国家统计局某某调查队")
    assert is_signer("中共某某县委 某某县人民政府")
    assert not is_signer("某某县统计局 发布了公报")
    assert not is_signer("调查队")
    assert not is_signer("")


def test_find_sections_levels_headings_and_spans() -> None:
    sections = find_sections(NOTICE)
    assert [(s.level, s.heading) for s in sections] == [
        (1, "青山区2024年工作要点"),
        (1, "一、总体要求"),
        (1, "二、重点任务"),
        (2, "（一）稳增长"),
        (3, "1.抓投资"),
        (4, "（1）工业项目10个"),
        (4, "（2）服务业项目20个"),
        (3, "2、促消费"),
        (2, "（二）优环境"),
        (1, "三、保障措施"),
    ]
    by_heading = {s.heading: s for s in sections}
    assert NOTICE[by_heading["一、总体要求"].start :].startswith("一、总体要求")
    task = by_heading["二、重点任务"]
    assert (task.start, task.end) == (NOTICE.index("二、重点任务"), NOTICE.index("三、保障措施"))
    assert by_heading["（2）服务业项目20个"].end == NOTICE.index("2、促消费")
    assert by_heading["三、保障措施"].end == len(NOTICE)


def test_numbered_heading_stops_at_first_comma_or_full_stop() -> None:
    text = "（三）统筹基础建设和数智融合应用，打造数字先锋城区。一体推进算力建设。\n（四）统筹改革。深化改革。"
    assert [s.heading for s in find_sections(text)] == [
        "（三）统筹基础建设和数智融合应用",
        "（四）统筹改革",
    ]


def test_article_heading_is_the_marker_only() -> None:
    text = "第一章 总则\n第一条 为了规范管理，制定本办法。\n第二条 本办法适用于全区。\n第二章 附则\n第三条 自发布之日起施行。"
    sections = find_sections(text)
    assert [(s.level, s.heading) for s in sections] == [
        (1, "第一章 总则"),
        (2, "第一条"),
        (2, "第二条"),
        (1, "第二章 附则"),
        (2, "第三条"),
    ]


def test_standalone_headings_and_their_level_inside_numbered_parts() -> None:
    text = (
        "推进城市更新\n服务重点项目\n\n正文第一段。\n\n记者 王小明\n\n2024年3月1日\n\n"
        "一、重点工作\n工作内容。\n\n项目建设\n\n项目内容。\n\n二、保障\n保障内容。"
    )
    sections = find_sections(text)
    assert [(s.level, s.heading) for s in sections] == [
        (1, "推进城市更新 服务重点项目"),
        (1, "一、重点工作"),
        (2, "项目建设"),
        (1, "二、保障"),
    ]
    assert sections[2].end == text.index("二、保障")


def test_no_headings_in_plain_text() -> None:
    assert find_sections("第一段很长的正文，没有任何标题。\n\n第二段正文。") == ()


def test_heading_path() -> None:
    sections = find_sections(NOTICE)
    at = NOTICE.index
    assert heading_path(sections, at("工业项目")) == (
        "二、重点任务",
        "（一）稳增长",
        "1.抓投资",
        "（1）工业项目10个",
    )
    assert heading_path(sections, at("举办促销")) == ("二、重点任务", "（一）稳增长", "2、促消费")
    assert heading_path(sections, at("深化改革")) == ("二、重点任务", "（二）优环境")
    assert heading_path(sections, at("加强组织")) == ("三、保障措施",)
    assert heading_path(sections, 0) == ("青山区2024年工作要点",)
    assert heading_path(find_sections("正文。\n\n一、标题\n内容。"), 1) == ()
    assert heading_path((), 5) == ()


@pytest.mark.parametrize("name", ["002", "003"])
def test_heading_path_matches_brute_force_on_seeds(name: str) -> None:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    text = clean_text(path.read_text(encoding="utf-8"))
    sections = find_sections(text)
    for offset in range(0, len(text), 7):
        assert heading_path(sections, offset) == _brute_force_path(sections, offset)


def test_seed_003_sections() -> None:
    text = clean_text(next(SEEDS.glob("003_*.txt")).read_text(encoding="utf-8"))
    sections = find_sections(text)
    assert [s.heading for s in sections] == [
        "2023年《济南市历下区政府工作报告》 目标任务分解",
        "（一）统筹高质量发展和安全稳定",
        "（二）统筹城市更新和产业转型升级",
        "（三）统筹基础建设和数智融合应用",
        "（四）统筹改革创新和扩大对外开放",
        "（五）统筹精细塑造和全面系统治理",
        "（六）统筹民生保障和社会治理创新",
    ]
    assert {s.level for s in sections} == {1}
    assert sections[-1].end == len(text)
    assert heading_path(sections, text.index("全力推进数字基础设施建设")) == (
        "（三）统筹基础建设和数智融合应用",
    )


def test_seed_002_sections() -> None:
    text = clean_text(next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8"))
    headings = [s.heading for s in find_sections(text)]
    assert "推动城市更新 全力服务重点项目" in headings
    assert "让居民“乐居历下” 织密民生保障网" in headings
    assert "记者 夏侯凤超" not in headings
    assert heading_path(find_sections(text), text.index("浆水泉水库")) == (
        "推动城市更新 全力服务重点项目",
    )
