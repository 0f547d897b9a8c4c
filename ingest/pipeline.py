"""Folder of documents -> index directory (clean, describe, chunk, parse, embed, index)."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

import numpy as np

from ingest.chunking import chunk_document
from ingest.clean import clean_text
from ingest.commitments import parse_commitments
from ingest.lexicon import district_stems, extract_names
from ingest.loader import RawFile, SkippedFile, read_file, scan_folder
from ingest.metadata import describe, with_site_information
from ingest.page_fields import split_page_fields
from ingest.progress import Progress
from ingest.site_info import site_information
from ingest.structure import heading_path
from ingest.table_records import tables_as_records
from ingest.units import answer_units, unit_vectors
from lixia_qa.errors import IngestError, LixiaError
from lixia_qa.settings import Settings
from lixia_qa.types import AnswerUnit, Chunk, Commitment, Document, content_hash
from store import Batch, IndexStore, open_store
from store.directory import (
    cached_vectors,
    chunking_settings,
    embedded_text_version,
    make_manifest,
)
from store.embedders import Embedder, load_embedder
from store.tokenize import ChineseTokenizer

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestReport:
    documents: int
    chunks: int
    commitments: int
    embedded: int  # texts (chunks and answer units) embedded in this run
    reused: int  # texts whose vectors came from the previous index
    seconds: float
    up_to_date: bool = False
    skipped: tuple[SkippedFile, ...] = ()  # files (or pages) left out, with the reason

    def summary(self) -> str:
        if self.up_to_date:
            text = f"index is up to date: {self.documents} documents, {self.chunks} chunks"
        else:
            text = (
                f"indexed {self.documents} documents, {self.chunks} chunks, "
                f"{self.commitments} commitments ({self.embedded} embedded, {self.reused} reused) "
                f"in {self.seconds:.1f} s"
            )
        if self.skipped:
            text += f"; skipped {len(self.skipped)}:" + "".join(f"\n  {s}" for s in self.skipped)
        return text


def build_document(raw: RawFile) -> Document:
    """Clean a file's raw text, read its information block (索引号, 发布机构, …) as
    metadata, write its tables' rows as labelled text, and describe it (title, date and
    its source, year, number, sections, tables), with its site footer's facts (主办单位,
    地址, 电话 …) as a paragraph at the end."""
    text, fields = split_page_fields(clean_text(raw.text))
    if not text:
        raise IngestError(f"{raw.doc_id}: empty once page furniture is removed")
    text, tables = tables_as_records(text)
    title = clean_text(raw.title) if raw.title else ""
    doc = describe(
        raw.doc_id,
        text,
        raw.content_hash,
        title=title,
        date=raw.date,
        stated=dict(raw.dates),
        tables=tables,
        page_fields=fields + tuple(f for f in raw.fields if f[0] not in dict(fields)),
    )
    return with_site_information(doc, raw.site or site_information(raw.text))


def prepare_file(path: Path, doc_id: str) -> Document:
    """Read one file into a :class:`Document`.

    Raises :class:`IngestError` with the reason when the file cannot be read
    (unsupported format, not text, damaged, a scan without text layer, empty).
    """
    try:
        raw = read_file(Path(path), doc_id)
        for warning in raw.warnings:
            logger.warning("skipping %s %s", doc_id, warning)
        for note in raw.notes:
            logger.info("%s %s", doc_id, note)
        return build_document(raw)
    except IngestError as exc:
        raise IngestError(f"cannot ingest {doc_id}: {exc}") from exc


def prepare_folder(folder: Path) -> tuple[list[Document], list[SkippedFile]]:
    """Every usable document in ``folder``, and the files skipped with their reasons."""
    scan = scan_folder(folder)
    docs: list[Document] = []
    skipped = list(scan.skipped)
    for raw in scan.files:
        try:
            docs.append(build_document(raw))
        except IngestError as exc:
            logger.warning("skipping %s", exc)
            skipped.append(SkippedFile(raw.doc_id, "empty once page furniture is removed"))
    if not docs:
        raise IngestError(f"no usable document in {folder}: every file was skipped")
    return docs, skipped


def fingerprint(
    docs: list[Document],
    chunks: list[Chunk],
    commitments: list[Commitment],
    names: list[str],
    facts: dict[str, object] | None = None,
    units: Sequence[AnswerUnit] = (),
) -> str:
    """Hash of everything derived from the folder before embedding.

    Any change in a document or in the cleaning, metadata, chunking, commitment, answer
    unit, lexicon or corpus-facts code changes it, so a stale index is always rebuilt.
    """
    payload = [
        [asdict(d) for d in docs],
        [asdict(c) for c in chunks],
        [asdict(c) for c in commitments],
        names,
        facts or {},
        [asdict(u) for u in units],
    ]
    return content_hash(json.dumps(payload, ensure_ascii=False, sort_keys=True))


def document_prints(
    docs: list[Document],
    chunks: list[Chunk],
    commitments: list[Commitment],
    shared: object,
    units: Sequence[AnswerUnit] = (),
) -> dict[str, str]:
    """doc_id -> hash of everything stored for the document, and of ``shared`` (lexicon,
    settings, model: what every document's records depend on)."""
    rows: dict[str, list[object]] = {d.doc_id: [shared, asdict(d)] for d in docs}
    for chunk in chunks:
        rows[chunk.doc_id].append(asdict(chunk))
    for commitment in commitments:
        rows[commitment.doc_id].append(asdict(commitment))
    for unit in units:
        rows[unit.doc_id].append(asdict(unit))
    return {
        k: content_hash(json.dumps(v, ensure_ascii=False, sort_keys=True)) for k, v in rows.items()
    }


def is_up_to_date(store: IndexStore, corpus_hash: str, settings: Settings, model: str) -> bool:
    try:
        manifest = store.manifest()
    except LixiaError:
        return False
    return (
        manifest.get("model") == model
        and manifest.get("chunking") == chunking_settings(settings)
        and manifest.get("corpus_hash") == corpus_hash
        and manifest.get("embedded_text", embedded_text_version()) == embedded_text_version()
    )


class CachedEncoder:
    """Passage embeddings through a text -> vector cache (vectors of a previous index
    built with the same model), counting how many texts were really embedded."""

    def __init__(
        self, embedder: Embedder, cache: dict[str, np.ndarray], batch: int, what: str = "texts"
    ) -> None:
        self.embedder = embedder
        self.cache = cache
        self.batch = batch
        self.what = what  # named in the progress bar or log lines
        self.embedded = 0
        self.reused = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        distinct = set(texts)
        todo = sorted(t for t in distinct if t not in self.cache)
        self.reused += len(distinct) - len(todo)
        with Progress(len(todo), f"embedding {self.what} ({self.embedder.name})") as progress:
            for i in range(0, len(todo), self.batch):
                part = todo[i : i + self.batch]
                for text, vec in zip(part, self.embedder.encode_documents(part), strict=True):
                    self.cache[text] = vec
                progress.update(len(part))
        self.embedded += len(todo)
        if not texts:
            return np.zeros((0, self.embedder.dim), dtype=np.float32)
        return np.vstack([self.cache[t] for t in texts]).astype(np.float32)


def corpus_facts(docs: list[Document], tokenizer: ChineseTokenizer) -> dict[str, object]:
    """What answering needs to know about the whole corpus, computed once here."""
    years = [d.year for d in docs if d.year]
    corpus = "\n".join(d.text for d in docs)
    return {
        "latest_year": max(years) if years else None,
        "districts": sorted(district_stems(corpus, tokenizer.words)),
    }


@dataclass
class _Corpus:
    """What a folder's documents give before anything is embedded."""

    docs: list[Document]
    skipped: list[SkippedFile]
    chunks: list[Chunk]
    commitments: list[Commitment]
    names: list[str]
    facts: dict[str, object]
    units: list[AnswerUnit]
    corpus_hash: str


def _read_corpus(settings: Settings, folder: Path) -> _Corpus:
    """Documents, chunks, commitments, corpus names, facts and answer units of ``folder``."""
    docs, skipped = prepare_folder(folder)
    chunks: list[Chunk] = []
    commitments: list[Commitment] = []
    for doc in docs:
        chunks.extend(chunk_document(doc, settings.chunk_size, settings.chunk_overlap))
        commitments.extend(
            parse_commitments(doc.doc_id, doc.text, partial(heading_path, doc.sections), doc.tables)
        )
    names = extract_names((d.text for d in docs), commitments)
    facts = corpus_facts(docs, ChineseTokenizer(names))
    units = [
        u
        for doc in docs
        for u in answer_units(doc, commitments, settings.long_sentence, settings.window_chars)
    ]
    corpus_hash = fingerprint(docs, chunks, commitments, names, facts, units)
    return _Corpus(docs, skipped, chunks, commitments, names, facts, units, corpus_hash)


def _reusable(store: IndexStore, embedder: Embedder, index_dir: Path) -> dict[str, np.ndarray]:
    """The store's vectors, else those of an index directory there (switching stores)."""
    return store.cached_vectors(embedder.name) or cached_vectors(index_dir, embedder.name)


def _write(
    corpus: _Corpus,
    settings: Settings,
    store: IndexStore,
    embedder: Embedder,
    index_dir: Path,
    force: bool,
) -> CachedEncoder:
    """Embed what changed and write the store; the encoder counts what was embedded."""
    docs, chunks, commitments, units = corpus.docs, corpus.chunks, corpus.commitments, corpus.units
    manifest = make_manifest(
        settings,
        embedder.name,
        embedder.dim,
        docs,
        len(chunks),
        corpus_hash=corpus.corpus_hash,
        n_units=len(units),
    )
    shared = [corpus.names, manifest["chunking"], embedder.name, manifest["embedded_text"]]
    prints = document_prints(docs, chunks, commitments, shared, units)
    stored = {} if force else store.fingerprints()
    keep = frozenset(d for d, p in prints.items() if stored.get(d) == p)
    cache = {} if force else _reusable(store, embedder, index_dir)
    encode = CachedEncoder(embedder, cache, settings.embed_batch_size, "passages")
    new_chunks = [c for c in chunks if c.doc_id not in keep]
    new_units = [u for u in units if u.doc_id not in keep]
    logger.info(
        "%d documents: %d passages, %d answer units, %d commitments (%d documents unchanged)",
        len(docs),
        len(chunks),
        len(units),
        len(commitments),
        len(keep),
    )
    chunk_vectors = encode([c.index_text() for c in new_chunks])
    encode.what = "answer units"
    vectors = unit_vectors(new_units, encode, embedder.dim)
    logger.info("writing the %s store", store.kind)
    store.write(
        Batch(
            manifest=manifest,
            facts=corpus.facts,
            names=corpus.names,
            documents=[d for d in docs if d.doc_id not in keep],
            chunks=new_chunks,
            chunk_vectors=chunk_vectors,
            commitments=[c for c in commitments if c.doc_id not in keep],
            units=new_units,
            unit_vectors=vectors,
            fingerprints=prints,
            keep=keep,
        )
    )
    return encode


def build_index(
    settings: Settings,
    folder: Path | None = None,
    index_dir: Path | None = None,
    embedder: Embedder | None = None,
    force: bool = False,
) -> IngestReport:
    """Build (or refresh) the index for ``folder``; unchanged chunks keep their vectors."""
    t0 = time.perf_counter()
    folder = Path(folder or settings.docs_dir)
    index_dir = Path(index_dir or settings.index_dir)
    corpus = _read_corpus(settings, folder)
    embedder = embedder or load_embedder(settings)
    store = open_store(settings, index_dir)
    counts = (len(corpus.docs), len(corpus.chunks), len(corpus.commitments))
    if not force and is_up_to_date(store, corpus.corpus_hash, settings, embedder.name):
        store.close()
        return IngestReport(
            *counts,
            0,
            0,
            time.perf_counter() - t0,
            up_to_date=True,
            skipped=tuple(corpus.skipped),
        )
    encode = _write(corpus, settings, store, embedder, index_dir, force)
    store.close()
    report = IngestReport(
        *counts,
        encode.embedded,
        encode.reused,
        time.perf_counter() - t0,
        skipped=tuple(corpus.skipped),
    )
    logger.info("%s", report.summary())
    return report
