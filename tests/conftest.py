"""Shared fixtures: the project root, the seeds, and one seeds build per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """kgraph.build over seeds/ into a temporary folder (graph.ttl and graph.html)."""
    from kgraph.pipeline import build

    out = tmp_path_factory.mktemp("seeds-build")
    return build([SEEDS], out)


@pytest.fixture(scope="session")
def seeds_graph(seeds_build):
    return seeds_build.graph


@pytest.fixture(scope="session")
def seeds_ttl(seeds_build) -> Path:
    return seeds_build.outputs["graph.ttl"]
