"""kgraph.resolve and the graph it gives: who an official represents."""

from __future__ import annotations

from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from kgraph.clean import clean
from kgraph.extract import extract
from kgraph.namespaces import KG
from kgraph.rdf import to_rdf
from kgraph.reader import make_article
from kgraph.resolve import resolve


def graph_of(text: str):
    article = make_article(text, Path("/tmp/uji.txt"), Path("/tmp"))
    return to_rdf(resolve([extract(clean(article))]), with_ontology=False)


def represented(graph, name: str) -> set[URIRef]:
    person = next(s for s, label in graph.subject_objects(RDFS.label)
                  if (s, RDF.type, KG.Official) in graph and name in str(label))
    return set(graph.objects(person, KG.represents))


def test_heads_of_universities_and_companies_represent_their_body():
    g = graph_of("Rektor Universitas Tadulako (Untad) Amar Sulaiman menandatangani nota "
                 "kesepahaman dengan Gubernur Sulawesi Tengah Anwar Hafid di Palu. Direktur "
                 "Utama PT Sulteng Maju Bersama Rudi Hartono juga hadir.")
    rector = represented(g, "Amar Sulaiman")
    assert len(rector) == 1 and "/org/" in str(next(iter(rector)))
    assert (next(iter(rector)), None, None) in g  # the university is described
    assert {str(r) for r in represented(g, "Anwar Hafid")} == \
        {"https://w3id.org/kgraph/id/province/ID-ST"}  # a governor: his province


def test_a_branch_named_after_a_body_is_that_body():
    article = make_article("Bank Nagari meneken PKS dengan Pemkot Solok. Kepala Bank Nagari "
                           "Solok, Rina Sari, dan Bank Nagari Cabang Painan hadir.",
                           Path("/tmp/uji.txt"), Path("/tmp"))
    corpus = resolve([extract(clean(article))])
    assert [k for k in corpus.orgs if "nagari" in k] == ["bank nagari|"]


def test_the_head_of_a_central_bank_office_represents_the_bank():
    g = graph_of("Kepala Kantor Perwakilan Bank Indonesia (KPwBI) Pematangsiantar, Budi Utomo, "
                 "hadir sebagai saksi penandatanganan MoU Pemkot Pematangsiantar dengan "
                 "Pemkab Simalungun.")
    assert {str(r).rsplit("/", 1)[-1] for r in represented(g, "Budi Utomo")} != set()
    assert not any("city" in str(r) for r in represented(g, "Budi Utomo"))
