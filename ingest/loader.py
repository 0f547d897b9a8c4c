"""Read a folder of documents: every supported format, bad files skipped and named.

:data:`SUFFIXES` lists the formats read (one reader each, :mod:`ingest.readers`). A file
that cannot be read (binary data in a ``.txt``, an encoding that only decodes to
mojibake, a damaged PDF, a symbolic link leading outside the folder, an unsupported
format) is skipped with a warning naming it and the reason, and listed in
:attr:`FolderScan.skipped` so the ingest report names it too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest.progress import Progress
from ingest.readers import READERS, UnreadableFileError, read_bytes
from ingest.readers.text import decode
from lixia_qa.errors import IngestError
from lixia_qa.types import content_hash

logger = logging.getLogger(__name__)

SUFFIXES: tuple[str, ...] = tuple(READERS)  # ".txt", ".md", ".pdf", ".docx", ".html", …
MAX_BYTES = 200 * 1024 * 1024  # a larger file is not a document

__all__ = [
    "SUFFIXES",
    "FolderScan",
    "RawFile",
    "SkippedFile",
    "decode",
    "iter_files",
    "read_file",
    "read_folder",
    "scan_folder",
]


@dataclass(frozen=True)
class RawFile:
    """A file's raw text (decoded, extracted), not yet cleaned."""

    doc_id: str  # POSIX path relative to the ingested folder
    path: Path
    text: str
    content_hash: str
    encoding: str  # the encoding of a text format, else the format ("pdf", "docx", …)
    title: str = ""  # stated by the file outside its text (web page <title>, Word heading)
    date: str | None = None  # stated by the file outside its text (web page meta date)
    dates: tuple[tuple[str, str], ...] = ()  # other dates it states, by source
    fields: tuple[tuple[str, str], ...] = ()  # (label, value) stated outside its text
    site: tuple[tuple[str, str], ...] = ()  # its site footer's facts (ingest.site_info)
    warnings: tuple[str, ...] = ()  # parts skipped, such as a scanned PDF page
    notes: tuple[str, ...] = ()  # parts read another way, such as a page read by OCR


@dataclass(frozen=True)
class SkippedFile:
    """A file (or part of one) left out of the index, and why."""

    doc_id: str
    reason: str

    def __str__(self) -> str:
        return f"{self.doc_id}: {self.reason}"


@dataclass(frozen=True)
class FolderScan:
    files: list[RawFile]
    skipped: list[SkippedFile] = field(default_factory=list)


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def iter_files(folder: Path) -> Iterator[Path]:
    """Every file under ``folder`` (recursively, hidden files and folders skipped), sorted."""
    for path in sorted(folder.rglob("*")):
        if not _hidden(path.relative_to(folder)) and (path.is_file() or path.is_symlink()):
            yield path


PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
RESOURCE_FOLDER_ENDS = ("_files", ".files", "_文件")  # as browsers name them


def saved_page_resources(folder: Path, paths: list[Path]) -> dict[Path, Path]:
    """The resource folders of pages saved "complete" (``通知.html`` beside ``通知_files/``,
    holding the page's images, scripts and frames): each such folder, with its page."""
    folders = {parent for path in paths for parent in path.relative_to(folder).parents}
    found: dict[Path, Path] = {}
    for rel in folders:
        stems = [rel.name.removesuffix(end) for end in RESOURCE_FOLDER_ENDS]
        pages = [
            folder / rel.with_name(stem + s)
            for stem in stems
            if stem != rel.name and stem
            for s in PAGE_SUFFIXES
        ]
        page = next((p for p in pages if p.is_file()), None)
        if page is not None:
            found[folder / rel] = page
    return found


def _outside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
    except ValueError:
        return True
    return False


def read_file(path: Path, doc_id: str, root: Path | None = None) -> RawFile:
    """Read one file with the reader of its suffix.

    Raises :class:`~ingest.readers.UnreadableFileError` (an :class:`IngestError`) with
    the reason: unsupported format, a symbolic link leading outside ``root``, not text,
    unreadable, empty.
    """
    path = Path(path)
    if root is not None and path.is_symlink() and _outside(path, root.resolve()):
        raise UnreadableFileError(
            f"a symbolic link to {path.resolve()}, outside the folder: not followed"
        )
    if not path.is_file():
        raise UnreadableFileError("not a file (a broken link, a device or a folder)")
    if path.stat().st_size > MAX_BYTES:
        raise UnreadableFileError(f"larger than {MAX_BYTES // 2**20} MB: not read")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(f"cannot read it ({exc})") from exc
    return raw_file(data, path, doc_id)


def raw_file(data: bytes, path: Path, doc_id: str) -> RawFile:
    """A file's bytes read with the reader of its suffix (``path`` names it)."""
    extracted = read_bytes(data, path.name)
    if not extracted.text.strip():
        raise UnreadableFileError("empty")
    return RawFile(
        doc_id=doc_id,
        path=path,
        text=extracted.text,
        content_hash=content_hash(data),
        encoding=extracted.encoding or extracted.kind,
        title=extracted.title,
        date=extracted.date,
        dates=extracted.dates,
        fields=extracted.fields,
        site=extracted.site,
        warnings=extracted.warnings,
        notes=extracted.notes,
    )


def scan_folder(folder: Path) -> FolderScan:
    """Read every usable document in ``folder``; the others are named in ``skipped``."""
    folder = Path(folder)
    if not folder.is_dir():
        raise IngestError(
            f"{folder} is not a folder: give a folder of documents ({', '.join(SUFFIXES)})"
        )
    root = folder.resolve()
    scan = FolderScan([])
    paths = list(iter_files(folder))
    resources = saved_page_resources(folder, paths)
    for resource, page in sorted(resources.items()):
        inside = [p for p in paths if resource in p.parents]
        paths = [p for p in paths if resource not in p.parents]
        rel = resource.relative_to(folder).as_posix()
        reason = f"the images, scripts and frames of the saved page {page.name}: {len(inside)} files not read"
        logger.info("skipping %s/: %s", rel, reason)
        scan.skipped.append(SkippedFile(rel + "/", reason))
    with Progress(len(paths), f"reading {folder}", unit="file") as progress:
        for path in paths:
            _scan_file(folder, root, path, scan)
            progress.update(1)
    if not scan.files:
        raise IngestError(
            f"no usable document in {folder}: put documents there ({', '.join(SUFFIXES)}; "
            "text files in UTF-8 or GB18030)"
        )
    return scan


def _scan_file(folder: Path, root: Path, path: Path, scan: FolderScan) -> None:
    rel = path.relative_to(folder).as_posix()
    try:
        raw = read_file(path, rel, root)
    except UnreadableFileError as exc:
        logger.warning("skipping %s: %s", rel, exc)
        scan.skipped.append(SkippedFile(rel, str(exc)))
        return
    for warning in raw.warnings:
        logger.warning("skipping %s %s", rel, warning)
        scan.skipped.append(SkippedFile(rel, warning))
    for note in raw.notes:
        logger.info("%s %s", rel, note)
    scan.files.append(raw)


def read_folder(folder: Path) -> list[RawFile]:
    """Every usable document in ``folder`` (see :func:`scan_folder`)."""
    return scan_folder(folder).files
