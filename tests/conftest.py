"""Shared fixtures: the embedded graph, loaded once per test session."""

from __future__ import annotations

import pytest

from kg.session import Graph


@pytest.fixture(scope="session")
def graph() -> Graph:
    return Graph.open()
