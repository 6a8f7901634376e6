"""Writing the output folder: one build at a time, and all files or none.

    with output_lock(out):               # refuses a second build into `out` (OutputBusy)
        with Staging(out) as stage:
            stage.write_bytes("graph.ttl", data)
            write_html(graph, stage.path("graph.html"))
            stage.commit()               # os.replace of every staged file; else none

The lock is `OUT/.kgraph.lock`, held with fcntl.flock (released by the kernel when the
process dies, so a lock file left by a killed build is stale and simply taken over); it
records the holder's pid for the message. Where flock is missing, the file is created
with O_EXCL and a lock whose pid is no longer running is taken over.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".kgraph.lock"
OUTPUT_NAMES = ("graph.ttl", "graph.html", "build-report.json")


class OutputBusy(Exception):
    """Another build is writing into the same output folder; str() is the one-line message."""

    def __init__(self, output_dir: Path, holder: dict[str, object]) -> None:
        pid = holder.get("pid")
        who = f"pid {pid}" if pid else "another process"
        if holder.get("host") and holder.get("host") != socket.gethostname():
            who += f" on {holder['host']}"
        super().__init__(
            f"another kgraph build ({who}) is writing to {output_dir}; wait for it to finish "
            f"or use another -o folder (if no build is running, delete "
            f"{output_dir / LOCK_NAME})")
        self.output_dir = output_dir
        self.holder = holder


class OutputUnusable(ValueError):
    """The output folder cannot be created or written; str() is the one-line message."""


@contextlib.contextmanager
def output_lock(output_dir: str | os.PathLike[str]) -> Iterator[dict[str, object]]:
    """Hold OUT/.kgraph.lock for the duration; yields the stale holder taken over ({} if none).

    Raises OutputBusy when a live build holds it, OutputUnusable when the folder cannot
    be created or written.
    """
    out = Path(output_dir)
    path = out / LOCK_NAME
    try:
        out.mkdir(parents=True, exist_ok=True)
        if fcntl is not None:
            fd, stale = _flock(path, out)
        else:  # pragma: no cover - exercised only where fcntl is missing
            fd, stale = _exclusive(path, out)
    except FileExistsError:
        raise OutputUnusable(f"output folder {out} is a file; give a folder with -o") from None
    except OSError as exc:
        raise OutputUnusable(f"cannot write to the output folder {out} "
                             f"({exc.strerror or exc}); choose another with -o") from None
    try:
        _remove_leftovers(out)
        yield stale
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)  # while still holding it: the next build creates a fresh file
        os.close(fd)


def _flock(path: Path, out: Path) -> tuple[int, dict[str, object]]:
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _read_holder(fd)
            os.close(fd)
            raise OutputBusy(out, holder) from None
        try:  # the holder may have unlinked the file between our open and our flock
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if not same:
            os.close(fd)
            continue
        stale = _read_holder(fd)
        _write_holder(fd)
        return fd, stale


def _exclusive(path: Path, out: Path) -> tuple[int, dict[str, object]]:  # pragma: no cover
    stale: dict[str, object] = {}
    for _ in range(3):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            try:
                with open(path, "rb") as f:
                    holder = _parse_holder(f.read())
            except OSError:
                continue
            if _alive(holder):
                raise OutputBusy(out, holder) from None
            stale = holder
            with contextlib.suppress(OSError):
                os.unlink(path)
            continue
        _write_holder(fd)
        return fd, stale
    raise OutputBusy(out, {})


def _alive(holder: dict[str, object]) -> bool:
    """False only when the holder is surely gone: same host and its pid is not running."""
    pid = holder.get("pid")
    if not isinstance(pid, int) or pid <= 0:
        return False
    if holder.get("host") not in (None, socket.gethostname()):
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_holder(fd: int) -> dict[str, object]:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return _parse_holder(os.read(fd, 4096))
    except OSError:
        return {}


def _parse_holder(data: bytes) -> dict[str, object]:
    try:
        holder = json.loads(data.decode("utf-8"))
    except ValueError:
        text = data.decode("ascii", "replace").strip()
        return {"pid": int(text)} if text.isdigit() else {}
    return holder if isinstance(holder, dict) else {}


def _write_holder(fd: int) -> None:
    info = {"pid": os.getpid(), "host": socket.gethostname(),
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, json.dumps(info).encode("utf-8") + b"\n")


def _remove_leftovers(out: Path) -> None:
    """Temporary files of a build that was killed (only ever called under the lock; the
    pattern is Staging's own, so other tools' temporary files are left alone)."""
    for name in OUTPUT_NAMES:
        for tmp in out.glob(f".{name}.*.tmp{Path(name).suffix}"):
            with contextlib.suppress(OSError):
                tmp.unlink()


class Staging:
    """Output files written beside their final names, then all renamed into place at once.

    Leaving the `with` block without `commit()` (an error, Ctrl-C) deletes the temporary
    files and leaves the previous outputs untouched.
    """

    def __init__(self, output_dir: str | os.PathLike[str]) -> None:
        self.out = Path(output_dir)
        self._tmp: dict[str, Path] = {}

    def __enter__(self) -> Staging:
        self.out.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.discard()

    def path(self, name: str) -> Path:
        """A fresh temporary path for output `name` (same folder, same suffix)."""
        if name in self._tmp:
            return self._tmp[name]
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=f".tmp{Path(name).suffix}",
                                   dir=self.out)
        os.close(fd)
        self._tmp[name] = Path(tmp)
        return self._tmp[name]

    def write_bytes(self, name: str, data: bytes) -> Path:
        tmp = self.path(name)
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        return self.out / name

    def commit(self) -> dict[str, Path]:
        """Rename every staged file to its final name; returns {name: final path}."""
        done: dict[str, Path] = {}
        for name, tmp in list(self._tmp.items()):
            if not tmp.exists() or (tmp.stat().st_size == 0 and name != "build-report.json"):
                raise OSError(f"{name} was not written")
            os.chmod(tmp, 0o644)
        for name, tmp in list(self._tmp.items()):
            final = self.out / name
            os.replace(tmp, final)
            del self._tmp[name]
            done[name] = final
        _fsync_dir(self.out)
        return done

    def discard(self) -> None:
        for tmp in self._tmp.values():
            with contextlib.suppress(OSError):
                tmp.unlink()
        self._tmp.clear()


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
