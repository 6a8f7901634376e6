"""Stores: rdflib in memory and a persistent Oxigraph store give the same answers."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph, Literal, URIRef

from kgraph.cli import main
from kgraph.queries import DEFAULT_LIMIT, load_queries, run_query
from kgraph.store import (
    StoreError,
    load_oxigraph,
    open_oxigraph,
    open_source,
    parse_store,
)

QUERIES = load_queries()
_SEPARATORS = re.compile(r"; |, | \| ")


def as_strings(result) -> set[tuple[str, ...]]:
    """Rows as sets of strings; GROUP_CONCAT order is not defined by SPARQL, so the
    parts of a concatenated cell are sorted."""
    return {tuple("" if t is None else "|".join(sorted(_SEPARATORS.split(str(t))))
                  for t in row) for row in result.rows}


@pytest.fixture(scope="module")
def ox_path(seeds_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "seeds.oxigraph"
    assert load_oxigraph(seeds_graph, path) == len(seeds_graph)
    return path


@pytest.fixture(scope="module")
def ox_store(ox_path):
    return open_oxigraph(ox_path)


def test_store_specs(tmp_path):
    assert parse_store(None).kind == "memory"
    assert parse_store("memory").path is None
    spec = parse_store(f"oxigraph:{tmp_path}/db")
    assert spec.kind == "oxigraph" and spec.path == tmp_path / "db"
    assert str(spec) == f"oxigraph:{tmp_path}/db"
    for bad in ("oxigraph", "oxigraph:", "fuseki:x", "sqlite"):
        with pytest.raises(StoreError):
            parse_store(bad)
    with pytest.raises(StoreError, match="no Oxigraph store"):
        open_oxigraph(tmp_path / "nothing")


def test_persistent_store_reopens_with_the_same_triples(ox_path, seeds_graph):
    first = open_oxigraph(ox_path)
    assert len(first) == len(seeds_graph)
    del first
    again = open_source("output/ignored.ttl", f"oxigraph:{ox_path}")
    assert len(again) == len(seeds_graph)


def as_list(result) -> list[tuple[str, ...]]:
    """Rows in order, as strings (the parts of a concatenated cell sorted)."""
    return [tuple("" if t is None else "|".join(sorted(_SEPARATORS.split(str(t))))
                  for t in row) for row in result.rows]


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
@pytest.mark.parametrize("region", [None, "Kaltim", "Anhui"])
@pytest.mark.parametrize("limit", [DEFAULT_LIMIT, 0])
def test_every_saved_query_agrees_on_both_stores(query, region, limit, seeds_graph, ox_store):
    params = {"region": region} if region else None
    memory = run_query(seeds_graph, query, params, limit=limit)
    oxigraph = run_query(ox_store, query, params, limit=limit)
    assert memory.variables == oxigraph.variables
    assert len(memory) == len(oxigraph)
    assert as_strings(memory) == as_strings(oxigraph)
    assert as_list(memory) == as_list(oxigraph)  # the ranking is total: same order
    assert memory.more == oxigraph.more
    if region is None:
        assert len(memory) >= 1


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
@pytest.mark.parametrize("region", [None, "Kaltim"])
def test_a_limited_answer_is_the_first_rows_of_the_whole(query, region, seeds_graph,
                                                         ox_store):
    params = {"region": region} if region else None
    # leads without a region: the page ranks the pairs of the busiest regions only
    # (see its header), so it is the whole answer's rows among those, in its order
    among_busiest = query.name == "leads" and region is None
    for target in (seeds_graph, ox_store):
        whole = as_list(run_query(target, query, params, limit=0))
        for k in (1, 2, 3):
            page = run_query(target, query, params, limit=k)
            if among_busiest:
                rows = as_list(page)
                assert len(rows) <= k and set(rows) <= set(whole), (k, type(target))
                assert rows == [r for r in whole if r in rows], (k, type(target))
                continue
            assert as_list(page) == whole[:k], (k, type(target))
            assert page.more == (len(whole) > k)
        if among_busiest:  # enough regions on a default page: the whole answer
            assert as_list(run_query(target, query, params)) == whole


def test_load_replaces_the_store_content(tmp_path):
    path = tmp_path / "db"
    g = Graph()
    for i in range(10):
        g.add((URIRef(f"urn:x:{i}"), URIRef("urn:p"), Literal(i)))
    assert load_oxigraph(g, path) == 10
    small = Graph()
    small.add((URIRef("urn:y"), URIRef("urn:p"), Literal("only")))
    assert load_oxigraph(small, path) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["db"]  # no temporary folder left
    with pytest.raises(StoreError, match="not a store folder"):
        load_oxigraph(small, tmp_path / "db" / "CURRENT")


def test_build_into_a_store_then_query_it(tmp_path, seeds_dir, capsys):
    out, db = tmp_path / "out", tmp_path / "db"
    code = main(["build", str(seeds_dir), "-o", str(out), "--no-html", "--no-validate", "-q",
                 "--store", f"oxigraph:{db}"])
    assert code == 0
    assert "loaded" in capsys.readouterr().err
    graph = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(open_oxigraph(db)) == len(graph)
    (out / "graph.ttl").unlink()  # the store is queried without the file
    assert main(["query", "partners", "--store", f"oxigraph:{db}", "--param", "region=Kaltim",
                 "--format", "csv"]) == 0
    answer = capsys.readouterr().out
    assert "Anhui" in answer and "Kazakhstan" in answer
    assert main(["query", "sectors", f"oxigraph:{db}"]) == 0
    assert "Investasi" in capsys.readouterr().out
    assert main(["query", "sectors", str(out / "graph.ttl"), "--store", f"oxigraph:{db}"]) == 2


def test_api_query_on_a_store(ox_path):
    import kgraph

    result = kgraph.query("regions", store=f"oxigraph:{ox_path}", params={"region": "Kaltim"})
    assert "Samarinda" in {r["regionName"] for r in result.dicts()}
