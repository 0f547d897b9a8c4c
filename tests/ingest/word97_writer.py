"""Writes Word 97-2003 .doc files for the tests ([MS-CFB] compound file, [MS-DOC]
FIB, piece table and paragraph properties), so that the reader is checked on files
whose every paragraph, cell and row end is known."""

from __future__ import annotations

import struct
from collections.abc import Sequence

SECTOR = 512
END, FREE, FAT_SECT, NO_STREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
TEXT_AT = 0x400  # where the text starts in the WordDocument stream

# a paragraph: (text, how it ends): "p" a paragraph, "cell" the end of a table cell,
# "in cell" a paragraph inside a cell that goes on, "row" the end of a table row
Para = tuple[str, str]


def _grpprl(end: str) -> bytes:
    if end == "p":
        return b""
    sprms = struct.pack("<HB", 0x2416, 1)  # sprmPFInTable
    if end == "row":
        sprms += struct.pack("<HB", 0x2417, 1)  # sprmPFTtp
    return sprms


RUNS_PER_PAGE = 16  # with a property set per run, what one 512-byte page holds


def _fkp(runs: Sequence[tuple[int, int, bytes]]) -> bytes:
    """One page of paragraph properties: (first byte, end byte, grpprl) per paragraph."""
    page = bytearray(SECTOR)
    crun = len(runs)
    assert crun <= RUNS_PER_PAGE
    for j, (first, _, _) in enumerate(runs):
        struct.pack_into("<I", page, 4 * j, first)
    struct.pack_into("<I", page, 4 * crun, runs[-1][1])
    free = SECTOR - 1
    for j, (_, _, grpprl) in enumerate(runs):
        if not grpprl:
            continue  # bOffset 0: no properties
        papx = struct.pack("<H", 0) + grpprl  # istd 0
        cb = (len(papx) + 2) // 2  # 2*cb - 1 >= len(papx)
        size = 1 + 2 * cb - 1
        free = (free - size) & ~1
        page[free] = cb
        page[free + 1 : free + 1 + len(papx)] = papx
        page[4 * (crun + 1) + 13 * j] = free // 2
    page[SECTOR - 1] = crun
    return bytes(page)


def word_streams(
    paras: Sequence[Para], compressed_title: str = "", huge_rows: bool = False
) -> tuple[bytes, bytes, bytes]:
    """The WordDocument, 1Table and Data streams of a document of ``paras``; a
    ``compressed_title`` (ASCII) is a first paragraph stored one byte a character;
    with ``huge_rows`` each row end keeps its properties in the Data stream (as Word
    does with a row's layout), pointed to by sprmPHugePapx."""
    marks = {"p": "\r", "in cell": "\r", "cell": "\x07", "row": "\x07"}
    text = "".join(t + marks[end] for t, end in paras)
    body = text.encode("utf-16-le")
    title = (compressed_title + "\r").encode("cp1252") if compressed_title else b""
    title_at = TEXT_AT + len(body)
    fkp_page = -(-(title_at + len(title)) // SECTOR)  # the first page of properties
    n_paras = len(paras) + (1 if title else 0)
    n_pages = -(-n_paras // RUNS_PER_PAGE)
    word = bytearray(SECTOR * (fkp_page + n_pages))
    struct.pack_into("<HH", word, 0, 0xA5EC, 0x00C1)
    struct.pack_into("<H", word, 0x0A, 0x0200)  # the table stream is 1Table
    struct.pack_into("<H", word, 0x20, 14)
    struct.pack_into("<H", word, 0x3E, 22)
    ccp = len(title) + len(text)
    struct.pack_into("<I", word, 0x4C, ccp)
    struct.pack_into("<H", word, 0x98, 93)
    struct.pack_into("<II", word, 0x18, TEXT_AT, title_at + len(title))  # fcMin, fcMac
    word[title_at : title_at + len(title)] = title
    word[TEXT_AT : TEXT_AT + len(body)] = body
    runs, at, data = [], TEXT_AT, bytearray()
    for t, end in paras:
        size = 2 * (len(t) + 1)
        grpprl = _grpprl(end)
        if huge_rows and end == "row":
            pointer = struct.pack("<HI", 0x6646, len(data))
            data += struct.pack("<H", len(grpprl)) + grpprl
            grpprl = pointer
        runs.append((at, at + size, grpprl))
        at += size
    if title:
        runs.append((title_at, title_at + len(title), b""))
    pages = [runs[i : i + RUNS_PER_PAGE] for i in range(0, len(runs), RUNS_PER_PAGE)]
    for k, page in enumerate(pages):
        word[(fkp_page + k) * SECTOR : (fkp_page + k + 1) * SECTOR] = _fkp(page)
    # the piece table: the title piece first (compressed), then the Unicode text
    pieces = []
    if title:
        pieces.append((len(title), ((2 * title_at) | 0x40000000)))
    pieces.append((len(text), TEXT_AT))
    cps, cp = [0], 0
    for length, _ in pieces:
        cp += length
        cps.append(cp)
    plc = b"".join(struct.pack("<I", c) for c in cps)
    plc += b"".join(struct.pack("<HIH", 0, fc, 0) for _, fc in pieces)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    # PlcBtePapx: where each page's runs start (and the last ends), then the pages
    fcs = [page[0][0] for page in pages] + [pages[-1][-1][1]]
    bte = struct.pack(f"<{len(fcs)}I", *fcs)
    bte += struct.pack(f"<{len(pages)}I", *range(fkp_page, fkp_page + len(pages)))
    table = clx + bte
    struct.pack_into("<II", word, 0x9A + 8 * 33, 0, len(clx))  # fcClx, lcbClx
    struct.pack_into("<II", word, 0x9A + 8 * 13, len(clx), len(bte))  # fcPlcfBtePapx
    return bytes(word), table, bytes(data)


def _entry(
    name: str, kind: int, *, start: int, size: int, left: int = NO_STREAM, child: int = NO_STREAM
) -> bytes:
    raw = name.encode("utf-16-le") + b"\x00\x00" if name else b""
    entry = bytearray(128)
    entry[: len(raw)] = raw
    struct.pack_into("<HBB", entry, 0x40, len(raw), kind, 1)
    struct.pack_into("<III", entry, 0x44, left, NO_STREAM, child)
    struct.pack_into("<IQ", entry, 0x74, start, size)
    return bytes(entry)


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3) holding ``streams``, each padded with zeros to
    at least 4,096 bytes (the size under which a stream would lie in the mini stream)."""
    names = list(streams)
    data = [streams[n] + b"\x00" * max(0, 4096 - len(streams[n])) for n in names]
    data = [d + b"\x00" * (-len(d) % SECTOR) for d in data]
    fat = [FAT_SECT, END]  # sector 0: the FAT, sector 1: the directory
    starts = []
    for d in data:
        n = len(d) // SECTOR
        starts.append(len(fat))
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [END]
    assert len(fat) <= SECTOR // 4
    fat += [FREE] * (SECTOR // 4 - len(fat))
    header = bytearray(SECTOR)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, 1, 1, 0, 4096, END, 0, END, 0)
    struct.pack_into("<I", header, 0x4C, 0)
    for i in range(1, 109):
        struct.pack_into("<I", header, 0x4C + 4 * i, FREE)
    # a directory tree ordered as the format asks (shorter names first): the root's
    # child is the last stream, the others its left siblings in a chain
    entries = []
    order = sorted(range(len(names)), key=lambda i: (len(names[i]), names[i].upper()))
    for i, name in enumerate(names):
        pos = order.index(i)
        left = order[pos - 1] + 1 if pos > 0 else NO_STREAM
        entries.append(_entry(name, 2, start=starts[i], size=len(data[i]), left=left))
    entries.insert(0, _entry("Root Entry", 5, start=END, size=0, child=order[-1] + 1))
    directory = b"".join(entries)
    directory += b"\x00" * (SECTOR - len(directory))
    return bytes(header) + struct.pack(f"<{SECTOR // 4}I", *fat) + directory + b"".join(data)


def build_doc(paras: Sequence[Para], compressed_title: str = "", huge_rows: bool = False) -> bytes:
    """A .doc file of ``paras`` (see :data:`Para` and :func:`word_streams`)."""
    word, table, data = word_streams(paras, compressed_title, huge_rows)
    streams = {"WordDocument": word, "1Table": table}
    return compound_file(streams | ({"Data": data} if data else {}))
