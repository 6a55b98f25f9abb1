"""``check A with B``: a verdict on two entities, and the chain of sourced facts behind it.

One row: ``verdict`` (``compatible``, ``not compatible`` or ``unknown``) and ``why``,
each fact in words with the labels of the sources (named graphs) that state it in
brackets, each rule step after ``⇒``. ``Result.meta["facts"]`` holds the facts as
subject, property, object and graph, for exporters; ``meta["steps"]`` the lines with
their kinds and sources, for the REPL.

What it relates (either order):

- a target with a feature (:mod:`kg.compat.features`);
- a VM series, VM size, GPU or GPU architecture with a CUDA version
  (:mod:`kg.compat.hardware`);
- one of those with a framework release or one build of it (:mod:`kg.compat.framework`).

Any other pair is ``unknown``, with a why that says what ``check`` relates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from kg.compat.facts import Chain, Facts
from kg.compat.features import check_feature
from kg.compat.framework import check_build, check_release
from kg.compat.hardware import HARDWARE, UNKNOWN, check_cuda
from kg.ontology import Ontology
from kg.result import EntityRef, Result
from kg.vocab import KG_NS

if TYPE_CHECKING:
    from kg.executor import Context

__all__ = ["check_compatibility", "partners"]

Rule = Callable[[Facts, Chain, str, str], str]

#: Each side's role, by the classes its entity may have (first match wins).
_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("target", ("Target",)),
    ("feature", ("Feature",)),
    ("hardware", HARDWARE),
    ("cuda", ("CudaVersion",)),
    ("release", ("FrameworkRelease",)),
    ("build", ("FrameworkBuild",)),
)

#: The pairs ``check`` relates: (role of A, role of B) → the rule, given A and B.
_RULES: dict[tuple[str, str], Rule] = {
    ("target", "feature"): check_feature,
    ("hardware", "cuda"): check_cuda,
    ("hardware", "release"): check_release,
    ("hardware", "build"): check_build,
}


def check_compatibility(left: str, right: str, ctx: Context, lang: str) -> Result:
    """Decide whether ``left`` and ``right`` (entity IRIs) are compatible, and why."""
    fx = Facts(ctx, lang)
    chain = Chain(fx)
    a, b = _role(fx, left), _role(fx, right)
    if (rule := _RULES.get((a, b))) is not None:
        verdict = rule(fx, chain, left, right)
    elif (rule := _RULES.get((b, a))) is not None:
        verdict = rule(fx, chain, right, left)
    else:
        verdict = UNKNOWN
        chain.missing("unrelated", c1=fx.class_name(left), c2=fx.class_name(right))
    meta: dict[str, object] = {
        "facts": chain.structured(),
        "steps": [{"kind": s.kind, "text": s.text, "sources": [fx.source(g) for g in s.graphs],
                   "graphs": list(s.graphs)} for s in chain.steps],
        "left": EntityRef(fx.name(left), left),
        "right": EntityRef(fx.name(right), right),
    }
    return Result(["verdict", "why"], [[verdict, chain.lines()]], "", "check", meta,
                  stacked=("why",))


def partners(onto: Ontology, classes: Iterable[str] | None = None) -> frozenset[str]:
    """The class IRIs ``check`` relates to an entity of ``classes`` (IRIs); with none
    given, every class that may stand on either side. The REPL completes from these."""
    def role_classes(role: str) -> set[str]:
        return {KG_NS + name for r, names in _ROLES if r == role for name in names}

    if classes is None:
        return frozenset(KG_NS + n for _, names in _ROLES for n in names)
    above = set().union(*(onto.superclasses(c) for c in classes)) if classes else set()
    found: set[str] = set()
    for a, b in _RULES:
        if above & role_classes(a):
            found |= role_classes(b)
        if above & role_classes(b):
            found |= role_classes(a)
    return frozenset(found)


def _role(fx: Facts, iri: str) -> str:
    for role, classes in _ROLES:
        if any(fx.is_a(iri, cls) for cls in classes):
            return role
    return ""
