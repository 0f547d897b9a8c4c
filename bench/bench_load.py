"""Load benchmark: 1 and 8 concurrent clients against a server this script starts.

The server runs on a free loopback port over a copy of the documents folder (so uploads
and deletes never touch it), with a fresh index and a throw-away admin key. Each client
loops over a mix of ``POST /api/ask`` and ``GET /api/search`` with questions from
``eval/questions.jsonl`` for a bounded time. Reported per run: requests, throughput,
p50/p99 latency (and p50/p95 of ``/api/ask``), failed requests (any non-2xx or transport error) and the server's RSS.

``--churn`` uploads one document and deletes another during the 8-client run (with the
admin key) and reports how long after the upload the new document answers a question.

    .venv/bin/python bench/bench_load.py [--duration 60] [--single-duration 20] [--churn]
        [--model hash] [--json bench/results/load.json]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eval.metrics import percentile  # noqa: E402

logger = logging.getLogger("bench_load")

# A made-up document for --churn: its fact is in no other document.
CHURN_NAME = "bench_churn_notice.txt"
CHURN_TEXT = (
    "关于设立云杉社区共享工具站的通知\n\n"
    "为方便居民日常维修，2025年云杉社区将设立共享工具站3处，向居民免费出借维修工具。\n"
    "共享工具站由云杉社区居委会负责管理，开放时间为每天9时至17时。\n"
)
CHURN_QUESTION = "云杉社区共享工具站设立几处？"


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"ask": [], "search": []})
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, op: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies[op].append(seconds)
            if error:
                self.errors.append(f"{op}: {error}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def load_questions(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line)["question"] for line in fh if line.strip()]


class Server:
    """``lixia-qa serve`` in a subprocess over a copy of ``docs``."""

    def __init__(self, docs: Path, model: str | None, work: Path) -> None:
        self.work = work
        self.docs = work / "docs"
        shutil.copytree(docs, self.docs)
        self.key = secrets.token_urlsafe(24)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("LIXIA_")}
        self.env.update(
            LIXIA_DOCS_DIR=str(self.docs),
            LIXIA_INDEX_DIR=str(work / "index"),
            LIXIA_FEEDBACK_DB=str(work / "feedback.sqlite"),
            LIXIA_ADMIN_KEY=self.key,
            GRADIO_ANALYTICS_ENABLED="False",
            OMP_WAIT_POLICY="PASSIVE",
        )
        if model:
            self.env["LIXIA_MODEL"] = model
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        cli = [sys.executable, "-m", "app.cli"]
        t0 = time.perf_counter()
        subprocess.run(
            [*cli, "ingest", str(self.docs)],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            timeout=1800,
        )
        logger.info("index built in %.1f s", time.perf_counter() - t0)
        log = (self.work / "server.log").open("wb")
        self.proc = subprocess.Popen(
            [*cli, "serve", "--port", str(self.port)],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {(self.work / 'server.log').read_text()}")
            try:
                if httpx.get(f"{self.url}/api/health", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError("server not healthy within 300 s")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    @property
    def admin(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


def client_loop(url: str, questions: list[str], seed: int, end: float, stats: Stats) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=url, timeout=60) as http:
        while time.monotonic() < end:
            question = rng.choice(questions)
            op = "ask" if rng.random() < 0.5 else "search"
            t0 = time.perf_counter()
            error = None
            try:
                if op == "ask":
                    r = http.post("/api/ask", json={"question": question})
                else:
                    r = http.get("/api/search", params={"q": question, "k": 5})
                if r.status_code >= 300:
                    error = f"{r.status_code} {r.text[:200]}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            stats.add(op, time.perf_counter() - t0, error)


def churn(server: Server, start_after: float, out: dict[str, Any], stats: Stats) -> None:
    """Upload a document, delete another, and time until the upload answers."""
    time.sleep(start_after)
    with httpx.Client(base_url=server.url, timeout=60) as http:
        docs = [d["doc_id"] for d in http.get("/api/documents").json()]
        victim = docs[-1]
        t0 = time.perf_counter()
        r = http.post(
            "/api/documents",
            headers=server.admin,
            files={"file": (CHURN_NAME, CHURN_TEXT.encode(), "text/plain")},
        )
        out["upload_status"] = r.status_code
        r = http.delete(f"/api/documents/{victim}", headers=server.admin)
        out["delete_status"], out["deleted"] = r.status_code, victim
        while time.perf_counter() - t0 < 120:
            t = time.perf_counter()
            r = http.post("/api/ask", json={"question": CHURN_QUESTION})
            stats.add("ask", time.perf_counter() - t, None if r.status_code < 300 else r.text)
            cited = [c["doc_id"] for c in r.json().get("citations", [])]
            if CHURN_NAME in cited:
                out["seconds_until_answered"] = round(time.perf_counter() - t0, 2)
                break
            time.sleep(0.25)
        while http.get(f"/api/documents/{victim}").status_code != 404:
            time.sleep(0.25)
        out["seconds_until_deleted"] = round(time.perf_counter() - t0, 2)
        out["health"] = http.get("/api/health").json()


def run(
    server: Server, questions: list[str], clients: int, seconds: float, with_churn: bool
) -> dict[str, Any]:
    assert server.proc is not None
    stats, churn_out = Stats(), {}  # type: ignore[var-annotated]
    rss = [rss_mb(server.proc.pid)]
    end = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client_loop, args=(server.url, questions, i, end, stats))
        for i in range(clients)
    ]
    if with_churn:
        threads.append(threading.Thread(target=churn, args=(server, seconds / 4, churn_out, stats)))
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        time.sleep(1)
        rss.append(rss_mb(server.proc.pid))
    wall = time.perf_counter() - t0
    every = stats.latencies["ask"] + stats.latencies["search"]
    ms = lambda xs, q: round(1000 * percentile(xs, q), 1) if xs else None  # noqa: E731
    result: dict[str, Any] = {
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": len(every),
        "throughput_rps": round(len(every) / wall, 1),
        "p50_ms": ms(every, 50),
        "p99_ms": ms(every, 99),
        "ask_p50_ms": ms(stats.latencies["ask"], 50),
        "ask_p95_ms": ms(stats.latencies["ask"], 95),
        "search_p50_ms": ms(stats.latencies["search"], 50),
        "errors": len(stats.errors),
        "rss_mb_start": round(rss[0]),
        "rss_mb_max": round(max(rss)),
        "error_samples": stats.errors[:5],
    }
    if with_churn:
        result["churn"] = churn_out
    return result


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of the 8-client run")
    parser.add_argument(
        "--single-duration", type=float, default=20, help="seconds of the 1-client run"
    )
    parser.add_argument("--quick", action="store_true", help="10 s runs (while developing)")
    parser.add_argument("--clients", default="1,8", help="comma-separated client counts")
    parser.add_argument(
        "--churn",
        action="store_true",
        help="upload one document and delete another during the largest run",
    )
    parser.add_argument("--docs", type=Path, default=ROOT / "seeds")
    parser.add_argument("--questions", type=Path, default=ROOT / "eval" / "questions.jsonl")
    parser.add_argument("--model", help="LIXIA_MODEL for the server (default: the settings')")
    parser.add_argument("--json", type=Path, help="write the results here")
    return parser.parse_args()


def print_table(results: list[dict[str, Any]]) -> None:
    """The runs as a markdown table, and what churn measured."""
    print(
        "| clients | s | requests | req/s | p50 ms | p99 ms | ask p50 | ask p95 | search p50 | errors | RSS MB (start/max) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(
            f"| {r['clients']} | {r['seconds']} | {r['requests']} | {r['throughput_rps']} | "
            f"{r['p50_ms']} | {r['p99_ms']} | {r['ask_p50_ms']} | {r.get('ask_p95_ms')} | {r['search_p50_ms']} | "
            f"{r['errors']} | {r['rss_mb_start']}/{r['rss_mb_max']} |"
        )
        if "churn" in r:
            c = r["churn"]
            print(
                f"\nchurn: upload {c.get('upload_status')}, delete {c.get('delete_status')} "
                f"({c.get('deleted')}); uploaded document answers after "
                f"{c.get('seconds_until_answered')} s; deleted document gone after "
                f"{c.get('seconds_until_deleted')} s"
            )


def main() -> int:
    args = parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    counts = [int(c) for c in args.clients.split(",")]
    questions = load_questions(args.questions)
    results = []
    with tempfile.TemporaryDirectory(prefix="lixia-bench-load-") as tmp:
        server = Server(args.docs, args.model, Path(tmp))
        try:
            server.start()
            for n in counts:
                seconds = args.duration if n == max(counts) else args.single_duration
                seconds = min(seconds, 10) if args.quick else seconds
                churn_now = args.churn and n == max(counts)
                logger.info(
                    "%d client(s) for %.0f s%s", n, seconds, " with churn" if churn_now else ""
                )
                results.append(run(server, questions, n, seconds, churn_now))
                logger.info("%s", json.dumps(results[-1], ensure_ascii=False))
        finally:
            server.stop()
    print_table(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    failed = sum(r["errors"] for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
