"""Cleaning rules for web furniture: text that a government web page wraps around a document.

Each rule is a pure ``str -> str`` function on whole lines with its own test; they run in
:data:`ingest.clean.RULES` for every document, since ``.txt`` files are often saved web
pages. A rule deletes a line only when the whole line is furniture (or, for page tools,
deletes the tool words and keeps the rest), so running text that merely mentions a word
such as 打印 is kept. Rows of a table (:func:`ingest.tables.is_table_row`) are never
touched.
"""

from __future__ import annotations

import re

from ingest.dates import parse_date
from ingest.page_fields import line_fields
from ingest.tables import cell_table_lines, is_table_row, split_row
from lixia_qa import zh

# Words of site menus; a bar needs several of them.
NAV_WORDS = frozenset(
    """首页 网站首页 政务公开 政府信息公开 信息公开 政务服务 办事服务 互动交流 政民互动 新闻中心
    新闻动态 要闻动态 政务动态 走进 专题专栏 专题 数据开放 公众参与 政策文件 政策解读 通知公告
    领导信息 机构职能 网上办事 在线服务 便民服务 投资 旅游 English 无障碍 长者模式 关怀版 繁体
    繁體 简体 登录 注册 个人中心 智能问答 我要咨询 我要投诉 领导信箱 国务院 总理 新闻 政策 服务
    问政 数据 国情 概况 部门 地方 专栏 视频 图片 访谈""".split()
)
_SITE_NAME_RE = re.compile(r"^走进|(?:网|人民政府|政府|门户|门户网站)$")
_NAV_SPLIT_RE = re.compile(r"\s*[|｜丨·•]\s*|\s+")
_BREADCRUMB_RE = re.compile(
    r"^(?:您?(?:当前|现在)?(?:的|所在的?)?位置)\s*[:：]?\s*.*(?:首页|主页|[>»＞→›])"
    r"|^(?:网站)?首页\s*[>»＞→›]"
    # a path of a site's sections alone: 政务服务> 办事指南, 信息公开 > 通知公告 > 正文
    r"|^[\u4e00-\u9fff]{2,10}(?:\s*[>»＞→›]\s*[\u4e00-\u9fff]{2,10}){1,6}\s*$"
)
_VOICE_RE = re.compile(
    r"【?\s*语音播报\s*】?|【?\s*(?:开始|停止|暂停|继续)朗读\s*】?|【?\s*(?:阅读|朗读)全文\s*】?"
    r"|^\s*朗读\s*[:：]\s*$"
)
# a newspaper's e-paper page tools: 通版阅读请点击, 展开通版, 当前版：04版, 上一版 下一版,
# 上一篇 下一篇, 放大 缩小 默认, 文章字数：277
_EPAPER_RE = re.compile(
    r"通版阅读请点击\s*[:：]?|(?:展开|收缩)通版|当前版\s*[:：]\s*[A-Z]?\d{1,3}\s*版"
    r"|上一版\s*下一版|上一篇\s*下一篇|放大\s*缩小\s*(?:默认)?|文章字数\s*[:：]\s*\d+"
)
_FONT_RE = re.compile(
    r"[【\[]?\s*(?:字体|字号)\s*[:：]?\s*[【\[]?大[】\]]?\s*[【\[]?中[】\]]?\s*[【\[]?小[】\]]?\s*[】\]]?"
    r"|[【\[]\s*(?:字体|字号)\s*[:：]\s*$|^\s*(?:字体|字号)\s*[:：]\s*$"  # its sizes lost
)
# the font-size tool broken over lines, a size on each (【字体：/ 大 / 中 / 小 / 】)
_FONT_LINES_RE = re.compile(
    r"^[ \t]*[【\[]?[ \t]*(?:字体|字号)[ \t]*[:：][ \t]*\n(?:[ \t]*[【\[]?[大中小][】\]]?[ \t]*\n){2,3}"
    r"(?:[ \t]*[】\]][ \t]*(?:\n|$))?",
    re.MULTILINE,
)
_QR_PROMPT_RE = re.compile(
    r"扫一扫(?:在手机(?:上)?)?(?:打开|查看|浏览)(?:当前|本)?页(?:面)?|手机扫一扫|扫一扫(?:分享|关注)?"
)
_PRINT_CLOSE_RE = re.compile(
    r"[【\[]?\s*(?:打印本页|打印文章|打印|关闭窗口|关闭本页|关闭|返回顶部|收藏本页|加入收藏|收藏|[【\[]?\s*纠错\s*[】\]]?)\s*[】\]]?"
)
_SHARE_RE = re.compile(
    r"^(?:分享到|分享|转发到|转发)\s*[:：]?\s*(?:(?:微信|朋友圈|微博|新浪微博|QQ空间|QQ好友|QQ|人人网|豆瓣|腾讯微博|今日头条|抖音)\s*[、，,|｜]?\s*)*$",
    re.I,
)
_FOOTER_RE = re.compile(
    r"版权所有|Copyright|©|ICP备|ICP证|公网安备|网站标识码|网站识别码|政府网站标识码|技术支持\s*[:：]"
    r"|建议使用.{0,20}浏览器|分辨率|网站地图\s*[|｜]|联系我们\s*[|｜]|^(?:网站地图|联系我们|网站声明|隐私声明|使用帮助)$",
    re.I,
)
_FOOTER_NEIGHBOUR_RE = re.compile(
    r"^(?:主办|承办|主管|协办|维护|运维|地址|邮编|电话|联系电话|邮箱)(?:单位)?\s*[:：]"
)
_MAX_FURNITURE = 160  # a longer line is running text


def _is_nav_bar(line: str, neighbours: tuple[str, str]) -> bool:
    items = [item for item in _NAV_SPLIT_RE.split(line.strip()) if item]
    if len(items) < 3 or any(len(item) > 10 for item in items) or _names_a_day(line):
        return False  # a date line (某某网 2023-11-15 来源：本网) is the page's, not a menu
    if is_table_row(line) and any(
        is_table_row(n) and len(split_row(n)) == len(split_row(line)) for n in neighbours
    ):
        return False  # a table header or row, not a menu
    known = sum(1 for item in items if item in NAV_WORDS or _SITE_NAME_RE.search(item))
    return known >= 2 and known >= len(items) / 3


def _names_a_day(line: str) -> bool:
    date = parse_date(line)
    return date is not None and len(date) == len("YYYY-MM-DD")


def strip_nav_bars(text: str) -> str:
    """Delete site menus: ``中国政府网 | 首页 | 政务公开 | …``, ``政务公开 政务服务 互动交流``.

    A line of three or more short items (separated by ``|``, ``｜``, ``·`` or spaces), at
    least two of them (and a third of all) menu words; or two or more menu words each on
    a line of its own, one after the other. A table row among rows of the same width is
    kept.
    """
    lines = text.split("\n")
    menu = _menu_runs(lines)
    out = []
    for i, line in enumerate(lines):
        neighbours = (lines[i - 1] if i else "", lines[i + 1] if i + 1 < len(lines) else "")
        if i not in menu and not _is_nav_bar(line, neighbours):
            out.append(line)
    return "\n".join(out)


def _is_menu_word(line: str) -> bool:
    word = line.strip()
    return (
        bool(word) and len(word) <= 10 and (word in NAV_WORDS or bool(_SITE_NAME_RE.search(word)))
    )


def _menu_runs(lines: list[str]) -> set[int]:
    """Lines of menus written one item per line (a page's menu cells): runs of two or
    more lines, blank lines between them allowed, each a menu word alone."""
    found: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, "end of text"]):
        if not line.strip():
            continue
        if _is_menu_word(line):
            run.append(i)
            continue
        if len(run) >= 2:
            found.update(run)
        run = []
    return found


def strip_breadcrumbs(text: str) -> str:
    """Delete ``当前位置：首页 > 政务公开 > 通知公告``, ``首页 > …`` and ``政务服务> 办事指南``
    lines."""
    return "\n".join(
        line
        for line in text.split("\n")
        if not (len(line) <= _MAX_FURNITURE and _BREADCRUMB_RE.match(line.strip()))
    )


def _drop_words(text: str, pattern: re.Pattern[str]) -> str:
    """Remove ``pattern`` from short lines; a line left with only brackets or separators
    goes; other words on the line (``日期：… 来源：…``) stay."""
    out = []
    for line in text.split("\n"):
        if len(line) > _MAX_FURNITURE or not pattern.search(line):
            out.append(line)
            continue
        rest = pattern.sub(" ", line)
        if rest.strip(" \t|｜/【】[]()（）·•-"):
            out.append(re.sub(r" {2,}", " ", rest).rstrip())
    return "\n".join(out)


def strip_voice_broadcast(text: str) -> str:
    """Delete the read-aloud and font-size tools (``语音播报``, ``【字体：大 中 小】``) and
    a newspaper's e-paper page tools (``展开通版``, ``当前版：04版``, ``上一篇 下一篇``).
    The font-size tool may stand on several lines, a size on each."""
    text = _FONT_LINES_RE.sub("", text)
    return _drop_words(_drop_words(_drop_words(text, _VOICE_RE), _FONT_RE), _EPAPER_RE)


def strip_qr_prompts(text: str) -> str:
    """Delete ``扫一扫在手机打开当前页`` (``扫一扫打开当前页``) and ``手机扫一扫`` prompts."""
    return _drop_words(text, _QR_PROMPT_RE)


def strip_print_close(text: str) -> str:
    """Delete page buttons on a line of their own: ``打印本页 关闭窗口``, ``【打印】【关闭】``,
    ``返回顶部``, ``收藏``, ``纠错``. A sentence that mentions 打印 or 关闭 is kept."""
    out = []
    for line in text.split("\n"):
        buttons_only = (
            len(line) <= 40
            and bool(_PRINT_CLOSE_RE.search(line))
            and not (_PRINT_CLOSE_RE.sub(" ", line).strip(" \t|｜/【】[]·•"))
        )
        if not buttons_only:
            out.append(line)
    return "\n".join(out)


def strip_share_links(text: str) -> str:
    """Delete share bars: ``分享到：微信 微博 QQ空间``."""
    return "\n".join(
        line for line in text.split("\n") if not (len(line) <= 80 and _SHARE_RE.match(line.strip()))
    )


def is_footer_line(line: str) -> bool:
    """A line only a site footer has: ``版权所有``, ``Copyright``, ``ICP备``, ``公网安备``,
    ``网站标识码``, ``技术支持：``, ``网站地图`` alone."""
    return len(line) <= _MAX_FURNITURE and bool(_FOOTER_RE.search(line))


def strip_site_footer(text: str) -> str:
    """Delete site footers: ``版权所有``, ``ICP备``, ``网站标识码``, ``公网安备``, and the
    ``主办单位：``/``地址：``/``电话：`` lines right next to such a line (what they state
    is kept apart, as the page's site information: :mod:`ingest.site_info`)."""
    lines = text.split("\n")
    footer = [is_footer_line(ln) for ln in lines]
    changed = True
    while changed:  # spread to adjacent 主办单位/地址/电话 lines (blank lines skipped)
        changed = False
        for i, line in enumerate(lines):
            if footer[i] or not _FOOTER_NEIGHBOUR_RE.match(line.strip()):
                continue
            near = [j for j in range(max(0, i - 2), min(len(lines), i + 3)) if j != i]
            if any(footer[j] for j in near):
                footer[i] = changed = True
    return "\n".join(line for line, drop in zip(lines, footer, strict=True) if not drop)


_EXIT_START_RE = re.compile(r"^(?:您访问的链接即将离开|您即将离开|即将离开本站|您将离开)")
_EXIT_END_RE = re.compile(r"是否继续[？?]?$")
_BULLETS = "-·•▪●◆"
_LINK_ITEM_RE = re.compile(rf"^[{_BULLETS}]\s*\S|[|｜]$")
_LINK_ITEM_MAX = 20
# an item of a page's information line, a bullet before each (• 发布日期：2022-12-14,
# • 来源：某某县人民政府办公室): the page's date and issuer, not a link
_BULLET_RE = re.compile(rf"^\s*[{_BULLETS}]\s*")
_PAGE_INFO_ITEM_RE = re.compile(
    rf"^[{_BULLETS}]\s*(?:发布日期|发布时间|日期|时间|来源|信息来源|发布机构|发布单位)\s*[:：]\s*\S"
)


# a forum's page (a post reprinting a document): its tools, and the poster's card from
# TA的每日心情 to the post's 发表于 … | 显示全部楼层 line
_FORUM_LINE_RE = re.compile(
    r"^(?:设为首页\s*收藏本站|查看\s*[:：]\s*\d+\s*[|｜]\s*回复\s*[:：]\s*\d+|\[?复制链接\]?"
    r"|(?:只看该作者|电梯直达|楼主|回复\s*举报|返回列表|发新帖|使用道具))$"
)
_FORUM_CARD_START_RE = re.compile(r"^[•·]?\s*TA的每日心情$")
_FORUM_CARD_END_RE = re.compile(r"^发表于\s*\S.{0,40}(?:显示全部楼层|阅读模式)")
_FORUM_CARD_LINES = 60


def strip_forum_furniture(text: str) -> str:
    """Delete a forum page's tools (设为首页收藏本站, 查看: 701|回复: 0, [复制链接]) and the
    poster's card between TA的每日心情 and the post's ``发表于 … | 显示全部楼层`` line
    (level, posts, points, rank: figures of no document)."""
    lines = text.split("\n")
    drop = {i for i, ln in enumerate(lines) if _FORUM_LINE_RE.match(ln.strip())}
    for i, line in enumerate(lines):
        if _FORUM_CARD_START_RE.match(line.strip()):
            end = next(
                (
                    j
                    for j in range(i, min(len(lines), i + _FORUM_CARD_LINES))
                    if _FORUM_CARD_END_RE.match(lines[j].strip())
                ),
                None,
            )
            if end is not None:
                drop.update(range(i, end + 1))
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def strip_exit_prompts(text: str) -> str:
    """Delete the prompt a site shows before an outside link: ``您访问的链接即将离开“某某”
    门户网站是否继续？`` (on one line or two)."""
    lines = text.split("\n")
    drop: set[int] = set()
    for i, line in enumerate(lines):
        if len(line) <= _MAX_FURNITURE and _EXIT_START_RE.match(line.strip()):
            drop.add(i)
            for j in range(i, min(len(lines), i + 4)):
                if _EXIT_END_RE.search(lines[j].strip()):
                    drop.update(range(i, j + 1))
                    break
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


# a Chinese sentence or clause mark: a link item (a headline in a list) has none
_SENTENCE_MARK_RE = re.compile(f"[{zh.chinese_only(zh.COMMAS + zh.SENTENCE_END + zh.SEMICOLONS)}]")


def _is_link_item(line: str) -> bool:
    item = line.strip()
    return (
        0 < len(item) <= _LINK_ITEM_MAX
        and bool(_LINK_ITEM_RE.search(item))
        and not is_table_row(item)
        and not _SENTENCE_MARK_RE.search(item)
    )


def _kept_item(line: str) -> bool:
    """``line`` is a bulleted item kept, without its bullet, in a run of links: a page's
    information item (:func:`_page_info_item`) or a guide's field (:func:`_field_item`)."""
    return _page_info_item(line) or _field_item(line)


def _field_item(line: str) -> bool:
    """``line`` is a bulleted labelled value (• 承诺时限:1天, - 联系方式:0870-2833357): a
    guide's field, no link's headline."""
    return bool(_FIELD_ITEM_RE.match(line.strip()))


# a bullet, a label of Chinese words, a colon and a value in words or figures
_FIELD_ITEM_RE = re.compile(rf"^[{_BULLETS}]\s*[\u4e00-\u9fff]{{2,8}}\s*[:：]\s*[\u4e00-\u9fff\d]")


def strip_link_lists(text: str) -> str:
    """Delete lists of links to other sites: three or more short lines (blank lines
    between allowed) each starting with ``-``/``·`` or ending with ``|``
    (``· 市信访局``, ``市级政府部门网站|``); not the cells of a table copied one per
    line (``规章 |``, ``0 |``, ``|||``: :func:`ingest.tables.cell_table_lines`), nor a
    guide's bulleted fields (``• 承诺时限:1天``, kept without their bullet). The
    items of a page's information line among them (``• 发布日期：…``, ``• 来源：…``; its
    ``• 字体`` goes) stay, without their bullet, so that its date, issuer and number are
    read (:func:`_page_info_item`)."""
    lines = text.split("\n")
    drop: set[int] = set()
    run: list[int] = []
    table = cell_table_lines(lines)
    for i, line in enumerate([*lines, "end of text"]):
        if not line.strip() and i < len(lines):
            continue
        if i < len(lines) and i not in table and _is_link_item(line):
            run.append(i)
            continue
        if len(run) >= 3:
            drop.update(j for j in run if not _kept_item(lines[j]))
        run = []
    kept = (_BULLET_RE.sub("", ln) if _kept_item(ln) else ln for ln in lines)
    return "\n".join(line for i, line in enumerate(kept) if i not in drop)


def _page_info_item(line: str) -> bool:
    """``line`` is a bulleted item of a page's information block: its date or issuer
    (• 发布日期：…, • 来源：…) or another field the block labels (• 发文字号：…, • 索引号：…)."""
    line = line.strip()
    bullet = _BULLET_RE.match(line)
    return bool(_PAGE_INFO_ITEM_RE.match(line) or (bullet and line_fields(line[bullet.end() :])))
