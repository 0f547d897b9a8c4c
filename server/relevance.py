"""Which passages an abstention shows as "closest" (最接近的段落): only those that say
something about the question.

Retrieval always returns its best hits, even when none is about the question; beside
"未找到" they read as if they were. A passage is shown when it is a sentence, not a bare
headline or photo caption (a full stop and at least ``MIN_HAN`` Chinese characters), and
it contains one of the question's content words (not a function or framing word, not a
place name, which every passage about the place would match).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from lixia_qa import zh
from lixia_qa.types import Citation

MIN_HAN = 15  # fewer Chinese characters than this is a headline or a caption


def says_something(text: str) -> bool:
    """A sentence rather than a headline or a caption."""
    han = sum(1 for ch in text if zh.is_han(ch))
    return han >= MIN_HAN and any(mark in text for mark in zh.SENTENCE_END)


def content_words(
    question: str,
    words: Callable[[str], list[str]],
    ignore: Collection[str] = (),
    is_place: Callable[[str], bool] = lambda w: False,
) -> list[str]:
    """The question's words that could make a passage about it: two characters or more,
    not in ``ignore`` (framing words), not a place name."""
    return [w for w in words(question) if len(w) >= 2 and w not in ignore and not is_place(w)]


def worth_showing(related: Sequence[Citation], wanted: Collection[str]) -> tuple[Citation, ...]:
    """The passages that say something and contain one of ``wanted``, numbered from 1."""
    kept = [c for c in related if says_something(c.snippet) and any(w in c.snippet for w in wanted)]
    return tuple(replace(c, n=i) for i, c in enumerate(kept, 1))
