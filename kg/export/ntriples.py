"""N-Triples: the subgraph behind a result, one sorted line per triple."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.export.rdf import serialize
from kg.result import Result

if TYPE_CHECKING:
    from kg.session import Graph


def export(result: Result, graph: Graph) -> str:
    return serialize(result, graph, ox.RdfFormat.N_TRIPLES)
