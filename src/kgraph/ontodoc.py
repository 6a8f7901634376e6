"""ontology/README.md, generated from ontology/kgraph.ttl and ontology/shapes.ttl.

    python -m kgraph.ontodoc            # rewrite ontology/README.md
    python -m kgraph.ontodoc --check    # exit 1 when it is out of date

Every kg: term is documented from its own annotations (English and Indonesian
rdfs:label and rdfs:comment, skos:example) and axioms, so the page cannot drift from
the ontology: tests/test_ontology.py fails when README.md is not what this writes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from .lexicon import ontology_dir
from .namespaces import KG, ONTOLOGY_IRI, PREFIXES

__all__ = ["kg_terms", "render", "write"]

_GN = "https://www.geonames.org/ontology#"
_WD = "http://www.wikidata.org/entity/"
_EXTRA_PREFIXES = {"gn": _GN, "wd": _WD, "dcterms": "http://purl.org/dc/terms/",
                   "vann": "http://purl.org/vocab/vann/", "sh": str(SH),
                   "kgsh": "https://w3id.org/kgraph/shapes#"}
_CHARACTERISTICS = {OWL.TransitiveProperty: "transitive", OWL.FunctionalProperty: "functional",
                    OWL.InverseFunctionalProperty: "inverse functional",
                    OWL.SymmetricProperty: "symmetric"}


def _q(node: Node) -> str:
    """Compact form of an IRI (kg:Region, schema:Place, wd:Q6256)."""
    s = str(node)
    best, name = "", s
    prefixes = {**{k: str(v) for k, v in PREFIXES.items()}, **_EXTRA_PREFIXES}
    for prefix, ns in prefixes.items():
        if s.startswith(ns) and len(ns) > len(best):
            best, name = ns, f"{prefix}:{s[len(ns):]}"
    return name if best else f"<{s}>"


def _link(node: Node) -> str:
    """Markdown: local anchor for kg: terms, external link otherwise."""
    if isinstance(node, URIRef) and str(node).startswith(str(KG)):
        local = str(node)[len(str(KG)):]
        return f"[kg:{local}](#kg{local.lower()})"
    if isinstance(node, URIRef):
        return f"[{_q(node)}]({node})"
    return _q(node)


def _lit(g: Graph, s: Node, p: Node, lang: str) -> str:
    for o in g.objects(s, p):
        if isinstance(o, Literal) and o.language == lang:
            return str(o)
    return ""


def _class_expr(g: Graph, node: Node) -> str:
    """A class expression in words (named class, union, intersection, restriction)."""
    if isinstance(node, URIRef):
        return _link(node)
    for pred, word in ((OWL.unionOf, " or "), (OWL.intersectionOf, " and ")):
        lst = g.value(node, pred)
        if lst is not None:
            return "(" + word.join(_class_expr(g, m) for m in Collection(g, lst)) + ")"
    prop = g.value(node, OWL.onProperty)
    if prop is not None:
        some = g.value(node, OWL.someValuesFrom)
        if some is not None:
            return f"({_link(prop)} some {_class_expr(g, some)})"
        value = g.value(node, OWL.hasValue)
        if value is not None:
            shown = f'"{value}"' if isinstance(value, Literal) else _link(value)
            return f"({_link(prop)} value {shown})"
    return "(a class expression)"


def kg_terms(g: Graph) -> dict[str, list[URIRef]]:
    """kg: classes, object properties and datatype properties, sorted by name."""
    out: dict[str, list[URIRef]] = {}
    for kind, cls in (("classes", OWL.Class), ("object properties", OWL.ObjectProperty),
                      ("datatype properties", OWL.DatatypeProperty)):
        out[kind] = sorted((s for s in g.subjects(RDF.type, cls)
                            if isinstance(s, URIRef) and str(s).startswith(str(KG))), key=str)
    return out


def _list(items: Iterable[str]) -> str:
    return ", ".join(sorted(set(items)))


def _term(g: Graph, t: URIRef, is_class: bool) -> list[str]:
    local = str(t)[len(str(KG)):]
    lines = [f"### kg:{local}", "",
             f"**{_lit(g, t, RDFS.label, 'en')}** · *{_lit(g, t, RDFS.label, 'id')}*", "",
             _lit(g, t, RDFS.comment, "en"), "",
             f"*{_lit(g, t, RDFS.comment, 'id')}*", ""]
    facts: list[tuple[str, str]] = []
    if is_class:
        supers = [o for o in g.objects(t, RDFS.subClassOf)]
        if supers:
            facts.append(("subclass of", _list(_link(o) for o in supers)))
        subs = [s for s in g.subjects(RDFS.subClassOf, t) if isinstance(s, URIRef)]
        if subs:
            facts.append(("subclasses", _list(_link(s) for s in subs)))
        for eq in g.objects(t, OWL.equivalentClass):
            facts.append(("defined as (equivalent to)", _class_expr(g, eq)))
        disjoint = set(g.objects(t, OWL.disjointWith)) | set(g.subjects(OWL.disjointWith, t))
        for node in g.subjects(RDF.type, OWL.AllDisjointClasses):
            members = list(Collection(g, g.value(node, OWL.members)))  # type: ignore[arg-type]
            if t in members:
                disjoint |= set(members) - {t}
        if disjoint:
            facts.append(("disjoint with", _list(_link(d) for d in disjoint)))
    else:
        chars = [w for c, w in _CHARACTERISTICS.items() if (t, RDF.type, c) in g]
        if chars:
            facts.append(("characteristics", ", ".join(chars)))
        for pred, name in ((RDFS.domain, "domain"), (RDFS.range, "range")):
            for o in g.objects(t, pred):
                facts.append((name, _class_expr(g, o) if not isinstance(o, URIRef)
                              or str(o).startswith(str(KG)) else _link(o)))
        inverse = set(g.objects(t, OWL.inverseOf)) | set(g.subjects(OWL.inverseOf, t))
        if inverse:
            facts.append(("inverse of", _list(_link(i) for i in inverse)))
        supers = list(g.objects(t, RDFS.subPropertyOf))
        if supers:
            facts.append(("subproperty of", _list(_link(o) for o in supers)))
        for chain in g.objects(t, OWL.propertyChainAxiom):
            facts.append(("property chain", " / ".join(_link(p) for p in Collection(g, chain))))
    close = list(g.objects(t, SKOS.closeMatch))
    if close:
        facts.append(("close match", _list(_link(o) for o in close)))
    broad = list(g.objects(t, SKOS.broadMatch))
    if broad:
        facts.append(("broader match", _list(_link(o) for o in broad)))
    see = list(g.objects(t, RDFS.seeAlso))
    if see:
        facts.append(("see also", _list(_link(o) for o in see)))
    if facts:
        lines += ["| | |", "|---|---|", *(f"| {k} | {v} |" for k, v in facts), ""]
    for example in sorted(str(e) for e in g.objects(t, SKOS.example)):
        lines += ["```turtle", example, "```", ""]
    return lines


def _tree(g: Graph, classes: Sequence[URIRef]) -> list[str]:
    kg_set = set(classes)
    children: dict[Node, list[URIRef]] = {c: [] for c in classes}
    roots = []
    for c in classes:
        named = list(g.objects(c, RDFS.subClassOf))
        for eq in g.objects(c, OWL.equivalentClass):  # a defined class sits under its genus
            lst = g.value(eq, OWL.intersectionOf)
            named += list(Collection(g, lst)) if lst is not None else []
        parents = [p for p in named if p in kg_set]
        for p in parents:
            children[p].append(c)
        if not parents:
            roots.append(c)
    lines: list[str] = []

    def walk(c: URIRef, depth: int) -> None:
        defined = " (*defined*)" if (c, OWL.equivalentClass, None) in g else ""
        lines.append(f"{'  ' * depth}- {_link(c)} — {_lit(g, c, RDFS.label, 'en')}{defined}")
        for child in sorted(children[c], key=str):
            walk(child, depth + 1)

    for r in roots:
        walk(r, 0)
    return lines


def _shapes(sg: Graph) -> list[str]:
    about = sg.value(URIRef("https://w3id.org/kgraph/shapes"), RDFS.comment)
    lines = ["## Data shapes (ontology/shapes.ttl)", "", str(about or ""), "",
             "The rules, with the message a user sees:", "",
             "| shape | applies to | path | rule |", "|---|---|---|---|"]
    rows = []
    for shape in sg.subjects(RDF.type, SH.NodeShape):
        target = _list([_q(o) for o in sg.objects(shape, SH.targetClass)]
                       + [f"subjects of {_q(o)}" for o in sg.objects(shape, SH.targetSubjectsOf)]
                       + [f"objects of {_q(o)}" for o in sg.objects(shape, SH.targetObjectsOf)])
        if not target:
            continue
        name = _q(shape)
        msg = sg.value(shape, SH.message)
        if msg is not None:
            rows.append((name, target, "", str(msg)))
        for ps in sg.objects(shape, SH.property):
            pmsg = sg.value(ps, SH.message)
            path = sg.value(ps, SH.path)
            severity = sg.value(ps, SH.severity)
            text = str(pmsg) if pmsg is not None else ""
            if severity == SH.Warning:
                text = f"*Warning:* {text}"
            rows.append((name, target, _path(sg, path) if path is not None else "", text))
    for name, target, shown, text in sorted(rows):
        cell = f"`{shown}`" if shown else ""
        lines.append(f"| {name} | {target} | {cell} | {text.replace('|', '/')} |")
    return [*lines, ""]


def _path(g: Graph, path: Node) -> str:
    if isinstance(path, URIRef):
        return _q(path)
    if isinstance(path, BNode) and (path, RDF.first, None) in g:
        return "/".join(_path(g, p) for p in Collection(g, path))
    inv = g.value(path, SH.inversePath)
    if inv is not None:
        return "^" + _path(g, inv)
    star = g.value(path, SH.zeroOrMorePath)
    if star is not None:
        return f"({_path(g, star)})*"
    return "?"


def render(onto_dir: Path | None = None) -> str:
    """The whole README.md text."""
    d = onto_dir or ontology_dir()
    g = Graph().parse(d / "kgraph.ttl", format="turtle")
    sg = Graph().parse(d / "shapes.ttl", format="turtle")
    o = URIRef(ONTOLOGY_IRI)
    terms = kg_terms(g)
    title = _lit(g, o, URIRef("http://purl.org/dc/terms/title"), "en")
    desc = _lit(g, o, URIRef("http://purl.org/dc/terms/description"), "en")
    lines = [
        f"# {title}", "",
        "<!-- Generated by `python -m kgraph.ontodoc` from kgraph.ttl and shapes.ttl: do not "
        "edit by hand. -->", "",
        desc, "",
        "| | |", "|---|---|",
        f"| ontology IRI | `{o}` |",
        f"| version IRI | `{g.value(o, OWL.versionIRI)}` |",
        f"| version | {g.value(o, OWL.versionInfo)} |",
        "| namespace | `kg:` = `https://w3id.org/kgraph/ontology#` |",
        "| instances | `kgr:` = `https://w3id.org/kgraph/id/`; sectors `kgs:` = "
        "`https://w3id.org/kgraph/sector/` (ontology/sectors.ttl) |",
        "| files | kgraph.ttl (OWL 2), shapes.ttl (SHACL), sectors.ttl (SKOS) |", "",
        "Labels and comments are in English and Indonesian. Alignments: `rdfs:subClassOf` / "
        "`rdfs:subPropertyOf` where the external term includes the meaning (W3C ORG, PROV-O, "
        "SKOS, schema.org, FOAF, Web Annotation); `skos:closeMatch`, `skos:broadMatch` and "
        "`rdfs:seeAlso` where it is only close (Wikidata, GeoNames feature codes). Classes "
        "marked *defined* and the properties `kg:contains`, `kg:partyIn`, `kg:mentions`, "
        "`kg:involvesRegion` are filled by `kgraph reason` (HermiT) into inferred.ttl, "
        "apart from the asserted graph.", "",
        f"Terms: {len(terms['classes'])} classes, {len(terms['object properties'])} object "
        f"properties, {len(terms['datatype properties'])} datatype properties.", "",
        "## Class hierarchy", "", *_tree(g, terms["classes"]), "",
    ]
    for kind, items in terms.items():
        lines += [f"## {kind[0].upper()}{kind[1:]}", ""]
        for t in items:
            lines += _term(g, t, kind == "classes")
    lines += _shapes(sg)
    return "\n".join(lines).rstrip() + "\n"


def write(path: Path | None = None) -> Path:
    p = path or ontology_dir() / "README.md"
    p.write_text(render(), encoding="utf-8")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kgraph.ontodoc", description=__doc__)
    ap.add_argument("--check", action="store_true", help="exit 1 when README.md is stale")
    args = ap.parse_args(argv)
    target = ontology_dir() / "README.md"
    if args.check:
        ok = target.exists() and target.read_text(encoding="utf-8") == render()
        print(f"{target}: {'up to date' if ok else 'out of date, run python -m kgraph.ontodoc'}")
        return 0 if ok else 1
    print(f"wrote {write(target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
