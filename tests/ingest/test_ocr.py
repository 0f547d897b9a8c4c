"""Scanned pages read by OCR (ingest/readers/ocr.py): the placement of what the engine
reads, with an engine that returns lines written for the test, and the real engine
(when installed) on a scan of a notice written for the test (fixtures/)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from ofd_writer import build_ofd, image_object
from PIL import Image

from ingest.loader import scan_folder
from ingest.pipeline import prepare_file
from ingest.readers import UnreadableFileError, ocr, ofd, read_bytes

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


def test_a_scanned_ofd_page_has_its_image_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # a page image 1050 pixels wide over 210 mm: 5 pixels a millimetre
    _with_engine(monkeypatch, _Engine([(150, 200, 900, 240, "关于开展防汛检查的通知", 0.99)]))
    scan = build_ofd([[image_object(7, (0.0, 0.0, 210.0, 297.0))]], images={7: _png((1050, 1485))})
    got = read_bytes(scan, "scan.ofd")
    assert got.text == "关于开展防汛检查的通知"
    assert got.notes == ("page 1: no text, its images read by OCR",)
    with zipfile.ZipFile(io.BytesIO(scan)) as archive:
        ((path, media),) = ofd._page_paths(archive)
        (line,) = ofd._scanned(archive, ofd._part(archive, path), media)
    assert (line.x0, line.top) == (30.0, 40.0)  # placed in millimetres on the page


def _png(size: tuple[int, int] = (600, 400)) -> bytes:
    out = io.BytesIO()
    Image.new("L", size, 255).save(out, "PNG")
    return out.getvalue()


def test_an_image_of_text_is_read_as_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_engine(
        monkeypatch,
        _Engine(
            [
                (40, 40, 560, 80, "政策图解：城乡居民医保缴费标准", 0.99),
                (40, 120, 300, 150, "每人每年380元。", 0.98),
            ]
        ),
    )
    got = read_bytes(_png(), "图解.png")
    assert got.kind == "image" and got.notes == ("read by OCR (1 page)",)
    assert got.text == "政策图解：城乡居民医保缴费标准\n\n每人每年380元。"


def test_each_frame_of_a_tiff_is_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    _with_engine(
        monkeypatch, _Engine([(40, 40, 560, 80, "传真件：关于召开防汛工作会议的通知", 0.99)])
    )
    out = io.BytesIO()
    frames = [Image.new("L", (600, 400), 255) for _ in range(3)]
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    assert read_bytes(out.getvalue(), "fax.tif").notes == ("read by OCR (3 pages)",)


@pytest.mark.parametrize(
    ("data", "engine", "message"),
    [
        (_png(), _Engine([]), "OCR finds no text"),  # a photo, a logo
        (b"\x89PNG\r\n\x1a\n not really an image", _Engine([]), "not a readable image"),
        (_png((9000, 8000)), _Engine([]), "too large to read"),
        (_png((120, 40)), _Engine([(0, 0, 100, 30, "首页", 0.99)]), "too small"),  # an icon
    ],
)
def test_an_image_without_text_or_broken_is_refused(
    monkeypatch: pytest.MonkeyPatch, data: bytes, engine: _Engine, message: str
) -> None:
    _with_engine(monkeypatch, engine)
    with pytest.raises(UnreadableFileError, match=message):
        read_bytes(data, "a.png")


def test_without_ocr_an_image_says_how_to_read_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(UnreadableFileError, match=r"lixia-qa\[ocr\]"):
        read_bytes(_png(), "notice.jpg")


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


def _scan_image() -> Image.Image:
    """The scanned notice's page as an image, as a camera or a scanner would give it."""
    import pdfplumber

    with pdfplumber.open(SCAN) as pdf:
        return pdf.pages[0].to_image(resolution=144).original


@pytest.mark.slow
@pytest.mark.skipif(not ocr.available(), reason="the optional OCR is not installed here")
def test_the_real_engine_reads_a_photographed_notice() -> None:
    image = _scan_image()
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    got = read_bytes(out.getvalue(), "通知照片.jpg")
    assert got.text.startswith(
        "关于做好2025年春季义务植树工作的通知\n\n各乡镇人民政府，县直各部门："
    )


@pytest.mark.slow
@pytest.mark.skipif(not ocr.available(), reason="the optional OCR is not installed here")
def test_the_real_engine_reads_a_scanned_ofd() -> None:
    image = _scan_image()
    out = io.BytesIO()
    image.save(out, "PNG")
    page = [image_object(3, (0.0, 0.0, 210.0, 210.0 * image.height / image.width))]
    got = read_bytes(build_ofd([page], images={3: out.getvalue()}), "扫描件.ofd")
    assert got.text.startswith(
        "关于做好2025年春季义务植树工作的通知\n\n各乡镇人民政府，县直各部门："
    )


def test_a_table_rows_cells_found_apart_make_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    # OCR finds each cell of a scanned task table as a box of its own, a little uneven
    cells = [
        (100, 100, 180, 130, "序号", 0.99),
        (300, 102, 460, 131, "项目", 0.99),
        (700, 99, 860, 129, "牵头单位", 0.99),
        (100, 160, 130, 190, "1", 0.99),
        (300, 161, 620, 191, "新建社区食堂12处", 0.99),
        (700, 159, 860, 190, "区民政局", 0.99),
    ]
    _with_engine(monkeypatch, _Engine(list(reversed(cells))))  # in no particular order
    lines = ocr.read_image(Image.new("L", (1000, 400), 255), scale=1)
    assert [line.text for line in lines] == [
        "序号 | 项目 | 牵头单位",
        "1 | 新建社区食堂12处 | 区民政局",
    ]
    assert all(line.row for line in lines)


def test_a_scanned_task_table_gives_one_commitment_per_row(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from functools import partial

    from ingest.commitments import parse_commitments
    from ingest.structure import heading_path

    rows = [
        ("江北区2025年民生实事任务分解表",),
        ("序号", "项目", "牵头领导", "牵头单位"),
        ("1", "新建社区食堂12处", "周敏", "区民政局"),
        ("2", "改造农贸市场3个", "何强", "区商务委"),
    ]
    xs = (100, 260, 600, 820)
    boxes = [(300, 40, 900, 80, rows[0][0], 0.99)]
    for r, row in enumerate(rows[1:]):
        y = 140 + 60 * r
        for x, cell in zip(xs, row, strict=True):
            boxes.append((x, y, x + 30 * len(cell), y + 30, cell, 0.98))
    _with_engine(monkeypatch, _Engine(boxes))
    path = tmp_path / "任务表.pdf"
    path.write_bytes(SCAN.read_bytes())  # a page without text layer: read by (this) OCR
    doc = prepare_file(path, path.name)
    found = parse_commitments(doc.doc_id, doc.text, partial(heading_path, doc.sections), doc.tables)
    assert [(c.task.split("；")[0], c.leaders, c.lead_units) for c in found] == [
        ("新建社区食堂12处", ("周敏",), ("区民政局",)),
        ("改造农贸市场3个", ("何强",), ("区商务委",)),
    ]


def test_a_task_wrapped_inside_its_cell_stays_in_its_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """A task too long for its cell goes on over a second line under the same column: it
    is joined to its row's cell, not left as a line of its own that breaks the table. A
    row whose first cell is empty (类别 merged over several rows) but that lies a full row
    below is a row of its own."""
    boxes = [
        (100, 100, 130, 130, "1", 0.99),
        (300, 100, 620, 130, "新建社区食堂12处，每处面积", 0.99),
        (700, 100, 760, 130, "周敏", 0.99),
        (860, 100, 980, 130, "区民政局", 0.99),
        (300, 136, 480, 166, "不少于200平方米", 0.99),  # the task's cell, wrapped
        (860, 136, 980, 166, "区财政局", 0.99),  # and the unit's
        (300, 200, 560, 230, "改造农贸市场3个", 0.99),  # 序号 merged above: a new row
        (700, 200, 760, 230, "何强", 0.99),
        (860, 200, 980, 230, "区商务委", 0.99),
    ]
    _with_engine(monkeypatch, _Engine(list(reversed(boxes))))
    lines = ocr.read_image(Image.new("L", (1100, 400), 255), scale=1)
    assert [line.text for line in lines] == [
        "1 | 新建社区食堂12处，每处面积不少于200平方米 | 周敏 | 区民政局区财政局",
        "改造农贸市场3个 | 何强 | 区商务委",
    ]
    assert all(line.row for line in lines)


def test_merged_lines_keep_every_piece_once() -> None:
    """Whatever the boxes (rows, wrapped cells, stray lines), every piece's text is in
    the merged lines exactly once."""
    import random

    from ingest.readers.layout import Item, merge_lines

    rng = random.Random(11)
    for _ in range(200):
        pieces = []
        for k in range(rng.randint(1, 12)):
            x0 = rng.choice((100, 300, 700, 860)) + rng.randint(-5, 5)
            bottom = rng.choice((130, 166, 230, 300)) + rng.randint(-3, 3)
            pieces.append(Item(f"<{k}>", x0, x0 + rng.randint(20, 300), bottom - 30, bottom, 30))
        merged = "".join(line.text for line in merge_lines(pieces))
        assert all(merged.count(p.text) == 1 for p in pieces), merged
