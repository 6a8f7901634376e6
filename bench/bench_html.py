"""Benchmark graph.html: file size, time to write, time until interactive in headless Chromium.

    .venv/bin/python bench/bench_html.py [--sizes 1000 5000 20000] [--out bench/out]
    .venv/bin/python bench/bench_html.py --ttl output/graph.ttl [--ttl OTHER.ttl]


For each size a synthetic graph with the kgraph vocabulary is generated (regions with
a few hubs, officials, organizations, agreements with stages, sectors, articles and
evidence sentences), written in the mode kgraph picks by itself ("auto") and, for the
largest sizes, in the other mode too; "write s" is write_html from the rdflib Graph,
"store s" from a pyoxigraph Store holding the same triples (the page is checked to be
the same). "ready" is the page's own ready flag
(window.kgraph.readyAt: ms after navigation start, set on the first frame drawn once
the layout is done). Goals: under 3 s at 1k nodes, under 10 s at 20k nodes in overview.

--ttl times a real graph instead (say the graph.ttl of a 10k-article build): parsing it
with rdflib and with Oxigraph, then write_html from each (goal: 1.5 s at 10k articles).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kgraph.namespaces import KG, KGS, OA, resource
from kgraph.viz import build_view, write_html

try:
    import pyoxigraph as ox
except ImportError:  # pragma: no cover - a dependency of kgraph
    ox = None

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SECTORS = (("industri", "Industri", "Industry"), ("perdagangan", "Perdagangan", "Trade"),
           ("pendidikan", "Pendidikan", "Education"), ("pariwisata", "Pariwisata", "Tourism"),
           ("pertanian", "Pertanian", "Agriculture"), ("investasi", "Investasi", "Investment"),
           ("energi", "Energi", "Energy"), ("kesehatan", "Kesehatan", "Health"),
           ("budaya", "Kebudayaan", "Culture"), ("perikanan", "Perikanan", "Fisheries"),
           ("infrastruktur", "Infrastruktur", "Infrastructure"), ("umkm", "UMKM", "MSMEs"),
           ("teknologi", "Teknologi", "Technology"), ("kehutanan", "Kehutanan", "Forestry"),
           ("pertambangan", "Pertambangan", "Mining"), ("transportasi", "Transportasi",
                                                        "Transport"),
           ("lingkungan", "Lingkungan Hidup", "Environment"), ("sdm", "Sumber Daya Manusia",
                                                               "Human resources"),
           ("otomotif", "Otomotif", "Automotive"), ("ekonomi", "Ekonomi", "Economy"))
KINDS = ("Agreement", "Offer", "LetterOfIntent", "MemorandumOfUnderstanding",
         "MemorandumOfAgreement", "SisterRelationship")
ORG_KINDS = ("GovernmentAgency", "GovernmentAgency", "GovernmentAgency", "Company",
             "BusinessAssociation", "University", "DiplomaticMission")
STATUSES = ("reported", "proposed", "planned", "signed", "ongoing")
SYLLABLES = ("ka", "li", "man", "tan", "ti", "mur", "sa", "ma", "rin", "da", "ban", "jar",
             "an", "hui", "ku", "tai", "ne", "ga", "ra", "su", "la", "we", "si", "po", "ta")
WORDS = ("pemerintah", "provinsi", "kerja", "sama", "bidang", "investasi", "pembangunan",
         "daerah", "menandatangani", "nota", "kesepahaman", "dengan", "untuk", "meningkatkan",
         "perdagangan", "pendidikan", "wisata", "gubernur", "kunjungan", "delegasi", "sektor")


def _word(rnd: random.Random, n: int = 3) -> str:
    return "".join(rnd.choice(SYLLABLES) for _ in range(n)).capitalize()


def _zipf(rnd: random.Random, items: list, s: float = 0.9):
    """Pick with a heavy head, so a few regions become hubs as in real corpora."""
    weights = [1.0 / (k + 1) ** s for k in range(len(items))]
    return rnd.choices(items, weights=weights, k=1)[0]


def synthetic_graph(n: int, seed: int = 0) -> Graph:
    """About `n` drawable nodes with the kgraph vocabulary, plus stages and evidence."""
    rnd = random.Random(seed)
    g = Graph()
    add = g.add
    sizes = {"Country": max(3, min(60, n // 300)), "Province": max(5, n // 25),
             "City": max(5, n // 12), "Article": max(5, n // 12), "Agreement": max(5, n // 6),
             "Organization": max(5, n // 4)}
    sizes["Official"] = max(5, n - sum(sizes.values()) - len(SECTORS))
    articles = [URIRef(resource("article", f"a{k}")) for k in range(sizes["Article"])]
    for k, a in enumerate(articles):
        add((a, RDF.type, KG.Article))
        add((a, RDFS.label, Literal(f"Kerja sama {_word(rnd)} dan {_word(rnd)} ({k})")))
        add((a, KG.fileName, Literal(f"{k:06d}.txt")))
    sentences = [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 28))).capitalize()
                 + "." for _ in range(max(50, n // 2))]
    n_ev = [0]

    def provenance(node: URIRef, name: str) -> None:
        for a in {rnd.choice(articles) for _ in range(rnd.randint(1, 3))}:
            add((node, KG.mentionedIn, a))
            ev = URIRef(resource("evidence", f"e{n_ev[0]}"))
            n_ev[0] += 1
            add((node, KG.evidence, ev))
            add((ev, RDF.type, KG.Evidence))
            add((ev, KG.inArticle, a))
            add((ev, OA.start, Literal(rnd.randint(0, 3000))))
            add((ev, KG.quote, Literal(name)))
            add((ev, KG.sentence, Literal(rnd.choice(sentences) + " " + name + ".")))

    def named(kind: str, cls: str, k: int, name: str, en: str | None = None) -> URIRef:
        node = URIRef(resource(kind, f"{cls.lower()}-{k}"))
        add((node, RDF.type, KG[cls]))
        add((node, RDFS.label, Literal(name, lang="id")))
        add((node, SKOS.prefLabel, Literal(name, lang="id")))
        if en:
            add((node, SKOS.prefLabel, Literal(en, lang="en")))
        if rnd.random() < 0.4:
            add((node, SKOS.altLabel, Literal(name.split()[-1])))
        provenance(node, name)
        return node

    countries = [named("country", "Country", k, f"Negara {_word(rnd)}", f"{_word(rnd)} Republic")
                 for k in range(sizes["Country"])]
    provinces = [named("province", "Province", k, f"Provinsi {_word(rnd)} {_word(rnd, 2)}")
                 for k in range(sizes["Province"])]
    for p in provinces:
        add((p, KG.locatedIn, _zipf(rnd, countries)))
    cities = [named("city", "City", k, f"Kota {_word(rnd)}") for k in range(sizes["City"])]
    for c in cities:
        add((c, KG.locatedIn, _zipf(rnd, provinces, 0.6)))
    regions = countries[:3] + provinces + cities + countries[3:]
    rnd.shuffle(regions)
    orgs = []
    for k in range(sizes["Organization"]):
        cls = rnd.choice(ORG_KINDS)
        o = named("org", "Organization", k, f"Dinas {_word(rnd)} {_word(rnd, 2)}")
        add((o, RDF.type, KG[cls]))
        add((o, KG.region, _zipf(rnd, regions)))
        orgs.append(o)
    for k in range(sizes["Official"]):
        off = named("person", "Official", k, f"{_word(rnd)} {_word(rnd)}")
        add((off, KG.position, Literal(f"Kepala {_word(rnd)}")))
        add((off, KG.represents, _zipf(rnd, regions)))
        add((off, KG.memberOf, rnd.choice(orgs)))
    sectors = []
    for sid, label_id, label_en in SECTORS:
        s = KGS[sid]
        add((s, RDF.type, KG.Sector))
        add((s, RDFS.label, Literal(label_id, lang="id")))
        add((s, SKOS.prefLabel, Literal(label_id, lang="id")))
        add((s, SKOS.prefLabel, Literal(label_en, lang="en")))
        sectors.append(s)
    for k in range(sizes["Agreement"]):
        a_, b_ = _zipf(rnd, regions), _zipf(rnd, regions)
        agr = named("agreement", "Agreement", k, f"Kerja sama {k}")
        add((agr, KG.party, a_))
        add((agr, KG.party, b_ if b_ != a_ else rnd.choice(orgs)))
        for s in {_zipf(rnd, sectors, 0.7) for _ in range(rnd.randint(1, 4))}:
            add((agr, KG.sector, s))
        kind = rnd.choice(KINDS)
        add((agr, RDF.type, KG[kind]))
        add((agr, KG.kind, KG[kind]))
        add((agr, KG.status, Literal(rnd.choice(STATUSES))))
        for st in range(rnd.randint(1, 3)):
            stage = URIRef(f"{agr}/stage-{st + 1}")
            add((agr, KG.hasStage, stage))
            add((stage, RDF.type, KG.AgreementStage))
            add((stage, KG.stageKind, KG[rnd.choice(KINDS)]))
            add((stage, KG.status, Literal(rnd.choice(STATUSES))))
            add((stage, KG.date, Literal(f"20{rnd.randint(15, 24)}-{rnd.randint(1, 12):02d}")))
            add((stage, KG.mentionedIn, rnd.choice(articles)))
    return g


def to_store(graph: Graph):
    """The same triples in an in-memory pyoxigraph Store (None without pyoxigraph)."""
    if ox is None:
        return None
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return store


def _timed_write(source, page: Path, overview: bool | None) -> float:
    t0 = time.perf_counter()
    write_html(source, page, overview=overview)
    return time.perf_counter() - t0


def bench_ttl(paths: list[Path], out: Path) -> int:
    """Parse each graph file both ways, then time write_html from the Graph and the Store."""
    head = (f"{'graph':<32} {'triples':>8} {'rdflib parse':>12} {'ox load':>8} "
            f"{'write (Graph)':>13} {'write (Store)':>13} {'same':>5}")
    print(head)
    print("-" * len(head))
    for path in paths:
        t0 = time.perf_counter()
        graph = Graph().parse(path, format="turtle")
        t1 = time.perf_counter()
        store = None
        if ox is not None:
            store = ox.Store()
            store.load(path=str(path), format=ox.RdfFormat.TURTLE)
        t2 = time.perf_counter()
        w_graph = _timed_write(graph, out / "ttl-graph.html", None)
        w_store = (_timed_write(store, out / "ttl-store.html", None) if store is not None
                   else None)
        same = (w_store is not None and (out / "ttl-graph.html").read_bytes()
                == (out / "ttl-store.html").read_bytes())
        name = str(path) if len(str(path)) <= 32 else "…" + str(path)[-31:]
        print(f"{name:<32} {len(graph):>8} {t1 - t0:>12.2f} {t2 - t1:>8.2f} {w_graph:>13.2f} "
              f"{'n/a' if w_store is None else f'{w_store:.2f}':>13} {'yes' if same else 'NO':>5}")
    return 0


def _browser_ready(pages: list[Path]) -> list[float | None]:
    """Seconds from navigation start to the page's ready flag, per page (None: failed)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return [None] * len(pages)
    out: list[float | None] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for page_path in pages:
            ctx = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
            page = ctx.new_page()
            try:
                page.goto(page_path.resolve().as_uri(), timeout=120_000)
                page.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
                out.append(page.evaluate("window.kgraph.readyAt") / 1000)
            except Exception as exc:  # a failed page is a row of the table, not a crash
                print(f"  {page_path.name}: {exc}", file=sys.stderr)
                out.append(None)
            ctx.close()
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--ttl", type=Path, action="append", default=[],
                    help="time write_html on this graph file, from rdflib and from Oxigraph")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.ttl:
        return bench_ttl(args.ttl, args.out)
    rows = []
    for n in args.sizes:
        t0 = time.perf_counter()
        graph = synthetic_graph(n)
        gen = time.perf_counter() - t0
        store = to_store(graph)
        modes: list[bool | None] = [None]
        if n >= 5000:
            modes += [True] if n < 6000 else [False]
        for mode in modes:
            name = {None: "auto", True: "overview", False: "full"}[mode]
            page = args.out / f"graph-{n}-{name}.html"
            write = _timed_write(graph, page, mode)
            from_store = None
            if store is not None:
                store_page = page.with_name(page.stem + "-store.html")
                from_store = _timed_write(store, store_page, mode)
                if store_page.read_bytes() != page.read_bytes():
                    print(f"  {page.name}: the page from the Store differs", file=sys.stderr)
                store_page.unlink()
            view = build_view(graph, overview=mode)
            rows.append({"size": n, "mode": name + (" (overview)" if mode is None and
                                                     view.overview else ""),
                         "drawn": len(view.nodes), "edges": len(view.edges),
                         "layout": "physics" if view.physics else "precomputed",
                         "triples": len(graph), "gen": gen, "mb": page.stat().st_size / 1e6,
                         "write": write, "store": from_store, "page": page})
    ready = ([None] * len(rows) if args.no_browser or not shutil.which(CHROMIUM)
             else _browser_ready([r["page"] for r in rows]))
    head = (f"{'nodes':>6} {'mode':<16} {'drawn':>6} {'edges':>6} {'layout':<11} "
            f"{'triples':>8} {'file MB':>7} {'write s':>7} {'store s':>7} {'ready s':>7}")
    print(head)
    print("-" * len(head))
    for r, t in zip(rows, ready, strict=True):
        from_store = "n/a" if r["store"] is None else f"{r['store']:.2f}"
        print(f"{r['size']:>6} {r['mode']:<16} {r['drawn']:>6} {r['edges']:>6} {r['layout']:<11} "
              f"{r['triples']:>8} {r['mb']:>7.2f} {r['write']:>7.2f} {from_store:>7} "
              f"{'n/a' if t is None else f'{t:.2f}':>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
