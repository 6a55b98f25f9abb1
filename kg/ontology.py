"""Classes, properties and entities, read from the graph itself.

Nothing here lists a class or property by name: a class added to the Turtle
becomes resolvable, checkable and completable with no code change.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import field

import pyoxigraph as ox

from kg.catalog import (
    ClassInfo,
    Entity,
    PropertyInfo,
    local_name,
    loose_key,
    read_classes,
    read_entities,
    read_named_many,
    read_properties,
    read_records,
    read_sources,
)
from kg.collector import kept
from kg.graphstore import GraphStore
from kg.hints import closest_names
from kg.i18n import word
from kg.records import record
from kg.store import OxigraphStore
from kg.vocab import KG, RDF, RDFS, SKOS, SRC, may_name_entity

#: RDF's own properties a fact may have (``describe`` lists them), by their words in
#: :data:`kg.i18n.WORDS`: not kg's ontology, which labels its own.
_STANDARD = {RDFS.label.value: "label property", RDF.type.value: "type property",
             SKOS.altLabel.value: "altLabel property"}

__all__ = ["ClassInfo", "PropertyInfo", "Entity", "Ontology", "local_name", "loose_key"]


MAX_RECORDS = 200_000  #: records :meth:`Ontology.prefetch` keeps before it starts afresh
_UNKNOWN = object()  #: not among the records read (None: read, and no entity)


@record(frozen=False)
class Ontology:
    """The schema and the entity names of a loaded graph."""

    classes: dict[str, ClassInfo]
    properties: dict[str, PropertyInfo]
    store: GraphStore  #: where :attr:`entities` are read from, when first used
    _sources: dict[str, dict[str, str]] | None = field(default=None, repr=False)
    _entities: dict[str, Entity] | None = field(default=None, repr=False)
    _counts: dict[str, int] | None = field(default=None, repr=False)
    _subclasses: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _supers: dict[str, set[str]] = field(default_factory=dict, repr=False)
    #: (classes, property, inverse) → whether an instance has it (:meth:`used_by`)
    _used: dict[tuple[frozenset[str], str, bool], bool] = field(default_factory=dict, repr=False)
    _pools: dict[tuple[str, frozenset[str], str], dict[str, str]] = field(  # :meth:`suggest`'s
        default_factory=dict, repr=False)
    _names_: dict[str, list[tuple[int, str]]] | None = field(default=None, repr=False)
    _loose_: dict[str, list[tuple[int, str]]] | None = field(default=None, repr=False)
    #: (casefolded ASCII name or its loose key, by local name, loose) → what :meth:`_named`
    #: read for it
    _named_: dict[tuple[str, bool, bool], dict[str, Entity]] = field(default_factory=dict, repr=False)
    #: the names the statement being checked may look up (:meth:`expecting`)
    _expected: frozenset[str] = field(default=frozenset(), repr=False)
    #: entity IRI → its record (None: the table has none), read by :meth:`prefetch` and
    #: :meth:`_named`, until the table is read
    _records_: dict[str, Entity | None] = field(default_factory=dict, repr=False)
    #: casefolded name → (rank, item) of classes / properties / sources (see `_lookup`)
    _by_name: dict[str, dict[str, list[tuple[int, str]]]] = field(default_factory=dict,
                                                                   repr=False)
    #: read names and records a few at a time on the embedded graph too, until something
    #: needs the table (a process that runs one statement: `kg query`, `kg run`, `kg export`)
    names_alone: bool = False

    @classmethod
    def from_store(cls, store: GraphStore, *, names_alone: bool = False) -> Ontology:
        classes = read_classes(store)
        self = cls(classes, read_properties(store, classes), store, names_alone=names_alone)
        self._index()
        return self

    @property
    def sources(self) -> dict[str, dict[str, str]]:
        """source IRI → its labels: read when first used (a statement that shows no
        source and names none does not wait for the page's 147)."""
        if self._sources is None:
            self._sources = kept(lambda: read_sources(self.store))
        return self._sources

    @property
    def entities(self) -> dict[str, Entity]:
        """Every entity and source, with its names and types: read when first used, so a
        statement that names none does not wait for it (1.2 s at 1M triples)."""
        if self._entities is None:
            self._entities = kept(lambda: read_entities(self.store))
        return self._entities

    @property
    def counts(self) -> dict[str, int]:
        """class IRI → its instances, those of its subclasses too."""
        if self._counts is None:
            counts = dict.fromkeys(self.classes, 0)  # one pass: per distinct set of types
            for types, n in Counter(e.types for e in self.entities.values()).items():
                for above in set().union(*(self._supers.get(t, ()) for t in types)):
                    counts[above] += n
            self._counts = counts
        return self._counts

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
        self._by_name = {  # the spellings by rank: name, label, alias (a source: label, name)
            kind: _name_table((i.iri, ((i.name,), i.labels.values(), i.aliases)) for i in items)
            for kind, items in (("class", self.classes.values()),
                                ("property", self.properties.values()))}

    @property
    def _names(self) -> dict[str, list[tuple[int, str]]]:
        """casefolded label / alias / local name → (rank, entity IRI); built when first used."""
        if self._names_ is None:
            self._names_ = kept(lambda: _name_entities(self.entities.values()))
        return self._names_

    @property
    def _loose(self) -> dict[str, list[tuple[int, str]]]:
        """The same names keyed by :func:`loose_key` (sources aside: named exactly)."""
        if self._loose_ is None:
            self._loose_ = kept(lambda: _loosely(self._names))
        return self._loose_

    def subclasses(self, iri: str) -> set[str]:
        """The class and every class below it."""
        return self._subclasses.get(iri, {iri})

    def superclasses(self, iri: str) -> set[str]:
        """The class and every class above it."""
        return self._supers.get(iri, set()) | {iri}

    def used_by(self, classes: Iterable[str], prop: str, inverse: bool = False) -> bool:
        """Has some entity of a class in ``classes`` (or below one) the property ``prop``
        (is it, with ``inverse``, the value of one)? The schema keeps apart classes the data
        joins: a compute cluster is managed compute and a training target, so a training
        target has `createdWith`, as `schema TrainingTarget` counts. Asked of the store
        once per question, only where the schema alone says no."""
        key = (frozenset(classes), prop, inverse)
        if key not in self._used:
            values = " ".join(sorted({str(ox.NamedNode(c)) for top in key[0]
                                      for c in self.subclasses(top)}))
            link = f"?o {ox.NamedNode(prop)} ?x" if inverse else f"?x {ox.NamedNode(prop)} ?o"
            self._used[key] = bool(self.store.select(  # (a class is its own subclass)
                f"SELECT ?x WHERE {{ VALUES ?a {{ {values} }} ?x <{RDF.type.value}> ?a . "
                f"{link} . }} LIMIT 1")[1])
        return self._used[key]

    @property
    def _reads_alone(self) -> bool:
        """Are names and records read a few at a time (over an endpoint, or with
        :attr:`names_alone`, before the table is read), not from the table (a session on
        the embedded graph has it at hand: 8 ms on the page, 1.2 s at 1M triples)?"""
        return self._entities is None and (self.names_alone
                                           or not isinstance(self.store, OxigraphStore))

    def record(self, iri: str) -> Entity | None:
        """An entity's names and types: from the table, or, before it is read, from what a
        name looked up alone or :meth:`prefetch` read (the same record)."""
        if self._entities is None:
            if not may_name_entity(iri):
                return None  # the table holds entities and sources only
            known = self._records_.get(iri, _UNKNOWN)  # one lookup: another session of this
            if known is not _UNKNOWN:  # ontology (a REPL's fork) may clear them meanwhile
                return known  # type: ignore[return-value]
        return self.entities.get(iri)

    def prefetch(self, iris: Iterable[str]) -> None:
        """Over an endpoint (or with :attr:`names_alone`), before the entity table is read,
        read the records of ``iris`` in a few queries (:func:`~kg.catalog.read_records`): a
        statement that labels or reasons over some entities then does not wait for the
        names of all (8 s at 4M triples). A session on the embedded graph reads its table."""
        if not self._reads_alone:
            return
        todo = {iri for iri in iris if may_name_entity(iri) and iri not in self._records_}
        if todo:
            found = read_records(self.store, todo)
            self._remember({iri: found.get(iri) for iri in todo})

    def _remember(self, records: dict[str, Entity | None]) -> None:
        """Keep ``records`` for :meth:`record` (afresh past :data:`MAX_RECORDS`)."""
        if len(self._records_) + len(records) > MAX_RECORDS:
            self._records_.clear()
        self._records_.update(records)

    def is_a(self, entity: str, cls: str) -> bool:
        e = self.record(entity)
        return e is not None and not e.types.isdisjoint(self._subclasses.get(cls, (cls,)))

    # -- name lookups --------------------------------------------------------

    def find_class(self, name: str) -> list[ClassInfo]:
        return [self.classes[i] for i in _lookup(self._by_name["class"], name)]

    def find_property(self, name: str) -> list[PropertyInfo]:
        return [self.properties[i] for i in _lookup(self._by_name["property"], name)]

    def find_entity(self, name: str, within: Iterable[str] | None = None, *,
                    loose: bool = False) -> list[Entity]:
        """Entities named ``name``: exact label → alias → local name, case-insensitively
        (``loose``: see :func:`loose_key`). Entities of the classes ``within`` win.

        Over an endpoint (or with :attr:`names_alone`), before the entity table is read, an
        ASCII name (or its loose key) is looked up alone (:meth:`_named`): a statement that
        names a few entities does not wait for the names of all (10 s to cross the network
        at 4M triples, 1.2 s to read on the embedded graph at 1M)."""
        key = loose_key(name) if loose else name.strip().casefold()
        wanted = set().union(*(self.subclasses(c) for c in within)) if within else None
        if not self._reads_alone or not key.isascii():
            return _best((self._loose if loose else self._names).get(key, []), self.entities,
                         wanted)[1]
        hits = _loose_table if loose else _name_entities
        records = self._named(key, by_local_name=False, loose=loose)
        rank, found = _best(hits(records.values()).get(key, []), records, wanted)
        if rank <= 1 and (wanted is None or any(e.types & wanted for e in found)):
            return found  # a label or alias: no local name of another entity can win
        records = {**records, **self._named(key, by_local_name=True, loose=loose)}
        return _best(hits(records.values()).get(key, []), records, wanted)[1]

    @contextmanager
    def expecting(self, names: Iterable[str]) -> Iterator[None]:
        """Inside the block, ``names`` (a statement's values) are expected: when one is
        looked up alone (:meth:`_named`), the others are read in the same query, not a
        query each. After it, a lookup reads its own name alone."""
        keys = (name.strip().casefold() for name in names) if self._reads_alone else ()
        self._expected = frozenset(key for key in keys if key and key.isascii())
        try:
            yield
        finally:
            self._expected = frozenset()

    def _named(self, key: str, *, by_local_name: bool, loose: bool) -> dict[str, Entity]:
        """:func:`~kg.catalog.read_named`, once per name; with the names the statement
        may look up next (:meth:`expecting`) that are not read yet, in the same query."""
        found = self._named_.get((key, by_local_name, loose))
        if found is None:
            keys = {key} if loose else {key} | {
                k for k in self._expected if (k, by_local_name, False) not in self._named_}
            if len(self._named_) + len(keys) > 64:
                self._named_.clear()
            many = read_named_many(self.store, keys, by_local_name=by_local_name, loose=loose)
            for k, records in many.items():
                self._named_[(k, by_local_name, loose)] = records
                self._remember(dict(records))  # the records :meth:`record` serves
            found = many[key]
        return found

    def find_source(self, name: str) -> list[str]:
        """Sources (named graphs) named ``name``: by a label in any language, or local name."""
        if "source" not in self._by_name:
            self._by_name["source"] = _name_table((s, ((), labels.values(), (local_name(s),)))
                                                  for s, labels in self.sources.items())
        return _lookup(self._by_name["source"], name)  # a label wins over a local name

    def suggest(self, name: str, *, kinds: str = "cpe", limit: int = 3,
                within: frozenset[str] = frozenset(), lang: str = "en") -> list[str]:
        """Names close to ``name`` among classes (c), properties (p) and entities (e), these
        of the classes ``within`` alone where given (a feature: no target, no series); an
        entity by its name in ``lang``."""
        key = (kinds, within, lang)  # (the pool read every entity each time: hunt125 F5)
        if key not in self._pools:
            self._pools[key] = self._pool(kinds, within, lang)
        return closest_names(name, self._pools[key], limit)

    def _pool(self, kinds: str, within: frozenset[str], lang: str) -> dict[str, str]:
        """:meth:`suggest`'s spellings (casefolded) → the name each suggests."""
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
                if e.iri.startswith(SRC) or (within and not any(self.is_a(e.iri, c)
                                                                 for c in within)):
                    continue  # sources and documents: named exactly, never guessed
                for n in (*e.labels.values(), *e.aliases):
                    pool.setdefault(n.casefold(), e.label(lang))
        return pool

    def label(self, iri: str, lang: str = "en") -> str:
        if self._entities is not None:  # the common case: an entity, the table read
            e = self._entities.get(iri)
            if e is not None:
                return e.label(lang)
        info = self.classes.get(iri) or self.properties.get(iri)  # without the entity table
        if info is not None:
            return info.labels.get(lang) or info.labels.get("en") or info.name
        e = self.record(iri)
        if e is not None:
            return e.label(lang)
        return word(_STANDARD[iri], lang) if iri in _STANDARD else local_name(iri)

    def class_of(self, entity: str) -> str | None:
        """The most specific ontology class of an entity (for display)."""
        e = self.record(entity)
        if not e:
            return None
        known = [t for t in e.types if t in self.classes]
        known.sort(key=lambda t: (-len(self.superclasses(t)), t))
        return known[0] if known else None


def _name_entities(entities: Iterable[Entity]) -> dict[str, list[tuple[int, str]]]:
    """casefolded label / alias / local name → (rank, entity IRI) for ``entities``."""
    names: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for e in entities:
        iri = e.iri
        for label in e.labels.values():
            names[label.casefold()].append((0, iri))
        for alias in e.aliases:
            names[alias.casefold()].append((1, iri))
        names[local_name(iri).casefold()].append((2, iri))
    return dict(names)


def _loosely(names: dict[str, list[tuple[int, str]]]) -> dict[str, list[tuple[int, str]]]:
    """:func:`_name_entities` keyed by :func:`loose_key` (sources aside: named exactly)."""
    loose: defaultdict[str, list[tuple[int, str]]] = defaultdict(list)
    for name, hits in names.items():
        loose[loose_key(name)] += [h for h in hits if not h[1].startswith(SRC)]
    return dict(loose)


def _loose_table(entities: Iterable[Entity]) -> dict[str, list[tuple[int, str]]]:
    return _loosely(_name_entities(entities))


def _best(hits: list[tuple[int, str]], records: dict[str, Entity],
          wanted: set[str] | None) -> tuple[int, list[Entity]]:
    """The entities of ``hits`` (rank, IRI) at the best rank, those of the ``wanted``
    classes first if any, sorted by IRI; and that rank (3: none)."""
    if wanted:
        hits = [h for h in hits if records[h[1]].types & wanted] or hits
    if not hits:
        return 3, []
    best = min(rank for rank, _ in hits)
    return best, [records[i] for i in sorted({iri for rank, iri in hits if rank == best})]


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
    """The IRIs named ``name`` (case-insensitively) at the best rank: kg's own terms first,
    then by IRI (a data file's `schema:category` or `lab:VMSeries` sorted before kg's, and
    took its name: hunt124 F1)."""
    hits = table.get(name.strip().casefold())
    if not hits:
        return []
    best = min(r for r, _ in hits)
    return sorted((i for r, i in hits if r == best), key=lambda i: (not KG.owns(i), i))
