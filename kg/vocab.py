"""The terms kg's code names directly, as closed namespaces, and the prefixes of its IRIs.

Everything else (classes, properties, labels) is read from the ontology files. A
namespace here lists only the terms the code uses: a typo is an ``AttributeError``
at the line that makes it, never a silently wrong IRI.

>>> KG.minCuda.value
'https://w3id.org/azml-kg/ontology#minCuda'
>>> KG.minCUDA
Traceback (most recent call last):
...
AttributeError: https://w3id.org/azml-kg/ontology#minCUDA is not a term kg's code uses
"""

from __future__ import annotations

import pyoxigraph as ox

__all__ = ["KG", "RDF", "RDFS", "XSD", "SKOS", "OWL", "PROV", "DCTERMS", "SCHEMA",
           "ENT", "SRC", "PREFIXES", "QUERY_PREFIXES", "curie", "Namespace", "VOCABULARIES",
           "TERM_TYPES", "may_name_entity", "REIFYING", "SOURCE_LINKS", "term_name",
           "local_name"]


class Namespace:
    """A closed namespace: only the listed terms exist; a typo raises AttributeError."""

    def __init__(self, base: str, terms: str) -> None:
        self.base = base
        self._terms = frozenset(terms.split())
        self._nodes = {t: ox.NamedNode(base + t) for t in self._terms}
        clash = sorted(t for t in self._terms if hasattr(type(self), t) or t in self.__dict__)
        if clash:
            raise ValueError(f"terms named like a Namespace attribute: {clash}")
        self.__dict__.update(self._nodes)  # a term is a plain attribute: no __getattr__ call

    def __getattr__(self, name: str) -> ox.NamedNode:
        try:
            return self.__dict__["_nodes"][name]  # type: ignore[no-any-return]
        except KeyError:
            raise AttributeError(f"{self.__dict__.get('base', '')}{name} is not a term kg's "
                                 "code uses") from None

    def __contains__(self, iri: object) -> bool:
        text = iri.value if isinstance(iri, ox.NamedNode) else iri
        return isinstance(text, str) and text.startswith(self.base) \
            and text[len(self.base):] in self._terms

    def owns(self, iri: str) -> bool:
        """Does ``iri`` lie in this namespace (listed here or not)?"""
        return iri.startswith(self.base)


KG = Namespace(
    "https://w3id.org/azml-kg/ontology#",
    # classes
    "Source Document Correction QualifiedSupport Note Feature Target CudaVersion "
    "FrameworkRelease FrameworkBuild VMSeries VMSize GPU GPUArchitecture Revision "
    # properties
    "version comparesBy name supports target feature qualifier firmness section text about "
    "versionNumber order architecture gpu series minCuda buildsFromCuda removedInCuda "
    "deprecatedInCuda cudaBuild build buildCuda computeCapability includesCapability "
    "includesArchitecture excludesArchitecture retiredOn retirementDeadline repository "
    "filePath commit revision revisionDate germanTextsFrom supersededBy cardinality "
    "minCudaPerVendor minComputeCapability maxComputeCapability gpuSupport category published "
    "includesPtx sdkVersion",
)
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                "type Property Statement subject predicate object langString first rest")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#",
                 "label comment subClassOf subPropertyOf domain range Class Datatype Resource Literal "
                 "seeAlso isDefinedBy")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#",
                "string boolean date decimal double float integer int nonNegativeInteger "
                "anyURI")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#", "altLabel hiddenLabel definition note")
OWL = Namespace("http://www.w3.org/2002/07/owl#",
                "Class ObjectProperty DatatypeProperty FunctionalProperty AnnotationProperty "
                "Ontology Thing")
#: The links from a reified statement (an ``rdf:Statement``) to the terms of its fact, as
#: kg's RDF export cites each fact with (kg.output.rdf) and `describe` leaves out
REIFYING = (RDF.subject, RDF.predicate, RDF.object)
PROV = Namespace("http://www.w3.org/ns/prov#", "wasDerivedFrom Entity")
DCTERMS = Namespace("http://purl.org/dc/terms/", "source isPartOf hasPart title date")
#: Where a source says it comes from (a document it is derived from, part of, or copies)
SOURCE_LINKS = (PROV.wasDerivedFrom, DCTERMS.isPartOf, DCTERMS.source)
SCHEMA = Namespace("https://schema.org/", "domainIncludes rangeIncludes")

ENT = "https://w3id.org/azml-kg/id/"  #: domain entities
SRC = "https://w3id.org/azml-kg/source/"  #: sources (named graphs) and documents
#: ``kg publish`` sends a blank node as an IRI of its own under this (a Skolem IRI, RDF 1.1
#: Concepts §3.5): sent in several requests (its source's graph, each union graph), a blank
#: node would become a different node in each, and a fact about it would show twice. kg
#: reads such an IRI back as the blank node it was (:func:`kg.endpoint._term`).
GENID = "https://w3id.org/azml-kg/.well-known/genid/"

PREFIXES: dict[str, str] = {
    "kg": KG.base,
    "ent": ENT,
    "src": SRC,
    "rdf": RDF.base,
    "rdfs": RDFS.base,
    "owl": OWL.base,
    "xsd": XSD.base,
    "skos": SKOS.base,
    "schema": SCHEMA.base,
    "prov": PROV.base,
    "dcterms": DCTERMS.base,
    "sh": "http://www.w3.org/ns/shacl#",
}

#: Namespaces of vocabularies (``rdf:type``, ``rdfs:label``, kg's own classes and
#: properties): their terms are never entities. Any other IRI with a name or a type is one:
#: the page's are in ``ent:`` and ``src:``, a data file's may be anywhere.
VOCABULARIES = tuple(ns for ns in PREFIXES.values() if ns not in (ENT, SRC))
#: The types of a vocabulary's terms, wherever their IRIs are: a class or a property a data
#: file declares is a class or a property, not an entity.
TERM_TYPES = frozenset(t.value for t in (
    OWL.Class, RDFS.Class, RDFS.Datatype, OWL.ObjectProperty, OWL.DatatypeProperty,
    OWL.FunctionalProperty, OWL.AnnotationProperty, RDF.Property, OWL.Ontology)) | frozenset(
    OWL.base + t for t in ("TransitiveProperty", "SymmetricProperty", "AsymmetricProperty",
                           "InverseFunctionalProperty", "ReflexiveProperty",
                           "IrreflexiveProperty", "Restriction"))


def may_name_entity(iri: str) -> bool:
    """Is ``iri`` outside the vocabularies (:data:`VOCABULARIES`), so an entity if it has
    a name or a type that is not one of :data:`TERM_TYPES`?"""
    return not iri.startswith(VOCABULARIES)


#: The prefixes compiled SPARQL uses, declared once in its header.
QUERY_PREFIXES: tuple[str, ...] = ("rdf", "rdfs", "xsd", "kg", "ent")


def curie(iri: str) -> str:
    """Shorten an IRI with the known prefixes, for readable output.

    >>> curie("https://w3id.org/azml-kg/id/NCv3"), curie("urn:x")
    ('ent:NCv3', '<urn:x>')
    """
    for prefix, base in PREFIXES.items():
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return f"<{iri}>"


def term_name(term: object) -> str:
    """A term as a message shows it: an IRI as a CURIE, a blank node as `_:id`, else its
    text in quotes."""
    if isinstance(term, ox.NamedNode):
        return curie(term.value)
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else f'"{getattr(term, "value", term)}"'


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[cut + 1 :]
