"""Entity resolution across articles: `resolve(facts) -> Corpus`.

One real-world thing is one node: regions by gazetteer id; organisations by
acronym or name within their region; officials by name, with constrained fuzzy
matching (every token alike, or one name a shorter form of the other);
agreements by their pair of parties.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio

from .gazetteer import gazetteer, norm
from .lexicon import lexicon
from .model import AgreementStage, Document, Facts, OrgRef, Party, Span


class Evidence(NamedTuple):
    """Where a node was read: a span of an article. Its quote and sentence are taken from
    the document when asked for (a large corpus has millions of spans, and the graph
    cites only some)."""

    document: Document
    span: Span

    @property
    def article_id(self) -> str:
        return self.document.article.article_id

    @property
    def sentence(self) -> str:
        if self.span.sentence < 0:  # the dateline
            return self.document.dateline_place or ""
        return self.document.sentences[self.span.sentence].text

    @property
    def quote(self) -> str:
        doc, span = self.document, self.span
        if span.sentence < 0:
            return ""
        if doc.content:
            return doc.content[span.start:span.end]
        # slimmed Facts (pipeline.slim): the text is kept in the sentences cited only
        sentence = doc.sentences[span.sentence]
        return sentence.text[span.start - sentence.start:span.end - sentence.start]


@dataclass(frozen=True, slots=True)
class RegionNode:
    region_id: str
    surfaces: tuple[str, ...]
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    parent: str | None  # nearest ancestor that is in the graph
    mentioned: bool


@dataclass(frozen=True, slots=True)
class OrgNode:
    key: str
    name: str
    kind: str
    region_id: str | None
    acronyms: tuple[str, ...]
    surfaces: tuple[str, ...]
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class OfficialNode:
    key: str
    name: str
    aliases: tuple[str, ...]
    positions: tuple[str, ...]
    represents: tuple[str, ...]  # region ids
    member_of: tuple[str, ...]  # org keys
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    represents_orgs: tuple[str, ...] = ()  # org keys: the non-government body they head


@dataclass(frozen=True, slots=True)
class StageNode:
    kind: str
    status: str
    date: str | None
    article_id: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class AgreementNode:
    key: str
    parties: tuple[Party, Party]
    stages: tuple[StageNode, ...]
    sectors: tuple[str, ...]
    sector_evidence: tuple[tuple[str, Evidence], ...]
    articles: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Corpus:
    documents: tuple[Document, ...]
    regions: dict[str, RegionNode]
    orgs: dict[str, OrgNode]
    officials: dict[str, OfficialNode]
    agreements: dict[str, AgreementNode]
    sectors: dict[str, tuple[str, ...]]  # sector id -> articles
    evidence_ttl: dict[str, bytes] = field(default_factory=dict)  # article id -> Facts'


# Kinds of organisations whose heads represent the body itself (CONTRACT: an official
# represents the region whose government they serve, or else their organisation).
_BODIES = frozenset({"universitas", "perusahaan", "asosiasi", "bumn", "bumd"})


@dataclass
class _Acc:
    surfaces: dict[str, None] = field(default_factory=dict)
    articles: dict[str, None] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)


def resolve(all_facts: Iterable[Facts]) -> Corpus:
    facts = list(all_facts)
    gaz = gazetteer()
    docs = tuple(f.document for f in facts)

    # ---------------------------------------------------------------- regions
    regions: dict[str, _Acc] = defaultdict(_Acc)
    for f in facts:
        aid = f.document.article.article_id
        for r in f.regions:
            acc = regions[r.region_id]
            acc.surfaces[r.surface] = None
            acc.articles[aid] = None
            acc.evidence.append(Evidence(f.document, r.span))

    # ---------------------------------------------------------------- organisations
    org_alias = _org_aliases(facts)
    orgs: dict[str, _Acc] = defaultdict(_Acc)
    org_meta: dict[str, OrgRef] = {}
    org_acronyms: dict[str, dict[str, None]] = defaultdict(dict)

    def add_org(ref: OrgRef, doc: Document) -> str:
        key = org_alias.get(ref.key, ref.key)
        acc = orgs[key]
        acc.surfaces[ref.surface] = None
        acc.articles[doc.article.article_id] = None
        acc.evidence.append(Evidence(doc, ref.span))
        best = org_meta.get(key)
        if best is None or (len(ref.name) > len(best.name) and not ref.name.isupper()):
            org_meta[key] = ref
        if ref.acronym:
            org_acronyms[key][ref.acronym] = None
        return key

    for f in facts:
        for o in f.orgs:
            add_org(o, f.document)

    # ---------------------------------------------------------------- officials
    people = _People()
    for f in facts:
        doc = f.document
        for off in f.officials:
            cluster = people.find(off.name)
            if cluster is None:
                cluster = people.new()
            people.add_name(cluster, off.name)
            if off.position:
                cluster["positions"][off.position] = None
            if off.represents:
                cluster["represents"][off.represents] = None
            if off.default_country:
                cluster["defaults"][off.default_country] = None
            if off.org:
                cluster["member_of"][add_org(off.org, doc)] = None
            cluster["acc"].articles[doc.article.article_id] = None
            cluster["acc"].evidence.append(Evidence(doc, off.span))

    officials: dict[str, OfficialNode] = {}
    for c in people.clusters:
        names = list(c["names"])
        name = _best_name(names)
        represents = list(c["represents"]) or list(c["defaults"])
        # the rector of a university, the director of a company, the chair of a chamber
        # act on behalf of that body, not of the region it lies in
        bodies = tuple(k for k in c["member_of"]
                       if (ref := org_meta.get(k)) is not None and ref.kind in _BODIES)
        if bodies:
            represents = []
        elif not represents:
            # the head of a national agency or a foreign body (BRIN, KOICA) that no region
            # claims acts on behalf of that body
            lex = lexicon()
            bodies = tuple(k for k in c["member_of"]
                           if (ref := org_meta.get(k)) is not None and ref.kind == "lembaga"
                           and (ref.region_id is None or
                                lex.national_unit(ref.acronym, ref.region_id)))
        key = norm(name)
        officials[key] = OfficialNode(
            key=key, name=name, aliases=tuple(n for n in names if n != name),
            positions=tuple(c["positions"]), represents=tuple(represents),
            member_of=tuple(c["member_of"]), articles=tuple(c["acc"].articles),
            evidence=tuple(c["acc"].evidence), represents_orgs=bodies)
        for rid in represents:
            if gaz.has(rid) and rid not in regions:
                regions[rid]

    # ---------------------------------------------------------------- agreements
    agreements: dict[str, dict] = {}
    for f in facts:
        doc = f.document
        aid = doc.article.article_id
        for a in f.agreements:
            parties = tuple(sorted(
                (Party(p.kind, org_alias.get(p.key, p.key)) if p.kind == "org" else p
                 for p in a.parties), key=lambda p: (p.kind, p.key)))
            if parties[0] == parties[1]:
                continue
            key = f"{parties[0].key}--{parties[1].key}"
            entry = agreements.setdefault(key, {"parties": parties, "stages": [], "sectors": {},
                                              "sector_ev": [], "acc": _Acc()})
            entry["acc"].articles[aid] = None
            for sp in a.spans:
                entry["acc"].evidence.append(Evidence(doc, sp))
            for st in a.stages:
                entry["stages"].append(_stage(st, doc))
            for sid, sp in a.sectors:
                entry["sectors"][sid] = None
                entry["sector_ev"].append((sid, Evidence(doc, sp)))
            for p in parties:
                if p.kind == "region" and gaz.has(p.key):
                    regions[p.key].articles[aid] = None
                elif p.kind == "org" and p.key not in orgs:
                    orgs[p.key].articles[aid] = None

    agreement_nodes = {
        k: AgreementNode(k, v["parties"], tuple(v["stages"]), tuple(v["sectors"]),
                         tuple(v["sector_ev"]), tuple(v["acc"].articles),
                         tuple(v["acc"].evidence))
        for k, v in agreements.items()
    }
    sectors: dict[str, dict[str, None]] = defaultdict(dict)
    for node in agreement_nodes.values():
        for sector_id in node.sectors:
            sectors[sector_id].update(dict.fromkeys(node.articles))

    # ---------------------------------------------------------------- region hierarchy
    mentioned = set(regions)
    countries = {gaz.country_of(r) for r in mentioned}
    present = mentioned | countries
    learned_parent = {child: parent for f in facts for child, parent in f.located
                      if parent in present}
    region_nodes: dict[str, RegionNode] = {}
    for rid in sorted(present):
        acc = regions.get(rid, _Acc())
        parent = learned_parent.get(rid) or next(
            (a for a in gaz.ancestors(rid) if a in present), None)
        region_nodes[rid] = RegionNode(rid, tuple(acc.surfaces), tuple(acc.articles),
                                       tuple(acc.evidence), parent, rid in mentioned)

    org_nodes = {}
    for key, acc in orgs.items():
        ref = org_meta.get(key)
        if ref is None:
            continue
        org_nodes[key] = OrgNode(key, _org_name(ref), ref.kind, ref.region_id,
                                 tuple(org_acronyms[key]), tuple(acc.surfaces),
                                 tuple(acc.articles), tuple(acc.evidence))
    _tokens.cache_clear()  # a large corpus fills them with a few hundred thousand pairs
    _same_token.cache_clear()
    return Corpus(docs, region_nodes, org_nodes, officials, agreement_nodes,
                  {k: tuple(v) for k, v in sectors.items()},
                  {f.document.article.article_id: f.evidence_ttl for f in facts
                   if f.evidence_ttl})


def _stage(st: AgreementStage, doc: Document) -> StageNode:
    return StageNode(st.kind, st.status, st.date, doc.article.article_id, Evidence(doc, st.span))


def _org_name(ref: OrgRef) -> str:
    """The full name from the agency lexicon for an Indonesian body named by acronym."""
    if ref.region_id and gazetteer().get(ref.region_id).country != "ID":
        return ref.name  # the lexicon names Indonesian bodies only
    agency = lexicon().agency(ref.acronym) if ref.acronym else None
    if agency is None and ref.name and ref.name.isupper():
        agency = lexicon().agency(ref.name)
    return agency.name if agency else ref.name


def _org_aliases(facts: list[Facts]) -> dict[str, str]:
    """Organisation keys that name the same body: a misspelt acronym within one edit of
    another acronym in the same region (DPMTPSP -> DPMPTSP)."""
    keys = sorted({o.key for f in facts for o in f.orgs} |
                  {off.org.key for f in facts for off in f.officials if off.org})
    alias: dict[str, str] = {}
    # only acronyms of one region and of about the same length can be one edit apart
    buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
    for key in keys:
        name, _, region = key.partition("|")
        if name.isupper() and len(name) >= 5:
            buckets[(region, len(name))].append(key)
    for (region, length), bucket in buckets.items():
        near = bucket + buckets.get((region, length + 1), [])
        for a in bucket:
            for b in near:
                if a < b and b not in alias and \
                        OSA.distance(a.partition("|")[0], b.partition("|")[0]) <= 1:
                    alias[b] = a
    # a branch of a body named by its own name: "bank nagari padang", "bank nagari cabang
    # solok", "kantor cabang bank nagari" are "bank nagari" where that body is named too
    gaz = gazetteer()
    present = set(keys)
    for key in keys:
        name, _, region = key.partition("|")
        if region or name.isupper() or " " not in name:
            continue
        words = name.split(" ")
        target = None
        if words[:2] == ["kantor", "cabang"]:
            target = " ".join(words[2:])
        else:
            for n in range(len(words) - 1, 1, -1):
                rest = words[n:]
                if rest[0] == "cabang" or (n >= 2 and any(
                        gaz.get(sf.region_id).cls != "Country"
                        for sf in gaz.lookup(" ".join(rest)))):
                    target = " ".join(words[:n])
                    break
        if target and f"{target}|" in present and f"{target}|" != key:
            alias.setdefault(key, alias.get(f"{target}|", f"{target}|"))
    return alias


_INITIAL = re.compile(r"^[A-Z]\.?$")


_NAME_TOKEN = re.compile(r"[\w'-]+")


@lru_cache(maxsize=1 << 16)  # a name recurs across articles; tokenise it once
def _tokens(name: str) -> tuple[str, ...]:
    honor = lexicon().honorifics
    toks = [t for t in _NAME_TOKEN.findall(name) if not _INITIAL.match(t)]
    return tuple(t.casefold() for t in toks if t.casefold().replace(".", "") not in honor)


@lru_cache(maxsize=1 << 18)
def _same_token(a: str, b: str) -> bool:
    if a == b:
        return True
    return min(len(a), len(b)) >= 5 and ratio(a, b) >= 85


def _token_keys(token: str) -> tuple[str, str, str]:
    """Index keys of a name's word: itself, its first and its last three letters (a
    misspelt word keeps one of them: Syahrul / Sjahrul)."""
    return token, token[:3], "-" + token[-3:]


class _People:
    """Clusters of name spellings, indexed by token and token prefix so that finding a
    person's cluster looks at the few clusters sharing a word, not at all of them."""

    def __init__(self) -> None:
        self.clusters: list[dict] = []
        self._by_token: dict[str, list[int]] = defaultdict(list)
        self._exact: dict[str, dict] = {}  # a spelling seen before: its cluster

    def new(self) -> dict:
        cluster = {"names": {}, "positions": {}, "represents": {}, "defaults": {},
                   "member_of": {}, "acc": _Acc(), "id": len(self.clusters)}
        self.clusters.append(cluster)
        return cluster

    def add_name(self, cluster: dict, name: str) -> None:
        if name in cluster["names"]:
            return
        cluster["names"][name] = None
        self._exact.setdefault(name, cluster)
        for t in _tokens(name):
            for key in _token_keys(t):
                ids = self._by_token[key]
                if not ids or ids[-1] != cluster["id"]:
                    ids.append(cluster["id"])

    def find(self, name: str) -> dict | None:
        if name in self._exact:
            return self._exact[name]
        toks = _tokens(name)
        # a cluster can match only if it shares (a word or the prefix of) every word, or
        # two words for the shorter form of a longer name: count the words it shares
        hits: dict[int, int] = defaultdict(int)
        for t in set(toks):
            for i in {i for key in _token_keys(t) for i in self._by_token.get(key, ())}:
                hits[i] += 1
        needed = min(2, len(toks))
        ids = sorted(i for i, n in hits.items() if n >= needed)
        return _find_person([self.clusters[i] for i in ids], name)


def _find_person(clusters: list[dict], name: str) -> dict | None:
    toks = _tokens(name)
    if not toks:
        return None
    candidates = []
    for c in clusters:
        for other in c["names"]:
            ot = _tokens(other)
            if len(ot) == len(toks) and (
                    all(_same_token(x, y) for x, y in zip(toks, ot, strict=True))
                    or sorted(toks) == sorted(ot)):  # "Wu Xianhua" = "Xianhua Wu"
                return c
            short, long_ = (toks, ot) if len(toks) < len(ot) else (ot, toks)
            if short and len(short) >= 2 and _is_subsequence(short, long_):
                candidates.append(c)
                break
    return candidates[0] if len(candidates) == 1 else None


def _is_subsequence(short: tuple[str, ...], long_: tuple[str, ...]) -> bool:
    it = iter(long_)
    return all(any(_same_token(s, x) for x in it) for s in short)


def _best_name(names: list[str]) -> str:
    """The fullest spelling, preferring the one written most often."""
    counts: dict[str, int] = defaultdict(int)
    for n in names:
        counts[n] += 1
    return max(names, key=lambda n: (len(_tokens(n)), counts[n], len(n)))
