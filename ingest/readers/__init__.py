"""One reader per file format, chosen by suffix: :data:`READERS`, :func:`read_bytes`.

Each reader turns a file's bytes into :class:`~ingest.readers.base.Extracted` raw text
(paragraphs separated by blank lines, tables as rows) or raises
:class:`~ingest.readers.base.UnreadableFileError` saying why it cannot.
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.readers import docx, html, image, ofd, pdf, table, text, word97
from ingest.readers.base import Extracted, UnreadableFileError, container

Reader = Callable[[bytes, str], Extracted]


def _word(hint: str) -> Reader:
    """A reader for a word-processor suffix (.doc, .wps): a Word 97-2003 document is read
    as one (WPS saves that format too), and what sites serve under the name (a .docx, a
    web page, a page saved as one file: "导出为Word") as what it is; anything else is
    refused with ``hint``."""

    def read(data: bytes, name: str) -> Extracted:
        kind = container(data)
        if kind == "zip":
            return docx.extract(data, name)
        if kind == "markup":
            return html.extract(data, name)
        if kind == "mime":
            return html.extract_mhtml(data, name)
        if kind == "ole" and word97.is_word97(data):
            return word97.extract(data, name)
        raise UnreadableFileError(hint)

    return read


READERS: dict[str, Reader] = {
    ".txt": text.extract,
    ".md": text.extract,
    ".pdf": pdf.extract,
    ".ofd": ofd.extract,
    ".docx": docx.extract,
    ".doc": _word("not a Word document (neither Word 97-2003, .docx nor a web page)"),
    ".wps": _word("a WPS file not in a Word format: save it as .docx"),
    ".html": html.extract,
    ".htm": html.extract,
    ".shtml": html.extract,
    ".xhtml": html.extract,
    ".mht": html.extract_mhtml,
    ".mhtml": html.extract_mhtml,
    ".xlsx": table.extract_xlsx,
    ".xls": table.extract_xls,
    ".et": table.extract_xls,  # WPS saves Excel 97-2003 workbooks; it reads the others
    ".csv": table.extract_csv,
    # images of text (a photographed notice, a 政策图解), read by OCR
    ".png": image.extract,
    ".jpg": image.extract,
    ".jpeg": image.extract,
    ".tif": image.extract,
    ".tiff": image.extract,
}


def reader_for(suffix: str) -> Reader:
    """The reader of a suffix such as ``".pdf"``; an error naming the formats read."""
    reader = READERS.get(suffix.lower())
    if reader is None:
        raise UnreadableFileError(
            f"unsupported format {suffix or '(no suffix)'}; readable formats: {', '.join(READERS)}"
        )
    return reader


def read_bytes(data: bytes, name: str) -> Extracted:
    """Raw text of a file called ``name`` (its suffix picks the reader)."""
    suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    return reader_for(suffix)(data, name)


__all__ = ["READERS", "Extracted", "Reader", "UnreadableFileError", "read_bytes", "reader_for"]
