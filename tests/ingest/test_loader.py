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


PAGE = (
    "<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
    "<h1>{title}</h1><p>{body}</p></body></html>"
)


def test_a_page_saved_complete_is_read_without_its_resource_folder(tmp_path) -> None:
    from ingest.loader import scan_folder

    notice = PAGE.format(
        title="关于开展春季植树活动的通知", body="请各街道于3月12日前报送参加人员名单。"
    )
    (tmp_path / "植树通知.html").write_text(notice, encoding="utf-8")
    files = tmp_path / "植树通知_files"
    files.mkdir()
    (files / "share.htm").write_text(
        PAGE.format(title="分享到", body="微信 微博 QQ空间 复制链接，扫一扫在手机打开当前页。"),
        encoding="utf-8",
    )
    (files / "style.css").write_text("body{color:#333}", encoding="utf-8")
    # a folder that only looks like one: no page of that name beside it
    other = tmp_path / "年度报告_files"
    other.mkdir()
    (other / "报告.txt").write_text("2023年全区新建公园5个。", encoding="utf-8")
    scan = scan_folder(tmp_path)
    assert sorted(f.doc_id for f in scan.files) == ["年度报告_files/报告.txt", "植树通知.html"]
    assert [s.doc_id for s in scan.skipped] == ["植树通知_files/"]
    assert "植树通知.html: 2 files not read" in scan.skipped[0].reason
