"""Benchmark: rdflib in memory vs Oxigraph on synthetic corpora, in one run.

    .venv/bin/python bench/bench_store.py                  # 1k, 10k and 100k articles
    .venv/bin/python bench/bench_store.py --sizes 1000,10000

For each size a graph is generated directly (no extraction) with the vocabulary
`kgraph build` writes, about 45 triples per article, plus the ontology: articles
with outlet/dateline/date, agreement stages reported by each article with their
evidence (sentence, offsets), agreements between regions, bodies and foreign
partners with sectors, kind and status, officials with positions, the regions
they represent and the bodies they work in, and a region hierarchy of about
1,000 places. Parties and officials are drawn with a skewed (Zipf-like)
distribution, as in news, where a few provinces take most of the coverage.

Measured, per store: the load time of the N-Triples file (rdflib `Graph.parse`;
Oxigraph `bulk_load` into an on-disk store), then each saved query's latency
through `kgraph.queries.run_query`, i.e. what a user pays: SPARQL evaluation and
conversion of every row to rdflib terms. Every saved query runs without
parameters (the whole graph), and those with a `region` parameter run again with
`--region` (default Prov01, the province with most coverage), as an analyst asks
them. Each measurement runs in a forked child: one warm-up run, then the median
of `--runs` runs (a warm-up slower than `--budget` seconds is the only run); a
child still running after `--timeout` seconds is stopped and reported as
">TIMEOUT". The table prints the ratio rdflib / Oxigraph and checks the goal at
10k articles (every query under 100 ms on Oxigraph and at least 20x faster than
rdflib).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import multiprocessing
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from rdflib import Graph

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kgraph.lexicon import ontology_dir  # noqa: E402
from kgraph.namespaces import KG, KGR, KGS  # noqa: E402
from kgraph.queries import DEFAULT_LIMIT, SavedQuery, load_queries, run_query  # noqa: E402

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
SKOS_PREF = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
SKOS_ALT = "<http://www.w3.org/2004/02/skos/core#altLabel>"
DC_TITLE = "<http://purl.org/dc/terms/title>"
DC_DATE = "<http://purl.org/dc/terms/date>"
OA_START = "<http://www.w3.org/ns/oa#start>"
OA_END = "<http://www.w3.org/ns/oa#end>"
OA_TPS = "<http://www.w3.org/ns/oa#TextPositionSelector>"
XSD = "http://www.w3.org/2001/XMLSchema#"

SECTORS = ["industri", "perdagangan", "pertanian", "pendidikan", "pariwisata", "investasi",
           "kesehatan", "infrastruktur", "energi", "perikanan", "kehutanan", "pertambangan",
           "teknologi", "kebudayaan", "umkm", "ekonomi", "transportasi", "lingkungan",
           "sdm", "pemerintahan"]
KINDS = ["Agreement", "Offer", "LetterOfIntent", "MemorandumOfUnderstanding",
         "MemorandumOfAgreement", "SisterRelationship"]
STATUSES = ["reported", "proposed", "ongoing", "planned", "signed"]
OUTLETS = ["ANTARA", "Antara Kaltim", "Kompas", "Tribun", "Detik", "Disway Kaltim"]
POSITIONS = ["Gubernur", "Wakil Gubernur", "Bupati", "Wali Kota", "Sekretaris Daerah",
             "Kepala Dinas Perindustrian", "Kepala Biro Kerja Sama", "Kepala DPMPTSP",
             "Duta Besar", "Konsul Jenderal", "Ketua Kadin", "Direktur Utama"]


def iri(kind: str, local: str) -> str:
    return f"<{KGR}{kind}/{local}>"


def kg(name: str) -> str:
    return f"<{KG}{name}>"


def lit(text: str, lang: str | None = None) -> str:
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{body}"@{lang}' if lang else f'"{body}"'


def typed(value: object, dtype: str) -> str:
    return f'"{value}"^^<{XSD}{dtype}>'


@dataclass(frozen=True, slots=True)
class Place:
    node: str
    name: str
    cls: str


class Generator:
    """Writes N-Triples lines for a synthetic corpus of `n` articles."""

    def __init__(self, n: int, seed: int = 7) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.lines: list[str] = []
        self.places: list[Place] = []
        self.home: list[Place] = []  # Indonesian provinces and cities
        self.foreign: list[Place] = []
        self.orgs: list[tuple[str, str, Place | None]] = []
        self.agreements: list[tuple[str, list[str]]] = []
        self.officials: list[tuple[str, Place]] = []

    def t(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o} .\n")

    def zipf(self, items: list, s: float = 1.1):
        # index drawn with P(i) ~ 1/(i+1)^s, via inverse transform on a cached table
        weights = getattr(self, f"_w{len(items)}", None)
        if weights is None:
            acc, total = [], 0.0
            for i in range(len(items)):
                total += 1.0 / (i + 1) ** s
                acc.append(total)
            weights = [a / total for a in acc]
            setattr(self, f"_w{len(items)}", weights)
        x = self.rng.random()
        lo, hi = 0, len(weights) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if weights[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        return items[lo]

    def place(self, kind: str, local: str, name: str, cls: str, parent: Place | None,
              iso: str | None = None, alt: str | None = None) -> Place:
        node = iri(kind, local)
        self.t(node, RDF_TYPE, kg(cls))
        self.t(node, RDFS_LABEL, lit(name, "id"))
        self.t(node, SKOS_PREF, lit(name, "id"))
        if alt:
            self.t(node, SKOS_ALT, lit(alt))
        if iso:
            self.t(node, kg("isoCode"), lit(iso))
        if parent:
            self.t(node, kg("locatedIn"), parent.node)
        p = Place(node, name, cls)
        self.places.append(p)
        return p

    def regions(self) -> None:
        indonesia = self.place("country", "ID", "Indonesia", "Country", None, "ID")
        provinces = [self.place("province", f"ID-P{i:02d}", f"Provinsi {i:02d}", "Province",
                                indonesia, f"ID-P{i:02d}", f"Prov{i:02d}") for i in range(1, 39)]
        cities = [self.place("city", f"ID-C{i:03d}", f"Kota {i:03d}", "City",
                             provinces[i % 38], None, f"Kt{i:03d}") for i in range(1, 515)]
        countries = [self.place("country", f"X{i:02d}", f"Negara {i:02d}", "Country", None,
                                f"X{i:02d}") for i in range(1, 41)]
        fprov = [self.place("province", f"X-P{i:03d}", f"Region {i:03d}", "Province",
                            countries[i % 40]) for i in range(1, 121)]
        fcity = [self.place("city", f"X-C{i:03d}", f"City {i:03d}", "City", fprov[i % 120])
                 for i in range(1, 151)]
        # news coverage: provinces first, then the big cities
        self.home = provinces + cities
        self.foreign = countries + fprov + fcity
        for i, prov in enumerate(provinces):
            for j, word in enumerate(("Dinas Perindustrian", "Biro Kerja Sama", "DPMPTSP",
                                      "Dinas Pariwisata", "Dinas Pendidikan")):
                node = iri("org", f"org-{i}-{j}")
                self.t(node, RDF_TYPE, kg("Organization"))
                self.t(node, RDF_TYPE, kg("GovernmentAgency"))
                self.t(node, RDFS_LABEL, lit(f"{word} {prov.name}"))
                self.t(node, kg("region"), prov.node)
                self.orgs.append((node, word, prov))
        for i in range(200):
            node = iri("org", f"company-{i}")
            self.t(node, RDF_TYPE, kg("Organization"))
            self.t(node, RDF_TYPE, kg("Company" if i % 3 else "BusinessAssociation"))
            self.t(node, RDFS_LABEL, lit(f"Perusahaan {i:03d}"))
            self.orgs.append((node, "company", None))
        for sid in SECTORS:
            s = f"<{KGS}{sid}>"
            self.t(s, RDF_TYPE, kg("Sector"))
            self.t(s, RDFS_LABEL, lit(sid.capitalize(), "id"))

    def party(self) -> tuple[str, str]:
        x = self.rng.random()
        if x < 0.65:
            p = self.zipf(self.home)
        elif x < 0.9:
            p = self.zipf(self.foreign)
        else:
            org = self.rng.choice(self.orgs[-200:])
            return org[0], lit(str(org[1]))
        return p.node, p.name

    def evidence(self, aid: str, n: int, start: int, sentence: str) -> str:
        e = iri("evidence", f"{aid}-{n}")
        self.t(e, RDF_TYPE, kg("Evidence"))
        self.t(e, RDF_TYPE, OA_TPS)
        self.t(e, kg("inArticle"), iri("article", aid))
        self.t(e, OA_START, typed(start, "nonNegativeInteger"))
        self.t(e, OA_END, typed(start + 40, "nonNegativeInteger"))
        self.t(e, kg("quote"), lit(sentence[:40]))
        self.t(e, kg("sentence"), lit(sentence))
        return e

    def article(self, i: int) -> None:
        rng = self.rng
        aid = f"a{i:06d}"
        a = iri("article", aid)
        day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        dateline = self.zipf(self.home)
        self.t(a, RDF_TYPE, kg("Article"))
        self.t(a, RDFS_LABEL, lit(f"Berita {i}"))
        self.t(a, DC_TITLE, lit(f"Berita kerja sama {i}"))
        self.t(a, kg("fileName"), lit(f"{aid}.txt"))
        self.t(a, kg("contentHash"), lit(hashlib.sha256(aid.encode()).hexdigest()))
        self.t(a, kg("outlet"), lit(rng.choice(OUTLETS)))
        self.t(a, DC_DATE, typed(day, "date"))
        self.t(a, kg("datelineText"), lit(dateline.name))
        self.t(a, kg("datelinePlace"), dateline.node)
        # the agreement this article reports: a new one (40 %) or one already known
        if not self.agreements or rng.random() < 0.4:
            home = self.zipf(self.home)
            other, _ = self.party()
            while other == home.node:
                other, _ = self.party()
            g = iri("agreement", f"g{len(self.agreements):06d}")
            kind = rng.choice(KINDS)
            self.t(g, RDF_TYPE, kg("Agreement"))
            if kind != "Agreement":
                self.t(g, RDF_TYPE, kg(kind))
            self.t(g, RDFS_LABEL, lit(f"Kerja sama {home.name}", "id"))
            self.t(g, RDFS_LABEL, lit(f"Cooperation {home.name}", "en"))
            self.t(g, kg("party"), home.node)
            self.t(g, kg("party"), other)
            for sid in rng.sample(SECTORS[:12] if rng.random() < 0.8 else SECTORS, 2):
                self.t(g, kg("sector"), f"<{KGS}{sid}>")
            self.t(g, kg("kind"), kg(kind))
            self.t(g, kg("status"), lit(rng.choice(STATUSES)))
            self.t(g, kg("date"), typed(day, "date"))
            self.agreements.append((g, [home.node, other]))
            agreement, parties = g, [home.node, other]
        else:
            agreement, parties = self.zipf(self.agreements, 0.8)
        sentence = f"Pemerintah daerah menandatangani kerja sama dalam berita {i}."
        stage = f"{agreement[:-1]}/stage-{aid}>"
        e1 = self.evidence(aid, 1, 100, sentence)
        self.t(agreement, kg("hasStage"), stage)
        self.t(stage, RDF_TYPE, kg("AgreementStage"))
        self.t(stage, kg("stageKind"), kg(rng.choice(KINDS)))
        self.t(stage, kg("status"), lit(rng.choice(STATUSES)))
        self.t(stage, kg("date"), typed(day, "date"))
        self.t(stage, kg("mentionedIn"), a)
        self.t(stage, kg("evidence"), e1)
        self.t(agreement, kg("mentionedIn"), a)
        self.t(agreement, kg("evidence"), e1)
        for p in parties:
            if p.startswith(f"<{KGR}org/"):
                continue
            self.t(p, kg("mentionedIn"), a)
        # one or two officials, a new one half of the time
        e2 = self.evidence(aid, 2, 300, f"Kepala daerah hadir dalam berita {i}.")
        for _ in range(1 + (rng.random() < 0.5)):
            if not self.officials or rng.random() < 0.5:
                o = iri("person", f"p{len(self.officials):06d}")
                region = self.zipf(self.home) if rng.random() < 0.8 else self.zipf(self.foreign)
                self.t(o, RDF_TYPE, kg("Official"))
                self.t(o, RDFS_LABEL, lit(f"Pejabat {len(self.officials)}"))
                self.t(o, kg("position"), lit(rng.choice(POSITIONS)))
                self.t(o, kg("represents"), region.node)
                org = self.rng.choice(self.orgs[:190])
                self.t(o, kg("memberOf"), org[0])
                self.officials.append((o, region))
            else:
                o, _ = self.zipf(self.officials, 0.9)
            self.t(o, kg("mentionedIn"), a)
            self.t(o, kg("evidence"), e2)

    def generate(self) -> Iterator[str]:
        self.regions()
        for i in range(self.n):
            self.article(i)
        ont = Graph()
        ont.parse(ontology_dir() / "kgraph.ttl", format="turtle")
        self.lines.append(ont.serialize(format="nt"))
        yield from self.lines


def write_corpus(n: int, folder: Path) -> tuple[Path, int]:
    path = folder / f"synthetic-{n}.nt"
    gen = Generator(n)
    with path.open("w", encoding="utf-8") as f:
        f.writelines(gen.generate())
    count = sum(1 for line in path.open(encoding="utf-8") if line.strip())
    return path, count


def timed(fn, runs: int, budget: float) -> tuple[float, int]:
    """(median seconds of `runs` runs after one warm-up, answer rows); a warm-up slower
    than `budget` seconds is the only run."""
    t0 = time.perf_counter()
    res = fn()
    first = time.perf_counter() - t0
    if first > budget or runs <= 0:
        return first, len(res)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        res = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), len(res)


_FORK = multiprocessing.get_context("fork")


def measure(make_target, q: SavedQuery, params: dict[str, str] | None, runs: int,
            budget: float, timeout: float, limit: int = DEFAULT_LIMIT
            ) -> tuple[float | None, int | None]:
    """Time a saved query in a forked child so that a query slower than `timeout`
    seconds can be stopped: (seconds or None when stopped, rows or None)."""
    recv, send = _FORK.Pipe(duplex=False)

    def child() -> None:
        try:
            send.send(timed(partial(run_query, make_target(), q, params, limit), runs,
                             budget))
        except BaseException as exc:  # report, never hang the parent
            send.send(("error", repr(exc)))
        finally:
            send.close()

    proc = _FORK.Process(target=child, daemon=True)
    proc.start()
    send.close()
    try:
        if not recv.poll(timeout):
            return None, None
        got = recv.recv()
    except EOFError:
        got = ("error", f"the child died (exit {proc.exitcode})")
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(30)
        recv.close()
    if got[0] == "error":
        raise RuntimeError(f"{q.name} {params}: {got[1]}")
    return got


@dataclass(frozen=True, slots=True)
class Row:
    size: int
    name: str
    region: str
    rows_rdflib: int | None
    rows_oxigraph: int | None
    rdflib_s: float | None  # None: not run, or stopped at the timeout
    oxigraph_s: float | None
    rdflib_run: bool
    limit: int = DEFAULT_LIMIT


def bench_size(n: int, queries: list[SavedQuery], work: Path, runs: int, budget: float,
               timeout: float, rdflib_max: int, region: str, limits: list[int],
               full_timeout: float) -> tuple[list[Row], dict[str, float]]:
    import pyoxigraph as ox

    t0 = time.perf_counter()
    nt, triples = write_corpus(n, work)
    info = {"triples": triples, "generate_s": time.perf_counter() - t0}
    store_dir = work / f"store-{n}"
    t0 = time.perf_counter()
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    store.flush()
    info["oxigraph_load_s"] = time.perf_counter() - t0
    del store  # the children open it read-only
    gc.collect()
    graph = None
    if n <= rdflib_max:
        t0 = time.perf_counter()
        graph = Graph()
        graph.parse(nt, format="nt")
        info["rdflib_load_s"] = time.perf_counter() - t0
    cases: list[tuple[SavedQuery, dict[str, str] | None]] = [(q, None) for q in queries]
    cases += [(q, {"region": region}) for q in queries if q.param("region")]
    out = []
    for limit in limits:
        # the default page first: the goal; every row (limit 0) as information
        tmo = timeout if limit else full_timeout
        for q, params in cases:
            ox_s, ox_rows = measure(lambda: ox.Store.read_only(str(store_dir)), q, params, runs,
                                    budget, tmo, limit)
            rd_s = rd_rows = None
            if graph is not None:
                rd_s, rd_rows = measure(lambda: graph, q, params, runs, budget, tmo, limit)
            row = Row(n, q.name, params["region"] if params else "", rd_rows, ox_rows, rd_s,
                      ox_s, graph is not None, limit)
            out.append(row)
            print(f"  {q.name:20} {row.region:8} limit {limit:<4} oxigraph "
                  f"{fmt_ms(ox_s, tmo):>10} ms"
                  + (f"   rdflib {fmt_ms(rd_s, tmo):>10} ms" if graph is not None else ""),
                  file=sys.stderr, flush=True)
    graph = None
    gc.collect()
    shutil.rmtree(store_dir, ignore_errors=True)
    nt.unlink()
    return out, info


def fmt_ms(s: float | None, timeout: float | None = None) -> str:
    if s is None:
        return f">{timeout * 1000:.0f}" if timeout else "-"
    return f"{s * 1000:.1f}"


def report(rows: list[Row], infos: dict[int, dict[str, float]], timeout: float,
           full_timeout: float | None = None) -> str:
    lines = ["", "Load (seconds)", "",
             f"{'articles':>9} {'triples':>10} {'rdflib':>9} {'oxigraph':>9} {'ratio':>7}"]
    for n, info in infos.items():
        rd = info.get("rdflib_load_s")
        oxs = info["oxigraph_load_s"]
        lines.append(f"{n:>9} {int(info['triples']):>10} "
                     + (f"{rd:>9.2f}" if rd else f"{'-':>9}") + f" {oxs:>9.2f} "
                     + (f"{rd / oxs:>6.1f}x" if rd else f"{'-':>7}"))
    lines += ["", "Query latency (milliseconds; median after a warm-up; rows = answer size; "
              f">{timeout:.0f}000: stopped at the timeout)", "",
              f"{'articles':>9} {'query':20} {'region':8} {'limit':>5} {'rows':>7} {'rdflib':>10} "
              f"{'oxigraph':>9} {'ratio':>8}  goal (10k, default limit: <100 ms, >=20x)"]
    checked = failed = 0
    for r in rows:
        tmo = timeout if r.limit or full_timeout is None else full_timeout
        ratio = ""
        if r.rdflib_run and r.oxigraph_s:
            if r.rdflib_s is not None:
                ratio = f"{r.rdflib_s / r.oxigraph_s:.0f}x"
            else:
                ratio = f">{tmo / r.oxigraph_s:.0f}x"
        goal = ""
        if r.size == 10000 and r.limit == DEFAULT_LIMIT:
            checked += 1
        if r.size == 10000 and r.limit == DEFAULT_LIMIT and r.oxigraph_s is None:
            goal, failed = "slow", failed + 1
        elif r.size == 10000 and r.oxigraph_s is not None and r.limit == DEFAULT_LIMIT:
            fast = r.oxigraph_s < 0.1
            ratio_ok = (not r.rdflib_run or r.rdflib_s is None
                        or r.rdflib_s / r.oxigraph_s >= 20)
            goal = "ok" if fast and ratio_ok else ("slow" if not fast else "ratio<20")
            failed += goal != "ok"
        elif r.size == 10000 and r.limit != DEFAULT_LIMIT:
            goal = "(information)"
        rows_n = r.rows_oxigraph if r.rows_oxigraph is not None else r.rows_rdflib
        same = "" if None in (r.rows_rdflib, r.rows_oxigraph) or (
            r.rows_rdflib == r.rows_oxigraph) else "  ROW COUNTS DIFFER"
        lines.append(f"{r.size:>9} {r.name:20} {r.region:8} {r.limit:>5} "
                     f"{(rows_n if rows_n is not None else '-'):>7} "
                     f"{(fmt_ms(r.rdflib_s, tmo) if r.rdflib_run else '-'):>10} "
                     f"{fmt_ms(r.oxigraph_s, tmo):>9} {ratio:>8}  {goal}{same}")
    if checked:
        lines += ["", f"Goal at 10k articles, default limit {DEFAULT_LIMIT}: "
                  + (f"met by all {checked} runs" if not failed
                     else f"{checked - failed} of {checked} runs meet it, {failed} do not")]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000",
                    help="article counts, comma-separated (default 1000,10000,100000)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs after the warm-up (median)")
    ap.add_argument("--budget", type=float, default=10.0,
                    help="a warm-up slower than this (seconds) is the only run")
    ap.add_argument("--timeout", type=float, default=120.0,
                    help="stop a query after this many seconds (reported as >TIMEOUT)")
    ap.add_argument("--rdflib-max", type=int, default=100000,
                    help="skip rdflib above this many articles (memory/time)")
    ap.add_argument("--region", default="Prov01",
                    help="the value for the parameterised run of `partners`")
    ap.add_argument("--limits", default=f"{DEFAULT_LIMIT},0",
                    help=f"row limits to time (default {DEFAULT_LIMIT},0: the default page, then "
                         "every row, as information)")
    ap.add_argument("--full-timeout", type=float, default=None,
                    help="timeout for the limit 0 runs (default: --timeout)")
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (default: temp)")
    args = ap.parse_args(argv)
    # on SIGTERM unwind normally, so that a running child is stopped (measure's finally)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    limits = [int(s) for s in args.limits.split(",") if s.strip()]
    full_timeout = args.full_timeout if args.full_timeout is not None else args.timeout
    queries = load_queries(ROOT / "queries")
    work = args.work or Path(tempfile.mkdtemp(prefix="kgraph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[Row] = []
    infos: dict[int, dict[str, float]] = {}
    try:
        for n in sizes:
            print(f"{n} articles ...", file=sys.stderr, flush=True)
            r, info = bench_size(n, queries, work, args.runs, args.budget, args.timeout,
                                 args.rdflib_max, args.region, limits, full_timeout)
            rows += r
            infos[n] = info
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(report(rows, infos, args.timeout, full_timeout))
    return 0


if __name__ == "__main__":
    sys.exit(main())
