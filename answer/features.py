"""Declared features of an answer candidate: each a small named function.

A feature maps ``(context, candidate)`` to a float. :data:`FEATURES` fixes their
order; a fitted model stores these names and :func:`features_version` (a hash of the
code they compute with), and the loader refuses a model whose names or version differ. Features named in :data:`RELATIVE` are then re-expressed against the best
candidate of the same question (``value - max``), so a scorer sees how far a candidate
is from the best one as well as its own value.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np

from answer.analyse import (
    DATA,
    DATE,
    DATE_ASKED_RE,
    DAY_ASKED_RE,
    DURATION_ASKED_RE,
    END_ASKED_RE,
    FIELD_SHAPES,
    FIGURE,
    FREQUENCY_ASKED_RE,
    LIST,
    ORDINAL_ASKED_RE,
    OWNER,
    PERSON,
    PLACE,
    RANK_ASKED_RE,
    TERM,
    Question,
    contrasts,
    indicator_heads,
    qualified_heads,
    strip_years,
)
from answer.docfacts import SPEAKER, SPEAKER_ON_BEHALF_RE, asks_about_document
from answer.guidefields import shape_asked
from answer.sentences import (
    DURATION_RE,
    FREQUENCY_RE,
    NUMBER_RE,
    ORDINAL_RE,
    RANK_RE,
    RATIO_WORDS_RE,
    coverage_forms,
)
from ingest.commitment_tables import OWNER_ROLES, column_role
from ingest.places import find_mentions, names_a_division
from ingest.structure import marker_rank
from ingest.table_records import FIELD_SEP, LABEL_SEP
from lixia_qa import zh
from lixia_qa.codehash import Reader, code_hash, read_module
from lixia_qa.types import AnswerUnit, Chunk
from store.tokenize import is_place_name, is_word, pos_tags

# a count of people: 600人, 20余名, 3位, 4.5万户, 5万的居民, or a number of 万 said alone
# (说这种话的人约有150万。人口8.57万); not 18家 of 多少人
_PEOPLE = re.compile(r"人|名|位|员|口|户|的?[^\W\d]{0,2}?民|(?<=[万亿])(?=[，。；、）)])")
_AREA = re.compile(
    r"平方(?:千|公|厘|毫)?米|平方(?:公里|公尺|英里|英尺|呎|码)|平米|㎡|k?m²|[公英]?亩|公顷"
)
# a question asking for money, area, a share, a number of people, of times or of animals
# needs a figure of that family
_PLANTS = re.compile(r"棵|株")
_WEIGHT = re.compile(r"[万千]?公?吨|[公市]?斤|[千毫]?克(?![隆服拉])")
FAMILIES = {
    # money in yuan or another currency: 2亿港元, 1400万欧元, 200万日圆, 2.55亿人民币
    "元": re.compile(
        r"[港美欧日韩澳加英台]?[元圆]|新台币|人民币|美金|英镑|法郎|卢布|卢比|马克|里拉|比索"
    ),
    # an area: 平方米, 亩, 公顷, 平方公里, km² (a 面积 question may get any of them)
    "平方米": _AREA,
    "亩": _AREA,
    "%": re.compile(r"%|‰|百分点|成"),
    "人": _PEOPLE,
    "名": _PEOPLE,
    # a length: 米, 千米, 公里 (not 平方米)
    "米": re.compile(r"[千公厘毫]?米|公里|公尺|k?m(?![a-zA-Z²³])"),
    "岁": re.compile(r"周?岁"),  # an age: 18岁, 18周岁
    # a number of times: 3次, 120万人次, 两场, 第五届, 四轮
    "次": re.compile(r"人?次|场|届|轮|批|回|遍|趟"),
    # a number of animals, whichever counter the text uses for them: 12只, 745万头, 3匹,
    # 2000万羽 (poultry in bulletins)
    "头": re.compile(r"只|头|匹|羽"),
    # trees and plants: people count them in 棵, documents in 株 (行道树3.2万株)
    "棵": _PLANTS,
    "株": _PLANTS,
    # papers: people count them in 份, reports in 件 or 篇 (配发解读材料3件)
    "份": re.compile(r"份|件|篇"),
    # a weight: people say 斤, bulletins 吨 or 公斤 (粮食总产量38.2万吨 for 多少斤)
    "斤": _WEIGHT,
    "吨": _WEIGHT,
    "克": _WEIGHT,
}
# classifiers of anything: 只 counts animals, teams (几只乐队: 10队) and shares alike
GENERIC_MEASURES = frozenset({"个", "项", "倍", "只"})
# what a count (多少个, 几项) is never said in: a sum of money, a share or an area
# (training: of 188 questions asking 多少个 or 几个, no answer is one)
_NO_COUNT = (FAMILIES["元"], FAMILIES["%"], _AREA)
# a figure of a date or a length of time (20世纪90年代, 1990年, 3月, 5日, 10年): no count of
# things (几个停车位); training: of 151 generic count questions, as many gold sentences keep
# a figure as before (143), and 40 other sentences lose their last one
_DATE_FIGURE = re.compile(r"\s*(?:世纪|年代|年|月|日|号)")
# a count asked by its classifier, not a magnitude (多少个亿, 几个平方, 几个点)
_COUNT_ASKED_RE = re.compile(r"(?:多少|几)\s*[个项只](?![亿万千百平点wWkK])")
GENERIC_COUNTER = "个"  # the classifier of anything, whatever counter a question says
# a year counted from an era the text names (公元前28年, 西元14年, 民国16年, 民国元年)
_ERA_YEAR = rf"(?:公元|西元|民国)前?\s*(?:\d{{1,4}}|[{zh.CN_NONZERO}十元]{{1,4}})\s*年"
_DATE_IN_TEXT = re.compile(
    rf"(?:{zh.YEAR_4})\s*年|\d{{1,2}}\s*月(?:\d{{1,2}}\s*[日号])?"
    # a year of history (1788年, 415年): a year for a 何时 question, if not for scoping
    rf"|(?<![\d.])[1-9]\d{{2,3}}\s*年(?![{zh.NOT_YEAR_AFTER}])"
    rf"|{_ERA_YEAR}"
    rf"|[{zh.CN_NONZERO}十]{{1,3}}月|世纪|年代|朝|时期|之[前后]"
    # 春节期间, not the 期间 that starts a sentence or follows 此/这 ("meanwhile")
    rf"|(?<=[{zh.HAN}])(?<![此这该其那])期间"
    rf"|[\d{zh.CN_NONZERO}{zh.LIANG}十]+(?:个)?(?:年|月)(?:内|底|前|后|初|中)"  # 两年内, 3个月内
    r"|年[内底初中]|[上下]半年|季度|月[底初中]|月份|[今明去前次当]年|春节|国庆|[春夏秋冬]季"
    # an era (近代, 现代), not the adjective of government prose (现代化, 现代农业,
    # 现代服务业, 现代TOD项目): training: no gold sentence of 1,905 date questions is dated
    # by such a word alone
    r"|(?:[唐宋元明清汉晋隋秦周商夏]|近|现|古|当)代"
    r"(?!化|[A-Za-z]|农业|服务业|产业|物流|商贸|金融|制造|城市|都市|医药|工业|企业|治理|文明|种业|渔业)"
    # a time of day (9:00, 8时至, 6时半, 上午, 夜间): 开放时间, 办理时间, 播出时间
    r"|\d{1,2}\s*[:：]\s*\d{2}(?!\d)|\d{1,2}\s*[时点](?:半|整|\d{1,2}分|前|后|至|到|起|[-～~—])"
    r"|上午|下午|中午|早上|晚上|晚间|凌晨|傍晚|夜间|夜里"
)
# what answers which day: a month or a day (5月, 8月25日, 10-20, 下旬, 月底, 明日, 周三);
# not 3.5, a decimal more often than a date
_DAY_IN_TEXT = re.compile(
    rf"\d{{1,2}}\s*月|[{zh.CN_NONZERO}十]{{1,3}}月|\d{{1,2}}\s*[日号]|(?<!\d)\d{{1,2}}[-/]\d{{1,2}}(?!\d|\s*[年个岁天周万亿元人名%])"
    r"|[上中下]旬|月[底初中末]|[今明昨前后当次翌同][天日]|周[一二三四五六日末]|星期|礼拜"
    r"|春节|除夕|元旦|元宵|清明|端午|中秋|国庆|节假日"
)
# what answers when a period ends: a year, day or time ending it or set as a deadline
# (至12月25日, 到月底, 持续到1279年, 8月10日前, 截止时间为8月5日, 最迟于6月30日, 结束于
# 1921年), not a start (9月1日起)
_DAY_OR_TIME = (
    rf"(?:{zh.YEAR_4}|(?<!\d)[1-9]\d{{2,3}})\s*年(?!\s*\d)"
    rf"|(?:\d{{2,4}}\s*年\s*|[次翌当]日|第二天)?(?:\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*[日号])?|\d{{1,2}}\s*[日号]"
    rf"|[{zh.CN_NONZERO}十]{{1,3}}月|\d{{1,2}}\s*[:：]\s*\d{{2}}|\d{{1,2}}\s*[时点]|[上中下]旬|[月年][底末])"
)
_END_IN_TEXT = re.compile(
    rf"(?:至|到|[—–－~～-]|[止终]于|结束于|不晚于)\s*(?:{_DAY_OR_TIME})"
    rf"|(?:截[止至]|最[晚迟])[^，。；,;]{{0,6}}?(?:{_DAY_OR_TIME})"
    rf"|(?:{_DAY_OR_TIME})\s*(?:[之以]?前|为?止|截止|结束)"
)
_UNITS = "局|委员会|委|办公室|办|中心|街道|公司|集团|政府|部|院|所|站|队"
_UNIT_IN_TEXT = re.compile(rf"[{zh.HAN}]{{1,12}}(?:{_UNITS})")
# any organisation's name, for an owner question asking which one (哪个部门牵头): a body
# of government, a company, a school, an army, a town; training: the gold sentences of
# 63 of 66 such questions name one (the others: 文字与形象 部门, a set 盘, a person)
_ORGANISATION = re.compile(
    rf"[{zh.HAN}]{{1,12}}(?:{_UNITS}|处|厅|署|军|会|社|行|馆|校|组|室|团|司|镇|乡|企业|单位|机构|机关|班|科)"
)
# a list asked with its count (哪几家, 哪三个, 哪两条, 具体是哪六个; 十件实事都有哪些, 这两个
# 项目分别是什么): which ones, by name; training: the gold sentences of the 3 questions
# asking the second way enumerate
_COUNTED = r"[个家所项座条种位名大类支部批处样道路件]"
COUNTED_LIST_RE = re.compile(
    rf"哪[几两二三四五六七八九十]+{_COUNTED}?"
    rf"|(?<![第\d])(?:[两二三四五六七八九十]|\d+){_COUNTED}[^，。？?；]{{0,10}}?"
    r"(?:都|分别|具体)?(?:有|是|为(?!什么)|包括|包含|指)(?:哪些|哪几|什么|啥)"
)
# an enumeration, or one item of one: 甲、乙, 甲和乙, 甲及乙, 甲等, 一是…, 一种是…另一种, 甲至乙,
# “论坛+展览”, 甲/乙; training: the gold sentences of 174 of 176 questions asking a counted
# list enumerate so (the others: a part of a district, a comma-separated list of posts)
_ENUMERATION = re.compile(
    r"[、；;+＋/]|和|及|与|以及|还有|等|分别|[一二三四五六七八九十两]是|另一|一个是|至|到|[-－—]"
)
# a person named with a title (某某同志); with a post too, or a quoted name, for fit_person
# a name and its title (王明同志, 李华教授); not words before one (列席会议的同志, 各位同志)
_TITLED = re.compile(rf"(?:(?![的各位们和及与等关])[{zh.HAN}]){{2,3}}(?:先生|女士|教授|博士|同志)")
_PERSON_IN_TEXT = re.compile(rf"{_TITLED.pattern}|[{zh.HAN}]{{2,3}}(?:主席|书记|区长|市长)|“|《")


@dataclass
class Candidate:
    """One answer unit competing to answer, with where it came from."""

    row: int  # row of ``unit`` in the index's unit list (and vector matrix)
    unit: AnswerUnit
    chunk: Chunk | None  # the passage it was found in (or that holds it)
    hit_rank: int | None = None  # 0-based rank of that passage among fused hits
    ranks: dict[str, int] = field(default_factory=dict)  # 1-based dense/bm25 ranks
    vec_rank: int | None = None  # 0-based rank among units by vector similarity
    year: int | None = None  # the year it speaks about: its section's or its document's
    place: str | None = None  # the district its document is about (dominant_place)
    title: str = ""  # its document's title
    where: tuple[str, ...] = ()  # the names of the place its document is about, broad to narrow
    vec_unit: float = 0.0
    vec_passage: float = 0.0


@dataclass(frozen=True)
class Context:
    """What every feature of one question shares."""

    question: Question
    terms: tuple[str, ...]
    forms: tuple[tuple[str, ...], ...]
    weights: tuple[float, ...]  # IDF of each term; 0 for a term no passage contains
    all_weights: tuple[float, ...]  # the same with the `unseen` weight for those
    asked_places: frozenset[str] = frozenset()
    districts: frozenset[str] = frozenset()

    @cached_property
    def stated(self) -> frozenset[str]:
        """Figures the question itself gives."""
        return stated_figures(self.question.text)

    @cached_property
    def plain_terms(self) -> frozenset[str]:
        """The question's terms the corpus uses that name no place (a district's, one the
        question asks about, or any division's name or short form: 进贤, a verb to jieba)."""
        places = self.asked_places | self.districts
        return frozenset(
            t
            for t, w in zip(self.terms, self.weights, strict=True)
            if w > 0 and not any(t in p or p in t for p in places) and not names_a_division(t)
        )

    def cov(self, text: str) -> float:
        return coverage_forms(self.forms, self.weights, text)


Feature = Callable[[Context, Candidate], float]


def _read(c: Candidate, text: str) -> str:
    """``text`` as coverage reads it: a unit of a document about a district counts as
    naming that district ("历下" is covered by "年内重点实施30项民生实事" from a document
    about 历下区, as it is by every sentence of that document a reader sees). Districts
    are known by their stem (:func:`ingest.lexicon.district_stems`); the question may say
    it with its 区 or 县. So is the place its document states (阳江 by every sentence of a
    阳江市 bulletin)."""
    stated = " ".join(c.where)
    named = f"{c.place}区 {c.place}县 " if c.place else ""
    return f"{named}{stated} {text}" if named or stated else text


def _passage(c: Candidate) -> str:
    """The passage with its heading path, under its document's title."""
    return f"{c.title}\n{c.chunk.index_text() if c.chunk else c.unit.text}"


def _with_heading(c: Candidate) -> str:
    """The unit under its document's title and heading path: a reader sees both (a
    section of a report on 2024 says neither the year nor the district again)."""
    heading = c.chunk.heading if c.chunk else ""
    return f"{c.title}\n{heading}{c.unit.text}"


def cov_unit(ctx: Context, c: Candidate) -> float:
    """IDF-weighted share of the question's corpus terms the unit contains."""
    return ctx.cov(_read(c, c.unit.text))


def cov_passage(ctx: Context, c: Candidate) -> float:
    """The same share over the passage the unit was found in (title and heading path
    included)."""
    return ctx.cov(_read(c, _passage(c)))


def cov_heading(ctx: Context, c: Candidate) -> float:
    """The share covered by the unit together with its title and heading path."""
    return ctx.cov(_read(c, _with_heading(c)))


def cov_all(ctx: Context, c: Candidate) -> float:
    """Coverage counting terms no passage contains at the `unseen` weight (the old rule)."""
    return coverage_forms(ctx.forms, ctx.all_weights, _read(c, c.unit.text))


def cov_all_passage(ctx: Context, c: Candidate) -> float:
    """Passage coverage counting unseen terms at the `unseen` weight (the old rule)."""
    return coverage_forms(ctx.forms, ctx.all_weights, _read(c, _passage(c)))


def cov_all_heading(ctx: Context, c: Candidate) -> float:
    """Unit-with-heading coverage counting unseen terms at the `unseen` weight."""
    return coverage_forms(ctx.forms, ctx.all_weights, _read(c, _with_heading(c)))


def unseen_share(ctx: Context, c: Candidate) -> float:
    """Share of the question's weight in terms the corpus never uses (per question)."""
    total = sum(ctx.all_weights)
    unseen = sum(a for a, w in zip(ctx.all_weights, ctx.weights, strict=True) if w == 0)
    return unseen / total if total else 0.0


def missing_rare(ctx: Context, c: Candidate) -> float:
    """Weight of the most specific corpus term that neither unit nor passage holds."""
    text = _read(c, f"{c.unit.text}\n{_passage(c)}").lower()
    missing = [
        w
        for forms, w in zip(ctx.forms, ctx.weights, strict=True)
        if w > 0 and not any(f.lower() in text for f in forms)
    ]
    return max(missing, default=0.0)


def vec_unit(ctx: Context, c: Candidate) -> float:
    """Cosine of question and unit vectors."""
    return c.vec_unit


def vec_passage(ctx: Context, c: Candidate) -> float:
    """Cosine of question and passage vectors."""
    return c.vec_passage


def _inverse_rank(rank: int | None) -> float:
    return 0.0 if rank is None else 1.0 / (1.0 + rank)


def rank_fused(ctx: Context, c: Candidate) -> float:
    """1/(1+rank) of the passage among fused hits (0 when not retrieved)."""
    return _inverse_rank(c.hit_rank)


def rank_dense(ctx: Context, c: Candidate) -> float:
    return _inverse_rank(c.ranks["dense"] - 1) if "dense" in c.ranks else 0.0


def rank_keyword(ctx: Context, c: Candidate) -> float:
    return _inverse_rank(c.ranks["bm25"] - 1) if "bm25" in c.ranks else 0.0


def rank_unit(ctx: Context, c: Candidate) -> float:
    """1/(1+rank) of the unit among all units by vector similarity."""
    return _inverse_rank(c.vec_rank)


_MAGNITUDE = re.compile(r"[余多万亿千百十]{0,3}")


def figure_key(figure: str) -> str:
    return re.sub(r"\s+", "", figure)


def stated_figures(text: str) -> frozenset[str]:
    """The figures a text states ("1.3万", "15亿", "五十"), as compared between texts."""
    return frozenset(figure_key(m.group()) for m in NUMBER_RE.finditer(text))


# A table row is written as labelled text ("产品名称：钢材；单位：吨；产量：1577693"):
# a figure that is a cell's value is measured in its label ("比例（%）：78.6") or in the
# row's 单位 cell, and a cell labelled as a number, code or phone holds no quantity.
_LABEL = re.compile(r"\s*([^：:；;。，,]{1,24})[：:]\s*[-－+＋−]?\s*$")
_LABEL_UNIT = re.compile(r"[（(]([^（）()]{1,6})[）)]$")
_ROW_UNIT = re.compile(r"(?:^|[；;])\s*(?:计量)?单位[：:]\s*([^；;：:，,。\s]{1,4})\s*(?:[；;]|$)")
_ID_LABEL = re.compile(r"(?:序号|编号|号码|代码|编码|文号|索引号|邮编|邮政编码|电话|传真)$")


def cell_label(text: str, start: int) -> str | None:
    """The label of the table cell whose value starts at ``start`` ("产量" in
    "单位：吨；产量：1577693"), or None when the figure there is no cell's value."""
    cell = max(text.rfind("；", 0, start), text.rfind(";", 0, start)) + 1
    label = _LABEL.fullmatch(text, cell, start)
    return label.group(1).strip() if label else None


def cell_unit(text: str, start: int) -> str:
    """What the cell value at ``start`` is measured in: its label's bracketed unit
    ("比例（%）"), else the row's 单位 cell ("单位：吨"); "" when neither says."""
    label = cell_label(text, start)
    if label is None:
        return ""
    bracketed = _LABEL_UNIT.search(label)
    if bracketed:
        return bracketed.group(1)
    row = _ROW_UNIT.search(text)
    return row.group(1) if row else ""


def _identifier(text: str, start: int) -> bool:
    label = cell_label(text, start)
    return label is not None and bool(_ID_LABEL.search(label))


# a caption's own number: "表1 2023年末常住人口数及其构成", "图2", "附件3"
_CAPTION_NUMBER = re.compile(r"\s*(?:附表|附图|图表|附件|表|图)\s*(?=\d)")


# a labelled code: 索引号：000014349/2026-03793, 文号：12-3 (every number in it is the code's)
_CODE_RE = re.compile(rf"(?:{_ID_LABEL.pattern[:-1]})[：:]\s*[0-9A-Za-z][0-9A-Za-z/\-－_.]*")
# a short quoted name: a slogan's numbers name it (“三大高地”、“五个章贡”, “十四五”);
# training: none of 1,093 figure questions' gold figures is inside one
_QUOTED_NAME = re.compile(r"[“‘「『\"][^“”‘’「」『』\"\n]{1,12}[”’」』\"]")
# a note's or an item's mark: …和一个更新”（1）攻坚战, （2）加强… (training: no gold figure is one)
_NOTE_MARK = re.compile(r"[（(]\d{1,2}[）)]")
# a number written with a leading zero is a code, no quantity: 061基地, 区号0852, 股票代码
# 01222 (not 0.5, a thousands group 5,057, a time 3分08秒, a code's letters KK02; training:
# no gold figure is one)
_LEADING_ZERO = re.compile(r"(?<![\dA-Za-z.,，:：])0\d+(?![\d.]|\s*[年月日时分秒点号])")


def new_figures(text: str, stated: frozenset[str] = frozenset()) -> list[re.Match[str]]:
    """The figures of ``text`` that are not among ``stated`` (those the question gives:
    "2.4万个床位里，养老的占多少个" is not answered by "新增床位2.4万个"), less a table
    cell's number or code ("序号：51", 索引号：000014349/2026-03793), a number naming a
    slogan in quotes (“五大战略”), a note's mark ((1)), a code with a leading zero (061基地),
    an ordinal (第三次全体会议: which one, not how many; a question asking one reads
    :data:`ORDINAL_RE` apart) and the number of a caption it starts with (training: of
    1,319 figure questions asking no rank, one gold figure is an ordinal alone, 第一类渔港
    for 渔港等级是多少)."""
    caption = _CAPTION_NUMBER.match(text)
    names = [
        m.span()
        for pattern in (_CODE_RE, _QUOTED_NAME, _NOTE_MARK, _LEADING_ZERO)
        for m in pattern.finditer(text)
    ]
    return [
        m
        for m in NUMBER_RE.finditer(text)
        if figure_key(m.group()) not in stated
        and not _identifier(text, m.start())
        and not any(lo <= m.start() < hi for lo, hi in names)
        and not (caption and m.start() == caption.end())
        and not _session(text, m)
        and not _ORDINAL_BEFORE.search(text, max(0, m.start() - 2), m.start())
    ]


_ORDINAL_BEFORE = re.compile(r"第\s?$")


# a session's number: 十七届人大四次会议, 七届三次全会 (the fourth session of the
# seventeenth congress), a name and no count of meetings
_MEETING = r"会议|全会|全体会议"  # what a session of a congress is called (四次会议)
_SESSION_AFTER = re.compile(rf"次(?:{_MEETING}|常委会议?)")
_SESSION_BEFORE = re.compile(r"届[^，。；、\d]{0,6}$")


def _session(text: str, m: re.Match[str]) -> bool:
    return bool(_SESSION_AFTER.match(text, m.end())) and bool(
        _SESSION_BEFORE.search(text, max(0, m.start() - 8), m.start())
    )


def family_ok(text: str, measure: str | None, stated: frozenset[str] = frozenset()) -> bool:
    """The text has a figure of the asked family (yuan, area, percent), when one is asked."""
    family = _family(measure)
    return family is None or bool(_of_family(text, new_figures(text, stated), family))


def _family(measure: str | None) -> re.Pattern[str] | None:
    if not measure or measure in GENERIC_MEASURES:
        return None
    return next((f for unit, f in FAMILIES.items() if measure.endswith(unit)), None)


# a sum written with its currency's sign before it: $16.6, ¥20
_CURRENCY_SIGN = re.compile(r"[$¥￥€£]\s?$")


def _of_family(
    text: str, figures: Sequence[re.Match[str]], family: re.Pattern[str]
) -> list[re.Match[str]]:
    return [
        m
        for m in figures
        if family.match(text, _after_magnitude(text, m.end()))
        or family.search(text[m.start() : m.end()])
        or family.search(cell_unit(text, m.start()))
        or (family is FAMILIES["元"] and bool(_CURRENCY_SIGN.search(text, 0, m.start())))
    ]


# a figure said per head, an average: 人均, 户均, 平均每人 between the start of its clause
# and the figure (a rate of a benefit or fee, 每人每月60元, is what each one gets, and
# answers as any figure); a question asks per head in these words or in a citizen's
# (平均, 一个人)
PER_HEAD_RE = re.compile(r"人均|户均|平均每[人户]")
# (一人一年能挣多少; not 第一人, 同一人, 哪一人)
_PER_HEAD_WORDS = r"人均|户均|每人|每户|平均|每个人|一个人|(?<![第同哪唯单])一人(?![次民])|每家"
PER_HEAD_SAID_RE = re.compile(_PER_HEAD_WORDS)
PER_HEAD_ASKED_RE = re.compile(
    _PER_HEAD_WORDS
    # residents' income or spending, which statistics give per head, in everyday verbs too
    # (农民一年能挣多少, 城里人一年花多少, 农村老百姓2023年收入涨了多少)
    + r"|(?:居民|农民|职工|城里人|农村人|老百姓)[^，。？?]{0,8}(?:收入|工资|消费|支出|挣|赚|花)"
)
# up to where a figure's clause starts (the last comma, semicolon, sentence end or line
# break before it)
_CLAUSE_START = re.compile(r".*[，,；;。！？\n]", re.DOTALL)


# a part of the year (前三季度, 一季度, 上半年, 1-10月, 前10个月): a figure after one in its
# sentence is that part's, and an answer quoting it keeps the part (select.trim)
PART_YEAR_RE = re.compile(
    r"[一二三四1-4]季度|[上下]半年|前(?:\d{1,2}|[一二三四五六七八九十两]{1,2})个?月"
    r"|(?<![\d.])[1一]\s*[-—–~～至到]\s*(?:1[01]|[2-9]|十一|十|[二三四五六七八九])\s*月"
)
# a quarter's or half-year's figure does not answer a question naming no month, quarter
# or half-year (到11月底, 头三个月, as any): that asks the whole year's. Months (1-11月)
# are not read so: such sentences state counts of things in hand (项目70个) as often
PART_YEAR_ASKED_RE = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月|季度|半年|个月")
QUARTER_OR_HALF_RE = re.compile(r"[一二三四1-4]季度|[上下]半年")


# a figure over several years (“十三五”期间…累计完成264.6亿元, 2019年以来累计) does not
# answer a question naming one year that asks no total over years
OVER_YEARS_ASKED_RE = re.compile(
    r"累计|一共|总共|合计|总计|期间|以来|这些年|加起来|加一块|加在一起|[一二三四五六七八九十]五"
    r"|(?<![\d〇零一二三四五六七八九十])[两二三四五六七八九十几多]年(?!\d)"  # 过去四年, 这几年
)
_OVER_YEARS_RE = re.compile(r"累计|[几多两三四五十]年来|\d{4}年以来")


def over_years(before: str) -> bool:
    """The clause ending in ``before`` (the text up to a figure) says the figure is
    summed over years (累计, 五年来, 2019年以来)."""
    near = before[-120:]
    return bool(_OVER_YEARS_RE.search(_clause_before(near, len(near))))


SENTENCE_OR_LINE = re.compile(r".*[。；;！？\n]", re.DOTALL)  # up to where one starts


def sentence_start(before: str) -> int:
    """Where the sentence (or line) ending in ``before`` starts in it."""
    cut = SENTENCE_OR_LINE.match(before)
    return cut.end() if cut else 0


def for_part_of_year(before: str, part: re.Pattern[str] = PART_YEAR_RE) -> bool:
    """The sentence ending in ``before`` (the text up to a figure) names a ``part`` of
    the year: the figure is that part's."""
    before = before[-200:]
    return bool(part.search(before, sentence_start(before)))


# a yield per area: 亩产, 单产, 每亩 before the figure in its clause, or 公斤/亩 after it;
# asked in the same words
PER_AREA_RE = re.compile(r"亩产|单产|每亩|亩均|单位面积产量")
_PER_AREA_AFTER = re.compile(r"[^，。；;,]{0,4}/(?:亩|公顷)")


# a clause restating a figure of its sentence in other units (按汇率折算约合3868美元)
# (…228594元，按平均汇率计算为32098美元: a conversion at an exchange rate restates too)
_RESTATES = re.compile(r"折合|约合|折算|相当于|汇率")
_SENTENCE_START = re.compile(r".*[。；;！？]", re.DOTALL)
# a clause saying only how the figure of the clause before it changed (…77434元，增长3.4%)
_CHANGE_ONLY = re.compile(
    r"\s*(?:比上年末?|较上年末?|同比|比去年)?(?:增长|下降|增加|减少|提高|降低|上升|回落)了?\s*"
)


def _clause_before(text: str, start: int) -> str:
    """What the clause of the figure at ``start`` says before it."""
    before = text[:start]
    cut = _CLAUSE_START.match(before)
    return before[cut.end() if cut else 0 :]


def _said_before(text: str, start: int, words: re.Pattern[str]) -> bool:
    """The clause of the figure at ``start`` says one of ``words`` before it, or its
    sentence does, when the clause restates a figure of it (人均…26858元，…约合3868美元)."""
    clause = _clause_before(text, start)
    if _RESTATES.search(clause):
        cut = _SENTENCE_START.match(text[: start - len(clause)])
        clause = text[cut.end() if cut else 0 : start]
    elif _CHANGE_ONLY.fullmatch(clause) and start > len(clause):
        clause = _clause_before(text, start - len(clause) - 1) + clause
    return bool(words.search(clause))


def per_head(text: str, start: int) -> bool:
    """The figure at ``start`` is said per head: its clause says 人均 (户均, 平均每人)
    before it ("人均地区生产总值98149元"; not "每人每月60元", a benefit's rate)."""
    return _said_before(text, start, PER_HEAD_RE)


def per_area(text: str, m: re.Match[str]) -> bool:
    """The figure ``m`` is a yield per area: 亩产520公斤, 平均每亩产量, 520公斤/亩,
    单位面积产量（公斤/公顷）：6290.2 (a table row's label)."""
    label = _ROW_LABEL.search(text, 0, m.start())
    return (
        _said_before(text, m.start(), PER_AREA_RE)
        or bool(_PER_AREA_AFTER.match(text, m.end()))
        or bool(label and _PER_AREA_LABEL.search(label.group(1)))
    )


# what names an indicator (answer/data/indicators.txt): its head word, last in its name
# (增加值 of 规模以上工业增加值), and the words before the head qualifying it
@lru_cache(maxsize=1)
def _indicator_heads() -> tuple[re.Pattern[str], dict[str, int]]:
    group_of = {form: i for i, forms in enumerate(indicator_heads()) for form in forms}
    words = sorted(group_of, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)), re.IGNORECASE), group_of


def named_heads(text: str) -> list[tuple[re.Match[str], int]]:
    """The indicator head words ``text`` says, in order, each with its indicator."""
    pattern, group_of = _indicator_heads()
    return [(m, group_of[m.group().lower()]) for m in pattern.finditer(text)]


# what ends the words qualifying a question's head: a year, a possessive, what asks
_QUALIFIER_CUT = re.compile(rf"[^{zh.HAN}]|年|的|多少|几")
# qualifiers every indicator may take unsaid: the whole place or all its residents
# (全体居民人均可支配收入 is 居民人均可支配收入), the year
_GENERIC_QUALIFIER = re.compile(
    r"^(?:[全本][省市州县区镇乡国]|全体|全体居民|居民|全年|今年|去年|当年|年末|年底|一年|总)$"
)


@lru_cache(maxsize=4096)
def figure_label(text: str, start: int) -> str:
    """What names the figure at ``start``: its clause before it, with the clauses before
    that while it names no indicator (比上年增长6.1% after 地区生产总值466亿元; 27.4% in
    三产业增加值分别为4.2%、27.4%), within its sentence."""
    label = _clause_before(text, start)
    begin = start - len(label)
    for _ in range(3):
        if named_heads(label) or begin == 0 or text[begin - 1] in "。；;！？!?\n":
            break
        before = _clause_before(text, begin - 1)
        label = before + text[begin - 1] + label
        begin -= len(before) + 1
    return label


def other_measure(
    q: Question, text: str, start: int, lead: str = "", known: Collection[str] | None = None
) -> bool:
    """The figure at ``start`` of ``text`` is of another indicator than figure question
    ``q`` asks. Its label (:func:`figure_label`) names an indicator by a head word (收入,
    产量, 增加值) and not by the one the question's last clause names last (拿专利做质押贷款，
    贴息能贴多少 asks no indicator's figure), in any of its forms:
    人均地区生产总值 does not answer 城里人人均收入多少, nor 第三产业增加值 粮食产量多少. Or,
    for a head whose qualifiers tell indicators apart (``qualified`` in
    answer/data/indicators.txt), its sentence up to it (from ``lead``, what precedes
    ``text``) lacks the word the question qualifies that head with nearest to it
    (:func:`_qualifier`): 规上工业 for 第三产业增加值, 工资性 for 居民人均可支配收入, 人均 for
    地区生产总值（GDP）. Qualifiers are checked only among ``known``, the question's words
    the corpus uses and that name no place (a citizen's word the documents never use says
    nothing); without them only heads are. A share (占全市生产总值的) names two
    indicators: it is of neither when it names neither head, and its qualifiers are left
    alone; a question asking one is left alone."""
    if q.kind != FIGURE or _SHARE.search(q.text):
        return False
    label = figure_label(text, start)
    before = (lead + text[:start])[-200:]
    before = before[sentence_start(before) :]
    if _contrasted(q.text, label, before):
        return True
    asked = _asked_indicator(q, None if known is None else frozenset(known))
    said = named_heads(label)
    if asked is None or not said:
        return False
    if not any(g == asked.group for _, g in said):
        return not any(f in label.lower() for f in asked.forms)
    if known is None or asked.group not in qualified_heads() or _SHARE.search(label):
        return False
    if asked.averaged and not PER_HEAD_RE.search(before):
        return True
    qualifier = [
        *asked.qualifier,
        *(_JOINED + f[2:] for f in asked.qualifier if f.startswith(_JOINED_KINDS)),
    ]
    return bool(qualifier) and not any(_said_apart(f, before) for f in qualifier)


def _contrasted(question: str, label: str, before: str) -> bool:
    """A figure's ``label`` (or, for some sets, its sentence ``before`` it) says a member
    of a set of :func:`answer.analyse.contrasts` that ``question`` does not and not the
    one it does (年末户籍人口 for 常住人口多少, 预期目标是：…增长6% for 实际增长了多少)."""
    for (members, in_sentence), asked in zip(contrasts(), _members_asked(question), strict=True):
        said_in = before if in_sentence else label
        said = {i for i, forms in enumerate(members) if any(f in said_in for f in forms)}
        if asked and said and not asked & said:
            return True
    return False


@lru_cache(maxsize=1024)
def _members_asked(question: str) -> tuple[frozenset[int], ...]:
    """For each set of :func:`answer.analyse.contrasts`, the members ``question`` names:
    read once per question, not for every figure of every candidate. Of an event's
    members named both, a 什么时候 question asks those it names after asking when
    (封闭管理什么时候解封的 asks 解封; 何时动工，何时完工 both)."""
    when = DATE_ASKED_RE.search(question)
    out = []
    for members, _ in contrasts():
        named = frozenset(i for i, forms in enumerate(members) if any(f in question for f in forms))
        if when is not None and len(named) > 1:
            after = question[when.start() :]
            later = frozenset(i for i in named if any(f in after for f in members[i]))
            named = later or named
        out.append(named)
    return tuple(out)


@dataclass(frozen=True)
class _Asked:
    """The indicator a figure question asks (:func:`_asked_indicator`)."""

    group: int  # its place in answer/data/indicators.txt
    forms: tuple[str, ...]  # the forms of the question's words holding its head, lowercased
    averaged: bool  # asked per head (:func:`_qualifier`)
    qualifier: tuple[str, ...]  # the forms of the word qualifying its head nearest to it


@lru_cache(maxsize=1024)
def _asked_indicator(q: Question, known: frozenset[str] | None) -> _Asked | None:
    """The indicator figure question ``q`` asks, read once per question: the head its last
    clause names last, and, among ``known`` words, how it is qualified (:func:`_qualifier`);
    None when that clause names no head."""
    clause = re.split(r"[，,；;。]", strip_years(q.text).replace(" ", "").rstrip("，,；;。？?！!"))
    asked = named_heads(clause[-1])
    if not asked:
        return None
    head, group = asked[-1]
    name = head.group().lower()
    forms = tuple(f.lower() for t in q.terms if name in t.lower() for f in q.term_forms(t))
    forms = forms or (name,)  # a head no one word holds (可支配收入 of 支配, 收入)
    if known is None or group not in qualified_heads():
        return _Asked(group, forms, False, ())
    averaged, qualifier = _qualifier(q, head, indicator_heads()[group], known)
    return _Asked(group, forms, averaged, tuple(qualifier))


def _qualifier(
    q: Question, head: re.Match[str], heads: tuple[str, ...], known: Collection[str]
) -> tuple[bool, list[str]]:
    """The forms of the word figure question ``q`` qualifies its indicator's ``head``
    with nearest to it: the part of a word holding the head (人均 of 人均收入), or the
    last of ``known`` words in the run of words before it (规上工业 of 规上工业增加值); no
    generic word (全县, 全年), place (商洛, 五里镇) or form of the head (外贸 of
    外贸进出口), and whether it is averaged (人均, 平均收入, 平均每个人摊多少GDP: said in
    any of :data:`PER_HEAD_RE`'s words). No word when two are joined (城里人和农村人收入:
    a sentence may join them, 城乡)."""
    name = head.group().lower()
    run = head.string[: head.start()]
    run = run[max((m.end() for m in _QUALIFIER_CUT.finditer(run)), default=0) :]
    averaged = bool(_AVERAGED.search(run) or _PER_PERSON.search(head.string[: head.start()]))
    averaged = averaged or any(
        _AVERAGED.search(t[: t.lower().find(name)]) for t in q.terms if name in t.lower()
    )
    if _COORDINATED.search(run):
        return averaged, []
    places = [head.string[m.start : m.end] for m in find_mentions(head.string, loose=True)]

    def nearness(word: str) -> int:
        return len(run) + 1 if name in word.lower() else run.rfind(word) + len(word)

    words = [t for t in q.terms if t in known and (t in run or name in t.lower())]
    for word in sorted(words, key=nearness, reverse=True):
        at = word.lower().find(name)
        if at == 0 or word[:at].lower() in heads or word.lower() in heads:
            continue  # the head itself, said again (外贸进出口), or what follows it (人口数量)
        if at > 0 and _AVERAGED.fullmatch(word[:at]):
            continue  # averaged (平均收入): checked as such
        if _names_place(word) or any(word in p for p in places):
            continue
        forms = ([word[:at]] if at > 0 else []) + list(q.term_forms(word))
        forms = [f for f in forms if f.lower() not in heads and len(f) >= 2]
        forms = [f for f in forms if not _AVERAGED.fullmatch(f)]
        if forms and not all(_GENERIC_QUALIFIER.match(f) for f in forms):
            return averaged, forms
    return averaged, []


_COORDINATED = re.compile(r"[和与跟及、]|还有")
_AVERAGED = re.compile(r"人均|平均|户均|每人|每个人|每户")
# per head anywhere before the head (平均每个人摊多少GDP), not an average over time (年均)
_PER_PERSON = re.compile(r"人均|户均|每人|每个人|每户|一个人")
# a word naming a place (a town, a street, a village) or a people: the subject, no qualifier
_PLACE_WORD = re.compile(r"(?:[省市县区州旗镇乡村国族]|街道|社区)$")
# the kinds of area statistics tell residents and indicators apart by (城镇居民, 农村居民,
# 城市低保): qualifiers, though they end as a place's name does
_AREA_KINDS = frozenset({"城镇", "农村", "乡村", "城乡", "城市", "城区", "乡镇"})
# the word saying two kinds of area together, each in its turn (城乡居民人均可支配收入分别…),
# and the kinds it says
_JOINED = "城乡"
_JOINED_KINDS = ("城镇", "城市", "农村", "乡村")


def _names_place(word: str) -> bool:
    """``word`` names a place or a people (五里镇, 苗族, 商洛), not a kind of area (城镇,
    a place name to jieba)."""
    return word not in _AREA_KINDS and (bool(_PLACE_WORD.search(word)) or is_place_name(word))


def _said_apart(word: str, text: str) -> bool:
    """``text`` says ``word``, a longer one perhaps with words between its halves
    (城镇居民 in 城镇常住居民)."""
    if word in text:
        return True
    if len(word) < 4:
        return False
    half = len(word) // 2
    at = text.find(word[:half])
    return at >= 0 and word[half:] in text[at + half : at + half + 6]


# the label a table row's cell value follows (…；单位面积产量（公斤/公顷）：6290.2), and
# what says in it that the value is a yield per area
_ROW_LABEL = re.compile(r"([^；;：:]+)[：:]\s*$")
_PER_AREA_LABEL = re.compile(rf"{PER_AREA_RE.pattern}|/(?:亩|公顷)")


def _settled_figures(
    text: str, q: Question, stated: frozenset[str], row: bool
) -> list[re.Match[str]] | None:
    """The figures that may answer ``q`` when settled before the general rules: none of
    a table row about another indicator, only the ranks for a question asking where
    something stands (排第几: a rank, not what is ranked); None otherwise."""
    if row and _other_indicator(text, q):
        return []
    if RANK_ASKED_RE.search(q.text):
        return _said_in_words(RANK_RE, text, stated)
    return None


def asked_figures(
    text: str,
    q: Question,
    stated: frozenset[str] = frozenset(),
    row: bool = False,
    lead: str = "",
    known: Collection[str] | None = None,
) -> list[re.Match[str]]:
    """The figures of ``text`` that may answer figure question ``q``: those it does not
    state itself, of the asked family, a length of time when one is asked (服满多久:
    两年, not 仅限1次; training: the gold sentences of 114 of 115 such questions say one,
    the other a date for 举办日期是多久), not a table cell of another kind of ratio (a
    growth for a share), a yield per area exactly when one is asked (亩产), and, unless it
    asks per head (人均, 平均, 每户), not said per head: 人均地区生产总值 does not answer
    地区生产总值多少; unless it names a part of the year, not said for a quarter or half
    (:func:`for_part_of_year`, reading the sentence from ``lead``, what precedes
    ``text`` in it): 前三季度地区生产总值 does not answer a year's; in prose, not one of
    another indicator (:func:`other_measure`, its qualifiers checked among ``known``).
    A table ``row`` answers only about its indicator (:func:`indicator`)."""
    settled = _settled_figures(text, q, stated, row)
    if settled is not None:
        return settled
    figures = new_figures(text, stated)
    if FREQUENCY_ASKED_RE.search(q.text):
        figures += _said_in_words(FREQUENCY_RE, text, stated)
        if DURATION_ASKED_RE.search(q.text):
            figures += _said_in_words(DURATION_RE, text, stated)
    elif DURATION_ASKED_RE.search(q.text):
        figures = _said_in_words(DURATION_RE, text, stated)
    if ORDINAL_ASKED_RE.search(q.text):
        figures += _said_in_words(ORDINAL_RE, text, stated)
    family = _family(q.measure)
    if family is not None:
        figures = _of_family(text, figures, family)
    elif q.measure in GENERIC_MEASURES and _COUNT_ASKED_RE.search(q.text):
        figures = [
            m
            for m in figures
            if not any(_of_family(text, [m], f) for f in _NO_COUNT)
            and not _DATE_FIGURE.match(text, m.end())
        ]
    if q.measure == "%":
        figures += _said_in_words(RATIO_WORDS_RE, text, stated)
    figures = [m for m in figures if not _other_ratio(text, m.start(), q.text)]
    if not _THRESHOLD_ASKED_RE.search(q.text):
        figures = [m for m in figures if not _CLASS_THRESHOLD.match(text, m.end())]
    return _of_asked_kind(text, figures, q, row, lead, known)


# a figure drawing a class of projects or firms (5000万元以上重大项目, 亿元以上项目, 规模以上
# 企业): the class's threshold, no amount of any one of them; training: of 1,410 figure
# questions' gold answers found, none is followed so (the 8 followed by 以上 / 以下 are
# thresholds asked for: 32人以上的联机, 海拔100米以上的山区)
_CLASS_THRESHOLD = re.compile(
    r"[^\d，。；、]{0,3}?以[上下]的?(?:重大|重点|在建|新开工|新建|续建|产业|工业)?(?:项目|企业|工程)"
)
_THRESHOLD_ASKED_RE = re.compile(r"以[上下]")


def _of_asked_kind(
    text: str,
    figures: list[re.Match[str]],
    q: Question,
    row: bool,
    lead: str,
    known: Collection[str] | None,
) -> list[re.Match[str]]:
    """Of ``figures``, those of the kind ``q`` asks (:func:`asked_figures`): a yield per
    area or not, no area unless land is asked (粮食打了多少 is not answered by 播种面积327.8
    万亩; training: of 794 figure questions naming no measure, none whose answer is an
    area lacks a word of land or size), a whole year's, of the asked indicator
    (:func:`other_measure`), no change or share unless asked (:func:`_unasked_ratio`),
    per head or not."""
    by_area = bool(PER_AREA_RE.search(q.text))
    figures = [m for m in figures if per_area(text, m) == by_area]
    if q.measure is None and not _LAND_ASKED.search(q.text):
        figures = [m for m in figures if not _AREA.match(text, _after_magnitude(text, m.end()))]
    if not PART_YEAR_ASKED_RE.search(q.text):
        quarter = QUARTER_OR_HALF_RE
        figures = [m for m in figures if not for_part_of_year(lead + text[: m.start()], quarter)]
    if len(q.years) == 1 and not OVER_YEARS_ASKED_RE.search(q.text):
        figures = [m for m in figures if not over_years(text[: m.start()])]
    # prose: a sentence, or a table cell's text around its figure (落实情况：1-6月，…综合产值
    # 324.33亿元), not a cell's value alone (产量：1577693)
    figures = [
        m
        for m in figures
        if (row and cell_label(text, m.start()) is not None)
        or not (other_measure(q, text, m.start(), lead, known) or _unasked_ratio(text, m, q))
    ]
    if PER_HEAD_SAID_RE.search(q.text):
        # what one person or household gets or earns, asked in so many words (人均能挣
        # 多少), is never said in 亿 (training: of 179 such questions, no answer is)
        return [m for m in figures if "亿" not in text[m.start() : _after_magnitude(text, m.end())]]
    if PER_HEAD_ASKED_RE.search(q.text):
        return figures
    return [m for m in figures if not per_head(text, m.start())]


def _said_in_words(
    pattern: re.Pattern[str], text: str, stated: frozenset[str]
) -> list[re.Match[str]]:
    """The figures of a kind only some questions ask (三年, 四分之三) that ``text`` says
    and the question does not."""
    return [m for m in pattern.finditer(text) if figure_key(m.group()) not in stated]


# a statistical table's row names its indicator in its first cell, labelled or not
# ("指标：#住宅；…", the 住宅 part of the row above; "粮食；产量（吨）：1223474")
_INDICATOR_LABEL = re.compile(r"^(?:指标|项目|指标名称|产品名称|名称|类别)[：:]")
_PART_MARK = re.compile(r"^(?:[#＃]|其中[：:]?)\s*")


def indicator(row: str) -> str | None:
    """The indicator a table row (as labelled text) gives figures of, or None when its
    first cell names none (年份：2018年, 单位：某某局)."""
    first = _PART_MARK.sub("", re.split(r"[；;]", row, maxsplit=1)[0].strip())
    label = _INDICATOR_LABEL.match(first)
    if label:
        first = first[label.end() :]
    elif re.search(r"[：:]", first):
        return None
    return _PART_MARK.sub("", first.strip()) or None


def _other_indicator(text: str, q: Question) -> bool:
    """``text``, a table row, gives the figures of an indicator (指标：商品房销售额) and
    the question, with its words' other forms, shares no two characters with that name:
    房地产开发投资 is answered neither by the 商品房销售额 row nor by its #住宅 sub-row; or
    the name says a qualifier contrasting with the question's (:func:`_contrasted`:
    常住人口 for 户籍人口多少)."""
    name = indicator(text)
    if name is None:
        return False
    if _contrasted(q.text, name, name):  # 常住人口's row for 户籍人口多少
        return True
    said = q.text + "".join("".join(forms) for forms in q.forms)
    return not any(name[i : i + 2] in said for i in range(len(name) - 1))


# what a ratio is: a share of a whole, or a change on an earlier figure (增加值 is value
# added, no change)
_SHARE = re.compile(r"占|比重|比例|份额|构成|占比")
_CHANGE = re.compile(
    r"增长|增速|增幅|增减|增加(?!值)|减少|下降|上升|降低|回落|增产|减产|同比|比上年|比年初|提高|涨"
)


def _other_ratio(text: str, start: int, question: str) -> bool:
    """The figure at ``start`` is a table cell whose label says it is a change (比上年增长
    （%）) and the question asks a share (占比多少), or the other way round: a row's
    growth column does not answer 数字经济占GDP多少. In prose its clause says so, and
    a clause saying both (占比提高到38%) may answer either."""
    cell = cell_label(text, start)
    label = figure_label(text, start) if cell is None else cell
    for said, other in ((_CHANGE, _SHARE), (_SHARE, _CHANGE)):
        if cell is None and other.search(label):
            continue
        if said.search(label) and other.search(question) and not said.search(question):
            return True
    return False


# what asks about land or size, when a question names no measure: 耕地有多少, 有多大
_LAND_ASKED = re.compile(
    r"地|面积|亩|种(?!类)|造林|多大|多广|公顷|平方|规模|范围|区域|幅员|耕|林|草"
)
# a percentage (7.9%, 3个百分点) and a share said (占…比重, not 占地)
_PERCENT_AFTER = re.compile(r"\s*(?:%|％|‰|个?百分点)")
_SHARE_SAID = re.compile(r"占(?![地用有])|比重|比例|份额|占比")


def _unasked_ratio(text: str, m: re.Match[str], q: Question) -> bool:
    """The figure ``m`` is a percentage its label says is a change or a share (增长7.9%,
    占地区生产总值比重为52.5%) and the question asks neither, nor a percentage or rate:
    天镇县经济总量有多大 asks an amount. Training: of the 1,416 figure questions whose
    answer is found, none asking neither is answered by such a percentage."""
    if q.measure == "%" or _CHANGE.search(q.text) or _SHARE.search(q.text):
        return False
    if not (m.group().endswith("%") or _PERCENT_AFTER.match(text, m.end())):
        return False
    label = figure_label(text, m.start())
    return bool(_SHARE_SAID.search(label) or _CHANGE.search(label))


def _after_magnitude(text: str, end: int) -> int:
    """Where the unit starts after a figure ending at ``end``: past 余/多/万/亿 ("550余亩")."""
    gap = _MAGNITUDE.match(text, end)
    return gap.end() if gap else end


def measure_after_number(
    text: str, measure: str | None, stated: frozenset[str] = frozenset()
) -> bool:
    """The asked measure word follows a figure the question does not state ("几所" and
    "新建12所", "40余万件"), not an ordinal (第28个)."""
    if not measure:
        return False
    said = _said_for(measure)
    return any(
        text.startswith(said, _after_magnitude(text, m.end()))
        or cell_unit(text, m.start()).endswith(said)
        for m in new_figures(text, stated)  # no ordinal: 第28个 counts nothing
    )


# counters said for one another: people count buildings in 栋 where texts say 幢
# (training: 多少栋花园住宅 is answered 288幢), firms in 家 where bulletins say 户 (新登记
# 企业3278户), tasks in 件 where lists say 项 (50项民生实事), kinds in 种 where texts
# say 类 or 项 (几种补贴: 三类补贴); not 个, which counts anything (20多个湖塘 for 多少种鸟)
_SAID_FOR = {
    "栋": "栋幢座",
    "幢": "幢栋座",
    "家": "家户",
    "户": "户家",
    "件": "件项",
    "种": "种类项",
}


def _said_for(measure: str) -> tuple[str, ...]:
    """``measure`` and the counters said for it (:data:`_SAID_FOR`)."""
    others = _SAID_FOR.get(measure[-1], measure[-1])
    return tuple(measure[:-1] + c for c in others)


def fit_figure(ctx: Context, c: Candidate) -> float:
    """A figure question and the unit has a figure that may answer it
    (:func:`asked_figures`): of the asked family, not stated by the question, per head
    only when asked per head."""
    q = ctx.question
    if q.kind != FIGURE:
        return 0.0
    if c.chunk is not None and _heading_contrasted(q.text, c.chunk.heading):
        return 0.0
    row = c.unit.kind == "row"
    lead = _lead(c)
    figures = asked_figures(c.unit.text, q, ctx.stated, row, lead, ctx.plain_terms)
    return float(bool(figures))


# a heading over how a plan went (完成情况, 工作回顾, 执行情况): the figures under it were
# achieved, whatever targets it names
_ACHIEVED_HEADING_RE = re.compile(r"完成|回顾|执行|进展|情况|成效|成绩|落实")


@lru_cache(maxsize=4096)
def _heading_contrasted(question: str, heading: str) -> bool:
    """The heading path over a unit says a member of a sentence-wide set of
    :func:`answer.analyse.contrasts` that ``question`` does not, and not the one it does:
    every figure under 一、2024年经济社会发展计划目标 is a target, so none answers
    实际增长了多少. Not a heading over how a plan went (:data:`_ACHIEVED_HEADING_RE`)."""
    if not heading or _ACHIEVED_HEADING_RE.search(heading):
        return False
    for (members, in_sentence), asked in zip(contrasts(), _members_asked(question), strict=True):
        if not in_sentence or not asked:
            continue
        said = {i for i, forms in enumerate(members) if any(f in heading for f in forms)}
        if said and not asked & said:
            return True
    return False


def _lead(c: Candidate) -> str:
    """What the unit's passage says before it (a window's sentence starts there)."""
    chunk = c.chunk
    if chunk is None or not chunk.start <= c.unit.start <= chunk.end:
        return ""
    return chunk.text[max(0, c.unit.start - chunk.start - 200) : c.unit.start - chunk.start]


def miss_figure(ctx: Context, c: Candidate) -> float:
    """A figure question and the unit has no figure of the asked family; not one asking
    for a contact field (网址是多少 wants a web address: :func:`miss_shape` checks it)."""
    q = ctx.question
    return float(q.kind == FIGURE and q.field is None and not fit_figure(ctx, c))


def miss_shape(ctx: Context, c: Candidate) -> float:
    """The question asks for an answer of a particular shape and the unit has none: a
    figure with the asked measure word (几所, 多少口; not a generic 个 or a family such as
    元), or the contact field asked for (an e-mail address for 邮箱, a number for 电话),
    or a road for 哪条路, or, for who holds a post (局长是谁), a person's name, or, for
    which body leads or owns something (哪个部门牵头), an organisation's, or, for a list
    asked with its count (哪几家, 哪六个), an enumeration or an item of one, or, for which
    town, village or estate (哪个镇, 哪个村, 哪个园区), a place of that kind, or, for a
    guide's hours or what to bring asked in a question of no figure, a time or a
    document (:func:`answer.guidefields.shape_asked`)."""
    q = ctx.question
    if q.field is not None:
        return float(not FIELD_SHAPES[q.field].search(c.unit.text))
    if _names_missing(q, c.unit.text):
        return 1.0
    m = q.measure
    if q.kind != FIGURE or not m or m in GENERIC_MEASURES or m in FAMILIES:
        return 0.0
    if q.counted and counts(c.unit.text, q.counted, ctx.stated, by=GENERIC_COUNTER):
        return 0.0  # 几家医院 and 医院9个: 个 counts anything
    return float(not measure_after_number(c.unit.text, m, ctx.stated))


def _names_missing(q: Question, text: str) -> bool:
    """``text`` lacks what the question asks it to name: a guide's time or document, a
    post's holder or a report's speaker, a body, a counted list's items, a town or village
    (:func:`miss_shape`)."""
    shape = shape_asked(q.text) if q.kind != FIGURE else None
    division = _division_asked(q.text)
    return bool(
        (shape is not None and not shape.search(text))
        or (_posts_asked(q) and not names_person(text))
        or _post_unsaid(q, text)
        or (_act_asked(q) and not (names_person(text) or _POST_WORD.search(text)))
        or (_speaker_asked(q.text) and not names_speaker(text))
        or (q.kind == OWNER and q.role == "unit" and not _ORGANISATION.search(text))
        or (q.kind == LIST and _counted_list(q.text) and not _enumerates(text))
        or (division is not None and not division.search(text))
    )


def names_speaker(text: str) -> bool:
    """``text`` says who spoke: a name after a post (区长王勇), a titled name (王勇同志), or
    a name delivering a report on a government's behalf (王勇代表区人民政府作…报告); jieba's
    tags alone are not enough (it tags 连成 of 连成一条心 and 二十大 as names)."""
    return _named_by_post_or_title(text) or bool(SPEAKER_ON_BEHALF_RE.search(text))


@lru_cache(maxsize=1024)
def _speaker_asked(question: str) -> bool:
    """The question asks who delivered a report (报告是谁作的, 哪位区长作的报告): when no
    document states it (:mod:`answer.docfacts`), only a sentence saying who spoke answers
    (:func:`names_speaker`). Who holds a post, asked without a report (县长是谁), is
    :func:`_posts_asked`'s."""
    asked = asks_about_document(question)
    return asked is not None and asked.what == SPEAKER and "报告" in question


# which town, village, community or estate (哪个镇, 哪一个村, 哪个园区): the answer names
# one, with its kind's word or a neighbouring level's (a 镇 question may be answered by a 乡
# or a 街道); training: the gold sentences of all 8 such questions do
_DIVISIONS_ASKED = {
    "街道": "街道|镇|乡|办事处",
    "社区": "社区|村|居委会",
    "园区": "园",
    "小区": "小区|花园|苑|公寓|家园|府|城",
    "镇": "镇|乡|街道",
    "乡": "乡|镇",
    "村": "村|社区|组",
}
_DIVISION_ASKED_RE = re.compile(
    r"哪一?个(" + "|".join(sorted(_DIVISIONS_ASKED, key=len, reverse=True)) + r")"
)


@lru_cache(maxsize=1024)
def _division_asked(question: str) -> re.Pattern[str] | None:
    """The words an answer to 哪个镇 / 哪个村 / 哪个园区 names its place with, or None."""
    m = _DIVISION_ASKED_RE.search(question)
    return re.compile(_DIVISIONS_ASKED[m.group(1)]) if m else None


@lru_cache(maxsize=1024)
def _counted_list(question: str) -> bool:
    return bool(COUNTED_LIST_RE.search(question))


def _enumerates(text: str) -> bool:
    """``text`` enumerates (:data:`_ENUMERATION`) or is an item of a numbered list
    (1.某某, （二）某某)."""
    return bool(_ENUMERATION.search(text) or marker_rank(text))


def fit_measure(ctx: Context, c: Candidate) -> float:
    """The asked measure word follows a figure in the unit."""
    return float(measure_after_number(c.unit.text, ctx.question.measure, ctx.stated))


COUNTED_BEFORE = 6  # characters a counted noun may stand before its figure (学位7000余个)


def fit_counted(ctx: Context, c: Candidate) -> float:
    """A figure question counting something (几个方面, 多少所学校) and the unit has a
    new figure that counts that noun (:func:`counts`)."""
    q = ctx.question
    if q.kind != FIGURE or not q.counted:
        return 0.0
    return float(counts(c.unit.text, q.counted, ctx.stated))


def counts(
    text: str, noun: str, stated: frozenset[str] = frozenset(), by: str | None = None
) -> bool:
    """``text`` has a new figure whose measure word is followed by ``noun`` ("四个方面"),
    or that ``noun`` shortly precedes ("新增学位7000余个"); with ``by``, a figure
    whose measure word is that one, and that counts no other noun right after it
    (齐鲁医院综合楼等22个项目 counts 项目, not 医院)."""
    text, noun = text.lower(), noun.lower()
    for m in new_figures(text, stated):
        after = _after_magnitude(text, m.end())
        if by is not None and not text.startswith(by, after):
            continue
        if noun in text[after : after + len(noun) + 2]:
            return True
        if by is not None and zh.HAN_RE.match(text, after + len(by)):
            continue
        if noun in text[max(0, m.start() - COUNTED_BEFORE - len(noun)) : m.start()]:
            return True
    return False


NEAR = 8  # characters between an answer-shaped span and a question word that tie them
# a name right after a post, ending a line or a clause (主任 吴晓春, 县长：张三)
_NAME_ENDING = rf"\s*[:：]?\s*([{zh.HAN}·]{{2,4}})(?![{zh.HAN}])"


def _answer_spans(ctx: Context, text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` shaped like the asked answer: new figures of the asked family
    for a figure question, dates other than the year it names for a 什么时候 question,
    the name standing after the post a 谁 question asks the holder of (区发改委主任 吴晓春,
    a report's speaker line), none for other kinds."""
    q = ctx.question
    posts = _posts_asked(q)
    if posts:
        return [
            (m.start(1), m.end(1))
            for post in posts
            for m in re.finditer(re.escape(post.lower()) + _NAME_ENDING, text)
            if not is_word(m.group(1)[:2])  # a name, not words (主任负责制)
        ]
    if q.kind == FIGURE:
        return [
            (m.start(), m.end())
            for m in new_figures(text, ctx.stated)
            # the figure with the unit right after it (up to 3 characters: 平方米)
            if family_ok(text[m.start() : _after_magnitude(text, m.end()) + 3], q.measure)
        ]
    if q.kind == DATE:  # not the year the question names (2024年 of 24年的医保…什么时候)
        asked = {f"{year}年" for year in q.years}
        return [
            (m.start(), m.end())
            for m in _DATE_IN_TEXT.finditer(text)
            if re.sub(r"\s", "", m.group()) not in asked
        ]
    return []


def near_term(ctx: Context, c: Candidate) -> float:
    """Weighted share of the question's words said within :data:`NEAR` characters of an
    answer-shaped span: "80个重点项目" ties the figure to 重点项目, where "五个环节" in the
    same passage ties it to nothing asked."""
    text = c.unit.text.lower()
    spans = _answer_spans(ctx, text)
    total = sum(ctx.weights)
    if not spans or total <= 0:
        return 0.0
    near = 0.0
    for forms, w in zip(ctx.forms, ctx.weights, strict=True):
        if w <= 0:
            continue
        hits = [
            (m.start(), m.end())
            for f in forms
            if f
            for m in re.finditer(re.escape(f.lower()), text)
        ]
        if any(a - NEAR <= e and s <= b + NEAR for s, e in hits for a, b in spans):
            near += w
    return near / total


def fit_list(ctx: Context, c: Candidate) -> float:
    """A 哪些 question and the unit enumerates (甲、乙、丙)."""
    return float(ctx.question.kind == LIST and "、" in c.unit.text)


def fit_date(ctx: Context, c: Candidate) -> float:
    """A 什么时候 question and the unit has a date or period; one asking which day (哪天,
    几号) a month or a day, not a year alone; one asking which year (哪年) a year, not an
    era (现代) alone; one asking when something ends (截止到哪天, 最晚几号) a period's end
    or a deadline, not a start alone; not a unit saying only another event of a
    contrasting set (:func:`_contrasted`: 开幕 for 哪天闭幕, 开工 for 什么时候建成)."""
    text = c.unit.text
    if ctx.question.kind != DATE or not _DATE_IN_TEXT.search(text):
        return 0.0
    day, end, year = _dates_asked(ctx.question.text)
    if (day and not _DAY_IN_TEXT.search(text)) or (year and not _YEAR_IN_TEXT.search(text)):
        return 0.0
    if _dates_contrasted(ctx.question.text, text):  # 哪天闭幕 by a date of its 开幕
        return 0.0
    return float(not end or bool(_END_IN_TEXT.search(text)))


def _dates_contrasted(question: str, text: str) -> bool:
    """Every date of ``text`` dates another event of a contrasting set than ``question``
    asks (:func:`_contrasted`), read in the date's clause and the next (11月23日上午，
    …会议在区文体中心开幕 dates an 开幕, not a 闭幕); a date in a clause saying the asked
    event or neither may answer (…正月开工，…七月凿成 dates its 完工 too)."""
    if not any(_members_asked(question)):
        return False
    clauses = [
        (m.start(), m.end())
        for m in re.finditer(rf"[^{zh.COMMAS}{zh.SENTENCE_END}{zh.SEMICOLONS}]+", text)
    ]
    dated = False
    for m in _DATE_IN_TEXT.finditer(text):
        at = next((i for i, (a, b) in enumerate(clauses) if a <= m.start() < b), None)
        if at is None:
            continue
        dated = True
        window = "，".join(text[a:b] for a, b in clauses[at : at + 2])
        if not _contrasted(question, "", window):
            return False
    return dated


# a question asking which year (哪年开始用的, 哪一年建成, 何年, 什么年份), not an age (何年纪)
# or an era (哪一年代)
_YEAR_ASKED_RE = re.compile(r"哪一?年(?![纪级龄代])|何年(?![纪级龄代])|(?:什么|哪个)年份")
# a year a text names: 2019年, 1989, 二〇一九年, 嘉靖十九年, 元年, a cyclical 庚申年 (not 现代
# or 春季, which answer 什么时候 but not 哪年, nor 九年一贯制, nine years; nor 今年, 同年 or
# 次年 alone, which leave the year untold: training, the gold sentences of all 977 哪年
# questions name one otherwise, 111 other sentences only so)
_YEAR_IN_TEXT = re.compile(
    r"(?<![\d.])(?:1\d|20)\d{2}(?![\d.%万亿千百个元人户名家所项条座处场])"  # 术赤（1185-1226）
    rf"|\d{{1,4}}\s*年|[{zh.CN_DIGITS}十]{{2,4}}年|元年"
    r"|[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年"
    rf"|{_ERA_YEAR}"
)


@lru_cache(maxsize=1024)
def _dates_asked(text: str) -> tuple[bool, bool, bool]:
    """Whether a question asks which day (:data:`DAY_ASKED_RE`), when a period ends
    (:data:`END_ASKED_RE`) and which year (哪年): read once per question, not once per
    candidate."""
    return (
        bool(DAY_ASKED_RE.search(text)),
        bool(END_ASKED_RE.search(text)),
        bool(_YEAR_ASKED_RE.search(text)),
    )


def fit_person(ctx: Context, c: Candidate) -> float:
    """A 谁 / 哪个单位 question and the unit names an organisation or a titled person."""
    if ctx.question.kind not in (PERSON, OWNER):
        return 0.0
    t = c.unit.text
    return float(bool(_UNIT_IN_TEXT.search(t) or _PERSON_IN_TEXT.search(t)))


# a quoted term or title: “大城管”, 「有机米」, 《条例》, ‘双减’
_QUOTED = re.compile(
    r"“([^”]{1,24})”|「([^」]{1,24})」|《([^》]{1,30})》|‘([^’]{1,24})’|『([^』]{1,24})』"
)


def quoted_terms(text: str) -> list[str]:
    """The quoted terms and titles of ``text``, without their marks."""
    return [next(g for g in m.groups() if g is not None) for m in _QUOTED.finditer(text)]


def fit_term(ctx: Context, c: Candidate) -> float:
    """A 叫什么 question and the unit quotes a term the question does not already say
    (“大城管” for "这种管法叫啥")."""
    if ctx.question.kind != TERM:
        return 0.0
    asked = ctx.question.text
    return float(any(t.strip() and t not in asked for t in quoted_terms(c.unit.text)))


def fit_place(ctx: Context, c: Candidate) -> float:
    """A 哪里 question and the unit names a place-like word."""
    if ctx.question.kind != PLACE:
        return 0.0
    return float(
        bool(re.search(rf"[{zh.HAN}](?:省|市|区|县|镇|村|路|街|国|州|山|河|湖|岛)", c.unit.text))
    )


# a sentence leading with a year speaks of it ("经最终核实，2022年全市生产总值为…" in a
# 2023 bulletin), not one counting from it (2020年以来) or comparing with it (同期)
_LEAD_YEAR = re.compile(
    rf"\s*(?:[^，。；,;]{{0,8}}[，,])?\s*(?:截至|在|于)?({zh.YEAR_DIGITS})\s*年"
    r"(?!以来|起|以前|之前|前|以后|之后|后|同期|相比)"
)


def leads_with_another_year(text: str, years: Collection[int]) -> bool:
    """``text`` leads with a year other than ``years`` and names none of them ("2022年，
    某县全年民生支出达16.1亿元" for a 2023 question): it speaks of that year, whatever
    its document's. Training: of 159 figure questions naming a year, none's answer
    sentence so leads once the answer is found where it is meant."""
    if not years:
        return False
    lead = _LEAD_YEAR.match(zh.to_halfwidth(text))
    return (
        lead is not None
        and int(lead.group(1)) not in years
        and not any(f"{y}年" in text for y in years)
    )


def year_match(ctx: Context, c: Candidate) -> float:
    """The question names a year and the unit or the heading over it names it, or the
    unit's document or section (a report's "2018年工作回顾") is about it and the unit
    does not lead with another year."""
    years = ctx.question.years
    if not years:
        return 0.0
    heading = c.chunk.heading if c.chunk is not None else ""
    if any(f"{y}年" in c.unit.text + heading for y in years):
        return 1.0
    lead = _LEAD_YEAR.match(zh.to_halfwidth(c.unit.text))
    return float(c.year in years and not (lead and int(lead.group(1)) not in years))


def other_instance(ctx: Context, c: Candidate) -> float:
    """The unit is about another place, numbered instance, rate or post than the one
    asked: the question asks about a district and the unit names others and not it, or
    names none and its document is about another; the question asks about one 第N届 (期,
    批, 次 …) and the unit (or, when it names none, its passage) names another of the
    same kind and not it; it asks a rate (出生率) and the unit names another (城镇化率)
    and not it; it asks a figure for one age or area and the unit gives other bands
    (:func:`other_band`); it asks who holds a post (县长) and the unit names only its deputy
    (副县长); or it asks a total and the unit gives a part (:func:`part_of_total`); or it
    names one member of a group and the unit gives the group's figure (:func:`group_figure`)."""
    q, text = ctx.question, c.unit.text
    passage = c.chunk.text if c.chunk is not None else ""
    return float(
        _other_place(ctx, c)
        or other_ordinal(q.text, text, passage)
        or other_rate(q, text)
        or other_band(q, text, _before(c))
        or deputy_only(q, text)
        or part_of_total(q, text)
        or unasked_part(q, text, _before(c))
        or group_figure(ctx, c)
        or other_count(q.text, text)
    )


# a set a question names by its count (那135个老旧小区, 3所新建学校): a count of two or more,
# not asked (多少个), no ordinal (第3个) and not 一个 (an article as often as a count)
_COUNT = rf"\d+|[{zh.CN_DIGITS}十百千{zh.LIANG}]+"
_SET_MEASURE = "[个家所项座条位名户栋辆艘台套处支批件]"
_COUNTED_SET = re.compile(rf"(?<![第几多少哪唯每后\d.])({_COUNT})({_SET_MEASURE})([{zh.HAN}]{{2}})")


@lru_cache(maxsize=1024)
def _sets_named(question: str) -> tuple[tuple[int, str, str], ...]:
    """(count, measure, noun) of each set ``question`` names by a count of two or more
    (:data:`_COUNTED_SET`): read once per question, not for every candidate."""
    out = []
    for m in _COUNTED_SET.finditer(question):
        asked = zh.cn_to_int(m.group(1))
        if asked is not None and asked >= 2:
            out.append((asked, m.group(2), m.group(3)))
    return tuple(out)


def other_count(question: str, text: str) -> bool:
    """The question names a set by its count (那135个老旧小区…总投资多少) and the unit counts
    the same thing with another number (涪城69个老旧小区…计划总投资约1.2亿元), never the
    asked one under that measure: it is about another set. Training: of 470 questions
    naming a count whose gold sentence is found, the gold sentence of one is ruled out
    (its measure word changed: 六名工人 of 四个工人…6人死亡)."""
    for asked, measure, noun in _sets_named(question):
        counts = re.findall(rf"(?<![第\d.])({_COUNT}){measure}", text)
        if asked in {zh.cn_to_int(n) for n in counts}:
            continue
        others = re.findall(rf"(?<![第\d.])({_COUNT}){measure}{re.escape(noun)}", text)
        if {zh.cn_to_int(n) for n in others} - {None, asked}:
            return True
    return False


# a group counted after its members are listed: 甲、乙、丙等4个项目, 甲、乙等三家企业
_GROUP = re.compile(rf"等\s*(\d+|[{zh.CN_DIGITS}十{zh.LIANG}]+)\s*(?:个|项|家|所|座|条|处|批)")


def group_figure(ctx: Context, c: Candidate) -> bool:
    """A figure question names a member of a group the unit lists in the clause counting
    it (南平东南眼科医院 of …安置楼工程、南平东南眼科医院项目、…等4个项目; 齐鲁医院 of
    确保齐鲁医院综合楼等22个项目开工建设) and every asked figure comes after the count
    (…总投资约1.85亿元, 全年完成投资278亿元): the figure is the group's, not the member's. A
    figure before the count (each member's), or the count itself, may answer, and so does
    any figure when the question states the count (那8个项目…总共多少). Training: of
    1,401 figure questions whose gold sentence is found, one lists a question's term so (日本
    陆军…等6个总军), and its gold figure is the count."""
    q, text = ctx.question, c.unit.text
    if q.kind != FIGURE:
        return False
    for m in _GROUP.finditer(text):
        if m.group(1) in ctx.stated:  # 那8个项目: the question asks for the group itself
            continue
        listed = text[: m.start()]
        listed = listed[max(listed.rfind(p) for p in "。；;，,") + 1 :]
        after = text[m.start() :]
        if not any(t in listed and t not in after for t in ctx.plain_terms):
            continue
        figures = asked_figures(text, q, ctx.stated, False, _lead(c), ctx.plain_terms)
        return bool(figures) and all(f.start() >= m.end() for f in figures)
    return False


def _before(c: Candidate) -> str:
    """The passage's text before the unit (empty when the unit is not inside it)."""
    chunk = c.chunk
    if chunk is None or not chunk.start <= c.unit.start <= chunk.start + len(chunk.text):
        return ""
    return chunk.text[: c.unit.start - chunk.start]


# a total asked (一共多少亿, GDP总量) and a unit opening with 其中 (one part of a total)
_TOTAL_ASKED_RE = re.compile(r"一共|总共|共计|合计|总计|总额|总量|总数")
_PART_RE = re.compile(r"^\W*其中")


def part_of_total(q: Question, text: str) -> bool:
    """A figure question asks a total (2018年全市GDP一共多少亿) and the unit gives a part
    of one (其中，非公有制经济增加值866.95亿元): of the 45 training questions asking a total
    whose answer is found, none is answered by a unit opening with 其中."""
    return q.kind == FIGURE and bool(_TOTAL_ASKED_RE.search(q.text) and _PART_RE.match(text))


# the name a part of a total is given before its figure: 大春粮食产量 in 大春粮食产量67.2万吨
_PART_NAME_RE = re.compile(
    rf"^\W*(?:其中\W*)?([{zh.HAN}]{{2,20}}?)(?:为|达到|达|是|共|约)?\s*[\d{zh.CN_DIGITS}]"
)
_LIST_SEPARATORS = ("；", ";")
_AMOUNT_RE = re.compile(rf"\d+(?:\.\d+)?\s*[万亿千百]?[{zh.HAN}]")  # 67.2万吨, 26名 (not 2.5%)


def unasked_part(q: Question, text: str, before: str) -> bool:
    """A figure question and the unit gives a part of a total, opening with 其中 or
    listed after it in the same sentence (其中：小春粮食产量…；大春粮食产量…), whose name
    qualifies a word the question asks with words it does not: 大春粮食产量 for
    粮食产量多少, not for 大春粮食产量多少. A part whose name holds none of the question's
    words is left to the reader (the question may say it in other words)."""
    if q.kind != FIGURE:
        return False
    sentence = before[max(before.rfind(e) for e in "。！？!?") + 1 :]
    listed = sentence.rstrip().endswith(_LIST_SEPARATORS) and "其中" in sentence
    if not (_PART_RE.match(text) or listed):
        return False
    named = _PART_NAME_RE.match(text)
    if named is None or len(_AMOUNT_RE.findall(text)) > 2:
        return False  # a list of parts in one unit: the asked one may be any
    name = named.group(1)
    found = [name.find(f) for fs in q.forms for f in fs if len(f) >= 2 and f in name]
    if not found:
        return False
    qualifier = name[: min(found)]
    return len(qualifier) >= 2 and qualifier not in q.text


def _other_place(ctx: Context, c: Candidate) -> bool:
    if not ctx.asked_places:
        return False
    text = _without_owners(c.unit.text) if c.unit.kind == "row" else c.unit.text
    named = {d for d in ctx.districts if d in text}
    if named:
        return not named & ctx.asked_places
    return c.place is not None and c.place not in ctx.asked_places


def _without_owners(row: str) -> str:
    """A table row's labelled text without the fields naming who is responsible
    (牵头单位：…；配合单位：高新园（邹区镇）): the units a task is given to are not where it
    takes place."""
    fields = row.split(FIELD_SEP)
    return FIELD_SEP.join(
        f
        for f in fields
        if LABEL_SEP not in f or column_role(f.split(LABEL_SEP, 1)[0]) not in _OWNER_COLUMNS
    )


_OWNER_COLUMNS = frozenset({*OWNER_ROLES, "person"})


# a numbered instance: 第十四届, 第2期, 第三批 (the number and what it numbers)
_ORDINAL = re.compile(
    rf"第\s*([\d{zh.CN_DIGITS}十百{zh.LIANG}]+)\s*"
    r"(届|次|期|批|轮|季|集|章|代|任|版|部|条|款|号|回|场|阶段|个五年)"
)


# a numbered school or hospital: 第四民族高级中学, 第一人民医院, 第二实验小学 (the
# number and the kind of institution)
_NUMBERED_INSTITUTION = re.compile(
    rf"第\s*([\d{zh.CN_DIGITS}十]+)\s*(?![届次期批轮所个家位名])[{zh.HAN}]{{0,4}}?"
    r"(中学|小学|幼儿园|学校|医院|卫生院)"
)


# a session named without 第: 十八届人大三次会议, 政协十五届四次会议
_SESSION = re.compile(
    rf"(?<![第\d{zh.CN_DIGITS}十])([\d{zh.CN_DIGITS}十]{{1,3}})(届)(?=[^，。；\d]{{0,8}}?[\d{zh.CN_DIGITS}十]{{1,2}}次)"
    rf"|(?<![第\d{zh.CN_DIGITS}十])([\d{zh.CN_DIGITS}十]{{1,2}})(次)(?={_MEETING})"
)


@lru_cache(maxsize=4096)
def ordinals(text: str) -> frozenset[tuple[int, str]]:
    """The numbered instances ``text`` names, as (number, what): 第十四届 -> (14, 届);
    a session without 第 too (十八届人大三次会议 -> (18, 届), (3, 次)); a numbered
    school or hospital (第一人民医院 -> (1, 医院))."""
    found = set()
    for m in (*_ORDINAL.finditer(text), *_NUMBERED_INSTITUTION.finditer(text)):
        number = zh.cn_to_int(m.group(1))
        if number is not None:
            found.add((number, m.group(2)))
    for m in _SESSION.finditer(text):
        digits, what = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        number = zh.cn_to_int(digits)
        if number is not None:
            found.add((number, what))
    return frozenset(found)


# a rate a text names: 出生率, 城镇化率 (not 率先; 效率 and the like are no asked figure)
_RATE = re.compile(rf"[{zh.HAN}]率(?![先领])")
_NOT_RATES = frozenset({"效率", "频率", "概率", "比率", "税率"})


# the bands a figure is asked by: an age (80-89周岁) or a floor area (90平方米以上)
_BAND_MEASURES = {"岁": r"周?岁", "平方米": r"平方米|平米|㎡|平(?![方均安台稳])"}
_BAND_NUMBER = rf"(\d{{1,4}}|[{zh.CN_DIGITS}十百{zh.LIANG}]{{1,5}})"
_BAND_OPEN = r"(?:及|或|\s*[（(]含[）)])?\s*(以上|以下|以内)"
_BAND_BOUND_RE = re.compile(r"(?:不到|不满|未满|超过|低于|高于|大于|小于|每)$")


def _band_patterns(measure: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    unit = f"(?:{_BAND_MEASURES[measure]})"
    asked = re.compile(rf"{_BAND_NUMBER}\s*(几|多)?\s*{unit}(?!\s*{_BAND_OPEN}|\s*[-－—~～至到])")
    closed = re.compile(rf"{_BAND_NUMBER}\s*{unit}?\s*[-－—~～至到]\s*{_BAND_NUMBER}\s*{unit}")
    open_ = re.compile(rf"{_BAND_NUMBER}\s*{unit}\s*{_BAND_OPEN}")
    return asked, closed, open_


_BANDS = {measure: _band_patterns(measure) for measure in _BAND_MEASURES}


# an age said without 岁: 我奶奶85了, 老人今年96了, 我妈都70啦 (a person's age, 50-120)
_AGE_SAID_RE = re.compile(r"(?<![\d.])(\d{2,3})(多)?(?:了|啦)")
_AGE_SAID_BEFORE_RE = re.compile(rf"(?:{'|'.join(zh.ELDER_KIN)}|今年|已经|都|快|刚)$")
_AGES = range(50, 121)


def _age_said(question: str) -> tuple[int, int] | None:
    """The age a question states without 岁 (我爷爷今年96了 -> 96, 老人80多了 -> 80-89),
    or None."""
    for m in _AGE_SAID_RE.finditer(question):
        value = int(m.group(1))
        if value in _AGES and _AGE_SAID_BEFORE_RE.search(question[: m.start()]):
            return (value, value + 9) if m.group(2) and value % 10 == 0 else (value, value)
    return None


@lru_cache(maxsize=1024)
def _asked_band(question: str, measure: str) -> tuple[int, int] | None:
    """The age or area the question states as a point (85岁, 80几岁 -> 80-89, 90多岁,
    满一百岁, 我奶奶85了, 100平), or None; one it states as a band itself (80岁以上) is no
    point."""
    said = _age_said(question) if measure == "岁" else None
    if said is not None:
        return said
    found = _BANDS[measure][0].search(question)
    value = zh.cn_to_int(found.group(1)) if found else None
    if found is None or value is None or value == 1:
        return None  # 一平米多少钱 asks a price per square metre
    if _BAND_BOUND_RE.search(question[: found.start()]):
        return None  # 不到18岁, 超过60岁: a band itself
    return (value, value + 9) if found.group(2) and value % 10 == 0 else (value, value)


def _bands_at(text: str, measure: str) -> list[tuple[int, int, float, float]]:
    """The bands of ``measure`` a text states, in its order, each with its span: 80-89周岁,
    90至99岁, 100周岁及以上, 60岁以下."""
    _, closed, open_ = _BANDS[measure]
    bands: list[tuple[int, int, float, float]] = []
    for m in closed.finditer(text):
        low, high = zh.cn_to_int(m.group(1)), zh.cn_to_int(m.group(2))
        if low is not None and high is not None and low <= high:
            bands.append((*m.span(), low, high))
    for m in open_.finditer(text):
        edge = zh.cn_to_int(m.group(1))
        if edge is not None:
            bands.append(
                (*m.span(), edge, math.inf) if m.group(2) == "以上" else (*m.span(), 0, edge)
            )
    return sorted(bands)


def bands_asked(q: Question) -> list[tuple[str, tuple[int, int]]]:
    """Each measure a figure question states one age or floor area of, with that point
    (a question asking the age or the area itself states none)."""
    if q.kind != FIGURE:
        return []
    asked = ((m, _asked_band(q.text, m) if q.measure != m else None) for m in _BAND_MEASURES)
    return [(measure, point) for measure, point in asked if point is not None]


def _holds(low: float, high: float, point: tuple[int, int]) -> bool:
    return low <= point[1] and point[0] <= high


def other_band(q: Question, text: str, before: str = "") -> bool:
    """A figure question about one age or floor area (禄劝满一百岁的老人每月给多少, 买了100平
    补多少) and the figures the text gives each follow a band of it (①80周岁至89周岁的老年
    人…100元, or a band ending the sentence before the unit: ③100周岁及以上的老年人，) that
    does not hold the one asked; or the text names bands, none holding it, and no figure
    follows one."""
    asked = bands_asked(q)
    if not asked:
        return False
    lead = before[sentence_start(before) :]
    held = band_figures(q, lead + text, asked_figures(text, q), len(lead))
    if held is not None:
        return not any(held)
    return any(
        (bands := _bands_at(text, measure)) and not any(_holds(*b[2:], point) for b in bands)
        for measure, point in asked
    )


def band_figures(
    q: Question, text: str, figures: Sequence[re.Match[str]], offset: int = 0
) -> list[bool] | None:
    """For each figure of ``figures`` (found in ``text[offset:]``, a band's own bounds
    left out) that follows a band of the age or area the question states, whether the
    last such band holds it (②90周岁至99周岁的老年人，…500元 for 92岁: True; ①80周岁至89
    周岁…100元: False); None when the question states no point or no figure follows a
    band."""
    said: list[bool] = []
    for measure, point in bands_asked(q):
        bands = _bands_at(text, measure)
        for m in figures:
            at = offset + m.start()
            if any(start <= at < end for start, end, _, _ in bands):
                continue
            last = [b for b in bands if b[1] <= at][-1:]
            said += [_holds(*b[2:], point) for b in last]
    return said or None


def other_rate(q: Question, text: str) -> bool:
    """The question asks a rate (出生率, 失业率) and ``text`` names a rate but not that
    one: 城镇化率45.31% does not answer 出生率多少."""
    asked = [t for t in q.terms if len(t) >= 3 and t.endswith("率") and t not in _NOT_RATES]
    if not asked or any(t in text for t in asked):
        return False
    return any(m.group() not in _NOT_RATES for m in _RATE.finditer(text))


# a post a person holds: 县长, 书记, 主任 … (a question's word ending so)
_POST = re.compile(r"(?:长|书记|主任|主席|总理|总统|总裁|经理)$")


# the posts whose holder a question asks or a text names: a head of a body (校长, 局长, 区长),
# 书记, 主任, 主席 …; not a word merely ending in 长 (成长, 很长)
_POSTS = r"(?:[校局区县市州镇乡村院所站处科部厅省社行会馆团队组场事]长|书记|主任|主席|总理|总统|总裁|经理)"
# a post's head, ending a question's word (校长 of 柳北实验中学校长, 书记 of 区委书记)
_POST_HEAD = re.compile(_POSTS + "$")


def _post_unsaid(q: Question, text: str) -> bool:
    """The question asks who holds a post (校长叫什么, 区委书记是谁) and ``text`` never says
    the post (its head: 校长, 书记), so whoever it names holds another (区委书记刘俊 for
    a school's 校长). Training: the gold sentences of 71 of 72 such questions say it (the
    other: 是一位冰岛政治人物 for who was 总理), against 83 of 709 other sentences."""
    heads = [p[-2:] for p in _posts_asked(q) if _POST_HEAD.search(p)]
    return bool(heads) and not any(h in text for h in heads)


# who presided, led or spoke (谁主持的, 是哪位领导主持的, 谁带队, 主持会议的是谁); not a
# programme's host (主持人是谁)
_ACT_ASKED = re.compile(
    r"(?:谁|哪位|哪个人)[^，。？?]{0,6}(?:主持|召集|带队|率队|讲话|致辞|发言)"
    r"|(?:主持(?!人)|召集|带队|率队|讲话|致辞|发言)[^，。？?]{0,6}(?:是谁|是哪位)"
)
# a post named in a text (区委书记, 区长, 主任); not an unnamed 负责人 or a 委员会
_POST_WORD = re.compile(_POSTS)


def _act_asked(q: Question) -> bool:
    """A 谁 question asks who presided over, led or spoke at something: the answer names
    a person or a post (:func:`_names_missing`). Training: the gold sentences of all 5
    such questions do, 29 of 45 other sentences; of the blind sets, two 谁主持 near misses
    were answered with sentences naming nobody."""
    return q.kind == PERSON and _acts_in(q.text)


@lru_cache(maxsize=1024)
def _acts_in(question: str) -> bool:
    return bool(_ACT_ASKED.search(question))


# what a post held by a unit is followed by in a question (理事长单位)
_HELD_BY_UNIT = r"(?:单位|部门|机构|学校|院校|高校|公司|企业|城市|国家)"


# what asks a post's holder by name: 主任叫什么, 局长的名字是什么, 书记姓名叫啥
_NAME_ASKED = r"(?:的)?(?:名字|姓名)?(?:是|叫做?|名叫)(?:什么|啥)"


def _posts_asked(q: Question) -> list[str]:
    """The posts a 谁 question asks the person holding (县长是谁), or a question asking
    the holder's name (主任叫什么, 局长的名字是什么); not one a unit holds (理事长单位是谁)."""
    if q.kind == PERSON:
        return [
            t
            for t in q.terms
            if len(t) >= 2
            and _POST.search(t)
            and not re.search(re.escape(t) + _HELD_BY_UNIT, q.text)
        ]
    if q.kind == TERM:
        return [
            t
            for t in q.terms
            if len(t) >= 2 and _POST.search(t) and re.search(re.escape(t) + _NAME_ASKED, q.text)
        ]
    return []


# a person's name in Latin letters (Mārcis Auziņš)
_LATIN_NAME = re.compile(r"[A-Z][a-z\u00C0-\u024F'’.-]+")  # not capitals alone: GDP, an address
# a transliterated name, its parts joined by a middle dot (哈马尼·迪奥里)
_DOTTED_NAME = re.compile(rf"[{zh.HAN}][·•][{zh.HAN}]")


# a name right after a post or a leader field, before a pause or what the person does
# (区长某某作报告, 牵头领导：某某；): names jieba does not know (毕经海) are read so, when
# they do not open with a word of its dictionary (县长负责制)
_NAME_AFTER_POST = re.compile(
    rf"(?:长|书记|主任|主席|领导\s*[：:])\s*([{zh.HAN}]{{2,3}})"
    rf"(?=[{zh.COMMAS}{zh.SEMICOLONS}{zh.LIST_COMMA}{zh.SENTENCE_END}）)\s]"
    r"|作|在|表示|介绍|出席|指出|强调|说|主持|参加|带队|调研|讲话|会见|率|$)"
)


@lru_cache(maxsize=4096)
def names_person(text: str) -> bool:
    """``text`` names a person: a name jieba's dictionary tags as one (nr), a titled
    name (某某同志), a name right after a post (区长某某作报告, a heading's speaker line
    ending 镇长某某), or a name in Latin
    letters or joined by a middle dot."""
    if _LATIN_NAME.search(text) or _DOTTED_NAME.search(text) or _named_by_post_or_title(text):
        return True
    at = 0
    for word, flag in pos_tags(text):
        at += len(word)
        if _tagged_name(word, flag) and not (
            _PLACE_SUFFIX.match(text, at) or _DOCTRINE.match(text, at)
        ):
            return True
    return False


def _named_by_post_or_title(text: str) -> bool:
    """``text`` has a titled name (王明同志) or a name right after a post (区长某某作报告)
    that opens with no word of jieba's dictionary (县长负责制 names no one)."""
    return bool(_TITLED.search(text)) or any(
        not is_word(m.group(1)[:2]) for m in _NAME_AFTER_POST.finditer(text)
    )


# a division's suffix after a word: the word is a place's name (柯岭县, 杨桥区的), however
# jieba tags it; not the post that follows a name (王勇区长) nor a verb (刘曜镇守)
_PLACE_SUFFIX = re.compile(r"(?:[省市县区镇乡村州旗盟]|街道)(?![长守压])")
# a name opening a doctrine's name (某某生态文明思想, 某某新时代…思想) names the doctrine,
# not a person who holds a post; not a name whose ideas are told (某某关于游击战的思想,
# 某某主张接受欧美思想: training, of 1,909 谁 gold sentences none loses its name)
_DOCTRINE = re.compile(
    r"(?:新时代[^，。；、的,;\s]{0,10}|[^，。；、的是了,;\s]{0,4})(?:思想|理论)(?![家者])"
)


def _tagged_name(word: str, flag: str) -> bool:
    """jieba tags ``word`` as a person's name (nr, nrt, nrfg). A plain nr guess of one
    or two characters counts only when it opens with a family name: jieba's guesses
    tag words as names (普惠, 立德, 府); a numbered congress (二十大) is none."""
    if not flag.startswith("nr") or _NUMBERED.fullmatch(word):
        return False
    return flag != "nr" or zh.has_surname(word)


# a numbered congress or session jieba tags as a name (二十大, 十九届): no person
_NUMBERED = re.compile(rf"[{zh.CN_DIGITS}十百{zh.LIANG}]+[大届]")


def deputy_only(q: Question, text: str) -> bool:
    """A 谁 question about a post (县长; or what the post's holder is called: 县长叫什么
    名字) and ``text`` names that post only as a deputy's (副县长, 常务副县长): the
    deputy does not answer who the 县长 is."""
    if q.kind not in (PERSON, TERM) or "副" in q.text:
        return False
    for post in (t for t in q.terms if len(t) >= 2 and _POST.search(t)):
        found = [m.start() for m in re.finditer(re.escape(post), text)]
        if found and all(text[i - 1 : i] == "副" for i in found):
            return True
    return False


def other_ordinal(question: str, text: str, passage: str = "") -> bool:
    """The question names 第N of something (届, 期, 批 …) and ``text`` (or, when it names
    no such thing, its ``passage``) names another number of the same thing and not N:
    第三届 does not answer 第二届."""
    asked = ordinals(question)
    if not asked:
        return False
    said = ordinals(text) or ordinals(passage)
    for kind in {what for _, what in asked}:
        named = {n for n, what in said if what == kind}
        if named and not named & {n for n, what in asked if what == kind}:
            return True
    return False


def dominant_place(text: str, districts: Collection[str], least: int = 3) -> str | None:
    """The district a document is about: the one it names most, at least ``least`` times
    and more than twice as often as any other (None when no district stands out)."""
    counts = sorted(((text.count(d), d) for d in districts), reverse=True)
    if not counts or counts[0][0] < least:
        return None
    if len(counts) > 1 and counts[0][0] <= 2 * counts[1][0]:
        return None
    return counts[0][1]


def log_length(ctx: Context, c: Candidate) -> float:
    return math.log1p(len(c.unit.text))


def is_heading(ctx: Context, c: Candidate) -> float:
    return float(c.unit.kind == "heading")


def is_window(ctx: Context, c: Candidate) -> float:
    return float(c.unit.kind == "window")


def kind_is(kind: str) -> Feature:
    def feature(ctx: Context, c: Candidate) -> float:
        return float(ctx.question.kind == kind)

    feature.__name__ = f"asks_{kind}"
    return feature


FEATURES: tuple[Feature, ...] = (
    cov_unit,
    cov_passage,
    cov_heading,
    cov_all,
    cov_all_passage,
    cov_all_heading,
    unseen_share,
    missing_rare,
    vec_unit,
    vec_passage,
    rank_fused,
    rank_dense,
    rank_keyword,
    rank_unit,
    fit_figure,
    miss_figure,
    miss_shape,
    fit_measure,
    fit_counted,
    near_term,
    fit_list,
    fit_date,
    fit_person,
    fit_place,
    fit_term,
    year_match,
    other_instance,
    log_length,
    is_heading,
    is_window,
    kind_is(FIGURE),
    kind_is(LIST),
    kind_is(DATE),
    kind_is(PERSON),
    kind_is(PLACE),
    kind_is(TERM),
)
RELATIVE = ("cov_unit", "cov_passage", "vec_unit", "vec_passage", "cov_all")
BASE_NAMES: tuple[str, ...] = tuple(f.__name__ for f in FEATURES)
FEATURE_NAMES: tuple[str, ...] = BASE_NAMES + tuple(f"{n}_gap" for n in RELATIVE)

# What more of a feature can mean, declared with the features and kept by the fitted
# models (a weight of the declared sign or zero): more of the question's words, a closer
# vector, a better rank or the asked shape of answer never make a candidate a worse
# answer; a missing word, another place or a ruled-out shape never make it a better one.
# Wikipedia training data alone can teach the opposite through correlated features (a
# sentence holding more of the question's words scored lower); the rest may go either way.
RAISES: frozenset[str] = frozenset(
    {
        "cov_unit",
        "cov_passage",
        "cov_heading",
        "cov_all",
        "cov_all_passage",
        "cov_all_heading",
        "vec_unit",
        "vec_passage",
        "rank_fused",
        "rank_dense",
        "rank_keyword",
        "rank_unit",
        "fit_figure",
        "fit_measure",
        "fit_counted",
        "near_term",
        "fit_list",
        "fit_date",
        "fit_person",
        "fit_place",
        "fit_term",
        "year_match",
    }
)
LOWERS: frozenset[str] = frozenset(
    {
        "unseen_share",
        "missing_rare",
        "miss_figure",
        "miss_shape",
        "other_instance",
        "is_heading",
    }
)


def direction(name: str) -> int:
    """+1 when more of feature ``name`` can only help a candidate, -1 when it can only
    hurt, 0 when it may go either way (a gap feature goes the way of its feature)."""
    base = name.removesuffix("_gap")
    return 1 if base in RAISES else -1 if base in LOWERS else 0


# What the features compute from, for :func:`features_version`: the features and their
# combination, the question analysis, the context every feature shares, how candidates
# are gathered and the answer settings (their defaults).
VERSION_ROOTS = (
    "answer.features:FEATURES",
    "answer.features:RELATIVE",
    "answer.features:feature_matrix",
    "answer.analyse:analyse",
    "answer.answerer:Answerer.context",
    "answer.candidates:gather",
    "answer.config:AnswerConfig",
)
_PRODUCT = ("answer", "retriever", "ingest", "store", "lixia_qa")


@lru_cache(maxsize=4)
def features_version(read: Reader = read_module) -> str:
    """The feature set's version, derived from the code: a hash of the feature names,
    their declared directions, the code of :data:`VERSION_ROOTS` and all it reaches
    (:func:`lixia_qa.codehash.code_hash`) and the answer data files. Any change to what
    a feature computes changes it, so weights fitted on other features cannot load
    (:class:`answer.score.LearnedScorer`); docstrings, comments and layout do not.
    ``read`` gives a module's source (tests pass an edited one)."""
    names = [(n, direction(n)) for n in FEATURE_NAMES]
    files = [p for p in DATA.iterdir() if p.is_file()]
    return code_hash(VERSION_ROOTS, _PRODUCT, data=names, files=files, read=read)[:16]


def feature_matrix(ctx: Context, cands: Sequence[Candidate]) -> np.ndarray:
    """One row per candidate, one column per name in :data:`FEATURE_NAMES`."""
    base = np.array([[f(ctx, c) for f in FEATURES] for c in cands], dtype=np.float64)
    if not len(cands):
        return np.zeros((0, len(FEATURE_NAMES)))
    cols = [BASE_NAMES.index(n) for n in RELATIVE]
    gaps = base[:, cols] - base[:, cols].max(axis=0, keepdims=True)
    return np.hstack([base, gaps])


def column(matrix: np.ndarray, name: str) -> np.ndarray:
    return matrix[:, FEATURE_NAMES.index(name)]
