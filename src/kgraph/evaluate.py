"""Scoring a built graph against a gold file: `evaluate(graph, gold) -> EvaluationReport`.

A gold file (format `kgraph-gold/1`, documented in docs/gold-format.md) lists what
a corpus should yield: entities with their accepted names, officials' positions
and represented regions, `located_in` facts and cooperations with their sectors.
The scoring rules are those of the reference scorer used by CI, so a figure
measured here is the figure CI measures:

- Terms are recognised by their local names (any namespace works), and a node's
  classes include every superclass reachable by `rdfs:subClassOf` in the graph or
  in the ontology given beside it.
- Regions and officials match a gold entity by exact normalised name: case and
  punctuation ignored, one-letter initials and honorifics dropped, and for
  regions the words Provinsi/Kota/Kabupaten/... too.
- Organisations and sectors match by key phrase: the gold entity whose longest
  key appears as whole words in one of the node's labels wins.
- Every scored node that matches nothing is a false positive, and so is every
  second node matching the same gold entity (a duplicate).
- Optional gold entries are accepted but never required.

Precision, recall and F1 are micro-averaged over all facts and rounded to four
decimals, as the reference does.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node
from rdflib.util import guess_format

GOLD_FORMAT = "kgraph-gold/1"

#: Classes whose nodes are scored as entities, in report order.
SCORED_TYPES = ("Province", "Country", "City", "Official", "Organization", "Sector")
#: Fact categories scored after the entities, in report order.
FACT_CATEGORIES = ("position", "represents", "located_in", "cooperation", "coop_sector")
REGION_TYPES = frozenset({"Province", "Country", "City"})
ANY_TYPE = "*"

# Properties, by local name.
LABEL_PROPS = frozenset({"label", "prefLabel", "altLabel", "hiddenLabel", "name", "title"})
POSITION_PROPS = frozenset({"position", "jobTitle", "holdsPosition", "role", "title"})
REPRESENTS_PROPS = frozenset({"represents"})
PARTY_PROPS = frozenset({"party", "hasParty", "partner", "participant"})
SECTOR_PROPS = frozenset({"sector", "coversSector", "hasSector"})
LOCATED_IN_PROPS = frozenset({"locatedIn", "partOf", "containedInPlace", "isPartOf"})
PROVENANCE_PROPS = frozenset({"mentionedIn", "wasDerivedFrom", "source", "hadPrimarySource"})

#: Name tokens ignored when names are compared (after casefolding, without dots).
HONORIFICS = frozenset({
    "h", "hj", "dr", "ir", "drs", "dra", "prof", "st", "se", "mm", "msi", "mh", "sh", "sp",
    "mt", "phd", "bapak", "ibu", "pak", "bu", "mr", "mrs", "ms", "buya", "datuk", "dato",
    "tun", "kh", "habib"})
#: Tokens ignored in region names ("Provinsi Jawa Barat" = "Jawa Barat").
REGION_WORDS = frozenset({
    "provinsi", "province", "prov", "kota", "city", "kabupaten", "kab", "regency", "negara"})

ONTOLOGY_SUFFIXES = frozenset({".ttl", ".owl", ".rdf", ".nt", ".n3", ".jsonld"})
_NAME_SCORE = 10_000  # a name match beats any key match
_ERROR_PREVIEW = 600  # characters of each error list shown in the table

_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


class GoldError(ValueError):
    """A gold file that cannot be scored; str(err) says what to fix."""


# ---------------------------------------------------------------- normalisation

def norm(text: str) -> str:
    """Casefolded, punctuation as spaces, single spaces: 'Pemprov. Kaltim' -> 'pemprov kaltim'."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return _SPACES.sub(" ", _PUNCT.sub(" ", text)).strip()


def norm_name(text: str, region: bool = False) -> str:
    """A normalised name without one-letter tokens and honorifics ('H. M. Faisal, S.E.' ->
    'faisal'); for regions also without region words unless nothing else is left."""
    tokens = [t for t in norm(text).split() if len(t) > 1 and t not in HONORIFICS]
    if region:
        tokens = [t for t in tokens if t not in REGION_WORDS] or tokens
    return " ".join(tokens)


def has_phrase(text: str, phrase: str) -> bool:
    """`phrase` occurs in `text` as whole words (both already normalised)."""
    return f" {phrase} " in f" {text} "


def local_name(term: object) -> str:
    """The local name of an IRI: the part after the last '#', '/' or ':'."""
    return re.split(r"[#/:]", str(term))[-1]


# ---------------------------------------------------------------- the report

@dataclass(frozen=True, slots=True)
class Score:
    """Counts of one category; precision, recall and F1 rounded to four decimals.

    With nothing expected and nothing produced, precision and recall are 1.
    """

    name: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return round(self.tp / (self.tp + self.fp), 4) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return round(self.tp / (self.tp + self.fn), 4) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        # from the unrounded ratios, as the reference does
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return round(2 * p * r / (p + r), 4) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True, slots=True)
class Checks:
    """Facts about the graph that are not scored against the gold."""

    article_nodes: int
    agreement_nodes: int
    provenance_coverage: float  # share of Officials and Agreements linked to an Article
    triples: int
    without_provenance: tuple[str, ...] = ()  # IRIs of Officials/Agreements with no Article

    def to_dict(self) -> dict[str, Any]:
        return {"article_nodes": self.article_nodes, "agreement_nodes": self.agreement_nodes,
                "provenance_coverage": self.provenance_coverage, "triples": self.triples,
                "without_provenance": list(self.without_provenance)}


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    """The outcome of `evaluate`: scores per category, the overall micro-average, the
    problems found (for example "Official:missing" -> gold ids) and graph checks."""

    overall: Score
    categories: tuple[Score, ...]
    checks: Checks
    errors: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # about the gold file itself

    def category(self, name: str) -> Score:
        for c in self.categories:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def f1(self) -> float:
        return self.overall.f1

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, in the shape the reference scorer prints with --json."""
        return {
            "overall": self.overall.to_dict(),
            "categories": {c.name: c.to_dict() for c in self.categories},
            "checks": self.checks.to_dict(),
            "errors": {k: _jsonable(v) for k, v in self.errors.items()},
            "warnings": list(self.warnings),
        }

    def format_table(self) -> str:
        """The plain-text report: one row per category, the problems, the checks."""
        lines = [f"{'category':<13} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
        for c in self.categories:
            lines.append(f"{c.name:<13} {c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f} "
                         f"{c.tp:>4} {c.fp:>3} {c.fn:>3}")
        for key, items in self.errors.items():
            shown = json.dumps(_jsonable(items), ensure_ascii=False)
            lines.append(f"  {key}: {shown[:_ERROR_PREVIEW]}")
        ch = self.checks
        lines.append(f"checks: article_nodes={ch.article_nodes}, "
                     f"agreement_nodes={ch.agreement_nodes}, "
                     f"provenance_coverage={ch.provenance_coverage}, triples={ch.triples}")
        if ch.without_provenance:
            lines.append("  without provenance: " + ", ".join(ch.without_provenance))
        for w in self.warnings:
            lines.append(f"warning: {w}")
        o = self.overall
        lines.append(f"overall P={o.precision:.3f} R={o.recall:.3f} F1={o.f1:.3f}")
        return "\n".join(lines)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


# ---------------------------------------------------------------- the gold file

_ENTITY_FIELDS = {"id", "types", "names", "keys", "optional", "position_any", "represents_any",
                  "party_of", "note", "notes"}
_TOP_FIELDS = {"format", "corpus", "articles", "notes", "entities", "located_in",
               "cooperations"}


def validate_gold(gold: Any) -> list[str]:
    """Check the structure of a gold document; returns warnings, raises GoldError.

    Errors are what makes scoring impossible (a missing id, types or names/keys,
    a cooperation without parties); warnings are what is probably a mistake but
    can be scored (a reference to an unknown id, an unknown field or type).
    """
    if not isinstance(gold, dict):
        raise GoldError("a gold file is a JSON object with 'format' and 'entities'")
    warnings: list[str] = []
    fmt = gold.get("format")
    if fmt is None:
        warnings.append(f"no 'format' field; read as {GOLD_FORMAT}")
    elif fmt != GOLD_FORMAT:
        raise GoldError(f"format {fmt!r} is not supported; this scorer reads {GOLD_FORMAT}")
    for key in sorted(set(gold) - _TOP_FIELDS):
        warnings.append(f"unknown top-level field {key!r} ignored")
    entities = gold.get("entities")
    if not isinstance(entities, list):
        raise GoldError("'entities' must be a list of entity objects")
    ids: set[str] = set()
    for n, e in enumerate(entities):
        where = f"entities[{n}]"
        if not isinstance(e, dict) or not isinstance(e.get("id"), str) or not e["id"]:
            raise GoldError(f"{where}: every entity needs a non-empty string 'id'")
        where = f"entity {e['id']!r}"
        if e["id"] in ids:
            warnings.append(f"{where} is listed twice; the last entry is used")
        ids.add(e["id"])
        types = e.get("types")
        if not isinstance(types, list) or not types or not all(isinstance(t, str) for t in types):
            raise GoldError(f"{where}: 'types' must be a non-empty list such as [\"Province\"]")
        for t in types:
            if t not in SCORED_TYPES and t != ANY_TYPE:
                warnings.append(f"{where}: type {t!r} is never scored (use one of "
                                f"{', '.join(SCORED_TYPES)} or \"*\")")
        has_names, has_keys = "names" in e, "keys" in e
        if not has_names and not has_keys:
            raise GoldError(f"{where}: give 'names' (regions, officials) or 'keys' "
                            "(organisations, sectors)")
        for fld in ("names", "keys", "position_any", "represents_any"):
            if fld in e and (not isinstance(e[fld], list)
                             or not all(isinstance(x, str) for x in e[fld])):
                raise GoldError(f"{where}: {fld!r} must be a list of strings")
        if has_names and has_keys:
            warnings.append(f"{where}: has both 'names' and 'keys'; 'names' are ignored")
        for key in sorted(set(e) - _ENTITY_FIELDS):
            warnings.append(f"{where}: unknown field {key!r} ignored")
    known = {e["id"] for e in entities}
    for e in entities:
        for target in e.get("represents_any", []):
            if target not in known:
                warnings.append(f"entity {e['id']!r}: represents_any names unknown id {target!r}")
        if "party_of" in e and e["party_of"] not in known:
            warnings.append(f"entity {e['id']!r}: party_of names unknown id {e['party_of']!r}")
    located = gold.get("located_in", [])
    if not isinstance(located, list):
        raise GoldError("'located_in' must be a list of {\"child\", \"parent\"} objects")
    for n, f in enumerate(located):
        if not isinstance(f, dict) or not isinstance(f.get("child"), str) \
                or not isinstance(f.get("parent"), str):
            raise GoldError(f"located_in[{n}]: needs 'child' and 'parent' ids")
        for end in ("child", "parent"):
            if f[end] not in known:
                warnings.append(f"located_in[{n}]: unknown id {f[end]!r}")
    coops = gold.get("cooperations", [])
    if not isinstance(coops, list):
        raise GoldError("'cooperations' must be a list of {\"parties\": [a, b], ...} objects")
    for n, c in enumerate(coops):
        if not isinstance(c, dict) or not isinstance(c.get("parties"), list) \
                or not all(isinstance(p, str) for p in c["parties"]):
            raise GoldError(f"cooperations[{n}]: needs 'parties', a list of two ids")
        if len(set(c["parties"])) != 2:
            warnings.append(f"cooperations[{n}]: a cooperation is scored as a pair of two "
                            f"different parties; {c['parties']} can never match")
        for fld in ("sectors", "optional_sectors"):
            if fld in c and (not isinstance(c[fld], list)
                             or not all(isinstance(x, str) for x in c[fld])):
                raise GoldError(f"cooperations[{n}]: {fld!r} must be a list of ids")
        for ref in [*c["parties"], *c.get("sectors", []), *c.get("optional_sectors", [])]:
            if ref != ANY_TYPE and ref not in known:
                warnings.append(f"cooperations[{n}]: unknown id {ref!r}")
    articles = gold.get("articles", [])
    if not isinstance(articles, list) or not all(isinstance(a, str) for a in articles):
        raise GoldError("'articles' must be a list of file names")
    return warnings


def load_gold(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and check a gold file; GoldError (a ValueError) when it cannot be scored."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(f"{p}: no such gold file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{p}: cannot read the gold file ({exc})") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{p}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    try:
        validate_gold(data)
    except GoldError as exc:
        raise GoldError(f"{p}: {exc}") from None
    return data


def gold_articles(gold: Mapping[str, Any], gold_path: str | os.PathLike[str]) -> list[Path]:
    """The gold's "articles", resolved relative to the folder of the gold file."""
    base = Path(gold_path).parent
    return [base / name for name in gold.get("articles", [])]


@dataclass(frozen=True, slots=True)
class _Entity:
    id: str
    types: tuple[str, ...]
    optional: bool
    keys: tuple[str, ...] | None  # normalised key phrases (organisations, sectors)
    names: frozenset[str]  # normalised names, as people and generic names compare
    region_names: frozenset[str]  # normalised names, as regions compare
    raw: Mapping[str, Any]

    def accepts(self, typ: str) -> bool:
        return typ in self.types or ANY_TYPE in self.types


class _Gold:
    """The gold entities prepared for matching output nodes."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        by_id: dict[str, _Entity] = {}
        for e in data["entities"]:
            names = [str(n) for n in e.get("names", [])]
            plain = {norm(n) for n in names}
            by_id[e["id"]] = _Entity(
                id=e["id"], types=tuple(e["types"]), optional=bool(e.get("optional")),
                keys=tuple(norm(k) for k in e["keys"]) if "keys" in e else None,
                names=frozenset(plain | {norm_name(n) for n in names}),
                region_names=frozenset(plain | {norm_name(n, region=True) for n in names}),
                raw=e)
        self.entities = by_id
        self.party_of = {i: e.raw.get("party_of", i) for i, e in by_id.items()}
        self.located_in: list[Mapping[str, Any]] = list(data.get("located_in", []))
        self.cooperations: list[Mapping[str, Any]] = list(data.get("cooperations", []))

    def match(self, labels: Iterable[str], typ: str) -> list[str]:
        """Gold ids that a node of class `typ` with these labels stands for.

        A name match wins over any key match; among key matches the longest key wins;
        ties give several ids."""
        labels = list(labels)
        normed = [norm(lab) for lab in labels]
        as_name = [norm_name(lab, region=typ in REGION_TYPES) for lab in labels]
        hits: list[tuple[int, str]] = []
        for e in self.entities.values():
            if not e.accepts(typ):
                continue
            if e.keys is not None:
                best = max((len(k) for k in e.keys for lab in normed if has_phrase(lab, k)),
                           default=0)
                if best:
                    hits.append((best, e.id))
            else:
                names = e.region_names if typ in REGION_TYPES else e.names
                if any(n in names for n in itertools.chain(as_name, normed)):
                    hits.append((_NAME_SCORE, e.id))
        if not hits:
            return []
        top = max(score for score, _ in hits)
        return [i for score, i in hits if score == top]


# ---------------------------------------------------------------- the graph

class _GraphIndex:
    """Classes (with superclasses), labels and outgoing edges by local name."""

    def __init__(self, graph: Graph, ontology: Graph | None) -> None:
        self.graph = graph
        self._schemas = [graph] if ontology is None else [graph, ontology]
        self._supers: dict[Node, frozenset[str]] = {}
        self.types: dict[Node, set[str]] = defaultdict(set)
        for s, _, cls in graph.triples((None, RDF.type, None)):
            self.types[s] |= self._class_names(cls)
        self.labels: dict[Node, set[str]] = defaultdict(set)
        self.edges: dict[Node, dict[str, set[Node]]] = defaultdict(lambda: defaultdict(set))
        for s, p, o in graph:
            prop = local_name(p)
            if prop in LABEL_PROPS and isinstance(o, Literal):
                self.labels[s].add(str(o))
            self.edges[s][prop].add(o)

    def _class_names(self, cls: Node) -> frozenset[str]:
        """Local names of `cls` and all its superclasses."""
        if cls not in self._supers:
            seen, todo = {cls}, [cls]
            while todo:
                c = todo.pop()
                for schema in self._schemas:
                    for sup in schema.objects(c, RDFS.subClassOf):
                        if isinstance(sup, URIRef) and sup not in seen:
                            seen.add(sup)
                            todo.append(sup)
            self._supers[cls] = frozenset(local_name(c) for c in seen)
        return self._supers[cls]

    def nodes_of(self, typ: str) -> list[Node]:
        return [n for n, names in self.types.items() if typ in names]

    def values(self, node: Node, props: frozenset[str]) -> set[Node]:
        out: set[Node] = set()
        edges = self.edges.get(node)
        if edges:
            for p in props:
                out |= edges.get(p, set())
        return out

    def label_list(self, node: Node) -> list[str]:
        """Sorted labels, or the IRI when the node has none (for error messages)."""
        return sorted(self.labels.get(node, ())) or [str(node)]


def load_ontology(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None,
                  warnings: list[str] | None = None) -> Graph | None:
    """The RDF files of folders (recursively) or files, merged; None when none is given.
    A file that does not parse is reported in `warnings` and skipped."""
    if paths is None:
        return None
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    onto = Graph()
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise FileNotFoundError(f"{p}: no such ontology file or folder")
        files = sorted(p.rglob("*")) if p.is_dir() else [p]
        for f in files:
            if f.suffix not in ONTOLOGY_SUFFIXES or not f.is_file():
                continue
            try:
                onto.parse(f, format=guess_format(str(f)) or "turtle")
            except Exception as exc:  # any parser error: report and go on
                if warnings is not None:
                    warnings.append(f"ontology file {f} skipped: {exc}")
    return onto


# ---------------------------------------------------------------- scoring

def evaluate(graph: Graph, gold: Mapping[str, Any],
             ontology_dir: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | Graph
             | None = None) -> EvaluationReport:
    """Score `graph` against a gold document (the parsed JSON of a kgraph-gold/1 file).

    `ontology_dir`: folders or files (or a parsed Graph) whose `rdfs:subClassOf`
    triples count beside the graph's own. Raises GoldError for a gold document that
    cannot be scored.
    """
    warnings = validate_gold(gold)
    ontology = ontology_dir if isinstance(ontology_dir, Graph) else \
        load_ontology(ontology_dir, warnings)
    return _Scorer(_GraphIndex(graph, ontology), _Gold(gold)).run(tuple(warnings))


def evaluate_files(graph_path: str | os.PathLike[str], gold_path: str | os.PathLike[str],
                   ontology_dir: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
                   | None = None) -> EvaluationReport:
    """`evaluate` on a Turtle (or any RDF) file and a gold file."""
    gold = load_gold(gold_path)
    path = Path(graph_path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such graph file; run `kgraph build` first")
    graph = Graph()
    try:
        graph.parse(path, format=guess_format(str(path)) or "turtle")
    except Exception as exc:  # rdflib raises many kinds
        raise ValueError(f"{path}: cannot parse the graph ({exc})") from None
    return evaluate(graph, gold, ontology_dir)


class _Scorer:
    def __init__(self, index: _GraphIndex, gold: _Gold) -> None:
        self.g = index
        self.gold = gold
        self.errors: dict[str, list[Any]] = defaultdict(list)
        self.scores: dict[str, Score] = {}
        self.node_ids: dict[Node, set[str]] = defaultdict(set)  # node -> gold ids it matched

    def run(self, warnings: tuple[str, ...]) -> EvaluationReport:
        self.score_entities()
        self.score_officials()
        self.score_located_in()
        self.score_cooperations()
        cats = tuple(self.scores[name] for name in (*SCORED_TYPES, *FACT_CATEGORIES))
        overall = Score("overall", sum(c.tp for c in cats), sum(c.fp for c in cats),
                        sum(c.fn for c in cats))
        errors = {k: tuple(v) for k, v in self.errors.items() if v}
        return EvaluationReport(overall, cats, self.checks(), errors, warnings)

    # -------------------------------------------------------- entities
    def score_entities(self) -> None:
        """A required entity counts once, under its first type, when a node of any of
        its types matches it; unmatched nodes and duplicates are false positives."""
        found: set[str] = set()
        false_pos: dict[str, int] = {}
        for typ in SCORED_TYPES:
            fp = 0
            nodes_per_id: dict[str, set[Node]] = defaultdict(set)
            for node in self.g.nodes_of(typ):
                ids = self.gold.match(self.g.labels.get(node, ()), typ)
                if not ids:
                    fp += 1
                    self.errors[f"{typ}:unexpected"].append(self.g.label_list(node))
                for i in ids:
                    nodes_per_id[i].add(node)
                    self.node_ids[node].add(i)
            for i, nodes in nodes_per_id.items():
                if len(nodes) > 1:
                    fp += len(nodes) - 1
                    self.errors[f"{typ}:duplicate"].append(
                        [i, sorted(self.g.label_list(n) for n in nodes)])
            found |= set(nodes_per_id)
            false_pos[typ] = fp
        for typ in SCORED_TYPES:
            tp = fn = 0
            for e in self.gold.entities.values():
                if e.types[0] != typ or e.optional:
                    continue
                if e.id in found:
                    tp += 1
                else:
                    fn += 1
                    self.errors[f"{typ}:missing"].append(e.id)
            self.scores[typ] = Score(typ, tp, false_pos[typ], fn)

    def ids_of(self, node: Node) -> set[str]:
        """Gold ids of any node: those it matched as an entity, else by its labels."""
        if node in self.node_ids:
            return self.node_ids[node]
        labels = self.g.labels.get(node, ())
        return {i for typ in SCORED_TYPES for i in self.gold.match(labels, typ)}

    # -------------------------------------------------------- position, represents
    def score_officials(self) -> None:
        officials: dict[str, list[Node]] = defaultdict(list)
        for node in self.g.nodes_of("Official"):
            for i in self.node_ids.get(node, ()):
                officials[i].append(node)
        for fact in ("position", "represents"):
            tp = fp = fn = 0
            for e in self.gold.entities.values():
                want = e.raw.get(f"{fact}_any")
                if "Official" not in e.types or not want or e.optional:
                    continue
                nodes = officials.get(e.id, [])
                got: set[str]
                if fact == "position":
                    got = self._positions(nodes)
                    ok = any(has_phrase(g, norm(w)) for g in got for w in want)
                else:
                    got = set()
                    for n in nodes:
                        for target in self.g.values(n, REPRESENTS_PROPS):
                            got |= self.ids_of(target)
                    ok = bool(got & set(want))
                if ok:
                    tp += 1
                    continue
                fn += 1
                if got:
                    fp += 1
                self.errors[f"{fact}:wrong" if got else f"{fact}:missing"].append(
                    [e.id, sorted(got)])
            self.scores[fact] = Score(fact, tp, fp, fn)

    def _positions(self, nodes: list[Node]) -> set[str]:
        """Normalised positions: literals, or the labels of a position node."""
        got: set[str] = set()
        for n in nodes:
            for v in self.g.values(n, POSITION_PROPS):
                if isinstance(v, Literal):
                    got.add(norm(str(v)))
                else:
                    got |= {norm(lab) for lab in self.g.labels.get(v, ())}
        return got

    # -------------------------------------------------------- located_in
    def score_located_in(self) -> None:
        nodes_by_id: dict[str, set[Node]] = defaultdict(set)
        for node, ids in self.node_ids.items():
            for i in ids:
                nodes_by_id[i].add(node)
        tp = fn = 0
        for fact in self.gold.located_in:
            if fact.get("optional"):
                continue
            above: set[Node] = set()
            for node in nodes_by_id.get(fact["child"], ()):
                above |= self._ancestors(node)
            if any(fact["parent"] in self.ids_of(a) for a in above):
                tp += 1
            else:
                fn += 1
                self.errors["located_in:missing"].append([fact["child"], fact["parent"]])
        self.scores["located_in"] = Score("located_in", tp, 0, fn)

    def _ancestors(self, node: Node) -> set[Node]:
        seen: set[Node] = set()
        todo = [node]
        while todo:
            for parent in self.g.values(todo.pop(), LOCATED_IN_PROPS):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    # -------------------------------------------------------- cooperations
    def party_key(self, node: Node) -> str:
        """The gold id a party stands for (a government body counts as its region);
        '?label' when it matches nothing."""
        ids = self.ids_of(node)
        if not ids:
            return "?" + self.g.label_list(node)[0]
        return min(self.gold.party_of.get(i, i) for i in ids)

    def score_cooperations(self) -> None:
        gold_pairs: set[frozenset[str]] = set()
        optional_pairs: set[frozenset[str]] = set()
        gold_sectors: set[tuple[frozenset[str], str]] = set()
        optional_sectors: set[tuple[frozenset[str], str]] = set()
        any_sector: set[frozenset[str]] = set()  # pairs where no sector is wrong
        for c in self.gold.cooperations:
            pair = frozenset(c["parties"])
            if c.get("optional"):
                optional_pairs.add(pair)
                any_sector.add(pair)
                continue
            gold_pairs.add(pair)
            gold_sectors |= {(pair, s) for s in c.get("sectors", [])}
            extra = c.get("optional_sectors", [])
            if ANY_TYPE in extra:
                any_sector.add(pair)
            optional_sectors |= {(pair, s) for s in extra}

        out_pairs: set[frozenset[str]] = set()
        out_sectors: set[tuple[frozenset[str], str]] = set()
        for agreement in self.g.nodes_of("Agreement"):
            parties = sorted({self.party_key(p) for p in self.g.values(agreement, PARTY_PROPS)})
            sectors: set[str] = set()
            for s in self.g.values(agreement, SECTOR_PROPS):
                sectors |= set(self.gold.match(self.g.labels.get(s, ()), "Sector")) or {
                    "?" + self.g.label_list(s)[0]}
            for x, y in itertools.combinations(parties, 2):
                pair = frozenset((x, y))
                out_pairs.add(pair)
                out_sectors |= {(pair, s) for s in sectors}

        wrong_pairs = out_pairs - gold_pairs - optional_pairs
        self.scores["cooperation"] = Score("cooperation", len(out_pairs & gold_pairs),
                                           len(wrong_pairs), len(gold_pairs - out_pairs))
        self.errors["cooperation:unexpected"] = sorted(sorted(p) for p in wrong_pairs)
        self.errors["cooperation:missing"] = sorted(sorted(p) for p in gold_pairs - out_pairs)
        # a sector is wrong on a required pair that does not accept any sector, and
        # every sector of a wrong pair is wrong; sectors of optional pairs are free
        wrong_sectors = {(p, s) for p, s in out_sectors - gold_sectors - optional_sectors
                         if p in gold_pairs and p not in any_sector}
        wrong_sectors |= {(p, s) for p, s in out_sectors if p in wrong_pairs}
        self.scores["coop_sector"] = Score("coop_sector", len(out_sectors & gold_sectors),
                                           len(wrong_sectors), len(gold_sectors - out_sectors))
        self.errors["coop_sector:unexpected"] = sorted([sorted(p), s] for p, s in wrong_sectors)
        self.errors["coop_sector:missing"] = sorted(
            [sorted(p), s] for p, s in gold_sectors - out_sectors)

    # -------------------------------------------------------- checks
    def checks(self) -> Checks:
        articles = set(self.g.nodes_of("Article"))
        officials = self.g.nodes_of("Official")
        agreements = self.g.nodes_of("Agreement")
        linked = 0
        without: list[str] = []
        for node in [*officials, *agreements]:
            if self.g.values(node, PROVENANCE_PROPS) & articles:
                linked += 1
            else:
                without.append(str(node))
        coverage = round(linked / max(1, len(officials) + len(agreements)), 4)
        return Checks(len(articles), len(agreements), coverage, len(self.g.graph),
                      tuple(sorted(set(without))))


def iter_case_dirs(root: str | os.PathLike[str]) -> Iterator[Path]:
    """Folders under `root` that hold a gold.json (one annotated case each), sorted."""
    for gold in sorted(Path(root).glob("*/gold.json")):
        yield gold.parent




def evaluate_build(gold_path: str | os.PathLike[str],
                   inputs: Iterable[str | os.PathLike[str]] | None = None,
                   ontology_dir: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
                   | None = None) -> EvaluationReport:
    """Build articles into a temporary folder and score the result against a gold file.

    `inputs` default to the gold's "articles", resolved relative to the gold file's
    folder. Raises ValueError when an input cannot be read: a partial build would
    give a misleading score.
    """
    from .pipeline import build  # the scorer itself does not need the pipeline

    gold = load_gold(gold_path)
    paths = list(inputs or []) or gold_articles(gold, gold_path)
    if not paths:
        raise GoldError(f"{gold_path}: the gold file lists no 'articles'; "
                        "give the articles after --build")
    with tempfile.TemporaryDirectory(prefix="kgraph-evaluate-") as tmp:
        result = build(paths, tmp, html=False)
        graph = result.graph  # read from the build's graph.ttl while it is there
    if result.errors:
        reasons = "; ".join(str(e) for e in result.errors)
        raise ValueError(f"cannot build every article of {gold_path}: {reasons}")
    return evaluate(graph, gold, ontology_dir)


__all__ = [
    "GOLD_FORMAT",
    "Checks",
    "EvaluationReport",
    "GoldError",
    "Score",
    "evaluate",
    "evaluate_build",
    "evaluate_files",
    "gold_articles",
    "iter_case_dirs",
    "load_gold",
    "load_ontology",
    "validate_gold",
]
