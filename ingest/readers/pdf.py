"""PDF: text layer by pdfplumber, page furniture dropped, hard-wrapped lines rejoined
(:mod:`ingest.readers.layout`).

* Ruled tables become rows (:func:`ingest.tables.format_table`) in their place: merged
  cells filled from the row above, a body ruled only around its edge (every line of a
  column in one cell) split into one row a line; a frame of one column is text.
* Sub- and superscripts (PM₂.₅, m³), set smaller inside a line's height, rejoin that line
  where they stand instead of making a line of their own between its halves.
* A page without a text layer (a scan) is read by OCR when it is installed
  (:mod:`ingest.readers.ocr`), and named in a warning either way; without OCR it is skipped.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from typing import Any

import pdfplumber
from pdfplumber.utils.text import extract_text as chars_text

from ingest.readers import ocr
from ingest.readers.base import Extracted, UnreadableFileError
from ingest.readers.layout import Item, Page, assemble, furniture, page_of
from ingest.readers.pdf_tables import page_tables

logger = logging.getLogger(__name__)


def _inside(item: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (item["x0"] + item["x1"]) / 2
    y = (item["top"] + item["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


_SCRIPT_SIZE = 0.8  # a sub/superscript is set at most this fraction of its line's size
_SCRIPT_CHARS = re.compile(r"[0-9A-Za-z.+\- ]+")


def _size(line: dict[str, Any]) -> float:
    return statistics.median(c["size"] for c in line["chars"]) if line["chars"] else 10.0


def _host(script: dict[str, Any], line: dict[str, Any]) -> bool:
    """Whether ``script`` is a line of sub/superscripts within ``line``: digits and
    Latin letters only, in smaller type, overlapping the line's height, inside its width."""
    return (
        bool(script["chars"])
        and _SCRIPT_CHARS.fullmatch(script["text"]) is not None
        and _size(script) <= _SCRIPT_SIZE * _size(line)
        and script["top"] < line["bottom"]
        and line["top"] < script["bottom"]
        and line["x0"] <= script["x0"]
        and script["x1"] <= line["x1"]
    )


def fold_scripts(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text lines with each line of sub/superscripts folded into the line it sits
    in, its characters placed by their position (PM 年 + 2.5 → PM2.5年)."""
    out = list(lines)
    i = 0
    while i < len(out):
        script = out[i]
        near = [j for j in (i - 1, i + 1) if 0 <= j < len(out) and _host(script, out[j])]
        if not near:
            i += 1
            continue
        j = near[0]
        line = out[j]
        chars = [*line["chars"], *script["chars"]]
        height = line["bottom"] - line["top"]
        text = chars_text(chars, y_tolerance=height)
        out[j] = {**line, "text": text, "chars": sorted(chars, key=lambda c: c["x0"])}
        del out[i]
        i = min(i, j)
    return out


def _read_page(page: Any, number: int) -> Page:
    lines = [ln for ln in page.extract_text_lines(strip=True) if ln["text"].strip()]
    lines = fold_scripts(lines)
    tables = page_tables(page, lines)
    boxes = [t.bbox for t in tables]
    items: list[Item] = []
    for line in lines:
        if any(_inside(line, b) for b in boxes):
            continue
        size = _size(line)
        items.append(
            Item(line["text"].strip(), line["x0"], line["x1"], line["top"], line["bottom"], size)
        )
    for table in tables:
        x0, top, x1, bottom = table.bbox
        items.append(Item(table.text, x0, x1, top, bottom, 10.0, table=table.is_table))
    return page_of(items, number, float(page.width))


_OCR_SCALE = 2  # a scanned page is rendered at 144 dpi for OCR


def _scanned_page(page: Any, number: int) -> Page:
    """A page without a text layer, read by OCR (:mod:`ingest.readers.ocr`)."""
    image = page.to_image(resolution=72 * _OCR_SCALE).original
    return page_of(ocr.read_image(image, _OCR_SCALE), number, float(page.width))


def extract(data: bytes, name: str) -> Extracted:
    """The text of a PDF file; scanned pages read by OCR are named in ``notes``, those
    skipped (no OCR, or OCR found no text) in ``warnings``."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many unrelated types for a damaged file
        raise UnreadableFileError(f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    pages: list[Page] = []
    warnings: list[str] = []
    notes: list[str] = []
    with pdf:
        try:
            for number, page in enumerate(pdf.pages, start=1):
                if page.chars:
                    pages.append(_read_page(page, number))
                elif ocr.available():
                    scanned = _scanned_page(page, number)
                    if scanned.items:
                        pages.append(scanned)
                        notes.append(f"page {number}: no text layer, read by OCR")
                    else:
                        warnings.append(
                            f"page {number}: no text layer, and OCR found none, skipped"
                        )
                else:
                    warnings.append(f"page {number}: no text layer (a scanned image?), skipped")
        except Exception as exc:
            raise UnreadableFileError(f"damaged PDF ({type(exc).__name__}: {exc})") from exc
    if not pages:
        raise ocr.nothing_read("no page has text", "no page has a text layer (a scanned PDF)")
    text = assemble(pages, furniture(pages))
    return Extracted(text=text, kind="pdf", warnings=tuple(warnings), notes=tuple(notes))
