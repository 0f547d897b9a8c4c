"""Mutation check: small deliberate bugs in the answer stage, ingest and the text rules,
each of which some test must catch.

Each mutation below replaces one exact snippet of one file (or empties a data file) in a
temporary copy of the tree, runs only the test files relevant to it there (``pytest -x``,
fast tier), and counts as *killed* when a test fails. A mutation no test notices
*survived*: a rule the tests do not pin down. The copy is made once; every mutation is
applied alone and undone before the next. Run from the project root:

    .venv/bin/python bench/mutation_check.py [--only NAME ...] [--list]

Prints one line per mutation and exits 1 if any survived (or could not be applied).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODEL = "answer/models/scorer.json"
COPIED = (
    "app",
    "lixia_qa",
    "ingest",
    "store",
    "retriever",
    "answer",
    "server",
    "ui",
    "eval",
    "learn",
    "tests",
    "seeds",
    "pyproject.toml",
)


@dataclass(frozen=True)
class Mutation:
    """``old`` (exactly once in ``path``) becomes ``new``; ``old=None`` empties the file."""

    name: str
    kind: str
    path: str
    old: str | None
    new: str
    tests: tuple[str, ...]


ANSWER_TESTS = ("tests/answer/test_analyse.py",)
FEATURE_TESTS = ("tests/answer/test_features.py",)

MUTATIONS = (
    # --- a word list or data file emptied -----------------------------------------
    Mutation(
        "question words emptied",
        "word list emptied",
        "answer/analyse.py",
        'QUESTION_WORDS = frozenset(\n    """',
        'QUESTION_WORDS = frozenset() and frozenset(\n    """',
        ANSWER_TESTS,
    ),
    Mutation(
        "aspect words emptied",
        "word list emptied",
        "answer/analyse.py",
        'ASPECT_WORDS = frozenset(\n    """',
        'ASPECT_WORDS = frozenset() and frozenset(\n    """',
        ("tests/answer/test_context.py",),
    ),
    Mutation(
        "generic measures emptied",
        "word list emptied",
        "answer/features.py",
        'GENERIC_MEASURES = frozenset({"个", "人", "名", "次", "项", "倍"})',
        "GENERIC_MEASURES: frozenset[str] = frozenset()",
        FEATURE_TESTS,
    ),
    Mutation(
        "word-like surnames emptied",
        "word list emptied",
        "answer/features.py",
        '_WORDLIKE_SURNAMES = frozenset("和时全',
        '_WORDLIKE_SURNAMES = frozenset() and frozenset("和时全',
        FEATURE_TESTS,
    ),
    Mutation(
        "area nouns emptied",
        "word list emptied",
        "lixia_qa/zh.py",
        "AREA_NOUNS = frozenset(\n",
        "AREA_NOUNS = frozenset() and frozenset(\n",
        ("tests/test_zh.py", "tests/answer/test_analyse.py"),
    ),
    Mutation(
        "framing words file emptied",
        "data file emptied",
        "answer/data/framing.txt",
        None,
        "",
        ANSWER_TESTS,
    ),
    Mutation(
        "synonyms file emptied",
        "data file emptied",
        "answer/data/synonyms.tsv",
        None,
        "",
        ANSWER_TESTS,
    ),
    Mutation(
        "implied measures file emptied",
        "data file emptied",
        "answer/data/measures.tsv",
        None,
        "",
        ANSWER_TESTS,
    ),
    # --- a bonus or a feature zeroed ------------------------------------------------
    Mutation(
        "rank bonus zeroed",
        "bonus zeroed",
        "answer/score.py",
        "rank_bonus: float = 0.12",
        "rank_bonus: float = 0.0",
        ("tests/answer/test_score.py",),
    ),
    Mutation(
        "measure bonus zeroed",
        "bonus zeroed",
        "answer/score.py",
        "measure_bonus: float = 0.25",
        "measure_bonus: float = 0.0",
        ("tests/answer/test_score.py",),
    ),
    Mutation(
        "list bonus zeroed",
        "bonus zeroed",
        "answer/score.py",
        "list_bonus: float = 0.1",
        "list_bonus: float = 0.0",
        ("tests/answer/test_score.py",),
    ),
    Mutation(
        "fit_list feature zeroed",
        "feature zeroed",
        "answer/features.py",
        'return float(ctx.question.kind == LIST and "、" in c.unit.text)',
        "return 0.0",
        FEATURE_TESTS,
    ),
    Mutation(
        "near_term feature zeroed",
        "feature zeroed",
        "answer/features.py",
        "    return near / total\n",
        "    return 0.0 * near / total\n",
        FEATURE_TESTS,
    ),
    Mutation(
        "year_match feature zeroed",
        "feature zeroed",
        "answer/features.py",
        'return float(c.year in years or any(f"{y}年" in c.unit.text for y in years))',
        "return 0.0",
        FEATURE_TESTS,
    ),
    # --- a widening or selection step disabled ---------------------------------------
    Mutation(
        "widening a window to its sentence disabled",
        "widening step disabled",
        "answer/select.py",
        "        if whole is not None and len(whole.text) <= limit:",
        "        if False:",
        ("tests/answer/test_select.py",),
    ),
    Mutation(
        "preferring the newest year disabled",
        "widening step disabled",
        "answer/select.py",
        "    if len(years) <= 1:\n        return best, []",
        "    if True:\n        return best, []",
        ("tests/answer/test_select.py",),
    ),
    Mutation(
        "keyword search without the documents' forms",
        "widening step disabled",
        "answer/answerer.py",
        '        return " ".join([query, *dict.fromkeys(forms)])',
        "        return query",
        ("tests/answer/test_analyse.py",),
    ),
    # --- a lookahead dropped ----------------------------------------------------------
    Mutation(
        "year: the not-a-year lookahead dropped",
        "lookahead dropped",
        "lixia_qa/zh.py",
        r'|(?P<s>\d{{2}})\s*年(?![{NOT_YEAR_AFTER}]))"',
        r'|(?P<s>\d{{2}})\s*年)"',
        ("tests/test_zh.py",),
    ),
    Mutation(
        "figure: the not-a-date lookahead dropped",
        "lookahead dropped",
        "answer/sentences.py",
        r'r"\d+(?:\.\d+)?\s*(?:%|万|亿|千|百)?(?![\d.年月日时])"',
        r'r"\d+(?:\.\d+)?\s*(?:%|万|亿|千|百)?"',
        ("tests/answer/test_sentences.py", "tests/answer/test_features.py"),
    ),
    Mutation(
        "chunking: the closing-quote lookahead dropped",
        "lookahead dropped",
        "ingest/chunking.py",
        'rf"(?<=[{zh.SENTENCE_END}])(?![{_CLOSERS}])",',
        'rf"(?<=[{zh.SENTENCE_END}])",',
        ("tests/ingest/test_chunking.py",),
    ),
    # --- an off-by-one in a window ----------------------------------------------------
    Mutation(
        "clause windows one character shorter",
        "off-by-one in a window",
        "ingest/units.py",
        "part.end - current.start <= max_chars",
        "part.end - current.start < max_chars",
        ("tests/ingest/test_units.py",),
    ),
    Mutation(
        "answer-shaped span window one character narrower",
        "off-by-one in a window",
        "answer/features.py",
        "NEAR = 8  #",
        "NEAR = 7  #",
        FEATURE_TESTS,
    ),
    Mutation(
        "counted noun window one character narrower",
        "off-by-one in a window",
        "answer/features.py",
        "COUNTED_BEFORE = 6  #",
        "COUNTED_BEFORE = 5  #",
        FEATURE_TESTS,
    ),
    # --- ingest rules -----------------------------------------------------------------
    Mutation(
        "owner names not split on 、",
        "rule disabled",
        "ingest/owners.py",
        '_ITEM_SEP_RE = re.compile(r"[、]")',
        '_ITEM_SEP_RE = re.compile(r"(?!)")',
        ("tests/ingest/test_owners.py",),
    ),
    Mutation(
        "PDF page furniture kept",
        "rule disabled",
        "ingest/readers/pdf.py",
        "    return {key for key, n in counts.items() if n >= need and len(pages) >= 2}",
        "    return set()",
        ("tests/ingest/test_pdf_reader.py",),
    ),
)


def copy_tree(dest: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    for name in COPIED:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=ignore)
        elif src.is_file():
            shutil.copy2(src, dest / name)


def run_tests(tree: Path, tests: tuple[str, ...]) -> int:
    """pytest's exit code for ``tests`` run in ``tree`` (imports resolve to the copy)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "OMP_WAIT_POLICY": "PASSIVE"}
    cmd = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider"]
    cmd += ["-m", "not slow and not browser and not multiprocess", *tests]
    done = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True, check=False)
    return done.returncode


def apply(tree: Path, m: Mutation) -> str:
    """Apply ``m`` in ``tree``; returns the file's original text."""
    path = tree / m.path
    text = path.read_text(encoding="utf-8")
    if m.old is None:
        path.write_text(m.new, encoding="utf-8")
        return text
    count = text.count(m.old)
    if count != 1:
        raise LookupError(f"{m.path}: the snippet occurs {count} times, not once: {m.old!r}")
    path.write_text(text.replace(m.old, m.new), encoding="utf-8")
    return text


def restamp(tree: Path) -> None:
    """Stamp the copy's answer model with the copy's features version, so that a
    mutation of the feature code is caught by a test of its behaviour, not by the model
    file refusing to load (answer.score.LearnedScorer.load)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    code = "from answer.features import features_version; print(features_version())"
    version = subprocess.run(
        [sys.executable, "-c", code], cwd=tree, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    model = tree / MODEL
    data = json.loads(model.read_text(encoding="utf-8"))
    data["features_version"] = version
    model.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def check(tree: Path, m: Mutation) -> tuple[str, float]:
    t0 = time.perf_counter()
    try:
        original = apply(tree, m)
    except LookupError as exc:
        return f"NOT APPLIED ({exc})", 0.0
    model = (tree / MODEL).read_text(encoding="utf-8")
    try:
        restamp(tree)
        code = run_tests(tree, m.tests)
    finally:
        (tree / m.path).write_text(original, encoding="utf-8")
        (tree / MODEL).write_text(model, encoding="utf-8")
    verdict = {0: "SURVIVED", 1: "killed"}.get(code, f"ERROR (pytest exit {code})")
    return verdict, time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="run the mutations whose name has these words")
    parser.add_argument("--list", action="store_true", help="list the mutations and stop")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # still remove the copy
    chosen = [m for m in MUTATIONS if not args.only or any(w in m.name for w in args.only)]
    if args.list:
        for m in chosen:
            print(f"{m.kind:24} {m.name}  ({m.path}; {' '.join(m.tests)})")
        return 0
    failed = 0
    with tempfile.TemporaryDirectory(prefix="lixia-mutation-") as tmp:
        tree = Path(tmp)
        copy_tree(tree)
        baseline = run_tests(tree, tuple(sorted({t for m in chosen for t in m.tests})))
        if baseline != 0:
            print(f"the unmutated tests fail (pytest exit {baseline}): fix them first")
            return 1
        for m in chosen:
            verdict, seconds = check(tree, m)
            failed += verdict != "killed"
            print(f"{verdict:9} {seconds:5.1f} s  {m.kind:24} {m.name}", flush=True)
    print(f"\n{len(chosen) - failed} of {len(chosen)} mutations killed, {failed} not")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
