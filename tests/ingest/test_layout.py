"""Running heads of a paged document left in its text (ingest.layout)."""

from __future__ import annotations

import pytest

from ingest.clean import clean_text
from ingest.layout import is_head_like, strip_running_heads

HEAD = "某某市2024年国民经济和社会发展统计公报"
PAGED = f"""2024年某某市国民经济和社会发展统计公报

某某市统计局

一、综合

全年全市生产总值达到1234.5亿元，比上年增长5.0%。

{HEAD}

年末常住人口321.0万人，比上年末增加0.5万人。

{HEAD}

二、农业

全年粮食产量88.8万吨，增长1.2%。

{HEAD}

三、工业

全年规模以上工业增加值增长6.1%。
"""


def test_a_running_head_is_dropped_below_the_first_sentence() -> None:
    text = clean_text(PAGED)
    assert HEAD not in text
    assert text.startswith("2024年某某市国民经济和社会发展统计公报\n\n某某市统计局")
    for kept in ("一、综合", "年末常住人口321.0万人", "二、农业", "三、工业"):
        assert kept in text


def test_a_repeated_title_above_the_first_sentence_stays() -> None:
    text = f"{HEAD}\n\n正文第一句。\n\n{HEAD}\n\n正文第二句。\n\n{HEAD}\n\n正文第三句。"
    assert strip_running_heads(text).split() == [
        HEAD,
        "正文第一句。",
        "正文第二句。",
        "正文第三句。",
    ]


def test_a_line_seen_twice_stays() -> None:
    text = f"开头一句。\n\n{HEAD}\n\n第二句。\n\n{HEAD}\n\n第三句。"
    assert strip_running_heads(text) == text


@pytest.mark.parametrize(
    ("line", "head"),
    [
        (HEAD, True),
        ("某某县人民政府办公室", True),
        ("（一）主要做法", False),  # a numbered heading may repeat in every chapter
        ("工作措施", False),  # too short: a heading
        ("单位：万元，%", False),  # a labelled value (a table's unit line)
        ("全年粮食产量88.8万吨。", False),  # a sentence
        ("粮食 | 88.8 | 1.2", False),  # a table row
        ("2024 - 3 -", False),  # no Chinese
    ],
)
def test_what_may_be_a_running_head(line: str, head: bool) -> None:
    assert is_head_like(line) is head
