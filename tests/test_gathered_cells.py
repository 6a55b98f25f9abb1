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
ent:british-series a kg:VMSeries ; kg:supportedBy ent:compute-cluster ; rdfs:label "Colour"@en-GB .
ent:twice-series a kg:VMSeries ; kg:supportedBy ent:compute-cluster ;
    rdfs:label "Zeta"@en, "Alpha"@en, "untagged", "Nur deutsch"@de-AT, "Französisch"@fr .
ent:plain-series a kg:VMSeries ; kg:supportedBy ent:compute-cluster ; rdfs:label "just text" .
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
    text = 'ManagedCompute | where name ~ "cluster" | show name, ^supportedBy'  # en and de
    assert "GROUP_CONCAT(COALESCE" in explain(odd.compile(text, lang=lang))
    cell = odd.query(text, lang=lang).rows[0][1]
    assert isinstance(cell, tuple)
    labels = {ref.iri.rsplit("/", 1)[1]: ref.label for ref in cell}
    assert labels["odd-series"] == odd_label
    assert labels["per%20cent"] == "Per cent"  # an IRI with a % in it: as it was
    assert labels["unlabelled-series"] == odd.context.onto.label(
        "https://w3id.org/azml-kg/id/unlabelled-series", lang)
    assert labels["british-series"] == "Colour"  # a regional tag of English
    assert labels["twice-series"] == ("Nur deutsch" if lang == "de" else "Alpha")
    assert labels["plain-series"] == "just text"
    gathered = odd.query(text, lang=lang).records(ids=True)
    plain("gathered", graph=odd)
    assert odd.query(text, lang=lang).records(ids=True) == gathered


def _sent(graph: Graph) -> list[str]:
    """The queries ``graph`` sends from now on."""
    sent: list[str] = []
    real = graph.store.solutions

    def solutions(sparql: str) -> object:
        sent.append(sparql)
        return real(sparql)

    graph.store.solutions = solutions  # type: ignore[method-assign]
    return sent


def test_the_labels_of_gathered_entities_are_read_once_a_session(odd: Graph) -> None:
    """The engine gathers a cell's IRIs; their labels are read in a query of their own
    the first time a cell shows them, and kept: the same cells again, or in German, send
    the statement's query alone. A statement that only names them again is not slower."""
    text = "ManagedCompute | show name, ^supportedBy, ^supportedBy.^series"
    sent = _sent(odd)
    first = odd.query(text).records(ids=True)
    label_queries = [q for q in sent if "VALUES ?e" in q]
    assert len(label_queries) == 1 and len(sent) == 2
    sent.clear()
    assert odd.query(text).records(ids=True) == first
    assert odd.query(text, lang="de").records(ids=True)
    assert len(sent) == 2 and not any("VALUES ?e" in q for q in sent)


def test_labels_are_read_a_bounded_number_of_entities_a_query(
        odd: Graph, monkeypatch: pytest.MonkeyPatch) -> None:
    """However many entities the cells hold, a query reads at most ``LABELS_PER_QUERY``
    of their labels: the requests stay small and few (one per that many entities)."""
    import kg.labels

    monkeypatch.setattr(kg.labels, "LABELS_PER_QUERY", 7)
    text = "ManagedCompute | show name, ^supportedBy.^series"
    sent = _sent(odd)
    rows = odd.query(text).rows
    entities = {ref.iri for row in rows for ref in (row[1] or ())}  # type: ignore[union-attr]
    assert len(entities) > 30
    label_queries = [q for q in sent if "VALUES ?e" in q]
    assert len(label_queries) == -(-len(entities) // 7)
    assert all(q.count("<https://") <= 7 + 1 for q in label_queries)  # + rdfs:label


def test_a_session_past_the_labels_it_keeps_starts_afresh_between_statements(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``MAX_KEPT`` entities the labels start afresh, before a statement, never while
    its cells read them: a statement whose cells hold entities read before and new ones
    shows every one (cleared in between, the ones read before came back nameless)."""
    import kg.labels

    monkeypatch.setattr(kg.labels, "MAX_KEPT", 40)
    graph, fresh = kg.open_graph(), kg.open_graph()
    hubs = "ManagedCompute | show name, ^supportedBy, ^supportedBy.^series"
    for text in ["GPUArchitecture | show name, ^architecture", hubs, hubs,
                 "GPUArchitecture | show name, ^architecture"]:
        got = graph.query(text).records(ids=True)
        assert got == fresh.query(text).records(ids=True)
        assert all(ref["@id"] and ref["label"] for row in got for cell in row.values()
                   if isinstance(cell, list) for ref in cell)


def test_a_loaded_file_s_labels_are_shown(tmp_path: Path) -> None:
    """Loading a file (the REPL's `.load`) starts the labels afresh: an entity it adds to a
    cell shows, by the label it gives."""
    graph = kg.open_graph()
    text = 'ManagedCompute | where name ~ "cluster" | show name, ^supportedBy'  # en and de
    assert "A lab series" not in str(graph.query(text).rows[0][1])
    extra = tmp_path / "added.ttl"  # (a page entity renamed is refused: hunt67 F2)
    extra.write_text('<https://example.org/lab/series> a <https://w3id.org/azml-kg/ontology#VMSeries> ; '
                     '<http://www.w3.org/2000/01/rdf-schema#label> "A lab series"@en ; '
                     '<https://w3id.org/azml-kg/ontology#supportedBy> '
                     '<https://w3id.org/azml-kg/id/compute-cluster> .\n', encoding="utf-8")
    graph.load(extra)
    assert "A lab series" in [str(v) for v in graph.query(text).rows[0][1]]  # type: ignore[union-attr]


def test_a_value_that_is_no_entity_is_left_out(tmp_path: Path,
                                              plain: Callable[..., None]) -> None:
    """A literal or a blank node where an entity belongs (`kg validate` reports it) is no
    value of an entity column: the cell shows the entities, nothing garbled, gathered or
    not (as solutions, a blank node among the values emptied the cell)."""
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
    plain("gathered", graph=graph)
    assert graph.query(text).rows[0] == ["Azure Machine Learning serverless compute", series,
                                         categories]


def test_a_text_that_is_no_iri_is_named_by_no_query() -> None:
    """A server may give an IRI with a space in it: the label and record queries leave it
    out (a query naming it would not parse) and it has no label, where it ended in an
    internal error in the record query."""
    from kg.catalog import in_values, read_records

    parts = list(in_values(["https://w3id.org/azml-kg/id/NCv3", "http://a b/"], size=1))
    assert parts == [(["http://a b/"], ""), (["https://w3id.org/azml-kg/id/NCv3"],
                                              "<https://w3id.org/azml-kg/id/NCv3>")]
    graph = kg.open_graph()
    graph.context.labels.read({"http://a b/", "https://w3id.org/azml-kg/id/NCv3"})
    assert graph.context.labels.shown("http://a b/", "en") is None
    assert graph.context.labels.shown("https://w3id.org/azml-kg/id/NCv3", "en") == "NCv3"
    assert "https://w3id.org/azml-kg/id/a b" not in read_records(
        graph.store, ["https://w3id.org/azml-kg/id/a b", "https://w3id.org/azml-kg/id/NCv3"])


def test_a_check_preload_names_no_text_that_is_no_iri() -> None:
    """The facts a check reads in batches leave out a server's IRI with a space, as the
    label and record queries do (its VALUES would not parse: a ValueError, an internal
    error)."""
    from kg.facts import Facts
    from kg.vocab import KG

    graph = kg.open_graph()
    facts = Facts.of(graph.context, "en")
    ncv3 = "https://w3id.org/azml-kg/id/NCv3"
    facts.preload(["http://a b/", ncv3])
    assert facts.get("http://a b/", KG.architecture) == []
    assert [f.term.value for f in facts.get(ncv3, KG.architecture)] \
        == ["https://w3id.org/azml-kg/id/Volta"]


def test_an_export_reads_no_text_that_is_no_iri() -> None:
    """The facts an export reads about its entities leave out a server's IRI with a space,
    as the label, record and check queries do (its VALUES would not parse: a ValueError)."""
    from kg.output.subgraph import _read

    graph = kg.open_graph()
    ncv3 = "https://w3id.org/azml-kg/id/NCv3"
    facts = _read(graph.context, ["http://a b/", ncv3])
    assert facts and {str(s) for s, _, _ in facts} == {f"<{ncv3}>"}
    assert facts == _read(graph.context, [ncv3])
    assert _read(graph.context, ["http://a b/"]) == {}
