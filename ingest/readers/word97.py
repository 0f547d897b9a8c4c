"""Word 97-2003 binary documents (.doc, and WPS files saved in that format): the main
text, footnotes, endnotes and text boxes from the piece table, paragraphs and tables in order.

The format is Microsoft's [MS-DOC]. The file is an OLE compound file (read with
``olefile``) whose ``WordDocument`` stream starts with the FIB; the FIB gives the length
of each story of the text (main text, footnotes, headers, …: :data:`_STORIES` says which
are read) and where the piece table (``Clx``) and the paragraph properties
(``PlcBtePapx``) lie in the table stream. The piece table maps the text's character
positions to bytes of ``WordDocument`` (UTF-16, or one byte a character where a piece is
"compressed"). A paragraph's properties say whether it lies in a table and whether it
ends a table row: a cell ends with ``\\x07``, a row with a paragraph of its own.

Field codes keep their shown result (``HYPERLINK "…"`` is dropped, the link text kept).
"""

from __future__ import annotations

import bisect
import io
import itertools
import struct
from collections.abc import Iterator
from dataclasses import dataclass

import olefile

from ingest.readers.base import Extracted, UnreadableFileError
from ingest.tables import format_table

_WORD_IDENT = 0xA5EC
_FC_CLX = 33  # index of fcClx/lcbClx among the FIB's FcLcb pairs
_FC_PAPX = 13  # index of fcPlcfBtePapx/lcbPlcfBtePapx
_SPRM_IN_TABLE = 0x2416  # sprmPFInTable
_SPRM_ROW_END = 0x2417  # sprmPFTtp
_SPRM_DEPTH = 0x6649  # sprmPItap: table depth
_SPRM_INNER_ROW_END = 0x244C  # sprmPFInnerTtp: a row of a nested table ends
_SPRM_HUGE_PAPX = 0x6646  # sprmPHugePapx: the properties lie in the Data stream, here
_OPERAND_SIZE = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by the sprm's spra bits
_SPRM_LONG_LENGTH = {0xD608, 0xC615}  # variable operands with a 2-byte length
_FKP_SIZE = 512
# characters that stand for something else in the text
_REPLACE = {"\x0b": "\n", "\x0c": "\n", "\x0e": "\n", "\x1e": "-", "\xa0": " "}
_DROP = set("\x00\x01\x02\x03\x04\x05\x08\x1f")


@dataclass(frozen=True)
class _Para:
    text: str
    end: str  # "\r" or "\x07"
    in_table: bool
    row_end: bool


def _u16(data: bytes, at: int) -> int:
    return int(struct.unpack_from("<H", data, at)[0])


def _u32(data: bytes, at: int) -> int:
    return int(struct.unpack_from("<I", data, at)[0])


# the stories of the text, in the order the piece table holds them (ccpText, ccpFtn,
# ccpHdd, ccpMcr, ccpAtn, ccpEdn, ccpTxbx, ccpHdrTxbx), and whether each is read
_STORIES = (
    ("main text", True),
    ("footnotes", True),
    ("headers and footers", False),  # page furniture repeated on every page
    ("macros", False),
    ("comments", False),
    ("endnotes", True),
    ("text boxes", True),  # designed pages keep their text there
    ("header text boxes", False),
)


def _fib(word: bytes) -> tuple[int, list[tuple[int, int]], dict[int, tuple[int, int]]]:
    """(flags, character ranges of the stories read, FcLcb pairs by index) of the FIB."""
    if len(word) < 0x9A or _u16(word, 0) != _WORD_IDENT:
        raise UnreadableFileError("not a Word 97-2003 document (no Word header)")
    flags = _u16(word, 0x0A)
    csw = _u16(word, 0x20)
    at = 0x22 + 2 * csw
    cslw = _u16(word, at)
    rg_lw = at + 2
    ranges, cp = [], 0
    for i, (_, read) in enumerate(_STORIES):
        length = _u32(word, rg_lw + 12 + 4 * i)
        if read and length:
            ranges.append((cp, cp + length))
        cp += length
    at = rg_lw + 4 * cslw
    count = _u16(word, at)
    pairs = {i: (_u32(word, at + 2 + 8 * i), _u32(word, at + 6 + 8 * i)) for i in range(count)}
    return flags, ranges, pairs


def _pieces(table: bytes, fc: int, lcb: int) -> list[tuple[int, int, int, bool]]:
    """(cp start, cp end, byte offset, compressed) of each piece of the piece table."""
    clx = table[fc : fc + lcb]
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: property modifiers, skipped
        at += 3 + _u16(clx, at + 1)
    if at >= len(clx) or clx[at] != 0x02:
        raise UnreadableFileError("the Word document's piece table is damaged")
    size = _u32(clx, at + 1)
    plc = clx[at + 5 : at + 5 + size]
    n = (len(plc) - 4) // 12
    cps = [_u32(plc, 4 * i) for i in range(n + 1)]
    out = []
    for i in range(n):
        raw = _u32(plc, 4 * (n + 1) + 8 * i + 2)
        compressed = bool(raw & 0x40000000)
        offset = (raw & 0x3FFFFFFF) // 2 if compressed else raw & 0x3FFFFFFF
        out.append((cps[i], cps[i + 1], offset, compressed))
    return out


def _characters(
    word: bytes, pieces: list[tuple[int, int, int, bool]], ranges: list[tuple[int, int]]
) -> Iterator[tuple[str, int]]:
    """Each character of the text in ``ranges`` (character positions), with its byte
    offset in ``word``."""
    for first, last in ranges:
        for start, end, offset, compressed in pieces:
            lo, hi = max(start, first), min(end, last)
            if lo >= hi:
                continue
            width = 1 if compressed else 2
            at = offset + width * (lo - start)
            raw = word[at : at + width * (hi - lo)]
            text = (
                raw.decode("cp1252", "replace")
                if compressed
                else raw.decode("utf-16-le", "replace")
            )
            for i, ch in enumerate(text):
                yield ch, at + width * i
        yield "\r", -1  # a story ends a paragraph


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    at = 0
    while at + 2 <= len(grpprl):
        sprm = _u16(grpprl, at)
        at += 2
        spra = sprm >> 13
        if spra == 6:
            if sprm in _SPRM_LONG_LENGTH:
                size = _u16(grpprl, at) if at + 2 <= len(grpprl) else 0
                at += 2
            else:
                size = grpprl[at] if at < len(grpprl) else 0
                at += 1
        else:
            size = _OPERAND_SIZE[spra]
        yield sprm, grpprl[at : at + size]
        at += size


def _table_flags(grpprl: bytes, data: bytes) -> tuple[bool, bool]:
    """(in a table, ends a row) from a paragraph's property modifiers; a row's end mark,
    which carries the row's whole layout, often keeps them in the ``Data`` stream."""
    in_table = row_end = False
    for sprm, operand in _sprms(grpprl):
        value = int.from_bytes(operand, "little") if operand else 0
        if sprm in (_SPRM_IN_TABLE, _SPRM_DEPTH):
            in_table = value > 0
        elif sprm in (_SPRM_ROW_END, _SPRM_INNER_ROW_END):
            row_end = value > 0
        elif sprm == _SPRM_HUGE_PAPX and value + 2 <= len(data):
            size = _u16(data, value)
            huge = _table_flags(data[value + 2 : value + 2 + size], b"")
            in_table, row_end = in_table or huge[0], row_end or huge[1]
    return in_table, row_end


def _paragraph_runs(
    word: bytes, table: bytes, data: bytes, fc: int, lcb: int
) -> list[tuple[int, int, bool, bool]]:
    """(first byte, end byte, in a table, ends a row) of each run of paragraph
    properties, from the FKP pages ``PlcBtePapx`` points to."""
    runs = []
    plc = table[fc : fc + lcb]
    n = (len(plc) - 4) // 8
    for i in range(n):
        page = _u32(plc, 4 * (n + 1) + 4 * i) & 0x3FFFFF
        fkp = word[page * _FKP_SIZE : (page + 1) * _FKP_SIZE]
        if len(fkp) < _FKP_SIZE:
            continue
        crun = fkp[_FKP_SIZE - 1]
        fcs = [_u32(fkp, 4 * j) for j in range(crun + 1)]
        for j in range(crun):
            b_offset = fkp[4 * (crun + 1) + 13 * j]
            in_table = row_end = False
            if b_offset:
                at = 2 * b_offset
                cb = fkp[at]
                size, at = (2 * cb - 1, at + 1) if cb else (2 * fkp[at + 1], at + 2)
                papx = fkp[at : at + size]
                in_table, row_end = _table_flags(papx[2:], data)  # past the style index
            runs.append((fcs[j], fcs[j + 1], in_table, row_end))
    return runs


def _paragraphs(
    word: bytes,
    table: bytes,
    data: bytes,
    pairs: dict[int, tuple[int, int]],
    ranges: list[tuple[int, int]],
) -> list[_Para]:
    pieces = _pieces(table, *pairs[_FC_CLX])
    try:
        runs = sorted(_paragraph_runs(word, table, data, *pairs[_FC_PAPX]))
    except (struct.error, IndexError, KeyError):
        runs = []  # no paragraph properties: cells are read as lines
    starts = [r[0] for r in runs]

    def props(at: int) -> tuple[bool, bool]:
        i = bisect.bisect_right(starts, at) - 1
        if i >= 0 and runs[i][0] <= at < runs[i][1]:
            return runs[i][2], runs[i][3]
        return False, False

    paras: list[_Para] = []
    buf: list[str] = []
    for ch, at in _shown(_characters(word, pieces, ranges)):
        if ch in "\r\x07":
            in_table, row_end = props(at)  # without properties, a cell reads as a line
            paras.append(_Para("".join(buf).strip(), ch, in_table, row_end))
            buf = []
        elif ch not in _DROP:
            buf.append(_REPLACE.get(ch, ch))
    if "".join(buf).strip():
        paras.append(_Para("".join(buf).strip(), "\r", False, False))
    return paras


def _shown(chars: Iterator[tuple[str, int]]) -> Iterator[tuple[str, int]]:
    """The characters a reader sees: a field (``\x13`` code ``\x14`` result ``\x15``,
    nested) gives its result, not its code (HYPERLINK "…", PAGE)."""
    fields: list[bool] = []  # per open field: its result is being read
    for ch, at in chars:
        if ch == "\x13":
            fields.append(False)
        elif ch == "\x14" and fields:
            fields[-1] = True
        elif ch == "\x15" and fields:
            fields.pop()
        elif not fields or fields[-1]:
            yield ch, at


def _table_rows(paras: list[_Para]) -> list[list[str]]:
    """The rows of one table's paragraphs: a cell ends with ``\x07``, a row with its end
    mark; a cell of several paragraphs is one cell, its paragraphs joined by a space."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    for p in paras:
        if not p.row_end:
            cell.append(p.text)
        if cell and (p.end == "\x07" or p.row_end):
            row.append(" ".join(t for t in cell if t))
            cell = []
        if p.row_end:
            rows.append(row)
            row = []
    return rows + ([row] if row else [])


def _blocks(paras: list[_Para]) -> list[str]:
    """Paragraphs, and each table as rows written by :func:`format_table`."""
    blocks: list[str] = []
    for in_table, group in itertools.groupby(paras, key=lambda p: p.in_table):
        if in_table:
            blocks.append(format_table(_table_rows(list(group))))
        else:
            blocks += [p.text for p in group if p.text]
    return [b for b in blocks if b]


def is_word97(data: bytes) -> bool:
    """An OLE compound file holding a ``WordDocument`` stream."""
    try:
        if not olefile.isOleFile(data=data):
            return False
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return bool(ole.exists("WordDocument"))
    except (OSError, ValueError, IndexError, struct.error):
        return False


def extract(data: bytes, name: str) -> Extracted:
    """The main text of a Word 97-2003 document: paragraphs, and tables as rows."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise UnreadableFileError("not a Word document (no WordDocument stream)")
            word = ole.openstream("WordDocument").read()
            flags, ranges, pairs = _fib(word)
            if flags & 0x0100:
                raise UnreadableFileError(
                    "the Word document is encrypted: save it without a password"
                )
            table_name = "1Table" if flags & 0x0200 else "0Table"
            if not ole.exists(table_name):
                raise UnreadableFileError(f"the Word document has no {table_name} stream")
            table = ole.openstream(table_name).read()
            data_stream = ole.openstream("Data").read() if ole.exists("Data") else b""
        paras = _paragraphs(word, table, data_stream, pairs, ranges)
    except (OSError, struct.error, IndexError, KeyError, ValueError) as exc:
        raise UnreadableFileError(f"not a readable Word 97-2003 document ({exc})") from exc
    blocks = _blocks(paras)
    if not blocks:
        raise UnreadableFileError("the Word document holds no text")
    return Extracted(text="\n\n".join(blocks), kind="doc")
