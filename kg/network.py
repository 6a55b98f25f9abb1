"""The entity network: entities linked by object properties, for `path` and `neighbors`.

Built once per session from one SPARQL query over the entity-to-entity links
only (not a conversion of the whole graph): the engine joins each link into one
text (``GROUP_CONCAT``), so a million-triple graph's 190k links reach Python as one
value, not 190k rows. Kept as plain adjacency and searched breadth-first; the facts
behind a path's steps are read when a path is shown, in one query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from kg.store import GraphStore
from kg.vocab import ENT, KG

__all__ = ["EntityNetwork"]

Fact = tuple[str, str, str]

_LINKED = f"""isIRI(?o) && STRSTARTS(STR(?s), "{ENT}") && STRSTARTS(STR(?o), "{ENT}")
         && STRSTARTS(STR(?p), "{KG.base}")"""

#: every link, as "subject object" pairs joined by spaces (an IRI holds no space)
_LINKS = f"""
SELECT (GROUP_CONCAT(CONCAT(STR(?s), " ", STR(?o)); separator=" ") AS ?links) WHERE {{
  ?s ?p ?o .
  FILTER({_LINKED})
}}"""

#: the facts linking given pairs of entities, either way
_FACTS = """
SELECT ?s ?p ?o WHERE {{
  VALUES (?s ?o) {{ {pairs} }}
  ?s ?p ?o .
  FILTER({linked})
}}"""

MAX_PATHS = 10


@dataclass
class EntityNetwork:
    """Entities and the facts linking them, as plain adjacency (undirected)."""

    links: dict[str, set[str]]  #: entity → the entities one fact away, either direction
    store: GraphStore  #: where the facts of a path's steps are read

    @classmethod
    def from_store(cls, store: GraphStore) -> EntityNetwork:
        links: defaultdict[str, set[str]] = defaultdict(set)
        _, rows = store.select(_LINKS)
        text = rows[0][0].value if rows and rows[0][0] is not None else ""  # type: ignore[union-attr]
        ends = iter(text.split(" ") if text else ())
        for a, b in zip(ends, ends):
            links[a].add(b)
            links[b].add(a)
        return cls(dict(links), store)

    def shortest_paths(self, start: str, end: str) -> Iterator[list[Fact]]:
        """Each shortest chain of facts from ``start`` to ``end`` (at most ten, in the
        order of their entities)."""
        if start not in self.links or end not in self.links:
            return
        level = self._levels(start, end)
        if end not in level:
            return
        on_path = self._toward(level, end)
        walks = list(self._walks(start, end, level, on_path))
        first = self._first_facts({pair for nodes in walks for pair in zip(nodes, nodes[1:])})
        for nodes in walks:
            yield [first[_key(a, b)] for a, b in zip(nodes, nodes[1:])]

    def _levels(self, start: str, end: str | None = None,
                limit: int | None = None) -> dict[str, int]:
        """Breadth-first distances from ``start``, up to the level that reaches ``end`` (or
        ``limit`` links away)."""
        level, frontier, depth = {start: 0}, [start], 0
        while frontier and end not in level and (limit is None or depth < limit):
            depth += 1
            nxt = []
            for node in frontier:
                for other in self.links[node]:
                    if other not in level:
                        level[other] = depth
                        nxt.append(other)
            frontier = nxt
        return level

    def _toward(self, level: dict[str, int], end: str) -> set[str]:
        """The entities on some shortest path to ``end``."""
        found, todo = {end}, [end]
        while todo:
            node = todo.pop()
            for other in self.links[node]:
                if level.get(other) == level[node] - 1 and other not in found:
                    found.add(other)
                    todo.append(other)
        return found

    def _walks(self, start: str, end: str, level: dict[str, int],
               on_path: set[str]) -> Iterator[list[str]]:
        """The shortest paths in sorted order (smallest entity first), at most MAX_PATHS."""
        made = 0
        stack: list[list[str]] = [[start]]
        while stack and made < MAX_PATHS:
            nodes = stack.pop()
            last = nodes[-1]
            if last == end:
                made += 1
                yield nodes
                continue
            steps = sorted((o for o in self.links[last]
                            if o in on_path and level.get(o) == level[last] + 1), reverse=True)
            stack.extend([*nodes, o] for o in steps)

    def _first_facts(self, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], Fact]:
        """Of the facts linking each pair of entities (either way), the first in sorted
        order (one chain per path), read in one query."""
        if not pairs:
            return {}
        both = sorted({(a, b) for x, y in pairs for a, b in ((x, y), (y, x))})
        values = " ".join(f"({ox.NamedNode(a)} {ox.NamedNode(b)})" for a, b in both)
        _, rows = self.store.select(_FACTS.format(pairs=values, linked=_LINKED))
        first: dict[tuple[str, str], Fact] = {}
        for s, p, o in rows:
            fact = (s.value, p.value, o.value)  # type: ignore[union-attr]
            key = _key(fact[0], fact[2])
            if key not in first or fact < first[key]:
                first[key] = fact
        return first

    def neighbors(self, start: str, depth: int) -> list[tuple[str, int]]:
        """Entities within ``depth`` links of ``start``, with their distance."""
        if start not in self.links:
            return []
        level = self._levels(start, limit=depth)
        return sorted(((n, d) for n, d in level.items() if n != start), key=lambda x: (x[1], x[0]))


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)
