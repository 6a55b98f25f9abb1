"""``check A with B``: a verdict on two entities, and the chain of sourced facts behind it.

Pure rules over :mod:`kg.facts`: :func:`check_compatibility` returns a
:class:`Verdict` and the :class:`~kg.evidence.Evidence` behind it, each fact in words
with the labels of the sources (named graphs) that state it, each rule step after ``⇒``.

What it relates (either order):

- a target with a feature (:mod:`kg.compat.features`);
- a VM series, VM size, GPU or GPU architecture with a CUDA version
  (:mod:`kg.compat.hardware`);
- one of those with a framework release or one build of it (:mod:`kg.compat.framework`).

Any other pair is ``unknown``, with a why that says what ``check`` relates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import StrEnum

import pyoxigraph as ox

from kg.compat.chain import Chain
from kg.compat.features import check_feature
from kg.compat.framework import check_build, check_release
from kg.compat.hardware import HARDWARE, check_cuda, check_target_cuda
from kg.compat.verdict import Verdict, combine
from kg.evidence import Evidence
from kg.facts import Facts
from kg.ontology import Ontology
from kg.vocab import KG, RDF

__all__ = ["check_compatibility", "checked", "partners", "relates", "Verdict", "PRELOAD_DEPTH",
           "PRELOAD_PROPS", "preload_props"]

#: How many levels of facts a batch of checks reads ahead (size → series → GPU → architecture).
PRELOAD_DEPTH = 4
#: The properties the rules read (a batch preloads only these; any other is read on demand).
PRELOAD_PROPS = (RDF.type, KG.series, KG.architecture, KG.gpu, KG.minCuda, KG.buildsFromCuda,
                 KG.removedInCuda, KG.deprecatedInCuda, KG.computeCapability, KG.versionNumber,
                 KG.cudaBuild, KG.build, KG.buildCuda, KG.includesCapability, KG.includesPtx,
                 KG.includesArchitecture, KG.excludesArchitecture, KG.retiredOn,
                 KG.retirementDeadline, KG.category, KG.supports, KG.gpuSupport,
                 KG.minComputeCapability, KG.maxComputeCapability)

_UNTYPED = tuple(p for p in PRELOAD_PROPS if p != RDF.type)  #: what every check but a feature's reads


class Role(StrEnum):
    """What an entity is to ``check``."""

    TARGET = "target"
    FEATURE = "feature"
    HARDWARE = "hardware"
    CUDA = "cuda"
    RELEASE = "release"
    BUILD = "build"


Rule = Callable[[Facts, Chain, str, str], Verdict]

#: Each side's role, by the classes its entity may have (first match wins).
_ROLES: tuple[tuple[Role, tuple[ox.NamedNode, ...]], ...] = (
    (Role.TARGET, (KG.Target,)),
    (Role.FEATURE, (KG.Feature,)),
    (Role.HARDWARE, HARDWARE),
    (Role.CUDA, (KG.CudaVersion,)),
    (Role.RELEASE, (KG.FrameworkRelease,)),
    (Role.BUILD, (KG.FrameworkBuild,)),
)

#: The pairs ``check`` relates: (role of A, role of B) → the rule, given A and B.
_RULES: dict[tuple[Role, Role], Rule] = {
    (Role.TARGET, Role.FEATURE): check_feature,
    (Role.HARDWARE, Role.CUDA): check_cuda,
    (Role.HARDWARE, Role.RELEASE): check_release,
    (Role.HARDWARE, Role.BUILD): check_build,
}

#: Pairs ``check`` answers only with an explanation (never offered by completion).
_EXPLAINED: dict[tuple[Role, Role], Rule] = {
    (Role.TARGET, Role.CUDA): check_target_cuda,
}

_ANY_RULE = {**_RULES, **_EXPLAINED}


def check_compatibility(fx: Facts, left: str, right: str) -> tuple[Verdict, Evidence]:
    """Decide whether ``left`` and ``right`` (entity IRIs) are compatible, and why."""
    chain = Chain(fx)
    a, b = _role(fx, left), _role(fx, right)
    if (rule := _ANY_RULE.get((a, b))) is not None:  # type: ignore[arg-type]
        verdict = _by_series(fx, chain, rule, a, left, right)
    elif (rule := _ANY_RULE.get((b, a))) is not None:  # type: ignore[arg-type]
        verdict = _by_series(fx, chain, rule, b, right, left)
    else:
        verdict = Verdict.UNKNOWN
        chain.missing("unrelated", c1=fx.class_name(left), c2=fx.class_name(right))
    return verdict, chain.evidence(str(verdict), (left, right))


def _by_series(fx: Facts, chain: Chain, rule: Rule, role: Role | None, hardware: str,
               other: str) -> Verdict:
    """``rule(hardware, other)``; a VM size as its series: the fact naming the series, then
    the series' verdict and chain, worked out once per session (the sizes of a series share
    them: at 1M triples, 58,000 sizes have 14,500 series), as
    :func:`~kg.compat.hardware.resolve` goes on from the series."""
    series = fx.get(hardware, KG.series) if (role is Role.HARDWARE
                                             and fx.is_a(hardware, KG.VMSize)) else []
    named = list(dict.fromkeys(f.o for f in series))
    if not named or not all(fx.is_a(s, KG.VMSeries) and not fx.is_a(s, KG.VMSize)
                            for s in named):
        return rule(fx, chain, hardware, other)
    chain.fact(series)
    verdicts = []
    for one in named:  # a size the sources put in two series is checked as each of them
        verdict, evidence = checked(fx, one, other)
        chain.extend(evidence)
        verdicts.append(verdict)
    return combine(verdicts)


def preload_props(fx: Facts, other: str) -> tuple[ox.NamedNode, ...]:
    """The properties a batch of checks with ``other`` reads ahead: the types only where a
    target and a feature are checked (the rows and columns of their tables name them,
    :mod:`kg.compat.features`); the other rules ask the ontology what an entity is."""
    return PRELOAD_PROPS if _role(fx, other) in (Role.TARGET, Role.FEATURE) else _UNTYPED


def checked(fx: Facts, left: str, right: str) -> tuple[Verdict, Evidence]:
    """:func:`check_compatibility`, worked out once per session: the verdict is a function
    of the facts, which do not change under a session's :class:`Facts`."""
    key = ("check", left, right)
    found = fx.memo.get(key)
    if found is None:
        found = fx.memo[key] = check_compatibility(fx, left, right)
    return found  # type: ignore[return-value]


def relates(onto: Ontology, left: Iterable[str], right: Iterable[str]) -> bool:
    """Does ``check`` relate an entity of the types ``left`` to one of ``right`` (class
    IRIs), in either order? (Another pair is an error of the statement: a typo there
    gave "unknown", exit 0.)"""
    roles = _roles_within(onto)
    a, b = _role_of(roles, set(left)), _role_of(roles, set(right))
    return (a, b) in _ANY_RULE or (b, a) in _ANY_RULE


def _role_of(roles: list[tuple[Role, frozenset[str]]], types: Iterable[str]) -> Role | None:
    """The role of an entity of ``types``: the first of ``roles`` whose classes it meets."""
    return next((role for role, within in roles if not within.isdisjoint(types)), None)


def partners(onto: Ontology, classes: Iterable[str] | None = None) -> frozenset[str]:
    """The class IRIs ``check`` relates to an entity of ``classes`` (IRIs); with none
    given, every class that may stand on either side. The REPL completes from these."""
    def role_classes(role: Role) -> set[str]:
        return {c.value for r, cs in _ROLES if r == role for c in cs}

    if classes is None:
        return frozenset(c.value for _, cs in _ROLES for c in cs)
    above = set().union(*(onto.superclasses(c) for c in classes)) if classes else set()
    found: set[str] = set()
    for a, b in _RULES:
        if above & role_classes(a):
            found |= role_classes(b)
        if above & role_classes(b):
            found |= role_classes(a)
    return frozenset(found)


def _role(fx: Facts, iri: str) -> Role | None:
    key = ("role", iri)  # once per entity and session: a `check with` asks for every row
    if key not in fx.memo:
        entity = fx.ctx.onto.record(iri)
        fx.memo[key] = None if entity is None else _role_of(_role_classes(fx), entity.types)
    return fx.memo[key]  # type: ignore[return-value]


def _role_classes(fx: Facts) -> list[tuple[Role, frozenset[str]]]:
    """Each role with every class (subclasses too) whose instances have it, in the order
    of :data:`_ROLES` (the first that an entity's types meet is its role)."""
    key = ("role classes",)
    if key not in fx.memo:
        fx.memo[key] = _roles_within(fx.ctx.onto)
    return fx.memo[key]  # type: ignore[return-value]


def _roles_within(onto: Ontology) -> list[tuple[Role, frozenset[str]]]:
    return [(role, frozenset().union(*(onto.subclasses(c.value) for c in classes)))
            for role, classes in _ROLES]
