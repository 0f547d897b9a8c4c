"""Train the reader from a packed bundle on a GPU machine (or any machine with torch).

    python -m learn.reader.device --bundle RUN/bundle.pkl --out OUT \\
        --init answer/models/reader [--epochs 3] [--minutes 6]

The same objective as the CPU loop (:mod:`learn.reader.objective`): listwise loss per
question with a no-answer logit, candidates sampled afresh each epoch, hardest first.
A GPU reads many groups per step, so each group can take more of its negatives (the
whole gold paragraph and more of the neighbouring passages) than the CPU run affords.

``--init`` is the reader to start from (its fine-tuned weights: a bundle holds no
layers, which would not fit beside the repository). After each epoch the held-out
groups of the training sets (never ``xquad-zh``) are read: the best unit among the gold
paragraph's units, and among those plus the neighbouring passages' units. The epoch with the best figure is
written to ``OUT/reader.safetensors`` (fp16, the layout of ``answer/models/reader``) with
``OUT/report.json``; ``lixia-qa train-reader --finish-from OUT`` calibrates, measures
and exports it on this machine. A wall-clock budget (``--minutes``) shortens the
schedule, measured after the first steps, so that a lease is never overrun.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import math
import sys
import time
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn

from answer.reader.encoder import Encoder, Layer, pad_batch
from answer.reader.model import CrossEncoder, PairEncoder, ReaderConfig
from answer.reader.modelfile import Header
from learn.reader.bundle import load
from learn.reader.objective import (
    HELD_OUT_CORPORA,
    Group,
    LoopConfig,
    group_loss,
    lr_factor,
    make_optimizer,
    order,
    sample,
)

logger = logging.getLogger(__name__)

GPU_LOOP = LoopConfig(
    epochs=3.0,
    groups_per_step=64,
    lr=3e-5,
    warmup=60,
    gold_hard=6,
    gold_random=6,
    near_hard=8,
    near_random=4,
    miss_hard=12,
    miss_random=6,
)


class BundleEncoder(Encoder):
    """The encoder over a bundle's embedding rows (renumbered tokens), frozen as in
    :class:`answer.reader.encoder.Encoder`; the layers come from the reader it starts
    from (:func:`build_model`)."""

    def __init__(self, blob: dict[str, Any], layers: int) -> None:
        nn.Module.__init__(self)
        h = Header(**blob["base"]["header"])
        self.header = h
        self.word = nn.Embedding.from_pretrained(
            torch.from_numpy(blob["embedding"].astype(np.float32)), freeze=True
        )
        self.register_buffer("pos", torch.from_numpy(blob["pos"]))
        self.register_buffer("type0", torch.from_numpy(blob["type0"]))
        self.eln = nn.LayerNorm(h.hidden, eps=h.eps)
        self.eln.weight.data = torch.from_numpy(blob["eln"]["weight"])
        self.eln.bias.data = torch.from_numpy(blob["eln"]["bias"])
        self.eln.requires_grad_(False)
        self.layers = nn.ModuleList(Layer(h.hidden, h.heads, h.ffn, h.eps) for _ in range(layers))


@dataclass
class Data:
    """A bundle's token tables and groups, ready to build model rows."""

    pairs: PairEncoder
    pad: int
    heads: tuple[np.ndarray, np.ndarray]
    units: tuple[np.ndarray, np.ndarray]
    questions: tuple[np.ndarray, np.ndarray]
    train: list[Group]
    held_out: list[Group]

    @staticmethod
    def piece(table: tuple[np.ndarray, np.ndarray], i: int) -> list[int]:
        flat, start = table
        return flat[start[i] : start[i + 1]].tolist()

    def row(self, question: int, unit: int) -> list[int]:
        return self.pairs.join(
            self.piece(self.questions, question),
            self.piece(self.heads, unit),
            self.piece(self.units, unit),
        )


def _groups(part: dict[str, list]) -> list[Group]:
    """Bundle groups as :class:`Group` objects whose units are unit rows; the question
    field holds the question's row, as a string."""
    return [
        Group(
            corpus,
            qid,
            str(q),
            bool(a),
            tuple(p),
            tuple(g),
            tuple(n),
        )
        for corpus, qid, q, a, p, g, n in zip(
            part["corpus"],
            part["qid"],
            part["question"],
            part["answerable"],
            part["positives"],
            part["gold_negatives"],
            part["near_negatives"],
            strict=True,
        )
    ]


def read_bundle(blob: dict[str, Any]) -> Data:
    config = ReaderConfig(**blob["reader"])
    special = blob["special"]
    tokens = SimpleNamespace(bos=special["bos"], eos=special["eos"], pad=special["pad"])
    return Data(
        pairs=PairEncoder(tokens, config),  # type: ignore[arg-type]  # join() reads bos/eos only
        pad=special["pad"],
        heads=blob["heads"],
        units=blob["units"],
        questions=blob["questions"],
        train=_groups(blob["train"]),
        held_out=_groups(blob["held_out"]),
    )


def batch(
    data: Data, groups: list[Group], epoch: int, numbers: list[int], c: LoopConfig
) -> tuple[list[list[int]], list[tuple[int, int]], list[list[int]]]:
    rows: list[list[int]] = []
    spans: list[tuple[int, int]] = []
    labels: list[list[int]] = []
    for group, number in zip(groups, numbers, strict=True):
        refs, y = sample(group, np.random.default_rng([c.seed, epoch, number]), c)
        start = len(rows)
        rows += [data.row(int(group.question), int(r)) for r in refs]  # type: ignore[call-overload]
        spans.append((start, len(rows)))
        labels.append(y)
    return rows, spans, labels


def logits_of(
    model: CrossEncoder, rows: list[list[int]], pad: int, device: torch.device, bf16: bool
) -> torch.Tensor:
    ids, attention = pad_batch(rows, pad)
    with torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
        return model(ids.to(device), attention.to(device)).float()


@torch.no_grad()
def held_out_figures(
    model: CrossEncoder, data: Data, device: torch.device, c: LoopConfig, limit: int
) -> dict[str, dict[str, float]]:
    """Per corpus: top-1 among the gold paragraph's units (``gold_top1``) and among those
    plus the neighbouring passages' units (``near_top1``), answerable groups only."""
    model.eval()
    by: dict[str, list[tuple[bool, bool]]] = {}
    for g in data.held_out:
        if not g.answerable or len(by.setdefault(g.corpus, [])) >= limit:
            continue
        refs = [*g.positives, *g.gold_negatives, *g.near_negatives]
        rows = [data.row(int(g.question), int(r)) for r in refs]  # type: ignore[call-overload]
        s = logits_of(model, rows, data.pad, device, c.bf16).cpu()
        n_pos, n_gold = len(g.positives), len(g.positives) + len(g.gold_negatives)
        by[g.corpus].append(
            (int(s[:n_gold].argmax()) < n_pos, int(s.argmax()) < n_pos),
        )
    model.train()
    return {
        k: {
            "n": len(v),
            "gold_top1": float(np.mean([a for a, _ in v])),
            "near_top1": float(np.mean([b for _, b in v])),
        }
        for k, v in by.items()
        if v
    }


def selection_score(figures: dict[str, dict[str, float]]) -> float:
    """Mean near_top1 over the training sets' held-out paragraphs (never xquad-zh)."""
    parts = [f["near_top1"] for k, f in figures.items() if k not in HELD_OUT_CORPORA]
    return float(np.mean(parts)) if parts else float("nan")


def build_model(blob: dict[str, Any], init: Path, device: torch.device) -> CrossEncoder:
    """The reader at ``init`` over the bundle's embeddings, checked against the bundle."""
    config = ReaderConfig(**blob["reader"])
    model = CrossEncoder(BundleEncoder(blob, config.layers), config)
    manifest = json.loads((init / "manifest.json").read_text(encoding="utf-8"))
    if manifest["base_model"]["sha256"] != blob["base"]["sha256"]:
        raise ValueError(f"{init} was trained on another base file than the bundle's")
    if manifest["reader"] != blob["reader"]:
        raise ValueError(f"{init} has other reader settings than the bundle's")
    tensors = load_file(str(init / manifest["weights"]["file"]))
    missing, unexpected = model.load_state_dict(
        {k: v.float() for k, v in tensors.items()}, strict=False
    )
    if unexpected or set(model.trainable()) & set(missing):
        raise ValueError(f"{init} does not fit the model: {unexpected[:3]} {missing[:3]}")
    return model.to(device)


def snapshot(model: CrossEncoder) -> dict[str, torch.Tensor]:
    """The fine-tuned weights as a reader file holds them (CPU, fp16)."""
    return {k: v.detach().to("cpu", torch.float16) for k, v in model.trainable().items()}


def optimise(
    model: CrossEncoder,
    opt: torch.optim.Optimizer,
    data: Data,
    numbers: list[int],
    *,
    epoch: int,
    c: LoopConfig,
    device: torch.device,
) -> float:
    """One step over the training groups ``numbers``; returns the loss."""
    rows, spans, labels = batch(data, [data.train[i] for i in numbers], epoch, numbers, c)
    logits = logits_of(model, rows, data.pad, device, c.bf16)
    loss = torch.stack(
        [
            group_loss(
                logits[a:b],
                torch.tensor(y, dtype=torch.long, device=device),
                model.no_answer,
                c.bce_weight,
            )
            for (a, b), y in zip(spans, labels, strict=True)
        ]
    ).mean()
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    return loss.item()


@dataclass
class Budget:
    """Wall-clock seconds for a run: the schedule is cut to what fits, measured over
    steps 10 to 40 (the first steps also warm the GPU up), leaving time for a held-out
    read after each epoch."""

    seconds: float
    read_s: float
    epochs: int
    started: float = field(default_factory=time.monotonic)
    timed_from: float = 0.0
    rate: float = float("nan")

    def fit(self, step: int, total: int) -> int:
        """The number of steps to run, seen at ``step``."""
        if step == 10:
            self.timed_from = time.monotonic()
        if step != 40:
            return total
        now = time.monotonic()
        self.rate = (now - self.timed_from) / 30
        fits = step + int(
            (self.seconds - (now - self.started) - self.read_s * self.epochs) / self.rate
        )
        if fits < total:
            logger.info("%.2f s/step: %d steps fit, not %d", self.rate, fits, total)
        return max(min(fits, total), step + 1)


def train(
    model: CrossEncoder,
    data: Data,
    c: LoopConfig,
    device: torch.device,
    *,
    budget_s: float,
    eval_limit: int,
) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """Train; returns the best epoch's fine-tuned weights (CPU, fp16) and a report."""
    started = time.monotonic()
    for layer in model.encoder.layers[: c.freeze_layers]:
        layer.requires_grad_(False)
    opt = make_optimizer(model, c)
    base_lrs = [g["lr"] for g in opt.param_groups]
    total = math.ceil(math.ceil(len(data.train) / c.groups_per_step) * c.epochs)
    before = held_out_figures(model, data, device, c, eval_limit)
    budget = Budget(budget_s, min(time.monotonic() - started, 25.0), math.ceil(c.epochs), started)
    best, best_score = snapshot(model), selection_score(before)
    report: dict[str, Any] = {
        "planned_steps": total,
        "start": {"held_out": before, "score": best_score},
        "epochs": [],
    }
    logger.info("before training: %s (score %.4f)", before, best_score)
    step, losses = 0, []
    model.train()
    for epoch in range(math.ceil(c.epochs)):
        perm = order(len(data.train), c.seed, epoch)
        for position in range(0, len(data.train), c.groups_per_step):
            if step >= total:
                break
            torch.manual_seed(c.seed * 1_000_003 + step)
            for g, base in zip(opt.param_groups, base_lrs, strict=True):
                g["lr"] = base * lr_factor(step, total, c.warmup)
            numbers = perm[position : position + c.groups_per_step].tolist()
            losses.append(optimise(model, opt, data, numbers, epoch=epoch, c=c, device=device))
            step += 1
            total = budget.fit(step, total)
            if step % c.log_every == 0:
                logger.info(
                    "step %d/%d epoch %d: loss %.4f (%.0f s)",
                    *(step, total, epoch, float(np.mean(losses[-c.log_every :]))),
                    time.monotonic() - started,
                )
        figures = held_out_figures(model, data, device, c, eval_limit)
        score = selection_score(figures)
        report["epochs"].append({"epoch": epoch, "step": step, "held_out": figures, "score": score})
        logger.info("epoch %d, step %d: %s (score %.4f)", epoch, step, figures, score)
        if score > best_score or math.isnan(best_score):  # no held-out groups: the last
            best, best_score = snapshot(model), score
            report["best"] = {"epoch": epoch, "step": step}
        if step >= total:
            break
    report.update(steps=step, seconds=time.monotonic() - started, best_score=best_score)
    return best, report | {"seconds_per_step": budget.rate}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m learn.reader.device", description=__doc__)
    p.add_argument("--bundle", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--init", type=Path, required=True, help="the reader folder to start from")
    p.add_argument("--epochs", type=float, default=GPU_LOOP.epochs)
    p.add_argument("--groups-per-step", type=int, default=GPU_LOOP.groups_per_step)
    p.add_argument("--lr", type=float, default=GPU_LOOP.lr)
    p.add_argument("--freeze-layers", type=int, default=GPU_LOOP.freeze_layers)
    p.add_argument("--minutes", type=float, default=6.0, help="wall-clock budget for training")
    p.add_argument(
        "--eval-limit",
        type=int,
        default=600,
        help="held-out groups per corpus (0: no reads, the last epoch is kept)",
    )
    p.add_argument("--limit", type=int, default=0, help="training groups (0: all); for tests")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    device = torch.device(args.device)
    c = replace(
        GPU_LOOP,
        epochs=args.epochs,
        groups_per_step=args.groups_per_step,
        lr=args.lr,
        freeze_layers=args.freeze_layers,
        bf16=device.type == "cuda",
        log_every=20,
    )
    blob = load(args.bundle)
    data = read_bundle(blob)
    if args.limit:
        data.train = data.train[: args.limit]
    model = build_model(blob, args.init, device)
    weights, report = train(
        model, data, c, device, budget_s=args.minutes * 60, eval_limit=args.eval_limit
    )
    args.out.mkdir(parents=True, exist_ok=True)
    save_file(weights, str(args.out / "reader.safetensors"))
    report.update(
        loop=asdict(c),
        init=str(args.init),
        bundle={"base": blob["base"]["sha256"], "hashes": blob["hashes"]},
        device=torch.cuda.get_device_name() if device.type == "cuda" else "cpu",
        finished=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        command="python -m learn.reader.device " + " ".join(sys.argv[1:] if argv is None else argv),
    )
    (args.out / "report.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    logger.info("wrote %s (best score %.4f)", args.out, report["best_score"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
