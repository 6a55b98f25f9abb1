"""How long completion takes per keystroke, on the shipped (page) graph.

Every prefix of a few realistic statements is completed, as if typed one
key at a time; the result is the median and 95th percentile in milliseconds.
The REPL's budget is 10 ms per keystroke.
"""

from __future__ import annotations

import statistics
import time

__all__ = ["bench_completion", "STATEMENTS"]

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


def _prefixes() -> list[str]:
    return [text[:i] for text in STATEMENTS for i in range(len(text) + 1)]


def bench_completion(repeat: int = 1) -> dict[str, float]:
    """Complete every prefix of :data:`STATEMENTS`; return ``median_ms``, ``p95_ms``,
    ``max_ms`` and ``prefixes`` (how many completions were timed).

    The session's indexes are built first (once per session, as in the REPL);
    the timings are per keystroke after that.
    """
    from kg.repl.completer import KgCompleter
    from kg.repl.state import ReplState
    from kg.session import Graph

    completer = KgCompleter(ReplState(Graph.open()))
    prefixes = _prefixes()
    for text in prefixes:  # warm-up: the per-session indexes, lark's tables
        list(completer.completions(text))
    timings: list[float] = []
    for _ in range(repeat):
        for text in prefixes:
            started = time.perf_counter()
            list(completer.completions(text))
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    return {"median_ms": statistics.median(timings), "p95_ms": p95, "max_ms": timings[-1],
            "prefixes": float(len(prefixes))}


if __name__ == "__main__":
    stats = bench_completion(repeat=3)
    print(f"completion: {int(stats['prefixes'])} prefixes, median {stats['median_ms']:.2f} ms, "
          f"p95 {stats['p95_ms']:.2f} ms, max {stats['max_ms']:.2f} ms (budget 10 ms)")
