"""Example questions and input hints made from the indexed documents (nothing hard-coded).

Commitment tasks become "…由谁牵头？" questions, section headings become "…有哪些安排？",
and the most frequent responsible unit and task words become the search hints. The
``LIXIA_EXAMPLE_QUESTIONS`` setting replaces the generated questions.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lixia_qa import zh
from lixia_qa.types import Commitment, Document
from store.base import IndexStore
from store.tokenize import ChineseTokenizer

_CLAUSE_SPLIT = re.compile(rf"[{zh.CLAUSE_END}{zh.SENTENCE_END}\s]+")
_NUMBERING = re.compile(rf"^[（(]?[{zh.CN_NONZERO}十\d]+[)）、.．]\s*")
MIN_CHARS, MAX_CHARS = 5, 20
SAMPLE_COMMITMENTS, SAMPLE_DOCUMENTS = 5000, 500  # read from the store at most


@dataclass(frozen=True)
class Hints:
    questions: tuple[str, ...]
    keywords: tuple[str, ...]  # words a commitment task contains
    unit: str | None  # a unit named in commitment records


def _clause(text: str, last: bool = False) -> str | None:
    """A clause of ``text`` between MIN_CHARS and MAX_CHARS characters, if any."""
    parts = [p for p in _CLAUSE_SPLIT.split(_NUMBERING.sub("", text.strip())) if p]
    for part in reversed(parts) if last else parts:
        if MIN_CHARS <= len(part) <= MAX_CHARS:
            return part
    return None


def _spread(candidates: list[tuple[str, str]], n: int) -> list[str]:
    """Up to ``n`` texts, one per document first, in document order."""
    chosen: list[str] = []
    docs: set[str] = set()
    for doc_id, text in candidates:
        if doc_id not in docs and text not in chosen:
            chosen.append(text)
            docs.add(doc_id)
    for _, text in candidates:
        if text not in chosen:
            chosen.append(text)
    return chosen[:n]


def owner_questions(commitments: list[Commitment], n: int) -> list[str]:
    pairs = []
    for c in commitments:
        clause = _clause(c.task, last=True)
        if clause:
            pairs.append((c.doc_id, f"{clause}由谁牵头？"))
    return _spread(pairs, n)


def heading_questions(documents: list[Document], n: int) -> list[str]:
    """Numbered headings first ("（一）…", "二、…": topics); other headings read as slogans."""
    numbered: list[tuple[str, str]] = []
    other: list[tuple[str, str]] = []
    for doc in documents:
        for section in doc.sections:
            clause = _clause(section.heading)
            if clause:
                pair = (doc.doc_id, f"{clause}有哪些安排？")
                (numbered if _NUMBERING.match(section.heading.strip()) else other).append(pair)
    return _spread(numbered, n) if numbered else _spread(other, n)


def make_hints(
    store: IndexStore, tokenizer: ChineseTokenizer, configured: list[str], n: int = 4
) -> Hints:
    """Hints from (at most a sample of) the stored commitments and documents."""
    questions = list(configured[:n])
    commitments = store.commitments(limit=SAMPLE_COMMITMENTS)
    if not questions:
        documents = store.list_documents(limit=SAMPLE_DOCUMENTS)
        owners, headings = owner_questions(commitments, n), heading_questions(documents, n)
        # alternate: a who-leads question, a what-is-planned question, ...
        for pair in zip(owners, headings, strict=False):
            questions.extend(pair)
        questions.extend(owners[len(headings) :] + headings[len(owners) :])
        questions = questions[:n]
    units = Counter(u for c in commitments for u in (*c.lead_units, *c.units))
    words = Counter(
        w
        for c in commitments
        for w in tokenizer.words(c.task)
        if 2 <= len(w) <= 4 and not any(ch.isdigit() for ch in w)
    )
    return Hints(
        questions=tuple(questions),
        keywords=tuple(w for w, _ in words.most_common(2)),
        unit=units.most_common(1)[0][0] if units else None,
    )
