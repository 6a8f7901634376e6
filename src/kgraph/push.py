"""Upload a graph to a triple store with the SPARQL 1.1 Graph Store HTTP Protocol.

    kgraph push --endpoint URL [--graph IRI] [--user U --password P] [GRAPH]

URL is the store's Graph Store Protocol service, for example:

- Oxigraph:  http://localhost:7878/store
- Fuseki:    http://localhost:3030/DATASET/data
- GraphDB:   http://localhost:7200/repositories/REPO/rdf-graphs/service
- Virtuoso:  http://localhost:8890/sparql-graph-crud-auth (or /sparql-graph-crud)

The graph goes to `URL?graph=IRI` (a named graph) or `URL?default` (the default
graph) in one request: PUT replaces what the graph held (the default), POST
(`append=True`, `--append`) adds to it. The body is Turtle (`text/turtle`) or
N-Triples (`application/n-triples`). Credentials, when given, go as HTTP Basic
authentication. Only the standard library's urllib is used.
"""

from __future__ import annotations

import base64
import ipaddress
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph

CONTENT_TYPES = {"ttl": "text/turtle", "nt": "application/n-triples"}


class PushError(RuntimeError):
    """The store refused the upload or could not be reached."""


@dataclass(frozen=True, slots=True)
class PushResult:
    url: str  # the request URL, graph parameter included
    graph: str | None  # the named graph, or None for the default graph
    method: str
    content_type: str
    triples: int
    status: int


def gsp_url(endpoint: str, graph: str | None = None) -> str:
    """`endpoint?graph=<IRI>` (percent-encoded) or `endpoint?default`."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"not an http(s) endpoint: {endpoint!r}")
    extra = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    query = f"{parts.query}&{extra}" if parts.query else extra
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _opener(url: str) -> urllib.request.OpenerDirector:
    # a local store is reached directly, whatever proxy the environment names
    if _is_loopback(url):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()


def request(method: str, url: str, *, data: bytes | None = None, headers: dict[str, str]
            | None = None, user: str | None = None, password: str | None = None,
            timeout: float = 120.0) -> tuple[int, bytes]:
    """One HTTP request; returns (status, body); raises PushError on failure."""
    req = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
        req.add_header("Authorization", f"Basic {token}")
    try:
        with _opener(url).open(req, timeout=timeout) as resp:
            return int(resp.status), resp.read()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace").strip()[:500]
        raise PushError(f"{method} {url}: HTTP {exc.code} {exc.reason}"
                        + (f": {body}" if body else "")) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PushError(f"{method} {url}: cannot reach the store ({reason})") from exc


def push(source: Graph | str | os.PathLike[str], endpoint: str, *, graph: str | None = None,
         user: str | None = None, password: str | None = None, append: bool = False,
         fmt: str = "ttl", timeout: float = 120.0) -> PushResult:
    """Upload `source` (a Graph or an RDF file) to the Graph Store Protocol `endpoint`."""
    from .store import read_graph

    if fmt not in CONTENT_TYPES:
        raise PushError(f"unknown upload format {fmt!r} (ttl or nt)")
    g: Graph = source if isinstance(source, Graph) else read_graph(Path(source))
    body = g.serialize(format="turtle" if fmt == "ttl" else "nt", encoding="utf-8")
    url = gsp_url(endpoint, graph)
    method = "POST" if append else "PUT"
    ctype = CONTENT_TYPES[fmt]
    status, _ = request(method, url, data=body,
                        headers={"Content-Type": f"{ctype}; charset=utf-8"},
                        user=user, password=password, timeout=timeout)
    return PushResult(url, graph, method, ctype, len(g), status)


def fetch(endpoint: str, graph: str | None = None, *, user: str | None = None,
          password: str | None = None, timeout: float = 120.0) -> Graph:
    """GET a graph back from a Graph Store Protocol endpoint (N-Triples)."""
    status, body = request("GET", gsp_url(endpoint, graph),
                           headers={"Accept": "application/n-triples"}, user=user,
                           password=password, timeout=timeout)
    del status
    g = Graph()
    g.parse(data=body.decode("utf-8"), format="nt")
    return g


def sparql_select(query_url: str, query: str, timeout: float = 60.0) -> Any:
    """A SELECT over the SPARQL 1.1 Protocol (GET), parsed from JSON results."""
    import json

    url = query_url + ("&" if "?" in query_url else "?") + urllib.parse.urlencode(
        {"query": query})
    _, body = request("GET", url, headers={"Accept": "application/sparql-results+json"},
                      timeout=timeout)
    return json.loads(body)


__all__ = ["CONTENT_TYPES", "PushError", "PushResult", "fetch", "gsp_url", "push",
           "request", "sparql_select"]
