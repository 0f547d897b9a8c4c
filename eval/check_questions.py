"""Validate eval/questions.jsonl against the seed documents.

Standard library only. Run from the project root:

    python eval/check_questions.py [path/to/questions.jsonl]

Checks every field and type, unique ids, the per-type / per-document minimums, and
for each answerable item that every ``answers``/``all_of`` string and the
``evidence`` span occur in the normalised text of the source document, and that
each answer string occurs inside the evidence. Normalisation: remove all
whitespace; map full-width ASCII digits/letters (U+FF10-FF19, U+FF21-FF3A,
U+FF41-FF5A) to half-width. Prints a summary; exits 1 on any problem.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUESTIONS = ROOT / "eval" / "questions.jsonl"
SEED_DIRS = [ROOT / "seeds", Path("/work/shared/seeds")]

KEYS = [
    "id",
    "question",
    "type",
    "answers",
    "all_of",
    "doc_id",
    "evidence",
    "year",
    "subtype",
    "split",
]
SPLITS = {"dev", "test"}
TYPES = ["figure", "owner", "fact", "year", "list", "unanswerable"]
UNANSWERABLE_SUBTYPES = {"near_miss", "other_district", "uncovered_year", "unstated", "offtopic"}
OWNER_DOC = "003_8277ee0d660ee16d.txt"
OTHER_DOCS = [
    "000_f777566989373118.txt",
    "001_40786628c274113d.txt",
    "002_186ae400b2f9cf6b.txt",
    "004_a7e472d2caf40e3f.txt",
]

MIN_TOTAL = 165
MIN_PER_TYPE = {
    "figure": 30,
    "owner": 30,
    "fact": 25,
    "year": 15,
    "list": 12,
    "unanswerable": 32,
}
MIN_NEAR_MISS = 12
MIN_PER_OTHER_DOC = 15
MAX_EVIDENCE_CHARS = 100
# Owner questions must be spread over 003: each of this many equal slices of the
# normalised document must hold the evidence of at least one owner question.
OWNER_SLICES = 4

_WS_RE = re.compile(r"\s+")
_ID_RE = re.compile(r"^q\d{3,}$")
# digits and Chinese numerals (lixia_qa.zh's classes, spelled out: this checker needs no
# install)
_DIGIT_RE = re.compile(r"[0-9一二三四五六七八九十百千万两]")


def _fullwidth_ascii(ch: str) -> bool:
    o = ord(ch)
    return 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A


def normalise(text: str) -> str:
    text = _WS_RE.sub("", text)
    return "".join(unicodedata.normalize("NFKC", c) if _fullwidth_ascii(c) else c for c in text)


def seed_dir() -> Path:
    for d in SEED_DIRS:
        if d.is_dir():
            return d
    raise SystemExit(f"no seed directory found among {', '.join(map(str, SEED_DIRS))}")


def is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) and x.strip() for x in value)


class _Seeds:
    """The seed documents' normalised texts, read when first asked for."""

    def __init__(self) -> None:
        self.dir = seed_dir()
        self._texts: dict[str, str] = {}

    def text(self, doc_id: str) -> str | None:
        if doc_id not in self._texts:
            p = self.dir / doc_id
            if not p.is_file():
                return None
            self._texts[doc_id] = normalise(p.read_text(encoding="utf-8"))
        return self._texts[doc_id]


@dataclass
class _Tally:
    """What the items add up to, for the set-wide minimums."""

    ids: Counter[str] = field(default_factory=Counter)
    questions: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    docs: Counter[str] = field(default_factory=Counter)
    subtypes: Counter[str] = field(default_factory=Counter)
    owner_positions: list[int] = field(default_factory=list)


def _read_items(path: Path, problems: list[str]) -> list[tuple[int, dict[str, Any]]]:
    items = []
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                problems.append(f"line {lineno}: empty line")
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                problems.append(f"line {lineno}: invalid JSON ({e})")
                continue
            if not isinstance(obj, dict):
                problems.append(f"line {lineno}: not a JSON object")
                continue
            items.append((lineno, obj))
    return items


def _check_common(where: str, obj: dict[str, Any], tally: _Tally, problems: list[str]) -> bool:
    """Keys, id, question, type, answer lists and split; False when the item cannot be
    checked further."""
    qid = obj.get("id")
    missing = [k for k in KEYS if k not in obj]
    extra = [k for k in obj if k not in KEYS]
    if missing:
        problems.append(f"{where}: missing keys {missing}")
        return False
    if extra:
        problems.append(f"{where}: unexpected keys {extra}")
    if not isinstance(qid, str) or not _ID_RE.match(qid):
        problems.append(f"{where}: bad id")
    tally.ids[str(qid)] += 1
    q = obj["question"]
    if not isinstance(q, str) or not q.strip():
        problems.append(f"{where}: empty question")
    else:
        tally.questions[q.strip()] += 1
    t = obj["type"]
    if t not in TYPES:
        problems.append(f"{where}: bad type {t!r}")
        return False
    tally.types[t] += 1
    if not is_str_list(obj["answers"]) or not is_str_list(obj["all_of"]):
        problems.append(f"{where}: answers/all_of must be lists of non-empty strings")
        return False
    if obj["split"] not in SPLITS:
        problems.append(f"{where}: split must be one of {sorted(SPLITS)} (run eval/split.py)")
    subtype = obj["subtype"]
    if subtype is not None and not (isinstance(subtype, str) and subtype.strip()):
        problems.append(f"{where}: subtype must be a non-empty string or null")
    return True


def _check_unanswerable(
    where: str, obj: dict[str, Any], tally: _Tally, problems: list[str]
) -> None:
    if obj["answers"] or obj["all_of"]:
        problems.append(f"{where}: unanswerable must have empty answers and all_of")
    if obj["doc_id"] is not None or obj["evidence"] is not None or obj["year"] is not None:
        problems.append(f"{where}: unanswerable must have doc_id, evidence and year null")
    subtype = obj["subtype"]
    if subtype not in UNANSWERABLE_SUBTYPES:
        problems.append(
            f"{where}: unanswerable subtype {subtype!r} not in {sorted(UNANSWERABLE_SUBTYPES)}"
        )
    else:
        tally.subtypes[subtype] += 1


def _check_answer_fields(where: str, obj: dict[str, Any], problems: list[str]) -> None:
    """Year, and the answers each type needs."""
    t, year, answers, all_of = obj["type"], obj["year"], obj["answers"], obj["all_of"]
    if year is not None and (
        not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100
    ):
        problems.append(f"{where}: year must be an integer year or null")
    if t == "year" and not isinstance(year, int):
        problems.append(f"{where}: type year needs an integer year")
    if not answers and not all_of:
        problems.append(f"{where}: answerable item without answers or all_of")
    if t == "list" and len(all_of) < 2:
        problems.append(f"{where}: list item needs at least 2 all_of entries")
    if t in ("figure", "year", "fact") and not answers:
        problems.append(f"{where}: {t} item needs at least one answer")
    if t == "figure" and not any(_DIGIT_RE.search(a) for a in answers):
        problems.append(f"{where}: figure answers contain no number")


def _check_evidence(
    where: str, obj: dict[str, Any], text: str, tally: _Tally, problems: list[str]
) -> None:
    """The evidence and every answer occur in the document, the answers in the evidence;
    owner evidence holds a responsibility record in the owner document."""
    doc_id, evidence = obj["doc_id"], obj["evidence"]
    if not isinstance(evidence, str) or not evidence.strip():
        problems.append(f"{where}: evidence must be a non-empty string")
        return
    ev = normalise(evidence)
    if len(ev) > MAX_EVIDENCE_CHARS:
        problems.append(f"{where}: evidence is {len(ev)} chars (> {MAX_EVIDENCE_CHARS})")
    pos = text.find(ev)
    if pos < 0:
        problems.append(f"{where}: evidence not found in {doc_id}: {evidence!r}")
    for a in obj["answers"] + obj["all_of"]:
        na = normalise(a)
        if na not in text:
            problems.append(f"{where}: answer {a!r} not found in {doc_id}")
        if na not in ev:
            problems.append(f"{where}: answer {a!r} not inside evidence")
    if obj["type"] == "owner":
        _check_owner(where, doc_id, ev, pos, tally, problems)


def _check_owner(
    where: str, doc_id: str, ev: str, pos: int, tally: _Tally, problems: list[str]
) -> None:
    if doc_id != OWNER_DOC:
        problems.append(f"{where}: owner questions must come from {OWNER_DOC}")
    if "领导" not in ev and "单位" not in ev:
        problems.append(f"{where}: owner evidence lacks the responsibility record")
    if pos >= 0:
        tally.owner_positions.append(pos)


def _check_item(
    lineno: int, obj: dict[str, Any], seeds: _Seeds, tally: _Tally, problems: list[str]
) -> None:
    where = f"line {lineno} ({obj.get('id')})"
    if not _check_common(where, obj, tally, problems):
        return
    if obj["type"] == "unanswerable":
        _check_unanswerable(where, obj, tally, problems)
        return
    doc_id = obj["doc_id"]
    if not isinstance(doc_id, str):
        problems.append(f"{where}: doc_id must be a file name")
        return
    tally.docs[doc_id] += 1
    text = seeds.text(doc_id)
    if text is None:
        problems.append(f"{where}: document {doc_id} not found in {seeds.dir}")
        return
    _check_answer_fields(where, obj, problems)
    _check_evidence(where, obj, text, tally, problems)


def _check_set(tally: _Tally, seeds: _Seeds, problems: list[str]) -> None:
    """Unique ids and questions, the minimums per type and document, owner spread."""
    for kind, counts in (("id", tally.ids), ("question", tally.questions)):
        for key, n in counts.items():
            if n > 1:
                shown = key if kind == "id" else repr(key)
                problems.append(f"duplicate {kind} {shown} ({n}x)")
    _check_minimums(tally, problems)
    owner_text = seeds.text(OWNER_DOC)
    if owner_text and tally.owner_positions:
        size = len(owner_text) / OWNER_SLICES
        covered = {min(int(p / size), OWNER_SLICES - 1) for p in tally.owner_positions}
        empty = sorted(set(range(OWNER_SLICES)) - covered)
        if empty:
            problems.append(
                f"owner questions miss slices {empty} of {OWNER_DOC} (of {OWNER_SLICES})"
            )


def _check_minimums(tally: _Tally, problems: list[str]) -> None:
    total = sum(tally.types.values())
    if total < MIN_TOTAL:
        problems.append(f"only {total} questions (< {MIN_TOTAL})")
    for t, m in MIN_PER_TYPE.items():
        if tally.types[t] < m:
            problems.append(f"type {t}: {tally.types[t]} (< {m})")
    if tally.subtypes["near_miss"] < MIN_NEAR_MISS:
        problems.append(f"near_miss: {tally.subtypes['near_miss']} (< {MIN_NEAR_MISS})")
    for d in OTHER_DOCS:
        if tally.docs[d] < MIN_PER_OTHER_DOC:
            problems.append(f"doc {d}: {tally.docs[d]} questions (< {MIN_PER_OTHER_DOC})")
    if tally.docs[OWNER_DOC] == 0:
        problems.append(f"doc {OWNER_DOC}: no questions")


def _report(path: Path, tally: _Tally, seeds: _Seeds, problems: list[str]) -> int:
    out = sys.stdout
    total = sum(tally.types.values())
    out.write(f"{path}: {total} questions (seeds: {seeds.dir})\n")
    out.write("per type:     " + ", ".join(f"{t}={tally.types[t]}" for t in TYPES) + "\n")
    per_doc = ", ".join(f"{d[:3]}={n}" for d, n in sorted(tally.docs.items()))
    out.write(f"per document: {per_doc}\n")
    per_sub = ", ".join(f"{s}={tally.subtypes[s]}" for s in sorted(UNANSWERABLE_SUBTYPES))
    out.write(f"unanswerable: {per_sub}\n")
    if problems:
        out.write(f"\n{len(problems)} problem(s):\n")
        for p in problems:
            out.write(f"  - {p}\n")
        return 1
    out.write("OK\n")
    return 0


def check(path: Path) -> int:
    """Check the questions file at ``path``; print a summary and the problems; 1 if any."""
    problems: list[str] = []
    seeds = _Seeds()
    tally = _Tally()
    for lineno, obj in _read_items(path, problems):
        _check_item(lineno, obj, seeds, tally, problems)
    _check_set(tally, seeds, problems)
    return _report(path, tally, seeds, problems)


if __name__ == "__main__":
    sys.exit(check(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_QUESTIONS))
