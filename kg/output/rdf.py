"""Shared by the RDF formats: the subgraph as sorted triples or quads, serialized.

Triple formats (Turtle, N-Triples, JSON-LD) cannot name a fact's graph, so they reify: one
``rdf:Statement`` per sourced fact names its sources (``prov:wasDerivedFrom``). Quad
formats (TriG, N-Quads) keep each fact in its source's named graph and the source
descriptions in the default graph. pyoxigraph writes every one of them, JSON-LD too (each
literal as the store holds it, where rdflib's Turtle writer would turn ``"48"^^xsd:decimal``
into ``48.0``; the store itself holds a data file's numbers, booleans, dates and times and
language tags in their canonical form; :mod:`kg.output.jsonld` compacts the JSON-LD).
"""

from __future__ import annotations

import hashlib

import pyoxigraph as ox

from kg.output import Format, OutputContext
from kg.output.cells import escape_unseen
from kg.output.subgraph import DEFAULT, Subgraph, Triple, sort_key, subgraph
from kg.result import Result
from kg.vocab import PREFIXES, PROV, RDF, REIFYING

__all__ = ["triples", "quads", "serialize", "used_prefixes"]



def _statement_node(fact: Triple) -> ox.BlankNode:
    """A blank node named by the fact itself, so the same export is byte-identical."""
    digest = hashlib.sha256("\n".join(sort_key(fact)).encode()).hexdigest()[:16]
    return ox.BlankNode(f"f{digest}")


def triples(sub: Subgraph) -> list[ox.Triple]:
    """The subgraph as plain triples, sorted: the facts, one ``rdf:Statement`` per sourced fact
    naming the sources it comes from (``prov:wasDerivedFrom``), and the source descriptions."""
    out: set[Triple] = set()
    for fact, graphs in sub.facts:
        out.add(fact)
        named = [g for g in graphs if g != DEFAULT]
        if not named:
            continue
        node = _statement_node(fact)
        out.add((node, RDF.type, RDF.Statement))
        for prop, term in zip(REIFYING, fact, strict=True):
            out.add((node, prop, term))
        for g in named:
            out.add((node, PROV.wasDerivedFrom, ox.NamedNode(g)))
    out.update(sub.descriptions)
    return [ox.Triple(*f) for f in sorted(out, key=sort_key)]


def quads(sub: Subgraph) -> list[ox.Quad]:
    """The subgraph as quads, sorted by graph (the default graph first), then by triple:
    each fact in every graph stating it, the source descriptions in the default graph."""
    out: set[tuple[str, Triple]] = {(g, fact) for fact, graphs in sub.facts for g in graphs}
    out |= {(DEFAULT, d) for d in sub.descriptions}
    return [ox.Quad(*fact, ox.NamedNode(g) if g != DEFAULT else ox.DefaultGraph())
            for g, fact in sorted(out, key=lambda q: (q[0], sort_key(q[1])))]


def used_prefixes(terms: list[ox.Triple] | list[ox.Quad]) -> dict[str, str]:
    """The known prefixes whose namespace some IRI in ``terms`` starts with, sorted."""
    parts = [t for statement in terms for t in statement]
    iris = {t.value for t in parts if isinstance(t, ox.NamedNode)}
    iris |= {t.datatype.value for t in parts if isinstance(t, ox.Literal)}
    return {p: ns for p, ns in sorted(PREFIXES.items()) if any(i.startswith(ns) for i in iris)}


#: Each pyoxigraph format: the format, whether it keeps graphs, whether it takes prefixes.
_KINDS = {
    Format.TURTLE: (ox.RdfFormat.TURTLE, False, True),
    Format.NT: (ox.RdfFormat.N_TRIPLES, False, False),
    Format.TRIG: (ox.RdfFormat.TRIG, True, True),
    Format.NQUADS: (ox.RdfFormat.N_QUADS, True, False),
}


def serialize(result: Result, ctx: OutputContext, fmt: Format) -> str:
    """The subgraph behind ``result`` in one of pyoxigraph's formats (see ``_KINDS``)."""
    rdf_format, with_graphs, with_prefixes = _KINDS[fmt]
    sub = subgraph(result, ctx.graph(fmt))
    data: list[ox.Triple] | list[ox.Quad] = quads(sub) if with_graphs else triples(sub)
    prefixes = used_prefixes(data) if with_prefixes else None
    text = (ox.serialize(data, format=rdf_format, prefixes=prefixes) or b"").decode("utf-8")
    text = escape_unseen(text)  # (C1 controls, bidi overrides: pyoxigraph writes them raw)
    return _tidy(text) if with_prefixes else text


def _tidy(text: str) -> str:
    """Sorted ``@prefix`` lines (pyoxigraph does not promise their order), then one blank
    line before each top-level block (a subject, or a named graph)."""
    lines = text.rstrip("\n").split("\n")  # not splitlines: U+2028 and the like stand raw in strings
    prefixes = sorted(line for line in lines if line.startswith("@prefix "))
    out = [*prefixes]
    for line in lines[len(prefixes):]:
        if not line.startswith((" ", "\t", "}")):
            out.append("")
        out.append(line)
    return "\n".join(out).lstrip("\n") + "\n"
