"""What the command prints by default: this project's INFO lines, no library DEBUG."""

from __future__ import annotations

import io
import logging

import pytest

from app.cli import PACKAGES, configure_logging


@pytest.fixture
def levels():  # type: ignore[no-untyped-def]
    """The loggers' levels, restored afterwards."""
    root = logging.getLogger()
    names = [*PACKAGES, "a_library"]
    levels = {name: logging.getLogger(name).level for name in names}
    yield root
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    root.setLevel(logging.WARNING)


@pytest.mark.parametrize("verbose", [False, True])
def test_default_level_hides_library_debug_lines(
    levels, monkeypatch: pytest.MonkeyPatch, verbose: bool
) -> None:
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])  # without pytest's own, as in a shell
    configure_logging(verbose)
    (handler,) = root.handlers
    stream = io.StringIO()
    handler.setStream(stream)  # type: ignore[attr-defined]
    library = logging.getLogger("a_library")
    library.setLevel(logging.DEBUG)  # as bm25s does to its own logger
    library.debug("Building index from tokens")
    logging.getLogger("ingest.progress").info("embedding passages: 206 texts")
    logging.getLogger("ingest.pipeline").debug("a detail")
    out = stream.getvalue()
    assert "embedding passages: 206 texts" in out
    assert ("Building index from tokens" in out) is verbose
    assert ("a detail" in out) is verbose
