"""Records fetched from the index store by key when first asked for, with a small cache:
the answer stage reads documents and units this way instead of holding the corpus."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Generic, TypeVar

V = TypeVar("V")
W = TypeVar("W")


class StoreLookup(Mapping[str, V], Generic[V]):
    """A read-only mapping over ``fetch`` (keys -> found records), caching the last
    ``size`` records. Iteration and ``len`` cover the records fetched so far only."""

    def __init__(self, fetch: Callable[[Collection[str]], Mapping[str, V]], size: int = 128):
        self._fetch = fetch
        self._size = size
        self._cache: OrderedDict[str, V] = OrderedDict()
        self._missing: set[str] = set()

    def __getitem__(self, key: str) -> V:
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        if key in self._missing:
            raise KeyError(key)
        found = self._fetch([key]).get(key)
        if found is None:
            self._missing.add(key)
            raise KeyError(key)
        self._cache[key] = found
        while len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._cache))

    def __len__(self) -> int:
        return len(self._cache)

    def view(self, fn: Callable[[V], W]) -> StoreLookup[W]:
        """The same records seen through ``fn`` (e.g. a document's text)."""

        def fetch(keys: Collection[str]) -> dict[str, W]:
            return {k: fn(self[k]) for k in keys if k in self}

        return StoreLookup(fetch, self._size)
