"""kgraph.cache: Facts kept between builds, keyed by content and extractor fingerprint.

Builds here use the five seeds, one process (jobs=1) and no HTML or validation, so
that counting calls of `kgraph.parallel.extract_article` counts extractions.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic

from kgraph import cache as cache_mod
from kgraph import parallel
from kgraph.cache import (
    CACHE_DIR_NAME,
    CACHE_FILE,
    FactsCache,
    content_key,
    extractor_fingerprint,
    pack,
    unpack,
)
from kgraph.namespaces import KG
from kgraph.pipeline import build
from kgraph.reader import read_all


@pytest.fixture()
def corpus(tmp_path: Path, seeds_dir: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(seeds_dir, folder)
    return folder


@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every extraction, by file name."""
    calls: list[str] = []
    real = parallel.extract_article

    def counting(article):
        calls.append(Path(article.path).name)
        return real(article)

    monkeypatch.setattr(parallel, "extract_article", counting)
    return calls


@pytest.fixture()
def fresh_fingerprint():
    extractor_fingerprint.cache_clear()
    yield
    extractor_fingerprint.cache_clear()


def quick_build(inputs: Path, out: Path, **kw):
    return build([inputs], out, html=False, validate=False, jobs=1, **kw)


def test_rebuild_extracts_only_the_changed_article(corpus, tmp_path, counted):
    out = tmp_path / "out"
    first = quick_build(corpus, out)
    assert sorted(counted) == sorted(p.name for p in corpus.glob("*.txt"))
    assert (out / CACHE_DIR_NAME / CACHE_FILE).is_file()
    ttl = (out / "graph.ttl").read_bytes()

    counted.clear()
    again = quick_build(corpus, out)
    assert counted == []  # everything from the cache
    assert (out / "graph.ttl").read_bytes() == ttl  # and the same graph
    assert again.triples == first.triples

    changed = sorted(corpus.glob("*.txt"))[2]
    changed.write_text(changed.read_text(encoding="utf-8") +
                       "\nGubernur Jawa Barat Budi Santoso ikut hadir.\n", encoding="utf-8")
    counted.clear()
    quick_build(corpus, out)
    assert counted == [changed.name]


def test_a_renamed_file_keeps_its_extraction_under_its_new_name(corpus, tmp_path, counted):
    out = tmp_path / "out"
    quick_build(corpus, out)
    old = sorted(corpus.glob("*.txt"))[0]
    new = old.with_name("renamed.txt")
    old.rename(new)
    counted.clear()
    result = quick_build(corpus, out)
    assert counted == []
    names = {str(o) for o in result.graph.objects(None, KG.fileName)}
    assert "renamed.txt" in names and old.name not in names  # the Article read now
    # the cached evidence fragments name the article by its new id, as a fresh build does
    fresh = quick_build(corpus, tmp_path / "fresh", cache=False)
    assert isomorphic(result.graph, fresh.graph)
    article = next(a for a in result.graph.subjects(KG.fileName, Literal("renamed.txt")))
    cited = set(result.graph.subjects(KG.inArticle, article))
    assert cited and all(str(e).startswith(str(article).replace("/article/", "/evidence/"))
                         for e in cited)


def test_a_changed_extractor_version_invalidates(corpus, tmp_path, counted, monkeypatch,
                                                 fresh_fingerprint):
    out = tmp_path / "out"
    quick_build(corpus, out)
    import kgraph.extract

    monkeypatch.setattr(kgraph.extract, "EXTRACTOR_VERSION", "99.0-test")
    extractor_fingerprint.cache_clear()
    counted.clear()
    quick_build(corpus, out)
    assert len(counted) == 5


def test_the_fingerprint_covers_the_data_files(tmp_path, monkeypatch, fresh_fingerprint):
    import kgraph.gazetteer

    before = extractor_fingerprint()
    data = tmp_path / "data"
    shutil.copytree(kgraph.gazetteer.DATA, data)
    monkeypatch.setattr(kgraph.gazetteer, "DATA", data)
    extractor_fingerprint.cache_clear()
    assert extractor_fingerprint() == before  # same content, same fingerprint
    with open(data / "titles.tsv", "a", encoding="utf-8") as f:
        f.write("Kepala Suku\tregional\tKepala Suku\n")
    extractor_fingerprint.cache_clear()
    assert extractor_fingerprint() != before


def test_entries_of_another_fingerprint_are_dropped(tmp_path, seeds_dir):
    articles, _ = read_all([seeds_dir])
    facts = parallel.extract_article(articles[0])
    with FactsCache(tmp_path, fingerprint="a") as c:
        c.put(articles[0], facts)
    with FactsCache(tmp_path, fingerprint="a") as c:
        assert c.get(articles[0]) == facts
        assert (c.hits, c.misses) == (1, 0)
    with FactsCache(tmp_path, fingerprint="b") as c:
        assert c.get(articles[0]) is None
        assert len(c) == 0


def test_key_is_content_not_location(seeds_dir):
    articles, _ = read_all([seeds_dir])
    a = articles[0]
    moved = dataclasses.replace(a, path="/elsewhere/x.txt", file_name="x.txt",
                                article_id="x-123")
    assert content_key(moved) == content_key(a)
    assert content_key(dataclasses.replace(a, text=a.text + " ")) != content_key(a)
    assert content_key(dataclasses.replace(a, title="Judul")) != content_key(a)
    assert content_key(dataclasses.replace(a, date="2024-01-01")) != content_key(a)


def test_pack_round_trip_rebinds_the_article(seeds_dir):
    articles, _ = read_all([seeds_dir])
    facts = parallel.extract_article(articles[1])
    blob = pack(facts)
    assert articles[1].text[:40].encode() not in blob  # the text is not stored
    assert unpack(blob, articles[1]) == facts
    moved = dataclasses.replace(articles[1], path="/new/place.txt")
    assert unpack(blob, moved).document.article.path == "/new/place.txt"


def test_unpacked_facts_share_their_names(seeds_dir):
    """Two articles' Facts hold one copy of a region id, a name, a kind."""
    articles, _ = read_all([seeds_dir])
    blob = pack(parallel.extract_article(articles[1]))
    one, two = unpack(blob, articles[1]), unpack(blob, articles[1])
    assert one == two and one.regions and one.officials and one.agreements
    assert one.regions[0].region_id is two.regions[0].region_id
    assert one.officials[0].name is two.officials[0].name
    assert one.agreements[0].stages[0].kind is two.agreements[0].stages[0].kind


def test_a_damaged_cache_file_is_replaced(tmp_path, seeds_dir):
    (tmp_path / CACHE_FILE).write_bytes(b"this is not sqlite" * 100)
    articles, _ = read_all([seeds_dir])
    with FactsCache(tmp_path, fingerprint="x") as c:
        assert c.get(articles[0]) is None
        c.put(articles[0], parallel.extract_article(articles[0]))
    with FactsCache(tmp_path, fingerprint="x") as c:
        assert c.get(articles[0]) is not None


def test_an_unreadable_entry_is_a_miss(tmp_path, seeds_dir):
    articles, _ = read_all([seeds_dir])
    with FactsCache(tmp_path, fingerprint="x") as c:
        c.put_blob(content_key(articles[0]), b"garbage")
    with FactsCache(tmp_path, fingerprint="x") as c:
        assert c.get(articles[0]) is None
        assert c.errors == 1


def test_stale_entries_are_pruned_when_most_go_unused(tmp_path, seeds_dir):
    articles, _ = read_all([seeds_dir])
    with FactsCache(tmp_path, fingerprint="x") as c:
        for i in range(10):
            c.put_blob(f"old-{i}", b"x")
        c.put(articles[0], parallel.extract_article(articles[0]))
    with FactsCache(tmp_path, fingerprint="x") as c:
        assert c.get(articles[0]) is not None
    with FactsCache(tmp_path, fingerprint="x") as c:
        assert c.keys() == {content_key(articles[0])}


def test_no_cache_and_cache_dir(corpus, tmp_path, counted):
    out = tmp_path / "out"
    quick_build(corpus, out, cache=False)
    assert not (out / CACHE_DIR_NAME).exists()
    elsewhere = tmp_path / "shared-cache"
    quick_build(corpus, out, cache_dir=elsewhere)
    assert (elsewhere / CACHE_FILE).is_file()
    counted.clear()
    quick_build(corpus, tmp_path / "out2", cache_dir=elsewhere)  # another output, same cache
    assert counted == []


def test_the_fingerprint_is_stable_within_a_process():
    assert extractor_fingerprint() == extractor_fingerprint()
    assert len(cache_mod.extractor_fingerprint()) == 64


# ---------------------------------------------------------------------- gazetteer pickle


def test_gazetteer_pickle_is_the_gazetteer_and_damage_means_rebuild(tmp_path, monkeypatch):
    from kgraph import gazetteer as gaz_mod

    monkeypatch.setenv("KGRAPH_CACHE_DIR", str(tmp_path / "user-cache"))
    gaz_mod.gazetteer.cache_clear()
    try:
        built = gaz_mod.gazetteer()  # built, and written for the next process
        path = gaz_mod._pickle_path()
        assert path is not None and path.parent == tmp_path / "user-cache" and path.is_file()
        gaz_mod.gazetteer.cache_clear()
        loaded = gaz_mod.gazetteer()
        assert loaded is not built
        assert loaded.regions == built.regions and dict(loaded.surfaces) == dict(built.surfaces)
        assert loaded.prefixes == built.prefixes
        path.write_bytes(b"not a pickle")
        gaz_mod.gazetteer.cache_clear()
        assert gaz_mod.gazetteer().regions == built.regions
        assert path.read_bytes() != b"not a pickle"  # written again
    finally:
        gaz_mod.gazetteer.cache_clear()


# ------------------------------------------------------------------ the slim snapshot
def snapshot_keys(out: Path) -> set[str]:
    snap = cache_mod.Snapshot(out / CACHE_DIR_NAME).load()
    return set(snap.facts)


def test_a_build_writes_the_snapshot_and_a_rebuild_reads_it(corpus, tmp_path, counted,
                                                            monkeypatch):
    out = tmp_path / "out"
    first = quick_build(corpus, out)
    keys = snapshot_keys(out)
    assert len(keys) == 5
    with FactsCache(out / CACHE_DIR_NAME) as cache:
        assert keys <= cache.keys()  # the same keys as the cache's entries

    # a rebuild takes every article from the snapshot: the cache's entries are not read
    def no_entry(self, key):
        raise AssertionError("read from the cache, not from the snapshot")

    monkeypatch.setattr(FactsCache, "get_blob", no_entry)
    counted.clear()
    again = quick_build(corpus, out)
    assert counted == []
    assert (out / "graph.ttl").read_bytes() == first.outputs["graph.ttl"].read_bytes()
    assert again.triples == first.triples


def test_the_snapshot_gives_the_facts_the_cache_gives(corpus, tmp_path):
    """What a rebuild gets from the snapshot is what it would slim from the cache."""
    from kgraph.pipeline import extract_inputs

    out = tmp_path / "out"
    quick_build(corpus, out)
    with FactsCache(out / CACHE_DIR_NAME) as cache:
        from_cache = extract_inputs([corpus], jobs=1, cache=cache, slim_facts=True).facts
    with FactsCache(out / CACHE_DIR_NAME) as cache:
        cache.use_snapshot()
        from_snapshot = extract_inputs([corpus], jobs=1, cache=cache, slim_facts=True).facts
        assert cache.snapshot is not None and cache.snapshot.used == 5
    assert from_snapshot == from_cache


def test_the_snapshot_follows_changes_renames_and_deletions(corpus, tmp_path, counted):
    out = tmp_path / "out"
    quick_build(corpus, out)
    files = sorted(corpus.glob("*.txt"))
    files[0].rename(files[0].with_name("renamed.txt"))
    files[1].write_text(files[1].read_text(encoding="utf-8") + "\nBupati Siak hadir.\n",
                        encoding="utf-8")
    files[2].unlink()
    counted.clear()
    result = quick_build(corpus, out)
    assert counted == [files[1].name]  # the renamed file came from the snapshot
    names = {str(o) for o in result.graph.objects(None, KG.fileName)}
    assert "renamed.txt" in names and files[0].name not in names and files[2].name not in names
    fresh = quick_build(corpus, tmp_path / "fresh", cache=False)
    assert isomorphic(result.graph, fresh.graph)
    assert len(snapshot_keys(out)) == 4  # rewritten: 2 of 4 were new to it


def test_the_snapshot_is_rewritten_only_when_behind(tmp_path):
    snap = cache_mod.Snapshot(tmp_path, fingerprint="f")
    assert snap.behind(100)  # none yet
    snap.facts = dict.fromkeys(map(str, range(100)))  # type: ignore[arg-type]
    snap.used = 95
    assert not snap.behind(100)  # 5 new, 5 unused: within the share
    snap.used = 80
    assert snap.behind(90)  # 20 of them unused
    snap.used = 100
    assert snap.behind(120)  # 20 new


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", None])
def test_a_damaged_or_foreign_snapshot_is_ignored(corpus, tmp_path, counted, damage):
    out = tmp_path / "out"
    first = quick_build(corpus, out)
    path = out / CACHE_DIR_NAME / cache_mod.SNAPSHOT_FILE
    if damage is None:  # another extractor's snapshot
        snap = cache_mod.Snapshot(out / CACHE_DIR_NAME, fingerprint="another extractor")
        snap.write([])
    else:
        path.write_bytes(damage)
    assert cache_mod.Snapshot(out / CACHE_DIR_NAME).load().facts == {}
    counted.clear()
    again = quick_build(corpus, out)
    assert counted == []  # the cache itself still had every article
    assert (out / "graph.ttl").read_bytes() == first.outputs["graph.ttl"].read_bytes()
    assert again.triples == first.triples
    assert len(snapshot_keys(out)) == 5  # and the snapshot was written anew


def test_a_snapshot_that_cannot_be_written_does_not_fail_the_build(corpus, tmp_path,
                                                                  monkeypatch):
    # a folder that is not there: the snapshot's file cannot be opened
    monkeypatch.setattr(cache_mod, "SNAPSHOT_FILE", "not-a-folder/slim-facts.pickle")
    result = quick_build(corpus, tmp_path / "out")
    assert result.articles == 5 and (tmp_path / "out" / "graph.ttl").is_file()
    assert not list((tmp_path / "out" / CACHE_DIR_NAME).glob(".*.tmp"))  # no leftovers
