"""`lixia-qa eval`: ask every question, score, print a table, write JSON/PNG, check thresholds."""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from tqdm import tqdm

from eval.metrics import answer_correct, citations_valid, retrieval_hit, summarise
from lixia_qa.errors import LixiaError
from lixia_qa.settings import Settings

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
DEFAULT_QUESTIONS = HERE / "questions.jsonl"
DEFAULT_THRESHOLDS = HERE / "thresholds.json"
TYPES = ("figure", "owner", "fact", "year", "list", "unanswerable")


class Backend(Protocol):
    def ask(self, question: str) -> dict[str, Any]: ...

    def search(self, question: str, k: int) -> list[dict[str, Any]]: ...


class LocalBackend:
    """The service in this process."""

    def __init__(self, settings: Settings) -> None:
        from server.schemas import AnswerOut, HitOut
        from server.service import QAService

        self._service = QAService.load(settings)
        self._answer_out = AnswerOut
        self._hit_out = HitOut

    def ask(self, question: str) -> dict[str, Any]:
        return self._answer_out.of(self._service.ask(question)).model_dump()

    def search(self, question: str, k: int) -> list[dict[str, Any]]:
        hits = self._service.search(question, k)
        docs = self._service.store.documents({h.chunk.doc_id for h in hits})
        return [self._hit_out.of(h, docs[h.chunk.doc_id]).model_dump() for h in hits]


class HttpBackend:
    """A live server, e.g. `--url http://127.0.0.1:8000`."""

    def __init__(self, url: str) -> None:
        import httpx

        self._client = httpx.Client(base_url=url.rstrip("/"), timeout=60)
        health = self._client.get("/api/health")
        if health.status_code != 200:
            raise LixiaError(f"server at {url} is not ready ({health.status_code}): {health.text}")

    def ask(self, question: str) -> dict[str, Any]:
        r = self._client.post("/api/ask", json={"question": question})
        r.raise_for_status()
        data: dict[str, Any] = r.json()
        return data

    def search(self, question: str, k: int) -> list[dict[str, Any]]:
        r = self._client.get("/api/search", params={"q": question, "k": k})
        r.raise_for_status()
        hits: list[dict[str, Any]] = r.json()["hits"]
        return hits


def load_questions(path: Path) -> list[dict[str, Any]]:
    items = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise LixiaError(f"{path}:{n} is not valid JSON ({exc})") from exc
    if not items:
        raise LixiaError(f"{path} holds no questions")
    return items


def run(items: Sequence[dict[str, Any]], backend: Backend) -> Iterator[dict[str, Any]]:
    for item in tqdm(items, desc="eval", unit="q", disable=not sys.stderr.isatty()):
        t0 = time.perf_counter()
        answer = backend.ask(item["question"])
        latency = (time.perf_counter() - t0) * 1000
        hits = backend.search(item["question"], 5) if item["type"] != "unanswerable" else []
        text = answer["answer"]
        yield {
            "id": item["id"],
            "split": item.get("split", "test"),
            "reworded": item.get("subtype") == "reworded",
            "type": item["type"],
            "question": item["question"],
            "answer": text,
            "abstained": answer["abstained"],
            "correct": answer_correct(item, text, answer["abstained"]),
            "hit@1": retrieval_hit(item, hits, 1),
            "hit@5": retrieval_hit(item, hits, 5),
            "citations_valid": answer["abstained"] or citations_valid(text, answer["citations"]),
            "answer_chars": len(re.sub(r"\[\d{1,2}\]", "", text)),
            "latency_ms": latency,
        }


SPLITS = ("dev", "test")


def group_metrics(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Overall, per type, and for the reworded questions, of one group of rows."""
    by_type = {t: summarise([r for r in rows if r["type"] == t]) for t in TYPES}
    reworded = [r for r in rows if r.get("reworded")]
    out = {"overall": summarise(rows), "by_type": {t: m for t, m in by_type.items() if m["n"]}}
    if reworded:
        out["reworded"] = summarise(reworded)
    return out


def metrics(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Metrics of every split (dev: fitted and tuned on; test: reported) and of all rows."""
    result = group_metrics(rows)
    result["splits"] = {
        s: group_metrics(part) for s in SPLITS if (part := [r for r in rows if r["split"] == s])
    }
    return result


def check(result: dict[str, Any], thresholds: dict[str, Any]) -> list[str]:
    """Human-readable failures of the test split (or of all rows, when there is no split)
    against ``thresholds``. ``type_accuracy`` is one floor for every answerable type, or
    a floor per type (``{"figure": 0.8, …}``; a type it leaves out is not checked)."""
    failures = []
    result = result.get("splits", {}).get("test", result)
    overall, by_type = result["overall"], result["by_type"]

    def low(name: str, value: float | None, minimum: float) -> None:
        if value is not None and value < minimum:
            failures.append(f"{name} {value:.3f} < {minimum}")

    low("answer_accuracy", overall["answer_accuracy"], thresholds["answer_accuracy"])
    low("citations_valid", overall["citations_valid"], thresholds["citations_valid"])
    low("hit@5", overall["hit@5"], thresholds["hit@5"])
    floors = thresholds["type_accuracy"]
    for t, m in by_type.items():
        floor = floors.get(t) if isinstance(floors, dict) else floors
        if t != "unanswerable" and floor is not None:
            low(f"{t} answer_accuracy", m["answer_accuracy"], floor)
    if "unanswerable" in by_type:
        low("abstention", by_type["unanswerable"]["abstention"], thresholds["abstention"])
    if "reworded" in result and "reworded_accuracy" in thresholds:
        low(
            "reworded answer_accuracy",
            result["reworded"]["answer_accuracy"],
            thresholds["reworded_accuracy"],
        )
    fa = overall["false_abstention"]
    if fa is not None and fa > thresholds["false_abstention_max"]:
        failures.append(f"false_abstention {fa:.3f} > {thresholds['false_abstention_max']}")
    return failures


def table(result: dict[str, Any]) -> str:
    cols = (
        "n",
        "answer_accuracy",
        "hit@1",
        "hit@5",
        "abstention",
        "false_abstention",
        "citations_valid",
        "mean_answer_chars",
        "latency_p50_ms",
        "latency_p95_ms",
    )
    heads = (
        "type",
        "n",
        "acc",
        "hit@1",
        "hit@5",
        "abstain",
        "false_abs",
        "cites_ok",
        "chars",
        "p50_ms",
        "p95_ms",
    )
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    groups = {
        **result["by_type"],
        **({"reworded": result["reworded"]} if "reworded" in result else {}),
        "overall": result["overall"],
    }
    for name, m in groups.items():
        cells = [name] + [
            "-"
            if m[c] is None
            else (
                f"{m[c]:.0f}"
                if c in ("n", "mean_answer_chars") or c.endswith("_ms")
                else f"{m[c]:.3f}"
            )
            for c in cols
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plot(result: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result = result.get("splits", {}).get("test", result)

    groups = [t for t in result["by_type"] if t != "unanswerable"]
    acc = [result["by_type"][t]["answer_accuracy"] or 0 for t in groups]
    hit = [result["by_type"][t]["hit@5"] or 0 for t in groups]
    fig, ax = plt.subplots(figsize=(8, 4))
    xs = range(len(groups))
    ax.bar([x - 0.2 for x in xs], acc, 0.4, label="answer accuracy")
    ax.bar([x + 0.2 for x in xs], hit, 0.4, label="retrieval hit@5")
    if "unanswerable" in result["by_type"]:
        ax.axhline(
            result["by_type"]["unanswerable"]["abstention"],
            color="grey",
            ls="--",
            label="abstention on unanswerable",
        )
    ax.set_xticks(list(xs), groups)
    ax.set_ylim(0, 1.05)
    ax.set_title(f"lixia-qa eval, test split (n={result['overall']['n']})")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=3, frameon=False)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(args: argparse.Namespace, settings: Settings) -> int:
    questions = Path(args.questions) if args.questions else DEFAULT_QUESTIONS
    thresholds_path = Path(args.thresholds) if args.thresholds else DEFAULT_THRESHOLDS
    items = load_questions(questions)
    backend: Backend = HttpBackend(args.url) if args.url else LocalBackend(settings)
    if args.split:
        items = [it for it in items if it.get("split", "test") == args.split]
    rows = list(run(items, backend))
    result = metrics(rows)
    for name, part in result["splits"].items():
        sys.stdout.write(f"\n{name} ({part['overall']['n']} questions)\n{table(part)}\n")
    if args.run_out:
        Path(args.run_out).parent.mkdir(parents=True, exist_ok=True)
        with Path(args.run_out).open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if args.plot:
        plot(result, Path(args.plot))
    failures = check(result, json.loads(thresholds_path.read_text(encoding="utf-8")))
    result["failures"] = failures
    if args.json_out:
        Path(args.json_out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json_out).write_text(
            json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    for failure in failures:
        logger.error("below threshold: %s", failure)
    return 1 if failures else 0
