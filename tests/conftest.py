"""Shared fixtures: the embedded graph, loaded once per test session."""

from __future__ import annotations

import pytest

from kg.session import Graph


@pytest.fixture(scope="session")
def graph() -> Graph:
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
