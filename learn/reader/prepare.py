"""Training and held-out groups, tokenised once and cached in the run folder.

The cache is keyed by the data files' hashes and every setting that shapes a group, so
a restarted run reads it back instead of rebuilding (a few minutes on one core).
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from answer.reader.encoder import E5Tokenizer
from answer.reader.model import PairEncoder, ReaderConfig, context_text
from learn.reader.data import (
    HELD_OUT_CORPORA,
    Group,
    PassageIndex,
    build_groups,
    is_held_out,
    load_corpus,
)

logger = logging.getLogger(__name__)

TokenUnit = tuple[tuple[int, ...], tuple[int, ...]]  # (context line ids, unit ids)


@dataclass(frozen=True)
class DataConfig:
    root: str
    corpora: tuple[str, ...]
    near_miss: float = 0.35  # share of training questions also asked without their paragraph
    limit: int = 0  # questions per corpus (0: all); for tests and trials


@dataclass(frozen=True)
class Prepared:
    units: dict[str, list[list[TokenUnit]]]  # corpus -> doc row -> unit row -> ids
    questions: dict[str, tuple[int, ...]]  # "corpus/qid" -> question ids
    train: list[Group]
    held_out: list[Group]
    hashes: dict[str, dict[str, str]]  # corpus -> file -> sha256


def _chosen(qid: str, share: float) -> bool:
    """A stable pseudo-random choice of ``share`` of the questions."""
    return int(hashlib.sha256(f"near-miss:{qid}".encode()).hexdigest(), 16) % 1000 < share * 1000


def cache_key(data: DataConfig, reader: ReaderConfig, hashes: dict[str, dict[str, str]]) -> str:
    blob = json.dumps([asdict(data), asdict(reader), hashes], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def prepare(
    data: DataConfig, reader: ReaderConfig, tokenizer: E5Tokenizer, cache_dir: Path
) -> Prepared:
    from answer.reader.modelfile import sha256

    root = Path(data.root)
    hashes = {
        name: {f: sha256(root / name / f) for f in ("corpus.jsonl", "queries.jsonl")}
        for name in data.corpora
    }
    path = Path(cache_dir) / f"groups-{cache_key(data, reader, hashes)}.pkl"
    if path.is_file():
        logger.info("reading cached groups from %s", path)
        with path.open("rb") as fh:
            return pickle.load(fh)
    pairs = PairEncoder(tokenizer, reader)
    units: dict[str, list[list[TokenUnit]]] = {}
    questions: dict[str, tuple[int, ...]] = {}
    train: list[Group] = []
    held: list[Group] = []
    for name in data.corpora:
        corpus = load_corpus(root, name)
        qs = list(corpus.questions[: data.limit] if data.limit else corpus.questions)
        index = PassageIndex(corpus)
        units[name] = [
            pairs.units([context_text(u.title, u.heading) for u in du], [u.text for u in du])
            for du in corpus.units
        ]
        for q in qs:
            questions[f"{name}/{q.qid}"] = pairs.question(q.text)
        out = [q for q in qs if is_held_out(name, q)]
        fit = [q for q in qs if not is_held_out(name, q)]
        held += build_groups(corpus, index, out, [True] * len(out))
        train += build_groups(corpus, index, fit, [_chosen(q.qid, data.near_miss) for q in fit])
        logger.info(
            "%s: %d paragraphs, %d questions (%d held out), %d units",
            name,
            len(corpus.docs),
            len(qs),
            len(out),
            sum(len(u) for u in corpus.units),
        )
    assert not any(g.corpus in HELD_OUT_CORPORA for g in train)
    prepared = Prepared(units, questions, train, held, hashes)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(prepared, fh, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.rename(path)
    logger.info("%d training groups, %d held-out groups cached in %s", len(train), len(held), path)
    return prepared


def group_units(
    prepared: Prepared, group: Group, refs: Sequence[tuple[int, int]]
) -> list[TokenUnit]:
    table = prepared.units[group.corpus]
    return [table[d][i] for d, i in refs]
