"""Thumbs up/down votes stored in a local SQLite file that staff can export."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field


class FeedbackIn(BaseModel):
    question: str = Field(..., min_length=1, max_length=2000)
    answer: str = Field(..., max_length=5000)
    citations: list[dict[str, Any]] = Field(default_factory=list, max_length=20)
    vote: Literal["up", "down"]
    comment: str = Field("", max_length=2000)


class FeedbackStore:
    COLUMNS = ("id", "created", "vote", "question", "answer", "citations", "comment")

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path)
        conn.execute(
            "CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            "created TEXT NOT NULL, vote TEXT NOT NULL CHECK (vote IN ('up', 'down')), "
            "question TEXT NOT NULL, answer TEXT NOT NULL, citations TEXT NOT NULL, "
            "comment TEXT NOT NULL DEFAULT '')"
        )
        return conn

    def add(self, item: FeedbackIn) -> int:
        with self._lock, self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO feedback (created, vote, question, answer, citations, comment) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    time.strftime("%Y-%m-%dT%H:%M:%S%z"), item.vote, item.question, item.answer,
                    json.dumps(item.citations, ensure_ascii=False), item.comment,
                ),
            )
            return int(cur.lastrowid or 0)

    def export(self) -> list[Sequence[Any]]:
        with self._lock, self._connect() as conn:
            return list(conn.execute(f"SELECT {', '.join(self.COLUMNS)} FROM feedback ORDER BY id"))
