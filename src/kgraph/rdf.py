"""RDF building: `GraphParts(corpus)` streams the graph of a build; `iter_triples(corpus)`
gives it as pyoxigraph triples and `to_rdf(corpus) -> rdflib.Graph` to rdflib users.

Every extracted node links to the articles it was read in (kg:mentionedIn) and to
text positions (kg:evidence -> kg:Evidence, a W3C Web Annotation
TextPositionSelector with oa:start/oa:end into the article text).

The graph is built in Oxigraph terms, not rdflib's: rdflib costs ~20 µs per added
triple (its store keeps three indexes and context bookkeeping), which made this stage
the slowest of a large build. Triples come out subject by subject, so a streaming
Turtle writer groups them without sorting. The evidence nodes, about two thirds of a
graph, are written as Turtle by the extraction workers (`evidence_fragments`) and only
copied by a build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import pickle
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from .gazetteer import gazetteer, norm
from .lexicon import lexicon, ontology_dir
from .model import Document, Facts, Party, Span
from .namespaces import (
    AGREEMENT_KIND_CLASS,
    GEONAMES,
    KG,
    KGS,
    OA,
    PREFIXES,
    SCHEMA,
    resource,
    slug,
)
from .resolve import (
    AgreementNode,
    Corpus,
    Evidence,
    OfficialNode,
    OrgNode,
    RegionNode,
    StageNode,
)

_ORG_CLASS = {
    "dinas": KG.GovernmentAgency, "badan": KG.GovernmentAgency, "biro": KG.GovernmentAgency,
    "sekretariat": KG.GovernmentAgency, "kementerian": KG.GovernmentAgency,
    "departemen": KG.GovernmentAgency, "kantor": KG.GovernmentAgency,
    "lembaga": KG.GovernmentAgency, "dprd": KG.GovernmentAgency, "dewan": KG.GovernmentAgency,
    "otorita": KG.GovernmentAgency, "pemerintah": KG.GovernmentAgency,
    "kedutaan": KG.DiplomaticMission, "konsulat": KG.DiplomaticMission,
    "perusahaan": KG.Company, "bumn": KG.Company, "bumd": KG.Company,
    "asosiasi": KG.BusinessAssociation, "universitas": KG.University,
}
_STATUS_ORDER = {"reported": 0, "proposed": 1, "ongoing": 2, "planned": 3, "signed": 4}
_KIND_ORDER = {"cooperation": 0, "offer": 1, "loi": 2, "mou": 3, "moa": 4, "sister": 5}

# IRIs used in loops, as plain strings (an rdflib namespace attribute builds and
# validates a new URIRef on every access)
_KG = str(KG)
_RDF_TYPE = str(RDF.type)
_OA_START = str(OA.start)
_OA_END = str(OA.end)
_XSD_NNI = str(XSD.nonNegativeInteger)
_DC_TITLE = str(DCTERMS.title)
_DC_DATE = str(DCTERMS.date)
_SCHEMA_URL = str(SCHEMA.url)
_XSD_ANYURI = str(XSD.anyURI)
_SCHEMA_SAMEAS = str(SCHEMA.sameAs)
_SKOS_CONCEPT = str(SKOS.Concept)
_SKOS_INSCHEME = str(SKOS.inScheme)
_KGS_SCHEME = str(KGS.scheme)
_XSD_FOR_DATE = ((re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
                 (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
                 (re.compile(r"^\d{4}$"), XSD.gYear))


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


def prefixes() -> dict[str, str]:
    """kgraph's prefixes, for writers of the graph."""
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def article_iri(doc_or_id: Document | str) -> str:
    aid = doc_or_id if isinstance(doc_or_id, str) else doc_or_id.article.article_id
    return resource("article", aid)


def region_iri(region_id: str) -> str:
    kind, _, local = region_id.partition("/")
    return resource(kind, local)


def org_iri(key: str) -> str:
    return resource("org", slug(key.replace("|", " "), 120))


def official_iri(key: str) -> str:
    return resource("person", slug(key))


def agreement_iri(key: str) -> str:
    return resource("agreement", slug(key.replace("|", " "), 160))


def party_iri(p: Party) -> str:
    return region_iri(p.key) if p.kind == "region" else org_iri(p.key)


class _Terms:
    """Oxigraph terms, one object per distinct IRI (most IRIs recur many times)."""

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = ox.NamedNode(value)
        return node

    def text(self, value: str, lang: str | None = None) -> ox.Literal:
        try:
            return ox.Literal(value, language=lang)
        except ValueError:  # a lone surrogate (an undecodable file name): not storable
            return ox.Literal(_storable(value), language=lang)

    def kg(self, local: str) -> ox.NamedNode:
        return self.iri(_KG + local)

    def typed(self, value: str, datatype: str) -> ox.Literal:
        return ox.Literal(_storable(value), datatype=self.iri(datatype))

    def date(self, value: str) -> ox.Literal:
        for pattern, dtype in _XSD_FOR_DATE:
            if pattern.match(value):
                return self.typed(value, dtype)
        return self.text(value)


def _storable(value: str) -> str:
    return value.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


# ---------------------------------------------------------------- evidence nodes
def _evidence_suffix(span: Span) -> str:
    """The end of an evidence IRI, after the article id (IRI-safe as it is)."""
    digest = hashlib.sha1(f"{span.start}:{span.end}".encode()).hexdigest()[:8]
    return f"-{span.start}-{span.end}-{digest}"


def _evidence_triples(t: _Terms, e: ox.NamedNode, article: ox.NamedNode, ev: Evidence
                      ) -> list[ox.Triple]:
    """The description of one evidence node: a oa:TextPositionSelector by the ontology."""
    triples = [ox.Triple(e, t.iri(_RDF_TYPE), t.kg("Evidence")),
               ox.Triple(e, t.kg("inArticle"), article),
               ox.Triple(e, t.iri(_OA_START), t.typed(str(ev.span.start), _XSD_NNI)),
               ox.Triple(e, t.iri(_OA_END), t.typed(str(ev.span.end), _XSD_NNI))]
    quote, sentence = ev.quote, ev.sentence
    if quote:
        triples.append(ox.Triple(e, t.kg("quote"), t.text(quote)))
    if sentence:
        triples.append(ox.Triple(e, t.kg("sentence"), t.text(sentence)))
    return triples


def evidence_rows(iri: str, article: str, ev: Evidence
                  ) -> list[tuple[str, str, str, str | None]]:
    """`_evidence_triples` as (subject, predicate, object, language) strings."""
    rows: list[tuple[str, str, str, str | None]] = [
        (iri, _RDF_TYPE, _KG + "Evidence", None), (iri, _KG + "inArticle", article, None),
        (iri, _OA_START, str(ev.span.start), ""), (iri, _OA_END, str(ev.span.end), "")]
    quote, sentence = ev.quote, ev.sentence
    if quote:
        rows.append((iri, _KG + "quote", _storable(quote), ""))
    if sentence:
        rows.append((iri, _KG + "sentence", _storable(sentence), ""))
    return rows


# An article's fragment is written before the article's id is known for good (the id
# depends on its file name, and the fragment is cached by content): a placeholder
# stands for it, replaced when the graph is written. Fragments are written with full
# IRIs, so any id may replace it.
_PLACEHOLDER = "kgraph-article-placeholder-7d1e9c"
_PLACEHOLDER_BYTES = _PLACEHOLDER.encode()
_FRAGMENT_PREFIXES = {"rdf": str(RDF), "kg": str(KG), "oa": str(OA), "xsd": str(XSD)}


def candidate_spans(facts: Facts) -> list[Span]:
    """Every span of the article that the builder may cite (a superset, known before
    resolution): the first span of each region, organisation and name (nodes cite their
    first span per article, and resolution only merges these keys), and per agreement
    its stages, its first three spans and its first span per sector."""
    firsts: dict[tuple[str, str], Span] = {}
    for region in facts.regions:
        firsts.setdefault(("region", region.region_id), region.span)
    for org in facts.orgs:
        firsts.setdefault(("org", org.key), org.span)
    for official in facts.officials:
        firsts.setdefault(("person", official.name), official.span)
    for official in facts.officials:
        if official.org is not None:
            firsts.setdefault(("org", official.org.key), official.org.span)
    spans = list(firsts.values())
    for agreement in facts.agreements:
        spans += agreement.spans[:3]
        spans += [stage.span for stage in agreement.stages]
        spans += {sid: span for sid, span in reversed(agreement.sectors)}.values()
    return list(dict.fromkeys(spans))


def evidence_fragments(facts: Facts) -> Facts:
    """`facts` with `evidence_ttl` set: the Turtle of the evidence node of every
    candidate span, so that a build only copies the ones it cites."""
    t = _Terms()
    doc = facts.document
    article = t.iri(resource("article", _PLACEHOLDER))
    prefix = resource("evidence", _PLACEHOLDER)
    spans = candidate_spans(facts)
    nodes = [_evidence_triples(t, t.iri(prefix + _evidence_suffix(span)), article,
                               Evidence(doc, span)) for span in spans]
    texts = _turtle_per_subject(nodes)
    fragment = {(span.start, span.end): (text, len(triples))
                for span, triples, text in zip(spans, nodes, texts, strict=True)}
    blob = zlib.compress(pickle.dumps(fragment, protocol=5), 1)
    return dataclasses.replace(facts, evidence_ttl=blob)


def _read_fragment(blob: bytes) -> dict[tuple[int, int], tuple[bytes, int]]:
    fragment = pickle.loads(zlib.decompress(blob))
    return fragment if isinstance(fragment, dict) else {}


def _turtle_per_subject(nodes: list[list[ox.Triple]]) -> list[bytes]:
    """The Turtle of each node (a list of triples of one subject, subjects distinct),
    from one call of the writer: its output is cut where each subject starts a line.
    Should a writer ever lay statements out otherwise, each node is written alone."""
    if not nodes:
        return []
    data = _turtle(t for triples in nodes for t in triples)
    starts = [f"{triples[0].subject} ".encode() for triples in nodes]  # "<iri> "
    cuts, at = [], 0
    for start in starts:
        at = data.find(start, at)
        if at < 0 or (at > 0 and data[at - 1:at] != b"\n"):
            return [_turtle(triples) for triples in nodes]
        cuts.append(at)
    cuts.append(len(data))
    return [data[a:b] for a, b in itertools.pairwise(cuts)]


def _turtle(triples: Iterable[ox.Triple]) -> bytes:
    """Turtle statements without the @prefix lines (graph.ttl declares them on top)."""
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_FRAGMENT_PREFIXES)
    lines = (data or b"").splitlines(keepends=True)
    return b"".join(line for line in lines if not line.startswith(b"@prefix "))


class _Nodes(dict[str, ox.NamedNode]):
    """IRI nodes by corpus key (article id, region id, org key), each made once."""

    def __init__(self, make: Callable[[str], ox.NamedNode]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> ox.NamedNode:
        node = self[key] = self.make(key)
        return node


class _Builder:
    """Emits the triples of one node at a time: `self.out` gathers the current node's
    triples and those of the evidence it points to, and `flush` hands them on."""

    def __init__(self, corpus: Corpus, use_fragments: bool = False,
                 terms: _Terms | None = None) -> None:
        self.c = corpus
        self.gaz = gazetteer()
        self.t = terms or _Terms()
        self.out: list[ox.Triple] = []
        self.pending: list[ox.Triple] = []  # evidence nodes of the current subject
        # the evidence nodes written, by article: their spans, as start << 32 | end (a
        # set of ints costs a third of the IRIs' memory: a million of them at 100k articles)
        self.evidence_seen: dict[str, set[int]] = {}
        # nodes by corpus key: their IRIs are met again and again
        t = self.t
        self.articles = _Nodes(lambda article_id: t.iri(article_iri(article_id)))
        self.regions = _Nodes(lambda region_id: t.iri(region_iri(region_id)))
        self.orgs = _Nodes(lambda key: t.iri(org_iri(key)))
        i = self.t.iri
        self.type, self.label, self.pref, self.alt = (
            i(str(RDF.type)), i(str(RDFS.label)), i(str(SKOS.prefLabel)), i(str(SKOS.altLabel)))
        self.mentioned_in, self.has_evidence = i(_KG + "mentionedIn"), i(_KG + "evidence")
        self.evidence_prefix: dict[str, str] = {}  # article id -> IRI of its evidence
        # evidence written from the articles' fragments (Facts.evidence_ttl), by article
        self.use_fragments = use_fragments
        self.cited: dict[str, list[Evidence]] = {}

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal) -> None:
        self.out.append(ox.Triple(s, p, o))

    def flush(self) -> list[ox.Triple]:
        """The triples emitted since the last flush, the evidence nodes last."""
        out = self.out
        out.extend(self.pending)
        self.out, self.pending = [], []
        return out

    def evidence(self, node: ox.NamedNode, ev: Evidence) -> None:
        # the hottest code of a build (one call per cited span): terms made by hand
        aid = ev.article_id
        prefix = self.evidence_prefix.get(aid)
        if prefix is None:  # resource() percent-encodes; the rest of the name is safe
            prefix = self.evidence_prefix[aid] = resource("evidence", aid)
        span = ev.span
        iri = prefix + _evidence_suffix(span)
        e = self.new_iri(iri)
        self.add(node, self.has_evidence, e)
        seen = self.evidence_seen.get(aid)
        if seen is None:
            seen = self.evidence_seen[aid] = set()
        at = span.start << 32 | span.end
        if at in seen:
            return
        seen.add(at)
        if self.use_fragments and aid in self.c.evidence_ttl:
            self.cite(aid, iri, ev)  # written from the fragment
        else:
            self.pending += self.evidence_node(e, aid, ev)

    def cite(self, aid: str, iri: str, ev: Evidence) -> None:
        self.cited.setdefault(aid, []).append(ev)

    new_iri = staticmethod(ox.NamedNode)  # an IRI met once: not worth a memo

    def evidence_node(self, e: ox.NamedNode, aid: str, ev: Evidence) -> list[ox.Triple]:
        return _evidence_triples(self.t, e, self.articles[aid], ev)

    def fragments(self) -> Iterator[tuple[bytes, int]]:
        """The Turtle of the evidence nodes cited from pre-written fragments, with their
        number of triples; an evidence missing from its fragment is written here."""
        for aid, cited in self.cited.items():
            article_id = quote(aid, safe="-._~").encode()
            fragment = _read_fragment(self.c.evidence_ttl[aid])
            for ev in cited:
                found = fragment.get((ev.span.start, ev.span.end))
                if found is None:  # not a candidate_spans span: cannot happen, but be safe
                    e = self.t.iri(resource("evidence", aid) + _evidence_suffix(ev.span))
                    triples = _evidence_triples(self.t, e, self.articles[aid], ev)
                    yield _turtle(triples), len(triples)
                else:
                    text, count = found
                    yield text.replace(_PLACEHOLDER_BYTES, article_id), count

    def provenance(self, node: ox.NamedNode, articles: Iterable[str],
                   evidence: Iterable[Evidence], per_article: int = 1) -> None:
        """kg:mentionedIn every article, and the first `per_article` text positions in each
        (a region named forty times in one article needs one pointer into it, not forty)."""
        for aid in articles:
            self.add(node, self.mentioned_in, self.articles[aid])
        taken: dict[str, int] = {}
        for ev in evidence:
            if taken.get(ev.article_id, 0) < per_article:
                taken[ev.article_id] = taken.get(ev.article_id, 0) + 1
                self.evidence(node, ev)

    # ------------------------------------------------------------ nodes
    def article(self, doc: Document) -> None:
        a = self.articles[doc.article.article_id]
        art, t = doc.article, self.t
        self.add(a, self.type, t.kg("Article"))
        self.add(a, t.kg("fileName"), t.text(art.file_name))
        self.add(a, t.kg("contentHash"), t.text(art.sha256))
        self.add(a, self.label, t.text(doc.title or art.file_name))
        if doc.title:
            self.add(a, t.iri(_DC_TITLE), t.text(doc.title))
        if doc.outlet:
            self.add(a, t.kg("outlet"), t.text(doc.outlet))
        if doc.date:
            self.add(a, t.iri(_DC_DATE), t.date(doc.date[:10]))
        if art.url:
            self.add(a, t.iri(_SCHEMA_URL), t.typed(art.url, _XSD_ANYURI))
        if doc.dateline_place:
            self.add(a, t.kg("datelineText"), t.text(doc.dateline_place))
            place = self._dateline_region(doc.dateline_place)
            if place:
                self.add(a, t.kg("datelinePlace"), self.regions[place])

    def party_node(self, p: Party) -> ox.NamedNode:
        return self.regions[p.key] if p.kind == "region" else self.orgs[p.key]

    def region(self, node: RegionNode) -> None:
        r, t = self.gaz.get(node.region_id), self.t
        iri = self.regions[node.region_id]
        self.add(iri, self.type, t.kg(r.cls))
        self.add(iri, self.label, t.text(r.name, "id"))
        self.add(iri, self.pref, t.text(r.name, "id"))
        if r.name_en and r.name_en != r.name:
            self.add(iri, self.pref, t.text(r.name_en, "en"))
        alts = {s for s in node.surfaces if s and s != r.name} | {
            a for a in r.aliases if a and a != r.name}
        for alt in sorted(alts):
            self.add(iri, self.alt, t.text(alt))
        if r.iso:
            self.add(iri, t.kg("isoCode"), t.text(r.iso))
        if r.code:
            self.add(iri, t.kg("regionCode"), t.text(r.code))
        if r.geonames:
            self.add(iri, t.kg("geonamesId"), t.text(str(r.geonames)))
            self.add(iri, t.iri(_SCHEMA_SAMEAS), t.iri(GEONAMES[f"{r.geonames}/"]))
        if node.parent:
            self.add(iri, t.kg("locatedIn"), self.regions[node.parent])
        self.provenance(iri, node.articles, node.evidence)

    def org(self, node: OrgNode) -> None:
        t = self.t
        iri = self.orgs[node.key]
        self.add(iri, self.type, t.kg("Organization"))
        cls = _ORG_CLASS.get(node.kind)
        if cls is not None:
            self.add(iri, self.type, t.iri(cls))
        label = node.name
        if node.region_id and node.region_id in self.c.regions:
            region_name = self.gaz.get(node.region_id).name
            if region_name.casefold() not in label.casefold():
                label = f"{label} {region_name}"
            self.add(iri, t.kg("region"), self.regions[node.region_id])
        self.add(iri, self.label, t.text(label))
        self.add(iri, self.pref, t.text(label))
        for alt in sorted({*node.acronyms, *node.surfaces} - {label}):
            self.add(iri, self.alt, t.text(alt))
        self.provenance(iri, node.articles, node.evidence)

    def official(self, node: OfficialNode) -> None:
        t = self.t
        iri = t.iri(official_iri(node.key))
        self.add(iri, self.type, t.kg("Official"))
        self.add(iri, self.label, t.text(node.name))
        self.add(iri, self.pref, t.text(node.name))
        for alias in node.aliases:
            self.add(iri, self.alt, t.text(alias))
        for pos in node.positions:
            self.add(iri, t.kg("position"), t.text(pos))
        for rid in node.represents:
            if rid in self.c.regions:
                self.add(iri, t.kg("represents"), self.regions[rid])
        for key in node.member_of:
            if key in self.c.orgs:
                self.add(iri, t.kg("memberOf"), self.orgs[key])
        for key in node.represents_orgs:
            if key in self.c.orgs:
                self.add(iri, t.kg("represents"), self.orgs[key])
        self.provenance(iri, node.articles, node.evidence)

    def agreement(self, node: AgreementNode) -> list[ox.Triple]:
        """The agreement's triples; its stages' come back separately (other subjects)."""
        t = self.t
        iri_text = agreement_iri(node.key)
        iri = t.iri(iri_text)
        self.add(iri, self.type, t.kg("Agreement"))
        names = []
        for p in node.parties:
            self.add(iri, t.kg("party"), self.party_node(p))
            names.append(self._party_name(p))
        self.add(iri, self.label, t.text(f"Kerja sama {names[0]} – {names[1]}", "id"))
        self.add(iri, self.label, t.text(f"Cooperation {names[0]} – {names[1]}", "en"))
        for sid in node.sectors:
            self.add(iri, t.kg("sector"), t.iri(KGS[sid]))
        best_kind = "cooperation"
        best_status = "reported"
        dates = []
        kinds: dict[str, None] = {}
        stages: list[ox.Triple] = []
        for n, st in enumerate(_distinct_stages(node.stages)):
            s = t.iri(f"{iri_text}/stage-{n + 1}")
            self.add(iri, t.kg("hasStage"), s)
            outer, self.out = self.out, stages  # the stage is a subject of its own
            self.add(s, self.type, t.kg("AgreementStage"))
            self.add(s, t.kg("stageKind"), t.iri(AGREEMENT_KIND_CLASS[st.kind]))
            self.add(s, t.kg("status"), t.text(st.status))
            if st.date:
                self.add(s, t.kg("date"), t.date(st.date))
                dates.append(st.date)
            self.add(s, self.mentioned_in, self.articles[st.article_id])
            self.evidence(s, st.evidence)
            self.out = outer
            if _KIND_ORDER[st.kind] > _KIND_ORDER[best_kind]:
                best_kind = st.kind
            if _STATUS_ORDER[st.status] > _STATUS_ORDER[best_status]:
                best_status = st.status
            if st.kind != "cooperation":
                kinds[st.kind] = None
        for kind in kinds:
            self.add(iri, self.type, t.iri(AGREEMENT_KIND_CLASS[kind]))
        self.add(iri, t.kg("kind"), t.iri(AGREEMENT_KIND_CLASS[best_kind]))
        self.add(iri, t.kg("status"), t.text(best_status))
        if dates:
            self.add(iri, t.kg("date"), t.date(max(dates)))
        first_per_sector: dict[tuple[str, str], Evidence] = {}
        for sid, ev in node.sector_evidence:
            first_per_sector.setdefault((sid, ev.article_id), ev)
        for ev in first_per_sector.values():
            self.evidence(iri, ev)  # where the scope named each sector
        self.provenance(iri, node.articles, node.evidence, per_article=3)
        return stages

    def _party_name(self, p: Party) -> str:
        if p.kind == "region":
            return self.gaz.get(p.key).name
        org = self.c.orgs.get(p.key)
        return org.name if org else p.key.split("|")[0]

    def sector(self, sid: str) -> None:
        s = lexicon().sectors.get(sid)
        if s is None:
            return
        t = self.t
        iri = t.iri(KGS[sid])
        self.add(iri, self.type, t.kg("Sector"))
        self.add(iri, self.type, t.iri(_SKOS_CONCEPT))
        self.add(iri, t.iri(_SKOS_INSCHEME), t.iri(_KGS_SCHEME))
        self.add(iri, self.label, t.text(s.label_id, "id"))
        self.add(iri, self.pref, t.text(s.label_id, "id"))
        self.add(iri, self.pref, t.text(s.label_en, "en"))
        for alt in s.alt_labels:
            self.add(iri, self.alt, t.text(alt, "id"))
        for aid in self.c.sectors[sid]:
            self.add(iri, self.mentioned_in, self.articles[aid])

    def triples(self) -> Iterator[list[ox.Triple]]:
        """The graph in batches: one node (and the evidence it cites) per batch."""
        for doc in self.c.documents:
            self.article(doc)
            yield self.flush()
        for region in self.c.regions.values():
            self.region(region)
            yield self.flush()
        for org in self.c.orgs.values():
            self.org(org)
            yield self.flush()
        for official in self.c.officials.values():
            self.official(official)
            yield self.flush()
        for agreement in self.c.agreements.values():
            stages = self.agreement(agreement)
            yield self.flush()
            yield stages
        for sid in sorted(self.c.sectors):
            self.sector(sid)
            yield self.flush()

    def _dateline_region(self, place: str) -> str | None:
        for cand in self.gaz.lookup(norm(place)):
            if cand.region_id in self.c.regions:
                return cand.region_id
        return None


def _distinct_stages(stages: Iterable[StageNode]) -> list[StageNode]:
    """One stage per (article, kind, status, date); an unspecified "cooperation" stage only
    where its article reports no more specific kind of this agreement."""
    stages = list(stages)
    specific = {st.article_id for st in stages if st.kind != "cooperation"}
    seen: set[tuple[str, str, str, str | None]] = set()
    out = []
    for st in stages:
        key = (st.article_id, st.kind, st.status, st.date)
        if key in seen or (st.kind == "cooperation" and st.article_id in specific):
            continue
        seen.add(key)
        out.append(st)
    return out


# --------------------------------------------------------- the page's rows
class _RowTerms(_Terms):
    """Terms as the page's tables keep them (viz.TripleTables): an IRI is its string, a
    literal its (lexical form, language) pair, language "" when it has none."""

    def iri(self, value: str) -> Any:
        return value if value.__class__ is str else str(value)  # not rdflib's URIRef

    def text(self, value: str, lang: str | None = None) -> Any:
        return (value if value.isascii() else _storable(value)), lang or ""

    def typed(self, value: str, datatype: str) -> Any:
        return _storable(value), ""


class _RowBuilder(_Builder):
    """The builder with (subject, predicate, object, language) rows of plain strings for
    triples (language None for an IRI object): what the page reads, made without
    Oxigraph terms, about twice as fast."""

    def __init__(self, corpus: Corpus, use_fragments: bool = False,
                 overview: bool = False) -> None:
        self.t = _RowTerms()
        super().__init__(corpus, use_fragments, self.t)
        self.cited_iris: dict[str, list[str]] = {}
        # for an overview page: nothing of the bodies and officials it does not draw
        # but what it shows of them (see viz.TripleTables.from_file, overview_only)
        self.overview = overview
        self._quiet = False
        self._unshown = {self.alt, self.t.kg("position")}

    def org(self, node: OrgNode) -> None:
        self._quiet = self.overview
        super().org(node)
        self._quiet = False

    def official(self, node: OfficialNode) -> None:
        self._quiet = self.overview
        super().official(node)
        self._quiet = False

    def provenance(self, node: Any, articles: Iterable[str], evidence: Iterable[Evidence],
                   per_article: int = 1) -> None:
        if not self._quiet:
            super().provenance(node, articles, evidence, per_article)

    def add(self, s: Any, p: Any, o: Any) -> None:
        if self._quiet and p in self._unshown:
            return
        row = (s, p, o, None) if o.__class__ is str else (s, p, o[0], o[1])
        self.out.append(row)  # type: ignore[arg-type]

    new_iri = staticmethod(str)  # type: ignore[assignment]

    def cite(self, aid: str, iri: str, ev: Evidence) -> None:
        super().cite(aid, iri, ev)
        self.cited_iris.setdefault(aid, []).append(iri)  # for fragment_rows

    def evidence_node(self, e: Any, aid: str, ev: Evidence) -> Any:
        return evidence_rows(e, article_iri(aid), ev)


def iter_batches(corpus: Corpus, with_ontology: bool = True
                 ) -> Iterator[Sequence[ox.Triple]]:
    """The instance graph, a subject (and the evidence it cites) at a time, then the
    ontology (so that terms resolve inside the file)."""
    yield from GraphParts(corpus, with_ontology, use_fragments=False).batches()


class GraphParts:
    """The graph of a build in two parts, to be written one after the other: triples,
    built here, subject by subject (then the ontology); and the Turtle of the evidence
    nodes the triples cite, copied from the articles' fragments (`evidence_fragments`,
    made in the extraction workers: about two thirds of a graph's triples)."""

    def __init__(self, corpus: Corpus, with_ontology: bool = True,
                 use_fragments: bool = True, builder: _Builder | None = None) -> None:
        self._builder = builder or _Builder(corpus, use_fragments)
        self._with_ontology = with_ontology

    def batches(self) -> Iterator[Sequence[ox.Triple]]:
        yield from self._builder.triples()
        if self._with_ontology:
            yield ontology_triples()

    @classmethod
    def rows(cls, corpus: Corpus, overview: bool = False) -> GraphParts:
        """The same parts, with `batches` of (subject, predicate, object, language) rows
        as `fragment_rows` gives them: the page's tables, without making the triples.
        `overview`: without what an overview page does not show of organisations and
        officials (their mentions, evidence, other names and positions)."""
        return cls(corpus, builder=_RowBuilder(corpus, use_fragments=True, overview=overview))

    def row_batches(self) -> Iterator[Sequence[tuple[str, str, str, str | None]]]:
        """`batches` of a `rows` GraphParts."""
        assert isinstance(self._builder, _RowBuilder)
        yield from self._builder.triples()  # type: ignore[misc]
        if self._with_ontology:
            yield ontology_rows()

    def fragments(self) -> Iterator[tuple[bytes, int]]:
        """(Turtle, number of triples) of each evidence node cited; after `batches`."""
        return self._builder.fragments()

    def fragment_rows(self) -> Iterator[tuple[str, str, str, str | None]]:
        """The triples of `fragments` as (subject, predicate, object, language) strings:
        language None for an IRI, "" for a literal without one; of a `rows` GraphParts."""
        builder = self._builder
        assert isinstance(builder, _RowBuilder)
        for aid, cited in builder.cited.items():
            article = article_iri(aid)
            for iri, ev in zip(builder.cited_iris[aid], cited, strict=True):
                yield from evidence_rows(iri, article, ev)


def iter_triples(corpus: Corpus, with_ontology: bool = True) -> Iterator[ox.Triple]:
    """The graph, triple by triple, subject by subject."""
    for batch in iter_batches(corpus, with_ontology):
        yield from batch


def to_rdf(corpus: Corpus, with_ontology: bool = True) -> Graph:
    """The graph as an rdflib Graph (the library API; builds use `iter_triples`)."""
    g = new_graph()
    g.addN(to_rdflib_quads(iter_triples(corpus, with_ontology), g))
    return g


@lru_cache(maxsize=1)
def ontology_triples() -> tuple[ox.Triple, ...]:
    """ontology/kgraph.ttl, plus the sector scheme itself: without its concepts' trigger
    words and without typing unused sectors (a graph lists only the sectors it uses)."""
    path = ontology_dir() / "kgraph.ttl"
    labels: dict[ox.BlankNode, ox.BlankNode] = {}

    def stable(term):  # the parser names blank nodes at random: number them in order
        if isinstance(term, ox.BlankNode):
            return labels.setdefault(term, ox.BlankNode(f"onto{len(labels) + 1}"))
        return term

    triples = [ox.Triple(stable(q.subject), q.predicate, stable(q.object))
               for q in ox.parse(path=path, format=ox.RdfFormat.TURTLE)]
    scheme, label = ox.NamedNode(KGS.scheme), ox.NamedNode(RDFS.label)
    triples += [ox.Triple(scheme, ox.NamedNode(RDF.type), ox.NamedNode(SKOS.ConceptScheme)),
                ox.Triple(scheme, label, ox.Literal("Sektor kerja sama", language="id")),
                ox.Triple(scheme, label, ox.Literal("Sectors of cooperation", language="en"))]
    return tuple(triples)


@lru_cache(maxsize=1)
def ontology_rows() -> tuple[tuple[str, str, str, str | None], ...]:
    """`ontology_triples` as (subject, predicate, object, language) rows."""
    rows = []
    for t in ontology_triples():
        s, o = t.subject, t.object
        assert not isinstance(s, ox.Triple) and not isinstance(o, ox.Triple)  # no RDF-star
        lang = (o.language or "") if isinstance(o, ox.Literal) else None
        rows.append((s.value, t.predicate.value, o.value, lang))
    return tuple(rows)


def ontology_graph() -> Graph:
    g = new_graph()
    g.addN(to_rdflib_quads(ontology_triples(), g))
    return g


_XSD_STRING = str(XSD.string)
_RDF_LANG_STRING = str(RDF.langString)


def to_rdflib_quads(triples: Iterable[ox.Triple], graph: Graph
                    ) -> Iterator[tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal, Graph]]:
    """Oxigraph triples as rdflib quads into `graph` (for Graph.addN)."""
    iris: dict[str, URIRef] = {}

    def term(node: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
             ) -> URIRef | BNode | Literal:
        if isinstance(node, ox.NamedNode):
            ref = iris.get(node.value)
            if ref is None:
                ref = iris[node.value] = URIRef(node.value)
            return ref
        if isinstance(node, ox.BlankNode):
            return BNode(node.value)
        if isinstance(node, ox.Triple):  # RDF-star: kgraph never writes one
            raise TypeError("quoted triples are not supported")
        if node.language:
            return Literal(node.value, lang=node.language)
        datatype = node.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANG_STRING):
            return Literal(node.value)
        return Literal(node.value, datatype=term(node.datatype))

    for t in triples:
        yield term(t.subject), term(t.predicate), term(t.object), graph  # type: ignore[misc]
