"""Split cleaned documents into chunks at Chinese sentence boundaries, keeping offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.structure import heading_path
from ingest.units import is_caption
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
    with its heading path and, where neither holds it, the document's title. A piece of
    bare headings is joined to a neighbour (:func:`join_bare_headings`)."""
    pieces = join_bare_headings(doc, list(_pieces(doc, chunk_size, chunk_overlap)))
    chunks: list[Chunk] = []
    for n, (start, end) in enumerate(pieces):
        headings = heading_path(doc.sections, end - 1)
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


def _pieces(doc: Document, chunk_size: int, chunk_overlap: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the splitter's pieces, section by section."""
    splitter = make_splitter(chunk_size, chunk_overlap)
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
            if start < end:
                yield start, end


def is_bare_heading(doc: Document, start: int, end: int) -> bool:
    """``doc.text[start:end]`` is headings alone: each line a section's heading line, with
    no labelled value (``适合人群：…``) and no figure but years, unless it is a caption
    (``表3 2023年…`` and ``图1：…`` are bare, ``重工业11.2`` is not)."""
    heads = {s.start: s.heading.strip() for s in doc.sections}
    offset = start
    for line in doc.text[start:end].split("\n"):
        at = offset + len(line) - len(line.lstrip())
        offset += len(line) + 1
        line = line.strip()
        if not line:
            continue
        if heads.get(at) != line:
            return False
        if is_caption(line):  # 表3 2023年… / 图1：2018―2022年…: names what is shown
            continue
        for mention in reversed(zh.find_years(line, two_digit=False)):
            line = line[: mention.start] + line[mention.end :]
        if any(c in zh.COLONS or c.isdigit() for c in line):
            return False
    return True


def join_bare_headings(doc: Document, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A piece of bare headings (:func:`is_bare_heading`: a title, a section heading, a
    caption) never stands alone: it joins the piece after it, which it heads; a figure's
    caption (图N, set under its figure) joins the piece before it. Such a piece alone
    matches a question's words and holds no answer; joined, the passage it heads does."""
    out: list[tuple[int, int]] = []
    held: int | None = None  # start of bare headings waiting for the piece they head
    for start, end in pieces:
        if not is_bare_heading(doc, start, end):
            out.append((start if held is None else held, end))
            held = None
        elif out and held is None and _is_figure_caption(doc.text[start:end]):
            out[-1] = (out[-1][0], end)
        elif held is None:
            held = start
    if held is not None:  # headings closing the text: the last piece takes them
        last = pieces[-1][1]
        out = [*out[:-1], (out[-1][0], last)] if out else [(held, last)]
    return out


def _is_figure_caption(text: str) -> bool:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return bool(lines) and all(is_caption(ln) and ln.lstrip("附 ").startswith("图") for ln in lines)


def chunk_title(title: str, headings: Sequence[str], text: str) -> str:
    """The document's title for a chunk's keyword text (:meth:`Chunk.keyword_text`): ``""``
    when the chunk's outermost heading or its own text already holds it."""
    flat = "".join(title.split())
    if not flat or flat in "".join(text.split()):
        return ""
    if headings and flat in "".join(headings[0].split()):
        return ""
    return title
