"""The stages after `count by` and `collect` order and cut their groups as the docs say
(hunt127): a `sort` cannot follow the `limit` that cut them, versions order as versions,
and a group with no value comes first ascending and last descending."""

from __future__ import annotations

import pytest

from kg import Graph
from kg.errors import QueryError
from kg.literals import natural_key


def _column(graph: Graph, text: str, index: int = 0) -> list[str]:
    return [str(row[index]) if row[index] is not None else "" for row in graph.query(text).rows]


@pytest.mark.parametrize("text", [
    "VMSeries | count by category | limit 2 | sort count desc",
    "VMSeries | count by category | sort count desc | limit 3 | sort category",
    "VMSeries | collect name by category | sort category | limit 2 | sort category desc",
    "VMSeries | count | limit 1 | sort count",
])
def test_a_sort_cannot_follow_the_limit_that_cut_the_groups(graph: Graph, text: str) -> None:
    """It sorted every group, then cut: the top groups of another order (hunt127 F1)."""
    with pytest.raises(QueryError, match="`sort` cannot follow a `limit` after `co"):
        graph.query(text)


def test_the_groups_a_sort_then_limit_keeps(graph: Graph) -> None:
    every = graph.query("VMSeries | count by category | sort count desc").rows
    top = graph.query("VMSeries | count by category | sort count desc | limit 2").rows
    assert top == every[:2] and top[0][1] >= top[1][1] >= every[2][1]


@pytest.mark.parametrize(("text", "expected"), [
    ("CudaVersion | count by versionNumber | sort versionNumber desc | limit 5",
     ["13.4", "13.2", "13.0", "12.9", "12.8"]),
    ("FrameworkRelease | where framework = TensorFlow | count by versionNumber | limit 4",
     ["2.0.0", "2.1.0", "2.2.0", "2.3.0"]),
])
def test_count_by_a_version_orders_the_groups_as_versions(graph: Graph, text: str,
                                                          expected: list[str]) -> None:
    """As text, 9.2 came before 13.4 descending, and 2.10.0 after 2.1.0 (hunt127 F2)."""
    assert _column(graph, text) == expected


def test_count_by_and_collect_by_a_version_agree(graph: Graph) -> None:
    counted = _column(graph, "CudaVersion | count by versionNumber | sort versionNumber desc")
    collected = _column(graph, "CudaVersion | collect name by versionNumber "
                               "| sort versionNumber desc | show versionNumber")
    assert counted == collected and len(counted) > 20


@pytest.mark.parametrize("grouping", ["count by category", "collect name by category"])
def test_the_group_with_no_value_comes_first_ascending_and_last_descending(
        graph: Graph, grouping: str) -> None:
    """`collect` put it last ascending and first descending, `count by` as documented
    (hunt127 F4)."""
    up = _column(graph, f"VMSeries | {grouping} | sort category")
    down = _column(graph, f"VMSeries | {grouping} | sort category desc")
    assert up[0] == "" and down[-1] == "" and down == up[::-1]


def test_a_group_of_several_values_sorts_by_its_least_up_and_its_greatest_down(
        graph: Graph) -> None:
    down = graph.query("VMSeries | collect name by supportedBy | sort supportedBy desc").rows
    several = [i for i, row in enumerate(down) if isinstance(row[0], tuple) and len(row[0]) > 1]
    assert several == [0]  # its greatest, "… compute instance", before "… compute cluster"


@pytest.mark.parametrize("before", ["", "sort name | ", "sort name desc | "])
@pytest.mark.parametrize("desc", [False, True])
def test_groups_sorted_by_a_collected_cell_go_by_its_least_or_greatest_value(
        graph: Graph, before: str, desc: bool) -> None:
    """Whatever order an earlier `sort` gave the collected values (hunt131 #1: the cell's
    first or last value was taken for its least or greatest)."""
    rows = graph.query(f"VMSeries | {before}collect name by category "
                       f"| sort name{' desc' if desc else ''} | show name").rows
    pick = max if desc else min
    cells = [row[0] if isinstance(row[0], tuple) else (row[0],) for row in rows]
    keys = [natural_key(str(pick(cell, key=lambda v: natural_key(str(v))))) for cell in cells]
    assert keys == sorted(keys, reverse=desc) and len(keys) > 3
