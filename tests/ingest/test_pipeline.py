"""Index build: manifest, atomic write, incremental re-embedding, clear mismatch errors."""

import json
import shutil

import numpy as np
import pytest

from ingest.pipeline import build_index
from lixia_qa.errors import IndexMismatchError, IngestError
from store.directory import check_compatible, load_index, read_manifest
from store.embedders import HashEmbedder


class CountingEmbedder(HashEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def encode_documents(self, texts):  # type: ignore[no-untyped-def]
        self.seen.extend(texts)
        return super().encode_documents(texts)


def test_manifest_describes_the_index(built, settings) -> None:
    manifest = read_manifest(settings.index_dir)
    assert manifest["model"] == "hash"
    assert manifest["dimension"] == 256
    assert manifest["chunking"]["chunk_size"] == settings.chunk_size
    assert set(manifest["documents"]) == {"notice_2023.txt", "news_2024.md", "sub/culture_2022.txt"}
    assert manifest["counts"]["chunks"] == built.chunks > 0
    assert "faiss-cpu" in manifest["versions"] and manifest["created"]
    check_compatible(manifest, settings, "hash")


def test_mismatched_settings_name_the_command(built, settings) -> None:
    manifest = read_manifest(settings.index_dir)
    with pytest.raises(IndexMismatchError, match="lixia-qa ingest"):
        check_compatible(manifest, settings, "st:other-model")
    other = settings.model_copy(update={"chunk_size": 999})
    with pytest.raises(IndexMismatchError, match="chunking"):
        check_compatible(manifest, other, "hash")


def test_changing_one_document_reembeds_only_it(tmp_path, corpus_dir, settings) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(corpus_dir, docs)
    local = settings.model_copy(update={"docs_dir": docs, "index_dir": tmp_path / "index"})
    first = CountingEmbedder()
    report = build_index(local, embedder=first)
    index = load_index(local.index_dir)
    texts = {c.index_text() for c in index.chunks} | {u.text for u in index.units}
    # every distinct text of chunks and answer units, once (long sentences are derived)
    assert report.embedded == len(set(first.seen)) == len(first.seen) <= len(texts)
    assert report.reused == 0

    again = CountingEmbedder()
    assert build_index(local, embedder=again).up_to_date and again.seen == []

    path = docs / "sub" / "culture_2022.txt"
    path.write_bytes(path.read_bytes() + "全年新增星级酒店5家。\n".encode("gb18030"))
    changed = CountingEmbedder()
    report = build_index(local, embedder=changed)
    index = load_index(local.index_dir)
    culture = [c.index_text() for c in index.chunks if c.doc_id == "sub/culture_2022.txt"]
    culture += [u.text for u in index.units if u.doc_id == "sub/culture_2022.txt"]
    assert changed.seen and set(changed.seen) <= set(culture)
    assert report.reused > 0 and report.embedded == len(changed.seen)
    # vectors of reused chunks and units are the ones a fresh embedding gives
    fresh = HashEmbedder().encode_documents([c.index_text() for c in index.chunks])
    assert np.allclose(index.embeddings(), fresh, atol=1e-6)
    plain = [
        i
        for i, u in enumerate(index.units)
        if u.kind != "window" and not any(w.parent == u.unit_id for w in index.units)
    ]
    fresh_units = HashEmbedder().encode_documents([index.units[i].text for i in plain])
    assert np.allclose(index.unit_vectors[plain], fresh_units, atol=1e-6)


def test_failed_ingest_keeps_the_previous_index(tmp_path, corpus_dir, settings) -> None:
    local = settings.model_copy(update={"index_dir": tmp_path / "index"})
    build_index(local)
    before = (local.index_dir / "manifest.json").read_text(encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(IngestError):
        build_index(local.model_copy(update={"docs_dir": empty}))

    class Broken(HashEmbedder):
        def encode_documents(self, texts):  # type: ignore[no-untyped-def]
            raise RuntimeError("model crashed")

    with pytest.raises(RuntimeError):
        build_index(local, embedder=Broken(), force=True)
    assert (local.index_dir / "manifest.json").read_text(encoding="utf-8") == before
    assert json.loads(before)["counts"]["documents"] == 3
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".index")]


def test_a_change_in_the_corpus_facts_code_refreshes_the_index(
    tmp_path, corpus_dir, settings, monkeypatch
) -> None:
    """Facts (districts, latest year) are derived at ingest: when the code deriving them
    changes, an index of unchanged documents is refreshed, re-using every vector."""
    import ingest.pipeline as pipeline

    local = settings.model_copy(update={"docs_dir": corpus_dir, "index_dir": tmp_path / "index"})
    build_index(local, embedder=HashEmbedder())
    real = pipeline.corpus_facts
    monkeypatch.setattr(
        pipeline, "corpus_facts", lambda docs, tok: {**real(docs, tok), "districts": ["青川"]}
    )
    again = CountingEmbedder()
    report = build_index(local, embedder=again)
    assert not report.up_to_date and again.seen == [] and report.reused > 0
    assert load_index(local.index_dir).facts["districts"] == ["青川"]
    assert build_index(local, embedder=again).up_to_date


def test_a_change_in_the_embedded_text_code_re_embeds_everything(
    tmp_path, corpus_dir, settings, monkeypatch
) -> None:
    """When the code that makes the embedded texts changes (Chunk.index_text), an index
    of unchanged documents is rebuilt and none of its vectors is re-used: each is filed
    under a text the old code made."""
    import ingest.pipeline as pipeline
    import store.directory as directory

    local = settings.model_copy(update={"docs_dir": corpus_dir, "index_dir": tmp_path / "index"})
    first = CountingEmbedder()
    build_index(local, embedder=first)
    for module in (pipeline, directory):
        monkeypatch.setattr(module, "embedded_text_version", lambda: "0123456789abcdef")
    again = CountingEmbedder()
    report = build_index(local, embedder=again)
    assert not report.up_to_date and report.reused == 0
    assert sorted(again.seen) == sorted(first.seen)
    assert read_manifest(local.index_dir)["embedded_text"] == "0123456789abcdef"
    assert build_index(local, embedder=again).up_to_date


def test_a_change_in_the_answer_unit_code_refreshes_the_index(
    tmp_path, corpus_dir, settings, monkeypatch
) -> None:
    """Answer units are cut at ingest: when the code cutting them changes, an index of
    unchanged documents gets the new units (their documents are not kept as they were),
    re-using the vectors of texts it already had."""
    import ingest.pipeline as pipeline

    local = settings.model_copy(update={"docs_dir": corpus_dir, "index_dir": tmp_path / "index"})
    build_index(local, embedder=HashEmbedder())
    before = {u.unit_id for u in load_index(local.index_dir).units}
    real = pipeline.answer_units
    monkeypatch.setattr(
        pipeline,
        "answer_units",
        lambda doc, *args: [u for u in real(doc, *args) if u.kind != "heading"],
    )
    again = CountingEmbedder()
    report = build_index(local, embedder=again)
    assert not report.up_to_date and again.seen == [] and report.reused > 0
    after = load_index(local.index_dir).units
    assert after and all(u.kind != "heading" for u in after) and len(after) < len(before)
    assert build_index(local, embedder=again).up_to_date
