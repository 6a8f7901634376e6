"""Exports: every format parses back; Turtle and N-Triples agree across rdflib,
Oxigraph and Raptor's rapper; named graphs per article; Gephi formats."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import zipfile

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF

from kgraph.cli import main
from kgraph.export import (
    FORMATS,
    ExportError,
    dataset_union,
    export,
    serialize,
    to_dataset,
    to_networkx,
)
from kgraph.namespaces import KG, ONTOLOGY_IRI

RAPPER = shutil.which("rapper")
needs_rapper = pytest.mark.skipif(
    RAPPER is None, reason="Raptor's rapper is not installed (Debian raptor2-utils; "
                           "`make system-deps` installs it)")


@pytest.fixture(scope="module")
def exported(seeds_graph, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    paths = {}
    for fmt in FORMATS:
        target = folder / ("csv" if fmt == "csv" else f"graph.{fmt}")
        paths[fmt] = export(seeds_graph, fmt, target).paths
    return paths


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_formats_round_trip(fmt, parser, exported, seeds_graph):
    back = Graph().parse(exported[fmt][0], format=parser)
    assert len(back) == len(seeds_graph)
    assert isomorphic(back, seeds_graph)


def test_jsonld_has_a_context(exported):
    doc = json.loads(exported["jsonld"][0].read_text(encoding="utf-8"))
    assert doc["@context"]["kg"] == str(KG)
    assert "kgr:" in json.dumps(doc["@graph"])  # IRIs compacted with the context


@pytest.mark.parametrize("fmt,parser", [("trig", "trig"), ("nq", "nquads")])
def test_named_graph_formats_round_trip(fmt, parser, exported, seeds_graph):
    ds = Dataset()
    ds.parse(exported[fmt][0], format=parser)
    assert isomorphic(dataset_union(ds), seeds_graph)
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    articles = {str(a) for a in seeds_graph.subjects(RDF.type, KG.Article)}
    assert articles <= names and ONTOLOGY_IRI in names


def test_one_graph_per_article(seeds_graph):
    ds = to_dataset(seeds_graph)
    ontology = ds.graph(ONTOLOGY_IRI)
    assert (KG.Agreement, RDF.type, None) in ontology
    assert not any(s == KG.Agreement for s in ds.graph(DATASET_DEFAULT_GRAPH_ID).subjects())
    for article in seeds_graph.subjects(RDF.type, KG.Article):
        g = ds.graph(article)
        assert (article, RDF.type, KG.Article) in g
        # the nodes read in the article are described in its graph
        for node in seeds_graph.subjects(KG.mentionedIn, article):
            assert (node, KG.mentionedIn, article) in g
            assert (node, RDF.type, None) in g
        # a mention link lives only in the graph of the article it names
        for _node, other in g.subject_objects(KG.mentionedIn):
            assert other == article
        for e in g.objects(None, KG.evidence):
            assert (e, KG.inArticle, article) in seeds_graph


def _rapper_count(path, syntax):
    proc = subprocess.run([RAPPER, "-i", syntax, "-c", str(path)], capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    m = re.search(r"returned (\d+) triples", proc.stderr)
    assert m, proc.stderr
    return int(m.group(1))


@needs_rapper
@pytest.mark.parametrize("fmt,syntax,oxformat", [
    ("ttl", "turtle", ox.RdfFormat.TURTLE), ("nt", "ntriples", ox.RdfFormat.N_TRIPLES)])
def test_same_triple_count_in_rdflib_oxigraph_and_rapper(fmt, syntax, oxformat, exported,
                                                         seeds_graph):
    path = exported[fmt][0]
    store = ox.Store()
    store.load(path=str(path), format=oxformat)
    assert _rapper_count(path, syntax) == len(store) == len(seeds_graph)


@needs_rapper
def test_built_graph_ttl_parses_in_rapper(seeds_ttl):
    count = _rapper_count(seeds_ttl, "turtle")
    assert count == len(Graph().parse(seeds_ttl, format="turtle"))


def test_graphml_and_gexf_round_trip(exported, seeds_graph):
    expected = to_networkx(seeds_graph)
    assert expected.number_of_nodes() > 50 and expected.number_of_edges() > 100
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        back = reader(exported[fmt][0])
        assert set(back.nodes) == set(expected.nodes), fmt
        assert back.number_of_edges() == expected.number_of_edges(), fmt
        for n, data in expected.nodes(data=True):
            assert back.nodes[n]["label"] == data["label"], (fmt, n)
            if fmt == "graphml":
                assert back.nodes[n]["class"] == data["class"], (fmt, n)
        relations = {d.get("relation") for _, _, d in back.edges(data=True)}
        assert {"kg:party", "kg:represents", "kg:locatedIn", "kg:mentionedIn"} <= relations


def test_entity_graph_shape(seeds_graph):
    g = to_networkx(seeds_graph)
    classes = {d["class"] for _, d in g.nodes(data=True)}
    assert {"Article", "Province", "Official", "Sector"} <= classes
    assert "Evidence" not in classes and "Class" not in classes
    ki = g.nodes["https://w3id.org/kgraph/id/province/ID-KI"]
    assert ki["label"] == "Kalimantan Timur" and "Kaltim" in ki["aliases"]
    with_evidence = to_networkx(seeds_graph, evidence=True)
    assert with_evidence.number_of_nodes() > g.number_of_nodes()


def test_csv_folder_and_zip(exported, seeds_graph, tmp_path):
    nodes_path, edges_path = exported["csv"]
    nodes = list(csv.DictReader(nodes_path.open(encoding="utf-8")))
    edges = list(csv.DictReader(edges_path.open(encoding="utf-8")))
    g = to_networkx(seeds_graph)
    assert {r["Id"] for r in nodes} == set(g.nodes)
    assert len(edges) == g.number_of_edges()
    assert {"Source", "Target", "Type", "Label"} == set(edges[0])
    assert all(r["Source"] in g and r["Target"] in g for r in edges)
    result = export(seeds_graph, "csv", tmp_path / "graph.zip")
    with zipfile.ZipFile(result.paths[0]) as z:
        assert sorted(z.namelist()) == ["edges.csv", "nodes.csv"]
        assert z.read("nodes.csv").decode() == nodes_path.read_text(encoding="utf-8")
    with pytest.raises(ExportError, match="-o FOLDER"):
        export(seeds_graph, "csv", None)
    with pytest.raises(ExportError, match="unknown format"):
        serialize(seeds_graph, "rdfxml")


def test_cli_export(seeds_ttl, tmp_path, capsysbinary):
    assert main(["export", str(seeds_ttl), "--format", "nt"]) == 0
    out = capsysbinary.readouterr().out
    assert len(Graph().parse(data=out.decode(), format="nt")) == len(
        Graph().parse(seeds_ttl, format="turtle"))
    target = tmp_path / "g.trig"
    assert main(["export", str(seeds_ttl), "--format", "trig", "-o", str(target)]) == 0
    assert target.is_file() and b"wrote" in capsysbinary.readouterr().err
    assert main(["export", str(seeds_ttl), "--format", "csv", "-o", str(tmp_path / "t")]) == 0
    assert (tmp_path / "t" / "edges.csv").is_file()
    assert main(["export", str(tmp_path / "missing.ttl")]) == 2
    assert main(["export", str(seeds_ttl), "--format", "csv"]) == 2
