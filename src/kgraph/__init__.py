"""kgraph: knowledge graphs of regional government cooperation from Indonesian news.

    import kgraph

    kgraph.build(["seeds"], "output")                       # = kgraph build seeds
    answer = kgraph.query("partners", "output/graph.ttl",   # = kgraph query partners
                          params={"region": "Kaltim"})
    print(kgraph.queries.format_result(answer, "table"))
    for q in kgraph.load_queries():                         # = kgraph queries
        print(q.name, q.question_en)

Names are imported on first use, so `import kgraph` stays light. To add one, map
it to its module in `_API`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module (in this package) that defines it
_API: dict[str, str] = {
    "build": "pipeline",
    "query": "queries",
    "load_queries": "queries",
    "find_query": "queries",
    "run_query": "queries",
}

if TYPE_CHECKING:  # for type checkers and IDEs
    from .pipeline import build
    from .queries import find_query, load_queries, query, run_query


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'kgraph' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = ["__version__", "build", "find_query", "load_queries", "query", "run_query"]
