"""Before and after in one run: the same statements on kg at another checkout and on this
tree, taking turns (old, new, old, new …) so the machine's load falls on both alike.

    python -m bench.versus /tmp/kg-old        # a checkout of the commit to compare with
    git worktree add /tmp/kg-old 33d1b6e && python -m bench.versus /tmp/kg-old
    python -m bench.versus /tmp/kg-old /tmp/kg-new   # two checkouts, neither this tree
    python -m bench.versus --same-data /tmp/kg-old   # both on the new side's graph files

Prints, per statement, the median warm time (ms) of each side and their ratio, and the
median cold `kg query` time of each side. Each side answers as of the seed revision where
it knows revisions (an old checkout knows only the seed).

With ``--same-data``, the old side runs its code on the new side's graph files (``ontology/``
copied beside the old ``kg/`` in a temporary folder): code against code, whatever the graph
grew by in between. The old code knows no revisions, so it answers over all of them.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.spec import SPEC_STATEMENTS

#: The spec's statements (those the checkout of 33d1b6e answers too) and two checks.
STATEMENTS = [*SPEC_STATEMENTS, 'check NCv3 with "CUDA 12.1"',
              'VMSeries | where category = GPU | check with "CUDA 12.1"']
COLD = "VMSeries | where category = GPU | show name, architecture"
WORKER = """
import inspect, json, statistics, sys, time
from kg.session import Graph
statements, reps = json.loads(sys.argv[1]), int(sys.argv[2])
seed = "as_of" in inspect.signature(Graph.open).parameters
try:
    graph = Graph.open(as_of="2024-01-23") if seed else Graph.open()
except Exception:  # a checkout whose graph has no revisions yet: it is the seed
    graph = Graph.open()
out = {}
for text in statements:
    try:
        graph.query(text)
    except Exception as exc:
        out[text] = None
        continue
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        graph.query(text)
        times.append((time.perf_counter() - start) * 1000)
    out[text] = statistics.median(times)
print(json.dumps(out))
"""


def _warm(tree: Path, rounds: int, reps: int) -> dict[str, list[float]]:
    got: dict[str, list[float]] = {}
    done = subprocess.run([sys.executable, "-c", WORKER, json.dumps(STATEMENTS), str(reps)],
                          cwd=tree, capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(tree), "PATH": ""})
    for text, ms in json.loads(done.stdout).items():
        if ms is not None:
            got.setdefault(text, []).append(ms)
    return got


def _cold(tree: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", "query", COLD, "--format", "json"], cwd=tree,
                   check=True, stdout=subprocess.DEVNULL, env={"PYTHONPATH": str(tree)})
    return (time.perf_counter() - start) * 1000


def _with_data(code: Path, data: Path, into: Path) -> Path:
    """A tree with ``code``'s package and ``data``'s graph files and saved queries."""
    shutil.copytree(code / "kg", into / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    for folder in ("ontology", "queries"):
        shutil.copytree(data / folder, into / folder)
    return into


def main(argv: list[str]) -> int:
    same = "--same-data" in argv
    argv = [a for a in argv if a != "--same-data"]
    if len(argv) not in (1, 2) or not all((Path(a) / "kg").is_dir() for a in argv):
        print("usage: python -m bench.versus [--same-data] OLD_CHECKOUT [NEW_CHECKOUT]",
              file=sys.stderr)
        return 2
    old = Path(argv[0]).resolve()
    new = Path(argv[1]).resolve() if len(argv) == 2 else Path(__file__).resolve().parent.parent
    if same:
        with tempfile.TemporaryDirectory(prefix="kg-versus-") as tmp:
            return _compare(_with_data(old, new, Path(tmp)), new)
    return _compare(old, new)


def _compare(old: Path, new: Path) -> int:
    rounds, reps = 5, 50
    warm: dict[str, dict[str, list[float]]] = {"old": {}, "new": {}}
    cold: dict[str, list[float]] = {"old": [], "new": []}
    for _ in range(rounds):
        for side, tree in (("old", old), ("new", new)):
            for text, times in _warm(tree, rounds, reps).items():
                warm[side].setdefault(text, []).extend(times)
            cold[side] += [_cold(tree), _cold(tree)]
    print("| statement | before (ms) | after (ms) | after / before |\n|---|---|---|---|")
    for text in STATEMENTS:
        a, b = warm["old"].get(text), warm["new"].get(text)
        before = f"{statistics.median(a):.2f}" if a else "—"
        after = f"{statistics.median(b):.2f}" if b else "—"
        ratio = f"{statistics.median(b) / statistics.median(a):.2f}" if a and b else "—"
        print(f"| `{text.replace('|', chr(92) + '|')}` | {before} | {after} | {ratio} |")
    a, b = statistics.median(cold["old"]), statistics.median(cold["new"])
    print(f"| cold `kg query` (process) | {a:.0f} | {b:.0f} | {b / a:.2f} |")
    print(f"\n{rounds} rounds, old and new taking turns; warm: median of {reps} runs each round")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
