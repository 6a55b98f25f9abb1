"""The few terms kg's code names directly, and the prefixes of its IRIs.

Everything else (classes, properties, labels) is read from the ontology files.
"""

from __future__ import annotations

import pyoxigraph as ox

__all__ = ["KG", "FN", "ENT", "SRC", "PREFIXES", "RDF_TYPE", "RDFS", "SKOS"]

KG_NS = "https://w3id.org/azml-kg/ontology#"
ENT_NS = "https://w3id.org/azml-kg/id/"
SRC_NS = "https://w3id.org/azml-kg/source/"
FN_NS = "https://w3id.org/azml-kg/fn#"

PREFIXES: dict[str, str] = {
    "kg": KG_NS,
    "ent": ENT_NS,
    "src": SRC_NS,
    "fn": FN_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "sh": "http://www.w3.org/ns/shacl#",
}


class _Namespace:
    """A closed namespace: only the listed terms exist; a typo raises AttributeError."""

    def __init__(self, base: str, terms: str) -> None:
        self._base = base
        self._terms = frozenset(terms.split())

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_") or name not in self._terms:
            raise AttributeError(f"{self._base}{name} is not a term kg's code uses")
        return ox.NamedNode(self._base + name)

    def __contains__(self, iri: str) -> bool:
        return iri.startswith(self._base) and iri[len(self._base) :] in self._terms


KG = _Namespace(
    KG_NS,
    "Source Document Correction QualifiedSupport Note version comparesBy name supports "
    "target feature qualifier firmness section text about versionNumber order",
)
FN = _Namespace(FN_NS, "versionKey")
RDFS = _Namespace(PREFIXES["rdfs"], "label comment subClassOf domain range Class Datatype")
SKOS = _Namespace(PREFIXES["skos"], "altLabel hiddenLabel")
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
ENT = ENT_NS
SRC = SRC_NS


def curie(iri: str) -> str:
    """Shorten an IRI with the known prefixes, for readable output."""
    for prefix, base in PREFIXES.items():
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return f"<{iri}>"
