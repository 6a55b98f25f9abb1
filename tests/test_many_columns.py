"""Several columns with several values each: their values add up, they do not multiply.

Each such column binds its values in a UNION branch of its own (kg.planner.several.apart),
so a row entity's solutions are its columns' values together, not their product; the
cells must be exactly the cells each column has on its own.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.plans import explain, sparql_of
from kg.session import Graph

#: (class and stages, the columns with several values, the other columns)
CASES = [
    ("ManagedCompute", ["^supportedBy", "^supportedBy.^series"], ["name"]),
    ("VMSeries", ["supportedBy", "^series"], ["name", "category"]),
    ("VMSeries | where category = GPU", ["supportedBy", "^series", "gpu.architecture"], ["name"]),
    ("GPUArchitecture", ["^architecture", "^architecture.^series"], ["name", "minCuda"]),
    ('VMSeries | where category = GPU | check with "CUDA 12.0"',
     ["supportedBy", "^series"], ["name", "verdict"]),
]


def _records(graph: Graph, text: str, lang: str) -> list[dict[str, object]]:
    return graph.query(text, lang=lang).records(ids=True)


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize(("source", "many", "single"), CASES, ids=[c[0] for c in CASES])
def test_each_column_has_the_cells_it_has_alone(latest: Graph, source: str, many: list[str],
                                                single: list[str], lang: str) -> None:
    together = _records(latest, f"{source} | show {', '.join([*single, *many])}", lang)
    assert together, "the case shows no rows"
    for column in many:
        alone = _records(latest, f"{source} | show {', '.join([*single, column])}", lang)
        assert [{k: r[k] for k in ("@id", *single, column)} for r in together] == alone, column
    # a row entity with no value in any of the columns keeps its row
    assert [r["@id"] for r in together] == [r["@id"] for r in
                                           _records(latest, f"{source} | show {single[0]}", lang)]


def test_solutions_add_up_instead_of_multiplying(latest: Graph,
                                                plain: Callable[..., None]) -> None:
    """(With their values as solutions: entities are gathered, tests/test_gathered_cells.py.)"""
    text = "ManagedCompute | show name, ^supportedBy, ^supportedBy.^series"
    plain("gathered")
    plan = latest.compile(text)
    _, solutions = latest.store.select(sparql_of(plan) or "")
    counts = [(len(r["^supportedBy"]), len(r["^supportedBy.^series"]))  # type: ignore[arg-type]
              for r in latest.query(text).records()]  # columns with several values: arrays
    added = sum(max(1, series + sizes) for series, sizes in counts)
    multiplied = sum(series * sizes for series, sizes in counts)
    assert multiplied > 2 * added  # the case tells the shapes apart
    assert len({tuple(s) for s in solutions}) == added


def test_one_column_with_several_values_keeps_its_plain_shape(latest: Graph) -> None:
    """No UNION where a single column may hold several values: nothing to multiply."""
    sparql = sparql_of(latest.compile("VMSeries | show name, supportedBy, category")) or ""
    assert "UNION" not in sparql


SORTS = [
    "ManagedCompute | sort ^supportedBy desc, ^supportedBy.^series desc | show name",
    "VMSeries | sort supportedBy desc, ^series, name | show name, supportedBy",
    "VMSeries | sort ^series desc, supportedBy | limit 5",
    "VMSeries | sort supportedBy, gpu.architecture desc, ^series desc | show name | limit 7",
    "FrameworkRelease | sort cudaBuild desc, cudaBuild.^minCuda | limit 10",
]


@pytest.mark.parametrize("text", SORTS)
def test_sort_keys_with_several_values_each_give_the_same_order(
        latest: Graph, plain: Callable[..., None], text: str) -> None:
    """Keys that may have several values each are joined one level apart (a subquery per
    key: kg.planner.several.key_levels); the order is the one all keys in one level give."""
    # (with a `limit`, the levels may be in the query of the step that cuts)
    assert "GROUP BY ?x0 ?k" in explain(latest.compile(text)), "the case has no second level"
    leveled = latest.query(text).records(ids=True)
    plain("keys")
    assert latest.query(text).records(ids=True) == leveled
