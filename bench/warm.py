"""Warm latency of every documented example (the ```kgq blocks of docs/language.md), on
the embedded graph as of the seed revision (which the documentation's examples, and
tests/test_docs.py, answer): the examples take turns, run by run, so drift spreads over all."""

from __future__ import annotations

import re
import statistics
import time
from pathlib import Path

from bench.report import say, table, target
from bench.timing import percentile
from kg.session import Graph

__all__ = ["warm_section", "documented_examples"]

ROOT = Path(__file__).resolve().parent.parent
SEED = "2024-01-23"  #: the revision the documented examples answer (tests/conftest.py)


def documented_examples() -> list[str]:
    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    return [e.strip() for e in re.findall(r"```kgq\n(.*?)```", text, flags=re.S)]


def _times(graph: Graph, examples: list[str], runs: int,
           afresh: bool = False) -> dict[str, list[float]]:
    """Each example's times; ``afresh``: with the facts and verdicts a session keeps for
    ``check`` (``kg.facts.Facts.of``) forgotten before each run, so a check does its work."""
    for text in examples:  # warm-up: per-session caches (network, source labels)
        graph.query(text)
    times: dict[str, list[float]] = {text: [] for text in examples}
    kept = graph.context.kept
    for _ in range(runs):
        for text in examples:
            if afresh:
                kept.clear()
            start = time.perf_counter()
            graph.query(text)
            times[text].append((time.perf_counter() - start) * 1000)
    return times


def warm_section(runs: int = 200) -> None:
    """p50 and p95 of each example; the target is p50 ≤ 1 ms for every one."""
    graph = Graph.open(as_of=SEED)
    examples = documented_examples()
    times = _times(graph, examples, runs)
    rows = sorted(((statistics.median(ts), percentile(ts, 95), text) for text, ts in times.items()),
                  reverse=True)
    say(f"### Warm latency of the {len(examples)} documented examples (ms, {runs} runs each, "
        "taking turns; slowest first)\n")
    table(["p50", "p95", "example"],
          [[f"{p50:.3f}", f"{p95:.3f}", f"`{text}`"] for p50, p95, text in rows])
    over = [text for p50, _, text in rows if p50 > 1.0]
    target("page", "warm p50 ≤ 1 ms for every documented example",
           f"worst {rows[0][0]:.2f} ms; {len(over)} of {len(rows)} over", "1 ms", not over)
    checks = [text for text in examples if "check " in text]
    fresh = _times(graph, checks, max(runs // 4, 5), afresh=True)
    say(f"The {len(checks)} examples with `check`, a session's facts and verdicts forgotten "
        "before each run (what a check costs the first time a session asks it; ms):\n")
    slowest = sorted(fresh.items(), key=lambda item: -statistics.median(item[1]))
    table(["p50", "p95", "session's facts kept: p50", "example"],
          [[f"{statistics.median(ts):.3f}", f"{percentile(ts, 95):.3f}",
            f"{statistics.median(times[text]):.3f}", f"`{text}`"] for text, ts in slowest])
