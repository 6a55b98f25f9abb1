"""What the REPL tests share: the seed graph, a session state writing to strings on a
100×40 terminal, and what it printed. Import the fixtures into a test module by name."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator

import pytest

from kg.repl.state import ReplState
from kg.session import Graph
from tests.conftest import SEED

__all__ = ["graph", "state", "output", "on_terminal"]


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph.open(as_of=SEED)


@pytest.fixture
def state(graph: Graph) -> Iterator[ReplState]:
    graph.lang = "en"
    size = os.terminal_size((100, 40))
    yield ReplState(graph, out=io.StringIO(), err=io.StringIO(), size=lambda: size)
    graph.lang = "en"


def output(state: ReplState) -> tuple[str, str]:
    assert isinstance(state.out, io.StringIO) and isinstance(state.err, io.StringIO)
    return state.out.getvalue(), state.err.getvalue()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def on_terminal(state: ReplState) -> ReplState:
    """``state`` writing its results to a terminal (a string that says it is one; no
    pager): tables fit its width and stop at a screenful, as they do not in a pipe."""
    state.out, state.pager = _Terminal(), False
    return state
