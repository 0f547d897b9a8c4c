"""The index layer between ingest and retrieval: one :class:`IndexStore` interface,
two implementations chosen by ``LIXIA_STORE`` (``local`` or ``milvus``)."""

from __future__ import annotations

from pathlib import Path

from lixia_qa.settings import Settings
from store.base import Batch, IndexStore

__all__ = ["Batch", "IndexStore", "milvus_uri", "open_store"]


def milvus_uri(settings: Settings, index_dir: Path | None = None) -> str:
    """``LIXIA_MILVUS_URI``, else a Milvus Lite file inside the index directory."""
    if settings.milvus_uri:
        return settings.milvus_uri
    folder = Path(index_dir or settings.index_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return str(folder / "milvus.db")


def open_store(settings: Settings, index_dir: Path | None = None) -> IndexStore:
    """The store ``settings`` name (``index_dir`` overrides the settings' directory)."""
    if settings.store == "milvus":
        from store.milvus import MilvusStore

        uri = milvus_uri(settings, index_dir)
        return MilvusStore(uri, settings.milvus_collection, settings.milvus_index)
    from store.local import LocalStore

    return LocalStore(Path(index_dir or settings.index_dir))
