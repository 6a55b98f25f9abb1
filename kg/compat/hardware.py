"""Hardware and CUDA: a VM series, size, GPU or architecture against a CUDA version.

A series resolves to its architecture (``kg:architecture``, else through its GPU);
a CUDA version fits an architecture when it is at least ``kg:minCuda`` and below
``kg:removedInCuda`` (when a source names one). Versions compare component by
component (:func:`kg.literals.version_key`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import TypeVar

from kg.compat.chain import Chain
from kg.compat.verdict import Verdict, combine
from kg.evidence import Fact
from kg.facts import Facts
from kg.literals import LiteralKind, is_literal, version_key
from kg.records import record
from kg.vocab import KG

__all__ = ["HARDWARE", "Hardware", "resolve", "window", "number", "check_cuda",
           "check_target_cuda", "cautions", "compared", "for_every_series", "series_gpus"]

T = TypeVar("T")

#: The classes whose instances run CUDA code (a side of ``check … with <CUDA version>``).
HARDWARE = (KG.VMSeries, KG.VMSize, KG.GPU, KG.GPUArchitecture)

@record(frozen=False)
class Hardware:
    """What a hardware side resolved to."""

    named: str  #: the entity the user named
    series: str | None = None
    gpus: list[str] = field(default_factory=list)
    archs: list[str] = field(default_factory=list)


def resolve(fx: Facts, chain: Chain, iri: str) -> Hardware:
    """Resolve a size → series → architecture (or GPU → architecture), wording each step."""
    hw = Hardware(iri)
    if fx.is_a(iri, KG.VMSize):
        facts = fx.get(iri, KG.series)
        chain.fact(facts)
        if not facts:  # what is missing is its series (it said its architecture: hunt49)
            chain.missing("no_series", s=fx.name(iri))
            return hw
        iri = facts[0].o
    if fx.is_a(iri, KG.VMSeries):
        hw.series, hw.gpus = iri, fx.objects(iri, KG.gpu)
        archs = fx.get(iri, KG.architecture)
        chain.fact(archs)
        hw.archs = [f.o for f in archs]
        _through_gpus(fx, chain, hw)
    elif fx.is_a(iri, KG.GPU):
        hw.gpus = [iri]
        archs = fx.get(iri, KG.architecture)
        chain.fact(archs)
        hw.archs = [f.o for f in archs]
    elif fx.is_a(iri, KG.GPUArchitecture):
        hw.archs = [iri]
    if not hw.archs:
        chain.missing("no_arch", s=fx.name(iri))
    return hw


def _through_gpus(fx: Facts, chain: Chain, hw: Hardware) -> None:
    """The architectures of the series' GPUs: each where the series states none; where it
    states its own, those besides them, said with the GPU facts (a source that gave the
    series' T4 a second architecture changed nothing: hunt105 F3)."""
    via = {gpu: fx.get(gpu, KG.architecture) for gpu in hw.gpus}
    more = [f for facts in via.values() for f in facts if f.o not in hw.archs]
    if hw.archs and not more:
        return
    assert hw.series is not None
    chain.fact(fx.get(hw.series, KG.gpu))
    for facts in via.values():
        chain.fact(facts)
        hw.archs += [f.o for f in facts if f.o not in hw.archs]


def window(fx: Facts, chain: Chain, arch: str, cuda: str) -> Verdict:
    """Does CUDA version ``cuda`` support ``arch``? Word the facts and the step (worked out
    once per session: the rows of a `check with` share a few architectures)."""
    return chain.once(("window", arch, cuda), lambda sub: _window(fx, sub, arch, cuda))


def number(fx: Facts, chain: Chain, cuda: str) -> str | None:
    """The version number of the CUDA version ``cuda``, where its facts give one; None (and
    why, in the chain) where none does or they give several: a verdict compares versions
    by the numbers the graph states, never by a name."""
    found = fx.number(cuda)
    if found is not None:
        return found
    facts = fx.get(cuda, KG.versionNumber)
    label = fx.ctx.onto.label(cuda, fx.lang)
    if not facts:
        chain.missing("no_version", s=label)
    elif unusable := [f for f in facts if not is_literal(LiteralKind.VERSION, f.o)]:
        chain.say("version_unusable", facts, s=label,
                  values=", ".join(f"`{f.o}`" for f in unusable))
    else:  # each number by its own sources (one line citing them all hid which says
        for f in facts:  # which: hunt105 F5)
            chain.say("versionNumber", [f], s=label, o=f.o)
        chain.missing("disputed_version", s=label,
                      numbers=", ".join(dict.fromkeys(f.o for f in facts)))
    return None


def _window(fx: Facts, chain: Chain, arch: str, cuda: str) -> Verdict:
    v = number(fx, chain, cuda)
    if v is None:
        return Verdict.UNKNOWN
    mins, removed = fx.get(arch, KG.minCuda), fx.get(arch, KG.removedInCuda)
    chain.fact(mins)
    chain.fact(removed)
    a = fx.name(arch)
    if not mins:
        chain.missing("no_min", a=a)
        return Verdict.UNKNOWN
    min_numbers = [number(fx, chain, f.o) for f in mins]
    removed_numbers = [number(fx, chain, f.o) for f in removed]
    if None in min_numbers or None in removed_numbers:  # a bound with no number of its own
        return Verdict.UNKNOWN
    min_names = [m for m in min_numbers if m is not None]  # each of them
    removed_names = [r for r in removed_numbers if r is not None]
    key = version_key(v)
    below = [m for m in min_names if key < version_key(m)]
    if below:
        chain.comparing("below_min", _numbers_compared(fx, cuda, mins), v=v, a=a,
                        min=", ".join(below))
        if len(below) == len(min_names):
            return _built_since(fx, chain, arch, cuda, v, a, min(below, key=version_key))
        chain.rule("disputed_min", v=v, a=a, yes=_not(min_names, below), no=", ".join(below))
        return Verdict.UNKNOWN
    gone = [r for r in removed_names if key >= version_key(r)]
    if gone:
        chain.comparing("removed", _numbers_compared(fx, cuda, removed), v=v, a=a,
                        removed=", ".join(gone))
        if len(gone) == len(removed_names):
            return Verdict.NOT
        chain.rule("disputed_removed", v=v, a=a, yes=_not(removed_names, gone),
                   no=", ".join(gone))
        return Verdict.UNKNOWN
    low = max(min_names, key=version_key)
    if removed_names:
        chain.comparing("window", _numbers_compared(fx, cuda, mins, removed), v=v, min=low,
                        removed=min(removed_names, key=version_key))
    else:
        chain.comparing("window_open", _numbers_compared(fx, cuda, mins), v=v, min=low, a=a)
    return Verdict.COMPATIBLE


def _built_since(fx: Facts, chain: Chain, arch: str, cuda: str, v: str, a: str,
                 low: str) -> Verdict:
    """CUDA version ``v`` is below every minimum of ``arch``: not compatible, unless a
    source says a compiler builds code for it with ``v`` (``kg:buildsFromCuda``: clang
    builds Kepler and Maxwell from CUDA 7.0, the page says 9.0+), where the sources
    disagree (`check NV with "CUDA 8.0"` was "not compatible" on the page's word: hunt86 F1)."""
    builds = fx.get(arch, KG.buildsFromCuda)
    numbered = [(f, number(fx, chain, f.o)) for f in builds]  # (why where one has none)
    if any(n is None for _, n in numbered):  # a bound with no number of its own, as a
        chain.fact(builds)  # minimum's (was "not compatible", unsaid: hunt91 F7)
        return Verdict.UNKNOWN
    since = [(f, n) for f, n in numbered if n is not None and version_key(n) <= version_key(v)]
    if not since:
        return Verdict.NOT
    chain.fact(f for f, _ in since)
    chain.comparing("disputed_builds", _numbers_compared(fx, cuda, [f for f, _ in since]), v=v,
                    a=a, min=low, since=min((n for _, n in since), key=version_key))
    return Verdict.UNKNOWN


def _numbers_compared(fx: Facts, cuda: str, *bounds: list[Fact]) -> list[Fact]:
    """The version-number facts of ``cuda`` and of the versions ``bounds`` name: those a
    step that compares them cites (hunt49 F3)."""
    return [f for c in dict.fromkeys([cuda, *(f.o for b in bounds for f in b)])
            for f in fx.get(c, KG.versionNumber)]


def _not(names: list[str], excluded: list[str]) -> str:
    return ", ".join(n for n in names if n not in excluded)


def compared(fx: Facts, hw: Hardware, arch: str) -> list[Fact]:
    """The compute capabilities of the hardware's GPUs of ``arch``; the architecture's
    where no GPU's is known, or where it has one alone (every GPU of it has that one),
    the same as the GPUs', told by firmer sources (an H100 NVL's 9.0, derived, weighed
    less than Hopper's only compute capability, 9.0 from LLVM: hunt31 F4)."""
    stated = {gpu: fx.objects(gpu, KG.architecture) for gpu in hw.gpus}
    gpus = [gpu for gpu, archs in stated.items() if arch in archs] or \
        [gpu for gpu, archs in stated.items() if not archs]
    targets: list[Fact] = [f for gpu in gpus for f in fx.get(gpu, KG.computeCapability)]
    own = fx.get(arch, KG.computeCapability)
    if not targets:
        return own
    if len(own) == 1 and {t.o for t in targets} == {own[0].o} \
            and _weakest(fx, own) < _weakest(fx, targets):
        return own
    return targets


def _weakest(fx: Facts, facts: list[Fact]) -> int:
    """The rank of the weakest of ``facts``, each as firm as its firmest source."""
    return max(min(fx.ctx.firmness(g).rank for g in f.graphs) for f in facts)


def cautions(fx: Facts, chain: Chain, hw: Hardware, arch: str, cuda: str | None) -> None:
    """Cautions for a compatible verdict: deprecation at this version, retirement."""
    v = fx.number(cuda) if cuda else None
    if v is not None:  # a deprecation whose version has no number of its own says nothing
        chain.fact([f for f in fx.get(arch, KG.deprecatedInCuda)
                    if (d := fx.number(f.o)) is not None
                    and version_key(d) <= version_key(v)], caution=True)
    if hw.series:
        for prop in (KG.retiredOn, KG.retirementDeadline):
            chain.fact(fx.get(hw.series, prop), caution=True)


def check_cuda(fx: Facts, chain: Chain, hardware: str, cuda: str) -> Verdict:
    """``check <series|size|GPU|architecture> with <CUDA version>``."""
    hw = resolve(fx, chain, hardware)
    if not hw.archs:
        return without_gpu(fx, chain, hw)
    verdicts = []
    for arch in hw.archs:
        verdict = window(fx, chain, arch, cuda)
        if verdict == Verdict.COMPATIBLE:
            verdict = capabilities(fx, chain, hw, arch, cuda)
        if verdict == Verdict.COMPATIBLE:
            cautions(fx, chain, hw, arch, cuda)
        verdicts.append(verdict)
    return combine(verdicts)


def capabilities(fx: Facts, chain: Chain, hw: Hardware, arch: str, cuda: str) -> Verdict:
    """:func:`_capabilities`, worked out once per session for the same GPUs, architecture
    and CUDA version (the rows of a `check with` share a few)."""
    return for_every_series(fx, chain, hw, ("capabilities", arch, cuda),
                            lambda sub, anyone: _capabilities(fx, sub, anyone, arch, cuda))


#: The series of a why worked out for every series of some GPUs (:func:`for_every_series`).
_ANY_SERIES = "\x00series"


def for_every_series(fx: Facts, chain: Chain, hw: Hardware, key: tuple[object, ...],
                     work: Callable[[Chain, Hardware], T]) -> T:
    """``work(chain, hw)``'s value, worked out once per session for ``key`` and every series
    of the same GPUs, its steps added to ``chain`` each time. ``work`` reads the series
    alone to say which GPUs it has (:func:`series_gpus`): each series' own GPU fact fills
    that place in its why (:meth:`Chain.once`'s ``fill``; NCv3's why said "NDv2 has GPU
    NVIDIA Tesla V100": hunt52 F1)."""
    own = hw.series is not None
    anyone = Hardware(_ANY_SERIES, _ANY_SERIES, hw.gpus, hw.archs) if own else hw
    return chain.once((*key, tuple(hw.gpus), own), lambda sub: work(sub, anyone),
                      lambda c: series_gpus(fx, c, hw))


def series_gpus(fx: Facts, chain: Chain, hw: Hardware) -> None:
    """The series' GPU facts, through which its GPUs' compute capabilities are compared."""
    if hw.series == _ANY_SERIES:
        chain.mark()
    elif hw.series:
        chain.fact(fx.get(hw.series, KG.gpu))


def _capabilities(fx: Facts, chain: Chain, hw: Hardware, arch: str, cuda: str) -> Verdict:
    """Does the CUDA version build for the compute capabilities in question (the GPUs', else
    the architecture's: :func:`compared`)? An architecture's window of CUDA versions holds
    for some of its compute capabilities only (CUDA 11.0 dropped Kepler's 3.0 and 3.2, an
    Ampere 8.6 needs 11.1): where the version's compute-capability window, as its sources
    give it, leaves out some, the verdict is unknown; all, not compatible. Compatible
    where it takes each, or where no source gives the window; unknown where no fact gives
    a compute capability to compare with it, and the why says so. Where the GPU's take a
    compatible verdict the architecture's would not (a K80's 3.7 and CUDA 11.0, which
    dropped Kepler's 3.0), they and the window are facts of the why."""
    ccs = compared(fx, hw, arch)
    lows, highs = fx.get(cuda, KG.minComputeCapability), fx.get(cuda, KG.maxComputeCapability)
    if not (lows or highs):
        return Verdict.COMPATIBLE
    if not ccs:  # a window no compute capability is compared with decides nothing (it was
        chain.fact(lows)  # "compatible", CUDA 13.0 on an architecture whose GPU's compute
        chain.fact(highs)  # capability may be below its 7.5: hunt105 F1)
        chain.missing("no_cc", a=fx.name(arch))
        return Verdict.UNKNOWN
    unusable = [f for f in (*ccs, *lows, *highs) if not is_literal(LiteralKind.VERSION, f.o)]
    if unusable:  # `"sm_30"` read as 30.0 gave "not compatible" (hunt42 #4)
        chain.fact(unusable)
        chain.missing("cc_unusable", values=", ".join(f"`{f.o}`" for f in unusable))
        return Verdict.UNKNOWN
    inside, outside, disputed = _placed([f.o for f in ccs], lows, highs)
    own = fx.get(arch, KG.computeCapability)
    if not outside and not disputed and (own == ccs or _inside(own, lows, highs)):
        return Verdict.COMPATIBLE  # (the architecture's own decide no less)
    if own != ccs:  # the series' GPUs, whose compute capabilities these are
        series_gpus(fx, chain, hw)
    chain.fact(ccs)
    chain.fact(lows)
    chain.fact(highs)
    parts = {"v": fx.number(cuda) or fx.name(cuda),  # whose: the GPU's, or the architecture's
             "a": ", ".join(dict.fromkeys(fx.name(f.s) for f in ccs)),
             "low": "/".join(dict.fromkeys(f.o for f in lows)) or "…",
             "high": "/".join(dict.fromkeys(f.o for f in highs)) or "…"}
    if not outside and not disputed:  # the GPU's decide, where its architecture's would
        chain.rule("cc_inside", cc=", ".join(inside), **parts)  # not (hunt49 F4)
        return Verdict.COMPATIBLE
    if not inside and not disputed:
        chain.rule("cc_outside", cc=", ".join(outside), **parts)
        return Verdict.NOT
    if disputed:
        chain.rule("cc_disputed", cc=", ".join(disputed), **parts)
    if outside:  # (no "not for its —" where the sources alone disagree: hunt42 #3)
        chain.rule("cc_partly", yes=", ".join(inside) or "—", no=", ".join(outside), **parts)
    return Verdict.UNKNOWN


def _placed(ccs: list[str], lows: list[Fact],
            highs: list[Fact]) -> tuple[list[str], list[str], list[str]]:
    """The compute capabilities ``ccs`` inside the window every source of a bound gives,
    outside by every source of a bound, and those the sources disagree on."""
    inside, outside, disputed = [], [], []
    for cc in dict.fromkeys(ccs):
        key = version_key(cc)
        low_ok = [version_key(f.o) <= key for f in lows]
        high_ok = [key <= version_key(f.o) for f in highs]
        if all(low_ok) and all(high_ok):
            inside.append(cc)
        elif (low_ok and not any(low_ok)) or (high_ok and not any(high_ok)):
            outside.append(cc)  # every source of a bound leaves it out
        else:
            disputed.append(cc)
    return inside, outside, disputed


def _inside(own: list[Fact], lows: list[Fact], highs: list[Fact]) -> bool:
    """Are the compute capabilities ``own`` (an architecture's) all inside the window?"""
    if not own or any(not is_literal(LiteralKind.VERSION, f.o) for f in own):
        return False
    _, outside, disputed = _placed([f.o for f in own], lows, highs)
    return not outside and not disputed


def without_gpu(fx: Facts, chain: Chain, hw: Hardware) -> Verdict:
    """A series with no GPU facts: not compatible when a table that puts series with a GPU
    in categories of their own (the page's: GPU) puts it in another, one no series with a
    GPU has (General purpose, …); else unknown (a GPU series whose facts are missing, or a
    category no table sets against one with GPUs: a data file's "Accelerated" series was
    "runs no CUDA" because nothing in its category had a GPU fact, hunt62 F9)."""
    if hw.series is None or hw.gpus:
        return Verdict.UNKNOWN
    categories = fx.get(hw.series, KG.category)
    with_gpus = fx.objects_with_any(KG.category, (KG.architecture, KG.gpu))
    if not categories or any(f.o in with_gpus for f in categories):
        return Verdict.UNKNOWN
    tables = {c: fx.stated_in(KG.category, c) for c in with_gpus}  # that set GPUs apart
    stated = [f.only(g) for f in categories for g in f.graphs if any(g in t for t in tables.values())]
    if len({f.o for f in stated}) < len({f.o for f in categories}):
        return Verdict.UNKNOWN
    chain.fact(stated)
    used = {g for f in stated for g in f.graphs}
    set_apart = sorted(c for c, t in tables.items() if t & used)
    fx.ctx.onto.prefetch(set_apart)  # their names, not every entity's (a statement alone)
    gpu = ", ".join(sorted(fx.name(c) for c in set_apart))
    chain.rule("no_gpu", s=fx.name(hw.series), c=", ".join(fx.name(f.o) for f in categories),
               g=gpu)
    return Verdict.NOT


def check_target_cuda(fx: Facts, chain: Chain, target: str, cuda: str) -> Verdict:
    """``check <compute target> with <CUDA version>``: the target's VM size decides."""
    chain.fact(fx.get(target, KG.gpuSupport))
    chain.missing("target_cuda", s=fx.name(target), o=fx.name(cuda))
    return Verdict.UNKNOWN
