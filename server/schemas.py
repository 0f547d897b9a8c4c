"""Request and response models at the HTTP edge (pydantic, with field limits)."""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field

from lixia_qa.types import Answer, Citation, Commitment, Document, Hit

MAX_HISTORY_ITEMS = 10  # the edge's cap; the service applies LIXIA_MAX_HISTORY as well
MAX_TEXT_CHARS = 2000  # the edge's cap on one question; the service applies LIXIA_MAX_QUERY_CHARS


def has_lone_surrogate(text: str) -> bool:
    """True when ``text`` holds a UTF-16 surrogate (JSON ``"\\udfff"``): not encodable text."""
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def no_surrogates(text: str) -> str:
    if has_lone_surrogate(text):
        raise ValueError("含有无效字符（单独的代理码位），请重新输入")
    return text


def finite_json(value: Any) -> Any:
    """Reject NaN/Infinity and lone surrogates anywhere inside a JSON value."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("数字必须是有限值（不能是 NaN 或无穷大）")
    if isinstance(value, str):
        no_surrogates(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            finite_json(str(key))
            finite_json(item)
    elif isinstance(value, list):
        for item in value:
            finite_json(item)
    return value


Text = Annotated[str, AfterValidator(no_surrogates)]


def _json_integer(value: Any) -> Any:
    """JSON Schema's integer: 2020 and 2020.0, not "2020" and not true."""
    if isinstance(value, (str, bool)):
        raise ValueError("必须是数字，不能是字符串或 true/false")
    return value


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
            doc_id=c.doc_id,
            title=doc.title,
            date=doc.when,
            text=c.text,
            start=c.start,
            end=c.end,
            score=round(hit.score, 6),
            heading=c.heading,
            chunk_id=c.chunk_id,
        )


class SearchOut(BaseModel):
    query: str
    hits: list[HitOut]


class AskIn(BaseModel):
    question: Text = Field(
        ...,
        description="the question, in Chinese",
        min_length=1,
        max_length=MAX_TEXT_CHARS,
        json_schema_extra={"x-lixia-text": "question"},
    )
    k: Annotated[int, Field(ge=1, le=50), BeforeValidator(_json_integer)] | None = Field(
        None, description="passages to consider"
    )
    year: Annotated[int, Field(ge=1900, le=2100), BeforeValidator(_json_integer)] | None = Field(
        None, description="answer for this year"
    )
    history: list[
        Annotated[
            Text, Field(max_length=MAX_TEXT_CHARS, json_schema_extra={"x-lixia-text": "question"})
        ]
    ] = Field(
        default_factory=list,
        max_length=MAX_HISTORY_ITEMS,
        description="earlier questions of the conversation, oldest first (at most 10, "
        "each within the question limit)",
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


class OwnerRecordsOut(BaseModel):
    """The answer lists some records of the leader or unit the question names: how many
    there are in all, and the GET /api/commitments filter that lists every one."""

    total: int
    shown: int
    leader: str = ""
    unit: str = ""


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
    records: OwnerRecordsOut | None = None

    @classmethod
    def of(cls, a: Answer, records: Any = None) -> AnswerOut:
        """``records``: the service's OwnerRecords for the answer, if any."""
        return cls(
            question=a.question,
            answer=a.text,
            abstained=a.abstained,
            year=a.year,
            kind=a.kind,
            citations=[CitationOut.of(c) for c in a.citations],
            related=[CitationOut.of(c) for c in a.related],
            timings={k: round(v, 2) for k, v in a.timings.items()},
            confidence=None if a.confidence is None else round(a.confidence, 4),
            records=OwnerRecordsOut(**vars(records)) if records is not None else None,
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
    date_source: str = Field(
        "", description="where the date (or the year) was read: visible label, meta, text, …"
    )
    text: str | None = None

    @classmethod
    def of(cls, d: Document, with_text: bool = False) -> DocumentOut:
        return cls(
            doc_id=d.doc_id,
            title=d.title,
            date=d.date,
            year=d.year,
            years=list(d.years),
            source=d.source,
            chars=len(d.text),
            doc_number=d.doc_number,
            date_source=d.date_source,
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
            commitment_id=c.commitment_id,
            doc_id=c.doc_id,
            task=c.task,
            leaders=list(c.leaders),
            lead_units=list(c.lead_units),
            units=list(c.units),
            start=c.start,
            end=c.end,
            heading=" > ".join(c.headings),
        )


class ErrorOut(BaseModel):
    """Every error but 422: what went wrong and what to do."""

    detail: str = Field(..., description="what went wrong and what to do about it")


class StoreStateOut(BaseModel):
    ok: bool
    error: str | None = None


class JobOut(BaseModel):
    """A re-index: queued, running, done or failed."""

    id: str
    action: str
    doc_id: str
    state: str
    error: str | None = None
    created: str
    finished: str | None = None
    version: str | None = None


class ReindexStateOut(BaseModel):
    state: str = Field(..., description="idle, queued or running")
    pending: int
    last: JobOut | None = None


class HealthOut(BaseModel):
    status: str
    documents: int
    chunks: int
    model: str
    created: str
    version: str = Field(..., description="corpus hash (12 hex) @ created time of the index")
    store: str = Field(..., description="the index store: 'local' (an index directory) or 'milvus'")
    feedback: StoreStateOut
    reindex: ReindexStateOut
    index_error: str | None = Field(
        None, description="why a newer index on disk could not be loaded (the served one stays)"
    )


class HealthErrorOut(ErrorOut):
    status: str = "unavailable"
    feedback: StoreStateOut | None = None
    reindex: ReindexStateOut | None = None


class DocumentChangeOut(BaseModel):
    doc_id: str
    job: JobOut
    status_url: str = Field(..., description="GET it (admin) to follow the re-index")


class AdminOut(BaseModel):
    docs_dir: str
    index_dir: str
    reindex: ReindexStateOut
