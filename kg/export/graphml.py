"""GraphML (through networkx): the diagram's nodes and edges with their labels and IRIs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from kg.export.diagram import diagram
from kg.result import Result

if TYPE_CHECKING:
    from kg.session import Graph


def export(result: Result, graph: Graph) -> str:
    d = diagram(result, graph)
    g = nx.MultiDiGraph()
    for n in d.nodes:
        g.add_node(n.id, label=n.label, iri=n.iri, kind=n.kind, matched=n.matched)
    for k, e in enumerate(d.edges):
        g.add_edge(e.source, e.target, key=f"e{k + 1}", label=e.label, iri=e.iri)
    return "\n".join(nx.generate_graphml(g, encoding="utf-8", prettyprint=True)) + "\n"
