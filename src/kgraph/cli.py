"""The command line: option parsing only; every command is a plain library function.

Exit codes: 0 success; 1 a check failed (validate: graph does not conform);
2 usage error or nothing usable; 3 some inputs could not be read (the rest was built);
4 no Java runtime (reason).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED_CHECK = 1
EXIT_USAGE = 2
EXIT_SOME_INPUTS_SKIPPED = 3
EXIT_NO_JAVA = 4


def _cmd_build(args: argparse.Namespace) -> int:
    from .outputs import OutputBusy
    from .pipeline import build

    try:
        result = build(args.inputs or ["seeds"], args.output, html=not args.no_html,
                       validate=not args.no_validate, jobs=args.jobs,
                       cache=not args.no_cache, cache_dir=args.cache_dir,
                       progress=False if args.quiet else None)
    except OutputBusy as exc:
        print(f"kgraph: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for err in result.errors:
        print(f"kgraph: skipped {err}", file=sys.stderr)
    for dup, first in result.duplicates:
        print(f"kgraph: skipped {dup}: same text as {first}; built once, nothing to do",
              file=sys.stderr)
    if not args.quiet:
        print(format_summary(result), file=sys.stderr)
    if result.articles == 0:
        print(f"kgraph: no article could be read; nothing built ({args.output}/graph.ttl "
              "left as it was)", file=sys.stderr)
    _fill_store(args.store, result)
    return int(result.exit_code)  # 0 all read, 3 some skipped, 2 nothing usable


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a number of processes (1 or more)")
    return value


def format_summary(result) -> str:
    lines = [f"articles read: {result.articles}"]
    lines.append("nodes: " + ", ".join(f"{k} {v}" for k, v in result.counts.items()))
    lines.append(f"agreements: {result.counts.get('Agreement', 0)}")
    lines.append(f"triples: {result.triples}")
    if getattr(result, "violations", None) is not None:
        hint = " (details: kgraph validate)" if result.violations else ""
        lines.append(f"SHACL violations: {result.violations}{hint}")
    for path in result.outputs.values():
        lines.append(f"wrote {path}")
    return "\n".join(lines)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    """Score a graph (or a fresh build of the gold's articles) against a gold file."""
    import json

    from .evaluate import evaluate_build, evaluate_files
    from .lexicon import ontology_dir

    if args.build is not None and args.graph is not None:
        print("kgraph: give either GRAPH or --build, not both", file=sys.stderr)
        return EXIT_USAGE
    ontology = args.ontology or [ontology_dir()]
    if args.build is not None:
        report = evaluate_build(args.gold, args.build, ontology)
    else:
        report = evaluate_files(args.graph or Path("output") / "graph.ttl", args.gold, ontology)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.format_table())
    if args.min_f1 is not None and report.f1 < args.min_f1:
        print(f"kgraph: overall F1 {report.f1:.3f} is below --min-f1 {args.min_f1}",
              file=sys.stderr)
        return EXIT_FAILED_CHECK
    return EXIT_OK


def _fraction(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def _add_evaluate_parser(sub) -> None:
    e = sub.add_parser("evaluate", help="score a graph against a gold file (kgraph-gold/1)",
                       description="Precision, recall and F1 per category against a gold file "
                                   "(format: docs/gold-format.md). Exit 0; 1 when --min-f1 is "
                                   "not reached; 2 on error.")
    e.add_argument("gold", type=Path, help="the gold file (JSON, format kgraph-gold/1)")
    e.add_argument("graph", nargs="?", type=Path, default=None,
                   help="the graph to score (default: output/graph.ttl)")
    e.add_argument("--build", nargs="*", metavar="INPUT", default=None,
                   help="build into a temporary folder first: these inputs, or with none the "
                        "gold's \"articles\" (relative to the gold file's folder)")
    e.add_argument("--ontology", type=Path, action="append", default=[],
                   help="ontology file or folder for rdfs:subClassOf (repeatable; default: "
                        "the project's ontology)")
    e.add_argument("--json", action="store_true", help="print the whole report as JSON")
    e.add_argument("--min-f1", type=_fraction, default=None, metavar="X",
                   help="exit 1 when the overall F1 is below X")
    e.set_defaults(func=_cmd_evaluate)


def _cmd_validate(args: argparse.Namespace) -> int:
    """SHACL-validate a graph; one line per violation or warning, then a summary."""
    from .validate import validate_file  # pySHACL only when validating

    try:
        report = validate_file(args.graph, inference=args.inference)
    except (OSError, ValueError) as exc:
        print(f"kgraph: cannot validate: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(report.text())
    return EXIT_OK if report.conforms else EXIT_FAILED_CHECK


def _cmd_reason(args: argparse.Namespace) -> int:
    """Run HermiT; write the inferred triples apart, or explain the inconsistency."""
    from .reason import JavaNotFoundError, ReasonerError, reason, write_inferred
    from .validate import load_graph

    try:
        graph = load_graph(args.graph)
        result = reason(graph)
    except JavaNotFoundError as exc:
        print(f"kgraph: {exc}", file=sys.stderr)
        return EXIT_NO_JAVA
    except (OSError, ValueError, ReasonerError) as exc:
        print(f"kgraph: cannot reason: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not result.consistent:
        for clash in result.clashes:
            print(f"INCONSISTENT: {clash.message}")
        print(result.summary())
        return EXIT_FAILED_CHECK
    out = args.output or Path(args.graph).with_name("inferred.ttl")
    write_inferred(result, out, source=str(args.graph))
    print(result.summary())
    print(f"wrote {out}")
    return EXIT_OK


def _add_check_parsers(sub) -> None:
    v = sub.add_parser(
        "validate", help="check a graph against the SHACL shapes (ontology/shapes.ttl)",
        description="Validate GRAPH with pySHACL against ontology/shapes.ttl (with "
                    "ontology/kgraph.ttl as ontology graph). Prints one line per result: "
                    "severity, focus node, path, message, source article(s). Exit 0 when the "
                    "graph conforms (warnings allowed), 1 when it has violations, 2 when it "
                    "cannot be read.")
    v.add_argument("graph", nargs="?", type=Path, default=Path("output") / "graph.ttl",
                   help="the graph to check (default: output/graph.ttl)")
    v.add_argument("--inference", choices=("none", "rdfs"), default="none",
                   help="pySHACL inference before validating (default: none)")
    v.set_defaults(func=_cmd_validate)
    r = sub.add_parser(
        "reason", help="run the OWL reasoner HermiT; write inferred triples apart",
        description="Load ontology/kgraph.ttl and GRAPH in owlready2 and run HermiT (needs "
                    "Java). When consistent, write the inferred triples only (transitive "
                    "kg:locatedIn, inverse properties, inferred classes) to OUTPUT. Exit 0 "
                    "consistent; 1 inconsistent (each clash explained); 2 graph unreadable or "
                    "reasoner error; 4 no Java runtime.")
    r.add_argument("graph", nargs="?", type=Path, default=Path("output") / "graph.ttl",
                   help="the graph to reason over (default: output/graph.ttl)")
    r.add_argument("-o", "--output", type=Path, default=None,
                   help="where to write the inferred triples (default: inferred.ttl beside "
                        "GRAPH, i.e. output/inferred.ttl)")
    r.set_defaults(func=_cmd_reason)


def _load_rdf(path: Path):
    """The graph to draw or measure: Turtle and N-Triples read by Oxigraph's parser into
    the page's tables (several times faster than rdflib on large graphs), other formats
    by rdflib."""
    from rdflib import Graph
    from rdflib.util import guess_format

    from .viz import TripleTables

    if not path.is_file():
        raise FileNotFoundError(f"no graph at {path} (build one with `kgraph build`)")
    fmt = guess_format(str(path)) or "turtle"
    try:
        if fmt in ("turtle", "nt", "nt11"):
            return TripleTables.from_file(path)
        return Graph().parse(path, format=fmt)
    except (SyntaxError, ValueError) as exc:  # rdflib's BadSyntax is a SyntaxError too
        reason = " ".join(str(exc).split())[:200]
        raise ValueError(f"{path}: not a valid {fmt} graph ({reason}); rebuild it with "
                         "`kgraph build` or fix the file") from None


def _cmd_view(args: argparse.Namespace) -> int:
    """Write graph.html from an existing graph; optionally open it in the browser."""
    from .viz import write_html

    out = args.output or args.graph.with_name("graph.html")
    write_html(_load_rdf(args.graph), out, overview=args.overview)
    print(f"wrote {out}")
    if args.open:
        import webbrowser

        webbrowser.open(out.resolve().as_uri())
    return EXIT_OK


def _cmd_stats(args: argparse.Namespace) -> int:
    """Print graph analytics (networkx): classes, relations, regions, communities, sectors."""
    from .stats import compute_stats, format_stats

    stats = compute_stats(_load_rdf(args.graph))
    print(stats.to_json() if args.json else format_stats(stats, top=args.top))
    return EXIT_OK


def _add_view_parsers(sub) -> None:
    v = sub.add_parser(
        "view", help="write graph.html (interactive, offline) from a graph",
        description="Write a self-contained interactive page of GRAPH: search, class and "
                    "sector filters, details with source sentences. Above 6000 nodes only "
                    "regions, agreements and sectors are drawn (the overview) unless --full.")
    v.add_argument("graph", nargs="?", type=Path, default=Path("output") / "graph.ttl",
                   help="the graph (default: output/graph.ttl)")
    v.add_argument("-o", "--output", type=Path, default=None,
                   help="the page to write (default: graph.html beside GRAPH)")
    mode = v.add_mutually_exclusive_group()
    mode.add_argument("--overview", dest="overview", action="store_const", const=True,
                      default=None, help="draw only regions, agreements and sectors")
    mode.add_argument("--full", dest="overview", action="store_const", const=False,
                      help="draw every node, however large the graph")
    v.add_argument("--open", action="store_true", help="open the page in the web browser")
    v.set_defaults(func=_cmd_view)
    s = sub.add_parser(
        "stats", help="print graph analytics (networkx)",
        description="Nodes per class, edges per relation, the most connected regions "
                    "(degree and betweenness in the region-agreement-region network), "
                    "communities of cooperating regions (Louvain) and the sectors most shared.")
    s.add_argument("graph", nargs="?", type=Path, default=Path("output") / "graph.ttl",
                   help="the graph (default: output/graph.ttl)")
    s.add_argument("--top", type=int, default=10, help="rows per ranking (default: 10)")
    s.add_argument("--json", action="store_true", help="print everything as JSON")
    s.set_defaults(func=_cmd_stats)


# ---------------------------------------------------------------- queries, stores, interop
_GRAPH_HELP = "the graph: a file (default: output/graph.ttl) or oxigraph:PATH"


def _cmd_query(args: argparse.Namespace) -> int:
    """Run a saved query (or a .rq file) on a graph file or a store; print the answer."""
    from .queries import find_query, format_result, parse_param_args, run_query
    from .store import DEFAULT_GRAPH, open_source

    if args.graph is not None and args.store not in (None, "memory"):
        print("kgraph: give either GRAPH or --store oxigraph:PATH, not both", file=sys.stderr)
        return EXIT_USAGE
    if args.limit < 0:
        print("kgraph: --limit must be 0 (every row) or more", file=sys.stderr)
        return EXIT_USAGE
    query = find_query(args.query)
    target = open_source(args.graph or DEFAULT_GRAPH, args.store)
    result = run_query(target, query, parse_param_args(args.param), limit=args.limit)
    sys.stdout.write(format_result(result, args.format))
    if result.more:
        ranked = f", {query.ranking_en}" if query.ranking_en else ""
        print(f"kgraph: showing the first {result.limit} rows{ranked}; more rows exist: "
              "--limit 0 shows every row, --limit N the first N", file=sys.stderr)
    return EXIT_OK


def _cmd_queries(args: argparse.Namespace) -> int:
    """List the saved queries with the question each answers."""
    from .queries import list_queries, load_queries

    sys.stdout.write(list_queries(load_queries(args.folder)))
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    from .export import export
    from .store import read_graph

    result = export(read_graph(args.graph), args.format, args.output, evidence=args.evidence)
    for path in result.paths:
        print(f"wrote {path}", file=sys.stderr)
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(args.source, args.host, args.port, read_only=not args.writable)


def _cmd_push(args: argparse.Namespace) -> int:
    import os

    from .push import PushError, push

    password = args.password
    if args.user is not None and password is None:
        password = os.environ.get("KGRAPH_PASSWORD")
        if password is None:
            import getpass

            password = getpass.getpass(f"password for {args.user}: ")
    try:
        result = push(args.graph, args.endpoint, graph=args.graph_iri, user=args.user,
                      password=password, append=args.append, fmt=args.upload_format)
    except PushError as exc:
        print(f"kgraph: {exc}", file=sys.stderr)
        return EXIT_FAILED_CHECK
    where = f"graph <{result.graph}>" if result.graph else "the default graph"
    print(f"kgraph: {result.method} {result.triples} triples into {where} at "
          f"{args.endpoint} (HTTP {result.status})", file=sys.stderr)
    return EXIT_OK


def _fill_store(spec: str | None, result) -> None:
    """`kgraph build --store oxigraph:PATH`: load the built graph into the store."""
    from .store import load_oxigraph, parse_store

    store = parse_store(spec)
    if store.kind != "oxigraph" or not result.articles:
        return
    assert store.path is not None
    count = load_oxigraph(result.outputs["graph.ttl"], store.path)
    print(f"loaded {count} triples into the Oxigraph store {store.path}", file=sys.stderr)


def _add_query_parsers(sub) -> None:
    from .queries import DEFAULT_LIMIT, FORMATS

    q = sub.add_parser(
        "query", help="run a saved query (see `kgraph queries`) or a .rq file",
        description="Run a saved query from queries/ (by name) or a .rq file on GRAPH or on "
                    "a persistent store, and print the answer. Parameters are bound as RDF "
                    "literals (never pasted into the query text).")
    q.add_argument("query", help="a saved query name (e.g. partners) or a .rq file")
    q.add_argument("graph", nargs="?", default=None, help=_GRAPH_HELP)
    q.add_argument("--format", choices=FORMATS, default="table",
                   help="table (default), csv, tsv, or json (SPARQL 1.1 results)")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a query parameter, e.g. --param region=Kaltim (repeatable)")
    q.add_argument("--limit", type=int, default=DEFAULT_LIMIT, metavar="N",
                   help=f"the first N rows of the ranked answer (default {DEFAULT_LIMIT}; "
                        "0: every row); each query's header says how it ranks")
    q.add_argument("--store", default=None, metavar="memory|oxigraph:PATH",
                   help="memory (default: parse GRAPH with rdflib) or oxigraph:PATH (query "
                        "the store filled by `kgraph build --store`)")
    q.set_defaults(func=_cmd_query)
    ls = sub.add_parser("queries", help="list the saved queries and what they answer")
    ls.add_argument("--folder", type=Path, default=None, help="another folder of .rq files")
    ls.set_defaults(func=_cmd_queries)


def _add_interop_parsers(sub) -> None:
    from .export import FORMATS as EXPORT_FORMATS
    from .serve import DEFAULT_HOST, DEFAULT_PORT

    e = sub.add_parser(
        "export", help="write the graph as Turtle, N-Triples, TriG, N-Quads, JSON-LD, "
                       "GraphML, GEXF or CSV",
        description="trig/nq: one named graph per article plus one for the ontology. "
                    "graphml/gexf/csv: the entity graph for Gephi (csv: -o FOLDER for "
                    "nodes.csv and edges.csv, or -o FILE.zip).")
    e.add_argument("graph", nargs="?", type=Path, default=Path("output") / "graph.ttl",
                   help="the graph (default: output/graph.ttl)")
    e.add_argument("--format", choices=EXPORT_FORMATS, default="ttl", help="default: ttl")
    e.add_argument("-o", "--output", type=Path, default=None,
                   help="the file to write (default: standard output)")
    e.add_argument("--evidence", action="store_true",
                   help="graphml/gexf/csv: keep the evidence nodes (text positions)")
    e.set_defaults(func=_cmd_export)
    s = sub.add_parser(
        "serve", help="a SPARQL endpoint on localhost (the oxigraph server)",
        description="Serve GRAPH (loaded into a temporary store) or oxigraph:PATH over the "
                    "SPARQL 1.1 Protocol at http://HOST:PORT/query, YASGUI at /. Ctrl-C stops.")
    s.add_argument("source", nargs="?", default=str(Path("output") / "graph.ttl"),
                   help="a graph file (default: output/graph.ttl) or oxigraph:PATH")
    s.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"default: {DEFAULT_PORT}")
    s.add_argument("--host", default=DEFAULT_HOST, help=f"default: {DEFAULT_HOST}")
    s.add_argument("--writable", action="store_true",
                   help="accept updates (/update, /store); oxigraph:PATH only is useful")
    s.set_defaults(func=_cmd_serve)
    p = sub.add_parser(
        "push", help="upload the graph to a triple store (SPARQL 1.1 Graph Store Protocol)",
        description="PUT (or POST with --append) GRAPH to ENDPOINT?graph=IRI or "
                    "ENDPOINT?default. ENDPOINT is the store's Graph Store service, e.g. "
                    "http://localhost:7878/store (Oxigraph), http://localhost:3030/ds/data "
                    "(Fuseki). Exit 1 when the store refuses.")
    p.add_argument("graph", nargs="?", type=Path, default=Path("output") / "graph.ttl",
                   help="the graph (default: output/graph.ttl)")
    p.add_argument("--endpoint", required=True, help="the Graph Store Protocol URL")
    p.add_argument("--graph", dest="graph_iri", default=None, metavar="IRI",
                   help="the named graph to fill (default: the default graph)")
    p.add_argument("--user", default=None, help="HTTP Basic user")
    p.add_argument("--password", default=None,
                   help="HTTP Basic password (default: $KGRAPH_PASSWORD, else asked)")
    p.add_argument("--append", action="store_true",
                   help="add to the graph (POST) instead of replacing it (PUT)")
    p.add_argument("--upload-format", choices=("ttl", "nt"), default="ttl",
                   help="request body: Turtle (default) or N-Triples")
    p.set_defaults(func=_cmd_push)


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kgraph", description=(
        "Knowledge graphs of regional government cooperation from Indonesian news."))
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build graph.ttl and graph.html from articles")
    b.add_argument("inputs", nargs="*", help="files or folders of articles (default: seeds/)")
    b.add_argument("-o", "--output", default="output", help="output folder (default: output/)")
    b.add_argument("--no-html", action="store_true", help="skip graph.html")
    b.add_argument("--no-validate", action="store_true",
                   help="skip the SHACL validation (by default the summary counts violations)")
    b.add_argument("-q", "--quiet", action="store_true",
                   help="no summary and no progress bar on stderr")
    b.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                   help="extract with N processes (default: one per core; 1: no worker "
                        "processes, and the page drawn in the same process)")
    b.add_argument("--no-cache", action="store_true",
                   help="extract every article again, without reading or writing the cache")
    b.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                   help="where extracted articles are cached (default: OUTPUT/.kgraph-cache)")
    b.add_argument("--store", default=None, metavar="memory|oxigraph:PATH",
                   help="also load the graph into a persistent Oxigraph store at PATH "
                        "(its content is replaced); memory (default): graph.ttl only")
    b.set_defaults(func=_cmd_build)
    _add_evaluate_parser(sub)
    _add_check_parsers(sub)
    _add_view_parsers(sub)
    _add_query_parsers(sub)
    _add_interop_parsers(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except (FileNotFoundError, ValueError) as exc:
        print(f"kgraph: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
