#!/usr/bin/env python3
"""Extraction speed on one core: clean + extract over the seeds and the dev corpus,
repeated to about 500 articles. The one-off load of the gazetteer and lexicons is
timed separately (it happens once per process).

    .venv/bin/python bench/bench_extract.py [--articles 500] [--min-rate 200]

Prints articles per second, and "seed-sized" articles per second (characters per
second divided by the mean length of a seed article), the figure the goal of 200 per
core refers to. Rates are from CPU time of this process (wall time is printed too: on
a busy machine it is higher). Exit 1 when --min-rate is given and the seed-sized rate
is below it. --profile N prints the N functions that take the most time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DEV = ROOT / "tests" / "corpus" / "dev"
GOAL = 200.0


def pin_to_one_core() -> str:
    """Run on a single CPU when the platform allows it; says which."""
    if hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity here); single process"


def load_texts() -> tuple[list[tuple[Path, str]], list[str]]:
    """(path, text) of every corpus article, and the seed texts alone."""
    files = sorted(SEEDS.glob("*.txt")) + sorted(DEV.glob("*/*.txt"))
    texts = [(p, p.read_text(encoding="utf-8")) for p in files]
    seeds = [t for p, t in texts if p.parent == SEEDS]
    if not texts or not seeds:
        raise SystemExit("bench: no articles found under seeds/ and tests/corpus/dev/")
    return texts, seeds


def profile(articles: list, top: int) -> None:
    import cProfile
    import pstats

    from kgraph.clean import clean
    from kgraph.extract import extract

    prof = cProfile.Profile()
    prof.enable()
    for a in articles:
        extract(clean(a))
    prof.disable()
    print()
    pstats.Stats(prof, stream=sys.stdout).sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=500, help="articles to time (default 500)")
    ap.add_argument("--min-rate", type=float, default=None,
                    help="exit 1 below this many seed-sized articles per second")
    ap.add_argument("--no-pin", action="store_true", help="do not pin to one CPU")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="also print the N functions with the most own time (cProfile)")
    args = ap.parse_args(argv)

    where = "not pinned" if args.no_pin else pin_to_one_core()

    t0 = time.perf_counter()
    from kgraph.clean import clean
    from kgraph.extract import extract
    from kgraph.reader import make_article
    t_import = time.perf_counter() - t0

    t0 = time.perf_counter()
    from kgraph.gazetteer import gazetteer
    from kgraph.lexicon import lexicon

    gaz = gazetteer()
    lexicon()
    t_load = time.perf_counter() - t0

    texts, seeds = load_texts()
    articles = [make_article(text, path, path.parent) for path, text in texts]
    for a in articles:  # warm-up: first-use costs are not extraction speed
        extract(clean(a))

    rounds = max(1, -(-args.articles // len(articles)))
    batch = (articles * rounds)[: max(args.articles, 1)]
    chars = sum(len(a.text) for a in batch)
    t_clean = t_extract = 0.0
    wall0 = time.perf_counter()
    for a in batch:
        t1 = time.process_time()
        doc = clean(a)
        t2 = time.process_time()
        extract(doc)
        t3 = time.process_time()
        t_clean += t2 - t1
        t_extract += t3 - t2
    wall = time.perf_counter() - wall0
    total = t_clean + t_extract

    rate = len(batch) / total
    seed_chars = statistics.mean(len(t) for t in seeds)
    seed_rate = chars / total / seed_chars
    print(f"python {sys.version.split()[0]}, {where}")
    print(f"import kgraph modules      {t_import:8.3f} s")
    print(f"gazetteer + lexicons load  {t_load:8.3f} s  ({len(gaz.regions)} regions), once per "
          "process")
    print(f"corpus                     {len(articles)} distinct articles "
          f"({len(seeds)} seeds, mean seed {seed_chars:,.0f} chars), "
          f"timed {len(batch)} ({chars:,} chars)")
    print(f"clean                      {t_clean:8.3f} s CPU")
    print(f"extract                    {t_extract:8.3f} s CPU  (wall time of both: {wall:.3f} s)")
    print(f"articles per second        {rate:8.1f}  ({1000 / rate:.2f} ms per article)")
    print(f"seed-sized articles/s      {seed_rate:8.1f}  (goal {GOAL:.0f} per core: "
          f"{'met' if seed_rate >= GOAL else 'NOT met'})")
    if args.profile:
        profile(articles, args.profile)
    if args.min_rate is not None and seed_rate < args.min_rate:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
