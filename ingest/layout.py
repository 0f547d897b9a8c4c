"""Print layout left in text: the running head (or foot) of every page.

A text saved from a paged document (a bulletin exported page by page, a PDF copied as
text) repeats the document's name, or its issuer's, at the top or the bottom of every
page: ``洛阳市2023年…统计公报`` ten times between paragraphs. Repeated, it becomes a
heading of every passage and matches every question about the document equally.
:func:`strip_running_heads` drops it below the document's first sentence (above it, it
is the title).
"""

from __future__ import annotations

from collections import Counter

from ingest.structure import marker_rank
from ingest.tables import is_table_row
from lixia_qa import zh

MIN_REPEATS = 3  # a line on its own this many times is a page's head or foot
MIN_HEAD, MAX_HEAD = 6, 60  # shorter lines are labels or headings, longer are text
_ENDS = zh.SENTENCE_END + zh.SEMICOLONS + zh.COLONS + zh.COMMAS


def is_head_like(line: str) -> bool:
    """A line that may be a running head: a short name, not a sentence, not a labelled
    value, not a table row, not a numbered heading (``（一）主要做法`` may repeat in
    every chapter)."""
    return (
        MIN_HEAD <= len(line) <= MAX_HEAD
        and zh.HAN_RE.search(line) is not None
        and not any(c in _ENDS for c in line)
        and not is_table_row(line)
        and marker_rank(line) is None
    )


def strip_running_heads(text: str) -> str:
    """Drop a line that stands on its own at least :data:`MIN_REPEATS` times
    (:func:`is_head_like`) wherever it appears after the document's first sentence;
    above it, in the document's head, it is the title and stays."""
    lines = text.split("\n")
    counts = Counter(s for s in (ln.strip() for ln in lines) if is_head_like(s))
    heads = {line for line, n in counts.items() if n >= MIN_REPEATS}
    if not heads:
        return text
    out: list[str] = []
    in_head = True  # no sentence yet
    for raw in lines:
        line = raw.strip()
        if line in heads and not in_head:
            continue
        in_head = in_head and not any(c in zh.SENTENCE_END for c in line)
        out.append(raw)
    return "\n".join(out)
