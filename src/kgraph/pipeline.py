"""The build: read -> clean -> extract -> resolve -> RDF -> write.

`build(inputs, output_dir) -> BuildResult` is the library entry point that
`kgraph build` calls. A file that cannot be read is reported and skipped; the
other files are still built, and graph.ttl is written atomically.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF

from .cache import FactsCache, default_cache_dir
from .model import Facts
from .namespaces import KG, PREFIXES
from .outputs import Staging, output_lock
from .parallel import Failure, extract_stream
from .progress import Progress
from .rdf import to_rdf
from .reader import InputError, ReadLog, Source, article_where, find_inputs, iter_articles
from .report import REPORT_NAME, exit_code, make_report, report_bytes
from .resolve import resolve

SUMMARY_CLASSES = ("Article", "Country", "Province", "City", "Official", "Organization",
                   "Agreement", "Sector")


@dataclass(frozen=True, slots=True)
class BuildResult:
    graph: Graph
    articles: int
    errors: tuple[InputError, ...]
    duplicates: tuple[tuple[str, str], ...]  # (skipped file, the file with the same text)
    counts: dict[str, int]
    triples: int
    outputs: dict[str, Path]
    seconds: dict[str, float] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()  # the files read
    report: dict[str, object] = field(default_factory=dict)  # as in build-report.json
    violations: int | None = None  # SHACL violations of graph.ttl; None: not validated

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def exit_code(self) -> int:
        """0 all read; 3 some inputs skipped (the rest built); 2 no usable article."""
        return exit_code(self.articles, len(self.errors))


@dataclass(frozen=True, slots=True)
class Extraction:
    facts: tuple[Facts, ...]
    log: ReadLog
    seconds: dict[str, float]


def extract_inputs(inputs: Sequence[str | os.PathLike[str]], *, jobs: int | None = None,
                   cache: FactsCache | None = None, progress: Progress | None = None
                   ) -> Extraction:
    """Read, clean and extract every input; bad inputs and copies are logged, not raised.

    An article that makes cleaning or extraction fail is skipped and logged like a bad
    file, so one odd text never loses the others. `jobs`: worker processes (None: one
    per core, 1: this process only); `cache`: Facts of articles already extracted.
    """
    log = ReadLog()
    facts: list[Facts] = []
    timings = {"read": 0.0, "extract": 0.0}
    articles = iter_articles(inputs, log)
    for article, result in extract_stream(articles, jobs=jobs, cache=cache,
                                          progress=progress, timings=timings):
        if isinstance(result, Failure):  # a bug met on this text: report it, build the rest
            log.errors.append(InputError(
                article_where(article), f"could not be processed ({result.error}: "
                f"{result.message[:120]}); please report this as a kgraph bug",
                "internal-error"))
        else:
            facts.append(result)
    return Extraction(tuple(facts), log, timings)


def extract_all(inputs: Sequence[str | os.PathLike[str]], *, jobs: int | None = None,
                cache: FactsCache | None = None):
    """Read and extract every input; returns (facts, errors, duplicates, timings)."""
    ex = extract_inputs(inputs, jobs=jobs, cache=cache)
    return list(ex.facts), list(ex.log.errors), list(ex.log.duplicates), Counter(ex.seconds)


def build(inputs: Sequence[str | os.PathLike[str]] = ("seeds",),
          output_dir: str | os.PathLike[str] = "output", *, html: bool = True,
          validate: bool = True, jobs: int | None = None, cache: bool = True,
          cache_dir: str | os.PathLike[str] | None = None,
          progress: bool | None = None) -> BuildResult:
    """Build the knowledge graph of `inputs` into `output_dir` (graph.ttl, graph.html).

    Also writes build-report.json. All output files are replaced together or not at all:
    an error midway leaves the previous outputs as they were. When no article at all can
    be read, graph.ttl and graph.html are left untouched. Raises outputs.OutputBusy when
    another build is writing into `output_dir`.

    Large corpora: `jobs` worker processes extract (None: one per core; 1: none);
    `cache` keeps every article's Facts in `cache_dir` (default OUTPUT/.kgraph-cache) so
    that a rebuild re-extracts only new and changed articles; `progress` draws a bar on
    stderr (None: only when stderr is a terminal).
    """
    out = Path(output_dir)
    started = time.time()
    with output_lock(out) as stale, Staging(out) as stage, \
            _open_cache(out, cache, cache_dir) as facts_cache, \
            Progress(label="extract", enabled=progress) as bar:
        if bar.enabled:
            bar.total = len(find_inputs(inputs)[0])
        ex = extract_inputs(inputs, jobs=jobs, cache=facts_cache, progress=bar)
        facts, log = list(ex.facts), ex.log
        timings: dict[str, float] = dict(ex.seconds)
        notes = [f"took over the lock of a build that is no longer running (pid "
                 f"{stale.get('pid')})"] if stale else []
        graph = Graph()
        violations: int | None = None
        if facts:
            t0 = time.perf_counter()
            bar.stage("resolve")
            corpus = resolve(facts)
            t1 = time.perf_counter()
            bar.stage("rdf")
            graph = to_rdf(corpus)
            del corpus  # the graph has it all now
            t2 = time.perf_counter()
            bar.stage("write")
            stage.write_bytes("graph.ttl", turtle_bytes(graph))
            t3 = time.perf_counter()
            if html:
                from .viz import write_html  # pyvis/networkx only when drawing

                bar.stage("html")
                write_html(graph, stage.path("graph.html"))
            t4 = time.perf_counter()
            timings.update({"resolve": t1 - t0, "rdf": t2 - t1, "serialise": t3 - t2,
                            "html": t4 - t3})
            if validate:  # SHACL, ontology/shapes.ttl; `kgraph validate` prints the details
                from .validate import validate as shacl_validate  # pySHACL only when asked

                bar.stage("validate")
                violations = len(shacl_validate(graph).violations)
                timings["validate"] = time.perf_counter() - t4
        else:
            notes.append("no article could be read: graph.ttl and graph.html left as they were")
        counts = count_classes(graph)
        code = exit_code(len(facts), len(log.errors))
        outputs = {name: out / name for name in ("graph.ttl", "graph.html") if facts
                   and (name != "graph.html" or html)}
        outputs[REPORT_NAME] = out / REPORT_NAME
        timings["total"] = time.time() - started
        report = make_report(inputs=inputs, output_dir=out, sources=log.sources,
                             errors=log.errors, duplicates=log.duplicates, ignored=log.ignored,
                             articles=len(facts), triples=len(graph), nodes=counts,
                             seconds=timings, outputs=outputs, code=code, started=started,
                             notes=notes)
        stage.write_bytes(REPORT_NAME, report_bytes(report))
        stage.commit()
    return BuildResult(graph, len(facts), tuple(log.errors), tuple(log.duplicates), counts,
                       len(graph), outputs, timings, tuple(log.sources), report,
                       violations)


def count_classes(graph: Graph) -> dict[str, int]:
    return {name: len(set(graph.subjects(RDF.type, KG[name]))) for name in SUMMARY_CLASSES}


# ---------------------------------------------------------------------- large corpora
FAST_TURTLE_MIN_TRIPLES = 50_000  # from here on graph.ttl is written by Oxigraph


def _open_cache(out: Path, enabled: bool, cache_dir: str | os.PathLike[str] | None
                ) -> contextlib.AbstractContextManager[FactsCache | None]:
    if not enabled:
        return contextlib.nullcontext()
    return FactsCache(Path(cache_dir) if cache_dir is not None else default_cache_dir(out))


def turtle_bytes(graph: Graph, *, fast: bool | None = None) -> bytes:
    """graph.ttl's content. rdflib's writer for small graphs; from FAST_TURTLE_MIN_TRIPLES
    triples (or with `fast=True`) Oxigraph's, 10-50 times faster: the same triples and
    the same prefixes, subjects in the order they were added. Falls back to rdflib for a
    term Oxigraph refuses (an IRI with a space, say)."""
    if fast is None:
        fast = len(graph) >= FAST_TURTLE_MIN_TRIPLES
    if fast:
        try:
            return _oxigraph_turtle(graph)
        except (ImportError, ValueError, TypeError):
            pass
    return graph.serialize(format="turtle").encode("utf-8")


def _oxigraph_turtle(graph: Graph) -> bytes:
    import pyoxigraph as ox  # only for large graphs

    named, blank, literal, triple = ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple
    iris: dict[str, Any] = {}

    def iri(t: str) -> Any:  # one NamedNode per distinct IRI
        o = iris.get(t)
        if o is None:
            o = iris[t] = named(t)
        return o

    def node(t: object) -> Any:
        if type(t) is URIRef:
            return iri(t)
        if isinstance(t, Literal):
            if t.language:
                return literal(str(t), language=t.language)
            return literal(str(t), datatype=iri(t.datatype)) if t.datatype else literal(str(t))
        if isinstance(t, BNode):
            return blank(str(t))
        return iri(str(t))

    def triples():
        last: object = None
        ts: Any = None
        for s, p, o in _grouped_triples(graph):
            if s is not last:
                last, ts = s, node(s)
            yield triple(ts, iri(p), node(o))

    data = ox.serialize(triples(), format=ox.RdfFormat.TURTLE, prefixes=_prefixes(graph))
    return bytes(data or b"")


def _grouped_triples(graph: Graph):
    """The graph's triples, subject by subject (so Turtle writes "s p o ; p o .")."""
    spo = getattr(graph.store, "_Memory__spo", None)  # rdflib's Memory index: 10x faster
    if isinstance(spo, dict) and sum(len(objs) for po in spo.values()
                                     for objs in po.values()) == len(graph):
        for s, po in spo.items():
            for p, objs in po.items():
                for o in objs:
                    yield s, p, o
        return
    for s in graph.subjects(unique=True):
        for p, o in graph.predicate_objects(s):
            yield s, p, o


def _prefixes(graph: Graph) -> dict[str, str]:
    """The graph's prefixes, without the ones rdflib binds on its own that kgraph never
    asked for (rdflib's own writer drops unused prefixes; Oxigraph writes all it gets)."""
    defaults = {(p, str(ns)) for p, ns in Graph().namespaces()}
    return {p: str(ns) for p, ns in graph.namespaces()
            if p and (p in PREFIXES or (p, str(ns)) not in defaults)}
