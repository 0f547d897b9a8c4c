"""Reading-comprehension corpora in the shared format, as document folders and queries.

A corpus folder holds ``corpus.jsonl`` (``{"id", "title", "text"}`` paragraphs) and
``queries.jsonl`` (``{"id", "question", "answers", "gold_doc"}``). To be ingested like
any other documents, each paragraph is written as ``<id>.txt`` (title line, blank
line, text) into a cache folder.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from lixia_qa.errors import LixiaError


@dataclass(frozen=True)
class Query:
    qid: str
    question: str
    answers: tuple[str, ...]
    gold_doc: str  # the document id of the gold paragraph: "<id>.txt"


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]


def corpus_hashes(src: Path) -> dict[str, str]:
    """Content hashes of a corpus's two files, recorded with anything fitted on it."""
    return {name: file_hash(src / name) for name in ("corpus.jsonl", "queries.jsonl")}


def materialise(src: Path, folder: Path) -> Path:
    """Write each paragraph of ``src`` as a document in ``folder`` (once; atomic)."""
    if folder.exists():
        return folder
    if not (src / "corpus.jsonl").is_file():
        raise LixiaError(f"{src} has no corpus.jsonl: give a folder in the shared corpus format")
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with (src / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            p = json.loads(line)
            (tmp / f"{p['id']}.txt").write_text(f"{p['title']}\n\n{p['text']}\n", encoding="utf-8")
    tmp.rename(folder)
    return folder


def load_queries(src: Path) -> list[Query]:
    out = []
    with (src / "queries.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            q = json.loads(line)
            out.append(Query(q["id"], q["question"], tuple(q["answers"]), f"{q['gold_doc']}.txt"))
    return out
