"""Reading inputs: `read_article(path, root) -> Article`, `find_inputs(paths)`.

Plain text in any common encoding. Every problem is an `InputError` carrying one
line a user can act on; the pipeline records it and goes on with the other files.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .model import Article
from .namespaces import slug

SUPPORTED_SUFFIXES = (".txt",)
MAX_BYTES = 5 * 1024 * 1024


class InputError(Exception):
    """A file that could not be read; str(err) is the one-line reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    root: Path  # the folder (or the file's own folder) it was found under


def find_inputs(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[InputFile], list[InputError]]:
    """Files to read from the given files and folders (folders recursively, sorted)."""
    found: list[InputFile] = []
    errors: list[InputError] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(_walk(p, errors)):
                if f.suffix.lower() in SUPPORTED_SUFFIXES:
                    found.append(InputFile(f, p))
        elif p.is_file():
            found.append(InputFile(p, p.parent))
        else:
            errors.append(InputError(str(p), "no such file or folder; check the path"))
    return found, errors


def _walk(root: Path, errors: list[InputError]) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        st = os.stat(dirpath)
        if (st.st_dev, st.st_ino) in seen:
            errors.append(InputError(dirpath, "symbolic link loop; folder skipped"))
            dirnames[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if not name.startswith("."):
                yield Path(dirpath) / name


def decode(data: bytes, path: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else detected."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # noqa: PLC0415 - only for non-UTF-8 input

    best = from_bytes(data).best()
    if best is None:
        raise InputError(path, "cannot decode the text (not UTF-8, no encoding detected); "
                               "save it as UTF-8")
    return str(best)


def read_article(item: InputFile) -> Article:
    path = item.path
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file ({exc.strerror}); check permissions")
    if not data.strip():
        raise InputError(str(path), "empty file; nothing to read")
    if len(data) > MAX_BYTES:
        raise InputError(str(path), f"file larger than {MAX_BYTES // 1024 // 1024} MiB; split it")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(str(path), "binary file, not text; give a .txt article")
    text = decode(data, str(path)).replace("\r\n", "\n").replace("\r", "\n")
    return make_article(text, path, item.root)


def make_article(text: str, path: Path, root: Path, title: str | None = None,
                 date: str | None = None, url: str | None = None) -> Article:
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    try:
        rel = str(path.relative_to(root))
    except ValueError:
        rel = path.name
    article_id = f"{slug(path.stem, 40)}-{sha[:10]}"
    return Article(article_id=article_id, path=str(path), file_name=rel, text=text, sha256=sha,
                   title=title, date=date, url=url)
