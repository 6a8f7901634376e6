"""Graph analytics with networkx: `compute_stats(graph) -> Stats`, `format_stats(stats)`.

Counts nodes per class and edges per relation, ranks regions in the cooperation
network (the region–agreement–region projection: two regions are linked when they
are parties to the same agreement, weighted by how many), finds communities of
cooperating regions in it (Louvain), and lists the sectors most shared.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
from itertools import combinations

import networkx as nx

from .namespaces import KG
from .viz import (
    CLASS_INDEX,
    CLASS_STYLES,
    P_STATUS,
    RELATION_PREDICATES,
    RELATION_STYLES,
    GraphData,
    GraphSource,
    read_graph,
)

REGION_CLASSES = frozenset(c.key for c in CLASS_STYLES if c.family == "Region")
# Subclasses are counted under these (as `kgraph build` reports them), with a breakdown.
MAIN_CLASS = {c.key: ("Organization" if c.family == "Agent" and c.key != "Official" else
                      "Agreement" if c.family == "Agreement" else c.key) for c in CLASS_STYLES}
EXACT_BETWEENNESS_LIMIT = 1000  # regions; above, betweenness is estimated from seeded pivots
BETWEENNESS_PIVOTS = 300


@dataclass(frozen=True, slots=True)
class ClassCount:
    name: str                                  # English label of the class
    key: str
    count: int
    subclasses: tuple[tuple[str, int], ...]    # (label, count), most first


@dataclass(frozen=True, slots=True)
class RelationCount:
    key: str
    count: int
    between: tuple[tuple[str, str, int], ...]  # (subject class, object class, count)


@dataclass(frozen=True, slots=True)
class RegionRank:
    name: str
    cls: str
    iri: str
    agreements: int     # agreements it is a party to
    partners: int       # distinct partner regions: its degree in the projection
    degree: float       # degree centrality in the projection
    betweenness: float  # betweenness centrality in the projection


@dataclass(frozen=True, slots=True)
class Community:
    regions: tuple[str, ...]   # most connected first
    agreements: int            # agreements between two of its members


@dataclass(frozen=True, slots=True)
class SectorShare:
    name: str
    agreements: int
    regions: int               # distinct regions party to those agreements


@dataclass(frozen=True, slots=True)
class Stats:
    triples: int
    nodes: tuple[ClassCount, ...]
    edges: tuple[RelationCount, ...]
    agreement_status: tuple[tuple[str, int], ...]
    regions: tuple[RegionRank, ...]            # most connected first
    cooperation_links: int                     # edges of the projection
    communities: tuple[Community, ...]         # two regions or more, biggest first
    modularity: float | None
    sectors: tuple[SectorShare, ...]           # most shared first

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)


def compute_stats(graph: GraphSource | GraphData, *, seed: int = 0) -> Stats:
    """Analytics of an rdflib Graph or a pyoxigraph Store (its default graph)."""
    data = read_graph(graph)
    classes = data.classes
    en = {k: v[0] for k, v in data.term_labels().items()}

    def name(node: str) -> str:
        return data.names(node).display(60)  # "Tiongkok / China"

    by_main: dict[str, Counter[str]] = defaultdict(Counter)
    for c in classes.values():
        by_main[MAIN_CLASS[c]][c] += 1
    nodes = tuple(
        ClassCount(en.get(main, main), main, sum(sub.values()),
                   tuple(("unspecified" if k == main else en.get(k, k), n)
                         for k, n in sub.most_common()) if len(sub) > 1 or main not in sub
                   else ())
        for main, sub in sorted(by_main.items(), key=lambda kv: CLASS_INDEX[kv[0]]))

    edges = []
    for rel, pred in zip(RELATION_STYLES, RELATION_PREDICATES, strict=True):
        pairs: Counter[tuple[str, str]] = Counter()
        for s, objects in data.values(pred).items():
            if (cls := classes.get(s)) is None:
                continue
            for o in objects:
                if o in classes:
                    a, b = MAIN_CLASS[cls], MAIN_CLASS[classes[o]]
                    pairs[(en.get(a, a), en.get(b, b))] += 1
        if pairs:
            between = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
            edges.append(RelationCount(rel.key, sum(pairs.values()),
                                       tuple((a, b, n) for (a, b), n in between)))

    agreements = [s for s, c in classes.items() if MAIN_CLASS[c] == "Agreement"]
    status_of = data.values(P_STATUS)
    party_of, sector_of = data.values(str(KG.party)), data.values(str(KG.sector))
    status = Counter(min(status_of.get(a, ("unknown",))) for a in agreements)
    # regions as small ints: networkx compares nodes a lot
    region_nodes = sorted({p for a in agreements for p in party_of.get(a, ())
                           if classes.get(p) in REGION_CLASSES})
    rid = {r: i for i, r in enumerate(region_nodes)}
    parties = {a: sorted({rid[p] for p in party_of.get(a, ()) if p in rid})
               for a in sorted(agreements)}

    proj = nx.Graph()
    count: Counter[int] = Counter()
    for members in parties.values():
        proj.add_nodes_from(members)
        count.update(members)
        for u, v in combinations(members, 2):
            w = proj.get_edge_data(u, v, {"weight": 0})["weight"]
            proj.add_edge(u, v, weight=w + 1)
    info = [(name(r), en.get(classes[r], classes[r]), r) for r in region_nodes]
    ranked = sorted(_rank_regions(proj, seed),  # most connected first
                    key=lambda x: (-x[1], -count[x[0]], -x[3], info[x[0]][0]))
    regions = tuple(RegionRank(*info[r], count[r], partners, degree, between)
                    for r, partners, degree, between in ranked)
    communities, modularity = _communities(proj, parties, [r for r, *_ in ranked],
                                           [i[0] for i in info], seed)

    by_sector: dict[str, list[str]] = defaultdict(list)
    for agreement in agreements:
        for sector in sector_of.get(agreement, ()):
            by_sector[sector].append(agreement)
    sectors = [SectorShare(name(s), len(with_sector),
                           len({r for a in with_sector for r in parties[a]}))
               for s, with_sector in by_sector.items() if classes.get(s) == "Sector"]
    sectors.sort(key=lambda x: (-x.agreements, -x.regions, x.name))
    return Stats(len(data), nodes, tuple(edges), tuple(status.most_common()), regions,
                 proj.number_of_edges(), communities, modularity, tuple(sectors))


def _rank_regions(proj: nx.Graph, seed: int) -> list[tuple[int, int, float, float]]:
    """(region, partners, degree centrality, betweenness) for each region."""
    if not proj:
        return []
    degree = nx.degree_centrality(proj)
    k = None if len(proj) <= EXACT_BETWEENNESS_LIMIT else BETWEENNESS_PIVOTS
    between = nx.betweenness_centrality(proj, k=k, seed=seed)
    return [(r, proj.degree(r), round(degree[r], 4), round(between[r], 4)) for r in proj]


def _communities(proj: nx.Graph, parties: dict[str, list[int]], order: list[int],
                 names: list[str], seed: int) -> tuple[tuple[Community, ...], float | None]:
    if proj.number_of_edges() == 0:
        return (), None
    parts = nx.community.louvain_communities(proj, weight="weight", seed=seed)
    modularity = round(nx.community.modularity(proj, parts, weight="weight"), 4)
    rank = {r: i for i, r in enumerate(order)}
    member_of = {r: k for k, part in enumerate(parts) for r in part}
    inside: Counter[int] = Counter()
    for regs in parties.values():
        if len(regs) > 1 and len({member_of[r] for r in regs}) == 1:
            inside[member_of[regs[0]]] += 1
    out = [Community(tuple(names[r] for r in sorted(part, key=rank.__getitem__)), inside[k])
           for k, part in enumerate(parts) if len(part) >= 2]
    out.sort(key=lambda c: (-len(c.regions), -c.agreements, c.regions))
    return tuple(out), modularity


# ---------------------------------------------------------------- text report
def _table(headers: tuple[str, ...], rows: list[tuple[object, ...]], right: set[int]) -> list[str]:
    cells = [headers, *[tuple(str(x) for x in r) for r in rows]]
    widths = [max(len(str(r[i])) for r in cells) for i in range(len(headers))]
    return ["  " + "  ".join(str(v).rjust(w) if i in right else str(v).ljust(w)
                             for i, (v, w) in enumerate(zip(r, widths, strict=True))).rstrip()
            for r in cells]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def format_stats(stats: Stats, top: int = 10) -> str:
    """A plain-text report; `top` rows per ranking."""
    out = [f"triples: {stats.triples}", "", "Nodes per class"]
    out += _table(("class", "nodes", "of which"),
                  [(c.name, c.count, ", ".join(f"{n} {k}" for k, n in c.subclasses))
                   for c in stats.nodes], {1})
    out += ["", "Edges per relation"]
    out += _table(("relation", "edges", "between"),
                  [(r.key, r.count, ", ".join(f"{a}→{b} {n}" for a, b, n in r.between[:4]))
                   for r in stats.edges], {1})
    if stats.agreement_status:
        out += ["", "Agreements by status: " + ", ".join(f"{k} {n}"
                                                        for k, n in stats.agreement_status)]
    out += ["", f"Most connected regions (cooperation network: {len(stats.regions)} regions, "
                f"{stats.cooperation_links} links)"]
    if stats.regions:
        out += _table(("region", "class", "agreements", "partners", "degree", "betweenness"),
                      [(r.name, r.cls, r.agreements, r.partners, f"{r.degree:.3f}",
                        f"{r.betweenness:.3f}") for r in stats.regions[:top]], {2, 3, 4, 5})
    else:
        out.append("  (no agreement between regions)")
    head = "Communities of cooperating regions"
    if stats.modularity is not None:
        head += f" (Louvain, modularity {stats.modularity:.3f})"
    out += ["", head]
    for n, c in enumerate(stats.communities[:top], 1):
        shown = ", ".join(c.regions[:8]) + (f", … (+{len(c.regions) - 8})"
                                            if len(c.regions) > 8 else "")
        out.append(f"  {n}. {_plural(len(c.regions), 'region')}, "
                   f"{_plural(c.agreements, 'agreement')}: {shown}")
    if not stats.communities:
        out.append("  (none)")
    out += ["", "Sectors most shared"]
    if stats.sectors:
        out += _table(("sector", "agreements", "regions"),
                      [(s.name, s.agreements, s.regions) for s in stats.sectors[:top]], {1, 2})
    else:
        out.append("  (no sector)")
    return "\n".join(out)


__all__ = ["ClassCount", "Community", "RegionRank", "RelationCount", "SectorShare", "Stats",
           "compute_stats", "format_stats"]
