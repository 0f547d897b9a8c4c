"""Read a cleaned document's title, source and number, and build its Document (dates:
:mod:`ingest.dates`; years: :mod:`ingest.years`; place: :mod:`ingest.places`).

Every function takes text already passed through :func:`ingest.clean.clean_text`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import replace
from itertools import takewhile
from pathlib import PurePosixPath

from ingest.dates import (
    DATE_LABEL_RE,
    choose_date,
    delivery_date,
    delivery_line,
    labelled_date,
    parse_date,
    speech_venue,
)
from ingest.dates import extract_date as extract_date  # read here by older callers
from ingest.page_fields import (
    DATE_LABELS,
    ISSUER_LABELS,
    NUMBER_LABELS,
    SITE_LABEL,
    TITLE_LABELS,
    field,
)
from ingest.places import document_place, gazetteer
from ingest.site_info import HEADING as SITE_HEADING
from ingest.site_info import site_paragraph
from ingest.structure import (
    DOC_NUMBER_RE,
    find_sections,
    is_body,
    is_byline,
    is_signer,
    is_speaker,
    marker_rank,
    speaker_post,
)
from ingest.tables import is_table_row
from ingest.units import is_caption
from ingest.years import bulletin_year as bulletin_year
from ingest.years import document_year, extract_years, review_spans
from ingest.years import title_year as title_year
from lixia_qa import zh
from lixia_qa.types import Document, Place, Section, Table
from lixia_qa.zh import HAN

logger = logging.getLogger(__name__)

MAX_TITLE = 60
MIN_TITLE_HAN = 4  # a headline has this many Chinese characters; 目 次, 头部ico are page parts
_HEAD_LINES = 12  # the title is looked for among the first lines
_BANNER = 8  # a first line this short is a banner/slogan when a longer heading follows

_NOTICE_TITLE_RE = re.compile(
    r"^关于.{2,80}的(?:通知|通报|意见|决定|批复|报告|函|公告|方案|办法|规定|请示)$"
)
# what a title or a name line never ends with: a sentence, clause or list mark
_LINE_END_MARKS = zh.SENTENCE_END + zh.CLAUSE_END + zh.ELLIPSIS
_SOURCE_LABEL_RE = re.compile(r"^来源\s*[:：]\s*")
# the next field of an information line: 来源：某局发布日期：… 【浏览次数】, 阅读次数：
_NEXT_FIELDS = "发布|日期|时间|浏览|点击|阅读|访问|字号|字体"
_NEXT_LABEL_RE = re.compile(rf"(?:{_NEXT_FIELDS}|[【\[])")
_SOURCE_IN_LINE_RE = re.compile(
    r"(?:^|(?<=[\s|｜\d]))(?:来源|信息来源|发布机构|发文机构|发布机关|发文机关)\s*[\]】］]?\s*[:：]?\s*"
    rf"([^\s|｜:：【\[]{{2,30}}?)(?=\s|$|[|｜【\[]|(?:作者|{_NEXT_FIELDS}))"
)
# never a title: breadcrumbs, labelled lines (来源：, 发布时间：, 咨询电话：), page tools, a
# site's name in brackets (【23xiu.com-某某教育信息门户网】), a report's venue line
_NOT_TITLE_RE = re.compile(
    r"^(?:您?(?:当前|现在)?(?:的|所在的?)?位置|首页\s*[>»＞→])|[>»＞→].*[>»＞→]"
    r"|^[\[【［]\s*\S{1,6}\s*[\]】］]|(?:来源|作者|浏览次数|点击数|字号|字体)\s*[:：]"
    rf"|^[{HAN}]{{0,8}}(?:电话|时间|日期|地址|邮箱|网址|热线|传真|邮编)\s*[:：]"
    r"|^[\[【［][^\]】］]*(?:\b[\w-]+\.(?:com|cn|net|org)\b|网)\s*[\]】］]$"
    # the venue of a report's delivery line, its date on the line above (在某市第十一届人民
    # 代表大会第二次会议上)
    r"|^[—-]*\s*在[^，。；]{2,40}(?:代表大会|会议)[^，。；]{0,12}上\s*$"
    # a draft's note in brackets under its title: （征求意见稿）, （送审稿）
    r"|^[（(][^（）()]{0,8}稿[）)]$"
)
# a short label in brackets before a headline: 【文字解读】某某县…政策解读, 【图解】…
_LABEL_PREFIX_RE = re.compile(r"^[\[【［]\s*[^\]】］:：\s]{1,6}\s*[\]】］]\s*")
# a title given as a labelled field of a letter or a form: 来信标题：…, 信件标题：…, a
# service guide's 事项名称：…
_TITLE_FIELD_RE = re.compile(rf"^(?:[{HAN}]{{0,4}}标\s*题|事项名称)\s*[:：]\s*(\S.*)$")
_MENU_ITEM = 6  # a page's menu bar (设为首页|加入收藏): items this short between bars

_DOC_NUMBER_LABEL_RE = re.compile(r"(?:发文字号|文号|发文号)\s*[\]】］]?\s*[:：]?\s*")


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def _is_date_line(line: str) -> bool:
    return (
        parse_date(DATE_LABEL_RE.sub("", line, count=1), whole=True) is not None
        or labelled_date(line) is not None
    )


def _is_menu(line: str) -> bool:
    """``line`` is a page's menu bar: short items between bars (``设为首页|加入收藏``,
    ``登录｜注册``)."""
    items = [item.strip() for item in re.split(r"[|｜]", line)]
    return len(items) >= 2 and all(len(item) <= _MENU_ITEM for item in items)


def _unlabelled(line: str) -> str:
    """``line`` without a short label in brackets before a headline (``【文字解读】某某县
    2024年医疗保险缴费工作方案政策解读`` -> the rest); unchanged when what follows is no
    headline (``【发布时间】2025年1月13日``, ``【打印】【关闭】``)."""
    label = _LABEL_PREFIX_RE.match(line)
    if label and _headline(line[label.end() :]):
        return line[label.end() :]
    return line


def _ends_as_headline(line: str) -> bool:
    """``line`` ends as a headline may: without a sentence, clause or list mark, or with
    a question or exclamation mark after no comma or full stop (聊城供暖缴费什么时候截止？,
    注意！这些地方将停电检修！), as a news or answer page's headline does."""
    if line[-1] in "？！?!":
        return not any(c in zh.CLAUSE_END or c == "。" for c in line[:-1])
    return line[-1] not in _LINE_END_MARKS


def _headline(line: str) -> bool:
    return (
        len(line) <= MAX_TITLE
        and not _is_menu(line)
        and len(zh.HAN_RE.findall(line)) >= MIN_TITLE_HAN
        and _ends_as_headline(line)
        and not is_byline(line)
        and not _is_date_line(line)
        and not is_signer(line)  # an issuing body (某某县统计局) names no document
        and not is_speaker(line)  # 某某县人民政府县长 张三 delivers the report
        and not line.startswith("—")
        and not delivery_line(line)  # （2023年2月23日在某县人大二次会议上）: when, not what
        and not _ENUMERATION_RE.fullmatch(line)  # 通知公告、党政发文、工作总结: a menu
        and not _NOT_TITLE_RE.search(line)
        and not is_table_row(line)
        and not is_caption(line)  # 表1 户籍人口数及其构成 names a table, not the document
        and not DOC_NUMBER_RE.fullmatch(line.strip("（()）[]【】 "))
        and marker_rank(line) is None  # a numbered section (一、…) is no title
    )


# the kind of document a title ends with
_KIND_END_RE = re.compile(
    r"(?:通知|通报|意见|决定|批复|报告|函|公告|通告|方案|办法|规定|请示|规划|计划|细则"
    r"|公报|纲要|要点|清单|答复|总结|指南|预案|公示|年报|名单|解读|条例|须知)$"
)
# a line of three or more short items joined by 、 and nothing else: a menu or a list of
# a site's columns (通知公告、党政发文、人事通知), never a title
_ENUMERATION_RE = re.compile(rf"[{HAN}A-Za-z0-9]{{1,8}}(?:、[{HAN}A-Za-z0-9]{{1,8}}){{2,}}")


_TITLE_JUNK_START_RE = re.compile(rf"^[^{HAN}0-9A-Za-z{re.escape(zh.OPENERS)}]+")
_TITLE_JUNK_END_RE = re.compile(r"[\s①②③④⑤⑥⑦⑧⑨⑩¹²³*＊|｜]+$")


def tidy_title(title: str) -> str:
    """A title without junk before its first word (``■``, ``|``, ``·``, ``>>``, stray
    punctuation a page or a converter leaves) or footnote marks after it (``…公报①``)."""
    return _TITLE_JUNK_END_RE.sub("", _TITLE_JUNK_START_RE.sub("", title.strip()))


def wrapped_title(first: str, second: str) -> str | None:
    """``first + second`` when they are one title wrapped onto two lines: the first says
    关于 and ends without a document kind, the second is a headline ending with one
    (``…关于印发2024年城乡`` / ``供水保障方案的通知``); else ``None``. The line after a
    title (``发布日期：…``) is never a headline, so it is never joined."""
    if "关于" not in first or _KIND_END_RE.search(first) or not _headline(second):
        return None
    return first + second if _KIND_END_RE.search(second) else None


def place_title(first: str, second: str) -> str | None:
    """``first + second`` when the first line is only a place's name and the second a
    headline naming a year (``某某自治州`` / ``2016年国民经济和社会发展统计公报``): a bulletin's
    title set on two lines; else ``None``."""
    if first not in gazetteer().full or not _headline(second):
        return None
    return first + second if zh.find_years(second, two_digit=False) else None


def _headline_title(head: list[str], candidates: list[int]) -> str:
    """The first of the ``candidates`` (indexes of headline lines of ``head``), or a
    longer one right after it when it is a banner, with the next line when the title
    wraps onto it."""
    first = candidates[0]
    later = [i for i in candidates[1:] if i <= first + 2 and len(head[i]) > len(head[first])]
    pick = later[0] if len(head[first]) <= _BANNER and later else first
    nxt = head[pick + 1] if pick + 1 < len(head) else ""
    wrapped = (wrapped_title(head[pick], nxt) or place_title(head[pick], nxt)) if nxt else None
    return wrapped or head[pick]


_BODY_PARAGRAPH = 60  # a line this long holding a full stop is running text


# a speech's salutation (各位代表：, 各位委员、同志们：): the speech begins after it
_SPEECH_SALUTATION_RE = re.compile(
    r"^(?:各位(?:代表|委员|领导|来宾|同志)|同志们|代表们)[^。；;]{0,16}[：:，,!！]$"
)


def _is_body_paragraph(line: str) -> bool:
    """``line`` is a paragraph of running text (long, with a full stop inside or at its
    end) or a speech's salutation, after which the speech runs."""
    return (len(line) >= _BODY_PARAGRAPH and "。" in line) or bool(
        _SPEECH_SALUTATION_RE.match(line)
    )


def extract_title(text: str, fallback: str) -> str:
    """The document's title: a ``关于…的通知`` line, else a labelled one (``来信标题：…``),
    else its first headline-like line (a short label in brackets before it dropped:
    ``【文字解读】``; never a menu bar or a labelled field such as ``咨询电话：…``)
    (with the next line when the title wraps onto it, :func:`wrapped_title`), else the
    file's name (``fallback``) when it has Chinese in it, else the first line that can be
    one (not a site's name in brackets).

    A very short first line (a banner such as a slogan) gives way to a longer headline
    right after it, and a headline naming no kind of document (a search box, a site's
    greeting) to a longer one that does (…统计公报, …的通知). Titles are cut to 60
    characters.
    """
    head = [_unlabelled(ln) for ln in _lines(text)[:_HEAD_LINES]]
    # a title stands above the body: a headline after a paragraph of running text or a
    # speech's salutation is a heading or a table's header inside it (指标单位 under 表1 of
    # a bulletin, 2022年工作回顾 under 各位代表：)
    body = next((i for i, ln in enumerate(head) if _is_body_paragraph(ln)), len(head))
    head = head[:body] or head[:1]
    notice = next((ln for ln in head if _NOTICE_TITLE_RE.match(ln)), None)
    if notice:
        return notice[:MAX_TITLE]
    field = next((m.group(1) for m in map(_TITLE_FIELD_RE.match, head) if m), None)
    if field:
        return field[:MAX_TITLE]
    candidates = [i for i, ln in enumerate(head) if _headline(ln)]
    if candidates:
        title = _headline_title(head, candidates)
        named = [i for i in candidates if _KIND_END_RE.search(head[i])]
        if named and not _KIND_END_RE.search(title) and len(head[named[0]]) > len(title):
            # a longer headline naming a kind of document (…统计公报, …的通知) over a
            # page's search box or greeting above it (站内搜索：高级搜索, 欢迎您的访问);
            # not a short heading (工作要点) under a news headline
            title = _headline_title(head, named)
        return title[:MAX_TITLE]
    if not head or is_table_row(head[0]) or zh.HAN_RE.search(fallback):
        return fallback  # a named file says more than a first line of body text
    # not a site's name in brackets, nor the addressees a notice opens with (各乡镇：),
    # nor its signer or date, nor, in a Chinese text, a site's address (rd.example.gov.cn);
    # a text whose head holds no Chinese (a template's leftover, The Beginning) is titled
    # by its first sentence
    chinese = bool(zh.HAN_RE.search(text))
    lines = [
        ln
        for ln in head
        if not _NOT_TITLE_RE.search(ln)
        and ln[-1] not in "：:"
        and not (chinese and _SITE_ADDRESS_RE.fullmatch(ln.strip()))
        and not is_signer(ln)
        and not _is_date_line(ln)
    ]
    if chinese and not any(zh.HAN_RE.search(ln) for ln in head):
        return _first_sentence(text) or head[0][:MAX_TITLE]
    if not lines:  # a notice's addressees only: the title of what it issues, if it follows
        lines = _issued_title(_lines(text)[:_HEAD_LINES])
    title = next(iter(lines), head[0])
    if _is_body_paragraph(title):  # running text: the document it says was drafted, if any
        drafted = _DRAFTED_RE.search(title)
        title = drafted.group(1) if drafted else title
    return title[:MAX_TITLE]


# a page that lost its title, opening on the document it puts out for comment (…，制定了
# 《某某县人民政府关于林区禁燃禁放的通告》。…现将征求意见稿全文公布): that document
_DRAFTED_RE = re.compile(r"(?:制定|起草|修订|修改|编制|拟定)了?《([^《》]{6,60})》")


def _issued_title(lines: list[str]) -> list[str]:
    """The headline right after a notice's signature and date (某某县人民政府 / 2025年2月28日
    / 2025年某某县政府重要工作事项责任分工): the title of the document it issues."""
    for i, line in enumerate(lines[1:-1], 1):
        if _is_date_line(line) and is_signer(lines[i - 1]) and _headline(lines[i + 1]):
            return [lines[i + 1]]
    return []


# a web address alone on a line: rd.example.gov.cn, http://www.example.cn/a.html
_SITE_ADDRESS_RE = re.compile(r"(?:https?://)?(?:[\w-]+\.)+(?:cn|com|net|org|gov|edu)(?:/\S*)?")


def _first_sentence(text: str) -> str:
    """The first sentence of ``text``'s first line with :data:`MIN_TITLE_HAN` Chinese
    characters, up to :data:`MAX_TITLE` of them."""
    line = next((ln for ln in _lines(text) if len(zh.HAN_RE.findall(ln)) >= MIN_TITLE_HAN), "")
    return re.split(r"[。！？!?；;]", line, maxsplit=1)[0][:MAX_TITLE]


def extract_source(text: str) -> str:
    """The byline (``记者 …``, ``文/片 …``, joined over consecutive lines), a ``来源：``
    line, or the issuing body (``…人民政府办公室``) that signs above a date; else ``""``."""
    lines = _lines(text)
    for i, line in enumerate(lines):
        if is_byline(line):
            block = [line, *takewhile(is_byline, lines[i + 1 :])]
            source = " ".join(block)
            if _SOURCE_LABEL_RE.match(source):  # 来源：某局发布日期：…: up to the next field
                source = _NEXT_LABEL_RE.split(_SOURCE_LABEL_RE.sub("", source))[0].strip()
            return source
    for line in lines[:_HEAD_LINES]:
        labelled = _SOURCE_IN_LINE_RE.search(line)
        if labelled:
            return labelled.group(1)
    for i, line in enumerate(lines[:-1]):
        if is_signer(line) and _is_date_line(lines[i + 1]):
            return line
    return lines[0] if lines and is_body(lines[0]) else ""


def extract_doc_number(text: str) -> str:
    """The document number (文号) such as ``万州府发〔2023〕12号``: after a ``文号：`` label,
    or on a line of its own near the top (not one cited inside a sentence); else ``""``."""
    lines = _lines(text)
    for line in lines:
        label = _DOC_NUMBER_LABEL_RE.search(line)
        found = DOC_NUMBER_RE.match(line, label.end()) if label else None
        if found:
            return found.group().replace(" ", "")
    for line in lines[: _HEAD_LINES * 2]:
        bare = line.strip("（()）[]【】 ")
        found = DOC_NUMBER_RE.match(bare)
        # alone on its line, or before the page's date stamp (某政发〔2023〕10号2023-03-03)
        if found and (found.end() == len(bare) or _DATE_AFTER_RE.match(bare, found.end())):
            return found.group().replace(" ", "")
    return ""


_DATE_AFTER_RE = re.compile(r"\s*\d{4}\s*[-年./]\s*\d{1,2}")


def _from_fields(
    fields: tuple[tuple[str, str], ...], title: str, stated: dict[str, str]
) -> tuple[str, str, str]:
    """``(title, source, number)`` of a page's information block (``""`` where it has
    none); its date goes into ``stated`` as the visible one."""
    date = next(
        (
            d
            for label in DATE_LABELS
            for name, v in fields
            if name == label and (d := parse_date(v))
        ),
        None,
    )
    if date:
        stated["visible label"] = date
    named = field(fields, TITLE_LABELS)
    number = field(fields, NUMBER_LABELS)
    return (
        named if named and len(named) <= MAX_TITLE else title,
        field(fields, ISSUER_LABELS),
        number if DOC_NUMBER_RE.search(number) else "",
    )


def _without_rows(text: str, tables: tuple[Table, ...]) -> str:
    """``text`` with its tables' data rows blanked out: a row is never a title."""
    for table in tables:
        for row in table.rows:
            text = text[: row.start] + " " * (row.end - row.start) + text[row.end :]
    return text


def _place(
    title: str, text: str, source: str, page_fields: tuple[tuple[str, str], ...], stem: str
) -> Place:
    """The place a document is about (:func:`ingest.places.document_place`), its bodies
    being its issuer, the site it was published on, the meeting a report was delivered
    at, its speaker's post and a guide's office in charge (实施主体); its file's name the
    last resort."""
    site = field(page_fields, (SITE_LABEL,))
    bodies = (source, site, speech_venue(text), speaker_post(text), _authority(text))
    return document_place(title, text, bodies, name=stem)


# a guide's office in charge, labelled on a line of its own: 实施主体：某某区民政局
_AUTHORITY_RE = re.compile(
    r"^(?:实施主体|实施机关|主管部门|主管单位)[：:]\s*(\S[^\n]{1,40})$", re.M
)


def _authority(text: str) -> str:
    """The office a guide names in charge of its matter, among its first lines."""
    found = _AUTHORITY_RE.search(text, 0, _AUTHORITY_HEAD)
    return found.group(1) if found else ""


_AUTHORITY_HEAD = 2000  # characters of a guide's head where its 实施主体 stands


def describe(
    doc_id: str,
    text: str,
    content_hash: str,
    *,
    title: str = "",
    date: str | None = None,
    stated: Mapping[str, str] | None = None,
    tables: tuple[Table, ...] = (),
    page_fields: tuple[tuple[str, str], ...] = (),
) -> Document:
    """Build the :class:`Document` of a cleaned text (title, date and where it came from,
    years, source, number, sections). ``title`` is what the file states outside its text
    (a web page's ``<title>``, a Word heading), read from the text when empty; ``date``
    is one stated in a ``<meta>``; ``stated`` maps another date source to its date
    (:func:`ingest.dates.choose_date`); ``page_fields`` is the page's information block
    (its 标题, 发布机构, 发文字号 and dates win); ``tables`` the text's tables."""
    claims = dict(stated or {})
    if date and "meta" not in claims:
        claims["meta"] = date
    title, issuer, number = _from_fields(page_fields, title, claims)
    stem = PurePosixPath(doc_id).stem
    title = (
        tidy_title(title)[:MAX_TITLE]
        or tidy_title(extract_title(_without_rows(text, tables), fallback=stem))
        or stem
    )
    date, date_source = choose_date(title, text, claims)
    # a speech is about the year it was delivered in, whenever its page was posted
    year = document_year(text, delivery_date(text) or date, title)
    source = issuer or extract_source(text)
    sections = find_sections(text)
    reviewed = {y for _, _, y in review_spans(title, text, year, sections)}
    doc = Document(
        doc_id=doc_id,
        title=title,
        text=text,
        date=date,
        year=year,
        years=tuple(sorted({*extract_years(text), *([year] if year else []), *reviewed})),
        source=source,
        content_hash=content_hash,
        sections=sections,
        doc_number=number or extract_doc_number(text),
        date_source=date_source or ("text" if year else ""),
        tables=tables,
        page_fields=page_fields,
        place=_place(title, text, source, page_fields, stem),
    )
    logger.debug(
        "described %s: %r, %s (%s), year %s, %d sections",
        doc_id,
        doc.title,
        doc.date,
        doc.date_source,
        doc.year,
        len(doc.sections),
    )
    return doc


def with_site_information(doc: Document, site: tuple[tuple[str, str], ...]) -> Document:
    """``doc`` with its site footer's facts (:mod:`ingest.site_info`) as a paragraph at the
    end of its text, a section of its own at the top level; everything else about the
    document was read from the text before them."""
    paragraph = site_paragraph(site)
    if not paragraph:
        return doc
    start = len(doc.text) + 2
    text = f"{doc.text}\n\n{paragraph}"
    section = Section(SITE_HEADING, 1, start, len(text))
    return replace(doc, text=text, sections=(*doc.sections, section))
