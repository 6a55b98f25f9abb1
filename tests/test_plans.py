"""Golden plans: each case's KGQ compiles to exactly its expected SPARQL (or plan).

A case is a folder under ``tests/golden/plan/``: ``query.kgq``, optional ``params``
(``NAME=VALUE`` lines) and ``plan.sparql``, what ``kg query --explain`` prints. A change
to the compiler shows up as a readable diff here; ``pytest --update-golden`` rewrites
the expected files after a deliberate change. Every compiled query also runs on
pyoxigraph and on rdflib's SPARQL engine, which must agree: the text is plain SPARQL 1.1.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.plans import explain, sparql_of
from kg.session import Graph
from kg.steps import run_steps

CASES = Path(__file__).parent / "golden" / "plan"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "query.kgq").is_file())
LANGUAGE = (Path(__file__).parent.parent / "docs" / "language.md").read_text()
EXAMPLES = re.findall(r"```kgq\n(.*?)```", LANGUAGE, flags=re.S)


def _params(case: Path) -> dict[str, str]:
    file = case / "params"
    if not file.is_file():
        return {}
    pairs = (line.split("=", 1) for line in file.read_text().splitlines() if line.strip())
    return {k.strip(): v.strip() for k, v in pairs}


@pytest.mark.parametrize("name", NAMES)
def test_plan_is_golden(graph: Graph, update_golden: bool, name: str) -> None:
    case = CASES / name
    text = (case / "query.kgq").read_text()
    got = explain(graph.compile(text, _params(case))) + "\n"
    expected = case / "plan.sparql"
    if update_golden or not expected.exists():
        expected.write_text(got)
    assert got == expected.read_text(), f"{name}: the compiled plan changed"


def test_there_are_enough_cases() -> None:
    assert len(NAMES) >= 30


@pytest.mark.parametrize("name", NAMES)
def test_plan_runs_on_rdflib_too(graph: Graph, rdflib_dataset: object, name: str) -> None:
    """The compiled SPARQL is plain SPARQL 1.1: rdflib's engine gives the same rows."""
    case = CASES / name
    plan = graph.compile((case / "query.kgq").read_text(), _params(case))
    sparql = sparql_of(plan)
    if sparql is None:
        pytest.skip("runs as a graph algorithm, not SPARQL")
    steps = getattr(plan, "steps", ())
    if steps:  # `check with`, cuts: their slots filled, as the executor does
        sparql = run_steps(sparql, steps, graph.lang, graph.context)[0]
        assert sparql is not None, "a step leaves no entity: the case checks nothing"
    _, oxi = graph.store.select(sparql)
    got = rdflib_dataset.query(sparql)  # type: ignore[attr-defined]
    assert _normal(oxi) == _normal_rdflib(got), name


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.strip()[:50] for e in EXAMPLES])
def test_every_documented_example_gives_the_same_rows_on_rdflib(
        graph: Graph, rdflib_dataset: object, example: str) -> None:
    """Every example of docs/language.md that compiles to SPARQL runs on both engines."""
    plan = graph.compile(example)
    sparql = sparql_of(plan)
    if sparql is None:
        pytest.skip("runs as a graph algorithm, not SPARQL")
    steps = getattr(plan, "steps", ())
    if steps:
        sparql = run_steps(sparql, steps, graph.lang, graph.context)[0]
        assert sparql is not None, "a step leaves no entity: the example checks nothing"
        first = steps[0].sparql  # the first step's query has no slot: it runs as it is
        assert _normal(graph.store.select(first)[1]) == _normal_rdflib(
            rdflib_dataset.query(first))  # type: ignore[attr-defined]
    _, oxi = graph.store.select(sparql)
    got = rdflib_dataset.query(sparql)  # type: ignore[attr-defined]
    assert _normal(oxi) == _normal_rdflib(got)


def _normal(rows: list[tuple[object, ...]]) -> set[tuple[str, ...]]:
    """Distinct rows: a union default graph is a set of triples (pyoxigraph repeats a
    triple stated in two graphs, rdflib does not; kg's executor reads distinct values)."""
    return {tuple(_items("" if t is None else t.value) for t in row) for row in rows}  # type: ignore[attr-defined]


def _normal_rdflib(result: object) -> set[tuple[str, ...]]:
    return {tuple(_items("" if t is None else str(t)) for t in row) for row in result}  # type: ignore[attr-defined]


def _items(text: str) -> str:
    """A gathered cell's text (kg.planner.several.gather: IRIs), or a sort key's names (``=name``
    each, kg.cells.by_gathered reads the least or greatest), as its distinct items in order:
    engines gather in an order of their own, and repeat what several sources state."""
    fields = text.split(" ")
    if text.startswith("=") and all(f.startswith("=") for f in fields):
        return " ".join(sorted(set(fields)))
    if not text.endswith(" ") or not all(f.startswith("http") for f in fields[:-1]):
        return text
    return " ".join(sorted(set(fields[:-1])))
