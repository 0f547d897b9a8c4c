"""Reading folders: encodings detected, bad files skipped with a warning naming them."""

import logging

import pytest

from ingest.loader import decode, read_folder
from lixia_qa.errors import IngestError


def test_reads_utf8_bom_and_gb18030(corpus_dir) -> None:
    files = {f.doc_id: f for f in read_folder(corpus_dir)}
    assert set(files) == {"notice_2023.txt", "news_2024.md", "sub/culture_2022.txt"}
    assert files["sub/culture_2022.txt"].encoding == "gb18030"
    assert "青山古镇" in files["sub/culture_2022.txt"].text
    assert not files["news_2024.md"].text.startswith("\ufeff")


def test_skips_binary_and_empty_files_with_named_warning(corpus_dir, caplog) -> None:
    with caplog.at_level(logging.WARNING):
        read_folder(corpus_dir)
    assert "picture.txt: not a text file" in caplog.text
    assert "empty.txt: empty" in caplog.text


def test_folder_without_documents_is_a_clear_error(tmp_path) -> None:
    (tmp_path / "x.txt").write_bytes(b"\x00\x01\x02")
    with pytest.raises(IngestError, match="no usable document"):
        read_folder(tmp_path)
    with pytest.raises(IngestError, match="is not a folder"):
        read_folder(tmp_path / "missing")


def test_decode_gbk_and_utf8() -> None:
    assert decode("历下区".encode("gbk")) == ("历下区", "gb18030")
    assert decode("历下区".encode()) == ("历下区", "utf-8-sig")
    assert decode(b"\x00\x00binary") is None
