"""Frameworks: hardware against a framework release (or one build of it).

A release is compatible when some CUDA build of it fits: the build's CUDA version
supports the architecture (:func:`kg.compat.hardware.window`) and, where sources list
what the build's binaries carry, they include the GPU. Each source's list is its own
evidence: a build is covered when a source includes the architecture or lists a
compute capability that covers the GPU, not covered when a source excludes the
architecture or lists none of its compute capabilities; when sources say both, they
disagree and the build's fit is unknown.
"""

from __future__ import annotations

from enum import StrEnum

from kg.compat.chain import Chain
from kg.compat.hardware import Hardware, cautions, resolve, window, without_gpu
from kg.compat.verdict import Verdict, combine
from kg.evidence import Fact
from kg.facts import Facts
from kg.literals import version_key
from kg.vocab import KG

__all__ = ["check_release", "check_build"]


def check_release(fx: Facts, chain: Chain, hardware: str, release: str) -> Verdict:
    """``check <hardware> with <framework release>``."""
    hw = resolve(fx, chain, hardware)
    if not hw.archs:
        return without_gpu(fx, chain, hw)
    cudas = fx.get(release, KG.cudaBuild)
    builds = fx.objects(release, KG.build)
    by_cuda: dict[str, list[str]] = {f.o: [] for f in cudas}
    for b in builds:
        for cuda in fx.objects(b, KG.buildCuda):
            by_cuda.setdefault(cuda, []).append(b)
    if not by_cuda:
        chain.missing("no_builds", s=fx.name(release))
        return Verdict.UNKNOWN
    order = sorted(by_cuda, key=lambda c: version_key(fx.name(c)), reverse=True)
    return _over_architectures(fx, chain, hw, [
        ([f for f in cudas if f.o == cuda], cuda, by_cuda[cuda]) for cuda in order])


def check_build(fx: Facts, chain: Chain, hardware: str, build: str) -> Verdict:
    """``check <hardware> with <framework build>``."""
    hw = resolve(fx, chain, hardware)
    if not hw.archs:
        return without_gpu(fx, chain, hw)
    cudas = fx.get(build, KG.buildCuda)
    if not cudas:
        chain.missing("no_builds", s=fx.name(build))
        return Verdict.UNKNOWN
    return _over_architectures(fx, chain, hw, [([f], f.o, [build]) for f in cudas])


def _over_architectures(fx: Facts, chain: Chain, hw: Hardware,
                        candidates: list[tuple[list[Fact], str, list[str]]]) -> Verdict:
    """The verdict over the hardware's architectures; each candidate is the facts to
    cite, a CUDA version, and the builds made for it."""
    verdicts = []
    for arch in hw.archs:
        _window_facts(fx, chain, arch)
        outcomes = []
        for facts, cuda, builds in candidates:
            sub = chain.sub()
            sub.fact(facts)
            outcomes.append((_fit(fx, sub, hw, arch, cuda, builds), sub, cuda))
        verdicts.append(_pick(fx, chain, hw, arch, outcomes))
    return combine(verdicts)


def _window_facts(fx: Facts, chain: Chain, arch: str) -> None:
    """The architecture's CUDA window first, once for all builds."""
    chain.fact(fx.get(arch, KG.minCuda))
    chain.fact(fx.get(arch, KG.removedInCuda))


def _pick(fx: Facts, chain: Chain, hw: Hardware, arch: str,
          outcomes: list[tuple[Verdict, Chain, str]]) -> Verdict:
    """The first build that fits names the verdict; else every build says why not."""
    for verdict, sub, cuda in outcomes:
        if verdict == Verdict.COMPATIBLE:
            chain.extend(sub)
            cautions(fx, chain, hw, arch, cuda)
            return Verdict.COMPATIBLE
    for _, sub, _ in outcomes:
        chain.extend(sub)
    return Verdict.NOT if all(v == Verdict.NOT for v, _, _ in outcomes) else Verdict.UNKNOWN


class Coverage(StrEnum):
    """Whether the sources say a build's binaries carry an architecture."""

    YES = "yes"
    NO = "no"
    DISPUTED = "disputed"  #: one source says yes, another no
    UNSTATED = "unstated"  #: no source lists what the build carries


def _fit(fx: Facts, chain: Chain, hw: Hardware, arch: str, cuda: str, builds: list[str]) -> Verdict:
    """Does the build of this release for ``cuda`` (its entities ``builds``) fit ``arch``?
    Never compatible on a missing list: a build whose architectures no source gives is
    unknown, and the why says so."""
    verdict = window(fx, chain, arch, cuda)
    if verdict == Verdict.NOT:
        return Verdict.NOT
    covered = _coverage(fx, chain, hw, arch, builds)
    label = " / ".join(fx.name(b) for b in builds) or fx.name(cuda)
    if covered is Coverage.NO:
        return Verdict.NOT
    if covered is Coverage.UNSTATED:
        chain.missing("no_arch_list", b=label, a=fx.name(arch))
        return Verdict.UNKNOWN
    if verdict == Verdict.UNKNOWN or covered is Coverage.DISPUTED:
        return Verdict.UNKNOWN
    chain.rule("fits", b=label, a=fx.name(arch))
    return Verdict.COMPATIBLE


def _coverage(fx: Facts, chain: Chain, hw: Hardware, arch: str, builds: list[str]) -> Coverage:
    """Whether the sources say the builds carry ``arch``, wording what they say."""
    yes = no = False
    a = fx.name(arch)
    for b in builds:
        inc = [f for f in fx.get(b, KG.includesArchitecture) if f.o == arch]
        exc = [f for f in fx.get(b, KG.excludesArchitecture) if f.o == arch]
        chain.fact(inc)
        chain.fact(exc)
        yes, no = yes or bool(inc), no or bool(exc)
        caps = fx.get(b, KG.includesCapability)
        for graph in sorted({g for f in caps for g in f.graphs}):
            listed = [f.only(graph) for f in caps if graph in f.graphs]
            known, cc = _covering(fx, chain, hw, arch, [f.o for f in listed])
            chain.fact(listed)
            if not known:
                chain.missing("no_cc", a=a)
            elif cc:
                chain.rule("covers", b=fx.name(b), a=a, cc=cc)
            else:
                chain.rule("lacks", b=fx.name(b), a=a)
            yes, no = yes or bool(cc), no or known and not cc
    if yes and no:
        chain.rule("disputed", b=" / ".join(fx.name(b) for b in builds), a=a)
        return Coverage.DISPUTED
    return Coverage.YES if yes else Coverage.NO if no else Coverage.UNSTATED


def _covering(fx: Facts, chain: Chain, hw: Hardware, arch: str,
              listed: list[str]) -> tuple[bool, str | None]:
    """Whether any compute capability of the GPU or architecture is known, and the listed
    one that covers the GPU (its own, or one of its architecture's not above it; for a bare
    architecture any of its own). Words the compute capabilities it compares."""
    gpu_ccs: list[Fact] = []
    for gpu in hw.gpus:
        gpu_ccs += fx.get(gpu, KG.computeCapability)
    if hw.series and hw.gpus:
        chain.fact(fx.get(hw.series, KG.gpu))
    chain.fact(gpu_ccs)
    own = [f.o for f in gpu_ccs if f.o in listed]
    if own:
        return True, own[0]
    arch_ccs = fx.get(arch, KG.computeCapability)
    chain.fact(arch_ccs)
    top = max((version_key(f.o) for f in gpu_ccs), default=None)
    fits = [f.o for f in arch_ccs if f.o in listed and (top is None or version_key(f.o) <= top)]
    return bool(gpu_ccs or arch_ccs), fits[0] if fits else None
