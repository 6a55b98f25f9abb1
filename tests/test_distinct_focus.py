"""Subqueries that give each entity once: after `follow`, and after a `where` condition on
a path with several values (kg.planner.conditions.distinct_focus).

A joined condition on such a path gives an entity one solution per value that holds; the
next condition, cells, keys or groups then see each entity once, so two such conditions
cost their values added up, not multiplied. A parameter bound inside the subquery is
bound again after it: a subquery's variables are not seen outside.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kg.plans import explain, sparql_of
from kg.session import Graph


def _names(graph: Graph, text: str, params: dict[str, str] | None = None) -> list[object]:
    return [row[0] for row in graph.query(text, params=params).rows]


def test_a_parameter_keeps_its_value_after_follow(latest: Graph) -> None:
    text = "VMSeries | where category = {0} | follow ^series | where series.category = {0}"
    with_param = _names(latest, text.format("$c"), {"c": "GPU"})
    assert with_param == _names(latest, text.format("GPU")) != []


def test_a_sort_before_follow_orders_the_rows_it_replaced(latest: Graph) -> None:
    """`follow` makes new rows: they come in the order rows have without a sort (by name),
    not sorted again by a property of the same name on the class reached (`sort name desc`
    had ordered the series by their own names; `sort order` by the series table's row
    where the key was the CUDA table's; `sort minCuda`, no property of a series, went
    unnoticed). A `limit` between cuts the sorted rows."""
    plain = _names(latest, "GPUArchitecture | follow ^architecture")
    assert plain[:3] == ["NC", "NC Promo", "NCads_A100_v4"]
    for key in ("name desc", "order desc", "minCuda"):
        assert _names(latest, f"GPUArchitecture | sort {key} | follow ^architecture") == plain
        assert _names(latest, f"GPUArchitecture | sort {key} | follow ^architecture | limit 3") \
            == plain[:3]
    volta = _names(latest, "GPUArchitecture | where name = Volta | follow ^architecture")
    assert _names(latest, "GPUArchitecture | sort name desc | limit 1 | follow ^architecture") \
        == volta != []


@pytest.mark.parametrize("text", [
    "ManagedCompute | where ^supportedBy.^series.gpuCount >= 4 and ^supportedBy.category = GPU",
    "VMSeries | where ^series.gpuCount >= 1 and ^series.vcpus >= 8 and category = GPU",
    "VMSeries | where has ^series and ^series.gpuCount >= 4 | sort name desc | limit 5",
    "GPUArchitecture | where ^architecture.^series.gpuCount >= 4 | show name, ^architecture",
])
def test_conditions_on_paths_keep_the_entities_each_holds_for(latest: Graph, text: str) -> None:
    """The entities are those for which every condition holds on its own (each alone is
    one joined pattern, not a subquery)."""
    source, stages = text.split(" | ", 1)
    conditions = stages.split(" | ")[0].removeprefix("where ").split(" and ")
    each = [set(_names(latest, f"{source} | where {c} | show name")) for c in conditions]
    got = _names(latest, text)
    assert got and set(got) <= set.intersection(*each)
    if "limit" not in text:
        assert set(got) == set.intersection(*each)
    # (with a `limit` by names, in the query of the step that cuts: explain shows both)
    assert "SELECT DISTINCT ?x0 WHERE" in explain(latest.compile(text))


def test_a_parameter_used_before_and_after_the_subquery(latest: Graph) -> None:
    text = "VMSize | where series.^series.gpuCount >= {0} and gpuCount >= {0} | count"
    assert latest.query(text.format("$n"), params={"n": "4"}).rows \
        == latest.query(text.format("4")).rows != [[0]]


def test_an_equality_through_one_step_needs_no_subquery(latest: Graph) -> None:
    """One value at most equals an entity: the plain join, as before."""
    sparql = sparql_of(latest.compile("VMSeries | where supportedBy = \"compute cluster\" "
                                      "and category = GPU | show name")) or ""
    assert "SELECT DISTINCT ?x0 WHERE" not in sparql


PROBED = [
    "VMSeries | where not (^series.gpuCount >= 4) | count",
    "VMSeries | where ^series.gpuCount >= 4 or ^series.vcpus >= 64 | show name",
    'VMSeries | where category ~ "gpu" | show name',
    "VMSeries | where not (architecture.minCuda >= 10.0) | show name",
    "VMSeries | where category = $c or ^series.gpuCount >= $n | show name, category",
    "VMSeries | where not (architecture = $a or gpu.architecture = $a) and category = $c",
    'VMSeries | where ^series.name in ["Standard_NC6", "Standard_ND40rs_v2"] or architecture ~ "amp"',
    "FrameworkRelease | where not (cudaBuild >= 12.0) and (cudaBuild.^minCuda ~ \"a\" "
    "or framework = PyTorch) | count",
]
PARAMS = {"c": "GPU", "n": "4", "a": "Volta"}


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("text", PROBED)
def test_a_probe_holds_where_exists_holds(latest: Graph, plain: Callable[..., None],
                                         text: str, lang: str) -> None:
    """A condition in a FILTER on a path of two steps or more is a probe (an OPTIONAL that
    binds a variable where it matches, one subquery level each): the rows are those
    EXISTS gives (probes switched off: every such condition an EXISTS again)."""
    params = {k: v for k, v in PARAMS.items() if f"${k}" in text}
    probed = latest.compile(text, params, lang=lang)
    assert "BIND(true AS ?e" in (sparql_of(probed) or "")
    rows = latest.query(text, params, lang=lang).rows
    plain("probes")
    assert "BIND(true" not in (sparql_of(latest.compile(text, params, lang=lang)) or "")
    assert latest.query(text, params, lang=lang).rows == rows


def test_probes_are_bounded_and_the_rest_stay_exists(latest: Graph) -> None:
    from kg.planner.conditions import MAX_PROBES

    chain = "VMSeries | where " + " or ".join(f"^series.gpuCount >= {i}" for i in range(12))
    sparql = sparql_of(latest.compile(chain)) or ""
    assert sparql.count("BIND(true AS ?e") == MAX_PROBES
    assert sparql.count("EXISTS {") == 12 - MAX_PROBES
    assert len(latest.query(chain).rows) == len(latest.query(
        "VMSeries | where ^series.gpuCount >= 0").rows)
