"""Reading-comprehension corpora as the reader sees them: paragraphs cut into the
product's answer units, BM25 over paragraphs, and per-question candidate groups.

A group is one question asked over candidate units:

* answerable: the units of the gold paragraph holding a gold answer are positive; the
  other units of the gold paragraph, and the units of the passages BM25 ranks near it,
  are negative;
* near miss: the same question over the passages BM25 ranks first once the gold
  paragraph is removed; every unit is negative and the right decision is "no answer".

Units of other passages that happen to hold a gold answer string are left out rather
than called negative. Negatives are ordered hardest first (share of the question's
character bigrams they contain), so a sampler can take the hard ones and some others.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from answer.reader.modelfile import sha256
from ingest.units import answer_units
from learn.reader.objective import HELD_OUT_CORPORA, Group
from learn.train import held_out
from lixia_qa.types import Document
from store.tokenize import ChineseTokenizer

logger = logging.getLogger(__name__)

TRAIN_CORPORA = ("cmrc2018-train", "cmrc2018-trial", "drcd-dev", "drcd-test")
NEAR_PASSAGES = 3  # non-gold passages whose units are negatives of an answerable group
MISS_PASSAGES = 5  # passages of a near-miss group (the gold paragraph removed)


@dataclass(frozen=True)
class Unit:
    doc_id: str
    title: str
    heading: str
    text: str


@dataclass(frozen=True)
class Question:
    qid: str
    text: str
    answers: tuple[str, ...]
    gold_doc: str  # "<paragraph id>.txt", as learn.corpora names it


@dataclass(frozen=True)
class Corpus:
    name: str
    docs: tuple[Document, ...]
    units: tuple[tuple[Unit, ...], ...]  # per document, in order
    questions: tuple[Question, ...]
    hashes: dict[str, str]

    def doc_index(self) -> dict[str, int]:
        return {d.doc_id: i for i, d in enumerate(self.docs)}


def heading_of(doc: Document, start: int) -> str:
    """The innermost section heading governing offset ``start``, if any."""
    inside = [s for s in doc.sections if s.start <= start < s.end]
    return max(inside, key=lambda s: s.level).heading if inside else ""


def doc_units(doc: Document) -> tuple[Unit, ...]:
    """The product's answer units of ``doc`` (ingest.units.answer_units)."""
    return tuple(
        Unit(doc.doc_id, doc.title, heading_of(doc, u.start), u.text) for u in answer_units(doc)
    )


def load_corpus(root: Path, name: str) -> Corpus:
    src = Path(root) / name
    if not (src / "corpus.jsonl").is_file():
        raise FileNotFoundError(
            f"{src} has no corpus.jsonl: point --data at the shared training folder "
            "(../shared/train, see its README)"
        )
    docs = []
    with (src / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            p = json.loads(line)
            docs.append(Document(doc_id=f"{p['id']}.txt", title=p["title"], text=p["text"]))
    questions = []
    with (src / "queries.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            q = json.loads(line)
            questions.append(
                Question(q["id"], q["question"], tuple(q["answers"]), f"{q['gold_doc']}.txt")
            )
    units = tuple(doc_units(d) for d in docs)
    hashes = {f: sha256(src / f) for f in ("corpus.jsonl", "queries.jsonl")}
    return Corpus(name, tuple(docs), units, tuple(questions), hashes)


def is_held_out(corpus: str, question: Question) -> bool:
    """xquad-zh entirely, and one paragraph in five elsewhere (learn.train.held_out)."""
    return corpus in HELD_OUT_CORPORA or held_out(question.gold_doc)


class PassageIndex:
    """BM25 over a corpus's paragraphs (title and text), tokenised as the store does."""

    def __init__(self, corpus: Corpus, tokenizer: ChineseTokenizer | None = None) -> None:
        self.tokenizer = tokenizer or ChineseTokenizer()
        self.bm25 = bm25s.BM25()
        texts = [f"{d.title}\n{d.text}" for d in corpus.docs]
        self.bm25.index(self.tokenizer.batch(texts), show_progress=False)
        self.n = len(texts)

    def search(self, questions: Sequence[str], k: int) -> np.ndarray:
        """Document rows, best first: [questions, k]."""
        if not questions:
            return np.zeros((0, min(k, self.n)), dtype=np.int64)
        tokens = [self.tokenizer.tokens(q) or ["的"] for q in questions]
        rows, _ = self.bm25.retrieve(tokens, k=min(k, self.n), show_progress=False, n_threads=1)
        return np.asarray(rows)


def bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def overlap(question: str, text: str) -> float:
    """Share of the question's character bigrams found in ``text``."""
    q = bigrams(question)
    return len(q & bigrams(text)) / len(q) if q else 0.0


def holds_answer(text: str, answers: Sequence[str]) -> bool:
    return any(a and a in text for a in answers)


def _ranked(corpus: Corpus, q: Question, docs: Sequence[int]) -> list[tuple[int, int]]:
    """Units of ``docs`` that hold no gold answer, hardest first."""
    found = [
        (overlap(q.text, u.text), d, i)
        for d in docs
        for i, u in enumerate(corpus.units[d])
        if not holds_answer(u.text, q.answers)
    ]
    found.sort(key=lambda t: (-t[0], t[1], t[2]))
    return [(d, i) for _, d, i in found]


def build_groups(
    corpus: Corpus, index: PassageIndex, questions: Sequence[Question], near_miss: Sequence[bool]
) -> list[Group]:
    """An answerable group per question, and a near-miss group where ``near_miss``."""
    rows = corpus.doc_index()
    retrieved = index.search([q.text for q in questions], MISS_PASSAGES + 1)
    out: list[Group] = []
    for q, hits, miss in zip(questions, retrieved, near_miss, strict=True):
        gold = rows[q.gold_doc]
        others = [int(d) for d in hits if int(d) != gold]
        units = corpus.units[gold]
        pos = tuple((gold, i) for i, u in enumerate(units) if holds_answer(u.text, q.answers))
        if not pos:
            continue  # the answer falls across a unit boundary: no unit to teach
        neg = [(gold, i) for i, u in enumerate(units) if not holds_answer(u.text, q.answers)]
        neg.sort(key=lambda t: -overlap(q.text, units[t[1]].text))
        near = _ranked(corpus, q, others[:NEAR_PASSAGES])
        out.append(Group(corpus.name, q.qid, q.text, True, pos, tuple(neg), tuple(near)))
        if miss:
            far = _ranked(corpus, q, others[:MISS_PASSAGES])
            out.append(Group(corpus.name, q.qid, q.text, False, (), (), tuple(far)))
    return out
