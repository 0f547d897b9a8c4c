"""Documents added and removed by staff: files in ``settings.docs_dir``, never half-written.

A name is a relative POSIX path inside the folder (the loader's ``doc_id``); names that
leave the folder, hide a part (``.x``) or carry control characters are refused. A file is
written to a hidden temporary file beside its target, flushed, then renamed over it.
"""

from __future__ import annotations

import logging
import os
import tempfile
import unicodedata
from pathlib import Path, PurePosixPath

from ingest.loader import SUFFIXES
from lixia_qa.errors import BadDocumentError, NotFoundError, StoreError, UnsupportedFileError

logger = logging.getLogger(__name__)

MAX_NAME_CHARS = 255


def check_name(name: str) -> str:
    """The document id for an uploaded file name, or a BadDocumentError saying why not."""
    name = (name or "").strip()
    if not name:
        raise BadDocumentError("the file has no name: give it one such as `notice.txt`")
    bad = [ch for ch in name if unicodedata.category(ch) in ("Cc", "Cf", "Cs")]
    if bad or "\\" in name or len(name) > MAX_NAME_CHARS:
        raise BadDocumentError(
            f"file name {name[:80]!r} is not usable: use letters, digits, '-', '_' and '/' "
            f"only, at most {MAX_NAME_CHARS} characters"
        )
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("..", "") or part.startswith(".") for part in path.parts):
        raise BadDocumentError(
            f"file name {name!r} leaves the documents folder or is hidden: give a plain "
            "relative name such as `notice.txt` or `2024/notice.txt`"
        )
    if path.suffix.lower() not in SUFFIXES:
        raise UnsupportedFileError(
            f"{name!r}: files of type {path.suffix or '(none)'!r} cannot be read; "
            f"supported: {', '.join(SUFFIXES)}"
        )
    return path.as_posix()


def target(folder: Path, doc_id: str) -> Path:
    """The file of ``doc_id`` in ``folder``, refusing anything that resolves outside it."""
    root = Path(folder).resolve()
    path = (root / doc_id).resolve()
    if not path.is_relative_to(root) or path == root:
        raise BadDocumentError(f"{doc_id!r} leaves the documents folder")
    return path


def write_document(folder: Path, doc_id: str, data: bytes) -> Path:
    """Write ``data`` as ``doc_id`` in ``folder`` atomically (temp file, fsync, rename)."""
    path = target(folder, doc_id)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.upload-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise StoreError(
            f"cannot write {doc_id!r} into {folder} ({exc.strerror or exc}): check that the "
            "documents folder (LIXIA_DOCS_DIR) is writable"
        ) from exc
    logger.info("wrote document %s (%d bytes)", doc_id, len(data))
    return path


def remove_document(folder: Path, doc_id: str) -> None:
    """Delete ``doc_id`` from ``folder``; NotFoundError when it is not a file there."""
    path = target(folder, doc_id)
    if not path.is_file():
        raise NotFoundError(
            f"no document {doc_id!r} in {folder} (GET /api/documents lists the ids)"
        )
    try:
        path.unlink()
    except OSError as exc:
        raise StoreError(f"cannot delete {doc_id!r} from {folder} ({exc.strerror or exc})") from exc
    logger.info("removed document %s", doc_id)
