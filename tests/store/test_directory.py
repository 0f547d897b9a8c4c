"""A killed ingest's temporary and old directories are removed by the next ingest."""

from __future__ import annotations

import os
import shutil

from ingest.pipeline import build_index


def test_next_ingest_removes_stale_dirs(settings, corpus_dir, tmp_path) -> None:
    s = settings.model_copy(update={"index_dir": tmp_path / "index"})
    stale = [tmp_path / ".index.tmp-abc123", tmp_path / ".index.old-4242"]
    for d in stale:
        (d / "bm25").mkdir(parents=True)
        (d / "chunks.jsonl").write_text("{}\n", encoding="utf-8")
        os.utime(d, (0, 0))  # untouched for decades: not a concurrent write
    fresh = tmp_path / ".index.tmp-now"  # looks like a write in progress: kept
    fresh.mkdir()
    build_index(s)
    assert not any(d.exists() for d in stale)
    assert fresh.exists() and (tmp_path / "index" / "manifest.json").is_file()
    shutil.rmtree(fresh)


def test_rewriting_the_directory_keeps_a_milvus_lite_file(settings, tmp_path) -> None:
    s = settings.model_copy(update={"index_dir": tmp_path / "index", "store": "local"})
    build_index(s)
    lite = s.index_dir / "milvus.db"
    lite.mkdir()
    (lite / "LOCK").write_text("", encoding="utf-8")
    build_index(s, force=True)
    assert (lite / "LOCK").is_file() and (s.index_dir / "manifest.json").is_file()
