"""The labels of the entities a session's gathered cells and engine-grouped `collect`s
show (``kg.grouping``), read from the store when first shown and kept for the session
(like the names of the sources, :mod:`kg.context`); and what readers made of them
(:meth:`Labels.made`: `describe` keeps its cells there too).

A gathered cell (``kg.planner.columns.gathered_cell``: a hub's thousands of series in one
cell) comes from the engine as its values' IRIs alone. Building each value's item of
IRI, language tag and label in SPARQL took most of the query (4.9 ms for the users of
each GPU architecture at 100k triples, against 1.4 ms for the IRIs alone); the labels are
read here once a session instead, a query per :data:`LABELS_PER_QUERY` entities not yet
seen. Over an endpoint, as with the sources' names, a label changed on the server while a
session runs shows in gathered cells from the next session on.
A cell shows what it showed with the labels in the query: among an entity's labels the
one :func:`kg.i18n.pick` picks (in the session's language, else English, regional tags
too, else any language, else untagged), as :meth:`kg.catalog.Entity.label` does.
"""

from __future__ import annotations

from collections.abc import Hashable, Set
from typing import Any

import pyoxigraph as ox

from kg.catalog import RECORDS_PER_QUERY, in_values
from kg.graphstore import GraphStore
from kg.i18n import pick
from kg.vocab import RDFS

__all__ = ["Labels", "LABELS_PER_QUERY", "MAX_KEPT"]

LABELS_PER_QUERY = RECORDS_PER_QUERY  #: entities whose labels one query reads
MAX_KEPT = 200_000  #: entities whose labels a session keeps before it starts afresh (trim)


class Labels:
    """Entity IRI → its labels, read a few queries at a time (:meth:`read`); the one a cell
    shows in each language (:meth:`shown`), and what a reader made of it (:meth:`made`)."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._all: dict[str, list[ox.Literal]] = {}
        self._made: dict[Hashable, dict[Any, Any]] = {}
        #: entities whose labels a reader needs and no query has read (:meth:`read_wanted`)
        self.wanted: set[str] = set()

    def trim(self) -> None:
        """Start afresh past :data:`MAX_KEPT` entities: before a statement reads, never
        while it does (its cells would lose labels they read, and show none)."""
        if len(self._all) > MAX_KEPT:
            self._all.clear()
            self._made.clear()
            self.wanted.clear()

    def knows(self, iri: str) -> bool:
        """Has a query read the labels of ``iri``?"""
        return iri in self._all

    def read_wanted(self) -> None:
        """Read the labels of the :attr:`wanted` entities."""
        wanted, self.wanted = self.wanted, set()
        self.read(wanted)

    def read(self, iris: Set[str]) -> None:
        """Read the labels of those of ``iris`` not read before (after this, :meth:`shown`
        knows each of them)."""
        for part, entities in in_values(iris - self._all.keys(), LABELS_PER_QUERY):
            found: dict[str, list[ox.Literal]] = {iri: [] for iri in part}
            if entities:  # else none is an IRI a query may name: none has a label to read
                _, rows = self._store.select(f"SELECT DISTINCT ?e ?l WHERE {{ VALUES ?e "
                                             f"{{ {entities} }} ?e {RDFS.label} ?l }}")
                for e, label in rows:
                    if e.__class__ is ox.NamedNode and label.__class__ is ox.Literal:
                        found[e.value].append(label)  # type: ignore[union-attr,arg-type]
            self._all.update(found)

    def made(self, key: Hashable) -> dict[Any, Any]:
        """What a reader made of names under its own ``key`` (``("cells", lang)``: each
        entity of a gathered cell, by IRI, its value and order; ``("names", lang)``: each
        entity's names in a grouped `collect`; ``("describe", lang)``: each term's sort
        keys and cell), kept as long as the labels and up to :data:`MAX_KEPT` entries."""
        made = self._made.get(key)
        if made is None or len(made) > MAX_KEPT:
            made = self._made[key] = {}
        return made

    def shown(self, iri: str, lang: str) -> str | None:
        """The label a cell in ``lang`` shows for ``iri`` (read by :meth:`read`), or None
        where it has none a cell can show."""
        picked = self.names(iri, lang)
        return str(picked[0].value) if picked else None

    def names(self, iri: str, lang: str) -> list[ox.Literal]:
        """The labels of ``iri`` a `name` cell in ``lang`` shows (read by :meth:`read`)."""
        return pick(self._all[iri], lang)

    def of(self, iri: str) -> list[ox.Literal]:
        """Every label of ``iri`` (read by :meth:`read`)."""
        return self._all[iri]

