"""graph.html: self-contained, escaped, the right nodes, overview and layout modes, CLI."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kgraph import viz
from kgraph.cli import main
from kgraph.namespaces import KG, resource

HOSTILE = '</script><script>window.__pwned=1</script><!-- <img src=x onerror="alert(1)"> &amp;'
REMOTE = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?\s*|url\(\s*["']?\s*)(?:https?:)?//""",
                    re.IGNORECASE)


def _data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kgraph-data">(.*?)</script>', page,
                  re.DOTALL)
    assert m, "no data block"
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def seeds_page(seeds_build) -> str:
    return seeds_build.outputs["graph.html"].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds_view(seeds_graph) -> viz.GraphView:
    return viz.build_view(seeds_graph)


def hostile_graph() -> Graph:
    """Two regions, an agreement and an article whose texts carry markup and script."""
    g = Graph()
    art = URIRef(resource("article", "evil"))
    a, b = URIRef(resource("province", "X-A")), URIRef(resource("city", "X-B"))
    agr = URIRef(resource("agreement", "x-a--x-b"))
    ev = URIRef(resource("evidence", "evil-1"))
    g.add((art, RDF.type, KG.Article))
    g.add((art, RDFS.label, Literal("Title " + HOSTILE)))
    g.add((a, RDF.type, KG.Province))
    g.add((a, RDFS.label, Literal("Prov " + HOSTILE, lang="id")))
    g.add((a, SKOS.altLabel, Literal("alias " + HOSTILE)))
    g.add((b, RDF.type, KG.City))
    g.add((b, RDFS.label, Literal("Kota B", lang="id")))
    g.add((b, KG.locatedIn, a))
    g.add((agr, RDF.type, KG.Agreement))
    g.add((agr, RDFS.label, Literal("Kerja sama A – B", lang="id")))
    g.add((agr, KG.party, a))
    g.add((agr, KG.party, b))
    for node in (a, agr):
        g.add((node, KG.mentionedIn, art))
        g.add((node, KG.evidence, ev))
    g.add((ev, RDF.type, KG.Evidence))
    g.add((ev, KG.inArticle, art))
    g.add((ev, KG.sentence, Literal("Sentence " + HOSTILE)))
    g.add((ev, KG.quote, Literal("<script>")))
    return g


# ---------------------------------------------------------------- self-contained
def test_seeds_page_loads_nothing_remote(seeds_page):
    assert not REMOTE.findall(seeds_page)
    assert "<link" not in seeds_page.lower()
    assert not re.search(r"<script[^>]*\bsrc=", seeds_page, re.IGNORECASE)
    assert "sourceMappingURL" not in seeds_page
    assert "new vis.Network(" in seeds_page  # the app, with vis-network inlined before it
    assert not re.search(r"@@(TITLE|CSP|CSS|DATA|VIS|APP)@@", seeds_page)  # markers filled


def test_csp_allows_exactly_the_inline_scripts(seeds_page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', seeds_page)
    assert csp and "default-src 'none'" in csp.group(1)
    allowed = set(re.findall(r"'sha256-([^']+)'", csp.group(1)))
    scripts = re.findall(r"<script>(.*?)</script>", seeds_page, re.DOTALL)
    assert len(scripts) == 2
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert digest in allowed


def test_app_puts_text_in_the_dom_only_as_text():
    js = (Path(viz.__file__).parent / "templates" / "graph.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in js


# ---------------------------------------------------------------- what is drawn
def test_draws_every_entity_and_nothing_else(seeds_build, seeds_view):
    assert len(seeds_view.nodes) == sum(seeds_build.counts.values())
    iris = [d["iri"] for d in seeds_view.details]
    assert len(set(iris)) == len(iris)
    assert not [i for i in iris if "/evidence/" in i or "/stage-" in i or "/ontology" in i]


def test_classes_and_edges(seeds_graph, seeds_view):
    keys = [c.key for c in viz.CLASS_STYLES]
    drawn_classes = {keys[row[1]] for row in seeds_view.nodes}
    assert {"Province", "Country", "City", "Official", "Sector", "Article"} <= drawn_classes
    assert drawn_classes & {"GovernmentAgency", "BusinessAssociation", "Company"}
    parties = [e for e in seeds_view.edges if viz.RELATION_STYLES[e[2]].key == "party"]
    assert len(parties) == len(list(seeds_graph.triples((None, KG.party, None))))
    # node size follows degree: the most connected region outgrows a leaf
    sizes = {d["name"]: row[2] for d, row in zip(seeds_view.details, seeds_view.nodes,
                                                  strict=True)}
    assert max(sizes.values()) > min(sizes.values())


def test_labels_show_both_languages(seeds_view):
    labels = {row[0] for row in seeds_view.nodes}
    assert "Tiongkok / China" in labels
    assert any(" / " in lb for lb, cls, *_ in seeds_view.nodes
               if viz.CLASS_STYLES[cls].key == "Sector")


def test_agreement_details_fold_in_stages_and_sentences(seeds_view):
    agreements = [d for d, row in zip(seeds_view.details, seeds_view.nodes, strict=True)
                  if viz.CLASS_STYLES[row[1]].family == "Agreement"]
    assert agreements
    richest = max(agreements, key=lambda d: len(d.get("stages", [])))
    assert richest["stages"] and richest["status"]
    kind, status, _date, article, sentence = richest["stages"][0]
    assert viz.CLASS_STYLES[kind].family == "Agreement" and status
    assert seeds_view.articles[article][0] and seeds_view.sentences[sentence]
    assert richest["ev"]
    sentence_idx, article_idx, quotes = richest["ev"][0]
    assert seeds_view.sentences[sentence_idx].strip()
    assert seeds_view.articles[article_idx][0]
    assert all(q in seeds_view.sentences[sentence_idx] for q in quotes)
    officials = [d for d, row in zip(seeds_view.details, seeds_view.nodes, strict=True)
                 if viz.CLASS_STYLES[row[1]].key == "Official"]
    assert any(d.get("pos") for d in officials)
    assert any(d.get("alt") for d in seeds_view.details)


# ---------------------------------------------------------------- escaping
def test_hostile_text_is_data_not_markup(tmp_path, seeds_page):
    page = viz.write_html(hostile_graph(), tmp_path / "g.html").read_text(encoding="utf-8")
    assert "__pwned" not in page.replace(r"\u003cscript\u003ewindow.__pwned", "")
    for markup in ("<script", "<!--", "<img", "</script"):  # nothing injected
        assert page.count(markup) == seeds_page.count(markup), markup
    data = _data(page)
    assert any(HOSTILE in s for s in data["sentences"])
    assert any(HOSTILE in d.get("name", "") for d in data["details"])


@given(st.text())
def test_json_for_script_round_trips_without_breaking_out(text):
    out = viz.json_for_script({"t": text, "l": [text, "</script>"]})
    assert "</" not in out and "<!--" not in out and "\u2028" not in out
    assert json.loads(out) == {"t": text, "l": [text, "</script>"]}


# ---------------------------------------------------------------- overview and layout
def test_overview_keeps_regions_agreements_sectors(seeds_graph):
    view = viz.build_view(seeds_graph, overview=True)
    families = {viz.CLASS_STYLES[row[1]].family for row in view.nodes}
    assert families == {"Region", "Agreement", "Sector"}
    assert view.overview and view.not_drawn.get("Official")
    # undrawn officials still show up by name in their region's details
    assert any(viz.RELATION_STYLES[rel].key == "represents" and names
               for d in view.details for rel, _, names, _ in d.get("x", []))


def test_thresholds_choose_overview_and_precomputed_layout(seeds_graph):
    small = viz.VizOptions(overview_threshold=50, layout_threshold=10)
    view = viz.build_view(seeds_graph, options=small)
    assert view.overview and not view.physics and view.iterations == 0
    full = viz.build_view(seeds_graph, overview=False, options=small)
    assert not full.overview and len(full.nodes) > len(view.nodes)
    positions = {(row[3], row[4]) for row in full.nodes}
    assert len(positions) == len(full.nodes)  # no two nodes on top of each other
    physics = viz.build_view(seeds_graph)
    assert physics.physics
    assert 0 < physics.iterations <= viz.DEFAULT_OPTIONS.stabilization_iterations


def test_layout_is_deterministic_and_handles_odd_shapes():
    edges = [(0, 1, 0), (1, 2, 0), (3, 4, 1), (5, 0, 7), (5, 3, 7)]  # 5: an article; 6: alone
    first = viz.precompute_layout(7, edges)
    assert first == viz.precompute_layout(7, edges)
    assert len(set(first)) == 7
    assert viz.precompute_layout(0, []) == []


def test_empty_graph_still_writes_a_page(tmp_path):
    page = viz.write_html(Graph(), tmp_path / "empty.html").read_text(encoding="utf-8")
    assert _data(page)["nodes"] == []
    ox = pytest.importorskip("pyoxigraph")
    page = viz.write_html(ox.Store(), tmp_path / "empty.html").read_text(encoding="utf-8")
    assert _data(page)["nodes"] == [] and _data(page)["classes"][0]["en"] == "Country"


# ---------------------------------------------------------------- writing
def test_write_is_atomic(tmp_path, monkeypatch, seeds_graph):
    out = tmp_path / "graph.html"
    out.write_text("old page", encoding="utf-8")

    def boom(*args, **kwargs):
        raise RuntimeError("render failed")

    monkeypatch.setattr(viz, "render_html", boom)
    with pytest.raises(RuntimeError):
        viz.write_html(seeds_graph, out)
    assert out.read_text(encoding="utf-8") == "old page"
    monkeypatch.undo()
    viz.write_html(hostile_graph(), out)
    assert "kgraph-data" in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["graph.html"]


def test_cli_view(tmp_path, seeds_ttl, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    out = tmp_path / "view.html"
    assert main(["view", str(seeds_ttl), "-o", str(out), "--overview", "--open"]) == 0
    assert _data(out.read_text(encoding="utf-8"))["meta"]["overview"] is True
    assert opened == [out.resolve().as_uri()]
    assert main(["view", str(seeds_ttl), "-o", str(out), "--full"]) == 0
    assert _data(out.read_text(encoding="utf-8"))["meta"]["overview"] is False
    assert main(["view", str(tmp_path / "missing.ttl")]) == 2


# ---------------------------------------------------------------- rdflib Graph or Oxigraph Store
def _store_of(graph: Graph):
    ox = pytest.importorskip("pyoxigraph")
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def test_same_page_from_a_graph_and_a_store(tmp_path, seeds_ttl):
    """graph.ttl parsed by rdflib and loaded into Oxigraph: the same payload, byte for byte."""
    ox = pytest.importorskip("pyoxigraph")
    graph = Graph().parse(seeds_ttl, format="turtle")
    store = ox.Store()
    store.load(path=str(seeds_ttl), format=ox.RdfFormat.TURTLE)
    for overview in (None, True):
        from_graph = viz.build_view(graph, overview=overview).payload()
        assert from_graph["nodes"] and from_graph["details"]
        assert viz.build_view(store, overview=overview).payload() == from_graph
    pages = [viz.write_html(g, tmp_path / f"{name}.html").read_text(encoding="utf-8")
             for name, g in (("graph", graph), ("store", store))]
    assert pages[0] == pages[1]
    # rdflib's public triples() (used when the graph is not alone in a Memory store) agrees
    data = viz.GraphData(graph)
    assert isinstance(data.src, viz._RdflibSource) and data.src.pos is not None
    data.src.pos = None
    data.classes = data._read_classes()
    assert viz.build_view(data).payload() == viz.build_view(graph).payload()


def test_build_page_is_the_page_of_its_graph_file(tmp_path, seeds_build):
    """A build fills the page's tables while writing graph.ttl (evidence from the
    fragments): the page is the one drawn from graph.ttl read back, or from rdflib."""
    ttl, page = seeds_build.outputs["graph.ttl"], seeds_build.outputs["graph.html"]
    from_file = viz.write_html(viz.TripleTables.from_file(ttl), tmp_path / "file.html")
    from_graph = viz.write_html(Graph().parse(ttl, format="turtle"), tmp_path / "graph.html")
    assert page.read_bytes() == from_file.read_bytes() == from_graph.read_bytes()


def test_large_build_reads_its_graph_back_for_the_same_page(tmp_path, seeds_build,
                                                           seeds_dir, monkeypatch):
    from kgraph import pipeline

    monkeypatch.setattr(pipeline, "PAGE_FROM_CORPUS_MAX_ARTICLES", 0)  # as for a corpus above it
    result = pipeline.build([seeds_dir], tmp_path / "out", validate=False, cache=False)
    assert result.outputs["graph.html"].read_bytes() == \
        seeds_build.outputs["graph.html"].read_bytes()


def test_overview_tables_give_the_overview_page(tmp_path, seeds_build):
    """Read for an overview only (a large build), graph.ttl gives the same overview page
    from far fewer rows."""
    ttl = seeds_build.outputs["graph.ttl"]
    full, slim = viz.TripleTables.from_file(ttl), viz.TripleTables.from_file(ttl, True)
    kept = sum(map(len, slim.tables.values()))
    assert kept < sum(map(len, full.tables.values()))
    pages = [viz.write_html(t, tmp_path / f"{n}.html", overview=True).read_bytes()
             for n, t in (("full", full), ("slim", slim))]
    assert pages[0] == pages[1]


def test_store_with_hostile_text_and_named_graphs(tmp_path):
    """Escaping holds from a Store too, and only its default graph is read."""
    ox = pytest.importorskip("pyoxigraph")
    store = _store_of(hostile_graph())
    extra = ox.NamedNode(resource("province", "elsewhere"))
    store.add(ox.Quad(extra, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(KG.Province)),
                      ox.NamedNode("https://example.org/other-graph")))
    page = viz.write_html(store, tmp_path / "g.html").read_text(encoding="utf-8")
    data = _data(page)
    assert data == _data(viz.write_html(hostile_graph(), tmp_path / "h.html")
                         .read_text(encoding="utf-8"))
    assert any(HOSTILE in s for s in data["sentences"])
    assert "</script><script>window.__pwned" not in page
    assert all(d["iri"] != extra.value for d in data["details"])


def test_not_a_graph_is_refused():
    with pytest.raises(TypeError):
        viz.build_view({"not": "a graph"})  # type: ignore[arg-type]


def test_stats_from_a_store_match(seeds_graph):
    from kgraph.stats import compute_stats

    assert compute_stats(_store_of(seeds_graph)) == compute_stats(seeds_graph)


@pytest.mark.parametrize("command", ["view", "stats"])
def test_cli_on_a_broken_graph_says_so_in_one_line(tmp_path, capsys, command):
    bad = tmp_path / "graph.ttl"
    bad.write_text('@prefix x: <http://x/> .\nx:a x:b "unterminated .\n', encoding="utf-8")
    assert main([command, str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "not a valid turtle graph" in err and str(bad) in err


# ------------------------------------------------ the page a build draws from its corpus
@pytest.fixture(scope="module")
def dev_corpus():
    """The resolved dev corpus (16 articles) and its graph.ttl."""
    from kgraph.pipeline import build, extract_inputs
    from kgraph.resolve import resolve

    folder = Path(__file__).parent / "corpus" / "dev"
    facts = extract_inputs([folder], jobs=1, slim_facts=True).facts
    out = Path(tempfile.mkdtemp(prefix="kgraph-dev-"))
    build([folder], out, html=False, validate=False, jobs=1, cache=False)
    return resolve(list(facts)), out / "graph.ttl"


def _sorted_tables(tables: viz.TripleTables) -> dict[str, list]:
    return {p: sorted(rows, key=repr) for p, rows in tables.tables.items() if rows}


def test_the_builders_rows_are_the_tables_of_its_graph(dev_corpus):
    """The rows the build draws its page from (no Oxigraph terms) hold what graph.ttl
    holds, table for table."""
    from kgraph.rdf import GraphParts

    corpus, ttl = dev_corpus
    rows = viz.TripleTables()
    parts = GraphParts.rows(corpus)
    for batch in parts.row_batches():
        rows.extend(batch, shared=True)
    rows.extend(parts.fragment_rows(), shared=True)
    assert _sorted_tables(rows) == _sorted_tables(viz.TripleTables.from_file(ttl))


def test_the_builders_overview_rows_are_what_the_overview_reads(dev_corpus):
    """For an overview page the builder leaves out what the overview filter of a graph
    file leaves out (provenance, other names and positions of undrawn nodes)."""
    from kgraph.rdf import GraphParts

    corpus, ttl = dev_corpus
    rows = viz.TripleTables()
    parts = GraphParts.rows(corpus, overview=True)
    for batch in parts.row_batches():
        rows.extend(batch, shared=True)
    rows.extend(parts.fragment_rows(), shared=True)
    from_file = viz.TripleTables.from_file(ttl, overview_only=True)
    assert _sorted_tables(rows) == _sorted_tables(from_file)
    assert sum(map(len, rows.tables.values())) < rows.count  # less than the whole graph


@pytest.mark.parametrize("threshold", [6000, 10])  # a full page, an overview page
def test_the_page_is_the_same_drawn_by_a_child_here_or_from_the_file(
        tmp_path, monkeypatch, threshold):
    from kgraph import pipeline

    monkeypatch.setattr(viz, "DEFAULT_OPTIONS",
                        dataclasses.replace(viz.DEFAULT_OPTIONS, overview_threshold=threshold))
    folder = Path(__file__).parent / "corpus" / "dev"
    forked = pipeline.build([folder], tmp_path / "forked", validate=False, cache=False)
    serial = pipeline.build([folder], tmp_path / "serial", validate=False, cache=False,
                            jobs=1)
    page = forked.outputs["graph.html"].read_bytes()
    assert page == serial.outputs["graph.html"].read_bytes()
    from_file = viz.write_html(viz.TripleTables.from_file(forked.outputs["graph.ttl"]),
                               tmp_path / "file.html", overview=threshold == 10 or None)
    assert page == from_file.read_bytes()


def test_a_failed_child_leaves_the_page_to_the_build(tmp_path, seeds_build, seeds_dir,
                                                     monkeypatch):
    """The page is drawn again when the child fails: the build does not fail for it."""
    import os

    from kgraph import pipeline

    parent, real = os.getpid(), pipeline._draw_page

    def fails_in_the_child(corpus, path):
        if os.getpid() != parent:
            raise MemoryError("the child ran out of memory")
        return real(corpus, path)

    monkeypatch.setattr(pipeline, "_draw_page", fails_in_the_child)
    result = pipeline.build([seeds_dir], tmp_path / "out", validate=False, cache=False)
    assert result.outputs["graph.html"].read_bytes() == \
        seeds_build.outputs["graph.html"].read_bytes()
