"""Read a folder of documents: .txt/.md files with detected encodings."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from lixia_qa.errors import IngestError
from lixia_qa.types import content_hash

logger = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md")
# encodings tried in order before asking charset-normalizer
_KNOWN_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class RawFile:
    """A decoded file, not yet cleaned."""

    doc_id: str  # POSIX path relative to the ingested folder
    path: Path
    text: str
    content_hash: str
    encoding: str


def decode(data: bytes) -> tuple[str, str] | None:
    """Decode bytes as UTF-8 (with or without BOM) or GB18030/GBK, else detect.

    Returns ``(text, encoding)``, or ``None`` when the bytes are not text.
    """
    if b"\x00" in data[:4096]:
        return None  # binary (or UTF-16, which is not a plain-text corpus format)
    for encoding in _KNOWN_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_like_text(text):
            return text, encoding
    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    return (text, best.encoding) if _looks_like_text(text) else None


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(text) < 0.01


def iter_files(folder: Path) -> Iterator[Path]:
    """Every .txt/.md file under ``folder`` (recursively, hidden files skipped), sorted."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file() and path.suffix.lower() in SUFFIXES:
            yield path


def read_folder(folder: Path) -> list[RawFile]:
    """Read every usable document in ``folder``; skip bad files with a warning naming them."""
    folder = Path(folder)
    if not folder.is_dir():
        raise IngestError(f"{folder} is not a folder: give a folder of .txt or .md documents")
    files: list[RawFile] = []
    for path in iter_files(folder):
        rel = path.relative_to(folder).as_posix()
        try:
            data = path.read_bytes()
        except OSError as exc:
            logger.warning("skipping %s: cannot read it (%s)", rel, exc)
            continue
        decoded = decode(data)
        if decoded is None:
            logger.warning("skipping %s: not a text file", rel)
            continue
        text, encoding = decoded
        if not text.strip():
            logger.warning("skipping %s: empty", rel)
            continue
        files.append(RawFile(rel, path, text, content_hash(data), encoding))
    if not files:
        raise IngestError(
            f"no usable document in {folder}: put UTF-8 or GB18030 .txt/.md files there"
        )
    return files
