"""The training loop: listwise loss per question with a "no answer" logit, checkpoints.

Each step reads ``groups_per_step`` groups. A group's candidates are sampled afresh
each epoch from a generator seeded by (seed, epoch, group number), and dropout is
seeded by the step, so a run resumed from a checkpoint takes the same steps as one
that never stopped.

Loss of a group with candidate logits ``s`` and the no-answer logit ``a``:
``logsumexp([s, a]) - logsumexp(s[positives])`` when answerable, and
``logsumexp([s, a]) - a`` for a near miss; plus ``bce_weight`` times the mean binary
cross-entropy of ``s`` against the labels, so that a logit means something on its own.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch

from answer.reader.model import CrossEncoder, PairEncoder
from learn.reader.data import Group
from learn.reader.objective import (
    LoopConfig,
    group_loss,
    lr_factor,
    make_optimizer,
    order,
    sample,
)
from learn.reader.prepare import Prepared, group_units

logger = logging.getLogger(__name__)


def batch_for(
    prepared: Prepared,
    pairs: PairEncoder,
    groups: Sequence[Group],
    epoch: int,
    numbers: Sequence[int],
    c: LoopConfig,
) -> tuple[list[list[int]], list[tuple[int, int]], list[torch.Tensor]]:
    """Inputs for a step: token rows, each group's row span, each group's labels."""
    rows: list[list[int]] = []
    spans: list[tuple[int, int]] = []
    labels: list[torch.Tensor] = []
    for group, number in zip(groups, numbers, strict=True):
        rng = np.random.default_rng([c.seed, epoch, number])
        refs, y = sample(group, rng, c)
        question = prepared.questions[f"{group.corpus}/{group.qid}"]
        start = len(rows)
        rows += [pairs.join(question, h, u) for h, u in group_units(prepared, group, refs)]
        spans.append((start, len(rows)))
        labels.append(torch.tensor(y, dtype=torch.long))
    return rows, spans, labels


@dataclass
class State:
    step: int = 0
    epoch: int = 0
    position: int = 0  # groups of this epoch already trained on
    done: bool = False


def save_checkpoint(
    path: Path, model: CrossEncoder, opt: torch.optim.Optimizer, state: State, c: LoopConfig
) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save(
        {
            "model": model.trainable(),
            "optimizer": opt.state_dict(),
            "state": asdict(state),
            "loop": asdict(c),
        },
        tmp,
    )
    tmp.replace(path)
    logger.info(
        "checkpoint: step %d (epoch %d, group %d) -> %s",
        state.step,
        state.epoch,
        state.position,
        path,
    )


def load_checkpoint(path: Path, model: CrossEncoder, opt: torch.optim.Optimizer) -> State:
    blob = torch.load(path, weights_only=True)
    model.load_state_dict(blob["model"], strict=False)
    opt.load_state_dict(blob["optimizer"])
    return State(**blob["state"])


def _step(
    model: CrossEncoder,
    opt: torch.optim.Optimizer,
    batch: tuple[list[list[int]], list[tuple[int, int]], list[torch.Tensor]],
    pad: int,
    c: LoopConfig,
) -> tuple[float, list[float]]:
    """One optimisation step over a batch of groups: (loss, top-1 hits of its answerable
    groups)."""
    rows, spans, labels = batch
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=c.bf16):
        logits = model.score_rows(rows, pad, c.chunk)
    loss = torch.stack(
        [
            group_loss(logits[a:b], y, model.no_answer, c.bce_weight)
            for (a, b), y in zip(spans, labels, strict=True)
        ]
    ).mean()
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    hits = [
        float(y[int(logits[a:b].argmax())])
        for (a, b), y in zip(spans, labels, strict=True)
        if bool(y.any())
    ]
    return loss.item(), hits


@dataclass
class Progress:
    """Losses and hits since the last log line, and the rate of the run so far."""

    total: int
    started_step: int
    started: float = field(default_factory=time.monotonic)
    losses: list[float] = field(default_factory=list)
    hits: list[float] = field(default_factory=list)

    def log(self, state: State) -> None:
        rate = (time.monotonic() - self.started) / max(state.step - self.started_step, 1)
        logger.info(
            "step %d/%d epoch %d: loss %.4f, top-1 %.3f (last %d steps), %.2f s/step, %.1f h left",
            state.step,
            self.total,
            state.epoch,
            float(np.mean(self.losses)),
            float(np.mean(self.hits)) if self.hits else 0.0,
            len(self.losses),
            rate,
            rate * (self.total - state.step) / 3600,
        )
        self.losses, self.hits = [], []


def train(
    model: CrossEncoder,
    pairs: PairEncoder,
    prepared: Prepared,
    c: LoopConfig,
    checkpoint: Path,
) -> State:
    """Train ``model`` in place, resuming from ``checkpoint`` when it exists."""
    groups = prepared.train
    for layer in model.encoder.layers[: c.freeze_layers]:
        layer.requires_grad_(False)
    opt = make_optimizer(model, c)
    state = load_checkpoint(checkpoint, model, opt) if checkpoint.is_file() else State()
    if state.done:
        logger.info("checkpoint %s is a finished run (step %d)", checkpoint, state.step)
        return state
    total = math.ceil(math.ceil(len(groups) / c.groups_per_step) * c.epochs)
    base_lrs = [g["lr"] for g in opt.param_groups]
    model.train()
    last_save, progress = time.monotonic(), Progress(total, state.step)
    logger.info(
        "training: %d groups, %d steps (%s epochs), from step %d",
        len(groups),
        total,
        c.epochs,
        state.step,
    )
    while state.step < total and state.epoch < math.ceil(c.epochs):
        perm = order(len(groups), c.seed, state.epoch)
        while state.position < len(groups) and state.step < total:
            numbers = perm[state.position : state.position + c.groups_per_step].tolist()
            batch = batch_for(
                prepared, pairs, [groups[i] for i in numbers], state.epoch, numbers, c
            )
            torch.manual_seed(c.seed * 1_000_003 + state.step)
            for g, base in zip(opt.param_groups, base_lrs, strict=True):
                g["lr"] = base * lr_factor(state.step, total, c.warmup)
            loss, hits = _step(model, opt, batch, pairs.tokenizer.pad, c)
            progress.losses.append(loss)
            progress.hits += hits
            state.step += 1
            state.position += len(numbers)
            if state.step % c.log_every == 0:
                progress.log(state)
            if time.monotonic() - last_save > c.checkpoint_minutes * 60:
                save_checkpoint(checkpoint, model, opt, state, c)
                last_save = time.monotonic()
        if state.position >= len(groups):
            state.epoch, state.position = state.epoch + 1, 0
    state.done = True
    save_checkpoint(checkpoint, model, opt, state, c)
    return state
