"""OWL reasoning with HermiT: inferred triples on a correct graph, explained
inconsistencies on graphs broken on purpose, a documented exit code without Java."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kgraph.cli import EXIT_NO_JAVA, main
from kgraph.namespaces import KG, SCHEMA
from kgraph.reason import (
    JavaNotFoundError,
    explain,
    find_java,
    reason,
    reasoner_input,
)
from kgraph.validate import load_graph

BROKEN = Path(__file__).parent / "data" / "broken"
KGR = "https://w3id.org/kgraph/id/"


def _java_or_skip() -> None:
    try:
        find_java()
    except JavaNotFoundError as exc:  # CI has Java: these run there
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def seeds_reasoning(seeds_graph):
    _java_or_skip()
    return reason(seeds_graph)


def test_seeds_build_is_consistent_and_gains_inferred_triples(seeds_graph, seeds_reasoning):
    r = seeds_reasoning
    assert r.consistent, [c.message for c in r.clashes]
    inferred = r.inferred
    assert len(inferred) > 100
    # asserted and inferred stay apart: nothing asserted is repeated
    assert not any(t in seeds_graph for t in inferred)
    counts = r.counts
    for key in ("kg:contains", "kg:partyIn", "kg:mentions", "rdf:type"):
        assert counts.get(key, 0) > 0, counts
    samarinda, kaltim, indonesia = (URIRef(KGR + x) for x in
                                    ("city/ID-64.72", "province/ID-KI", "country/ID"))
    if (samarinda, KG.locatedIn, kaltim) in seeds_graph:
        # transitive closure and its inverse
        assert (samarinda, KG.locatedIn, indonesia) in inferred
        assert (indonesia, KG.contains, samarinda) in inferred
        assert (samarinda, RDF.type, KG.Region) in inferred
        assert (samarinda, RDF.type, SCHEMA.Place) in inferred
    party = next(iter(seeds_graph.objects(None, KG.party)))
    assert (party, RDF.type, KG.CooperationParty) in inferred
    assert sum(r.seconds.values()) < 60


def test_seeds_inferred_file_is_turtle(tmp_path, seeds_reasoning):
    from kgraph.reason import write_inferred

    path = write_inferred(seeds_reasoning, tmp_path / "inferred.ttl", "graph.ttl")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Inferred by `kgraph reason`")
    assert len(Graph().parse(path, format="turtle")) == len(seeds_reasoning.inferred)


def test_reasoner_input_leaves_out_what_hermit_cannot_use(seeds_graph):
    g = reasoner_input(seeds_graph)
    assert not list(g.subjects(RDF.type, KG.Evidence))
    assert not list(g.triples((None, KG.kind, None)))
    assert not list(g.triples((None, KG.date, None)))  # xsd:gYearMonth is not OWL 2
    assert list(g.triples((None, KG.locatedIn, None)))


def test_control_graph_is_consistent():
    _java_or_skip()
    r = reason(load_graph(BROKEN / "control_valid.ttl"))
    assert r.consistent and r.clashes == ()
    agreement = URIRef(KGR + "agreement/province-cn-ah--province-id-ki")
    assert (agreement, RDF.type, KG.SignedAgreement) in r.inferred
    assert (agreement, KG.involvesRegion, URIRef(KGR + "country/CN")) in r.inferred
    assert (agreement, KG.involvesRegion, URIRef(KGR + "country/ID")) in r.inferred
    assert (URIRef(KGR + "city/ID-64.72"), KG.locatedIn, URIRef(KGR + "country/ID")) \
        in r.inferred


# file -> (node, words every explanation of that node must contain)
INCONSISTENT = {
    "official_and_province.ttl": (KGR + "person/akmal-malik",
                                  ("kg:Official", "kg:Province",
                                   "kg:Agent owl:disjointWith kg:Region")),
    "province_and_city.ttl": (KGR + "city/ID-64.72",
                              ("kg:City", "kg:Province", "kg:City owl:disjointWith kg:Province")),
    "party_is_a_sector.ttl": ("https://w3id.org/kgraph/sector/industri",
                              ("kg:Sector", "value of kg:party", "kg:Region")),
    "article_two_hashes.ttl": (KGR + "article/a1",
                               ("kg:contentHash", "owl:FunctionalProperty")),
}


@pytest.mark.parametrize("name", sorted(INCONSISTENT))
def test_broken_graph_is_inconsistent_with_an_explanation(name):
    _java_or_skip()
    r = reason(load_graph(BROKEN / name))
    assert not r.consistent
    assert len(r.inferred) == 0
    node, words = INCONSISTENT[name]
    assert r.clashes and all(c.node == node for c in r.clashes), r.clashes
    for c in r.clashes:
        for w in words:
            assert w in c.message, c.message
        assert c.axioms


def test_explain_without_hermit():
    """The explanation comes from the axioms, so it can be checked without Java."""
    g = reasoner_input(load_graph(BROKEN / "official_and_province.ttl"))
    clashes = explain(g)
    assert [c.node for c in clashes] == [KGR + "person/akmal-malik"]
    assert clashes[0].message.startswith("Akmal Malik (kgr:person/akmal-malik) is ")
    assert clashes[0].axioms == ("kg:Agent owl:disjointWith kg:Region",)
    assert explain(reasoner_input(load_graph(BROKEN / "agreement_one_party.ttl")))[0].node == ""


# ---------------------------------------------------------------- command line
def test_cli_reason(tmp_path, capsys):
    _java_or_skip()
    graph = tmp_path / "graph.ttl"
    graph.write_bytes((BROKEN / "control_valid.ttl").read_bytes())
    assert main(["reason", str(graph)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("consistent: ") and "wrote " in out
    inferred = Graph().parse(tmp_path / "inferred.ttl", format="turtle")
    assert len(inferred) > 0
    assert len(Graph().parse(graph, format="turtle")) == len(load_graph(graph))  # untouched

    assert main(["reason", str(BROKEN / "official_and_province.ttl"), "-o",
                 str(tmp_path / "x.ttl")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("INCONSISTENT: Akmal Malik (kgr:person/akmal-malik) is ")
    assert out[-1].startswith("inconsistent: 1 clash(es)")
    assert not (tmp_path / "x.ttl").exists()


def test_cli_reason_without_java(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("KGRAPH_JAVA", str(tmp_path / "no-java-here"))
    assert main(["reason", str(BROKEN / "control_valid.ttl"), "-o",
                 str(tmp_path / "x.ttl")]) == EXIT_NO_JAVA == 4
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kgraph: Java not found")


def test_cli_reason_unreadable_graph(tmp_path, capsys):
    assert main(["reason", str(tmp_path / "missing.ttl")]) == 2
    assert "no such graph file" in capsys.readouterr().err
