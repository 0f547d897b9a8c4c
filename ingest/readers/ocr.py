"""Text of a scanned page by OCR: RapidOCR (PaddleOCR's PP-OCRv4 Chinese models in ONNX,
bundled in the ``rapidocr-onnxruntime`` wheel, Apache-2.0), offline, when installed.

It is an optional dependency (``pip install 'lixia-qa[ocr]'``, part of ``[dev]``):
without it, a page with no text layer is skipped with a warning, as before. Each box
the engine finds becomes a placed :class:`~ingest.readers.layout.Item` (scaled to the
page's own units); boxes on one line are joined by
:func:`~ingest.readers.layout.merge_lines` (a table row's cells, found apart, as a row),
and lines are rejoined into paragraphs as a text layer's are. Boxes read with low
confidence (stamps, signatures, noise) are dropped.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import numpy as np

from ingest.readers.base import UnreadableFileError
from ingest.readers.layout import Item, merge_lines

logger = logging.getLogger(__name__)

MIN_CONFIDENCE = 0.6  # a line read with less is noise (a seal's ring, a signature)


@lru_cache(maxsize=1)
def _engine() -> Any:
    """The OCR engine, loaded once; None when the optional dependency is missing or its
    native libraries do not load."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        return None
    except OSError as exc:  # e.g. OpenCV without its system libraries
        logger.warning("OCR is installed but cannot load (%s): scanned pages are skipped", exc)
        return None
    return RapidOCR()


def available() -> bool:
    """Whether scanned pages can be read."""
    return _engine() is not None


INSTALL = "pip install 'lixia-qa[ocr]'"


def nothing_read(no_text: str, no_layer: str) -> UnreadableFileError:
    """The error for a file no page of which has text: ``"<no_text>, not even by OCR"``
    when OCR was tried, else ``"<no_layer>: run OCR on it first"`` and how to install it."""
    if available():
        return UnreadableFileError(f"{no_text}, not even by OCR (a blank or unreadable scan)")
    return UnreadableFileError(f"{no_layer}: run OCR on it first, or install OCR ({INSTALL})")


def read_image(image: Any, scale: float) -> list[Item]:
    """The text lines of ``image`` (a PIL image of a page rendered ``scale`` times its own
    units: 2 for a PDF page rendered at 144 dpi), placed in the page's units."""
    engine = _engine()
    if engine is None:
        return []
    result, _ = engine(np.asarray(image.convert("RGB")))
    items: list[Item] = []
    for box, text, confidence in result or []:
        if float(confidence) < MIN_CONFIDENCE or not str(text).strip():
            continue
        xs = [p[0] / scale for p in box]
        ys = [p[1] / scale for p in box]
        top, bottom = min(ys), max(ys)
        items.append(Item(str(text).strip(), min(xs), max(xs), top, bottom, bottom - top))
    return merge_lines(items)  # a table row's cells, found as boxes apart, make one line
