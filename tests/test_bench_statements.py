"""The scale benchmark's hand-written SPARQL (bench/statements.py) answers the questions
kg's statements answer: its figures are the baseline of issue 11's targets, so a hand
query that skips part of the work would make kg look slow for the wrong reason."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from bench.generate import ensure
from bench.statements import HEADER, STATEMENTS, Statement
from kg.session import Graph

BY_KEY = {s.key: s for s in STATEMENTS}


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """The page with a small generated graph on top (the bench's names exist at every size)."""
    return kg.open_graph(data=[ensure(20_000, cache=Path(tmp_path_factory.mktemp("gen")))])


def hand(graph: Graph, statement: Statement) -> list[dict[str, ox.Term]]:
    store = graph.store.store  # type: ignore[attr-defined]
    result = store.query(HEADER + statement.hand, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    return [{n: s[n] for n in names if s[n] is not None} for s in result]


@pytest.mark.parametrize("statement", STATEMENTS, ids=lambda s: s.key)
def test_every_hand_query_answers(graph: Graph, statement: Statement) -> None:
    assert hand(graph, statement), statement.key
    assert graph.query(statement.kgq).rows, statement.kgq


def test_the_hand_check_gives_kgs_verdict(graph: Graph) -> None:
    """``check A with B``'s hand query compares the version with the architecture's window
    (directly or through the GPU), as `check` does, and reads each fact's source."""
    statement = BY_KEY["check A with B"]
    rows = hand(graph, statement)
    verdict = graph.query(statement.kgq).rows[0][0]
    assert verdict == "compatible"
    assert {r["ok"].value for r in rows} == {"true"}
    assert all({"g", "gmin"} <= r.keys() for r in rows)


def test_the_hand_check_with_gives_kgs_verdicts(graph: Graph) -> None:
    """``check with``'s hand query says compatible for exactly the sizes kg does (of those
    both take: kg takes the first 1,000 by name, the hand query by IRI)."""
    statement = BY_KEY["check with (1,000 rows)"]
    ok: dict[str, set[bool]] = {}
    for r in hand(graph, statement):
        ok.setdefault(r["size"].value, set()).add(r.get("ok", ox.Literal(False)).value == "true")
    result = graph.query(statement.kgq)
    kg_says = {iri: row[result.columns.index("verdict")] == "compatible"
               for iri, row in zip(result.focus, result.rows, strict=True)}
    both = ok.keys() & kg_says.keys()
    assert len(both) > 100
    assert {iri: any(ok[iri]) for iri in both} == {iri: kg_says[iri] for iri in both}
    assert set(kg_says.values()) == {True, False}  # the graph has both answers


def test_kgs_compiled_contender_gives_the_statements_rows(graph: Graph) -> None:
    """The raw run of kg's own SPARQL yields the rows of the query that makes the statement's
    rows: a trailing `check with` sends it first, then the facts it checks by (its "rows"
    column showed the facts query's)."""
    from bench.scale import _contenders, raw_store
    from kg.shipped import shipped_files

    files = [str(p) for p in shipped_files()] + [str(f) for f in graph.store.data]  # type: ignore[attr-defined]
    store = raw_store(files, like=graph)
    for statement in (BY_KEY["check with (1,000 rows)"], Statement(  # a check before it too
            "two checks", 'VMSeries | where category = GPU | check with "CUDA 12.0" | where '
            'verdict = compatible | check with "CUDA 11.0"', "SELECT * {}")):
        compiled = _contenders(graph, store, statement)["compiled"]()
        assert {row[0].value for row in compiled} == set(graph.query(statement.kgq).focus), \
            statement.kgq  # type: ignore[attr-defined]
