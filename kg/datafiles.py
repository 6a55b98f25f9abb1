"""What kg does to a data file as it loads it, beyond parsing: its text in NFC, and its
facts outside any graph made its own source's (:mod:`kg.store` loads it)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import pyoxigraph as ox

from kg.vocab import DCTERMS, KG, PROV, RDF, TERM_TYPES, may_name_entity

__all__ = ["composed", "own_facts"]

#: What a data file describes in its default graph, not as facts: its sources and documents
_DESCRIBED_TYPES = frozenset((KG.Source, KG.Document, KG.Revision))
#: Where a source says it comes from: what those name is a document, described
_FROM = frozenset((PROV.wasDerivedFrom, DCTERMS.isPartOf, DCTERMS.source))


def composed(content: bytes) -> bytes:
    """A data file's text in NFC, as kg reads a statement: a label written decomposed (as
    macOS writes file names, `e` and a combining accent) is named as it is typed. What is
    not UTF-8 stays as it is, for the parser to say where."""
    if content.isascii():
        return content
    text = content.decode("utf-8", "surrogateescape")
    if unicodedata.is_normalized("NFC", text):
        return content
    return unicodedata.normalize("NFC", text).encode("utf-8", "surrogateescape")


def own_facts(store: ox.Store, new: list[ox.Quad], sources: Iterable[object],
              graph: ox.NamedNode) -> bool:
    """Move ``new``, what a TriG or N-Quads file said outside any graph, into ``graph``,
    the file's own source, where it speaks of entities: queries read it, and `check` and
    `describe` cite it (it sat in no source: `check` said "no fact gives the GPU
    architecture" while `where architecture = Volta` kept the series). What it says of
    ``sources`` (graphs, the store's and others'), of its documents and of its classes and
    properties stays where kg reads it. True if a fact moved."""
    typed = {q.subject for q in new if q.predicate == RDF.type and isinstance(q.object, ox.NamedNode)
             and (q.object.value in TERM_TYPES or q.object in _DESCRIBED_TYPES)}
    kept = {*sources, *typed, *(q.object for q in new if q.predicate in _FROM)}
    moved = [q for q in new if isinstance(q.subject, ox.NamedNode)
             and may_name_entity(q.subject.value) and q.subject not in kept]
    for q in moved:
        store.remove(q)
        store.add(ox.Quad(q.subject, q.predicate, q.object, graph))
    return bool(moved)
