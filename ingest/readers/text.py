"""Plain text and markdown: decode (UTF-8, GB18030, UTF-16, detected), never mojibake."""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

from ingest.readers.base import Extracted, UnreadableFileError
from lixia_qa.zh import HAN_RE

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHINESE_ENCODINGS = ("gb18030", "gbk", "gb2312", "big5", "hz", "cp936")


_MAX_REPLACED = 0.001  # U+FFFD the file itself holds (a few damaged characters), per char
_FEW_REPLACED = 4  # as many U+FFFD as a short text may hold (a page's damaged 增长率(%))


def _looks_like_text(text: str) -> bool:
    """Few control characters, and U+FFFD (a character damaged before the file was saved)
    at most once in a thousand, or a few times in a short text: a text file losing two
    characters is still read."""
    if not text:
        return True
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    replaced = text.count("\ufffd")
    return controls / len(text) < 0.01 and replaced <= max(_MAX_REPLACED * len(text), _FEW_REPLACED)


def _common_chinese(text: str) -> bool:
    """Mostly GB2312 characters (common Chinese): GB18030 bytes of real Chinese text are;
    Latin-1 or Windows-1252 bytes misread as GB18030 give rare characters instead."""
    han = [ch for ch in text if HAN_RE.match(ch)]
    if not han:
        return not any(ord(ch) > 127 for ch in text)
    common = 0
    for ch in han:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common / len(han) >= 0.9


def _mostly_han(text: str) -> bool:
    high = [ch for ch in text if ord(ch) > 127]
    return (
        bool(high)
        and sum(
            1
            for ch in high
            if HAN_RE.match(ch) or 0x3000 <= ord(ch) <= 0x303F or 0xFF00 <= ord(ch) <= 0xFFEF
        )
        / len(high)
        >= 0.95
    )


def _latin(data: bytes) -> str | None:
    """Western European text (Latin-1/Windows-1252): a few accented letters among ASCII."""
    text = data.decode("cp1252", errors="replace")
    high = [ch for ch in text if ord(ch) > 127]
    if "\ufffd" in text or not high or len(high) / len(text) > 0.3:
        return None
    letters = sum(1 for ch in high if unicodedata.category(ch).startswith("L"))
    return text if letters / len(high) >= 0.8 and _looks_like_text(text) else None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: NUL bytes on every other position."""
    even, odd = data[0:4096:2], data[1:4096:2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros and zeros.count(0) / len(zeros) > 0.3:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text
    return None


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _chinese_or_latin(data: bytes) -> tuple[str, str] | None:
    """GB18030 when it reads as common Chinese, else Western European text, else Big5
    when it reads as mostly Han characters."""
    gb = _try(data, "gb18030")
    if gb is not None and _looks_like_text(gb) and _common_chinese(gb):
        return gb, "gb18030"
    latin = _latin(data)
    if latin is not None:
        return latin, "cp1252"
    big5 = _try(data, "big5")
    if big5 is not None and _looks_like_text(big5) and _mostly_han(big5):
        return big5, "big5"
    return None


def _guessed(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's guess, unless it reads as mojibake."""
    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    if not _looks_like_text(text):
        return None
    if best.encoding in _CHINESE_ENCODINGS and not _common_chinese(text):
        return None
    if best.encoding not in _CHINESE_ENCODINGS and any(ord(ch) > 0x2FFF for ch in text):
        return None  # CJK or Hangul out of a non-Chinese code page: mojibake
    return text, best.encoding


def decode(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)``: a byte-order mark, UTF-8, UTF-16 without BOM, GB18030 when
    it reads as common Chinese, else charset-normalizer's guess. ``None`` when the bytes
    are not text (binary) or decode only to mojibake."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try(data, encoding)
            ok = text is not None and _looks_like_text(text)
            return (text.lstrip("\ufeff"), encoding) if ok and text is not None else None
    if b"\x00" in data[:4096]:
        text16 = _utf16_without_bom(data)
        return (text16, "utf-16") if text16 is not None else None
    utf8 = _try(data, "utf-8")
    if utf8 is not None:
        return (utf8, "utf-8-sig") if _looks_like_text(utf8) else None
    return _chinese_or_latin(data) or _guessed(data)


def extract(data: bytes, name: str) -> Extracted:
    """A ``.txt``/``.md`` file's text (cleaning rules turn markdown into paragraphs)."""
    decoded = decode(data)
    if decoded is None:
        raise UnreadableFileError("not a text file (binary, or an encoding that does not decode)")
    text, encoding = decoded
    return Extracted(text=text, kind="text", encoding=encoding)
