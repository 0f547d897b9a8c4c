"""Several servers, one store: two server processes over one Milvus server (a Milvus Lite
server on the loopback address) each serve the documents the other uploads."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ingest.pipeline import build_index

KEY = "shared-store-key"
ADMIN = {"Authorization": f"Bearer {KEY}"}
NEW_DOC = "青山区关于建设星湖图书馆的通知\n\n2024年，青山区将新建星湖图书馆1座，藏书30万册。\n"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(check, what: str, timeout: float = 120) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (httpx.HTTPError, OSError):
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT)


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture
def milvus_uri(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    args = [str(BIN / "milvus-lite"), "server", "--data-dir", str(tmp_path / "milvus")]
    proc = start([*args, "--host", "127.0.0.1", "--port", str(port)], dict(os.environ),
                 tmp_path / "milvus.log")  # fmt: skip

    def listening() -> bool:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True

    try:
        wait_until(listening, "the Milvus Lite server")
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


@pytest.mark.multiprocess
def test_two_servers_share_one_milvus_store(milvus_uri, settings, corpus_dir, tmp_path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(corpus_dir, docs)
    shared = settings.model_copy(
        update={"store": "milvus", "milvus_uri": milvus_uri, "docs_dir": docs,
                "index_dir": tmp_path / "index"}
    )  # fmt: skip
    build_index(shared)
    env = {
        **os.environ,
        "LIXIA_STORE": "milvus",
        "LIXIA_MILVUS_URI": milvus_uri,
        "LIXIA_MODEL": "hash",
        "LIXIA_DOCS_DIR": str(docs),
        "LIXIA_INDEX_DIR": str(tmp_path / "index"),
        "LIXIA_CHUNK_SIZE": str(settings.chunk_size),
        "LIXIA_CHUNK_OVERLAP": str(settings.chunk_overlap),
        "LIXIA_ADMIN_KEY": KEY,
        "LIXIA_INDEX_POLL_SECONDS": "0.5",
        "LIXIA_FEEDBACK_DB": str(tmp_path / "feedback.sqlite"),
    }
    ports = [free_port(), free_port()]
    procs = [
        start(
            [str(BIN / "lixia-qa"), "serve", "--no-ui", "--port", str(p)],
            env,
            tmp_path / f"server-{i}.log",
        )  # fmt: skip
        for i, p in enumerate(ports)
    ]
    try:
        a, b = (httpx.Client(base_url=f"http://127.0.0.1:{p}", timeout=60) for p in ports)
        for client in (a, b):
            wait_until(lambda c=client: c.get("/api/health").status_code == 200, "a server")
        before = b.get("/api/health").json()
        assert before["store"] == "milvus" and before["documents"] == 3
        r = a.post("/api/documents", headers=ADMIN,
                   files={"file": ("library.txt", NEW_DOC.encode(), "text/plain")})  # fmt: skip
        assert r.status_code == 202, r.text
        job = r.json()["job"]
        wait_until(
            lambda: a.get(f"/api/jobs/{job['id']}", headers=ADMIN).json()["state"] == "done",
            "the upload's re-index",
        )
        # the other server picks the new version up from the store, without a restart
        wait_until(lambda: b.get("/api/health").json()["documents"] == 4, "the other server")
        hits = b.get("/api/search", params={"q": "星湖图书馆藏书"}).json()["hits"]
        assert hits[0]["doc_id"] == "library.txt"
        assert b.get("/api/documents/library.txt").status_code == 200
        r = b.delete("/api/documents/library.txt", headers=ADMIN)
        assert r.status_code == 202
        wait_until(lambda: a.get("/api/documents/library.txt").status_code == 404, "the delete")
    finally:
        for proc in procs:
            stop(proc)


def test_workers_refuse_a_store_one_process_holds(tmp_path, monkeypatch, capsys) -> None:
    from app.cli import main
    from lixia_qa.settings import get_settings

    monkeypatch.setenv("LIXIA_STORE", "local")
    monkeypatch.setenv("LIXIA_INDEX_DIR", str(tmp_path / "index"))
    get_settings.cache_clear()
    try:
        code = main(["serve", "--no-ui", "--workers", "2"])
    finally:
        get_settings.cache_clear()
    assert code == 2 and "LIXIA_STORE=milvus" in capsys.readouterr().err
