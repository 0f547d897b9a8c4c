"""Check that the character classes built from ``lixia_qa.zh`` cut the same answer units
and find the same figures as the hand-written ones they replaced, on real corpora.

    .venv/bin/python bench/check_zh_classes.py INDEX_DIR [INDEX_DIR ...]

Each index directory is only read (documents.jsonl, commitments.jsonl, units.jsonl).
For every document it compares, byte for byte, the answer units built with the current
regexes against those built with the old ones (and against the stored units), and the
NUMBER_RE matches over the document and over each unit. Exits 1 on any difference.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from answer.sentences import NUMBER_RE
from ingest import units
from lixia_qa.types import AnswerUnit, Commitment, Document

OLD_SENTENCE_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|…{1,2}[”’」』）)]*|\n+")
OLD_CLAUSE_END = re.compile(r"[，,：:][”’」』）)]*")
OLD_LEAD = re.compile(r"^[\s，。、；：,.;:！？!?”’）)】》]+")
OLD_CLOSING = "。！？!?；;…”’）)"
OLD_NUMBER_RE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|万|亿|千|百)?(?![\d.年月日时])"
    r"|(?:[二两三四五六七八九十百千万][一二两三四五六七八九十百千万]*|一[十百千万]+)"
    r"(?=[个所处家项座条名次场亿万栋户人倍类级])"
    r"|[一二两三四五六七八九十百千]{2,}(?![年月日号大届])"
    r"|(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+|\b[IVX]{1,4})(?=\s*[类级期])"
)


@contextmanager
def old_unit_regexes() -> Iterator[None]:
    """Swap the hand-written regexes back into ``ingest.units`` for the duration."""
    saved = (
        units.split_spans.__defaults__,
        units.CLAUSE_END,
        units._LEAD,
        units.CLOSING,
    )
    units.split_spans.__defaults__ = (OLD_SENTENCE_END, ())
    units.CLAUSE_END, units._LEAD, units.CLOSING = OLD_CLAUSE_END, OLD_LEAD, OLD_CLOSING
    try:
        yield
    finally:
        units.split_spans.__defaults__ = saved[0]
        units.CLAUSE_END, units._LEAD, units.CLOSING = saved[1:]


def _read(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _dump(found: list[AnswerUnit]) -> list[str]:
    return [json.dumps(asdict(u), ensure_ascii=False) for u in found]


def _figures(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def check(index: Path, settings: dict[str, int]) -> dict[str, int]:
    docs = [Document.from_dict(d) for d in _read(index / "documents.jsonl")]
    commitments = [Commitment.from_dict(c) for c in _read(index / "commitments.jsonl")]
    stored: dict[str, list[str]] = {}
    for line in (index / "units.jsonl").read_text(encoding="utf-8").splitlines():
        stored.setdefault(json.loads(line)["doc_id"], []).append(line)
    counts = dict.fromkeys(
        ["documents", "units", "unit_diffs", "stored_diffs", "figures", "figure_diffs"], 0
    )
    for doc in docs:
        new = _dump(units.answer_units(doc, commitments, **settings))
        with old_unit_regexes():
            old = _dump(units.answer_units(doc, commitments, **settings))
        counts["documents"] += 1
        counts["units"] += len(new)
        counts["unit_diffs"] += new != old
        # stored lines were written by json.dumps(ensure_ascii=False) of the same dicts
        counts["stored_diffs"] += new != stored.get(doc.doc_id, [])
        texts = [doc.text, *(json.loads(line)["text"] for line in new)]
        for text in texts:
            figures = _figures(NUMBER_RE, text)
            counts["figures"] += len(figures)
            counts["figure_diffs"] += figures != _figures(OLD_NUMBER_RE, text)
    return counts


def main(paths: list[str]) -> int:
    failed = False
    for name in paths:
        index = Path(name)
        manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
        chunking = manifest["chunking"]
        settings = {k: chunking[k] for k in ("long_sentence", "window_chars")}
        counts = check(index, settings)
        print(index, json.dumps(counts))
        failed |= bool(counts["unit_diffs"] or counts["figure_diffs"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
