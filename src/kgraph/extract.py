"""Extraction: `extract(document) -> Facts`.

Rules are general: regions come from the gazetteer, titles and agencies from the
lexicons, agreements from trigger words and the parties around them. Nothing here
knows about any particular article.

Order of work in one article:
1. tokens; region mentions (gazetteer n-grams, with context checks);
2. organisation mentions (agency acronyms, head-word phrases, companies);
3. officials (title chunk then name, or name then "(title ...)" / ", title");
4. the article's home region (the Indonesian government acting in it);
5. agreements per sentence (triggers, parties, kind, status, date) and their sectors.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from rapidfuzz.distance import OSA
from rapidfuzz.fuzz import ratio

from .clean import MONTHS as _MONTHS
from .gazetteer import Gazetteer, Region, gazetteer, norm
from .lexicon import Agency, GatedPattern, Lexicon, Trigger, lexicon, rule_words
from .model import (
    AgreementRef,
    AgreementStage,
    Document,
    Facts,
    OfficialRef,
    OrgRef,
    Party,
    RegionRef,
    Span,
)

EXTRACTOR_VERSION = "0.3.0"

# the closed word classes the rules below read (data/rule_words.txt)
_WORDS = rule_words()

_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"\w+")
_CAP = re.compile(r"^[A-Z][\w]*$|^[A-Z]{2,}$")
_SPEECH = _WORDS["speech"]
_GOV_MARKERS = _WORDS["gov_markers"]
# Words of a foreign local government's name that belong to its head's title
# ("Presiden Otoritas Munisipio Bobonaro", "Mayor of the Municipal Authority of ...").
_LOCAL_GOV_WORDS = _WORDS["local_gov_words"]
# Words naming an office or residence by its holder's title ("Kantor Gubernur X, Kota").
_OFFICE_WORDS = _WORDS["office_words"]
_OFFICE_STARTS = {w.split(" ")[0] for w in _OFFICE_WORDS}  # "rumah" (jabatan), "ruang" ...
_FACILITY_WORDS = _WORDS["facility_words"]
# capitalised words of a body's unit that a region's name follows ("Unit Induk Wilayah X")
_UNIT_WORDS = _WORDS["unit_words"]
_REGION_WORDS = _WORDS["region_words"]
# a place's class word between a locative and its name ("di Kota Fès")
_LOCATIVE_CLASS = _WORDS["locative_class"]
# capitalised words whose name may be a foreign place's ("Pasar Hongkong", a market)
_NAMED_AFTER_PLACE = _WORDS["named_after_place"]
# lower-case words inside a foreign body's name ("Board of Trade", "Conseil Régional du
# Tourisme", "Instituto de Investigaciones de la Amazonía")
_NAME_JOINING = _WORDS["name_joining"]
# verbs before a nickname ("akrab disapa Mayor Lita", "dijuluki Bupati Rakyat")
_NICKNAMED = _WORDS["nicknamed"]
# parts of continents opened by a country's short name ("Amerika" is also the United States)
_CONTINENT_PARTS = _WORDS["continent_parts"]
# words after which a place's name names a district, village or hill inside it
_PLACE_PART_WORDS = _WORDS["place_part_words"]
# honorifics that open a person's name ("Sri Bima", "Dr. Bima Arya")
_NAME_PREFIXES = _WORDS["name_prefixes"]
# words before a place's name that make it a language or a people's quarter
_LANGUAGE_WORDS = _WORDS["language_words"]
_NOT_PARTNER = _WORDS["not_partner"]
# titles of a town's head and deputy head
_MAYORS = _WORDS["mayors"]
# people named by where they come from ("petani Sri Lanka", "wisatawan Jepang"): the place
# is no party of the sentence's agreement
_PEOPLE_NOUNS = _WORDS["people_nouns"]
# words between a title shared by several names and the names ("kedua daerah, yakni")
_SHARED_FILLERS = _WORDS["shared_fillers"]
# heads of an apposition that places a town: "X, kota pelabuhan di Provinsi Y"
_APPOSITION_HEADS = _WORDS["apposition_heads"]
# adverbs and verbs between the acting party and its agreement word
_SUBJECT_LINK = _WORDS["subject_link"]
# head words of an English name given in brackets after an Indonesian one
_ENGLISH_ORG_HEADS = _WORDS["english_org_heads"]
# words before a body that is consulted or approves, not a partner
_CONSULTED = _WORDS["consulted"]
# nouns before a route or project named by two places ("tol Semarang-Demak")
_ROUTE_WORDS = _WORDS["route_words"]
# verbs of headlines ("Pemkab X Gandeng Universitas Y"): no part of a body's name
_HEADLINE_VERBS = _WORDS["headline_verbs"]
_NAME_ABBREVIATIONS = _WORDS["name_abbreviations"]
_PLACE_LINK = _WORDS["place_link"]
# verbs that place a town in a region ("X merupakan ibu kota Provinsi Y", "X terletak di Y")
_LOCATING = _WORDS["locating"]
# a region named with its seat after it ("Provinsi Y yang beribu kota di X")
_SEAT_LINK = _WORDS["seat_link"]
# a named unit between a town and its region ("Departemen Var", "Distrik Y")
_SUBUNIT_PLACE_WORDS = _WORDS["subunit_place_words"]
_BODY_WORDS = _WORDS["body_words"]
_ROMAN = _WORDS["roman"]
_NOT_ACRONYMS = _WORDS["not_acronyms"]
_NAME_JOINERS = _WORDS["name_joiners"]
_COORD = _WORDS["coord"]
_AND = _WORDS["and"]
# the last word of an English name of a programme or body ("Training Program")
_ENGLISH_NAME_HEADS = _WORDS["english_name_heads"]
_COMPASS = _WORDS["compass"]
# a diplomatic mission and the words between it and the town it sits in
_MISSION_WORDS = _WORDS["mission_words"]
_MISSION_FILLERS = _WORDS["mission_fillers"]
_LOCATIVE = _WORDS["locative"]
_PARTICLES = _WORDS["particles"]
_ORG_HEADS = {
    # head words (normalised) -> organisation kind
    "dinas": "dinas", "badan": "badan", "biro": "biro", "kementerian": "kementerian",
    "kemenko": "kementerian", "departemen": "departemen", "kantor": "kantor",
    "sekretariat": "sekretariat", "dewan": "dewan", "lembaga": "lembaga", "otorita": "otorita",
    "kedutaan besar": "kedutaan", "kedutaan": "kedutaan", "kedubes": "kedutaan",
    "konsulat jenderal": "konsulat", "konsulat": "konsulat", "kamar dagang": "asosiasi",
    "akimat": "pemerintah", "maslikhat": "dewan", "department": "departemen",
    "ministry": "kementerian", "embassy": "kedutaan", "consulate": "konsulat",
    "bureau": "biro", "office": "kantor", "pemerintah rakyat": "pemerintah",
    "paguyuban": "asosiasi", "yayasan": "asosiasi", "himpunan": "asosiasi",
    "perkumpulan": "asosiasi", "ikatan": "asosiasi", "persatuan": "asosiasi",
    "asosiasi": "asosiasi", "majelis": "dewan", "komite": "dewan", "agency": "lembaga",
    "council": "dewan", "chamber": "asosiasi",
}
_NAMED_HEADS = {
    # head words followed by a proper name rather than agency vocabulary
    "universitas": "universitas", "institut": "universitas", "politeknik": "universitas",
    "sekolah tinggi": "universitas", "university": "universitas", "bank": "perusahaan",
    "pt": "perusahaan", "perusahaan": "perusahaan", "perseroan": "perusahaan",
    "koperasi": "asosiasi",
    # foreign higher education: "Hochschule Niederrhein", "TAFE Tasmania"
    "hochschule": "universitas", "fachhochschule": "universitas", "universität": "universitas",
    "université": "universitas", "universidad": "universitas", "universidade": "universitas",
    "università": "universitas", "universiteit": "universitas", "politecnico": "universitas",
    "universiti": "universitas",
    "tafe": "universitas",
    # foreign public bodies named in their own language: "Conseil Régional du Tourisme",
    # "Instituto de Investigaciones de la Amazonía Peruana", "Colegio de Postgraduados"
    "conseil": "lembaga", "consejo": "lembaga", "instituto": "lembaga", "institut de": "lembaga",
    "colegio": "universitas", "secretaría": "lembaga", "secretaria": "lembaga",
    # Islamic boarding schools: "Pondok Pesantren Al-Hikmah", "Ponpes Darul Ulum"
    "pondok pesantren": "sekolah", "ponpes": "sekolah",
    # task forces: "Satgas Pamtas RI-PNG", "Satgas Pangan"
    "satgas": "lembaga", "satuan tugas": "lembaga",
}
# words that end company names although they are ordinary words ("PT Bumi Jaya Abadi")
_COMPANY_WORDS = _WORDS["company_words"]
_HEAD_STARTS = {k.split(" ")[0] for k in (*_ORG_HEADS, *_NAMED_HEADS)}
_COMPANY_SUFFIX = _WORDS["company_suffix"]
# bodies whose offices in other places are branches of the one body
_BRANCHED = _WORDS["branched"]
_SUBUNIT_HEADS = _WORDS["subunit_heads"]
_TITLE_EXTENSION = _WORDS["title_extension"]
# English names with the head word last: "Hainan University", "Kyushu Sangyo University"
# degrees written before a name, never inside one ("... Taman Sari Ir. Heru")
_NAME_PREFIX_DEGREES = _WORDS["name_prefix_degrees"]
_SUFFIX_UNIVERSITY = _WORDS["suffix_university"]
# schools: "SMK Negeri 1 Berastagi", "SMAN 3 Kupang", "MTsN 2 Kota Bima"
_SCHOOL_HEADS = _WORDS["school_heads"]
# a lower-case class noun that a body's name or acronym follows after a comma
# ("lembaga riset pertanian Brasil, EMBRAPA", "perusahaan parfum asal Grasse, Société X (SX)")
_BODY_NOUNS = _WORDS["body_nouns"]
# lower-case words inside foreign names defined by their acronym ("Société Aromatique de
# Provence (SAP)")
_FOREIGN_JOINERS = _WORDS["foreign_joiners"]
_PARTY_ORG_KINDS = _WORDS["party_org_kinds"]
# bodies that sign for themselves: a company, a state company, a university, an association
_BODY_KINDS = _WORDS["body_kinds"]
_KIND_RANK = {"cooperation": 0, "offer": 1, "loi": 2, "mou": 3, "moa": 4, "sister": 5}
# (the word lists are gated: a sentence without any of their words is not searched)
_PLANNED = GatedPattern(re.compile(r"\b(akan|rencana\w*|direncanakan|nantinya|mendatang|"
                                   r"segera|bakal|will|planned|to be|targetkan|ditargetkan|"
                                   r"menargetkan|dijadwalkan|terjadwal|scheduled)\b", re.I))
_SIGNED = GatedPattern(re.compile(r"\b(telah|sudah|resmi|menandatangani|ditandatangani|"
                                  r"diteken|meneken|signed|sepakat|menyepakati|disepakati)\b",
                                  re.I))
_PROPOSED = GatedPattern(re.compile(r"\b(tawaran|menawarkan|peluang|penjajakan|menjajaki|jajaki|"
                                    r"membuka|mengajak|berharap|harapan|usulan|mengusulkan|"
                                    r"offer\w*)\b", re.I))
_ONGOING = GatedPattern(re.compile(r"\b(berjalan|sedang|tengah|melanjutkan|memperkuat|"
                                   r"memperpanjang|perpanjangan|ongoing|renew\w*)\b", re.I))
# a list item: "1.", "2)", "(3)", "a.", "- ", "• ", "Pertama, ..." ("Kedua pihak" is "both")
_ORDINALS = r"pertama|kesatu|kedua|ketiga|keempat|kelima|keenam|ketujuh|kedelapan|kesembilan|" \
    r"kesepuluh|terakhir|first|second|third|fourth|fifth|finally|lastly"
_LIST_ITEM = re.compile(rf"\s*(?:\(?\d{{1,2}}[.)](?!\d)|\(?[a-j][.)]\s|[-–•·*▪●◦]\s*\w|"
                        rf"(?:{_ORDINALS})\s*[,:])", re.I)
_BARE_ITEM = re.compile(r"\s*(?:\(?\d{1,2}[.)]|\(?[a-j][.)])\s*$", re.I)
# "berfokus pada tiga hal", "ada lima poin": a sentence announcing the items after it
_LIST_COUNT = re.compile(r"\b(?:dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|"
                         r"beberapa|\d{1,2})\s+(?:hal|poin|butir|pokok|bidang|sektor|fokus|"
                         r"aspek|isu|agenda|program|klaster|pilar|prioritas|ruang lingkup|"
                         r"points?|areas?|sectors?|priorities)\b", re.I)
# "both cities", "both regions", "both sides": the two parties named before
_BOTH = GatedPattern(re.compile(
    r"\b(?:antara\s+)?kedua\s+(?:kota|daerah|pihak|kabupaten|provinsi|wilayah|pemerintah|"
    r"pemda|pemerintahan|negara|belah\s+pihak)\b", re.I))
# an agreement named as an earlier one ("kerja sama pertama", "PKS sebelumnya")
_EARLIER_AGREEMENT = GatedPattern(re.compile(
    r"\b(?:kerja\s*-?\s*sama|mou|pks|perjanjian|kesepakatan|nota kesepahaman)\s+(?:yang\s+)?"
    r"(?:pertama|sebelumnya|terdahulu|lama|periode\s+lalu)\b", re.I))
_WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "sabtu": 5, "minggu": 6,
             "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_DMY = GatedPattern(re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\w*\s+(\d{{4}})\b", re.I))
_DATE_MY = GatedPattern(
    re.compile(rf"\b(?:bulan\s+)?({_MONTH_RE})\w*\s+(?:tahun\s+)?(\d{{4}})\b", re.I))
_DATE_NUM = re.compile(r"\((?:[A-Za-z']+,?\s*)?(\d{1,2})/(\d{1,2})/(\d{4})\)")
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_FOUR_DIGITS = re.compile(r"\d{4}")
_YEAR = GatedPattern(re.compile(r"\btahun\s+(\d{4})\b", re.I))
_WEEKDAY_RE = GatedPattern(
    re.compile(r"\b(senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)\b", re.I))


def _head_of_agency(word: str, lex: Lexicon) -> Agency | None:
    """The regional agency of an abbreviated head's title ("Kadishub": Dishub), or None."""
    if word.casefold() in lex.titles:
        return None  # "Kapolda", "Kajari": titles of their own
    a = lex.agency(word[2:])
    if a is not None and a.scope == "regional" and a.kind in {"dinas", "badan"}:
        return a
    return None


class Tok:
    """A token of a sentence: a word or one other non-space character."""

    __slots__ = ("cap", "end", "key", "low", "sent", "start", "text", "word")  # many per article

    def __init__(self, text: str, start: int, end: int, sent: int) -> None:
        self.text, self.start, self.end, self.sent = text, start, end, sent
        self.low = low = text.casefold()
        self.word = word = text[0].isalnum()
        self.cap = word and text[0].isupper()  # a word starting with a capital
        # gazetteer lookup form (accents stripped, casefolded)
        self.key = norm(text) if word and not text.isascii() else low


@dataclass
class Mention:
    """A region mention over tokens [i, j)."""

    region_id: str
    i: int
    j: int
    locator: bool = False  # "Anhui, Tiongkok": Tiongkok only locates Anhui
    in_org: bool = False
    in_official: int = -1  # index of the official whose chunk holds it
    locative: bool = False  # "di Samarinda", "ke Tiongkok"


@dataclass
class OrgMention:
    ref: OrgRef
    i: int
    j: int


@dataclass
class OfficialMention:
    name: str
    position: str
    represents: str | None
    org: OrgMention | None
    default_country: str | None
    i: int  # chunk start
    j: int  # chunk end (after the name)
    name_i: int
    name_j: int
    speaker: bool
    hosts: list[str] = field(default_factory=list)


class _Extraction:
    def __init__(self, doc: Document, gaz: Gazetteer, lex: Lexicon) -> None:
        self.doc = doc
        self.gaz = gaz
        self.lex = lex
        self.toks: list[Tok] = []
        self._respelled = False  # a token's text differs from the article's
        self.sent_bounds: list[tuple[int, int]] = []  # token index range per sentence
        for si, sent in enumerate(doc.sentences):
            first, base = len(self.toks), sent.start
            for m in _TOKEN.finditer(sent.text):
                w = m.group()
                a = _head_of_agency(w, lex) if w.startswith("Ka") and len(w) > 4 else None
                if a is not None:
                    # "Kadishub", "Kadinkes", "Kabappeda": Ka + a regional agency's
                    # acronym is "Kepala <agency>", read as the two words
                    self.toks += [Tok("Kepala", base + m.start(), base + m.start() + 2, si),
                                  Tok(a.acronym, base + m.start() + 2, base + m.end(), si)]
                    self._respelled = True
                    continue
                self.toks.append(Tok(w, base + m.start(), base + m.end(), si))
            self.sent_bounds.append((first, len(self.toks)))
        self.sent_start = {b[0] for b in self.sent_bounds}
        # Tokens some look-ups need nearby: most tokens have none, and are ruled out at once.
        self._parens = [k for k, t in enumerate(self.toks) if t.text == "("]
        self._company_words = [k for k, t in enumerate(self.toks) if t.low in _COMPANY_SUFFIX]
        self._title_starts = {k for k, t in enumerate(self.toks)
                              if t.key in lex.title_starts}
        # the first two words of names after "Kecamatan", "Desa" ...: the same words
        # later without that word still name the district ("ke Batang Alai Selatan")
        self._part_names = {(self.toks[k + 1].low, self.toks[k + 2].low)
                            for k in range(len(self.toks) - 2)
                            if self.toks[k].low in _PLACE_PART_WORDS and self.toks[k].cap
                            and self.toks[k + 1].cap and self.toks[k + 2].cap}
        self.mentions: list[Mention] = []
        self.orgs: list[OrgMention] = []
        self.officials: list[OfficialMention] = []
        self.learned_acronyms: dict[str, OrgRef] = {}
        self._start_cache: dict[str, tuple[list, int, list[int]]] = {}
        self._trigger_cache: dict[str, list[tuple[Trigger, int]]] = {}
        self.doc_countries: set[str] = set()
        self._joint: dict[int, set] = {}  # sentence -> the pairs of its joint agreement

    # ------------------------------------------------------------ helpers
    def span(self, i: int, j: int) -> Span:
        return Span(self.toks[i].start, self.toks[j - 1].end, self.toks[i].sent)

    def surface(self, i: int, j: int) -> str:
        return self.doc.content[self.toks[i].start:self.toks[j - 1].end]

    def _spelled(self, i: int, j: int) -> str:
        """The surface of tokens [i, j), with respelled tokens as their text."""
        out: list[str] = []
        for k in range(i, j):
            t = self.toks[k]
            if t.text != self.doc.content[t.start:t.end]:
                if out and k > i and self.toks[k - 1].end == t.start:
                    out.append(" ")
                out.append(t.text)
            else:
                out.append(self.doc.content[self.toks[k - 1].end:t.start] if k > i else "")
                out.append(t.text)
        return "".join(out)

    def same_sentence(self, i: int, j: int) -> bool:
        return 0 <= i < len(self.toks) and 0 <= j < len(self.toks) and \
            self.toks[i].sent == self.toks[j].sent

    def tok(self, i: int) -> Tok | None:
        return self.toks[i] if 0 <= i < len(self.toks) else None

    def _marked_within(self, marks: list[int], i: int, n: int) -> bool:
        """Some token of `marks` (sorted indices) is among the n tokens after token i."""
        k = bisect_right(marks, i)
        return k < len(marks) and marks[k] <= i + n

    def glued(self, i: int) -> bool:
        """Token i follows token i-1 with no space ("Gyeonggi-do", "Anhui-Indonesia")."""
        return i > 0 and self.toks[i - 1].end == self.toks[i].start

    def is_cap(self, i: int) -> bool:
        t = self.tok(i)
        return t is not None and t.cap

    # ------------------------------------------------------------ regions
    def find_regions(self) -> None:
        toks, gaz = self.toks, self.gaz
        # pass 1: the countries named anywhere, to license foreign cities/provinces
        raw: list[tuple[int, int, list]] = []
        end = 0  # mentions do not overlap: the scan resumes after each one
        # a region name starts with a capital or a digit
        for i in [k for k, t in enumerate(toks) if t.cap or (t.word and t.text[0].isdigit())]:
            if i < end:
                continue
            hit = self._region_at(i)
            if hit:
                j, cands = hit
                raw.append((i, j, cands))
                for c in cands:
                    if gaz.get(c.region_id).cls == "Country":
                        self.doc_countries.add(c.region_id)
                end = j
        self.doc_countries.add("country/ID")  # Indonesian news: Indonesia is always context
        for i, j, cands in raw:
            rid = self._choose(i, j, cands)
            if rid:
                self.mentions.append(Mention(rid, i, j))
        self._prefer_named_town(raw)
        if gaz.minor_towns and len(self.doc_countries) > 1:
            self._minor_towns({k for i, j, _ in raw for k in range(i, j)})
        self._fuzzy_regions()
        self.mentions.sort(key=lambda m: m.i)
        self._prefer_named_regency()
        self._mark_locators()

    def _prefer_named_town(self, raw: list[tuple[int, int, list]]) -> None:
        """A bare foreign name shared by a town and its province or governorate ("Irbid")
        means the town when the article calls it a town elsewhere ("Kota Irbid") and never
        names the province as such."""
        if len(self.doc_countries) < 2:
            return
        gaz, toks = self.gaz, self.toks
        towns: set[str] = set()
        provinces: set[str] = set()
        for m in self.mentions:
            r = gaz.get(m.region_id)
            if r.country == "ID" or r.cls == "Country":
                continue
            before = toks[m.i - 1].low if m.i > 0 and self.same_sentence(m.i - 1, m.i) else ""
            after = toks[m.j].low if m.j < len(toks) and self.same_sentence(m.j - 1, m.j) else ""
            if r.cls == "City" and (before in {"kota", "city"} or after == "city"):
                towns.add(m.region_id)
            elif r.cls == "Province" and (before in _REGION_WORDS or after in _REGION_WORDS):
                provinces.add(m.region_id)
        if not towns:
            return
        cands_at = {i: cands for i, _, cands in raw}
        for m in self.mentions:
            if m.region_id in provinces or gaz.get(m.region_id).cls != "Province":
                continue
            town = [c.region_id for c in cands_at.get(m.i, ()) if c.region_id in towns]
            if town:
                m.region_id = town[0]

    def _minor_towns(self, covered: set[int]) -> None:
        """Small foreign towns (the gazetteer's `minor_towns`) of a country the text names,
        where the text itself makes the name a town at least once: "kota X", "Konsul RI
        di X", "X, ibu kota ...", "X, <a region or country of its own country>"; then
        every mention of that name in the article."""
        toks, gaz = self.toks, self.gaz
        hits: list[tuple[int, int, str]] = []
        first = gaz.minor_first
        for i, t in enumerate(toks):
            if not t.cap or t.key not in first or i in covered or t.low in self.lex.stopwords \
                    or t.low in self.lex.titles or t.text.isupper():
                continue
            words: list[str] = []
            for k in range(i, min(i + 3, len(toks))):
                if not toks[k].word or not toks[k].cap or not self.same_sentence(i, k) or \
                        k in covered:
                    break
                words.append(toks[k].key)
                for rid in gaz.minor_towns.get(" ".join(words), ()):
                    if f"country/{gaz.get(rid).country}" in self.doc_countries:
                        hits.append((i, k + 1, rid))
        if not hits:
            return
        by_start: dict[int, list[tuple[int, int, str]]] = {}
        for i, j, rid in hits:
            by_start.setdefault(i, []).append((i, j, rid))
        named: dict[str, str] = {}  # a town's name -> its id, once the text makes it a town
        for i, j, rid in hits:
            if self._town_context(i, j, gaz.get(rid).country):
                named.setdefault(self.surface(i, j).casefold(), rid)
        end = 0
        for i in sorted(by_start):
            if i < end:
                continue
            i, j, _ = max(by_start[i], key=lambda h: h[1])
            town = named.get(self.surface(i, j).casefold())
            if town is not None:
                self.mentions.append(Mention(town, i, j))
                end = j

    def _town_context(self, i: int, j: int, country: str) -> bool:
        """Tokens [i, j) are called a town by the words around them."""
        toks = self.toks
        prev = toks[i - 1].low if i > 0 and self.same_sentence(i - 1, i) else ""
        if prev in {"kota", "city", "town", "kotamadya"} or self._diplomatic_post_before(i) or \
                self._regional_title_before(i):
            return True
        nxt = [t.low for t in toks[j:j + 3] if t.sent == toks[i].sent]
        if len(nxt) >= 2 and nxt[0] in {",", "("} and nxt[1] in {"ibu", "ibukota", "kota",
                                                                    "capital", "town"}:
            return True
        if nxt and nxt[0] in {",", "("}:
            after = self.region_at_token(j + 1)
            return after is not None and after.i == j + 1 and \
                self.gaz.get(after.region_id).country == country
        return False

    def _prefer_named_regency(self) -> None:
        """A bare name shared by a kota and a kabupaten ("Kediri", "Malang") means the
        kota, unless its own words say kabupaten ("Pemkab Malang", "Bupati Kediri") or the
        article names the kabupaten ("Kabupaten Kediri") and never the kota."""
        toks = self.toks
        twins: dict[str, str] = {}
        for m in self.mentions:
            r = self.gaz.get(m.region_id)
            if r.cls != "City" or r.country != "ID" or m.region_id in twins or \
                    r.name.startswith("Kabupaten"):
                continue
            kab = [c.region_id for c in self.gaz.lookup("kabupaten " + norm(r.name))]
            if kab:
                twins[m.region_id] = kab[0]
        if not twins:
            return
        kota_named: set[str] = set()
        kab_named = set()
        bare: list[tuple[Mention, bool]] = []
        for m in self.mentions:
            k = m.i - 1
            while k >= 0 and toks[k].text in {"(", ")"} and self.same_sentence(k, m.i):
                k -= 1
            before = toks[k].low if k >= 0 and self.same_sentence(k, m.i) else ""
            first = toks[m.i].low
            if m.region_id in twins:
                if first in {"kota", "city"} or before in {"kota", "pemkot", "walikota",
                                                           "wawali", "city", "setdako",
                                                           "setdakot", "sekdako", "sekdakot"}:
                    kota_named.add(m.region_id)
                else:
                    bare.append((m, before in {"pemkab", "bupati", "kab", "kabupaten",
                                               "setdakab", "sekdakab", "wabup", "regency"}))
            elif m.region_id in twins.values():
                kab_named.add(m.region_id)
        kab_named.update(twins[m.region_id] for m, marked in bare if marked)
        for m, marked in bare:
            twin = twins[m.region_id]
            if marked or (twin in kab_named and m.region_id not in kota_named):
                m.region_id = twin

    def _region_at(self, i: int):
        """The longest gazetteer name at token i (a capitalised word or a number)."""
        toks = self.toks
        best = None
        k = i
        words: list[str] = []
        sent = toks[i].sent
        while k < len(toks) and len(words) < self.gaz.max_tokens and toks[k].sent == sent:
            t = toks[k]
            if t.word:
                words.append(t.key)
                key = " ".join(words)
                if key not in self.gaz.prefixes:
                    break
                cands = self.gaz.lookup(key)
                if cands:
                    best = (k + 1, cands)
                k += 1
            elif t.text in "-'’." and k + 1 < len(toks) and self.glued(k) and self.glued(k + 1):
                k += 1  # "Gyeonggi-do", "Tojo Una-Una"
            else:
                break
        if not best:
            return None
        j, cands = best
        nxt = toks[j] if j < len(toks) and toks[j].sent == sent else None
        if nxt is not None and nxt.cap and len(nxt.low) >= 4 and nxt.low not in _COMPASS:
            # "Kabupaten Gorontalo Utar": a misspelt compass word ends the name
            for compass in _COMPASS:
                if abs(len(compass) - len(nxt.low)) <= 1 and OSA.distance(compass, nxt.low) <= 1:
                    longer = self.gaz.lookup(" ".join(t.key for t in toks[i:j] if t.word) +
                                             " " + compass)
                    if longer:
                        best = (j + 1, longer)
                    break
        if j - i == 1 and toks[i].low in self.lex.stopwords and not (
                i > 0 and toks[i - 1].low in {"provinsi", "prefektur"} and toks[i].cap):
            return None  # "Western" is a word, "Provinsi Western" a province
        if j - i > 1 and toks[j - 1].low in {"province", "prefecture"}:
            # "Western Province": also the provinces named "Western" (Sri Lanka's ISO name
            # is "Western Province", Papua New Guinea's "Western")
            stem = [c for c in self.gaz.lookup(" ".join(t.key for t in toks[i:j - 1]
                                                        if t.word))
                    if self.gaz.get(c.region_id).cls == "Province" and c not in cands]
            if stem:
                best = (j, [*cands, *stem])
        if i > 0 and toks[i - 1].low in _LANGUAGE_WORDS and self.same_sentence(i - 1, i):
            return None  # "bahasa Inggris", "berbahasa Jepang": a language, not the country
        if j - i == 1 and self._word_not_place(i):
            return None
        if toks[i].low not in _GOV_MARKERS and self._in_place_part_list(i) and not any(
                self.gaz.get(c.region_id).cls == "Country" for c in best[1]):
            return None  # "di Kecamatan Tigapanah dan Simpang Empat": districts too (not
            # "distrik North Fly, Papua Nugini": a country locates the district)
        if i > 0 and toks[i - 1].low in _FACILITY_WORDS and self.same_sentence(i - 1, i) and \
                not self._regional_title_before(i):
            return None  # "Selat Malaka", "Jalan Sudirman"; not "Datuk Bandar Kuching"
        if j - i == 1 and toks[i].low in self.lex.titles and not (
                i > 0 and self.same_sentence(i - 1, i) and (
                    toks[i - 1].low in {"pemkab", "pemkot", "pemprov", "kab", "kabupaten"} or
                    self._regional_title_before(i))):
            return None  # "Karo" (Kepala Biro) is a title; "Bupati Karo" governs a regency
        if j < len(toks) and self.glued(j) and toks[j].text == "-" and j + 1 < len(toks) \
                and toks[j + 1].word and toks[j + 1].text[0].islower():
            return None  # "Jawa-nya", part of a compound word
        return best

    def _word_not_place(self, i: int) -> bool:
        """A one-word place name that is part of another name or an ordinary word here:
        "Bukit Batu", "Kecamatan X" (a district), "Sri Bima" (a person's name after an
        honorific), "Trans Metro Dewata" (inside a run of capitalised words), "Puncak
        kemarau" (a common noun opening the sentence)."""
        toks = self.toks
        t = toks[i]
        prev = toks[i - 1] if i > 0 and toks[i - 1].sent == t.sent else None
        nxt = toks[i + 1] if i + 1 < len(toks) and toks[i + 1].sent == t.sent else None
        if prev is not None and prev.low in _PLACE_PART_WORDS:
            return True
        if prev is not None and prev.low in _NAMED_AFTER_PLACE and prev.text[0].isupper() and \
                i - 1 not in self.sent_start:
            return True  # "Pasar Hongkong", "Pasar Jepang" (a market's name; not "pasar Jepang")
        if nxt is not None and nxt.cap and (t.low, nxt.low) in self._part_names:
            return True  # "Kecamatan Batang Alai Selatan" ... "ke Batang Alai Selatan"
        if nxt is not None and nxt.cap and f"{t.low} {nxt.low}" in _CONTINENT_PARTS:
            return True  # "Amerika Latin", "Eropa Timur": a part of a continent
        if prev is not None and prev.cap and prev.low in _NAME_PREFIXES:
            return True
        if prev is not None and t.low in self.lex.name_word_places and prev.cap and \
                prev.low not in _GOV_MARKERS and prev.low not in self.lex.titles and \
                prev.low not in self.lex.title_starts and i - 1 not in self.sent_start:
            return True  # "Pelabuhan Perikanan Nusantara", "Yayasan Alam Nusantara": a name
        opening = prev is None or prev.text in {'"', "“", "'", "‘", "("}
        if opening and t.low in self.lex.common_word_places and nxt is not None and nxt.word and \
                nxt.text[0].islower():
            return True
        if prev is None or nxt is None or not (prev.cap and nxt.cap) or prev.text.isupper() \
                or nxt.text.isupper():
            return False
        if self._headlines is None:
            self._headlines = self._headline_sentences()
        if t.sent in self._headlines:
            # a headline is all capitals: only a run the body repeats is a name
            run = self.doc.content[prev.start:nxt.end]
            sent = self.doc.sentences[t.sent]
            content = self.doc.content
            if run not in content[:sent.start] and run not in content[sent.end:]:
                return False
        lex = self.lex
        for w in (prev, nxt):
            if w.low in _GOV_MARKERS or w.low in lex.titles or w.low in lex.title_starts or \
                    w.low in lex.honorifics or w.low in lex.agency_words or \
                    w.low in self.lex.stopwords or w.low in _HEAD_STARTS or \
                    w.low in _WEEKDAYS or w.low in _MONTHS or w.low in _COMPASS or \
                    self.gaz.lookup(w.key):
                return False
        return True  # "Bus Trans Metro Dewata": a brand or a name holding the place's name

    _headlines: set[int] | None = None

    def _in_place_part_list(self, i: int) -> bool:
        """Token i opens a name listed after a district or village word ("Kecamatan
        Tigapanah dan Simpang Empat", "Desa A, B, dan C"): it names one too."""
        toks = self.toks
        k = i - 1
        if k < 1 or not self.same_sentence(k, i) or toks[k].low not in {"dan", "serta", ",",
                                                                           "&", "and"}:
            return False
        while k > 0 and i - k < 12 and self.same_sentence(k, i):
            t = toks[k]
            if t.low in _PLACE_PART_WORDS or t.low in {"kecamatan", "kelurahan", "desa"}:
                return True
            if not (t.cap or t.low in {"dan", "serta", ",", "&", "and", "-"}) or \
                    t.low in _GOV_MARKERS:
                return False
            k -= 1
        return False

    def _choose(self, i: int, j: int, cands) -> str | None:
        gaz = self.gaz
        prev = self.tok(i - 1)
        nxt = self.tok(j)
        before = prev.low if prev and self.same_sentence(i - 1, i) else ""
        after = nxt.low if nxt and self.same_sentence(j, j - 1) else ""
        # "City of Kamloops", "Province of Cebu": named as a town or province outright
        styled = before == "of" and i > 1 and self.same_sentence(i - 2, i) and \
            self.toks[i - 2].low in {"city", "province", "prefecture", "municipality",
                                     "county", "regency"} and self.toks[i - 2].cap
        options: list[tuple[int, str]] = []
        for c in cands:
            r: Region = gaz.get(c.region_id)
            if r.country == "ID" or r.cls == "Country":
                score = 100 if r.country == "ID" else 90
            else:
                if j - i == 1 and self.lex.agency(self.toks[i].text) is not None:
                    continue  # "Komandan Korem ...": the agency, not a town abroad named so
                explicit = before in {"provinsi", "prefektur", "negara", "kota", "city", "state",
                                      "province", "wilayah"} or after in {"province", "city",
                                                                          "prefecture", "state"} \
                    or (c.strong and self._regional_title_before(i)) \
                    or (c.strong and self._diplomatic_post_before(i)) or styled
                licensed = f"country/{r.country}" in self.doc_countries or \
                    r.population >= 5_000_000 or c.curated
                if not (explicit or licensed):
                    continue
                if not c.strong and not licensed and not styled:
                    continue
                if not c.strong and not explicit and self._name_continues(j) and \
                        not self._regional_title_before(i) and \
                        not any(x.region_id == f"country/{r.country}"
                                for x in gaz.lookup(self.toks[j].key)):
                    # (not "San Sebastián Spanyol": the town, then its country)
                    continue  # "Lubuk Pakam" is not Lubbock (alternate name "Lubuk")
                score = 50 + (10 if c.strong else 0)
                if f"country/{r.country}" in self.doc_countries and not any(
                        gaz.get(x.region_id).cls == "Country" for x in cands):
                    score += 25  # "Western Province ... Papua Nugini": the named country's
                if r.cls == "City":
                    score += 15 if r.population >= 1_000_000 else -5
                    if before in {"kota", "city"}:
                        score += 30
                elif before in {"provinsi", "province", "prefektur", "negara"} or \
                        after in {"province", "prefecture", "state"}:
                    score += 30
            options.append((score, c.region_id))
        if not options:
            return None
        options.sort(key=lambda x: (-x[0], x[1]))
        return options[0][1]

    def _name_continues(self, j: int) -> bool:
        """Token j, right after a place's name, is a capitalised word that goes on with
        the name: the words before it are only the first part of a longer name."""
        t = self.tok(j)
        if t is None or not self.same_sentence(j - 1, j) or not t.word or \
                not t.text[0].isupper() or t.text.isupper() or j in self.sent_start:
            return False
        low = t.low
        return not (low in _GOV_MARKERS or low in _COMPASS or low in self.lex.stopwords or
                    low in self.lex.titles or low in self.lex.title_starts or
                    low in _WEEKDAYS or low in _MONTHS or low in _REGION_WORDS or
                    low in _LOCAL_GOV_WORDS)

    def _diplomatic_post_before(self, i: int) -> bool:
        """Token i names where a mission sits: "Konsul RI di Tawau", "Konsul Jenderal
        Republik Indonesia di Davao", "KJRI Kuching", "Konsulat Indonesia di Vanimo"."""
        toks = self.toks
        k = i - 1
        if k >= 0 and self.same_sentence(k, i) and toks[k].low in {"di", "in", "at"}:
            k -= 1
        for m in range(k, max(k - 5, -1), -1):
            if not self.same_sentence(m, i):
                return False
            low = toks[m].low
            if low in _MISSION_WORDS:
                return True
            if low not in _MISSION_FILLERS:
                return False
        return False

    def _regional_title_before(self, i: int) -> bool:
        """A regional head's title ends right before token i ("Menteri Besar Johor",
        "Premier Queensland", "Ketua Menteri Sarawak"): the place is what the title governs."""
        toks = self.toks
        if i > 1 and toks[i - 1].text == ")":  # "Oberbürgermeister (Wali Kota) Bochum"
            opening = next((x for x in range(i - 2, max(i - 7, 0), -1) if toks[x].text == "("),
                           None)
            if opening is not None and self.same_sentence(opening, i):
                i = opening
        for n in range(1, min(self.lex.title_max_tokens, i) + 1):
            if not self.same_sentence(i - n, i):
                break
            title = self.lex.titles.get(" ".join(t.key for t in toks[i - n:i]))
            if title and title.scope == "regional" and toks[i - n].text[0].isupper():
                return True
        return False

    def _fuzzy_regions(self) -> None:
        """Misspellings: an unknown capitalised word right after a region word
        ("Provinsi Anhuui"), or one close to a region already named in this article."""
        known = {m.region_id for m in self.mentions}
        covered = {k for m in self.mentions for k in range(m.i, m.j)}
        names_of: dict[str, list[str]] = {}  # one-word names of a region, casefolded
        for i, t in enumerate(self.toks):
            if not t.cap or len(t.text) < 5 or i in covered:
                continue
            if t.low in self.lex.stopwords or t.low in self.lex.titles:
                continue
            if self.lex.agency(t.text) or t.low in self.lex.agency_words:
                continue
            if t.low in self.lex.name_word_places:
                continue  # "Yayasan Konservasi Alam Nusantara": rejected above, no misspelling
            prev = self.tok(i - 1)
            after_marker = prev is not None and prev.low in {"provinsi", "negara", "republik",
                                                             "kota", "kabupaten", "dari"}
            best: tuple[float, str] | None = None
            pool = known if not after_marker else known | set(self.doc_countries)
            for rid in pool:
                names = names_of.get(rid)
                if names is None:
                    r = self.gaz.get(rid)
                    names = names_of[rid] = [name.casefold() for name in (r.name, *r.aliases)
                                             if " " not in name.strip()]
                for name in names:
                    sc = ratio(t.low, name, score_cutoff=88)  # below the cutoff: 0
                    if sc >= 88 and (best is None or sc > best[0]):
                        best = (sc, rid)
            if best:
                self.mentions.append(Mention(best[1], i, i + 1))

    def _mark_locators(self) -> None:
        ms = self.mentions
        for a, b in itertools.pairwise(ms):
            between = [t.text for t in self.toks[a.j:b.i]]
            if (between in ([","], ["("], []) or (
                    len(between) <= 3 and between[0] in {",", "("} and
                    all(w.casefold() in _REGION_WORDS for w in between[1:])) or (
                    # "Olomouc, ibu kota Region Olomouc": the capital of its region
                    len(between) <= 4 and between[0] == "," and
                    {w.casefold() for w in between[1:]} & {"ibu", "ibukota", "capital"} and
                    all(w.casefold() in _PLACE_LINK for w in between[1:])) or
                    self._appositive_place(a.j, b.i)) and \
                    (b.region_id in self.gaz.ancestors(a.region_id) or
                     self._unplaced_city_in(a.region_id, b.region_id)):
                b.locator = True  # also "Kamloops, Provinsi British Columbia"
            if between == ["("] and b.region_id == a.region_id:
                b.locator = True  # "Kalimantan Timur (Kaltim)"
        for m in ms:
            prev = self.tok(m.i - 1)
            if prev and prev.low in _LOCATIVE and self.same_sentence(m.i - 1, m.i):
                m.locative = True
            elif prev and prev.low in _LOCATIVE_CLASS and prev.text[0].isupper() and \
                    m.i > 1 and self.toks[m.i - 2].low in _LOCATIVE and \
                    self.same_sentence(m.i - 2, m.i):
                m.locative = True  # "ditandatangani di Kota Fès": a venue too
            elif prev and prev.low in {"dan", "serta", "atau", "and"} and \
                    self._coordinated_after_locative(m.i - 1):
                m.locative = True  # "bergantian di Arso dan Vanimo": both are venues

    def _coordinated_after_locative(self, k: int) -> bool:
        """Token k ("dan") follows one or more capitalised place names opened by a
        locative ("di A dan", "di A, B dan")."""
        toks = self.toks
        seen_name = False
        for x in range(k - 1, max(k - 9, -1), -1):
            if not self.same_sentence(x, k):
                return False
            t = toks[x]
            if t.cap and t.low not in _GOV_MARKERS and t.low not in self.lex.titles:
                seen_name = True
            elif t.low == ",":
                if not seen_name:
                    return False
            elif t.low in _LOCATIVE and t.text.islower():
                return seen_name
            else:
                return False
        return False

    def _appositive_place(self, j: int, i: int) -> bool:
        """Tokens j..i are an apposition that places the town before it in the region
        after it: "Vlissingen, kota pelabuhan di Provinsi Zeeland", "Hildesheim, kota tua
        di negara bagian Niedersachsen"."""
        toks = self.toks
        if not 3 <= i - j <= 9 or toks[j].text != "," or not self.same_sentence(j, i):
            return False
        k = j + 1
        if toks[k].low not in _APPOSITION_HEADS or not toks[k].text.islower():
            return False
        while k < i and toks[k].word and toks[k].text.islower() and \
                toks[k].low not in _LOCATIVE:
            k += 1
        if k >= i or toks[k].low not in {"di", "in"}:
            return False
        return all(t.low in _REGION_WORDS for t in toks[k + 1:i])

    def _unplaced_city_in(self, city: str, province: str) -> bool:
        """`city` is a town whose province the gazetteer does not know, and `province` a
        province of its country."""
        ra, rb = self.gaz.get(city), self.gaz.get(province)
        return ra.cls == "City" and rb.cls == "Province" and ra.country == rb.country and \
            not any(self.gaz.get(x).cls == "Province" for x in self.gaz.ancestors(city))

    def located_pairs(self) -> list[tuple[str, str]]:
        """Cities the text places in a first-level region that the gazetteer does not
        know: "Brisbane, Queensland", "Nanning, ibu kota Guangxi", "Suwon di Gyeonggi",
        "Bukhara merupakan ibu kota Provinsi Bukhara", "Grasse terletak di Departemen
        Var, wilayah Provence"; and the other way round, "Negara Bagian Goiás yang beribu
        kota di Goiânia"."""
        out = []
        ms = self.mentions
        for a, b in itertools.pairwise(ms):
            ra, rb = self.gaz.get(a.region_id), self.gaz.get(b.region_id)
            if ra.country != rb.country or not self.same_sentence(a.i, b.i):
                continue
            if ra.cls == "Province" and rb.cls == "City" and rb.parent != ra.region_id:
                between = [t.low for t in self.toks[a.j:b.i]]
                if between and len(between) <= 6 and \
                        all(w in _SEAT_LINK or w in _PLACE_LINK for w in between) and \
                        any(w in {"beribu", "beribukota", "ibukota", "capital"} or
                            w == "ibu" for w in between):
                    out.append((b.region_id, a.region_id))
                continue
            if ra.cls != "City" or rb.cls != "Province" or ra.parent == rb.region_id:
                continue
            between = self._link_words(a.j, b.i)
            if (between and len(between) <= 7 and
                    all(w in _PLACE_LINK or w in _LOCATING for w in between) and
                    (between[0] in {",", "di", "in", "("} or between[0] in _LOCATING)) or \
                    self._appositive_place(a.j, b.i):
                out.append((a.region_id, b.region_id))
        return out

    def _link_words(self, j: int, i: int) -> list[str]:
        """The words from token j to token i, with a named unit below the region left out
        ("di Departemen Var, wilayah": "di , wilayah")."""
        out: list[str] = []
        k = j
        while k < i:
            t = self.toks[k]
            if t.low in _SUBUNIT_PLACE_WORDS and t.cap and k + 1 < i and self.toks[k + 1].cap:
                k += 1
                while k < i and (self.toks[k].cap or (
                        self.toks[k].text in "-'’" and self.glued(k) and self.glued(k + 1))):
                    k += 1
                continue
            out.append(t.low)
            k += 1
        return out

    # Mentions and organisations are kept sorted by start token; these look-ups bisect
    # (a cached list of starts, rebuilt when the list changes) so long articles stay linear.
    def _starts(self, items: list, name: str) -> list[int]:
        cached = self._start_cache.get(name)
        if cached is None or cached[0] is not items or cached[1] != len(items):
            cached = (items, len(items), [x.i for x in items])
            self._start_cache[name] = cached
        return cached[2]

    def mentions_between(self, lo: int, hi: int) -> list[Mention]:
        starts = self._starts(self.mentions, "mentions")
        return self.mentions[bisect_left(starts, lo):bisect_left(starts, hi)]

    def orgs_between(self, lo: int, hi: int) -> list[OrgMention]:
        starts = self._starts(self.orgs, "orgs")
        return self.orgs[bisect_left(starts, lo):bisect_left(starts, hi)]

    def region_at_token(self, i: int) -> Mention | None:
        """The region mention covering token i ("Surabaya" in "Wali Kota Surabaya")."""
        starts = self._starts(self.mentions, "mentions")
        k = bisect_right(starts, i) - 1
        if k >= 0 and self.mentions[k].i <= i < self.mentions[k].j:
            return self.mentions[k]
        return None

    # ------------------------------------------------------------ organisations
    def find_orgs(self) -> None:
        toks = self.toks
        agencies = self.lex.agencies
        # An uncapitalised word starts no organisation (see `_org_at`) unless it is an
        # agency acronym or joins a name defined by acronym.
        starts = [k for k, t in enumerate(toks) if t.cap or (t.word and (
            t.text.isupper() or t.low in agencies or t.low in _NAME_JOINERS))]
        end = 0
        for i in starts:
            if i < end:
                continue
            found = self._org_at(i)
            if found and self.orgs and self.orgs[-1].j == i and toks[i].low == "kantor" and \
                    found.j > i + 1 and toks[i + 1].low in _UNIT_WORDS and \
                    self.same_sentence(self.orgs[-1].i, i):
                # "Perum Bulog Kantor Cabang X", "Bank Y Kantor Wilayah Z": the branch of
                # the body just named, not a body of its own
                for m in self.mentions_between(i, found.j):
                    m.in_org = True
                end = found.j
                continue
            if found:
                self.orgs.append(found)
                end = found.j
        named_spans = [(o.i, o.j) for o in self.orgs if o.ref.kind in {"perusahaan",
                                                                        "universitas"}]
        self.mentions = [m for m in self.mentions
                         if not any(a <= m.i < b for a, b in named_spans)]
        by_name = {norm(ref.name): ref for ref in self.learned_acronyms.values()}
        for o in self.orgs:
            ref = by_name.get(norm(o.ref.name))
            if ref is not None and ref.key != o.ref.key and (
                    o.ref.region_id is None or o.ref.region_id == ref.region_id):
                o.ref = OrgRef(ref.key, o.ref.name, o.ref.kind, ref.region_id, ref.acronym,
                               o.ref.surface, o.ref.span)
            for m in self.mentions_between(o.i, o.j):
                m.in_org = True
            if o.ref.kind == "universitas":
                # "Universitas Pattimura (Unpatti) Ambon": the town right after a university
                # is its seat, not a party of its own
                seat = self.region_at_token(o.j)
                if seat is not None and seat.i == o.j and self.same_sentence(o.i, o.j) and \
                        self.gaz.get(seat.region_id).cls != "Country":
                    seat.in_org = True
        self._mark_unit_regions()

    def _mark_unit_regions(self) -> None:
        """Regions named in a body's unit ("PT PLN (Persero) Unit Induk Wilayah Sulawesi
        Selatan, Sulawesi Tenggara dan Sulawesi Barat", "Bank X Kantor Cabang Medan"): after
        a capitalised unit word inside a name, they and the places listed with them belong
        to the name and are no parties."""
        toks = self.toks
        ms = self.mentions
        inside = False
        for n, m in enumerate(ms):
            prev, prev2 = self.tok(m.i - 1), self.tok(m.i - 2)
            if prev is not None and prev.low in _UNIT_WORDS and prev.cap and prev2 is not None \
                    and (prev2.cap or prev2.text == ")") and self.same_sentence(m.i - 2, m.i):
                m.in_org = inside = True
                continue
            if inside and n > 0:
                a = ms[n - 1]
                between = [t.low for t in toks[a.j:m.i]]
                if between and all(w in {",", "dan", "serta", "&", "and"} for w in between) \
                        and not self._gov_marked(m.i) and self.same_sentence(a.i, m.i):
                    m.in_org = True
                    continue
            inside = False

    def _region_chunk(self, i: int) -> tuple[int, str | None]:
        """Optional region qualifier after an organisation or title: markers such as
        'Provinsi', 'Pemprov', 'of The City of' then a region mention."""
        k = i
        while k < len(self.toks) and self.toks[k].low in _GOV_MARKERS and self.same_sentence(i, k):
            k += 1
        m = self.region_at_token(k)
        if m and self.same_sentence(i, k):
            return m.j, m.region_id
        return i, None

    def _org_at(self, i: int) -> OrgMention | None:
        toks = self.toks
        t = toks[i]
        if not t.word:
            return None
        # acronyms from the text ("... (DPMPTSP)") or the lexicon
        learned = self._learned_at(i)
        if learned and not (i > 0 and toks[i - 1].text == "("):
            ref, j0 = learned
            j, rid = self._region_chunk(j0)
            if rid is not None and ref.region_id is None and ref.kind == "lembaga" and \
                    self.gaz.get(rid).cls == "Country" and not self.lex.agency(ref.acronym or ""):
                j, rid = j0, None  # "KOICA Indonesia Office": the agency's office abroad
            elif rid is not None and ref.region_id is None and ref.kind in _BRANCHED and \
                    not self.lex.agency(ref.acronym or ""):
                rid = None  # "Bank Jatim Madiun" (short name defined in the text): a branch
            return OrgMention(self._ref(ref.name, ref.kind, rid or ref.region_id, ref.acronym,
                                        i, j), i, j)
        agency = self._agency_token(i)
        if agency and not self._is_paren_acronym(i):
            j = i + 1
            # "Disperindagkop dan UKM": the connector plus another acronym continue it
            while j + 1 < len(toks) and toks[j].low in {"dan", "&"} and toks[j + 1].text.isupper() \
                    and self.same_sentence(i, j + 1) and len(toks[j + 1].text) >= 2 \
                    and not self.region_at_token(j + 1):
                j += 2
            proper = j
            if agency.name.startswith("Rumah Sakit"):
                # "RSUD Ulin", "RSUD Dr. Soetomo": a hospital's own name follows the class
                while proper < len(toks) and proper - j < 4 and self.same_sentence(i, proper) \
                        and self.is_cap(proper) and not self.region_at_token(proper) and \
                        not self.org_at_token(proper) and toks[proper].low not in self.lex.titles \
                        and toks[proper].low not in _GOV_MARKERS:
                    proper += 2 if proper + 1 < len(toks) and toks[proper + 1].text == "." \
                        else 1
            elif agency.kind == "universitas" and _is_class_name(agency.name):
                # "UIN Sunan Ampel", "IAIN Kerinci": a state Islamic university's own name
                # (often a person's) follows its class
                proper = self._own_name_end(proper, most=4)
                if proper > j:
                    name = f"{agency.name} {self.surface(j, proper)}"
                    j2, rid = self._region_chunk(proper)
                    return OrgMention(self._ref(name, agency.kind, rid, None, i, j2,
                                                scope=agency.scope), i, j2)
            elif agency.kind == "bumd" and agency.scope == "regional" and proper == i + 1:
                # "Perumda Air Minum Tirta Bukit Sulap", "PDAM Tirta Pakuan": a regional
                # company's own name follows its class
                proper = self._own_name_end(proper, most=6)
            j2, rid = self._region_chunk(proper)
            foreign = rid is not None and self.gaz.get(rid).country != "ID"
            name = self.surface(i, j) if foreign else agency.name
            if proper > j:
                name = f"{agency.name} {self.surface(j, proper)}"
            return OrgMention(self._ref(name, agency.kind, rid, agency.acronym, i, j2,
                                        scope=agency.scope), i, j2)
        head = self._head_at(i, _ORG_HEADS)
        if head:
            hj, kind = head
            j = hj
            joined = None  # where the name stood before a lower-case joiner
            while j < len(toks) and self.same_sentence(i, j):
                tj = toks[j]
                if self.region_at_token(j) and tj.low not in self.lex.agency_words:
                    break
                if tj.low in {"dan", "serta", "&", ","} and j > hj and j + 1 < len(toks) and \
                        toks[j + 1].cap and self._head_at(j + 1, _ORG_HEADS):
                    break  # "Dinas Pertanian dan Dinas Kesehatan": two bodies
                if tj.low in {"kepada", "bagi", "untuk"} and j > hj and j + 1 < len(toks) and \
                        toks[j + 1].low in self.lex.agency_words and toks[j + 1].cap:
                    joined = joined if joined is not None else j  # "Pengabdian kepada Masyarakat"
                    j += 1
                    continue
                if tj.low in self.lex.agency_words or (tj.text.isupper() and len(tj.text) >= 2
                                                      and tj.word):
                    j += 1
                    continue
                if tj.text == "," and j + 1 < len(toks) and \
                        toks[j + 1].low in self.lex.agency_words and toks[j + 1].text[0].isupper():
                    j += 1
                    continue
                if tj.text == "-" and self.glued(j) and j + 1 < len(toks) and \
                        self._head_at(j + 1, _ORG_HEADS):
                    # "Department of ...-Akimat Astana": the parent body is the organisation
                    return self._org_at(j + 1)
                break
            while j > hj and toks[j - 1].low in {"dan", "&", "of", "the", "and", ","}:
                j -= 1
            if joined is not None and not self._paren_acronym(j)[0]:
                j = joined  # kept only in a name its acronym defines
                while j > hj and toks[j - 1].low in {"dan", "&", "of", "the", "and", ","}:
                    j -= 1
            ahead = j
            while ahead < len(toks) and ahead - j < 6 and self.same_sentence(i, ahead) and (
                    self.is_cap(ahead) or (toks[ahead].low in {"dan", "&", "and", "of"} and
                                           ahead > j and self.is_cap(ahead + 1))):
                ahead += 1
            gloss = self._org_gloss_end(ahead) if ahead > j or j > hj else None
            if ahead > j and self._paren_acronym(ahead)[0]:
                j = ahead  # capitalised words up to "(ABC)" are part of the name
            elif gloss is not None:
                # "Kementerian Kota (Ministry of Municipality)": the name up to its English
                # gloss, which is the same body
                name = self.surface(i, ahead)
                j2, rid = self._region_chunk(gloss)
                inner = [m for m in self.mentions_between(j, ahead) if m.j == ahead]
                if rid is None and inner:
                    # "Biro Kelautan Kota Kaohsiung (Marine Bureau)", "Dewan Kota Nadi (Nadi
                    # Town Council)": the region ending the name is the body's
                    rid = inner[0].region_id
                    k = inner[0].i
                    while k > hj and toks[k - 1].low in _GOV_MARKERS:
                        k -= 1
                    if k > hj or kind in {"dewan", "pemerintah"}:
                        name = self.surface(i, k)
                ref = self._ref(name, kind, rid, None, i, j2)
                return OrgMention(ref, i, j2)
            if j == hj and kind not in {"asosiasi", "pemerintah", "dewan", "kedutaan", "konsulat",
                                        "kementerian"}:
                return None  # a bare "Dinas" or "Badan" names no body
            if j == hj and hj == i + 1 and kind == "dewan" and self._region_chunk(j)[1] is None:
                return None  # "Dewan akan mengawasi": the council just named, no new body
            if kind == "kantor":
                for x in range(hj, j):
                    inner = self._agency_token(x)
                    if inner is not None and toks[x].text.isupper():
                        sub = self._org_at(x)  # the branch office is part of that body
                        if sub is not None:
                            return OrgMention(sub.ref, i, max(sub.j, j))
            name = self.surface(i, j)
            name_end = j
            acronym, j = self._paren_acronym(j)
            known = self.lex.agency(acronym) if acronym else None
            j2, rid = self._region_chunk(j)
            if rid is None and known is None and acronym is not None:
                # "Biro Kelautan Kota Kaohsiung (Marine Bureau)": the region ending the
                # name is the body's (not a country: "... Republik Indonesia (X)")
                rid = next((m.region_id for m in self.mentions_between(hj, name_end)
                            if m.j == name_end and self.gaz.get(m.region_id).cls != "Country"),
                           None)
            if acronym is None and j2 > j and kind in {"kedutaan", "konsulat"}:
                acronym, after = self._paren_acronym(j2)
                if acronym:
                    name, j2 = self.surface(i, j2), after
                    known = self.lex.agency(acronym)
            ref = self._ref(name, known.kind if known else kind, rid, acronym, i, j2,
                            scope=known.scope if known else None, canonical_acronym=bool(known))
            if acronym:
                self.learned_acronyms[acronym] = ref
            return OrgMention(ref, i, j2)
        school = self._school_at(i)
        if school is not None:
            return school
        named = self._head_at(i, _NAMED_HEADS)
        if named and self._learned_at(named[0]):
            ref, j = self._learned_at(named[0])  # type: ignore[misc]
            return OrgMention(self._ref(ref.name, ref.kind, ref.region_id, ref.acronym, i, j),
                              i, j)
        if named:
            hj, kind = named
            j = hj
            if self._headlines is None:
                self._headlines = self._headline_sentences()
            headline = toks[i].sent in self._headlines
            joiners = 0  # lower-case words of the name ("de", "la") do not count to its length
            while j < len(toks) and self.same_sentence(i, j) and j - hj - joiners < 5 and \
                    (self.is_cap(j) or (toks[j].low in _NAME_JOINING and (
                        self.is_cap(j + 1) or (j + 1 < len(toks) and
                                               toks[j + 1].low in _NAME_JOINING and
                                               self.is_cap(j + 2))))) and \
                    not (headline and toks[j].low in _HEADLINE_VERBS) and \
                    ((toks[j].low not in self.lex.titles and not self._starts_person(j) and
                      toks[j].low.replace(".", "") not in self.lex.honorifics) or
                     self._hero_name(j, hj)):
                joiners += not toks[j].cap
                j += 1
                if j + 1 < len(toks) and toks[j].text == "-" and self.glued(j) and \
                        self.glued(j + 1) and self.is_cap(j + 1):
                    j += 1  # "Universitas Al-Azhar": a hyphenated name goes on
                    continue
                if j - hj == 1 and toks[j - 1].text.isupper() and len(toks[j - 1].text) >= 2:
                    break  # "PT RBN": an acronym is the whole name
                if toks[j - 1].low in _COMPANY_WORDS and not (
                        j < len(toks) and toks[j].low in _COMPANY_WORDS):
                    break  # "PT Bumi Jaya Abadi" ends there, before "Hendra Wijaya"
            if j == hj:
                return None
            known = self._agency_token(hj) if j - hj == 1 and kind == "perusahaan" else None
            if known is not None:  # "PT PLN", "PT Pelindo": the company the lexicon knows
                return OrgMention(self._ref(known.name, known.kind, None, known.acronym, i, j,
                                            scope=known.scope), i, j)
            start = hj if t.low in {"perusahaan", "perseroan"} else i
            name = self.surface(start, j)
            if kind == "perusahaan" and j + 1 < len(toks) and toks[j].low == "tbk" and \
                    toks[j + 1].text == "(":
                j += 1  # "PT Bank ... Jawa Timur Tbk (Bank Jatim)": the short name after Tbk
            acronym, j = self._paren_acronym(j)
            rid = None
            if acronym and kind == "perusahaan":
                # "PT Bank Pembangunan Daerah (BPD) Jawa Tengah": the regional company
                j0 = j
                j, rid = self._region_chunk(j)
                if j == j0:
                    j = self._own_name_end(j)  # "Perusahaan Umum Daerah (Perumda) Air Minum X"
            ref = self._ref(name, kind, rid, acronym, start, j)
            if acronym:
                self.learned_acronyms[acronym] = ref
            alias, alias_end = self._alias_after(j)
            if alias is not None:
                self.learned_acronyms[alias] = ref  # "PT X (Persero) atau ID FOOD"
                j = alias_end
            return OrgMention(ref, start, j)
        defined = self._defined_by_acronym(i)
        if defined is not None:
            return defined
        suffixed = self._suffix_university(i)
        if suffixed is not None:
            return suffixed
        apposed = self._apposed_body(i)
        if apposed is not None:
            return apposed
        # "JAC Motors", "Hyundai Motor Group": capitalised run ending in a company word
        if t.text[0].isupper() and self._marked_within(self._company_words, i, 4):
            j = i
            while j < len(toks) and self.is_cap(j) and j - i < 5 and self.same_sentence(i, j):
                if toks[j].low in _COMPANY_SUFFIX and j > i:
                    name = self.surface(i, j + 1)
                    return OrgMention(self._ref(name, "perusahaan", None, None, i, j + 1), i, j + 1)
                j += 1
        return None

    def _school_at(self, i: int) -> OrgMention | None:
        """A school: its class (SMK, SMAN, MTsN ...), "Negeri"/"Swasta", its number and the
        place it is in ("SMK Negeri 1 Berastagi", "SMAN 3 Kupang")."""
        toks = self.toks
        t = toks[i]
        if t.low not in _SCHOOL_HEADS or (not t.text.isupper() and t.text not in {"MTs", "MTsN"}):
            return None
        j = i + 1
        if j < len(toks) and toks[j].low in {"negeri", "swasta", "n"} and toks[j].cap:
            j += 1
        if j >= len(toks) or not toks[j].text.isdigit() or len(toks[j].text) > 3 or \
                not self.same_sentence(i, j):
            return None
        j += 1
        k = j
        while k < len(toks) and k - j < 3 and self.is_cap(k) and self.same_sentence(i, k) and \
                not self._starts_person(k) and toks[k].low not in self.lex.titles:
            k += 1
        name = self.surface(i, k)
        return OrgMention(self._ref(name, "sekolah", None, None, i, k), i, k)

    def _apposed_body(self, i: int) -> OrgMention | None:
        """After a comma that closes a lower-case class noun phrase ("lembaga riset
        pertanian Brasil, EMBRAPA", "perusahaan asal Grasse, Société Aromatique de Provence
        (SAP)"): an unknown acronym, or a name its acronym defines, is that body."""
        toks = self.toks
        if i < 2 or toks[i - 1].text != "," or not self.same_sentence(i - 1, i) or \
                not self._body_noun_before(i - 1):
            return None
        if self._unknown_acronym(i) and len(toks[i].text) >= 4 and not (
                i + 1 < len(toks) and self.is_cap(i + 1) and self.same_sentence(i, i + 1)):
            ref = self._ref(toks[i].text, "lembaga", None, toks[i].text, i, i + 1)
            self.learned_acronyms[toks[i].text] = ref
            return OrgMention(ref, i, i + 1)
        j = i
        while j < len(toks) and j - i < 8 and self.same_sentence(i, j) and (
                self.is_cap(j) or (toks[j].low in _FOREIGN_JOINERS | _NAME_JOINERS and
                                   toks[j].text.islower() and self.is_cap(j + 1))):
            j += 1
        acronym, after = self._paren_acronym(j)
        if j - i < 2 or not acronym or not acronym.isupper() or \
                "".join(toks[x].text[0] for x in range(i, j) if self.is_cap(x)) != acronym:
            return None
        kind = "perusahaan" if toks[self._body_noun_before(i - 1) or 0].low in {
            "perusahaan", "korporasi"} else "lembaga"
        ref = self._ref(self.surface(i, j), kind, None, acronym, i, after)
        self.learned_acronyms[acronym] = ref
        return OrgMention(ref, i, after)

    def _body_noun_before(self, comma: int) -> int | None:
        """The token of a lower-case class noun ("lembaga", "perusahaan") that opens the
        phrase ending at the comma at token `comma`, at most eight words back."""
        toks = self.toks
        for k in range(comma - 1, max(comma - 9, -1), -1):
            if not self.same_sentence(k, comma) or not toks[k].word:
                return None
            if toks[k].low in _BODY_NOUNS and toks[k].text.islower():
                return k
        return None

    def _hero_name(self, j: int, hj: int) -> bool:
        """Right after a named body's head, a rank or title opening the name of the person
        the body is named after: "Universitas Jenderal Soedirman", "Universitas Sultan Ageng
        Tirtayasa" (not a degree with its dot, "Universitas Dr. Soetomo" aside)."""
        toks = self.toks
        return j == hj and j + 1 < len(toks) and toks[j].text[0].isupper() and \
            not toks[j].text.isupper() and toks[j + 1].text != "." and self.is_cap(j + 1) and \
            self.same_sentence(j, j + 1) and not self.region_at_token(j + 1)

    def _own_name_end(self, j: int, most: int = 4) -> int:
        """The end of a body's own name of up to `most` capitalised words at token j, after
        its class and acronym ("(Perumda) Air Minum Tirta Kencana"); j when there is none."""
        toks, lex = self.toks, self.lex
        k = j
        while k < len(toks) and k - j < most and self.same_sentence(j, k) and self.is_cap(k) and \
                toks[k].low not in lex.titles and toks[k].low not in lex.title_starts and \
                toks[k].low not in lex.honorifics and \
                toks[k].low not in _HEAD_STARTS and toks[k].low not in _GOV_MARKERS and \
                not self.region_at_token(k) and not self._agency_token(k) and \
                not self._starts_person(k):
            k += 1
        if k < len(toks) and k > j and toks[k].text == "." and len(toks[k - 1].text) <= 3:
            return j  # "Ir.": a person's degree follows, not a name
        return k

    def _suffix_university(self, i: int) -> OrgMention | None:
        """"Hainan University", "Kyoto Sangyo University (KSU)": capitalised words (a place
        name among them) ending in an English head word are one university."""
        toks, lex = self.toks, self.lex
        j = i
        while j < len(toks) and j - i < 4 and self.same_sentence(i, j) and self.is_cap(j) and \
                toks[j].low not in _SUFFIX_UNIVERSITY:
            low = toks[j].low.rstrip(".")
            if low in lex.titles or low in lex.modifiers or low in lex.stopwords or \
                    low in lex.honorifics or low in _HEAD_STARTS or low in _HEADLINE_VERBS:
                return None  # "... Raja Ampat Gandeng James Cook University": a verb
            j += 1
        if j == i or j >= len(toks) or toks[j].low not in _SUFFIX_UNIVERSITY or \
                not toks[j].text[0].isupper() or not self.same_sentence(i, j):
            return None
        name = self.surface(i, j + 1)
        acronym, end = self._paren_acronym(j + 1)
        if acronym is None and j + 2 < len(toks) and toks[j + 1].low in {"in", "at", "of"}:
            # "Tomas Bata University in Zlín (UTB)": the town is part of the name, as the
            # land is in "International Islamic Academy of Uzbekistan"
            k = j + 2
            while k < len(toks) and k - j < 5 and self.is_cap(k) and self.same_sentence(j, k):
                k += 1
            if k > j + 2:
                acronym, end = self._paren_acronym(k)
                if acronym is not None or toks[j + 1].low == "of":
                    name = self.surface(i, k)
                    end = end if acronym is not None else k
        # "Dongying Vocational Institute"; a research institute is no university
        kind = "lembaga" if toks[j].low == "institute" and not any(
            toks[x].low in {"vocational", "technology", "technical", "polytechnic"}
            for x in range(i, j)) else "universitas"
        ref = self._ref(name, kind, None, acronym, i, end)
        if acronym:
            self.learned_acronyms[acronym] = ref
        return OrgMention(ref, i, end)

    def _defined_by_acronym(self, i: int) -> OrgMention | None:
        """"Deutsches Bergbau-Museum Bochum (DBM)", "Korea International Cooperation Agency
        (KOICA)": a capitalised name followed by an acronym starting with its initial."""
        toks = self.toks
        if not self._marked_within(self._parens, i, 8):
            return None  # the name must end at a "(" within eight tokens: usually there is none
        if toks[i].low in self.lex.titles:
            return None
        after_cap = self.is_cap(i - 1) and self.same_sentence(i - 1, i)
        j = i
        while j < len(toks) and j - i < 8 and self.same_sentence(i, j) and (
                self.is_cap(j) or toks[j].low in _NAME_JOINERS):
            j += 1
        if j == i or toks[j - 1].text == "-":
            return None
        acronym, after = self._paren_acronym(j)
        if not acronym or not acronym.isupper() or acronym[0] != toks[i].text[0].upper():
            return None
        if after_cap and "".join(toks[x].text[0] for x in range(i, j)
                                 if self.is_cap(x)) != acronym:
            # after a capitalised word only a name whose initials spell the acronym:
            # "Direktur Divisi Ekonomi Taipei Economic and Trade Office (TETO)"
            return None
        if all(self.region_at_token(x) for x in range(i, j) if toks[x].word):
            return None
        if not any(toks[x].low in _BODY_WORDS for x in range(i, j)):
            return None  # "Kuliah Kerja Nyata (KKN)" is a programme, not a body
        words = {toks[x].low for x in range(i, j)}
        kind = "asosiasi" if words & {"chamber", "association", "federation"} else \
            "universitas" if words & _SUFFIX_UNIVERSITY else "lembaga"
        ref = self._ref(self.surface(i, j), kind, None, acronym, i, after)
        self.learned_acronyms[acronym] = ref
        return OrgMention(ref, i, after)

    def _alias_after(self, j: int) -> tuple[str | None, int]:
        """The other name a body goes by, written after its name: "PT Rajawali Nusantara
        Indonesia (Persero) atau ID FOOD", "... alias Pelni": up to three words in
        capitals, or one capitalised word; (None, j) when there is none."""
        toks = self.toks
        k = j
        if k + 2 < len(toks) and toks[k].text == "(" and toks[k + 1].low in {"persero", "tbk"} \
                and toks[k + 2].text == ")":
            k += 3
        if k + 1 >= len(toks) or toks[k].low not in {"atau", "alias", "or"} or \
                not toks[k].text.islower() or not self.same_sentence(j, k + 1):
            return None, j
        e = k + 1
        while e < len(toks) and e - k <= 3 and self.same_sentence(k, e) and toks[e].word and \
                toks[e].text.isupper() and len(toks[e].text) >= 2:
            e += 1
        if e == k + 1:
            t = toks[k + 1]
            if not (t.cap and len(t.text) >= 4 and self.is_cap(k + 1) and
                    not self.is_cap(k + 2) and t.low not in self.lex.stopwords):
                return None, j
            e = k + 2
        if self.region_at_token(k + 1) or self.lex.titles.get(toks[k + 1].key) or (
                self.is_cap(e) and self.same_sentence(k, e)):
            return None, j  # "atau PT Lain Jaya": another body
        return self.surface(k + 1, e), e

    def _paren_acronym(self, j: int) -> tuple[str | None, int]:
        """"(DPMPTSP)" or "(Biro KS)" right after a name: the acronym and the index after it."""
        toks = self.toks
        if j >= len(toks) or toks[j].text != "(":
            return None, j
        for n in (1, 2, 3):
            close = j + 1 + n
            if close < len(toks) and toks[close].text == ")" and all(
                    toks[x].word or (toks[x].text == "-" and self.glued(x) and
                                     self.glued(x + 1) and x > j + 1)
                    for x in range(j + 1, close)) and toks[j + 1].text[0].isupper() and \
                    toks[close - 1].word:  # "(BPP-KLN)" too
                text = self.surface(j + 1, close)
                if text.casefold() in _NOT_ACRONYMS or text[0].isdigit():
                    return None, j
                if len(text) <= 16 and any(c.isupper() for c in text[1:] + text[0]):
                    return text, close + 1
        return None, j

    def _starts_person(self, j: int) -> bool:
        """A Balinese or Sasak name start inside a capitalised run ("I Made", "Lalu")."""
        t, n = self.tok(j), self.tok(j + 1)
        return bool(t and n and t.text in {"I", "Ni"} and n.text in {
            "Made", "Wayan", "Nyoman", "Ketut", "Putu", "Gede", "Kadek", "Komang", "Luh"})

    def _is_paren_acronym(self, i: int) -> bool:
        p, n = self.tok(i - 1), self.tok(i + 1)
        return bool(p and n and p.text == "(" and n.text == ")")

    def _learned_at(self, i: int) -> tuple[OrgRef, int] | None:
        if not self.learned_acronyms or i >= len(self.toks) \
                or not self.toks[i].text[0].isupper():  # a head word may end the text
            return None
        for n in (3, 2, 1):
            if i + n <= len(self.toks):
                ref = self.learned_acronyms.get(self.surface(i, i + n))
                if ref is not None:
                    return ref, i + n
        return None

    def _agency_token(self, i: int):
        t = self.toks[i]
        a = self.lex.agency(t.text)
        if a and (t.text == a.acronym or t.text.isupper() or len(t.text) >= 5):
            return a
        # misspelled acronym ("DPMTPSP"): one edit from a known acronym of 5+ letters
        if t.text.isupper() and len(t.text) >= 5 and not self.region_at_token(i):
            for key, agency in self.lex.agencies.items():
                if len(key) >= 5 and abs(len(key) - len(t.text)) <= 1 and \
                        OSA.distance(key, t.text.casefold()) <= 1:
                    return agency
        return None

    def _head_at(self, i: int, heads: dict[str, str]) -> tuple[int, str] | None:
        toks = self.toks
        if not toks[i].word or not toks[i].text[0].isupper() or toks[i].low not in _HEAD_STARTS:
            return None
        for n in (2, 1):
            if i + n <= len(toks):
                key = " ".join(t.low for t in toks[i:i + n])
                if key in heads:
                    return i + n, heads[key]
        return None

    def _ref(self, name: str, kind: str, region_id: str | None, acronym: str | None,
             i: int, j: int, scope: str | None = None, canonical_acronym: bool = False) -> OrgRef:
        if scope is None:
            scope = "regional" if kind in {"dinas", "badan", "biro", "sekretariat", "dewan",
                                           "kantor", "pemerintah", "departemen"} else "national"
        key_name = acronym.upper() if (acronym and (canonical_acronym or
                                                    self.lex.agency(acronym))) else norm(name)
        if key_name == norm(name):
            key_name = _university_key(key_name)
        known = self.lex.agency(acronym) if acronym else self.lex.agency_by_name.get(norm(name))
        if known is not None and known.acronym.casefold() in self.lex.branch_of:
            # "Kantor Perwakilan Bank Indonesia (KPwBI) Kediri": Bank Indonesia's office
            known = self.lex.branch_of[known.acronym.casefold()]
            acronym, kind, region_id, scope = known.acronym, known.kind, None, known.scope
        if known is not None:
            key_name = known.acronym.upper()
            acronym = acronym or known.acronym
        region_part = region_id or ("@home" if scope == "regional" else "")
        return OrgRef(key=f"{key_name}|{region_part}", name=name, kind=kind, region_id=region_id,
                      acronym=acronym, surface=self.surface(i, j), span=self.span(i, j))

    def org_covering(self, i: int) -> OrgMention | None:
        starts = self._starts(self.orgs, "orgs")
        k = bisect_right(starts, i) - 1
        if k >= 0 and self.orgs[k].i <= i < self.orgs[k].j:
            return self.orgs[k]
        return None

    def org_at_token(self, i: int) -> OrgMention | None:
        o = self.org_covering(i)
        return o if o is not None and o.i == i else None

    # ------------------------------------------------------------ officials
    def _merge_short_names(self) -> None:
        """"Gubernur Kim" after "Kim Dong-yeon", "Dubes Grjins" after "Lambert Grijns":
        a one-word name takes the full name it matches, when exactly one matches."""
        full = [o for o in self.officials if len(o.name.split()) >= 2]
        fulls = {o.name for o in full}
        for off in self.officials:
            words = off.name.split()
            # "General Manager PLN UIW X Budi Hartono" after "..., Budi Hartono,": the
            # words before a full name met elsewhere are the unit's, not the person's
            tail = next((" ".join(words[n:]) for n in range(1, len(words) - 1)
                         if " ".join(words[n:]) in fulls), None)
            if tail is not None:
                off.name = tail
                continue
            if len(words) != 1:
                continue
            w = words[0].casefold()
            hits = {o.name for o in full if any(
                x.casefold() == w or (len(w) >= 5 and ratio(x.casefold(), w) >= 80)
                for x in o.name.replace("-", " ").split() + o.name.split())}
            people = {tuple(sorted(h.casefold().split())) for h in hits}
            if len(people) == 1:  # "Yoon Sang-hoon" and "Sang-hoon Yoon" are one person
                off.name = sorted(hits)[0]

    def _headline_sentences(self) -> set[int]:
        """Sentences In Title Case (headlines): their capitalised words are not names."""
        out = set()
        for si, (lo, hi) in enumerate(self.sent_bounds):
            words = [t for t in self.toks[lo:hi] if t.word and len(t.text) > 3]
            text = self.doc.sentences[si].text.rstrip()
            if text.endswith((".", "!", "?", '"', "”", ")")) or len(words) > 20:
                continue  # a body sentence full of names is not a headline
            if len(words) >= 4 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words):
                out.add(si)
        return out

    def find_officials(self) -> None:
        toks = self.toks
        headlines = self._headline_sentences()
        used: set[int] = {k for k, t in enumerate(toks) if t.sent in headlines}
        end = 0
        for i in sorted(self._title_starts):
            if i < end or i in used:
                continue
            if i > 0 and self.toks[i - 1].low in _FACILITY_WORDS and self.toks[i - 1].cap and \
                    self.same_sentence(i - 1, i):
                continue  # "Bandara Sultan Iskandar Muda": a title inside a facility name
            m = self.region_at_token(i)
            if m is not None and m.i == i:
                continue  # "Bupati Karo, Kabanjahe": the regency, not Karo (Kepala Biro)
            off = self._title_first(i)
            if off:
                self.officials.append(off)
                used.update(range(off.i, off.j))
                end = off.j
                continue
            for off in self._shared_title(i):
                self.officials.append(off)
                used.update(range(off.i, off.j))
                end = off.j
        # name before title: "Name (Title ...)" and "Name, Title ..."
        for i, t in enumerate(toks):
            if i in used or i + 1 in used or t.text not in {"(", ","}:
                continue  # a title that already has its name after it is not this one's
            off = self._name_first(i)
            if off:
                self.officials.append(off)
                used.update(range(off.name_i, off.j))
        self.officials.sort(key=lambda o: o.i)
        self._merge_short_names()
        self.orgs.sort(key=lambda o: o.i)  # acronyms met in titles were appended late
        for idx, off in enumerate(self.officials):
            for m in self.mentions_between(off.i, off.j):
                m.in_official = idx
        # region and org words inside a person's name are not mentions, and a foreign
        # town named like a person of this article is that person ("kata Kato")
        names = {k for o in self.officials for k in range(o.name_i, o.name_j)}
        name_words = {w.casefold() for o in self.officials for w in o.name.split()}
        self.mentions = [m for m in self.mentions if m.i not in names and not (
            self.gaz.get(m.region_id).country != "ID" and
            self.gaz.get(m.region_id).cls != "Country" and
            self.surface(m.i, m.j).casefold() in name_words)]
        self.orgs = [o for o in self.orgs if o.i not in names]

    def _title_at(self, i: int) -> tuple[int, int, str] | None:
        """A title (with its modifiers) starting at token i: (start, end, canonical scope)."""
        toks = self.toks
        if i not in self._title_starts:
            return None
        k = i
        last_modifier = -1
        while k < len(toks) and self.same_sentence(i, k):
            t = toks[k]
            if t.low.rstrip(".") in self.lex.modifiers and t.text[0].isupper():
                last_modifier = k
                k += 1
                if k < len(toks) and toks[k].text == ".":
                    k += 1
                elif k + 1 < len(toks) and toks[k].text == "-" and self.glued(k) and \
                        self.glued(k + 1):
                    k += 1  # "Vice-Chancellor", "Pro-Rector"
                if k + 2 < len(toks) and toks[k].text == "(" and toks[k + 2].text == ")":
                    k += 3  # "Penjabat (Pj) Gubernur"
                continue
            if t.low == "pelaksana" and k + 1 < len(toks) and \
                    toks[k + 1].low in {"tugas", "harian"}:
                k += 2
                continue
            break
        if (k >= len(toks) or not toks[k].word or not toks[k].text[0].isupper()) and \
                last_modifier >= 0 and toks[last_modifier].low in self.lex.titles:
            k = last_modifier  # "Deputy of the ...": the modifier is the title itself
        if k >= len(toks) or not toks[k].word:
            return None
        # a lower-case first word only in a title of several words whose others are
        # capitalised ("anggota Dewan Eksekutif", "wakil Ketua"): not "kata gubernur"
        lower = not toks[k].text[0].isupper()
        if lower and k != i:
            return None
        best = None
        for n in range(min(self.lex.title_max_tokens, len(toks) - k), 0, -1):
            if lower and n < 2:
                continue
            key = " ".join(t.key for t in toks[k:k + n])  # accents stripped, like the lexicon
            title = self.lex.titles.get(key)
            if not title or not self.same_sentence(k, k + n - 1):
                continue
            if lower and not all(toks[x].text[0].isupper() for x in range(k + 1, k + n)) and \
                    not self._name_apposed(k + n):
                continue  # "kata wakil wali kota"; not "bertemu wakil wali kota X, Name"
            best = (k + n, title.scope)
            break
        if not best:
            return None
        end = best[0]
        if end == k + 1 and end < len(toks) and toks[end].text == "." and self.glued(end) and \
                len(toks[k].text) <= 4 and toks[k].text[0].isupper() and \
                self.same_sentence(k, end + 1):
            end += 1  # an abbreviated title with its dot: "Gub. Sultra", "Walkot. Kendari"
        return i, end, best[1]

    def _name_apposed(self, j: int) -> bool:
        """After a title written in lower case, at token j, come (a portfolio, a place and)
        a comma and a person's name of two words or more: "bertemu wakil wali kota bidang
        hubungan internasional, Marc Dupont" (not "kata wakil wali kota")."""
        toks = self.toks
        if j < len(toks) and toks[j].low in {"bidang", "urusan"}:
            j = self._portfolio_end(j + 1, any_case=True)
        m = self.region_at_token(j)
        if m is not None and m.i == j:
            j = m.j
        if j + 2 >= len(toks) or toks[j].text != "," or not self.same_sentence(j, j + 2):
            return False
        if not (self._proper(j + 1) and self._proper(j + 2)) or self.region_at_token(j + 1):
            return False
        name, _ = self._name_at(j + 1)
        return name is not None and len(name.split()) >= 2

    def _title_first(self, i: int) -> OfficialMention | None:
        hit = self._title_at(i)
        if not hit:
            return None
        start, k, scope = hit
        toks = self.toks
        if start > 0 and toks[start - 1].text == "(":
            return None  # "Name (Title ...)": the name-first reading handles it
        if start > 0 and toks[start - 1].low in _NICKNAMED and self.same_sentence(start - 1, start):
            return None  # "yang disapa Mayor Lita": a nickname, not a second official
        represents: str | None = None
        hosts: list[str] = []
        org: OrgMention | None = None
        pos_tokens: list[tuple[int, int]] = [(start, k)]
        host_next = False
        command = self._title_unit(start, k)  # "Kapolres": heads a Polres
        unit_name: tuple[int, int] | None = None
        if command:
            run = self._unit_name_end(k)
            if run is not None:
                # "Dansatgas Pamtas RI-PNG Sektor Selatan, Name": the unit's own name
                unit_name = (k, run)
                pos_tokens.append((k, run))
                k = run
        while k < len(toks) and self.same_sentence(start, k):
            t = toks[k]
            if t.text[0].isdigit() and ((
                    org is not None and org.j == k and org.ref.acronym is not None and
                    org.ref.acronym.casefold() in self.lex.command_units) or (
                    command and k == pos_tokens[-1][1] and represents is None)):
                # "Kodim 1702/Jayawijaya", "Dandim 1702/Jayawijaya": the unit's number and
                # the regency it covers
                pos_tokens.append((k, k + 1))
                k += 1
                if k + 1 < len(toks) and toks[k].text == "/" and self.glued(k) and \
                        self.glued(k + 1):
                    m = self.region_at_token(k + 1)
                    if m is not None and m.i == k + 1:
                        if represents is None:
                            represents = m.region_id
                        if org is not None and org.j == k - 1 and org.ref.acronym and \
                                org.ref.region_id is None:
                            org.ref = self._ref(org.ref.name, org.ref.kind, m.region_id,
                                                org.ref.acronym, org.i, m.j)
                        k = m.j
                    elif toks[k + 1].word and toks[k + 1].text.isupper():
                        pos_tokens.append((k, k + 2))  # "Korem 172/PWY": the unit's code
                        k += 2
                continue
            if t.text == "(" and k + 2 < len(toks) and toks[k + 2].text == ")":
                k += 3
                continue
            gloss = self._gloss_end(k)
            if gloss:
                k = gloss  # "anggota Dewan Eksekutif (Gedeputeerde Staten) Provinsi ..."
                continue
            if t.low in {"kala", "saat", "ketika", "waktu"} and k + 1 < len(toks) and \
                    toks[k + 1].low == "itu" and k > start and toks[k - 1].word:
                k += 2  # "Gubernur Riau kala itu, Name": the office then
                continue
            if t.low == "fraksi" and t.text[0].isupper() and org is None and \
                    self.is_cap(k + 1) and self.same_sentence(k, k + 1) and \
                    not self.region_at_token(k + 1):
                # "Juru bicara Fraksi Golkar Name": a parliamentary faction, named by its
                # party (one word; "PDI Perjuangan")
                j = k + 3 if toks[k + 1].text == "PDI" and k + 2 < len(toks) and \
                    toks[k + 2].low == "perjuangan" else k + 2
                faction = OrgMention(self._ref(self.surface(k, j), "dewan", None, None, k, j),
                                     k, j)
                self.orgs.append(faction)
                org = faction
                pos_tokens.append((k, j))
                k = j
                continue
            o = self.org_at_token(k)
            if o:
                org = o
                # the org span may include its region
                name_end = o.i + len(_TOKEN.findall(o.ref.name)) if o.ref.name else o.j
                pos_tokens.append((o.i, min(name_end, o.j)))
                if o.ref.region_id and self._mission_seat(o.ref):
                    hosts.append(o.ref.region_id)  # "Atase KBRI Beijing": where it sits
                elif o.ref.region_id and not self.lex.national_unit(o.ref.acronym,
                                                                    o.ref.region_id):
                    if host_next:
                        hosts.append(o.ref.region_id)
                    elif represents is None:
                        represents = o.ref.region_id
                k = o.j
                host_next = False
                continue
            nxt_low = toks[k + 1].low if k + 1 < len(toks) else ""
            if (t.low in _SUBUNIT_HEADS and t.text[0].isupper()) or (t.low in _TITLE_EXTENSION and (
                    t.text[0].isupper() or (t.low == "dan" and nxt_low in _TITLE_EXTENSION))):
                j = max(k + 1, self._portfolio_end(k + 1, any_case=True))
                while j < len(toks) and toks[j].low in _TITLE_EXTENSION:
                    j += 1
                pos_tokens.append((k, j))
                k = j
                continue
            if t.low in {"of", "the"} and scope != "national":
                j = k
                while j < len(toks) and toks[j].low in {"of", "the"}:
                    j += 1
                if j < len(toks) and (self.org_at_token(j) or self.region_at_token(j)
                                      or toks[j].low in _GOV_MARKERS):
                    k = j
                    continue
                # English sub-unit: "Head of the Department of Economics and Budget Planning"
                j2 = j
                while j2 < len(toks) and self.same_sentence(k, j2) and (
                        toks[j2].low in self.lex.agency_words or toks[j2].low in {",", "of"}
                        ) and not self.org_at_token(j2) and not self.region_at_token(j2):
                    j2 += 1
                if j2 > j:
                    pos_tokens.append((k, j2))
                    k = j2
                    if k < len(toks) and toks[k].text == "-" and self.glued(k):
                        k += 1
                    continue
                break
            if t.low == "pemerintahan" and t.text[0].isupper() and k + 1 < len(toks) and (
                    toks[k + 1].low in {"dan", "&", ","} or self.org_at_token(k + 1)):
                pos_tokens.append((k, k + 1))  # "Asisten Pemerintahan dan Kesra": a portfolio
                k += 1
                continue
            if (t.low in _GOV_MARKERS and t.text[0].isupper()) or t.low in {"of", "the"}:
                k += 1
                continue
            if t.low in {"untuk", "di", "to", "in", "for"} and scope in {"diplomatic", "any",
                                                                         "national"}:
                nxt = k + 1
                while nxt < len(toks) and toks[nxt].low in _GOV_MARKERS:
                    nxt += 1
                if self.region_at_token(nxt):
                    host_next = True
                    k = nxt
                    continue
                if scope == "diplomatic" and t.low in {"di", "in"}:
                    # "Konsul RI di Vanimo, Name": a town the gazetteer does not know
                    m2 = nxt
                    while m2 < len(toks) and m2 - nxt < 3 and toks[m2].cap and \
                            self.same_sentence(k, m2) and not self.org_at_token(m2):
                        m2 += 1
                    building = any(toks[x].low in _OFFICE_STARTS or toks[x].low in
                                   _FACILITY_WORDS or toks[x].low in self.lex.titles
                                   for x in range(nxt, m2))
                    if nxt < m2 < len(toks) and toks[m2].text == "," and not building and \
                            self.same_sentence(k, m2 + 1):
                        k = m2
                        continue
                break
            if t.low in _REGION_WORDS and t.text[0].isupper() and self.same_sentence(k, k + 1):
                m = self.region_at_token(k + 1)
                if m is not None and m.i == k + 1:
                    k += 1  # "Presiden Dewan Region X": the region's word before its name
                    continue
            m = self.region_at_token(k)
            if m and represents is not None and not host_next and scope != "diplomatic" and \
                    m.i == k and toks[k - 1].word and not self._related(m.region_id, represents):
                break  # "Deputy Governor of Gyeonggi Province Kim Sung-joon"
            if m:
                if host_next or (represents is not None and scope == "diplomatic"):
                    hosts.append(m.region_id)
                elif represents is None and not (
                        org is not None and org.j == k and org.ref.region_id is None and (
                            org.ref.kind in _BODY_KINDS or not self._known_body(org))) and \
                        not (org is not None and org.ref.region_id is None and
                             org.ref.key.endswith("|") and k > 0 and
                             toks[k - 1].low in _UNIT_WORDS and toks[k - 1].cap):
                    # (not "Kepala BPJS Kesehatan Cabang X": a national body's branch in X,
                    # which its head represents)
                    # "Direktur Utama PT X Palembang", "Country Director KOICA Indonesia
                    # Office": the place locates the body (or its office), it is not whom
                    # the person represents
                    represents = m.region_id
                k = m.j
                host_next = False
                if k + 1 < len(toks) and toks[k].low in _COMPASS and toks[k].text[0].isupper() \
                        and self.same_sentence(k, k + 1) and toks[k + 1].cap:
                    k += 1  # "Datuk Bandar Kuching Utara Datuk ...": the district, not a name
                    continue
                if k < len(toks) and toks[k].text == "-" and self.glued(k) and \
                        self.region_at_token(k + 1):
                    k += 1  # "Anhui-Indonesia"
                continue
            if t.text == "-" and self.glued(k) and self.region_at_token(k + 1):
                k += 1
                continue
            if t.text == "/" and represents is None and not hosts:
                alt = self._title_at(k + 1)  # "Bupati/County Executive Hwaseong": one office
                if alt:
                    pos_tokens.append((k, alt[1]))
                    k = alt[1]
                    continue
            if t.low in {"bidang", "urusan"} and (represents is not None or (
                    k == pos_tokens[0][1] and not toks[start].text[0].isupper())):
                # "Wakil Wali Kota Leiden bidang Kebudayaan", "wakil wali kota bidang
                # hubungan internasional"
                j = self._portfolio_end(k + 1, any_case=represents is None)
                if j > k + 1:
                    pos_tokens.append((k, j))
                    k = j
                    continue
            if t.low in _LOCAL_GOV_WORDS and t.text[0].isupper():
                pos_tokens.append((k, k + 1))  # "Presiden Otoritas Munisipio X"
                k += 1
                continue
            if t.text in _ROMAN and not self._starts_person(k):
                pos_tokens.append((k, k + 1))  # "Asisten II", "Pelindo I" (not "I Wayan")
                k += 1
                continue
            if self._unknown_acronym(k) and org is not None and org.j == k:
                if self._unit_before_name(k) is not None:
                    break  # "General Manager PLN UIW X, Name": a unit of that body (below)
                pos_tokens.append((k, k + 1))  # "PLN UIW": a unit, not a body of its own
                k += 1
                continue
            if self._unknown_acronym(k):
                # "Country Director KOICA Indonesia ...": an unknown body named by acronym
                o = OrgMention(self._ref(t.text, "lembaga", None, t.text, k, k + 1), k, k + 1)
                self.orgs.append(o)
                org = org or o
                pos_tokens.append((k, k + 1))
                k += 1
                continue
            if hosts and t.text in {",", "dan", "serta", "and", "&"} and k + 1 < len(toks) and \
                    self.gaz.get(hosts[-1]).cls == "Country":
                # accredited to several: "Duta Besar X untuk Indonesia, ASEAN dan Timor-Leste"
                h = self.region_at_token(k + 1)
                if h and h.i == k + 1 and self.gaz.get(h.region_id).cls == "Country":
                    hosts.append(h.region_id)
                    k = h.j
                    continue
                o = self.org_at_token(k + 1)
                if o or (toks[k + 1].word and toks[k + 1].text.isupper() and
                         len(toks[k + 1].text) >= 3 and toks[k + 1].low not in _NOT_ACRONYMS):
                    k = o.j if o else k + 2
                    continue
            locating = self.region_at_token(k + 1) if t.text == "," else None
            if locating is not None and locating.locator and locating.i == k + 1:
                k = locating.j  # "di Guangzhou, Tiongkok, Dewi ...": the country only locates
                continue
            if t.low in {"dan", "&"} and k + 1 < len(toks) and (
                    self.org_at_token(k + 1) or toks[k + 1].low in self.lex.agency_words):
                if pos_tokens[-1][1] == k:
                    pos_tokens.append((k, k + 1))
                k += 1  # "Asisten Pemerintahan dan Kesra ..."
                continue
            j = self._portfolio_end(k)
            if j > k:  # "Menteri Pertanian", "Asisten Pemerintahan dan Kesra"
                pos_tokens.append((k, j))
                k = j
                continue
            break
        unit = self._unit_before_name(k) if k < len(toks) and toks[k].text != "," else None
        if unit is not None:
            # "Dekan Fakultas Pertanian Universitas X, Prof. Name", "Manajer PLN UP3 Y, Name":
            # the unit's words belong to the position and its body, the name follows
            stop = unit
            inner = [o for o in self.orgs_between(k, unit) if self.org_covering(o.i) is o]
            places = self.mentions_between(k, unit)
            if inner:
                stop = min(stop, inner[0].i)
                if org is None or org.j != k:
                    org = inner[0]
            if places:
                stop = min(stop, places[0].i)
                if represents is None and not (org is not None and org.ref.region_id):
                    represents = places[0].region_id
            pos_tokens.append((k, stop))
            k = unit
        if k < len(toks) and toks[k].text == "," and self.same_sentence(start, k + 1):
            if self._office_before(start):
                return None  # "Kantor Bupati Maluku Tengah, Masohi": the office's town
            k += 1
        name_i = k
        name, name_j = self._name_at(k)
        if not name:
            return None
        position = self._position_text(pos_tokens)
        if command and (org is None or org.i >= name_i):
            # a police or military commander heads his unit ("Kapolres Keerom": Polres
            # Keerom), which he represents rather than the regency in its name
            org = self._command_unit(command, unit_name, represents, start, pos_tokens)
            represents = None
        elif org is not None and org.ref.acronym and \
                org.ref.acronym.casefold() in self.lex.command_units:
            represents = None  # "Komandan Kodim 1702/Jayawijaya"
        if represents is None and org is None and not hosts:
            represents = self._visited_town(start, pos_tokens[0][1])
        default_country = None
        if scope == "national" and represents is None and (org is None or self._known_body(org)):
            default_country = "country/ID"  # not "Presiden CCCI", a chamber's president
        if scope == "diplomatic" and represents is None and hosts and \
                any(self.gaz.country_of(h) != "country/ID" for h in hosts):
            default_country = "country/ID"
        if represents is None and org is not None and self._mission_seat(org.ref):
            default_country = "country/ID"  # "Kepala KDEI Taipei": Indonesia's office there
        prev = self.tok(start - 1)
        speaker = bool(prev and prev.low in _SPEECH and self.same_sentence(start - 1, start))
        return OfficialMention(name, position, represents, org, default_country, start, name_j,
                               name_i, name_j, speaker, hosts)

    def _mission_seat(self, ref: OrgRef) -> bool:
        """The body is an Indonesian mission (KBRI, KJRI, KDEI, an Atdag: lexicon scope
        "mission") and its region a foreign place: where it sits, not whom it serves."""
        if ref.region_id is None or not self.gaz.has(ref.region_id):
            return False
        if self.gaz.get(ref.region_id).country == "ID":
            return False
        known = self.lex.agency(ref.acronym) if ref.acronym else None
        return known is not None and known.scope == "mission" and \
            self.gaz.get(ref.region_id).cls != "Country"

    def _title_unit(self, start: int, end: int) -> str:
        """The command unit headed by the title over tokens [start, end) ("Kapolres":
        Polres), or ""."""
        for x in range(start, end):
            title = self.lex.titles.get(" ".join(t.key for t in self.toks[x:end]))
            if title is not None:
                return title.unit
        return ""

    def _unit_name_end(self, k: int) -> int | None:
        """After a commander's title, the capitalised words, codes and hyphenated names of
        his unit up to a comma ("Pamtas RI-PNG Sektor Selatan, Letkol ..."); None when
        the words there start with a region (the normal reading) or reach no comma."""
        toks = self.toks
        m = self.region_at_token(k)
        if m is not None and m.i == k and self.gaz.get(m.region_id).cls != "Country":
            return None
        e = k
        while e < len(toks) and e - k < 8 and self.same_sentence(k, e) and (
                toks[e].cap or toks[e].text[0].isdigit() or (
                    toks[e].text in {"-", "/"} and self.glued(e) and self.glued(e + 1))):
            e += 1
        if e == k or e >= len(toks) or toks[e].text != "," or toks[k].low in self.lex.honorifics:
            return None
        return e

    def _command_unit(self, unit: str, unit_name: tuple[int, int] | None,
                      region: str | None, start: int,
                      pos_tokens: list[tuple[int, int]]) -> OrgMention:
        """The unit a commander heads, as an organisation: the one of that name the text
        names (the unit itself or the body it belongs to: "Satgas Pamtas RI-PNG" for
        "Dansatgas Pamtas RI-PNG Sektor Selatan"), else a new one."""
        end = max(b for _, b in pos_tokens)
        agency = self.lex.agency(unit)
        if unit_name is not None:
            name = f"{unit} {self.surface(*unit_name)}"
            key = norm(name)
            for o in self.orgs:
                if o.ref.acronym is None and key.startswith(norm(o.ref.name)) and \
                        norm(o.ref.name).startswith(norm(unit)):
                    return OrgMention(o.ref, start, end)
            return OrgMention(self._ref(name, "lembaga", None, None, start, end), start, end)
        name = agency.name if agency is not None else unit
        return OrgMention(self._ref(name, agency.kind if agency else "lembaga", region,
                                    unit if agency else None, start, end), start, end)

    def _visited_town(self, start: int, end: int) -> str | None:
        """A mayor's title (tokens start..end) naming no town, after a foreign town the
        sentence is set in: "Selama di Grasse, delegasi bertemu wakil wali kota bidang
        ..., Name" (the deputy mayor of Grasse)."""
        title = self.lex.titles.get(" ".join(t.key for t in self.toks[start:end]))
        if title is None or title.canonical not in _MAYORS:
            return None
        lo = self.sent_bounds[self.toks[start].sent][0]
        towns = [m for m in self.mentions_between(lo, start) if m.locative and
                 self.gaz.get(m.region_id).cls == "City" and
                 self.gaz.get(m.region_id).country != "ID"]
        return towns[-1].region_id if len({m.region_id for m in towns}) == 1 else None

    def _known_body(self, o: OrgMention) -> bool:
        """An Indonesian body of the lexicon (BRIN, BPS, Dinas ...), not one the article
        introduces (a foreign agency, a chamber, a university named by acronym)."""
        if o.ref.kind in {"dinas", "badan", "biro", "sekretariat", "dprd", "kementerian",
                          "kedutaan", "konsulat"}:
            return True
        known = (self.lex.agency(o.ref.acronym) if o.ref.acronym else None) or \
            self.lex.agency_by_name.get(norm(o.ref.name))
        return known is not None and known.scope != "international"  # not UNESCO

    def _shared_title(self, i: int) -> list[OfficialMention]:
        """One title before a list of names: "Kepala Dinas Kesehatan kedua daerah, dr. A dari
        X dan dr. B dari Y", "masing-masing kepala dinas, yakni A dan B". Each name gets the
        title; "dari <region>" after a name is the region that person represents."""
        toks = self.toks
        prev = {toks[p].low for p in range(max(0, i - 3), i) if self.same_sentence(p, i)}
        lower = not toks[i].text[0].isupper()
        if lower and not prev & {"masing", "para"}:
            return []
        if lower:
            hit = None
            for n in range(min(self.lex.title_max_tokens, len(toks) - i), 0, -1):
                if self.same_sentence(i, i + n - 1) and \
                        " ".join(t.key for t in toks[i:i + n]) in self.lex.titles:
                    hit = (i, i + n, "")
                    break
        else:
            hit = self._title_at(i)
        if hit is None:
            return []
        start, k, _scope = hit
        org: OrgMention | None = None
        while k < len(toks) and self.same_sentence(start, k):
            o = self.org_at_token(k)
            if o:
                org, k = o, o.j
                continue
            j = self._portfolio_end(k, any_case=lower)
            if j <= k:
                break
            k = j
        pos_end = k
        marked = bool(prev & {"masing", "para"})
        while k < len(toks) and self.same_sentence(start, k) and (
                (toks[k].low in _SHARED_FILLERS and toks[k].text.islower())
                or toks[k].text in {",", ":", "-"}):
            marked = marked or toks[k].low in {"kedua", "ketiga", "masing", "yakni", "yaitu"}
            k += 1
        if not marked or k == pos_end:
            return []
        found: list[tuple[int, str, int, str | None]] = []
        while k < len(toks) and self.same_sentence(start, k):
            name, nj = self._name_at(k)
            if not name:
                break
            nj = self._after_degrees(nj)
            rep = None
            if nj + 1 < len(toks) and toks[nj].low in {"dari", "asal"}:
                r = nj + 1
                m = self.region_at_token(r)
                while m is None and r < len(toks) and toks[r].low in _GOV_MARKERS:
                    r += 1  # "dari Pemkab X"
                    m = self.region_at_token(r)
                if m is not None and m.i <= r:
                    rep, nj = m.region_id, m.j
            found.append((k, name, nj, rep))
            k = nj
            if k < len(toks) and toks[k].text == ",":
                k += 1
            if k < len(toks) and toks[k].low in {"dan", "serta", "and"}:
                k += 1
            if k == nj:
                break
        if len(found) < 2:
            return []
        position = self._position_text([(start, pos_end)])
        return [OfficialMention(name, position, rep, org, None, start if n == 0 else ni, nj,
                                ni, nj, False)
                for n, (ni, name, nj, rep) in enumerate(found)]

    def _after_degrees(self, j: int) -> int:
        """Past the degrees after a name (", M.Kes", ", S.P., M.Si.")."""
        toks = self.toks
        while j + 1 < len(toks) and toks[j].text == "," and self.same_sentence(j, j + 1):
            k = j + 1
            letters, dots = "", 0
            while k < len(toks) and self.same_sentence(j, k) and (
                    toks[k].text == "." or (toks[k].word and len(toks[k].text) <= 4
                                            and toks[k].text[0].isupper())):
                letters += toks[k].text if toks[k].word else ""
                dots += toks[k].text == "."
                k += 1
            if k == j + 1 or not (letters.casefold() in self.lex.honorifics or (
                    dots and len(letters) <= 6)):
                break
            j = k
        return j

    def _unit_before_name(self, k: int) -> int | None:
        """Token k opens a unit's name that ends at a comma before a person's name ("UP3
        Makassar, Andi Putra", "Fakultas Pertanian Universitas X, Prof. Dr. Name,",
        "Stasiun Meteorologi Y, Name"): the index of that comma. The words must look like a
        body's (a body or agency word, an acronym, a code such as "UP3", an organisation),
        not like a person's name."""
        toks, lex = self.toks, self.lex
        j, unit_like = k, False
        while j < len(toks) and j - k < 10 and self.same_sentence(k, j):
            t = toks[j]
            if t.text == ",":
                break
            if t.text == "(":
                acronym, after = self._paren_acronym(j)
                if acronym is None:
                    return None
                j, unit_like = after, True
                continue
            if not t.word:
                return None
            if t.low in {"dan", "&", "of", "and"} and j > k:
                j += 1
                continue
            body = t.low in _BODY_WORDS or t.low in _FACILITY_WORDS or \
                t.low in _SUBUNIT_HEADS or t.low in lex.agency_words
            if not (t.text[0].isupper() or t.text[0].isdigit()) or t.low in _WEEKDAYS or \
                    t.low in _MONTHS or (t.low in lex.stopwords and not body) or \
                    (j == k and t.low in lex.titles):
                return None
            if body or self.org_covering(j) is not None:
                unit_like = True
            elif t.low not in lex.honorifics and (
                    (t.text.isupper() and len(t.text) >= 2) or
                    (not t.text.isalpha() and any(c.isalpha() for c in t.text))):
                unit_like = True  # "UIW", "UP3", "SAE"
            j += 1
        if not unit_like or j == k or j >= len(toks) or toks[j].text != "," or \
                not self.same_sentence(k, j + 1):
            return None
        name, name_j = self._name_at(j + 1)
        if not name:
            return None
        nxt = self.tok(name_j)
        if nxt is not None and self.same_sentence(j, name_j) and nxt.cap:
            return None
        return j

    def _office_before(self, i: int) -> bool:
        """The title at token i names an office or residence ("Kantor Bupati X",
        "Rumah Dinas Gubernur", "Pendopo Wali Kota")."""
        prev = self.tok(i - 1)
        if prev is None or not self.same_sentence(i - 1, i):
            return False
        if prev.low in _OFFICE_WORDS:
            return True
        prev2 = self.tok(i - 2)
        return bool(prev2 and self.same_sentence(i - 2, i) and
                    f"{prev2.low} {prev.low}" in _OFFICE_WORDS)

    def _org_gloss_end(self, k: int) -> int | None:
        """A parenthesised English name of the body just named ("(Ministry of
        Municipality)", "(Quanzhou General Chamber of Commerce)"): the index after ')'."""
        toks = self.toks
        if k >= len(toks) or toks[k].text != "(":
            return None
        head = False
        for j in range(k + 1, min(k + 9, len(toks))):
            if not self.same_sentence(k, j):
                return None
            t = toks[j]
            if t.text == ")":
                return j + 1 if head and j > k + 2 else None
            if t.low in _ENGLISH_ORG_HEADS:
                head = True
            elif not (t.word and t.text[0].isupper()) and t.low not in {"of", "and", "the",
                                                                         "&", "for"}:
                return None
        return None

    def _gloss_end(self, k: int) -> int | None:
        """After a title, a parenthesised gloss of a few capitalised words naming no place or
        body ("(Gedeputeerde Staten)", "(Chief Minister)"): the index after its ')'."""
        toks = self.toks
        if toks[k].text != "(":
            return None
        close = next((j for j in range(k + 2, min(k + 6, len(toks))) if toks[j].text == ")"),
                     None)
        if close is not None and self.same_sentence(k, close) and \
                " ".join(t.key for t in toks[k + 1:close]) in self.lex.titles:
            return close + 1  # a title glossed in any case: "Hokim (wali kota)"
        for j in range(k + 1, min(k + 6, len(toks))):
            if not self.same_sentence(k, j):
                return None
            if toks[j].text == ")":
                return j + 1 if j > k + 1 else None
            if not toks[j].word or not toks[j].text[0].isupper() or \
                    self.region_at_token(j) or self.org_at_token(j):
                return None
        return None

    def _unknown_acronym(self, k: int) -> bool:
        t = self.toks[k]
        return (t.word and t.text.isupper() and 3 <= len(t.text) <= 8 and t.text.isalpha()
                and not self.region_at_token(k) and not self.org_covering(k)
                and t.low not in self.lex.sector_words and t.low not in self.lex.titles
                and t.low not in _NOT_ACRONYMS and t.low not in self.lex.honorifics)

    def _related(self, a: str, b: str) -> bool:
        return a == b or a in self._ancestors(b) or b in self._ancestors(a)

    def _portfolio_end(self, k: int, any_case: bool = False) -> int:
        """End of a run of agency words after a title: capitalised words of body names
        joined by 'dan', '&' or commas ("Riset, Inovasi, dan Kemitraan")."""
        toks = self.toks
        j = end = k
        while j < len(toks) and self.same_sentence(k, j):
            t = toks[j]
            if self.org_at_token(j) or self.region_at_token(j):
                break
            if t.low in {"dan", "and", "of", "the", "&"}:
                nxt = self.tok(j + 1)
                if nxt is None or nxt.low not in self.lex.agency_words or \
                        self.region_at_token(j + 1) or self.org_at_token(j + 1):
                    break
                j += 1  # a connector continues the run only if a body word follows
                continue
            if t.low in self.lex.agency_words and t.word and (any_case or t.text[0].isupper()
                                                              or t.low in {"luar", "sama"}):
                j += 1
                end = j
                continue
            if t.text in {",", "&"} and j + 1 < len(toks) and toks[j + 1].low in \
                    self.lex.agency_words:
                j += 1
                continue
            break
        return end

    def _position_text(self, parts: list[tuple[int, int]]) -> str:
        if self._respelled:  # "Kadishub Sulbar": "Kepala Dishub Sulbar"
            text = " ".join(self._spelled(a, b) for a, b in parts if b > a)
        else:
            text = " ".join(self.surface(a, b) for a, b in parts if b > a)
        text = re.sub(r"\s*\([^()]{1,12}\)", "", text)  # "Penjabat (Pj) Gubernur"
        text = re.sub(r"\s*-\s*$", "", text)
        text = re.sub(r"\s*/\s*", "/", text)  # "Bupati/County Executive"
        return " ".join(text.split()).strip(" ,-")

    def _name_at(self, k: int, regions_ok: bool = False) -> tuple[str | None, int]:
        """A person's name starting at token k: capitalised words, initials, particles;
        honorifics and degrees are skipped."""
        toks = self.toks
        parts: list[str] = []
        j = k
        while j < len(toks) and self.same_sentence(k, j) and len(parts) < 6:
            t = toks[j]
            low = t.low.replace(".", "")
            if not parts and t.text == "H" and j + 3 < len(toks) and toks[j + 1].text == "." \
                    and toks[j + 2].text == "E" and toks[j + 3].text == ".":
                j += 4  # "H.E." (His/Her Excellency)
                continue
            if t.word and low in self.lex.honorifics and not parts and (
                    t.text[0].isupper() or (j + 1 < len(toks) and toks[j + 1].text == ".")) \
                    and (j + 1 < len(toks) and (toks[j + 1].text == "." or self.is_cap(j + 1)
                                                or self._retired_mark(j + 1))):
                j += 2 if j + 1 < len(toks) and toks[j + 1].text == "." else 1
                continue
            if t.word and low in self.lex.honorifics and not parts and t.text[0].isupper() and \
                    j + 2 < len(toks) and toks[j + 1].text in {"'", "’"} and \
                    self.glued(j + 1) and self.is_cap(j + 2):
                j += 2  # "Dato' Haji ...": the Malay honorific's apostrophe
                continue
            if self._retired_mark(j):
                j += 4 if j + 3 < len(toks) and toks[j + 2].text == "." else 3
                continue  # "Komjen Pol (Purn) Drs. Nana Sudjana"
            if t.word and t.text[0].isupper() and not parts and (
                    t.low in _WEEKDAYS or t.low in _MONTHS):
                return None, k  # "..., Minggu." is a day, not a name
            if not parts and not regions_ok:
                m = self.region_at_token(j)
                if m is not None and (m.j - m.i > 1 or self.gaz.get(m.region_id).country == "ID"
                                      or self.gaz.get(m.region_id).cls == "Country"):
                    return None, k  # "Gubernur NTB, Kota Mataram": a place, not a name
            if parts and t.word and t.low in _NAME_PREFIX_DEGREES and j + 2 < len(toks) \
                    and toks[j + 1].text == "." and self.is_cap(j + 2):
                # "Perumda Air Minum Taman Sari Ir. Heru Nugroho": a degree opens the name
                # and the words before it close a body's name
                parts = []
                j += 2
                continue
            if t.word and t.text[0].isupper():
                mid_sentence = j not in self.sent_start and not self._after_quote(j)
                if t.low in self.lex.stopwords and not parts and not mid_sentence and not (
                        self._proper(j + 1) and self._proper(j + 2)):
                    return None, k  # "Lalu Muhamad Iqbal" is a name, "Lalu ia" is not
                if not parts and (t.low in self.lex.titles or self.org_at_token(j)):
                    return None, k
                if parts and (t.low in self.lex.titles and t.low not in {"raja", "sultan"}):
                    break
                if parts and len(parts) >= 2 and not regions_ok and self.region_at_token(j) \
                        and not self._surname_place(j):
                    break
                parts.append(t.text)
                j += 1
                if j < len(toks) and toks[j].text == "." and (
                        len(t.text) <= 2 or t.low in _NAME_ABBREVIATIONS):
                    j += 1  # initial "M." / "H.", "Muh.", "Dg.", "Dt."
                elif j + 1 < len(toks) and toks[j].text in "-'’" and self.glued(j) \
                        and self.glued(j + 1) and toks[j + 1].word:
                    parts[-1] += toks[j].text + toks[j + 1].text
                    j += 2
                continue
            if t.word and t.low in _PARTICLES and parts and self.is_cap(j + 1):
                parts.append(t.text)
                j += 1
                continue
            break
        # drop leading initials-only honorific words left over and trailing particles
        while parts and parts[-1].lower() in _PARTICLES:
            parts.pop()
        real = [p for p in parts if len(p.replace(".", "")) > 1
                and p.casefold().replace(".", "") not in self.lex.honorifics]
        if not real:
            return None, k  # initials and degrees only ("M.Pd.")
        if all(p.isupper() and len(p) > 2 for p in real):
            return None, k  # an acronym, not a name
        return " ".join(parts), j

    def _retired_mark(self, j: int) -> bool:
        """Token j opens "(Purn)" or "(Purnawirawan)", the retired mark after a rank."""
        toks = self.toks
        return j + 2 < len(toks) and toks[j].text == "(" and \
            toks[j + 1].low in {"purn", "purnawirawan"}

    def _surname_place(self, j: int) -> bool:
        """The foreign town at token j ends a person's name ("Maria Lourdes Santiago,"):
        one word, neither Indonesian nor a country, closing the name before a comma."""
        m = self.region_at_token(j)
        if m is None or m.i != j or m.j != j + 1:
            return False
        r = self.gaz.get(m.region_id)
        nxt = self.tok(j + 1)
        return r.country != "ID" and r.cls != "Country" and (
            nxt is None or not self.same_sentence(j, j + 1) or nxt.text in {",", ";"})

    def _after_quote(self, j: int) -> bool:
        p = self.tok(j - 1)
        return bool(p and p.text in {'"', "“", "'", "‘", "(", ":"})

    def _proper(self, i: int) -> bool:
        t = self.tok(i)
        return bool(t and t.word and t.text[0].isupper() and t.low not in self.lex.stopwords
                    and t.low not in self.lex.titles and not self.region_at_token(i)
                    and not self.org_at_token(i))

    def _name_first(self, i: int) -> OfficialMention | None:
        """'Name (Title ...)' at '(' or 'Name, Title ...' at ','."""
        toks = self.toks
        if i == 0 or i + 1 >= len(toks) or not self.same_sentence(i - 1, i + 1):
            return None
        title = self._title_at(i + 1)
        if not title:
            return None
        # walk back over degrees after the name ("Budi Santoso, M.Pd., Kepala ..."), then the name
        j = i
        while j - 1 > 0 and self.same_sentence(j - 1, i) and (
                toks[j - 1].text in {".", ","} or
                (toks[j - 1].low in self.lex.honorifics and len(toks[j - 1].text) <= 4) or
                (len(toks[j - 1].text) == 1 and toks[j - 1].text.isupper() and
                toks[j].text == "." and toks[j - 2].text in {",", "."})):
            j -= 1
        if j < i and toks[j].text != ",":
            j = i  # only degrees set off by a comma are skipped
        k = j - 1
        while k >= 0 and self.same_sentence(k, i) and j - k <= 6 and (
                self.is_cap(k) or (toks[k].text == "." and k > 0 and len(toks[k - 1].text) <= 2)
                or toks[k].low in _PARTICLES or (toks[k].text in "-'’" and self.glued(k))
                or (toks[k].word and self.glued(k) and toks[k - 1].text in "-'’")):  # "Min-ho"
            if toks[k].low in self.lex.stopwords and self.is_cap(k):
                break
            if self.org_at_token(k) or toks[k].low in self.lex.titles:
                break
            k -= 1
        name_i = k + 1
        if name_i >= j or any(self.org_covering(x) for x in range(name_i, j)):
            return None
        if all(self.region_at_token(x) or not toks[x].word for x in range(name_i, j)):
            return None  # "di Makassar, Gubernur ...": a place, not a name
        before = self.tok(name_i - 1)
        if before and before.low in _LOCATIVE | {"dari", "kota", "kabupaten"}:
            return None
        if any(toks[x].low in _WEEKDAYS or toks[x].low in _MONTHS for x in range(name_i, j)):
            return None
        name, name_j = self._name_at(name_i, regions_ok=True)
        if not name or name_j != j:
            return None
        # parse the title chunk as if a name followed; collect until ')' or ','
        fake = self._title_chunk_only(i + 1)
        if fake is None:
            return None
        position, represents, org, end, hosts, scope = fake
        default_country = "country/ID" if scope == "national" and represents is None else None
        prev = self.tok(name_i - 1)
        speaker = bool(prev and prev.low in _SPEECH)
        return OfficialMention(name, position, represents, org, default_country, name_i, end,
                               name_i, name_j, speaker, hosts)

    def _title_chunk_only(self, i: int):
        hit = self._title_at(i)
        if not hit:
            return None
        start, k, scope = hit
        toks = self.toks
        close = k
        depth_end = {")"} if toks[i - 1].text == "(" else {",", ";"}
        while close < len(toks) and self.same_sentence(i, close) and \
                toks[close].text not in depth_end:
            close += 1
        if close - k > 25:
            return None
        represents = None
        hosts: list[str] = []
        org = None
        for m in self.mentions_between(k, close):
            prev = self.tok(m.i - 1)
            if prev and prev.low in {"untuk", "to", "di", "in"} and scope == "diplomatic":
                hosts.append(m.region_id)
            elif represents is None:
                represents = m.region_id
        for o in self.orgs_between(k, close)[:1]:  # the first body named is theirs
            org = o
            if represents is None and o.ref.region_id:
                represents = o.ref.region_id
        # position: the words up to the first region / org body; English "X of the Department"
        stop = close
        for m in self.mentions_between(k, stop):
            if not (org is not None and org.i <= m.i < org.j and m.i < org.i + 1):
                stop = m.i
                break
        if org is not None and org.i < stop:
            name_end = org.i + len(_TOKEN.findall(org.ref.surface))
            stop = min(stop, max(name_end, org.i + 1))
        position = self._position_text([(start, stop)])
        position = re.sub(r"\s+(of|the|dan|and|-)+$", "", position, flags=re.I)
        end = close + 1 if close < len(toks) and toks[close].text == ")" else close
        return position, represents, org, end, hosts, scope

    # ------------------------------------------------------------ home region
    def home_region(self) -> str | None:
        return self._home_among(self.mentions, dateline=True)

    def _home_among(self, mentions: list[Mention], dateline: bool = False) -> str | None:
        """The Indonesian region acting in these mentions: named most, with a weight for
        its government ("Pemkab X") and for officials, less for a mere venue."""
        score: dict[str, float] = {}
        for m in mentions:
            r = self.gaz.get(m.region_id)
            if r.country != "ID" or r.cls == "Country":
                continue
            w = 1.0
            prev = [t.low for t in self.toks[max(0, m.i - 3):m.i]]
            if any(p in {"pemprov", "pemkab", "pemkot", "pemda", "pemerintah"} for p in prev):
                w += 3
            if m.in_official >= 0:
                w += 0.5
            if m.locative:
                w -= 0.5
            score[m.region_id] = score.get(m.region_id, 0.0) + w
        if dateline and self.doc.dateline_place:
            for cand in self.gaz.lookup(norm(self.doc.dateline_place)):
                r = self.gaz.get(cand.region_id)
                if r.country == "ID" and r.parent and r.parent in score:
                    score[r.parent] += 0.5
        if not score:
            return None
        first: dict[str, int] = {}
        for m in mentions:
            first.setdefault(m.region_id, m.i)
        return max(score, key=lambda r: (score[r], -first.get(r, 10**9)))

    def _subheads(self) -> list[int]:
        """Sentences that are subheads: a short line alone in its paragraph, without
        closing punctuation, after the title ("Kotamobagu-Boltim", "Palopo-Irbid")."""
        content, out = self.doc.content, []
        for si, sent in enumerate(self.doc.sentences):
            if si == 0:
                continue
            text = sent.text.strip()
            before = content[max(0, sent.start - 2):sent.start]
            after = content[sent.end:sent.end + 1]
            if before != "\n\n" or after not in {"\n", ""} or not text or \
                    text.endswith((".", "!", "?", ":", '"', "”", ")", ",")) or \
                    len(text.split()) > 8 or ":" in text or not text[0].isupper():
                continue
            out.append(si)
        return out

    def _section_homes(self, home: str | None) -> dict[int, str | None]:
        """In a roundup (items under two subheads or more), the region acting in an item
        whose government is named there and the article's home region is not: sentence
        -> that item's home region (the article's in the other items). Empty for other
        articles."""
        heads = self._subheads()
        if len(heads) < 2 or home is None:
            return {}
        n = len(self.doc.sentences)
        out: dict[int, str | None] = {}
        bounds = [*heads, n]
        for a, b in itertools.pairwise(bounds):
            lo, hi = self.sent_bounds[a][0], self.sent_bounds[b - 1][1]
            ms = self.mentions_between(lo, hi)
            if any(m.region_id == home for m in ms):
                local: str | None = home
            else:
                local = self._home_among(ms)
                if local is None or not any(m.region_id == local and self._gov_marked(m.i)
                                            for m in ms):
                    local = home
            for si in range(a, b):
                out[si] = local
        if all(h == home for h in out.values()):
            return {}
        return out

    # ------------------------------------------------------------ agreements
    def _is_country(self, party: Party) -> bool:
        return party.kind == "region" and self.gaz.get(party.key).cls == "Country"

    def find_agreements(self, home: str | None) -> list[AgreementRef]:
        lex = self.lex
        per_sentence: list[tuple[int, list[tuple[Party, Party]], list[str], str]] = []
        agreements: dict[tuple[Party, Party], dict] = {}
        order: list[tuple[Party, Party]] = []
        masked = self._masked_ranges()
        listed = self._listed_scope(masked)
        sections = self._section_homes(home)  # a roundup: each item its own home region
        # agreement -> the home region of the roundup item it was found in
        found_in: dict[tuple[Party, Party], str | None] = {}
        for si in range(len(self.doc.sentences)):
            text = self._masked_sentence(si, masked)
            found = [(tr.kind, tr.strong) for tr, _ in self._triggers_in(text)]
            if not found and si not in listed and not lex.has_scope_word(text):
                continue
            strong = any(s for _, s in found)
            local = sections.get(si, home)
            pairs = self._pairs_in_sentence(si, local) if strong else []
            if strong and not pairs and not order:
                pairs = self._both_named_before(si, text)
            kind_names = [k for k, s in found if k != "cooperation" or s]
            per_sentence.append((si, pairs, kind_names, text))
            for p in pairs:
                if p not in agreements:
                    agreements[p] = {"stages": [], "sectors": [], "spans": []}
                    order.append(p)
                if si in sections:
                    found_in.setdefault(p, sections[si])
        if not order:
            return []
        # assign each sentence to agreements: its own pairs, else the nearest earlier one
        current: list = []
        first = order[0]
        sentence_targets: list[tuple[int, list, list[str], str]] = []
        last_joint: set | None = None  # the pairs of the last joint agreement of several
        listed_targets: dict[int, list] = {}  # announcement -> its targets
        for si, pairs, kind_names, text in per_sentence:
            targets = pairs
            head = listed.get(si)
            if not targets and head is not None and head in listed_targets:
                targets = listed_targets[head]  # an item goes where its announcement went
            elif not targets:
                existing = self._existing_pair_named(si, order)
                # the agreement before; all pairs of a joint agreement of several parties
                group = [existing] if existing else (current or [first])
                if existing is not None and existing in current and len(current) > 1:
                    group = current  # signatories of the joint agreement: still all of it
                local = sections.get(si, home)
                if existing is None and all(self._names_other_parties(si, t, local)
                                            for t in group):
                    continue  # "Pemkot Denpasar juga menjajaki ...": not the agreement before
                if si in sections and any(found_in.get(t, home) != sections[si]
                                          for t in group):
                    continue  # a roundup item without an agreement of its own
                targets = group
            sentence_targets.append((si, targets, kind_names, text))
            if head == si:
                listed_targets[si] = targets
            joint = self._joint.get(si) if pairs else None
            current = [p for p in targets if p in joint] if joint and targets[-1] in joint \
                else [targets[-1]]
            if not pairs and len(targets) > 1:
                current = list(targets)  # a sentence about the joint agreement: still all of it
            if pairs and not joint and last_joint and len(last_joint) > len(set(pairs)) and \
                    all(p in last_joint for p in pairs):
                # "Kesepakatan empat pihak itu diteken Gubernur A dan Bupati B ...": some
                # parties of the joint agreement before; what follows is still all of it
                current = [p for p in order if p in last_joint]
            if joint:
                last_joint = joint
        own = {si for si, pairs, _, _ in per_sentence if pairs}
        for si, targets, kind_names, text in sentence_targets:
            sent = self.doc.sentences[si]
            sp = Span(sent.start, sent.end, si)
            sectors = self._sectors_in(si, masked)
            if sectors and si not in own and _EARLIER_AGREEMENT.search(text) and \
                    not lex.has_scope_word(text):
                sectors = []  # "Selama kerja sama pertama, petani mengikuti magang": what
                # was done under an earlier agreement, not this one's scope
            kinds: list[str] = [k for k in kind_names if k in _KIND_RANK]
            if not kinds and any(tr.strong for tr, _ in self._triggers_in(text)):
                kinds = ["cooperation"]
            status = _status(text)
            when = self._date_in(sent.text)
            for target in targets:
                a = agreements[target]
                a["spans"].append(sp)
                target_kinds = kinds
                if "sister" in kinds and any(self._is_country(p) for p in target):
                    # a sister city or province joins cities or provinces, never countries
                    target_kinds = [k if k != "sister" else "cooperation" for k in kinds]
                for k in dict.fromkeys(target_kinds):
                    a["stages"].append(AgreementStage(k, status, when, sp))
                a["sectors"].extend((sid, Span(s, e, si)) for sid, s, e in sectors)
        out = []
        for p in order:
            a = agreements[p]
            if not a["stages"]:
                a["stages"].append(AgreementStage("cooperation", "reported", None, a["spans"][0]))
            out.append(AgreementRef(p, tuple(a["stages"]), tuple(a["sectors"]), tuple(a["spans"])))
        return out

    def _both_named_before(self, si: int, text: str) -> list[tuple[Party, Party]]:
        """"Delegasi Kota A berkunjung ke Kota B. Kunjungan itu menjadi langkah awal
        penjajakan kerja sama antara kedua kota.": "kedua kota/daerah/pihak" in an agreement
        sentence naming no party are the two governments of the sentence before."""
        if si == 0 or not _BOTH.search(text):
            return []
        if self._headlines is None:
            self._headlines = self._headline_sentences()
        if si - 1 in self._headlines:
            return []
        lo, hi = self.sent_bounds[si - 1]
        keys: list[str] = []
        for m in self.mentions_between(lo, hi):
            if m.locator or m.in_org or m.in_official >= 0 or self._dateline_at(m):
                continue
            if m.region_id not in keys:
                keys.append(m.region_id)
        for off in self._officials_in(si - 1):
            rid = off.represents or off.default_country
            if rid and not off.speaker and rid not in keys:
                keys.append(rid)
        keys = [k for k in keys if not any(k in self._ancestors(o) for o in keys if o != k)]
        if len(keys) != 2 or self._related(keys[0], keys[1]):
            return []
        return [_pair(Party("region", keys[0]), Party("region", keys[1]))]

    def _listed_scope(self, masked: list[tuple[int, int]]) -> dict[int, int]:
        """Sentences of a list announced by the sentence before it ("Ruang lingkup ...
        meliputi:" then "1. ...", "2. ..."; "... berfokus pada tiga hal. Pertama, ...
        Kedua, ..."): the announcement and its items, read for sectors like a scope
        sentence. An item is a sentence opened by a number, letter, bullet or ordinal word
        (a bare "1." split off its line carries over to the sentence after it)."""
        sents = self.doc.sentences
        out: dict[int, int] = {}
        si = 0
        while si < len(sents) - 1:
            if not _LIST_ITEM.match(sents[si + 1].text):
                si += 1
                continue
            text = sents[si].text
            counted = _LIST_COUNT.search(text) is not None
            if not (text.rstrip().endswith(":") or counted):
                si += 1
                continue
            masked_text = self._masked_sentence(si, masked)
            if not (counted or self.lex.has_scope_word(masked_text) or any(
                    tr.strong for tr, _ in self._triggers_in(masked_text))):
                si += 1
                continue
            out[si] = si
            k, bare = si + 1, False
            while k < len(sents) and k - si <= 24 and (bare or _LIST_ITEM.match(sents[k].text)):
                out[k] = si
                bare = _BARE_ITEM.match(sents[k].text) is not None and not bare
                k += 1
            si = k
        return out

    def _officials_in(self, si: int) -> list[OfficialMention]:
        if self._officials_by_sentence is None:
            by: dict[int, list[OfficialMention]] = {}
            for off in self.officials:
                by.setdefault(self.toks[off.i].sent, []).append(off)
            self._officials_by_sentence = by
        return self._officials_by_sentence.get(si, [])

    _officials_by_sentence: dict[int, list[OfficialMention]] | None = None

    def _names_other_parties(self, si: int, target: tuple[Party, Party],
                             home: str | None) -> bool:
        """The sentence's acting government is named and is no party of `target`."""
        lo, hi = self.sent_bounds[si]
        keys = {target[0].key, target[1].key}
        for m in self.mentions_between(lo, hi):
            if not m.locative and not m.locator and m.in_official < 0 \
                    and self._gov_marked(m.i) and m.region_id not in keys and \
                    not any(self._related(m.region_id, k) for k in keys if
                            self.gaz.has(k) and self.gaz.get(k).cls != "Country"):
                return True
        return False

    def _negated_agreement(self, si: int, lo: int) -> bool:
        """The sentence's only agreement word is denied: "belum ada kesepakatan kerja sama
        dengan X", "tidak menjalin kerja sama dengan X"."""
        found = [tr for tr, _ in self._triggers_in(self.doc.sentences[si].text) if tr.strong]
        if len(found) != 1:
            return False
        trig = self._trigger_token(si)
        if trig is None:
            return False
        return any(t.low in {"belum", "tidak", "tak", "tanpa", "bukan"}
                   for t in self.toks[max(lo, trig - 3):trig])

    def _in_route(self, m: Mention, lo: int) -> bool:
        """The place is one end of a route or project named by two places joined by a
        hyphen after a route word ("tol Semarang-Demak", "jalur kereta Solo-Yogyakarta")."""
        toks = self.toks
        if m.j + 1 < len(toks) and toks[m.j].text == "-" and self.glued(m.j) and \
                self.glued(m.j + 1):
            return m.i > lo and toks[m.i - 1].low in _ROUTE_WORDS
        if m.i - 2 > lo and toks[m.i - 1].text == "-" and self.glued(m.i - 1) and \
                self.glued(m.i):
            k = m.i - 2
            while k > lo and toks[k].cap and m.i - k < 5:
                k -= 1
            return toks[k].low in _ROUTE_WORDS
        return False

    def _dateline_at(self, m: Mention) -> bool:
        """The mention is the article's dateline: a place in capitals before a dash."""
        nxt = self.tok(m.j)
        return nxt is not None and nxt.text in {"-", "–", "—"} and \
            self.surface(m.i, m.j).isupper() and len(self.surface(m.i, m.j)) > 3

    def _locates_org_before(self, i: int, lo: int) -> bool:
        """The place at token i follows a non-government body's name after a comma
        ("Monash University (MU), Australia"): it says where the body is."""
        toks = self.toks
        p = i - 1
        if p > lo + 2 and toks[p].text == ")" and toks[p - 2].text == "(" and \
                toks[p - 1].text.isupper():
            # "Conseil Régional du Tourisme (CRT) Fès": a foreign body's town after its
            # acronym
            m = self.region_at_token(i)
            return m is not None and self.gaz.get(m.region_id).country != "ID" and any(
                o.j in {p - 2, p + 1} and o.ref.region_id is None and
                o.ref.kind in _PARTY_ORG_KINDS for o in self.orgs_between(lo, i))
        if p <= lo or toks[p].text != ",":
            return False
        ends = {p}
        if toks[p - 1].text == ")":
            q = p - 1
            while q > lo and toks[q].text != "(" and p - q < 8:
                q -= 1
            if toks[q].text == "(":
                ends.add(q)
        return any(o.j in ends and o.ref.region_id is None and o.ref.kind in _PARTY_ORG_KINDS
                   for o in self.orgs_between(lo, i))

    def _masked_ranges(self) -> list[tuple[int, int]]:
        """Character ranges not to read triggers or sectors from: organisation names and
        officials' title chunks ("Kepala Bagian Kerja Sama", "Dinas Pertanian")."""
        ranges = [(o.ref.span.start, o.ref.span.end) for o in self.orgs]
        for off in self.officials:
            ranges.append((self.toks[off.i].start, self.toks[off.j - 1].end))
        for i in sorted(self._title_starts):
            hit = self._title_at(i)  # a title without a name: "Asisten Pemerintahan"
            if hit is not None:
                j = max(hit[1], self._portfolio_end(hit[1]))
                ranges.append((self.toks[i].start, self.toks[j - 1].end))
        return ranges

    def _masked_sentence(self, si: int, masked: list[tuple[int, int]]) -> str:
        if self._masked_content is None:
            content, pieces, pos = self.doc.content, [], 0
            for a, b in sorted(masked):
                a = max(a, pos)
                if a < b:
                    pieces += [content[pos:a], " " * (b - a)]
                    pos = b
            pieces.append(content[pos:])
            self._masked_content = "".join(pieces)
        sent = self.doc.sentences[si]
        return self._masked_content[sent.start:sent.end]

    _masked_content: str | None = None

    def _pairs_in_sentence(self, si: int, home: str | None) -> list[tuple[Party, Party]]:
        lo, hi = self.sent_bounds[si]
        if self._negated_agreement(si, lo):
            return []  # "namun belum ada kesepakatan kerja sama dengan Sukoharjo"
        cands: list[tuple[int, int, Party]] = []  # (token start, token end, party)
        for m in self.mentions_between(lo, hi):
            if m.locator or m.locative or m.in_org:
                continue
            if self._dateline_at(m):
                continue  # "BANJARBARU – Gubernur ...": where the story was filed
            if self._in_route(m, lo):
                continue  # "proyek tol tanggul laut Semarang-Demak": a route's name
            if m.in_official >= 0:
                continue
            prev = self.tok(m.i - 1)
            if prev is not None and prev.low in _PEOPLE_NOUNS and prev.text.islower() and \
                    m.i - 1 >= lo:
                continue  # "petani Sri Lanka", "wisatawan Jepang": people of a place
            if any(t.low in _NOT_PARTNER for t in self.toks[max(lo, m.i - 4):m.i]):
                continue  # "berbatasan dengan Malaysia", "dibandingkan dengan Jakarta"
            if self._denied_party(m.j, hi):
                continue  # "Pemprov Bali tidak menjadi pihak dalam PKS tersebut"
            if self._locates_org_before(m.i, lo):
                continue  # "dengan James Cook University (JCU), Australia": the body's land
            cands.append((m.i, m.j, Party("region", m.region_id)))
        for off in self._officials_in(si):
            if not off.speaker and not (off.org is not None and self._mission_seat(off.org.ref)):
                # (the staff of a mission abroad, "Atase KBRI Canberra", witness)
                rid = off.represents or off.default_country
                if rid:
                    cands.append((off.i, off.j, Party("region", rid)))
        org_cands = []
        for o in self.orgs_between(lo, hi):
            prev = self.tok(o.i - 1)
            if prev and prev.low in _LOCATIVE:
                continue
            if any(t.low in _CONSULTED for t in self.toks[max(lo, o.i - 8):o.i]):
                continue  # "draf MoU dibahas bersama Kemendagri": approval, not partnership
            if o.ref.kind in _PARTY_ORG_KINDS and (o.ref.region_id is None or o.ref.kind in
                                                   {"perusahaan", "universitas", "asosiasi"}):
                if self._introduced_as_partner(o.i, lo):
                    org_cands.append((o.i, o.j, Party("org", o.ref.key)))
            elif o.ref.region_id and o.ref.region_id != home:
                if (o.ref.kind in {"kedutaan", "konsulat"} and
                        self.gaz.get(o.ref.region_id).cls == "City") or \
                        self._mission_seat(o.ref):
                    continue  # "KBRI Dili", "KDEI Taipei": the town a mission sits in
                cands.append((o.i, o.j, Party("region", o.ref.region_id)))
        cands.sort(key=lambda c: c[0])
        # collapse an ancestor named beside its descendant ("Anhui ... Tiongkok")
        pairs: list[tuple[Party, Party]] = []
        used: set[int] = set()
        trig = self._trigger_token(si)
        for a in range(len(cands) - 1):
            b = a + 1
            ca, cb = cands[a], cands[b]
            if ca[2] == cb[2]:
                continue
            between = [t.low for t in self.toks[ca[1]:cb[0]]]
            between = [w for w in between if w not in _GOV_MARKERS and w not in {"(", ")"}]
            if between == ["-"] and self.glued(ca[1]) and self.glued(cb[0]) and \
                    ca[0] > lo and self.toks[ca[0] - 1].low in _ROUTE_WORDS:
                continue  # "tol tanggul laut Semarang-Demak": a route, not two parties
            if between and all(w in _COORD for w in between) and any(w in _COORD for w in between):
                before = self.tok(ca[0] - 1)
                mutual = (before is not None and before.low in {"antara", "between"}) or \
                    (trig is not None and cb[1] <= trig) or self._followed_by_agreeing(cb[1])
                prev2 = [t.low for t in self.toks[max(lo, ca[0] - 3):ca[0]]]
                if "dengan" in prev2 or "with" in prev2:
                    mutual = mutual and before is not None and before.low in {"antara", "between"}
                if mutual and (self._related(ca[2].key, cb[2].key) and not (
                        self._gov_marked(ca[0]) and self._gov_marked(cb[0]))):
                    mutual = False  # "Jatim dan Surabaya": a city inside its province
                if mutual and self._denied_after(cb[1]):
                    mutual = False  # "Indonesia dan Taiwan tidak memiliki hubungan ..."
                if mutual:
                    pairs.append(_pair(ca[2], cb[2]))
                    used.update({a, b})
        for chain in self._listed_parties(cands, lo, trig):
            # "Kota A, Kabupaten B, Kabupaten C dan Kabupaten D menandatangani PKS": one
            # agreement of several parties, a pair for every two of them
            for x, y in itertools.combinations(chain, 2):
                px, py = cands[x], cands[y]
                if px[2] == py[2] or (self._related(px[2].key, py[2].key) and not (
                        self._gov_marked(px[0]) and self._gov_marked(py[0]))):
                    continue
                p = _pair(px[2], py[2])
                if p not in pairs:
                    pairs.append(p)
            used.update(chain)
            self._joint.setdefault(si, set()).update(
                _pair(cands[x][2], cands[y][2]) for x, y in itertools.combinations(chain, 2))
        if org_kinds := [o for o in self.orgs_between(lo, hi) if o.ref.kind in _PARTY_ORG_KINDS]:
            # "Pemkot A, Perumda B dan Bank C meneken PKS": bodies in such a list too
            spans = {(c[0], c[1]) for c in cands}
            mixed = sorted(cands + [(o.i - (o.i > lo and self.toks[o.i - 1].low in {
                "perusahaan", "perseroan"}), o.j, Party("org", o.ref.key)) for o in org_kinds
                                    if (o.i, o.j) not in spans and not (
                                        o.i > lo and self.toks[o.i - 1].low in _LOCATIVE)],
                           key=lambda c: c[0])
            for chain in self._listed_parties(mixed, lo, trig):
                if all(mixed[x][2].kind != "org" for x in chain):
                    continue  # governments only: done above
                for x, y in itertools.combinations(chain, 2):
                    px, py = mixed[x], mixed[y]
                    if px[2] == py[2] or (px[2].kind == py[2].kind == "region" and
                                          self._related(px[2].key, py[2].key) and not (
                                              self._gov_marked(px[0]) and
                                              self._gov_marked(py[0]))):
                        continue  # "Jatim dan Surabaya"; not "Pemprov A, Pemkab B dan PT C"
                    p = _pair(px[2], py[2])
                    if p not in pairs:
                        pairs.append(p)
                used.update(n for n, c in enumerate(cands) if any(c is mixed[x] for x in chain))
                self._joint.setdefault(si, set()).update(
                    _pair(mixed[x][2], mixed[y][2]) for x, y in itertools.combinations(chain, 2)
                    if mixed[x][2] != mixed[y][2])
        pairs += self._coordinated_org_pairs(lo, hi, trig, pairs)
        pairs += self._region_and_org_pairs(cands, lo, hi, trig, pairs)
        # "hubungan Indonesia dan Timor-Leste", "Indonesia-Malaysia-Thailand": countries
        # named together are the frame of the relation, not partners of the acting region
        # (they are each other's partners: the sentence's sectors stay with that relation)
        paired_countries = self._coordinated_countries(cands)
        for a in sorted(paired_countries):
            if a + 1 in paired_countries and cands[a][2] != cands[a + 1][2] and \
                    not self._denied_after(cands[a + 1][1]):
                p = _pair(cands[a][2], cands[a + 1][2])
                if p not in pairs:
                    pairs.append(p)
        rest = [c for n, c in enumerate(cands) if n not in used and n not in paired_countries]
        # a regency or city inside a party is where the work happens, not a party,
        # unless its own government is named ("Pemkab Bone")
        # (countries are no anchors: a province of a named country is still a party)
        anchors = {k for k in {m.region_id for m in self.mentions_between(lo, hi)
                               if not m.locator} | {
            c[2].key for c in cands} | ({home} if home else set())
            if self.gaz.has(k) and self.gaz.get(k).cls != "Country"}
        rest = [c for c in rest if c[2].kind != "region" or self._gov_marked(c[0]) or not any(
            a in self._ancestors(c[2].key) for a in anchors if a != c[2].key)]
        # a place named beside one inside it only locates it ("Fuzhou ... Fujian")
        all_keys = {c[2].key for c in cands}
        rest = [c for c in rest if not any(
            c[2].key in self._ancestors(k) for k in all_keys if k != c[2].key)]
        # "kerja sama dengan Darwin bisa menjadi model bagi ... Kabupaten Raja Ampat": the
        # body named right after "dengan" following the agreement word is the partner; other
        # places of the sentence (not joined to it) are only mentioned
        focus = self._dengan_partner(rest, trig)
        if focus is not None:
            partners = [c[2] for n, c in enumerate(rest) if n in focus]
            rest = [c for n, c in enumerate(rest) if n in focus or c[2].key == home]
            foreign = self._foreign_subject(cands, trig)
            if foreign is not None:
                # "Darwin sudah memiliki hubungan sister city dengan Kota Ambon" (Ambon the
                # article's home region or not)
                return pairs + [_pair(foreign, p) for p in partners if p != foreign]
        others = []
        for c in rest:
            if c[2].key != home and c[2] not in others and not (
                    home and c[2].key in self._ancestors(home)):
                others.append(c[2])
        if not others and not pairs and org_cands:
            others = list(dict.fromkeys(c[2] for c in org_cands))
        anchor = Party("region", home) if home else None
        subject = self._sentence_subject(lo, trig, cands)
        if subject is None and focus is not None and others:
            # "BPD Jateng juga telah menjalin kerja sama dengan Pemkab Kudus": a company or
            # university named first, before the agreement word, is the acting party
            subject = self._org_subject(lo, trig, cands)
        if subject is not None and subject != anchor:
            if anchor is not None and anchor not in others and anchor.key != subject.key and \
                    any(c[2] == anchor for c in cands):
                others.append(anchor)
            others = [o for o in others if o != subject]
            anchor = subject
        if anchor is None and others:
            anchor, others = others[0], others[1:]
        for partner in others:
            if anchor and partner != anchor:
                p = _pair(anchor, partner)
                if p not in pairs:
                    pairs.append(p)
        return pairs

    def _listed_parties(self, cands: list[tuple[int, int, Party]], lo: int,
                        trig: int | None) -> list[list[int]]:
        """Lists of three or more parties ("A, B, C dan D"; officials with their degrees
        between them) that sign together: opened by "antara", or the subject before the
        agreement word, or the signers after "diteken"/"ditandatangani (oleh)". Indices in
        `cands`."""
        out: list[list[int]] = []
        toks, lex = self.toks, self.lex
        a = 0
        while a < len(cands) - 2:
            chain, closed = [a], False
            for b in range(a + 1, len(cands)):
                gap = cands[chain[-1]][1]
                if cands[b][2] == cands[chain[-1]][2] and cands[b][0] == gap + 1 and \
                        toks[gap].text == "(":
                    continue  # "Kabupaten Sumba Barat Daya (SBD)": the same party glossed
                if gap + 2 < len(toks) and toks[gap].text == "(" and toks[gap + 2].text == ")" \
                        and toks[gap + 1].text.isupper():
                    gap += 3  # an acronym glossing the party before
                between = [t.low for t in toks[gap:cands[b][0]]
                           if t.low not in _GOV_MARKERS and t.text not in {"(", ")", "."}
                           and t.low not in lex.honorifics and not (len(t.text) == 1 and
                                                                    t.text.isupper())]
                if not between or not all(w in _COORD or w == "," for w in between) or \
                        cands[b][2] == cands[chain[-1]][2]:
                    break
                chain.append(b)
                if any(w in _AND for w in between):
                    closed = True  # "..., C dan D": the conjunction ends the list
                    break
            if not closed or len({cands[x][2] for x in chain}) < 3:
                a += 1
                continue
            first, last = cands[chain[0]][0], cands[chain[-1]][1]
            k = first - 1
            while k >= lo and (toks[k].low in _GOV_MARKERS or toks[k].low in {"oleh", "by"}):
                k -= 1
            before = toks[k].low if k >= lo else ""
            prev3 = [t.low for t in toks[max(lo, first - 3):first]]
            mutual = before in {"antara", "between", "diteken", "ditandatangani",
                                "disepakati", "signed"} or \
                (trig is not None and last <= trig and "dengan" not in prev3
                 and "with" not in prev3) or self._followed_by_agreeing(last)
            if mutual:
                out.append(chain)
                a = chain[-1] + 1
            else:
                a += 1
        return out

    def _denied_party(self, j: int, hi: int) -> bool:
        """The words after token j deny that the place named before is a party: "tidak
        menjadi pihak", "bukan (merupakan) pihak", "not a party"."""
        words = [t.low for t in self.toks[j:min(hi, j + 5)]]
        for n, w in enumerate(words[:3]):
            if w in {"tidak", "bukan", "not"}:
                return "pihak" in words[n + 1:n + 4] or "party" in words[n + 1:n + 4]
        return False

    def _dengan_partner(self, rest: list[tuple[int, int, Party]],
                        trig: int | None) -> set[int] | None:
        """Indices in `rest` of the partner introduced by "dengan"/"with" after the trigger,
        with the candidates joined to it by conjunctions; None when there is none."""
        if trig is None:
            return None
        for n, c in enumerate(rest):
            if c[0] <= trig:
                continue
            k = c[0] - 1
            while k > trig and self.toks[k].low in _GOV_MARKERS | {"(", ")"}:
                k -= 1
            if k <= trig or self.toks[k].low not in {"dengan", "with"}:
                continue
            found = {n}
            for m in range(n + 1, len(rest)):
                between = [t.low for t in self.toks[rest[m - 1][1]:rest[m][0]]
                           if t.low not in _GOV_MARKERS and t.text not in {"(", ")"}]
                if not between or not all(w in _COORD | {","} for w in between):
                    break
                found.add(m)
            return found
        return None

    def _foreign_subject(self, cands: list[tuple[int, int, Party]],
                         trig: int | None) -> Party | None:
        """A foreign town or province named (not as an official) just before the trigger."""
        before = [c for c in cands if trig is not None and c[1] <= trig]
        if not before:
            return None
        c = before[-1]
        m = self.region_at_token(c[0])
        if m is None or m.i != c[0] or c[2].kind != "region":
            return None
        r = self.gaz.get(c[2].key)
        return c[2] if r.country != "ID" and r.cls != "Country" else None

    def _coordinated_countries(self, cands: list[tuple[int, int, Party]]) -> set[int]:
        """Indices of country candidates joined by a conjunction to another country."""
        out: set[int] = set()
        for a in range(len(cands) - 1):
            ca, cb = cands[a], cands[a + 1]
            if ca[2] == cb[2] or ca[2].kind != "region" or cb[2].kind != "region":
                continue
            if self.gaz.get(ca[2].key).cls != "Country" or \
                    self.gaz.get(cb[2].key).cls != "Country":
                continue
            between = [t.low for t in self.toks[ca[1]:cb[0]]]
            if between and all(w in _COORD for w in between):
                out.update({a, a + 1})
        return out

    def _denied_after(self, k: int) -> bool:
        """Token k, right after parties named together, denies what follows: "Indonesia
        dan Taiwan tidak memiliki hubungan diplomatik"."""
        t = self.tok(k)
        return t is not None and t.low in {"tidak", "tak", "belum", "bukan"} and \
            self.same_sentence(k - 1, k)

    def _coordinated_org_pairs(self, lo: int, hi: int, trig: int | None,
                               pairs: list[tuple[Party, Party]]) -> list[tuple[Party, Party]]:
        """"Universitas A (UA) dan B University menandatangani MoU": two bodies joined by
        a conjunction before the agreement word (or after "antara") are its two parties."""
        bodies = [o for o in self.orgs_between(lo, hi) if o.ref.kind in _PARTY_ORG_KINDS and (
            o.ref.region_id is None or o.ref.kind in {"perusahaan", "universitas", "asosiasi"})]
        out: list[tuple[Party, Party]] = []
        for x, y in itertools.pairwise(bodies):
            if x.ref.key == y.ref.key or self.org_covering(x.i) is not x:
                continue
            between = [t.low for t in self.toks[x.j:y.i] if t.text not in {"(", ")"}]
            before = self.tok(x.i - 1)
            if between in (["dengan"], ["with"]) and before is not None and x.i > lo and \
                    before.low in {"sama", "kerjasama", "cooperation"} and \
                    x.ref.kind in _BODY_KINDS and y.ref.kind in _BODY_KINDS:
                # "melalui kerja sama Politeknik A dengan Hochschule B": the two bodies
                p = _pair(Party("org", x.ref.key), Party("org", y.ref.key))
                if p not in pairs and p not in out:
                    out.append(p)
                continue
            if not between or not all(w in _COORD for w in between):
                continue
            opened = before is not None and x.i > lo and before.low in {"antara", "between"}
            prev = [t.low for t in self.toks[max(lo, x.i - 3):x.i]]
            if not opened and ("dengan" in prev or "with" in prev or trig is None or
                               not (y.j <= trig or self._followed_by_agreeing(y.j))):
                continue
            if not opened and any(t.low in {"dengan", "with"} or (
                    t.low == "bersama" and self.is_cap(k + 1))
                                  for k, t in enumerate(self.toks[y.j:hi], y.j)):
                continue  # "A dan B menjajaki kerja sama dengan C": A and B act together
                # (not "riset bersama": joint research)
            p = _pair(Party("org", x.ref.key), Party("org", y.ref.key))
            if p not in pairs and p not in out:
                out.append(p)
        return out

    def _region_and_org_pairs(self, cands: list[tuple[int, int, Party]], lo: int, hi: int,
                              trig: int | None, pairs: list[tuple[Party, Party]]
                              ) -> list[tuple[Party, Party]]:
        """"Pemkab X dan Universitas Y (UY) menandatangani MoU", "PT Z dan Pemkot W
        meneken ...": a government and a university or company joined by a conjunction
        before the agreement word are its two parties."""
        if trig is None:
            return []
        regions = {c[1]: c for c in cands if c[2].kind == "region" and c[1] <= trig}
        starts = {c[0]: c for c in cands if c[2].kind == "region" and c[1] <= trig}
        out: list[tuple[Party, Party]] = []
        for o in self.orgs_between(lo, hi):
            if o.ref.kind not in _BODY_KINDS or \
                    self.org_covering(o.i) is not o:
                continue
            end = self._after_paren(o.j)
            if not (end <= trig or self._followed_by_agreeing(end)):
                continue
            region, first = None, o.i
            k = o.i - 1  # "<region> dan <org>"
            if k > lo and self.toks[k].low in _AND:
                k = self._before_paren(k)
                region = regions.get(k)
                if region is not None:
                    first = region[0]
            if region is None and end < hi and self.toks[end].low in _AND:
                k = end + 1  # "<org> dan <region>"
                while k < hi and self.toks[k].low in _GOV_MARKERS | {"(", ")"}:
                    k += 1
                region = starts.get(k)
                if region is None:
                    k = end + 1  # "Pemerintah Kabupaten (Pemkab) X": the mention starts later
                    region = next((c for c in starts.values() if k <= c[0] <= k + 6 and all(
                        t.low in _GOV_MARKERS | {"(", ")"} for t in self.toks[k:c[0]])), None)
            if region is None or region[2].key == o.ref.region_id or \
                    self.gaz.get(region[2].key).cls == "Country":
                continue
            prev = [t.low for t in self.toks[max(lo, first - 3):first]]
            if "dengan" in prev or "with" in prev or "antara" in prev:
                continue  # "dengan Pemkab X dan PT Y": both are partners of someone else
            last = max(end, region[1])
            if any(t.low in {"dengan", "with", "bersama"} for t in self.toks[last:hi]):
                continue  # "A dan B menjajaki kerja sama dengan C": A and B act together
            p = _pair(region[2], Party("org", o.ref.key))
            if p not in pairs and p not in out:
                out.append(p)
        return out

    def _org_subject(self, lo: int, trig: int | None,
                     cands: list[tuple[int, int, Party]]) -> Party | None:
        """A university or company that opens the sentence's clause before the trigger, with
        no government or region named before it."""
        if trig is None:
            return None
        for o in self.orgs_between(lo, trig):
            if o.j > trig or self.org_covering(o.i) is not o:
                continue
            if o.ref.kind not in _BODY_KINDS:
                return None
            prev = self.tok(o.i - 1)
            if prev is not None and o.i > lo and prev.low in _LOCATIVE | {"dengan", "with",
                                                                           "oleh", "by"}:
                return None
            if any(c[0] < o.i and not (o.i <= c[0] < o.j) for c in cands):
                return None
            return Party("org", o.ref.key)
        return None

    def _after_paren(self, j: int) -> int:
        """Token index after a "(...)" group opening at j, else j."""
        t = self.tok(j)
        if t is None or t.text != "(":
            return j
        for k in range(j + 1, min(j + 8, len(self.toks))):
            if self.toks[k].text == ")":
                return k + 1
        return j

    def _before_paren(self, k: int) -> int:
        """The end index of what comes before a "(...)" group that ends at token k-1."""
        if k > 0 and self.toks[k - 1].text == ")":
            for m in range(k - 2, max(-1, k - 9), -1):
                if self.toks[m].text == "(":
                    return m
        return k

    def _sentence_subject(self, lo: int, trig: int | None, cands) -> Party | None:
        """A government named before the trigger ("Pemprov Jawa Barat ... bermitra dengan
        Gyeonggi-do") acts in this sentence, whatever the article's home region is."""
        if trig is None:
            return None
        for start, _end, party in cands:
            if start >= trig:
                break
            acting_official = any(o.i == start and not o.speaker for o in self._officials_in(
                self.toks[start].sent))
            if party.kind == "region" and (self._gov_marked(start) or acting_official or
                                           self._subject_before_verb(_end, trig)) and \
                    self.gaz.get(party.key).country == "ID":
                return party  # "Pemprov X ..." or "Gubernur X ... menandatangani"
        return None

    def _subject_before_verb(self, end: int, trig: int) -> bool:
        """Only adverbs and an agreeing verb stand between the place ending at token `end`
        and the agreement word: "Kota Jayapura juga tengah menjajaki kerja sama dengan ..."
        names the acting party."""
        words = [t.low for t in self.toks[end:trig]]
        return len(words) <= 4 and all(w in _SUBJECT_LINK for w in words)

    def _introduced_as_partner(self, i: int, lo: int) -> bool:
        """An organisation is a party when the sentence names it as the partner:
        "dengan PT X", "menggandeng Universitas Y", "antara Pemprov Z dan Bank W"."""
        k = i - 1
        while k >= lo and self.toks[k].low in {"pihak", "para", "the", "pt", "("}:
            k -= 1
        if k < lo:
            return False
        w = self.toks[k].low
        if not self._trigger_shortly_before(i, lo):
            return False  # "dengan dukungan Kemlu" is support, not a partnership
        if w in {"dengan", "bersama", "menggandeng", "gandeng", "antara", "with", "between",
                 "menggaet", "merangkul"}:
            return True
        if w in {"dan", "and"}:
            return any(t.low in {"antara", "between"} for t in self.toks[lo:k])
        return False

    def _trigger_shortly_before(self, i: int, lo: int) -> bool:
        """A cooperation word within eight tokens before token i, in the same sentence."""
        start = self.toks[max(lo, i - 8)].start
        window = self.doc.content[start:self.toks[i].start]
        return any(tr.strong for tr, _ in self._triggers_in(window))

    def _triggers_in(self, text: str) -> list[tuple[Trigger, int]]:
        """`Lexicon.triggers_in`, once per text: a sentence is searched for its own
        triggers, its pairs and its kinds."""
        found = self._trigger_cache.get(text)
        if found is None:
            found = self._trigger_cache[text] = self.lex.triggers_in(text)
        return found

    def _gov_marked(self, i: int) -> bool:
        prev = [t.low for t in self.toks[max(0, i - 3):i]]
        return any(w in {"pemkab", "pemkot", "pemprov", "pemerintah", "pemda"} for w in prev)

    def _ancestors(self, key: str) -> list[str]:
        try:
            found = self.gaz.ancestors(key)
        except KeyError:
            return []
        return found + [p for c, p in self._located if c == key and p not in found]

    _located: tuple[tuple[str, str], ...] = ()

    def _trigger_token(self, si: int) -> int | None:
        sent = self.doc.sentences[si]
        best = min((start for tr, start in self._triggers_in(sent.text) if tr.strong),
                   default=None)
        if best is None:
            return None
        pos = sent.start + best
        lo, hi = self.sent_bounds[si]
        for k in range(lo, hi):
            if self.toks[k].start >= pos:
                return k
        return None

    def _followed_by_agreeing(self, k: int, apposition: bool = True) -> bool:
        toks = self.toks
        words = [t.low for t in toks[k:k + 3]]
        if any(w in {"sepakat", "menandatangani", "bekerja", "menjalin", "resmi", "agreed",
                     "signed", "meneken", "menyepakati"} for w in words):
            return True
        if apposition and k + 1 < len(toks) and toks[k].text == "," and \
                toks[k + 1].text[:1].islower():
            # "A dan B, kampus negeri di X, menandatangani ...": past a lower-case apposition
            for e in range(k + 1, min(k + 10, len(toks))):
                if not self.same_sentence(k, e):
                    break
                if toks[e].text == ",":
                    return self._followed_by_agreeing(e + 1, apposition=False)
        return False

    def _existing_pair_named(self, si: int, order: list[tuple[Party, Party]]):
        lo, hi = self.sent_bounds[si]
        named = {m.region_id for m in self.mentions_between(lo, hi)}
        best = None
        for p in order:
            keys = {p[0].key, p[1].key}
            if keys <= named:
                return p
            if best is None and len(keys & named) == 1 and (keys & named) != {None}:
                other = next(iter(keys & named))
                if sum(1 for q in order if other in {q[0].key, q[1].key}) == 1:
                    best = p
        return best

    def _sectors_in(self, si: int, masked: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
        text = self._masked_sentence(si, masked)
        sent = self.doc.sentences[si]
        matches = list(_WORD.finditer(text))
        words = [m.group().casefold() for m in matches]
        prefixes, sector_words = self.lex.sector_prefixes, self.lex.sector_words
        out: list[tuple[str, int, int]] = []
        end = 0  # names do not overlap: the scan resumes after each one
        for i in [k for k, w in enumerate(words) if w in prefixes]:
            if i < end:
                continue
            # the longest sector name starting here; a key that starts no name ends the search
            hit = None
            for n in range(1, min(self.lex.sector_max_tokens, len(words) - i) + 1):
                key = " ".join(words[i:i + n])
                if key not in prefixes:
                    break
                sid = sector_words.get(key)
                if sid is not None:
                    hit = (sid, n)  # "" for a phrase that names no sector ("kayu manis")
            if hit and self._inside_english_name(text, matches, i + hit[1]):
                end = i + hit[1]  # "Technical Intern Training Program": a programme's name
                continue
            if hit and not hit[0]:
                end = i + hit[1]
                continue
            if hit:
                sid, n = hit
                out.append((sid, sent.start + matches[i].start(),
                            sent.start + matches[i + n - 1].end()))
                end = i + n
        return out

    @staticmethod
    def _inside_english_name(text: str, matches: list, k: int) -> bool:
        """The capitalised sector word before word k is followed by capitalised words up to
        an English head noun ("... Training Program", "Tourism Information Center"): it is
        inside the name of a programme or body, not a sector of the agreement."""
        first = matches[k - 1].group()
        if not first[:1].isupper() or first.isupper():
            return False
        if sum(1 for m in matches if m.group()[:1].islower()) < 3:
            return False  # a headline in title case
        for m in matches[k:k + 3]:
            word = m.group()
            if not word[:1].isupper():
                return False
            if word.casefold() in _ENGLISH_NAME_HEADS:
                return True
        return False

    # ------------------------------------------------------------ dates
    def article_date(self) -> date | None:
        if self.doc.date:
            try:
                return date.fromisoformat(self.doc.date[:10])
            except ValueError:
                pass
        for sent in self.doc.sentences[:3]:
            m = _DATE_NUM.search(sent.text)
            if m:
                try:
                    return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                except ValueError:
                    continue
            m2 = _DATE_DMY.search(sent.text)
            if m2:
                try:
                    return date(int(m2.group(3)), _month(m2.group(2)), int(m2.group(1)))
                except ValueError:
                    continue
        return None

    def _date_in(self, text: str) -> str | None:
        numbered = _FOUR_DIGITS.search(text) is not None  # every form but a weekday has a year
        if numbered:
            for m in _DATE_ISO.finditer(text):
                return m.group(0)
            num = _DATE_NUM.search(text)
            if num:
                try:
                    return date(int(num.group(3)), int(num.group(2)),
                                int(num.group(1))).isoformat()
                except ValueError:
                    pass
            m2 = _DATE_DMY.search(text)
            if m2:
                try:
                    return date(int(m2.group(3)), _month(m2.group(2)),
                                int(m2.group(1))).isoformat()
                except ValueError:
                    pass
            m3 = _DATE_MY.search(text)
            if m3:
                return f"{int(m3.group(2)):04d}-{_month(m3.group(1)):02d}"
        base = self._article_date
        wd = _WEEKDAY_RE.search(text) if base else None
        if wd and base:
            target = _WEEKDAYS[wd.group(1).lower().replace("'", "")]
            delta = (base.weekday() - target) % 7
            return (base - timedelta(days=delta)).isoformat()
        m4 = _YEAR.search(text) if numbered else None
        if m4:
            return m4.group(1)
        return None

    _article_date: date | None = None


# words of a university's class, not its own name ("Universitas Islam Negeri", "Institut
# Agama Islam Negeri", "Sekolah Tinggi Agama Hindu Negeri")
_UNIVERSITY_CLASS_WORDS = _WORDS["university_class_words"]


_UNIVERSITY_HEADS = re.compile(
    r"^(?:universidade|universidad|universite|universita|university|universiteit|universitat|"
    r"universiti)(?: (?:de|di|of|du|della|degli|van|the))* ")


def _university_key(key: str) -> str:
    """"Universidade de Coimbra", "University of Coimbra" and "Universitas Coimbra" are one
    university: the key of a normalised name with its head in Indonesian."""
    return _UNIVERSITY_HEADS.sub("universitas ", key, count=1)


def _is_class_name(name: str) -> bool:
    return all(w.casefold() in _UNIVERSITY_CLASS_WORDS for w in name.split())


def _month(name: str) -> int:
    low = name.casefold()
    for k, v in _MONTHS.items():
        if low.startswith(k):
            return v
    return 1


def _status(text: str) -> str:
    if _PLANNED.search(text):
        return "planned"
    if _SIGNED.search(text):
        return "signed"
    if _PROPOSED.search(text):
        return "proposed"
    if _ONGOING.search(text):
        return "ongoing"
    return "reported"


def _pair(a: Party, b: Party) -> tuple[Party, Party]:
    x, y = sorted((a, b), key=lambda p: (p.kind, p.key))
    return (x, y)


def extract(document: Document) -> Facts:
    """Read regions, organisations, officials and agreements from one cleaned article."""
    gaz, lex = gazetteer(), lexicon()
    ex = _Extraction(document, gaz, lex)
    ex._article_date = ex.article_date()
    ex.find_regions()
    ex.find_orgs()
    ex.find_officials()
    home = ex.home_region()
    ex._located = tuple(ex.located_pairs())
    agreements = ex.find_agreements(home)

    regions = [RegionRef(m.region_id, ex.surface(m.i, m.j), ex.span(m.i, m.j))
               for m in ex.mentions]
    if document.dateline_place:
        for cand in gaz.lookup(norm(document.dateline_place)):
            r = gaz.get(cand.region_id)
            if r.country == "ID" or "country/" + r.country in ex.doc_countries:
                named = {m.region_id for m in ex.mentions}
                twin = [c.region_id for c in gaz.lookup("kabupaten " + norm(r.name))
                        if r.cls == "City" and c.region_id in named]
                if twin and r.region_id not in named:
                    r = gaz.get(twin[0])  # "KEDIRI -" over an article about Kabupaten Kediri
                regions.append(RegionRef(r.region_id, document.dateline_place, Span(0, 0, -1)))
                break
    orgs = [_home_org(o.ref, home) for o in ex.orgs]
    same = _one_regional_body([o.key for o in orgs] + [_home_org(off.org.ref, home).key
                                                       for off in ex.officials if off.org])
    orgs = [_as_body(o, same) for o in orgs]
    officials = []
    for off in ex.officials:
        org = _as_body(_home_org(off.org.ref, home), same) if off.org else None
        represents = off.represents
        if represents is None and org is not None and org.region_id and \
                not lex.national_unit(org.acronym, org.region_id) and not ex._mission_seat(org):
            represents = org.region_id
        default = off.default_country
        if represents is None and default is None and home and (
                org is not None and org.kind in {"dinas", "badan", "biro", "sekretariat",
                                                 "kantor", "dewan"}):
            represents = home
        officials.append(OfficialRef(
            name=off.name, position=off.position, represents=represents, org=org,
            default_country=default, surface=ex.surface(off.i, off.j),
            span=ex.span(off.name_i, off.name_j), speaker=off.speaker))
    agreements = [AgreementRef(_pair(*(Party(p.kind, same.get(p.key, p.key))
                                       for p in (_home_party(a.parties[0], home),
                                                 _home_party(a.parties[1], home)))),
                               a.stages, a.sectors, a.spans) for a in agreements]
    return Facts(document, tuple(regions), tuple(orgs), tuple(officials), tuple(agreements),
                 home_region=home, located=tuple(ex._located))


def _one_regional_body(keys: list[str]) -> dict[str, str]:
    """Within one article, a body named by its acronym alone ("Kadin siap ...", "KDEI di
    Taipei" read without the town) and the same acronym with one region ("Kadin Bone",
    "KDEI Taipei") are one body: the bare key -> the regional one."""
    regions: dict[str, set[str]] = {}
    for key in keys:
        name, _, region = key.partition("|")
        if name.isupper():
            regions.setdefault(name, set()).add(region)
    return {f"{name}|": f"{name}|{next(iter(rs - {''}))}" for name, rs in regions.items()
            if "" in rs and len(rs) == 2}


def _as_body(ref: OrgRef, same: dict[str, str]) -> OrgRef:
    key = same.get(ref.key)
    if key is None:
        return ref
    return OrgRef(key, ref.name, ref.kind, key.partition("|")[2] or None, ref.acronym,
                  ref.surface, ref.span)


def _home_org(ref: OrgRef, home: str | None) -> OrgRef:
    """A regional body named without its region belongs to the article's home region."""
    if ref.key.endswith("|@home"):
        key = ref.key[: -len("@home")] + (home or "")
        return OrgRef(key, ref.name, ref.kind, home, ref.acronym, ref.surface, ref.span)
    return ref


def _home_party(p: Party, home: str | None) -> Party:
    if p.kind == "org" and p.key.endswith("|@home"):
        return Party("org", p.key[: -len("@home")] + (home or ""))
    return p
