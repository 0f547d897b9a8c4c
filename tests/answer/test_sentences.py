"""NUMBER_RE, built from lixia_qa.zh, finds exactly the figures the hand-written one did
(the answer model was fitted on features computed with it)."""

from __future__ import annotations

import re

import pytest

from answer.sentences import NUMBER_RE
from lixia_qa import zh

_OLD_NUMBER_RE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|万|亿|千|百)?(?![\d.年月日时])"
    r"|(?:[二两三四五六七八九十百千万][一二两三四五六七八九十百千万]*|一[十百千万]+)"
    r"(?=[个所处家项座条名次场亿万栋户人倍类级])"
    r"|[一二两三四五六七八九十百千]{2,}(?![年月日号大届])"
    r"|(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+|\b[IVX]{1,4})(?=\s*[类级期])"
)
_TRICKY = [
    "党的二十大报告，十九届五中全会，二十届三中全会",
    "两万元，两所学校，一个项目，一百个，一十二人，百亿级，三千万人",
    "1.5万人，14.9万，2024年3月5日，12%，3 亿，10.5.3",
    "Ⅱ类水质，ⅢⅣ级，III级，IV 期，XIV类，VIII级，IX类，VX级，ⅫⅪ期",
    "二〇二四年，零点五，〇一二，十二月一日，三月，五号，二十年",
    "新建五所学校、改造十二处公园、完成两千户、提高两倍、九十九条",
    "CIVIL类 MIX级 第X期",
    "",
]
_NUMERALS = "".join(sorted({*zh.CN_DIGITS, *zh.CN_POWERS, zh.LIANG, *"亿几余多LCMi"}))
_AFTER = "个所处家项座条名次场亿万栋户人倍类级期年月日号大届时.%"


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", _TRICKY)
def test_number_re_matches_the_old_one(text: str) -> None:
    assert _spans(NUMBER_RE, text) == _spans(_OLD_NUMBER_RE, text)


def test_number_re_agrees_on_every_numeral_pair_before_every_follower() -> None:
    for a in _NUMERALS + zh.ROMAN_NUMERALS + zh.ROMAN_LETTERS + "1":
        for b in _NUMERALS + zh.ROMAN_NUMERALS + zh.ROMAN_LETTERS + "1 ":
            for after in _AFTER + "的":
                text = f"有{a}{b}{after}，{a}{after}"
                assert _spans(NUMBER_RE, text) == _spans(_OLD_NUMBER_RE, text), text


def test_a_term_said_in_the_documents_words_weighs_as_those_words() -> None:
    from answer.sentences import TermWeights

    w = TermWeights(["区审计局开展审计", "政府采购", "政府公开", "公园建设"], unseen=1.0)
    assert w.seen_weight(("政府",)) == w.weight("政府")
    # 查账 is never said; its form 审计 is, and is rarer than 政府
    assert w.seen_weight(("查账", "审计")) == w.weight("审计") > w.weight("政府")
    assert w.seen_weight(("查账", "对账")) == 0.0  # no form is said
    assert w.forms_weight(("查账", "对账")) == 1.0  # the unseen weight
    assert w.forms_weight(("查账", "审计")) == w.weight("审计")


def test_where_a_span_of_months_or_days_starts_is_no_figure() -> None:
    """1-6月 and 1至3月 name months (the first half, a quarter), 3-5日 days: their first
    number counts nothing; 2019-2023年 likewise; a span of counts (3-5人) is figures."""
    assert [m.group() for m in NUMBER_RE.finditer("1-6月，实现生产总值469.20亿元")] == ["469.20亿"]
    assert [m.group() for m in NUMBER_RE.finditer("1至3月完成12项，3-5日办结")] == ["12"]
    assert [m.group() for m in NUMBER_RE.finditer("每组3-5人")] == ["3", "5"]
