"""A government page's information block (索引号, 发布机构, 主题分类, 成文日期 …) as metadata.

Pages under 政府信息公开 open with a block of labelled fields::

    索引号：11370000/2024-00012      主题分类：综合政务
    发布机构：某某县人民政府办公室    成文日期：2024-03-01
    标题：关于…的通知
    发文字号：某政办发〔2024〕3号    发布日期：2024-03-05

as a table (rows of ``label： | value`` cells), as ``label：value`` lines, or as labels
and values on lines of their own. :func:`split_page_fields` reads such a block into
``(label, value)`` pairs and removes it from the text: it is metadata, never an answer.
A run of lines is a block when it names at least two labels of :data:`FIELD_LABELS`, one
of them only ever used in such blocks (:data:`BLOCK_LABELS`), so a body line such as
``责任单位：区教育局`` stays text.

A file written by a scraper opens with its own header of labelled lines, often with a
label of its own among them and a ``正文：`` line before the text::

    标题：某某县2024年政府工作报告
    发文单位：某某县人民政府
    发文时间：未知
    报告人：某某县人民政府县长 某某某
    来源URL：https://…

    正文：

:func:`split_header` reads such a header (:func:`is_header`) the same way, with any short
label it holds; a value that states nothing (``未知``, ``暂无``) is dropped. The page's
own block further down is then read as well.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ingest.tables import is_table_row, split_row
from lixia_qa import zh

# labels only ever used in a page's information block
BLOCK_LABELS = (
    "信息索引号",
    "索引号",
    "主题分类",
    "体裁分类",
    "组配分类",
    "服务对象分类",
    "服务对象",
    "信息分类",
    "内容分类",
    "发布机构",
    "发文机构",
    "发布机关",
    "发文机关",
    "发文单位",
    "成文日期",
    "成文时间",
    "发文字号",
    "文件编号",
    "有效性",
    "效力状态",
    "公开方式",
    "公开形式",
    "公开范围",
    "公开时限",
    "统一编号",
    "登记号",
    "主题词",
    "生成日期",
)
# labels that also belong to the block when they stand in it
FIELD_LABELS = (
    *BLOCK_LABELS,
    "责任部门",
    "发布日期",
    "公开日期",
    "信息来源",
    "文号",
    "标题",
    "名称",
    "关键词",
    "所属机构",
    "发文时间",
    "发文日期",
    "发布单位",
    "发布时间",
    "来源URL",
    "来源网址",
    "原文链接",
    "原文地址",
)
# a label may have spaces between its characters (``索 引 号``, ``标　　题``)
_LABEL_ALT = "|".join(r"\s*".join(label) for label in sorted(FIELD_LABELS, key=len, reverse=True))
# a label, maybe in brackets, followed by a colon (or, in brackets, by the value)
# a label of four characters or more glued to the value before it, once cleaning took
# out the space between them (发布机构：某某局发文日期：…, 索引号：330502/2025-01292成文日期：…),
# or to an empty label's colon (文件编号：发布机构：区统计局)
_GLUED_ALT = "|".join(sorted((f for f in FIELD_LABELS if len(f) >= 4), key=len, reverse=True))
_LABEL_RE = re.compile(
    rf"(?:^|(?<=[\s|｜]))[\[【［]?\s*(?P<label>{_LABEL_ALT})\s*[\]】］]?\s*[:：]|"
    rf"[\[【［]\s*(?P<bracketed>{_LABEL_ALT})\s*[\]】］]|"
    rf"(?<=[{zh.HAN}\dA-Za-z：:])(?P<glued>{_GLUED_ALT})\s*[:：]"
)
_BLOCK_RE = re.compile("|".join(sorted(BLOCK_LABELS, key=len, reverse=True)))
ISSUER_LABELS = (
    "发布机构",
    "发文机构",
    "发布机关",
    "发文机关",
    "发文单位",
    "发布单位",
    "所属机构",
    "责任部门",
    "信息来源",
    "来源",  # only ever a field when a header (split_header) names it
)
SITE_LABEL = "网站"  # the site a page was saved from (not in a block: the reader's)
# first wins (of those whose value is a date)
DATE_LABELS = (
    "发布日期",
    "发布时间",
    "公开日期",
    "成文日期",
    "成文时间",
    "发文日期",
    "发文时间",
    "生成日期",
)
NUMBER_LABELS = ("发文字号", "文件编号", "文号")
TITLE_LABELS = ("标题", "名称")


def line_fields(line: str) -> list[tuple[str, str]]:
    """The ``(label, value)`` pairs of one line or table row; ``[]`` when the line names
    no label of :data:`FIELD_LABELS` at its start. A label with its value on the next line
    gets ``""``."""
    flat = " ".join(split_row(line)) if is_table_row(line) else line
    flat = flat.strip()
    matches = list(_LABEL_RE.finditer(flat))
    if not matches or matches[0].start() > 0:
        return []
    pairs = []
    for i, match in enumerate(matches):
        stop = matches[i + 1].start() if i + 1 < len(matches) else len(flat)
        found = match.group("label") or match.group("bracketed") or match.group("glued")
        label = re.sub(r"\s+", "", found)
        pairs.append((label, flat[match.end() : stop].strip(" ：:|｜")))
    return pairs


def _merge_values(lines: list[str], fields: list[list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """A label whose value stands alone on the next line takes that line."""
    out: list[tuple[str, str]] = []
    for i, pairs in enumerate(fields):
        if not pairs:
            if out and not out[-1][1]:
                out[-1] = (out[-1][0], lines[i].strip())
            continue
        out.extend(pairs)
    return [(label, value) for label, value in out if value and value.lower() not in EMPTY_VALUES]


def _is_block(pairs: Iterable[tuple[str, str]]) -> bool:
    labels = {label for label, _ in pairs}
    return len(labels) >= 2 and any(_BLOCK_RE.fullmatch(label) for label in labels)


def split_page_fields(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``(text without its header and information block, their (label, value) pairs)``,
    the header's (:func:`split_header`) first; the text is unchanged and the pairs empty
    when there is neither. Only the first block after the header counts."""
    text, header = split_header(text)
    text, block = _split_block(text)
    return text, header + block


def _split_block(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``(text without the first information block, its pairs)``."""
    lines = text.split("\n")
    fields = [line_fields(line) for line in lines]
    i = 0
    while i < len(lines):
        if not fields[i]:
            i += 1
            continue
        j = i
        while j < len(lines) and (fields[j] or _value_line(lines, fields, j)):
            j += 1
        pairs = _merge_values(lines[i:j], fields[i:j])
        if _is_block(pairs):
            taken, under = _fields_under_title(lines, fields, j)
            rest = [line for k, line in enumerate(lines) if not (i <= k < j or k in taken)]
            text = re.sub(r"\n{3,}", "\n\n", "\n".join(rest)).strip()
            return text, (*pairs, *under)
        i = j
    return text, ()


_MAX_TITLE_LINE = 60  # characters of a headline's line between a block and its fields
_TITLE_LINES = 2  # headline lines a page shows between its block and its date line


def _fields_under_title(
    lines: list[str], fields: list[list[tuple[str, str]]], j: int
) -> tuple[set[int], list[tuple[str, str]]]:
    """The page's field lines under its headline, right after its block ends at line
    ``j`` (the block, the headline, then 发布日期：2025-04-01 15:09:37 / 信息来源：区统计局),
    and their pairs: metadata as the block is. A field glued to the headline's end
    (…统计公报发布日期：2025-04-01, once cleaning joined the lines) is cut off it (``lines``
    keeps the headline). None when a line of text (a sentence, a long line) comes first."""
    headline: list[str] = []
    taken: set[int] = set()
    pairs: list[tuple[str, str]] = []
    for k in range(j, len(lines)):
        line = lines[k].strip()
        if fields[k]:
            taken.add(k)
            pairs += _merge_values([lines[k]], [fields[k]])
            continue
        if taken or _is_text(line, headline):
            break
        glued = _glued_field(line)
        if glued is not None:
            lines[k] = line[:glued]
            pairs += _merge_values([line[glued:]], [line_fields(line[glued:])])
            break
        headline += [line] if line else []
    return taken, pairs


def _glued_field(line: str) -> int | None:
    """Where a page field glued to a headline's end starts (…公报|发布日期：2025-04-01)."""
    for match in _LABEL_RE.finditer(line):
        if match.group("glued") and match.start() > 0 and line_fields(line[match.start() :]):
            return match.start()
    return None


def _is_text(line: str, headline: Sequence[str]) -> bool:
    """``line`` is no part of a headline after ``headline``'s lines: a sentence, a long
    line, or a line after :data:`_TITLE_LINES` of them."""
    if not line:
        return False
    return (
        len(line) > _MAX_TITLE_LINE
        or bool(re.search(f"[{zh.SENTENCE_END}{zh.SEMICOLONS}]", line))
        or len(headline) >= _TITLE_LINES
    )


def _value_line(lines: list[str], fields: list[list[tuple[str, str]]], j: int) -> bool:
    """A line right after a label with no value (the label's value), or a blank line
    between two labelled lines."""
    if not lines[j].strip():
        return j + 1 < len(lines) and bool(fields[j + 1])
    prev = fields[j - 1] if j else []
    return bool(prev) and not prev[-1][1] and len(lines[j]) <= 80


def field(fields: Iterable[tuple[str, str]], labels: Iterable[str]) -> str:
    """The value of the first of ``labels`` present in ``fields`` (in ``labels``' order)."""
    values = dict(fields)
    return next((values[label] for label in labels if values.get(label)), "")


# a header line with a label of its own: a short name and a colon (报告人：…, 来源：…)
_OWN_LABEL_RE = re.compile(rf"^(?P<label>[{zh.HAN}A-Za-z]{{2,8}})\s*[:：]\s*(?P<value>\S.*)$")
# the line that ends a scraper's header and opens the text: 正文：/ 内容：/ 全文：
_BODY_MARK_RE = re.compile(r"^\s*[\[【［]?\s*(?:正\s*文|内\s*容|全\s*文)\s*[\]】］]?\s*[:：]?\s*")
# values a scraper writes for a field it could not fill
EMPTY_VALUES = ("未知", "不详", "暂无", "无", "空", "null", "none", "n/a", "-", "—")
MAX_HEADER_VALUE = 300  # a longer value is text, not a header field


def header_fields(line: str) -> list[tuple[str, str]]:
    """The ``(label, value)`` pairs of a header line: a page field's (:func:`line_fields`)
    or, failing that, any short label's (``报告人：…``); ``[]`` for a body marker
    (``正文：``), a line without a label, or a long value."""
    pairs = line_fields(line)
    if pairs:
        return pairs
    found = _OWN_LABEL_RE.match(line.strip())
    if not found or _BODY_MARK_RE.match(line) or len(found.group("value")) > MAX_HEADER_VALUE:
        return []
    return [(found.group("label"), found.group("value").strip())]


def is_header(pairs: Iterable[tuple[str, str]]) -> bool:
    """The fields a file opens with are its header: they name its title (:data:`TITLE_LABELS`)
    and at least one other page field (an issuer, a date, a source link)."""
    labels = {label for label, _ in pairs}
    return bool(labels & set(TITLE_LABELS)) and len(labels & set(FIELD_LABELS)) >= 2


def _stated(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (label, value) for label, value in pairs if value and value.lower() not in EMPTY_VALUES
    )


def split_header(text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``(text without its header, the header's (label, value) pairs)``: the run of
    labelled lines a file opens with (:func:`header_fields`), when it is a header
    (:func:`is_header`), and the ``正文：`` line after it (what follows the marker on its
    line stays). The header's title stays as the text's first line, a heading, as the
    page showed it above its text. The text is unchanged and the pairs empty otherwise."""
    lines = text.strip().split("\n")
    pairs: list[tuple[str, str]] = []
    end = 0
    while end < len(lines):
        found = header_fields(lines[end])
        if not found:
            break
        pairs += found
        end += 1
    if not is_header(pairs):
        return text, ()
    rest = lines[end:]
    first = next((k for k, line in enumerate(rest) if line.strip()), None)
    if first is not None and _BODY_MARK_RE.match(rest[first]):
        rest[first] = _BODY_MARK_RE.sub("", rest[first], count=1)
    title = field(pairs, TITLE_LABELS)
    body = "\n".join(rest).strip()
    return (f"{title}\n\n{body}" if title else body), _stated(pairs)
