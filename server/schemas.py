"""Request and response models at the HTTP edge (pydantic, with field limits)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from lixia_qa.types import Answer, Citation, Commitment, Document, Hit


class HitOut(BaseModel):
    doc_id: str
    title: str
    date: str | None
    text: str
    start: int
    end: int
    score: float
    heading: str = ""
    chunk_id: str

    @classmethod
    def of(cls, hit: Hit, doc: Document) -> HitOut:
        c = hit.chunk
        return cls(
            doc_id=c.doc_id, title=doc.title, date=doc.when, text=c.text, start=c.start,
            end=c.end, score=round(hit.score, 6), heading=c.heading, chunk_id=c.chunk_id,
        )


class SearchOut(BaseModel):
    query: str
    hits: list[HitOut]


class AskIn(BaseModel):
    question: str = Field(..., description="the question, in Chinese", max_length=2000)
    k: int | None = Field(None, ge=1, le=50, description="passages to consider")
    year: int | None = Field(None, ge=1900, le=2100, description="answer for this year")
    history: list[str] = Field(
        default_factory=list, max_length=20, description="earlier questions of the conversation"
    )


class CitationOut(BaseModel):
    n: int
    doc_id: str
    title: str
    date: str | None
    snippet: str
    start: int
    end: int
    score: float
    highlight_start: int
    highlight_end: int
    heading: str
    doc_number: str = ""

    @classmethod
    def of(cls, c: Citation) -> CitationOut:
        return cls(**{name: getattr(c, name) for name in cls.model_fields})


class AnswerOut(BaseModel):
    question: str
    answer: str
    abstained: bool
    year: int | None
    kind: str
    citations: list[CitationOut]
    related: list[CitationOut]
    timings: dict[str, float]
    confidence: float | None = None

    @classmethod
    def of(cls, a: Answer) -> AnswerOut:
        return cls(
            question=a.question, answer=a.text, abstained=a.abstained, year=a.year, kind=a.kind,
            citations=[CitationOut.of(c) for c in a.citations],
            related=[CitationOut.of(c) for c in a.related],
            timings={k: round(v, 2) for k, v in a.timings.items()},
            confidence=None if a.confidence is None else round(a.confidence, 4),
        )


class DocumentOut(BaseModel):
    doc_id: str
    title: str
    date: str | None
    year: int | None
    years: list[int]
    source: str
    chars: int
    doc_number: str = ""
    text: str | None = None

    @classmethod
    def of(cls, d: Document, with_text: bool = False) -> DocumentOut:
        return cls(
            doc_id=d.doc_id, title=d.title, date=d.date, year=d.year, years=list(d.years),
            source=d.source, chars=len(d.text), doc_number=d.doc_number,
            text=d.text if with_text else None,
        )


class CommitmentOut(BaseModel):
    commitment_id: str
    doc_id: str
    task: str
    leaders: list[str]
    lead_units: list[str]
    units: list[str]
    start: int
    end: int
    heading: str

    @classmethod
    def of(cls, c: Commitment) -> CommitmentOut:
        return cls(
            commitment_id=c.commitment_id, doc_id=c.doc_id, task=c.task, leaders=list(c.leaders),
            lead_units=list(c.lead_units), units=list(c.units), start=c.start, end=c.end,
            heading=" > ".join(c.headings),
        )


class HealthOut(BaseModel):
    status: str
    documents: int
    chunks: int
    model: str
    created: str
