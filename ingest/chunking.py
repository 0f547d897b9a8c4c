"""Split cleaned documents into chunks at Chinese sentence boundaries, keeping offsets."""

from __future__ import annotations

import re
from collections.abc import Sequence

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.structure import heading_path
from lixia_qa import zh
from lixia_qa.types import Chunk, Document, Section

# Characters that may never open a chunk (closing quotes/brackets, clause punctuation).
_NO_START = zh.CLAUSE_END + zh.SENTENCE_END + zh.ELLIPSIS + "." + zh.CLOSERS
_CLOSERS = re.escape(zh.CLOSERS)
# Zero-width regex separators, coarse to fine; lookbehind keeps the punctuation
# with the sentence it ends and never splits before a closing quote, nor inside a URL,
# a time or a figure (zh.break_after).
SEPARATORS = [
    r"\n\n+",
    r"\n",
    rf"{zh.break_after(zh.SENTENCE_END)}(?![{_CLOSERS}])",
    rf"{zh.break_after(zh.SEMICOLONS + zh.ELLIPSIS)}(?![{_CLOSERS}{zh.ELLIPSIS}])",
    rf"{zh.break_after(zh.CLAUSE_BREAKS + zh.LIST_COMMA)}(?![{_CLOSERS}])",
    "",
]


def make_splitter(chunk_size: int, chunk_overlap: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(
        separators=SEPARATORS,
        is_separator_regex=True,
        keep_separator="start",
        chunk_size=chunk_size,
        chunk_overlap=min(chunk_overlap, chunk_size // 2),
        strip_whitespace=True,
    )


def section_bounds(text_len: int, sections: Sequence[Section]) -> list[tuple[int, int]]:
    """Cut the text at every heading so no chunk spans two sections."""
    cuts = sorted({0, text_len, *(s.start for s in sections if 0 < s.start < text_len)})
    return list(zip(cuts, cuts[1:], strict=False))


def _trim_start(text: str, start: int, end: int) -> int:
    while start < end and (text[start] in _NO_START or text[start].isspace()):
        start += 1
    return start


def chunk_document(doc: Document, chunk_size: int, chunk_overlap: int) -> list[Chunk]:
    """Chunks of ``doc`` with ``doc.text[chunk.start:chunk.end] == chunk.text``, each
    with its heading path and, where neither holds it, the document's title."""
    splitter = make_splitter(chunk_size, chunk_overlap)
    chunks: list[Chunk] = []
    for seg_start, seg_end in section_bounds(len(doc.text), doc.sections):
        segment = doc.text[seg_start:seg_end]
        cursor = 0
        for piece in splitter.split_text(segment):
            found = segment.find(piece, cursor)
            if found < 0:  # cannot happen for a verbatim splitter; be safe
                found = segment.find(piece)
            start = _trim_start(doc.text, seg_start + found, seg_start + found + len(piece))
            end = seg_start + found + len(piece)
            cursor = found + 1
            if start >= end:
                continue
            n = len(chunks)
            headings = heading_path(doc.sections, start)
            chunks.append(
                Chunk(
                    chunk_id=f"{doc.doc_id}#{n}",
                    doc_id=doc.doc_id,
                    text=doc.text[start:end],
                    start=start,
                    end=end,
                    headings=headings,
                    title=chunk_title(doc.title, headings, doc.text[start:end]),
                )
            )
    return chunks


def chunk_title(title: str, headings: Sequence[str], text: str) -> str:
    """The document's title for a chunk's index text (:meth:`Chunk.index_text`): ``""``
    when the chunk's outermost heading or its own text already holds it."""
    flat = "".join(title.split())
    if not flat or flat in "".join(text.split()):
        return ""
    if headings and flat in "".join(headings[0].split()):
        return ""
    return title
