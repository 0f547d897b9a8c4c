"""StoreLookup: records fetched by key on first use, a bounded cache, misses remembered."""

from __future__ import annotations

from collections.abc import Collection

import pytest

from answer.lookup import StoreLookup

RECORDS = {"a": "甲文档", "b": "乙文档", "c": "丙文档"}


class Fetcher:
    """A store stand-in that counts what it is asked for."""

    def __init__(self) -> None:
        self.asked: list[list[str]] = []

    def __call__(self, keys: Collection[str]) -> dict[str, str]:
        self.asked.append(sorted(keys))
        return {k: RECORDS[k] for k in keys if k in RECORDS}


def test_fetched_once_then_cached() -> None:
    fetch = Fetcher()
    docs = StoreLookup(fetch)
    assert docs["a"] == "甲文档"
    assert docs["a"] == "甲文档"
    assert fetch.asked == [["a"]]
    assert "b" in docs and docs.get("b") == "乙文档"
    assert fetch.asked == [["a"], ["b"]]


def test_a_missing_key_raises_and_is_not_asked_again() -> None:
    fetch = Fetcher()
    docs = StoreLookup(fetch)
    with pytest.raises(KeyError):
        docs["nope"]
    assert "nope" not in docs
    assert docs.get("nope") is None
    assert fetch.asked == [["nope"]]


def test_the_cache_keeps_the_most_recently_used() -> None:
    fetch = Fetcher()
    docs = StoreLookup(fetch, size=2)
    docs["a"], docs["b"]
    docs["a"]  # a is now the most recent: b goes when c comes
    docs["c"]
    assert list(docs) == ["a", "c"] and len(docs) == 2
    docs["a"]  # cached: not fetched; order now c, a
    assert fetch.asked == [["a"], ["b"], ["c"]]
    docs["b"]  # evicted before: fetched again, and c (least recent) goes
    assert fetch.asked[-1] == ["b"]
    assert list(docs) == ["a", "b"]


def test_iteration_and_len_cover_what_was_fetched() -> None:
    docs = StoreLookup(Fetcher())
    assert len(docs) == 0 and list(docs) == []
    docs["c"], docs["a"]
    assert list(docs) == ["c", "a"] and dict(docs.items()) == {"c": "丙文档", "a": "甲文档"}


def test_a_view_reads_through_the_lookup() -> None:
    fetch = Fetcher()
    docs = StoreLookup(fetch)
    lengths = docs.view(len)
    assert lengths["b"] == 3
    assert docs["b"] == "乙文档"  # the view filled the underlying cache
    assert fetch.asked == [["b"]]
    with pytest.raises(KeyError):
        lengths["nope"]
