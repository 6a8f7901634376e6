"""Property-based tests: thousands of random and adversarial texts, no crash, valid output.

- the reader (decode, markdown, JSONL/CSV, dates) raises only InputError, whatever the bytes;
- the extractor (clean + extract on an Article from reader.make_article) never crashes and
  keeps its offsets inside the text;
- the builder (resolve + to_rdf) always gives Turtle that parses back to the same triples,
  in rdflib and in Oxigraph, with only well-formed IRIs;
- namespaces.slug / resource give IRI-safe, percent-encoded names for any text.

Budget: KGRAPH_HYPOTHESIS_SCALE (default 1.0) multiplies the number of examples; at 1.0
the file runs in well under a minute on two workers.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef

from kgraph.clean import clean
from kgraph.extract import extract
from kgraph.model import Facts, OfficialRef, OrgRef, RegionRef, Span
from kgraph.namespaces import KGR, resource, slug
from kgraph.pipeline import write_turtle
from kgraph.rdf import iter_triples, to_rdf
from kgraph.reader import (
    InputError,
    InputFile,
    decode_with_encoding,
    iso_date,
    make_article,
    markdown_to_text,
    read_file,
)
from kgraph.resolve import resolve

SCALE = float(os.environ.get("KGRAPH_HYPOTHESIS_SCALE", "1"))


def budget(n: int) -> settings:
    return settings(max_examples=max(10, int(n * SCALE)), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much,
                                           HealthCheck.function_scoped_fixture])


# ------------------------------------------------------------------ text strategies
TITLES = ["Gubernur", "Wakil Gubernur", "Penjabat (Pj) Gubernur", "Pj Gubernur", "Wali Kota",
          "Bupati", "Kepala Dinas Pariwisata", "Kepala Dinas", "Sekretaris Daerah", "Duta Besar",
          "Konsul Jenderal", "Menteri", "Ketua DPRD", "Direktur Utama", "Presiden"]
REGIONS = ["Kalimantan Timur", "Kaltim", "Jawa Tengah", "Jateng", "Jawa Timur", "DKI Jakarta",
           "Anhui", "Guangxi", "Tiongkok", "China", "Indonesia", "Kazakhstan", "Astana",
           "Samarinda", "Surabaya", "Nusantara", "Bali", "Queensland", "Konya", "Turki",
           "Sulawesi Utara", "Davao", "Filipina", "Medan", "Pulau Pinang", "Malaysia"]
GOV = ["Pemprov", "Pemkot", "Pemkab", "Pemerintah Provinsi", "Pemerintah Kota",
       "Pemerintah Kabupaten", "Pemerintah Daerah", "DPMPTSP", "Dinas Penanaman Modal",
       "Kadin", "Kamar Dagang dan Industri", "Kementerian Luar Negeri", "KBRI", "PT", "Bank"]
VERBS = ["menandatangani", "meneken", "menjalin", "menawarkan", "menjajaki", "sepakat",
         "memperpanjang", "kata", "ujar", "mengatakan", "menurut", "bersama", "dengan", "dan",
         "di bidang", "sektor", "kerja sama", "nota kesepahaman (MoU)", "letter of intent (LoI)",
         "perjanjian kerja sama (PKS)", "sister city", "sister province", "kota kembar"]
SECTORS = ["industri", "perdagangan", "pertanian", "pendidikan", "pariwisata", "investasi",
           "kesehatan", "kebudayaan", "perikanan", "energi"]
FURNITURE = ["Baca juga: Berita Lain", "Editor: Rina", "Penulis: A", "Sumber: ANTARA",
             "Bagikan:", "Cek Berita dan Artikel yang lain di Google News", "(Foto: Humas)",
             "(Ist/ Disway Kaltim)", "(Adv)", "© 2024 Kompas", "Tags: kaltim, anhui",
             "Advertisement", "Scroll to continue", "BACA JUGA: X"]
DATELINES = ["SAMARINDA, KOMPAS.com -", "Samarinda (ANTARA) -", "JAKARTA –", "Padang, Padek.co -",
             "Mataram (Lombok Post) –", "Manado —"]
PUNCT = list(".,;:!?()[]{}\"'“”‘’–—-/\\|@#$%^&*_+=<>~`…")
WEIRD = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\u00a0", "\u200b", "\u200d", "\u200e",
         "\u200f", "\u202e", "\u2028", "\u2029", "\ufeff", "\ufffd", "\ufffe", "\U0001f600",
         "\U0001f1ee\U0001f1e9", "\u0301", "ﷺ", "שלום", "مرحبا", "日本語", "한국어",
         "\\ud83d", "\\u0000", "\r", "\r\n", "\t", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e",
         "İ", "ß", "ﬁ", "Ⅻ", "①", "𝔊𝔲𝔟𝔢𝔯𝔫𝔲𝔯", "Ｇｕｂｅｒｎｕｒ"]
LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\ud83d"]

cap_word = st.from_regex(r"[A-Z][a-z]{1,9}", fullmatch=True)
acronym = st.from_regex(r"[A-Z]{2,6}", fullmatch=True)
person = st.lists(cap_word, min_size=1, max_size=4).map(" ".join)
official = st.builds(lambda t, r, p: f"{t} {r} {p}", st.sampled_from(TITLES),
                     st.sampled_from(REGIONS) | cap_word, person)
token = st.one_of(
    st.sampled_from(TITLES), st.sampled_from(REGIONS), st.sampled_from(GOV),
    st.sampled_from(VERBS), st.sampled_from(SECTORS), st.sampled_from(PUNCT),
    st.sampled_from(WEIRD), cap_word, acronym, official,
    st.text(max_size=6), st.just("\n"), st.just("\n\n"),
)
sentence = st.lists(token, min_size=1, max_size=40).map(" ".join)
indonesian_like = st.builds(
    lambda dl, title, body, furn: "\n".join(x for x in [title, dl + " " + body[0], *body[1:],
                                                        *furn] if x is not None),
    st.sampled_from(DATELINES) | st.just(""),
    st.none() | sentence,
    st.lists(sentence, min_size=1, max_size=6),
    st.lists(st.sampled_from(FURNITURE), max_size=4),
)
furniture_only = st.lists(st.sampled_from(FURNITURE), min_size=1, max_size=8).map("\n".join)
punctuation_only = st.text(st.sampled_from([*PUNCT, " ", "\n"]), min_size=1, max_size=200)
long_line = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=12),
                      st.integers(200, 2000))
mixed_unicode = st.text(st.characters(codec=None, exclude_categories=["Cs"]), max_size=300)
with_surrogates = st.lists(st.sampled_from(LONE_SURROGATES) | st.text(max_size=5),
                           min_size=1, max_size=20).map("".join)
any_text = st.one_of(indonesian_like, indonesian_like, mixed_unicode, furniture_only,
                     punctuation_only, long_line, with_surrogates, st.text())

ADVERSARIAL = [
    "", " ", "\n", "\x00", "\x00" * 1000, ".", "...", "\"", "“", "(", ")", "-", "–",
    "Gubernur", "Gubernur Gubernur Gubernur", "Gubernur X Y", "Pemprov", "Pemprov dan Pemprov",
    "MoU MoU MoU", "kerja sama " * 500, "A. " * 2000, "Gubernur " * 3000,
    "Baca juga:\nEditor:\nSumber:\n", "(Foto: Humas)" * 100, "a" * 100_000,
    ("Pemerintah Provinsi Kalimantan Timur dan Pemerintah Provinsi Anhui menandatangani "
     "nota kesepahaman kerja sama. ") * 300,
    "SAMARINDA -", "SAMARINDA, KOMPAS.com -\n\n\n", "\u202eGubernur Kaltim\u202c", "\ud800",
    "Gubernur \ud83d Kaltim", "\\ud800 \\u0000 \\n", "\r\r\r\n\n\r", "\u2028" * 50,
    "Kepala Dinas Pariwisata Provinsi Bali Tjokorda Bagus Pemayun" * 200,
    '"' * 500 + "kata Gubernur Bali", "(" * 2000 + ")" * 2000, "Gubernur (" * 500,
    "Dr. Ir. H. M. Si. S.H. M.H. " * 200, "PT " * 1000, "Dinas " * 1000,
    "di bidang " + ", ".join(SECTORS * 50), "<script>alert(1)</script>" * 10,
    "Gubernur <script>window.__pwned=1</script> Noor kata \"]]> </script>",
]


def article(text: str, n: int = 0):
    return make_article(text, Path(f"/corpus/a{n}.txt"), Path("/corpus"))


# ------------------------------------------------------------------ checks
_PCT = re.compile(r"%(?![0-9A-F]{2})")
_KG_IRI = re.compile(r"https://w3id\.org/kgraph/id/[a-z-]+(?:/[A-Za-z0-9._~%-]+)+")


def assert_iri_segment(s: str) -> None:
    assert s, "empty"
    assert re.fullmatch(r"[A-Za-z0-9._~%-]+", s), repr(s)
    assert not _PCT.search(s), f"bad percent escape in {s!r}"


def assert_kgraph_iri(iri: str) -> None:
    assert _KG_IRI.fullmatch(iri), repr(iri)
    assert not _PCT.search(iri), repr(iri)


def check_extraction(text: str) -> Facts:
    art = article(text)
    doc = clean(art)
    n = len(art.text)
    assert len(doc.content) == n, "Document.content must keep the article's length"
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= n and doc.content[s.start:s.end] == s.text
    facts = extract(doc)
    for sp in facts.spans():
        assert 0 <= sp.start <= sp.end <= n, sp
        assert -1 <= sp.sentence < len(doc.sentences), sp
    return facts


def graphs(corpus, with_ontology: bool = True) -> tuple[Graph, bytes]:
    """The corpus as an rdflib Graph, and as graph.ttl is written by a build."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.ttl"
        write_turtle(iter_triples(corpus, with_ontology), path)
        return to_rdf(corpus, with_ontology), path.read_bytes()


def check_turtle(graph: Graph, written: bytes) -> None:
    built = Graph().parse(data=written, format="turtle")  # what `kgraph build` writes
    assert len(built) == len(graph)
    if len(graph) < 400:
        assert built.isomorphic(graph)
    data = graph.serialize(format="turtle")
    back = Graph().parse(data=data, format="turtle")
    assert len(back) == len(graph)
    if len(graph) < 400:  # isomorphism is costly on big graphs; the count still holds
        assert back.isomorphic(graph)
    try:
        import pyoxigraph as ox
    except ImportError:  # pragma: no cover
        ox = None
    if ox is not None:
        quads = list(ox.parse(data.encode("utf-8"), format=ox.RdfFormat.TURTLE))
        assert len(quads) == len(graph)
    for term in {t for triple in graph for t in triple}:
        if isinstance(term, URIRef) and str(term).startswith(str(KGR)):
            assert_kgraph_iri(str(term))
        if isinstance(term, Literal):
            str(term).encode("utf-8")  # no lone surrogates in any literal


# ------------------------------------------------------------------ IRIs
@budget(1000)
@given(st.text(st.characters(codec="utf-8"), max_size=200), st.integers(1, 120))
@example("..", 80)
@example("日本語", 80)
@example(" \x00\n", 80)
@example("%41", 80)
def test_slug_is_an_iri_segment(text, max_len):
    s = slug(text, max_len)
    assert_iri_segment(s)
    assert_kgraph_iri(resource("org", s))
    URIRef(resource("org", s))


@budget(600)
@given(st.text(st.characters(codec="utf-8"), max_size=200))
def test_resource_percent_encodes_any_local_name(local):
    assert_kgraph_iri(resource("official", local or "x"))


@pytest.mark.parametrize("text", ["\ud800", "\udfff\udfff"])
def test_slug_of_lone_surrogates(text):
    assert_iri_segment(slug(text))


@pytest.mark.parametrize("text", [".", ".."])
def test_slug_is_never_a_dot_segment(text):
    assert slug(text) not in (".", "..")


# ------------------------------------------------------------------ extractor
@budget(500)
@given(any_text)
def test_extractor_never_crashes(text):
    check_extraction(text)


@budget(400)
@given(indonesian_like)
@example(" Kepala Dinas Pariwisata Penjabat (Pj) Gubernur Kalimantan Timur Aa PT")  # head at end
def test_extractor_on_indonesian_like_news(text):
    check_extraction(text)


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: repr(t[:30]))
def test_extractor_and_builder_on_adversarial_texts(text):
    facts = check_extraction(text)
    check_turtle(*graphs(resolve([facts]), with_ontology=False))


# ------------------------------------------------------------------ builder
@budget(200)
@given(st.lists(any_text, min_size=1, max_size=4))
def test_builder_always_gives_valid_turtle(texts):
    facts = [extract(clean(article(t, i))) for i, t in enumerate(texts)]
    check_turtle(*graphs(resolve(facts), with_ontology=False))


@budget(40)
@given(st.lists(indonesian_like, min_size=1, max_size=3))
def test_builder_with_ontology_gives_valid_turtle(texts):
    facts = [extract(clean(article(t, i))) for i, t in enumerate(texts)]
    check_turtle(*graphs(resolve(facts)))


# ------------------------------------------------------------------ reader
@budget(400)
@given(st.binary(max_size=600) | st.builds(lambda t, e: t.encode(e, "replace"), any_text,
                                            st.sampled_from(["utf-8", "utf-16", "cp1252",
                                                             "utf-8-sig", "latin-1",
                                                             "utf-16-le", "utf-32"])))
def test_decode_gives_text_or_a_one_line_error(data):
    try:
        text, encoding = decode_with_encoding(data, "x.txt")
    except InputError as err:
        assert "\n" not in str(err) and err.kind in ("binary", "undecodable")
    else:
        assert isinstance(text, str) and encoding


@budget(200)
@given(st.binary(max_size=400) | any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
       st.sampled_from(["a.txt", "a.md", "a.html", "a.jsonl", "a.csv", "a.tsv", "a"]))
def test_read_file_of_any_bytes_raises_only_input_error(tmp_path_factory, data, name):
    folder = tmp_path_factory.mktemp("any", numbered=True)
    path = folder / name
    path.write_bytes(data)
    try:
        got = read_file(InputFile(path, folder))
    except InputError as err:
        assert "\n" not in str(err)
        return
    for a in got.articles:
        a.text.encode("utf-8")
        assert a.text.strip()
        assert a.date is None or iso_date(a.date) == a.date
        assert a.url is None or a.url.startswith(("http://", "https://"))
    for err in got.errors:
        assert err.line is not None and "\n" not in str(err)


@budget(400)
@given(st.lists(st.one_of(st.sampled_from(["# ", "## ", "> ", "- ", "* ", "1. ", "```", "---",
                                           "===", "|", "**", "__", "`", "[", "](", ")", "![",
                                           "<b>", "</b>", "\\", "\n", "\n\n", "&amp;", "<!--",
                                           "-->"]),
                          st.text(max_size=20)), max_size=60).map("".join))
def test_markdown_to_text_never_crashes(md):
    body, meta = markdown_to_text(md)
    assert isinstance(body, str)
    if "title" in meta:
        assert meta["title"] and "\n" not in meta["title"]


@budget(400)
@given(st.text(max_size=40) | st.dates().map(lambda d: d.isoformat())
       | st.builds(lambda d, m: f"{d} {m} 2024", st.integers(-5, 40),
                   st.sampled_from(["Januari", "Mei", "Agustus", "Desember", "Foo"])))
def test_iso_date_is_iso_or_none(value):
    got = iso_date(value)
    assert got is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", got)


# ------------------------------------------------ records pickled by field (fast_pickle)
_text = st.text(max_size=12)
_spans = st.builds(Span, st.integers(0, 10**6), st.integers(0, 10**6), st.integers(-1, 500))
_orgs = st.builds(OrgRef, _text, _text, _text, st.none() | _text, st.none() | _text, _text,
                  _spans)
_officials = st.builds(OfficialRef, _text, _text, st.none() | _text, st.none() | _orgs,
                       st.none() | _text, _text, _spans, st.booleans())


@given(st.lists(_officials, max_size=5), st.lists(st.builds(RegionRef, _text, _text, _spans),
                                                  max_size=5))
def test_records_pickle_back_equal(officials, regions):
    """model.fast_pickle: a record comes back equal, of its class, frozen, for every
    pickle protocol (the cache, the snapshot and the workers all pickle them)."""
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps((officials, regions), protocol))
        assert back == (officials, regions)
        for record in back[0] + back[1]:
            with pytest.raises(dataclasses.FrozenInstanceError):
                record.surface = "changed"  # type: ignore[misc]


def test_gazetteer_records_pickle_by_field():
    from kgraph.gazetteer import gazetteer

    regions = list(gazetteer().regions.values())[:50]
    data = pickle.dumps(regions, pickle.HIGHEST_PROTOCOL)
    assert b"_restore_Region" in data
    assert pickle.loads(data) == regions
