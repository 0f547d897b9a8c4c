"""Saved web pages: main text by trafilatura, tables as rows, title and date from the page.

* Data tables (rows of short cells, no nested table) are cut out before trafilatura runs
  and written back in their place as rows (:func:`ingest.tables.format_table`), so
  their cells are never flattened into running text; a cell merged over rows
  (``rowspan``) is filled into each of them (:func:`ingest.tables.spread_spans`).
* The title is the CMS's ``ArticleTitle``, else the page's ``<title>`` without the site
  suffix (``… - 某某区人民政府``), else the ``<h1>``, else trafilatura's; a title that only
  names the site (``某某区人民政府门户网站``, ``…平台首页``) is none, and the headline is
  then read from the text (:func:`ingest.metadata.extract_title`).
* Dates: a ``<meta>`` publication date (``date``), the first labelled date in the page's
  visible text once menus and footers are gone (``发布时间：…``, ``[ 成文日期 ] …``,
  ``"visible label"``) and trafilatura's (htmldate's) guess (``"page"``); which one is
  shown is chosen later (:func:`ingest.dates.choose_date`).
Web furniture left in the text is removed by the cleaning rules (:mod:`ingest.web`).
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import logging
import re
from difflib import SequenceMatcher
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from ingest.dates import DATE_LABEL_RE, first_labelled_date, parse_date
from ingest.readers.base import Extracted, UnreadableFileError
from ingest.readers.text import decode
from ingest.site_info import site_information
from ingest.tables import format_table, spread_spans
from lixia_qa.zh import HAN, date_forms

logger = logging.getLogger(__name__)

_MARK = "LIXIATABLE{}X"
_MARK_RE = re.compile(r"LIXIATABLE(\d+)X")
_MAX_CELL = 200  # a longer cell is page layout, not data
_META_DATE_NAMES = (
    "pubdate",
    "publishdate",
    "firstpublishedtime",
    "article:published_time",
    "dc.date",
    "dc.date.issued",
    "dcterms.issued",
    "publish_date",
    "date",
    "maketime",
)
_SITE_SUFFIX_RE = re.compile(
    r"\s*(?:[-_|｜–—－]{1,2}|\s—\s)\s*[^-_|｜–—－]{2,30}(?:人民政府|政府|门户网站|网站|网|委员会|局|办公室|首页)\s*$"
    r"|\s+\S{2,30}(?:门户网站|政府网站|人民政府网)$"
)
_SITE_META = ("sitename", "site_name", "og:site_name")
# the headline a Chinese government CMS states for the article (政府网站网页元数据)
_ARTICLE_TITLE_META = ("articletitle",)
# a title that only names a site: its home page, a portal, or a government alone
_SITE_NAME_RE = re.compile(
    r"(?:门户网站|政府网站|官方网站|官网|首页|主页)$"
    rf"|^[{HAN}]{{2,16}}(?:省|市|区|县|旗|州|镇|乡)人民政府(?:网站|网)?$"
)
_SAME_NAME = 0.9  # SequenceMatcher ratio of two spellings of one name
# the labels of a page's byline besides its date: where the article comes from
_BYLINE_LABEL_RE = re.compile(r"(?:^|(?<=\s))(?:信息|稿件|文章|新闻)?来源\s*[:：]|作者\s*[:：]")
_BYLINE_MAX = 80  # a longer line is text
_SOURCE_META = ("contentsource", "source")
_FURNITURE_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|crumbs?|breadcrumbs?|footer|foot|share|bdshare\w*|"
    r"copyright|toolbar|topbar|location|position|weizhi|dqwz|sitemap)(?:$|[\s_-])"
)
_SPLIT_TITLE_RE = re.compile(r"\s+[-_|｜–—－]{1,2}\s+")


def page_title(root: Any) -> str:
    """The page's headline: the CMS's ``<meta name="ArticleTitle">``, else ``<title>``
    without its site suffix (:func:`title_text`), else the first ``<h1>``; a title that
    only names the site (:func:`is_site_name`) is none. ``""`` when there is none: the
    headline is then read from the text."""
    article = _meta(root, _ARTICLE_TITLE_META)
    if article:
        return article
    site = _meta(root, _SITE_META)
    h1 = " ".join(root.xpath("string(//h1)").split())
    return next((t for t in (title_text(root), h1) if t and not is_site_name(t, site)), "")


def title_text(root: Any) -> str:
    """``<title>`` without its site suffix (``标题 - 某某区人民政府``, ``标题_栏目_站名``,
    ``站名 | 标题``)."""
    raw = " ".join(root.xpath("string(//title)").split())
    title = raw
    while True:
        stripped = _SITE_SUFFIX_RE.sub("", title)
        if stripped == title or len(stripped) < 4:
            break
        title = stripped
    parts = title.split("_")
    if len(parts) > 1 and all(len(p.strip()) <= 8 for p in parts[1:]):
        title = parts[0].strip()  # "标题_栏目" once the site name is gone
    if title == raw and _SPLIT_TITLE_RE.search(raw):
        title = max(_SPLIT_TITLE_RE.split(raw), key=len)  # "站名 | 标题" or "标题 | 栏目 | 站名"
    return title


def is_site_name(title: str, site: str = "") -> bool:
    """``title`` names a site, not a page: it ends as a site's name does (``…门户网站``,
    ``…平台首页``), is a government's name alone (``某某区人民政府``), or is (nearly) the
    page's ``SiteName`` (one character dropped or changed)."""
    flat = "".join(title.split())
    if _SITE_NAME_RE.search(flat):
        return True
    site = "".join(site.split())
    return bool(site) and SequenceMatcher(None, flat, site).ratio() >= _SAME_NAME


def _meta(root: Any, names: tuple[str, ...]) -> str:
    for meta in root.xpath("//meta[@content]"):
        key = (meta.get("name") or meta.get("property") or "").lower()
        if key in names and meta.get("content", "").strip():
            return " ".join(meta.get("content").split())
    return ""


def page_bodies(root: Any, title: str) -> tuple[tuple[str, str], ...]:
    """Who publishes the page: ``("网站", site name)`` from ``<meta name="SiteName">`` or
    the site name after the title in ``<title>``, and ``("信息来源", …)`` from
    ``<meta name="ContentSource">``; for :func:`ingest.places.document_place`."""
    raw = " ".join(root.xpath("string(//title)").split())
    suffix = raw[len(title) :].strip(" -_|｜–—－") if title and raw.startswith(title) else ""
    site = _meta(root, _SITE_META) or suffix.split("_")[-1].strip()
    source = _meta(root, _SOURCE_META)
    return tuple((label, v) for label, v in (("网站", site), ("信息来源", source)) if v)


def byline(lines: list[str], text: str) -> str:
    """The page's byline as a reader sees it under the headline, when the main ``text``
    lacks it: the first run of short visible lines (``lines``) above the text's first
    line that say where the article comes from or when it was published (``来源：…``,
    ``发布时间：…``, a bare date beside them), joined by spaces; ``""`` when there is none
    or the text already holds it."""
    first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")[:20]
    head = next((i for i, ln in enumerate(lines) if first and first in ln), 0)
    for i, line in enumerate(lines[:head]):
        if not (
            _byline_part(line) and (_BYLINE_LABEL_RE.search(line) or DATE_LABEL_RE.search(line))
        ):
            continue
        start = i - 1 if i and parse_date(lines[i - 1], whole=True) else i
        end = i + 1
        while end < head and _byline_part(lines[end]):
            end += 1
        found = " ".join(lines[start:end])
        return "" if "".join(found.split()) in "".join(text.split()) else found
    return ""


def _byline_part(line: str) -> bool:
    return len(line) <= _BYLINE_MAX and bool(
        _BYLINE_LABEL_RE.search(line) or DATE_LABEL_RE.search(line) or parse_date(line, whole=True)
    )


def meta_date(root: Any) -> str | None:
    """A publication date from ``<meta name|property=… content=…>``."""
    for meta in root.xpath("//meta[@content]"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        if key in _META_DATE_NAMES:
            date = parse_date(meta.get("content", ""))
            if date:
                return date
    return None


_TERM_RE = re.compile(r"^\S{1,10}?\s*[:：]$")  # a definition list's term: a label and a colon
_MAX_DEFINITION = 100  # a longer description is running text, not a labelled value


def _definition_pairs(dl: Any) -> list[tuple[str, str]]:
    """``(label, value)`` of each ``<dt>label：</dt><dd>value</dd>`` of a definition
    list; ``[]`` when it is not such a list of labelled values (a menu, a glossary)."""
    pairs: list[tuple[str, str]] = []
    label = ""
    for child in dl:
        words = " ".join(child.text_content().split()) if isinstance(child.tag, str) else ""
        if child.tag == "dt" and _TERM_RE.match(words):
            label = words.rstrip(":：").strip()
        elif child.tag == "dd" and label and len(words) <= _MAX_DEFINITION:
            pairs.append((label, words))
            label = ""
        elif child.tag in ("dt", "dd"):
            return []
    return pairs


def labelled_lists(root: Any) -> None:
    """Write each run of definition lists of labelled values (an event's or a notice's
    ``<dl><dt>区域：</dt><dd>某某区</dd></dl><dl><dt>地点：</dt>…``) as one paragraph of
    labelled text: ``区域：某某区；地点：…。``, so it stays one line of the text instead of
    a list of bare words (which reads as a list of links)."""
    previous: Any = None
    for dl in root.xpath("//dl"):
        pairs = _definition_pairs(dl)
        if not pairs:
            continue
        line = "；".join(f"{label}：{value}" for label, value in pairs)
        if previous is not None and dl.getprevious() is previous:
            previous.text = f"{previous.text.rstrip('。')}；{line}。"
            dl.getparent().remove(dl)
            continue
        paragraph = etree.Element("p")
        paragraph.text = f"{line}。"
        paragraph.tail = dl.tail
        dl.getparent().replace(dl, paragraph)
        previous = paragraph


def _drop_furniture(root: Any) -> None:
    """Remove menus, breadcrumbs, share bars and footers marked as such in the markup."""
    for element in root.xpath("//nav|//footer|//script|//style|//noscript|//form|//button"):
        _remove(element)
    for element in root.xpath("//*[@class or @id]"):
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if _FURNITURE_CLASS_RE.search(names) and element.getparent() is not None:
            _remove(element)


def _remove(element: Any) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:  # keep the text that follows the element
        prev = element.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _is_data_table(table: Any) -> bool:
    if table.xpath(".//table"):
        return False
    rows = table.xpath(".//tr")
    cells = table.xpath(".//td|.//th")
    if len(rows) < 2 or len(cells) < 2 * len(rows) * 0.5:
        return False
    return all(len(" ".join(c.text_content().split())) <= _MAX_CELL for c in cells)


def _cut_tables(root: Any) -> list[str]:
    """Replace data tables by a marker paragraph; return their row text, by marker number."""
    tables: list[str] = []
    for table in root.xpath("//table"):
        if not _is_data_table(table):
            continue
        rows = spread_spans(
            [
                [(c.text_content(), _span(c, "rowspan"), _span(c, "colspan")) for c in cells]
                for cells in (tr.xpath("./td|./th") for tr in table.xpath(".//tr"))
            ]
        )
        marker = etree.Element("p")
        marker.text = _MARK.format(len(tables))
        tables.append(format_table(rows))
        marker.tail = table.tail
        table.getparent().replace(table, marker)
    return tables


def _span(cell: Any, name: str) -> int:
    """A cell's ``rowspan``/``colspan`` (1 when absent or not a small number)."""
    value = (cell.get(name) or "1").strip()
    return min(int(value), 100) if value.isdigit() and int(value) > 0 else 1


def extract(data: bytes, name: str) -> Extracted:
    """Main text of a saved web page with its title and publication date."""
    decoded = decode(data)
    if decoded is None:
        raise UnreadableFileError("not a text file (binary, or an encoding that does not decode)")
    html, encoding = decoded
    try:
        root = lxml.html.document_fromstring(
            html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8")
        )
    except (etree.ParserError, ValueError) as exc:
        raise UnreadableFileError(f"not a readable web page ({exc})") from exc
    title = page_title(root)
    page_text = _visible_text(root)
    _drop_furniture(root)
    labelled_lists(root)
    shown = _visible_text(root)
    visible = first_labelled_date(shown)
    tables = _cut_tables(root)
    result: Any = trafilatura.bare_extraction(
        lxml.html.tostring(root, encoding="unicode"),
        with_metadata=True,
        include_tables=False,
        include_comments=False,
        include_images=False,
    )
    text = (result.text or "") if result is not None else ""
    text = re.sub(r"\n+", "\n\n", text).strip() or page_text.replace("\n", "\n\n")
    found = {int(m.group(1)) for m in _MARK_RE.finditer(text)}
    text = _MARK_RE.sub(lambda m: f"\n\n{tables[int(m.group(1))]}\n\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    lost = [t for i, t in enumerate(tables) if i not in found]  # never drop a data table
    text = "\n\n".join([byline(shown.split("\n"), text), text, *lost]).strip()
    guessed = parse_date(result.date) if result is not None and result.date else None
    if guessed and not shows_date(guessed, page_text):
        guessed = None  # htmldate's fallback: a date the page never shows
    dates = (("visible label", visible), ("page", guessed))
    if not title and result is not None and result.title:
        title = "" if is_site_name(result.title, _meta(root, _SITE_META)) else result.title
    return Extracted(
        text=text.strip(),
        title=title,
        fields=page_bodies(root, title_text(root)),
        site=site_information(page_text, text),
        date=meta_date(root),
        dates=tuple((source, d) for source, d in dates if d),
        kind="html",
        encoding=encoding,
    )


def shows_date(date: str, text: str) -> bool:
    """``text`` writes ``date`` (``"2023-05-06"``) in a usual form: ``2023-05-06``,
    ``2023-5-6``, ``2023/05/06``, ``2023.05.06`` or ``2023年5月6日``."""
    forms = date_forms(date)
    if not forms:
        return date in text
    flat = text.replace(" ", "")
    return any(form in flat for form in forms)


def _visible_text(root: Any) -> str:
    """The text of the page's body, one line per text node."""
    return "\n".join(" ".join(t.split()) for t in root.xpath("//body//text()") if t.strip())


def extract_mhtml(data: bytes, name: str) -> Extracted:
    """A page saved as one file (.mht/.mhtml, "网页，单个文件"): its HTML part, decoded
    by its transfer encoding and charset, read as a saved page is."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload.strip():
            continue
        charset = part.get_content_charset()
        if charset:  # else left to detection
            with contextlib.suppress(LookupError, UnicodeDecodeError):
                payload = payload.decode(charset).encode("utf-8")
        return extract(payload, name)
    raise UnreadableFileError("not a saved web page archive: no HTML part in it")
