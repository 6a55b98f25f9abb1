"""Sourced facts for ``check``: read them from the store, and record the why-chain.

Every fact knows the named graphs (the sources) that state it. A :class:`Chain`
collects the steps of one verdict: facts in words with their source labels in
brackets, rule steps (``⇒ …``), cautions and missing facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.compat.words import has, word
from kg.store import version_key
from kg.vocab import KG_NS, PREFIXES

if TYPE_CHECKING:
    from kg.executor import Context

__all__ = ["Fact", "Facts", "Step", "Chain"]

_RDF_TYPE = PREFIXES["rdf"] + "type"
_LABEL = PREFIXES["rdfs"] + "label"


@dataclass(frozen=True)
class Fact:
    """One triple (property as a local name of ``kg:``, or ``type``) and the graphs stating it."""

    s: str
    p: str
    o: str  #: an IRI, or a literal's text
    is_iri: bool
    graphs: tuple[str, ...]

    @property
    def prop_iri(self) -> str:
        return _RDF_TYPE if self.p == "type" else KG_NS + self.p

    def only(self, graph: str) -> Fact:
        return Fact(self.s, self.p, self.o, self.is_iri, (graph,))


class Facts:
    """Read access to the sourced facts, with names in one language."""

    def __init__(self, ctx: Context, lang: str) -> None:
        self.ctx, self.lang = ctx, lang
        self._cache: dict[tuple[str, str], list[Fact]] = {}
        self._sources: dict[str, str] | None = None

    def select(self, sparql: str) -> list[tuple[ox.NamedNode | ox.Literal, ...]]:
        _, rows = self.ctx.store.select(sparql)
        return rows  # type: ignore[return-value]

    def get(self, s: str, p: str) -> list[Fact]:
        """Every ``s kg:p ?o`` fact, one per object, sorted (versions as versions)."""
        key = (s, p)
        if key not in self._cache:
            prop = _RDF_TYPE if p == "type" else KG_NS + p
            rows = self.select(f"SELECT ?o ?g WHERE {{ GRAPH ?g {{ {ox.NamedNode(s)} "
                               f"{ox.NamedNode(prop)} ?o }} }}")
            graphs: dict[tuple[str, bool], set[str]] = {}
            for o, g in rows:
                graphs.setdefault((o.value, isinstance(o, ox.NamedNode)), set()).add(g.value)
            facts = [Fact(s, p, o, iri, tuple(sorted(gs))) for (o, iri), gs in graphs.items()]
            self._cache[key] = sorted(facts, key=self._order)
        return self._cache[key]

    def _order(self, fact: Fact) -> tuple[str, str]:
        if not fact.is_iri:
            return (version_key(fact.o), fact.o)
        if self.is_a(fact.o, "CudaVersion"):
            return (version_key(self.name(fact.o)), fact.o)
        return ("", fact.o)

    def objects(self, s: str, p: str) -> list[str]:
        return [f.o for f in self.get(s, p)]

    def is_a(self, iri: str, cls: str) -> bool:
        return self.ctx.onto.is_a(iri, KG_NS + cls)

    def version(self, iri: str) -> str | None:
        """The version number of a CUDA version or release, if a fact gives one."""
        numbers = self.objects(iri, "versionNumber")
        return numbers[0] if numbers else None

    def name(self, iri: str) -> str:
        """A CUDA version by its number, anything else by its label."""
        if self.is_a(iri, "CudaVersion"):
            number = self.version(iri)
            if number:
                return number
        return self.ctx.onto.label(iri, self.lang)

    def class_name(self, iri: str) -> str:
        cls = self.ctx.onto.class_of(iri)
        return self.ctx.onto.label(cls, self.lang) if cls else "entity"

    def source(self, graph: str) -> str:
        """The label of a source (the named graph), in the current language."""
        if self._sources is None:
            rows = self.select(f"SELECT ?g ?l WHERE {{ ?g a {ox.NamedNode(KG_NS + 'Source')} ; "
                               f"{ox.NamedNode(_LABEL)} ?l }}")
            best: dict[str, tuple[int, str]] = {}
            for g, lit in rows:
                lang = getattr(lit, "language", None)
                rank = 0 if lang == self.lang else 1 if lang == "en" else 2
                if g.value not in best or (rank, lit.value) < best[g.value]:
                    best[g.value] = (rank, lit.value)
            self._sources = {g: text for g, (_, text) in best.items()}
        return self._sources.get(graph) or graph.rsplit("/", 1)[-1]


@dataclass
class Step:
    """One line of the why-chain and the facts behind it."""

    kind: str  #: "fact", "rule", "caution" or "missing"
    text: str
    graphs: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()


@dataclass
class Chain:
    """The steps behind one verdict, in order, each line once."""

    fx: Facts
    steps: list[Step] = field(default_factory=list)

    def _add(self, step: Step) -> None:
        if all(s.text != step.text or s.graphs != step.graphs for s in self.steps):
            self.steps.append(step)

    def fact(self, facts: Iterable[Fact], key: str | None = None, *, caution: bool = False,
             **parts: str) -> None:
        """Word ``facts`` (one subject and property): one line per set of sources."""
        groups: dict[tuple[str, tuple[str, ...]], list[Fact]] = {}
        for f in facts:
            groups.setdefault((f.s, f.graphs), []).append(f)
        for (s, graphs), group in groups.items():
            objects = ", ".join(self.fx.name(f.o) if f.is_iri else f.o for f in group)
            name = key or group[0].p
            if len(group) > 1 and has(self.fx.lang, name + "+"):
                name += "+"
            text = word(self.fx.lang, name, s=self.fx.name(s), o=objects, **parts)
            if caution:
                text = word(self.fx.lang, "caution", text=text)
            self._add(Step("caution" if caution else "fact", text, graphs, tuple(group)))

    def say(self, key: str, facts: Iterable[Fact], **parts: str) -> None:
        """One fact line worded with explicit ``parts``, sourced by the union of its facts."""
        group = tuple(facts)
        graphs = tuple(sorted({g for f in group for g in f.graphs}))
        self._add(Step("fact", word(self.fx.lang, key, **parts), graphs, group))

    def rule(self, key: str, **parts: str) -> None:
        self._add(Step("rule", word(self.fx.lang, key, **parts)))

    def missing(self, key: str, **parts: str) -> None:
        self._add(Step("missing", word(self.fx.lang, key, **parts)))

    def extend(self, other: Chain) -> None:
        for step in other.steps:
            self._add(step)

    def sub(self) -> Chain:
        return Chain(self.fx)

    def lines(self) -> tuple[str, ...]:
        """Each step as text, facts with their sources in brackets."""
        out = []
        for step in self.steps:
            sources = "; ".join(self.fx.source(g) for g in step.graphs)
            out.append(f"{step.text} [{sources}]" if sources else step.text)
        return tuple(out)

    def structured(self) -> list[dict[str, str]]:
        """Each fact once per source: subject, property, object (IRI or text), graph."""
        out: list[dict[str, str]] = []
        for step in self.steps:
            for f in step.facts:
                for g in f.graphs:
                    record = {"subject": f.s, "property": f.prop_iri, "object": f.o, "graph": g}
                    if record not in out:
                        out.append(record)
        return out
