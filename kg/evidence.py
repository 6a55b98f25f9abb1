"""Evidence: sourced facts and the steps of a why-chain, as plain frozen values.

A :class:`Fact` is one triple with the named graphs (sources) that state it; a
:class:`Step` is one line of a verdict's why; :class:`Evidence` is the steps of one
verdict with every fact behind them. ``check`` produces them, results carry them,
and the exporters write the facts (with their sources) as RDF and diagrams.
"""

from __future__ import annotations

import functools
from enum import StrEnum

import pyoxigraph as ox

from kg.records import record

__all__ = ["Fact", "Step", "StepKind", "Evidence", "Firmness", "NO_FACTS"]

Object = ox.NamedNode | ox.Literal
NO_FACTS = "none"  #: the confidence of a verdict that rests on no fact


@record
class Fact:
    """One triple and the graphs (sources) stating it; ``o`` is the object's IRI or text."""

    s: str
    p: str  #: the property's IRI
    term: Object  #: the object as a graph term
    graphs: tuple[str, ...]

    @property
    def o(self) -> str:
        return self.term.value

    @property
    def is_iri(self) -> bool:
        return isinstance(self.term, ox.NamedNode)

    def only(self, graph: str) -> Fact:
        """The same fact, as stated by one of its graphs."""
        return Fact(self.s, self.p, self.term, (graph,))


class Firmness(StrEnum):
    """How firm a source is, firmest first. A superseded source never decides anything."""

    PRIMARY = "primary"  #: the document itself
    SECONDARY = "secondary"  #: a third-party copy or quote
    UNVERIFIED = "unverified"  #: a value no primary source confirmed
    DOUBTFUL = "doubtful"  #: printed by a source but contradicted elsewhere
    SUPERSEDED = "superseded"  #: replaced by a later source

    @property
    def rank(self) -> int:
        return _FIRMNESS_RANK[self]

    def __lt__(self, other: object) -> bool:  # firmer is "less": min() is the firmest
        return isinstance(other, Firmness) and self.rank < other.rank

    @classmethod
    def parse(cls, text: str) -> Firmness:
        try:
            return cls(text.strip().lower())
        except ValueError:
            return cls.UNVERIFIED  # none said, or a word kg does not know


_FIRMNESS_RANK = {f: i for i, f in enumerate(Firmness)}  #: firmest first


class StepKind(StrEnum):
    """What one line of a why-chain is."""

    FACT = "fact"  #: a sourced fact, in words
    RULE = "rule"  #: a step of the rule (``⇒ …``)
    CAUTION = "caution"  #: a fact that does not change the verdict but matters
    MISSING = "missing"  #: a fact the verdict would need and no source gives


@record
class Step:
    """One line of a why-chain: its words, the graphs behind it and their labels."""

    kind: StepKind
    text: str
    graphs: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()  #: the labels of ``graphs``, in the result's language
    facts: tuple[Fact, ...] = ()
    firmness: Firmness | None = None  #: the firmest of ``graphs`` (None: no source)

    def line(self) -> str:
        """The step as one line of text, its sources in brackets."""
        return f"{self.text} [{'; '.join(self.sources)}]" if self.sources else self.text


@record
class Evidence:
    """The steps behind one verdict, and each fact they rest on, once per graph; the
    verdict itself, and the two entities it is about (IRIs, the checked one first: a
    diagram draws the verdict between them)."""

    steps: tuple[Step, ...] = ()
    verdict: str = ""
    pair: tuple[str, ...] = ()

    def lines(self) -> tuple[str, ...]:
        return self._lines

    def confidence(self) -> Firmness | None:
        """The weakest firmness among the facts the verdict rests on (each fact as firm as
        its firmest source); None where it rests on none (an `unknown` whose facts are all
        missing said `primary`: hunt49)."""
        return self._confidence

    def confidence_text(self) -> str:
        """:meth:`confidence` as the `confidence` column shows it: ``none`` for None."""
        found = self._confidence
        return NO_FACTS if found is None else str(found)

    # worked out once per evidence: a session keeps its verdicts, and a `check with` row
    # shows its lines and confidence in several columns (kept outside the fields, so
    # equality, hashing and repr are the steps')
    @functools.cached_property
    def _lines(self) -> tuple[str, ...]:
        return tuple(step.line() for step in self.steps)

    @functools.cached_property
    def _confidence(self) -> Firmness | None:
        found = [s.firmness for s in self.steps  # (a rule step: the version numbers it
                 if s.kind in (StepKind.FACT, StepKind.RULE) and s.firmness]  # compares)
        return max(found, key=lambda f: f.rank) if found else None

    def facts(self) -> tuple[Fact, ...]:
        """Every fact behind the steps, one per (triple, graph), in order of first use."""
        seen: dict[tuple[str, str, Object, str], Fact] = {}
        for step in self.steps:
            for f in step.facts:
                for g in f.graphs:
                    seen.setdefault((f.s, f.p, f.term, g), f.only(g))
        return tuple(seen.values())
