"""The build: read -> clean -> extract -> resolve -> RDF -> write.

`build(inputs, output_dir) -> BuildResult` is the library entry point that
`kgraph build` calls. A file that cannot be read is reported and skipped; the
other files are still built, and graph.ttl is written atomically.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF

from .clean import clean
from .extract import extract
from .model import Facts
from .namespaces import KG
from .rdf import to_rdf
from .reader import InputError, find_inputs, read_article
from .resolve import resolve

SUMMARY_CLASSES = ("Article", "Country", "Province", "City", "Official", "Organization",
                   "Agreement", "Sector")


@dataclass(frozen=True, slots=True)
class BuildResult:
    graph: Graph
    articles: int
    errors: tuple[InputError, ...]
    duplicates: tuple[tuple[str, str], ...]  # (skipped file, the file with the same text)
    counts: dict[str, int]
    triples: int
    outputs: dict[str, Path]
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def extract_all(inputs: Sequence[str | os.PathLike[str]]):
    """Read and extract every input; returns (facts, errors, duplicates, timings)."""
    files, errors = find_inputs(inputs)
    facts: list[Facts] = []
    seen: dict[str, str] = {}
    duplicates: list[tuple[str, str]] = []
    timings: Counter[str] = Counter()
    for item in files:
        t0 = time.perf_counter()
        try:
            article = read_article(item)
        except InputError as err:
            errors.append(err)
            continue
        if article.sha256 in seen:
            duplicates.append((article.file_name, seen[article.sha256]))
            continue
        seen[article.sha256] = article.file_name
        t1 = time.perf_counter()
        facts.append(extract(clean(article)))
        t2 = time.perf_counter()
        timings["read"] += t1 - t0
        timings["extract"] += t2 - t1
    return facts, errors, duplicates, timings


def build(inputs: Sequence[str | os.PathLike[str]] = ("seeds",),
          output_dir: str | os.PathLike[str] = "output", *, html: bool = True) -> BuildResult:
    """Build the knowledge graph of `inputs` into `output_dir` (graph.ttl, graph.html)."""
    out = Path(output_dir)
    facts, errors, duplicates, timings = extract_all(inputs)
    t0 = time.perf_counter()
    corpus = resolve(facts)
    t1 = time.perf_counter()
    graph = to_rdf(corpus)
    t2 = time.perf_counter()
    outputs: dict[str, Path] = {}
    ttl = out / "graph.ttl"
    write_atomic(ttl, graph.serialize(format="turtle").encode("utf-8"))
    outputs["graph.ttl"] = ttl
    t3 = time.perf_counter()
    if html:
        from .viz import write_html  # noqa: PLC0415 - pyvis/networkx only when drawing

        page = out / "graph.html"
        write_html(graph, page)
        outputs["graph.html"] = page
    t4 = time.perf_counter()
    timings.update({"resolve": t1 - t0, "rdf": t2 - t1, "serialise": t3 - t2, "html": t4 - t3})
    return BuildResult(graph, len(facts), tuple(errors), tuple(duplicates), count_classes(graph),
                       len(graph), outputs, dict(timings))


def count_classes(graph: Graph) -> dict[str, int]:
    return {name: len(set(graph.subjects(RDF.type, KG[name]))) for name in SUMMARY_CLASSES}
