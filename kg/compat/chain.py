"""The why-chain of one verdict: facts in words with their sources, rule steps, cautions
and missing facts, collected in order and handed out as :class:`~kg.evidence.Evidence`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import field
from typing import TypeVar

import pyoxigraph as ox

from kg.compat.words import has, word
from kg.evidence import Evidence, Fact, Firmness, Step, StepKind
from kg.facts import Facts
from kg.i18n import word as word_in
from kg.ontology import local_name
from kg.records import record

__all__ = ["Chain"]

T = TypeVar("T")


#: Where a kept chain has steps that differ from one use to the next (:meth:`Chain.mark`).
_MARK = Step(StepKind.RULE, "\x00mark")


@record(frozen=False)
class Chain:
    """The steps behind one verdict, in order, each line once (the same words from the
    same sources)."""

    fx: Facts
    steps: list[Step] = field(default_factory=list)
    _seen: set[tuple[str, tuple[str, ...]]] = field(default_factory=set, repr=False)

    def _append(self, step: Step) -> None:
        seen = (step.text, step.graphs)
        if seen not in self._seen:
            self._seen.add(seen)
            self.steps.append(step)

    def _add(self, kind: StepKind, text: str, facts: tuple[Fact, ...] = (),
             graphs: tuple[str, ...] = ()) -> None:
        self._append(self._step(kind, text, facts, graphs))

    def _step(self, kind: StepKind, text: str, facts: tuple[Fact, ...],
              graphs: tuple[str, ...]) -> Step:
        sources, firmness = self._sources(graphs)
        return Step(kind, text, graphs, sources, facts, firmness)

    def _sources(self, graphs: tuple[str, ...]) -> tuple[tuple[str, ...], Firmness | None]:
        """The sources' names (each with its firmness unless primary) and the weakest
        firmness of ``graphs``: worked out once per session (steps share their sources)."""
        memo = ("sources", graphs)
        found = self.fx.memo.get(memo)
        if found is None:
            firmness = [self.fx.ctx.firmness(g) for g in graphs]
            sources = tuple(self.fx.source(g) + ("" if f is Firmness.PRIMARY
                                                 else f" ({word_in(str(f), self.fx.lang)})")
                            for g, f in zip(graphs, firmness, strict=True))  # (German whys
            # said "(secondary)": hunt42, hunt49)
            found = self.fx.memo[memo] = (sources, min(firmness) if firmness else None)
        return found  # type: ignore[return-value]

    def fact(self, facts: Iterable[Fact], key: str | None = None, *, caution: bool = False,
             **parts: str) -> None:
        """Word ``facts`` (one subject and property): one line per set of sources. The
        same facts are worded once per session (the rows of a `check with` share most)."""
        facts = tuple(facts)
        if not facts:
            return
        memo = ("fact", facts, key, caution, *sorted(parts.items()))
        steps = self.fx.memo.get(memo)
        if steps is None:
            steps = self.fx.memo[memo] = self._worded(facts, key, caution, parts)
        for step in steps:  # type: ignore[attr-defined]
            self._append(step)

    def _worded(self, facts: tuple[Fact, ...], key: str | None, caution: bool,
                parts: dict[str, str]) -> tuple[Step, ...]:
        groups: dict[tuple[str, tuple[str, ...]], list[Fact]] = {}
        for f in facts:
            groups.setdefault((f.s, f.graphs), []).append(f)
        steps = []
        for (s, graphs), group in groups.items():
            objects = ", ".join(self.fx.name(f.o) if f.is_iri or isinstance(f.term, ox.BlankNode)
                                else f.o for f in group)  # (a blank node has no name: its id)
            name = key or local_name(group[0].p)
            if len(group) > 1 and has(self.fx.lang, name + "+"):
                name += "+"
            text = word(self.fx.lang, name, s=self.fx.name(s), o=objects, **parts)
            if caution:
                text = word(self.fx.lang, "caution", text=text)
            steps.append(self._step(StepKind.CAUTION if caution else StepKind.FACT, text,
                                    tuple(group), graphs))
        return tuple(steps)

    def say(self, key: str, facts: Iterable[Fact], **parts: str) -> None:
        """One fact line worded with explicit ``parts``, sourced by the union of its facts."""
        group = tuple(facts)
        graphs = tuple(sorted({g for f in group for g in f.graphs}))
        self._add(StepKind.FACT, word(self.fx.lang, key, **parts), group, graphs)

    def caution(self, key: str, facts: Iterable[Fact], **parts: str) -> None:
        """A line that does not change the verdict but limits it (a table cell's "only
        through the SDK"), sourced by ``facts``."""
        group = tuple(facts)
        graphs = tuple(sorted({g for f in group for g in f.graphs}))
        text = word(self.fx.lang, "caution", text=word(self.fx.lang, key, **parts))
        self._add(StepKind.CAUTION, text, group, graphs)

    def rule(self, key: str, **parts: str) -> None:
        self._add(StepKind.RULE, word(self.fx.lang, key, **parts))

    def comparing(self, key: str, numbers: Iterable[Fact], **parts: str) -> None:
        """A step of the rule that compares versions, citing the version-number facts
        ``numbers``: each by one of its firmest sources (one stating the most of them), the
        step as firm as the weakest (a version only a data file numbers makes the step, and
        the verdict, as weak: a CUDA 12.7 of a file was "compatible, primary", hunt49 F3)."""
        facts = tuple(numbers)
        rank = {g: self.fx.ctx.firmness(g).rank for f in facts for g in f.graphs}
        states = {g: sum(g in f.graphs for f in facts) for g in rank}
        chosen = tuple(f.only(min(f.graphs, key=lambda g: (rank[g], -states[g], g)))
                       for f in facts if f.graphs)
        graphs = tuple(dict.fromkeys(f.graphs[0] for f in chosen))
        sources, _ = self._sources(graphs)
        weakest = max((self.fx.ctx.firmness(g) for g in graphs), key=lambda f: f.rank,
                      default=None)
        self._append(Step(StepKind.RULE, word(self.fx.lang, key, **parts), graphs, sources,
                          chosen, weakest))

    def missing(self, key: str, **parts: str) -> None:
        self._add(StepKind.MISSING, word(self.fx.lang, key, **parts))

    def extend(self, other: Chain | Evidence) -> None:
        """The steps of a sub-chain, or of another verdict's evidence, after these."""
        for step in other.steps:
            self._append(step)

    def mark(self) -> None:
        """A place for the steps that differ from one use of a kept chain to the next, where
        the rest is kept and shared (:meth:`once` puts them in, with its ``fill``)."""
        self._append(_MARK)

    def sub(self) -> Chain:
        return Chain(self.fx)

    def once(self, key: tuple[object, ...], work: Callable[[Chain], T],
             fill: Callable[[Chain], None] | None = None) -> T:
        """``work(chain)``'s value, worked out once per session for ``key`` (the rows of a
        `check with` share a few architectures, CUDA versions, GPUs), its steps added to
        this chain each time, with ``fill(self)``'s at the place ``work`` left a
        :meth:`mark` (without ``fill``, the mark itself: an enclosing kept chain fills it)."""
        hit = self.fx.memo.get(key)
        if not isinstance(hit, tuple):
            sub = self.sub()  # its steps kept, not the chain: a chain holds the facts, which
            hit = self.fx.memo[key] = (work(sub), tuple(sub.steps))  # hold the memo (a cycle)
        for step in hit[1]:
            if step is _MARK and fill is not None:
                fill(self)
            else:
                self._append(step)
        return hit[0]  # type: ignore[no-any-return]

    def evidence(self, verdict: str = "", pair: tuple[str, ...] = ()) -> Evidence:
        return Evidence(tuple(self.steps), verdict, pair)
