"""SHACL validation: `validate(graph) -> ValidationReport`.

The shapes are `ontology/shapes.ttl`; the ontology `ontology/kgraph.ttl` is passed to
pySHACL as the ontology graph, so that sh:targetClass and sh:class follow
rdfs:subClassOf (a kg:GovernmentAgency is checked as a kg:Organization). No inference
is run by default: RDFS inference would type nodes from the domains and ranges and so
hide the missing types the shapes are meant to catch, and it costs five times as much
(0.8 s instead of 0.16 s on the seeds graph).

Results of severity sh:Violation make a graph non-conforming; sh:Warning results are
reported but the graph still conforms.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.term import Node

from .lexicon import ontology_dir
from .namespaces import KG, PREFIXES

__all__ = [
    "ValidationReport",
    "ValidationResult",
    "load_graph",
    "ontology",
    "shapes",
    "validate",
    "validate_file",
]


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """One SHACL result, in words."""

    severity: str  # "Violation" | "Warning" | "Info"
    focus: str  # the focus node IRI (or blank node id)
    focus_label: str  # its rdfs:label / skos:prefLabel, or its compact IRI
    path: str  # the property path, compact ("kg:represents", "^kg:hasStage", ...)
    message: str
    value: str | None  # the offending value, when there is one
    articles: tuple[str, ...]  # file names of the articles the focus node comes from
    constraint: str  # e.g. "MinCountConstraintComponent"

    def line(self) -> str:
        """One readable line: severity, focus node, path, message, source articles."""
        where = f" [{self.path}]" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        source = ", ".join(self.articles) if self.articles else "no source article"
        return (f"{self.severity.upper()}: {self.focus_label}{where}: {self.message}{value}"
                f" — from {source}")


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    results: tuple[ValidationResult, ...]
    seconds: float
    triples: int

    @property
    def violations(self) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity == "Violation")

    @property
    def warnings(self) -> tuple[ValidationResult, ...]:
        return tuple(r for r in self.results if r.severity != "Violation")

    def summary(self) -> str:
        verdict = "conforms" if self.conforms else "does not conform"
        return (f"{verdict}: {len(self.violations)} violation(s), {len(self.warnings)} "
                f"warning(s) in {self.triples} triples ({self.seconds:.2f} s)")

    def text(self) -> str:
        """The whole report: one line per result (violations first), then the summary."""
        ordered = sorted(self.results, key=lambda r: (r.severity != "Violation",
                                                      r.focus_label, r.path, r.message))
        return "\n".join([*(r.line() for r in ordered), self.summary()])


@lru_cache(maxsize=4)
def _parse_cached(path: str, mtime: float) -> Graph:
    del mtime  # part of the cache key only: an edited file is read again
    g = Graph()
    g.parse(path, format="turtle")
    return g


def shapes(path: str | os.PathLike[str] | None = None) -> Graph:
    """The SHACL shapes graph (default: ontology/shapes.ttl)."""
    p = Path(path) if path else ontology_dir() / "shapes.ttl"
    return _parse_cached(str(p), p.stat().st_mtime)


def ontology(path: str | os.PathLike[str] | None = None) -> Graph:
    """The OWL ontology graph (default: ontology/kgraph.ttl)."""
    p = Path(path) if path else ontology_dir() / "kgraph.ttl"
    return _parse_cached(str(p), p.stat().st_mtime)


def load_graph(path: str | os.PathLike[str]) -> Graph:
    """Read a graph file (Turtle, or any format rdflib guesses from the extension).

    Raises OSError when the file cannot be read and ValueError when it cannot be parsed.
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no such graph file")
    g = Graph()
    fmt = "turtle" if p.suffix.lower() in {".ttl", ".turtle"} else None
    try:
        g.parse(p, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific exception types
        detail = " ".join(str(exc).split())[:200]
        raise ValueError(f"{p}: not a readable RDF graph ({type(exc).__name__}: {detail})") from exc
    return g


def validate(graph: Graph, *, shapes_graph: Graph | None = None,
             ontology_graph: Graph | None = None, inference: str = "none") -> ValidationReport:
    """Validate `graph` against the kgraph shapes; never modifies `graph`."""
    import pyshacl  # slow import: only when validating

    t0 = time.perf_counter()
    conforms, results_graph, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph if shapes_graph is not None else shapes(),
        ont_graph=ontology_graph if ontology_graph is not None else ontology(),
        inference=None if inference == "none" else inference,
        allow_warnings=True,
        abort_on_first=False,
    )
    # top-level results only: sh:detail results nested under an sh:node result repeat it
    report = results_graph.value(predicate=RDF.type, object=SH.ValidationReport, any=False)
    results = tuple(_result(graph, results_graph, r)
                    for r in results_graph.objects(report, SH.result))
    return ValidationReport(bool(conforms), results, time.perf_counter() - t0, len(graph))


def validate_file(path: str | os.PathLike[str], **kwargs) -> ValidationReport:
    return validate(load_graph(path), **kwargs)


# ---------------------------------------------------------------- rendering
def _result(data: Graph, rg: Graph, r: Node) -> ValidationResult:
    focus = rg.value(r, SH.focusNode)
    path = rg.value(r, SH.resultPath)
    severity = rg.value(r, SH.resultSeverity)
    message = rg.value(r, SH.resultMessage)
    value = rg.value(r, SH.value)
    component = rg.value(r, SH.sourceConstraintComponent)
    return ValidationResult(
        severity=_local(severity) if severity is not None else "Violation",
        focus=str(focus),
        focus_label=node_label(data, focus),
        path=_path(rg, path) if path is not None else "",
        message=str(message) if message is not None else _local(component),
        value=None if value is None or value == focus else _value(data, value),
        articles=source_articles(data, focus),
        constraint=_local(component) if component is not None else "",
    )


def _local(node: Node | None) -> str:
    s = str(node or "")
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def compact(graph: Graph, node: Node) -> str:
    """A readable name for an IRI: kg:represents, kgr:person/akmal-malik, ..."""
    if isinstance(node, URIRef):
        s = str(node)
        best = ""
        for prefix, ns in PREFIXES.items():
            if s.startswith(str(ns)) and len(str(ns)) > len(best):
                best = str(ns)
                name = f"{prefix}:{s[len(best):]}"
        return name if best else f"<{s}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    return repr(str(node))


def node_label(graph: Graph, node: Node | None) -> str:
    """'Akmal Malik (kgr:person/akmal-malik)', or the compact IRI when there is no label."""
    if node is None:
        return "?"
    name = compact(graph, node)
    rank = {None: 0, "en": 1, "id": 2}
    for prop in (RDFS.label, SKOS.prefLabel):
        labels = list(graph.objects(node, prop))
        if labels:  # a plain label first, then English, then Indonesian, then any
            chosen = min(labels, key=lambda lab: (rank.get(getattr(lab, "language", None), 3),
                                                  str(lab)))
            return f"{chosen} ({name})"
    return name


def source_articles(graph: Graph, node: Node | None) -> tuple[str, ...]:
    """File names of the articles a node was read in (kg:mentionedIn, or kg:inArticle)."""
    if node is None:
        return ()
    articles = set(graph.objects(node, KG.mentionedIn)) | set(graph.objects(node, KG.inArticle))
    names = set()
    for a in articles:
        fname = graph.value(a, KG.fileName)
        names.add(str(fname) if fname is not None else compact(graph, a))
    return tuple(sorted(names))


def _value(graph: Graph, value: Node) -> str:
    if isinstance(value, Literal):
        return repr(str(value))
    return node_label(graph, value)


def _path(rg: Graph, path: Node) -> str:
    """SHACL property path in SPARQL-like syntax."""
    if isinstance(path, URIRef):
        return compact(rg, path)
    if (path, RDF.first, None) in rg:
        return "/".join(_path(rg, p) for p in Collection(rg, path))
    for pred, fmt in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "({})*"),
                      (SH.oneOrMorePath, "({})+"), (SH.zeroOrOnePath, "({})?")):
        inner = rg.value(path, pred)
        if inner is not None:
            return fmt.format(_path(rg, inner))
    alt = rg.value(path, SH.alternativePath)
    if alt is not None:
        return "(" + "|".join(_path(rg, p) for p in Collection(rg, alt)) + ")"
    return compact(rg, path)
