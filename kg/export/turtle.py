"""Turtle: the subgraph behind a result, sorted, with kg's prefixes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.export.rdf import serialize
from kg.result import Result

if TYPE_CHECKING:
    from kg.session import Graph


def export(result: Result, graph: Graph) -> str:
    return serialize(result, graph, ox.RdfFormat.TURTLE)
