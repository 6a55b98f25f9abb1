"""How long completion takes per keystroke, on the shipped (page) graph or a bigger one.

Every prefix of a few realistic statements is completed, as if typed one
key at a time; the result is the median, 95th percentile and maximum in milliseconds.
The REPL's budget is 10 ms per keystroke. The first pass, which builds the session's
indexes (as the REPL's first keystrokes do), is timed apart.
"""

from __future__ import annotations

import statistics
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.session import Graph

__all__ = ["bench_completion", "completion_section", "STATEMENTS", "GENERATED"]

#: What users type: the spec's examples, dot-commands, and half-typed names.
STATEMENTS = (
    "VMSeries | where category = GPU | count",
    "VMSeries | where has supportedBy | count by category",
    "TrainingTarget | where supports AutoML | show name",
    "TrainingTarget | where supports Designer | show name, supports(Pipelines)",
    'VMSeries | where supportedBy = "compute cluster" and not supportedBy = "compute instance"',
    "GPUArchitecture | where minCuda >= 10.0 | show name, minCuda | sort minCuda",
    "VMSeries | where architecture = Pascal | show name",
    "VMSeries | where architecture in [Volta, Turing, ] | show name, gpu",
    "NCasT4_v3.architecture.minCuda",
    "InferenceTarget | where gpuSupport = true | show name",
    "VMSize | where isolated and rdma | show name, series",
    "VMSeries | where has retiredOn | show name, retiredOn | sort retiredOn desc",
    "VMSeries | follow architecture | where ^architecture.category = GPU | distinct",
    'describe "Azure Container Instances"',
    "path NCv3 to \"CUDA 9.0\"",
    "check NCv3 with \"CUDA 12.1\"",
    "schema VMSeries",
    ".format json",
    ".help schema",
)

#: What users type on a generated graph (bench/generate.py): its names.
GENERATED = (
    'describe "Gen Series 12"',
    'VMSeries | where architecture = "Gen Arch 3" | show name, gpu',
    'check "Gen Series 1" with "Gen CUDA 12.1"',
    'neighbors "Gen GPU 7" depth 2',
)


def _prefixes(statements: tuple[str, ...]) -> list[str]:
    return [text[:i] for text in statements for i in range(len(text) + 1)]


def _pass(completer: object, prefixes: list[str]) -> list[float]:
    timings = []
    for text in prefixes:
        started = time.perf_counter()
        list(completer.completions(text))  # type: ignore[attr-defined]
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def bench_completion(repeat: int = 1, graph: Graph | None = None,
                     statements: tuple[str, ...] = STATEMENTS) -> dict[str, Any]:
    """Complete every prefix of ``statements``; return ``median_ms``, ``p95_ms``, ``max_ms``,
    ``prefixes`` (how many completions were timed), and ``first_pass_ms`` / ``first_max_ms``
    (the warm-up pass, which builds the session's indexes, as in the REPL), and ``slowest``
    (the prefix of the slowest timed keystroke).
    """
    from kg.repl.completer import KgCompleter
    from kg.repl.state import ReplState
    from kg.session import Graph

    completer = KgCompleter(ReplState(graph or Graph.open()))
    prefixes = _prefixes(statements)
    first = _pass(completer, prefixes)  # warm-up: the per-session indexes, lark's tables
    timings: list[float] = []
    for _ in range(repeat):
        timings += _pass(completer, prefixes)
    slowest = prefixes[timings.index(max(timings)) % len(prefixes)]
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    return {"median_ms": statistics.median(timings), "p95_ms": p95, "max_ms": timings[-1],
            "prefixes": float(len(prefixes)), "first_pass_ms": sum(first),
            "first_max_ms": max(first), "slowest": slowest}


def completion_section(graph: Graph | None, where: str, repeat: int = 3) -> None:
    """Print completion per keystroke and record the target (max ≤ 10 ms)."""
    from bench.report import say, table, target

    statements = STATEMENTS + (GENERATED if graph is not None else ())
    stats = bench_completion(repeat, graph, statements)
    say(f"### REPL completion per keystroke, {where} ({int(stats['prefixes'])} prefixes × "
        f"{repeat}; ms)\n")
    table(["p50", "p95", "max", "slowest prefix", "first pass (builds the indexes): total",
           "its slowest keystroke"],
          [[f"{stats['median_ms']:.2f}", f"{stats['p95_ms']:.2f}", f"{stats['max_ms']:.2f}",
            f"`{stats['slowest']}`", f"{stats['first_pass_ms']:,.0f}",
            f"{stats['first_max_ms']:,.0f}"]])
    target(where, "completion max ≤ 10 ms per keystroke", f"{stats['max_ms']:.1f} ms "
           f"(p95 {stats['p95_ms']:.1f})", "10 ms", stats["max_ms"] <= 10)


if __name__ == "__main__":
    stats = bench_completion(repeat=3)
    print(f"completion: {int(stats['prefixes'])} prefixes, median {stats['median_ms']:.2f} ms, "
          f"p95 {stats['p95_ms']:.2f} ms, max {stats['max_ms']:.2f} ms (budget 10 ms)")
