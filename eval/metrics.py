"""Pure scoring functions for the eval (each checked by hand in tests/eval)."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from lixia_qa import zh

_WS = re.compile(r"\s+")
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if chr(c - 0xFEE0).isalnum()}
# an answer's citation marker [n]; not a document number's year in brackets (芦政发[2014]17号)
_MARKER = re.compile(r"\[(\d{1,2})\]")


def normalise(text: str) -> str:
    """Remove whitespace, turn full-width letters/digits half-width (as the eval set does)
    and traditional characters simplified, as ingest reads a traditional text: a gold
    answer copied from one (13.22萬人) is the answer's 13.22万人."""
    return zh.to_simplified(_WS.sub("", text).translate(_FULLWIDTH))


def answer_correct(item: Mapping[str, Any], text: str, abstained: bool) -> bool:
    """Answerable: not abstained, one acceptable string and every all_of string in the text.

    Unanswerable: correct when the system abstained.
    """
    if item["type"] == "unanswerable":
        return abstained
    if abstained:
        return False
    body = normalise(_MARKER.sub("", text))
    answers = [normalise(a) for a in item.get("answers") or []]
    all_of = [normalise(a) for a in item.get("all_of") or []]
    if answers and not any(a in body for a in answers):
        return False
    return all(a in body for a in all_of) and bool(answers or all_of)


def retrieval_hit(item: Mapping[str, Any], hits: Sequence[Mapping[str, Any]], k: int) -> bool:
    """A top-k hit comes from the gold document and holds the evidence or an answer string."""
    keys = [normalise(a) for a in (item.get("answers") or []) + (item.get("all_of") or [])]
    evidence = normalise(item.get("evidence") or "")
    for hit in hits[:k]:
        if hit["doc_id"] != item.get("doc_id"):
            continue
        text = normalise(hit["text"])
        if (evidence and (evidence in text or text in evidence)) or any(a in text for a in keys):
            return True
    return False


def citations_valid(text: str, citations: Sequence[Mapping[str, Any]]) -> bool:
    """Every sentence of the answer ends with [n], and citation n's snippet contains it."""
    by_n = {c["n"]: normalise(c["snippet"]) for c in citations}
    body = re.sub(rf"^（(?:{zh.YEAR_4})年）", "", text.strip())  # the answer's （2024年）
    pieces = _MARKER.split(body)
    # pieces = [sentence, n, sentence, n, ..., trailing]
    if len(pieces) < 3 or normalise(pieces[-1]):
        return False
    for sentence, n in zip(pieces[0::2], pieces[1::2], strict=False):
        snippet = by_n.get(int(n))
        if snippet is None or normalise(sentence) not in snippet:
            return False
    return True


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return float(ordered[rank - 1])


def mean(values: Sequence[float]) -> float:
    return float(sum(values) / len(values)) if values else 0.0


def summarise(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Metrics for a group of per-question result rows."""
    answerable = [r for r in rows if r["type"] != "unanswerable"]
    unanswerable = [r for r in rows if r["type"] == "unanswerable"]
    answered = [r for r in rows if not r["abstained"]]
    return {
        "n": len(rows),
        "answer_accuracy": mean([r["correct"] for r in answerable]) if answerable else None,
        "hit@1": mean([r["hit@1"] for r in answerable]) if answerable else None,
        "hit@5": mean([r["hit@5"] for r in answerable]) if answerable else None,
        "abstention": mean([r["abstained"] for r in unanswerable]) if unanswerable else None,
        "false_abstention": mean([r["abstained"] for r in answerable]) if answerable else None,
        "citations_valid": mean([r["citations_valid"] for r in answered]) if answered else None,
        "mean_answer_chars": mean([r["answer_chars"] for r in answered]),
        "latency_p50_ms": percentile([r["latency_ms"] for r in rows], 50),
        "latency_p95_ms": percentile([r["latency_ms"] for r in rows], 95),
    }
