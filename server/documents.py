"""Documents added and removed by staff: files in ``settings.docs_dir``, never half-written.

The folder lives outside the source tree (``data/documents`` by default) and is filled
from ``settings.seed_dir`` (``seeds/``) on the first run, so uploads and deletes never
change the project's own files. A name is a relative POSIX path inside the folder (the
loader's ``doc_id``); names that leave the folder, hide a part (``.x``) or carry control
characters are refused. A file is written to a hidden temporary file beside its target,
flushed, then renamed over it.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import unicodedata
from pathlib import Path, PurePosixPath

from ingest.loader import SUFFIXES
from lixia_qa.errors import BadDocumentError, NotFoundError, StoreError, UnsupportedFileError

logger = logging.getLogger(__name__)

MAX_NAME_CHARS = 255


def _shown(name: str) -> str:
    """A file name as a message may quote it: invisible characters replaced, cut short."""
    return "".join(
        "\ufffd" if unicodedata.category(ch) in ("Cc", "Cf", "Cs") else ch for ch in name[:80]
    )


def seed_folder(folder: Path, seeds: Path | None) -> int:
    """Copy the seed documents into ``folder`` when it does not exist yet (the first run);
    the number of files copied. A folder that exists, even empty (staff removed every
    document), is left alone, and ``seeds`` is only read. The copy is made beside
    ``folder`` and renamed into place, so an interrupted copy is never taken for a
    finished one."""
    folder = Path(folder)
    if seeds is None or folder.exists() or not Path(seeds).is_dir():
        return 0
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.seeding-", dir=folder.parent))
    try:
        copied = shutil.copytree(seeds, tmp / "docs", ignore=shutil.ignore_patterns(".*"))
        os.replace(copied, folder)
    except OSError as exc:
        raise StoreError(
            f"无法把种子文档从 {seeds} 复制到 {folder}（{exc.strerror or exc}）："
            "请检查文档目录（LIXIA_DOCS_DIR）是否可写"
        ) from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    count = sum(1 for p in folder.rglob("*") if p.is_file())
    logger.info("first run: copied %d seed documents from %s into %s", count, seeds, folder)
    return count


def check_name(name: str) -> str:
    """The document id for an uploaded file name, or a BadDocumentError saying why not."""
    name = (name or "").strip()
    if not name:
        raise BadDocumentError("文件没有名字：请给它起一个，例如 notice.txt")
    bad = [ch for ch in name if unicodedata.category(ch) in ("Cc", "Cf", "Cs")]
    if bad or "\\" in name or len(name) > MAX_NAME_CHARS:
        raise BadDocumentError(
            f"文件名「{_shown(name)}」不可用：请只用文字、数字、-、_ 和 /，"
            f"不超过 {MAX_NAME_CHARS} 个字符"
        )
    path = PurePosixPath(name)
    if path.is_absolute() or any(part in ("..", "") or part.startswith(".") for part in path.parts):
        raise BadDocumentError(
            f"文件名「{_shown(name)}」指向文档目录之外或是隐藏文件：请用普通的相对文件名，"
            "例如 notice.txt 或 2024/notice.txt"
        )
    if path.suffix.lower() not in SUFFIXES:
        raise UnsupportedFileError(
            f"无法读取「{_shown(name)}」这种类型的文件（{path.suffix or '无扩展名'}）；"
            f"支持：{' '.join(SUFFIXES)}"
        )
    return path.as_posix()


def target(folder: Path, doc_id: str) -> Path:
    """The file of ``doc_id`` in ``folder``, refusing anything that resolves outside it."""
    root = Path(folder).resolve()
    path = (root / doc_id).resolve()
    if not path.is_relative_to(root) or path == root:
        raise BadDocumentError(f"「{_shown(doc_id)}」指向文档目录之外")
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
            f"无法把「{doc_id}」写入 {folder}（{exc.strerror or exc}）：请检查文档目录"
            "（LIXIA_DOCS_DIR）是否可写"
        ) from exc
    logger.info("wrote document %s (%d bytes)", doc_id, len(data))
    return path


def remove_document(folder: Path, doc_id: str) -> None:
    """Delete ``doc_id`` from ``folder``; NotFoundError when it is not a file there."""
    path = target(folder, doc_id)
    if not path.is_file():
        raise NotFoundError(
            f"文档目录中没有「{_shown(doc_id)}」（GET /api/documents 列出全部文档）"
        )
    try:
        path.unlink()
    except OSError as exc:
        raise StoreError(f"无法从 {folder} 删除「{doc_id}」（{exc.strerror or exc}）") from exc
    logger.info("removed document %s", doc_id)
