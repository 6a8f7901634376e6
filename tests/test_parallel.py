"""kgraph.parallel, the progress bar, the fast Turtle writer and the build options.

Parallel runs use tiny chunks so that a small corpus (the seeds and the dev corpus,
21 articles) still goes through the worker pool.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from kgraph import parallel
from kgraph.cache import FactsCache
from kgraph.cli import main, make_parser
from kgraph.parallel import Failure, default_jobs, extract_stream
from kgraph.pipeline import build, extract_inputs, write_turtle
from kgraph.progress import Progress
from kgraph.reader import read_all


@pytest.fixture(scope="module")
def articles(seeds_dir: Path, root: Path):
    arts, _ = read_all([seeds_dir, root / "tests" / "corpus" / "dev"])
    assert len(arts) >= 20
    return arts


@pytest.fixture(scope="module")
def serial(articles):
    return [facts for _, facts in extract_stream(articles, jobs=1)]


def test_parallel_gives_the_same_facts_in_the_same_order(articles, serial):
    got = list(extract_stream(articles, jobs=2, chunk_size=3))
    assert [a.article_id for a, _ in got] == [a.article_id for a in articles]
    assert [f for _, f in got] == serial


def test_cache_hits_and_misses_keep_the_input_order(articles, serial, tmp_path):
    with FactsCache(tmp_path, fingerprint="t") as cache:  # every third article cached
        for i in range(0, len(articles), 3):
            cache.put(articles[i], serial[i])
    timings: dict[str, float] = {}
    with FactsCache(tmp_path, fingerprint="t") as cache:
        got = list(extract_stream(articles, jobs=2, chunk_size=2, cache=cache,
                                  timings=timings))
        assert cache.hits == len(range(0, len(articles), 3))
    assert [f for _, f in got] == serial
    assert set(timings) == {"read", "extract"} and timings["extract"] > 0
    with FactsCache(tmp_path, fingerprint="t") as cache:  # the misses were stored
        assert all(cache.get(a) is not None for a in articles)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_article_is_a_failure_not_an_exception(articles, monkeypatch, jobs):
    bad = articles[4].article_id
    real = parallel.extract

    def extract(document):
        if document.article.article_id == bad:
            raise RuntimeError("boom")
        return real(document)

    monkeypatch.setattr(parallel, "extract", extract)  # forked workers inherit the patch
    got = list(extract_stream(articles, jobs=jobs, chunk_size=2))
    failures = [(a.article_id, r) for a, r in got if isinstance(r, Failure)]
    assert len(got) == len(articles)
    assert failures == [(bad, Failure("RuntimeError", "boom"))]


def test_a_dead_worker_does_not_lose_articles(articles, serial, monkeypatch):
    parent = os.getpid()
    victim = articles[7].article_id
    real = parallel.extract

    def extract(document):
        if document.article.article_id == victim and os.getpid() != parent:
            os._exit(1)  # a worker killed mid-chunk (out of memory, say)
        return real(document)

    monkeypatch.setattr(parallel, "extract", extract)
    got = list(extract_stream(articles, jobs=2, chunk_size=3))
    assert [f for _, f in got] == serial  # the rest is extracted in this process


def test_failures_are_reported_by_the_build_inputs(articles, monkeypatch, seeds_dir):
    def extract(document):
        raise ValueError("no")

    monkeypatch.setattr(parallel, "extract", extract)
    ex = extract_inputs([seeds_dir], jobs=1)
    assert ex.facts == ()
    assert len(ex.log.errors) == 5
    assert "ValueError: no" in str(ex.log.errors[0])


def test_few_uncached_articles_do_not_start_a_pool(articles, monkeypatch):
    def no_pool(*a, **kw):
        raise AssertionError("a pool was started")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    got = list(extract_stream(articles[:5], jobs=4, chunk_size=16))
    assert len(got) == 5


def test_the_input_is_consumed_lazily(articles):
    pulled = []

    def source():
        for a in articles:
            pulled.append(a)
            yield a

    stream = extract_stream(source(), jobs=1)
    next(stream)
    assert len(pulled) == 1
    stream.close()


def test_default_jobs_is_the_cores_we_may_use():
    assert default_jobs() >= 1


def test_build_with_workers_writes_the_same_graph(tmp_path, seeds_dir, root):
    inputs = tmp_path / "in"
    shutil.copytree(seeds_dir, inputs / "seeds")
    shutil.copytree(root / "tests" / "corpus" / "dev", inputs / "dev")
    one = build([inputs], tmp_path / "one", html=False, validate=False, jobs=1, cache=False)
    two = build([inputs], tmp_path / "two", html=False, validate=False, jobs=2, cache=False)
    assert one.articles == two.articles >= 20
    assert (tmp_path / "one" / "graph.ttl").read_bytes() == \
        (tmp_path / "two" / "graph.ttl").read_bytes()


# ---------------------------------------------------------------------- Turtle writer


def test_written_turtle_has_the_seeds_triples_and_only_kgraph_prefixes(seeds_build,
                                                                     seeds_graph):
    text = seeds_build.outputs["graph.ttl"].read_text("utf-8")
    for prefix in ("kg", "kgs", "skos", "rdfs", "xsd"):
        assert f"@prefix {prefix}: " in text
    assert "@prefix brick:" not in text  # rdflib's own bindings are not written
    back = Graph().parse(data=text, format="turtle")
    assert len(back) == len(seeds_graph) == seeds_build.triples
    assert " ;\n" in text  # subjects grouped
    # each node is written once: the builder emits a node's triples together
    subjects = re.findall(r"^(kgr:\S+|<https://w3id.org/kgraph/id/\S+) ", text,
                          flags=re.MULTILINE)
    assert len(subjects) > 200 and len(subjects) == len(set(subjects))


def test_graph_of_a_build_is_what_to_rdf_gives(seeds_build, seeds_dir):
    from kgraph.rdf import to_rdf
    from kgraph.resolve import resolve

    facts = extract_inputs([seeds_dir], jobs=1).facts
    assert isomorphic(to_rdf(resolve(facts)), seeds_build.graph)


def test_write_turtle_keeps_odd_literals(tmp_path):
    import pyoxigraph as ox

    s, p = ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p")
    odd = 'quote " backslash \\ newline \n tab \t emoji \U0001f600 <b>'
    triples = [ox.Triple(s, p, ox.Literal(odd)), ox.Triple(s, p, ox.Literal("x", language="id"))]
    write_turtle(triples, tmp_path / "g.ttl")
    back = Graph().parse(tmp_path / "g.ttl", format="turtle")
    assert set(back.objects()) == {Literal(odd), Literal("x", lang="id")}


# ---------------------------------------------------------------------- progress bar


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_quiet_off_a_terminal():
    stream = io.StringIO()
    bar = Progress(10, "extract", stream=stream)
    bar.update(5)
    bar.close()
    assert not bar.enabled and stream.getvalue() == ""


def test_progress_draws_on_a_terminal_and_erases_itself():
    stream = _Tty()
    with Progress(4, "extract", stream=stream, interval=0) as bar:
        bar.update(2)
        assert "2/4" in stream.getvalue() and "50%" in stream.getvalue()
        bar.stage("resolve")
        assert "resolve" in stream.getvalue()
    assert stream.getvalue().endswith("\r")


def test_progress_can_be_forced_off_on_a_terminal():
    stream = _Tty()
    bar = Progress(4, stream=stream, enabled=False)
    bar.update(4)
    bar.close()
    assert stream.getvalue() == ""


# ---------------------------------------------------------------------- command line


def test_build_options_parse():
    args = make_parser().parse_args(["build", "x", "--jobs", "3", "--no-cache", "--cache-dir",
                                     "c", "-q"])
    assert (args.jobs, args.no_cache, str(args.cache_dir), args.quiet) == (3, True, "c", True)
    assert make_parser().parse_args(["build"]).jobs is None


def test_jobs_must_be_positive(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", "--jobs", "0"])
    assert exc.value.code == 2
    assert "number of processes" in capsys.readouterr().err


def test_cli_build_quiet_with_jobs(tmp_path, seeds_dir, capsys):
    code = main(["build", str(seeds_dir), "-o", str(tmp_path / "o"), "--jobs", "2", "-q",
                 "--no-html", "--no-validate", "--cache-dir", str(tmp_path / "c")])
    assert code == 0
    assert (tmp_path / "o" / "graph.ttl").is_file()
    assert (tmp_path / "c" / "facts.sqlite").is_file()
    assert capsys.readouterr().err == ""
