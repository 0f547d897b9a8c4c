"""The one state of the answer stage: what each step of one question has found so far.

The answerer (``answer.answerer``) runs its declared steps over a :class:`Turn`; each
step reads what earlier steps put there and adds its own part, so no step recomputes
another's (the question vector is made once, even when a 今年 question is asked again
without its year).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from answer.analyse import Question
from answer.features import Candidate
from answer.select import Picked, Scored
from lixia_qa.types import Answer, Commitment, Hit, Place


@dataclass
class Scope:
    """The documents a question may be answered from (None: all) and, for documents that
    only mention the asked year, the spans that do."""

    doc_ids: set[str] | None
    spans: dict[str, list[tuple[int, int]]]


@dataclass(frozen=True)
class Refusal:
    """Why a guard declines before any candidate is read: a place the documents never
    name (or those of ``year`` do not), a year they do not cover, only words they never
    use beside a place, or a field the service guide asked about does not state."""

    place: str | None = None
    year: int | None = None
    missing: tuple[str, ...] = ()
    about: str = ""  # the place asked, whose documents never use the ``missing`` words
    unstated: str = ""  # what the document the question is about does not state


@dataclass
class Turn:
    """One question on its way to an answer."""

    question: Question
    k: int  # related passages shown with the answer
    t0: float  # when the question arrived (perf_counter)
    years: tuple[int, ...] = ()  # the years answers must be about (none: any)
    exclude: tuple[str, ...] = ()  # documents left out (training's near misses)
    query: str = ""  # what retrieval is given: the question and its follow-up context
    qvec: np.ndarray | None = None  # the query's vector, made once
    scope: Scope | None = None
    places: tuple[Place, ...] = ()  # the places the question names that documents are about
    # the question names a place no document names: only the documents whose place is not
    # known may be about it (a city's fee table that never names its city)
    unplaced: str = ""
    unplaced_docs: frozenset[str] = frozenset()  # those of them not evidently elsewhere's
    refusal: Refusal | None = None
    hits: list[Hit] = field(default_factory=list)
    records: list[Commitment] = field(default_factory=list)  # an owner question's answer
    # the picks quote a document's own statement: its date or issuer (docfacts), a guide's
    # field (guidefields)
    about_document: bool = False
    candidates: list[Candidate] = field(default_factory=list)
    features: np.ndarray | None = None  # (candidates, features)
    read: np.ndarray | None = None  # indices of the candidates the reader read, best prior first
    reading: np.ndarray | None = None  # the reader's logit per candidate (NaN: not read)
    good: list[Scored] = field(default_factory=list)  # candidates that may answer, best first
    confidence: float | None = None  # the decision's confidence in its best candidate
    picks: list[Picked] = field(default_factory=list)  # the spans the answer quotes
    year_used: int | None = None  # the year to state when several compete
    others: list[Scored] = field(default_factory=list)  # as good, about other years
    timings: dict[str, float] = field(default_factory=dict)
    answer: Answer | None = None

    @property
    def settled(self) -> bool:
        """A guard refused, the records answered, or the document's own line did (when
        or by whom it was issued, a guide's field): no candidate needs reading."""
        return self.refusal is not None or bool(self.records) or self.about_document

    def again(self, years: Sequence[int]) -> Turn:
        """The same question asked again for ``years`` (its vector kept)."""
        return Turn(
            self.question, self.k, self.t0, tuple(years), self.exclude, self.query, self.qvec
        )
