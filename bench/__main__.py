"""`make bench`: warm query latency, cold `kg query` end to end against the naive rdflib
script a user would write, and REPL completion latency — in one run, as ratios."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from kg.session import Graph
from kg.store import shipped_files

ROOT = Path(__file__).resolve().parent.parent
SPEC_EXAMPLES = [
    "VMSeries | where category = GPU | count",
    "VMSeries | where has supportedBy | count by category",
    "TrainingTarget | where supports AutoML | show name",
    "TrainingTarget | show name, supports(AutoML), supports(Pipelines), supports(Designer)",
    'VMSeries | where supportedBy = "compute cluster" and not supportedBy = "compute instance"',
    "GPUArchitecture | where minCuda >= 10.0 | show name, minCuda | sort minCuda",
    "VMSeries | where architecture = Pascal | show name",
    "NCasT4_v3.architecture.minCuda",
    "InferenceTarget | where gpuSupport = true | show name",
    "VMSize | where isolated and rdma | show name, series",
    "VMSeries | where has retiredOn | show name, retiredOn | sort retiredOn",
    'describe "Azure Container Instances"',
    'path NCv3 to "CUDA 9.0"',
]
COLD_QUERY = "VMSeries | where category = GPU | show name, architecture"
NAIVE_SCRIPT = """
import sys, rdflib
ds = rdflib.Dataset(default_union=True)
for path in sys.argv[1:]:
    ds.parse(path, format="trig" if path.endswith(".trig") else "turtle")
q = '''PREFIX kg: <https://w3id.org/azml-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?name ?arch WHERE {
  ?s a kg:VMSeries ; kg:category ?c ; rdfs:label ?name .
  ?c rdfs:label "GPU"@en .
  FILTER(LANG(?name) = "en")
  OPTIONAL { ?s kg:architecture ?a . ?a rdfs:label ?arch FILTER(LANG(?arch) = "en") }
} ORDER BY ?name'''
import json
print(json.dumps([{"name": str(r.name), "architecture": str(r.arch)} for r in ds.query(q)]))
"""


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def warm_latency(graph: Graph, runs: int = 200) -> list[tuple[str, float, float]]:
    rows = []
    for text in SPEC_EXAMPLES:
        graph.query(text)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            graph.query(text)
            times.append((time.perf_counter() - start) * 1000)
        rows.append((text, statistics.median(times), percentile(times, 95)))
    return rows


def timed(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    graph = Graph.open()
    print(f"graph: {len(graph.store):,} quads, {len(graph.ontology.entities)} entities\n")
    print("warm latency of the spec examples (ms; target p50 ≤ 1 ms)")
    rows = warm_latency(graph)
    for text, p50, p95 in rows:
        print(f"  p50 {p50:6.3f}  p95 {p95:6.3f}  {text}")
    worst = max(p50 for _, p50, _ in rows)
    print(f"  worst p50 {worst:.3f} ms -> {'met' if worst <= 1 else 'NOT met'}\n")

    files = [str(p) for p in shipped_files()]
    bare = timed([sys.executable, "-c", "pass"], 10)
    cold = timed([sys.executable, "-m", "kg", "query", COLD_QUERY, "--format", "json"], 10)
    naive = timed([sys.executable, "-c", NAIVE_SCRIPT, *files], 5)
    print("cold end to end (median ms; reference: the naive rdflib script, same run)")
    print(f"  bare interpreter   {bare:7.1f}")
    print(f"  kg query           {cold:7.1f}")
    print(f"  naive rdflib       {naive:7.1f}")
    ratio = cold / naive
    print(f"  ratio kg / naive   {ratio:7.2f}  (target ≤ 0.50) -> {'met' if ratio <= 0.5 else 'NOT met'}\n")

    try:
        from bench.completion import bench_completion
    except ImportError:
        print("completion: bench/completion.py not present")
    else:
        stats = bench_completion()
        p50, p95 = stats["median_ms"], stats["p95_ms"]
        print(f"REPL completion per keystroke over {int(stats['prefixes'])} prefixes "
              "(ms; target ≤ 10 ms)")
        print(f"  p50 {p50:.3f}  p95 {p95:.3f}  max {stats['max_ms']:.3f} -> "
              f"{'met' if p95 <= 10 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
