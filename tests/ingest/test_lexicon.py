"""Name extraction for jieba's user dictionary, on text written here and on the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import jieba
import pytest

from ingest.commitments import parse_commitments
from ingest.lexicon import extract_names
from lixia_qa.types import Commitment
from store.tokenize import USER_DICT_FREQ, ChineseTokenizer, write_user_dict

SEEDS = Path(__file__).parents[2] / "seeds"

# An invented district: none of these names is in jieba's base dictionary.
NEWS = """青山区：加快建设国际化城区
记者 欧阳晓岚 通讯员 张云帆 李思远

本项工作由区行政审批服务局牵头，会同区政府办公室负责落实，联合青岚银行、云杉银行试点推广“青岚贷”。
做实“乐享青山”品牌，推动槿椿泺园等3个项目开工，确保白鹭洲大厦交付。实施翠屏山路、松柏东路整治提升。
“我们将坚持项目为王。”张云帆说。区长周敏华表示，要优化营商环境。我们表示支持。
责任单位：区商务局、区投资促进局、区发展和改革局
培育一批科技公司，打造全市首个特色园区，做好整体布局，推动“一核、两翼”发展。
"""

RECORDS = (
    "推进青石庄征收，（牵头领导：林一帆、区有关领导；牵头单位：区住房和城市建设局；"
    "责任单位：青山控股集团，东湖、西岭街道办事处）"
)


@pytest.fixture(scope="module")
def names() -> list[str]:
    commitments = parse_commitments("r.txt", RECORDS)
    return extract_names([NEWS, RECORDS], commitments)


def test_result_is_sorted_unique_and_clean(names: list[str]) -> None:
    assert names == sorted(set(names))
    for name in names:
        assert 2 <= len(name) <= 20
        assert not re.search(r"[“”\"\s、，。：；]", name)


def test_units_without_the_verb_before_them(names: list[str]) -> None:
    for unit in ("区行政审批服务局", "区政府办公室", "区商务局", "区投资促进局", "区发展和改革局"):
        assert unit in names
    assert "青岚银行" in names and "云杉银行" in names  # 联合 cut off
    assert not any(n.startswith(("由", "会同", "联合")) for n in names)
    assert "区发展" not in names and "改革局" not in names


def test_generic_phrases_are_not_names(names: list[str]) -> None:
    for junk in ("科技公司", "一批科技公司", "特色园区", "整体布局", "我们", "要优化营商环境"):
        assert junk not in names


def test_people_from_bylines_speech_and_records(names: list[str]) -> None:
    for person in ("欧阳晓岚", "张云帆", "李思远", "周敏华", "林一帆"):
        assert person in names
    assert "区有关领导" not in names
    assert not any(n.endswith(("表示", "说")) for n in names)
    assert "通讯员" not in names


def test_quoted_terms_and_places(names: list[str]) -> None:
    assert {"青岚贷", "乐享青山", "槿椿泺园", "白鹭洲大厦", "翠屏山路", "松柏东路"} <= set(names)
    assert not any("一核" in n for n in names)  # a quote holding punctuation is no name


def test_commitment_units_come_from_their_fields(names: list[str]) -> None:
    assert {"区住房和城市建设局", "青山控股集团", "东湖街道办事处", "西岭街道办事处"} <= set(names)


def test_commitments_alone_are_a_source() -> None:
    item = Commitment("d@0", "d", "任务", ("林一帆",), ("区文化和旅游局",), ("区委宣传部",), 0, 2)
    assert extract_names([], [item]) == ["区委宣传部", "区文化和旅游局", "林一帆"]


def test_user_dict_keeps_names_whole(tmp_path: Path, names: list[str]) -> None:
    sentence = "本周区行政审批服务局会同欧阳晓岚推进槿椿泺园建设。"
    plain = jieba.Tokenizer()
    before = plain.lcut(sentence)
    assert "区行政审批服务局" not in before  # the test could fail without the dictionary

    path = tmp_path / "user.dict"
    write_user_dict([*names, "星火·链网", " "], path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert f"区行政审批服务局 {USER_DICT_FREQ}" in lines
    assert all(re.fullmatch(r"\S+ \d+", line) for line in lines)
    assert not any("·" in line for line in lines)  # jieba cannot match it whole

    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(str(path))
    after = tokenizer.lcut(sentence)
    assert {"区行政审批服务局", "欧阳晓岚", "槿椿泺园"} <= set(after)
    assert "".join(after) == sentence


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def test_seed_names() -> None:
    texts = _seed_texts()
    seed_003 = next(t for t in texts if "牵头领导" in t)
    names = extract_names(texts, parse_commitments("003", seed_003))
    expected = {
        "区商务局",
        "区行政审批服务局",
        "区地方金融监督管理局",
        "历下控股集团",
        "济南中央商务区管委会",
        "乐购历下",
        "一轴三区多园",
        "夏侯凤超",
        "洪露",
        "王若曦",
        "杨福涛",
        "槿椿泺园",
        "齐鲁银行",
    }
    assert expected <= set(names)
    assert "由区商务局" not in names and "区有关领导" not in names
    assert not any(n.startswith(("由", "联合", "推动", "加快", "确保")) for n in names)
    assert not any(re.search(r"\s|[，。、：；“”]", n) for n in names)


def test_short_form_of_a_place_name_used_on_its_own_is_a_name() -> None:
    text = "槐杏区召开大会。槐杏区发布规划。槐杏的发展，槐杏的产业，23年槐杏新建学校。全市上下。"
    names = extract_names([text])
    assert "槐杏" in names
    assert "在全" not in names and "全市" not in names


def test_empty_enumeration_items_do_not_break_extraction() -> None:
    # found on the CMRC 2018 paragraphs: an item that tags to nothing
    assert isinstance(extract_names(["修建明湖东路、、（）、黄台南路、 、轻风路等道路。"]), list)


def test_district_short_forms(tokenizer: ChineseTokenizer) -> None:
    from ingest.lexicon import district_stems

    text = (
        "青山区今年新建学校。白塔区计划实施重点项目，白塔区将加快建设。青山区完成老旧小区改造，"
        "提升城区品质，推进区域合作，建设全省首善之区。"
    )
    assert sorted(district_stems(text, tokenizer.words)) == ["白塔", "青山"]
    # a region (地区) is no district: found on DRCD's paragraphs (东北地区, 西南地区)
    regions = "东北地区气候寒冷，东北地区盛产大豆，西南地区多山。西南地区降水多。青山区。青山区。"
    assert district_stems(regions, tokenizer.words) == ["青山"]
