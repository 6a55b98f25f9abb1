"""The subgraph as a diagram model shared by the DOT, Mermaid, SVG and GraphML formats.

Nodes are entities, shown by their label in the output's language; edges are the facts
that link two entities, shown by the property's label. The result's own entities (for a
check: every entity of its evidence) are marked ``matched``; what they link to is drawn
plainly. Node ids (``n1``, ``n2``, …) follow the sorted labels, so the same diagram is
byte-identical.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from kg.output import Format, OutputContext
from kg.output.subgraph import subgraph
from kg.result import Result
from kg.vocab import ENT, RDF

__all__ = ["Node", "Edge", "Diagram", "diagram"]

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


def diagram(result: Result, ctx: OutputContext, fmt: Format) -> Diagram:
    """The entities behind ``result`` and what they link to, with the links between them."""
    graph, lang = ctx.graph(fmt), ctx.lang
    onto = graph.onto
    sub = subgraph(result, graph)
    matched = set(sub.entities)
    links = sorted({(s.value, p.value, o.value) for (s, p, o), _ in sub.facts
                    if isinstance(o, ox.NamedNode) and o.value.startswith(ENT)
                    and s.value in matched and p != RDF.type})
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
