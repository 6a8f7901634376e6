"""Reading inputs: files and folders in, `Article`s out; bad input is reported, never fatal.

    log = ReadLog()
    for article in iter_articles(["seeds", "scraped/"], log):
        ...                      # one Article per text; duplicates already dropped
    log.errors, log.duplicates, log.sources

Formats (by suffix; a folder is read recursively for all of them):
  .txt .text            plain text
  .md .markdown         markdown, markup stripped; a leading `# Title` is the title
  .html .htm .xhtml     a news page: main text by trafilatura (offline), title, date and
                        URL (canonical link / og:url) kept as metadata
  .jsonl .ndjson        one JSON object per line: url, title, date, text
  .csv .tsv             a header row, then one article per record: url, title, date, text
Encodings: UTF-8 (with or without BOM), UTF-16/32 with BOM, BOM-less UTF-16, and legacy
8-bit encodings (cp1252/latin-1, ...) detected with charset-normalizer.

Every problem is an `InputError` whose str() is one line a user can act on:
"PATH: what is wrong; what to do" ("PATH:LINE: ..." for one record of a JSONL/CSV file).
"""

from __future__ import annotations

import codecs
import csv
import errno
import hashlib
import html
import io
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .model import Article
from .namespaces import slug

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
_RECORD_SUFFIXES = JSONL_SUFFIXES + CSV_SUFFIXES
SUPPORTED_SUFFIXES = (TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
                      + CSV_SUFFIXES)

MAX_BYTES = 5 * 1024 * 1024  # one article file (txt, md, html); also one record's text
MAX_RECORD_FILE_BYTES = 200 * 1024 * 1024  # a JSONL/CSV file holding many articles
MAX_TITLE = 300
MIN_PAGE_WORDS = 8  # less text than this from a web page is menus and buttons, not news
RECORD_FIELDS = ("url", "title", "date", "text")
_TEXT_FIELD_ALIASES = ("text", "content", "body")

# Error kinds (InputError.kind; also the "kind" of a skipped entry in build-report.json).
NOT_FOUND = "not-found"
EMPTY = "empty"
BINARY = "binary"
TOO_LARGE = "too-large"
UNREADABLE = "unreadable"
UNDECODABLE = "undecodable"
SYMLINK_LOOP = "symlink-loop"
NOT_A_FILE = "not-a-file"
NO_TEXT = "no-text"
BAD_RECORD = "bad-record"


class InputError(Exception):
    """A file (or one record of a file) that could not be read.

    str(err) is the one-line reason "PATH: reason; what to do" (PATH:LINE for a record).
    """

    def __init__(self, path: str, reason: str, kind: str = UNREADABLE,
                 line: int | None = None) -> None:
        shown = display_path(path)
        where = shown if line is None else f"{shown}:{line}"
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.reason = reason
        self.kind = kind
        self.line = line

    @property
    def where(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "kind": self.kind, "reason": self.reason}


def display_path(path: str | os.PathLike[str]) -> str:
    """A path for messages: bytes that are not UTF-8 in a file name shown as \\xNN."""
    text = os.fspath(path)
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate no file system produced
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    root: Path  # the folder (or the file's own folder) it was found under


@dataclass(frozen=True, slots=True)
class Source:
    """A file that was read (even if some of its records were bad)."""

    path: str
    format: str  # text | markdown | html | jsonl | csv
    encoding: str
    bytes: int
    articles: int  # articles taken from it (after dropping bad records)

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "format": self.format, "encoding": self.encoding,
                "bytes": self.bytes, "articles": self.articles}


@dataclass(frozen=True, slots=True)
class FileRead:
    """What one file gave: its articles, the records that were bad, and how it was read."""

    articles: tuple[Article, ...]
    errors: tuple[InputError, ...]
    source: Source


@dataclass(slots=True)
class ReadLog:
    """Accumulates what `iter_articles` read, skipped and found twice."""

    sources: list[Source] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (copy, first seen)
    ignored: int = 0  # files in folders with an unsupported suffix (e.g. gold.json)


# ------------------------------------------------------------------ finding files
def find_inputs(paths: Iterable[str | os.PathLike[str]]
                ) -> tuple[list[InputFile], list[InputError]]:
    """Files to read from the given files and folders (folders recursively, sorted)."""
    found, errors, _ = _find(paths)
    return found, errors


def _find(paths: Iterable[str | os.PathLike[str]]
          ) -> tuple[list[InputFile], list[InputError], int]:
    found: list[InputFile] = []
    errors: list[InputError] = []
    ignored = 0
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            folders: dict[str, Path] = {}
            for _, dirpath, name in sorted(_walk_entries(p, errors)):
                if _suffix(name).lower() in SUPPORTED_SUFFIXES:
                    folder = folders.get(dirpath)
                    if folder is None:
                        folder = folders[dirpath] = Path(dirpath)
                    found.append(InputFile(folder / name, p))
                else:
                    ignored += 1
        elif p.is_file():
            found.append(InputFile(p, p.parent))
        elif p.is_symlink():
            found.append(InputFile(p, p.parent))  # broken link or loop: reading says which
        else:
            errors.append(InputError(str(p), "no such file or folder; check the path",
                                     NOT_FOUND))
    return found, errors, ignored


def _suffix(name: str) -> str:
    """Path(name).suffix of a plain file name (no folder part), without making a Path."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _walk_entries(root: Path, errors: list[InputError]
                  ) -> Iterator[tuple[tuple[str, ...], str, str]]:
    """(sort key, folder, file name) of the files under `root`, found by a walk.

    Sorting by the key orders the files as sorting their Paths would (by path
    components below `root`, which all of them share), without making a Path for each.
    """
    def on_error(exc: OSError) -> None:
        errors.append(_os_error(str(exc.filename or root), exc, folder=True))

    top = os.fspath(root)
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=on_error):
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            errors.append(_os_error(dirpath, exc, folder=True))
            dirnames[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            real = os.path.realpath(dirpath)
            parent = os.path.realpath(os.path.dirname(dirpath))
            if parent == real or parent.startswith(real.rstrip(os.sep) + os.sep):
                reason = f"symbolic link loop back to {real}; folder skipped, remove the link"
            else:
                reason = f"same folder as {real}, already read; folder skipped"
            errors.append(InputError(dirpath, reason, SYMLINK_LOOP))
            dirnames[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        if _is_output_folder(filenames):
            continue  # graph.html of an earlier build is not a news page to read
        below = dirpath[len(top):] if dirpath.startswith(top) else dirpath
        key = tuple(part for part in below.split(os.sep) if part)
        for name in filenames:
            if not name.startswith("."):
                yield (*key, name), dirpath, name


def _is_output_folder(filenames: list[str]) -> bool:
    """A folder kgraph builds into: being built now (its lock) or built before."""
    names = set(filenames)
    return ".kgraph.lock" in names or {"graph.ttl", "build-report.json"} <= names


def _os_error(path: str, exc: OSError, folder: bool = False) -> InputError:
    what = "folder" if folder else "file"
    if exc.errno == errno.ELOOP:
        return InputError(path, "symbolic link loop; fix or remove the link", SYMLINK_LOOP)
    if isinstance(exc, PermissionError):
        return InputError(path, f"permission denied; make the {what} readable (chmod a+r)",
                          UNREADABLE)
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "no such file (a broken link?); check the path", NOT_FOUND)
    return InputError(path, f"cannot read the {what} ({exc.strerror or exc}); "
                            "check the disk and the permissions", UNREADABLE)


# ------------------------------------------------------------------ reading files
def iter_articles(paths: Iterable[str | os.PathLike[str]], log: ReadLog | None = None
                  ) -> Iterator[Article]:
    """Every article of the inputs, once: bad files and copies go to `log`, not to the caller.

    Two articles with the same text (after Unicode and whitespace normalisation) are one
    article: the first one met is kept, the copy is noted in `log.duplicates`.
    """
    log = log if log is not None else ReadLog()
    files, errors, log.ignored = _find(paths)
    log.errors.extend(errors)
    seen: dict[str, str] = {}
    for item in files:
        try:
            got = read_file(item)
        except InputError as err:
            log.errors.append(err)
            continue
        except Exception as exc:  # a reader bug met on this file: report it, read the rest
            log.errors.append(InputError(str(item.path), f"could not be read ({type(exc).__name__}"
                                         f": {str(exc)[:120]}); please report this as a kgraph "
                                         "bug", "internal-error"))
            continue
        log.sources.append(got.source)
        log.errors.extend(got.errors)
        for article in got.articles:
            key = content_key(article.text)
            where = article_where(article)
            if key in seen:
                log.duplicates.append((where, seen[key]))
                continue
            seen[key] = where
            yield article


def read_all(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Article], ReadLog]:
    """All the articles of the inputs and the log of what was skipped."""
    log = ReadLog()
    return list(iter_articles(paths, log)), log


def article_where(article: Article) -> str:
    """Where an article came from, for messages: the path, plus ':LINE' for a record."""
    _, sep, line = article.file_name.rpartition(":")
    path = display_path(article.path)
    if sep and line.isdigit() and article.path.lower().endswith(JSONL_SUFFIXES + CSV_SUFFIXES):
        return f"{path}:{line}"
    return path


def content_key(text: str) -> str:
    """Identity of an article's content: the same text saved twice has the same key."""
    if text.isascii() or (unicodedata.is_normalized("NFC", text)
                          and not _NON_ASCII_SPACE.search(text)):
        # the same as below, faster: NFC already, and all the white space is ASCII, so it
        # can be collapsed on the UTF-8 bytes (where an ASCII byte is an ASCII character)
        data = text.encode("utf-8", "surrogatepass").translate(_WHITE_TO_SPACE)
        data = data.replace(b"  ", b" ")
        while b"  " in data:
            data = data.replace(b"  ", b" ")
        return hashlib.sha256(data.strip(b" ")).hexdigest()
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()


# every ASCII character str.split() splits on (str.isspace: also \x1c-\x1f) as a space
_WHITE_TO_SPACE = bytes(0x20 if i < 128 and chr(i).isspace() else i for i in range(256))
_NON_ASCII_SPACE = re.compile(  # every other character str.isspace() is true for
    "[\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def read_article(item: InputFile) -> Article:
    """The (first) article of one file; raises InputError when there is none."""
    got = read_file(item)
    if got.articles:
        return got.articles[0]
    if got.errors:
        raise got.errors[0]
    raise InputError(str(item.path), "no article in the file; check its content", NO_TEXT)


def read_file(item: InputFile) -> FileRead:
    """Read one file by its format; raises InputError when the whole file is unusable."""
    path = item.path
    where = str(path)
    name = path.name
    raw_suffix = _suffix(name)  # path.suffix
    suffix = raw_suffix.lower()
    records = suffix in _RECORD_SUFFIXES
    data = _read_bytes(where, MAX_RECORD_FILE_BYTES if records else MAX_BYTES)
    if not data or data.isspace():  # only b" \t\r\n\x0b\x0c"
        raise InputError(where, "empty file; nothing to read, remove it or add the text", EMPTY)
    text, encoding = decode_with_encoding(data, where)
    if not text or text.isspace():
        raise InputError(where, "empty file (only white space); nothing to read, remove it "
                                "or add the text", EMPTY)
    text = normalise_text(text)
    fmt = _format_of(suffix, text)
    errors: tuple[InputError, ...] = ()
    if fmt == "jsonl":
        articles, errors = _read_jsonl(text, item)
    elif fmt == "csv":
        articles, errors = _read_csv(text, item, delimiter="\t" if suffix == ".tsv" else None)
    elif fmt == "html":
        articles = (_read_html(text, item),)
    elif fmt == "markdown":
        body, meta = markdown_to_text(text)
        if not body.strip():
            raise InputError(where, "no text in the markdown file; add the article text", NO_TEXT)
        articles = (make_article(body, path, item.root, title=meta.get("title"),
                                 date=iso_date(meta.get("date")), url=_web_url(meta.get("url"))),)
    else:  # plain text, the usual case: make_article, with the strings at hand
        stem = name[:len(name) - len(raw_suffix)]  # path.stem
        articles = (_article(text, where, stem, _relative_name(where, path, item.root)),)
    if records and not articles and not errors:
        raise InputError(where, "no records in the file; expected a header/objects with "
                                "url, title, date, text", EMPTY)
    return FileRead(tuple(articles), tuple(errors),
                    Source(where, fmt, encoding, len(data), len(articles)))


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, refusing special files and files over `limit` bytes."""
    return _read_bytes(str(path), limit)


def _read_bytes(where: str, limit: int) -> bytes:
    try:
        fd = os.open(where, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _os_error(where, exc) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(where, "a folder, not a file; give the folder itself", NOT_A_FILE)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(where, "not a regular file (a pipe, socket or device); "
                                    "give a saved article file", NOT_A_FILE)
        if st.st_size > limit:
            raise InputError(where, f"file is {st.st_size:,} bytes, over the {_mib(limit)} "
                                    "limit; split it into smaller files", TOO_LARGE)
        data = _read_fd(fd, st.st_size, limit)
    except OSError as exc:
        raise _os_error(where, exc) from None
    finally:
        os.close(fd)
    if len(data) > limit:  # grew while we read
        raise InputError(where, f"file is over the {_mib(limit)} limit; split it into "
                                "smaller files", TOO_LARGE)
    return data


def _read_fd(fd: int, size: int, limit: int) -> bytes:
    """Up to limit + 1 bytes from `fd`, to its end; `size` (from fstat) is the likely length.

    os.read with the expected size (a buffered read(limit + 1) allocates the whole limit
    for every small file), then on until the end in case the file grew.
    """
    first = os.read(fd, min(size, limit) + 1)
    if not first or len(first) > limit or len(first) == size:
        return first  # at its end, over the limit, or all fstat said it has
    chunks = [first]
    total = len(first)
    while total <= limit:
        chunk = os.read(fd, min(max(size - total, 0) + 65536, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return first if len(chunks) == 1 else b"".join(chunks)


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB" if n % (1024 * 1024) else f"{n // 1024 // 1024} MiB"


def _format_of(suffix: str, text: str) -> str:
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES or _looks_like_html(text):
        return "html"  # also a page saved as .txt
    return "text"


def _looks_like_html(text: str) -> bool:
    head = text[:1024].lstrip()
    if not head.startswith("<"):
        return False
    head = head.lower()
    return head.startswith(("<!doctype html", "<html")) and "</" in text


# ------------------------------------------------------------------ decoding
_MAGIC = (
    (b"%PDF", "a PDF document; extract its text to a .txt file (e.g. pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive or Office document; save the article as .txt"),
    (b"\xd0\xcf\x11\xe0", "an old Office document; save the article as .txt"),
    (b"{\\rtf", "an RTF document; save the article as .txt"),
    (b"\x89PNG", "a PNG image, not text; give the article text"),
    (b"\xff\xd8\xff", "a JPEG image, not text; give the article text"),
    (b"GIF8", "a GIF image, not text; give the article text"),
    (b"\x1f\x8b", "a gzip archive; unpack it first"),
    (b"BZh", "a bzip2 archive; unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive; unpack it first"),
    (b"Rar!", "a RAR archive; unpack it first"),
    (b"\x7fELF", "a program, not text; give the article text"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
_LEADS = frozenset([bom[:2] for bom, _, _ in _BOMS] + [magic[:2] for magic, _ in _MAGIC])
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x20), 0x7f])  # _CONTROL in UTF-8
_UTF8_REPLACEMENT = "\ufffd".encode()


def decode(data: bytes, path: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, else detected."""
    return decode_with_encoding(data, path)[0]


def decode_with_encoding(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding name) of a file's bytes; raises InputError (binary, undecodable)."""
    if data[:2] in _LEADS:  # may start with a byte order mark or a binary format's magic
        for bom, codec, name in _BOMS:
            if data.startswith(bom):
                try:
                    return data[len(bom):].decode(codec), f"{codec} (BOM)"
                except UnicodeDecodeError as exc:
                    raise InputError(path, f"starts with a {name} byte order mark but byte "
                                           f"{exc.start + len(bom)} is not valid {name}; "
                                           "re-save the file as UTF-8", UNDECODABLE) from None
        for magic, what in _MAGIC:
            if data.startswith(magic):
                raise InputError(path, f"binary file: {what}", BINARY)
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise InputError(path, "binary file (contains NUL bytes), not text; give the "
                                   "article as a text file", BINARY)
        return utf16
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = _detect(data, path)
    else:  # UTF-8: a control character or U+FFFD in the text is one in the bytes
        if (len(data.translate(None, _CONTROL_BYTES)) == len(data)
                and _UTF8_REPLACEMENT not in data):
            return text, encoding
    controls = len(_CONTROL.findall(text[:65536]))
    if controls > max(8, len(text[:65536]) // 20):
        raise InputError(path, f"binary file ({controls} control characters), not text; give "
                               "the article as a text file", BINARY)
    return text, encoding


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM: most NULs at odd (LE) or even (BE) positions of Latin text."""
    sample = data[:8192]
    if len(sample) < 4:
        return None
    pairs = len(sample) // 2
    odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)
    even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)
    for zeros, others, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= 0.6 * pairs and others <= 0.02 * pairs:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            if "\x00" not in text:
                return text, f"{codec} (no BOM)"
    return None


def _detect(data: bytes, path: str) -> tuple[str, str]:
    """Not UTF-8: mostly-ASCII text is Windows-1252 (the usual legacy encoding of Latin-script
    news, a superset of latin-1); anything else is left to charset-normalizer."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass
    else:
        if sum(1 for c in text if ord(c) > 127) <= max(2, len(text) // 10):
            return text, "cp1252"
    from charset_normalizer import from_bytes  # only for non-UTF-8 input

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "cannot decode the text (not UTF-8, and no encoding fits); "
                               "re-save the file as UTF-8", UNDECODABLE)
    return str(best), best.encoding


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _no_surrogates(text: str) -> str:
    """`text` with lone surrogates as U+FFFD (ASCII text, the usual case, has none)."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub("\ufffd", text)


def normalise_text(text: str) -> str:
    """Unicode NFC, newlines as \\n, lone surrogates (from JSON escapes) as U+FFFD."""
    text = _no_surrogates(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isascii():  # ASCII is NFC
        return text
    return unicodedata.normalize("NFC", text)


# ------------------------------------------------------------------ articles
def make_article(text: str, path: Path, root: Path, title: str | None = None,
                 date: str | None = None, url: str | None = None,
                 file_name: str | None = None) -> Article:
    """An Article for `text` read from `path` (found under `root`).

    `file_name` overrides the name relative to `root` (e.g. "news.jsonl:3" for a record).
    Lone surrogates, which no file can hold, become U+FFFD.
    """
    where = str(path)
    if file_name is None:
        file_name = _relative_name(where, path, root)
    return _article(text, where, path.stem, file_name, title, date, url)


def _article(text: str, where: str, stem: str, file_name: str, title: str | None = None,
             date: str | None = None, url: str | None = None) -> Article:
    """make_article for the file at `where` (str), whose name without suffix is `stem`."""
    text = _no_surrogates(text)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    file_name = _no_surrogates(file_name)  # undecodable bytes in a file name
    if not stem.isascii():
        stem = _SURROGATE.sub("", stem)
    article_id = f"{slug(stem, 40)}-{sha[:10]}"
    return Article(article_id=article_id, path=where, file_name=file_name, text=text,
                   sha256=sha, title=_clean_title(title), date=date, url=url)


def _relative_name(where: str, path: Path, root: Path) -> str:
    """str(path.relative_to(root)), or the file's name when it is not under `root`;
    `where` is str(path)."""
    top = str(root)
    if where.startswith(top) and where[len(top):len(top) + 1] == os.sep and top != os.sep:
        return where[len(top) + 1:]  # both normalised: the same as relative_to, faster
    try:
        return str(path.relative_to(root))
    except ValueError:
        return path.name


def _clean_title(title: str | None) -> str | None:
    if title is None:
        return None
    t = " ".join(_SURROGATE.sub("\ufffd", str(title)).split())[:MAX_TITLE]
    return t or None


_MONTHS = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2, "pebruari": 2,
    "mar": 3, "maret": 3, "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6,
    "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7, "agu": 8, "agt": 8, "ags": 8,
    "agustus": 8, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10,
    "oktober": 10, "oct": 10, "october": 10, "nov": 11, "nopember": 11, "november": 11,
    "des": 12, "desember": 12, "dec": 12, "december": 12,
}
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$")
_DMY = re.compile(r"^\s*(?:\w+,\s*)?(\d{1,2})[/.\- ]+([A-Za-z]+|\d{1,2})[/.\- ,]+(\d{4})\b")


def iso_date(value: object) -> str | None:
    """An ISO 8601 date (YYYY-MM-DD, YYYY-MM or YYYY) from metadata, or None if unclear."""
    if value is None:
        return None
    s = str(value).strip()
    m = _ISO.match(s)
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        return _valid_date(int(y), int(mo) if mo else None, int(d) if d else None)
    m = _DMY.match(s)
    if m:
        mo_s = m.group(2).lower()
        month = int(mo_s) if mo_s.isdigit() else _MONTHS.get(mo_s)
        if month:
            return _valid_date(int(m.group(3)), month, int(m.group(1)))
    return None


def _valid_date(year: int, month: int | None, day: int | None) -> str | None:
    import datetime as dt

    if not 1000 <= year <= 9999:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _web_url(value: object) -> str | None:
    """An http(s) URL without spaces or controls, else None (no javascript: links)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not re.match(r"^https?://[^\s\x00-\x1f\x7f<>\"]+$", url, re.I):
        return None
    return url


# ------------------------------------------------------------------ JSONL and CSV
def _record_article(rec: dict[str, object], item: InputFile, line: int,
                    errors: list[InputError]) -> Article | None:
    where = str(item.path)
    text_value = next((rec[k] for k in _TEXT_FIELD_ALIASES if rec.get(k) not in (None, "")),
                      None)
    if text_value is None:
        errors.append(InputError(where, "record has no 'text'; give each record a non-empty "
                                        "text field", BAD_RECORD, line))
        return None
    if not isinstance(text_value, str):
        errors.append(InputError(where, f"'text' is a {type(text_value).__name__}, not a "
                                        "string; give the article text as a string",
                                 BAD_RECORD, line))
        return None
    text = normalise_text(text_value)
    if not text.strip():
        errors.append(InputError(where, "record has an empty 'text'; fill it or remove the "
                                        "record", BAD_RECORD, line))
        return None
    if len(text.encode("utf-8")) > MAX_BYTES:
        errors.append(InputError(where, f"record text is over the {_mib(MAX_BYTES)} limit; "
                                        "split it", BAD_RECORD, line))
        return None
    title = rec.get("title")
    try:
        rel = str(item.path.relative_to(item.root))
    except ValueError:
        rel = item.path.name
    return make_article(text, item.path, item.root,
                        title=title if isinstance(title, str) else None,
                        date=iso_date(rec.get("date")), url=_web_url(rec.get("url")),
                        file_name=f"{rel}:{line}")


def _read_jsonl(text: str, item: InputFile) -> tuple[tuple[Article, ...], tuple[InputError, ...]]:
    articles: list[Article] = []
    errors: list[InputError] = []
    where = str(item.path)
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except ValueError as exc:
            msg = (f"{exc.msg}, column {exc.colno}" if isinstance(exc, json.JSONDecodeError)
                   else str(exc))
            errors.append(InputError(where, f"not valid JSON ({msg}); fix or remove the line",
                                     BAD_RECORD, n))
            continue
        if not isinstance(rec, dict):
            errors.append(InputError(where, f"a JSON {type(rec).__name__}, not an object; give "
                                            "one {\"text\": ...} object per line",
                                     BAD_RECORD, n))
            continue
        article = _record_article(rec, item, n, errors)
        if article is not None:
            articles.append(article)
    return tuple(articles), tuple(errors)


def _read_csv(text: str, item: InputFile, delimiter: str | None = None
              ) -> tuple[tuple[Article, ...], tuple[InputError, ...]]:
    where = str(item.path)
    header = text.split("\n", 1)[0]
    if delimiter is None:
        counts = {d: header.count(d) for d in (",", ";", "\t")}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    if csv.field_size_limit() < MAX_BYTES + 1:
        csv.field_size_limit(MAX_BYTES + 1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        names = [h.strip().lstrip("\ufeff").lower() for h in next(reader)]
    except (StopIteration, csv.Error):
        names = []
    if not any(n in _TEXT_FIELD_ALIASES for n in names):
        raise InputError(where, f"no 'text' column in the header ({', '.join(names)[:80]}); "
                                f"the first row must name the columns {','.join(RECORD_FIELDS)}",
                         BAD_RECORD, 1)
    articles: list[Article] = []
    errors: list[InputError] = []
    last = reader.line_num
    while True:
        start = last + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(InputError(where, f"broken CSV ({exc}); fix the quoting of the "
                                            "record", BAD_RECORD, start))
            if reader.line_num == last:
                break
            last = reader.line_num
            continue
        last = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            errors.append(InputError(where, f"{len(row)} fields where the header has "
                                            f"{len(names)}; quote fields that contain "
                                            f"'{delimiter}'", BAD_RECORD, start))
            continue
        rec: dict[str, object] = dict(zip(names, row, strict=True))
        article = _record_article(rec, item, start, errors)
        if article is not None:
            articles.append(article)
    return tuple(articles), tuple(errors)


# ------------------------------------------------------------------ HTML
def _read_html(page: str, item: InputFile) -> Article:
    """The main text of a news page (trafilatura; never fetches anything) and its metadata."""
    import trafilatura

    where = str(item.path)
    page = re.sub(r"^\s*<\?xml[^>]*\?>", "", page)  # lxml refuses str with an encoding decl.
    try:
        doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                          include_tables=True, favor_recall=True)
    except Exception as exc:
        raise InputError(where, f"cannot parse the page ({type(exc).__name__}); save the "
                                "article text as .txt", NO_TEXT) from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        try:  # a last resort, for pages trafilatura finds no article in: enough prose only
            text = trafilatura.baseline(page)[1]
        except Exception:
            text = ""
        if len(text.split()) < 30:
            text = ""
    if not text or len(text.split()) < MIN_PAGE_WORDS:
        raise InputError(where, "no article text found in the page; save the article text "
                                "as .txt", NO_TEXT)
    meta = _html_meta(page)
    title = (getattr(doc, "title", None) if doc is not None else None) or meta.get("title")
    date = iso_date(getattr(doc, "date", None) if doc is not None else None) \
        or iso_date(meta.get("date"))
    url = _web_url(meta.get("canonical")) or _web_url(meta.get("og:url")) \
        or _web_url(getattr(doc, "url", None) if doc is not None else None)
    return make_article(normalise_text(text), item.path, item.root, title=title, date=date,
                        url=url)


def _html_meta(page: str) -> dict[str, str]:
    """canonical link, og:url, og:title/<title>, published date from the page's head."""
    from lxml import html as lhtml

    meta: dict[str, str] = {}
    try:
        tree = lhtml.document_fromstring(page)
    except Exception:
        return meta
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href"):
            meta.setdefault("canonical", link.get("href", "").strip())
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").lower()
        value = (m.get("content") or "").strip()
        if not value:
            continue
        if key in ("og:url", "og:title"):
            meta.setdefault(key, value)
        elif key in ("article:published_time", "datepublished", "date", "pubdate",
                     "publishdate", "dc.date", "dcterms.date"):
            meta.setdefault("date", value)
    title = meta.get("og:title")
    if not title:
        t = tree.find(".//title")
        title = t.text_content().strip() if t is not None else ""
    if title:
        meta["title"] = html.unescape(title)
    return meta


# ------------------------------------------------------------------ markdown
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_HR = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FRONT_KEY = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_INLINE = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images
    (re.compile(r"!\[([^\]]*)\]\[[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # [text](url "title")
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"<!--.*?-->"), ""),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (re.compile(r"(`+)(.+?)\1"), r"\2"),  # code
    (re.compile(r"(\*\*\*|___)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
)


def markdown_to_text(md: str) -> tuple[str, dict[str, str]]:
    """Prose from markdown, paragraphs separated by a blank line, and metadata.

    Metadata: `title` from a leading `# Title` (or setext title, or front matter), `date`
    and `url` from YAML-like front matter. Code blocks, images, link targets and HTML
    tags are dropped; wrapped lines of a paragraph are joined.
    """
    meta: dict[str, str] = {}
    lines = md.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[0].strip() in ("---", "+++"):
        for i in range(1, min(len(lines), 60)):
            if lines[i].strip() in ("---", "...", "+++"):
                for raw in lines[1:i]:
                    m = _FRONT_KEY.match(raw)
                    if m:
                        key = m.group(1).lower()
                        key = {"link": "url", "canonical": "url", "published": "date"}.get(key,
                                                                                           key)
                        meta.setdefault(key, m.group(2).strip("\"'"))
                lines = lines[i + 1:]
                break
    text = re.sub(r"<!--.*?-->", "", "\n".join(lines), flags=re.S)
    lines = text.split("\n")

    blocks: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            joined = " ".join(p for p in para if p)
            if joined.strip():
                blocks.append(joined.strip())
            para.clear()

    fence: str | None = None
    for raw in lines:
        fm = _FENCE.match(raw)
        if fence is not None:
            if fm and fm.group(1)[0] == fence[0] and len(fm.group(1)) >= len(fence):
                fence = None
            continue
        if fm:
            flush()
            fence = fm.group(1)
            continue
        if para and _SETEXT.match(raw) and not _LIST.match(raw):
            heading = _inline(" ".join(para))
            para.clear()
            if raw.strip().startswith("=") and "title" not in meta and not blocks:
                meta["title"] = heading
            if heading:
                blocks.append(heading)
            continue
        if _HR.match(raw) or _REFDEF.match(raw) or (_TABLE_RULE.match(raw) and "|" in raw):
            flush()
            continue
        m = _ATX.match(raw)
        if m:
            flush()
            heading = _inline(m.group(2) or "")
            if m.group(1) == "#" and "title" not in meta and not blocks and heading:
                meta["title"] = heading
            if heading:
                blocks.append(heading)
            continue
        line = _QUOTE.sub("", raw)
        if not line.strip():
            flush()
            continue
        if _LIST.match(line):
            flush()
            line = _LIST.sub("", line)
        if line.strip().startswith("|") or line.count("|") >= 2:
            line = " ".join(c.strip() for c in line.strip().strip("|").split("|"))
        para.append(_inline(line.strip()))
    flush()
    if "title" in meta:
        meta["title"] = _clean_title(meta["title"]) or ""
        if not meta["title"]:
            del meta["title"]
    return "\n\n".join(blocks) + ("\n" if blocks else ""), meta


def _inline(s: str) -> str:
    escaped: list[str] = []

    def protect(m: re.Match[str]) -> str:
        escaped.append(m.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    s = _ESCAPE.sub(protect, s)
    for pattern, repl in _INLINE:
        s = pattern.sub(repl, s)
    s = re.sub(r"\ue000(\d+)\ue001", lambda m: escaped[int(m.group(1))], s)
    s = s.rstrip("\\")
    return html.unescape(" ".join(s.split()))
