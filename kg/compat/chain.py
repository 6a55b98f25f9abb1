"""The why-chain of one verdict: facts in words with their sources, rule steps, cautions
and missing facts, collected in order and handed out as :class:`~kg.evidence.Evidence`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.compat.words import has, word
from kg.evidence import Evidence, Fact, Firmness, Step, StepKind
from kg.facts import Facts
from kg.ontology import local_name

__all__ = ["Chain"]


@dataclass
class Chain:
    """The steps behind one verdict, in order, each line once."""

    fx: Facts
    steps: list[Step] = field(default_factory=list)

    def _add(self, kind: StepKind, text: str, facts: tuple[Fact, ...] = (),
             graphs: tuple[str, ...] = ()) -> None:
        firmness = [self.fx.ctx.firmness(g) for g in graphs]
        sources = tuple(self.fx.source(g) + ("" if f is Firmness.PRIMARY else f" ({f})")
                        for g, f in zip(graphs, firmness, strict=True))
        step = Step(kind, text, graphs, sources, facts, min(firmness) if firmness else None)
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
            name = key or local_name(group[0].p)
            if len(group) > 1 and has(self.fx.lang, name + "+"):
                name += "+"
            text = word(self.fx.lang, name, s=self.fx.name(s), o=objects, **parts)
            if caution:
                text = word(self.fx.lang, "caution", text=text)
            self._add(StepKind.CAUTION if caution else StepKind.FACT, text, tuple(group), graphs)

    def say(self, key: str, facts: Iterable[Fact], **parts: str) -> None:
        """One fact line worded with explicit ``parts``, sourced by the union of its facts."""
        group = tuple(facts)
        graphs = tuple(sorted({g for f in group for g in f.graphs}))
        self._add(StepKind.FACT, word(self.fx.lang, key, **parts), group, graphs)

    def rule(self, key: str, **parts: str) -> None:
        self._add(StepKind.RULE, word(self.fx.lang, key, **parts))

    def missing(self, key: str, **parts: str) -> None:
        self._add(StepKind.MISSING, word(self.fx.lang, key, **parts))

    def extend(self, other: Chain) -> None:
        for step in other.steps:
            if all(s.text != step.text or s.graphs != step.graphs for s in self.steps):
                self.steps.append(step)

    def sub(self) -> Chain:
        return Chain(self.fx)

    def evidence(self) -> Evidence:
        return Evidence(tuple(self.steps))
