"""Scanned pages read by OCR (ingest/readers/ocr.py): the placement of what the engine
reads, with an engine that returns lines written for the test, and the real engine
(when installed) on a scan of a notice written for the test (fixtures/)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from ingest.loader import scan_folder
from ingest.pipeline import prepare_file
from ingest.readers import UnreadableFileError, ocr, read_bytes

SCAN = Path(__file__).parent / "fixtures" / "scanned_notice.pdf"


class _Engine:
    """Returns ``lines`` for any image, as RapidOCR does: (box, text, confidence)."""

    def __init__(self, lines: list[tuple[float, float, float, float, str, float]]) -> None:
        self.lines = lines

    def __call__(self, image: object) -> tuple[list[list[object]], list[float]]:
        out = [
            [[[x0, y0], [x1, y0], [x1, y1], [x0, y1]], text, conf]
            for x0, y0, x1, y1, text, conf in self.lines
        ]
        return out, [0.1]


def _with_engine(monkeypatch: pytest.MonkeyPatch, engine: _Engine) -> None:
    monkeypatch.setattr(ocr, "_engine", lambda: engine)


def test_lines_are_placed_in_the_pages_units_and_noise_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _with_engine(
        monkeypatch,
        _Engine(
            [(240, 100, 1000, 140, "各乡镇人民政府：", 0.99), (900, 1300, 1100, 1500, "印", 0.31)]
        ),
    )
    (line,) = ocr.read_image(Image.new("L", (1190, 1684), 255), scale=2)
    assert (line.text, line.x0, line.x1, line.top, line.bottom, line.size) == (
        "各乡镇人民政府：",
        120.0,
        500.0,
        50.0,
        70.0,
        20.0,
    )  # the seal's ring, read with confidence 0.31, is not text


def test_a_scanned_page_is_read_by_ocr_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_engine(
        monkeypatch,
        _Engine(
            [
                (240, 100, 1100, 140, "为进一步改善全县生态环境，现就春季义务植树", 0.98),
                (200, 160, 700, 200, "工作通知如下。", 0.97),
            ]
        ),
    )
    got = read_bytes(SCAN.read_bytes(), "scan.pdf")
    assert got.text == "为进一步改善全县生态环境，现就春季义务植树工作通知如下。"
    assert got.notes == ("page 1: no text layer, read by OCR",) and not got.warnings


def test_a_scan_ocr_finds_no_text_in_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_engine(monkeypatch, _Engine([]))
    with pytest.raises(UnreadableFileError, match="not even by OCR"):
        read_bytes(SCAN.read_bytes(), "blank.pdf")


@pytest.mark.slow
@pytest.mark.skipif(not ocr.available(), reason="the optional OCR is not installed here")
def test_the_real_engine_reads_a_scanned_notice(tmp_path: Path) -> None:
    path = tmp_path / "通知.pdf"
    path.write_bytes(SCAN.read_bytes())
    doc = prepare_file(path, path.name)
    assert scan_folder(tmp_path).skipped == []  # read, not skipped
    assert doc.title == "关于做好2025年春季义务植树工作的通知"
    assert (
        "为进一步改善全县生态环境，经县政府同意，现就今年春季义务植树工作通知如下："
        "全县计划新增造林面积1.2万亩，新建村庄绿化示范点15个。"
    ) in doc.text
    assert "联系电话：0839-7202345。" in doc.text
