"""Every remaining weight, gap and limit of the answer stage, in one validated object.

Scorer parameters (thresholds, weights) live with each scorer or in the fitted model
file; what is here shapes the answer around the scores.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from lixia_qa.settings import Settings


class AnswerConfig(BaseModel):
    model_config = ConfigDict(frozen=True)

    candidate_hits: int = Field(20, ge=1, le=200, description="passages whose units compete")
    vector_candidates: int = Field(
        30, ge=0, le=500, description="units added by vector similarity to the question"
    )
    max_answer_chars: int = Field(160, ge=20, description="budget for the answer's sentences")
    widen_chars: int = Field(
        160, ge=0, description="a chosen clause window becomes its whole sentence up to this length"
    )
    max_fact_units: int = Field(2, ge=1, le=5, description="most sentences for a fact question")
    max_list_units: int = Field(3, ge=1, le=5, description="most sentences for a 哪些 question")
    list_gap_factor: float = Field(0.75, gt=0, description="a list's further sentences: gap x this")
    year_gap: float = Field(
        0.12, ge=0, description="score gap within which statements about other years compete"
    )
    snippet_pad: int = Field(80, ge=0, description="characters of context around a cited span")
    max_records: int = Field(3, ge=1, description="commitment records listed for one owner")
    task_chars: int = Field(60, ge=10, description="a longer task is cut to its last clauses")
    record_coverage: float = Field(
        0.55, ge=0, le=1, description="share of the question a commitment's task must cover"
    )
    record_similarity: float = Field(
        0.88,
        ge=-1,
        le=1,
        description="least question-task cosine for a commitment found by vector",
    )
    document_title_coverage: float = Field(
        0.5,
        ge=0,
        le=1,
        description="share of a question about a document (哪天发的) its title must cover",
    )
    record_coverage_weight: float = Field(
        0.1, ge=0, description="weight of lexical coverage beside the cosine for records"
    )
    context_weight: float = Field(0.3, ge=0, description="weight of follow-up context terms")
    aspect_weight: float = Field(0.3, ge=0, description="weight kept by aspect words (特点)")
    scorer: str = Field("auto", description="auto, learned, lexical or vector")
    model_path: Path | None = Field(None, description="fitted answer model (None: the bundled)")
    threshold: float | None = Field(None, description="override the scorer's threshold")
    unseen_weight: float = Field(2.0, ge=0, description="weight of terms no passage contains")
    reader: bool = Field(True, description="read candidates with the reader and the decider")
    read_candidates: int = Field(8, ge=1, le=50, description="candidates the reader reads")
    reader_path: Path | None = Field(None, description="reader folder (None: the bundled)")
    reader_precision: str = Field(
        "auto", pattern="^(auto|bf16|fp32|int8)$", description="auto, bf16, fp32 or int8"
    )
    decider_path: Path | None = Field(None, description="decider file (None: the bundled)")

    @classmethod
    def from_settings(cls, settings: Settings) -> AnswerConfig:
        return cls(
            max_list_units=settings.max_answer_sentences,
            scorer=settings.answer_scorer,
            model_path=settings.answer_model,
            threshold=settings.abstain_threshold,
            unseen_weight=settings.unseen_term_weight,
            reader=settings.reader,
            read_candidates=settings.read_candidates,
            reader_path=settings.reader_dir,
            reader_precision=settings.reader_precision,
            decider_path=settings.decider_file,
        )
