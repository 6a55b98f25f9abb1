"""Classes, properties and entities, read from the graph itself.

Nothing here lists a class or property by name: a class added to the Turtle
becomes resolvable, checkable and completable with no code change.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.store import GraphStore
from kg.vocab import ENT, KG, PREFIXES, RDF, RDFS, SCHEMA, SKOS, SRC

__all__ = ["ClassInfo", "PropertyInfo", "Entity", "Ontology", "local_name"]

def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``."""
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[cut + 1 :]


@dataclass(frozen=True)
class ClassInfo:
    iri: str
    labels: dict[str, str]
    aliases: tuple[str, ...]
    comment: str
    parents: tuple[str, ...]
    compares_by: str | None

    @property
    def name(self) -> str:
        return local_name(self.iri)


@dataclass(frozen=True)
class PropertyInfo:
    iri: str
    labels: dict[str, str]
    aliases: tuple[str, ...]
    comment: str
    domains: tuple[str, ...]
    ranges: tuple[str, ...]
    is_object: bool

    @property
    def name(self) -> str:
        return local_name(self.iri)


@dataclass(frozen=True)
class Entity:
    iri: str
    labels: dict[str, str]
    aliases: tuple[str, ...]
    types: frozenset[str]

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or local_name(self.iri)


_Q_CLASSES = """
SELECT ?c ?p ?o WHERE {
  { ?c a owl:Class } UNION { ?c a rdfs:Class }
  FILTER(isIRI(?c))
  ?c ?p ?o .
  FILTER(?p IN (rdfs:label, skos:altLabel, rdfs:comment, rdfs:subClassOf, kg:comparesBy))
}"""

_Q_PROPERTIES = """
SELECT ?c ?p ?o ?kind WHERE {
  ?c a ?kind . FILTER(?kind IN (owl:ObjectProperty, owl:DatatypeProperty, rdf:Property))
  FILTER(isIRI(?c))
  ?c ?p ?o .
  FILTER(?p IN (rdfs:label, skos:altLabel, rdfs:comment, rdfs:domain, rdfs:range,
                schema:domainIncludes, schema:rangeIncludes))
}"""

_Q_ENTITIES = """
SELECT ?e ?p ?o WHERE {
  ?e ?p ?o .
  FILTER(STRSTARTS(STR(?e), STR(ent:)) || STRSTARTS(STR(?e), STR(src:)))
  FILTER(?p IN (rdfs:label, skos:altLabel, skos:hiddenLabel, rdf:type))
}"""

_Q_SOURCES = """
SELECT ?s ?p ?o WHERE { ?s a kg:Source ; ?p ?o . FILTER(?p = rdfs:label) }"""

_PREFIX_LINES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


@dataclass
class Ontology:
    """The schema and the entity names of a loaded graph."""

    classes: dict[str, ClassInfo]
    properties: dict[str, PropertyInfo]
    entities: dict[str, Entity]
    sources: dict[str, dict[str, str]] = field(default_factory=dict)  #: source IRI → labels
    counts: dict[str, int] = field(default_factory=dict)
    _subclasses: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _names: dict[str, list[tuple[int, str]]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_store(cls, store: GraphStore) -> Ontology:
        classes = _read_classes(store)
        properties = _read_properties(store)
        entities = _read_entities(store)
        sources = {iri: _labels(props) for iri, props in _collect(_rows(store, _Q_SOURCES)).items()}
        self = cls(classes, properties, entities, sources)
        self._index()
        return self

    # -- indexes -------------------------------------------------------------

    def _index(self) -> None:
        children: dict[str, set[str]] = defaultdict(set)
        for c in self.classes.values():
            for parent in c.parents:
                children[parent].add(c.iri)
        for iri in self.classes:
            seen, todo = {iri}, [iri]
            while todo:
                for child in children.get(todo.pop(), ()):
                    if child not in seen:
                        seen.add(child)
                        todo.append(child)
            self._subclasses[iri] = seen
        for iri in self.classes:
            sub = self._subclasses[iri]
            self.counts[iri] = sum(1 for e in self.entities.values() if e.types & sub)
        names: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for e in self.entities.values():
            for label in e.labels.values():
                names[label.casefold()].append((0, e.iri))
            for alias in e.aliases:
                names[alias.casefold()].append((1, e.iri))
            names[local_name(e.iri).casefold()].append((2, e.iri))
        self._names = dict(names)

    def subclasses(self, iri: str) -> set[str]:
        """The class and every class below it."""
        return self._subclasses.get(iri, {iri})

    def superclasses(self, iri: str) -> set[str]:
        """The class and every class above it."""
        return {c for c, subs in self._subclasses.items() if iri in subs} | {iri}

    def is_a(self, entity: str, cls: str) -> bool:
        e = self.entities.get(entity)
        return bool(e and e.types & self.subclasses(cls))

    # -- name lookups --------------------------------------------------------

    def find_class(self, name: str) -> list[ClassInfo]:
        return _lookup(self.classes.values(), name)

    def find_property(self, name: str) -> list[PropertyInfo]:
        return _lookup(self.properties.values(), name)

    def find_entity(self, name: str, within: Iterable[str] | None = None) -> list[Entity]:
        """Entities named ``name``: exact label → alias → local name, case-insensitively.

        With ``within`` (class IRIs), entities of those classes win over others.
        """
        hits = self._names.get(name.strip().casefold(), [])
        if not hits:
            return []
        if within:
            wanted = set().union(*(self.subclasses(c) for c in within))
            scoped = [h for h in hits if self.entities[h[1]].types & wanted]
            hits = scoped or hits
        best = min(rank for rank, _ in hits)
        iris = sorted({iri for rank, iri in hits if rank == best})
        return [self.entities[i] for i in iris]

    def find_source(self, name: str) -> list[str]:
        """Sources (named graphs) named ``name``: by a label in any language, or local name."""
        key = name.strip().casefold()
        by_label = [s for s, labels in self.sources.items()
                    if any(v.casefold() == key for v in labels.values())]
        return sorted(by_label or [s for s in self.sources if local_name(s).casefold() == key])

    def suggest(self, name: str, *, kinds: str = "cpe", limit: int = 3) -> list[str]:
        """Names close to ``name`` among classes (c), properties (p) and entities (e)."""
        pool: dict[str, str] = {}
        if "c" in kinds:
            for c in self.classes.values():
                for n in (c.name, *c.labels.values(), *c.aliases):
                    pool.setdefault(n.casefold(), c.name)
        if "p" in kinds:
            for p in self.properties.values():
                for n in (p.name, *p.labels.values(), *p.aliases):
                    pool.setdefault(n.casefold(), p.name)
        if "e" in kinds:
            for e in self.entities.values():
                if e.iri.startswith(SRC):
                    continue  # sources and documents: named exactly, never guessed
                for n in (*e.labels.values(), *e.aliases):
                    pool.setdefault(n.casefold(), e.label())
        close = difflib.get_close_matches(name.casefold(), list(pool), n=limit * 3, cutoff=0.6)
        out: list[str] = []
        for key in close:
            if pool[key] not in out:
                out.append(pool[key])
        return out[:limit]

    def label(self, iri: str, lang: str = "en") -> str:
        if iri in self.entities:
            return self.entities[iri].label(lang)
        info = self.classes.get(iri) or self.properties.get(iri)
        if info is not None:
            return info.labels.get(lang) or info.labels.get("en") or info.name
        return local_name(iri)

    def class_of(self, entity: str) -> str | None:
        """The most specific ontology class of an entity (for display)."""
        e = self.entities.get(entity)
        if not e:
            return None
        known = [t for t in e.types if t in self.classes]
        known.sort(key=lambda t: (-len(self.superclasses(t)), t))
        return known[0] if known else None


def _lookup(items: Iterable[ClassInfo | PropertyInfo], name: str) -> list:  # type: ignore[type-arg]
    key = name.strip().casefold()
    ranked: list[tuple[int, ClassInfo | PropertyInfo]] = []
    for item in items:
        if item.name.casefold() == key:
            ranked.append((0, item))
        elif any(v.casefold() == key for v in item.labels.values()):
            ranked.append((1, item))
        elif any(a.casefold() == key for a in item.aliases):
            ranked.append((2, item))
    if not ranked:
        return []
    best = min(r for r, _ in ranked)
    return sorted((i for r, i in ranked if r == best), key=lambda i: i.iri)


def _rows(store: GraphStore, query: str) -> list[tuple[ox.NamedNode | ox.Literal, ...]]:
    _, rows = store.select(_PREFIX_LINES + query)
    return rows  # type: ignore[return-value]


def _collect(rows: Iterable[tuple]) -> dict[str, dict[str, list]]:  # type: ignore[type-arg]
    out: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))  # type: ignore[type-arg]
    for row in rows:
        s, p, o = row[0], row[1], row[2]
        if o not in out[s.value][p.value]:
            out[s.value][p.value].append(o)
    return out


def _labels(props: dict[str, list], key: str = RDFS.label.value) -> dict[str, str]:  # type: ignore[type-arg]
    labels: dict[str, str] = {}
    for lit in sorted(props.get(key, []), key=lambda t: t.value):
        lang = getattr(lit, "language", None) or "en"
        labels.setdefault(lang, lit.value)
    return labels


def _values(props: dict[str, list], *keys: str) -> tuple[str, ...]:  # type: ignore[type-arg]
    """The values of ``keys``: IRIs (a blank node, say a class without a name, is none)."""
    return tuple(sorted({t.value for k in keys for t in props.get(k, [])
                         if not isinstance(t, ox.BlankNode)}))


def _read_classes(store: GraphStore) -> dict[str, ClassInfo]:
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


def _read_properties(store: GraphStore) -> dict[str, PropertyInfo]:
    rows = _rows(store, _Q_PROPERTIES)
    kinds = {r[0].value: r[3].value for r in rows}
    out = {}
    for iri, props in _collect(rows).items():
        out[iri] = PropertyInfo(
            iri=iri,
            labels=_labels(props),
            aliases=_values(props, SKOS.altLabel.value),
            comment=_labels(props, RDFS.comment.value).get("en", ""),
            domains=_values(props, RDFS.domain.value, SCHEMA.domainIncludes.value),
            ranges=_values(props, RDFS.range.value, SCHEMA.rangeIncludes.value),
            is_object=kinds[iri].endswith("ObjectProperty"),
        )
    return out


def _read_entities(store: GraphStore) -> dict[str, Entity]:
    out = {}
    for iri, props in _collect(_rows(store, _Q_ENTITIES)).items():
        if not iri.startswith((ENT, SRC)):
            continue
        out[iri] = Entity(
            iri=iri,
            labels=_labels(props),
            aliases=_values(props, SKOS.altLabel.value, SKOS.hiddenLabel.value),
            types=frozenset(_values(props, RDF.type.value)),
        )
    return out
