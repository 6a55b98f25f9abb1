"""Sourced facts: read triples with the named graphs (sources) that state them.

One query layer for everything that reasons over facts (``check``) or shows them
with their sources. Reads are cached per :class:`Facts` (one per session and language:
:meth:`Facts.of`), and :meth:`Facts.preload`
fetches the facts of many entities, and of what they link to, in one query per
level: a statement costs a bounded number of round trips, not one per row.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from kg.catalog import RECORDS_PER_QUERY, in_values, named_term
from kg.context import Context
from kg.evidence import Fact
from kg.i18n import word
from kg.literals import LiteralKind, is_literal, version_key
from kg.vocab import KG, RDF

__all__ = ["Facts", "Fact", "MAX_FACTS"]

Key = tuple[str, str]

#: Facts and rule results one session's :class:`Facts` keeps (per language) before it
#: starts afresh, so a long session over a big graph stays bounded.
MAX_FACTS = 200_000
#: The subjects one preload query names in its VALUES, as many as a query of records
#: (Virtuoso 7 refused one list of 5,833: hunt46 #3).
SUBJECTS_PER_QUERY = RECORDS_PER_QUERY


#: Up to this many subjects, a preload reads every property of them and keeps the wanted
#: ones itself; for more, its query names the wanted ones (their other facts would be many).
FEW_SUBJECTS = 8


@functools.lru_cache(maxsize=8)
def _only(wanted: frozenset[str]) -> str:
    """The FILTER that keeps the properties ``wanted``."""
    return f" FILTER(?p IN ({', '.join(str(ox.NamedNode(p)) for p in sorted(wanted))}))"


class Facts:
    """Read access to the sourced facts, with names in one language.

    A session keeps one per language (:meth:`of`), and statements use it in turn. A
    statement the REPL abandons (Ctrl-C) stops at its next Python step, wherever that is:
    every entry is written whole, and a subject counts as read only once all its facts are.
    """

    def __init__(self, ctx: Context, lang: str) -> None:
        self.ctx, self.lang = ctx, lang
        self._cache: dict[Key, list[Fact]] = {}
        self._sorted: set[Key] = set()  #: cache entries already in order
        #: subjects whose facts are in the cache: of every property (None) or of these
        self._loaded: dict[str, frozenset[str] | None] = {}
        self._with_any: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}
        #: results of rules computed once per session (``kg.compat``'s windows, verdicts …)
        self.memo: dict[tuple[object, ...], object] = {}
        self._names: dict[str, str] = {}  #: :meth:`name` of each entity asked for
        self._is_a: dict[tuple[str, str], bool] = {}  #: :meth:`is_a`, each question asked
        #: feature → target → its qualifiers (:meth:`qualifiers`)
        self._qualified: dict[str, dict[str, list[Fact]]] = {}

    @classmethod
    def of(cls, ctx: Context, lang: str) -> Facts:
        """The session's facts with names in ``lang``: read once per session (the store does
        not change under a context; loading data makes a new one), afresh past
        :data:`MAX_FACTS` facts and rule results."""
        key = (cls, lang)
        fx = ctx.kept.get(key)
        if not isinstance(fx, Facts) or fx.size() > MAX_FACTS:
            fx = ctx.kept[key] = cls(ctx, lang)
        return fx

    def size(self) -> int:
        """How many facts (by subject and property) and rule results this reader keeps."""
        return len(self._cache) + len(self.memo) + len(self._names) + len(self._is_a)

    def _covers(self, s: str, props: frozenset[str] | None) -> bool:
        """Are ``s``'s facts of ``props`` (None: of every property) all in the cache?"""
        if s not in self._loaded:
            return False
        done = self._loaded[s]
        return done is None or (props is not None and props <= done)

    # --- reading ------------------------------------------------------------------

    def get(self, s: str, p: ox.NamedNode) -> list[Fact]:
        """Every ``s p ?o`` fact, one per object, sorted (versions as versions)."""
        key = (s, p.value)
        if key not in self._cache:
            if self._covers(s, frozenset((p.value,))):
                return []
            subject = named_term(s)
            if subject is None:  # a blank node: SPARQL cannot name it (it was exit 70 for a
                return []  # whole `check with` stage: hunt55 F1); its facts are not read
            _, rows = self.ctx.store.select_named(
                f"SELECT ?o ?g WHERE {{ GRAPH ?g {{ {subject} {p} ?o }} }}")
            self._store(s, p.value, [(o, g) for o, g in rows])  # type: ignore[misc]
        facts = self._cache.get(key, [])
        if key not in self._sorted:  # sorted as a copy, then put in place whole: a list
            facts = sorted(facts, key=self._order)  # sorted in place looks empty meanwhile
            self._cache[key] = facts
            self._sorted.add(key)
        return facts

    def preload(self, subjects: Iterable[str], depth: int = 1,
                props: Iterable[ox.NamedNode] | None = None) -> None:
        """Fetch every fact of ``subjects`` (and, ``depth`` levels on, of the entities they
        link to) in one query per level; with ``props``, only the facts of those properties
        (any other is read when asked for)."""
        wanted = frozenset(p.value for p in props) if props is not None else None
        todo = sorted({s for s in subjects if s and not self._covers(s, wanted)})
        for _ in range(depth):
            if not todo:
                return
            grouped: dict[tuple[Any, Any], list[tuple[Any, Any]]] = {}
            for part, values in in_values(todo, SUBJECTS_PER_QUERY):
                if not values:
                    continue
                # a few subjects: every property, the wanted ones kept here (a FILTER naming
                # them took longer to parse than their other rows take to read)
                only = _only(wanted) if wanted is not None and len(part) > FEW_SUBJECTS else ""
                _, rows = self.ctx.store.select_named(
                    f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {values} }} "
                    f"GRAPH ?g {{ ?s ?p ?o }}{only} }}")
                for row in rows:  # grouped by the terms: the text of each is read once
                    if wanted is None or getattr(row[1], "value", None) in wanted:
                        grouped.setdefault((row[0], row[1]), []).append((row[2], row[3]))
            for (subject, prop), pairs in grouped.items():
                self._store(subject.value, prop.value, pairs)
            for s in todo:
                done = self._loaded.get(s, frozenset())
                self._loaded[s] = None if wanted is None or done is None else done | wanted
            named, typed = ox.NamedNode, RDF.type
            linked = {o.value for (_, p), pairs in grouped.items() if p != typed
                      for o, _ in pairs if o.__class__ is named}
            self.ctx.onto.prefetch([*todo, *linked])  # over an endpoint: their names and types
            todo = sorted(s for s in linked if not self._covers(s, wanted))

    def _store(self, s: str, p: str, pairs: list[tuple[ox.NamedNode | ox.Literal, ox.NamedNode]]) -> None:
        """Cache the facts ``s p o`` with their graphs; a superseded source states nothing."""
        superseded = self.ctx.superseded()
        self._sorted.discard((s, p))  # first: an abandoned statement (Ctrl-C) may stop anywhere
        if len(pairs) == 1:  # most facts: one object from one source
            (o, g), = pairs
            self._cache[(s, p)] = [] if g in superseded else [Fact(s, p, o, (g.value,))]
        else:
            graphs: dict[ox.NamedNode | ox.Literal, set[str]] = {}
            for o, g in pairs:
                if g not in superseded:
                    graphs.setdefault(o, set()).add(g.value)
            self._cache[(s, p)] = [Fact(s, p, o, tuple(sorted(gs))) for o, gs in graphs.items()]

    def _order(self, fact: Fact) -> tuple[str, str]:
        if not fact.is_iri:
            return (version_key(fact.o), fact.o)
        if self.is_a(fact.o, KG.CudaVersion):
            return (version_key(self.name(fact.o)), fact.o)
        return ("", fact.o)

    def objects(self, s: str, p: ox.NamedNode) -> list[str]:
        return [f.o for f in self.get(s, p)]

    def qualifiers(self, target: str, feature: str) -> list[Fact]:
        """The qualifier of a support cell (``kg:QualifiedSupport``), in the current language;
        those of every target with ``feature`` are read in one query, once per session (a
        `check with` asks for each row)."""
        by_target = self._qualified.get(feature)
        if by_target is None:
            _, rows = self.ctx.store.select_named(
                f"SELECT ?t ?q ?text ?g WHERE {{ GRAPH ?g {{ ?q {KG.target} ?t ; "
                f"{KG.feature} {ox.NamedNode(feature)} ; {KG.qualifier} ?text }} }}")
            grouped: dict[str, list[tuple[Any, Any, Any]]] = {}
            for t, q, text, g in rows:
                grouped.setdefault(t.value, []).append((q, text, g))  # type: ignore[union-attr]
            by_target = self._qualified[feature] = {t: self._best_qualifiers(found)
                                                    for t, found in grouped.items()}
        return by_target.get(target, [])

    def _best_qualifiers(self, rows: list[tuple[Any, Any, Any]]) -> list[Fact]:
        """Each qualified support's text in the current language (else English, else any),
        with every source that states it (in whatever order the engine answers)."""
        graphs: dict[tuple[str, Any], set[str]] = {}
        for q, text, g in rows:
            graphs.setdefault((q.value, text), set()).add(g.value)
        best: dict[str, tuple[int, Fact]] = {}
        for (q, text), sources in graphs.items():
            lang = getattr(text, "language", None)
            rank = 0 if lang == self.lang else 1 if lang in ("en", None) else 2
            fact = Fact(q, KG.qualifier.value, text, tuple(sorted(sources)))
            if q not in best or (rank, fact.o) < (best[q][0], best[q][1].o):
                best[q] = (rank, fact)
        return [fact for _, fact in sorted(best.values(), key=lambda pair: pair[1].s)]

    def objects_with_any(self, p: ox.NamedNode, props: tuple[ox.NamedNode, ...]) -> frozenset[str]:
        """Every ``o`` of ``?s p o`` whose subject has a fact of any of ``props`` (one query
        per ``p`` and ``props`` and session)."""
        key = (p.value, tuple(q.value for q in props))
        if key not in self._with_any:
            union = " UNION ".join(f"{{ ?s {q} ?x }}" for q in props)
            _, rows = self.ctx.store.select(
                f"SELECT DISTINCT ?o WHERE {{ ?s {p} ?o . {union} }}")
            self._with_any[key] = frozenset(r[0].value for r in rows)  # type: ignore[union-attr]
        return self._with_any[key]

    def stated_in(self, p: ox.NamedNode, o: str) -> frozenset[str]:
        """The sources (named graphs) where some subject has ``?s p o``: one query per
        ``p`` and ``o`` and session."""
        key = ("stated in", p.value, o)
        found = self.memo.get(key)
        if found is None:
            term = named_term(o)
            rows = [] if term is None else self.ctx.store.select_named(  # (a blank node)
                f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s {p} {term} }} }}")[1]
            found = self.memo[key] = frozenset(r[0].value for r in rows if r[0] is not None)
        return found  # type: ignore[return-value]

    # --- names ----------------------------------------------------------------------

    def is_a(self, iri: str, cls: ox.NamedNode) -> bool:
        """Is ``iri`` an instance of ``cls`` or a class below it? (Once per session.)"""
        key = (iri, cls.value)
        found = self._is_a.get(key)
        if found is None:
            found = self._is_a[key] = self.ctx.onto.is_a(iri, cls.value)
        return found

    def types(self, iri: str) -> list[Fact]:
        return self.get(iri, RDF.type)

    def number(self, iri: str) -> str | None:
        """The version number of a CUDA version or release, where its facts give exactly
        one (none where they give several: a number its sources dispute is no number)."""
        numbers = list(dict.fromkeys(self.objects(iri, KG.versionNumber)))
        if not numbers or not all(is_literal(LiteralKind.VERSION, n) for n in numbers):
            return None  # `latest`, `sm_120`, `12.x` read as 0, 120, 12.0 (hunt55 F3)
        if len({version_key(n) for n in numbers}) > 1:
            return None
        return min(numbers, key=len)  # 12.1 and 12.1.0 are one number (hunt55 F4)

    def name(self, iri: str) -> str:
        """A CUDA version by its number (the templates say "CUDA {o}"), anything else by
        its label (once per session). A CUDA version without one number of its own goes
        by its label, less a leading "CUDA": a number its sources dispute is no name."""
        found = self._names.get(iri)
        if found is None and named_term(iri) is None:  # a blank node: no name to read, its
            found = self._names[iri] = word("an entity without an IRI", self.lang)  # id is
            # the engine's, another each run
        if found is None:
            label = self.ctx.onto.label(iri, self.lang)
            if self.is_a(iri, KG.CudaVersion):
                label = self.number(iri) or label.removeprefix("CUDA ")
            found = self._names[iri] = label
        return found

    def class_name(self, iri: str) -> str:
        cls = self.ctx.onto.class_of(iri)
        return self.ctx.onto.label(cls, self.lang) if cls else "entity"

    def source(self, graph: str) -> str:
        """The label of a source (the named graph), in the current language."""
        return self.ctx.source_label(graph, self.lang)
