"""The typed records passed between pipeline stages (all frozen).

read -> Article -> clean -> Document -> extract -> Facts -> resolve -> Corpus -> rdf
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any, TypeVar

_Record = TypeVar("_Record")


def fast_pickle(cls: type[_Record]) -> type[_Record]:
    """Pickles a frozen slots dataclass as its field values, restored by a function made
    for the class that sets each slot straight: about twice as fast to unpickle as the
    dataclass's own way (object.__setattr__ field by field, in a loop), and a build
    from the cache unpickles about fifty records per article.

    The function is named `_restore_<class>` in the class's module (pickles refer to
    it by name), and written out field by field as dataclasses writes `__init__`."""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    params = ", ".join(f"v{i}" for i in range(len(names)))
    setters = {f"_set{i}": getattr(cls, name).__set__ for i, name in enumerate(names)}
    lines = [f"def restore({params}, *, _new=_new, _cls=_cls, "
             f"{', '.join(f'{k}={k}' for k in setters)}):", "    obj = _new(_cls)",
             *(f"    _set{i}(obj, v{i})" for i in range(len(names))), "    return obj"]
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls, **setters}
    exec("\n".join(lines), scope)
    restore = scope["restore"]
    restore.__name__ = restore.__qualname__ = f"_restore_{cls.__name__}"
    restore.__module__ = cls.__module__
    setattr(sys.modules[cls.__module__], restore.__name__, restore)
    values = attrgetter(*names)  # a tuple, or the value itself for a single field
    if len(names) > 1:
        def __reduce__(self: Any) -> tuple[Any, ...]:
            return restore, values(self)
    else:
        def __reduce__(self: Any) -> tuple[Any, ...]:
            return restore, (values(self),)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


@fast_pickle
@dataclass(frozen=True, slots=True)
class Article:
    """One input article as read from disk, before any cleaning."""

    article_id: str  # stable id: derived from the content hash
    path: str  # where it was read from
    file_name: str  # relative to the input folder it came from
    text: str  # the decoded text (offsets below are into this string)
    sha256: str
    title: str | None = None  # from the file format's metadata (HTML <title>, JSONL field)
    date: str | None = None  # ISO 8601, from metadata when the format gives one
    url: str | None = None


@fast_pickle
@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@fast_pickle
@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned article: furniture blanked out, dateline parsed, sentences split.

    `content` has the same length as `article.text`: furniture is replaced by
    spaces, so every offset stays valid in the original text.
    """

    article: Article
    content: str
    sentences: tuple[Sentence, ...]
    title: str | None
    dateline_place: str | None
    outlet: str | None
    date: str | None  # ISO date of the article when known (metadata or text)
    furniture: tuple[tuple[int, int], ...] = ()


@fast_pickle
@dataclass(frozen=True, slots=True)
class Span:
    """Where something was read: offsets into the article text and the sentence."""

    start: int
    end: int
    sentence: int  # index into Document.sentences (-1 for title/dateline)


@fast_pickle
@dataclass(frozen=True, slots=True)
class RegionRef:
    region_id: str  # gazetteer id, e.g. "province/ID-KI"
    surface: str
    span: Span


@fast_pickle
@dataclass(frozen=True, slots=True)
class OrgRef:
    key: str  # identity within the corpus: normalised name or acronym + region
    name: str  # canonical name (expanded when known)
    kind: str  # dinas, badan, kementerian, perusahaan, ...
    region_id: str | None
    acronym: str | None
    surface: str
    span: Span


@fast_pickle
@dataclass(frozen=True, slots=True)
class OfficialRef:
    name: str  # honorifics and degrees stripped
    position: str  # as written
    represents: str | None  # region id when the text names it
    org: OrgRef | None
    default_country: str | None  # region to fall back on (national titles)
    surface: str
    span: Span
    speaker: bool = False  # introduced as the one speaking ("kata ...")


@fast_pickle
@dataclass(frozen=True, slots=True)
class Party:
    """A party of an agreement: a region id, or an org key."""

    kind: str  # "region" | "org"
    key: str


@fast_pickle
@dataclass(frozen=True, slots=True)
class AgreementStage:
    kind: str  # cooperation | offer | loi | mou | moa | sister
    status: str  # proposed | planned | signed | ongoing | reported
    date: str | None  # ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY
    span: Span


@fast_pickle
@dataclass(frozen=True, slots=True)
class AgreementRef:
    parties: tuple[Party, Party]  # sorted, so the same pair has the same key
    stages: tuple[AgreementStage, ...]
    sectors: tuple[tuple[str, Span], ...]  # (sector id, where the scope named it)
    spans: tuple[Span, ...]


@fast_pickle
@dataclass(frozen=True, slots=True)
class Facts:
    """Everything extracted from one article."""

    document: Document
    regions: tuple[RegionRef, ...] = ()
    orgs: tuple[OrgRef, ...] = ()
    officials: tuple[OfficialRef, ...] = ()
    agreements: tuple[AgreementRef, ...] = ()
    home_region: str | None = None
    located: tuple[tuple[str, str], ...] = ()  # (city, province) the text places together
    notes: tuple[str, ...] = field(default=())
    # The article's evidence nodes, written in Turtle while the article is extracted (in
    # parallel, and cached with the rest): see rdf.evidence_fragments. Empty: not made.
    evidence_ttl: bytes = b""

    def spans(self) -> list[Span]:
        """Every span a fact was read at."""
        spans = [r.span for r in self.regions] + [o.span for o in self.orgs]
        for official in self.officials:
            spans.append(official.span)
            if official.org is not None:
                spans.append(official.org.span)
        for agreement in self.agreements:
            spans += agreement.spans
            spans += [stage.span for stage in agreement.stages]
            spans += [span for _, span in agreement.sectors]
        return spans
