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


@lru_cache(maxsize=1)
def rule_words(name: str = "rule_words.txt") -> dict[str, frozenset[str]]:
    """The closed word classes of the extraction rules: `[section]` headers, then one
    entry per line ("#" lines are comments)."""
    sections: dict[str, set[str]] = {}
    current: set[str] | None = None
    for line in _lines(name):
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        elif current is None:
            raise ValueError(f"{DATA / name}: {line!r} comes before any [section]")
        else:
            current.add(line)
    return {k: frozenset(v) for k, v in sections.items()}


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
    unit: str = ""  # the command unit a police or military commander heads ("Polres")


@dataclass(frozen=True, slots=True)
class Agency:
    acronym: str
    name: str
    kind: str
    scope: str  # regional | national | international | mission (Indonesia's, abroad)


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
    needles: frozenset[str] | None = None  # see `needles`


class Lexicon:
    def __init__(self) -> None:
        self.titles: dict[str, Title] = {}
        for row in _tsv("titles.tsv"):
            t = Title(row["title"], row["scope"], row["canonical"], row.get("unit") or "")
            self.titles[norm(t.surface)] = t
        # police and military units (Polres, Kodim, Satgas): their heads represent the unit
        self.command_units = {t.unit.casefold() for t in self.titles.values() if t.unit}
        self.title_max_tokens = max(k.count(" ") + 1 for k in self.titles)
        self.modifiers = {norm(m) for m in _lines("title_modifiers.txt")}
        # first words of titles and modifiers: most tokens are rejected by one set lookup
        self.title_starts = {k.split(" ")[0] for k in self.titles} | {
            m.split(" ")[0] for m in self.modifiers} | {"pj", "plt", "plh", "pelaksana"}
        self.honorifics = {norm(h).replace(" ", "") for h in _lines("honorifics.txt")}
        self.stopwords = {w for line in _lines("stopwords_id.txt") for w in line.lower().split()}
        self.scope_words = [norm(w) for w in _lines("scope_words.txt")]
        self.common_word_places = {w.casefold() for w in _lines("common_word_places.txt")}
        self.name_word_places = {w.casefold() for w in _lines("name_word_places.txt")}
        self.agencies: dict[str, Agency] = {}
        for row in _tsv("agencies.tsv"):
            if row.get("acronym"):
                a = Agency(row["acronym"], row["name"], row.get("kind") or "lembaga",
                           row.get("scope") or "national")
                self.agencies.setdefault(row["acronym"].casefold(), a)
        self.agency_by_name = {norm(a.name): a for a in self.agencies.values()}
        for a in list(self.agencies.values()):
            # "PT Pelabuhan Indonesia" for "PT Pelabuhan Indonesia (Persero)"; "PT X Tbk"
            short = re.sub(r"\s*\([^()]*\)|\s+Tbk\.?$", "", a.name).strip()
            if short != a.name:
                self.agency_by_name.setdefault(norm(short), a)
        # the regional office of a body is that body: "Kantor Perwakilan Bank Indonesia"
        self.branch_of: dict[str, Agency] = {}
        for key, a in self.agencies.items():
            m = re.match(r"(?:Kantor Perwakilan|Kantor Cabang)\s+(.+)$", a.name)
            parent = self.agency_by_name.get(norm(m.group(1))) if m else None
            if parent is not None:
                self.branch_of[key] = parent
        self.agency_words = {w.casefold() for w in _lines("agency_words.txt")} | _BASE_AGENCY_WORDS
        self.triggers = []
        for row in _tsv("triggers.tsv"):
            source = row["pattern"]
            if row["kind"] in {"loi", "mou", "moa"}:
                # acronyms (MoU, PKS) keep their case; phrases are matched in any case, as
                # government pages write "Nota Kesepahaman", "Perjanjian Kerja Sama"
                source = "|".join(f"(?i:{alt})" if "\\s" in alt else alt
                                  for alt in ("".join(a) for a in _alternatives(source)))
            pattern = re.compile(rf"(?<!\w)(?:{source})(?!\w)",
                                 0 if row["kind"] in {"loi", "mou", "moa"} else re.IGNORECASE)
            self.triggers.append(Trigger(pattern, row["kind"], row["strength"] == "strong",
                                         needles(row["pattern"], pattern.flags)))
        self._trigger_needles = frozenset().union(*(t.needles or () for t in self.triggers))
        self._trigger_gate = _gate([t.needles for t in self.triggers])
        scope_words = "|".join(re.escape(w) for w in self.scope_words)
        self.scope_pattern = GatedPattern(
            re.compile(rf"(?<!\w)(?:{scope_words})(?!\w)", re.IGNORECASE))
        self.sectors = _load_sectors(ontology_dir() / "sectors.ttl")
        self.sector_words: dict[str, str] = {}
        for s in self.sectors.values():
            for w in (s.label_id, s.label_en, *s.alt_labels, *s.words):
                self.sector_words.setdefault(norm(w), s.sector_id)
        for phrase in _lines("not_sectors.txt"):
            self.sector_words.setdefault(norm(phrase), "")  # "kayu manis": no sector
        self.sector_max_tokens = max(k.count(" ") + 1 for k in self.sector_words)
        # every word-prefix of a sector name: lets the longest-match search stop early
        self.sector_prefixes = {" ".join(k.split(" ")[:n]) for k in self.sector_words
                                for n in range(1, k.count(" ") + 2)}

    def agency(self, token: str) -> Agency | None:
        return self.agencies.get(token.casefold())

    def national_unit(self, acronym: str | None, region_id: str | None) -> bool:
        """A technical unit (balai) of a national ministry named with the town it sits in
        ("BBVet Denpasar", "BBWS Pemali Juana"), or a police or military command unit
        ("Polres Keerom", "Kodim 1702/Jayawijaya"): its head represents the unit, not the
        town."""
        if not acronym or region_id is None:
            return False
        if acronym.casefold() in self.command_units:
            return True
        a = self.agency(acronym)
        return a is not None and a.kind == "lembaga" and a.scope == "national" and \
            a.name.startswith("Balai ")

    def triggers_in(self, text: str) -> list[tuple[Trigger, int]]:
        """The triggers found in `text`, in lexicon order, with the start of each one's
        first match. Most sentences hold none: a substring test rules a trigger out
        before its (slow, case-insensitive, look-around) regex is run."""
        low = needle_text(text)
        present = None
        if low is not None:
            if self._trigger_gate is not None and not self._trigger_gate.search(low):
                return []
            present = {n for n in self._trigger_needles if n in low}
        out = []
        for tr in self.triggers:
            if present is not None and tr.needles is not None and present.isdisjoint(tr.needles):
                continue
            m = tr.pattern.search(text)
            if m:
                out.append((tr, m.start()))
        return out

    def has_scope_word(self, text: str) -> bool:
        return self.scope_pattern.search(text) is not None


# Prefiltering regexes by substrings. A literal run of ASCII letters and digits in a
# pattern, lowercased, is a substring of `text.lower()` wherever the pattern matches,
# with or without IGNORECASE, unless the text has a non-ASCII character that matches an
# ASCII one when case is ignored (Kelvin sign, dotless i, long s, ...); such texts are
# not prefiltered. (No character outside the Basic Multilingual Plane folds to ASCII.)
_FOLDS_TO_ASCII = re.compile("[" + "".join(sorted(set(re.findall(
    r"[a-z0-9]", "".join(map(chr, range(0x80, 0x10000))), re.IGNORECASE)))) + "]")


def needle_text(text: str) -> str | None:
    """`text` lowercased for looking for needles, or None when it must not be prefiltered."""
    if not text.isascii() and _FOLDS_TO_ASCII.search(text):
        return None
    return text.lower()


class GatedPattern:
    """A regex that is only run on texts holding one of its needles (most texts don't)."""

    __slots__ = ("gate", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.gate = _gate([needles(pattern.pattern, pattern.flags)])

    def search(self, text: str) -> re.Match[str] | None:
        if self.gate is not None:
            low = needle_text(text)
            if low is not None and not self.gate.search(low):
                return None
        return self.pattern.search(text)


def _gate(needle_sets: list[frozenset[str] | None]) -> re.Pattern[str] | None:
    """One search for all the needles of some patterns: when it fails, none can match."""
    known = [n for n in needle_sets if n is not None]
    if len(known) < len(needle_sets):
        return None
    return re.compile("|".join(sorted(frozenset().union(*known))))


def needles(source: str, flags: int = 0) -> frozenset[str] | None:
    """Lowercased literal strings, one of which is in every text the regex `source`
    matches (see `needle_text`); None when that is unknown."""
    if flags & re.VERBOSE:
        return None
    out: set[str] = set()
    for atoms in _alternatives(source):
        found = _needles_of(atoms)
        if found is None:
            return None
        out |= found
    return frozenset(out)


def _alternatives(source: str) -> list[list[str]]:
    """The top-level alternatives of a regex, each as its list of atoms."""
    alternatives: list[list[str]] = [[]]
    i = 0
    while i < len(source):
        j = _atom_end(source, i)
        if source[i:j] == "|":
            alternatives.append([])
        else:
            alternatives[-1].append(source[i:j])
        i = j
    return alternatives


def _needles_of(atoms: list[str]) -> frozenset[str] | None:
    """Needles of one alternative: its required literal run, or the needles of a required
    group, whichever has the longest shortest needle."""
    options: list[frozenset[str]] = []
    run = ""
    for k, atom in enumerate(atoms):
        after = atoms[k + 1] if k + 1 < len(atoms) else ""
        optional = after in {"?", "*"} or after.startswith("{")  # "{" is no literal: fine
        if len(atom) == 1 and atom.isascii() and atom.isalnum() and not optional:
            run += atom
            if after != "+":
                continue  # "ab+c": "ab" is in every match, "abc" is not
        if run:
            options.append(frozenset({run.lower()}))
            run = ""
        head = _GROUP_HEAD.match(atom)
        if head and atom.endswith(")") and not optional:
            found = needles(atom[head.end():-1])
            if found:
                options.append(found)
    if run:
        options.append(frozenset({run.lower()}))
    return max(options, key=lambda o: min(map(len, o)), default=None)


# Groups whose text is in every match of them: plain, named, non-capturing, lookahead,
# lookbehind, or with flags other than verbose.
_GROUP_HEAD = re.compile(r"\((?!\?)|\(\?(?:[:=]|P<\w+>|<=|[aiLmsu]*(?:-[imsx]+)?:)")


# "\x41", "\u0041", "\N{...}", "\101", "\1" are one atom each (a character or a group)
_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|\d+|.?)",
                     re.DOTALL)


def _atom_end(source: str, i: int) -> int:
    """End of the regex atom at `i`: an escape, a class, a group, a {m,n} or one char."""
    c = source[i]
    if c == "\\":
        m = _ESCAPE.match(source, i)
        return m.end() if m else i + 1
    if c == "[":
        j = i + 1
        j += source.startswith("^", j)
        j += source.startswith("]", j)
        while j < len(source) and source[j] != "]":
            j += 2 if source[j] == "\\" else 1
        return j + 1
    if c == "(":
        j = i + 1
        while j < len(source) and source[j] != ")":
            j = _atom_end(source, j)
        return j + 1
    if c == "{":
        close = source.find("}", i)
        return close + 1 if close > 0 else i + 1
    return i + 1


# Words that always continue an agency name; the data file adds the long tail.
_BASE_AGENCY_WORDS = {
    "dan", "&", "of", "the", "and", "for", "luar", "negeri", "dalam", "umum", "kerja", "sama",
    "pemerintahan", "pemerintah", "rakyat", "daerah", "otonomi", "pera", "kesra", "adpim",
    "otonom", "khusus", "istimewa", "autonomous", "zhuang", "urusan", "affairs", "setda",
    "setdaprov", "setdakab", "setdakot", "setdako", "setdakota", "sekretariat", "produksi",
    "operasional", "komersial",
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
