"""What the rest of kg needs from a graph engine: the embedded store (:mod:`kg.store`) and a
SPARQL server (:mod:`kg.endpoint`) alike. Typed, so that a misspelt attribute is mypy's
error, not a silent default (``getattr(store, "revison", None)``: hunt113 F4)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

import pyoxigraph as ox

from kg.revisions import Revision

__all__ = ["GraphStore", "Term"]

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class GraphStore(Protocol):
    """A graph as of one page revision, with the others' sources left out."""

    revisions: list[Revision]  #: every revision of the page, oldest first
    revision: Revision | None  #: the revision it answers as of (None: every revision)
    #: the names of the sources of other revisions, left out (a name only they use is
    #: "on the page as of …", not unknown)
    dropped_names: frozenset[str]
    #: each source a TriG data file brought → the file's name (cited with it); none on a server
    file_sources: dict[str, str]

    def select(self, sparql: str) -> tuple[list[str], list[tuple[Term | None, ...]]]:
        """Run a SELECT query; return its variable names and rows of terms."""
        ...

    def solutions(self, sparql: str) -> tuple[list[str], Iterator[tuple[Term | None, ...]]]:
        """:meth:`select`, its rows as the engine gives them (for streaming output)."""
        ...

    def select_named(self, sparql: str) -> tuple[list[str], list[tuple[Term | None, ...]]]:
        """:meth:`select` of a query whose every pattern sits in ``GRAPH ?g``, with no
        ``PREFIX`` (the facts with their sources: :mod:`kg.facts`)."""
        ...

    def select_every(self, sparql: str) -> tuple[list[str], list[tuple[Term | None, ...]]]:
        """:meth:`select` over the page's every revision (where a name this revision has
        not is)."""
        ...

    def about_blank(self, nodes: Sequence[ox.BlankNode]) -> list[tuple[Term | None, ...]]:
        """The facts whose subject is one of ``nodes`` (blank nodes a query answered), as
        rows of subject, predicate, object and graph (None: the default graph). SPARQL
        cannot name a blank node, so each engine finds them its own way."""
        ...

    def verify(self, *, force: bool = False) -> None:
        """Is kg's graph still there? (A server's may be lost; the embedded one cannot.)"""
        ...
