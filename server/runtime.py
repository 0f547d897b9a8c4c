"""The served index and its replacement without restarts.

:class:`IndexRuntime` owns the reference the request handlers read (``state.service``):
it loads the index at start-up (a damaged one leaves ``state.load_error`` instead of a
crash), re-indexes in one background thread after an upload or delete (one build at a
time; requests arriving meanwhile are coalesced into the next build), and reloads when
``manifest.json`` changes on disk (a ``lixia-qa ingest`` from a shell) or, with the milvus
store, when the manifest stored in Milvus names another version (an ingest, upload or
delete by any server process or host sharing that store). A swap is one
attribute assignment: requests in flight finish on the service they started with.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.pipeline import build_index
from lixia_qa.errors import LixiaError
from lixia_qa.settings import Settings
from server.service import QAService
from store import open_store
from store.directory import MANIFEST, read_manifest
from store.embedders import Embedder, load_embedder

logger = logging.getLogger(__name__)

MAX_JOBS = 100  # finished jobs kept for polling


def index_version(manifest: dict[str, Any]) -> str:
    """A short name of an index version: corpus hash and build time."""
    return f"{str(manifest.get('corpus_hash', ''))[:12]}@{manifest.get('created', '')}"


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


@dataclass
class Job:
    """One requested change of the documents, applied by the next build."""

    id: str
    action: str  # "upload", "delete" or "reload"
    doc_id: str
    state: str = "queued"  # queued, running, done, failed
    error: str | None = None
    created: str = field(default_factory=_now)
    finished: str | None = None
    version: str | None = None

    def out(self) -> dict[str, Any]:
        return dict(vars(self))


class IndexRuntime:
    """Loads, rebuilds and swaps the :class:`QAService` held in ``state.service``."""

    def __init__(self, settings: Settings, state: Any, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.state = state
        self._embedder = embedder
        self._build_lock = threading.Lock()  # one build or load at a time
        self._jobs_lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._pending: list[Job] = []
        self._worker: threading.Thread | None = None
        self._ids = itertools.count(1)
        self._seen: object = None  # manifest file stamp (local) or stored version (milvus)
        self.last_error: str | None = None  # the last failed load while another was served

    # --- what is served ---------------------------------------------------------------
    @property
    def service(self) -> QAService | None:
        service: QAService | None = getattr(self.state, "service", None)
        return service

    def served_version(self) -> str | None:
        service = self.service
        return index_version(service.manifest) if service is not None else None

    def damaged(self, exc: Exception) -> str:
        s = self.settings
        return (
            f"index at {s.index_dir} is damaged or unreadable ({type(exc).__name__}: {exc}): "
            f"run `lixia-qa ingest {s.docs_dir} --index {s.index_dir} --force`"
        )

    def embedder(self) -> Embedder:
        if self._embedder is None:
            service = self.service
            self._embedder = service.embedder if service else load_embedder(self.settings)
        return self._embedder

    def load(self) -> bool:
        """Load the index from disk and serve it; on failure keep what is served."""
        with self._build_lock:
            return self._load_locked()

    def _load_locked(self) -> bool:
        self._seen = self._stamp()
        try:
            service = QAService.load(self.settings, self.embedder())
        except LixiaError as exc:
            reason = str(exc)
        except (OSError, ValueError, RuntimeError, KeyError, TypeError, AttributeError) as exc:
            reason = self.damaged(exc)
        else:
            self.state.service = service
            self.state.load_error = None
            self.last_error = None
            logger.info("serving index version %s", self.served_version())
            return True
        logger.error("index not loaded: %s", reason)
        if self.service is None:
            self.state.load_error = reason
        else:
            self.last_error = f"{reason} (still serving {self.served_version()})"
        return False

    # --- re-index after an upload or delete ---------------------------------------------
    def submit(self, action: str, doc_id: str) -> Job:
        """Queue a rebuild of the index from the documents folder; returns its job."""
        job = Job(id=str(next(self._ids)), action=action, doc_id=doc_id)
        with self._jobs_lock:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                self._jobs.pop(next(iter(self._jobs)))
            self._pending.append(job)
            if self._worker is None:
                self._worker = threading.Thread(target=self._work, name="reindex", daemon=True)
                self._worker.start()
        return job

    def job(self, job_id: str) -> Job | None:
        with self._jobs_lock:
            return self._jobs.get(job_id)

    def reindex_state(self) -> dict[str, Any]:
        with self._jobs_lock:
            running = any(j.state == "running" for j in self._jobs.values())
            pending = len(self._pending)
            last = next(reversed(self._jobs.values()), None)
        state = "running" if running else "queued" if pending else "idle"
        return {"state": state, "pending": pending, "last": last.out() if last else None}

    def _work(self) -> None:
        while True:
            with self._jobs_lock:
                batch, self._pending = self._pending, []
                if not batch:
                    self._worker = None
                    return
                for job in batch:
                    job.state = "running"
            error = self._rebuild()
            version = self.served_version()
            for job in batch:
                job.state, job.error = ("failed", error) if error else ("done", None)
                job.finished, job.version = _now(), version

    def _rebuild(self) -> str | None:
        """Build the index from the documents folder and serve it; the error, if any."""
        with self._build_lock:
            try:
                report = build_index(self.settings, embedder=self.embedder())
            except LixiaError as exc:
                logger.error("re-index failed: %s", exc)
                return str(exc)
            except Exception as exc:  # a failed build must not kill the worker
                logger.exception("re-index failed")
                return f"re-index failed ({type(exc).__name__}: {exc}): see the server log"
            logger.info("re-index: %s", report.summary())
            if not self._load_locked():
                return self.state.load_error or "the new index could not be loaded"
            return None

    # --- an ingest from a shell ---------------------------------------------------------
    def _manifest(self) -> dict[str, Any]:
        """The manifest of the index now in the store (not necessarily the served one)."""
        if self.settings.store == "local":
            return read_manifest(self.settings.index_dir)
        service = self.service
        store = service.store if service is not None else open_store(self.settings)
        return store.manifest()

    def _stamp(self) -> object:
        if self.settings.store == "milvus":
            try:
                return index_version(self._manifest())
            except (LixiaError, OSError, ValueError, RuntimeError) as exc:
                logger.warning("store manifest unreadable: %s", exc)
                return None
        try:
            st = (Path(self.settings.index_dir) / MANIFEST).stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def check_for_new_index(self) -> bool:
        """Reload when the stored manifest changed and names another version; True if
        reloaded."""
        stamp = self._stamp()
        if stamp is None or stamp == self._seen:
            return False
        with self._build_lock:
            self._seen = stamp
            try:
                version: str | None = index_version(self._manifest())
            except (LixiaError, OSError, ValueError, RuntimeError) as exc:
                logger.warning("index manifest unreadable: %s", exc)
                version = None  # loading reports why, in health
            if version is not None and version == self.served_version():
                return False
            logger.info("index changed on disk (%s): reloading", version)
            return self._load_locked()

    async def watch(self) -> None:
        """Poll the manifest every ``index_poll_seconds`` (a task started in lifespan)."""
        while True:
            await asyncio.sleep(self.settings.index_poll_seconds)
            try:
                await asyncio.to_thread(self.check_for_new_index)
            except Exception:  # keep watching whatever happened
                logger.exception("index watch failed")
