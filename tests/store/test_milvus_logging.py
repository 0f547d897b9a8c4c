"""Milvus Lite's "Method not implemented" reply to the query iterator is not logged as an
error; other grpc errors still are."""

from __future__ import annotations

import logging

import pytest


def test_lite_iterator_noise_is_dropped(caplog: pytest.LogCaptureFixture) -> None:
    pytest.importorskip("pymilvus")
    import store.milvus  # noqa: F401  (installs the filter)

    log = logging.getLogger("grpc._server")
    with caplog.at_level(logging.ERROR, logger="grpc._server"):
        log.error("Exception calling application: %s", "Method not implemented!")
        log.error("Exception calling application: %s", "disk full")
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ["Exception calling application: disk full"]
