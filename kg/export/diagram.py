"""The subgraph as a diagram model shared by the DOT, Mermaid, SVG and GraphML exports.

Nodes are entities, shown by their label in the session's language; edges are the
facts that link two entities, shown by the property's label. The result's own
entities are marked (``matched``); what they link to is drawn plainly. Node ids
(``n1``, ``n2``, …) follow the sorted labels, so the same export is byte-identical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.export.subgraph import subgraph
from kg.result import Result
from kg.vocab import ENT, RDF

if TYPE_CHECKING:
    from kg.session import Graph

__all__ = ["Node", "Edge", "Diagram", "diagram"]

_SKIP = {RDF.type.value}
_DIGITS = re.compile(r"(\d+)")


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders ``CUDA 9.0`` before ``CUDA 10.0``."""
    return tuple((0, int(p)) if p.isdigit() else (1, p.casefold())
                 for p in _DIGITS.split(text) if p)


@dataclass(frozen=True)
class Node:
    id: str
    iri: str
    label: str
    kind: str  #: the entity's class, by its label ("" when it has none)
    matched: bool  #: one of the result's own entities


@dataclass(frozen=True)
class Edge:
    source: str  #: node id
    target: str  #: node id
    label: str  #: the property's label
    iri: str  #: the property's IRI


@dataclass(frozen=True)
class Diagram:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def diagram(result: Result, graph: Graph) -> Diagram:
    """The entities behind ``result`` and what they link to, with the links between them."""
    onto, lang = graph.ontology, graph.lang
    sub = subgraph(result, graph)
    matched = set(sub.entities)
    links = sorted({(s.value, p.value, o.value) for (s, p, o), _ in sub.facts
                    if isinstance(o, ox.NamedNode) and o.value.startswith(ENT)
                    and s.value in matched and p.value not in _SKIP})
    iris = matched | {o for _, _, o in links}
    order = sorted(iris, key=lambda i: (_natural(onto.label(i, lang)), i))
    ids = {iri: f"n{k}" for k, iri in enumerate(order, start=1)}
    nodes = []
    for iri in order:
        cls = onto.class_of(iri)
        nodes.append(Node(ids[iri], iri, onto.label(iri, lang),
                          onto.label(cls, lang) if cls else "", iri in matched))
    edges = sorted((Edge(ids[s], ids[o], onto.label(p, lang), p) for s, p, o in links),
                   key=lambda e: (int(e.source[1:]), e.label.casefold(), int(e.target[1:])))
    return Diagram(tuple(nodes), tuple(edges))
