"""Timing with alternating contenders: A B C, B C A, C A B …, medians, percentiles.

Every contender runs once as a warm-up (its time is kept as ``first``: caches built on
first use show there), then the contenders take turns, run by run, so drift in the
machine (frequency, other load) spreads over all of them alike, and each turn starts with
the next one, so none always follows the same one: in A B C A B C, kg always ran right
after the hand query, which at 1M triples reads a hub's 14,000 series for 0.5 s on the
other store (the hub's cell measured 1.41×–1.57× in three runs that way, 1.25× rotated).
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Timing", "alternate", "percentile", "timed"]


@dataclass
class Timing:
    """The runs of one contender, in seconds."""

    first: float
    runs: list[float] = field(default_factory=list)
    value: object = None  #: what the last run returned (to count its rows)

    @property
    def median(self) -> float:
        return statistics.median(self.runs) if self.runs else self.first

    @property
    def n(self) -> int:
        return len(self.runs) or 1


def timed(fn: Callable[[], object],
          setup: Callable[[], object] | None = None) -> tuple[float, object]:
    """Seconds ``fn`` takes, and what it returns (``setup`` run and garbage collected
    before, not timed: the collector's work caused by ``fn`` is part of its cost)."""
    if setup is not None:
        setup()
    gc.collect()
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def alternate(contenders: dict[str, Callable[[], object]], runs: int = 5,
              budget: float = 30.0, spend: float = 1.0, most: int = 25,
              setup: Callable[[], object] | None = None) -> dict[str, Timing]:
    """Time each contender ``runs`` times, taking turns; quick ones more often (as many
    runs as fit in ``spend`` seconds, up to ``most``: on a shared machine the median of 5
    runs of a few milliseconds still moves by a fifth). A contender whose warm-up took so
    long that ``runs`` more would pass ``budget`` seconds runs fewer times (none when the
    warm-up alone took longer: its one run is then the figure, marked n=1). ``setup`` runs,
    untimed, before every run of every contender."""
    out: dict[str, Timing] = {}
    for name, fn in contenders.items():
        seconds, value = timed(fn, setup)
        out[name] = Timing(seconds, value=value)
    slowest = max((t.first for t in out.values()), default=0.0)
    turns = max(runs, min(most, int(spend / max(slowest, 1e-9))))  # the same for all
    want = {name: min(turns, int(budget / max(t.first, 1e-9))) for name, t in out.items()}
    names = list(contenders)
    for turn in range(max(want.values(), default=0)):
        # each turn starts with the next contender: none always runs right after the same
        # one (after a slow query on another store, a store's memory is out of the caches)
        for name in names[turn % len(names):] + names[: turn % len(names)]:
            fn = contenders[name]
            if turn < want[name]:
                seconds, value = timed(fn, setup)
                out[name].runs.append(seconds)
                out[name].value = value
    return out


def percentile(values: list[float], pct: float) -> float:
    """The ``pct``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]
