"""Hardware and CUDA: a VM series, size, GPU or architecture against a CUDA version.

A series resolves to its architecture (``kg:architecture``, else through its GPU);
a CUDA version fits an architecture when it is at least ``kg:minCuda`` and below
``kg:removedInCuda`` (when a source names one). Versions compare component by
component (:func:`kg.store.version_key`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.compat.facts import Chain, Facts
from kg.store import version_key

__all__ = ["HARDWARE", "Hardware", "resolve", "window", "check_cuda", "cautions", "combine"]

#: The classes whose instances run CUDA code (a side of ``check … with <CUDA version>``).
HARDWARE = ("VMSeries", "VMSize", "GPU", "GPUArchitecture")

COMPATIBLE, NOT, UNKNOWN = "compatible", "not compatible", "unknown"


@dataclass
class Hardware:
    """What a hardware side resolved to."""

    named: str  #: the entity the user named
    series: str | None = None
    gpus: list[str] = field(default_factory=list)
    archs: list[str] = field(default_factory=list)


def resolve(fx: Facts, chain: Chain, iri: str) -> Hardware:
    """Resolve a size → series → architecture (or GPU → architecture), wording each step."""
    hw = Hardware(iri)
    if fx.is_a(iri, "VMSize"):
        facts = fx.get(iri, "series")
        chain.fact(facts)
        iri = facts[0].o if facts else iri
    if fx.is_a(iri, "VMSeries"):
        hw.series, hw.gpus = iri, fx.objects(iri, "gpu")
        archs = fx.get(iri, "architecture")
        chain.fact(archs)
        hw.archs = [f.o for f in archs]
        if not archs:
            chain.fact(fx.get(iri, "gpu"))
            for gpu in hw.gpus:
                via = fx.get(gpu, "architecture")
                chain.fact(via)
                hw.archs += [f.o for f in via if f.o not in hw.archs]
    elif fx.is_a(iri, "GPU"):
        hw.gpus = [iri]
        archs = fx.get(iri, "architecture")
        chain.fact(archs)
        hw.archs = [f.o for f in archs]
    elif fx.is_a(iri, "GPUArchitecture"):
        hw.archs = [iri]
    if not hw.archs:
        chain.missing("no_arch", s=fx.name(iri))
    return hw


def window(fx: Facts, chain: Chain, arch: str, cuda: str) -> str:
    """Does CUDA version ``cuda`` support ``arch``? Word the facts and the step."""
    v = fx.version(cuda)
    if v is None:
        chain.missing("no_version", s=fx.name(cuda))
        return UNKNOWN
    mins, removed = fx.get(arch, "minCuda"), fx.get(arch, "removedInCuda")
    chain.fact(mins)
    chain.fact(removed)
    a = fx.name(arch)
    if not mins:
        chain.missing("no_min", a=a)
        return UNKNOWN
    key = version_key(v)
    min_names = [fx.name(f.o) for f in mins]
    below = [m for m in min_names if key < version_key(m)]
    if below:
        chain.rule("below_min", v=v, a=a, min=", ".join(below))
        return NOT if len(below) == len(min_names) else UNKNOWN
    removed_names = [fx.name(f.o) for f in removed]
    gone = [r for r in removed_names if key >= version_key(r)]
    if gone:
        chain.rule("removed", v=v, a=a, removed=", ".join(gone))
        return NOT if len(gone) == len(removed_names) else UNKNOWN
    low = max(min_names, key=version_key)
    if removed_names:
        chain.rule("window", v=v, min=low, removed=min(removed_names, key=version_key))
    else:
        chain.rule("window_open", v=v, min=low, a=a)
    return COMPATIBLE


def cautions(fx: Facts, chain: Chain, hw: Hardware, arch: str, cuda: str | None) -> None:
    """Cautions for a compatible verdict: deprecation at this version, retirement."""
    v = fx.version(cuda) if cuda else None
    if v is not None:
        chain.fact([f for f in fx.get(arch, "deprecatedInCuda")
                    if version_key(fx.name(f.o)) <= version_key(v)], caution=True)
    if hw.series:
        for prop in ("retiredOn", "retirementDeadline"):
            chain.fact(fx.get(hw.series, prop), caution=True)


def combine(verdicts: list[str]) -> str:
    """One verdict from several (one per architecture): all agree, else unknown."""
    if verdicts and all(v == verdicts[0] for v in verdicts):
        return verdicts[0]
    return UNKNOWN


def check_cuda(fx: Facts, chain: Chain, hardware: str, cuda: str) -> str:
    """``check <series|size|GPU|architecture> with <CUDA version>``."""
    hw = resolve(fx, chain, hardware)
    if not hw.archs:
        return UNKNOWN
    verdicts = []
    for arch in hw.archs:
        verdict = window(fx, chain, arch, cuda)
        if verdict == COMPATIBLE:
            cautions(fx, chain, hw, arch, cuda)
        verdicts.append(verdict)
    return combine(verdicts)
