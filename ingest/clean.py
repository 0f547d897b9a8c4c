"""Turn raw web, markdown and newspaper text into clean paragraphs.

:func:`clean_text` applies :data:`RULES` in order. Every rule is a pure ``str -> str``
function with its own test. The result keeps paragraphs as blocks separated by one
blank line, uses ``"\\n"`` only, and has no leading/trailing whitespace on any line.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from ingest.dates import bar_date, delivery_line
from ingest.layout import strip_running_heads
from ingest.numbered_tables import numbered_cell_tables, spaced_cell_tables
from ingest.reprints import (
    strip_footnote_marks,
    strip_lost_characters,
    strip_pinyin_glosses,
    strip_promotions,
    strip_spam_lines,
)
from ingest.structure import (
    DATE_LINE_RE,
    DOC_NUMBER_RE,
    is_byline,
    is_signer,
    is_speaker,
    marker_rank,
)
from ingest.tables import (
    bare_cell_tables,
    cell_line_tables,
    field_blocks,
    is_table_row,
    text_tables,
)
from ingest.web import (
    strip_breadcrumbs,
    strip_exit_prompts,
    strip_forum_furniture,
    strip_link_lists,
    strip_nav_bars,
    strip_print_close,
    strip_qr_prompts,
    strip_share_links,
    strip_site_footer,
    strip_voice_broadcast,
)
from lixia_qa import zh

logger = logging.getLogger(__name__)

_CJK = f"[{zh.HAN}{zh.CJK_PUNCT}]"  # a Chinese character or a Chinese-only punctuation mark
_CJK_TEXT = f"[{zh.HAN}{zh.CJK_PUNCT}“”‘’…—·]"  # also the marks Chinese text shares
_HAN_RE = zh.HAN_RE
_CJK_RE = re.compile(_CJK)

_ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ODD_SPACE_RE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_MARKDOWN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.M), r)
    for p, r in (
        (r"^ {0,3}#{1,6} +(.+?)(?: +#+)? *$", "\n\n\\1\n\n"),  # # heading
        (r"^ *(\*\*|__)(.+?)\1 *$", "\n\n\\2\n\n"),  # **heading line**
        (r"!\[[^\]\n]*\]\([^)\n]*\)", ""),  # image
        (r"\[([^\]\n]+)\]\([^)\n]*\)", "\\1"),  # link
        (r"^ *(?:[-*_] *){3,}$", ""),  # horizontal rule
        (r"^ *\|? *:?-{3,}:? *(?:\| *:?-{3,}:? *)+\|? *$", ""),  # a table's |---|---| rule
        (r"^ *> ?", ""),  # quote
        (r"^ {0,3}[-+*] +(?=[^\s\-+*])", "• "),  # - a list's item: a bullet, its own line
        (r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", "\\2"),  # emphasis
    )
)

# the switches of a page's reading modes (not a sentence naming them)
_ACCESS_SWITCH = (
    r"(?:无障碍(?:浏览|阅读|模式|服务)?|长者模式|关怀模式|关怀版|适老化?版|老年模式|大字版"
    r"|读屏(?:模式)?|纯文本模式|(?:切换(?:到|至)?)?(?:简洁|标准|专业|普通)(?:版|模式))"
)

_FURNITURE_RES = tuple(
    re.compile(p)
    for p in (
        r"^(?:扫码|扫描二维码|长按(?:识别)?二维码)",
        r"^(?:责任编辑|值班编辑|编辑|责编|审核|审校|校对|美编|组版|排版|签发|终审|复审|初审|监制|制图) *[:：]",
        # 此件公开发布 / （此件主动公开）: a notice's disclosure mark, in brackets or not
        r"^[（(]此件[^（）()]{1,10}[）)]$|^此件[^（）()\s]{0,4}(?:公开|发布|发至)[^（）()\s]{0,4}$",
        rf"^第 *[A-Z]?[0-9{zh.CN_NONZERO}十百]+ *版(?: *[:：].{{0,20}})?$",
        r"^[-—–－ ]*\d{1,3}[-—–－ ]*$|^第 *\d+ *页(?: *共 *\d+ *页)?$|^\d+ */ *\d+$",
        r"^(?:[▲△▼↑]|图为|图[:：]|[（(]图)",
        # a reprint platform's byline: 首发于 某专栏, 编辑于 2023-05-01 · 著作权归作者所有
        r"^(?:首发于|编辑于)\s*\S|著作权归作者所有",
        r"(?:^|[ /])(?:摄|供图)[）)]?$|^[（(][^（）()]*(?:摄|供图)[）)]$",
        # a site template's signature left in the page: Empire CMS,phome.net | , Powered by …
        r"^(?:Powered by\s+)?(?:Empire\s?CMS|DedeCMS|PHPCMS|Discuz!|phome\.net)\b[^\u4e00-\u9fff]*$",
        # a site's accessibility and elder-mode switches: 无障碍浏览 长者模式, 关怀版
        rf"^(?:{_ACCESS_SWITCH}\s*[|｜/·]?\s*)+$",
    )
)
_QR_RE = _FURNITURE_RES[0]
_SENTENCE_PUNCT_RE = re.compile(rf"[{zh.COMMAS}{zh.LIST_COMMA}{zh.SEMICOLONS}{zh.SENTENCE_END}]")
_FULL_STOP_RE = re.compile(rf"[{zh.SENTENCE_END}{zh.SEMICOLONS}]")

_PAREN_PAIR_RE = re.compile(r"\(([^()\n]*)\)")
_ASCII_PUNCT_RE = re.compile(r"[,:;?!()]")
_TO_CJK_PUNCT = str.maketrans(",:;?!()", "，：；？！（）")

_SPACED_DECIMAL_RE = re.compile(r"(?<=\d) +\. *(?=\d)")
_DECIMAL_GAP_RE = re.compile(r"(?<=[^\s\d.])(\d+)\. +(?=\d)")
_SPACED_DIGITS_RE = re.compile(r"(?<!\d)\d(?: \d){2,}(?!\d)")
_TIMES_RE = re.compile(r"(?<=\d) *× *(?=\d)")
_PERCENT_RE = re.compile(r"(?<=\d) +(?=%)")
_RANGE_RE = re.compile(r"(?<=\d)(?: +([-~～]) *| *([-~～]) +)(?=\d)")
_DIGIT_HAN_RE = re.compile(rf"(?<=[\d%]) +(?=[{zh.HAN}])|(?<={_CJK}) +(?=\d)")

_LETTER_SPACED_RE = re.compile(rf"(?<![{zh.HAN}])[{zh.HAN}](?: +[{zh.HAN}](?![{zh.HAN}])){{2,}}")
_CJK_SPACE_RE = re.compile(rf"(?<={_CJK_TEXT}) +(?={_CJK_TEXT})")
# a two-character post letter-spaced before a name, on a line of its own, to line up
# with a three-character one (县 长 周永根, 主 任 李明): the post is one word
_SPACED_POST_RE = re.compile(rf"^(\s*[{zh.HAN}]) +([长任记席理])(?= +[{zh.HAN}·]{{2,4}}\s*$)")
_PUNCT_SPACE_RE = re.compile(
    rf"(?<=[{zh.CJK_PUNCT}“”‘’]) +(?={_CJK_TEXT})|(?<={_CJK_TEXT}) +(?=[{zh.CJK_PUNCT}“”‘’])"
)

_SENT_END = zh.SENTENCE_END + zh.SEMICOLONS + zh.COLONS + zh.ELLIPSIS
_CLOSERS = zh.CLOSERS
_NO_LINE_START = zh.CLAUSE_END + zh.SENTENCE_END + zh.ELLIPSIS + zh.CLOSERS + "%"
# a list item's bullet: a line starting with one starts anew (• 浏览量：, ● 办理时限：…);
# not a form's box (□), whose options a line break may split
_BULLET_START = "•▪●◆■◇"
_ORPHAN_RE = re.compile(
    rf"^(?:[{re.escape(_NO_LINE_START)}]|[{zh.HAN}][{zh.COMMAS}{zh.LIST_COMMA}])"
)
_LABEL_LINE_RE = re.compile(rf"^[^{zh.COMMAS}{zh.SENTENCE_END}{zh.COLONS}\s]{{1,8}}[{zh.COLONS}]")
_BLANKS_RE = re.compile(r"\n{3,}")
_MAX_FIELD = 30  # the longest labelled line taken as a whole field
# a label alone on its line, its value on the next (办理费用：)
_LABEL_ALONE_RE = re.compile(
    rf"^[^{zh.COMMAS}{zh.SENTENCE_END}{zh.COLONS}\s]{{2,10}}[{zh.COLONS}]$"
)
_SHORT_LINE = 8  # characters of a line of a few words (不收费, 办理地址)
_WRAP_RATIO = 4  # times longer a paragraph's widest line is than a wrapped line can be
_SHORT_HEADING = 30  # the longest numbered line read as a heading above a longer line


def normalize_newlines(text: str) -> str:
    """Use ``\\n`` newlines and plain spaces; drop BOMs and zero-width characters.

    ``\\r\\n``/``\\r``/U+2028 become ``\\n``; U+3000, NBSP, tabs and other Unicode spaces
    become ``" "``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\f", "\n").replace("\v", "\n")
    return _ODD_SPACE_RE.sub(" ", _ZERO_WIDTH_RE.sub("", text))


def to_halfwidth(text: str) -> str:
    """Full-width letters, digits and ``％＋－．／＠＃＆＝＜＞`` to ASCII; keep ``，。（）“”`` etc."""
    return zh.to_halfwidth(text)


def to_simplified(text: str) -> str:
    """A text written in traditional characters (a mirror site's copy) in simplified
    ones; a simplified text unchanged (:func:`lixia_qa.zh.to_simplified`)."""
    return zh.to_simplified(text)


# a Word field's code left in copied text: a table of contents' page references
# (一、主要职责 PAGEREF _Toc32310 \h 3, the backslash often lost), its links and the field
# itself (TOC \o "1-3" \h \z \u)
_FIELD_CODE_RE = re.compile(
    r"[ \t]*(?:PAGEREF\s+_Toc\d+(?:\s*\\?h\b)?|HYPERLINK\s+\\?l\s+\"?_Toc\d+\"?"
    r"|TOC\s+\\?o\s+\"[\d-]+\"(?:\s*\\?[hzu]\b)*)"
)


def strip_field_codes(text: str) -> str:
    """Word field codes copied with a document's text (``PAGEREF _Toc25831 \\h``): the
    table of contents keeps its entries and page numbers, without the codes."""
    return _FIELD_CODE_RE.sub("", text)


def strip_markdown(text: str) -> str:
    """Drop markdown syntax; ``# 标题`` and whole-line ``**标题**`` become own paragraphs."""
    for rx, replacement in _MARKDOWN:
        text = rx.sub(replacement, text)
    return text


def _is_furniture(line: str) -> bool:
    return len(line) <= 150 and any(rx.search(line) for rx in _FURNITURE_RES)


def strip_page_furniture(text: str) -> str:
    """Delete page furniture lines; put bylines in a paragraph of their own.

    Furniture: ``扫码…`` lines and the short app blurbs right after them, ``编辑：``/
    ``责编：``/``审核：``/``校对：``/``美编：`` lines, ``（此件公开发布）``, ``第X版``, page
    numbers, photo captions (``▲…``, ``图为…``, ``（图…``, ``… 摄``, ``（…供图）``) and a
    reprint platform's byline (``首发于 某专栏``, ``著作权归作者所有``).
    Bylines (``记者 …``, ``文/片 …``, ``通讯员 …``) are kept: metadata reads them.
    """
    out: list[str] = []
    after_qr = False
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            out.append("")
            continue
        if _QR_RE.match(line):
            after_qr = True
            continue
        if (
            after_qr
            and len(line) <= 12
            and not (_SENTENCE_PUNCT_RE.search(line) or is_byline(line))
        ):
            continue  # the app blurb under a QR code
        after_qr = False
        if _is_furniture(line):
            continue
        prev = next((p for p in reversed(out) if p), "")
        if out and out[-1] and is_byline(line) != is_byline(prev):
            out.append("")
        out.append(raw)
    return "\n".join(out)


def _touches_cjk(text: str, start: int, end: int) -> bool:
    """Chinese text right after ``text[start:end]``, or before it past spaces."""
    before = text[max(0, start - 8) : start].rstrip(" ")[-1:]
    return bool(_CJK_RE.match(before) or _CJK_RE.match(text[end : end + 1]))


def _convert_punct(text: str, match: re.Match[str]) -> str:
    char, (start, end) = match.group(), match.span()
    before, after = text[start - 1 : start], text[end : end + 1]
    if char in ",:" and before.isdigit() and after.isdigit():
        return char  # 1,000 and 3:30 stay
    between_quotes = bool(before and after) and before in "”’" and after in "“‘"  # “甲”,“乙”
    return (
        char.translate(_TO_CJK_PUNCT) if between_quotes or _touches_cjk(text, start, end) else char
    )


def _convert_parens(text: str, match: re.Match[str]) -> str:
    if _HAN_RE.search(match.group(1)) or _touches_cjk(text, *match.span()):
        return f"（{match.group(1)}）"
    return match.group()


def cjk_punctuation(text: str) -> str:
    """ASCII ``, : ; ? ! ( )`` next to Chinese text become ``，：；？！（）``.

    Numbers (``1,000``, ``3:30``) and Latin text keep ASCII punctuation. A bracket pair
    is converted together when it holds or touches Chinese text.
    """
    text = _PAREN_PAIR_RE.sub(lambda m: _convert_parens(text, m), text)
    return _ASCII_PUNCT_RE.sub(lambda m: _convert_punct(text, m), text)


def _join_spaced_digits(text: str, match: re.Match[str]) -> str:
    start, end = match.span()
    near = text[max(0, start - 2) : start] + text[end : end + 2]
    return match.group().replace(" ", "") if _HAN_RE.search(near) else match.group()


def fix_number_spaces(text: str) -> str:
    """Remove spaces inside numbers: ``14 . 9万户`` -> ``14.9万户``, ``2 0 2 4年`` -> ``2024年``.

    Also ``7× 24`` -> ``7×24``, ``5 %`` -> ``5%``, ``1 - 11月`` -> ``1-11月`` and
    ``100 张`` -> ``100张`` (no space between a number and a Chinese unit or word).
    A list marker at a line start (``1. 2023年``) is left alone.
    """
    text = _SPACED_DECIMAL_RE.sub(".", text)
    text = _DECIMAL_GAP_RE.sub(r"\1.", text)
    text = _SPACED_DIGITS_RE.sub(lambda m: _join_spaced_digits(text, m), text)
    text = _TIMES_RE.sub("×", _PERCENT_RE.sub("", text))
    text = _RANGE_RE.sub(lambda m: m.group(1) or m.group(2), text)
    return _DIGIT_HAN_RE.sub("", text)


# a form's label letter-spaced before its colon (地    址：…, 联系人：张三 电 话：…): one word
_SPACED_LABEL_RE = re.compile(
    r"(?:^|(?<=\s))[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){1,3}(?=\s*[：:])"
)


def remove_cjk_spaces(text: str) -> str:
    """Drop spaces between Chinese characters: ``我 们 就 在`` -> ``我们就在``; a form's
    letter-spaced label (``地 址：``) is one word.

    A two-character post letter-spaced before a name is one word (``县 长 周永根`` ->
    ``县长 周永根``). Kept on purpose: spaces in bylines (``通讯员 杨荣超 康钰坤``
    separates two names) and the single space separating two phrases of a headline
    standing alone (``奋进逐浪立潮头 创新发展启新程``). Latin words keep their spaces.
    """
    lines = ["", *text.split("\n"), ""]
    for i, line in enumerate(lines[1:-1], start=1):
        if " " not in line or is_byline(line):
            continue
        alone = not lines[i - 1].strip() and not lines[i + 1].strip()
        headline = alone and len(line.strip()) <= 50 and not _FULL_STOP_RE.search(line)
        line = _SPACED_POST_RE.sub(r"\1\2", line)
        line = _SPACED_LABEL_RE.sub(lambda m: re.sub(r"\s", "", m.group()), line)
        line = _LETTER_SPACED_RE.sub(lambda m: m.group().replace(" ", ""), line)
        lines[i] = (_PUNCT_SPACE_RE if headline else _CJK_SPACE_RE).sub("", line)
    return "\n".join(lines[1:-1])


def _ends_sentence(line: str) -> bool:
    """``。！？；：…`` or ``——`` at the end, possibly inside closing quotes or a ``（…）`` note."""
    s = line.rstrip()
    while s and s[-1] in _CLOSERS:
        if s[-1] in "）)":
            opening = max(s.rfind("（"), s.rfind("("))
            if opening <= 0:
                return False
            s = s[:opening]
        else:
            s = s[:-1]
    return s.endswith(tuple(_SENT_END)) or s.endswith("——")


def _is_heading_block(lines: list[str]) -> bool:
    """Bylines, or 1-3 short lines without full stops (title + subtitle, ``推动城市更新``)."""
    if all(is_byline(line) for line in lines):
        return True
    if len(lines) > 3 or any(len(line) > 40 or _FULL_STOP_RE.search(line) for line in lines):
        return False
    if len(lines) > 1 and any(re.search(r"[，,]", line) for line in lines):
        return False
    return lines[-1][-1] not in "，、：,:（(“《"


def _glue(left: str, right: str) -> str:
    latin = left[-1].isascii() and left[-1].isalpha() and right[0].isascii() and right[0].isalpha()
    return f"{left} {right}" if latin else left + right


# a page's time stamp starting a line: 10-20 17:50, 2025/10/20 17:50:03
_STAMP_RE = re.compile(r"^\s*(?:\d{4}[-/.])?\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}")


# an entry of a table of contents: a numbered heading of a few words, then its page
# number, the space between them gone or dot leaders (1.1编制目的 1 -> 1.1编制目的1,
# 第一章 总则……3); a number of days, months or units after the first number is no entry
_TOC_ENTRY_RE = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*(?![\d年月日号万亿元个项%])|第[一二三四五六七八九十\d]{1,3}[章节部分])"
    r"\s*[\u4e00-\u9fff（）()、ⅠⅡⅢⅣⅤ]{2,24}(?:[.…·．]{2,})?\s*\d{1,3}$"
)


def _heads_alone(line: str) -> bool:
    """``line`` is a line of a document's head that neither joins the line above nor
    takes the one below: an entry of a table of contents, a document's number
    (某政发〔2023〕10号), a report's delivery line (——2023年2月2日在…会议上) or its
    speaker's (某市 市长 张三)."""
    return bool(
        _TOC_ENTRY_RE.match(line)
        or DOC_NUMBER_RE.fullmatch(line)
        or delivery_line(line)
        or is_speaker(line)
    )


# a notice's or a speech's salutation: 各县、区人民政府，市直各有关单位：, 各位代表：
_SALUTATION_RE = re.compile(
    rf"^(?:各|尊敬的|亲爱的)[^{zh.SENTENCE_END}{zh.SEMICOLONS}]{{1,60}}[：:]$"
)


def _stands_alone(line: str) -> bool:
    """``line`` starts a line of its own: a table row (one per line), a bullet's item, a
    salutation (各有关单位：) or a line of a document's head (:func:`_heads_alone`)."""
    return (
        is_table_row(line)
        or line[0] in _BULLET_START
        or bool(_SALUTATION_RE.match(line))
        or _heads_alone(line)
    )


def _form_break(left: str, right: str, width: int) -> bool:
    """The break ends a form's line: a line of a few words in a paragraph whose lines
    run ``width`` characters and more (a form's value 不收费 above its next label
    办理地址) is no wrapped line, nor is a label alone with its colon (办理费用：)."""
    if _LABEL_ALONE_RE.match(right):
        return True
    return (
        len(left) <= _SHORT_LINE
        and width >= _WRAP_RATIO * len(left)
        and "|" not in left + right
        and not _SENTENCE_PUNCT_RE.search(left)
        and right[0] not in _NO_LINE_START
    )


def _joins(left: str, right: str, width: int = 0) -> bool:
    """Whether the break between two lines of one paragraph, whose lines run ``width``
    characters at most, is inside running text."""
    if (
        is_table_row(left)
        or _stands_alone(right)
        or _heads_alone(left)
        or _form_break(left, right, width)
    ):
        return False
    if right[0] in _NO_LINE_START:
        return True
    if _ends_sentence(left) or is_byline(left) or is_byline(right) or marker_rank(right):
        return False
    if _LABEL_LINE_RE.match(left) and _LABEL_LINE_RE.match(right):
        return False  # 联系人：… / 电话：…
    if (
        DATE_LINE_RE.match(left)
        or DATE_LINE_RE.match(right)
        or (is_signer(right) and not _SENTENCE_PUNCT_RE.search(left))
        or bar_date(left)
        or _STAMP_RE.match(left)
        or _STAMP_RE.match(right)
    ):
        # a notice's 署名 and 成文日期; a headline, then the body issuing it; a page's
        # date bar (2015-07-20 17:11:13 来源：某办 作者：某办), then its body; a headline,
        # then a page's time stamp (10-20 17:50 阅读 4792), then its body
        return False
    if _is_field(left):
        return False  # 咨询电话：0571-1234567 / 收费标准：不收费: a field ends its line
    item = marker_rank(left)
    # 一、完善工作机制，压实落实责任: a short numbered heading above its paragraph, even
    # with a comma in it
    heading = bool(item) and len(left) <= _SHORT_HEADING and len(left) < 0.6 * len(right)
    if not heading and _SENTENCE_PUNCT_RE.search(left[item[1] if item else 0 :]):
        return True
    return not (item or len(left) < 0.6 * len(right))  # a bare short line is a heading


def _is_field(line: str) -> bool:
    """A short labelled value without a clause in it (``咨询电话：0571-1234567``,
    ``收费标准：不收费``): a whole field of a form or a notice, never a wrapped line."""
    label = _LABEL_LINE_RE.match(line)
    return bool(label) and len(line) <= _MAX_FIELD and not _SENTENCE_PUNCT_RE.search(line)


def _in_form(lines: list[str]) -> bool:
    """The last two lines are labelled values (区域：… / 地点：…): a form's fields, each
    on its line; the line after them starts anew."""
    return len(lines) >= 2 and all(_LABEL_LINE_RE.match(line) for line in lines[-2:])


def _join_lines(lines: list[str]) -> list[str]:
    width = max(len(line) for line in lines)
    out = [lines[0]]
    for line in lines[1:]:
        if not _in_form(out) and _joins(out[-1], line, width):
            out[-1] = _glue(out[-1], line)
        else:
            out.append(line)
    return out


class _Para:
    """A paragraph being rebuilt: its original lines and its joined lines."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.heading = _is_heading_block(lines)
        self.joined = lines if self.heading else _join_lines(lines)
        self.merged = False
        self.has_punct = any(_SENTENCE_PUNCT_RE.search(line) for line in lines)

    def broken(self) -> bool:
        """Ends inside a sentence (a column or page break), so the next paragraph continues it."""
        last = self.joined[-1]
        if (
            is_table_row(last)
            or _ends_sentence(last)
            or is_byline(last)
            or _LABEL_LINE_RE.match(last)
        ):
            return False
        if (self.heading and not self.merged) or not self.has_punct:
            return False
        return bool(_HAN_RE.match(last[-1])) or last[-1].isalnum() or last[-1] in "，、“‘（《×·"

    def absorb(self, other: _Para) -> None:
        rest = _join_lines(other.lines)
        self.joined = [*self.joined[:-1], _glue(self.joined[-1], rest[0]), *rest[1:]]
        self.merged = True
        self.has_punct = self.has_punct or other.has_punct


def _continuation(queue: list[_Para], i: int) -> int | None:
    """Index of the paragraph continuing a broken one: the next one, or an orphan fragment
    (``质，不断…``) a few paragraphs on when only complete paragraphs (a sidebar or a caption
    set into the column) stand between."""
    for j in range(i, min(i + 3, len(queue))):
        if _ORPHAN_RE.match(queue[j].lines[0]):
            return j
        if not _ends_sentence(queue[j].joined[-1]):
            break
    first = queue[i].lines[0]
    starts_anew = is_byline(first) or marker_rank(first) or is_table_row(first)
    return None if starts_anew or _LABEL_LINE_RE.match(first) else i


# what may follow a figure in its sentence: its unit or measure word, 余 or 多 (12余个), a
# magnitude (万, 亿), a year's or a date's 年 月 日
_AFTER_FIGURE = set(
    "亿万千百十元角人个户家所项座条名次辆台张套件头只匹羽株棵岁年月日号天周时秒层间床位吨斤克米亩顷倍成点届批期轮余多"
)


def _ends_on_figure(last: str, par: _Para) -> bool:
    """A paragraph ending on a whole figure (…结构为3.4︰48.7︰48.0) before one opening
    with a word, not the figure's unit or measure (亿元, 万人, 个): a sentence whose full
    stop the page lost, not one a break cut."""
    first = par.lines[0]
    return last[-1].isdigit() and bool(_HAN_RE.match(first[0])) and first[0] not in _AFTER_FIGURE


def rejoin_broken_lines(text: str) -> str:
    """Undo line breaks that newspaper columns and page breaks put inside sentences.

    Inside a paragraph a line is joined to the next (no space between Chinese
    characters) unless it ends a sentence (``。！？；：…``), is a byline, the next line
    starts a numbered item, or it is a short bare line (a heading) above a longer one.
    A line starting with ``，。、”）`` always joins the line before. A paragraph ending
    inside a sentence is continued by the next paragraph. Headings (1-3 short lines
    without full stops, standing alone) keep their lines, unless they follow an
    unfinished sentence: a heading never does.
    """
    blocks = re.split(r"\n\s*\n", text.strip())
    queue = [_Para([ln.strip() for ln in b.split("\n") if ln.strip()]) for b in blocks if b.strip()]
    out: list[_Para] = []
    i = 0
    while i < len(queue):
        par = queue[i]
        if out and par.lines[0][0] in _NO_LINE_START and not is_table_row(par.lines[0]):
            out[-1].absorb(par)
            i += 1
            continue
        broken = out and out[-1].broken() and not _ends_on_figure(out[-1].joined[-1], par)
        j = _continuation(queue, i) if broken else None
        if j is None:
            out.append(par)
            i += 1
        else:
            out[-1].absorb(queue.pop(j))
    return "\n\n".join("\n".join(p.joined) for p in out)


def tidy_whitespace(text: str) -> str:
    """Strip every line, collapse runs of spaces and of blank lines, strip the text."""
    lines = (re.sub(r" {2,}", " ", line.strip()) for line in text.split("\n"))
    return _BLANKS_RE.sub("\n\n", "\n".join(lines)).strip()


Rule = Callable[[str], str]
RULES: tuple[tuple[str, Rule], ...] = (
    ("spaced_cell_tables", spaced_cell_tables),
    ("numbered_cell_tables", numbered_cell_tables),
    ("cell_line_tables", cell_line_tables),
    ("bare_cell_tables", bare_cell_tables),
    ("text_tables", text_tables),
    ("normalize_newlines", normalize_newlines),
    ("to_halfwidth", to_halfwidth),
    ("strip_pinyin_glosses", strip_pinyin_glosses),
    ("to_simplified", to_simplified),
    ("strip_lost_characters", strip_lost_characters),
    ("strip_field_codes", strip_field_codes),
    ("strip_markdown", strip_markdown),
    ("strip_nav_bars", strip_nav_bars),
    ("strip_breadcrumbs", strip_breadcrumbs),
    ("strip_voice_broadcast", strip_voice_broadcast),
    ("strip_qr_prompts", strip_qr_prompts),
    ("strip_print_close", strip_print_close),
    ("strip_share_links", strip_share_links),
    ("strip_site_footer", strip_site_footer),
    ("strip_exit_prompts", strip_exit_prompts),
    ("strip_forum_furniture", strip_forum_furniture),
    ("strip_link_lists", strip_link_lists),
    ("strip_page_furniture", strip_page_furniture),
    ("strip_spam_lines", strip_spam_lines),
    ("cjk_punctuation", cjk_punctuation),
    ("fix_number_spaces", fix_number_spaces),
    ("strip_footnote_marks", strip_footnote_marks),
    ("remove_cjk_spaces", remove_cjk_spaces),
    ("strip_running_heads", strip_running_heads),
    ("rejoin_broken_lines", rejoin_broken_lines),
    ("field_blocks", field_blocks),
    ("strip_promotions", strip_promotions),
    ("tidy_whitespace", tidy_whitespace),
)


def clean_text(raw: str) -> str:
    """Apply every rule of :data:`RULES` in order."""
    text = raw
    for name, rule in RULES:
        before = len(text)
        text = rule(text)
        logger.debug("clean rule %s: %d -> %d chars", name, before, len(text))
    return text
