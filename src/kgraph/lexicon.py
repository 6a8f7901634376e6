"""Lexicons read from data files: titles, honorifics, agencies, triggers, sectors.

The sector words come from the SKOS scheme in `ontology/sectors.ttl`
(skos:prefLabel, skos:altLabel, skos:hiddenLabel), so the scheme users see and
the words the extractor looks for are one file.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SKOS

from .gazetteer import DATA, norm
from .namespaces import KGS


def ontology_dir() -> Path:
    """`ontology/` of a source checkout, or the copy packaged inside the wheel."""
    packaged = Path(__file__).parent / "ontology"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "ontology"


def queries_dir() -> Path:
    packaged = Path(__file__).parent / "queries"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "queries"


def _lines(name: str) -> list[str]:
    path = DATA / name
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if line:
            out.append(line)
    return out


def _tsv(name: str) -> list[dict[str, str]]:
    path = DATA / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8") as f:
        return [{k: (v or "").strip() for k, v in row.items()}
                for row in csv.DictReader(f, delimiter="\t")]


@dataclass(frozen=True, slots=True)
class Title:
    surface: str
    scope: str  # regional | national | diplomatic | org | any
    canonical: str


@dataclass(frozen=True, slots=True)
class Agency:
    acronym: str
    name: str
    kind: str
    scope: str  # regional | national


@dataclass(frozen=True, slots=True)
class Sector:
    sector_id: str
    label_id: str
    label_en: str
    alt_labels: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: re.Pattern[str]
    kind: str
    strong: bool


class Lexicon:
    def __init__(self) -> None:
        self.titles: dict[str, Title] = {}
        for row in _tsv("titles.tsv"):
            t = Title(row["title"], row["scope"], row["canonical"])
            self.titles[norm(t.surface)] = t
        self.title_max_tokens = max(k.count(" ") + 1 for k in self.titles)
        self.modifiers = {norm(m) for m in _lines("title_modifiers.txt")}
        # first words of titles and modifiers: most tokens are rejected by one set lookup
        self.title_starts = {k.split(" ")[0] for k in self.titles} | {
            m.split(" ")[0] for m in self.modifiers} | {"pj", "plt", "plh", "pelaksana"}
        self.honorifics = {norm(h).replace(" ", "") for h in _lines("honorifics.txt")}
        self.stopwords = {w for line in _lines("stopwords_id.txt") for w in line.lower().split()}
        self.scope_words = [norm(w) for w in _lines("scope_words.txt")]
        self.agencies: dict[str, Agency] = {}
        for row in _tsv("agencies.tsv"):
            if row.get("acronym"):
                a = Agency(row["acronym"], row["name"], row.get("kind") or "lembaga",
                           row.get("scope") or "national")
                self.agencies.setdefault(row["acronym"].casefold(), a)
        self.agency_by_name = {norm(a.name): a for a in self.agencies.values()}
        self.agency_words = {w.casefold() for w in _lines("agency_words.txt")} | _BASE_AGENCY_WORDS
        self.triggers = [
            Trigger(re.compile(rf"(?<!\w)(?:{row['pattern']})(?!\w)",
                               0 if row["kind"] in {"loi", "mou", "moa"} else re.IGNORECASE),
                    row["kind"], row["strength"] == "strong")
            for row in _tsv("triggers.tsv")
        ]
        # one pass over a sentence finds whether any trigger or scope word is there
        self.any_trigger = re.compile("|".join(
            f"(?:{t.pattern.pattern})" if t.pattern.flags & re.IGNORECASE else
            f"(?-i:{t.pattern.pattern})" for t in self.triggers), re.IGNORECASE)
        self.scope_pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(w) for w in self.scope_words) + r")(?!\w)",
            re.IGNORECASE)
        self.sectors = _load_sectors(ontology_dir() / "sectors.ttl")
        self.sector_words: dict[str, str] = {}
        for s in self.sectors.values():
            for w in (s.label_id, s.label_en, *s.alt_labels, *s.words):
                self.sector_words.setdefault(norm(w), s.sector_id)
        self.sector_max_tokens = max(k.count(" ") + 1 for k in self.sector_words)

    def agency(self, token: str) -> Agency | None:
        return self.agencies.get(token.casefold())


# Words that always continue an agency name; the data file adds the long tail.
_BASE_AGENCY_WORDS = {
    "dan", "&", "of", "the", "and", "for", "luar", "negeri", "dalam", "umum", "kerja", "sama",
    "pemerintahan", "pemerintah", "rakyat", "daerah", "otonomi", "pera", "kesra", "adpim",
    "otonom", "khusus", "istimewa", "autonomous", "zhuang", "urusan", "affairs", "setda",
    "setdaprov", "setdakab", "setdakot", "sekretariat", "produksi", "operasional", "komersial",
    "pemasaran", "eksekutif", "ekonomi", "politik", "konsuler", "penerangan", "sosial",
    "budaya", "kebudayaan", "prefektur",
}


def _load_sectors(path: Path) -> dict[str, Sector]:
    g = Graph().parse(path)
    out: dict[str, Sector] = {}
    for concept in set(g.subjects(SKOS.inScheme, KGS.scheme)):
        sid = str(concept)[len(str(KGS)):]
        pref = {getattr(lit, "language", None): str(lit)
                for lit in g.objects(concept, SKOS.prefLabel)}
        out[sid] = Sector(
            sid,
            pref.get("id", sid),
            pref.get("en", sid),
            tuple(sorted(str(x) for x in g.objects(concept, SKOS.altLabel))),
            tuple(sorted(str(x) for x in g.objects(concept, SKOS.hiddenLabel))),
        )
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon()
