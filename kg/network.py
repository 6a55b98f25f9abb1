"""The entity network: entities linked by object properties, for `path` and `neighbors`.

Built once per session from one SPARQL query over the entity-to-entity links
only (not a conversion of the whole graph), kept as plain adjacency and searched
breadth-first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

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
    """Entities and the facts linking them, as plain adjacency (undirected)."""

    links: dict[str, set[str]]  #: entity → the entities one fact away, either direction
    facts: dict[tuple[str, str], dict[str, Fact]]  #: (a, b), a ≤ b → property → its fact

    @classmethod
    def from_store(cls, store: GraphStore) -> EntityNetwork:
        links: defaultdict[str, set[str]] = defaultdict(set)
        facts: dict[tuple[str, str], dict[str, Fact]] = {}
        _, rows = store.select(_LINKS)
        for s, p, o in rows:
            a, prop, b = s.value, p.value, o.value  # type: ignore[union-attr]
            links[a].add(b)
            links[b].add(a)
            # one fact per pair and property, the later one winning (as a multigraph keyed
            # by property would keep it)
            pair = (a, b) if a <= b else (b, a)
            known = facts.get(pair)
            if known is None:
                facts[pair] = {prop: (a, prop, b)}
            else:
                known[prop] = (a, prop, b)
        return cls(dict(links), facts)

    def shortest_paths(self, start: str, end: str) -> Iterator[list[Fact]]:
        """Each shortest chain of facts from ``start`` to ``end`` (at most ten, in the
        order of their entities)."""
        if start not in self.links or end not in self.links:
            return
        level = self._levels(start, end)
        if end not in level:
            return
        on_path = self._toward(level, end)
        for nodes in self._walks(start, end, level, on_path):
            yield [self._first_fact(a, b) for a, b in zip(nodes, nodes[1:])]

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

    def _first_fact(self, a: str, b: str) -> Fact:
        """Of the facts linking two entities, the first in sorted order (one chain per path)."""
        return min(self.facts[(a, b) if a <= b else (b, a)].values())

    def neighbors(self, start: str, depth: int) -> list[tuple[str, int]]:
        """Entities within ``depth`` links of ``start``, with their distance."""
        if start not in self.links:
            return []
        level = self._levels(start, limit=depth)
        return sorted(((n, d) for n, d in level.items() if n != start), key=lambda x: (x[1], x[0]))
