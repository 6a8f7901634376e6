"""Namespaces and IRIs in one place: every module takes its terms from here."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.namespace import Namespace as _NS

KG = Namespace("https://w3id.org/kgraph/ontology#")
KGR = Namespace("https://w3id.org/kgraph/id/")
KGS = Namespace("https://w3id.org/kgraph/sector/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
OA = Namespace("http://www.w3.org/ns/oa#")
GEONAMES = _NS("https://sws.geonames.org/")

ONTOLOGY_IRI = "https://w3id.org/kgraph/ontology"

PREFIXES: dict[str, Namespace | type] = {  # rdflib's closed namespaces are classes
    "kg": KG,
    "kgr": KGR,
    "kgs": KGS,
    "org": ORG,
    "prov": PROV,
    "schema": SCHEMA,
    "skos": SKOS,
    "foaf": FOAF,
    "oa": OA,
    "dcterms": DCTERMS,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}

# Agreement kind names (as produced by the extractor) -> ontology classes.
AGREEMENT_KIND_CLASS = {
    "cooperation": KG.Agreement,
    "offer": KG.Offer,
    "loi": KG.LetterOfIntent,
    "mou": KG.MemorandumOfUnderstanding,
    "moa": KG.MemorandumOfAgreement,
    "sister": KG.SisterRelationship,
}

_UNSAFE = re.compile(r"[^a-z0-9._~-]+")


def slug(text: str, max_len: int = 80) -> str:
    """A readable, IRI-safe local name: ASCII lowercase words joined by '-'.

    Any input gives a valid IRI segment (never empty, never spaces or controls).
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = _UNSAFE.sub("-", ascii_text.lower()).strip("-.")[:max_len].strip("-.")
    if s:
        return s
    # Nothing ASCII survived (e.g. only CJK, emoji or dots): percent-encode the original,
    # lone surrogates included, behind a prefix so "." and ".." never become dot segments.
    return "u-" + quote(text[:max_len].encode("utf-8", "surrogatepass"), safe="")


def resource(kind: str, local: str) -> str:
    """IRI string of an instance: https://w3id.org/kgraph/id/<kind>/<local>."""
    return str(KGR) + kind + "/" + quote(local, safe="-._~")
