"""Where a graph lives: rdflib in memory (the default) or a persistent Oxigraph store.

A store is named by a spec string, as on the command line:

- ``memory``: parse the Turtle file into an rdflib Graph for each run;
- ``oxigraph:PATH``: an on-disk pyoxigraph Store (RocksDB folder) at PATH.

`load_oxigraph(graph, path)` fills a store with a graph, replacing what it held:
the data is loaded into a fresh folder beside PATH which then takes PATH's place,
so a failed load never leaves a half-filled store behind. `open_oxigraph(path)`
opens an existing store read-only, so that queries never change it and several
readers (an `oxigraph serve-read-only` server included) can share it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

STORE_KINDS = ("memory", "oxigraph")
DEFAULT_GRAPH = Path("output") / "graph.ttl"


class StoreError(ValueError):
    """A store spec that cannot be understood or a store that cannot be opened."""


@dataclass(frozen=True, slots=True)
class StoreSpec:
    kind: str  # "memory" | "oxigraph"
    path: Path | None = None

    def __str__(self) -> str:
        return self.kind if self.path is None else f"{self.kind}:{self.path}"


def parse_store(spec: str | StoreSpec | None) -> StoreSpec:
    """'memory' | 'oxigraph:PATH' -> StoreSpec."""
    if isinstance(spec, StoreSpec):
        return spec
    if spec is None or spec == "" or spec == "memory":
        return StoreSpec("memory")
    kind, sep, rest = str(spec).partition(":")
    if kind == "oxigraph":
        if not sep or not rest:
            raise StoreError("--store oxigraph needs a folder: oxigraph:PATH")
        return StoreSpec("oxigraph", Path(rest))
    raise StoreError(f"unknown store {spec!r}: use 'memory' or 'oxigraph:PATH'")


def is_store_spec(text: str | os.PathLike[str]) -> bool:
    return isinstance(text, str) and text.startswith("oxigraph:")


def read_graph(path: str | os.PathLike[str]) -> Graph:
    """Parse an RDF file with rdflib (format from the suffix; Turtle by default)."""
    p = Path(path)
    if not p.is_file():
        hint = " (run `kgraph build` first)" if p == DEFAULT_GRAPH else ""
        raise FileNotFoundError(f"{p}: no such graph file{hint}")
    fmt = {".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld",
           ".rdf": "xml", ".owl": "xml"}.get(p.suffix.lower(), "turtle")
    if fmt in ("nquads", "trig"):
        ds = Dataset()
        ds.parse(p, format=fmt)
        g = Graph()
        for s, p_, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p_, o))
        return g
    g = Graph()
    g.parse(p, format=fmt)
    return g


# ------------------------------------------------------------------ Oxigraph
def _ox() -> Any:
    import pyoxigraph

    return pyoxigraph


def graph_to_ntriples(graph: Graph) -> bytes:
    return graph.serialize(format="nt", encoding="utf-8")


def load_oxigraph(source: Graph | str | os.PathLike[str], path: str | os.PathLike[str]) -> int:
    """Replace the content of the Oxigraph store at `path` with `source` (a Graph or an
    RDF file); returns the number of triples in the store afterwards."""
    ox = _ox()
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise StoreError(f"{target} exists and is not a store folder")
    if target.exists() and any(target.iterdir()):
        # fail early, and with a clear reason, when another process holds the store
        try:
            probe = ox.Store(str(target))
        except OSError as exc:
            raise StoreError(f"cannot open the store {target} for writing "
                             f"(is a server using it?): {exc}") from exc
        del probe
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        store = ox.Store(str(tmp))
        if isinstance(source, Graph):
            store.bulk_load(graph_to_ntriples(source), format=ox.RdfFormat.N_TRIPLES)
        else:
            src = Path(source)
            store.bulk_load(path=str(src), format=_rdf_format(src))
        store.flush()
        count = len(store)
        del store
        old = None
        if target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, old)
        os.replace(tmp, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return int(count)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _rdf_format(path: Path) -> Any:
    ox = _ox()
    return {".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
            ".trig": ox.RdfFormat.TRIG, ".jsonld": ox.RdfFormat.JSON_LD,
            ".rdf": ox.RdfFormat.RDF_XML}.get(path.suffix.lower(), ox.RdfFormat.TURTLE)


def open_oxigraph(path: str | os.PathLike[str], *, read_only: bool = True) -> Any:
    """Open the existing Oxigraph store at `path` (read-only by default)."""
    ox = _ox()
    p = Path(path)
    if not p.is_dir() or not any(p.iterdir()):
        raise StoreError(f"no Oxigraph store at {p} "
                         f"(fill it with `kgraph build --store oxigraph:{p}`)")
    try:
        return ox.Store.read_only(str(p)) if read_only else ox.Store(str(p))
    except OSError as exc:
        raise StoreError(f"cannot open the Oxigraph store at {p}: {exc}") from exc


def oxigraph_from_graph(graph: Graph) -> Any:
    """An in-memory pyoxigraph Store holding `graph` (for comparisons and tests)."""
    ox = _ox()
    store = ox.Store()
    store.bulk_load(graph_to_ntriples(graph), format=ox.RdfFormat.N_TRIPLES)
    return store


def triple_count(target: Any) -> int:
    """Triples in an rdflib Graph, or quads in a pyoxigraph Store."""
    return len(target)


def open_source(graph: Any = DEFAULT_GRAPH, store: str | StoreSpec | None = None) -> Any:
    """What to query: an rdflib Graph or a pyoxigraph Store.

    `graph` may be a Graph or Store object (returned as is), a file path, or
    "oxigraph:PATH"; `store` ("memory" or "oxigraph:PATH") wins over a file path.
    """
    spec = parse_store(store)
    if spec.kind == "oxigraph":
        assert spec.path is not None
        return open_oxigraph(spec.path)
    if isinstance(graph, Graph):
        return graph
    if not isinstance(graph, (str, os.PathLike)):
        return graph  # a pyoxigraph Store (or anything with .query)
    if is_store_spec(str(graph)):
        return open_source(DEFAULT_GRAPH, str(graph))
    return read_graph(graph)


__all__ = [
    "DEFAULT_GRAPH",
    "STORE_KINDS",
    "StoreError",
    "StoreSpec",
    "is_store_spec",
    "load_oxigraph",
    "open_oxigraph",
    "open_source",
    "oxigraph_from_graph",
    "parse_store",
    "read_graph",
    "triple_count",
]
