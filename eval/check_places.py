"""Validate the places eval (``eval/places/<place>/questions.jsonl``) against each place's
documents, and say which answers ingest loses.

    python -m eval.check_places [eval/places] [--place NAME]

For every question: each field present and typed, ids unique (``<place>-qNNN``), a split
(``dev``/``test``, ``eval/split.py``); for an answerable one, its document among those
ingest reads, its evidence in that document as a person reads it (a saved web page's
whole visible text, footer included; any other file as its reader extracts it, before
cleaning) and every ``answers``/``all_of`` string in the evidence. The evidence is
looked for as written or, for a table row (whose cells ingest writes as labelled text,
``单位：…；职位：…``), as its whitespace-separated pieces on one line; both sides without
whitespace, full-width letters, digits and punctuation as half-width, and without
circled footnote marks (``生产总值②达到``), which cleaning turns or drops. Per place: at
least 40 questions, 15-30 % of them unanswerable. Any of these is a problem: exit 1.

Then, as notes that do not fail the check: every answer string that is not in what the
index holds of its document (cleaned text, title, date, page fields), with the
normalisation the scorer uses (``eval.metrics.normalise``). Such a question is sound, but
no answer can quote it until ingest keeps it (a site footer, a field of the page read as
metadata): a finding about ingest, reported before any answer is scored.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.check_questions import normalise
from eval.metrics import normalise as score_normalise
from eval.places import PLACES_DIR, PlaceSet, find_places

KEYS = ("id", "question", "type", "answers", "all_of", "doc_id", "evidence", "year", "subtype")
OPTIONAL = ("place", "level_asked", "split")
TYPES = ("figure", "owner", "fact", "year", "list", "unanswerable")
UNANSWERABLE_SUBTYPES = {"near_miss", "other_district", "uncovered_year", "unstated", "offtopic"}
MIN_PER_PLACE = 40
UNANSWERABLE_SHARE = (0.15, 0.30)
MAX_EVIDENCE = 100
_ID_RE = re.compile(r"^[a-z0-9_]+-q\d{3,}$")
# circled and parenthesised numbers (①, ⑴, ⒈, ❶, ㉑): footnote marks that cleaning drops
_FOOTNOTE_RE = re.compile("[\u2460-\u24ff\u2776-\u2793\u3251-\u325f\u32b1-\u32bf]")
_WIDE_PUNCT = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


@dataclass(frozen=True)
class DocTexts:
    """One document as a person reads it (``seen``) and as the index holds it."""

    seen: str
    indexed: str


def fold(text: str) -> str:
    """:func:`eval.check_questions.normalise`, full-width punctuation as half-width and
    footnote marks dropped: the forms cleaning changes, so evidence copied from a file
    is found in what its reader or ingest made of it."""
    return unicodedata.normalize("NFC", normalise(_FOOTNOTE_RE.sub("", text))).translate(
        _WIDE_PUNCT
    )


def page_text(data: bytes) -> str:
    """A saved web page's whole visible text (menus and footer too), one line per text
    node; scripts and styles left out."""
    import lxml.html

    from ingest.readers.text import decode

    decoded = decode(data)
    if decoded is None:
        return ""
    utf8 = lxml.html.HTMLParser(encoding="utf-8")  # not the charset the page declares
    root = lxml.html.document_fromstring(decoded[0].encode("utf-8"), parser=utf8)
    for node in root.xpath("//script|//style|//noscript"):
        node.drop_tree()
    return "\n".join(" ".join(t.split()) for t in root.xpath("//body//text()") if t.strip())


def read_documents(docs: Path) -> dict[str, DocTexts]:
    """doc_id -> the document as a person reads it and as the index holds it (cleaned
    text, then title, date and page fields)."""
    from ingest.loader import scan_folder
    from ingest.pipeline import build_document
    from ingest.readers import READERS, html

    out = {}
    for raw in scan_folder(docs).files:
        doc = build_document(raw)
        is_page = READERS.get(raw.path.suffix.lower()) is html.extract
        seen = page_text(raw.path.read_bytes()) if is_page else raw.text
        meta = [doc.title, doc.date or "", *(f"{k}：{v}" for k, v in doc.page_fields)]
        out[doc.doc_id] = DocTexts(seen=seen, indexed="\n".join([doc.text, *meta]))
    return out


def evidence_found(evidence: str, text: str) -> bool:
    """The evidence in ``text`` as written, or its whitespace-separated pieces (the cells
    of a table row as a reader sees them) on one line of ``text`` (both :func:`fold`-ed)."""
    if fold(evidence) in fold(text):
        return True
    pieces = [fold(p) for p in evidence.split() if p.strip()]
    return len(pieces) > 1 and any(
        all(p in fold(line) for p in pieces) for line in text.split("\n")
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


def _answerable(item: dict[str, Any], where: str, doc: DocTexts | None) -> list[str]:
    if doc is None:
        return [f"{where}: document {item['doc_id']!r} not read by ingest"]
    evidence = item["evidence"] or ""
    problems = []
    if not (item["answers"] or item["all_of"]):
        problems.append(f"{where}: answerable without answers or all_of")
    if not evidence or len(normalise(evidence)) > MAX_EVIDENCE:
        problems.append(f"{where}: evidence empty or over {MAX_EVIDENCE} characters")
    elif not evidence_found(evidence, doc.seen):
        problems.append(f"{where}: evidence not in {item['doc_id']}: {evidence!r}")
    problems += [
        f"{where}: answer {a!r} not inside its evidence"
        for a in item["answers"] + item["all_of"]
        if normalise(a) not in normalise(evidence)
    ]
    return problems


def lost_answers(item: dict[str, Any], where: str, doc: DocTexts | None) -> list[str]:
    """Notes: answer strings of a sound question that the index does not hold as the
    scorer matches them (``[]`` for an unanswerable question or a missing document)."""
    if doc is None or item.get("type") == "unanswerable":
        return []
    held = score_normalise(doc.indexed)
    return [
        f"{where}: answer {a!r} not in {item['doc_id']} as ingested"
        for a in dict.fromkeys(item.get("answers", []) + item.get("all_of", []))
        if score_normalise(a) not in held
    ]


@dataclass(frozen=True)
class PlaceCheck:
    """The check of one place: problems (the set is wrong), notes (answers ingest loses)
    and a summary line."""

    problems: list[str]
    notes: list[str]
    summary: str


def _set_problems(place: str, items: list[dict[str, Any]]) -> list[str]:
    """Problems of the set as a whole: repeated ids, its size, its unanswerable share."""
    ids = Counter(it.get("id") for it in items)
    problems = [f"{place}: id {i} used {n} times" for i, n in ids.items() if n > 1]
    share = sum(it.get("type") == "unanswerable" for it in items) / len(items) if items else 0.0
    if len(items) < MIN_PER_PLACE:
        problems.append(f"{place}: {len(items)} questions (< {MIN_PER_PLACE})")
    if not UNANSWERABLE_SHARE[0] <= share <= UNANSWERABLE_SHARE[1]:
        problems.append(f"{place}: {share:.0%} unanswerable (want 15-30 %)")
    return problems


def check_place(place: PlaceSet) -> PlaceCheck:
    """Every question of ``place`` against its documents."""
    items = [json.loads(ln) for ln in place.questions.read_text("utf-8").splitlines() if ln]
    docs = read_documents(place.docs)
    problems: list[str] = []
    notes: list[str] = []
    for n, item in enumerate(items, 1):
        where = f"{place.name}:{n} ({item.get('id')})"
        found = _fields(item, where)
        if not found:
            doc = docs.get(item["doc_id"]) if item["doc_id"] is not None else None
            kind = item["type"] == "unanswerable"
            found = _unanswerable(item, where) if kind else _answerable(item, where, doc)
            notes += [] if found else lost_answers(item, where, doc)
        if item.get("place", place.name) != place.name:
            found.append(f"{where}: place {item['place']!r} in the folder of {place.name}")
        problems += found
    problems += _set_problems(place.name, items)
    types = Counter(it.get("type") for it in items)
    splits = Counter(it.get("split") for it in items)
    summary = (
        f"{place.name}: {len(items)} questions over {len(docs)} documents; "
        + ", ".join(f"{t}={types[t]}" for t in TYPES)
        + f"; dev={splits['dev']} test={splits['test']}"
    )
    return PlaceCheck(problems, notes, summary)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=str(PLACES_DIR))
    parser.add_argument("--place", action="append")
    args = parser.parse_args(argv)
    problems: list[str] = []
    notes: list[str] = []
    for place in find_places(Path(args.root), args.place or ()):
        result = check_place(place)
        problems += result.problems
        notes += result.notes
        sys.stdout.write(result.summary + "\n")
    if notes:
        sys.stdout.write(f"{len(notes)} answer(s) the index does not hold (ingest drops them):\n")
        sys.stdout.writelines(f"  . {note}\n" for note in notes)
    sys.stdout.writelines(f"  - {problem}\n" for problem in problems)
    sys.stdout.write(f"{len(problems)} problem(s)\n" if problems else "OK\n")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
