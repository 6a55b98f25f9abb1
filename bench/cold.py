"""Cold start: ``kg query`` in a fresh process against a raw pyoxigraph script that loads
the same files and runs the same SPARQL (kg's compiled query), alternating run by run."""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.report import ms, ratio, say, table, target
from kg.plans import sparql_of
from kg.session import Graph
from kg.shipped import shipped_files

__all__ = ["cold_section", "COLD_QUERY", "RAW_SCRIPT"]

ROOT = Path(__file__).resolve().parent.parent
COLD_QUERY = "VMSeries | where category = GPU | show name, architecture"
RAW_SCRIPT = """
import json, sys
import pyoxigraph as ox
store = ox.Store()
for path in sys.argv[2:]:
    store.load(path=path, format=ox.RdfFormat.TRIG if path.endswith(".trig") else ox.RdfFormat.TURTLE)
result = store.query(sys.argv[1], use_default_graph_as_union=True)
names = [v.value for v in result.variables]
print(json.dumps([{n: getattr(sol[i], "value", None) for i, n in enumerate(names)}
                  for sol in result]))
"""


def _seconds(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def cold_section(runs: int = 10) -> None:
    """Median wall time of each command over ``runs`` alternating runs (after a warm-up)."""
    compileall.compile_dir(ROOT / "kg", quiet=1)  # as installing a wheel does (the warm-up
    # runs may not write them: PYTHONDONTWRITEBYTECODE)
    sparql = sparql_of(Graph.open().compile(COLD_QUERY))
    files = [str(p) for p in shipped_files()]
    commands = {
        "bare interpreter (`python -c pass`)": [sys.executable, "-c", "pass"],
        "`python -c 'import kg'` (the package: kg.Graph loads on first use)":
            [sys.executable, "-c", "import kg"],
        "`python -c 'import kg.session'` (the pipeline a statement needs)":
            [sys.executable, "-c", "import kg.session"],
        "`kg query … --format json`": [sys.executable, "-m", "kg", "query", COLD_QUERY,
                                       "--format", "json"],
        "raw pyoxigraph script": [sys.executable, "-c", RAW_SCRIPT, sparql or "", *files],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for cmd in commands.values():  # warm-up: file system cache, .pyc files
        _seconds(cmd)
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(_seconds(cmd))
    med = {name: statistics.median(ts) for name, ts in times.items()}
    kg_cold, raw = med["`kg query … --format json`"], med["raw pyoxigraph script"]
    say(f"### Cold start on the page graph (median ms of {runs} alternating runs)\n")
    say(f"Statement: `{COLD_QUERY}`\n")
    table(["command", "wall (ms)", "vs raw script"],
          [[name, ms(m), ratio(m, raw)] for name, m in med.items()])
    target("page", "cold `kg query` ≤ 2× raw pyoxigraph script",
           f"{kg_cold / raw:.2f}× ({ms(kg_cold)} / {ms(raw)} ms)", "2.00×", kg_cold <= 2 * raw)
