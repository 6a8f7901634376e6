"""graph.html: one self-contained, offline, interactive page of the knowledge graph.

`write_html(graph, path)` turns an rdflib graph into a single HTML file holding
vis-network (inlined from the pyvis package: pyvis's own templates link CDNs and
its `add_edge` is quadratic, so only its copy of the library is used), a JSON
payload of nodes, edges and per-node details, and a small app
(templates/graph.js) for the legend, search, filters and detail panel.

Evidence, agreement stages and ontology terms are not drawn: they are folded into
the detail panel of the node they belong to. Article text reaches the page only
as JSON data and is only ever put into the DOM with textContent. Above
`layout_threshold` nodes the positions are computed here and physics is off;
above `overview_threshold` only regions, agreements and sectors are drawn.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from .namespaces import KG, OA, SCHEMA


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
RELATION_INDEX = {KG[r.key]: i for i, r in enumerate(RELATION_STYLES)}

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
class _Terms:
    """Terms used in loops, built once: an rdflib Namespace makes (and validates) a new
    URIRef on every attribute access, which dominated the time on large graphs."""
    type: URIRef = RDF.type
    alt: URIRef = SKOS.altLabel
    kind: URIRef = KG.kind
    position: URIRef = KG.position
    status: URIRef = KG.status
    date: URIRef = KG.date
    url: URIRef = SCHEMA.url
    has_stage: URIRef = KG.hasStage
    stage_kind: URIRef = KG.stageKind
    mentioned_in: URIRef = KG.mentionedIn
    evidence: URIRef = KG.evidence
    in_article: URIRef = KG.inArticle
    sentence: URIRef = KG.sentence
    quote: URIRef = KG.quote
    start: URIRef = OA.start


T = _Terms()
_KG = str(KG)


_LABEL_PREDICATES = (SKOS.prefLabel, RDFS.label, DCTERMS.title)
_WANTED = frozenset({
    RDF.type, *_LABEL_PREDICATES, SKOS.altLabel, KG.position, KG.status, KG.date, KG.kind,
    KG.hasStage, KG.stageKind, KG.evidence, KG.inArticle, KG.sentence, KG.quote, OA.start,
    SCHEMA.url, *(p for p, _ in IDENTIFIERS), *RELATION_INDEX,
})


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
Props = dict[URIRef, list[Node]]


def index_graph(graph: Graph, predicates: Iterable[URIRef] = _WANTED) -> dict[Node, Props]:
    """subject -> predicate -> objects for the predicates we use, in one pass over the graph."""
    wanted = frozenset(predicates)
    out: dict[Node, Props] = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph:
        if p in wanted:
            out[s][p].append(o)  # type: ignore[index]
    return out


def node_class(props: Props) -> str | None:
    """The drawn class of a node (a key of CLASS_INDEX), or None for what is not drawn."""
    names = {str(t)[len(_KG):] for t in props.get(T.type, ()) if str(t).startswith(_KG)}
    if "Agreement" in names:
        for kind in props.get(T.kind, ()):
            key = str(kind)[len(_KG):]
            if key in _AGREEMENT_KEYS:
                return key
    for style in CLASS_STYLES:
        if style.key in names:
            return style.key
    return None


def _literals(props: Props, pred: URIRef) -> list[Literal]:
    return [o for o in props.get(pred, ()) if isinstance(o, Literal)]


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


def names_of(node: Node, props: Props) -> Names:
    by_lang: dict[str, list[str]] = defaultdict(list)
    for pred in _LABEL_PREDICATES:
        for lit in _literals(props, pred):
            text = str(lit).strip()
            if text and text not in by_lang[lit.language or ""]:
                by_lang[lit.language or ""].append(text)
    ordered = [*by_lang.get("id", []), *by_lang.get("", []), *by_lang.get("en", [])]
    main = ordered[0] if ordered else _local_name(node)
    english = next((t for t in by_lang.get("en", []) if t.casefold() != main.casefold()), None)
    others = tuple((t, lang) for lang, texts in sorted(by_lang.items()) for t in texts
                   if t not in (main, english))
    aliases = tuple(sorted({str(a).strip() for a in _literals(props, T.alt)}
                           - {main, english, ""}))
    return Names(main, english, others, aliases)


def _local_name(node: Node) -> str:
    text = str(node).rstrip("/")
    return re.split(r"[/#]", text)[-1] or text


@lru_cache(maxsize=1)
def _ontology_labels() -> dict[str, tuple[str, str]]:
    """kg: term -> (English, Indonesian) label, from the packaged ontology."""
    from .lexicon import ontology_dir  # only needed when a graph lacks the ontology

    g = Graph()
    g.parse(ontology_dir() / "kgraph.ttl", format="turtle")
    return _term_labels(g)


def _term_labels(graph: Graph) -> dict[str, tuple[str, str]]:
    en: dict[str, str] = {}
    ind: dict[str, str] = {}
    for s, lit in graph.subject_objects(RDFS.label):
        if isinstance(s, URIRef) and str(s).startswith(_KG) and isinstance(lit, Literal):
            key = str(s)[len(_KG):]
            if lit.language == "en":
                en[key] = str(lit)
            elif lit.language == "id":
                ind[key] = str(lit)
    return {k: (en.get(k, k), ind.get(k, en.get(k, k))) for k in en.keys() | ind.keys()}


def kg_term_labels(graph: Graph) -> dict[str, tuple[str, str]]:
    """kg: local name -> (English, Indonesian) label: the graph's own, else the ontology's."""
    own = _term_labels(graph)
    if all(c.key in own for c in CLASS_STYLES):
        return own
    return {**_ontology_labels(), **own}


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


def build_view(graph: Graph, *, overview: bool | None = None,
               options: VizOptions = DEFAULT_OPTIONS) -> GraphView:
    """The drawable view of `graph`; `overview=None` chooses it by size."""
    idx = index_graph(graph)
    classes = {s: c for s, p in idx.items() if (c := node_class(p)) is not None}
    counts = Counter(classes.values())
    if overview is None:
        overview = len(classes) > options.overview_threshold
    drawn = [s for s in classes
             if not overview or CLASS_STYLES[CLASS_INDEX[classes[s]]].family in OVERVIEW_FAMILIES]
    drawn.sort(key=lambda s: (CLASS_INDEX[classes[s]], str(s)))
    ids = {s: i for i, s in enumerate(drawn)}
    not_drawn = Counter(c for s, c in classes.items() if s not in ids)

    names = {s: names_of(s, idx[s]) for s in classes}
    articles = _Interner()
    article_ids: dict[Node, int] = {}

    def article_ref(a: Node) -> int:
        if a not in article_ids:
            title = names[a].main if a in names else _local_name(a)
            article_ids[a] = articles((title, ids.get(a, -1)))
        return article_ids[a]

    edges: list[tuple[int, int, int]] = []
    extra: dict[int, dict[tuple[int, int], list[str]]] = defaultdict(lambda: defaultdict(list))
    for s, i in ids.items():
        for pred, rel in RELATION_INDEX.items():
            for o in idx[s].get(pred, ()):
                j = ids.get(o)
                if j is not None:
                    edges.append((i, j, rel))
                elif o in classes:  # a neighbour the overview does not draw: keep its name
                    extra[i][(rel, 0)].append(names[o].main)
    if overview:  # undrawn subjects pointing at drawn nodes (officials representing a region)
        for s in classes.keys() - ids.keys():
            for pred, rel in RELATION_INDEX.items():
                for o in idx[s].get(pred, ()):
                    if o in ids:
                        extra[ids[o]][(rel, 1)].append(names[s].main)

    sentences = _Interner()
    details = tuple(_details(s, idx, names[s], classes[s], extra.get(ids[s], {}), sentences,
                             article_ref, options) for s in drawn)
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
    for s, i in ids.items():
        cls = classes[s]
        size = 7.0 if cls == "Article" else min(46.0, 11.0 + 4.5 * math.sqrt(degree[i]))
        x, y = positions[i]
        rows.append([names[s].display(options.label_chars), CLASS_INDEX[cls], round(size, 1),
                     round(x), round(y)])
    return GraphView(
        nodes=tuple(rows), edges=tuple(edges),
        names=tuple([n for n in names[s].all() if n != names[s].display(options.label_chars)]
                    for s in drawn),
        details=details, sentences=tuple(sentences.items), articles=tuple(articles.items),
        class_counts={k: counts[k] - not_drawn[k] for k in counts},
        not_drawn=dict(not_drawn), overview=overview, physics=physics,
        iterations=(min(options.stabilization_iterations,
                        max(30, options.physics_budget // max(1, len(drawn)))) if physics else 0),
        term_labels=kg_term_labels(graph))


def _details(node: Node, idx: dict[Node, Props], names: Names, cls: str,
             extra: dict[tuple[int, int], list[str]], sentences: _Interner,
             article_ref: Callable[[Node], int], options: VizOptions) -> dict[str, Any]:
    """The detail-panel record of one node; empty fields are left out to keep the file small."""
    props = idx[node]
    d: dict[str, Any] = {"iri": str(node), "name": names.main}
    if names.english:
        d["en"] = names.english
    if names.others:
        d["labels"] = [list(o) for o in names.others]
    if names.aliases:
        d["alt"] = list(names.aliases)
    if positions := sorted({str(p) for p in _literals(props, T.position)}):
        d["pos"] = positions
    ident = [[title, str(v)] for pred, title in IDENTIFIERS for v in _literals(props, pred)]
    if ident:
        d["ids"] = ident
    urls = [str(u) for u in props.get(T.url, ()) if re.match(r"https?://", str(u))]
    if urls:
        d["url"] = urls[0]
    if cls in _AGREEMENT_KEYS:
        if status := _literals(props, T.status):
            d["status"] = str(status[0])
        if date := _literals(props, T.date):
            d["date"] = str(date[0])
        d["stages"] = _stages(props, idx, sentences, article_ref)
    evidence, more = _evidence(props, idx, sentences, article_ref, options.max_sentences)
    if evidence:
        d["ev"] = evidence
    if more:
        d["evMore"] = more
    if extra:
        d["x"] = [[rel, direction, sorted(set(ns))[: options.max_refs], len(set(ns))]
                  for (rel, direction), ns in sorted(extra.items())]
    return d


def _stages(props: Props, idx: dict[Node, Props], sentences: _Interner,
            article_ref: Callable[[Node], int]) -> list[list[Any]]:
    rows = []
    for stage in props.get(T.has_stage, ()):
        sp = idx.get(stage, {})
        kind = next((str(k)[len(_KG):] for k in sp.get(T.stage_kind, ())), "Agreement")
        status = next((str(x) for x in _literals(sp, T.status)), "")
        date = next((str(x) for x in _literals(sp, T.date)), "")
        art = next((article_ref(a) for a in sp.get(T.mentioned_in, ())), -1)
        sentence = -1
        for ev in sp.get(T.evidence, ()):
            if text := next((str(x) for x in _literals(idx.get(ev, {}), T.sentence)), ""):
                sentence = sentences(text)
                break
        order = int(m.group(1)) if (m := re.search(r"(\d+)$", str(stage))) else 0
        rows.append((date or "9999", order, [CLASS_INDEX.get(kind, CLASS_INDEX["Agreement"]),
                                             status, date, art, sentence]))
    return [r for _, _, r in sorted(rows, key=lambda t: (t[0], t[1]))]


def _evidence(props: Props, idx: dict[Node, Props], sentences: _Interner,
              article_ref: Callable[[Node], int], limit: int) -> tuple[list[list[Any]], int]:
    """Distinct (sentence, article, quotes) of a node, in article and text order."""
    found: dict[tuple[int, int], list[Any]] = {}
    for ev in props.get(T.evidence, ()):
        ep = idx.get(ev, {})
        text = next((str(x) for x in _literals(ep, T.sentence)), "")
        if not text:
            continue
        art = next((article_ref(a) for a in ep.get(T.in_article, ())), -1)
        start = next((int(x.toPython()) for x in _literals(ep, T.start)), 0)
        row = found.setdefault((sentences(text), art), [sentences(text), art, [], start])
        row[3] = min(row[3], start)
        quote = next((str(x) for x in _literals(ep, T.quote)), "")
        if quote and quote != text and quote not in row[2]:
            row[2].append(quote)
    rows = sorted(found.values(), key=lambda r: (r[1], r[3]))
    return [r[:3] for r in rows[:limit]], max(0, len(rows) - limit)


# ---------------------------------------------------------------- layout
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def precompute_layout(n: int, edges: Sequence[tuple[int, int, int]], *,
                      spacing: float = 34.0, seed: int = 7) -> list[tuple[float, float]]:
    """Positions for `n` nodes, linear-ish in the graph size (20k nodes in about a second).

    networkx's spring_layout needs numpy/scipy (not dependencies here) and is quadratic
    without scipy, so: split the graph (without provenance edges) into communities
    (label propagation), lay each out as a sunflower spiral in breadth-first order from
    its hub so neighbours sit close, and pack the spirals on a larger spiral, biggest
    first. Nodes with only provenance edges (articles) go to the middle of what they
    mention. Good enough to read, and a fine start when physics refines it.
    """
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from((i, j) for i, j, rel in edges if not RELATION_STYLES[rel].provenance)
    cited = {j for i, j, rel in edges if RELATION_STYLES[rel].provenance}  # articles
    degree = dict(g.degree())
    component: dict[int, int] = {}
    sizes: list[int] = []
    for k, comp in enumerate(nx.connected_components(g)):
        sizes.append(len(comp))
        component.update(dict.fromkeys(comp, k))
    # small components stay whole; big ones are split into communities (which never
    # straddle components), each laid out around its own hub
    big = g.subgraph(v for v in range(n) if sizes[component[v]] >= 40).copy()
    parts = [set(c) for c in nx.community.fast_label_propagation_communities(big, seed=seed)]
    small: dict[int, set[int]] = defaultdict(set)
    for v in range(n):
        if 1 < sizes[component[v]] < 40:
            small[component[v]].add(v)
    parts += small.values()
    parts.sort(key=lambda p: (-sizes[component[next(iter(p))]], component[next(iter(p))],
                              -len(p), min(p)))
    groups = [_bfs_order(g, part, degree) for part in parts]
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


def _bfs_order(g: nx.Graph, part: set[int], degree: dict[int, int]) -> list[int]:
    """Members in breadth-first order from the best-connected one (hubs in the middle)."""
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
                for w in sorted(g.adj[v], key=lambda u: -degree[u]):
                    if w in part and w not in seen:
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
    """vis-network as shipped inside pyvis (newest copy), without its source-map comment."""
    lib = resources.files("pyvis") / "templates" / "lib"
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


def write_html(graph: Graph, path: os.PathLike[str] | str, *, overview: bool | None = None,
               options: VizOptions = DEFAULT_OPTIONS) -> Path:
    """Write the interactive page of `graph` to `path` atomically; returns the path.

    overview: True draws only regions, agreements and sectors; False draws everything;
    None (default) chooses the overview above `options.overview_threshold` nodes.
    """
    out = Path(path)
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


__all__ = ["CLASS_STYLES", "RELATION_STYLES", "GraphView", "VizOptions", "build_view",
           "names_of", "node_class", "precompute_layout", "render_html", "write_html"]
