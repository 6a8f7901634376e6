"""The build: read -> clean -> extract -> resolve -> RDF -> write.

`build(inputs, output_dir) -> BuildResult` is the library entry point that
`kgraph build` calls. A file that cannot be read is reported and skipped; the
other files are still built, and graph.ttl is written atomically.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF

from .cache import FactsCache, default_cache_dir
from .forked import Forked, ForkedError
from .model import Facts, Sentence
from .namespaces import KG
from .outputs import Staging, output_lock
from .parallel import Failure, extract_stream
from .progress import Progress
from .rdf import GraphParts, new_graph, ontology_rows, prefixes, to_rdflib_quads
from .reader import InputError, ReadLog, Source, article_where, find_inputs, iter_articles
from .report import REPORT_NAME, exit_code, make_report, report_bytes
from .resolve import Corpus, resolve

SUMMARY_CLASSES = ("Article", "Country", "Province", "City", "Official", "Organization",
                   "Agreement", "Sector")
# Up to this many articles the page is drawn from the corpus, by a forked child while
# graph.ttl is written; above, graph.ttl is read back for the page once the corpus is
# freed (see build).
PAGE_FROM_CORPUS_MAX_ARTICLES = 20_000


@dataclass(frozen=True, slots=True)
class BuildResult:
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
    _loaded: dict[str, Graph] = field(default_factory=dict, repr=False, compare=False)

    @property
    def graph(self) -> Graph:
        """The graph built, as an rdflib Graph: read from graph.ttl on first use (a large
        build never holds it in rdflib), empty when no article could be read."""
        if "graph" not in self._loaded:
            path = self.outputs.get("graph.ttl")
            self._loaded["graph"] = load_graph(path) if self.articles and path else Graph()
        return self._loaded["graph"]

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
                   cache: FactsCache | None = None, progress: Progress | None = None,
                   slim_facts: bool = False) -> Extraction:
    """Read, clean and extract every input; bad inputs and copies are logged, not raised.

    An article that makes cleaning or extraction fail is skipped and logged like a bad
    file, so one odd text never loses the others. `jobs`: worker processes (None: one
    per core, 1: this process only); `cache`: Facts of articles already extracted;
    `slim_facts`: drop the text resolution does not need (see `slim`).
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
            facts.append(slim(result) if slim_facts else result)
    return Extraction(tuple(facts), log, timings)


_UNCITED = Sentence(0, 0, "")  # stands for every sentence a slimmed Facts dropped


def slim(facts: Facts) -> Facts:
    """Facts with only what resolution and RDF read. A large build holds every article's
    Facts at once, so this drops the article text, the cleaned content, the sentences no
    fact cites, and the repeats of a mention: of each region, body or person read
    several times alike, the first (the graph cites a node's first span in an article,
    and the repeats add nothing else)."""
    doc = facts.document
    if not doc.content and not doc.article.text:
        return facts  # slim already (from the cache's snapshot)
    facts = dataclasses.replace(
        facts, regions=_first_of_each(facts.regions, _REGION_SAME),
        orgs=_first_of_each(facts.orgs, _ORG_SAME),
        officials=_first_of_each(facts.officials, _official_same))
    doc = facts.document
    spans = facts.spans()
    cited = {sp.sentence for sp in spans}
    sentences = doc.sentences
    if any(sp.sentence >= 0 and not sentences[sp.sentence].start <= sp.start <= sp.end
           <= sentences[sp.sentence].end for sp in spans):
        return facts  # a span outside its sentence: its quote needs the full text
    slimmed = dataclasses.replace(
        doc, article=dataclasses.replace(doc.article, text=""), content="", furniture=(),
        sentences=tuple(s if i in cited else _UNCITED for i, s in enumerate(sentences)))
    return dataclasses.replace(facts, document=slimmed)


# What makes two mentions alike: every field but where they were read.
_REGION_SAME = attrgetter("region_id", "surface")
_ORG_SAME = attrgetter("key", "name", "kind", "region_id", "acronym", "surface")
_PERSON_SAME = attrgetter("name", "position", "represents", "default_country", "surface")


def _official_same(ref: Any) -> tuple[Any, ...]:
    return _PERSON_SAME(ref), None if ref.org is None else _ORG_SAME(ref.org)


def _first_of_each(refs: tuple[Any, ...], same: Callable[[Any], Any]) -> tuple[Any, ...]:
    firsts: dict[Any, Any] = {}
    for ref in refs:
        firsts.setdefault(same(ref), ref)
    return refs if len(firsts) == len(refs) else tuple(firsts.values())


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

    Large corpora: `jobs` worker processes extract (None: one per core; 1: none, and
    graph.html is drawn in this process rather than by a forked child);
    `cache` keeps every article's Facts in `cache_dir` (default OUTPUT/.kgraph-cache) so
    that a rebuild re-extracts only new and changed articles; `progress` draws a bar on
    stderr (None: only when stderr is a terminal).
    """
    out = Path(output_dir)
    started = time.time()
    with output_lock(out) as stale, Staging(out) as stage, _no_cycle_collection(), \
            _open_cache(out, cache, cache_dir) as facts_cache, \
            Progress(label="extract", enabled=progress) as bar:
        if bar.enabled:
            bar.total = len(find_inputs(inputs)[0])
        snapshot = facts_cache.use_snapshot() if facts_cache is not None else None
        ex = extract_inputs(inputs, jobs=jobs, cache=facts_cache, progress=bar,
                            slim_facts=True)
        facts, log, timings = list(ex.facts), ex.log, dict(ex.seconds)
        del ex  # `facts` holds them now
        if snapshot is not None and facts_cache is not None:
            behind = snapshot.behind(len(facts))
            snapshot.facts = {}  # from here on `facts` holds what the build needs
            if behind:
                _write_snapshot(snapshot.write, facts_cache, facts)
        articles = len(facts)
        notes = [f"took over the lock of a build that is no longer running (pid "
                 f"{stale.get('pid')})"] if stale else []
        tally = _Tally()
        violations: int | None = None
        if facts:
            t0 = time.perf_counter()
            bar.stage("resolve")
            corpus = resolve(facts)
            # the page: drawn from the corpus by a forked child while graph.ttl is written
            # (each takes a core), or, for a large corpus, read back from graph.ttl once
            # the corpus is freed (the two at once cost too much memory)
            from_corpus = html and articles <= PAGE_FROM_CORPUS_MAX_ARTICLES
            if not from_corpus:
                facts.clear()  # a large corpus: free now what the corpus does not hold
            t1 = time.perf_counter()
            bar.stage("rdf")  # triples stream from the builder into graph.ttl
            if from_corpus:
                ontology_rows()  # parsed once here, before the fork, not in the child
            page = Forked.start(functools.partial(_draw_page, corpus, stage.path(
                "graph.html"))) if from_corpus and jobs != 1 else None
            page_seconds: float | None = None
            try:
                parts = GraphParts(corpus)
                write_turtle(tally(parts.batches()), stage.path("graph.ttl"),
                             tail=tally.fragments(parts.fragments()))
                del parts
                t3 = time.perf_counter()
                t2 = t1 + tally.building
                timings.update({"resolve": t1 - t0, "rdf": t2 - t1, "serialise": t3 - t2})
                bar.stage("html")
                if from_corpus and page is None:  # one process: drawn here
                    page_seconds = _draw_page(corpus, stage.path("graph.html"))
                del corpus  # freed (with `facts`) while the child draws: ~0.3 s at 10k
                facts.clear()
                page_seconds = _child_result(page) if page is not None else page_seconds
            finally:
                if page is not None:
                    page.stop()  # kills the child if still running
            if html:  # with no page yet (a large corpus, or the child failed): from the file
                timings["html"] = page_seconds if page_seconds is not None else \
                    _draw_page_from_file(stage.path("graph.ttl"), stage.path("graph.html"), tally)
            t4 = time.perf_counter()
            if validate:  # SHACL, ontology/shapes.ttl; `kgraph validate` prints the details
                from .validate import validate as shacl_validate  # pySHACL only when asked

                bar.stage("validate")
                violations = len(shacl_validate(load_graph(stage.path("graph.ttl"))).violations)
                timings["validate"] = time.perf_counter() - t4
        else:
            notes.append("no article could be read: graph.ttl and graph.html left as they were")
        counts = tally.counts()
        code = exit_code(articles, len(log.errors))
        outputs = {name: out / name for name in ("graph.ttl", "graph.html") if articles
                   and (name != "graph.html" or html)}
        outputs[REPORT_NAME] = out / REPORT_NAME
        timings["total"] = time.time() - started
        report = make_report(inputs=inputs, output_dir=out, sources=log.sources,
                             errors=log.errors, duplicates=log.duplicates, ignored=log.ignored,
                             articles=articles, triples=tally.triples, nodes=counts,
                             seconds=timings, outputs=outputs, code=code, started=started,
                             notes=notes)
        stage.write_bytes(REPORT_NAME, report_bytes(report))
        stage.commit()
    return BuildResult(articles, tuple(log.errors), tuple(log.duplicates), counts,
                       tally.triples, outputs, timings, tuple(log.sources), report,
                       violations)


class _Tally:
    """Counts the triples streaming from the builder to the writer, and the nodes of
    each summary class; `building` is the time spent in the builder (the rest of the
    stream's time is the writer's)."""

    def __init__(self) -> None:
        self.triples = 0
        self.building = 0.0
        self._types: Counter[str] = Counter()

    def __call__(self, batches: Iterable[Sequence[ox.Triple]]) -> Iterator[ox.Triple]:
        rdf_type, types, clock = str(RDF.type), self._types, time.perf_counter
        source = iter(batches)
        while True:
            started = clock()
            batch = next(source, None)
            self.building += clock() - started
            if batch is None:
                return
            self.triples += len(batch)
            for t in batch:
                if t.predicate.value == rdf_type and isinstance(t.object, ox.NamedNode):
                    types[t.object.value] += 1  # each node is typed once per class
            yield from batch

    def fragments(self, fragments: Iterable[tuple[bytes, int]]) -> Iterator[bytes]:
        for text, triples in fragments:
            self.triples += triples
            yield text

    def counts(self) -> dict[str, int]:
        return {name: self._types[str(KG[name])] for name in SUMMARY_CLASSES}


def _write_snapshot(write: Callable[[list[tuple[str, Facts]]], None], cache: FactsCache,
                    facts: list[Facts]) -> None:
    """The cache's snapshot of this build's slim Facts, by their cache keys."""
    pairs = []
    for f in facts:
        key = cache.key_of(f.document.article)
        if key is None:  # cannot happen: every article went through the cache
            return
        pairs.append((key, f))
    write(pairs)


def _draw_page(corpus: Corpus, path: Path) -> float:
    """graph.html of a corpus, from the rows its graph is made of; the seconds it took.
    The page is the same as the one drawn from graph.ttl (tested)."""
    from .lexicon import lexicon
    from .viz import DEFAULT_OPTIONS, TripleTables, write_html

    started = time.perf_counter()
    sectors = lexicon().sectors
    nodes = sum(map(len, (corpus.documents, corpus.regions, corpus.orgs, corpus.officials,
                          corpus.agreements))) + sum(sid in sectors for sid in corpus.sectors)
    overview = nodes > DEFAULT_OPTIONS.overview_threshold  # as write_html will decide
    tables = TripleTables()
    parts = GraphParts.rows(corpus, overview)  # only what the page shows
    for batch in parts.row_batches():
        tables.extend(batch, shared=True)
    tables.extend(parts.fragment_rows(), shared=True)
    write_html(tables, path, overview=overview or None)
    return time.perf_counter() - started


def _child_result(page: Forked) -> float | None:
    """The seconds the child took to draw the page; None if it failed (the page is then
    drawn again: the build does not fail for the child's sake)."""
    try:
        seconds: float = page.result()
    except ForkedError:
        return None
    return seconds


def _draw_page_from_file(ttl: Path, path: Path, tally: _Tally) -> float:
    """graph.html read back from graph.ttl (only what the overview shows, when the page
    will be one: a large corpus); the seconds it took."""
    from .viz import DEFAULT_OPTIONS, TripleTables, write_html

    started = time.perf_counter()
    overview = sum(tally.counts().values()) > DEFAULT_OPTIONS.overview_threshold
    write_html(TripleTables.from_file(ttl, overview), path, overview=overview or None)
    return time.perf_counter() - started


def write_turtle(triples: Iterable[ox.Triple], path: Path, tail: Iterable[bytes] = ()
                 ) -> None:
    """graph.ttl, written by Oxigraph (10-50 times faster than rdflib's writer), with
    kgraph's prefixes; triples come subject by subject, so Turtle groups them. `tail`:
    Turtle statements to append (the evidence fragments)."""
    with open(path, "wb") as out:
        ox.serialize(triples, out, ox.RdfFormat.TURTLE, prefixes=prefixes())
        out.writelines(tail)


def load_graph(path: str | os.PathLike[str]) -> Graph:
    """A Turtle file as an rdflib Graph, parsed by Oxigraph (rdflib's parser is ~10x
    slower)."""
    graph = new_graph()
    graph.addN(to_rdflib_quads((ox.Triple(q.subject, q.predicate, q.object) for q in
                                ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)),
                               graph))
    return graph


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off while building: a build makes millions of small
    objects that live until its end and form no cycles, and the collector would walk
    them all again and again (it took over half the time of the RDF stage at 10k
    articles)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _open_cache(out: Path, enabled: bool, cache_dir: str | os.PathLike[str] | None
                ) -> contextlib.AbstractContextManager[FactsCache | None]:
    if not enabled:
        return contextlib.nullcontext()
    return FactsCache(Path(cache_dir) if cache_dir is not None else default_cache_dir(out))
