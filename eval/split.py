"""Split the eval questions into `dev` and `test`, stratified, with a fixed seed.

Each question gets a ``split`` field, written back into the file. Strata are the
question type crossed with whether the question is a reworded one (``subtype ==
"reworded"``), so both splits hold every type and reworded questions in proportion.
Questions that already have a split keep it: adding questions later never moves an
old one from dev to test or back.

    python eval/split.py [eval/questions.jsonl] [--seed 20261123]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent / "questions.jsonl"
SEED = 20261123


def assign(items: list[dict], seed: int = SEED) -> list[dict]:
    """Give every item without a split one, half of each stratum to each split
    (an odd one out goes to the split the stratum has fewer of)."""
    strata: dict[tuple[str, bool], list[dict]] = defaultdict(list)
    for item in items:
        strata[(item["type"], item.get("subtype") == "reworded")].append(item)
    rng = random.Random(seed)
    for key in sorted(strata):
        group = strata[key]
        fresh = [it for it in group if it.get("split") not in ("dev", "test")]
        rng.shuffle(fresh)
        for item in fresh:
            dev = sum(1 for it in group if it.get("split") == "dev")
            test = sum(1 for it in group if it.get("split") == "test")
            item["split"] = "dev" if dev < test or (dev == test and rng.random() < 0.5) else "test"
    return items


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    path = Path(args.path)
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    assign(items, args.seed)
    path.write_text(
        "".join(json.dumps(it, ensure_ascii=False) + "\n" for it in items), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
