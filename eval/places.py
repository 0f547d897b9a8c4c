"""`lixia-qa eval --places`: each place of ``eval/places/`` in its own index, asked its
own questions, scored per place and in total.

A place is a folder ``eval/places/<place>/`` holding ``docs/`` (its documents, as found)
and ``questions.jsonl`` (with a ``split`` per question, ``eval/split.py``). Each place is
ingested into ``.cache/places/<place>/`` (not under ``index/``: the seed index is
written whole and would take its subfolders with it); a key over the documents' bytes,
the code that reads them and the index settings is kept beside it, so an unchanged place
is not ingested again and a changed reader or document always is. The report gives, per
place and for all places together, by split: answer accuracy, abstention on unanswerable
questions, false abstention, hit@5 and accuracy per question type; the test split of each
place and of the total is checked against ``eval/places/thresholds.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.runner import LocalBackend, check, load_questions, metrics, run, table
from lixia_qa.errors import LixiaError
from lixia_qa.settings import Settings

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
PLACES_DIR = HERE / "places"
DEFAULT_THRESHOLDS = PLACES_DIR / "thresholds.json"
DEFAULT_CACHE = Path(".cache") / "places"
ROOT = HERE.parent
# the code an index is derived from: a change in any of it re-ingests every place
CODE_DIRS = ("ingest", "store", "lixia_qa")
KEY_FILE = "places-key.txt"
TOTAL = "total"


@dataclass(frozen=True)
class PlaceSet:
    """One place of the eval: its documents and its questions."""

    name: str
    docs: Path
    questions: Path


def find_places(root: Path = PLACES_DIR, only: Sequence[str] = ()) -> list[PlaceSet]:
    """Every folder of ``root`` with ``docs/`` and ``questions.jsonl``, by name; ``only``
    keeps the named ones (an unknown name is an error naming the places there are)."""
    found = [
        PlaceSet(d.name, d / "docs", d / "questions.jsonl")
        for d in sorted(Path(root).iterdir() if Path(root).is_dir() else [])
        if (d / "docs").is_dir() and (d / "questions.jsonl").is_file()
    ]
    if not found:
        raise LixiaError(f"no place in {root}: each needs docs/ and questions.jsonl")
    names = {p.name for p in found}
    unknown = sorted(set(only) - names)
    if unknown:
        raise LixiaError(f"no place {', '.join(unknown)} in {root} (there are {sorted(names)})")
    return [p for p in found if not only or p.name in only]


def _files(folder: Path) -> Iterable[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def content_key(docs: Path, settings: Settings) -> str:
    """Hash of the documents (names and bytes), of the code that turns them into an index
    (:data:`CODE_DIRS`) and of the settings that shape one (model, chunking, units)."""
    digest = hashlib.sha256()
    for path in _files(docs):
        digest.update(path.relative_to(docs).as_posix().encode())
        digest.update(path.read_bytes())
    for name in CODE_DIRS:
        for path in _files(ROOT / name):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    shape = [
        settings.model,
        settings.store,
        settings.chunk_size,
        settings.chunk_overlap,
        settings.long_sentence,
        settings.window_chars,
    ]
    digest.update(json.dumps(shape).encode())
    return digest.hexdigest()[:16]


def place_settings(place: PlaceSet, settings: Settings, cache: Path) -> Settings:
    """Settings that read and serve ``place``'s own index."""
    return settings.model_copy(update={"docs_dir": place.docs, "index_dir": cache / place.name})


def ensure_index(place: PlaceSet, settings: Settings, cache: Path) -> Settings:
    """Ingest ``place`` unless its index under ``cache`` was built from the same documents
    with the same code and settings; the place's settings."""
    from ingest.pipeline import build_index

    local = place_settings(place, settings, cache)
    key = content_key(place.docs, settings)
    marker = Path(local.index_dir) / KEY_FILE
    if marker.is_file() and marker.read_text(encoding="utf-8").strip() == key:
        logger.info("%s: index up to date (%s)", place.name, key)
        return local
    report = build_index(local)
    logger.info("%s: %s", place.name, report.summary())
    marker.write_text(key + "\n", encoding="utf-8")
    return local


def ask_place(place: PlaceSet, settings: Settings, split: str | None) -> list[dict[str, Any]]:
    """Every question of ``place`` (of one split, when given), asked of its own index."""
    items = load_questions(place.questions)
    if split:
        items = [it for it in items if it.get("split") == split]
    rows = list(run(items, LocalBackend(settings)))
    for row in rows:
        row["place"] = place.name
    return rows


def place_metrics(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """:func:`eval.runner.metrics` of each place's rows and of all of them (``"total"``)."""
    names = sorted({r["place"] for r in rows})
    result = {name: metrics([r for r in rows if r["place"] == name]) for name in names}
    result[TOTAL] = metrics(rows)
    return result


def check_places(result: dict[str, Any], thresholds: dict[str, Any]) -> list[str]:
    """Failures of each place's test split and of the total against ``thresholds``
    (``{"default": {...}, "<place>": {...}}``; a place without its own uses default)."""
    failures = []
    for name, part in result.items():
        limits = thresholds.get(name) or thresholds["default"]
        failures += [f"{name}: {f}" for f in check(part, limits)]
    return failures


def _report(result: dict[str, Any]) -> str:
    out = []
    for name, part in result.items():
        for split, group in part.get("splits", {}).items():
            out.append(f"\n{name} {split} ({group['overall']['n']} questions)\n{table(group)}")
    return "\n".join(out) + "\n"


def main(args: argparse.Namespace, settings: Settings) -> int:
    root = Path(args.places_dir) if getattr(args, "places_dir", None) else PLACES_DIR
    places = find_places(root, args.place or ())
    thresholds_path = Path(args.thresholds) if args.thresholds else root / "thresholds.json"
    if not thresholds_path.is_file():
        raise LixiaError(
            f"no regression guard at {thresholds_path}: measure the test split and write it"
        )
    cache = Path(args.cache) if getattr(args, "cache", None) else DEFAULT_CACHE
    rows: list[dict[str, Any]] = []
    for place in places:
        rows += ask_place(place, ensure_index(place, settings, cache), args.split)
    result = place_metrics(rows)
    sys.stdout.write(_report(result))
    failures = check_places(result, json.loads(thresholds_path.read_text(encoding="utf-8")))
    if args.run_out:
        Path(args.run_out).parent.mkdir(parents=True, exist_ok=True)
        with Path(args.run_out).open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if args.json_out:
        Path(args.json_out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json_out).write_text(
            json.dumps({**result, "failures": failures}, ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
    for failure in failures:
        logger.error("below threshold: %s", failure)
    return 1 if failures else 0
