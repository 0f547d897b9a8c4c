"""The served documents folder is filled from the seeds once, and never writes to them."""

from __future__ import annotations

from pathlib import Path

from server.documents import remove_document, seed_folder, write_document


def make_seeds(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    (seeds / "sub").mkdir(parents=True)
    (seeds / "a.txt").write_text("青山区通知", encoding="utf-8")
    (seeds / "sub" / "b.md").write_text("# 白塔区", encoding="utf-8")
    (seeds / ".hidden").write_text("x", encoding="utf-8")
    return seeds


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_first_run_copies_the_seeds(tmp_path: Path) -> None:
    seeds = make_seeds(tmp_path)
    docs = tmp_path / "data" / "documents"
    assert seed_folder(docs, seeds) == 2
    assert snapshot(docs) == {"a.txt": "青山区通知".encode(), "sub/b.md": "# 白塔区".encode()}
    assert [p.name for p in docs.parent.iterdir()] == ["documents"]  # no temporary left


def test_uploads_and_deletes_change_the_copy_not_the_seeds(tmp_path: Path) -> None:
    seeds = make_seeds(tmp_path)
    before = snapshot(seeds)
    docs = tmp_path / "docs"
    seed_folder(docs, seeds)
    write_document(docs, "new.txt", "星湖图书馆".encode())
    remove_document(docs, "a.txt")
    assert snapshot(seeds) == before
    assert set(snapshot(docs)) == {"new.txt", "sub/b.md"}


def test_an_existing_folder_is_never_seeded_again(tmp_path: Path) -> None:
    seeds = make_seeds(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()  # staff removed every document: it stays empty
    assert seed_folder(docs, seeds) == 0 and snapshot(docs) == {}
    assert seed_folder(tmp_path / "other", None) == 0  # seeding switched off
    assert seed_folder(tmp_path / "other", tmp_path / "none") == 0  # no seeds
    assert not (tmp_path / "other").exists()
