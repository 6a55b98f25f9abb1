"""The entity network: entities linked by object properties, for `path` and `neighbors`.

Built once per session from one SPARQL query over the entity-to-entity links
only (not a conversion of the whole graph), then searched with networkx.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from kg.store import GraphStore
from kg.vocab import ENT, KG

__all__ = ["EntityNetwork"]

Fact = tuple[str, str, str]

_LINKS = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  ?s ?p ?o .
  FILTER(isIRI(?o) && STRSTARTS(STR(?s), "{ENT}") && STRSTARTS(STR(?o), "{ENT}")
         && STRSTARTS(STR(?p), "{KG.base}"))
}}"""

MAX_PATHS = 10


@dataclass
class EntityNetwork:
    graph: Any  # networkx.MultiGraph; imported lazily (networkx costs ~140 ms to import)

    @classmethod
    def from_store(cls, store: GraphStore) -> EntityNetwork:
        import networkx as nx

        g = nx.MultiGraph()
        _, rows = store.select(_LINKS)
        for s, p, o in rows:
            g.add_edge(s.value, o.value, key=p.value, fact=(s.value, p.value, o.value))  # type: ignore[union-attr]
        return cls(g)

    def shortest_paths(self, start: str, end: str) -> Iterator[list[Fact]]:
        """Each shortest chain of facts from ``start`` to ``end`` (at most ten, stable order)."""
        import networkx as nx

        if start not in self.graph or end not in self.graph:
            return
        try:
            node_paths = sorted(nx.all_shortest_paths(self.graph, start, end))
        except nx.NetworkXNoPath:
            return
        for nodes in node_paths[:MAX_PATHS]:
            yield [self._first_fact(a, b) for a, b in zip(nodes, nodes[1:])]

    def _first_fact(self, a: str, b: str) -> Fact:
        """Of the facts linking two entities, the first in sorted order (one chain per path)."""
        return min(d["fact"] for d in self.graph.get_edge_data(a, b).values())

    def neighbors(self, start: str, depth: int) -> list[tuple[str, int]]:
        """Entities within ``depth`` links of ``start``, with their distance."""
        import networkx as nx

        if start not in self.graph:
            return []
        lengths = nx.single_source_shortest_path_length(self.graph, start, cutoff=depth)
        return sorted(((n, d) for n, d in lengths.items() if n != start), key=lambda x: (x[1], x[0]))
