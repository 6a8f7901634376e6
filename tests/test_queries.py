"""Saved queries: headers, answers on the seeds graph in every format, golden facts,
parameters (case, aliases) and injection safety on rdflib and Oxigraph."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.query import Result

from kgraph.cli import main
from kgraph.queries import (
    FORMATS,
    QueryError,
    find_query,
    format_result,
    load_queries,
    page_limits,
    parse_param_args,
    query_from_text,
    run_query,
    select_variants,
    where_groups,
    with_limit,
    with_values_block,
)
from kgraph.store import oxigraph_from_graph

QUERIES = load_queries()
NAMES = [q.name for q in QUERIES]
INJECTIONS = [
    'Kaltim" } ; DROP ALL ; #',
    'Kaltim" }} DELETE WHERE { ?s ?p ?o } #',
    "Kaltim' } UNION { ?r ?p ?o } #",
    'x"""} } SELECT * WHERE { ?s ?p ?o } #',
    "Kaltim\n} } VALUES ?region { UNDEF } {",
    '\\" ) } #',
    "\\u0022 } #",
    "<https://w3id.org/kgraph/id/province/ID-KI>",
    "?r",
]


class _Answers(dict):
    """(query name, region or None) -> the answer on the seeds graph (rdflib), computed
    on first use and kept for the module."""

    def __init__(self, graph):
        super().__init__()
        self.graph = graph

    def __missing__(self, key):
        name, region = key
        self[key] = run_query(self.graph, find_query(name), {"region": region} if region
                              else None)
        return self[key]


@pytest.fixture(scope="module")
def answers(seeds_graph):
    return _Answers(seeds_graph)


def labels(result, column):
    return {str(row[result.variables.index(column)]) for row in result.rows}


# ------------------------------------------------------------------ the files
def test_at_least_ten_saved_queries_with_headers():
    assert len(QUERIES) >= 10
    for q in QUERIES:
        assert q.title and q.question_en.endswith("?") and q.question_id.endswith("?"), q.name
        assert q.ranking_en and q.ranking_id, q.name  # how the rows are ranked, en and id
        assert page_limits(q.text), f"{q.name} has no LIMIT marked '# page'"
        assert q.path is not None and q.path.suffix == ".rq"
        for p in q.params:
            assert p.description and p.optional, (q.name, p)
    names = set(NAMES)
    for expected in ("partners", "officials", "agreements", "sectors", "foreign-partners",
                     "evidence", "recurring-officials", "leads", "organisations", "regions",
                     "articles"):
        assert expected in names


def test_header_parsing():
    q = query_from_text("# title: T\n# question (en): Q?\n# pertanyaan (id): P?\n"
                        "# param: region — a region (optional)\n# param: year — a year\n"
                        "SELECT * WHERE { ?s ?p ?o }", "t")
    assert (q.title, q.question_en, q.question_id) == ("T", "Q?", "P?")
    assert [(p.name, p.optional) for p in q.params] == [("region", True), ("year", False)]
    with pytest.raises(QueryError, match="needs --param year"):
        run_query(Graph(), q, {"region": "x"})


def test_find_query_by_name_and_file(tmp_path):
    assert find_query("partners").name == "partners"
    f = tmp_path / "mine.rq"
    f.write_text("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", encoding="utf-8")
    assert find_query(str(f)).name == "mine"
    with pytest.raises(QueryError, match="did you mean 'partners'"):
        find_query("partner")


# ------------------------------------------------------------------ every query, every format
@pytest.mark.parametrize("name", NAMES)
def test_every_query_answers_in_every_format(name, answers):
    result = answers[(name, None)]
    assert len(result) >= 1, f"{name} gave no row on the seeds graph"
    n = len(result)
    for fmt in FORMATS:
        text = format_result(result, fmt)
        if fmt == "table":
            assert text.splitlines()[0].split() == list(result.variables)
            assert text.rstrip().endswith(f"({n} row{'s' if n != 1 else ''})")
        elif fmt == "csv":
            rows = list(csv.reader(io.StringIO(text)))
            assert rows[0] == list(result.variables) and len(rows) == n + 1
            for parsed, row in zip(rows[1:], result.rows, strict=True):
                assert parsed == ["" if t is None else str(t) for t in row]
        elif fmt == "json":
            doc = json.loads(text)
            assert doc["head"]["vars"] == list(result.variables)
            assert len(doc["results"]["bindings"]) == n
            back = Result.parse(io.StringIO(text), format="json")
            assert [tuple(r) for r in back] == [tuple(r) for r in result.rows]
        else:  # tsv: terms in N-Triples syntax; rdflib's TSV results parser reads them back
            assert text.splitlines()[0].split("\t") == ["?" + v for v in result.variables]
            back = Result.parse(io.StringIO(text), format="tsv")
            assert len(list(back)) == n


def test_json_and_tsv_keep_term_types(answers):
    result = answers[("regions", None)]
    doc = json.loads(format_result(result, "json"))
    first = doc["results"]["bindings"][0]
    assert first["place"]["type"] == "uri"
    assert first["regionName"]["type"] == "literal" and first["regionName"].get("xml:lang")
    assert first["articles"]["datatype"].endswith("#integer")
    tsv = format_result(result, "tsv").splitlines()[1]
    assert "<https://w3id.org/kgraph/id/" in tsv and '"@id' in tsv and '^^<http' in tsv


# ------------------------------------------------------------------ golden answers (seeds)
def test_partners_of_kalimantan_timur(answers):
    result = answers[("partners", "Kaltim")]
    assert labels(result, "regionName") == {"Kalimantan Timur"}
    partners = labels(result, "partnerName")
    assert {"Anhui", "Kazakhstan", "Kalimantan Selatan"} <= partners
    anhui = [r for r in result.dicts() if r["partnerName"] == "Anhui"]
    assert anhui and "Industri" in (anhui[0]["sectors"] or "")


@pytest.mark.parametrize("name", ["Kaltim", "KALTIM", "kalimantan timur", "East Kalimantan"])
def test_region_by_any_name_in_any_case(name, seeds_graph, answers):
    result = run_query(seeds_graph, find_query("partners"), {"region": name})
    assert {tuple(r) for r in result.rows} == {tuple(r) for r in
                                               answers[("partners", "Kaltim")].rows}


def test_unparameterised_partners_cover_every_side(answers):
    everyone = answers[("partners", None)]
    assert {"Kalimantan Timur", "Anhui", "Kalimantan Selatan"} <= labels(everyone, "regionName")


def test_foreign_partners_by_country(answers):
    rows = answers[("foreign-partners", None)].dicts()
    by_country = {(r["countryName"], r["partnerName"]) for r in rows}
    assert ("Tiongkok", "Anhui") in by_country
    assert any(c == "Kazakhstan" for c, _ in by_country)
    assert all(r["countryName"] != "Indonesia" for r in rows)
    assert all(r["indonesianPartner"] not in ("Anhui", "Kazakhstan") for r in rows)


def test_officials_and_recurring_officials(answers):
    kaltim = answers[("officials", "Kaltim")].dicts()
    assert kaltim and {r["regionName"] for r in kaltim} == {"Kalimantan Timur"}
    assert any("Gubernur" in (r["positions"] or "") for r in kaltim)
    recurring = answers[("recurring-officials", None)].dicts()
    assert any("Joko Widodo" in r["officialName"] for r in recurring)
    assert all(int(r["articleCount"]) > 1 for r in recurring)


def test_agreements_sectors_regions_articles(answers):
    agreements = answers[("agreements", None)].dicts()
    anhui = [r for r in agreements if "Anhui" in r["parties"]]
    assert anhui and "Kalimantan Timur" in anhui[0]["parties"]
    assert int(anhui[0]["stageCount"]) >= 1 and anhui[0]["articles"].endswith(".txt")
    counts = [int(r["cooperations"]) for r in answers[("sectors", None)].dicts()]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2
    regions = {r["regionName"]: r for r in answers[("regions", None)].dicts()}
    assert regions["Samarinda"]["parentName"] == "Kalimantan Timur"
    assert regions["Samarinda"]["countryName"] == "Indonesia"
    inside = labels(answers[("regions", "Kaltim")], "regionName")
    assert {"Kalimantan Timur", "Samarinda"} <= inside and "Anhui" not in inside
    articles = answers[("articles", None)].dicts()
    assert len(articles) == 5 and any(r["outlet"] == "ANTARA" for r in articles)


def test_evidence_points_into_the_articles(answers, seeds_dir):
    rows = answers[("evidence", None)].dicts()
    assert {r["factType"] for r in rows} >= {"cooperation", "official"}
    for r in rows[:50]:
        if not r["quote"]:
            continue
        text = (seeds_dir / r["file"]).read_text(encoding="utf-8")
        assert text[int(r["start"]):int(r["end"])] == r["quote"]


def test_leads_are_pairs_without_an_agreement(answers, seeds_graph):
    from kgraph.namespaces import KG

    rows = answers[("leads", None)].rows
    assert rows
    parties = {}
    for a, p in seeds_graph.subject_objects(KG.party):
        parties.setdefault(a, set()).add(p)
    for row in rows:
        r1, r2 = row[-2], row[-1]
        assert not any({r1, r2} <= ps for ps in parties.values())


# ------------------------------------------------------------------ parameters and injection
def test_unknown_or_malformed_parameters():
    q = find_query("partners")
    with pytest.raises(QueryError, match="has no parameter 'regoin'"):
        run_query(Graph(), q, {"regoin": "Kaltim"})
    assert parse_param_args(["region=Kalimantan Timur", "x=a=b"]) == {
        "region": "Kalimantan Timur", "x": "a=b"}
    with pytest.raises(QueryError):
        parse_param_args(["region"])


def test_values_block_goes_into_every_where_group():
    text = ('PREFIX kg: <https://w3id.org/kgraph/ontology#> # { not a brace\n'
            'SELECT ?a ("{" AS ?b) WHERE { ?a kg:p """}""" . '
            '{ SELECT ?x { ?x ?y ?z } } FILTER EXISTS { ?a ?b ?c } }')
    assert len(where_groups(text)) == 2
    out = with_values_block(text, {"region": Literal('x" } DROP ALL #')})
    assert out.count('VALUES (?region) { ("x\\" } DROP ALL #") }') == 2
    construct = with_values_block("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                                  {"r": Literal("a")})
    assert construct.startswith("CONSTRUCT { ?s ?p ?o } WHERE { VALUES")


@pytest.fixture(scope="module")
def stores(seeds_graph):
    return {"rdflib": seeds_graph, "oxigraph": oxigraph_from_graph(seeds_graph)}


@pytest.mark.parametrize("value", INJECTIONS)
@pytest.mark.parametrize("name", ["partners", "leads", "evidence"])
def test_sparql_in_a_parameter_cannot_change_the_query(name, value, stores, answers):
    q = find_query(name)
    everything = {tuple(r) for r in answers[(name, None)].rows}
    for kind, target in stores.items():
        before = len(target)
        result = run_query(target, q, {"region": value})
        rows = {tuple(r) for r in result.rows}
        assert not rows or rows == everything, (kind, value)
        assert len(target) == before, (kind, value)


def test_graph_unchanged_by_injection(seeds_graph):
    copy = Graph()
    for t in seeds_graph:
        copy.add(t)
    for value in INJECTIONS[:3]:
        run_query(copy, find_query("partners"), {"region": value})
    assert isomorphic(copy, seeds_graph)


ECHO = query_from_text("# param: v — any text (optional)\nSELECT ?out WHERE { BIND (?v AS ?out) }",
                       "echo")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text_is_bound_as_exactly_one_literal(value):
    store = _echo_store()
    for target in (Graph(), store):
        result = run_query(target, ECHO, {"v": value})
        assert [[str(t) for t in row] for row in result.rows] == [[value]]


_STORE = []


def _echo_store():
    if not _STORE:
        _STORE.append(oxigraph_from_graph(Graph()))
    return _STORE[0]


def test_bound_iri_parameter(seeds_graph):
    ki = URIRef("https://w3id.org/kgraph/id/province/ID-KI")
    q = query_from_text("# param: p — a node (optional)\n"
                        "SELECT ?l WHERE { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    for target in (seeds_graph, oxigraph_from_graph(seeds_graph)):
        assert [str(r[0]) for r in run_query(target, q, {"p": ki}).rows] == ["Kalimantan Timur"]


# ------------------------------------------------------------------ command line and API
def test_cli_query_and_queries(seeds_ttl, capsys):
    assert main(["query", "partners", str(seeds_ttl), "--param", "region=Kaltim",
                 "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {"Anhui", "Kazakhstan", "Kalimantan Selatan"} <= {r["partnerName"] for r in rows}
    assert main(["queries"]) == 0
    listing = capsys.readouterr().out
    for name in NAMES:
        assert re.search(rf"^{re.escape(name)}\s", listing, re.M)
    assert main(["query", "partner", str(seeds_ttl)]) == 2
    assert "did you mean" in capsys.readouterr().err
    assert main(["query", "partners", str(seeds_ttl), "--param", "regoin=x"]) == 2


def test_cli_query_rq_file_and_json(seeds_ttl, tmp_path, capsys):
    f = tmp_path / "count.rq"
    f.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", encoding="utf-8")
    assert main(["query", str(f), str(seeds_ttl), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert int(doc["results"]["bindings"][0]["n"]["value"]) > 1000


def test_api_query(seeds_ttl):
    import kgraph

    result = kgraph.query("partners", seeds_ttl, params={"region": "Kaltim"})
    assert "Anhui" in labels(result, "partnerName")
    assert {q.name for q in kgraph.load_queries()} == set(NAMES)
    with pytest.raises(FileNotFoundError):
        kgraph.query("partners", seeds_ttl.parent / "missing.ttl")


# ------------------------------------------------------------------ region look-up
def test_region_is_looked_up_and_bound_as_nodes(stores):
    from kgraph.queries import region_nodes

    ki = URIRef("https://w3id.org/kgraph/id/province/ID-KI")
    for target in stores.values():
        assert region_nodes(target, "kalimantan TIMUR") == [ki]
        assert region_nodes(target, "Kaltim") == [ki]
        assert region_nodes(target, 'Kaltim" } #') == []


def test_region_names_match_whatever_their_case():
    """Usual spellings are looked up as exact terms; any other case falls back to a
    comparison of every region name without case."""
    from rdflib.namespace import RDF, RDFS, SKOS

    from kgraph.namespaces import KG
    from kgraph.queries import region_nodes

    graph = Graph()
    for cls in (KG.City, KG.Province):  # from the ontology
        graph.add((cls, RDFS.subClassOf, KG.Region))
    jakarta, dki = URIRef("urn:x:jakarta"), URIRef("urn:x:dki")
    graph.add((jakarta, RDF.type, KG.City))
    graph.add((jakarta, RDFS.label, Literal("Jakarta", lang="id")))
    graph.add((dki, RDF.type, KG.Province))
    graph.add((dki, SKOS.altLabel, Literal("DKI Jakarta")))
    graph.add((URIRef("urn:x:person"), RDFS.label, Literal("Jakarta")))  # not a region
    for target in (graph, oxigraph_from_graph(graph)):
        assert region_nodes(target, "jakarta") == [jakarta]  # capitalised: exact
        assert region_nodes(target, "JAKARTA") == [jakarta]
        assert region_nodes(target, "dki jakarta") == [dki]  # no usual spelling: scan
        assert region_nodes(target, "dKi JaKaRTA") == [dki]
        assert region_nodes(target, "Bandung") == []


def test_region_node_values_go_only_where_the_variable_is_in_scope():
    from kgraph.queries import with_values_rows

    text = ("SELECT ?a WHERE { { SELECT ?a WHERE { ?a ?p ?regionNode } } "
            "{ SELECT ?b (COUNT(*) AS ?n) WHERE { ?b ?q ?c } GROUP BY ?b } "
            "# ?regionNode in a comment\n FILTER (?a != \"?regionNode\") }")
    out = with_values_rows(text, "regionNode", [URIRef("urn:x:a"), URIRef("urn:x:b")])
    assert out.count("VALUES ?regionNode { <urn:x:a> <urn:x:b> }") == 1
    assert out.index("VALUES") > out.index("SELECT ?a WHERE { {")


# ------------------------------------------------------------------ limits
def test_page_limits_are_set_or_removed():
    text = ('SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p "LIMIT 5 # page" } LIMIT 100  # page\n'
            '} } # LIMIT 7 # page\nLIMIT 100 # page size\n')
    assert len(page_limits(text)) == 2
    assert with_limit(text, 20).count("LIMIT 20 ") == 2
    removed = with_limit(text, 0)
    assert "LIMIT 100" not in removed and '"LIMIT 5 # page"' in removed
    assert "LIMIT 7" in removed  # a comment is left alone
    for bad in (-1, "5; DROP ALL", 2.5, True):
        with pytest.raises(QueryError):
            with_limit(text, bad)  # type: ignore[arg-type]


def test_limit_keeps_the_first_rows(seeds_graph):
    whole = run_query(seeds_graph, find_query("evidence"), limit=0)
    assert len(whole) > 3 and not whole.more
    page = run_query(seeds_graph, find_query("evidence"), limit=3)
    assert page.rows == whole.rows[:3] and page.more and page.limit == 3
    # a query without page marks is trimmed after it ran
    q = query_from_text("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o", "all")
    assert len(run_query(seeds_graph, q, limit=4)) == 4
    assert len(run_query(seeds_graph, q, limit=0)) == len(seeds_graph)


def test_cli_limit(seeds_ttl, capsys):
    assert main(["query", "evidence", str(seeds_ttl), "--limit", "2", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert len(list(csv.reader(io.StringIO(captured.out)))) == 3
    assert "first 2 rows" in captured.err and "--limit 0" in captured.err
    assert main(["query", "evidence", str(seeds_ttl), "--limit", "0", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert len(list(csv.reader(io.StringIO(captured.out)))) > 3 and captured.err == ""
    assert main(["query", "sectors", str(seeds_ttl), "--limit", "-1"]) == 2


def test_variants_are_chosen_by_whether_a_parameter_is_given():
    text = ("SELECT ?x WHERE {\n"
            "#if region\n"
            "  ?x <urn:p> ?regionNode .\n"
            "  #if other\n"
            "  ?x <urn:q> ?other .\n"
            "  #endif\n"
            "#else\n"
            "  ?x <urn:p> ?any .  # no region\n"
            "#endif\n"
            "}")
    with_region = select_variants(text, {"region"})
    assert "?regionNode" in with_region and "?any" not in with_region
    assert "?other" not in with_region
    assert "?other" in select_variants(text, {"region", "other"})
    without = select_variants(text, set())
    assert "?any" in without and "?regionNode" not in without and "?other" not in without
    # whole lines are blanked, so line numbers are kept
    assert without.count("\n") == text.count("\n")
    assert "#" not in without.replace("# no region", "")
    for bad in ("#if region\n", "#endif\n", "#else\n", "#if region\n#else\n#else\n#endif\n",
                "#if 1x\n#endif\n", "#if region extra\n#endif\n"):
        with pytest.raises(QueryError):
            select_variants(bad, set())
    with pytest.raises(QueryError, match="names no parameter"):
        select_variants("#if regoin\n#endif\n", set(), ["region"])


def test_saved_query_variants_name_their_parameters():
    for q in load_queries():
        select_variants(q.text, set(), [p.name for p in q.params])
        select_variants(q.text, {p.name for p in q.params}, [p.name for p in q.params])
