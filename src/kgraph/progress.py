"""A one-line progress bar on stderr for long builds, without a dependency.

    bar = Progress(total=10_000, label="extract", enabled=None)   # None: only on a terminal
    bar.update(1); bar.stage("resolve"); bar.close()

It draws only when stderr is a terminal (never into logs or pipes), at most ten times a
second, and erases itself when closed; a stage without counts (resolve, rdf, ...) shows
its elapsed time, ticking once a second. With `enabled=False` (``kgraph build --quiet``)
it does nothing at all.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

_WIDTH = 28


class Progress:
    def __init__(self, total: int | None = None, label: str = "", *,
                 enabled: bool | None = None, stream: TextIO | None = None,
                 interval: float = 0.1) -> None:
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.total = total
        self.label = label
        self.done = 0
        self.interval = interval
        self._start = time.perf_counter()
        self._last = 0.0
        self._drawn = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def _tick(self) -> None:
        while not self._stop.wait(1.0):
            if time.perf_counter() - self._last >= 1.0:
                self._draw(time.perf_counter())

    def update(self, n: int = 1) -> None:
        self.done += n
        if self.enabled:
            now = time.perf_counter()
            if now - self._last >= self.interval:
                self._draw(now)

    def stage(self, label: str, total: int | None = None) -> None:
        """Start a new stage on the same line (counts restart)."""
        self.label, self.total, self.done = label, total, 0
        self._start = time.perf_counter()
        if self.enabled:
            self._draw(self._start)
            if self._ticker is None and not self._stop.is_set():
                # ticks through long stages; started only now, after the extraction
                # workers are gone (no thread is running when they are forked)
                self._ticker = threading.Thread(target=self._tick, name="kgraph-progress",
                                                daemon=True)
                self._ticker.start()

    def line(self) -> str:
        elapsed = max(time.perf_counter() - self._start, 1e-9)
        rate = self.done / elapsed
        if self.total:
            frac = min(self.done / self.total, 1.0)
            fill = int(frac * _WIDTH)
            eta = (self.total - self.done) / rate if rate > 0 else 0.0
            return (f"{self.label:<9} [{'#' * fill}{'.' * (_WIDTH - fill)}] "
                    f"{self.done}/{self.total} {frac:4.0%} {rate:,.0f}/s ETA {eta:,.0f}s")
        if self.done:
            return f"{self.label:<9} {self.done} {rate:,.0f}/s {elapsed:,.1f}s"
        return f"{self.label} ... {elapsed:,.0f}s"

    def _draw(self, now: float) -> None:
        with self._lock:
            if self._stop.is_set():
                return
            self._last = now
            text = self.line()
            pad = max(self._drawn - len(text), 0)
            self.stream.write("\r" + text + " " * pad)
            self.stream.flush()
            self._drawn = len(text)

    def close(self) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join()
            self._ticker = None
        with self._lock:
            if self.enabled and self._drawn:
                self.stream.write("\r" + " " * self._drawn + "\r")
                self.stream.flush()
                self._drawn = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
