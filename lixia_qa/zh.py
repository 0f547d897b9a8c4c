"""One home for Chinese text rules: characters, sentence ends, width, numerals, years.

Only the standard library, zhon (character classes) and cn2an (numerals) are used, so
every layer may import this module. Each rule has a table test in ``tests/test_zh.py``.

* :data:`HAN` is a regex character-class body (no brackets) of Han characters
  (CJK Unified Ideographs with extensions and compatibility ideographs, plus 〇):
  ``re.compile(f"[{HAN}]")``. :data:`HAN_RE` matches one of them.
* :data:`SENTENCE_END` ends a sentence; :data:`CLAUSE_END` ends a clause inside one
  (:data:`COMMAS`, :data:`LIST_COMMA`, :data:`SEMICOLONS`, :data:`COLONS`;
  :data:`CLAUSE_BREAKS` leaves out 、 and the semicolons);
  :data:`CLOSERS` are closing quotes and brackets that stay with the sentence they end
  (answer units keep only :data:`SENTENCE_CLOSERS` with it, and never start with
  :data:`LEAD_MARKS`). The sets are plain strings to put inside ``[...]``.
* :data:`CN_DIGITS` (〇零 and :data:`CN_NONZERO`), :data:`CN_POWERS`, :data:`LIANG`
  and :data:`CN_NUMERAL` spell Chinese numerals; :data:`ROMAN_NUMERALS` and
  :data:`ROMAN_LETTERS` spell Roman ones (Ⅱ类, III级).
  :data:`SENTENCE_RE` matches one sentence (with its end mark and closers);
  :func:`split_sentences` gives their spans. :func:`break_mark` and :func:`break_after`
  match a mark only where it ends something: an ASCII one inside a URL, a time or a
  figure (``http://``, ``8:30``, ``1,200``) does not.
* :func:`to_halfwidth` turns full-width ASCII letters, digits and the signs of numbers
  into ASCII while keeping Chinese punctuation (``，。（）：；``).
* :func:`cn_to_int` reads ``十二``, ``二〇二五``, ``一百零五`` or ``2025``;
  :func:`parse_year` reads ``2024年``, ``二〇二四年``, ``23年``; :func:`year_range` reads
  ``2023—2027年`` / ``2023-2027年``; :func:`find_years` lists every year mention (the one
  year rule: :data:`YEAR_RE`, :data:`YEAR_RANGE_RE`, :data:`BARE_YEAR_RE`; :data:`YEAR_4`
  for patterns that embed a year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cn2an
import opencc
from zhon import hanzi

HAN = hanzi.characters
HAN_RE = re.compile(f"[{HAN}]")
CN_NONZERO = "一二三四五六七八九"  # the digits one to nine
CN_DIGITS = f"〇零{CN_NONZERO}"
CN_POWERS = "十百千万"  # ten, hundred, thousand, ten thousand
LIANG = "两"  # "two" before a measure word or a power (两万, 两所)
CN_NUMERAL = f"[{CN_DIGITS}{CN_POWERS}{LIANG}]"
ROMAN_NUMERALS = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"  # one character each, as in grades (Ⅱ类)
ROMAN_LETTERS = "IVX"  # Roman numerals spelled in ASCII letters (III级)
_DIGIT_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}

SENTENCE_END = "。！？!?"  # full stops
SEMICOLONS = "；;"
ELLIPSIS = "…"
COMMAS = "，,"
LIST_COMMA = "、"  # joins the items of a list
COLONS = "：:"
CLAUSE_BREAKS = COMMAS + COLONS  # clause ends that neither join list items nor are semicolons
CLAUSE_END = COMMAS + LIST_COMMA + SEMICOLONS + COLONS
QUOTE_CLOSERS = "”’"
CORNER_CLOSERS = "」』"
PAREN_CLOSERS = "）)"
BRACKET_CLOSERS = "】》"
CLOSERS = QUOTE_CLOSERS + CORNER_CLOSERS + PAREN_CLOSERS + BRACKET_CLOSERS + "〕〗］"
# the closers answer units keep with the sentence or clause they end
SENTENCE_CLOSERS = QUOTE_CLOSERS + CORNER_CLOSERS + PAREN_CLOSERS
# marks a quoted span never starts with: clause and sentence ends, the ASCII full stop,
# closing quotes and brackets (not 」』〕〗］)
LEAD_MARKS = CLAUSE_END + SENTENCE_END + "." + QUOTE_CLOSERS + PAREN_CLOSERS + BRACKET_CLOSERS
OPENERS = "“‘「『（(【《〔〖［"
# the CJK symbols and punctuation block and the full-width forms of ASCII punctuation
# (、。〈〉《》「」【】，：；！？（） …), as a class body: marks only Chinese text uses
CJK_PUNCT = "\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"

SENTENCE_RE = re.compile(
    rf"[^{SENTENCE_END}{ELLIPSIS}\n]+(?:[{SENTENCE_END}]+|{ELLIPSIS}{{1,2}})?[{re.escape(CLOSERS)}]*"
    rf"|[{SENTENCE_END}{ELLIPSIS}]+[{re.escape(CLOSERS)}]*"
)

_FULLWIDTH_SIGNS = "％＋－．／＠＃＆＝＜＞"
_HALFWIDTH = {
    c: c - 0xFEE0 for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
}
_HALFWIDTH |= {ord(c): ord(c) - 0xFEE0 for c in _FULLWIDTH_SIGNS}
_HALFWIDTH[0x3000] = 0x20  # ideographic space


def chinese_only(marks: str) -> str:
    """The marks of ``marks`` that only Chinese text writes, without the ASCII ones
    (``chinese_only(COMMAS)`` is ``，``: a table cell may hold ``1,000``)."""
    return "".join(ch for ch in marks if not ch.isascii())


# an ASCII mark with a Latin letter, a digit or a slash right after it sits inside one
# token: a URL (``http://``, ``a.html?id=1&t=2``), a time (``8:30``), a figure
# (``1,200``); it ends no clause or sentence
_INSIDE_TOKEN = "(?![A-Za-z0-9/])"


def _break(marks: str, wrap: str) -> str:
    """The Chinese marks of ``marks`` as one class, the ASCII ones as another not followed
    by a Latin letter, digit or slash, each put in ``wrap`` (``{}``: the class)."""
    chinese = chinese_only(marks)
    ascii_marks = "".join(ch for ch in marks if ch.isascii())
    parts = [wrap.format(f"[{re.escape(chinese)}]")] if chinese else []
    if ascii_marks:
        parts.append(wrap.format(f"[{re.escape(ascii_marks)}]") + _INSIDE_TOKEN)
    return "(?:" + "|".join(parts) + ")"


def break_mark(marks: str) -> str:
    """A regex matching one mark of ``marks`` where it ends a clause or a sentence: a
    Chinese mark always, an ASCII one only when no Latin letter, digit or slash follows
    (``来源URL：http://a.cn/b?id=1`` is one value; ``8:30`` and ``1,200`` are one token)."""
    return _break(marks, "{}")


def break_after(marks: str) -> str:
    """A zero-width regex right after a mark of ``marks`` that ends a clause or a
    sentence (:func:`break_mark`), for splitters that keep the mark with what it ends."""
    return _break(marks, "(?<={})")


def is_han(ch: str) -> bool:
    """True for one Han character (``区``, ``〇``), false for punctuation, digits, Latin."""
    return len(ch) == 1 and bool(HAN_RE.match(ch))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text``; a line break also ends one.

    Each span keeps its end mark and the closing quotes after it (``“好。”``) and has no
    surrounding whitespace; empty pieces are dropped.
    """
    spans = []
    for match in SENTENCE_RE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def to_halfwidth(text: str) -> str:
    """Full-width letters, digits, ``％＋－．／＠＃＆＝＜＞`` and U+3000 to ASCII.

    Chinese punctuation (``，。（）：；“”``) is kept: it is not a width variant in
    Chinese text.
    """
    return text.translate(_HALFWIDTH)


# Han characters OpenCC's t2s changes, as a share of all: a text written in traditional
# characters (a mirror site's copy, a Hong Kong or Taiwan page) has 20-30%; of the 5,747
# simplified paragraphs of ../shared/train and bench, none has more than 3% (凉茶舖, 乾隆)
TRADITIONAL_SHARE = 0.1


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def is_traditional(text: str) -> bool:
    """``text`` is written in traditional characters (:data:`TRADITIONAL_SHARE`)."""
    han = "".join(HAN_RE.findall(text))
    if not han:
        return False
    changed = sum(a != b for a, b in zip(han, _t2s().convert(han), strict=False))
    return changed >= TRADITIONAL_SHARE * len(han)


def to_simplified(text: str) -> str:
    """``text`` in simplified characters when it is written in traditional ones, by
    OpenCC's phrase tables (後來 → 后来, 乾隆 kept); else ``text`` as it is, so a
    simplified text's rare traditional forms are never touched."""
    return _t2s().convert(text) if is_traditional(text) else text


def cn_to_int(token: str) -> int | None:
    """A whole number written in digits or Chinese numerals, else ``None``.

    ``2025``, ``二〇二五``/``二零二五`` (digit by digit), ``十二``, ``二十一``,
    ``一百零五``, ``两千``. Decimals and anything else give ``None``.
    """
    token = to_halfwidth(token.strip())
    if not token:
        return None
    if token.isdigit():
        return int(token)
    if len(token) > 1 and all(c in _DIGIT_VALUE for c in token):
        return int("".join(str(_DIGIT_VALUE[c]) for c in token))
    try:
        value = cn2an.cn2an(token.replace("两", "二"), "strict")
    except (ValueError, KeyError, IndexError):
        return None
    return int(value) if float(value).is_integer() else None


# a year in four Arabic digits (2024), and in four digits or Chinese numerals (2024,
# 二〇二四), for use inside a pattern (wrap it in a group)
YEAR_DIGITS = r"(?:19|20)\d{2}"
YEAR_4 = rf"{YEAR_DIGITS}|[{CN_DIGITS}]{{4}}"
# what after "NN年" makes it a length of time, an age or a grade rather than a year:
# 80年代, 10年以上, 15年期, 五年来, 10年内, 3年级, 23年初步 (but 23年底 is the end of 2023)
NOT_YEAR_AFTER = "代前后内间来初级龄度期多左以半"
# before a two-digit 年, a span of years: 交了18年, 长达16年, 连续12年, 近20年, 每15年, 共计74年
# (all 55 such two-digit mentions in the training corpora are spans)
NOT_YEAR_BEFORE = "了达续近约每计共满"
YEAR_RE = re.compile(
    rf"(?<![\d{CN_DIGITS}])(?:(?P<y>{YEAR_4})\s*年"
    rf"|(?<![{NOT_YEAR_BEFORE}])(?P<s>\d{{2}})\s*年(?![{NOT_YEAR_AFTER}]))"
)
# a four-digit year written without 年 ("（2023）", "有哪些 2023"), not a quantity
# (2023个, 2023.5, 2023万, 2023%)
BARE_YEAR_RE = re.compile(
    rf"(?<![\d.])(?P<y>{YEAR_DIGITS})(?![\d.%万亿千百个元人户名家所项条座处场年])"
)
YEAR_RANGE_RE = re.compile(
    rf"(?<![\d{CN_DIGITS}])(?P<a>{YEAR_4})\s*年?\s*[-—–―‒−－~～至到]{{1,2}}\s*"
    rf"(?P<b>{YEAR_4}|\d{{2}})\s*年"
)
MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(frozen=True)
class YearMention:
    """A year written in the text: ``text[start:end]`` is the mention (``2024年``)."""

    year: int
    start: int
    end: int
    range_end: int | None = None  # the last year of a range ``2023—2027年``


def _year_value(token: str) -> int | None:
    value = cn_to_int(token)
    if value is None:
        return None
    if len(token) == 2 and token.isdigit():
        value += 2000
    return value if MIN_YEAR <= value <= MAX_YEAR else None


def parse_year(text: str) -> int | None:
    """The first year named in ``text``: ``2024年``, ``二〇二四年``, ``23年`` (2023); for a
    range ``2023—2027年`` its first year."""
    found = find_years(text)
    return found[0].year if found else None


def year_range(text: str) -> tuple[int, int] | None:
    """``(first, last)`` of the first range in ``text``: ``2023—2027年``, ``2023-27年``,
    ``2021年至2035年``; ``None`` when there is none or it runs backwards."""
    match = YEAR_RANGE_RE.search(to_halfwidth(text))
    if not match:
        return None
    first, last = _year_value(match.group("a")), match.group("b")
    end = (
        _year_value(last) if len(last) != 2 else (first // 100 * 100 + int(last) if first else None)
    )
    if first is None or end is None or end < first:
        return None
    return first, end


def find_years(text: str, two_digit: bool = True, bare: bool = False) -> list[YearMention]:
    """Every year mention in ``text`` in order; a range is one mention with ``range_end``.

    ``2024年``, ``二〇二四年``, ``23年``/``23年底`` (2023), ``2023—2027年``; not
    ``10年以上``, ``15年期``, ``80年代`` (:data:`NOT_YEAR_AFTER`), ``交了18年``, ``连续12年``
    (:data:`NOT_YEAR_BEFORE`), nor ``今年`` (a
    relative year is resolved by whoever knows the present). ``two_digit=False`` ignores
    ``23年`` (in running text it is often a duration); ``bare=True`` also reads a
    four-digit year without 年 (:data:`BARE_YEAR_RE`, as in a question "…有哪些 2023").
    Offsets are into ``text`` (width normalisation keeps them).
    """
    text = to_halfwidth(text)
    found: list[YearMention] = []
    taken: list[tuple[int, int]] = []
    for match in YEAR_RANGE_RE.finditer(text):
        span = year_range(match.group())
        if span:
            found.append(YearMention(span[0], match.start(), match.end(), span[1]))
            taken.append(match.span())
    for match in YEAR_RE.finditer(text):
        if any(a <= match.start() < b for a, b in taken):
            continue
        token = match.group("y") or match.group("s")
        year = _year_value(token) if two_digit or match.group("y") else None
        if year is not None:
            found.append(YearMention(year, match.start(), match.end()))
            taken.append(match.span())
    for match in BARE_YEAR_RE.finditer(text) if bare else ():
        if not any(a < match.end() and match.start() < b for a, b in taken):
            found.append(YearMention(int(match.group("y")), match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)


# Common nouns that end like a place name (X区, X市) but name a kind of area, not a
# place: "老小区", "产业园区" are not districts, nor is the asker's own (咱区, 我们区, 本市).
AREA_NOUNS = frozenset(
    """小区 社区 园区 城区 片区 景区 街区 校区 辖区 市区 郊区 山区 厂区 营区 库区 矿区 学区 商区
    住宅区 居住区 生活区 办公区 功能区 示范区 试验区 保护区 服务区 风景区 集聚区 聚集区 开发区
    全区 本区 我区 该区 各区 此区 分区 郊县 全县 本县 各县
    咱区 俺区 们区 我县 咱县 俺县 们县 全市 本市 我市 咱市 俺市 们市 该市 各市
    城市 超市 夜市 集市 早市 街市 股市 楼市 车市 门市
    城镇 乡镇 村镇 集镇 小镇 重镇 全镇 本镇 各镇 该镇 城乡 家乡 故乡 老乡 下乡 水乡
    全乡 本乡 各乡 该乡 全省 本省 我省 各省 外省 外市 外县 全州 本州 我州 各州""".split()
)


def date_forms(date: str) -> list[str]:
    """The usual ways a text writes ``date`` (``"2024-04-30"``): 2024年4月30日 first,
    then 2024-04-30, 2024/4/30, 2024.04.30 with and without leading zeros; ``[]`` for
    anything but a full date."""
    parts = date.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return []
    y, m, d = parts
    forms = [f"{y}年{int(m)}月{int(d)}日"]
    forms += [
        f"{y}{sep}{mm}{sep}{dd}"
        for sep in "-/."
        for mm in dict.fromkeys((m, str(int(m))))
        for dd in dict.fromkeys((d, str(int(d))))
    ]
    return forms


def is_area_noun(name: str) -> bool:
    """``name`` ends in a common area noun (老小区, 产业园区): it names no place."""
    return any(name.endswith(noun) for noun in AREA_NOUNS)


# Who a citizen asks for (我外公, 我家孩子) and how often (每个月): words that say whose
# case or how often, never what a question is about (general Chinese kinship terms and
# the quantifiers jieba cuts from 每个月, 每年)
# the elders a citizen asks for (我奶奶85了): whose age a question may state
ELDER_KIN = (
    "爷爷 奶奶 姥姥 姥爷 外公 外婆 老人 老人家 父亲 母亲 爸爸 妈妈 我爸 我妈 老爸 老妈 老伴 公公 婆婆 岳父 岳母"
).split()
ASKER_WORDS = frozenset(ELDER_KIN) | frozenset(
    """我 我家 我们 咱 咱家 俺 俺家 家里 家人 父母 爱人 丈夫 妻子 老公 老婆 媳妇 儿子 女儿 孩子
    小孩 娃 孙子 孙女 外孙 外孙女 哥哥 姐姐 弟弟 妹妹 亲戚 每个 每次 每人 每户 每月 每年
    每天""".split()
)


# Common Chinese family names: a person's name in running text starts with one.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪"
)
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 夏侯 慕容 令狐 皇甫 尉迟 公孙 东方 长孙 宇文 司徒 端木".split()
)


def has_surname(name: str) -> bool:
    """``name`` opens with a common family name (王, 欧阳), as a Chinese person's name does."""
    return name[:1] in SURNAMES or name[:2] in COMPOUND_SURNAMES
