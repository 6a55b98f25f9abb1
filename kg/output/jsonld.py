"""JSON-LD: the facts behind a result, with sources by reification (as Turtle has them),
compacted with a ``@context`` of kg's prefixes. Arrays are sorted, so the same export is
byte-identical.

pyoxigraph writes the JSON-LD, each literal as it is written; this module only shortens
its IRIs by the prefixes. (rdflib's writer normalised a data file's literals, a date's
time zone dropped, wrote an integer past 10^21 as a JSON number that reads back as a
double and an ill-typed one as a plain string, and wrote an RDF list as ``@list``, copied
anew for each statement about it: hunt121 F2, F3.) A number is written as a typed value,
never as a JSON number, so no reader rounds it.
"""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox

from kg.errors import ExportError
from kg.output import Format, OutputContext
from kg.output.cells import escape_unseen
from kg.output.rdf import triples, used_prefixes
from kg.output.subgraph import subgraph
from kg.result import Result
from kg.vocab import RDF

__all__ = ["write"]


def write(result: Result, ctx: OutputContext) -> str:
    data = triples(subgraph(result, ctx.graph(Format.JSONLD)))
    _refuse_triple_terms(data)
    prefixes = _unambiguous(used_prefixes(data), data)
    nodes = json.loads(ox.serialize(data, format=ox.RdfFormat.JSON_LD) or b"[]")
    shrink = _shrinker(prefixes)
    document = {"@context": prefixes, "@graph": [_node(n, shrink) for n in nodes]}
    return escape_unseen(json.dumps(_sorted(document), indent=2, sort_keys=True,
                                    ensure_ascii=False)) + "\n"


def _refuse_triple_terms(data: list[ox.Triple]) -> None:
    """Raises: ExportError: an RDF 1.2 triple term, which JSON-LD 1.1 has no way to write."""
    for triple in data:
        if isinstance(triple.object, ox.Triple):
            raise ExportError(f"the graph holds an RDF 1.2 triple term <<( {triple.object} )>>, "
                              "which JSON-LD cannot hold (Turtle, TriG, N-Triples and N-Quads "
                              "exports carry it)")


def _unambiguous(prefixes: dict[str, str], data: list[ox.Triple]) -> dict[str, str]:
    """``prefixes`` without those that are the scheme of an IRI in ``data``: with `kg` in
    the context, the IRI `kg:fake` reads back as kg's namespace plus `fake` (hunt121 F9)."""
    terms = [t for triple in data for t in triple]
    iris = {t.value for t in terms if isinstance(t, ox.NamedNode)}
    iris |= {t.datatype.value for t in terms if isinstance(t, ox.Literal)}
    schemes = {iri.split(":", 1)[0] for iri in iris}
    return {p: ns for p, ns in prefixes.items() if p not in schemes}


def _shrinker(prefixes: dict[str, str]) -> Any:
    """A function giving an IRI as a compact IRI where a prefix's namespace starts it."""
    longest = sorted(prefixes.items(), key=lambda item: -len(item[1]))

    def shrink(iri: str) -> str:
        for prefix, namespace in longest:
            local = iri[len(namespace):]
            if iri.startswith(namespace) and not local.startswith("//"):  # ("p://x" would
                return f"{prefix}:{local}"  # read as an IRI of the scheme p)
        return iri

    return shrink


def _node(node: dict[str, Any], shrink: Any) -> dict[str, Any]:
    """One node object of pyoxigraph's JSON-LD, its IRIs shortened, a property of one value
    written without its array, and its classes as ``@type``."""
    out: dict[str, Any] = {}
    for key, values in node.items():
        if key == "@id":
            out[key] = values if values.startswith("_:") else shrink(values)
        elif key == RDF.type.value and all(set(v) == {"@id"} and not v["@id"].startswith("_:")
                                           for v in values):
            out["@type"] = _one([shrink(v["@id"]) for v in values])
        else:
            out[shrink(key)] = _one([_value(v, shrink) for v in values])
    return out


def _value(value: dict[str, Any], shrink: Any) -> Any:
    """A value object, its IRIs shortened; a string of no language or type as a string."""
    if "@id" in value:
        iri = value["@id"]
        return {"@id": iri if iri.startswith("_:") else shrink(iri)}
    if "@type" in value:
        return {**value, "@type": shrink(value["@type"])}
    if set(value) == {"@value"}:
        return value["@value"]
    return value


def _one(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def _sorted(node: Any) -> Any:
    """Every array sorted: JSON-LD arrays are sets (no ``@list`` is written: a list is its
    ``rdf:first`` and ``rdf:rest`` nodes), and the same export must be byte-identical."""
    if isinstance(node, dict):
        return {k: _sorted(v) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sorted(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node
