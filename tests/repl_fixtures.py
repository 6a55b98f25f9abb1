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

__all__ = ["graph", "state", "output"]


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
