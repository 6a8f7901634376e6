#!/usr/bin/env python3
"""Benchmark `kgraph build` on synthetic corpora; write the table to bench/RESULTS.md.

    python bench/run.py                      # 1k and 10k articles
    python bench/run.py --sizes 1k,10k,100k  # and 100k (long: run it in the background)
    python bench/run.py --sizes 1k --no-write

For each size: generate the corpus (bench/generate.py, seed 1; kept in bench/out/ and
reused), build it cold (empty cache, default jobs) in a fresh process, then rebuild it
after changing one article (the cache turns that into one extraction) and once more
with nothing changed. Each build runs in its own process, so peak RSS is that build's:
the main process's, and the largest worker's. The extraction quality against the
corpus's own gold is measured with kgraph.evaluate up to --quality-max articles
(scoring is quadratic in the number of entities).

The measured part of RESULTS.md sits between the `bench:begin`/`bench:end` markers;
text outside them (the analysis) is kept when the file is rewritten.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
RESULTS = BENCH / "RESULTS.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
STAGES = ("read", "extract", "resolve", "rdf", "serialise", "html")
CHANGE = "\nSementara itu, Wakil Gubernur Jawa Barat Budi Santoso hadir sebagai pengamat.\n"


def parse_size(text: str) -> int:
    t = text.strip().lower()
    mult = 1
    if t.endswith("k"):
        mult, t = 1000, t[:-1]
    elif t.endswith("m"):
        mult, t = 1_000_000, t[:-1]
    return int(float(t) * mult)


def label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 and n >= 1000 else str(n)


# ---------------------------------------------------------------------------- child


def cpu_seconds() -> dict[str, float]:
    """CPU time (user + system) of this process and of its finished workers: unlike wall
    time, it does not grow when other programs compete for the cores."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"cpu_main": me.ru_utime + me.ru_stime, "cpu_workers": kids.ru_utime + kids.ru_stime}


def child(args: argparse.Namespace) -> int:
    """One build in this process; prints a JSON line with its figures."""
    sys.path.insert(0, str(Path(args.code) / "src" if args.code else ROOT / "src"))
    if args.extract_only:
        return child_extract(args)
    from kgraph.pipeline import build

    t0 = time.perf_counter()
    result = build([args.input], args.output, html=not args.no_html, validate=args.validate,
                   jobs=args.jobs, cache=not args.no_cache, progress=False)
    wall = time.perf_counter() - t0
    figures: dict[str, object] = {
        "articles": result.articles, "triples": result.triples, "wall": wall,
        "seconds": result.seconds, "errors": len(result.errors),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "workers_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "ttl_mb": (Path(args.output) / "graph.ttl").stat().st_size / 2**20,
        **cpu_seconds(),
    }
    html = Path(args.output) / "graph.html"
    if html.exists():
        figures["html_mb"] = html.stat().st_size / 2**20
    if args.gold:
        from kgraph.evaluate import evaluate

        t1 = time.perf_counter()
        gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))
        report = evaluate(result.graph, gold)
        figures["quality"] = {
            "f1": report.f1,
            "categories": {k: {"p": v["precision"], "r": v["recall"], "f1": v["f1"]}
                           for k, v in report.to_dict()["categories"].items()},
            "seconds": time.perf_counter() - t1,
        }
    print("BENCH " + json.dumps(figures))
    return 0


def child_extract(args: argparse.Namespace) -> int:
    """Read and extract only (for sizes whose full build does not fit): figures as JSON."""
    from kgraph.cache import FactsCache, default_cache_dir
    from kgraph.pipeline import extract_inputs

    t0 = time.perf_counter()
    if args.no_cache:
        ex = extract_inputs([args.input], jobs=args.jobs)
    else:
        with FactsCache(default_cache_dir(args.output)) as cache:
            ex = extract_inputs([args.input], jobs=args.jobs, cache=cache)
    wall = time.perf_counter() - t0
    print("BENCH " + json.dumps({
        "articles": len(ex.facts), "triples": 0, "wall": wall, "seconds": ex.seconds,
        "errors": len(ex.log.errors), "extract_only": True,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "workers_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        "ttl_mb": 0.0, **cpu_seconds()}))
    return 0


def snapshot() -> Path:
    """A copy of the code (src/, ontology/, queries/) that every build of this run uses,
    so that edits made while the benchmark runs do not change it halfway."""
    snap = OUT / "code"
    if snap.exists():
        shutil.rmtree(snap)
    for name in ("src", "ontology", "queries"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, snap / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return snap


CODE: Path | None = None


def run_child(input_dir: Path, output: Path, *, jobs: int | None, cache: bool = True,
              html: bool = True, validate: bool = False, gold: Path | None = None,
              extract_only: bool = False) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "_child", "--input", str(input_dir),
           "--output", str(output)]
    if CODE is not None:
        cmd += ["--code", str(CODE)]
    if extract_only:
        cmd.append("--extract-only")
    if jobs:
        cmd += ["--jobs", str(jobs)]
    if not cache:
        cmd.append("--no-cache")
    if not html:
        cmd.append("--no-html")
    if validate:
        cmd.append("--validate")
    if gold:
        cmd += ["--gold", str(gold)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    line = next((ln for ln in reversed(proc.stdout.splitlines()) if ln.startswith("BENCH ")),
                None)
    if proc.returncode != 0 or line is None:
        sys.stderr.write(proc.stderr[-4000:])
        raise SystemExit(f"build of {input_dir} failed (exit {proc.returncode})")
    return json.loads(line[len("BENCH "):])


# ---------------------------------------------------------------------------- parent


def machine() -> dict[str, str]:
    info = {"python": platform.python_version(), "platform": platform.platform(),
            "nproc": str(os.cpu_count())}
    with contextlib.suppress(AttributeError):
        info["cores usable"] = str(len(os.sched_getaffinity(0)))
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory"] = f"{int(line.split()[1]) / 2**20:.1f} GiB"
        cpu = next((ln.split(":", 1)[1].strip() for ln in
                    Path("/proc/cpuinfo").read_text().splitlines()
                    if ln.startswith("model name")), "")
        if cpu:
            info["cpu"] = cpu
    except OSError:
        pass
    try:
        import pyoxigraph
        import rdflib

        info["rdflib"], info["pyoxigraph"] = rdflib.__version__, pyoxigraph.__version__
    except ImportError:
        pass
    try:
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=False).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "src"],
                               capture_output=True, text=True, check=False).stdout.strip()
        info["kgraph"] = rev + (" + uncommitted changes in src/" if dirty else "")
    except OSError:
        pass
    return info


def load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def corpus(n: int, seed: int) -> tuple[Path, float | None]:
    """The generated corpus of n articles (made once, then reused)."""
    folder = OUT / f"corpus-{label(n)}-seed{seed}"
    if (folder / "gold.json").exists():
        return folder, None
    if folder.exists():
        shutil.rmtree(folder)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, str(BENCH / "generate.py"), str(n), str(folder), "--seed",
                    str(seed)], check=True)
    return folder, time.perf_counter() - t0


def change_one(folder: Path) -> tuple[Path, bytes]:
    target = sorted((folder / "articles").rglob("*.txt"))[len(
        list((folder / "articles").rglob("*.txt"))) // 2]
    before = target.read_bytes()
    target.write_bytes(before + CHANGE.encode("utf-8"))
    return target, before


def bench_size(n: int, args: argparse.Namespace) -> dict:
    folder, gen_seconds = corpus(n, args.seed)
    out = OUT / f"build-{label(n)}"
    if out.exists():
        shutil.rmtree(out)
    gold = folder / "gold.json" if n <= args.quality_max else None
    row: dict = {"n": n, "generate_s": gen_seconds, "load_before": load()}
    if n in args.extract_only_sizes:
        print(f"[{label(n)}] read and extract only ...", file=sys.stderr, flush=True)
        row["cold"] = run_child(folder / "articles", out, jobs=args.jobs, extract_only=True)
        if n in args.serial_sizes:
            print(f"[{label(n)}] read and extract only, one process ...", file=sys.stderr,
                  flush=True)
            row["serial"] = run_child(folder / "articles", out, jobs=1, cache=False,
                                      extract_only=True)
        print(f"[{label(n)}] again, from the cache ...", file=sys.stderr, flush=True)
        row["unchanged"] = run_child(folder / "articles", out, jobs=args.jobs,
                                     extract_only=True)
        row["load_after"] = load()
        shutil.rmtree(out, ignore_errors=True)
        return row
    print(f"[{label(n)}] cold build ...", file=sys.stderr, flush=True)
    row["cold"] = run_child(folder / "articles", out, jobs=args.jobs, gold=gold,
                            html=not args.no_html, validate=args.validate)
    if n in args.serial_sizes:
        print(f"[{label(n)}] cold build, one process ...", file=sys.stderr, flush=True)
        row["serial"] = run_child(folder / "articles", OUT / f"build-{label(n)}-serial", jobs=1,
                                  cache=False, html=not args.no_html, validate=args.validate)
        shutil.rmtree(OUT / f"build-{label(n)}-serial", ignore_errors=True)
    if not args.no_incremental:
        target, before = change_one(folder)
        try:
            print(f"[{label(n)}] rebuild, one article changed ...", file=sys.stderr, flush=True)
            row["one_changed"] = run_child(folder / "articles", out, jobs=args.jobs,
                                           html=not args.no_html, validate=args.validate)
        finally:
            target.write_bytes(before)
        print(f"[{label(n)}] rebuild, nothing changed ...", file=sys.stderr, flush=True)
        row["unchanged"] = run_child(folder / "articles", out, jobs=args.jobs,
                                     html=not args.no_html, validate=args.validate)
    row["load_after"] = load()
    if not args.keep:
        shutil.rmtree(out, ignore_errors=True)
    return row


def fmt(x: float | None, digits: int = 1) -> str:
    return "–" if x is None else f"{x:,.{digits}f}"


def table(rows: list[dict]) -> str:
    head = ("| articles | triples | wall s | CPU s | articles/s | " + " | ".join(STAGES) +
            " | peak RSS main MB | peak RSS worker MB | graph.ttl MB |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for r in rows:
        for kind, title in (("cold", ""), ("serial", " (jobs=1)"), ("one_changed",
                                                                     " one changed"),
                            ("unchanged", " unchanged")):
            c = r.get(kind)
            if not c:
                continue
            s = c["seconds"]
            if c.get("extract_only"):
                title += " (read+extract only)"
            lines.append(
                f"| {label(r['n'])}{title} | {c['triples']:,} | {fmt(c['wall'])} | "
                f"{fmt(c.get('cpu_main', 0) + c.get('cpu_workers', 0) or None)} | "
                f"{fmt(c['articles'] / c['wall'], 0)} | " +
                " | ".join(fmt(s.get(k), 2) for k in STAGES) +
                f" | {fmt(c['rss_mb'], 0)} | {fmt(c['workers_rss_mb'], 0)} | "
                f"{fmt(c['ttl_mb'])} |")
    return "\n".join(lines)


def quality_table(rows: list[dict]) -> str:
    out: list[str] = []
    for r in rows:
        q = r["cold"].get("quality")
        if not q:
            continue
        cats = q["categories"]
        if not out:
            out.append("| articles | overall F1 | " + " | ".join(cats) + " |")
            out.append("|" + "---|" * (len(cats) + 2))
        out.append(f"| {label(r['n'])} | {q['f1']:.3f} | " +
                   " | ".join(f"{v['f1']:.3f}" for v in cats.values()) + " |")
    return "\n".join(out)


def report(rows: list[dict], info: dict[str, str], args: argparse.Namespace) -> str:
    lines = [BEGIN, "", f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by "
             f"`python bench/run.py {' '.join(args.argv)}`.", "",
             "Machine: " + "; ".join(f"{k} {v}" for k, v in info.items()) + ".", "",
             table(rows), ""]
    for r in rows:
        extra = [f"load average before/after {r['load_before']} / {r['load_after']}"]
        if r.get("generate_s"):
            extra.append(f"corpus generated in {r['generate_s']:.1f} s")
        if r["cold"].get("html_mb"):
            extra.append(f"graph.html {r['cold']['html_mb']:.1f} MB")
        lines.append(f"- {label(r['n'])}: " + "; ".join(extra) + ".")
    q = quality_table(rows)
    if q:
        lines += ["", "Extraction quality against the corpus's own gold (kgraph.evaluate, "
                  "F1 per category):", "", q]
    lines += ["", "Stages in seconds (BuildResult.seconds); `wall` is the whole build in a "
              "fresh process, including imports; `CPU s` is the CPU time of that process and "
              "its workers (less sensitive than wall time to other programs on the machine). "
              "*one changed*: rebuild after appending a "
              "sentence to one article (cache on); *unchanged*: rebuild with nothing changed. "
              "SHACL validation is off (`validate=False`)" +
              (" and so is the HTML" if args.no_html else "") + ".", "", END]
    return "\n".join(lines)


def write_results(text: str) -> None:
    if RESULTS.exists():
        old = RESULTS.read_text(encoding="utf-8")
        if BEGIN in old and END in old:
            pre, _, rest = old.partition(BEGIN)
            _, _, post = rest.partition(END)
            RESULTS.write_text(pre + text + post, encoding="utf-8")
            return
    RESULTS.write_text("# kgraph benchmark\n\n" + text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_child"]:
        c = argparse.ArgumentParser()
        c.add_argument("_child")
        c.add_argument("--input", required=True)
        c.add_argument("--output", required=True)
        c.add_argument("--jobs", type=int, default=None)
        c.add_argument("--no-cache", action="store_true")
        c.add_argument("--no-html", action="store_true")
        c.add_argument("--validate", action="store_true")
        c.add_argument("--gold")
        c.add_argument("--code")
        c.add_argument("--extract-only", action="store_true")
        return child(c.parse_args(argv))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1k,10k", help="comma-separated sizes (default 1k,10k)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: cores)")
    ap.add_argument("--serial", default="", metavar="SIZES",
                    help="sizes (e.g. 1k) to build once more with jobs=1, for the speed-up")
    ap.add_argument("--no-incremental", action="store_true", help="skip the rebuilds")
    ap.add_argument("--no-html", action="store_true", help="skip graph.html")
    ap.add_argument("--validate", action="store_true", help="include the SHACL validation")
    ap.add_argument("--quality-max", type=int, default=1000,
                    help="score extraction quality up to this many articles (default 1000)")
    ap.add_argument("--keep", action="store_true", help="keep the build outputs in bench/out")
    ap.add_argument("--extract-only", default="", metavar="SIZES",
                    help="sizes (e.g. 100k) to read and extract only, without resolve/RDF/"
                         "output: for corpora whose full build does not fit the machine")
    ap.add_argument("--live-code", action="store_true",
                    help="run the working tree's code instead of a snapshot taken at start")
    ap.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md")
    ap.add_argument("--json", type=Path, default=None, help="also save the raw figures here")
    ap.add_argument("--merge", type=Path, default=None, metavar="JSON",
                    help="include the rows of an earlier run saved with --json (sizes measured "
                         "now replace them)")
    args = ap.parse_args(argv)
    args.argv = argv
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    OUT.mkdir(parents=True, exist_ok=True)
    global CODE
    CODE = None if args.live_code else snapshot()
    args.extract_only_sizes = {parse_size(x) for x in args.extract_only.split(",") if x.strip()}
    args.serial_sizes = {parse_size(x) for x in args.serial.split(",") if x.strip()}
    info = machine()
    rows = []
    for n in sizes:
        rows.append(bench_size(n, args))
        print(table(rows), file=sys.stderr, flush=True)
    if args.merge:
        earlier = json.loads(args.merge.read_text(encoding="utf-8"))
        done = {r["n"] for r in rows}
        rows = sorted([r for r in earlier["rows"] if r["n"] not in done] + rows,
                      key=lambda r: r["n"])
        args.sizes = ",".join(label(r["n"]) for r in rows)
    text = report(rows, info, args)
    print(text)
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "rows": rows}, indent=1))
    if not args.no_write:
        write_results(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
