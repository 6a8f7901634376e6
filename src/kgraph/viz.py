"""graph.html: one self-contained, offline, interactive page of the knowledge graph.

`write_html(graph, path)` turns an rdflib Graph or a pyoxigraph Store (its default
graph: instance data plus, optionally, the ontology) into a single HTML file holding
vis-network (inlined from the pyvis package: pyvis's own templates link CDNs and its
`add_edge` is quadratic, so only its copy of the library is used), a JSON payload of
nodes, edges and per-node details, and a small app (templates/graph.js) for the
legend, search, filters and detail panel. Both give the same page for the same triples.

Only the predicates the page uses are read (`GraphData`), each once, into plain str
tables: from a Store with `quads_for_pattern`, from an rdflib in-memory graph through
its own predicate index. Everything shown is sorted, never left in store order.

Evidence, agreement stages and ontology terms are not drawn: they are folded into
the detail panel of the node they belong to. Article text reaches the page only
as JSON data and is only ever put into the DOM with textContent. Above
`layout_threshold` nodes the positions are computed here and physics is off;
above `overview_threshold` only regions, agreements and sectors are drawn.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import html
import importlib.util
import json
import math
import os
import random
import re
import tempfile
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Node

from .namespaces import KG, OA, SCHEMA, resource

if TYPE_CHECKING:
    import pyoxigraph


# ---------------------------------------------------------------- vocabulary tables
@dataclass(frozen=True, slots=True)
class ClassStyle:
    key: str      # local name in the kg: namespace
    family: str   # legend group; the overview keeps the Region, Agreement and Sector families
    shape: str    # a vis-network shape drawn with its label outside, so size can follow degree
    color: str


# Most specific first: a node is drawn as the first of these classes it has.
# (Agreements take kg:kind, the most advanced kind reached, before rdf:type.)
CLASS_STYLES: tuple[ClassStyle, ...] = (
    ClassStyle("Country", "Region", "star", "#dc2626"),
    ClassStyle("Province", "Region", "hexagon", "#ea580c"),
    ClassStyle("City", "Region", "hexagon", "#eab308"),
    ClassStyle("Official", "Agent", "dot", "#2563eb"),
    ClassStyle("DiplomaticMission", "Agent", "square", "#0284c7"),
    ClassStyle("GovernmentAgency", "Agent", "square", "#0d9488"),
    ClassStyle("Company", "Agent", "square", "#4d7c0f"),
    ClassStyle("BusinessAssociation", "Agent", "square", "#16a34a"),
    ClassStyle("University", "Agent", "square", "#0e7490"),
    ClassStyle("Organization", "Agent", "square", "#475569"),
    ClassStyle("SisterRelationship", "Agreement", "diamond", "#db2777"),
    ClassStyle("MemorandumOfAgreement", "Agreement", "diamond", "#581c87"),
    ClassStyle("MemorandumOfUnderstanding", "Agreement", "diamond", "#7e22ce"),
    ClassStyle("LetterOfIntent", "Agreement", "diamond", "#9333ea"),
    ClassStyle("Offer", "Agreement", "diamond", "#c084fc"),
    ClassStyle("Agreement", "Agreement", "diamond", "#a855f7"),
    ClassStyle("Sector", "Sector", "triangle", "#92400e"),
    ClassStyle("Article", "Article", "dot", "#94a3b8"),
)
FAMILY_TITLES = {"Region": "Regions", "Agent": "Officials and organizations",
                 "Agreement": "Agreements, by most advanced kind", "Sector": "Sectors",
                 "Article": "Sources"}
OVERVIEW_FAMILIES = frozenset({"Region", "Agreement", "Sector"})
CLASS_INDEX = {c.key: i for i, c in enumerate(CLASS_STYLES)}
_FAMILY = {c.key: c.family for c in CLASS_STYLES}
_AGREEMENT_KEYS = frozenset(c.key for c in CLASS_STYLES if c.family == "Agreement")


@dataclass(frozen=True, slots=True)
class RelationStyle:
    key: str          # local name in the kg: namespace
    out_title: str    # detail-panel heading, seen from the subject
    in_title: str     # ... and from the object
    color: str
    width: float
    dashes: tuple[int, ...] = ()
    provenance: bool = False  # provenance edges do not count towards node size or layout


RELATION_STYLES: tuple[RelationStyle, ...] = (
    RelationStyle("party", "Parties", "Party in", "#7e22ce", 2.4),
    RelationStyle("sector", "Sectors", "Cooperation in this sector", "#92400e", 1.2, (6, 4)),
    RelationStyle("represents", "Represents", "Represented by", "#2563eb", 1.4),
    RelationStyle("memberOf", "Member of", "Members", "#0d9488", 1.2, (2, 3)),
    RelationStyle("region", "Region", "Bodies of this region", "#0f766e", 1.0, (9, 3, 2, 3)),
    RelationStyle("locatedIn", "Located in", "Contains", "#ea580c", 1.8, (1, 4)),
    RelationStyle("datelinePlace", "Dateline", "Dateline of", "#94a3b8", 0.8, (2, 5), True),
    RelationStyle("mentionedIn", "Mentioned in", "Mentions", "#cbd5e1", 0.6, (), True),
)

# Literal properties shown as "identifiers" in the detail panel: (predicate, heading).
IDENTIFIERS: tuple[tuple[URIRef, str], ...] = (
    (KG.isoCode, "ISO 3166"),
    (KG.regionCode, "Kemendagri code"),
    (KG.geonamesId, "GeoNames id"),
    (KG.fileName, "File"),
    (KG.outlet, "Outlet"),
    (DCTERMS.date, "Published"),
    (KG.datelineText, "Dateline"),
)


@dataclass(frozen=True, slots=True)
class VizOptions:
    layout_threshold: int = 1500      # more drawn nodes: positions computed here, physics off
    overview_threshold: int = 6000    # more nodes in the full view: overview unless told otherwise
    stabilization_iterations: int = 200   # at most; fewer on bigger graphs, see below
    physics_budget: int = 40_000      # nodes x iterations: under 2 s of stabilisation in Chromium
    max_sentences: int = 40           # source sentences kept per node
    max_refs: int = 30                # names of undrawn neighbours kept per relation
    label_chars: int = 42             # canvas labels are cut here (the panel shows them whole)
    title: str = "kgraph: regional cooperation"


DEFAULT_OPTIONS = VizOptions()


# ---------------------------------------------------------------- reading the graph
# Inside, IRIs (and blank-node ids) are plain str and an object is its IRI or its lexical
# form: rdflib terms hash and compare in Python, and building them for a million triples
# took most of the time. Only the predicates the page needs are read, each once, straight
# from the rdflib store's index or from Oxigraph; nothing is converted as a whole.
_KG = str(KG)
P_TYPE = str(RDF.type)
P_ALT = str(SKOS.altLabel)
P_KIND = str(KG.kind)
P_POSITION = str(KG.position)
P_STATUS = str(KG.status)
P_DATE = str(KG.date)
P_URL = str(SCHEMA.url)
P_HAS_STAGE = str(KG.hasStage)
P_STAGE_KIND = str(KG.stageKind)
P_MENTIONED_IN = str(KG.mentionedIn)
P_EVIDENCE = str(KG.evidence)
P_IN_ARTICLE = str(KG.inArticle)
P_SENTENCE = str(KG.sentence)
P_QUOTE = str(KG.quote)
P_START = str(OA.start)
P_LABEL = str(RDFS.label)
LABEL_PREDICATES = (str(SKOS.prefLabel), P_LABEL, str(DCTERMS.title))  # preferred first
RELATION_PREDICATES = tuple(_KG + r.key for r in RELATION_STYLES)
_LANG_RANK = {"id": 0, "": 1, "en": 2}  # the main name: Indonesian, untagged, else English

GraphSource = Union[Graph, "pyoxigraph.Store", "TripleTables"]


class _RdflibSource:
    """Triples of an rdflib Graph by predicate; from the in-memory store's own index when
    the graph is the store's only content (its public `triples()` costs about 5 µs a
    triple in context bookkeeping), else through `triples()`."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.pos: dict[Any, dict[Any, Any]] | None = None
        store = graph.store
        if type(graph) is Graph and type(store) is Memory:
            pos = getattr(store, "_Memory__pos", None)
            if isinstance(pos, dict) and len(store) == len(graph):
                self.pos = pos

    def __len__(self) -> int:
        return len(self.graph)

    def _triples(self, pred: str, obj: Node | None = None) -> Iterator[tuple[Node, Node]]:
        p = URIRef(pred)
        if self.pos is None:
            return ((s, o) for s, _, o in self.graph.triples((None, p, obj)))
        by_obj = self.pos.get(p, {})
        if obj is not None:
            return ((s, obj) for s in by_obj.get(obj, ()))
        return ((s, o) for o, subjects in by_obj.items() for s in subjects)

    def pairs(self, pred: str) -> Iterable[tuple[str, str]]:
        return [(str(s), str(o)) for s, o in self._triples(pred)]

    def literals(self, pred: str) -> Iterable[tuple[str, str, str]]:
        return [(str(s), str(o), (o.language or "").lower()) for s, o in self._triples(pred)
                if isinstance(o, Literal)]

    def subjects(self, pred: str, obj: str) -> Iterable[str]:
        return [str(s) for s, _ in self._triples(pred, URIRef(obj))]


_SUBJECT_OBJECT = attrgetter("subject.value", "object.value")
_SUBJECT = attrgetter("subject.value")


class _OxigraphSource:
    """Triples of a pyoxigraph Store's default graph by predicate (about 1 µs a triple)."""

    def __init__(self, store: pyoxigraph.Store) -> None:
        import pyoxigraph as ox

        self.store, self.ox, self.default = store, ox, ox.DefaultGraph()

    def __len__(self) -> int:
        rows = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return next(int(row[0].value) for row in rows)  # type: ignore[union-attr]

    def _quads(self, pred: str, obj: str | None = None) -> Iterator[pyoxigraph.Quad]:
        return iter(self.store.quads_for_pattern(
            None, self.ox.NamedNode(pred), None if obj is None else self.ox.NamedNode(obj),
            self.default))

    def pairs(self, pred: str) -> Iterable[tuple[str, str]]:
        return map(_SUBJECT_OBJECT, self._quads(pred))

    def literals(self, pred: str) -> Iterable[tuple[str, str, str]]:
        lit = self.ox.Literal
        return [(q.subject.value, o.value, (o.language or "").lower())  # type: ignore[union-attr]
                for q in self._quads(pred) if type(o := q.object) is lit]

    def subjects(self, pred: str, obj: str) -> Iterable[str]:
        return map(_SUBJECT, self._quads(pred, obj))


class TripleTables:
    """A graph read into tables by predicate, with plain strings: what the page reads.

    Filled from a graph file (`from_file`: one pass of Oxigraph's parser, no store) or
    while a build writes its graph (`add_triples`, `add`), so a build never reads back
    what it has just written. Objects are kept with their language: None for an IRI,
    "" for a literal without one."""

    # never shown on the page: not kept
    SKIPPED = frozenset({str(OA.end), str(KG.contentHash)})

    def __init__(self, overview_only: bool = False) -> None:
        self.tables: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
        self.count = 0
        self._names: dict[str, str] = {}
        # overview_only: keep only what the overview page shows (see `from_file`)
        self.overview_only = overview_only
        self._undrawn: set[str] = set()
        self._cited: set[str] = set()

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], overview_only: bool = False
                  ) -> TripleTables:
        """A Turtle (or, by its suffix, N-Triples) file.

        `overview_only`: for a page drawn as an overview (of a large graph), leave out the
        provenance of the nodes it does not draw (officials, bodies, articles: their
        evidence, mentions, other names and positions) and the evidence nobody kept
        cites. This needs a node's rdf:type before its other triples and an evidence
        node after its citation, as graph.ttl of a build has them."""
        import pyoxigraph as ox

        fmt = ox.RdfFormat.N_TRIPLES if str(path).lower().endswith(".nt") else \
            ox.RdfFormat.TURTLE
        tables = cls(overview_only)
        tables.add_triples(ox.parse(path=str(path), format=fmt))
        return tables

    def add_triples(self, triples: Iterable[Any]) -> None:
        """pyoxigraph triples or quads (their graph is ignored)."""
        for _ in self.tee(triples):
            pass

    def tee(self, triples: Iterable[Any]) -> Iterator[Any]:
        """The triples, unchanged, kept on the way through."""
        import pyoxigraph as ox

        literal = ox.Literal
        batch: list[tuple[str, str, str, str | None]] = []
        for t in triples:
            o = t.object
            if type(o) is literal:
                batch.append((t.subject.value, t.predicate.value, o.value, o.language or ""))
            else:
                batch.append((t.subject.value, t.predicate.value, o.value, None))
            if len(batch) == 4096:
                self.extend(batch)
                batch = []
            yield t
        self.extend(batch)

    def add(self, s: str, p: str, o: str, lang: str | None) -> None:
        self.extend(((s, p, o, lang),))

    def extend(self, rows: Iterable[tuple[str, str, str, str | None]], *,
               shared: bool = False) -> None:
        """(subject, predicate, object, language) rows: language None for an IRI, "" for
        a literal without one. `shared`: the rows come from kgraph's builder, which
        makes each IRI one str already (no need to share them here), and kept only
        what the page shows (no overview filter)."""
        tables, names, skipped = self.tables, self._names, self.SKIPPED
        if shared:
            seen = 0
            for s, p, o, lang in rows:
                seen += 1
                if p not in skipped:
                    tables[p].append((s, o, lang))
            self.count += seen
            return
        overview, seen = self.overview_only, 0
        for s, p, o, lang in rows:
            seen += 1
            if p in skipped or (overview and not self._in_overview(s, p, o)):
                continue
            s = names.setdefault(s, s)  # one str per IRI: subjects recur on every triple
            if lang is None:
                o = names.setdefault(o, o)
            tables[p].append((s, o, lang))
        self.count += seen

    def _in_overview(self, s: str, p: str, o: str) -> bool:
        if p == P_TYPE and o in _UNDRAWN_CLASSES:
            self._undrawn.add(s)
        elif s in self._undrawn:
            return p not in _UNDRAWN_DETAILS
        elif p == P_EVIDENCE:
            self._cited.add(o)
        elif s.startswith(_EVIDENCE_IRI):
            return s in self._cited
        return True


_UNDRAWN_CLASSES = frozenset(_KG + c.key for c in CLASS_STYLES
                             if c.family not in OVERVIEW_FAMILIES)
_UNDRAWN_DETAILS = frozenset({str(KG.evidence), str(KG.mentionedIn), str(SKOS.altLabel),
                              str(KG.position)})
_EVIDENCE_IRI = resource("evidence", "")


class _TableSource:
    """Triples of TripleTables by predicate."""

    def __init__(self, tables: TripleTables) -> None:
        self.tables = tables.tables
        self.count = tables.count
        self._by_object: dict[str, dict[str, list[str]]] = {}

    def __len__(self) -> int:
        return self.count

    def pairs(self, pred: str) -> Iterable[tuple[str, str]]:
        return [(s, o) for s, o, _ in self.tables.get(pred, ())]

    def literals(self, pred: str) -> Iterable[tuple[str, str, str]]:
        return [(s, o, lang.lower()) for s, o, lang in self.tables.get(pred, ())
                if lang is not None]

    def subjects(self, pred: str, obj: str) -> Iterable[str]:
        index = self._by_object.get(pred)
        if index is None:  # asked once per class for rdf:type: index it
            index = self._by_object[pred] = defaultdict(list)
            for s, o, lang in self.tables.get(pred, ()):
                if lang is None:
                    index[o].append(s)
        return index.get(obj, [])


class GraphData:
    """What the page and `kgraph stats` read from a graph, one predicate at a time.

    `source`: an rdflib Graph or a pyoxigraph Store (its default graph) holding the
    instance data and, optionally, the ontology. The drawn nodes (`classes`) are read at
    once; every other table on first use. Tables map a subject to its objects in no
    particular order: whatever is shown is sorted, so a Graph and a Store of the same
    triples give the same page.
    """

    def __init__(self, source: GraphSource) -> None:
        self.src: _RdflibSource | _OxigraphSource | _TableSource
        if isinstance(source, Graph):
            self.src = _RdflibSource(source)
        elif isinstance(source, TripleTables):
            self.src = _TableSource(source)
        elif _is_oxigraph_store(source):
            self.src = _OxigraphSource(source)
        else:
            raise TypeError(f"expected an rdflib Graph, a pyoxigraph Store or TripleTables, not "
                            f"{type(source).__name__}")
        self._values: dict[str, dict[str, list[str]]] = {}
        self._first: dict[str, dict[str, str]] = {}
        self._literals: dict[str, dict[str, list[tuple[str, str]]]] = {}
        self._labels: dict[str, list[tuple[str, str]]] | None = None
        self._main: dict[str, str] = {}
        self.classes: dict[str, str] = self._read_classes()

    def __len__(self) -> int:
        return len(self.src)

    def values(self, pred: str) -> dict[str, list[str]]:
        """subject -> objects (IRIs or lexical forms) of `pred`."""
        table = self._values.get(pred)
        if table is None:
            table = self._values[pred] = {}
            for s, o in self.src.pairs(pred):
                got = table.get(s)
                if got is None:
                    table[s] = [o]
                else:
                    got.append(o)
        return table

    def first(self, pred: str) -> dict[str, str]:
        """subject -> the (smallest) object of a predicate that has one per subject."""
        table = self._first.get(pred)
        if table is None:
            pairs = list(self.src.pairs(pred))
            table = dict(pairs)
            if len(table) < len(pairs):  # several for a subject: not the store's order
                for s, o in pairs:
                    if o < table[s]:
                        table[s] = o
            self._first[pred] = table
        return table

    def literals(self, pred: str) -> dict[str, list[tuple[str, str]]]:
        """subject -> (stripped text, language tag or '') of the literal objects, sorted."""
        table = self._literals.get(pred)
        if table is None:
            table = self._literals[pred] = {}
            for s, text, lang in self.src.literals(pred):
                table.setdefault(s, []).append((text.strip(), lang))
            for texts in table.values():
                texts.sort()
        return table

    def _read_classes(self) -> dict[str, str]:
        classes: dict[str, str] = {}
        agreements: list[str] = []
        for style in CLASS_STYLES:  # most specific first: the first class found is kept
            found = self.src.subjects(P_TYPE, _KG + style.key)
            if style.key == "Agreement":
                found = agreements = list(found)
            for s in found:
                classes.setdefault(s, style.key)
        if agreements:  # an agreement is drawn as the most advanced kind it reached
            kinds = self.values(P_KIND)
            for s in agreements:
                reached = [k[len(_KG):] for k in kinds.get(s, ()) if k.startswith(_KG)
                           and k[len(_KG):] in _AGREEMENT_KEYS]
                if reached:
                    classes[s] = min(reached, key=CLASS_INDEX.__getitem__)
        return classes

    def labels(self) -> dict[str, list[tuple[str, str]]]:
        """subject -> (text, language) of skos:prefLabel, rdfs:label then dcterms:title."""
        if self._labels is None:
            merged: dict[str, list[tuple[str, str]]] = {}
            for pred in LABEL_PREDICATES:
                for s, texts in self.literals(pred).items():
                    merged.setdefault(s, []).extend(texts)
            self._labels = merged
        return self._labels

    def main_name(self, node: str) -> str:
        """Names.main, without building the rest (for neighbours that are not drawn)."""
        name = self._main.get(node)
        if name is None:
            best, rank = None, 3
            for text, lang in self.labels().get(node, ()):
                r = _LANG_RANK.get(lang, 3)
                if text and r < rank:
                    best, rank = text, r
                    if r == 0:
                        break
            name = self._main[node] = best or _local_name(node)
        return name

    def names(self, node: str) -> Names:
        by_lang: dict[str, list[str]] = {}
        for text, lang in self.labels().get(node, ()):
            texts = by_lang.setdefault(lang, [])
            if text and text not in texts:
                texts.append(text)
        ordered = [*by_lang.get("id", []), *by_lang.get("", []), *by_lang.get("en", [])]
        main = ordered[0] if ordered else _local_name(node)
        english = next((t for t in by_lang.get("en", []) if t.casefold() != main.casefold()),
                       None)
        others = tuple((t, lang) for lang, texts in sorted(by_lang.items()) for t in texts
                       if t not in (main, english))
        aliases = tuple(sorted({t for t, _ in self.literals(P_ALT).get(node, ())}
                               - {main, english, ""}))
        return Names(main, english, others, aliases)

    def own_term_labels(self) -> dict[str, tuple[str, str]]:
        """kg: term -> (English, Indonesian) rdfs:label, from the ontology in this graph."""
        en: dict[str, str] = {}
        ind: dict[str, str] = {}
        for s, texts in self.literals(P_LABEL).items():
            if s.startswith(_KG):
                key = s[len(_KG):]
                for text, lang in texts:
                    if lang == "en":
                        en.setdefault(key, text)
                    elif lang == "id":
                        ind.setdefault(key, text)
        return {k: (en.get(k, k), ind.get(k, en.get(k, k))) for k in en.keys() | ind.keys()}

    def term_labels(self) -> dict[str, tuple[str, str]]:
        """kg: local name -> (English, Indonesian) label: the graph's own, else the ontology's."""
        own = self.own_term_labels()
        if all(c.key in own for c in CLASS_STYLES):
            return own
        return {**_ontology_labels(), **own}


def _is_oxigraph_store(source: object) -> bool:
    try:
        import pyoxigraph
    except ImportError:  # pragma: no cover - a dependency
        return False
    return isinstance(source, pyoxigraph.Store)


def read_graph(source: GraphSource | GraphData) -> GraphData:
    """The page's (and stats') view of an rdflib Graph or pyoxigraph Store."""
    return source if isinstance(source, GraphData) else GraphData(source)


@dataclass(frozen=True, slots=True)
class Names:
    main: str                               # Indonesian (or untagged) name, else English
    english: str | None                     # English name when it differs
    others: tuple[tuple[str, str], ...]     # other labels with their language tag
    aliases: tuple[str, ...]                # skos:altLabel

    def display(self, limit: int = 42) -> str:
        """Canvas label: 'Tiongkok / China' when both fit, else the main name, cut at `limit`."""
        text = self.main
        if self.english and len(self.main) + len(self.english) + 3 <= limit:
            text = f"{self.main} / {self.english}"
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

    def all(self) -> list[str]:
        seen: dict[str, None] = {self.main: None}
        for text in (self.english, *(t for t, _ in self.others), *self.aliases):
            if text:
                seen.setdefault(text, None)
        return list(seen)


def node_class(data: GraphData, node: str) -> str | None:
    """The drawn class of a node (a key of CLASS_INDEX), or None for what is not drawn."""
    return data.classes.get(node)


def names_of(data: GraphData, node: str) -> Names:
    return data.names(node)


def _local_name(node: str) -> str:
    text = node.rstrip("/")
    return re.split(r"[/#]", text)[-1] or text


@lru_cache(maxsize=1)
def _ontology_labels() -> dict[str, tuple[str, str]]:
    """kg: term -> (English, Indonesian) label, from the packaged ontology."""
    from .lexicon import ontology_dir  # only needed when a graph lacks the ontology

    g = Graph()
    g.parse(ontology_dir() / "kgraph.ttl", format="turtle")
    return GraphData(g).own_term_labels()


def kg_term_labels(graph: GraphSource | GraphData) -> dict[str, tuple[str, str]]:
    """kg: local name -> (English, Indonesian) label: the graph's own, else the ontology's."""
    return read_graph(graph).term_labels()


# ---------------------------------------------------------------- the view model
@dataclass(frozen=True, slots=True)
class GraphView:
    """What the page draws: JSON-ready rows, plus what was left out and how it is laid out."""
    nodes: tuple[list[Any], ...]       # [label, class index, size, x, y]
    edges: tuple[tuple[int, int, int], ...]  # (from, to, relation index)
    names: tuple[list[str], ...]       # search names per node, besides the label
    details: tuple[dict[str, Any], ...]
    sentences: tuple[str, ...]
    articles: tuple[tuple[str, int], ...]  # (title, drawn node id or -1)
    class_counts: dict[str, int]
    not_drawn: dict[str, int]          # class -> nodes left out by the overview
    overview: bool
    physics: bool
    iterations: int                    # physics stabilisation iterations (0: no physics)
    term_labels: dict[str, tuple[str, str]] = field(repr=False)

    def payload(self, options: VizOptions = DEFAULT_OPTIONS) -> dict[str, Any]:
        labels = self.term_labels
        return {
            "meta": {"title": options.title, "overview": self.overview, "physics": self.physics,
                     "iterations": self.iterations,
                     "notDrawn": self.not_drawn, "families": FAMILY_TITLES},
            "classes": [{"key": c.key, "family": c.family, "shape": c.shape, "color": c.color,
                         "en": labels.get(c.key, (c.key, c.key))[0],
                         "id": labels.get(c.key, (c.key, c.key))[1],
                         "count": self.class_counts.get(c.key, 0)} for c in CLASS_STYLES],
            "relations": [{"key": r.key, "out": r.out_title, "in": r.in_title, "color": r.color,
                           "width": r.width, "dashes": list(r.dashes) or False,
                           "provenance": r.provenance,
                           "en": labels.get(r.key, (r.key, r.key))[0],
                           "id": labels.get(r.key, (r.key, r.key))[1]} for r in RELATION_STYLES],
            "nodes": list(self.nodes),
            "edges": [list(e) for e in self.edges],
            "names": list(self.names),
            "details": list(self.details),
            "sentences": list(self.sentences),
            "articles": [list(a) for a in self.articles],
        }


class _Interner:
    """Sentences and article titles are stored once and referred to by index."""

    def __init__(self) -> None:
        self.index: dict[Any, int] = {}
        self.items: list[Any] = []

    def __call__(self, item: Any) -> int:
        found = self.index.get(item)
        if found is None:
            found = self.index[item] = len(self.items)
            self.items.append(item)
        return found


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Reading builds millions of small objects and no cycles: the cyclic collector would
    only rescan them (a fifth of the time on a 10k-article graph)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_view(graph: GraphSource | GraphData, *, overview: bool | None = None,
               options: VizOptions = DEFAULT_OPTIONS) -> GraphView:
    """The drawable view of `graph` (an rdflib Graph or a pyoxigraph Store);
    `overview=None` chooses it by size."""
    with _gc_paused():
        return _build_view(read_graph(graph), overview, options)


def _build_view(data: GraphData, overview: bool | None, options: VizOptions) -> GraphView:
    classes = data.classes
    counts = Counter(classes.values())
    if overview is None:
        overview = len(classes) > options.overview_threshold
    drawn = [s for s, c in classes.items() if not overview or _FAMILY[c] in OVERVIEW_FAMILIES]
    drawn.sort(key=lambda s: (CLASS_INDEX[classes[s]], s))
    ids = {s: i for i, s in enumerate(drawn)}
    not_drawn = Counter(c for s, c in classes.items() if s not in ids) if overview else Counter()

    articles = _Interner()
    article_ids: dict[str, int] = {}

    def article_ref(a: str) -> int:
        found = article_ids.get(a)
        if found is None:
            title = data.main_name(a) if a in classes else _local_name(a)
            found = article_ids[a] = articles((title, ids.get(a, -1)))
        return found

    edges: list[tuple[int, int, int]] = []
    # neighbours the overview does not draw, kept by name: node -> (relation, 0 out / 1 in)
    extra: dict[int, dict[tuple[int, int], list[str]]] = defaultdict(lambda: defaultdict(list))
    for rel, pred in enumerate(RELATION_PREDICATES):
        for s, objects in data.values(pred).items():
            i = ids.get(s)
            if i is not None:
                for o in objects:
                    j = ids.get(o)
                    if j is not None:
                        edges.append((i, j, rel))
                    elif o in classes:
                        extra[i][(rel, 0)].append(o)
            elif overview and s in classes:  # officials representing a drawn region, ...
                for o in objects:
                    j = ids.get(o)
                    if j is not None:
                        extra[j][(rel, 1)].append(s)
    edges.sort()

    names = [data.names(s) for s in drawn]
    sentences = _Interner()
    facts = _Facts(data)
    details = tuple(facts.details(s, names[i], classes[s], extra.get(i, {}), sentences,
                                  article_ref, options) for i, s in enumerate(drawn))
    for a in drawn:  # articles drawn but never cited still appear in the article table
        if classes[a] == "Article":
            article_ref(a)

    degree: Counter[int] = Counter()
    for i, j, rel in edges:
        if not RELATION_STYLES[rel].provenance:
            degree[i] += 1
            degree[j] += 1
    physics = len(drawn) <= options.layout_threshold
    positions = precompute_layout(len(drawn), edges)
    rows = []
    labels = [n.display(options.label_chars) for n in names]
    for i, s in enumerate(drawn):
        cls = classes[s]
        size = 7.0 if cls == "Article" else min(46.0, 11.0 + 4.5 * math.sqrt(degree[i]))
        x, y = positions[i]
        rows.append([labels[i], CLASS_INDEX[cls], round(size, 1), round(x), round(y)])
    return GraphView(
        nodes=tuple(rows), edges=tuple(edges),
        names=tuple([n for n in nm.all() if n != label]
                     for nm, label in zip(names, labels, strict=True)),
        details=details, sentences=tuple(sentences.items), articles=tuple(articles.items),
        class_counts={c.key: counts[c.key] - not_drawn[c.key] for c in CLASS_STYLES
                      if c.key in counts},
        not_drawn={c.key: not_drawn[c.key] for c in CLASS_STYLES if c.key in not_drawn},
        overview=overview, physics=physics,
        iterations=(min(options.stabilization_iterations,
                        max(30, options.physics_budget // max(1, len(drawn)))) if physics else 0),
        term_labels=data.term_labels())


_TRAILING_NUMBER = re.compile(r"(\d+)$")
_AGREEMENT_INDEX = CLASS_INDEX["Agreement"]
# a stage's kind (a class IRI) -> class index; other values count as plain agreements
_STAGE_KIND = {_KG + key: i for key, i in CLASS_INDEX.items()}


def _ints(table: dict[str, str]) -> dict[str, int]:
    """The values as ints (0 when not one)."""
    try:
        return dict(zip(table, map(int, table.values()), strict=True))
    except ValueError:
        out = {}
        for k, v in table.items():
            try:
                out[k] = int(v)
            except ValueError:
                out[k] = 0
        return out


class _Facts:
    """The tables the detail panel reads, each read from the graph once."""

    def __init__(self, data: GraphData) -> None:
        self.alt = data.literals(P_ALT)
        self.position = data.values(P_POSITION)
        self.ids = [(title, data.values(str(pred))) for pred, title in IDENTIFIERS]
        self.url = data.values(P_URL)
        self.status = data.first(P_STATUS)
        self.date = data.first(P_DATE)
        self.has_stage = data.values(P_HAS_STAGE)
        self.stage_kind = data.first(P_STAGE_KIND)
        self.mentioned_in = data.values(P_MENTIONED_IN)
        self.evidence = data.values(P_EVIDENCE)
        self.sentence = data.first(P_SENTENCE)
        self.in_article = data.first(P_IN_ARTICLE)
        self.start = _ints(data.first(P_START))
        self.quote = data.first(P_QUOTE)
        self.main_name = data.main_name

    def details(self, node: str, names: Names, cls: str,
                extra: dict[tuple[int, int], list[str]], sentences: _Interner,
                article_ref: Callable[[str], int], options: VizOptions) -> dict[str, Any]:
        """The detail-panel record of a node; empty fields are left out to keep the file small."""
        d: dict[str, Any] = {"iri": node, "name": names.main}
        if names.english:
            d["en"] = names.english
        if names.others:
            d["labels"] = [list(o) for o in names.others]
        if names.aliases:
            d["alt"] = list(names.aliases)
        if positions := sorted(set(self.position.get(node, ()))):
            d["pos"] = positions
        ident = [[title, v] for title, table in self.ids for v in sorted(table.get(node, ()))]
        if ident:
            d["ids"] = ident
        if urls := [u for u in sorted(self.url.get(node, ())) if re.match(r"https?://", u)]:
            d["url"] = urls[0]
        if cls in _AGREEMENT_KEYS:
            if status := self.status.get(node):
                d["status"] = status
            if date := self.date.get(node):
                d["date"] = date
            d["stages"] = self.stages(node, sentences, article_ref)
        evidence, more = self.sources(node, sentences, article_ref, options.max_sentences)
        if evidence:
            d["ev"] = evidence
        if more:
            d["evMore"] = more
        if extra:
            x = []
            for (rel, direction), nodes in sorted(extra.items()):
                known = sorted({self.main_name(n) for n in nodes})
                x.append([rel, direction, known[: options.max_refs], len(known)])
            d["x"] = x
        return d

    def stages(self, node: str, sentences: _Interner,
               article_ref: Callable[[str], int]) -> list[list[Any]]:
        """[kind, status, date, article, sentence] of an agreement's stages, by date."""
        rows = []
        date_of, sentence_of = self.date.get, self.sentence.get
        for stage in self.has_stage.get(node, ()):
            date = date_of(stage, "")
            order = int(m.group(1)) if (m := _TRAILING_NUMBER.search(stage)) else 0
            rows.append((date or "9999", order, stage, date))
        rows.sort()
        out = []
        for _, _, stage, date in rows:  # interned in this order, whatever the store's order
            kind = self.stage_kind.get(stage, "")
            cited = self.mentioned_in.get(stage)
            evidence = self.evidence.get(stage, ())
            text = next((t for ev in (sorted(evidence) if len(evidence) > 1 else evidence)
                         if (t := sentence_of(ev))), None)
            out.append([_STAGE_KIND.get(kind, _AGREEMENT_INDEX), self.status.get(stage, ""),
                        date, article_ref(min(cited)) if cited else -1,
                        sentences(text) if text else -1])
        return out

    def sources(self, node: str, sentences: _Interner, article_ref: Callable[[str], int],
                limit: int) -> tuple[list[list[Any]], int]:
        """Distinct (sentence, article, quotes) of a node, in article and text order."""
        found: dict[tuple[str, str], list[Any]] = {}
        sentence_of, article_of = self.sentence.get, self.in_article.get
        start_of, quote_of, row_of = self.start.get, self.quote.get, found.get
        for ev in self.evidence.get(node, ()):
            text = sentence_of(ev)
            if not text:
                continue
            key = (article_of(ev, ""), text)
            at = start_of(ev, 0)
            row = row_of(key)
            if row is None:
                row = found[key] = [at]
            elif at < row[0]:
                row[0] = at
            q = quote_of(ev)
            if q and q != text:
                row.append(q)
        rows = sorted(found.items(), key=lambda kv: (kv[0][0], kv[1][0], kv[0][1]))
        return ([[sentences(text), article_ref(art) if art else -1, sorted(set(row[1:]))]
                 for (art, text), row in rows[:limit]], max(0, len(rows) - limit))


# ---------------------------------------------------------------- layout
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def precompute_layout(n: int, edges: Sequence[tuple[int, int, int]], *,
                      spacing: float = 34.0, seed: int = 7) -> list[tuple[float, float]]:
    """Positions for `n` nodes, linear in the graph size (20k nodes in a fraction of a second).

    networkx's spring_layout needs numpy/scipy (not dependencies here) and is quadratic
    without scipy, so: split the graph (without provenance edges) into communities
    (fast label propagation), lay each out as a sunflower spiral in breadth-first order
    from its hub so neighbours sit close, and pack the spirals on a larger spiral, biggest
    first. Nodes with only provenance edges (articles) go to the middle of what they
    mention. Good enough to read, and a fine start when physics refines it. Plain lists
    of ints throughout: a networkx graph cost more than the rest of the page.
    """
    adj: list[set[int]] = [set() for _ in range(n)]
    cited = set()  # articles
    for i, j, rel in edges:
        if RELATION_STYLES[rel].provenance:
            cited.add(j)
        elif i != j:
            adj[i].add(j)
            adj[j].add(i)
    degree = [len(a) for a in adj]
    # neighbours best connected first, for the breadth-first order
    nbrs = [sorted(a, key=lambda u: (-degree[u], u)) for a in adj]
    component = [-1] * n
    sizes: list[int] = []
    for v in range(n):
        if component[v] < 0:
            k, stack, size = len(sizes), [v], 0
            component[v] = k
            while stack:
                u = stack.pop()
                size += 1
                for w in nbrs[u]:
                    if component[w] < 0:
                        component[w] = k
                        stack.append(w)
            sizes.append(size)
    # small components stay whole; big ones are split into communities (which never
    # straddle components), each laid out around its own hub
    parts = _label_propagation([v for v in range(n) if sizes[component[v]] >= 40], nbrs, seed)
    small: dict[int, list[int]] = defaultdict(list)
    for v in range(n):
        if 1 < sizes[component[v]] < 40:
            small[component[v]].append(v)
    parts += small.values()
    parts.sort(key=lambda p: (-sizes[component[p[0]]], component[p[0]], -len(p), p[0]))
    groups = [_bfs_order(part, nbrs, degree) for part in parts]
    singles = [v for v in range(n) if sizes[component[v]] == 1 and v not in cited]
    if singles:
        groups.append(singles)
    pos: dict[int, tuple[float, float]] = {}
    placed_area = 0.0
    for k, members in enumerate(groups):
        radius = spacing * math.sqrt(len(members)) + spacing
        dist = 0.0 if k == 0 else 1.15 * math.sqrt(placed_area + radius * radius)
        cx, cy = dist * math.cos(k * GOLDEN_ANGLE), dist * math.sin(k * GOLDEN_ANGLE)
        placed_area += radius * radius
        for j, node in enumerate(members):
            r = spacing * math.sqrt(j)
            pos[node] = (cx + r * math.cos(j * GOLDEN_ANGLE), cy + r * math.sin(j * GOLDEN_ANGLE))
    _place_by_neighbours(n, edges, pos, spacing)
    return [pos.get(i, (0.0, 0.0)) for i in range(n)]


def _label_propagation(nodes: list[int], nbrs: list[list[int]], seed: int) -> list[list[int]]:
    """Communities of `nodes` (sorted), by fast label propagation (Traag & Šubelj 2023):
    a node takes the label most frequent among its neighbours (ties: a seeded choice);
    when it changes, its neighbours of another label are queued again."""
    rnd = random.Random(seed)
    label = {v: v for v in nodes}
    order = list(nodes)
    rnd.shuffle(order)
    queue = deque(order)
    queued = set(order)
    while queue:
        v = queue.popleft()
        queued.discard(v)
        if not nbrs[v]:
            continue
        freq = Counter(label[w] for w in nbrs[v])
        top = max(freq.values())
        best = [c for c, f in freq.items() if f == top]
        new = best[0] if len(best) == 1 else rnd.choice(best)
        if label[v] != new:
            label[v] = new
            for w in nbrs[v]:
                if label[w] != new and w not in queued:
                    queue.append(w)
                    queued.add(w)
    parts: dict[int, list[int]] = {}
    for v in nodes:
        parts.setdefault(label[v], []).append(v)
    return list(parts.values())


def _bfs_order(part: list[int], nbrs: list[list[int]], degree: list[int]) -> list[int]:
    """Members in breadth-first order from the best-connected one (hubs in the middle)."""
    members = set(part)
    order: list[int] = []
    seen: set[int] = set()
    for start in sorted(part, key=lambda v: (-degree[v], v)):
        if start in seen:
            continue
        seen.add(start)
        queue = [start]
        while queue:
            order.extend(queue)
            nxt = []
            for v in queue:
                for w in nbrs[v]:
                    if w in members and w not in seen:
                        seen.add(w)
                        nxt.append(w)
            queue = nxt
    return order


def _place_by_neighbours(n: int, edges: Sequence[tuple[int, int, int]],
                         pos: dict[int, tuple[float, float]], spacing: float) -> None:
    """Unplaced nodes (articles) at the centre of their placed neighbours, fanned out."""
    for _ in range(2):  # a second round for what leans on nodes placed in the first
        sums: dict[int, list[float]] = {}
        for i, j, _rel in edges:
            for a, b in ((i, j), (j, i)):
                if a not in pos and b in pos:
                    acc = sums.setdefault(a, [0.0, 0.0, 0.0])
                    acc[0] += pos[b][0]
                    acc[1] += pos[b][1]
                    acc[2] += 1
        for k, (node, (sx, sy, cnt)) in enumerate(sorted(sums.items())):
            r = spacing * (0.8 + 0.35 * (k % 5))
            pos[node] = (sx / cnt + r * math.cos(k * GOLDEN_ANGLE),
                         sy / cnt + r * math.sin(k * GOLDEN_ANGLE))
    rest = [i for i in range(n) if i not in pos]  # nothing placed to lean on: a ring outside
    outer = max((math.hypot(x, y) for x, y in pos.values()), default=0.0) + 2 * spacing
    for k, node in enumerate(rest):
        angle = 2 * math.pi * k / len(rest)
        pos[node] = (outer * math.cos(angle), outer * math.sin(angle))


# ---------------------------------------------------------------- rendering
@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network as shipped inside pyvis (newest copy), without its source-map comment.

    The package folder is found without importing pyvis (which imports IPython)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the pyvis package is not installed")
    lib = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib"
    copies = sorted((d for d in lib.iterdir() if d.name.startswith("vis-")),
                    key=lambda d: [int(x) for x in re.findall(r"\d+", d.name)])
    if not copies:
        raise FileNotFoundError("vis-network not found inside the pyvis package")
    js = (copies[-1] / "vis-network.min.js").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S*", "", js)
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


def _template(name: str) -> str:
    return (resources.files("kgraph") / "templates" / name).read_text(encoding="utf-8")


def json_for_script(data: Any) -> str:
    """JSON safe inside a <script> element: no '</script', '<!--' or line separators."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                     ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, esc)
    return text


def _csp(scripts: Sequence[str]) -> str:
    """Only our own inline scripts may run (by hash), and nothing may be fetched."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "img-src data: blob:; base-uri 'none'; form-action 'none'")


def render_html(view: GraphView, options: VizOptions = DEFAULT_OPTIONS) -> str:
    vis_js, app_js = vis_network_js(), _template("graph.js")
    parts = {
        "TITLE": html.escape(options.title),
        "CSP": _csp([vis_js, app_js]),
        "CSS": _template("graph.css"),
        "DATA": json_for_script(view.payload(options)),
        "VIS": vis_js,
        "APP": app_js,
    }
    # one pass, so text inserted for one marker is never searched for the others
    return re.sub(r"@@([A-Z]+)@@", lambda m: parts[m.group(1)], _template("graph.html"))


def write_html(graph: GraphSource | GraphData, path: os.PathLike[str] | str, *,
               overview: bool | None = None, options: VizOptions = DEFAULT_OPTIONS) -> Path:
    """Write the interactive page of `graph` to `path` atomically; returns the path.

    overview: True draws only regions, agreements and sectors; False draws everything;
    None (default) chooses the overview above `options.overview_threshold` nodes.
    """
    out = Path(path)
    with _gc_paused():
        page = render_html(build_view(graph, overview=overview, options=options), options)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(page)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return out


__all__ = ["CLASS_STYLES", "RELATION_STYLES", "GraphData", "GraphView", "VizOptions",
           "build_view", "kg_term_labels", "names_of", "node_class", "precompute_layout",
           "read_graph", "render_html", "write_html"]
