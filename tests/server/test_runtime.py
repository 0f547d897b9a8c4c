"""Start-up with a damaged index, a re-ingest picked up without restart, store failures."""

from __future__ import annotations

import time

import pytest
from fastapi.testclient import TestClient

from ingest.pipeline import build_index
from server.api import create_api

EXTRA = "青山区关于开放星湖图书馆的通知\n\n2024年，星湖图书馆向市民免费开放，藏书30万册。\n"


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: (d / "chunks.jsonl").write_text("{not json", encoding="utf-8"),
        lambda d: (d / "dense.faiss").write_bytes(b"garbage"),
        lambda d: (d / "documents.jsonl").unlink(),
        lambda d: (d / "manifest.json").write_text("[1, 2", encoding="utf-8"),
        lambda d: (d / "manifest.json").write_text('{"format": 99}', encoding="utf-8"),
    ],
)
def test_damaged_index_starts_and_answers_503(own_settings, damage) -> None:
    build_index(own_settings)
    damage(own_settings.index_dir)
    with TestClient(create_api(own_settings)) as c:
        r = c.get("/api/health")
        assert r.status_code == 503
        assert "lixia-qa ingest" in r.json()["detail"]
        for path in ("/api/search?q=图书馆", "/api/documents", "/api/commitments"):
            assert c.get(path).status_code == 503
        assert c.post("/api/ask", json={"question": "图书馆？"}).status_code == 503
        assert (
            c.post(
                "/v1/chat/completions", json={"messages": [{"role": "user", "content": "图书馆？"}]}
            ).status_code
            == 503
        )
        # the fix: ingest again; the server picks the new index up without a restart
        build_index(own_settings, force=True)
        deadline = time.monotonic() + 30
        while c.get("/api/health").status_code != 200:
            assert time.monotonic() < deadline, "the repaired index was not picked up"
            time.sleep(0.1)
        assert c.get("/api/documents").status_code == 200


def test_ingest_from_a_shell_is_picked_up(own_client, own_settings) -> None:
    before = own_client.get("/api/health").json()
    (own_settings.docs_dir / "library.txt").write_text(EXTRA, encoding="utf-8")
    build_index(own_settings)  # what `lixia-qa ingest` does
    deadline = time.monotonic() + 30
    while own_client.get("/api/health").json()["version"] == before["version"]:
        assert time.monotonic() < deadline, "the watcher did not reload the index"
        time.sleep(0.1)
    after = own_client.get("/api/health").json()
    assert after["documents"] == before["documents"] + 1
    assert own_client.get("/api/documents/library.txt").status_code == 200


def test_health_reports_version_store_and_states(own_client) -> None:
    body = own_client.get("/api/health").json()
    assert body["store"] == "local" and "@" in body["version"] and body["created"]
    assert body["feedback"] == {"ok": True, "error": None}
    assert body["reindex"]["state"] == "idle"


def test_unwritable_feedback_store_is_503(own_settings, tmp_path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    bad = own_settings.model_copy(update={"feedback_db": blocker / "fb.sqlite"})
    build_index(bad)
    with TestClient(create_api(bad)) as c:
        vote = {"question": "q", "answer": "a", "vote": "up"}
        r = c.post("/api/feedback", json=vote)
        assert r.status_code == 503 and "LIXIA_FEEDBACK_DB" in r.json()["detail"]
        health = c.get("/api/health")
        assert health.status_code == 200 and health.json()["status"] == "degraded"
        assert health.json()["feedback"]["ok"] is False


def test_read_only_feedback_file_shows_in_health(own_settings, tmp_path) -> None:
    import os

    from server.feedback import FeedbackStore

    path = tmp_path / "ro.sqlite"
    FeedbackStore(path).check()  # creates it
    os.chmod(path, 0o444)
    try:
        if os.access(path, os.W_OK):
            pytest.skip("running as a user who can write read-only files (root)")
        assert "LIXIA_FEEDBACK_DB" in (FeedbackStore(path).check() or "")
    finally:
        os.chmod(path, 0o644)


def test_a_broken_new_index_keeps_the_served_one(own_client, own_settings) -> None:
    before = own_client.get("/api/health").json()
    (own_settings.index_dir / "manifest.json").write_text("{broken", encoding="utf-8")
    runtime = own_client.app.state.runtime  # type: ignore[attr-defined]
    deadline = time.monotonic() + 30
    while runtime.last_error is None:
        assert time.monotonic() < deadline
        runtime.check_for_new_index()
        time.sleep(0.1)
    health = own_client.get("/api/health")
    assert health.status_code == 200 and health.json()["version"] == before["version"]
    assert (
        health.json()["status"] == "degraded" and "lixia-qa ingest" in health.json()["index_error"]
    )
    assert own_client.get("/api/search", params={"q": "幼儿园"}).status_code == 200
