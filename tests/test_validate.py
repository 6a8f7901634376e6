"""SHACL validation: broken graphs give the expected violations, correct ones conform."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from kgraph.cli import main
from kgraph.namespaces import KG
from kgraph.validate import load_graph, validate, validate_file

BROKEN = Path(__file__).parent / "data" / "broken"
KGR = "https://w3id.org/kgraph/id/"
AGREEMENT = KGR + "agreement/province-cn-ah--province-id-ki"
AKMAL = KGR + "person/akmal-malik"

# file -> {(focus node, path, constraint component)} of its sh:Violation results
EXPECTED = {
    "agreement_one_party.ttl": {(AGREEMENT, "kg:party", "MinCountConstraintComponent")},
    "official_without_position.ttl": {(AKMAL, "kg:position", "MinCountConstraintComponent")},
    "official_and_province.ttl": {
        (AKMAL, "", "NotConstraintComponent"),
        (AKMAL, "kg:locatedIn", "MinCountConstraintComponent"),
    },
    "province_and_city.ttl": {
        (KGR + "city/ID-64.72", "", "NotConstraintComponent"),
        (KGR + "city/ID-64.72", "kg:locatedIn", "ClassConstraintComponent"),
        (KGR + "city/ID-64.72", "kg:regionCode", "PatternConstraintComponent"),
    },
    "party_is_a_sector.ttl": {(AGREEMENT, "kg:party", "OrConstraintComponent")},
    "article_two_hashes.ttl": {(KGR + "article/a1", "kg:contentHash",
                                "MaxCountConstraintComponent")},
    "sector_not_in_scheme.ttl": {
        ("https://w3id.org/kgraph/sector/industri", "skos:inScheme",
         "HasValueConstraintComponent"),
        (AGREEMENT, "kg:sector", "NodeConstraintComponent"),
    },
    "city_without_parent.ttl": {(KGR + "city/ID-64.72", "kg:locatedIn",
                                 "MinCountConstraintComponent")},
    "country_without_provenance.ttl": {
        (KGR + "country/ID", "(^kg:locatedIn)*/kg:mentionedIn", "MinCountConstraintComponent"),
        (KGR + "province/ID-KI", "kg:locatedIn", "MinCountConstraintComponent"),
    },
    "official_without_provenance.ttl": {
        (AKMAL, "kg:mentionedIn", "MinCountConstraintComponent"),
        (AKMAL, "kg:memberOf", "ClassConstraintComponent"),
    },
}

def test_control_graph_conforms():
    report = validate_file(BROKEN / "control_valid.ttl")
    assert report.conforms, report.text()
    assert report.results == ()


def test_every_broken_file_is_tested():
    files = {p.name for p in BROKEN.glob("*.ttl")} - {"control_valid.ttl"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_graph_gives_expected_violations(name):
    graph = load_graph(BROKEN / name)
    report = validate(graph)
    assert not report.conforms
    got = {(r.focus, r.path, r.constraint) for r in report.violations}
    assert got == EXPECTED[name], report.text()
    for r in report.violations:
        assert r.message and not r.message.startswith("Node ")  # our words, not pySHACL's
        mentioned = (URIRef(r.focus), KG.mentionedIn, None) in graph
        assert r.articles == (("a1.txt",) if mentioned else ())


def test_messages_name_the_problem():
    one_party = validate_file(BROKEN / "agreement_one_party.ttl").violations[0]
    assert "at least two distinct parties" in one_party.message
    assert one_party.focus_label.startswith("Kerja sama Anhui – Kalimantan Timur")
    no_position = validate_file(BROKEN / "official_without_position.ttl").violations[0]
    assert "needs a position" in no_position.message
    assert no_position.focus_label == "Akmal Malik (kgr:person/akmal-malik)"
    line = no_position.line()
    assert line.startswith("VIOLATION: Akmal Malik (kgr:person/akmal-malik) [kg:position]: ")
    assert line.endswith("— from a1.txt")
    both = validate_file(BROKEN / "official_and_province.ttl")
    assert any("both a region and an agent" in r.message for r in both.violations)


def test_warnings_do_not_break_conformance():
    g = load_graph(BROKEN / "control_valid.ttl")
    g.add((next(iter(g.subjects(RDF.type, KG.Official))), KG.represents,
           next(iter(g.subjects(RDF.type, KG.Country)))))
    report = validate(g)
    assert report.conforms
    assert [r.severity for r in report.results] == ["Warning"]
    assert report.violations == ()


def test_seeds_build_conforms(seeds_build):
    """The seeds build satisfies every shape. A failure here with the shapes unchanged
    is an extractor or resolver bug: the line printed names the node and the article."""
    t0 = time.perf_counter()
    report = validate(seeds_build.graph)
    assert time.perf_counter() - t0 < 5, "validating the seeds graph should take seconds"
    assert [r.line() for r in report.violations] == []
    assert report.conforms
    assert seeds_build.violations == 0  # what `kgraph build` reports


# ---------------------------------------------------------------- command line
def test_cli_validate_exit_codes(capsys, tmp_path):
    assert main(["validate", str(BROKEN / "control_valid.ttl")]) == 0
    out = capsys.readouterr().out
    assert out.strip().startswith("conforms: 0 violation(s)")

    assert main(["validate", str(BROKEN / "agreement_one_party.ttl")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("VIOLATION: Kerja sama Anhui – Kalimantan Timur "
                             "(kgr:agreement/province-cn-ah--province-id-ki) [kg:party]: "
                             "An agreement needs at least two distinct parties")
    assert out[0].endswith("— from a1.txt")
    assert out[-1].startswith("does not conform: 1 violation(s)")

    assert main(["validate", str(tmp_path / "missing.ttl")]) == 2
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is <not turtle", encoding="utf-8")
    assert main(["validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "not a readable RDF graph" in err


def test_build_reports_violations(tmp_path, seeds_dir, capsys):
    from kgraph.cli import format_summary
    from kgraph.pipeline import build

    one = sorted(seeds_dir.glob("*.txt"))[:1]
    result = build(one, tmp_path / "out", html=False, validate=False)
    assert result.violations is None
    assert "SHACL violations" not in format_summary(result)
    assert main(["build", str(one[0]), "-o", str(tmp_path / "out2"), "--no-html"]) == 0
    err = capsys.readouterr().err
    assert "SHACL violations: " in err
