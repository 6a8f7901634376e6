"""The ontology: documented, well-formed, aligned, loadable by rdflib and owlready2,
consistent with what the extractor emits, and its README generated from it."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kgraph import ontodoc
from kgraph.lexicon import ontology_dir
from kgraph.namespaces import KG, ONTOLOGY_IRI

ONTO = ontology_dir() / "kgraph.ttl"

CONTRACT_CLASSES = ("Country", "Province", "City", "Official", "Organization", "Agreement",
                    "Sector", "Article")
CONTRACT_PROPERTIES = ("position", "represents", "party", "sector", "locatedIn", "mentionedIn")
# what rdf.py emits (kgraph.rdf._Builder)
DATA_PROPERTIES = ("position", "represents", "memberOf", "party", "sector", "locatedIn",
                   "mentionedIn", "evidence", "inArticle", "sentence", "quote", "hasStage",
                   "stageKind", "status", "date", "kind", "region", "isoCode", "regionCode",
                   "geonamesId", "fileName", "datelinePlace", "datelineText", "outlet",
                   "contentHash")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTO, format="turtle")


def _terms(g: Graph) -> list[URIRef]:
    terms = ontodoc.kg_terms(g)
    return [t for items in terms.values() for t in items]


def _superclasses(g: Graph, c: URIRef) -> set[URIRef]:
    return {s for s in g.transitive_objects(c, RDFS.subClassOf) if isinstance(s, URIRef)}


def test_ontology_header(onto):
    o = URIRef(ONTOLOGY_IRI)
    assert (o, RDF.type, OWL.Ontology) in onto
    version = onto.value(o, OWL.versionIRI)
    assert version is not None and str(version).startswith(ONTOLOGY_IRI + "/")
    assert onto.value(o, OWL.versionInfo) is not None


def test_every_term_is_documented_in_english_and_indonesian(onto):
    terms = _terms(onto)
    assert len(terms) > 40
    for t in terms:
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in onto.objects(t, prop) if isinstance(o, Literal)}
            assert {"en", "id"} <= langs, f"{t} lacks an en/id {prop}"
        assert onto.value(t, SKOS.example) is not None, f"{t} has no skos:example"
        assert onto.value(t, RDFS.isDefinedBy) == URIRef(ONTOLOGY_IRI), t


def test_contract_and_data_terms_are_declared(onto):
    for name in CONTRACT_CLASSES:
        assert (KG[name], RDF.type, OWL.Class) in onto, name
    for name in {*CONTRACT_PROPERTIES, *DATA_PROPERTIES}:
        assert ((KG[name], RDF.type, OWL.ObjectProperty) in onto
                or (KG[name], RDF.type, OWL.DatatypeProperty) in onto), name


def test_class_hierarchy(onto):
    expected = {
        "Country": "Region", "Province": "Region", "City": "Region",
        "Official": "Agent", "Organization": "Agent",
        "GovernmentAgency": "Organization", "Company": "Organization",
        "DiplomaticMission": "Organization", "BusinessAssociation": "Organization",
        "University": "Organization",
        "Offer": "Agreement", "LetterOfIntent": "Agreement",
        "MemorandumOfUnderstanding": "Agreement", "MemorandumOfAgreement": "Agreement",
        "SisterRelationship": "Agreement",
    }
    for sub, sup in expected.items():
        assert KG[sup] in _superclasses(onto, KG[sub]), f"{sub} is not a {sup}"


def test_property_characteristics(onto):
    assert (KG.locatedIn, RDF.type, OWL.TransitiveProperty) in onto
    assert (KG.partyIn, OWL.inverseOf, KG.party) in onto
    assert (KG.contains, OWL.inverseOf, KG.locatedIn) in onto
    assert (KG.mentions, OWL.inverseOf, KG.mentionedIn) in onto
    assert (KG.contentHash, RDF.type, OWL.FunctionalProperty) in onto
    for prop in ("represents", "party", "sector", "locatedIn", "memberOf", "hasStage"):
        assert onto.value(KG[prop], RDFS.domain) is not None, prop
        assert onto.value(KG[prop], RDFS.range) is not None, prop


def _disjoint_pairs(g: Graph) -> set[frozenset]:
    pairs = {frozenset(p) for p in g.subject_objects(OWL.disjointWith)}
    for node in g.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(g, g.value(node, OWL.members)))
        pairs |= {frozenset(p) for p in itertools.combinations(members, 2)}
    return pairs


def test_disjointness_axioms(onto):
    pairs = _disjoint_pairs(onto)
    for a, b in [("Agent", "Region"), ("Official", "Organization"), ("Country", "Province"),
                 ("Country", "City"), ("Province", "City"), ("Region", "Agreement"),
                 ("GovernmentAgency", "Company")]:
        assert frozenset((KG[a], KG[b])) in pairs, (a, b)
    # an agreement reaches several kinds (offer, then MoU): its kinds must not be disjoint
    kinds = [KG.Offer, KG.LetterOfIntent, KG.MemorandumOfUnderstanding,
             KG.MemorandumOfAgreement, KG.SisterRelationship]
    for a, b in itertools.combinations(kinds, 2):
        assert frozenset((a, b)) not in pairs


def test_alignment_to_external_vocabularies(onto):
    text = {str(o) for t in _terms(onto) for p in (RDFS.subClassOf, RDFS.subPropertyOf,
                                                   SKOS.closeMatch, SKOS.broadMatch,
                                                   RDFS.seeAlso)
            for o in onto.objects(t, p)}
    for ns in ("http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#",
               "http://www.w3.org/2004/02/skos/core#", "https://schema.org/",
               "http://www.wikidata.org/entity/", "https://www.geonames.org/ontology#"):
        assert any(t.startswith(ns) for t in text), f"no alignment to {ns}"


def test_terms_used_by_the_seeds_build_are_declared(onto, seeds_graph):
    declared = set(_terms(onto))
    used = {p for p in seeds_graph.predicates() if str(p).startswith(str(KG))}
    used |= {o for o in seeds_graph.objects(None, RDF.type) if str(o).startswith(str(KG))}
    assert used - declared == set()


def test_disjointness_holds_on_the_seeds_build(onto, seeds_graph):
    """No node of the seeds build has two disjoint classes (e.g. Province and City)."""
    pairs = _disjoint_pairs(onto)
    for node in set(seeds_graph.subjects(RDF.type, None)):
        if not str(node).startswith("https://w3id.org/kgraph/id/"):
            continue
        classes = set()
        for c in seeds_graph.objects(node, RDF.type):
            if isinstance(c, URIRef):
                classes |= {c} | _superclasses(onto, c)
        clashes = [p for p in itertools.combinations(classes, 2) if frozenset(p) in pairs]
        assert not clashes, f"{node}: {clashes}"


def test_ontology_loads_in_owlready2(tmp_path, onto):
    owlready2 = pytest.importorskip("owlready2")
    # owlready2 cannot read Turtle: convert with rdflib, once to N-Triples, once to RDF/XML
    for fmt, name, owl_fmt in (("nt", "kgraph.nt", "ntriples"), ("xml", "kgraph.owl", "rdfxml")):
        path = tmp_path / name
        onto.serialize(path, format=fmt, encoding="utf-8")
        world = owlready2.World()
        o = world.get_ontology(Path(path).as_uri()).load(format=owl_fmt)
        region, province, city = (world[str(KG[n])] for n in ("Region", "Province", "City"))
        official, agent = world[str(KG.Official)], world[str(KG.Agent)]
        assert region is not None and province is not None, fmt
        assert region in province.ancestors() and agent in official.ancestors()
        located_in = world[str(KG.locatedIn)]
        assert owlready2.TransitiveProperty in located_in.is_a
        assert located_in.inverse_property is world[str(KG.contains)]
        assert any({province, city} <= set(d.entities) for d in world.disjoint_classes())
        assert len(list(o.classes())) >= 24
        world.close()


def test_ontology_readme_is_up_to_date():
    readme = ontology_dir() / "README.md"
    assert readme.read_text(encoding="utf-8") == ontodoc.render(), (
        "ontology/README.md is stale: run `python -m kgraph.ontodoc`")


def test_ontology_readme_documents_every_term(onto):
    text = (ontology_dir() / "README.md").read_text(encoding="utf-8")
    for t in _terms(onto):
        local = str(t)[len(str(KG)):]
        assert f"### kg:{local}\n" in text, local
