"""A saved page's site information: who runs the site and how to reach its office.

A government site's footer states, beside its copyright and filing lines, facts a
citizen asks about ("这个网站谁主办的", "办公电话多少"): 主办单位 / 承办单位, 地址,
邮编, 电话, 传真, 电子邮箱, 网站标识码, ICP备案号, 公安备案号. Cleaning drops the
footer with the navigation (:func:`ingest.web.strip_site_footer`), and a web page's
reader never sees it; :func:`site_information` reads those labelled facts from the
page's whole text first, and :func:`site_paragraph` writes them as one short paragraph
under the heading :data:`HEADING`, added at the end of the document
(:func:`ingest.metadata.describe`). Navigation, link lists and copyright lines are not
kept.

The footer is found around its marker lines (版权所有, ICP备, 网站标识码, 公网安备 …:
:func:`ingest.web.is_footer_line`): the short lines before and after them, across at
most :data:`MAX_GAP` lines in a row that state no fact (``微信公众号``, ``网站地图``).
Labelled lines elsewhere on a page (a 办事指南's 窗口地址, a notice's 联系电话) are the
document's own text, not the site's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.web import is_footer_line
from lixia_qa import zh

HEADING = "网站信息"
MAX_GAP = 4  # lines in a row stating no fact, inside one footer
MAX_LINE = 80  # a longer line is running text, not a footer line
MAX_VALUE = 60  # a longer name or address is a sentence

_HAN = f"[{zh.HAN}]"
_NAME = rf"^(?=.*{_HAN})[^{zh.SENTENCE_END}{zh.COMMAS}]{{2,{MAX_VALUE}}}$"
_PHONE = r"^[(（+]?\d[\d()（）+\-、/ ]{3,}\d"
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"


@dataclass(frozen=True)
class SiteField:
    """A fact of a site footer: the labels a page writes for it (a regex), the label
    the paragraph writes (``""``: as the page wrote it), what its value must look like
    (a regex searched in the text after the label; its match is the value), and
    whether the label needs a colon (a name does; a number speaks for itself:
    ``网站标识码4401000001``)."""

    labels: str
    name: str
    value: str
    colon: bool = True


SITE_FIELDS: tuple[SiteField, ...] = (
    SiteField(r"主办(?:单位)?", "主办单位", _NAME),
    SiteField(r"承办(?:单位)?", "承办单位", _NAME),
    SiteField(r"(?:联系|通讯|通信|办公)?地址", "", _NAME),
    SiteField(r"邮编|邮政编码", "", r"^\d{6}(?!\d)", colon=False),
    SiteField(
        rf"(?:{_HAN}{{0,8}}?(?:服务|咨询|举报|投诉|监督|值班|办公|联系|客服))?(?:电话|热线)|联系方式|联系我们",
        "",
        _PHONE,
        colon=False,
    ),
    SiteField(r"传真", "", _PHONE, colon=False),
    SiteField(r"(?:电子|客服|联系|政务)?(?:邮箱|信箱)", "", _EMAIL),
    SiteField(r"(?:政府)?网站(?:标识|识别)码", "网站标识码", r"^\d{10}(?!\d)", colon=False),
    SiteField(r"公安(?:机关)?备案号", "公安备案号", r"^\d{10,}", colon=False),
)
# filing numbers are recognised by their form wherever they stand in the footer
_FILINGS = (
    ("ICP备案号", re.compile(rf"{_HAN}ICP备\s*\d+号?(?:\s*-\s*\d+)?")),
    ("公安备案号", re.compile(rf"{_HAN}公网安备\s*\d+号?")),
)
_LABEL_RE = re.compile(
    "(?:"
    + "|".join(f"(?P<f{i}>{f.labels})" for i, f in enumerate(SITE_FIELDS))
    + r")(?P<colon>\s*[:：])?\s*"
)


def _labels(line: str) -> list[tuple[SiteField, re.Match[str]]]:
    """The site labels of a line, in order (a label needing a colon only with one)."""
    found = []
    for match in _LABEL_RE.finditer(line):
        i = next(int(k[1:]) for k, v in match.groupdict().items() if v and k != "colon")
        site_field = SITE_FIELDS[i]
        if match.group("colon") or not site_field.colon:
            found.append((site_field, match))
    return found


def _value(site_field: SiteField, text: str) -> str:
    """The value of a field in the text after its label (``""`` when it does not fit)."""
    text = text.strip(" |｜;；,，")
    found = re.search(site_field.value, text)
    return re.sub(r"\s+", " ", found.group()).strip() if found else ""


def line_facts(line: str, next_line: str = "") -> list[tuple[str, str]]:
    """``(label, value)`` of each site field a footer line states; a colon label with
    nothing after it takes ``next_line`` (a value set under its label)."""
    labels = _labels(line)
    facts = []
    for k, (site_field, match) in enumerate(labels):
        stop = labels[k + 1][1].start() if k + 1 < len(labels) else len(line)
        rest = line[match.end() : stop]
        if not rest.strip() and match.group("colon") and not _labels(next_line):
            rest = next_line
        value = _value(site_field, rest)
        if value:
            written = re.sub(r"\s+", "", match.group(0)).rstrip(":：")
            facts.append((site_field.name or written, value))
    for name, pattern in _FILINGS:
        facts.extend((name, re.sub(r"\s+", "", m.group())) for m in pattern.finditer(line))
    return facts


def _footer_ranges(lines: list[str], body: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """``(first, last + 1)`` line of each footer: around each marker line, the short
    lines before and after it up to :data:`MAX_GAP` lines in a row without a fact, never
    across a line of the page's own text (``body``: a 办事指南's 咨询电话 right above the
    footer is the guide's)."""
    ranges: list[tuple[int, int]] = []
    for anchor, line in enumerate(lines):
        if not is_footer_line(line) or any(a <= anchor < b for a, b in ranges):
            continue
        ends = [anchor, anchor]
        for side, step in ((0, -1), (1, 1)):
            gap, j = 0, anchor + step
            while 0 <= j < len(lines) and gap <= MAX_GAP and len(lines[j]) <= MAX_LINE:
                if lines[j] in body:
                    break
                if lines[j] and (is_footer_line(lines[j]) or line_facts(lines[j])):
                    ends[side], gap = j, 0
                elif lines[j]:
                    gap += 1
                j += step
        ranges.append((ends[0], ends[1] + 1))
    return ranges


def _norm(line: str) -> str:
    return " ".join(zh.to_halfwidth(line).split())


def body_lines(body: str) -> frozenset[str]:
    """The lines of a page's main text before its first footer line: its own text."""
    own: list[str] = []
    for line in map(_norm, body.split("\n")):
        if is_footer_line(line):
            break
        own.append(line)
    return frozenset(line for line in own if line)


def site_information(text: str, body: str = "") -> tuple[tuple[str, str], ...]:
    """The labelled facts of the site footers in ``text`` (a page's whole text), in the
    order of :data:`SITE_FIELDS`, each label once (several values joined by ``、``). A
    line of ``body`` (the page's main text, as its reader extracted it) before any footer
    line there is the page's own, and a footer never reaches over it."""
    lines = [_norm(line) for line in text.split("\n")]
    values: dict[str, list[str]] = {}
    for first, stop in _footer_ranges(lines, body_lines(body)):
        block = [line for line in lines[first:stop] if line]
        for i, line in enumerate(block):
            following = block[i + 1] if i + 1 < len(block) else ""
            for label, value in line_facts(line, following):
                _add(values.setdefault(label, []), value)
    return tuple(
        (label, "、".join(found)) for label, found in sorted(values.items(), key=_field_order)
    )


def _add(found: list[str], value: str) -> None:
    """Add a value once; of two forms of one number (``…号`` and ``…号-1``), the longer."""
    for i, known in enumerate(found):
        if known.startswith(value):
            return
        if value.startswith(known):
            found[i] = value
            return
    found.append(value)


def _field_order(item: tuple[str, list[str]]) -> int:
    """Where a label stands in the paragraph: the order of :data:`SITE_FIELDS`."""
    label = item[0]
    for i, site_field in enumerate(SITE_FIELDS):
        if label == site_field.name or re.fullmatch(site_field.labels, label):
            return i
    return len(SITE_FIELDS) + [name for name, _ in _FILINGS].index(label)


def site_paragraph(facts: tuple[tuple[str, str], ...]) -> str:
    """The heading :data:`HEADING` and one labelled line per fact (``主办单位：…；``),
    the last ending the paragraph with ``。``; ``""`` when there are none."""
    if not facts:
        return ""
    return f"{HEADING}\n\n" + "；\n".join(f"{label}：{value}" for label, value in facts) + "。"
