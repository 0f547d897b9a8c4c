"""Fixtures for the server tests: an app with an admin key over its own copy of the corpus."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from lixia_qa.settings import Settings
from server.api import create_api

KEY = "test-admin-key"
ADMIN = {"Authorization": f"Bearer {KEY}"}


@pytest.fixture
def own_settings(settings: Settings, corpus_dir: Path, tmp_path: Path) -> Settings:
    """Settings over a writable copy of the test corpus and a fresh index (built by tests)."""
    docs = tmp_path / "docs"
    shutil.copytree(corpus_dir, docs)
    return settings.model_copy(
        update={
            "docs_dir": docs,
            "index_dir": tmp_path / "index",
            "feedback_db": tmp_path / "fb.sqlite",
            "admin_key": SecretStr(KEY),
            "index_poll_seconds": 0.2,
        }
    )


@pytest.fixture
def own_client(own_settings: Settings) -> Iterator[TestClient]:
    from ingest.pipeline import build_index

    build_index(own_settings)
    with TestClient(create_api(own_settings)) as c:
        yield c
