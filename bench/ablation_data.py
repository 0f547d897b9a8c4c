"""Does each word list (or rule) of the answer stage still earn its place beside the reader?

For each data file of ``answer/data`` (and the whole set at once), a copy of the tree is
made with that file emptied (its comment lines kept), the shipped models are re-stamped
for the copy's code (the weights stay the same, so the comparison is of the list alone),
and the shipped system answers data the lists were not written from: the places eval
(other places' real documents, dev and test, per place and in total), CMRC 2018 dev (the
first ``--limit`` questions) and xquad-zh (the first ``--xquad-limit``). The eval set the
lists were tuned on is shown too, apart. A list that helps nowhere but on our own eval goes.

A code change is ablated the same way: ``--revert COMMIT[:path,...]`` reverse-applies that
commit's diff (its files outside ``tests/``, or only the paths given) to the copy, and
``--patch FILE,...`` applies each patch file to a copy of its own (one row each; e.g. the
reverse of one rule of a commit, ``bench/patches/``). With either, the data files are
emptied only when ``--files`` names them. A patch that does not apply is an error.

    .venv/bin/python bench/ablation_data.py [--files synonyms.tsv,framing.txt] [--json OUT]
    .venv/bin/python bench/ablation_data.py --revert 59fed1d --patch bench/patches/a.patch
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "answer" / "data"
MEASURE = """
import json, sys
sys.path.insert(0, ".")
from bench.bench_ablation import measure
import argparse
sets = {sets}
args = argparse.Namespace(places="eval/places", limit={limit})
row = measure("reader+features", [s for s in sets if s != "xquad"], args)
if "xquad" in sets:
    args.limit = {xquad}
    row.update(measure("reader+features", ["xquad"], args))
print("RESULT " + json.dumps(row, ensure_ascii=False))
"""
RESTAMP = """
import json, sys
sys.path.insert(0, ".")
from answer.features import features_version
for p in ("answer/models/scorer.json", "answer/models/decider.json"):
    d = json.load(open(p))
    d["features_version"] = features_version()
    open(p, "w").write(json.dumps(d, ensure_ascii=False, indent=1))
"""


def copy_tree(dest: Path) -> None:
    """The tracked tree plus the caches the measurement reads (indexes, built models)."""
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    files = [name for name in files if name]
    for name in files:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    for cache in (".cache", "bench/.cache", "build"):
        if (ROOT / cache).exists():
            (dest / cache).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(ROOT / cache, dest / cache)


def empty(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("".join(f"{line}\n" for line in lines if line.startswith("#")), "utf-8")


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout


def revert_patch(spec: str) -> str:
    """The reverse of commit ``COMMIT[:path,...]``'s diff: its files outside ``tests/``,
    or only the paths given."""
    commit, _, paths = spec.partition(":")
    names = paths.split(",") if paths else []
    if not names:
        changed = _git("diff", "--name-only", f"{commit}^", commit).split()
        names = [name for name in changed if not name.startswith("tests/")]
        if not names:
            raise ValueError(f"{commit} changes only tests: there is nothing to ablate")
    return _git("diff", commit, f"{commit}^", "--", *names)


def apply_patch(tree: Path, patch: str) -> None:
    done = subprocess.run(
        ["git", "apply", "-"], cwd=tree, input=patch, capture_output=True, text=True
    )
    if done.returncode:
        raise RuntimeError(f"the patch does not apply to the copy:\n{done.stderr}")


def run_copy(
    files: list[str], sets: list[str], limits: tuple[int, int], patch: str = ""
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="ablation-") as tmp:
        tree = Path(tmp) / ROOT.name
        os.symlink(ROOT.parent / "shared", Path(tmp) / "shared")  # the data beside the repo
        copy_tree(tree)
        for name in files:
            empty(tree / "answer" / "data" / name)
        if patch:
            apply_patch(tree, patch)
        py = str(ROOT / ".venv" / "bin" / "python")
        env = {**os.environ, "PYTHONPATH": str(tree)}
        subprocess.run([py, "-c", RESTAMP], cwd=tree, env=env, check=True)
        code = MEASURE.format(limit=limits[0], xquad=limits[1], sets=sets)
        done = subprocess.run(
            [py, "-c", code], cwd=tree, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode:
            what = files or ("the patched copy" if patch else "the shipped tree")
            raise RuntimeError(f"measuring {what} failed:\n{done.stderr[-3000:]}")
        out = done.stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    result: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
    return result


def _cell(m: dict[str, Any]) -> str:
    """Accuracy, then abstention on unanswerable questions, false abstention and hit@5
    where the set has them."""
    if "false_abstention" not in m:  # CMRC, xquad: every question has an answer
        return f"{m['answer_accuracy']:.3f}"
    figures = (m["answer_accuracy"], m["abstention"], m["false_abstention"], m.get("hit_at_5"))
    return " / ".join("-" if f is None else f"{f:.3f}" for f in figures)


def ablations(args: argparse.Namespace, names: list[str]) -> dict[str, tuple[list[str], str]]:
    """Each row to measure: its label, the data files it empties and the patch it applies."""
    code = bool(args.revert or args.patch)
    files = args.files.split(",") if args.files else ([] if code else names)
    runs: dict[str, tuple[list[str], str]] = {"shipped": ([], "")}
    runs |= {f: ([f], "") for f in files}
    if not code:
        runs["all lists"] = (names, "")
    if args.revert:
        runs[f"without {args.revert}"] = ([], revert_patch(args.revert))
    for path in args.patch.split(",") if args.patch else []:
        runs[Path(path).stem] = ([], Path(path).read_text(encoding="utf-8"))
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = sorted(p.name for p in DATA.iterdir() if p.is_file())
    parser.add_argument("--files", help="data files to empty, one at a time (default: all)")
    parser.add_argument("--revert", help="COMMIT[:path,...] whose diff is reverse-applied")
    parser.add_argument("--patch", help="patch files, each applied to a copy of its own")
    parser.add_argument("--sets", default="eval,places,cmrc,xquad")
    parser.add_argument("--limit", type=int, default=800, help="CMRC (and xquad) questions")
    parser.add_argument("--xquad-limit", type=int, help="xquad questions (default: --limit)")
    parser.add_argument("--json")
    args = parser.parse_args()
    sets = args.sets.split(",")
    limits = (args.limit, args.xquad_limit or args.limit)
    result = {}
    for label, (files, patch) in ablations(args, names).items():
        result[label] = run_copy(files, sets, limits, patch)
        print(f"{label}: {json.dumps(result[label], ensure_ascii=False)}", file=sys.stderr)
    keys = list(result["shipped"])
    print("| ablated | " + " | ".join(keys) + " |")
    print("|---|" + "---|" * len(keys))
    for label, row in result.items():
        cells = [_cell(row[k]) for k in keys]
        print(f"| {label} | " + " | ".join(cells) + " |")
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
