"""Shared fixtures: the embedded graph, loaded once per test session."""

from __future__ import annotations

import pytest

from kg.session import Graph

#: The revision the page's own tests ask about: the seed the spec's answers follow.
SEED = "2024-01-23"


@pytest.fixture(scope="session")
def graph() -> Graph:
    """The embedded graph as of the seed revision of the page (the spec's answers)."""
    return Graph.open(as_of=SEED)


@pytest.fixture(scope="session")
def latest() -> Graph:
    """The embedded graph as of the latest revision of the page."""
    return Graph.open()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from what the code produces now")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def rdflib_dataset(graph: Graph) -> object:
    """The embedded graph in rdflib (default graph = the union of all graphs), to run
    kg's compiled SPARQL on a second engine."""
    import pyoxigraph as ox
    import rdflib

    quads = ox.serialize(graph.store.store, format=ox.RdfFormat.N_QUADS)  # type: ignore[union-attr]
    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=quads, format="nquads")
    return ds
