"""`build-report.json`: what a build read, skipped and wrote, and its exit code.

Written into the output folder by every `kgraph build` (format "kgraph-build-report/1"):

    {"format": "kgraph-build-report/1", "exit_code": 3, "started": ..., "finished": ...,
     "inputs": ["seeds"], "output_dir": "output",
     "read":       [{"path", "format", "encoding", "bytes", "articles"}],
     "skipped":    [{"path", "line", "kind", "reason"}],       # line: a JSONL/CSV record
     "duplicates": [{"path", "same_as"}],
     "counts": {"files_read", "files_skipped", "records_skipped", "duplicates",
                "ignored_files", "articles", "triples", "nodes": {class: count}},
     "seconds": {"read", "extract", "resolve", "rdf", "serialise", "html", "total"},
     "outputs": {"graph.ttl": path, ...}, "notes": [...]}
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from .reader import InputError, Source

REPORT_NAME = "build-report.json"
REPORT_FORMAT = "kgraph-build-report/1"

# Exit codes of `kgraph build` (documented in README "Inputs and exit codes").
EXIT_OK = 0  # every input was read
EXIT_FAILED_CHECK = 1  # reserved: validation failures (kgraph validate)
EXIT_USAGE = 2  # usage error, output folder busy, or no usable article at all
EXIT_SOME_INPUTS_SKIPPED = 3  # some inputs were skipped; the rest was built


def exit_code(articles: int, errors: int) -> int:
    """The build's exit code from the number of articles built and of inputs skipped."""
    if articles == 0:
        return EXIT_USAGE
    return EXIT_SOME_INPUTS_SKIPPED if errors else EXIT_OK


def iso_now(t: float | None = None) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(time.time() if t is None else t))


def make_report(*, inputs: Sequence[str | os.PathLike[str]], output_dir: str | os.PathLike[str],
                sources: Sequence[Source], errors: Sequence[InputError],
                duplicates: Sequence[tuple[str, str]], ignored: int, articles: int,
                triples: int, nodes: Mapping[str, int], seconds: Mapping[str, float],
                outputs: Mapping[str, Path | str], code: int, started: float,
                notes: Sequence[str] = ()) -> dict[str, object]:
    return {
        "format": REPORT_FORMAT,
        "exit_code": code,
        "started": iso_now(started),
        "finished": iso_now(),
        "inputs": [str(p) for p in inputs],
        "output_dir": str(output_dir),
        "read": [s.as_dict() for s in sources],
        "skipped": [e.as_dict() if isinstance(e, InputError)
                    else {"path": str(e), "line": None, "kind": "error", "reason": str(e)}
                    for e in errors],
        "duplicates": [{"path": dup, "same_as": first} for dup, first in duplicates],
        "counts": {
            "files_read": len(sources),
            "files_skipped": sum(1 for e in errors if getattr(e, "line", None) is None),
            "records_skipped": sum(1 for e in errors if getattr(e, "line", None) is not None),
            "duplicates": len(duplicates),
            "ignored_files": ignored,
            "articles": articles,
            "triples": triples,
            "nodes": dict(nodes),
        },
        "seconds": {k: round(v, 4) for k, v in seconds.items()},
        "outputs": {k: str(v) for k, v in outputs.items()},
        "notes": list(notes),
    }


def report_bytes(report: Mapping[str, object]) -> bytes:
    """UTF-8 JSON; a path that is not valid UTF-8 keeps its bytes as \\udcXX escapes."""
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8", "backslashreplace")
