"""Thumbs up/down votes stored in a local SQLite file that staff can export."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field

from lixia_qa.errors import StoreError
from server.schemas import Text, finite_json

MAX_CITATIONS_JSON = 20_000  # characters of the citations once serialised


def _bounded_citations(value: list[dict[str, Any]]) -> list[dict[str, Any]]:
    finite_json(value)
    size = len(json.dumps(value, ensure_ascii=False))
    if size > MAX_CITATIONS_JSON:
        raise ValueError(f"引用内容共 {size} 个字符，请控制在 {MAX_CITATIONS_JSON} 个以内")
    return value


class FeedbackIn(BaseModel):
    question: Text = Field(..., min_length=1, max_length=2000)
    answer: Text = Field(..., max_length=5000)
    citations: Annotated[list[dict[str, Any]], AfterValidator(_bounded_citations)] = Field(
        default_factory=list, max_length=20
    )
    vote: Literal["up", "down"]
    comment: Text = Field("", max_length=2000)


# control characters except tab and line breaks, and bidirectional overrides
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: no control characters, no formula."""
    if not isinstance(value, str):
        return value
    text = _CONTROL.sub("", value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV text with a BOM (for Excel), every cell neutralised by :func:`csv_cell`."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return "\ufeff" + buf.getvalue()


class FeedbackStore:
    COLUMNS = ("id", "created", "vote", "question", "answer", "citations", "comment")

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def _fail(self, exc: Exception) -> StoreError:
        return StoreError(
            f"feedback store at {self.path} failed ({exc}): check that the file and its "
            "folder are writable (LIXIA_FEEDBACK_DB)"
        )

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path)
            conn.execute(
                "CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                "created TEXT NOT NULL, vote TEXT NOT NULL CHECK (vote IN ('up', 'down')), "
                "question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, "
                "comment TEXT NOT NULL DEFAULT '')"
            )
        except (sqlite3.Error, OSError) as exc:
            raise self._fail(exc) from exc
        return conn

    def add(self, item: FeedbackIn) -> int:
        with self._lock:
            conn = self._connect()
            try:
                with conn:
                    cur = conn.execute(
                        "INSERT INTO feedback (created, vote, question, answer, citations, "
                        "comment) VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                            item.vote,
                            item.question,
                            item.answer,
                            json.dumps(item.citations, ensure_ascii=False),
                            item.comment,
                        ),
                    )
                return int(cur.lastrowid or 0)
            except (sqlite3.Error, OSError, UnicodeError) as exc:
                raise self._fail(exc) from exc
            finally:
                conn.close()

    def export(self) -> list[Sequence[Any]]:
        with self._lock:
            conn = self._connect()
            try:
                cols = ", ".join(self.COLUMNS)
                return list(conn.execute(f"SELECT {cols} FROM feedback ORDER BY id"))
            except sqlite3.Error as exc:
                raise self._fail(exc) from exc
            finally:
                conn.close()

    def export_csv(self) -> str:
        return to_csv(self.COLUMNS, self.export())

    def check(self) -> str | None:
        """None when votes can be stored, else the reason."""
        if self.path.exists() and not os.access(self.path, os.W_OK):
            return str(self._fail(PermissionError(f"{self.path} is read-only")))
        try:
            with self._lock:
                conn = self._connect()
                try:
                    conn.execute("SELECT COUNT(*) FROM feedback").fetchone()
                finally:
                    conn.close()
        except StoreError as exc:
            return str(exc)
        except sqlite3.Error as exc:
            return str(self._fail(exc))
        return None
