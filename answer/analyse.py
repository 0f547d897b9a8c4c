"""Question analysis: what kind of answer is wanted, for which year, about which terms.

Colloquial framing (``answer/data/framing.txt``: 咱们, 区里, 多不多 …) is dropped from
the content terms, and each term carries the other forms a document may use
(``answer/data/synonyms.tsv``: GDP -> 地区生产总值), so lexical features compare what
the question is about, in the documents' words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from ingest.lexicon import word_tag
from ingest.places import is_area_word, is_division_name
from lixia_qa import zh
from store.tokenize import STOPWORDS, ChineseTokenizer

DATA = Path(__file__).resolve().parent / "data"


class Kind(StrEnum):
    """The kind of answer a question wants."""

    FIGURE = "figure"  # 多少, 几所: a number with its unit
    OWNER = "owner"  # 谁牵头, 哪个单位负责: a commitment's leader or unit
    LIST = "list"  # 哪些: an enumeration
    DATE = "date"  # 什么时候, 哪一年: a date or year
    PERSON = "person"  # 谁 (not about a commitment): a person or organisation
    PLACE = "place"  # 哪里, 在哪: a place
    TERM = "term"  # 叫什么, 被称为: a name or term, often quoted (“大城管”)
    FACT = "fact"  # anything else: a short span


FIGURE, OWNER, LIST, DATE, PERSON, PLACE, TERM, FACT = (
    Kind.FIGURE,
    Kind.OWNER,
    Kind.LIST,
    Kind.DATE,
    Kind.PERSON,
    Kind.PLACE,
    Kind.TERM,
    Kind.FACT,
)

_OWNER_RE = re.compile(
    r"谁(?:牵头|负责|主抓|来抓|来管|分管|管|抓|领导|主管)|(?:牵头|负责|分管|主抓)(?:的)?(?:是)?(?:谁|哪)|"
    r"哪[一两几]?[位个些家]?区?(?:领导|单位|部门|局)|由谁|归谁|责任单位|牵头单位|牵头领导|"
    # 哪位市领导分管的, 哪个县级部门负责 (not 哪几位省领导在场: who was there)
    r"哪[一两几]?[位个些家]?[省市州县镇乡]级?(?:领导|单位|部门|局).*(?:分管|负责|牵头|主抓|主管|管)|"
    r"负责(?:单位|部门|人)|"
    # 哪几个区政府负责的: governments owning a task
    r"哪[一两几]?[个些家]?[区县市镇乡]?政府.*(?:负责|牵头|主抓|主管|分管)|"
    # whom to go to about a matter (民生实事找谁), not whom to call (找谁联系, 有问题找谁，
    # 咨询电话多少)
    r"找谁(?![^？?。]*(?:联系|咨询|问|电话|号码))"
)
_UNIT_ROLE_RE = re.compile(r"单位|部门|局|哪家|哪[一两几]?[个些家]?[区县市镇乡]?政府")
_FIGURE_RE = re.compile(
    r"多少|几(?:[个所处家项座条名次场万亿千百栋户人年月天台辆倍成]|%)|百分之几|多大|多高|多长|多远|"
    r"多久|目标是(?:多少|几)|几"
)
# words naming a figure ask for one, unless the question asks which (哪个区的比例最高
# wants the 区) or why (数量为什么下降 wants the reason)
_FIGURE_WORD_RE = re.compile(r"比例|增长率|增速|增幅|规模|面积|金额|数量|占比")
_WHY_RE = re.compile(r"为什么|为何|为啥|什么原因|原因是什么|因为什么|怎么会|咋会|凭什么|凭啥")


def _asks_figure(text: str) -> bool:
    if _WHY_RE.search(text):
        return False
    return bool(_FIGURE_RE.search(text)) or (
        bool(_FIGURE_WORD_RE.search(text)) and "哪" not in text
    )


# a question asking how long: 多久, 多长时间, 几年, 多少天, 几个月, 几个工作日 (not 前几年,
# 这几天, 未来几年, 第几天, 每隔几天, 多少年轻人, 几月: which month, 西元几年 and 民国几年:
# which year)
DURATION_ASKED_RE = re.compile(
    r"多久|多长时间|多少时间|(?<![前近这那头来第隔元国])(?:几|多少)个?"
    r"(?:年(?![轻级代纪龄度])|天|周|星期|小时|钟头|分钟|秒|工作日)|(?:几|多少)个月"
)
# a question asking which day: 哪天, 哪一天, 几号 (not 几号线, 几号楼), 几月几日; answered
# by a month or a day, never by a year alone
DAY_ASKED_RE = re.compile(r"哪一?天|(?<![路街巷道弄])几号(?![线楼门窗口院台码馆])|几月几[日号]")
# a question asking when a period ends: 截止到哪天, 最晚几号, 最迟什么时候, 停到几点, 交到
# 什么时候 (not 截至2021年底, the time a figure is counted to; not 追溯到什么时候, how far
# back; not 几号到几号, a range, which either end answers; not 什么时候结束, the date of
# an event, answered by 2007年取消); answered by a
# period's end or a deadline (至12月25日, 8月10日前, 持续到1279年), never by a start alone
# (9月1日起)
END_ASKED_RE = re.compile(
    r"截[止至](?!\s*到?\s*\d)|最[晚迟]|停到"
    r"|(?<![溯推追回号点天候时月日年])到(?:哪一?天|几号|几月|哪年|哪一年|几时|几点|什么时[候间]|啥时候|何时)"
)
# a question asking how often: 多久检查一次, 几年一次, 频率 (answered by 每月, 每年)
FREQUENCY_ASKED_RE = re.compile(
    r"(?:多久|多长时间|(?:几|多少)个?(?:年|月|天|周|星期|小时))[^，。？?]{0,8}?一次|频率|频次"
)
# a question asking a share of a whole: 占全省多少, 占了几成 (not 占地, 攻占)
SHARE_ASKED_RE = re.compile(r"(?<![攻抢侵霸独拜])占(?![地用领据有])[^，。；？?]{0,15}?(?:多少|几)")
# percentage points asked: 增长了几个百分点, and 涨了几个点 after a change (not 设了几个点)
POINTS_ASKED_RE = re.compile(
    r"(?:几|多少)个百分点|(?<=[涨升增降跌高低多长])了?(?:几|多少)个点(?!位)"
)
# a question asking a rank or place in an order: 第几, 第多少届, 排名多少, 名次, 排老几
ORDINAL_ASKED_RE = re.compile(r"第几|第多少|排名?第?多少|名次|排行?老几")
# a question asking where something stands in a ranking (排第几, 在全市排老几, 名列第几):
# answered by a rank, not by the figure ranked (not 第几个儿子, 第几届; not 排名多少,
# which an index's score may answer: 排名147.0)
RANK_ASKED_RE = re.compile(
    r"排行?老几|排(?:名|行)?(?:在|为|是)?第几|[位名]列第几|位居第几|什么名次|名次(?:是|为)?第几"
)
# 都有 as "all have", not the 都 ending a city's name (成都有几只大熊猫, 首都有); 各 asking
# the same of each of several
_LIST_RE = re.compile(
    r"哪些|哪几|有什么|有啥|(?<![成京首古国旧故陪帝定建迁])都有|包括|包含|列举|分别"
    # which ones, so many of them: 是哪三个, 哪两所学校 (not 哪一个: one)
    r"|哪[两二三四五六七八九十]+[个种项家所位条座类大]"
    # each of several asked alike: 早稻晚稻各打了多少, 苹果和梨各收了多少吨 (not 各乡镇有多少)
    r"|各[^，。？?\s]{0,2}(?:多少|几)"
)
# a question asking when: 什么时候, 哪一年, 几号 (not 几号线)
DATE_ASKED_RE = re.compile(
    r"什么时候|啥时候|何时|哪一?年|哪[一个]?月|哪一?天|几月|(?<![路街巷道弄])几号(?![线楼门窗口院台码馆])|几日|几点|几时|什么时间|哪个时间|何年|多会儿|年份"
)
# who: 谁, 哪位, or which holder of a post (哪个市长做的报告, 哪一任县长)
_PERSON_RE = re.compile(
    r"谁|哪位|什么人|哪个人|何人"
    # (a measure word after 哪: 哪部长篇 is no 部长)
    r"|哪(?:个|名|任|一任|一个|一名)副?(?:[省市县区镇乡州旗局厅处部校院]长|书记|主任|主席)"
    # the holder of a post asked by 哪个 (区长是哪个, 书记是哪一位), as 谁 is
    r"|(?:[省市县区镇乡州旗局厅处部校院]长|书记|主任|主席)(?:是|叫)哪一?[个位](?![\u4e00-\u9fff])"
)
# asking what something is called: 叫什么, 叫啥, 什么名字, 被称为, 担个啥名头
_TERM_RE = re.compile(
    r"叫(?:做|作)?(?:什么|啥)|(?:什么|啥)(?:名字|名称|名头|称号|称呼|叫法|说法|名堂)|"
    r"(?:称为|称作|称之为|简称|别称|又称|全称|名为|命名为)(?:什么|啥)?[？?]?$|名称是"
)
_PLACE_RE_Q = re.compile(r"哪里|哪儿|在哪|什么地方|何处|何地|哪个(?:城市|国家|地方|省|地区)")
# measure word asked for, e.g. 几所 -> 所, 多少亿元 -> 亿元 (not after 第: 第几名 asks a rank)
# 几 after a number states a figure (80几岁, 二十几个: eighty-odd), it asks none
_MEASURE_RE = re.compile(
    r"(?<!第)(?:(?<![\d〇一二三四五六七八九十百千])几|多少)\s*((?:万|亿|千|百)?(?:平方公里|平方米|平米|公顷|亩|公里|千米|美元|元|个|所|处|家|项|座|条|名|"
    r"次|场|栋|幢|户|人次|人(?![口民物类工们])|台|辆|倍|口|张|套|件|吨|公斤|千克|斤|克(?![隆服拉])|间|批|届|轮|层|支(?![持付出援撑配柱部教])|份|棵|株|%|"
    # counted things, lengths and ages in the words documents use for them (集 not of
    # 集体, 首 not of 首都); not the classifiers people say for others (几块金牌: 枚,
    # 多少块: 元); 头 counts animals, in whichever counter (features.FAMILIES), 只 any
    # thing (not the 只 of 只能, the 头 of 头发)
    r"位|幅|篇|册|卷|枚|章|艘|架|岁|米|首(?![都府届次批])|集(?![体团中镇市约聚资])|"
    r"只(?![能是有要需好得])|头(?![发脑条号部等像衔])|"
    # kinds counted (多少种鸟: 鸟类263种, 多少种植物), not the verb 种 or its words (种树,
    # 种植面积, 种子), nor 哪几种, which asks which (a list)
    r"种(?<![哪那]几种)(?!植(?!物)|[树地子苗菜粮田])))"
    r"|(多少钱|(?:几|多少)块钱|百分之(?:几|多少)|多大面积|几成)"
)
_MEASURE_ALIASES = {
    "多少钱": "元",
    "几块钱": "元",  # 补几块钱: yuan, in the word people say for it
    "多少块钱": "元",
    "百分之几": "%",
    "百分之多少": "%",
    "几成": "%",  # 占了几成: a share in tenths
    "多大面积": "平方米",
    "平米": "平方米",
    "位": "名",  # 多少位老师: a number of people (100名老师)
}
# words that say what is asked, not what it is about
QUESTION_WORDS = frozenset(
    """多少 多久 多长时间 几 谁 哪 哪个 哪些 哪位 哪家 哪里 什么 怎么 怎样 如何 是否 是不是 有没有 请问 牵头 负责
    单位 部门 领导 责任 目标 计划 打算 准备 要 需要 咱们 我们 你们 今年 去年 明年 前年 年 呢 吗 啊 呀 多大
    主要 具体 情况 问题 一下 知道 介绍 说说 讲讲 告诉 个 所 处 家 项 多 大 分别 包括 有 都 那年 那个
    这个 那些 这些 叫 叫做 名叫 名字 啥 什么样 怎么样 今天 明天 昨天 后天 现在 目前 当前 最近
    第几 为什么 为何 为啥 什么时候 何时 哪一年 几点 几时 几号 几月 东西 有过 几分""".split()
)

# words naming the kind of answer wanted ("有什么特点"): answers rarely repeat them
ASPECT_WORDS = frozenset(
    """特点 特性 特征 原因 作用 意义 过程 方法 方式 影响 优势 内容 目的 结果 区别 用途 功能
    含义 定义 来源 由来 经过 背景 理由 措施 做法 职位 地位 称号 名称 名头 称呼 叫法 位置 地方 时间
    时候""".split()
)

_PREPOSITIONS = "在从于"  # a preposition jieba may join to the noun after it
# A contact field a question asks for (its last words: "网站的联系邮箱", "举报电话多少",
# "传真号"), and the shape every answer to it has: an e-mail address has an @, a phone or
# fax number five digits or more, a postcode six, a web address its scheme or domain; an
# answer to which road (哪条路, below) names one (路, 街, 巷, 胡同, 大道).
# A field among others ("地址和电话") asks for no one shape.
FIELD_WORDS: dict[str, str] = {
    "邮箱": "email",
    "电子邮件": "email",
    "邮件地址": "email",
    "email": "email",
    "e-mail": "email",
    "电话": "phone",
    "热线": "phone",
    "手机": "phone",
    "座机": "phone",
    "传真": "phone",
    "邮编": "postcode",
    "邮政编码": "postcode",
    "网址": "url",
    "网站地址": "url",
    "网页地址": "url",
    "下载地址": "url",
    "地址": "address",
    "办公地址": "address",
    "详细地址": "address",
    "具体地址": "address",
}
FIELD_SHAPES: dict[str, re.Pattern[str]] = {
    "email": re.compile(r"[\w.+-]+\s*[@＠]\s*[\w-]+(?:\.[\w-]+)+", re.ASCII),
    # five digits or more (12345 is a hotline), not a quantity (26714.18亩, 13128元), nor
    # a date and time (2024-02-20 15:32, nor its 02-20 15)
    "phone": re.compile(
        r"(?<![\d.\-－/])(?!(?:19|20)\d\d[-/.](?:0?[1-9]|1[0-2])[-/.][0-3]?\d(?!\d))"
        r"(?:\d[-－—–()（）\s]?){4,}\d(?!\d|\.\d|\s*[万亿千百元亩人户个家所项吨米%‰年月日次辆台套件名位])"
    ),
    "postcode": re.compile(r"(?<![\d.])\d{6}(?![\d.])"),
    "url": re.compile(r"https?://|www\.|\.(?:gov|com|org|net|edu)\b", re.IGNORECASE),
    # a street address, or a village's or town's (某某路128号, 某某大厦5楼, 某某镇某某村);
    # training: the gold sentences of 7 of 10 questions saying 地址 have one, the others
    # asking what an address is for or a web address
    "address": re.compile(
        r"[\u4e00-\u9fff\d][\u4e00-\u9fff\d\-－（）()]{0,30}?"
        r"(?:路|街|道|巷|弄|号|楼|大厦|广场|村|镇|乡|社区|园区)"
    ),
    # a road's word, not 街道 (a sub-district, named after a road too: 欧阳路街道), 道路
    # or 线路 (roads in general), 思路
    "road": re.compile(r"(?<![道线思出网铁电])路(?![线径]|街道)|街(?!道)|巷|胡同|大道"),
}
# a question asking which road or street ("建在哪条路上", "在什么街"): the answer names
# one (哪条道路 may ask a way, 路线 a route; neither is asked here)
_ROAD_ASKED_RE = re.compile(r"(?:哪一?条|什么)(?:马路|大街|大道|胡同|路|街|巷)(?![线径子口道])")
_FIELD_RE = re.compile(
    r"(" + "|".join(sorted(FIELD_WORDS, key=len, reverse=True)) + r")"
    r"(?:号码?|地址)?(?:是|为)?(?:多少|什么|啥|哪个)?(?:号码?)?"
    # and what is done with it: 打哪个电话问, 有啥电话可以咨询
    r"(?:(?:可以|能)?(?:问问?|咨询|打|联系|查询?))?[吗呢啊呀？?!！。\s]*$",
    re.IGNORECASE,
)
# a phone number asked by what is done with it: 投诉打哪个号码, 打啥号, 拨打多少,
# 打电话问拨多少 (not 拨多少 alone: 给村里拨多少 asks an allocation)
_DIAL_RE = re.compile(
    r"(?:拨打(?:多少|哪个|什么|啥)|打(?:哪一?个|什么|啥)号|电话[^，。？?]{0,4}拨(?:多少|哪个|什么|啥))"
    r"号?码?[吗呢啊呀？?!！。\s]*$"
    # 打什么电话能问到, 拨哪个电话咨询: the number, whatever follows
    r"|(?:打|拨打?)(?:哪一?个|什么|啥)(?:电话|热线)"
)
_FIELD_BEFORE_RE = re.compile(r"[和及与跟、]\s*(?:联系|咨询|办公|服务|投诉|举报)?$")


def asked_field(text: str) -> str | None:
    """The shape of the contact field ``text`` ends by asking for (:data:`FIELD_SHAPES`:
    "发改委的联系电话" -> phone), or None: no field, or one among others ("地址和电话").
    :func:`analyse` keeps it for fact, figure, place and list questions (有啥电话可以问,
    有啥不懂的…拨多少), not for a date or a person: "第一封电子邮件是哪一年
    发出的" asks for a year, not an address. A road asked anywhere ("在哪条街") is one."""
    if _ROAD_ASKED_RE.search(text):
        return "road"
    if _DIAL_RE.search(text.strip()):
        return "phone"
    m = _FIELD_RE.search(text.strip())
    if not m or _FIELD_BEFORE_RE.search(text[: m.start()]):
        return None
    return FIELD_WORDS[m.group(1).lower()]


# a person's age this year (今年95了, 今年都90多岁): no year a question asks about
_AGE_THIS_YEAR_RE = re.compile(r"今年(?:已经|都|刚)?\d{1,3}(?:多)?(?:周?岁|了|啦)")
_RELATIVE = {"今年": 0, "本年度": 0, "去年": -1, "上一年": -1, "前年": -2, "明年": 1, "下一年": 1}
# 哪些地方 -> 地方; 哪天考 (jieba's one word) -> 考, no term
_ASKING_PREFIX_RE = re.compile(r"^(?:几|多少|哪[些个种家支位条所里])(?=..)|^哪[天年月](?=.)")
_COUNT_RE = re.compile(rf"^[几{zh.LIANG}{zh.CN_NONZERO}十\d]+[个位项家所名次条座处种]?$")
# a length of time said as a number (一年, 三个月, 半年, 两天); not a month's name (十月)
_SPAN_RE = re.compile(
    rf"^[几半{zh.LIANG}{zh.CN_NONZERO}十\d]+(?:个(?:月|星期|小时|钟头)|年|天|周|星期|小时|分钟)$"
)


def is_span(term: str) -> bool:
    """``term`` is a length of time said as a number (一年, 一个月): a term that may name
    what is asked about (七年战争, 洪武三年) but tells nothing of whether the documents
    cover it (合阳生个娃一年能领多少钱)."""
    return bool(_SPAN_RE.match(term))


# a word asking a count or a time with its classifier (几年, 几岁, 哪几种, 几类, 啥时候):
# no content term (几乎, 几何 are words of their own)
_ASKING_WORD_RE = re.compile(
    r"^(?:几|哪几)[个位项家所名次条座处种年月日天岁部张层届倍间段首支枚组场套级班类大路道块]$"
    r"|^啥(?:时候|时|样)$"
)


def asks(word: str) -> bool:
    """``word`` asks (多少, 什么时候, 几年, 啥时候): no content term."""
    return word in QUESTION_WORDS or bool(_ASKING_WORD_RE.match(word))


_FOLLOW_UP_RE = re.compile(r"^(?:那|那么|还有|另外|再问|然后)|呢[？?]?$")


@dataclass(frozen=True)
class Question:
    text: str
    kind: Kind
    role: str | None  # for owner questions: "leader" or "unit"
    years: tuple[int, ...]  # years the question names (resolved)
    terms: tuple[str, ...]  # content terms, most specific first
    measure: str | None = None  # measure word asked for
    relative: bool = False  # the years come from 今年/去年 only, resolved against the corpus
    context_terms: tuple[str, ...] = ()  # terms carried over from earlier questions
    forms: tuple[tuple[str, ...], ...] = ()  # per term: the term and its synonyms
    counted: str | None = None  # what a figure question counts: 几个方面 -> 方面
    field: str | None = None  # a contact field asked for (FIELD_SHAPES): phone, email …
    # the year names a document (2020年那份政府工作报告里说…): every part of that year's
    # documents may answer, its review of the year before too
    of_document: bool = False

    def term_forms(self, term: str) -> tuple[str, ...]:
        for forms in self.forms:
            if forms and forms[0] == term:
                return forms
        return (term,)


# a year naming the document asked about: 2020年那份政府工作报告里, 2023年钟楼区政府工作报告,
# 2022年统计公报上 (a few words of place between)
_DOCUMENT_OF_YEAR_RE = re.compile(
    r"(?<=[\d〇一二三四五六七八九零])年(?:的|那份|这份|那个|这个|那一份|那次|这次)?[\u4e00-\u9fff]{0,6}?"
    r"(?:政府工作报告|工作报告|统计公报|公报|年鉴)"
)


# "23年" said for 2023: only up to two years after the documents' latest, else it is a
# length (风云50年), a year of an era (光绪28年) or of long ago (前37年, 1870-71年)
_SHORT_YEAR_RE = re.compile(r"\d{2}年")


def explicit_years(text: str, latest: int | None) -> tuple[int, ...]:
    """Years named in ``text`` (:func:`lixia_qa.zh.find_years`, bare ones included:
    2024年, 二〇二四年, 23年底, "（2023）", both ends of 2023—2027年; not 10年以上, nor a
    two-digit year more than two years after ``latest``), else 今年/去年/明年 against ``latest``."""
    found: list[int] = []
    halfwidth = zh.to_halfwidth(text)
    for mention in zh.find_years(text, bare=True):
        short = _SHORT_YEAR_RE.match(halfwidth, mention.start)
        if short and latest is not None and mention.year > latest + 2:
            continue
        found += [mention.year] if mention.range_end is None else [mention.year, mention.range_end]
    if latest is not None and not found:
        said = _AGE_THIS_YEAR_RE.sub("", text)  # 我爸今年95了: an age, not the year asked
        for word, delta in _RELATIVE.items():
            if word in said:
                found.append(latest + delta)
    return tuple(dict.fromkeys(found))


# The kind a question asks for: the first test that holds, in this order (a 叫什么
# question is a term before it is a figure: "两个部门并成一个，这种做法叫啥").
_KIND_TESTS: tuple[tuple[Kind, Callable[[str], object]], ...] = (
    (LIST, _LIST_RE.search),
    (DATE, DATE_ASKED_RE.search),
    (TERM, _TERM_RE.search),
    (FIGURE, _asks_figure),
    (PERSON, _PERSON_RE.search),
    (PLACE, _PLACE_RE_Q.search),
)


# any sign that a text is asked, not typed as search words: a question word or mark
_ASKED_RE = re.compile(
    r"[什怎多]么|啥|哪|谁|如何|何[时处地]|为何|[吗呢吧嘛]|是否|有没有|是不是|几|[？?]"
)


def classify(text: str) -> tuple[Kind, str | None]:
    """The kind of answer wanted, and for an owner question whether a leader or a unit.
    Search words with no question word ("某市2023年地区生产总值") ask for the figure
    they name when it is one a figure question implies (:func:`implied_measure`)."""
    if _OWNER_RE.search(text):
        role = "unit" if _UNIT_ROLE_RE.search(text) and "领导" not in text else "leader"
        return OWNER, role
    kind = next((kind for kind, test in _KIND_TESTS if test(text)), FACT)
    if kind == FACT and not _ASKED_RE.search(text) and implied_measure(text):
        return FIGURE, None
    return kind, None


def _data_lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def framing_words() -> frozenset[str]:
    """Colloquial framing words (data file), dropped from a question's content terms."""
    return frozenset(_data_lines("framing.txt"))


@lru_cache(maxsize=1)
def contrasts() -> tuple[tuple[tuple[tuple[str, ...], ...], bool], ...]:
    """Sets of qualifiers that tell counts of the same thing apart (data file), each
    member with its forms, and whether a figure says them anywhere in its sentence before
    it rather than in its label: (((户籍,), (常住,)), False), (((目标, 预期, …), (实际, …)),
    True) …"""
    sets = []
    for line in _data_lines("contrasts.txt"):
        members, _, where = line.partition("\t")
        forms = tuple(
            tuple(f.strip() for f in m.split(",") if f.strip()) for m in members.split("|")
        )
        sets.append((forms, where.strip() == "sentence"))
    return tuple(sets)


def _indicator_lines() -> list[tuple[tuple[str, ...], bool]]:
    out = []
    for line in _data_lines("indicators.txt"):
        forms, _, kind = line.partition("\t")
        out.append(
            (
                tuple(f.strip().lower() for f in forms.split(",") if f.strip()),
                kind.strip() == "qualified",
            )
        )
    return out


@lru_cache(maxsize=1)
def indicator_heads() -> tuple[tuple[str, ...], ...]:
    """The head words indicators are named by (data file), each with its other forms:
    (生产总值, gdp, 经济总量), (增加值,), (收入,) …"""
    return tuple(forms for forms, _ in _indicator_lines())


@lru_cache(maxsize=1)
def qualified_heads() -> frozenset[int]:
    """The indicators (by position in :func:`indicator_heads`) whose head's qualifiers
    tell indicators apart (规模以上工业增加值 and 第三产业增加值), unlike an area's (占地面积
    and 土地面积)."""
    return frozenset(i for i, (_, qualified) in enumerate(_indicator_lines()) if qualified)


@lru_cache(maxsize=1)
def _qualified_forms() -> tuple[str, ...]:
    """Every form of the heads of :func:`qualified_heads` (收入, 投资, gdp …)."""
    return tuple(f for i in sorted(qualified_heads()) for f in indicator_heads()[i])


@lru_cache(maxsize=1)
def implied_measures() -> tuple[tuple[str, str], ...]:
    """(word, figure family) pairs (data file), in file order: rate words first."""
    out = []
    for line in _data_lines("measures.tsv"):
        word, _, family = line.partition("\t")
        out.append((word.strip().lower(), family.strip()))
    return tuple(out)


# a rise said in a citizen's word (涨了多少, 涨多少, 涨了几个点), and what is paid
_ROSE_RE = re.compile(r"涨")
_PAID_RE = re.compile(r"工资|薪|价|费|养老金|补贴|标准")


def implied_measure(text: str) -> str | None:
    """The figure family a figure question implies by what it asks about, when it names
    no measure word: "一般工资大概多少" -> 元, "占地多大" -> 平方米, "满意率是多少" -> %.
    The first word of the data file found anywhere in the question decides; but a
    statistic said to rise in a citizen's word (投资涨了多少, 收入涨了多少: bulletins give
    its growth in per cent) asks a percentage, a wage or a price excepted (工资涨了多少
    may be asked in yuan)."""
    low = text.lower()
    rose = _ROSE_RE.search(low) and not _PAID_RE.search(low)
    if rose and any(head in low for head in _qualified_forms()):
        return "%"
    for word, family in implied_measures():
        if word in low:
            return family
    return None


@lru_cache(maxsize=1)
def synonyms() -> dict[str, tuple[str, ...]]:
    """term -> other forms documents use (data file), e.g. gdp -> 地区生产总值."""
    out: dict[str, tuple[str, ...]] = {}
    for line in _data_lines("synonyms.tsv"):
        term, _, forms = line.partition("\t")
        out[term.strip().lower()] = tuple(f.strip() for f in forms.split(",") if f.strip())
    return out


def strip_framing(text: str, tokenizer: ChineseTokenizer) -> str:
    """``text`` with colloquial framing words removed (longest first), only where one
    starts and ends on word boundaries: 怎么办 is framing, but not inside 怎么|办理."""
    bounds = {0} | {end for _, _, end in tokenizer.spans(text)}
    for word in sorted(framing_words(), key=len, reverse=True):
        if len(word) < 2:
            continue
        at = text.find(word)
        while at >= 0:
            end = at + len(word)
            if at in bounds and end in bounds:
                text = text[:at] + " " * len(word) + text[end:]  # offsets stay valid
            at = text.find(word, at + 1)
    return text


def expand(term: str) -> tuple[str, ...]:
    """The term followed by the other forms a document may use for it. A word the list
    does not know that is a listed word and one character more takes that word's forms
    (看病难 -> 看病, 医疗, 就医; 老人家 -> 老人, 老年人); a longer compound does not
    (公园绿道 is no kind of 公园)."""
    table = synonyms()
    key = term.lower()
    if key in table:
        return (term, *table[key])
    part = next((p for p in (key[:-1], key[1:]) if len(p) > 1 and p in table), None)
    return (term, part, *table[part]) if part else (term,)


def strip_years(text: str) -> str:
    """The question without its year expressions (so "23年历下" does not give 年历)."""
    for mention in reversed(zh.find_years(text, bare=True)):
        text = f"{text[: mention.start]} {text[mention.end :]}"
    for word in _RELATIVE:
        text = text.replace(word, " ")
    return text


@lru_cache(maxsize=1)
def phrasings() -> tuple[tuple[re.Pattern[str], str], ...]:
    """A citizen's phrasings of what documents name in their own word (data file: a
    pattern over the question and that word): 一年生了多少个娃 is asked of 出生."""
    out = []
    for line in _data_lines("phrasings.tsv"):
        pattern, _, word = line.partition("\t")
        out.append((re.compile(pattern.strip()), word.strip()))
    return tuple(out)


def in_documents_words(text: str) -> str:
    """``text`` with each phrasing of :func:`phrasings` read as the documents' word."""
    for pattern, word in phrasings():
        text = pattern.sub(f" {word} ", text)
    return text


def content_terms(text: str, tokenizer: ChineseTokenizer) -> tuple[str, ...]:
    text = in_documents_words(text)
    words = tokenizer.words(strip_framing(strip_years(text), tokenizer), whole=synonyms().keys())
    words = [_ASKING_PREFIX_RE.sub("", w) for w in words]  # 几连冠 -> 连冠
    words = [_without_preposition(w) for w in words]  # 住在城镇的人: 在城镇 -> 城镇
    terms = [
        t
        for t in words
        if len(t) > 1
        and not asks(t)
        and not _COUNT_RE.match(t)
        and not t.isdigit()
        and not (t[0] == "哪" and len(t) == 2)
        and t not in framing_words()
    ]
    # longer (more specific) terms first; keep order stable
    return tuple(sorted(dict.fromkeys(terms), key=lambda t: -len(t)))


# what jieba's guessing (its HMM, for words its dictionary lacks) joins to the word before
# it: a verb or particle (牛有 of 牛有多少头, 香檬有 of 香檬有哪些成分, 发展在), or a
# classifier to its verb (生个娃: 生个)
_JOINED_AFTER = frozenset("有在要是会能把被给了着过都也就还个")
# and to the word after it: a modal, an adverb or a place word before a verb (能领 of
# 一年能领多少, 还养 of 还养着多少只羊, 上用 of 在手机上用啥能交)
_JOINED_BEFORE = frozenset("能要可会想上里还")


def unjoined(q: Question, used: Callable[[str], bool]) -> Question:
    """``q`` with each term jieba guessed by joining a verb or particle to the word
    before it (or a modal or place word to the verb after it: 能领, 上用), when the
    documents never ``used`` it, read as that word (dropped when it is one character, no
    term is, or a question word: 多大能 -> 多大). Training
    questions: of 74 such terms of two or more characters before the joined one, 54 were
    absent from their gold paragraph and the word before it present. A name the
    documents do use (章要儿) keeps its term."""

    def mend(term: str) -> str:
        if len(term) < 2 or word_tag(term)[0] is not None or used(term):
            return term
        if term[-1] in _JOINED_AFTER:
            return term[:-1]
        return term[1:] if len(term) == 2 and term[0] in _JOINED_BEFORE else term

    mended = (m for m in map(mend, q.terms) if len(m) > 1 and not asks(m))
    return with_terms(q, tuple(dict.fromkeys(mended)))


def with_terms(q: Question, terms: tuple[str, ...]) -> Question:
    """``q`` with these content ``terms`` (read again by :func:`unjoined` or
    :func:`in_parts`), their forms, and the context terms not among them."""
    if terms == q.terms:
        return q
    context = tuple(t for t in q.context_terms if t not in terms)
    return replace(
        q, terms=terms, context_terms=context, forms=tuple(map(expand, (*terms, *context)))
    )


def in_parts(
    q: Question, used: Callable[[str], bool], parts: Callable[[str], list[str]]
) -> Question:
    """``q`` with each term the documents never ``used`` but know every shorter word of
    (the words ``parts`` gives) read as the fewest of those words that spell it end to
    end: 出生人数 -> 出生 + 人数, so the passage saying 出生人口 meets a citizen's
    compound. The guard already takes such a word as known by its parts; read whole, it
    matched no passage at all. Training questions: of 68 terms absent from their gold
    paragraph whose parts all occur in it and spell it, 47 had a part in the sentence
    holding the answer. A word its parts do not spell end to end, or whose synonyms
    the documents use (经济增速 → 生产总值), stays whole."""

    def split(term: str) -> tuple[str, ...]:
        if any(map(used, q.term_forms(term))):  # the word or a synonym of it
            return (term,)
        found = known_parts(term, used, parts)
        return _spelled(term, {p for p in found if len(p) > 1}) or (term,)

    return with_terms(q, tuple(dict.fromkeys(t for term in q.terms for t in split(term))))


def known_parts(
    word: str, used: Callable[[str], bool], parts: Callable[[str], list[str]]
) -> tuple[str, ...]:
    """The shorter words ``word`` is made of (``parts``: jieba's search-mode tokens),
    when the documents ``used`` every one of them; () when one is unused or none is
    shorter. The guard and :func:`in_parts` both take a word as known by these."""
    found = tuple(p for p in parts(word) if p != word)
    return found if found and all(map(used, found)) else ()


def _spelled(word: str, pieces: set[str]) -> tuple[str, ...]:
    """The fewest of ``pieces`` that spell ``word`` in order, or () when none do."""
    best: list[tuple[str, ...] | None] = [()] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for start in range(end):
            before, now = best[start], best[end]
            fewer = now is None or (before is not None and len(before) + 1 < len(now))
            if before is not None and word[start:end] in pieces and fewer:
                best[end] = (*before, word[start:end])
    return best[-1] or ()


def _without_preposition(word: str) -> str:
    """A word jieba's dictionary joins to the preposition before it (在城镇, 在城区) is the
    word after it: the documents say 城镇. Terms match as substrings, so what the joined
    word matched, the word after it still does."""
    rest = word[1:]
    if word[:1] in _PREPOSITIONS and len(rest) >= 2 and word_tag(rest)[0] is not None:
        return rest
    return word


def counted_noun(text: str, match: re.Match[str] | None, tokenizer: ChineseTokenizer) -> str | None:
    """The word right after the asked measure ("几个方面" -> 方面, "多少所学校" -> 学校,
    "多少项民生实事" -> 民生), past a 的; None when that is no content word of two or
    more Han characters ("多少个能停车的地方" -> None)."""
    if match is None:
        return None
    words = [w for w, _, _ in tokenizer.spans(text[match.end() :]) if w.strip()]
    if words and words[0] == "的":
        words = words[1:]
    if not words:
        return None
    word = words[0]
    if not _CJK_RE.match(word) or word in QUESTION_WORDS or word in framing_words():
        return None
    return word


def _measure_word(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    word = match.group(1) or match.group(2)
    return _MEASURE_ALIASES.get(word, word)


_PLACE_ENDS = ("区", "县")
_CJK_RE = re.compile(rf"^[{zh.HAN}]{{2,4}}$")


_NOT_A_NAME_START = tuple("哪这那每各本全该我你他她咱此某")


def _names_a_place(word: str) -> bool:
    """``word`` before a cut-off 区 may be a place name: not 咱们, 哪位, 这个, 几个 …"""
    return (
        bool(_CJK_RE.match(word))
        and not word.startswith(_NOT_A_NAME_START)
        and not _COUNT_RE.match(word)  # 几个区, 两个区
        and word not in QUESTION_WORDS
        and word not in STOPWORDS
        and word not in framing_words()
    )


def place_mentions(text: str, tokenizer: ChineseTokenizer) -> list[tuple[str, ...]]:
    """Names of districts or counties the question mentions, each as its readings from
    longest to shortest (年历下区 -> 年历下区, 历下区). A name is a word ending in 区/县
    (历下区), or a word of 2 to 4 characters that jieba cut from a following 区 (滨河 + 区:
    jieba does not know the name). Common words (地区, 小区, 区级) and area nouns
    (产业园区, 全区) are no place names."""
    words = tokenizer.spans(text)
    out = []
    for i, (word, _, _) in enumerate(words):
        if word in _PLACE_ENDS and i and _names_a_place(words[i - 1][0]):
            name = words[i - 1][0] + word
        elif len(word) >= 3 and word.endswith(_PLACE_ENDS):
            name = word
        else:
            continue
        if is_area_word(name):
            continue
        out.append(tuple(name[k:] for k in range(len(name) - 2)))
    return out


def is_follow_up(text: str) -> bool:
    return len(text) <= 16 and bool(_FOLLOW_UP_RE.search(text.strip()))


# a place's head named by the place and the post sharing its suffix (某某市长 for 某某市
# 市长, 某某区长是谁): the place then the post, not a word of 长 and what follows (长叫, 长是);
# not 长江, 长沙 or any other word 长 starts
_POST_OF_PLACE_RE = re.compile(
    rf"([{zh.HAN}]{{2,8}}?([省市县区州旗盟镇乡]))长(?=是|叫|姓|名|为|的|谁|哪|讲|说|作|做|[，,？?！!]|$)"
)


def post_of_place(text: str) -> str:
    """``text`` with a place's head written out (琼海市长叫啥名字 -> 琼海市市长叫啥名字),
    where the place is a division of the gazetteer, so the post is read as one word."""

    def spell(m: re.Match[str]) -> str:
        place, end = m.group(1), m.group(2)
        if place[:-1].endswith(end):
            return m.group()  # 琼海市市长 says the post already
        # the place may start after a word the match took in (20年汇川区长: 汇川区)
        if not any(is_division_name(place[i:]) for i in range(len(place) - 2)):
            return m.group()
        return f"{place}{end}长"

    return _POST_OF_PLACE_RE.sub(spell, text)


def analyse(
    text: str,
    tokenizer: ChineseTokenizer,
    latest_year: int | None,
    history: Sequence[str] = (),
) -> Question:
    """Analyse ``text``; a short follow-up ("那中小学呢？") inherits kind, year and context.
    A question typed in traditional characters is read in simplified ones, as the
    documents are stored (:func:`lixia_qa.zh.to_simplified`)."""
    text = post_of_place(zh.to_simplified(text))
    kind, role = classify(text)
    years = explicit_years(text, latest_year)
    relative = bool(years) and not explicit_years(text, None)
    measure = _MEASURE_RE.search(text)
    counted = counted_noun(text, measure, tokenizer) if kind == FIGURE else None
    context: tuple[str, ...] = ()
    if history and is_follow_up(text):
        prev = analyse(history[-1], tokenizer, latest_year, history[:-1])
        if kind == FACT:
            kind, role = prev.kind, prev.role
        if not years:
            years, relative = prev.years, prev.relative
        measure = measure or (_MEASURE_RE.search(history[-1]))
        context = prev.terms
    measure_word = _measure_word(measure)
    if kind == FIGURE and POINTS_ASKED_RE.search(text):
        measure_word = "%"  # 几个百分点: a change in percentage points, not a count
    elif measure_word is None and kind == FIGURE:
        if SHARE_ASKED_RE.search(text):
            measure_word = "%"  # 钱占支出多少 asks a share, not the 元 钱 implies
        elif not (DURATION_ASKED_RE.search(text) or ORDINAL_ASKED_RE.search(text)):
            measure_word = implied_measure(text)  # 补贴给几年 asks years, not 元
    # the measure asked for ("多少平米") says what kind of figure, not what it is about
    asked = {measure_word, measure.group(1) or measure.group(2)} if measure else set()
    if measure and measure.group(2) and measure.group(2).endswith("块钱"):
        asked.add("块钱")  # jieba cuts 几块钱 as 几 / 块钱
    terms = tuple(t for t in content_terms(text, tokenizer) if t not in asked)
    if measure and measure.group(1):  # jieba joins the measure to what it counts: 只鸡, 几只
        at, unit = measure.start(1), measure.group(1)
        counted_words = (t[len(unit) :] if text.lower().startswith(t, at) else t for t in terms)
        terms = tuple(
            t for t in dict.fromkeys(counted_words) if len(t) > 1 and t != measure.group(0)
        )
    all_terms = (*terms, *(t for t in context if t not in terms))
    return Question(
        text=text,
        kind=kind,
        role=role,
        years=years,
        relative=relative,
        terms=terms,
        measure=measure_word,
        context_terms=tuple(t for t in context if t not in terms),
        forms=tuple(expand(t) for t in all_terms),
        counted=counted,
        field=asked_field(text) if kind in (FACT, FIGURE, PLACE, LIST) else None,
        of_document=bool(years) and not relative and bool(_DOCUMENT_OF_YEAR_RE.search(text)),
    )
