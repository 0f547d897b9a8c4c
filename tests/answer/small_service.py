"""A service over a few documents written for a test, built with the hash embedder."""

from __future__ import annotations

from pathlib import Path

from lixia_qa.settings import Settings


def small_service(root: Path, docs: dict[str, str]):  # type: ignore[no-untyped-def]
    """Write ``docs`` (file name -> text) under ``root``, index them and load a service."""
    from ingest.pipeline import build_index
    from server.service import QAService

    folder = root / "docs"
    folder.mkdir()
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    settings = Settings(
        model="hash",
        docs_dir=folder,
        index_dir=root / "index",
        feedback_db=root / "feedback.sqlite",
        _env_file=None,  # type: ignore[call-arg]
    )
    build_index(settings)
    return QAService.load(settings)
