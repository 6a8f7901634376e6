"""OWL reasoning: `reason(graph) -> ReasoningResult`.

The ontology (`ontology/kgraph.ttl`) and the instance data are loaded into an owlready2
World (owlready2 cannot read Turtle, so rdflib converts them to N-Triples first) and
classified by HermiT (`sync_reasoner(infer_property_values=True)`, which needs Java).

What the reasoner is given: every triple about an instance (an IRI under
https://w3id.org/kgraph/id/ or a sector of https://w3id.org/kgraph/sector/) whose
predicate is rdf:type, rdfs:label or a property the ontology declares; minus literals
whose datatype HermiT does not support (xsd:gYearMonth and xsd:gYear dates) and minus
kg:kind / kg:stageKind, whose values are classes used as individuals (OWL 2 punning),
which owlready2 turns into bogus class assertions and which no axiom uses; and minus the
kg:Evidence nodes (text positions): they imply nothing new, yet are 1,750 of the 3,200
triples of the seeds graph and make HermiT up to 1.5 s slower.

What comes out (`ReasoningResult.inferred`, written apart from the asserted graph):
- the facts HermiT adds: the transitive closure of kg:locatedIn, kg:involvesRegion (the
  property chain kg:party / kg:locatedIn), members of the defined classes
  (kg:CooperationParty, kg:SignedAgreement), types implied by domains and ranges;
- the inverse of every asserted or inferred value of a property with an owl:inverseOf
  (kg:contains, kg:partyIn, kg:mentions);
- every named superclass of each instance's types (a kg:City is also a kg:Region,
  schema:City, schema:Place, prov:Location).
Asserted triples are never repeated in it.

When HermiT finds the data inconsistent, the result lists the clashes in words (which
node, which classes, which axiom), found by checking the asserted types and the types
the domains and ranges imply against the disjointness axioms and the functional
properties.
"""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from .namespaces import KG, KGR, KGS, PREFIXES
from .outputs import write_atomic
from .validate import compact, node_label, ontology

__all__ = [
    "Clash",
    "JavaNotFoundError",
    "ReasonerError",
    "ReasoningResult",
    "find_java",
    "reason",
    "reasoner_input",
    "write_inferred",
]

# Datatypes of the OWL 2 datatype map that occur in kgraph data; HermiT rejects others.
_OWL2_DATATYPES = {
    XSD.string, XSD.integer, XSD.nonNegativeInteger, XSD.positiveInteger, XSD.int,
    XSD.decimal, XSD.double, XSD.float, XSD.boolean, XSD.anyURI, XSD.dateTime,
    XSD.dateTimeStamp, RDF.PlainLiteral, RDF.langString,
}
_SKIPPED = {KG.kind, KG.stageKind, KG.evidence}  # punned values; links to evidence
# HermiT runs for a second or two: a JVM tuned for short runs (no C2 compiler, one GC
# thread) starts faster and is about 40% quicker on a busy 2-core machine. Passed through
# JDK_JAVA_OPTIONS (read by the java launcher of JDK 9+) unless the user has set it.
_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
_INFERENCES_IRI = "http://inferrences/"  # where owlready2 puts what HermiT infers


class JavaNotFoundError(RuntimeError):
    """No Java runtime: HermiT cannot run."""


class ReasonerError(RuntimeError):
    """HermiT failed for another reason than an inconsistency."""


@dataclass(frozen=True, slots=True)
class Clash:
    """One reason why the graph is inconsistent."""

    node: str  # IRI of the node, "" when no single node is to blame
    node_label: str
    message: str  # the whole explanation, one sentence
    axioms: tuple[str, ...]  # the ontology axioms involved, in Turtle-like form


@dataclass(frozen=True, slots=True)
class ReasoningResult:
    consistent: bool
    inferred: Graph  # only new triples; empty when inconsistent
    clashes: tuple[Clash, ...]  # why it is inconsistent; empty when consistent
    input_triples: int  # triples given to HermiT (ontology + filtered data)
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        """Inferred triples per predicate (compact), e.g. {'kg:locatedIn': 3, 'rdf:type': 90}."""
        c = Counter(compact(self.inferred, p) for p in self.inferred.predicates())
        return dict(sorted(c.items()))

    def summary(self) -> str:
        total = sum(self.seconds.values())
        if not self.consistent:
            return (f"inconsistent: {len(self.clashes)} clash(es) found "
                    f"({self.input_triples} triples reasoned over, {total:.1f} s)")
        parts = ", ".join(f"{k} {v}" for k, v in self.counts.items())
        return (f"consistent: {len(self.inferred)} inferred triples ({parts}) from "
                f"{self.input_triples} triples ({total:.1f} s)")


def find_java(java: str | None = None) -> str:
    """Path of the Java executable HermiT will use; JavaNotFoundError when there is none."""
    import owlready2

    explicit = java or os.environ.get("KGRAPH_JAVA")
    candidates = [explicit] if explicit else [owlready2.JAVA_EXE, "java"]
    for cand in candidates:
        found = shutil.which(cand) if cand else None
        if found:
            return found
    where = f" ({explicit} is not an executable)" if explicit else ""
    raise JavaNotFoundError(f"Java not found{where}: HermiT needs a Java runtime (e.g. apt-get "
                            "install default-jre-headless); KGRAPH_JAVA may name the java "
                            "executable")


# ---------------------------------------------------------------- input
def _is_instance(node: Node) -> bool:
    return isinstance(node, URIRef) and (str(node).startswith(str(KGR))
                                         or str(node).startswith(str(KGS)))


def reasoner_input(data: Graph, onto: Graph | None = None) -> Graph:
    """The graph given to HermiT: the ontology plus the filtered instance triples."""
    onto = onto if onto is not None else ontology()
    declared = {s for s in onto.subjects(RDF.type, None) if isinstance(s, URIRef)}
    keep_predicates = ({p for p in declared if (p, RDF.type, OWL.ObjectProperty) in onto
                        or (p, RDF.type, OWL.DatatypeProperty) in onto}
                       | {RDF.type, RDFS.label}) - _SKIPPED
    evidence = set(data.subjects(RDF.type, KG.Evidence))
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g += onto
    for s, p, o in data:
        if not _is_instance(s) or p not in keep_predicates or s in evidence:
            continue
        if isinstance(o, Literal) and o.datatype is not None and o.datatype not in _OWL2_DATATYPES:
            continue
        if isinstance(o, BNode):
            continue
        g.add((s, p, o))
    return g


# ---------------------------------------------------------------- reasoning
def reason(graph: Graph, *, ontology_graph: Graph | None = None,
           java: str | None = None) -> ReasoningResult:
    """Run HermiT over ontology + `graph`; `graph` itself is not modified.

    Raises JavaNotFoundError without Java, ReasonerError when HermiT fails otherwise.
    """
    import owlready2  # heavy: only when reasoning
    from owlready2 import (
        OwlReadyInconsistentOntologyError,
        OwlReadyJavaError,
        World,
        sync_reasoner,
    )

    java_exe = find_java(java)
    onto = ontology_graph if ontology_graph is not None else ontology()
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    g_in = reasoner_input(graph, onto)
    asserted = {t for t in graph if _is_instance(t[0])}
    with tempfile.TemporaryDirectory(prefix="kgraph-reason-") as tmp:
        nt = Path(tmp) / "input.nt"
        g_in.serialize(nt, format="nt", encoding="utf-8")
        world = World()
        world.get_ontology(nt.as_uri()).load(format="ntriples")
        before = set(world.as_rdflib_graph())
        seconds["load"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        previous_java = owlready2.JAVA_EXE
        owlready2.JAVA_EXE = java_exe
        own_options = "JDK_JAVA_OPTIONS" not in os.environ
        if own_options:
            os.environ["JDK_JAVA_OPTIONS"] = _JVM_OPTIONS
        try:
            sync_reasoner(world, infer_property_values=True, debug=0)
        except OwlReadyInconsistentOntologyError:
            seconds["hermit"] = time.perf_counter() - t1
            world.close()
            return ReasoningResult(False, Graph(), explain(g_in, onto), len(g_in), seconds)
        except OwlReadyJavaError as exc:
            world.close()
            lines = [ln for ln in str(exc).splitlines() if ln.strip()]
            detail = lines[1] if len(lines) > 1 else (lines[0] if lines else "")
            raise ReasonerError(f"HermiT failed: {detail[:300]}") from exc
        finally:
            owlready2.JAVA_EXE = previous_java
            if own_options:
                os.environ.pop("JDK_JAVA_OPTIONS", None)
        seconds["hermit"] = time.perf_counter() - t1
        t2 = time.perf_counter()
        hermit = Graph()
        for t in set(world.as_rdflib_graph()) - before:
            hermit.add(t)
        world.close()
    inferred = materialise(g_in, hermit, onto, asserted)
    seconds["materialise"] = time.perf_counter() - t2
    return ReasoningResult(True, inferred, (), len(g_in), seconds)


def materialise(g_in: Graph, hermit: Graph, onto: Graph,
                asserted: set[tuple[Node, Node, Node]]) -> Graph:
    """HermiT's new facts about instances + inverses + superclasses, minus what is asserted."""
    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    facts: set[tuple[Node, Node, Node]] = {t for t in g_in if _is_instance(t[0])}
    for s, p, o in hermit:
        if not _is_instance(s) or o in (OWL.Thing, OWL.NamedIndividual):
            continue
        if p == RDF.type or (p, RDF.type, OWL.ObjectProperty) in onto:
            facts.add((s, p, o))
    inverse = _inverses(onto)
    for s, p, o in list(facts):
        if p in inverse and _is_instance(o):
            facts.add((o, inverse[p], s))
    supers = _superclasses(onto)
    for s, p, o in list(facts):
        if p == RDF.type:
            for sup in supers.get(o, ()):
                facts.add((s, RDF.type, sup))
    for t in facts:
        if t not in asserted:
            out.add(t)
    return out


def _inverses(onto: Graph) -> dict[Node, Node]:
    inv: dict[Node, Node] = {}
    for a, b in onto.subject_objects(OWL.inverseOf):
        inv[a] = b
        inv[b] = a
    return inv


def _superclasses(onto: Graph) -> dict[Node, set[Node]]:
    """Named strict superclasses of every named class (rdfs:subClassOf, transitively)."""
    direct: dict[Node, set[Node]] = defaultdict(set)
    for c, d in onto.subject_objects(RDFS.subClassOf):
        if isinstance(c, URIRef) and isinstance(d, URIRef):
            direct[c].add(d)
    for c, eq in onto.subject_objects(OWL.equivalentClass):
        if isinstance(c, URIRef) and isinstance(eq, BNode):
            for part in _intersection(onto, eq):
                if isinstance(part, URIRef):
                    direct[c].add(part)
    closed: dict[Node, set[Node]] = {}
    for c in list(direct):
        seen: set[Node] = set()
        todo = list(direct[c])
        while todo:
            d = todo.pop()
            if d not in seen and d != c:
                seen.add(d)
                todo.extend(direct.get(d, ()))
        closed[c] = seen - {OWL.Thing}
    return closed


def _intersection(onto: Graph, node: Node) -> list[Node]:
    lst = onto.value(node, OWL.intersectionOf)
    return list(Collection(onto, lst)) if lst is not None else []


# ---------------------------------------------------------------- explaining
def explain(g: Graph, onto: Graph | None = None) -> tuple[Clash, ...]:
    """Why the graph `g` (ontology + data) is inconsistent, in words.

    Checks each node's classes (asserted, and implied by the domains and ranges of the
    properties it is used with, closed under rdfs:subClassOf) against the disjointness
    axioms, and functional properties with several values.
    """
    onto = onto if onto is not None else g
    supers = _superclasses(onto)
    disjoint = _disjoint_pairs(onto)
    # node -> [(class or union of classes, why)]
    typed: dict[Node, list[tuple[tuple[Node, ...], str]]] = defaultdict(list)
    for s, c in sorted(g.subject_objects(RDF.type)):
        if _is_instance(s) and isinstance(c, URIRef) and (c, RDF.type, OWL.Class) in onto:
            typed[s].append(((c,), f"typed {compact(g, c)}"))
    for prop in set(onto.subjects(RDFS.domain, None)) | set(onto.subjects(RDFS.range, None)):
        dom = _classes(onto, onto.value(prop, RDFS.domain))
        rng = _classes(onto, onto.value(prop, RDFS.range))
        for s, o in g.subject_objects(prop):
            if dom and _is_instance(s):
                typed[s].append((dom, f"subject of {compact(g, prop)}, whose domain is "
                                      f"{_names(g, dom)}"))
            if rng and _is_instance(o):
                typed[o].append((rng, f"value of {compact(g, prop)}, whose range is "
                                      f"{_names(g, rng)}"))
    clashes: list[Clash] = []
    for node, reasons in typed.items():
        seen_axioms: set[tuple[str, ...]] = set()
        for (c1, why1), (c2, why2) in itertools.combinations(reasons, 2):
            axioms = _clash(c1, c2, supers, disjoint)
            if axioms is None:
                continue
            text = tuple(" owl:disjointWith ".join(sorted((compact(g, a), compact(g, b))))
                         for a, b in axioms)
            if text in seen_axioms:
                continue
            seen_axioms.add(text)
            label = node_label(g, node)
            clashes.append(Clash(str(node), label,
                                 f"{label} is {_names(g, c1)} ({why1}) and {_names(g, c2)} "
                                 f"({why2}), but {' and '.join(text)}.", text))
    for prop in onto.subjects(RDF.type, OWL.FunctionalProperty):
        if (prop, RDF.type, OWL.DatatypeProperty) not in onto:
            continue
        values: dict[Node, set[Node]] = defaultdict(set)
        for s, o in g.subject_objects(prop):
            values[s].add(o)
        for s, vals in values.items():
            if len({(str(v), getattr(v, "datatype", None)) for v in vals}) > 1:
                label = node_label(g, s)
                shown = ", ".join(sorted(repr(str(v)) for v in vals))
                axiom = f"{compact(g, prop)} a owl:FunctionalProperty"
                clashes.append(Clash(str(s), label, f"{label} has {len(vals)} values of "
                                     f"{compact(g, prop)} ({shown}), but {axiom}: one at most.",
                                     (axiom,)))
    if not clashes:
        clashes.append(Clash("", "", "HermiT found the graph inconsistent, but no single "
                             "disjointness or functional-property clash explains it.", ()))
    return tuple(clashes)


def _classes(onto: Graph, node: Node | None) -> tuple[Node, ...]:
    """A named class, or the members of an owl:unionOf; () for anything else."""
    if node is None:
        return ()
    if isinstance(node, URIRef):
        return (node,)
    lst = onto.value(node, OWL.unionOf)
    return tuple(Collection(onto, lst)) if lst is not None else ()


def _names(g: Graph, classes: Iterable[Node]) -> str:
    names = [compact(g, c) for c in classes]
    return names[0] if len(names) == 1 else "(" + " or ".join(names) + ")"


def _disjoint_pairs(onto: Graph) -> set[frozenset[Node]]:
    pairs: set[frozenset[Node]] = set()
    for a, b in onto.subject_objects(OWL.disjointWith):
        pairs.add(frozenset((a, b)))
    for node in onto.subjects(RDF.type, OWL.AllDisjointClasses):
        lst = onto.value(node, OWL.members)
        members = list(Collection(onto, lst)) if lst is not None else []
        for a, b in itertools.combinations(members, 2):
            pairs.add(frozenset((a, b)))
    return pairs


def _clash(c1: tuple[Node, ...], c2: tuple[Node, ...], supers: dict[Node, set[Node]],
           disjoint: set[frozenset[Node]]) -> list[tuple[Node, Node]] | None:
    """The disjointness axioms that make every member of c1 incompatible with every
    member of c2 (a union clashes only when all its members do), or None."""
    found: list[tuple[Node, Node]] = []
    for a in c1:
        for b in c2:
            hit = next(((x, y) for x in ({a} | supers.get(a, set()))
                        for y in ({b} | supers.get(b, set()))
                        if frozenset((x, y)) in disjoint), None)
            if hit is None:
                return None
            if hit not in found:
                found.append(hit)
    return found


# ---------------------------------------------------------------- output
def write_inferred(result: ReasoningResult, path: str | os.PathLike[str],
                   source: str = "") -> Path:
    """Write the inferred triples as Turtle, with a header saying what they are.

    Written to a temporary file beside `path` and renamed: never a half-written file.
    """
    p = Path(path)
    header = ("# Inferred by `kgraph reason` (HermiT via owlready2)"
              + (f" from {source}" if source else "") + ".\n"
              "# Only triples the reasoner adds: the asserted graph is not repeated here.\n")
    data = (header + result.inferred.serialize(format="turtle")).encode("utf-8")
    write_atomic(p, data)
    return p
