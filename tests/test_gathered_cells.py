"""Cells of entities, several a row, gathered by the engine: one text a row entity
(``GROUP_CONCAT``, kg.planner.several.gather), read back by the executor (kg.cells).

They must give exactly the records of the same values as solutions, whatever the
statement around them, in English and German; a row entity must have one solution
whatever its values; every label must come back as it was, a value with no label too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import kg
from kg.plans import explain, sparql_of
from kg.result import EntityRef
from kg.session import Graph

STATEMENTS = [
    "ManagedCompute | show name, ^supportedBy, ^supportedBy.^series",
    "VMSeries | show name, supportedBy, ^series, category",
    "VMSeries | where category = GPU | show name, gpu, gpu.architecture, ^series",
    "GPUArchitecture | show name, ^architecture, minCuda",
    "VMSeries | sort ^series desc | show ^series, name | limit 4",
    "VMSeries | sort supportedBy | show ^series, name, supportedBy",
    "VMSeries | where has supportedBy | show ^series | distinct",
    "VMSeries | where has supportedBy | show name, ^series | limit 3",
    'VMSeries | where category = GPU | check with "CUDA 12.0" | show name, verdict, ^series',
    "VMSeries | where category = GPU | follow architecture | show name, ^architecture",
    "VMSeries | where has architecture | collect name by architecture",
    "VMSeries | where has architecture | collect ^series by architecture",
    'TrainingTarget | show name, supports(AutoML), supports, ^target',
    "ManagedCompute | where has supports | show name, ^supportedBy | transpose as Target",
    'InferenceTarget from "Inference targets table (SDK/CLI v1)" | show name, usedFor',
    "Volta.^architecture",
]


def _records(graph: Graph, text: str, lang: str) -> list[dict[str, object]]:
    return graph.query(text, lang=lang).records(ids=True)


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("text", STATEMENTS)
def test_gathered_cells_are_the_cells_of_solutions(latest: Graph, plain: Callable[..., None],
                                                   text: str, lang: str) -> None:
    gathered = _records(latest, text, lang)
    assert gathered, "the case shows no rows"
    plain("gathered")
    assert _records(latest, text, lang) == gathered


@pytest.mark.parametrize("text", STATEMENTS[:9])
def test_streamed_parts_are_the_result(latest: Graph, text: str) -> None:
    """`kg query` streams a pipeline compiled in its final order (the gathered level over
    the sorted one): its parts together are the result."""
    parts = [r for part in latest.stream(text, rows=3) for r in part.records(ids=True)]
    assert parts == _records(latest, text, "en")


@pytest.mark.parametrize("text", [t for t in STATEMENTS if "sort" not in t])
def test_rows_with_gathered_cells_are_ordered_by_the_executor(latest: Graph, text: str) -> None:
    """Asked in its final order (to stream), a pipeline with gathered cells compiles as
    without: the engine does not sort rows of long texts, which Virtuoso 7 cannot ("Value
    of ANY type column too long" for a hub's cell at 100k triples)."""
    ordered = explain(latest.compile(text, ordered=True))
    gathers = "GROUP_CONCAT(COALESCE" in ordered
    assert (ordered == explain(latest.compile(text))) or not gathers
    assert not gathers or "ORDER BY" not in ordered.rsplit("}", 1)[-1]


def test_the_cases_gather(latest: Graph) -> None:
    """Most cases gather a column (the rest make sure what does not gather is unchanged)."""
    gathering = [t for t in STATEMENTS if "GROUP_CONCAT(COALESCE" in explain(latest.compile(t))]
    assert len(gathering) >= 10, gathering


def test_a_row_entity_has_one_solution_whatever_its_values(latest: Graph) -> None:
    text = "ManagedCompute | show name, ^supportedBy, ^supportedBy.^series"
    _, solutions = latest.store.select(sparql_of(latest.compile(text)) or "")
    rows = latest.query(text).records()
    assert sum(len(r["^supportedBy.^series"]) for r in rows) > 50  # type: ignore[arg-type]
    assert len({tuple(s) for s in solutions}) == len(rows)


EXTRA = """@prefix kg: <https://w3id.org/azml-kg/ontology#> .
@prefix ent: <https://w3id.org/azml-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ent:odd-series a kg:VMSeries ; kg:supportedBy ent:compute-cluster ;
    rdfs:label "50% off = a  b %20 ü "@en, "Fünfzig %25\tTab"@de, " lead"@en-GB .
ent:unlabelled-series a kg:VMSeries ; kg:supportedBy ent:compute-cluster .
<https://w3id.org/azml-kg/id/per%20cent> a kg:VMSeries ; kg:supportedBy ent:compute-cluster ;
    rdfs:label "Per cent"@en .
"""


@pytest.fixture
def odd(tmp_path: Path) -> Iterator[Graph]:
    """The page and three more series of the compute cluster: one with labels of spaces,
    ``%``, ``=``, a tab and an umlaut, in three languages; one with no label; one with a
    ``%`` in its IRI."""
    extra = tmp_path / "odd.ttl"
    extra.write_text(EXTRA, encoding="utf-8")
    yield kg.open_graph(data=[extra])


@pytest.mark.parametrize(("lang", "odd_label"), [("en", "50% off = a  b %20 ü "),
                                                 ("de", "Fünfzig %25\tTab")])
def test_labels_come_back_as_they_were(odd: Graph, plain: Callable[..., None], lang: str,
                                       odd_label: str) -> None:
    text = 'ManagedCompute | where name ~ "compute cluster" | show name, ^supportedBy'
    assert "GROUP_CONCAT(COALESCE" in explain(odd.compile(text, lang=lang))
    cell = odd.query(text, lang=lang).rows[0][1]
    assert isinstance(cell, tuple)
    labels = {ref.iri.rsplit("/", 1)[1]: ref.label for ref in cell}
    assert labels["odd-series"] == odd_label
    assert labels["per%20cent"] == "Per cent"  # an IRI with a % in it: as it was
    assert labels["unlabelled-series"] == odd.context.onto.label(
        "https://w3id.org/azml-kg/id/unlabelled-series", lang)
    gathered = odd.query(text, lang=lang).records(ids=True)
    plain("gathered", graph=odd)
    assert odd.query(text, lang=lang).records(ids=True) == gathered


def test_a_value_that_is_no_entity_is_left_out(tmp_path: Path) -> None:
    """A literal or a blank node where an entity belongs (`kg validate` reports it) is no
    value of an entity column: the cell shows the entities, nothing garbled."""
    extra = tmp_path / "wrong.ttl"
    extra.write_text("""@prefix kg: <https://w3id.org/azml-kg/ontology#> .
@prefix ent: <https://w3id.org/azml-kg/id/> .
ent:NCv3 kg:category "a literal with spaces" .
[] a kg:VMSeries ; kg:supportedBy ent:serverless-compute .
ent:NCv3 kg:supportedBy ent:serverless-compute .
""", encoding="utf-8")
    graph = kg.open_graph(data=[extra])
    text = 'ManagedCompute | where name ~ "serverless" | show name, ^supportedBy, ^supportedBy.category'
    assert "GROUP_CONCAT(COALESCE" in explain(graph.compile(text))
    _, series, categories = graph.query(text).rows[0]
    assert series == EntityRef("NCv3", "https://w3id.org/azml-kg/id/NCv3")
    assert categories == EntityRef("GPU", "https://w3id.org/azml-kg/id/gpu-category")
