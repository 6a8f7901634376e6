"""kgraph.evaluate and `kgraph evaluate`: the scoring rules on small graphs written
here, the command line, and (when the reference scorer sits beside the repo, as in
CI) the same figures as the reference on the seeds and on every dev case."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from kgraph.cli import main
from kgraph.evaluate import (
    GOLD_FORMAT,
    EvaluationReport,
    GoldError,
    Score,
    evaluate,
    evaluate_files,
    gold_articles,
    iter_case_dirs,
    load_gold,
    norm_name,
    validate_gold,
)
from kgraph.lexicon import ontology_dir

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
SEEDS_GOLD = CORPUS / "seeds" / "gold.json"
REFERENCE = ROOT.parent / "shared" / "eval" / "score_kg.py"

# Any namespace works: the scorer reads local names.
PREFIXES = """
@prefix ex: <http://example.org/onto#> .
@prefix id: <http://example.org/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


def graph(ttl: str) -> Graph:
    return Graph().parse(data=PREFIXES + ttl, format="turtle")


def gold(**parts: Any) -> dict[str, Any]:
    return {"format": GOLD_FORMAT, "entities": [], **parts}


JABAR = {"id": "jabar", "types": ["Province"], "names": ["Jawa Barat", "Jabar"]}
GYEONGGI = {"id": "gyeonggi", "types": ["Province"], "names": ["Gyeonggi", "Gyeonggi-do"]}
INDONESIA = {"id": "indonesia", "types": ["Country"], "names": ["Indonesia"]}
BANDUNG = {"id": "bandung", "types": ["City"], "names": ["Bandung"]}
PENDIDIKAN = {"id": "pendidikan", "types": ["Sector"], "keys": ["pendidikan", "education"]}
PERTANIAN = {"id": "pertanian", "types": ["Sector"], "keys": ["pertanian"]}
BEY = {"id": "bey", "types": ["Official"], "names": ["Bey Triadi Machmudin"],
       "position_any": ["gubernur"], "represents_any": ["jabar", "pemprov-jabar"]}
PEMPROV = {"id": "pemprov-jabar", "types": ["Organization"], "optional": True,
           "party_of": "jabar", "keys": ["pemprov jabar", "pemerintah provinsi jawa barat"]}


def test_a_perfect_graph_scores_one():
    g = graph("""
        id:jb a ex:Province ; rdfs:label "Jawa Barat" ; ex:locatedIn id:id .
        id:id a ex:Country ; rdfs:label "Indonesia" .
        id:gg a ex:Province ; skos:prefLabel "Gyeonggi-do" .
        id:bey a ex:Official ; rdfs:label "Bey Triadi Machmudin" ;
            ex:position "Penjabat Gubernur" ; ex:represents id:jb .
        id:edu a ex:Sector ; rdfs:label "Pendidikan" .
        id:a1 a ex:Agreement ; ex:party id:jb, id:gg ; ex:sector id:edu .
    """)
    report = evaluate(g, gold(
        entities=[JABAR, GYEONGGI, INDONESIA, BEY, PENDIDIKAN],
        located_in=[{"child": "jabar", "parent": "indonesia"}],
        cooperations=[{"parties": ["jabar", "gyeonggi"], "sectors": ["pendidikan"]}]))
    assert isinstance(report, EvaluationReport)
    assert report.f1 == 1.0
    assert report.overall == Score("overall", 10, 0, 0)  # 5 entities, 5 facts
    assert not report.errors
    assert report.checks.agreement_nodes == 1


def test_subclasses_count_from_the_graph_or_the_ontology(tmp_path):
    data = """
        id:b a ex:Kota ; rdfs:label "Bandung" .
    """
    g = graph(data + "ex:Kota rdfs:subClassOf ex:Kabupaten . "
                     "ex:Kabupaten rdfs:subClassOf ex:City .")
    assert evaluate(g, gold(entities=[BANDUNG])).category("City") == Score("City", 1, 0, 0)

    bare = graph(data)
    assert evaluate(bare, gold(entities=[BANDUNG])).category("City").fn == 1
    onto = tmp_path / "onto"
    onto.mkdir()
    (onto / "classes.ttl").write_text(PREFIXES + "ex:Kota rdfs:subClassOf ex:City .")
    (onto / "README.md").write_text("not RDF: ignored")
    assert evaluate(bare, gold(entities=[BANDUNG]), onto).category("City").tp == 1


def test_names_ignore_case_punctuation_initials_and_honorifics():
    g = graph("""
        id:p a ex:Official ; rdfs:label "Dr. H. BEY Triadi Machmudin, S.H., M.M." .
        id:r a ex:Province ; rdfs:label "Provinsi Jawa Barat" .
    """)
    report = evaluate(g, gold(entities=[JABAR, {**BEY, "position_any": [],
                                                "represents_any": []}]))
    assert report.category("Official").tp == 1
    assert report.category("Province").tp == 1
    assert norm_name("H. M. Faisal, S.E.") == "faisal"
    # region words are ignored for regions only
    assert norm_name("Kota Bandung", region=True) == "bandung"
    assert norm_name("Kota Bandung") == "kota bandung"
    assert norm_name("Kota", region=True) == "kota"  # nothing else left: kept


def test_keys_match_the_longest_whole_word_phrase():
    entities = [
        {"id": "dinas-perindustrian", "types": ["Organization"], "keys": ["dinas perindustrian"]},
        {"id": "disperindag", "types": ["Organization"],
         "keys": ["disperindag", "dinas perindustrian dan perdagangan"]},
        {"id": "bi", "types": ["Organization"], "keys": ["bi"]},
    ]
    g = graph("""
        id:o1 a ex:Organization ; rdfs:label "Dinas Perindustrian dan Perdagangan Jatim" .
        id:o2 a ex:Organization ; rdfs:label "Bibit Unggul" .
    """)
    report = evaluate(g, gold(entities=entities))
    assert report.category("Organization") == Score("Organization", 1, 1, 2)
    assert report.errors["Organization:missing"] == ("dinas-perindustrian", "bi")
    assert report.errors["Organization:unexpected"] == (["Bibit Unggul"],)


def test_duplicates_and_unknown_nodes_are_false_positives():
    g = graph("""
        id:a a ex:Province ; rdfs:label "Jawa Barat" .
        id:b a ex:Province ; rdfs:label "Jabar" .
        id:c a ex:Province ; rdfs:label "Atlantis" .
    """)
    report = evaluate(g, gold(entities=[JABAR]))
    assert report.category("Province") == Score("Province", 1, 2, 0)
    assert report.category("Province").precision == round(1 / 3, 4)
    assert report.errors["Province:duplicate"] == (["jabar", [["Jabar"], ["Jawa Barat"]]],)


def test_optional_entries_are_accepted_not_required():
    g = graph("""
        id:o a ex:Organization ; rdfs:label "Pemprov Jabar" .
        id:x a ex:City ; rdfs:label "Kalimantan" .
    """)
    island = {"id": "kalimantan", "types": ["*"], "optional": True, "names": ["Kalimantan"]}
    report = evaluate(g, gold(entities=[PEMPROV, island, {**BANDUNG, "optional": True}]))
    assert report.overall == Score("overall", 0, 0, 0)
    assert report.f1 == 1.0  # nothing expected, nothing wrong


def test_position_and_represents():
    g = graph("""
        id:jb a ex:Province ; rdfs:label "Jawa Barat" .
        id:gg a ex:Province ; rdfs:label "Gyeonggi" .
        id:bey a ex:Official ; rdfs:label "Bey Triadi Machmudin" ;
            ex:position "Wakil Ketua" ; ex:represents id:gg .
    """)
    report = evaluate(g, gold(entities=[JABAR, GYEONGGI, BEY]))
    # a wrong value is a false positive and a false negative; no value only the latter
    assert report.category("position") == Score("position", 0, 1, 1)
    assert report.category("represents") == Score("represents", 0, 1, 1)
    assert report.errors["position:wrong"] == (["bey", ["wakil ketua"]],)
    assert report.errors["represents:wrong"] == (["bey", ["gyeonggi"]],)


def test_missing_position_and_represents():
    g = graph('id:bey a ex:Official ; rdfs:label "Bey Triadi Machmudin" .')
    report = evaluate(g, gold(entities=[BEY]))
    assert report.category("position") == Score("position", 0, 0, 1)
    assert report.errors["position:missing"] == (["bey", []],)
    assert report.errors["represents:missing"] == (["bey", []],)


def test_represents_through_a_government_body():
    g = graph("""
        id:pj a ex:Organization ; rdfs:label "Pemerintah Provinsi Jawa Barat" .
        id:bey a ex:Official ; rdfs:label "Bey Triadi Machmudin" ;
            ex:position "Penjabat Gubernur Jawa Barat" ; ex:represents id:pj .
    """)
    report = evaluate(g, gold(entities=[JABAR, BEY, PEMPROV]))
    assert report.category("represents").tp == 1
    assert report.category("position").tp == 1


def test_located_in_is_transitive():
    g = graph("""
        id:bd a ex:City ; rdfs:label "Bandung" ; ex:locatedIn id:jb .
        id:jb a ex:Province ; rdfs:label "Jawa Barat" ; ex:locatedIn id:id .
        id:id a ex:Country ; rdfs:label "Indonesia" .
    """)
    report = evaluate(g, gold(entities=[BANDUNG, JABAR, INDONESIA], located_in=[
        {"child": "bandung", "parent": "indonesia"},
        {"child": "jabar", "parent": "bandung"},
        {"child": "bandung", "parent": "jabar", "optional": True}]))
    assert report.category("located_in") == Score("located_in", 1, 0, 1)
    assert report.errors["located_in:missing"] == (["jabar", "bandung"],)


def test_cooperation_pairs_party_of_and_sectors():
    g = graph("""
        id:pj a ex:Organization ; rdfs:label "Pemprov Jabar" .
        id:gg a ex:Province ; rdfs:label "Gyeonggi" .
        id:jb a ex:Province ; rdfs:label "Jawa Barat" .
        id:id a ex:Country ; rdfs:label "Indonesia" .
        id:edu a ex:Sector ; rdfs:label "Education" .
        id:agr a ex:Sector ; rdfs:label "Pertanian" .
        id:mar a ex:Sector ; rdfs:label "Maritim" .
        id:a1 a ex:SisterProvince ; ex:party id:pj, id:gg ; ex:sector id:edu, id:mar .
        id:a2 a ex:Agreement ; ex:party id:jb, id:id ; ex:sector id:agr .
        ex:SisterProvince rdfs:subClassOf ex:Agreement .
    """)
    report = evaluate(g, gold(
        entities=[JABAR, GYEONGGI, INDONESIA, PEMPROV, PENDIDIKAN, PERTANIAN],
        cooperations=[{"parties": ["jabar", "gyeonggi"], "sectors": ["pendidikan", "pertanian"]}]))
    assert report.category("cooperation") == Score("cooperation", 1, 1, 0)
    assert report.errors["cooperation:unexpected"] == (["indonesia", "jabar"],)
    # pendidikan found; pertanian missing; maritim is wrong on the gold pair and
    # every sector of a wrong pair is wrong
    assert report.category("coop_sector") == Score("coop_sector", 1, 2, 1)
    assert report.errors["coop_sector:unexpected"] == (
        [["gyeonggi", "jabar"], "?Maritim"], [["indonesia", "jabar"], "pertanian"])


def test_optional_cooperations_and_any_sector():
    g = graph("""
        id:jb a ex:Province ; rdfs:label "Jawa Barat" .
        id:gg a ex:Province ; rdfs:label "Gyeonggi" .
        id:id a ex:Country ; rdfs:label "Indonesia" .
        id:mar a ex:Sector ; rdfs:label "Maritim" .
        id:a1 a ex:Agreement ; ex:party id:jb, id:gg ; ex:sector id:mar .
        id:a2 a ex:Agreement ; ex:party id:jb, id:id ; ex:sector id:mar .
    """)
    report = evaluate(g, gold(entities=[JABAR, GYEONGGI, INDONESIA], cooperations=[
        {"parties": ["jabar", "gyeonggi"], "sectors": [], "optional_sectors": ["*"]},
        {"parties": ["jabar", "indonesia"], "optional": True}]))
    assert report.category("cooperation") == Score("cooperation", 1, 0, 0)
    assert report.category("coop_sector") == Score("coop_sector", 0, 0, 0)


def test_provenance_check():
    g = graph("""
        id:art a ex:Article .
        id:p1 a ex:Official ; rdfs:label "A" ; ex:mentionedIn id:art .
        id:p2 a ex:Official ; rdfs:label "B" ; ex:mentionedIn id:nowhere .
        id:a1 a ex:Agreement ; ex:wasDerivedFrom id:art .
    """)
    checks = evaluate(g, gold()).checks
    assert checks.article_nodes == 1
    assert checks.provenance_coverage == round(2 / 3, 4)
    assert checks.without_provenance == ("http://example.org/id/p2",)


def test_report_as_json_and_table():
    g = graph('id:jb a ex:Province ; rdfs:label "Jawa Barat" .')
    report = evaluate(g, gold(entities=[JABAR, GYEONGGI]))
    data = json.loads(json.dumps(report.to_dict()))
    assert set(data) == {"overall", "categories", "checks", "errors", "warnings"}
    assert list(data["categories"]) == ["Province", "Country", "City", "Official",
                                        "Organization", "Sector", "position", "represents",
                                        "located_in", "cooperation", "coop_sector"]
    assert data["categories"]["Province"] == {"tp": 1, "fp": 0, "fn": 1, "precision": 1.0,
                                              "recall": 0.5, "f1": 0.6667}
    table = report.format_table()
    assert "Province:missing" in table and "gyeonggi" in table
    assert table.splitlines()[-1] == "overall P=1.000 R=0.500 F1=0.667"


def test_gold_errors_and_warnings():
    with pytest.raises(GoldError, match="not supported"):
        validate_gold({"format": "other/2", "entities": []})
    with pytest.raises(GoldError, match="'types'"):
        validate_gold(gold(entities=[{"id": "x", "names": ["X"]}]))
    with pytest.raises(GoldError, match=r"'names'.*'keys'"):
        validate_gold(gold(entities=[{"id": "x", "types": ["City"]}]))
    with pytest.raises(GoldError, match="parties"):
        validate_gold(gold(cooperations=[{"sectors": []}]))
    warnings = validate_gold(gold(
        entities=[{**BEY, "represents_any": ["jabr"]}, {"id": "t", "types": ["Town"],
                                                         "names": ["T"]}],
        located_in=[{"child": "t", "parent": "nowhere"}],
        cooperations=[{"parties": ["t", "t"]}]))
    text = "\n".join(warnings)
    for expected in ("'jabr'", "'Town'", "'nowhere'", "two different parties"):
        assert expected in text
    assert not validate_gold(json.loads(SEEDS_GOLD.read_text(encoding="utf-8")))


def test_load_gold_reports_bad_files(tmp_path):
    bad = tmp_path / "gold.json"
    bad.write_text("{ not json", encoding="utf-8")
    with pytest.raises(GoldError, match="not valid JSON"):
        load_gold(bad)
    with pytest.raises(FileNotFoundError):
        load_gold(tmp_path / "missing.json")


def test_gold_articles_resolve_beside_the_gold_file():
    paths = gold_articles(load_gold(SEEDS_GOLD), SEEDS_GOLD)
    assert len(paths) == 5 and all(p.is_file() for p in paths)
    for case in iter_case_dirs(CORPUS / "dev"):
        gold_path = case / "gold.json"
        assert all(p.is_file() for p in gold_articles(load_gold(gold_path), gold_path))


# ---------------------------------------------------------------- the command line

@pytest.fixture(scope="module")
def small_case(tmp_path_factory) -> tuple[Path, Path]:
    """A gold file and a graph file written here (no build needed)."""
    d = tmp_path_factory.mktemp("small")
    g = graph("""
        id:jb a ex:Province ; rdfs:label "Jawa Barat" .
        id:gg a ex:Province ; rdfs:label "Gyeonggi" .
    """)
    ttl = d / "graph.ttl"
    g.serialize(ttl, format="turtle")
    gold_path = d / "gold.json"
    gold_path.write_text(json.dumps(gold(entities=[JABAR, GYEONGGI, BANDUNG])), encoding="utf-8")
    return gold_path, ttl


def test_cli_prints_the_table(small_case, capsys):
    gold_path, ttl = small_case
    assert main(["evaluate", str(gold_path), str(ttl)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("category")
    assert "City:missing" in out
    assert "overall P=1.000 R=0.667 F1=0.800" in out


def test_cli_json_and_min_f1(small_case, capsys):
    gold_path, ttl = small_case
    assert main(["evaluate", str(gold_path), str(ttl), "--json", "--min-f1", "0.8"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["overall"]["f1"] == 0.8
    assert main(["evaluate", str(gold_path), str(ttl), "--min-f1", "0.81"]) == 1
    assert "below --min-f1" in capsys.readouterr().err


def test_cli_errors_exit_2(small_case, tmp_path, capsys):
    gold_path, ttl = small_case
    assert main(["evaluate", str(tmp_path / "none.json"), str(ttl)]) == 2
    assert main(["evaluate", str(gold_path), str(tmp_path / "none.ttl")]) == 2
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    assert main(["evaluate", str(gold_path), str(broken)]) == 2
    assert main(["evaluate", str(gold_path), str(ttl), "--build"]) == 2
    bad_gold = tmp_path / "bad.json"
    bad_gold.write_text('{"format": "kgraph-gold/1", "entities": [{"id": "x"}]}')
    assert main(["evaluate", str(bad_gold), str(ttl)]) == 2
    err = capsys.readouterr().err
    assert "no such gold file" in err and "no such graph file" in err
    assert "cannot parse the graph" in err and "either GRAPH or --build" in err
    assert "'types'" in err


def test_cli_default_graph_is_output_graph_ttl(small_case, tmp_path, monkeypatch, capsys):
    gold_path, ttl = small_case
    monkeypatch.chdir(tmp_path)
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "graph.ttl").write_bytes(ttl.read_bytes())
    assert main(["evaluate", str(gold_path)]) == 0
    assert "F1=0.800" in capsys.readouterr().out


def test_cli_build_reads_the_gold_articles(capsys):
    case = CORPUS / "dev" / "06_kukar_jakarta_sampah" / "gold.json"
    assert main(["evaluate", str(case), "--build", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["checks"]["article_nodes"] == 1
    assert data["overall"]["tp"] > 0
    # explicit inputs instead of the gold's articles
    seeds = sorted((ROOT / "seeds").glob("*.txt"))[:2]
    assert main(["evaluate", str(SEEDS_GOLD), "--json", "--build", *map(str, seeds)]) == 0
    assert json.loads(capsys.readouterr().out)["checks"]["article_nodes"] == 2


def test_cli_build_reports_unreadable_articles(tmp_path, capsys):
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(gold(articles=["missing.txt"])), encoding="utf-8")
    assert main(["evaluate", str(gold_path), "--build"]) == 2
    assert "missing.txt" in capsys.readouterr().err


# ---------------------------------------------------------------- same as the reference

def _build(inputs: list[Path], out: Path):
    from kgraph.pipeline import build

    kwargs: dict[str, Any] = {"html": False}
    if "validate" in inspect.signature(build).parameters:
        kwargs["validate"] = False
    return build(inputs, out, **kwargs)


def _canonical(value: Any) -> Any:
    """Error lists compared as multisets, at every level (their order is not meaningful)."""
    if isinstance(value, (list, tuple)):
        items = [_canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


needs_reference = pytest.mark.skipif(
    not REFERENCE.is_file(), reason="the reference scorer ../shared/eval/score_kg.py is not "
                                    "beside the repo")
CASE_GOLDS = [SEEDS_GOLD, *(case / "gold.json" for case in iter_case_dirs(CORPUS / "dev"))]


@needs_reference
@pytest.mark.parametrize("gold_path", CASE_GOLDS, ids=lambda p: p.parent.name)
def test_same_figures_as_the_reference(gold_path, tmp_path):
    gold_data = load_gold(gold_path)
    result = _build(gold_articles(gold_data, gold_path), tmp_path)
    ttl = tmp_path / "graph.ttl"
    onto = ontology_dir()
    run = subprocess.run([sys.executable, str(REFERENCE), str(ttl), str(gold_path),
                          "--ontology", str(onto), "--json"],
                         capture_output=True, text=True, check=True, timeout=300)
    ref = json.loads(run.stdout)
    for report in (evaluate_files(ttl, gold_path, onto), evaluate(result.graph, gold_data, onto)):
        mine = report.to_dict()
        assert mine["overall"] == ref["overall"]
        assert mine["categories"] == ref["categories"]
        assert {k: mine["checks"][k] for k in ref["checks"]} == ref["checks"]
        assert _canonical(list(mine["errors"].items())) == \
            _canonical(list(ref["errors"].items()))


def test_the_documented_example_is_a_valid_gold_file():
    doc = (ROOT / "docs" / "gold-format.md").read_text(encoding="utf-8")
    block = doc.split("```json\n", 1)[1].split("```", 1)[0]
    example = json.loads(block)
    assert validate_gold(example) == []
    g = graph("""
        id:jb a ex:Province ; rdfs:label "Jawa Barat" ; ex:locatedIn id:id .
        id:id a ex:Country ; rdfs:label "Indonesia" .
        id:gg a ex:Province ; rdfs:label "Gyeonggi-do" ; ex:locatedIn id:kr .
        id:kr a ex:Country ; rdfs:label "Korea Selatan" .
        id:bey a ex:Official ; rdfs:label "Bey Triadi Machmudin" ;
            ex:position "Penjabat Gubernur" ; ex:represents id:jb .
        id:biro a ex:Organization ; rdfs:label "Biro Kerja Sama" .
        id:edu a ex:Sector ; rdfs:label "Pendidikan" .
        id:a1 a ex:Agreement ; ex:party id:jb, id:gg ; ex:sector id:edu .
    """)
    assert evaluate(g, example).f1 == 1.0
