"""Progress of long ingest steps: log lines without a terminal, a bar on one."""

from __future__ import annotations

import logging

import pytest

from ingest.progress import Progress


def test_without_a_terminal_progress_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ingest.progress")
    with Progress(100, "embedding passages", log_every=0.0, terminal=False) as p:
        for _ in range(4):
            p.update(25)
    lines = [r.getMessage() for r in caplog.records]
    assert lines[0] == "embedding passages: 100 texts"
    assert "embedding passages: 50 of 100 texts (50%)" in lines
    assert lines[-1].startswith("embedding passages: 100 texts in ")


def test_on_a_terminal_only_the_bar_shows(
    caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.INFO, logger="ingest.progress")
    with Progress(10, "reading docs", unit="file", terminal=True) as p:
        p.update(10)
    assert "reading docs" in capsys.readouterr().err  # tqdm writes to stderr
    assert [r.getMessage() for r in caplog.records if "of" in r.getMessage()] == []


def test_nothing_to_do_says_nothing(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ingest.progress")
    with Progress(0, "embedding", terminal=False) as p:
        p.update(0)
    assert caplog.records == []
