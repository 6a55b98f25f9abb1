"""The scale section: a generated graph (bench/generate.py) loaded with ``--data`` on top
of the embedded graph, at 100k and 1M triples.

- load: ``kg.open_graph(data=[file])`` against a raw pyoxigraph ``Store().load`` of the
  same files, each in a fresh process (time and peak memory), alternating kg, raw, kg, …
- statements: each timed three ways, alternating run by run in this process: kg end to end
  (``Graph.query``), raw pyoxigraph running kg's compiled SPARQL, raw pyoxigraph running a
  hand-written SPARQL for the same question (bench/statements.py).

kg's compiled SPARQL is every query kg sends for the statement, in order, as the executor
fills them: a plan with steps (a `limit` cut by names or versions, a `check with`) sends
its steps' queries (and the facts a check reads) before its own. What kg does between
them in Python (picking the first by names, checking) is not SPARQL, so not in that run.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

import kg
from bench.generate import ensure
from bench.report import ms, ratio, say, table, target
from bench.statements import HEADER, STATEMENTS, Statement
from bench.timing import Timing, alternate
from kg.plans import sparql_of
from kg.shipped import shipped_files

__all__ = ["run_scale", "raw_store", "load_section", "statement_section"]

ROOT = Path(__file__).resolve().parent.parent


def label(triples: int) -> str:
    return f"{triples // 1_000_000}M" if triples >= 1_000_000 else f"{triples // 1000}k"


def raw_store(files: list[str], like: kg.Graph | None = None) -> ox.Store:
    """A pyoxigraph store loaded with ``files``; with ``like``, the sources of other page
    revisions dropped as kg drops them (the same quads as ``like``'s store, so both run
    the same SPARQL on the same data)."""
    store = ox.Store()
    for path in files:
        fmt = ox.RdfFormat.TRIG if path.endswith(".trig") else ox.RdfFormat.TURTLE
        store.load(path=path, format=fmt)
    if like is not None:
        theirs = like.store.store  # type: ignore[union-attr]
        kept = set(theirs.named_graphs())
        for graph in [g for g in store.named_graphs() if g not in kept]:
            store.remove_graph(graph)
            described = next(theirs.quads_for_pattern(graph, None, None, ox.DefaultGraph()), None)
            if described is not None:  # a superseded source: kg keeps what it is
                continue
            for quad in list(store.quads_for_pattern(graph, None, None, ox.DefaultGraph())):
                store.remove(quad)
        assert len(store) == len(like.store.store), (len(store), len(like.store.store))  # type: ignore[union-attr]
    return store


def _one_load(who: str, files: list[str]) -> dict[str, float]:
    args = files[-1:] if who == "kg" else files
    done = subprocess.run([sys.executable, "-m", "bench.loadproc", who, *args], cwd=ROOT,
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def load_section(triples: int, files: list[str], runs: int) -> None:
    """Load time and peak memory, kg against raw pyoxigraph, one fresh process per load."""
    got: dict[str, list[dict[str, float]]] = {"kg": [], "raw": []}
    for who in got:  # warm-up: the file system cache, .pyc files
        _one_load(who, files)
    for _ in range(runs):
        for who in got:
            got[who].append(_one_load(who, files))
    med = {who: statistics.median(r["seconds"] for r in rs) for who, rs in got.items()}
    peak = {who: max(r["peak_kb"] for r in rs) / 1024 for who, rs in got.items()}
    base = {who: max(r["base_kb"] for r in rs) / 1024 for who, rs in got.items()}
    say(f"### Load, {label(triples)} ({int(got['kg'][0]['quads']):,} quads in kg, "
        f"{int(got['raw'][0]['quads']):,} in raw; median of {runs}, alternating)\n")
    table(["contender", "load (ms)", "peak RSS (MiB)", "of it before loading (MiB)"],
          [["kg.open_graph(data=[file])", ms(med["kg"]), f"{peak['kg']:,.0f}", f"{base['kg']:,.0f}"],
           ["pyoxigraph Store().load", ms(med["raw"]), f"{peak['raw']:,.0f}", f"{base['raw']:,.0f}"],
           ["kg / raw", ratio(med["kg"], med["raw"]), ratio(peak["kg"], peak["raw"]), ""]])
    target(label(triples), "load ≤ 1.3× raw pyoxigraph",
           f"{med['kg'] / med['raw']:.2f}× ({ms(med['kg'])} / {ms(med['raw'])} ms)", "1.30×",
           med["kg"] <= 1.3 * med["raw"])


def _raw(store: ox.Store, *queries: str, main: int = -1) -> Callable[[], object]:
    """Run ``queries`` in turn, reading every row; the rows of ``queries[main]`` (the one that
    makes the statement's rows) are the result."""
    def run() -> object:
        results: list[list[tuple[object, ...]]] = []
        for sparql in queries:
            solutions = store.query(sparql, use_default_graph_as_union=True)
            assert isinstance(solutions, ox.QuerySolutions)
            results.append([tuple(s) for s in solutions])
        return results[main]
    return run


def sent_queries(graph: kg.Graph, text: str) -> list[str]:
    """Every query kg sends for ``text`` as the bench times it, in order, slots filled: on
    a warm session (what a session reads once, such as the names of the sources, is not
    sent again) whose facts and verdicts for `check` are forgotten, as before each timed
    run. A plan with steps sends their queries (and the facts a check reads) first, then
    its own; a trailing `check with` its own first, then the facts it checks by. Nothing
    for a statement whose plan is no query (`path`, `neighbors` and `check` work in Python
    over what they read: their raw run is the hand query alone)."""
    if not sparql_of(graph.compile(text)):
        return []
    graph.query(text)  # warm
    graph.context.kept.clear()
    store, sent = graph.context.store, []
    real = store.solutions  # what select and select_named run

    def solutions(sparql: str) -> object:
        sent.append(sparql)
        return real(sparql)

    store.solutions = solutions  # type: ignore[method-assign]
    try:
        graph.query(text)
    finally:
        del store.solutions  # the class's method again
    return sent


def _contenders(graph: kg.Graph, store: ox.Store, st: Statement) -> dict[str, Callable[[], object]]:
    compiled = sent_queries(graph, st.kgq)
    out: dict[str, Callable[[], object]] = {"kg": lambda: graph.query(st.kgq)}
    if compiled:  # the rows' own query: a trailing `check with` reads its facts after it
        out["compiled"] = _raw(store, *compiled, main=_main(graph, st.kgq, compiled))
    out["hand"] = _raw(store, HEADER + st.hand)
    return out


def _main(graph: kg.Graph, text: str, sent: list[str]) -> int:
    """Which of the ``sent`` queries is the statement's own (the one its rows come from):
    the one that selects what its plan selects (a step's and the facts' select other
    variables); the last where none does."""
    def select(sparql: str) -> str:
        return next((line for line in sparql.splitlines() if line.startswith("SELECT")), "")

    own = select(sparql_of(graph.compile(text)) or "")
    return next((i for i, sparql in enumerate(sent) if select(sparql) == own), len(sent) - 1)


def _rows(t: Timing | None) -> str:
    if t is None:
        return "—"
    value = t.value
    return str(len(value.rows) if isinstance(value, kg.Result) else len(value))  # type: ignore[arg-type]


def _statement_row(st: Statement, times: dict[str, Timing]) -> list[str]:
    k, c, h = times["kg"], times.get("compiled"), times["hand"]
    best = min(t.median for t in (c, h) if t is not None)
    return [st.key, ms(k.median, k.n), ms(k.first), ms(c.median, c.n) if c else "—",
            ms(h.median, h.n), ratio(k.median, best), ratio(c.median, h.median) if c else "—",
            f"{_rows(k)} / {_rows(c)} / {_rows(h)}"]


def _statement_targets(triples: int, st: Statement, times: dict[str, Timing]) -> None:
    k = times["kg"].median
    best = min(t.median for name, t in times.items() if name != "kg")
    where = label(triples)
    target(where, f"`{st.key}` ≤ 1.5× best raw", f"{k / best:.2f}× ({ms(k)} ms)", "1.50×",
           k <= 1.5 * best)
    if triples >= 1_000_000:  # the first run too: a cold `kg query` pays its cache builds
        first = times["kg"].first
        target(where, f"`{st.key}` ≤ 2 s", f"{ms(k)} ms (first run {ms(first)})", "2,000 ms",
               max(k, first) <= 2.0)
    if st.kgq.split("|")[-1].strip().startswith("check with"):
        target(where, "`check with` over 1,000 rows ≤ 0.5 s", f"{ms(k)} ms", "500 ms", k <= 0.5)


def statement_section(triples: int, graph: kg.Graph, store: ox.Store, runs: int,
                      budget: float) -> None:
    """Every statement three ways (kg, kg's SPARQL raw, hand-written SPARQL raw)."""
    rows = []
    say(f"### Statements, {label(triples)} (median ms of {runs} to 25 alternating runs, "
        "as many as fit in a second; "
        "kg first = its warm-up run, with caches built on first use; every kg run with the "
        "facts and verdicts a session keeps for `check` forgotten, and the names it keeps "
        "for gathered cells and `describe` kept (kg/labels.py); raw = a pyoxigraph "
        "store loaded with the same files, other revisions' sources dropped as kg drops "
        "them, queried with use_default_graph_as_union=True)\n")
    for st in STATEMENTS:
        # a check does its work: the facts and verdicts the session keeps, forgotten (untimed)
        times = alternate(_contenders(graph, store, st), runs=runs, budget=budget,
                          setup=graph.context.kept.clear)
        rows.append(_statement_row(st, times))
        _statement_targets(triples, st, times)
    table(["statement", "kg", "kg first", "raw: kg's SPARQL", "raw: hand SPARQL",
           "kg / best raw", "kg's SPARQL / hand", "rows kg / kg's SPARQL / hand"], rows)
    say("Statements:\n")
    for st in STATEMENTS:
        say(f"- {st.key}: `{st.kgq}`")
    say()


def run_scale(triples: int, runs: int, budget: float, sections: set[str]) -> None:
    start = time.perf_counter()
    data = ensure(triples)
    files = [str(p) for p in shipped_files()] + [str(data)]
    say(f"## Scale: {label(triples)} (generated {data.name}, "
        f"{data.stat().st_size / 1e6:,.1f} MB, in {time.perf_counter() - start:.1f} s)\n")
    if "load" in sections:
        load_section(triples, files, runs)
    if not sections & {"statements", "completion"}:
        return
    graph = kg.open_graph(data=[data])
    if "statements" in sections:
        statement_section(triples, graph, raw_store(files, like=graph), runs, budget)
    if "completion" in sections and triples < 1_000_000:
        from bench.completion import completion_section

        completion_section(graph, label(triples))
