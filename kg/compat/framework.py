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

from collections.abc import Callable
from enum import StrEnum

from kg.compat.chain import Chain
from kg.compat.hardware import (
    Hardware,
    cautions,
    compared,
    for_every_series,
    resolve,
    series_gpus,
    window,
    without_gpu,
)
from kg.compat.verdict import Verdict, combine
from kg.compat.words import word
from kg.evidence import Fact
from kg.facts import Facts
from kg.literals import LiteralKind, is_literal, version_key
from kg.records import record
from kg.vocab import KG

__all__ = ["check_release", "check_build"]


def check_release(fx: Facts, chain: Chain, hardware: str, release: str) -> Verdict:
    """``check <hardware> with <framework release>``."""
    hw = resolve(fx, chain, hardware)
    if not hw.archs:
        return _no_gpu(fx, chain, hw, release)
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
        ([f for f in cudas if f.o == cuda], cuda, by_cuda[cuda], _label(fx, release, cuda, by_cuda[cuda]))
        for cuda in order])


def _label(fx: Facts, release: str, cuda: str, builds: list[str]) -> str:
    """How the why names the builds of ``release`` for ``cuda``: by their names; where no
    build entity is given, as the release's build for that CUDA version (it said "the GPU
    architectures 12.1 carries": hunt105 F7)."""
    return " / ".join(fx.name(b) for b in builds) or word(
        fx.lang, "build_for", r=fx.name(release), v=fx.number(cuda) or fx.name(cuda))


def check_build(fx: Facts, chain: Chain, hardware: str, build: str) -> Verdict:
    """``check <hardware> with <framework build>``."""
    hw = resolve(fx, chain, hardware)
    if not hw.archs:
        return _no_gpu(fx, chain, hw, build)
    cudas = fx.get(build, KG.buildCuda)
    if not cudas:
        chain.missing("no_builds", s=fx.name(build))
        return Verdict.UNKNOWN
    return _over_architectures(fx, chain, hw, [([f], f.o, [build], fx.name(build)) for f in cudas])


def _no_gpu(fx: Facts, chain: Chain, hw: Hardware, framework: str) -> Verdict:
    """:func:`without_gpu`; where it is `not compatible`, the why says that the verdict is
    of the framework's CUDA builds: its CPU build runs on the series (a CPU series was
    "not compatible" with PyTorch 2.8, as if it could not run it at all: hunt71 F9)."""
    verdict = without_gpu(fx, chain, hw)
    if verdict is Verdict.NOT:
        chain.rule("no_gpu_builds", r=fx.name(framework))
    return verdict


def _over_architectures(fx: Facts, chain: Chain, hw: Hardware,
                        candidates: list[tuple[list[Fact], str, list[str], str]]) -> Verdict:
    """The verdict over the hardware's architectures; each candidate is the facts to
    cite, a CUDA version, the builds made for it, and how the why names them."""
    verdicts = []
    for arch in hw.archs:
        _window_facts(fx, chain, arch)
        outcomes = []
        for facts, cuda, builds, label in candidates:
            sub = chain.sub()
            sub.fact(facts)
            outcomes.append((_fit_once(fx, sub, hw, arch, cuda, builds, label), sub, cuda))
        verdicts.append(_pick(fx, chain, hw, arch, outcomes))
    return combine(verdicts)


def _fit_once(fx: Facts, chain: Chain, hw: Hardware, arch: str, cuda: str, builds: list[str],
              label: str) -> Verdict:
    """:func:`_fit`, worked out once per session for the series of the same GPUs (a release
    against the 8,710 GPU series, of 735 GPUs, of a million triples fitted 26,130 times)."""
    return for_every_series(fx, chain, hw, ("fit", arch, cuda, tuple(builds), label),
                            lambda sub, anyone: _fit(fx, sub, anyone, arch, cuda, builds, label))


def _window_facts(fx: Facts, chain: Chain, arch: str) -> None:
    """The architecture's CUDA window first, once for all builds."""
    chain.fact(fx.get(arch, KG.minCuda))
    chain.fact(fx.get(arch, KG.removedInCuda))


def _pick(fx: Facts, chain: Chain, hw: Hardware, arch: str,
          outcomes: list[tuple[Verdict, Chain, str]]) -> Verdict:
    """The firmest build that fits (the newest of equally firm ones) names the verdict; else
    every build says why not."""
    fitting = [(_rank(sub), i, sub, cuda)
               for i, (verdict, sub, cuda) in enumerate(outcomes) if verdict == Verdict.COMPATIBLE]
    if fitting:
        _, _, sub, cuda = min(fitting, key=lambda f: (f[0], f[1]))
        chain.extend(sub)
        cautions(fx, chain, hw, arch, cuda)
        return Verdict.COMPATIBLE
    for _, sub, _ in outcomes:
        chain.extend(sub)
    return Verdict.NOT if all(v == Verdict.NOT for v, _, _ in outcomes) else Verdict.UNKNOWN


def _rank(chain: Chain) -> int:
    found = chain.evidence().confidence()
    return found.rank if found is not None else 0


class Coverage(StrEnum):
    """Whether the sources say a build's binaries carry an architecture."""

    YES = "yes"
    NO = "no"
    PARTLY = "partly"  #: some compute capabilities compared, not all: the GPU's decides
    DISPUTED = "disputed"  #: the sources say different things
    UNDECIDED = "undecided"  #: lists given, but no compute capability to compare them with
    UNSTATED = "unstated"  #: no source lists what the build carries


def _fit(fx: Facts, chain: Chain, hw: Hardware, arch: str, cuda: str, builds: list[str],
         label: str) -> Verdict:
    """Does the build of this release for ``cuda`` (its entities ``builds``) fit ``arch``?
    Never compatible on a missing list: a build whose architectures no source gives is
    unknown, and the why says so."""
    verdict = window(fx, chain, arch, cuda)
    if verdict == Verdict.NOT:
        return _before(fx, chain, hw, arch, cuda, builds, label)
    covered = _coverage(fx, chain, hw, arch, builds)
    if covered is Coverage.NO:
        return Verdict.NOT
    if covered is Coverage.UNSTATED:
        chain.missing("no_arch_list", b=label, a=fx.name(arch))
        return Verdict.UNKNOWN
    if verdict == Verdict.UNKNOWN or covered is not Coverage.YES:
        return Verdict.UNKNOWN
    chain.rule("fits", b=label, a=fx.name(arch))
    return Verdict.COMPATIBLE


def _before(fx: Facts, chain: Chain, hw: Hardware, arch: str, cuda: str, builds: list[str],
            label: str) -> Verdict:
    """A build whose CUDA version is below every minimum of ``arch``: it has no code made
    for the architecture, but PTX of an older compute capability runs there, compiled by
    the driver when loaded. Not compatible where its lists cover none of the compute
    capabilities compared; else unknown: where they cover them, whether the build runs
    there (its libraries were built before the architecture too) no source says; where no
    source lists its code, whether it carries such PTX is not known (TensorFlow 2.4's
    CUDA 11.0 build, with PTX for 8.0, on a Hopper was "not compatible, primary": hunt105 F2)."""
    v = fx.number(cuda)
    mins = [m for f in fx.get(arch, KG.minCuda) if (m := fx.number(f.o)) is not None]
    if v is None or not mins or not all(version_key(v) < version_key(m) for m in mins):
        return Verdict.NOT  # removed: its code is for compute capabilities of before
    covered = _coverage(fx, chain, hw, arch, builds)  # the list the verdict rests on, and
    if covered is Coverage.NO:  # its source's firmness (a secondary one said primary:
        return Verdict.NOT  # hunt108 F1)
    if covered is Coverage.UNSTATED:
        chain.missing("no_list_before", b=label, a=fx.name(arch), v=v)
    elif covered is Coverage.YES:
        chain.rule("runs_before", b=label, a=fx.name(arch), v=v)
    return Verdict.UNKNOWN


@record(frozen=False)
class _Claim:
    """What one source says about one build and an architecture, and how to word it."""

    says: Coverage  #: YES, NO or PARTLY
    rank: int  #: the source's firmness (lower is firmer)
    word: Callable[[Chain], None]
    whole: bool = False  #: of the architecture as a whole (includes/excludes it), no list


def _coverage(fx: Facts, chain: Chain, hw: Hardware, arch: str, builds: list[str]) -> Coverage:
    """Whether the sources say the builds carry ``arch``. Agreeing sources: the firmest one
    is worded (it is what the verdict rests on); disagreeing ones: every side is."""
    claims: list[_Claim] = []
    lacking: list[Callable[[Chain], None]] = []
    for b in builds:  # lists first: of equally firm sources, the measured list is worded
        found, lack = _lists(fx, hw, b, arch)
        claims += found + _listed(fx, b, arch)
        lacking += [lack] if lack is not None else []
    if {c.says for c in claims} == {Coverage.YES, Coverage.PARTLY} and \
            all(c.whole for c in claims if c.says is Coverage.YES):  # "includes Kepler" and
        claims = [c for c in claims if c.says is Coverage.PARTLY]  # a list of some of its
        # compute capabilities say the same (a dispute to the why before: hunt52 F3)
    if len({c.says for c in claims}) > 1:
        for claim in sorted(claims, key=lambda c: c.rank):
            claim.word(chain)
        chain.rule("disputed", b=" / ".join(fx.name(b) for b in builds), a=fx.name(arch))
        return Coverage.DISPUTED
    if claims:
        min(claims, key=lambda c: c.rank).word(chain)
        return claims[0].says
    for lack in lacking[:1]:
        lack(chain)
    return Coverage.UNDECIDED if lacking else Coverage.UNSTATED


def _listed(fx: Facts, build: str, arch: str) -> list[_Claim]:
    """The sources that name the architecture as included in, or excluded from, the build."""
    out = []
    for prop, says in ((KG.includesArchitecture, Coverage.YES),
                       (KG.excludesArchitecture, Coverage.NO)):
        for f in fx.get(build, prop):
            if f.o != arch:
                continue
            for g in f.graphs:
                out.append(_Claim(says, fx.ctx.firmness(g).rank, _say(f.only(g)), whole=True))
    return out


def _say(fact: Fact) -> Callable[[Chain], None]:
    def word(chain: Chain) -> None:
        chain.fact([fact])
    return word


def _lists(fx: Facts, hw: Hardware, build: str,
           arch: str) -> tuple[list[_Claim], Callable[[Chain], None] | None]:
    """Each source's list of compute capabilities (and PTX) of the build, as a claim that it
    covers the GPU, does not, or covers some of the compute capabilities compared only; and,
    where lists are given but cannot be compared (no compute capability known, or one that
    is no version number: `sm_70` read as 70), how to say why."""
    caps, ptxs = fx.get(build, KG.includesCapability), fx.get(build, KG.includesPtx)
    graphs = sorted({g for f in (*caps, *ptxs) for g in f.graphs})
    targets = compared(fx, hw, arch)
    if not graphs:
        return [], None
    if not targets:
        return [], lambda chain: chain.missing("no_cc", a=fx.name(arch))
    out: list[_Claim] = []
    unusable: list[Fact] = []
    odd_targets = [f for f in targets if not _usable(f)]
    for graph in graphs:
        listed = [f.only(graph) for f in caps if graph in f.graphs]
        ptx = [f.only(graph) for f in ptxs if graph in f.graphs]
        odd = [*odd_targets, *(f for f in (*listed, *ptx) if not _usable(f))]
        listed, ptx = [f for f in listed if _usable(f)], [f for f in ptx if _usable(f)]
        covers = {} if odd_targets else _covering(targets, [f.o for f in listed],
                                                  [f.o for f in ptx])
        if odd and not (covers and all(covers.values())):  # what kg cannot read might cover
            unusable += [f for f in odd if f not in unusable]  # the rest (one `sm_70` of a
            continue  # list that has 7.0 left it undecided: hunt52 F2)
        out.append(_claim(fx, hw, build, arch, graph, (targets, listed, ptx), covers))
    if out or not unusable:
        return out, None
    return [], lambda chain: _unusable(fx, chain, hw, unusable)


def _usable(fact: Fact) -> bool:
    """Is the compute capability ``fact`` states a version number (`sm_70` is none)?"""
    return is_literal(LiteralKind.VERSION, fact.o)


def _unusable(fx: Facts, chain: Chain, hw: Hardware, facts: list[Fact]) -> None:
    series_gpus(fx, chain, hw)
    for f in facts:
        chain.fact([f])
    chain.missing("cc_unusable_build", values=", ".join(f"`{f.o}`" for f in facts))


def _claim(fx: Facts, hw: Hardware, build: str, arch: str, graph: str,
           facts: tuple[list[Fact], list[Fact], list[Fact]], covers: dict[str, str | None]) -> _Claim:
    """One source's list as a claim, worded with the facts compared."""
    b, a = fx.name(build), fx.name(arch)
    yes = {cc: by for cc, by in covers.items() if by is not None}
    says = Coverage.YES if len(yes) == len(covers) else Coverage.NO if not yes else Coverage.PARTLY

    def word(chain: Chain) -> None:
        series_gpus(fx, chain, hw)
        for group in facts:  # the compute capabilities compared, the list, its PTX
            chain.fact(group)
        if says is Coverage.NO:  # the compute capabilities compared, not the architecture's
            # (it said "no compute capability of Kepler" of a list that had 3.7: hunt105 F4)
            chain.rule("lacks+" if len(covers) > 1 else "lacks", b=b, a=a, t=", ".join(covers))
        elif says is Coverage.PARTLY:
            chain.rule("covers_partly", b=b, a=a, yes=", ".join(yes),
                       no=", ".join(cc for cc in covers if cc not in yes))
        else:
            code = {cc: by for cc, by in yes.items() if not by.startswith("PTX ")}
            sass = list(dict.fromkeys(code.values()))
            ptx = list(dict.fromkeys(by.removeprefix("PTX ") for by in yes.values()
                                     if by.startswith("PTX ")))
            if sass and list(code) != sass:  # code for 7.0 on a 7.5 GPU: "covers Turing with
                # compute capability 7.0" read as Turing's (hunt97 F4)
                chain.rule("covers_by+" if len(code) > 1 else "covers_by", b=b, a=a,
                           t=", ".join(code), cc=", ".join(sass))
            elif sass:
                chain.rule("covers+" if len(sass) > 1 else "covers", b=b, a=a, cc=", ".join(sass))
            if ptx:
                chain.rule("covers_ptx", b=b, a=a, cc=", ".join(ptx))

    return _Claim(says, fx.ctx.firmness(graph).rank, word)


def _covering(targets: list[Fact], listed: list[str], ptx: list[str]) -> dict[str, str | None]:
    """Each compute capability compared (those of the hardware's GPUs of the architecture,
    else the architecture's: :func:`kg.compat.hardware.compared`), with what in the list
    covers it: compiled code for X.y runs on X.z with z ≥ y (the same major version); PTX
    for P runs on any compute capability ≥ P, compiled at load time. A build covers the
    hardware when it covers each (an architecture named alone, a GPU the sources give two
    compute capabilities, a series with two GPUs), not when it covers one of them only.
    The CUDA version's own window of compute capabilities does not apply: it bounds what
    the toolkit compiles for, and the list is what was compiled (sm_80 code of a CUDA 11.0
    build runs on an 8.6 GPU, which CUDA 11.0 cannot compile for)."""
    out: dict[str, str | None] = {}
    for cc in dict.fromkeys(t.o for t in targets):
        key = version_key(cc)
        same = [c for c in listed if _major(c) == _major(cc) and version_key(c) <= key]
        lower = [p for p in ptx if version_key(p) <= key]
        out[cc] = (max(same, key=version_key) if same else
                   f"PTX {max(lower, key=version_key)}" if lower else None)
    return out


def _major(cc: str) -> str:
    return cc.split(".", 1)[0]
