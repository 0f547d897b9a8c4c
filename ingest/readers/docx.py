"""Word .docx: paragraphs and tables in document order; Heading styles become headings."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.readers.base import Extracted, UnreadableFileError
from ingest.tables import format_table

_HEADING_STYLE_RE = re.compile(r"^(?:Heading|标题|Title)\s*(\d*)$", re.I)


def heading_level(paragraph: Paragraph) -> int | None:
    """1 for ``Title``/``Heading 1``/``标题 1``, n for ``Heading n``, else ``None``."""
    style = paragraph.style
    name = style.name if style is not None and style.name else ""
    match = _HEADING_STYLE_RE.match(name.strip())
    if not match:
        return None
    return int(match.group(1)) if match.group(1) else 1


def _rows(table: Table) -> list[list[str]]:
    """Cell texts row by row; a cell merged across columns is written once and the
    columns it covers left empty (so every row keeps the header's columns); one merged
    down rows is repeated in each (python-docx gives it to every row it covers)."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            cells.append("" if id(cell._tc) in seen else cell.text)
            seen.add(id(cell._tc))
        rows.append(cells)
    return rows


def extract(data: bytes, name: str) -> Extracted:
    """Paragraphs (headings on their own) and tables of a .docx file, in order."""
    try:
        document: Any = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFileError(f"not a readable Word .docx file ({exc})") from exc
    blocks: list[str] = []
    title = ""
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            text = format_table(_rows(block))
        else:
            text = block.text.strip()
            level = heading_level(block)
            if text and level is not None and not title and level <= 2:
                title = text
        if text:
            blocks.append(text)
    return Extracted(text="\n\n".join(blocks), title=title, kind="docx")
