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
from pathlib import Path

from lixia_qa import zh

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
_DIGIT_RE = re.compile(rf"[0-9{zh.CN_NONZERO}{zh.CN_POWERS}{zh.LIANG}]")


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


def check(path: Path) -> int:
    problems: list[str] = []
    seeds = seed_dir()
    docs: dict[str, str] = {}

    def doc_text(doc_id: str) -> str | None:
        if doc_id not in docs:
            p = seeds / doc_id
            if not p.is_file():
                return None
            docs[doc_id] = normalise(p.read_text(encoding="utf-8"))
        return docs[doc_id]

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

    ids: Counter[str] = Counter()
    questions: Counter[str] = Counter()
    type_counts: Counter[str] = Counter()
    doc_counts: Counter[str] = Counter()
    sub_counts: Counter[str] = Counter()
    owner_positions: list[int] = []

    for lineno, obj in items:
        qid = obj.get("id")
        where = f"line {lineno} ({qid})"
        missing = [k for k in KEYS if k not in obj]
        extra = [k for k in obj if k not in KEYS]
        if missing:
            problems.append(f"{where}: missing keys {missing}")
            continue
        if extra:
            problems.append(f"{where}: unexpected keys {extra}")
        if not isinstance(qid, str) or not _ID_RE.match(qid):
            problems.append(f"{where}: bad id")
        ids[str(qid)] += 1
        q = obj["question"]
        if not isinstance(q, str) or not q.strip():
            problems.append(f"{where}: empty question")
        else:
            questions[q.strip()] += 1
        t = obj["type"]
        if t not in TYPES:
            problems.append(f"{where}: bad type {t!r}")
            continue
        type_counts[t] += 1
        answers, all_of = obj["answers"], obj["all_of"]
        if not is_str_list(answers) or not is_str_list(all_of):
            problems.append(f"{where}: answers/all_of must be lists of non-empty strings")
            continue
        if obj["split"] not in SPLITS:
            problems.append(f"{where}: split must be one of {sorted(SPLITS)} (run eval/split.py)")
        doc_id, evidence, year, subtype = (
            obj["doc_id"],
            obj["evidence"],
            obj["year"],
            obj["subtype"],
        )
        if subtype is not None and not (isinstance(subtype, str) and subtype.strip()):
            problems.append(f"{where}: subtype must be a non-empty string or null")

        if t == "unanswerable":
            if answers or all_of:
                problems.append(f"{where}: unanswerable must have empty answers and all_of")
            if doc_id is not None or evidence is not None or year is not None:
                problems.append(f"{where}: unanswerable must have doc_id, evidence and year null")
            if subtype not in UNANSWERABLE_SUBTYPES:
                problems.append(
                    f"{where}: unanswerable subtype {subtype!r} not in {sorted(UNANSWERABLE_SUBTYPES)}"
                )
            else:
                sub_counts[subtype] += 1
            continue

        # answerable
        if not isinstance(doc_id, str):
            problems.append(f"{where}: doc_id must be a file name")
            continue
        doc_counts[doc_id] += 1
        text = doc_text(doc_id)
        if text is None:
            problems.append(f"{where}: document {doc_id} not found in {seeds}")
            continue
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
        if not isinstance(evidence, str) or not evidence.strip():
            problems.append(f"{where}: evidence must be a non-empty string")
            continue
        ev = normalise(evidence)
        if len(ev) > MAX_EVIDENCE_CHARS:
            problems.append(f"{where}: evidence is {len(ev)} chars (> {MAX_EVIDENCE_CHARS})")
        pos = text.find(ev)
        if pos < 0:
            problems.append(f"{where}: evidence not found in {doc_id}: {evidence!r}")
        for a in answers + all_of:
            na = normalise(a)
            if na not in text:
                problems.append(f"{where}: answer {a!r} not found in {doc_id}")
            if na not in ev:
                problems.append(f"{where}: answer {a!r} not inside evidence")
        if t == "owner":
            if doc_id != OWNER_DOC:
                problems.append(f"{where}: owner questions must come from {OWNER_DOC}")
            if "领导" not in ev and "单位" not in ev:
                problems.append(f"{where}: owner evidence lacks the responsibility record")
            if pos >= 0:
                owner_positions.append(pos)

    for qid, n in ids.items():
        if n > 1:
            problems.append(f"duplicate id {qid} ({n}x)")
    for q, n in questions.items():
        if n > 1:
            problems.append(f"duplicate question {q!r} ({n}x)")

    total = sum(type_counts.values())
    if total < MIN_TOTAL:
        problems.append(f"only {total} questions (< {MIN_TOTAL})")
    for t, m in MIN_PER_TYPE.items():
        if type_counts[t] < m:
            problems.append(f"type {t}: {type_counts[t]} (< {m})")
    if sub_counts["near_miss"] < MIN_NEAR_MISS:
        problems.append(f"near_miss: {sub_counts['near_miss']} (< {MIN_NEAR_MISS})")
    for d in OTHER_DOCS:
        if doc_counts[d] < MIN_PER_OTHER_DOC:
            problems.append(f"doc {d}: {doc_counts[d]} questions (< {MIN_PER_OTHER_DOC})")
    if doc_counts[OWNER_DOC] == 0:
        problems.append(f"doc {OWNER_DOC}: no questions")
    owner_text = doc_text(OWNER_DOC)
    if owner_text and owner_positions:
        size = len(owner_text) / OWNER_SLICES
        covered = {min(int(p / size), OWNER_SLICES - 1) for p in owner_positions}
        empty = sorted(set(range(OWNER_SLICES)) - covered)
        if empty:
            problems.append(
                f"owner questions miss slices {empty} of {OWNER_DOC} (of {OWNER_SLICES})"
            )

    out = sys.stdout
    out.write(f"{path}: {total} questions (seeds: {seeds})\n")
    out.write("per type:     " + ", ".join(f"{t}={type_counts[t]}" for t in TYPES) + "\n")
    out.write(
        "per document: " + ", ".join(f"{d[:3]}={n}" for d, n in sorted(doc_counts.items())) + "\n"
    )
    out.write(
        "unanswerable: "
        + ", ".join(f"{s}={sub_counts[s]}" for s in sorted(UNANSWERABLE_SUBTYPES))
        + "\n"
    )
    if problems:
        out.write(f"\n{len(problems)} problem(s):\n")
        for p in problems:
            out.write(f"  - {p}\n")
        return 1
    out.write("OK\n")
    return 0


if __name__ == "__main__":
    sys.exit(check(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_QUESTIONS))
