"""The SPARQL endpoint (oxigraph server) and push over the Graph Store Protocol.

Every server listens on 127.0.0.1 on a free port, every wait is bounded, and every
process is ended in a finally (the Server context manager)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from decimal import Decimal

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from SPARQLWrapper import JSON, SPARQLWrapper

from kgraph.cli import main
from kgraph.push import PushError, fetch, gsp_url, push, sparql_select
from kgraph.queries import find_query, run_query
from kgraph.serve import ServerError, free_port, oxigraph_executable, start_server
from kgraph.store import load_oxigraph

HOST = "127.0.0.1"

try:
    oxigraph_executable()
except ServerError as exc:  # pragma: no cover - the dev extra installs it
    pytest.skip(f"no oxigraph server: {exc}", allow_module_level=True)

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {URIRef(_XSD + t) for t in (
    "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort",
    "unsignedByte")}


def as_oxigraph_stores(graph: Graph) -> Graph:
    """The graph as Oxigraph keeps it: literals of the xsd:integer subtypes (oa:start,
    oa:end are xsd:nonNegativeInteger) become xsd:integer, decimals canonical."""
    out = Graph()
    for s, p, o in graph:
        if isinstance(o, Literal) and o.datatype in _INTEGER_TYPES:
            o = Literal(str(int(str(o))), datatype=URIRef(_XSD + "integer"))
        elif isinstance(o, Literal) and o.datatype == URIRef(_XSD + "decimal"):
            o = Literal(str(Decimal(str(o)).normalize()), datatype=o.datatype)
        out.add((s, p, o))
    return out


def count(query_url: str, graph_iri: str | None = None) -> int:
    pattern = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "?s ?p ?o"
    sw = SPARQLWrapper(query_url)
    sw.setQuery(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
    sw.setReturnFormat(JSON)
    return int(sw.queryAndConvert()["results"]["bindings"][0]["n"]["value"])


def test_serve_a_graph_file(seeds_ttl, seeds_graph):
    with start_server(seeds_ttl, HOST, free_port(HOST), timeout=30) as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert count(server.query_url) == len(seeds_graph)
        # a saved query sent over HTTP answers as it does locally
        sw = SPARQLWrapper(server.query_url)
        sw.setQuery(find_query("sectors").text)
        sw.setReturnFormat(JSON)
        remote = {b["sectorName"]["value"]: int(b["cooperations"]["value"])
                  for b in sw.queryAndConvert()["results"]["bindings"]}
        local = {r["sectorName"]: int(r["cooperations"])
                 for r in run_query(seeds_graph, "sectors").dicts()}
        assert remote == local
        location = server.location
    assert not server.running()
    assert not location.exists()  # the temporary store is removed


def test_serve_a_store_read_only(seeds_graph, tmp_path):
    db = tmp_path / "db"
    load_oxigraph(seeds_graph, db)
    with start_server(f"oxigraph:{db}", HOST, None) as server:
        assert count(server.query_url) == len(seeds_graph)
        with pytest.raises(PushError, match=r"HTTP [45]"):
            push(Graph(), server.store_url)
    assert db.is_dir()  # a given store is kept


def test_push_loses_no_triple(seeds_graph):
    iri = "https://example.org/kgraph/seeds"
    with start_server(None, HOST, None, read_only=False) as server:
        result = push(seeds_graph, server.store_url, graph=iri)
        assert result.method == "PUT" and result.status in (200, 201, 204)
        assert result.triples == len(seeds_graph)
        assert count(server.query_url, iri) == len(seeds_graph)
        back = fetch(server.store_url, iri)
        assert len(back) == len(seeds_graph)
        assert isomorphic(back, as_oxigraph_stores(seeds_graph))
        # PUT again replaces; POST adds: the same triples again are no new triples,
        # but blank nodes of a new document are new nodes (RDF merge)
        push(seeds_graph, server.store_url, graph=iri, fmt="nt")
        assert count(server.query_url, iri) == len(seeds_graph)
        push(seeds_graph, server.store_url, graph=iri, append=True)
        with_bnodes = sum(1 for s, _, o in seeds_graph
                          if isinstance(s, BNode) or isinstance(o, BNode))
        assert count(server.query_url, iri) == len(seeds_graph) + with_bnodes
        # the default graph, with credentials (Oxigraph ignores them)
        push(seeds_graph, server.store_url, user="u", password="p")
        assert count(server.query_url) == len(seeds_graph)
        answer = sparql_select(server.query_url, "SELECT (COUNT(DISTINCT ?g) AS ?n) "
                                                 "WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert answer["results"]["bindings"][0]["n"]["value"] == "1"


def test_gsp_urls_and_errors():
    assert gsp_url("http://h:1/store") == "http://h:1/store?default"
    assert gsp_url("http://h:1/store", "https://x/g?a=b#c") == (
        "http://h:1/store?graph=" + urllib.parse.quote("https://x/g?a=b#c", safe=""))
    assert gsp_url("http://h/ds/data?x=1", "urn:g") == "http://h/ds/data?x=1&graph=urn%3Ag"
    with pytest.raises(PushError, match="not an http"):
        gsp_url("ftp://h/store")
    closed = free_port(HOST)
    g = Graph()
    g.add((URIRef("urn:a"), URIRef("urn:b"), Literal("c")))
    with pytest.raises(PushError, match="cannot reach"):
        push(g, f"http://{HOST}:{closed}/store", timeout=5)


def test_cli_push(seeds_ttl, seeds_graph, capsys):
    with start_server(None, HOST, None, read_only=False) as server:
        assert main(["push", str(seeds_ttl), "--endpoint", server.store_url,
                     "--graph", "urn:kgraph:test"]) == 0
        assert f"PUT {len(seeds_graph)} triples" in capsys.readouterr().err
        assert count(server.query_url, "urn:kgraph:test") == len(seeds_graph)
        assert main(["push", str(seeds_ttl), "--endpoint", server.url + "/nothing"]) == 1


def _read_until(stream, marker: bytes, timeout: float) -> bytes:
    """Read a pipe until `marker` appears, the pipe closes, or `timeout` passes."""
    import selectors

    seen = b""
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as sel:
        sel.register(stream, selectors.EVENT_READ)
        while marker not in seen and time.monotonic() < deadline:
            if not sel.select(timeout=max(0.0, deadline - time.monotonic())):
                break
            chunk = os.read(stream.fileno(), 4096)
            if not chunk:
                break
            seen += chunk
    return seen


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_cli_serve_runs_until_stopped(stop, seeds_ttl, seeds_graph):
    port = free_port(HOST)
    cmd = [sys.executable, "-m", "kgraph.cli", "serve", str(seeds_ttl), "--host", HOST,
           "--port", str(port)]
    # SIGINT as at a terminal: a test run started in the background (`make test &`)
    # ignores it, and so would the server it starts
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert proc.stderr is not None
        said = _read_until(proc.stderr, b"SPARQL endpoint", timeout=30)
        assert b"SPARQL endpoint" in said, said.decode(errors="replace")
        assert count(f"http://{HOST}:{port}/query") == len(seeds_graph)
        store = None
        if shutil.which("ps"):
            children = subprocess.run(["ps", "-o", "args=", "--ppid", str(proc.pid)],
                                      capture_output=True, timeout=10, check=False).stdout
            store = re.search(rb"--location (\S+)", children)
        proc.send_signal(stop)
        # Server.stop waits up to 10 s for the server to end, then 10 s more after a kill
        assert proc.wait(timeout=45) == 0
        if store is not None:  # the temporary store went with the server
            assert not os.path.exists(store.group(1).decode())
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()
