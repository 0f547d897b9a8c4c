"""Scoping by year: the documents about the asked years, and in documents that only
mention one of them, the sections (or paragraphs) that do."""

from __future__ import annotations

import re
from collections.abc import Sequence

from answer.turn import Scope
from lixia_qa.types import Document
from store.base import IndexStore


def year_scope(store: IndexStore, years: Sequence[int]) -> Scope:
    """Documents about ``years``, and for documents that only mention one of them, the
    sections (or paragraphs) where they do: only those may answer."""
    if not years:
        return Scope(None, {})
    about: set[str] = set()
    spans: dict[str, list[tuple[int, int]]] = {}
    for doc in store.documents_about(years):
        if doc.year in years:
            about.add(doc.doc_id)
        elif set(years) & set(doc.years):
            found = year_scopes(doc, years)
            if found:
                about.add(doc.doc_id)
                spans[doc.doc_id] = found
    return Scope(about, spans)


def year_scopes(doc: Document, years: Sequence[int]) -> list[tuple[int, int]]:
    """Spans of ``doc`` that speak of one of ``years``: the innermost section holding
    "YYYY年", or the paragraph when no section does."""
    spans = []
    for year in years:
        for m in re.finditer(f"{year}年", doc.text):
            inner = [s for s in doc.sections if s.start <= m.start() < s.end]
            if inner:
                best = min(inner, key=lambda s: s.end - s.start)
                spans.append((best.start, best.end))
            else:
                start = doc.text.rfind("\n\n", 0, m.start()) + 1
                end = doc.text.find("\n\n", m.end())
                spans.append((start, len(doc.text) if end < 0 else end))
    return spans
