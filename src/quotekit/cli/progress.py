"""A one-line progress display on stderr: files, MB and quotes per second.

Shown only when stderr is a terminal and ``-q`` is not given; otherwise every call is a
no-op, so piping or redirecting stderr never gets control characters.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from ..batch import BatchStats

CLEAR_TO_END = "\x1b[K"


class Progress:
    """Redraws ``stats`` at most every ``interval`` seconds; :meth:`close` ends the line."""

    def __init__(self, stats: BatchStats, *, quiet: bool = False,
                 stream: TextIO | None = None, interval: float = 0.2) -> None:
        self.stats = stats
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = not quiet and self.stream.isatty()
        self.interval = interval
        self.started = time.monotonic()
        self._last = 0.0

    def line(self) -> str:
        s = self.stats
        elapsed = max(time.monotonic() - self.started, 1e-9)
        mb = s.bytes / 1e6
        text = (f"{s.files:,} files  {mb:,.1f} MB  {s.files / elapsed:,.1f} files/s  "
                f"{mb / elapsed:,.1f} MB/s  {s.quotes / elapsed:,.0f} quotes/s")
        extras = [f"{s.cached:,} cached"] if s.cached else []
        extras += [f"{s.failed:,} failed"] if s.failed else []
        return text + (f"  ({', '.join(extras)})" if extras else "")

    def update(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._last < self.interval:
            return
        self._last = now
        self.stream.write("\r" + self.line() + CLEAR_TO_END)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._last:
            self.update(force=True)
            self.stream.write("\n")
            self.stream.flush()
