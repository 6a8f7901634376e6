"""kgraph stats: counts checked against SPARQL, region ranking, communities, sectors, CLI."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph

from kgraph.cli import main
from kgraph.namespaces import KG
from kgraph.stats import Stats, compute_stats, format_stats

PREFIX = "PREFIX kg: <https://w3id.org/kgraph/ontology#>\n"


@pytest.fixture(scope="module")
def stats(seeds_graph) -> Stats:
    return compute_stats(seeds_graph)


def _sparql_count(graph: Graph, where: str) -> dict[str, int]:
    rows = graph.query(PREFIX + f"SELECT ?k (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {where} }} "
                                "GROUP BY ?k")
    return {str(k): int(n) for k, n in rows}  # type: ignore[misc]


def test_nodes_per_class_match_the_build(stats, seeds_build):
    counts = {c.key: c.count for c in stats.nodes}
    for key, n in seeds_build.counts.items():
        assert counts.get(key, 0) == n, key
    org = next(c for c in stats.nodes if c.key == "Organization")
    assert sum(n for _, n in org.subclasses) == org.count


def test_edges_per_relation_match_the_triples(stats, seeds_graph):
    got = {r.key: r.count for r in stats.edges}
    for key in ("party", "sector", "memberOf", "represents", "locatedIn"):
        assert got.get(key, 0) == len(set(seeds_graph.triples((None, KG[key], None)))), key
    assert all(sum(n for _, _, n in r.between) == r.count for r in stats.edges)


def test_most_connected_region(stats, seeds_graph):
    top = stats.regions[0]
    partners = seeds_graph.query(PREFIX + """
        SELECT ?r (COUNT(DISTINCT ?o) AS ?n) WHERE {
          ?a kg:party ?r , ?o . FILTER(?r != ?o)
          ?o a ?c . VALUES ?c { kg:Country kg:Province kg:City } }
        GROUP BY ?r ORDER BY DESC(?n) LIMIT 1""")
    iri, n = next(iter(partners))  # type: ignore[misc]
    assert (top.iri, top.partners) == (str(iri), int(n))
    assert top.betweenness == max(r.betweenness for r in stats.regions)
    assert all(0 <= r.degree <= 1 for r in stats.regions)


def test_communities_partition_cooperating_regions(stats):
    names = [n for c in stats.communities for n in c.regions]
    assert len(names) == len(set(names))
    assert set(names) <= {r.name for r in stats.regions}
    assert all(len(c.regions) >= 2 for c in stats.communities)
    assert stats.modularity is not None
    assert stats.regions[0].name in names


def test_sectors_most_shared(stats, seeds_graph):
    expected = _sparql_count(seeds_graph, "?x kg:sector ?k")
    assert sum(s.agreements for s in stats.sectors) == sum(expected.values())
    assert [s.agreements for s in stats.sectors] == sorted(
        (s.agreements for s in stats.sectors), reverse=True)


def test_report_and_empty_graph(stats):
    text = format_stats(stats, top=3)
    for heading in ("Nodes per class", "Edges per relation", "Most connected regions",
                    "Communities of cooperating regions", "Sectors most shared"):
        assert heading in text
    empty = compute_stats(Graph())
    assert empty.regions == () and empty.communities == () and empty.modularity is None
    assert "no agreement between regions" in format_stats(empty)


def test_cli_stats(seeds_ttl, capsys, tmp_path):
    assert main(["stats", str(seeds_ttl), "--top", "3"]) == 0
    assert "Most connected regions" in capsys.readouterr().out
    assert main(["stats", str(seeds_ttl), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["regions"] and data["sectors"]
    assert main(["stats", str(tmp_path / "missing.ttl")]) == 2
