"""`collect name by KEYS` grouped by the engine (kg.planner.grouped, kg.grouping) gives
exactly what `collect` gives over the rows (kg.reshape): the same groups, keys, names and
order, in English and German, on the page and on data with odd names; only where it can
(no `sort`, `limit` or `distinct` before it, entity keys, the rows' names)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import kg
from kg.plans import explain
from kg.session import Graph
from tests.test_gathered_cells import EXTRA, _sent

GROUPED = [
    "VMSeries | where has architecture | collect name by architecture",
    "VMSeries | collect name by architecture, category",
    "VMSeries | collect name by supportedBy",
    "VMSeries | collect name by category",
    "VMSeries | collect name as series by category as kind | sort kind desc",
    "VMSize | collect name by series.category, series.architecture",
    "VMSize | collect name by series.category, series.architecture | limit 4",
    "VMSize | collect name by series | sort name desc | limit 3 | show name, series",
    "GPU | collect name by architecture | transpose",
    "VMSeries | where category = GPU | collect name by gpu.architecture, ^series",
    "TrainingTarget | collect name by supports",
    "VMSeries | where category = GPU | follow architecture | collect name by minCuda",
    'VMSeries | where category = GPU | check with "CUDA 12.1" | collect name by architecture',
    "VMSize | collect name by series.supportedBy",
    "VMSeries | where category = GPU | collect name by gpu.^gpu",
    "VMSeries | limit 5 | collect name by category",
]
NOT_GROUPED = [
    "VMSeries | sort name desc | collect name by category",
    "VMSeries | collect ^series by category",
    "TrainingTarget | collect name by supports(AutoML)",
    'VMSeries | where category = GPU | check with "CUDA 12.1" | collect name by verdict',
]


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Graph]]:
    extra = tmp_path_factory.mktemp("odd") / "odd.ttl"
    extra.write_text(EXTRA + """
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ent:odd-series kg:category ent:gpu-category , ent:unlabelled-category .
ent:twice-series kg:category ent:gpu-category .
ent:plain-series kg:category [ rdfs:label "a blank category"@en ] .
ent:odd-series kg:architecture ent:Volta , ent:Pascal .
ent:twice-series kg:architecture ent:Volta .
""", encoding="utf-8")
    yield {"page": kg.open_graph(), "odd": kg.open_graph(data=[extra])}


def _rows_way(graph: Graph, text: str, lang: str, monkeypatch: pytest.MonkeyPatch) -> object:
    import kg.planner.query as query

    with monkeypatch.context() as m:
        m.setattr(query, "grouped_plan", lambda *args: None)
        graph._plans.clear()
        result = graph.query(text, lang=lang)
    graph._plans.clear()
    return result.columns, result.records(ids=True)


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("which", ["page", "odd"])
@pytest.mark.parametrize("text", GROUPED)
def test_the_engine_groups_as_collect_does(graphs: dict[str, Graph], text: str, which: str,
                                           lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    graph = graphs[which]
    graph._plans.clear()
    plan = explain(graph.compile(text, lang=lang))
    assert "?members" in plan and "GROUP BY ?c0" in plan
    grouped = graph.query(text, lang=lang)
    assert grouped.rows or which == "odd"
    assert (grouped.columns, grouped.records(ids=True)) == _rows_way(graph, text, lang, monkeypatch)


def test_rows_that_are_no_iri_are_collected_as_rows(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A row entity that is a blank node has no IRI to gather nor a label a query can ask
    for: where a group holds one, the rows way answers (its name is collected)."""
    extra = tmp_path / "blank.ttl"
    extra.write_text("""@prefix kg: <https://w3id.org/azml-kg/ontology#> .
@prefix ent: <https://w3id.org/azml-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
[] a kg:VMSeries ; kg:architecture ent:Volta ; rdfs:label "A blank series"@en .
""", encoding="utf-8")
    graph = kg.open_graph(data=[extra])
    text = "VMSeries | where has architecture | collect name by architecture"
    assert "?others" in explain(graph.compile(text))
    got = graph.query(text)
    volta = [row for row in got.rows if str(row[0]) == "Volta"][0]
    assert "A blank series" in [str(v) for v in volta[1]]  # type: ignore[union-attr]
    assert (got.columns, got.records(ids=True)) == _rows_way(graph, text, "en", monkeypatch)


def test_keys_of_one_value_group_by_the_values_themselves(graphs: dict[str, Graph]) -> None:
    """A key the ontology gives one value an entity (`architecture`) groups by its values;
    one with several (`supportedBy`) by each entity's values gathered. Where the data gives
    an entity two values of the first kind (the odd data's series: Volta and Pascal), the
    entity is in the group of both, as over the rows."""
    single = explain(graphs["page"].compile("VMSeries | collect name by architecture"))
    several = explain(graphs["page"].compile("VMSeries | collect name by supportedBy"))
    assert "GROUP_CONCAT(COALESCE(?c0i" not in single and "GROUP_CONCAT(COALESCE(?c0i" in several
    rows = graphs["odd"].query("VMSeries | collect name by architecture").rows
    both = [row for row in rows if isinstance(row[0], tuple)]
    assert [[str(v) for v in row[0]] for row in both] == [["Pascal", "Volta"]]  # type: ignore[union-attr]
    assert str(both[0][1]) == "50% off = a  b %20 ü "  # its one name


@pytest.mark.parametrize("text", NOT_GROUPED)
def test_what_the_engine_cannot_group_runs_as_rows(graphs: dict[str, Graph], text: str) -> None:
    assert "?members" not in explain(graphs["page"].compile(text))
    assert graphs["page"].query(text).rows


def test_groups_listing_the_same_keys_in_another_order_are_one(graphs: dict[str, Graph]) -> None:
    """An engine gathers each entity's keys in an order of its own: the groups whose texts
    list the same keys are one group, whatever the order."""
    graph = graphs["page"]
    rows = graph.query("VMSeries | collect name by supportedBy").rows
    keys = [tuple(str(v) for v in row[0]) if isinstance(row[0], tuple) else row[0] for row in rows]
    assert len(keys) == len(set(keys))
    both = [row for row in rows if isinstance(row[0], tuple) and len(row[0]) == 2]
    assert both and "NCv3" in [str(v) for v in both[0][1]]  # type: ignore[union-attr]


def test_a_grouped_collect_reads_labels_once_a_session() -> None:
    graph = kg.open_graph()
    sent = _sent(graph)
    text = "VMSize | collect name by series.category, series.architecture"
    first = graph.query(text).records()
    assert len(sent) == 2 and "VALUES ?e" in sent[1]
    sent.clear()
    assert graph.query(text).records() == first and len(sent) == 1


def test_rows_go_by_the_first_column_a_show_after_the_grouping_puts_first() -> None:
    """Without `sort`, rows come ordered by the first column; a `show` after `count by` or
    `collect` that put another column first left them in the groups' order (hunt54 F2)."""
    from kg.cells import sort_key

    graph = Graph.open()
    for text in ("VMSeries | where has architecture | count by architecture | show count, "
                 "architecture",
                 "VMSeries | where has architecture | collect name as series by architecture "
                 "| show series, architecture"):
        rows = graph.query(text).rows
        assert [sort_key(r[0]) for r in rows] == sorted(sort_key(r[0]) for r in rows), text
        keyed = graph.query(text.rsplit("|", 1)[0]).rows  # the same groups, by their keys
        assert sorted(map(str, rows)) == sorted(str([r[1], r[0]]) for r in keyed)
    counted = graph.query("VMSeries | where has architecture | count by architecture | "
                          "sort count desc | show count, architecture").rows
    assert [r[0] for r in counted] == sorted((r[0] for r in counted), reverse=True)
