"""RDF building: `to_rdf(corpus) -> rdflib.Graph`.

Every extracted node links to the articles it was read in (kg:mentionedIn) and to
text positions (kg:evidence -> kg:Evidence, a W3C Web Annotation
TextPositionSelector with oa:start/oa:end into the article text).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from .gazetteer import gazetteer
from .lexicon import lexicon, ontology_dir
from .model import Document, Party
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
_XSD_FOR_DATE = ((re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
                 (re.compile(r"^\d{4}-\d{2}$"), XSD.gYearMonth),
                 (re.compile(r"^\d{4}$"), XSD.gYear))


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


def article_iri(doc_or_id: Document | str) -> URIRef:
    aid = doc_or_id if isinstance(doc_or_id, str) else doc_or_id.article.article_id
    return URIRef(resource("article", aid))


def region_iri(region_id: str) -> URIRef:
    kind, _, local = region_id.partition("/")
    return URIRef(resource(kind, local))


def org_iri(key: str) -> URIRef:
    return URIRef(resource("org", slug(key.replace("|", " "), 120)))


def official_iri(key: str) -> URIRef:
    return URIRef(resource("person", slug(key)))


def agreement_iri(key: str) -> URIRef:
    return URIRef(resource("agreement", slug(key.replace("|", " "), 160)))


def party_iri(p: Party) -> URIRef:
    return region_iri(p.key) if p.kind == "region" else org_iri(p.key)


def _date_literal(value: str) -> Literal:
    for pattern, dtype in _XSD_FOR_DATE:
        if pattern.match(value):
            return Literal(value, datatype=dtype)
    return Literal(value)


class _Builder:
    def __init__(self, corpus: Corpus) -> None:
        self.c = corpus
        self.g = new_graph()
        self.gaz = gazetteer()
        self.docs = {d.article.article_id: d for d in corpus.documents}

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def evidence(self, node: URIRef, ev: Evidence) -> None:
        digest = hashlib.sha1(f"{ev.span.start}:{ev.span.end}".encode()).hexdigest()[:8]
        e = URIRef(resource("evidence", f"{ev.article_id}-{ev.span.start}-{ev.span.end}-"
                                        f"{digest}"))
        self.add(node, KG.evidence, e)
        if (e, RDF.type, KG.Evidence) in self.g:
            return
        self.add(e, RDF.type, KG.Evidence)  # a oa:TextPositionSelector by the ontology
        self.add(e, KG.inArticle, article_iri(ev.article_id))
        self.add(e, OA.start, Literal(ev.span.start, datatype=XSD.nonNegativeInteger))
        self.add(e, OA.end, Literal(ev.span.end, datatype=XSD.nonNegativeInteger))
        if ev.quote:
            self.add(e, KG.quote, Literal(ev.quote))
        if ev.sentence:
            self.add(e, KG.sentence, Literal(ev.sentence))

    def provenance(self, node: URIRef, articles: Iterable[str], evidence: Iterable[Evidence],
                   per_article: int = 1) -> None:
        """kg:mentionedIn every article, and the first `per_article` text positions in each
        (a region named forty times in one article needs one pointer into it, not forty)."""
        for aid in articles:
            self.add(node, KG.mentionedIn, article_iri(aid))
        taken: dict[str, int] = {}
        for ev in evidence:
            if taken.get(ev.article_id, 0) < per_article:
                taken[ev.article_id] = taken.get(ev.article_id, 0) + 1
                self.evidence(node, ev)

    # ------------------------------------------------------------ nodes
    def article(self, doc: Document) -> None:
        a = article_iri(doc)
        art = doc.article
        self.add(a, RDF.type, KG.Article)
        self.add(a, KG.fileName, Literal(art.file_name))
        self.add(a, KG.contentHash, Literal(art.sha256))
        label = doc.title or art.file_name
        self.add(a, RDFS.label, Literal(label))
        if doc.title:
            self.add(a, DCTERMS.title, Literal(doc.title))
        if doc.outlet:
            self.add(a, KG.outlet, Literal(doc.outlet))
        if doc.date:
            self.add(a, DCTERMS.date, _date_literal(doc.date[:10]))
        if art.url:
            self.add(a, SCHEMA.url, Literal(art.url, datatype=XSD.anyURI))
        if doc.dateline_place:
            self.add(a, KG.datelineText, Literal(doc.dateline_place))

    def region(self, node: RegionNode) -> None:
        r = self.gaz.get(node.region_id)
        iri = region_iri(node.region_id)
        self.add(iri, RDF.type, KG[r.cls])
        self.add(iri, RDFS.label, Literal(r.name, lang="id"))
        self.add(iri, SKOS.prefLabel, Literal(r.name, lang="id"))
        if r.name_en and r.name_en != r.name:
            self.add(iri, SKOS.prefLabel, Literal(r.name_en, lang="en"))
        alts = {s for s in node.surfaces if s and s != r.name} | {
            a for a in r.aliases if a and a != r.name}
        for alt in sorted(alts):
            self.add(iri, SKOS.altLabel, Literal(alt))
        if r.iso:
            self.add(iri, KG.isoCode, Literal(r.iso))
        if r.code:
            self.add(iri, KG.regionCode, Literal(r.code))
        if r.geonames:
            self.add(iri, KG.geonamesId, Literal(str(r.geonames)))
            self.add(iri, SCHEMA.sameAs, GEONAMES[f"{r.geonames}/"])
        if node.parent:
            self.add(iri, KG.locatedIn, region_iri(node.parent))
        self.provenance(iri, node.articles, node.evidence)

    def org(self, node: OrgNode) -> None:
        iri = org_iri(node.key)
        self.add(iri, RDF.type, KG.Organization)
        cls = _ORG_CLASS.get(node.kind)
        if cls is not None:
            self.add(iri, RDF.type, cls)
        label = node.name
        if node.region_id and node.region_id in self.c.regions:
            region_name = self.gaz.get(node.region_id).name
            if region_name.casefold() not in label.casefold():
                label = f"{label} {region_name}"
            self.add(iri, KG.region, region_iri(node.region_id))
        self.add(iri, RDFS.label, Literal(label))
        self.add(iri, SKOS.prefLabel, Literal(label))
        for alt in sorted({*node.acronyms, *node.surfaces} - {label}):
            self.add(iri, SKOS.altLabel, Literal(alt))
        self.provenance(iri, node.articles, node.evidence)

    def official(self, node: OfficialNode) -> None:
        iri = official_iri(node.key)
        self.add(iri, RDF.type, KG.Official)
        self.add(iri, RDFS.label, Literal(node.name))
        self.add(iri, SKOS.prefLabel, Literal(node.name))
        for alias in node.aliases:
            self.add(iri, SKOS.altLabel, Literal(alias))
        for pos in node.positions:
            self.add(iri, KG.position, Literal(pos))
        for rid in node.represents:
            if rid in self.c.regions:
                self.add(iri, KG.represents, region_iri(rid))
        for key in node.member_of:
            if key in self.c.orgs:
                self.add(iri, KG.memberOf, org_iri(key))
        self.provenance(iri, node.articles, node.evidence)

    def agreement(self, node: AgreementNode) -> None:
        iri = agreement_iri(node.key)
        self.add(iri, RDF.type, KG.Agreement)
        names = []
        for p in node.parties:
            piri = party_iri(p)
            self.add(iri, KG.party, piri)
            names.append(self._party_name(p))
        self.add(iri, RDFS.label, Literal(f"Kerja sama {names[0]} – {names[1]}", lang="id"))
        self.add(iri, RDFS.label, Literal(f"Cooperation {names[0]} – {names[1]}", lang="en"))
        for sid in node.sectors:
            self.add(iri, KG.sector, KGS[sid])
        best_kind = "cooperation"
        best_status = "reported"
        dates = []
        for n, st in enumerate(_distinct_stages(node.stages)):
            s = URIRef(str(iri) + f"/stage-{n + 1}")
            self.add(iri, KG.hasStage, s)
            self.add(s, RDF.type, KG.AgreementStage)
            self.add(s, KG.stageKind, AGREEMENT_KIND_CLASS[st.kind])
            self.add(s, KG.status, Literal(st.status))
            if st.date:
                self.add(s, KG.date, _date_literal(st.date))
                dates.append(st.date)
            self.add(s, KG.mentionedIn, article_iri(st.article_id))
            self.evidence(s, st.evidence)
            if _KIND_ORDER[st.kind] > _KIND_ORDER[best_kind]:
                best_kind = st.kind
            if _STATUS_ORDER[st.status] > _STATUS_ORDER[best_status]:
                best_status = st.status
            if st.kind != "cooperation":
                self.add(iri, RDF.type, AGREEMENT_KIND_CLASS[st.kind])
        self.add(iri, KG.kind, AGREEMENT_KIND_CLASS[best_kind])
        self.add(iri, KG.status, Literal(best_status))
        if dates:
            self.add(iri, KG.date, _date_literal(max(dates)))
        first_per_sector: dict[tuple[str, str], Evidence] = {}
        for sid, ev in node.sector_evidence:
            first_per_sector.setdefault((sid, ev.article_id), ev)
        for ev in first_per_sector.values():
            self.evidence(iri, ev)  # where the scope named each sector
        self.provenance(iri, node.articles, node.evidence, per_article=3)

    def _party_name(self, p: Party) -> str:
        if p.kind == "region":
            return self.gaz.get(p.key).name
        org = self.c.orgs.get(p.key)
        return org.name if org else p.key.split("|")[0]

    def sectors(self) -> None:
        lex = lexicon()
        for sid in sorted(self.c.sectors):
            s = lex.sectors.get(sid)
            if s is None:
                continue
            iri = KGS[sid]
            self.add(iri, RDF.type, KG.Sector)
            self.add(iri, RDF.type, SKOS.Concept)
            self.add(iri, SKOS.inScheme, KGS.scheme)
            self.add(iri, RDFS.label, Literal(s.label_id, lang="id"))
            self.add(iri, SKOS.prefLabel, Literal(s.label_id, lang="id"))
            self.add(iri, SKOS.prefLabel, Literal(s.label_en, lang="en"))
            for alt in s.alt_labels:
                self.add(iri, SKOS.altLabel, Literal(alt, lang="id"))
            for aid in self.c.sectors[sid]:
                self.add(iri, KG.mentionedIn, article_iri(aid))

    def build(self) -> Graph:
        for doc in self.c.documents:
            self.article(doc)
            if doc.dateline_place:
                place = self._dateline_region(doc)
                if place:
                    self.add(article_iri(doc), KG.datelinePlace, region_iri(place))
        for node in self.c.regions.values():
            self.region(node)
        for o in self.c.orgs.values():
            self.org(o)
        for off in self.c.officials.values():
            self.official(off)
        for a in self.c.agreements.values():
            self.agreement(a)
        self.sectors()
        return self.g

    def _dateline_region(self, doc: Document) -> str | None:
        from .gazetteer import norm

        for cand in self.gaz.lookup(norm(doc.dateline_place or "")):
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


def to_rdf(corpus: Corpus, with_ontology: bool = True) -> Graph:
    """The instance graph, plus the ontology (so that terms resolve inside the file)."""
    g = _Builder(corpus).build()
    if with_ontology:
        g += ontology_graph()
    return g


def ontology_graph() -> Graph:
    g = new_graph()
    g.parse(ontology_dir() / "kgraph.ttl", format="turtle")
    # the scheme itself, without its concepts' trigger words and without typing
    # unused sectors (a graph lists only the sectors it uses)
    g.add((KGS.scheme, RDF.type, SKOS.ConceptScheme))
    g.add((KGS.scheme, RDFS.label, Literal("Sektor kerja sama", lang="id")))
    g.add((KGS.scheme, RDFS.label, Literal("Sectors of cooperation", lang="en")))
    return g


__all__ = ["OWL", "BNode", "new_graph", "ontology_graph", "to_rdf"]
