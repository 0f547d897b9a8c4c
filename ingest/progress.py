"""Progress of long ingest steps: a tqdm bar on a terminal, plain log lines otherwise.

On a terminal (stderr is a TTY) the bar shows the count, rate and time left; when the
output goes to a file or a pipe, a line is logged when the step starts, at most every
``log_every`` seconds while it runs, and when it ends, so that a first ``make run`` or a
CI log shows what the ingest is doing.
"""

from __future__ import annotations

import logging
import sys
import time
from types import TracebackType

from tqdm import tqdm

logger = logging.getLogger(__name__)

LOG_EVERY = 10.0  # seconds between log lines when there is no terminal


class Progress:
    """Count work done on one step (``with Progress(865, "embedding") as p: p.update(16)``)."""

    def __init__(
        self,
        total: int,
        desc: str,
        unit: str = "text",
        log_every: float = LOG_EVERY,
        terminal: bool | None = None,
    ) -> None:
        self.total, self.desc, self.unit = total, desc, unit
        self.done = 0
        self.log_every = log_every
        self.terminal = sys.stderr.isatty() if terminal is None else terminal
        self._bar: tqdm[None] | None = None
        self._t0 = self._last = time.monotonic()

    def __enter__(self) -> Progress:
        if self.total <= 0:
            return self
        if self.terminal:
            self._bar = tqdm(total=self.total, desc=self.desc, unit=self.unit, leave=False)
        else:
            logger.info("%s: %d %ss", self.desc, self.total, self.unit)
        return self

    def update(self, n: int) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
            return
        now = time.monotonic()
        if self.total > 0 and now - self._last >= self.log_every and self.done < self.total:
            self._last = now
            logger.info(
                "%s: %d of %d %ss (%d%%)",
                self.desc,
                self.done,
                self.total,
                self.unit,
                100 * self.done // self.total,
            )

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.close()
        if self.total > 0 and kind is None:
            logger.info(
                "%s: %d %ss in %.1f s",
                self.desc,
                self.done,
                self.unit,
                time.monotonic() - self._t0,
            )
