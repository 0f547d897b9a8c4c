"""Word 97-2003 .doc files (ingest/readers/word97.py), written for the tests by
word97_writer with every paragraph, cell and row end known."""

from __future__ import annotations

import contextlib
import random
import struct
from functools import partial
from pathlib import Path

import pytest
from word97_writer import build_doc, compound_file, word_streams

from ingest.pipeline import prepare_file
from ingest.readers import UnreadableFileError, read_bytes
from ingest.readers.base import container

NOTICE = [
    ("江北区2024年民生实事项目任务分解表", "p"),
    ("各街道、各部门：现将任务分解如下。", "p"),
    ("序号", "cell"),
    ("项目", "cell"),
    ("牵头领导", "cell"),
    ("责任单位", "cell"),
    ("", "row"),
    ("1", "cell"),
    ("新建城市书房", "cell"),
    ("周敏", "cell"),
    ("区文化旅游委", "in cell"),  # a cell of two paragraphs
    ("区教体局", "cell"),
    ("", "row"),
    ("2", "cell"),
    ("改造农贸市场", "cell"),
    ("何强", "cell"),
    ("区商务委", "cell"),
    ("", "row"),
    ("特此通知。", "p"),
]
ROWS = (
    "序号 | 项目 | 牵头领导 | 责任单位\n"
    "1 | 新建城市书房 | 周敏 | 区文化旅游委 区教体局\n"
    "2 | 改造农贸市场 | 何强 | 区商务委"
)


def test_paragraphs_and_tables_in_order() -> None:
    doc = read_bytes(build_doc(NOTICE), "任务分解表.doc")
    assert doc.kind == "doc"
    assert doc.text == (
        f"江北区2024年民生实事项目任务分解表\n\n各街道、各部门：现将任务分解如下。\n\n{ROWS}\n\n特此通知。"
    )


def test_a_row_end_with_its_properties_in_the_data_stream_ends_the_row() -> None:
    # Word keeps a row end's layout (and with it the row-end flag) in the Data stream
    assert ROWS in read_bytes(build_doc(NOTICE, huge_rows=True), "a.doc").text


def test_a_piece_stored_one_byte_a_character_is_read() -> None:
    doc = read_bytes(build_doc(NOTICE[:2], compressed_title="Notice No. 5"), "a.doc")
    assert doc.text.startswith("Notice No. 5\n\n江北区2024年民生实事项目任务分解表")


def test_a_field_shows_its_result_not_its_instruction() -> None:
    link = '见\x13 HYPERLINK "http://www.example.gov.cn/" \x14区政府网站\x15公告。'
    assert read_bytes(build_doc([(link, "p")]), "a.doc").text == "见区政府网站公告。"


def test_a_wps_file_in_word_format_is_read() -> None:
    assert ROWS in read_bytes(build_doc(NOTICE), "任务.wps").text


def test_a_task_table_in_a_doc_gives_one_commitment_per_row(tmp_path: Path) -> None:
    from ingest.commitments import parse_commitments
    from ingest.structure import heading_path

    path = tmp_path / "任务分解表.doc"
    path.write_bytes(build_doc(NOTICE))
    doc = prepare_file(path, path.name)
    found = parse_commitments(doc.doc_id, doc.text, partial(heading_path, doc.sections), doc.tables)
    assert [(c.task.split("；")[0], c.leaders) for c in found] == [
        ("新建城市书房", ("周敏",)),
        ("改造农贸市场", ("何强",)),
    ]


def test_a_word_single_file_web_page_saved_as_doc_is_read() -> None:
    page = "<html><body><h1>关于开展春季植树活动的通知</h1><p>各街道：请于3月12日前报送名单。</p></body></html>"
    saved = (
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; boundary="----=_NextPart_01"\r\n\r\n'
        '------=_NextPart_01\r\nContent-Type: text/html; charset="utf-8"\r\n'
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
        f"{page}\r\n------=_NextPart_01--\r\n"
    ).encode()
    assert container(saved) == "mime"
    assert "3月12日前报送名单" in read_bytes(saved, "通知.doc").text


def _with_flags(flags: int) -> bytes:
    word, table, _ = word_streams(NOTICE)
    word = bytearray(word)
    struct.pack_into("<H", word, 0x0A, flags)
    return compound_file({"WordDocument": bytes(word), "1Table": table})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_with_flags(0x0200 | 0x0100), "encrypted: save it without a password"),
        (_with_flags(0x0000), "has no 0Table stream"),  # says its table stream is 0Table
        (compound_file({"Workbook": b"\x00" * 64}), "not a Word document"),  # a renamed .xls
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "not a Word document"),
        (b"%PDF-1.4 not a word file", "not a Word document"),
    ],
)
def test_what_is_not_a_readable_word_document_says_why(data: bytes, message: str) -> None:
    with pytest.raises(UnreadableFileError, match=message):
        read_bytes(data, "a.doc")


def test_a_damaged_piece_table_is_a_named_error() -> None:
    word, table, _ = word_streams(NOTICE)
    broken = compound_file({"WordDocument": word, "1Table": b"\x07" + table[1:]})
    with pytest.raises(UnreadableFileError, match="piece table is damaged"):
        read_bytes(broken, "a.doc")


def test_a_damaged_document_is_refused_with_a_reason_never_a_crash() -> None:
    good = build_doc(NOTICE, huge_rows=True)
    rng = random.Random(7)
    damaged = [good[:n] for n in range(0, len(good), 211)]
    for _ in range(300):  # bytes changed past the compound file's header and FAT
        data = bytearray(good)
        for _ in range(rng.randint(1, 6)):
            data[rng.randrange(3 * 512, len(data))] = rng.randrange(256)
        damaged.append(bytes(data))
    for data in damaged:  # anything but UnreadableFileError (IndexError …) fails the test
        with contextlib.suppress(UnreadableFileError):
            read_bytes(data, "a.doc")
