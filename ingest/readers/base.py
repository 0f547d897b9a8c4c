"""What a reader returns, and the error it raises for a file it cannot read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lixia_qa.errors import IngestError


class UnreadableFileError(IngestError):
    """A file that cannot be turned into text; the message names the reason."""


@dataclass(frozen=True)
class Extracted:
    """Raw text of one file, before cleaning.

    Paragraphs are separated by a blank line; a heading is a paragraph of its own;
    tables are written by :func:`ingest.tables.format_table`. ``title`` and ``date``
    are what the file itself states outside its text (a web page's ``<title>`` and
    ``<meta>`` publication date, a Word heading); empty when it states none. ``dates``
    are the other dates it states, by source (``"visible label"``: a labelled date in
    the page's visible text outside the main text; ``"page"``: htmldate's guess), for
    :func:`ingest.dates.choose_date`.
    """

    text: str
    title: str = ""
    date: str | None = None
    dates: tuple[tuple[str, str], ...] = ()
    # (label, value) the file states about itself outside its text: a web page's site
    # name ("网站") and content source ("信息来源"), read with a page's information block
    fields: tuple[tuple[str, str], ...] = ()
    # (label, value) of the site footer (主办单位, 地址, 电话 …: ingest.site_info), read
    # from the whole page when the text given here no longer holds the footer
    site: tuple[tuple[str, str], ...] = ()
    kind: str = "text"  # "text", "pdf", "ofd", "docx", "doc", "html", "xlsx", "xls", "csv"
    encoding: str = ""  # for text formats: the encoding read
    warnings: tuple[str, ...] = field(default=())  # parts skipped (a scanned page)
    notes: tuple[str, ...] = field(default=())  # parts read another way (a page by OCR)


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MIME_RE = re.compile(rb"^(?:[\w-]+:[^\r\n]*\r?\n)*?MIME-Version:", re.I)


def container(data: bytes) -> str | None:
    """What a file's bytes are whatever its name says, for the names sites serve other
    formats under: ``"zip"`` (a .docx or .xlsx), ``"markup"`` (a web page), ``"mime"``
    (a page saved as one file, as Word's "单个文件网页" .doc is), ``"ole"`` (an Office
    97-2003 compound file: a Word .doc, an Excel .xls) or None."""
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if data.startswith(_OLE_MAGIC):
        return "ole"
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] == b"<":
        return "markup"
    if _MIME_RE.match(head[:2000]):
        return "mime"
    return None
