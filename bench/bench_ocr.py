"""OCR benchmark: seconds a scanned page takes to read, and how much of it is read right.

Reads the scanned notice of the tests (tests/ingest/fixtures/scanned_notice.pdf, text
written for them, the top of an A4 page at 144 dpi) as a PDF, as a JPEG photo and as a
full page (the notice twice, one under the other), each ``--repeat`` times, and
prints the median seconds a page and the share of the notice's characters read back.
The first read also loads the engine (printed apart).

    .venv/bin/python bench/bench_ocr.py [--repeat 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import difflib
import io
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "ingest" / "fixtures"))

from ingest.readers import ocr, read_bytes  # noqa: E402

SCAN = ROOT / "tests" / "ingest" / "fixtures" / "scanned_notice.pdf"


def _truth() -> str:
    from make_scanned_notice import LINES, TITLE

    return TITLE + "".join(line.strip() for line in LINES)


def _images() -> dict[str, tuple[bytes, str]]:
    import pdfplumber
    from PIL import Image

    with pdfplumber.open(SCAN) as pdf:
        top = pdf.pages[0].to_image(resolution=144).original.convert("L")
    photo = io.BytesIO()
    top.save(photo, "JPEG", quality=80)
    page = Image.new("L", (top.width, top.height * 2), 255)
    for i in range(2):
        page.paste(top, (0, i * top.height))
    full = io.BytesIO()
    page.save(full, "PNG")
    return {
        "scanned PDF (top of a page)": (SCAN.read_bytes(), "notice.pdf"),
        "JPEG photo (top of a page)": (photo.getvalue(), "notice.jpg"),
        "PNG, the notice twice (a full page)": (full.getvalue(), "page.png"),
    }


def _read_share(text: str, truth: str) -> float:
    """Share of the notice's characters found, in order, in what was read."""
    got = "".join(text.split())
    blocks = difflib.SequenceMatcher(None, truth, got, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(truth)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    if not ocr.available():  # loads the engine
        print("OCR is not installed (pip install 'lixia-qa[ocr]'): nothing to measure")
        return 1
    load = time.perf_counter() - t0
    truth = _truth()
    results: dict[str, dict[str, float]] = {"engine load": {"seconds": round(load, 2)}}
    print(f"engine load: {load:.2f} s")
    print("| input | s a page (median) | characters read |")
    print("|---|---|---|")
    for name, (data, filename) in _images().items():
        times, text = [], ""
        for _ in range(args.repeat):
            t = time.perf_counter()
            text = read_bytes(data, filename).text
            times.append(time.perf_counter() - t)
        share = _read_share(text, truth if "twice" not in name else truth * 2)
        results[name] = {"seconds": round(statistics.median(times), 2), "read": round(share, 3)}
        print(f"| {name} | {statistics.median(times):.2f} | {share:.3f} |")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
