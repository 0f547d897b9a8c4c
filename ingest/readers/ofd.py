"""OFD (GB/T 33190, the format of China's electronic official documents): the text of
every page, rejoined into paragraphs as a PDF's is (:mod:`ingest.readers.layout`).

An OFD file is a zip of XML parts: ``OFD.xml`` names each document's root
(``DocBody/DocRoot``), whose ``Pages/Page/@BaseLoc`` give the pages in order. A page's
``Content.xml`` holds text objects: ``TextObject/@Boundary`` ("x y width height", in
millimetres) and ``@Size`` place it, ``@CTM`` may scale it, and each ``TextCode`` gives
its text from a point (``@X``, ``@Y``: the baseline) with the advance of each glyph
(``@DeltaX``, where ``g n d`` repeats ``d`` n times). Text codes on one baseline make a
line. Template pages (the red letterhead of a 红头文件 repeated on each page) and
signatures are not read. A page without text (a scan) has its images read by OCR
(:mod:`ingest.readers.ocr`) when it is installed, else it is skipped with a warning.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from lxml import etree
from PIL import Image, UnidentifiedImageError

from ingest.readers import ocr
from ingest.readers.base import Extracted, UnreadableFileError
from ingest.readers.layout import Item, Page, assemble, furniture, merge_lines, page_of

_MAX_PART = 64 * 1024 * 1024  # bytes of one part, unpacked
_MAX_IMAGE_PIXELS = 60_000_000  # a page image larger than this is not read
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass(frozen=True)
class _Run:
    text: str
    x0: float
    x1: float
    baseline: float
    size: float


def _numbers(value: str | None) -> list[float]:
    return [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:[eE]-?\d+)?", value or "")]


def _advances(delta: str | None, count: int, size: float) -> float:
    """The width of ``count`` glyphs from ``@DeltaX`` ("5.57 g 3 2.77" …), each glyph
    without an advance given taking ``size``."""
    tokens = (delta or "").split()
    steps: list[float] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            steps += [float(tokens[i + 2])] * int(float(tokens[i + 1]))
            i += 3
        else:
            steps.append(float(tokens[i]))
            i += 1
    steps = steps[: max(count - 1, 0)]
    return sum(steps) + size * (count - len(steps))


def _all(element: etree._Element, name: str) -> list[etree._Element]:
    """Descendants called ``name`` in any namespace: the standard's
    ``http://www.ofdspec.org/2016``, and ``http://www.ofdspec.org`` some producers write."""
    return [
        e for e in element.iter() if isinstance(e.tag, str) and etree.QName(e).localname == name
    ]


def _bytes(archive: zipfile.ZipFile, path: str) -> bytes:
    """A member's bytes; its name matched without case where no member has it exactly
    (producers on Windows write ``DOC_0/Res/…`` beside ``Doc_0/…``)."""
    name = posixpath.normpath(path.lstrip("/"))
    try:
        info = archive.getinfo(name)
    except KeyError:
        same = [i for i in archive.infolist() if i.filename.lower() == name.lower()]
        if not same:
            raise UnreadableFileError(f"the OFD file lacks its part {name}") from None
        info = same[0]
    if info.file_size > _MAX_PART:
        raise UnreadableFileError(f"the OFD part {name} is too large ({info.file_size} bytes)")
    return archive.read(info)


def _part(archive: zipfile.ZipFile, path: str) -> etree._Element:
    return etree.fromstring(_bytes(archive, path), _PARSER)


def _resolve(base: str, loc: str) -> str:
    """A location in the package: absolute (``/Doc_0/…``) or relative to ``base``."""
    loc = loc.strip()
    return loc.lstrip("/") if loc.startswith("/") else posixpath.join(base, loc)


def _media(archive: zipfile.ZipFile, document: etree._Element, base: str) -> dict[str, str]:
    """Image resources of a document (``DocumentRes`` and ``PublicRes``): ID -> path."""
    media: dict[str, str] = {}
    for tag in ("DocumentRes", "PublicRes"):
        for ref in _all(document, tag):
            res_path = _resolve(base, ref.text or "")
            try:
                res = _part(archive, res_path)
            except UnreadableFileError:
                continue
            res_base = _resolve(posixpath.dirname(res_path), res.get("BaseLoc") or "")
            for item in _all(res, "MultiMedia"):
                files = _all(item, "MediaFile")
                if item.get("ID") and files and (files[0].text or "").strip():
                    media[item.get("ID") or ""] = _resolve(res_base, files[0].text or "")
    return media


def _scanned(
    archive: zipfile.ZipFile, content: etree._Element, media: dict[str, str]
) -> list[Item]:
    """Lines read by OCR from a page's images, placed on the page."""
    items: list[Item] = []
    for obj in _all(content, "ImageObject"):
        box = _numbers(obj.get("Boundary"))
        path = media.get(obj.get("ResourceID") or "")
        if path is None or len(box) < 4 or box[2] <= 0:
            continue
        try:
            image = Image.open(io.BytesIO(_bytes(archive, path)))
            if image.width * image.height > _MAX_IMAGE_PIXELS:
                continue
            lines = ocr.read_image(image, image.width / box[2])  # pixels per millimetre
        except (UnreadableFileError, UnidentifiedImageError, OSError, ValueError):
            continue  # a missing or broken image reads as no text
        items += [
            Item(
                it.text,
                it.x0 + box[0],
                it.x1 + box[0],
                it.top + box[1],
                it.bottom + box[1],
                it.size,
            )
            for it in lines
        ]
    return items


def _runs(content: etree._Element) -> list[_Run]:
    """Each text code of a page, placed on the page."""
    runs: list[_Run] = []
    for obj in _all(content, "TextObject"):
        box = _numbers(obj.get("Boundary"))
        if len(box) < 2:
            continue
        ctm = _numbers(obj.get("CTM"))
        a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        scale = abs(a * d - b * c) ** 0.5 or 1.0
        size = (_numbers(obj.get("Size")) or [3.5])[0] * scale
        x = y = 0.0
        for code in _all(obj, "TextCode"):
            text = (code.text or "").strip("\r\n")
            x = (_numbers(code.get("X")) or [x])[0]
            y = (_numbers(code.get("Y")) or [y])[0]
            if not text.strip():
                continue
            width = _advances(code.get("DeltaX"), len(text), size / scale) * scale
            left = box[0] + a * x + c * y + e
            runs.append(_Run(text, left, left + width, box[1] + b * x + d * y + f, size))
    return runs


def _lines(runs: list[_Run]) -> list[Item]:
    """Runs on one baseline joined left to right into lines (:func:`merge_lines`)."""
    return merge_lines(
        [Item(r.text, r.x0, r.x1, r.baseline - r.size, r.baseline, r.size) for r in runs]
    )


def _page_paths(archive: zipfile.ZipFile) -> list[tuple[str, dict[str, str]]]:
    """Each page's content part, with its document's image resources."""
    root = _part(archive, "OFD.xml")
    paths: list[tuple[str, dict[str, str]]] = []
    for doc_root in _all(root, "DocRoot"):
        doc_path = (doc_root.text or "").strip().lstrip("/")
        document = _part(archive, doc_path)
        base = posixpath.dirname(doc_path)
        media = _media(archive, document, base)
        for page in _all(document, "Page"):
            loc = (page.get("BaseLoc") or "").strip()
            if loc:
                paths.append((_resolve(base, loc), media))
    return paths


def extract(data: bytes, name: str) -> Extracted:
    """The text of an OFD file; a page without text has its images read by OCR when
    installed (named in ``notes``), else it is skipped (named in ``warnings``)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            paths = _page_paths(archive)
            if not paths:
                raise UnreadableFileError("the OFD file has no pages")
            pages: list[Page] = []
            warnings: list[str] = []
            notes: list[str] = []
            for number, (path, media) in enumerate(paths, start=1):
                content = _part(archive, path)
                items = _lines(_runs(content))
                if not items and ocr.available():
                    items = _scanned(archive, content, media)
                    if items:
                        notes.append(f"page {number}: no text, its images read by OCR")
                if not items:
                    warnings.append(f"page {number}: no text (a scanned image?), skipped")
                    continue
                pages.append(page_of(items, number, max(it.x1 for it in items)))
    except (zipfile.BadZipFile, etree.XMLSyntaxError, ValueError, OSError) as exc:
        raise UnreadableFileError(f"not a readable OFD file ({type(exc).__name__}: {exc})") from exc
    if not pages:
        raise ocr.nothing_read(
            "no page of the OFD file has text", "no page of the OFD file has text (scanned pages)"
        )
    text = assemble(pages, furniture(pages))
    return Extracted(text=text, kind="ofd", warnings=tuple(warnings), notes=tuple(notes))
