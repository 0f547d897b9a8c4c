"""PDF: text layer by pdfplumber, page furniture dropped, hard-wrapped lines rejoined
(:mod:`ingest.readers.layout`).

* Ruled tables become rows (:func:`ingest.tables.format_table`) in their place: merged
  cells filled from the row above, a body ruled only around its edge (every line of a
  column in one cell) split into one row a line; a frame of one column is text.
* A page without a text layer (a scan) is read by OCR when it is installed
  (:mod:`ingest.readers.ocr`), and named in a warning either way; without OCR it is skipped.
"""

from __future__ import annotations

import io
import logging
import statistics
from typing import Any

import pdfplumber

from ingest.readers import ocr
from ingest.readers.base import Extracted, UnreadableFileError
from ingest.readers.layout import Item, Page, assemble, furniture, page_of
from ingest.readers.pdf_tables import page_tables

logger = logging.getLogger(__name__)


def _inside(item: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (item["x0"] + item["x1"]) / 2
    y = (item["top"] + item["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _read_page(page: Any, number: int) -> Page:
    lines = [ln for ln in page.extract_text_lines(strip=True) if ln["text"].strip()]
    tables = page_tables(page, lines)
    boxes = [t.bbox for t in tables]
    items: list[Item] = []
    for line in lines:
        if any(_inside(line, b) for b in boxes):
            continue
        size = statistics.median(c["size"] for c in line["chars"]) if line["chars"] else 10.0
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
