"""Questions about a document itself: when it was issued or published, who issued it,
its document number, and who delivered a report and when (这个通知哪天发的, 统计公报是哪个单位发布的,
这个意见的文号是多少, 政府工作报告是哪位县长作的, 预算报告是哪天作的).

They are answered from what ingest read about the document (its date, issuing body and
number: :attr:`~lixia_qa.types.Document.date`, :attr:`~lixia_qa.types.Document.source`,
:attr:`~lixia_qa.types.Document.doc_number`), by quoting the line of the document that
states it: the signature and date under a notice, a page's 发布时间 / 来源 line; else the
field of the page's information block, which ingest keeps out of the text
(:func:`field_stated`). The document is the retrieved one, about the place and of the
year the question names, whose title best covers the question's other words; when no
title covers enough of them, or nothing states the fact, the question goes the usual way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from answer.sentences import coverage_forms
from ingest.dates import delivery_date
from ingest.page_fields import DATE_LABELS, ISSUER_LABELS, NUMBER_LABELS
from ingest.structure import HEAD_POST, SPEAKER_LINE_RE
from lixia_qa.types import Document
from lixia_qa.zh import QUOTE_CLOSERS, SEMICOLONS, SENTENCE_END, date_forms, is_area_noun

DATE, ISSUER, NUMBER, SPEAKER = "date", "issuer", "number", "speaker"
DELIVERED = "delivered"  # the day a report was delivered, at which meeting
# what a question may ask of a document itself
FACTS = (DATE, ISSUER, NUMBER, SPEAKER, DELIVERED)
_VERB = r"(?:发布|发的|印发|出台|公布|下发|发出|发表|刊发|刊登|成文)"
_ISSUED = r"(?:发布|发的|印发|出台|公布|下发|发下来|发出|出的|发表|刊发|刊登)"  # 哪个单位出的
_WHEN = r"(?:什么时候|啥时候|何时|哪天|哪一天|几号|几月几[日号]|什么日子|什么时间|哪个时间)"
# the year a document it names was issued (办理指南是哪年发布的), not a year of its subject
_DOC_KIND = r"(?:指南|通知|公告|通告|文件|报告|办法|方案|公报|意见|规定|细则|规划)"
_WHO = r"(?:哪个|哪家|什么|啥)(?:单位|部门|机关|机构)"
# who delivered a report: 作政府工作报告的市长是谁, 报告是哪位县长作的
_REPORT = r"(?:这个|这份|那个)?(?:政府)?(?:工作)?报告"
_POST = rf"(?:{HEAD_POST}|领导|人)"
_GAVE = r"[作做讲念]"  # 作报告, 讲的, 念的
_VENUE = r"(?:在[^，。？?]{1,12}?上)?"  # where it was given: 谁在人代会上作的
_HEAD = 2000  # a speaker is named under the title, within a report's first characters
# what a question asks of a document, by its wording (general Chinese)
ASKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        DATE,
        re.compile(
            rf"{_WHEN}\S{{0,2}}{_VERB}|{_WHEN}(?:出的|发下来的?)(?![\u4e00-\u9fff])|{_VERB}(?:于|在)?{_WHEN}"
            r"|(?:发布|印发|成文|发文|公布)(?:时间|日期)"
            rf"|{_DOC_KIND}(?:是)?(?:哪一?年|几几年){_VERB}"
        ),
    ),
    (
        ISSUER,
        re.compile(
            rf"{_WHO}\S{{0,2}}{_ISSUED}|(?:谁|哪个部门){_VERB}|{_VERB}(?:的)?(?:单位|部门|机关|机构)是"
            r"|(?:发文|发布|印发)(?:单位|机关|机构|部门)"
            # a page's source asked (信息来源单位, 稿件来源), not a thing's (资金来源)
            r"|信息来源|来源单位|稿件来源|文章来源"
        ),
    ),
    (NUMBER, re.compile(r"文号|发文字号|几号文")),
    (
        DELIVERED,
        # 政府工作报告是哪天作的, 预算报告哪天在人代会上做的, 什么时候做的工作报告
        re.compile(
            rf"报告[^，。？?]{{0,4}}?{_WHEN}[^，。？?]{{0,12}}?{_GAVE}的"
            rf"|{_WHEN}[^，。？?]{{0,12}}?{_GAVE}的{_REPORT}"
        ),
    ),
    (
        SPEAKER,
        re.compile(
            rf"{_GAVE}(?:的)?{_REPORT}的?{_POST}?是?(?:谁|哪位)"
            # 哪个县长作的政府工作报告, 谁上台做的报告
            rf"|(?:谁|(?:哪位|哪个){_POST}?)(?:上台|来)?{_VENUE}{_GAVE}的{_REPORT}"
            rf"|{_REPORT}是?(?:谁|(?:哪位|哪个){_POST}?){_VENUE}{_GAVE}的|报告人是谁"
            # who heads the place (某某市市长是谁, 县长叫什么): the report's speaker line
            # names the head of its government, as of the report
            rf"|(?<![副理]){HEAD_POST}(?:是谁|是哪位|叫什么|叫啥|姓什么|姓啥)"
            # the post as a keyword of its own (某某 市长 2024 政府工作报告)
            rf"|(?:^|\s)(?<![副理]){HEAD_POST}(?=\s|$)"
        ),
    ),
)
MAX_LINE = 80  # the longest line quoted as the document's own statement
# the head of a government named with the report inside a line, where no line under the
# title names the speaker alone: 市长王勇政府工作报告（摘要）, 县长张成亮代表某某县人民政府
# 向大会作《政府工作报告》 (the shortest name the words after it allow)
_SPEAKER_INLINE_RE = re.compile(
    rf"(?<![副理]){HEAD_POST}[\u4e00-\u9fff]{{2,3}}?"
    r"(?=(?:代表[^。\n]{0,20}?作|在[^。\n]{0,30}?上作|向[^。\n]{0,10}?作)?《?政府工作报告)"
)

# a news report naming the speaker, anywhere in it, after a stop or a post: …。”唐某某代表某某区
# 人民政府所做的《政府工作报告》提出, 区长王某代表区人民政府作 (only a government's head delivers
# it on its behalf)
SPEAKER_ON_BEHALF_RE = re.compile(
    r"(?:(?<![\u4e00-\u9fff])|(?<=[长记任席]))[\u4e00-\u9fff]{2,3}"
    r"代表[^。\n，,]{0,20}?人民政府[^。\n，,]{0,10}?[作做]的?《?政府工作报告》?"
)


@dataclass(frozen=True)
class Asked:
    what: str  # one of FACTS
    start: int  # where the asking words lie in the question
    end: int


def asks_about_document(text: str) -> Asked | None:
    """Whether ``text`` asks when a document was issued, who issued it, its number or
    who delivered it."""
    for what, pattern in ASKS:
        m = pattern.search(text)
        if m:
            return Asked(what, m.start(), m.end())
    return None


def _line_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The line holding ``text[start:end]``, at most :data:`MAX_LINE` characters around it:
    in a longer line, from the start of the sentence holding it when that fits (…。”某某代表
    某某区人民政府所做的《政府工作报告》提出…), else ending with it."""
    s = text.rfind("\n", 0, start) + 1
    e = text.find("\n", end)
    e = len(text) if e < 0 else e
    if e - s > MAX_LINE:
        opening = max(s, *(text.rfind(p, s, start) + 1 for p in _SENTENCE_ENDS))
        while opening < start and text[opening] in _CLOSING_QUOTES:
            opening += 1
        s = opening if end - opening <= MAX_LINE else max(s, end - MAX_LINE)
        e = min(e, max(end, s + MAX_LINE))
    while s < e and text[s].isspace():
        s += 1
    return s, e


_SENTENCE_ENDS = SENTENCE_END + SEMICOLONS
_CLOSING_QUOTES = QUOTE_CLOSERS + "」』\"' "


# a line that labels what it states as the document's date or issuer (发布日期：…, 来源：…)
_LABELS = re.compile(r"发布|发文|印发|成文|来源|日期|时间|署名|文号")


def _rank(text: str, line: tuple[int, int], needle: str) -> tuple[int, int]:
    """How well a line states the fact: a line that is the fact alone (a notice's
    signature or date), then a labelled line, then any; the later the better."""
    piece = text[line[0] : line[1]].strip()
    return (2 if piece == needle else 1 if _LABELS.search(piece) else 0), line[0]


def _best_line(doc: Document, what: str) -> tuple[tuple[int, int], int] | None:
    """The line of ``doc`` that best states its date, issuing body or number
    (:func:`_rank`), with its rank: 2 the fact alone, 1 labelled, 0 a mention."""
    if what == DATE:
        needles = date_forms(doc.date or "")
    elif what == NUMBER:
        needles = [doc.doc_number] if doc.doc_number else []
    elif what == DELIVERED:
        return _delivery_line(doc)
    elif what == SPEAKER:
        head = doc.text[:_HEAD]
        found = [*SPEAKER_LINE_RE.finditer(head), *_SPEAKER_INLINE_RE.finditer(head)]
        found = found or [*SPEAKER_ON_BEHALF_RE.finditer(doc.text)]
        needles = [m.group().strip() for m in found][:1]
    else:
        needles = [doc.source] if len(doc.source) >= 2 else []
    lines = {
        (n, _line_at(doc.text, m.start(), m.end()))
        for n in needles
        for m in re.finditer(re.escape(n), doc.text)
    }
    if not lines:
        return None
    needle, line = max(lines, key=lambda found: _rank(doc.text, found[1], found[0]))
    rank = _rank(doc.text, line, needle)[0]
    # a speaker found by its post and name states who spoke, inside a longer line too
    return line, max(rank, 1) if what == SPEAKER else rank


def _delivery_line(doc: Document) -> tuple[tuple[int, int], int] | None:
    """The line of a report's head dating its delivery (2022年2月20日在某某区 / 第二届人民
    代表大会第一次会议上, the line it was broken onto with it), as a line stating the
    fact (rank 1); None for a text with no delivery line (:func:`delivery_date`)."""
    date = delivery_date(doc.text)
    head = doc.text[:_HEAD]
    found = [head.find(n) for n in date_forms(date) if n and n in head] if date else []
    if not found:
        return None
    start, end = _line_at(doc.text, min(found), min(found) + 1)
    after = re.match(r"\s*\n\s*([^\n]{1,40}上)\s*(?:\n|$)", doc.text[end:])
    if not doc.text[start:end].rstrip().endswith("上") and after:
        end += after.end(1)
    return (start, end), 1


def speaks_as(doc: Document, question: str) -> bool:
    """``doc`` has a speaker line, naming the post ``question`` asks the holder of when it
    names one (市长 for 某某市长是谁): a 市长's report does not say who the 县长 is."""
    found = stated(doc, SPEAKER, mentions=False)
    post = re.search(HEAD_POST, question)
    return found is not None and (post is None or post.group() in doc.text[found[0] : found[1]])


def stated(doc: Document, what: str, mentions: bool = True) -> tuple[int, int] | None:
    """The span of the line where ``doc`` states its date, issuing body or number: a line
    that is that alone (the signature and date closing a notice), else one that labels
    it (发布日期：…, 来源：…), else, with ``mentions``, its last mention; ``None`` when it
    never does."""
    found = _best_line(doc, what)
    if found is None or (not mentions and found[1] == 0):
        return None
    return found[0]


def heading(doc: Document, what: str) -> str:
    """What a question about who delivered a report, or when, may name besides the title:
    the report's heading down to its speaker (——2019年1月9日在某某市人民代表大会…上 / 市长
    某某) or its delivery line, so 人代会上作的报告 finds it; ``""`` for the other facts."""
    if what not in (SPEAKER, DELIVERED):
        return ""
    found = stated(doc, what, mentions=False)
    return doc.text[: found[1]] if found else ""


def where_stated(doc: Document, what: str) -> tuple[int, int] | str | None:
    """Where ``doc`` states its date, issuing body or number: the span of a line stating
    it, else its page's field (:func:`field_stated`, the information block kept out of
    the text), else the span of the text's last mention of it; ``None`` when nothing
    states it."""
    found = _best_line(doc, what)
    if found is not None and found[1] > 0:
        return found[0]
    field = field_stated(doc, what)
    if field is not None:
        return field
    return found[0] if found is not None else None


# the labels of a page's information block that state each fact, best first
FIELD_LABELS = {DATE: DATE_LABELS, ISSUER: ISSUER_LABELS, NUMBER: NUMBER_LABELS}


def field_stated(doc: Document, what: str) -> str | None:
    """The field of ``doc``'s page that states its date, issuing body or number
    (``发布机构：某某局``), when its text does not: a saved page's information block is
    metadata, kept out of the text (:mod:`ingest.page_fields`)."""
    labels = FIELD_LABELS.get(what, ())
    found = next(((k, v) for k in labels for k2, v in doc.page_fields if k2 == k and v), None)
    return f"{found[0]}：{found[1]}" if found else None


def abbreviates(term: str, text: str) -> bool:
    """``term`` is a short form of a name in ``text``: its characters appear there in
    order, within four times its length (出生证 for 出生医学证明, 人社局 for
    人力资源和社会保障局; two characters within four: 医保 for 医疗保障), as a Chinese
    abbreviation takes them."""
    if len(term) < 2:
        return False
    reach = 4 * len(term) if len(term) > 2 else 4
    at = text.find(term[0])
    while at >= 0:
        pos, ok = at, True
        for ch in term[1:]:
            pos = text.find(ch, pos + 1, at + reach)
            if pos < 0:
                ok = False
                break
        if ok:
            return True
        at = text.find(term[0], at + 1)
    return False


# a town a question names (某某镇): its name's last two characters and 镇, not a word for
# towns in general (乡镇, 城镇, 小镇), nor words around a 镇 that names none (现在的镇长,
# 哪个镇): a particle, pronoun or measure word is no part of a town's name
_TOWN_NAME = r"(?:(?![的了是在个这那哪几些每])[\u4e00-\u9fff]){2}"
_TOWN_ASKED_RE = re.compile(rf"{_TOWN_NAME}镇")
_TOWN_WORDS = frozenset("乡镇 城镇 村镇 集镇 小镇 重镇 名镇 古镇 市镇 各镇 本镇 该镇 全镇".split())


def towns_named(text: str) -> list[str]:
    """The towns ``text`` names by their full names (龙洞镇), not words for towns in
    general (乡镇, 小镇)."""
    return [m.group() for m in _TOWN_ASKED_RE.finditer(text) if m.group()[-2:] not in _TOWN_WORDS]


def names_towns_asked(doc: Document, question: str) -> bool:
    """``doc`` names every town ``question`` names (龙洞镇): a town's page does not give
    the phone number or the date of another town's (壶天镇政府办公电话)."""
    return names_towns(doc, towns_named(question))


def names_towns(doc: Document, towns: Sequence[str]) -> bool:
    """``doc`` names every one of ``towns`` in its text or title."""
    return all(t in doc.text or t in doc.title for t in towns)


# a township in a passage (某某乡卫生院), not a word for the countryside (城乡, 家乡)
_TOWNSHIP_RE = re.compile(rf"{_TOWN_NAME}乡")


def of_another_town(text: str, towns: Sequence[str]) -> bool:
    """``text`` names a town or township and none of ``towns``, those a question names:
    a line on 沾溪镇卫生院 or 某某乡卫生院 does not answer for 武潭镇卫生院."""
    if not towns or any(t in text for t in towns):
        return False
    townships = [m.group() for m in _TOWNSHIP_RE.finditer(text) if not is_area_noun(m.group())]
    return bool(towns_named(text) or townships)


def title_coverage(forms: Sequence[Sequence[str]], weights: Sequence[float], title: str) -> float:
    """Weighted share of the question's terms a title covers, a term counting whole
    when one of its forms occurs in the title or abbreviates a name there
    (:func:`abbreviates`), else by its shared character bigrams
    (:func:`answer.sentences.coverage_forms`)."""
    total = sum(weights)
    if total <= 0:
        return 0.0
    found = 0.0
    for term_forms, w in zip(forms, weights, strict=True):
        whole = any(abbreviates(f.lower(), title.lower()) for f in term_forms)
        found += w if whole else w * coverage_forms([term_forms], [1.0], title)
    return found / total


def best_document(
    docs: Sequence[Document], coverage: Sequence[float], least: float
) -> Document | None:
    """The document whose title covers the question best, when it covers ``least``; of
    titles that cover it equally (政府工作报告 of several years), the newest document,
    as an answer without a named year is the newest; then the first retrieved."""
    ranked = sorted(range(len(docs)), key=lambda i: (-coverage[i], -_newness(docs[i]), i))
    if not ranked or coverage[ranked[0]] < least:
        return None
    return docs[ranked[0]]


def _newness(doc: Document) -> int:
    """A sortable form of the document's date (20240430), or its year (20240000)."""
    digits = re.sub(r"\D", "", doc.date or "")[:8]
    if len(digits) == 8:
        return int(digits)
    return (doc.year or 0) * 10000
