"""Shared by the RDF exports: the subgraph's triples, serialized, or as an rdflib graph.

pyoxigraph writes N-Triples and Turtle (it keeps every literal's lexical form, where
rdflib's Turtle writer would turn ``"48"^^xsd:decimal`` into ``48.0``); rdflib writes
JSON-LD. Blank nodes keep the labels :mod:`kg.export.subgraph` derives from each fact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox
import rdflib

from kg.export.subgraph import subgraph, triples
from kg.rdfbridge import to_rdflib
from kg.result import Result
from kg.vocab import PREFIXES

if TYPE_CHECKING:
    from kg.session import Graph

__all__ = ["serialize", "rdflib_graph", "used_prefixes"]



def used_prefixes(data: list[ox.Triple]) -> dict[str, str]:
    """The known prefixes whose namespace some IRI in ``data`` starts with, sorted."""
    iris = {t.value for triple in data for t in triple if isinstance(t, ox.NamedNode)}
    iris |= {t.datatype.value for triple in data for t in triple if isinstance(t, ox.Literal)}
    return {p: ns for p, ns in sorted(PREFIXES.items()) if any(i.startswith(ns) for i in iris)}


def serialize(result: Result, graph: Graph, fmt: ox.RdfFormat) -> str:
    """The subgraph behind ``result`` in a pyoxigraph format, from sorted triples."""
    data = triples(subgraph(result, graph))
    prefixes = used_prefixes(data) if fmt == ox.RdfFormat.TURTLE else None
    text = (ox.serialize(data, format=fmt, prefixes=prefixes) or b"").decode("utf-8")
    return _tidy_turtle(text) if fmt == ox.RdfFormat.TURTLE else text


def _tidy_turtle(text: str) -> str:
    """Sorted ``@prefix`` lines (pyoxigraph does not promise their order), then one blank
    line before each subject's block."""
    lines = text.splitlines()
    prefixes = sorted(line for line in lines if line.startswith("@prefix "))
    out = [*prefixes]
    for line in lines[len(prefixes):]:
        if not line.startswith((" ", "\t")):
            out.append("")
        out.append(line)
    return "\n".join(out).lstrip("\n") + "\n"


def rdflib_graph(result: Result, graph: Graph) -> tuple[rdflib.Graph, dict[str, str]]:
    """The subgraph as an rdflib graph with kg's prefixes bound, and those prefixes."""
    data = triples(subgraph(result, graph))
    g = rdflib.Graph(bind_namespaces="none")
    for t in data:
        g.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))  # type: ignore[arg-type]
    prefixes = used_prefixes(data)
    for prefix, ns in prefixes.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g, prefixes
