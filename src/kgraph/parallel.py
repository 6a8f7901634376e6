"""Extraction of many articles: in parallel across cores, with the cache, in input order.

    for article, result in extract_stream(articles, jobs=4, cache=cache):
        ...  # result is the article's Facts, or a Failure when extraction raised

`jobs=1` extracts in this process. With more jobs, articles that are not cached are sent
in chunks to a `ProcessPoolExecutor`; each worker loads the gazetteer and the lexicons
once. The pool is started only when a full chunk of uncached articles is waiting, so a
rebuild that re-extracts a handful of articles never pays for starting processes.

Memory stays bounded: the input is consumed lazily and at most a few chunks per worker
are in flight; a worker sends back the packed Facts (compressed, without the article
text, which this process already holds), so no second copy of a text is kept.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, MutableMapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from .cache import FactsCache, content_key, pack, unpack
from .clean import clean
from .extract import extract
from .gazetteer import gazetteer
from .lexicon import lexicon
from .model import Article, Facts
from .progress import Progress
from .rdf import evidence_fragments

DEFAULT_CHUNK = 16
_INFLIGHT_PER_JOB = 3  # chunks queued per worker: enough to keep it busy, no more


@dataclass(frozen=True, slots=True)
class Failure:
    """Extraction raised on an article: the exception's type and message."""

    error: str
    message: str

    def __str__(self) -> str:
        return f"{self.error}: {self.message}"


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def extract_article(article: Article) -> Facts:
    """Clean and extract one article, and write its evidence nodes (what every worker
    does: this is the part of a build that runs in parallel)."""
    return evidence_fragments(extract(clean(article)))


def _failure(exc: BaseException) -> Failure:
    return Failure(type(exc).__name__, str(exc)[:200])


def _init_worker() -> None:
    """Load the gazetteer and lexicons once per worker (no-op when inherited by fork)."""
    gazetteer()
    lexicon()


def _start_worker() -> None:
    """A worker's set-up: the cycle collector on (the parent may have turned it off for
    its own work; extraction makes short-lived objects) but blind to everything the
    fork inherited, which it would otherwise walk on every full collection."""
    _init_worker()
    gc.freeze()
    gc.enable()


def _extract_chunk(articles: list[Article]) -> list[bytes | Failure]:
    out: list[bytes | Failure] = []
    for article in articles:
        try:
            out.append(pack(extract_article(article)))
        except Exception as exc:  # one odd text must not lose the others
            out.append(_failure(exc))
    return out


def _mp_context() -> multiprocessing.context.BaseContext:
    # fork: workers inherit the loaded gazetteer and start in milliseconds
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


class _Slot:
    """One article in input order: its result, or the batch that will give it."""

    __slots__ = ("article", "batch", "key", "result")

    def __init__(self, article: Article, key: str | None, result: Facts | Failure | None = None,
                 batch: _Batch | None = None) -> None:
        self.article, self.key, self.result, self.batch = article, key, result, batch


class _Batch:
    """Articles not in the cache, extracted together (by a worker, or here)."""

    __slots__ = ("future", "slots")

    def __init__(self) -> None:
        self.slots: list[_Slot] = []
        self.future: Future[list[bytes | Failure]] | None = None


def extract_stream(articles: Iterable[Article], *, jobs: int | None = None,
                   cache: FactsCache | None = None, chunk_size: int = DEFAULT_CHUNK,
                   progress: Progress | None = None,
                   timings: MutableMapping[str, float] | None = None,
                   ) -> Iterator[tuple[Article, Facts | Failure]]:
    """Every article with its Facts (or a Failure), in the order of `articles`.

    `jobs`: worker processes (None or 0: one per core; 1: none, all in this process).
    `timings` (if given) receives "read" (time spent pulling articles from the input)
    and "extract" (the rest: cache look-ups, extraction, waiting for workers).
    """
    return _Stream(articles, jobs, cache, chunk_size, progress, timings).run()


class _Stream:
    def __init__(self, articles: Iterable[Article], jobs: int | None,
                 cache: FactsCache | None, chunk_size: int, progress: Progress | None,
                 timings: MutableMapping[str, float] | None) -> None:
        self.source = iter(articles)
        self.jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
        self.cache = cache
        self.chunk_size = max(1, chunk_size)
        self.progress = progress
        self.clock = timings if timings is not None else {}
        self.clock.setdefault("read", 0.0)
        self.clock.setdefault("extract", 0.0)
        self.window: deque[_Slot] = deque()
        self.batch = _Batch()
        self.pool: ProcessPoolExecutor | None = None
        self.inflight = 0

    @property
    def max_inflight(self) -> int:
        return self.jobs * _INFLIGHT_PER_JOB

    # ---------------------------------------------------------------- batches
    def dispatch(self, final: bool) -> None:
        """Send the waiting batch to the pool, or extract it here when that is cheaper."""
        batch = self.batch
        if not batch.slots:
            return
        self.batch = _Batch()
        if self.jobs > 1 and (self.pool is not None or not final):
            if self.pool is None:
                _init_worker()  # load once here: forked workers inherit it
                self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=_mp_context(),
                                                initializer=_start_worker)
            batch.future = self.pool.submit(_extract_chunk, [s.article for s in batch.slots])
            self.inflight += 1
            return
        self.extract_here(batch)  # one job, or a last small batch with no pool started

    def extract_here(self, batch: _Batch) -> None:
        for slot in batch.slots:
            slot.batch = None
            try:
                facts = extract_article(slot.article)
            except Exception as exc:  # one odd text must not lose the others
                slot.result = _failure(exc)
                continue
            if self.cache is not None and slot.key is not None:
                self.cache.put(slot.article, facts, slot.key)
            slot.result = facts

    def collect(self, batch: _Batch) -> None:
        """Wait for a batch's worker and unpack its results into the slots."""
        assert batch.future is not None
        try:
            blobs = batch.future.result()
        except BrokenProcessPool:  # a worker died (killed, out of memory): go on without
            self.inflight -= 1
            self.jobs = 1  # the pool is unusable; what is left is extracted here
            self.extract_here(batch)
            return
        self.inflight -= 1
        for slot, blob in zip(batch.slots, blobs, strict=True):
            slot.batch = None
            if isinstance(blob, Failure):
                slot.result = blob
                continue
            slot.result = unpack(blob, slot.article)
            if self.cache is not None and slot.key is not None:
                self.cache.put_blob(slot.key, blob, slot.article)

    def ready(self, limit: int) -> Iterator[_Slot]:
        """Slots from the front whose result is known, waiting for workers while more than
        `limit` chunks are in flight (limit 0: wait for everything)."""
        while self.window:
            front = self.window[0]
            if front.result is None:
                batch = front.batch
                if batch is None or batch.future is None:
                    return  # its batch is still filling up
                if self.inflight < max(limit, 1) and not batch.future.done():
                    return
                self.collect(batch)
            self.window.popleft()
            yield front

    # ---------------------------------------------------------------- main loop
    def run(self) -> Iterator[tuple[Article, Facts | Failure]]:
        clock = self.clock
        try:
            while True:
                t0 = time.perf_counter()
                article = next(self.source, None)
                t1 = time.perf_counter()
                clock["read"] += t1 - t0
                if article is None:
                    break
                key = content_key(article) if self.cache is not None else None
                cached = self.cache.get(article, key) if self.cache is not None else None
                if cached is not None:
                    self.window.append(_Slot(article, key, result=cached))
                else:
                    slot = _Slot(article, key, batch=self.batch)
                    self.batch.slots.append(slot)
                    self.window.append(slot)
                    if self.jobs == 1 or len(self.batch.slots) >= self.chunk_size:
                        self.dispatch(final=False)
                yield from self._emit(self.ready(self.max_inflight), t1)
            t1 = time.perf_counter()
            self.dispatch(final=True)
            yield from self._emit(self.ready(0), t1)
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)

    def _emit(self, slots: Iterator[_Slot], since: float
              ) -> Iterator[tuple[Article, Facts | Failure]]:
        """Yield results; time spent here (not in the consumer) counts as extraction."""
        clock = self.clock
        t = since
        for slot in slots:
            clock["extract"] += time.perf_counter() - t
            if self.progress is not None:
                self.progress.update(1)
            assert slot.result is not None
            yield slot.article, slot.result
            t = time.perf_counter()
        clock["extract"] += time.perf_counter() - t
