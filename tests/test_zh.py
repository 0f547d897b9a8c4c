"""Table tests for the Chinese text rules in :mod:`lixia_qa.zh`."""

import re

import pytest

from lixia_qa import zh


@pytest.mark.parametrize(
    ("ch", "expected"),
    [
        ("区", True),
        ("〇", True),
        ("㐀", True),
        ("豈", True),
        ("𠀀", True),
        ("，", False),
        ("。", False),
        ("A", False),
        ("1", False),
        ("ａ", False),
        ("", False),
    ],
)
def test_han_class(ch: str, expected: bool) -> None:
    assert zh.is_han(ch) is expected
    assert bool(re.fullmatch(f"[{zh.HAN}]", ch)) is expected


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("第一句。第二句！第三句？", ["第一句。", "第二句！", "第三句？"]),
        ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
        ("（见附件。）下一句", ["（见附件。）", "下一句"]),
        ("没有句号\n换行也断开", ["没有句号", "换行也断开"]),
        ("省略号……之后", ["省略号……", "之后"]),
        ("Is it? Yes!", ["Is it?", "Yes!"]),
        ("分号；不断开，逗号也不", ["分号；不断开，逗号也不"]),
        ("  \n ", []),
    ],
)
def test_split_sentences(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in zh.split_sentences(text)] == sentences


@pytest.mark.parametrize(
    ("ch", "kind"),
    [
        ("。", "sentence"),
        ("！", "sentence"),
        ("？", "sentence"),
        ("!", "sentence"),
        ("?", "sentence"),
        ("，", "clause"),
        ("、", "clause"),
        ("；", "clause"),
        ("：", "clause"),
        (",", "clause"),
        ("”", "closer"),
        ("）", "closer"),
        ("》", "closer"),
        ("】", "closer"),
        ("」", "closer"),
    ],
)
def test_punctuation_sets(ch: str, kind: str) -> None:
    sets = {"sentence": zh.SENTENCE_END, "clause": zh.CLAUSE_END, "closer": zh.CLOSERS}
    assert [k for k, chars in sets.items() if ch in chars] == [kind]


@pytest.mark.parametrize(
    ("text", "breaks"),
    [
        # a Chinese mark always ends something, an ASCII one only outside a token
        ("地址：某路1号，电话:123", ["：", "，"]),
        ("网址：http://www.example.cn/a?id=1", ["："]),
        ("上午8:30开门, 下午关门", [","]),
        ("共1,200人;另有3人", [";"]),
        ("办不办?办!", ["?", "!"]),
        ("地址:某路", [":"]),
    ],
)
def test_break_mark_skips_marks_inside_a_token(text: str, breaks: list[str]) -> None:
    marks = zh.SENTENCE_END + zh.CLAUSE_END
    assert [m.group() for m in re.finditer(zh.break_mark(marks), text)] == breaks
    ends = [m.start() for m in re.finditer(zh.break_after(marks), text)]
    assert [text[e - 1] for e in ends] == breaks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("２０２４年", "2024年"),
        ("ＡＢＣｘｙｚ", "ABCxyz"),
        ("１４．９％", "14.9%"),
        ("Ａ－１／２", "A-1/2"),
        ("区\u3000政府", "区 政府"),
        ("，。（）：；“”", "，。（）：；“”"),  # Chinese punctuation is kept
    ],
)
def test_to_halfwidth(text: str, expected: str) -> None:
    assert zh.to_halfwidth(text) == expected


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("2025", 2025),
        ("２０２５", 2025),
        ("二〇二五", 2025),
        ("二零二五", 2025),
        ("十", 10),
        ("十二", 12),
        ("二十一", 21),
        ("一百零五", 105),
        ("两千", 2000),
        ("三十一", 31),
        ("3.5", None),
        ("三十点二", None),
        ("abc", None),
        ("", None),
    ],
)
def test_cn_to_int(token: str, value: int | None) -> None:
    assert zh.cn_to_int(token) == value


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2024年", 2024),
        ("二〇二四年", 2024),
        ("二零二四年工作", 2024),
        ("23年的目标", 2023),
        ("２０２４年", 2024),
        ("2023—2027年行动计划", 2023),
        ("80年代", None),
        ("五年来", None),
        ("12345年", None),
        ("没有年份", None),
    ],
)
def test_parse_year(text: str, year: int | None) -> None:
    assert zh.parse_year(text) == year


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("2023—2027年", (2023, 2027)),
        ("2023-2027年", (2023, 2027)),
        ("2023–2027年", (2023, 2027)),
        ("2023―2027年", (2023, 2027)),  # horizontal bar, as some pages write it
        ("2023－2027年", (2023, 2027)),  # full-width hyphen-minus
        ("2023−2027年", (2023, 2027)),  # minus sign
        ("2021年至2035年", (2021, 2035)),
        ("2021年-2035年", (2021, 2035)),
        ("2023-27年", (2023, 2027)),
        ("二〇二三—二〇二七年", (2023, 2027)),
        ("2027-2023年", None),
        ("2024年", None),
    ],
)
def test_year_range(text: str, span: tuple[int, int] | None) -> None:
    assert zh.year_range(text) == span


def test_find_years_offsets_and_ranges() -> None:
    text = "《2023—2027年行动计划》提出，到2025年，二〇二四年底完成，建成满30年，26年投用。"
    found = zh.find_years(text, two_digit=False)
    assert [(m.year, m.range_end, text[m.start : m.end]) for m in found] == [
        (2023, 2027, "2023—2027年"),
        (2025, None, "2025年"),
        (2024, None, "二〇二四年"),
    ]
    years = [m.year for m in zh.find_years(text)]
    assert 2026 in years and 2030 not in years  # "26年" read as a year on request, 满30年 never
    found = zh.find_years("《2021－2025年规划》")  # a full-width dash, not half-width first
    assert [(m.year, m.range_end) for m in found] == [(2021, 2025)]


# The one year rule (zh.find_years), as the question analysis and ingest read it.
@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("10年以上的老小区有多少", []),  # a length of time
        ("15年期国债", []),  # a term
        ("23年底前完成", [2023]),  # the end of 2023
        ("二〇二四年的目标", [2024]),
        ("2024年新建学校", [2024]),
        ("今年新建学校", []),  # relative: the answer stage resolves it
        ("二零二三年和2025年", [2023, 2025]),
        ("80年代的老楼", []),
        ("五年来", []),
        ("23年初步建成", []),  # 初步 (at first), not 年初
        ("3年级学生", []),
        ("２０２４年", [2024]),
        ("2024 年", [2024]),
        ("12345年", []),
        ("我交了18年养老保险能领多少", []),  # a span of years, not 2018
        ("长达16年的改造", []),
        ("连续12年获评", []),
        ("我家18年买的房", [2018]),
        ("到24年底完成", [2024]),
        ("2018年交了多少", [2018]),
    ],
)
def test_find_years_table(text: str, years: list[int]) -> None:
    assert [m.year for m in zh.find_years(text)] == years


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("（2023）有哪些项目", [2023]),
        ("有哪些 2023", [2023]),
        ("建成2023个车位", []),  # a quantity
        ("2023.5万元", []),
        ("增长2023%", []),
        ("2024年建成2023个", [2024]),  # 2023个 is a count
        ("2024 年", [2024]),  # one mention, not a bare 2024 and a year
    ],
)
def test_bare_years_on_request(text: str, years: list[int]) -> None:
    assert [m.year for m in zh.find_years(text, bare=True)] == years


def test_bare_years_only_on_request() -> None:
    assert zh.find_years("（2023）有哪些项目") == []
    found = zh.find_years("计划（2023）。2024 年", bare=True)
    assert [(m.year, m.start, m.end) for m in found] == [(2023, 3, 7), (2024, 9, 15)]


@pytest.mark.parametrize(
    ("name", "area"),
    [
        ("老小区", True),
        ("产业园区", True),
        ("高新技术开发区", True),
        ("咱区", True),  # the asker's own district names no place
        ("本市", True),
        ("在城镇", True),  # 住在城镇的人: jieba's 在城镇 is no town
        ("城乡", True),
        ("全省", True),
        ("西关镇", False),
        ("历下区", False),
        ("青川县", False),
        ("滨河新区", False),
    ],
)
def test_area_nouns_name_no_place(name: str, area: bool) -> None:
    assert zh.is_area_noun(name) is area


@pytest.mark.parametrize(
    ("text", "simplified"),
    [
        # a mirror site's copy of a simplified page, and a Hong Kong page
        ("東莞市政務服務大廳建設與管理規範", "东莞市政务服务大厅建设与管理规范"),
        ("過去一年，我們落實了承諾。", "过去一年，我们落实了承诺。"),
        # simplified text is never touched, not even its rare traditional-looking forms
        ("乾隆年间修建的显著标志", "乾隆年间修建的显著标志"),
        ("青禾县的凉茶舖今年新开了三家分店", "青禾县的凉茶舖今年新开了三家分店"),
        ("2024年", "2024年"),
        ("", ""),
    ],
)
def test_traditional_text_is_read_in_simplified_characters(text: str, simplified: str) -> None:
    assert zh.to_simplified(text) == simplified
    assert zh.is_traditional(text) == (text != simplified)
