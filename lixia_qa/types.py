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


# Where a document's date (or, with "title", only its year) was read, for display:
DATE_SOURCES = (
    "visible label",  # a labelled date the reader sees: 发布日期：…, [ 成文日期 ] …
    "meta",  # a date the file states outside its text (a web page's <meta name="PubDate">)
    "text",  # a line holding only a date (a signature date); without a date, the year
    # the text speaks about (今年 in a sentence naming it)
    "title",  # no date kept: the year named in the title (a bulletin of that year)
    "page",  # a date guessed from the page by htmldate
)


@dataclass(frozen=True)
class Place:
    """Where a document or an answer unit is about, broad to narrow; ``""`` where not
    known. Names are full official names (``某某省``, ``某某市``, ``某某区``/``某某县``,
    ``某某镇``/``某某街道``)."""

    province: str = ""
    city: str = ""  # a prefecture-level city (or a municipality, also the province)
    county: str = ""  # a district, county or county-level city
    town: str = ""  # a town, township or street (街道)

    @property
    def names(self) -> tuple[str, ...]:
        """The non-empty names, broad to narrow (a municipality's name once)."""
        return tuple(
            dict.fromkeys(n for n in (self.province, self.city, self.county, self.town) if n)
        )

    @property
    def name(self) -> str:
        """The narrowest name, ``""`` for an unknown place."""
        names = self.names
        return names[-1] if names else ""

    def __bool__(self) -> bool:
        return bool(self.names)

    def within(self, other: Place) -> bool:
        """True when this place is ``other`` or lies inside it (every name ``other``
        states is the same here)."""
        pairs = zip(
            (self.province, self.city, self.county, self.town),
            (other.province, other.city, other.county, other.town),
            strict=True,
        )
        return bool(other) and all(not theirs or mine == theirs for mine, theirs in pairs)

    @classmethod
    def of(cls, data: Place | dict[str, str] | None) -> Place:
        if isinstance(data, Place):
            return data
        return cls(**data) if data else cls()


@dataclass(frozen=True)
class TableRow:
    """One data row of a table, written in the cleaned text as labelled text
    (``单位：…；职位：…``): ``text[start:end]`` is the row; ``cells[i]`` is the span of
    the value of column ``i`` (``start == end`` for an empty cell)."""

    number: int  # 1 for the first data row
    start: int
    end: int
    cells: tuple[tuple[int, int], ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TableRow:
        return cls(
            data["number"], data["start"], data["end"], tuple(tuple(c) for c in data["cells"])
        )


@dataclass(frozen=True)
class Table:
    """A table of a cleaned document: its title (a caption such as ``表5 …``, the line
    above the table, else ""), the column labels read from its header rows, and its data
    rows. Header rows are not in the text; the caption is, at ``caption_start``."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    start: int  # offset of the first row (or of the caption)
    end: int
    caption_start: int = -1  # offset of the caption line, -1 when the table has none

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Table:
        data = dict(data)
        data["columns"] = tuple(data.get("columns", ()))
        data["rows"] = tuple(TableRow.from_dict(r) for r in data.get("rows", ()))
        return cls(**data)


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
    date_source: str = ""  # where ``date`` (or the year) was read: one of DATE_SOURCES
    place: Place = field(default_factory=Place)  # the place the document is about
    tables: tuple[Table, ...] = ()  # tables of the text, rows as labelled text
    page_fields: tuple[tuple[str, str], ...] = ()  # a page's 索引号/发布机构/… block

    @property
    def when(self) -> str | None:
        """The date, or else the year the document speaks about, for display."""
        return self.date or (str(self.year) if self.year else None)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        data = dict(data)
        data["years"] = tuple(data.get("years", ()))
        data["sections"] = tuple(Section(**s) for s in data.get("sections", ()))
        data["place"] = Place.of(data.get("place"))
        data["tables"] = tuple(Table.from_dict(t) for t in data.get("tables", ()))
        data["page_fields"] = tuple(tuple(f) for f in data.get("page_fields", ()))
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
    # the document's title where neither the heading path nor the passage holds it
    title: str = ""

    @property
    def heading(self) -> str:
        return " > ".join(self.headings)

    def index_text(self) -> str:
        """Text that is embedded: heading path plus passage."""
        return f"{self.heading}\n{self.text}" if self.headings else self.text

    def keyword_text(self) -> str:
        """Text that is keyword-indexed: the document's title (when neither the heading
        path nor the passage holds it), then :meth:`index_text`. A passage seldom names
        what its document is about (``本办法由…负责解释``); its title does."""
        return f"{self.title}\n{self.index_text()}" if self.title else self.index_text()

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
    progress: str = ""  # a table row's progress columns (截至…完成情况, 进展情况), labelled

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
    kind: str  # "sentence", "window" (clauses of a long sentence), "record", "row" (a
    # table's data row as labelled text) or "heading" (a heading or a table caption)
    parent: str = ""  # for a window: the unit_id of the long sentence it is part of
    place: Place = field(default_factory=Place)  # the place the unit is about
    table: str = ""  # for a row: the table's title
    row: int = 0  # for a row: its number in the table (1 for the first data row)

    def index_text(self) -> str:
        """Text that is embedded: a row with its table's title, other units as they are."""
        return f"{self.table}\n{self.text}" if self.kind == "row" and self.table else self.text

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnswerUnit:
        data = dict(data)
        data["place"] = Place.of(data.get("place"))
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
