"""Saved SPARQL queries: load them, run them on rdflib or Oxigraph, format the answers.

A saved query is one `queries/NAME.rq` file whose leading comment lines say what
it answers::

    # title: Partners of a region
    # question (en): With whom does a region cooperate, and in which sectors?
    # pertanyaan (id): Dengan siapa suatu daerah bekerja sama, dan di sektor apa?
    # param: region — a region name or abbreviation (optional)

Parameters are SPARQL variables (`?region`) that the caller binds; a value never
goes into the query text by string formatting:

- on rdflib the value is passed as `initBindings`;
- on Oxigraph a `VALUES (?region) { ("...") }` block opens the WHERE group of the
  query and of each sub-SELECT, the value serialised as one RDF term by
  pyoxigraph (N-Triples escaping), so any text, quotes, braces and `#` included,
  stays one literal (a property test binds arbitrary text and reads it back).

Either way the variable is bound throughout the query, sub-SELECTs included, and
left unbound when the caller does not give it.

A `region` parameter is looked up before the query runs (`region_nodes`): every
node of kg:Region or a subclass one of whose rdfs:label / skos:prefLabel /
skos:altLabel equals the value, ignoring case, so "Kaltim", "kalimantan timur" and
"East Kalimantan" find the same node. A saved query that uses `?regionNode` gets
the nodes found bound to it by a VALUES block opening each WHERE group where the
variable is in scope (`with_values_rows`); without a region `?regionNode` is left
unbound, which the saved queries read as "no restriction", and a value matching no
region gives an empty answer. Binding the nodes directly lets Oxigraph start its
joins from them: it evaluates a sub-SELECT on its own and cannot push the region
found by one into the rest of the query (270 ms against 22 ms for one query at
10k articles).

A saved query may hold lines written for one case only, chosen by whether a
parameter is given (never by its value, which is still bound as above)::

    #if region
    ... lines used when the caller gives `region` ...
    #else
    ... lines used when it does not ...
    #endif

The directives are whole lines (`#if NAME`, `#else`, `#endif`, spaces allowed
around them; `#if` blocks may nest) naming a declared parameter; `select_variants`
keeps the lines of the chosen branch and blanks the others (and the directive lines
themselves) before anything else is done to the text, so line numbers in error
messages stay those of the file. To any other SPARQL tool the directives are
comments: the file as written runs both branches, so each variant must be
written so that it only makes sense in its own case (the saved queries put the two
variants in different sub-SELECTs). This lets a query start its joins where they
are cheapest in each case: from the region's nodes when a region is given, from
a cheaply chosen page of rows when not.

Answers come in pages: `run_query(..., limit=100)` (the default; 0 = every row)
sets the `LIMIT 100  # page` clauses of a saved query to the limit + 1 (or removes
them), so that the query ranks cheap keys (a date's text, a count), reads the details
of the first rows only, and the extra row tells whether more exist
(`QueryResult.more`). Each saved query states its ranking in its header
(`# ranking (en):` / `# peringkat (id):`); the ranking is a total order, ties broken
by IRIs, so both stores return the same rows.

Writing queries that are fast on both engines: rdflib evaluates an OPTIONAL
sub-SELECT again for every row and joins a sub-SELECT with the following triple
patterns by nested loops, while Oxigraph evaluates a sub-SELECT once and hashes
it, and `FILTER EXISTS` with property paths is very slow on it. A FILTER that
tests `?regionNode` must be in the WHERE group that gets the VALUES block (not in
a UNION branch below it), or Oxigraph sees the variable unbound there. rdflib also
fails on DISTINCT aggregates over an unbound variable and returns one empty group
for an empty GROUP BY, hence the `COALESCE(..., "")` and `HAVING (COUNT(*) > 0)`
found in the saved queries.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.term import Identifier

from .namespaces import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph

FORMATS = ("table", "csv", "json", "tsv")
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_HEADER = re.compile(r"^#\s*(title|question \(en\)|pertanyaan \(id\)|param|ranking \(en\)"
                     r"|peringkat \(id\))\s*:\s*(.*?)\s*$")
DEFAULT_LIMIT = 100
# a page LIMIT of a saved query: `LIMIT 100  # page` (the comment marks it)
_PAGE_LIMIT = re.compile(r"\bLIMIT[ \t]+(\d+)(?=[ \t]*#[ \t]*page\b)", re.I)
_PARAM_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(?:—|--|-|:)\s*(.*)$")


class QueryError(ValueError):
    """A query that cannot be found, has bad parameters, or fails to run."""


_DIRECTIVE = re.compile(r"^[ \t]*#(if|else|endif)\b[ \t]*(.*?)[ \t]*$")


def select_variants(text: str, given: Iterable[str],
                    declared: Iterable[str] | None = None) -> str:
    """`text` with its `#if NAME` / `#else` / `#endif` lines resolved: the lines of
    a branch not taken, and the directive lines, become empty lines. NAME is a
    parameter; its branch is taken when it is in `given` (its value does not
    matter). With `declared`, NAME must be one of them."""
    given = set(given)
    known = set(declared) if declared is not None else None
    out: list[str] = []
    # one entry per open #if: (this branch is taken, an #else was seen, outer taken)
    stack: list[tuple[bool, bool, bool]] = []
    active = True
    for number, line in enumerate(text.split("\n"), 1):
        m = _DIRECTIVE.match(line)
        if m is None:
            out.append(line if active else "")
            continue
        word, rest = m.group(1), m.group(2)
        if word == "if":
            if not _PARAM_NAME.match(rest):
                raise QueryError(f"line {number}: '#if' wants one parameter name, got {rest!r}")
            if known is not None and rest not in known:
                raise QueryError(f"line {number}: '#if {rest}' names no parameter of the query")
            stack.append((rest in given, False, active))
            active = active and rest in given
        elif rest and not rest.startswith("#"):
            raise QueryError(f"line {number}: nothing may follow '#{word}'")
        elif word == "else":
            if not stack or stack[-1][1]:
                raise QueryError(f"line {number}: '#else' without its '#if'")
            taken, _, outer = stack[-1]
            stack[-1] = (taken, True, outer)
            active = outer and not taken
        else:
            if not stack:
                raise QueryError(f"line {number}: '#endif' without its '#if'")
            active = stack.pop()[2]
        out.append("")
    if stack:
        raise QueryError("an '#if' is not closed by '#endif'")
    return "\n".join(out)


@dataclass(frozen=True, slots=True)
class QueryParam:
    name: str
    description: str
    optional: bool


@dataclass(frozen=True, slots=True)
class SavedQuery:
    name: str
    title: str
    question_en: str
    question_id: str
    params: tuple[QueryParam, ...]
    text: str
    path: Path | None = None
    ranking_en: str = ""
    ranking_id: str = ""

    def param(self, name: str) -> QueryParam | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A SELECT answer (variables, rows of rdflib terms or None), or an ASK answer."""

    variables: tuple[str, ...]
    rows: tuple[tuple[Identifier | None, ...], ...]
    boolean: bool | None = field(default=None)
    # rows were left out: the answer is the first `limit` rows of a longer one
    more: bool = field(default=False)
    limit: int = field(default=0)

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, str | None]]:
        """Rows as {variable: str(value) or None}, handy in scripts and tests."""
        return [{v: (None if t is None else str(t)) for v, t in zip(self.variables, row,
                                                                   strict=True)}
                for row in self.rows]


# ------------------------------------------------------------------ loading
def parse_header(text: str) -> dict[str, Any]:
    """The leading `# key: value` comment lines of a query file."""
    info: dict[str, Any] = {"params": []}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _HEADER.match(stripped)
        if not m:
            continue
        key, value = m.group(1), m.group(2)
        if key == "param":
            pm = _PARAM_LINE.match(value)
            if not pm:
                raise QueryError(f"bad param line {stripped!r}: expected '# param: name — text'")
            desc = pm.group(2).strip()
            info["params"].append(QueryParam(pm.group(1), desc, "(optional" in desc.lower()))
        else:
            info[key] = value
    return info


def query_from_text(text: str, name: str = "query", path: Path | None = None) -> SavedQuery:
    info = parse_header(text)
    return SavedQuery(
        name=name,
        title=info.get("title", name),
        question_en=info.get("question (en)", ""),
        question_id=info.get("pertanyaan (id)", ""),
        params=tuple(info["params"]),
        text=text,
        path=path,
        ranking_en=info.get("ranking (en)", ""),
        ranking_id=info.get("peringkat (id)", ""),
    )


def load_query(path: str | os.PathLike[str]) -> SavedQuery:
    p = Path(path)
    return query_from_text(p.read_text(encoding="utf-8"), p.stem, p)


def default_queries_dir() -> Path:
    from .lexicon import queries_dir

    return queries_dir()


def load_queries(folder: str | os.PathLike[str] | None = None) -> list[SavedQuery]:
    """Every `*.rq` of `folder` (default: the project's `queries/`), sorted by name."""
    base = Path(folder) if folder is not None else default_queries_dir()
    return [load_query(p) for p in sorted(base.glob("*.rq"))]


def find_query(name_or_file: str | os.PathLike[str],
               folder: str | os.PathLike[str] | None = None) -> SavedQuery:
    """A saved query by name (`partners`), or any `.rq` file by path."""
    text = str(name_or_file)
    path = Path(text)
    if path.suffix == ".rq" or os.sep in text or "/" in text:
        if not path.is_file():
            raise QueryError(f"no query file {text}")
        return load_query(path)
    base = Path(folder) if folder is not None else default_queries_dir()
    candidate = base / f"{text}.rq"
    if candidate.is_file():
        return load_query(candidate)
    names = [p.stem for p in sorted(base.glob("*.rq"))]
    close = difflib.get_close_matches(text, names, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise QueryError(f"no saved query {text!r}{hint} (see `kgraph queries`)")


# ------------------------------------------------------------------ parameters
def check_params(query: SavedQuery, params: Mapping[str, Any] | None) -> dict[str, Identifier]:
    """Validate parameter names against the query's header; values become RDF terms."""
    given = dict(params or {})
    declared = {p.name for p in query.params}
    for key in given:
        if not _PARAM_NAME.match(key):
            raise QueryError(f"bad parameter name {key!r}")
        if key not in declared:
            takes = ", ".join(sorted(declared)) or "no parameters"
            raise QueryError(f"query {query.name!r} has no parameter {key!r} (it takes {takes})")
    for p in query.params:
        if not p.optional and p.name not in given:
            raise QueryError(f"query {query.name!r} needs --param {p.name}=...")
    return {k: (v if isinstance(v, Identifier) else Literal(str(v))) for k, v in given.items()}


def parse_param_args(items: Iterable[str]) -> dict[str, str]:
    """`["region=Kaltim", ...]` (from `--param`) -> {"region": "Kaltim"}."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise QueryError(f"--param wants NAME=VALUE, got {item!r}")
        out[key.strip()] = value
    return out


_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")


# what a query's structure is read around: comments, strings (escapes skipped, an
# unclosed one runs to the end) and IRIs
_SKIPPED = re.compile(
    r'#[^\n]*'
    r'|"""(?:\\[\s\S]?|[^\\])*?(?:"""|\Z)'
    r"|'''(?:\\[\s\S]?|[^\\])*?(?:'''|\Z)"
    r'|"(?:\\[\s\S]?|[^"\\])*(?:"|\Z)'
    r"|'(?:\\[\s\S]?|[^'\\])*(?:'|\Z)"
    r"|" + _IRIREF.pattern)
# a brace, or a word that does not continue a name, variable or prefixed name
_STRUCTURE = re.compile(r"[{}]|(?<![\w?$:])[A-Za-z]+")


def _scan(text: str) -> list[tuple[str, int, int]]:
    """Structural tokens of a SPARQL query: ("{", offset, depth), ("}", ...), and
    (KEYWORD, offset, depth) for query forms and WHERE. Comments, strings and IRIs
    are skipped, so braces or '#' inside them do not count."""
    out: list[tuple[str, int, int]] = []
    depth = 0
    for m in _STRUCTURE.finditer(_blank(text)):
        token = m.group()
        if token == "{":
            out.append(("{", m.start(), depth))
            depth += 1
        elif token == "}":
            depth -= 1
            out.append(("}", m.start(), depth))
        else:
            word = token.upper()
            if word in _FORMS or word == "WHERE":
                out.append((word, m.start(), depth))
    return out


def where_groups(text: str) -> list[int]:
    """Offsets just after the `{` opening the WHERE group of the query and of each
    sub-SELECT in it (the `WHERE` keyword itself is optional in SPARQL)."""
    tokens = _scan(text)
    starts: list[int] = []
    for k, (tok, _, depth) in enumerate(tokens):
        if tok not in _FORMS:
            continue
        skip = 0
        if tok == "CONSTRUCT":
            # CONSTRUCT { template } WHERE { ... }: skip the template unless WHERE follows
            nxt = next((t for t in tokens[k + 1:] if t[2] == depth and t[0] != "}"), None)
            skip = 1 if nxt is not None and nxt[0] == "{" else 0
        for tok2, off2, depth2 in tokens[k + 1:]:
            if depth2 < depth:
                break
            if depth2 == depth and tok2 == "WHERE":
                skip = 0
            if depth2 == depth and tok2 == "{":
                if skip:
                    skip -= 1
                    continue
                starts.append(off2 + 1)
                break
    if not starts:
        raise QueryError("cannot find the WHERE clause of the query")
    return starts


def with_values_block(text: str, bindings: Mapping[str, Identifier]) -> str:
    """The query with `VALUES (?a ?b) { (term term) }` opening its WHERE group and
    the WHERE group of every sub-SELECT, so that the parameters are bound throughout
    the query, as rdflib's initBindings binds them.

    Terms are serialised by pyoxigraph (the same code that writes N-Triples), so a
    value is always exactly one RDF term in the query, whatever text it holds.
    """
    if not bindings:
        return text
    names = list(bindings)
    terms = [str(to_oxigraph(bindings[k])) for k in names]
    block = (" VALUES (" + " ".join("?" + k for k in names) + ") { ("
             + " ".join(terms) + ") }\n")
    out = text
    for at in sorted(where_groups(text), reverse=True):
        out = out[:at] + block + out[at:]
    return out


def _blank(text: str) -> str:
    """`text` with comments, strings and IRIs replaced by spaces (offsets kept)."""
    return _SKIPPED.sub(lambda m: " " * len(m.group()), text)


def _group_ends(text: str) -> dict[int, int]:
    """For each `{` of the query: the offset just after it -> the offset of the `}`
    closing its group (the end of the text when it is not closed)."""
    ends: dict[int, int] = {}
    open_at: list[int] = []
    for token, offset, _ in _scan(text):
        if token == "{":
            open_at.append(offset + 1)
        elif token == "}" and open_at:
            ends[open_at.pop()] = offset
    for start in open_at:
        ends[start] = len(text)
    return ends


def with_values_rows(text: str, name: str, terms: Sequence[Identifier]) -> str:
    """The query with `VALUES ?name { term ... }` opening each WHERE group (of the
    query or of a sub-SELECT) in whose own scope `?name` appears, i.e. outside the
    sub-SELECTs nested in it, which do not see it unless they project it.

    Each term is serialised by pyoxigraph, as in `with_values_block`."""
    ends = _group_ends(text)
    spans = [(a, ends[a]) for a in where_groups(text)]
    var = re.compile(rf"[?$]{re.escape(name)}\b")
    block = (f" VALUES ?{name} {{ " + " ".join(str(to_oxigraph(t)) for t in terms)
             + " }\n")
    # a mention of the variable is in the scope of the innermost WHERE group around it
    chosen = set()
    for m in var.finditer(_blank(text)):
        around = [a for a, b in spans if a <= m.start() < b]
        if around:
            chosen.add(max(around))
    out = text
    for at in sorted(chosen, reverse=True):
        out = out[:at] + block + out[at:]
    return out


# ------------------------------------------------------------------ term conversion
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_oxigraph(term: Identifier) -> Any:
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot bind {term!r}")


def from_oxigraph(term: Any) -> Identifier | None:
    """A pyoxigraph term as the equivalent rdflib term (xsd:string -> plain literal)."""
    if term is None:
        return None
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise QueryError(f"unsupported term in result: {term!r}")


# ------------------------------------------------------------------ running
def _as_query(query: SavedQuery | str) -> SavedQuery:
    if isinstance(query, SavedQuery):
        return query
    if "{" in query:  # query text
        return query_from_text(query)
    return find_query(query)


def page_limits(text: str) -> list[tuple[int, int]]:
    """(start, end) of each page LIMIT clause (`LIMIT 100  # page`) of a query:
    a LIMIT keyword outside comments, strings and IRIs whose line comment starts
    with `page`."""
    blank = _blank(text)
    return [(m.start(), m.end()) for m in _PAGE_LIMIT.finditer(text)
            if blank[m.start():m.start() + 5].upper() == "LIMIT"]


def with_limit(text: str, limit: int) -> str:
    """The query with each page LIMIT set to `limit` rows (0: removed, every row).
    `limit` is an int checked here, so only digits go into the query text."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise QueryError(f"limit must be a whole number >= 0, got {limit!r}")
    out = text
    for a, b in sorted(page_limits(text), reverse=True):
        clause = f"LIMIT {limit}" if limit else ""
        out = out[:a] + clause.ljust(b - a) + out[b:]
    return out


def run_query(graph_or_store: Graph | pyoxigraph.Store, query: SavedQuery | str,
              params: Mapping[str, Any] | None = None,
              limit: int = DEFAULT_LIMIT) -> QueryResult:
    """Run `query` (a SavedQuery, a saved query's name, or SPARQL text) with `params`.

    `graph_or_store` is an rdflib Graph/Dataset or a pyoxigraph Store. Rows hold
    rdflib terms whichever store answered.

    `limit` (default 100; 0 = every row) keeps the first `limit` rows of the
    answer. A saved query that marks its page LIMITs (`LIMIT 100  # page`) gets
    them set to `limit` + 1, so that the store ranks the keys cheaply and fetches
    the details of those rows only; any other query is trimmed after it ran. The
    extra row tells whether rows were left out (`QueryResult.more`).

    A `region` parameter of a query that uses `?regionNode` is looked up first
    (`region_nodes`): the matching region nodes are bound to `?regionNode` with a
    VALUES block, and a name matching no region gives an empty answer.

    `#if NAME` / `#else` / `#endif` lines of the query are resolved first
    (`select_variants`), on whether each parameter is given.
    """
    q = _as_query(query)
    bindings = check_params(q, params)
    text = select_variants(q.text, bindings, [p.name for p in q.params])
    text = with_limit(text, limit + 1 if limit else 0)
    nodes: list[Identifier] | None = None
    if "region" in bindings and uses_region_node(text):
        nodes = region_nodes(graph_or_store, bindings["region"])
    if nodes is not None:
        # a name matching nothing: run the query on a node that is in no graph, for
        # its variables, and answer no row
        text = with_values_rows(text, REGION_NODE, nodes or [URIRef(_NO_REGION)])
    # a parameter the query text does not name binds nothing (a region is bound as
    # ?regionNode above): leave it out, rather than a VALUES block in every group
    blank = _blank(text)
    bindings = {k: v for k, v in bindings.items()
                if re.search(rf"[?$]{re.escape(k)}\b", blank)}
    if isinstance(graph_or_store, Graph):
        result = _run_rdflib(graph_or_store, text, bindings)
    else:
        result = _run_oxigraph(graph_or_store, text, bindings)
    if nodes == []:
        return QueryResult(result.variables, (), None if result.boolean is None else False)
    more = bool(limit) and len(result.rows) > limit
    rows = result.rows[:limit] if more else result.rows
    return QueryResult(result.variables, rows, result.boolean, more, limit)


REGION_NODE = "regionNode"
_NO_REGION = "urn:kgraph:no-such-region"
_REGION_LOOKUP = query_from_text("""\
# param: region — a region name or abbreviation
PREFIX kg:   <https://w3id.org/kgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?node WHERE {
  ?regionClass rdfs:subClassOf* kg:Region .
  ?node a ?regionClass ;
        rdfs:label|skos:prefLabel|skos:altLabel ?name .
  FILTER (LCASE(STR(?name)) = LCASE(STR(?region)))
}
ORDER BY STR(?node)
""", "region-lookup")


_REGION_EXACT = query_from_text("""\
PREFIX kg:   <https://w3id.org/kgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?node WHERE {
  ?node rdfs:label|skos:prefLabel|skos:altLabel ?name .
  FILTER EXISTS { ?node a ?regionClass . ?regionClass rdfs:subClassOf* kg:Region }
}
ORDER BY STR(?node)
""", "region-exact")
# the language tags kgraph writes names with (and none)
_NAME_LANGS = (None, "id", "en")


def _name_forms(name: str) -> list[Literal]:
    """The literals a region name is most likely written as: as given, capitalised,
    in title case, upper and lower case; untagged or tagged id / en."""
    spellings = dict.fromkeys([name, name[:1].upper() + name[1:], name.title(),
                               name.upper(), name.lower()])
    return [Literal(s, lang=lang) for s in spellings for lang in _NAME_LANGS]


def region_nodes(graph_or_store: Graph | pyoxigraph.Store, region: Any) -> list[Identifier]:
    """The region nodes (instances of kg:Region or a subclass) one of whose
    rdfs:label / skos:prefLabel / skos:altLabel equals `region`, ignoring case.

    The usual spellings of the name (as given, capitalised, title, upper and lower
    case) are looked up first, as exact terms (index look-ups: ~0.2 ms instead of
    ~25 ms at 10k articles); only when none of them names a region are all region
    names compared without case. So when regions are named alike but for case, the
    ones spelled as usual win."""
    name = str(region)
    exact = with_values_rows(_REGION_EXACT.text, "name", _name_forms(name))
    found = run_query(graph_or_store, exact, limit=0)
    if not found.rows:
        found = run_query(graph_or_store, _REGION_LOOKUP, {"region": region}, limit=0)
    return [row[0] for row in found.rows if row[0] is not None]


def uses_region_node(text: str) -> bool:
    return re.search(rf"[?$]{REGION_NODE}\b", _blank(text)) is not None


def _run_rdflib(graph: Graph, text: str, bindings: Mapping[str, Identifier]) -> QueryResult:
    try:
        res = graph.query(text, initBindings={Variable(k): v for k, v in bindings.items()})
    except Exception as exc:  # pyparsing / evaluation errors have many types
        raise QueryError(f"query failed on rdflib: {exc}") from exc
    if res.type == "ASK":
        return QueryResult((), (), bool(res.askAnswer))
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        assert res.graph is not None
        triples: tuple[tuple[Identifier | None, ...], ...] = tuple(
            (s, p, o) for s, p, o in res.graph)  # type: ignore[misc]
        return QueryResult(("subject", "predicate", "object"), triples)
    variables = tuple(str(v) for v in (res.vars or []))
    rows = tuple(tuple(row) for row in res)  # type: ignore[arg-type]
    return QueryResult(variables, rows)  # type: ignore[arg-type]


def _run_oxigraph(store: Any, text: str, bindings: Mapping[str, Identifier]) -> QueryResult:
    import pyoxigraph as ox

    try:
        res = store.query(with_values_block(text, bindings))
    except (SyntaxError, OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed on Oxigraph: {exc}") from exc
    if isinstance(res, ox.QueryBoolean):
        return QueryResult((), (), bool(res))
    if isinstance(res, ox.QueryTriples):
        return QueryResult(("subject", "predicate", "object"),
                           tuple((from_oxigraph(t.subject), from_oxigraph(t.predicate),
                                  from_oxigraph(t.object)) for t in res))
    variables = tuple(v.value for v in res.variables)
    # answers repeat terms (labels, kinds, sectors): convert each distinct term once
    cache: dict[Any, Identifier | None] = {}

    def conv(term: Any) -> Identifier | None:
        if term is None:
            return None
        found = cache.get(term)
        if found is None:
            found = cache[term] = from_oxigraph(term)
        return found

    width = range(len(variables))
    rows = tuple(tuple(conv(sol[i]) for i in width) for sol in res)
    return QueryResult(variables, rows)


# ------------------------------------------------------------------ formatting
def _compact(iri: str) -> str:
    best = ""
    prefix = ""
    for name, ns in PREFIXES.items():
        s = str(ns)
        if iri.startswith(s) and len(s) > len(best):
            best, prefix = s, name
    return f"{prefix}:{iri[len(best):]}" if best else iri


def _display(term: Identifier | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return _compact(str(term))
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())


def _json_term(term: Identifier) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


_TSV_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _tsv_term(term: Identifier | None) -> str:
    """A term in the SPARQL 1.1 TSV results encoding (Turtle/N-Triples syntax)."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    assert isinstance(term, Literal)
    body = "".join(_TSV_ESCAPES.get(ch, ch) for ch in str(term))
    if term.language:
        return f'"{body}"@{term.language}'
    if term.datatype is not None:
        return f'"{body}"^^<{term.datatype}>'
    return f'"{body}"'


def format_result(result: QueryResult, fmt: str = "table", *, max_width: int = 60) -> str:
    """`table` (aligned, for people), `csv`, `tsv` and `json` per the SPARQL 1.1
    Query Results CSV/TSV and JSON formats."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt == "json":
        if result.boolean is not None:
            return json.dumps({"head": {}, "boolean": result.boolean}, indent=1) + "\n"
        bindings = [{v: _json_term(t) for v, t in zip(result.variables, row, strict=True)
                     if t is not None} for row in result.rows]
        return json.dumps({"head": {"vars": list(result.variables)},
                           "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1) + "\n"
    if result.boolean is not None:
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(result.variables)
        for row in result.rows:
            w.writerow(["" if t is None else (f"_:{t}" if isinstance(t, BNode) else str(t))
                        for t in row])
        return buf.getvalue()
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in result.variables)]
        lines += ["\t".join(_tsv_term(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    return _table(result, max_width)


def _table(result: QueryResult, max_width: int) -> str:
    def cut(s: str) -> str:
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    header = list(result.variables)
    body = [[cut(_display(t)) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in body]
    n = len(body)
    lines.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ the API
def query(name_or_file: SavedQuery | str | os.PathLike[str],
          graph: str | os.PathLike[str] | Graph | Any = "output/graph.ttl",
          params: Mapping[str, Any] | None = None,
          store: str | None = None, limit: int = DEFAULT_LIMIT) -> QueryResult:
    """Run a saved query (by name or `.rq` path) on a graph file, a Graph, or a store.

    `store`: None or "memory" parses `graph` with rdflib; "oxigraph:PATH" queries the
    persistent Oxigraph store at PATH (built by `kgraph build --store oxigraph:PATH`)
    without parsing anything. `graph` may also be given as "oxigraph:PATH".
    `limit`: the first rows of the ranked answer (default 100; 0 = every row).
    """
    q = name_or_file if isinstance(name_or_file, SavedQuery) else find_query(name_or_file)
    from .store import open_source

    target = open_source(graph, store)
    return run_query(target, q, params, limit)


def list_queries(queries: Sequence[SavedQuery]) -> str:
    """The `kgraph queries` listing: name, parameters, question (en / id)."""
    lines = []
    width = max((len(q.name) for q in queries), default=0)
    for q in queries:
        params = " ".join(f"[--param {p.name}=...]" if p.optional else f"--param {p.name}=..."
                          for p in q.params)
        lines.append(f"{q.name.ljust(width)}  {q.question_en}")
        if q.question_id:
            lines.append(f"{' ' * width}  ({q.question_id})")
        if params:
            lines.append(f"{' ' * width}  {params}")
    return "\n".join(lines) + ("\n" if lines else "")


__all__ = [
    "DEFAULT_LIMIT",
    "FORMATS",
    "QueryError",
    "QueryParam",
    "QueryResult",
    "SavedQuery",
    "find_query",
    "format_result",
    "list_queries",
    "load_queries",
    "parse_param_args",
    "query",
    "run_query",
]
