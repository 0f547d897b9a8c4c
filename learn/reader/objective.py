"""The training objective, apart from the data and the machine it runs on: question
groups, how a group's candidates are sampled for an epoch, the loss, the learning-rate
schedule and the epoch order.

It imports only numpy and torch, so that the loop on this machine
(:mod:`learn.reader.loop`) and the one on a GPU machine (:mod:`learn.reader.device`)
share it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

HELD_OUT_CORPORA = ("xquad-zh",)  # never trained on, never chosen on


@dataclass(frozen=True)
class Group:
    """One question over its candidates; units are (document row, unit row) pairs."""

    corpus: str
    qid: str
    question: str
    answerable: bool
    positives: tuple[tuple[int, int], ...]
    gold_negatives: tuple[tuple[int, int], ...]  # hardest first
    near_negatives: tuple[tuple[int, int], ...]  # hardest first


@dataclass(frozen=True)
class LoopConfig:
    seed: int = 13
    epochs: float = 1.0
    groups_per_step: int = 2
    lr: float = 3e-5
    head_lr: float = 3e-4
    weight_decay: float = 0.01
    warmup: int = 200
    bce_weight: float = 0.5
    bf16: bool = True
    freeze_layers: int = 2  # the lowest layers keep e5's weights (saves a third of backward)
    chunk: int = 8  # rows per forward pass, sorted by length (less padding)
    checkpoint_minutes: float = 20.0
    log_every: int = 50
    max_positives: int = 3
    gold_hard: int = 3  # hardest negatives of the gold paragraph, then gold_random more
    gold_random: int = 3
    near_hard: int = 4  # hardest units of the neighbouring passages, then near_random more
    near_random: int = 2
    miss_hard: int = 8  # a near-miss group: hardest units, then miss_random more
    miss_random: int = 4


def _take(rng: np.random.Generator, pool: Sequence, hard: int, extra: int) -> list:
    head = list(pool[:hard])
    rest = list(pool[hard:])
    if rest and extra:
        picks = rng.choice(len(rest), size=min(extra, len(rest)), replace=False)
        head += [rest[i] for i in sorted(picks)]
    return head


def sample(
    group: Group, rng: np.random.Generator, c: LoopConfig
) -> tuple[list[tuple[int, int]], list[int]]:
    """Candidate units of one group for one epoch, and their labels."""
    if not group.answerable:
        refs = _take(rng, group.near_negatives, c.miss_hard, c.miss_random)
        return refs, [0] * len(refs)
    pos = list(group.positives[: c.max_positives])
    neg = _take(rng, group.gold_negatives, c.gold_hard, c.gold_random)
    neg += _take(rng, group.near_negatives, c.near_hard, c.near_random)
    return pos + neg, [1] * len(pos) + [0] * len(neg)


def group_loss(
    logits: torch.Tensor, labels: torch.Tensor, no_answer: torch.Tensor, bce_weight: float
) -> torch.Tensor:
    everything = torch.cat([logits, no_answer.view(1)])
    total = torch.logsumexp(everything, 0)
    if bool(labels.any()):
        listwise = total - torch.logsumexp(logits[labels.bool()], 0)
    else:
        listwise = total - no_answer.view(())
    if not len(logits):
        return listwise
    return listwise + bce_weight * F.binary_cross_entropy_with_logits(logits, labels.float())


def lr_factor(step: int, total: int, warmup: int) -> float:
    if step < warmup:
        return (step + 1) / warmup
    return max(0.1, 1.0 - 0.9 * (step - warmup) / max(total - warmup, 1))


def order(n: int, seed: int, epoch: int) -> np.ndarray:
    return np.random.default_rng([seed, epoch, 7]).permutation(n)


def make_optimizer(model: nn.Module, c: LoopConfig) -> torch.optim.Optimizer:
    body = [p for n, p in model.named_parameters() if p.requires_grad and n.startswith("encoder.")]
    head = [
        p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("encoder.")
    ]
    return torch.optim.AdamW(
        [{"params": body, "lr": c.lr}, {"params": head, "lr": c.head_lr}],
        weight_decay=c.weight_decay,
    )
