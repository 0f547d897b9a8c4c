"""Questions a service guide (办事指南) answers in one of its fields: where to go, when
it is open, when to apply, how long it takes, what it costs or pays, what to bring, who
may apply, whether it can be done online, how the result is delivered, whom to call or
ask for (联系人).

A guide states each of these under a label of its own, as a labelled line
(``办理地点：…``) or as a numbered heading over its paragraph (``九、办理时限``). The
labels are those of a guide's form, the same in any district's guides; the asking words
are general Chinese, a citizen's included (在哪办, 要多久, 要钱吗, 带啥, 归哪个部门管). A question asking
for one of them is answered with that field of the retrieved guide whose title covers
the question's other words (:func:`answer.docfacts.best_document`); a document with
fewer than :data:`LEAST_FIELDS` of the labels is no guide, unless its title says it is
one (…办理指南, 一次性告知). When that guide does not state
the asked field, the answer says so, if the question asks for that field alone (要交钱吗);
otherwise the question goes the usual way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from answer.analyse import FIELD_SHAPES
from answer.docfacts import Asked
from ingest.structure import marker_rank
from lixia_qa.types import Document
from store.tokenize import pos_tags

(
    PLACE,
    HOURS,
    PERIOD,
    VALIDITY,
    DURATION,
    FEE,
    AWARD,
    MATERIALS,
    APPLICANTS,
    DELIVERY,
    ONLINE,
    COMPLAINT,
    CONTACT,
    PERSON,
    AUTHORITY,
) = (
    "place",
    "hours",
    "period",
    "validity",
    "duration",
    "fee",
    "award",
    "materials",
    "applicants",
    "delivery",
    "online",
    "complaint",
    "contact",
    "person",
    "authority",
)


@dataclass(frozen=True)
class Field:
    name: str
    asks: re.Pattern[str]  # the question's words that ask for it
    labels: tuple[re.Pattern[str], ...]  # the guide's labels for it, matched whole, best first
    says: str  # what it is called when a guide does not state it (没有写明收费)
    # whether a guide without the field's label does not state it: a phone number may
    # stand in a sentence (如有疑问请拨打…), a fee or a place is labelled
    unlabelled_unstated: bool = True


# the number to call, asked by its name or by dialling it (打哪个电话问, 拨打多少; not
# 拨多少 alone: 给村里拨多少 asks an allocation)
_PHONE_ASKED = (
    r"(?:电话|热线|号码|联系方式)(?!费)|打(?:哪一?个|什么|啥)号|拨打(?:多少|哪个|什么|啥)"
)

# in the order tried: a number to call before anything else (打电话问几点开门 asks the
# number), 几点 asks for the hours before 办 … 哪 asks for a place
FIELDS: tuple[Field, ...] = (
    Field(
        COMPLAINT,  # where to complain: 投诉打哪个电话, 举报电话多少
        re.compile(
            rf"(?:投诉|举报|监督)[^，。？?]{{0,8}}(?:{_PHONE_ASKED}|打|拨)"
            rf"|(?:{_PHONE_ASKED})[^，。？?]{{0,3}}(?:投诉|举报)"
        ),
        (re.compile(r"(?:监督|投诉|举报){1,2}(?:电话|热线|方式|渠道|途径)?(?:及\S{0,6})?"),),
        "投诉电话",
        unlabelled_unstated=False,
    ),
    Field(
        CONTACT,  # whom to ask: 咨询电话, 有啥不懂的打哪个电话
        re.compile(_PHONE_ASKED),
        (
            re.compile(
                r"(?:咨询|联系|服务|办事|办公|业务|办理|预约)(?:电话|热线|方式|渠道|途径)(?:及\S{0,6})?"
            ),
            re.compile(r"电话|热线"),
        ),
        "咨询电话",
        unlabelled_unstated=False,
    ),
    Field(
        PERSON,  # whom to ask for: 联系人是谁 (联系人电话 asks the number, above)
        re.compile(r"联系人(?:是谁|叫什么|叫啥|是哪位|姓什么)?|(?:找谁|跟谁|和谁)联系|联系谁"),
        (re.compile(r"联系人"),),
        "联系人",
        unlabelled_unstated=False,
    ),
    Field(
        HOURS,
        re.compile(
            r"几点|什么时间(?:段)?(?:可以|能)?(?:去)?办|上班时间|(?:上班|开门|下班|关门)|周末"
        ),
        # with what the line states beside it: 办公时间和地址
        (re.compile(r"(?:办理|受理|办公|工作|服务|窗口)时间(?:[和及与]\S{0,6})?"),),
        "办理时间",
    ),
    Field(
        PERIOD,
        re.compile(
            r"什么时候(?:可以|能|开始)?(?:申请|申报|报名|提交)|(?:申请|申报|报名)(?:时间|日期|期限)|"
            # (not 哪天开始施行: when a regulation takes effect)
            r"几号到几号|截止|哪天开始(?!施行|实施|生效|执行)"
        ),
        (re.compile(r"(?:申请|申报|报名|集中受理)(?:时间|日期|期限)|截止(?:时间|日期)"),),
        "申请时间",
    ),
    Field(
        VALIDITY,  # how long what is issued stays good: 过几年失效, 能用多久, 有效期
        re.compile(
            r"有效期|(?:多久|多长时间|几年|多少年)[^，。？?]{0,4}(?:失效|过期|到期|作废)"
            r"|(?:能用|管用|有效)(?:多久|多长时间|几年|多少年)"
        ),
        (re.compile(r"(?:证件|证书|证照|有效)?(?:有效期限?|有效时间)"),),
        "有效期",
    ),
    Field(
        DURATION,
        re.compile(r"多久|多长时间|多少天|几天|几个工作日|多少个工作日|多快|要等"),
        (re.compile(r"(?:办理|承办|承诺|法定|办结|审批|受理)?时限|(?:办理|审批|办结)期限"),),
        "办理时限",
    ),
    Field(
        FEE,
        re.compile(r"多少钱|收费|收钱|要钱|花钱|交钱|费用|免费|工本费|收不收|要不要钱"),
        (re.compile(r"收费(?:标准|依据|情况|项目)?(?:及(?:标准|依据))?|是否收费|(?:办理)?费用"),),
        "收费",
    ),
    Field(
        AWARD,
        re.compile(
            r"(?:拿|领|得|奖|补|给|资助|奖励|补贴|补助)(?:了|有|是)?多少|(?:奖励|补贴|补助|资助)(?:标准|金额|额度)"
        ),
        (re.compile(r"(?:奖励|资助|补贴|补助|扶持|支持)(?:标准|金额|额度|方式)"),),
        "奖励标准",
    ),
    Field(
        MATERIALS,
        re.compile(
            r"带(?:什么|啥|哪些)|(?:什么|啥|哪些)(?:材料|资料|证件|手续)|准备(?:什么|啥|哪些)|"
            r"要(?:交|提交|提供)(?:什么|啥|哪些)"
        ),
        (re.compile(r"(?:申请|所需|提交|申报|办理|提供){0,2}材料(?:清单|目录)?"),),
        "申请材料",
    ),
    Field(
        APPLICANTS,
        re.compile(
            r"谁(?:可以|能)|哪些人|什么人|什么条件|啥条件|(?:申请|办理)条件|能不能办|可以办吗"
        ),
        (re.compile(r"(?:办理|服务|适用|申请)对象|(?:申请|受理|办理|申报)条件"),),
        "申请条件",
    ),
    Field(
        ONLINE,
        re.compile(
            r"(?:网上|线上|手机上|在网上)(?:能|可以|能不能|可不可以)?(?:办|申请|申报|预约)|网办|不用跑"
        ),
        (
            re.compile(
                r"(?:是否)?(?:支持|可以)?(?:网上|在线|线上)(?:办理|申请|申报|可办)|网办(?:深度|地址)?"
                r"|办理(?:形式|方式|渠道)"
            ),
        ),
        "能否网上办理",
    ),
    Field(
        DELIVERY,
        re.compile(r"(?:能|可以)?(?:邮寄|寄到|寄回|快递到|送到家|送上门)|送达方式"),
        (re.compile(r"(?:结果)?送达(?:方式)?|(?:结果|证件|证照)?领取(?:方式|地点)"),),
        "送达方式",
    ),
    Field(
        PLACE,
        # 去找哪个部门 asks which office to go to, as a guide's 办理地点 or 受理机构 says
        # (not 找哪个部门解释: who answers for it)
        re.compile(
            r"(?:在|去|到)?哪(?:里|儿)|在哪|什么地方|哪个窗口|(?:哪个|什么)部门受理"
            r"|去找(?:哪个|哪家|什么|啥)(?:部门|单位|机关|机构)"
            r"|(?:什么|啥|哪个)地址|地址(?:是|在)?(?:哪|什么|啥)"
        ),
        # where to go, then who receives it, then a bare address (a page's footer may
        # hold the site's own): 办理地点 over 受理机构 over 地址
        (
            re.compile(r"(?:办理|办事|受理|服务|申请|咨询)(?:地点|地址)(?:及\S{0,6})?"),
            re.compile(r"(?:办理|办事|受理|服务)(?:窗口|部门|机构|单位)"),
            re.compile(r"地点|地址"),
        ),
        "办理地点",
    ),
    Field(
        AUTHORITY,  # the office in charge of the matter: 归哪个部门管, 哪个单位负责, 主管部门
        re.compile(
            r"(?:归|由)?(?:哪个|哪些|哪家|什么|啥)(?:部门|单位|机关|机构)(?:来)?(?:管|负责|主管|审批)"
            r"|主管(?:部门|单位|机关)|实施(?:主体|机关)"
        ),
        # a guide's standard fields (实施主体, 主管部门), not a page's 责任部门
        (re.compile(r"(?:主管|实施|审批|决定)(?:部门|单位|机关|主体)|行使主体"),),
        "主管部门",
        unlabelled_unstated=False,
    ),
)
_MATERIALS_WORD = re.compile(r"材料")
_BY_NAME = {f.name: f for f in FIELDS}

# What a passage answering for a guide's hours or materials shows, though no guide's field
# answers: a time of day or the days it is open (8:30, 下午, 工作日, 周六), or a document
# to bring (身份证, 户口簿, 照片, 复印件, 证明, 申请表, simplified or traditional); and the
# words asking the hours so (几点, 上班, 周末: not 开门看病, which asks a date)
_SHAPES = {
    HOURS: re.compile(
        r"\d{1,2}\s*[:：点时]|[上下]午|早上|晚上|工作日|周[一二三四五六日末]|星期|礼拜|节假日|全天|24小时|双休"
    ),
    MATERIALS: re.compile(
        r"身份[证證]|[户戶]口|照片|相片|彩照|[复複]印件|原件|[证證]明|申[请請][表书書]|登[记記]表"
        r"|审批表|材料|[资資]料|[证證]件|执照|[证證]书"
    ),
}
_HOURS_ASKED = re.compile(r"几点|上班|下班|周[六日末]|礼拜[六天日]?|星期[六天日]")
# what to bring is asked for a procedure (办, 申请, 登记, 领): 携带什么上了太空, 由什么材料
# 制成 and 主要提供什么服务 ask other things
_PROCEDURE = re.compile(r"办|申请|申领|申报|登记|领|报名|补|换")


@lru_cache(maxsize=1024)
def shape_asked(text: str) -> re.Pattern[str] | None:
    """The shape a passage needs to answer ``text``, a question asking a guide's hours
    (几点开门, 周末上班吗) or what to bring for a procedure (办证带啥材料) by its own
    words: :data:`_SHAPES`. None for any other question, or one naming 材料 only as a
    thing (新材料产业). Read once per question, not for every candidate."""
    if _HOURS_ASKED.search(text) and _BY_NAME[HOURS].asks.search(text):
        return _SHAPES[HOURS]
    if _BY_NAME[MATERIALS].asks.search(text) and _PROCEDURE.search(text):
        return _SHAPES[MATERIALS]
    return None


SAYS = {f.name: f.says for f in FIELDS}
LEAST_FIELDS = 3  # labels a document needs to be read as a guide
GUIDE_TITLE = re.compile(r"(?:办事|办理|服务|申请|申报)指南|告知单|一次性告知")
MAX_FIELD = 240  # characters quoted from one field (whole lines, at least one)

# a label's number and the mark after it (9. 三、 (二)): with the mark, unlike 三代同住's 三
_NUMBER = r"(?:[一二三四五六七八九十]{1,3}|\d{1,2})"
_MARK = r"[、.．)）]"
# a labelled line: the label, a colon, the value; a heading: its numbering, the label
_LABELLED = re.compile(
    rf"^[ \t]*((?:[(（]?{_NUMBER}{_MARK}[ \t]*)?[^\s：:，。；]{{2,14}})[ \t]*[：:][ \t]*",
    re.MULTILINE,
)
_LOWEST = 99  # the level of a marker no heading uses
_NUMBERED = re.compile(rf"^[\s(（]*{_NUMBER}{_MARK}")
_NUMBERING = re.compile(rf"^[\s(（]*{_NUMBER}{_MARK}?\s*")
# a label alone on its line, no colon after it (办理地址 over the address); whether the line
# above ends with a label's colon is read within this many characters before it
_LABEL_ALONE = re.compile(r"^[ \t]*([\u4e00-\u9fff]{2,10})[ \t]*$", re.MULTILINE)
_LOOK_BACK = 40


def asks_guide_field(text: str) -> Asked | None:
    """Which field of a guide ``text`` asks for (:data:`FIELDS`), and where the asking
    words lie."""
    for f in FIELDS:
        m = f.asks.search(text)
        if m:
            return Asked(f.name, m.start(), m.end())
    # 材料 alone asks what to bring when nothing else is asked (去哪个窗口交材料: where)
    m = _MATERIALS_WORD.search(text)
    return Asked(MATERIALS, m.start(), m.end()) if m else None


def asking_words(text: str, asked: Asked) -> list[str]:
    """The words of ``text`` that ask for the field ``asked``: every match of its asking
    words (几点上班几点下班, 周末能办吗: 几点, 上班, 几点, 下班, 周末), or, for a fact
    of a document itself, the words found."""
    field = _BY_NAME.get(asked.what)
    if field is None:
        return [text[asked.start : asked.end]]
    return [m.group() for m in field.asks.finditer(text)] or [text[asked.start : asked.end]]


def asks_one_field(text: str) -> bool:
    """``text`` asks for one field of a guide and no other, one a guide labels whenever
    it states it: 要交钱吗 (收费), not 奖励多少钱 (收费 or 奖励), not 咨询电话 (a number
    may stand in a sentence)."""
    asked = [f for f in FIELDS if f.asks.search(text)]
    if not asked:
        return bool(_MATERIALS_WORD.search(text))
    return len(asked) == 1 and asked[0].unlabelled_unstated


def is_guide(doc: Document) -> bool:
    """``doc`` labels at least :data:`LEAST_FIELDS` of a guide's fields, or one when its
    title says it is a guide (残疾人证办理指南, 一次性告知)."""
    least = 1 if GUIDE_TITLE.search(doc.title) else LEAST_FIELDS
    return len(_labels(doc)) >= least


# a line citing another document (《某某扶持办法》) or heading a guide's legal basis
# (政策依据, 设定依据): what the guide rests on, not what it covers
_BASIS = re.compile(r"《|依据")


def guide_opening(doc: Document, most: int) -> str:
    """What a guide says above its first label, at most ``most`` characters, less its
    legal basis: the matters it covers (一、中华人民共和国护照、往来港澳通行证…) when its
    title names only its office; empty for a document that is no guide."""
    if not is_guide(doc):
        return ""
    kept: list[str] = []
    for line in doc.text[:most].split("\n"):
        if _BASIS.search(line):
            continue
        bare = _NUMBERING.sub("", line.strip())
        if is_field_line(line) or _field_of(bare) or _OTHER_LABEL.fullmatch(bare):
            break
        kept.append(line)
    return "\n".join(kept)


@lru_cache(maxsize=512)
def _labels(doc: Document) -> dict[str, tuple[int, int]]:
    """The fields ``doc`` labels, each with the span of its value: the rest of a
    labelled line and the lines after it up to the next labelled line, or a heading's
    section below it. Of two labels of one field, the better (办理地点 over 受理机构),
    then the first."""
    found: dict[str, tuple[int, tuple[int, int]]] = {}

    def keep(label: str, span: tuple[int, int]) -> None:
        field = _field_of(label)
        if field is not None:
            name, rank = field
            if name not in found or rank < found[name][0]:
                found[name] = (rank, span)

    text = doc.text
    starts = list(_LABELLED.finditer(text))
    labels = [_NUMBERING.sub("", m.group(1)) for m in starts]  # 三、办理时限：5个工作日
    numbered = [bool(_NUMBERED.match(m.group(1))) for m in starts]
    # not the value of a label above it with its colon (办理费用： over 不收费)
    alone = [
        m.start(1)
        for m in _LABEL_ALONE.finditer(text)
        if (_field_of(m.group(1)) or _OTHER_LABEL.fullmatch(m.group(1)))
        and not text[max(0, m.start() - _LOOK_BACK) : m.start()].rstrip().endswith(("：", ":"))
    ]
    for i, (m, label) in enumerate(zip(starts, labels, strict=True)):
        # a numbered label with nothing after it on its line (9.办理时限：) heads the
        # labelled lines under it (法定时限：3个工作日; under 四、办理材料： also 1.换领：),
        # up to the next label numbered at its level or above
        later = range(i + 1, len(starts))
        if numbered[i] and _empty_after(text, m.end()):
            level = _level(m.group(1))
            ends = (k for k in later if numbered[k] and _level(starts[k].group(1)) <= level)
            later = range(next(ends, len(starts)), len(starts))
        elif _empty_after(text, m.end()):
            # an unnumbered one (收费标准：) heads the labelled lines under it that name no
            # field (制证工本费：…, 1.普通证件：…), up to the next that names one
            ends = (k for k in later if _field_of(labels[k]) or _OTHER_LABEL.fullmatch(labels[k]))
            later = range(next(ends, len(starts)), len(starts))
        end = starts[later[0]].start() if later else len(text)
        end = next((a for a in alone if m.end() <= a < end), end)
        keep(label, (m.start(), end))
    # a label heading over nothing (its lines were read as headings of their own: 办理地点
    # over 各县市区公安局办证大厅), or a field's label alone on its line without a colon
    # (办理地址, its value on the next line), runs to the next label, a heading or a
    # labelled line
    headed = [(s.start, s.end, _NUMBERING.sub("", s.heading).strip()) for s in doc.sections]
    headed += [(at, end, text[at:end]) for at in alone for end in [_line_end(text, at)]]
    lines = [(m.start(), label) for m, label in zip(starts, labels, strict=True)]
    label_starts = sorted(
        at
        for at, label in [*((start, label) for start, _, label in headed), *lines]
        if _field_of(label) or _OTHER_LABEL.fullmatch(label)
    )
    for start, end, label in headed:
        if not _value(text[start:end]):
            end = next((a for a in label_starts if a > start), len(text))
        keep(label, (start, end))
    return {name: span for name, (_, span) in found.items()}


def is_field_line(line: str) -> bool:
    """``line`` is a guide's labelled line (承诺办结时限：15个工作日): a field's label, a
    colon, its value."""
    m = _LABELLED.match(line)
    return m is not None and _field_of(_NUMBERING.sub("", m.group(1))) is not None


# a guide's labels of what no question here asks, which still end the field above them
_OTHER_LABEL = re.compile(
    r"(?:办理|设定|法律|实施|政策)?依据|(?:办理|办事|审批|经办)?(?:流程|程序)|备注"
)


@lru_cache(maxsize=4096)
def _field_of(label: str) -> tuple[str, int] | None:
    """The field a label names and how good a label of it it is (0 best), read without
    a qualifier before the field's name when it has one (:func:`_qualified`)."""
    for head in _qualified(label):
        for f in FIELDS:
            rank = next((i for i, p in enumerate(f.labels) if p.fullmatch(head)), None)
            if rank is not None:
                return f.name, rank
    return None


_QUALIFIER = 4  # Han characters a label may carry before its field's name


def _qualified(label: str) -> list[str]:
    """``label`` and, when a qualifier stands before a field's name (政策咨询电话,
    应提交的材料, 窗口受理单位, 法定办结时限), what follows it: up to :data:`_QUALIFIER`
    Han characters dropped, two or more left."""
    lead = next((i for i, c in enumerate(label) if not "\u4e00" <= c <= "\u9fff"), len(label))
    return [label[k:] for k in range(min(_QUALIFIER, lead, len(label) - 2) + 1)]


def _level(label: str) -> int:
    """How high a numbered label's marker stands: 四、 over （一） over 1. over (1)
    (:func:`ingest.structure.marker_rank`); a marker no heading uses (1）) lowest."""
    rank = marker_rank(label.strip())
    return rank[0] if rank is not None else _LOWEST


def _value(field: str) -> str:
    """What a field states: a labelled line's text after its colon and the lines under
    it; a heading's lines under it."""
    first, _, rest = field.partition("\n")
    _, colon, after = first.partition("：" if "：" in first else ":")
    return (after + rest).strip() if colon else rest.strip()


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _empty_after(text: str, at: int) -> bool:
    """Nothing but spaces follows ``at`` on its line."""
    return not text[at : _line_end(text, at)].strip()


ADDRESS = "address"  # an address labelled in any document, asked for as one (送到什么地址)
# a phone number, a contact person or an address labelled inside a line of any document,
# not only a guide's form: a notice's 联系电话：0875-2120886；地址：…, a page's 办公时间：…，
# 办公电话：0731—56220198, 联系人：张三
_LINE_LABELS = {
    name: re.compile(rf"{label}\s*[：:]")
    for name, label in (
        (
            CONTACT,
            r"(?<!投诉)(?<!举报)(?<!监督)(?:咨询|联系|服务|办事|办公|业务|值班)?(?:电话|热线)(?:号码)?",
        ),
        (COMPLAINT, r"(?:监督|投诉|举报){1,2}(?:电话|热线)(?:号码)?"),
        (PERSON, r"联系人"),  # a notice's 联系人：张三
        # a notice's address to send or bring things to (地址：某某区府前街2号)
        (ADDRESS, r"(?<![网邮])(?:办公|办理|联系|通讯|通信|邮寄|收件|报送)?地址"),
    )
}
# what each such label gives: a number to call, or a person's name
_VALUE_SHAPES = {
    CONTACT: FIELD_SHAPES["phone"],
    COMPLAINT: FIELD_SHAPES["phone"],
    PERSON: re.compile(r"[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff])"),
    ADDRESS: re.compile(
        r"[\u4e00-\u9fff][\u4e00-\u9fff\d\-－（）()]{1,30}?(?:路|街|道|巷|号|楼|大厦|广场)"
        r"[\u4e00-\u9fff\d\-－号楼层室]*"
    ),
}
_NEAR_LABEL = 12  # characters between a phone's label and its number at most


def labelled_span(text: str, name: str, words: Sequence[str] = ()) -> tuple[int, int] | None:
    """The labelled phone number (or contact person, or address) of field ``name``
    (:data:`_LINE_LABELS`) in ``text``: from its label to the value's end (联系电话：
    0875-2120886, 联系人：张三). Of several values (a
    市局's and a 县局's), the one whose owner (the words before its label on its line, or
    the line above a label opening its line: 璧山县环境保护局) holds more of the
    question's ``words`` than any other; None when it labels no number, or no one number
    is so told apart (which one is asked is then the reader's to judge)."""
    found = _line_values(text, name)
    if len(found) == 1:
        return next(iter(found.values()))[0]
    held = sorted(((sum(w in owner for w in words), span) for span, owner in found.values()))
    if held and held[-1][0] > 0 and (len(held) == 1 or held[-2][0] < held[-1][0]):
        return held[-1][1]
    return None


@lru_cache(maxsize=512)
def _line_values(text: str, name: str) -> dict[str, tuple[tuple[int, int], str]]:
    """Each value ``text`` labels for field ``name`` (:data:`_LINE_LABELS`), with the span
    from its label to its end and its owner (:func:`_owner`), the first of repeats."""
    found: dict[str, tuple[tuple[int, int], str]] = {}
    for m in _LINE_LABELS[name].finditer(text):
        window = text[m.end() : m.end() + _NEAR_LABEL + 20]
        value = _VALUE_SHAPES[name].search(window)
        if value and value.start() <= _NEAR_LABEL and "\n" not in window[: value.start()]:
            span = (m.start(), m.end() + value.end())
            found.setdefault(value.group().strip(), (span, _owner(text, m.start())))
    return found


_OWNER_LINES = 3  # lines above a label that may name whose number it is


def _owner(text: str, at: int) -> str:
    """Whose number the label at ``at`` gives: the words before it on its line, else the
    nearest of the few lines above that is no labelled line (an office's name)."""
    start = text.rfind("\n", 0, at) + 1
    if re.search(r"[\u4e00-\u9fff]{2}", text[start:at]):
        return text[start:at]
    lines = [ln.strip() for ln in text[:start].split("\n") if ln.strip()][-_OWNER_LINES:]
    return next((ln for ln in reversed(lines) if not _LABELLED.match(ln)), "")


def field_span(doc: Document, name: str, words: Sequence[str] = ()) -> tuple[int, int] | None:
    """The span of ``doc`` that states field ``name`` (its label included), cut to whole
    lines within :data:`MAX_FIELD` characters; None when ``doc`` is no guide
    (:func:`is_guide`) or does not state the field. A phone number to ask or complain
    at, or a contact person, may stand labelled in a line of any document
    (:func:`labelled_span`); of several, ``words`` (the question's) tell which."""
    found = _labels(doc)
    if name in _LINE_LABELS and (
        not is_guide(doc) or name not in found or len(_line_values(doc.text, name)) > 1
    ):
        return labelled_span(doc.text, name, words)  # of several, the one the words tell
    if not is_guide(doc) or name not in found:
        return None
    start, end = found[name]
    text = doc.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not _value(text[start:end]):
        return None  # a label with nothing under it (a guide's form copied cell by cell)
    if end - start > MAX_FIELD:
        cut = text.rfind("\n", start, start + MAX_FIELD)
        end = cut if cut > start else start + MAX_FIELD
    return start, end


def names_another_kind(text: str, question: str, words: Sequence[str]) -> bool:
    """``text``, a guide's field, speaks of what ``question`` asks about in another kind:
    the question qualifies one of its ``words`` with the word right before it (临时 of
    临时身份证), and ``text`` names that word qualified otherwise and never says the
    qualifier (申领第二代居民身份证的居民收取工本费 for 临时身份证收多少钱). The qualifier
    is a word that sorts things into kinds (:func:`_sorts`: 临时, 新版), not a noun before
    another (证件材料, 湘潭县社保卡) nor a fragment jieba left (区办 of 达川区办身份证)."""
    for qualifier in words:
        for word in words:
            if len(qualifier) < 2 or len(word) < 2 or qualifier + word not in question:
                continue
            if qualifier in text or not _sorts(qualifier):
                continue
            if re.search(rf"[\u4e00-\u9fff]{re.escape(word)}", text):
                return True
    return False


def _sorts(word: str) -> bool:
    """``word`` is a distinguishing word (jieba's 区别词, b: 临时, 新版, 大型), which sorts
    what it qualifies into kinds."""
    tags = pos_tags(word)
    return len(tags) == 1 and tags[0][1] == "b"
