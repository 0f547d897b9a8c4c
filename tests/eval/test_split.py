"""The dev/test split: stratified, seeded, stable when questions are added."""

from __future__ import annotations

from collections import Counter

from eval.split import assign


def _items(n: int, kind: str = "figure", subtype: str = "keyword") -> list[dict]:
    return [{"id": f"{kind}{subtype}{i}", "type": kind, "subtype": subtype} for i in range(n)]


def test_each_stratum_is_halved() -> None:
    items = assign(_items(10) + _items(7, "owner") + _items(4, "fact", "reworded"))
    counts = Counter((it["type"], it["split"]) for it in items)
    assert counts[("figure", "dev")] == counts[("figure", "test")] == 5
    assert abs(counts[("owner", "dev")] - counts[("owner", "test")]) == 1
    assert counts[("fact", "dev")] == counts[("fact", "test")] == 2


def test_same_seed_same_split_and_old_items_keep_theirs() -> None:
    a = assign(_items(10))
    b = assign(_items(10))
    assert [x["split"] for x in a] == [x["split"] for x in b]
    grown = assign([dict(x) for x in a] + _items(4, "list"))
    assert [x["split"] for x in grown[:10]] == [x["split"] for x in a]
