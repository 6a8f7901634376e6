"""Golden tests: build every annotated case and score it with kgraph.evaluate.

A case is a folder with a gold.json (format kgraph-gold/1) whose "articles" name its
article files relative to the folder: tests/corpus/dev/<case>/ and tests/corpus/seeds/
(the seeds gold points at seeds/ in the repo root).

The floors are what the extractor passes today and must not fall below; raise them
as extraction improves. `pytest -s -p no:xdist tests/test_extraction_golden.py` prints
the per-case table.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph

from kgraph.evaluate import EvaluationReport, evaluate, gold_articles, iter_case_dirs, load_gold
from kgraph.lexicon import ontology_dir
from kgraph.namespaces import KG

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
DEV_CASES = list(iter_case_dirs(CORPUS / "dev"))
SEEDS_CASE = CORPUS / "seeds"

CASE_FLOOR = 0.80  # overall F1 of every single case
DEV_MEAN_FLOOR = 0.90  # mean overall F1 over the dev cases
SEEDS_FLOOR = 0.95  # overall F1 of the seeds
# Held-out corpora (tests/corpus/heldout*/README.md), each written by another hand before
# the extractor ran on it, measured blind, then used to find general rules: (floor of each
# case, floor of the mean, cases at least). The floors sit under the figures after the
# fixes, so a change that loses ground on unseen-style text fails here.
HELDOUT_FLOORS = {
    # in the style of scraped pages; used for error analysis of categories only
    "heldout": (0.70, 0.85, 10),
    "heldout2": (0.60, 0.86, 8),  # measured 0.911 after the data fixes, minus 0.05
    "heldout3": (0.90, 0.97, 10),  # lowest case 0.958; mean 0.991 (0.914 blind)
    "heldout4": (0.82, 0.925, 10),  # lowest case 0.844; mean 0.946 (0.842 blind)
    "heldout5": (0.88, 0.945, 8),  # lowest case 0.904; mean 0.968 (0.889 blind)
    "heldout6": (0.90, 0.95, 8),  # lowest case 0.926; mean 0.970 (0.854 blind)
    "heldout7": (0.70, 0.89, 8),  # lowest case 0.739 (03, an unknown foreign town); 0.833 blind
    "heldout8": (0.95, 0.975, 8),  # lowest case 0.973 (06: a "pemasaran" sector); 0.883 blind
    "heldout9": (0.95, 0.975, 8),  # lowest case 0.986 (04: SDM beside ketenagakerjaan); 0.885 blind
    "heldout10": (0.82, 0.915, 8),  # lowest case 0.841 (06: a two-item release); 0.846 blind
    "heldout11": (0.93, 0.965, 8),  # lowest case 0.958 (06: the two Perumda merged); 0.894 blind
    # measured blind, not fixed yet: floors just under the blind figures
    "heldout12": (0.72, 0.89, 8),  # lowest case 0.754 (02: scope as "ingin belajar dari"); 0.911
    "heldout13": (0.80, 0.91, 8),  # lowest case 0.827 (04: an island name in the gold); 0.929
}
# held-out corpora: (cases, floor of each case, floor of the mean, cases at least)
HELDOUT_CORPORA = {name: (list(iter_case_dirs(CORPUS / name)), case_floor, mean_floor, at_least)
                   for name, (case_floor, mean_floor, at_least) in HELDOUT_FLOORS.items()}
ALL_CASES = [*DEV_CASES, *(case for cases, *_ in HELDOUT_CORPORA.values() for case in cases),
             SEEDS_CASE]

_PROVENANCE_QUERY = """
SELECT DISTINCT ?node WHERE {
    VALUES ?cls { kg:Official kg:Agreement }
    ?node a/rdfs:subClassOf* ?cls .
    FILTER NOT EXISTS { ?node kg:mentionedIn ?article . ?article a kg:Article . }
}"""


def case_id(case: Path) -> str:
    return case.name


class Builds:
    """Each case built once per test process, into a temporary folder."""

    def __init__(self, tmp_factory: pytest.TempPathFactory) -> None:
        self.tmp = tmp_factory
        self.graphs: dict[Path, Graph] = {}
        self.reports: dict[Path, EvaluationReport] = {}

    def graph(self, case: Path) -> Graph:
        if case not in self.graphs:
            from kgraph.pipeline import build

            gold_path = case / "gold.json"
            inputs = gold_articles(load_gold(gold_path), gold_path)
            kwargs: dict[str, Any] = {"html": False}
            if "validate" in inspect.signature(build).parameters:
                kwargs["validate"] = False
            result = build(inputs, self.tmp.mktemp(case.name), **kwargs)
            assert not result.errors, [str(e) for e in result.errors]
            self.graphs[case] = result.graph
        return self.graphs[case]

    def report(self, case: Path) -> EvaluationReport:
        if case not in self.reports:
            self.reports[case] = evaluate(self.graph(case), load_gold(case / "gold.json"),
                                          ontology_dir())
        return self.reports[case]


@pytest.fixture(scope="session")
def builds(tmp_path_factory) -> Builds:
    return Builds(tmp_path_factory)


def format_row(name: str, report: EvaluationReport, floor: float) -> str:
    o = report.overall
    return (f"{name:<40} {o.precision:>6.3f} {o.recall:>6.3f} {o.f1:>6.3f} "
            f"{o.tp:>4} {o.fp:>3} {o.fn:>3}  (floor {floor:.2f})")


def test_the_corpus_is_there():
    assert len(DEV_CASES) >= 12
    assert (SEEDS_CASE / "gold.json").is_file()


@pytest.mark.parametrize("case", DEV_CASES, ids=case_id)
def test_dev_case_f1_floor(builds, case):
    report = builds.report(case)
    print("\n" + format_row(case.name, report, CASE_FLOOR))
    assert report.f1 >= CASE_FLOOR, report.format_table()




@pytest.mark.parametrize(("case", "floor"), [
    (case, floor) for cases, floor, _, _ in HELDOUT_CORPORA.values() for case in cases],
    ids=lambda v: case_id(v) if isinstance(v, Path) else "")
def test_heldout_case_f1_floor(builds, case, floor):
    report = builds.report(case)
    assert report.f1 >= floor, report.format_table()


@pytest.mark.parametrize("corpus", HELDOUT_CORPORA)
def test_heldout_mean_f1(builds, corpus):
    cases, _, mean_floor, at_least = HELDOUT_CORPORA[corpus]
    f1s = [builds.report(case).f1 for case in cases]
    assert len(f1s) >= at_least
    assert sum(f1s) / len(f1s) >= mean_floor


def test_seeds_f1_floor(builds):
    report = builds.report(SEEDS_CASE)
    print("\n" + report.format_table())
    assert report.f1 >= SEEDS_FLOOR, report.format_table()


def test_dev_mean_f1_and_table(builds):
    """The per-case table (shown with -s) and the mean over the dev cases."""
    lines = [f"{'case':<40} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    f1s = []
    for case in DEV_CASES:
        report = builds.report(case)
        f1s.append(report.f1)
        lines.append(format_row(case.name, report, CASE_FLOOR))
    mean = sum(f1s) / len(f1s)
    lines.append(f"{'mean over ' + str(len(f1s)) + ' dev cases':<40} {'':>6} {'':>6} "
                 f"{mean:>6.3f}  (floor {DEV_MEAN_FLOOR:.2f})")
    lines.append(format_row("seeds", builds.report(SEEDS_CASE), SEEDS_FLOOR))
    print("\n" + "\n".join(lines))
    assert mean >= DEV_MEAN_FLOOR


@pytest.mark.parametrize("case", ALL_CASES, ids=case_id)
def test_officials_and_agreements_have_provenance(builds, case):
    g = builds.graph(case)
    missing = [str(row[0]) for row in g.query(_PROVENANCE_QUERY, initNs={"kg": KG})]
    assert not missing, f"without kg:mentionedIn to a kg:Article: {missing}"
    report = builds.report(case)
    assert report.checks.provenance_coverage == 1.0
    assert report.checks.article_nodes == len(load_gold(case / "gold.json")["articles"])
