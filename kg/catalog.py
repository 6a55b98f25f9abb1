"""The graph's catalogue: its classes, properties, entities and sources as plain records,
and reading them from a store (:class:`kg.ontology.Ontology` indexes them)."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from typing import Any

import pyoxigraph as ox

from kg.graphstore import GraphStore
from kg.i18n import picked_tags
from kg.name_queries import spelled_query
from kg.records import record
from kg.store import OxigraphStore
from kg.textscan import loose_key
from kg.value_ranges import ranged_by_values
from kg.vocab import (
    KG,
    OWL,
    PREFIXES,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    TERM_TYPES,
    VOCABULARIES,
    local_name,
    may_name_entity,
)

__all__ = ["ClassInfo", "PropertyInfo", "Entity", "loose_key", "read_classes",
           "read_properties", "read_entities", "read_named", "read_named_many", "read_records",
           "read_sources", "in_values", "named_term"]


@record
class Named:
    """What classes and properties share: an IRI, labels by language, aliases, a comment."""

    iri: str
    labels: dict[str, str]
    aliases: tuple[str, ...]
    comment: str

    @property
    def name(self) -> str:
        return local_name(self.iri)


@record
class ClassInfo(Named):
    parents: tuple[str, ...]
    compares_by: str | None


@record
class PropertyInfo(Named):
    domains: tuple[str, ...]
    ranges: tuple[str, ...]
    is_object: bool
    functional: bool = False  #: at most one value per subject (owl:FunctionalProperty)

    @property
    def single(self) -> bool:
        """Does a cell of this property hold one value (functional, or text in one
        language per subject)?"""
        return self.functional or RDF.langString.value in self.ranges


@record
class Entity:
    iri: str
    labels: dict[str, str]
    aliases: tuple[str, ...]
    types: frozenset[str]

    def label(self, lang: str = "en") -> str:
        """The label a cell in ``lang`` shows (:func:`kg.i18n.pick`, the least of those it
        picks: in ``lang``, else English, else any language, else untagged), else the
        local name. (:attr:`labels` has the least of each tag, untagged under "".)"""
        labels = self.labels
        own = labels.get(lang)
        if own is not None:  # the common case
            return own
        return min((labels[tag] for tag in picked_tags(labels, lang)),  # type: ignore[index]
                   default=local_name(self.iri))


_Q_CLASSES = """
SELECT ?c ?p ?o WHERE {
  { ?c a owl:Class } UNION { ?c a rdfs:Class } UNION { ?c rdfs:subClassOf ?super }
  FILTER(isIRI(?c))
  ?c ?p ?o .
  FILTER(?p IN (rdfs:label, skos:altLabel, rdfs:comment, rdfs:subClassOf, kg:comparesBy))
}"""

#: (VALUES, not a FILTER on ?kind, which read every typed entity: 7 ms at 100k triples)
_Q_PROPERTIES = """
SELECT ?c ?p ?o ?kind WHERE {
  VALUES ?kind { owl:ObjectProperty owl:DatatypeProperty rdf:Property }
  ?c a ?kind .
  FILTER(isIRI(?c))
  ?c ?p ?o .
  FILTER(?p IN (rdfs:label, skos:altLabel, rdfs:comment, rdfs:domain, rdfs:range,
                schema:domainIncludes, schema:rangeIncludes))
}"""

_Q_FUNCTIONAL = "SELECT ?p WHERE { ?p a owl:FunctionalProperty . FILTER(isIRI(?p)) }"

_Q_ENTITIES = """
SELECT ?e ?p ?o WHERE {
  ?e ?p ?o .
  FILTER(isIRI(?e) && ?p IN (rdfs:label, skos:altLabel, skos:hiddenLabel, rdf:type,
                             rdfs:subClassOf))
}"""

#: What may stand in a local name (an IRI's last segment, after ``/`` or ``#``): a key with
#: anything else names no entity by its local name.
_LOCAL = re.compile(r"[^\s/#<>\"{}|\\^`]+")
#: The names and types of some entities, as `_Q_ENTITIES` reads them.
#: (not `VALUES ?p`: joined with 2,000 entities' `VALUES`, it took a server 20 s, not 0.2)
_Q_RECORDS = """
SELECT ?e ?p ?o WHERE {{
  VALUES ?e {{ {entities} }}
  ?e ?p ?o .
  FILTER(?p IN (rdfs:label, skos:altLabel, skos:hiddenLabel, rdf:type, rdfs:subClassOf))
}}"""

_Q_SOURCES = """
SELECT ?s ?p ?o WHERE { ?s a kg:Source ; ?p ?o . FILTER(?p = rdfs:label) }"""

_PREFIX_LINES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def _rows(store: GraphStore, query: str) -> list[tuple[ox.NamedNode | ox.Literal, ...]]:
    _, rows = store.select(_PREFIX_LINES + query)
    return rows  # type: ignore[return-value]


def _collect(rows: Iterable[tuple]) -> dict[str, dict[str, set]]:  # type: ignore[type-arg]
    """subject → property → its distinct objects (read by `_labels` and `_values` only,
    which do not depend on their order)."""
    out: dict[str, dict[str, set]] = {}  # type: ignore[type-arg]
    for row in rows:
        s, p, o = row[0], row[1], row[2]
        by_p = out.get(s.value)
        if by_p is None:
            by_p = out[s.value] = {}
        objects = by_p.get(p.value)
        if objects is None:
            by_p[p.value] = {o}
        else:
            objects.add(o)
    return out


def _labels(props: dict[str, set], key: str = RDFS.label.value,  # type: ignore[type-arg]
            untagged: str = "en") -> dict[str, str]:
    labels: dict[str, str] = {}
    for term in props.get(key, ()):
        _keep_least(labels, term, untagged)
    return _in_order(labels)


def _keep_least(labels: dict[str, str], term: Any, untagged: str = "en") -> None:
    """Keep ``term`` if it is the least label of its language so far (untagged is
    ``untagged``: "en" for classes, properties and sources, "" for an entity, whose
    :meth:`Entity.label` picks as its cells do)."""
    lang, text = getattr(term, "language", None) or untagged, term.value
    least = labels.get(lang)
    if least is None or text < least:
        labels[lang] = text


def _in_order(labels: dict[str, str]) -> dict[str, str]:
    """Each language's label, ordered by its text, then by the language."""
    return dict(sorted(labels.items(), key=lambda item: (item[1], item[0]))) \
        if len(labels) > 1 else labels


def _values(props: dict[str, set], *keys: str) -> tuple[str, ...]:  # type: ignore[type-arg]
    """The values of ``keys``: IRIs (a blank node, say a class without a name, is none)."""
    return tuple(sorted({t.value for k in keys for t in props.get(k, [])
                         if not isinstance(t, ox.BlankNode)}))


def read_classes(store: GraphStore) -> dict[str, ClassInfo]:
    out = {}
    for iri, props in _collect(_rows(store, _Q_CLASSES)).items():
        if not isinstance(iri, str):
            continue
        comment = _labels(props, RDFS.comment.value).get("en", "")
        compares = _values(props, KG.comparesBy.value)
        out[iri] = ClassInfo(
            iri=iri,
            labels=_labels(props),
            aliases=_values(props, SKOS.altLabel.value),
            comment=comment,
            parents=_values(props, RDFS.subClassOf.value),
            compares_by=compares[0] if compares else None,
        )
    return out


def read_properties(store: GraphStore, classes: Collection[str] = ()) -> dict[str, PropertyInfo]:
    """Every property; one links entities where it is typed ``owl:ObjectProperty`` (among
    other types), or, not ``owl:DatatypeProperty``, has a range among ``classes`` (a last
    row's type won, and a ``rdf:Property`` to a class was text, 0 rows: hunt113 F1)."""
    rows = _rows(store, _Q_PROPERTIES)
    kinds: dict[str, set[str]] = {}
    for r in rows:
        kinds.setdefault(r[0].value, set()).add(r[3].value)
    functional = {r[0].value for r in _rows(store, _Q_FUNCTIONAL)}
    out = {}
    for iri, props in _collect(rows).items():
        ranges = _values(props, RDFS.range.value, SCHEMA.rangeIncludes.value)
        out[iri] = PropertyInfo(
            iri=iri,
            labels=_labels(props),
            aliases=_values(props, SKOS.altLabel.value),
            comment=_labels(props, RDFS.comment.value).get("en", ""),
            domains=_values(props, RDFS.domain.value, SCHEMA.domainIncludes.value),
            ranges=ranges,
            is_object=_links_entities(kinds[iri], ranges, classes),
            functional=iri in functional,
        )
    return ranged_by_values(store, out)


#: ranges that are any entity (a property to them links entities: hunt116 F4)
_ANY_THING = (OWL.Thing.value, RDFS.Resource.value)


def _links_entities(kinds: set[str], ranges: Iterable[str], classes: Collection[str]) -> bool:
    if OWL.ObjectProperty.value in kinds:
        return True
    return OWL.DatatypeProperty.value not in kinds and any(
        r in classes or r in _ANY_THING for r in ranges)


def _embedded_entities(store: ox.Store) -> dict[str, Entity]:
    """`read_entities` of an embedded store, straight from its index (no SPARQL): per
    entity, the least label of each language (as `_labels` keeps), its aliases and types
    (at 1M triples: 335k quads, 85k entities)."""
    found: dict[str, tuple[dict[str, str], set[str], set[str]]] = {}  # in first-seen order
    named, literal, vocabularies = ox.NamedNode, ox.Literal, VOCABULARIES
    for slot, p in ((0, RDFS.label), (1, SKOS.altLabel), (1, SKOS.hiddenLabel), (2, RDF.type)):
        for q in store.quads_for_pattern(None, p, None, None):
            s = q.subject
            if s.__class__ is not named:
                continue
            iri = s.value
            entry = found.get(iri)
            if entry is None:
                if iri.startswith(vocabularies):
                    continue
                entry = found[iri] = ({}, set(), set())
            o = q.object
            if slot == 0:
                _keep_least(entry[0], o, "")
            elif o.__class__ is named or o.__class__ is literal:  # a blank node names nothing
                entry[slot].add(o.value)  # type: ignore[union-attr]
    classes = {q.subject.value for q in store.quads_for_pattern(None, RDFS.subClassOf, None, None)
               if q.subject.__class__ is named}  # a class, typed or not: RDFS says so
    return {iri: Entity(iri, _in_order(labels), tuple(sorted(aliases)), frozenset(types))
            for iri, (labels, aliases, types) in found.items()
            if TERM_TYPES.isdisjoint(types) and iri not in classes}


def read_entities(store: GraphStore) -> dict[str, Entity]:
    if isinstance(store, OxigraphStore):
        return _embedded_entities(store.store)
    return _entities(_rows(store, _Q_ENTITIES))


def _entities(rows: Iterable[tuple]) -> dict[str, Entity]:  # type: ignore[type-arg]
    """The records of the entities among the subjects of ``rows`` (subject, property,
    object): IRIs, not blank nodes (a server's Skolem IRI of one is read back as one), and
    not the terms of a vocabulary, by their IRIs or their types."""
    out = {}
    for iri, props in _collect(r for r in rows if r[0].__class__ is ox.NamedNode).items():
        if may_name_entity(iri) and RDFS.subClassOf.value not in props:  # a class: RDFS
            e = _entity(iri, props)
            if TERM_TYPES.isdisjoint(e.types):
                out[iri] = e
    return out


def read_named(store: GraphStore, key: str, *, by_local_name: bool = False,
               loose: bool = False) -> dict[str, Entity]:
    """The records :func:`read_entities` gives of the entities (and sources) a label or
    alias of which (``by_local_name``: whose local name) casefolds to ``key``, an ASCII
    text casefolded (``loose``: whose :func:`loose_key` is ``key``): a few of them, read
    alone in two queries."""
    return read_named_many(store, [key], by_local_name=by_local_name, loose=loose)[key]


def read_named_many(store: GraphStore, keys: Iterable[str], *, by_local_name: bool = False,
                    loose: bool = False) -> dict[str, dict[str, Entity]]:
    """:func:`read_named` of each of ``keys`` at once: the names of a statement in one scan
    of the names instead of a scan each (at 1M triples a scan takes 0.17 s by spelling,
    0.3 s by local name; four local names in one, 0.24 s)."""
    keys = sorted(set(keys))
    if not all(key.isascii() for key in keys):
        raise ValueError("read_named looks up ASCII names (read_entities has every name)")
    same = loose_key if loose else str.casefold
    named: dict[str, set[str]] = {key: set() for key in keys}
    asked = [key for key in keys if _LOCAL.fullmatch(key)] if by_local_name else keys
    rows = _rows(store, spelled_query(asked, by_local_name, loose)) if asked else []
    for e, n in rows:
        if isinstance(e, ox.NamedNode) and may_name_entity(e.value):
            spelled = same(local_name(e.value) if by_local_name else n.value)
            if spelled in named:
                named[spelled].add(e.value)
    records = read_records(store, set().union(*named.values())) if any(named.values()) else {}
    return {key: {iri: rec for iri, rec in records.items() if iri in iris}
            for key, iris in named.items()}


#: Entities whose records one query reads (a query of ~100 kB): a ``VALUES`` of 4,000
#: Virtuoso 7 takes, of 5,000 it says "Too many arguments" (hunt46 #3).
RECORDS_PER_QUERY = 2000


def in_values(iris: Iterable[str], size: int = RECORDS_PER_QUERY) -> Iterator[tuple[list[str], str]]:
    """``iris`` sorted, ``size`` at a time, each part with the terms a ``VALUES`` clause
    names them by: none for a text pyoxigraph takes for no IRI (a server may have taken a
    space in one; a query naming it would not parse). A part may have no terms."""
    todo = sorted(iris)
    for start in range(0, len(todo), size):
        part = todo[start:start + size]
        yield part, " ".join(str(t) for t in map(named_term, part) if t is not None)


def named_term(iri: str) -> ox.NamedNode | None:
    """``iri`` as a term a query can name; None for a text that is no IRI (a blank node's
    id, or a server's IRI with a space in it)."""
    try:
        return ox.NamedNode(iri)
    except ValueError:
        return None


def read_records(store: GraphStore, iris: Iterable[str]) -> dict[str, Entity]:
    """The records :func:`read_entities` gives of ``iris``, those it has (entities and
    sources with a name or a type): a query per :data:`RECORDS_PER_QUERY` of them."""
    out: dict[str, Entity] = {}
    for _, entities in in_values({iri for iri in iris if may_name_entity(iri)}):
        if entities:
            out.update(_entities(_rows(store, _Q_RECORDS.format(entities=entities))))
    return out


def _entity(iri: str, props: dict[str, set]) -> Entity:  # type: ignore[type-arg]
    """An entity's record from its label, alias and type rows (as `_Q_ENTITIES` reads them)."""
    return Entity(
        iri=iri,
        labels=_labels(props, untagged=""),
        aliases=_values(props, SKOS.altLabel.value, SKOS.hiddenLabel.value),
        types=frozenset(_values(props, RDF.type.value)),
    )


def read_sources(store: GraphStore) -> dict[str, dict[str, str]]:
    """source IRI → its labels by language."""
    return {iri: _labels(props) for iri, props in _collect(_rows(store, _Q_SOURCES)).items()}
