"""kgraph.forked: one function run in a forked child while the parent goes on."""

from __future__ import annotations

import os
import time

import pytest

from kgraph.forked import Forked, ForkedError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork here")


def test_the_childs_value_comes_back():
    parent = os.getpid()
    child = Forked.start(lambda: (os.getpid(), [1, 2, 3]))
    assert child is not None
    pid, value = child.result()
    assert pid not in (parent, 0) and value == [1, 2, 3]


def test_the_child_sees_the_parents_memory_and_writes_files(tmp_path):
    data = {"rows": list(range(10_000))}
    child = Forked.start(lambda: (tmp_path / "out.txt").write_text(str(sum(data["rows"]))))
    assert child is not None
    child.result()
    assert (tmp_path / "out.txt").read_text() == str(sum(range(10_000)))


def test_a_large_value_does_not_block_the_pipe():
    child = Forked.start(lambda: b"x" * 5_000_000)  # far over a pipe's buffer
    assert child is not None
    assert len(child.result()) == 5_000_000


def test_an_exception_in_the_child_is_a_forked_error():
    def fails():
        raise ValueError("no such region")

    child = Forked.start(fails)
    assert child is not None
    with pytest.raises(ForkedError, match="ValueError: no such region"):
        child.result()


def test_a_child_that_dies_is_a_forked_error():
    child = Forked.start(lambda: os._exit(3))
    assert child is not None
    with pytest.raises(ForkedError, match="without an answer"):
        child.result()


def test_leaving_without_the_result_kills_the_child():
    with Forked.start(lambda: time.sleep(60)) as child:  # type: ignore[union-attr]
        pid = child.pid
    with pytest.raises(ChildProcessError):  # reaped already: no such child
        os.waitpid(pid, os.WNOHANG)


def test_the_childs_output_buffers_are_not_flushed_twice(capfd):
    print("before", end="")  # pending in the parent's buffer when the child starts
    child = Forked.start(lambda: 1)
    assert child is not None and child.result() == 1
    print()
    assert capfd.readouterr().out.count("before") == 1
