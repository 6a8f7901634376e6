"""Text cleaning: blank out site furniture, parse the dateline, split sentences.

`clean(article) -> Document`. Furniture is replaced by spaces rather than cut,
so offsets into `Document.content` are offsets into the original text.
"""

from __future__ import annotations

import re

from .gazetteer import DATA
from .model import Article, Document, Sentence

# Whole lines that are site furniture, never article content.
_FURNITURE_LINE = re.compile(
    r"""^\s*(?:
        (?:baca\s+juga|lihat\s+juga|simak\s+juga|berita\s+terkait|artikel\s+terkait|
           baca\s+berita|read\s+also|related)\b.*
      | (?:simak|tonton|saksikan|lihat)\s+(?:juga\s+)?video\b.*
      | laporan\s+(?:wartawan|reporter|koresponden|kontributor|jurnalis)\b.*
      | artikel\s+ini\s+(?:telah|sudah)\s+(?:tayang|terbit|dimuat|diterbitkan)\b.*
      | (?:cek|simak|ikuti|dapatkan|follow)\b.*(?:google\s+news|whatsapp|telegram|instagram|
           channel|update\s+berita|berita\s+terkini|media\s+sosial).*
      | (?:sumber|source|editor|penulis|pewarta|reporter|penyunting|redaktur|foto|
           fotografer|video|tags?|kata\s+kunci|copyright|hak\s+cipta|caption|keterangan\s+foto)
           \s*[:：].*
      | (?:sumber|editor|penulis|bagikan|share|tweet|komentar|comments?|tags?|advertisement|
           iklan|scroll\s+to\s+continue|gulir\s+untuk\s+melanjutkan|loading|
           baca\s+selengkapnya|selengkapnya)\s*[:：]?\s*
      | ©.*
      | \(?adv\)?\.?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

# Photo credits and advertorial tags inside a line: "(Ist/ Disway Kaltim)",
# "-(Foto: Humas)-", "(Adv/Diskominfo Kaltim)", "(Adv)".
_CREDIT = re.compile(
    r"""-?\(\s*(?:ist|istimewa|foto|photo|dok|dokumentasi|ilustrasi|humas|adv|advertorial|
        antara\s*foto|net|screenshot|tangkapan\s+layar)\b[^()\n]{0,80}\)-?""",
    re.IGNORECASE | re.VERBOSE,
)

# A header line after which come links to other articles, one headline a line.
_RELATED_HEADER = re.compile(
    r"^\s*(?:berita\s+terkait|artikel\s+terkait|baca\s+juga|lihat\s+juga|berita\s+lainnya|"
    r"related(?:\s+news)?|terpopuler|berita\s+populer)\s*[:：]?\s*$", re.IGNORECASE)

_DASH = r"[-–—]+"
_DATELINES = (
    # "Samarinda (ANTARA) -", "Mataram (Lombok Post) –"
    re.compile(rf"^\s*(?P<place>[A-Z][\w .'’]{{1,40}}?)\s*\((?P<outlet>[^()\n]{{2,40}})\)"
               rf"\s*{_DASH}\s*"),
    # "JAMBI, Mjnews.id –", "SURABAYA, KOMPAS.com -", "Padang, Padek.co -"
    re.compile(
        rf"^\s*(?P<place>[A-Z][\w .'’]{{1,40}}?),\s*(?P<outlet>[\w.-]*[A-Za-z][\w-]*\.[a-z]{{2,}}"
        rf"(?:\.[a-z]{{2,}})?|[A-Z][\w-]+(?:\s[A-Z][\w-]+)?)\s*{_DASH}\s*"
    ),
    # "BANDAR LAMPUNG –", "SEMARANG -"
    re.compile(rf"^\s*(?P<place>[A-Z][A-Z'’]+(?: [A-Z][A-Z'’]+){{0,3}})\s*{_DASH}\s+"),
    # "Samarinda – Pemerintah ..."
    re.compile(r"^\s*(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})\s+[–—-]\s+(?=[A-Z\"“])"),
)

# Words before a period that do not end a sentence (lowercase, without the dot).
ABBREVIATIONS = frozenset(
    line.strip() for line in (DATA / "abbreviations.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#"))

_BOUNDARY = re.compile(r"([.!?]+)([”\"'’)\]]*)(\s+)(?=[\"“‘'(\[]?[A-Z0-9])")
_TITLE_MAX = 200


def clean(article: Article) -> Document:
    """Blank furniture, find title and dateline, split the content into sentences."""
    text = article.text
    furniture: list[tuple[int, int]] = []  # spans to blank, in the order found
    blank = furniture.append

    lines = _line_spans(text)
    in_related = False  # inside a "Berita Terkait:" block of linked headlines
    for start, end in lines:
        line = text[start:end]
        if _RELATED_HEADER.match(line):
            in_related = True
            blank((start, end))
            continue
        if in_related:
            stripped = line.strip()
            if not stripped:
                continue
            if len(stripped) < 160 and not stripped.endswith((".", "!", "?", '"', "”")):
                blank((start, end))
                continue
            in_related = False
        if _FURNITURE_LINE.match(line):
            blank((start, end))
            continue
        for m in _CREDIT.finditer(line):
            blank((start + m.start(), start + m.end()))

    title = article.title
    # the header lines below only blank (parts of) themselves, so this stays valid for them
    content = _blanked(text, furniture)
    content_lines = [(s, e) for s, e in lines if content[s:e].strip()]
    if title is None and content_lines:
        title = _title_from(text, content_lines)

    dateline_place = outlet = None
    date = article.date
    seen_title = False
    for s, e in content_lines[:8]:
        line = content[s:e]
        if title and line.strip() == title.strip():
            if seen_title:
                blank((s, e))  # scraped pages repeat the headline
            seen_title = True
            continue
        header_date = _header_date(line)
        if header_date is not None:
            date = date or header_date  # "Rabu, 16 Okt 2019 15:42 WIB"
            blank((s, e))
            continue
        if _HEADER_LINE.match(line):
            blank((s, e))  # "Muhammad Fauzi - detikNews", "Oleh: ...", "Bagikan ke: ..."
            continue
        found = _dateline(line)
        if found is None:
            # "CNN Indonesia" / photo caption / "Jakarta, CNN Indonesia --": a dateline
            # written as such (a double dash, a domain, a place in capitals) a few lines on
            found = next((d for s2, e2 in content_lines[:8] if s2 > s and
                          (d := _marked_dateline(content[s2:e2])) is not None), None)
            if found is not None:
                s = next(s2 for s2, e2 in content_lines[:8] if s2 > s and
                         _marked_dateline(content[s2:e2]) is not None)
        if found:
            dateline_place, found_outlet, end = found
            outlet = found_outlet or outlet
            blank((s, s + end))
        break  # only the first body line carries a dateline
    if outlet is None:
        outlet = _source_outlet(text)

    content = _blanked(text, furniture)
    sentences = tuple(_split_sentences(content))
    return Document(
        article=article,
        content=content,
        sentences=sentences,
        title=title,
        dateline_place=dateline_place,
        outlet=outlet,
        date=date,
        furniture=tuple(furniture),
    )


# Lines of a scraped page's header, between the headline and the body.
_HEADER_LINE = re.compile(
    r"""^\s*(?:
        (?:oleh|by|penulis|editor|reporter|redaktur|pewarta|fotografer|foto|bagikan|share)\b.*
      | [A-Z][\w.'’ ]{2,40}\s[-–|]\s*[\w.]+(?:news|com|id|co)\w*
      | (?:home|beranda|news|berita|nasional|daerah|regional|internasional)(?:\s*[›>/»]\s*\w+)+
      | \d{1,2}:\d{2}\s*(?:WIB|WITA|WIT)?
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_MONTH_WORDS = ("januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|"
                "november|desember|jan|feb|mar|apr|jun|jul|agu|agt|ags|sep|okt|nov|des|"
                "january|february|march|may|june|july|august|october|december|oct|dec")
MONTHS = {name: n for n, names in enumerate((
    ("januari", "january", "jan"), ("februari", "february", "feb"), ("maret", "march", "mar"),
    ("april", "apr"), ("mei", "may"), ("juni", "june", "jun"), ("juli", "july", "jul"),
    ("agustus", "august", "agu", "agt", "ags"), ("september", "sep"),
    ("oktober", "october", "okt", "oct"), ("november", "nov", "nop"),
    ("desember", "december", "des", "dec")), start=1) for name in names}
_HEADER_DATE = re.compile(
    rf"""^\s*(?:[A-Z][\w&'’ ]{{1,30}}?\s*[|/]\s*)?  # a rubric: "Nusantara | Senin, ..."
        (?:[A-Za-z']+,?\s+)?(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_WORDS})\.?\s+(?P<y>\d{{4}})
        (?:\s*[-–|,]?\s*\d{{1,2}}[:.]\d{{2}}(?:\s*(?:WIB|WITA|WIT))?)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_HEADER_NUMERIC_DATE = re.compile(
    r"^\s*(?:[A-Z][\w&'’ ]{1,30}?\s*[|/]\s*)?"
    r"(?:[A-Za-z']+,?\s+)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
    r"(?:\s*[-–|,]?\s*\d{1,2}[:.]\d{2}(?:\s*(?:WIB|WITA|WIT))?)?\s*$")


def _header_date(line: str) -> str | None:
    """ISO date of a header line that is only a date ("Senin, 04 November 2019 | 19:27 WIB")."""
    m = _HEADER_DATE.match(line)
    if m:
        month = MONTHS.get(m.group("m").casefold())
    else:
        m = _HEADER_NUMERIC_DATE.match(line)
        month = int(m.group("m")) if m else None
    if not m or not month:
        return None
    try:
        import datetime  # only for the rare header date

        return datetime.date(int(m.group("y")), month, int(m.group("d"))).isoformat()
    except ValueError:
        return None


# "jpnn.com, KOTA KINABALU -", "FAJAR.CO.ID, MAKASSAR --", "BANDUNG, (PR).-",
# "MEDAN, Waspada.id –": a place and an outlet in either order before a dash.
_PAIR_DATELINE = re.compile(
    r"^\s*(?P<a>[^,\n]{2,40}?),\s*(?P<b>[^,\n]{2,40}?)\s*(?:--|[-–—]|\.-)\s+")
_DOMAIN = re.compile(r"\.(?:com|co|id|net|org|news)\b|\(", re.IGNORECASE)


def _dateline(line: str) -> tuple[str, str | None, int] | None:
    """(place, outlet, end offset) of a dateline at the start of the first body line."""
    m = _PAIR_DATELINE.match(line)
    if m:
        a, b = m.group("a").strip(), m.group("b").strip()
        place, outlet = (b, a) if _DOMAIN.search(a) and not _DOMAIN.search(b) else (a, b)
        if place.isupper() or place.istitle():
            outlet = outlet.strip("().- ") or None
            return " ".join(place.split()).title(), outlet, m.end()
    for pattern in _DATELINES:
        m = pattern.match(line)
        if m:
            found_outlet = m.groupdict().get("outlet")
            return (" ".join(m.group("place").split()).title(),
                    found_outlet.strip() if found_outlet else None, m.end())
    return None


def _marked_dateline(line: str) -> tuple[str, str | None, int] | None:
    """A dateline that cannot be a sentence's start: "Place, Outlet --" with a double
    dash, an outlet with a domain, or a place in capitals."""
    m = _PAIR_DATELINE.match(line)
    if m is None:
        return None
    a, b = m.group("a").strip(), m.group("b").strip()
    if not (line[m.end("b"):m.end()].strip().startswith("--") or _DOMAIN.search(a + " " + b)
            or a.isupper() or b.isupper()):
        return None
    return _dateline(line)


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with every character of the spans but newlines replaced by a space."""
    pieces, pos = [], 0
    for a, b in sorted(spans):
        a = max(a, pos)
        if a < b:
            gap = "\n".join(" " * len(part) for part in text[a:b].split("\n"))
            pieces += [text[pos:a], gap]
            pos = b
    pieces.append(text[pos:])
    return "".join(pieces)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        spans.append((pos, pos + len(stripped)))
        pos += len(line)
    return spans


def _title_from(text: str, content_lines: list[tuple[int, int]]) -> str | None:
    """The first line is a headline when it is short, has no final period, and is
    followed by a blank line or repeated (scraped pages often repeat it)."""
    s, e = content_lines[0]
    first = text[s:e].strip()
    if not first or len(first) > _TITLE_MAX or first.endswith((".", "-", "–", "—")):
        return None
    rest = text[e:]
    if any(p.match(first) for p in _DATELINES):
        return None
    if rest.startswith(("\n\n", "\r\n\r\n")) or first in rest[:600]:
        return first
    return None


_SOURCE = re.compile(r"^\s*sumber\s*[:：]\s*(?P<outlet>[^\n]{2,60}?)\s*$", re.I | re.M)


def _source_outlet(text: str) -> str | None:
    m = _SOURCE.search(text)
    return m.group("outlet") if m else None


def _split_sentences(content: str):
    for start, end in _line_spans(content):
        line = content[start:end]
        if not line.strip():
            continue
        cut = 0
        for m in _BOUNDARY.finditer(line):
            if m.group(1) == "." and _is_abbreviation(line, m.start(1)):
                continue
            stop = m.end(2)
            yield from _sentence(content, start + cut, start + stop)
            cut = m.end(3)
        yield from _sentence(content, start + cut, end)


def _sentence(content: str, start: int, end: int):
    seg = content[start:end]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg.rstrip())
    if trail > lead:
        yield Sentence(start + lead, start + trail, seg[lead:trail])


def _is_abbreviation(line: str, dot: int) -> bool:
    """True when the period at `dot` ends an abbreviation or an initial, not a sentence."""
    m = re.search(r"([\w.]+)$", line[max(0, dot - 64):dot])  # bounded: long lines stay linear
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "M. Faisal", "H. Akmal"
    return word in ABBREVIATIONS
