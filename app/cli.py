"""The `lixia-qa` command: ingest, search, ask, commitments, serve, eval."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeAlias

from lixia_qa.errors import LixiaError
from lixia_qa.settings import Settings, get_settings

logger = logging.getLogger("lixia_qa")
PACKAGES = (
    "lixia_qa",
    "app",
    "ingest",
    "store",
    "retriever",
    "answer",
    "learn",
    "server",
    "ui",
    "eval",
    "uvicorn",
)


def configure_logging(verbose: bool) -> None:
    """This project's INFO lines (WARNING for libraries); DEBUG only with ``-v``. The
    handler filters by level too: a library that sets its own logger to DEBUG (bm25s
    does) prints nothing below INFO."""
    level = logging.DEBUG if verbose else logging.INFO
    root = logging.getLogger()
    if not root.handlers:  # (a host such as pytest may have its own)
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        handler.setLevel(level)
        root.addHandler(handler)
        root.setLevel(logging.WARNING)
    for name in PACKAGES:
        logging.getLogger(name).setLevel(level)


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {}
    if getattr(args, "index", None):
        overrides["index_dir"] = Path(args.index)
    if getattr(args, "folder", None):
        overrides["docs_dir"] = Path(args.folder)
    return get_settings().model_copy(update=overrides)


def _dump(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def cmd_ingest(args: argparse.Namespace) -> int:
    from ingest.pipeline import build_index
    from server.documents import seed_folder

    settings = _settings(args)
    if not args.folder:  # the served folder: filled from the seeds on the first run
        seed_folder(settings.docs_dir, settings.seed_dir)
    report = build_index(settings, force=args.force)
    _out(report.summary())
    return 0


def _service(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from server.service import QAService

    return QAService.load(_settings(args))


def cmd_search(args: argparse.Namespace) -> int:
    service = _service(args)
    hits = service.search(args.query, args.k)
    docs = service.store.documents({h.chunk.doc_id for h in hits})
    if args.json:
        from server.schemas import HitOut

        _dump({"hits": [HitOut.of(h, docs[h.chunk.doc_id]).model_dump() for h in hits]})
        return 0
    for n, hit in enumerate(hits, 1):
        doc = docs[hit.chunk.doc_id]
        _out(f"[{n}] {hit.score:.4f}  {doc.title} ({doc.date or '-'})  {hit.chunk.chunk_id}")
        if hit.chunk.heading:
            _out(f"    {hit.chunk.heading}")
        _out("    " + hit.chunk.text.replace("\n", " ")[:200])
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    service = _service(args)
    answer = service.ask(args.question, k=args.k, year=args.year)
    if args.json:
        from server.schemas import AnswerOut

        _dump(AnswerOut.of(answer).model_dump())
        return 0
    _out(answer.text)
    for title, cites in (("来源", answer.citations), ("相关段落", answer.related)):
        if cites:
            _out(f"\n{title}:")
        for c in cites:
            _out(f"[{c.n}] {c.title} ({c.date or '-'}) {c.doc_id}:{c.start}-{c.end}")
            _out("    " + c.snippet.replace("\n", " ")[:200])
    return 0


def cmd_commitments(args: argparse.Namespace) -> int:
    service = _service(args)
    items = service.commitments(args.q, args.leader, args.unit)
    if args.json:
        _dump([asdict(c) for c in items])
        return 0
    for c in items:
        who = "；".join(
            f"{label}：{'、'.join(v)}"
            for label, v in (
                ("牵头领导", c.leaders),
                ("牵头单位", c.lead_units),
                ("责任单位", c.units),
            )
            if v
        )
        _out(f"- {c.task}\n  （{who}）  {c.doc_id}:{c.start}-{c.end}")
    _out(f"{len(items)} commitments")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.web import create_app

    settings = _settings(args)
    host = args.host or settings.host
    port = args.port or settings.port
    if args.workers > 1:
        return _serve_workers(args, settings, host, port)
    app = create_app(settings, with_ui=not args.no_ui)
    logger.info("serving on http://%s:%d", host, port)
    uvicorn.run(app, host=host, port=port, log_level="info")
    return 0


def _serve_workers(args: argparse.Namespace, settings: Settings, host: str, port: int) -> int:
    """Several server processes over one shared Milvus store (each one polls the store and
    serves what any of them, or another host, uploads)."""
    import uvicorn

    if settings.store != "milvus" or not (settings.milvus_uri or "").startswith("http"):
        sys.stderr.write(
            "--workers needs one store that every process reads: set LIXIA_STORE=milvus and "
            "LIXIA_MILVUS_URI=http://HOST:19530 (Milvus standalone or cluster, or "
            "`milvus-lite server --data-dir DIR --port 19530`). The local store lives in "
            "each process's memory and a Milvus Lite file opens in one process only.\n"
        )
        return 2
    os.environ["LIXIA_INDEX_DIR"] = str(settings.index_dir)  # the workers read settings anew
    os.environ["LIXIA_DOCS_DIR"] = str(settings.docs_dir)
    os.environ["LIXIA_SERVE_UI"] = "false" if args.no_ui else "true"
    logger.info("serving on http://%s:%d with %d workers", host, port, args.workers)
    factory = "app.web:app_from_env"
    uvicorn.run(factory, factory=True, host=host, port=port, workers=args.workers)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.places:
        from eval.places import main as places_main

        return places_main(args, _settings(args))
    from eval.runner import main as eval_main

    return eval_main(args, _settings(args))


def cmd_train_answerer(args: argparse.Namespace) -> int:
    from learn.train import main as train_main

    return train_main(args, _settings(args))


def cmd_train_reader(args: argparse.Namespace) -> int:
    from learn.reader_train import main as reader_main

    return reader_main(list(args.reader_args))


def cmd_train_decider(args: argparse.Namespace) -> int:
    from learn.decide import main as decide_main

    return decide_main(args, _settings(args))


# what add_subparsers returns: each command adds its parser to it
_Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _ingest_command(sub: _Subparsers) -> None:
    p = sub.add_parser("ingest", help="build or refresh the index from a folder")
    p.add_argument(
        "folder",
        nargs="?",
        help="folder of documents (default: LIXIA_DOCS_DIR, filled from LIXIA_SEED_DIR on the first run)",
    )
    p.add_argument("--index", help="index directory (default: settings)")
    p.add_argument("--force", action="store_true", help="re-embed everything")
    p.set_defaults(func=cmd_ingest)


def _search_command(sub: _Subparsers) -> None:
    p = sub.add_parser("search", help="hybrid search")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.add_argument("--index")
    p.set_defaults(func=cmd_search)


def _ask_command(sub: _Subparsers) -> None:
    p = sub.add_parser("ask", help="short answer with citations")
    p.add_argument("question")
    p.add_argument("-k", type=int, default=None)
    p.add_argument("--year", type=int, default=None)
    p.add_argument("--json", action="store_true")
    p.add_argument("--index")
    p.set_defaults(func=cmd_ask)


def _commitments_command(sub: _Subparsers) -> None:
    p = sub.add_parser("commitments", help="list commitment records")
    p.add_argument("-q", help="keyword in the task text")
    p.add_argument("--leader")
    p.add_argument("--unit")
    p.add_argument("--json", action="store_true")
    p.add_argument("--index")
    p.set_defaults(func=cmd_commitments)


def _serve_command(sub: _Subparsers) -> None:
    p = sub.add_parser("serve", help="API under /api and the chat UI at /")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--index")
    p.add_argument("--no-ui", action="store_true", help="API only")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes (more than one needs LIXIA_STORE=milvus with an http URI)",
    )
    p.set_defaults(func=cmd_serve)


def _eval_command(sub: _Subparsers) -> None:
    p = sub.add_parser("eval", help="run the eval set and check thresholds")
    p.add_argument("--questions", help="questions JSONL (default: eval/questions.jsonl)")
    p.add_argument("--url", help="run against a live server instead of in-process")
    p.add_argument("--json", dest="json_out", help="write metrics JSON here")
    p.add_argument("--run", dest="run_out", help="write per-question results JSONL here")
    p.add_argument("--plot", help="write a PNG chart here")
    p.add_argument("--thresholds", help="thresholds JSON (default: eval/thresholds.json)")
    p.add_argument("--split", choices=("dev", "test"), help="only this split")
    p.add_argument("--index")
    p.add_argument(
        "--places",
        action="store_true",
        help="the other places' eval (eval/places/<place>/): each place in its own index, "
        "reported per place and in total (thresholds: eval/places/thresholds.json)",
    )
    p.add_argument("--place", action="append", help="with --places: only this place (repeatable)")
    p.add_argument(
        "--places-dir", help="with --places: the folder of places (default: eval/places)"
    )
    p.add_argument(
        "--cache", help="with --places: where each place's index is kept (default: .cache/places)"
    )
    p.set_defaults(func=cmd_eval)


def _fit_options(p: argparse.ArgumentParser) -> None:
    """How train-answerer fits the scorer (regularisation, ranker, signs, gap, data mix)."""
    p.add_argument(
        "--c",
        type=float,
        default=0.1,
        help="inverse regularisation strength (0.1: the best top-1 on the held-out training "
        "paragraphs for either ranker, of 0.0003 to 10)",
    )
    p.add_argument(
        "--ranker",
        choices=("listwise", "pointwise"),
        default="listwise",
        help="how the ranker is fitted (listwise: top-1 0.860 on the held-out training "
        "paragraphs against 0.813 for pointwise logistic regression)",
    )
    p.add_argument(
        "--signs",
        choices=("declared", "free"),
        default="declared",
        help="keep each weight of the direction its feature declares "
        "(answer.features.RAISES / LOWERS), or leave the weights free",
    )
    p.add_argument(
        "--gap",
        type=float,
        default=0.4,
        help="a second sentence from the same document answers when its probability is "
        "within this of the best (0.4: most accurate answers of at most 75 characters on "
        "cmrc2018-trial, `python bench/sweep_gap.py`)",
    )
    p.add_argument(
        "--dev-weight",
        type=float,
        default=0.0,
        help="weight of an eval-dev example against a training one in the ranker (0: "
        "none; 50 to 300 win dev decisions but lose held-out training top-1 and CMRC "
        "accuracy)",
    )
    p.add_argument(
        "--foreign",
        type=int,
        default=0,
        help="questions of each other corpus asked over a corpus as off-topic cases (0: none)",
    )


def _train_answerer_command(sub: _Subparsers) -> None:
    p = sub.add_parser("train-answerer", help="fit the answer scorer on ../shared/train")
    p.add_argument(
        "--corpus",
        action="append",
        help="training corpus folder (repeatable; "
        "default: ../shared/train/cmrc2018-trial and drcd-dev)",
    )
    p.add_argument("--max-questions", type=int, default=1500, help="questions per corpus")
    p.add_argument("--seed", type=int, default=13)
    _fit_options(p)
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds on eval dev")
    _dev_split_options(p, "answer/models/scorer.json")
    p.set_defaults(func=cmd_train_answerer)


def _dev_split_options(p: argparse.ArgumentParser, out: str) -> None:
    """What a training command shares: its cache, the eval whose dev split sets the
    threshold, the index that eval is asked over, and the file it writes."""
    p.add_argument("--cache", default=".cache/train", help="where corpora are ingested")
    p.add_argument(
        "--questions",
        default="eval/questions.jsonl",
        help="eval questions whose dev split sets the threshold ('' to skip)",
    )
    p.add_argument("--out", help=f"file written (default: {out})")
    p.add_argument("--index", help="seed index for the dev-split threshold (default: settings)")


def _train_reader_command(sub: _Subparsers) -> None:
    p = sub.add_parser(
        "train-reader",
        help="train the reader (cross-encoder) on ../shared/train; "
        "`lixia-qa train-reader --help` for its options",
        add_help=False,
    )
    p.add_argument("reader_args", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_train_reader)


def _train_decider_command(sub: _Subparsers) -> None:
    p = sub.add_parser(
        "train-decider", help="fit the decision over the reader (held-out training paragraphs)"
    )
    p.add_argument("--per-corpus", type=int, default=600, help="held-out questions per corpus")
    p.add_argument("--read", type=int, default=8, help="candidates read per question")
    p.add_argument("--max-chars", type=float, default=75.0, help="mean answer length for the gap")
    p.add_argument("--seed", type=int, default=13)
    _dev_split_options(p, "answer/models/decider.json")
    p.add_argument(
        "--places",
        default="eval/places",
        help="places eval whose dev splits also choose alpha and the threshold ('' to skip)",
    )
    p.set_defaults(func=cmd_train_decider)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lixia-qa", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)
    for add in (
        _ingest_command,
        _search_command,
        _ask_command,
        _commitments_command,
        _serve_command,
        _eval_command,
        _train_answerer_command,
        _train_reader_command,
        _train_decider_command,
    ):
        add(sub)
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The command line's arguments. Everything after ``train-reader`` is the training
    command's own (argparse would take its options, ``--run`` or ``--help``, as ours)."""
    argv = list(argv)
    i = next((i for i, a in enumerate(argv) if not a.startswith("-")), len(argv))
    if argv[i : i + 1] == ["train-reader"]:
        args = build_parser().parse_args(argv[: i + 1])
        args.reader_args = argv[i + 1 :]
        return args
    return build_parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    configure_logging(args.verbose)
    try:
        code: int = args.func(args)
    except LixiaError as exc:
        logger.error("%s", exc)
        return 2
    return code


if __name__ == "__main__":
    sys.exit(main())
