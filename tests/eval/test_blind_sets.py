"""The blind sets (eval/blind/) are well formed: 30 questions each (20 answerable, 10
unanswerable, most of those near misses), unique ids, each answer's evidence in its
document and every answer string in its evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.places import find_places

BLIND = Path(__file__).resolve().parents[2] / "eval" / "blind"
SETS = find_places(BLIND)
TYPES = {"figure", "owner", "fact", "year", "list", "unanswerable"}


def _items(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def test_there_are_blind_sets_with_a_guard() -> None:
    assert len(SETS) >= 4
    guard = json.loads((BLIND / "thresholds.json").read_text(encoding="utf-8"))
    assert {"default", "total"} <= set(guard)


@pytest.mark.parametrize("blind", SETS, ids=[s.name for s in SETS])
def test_a_blind_set_is_well_formed(blind) -> None:
    items = _items(blind.questions)
    assert len(items) == 30
    assert len({it["id"] for it in items}) == 30
    assert all(it["id"].startswith(f"{blind.name}-q") for it in items)
    assert {it["type"] for it in items} <= TYPES
    unanswerable = [it for it in items if it["type"] == "unanswerable"]
    assert len(unanswerable) == 10
    assert sum(it["subtype"] == "near_miss" for it in unanswerable) >= 6
    for it in unanswerable:
        assert it["doc_id"] is None and not it["answers"] and not it["all_of"], it["id"]
    for it in (it for it in items if it["type"] != "unanswerable"):
        text = (blind.docs / it["doc_id"]).read_text(encoding="utf-8")
        evidence = it["evidence"]
        assert evidence in text and len(evidence) <= 100, it["id"]
        wanted = it["answers"] or it["all_of"]
        assert wanted and all(a in evidence for a in wanted), it["id"]
