"""Validate the places eval (``eval/places/<place>/questions.jsonl``) against each place's
documents as ingested.

    python -m eval.check_places [eval/places] [--place NAME]

For every question: each field present and typed, ids unique (``<place>-qNNN``), a split
(``dev``/``test``, ``eval/split.py``); for an answerable one, its document among those
ingest reads, and every ``answers``/``all_of`` string in that document's cleaned text and
in the evidence. The evidence itself is looked for in the cleaned text as written or,
for a table row (whose cells ingest writes as labelled text, ``单位：…；职位：…``), as its
whitespace-separated pieces on one line. Per place: at least 40 questions, 15-30 % of them
unanswerable. Normalisation as in ``eval/check_questions.py`` (no whitespace, half-width
digits and letters). A question whose answer ingest loses is a problem of ingest, reported
here before any answer is scored. Prints a summary per place; exits 1 on any problem.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from eval.check_questions import normalise
from eval.places import PLACES_DIR, PlaceSet, find_places

KEYS = ("id", "question", "type", "answers", "all_of", "doc_id", "evidence", "year", "subtype")
OPTIONAL = ("place", "level_asked", "split")
TYPES = ("figure", "owner", "fact", "year", "list", "unanswerable")
UNANSWERABLE_SUBTYPES = {"near_miss", "other_district", "uncovered_year", "unstated", "offtopic"}
MIN_PER_PLACE = 40
UNANSWERABLE_SHARE = (0.15, 0.30)
MAX_EVIDENCE = 100
_ID_RE = re.compile(r"^[a-z0-9_]+-q\d{3,}$")


def ingested_texts(docs: Path) -> dict[str, str]:
    """doc_id -> the document's cleaned text, as the index holds it."""
    from ingest.pipeline import prepare_folder

    return {d.doc_id: d.text for d in prepare_folder(docs)[0]}


def evidence_found(evidence: str, text: str) -> bool:
    """The evidence in ``text`` as written, or its whitespace-separated pieces (the cells
    of a table row as a reader sees them) on one line of ``text``."""
    if normalise(evidence) in normalise(text):
        return True
    pieces = [normalise(p) for p in evidence.split() if p.strip()]
    return len(pieces) > 1 and any(
        all(p in normalise(line) for p in pieces) for line in text.split("\n")
    )


def _fields(item: dict[str, Any], where: str) -> list[str]:
    problems = [f"{where}: missing {k}" for k in KEYS if k not in item]
    problems += [f"{where}: unexpected {k}" for k in item if k not in KEYS + OPTIONAL]
    if problems:
        return problems
    if not _ID_RE.match(str(item["id"])):
        problems.append(f"{where}: id must read <place>-qNNN")
    if item["type"] not in TYPES:
        problems.append(f"{where}: type {item['type']!r} not in {TYPES}")
    if item.get("split") not in ("dev", "test"):
        problems.append(f"{where}: no dev/test split (run eval/split.py on the file)")
    for key in ("answers", "all_of"):
        value = item[key]
        if not isinstance(value, list) or not all(isinstance(a, str) and a for a in value):
            problems.append(f"{where}: {key} must be a list of non-empty strings")
    return problems


def _unanswerable(item: dict[str, Any], where: str) -> list[str]:
    problems = []
    if item["answers"] or item["all_of"] or item["doc_id"] is not None:
        problems.append(f"{where}: unanswerable with answers or a document")
    if item["subtype"] not in UNANSWERABLE_SUBTYPES:
        problems.append(f"{where}: unanswerable subtype {item['subtype']!r}")
    return problems


def _answerable(item: dict[str, Any], where: str, texts: dict[str, str]) -> list[str]:
    text = texts.get(item["doc_id"])
    if text is None:
        return [f"{where}: document {item['doc_id']!r} not read by ingest"]
    evidence = item["evidence"] or ""
    problems = []
    if not (item["answers"] or item["all_of"]):
        problems.append(f"{where}: answerable without answers or all_of")
    if not evidence or len(normalise(evidence)) > MAX_EVIDENCE:
        problems.append(f"{where}: evidence empty or over {MAX_EVIDENCE} characters")
    elif not evidence_found(evidence, text):
        problems.append(f"{where}: evidence not in {item['doc_id']} as ingested: {evidence!r}")
    for answer in item["answers"] + item["all_of"]:
        if normalise(answer) not in normalise(text):
            problems.append(f"{where}: answer {answer!r} not in {item['doc_id']} as ingested")
        if normalise(answer) not in normalise(evidence):
            problems.append(f"{where}: answer {answer!r} not inside its evidence")
    return problems


def check_place(place: PlaceSet) -> tuple[list[str], str]:
    """``(problems, summary line)`` of one place."""
    items = [json.loads(ln) for ln in place.questions.read_text("utf-8").splitlines() if ln]
    texts = ingested_texts(place.docs)
    problems: list[str] = []
    for n, item in enumerate(items, 1):
        where = f"{place.name}:{n} ({item.get('id')})"
        found = _fields(item, where)
        if not found:
            kind = item["type"] == "unanswerable"
            found = _unanswerable(item, where) if kind else _answerable(item, where, texts)
        problems += found
    ids = Counter(it.get("id") for it in items)
    problems += [f"{place.name}: id {i} used {n} times" for i, n in ids.items() if n > 1]
    types = Counter(it.get("type") for it in items)
    share = types["unanswerable"] / len(items) if items else 0.0
    if len(items) < MIN_PER_PLACE:
        problems.append(f"{place.name}: {len(items)} questions (< {MIN_PER_PLACE})")
    if not UNANSWERABLE_SHARE[0] <= share <= UNANSWERABLE_SHARE[1]:
        problems.append(f"{place.name}: {share:.0%} unanswerable (want 15-30 %)")
    splits = Counter(it.get("split") for it in items)
    summary = (
        f"{place.name}: {len(items)} questions over {len(texts)} documents; "
        + ", ".join(f"{t}={types[t]}" for t in TYPES)
        + f"; dev={splits['dev']} test={splits['test']}"
    )
    return problems, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=str(PLACES_DIR))
    parser.add_argument("--place", action="append")
    args = parser.parse_args(argv)
    problems: list[str] = []
    for place in find_places(Path(args.root), args.place or ()):
        found, summary = check_place(place)
        problems += found
        sys.stdout.write(summary + "\n")
    for problem in problems:
        sys.stdout.write(f"  - {problem}\n")
    sys.stdout.write(f"{len(problems)} problem(s)\n" if problems else "OK\n")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
