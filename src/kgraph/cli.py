"""The command line: option parsing only; every command is a plain library function.

Exit codes: 0 success; 1 a check failed (validate: graph does not conform);
2 usage error or nothing usable; 3 some inputs could not be read (the rest was built).
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


def _cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import build  # noqa: PLC0415

    result = build(args.inputs or ["seeds"], args.output, html=not args.no_html)
    for err in result.errors:
        print(f"kgraph: skipped {err}", file=sys.stderr)
    for dup, first in result.duplicates:
        print(f"kgraph: skipped {dup}: same text as {first}", file=sys.stderr)
    if not args.quiet:
        print(format_summary(result), file=sys.stderr)
    if result.articles == 0:
        print("kgraph: no article could be read; nothing built", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_SOME_INPUTS_SKIPPED if result.errors else EXIT_OK


def format_summary(result) -> str:
    lines = [f"articles read: {result.articles}"]
    lines.append("nodes: " + ", ".join(f"{k} {v}" for k, v in result.counts.items()))
    lines.append(f"agreements: {result.counts.get('Agreement', 0)}")
    lines.append(f"triples: {result.triples}")
    for name, path in result.outputs.items():
        lines.append(f"wrote {path}")
    return "\n".join(lines)


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kgraph", description=(
        "Knowledge graphs of regional government cooperation from Indonesian news."))
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build graph.ttl and graph.html from articles")
    b.add_argument("inputs", nargs="*", help="files or folders of articles (default: seeds/)")
    b.add_argument("-o", "--output", default="output", help="output folder (default: output/)")
    b.add_argument("--no-html", action="store_true", help="skip graph.html")
    b.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    b.set_defaults(func=_cmd_build)
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
