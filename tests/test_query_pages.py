"""Pages of the saved queries, which pick their rows in several steps: on a synthetic
graph with many articles, dates and regions, a page is the first rows of the whole
answer on rdflib and on Oxigraph, whichever way the query takes (a region named in many
or in few facts, dated or undated articles and cooperations)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from kgraph.queries import find_query, run_query
from kgraph.store import oxigraph_from_graph

ROOT = Path(__file__).resolve().parents[1]
PROV01 = URIRef("https://w3id.org/kgraph/id/province/ID-P01")
KG = "https://w3id.org/kgraph/ontology#"
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _generator():
    spec = importlib.util.spec_from_file_location("kgraph_bench_store",
                                                  ROOT / "bench" / "bench_store.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module.Generator


def _graph(articles: int, undated_every: int = 0) -> Graph:
    graph = Graph()
    graph.parse(data="".join(_generator()(articles, seed=3).generate()), format="nt")
    if undated_every:  # some articles without a date: they rank last
        dated = sorted(graph.subject_objects(DCTERMS.date))
        for k, (article, date) in enumerate(dated):
            if k % undated_every == 0:
                graph.remove((article, DCTERMS.date, date))
    return graph


@pytest.fixture(scope="module", params=["dated", "partly undated", "busiest undated"])
def stores(request):
    graph = _graph(150, undated_every=3 if request.param == "partly undated" else 0)
    if request.param == "busiest undated":
        # the articles naming the busiest province have no date, the others do: its
        # pages must still reach its undated articles
        for article in set(graph.objects(PROV01, URIRef(KG + "mentionedIn"))):
            graph.remove((article, DCTERMS.date, None))
    return graph, oxigraph_from_graph(graph)


def _rows(result) -> list[tuple[str, ...]]:
    # the parts of a concatenated cell sorted: GROUP_CONCAT has no order (lists are
    # joined by "; ", ", " or, for parties, " | ")
    return [tuple("" if t is None else "|".join(sorted(re.split(r"; |, | \| ", str(t))))
                  for t in row) for row in result.rows]


def _busiest_and_quietest(graph: Graph) -> list[str]:
    """A region named in many facts (the first province) and one named in few."""
    counts: dict[str, int] = {}
    for prop in ("party", "represents"):
        for _, region in graph.subject_objects(URIRef(KG + prop)):
            counts[str(region)] = counts.get(str(region), 0) + 1
    quiet = min((n, r) for r, n in counts.items() if "/city/" in r)[1]
    # evidence reads a region named at least 7 N times the lazy way: pages of 1 and 3
    # rows take it for the first province, the others and the quiet city do not
    assert counts[str(PROV01)] >= 7 * 4 and counts[str(PROV01)] < 7 * 9
    assert counts[quiet] < 7 * 2
    return ["Prov01", str(graph.value(URIRef(quiet), URIRef(
        "http://www.w3.org/2004/02/skos/core#prefLabel")))]


def _assert_pages(name: str, graph: Graph, store, limits: tuple[int, ...]) -> None:
    """Each page (of each limit; without a region, for the busiest and for a quiet
    region) is the first rows of the whole answer, which both stores give alike; a page
    of 3 rows is also asked of rdflib (slow: one page there)."""
    query = find_query(name)
    for region in [None, *_busiest_and_quietest(graph)]:
        params = {"region": region} if region else None
        wholes = [_rows(run_query(target, query, params, limit=0)) for target in (graph, store)]
        assert wholes[0] == wholes[1], (name, region)
        whole = wholes[0]
        assert whole or region, name
        for limit in limits:
            page = run_query(store, query, params, limit=limit)
            if limit == 3:
                other = run_query(graph, query, params, limit=limit)
                assert _rows(other) == _rows(page) and other.more == page.more
            rows = _rows(page)
            if name == "leads" and region is None:
                # the pairs of the busiest regions only (see its header): rows of the
                # whole answer, in its order
                assert len(rows) <= limit and set(rows) <= set(whole)
                assert rows == [r for r in whole if r in set(rows)]
                continue
            assert rows == whole[:limit], (name, region, limit)
            assert page.more == (len(whole) > limit)


@pytest.mark.parametrize("name", ["articles", "evidence", "officials", "leads",
                                  "recurring-officials", "organisations"])
def test_pages_are_the_first_rows_of_the_whole_answer(name, stores):
    # a page of 3 rows takes the lazy ways (a region named in many facts), 30 the others
    _assert_pages(name, *stores, limits=(1, 3, 30))


def test_the_whole_leads_answer_on_a_large_page(stores):
    """Without a region, a page taking every region is the whole answer."""
    graph, store = stores
    query = find_query("leads")
    whole = _rows(run_query(store, query, limit=0))
    parties = set(graph.objects(None, URIRef(KG + "party")))
    # each region counts thrice against the limit (see the header)
    page = run_query(store, query, limit=len(whole) + 3 * len(parties) + 3)
    assert len(whole) > 10 and _rows(page) == whole and not page.more


@pytest.fixture(scope="module", params=[0, 3, 1], ids=["dated", "partly undated", "undated"])
def cooperation_stores(request):
    """Some cooperations (kg:Agreement) without a kg:date: every third one, or all."""
    graph = _graph(150)
    if request.param:
        kg_date = URIRef(KG + "date")
        dated = sorted((node, date) for node, date in graph.subject_objects(kg_date)
                       if (node, RDF_TYPE, URIRef(KG + "Agreement")) in graph)
        for k, (node, date) in enumerate(dated):
            if k % request.param == 0:
                graph.remove((node, kg_date, date))
    return graph, oxigraph_from_graph(graph)


@pytest.mark.parametrize("name", ["agreements", "partners", "foreign-partners", "sectors",
                                  "regions"])
def test_cooperation_pages_are_the_first_rows_of_the_whole_answer(name, cooperation_stores):
    """The cooperation queries pick their page from a cut-off date (undated cooperations
    only when fewer than N are dated) or from the region's cooperations: a page is the
    first rows of the whole answer, on both stores."""
    # 50: more than the dated cooperations of the partly undated graph
    _assert_pages(name, *cooperation_stores, limits=(1, 3, 30, 50))
