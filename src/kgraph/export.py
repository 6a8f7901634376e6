"""Exports of a knowledge graph for other tools: triple stores, JSON-LD, Gephi, spreadsheets.

`export(graph, fmt, out)` writes one of `FORMATS`; `serialize(graph, fmt)` returns
the bytes of a single-file format.

RDF formats
    ttl (Turtle) and nt (N-Triples): the graph as it is.
    jsonld: JSON-LD with a @context of the project's prefixes (compact IRIs).
    trig and nq: a dataset with one named graph per article and one for the
    ontology (see `to_dataset`): "which article says this" becomes "in which
    graph is this triple", the provenance model of most triple stores.

Graph formats (via networkx, for Gephi, Cytoscape, yEd)
    graphml and gexf: the entity graph of `to_networkx`; csv: the same graph as two
    tables, `nodes.csv` (Id, Label, class, then one column per attribute) and
    `edges.csv` (Source, Target, Type, Label), the column names Gephi's
    spreadsheet import expects. With `-o DIR` (an existing folder, or a name
    without a suffix) the two files are written into DIR; with `-o FILE.zip` they
    are zipped into one file.

The entity graph: a node per resource of the instance data (articles, regions,
bodies, officials, agreements and their stages, sectors), with `label`, `class`
(the most specific kgraph class) and `iri`, and one attribute per literal
property (`position`, `status`, `isoCode`, ...; several values joined by " | ").
An edge per triple between two such nodes, keyed and labelled by its relation
(`kg:party`, `kg:represents`, `kg:locatedIn`, `kg:mentionedIn`, ...). Links to
ontology terms become attributes (`kind` = "MemorandumOfUnderstanding"), links to
outside IRIs too (`sameAs`). Evidence nodes (one per text position) are left out
unless `evidence=True`: their sentence and offsets are in the RDF exports.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from .namespaces import KG, KGR, KGS, ONTOLOGY_IRI, PREFIXES
from .outputs import write_atomic

FORMATS = ("ttl", "nt", "trig", "nq", "jsonld", "graphml", "gexf", "csv")
SUFFIX = {"ttl": ".ttl", "nt": ".nt", "trig": ".trig", "nq": ".nq", "jsonld": ".jsonld",
          "graphml": ".graphml", "gexf": ".gexf", "csv": ".zip"}
_RDFLIB_FORMAT = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads",
                  "jsonld": "json-ld"}
ONTOLOGY_GRAPH = URIRef(ONTOLOGY_IRI)


class ExportError(ValueError):
    """An export that cannot be written as asked (unknown format, missing -o)."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    format: str
    paths: tuple[Path, ...]  # empty when written to a stream
    triples: int  # statements written (quads for trig/nq, edges for graph formats)
    nodes: int = 0


# ------------------------------------------------------------------ datasets
_META = (str(OWL), str(RDF), str(RDFS))


def _is_ontology_term(node: Node) -> bool:
    if not isinstance(node, URIRef):
        return False
    s = str(node)
    return s.startswith(str(KG)) or s == ONTOLOGY_IRI or s == str(KGS.scheme)


def ontology_subjects(graph: Graph) -> set[Node]:
    """Subjects that belong to the vocabulary, not to the data: kg: terms, the ontology
    header, the sector scheme, and anything typed only with OWL/RDF(S) classes
    (annotation properties, owl:AllDisjointClasses axioms, ...)."""
    types: dict[Node, set[str]] = defaultdict(set)
    for s, t in graph.subject_objects(RDF.type):
        types[s].add(str(t))
    out: set[Node] = {s for s in set(graph.subjects()) if _is_ontology_term(s)}
    out |= {s for s, ts in types.items() if ts and all(t.startswith(_META) for t in ts)}
    return out


def article_graphs(graph: Graph) -> dict[Node, set[URIRef]]:
    """For each subject of instance data, the articles whose graphs describe it."""
    articles = set(graph.subjects(RDF.type, KG.Article))
    out: dict[Node, set[URIRef]] = defaultdict(set)
    for a in articles:
        out[a].add(a)  # type: ignore[arg-type]
    for s, a in graph.subject_objects(KG.inArticle):
        out[s].add(a)  # type: ignore[arg-type]
    for s, a in graph.subject_objects(KG.mentionedIn):
        if not isinstance(a, URIRef):
            continue
        out[s].add(a)
    return out


def to_dataset(graph: Graph) -> Dataset:
    """The graph as a dataset: one named graph per article, one for the ontology.

    Graph names are the article IRIs (`kgr:article/...`) and the ontology IRI.
    Each triple goes to the graph(s) of the articles its subject was read in:

    - an Article's own triples go to its graph; an Evidence node's to the graph of
      the article it points into (kg:inArticle);
    - `X kg:mentionedIn A` goes to A's graph only, and `X kg:evidence E` to the
      graph of E's article: these say which article the link comes from;
    - every other triple about X is copied into the graph of *each* article X is
      mentioned in (a node read in several articles, e.g. a province or an
      agreement reported twice, is described in full in each). The graph keeps no
      per-triple provenance, so the copies do not claim that each article stated
      each fact, only that each article is about X;
    - ontology terms (the kg: vocabulary, the ontology header, the sector scheme)
      go to the ontology graph; blank nodes follow the node that refers to them;
    - triples about a node read in no article (e.g. a country added only as the
      parent of a city) stay in the default graph.

    The union of all graphs is the original graph (a test checks isomorphism).
    """
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    homes = article_graphs(graph)
    vocabulary = ontology_subjects(graph)
    evidence_article = {e: next(iter(arts)) for e, arts in homes.items()
                        if (e, RDF.type, KG.Evidence) in graph and len(arts) == 1}

    def graphs_of(s: Node) -> set[URIRef]:
        if s in homes:
            return homes[s]
        if s in vocabulary:
            return {ONTOLOGY_GRAPH}
        return set()

    # blank nodes inherit the graphs of the nodes that refer to them
    bnode_homes: dict[Node, set[URIRef]] = defaultdict(set)
    pending = [(s, o) for s, o in graph.subject_objects() if isinstance(o, BNode)]
    for _ in range(len(pending) + 1):  # bounded fixpoint over chains of blank nodes
        changed = False
        for ref, bnode in pending:
            src = (bnode_homes[ref] if isinstance(ref, BNode) and ref not in vocabulary
                   else graphs_of(ref))
            if not src <= bnode_homes[bnode]:
                bnode_homes[bnode] |= src
                changed = True
        if not changed:
            break

    contexts: dict[URIRef, Graph] = {}

    def ctx(name: URIRef) -> Graph:
        if name not in contexts:
            contexts[name] = ds.graph(name)
        return contexts[name]

    default = ds.graph(DATASET_DEFAULT_GRAPH_ID)
    for s, p, o in graph:
        if p == KG.mentionedIn and isinstance(o, URIRef) and s in homes:
            targets: set[URIRef] = {o}
        elif p == KG.evidence and o in evidence_article:
            targets = {evidence_article[o]}
        elif isinstance(s, BNode) and s not in vocabulary:
            targets = bnode_homes.get(s, set())
        else:
            targets = graphs_of(s)
        if not targets:
            default.add((s, p, o))
        for name in targets:
            ctx(name).add((s, p, o))
    return ds


def dataset_union(ds: Dataset) -> Graph:
    """All triples of all graphs of a dataset (the default graph included)."""
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


# ------------------------------------------------------------------ networkx
def _local(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            tail = iri.rsplit(sep, 1)[1]
            if tail:
                return tail
    return iri


def _qname(iri: str) -> str:
    best, prefix = "", ""
    for name, ns in PREFIXES.items():
        s = str(ns)
        if iri.startswith(s) and len(s) > len(best):
            best, prefix = s, name
    return f"{prefix}:{iri[len(best):]}" if best else iri


def _best_label(labels: Iterable[Literal]) -> str | None:
    ranked = sorted(labels, key=lambda lit: ({"id": 0, None: 1, "en": 2}.get(lit.language, 3),
                                            str(lit)))
    return str(ranked[0]) if ranked else None


def _most_specific(graph: Graph, types: set[URIRef]) -> str:
    kg_types = {t for t in types if str(t).startswith(str(KG))}
    if not kg_types:
        return _local(str(next(iter(sorted(types))))) if types else ""
    leaves = [t for t in kg_types
              if not any(u != t and (u, RDFS.subClassOf, t) in graph for u in kg_types)]
    return _local(str(sorted(leaves or kg_types)[0]))


def to_networkx(graph: Graph, *, evidence: bool = False) -> Any:
    """The entity graph (see the module docstring) as a networkx MultiDiGraph."""
    import networkx as nx

    g = nx.MultiDiGraph()
    types: dict[Node, set[URIRef]] = defaultdict(set)
    for s, t in graph.subject_objects(RDF.type):
        if isinstance(t, URIRef):
            types[s].add(t)

    vocabulary = ontology_subjects(graph)

    def is_node(n: Node) -> bool:
        if isinstance(n, Literal) or n in vocabulary or _is_ontology_term(n):
            return False
        if not evidence and KG.Evidence in types.get(n, ()):
            return False
        if isinstance(n, BNode):
            return n in types
        s = str(n)
        return s.startswith(str(KGR)) or s.startswith(str(KGS)) or n in types

    attrs: dict[Node, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[Node, list[Literal]] = defaultdict(list)
    edges: list[tuple[Node, Node, str]] = []
    for s, p, o in graph:
        if not is_node(s):
            continue
        if p == RDF.type or (p == KG.evidence and not evidence):
            continue
        if p == RDFS.label and isinstance(o, Literal):
            labels[s].append(o)
            continue
        if p in (SKOS.prefLabel, SKOS.altLabel) and isinstance(o, Literal):
            attrs[s]["aliases"].append(str(o))
            continue
        name = _local(str(p))
        if isinstance(o, Literal):
            attrs[s][name].append(str(o))
        elif is_node(o):
            edges.append((s, o, _qname(str(p))))
        elif isinstance(o, URIRef):
            attrs[s][name].append(_local(str(o)) if _is_ontology_term(o) else str(o))
    nodes = {s for s in types if is_node(s)} | set(attrs) | set(labels)
    nodes |= {o for _, o, _ in edges}
    for n in sorted(nodes, key=str):
        data = {"label": _best_label(labels.get(n, [])) or _local(str(n)),
                "class": _most_specific(graph, types.get(n, set())),
                "iri": str(n)}
        for key, values in sorted(attrs.get(n, {}).items()):
            if key in data:
                key = f"{key}_"
            data[key] = " | ".join(sorted(set(values)))
        g.add_node(str(n), **data)
    for s, o, rel in sorted(edges, key=lambda e: (str(e[0]), str(e[1]), e[2])):
        g.add_edge(str(s), str(o), key=rel, relation=rel, label=rel)
    return g


def csv_tables(nxg: Any) -> tuple[str, str]:
    """(nodes.csv, edges.csv) text of an entity graph."""
    keys = sorted({k for _, d in nxg.nodes(data=True) for k in d} - {"label", "class", "iri"})
    nodes = io.StringIO()
    w = csv.writer(nodes, lineterminator="\n")
    w.writerow(["Id", "Label", "class", *keys])
    for n, d in nxg.nodes(data=True):
        w.writerow([n, d.get("label", ""), d.get("class", ""), *(d.get(k, "") for k in keys)])
    edges = io.StringIO()
    w = csv.writer(edges, lineterminator="\n")
    w.writerow(["Source", "Target", "Type", "Label"])
    for s, o, d in nxg.edges(data=True):
        w.writerow([s, o, "Directed", d.get("relation", "")])
    return nodes.getvalue(), edges.getvalue()


def csv_zip(nxg: Any) -> bytes:
    nodes, edges = csv_tables(nxg)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("nodes.csv", nodes)
        z.writestr("edges.csv", edges)
    return buf.getvalue()


# ------------------------------------------------------------------ writing
def jsonld_context() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def serialize(graph: Graph, fmt: str, *, evidence: bool = False) -> bytes:
    """The bytes of `graph` in a single-file format (csv: a zip of both tables)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt in ("ttl", "nt"):
        return graph.serialize(format=_RDFLIB_FORMAT[fmt], encoding="utf-8")
    if fmt == "jsonld":
        return graph.serialize(format="json-ld", context=jsonld_context(), auto_compact=True,
                               encoding="utf-8")
    if fmt in ("trig", "nq"):
        return to_dataset(graph).serialize(format=_RDFLIB_FORMAT[fmt], encoding="utf-8")
    import networkx as nx

    nxg = to_networkx(graph, evidence=evidence)
    if fmt == "csv":
        return csv_zip(nxg)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(nxg, buf, encoding="utf-8")
    else:
        nx.write_gexf(nxg, buf, encoding="utf-8")
    return buf.getvalue()




def _is_folder_target(path: Path) -> bool:
    return path.is_dir() or str(path).endswith(os.sep) or not path.suffix


def export(graph: Graph, fmt: str = "ttl", out: str | os.PathLike[str] | None = None, *,
           evidence: bool = False, stream: Any = None) -> ExportResult:
    """Write `graph` as `fmt` to `out` (a file; for csv a folder or a .zip), or to
    `stream` (default: standard output) when `out` is None."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    count = len(graph)
    if fmt == "csv":
        if out is None:
            raise ExportError("csv export writes two tables: give -o FOLDER or -o FILE.zip")
        target = Path(out)
        nxg = to_networkx(graph, evidence=evidence)
        if target.suffix.lower() == ".zip":
            write_atomic(target, csv_zip(nxg))
            return ExportResult(fmt, (target,), nxg.number_of_edges(), nxg.number_of_nodes())
        if not _is_folder_target(target):
            raise ExportError(f"csv export: -o must be a folder or a .zip file, not {target}")
        nodes, edges = csv_tables(nxg)
        write_atomic(target / "nodes.csv", nodes.encode("utf-8"))
        write_atomic(target / "edges.csv", edges.encode("utf-8"))
        return ExportResult(fmt, (target / "nodes.csv", target / "edges.csv"),
                            nxg.number_of_edges(), nxg.number_of_nodes())
    if fmt in ("trig", "nq"):
        ds = to_dataset(graph)
        data = ds.serialize(format=_RDFLIB_FORMAT[fmt], encoding="utf-8")
        count = sum(1 for _ in ds.quads((None, None, None, None)))
    else:
        data = serialize(graph, fmt, evidence=evidence)
    if out is None:
        sink = stream if stream is not None else sys.stdout.buffer
        sink.write(data)
        sink.flush()
        return ExportResult(fmt, (), count)
    target = Path(out)
    write_atomic(target, data)
    return ExportResult(fmt, (target,), count)


__all__ = [
    "FORMATS",
    "ExportError",
    "ExportResult",
    "article_graphs",
    "csv_tables",
    "dataset_union",
    "export",
    "jsonld_context",
    "serialize",
    "to_dataset",
    "to_networkx",
]
