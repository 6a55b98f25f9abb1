"""pyoxigraph terms as rdflib terms, for the tools that need rdflib (pyshacl, serializers).

Kept off the query path: rdflib is imported only when a term is converted.
"""

from __future__ import annotations

import logging
import warnings
from typing import Any

import pyoxigraph as ox

from kg.errors import ExportError

__all__ = ["to_rdflib"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# rdflib logs a traceback for each literal whose text its datatype does not allow, such as
# "2025-02-29"^^xsd:date, as it makes the term: kg keeps the text as written (and `kg
# validate` reports the literal), so on stderr that is only noise
logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)


def to_rdflib(term: Any) -> Any:
    """The rdflib term for ``term``; a plain string literal stays untyped, as rdflib keeps it."""
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, ox.Triple):
        raise ExportError(f"the graph holds an RDF 1.2 triple term <<( {term} )>>, which rdflib "
                          "cannot hold: JSON-LD export and SHACL validation go through rdflib "
                          "(Turtle, TriG, N-Triples and N-Quads exports carry it)")
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    dt = term.datatype.value
    with warnings.catch_warnings():  # rdflib's "Parsing weird boolean" for a data file's
        warnings.filterwarnings("ignore", message="Parsing weird boolean")  # "yes": kg
        # validate says what is wrong, and no export prints Python's warning
        return rdflib.Literal(term.value, datatype=None if dt == _XSD_STRING
                              else rdflib.URIRef(dt))
