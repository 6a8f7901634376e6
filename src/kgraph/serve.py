"""A SPARQL 1.1 Protocol endpoint on localhost: the Oxigraph server shipped on PyPI.

`kgraph serve [GRAPH | oxigraph:PATH]` starts the `oxigraph` executable of the
`oxigraph` package (the `server` and `dev` extras install it) on an on-disk store:

- given a graph file, the file is loaded into a temporary store, served
  read-only, and the store is removed when the server stops;
- given `oxigraph:PATH` (a store filled by `kgraph build --store oxigraph:PATH`),
  that store is served as it is, read-only unless `read_only=False`.

The server answers SPARQL queries at `/query` (GET or POST, the SPARQL 1.1
Protocol: SPARQLWrapper, YASGUI, curl), serves the YASGUI page at `/`, and, when
writable, takes updates at `/update` and Graph Store Protocol requests at `/store`.

`start_server(...)` returns a running `Server` (a context manager); `serve(...)`
runs one until interrupted. Waits are bounded and the process is always ended.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .store import DEFAULT_GRAPH, StoreError, is_store_spec, load_oxigraph, parse_store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


class ServerError(RuntimeError):
    """The server could not be found, started, or did not answer in time."""


def oxigraph_executable() -> Path:
    """The `oxigraph` server executable: beside this Python first, then on PATH."""
    names = ["oxigraph.exe", "oxigraph"] if os.name == "nt" else ["oxigraph"]
    for name in names:
        candidate = Path(sys.executable).parent / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("oxigraph")
    if found:
        return Path(found)
    raise ServerError("the oxigraph server is not installed: pip install 'kgraph[server]' "
                      "(the PyPI package `oxigraph`)")


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port free on `host` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True, slots=True)
class Endpoint:
    host: str
    port: int

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def query_url(self) -> str:
        return self.url + "/query"

    @property
    def update_url(self) -> str:
        return self.url + "/update"

    @property
    def store_url(self) -> str:
        """The SPARQL 1.1 Graph Store HTTP Protocol endpoint."""
        return self.url + "/store"


class Server:
    """A running oxigraph server process; stop() (or leaving the `with`) ends it."""

    def __init__(self, endpoint: Endpoint, process: subprocess.Popen[bytes], location: Path,
                 cleanup: Path | None, log: IO[bytes] | None) -> None:
        self.endpoint = endpoint
        self.process = process
        self.location = location
        self._cleanup = cleanup
        self._log = log

    @property
    def url(self) -> str:
        return self.endpoint.url

    @property
    def query_url(self) -> str:
        return self.endpoint.query_url

    @property
    def store_url(self) -> str:
        return self.endpoint.store_url

    def log_text(self) -> str:
        if self._log is None:
            return ""
        self._log.flush()
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-2000:]

    def running(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 10.0) -> None:
        try:
            if self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=timeout)
        finally:
            if self._log is not None:
                self._log.close()
                self._log = None
            if self._cleanup is not None:
                shutil.rmtree(self._cleanup, ignore_errors=True)
                self._cleanup = None

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# local requests never go through a proxy from the environment
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _wait_ready(server: Server, timeout: float) -> None:
    """Poll the query endpoint until it answers, the process dies, or time runs out."""
    probe = server.query_url + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + timeout
    delay = 0.05
    while time.monotonic() < deadline:
        if not server.running():
            raise ServerError(f"the oxigraph server exited with status "
                              f"{server.process.returncode}: {server.log_text().strip()}")
        try:
            with _LOCAL.open(probe, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(delay)
        delay = min(delay * 2, 0.5)
    raise ServerError(f"the oxigraph server did not answer at {server.url} within {timeout:g} s")


def start_server(source: Any = DEFAULT_GRAPH, host: str = DEFAULT_HOST,
                 port: int | None = DEFAULT_PORT, *, read_only: bool = True,
                 timeout: float = 30.0, quiet: bool = True) -> Server:
    """Start the oxigraph server on `source` (a graph file, "oxigraph:PATH", or None for
    an empty temporary store) and wait until it answers. `port=None` or 0 picks a free
    port. The caller must stop() it (or use it as a context manager)."""
    exe = oxigraph_executable()
    cleanup: Path | None = None
    if source is None:
        cleanup = Path(tempfile.mkdtemp(prefix="kgraph-serve-"))
        location = cleanup / "store"
        location.mkdir()
    elif is_store_spec(str(source)):
        spec = parse_store(str(source))
        assert spec.path is not None
        location = spec.path
        if not location.is_dir() or not any(location.iterdir()):
            raise StoreError(f"no Oxigraph store at {location} "
                             f"(fill it with `kgraph build --store oxigraph:{location}`)")
    else:
        path = Path(source)
        if not path.is_file():
            hint = " (run `kgraph build` first)" if path == DEFAULT_GRAPH else ""
            raise FileNotFoundError(f"{path}: no such graph file{hint}")
        cleanup = Path(tempfile.mkdtemp(prefix="kgraph-serve-"))
        location = cleanup / "store"
        try:
            load_oxigraph(path, location)
        except BaseException:
            shutil.rmtree(cleanup, ignore_errors=True)
            raise
    if not port:
        port = free_port(host)
    endpoint = Endpoint(host, int(port))
    mode = "serve-read-only" if read_only else "serve"
    cmd = [str(exe), mode, "--location", str(location), "--bind", f"{host}:{port}"]
    # closed by Server.stop(), which owns it from here on
    log = tempfile.TemporaryFile(prefix="kgraph-serve-log-") if quiet else None  # noqa: SIM115
    try:
        process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                   stdout=log if quiet else None,
                                   stderr=log if quiet else None)
    except OSError as exc:
        if log is not None:
            log.close()
        if cleanup is not None:
            shutil.rmtree(cleanup, ignore_errors=True)
        raise ServerError(f"cannot start {exe}: {exc}") from exc
    server = Server(endpoint, process, location, cleanup, log)
    try:
        _wait_ready(server, timeout)
    except BaseException:
        server.stop()
        raise
    return server


def serve(source: Any = DEFAULT_GRAPH, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          *, read_only: bool = True, out: IO[str] | None = None) -> int:
    """Run the endpoint until Ctrl-C or SIGTERM (or until the server stops); the server
    process and any temporary store are always cleaned up. Returns 0."""
    out = out or sys.stderr
    previous = None
    if threading.current_thread() is threading.main_thread():
        def _stop(signum: int, frame: object) -> None:
            raise KeyboardInterrupt

        previous = signal.signal(signal.SIGTERM, _stop)
    try:
        server = start_server(source, host, port, read_only=read_only, quiet=False)
        try:
            print(f"kgraph: SPARQL endpoint {server.query_url} (YASGUI at {server.url}/); "
                  f"Ctrl-C to stop", file=out, flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                server.process.wait()
        finally:
            server.stop()
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "Endpoint",
    "Server",
    "ServerError",
    "free_port",
    "oxigraph_executable",
    "serve",
    "start_server",
]
