"""Train the cross-encoder reader on ../shared/train (``lixia-qa train-reader``).

    python -m learn.reader_train --run /work/reader-runs/r1 --out answer/models/reader

Steps: read the corpora and build question groups (cached in the run folder), train
with checkpoints in the run folder (rerun the same command to resume), then calibrate
on held-out groups, measure, and write the fine-tuned weights with their manifest to
``--out``. Held out: ``xquad-zh`` and one paragraph in five of the other sets.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before torch starts its threads

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import shlex  # noqa: E402
import sys  # noqa: E402
from dataclasses import asdict, replace  # noqa: E402
from pathlib import Path  # noqa: E402

import torch  # noqa: E402

from answer.reader.encoder import E5Tokenizer  # noqa: E402
from answer.reader.model import CrossEncoder, PairEncoder, ReaderConfig  # noqa: E402
from answer.reader.modelfile import ModelFile  # noqa: E402
from answer.reader.reader import DEFAULT_PRECISION, PRECISIONS  # noqa: E402
from learn.reader.data import HELD_OUT_CORPORA, TRAIN_CORPORA  # noqa: E402
from learn.reader.loop import LoopConfig, State, train  # noqa: E402
from learn.reader.prepare import DataConfig, prepare  # noqa: E402

logger = logging.getLogger(__name__)

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "train"


def parse(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="lixia-qa train-reader", description=__doc__.split("\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared training folder")
    p.add_argument("--run", type=Path, required=True, help="run folder: cache, checkpoints, log")
    p.add_argument("--out", type=Path, default=None, help="where to write the weights and manifest")
    p.add_argument("--corpora", nargs="+", default=[*TRAIN_CORPORA, *HELD_OUT_CORPORA])
    p.add_argument("--limit", type=int, default=0, help="questions per corpus (0: all)")
    p.add_argument("--near-miss", type=float, default=0.35)
    p.add_argument("--layers", type=int, default=6)
    p.add_argument("--max-len", type=int, default=96)
    p.add_argument("--epochs", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--lr", type=float, default=3e-5)
    p.add_argument("--groups-per-step", type=int, default=2)
    p.add_argument("--checkpoint-minutes", type=float, default=20.0)
    p.add_argument("--log-every", type=int, default=50)
    p.add_argument("--freeze-layers", type=int, default=2, help="lowest layers left as in e5")
    p.add_argument("--no-bf16", action="store_true")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument(
        "--eval-questions", type=int, default=400, help="held-out questions per set to measure"
    )
    p.add_argument("--precision", choices=PRECISIONS, default=DEFAULT_PRECISION, help="as served")
    p.add_argument("--train-only", action="store_true", help="stop after training (no export)")
    p.add_argument(
        "--pack",
        type=Path,
        default=None,
        help="write the run's data as a bundle for a GPU machine (learn.reader.device) and stop",
    )
    p.add_argument(
        "--finish-from",
        type=Path,
        default=None,
        help="a folder learn.reader.device wrote: calibrate, measure and export its weights",
    )
    return p.parse_args(argv)


def trained_elsewhere(model: CrossEncoder, folder: Path, run: Path) -> State:
    """Load the weights that ``learn.reader.device`` wrote to ``folder`` into ``model``;
    its command joins the run's history."""
    from safetensors.torch import load_file

    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    missing, unexpected = model.load_state_dict(
        {k: v.float() for k, v in load_file(str(folder / "reader.safetensors")).items()},
        strict=False,
    )
    if unexpected or set(model.trainable()) & set(missing):
        raise SystemExit(f"{folder} does not hold weights for this reader: {unexpected[:3]}")
    with (run / "commands.txt").open("a", encoding="utf-8") as fh:
        fh.write(
            f"{report.get('finished', '')} {report['command']}   "
            f"({report['device']}, {report['steps']} steps, {report['seconds']:.0f} s; "
            f"best at {report.get('best', 'the start')})\n"
        )
    return State(step=report["steps"], done=True)


def record(
    run: Path, command: str, reader: ReaderConfig, data: DataConfig, loop: LoopConfig
) -> None:
    """The invocation joins the run's history; its settings go to ``config.json``."""
    with (run / "commands.txt").open("a", encoding="utf-8") as fh:
        fh.write(f"{dt.datetime.now(dt.UTC).isoformat(timespec='seconds')} {command}\n")
    (run / "config.json").write_text(
        json.dumps(
            {
                "reader": asdict(reader),
                "data": asdict(data),
                "loop": asdict(loop),
                "command": command,
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    torch.set_num_threads(args.threads)
    args.run.mkdir(parents=True, exist_ok=True)
    if not logging.getLogger().handlers:
        logging.basicConfig(
            level=logging.INFO,
            format="%(asctime)s %(name)s %(levelname)s %(message)s",
            handlers=[
                logging.StreamHandler(sys.stderr),
                logging.FileHandler(args.run / "train.log"),
            ],
        )
    command = "python -m learn.reader_train " + shlex.join(
        argv if argv is not None else sys.argv[1:]
    )
    reader = ReaderConfig(layers=args.layers, max_len=args.max_len)
    data = DataConfig(str(args.data), tuple(args.corpora), args.near_miss, args.limit)
    loop = replace(
        LoopConfig(),
        seed=args.seed,
        epochs=args.epochs,
        lr=args.lr,
        groups_per_step=args.groups_per_step,
        checkpoint_minutes=args.checkpoint_minutes,
        log_every=args.log_every,
        bf16=not args.no_bf16,
        freeze_layers=args.freeze_layers,
    )
    record(args.run, command, reader, data, loop)
    base = ModelFile()
    tokenizer = E5Tokenizer(base.vocabulary)
    prepared = prepare(data, reader, tokenizer, args.run)
    if args.pack is not None:
        from learn.reader.bundle import pack

        pack(prepared, base, reader, args.pack)
        return 0
    torch.manual_seed(args.seed)
    model = CrossEncoder(base, reader)
    if args.finish_from is not None:
        state = trained_elsewhere(model, args.finish_from, args.run)
    else:
        state = train(
            model, PairEncoder(tokenizer, reader), prepared, loop, args.run / "checkpoint.pt"
        )
    if args.train_only or args.out is None:
        logger.info("trained to step %d; no --out given, nothing exported", state.step)
        return 0
    from learn.reader.finish import finish  # read at the end: a long run uses the newest code

    finish(model, base, tokenizer, prepared, args, command=command, state=state)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
