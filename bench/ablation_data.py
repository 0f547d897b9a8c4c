"""Does each word list of the answer stage still earn its place beside the reader?

For each data file of ``answer/data`` (and the whole set at once), a copy of the tree is
made with that file emptied (its comment lines kept), the shipped models are re-stamped
for the copy's code (the weights stay the same, so the comparison is of the list alone),
and the shipped system answers data the lists were not written from: the places eval
(other places' real documents, dev and test), CMRC 2018 dev (the first ``--cmrc``
questions) and xquad-zh (the first ``--xquad``). The eval set the lists were tuned on is
shown too, apart. A list that helps nowhere but on our own eval goes.

    .venv/bin/python bench/ablation_data.py [--files synonyms.tsv,framing.txt] [--json OUT]
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
args = argparse.Namespace(places="eval/places", limit={limit})
print("RESULT " + json.dumps(measure("reader+features", {sets}, args), ensure_ascii=False))
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


def run_copy(files: list[str], sets: list[str], limit: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="ablation-") as tmp:
        tree = Path(tmp) / ROOT.name
        os.symlink(ROOT.parent / "shared", Path(tmp) / "shared")  # the data beside the repo
        copy_tree(tree)
        for name in files:
            empty(tree / "answer" / "data" / name)
        py = str(ROOT / ".venv" / "bin" / "python")
        env = {**os.environ, "PYTHONPATH": str(tree)}
        subprocess.run([py, "-c", RESTAMP], cwd=tree, env=env, check=True)
        code = MEASURE.format(limit=limit, sets=sets)
        done = subprocess.run(
            [py, "-c", code], cwd=tree, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode:
            raise RuntimeError(
                f"measuring {files or 'the shipped lists'} failed:\n{done.stderr[-3000:]}"
            )
        out = done.stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    result: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
    return result


def _cell(m: dict[str, Any]) -> str:
    """Accuracy, and abstention on unanswerable questions where the set has them."""
    if m.get("abstention") is None:
        return f"{m['answer_accuracy']:.3f}"
    return f"{m['answer_accuracy']:.3f} / {m['abstention']:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = sorted(p.name for p in DATA.iterdir() if p.is_file())
    parser.add_argument("--files", default=",".join(names))
    parser.add_argument("--sets", default="eval,places,cmrc,xquad")
    parser.add_argument("--limit", type=int, default=800, help="CMRC / xquad questions")
    parser.add_argument("--json")
    args = parser.parse_args()
    sets = args.sets.split(",")
    runs = {"shipped": []} | {f: [f] for f in args.files.split(",")} | {"all lists": names}
    result = {}
    for label, files in runs.items():
        result[label] = run_copy(files, sets, args.limit)
        print(f"{label}: {json.dumps(result[label], ensure_ascii=False)}", file=sys.stderr)
    keys = list(result["shipped"])
    print("| emptied | " + " | ".join(keys) + " |")
    print("|---|" + "---|" * len(keys))
    for label, row in result.items():
        cells = [_cell(row[k]) for k in keys]
        print(f"| {label} | " + " | ".join(cells) + " |")
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
