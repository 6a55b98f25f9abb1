"""The subgraph behind a result: what the RDF and diagram exports are made of.

It holds the entities the result mentions, every fact about them (with the named
graphs, i.e. the sources, each fact is stated in), the labels of what they link to,
and the descriptions of those sources and of the documents they come from.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.result import Result
from kg.vocab import DCTERMS, PROV, RDF, RDFS

if TYPE_CHECKING:
    from kg.session import Graph

__all__ = ["Subgraph", "subgraph", "triples", "sort_key"]

Node = ox.NamedNode | ox.BlankNode
Object = ox.NamedNode | ox.BlankNode | ox.Literal
Fact = tuple[Node, ox.NamedNode, Object]

_LABEL = RDFS.label
_DERIVED = PROV.wasDerivedFrom
_PART_OF = DCTERMS.isPartOf
_STATEMENT = RDF.Statement
_TYPE = RDF.type
_REIFY = (RDF.subject, RDF.predicate, RDF.object)


@dataclass(frozen=True)
class Subgraph:
    """Facts with their sources, plus source descriptions; every collection is sorted."""

    entities: tuple[str, ...]  #: the result's entities (IRIs), sorted
    facts: tuple[tuple[Fact, tuple[str, ...]], ...]  #: each fact and the graphs stating it
    descriptions: tuple[Fact, ...]  #: default-graph triples describing the sources

    def linked(self) -> list[str]:
        """IRIs the entities link to that are not themselves result entities, sorted."""
        mine = set(self.entities)
        out = {o.value for (s, _, o), _ in self.facts
               if isinstance(o, ox.NamedNode) and s.value in mine and o.value not in mine}
        return sorted(out)


def subgraph(result: Result, graph: Graph) -> Subgraph:
    """Collect the subgraph behind ``result`` from ``graph``'s store."""
    onto = graph.ontology
    refs = result.entities()
    entities = sorted({i for i in refs if i not in onto.classes and i not in onto.properties})
    store = graph.store.store
    facts: dict[Fact, set[str]] = {}
    for iri in entities:
        _collect(facts, store.quads_for_pattern(ox.NamedNode(iri), None, None, None))
    linked = {o for (_, p, o) in facts if isinstance(o, ox.NamedNode)} - {
        ox.NamedNode(i) for i in entities}
    for node in sorted(linked, key=lambda n: n.value):
        _collect(facts, store.quads_for_pattern(node, _LABEL, None, None))
    sources = sorted({g for gs in facts.values() for g in gs if g})
    descriptions: set[Fact] = set()
    documents: set[str] = set()
    for g in sources:
        for q in store.quads_for_pattern(ox.NamedNode(g), None, None, ox.DefaultGraph()):
            descriptions.add((q.subject, q.predicate, q.object))  # type: ignore[arg-type]
            if q.predicate in (_DERIVED, _PART_OF) and isinstance(q.object, ox.NamedNode):
                documents.add(q.object.value)
    for d in sorted(documents - set(sources)):
        for q in store.quads_for_pattern(ox.NamedNode(d), None, None, ox.DefaultGraph()):
            descriptions.add((q.subject, q.predicate, q.object))  # type: ignore[arg-type]
    ordered = tuple((f, tuple(sorted(facts[f]))) for f in sorted(facts, key=sort_key))
    return Subgraph(tuple(entities), ordered, tuple(sorted(descriptions, key=sort_key)))


def _collect(facts: dict[Fact, set[str]], quads: Iterable[ox.Quad]) -> None:
    for q in quads:
        key: Fact = (q.subject, q.predicate, q.object)  # type: ignore[assignment]
        graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        facts.setdefault(key, set()).add(graph)


def sort_key(fact: Fact) -> tuple[str, str, str]:
    """Order facts by their N-Triples text: stable across runs and engines."""
    return (str(fact[0]), str(fact[1]), str(fact[2]))


def _statement_node(fact: Fact) -> ox.BlankNode:
    """A blank node named by the fact itself, so the same export is byte-identical."""
    digest = hashlib.sha256("\n".join(sort_key(fact)).encode()).hexdigest()[:16]
    return ox.BlankNode(f"f{digest}")


def triples(sub: Subgraph) -> list[ox.Triple]:
    """The subgraph as plain triples, sorted: the facts, then one ``rdf:Statement`` per fact
    naming the sources it comes from (``prov:wasDerivedFrom``), then the source descriptions.
    """
    out: set[Fact] = set()
    for fact, graphs in sub.facts:
        out.add(fact)
        named = [g for g in graphs if g]
        if not named:
            continue
        node = _statement_node(fact)
        out.add((node, _TYPE, _STATEMENT))
        for prop, term in zip(_REIFY, fact, strict=True):
            out.add((node, prop, term))
        for g in named:
            out.add((node, _DERIVED, ox.NamedNode(g)))
    out.update(sub.descriptions)
    return [ox.Triple(*f) for f in sorted(out, key=sort_key)]
