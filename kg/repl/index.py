"""The names the completer offers, computed once per loaded graph.

Completion runs on every keystroke, so everything that needs the whole graph
(casefolded names, instance and fact counts, the properties each class has)
is computed here once, when a graph is loaded, and looked up afterwards.

The menu speaks one language: the session's labels (and untagged aliases, and
class names), never the labels and aliases of the other languages, and its own words in
that language too (:mod:`kg.repl.words`).
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import cached_property

from kg.checked import ENTITY, STRING, Kind, KindTag
from kg.collector import kept
from kg.graphstore import GraphStore
from kg.kinds import applicable, entity_kind, kind_of
from kg.literals import natural_key
from kg.ontology import Entity, Ontology, PropertyInfo
from kg.parser import quote_name
from kg.records import record
from kg.repl.words import counted, menu
from kg.vocab import RDF, SKOS

__all__ = ["Name", "NameList", "NameIndex", "quote_name"]



#: Facts per entity, out and in (each triple once, whatever graphs state it).
_FACTS = f"""SELECT ?x (COUNT(*) AS ?n) WHERE {{
  {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER(?p != {RDF.type}) }} }}
  VALUES ?side {{ 1 2 }}
  BIND(IF(?side = 1, ?s, ?o) AS ?x)
  FILTER(isIRI(?x))
}} GROUP BY ?x"""
#: Subjects per property and class.
_USAGE = f"""SELECT ?p ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  ?s ?p ?o . ?s {RDF.type} ?c
}} GROUP BY ?p ?c"""
#: Values per property and the value's class (the entities a path ``^p`` reaches from).
_VALUED = f"""SELECT ?p ?c (COUNT(DISTINCT ?o) AS ?n) WHERE {{
  ?s ?p ?o . ?o {RDF.type} ?c
}} GROUP BY ?p ?c"""
#: Subjects per property.
_USERS = "SELECT ?p (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p"
#: Aliases with a language tag, and that tag (untagged aliases are every language's).
_TAGGED = f"""SELECT DISTINCT ?s ?l (LANG(?l) AS ?lang) WHERE {{
  ?s {SKOS.altLabel}|{SKOS.hiddenLabel} ?l FILTER(LANG(?l) != "")
}}"""


@record
class Name:
    """One spelling of a class, property or entity, ready to match and insert."""

    text: str  #: what is inserted (quoted when needed)
    fold: str  #: the casefolded, unquoted spelling that is matched
    meta: str  #: what it is, shown next to the candidate
    key: str  #: the IRI of the thing it names (one candidate per thing)
    primary: bool = True  #: the main label (offered when nothing is typed yet)


class NameList(list[Name]):
    """Names in menu order that find the ones containing a text without a Python loop over
    them all: every spelling in one string, searched with ``str.find``."""

    _text: str | None = None
    _starts: list[int]

    def matching(self, folded: str, anywhere: bool) -> Iterator[tuple[int, Name]]:
        """(position, name) of the names whose spelling starts with ``folded`` (or, with
        ``anywhere``, contains it), in order."""
        if self._text is None:
            self._starts, at = [], 1
            for n in self:
                self._starts.append(at)
                at += len(n.fold) + 1
            joined = "\x00".join(n.fold for n in self)
            # a name holding NUL itself would shift the positions: such a list is scanned
            self._text = "" if joined.count("\x00") != max(len(self) - 1, 0) else "\x00" + joined
        if not self._text:
            yield from enumerate(self)  # the caller tests each name
            return
        text, needle = self._text, folded if anywhere else "\x00" + folded
        last, at = -1, text.find(needle)
        while at >= 0:
            i = bisect.bisect_right(self._starts, at if anywhere else at + 1) - 1
            if i != last:
                yield i, self[i]
                last = i
            at = text.find(needle, at + 1)


class NameIndex:
    """Casefolded names and counts of one :class:`Ontology`, for fast lookups."""

    def __init__(self, onto: Ontology, store: GraphStore | None = None, lang: str = "en") -> None:
        self.onto = onto
        self.lang = lang
        self._applicable: dict[tuple[frozenset[str], bool], list[PropertyInfo]] = {}
        self._entities_of: dict[frozenset[str], list[Name]] = {}
        #: every entity in name order, each with its spellings: made once, then each class's
        #: list picks from it (each sorted every entity and made its names anew: 2.4 s at
        #: 1M triples for the first `check `, hunt125 F6)
        self._ordered: list[tuple[Entity, list[Name]]] | None = None
        self._overlap: dict[frozenset[str], frozenset[str]] = {}
        self._props_of: dict[tuple[frozenset[str], bool], list[Name]] = {}
        self.facts: Counter[str] = Counter()  #: entity IRI → facts about it (in and out)
        self.usage: dict[str, Counter[str]] = defaultdict(Counter)  #: property → class → users
        #: property → class → entities of it that are a value of the property
        self.valued: dict[str, Counter[str]] = defaultdict(Counter)
        self.users: Counter[str] = Counter()  #: property → subjects with it
        #: IRI → aliases tagged with another language than ``lang`` only
        self.foreign: dict[str, set[str]] = defaultdict(set)
        if store is not None:
            self._count(store)

    def _count(self, store: GraphStore) -> None:
        """Five aggregate queries (no walk over the quads in Python)."""
        _, rows = store.select(_FACTS)
        self.facts.update({x.value: int(n.value) for x, n in rows})  # type: ignore[union-attr]
        _, rows = store.select(_USAGE)
        for p, c, n in rows:
            self.usage[p.value][c.value] = int(n.value)  # type: ignore[union-attr]
        _, rows = store.select(_VALUED)
        for p, c, n in rows:
            self.valued[p.value][c.value] = int(n.value)  # type: ignore[union-attr]
        _, rows = store.select(_USERS)
        self.users.update({p.value: int(n.value) for p, n in rows})  # type: ignore[union-attr]
        _, rows = store.select(_TAGGED)
        own: set[tuple[str, str]] = set()
        for subject, alias, tag in rows:
            key = (subject.value, alias.value)  # type: ignore[union-attr]
            if tag.value.split("-")[0].lower() == self.lang:  # type: ignore[union-attr]
                own.add(key)
            else:
                self.foreign[key[0]].add(key[1])
        for iri, text in own:
            self.foreign[iri].discard(text)

    def spellings(self, iri: str, labels: dict[str, str], aliases: tuple[str, ...]) -> list[str]:
        """The session language's label and the aliases not tagged with another language."""
        foreign = self.foreign.get(iri, set())
        own = [labels[self.lang]] if self.lang in labels else []
        return own + [a for a in aliases if a not in foreign]

    # -- classes -------------------------------------------------------------

    @cached_property
    def classes(self) -> list[Name]:
        out = []
        for c in sorted(self.onto.classes.values(), key=lambda c: c.name.casefold()):
            count = self.onto.counts.get(c.iri, 0)
            meta = (f"{menu('class', self.lang)} · "
                    f"{counted(count, 'instance', 'instances', self.lang)}")
            out.append(Name(quote_name(c.name), c.name.casefold(), meta, c.iri))  # (`Kühler`
            # went in bare, and did not parse: hunt124 F8)
            for alias in self.spellings(c.iri, c.labels, c.aliases):
                if alias.casefold() != c.name.casefold():
                    out.append(Name(quote_name(alias), alias.casefold(), f"{meta} = {c.name}",
                                    c.iri, primary=False))
        return out

    def overlapping(self, classes: frozenset[str]) -> frozenset[str]:
        """The classes an instance of ``classes`` (or of a class below them) has too, and
        theirs above and below: what `where is` may keep of such rows; every class where
        ``classes`` is empty (rows of no known class)."""
        if not classes:
            return frozenset()
        if classes not in self._overlap:
            below = set().union(*(self.onto.subclasses(c) for c in classes))
            types = {t for e in self.onto.entities.values() if e.types & below for t in e.types}
            self._overlap[classes] = frozenset(below | types | {
                s for t in types for s in self.onto.superclasses(t)})
        return self._overlap[classes]

    @cached_property
    def sources(self) -> list[Name]:
        """Sources by label (in the session's language), as the docs and saved queries name
        them (`from "CUDA table"`: only local names were offered, hunt117 F4), in natural
        order; the local name as another spelling."""
        out = []
        named = sorted(((labels.get(self.lang) or labels.get("en") or iri.rsplit("/", 1)[-1], iri)
                        for iri, labels in self.onto.sources.items()),
                       key=lambda pair: (natural_key(pair[0]), pair[1]))
        for label, iri in named:
            local = iri.rsplit("/", 1)[-1]
            meta = menu("source", self.lang, label=label)
            out.append(Name(quote_name(label), label.casefold(), meta, iri))
            if local.casefold() != label.casefold():  # a file's `h.ttl`, quoted (hunt98 F1)
                out.append(Name(quote_name(local), local.casefold(), meta, iri, primary=False))
        return out

    # -- entities ------------------------------------------------------------

    def entities(self, classes: frozenset[str] = frozenset()) -> list[Name]:
        """Every spelling of the entities of ``classes`` (all entities when empty)."""
        if classes not in self._entities_of:
            self._entities_of[classes] = kept(lambda: self._names_of(classes))
        return self._entities_of[classes]

    def _names_of(self, classes: frozenset[str]) -> NameList:
        wanted = set().union(*(self.onto.subclasses(c) for c in classes)) if classes else None
        if self._ordered is None:
            ordered = sorted(self.onto.entities.values(),  # CUDA 9.0 before CUDA 13.0, as
                             key=lambda e: natural_key(e.label(self.lang)))  # `sort` (hunt98 F5)
            self._ordered = [(e, self._entity_names(e)) for e in ordered]
        names: list[Name] = []
        for e, spelt in self._ordered:
            if wanted is None or e.types & wanted:
                names.extend(spelt)
        owners: dict[str, set[str]] = defaultdict(set)
        for n in names:
            owners[n.fold].add(n.key)
        return NameList(n for n in names  # an alias two of them share names neither: the
                        if n.primary or len(owners[n.fold]) == 1)  # checker's error (`A100`)

    def _entity_names(self, e: Entity) -> list[Name]:
        cls = self.onto.class_of(e.iri)
        meta = (menu("entity of", self.lang, owner=self.onto.label(cls, self.lang)) if cls
                else menu("entity of no class", self.lang))
        facts = self.facts.get(e.iri, 0)
        if facts:
            meta += f" · {counted(facts, 'fact', 'facts', self.lang)}"
        label = e.label(self.lang)
        out = [Name(quote_name(label), label.casefold(), meta, e.iri)]
        seen = {label.casefold()}
        for other in self.spellings(e.iri, e.labels, e.aliases):
            if other.casefold() not in seen:
                seen.add(other.casefold())
                out.append(Name(quote_name(other), other.casefold(), f"{meta} = {label}", e.iri,
                                primary=False))
        return out

    # -- properties and paths -------------------------------------------------

    def applicable(self, kind: Kind, inverse: bool = False) -> list[PropertyInfo]:
        """The properties a path reaching ``kind`` can take next (the checker's rule)."""
        key = (kind.classes, inverse)
        if key not in self._applicable:
            found = applicable(self.onto, kind, inverse)
            if kind.classes:  # and those its instances have (or are values of), the schema aside
                wanted = set().union(*(self.onto.subclasses(c) for c in kind.classes))
                counts = self.valued if inverse else self.usage
                found += [p for p in self.onto.properties.values() if p not in found
                          and any(counts.get(p.iri, Counter())[c] for c in wanted)]
            self._applicable[key] = found
        return self._applicable[key]

    def properties(self, kind: Kind, inverse: bool = False, to_entities: bool = False) -> list[Name]:
        """Property names for a path at ``kind``, most used by its instances first; with
        ``to_entities``, those alone whose values are entities (what `follow` takes)."""
        key = (kind.classes, inverse)
        if key not in self._props_of:
            self._props_of[key] = self._property_names(kind, inverse)
        found = self._props_of[key]
        if to_entities:
            props = self.onto.properties
            return [n for n in found if n.key in props
                    and kind_of(self.onto, props[n.key], inverse).is_entity]
        return found

    def _property_names(self, kind: Kind, inverse: bool) -> list[Name]:
        wanted = set().union(*(self.onto.subclasses(c) for c in kind.classes)) \
            if kind.classes else set()
        rows = []
        for p in self.applicable(kind, inverse):
            counts = self.usage.get(p.iri, Counter())
            used = sum(counts[c] for c in wanted)
            if inverse:
                used = self.users.get(p.iri, 0)
            target = p.domains if inverse else p.ranges
            to = ", ".join(self.onto.label(t, self.lang) for t in target if t in self.onto.classes)
            meta = (menu("property", self.lang) + (f" → {to}" if to else "")
                    + (f" · {menu('with it', self.lang, count=used)}" if used else ""))
            rows.append((-used, p.name.casefold(), 0, Name(quote_name(p.name), p.name.casefold(), meta,
                                                           p.iri)))
            rows += [(-used, p.name.casefold(), 1, Name(quote_name(other), other.casefold(),  # its
                      f"{meta} = {p.name}", p.iri, primary=False))  # labels too, as a class's
                     for other in self.spellings(p.iri, p.labels, p.aliases)  # (`Kategorie`:
                     if other.casefold() != p.name.casefold()]  # hunt117 F6)
        if not inverse and not any(r[3].fold == "name" for r in rows):
            rows.append((0, "name", 0, Name("name", "name", menu("the label", self.lang), "name")))
        return [r[3] for r in sorted(rows, key=lambda r: (r[0], r[1], r[2]))]

    def start(self, name: str) -> Kind:
        """What a query source named ``name`` stands for (a class, or an entity's classes)."""
        found = self.onto.find_class(name)
        if found:
            return Kind(KindTag.ENTITY, frozenset({found[0].iri}))
        entities = self.onto.find_entity(name) or self.onto.find_entity(name, loose=True)
        if len(entities) == 1:  # (loosely too, as the checker: `check "nd h100 v5" with`
            return entity_kind(self.onto, entities[0])  # was offered every partner: hunt117 F1)
        return ENTITY

    def step(self, kind: Kind, name: str, inverse: bool = False) -> Kind:
        """Where one path step leads; unknown steps lead anywhere (every property fits)."""
        if name.casefold() == "name" and not inverse:
            return STRING
        found = self.onto.find_property(name)
        if not found:
            return ENTITY
        return kind_of(self.onto, found[0], inverse)

    @cached_property
    def features(self) -> frozenset[str]:
        """The classes ``supports`` links to: what `supports FEATURE` accepts."""
        found = self.onto.find_property("supports")
        return frozenset(found[0].ranges) if found else frozenset()

    @cached_property
    def _kinds(self) -> dict[str, frozenset[str]]:
        kinds: dict[str, set[str]] = {}
        for e in self.onto.entities.values():
            for n in (*e.labels.values(), *e.aliases):
                kinds.setdefault(n.casefold(), set()).add("entity")
        for p in self.onto.properties.values():
            for n in (p.name, *p.labels.values(), *p.aliases):
                kinds.setdefault(n.casefold(), set()).add("property")
        for c in self.onto.classes.values():
            for n in (c.name, *c.labels.values(), *c.aliases):
                kinds.setdefault(n.casefold(), set()).add("class")
        kinds.setdefault("name", {"property"})
        return {n: frozenset(k) for n, k in kinds.items()}

    def kinds_of_name(self, text: str) -> frozenset[str]:
        """What a name names (``"class"``, ``"property"``, ``"entity"``; several where
        one name is, say, a class and a property): for highlighting."""
        return self._kinds.get(text.casefold(), frozenset())
