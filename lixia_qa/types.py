"""The one set of types shared by every stage.

Data flows one way: ``ingest`` makes :class:`Document`, :class:`Chunk` and
:class:`Commitment`; ``retriever`` returns :class:`Hit`; ``answer`` returns an
:class:`Answer` made of :class:`Citation`. All are frozen: use
``dataclasses.replace`` to derive a changed copy.

Offsets (``start``/``end``) are always character offsets into the cleaned
``Document.text``, so ``doc.text[start:end]`` is the cited text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


def content_hash(data: bytes | str) -> str:
    """Stable short hash used for document versions and corpus fingerprints."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass(frozen=True)
class Section:
    """A heading and the span of cleaned text it governs."""

    heading: str
    level: int
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """A cleaned source document with its metadata."""

    doc_id: str  # path relative to the ingested folder, e.g. "003_x.txt"
    title: str
    text: str  # cleaned text; every offset points into it
    date: str | None = None  # as precise as the document states: "2023-02-01", "2023"
    year: int | None = None  # the year the document speaks about ("今年")
    years: tuple[int, ...] = ()  # every year the document mentions, sorted
    source: str = ""  # publisher / author line, when recognisable
    content_hash: str = ""  # hash of the raw file bytes
    sections: tuple[Section, ...] = ()
    doc_number: str = ""  # 文号 such as "万州府发〔2023〕12号", when the document states one

    @property
    def when(self) -> str | None:
        """The date, or else the year the document speaks about, for display."""
        return self.date or (str(self.year) if self.year else None)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        data = dict(data)
        data["years"] = tuple(data.get("years", ()))
        data["sections"] = tuple(Section(**s) for s in data.get("sections", ()))
        return cls(**data)


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: ``doc.text[start:end] == text``."""

    chunk_id: str  # f"{doc_id}#{n}"
    doc_id: str
    text: str
    start: int
    end: int
    headings: tuple[str, ...] = ()  # heading path, outermost first

    @property
    def heading(self) -> str:
        return " > ".join(self.headings)

    def index_text(self) -> str:
        """Text that is embedded and keyword-indexed: heading path plus passage."""
        return f"{self.heading}\n{self.text}" if self.headings else self.text

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        data = dict(data)
        data["headings"] = tuple(data.get("headings", ()))
        return cls(**data)


@dataclass(frozen=True)
class Commitment:
    """One commitment: task text followed by （牵头领导：…；责任单位：…）, or a row of a
    task table with owner columns (责任单位, 牵头单位, 牵头领导, 配合单位, …)."""

    commitment_id: str  # f"{doc_id}@{start}"
    doc_id: str
    task: str
    leaders: tuple[str, ...]
    lead_units: tuple[str, ...]
    units: tuple[str, ...]  # 责任单位
    start: int  # start of the task text
    end: int  # end of the closing parenthesis of the record (of the row for a table)
    headings: tuple[str, ...] = ()
    record_start: int = -1  # where the owner record opens ("（牵头领导…", or a row's first
    # owner cell); -1 when unknown
    partner_units: tuple[str, ...] = ()  # 配合单位, 协办单位, 配合部门
    deadline: str = ""  # 完成时限 of a table row, when the table has one

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Commitment:
        data = dict(data)
        for key in ("leaders", "lead_units", "units", "headings", "partner_units"):
            data[key] = tuple(data.get(key, ()))
        return cls(**data)


@dataclass(frozen=True)
class AnswerUnit:
    """The smallest span an answer can quote: a sentence, a clause window of a long
    sentence, or a commitment task. ``doc.text[start:end] == text``; row i of the
    index's unit matrix is its vector."""

    unit_id: str  # f"{doc_id}~{n}"
    doc_id: str
    text: str
    start: int
    end: int
    kind: str  # "sentence", "window" (clauses of a long sentence), "record" or "heading"
    parent: str = ""  # for a window: the unit_id of the long sentence it is part of

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnswerUnit:
        return cls(**data)


@dataclass(frozen=True)
class Hit:
    """A retrieved chunk with its fused score and per-retriever ranks."""

    chunk: Chunk
    score: float
    source: str  # "dense", "bm25" or "hybrid"
    ranks: dict[str, int] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Citation:
    """A numbered source shown under an answer."""

    n: int
    doc_id: str
    title: str
    date: str | None
    snippet: str  # the passage shown; contains the cited sentence
    start: int  # offsets of the snippet in the cleaned document
    end: int
    score: float
    highlight_start: int = 0  # offsets of the cited sentence in the document
    highlight_end: int = 0
    heading: str = ""
    doc_number: str = ""  # the cited document's 文号, when it has one


@dataclass(frozen=True)
class Answer:
    """What a question gets: short text with [n] markers, or an abstention."""

    question: str
    text: str
    abstained: bool
    citations: tuple[Citation, ...] = ()
    related: tuple[Citation, ...] = ()
    year: int | None = None  # the year the answer is about, when known
    kind: str = "fact"  # question kind the answer was fitted to
    timings: dict[str, float] = field(default_factory=dict, compare=False)
    # the scorer's score of the best candidate (a probability for the learned scorer);
    # None when no candidate was scored (commitment records, rule-based abstentions)
    confidence: float | None = None


@dataclass(frozen=True)
class UnitMatch:
    """An answer unit found in the index store: its row (a stable integer id within one
    store version) and, from a vector search, its similarity to the question."""

    row: int
    unit: AnswerUnit
    score: float = 0.0
