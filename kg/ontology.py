"""Classes, properties and entities, read from the graph itself.

Nothing here lists a class or property by name: a class added to the Turtle
becomes resolvable, checkable and completable with no code change.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.store import GraphStore, OxigraphStore
from kg.vocab import ENT, KG, PREFIXES, RDF, RDFS, SCHEMA, SKOS, SRC

__all__ = ["ClassInfo", "PropertyInfo", "Entity", "Ontology", "local_name"]

def loose_key(name: str) -> str:
    """A name with case, spaces, hyphens and underscores ignored: ``ND H100 v5`` ~ ``nd-h100_v5``."""
    return "".join(ch for ch in name.casefold() if not (ch.isspace() or ch in "-_"))


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
    functional: bool = False  #: at most one value per subject (owl:FunctionalProperty)

    @property
    def name(self) -> str:
        return local_name(self.iri)

    @property
    def single(self) -> bool:
        """Does a cell of this property hold one value (functional, or text in one
        language per subject)?"""
        return self.functional or RDF.langString.value in self.ranges


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

_Q_FUNCTIONAL = "SELECT ?p WHERE { ?p a owl:FunctionalProperty . FILTER(isIRI(?p)) }"

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
    _supers: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _names_: dict[str, list[tuple[int, str]]] | None = field(default=None, repr=False)
    _loose_: dict[str, list[tuple[int, str]]] | None = field(default=None, repr=False)
    #: casefolded name → (rank, item) of classes / properties / sources (see `_lookup`)
    _by_name: dict[str, dict[str, list[tuple[int, str]]]] = field(default_factory=dict,
                                                                   repr=False)

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
            for sub in seen:
                self._supers.setdefault(sub, set()).add(iri)
        self.counts = dict.fromkeys(self.classes, 0)  # one pass: per distinct set of types
        for types, n in Counter(e.types for e in self.entities.values()).items():
            for above in set().union(*(self._supers.get(t, ()) for t in types)):
                self.counts[above] += n
        self._by_name = {  # the spellings by rank: name, label, alias (a source: label, name)
            kind: _name_table((i.iri, ((i.name,), i.labels.values(), i.aliases)) for i in items)
            for kind, items in (("class", self.classes.values()),
                                ("property", self.properties.values()))}
        self._by_name["source"] = _name_table((s, ((), labels.values(), (local_name(s),)))
                                              for s, labels in self.sources.items())

    @property
    def _names(self) -> dict[str, list[tuple[int, str]]]:
        """casefolded label / alias / local name → (rank, entity IRI); built when first used."""
        if self._names_ is None:
            self._names_ = self._name_entities()
        return self._names_

    @property
    def _loose(self) -> dict[str, list[tuple[int, str]]]:
        """The same names keyed by :func:`loose_key` (sources aside: named exactly)."""
        if self._loose_ is None:
            loose: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
            for name, hits in self._names.items():
                loose[loose_key(name)] += [h for h in hits if not h[1].startswith(SRC)]
            self._loose_ = dict(loose)
        return self._loose_

    def _name_entities(self) -> dict[str, list[tuple[int, str]]]:
        names: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for e in self.entities.values():
            for label in e.labels.values():
                names[label.casefold()].append((0, e.iri))
            for alias in e.aliases:
                names[alias.casefold()].append((1, e.iri))
            names[local_name(e.iri).casefold()].append((2, e.iri))
        return dict(names)

    def subclasses(self, iri: str) -> set[str]:
        """The class and every class below it."""
        return self._subclasses.get(iri, {iri})

    def superclasses(self, iri: str) -> set[str]:
        """The class and every class above it."""
        return self._supers.get(iri, set()) | {iri}

    def is_a(self, entity: str, cls: str) -> bool:
        e = self.entities.get(entity)
        return bool(e and e.types & self.subclasses(cls))

    # -- name lookups --------------------------------------------------------

    def find_class(self, name: str) -> list[ClassInfo]:
        return [self.classes[i] for i in _lookup(self._by_name["class"], name)]

    def find_property(self, name: str) -> list[PropertyInfo]:
        return [self.properties[i] for i in _lookup(self._by_name["property"], name)]

    def find_entity(self, name: str, within: Iterable[str] | None = None, *,
                    loose: bool = False) -> list[Entity]:
        """Entities named ``name``: exact label → alias → local name, case-insensitively
        (``loose``: see :func:`loose_key`). Entities of the classes ``within`` win."""
        hits = (self._loose.get(loose_key(name), []) if loose
                else self._names.get(name.strip().casefold(), []))
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
        return _lookup(self._by_name["source"], name)  # a label wins over a local name

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
        key, size = name.casefold(), len(name)
        # only names whose length allows a ratio of 0.6 (a 5,000-character name has none)
        fits = [k for k in pool if 0.6 * (size + len(k)) <= 2 * min(size, len(k))]
        close = difflib.get_close_matches(key, fits, n=limit * 3, cutoff=0.6)
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


def _name_table(items: Iterable[tuple[str, tuple[Iterable[str], ...]]]) -> dict[str, list[tuple[int, str]]]:
    """casefolded spelling → (rank, IRI) for ``(IRI, spellings by rank)``, each IRI once
    per spelling at its best rank."""
    table: dict[str, dict[str, int]] = {}
    for iri, ranked in items:
        for rank, texts in enumerate(ranked):
            for text in texts:
                table.setdefault(text.casefold(), {}).setdefault(iri, rank)
    return {key: [(rank, iri) for iri, rank in hits.items()] for key, hits in table.items()}


def _lookup(table: dict[str, list[tuple[int, str]]], name: str) -> list[str]:
    """The IRIs named ``name`` (case-insensitively) at the best rank, sorted."""
    hits = table.get(name.strip().casefold())
    if not hits:
        return []
    best = min(r for r, _ in hits)
    return sorted(i for r, i in hits if r == best)


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


def _labels(props: dict[str, set], key: str = RDFS.label.value) -> dict[str, str]:  # type: ignore[type-arg]
    labels: dict[str, str] = {}
    for lit in sorted(props.get(key, []), key=lambda t: t.value):
        lang = getattr(lit, "language", None) or "en"
        labels.setdefault(lang, lit.value)
    return labels


def _values(props: dict[str, set], *keys: str) -> tuple[str, ...]:  # type: ignore[type-arg]
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
    functional = {r[0].value for r in _rows(store, _Q_FUNCTIONAL)}
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
            functional=iri in functional,
        )
    return out


def _embedded_entities(store: ox.Store) -> dict[str, Entity]:
    """`_read_entities` of an embedded store, straight from its index (no SPARQL)."""
    found: dict[str, tuple[set, set, set]] = {}  # type: ignore[type-arg]
    for slot, p in ((0, RDFS.label), (1, SKOS.altLabel), (1, SKOS.hiddenLabel), (2, RDF.type)):
        for q in store.quads_for_pattern(None, p, None, None):
            s, o = q.subject, q.object
            if isinstance(s, ox.NamedNode) and s.value.startswith((ENT, SRC)):
                sets = found.get(s.value) or found.setdefault(s.value, (set(), set(), set()))
                if slot == 0:
                    sets[0].add(o)
                elif isinstance(o, (ox.NamedNode, ox.Literal)):  # a blank node names nothing
                    sets[slot].add(o.value)
    return {iri: Entity(iri, _labels({RDFS.label.value: labels}), tuple(sorted(aliases)),
                        frozenset(types)) for iri, (labels, aliases, types) in found.items()}


def _read_entities(store: GraphStore) -> dict[str, Entity]:
    if isinstance(store, OxigraphStore):
        return _embedded_entities(store.store)
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
