"""Run one function in a forked child process while this one goes on.

A build uses it to draw the page while it writes graph.ttl: both read the same resolved
corpus, which the child gets for free (fork shares the parent's memory, copy on write),
and each needs one core for a second or two on a 10k-article corpus.

    page = Forked.start(draw_page)     # None where the platform cannot fork
    try:
        write_graph()
        seconds = page.result()        # the function's value, or ForkedError
    finally:
        page.stop()                    # kills the child if its result was not read

(`with Forked.start(...) as page:` does the same.) The function's value
comes back pickled through a pipe, so keep it small; the child ends with os._exit, so
nothing of the parent (open files, locks, atexit hooks, buffered output) is run twice.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Callable
from types import TracebackType
from typing import Any


class ForkedError(RuntimeError):
    """The function failed in the child (its exception, as text), or the child died."""


class Forked:
    """A child process running one function; see the module's doc."""

    def __init__(self, pid: int, read_fd: int) -> None:
        self.pid = pid
        self._fd = read_fd
        self._done = False

    @classmethod
    def start(cls, function: Callable[[], Any]) -> Forked | None:
        """`function` running in a forked child; None where os.fork does not exist."""
        if not hasattr(os, "fork"):
            return None
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run, send the outcome, leave without any clean-up
            os.close(read_fd)
            code = 1
            try:
                try:
                    payload = pickle.dumps(("ok", function()))
                    code = 0
                except BaseException as exc:
                    payload = pickle.dumps(("error", f"{type(exc).__name__}: {exc}"))
                view = memoryview(payload)
                while view:
                    view = view[os.write(write_fd, view):]
            finally:
                os._exit(code)
        os.close(write_fd)
        return cls(pid, read_fd)

    def result(self) -> Any:
        """Waits for the child; its function's value, or ForkedError."""
        chunks = []
        try:
            while chunk := os.read(self._fd, 1 << 16):
                chunks.append(chunk)
        finally:
            os.close(self._fd)
            _, status = os.waitpid(self.pid, 0)
            self._done = True
        try:
            outcome, value = pickle.loads(b"".join(chunks))
        except Exception:
            raise ForkedError(f"the child process ended without an answer (wait status "
                              f"{status})") from None
        if outcome != "ok":
            raise ForkedError(value)
        return value

    def __enter__(self) -> Forked:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def stop(self) -> None:
        """Kills the child unless its result was read (then there is nothing to do)."""
        if not self._done:  # the parent failed or gave up: the child's work is not wanted
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.close(self._fd)
            os.waitpid(self.pid, 0)
            self._done = True
