"""Images of text (a photographed or scanned notice, a 政策图解 infographic: .png, .jpg,
.tif): read by OCR (:mod:`ingest.readers.ocr`), each frame of a multi-page TIFF a page,
lines rejoined into paragraphs as a PDF's are (:mod:`ingest.readers.layout`).

Without the optional OCR an image is refused, saying how to read it; an image in which
OCR finds no text (a photo, a logo) is refused as holding none, so that it is listed
among the skipped files rather than indexed empty.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageSequence, UnidentifiedImageError

from ingest.readers import ocr
from ingest.readers.base import Extracted, UnreadableFileError
from ingest.readers.layout import Page, assemble, furniture, page_of

MAX_PIXELS = 60_000_000  # larger is refused (a decompression bomb, or no document)
MIN_PIXELS = 60_000  # smaller (an icon, a logo, a button) holds no document: not read
LONG_SIDE = 2400  # pixels: larger frames are scaled down first (OCR time grows with area)
MAX_FRAMES = 200


def extract(data: bytes, name: str) -> Extracted:
    """The text of an image file, one page a frame."""
    if not ocr.available():
        raise UnreadableFileError(
            f"an image: its text is read by OCR, which is not installed ({ocr.INSTALL})"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise UnreadableFileError(
                    f"an image of {image.width}×{image.height} pixels: too large to read"
                )
            if image.width * image.height < MIN_PIXELS:
                raise UnreadableFileError(
                    f"an image of {image.width}×{image.height} pixels: too small to hold a document"
                )
            pages: list[Page] = []
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                if number > MAX_FRAMES:
                    break
                page = _frame(frame.copy(), number)
                if page.items:
                    pages.append(page)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise UnreadableFileError(f"not a readable image ({type(exc).__name__}: {exc})") from exc
    except Image.DecompressionBombWarning as exc:
        raise UnreadableFileError(f"an image too large to read ({exc})") from exc
    if not pages:
        raise UnreadableFileError("an image in which OCR finds no text")
    return Extracted(
        text=assemble(pages, furniture(pages)),
        kind="image",
        notes=(f"read by OCR ({len(pages)} page{'s' if len(pages) > 1 else ''})",),
    )


def _frame(frame: Image.Image, number: int) -> Page:
    scale = min(1.0, LONG_SIDE / max(frame.width, frame.height))
    if scale < 1.0:
        frame = frame.resize((round(frame.width * scale), round(frame.height * scale)))
    # placed in the frame's own pixels, whatever it was scaled to for reading
    items = ocr.read_image(frame, scale)
    return page_of(items, number, frame.width / scale)
