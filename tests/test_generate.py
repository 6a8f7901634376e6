"""bench/generate.py: deterministic synthetic corpora with their gold."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("kgraph_bench_generate",
                                                  ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus40(gen, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("gen40")
    gen.generate(40, out, seed=1)
    return out


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_same_seed_same_corpus(gen, corpus40, tmp_path):
    gen.generate(40, tmp_path, seed=1)
    assert files(tmp_path) == files(corpus40)


def test_another_seed_another_corpus(gen, corpus40, tmp_path):
    gen.generate(40, tmp_path, seed=2)
    assert files(tmp_path) != files(corpus40)


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one(gen, corpus40, tmp_path):
    gen.generate(15, tmp_path, seed=1)
    small = {k: v for k, v in files(tmp_path).items() if k.startswith("articles/")}
    big = files(corpus40)
    assert len(small) == 15
    assert all(big[k] == v for k, v in small.items())


def test_layout_and_gold_format(corpus40):
    gold = json.loads((corpus40 / "gold.json").read_text(encoding="utf-8"))
    assert gold["format"] == "kgraph-gold/1"
    assert len(gold["articles"]) == 40
    assert all((corpus40 / a).is_file() for a in gold["articles"])
    from kgraph.evaluate import validate_gold

    assert validate_gold(gold) == []
    ids = {e["id"] for e in gold["entities"]}
    for c in gold["cooperations"]:
        assert set(c["parties"]) <= ids
    for f in gold["located_in"]:
        assert {f["child"], f["parent"]} <= ids


def test_the_genre(corpus40):
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus40.rglob("*.txt"))]
    joined = "\n".join(texts)
    for marker in ("Baca juga:", "Ruang lingkup", "Gubernur", "Kepala ", "(", "MoU"):
        assert marker in joined
    assert re.search(r"\((?:ANTARA|Lombok Post|Kaltim Post|Jawa Pos|Tribun|Republika)\) - ",
                     joined) or re.search(r"^[A-Z ]+, \S+ - ", joined, re.M)
    assert 1000 < sum(map(len, texts)) / len(texts) < 5000  # news-sized articles


def test_required_officials_are_written_in_the_articles(corpus40):
    gold = json.loads((corpus40 / "gold.json").read_text(encoding="utf-8"))
    joined = "\n".join(p.read_text(encoding="utf-8") for p in corpus40.rglob("*.txt"))
    officials = [e for e in gold["entities"] if e["types"] == ["Official"]
                 and not e.get("optional")]
    assert len(officials) > 40
    for e in officials:
        assert any(n in joined for n in e["names"]), e


def test_the_extractor_does_well_on_it(corpus40, tmp_path):
    from kgraph.evaluate import evaluate
    from kgraph.pipeline import build

    gold = json.loads((corpus40 / "gold.json").read_text(encoding="utf-8"))
    result = build([corpus40 / "articles"], tmp_path, html=False, validate=False, jobs=1,
                   cache=False)
    report = evaluate(result.graph, gold)
    assert result.articles == 40
    assert report.f1 > 0.8  # measured 0.93-0.96: a floor against a broken generator


def test_command_line(gen, tmp_path, capsys):
    assert gen.main(["5", str(tmp_path), "--seed", "3"]) == 0
    assert len(list(tmp_path.rglob("*.txt"))) == 5
    assert "wrote 5 articles" in capsys.readouterr().err
