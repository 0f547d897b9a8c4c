"""Admin endpoints: the key, the feedback export, uploading and deleting documents."""

from __future__ import annotations

import csv
import io
import time

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from server.api import create_api
from server.feedback import csv_cell

KEY = "test-admin-key"
ADMIN = {"Authorization": f"Bearer {KEY}"}
NEW_DOC = "青山区关于建设星湖图书馆的通知\n\n2024年，青山区将新建星湖图书馆1座，藏书30万册。\n"


def wait_job(client: TestClient, job: dict, timeout: float = 60) -> dict:  # type: ignore[type-arg]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job['id']}", headers=ADMIN).json()
        if job["state"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job not finished: {job}")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/feedback.csv"),
        ("POST", "/api/documents"),
        ("DELETE", "/api/documents/x.txt"),
        ("GET", "/api/jobs/1"),
    ],
)
def test_admin_endpoints_need_the_key(settings, service, method, path) -> None:
    with_key = settings.model_copy(update={"admin_key": SecretStr(KEY)})
    with TestClient(create_api(with_key, service=service)) as c:
        r = c.request(method, path)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert "Authorization: Bearer" in r.json()["detail"]
        r = c.request(method, path, headers={"Authorization": "Bearer wrong"})
        assert r.status_code == 403 and "管理密钥不正确" in r.json()["detail"]
        r = c.request(method, path, headers={"Authorization": f"Basic {KEY}"})
        assert r.status_code == 401
    with TestClient(create_api(settings, service=service)) as c:
        r = c.request(method, path, headers=ADMIN)
        assert r.status_code == 403 and "LIXIA_ADMIN_KEY" in r.json()["detail"]


def test_public_endpoints_stay_public(settings, service) -> None:
    with_key = settings.model_copy(update={"admin_key": SecretStr(KEY)})
    with TestClient(create_api(with_key, service=service)) as c:
        assert c.get("/api/search", params={"q": "幼儿园"}).status_code == 200
        assert c.post("/api/ask", json={"question": "新建幼儿园几所？"}).status_code == 200
        assert c.get("/api/documents").status_code == 200


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a\x00b\x1bc", "abc"),
        ("\x00=1", "'=1"),
        ("普通文字", "普通文字"),
        (3, 3),
    ],
)
def test_csv_cells_are_neutralised(value, cell) -> None:
    assert csv_cell(value) == cell


def test_feedback_export_is_safe(own_client) -> None:
    vote = {"question": "=cmd|' /C calc'!A0", "answer": "a\x00b\x1b[31m", "vote": "down"}
    assert own_client.post("/api/feedback", json=vote).status_code == 201
    text = own_client.get("/api/feedback.csv", headers=ADMIN).text
    assert "\x00" not in text and "\x1b" not in text
    (_, row) = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert row[3] == "'=cmd|' /C calc'!A0" and row[4] == "ab[31m"


def test_upload_then_delete_changes_answers_without_restart(own_client, own_settings) -> None:
    before = own_client.get("/api/health").json()
    r = own_client.post(
        "/api/documents",
        headers=ADMIN,
        files={"file": ("library.txt", NEW_DOC.encode(), "text/plain")},
    )
    assert r.status_code == 202, r.text
    assert r.json()["doc_id"] == "library.txt"
    job = wait_job(own_client, r.json()["job"])
    assert job["state"] == "done", job
    assert (own_settings.docs_dir / "library.txt").read_text(encoding="utf-8") == NEW_DOC
    health = own_client.get("/api/health").json()
    assert health["documents"] == before["documents"] + 1
    assert health["version"] != before["version"] and health["reindex"]["state"] == "idle"
    hits = own_client.get("/api/search", params={"q": "星湖图书馆藏书"}).json()["hits"]
    assert hits[0]["doc_id"] == "library.txt"

    r = own_client.delete("/api/documents/library.txt", headers=ADMIN)
    assert r.status_code == 202
    assert wait_job(own_client, r.json()["job"])["state"] == "done"
    assert not (own_settings.docs_dir / "library.txt").exists()
    assert own_client.get("/api/documents/library.txt").status_code == 404
    assert own_client.get("/api/health").json()["documents"] == before["documents"]


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("../x.txt", 400),
        ("/etc/x.txt", 400),
        (".hidden.txt", 400),
        ("a/../../x.txt", 400),
        ("x.exe", 415),
        ("x", 415),
        ("tool.exe", 415),  # the loader's suffixes grow (PDF, Word, tables): never programs
    ],
)
def test_bad_upload_names(own_client, own_settings, name, status) -> None:
    r = own_client.post(
        "/api/documents", headers=ADMIN, files={"file": (name, NEW_DOC.encode(), "text/plain")}
    )
    assert r.status_code == status, r.text
    assert r.json()["detail"]
    assert not (own_settings.docs_dir.parent / "x.txt").exists()


def test_upload_limits(own_settings) -> None:
    from ingest.pipeline import build_index

    small = own_settings.model_copy(update={"max_upload_bytes": 100})
    build_index(small)
    with TestClient(create_api(small)) as c:
        big = ("big.txt", ("字" * 200).encode(), "text/plain")
        assert c.post("/api/documents", headers=ADMIN, files={"file": big}).status_code == 413
        huge = ("huge.txt", b"x" * 200_000, "text/plain")  # refused before reading the body
        assert c.post("/api/documents", headers=ADMIN, files={"file": huge}).status_code == 413
        empty = ("empty.txt", b"  \n", "text/plain")
        assert c.post("/api/documents", headers=ADMIN, files={"file": empty}).status_code == 400
        assert c.delete("/api/documents/nope.txt", headers=ADMIN).status_code == 404
    assert not (own_settings.docs_dir / "big.txt").exists()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/documents/..%2F..%2Fetc%2Fpasswd.txt", 404),
        ("/api/documents/.hidden.txt", 404),
        ("/api/documents/tool.exe", 404),
        ("/api/documents/sub/none.txt", 404),
    ],
)
def test_delete_refuses_names_outside_the_documents(own_client, own_settings, path, status) -> None:
    (own_settings.docs_dir / "tool.exe").write_bytes(b"MZ")  # not a document: never deleted
    r = own_client.delete(path, headers=ADMIN)
    assert r.status_code == status, r.text
    assert (own_settings.docs_dir / "tool.exe").exists()
