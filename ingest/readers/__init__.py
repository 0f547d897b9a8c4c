"""One reader per file format, chosen by suffix: :data:`READERS`, :func:`read_bytes`.

Each reader turns a file's bytes into :class:`~ingest.readers.base.Extracted` raw text
(paragraphs separated by blank lines, tables as rows) or raises
:class:`~ingest.readers.base.UnreadableFileError` saying why it cannot.
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.readers import docx, html, pdf, table, text
from ingest.readers.base import Extracted, UnreadableFileError

Reader = Callable[[bytes, str], Extracted]

READERS: dict[str, Reader] = {
    ".txt": text.extract,
    ".md": text.extract,
    ".pdf": pdf.extract,
    ".docx": docx.extract,
    ".html": html.extract,
    ".htm": html.extract,
    ".shtml": html.extract,
    ".xhtml": html.extract,
    ".mht": html.extract_mhtml,
    ".mhtml": html.extract_mhtml,
    ".xlsx": table.extract_xlsx,
    ".xls": table.extract_xls,
    ".csv": table.extract_csv,
}
# formats people often have that need converting first
_CONVERT_HINTS = {
    ".doc": "an old Word .doc file: save it as .docx",
    ".wps": "a WPS file: save it as .docx",
    ".et": "a WPS spreadsheet: save it as .xlsx",
    ".ofd": "an OFD file: export it as PDF",
}


def _renamed(hint: str, workbook: bool) -> Reader:
    """A reader for a suffix whose own format is not read (.doc, .wps, .et) but under
    which sites often serve another: a new Word file or workbook, or a web page ("导出为
    Word"). Those are read as what they are; a real old-format file is refused with
    ``hint``. A WPS spreadsheet (``workbook``) is tried as an old Excel workbook."""

    def read(data: bytes, name: str) -> Extracted:
        if data.startswith(b"PK\x03\x04"):
            return table.extract_xlsx(data, name) if workbook else docx.extract(data, name)
        if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
            return html.extract(data, name)
        if workbook:
            try:
                return table.extract_xls(data, name)
            except UnreadableFileError:
                pass
        raise UnreadableFileError(f"{hint} (it is not a .docx, .xlsx or web page under that name)")

    return read


READERS.update(
    {
        suffix: _renamed(hint, suffix == ".et")
        for suffix, hint in _CONVERT_HINTS.items()
        if suffix != ".ofd"
    }
)


def reader_for(suffix: str) -> Reader:
    """The reader of a suffix such as ``".pdf"``; an error naming the formats read."""
    reader = READERS.get(suffix.lower())
    if reader is None:
        hint = _CONVERT_HINTS.get(suffix.lower(), f"unsupported format {suffix or '(no suffix)'}")
        raise UnreadableFileError(f"{hint}; readable formats: {', '.join(READERS)}")
    return reader


def read_bytes(data: bytes, name: str) -> Extracted:
    """Raw text of a file called ``name`` (its suffix picks the reader)."""
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    return reader_for(suffix)(data, name)


__all__ = ["READERS", "Extracted", "Reader", "UnreadableFileError", "read_bytes", "reader_for"]
