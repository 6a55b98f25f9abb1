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

import pyoxigraph as ox

from kg.graphstore import GraphStore
from kg.records import record
from kg.vocab import ENT, GENID, KG, SRC, VOCABULARIES
from kg.worker import checkpoint

__all__ = ["EntityNetwork"]

Fact = tuple[str, str, str]


#: A link: a fact of one of kg's properties between two IRIs (which of them are entities,
#: the pairs tell: :func:`_things`; a test per IRI in the query took three times as long).
_LINKED = f"""isIRI(?o) && isIRI(?s) && STRSTARTS(STR(?p), "{KG.base}")"""
#: IRIs that are no entity: sources, the terms of vocabularies (:mod:`kg.catalog`), and
#: a server's stand-ins for blank nodes (a path through one: internal error, KeyError).
_NOT_THINGS = (SRC, GENID, *VOCABULARIES)


def _things(a: str, b: str) -> bool:
    """Are both IRIs entities: the page's (``ent:``, at 1M triples every one), or a data
    file's in a namespace of its own?"""
    return (a.startswith(ENT) or not a.startswith(_NOT_THINGS)) and \
        (b.startswith(ENT) or not b.startswith(_NOT_THINGS))


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


@record(frozen=False)
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
            if _things(a, b):
                links[a].add(b)
                links[b].add(a)
        return cls(dict(links), store)

    def shortest_paths(self, start: str, end: str) -> Iterator[list[Fact]]:
        """Each shortest chain of facts from ``start`` to ``end`` (at most ten, in the
        order of their entities)."""
        if start not in self.links or end not in self.links:
            return
        level = self._on_shortest_paths(start, end)
        if not level:  # no path
            return
        walks = list(self._walks(start, end, level))
        first = self._first_facts({pair for nodes in walks for pair in zip(nodes, nodes[1:])})
        for nodes in walks:
            yield [first[_key(a, b)] for a, b in zip(nodes, nodes[1:])]

    def _levels(self, start: str, limit: int) -> dict[str, int]:
        """Breadth-first distances from ``start``, up to ``limit`` links away."""
        level, frontier, depth = {start: 0}, [start], 0
        while frontier and depth < limit:
            checkpoint()
            depth += 1
            nxt = []
            for node in frontier:
                for other in self.links[node]:
                    if other not in level:
                        level[other] = depth
                        nxt.append(other)
            frontier = nxt
        return level

    def _on_shortest_paths(self, start: str, end: str) -> dict[str, int]:
        """The entities on some shortest path from ``start`` to ``end``, each with its
        distance from ``start`` (none: no path).

        Searched from both ends at once, a whole level at a time, always on the side
        with fewer links to follow, until the two meet: between two hubs that is
        their own links, not every entity two links away from one of them.
        """
        if start == end:
            return {start: 0}
        links = self.links
        ahead, behind = {start: 0}, {end: 0}  # distances from start, and to end
        fronts = [[start], [end]]
        meet: list[str] = []
        while fronts[0] and fronts[1] and not meet:
            checkpoint()
            side = 0 if (sum(len(links[n]) for n in fronts[0])
                         <= sum(len(links[n]) for n in fronts[1])) else 1
            seen, other = (ahead, behind) if side == 0 else (behind, ahead)
            grown = []
            for node in fronts[side]:
                far = seen[node] + 1
                for o in links[node]:
                    if o not in seen:
                        seen[o] = far
                        grown.append(o)
                        if o in other:
                            meet.append(o)
            fronts[side] = grown  # a whole level, so every meeting entity is found
        if not meet:
            return {}
        length = min(ahead[m] + behind[m] for m in meet)
        middle = [m for m in meet if ahead[m] + behind[m] == length]
        level = {m: ahead[m] for m in middle}
        for near, far_of in ((ahead, lambda o: ahead[o]), (behind, lambda o: length - behind[o])):
            todo = list(middle)
            while todo:  # back to start through `ahead`, on to end through `behind`
                node = todo.pop()
                for o in links[node]:
                    if o not in level and near.get(o) == near[node] - 1:
                        level[o] = far_of(o)
                        todo.append(o)
        return level

    def _walks(self, start: str, end: str, level: dict[str, int]) -> Iterator[list[str]]:
        """The shortest paths in sorted order (smallest entity first), at most MAX_PATHS,
        through the entities of ``level`` (those on a shortest path, by distance)."""
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
                            if level.get(o) == level[last] + 1), reverse=True)
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
