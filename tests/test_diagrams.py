"""Diagrams that say what the user asked (issue 12 §2): the shown columns' edges, not every
fact about the row entities; `neighbors X` with X's own facts; `describe` without stray
`type`/`label` nodes; a check's evidence; transposed and collected results."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from kg.output import Format, OutputContext, write
from kg.output.diagram import Diagram, diagram
from kg.session import Graph

ENT = "https://w3id.org/azml-kg/id/"
KG = "https://w3id.org/azml-kg/ontology#"


def draw(graph: Graph, query: str) -> Diagram:
    return diagram(graph.query(query), OutputContext(graph.context, graph.lang), Format.DOT)


def edges(d: Diagram) -> set[tuple[str, str, str]]:
    label = {n.id: n.label for n in d.nodes}
    return {(label[e.source], e.label, label[e.target]) for e in d.edges}


def test_only_the_shown_columns(graph: Graph) -> None:
    """The GPU series with their architecture and its minimum CUDA: one edge per shown step,
    nothing about categories, computes, sizes or notes."""
    d = draw(graph, "VMSeries | where category = GPU | show name, architecture, architecture.minCuda")
    assert {e.label for e in d.edges} == {"architecture", "minimum CUDA"}
    assert ("NCv3", "architecture", "Volta") in edges(d) and ("Volta", "minimum CUDA", "CUDA 9.0") in edges(d)
    series = [n for n in d.nodes if n.matched]
    # the seed: 10 series, 6 architectures, Pascal with two minimums (the page's, clang's;
    # clang's 7.0 for Kepler and Maxwell is no minimum: kg:buildsFromCuda, not shown)
    assert len(series) == 10 and len(d.edges) == 10 + 6 + 1
    assert not {"GPU", "Azure Machine Learning compute cluster"} & {n.label for n in d.nodes}


@pytest.mark.parametrize(("statement", "drawn"), [
    ("VMSeries | where name = NCv3 | show name, architecture.minCuda",
     {("NCv3", "architecture", "Volta"), ("Volta", "minimum CUDA", "CUDA 9.0")}),
    ("VMSeries | where name = NC | show name, gpu.architecture",  # not NC's own architecture
     {("NC", "GPU", "NVIDIA Tesla K80"), ("NVIDIA Tesla K80", "architecture", "Kepler")}),
])
def test_a_path_of_several_steps_is_drawn_along_it(graph: Graph, statement: str,
                                                   drawn: set[tuple[str, str, str]]) -> None:
    """hunt121 F1: the end of a path shown alone drew the row's entity alone, or a fact
    of the row's own that shares the value."""
    assert edges(draw(graph, statement)) == drawn


def test_values_are_drawn_as_values(graph: Graph) -> None:
    d = draw(graph, "VMSeries | where has retiredOn | show name, retiredOn")
    dates = {n.label for n in d.nodes if n.literal}
    assert dates == {"2023-08-31", "2024-08-31"}
    assert ("NC", "retired on", "2023-08-31") in edges(d)
    dot = write(graph.query("VMSeries | where has retiredOn | show name, retiredOn"), Format.DOT,
                OutputContext(graph.context, graph.lang))
    assert 'label="2023-08-31", tooltip="\\"2023-08-31\\"^^<http://www.w3.org/2001/XMLSchema#date>", ' \
           'shape=plaintext' in dot


def test_supports_cells_draw_their_feature(graph: Graph) -> None:
    d = draw(graph, "TrainingTarget | show name, supports(AutoML)")
    assert ("Remote VM", "supports", "Automated machine learning") in edges(d)
    assert ("Azure Batch", "supports", "Automated machine learning") not in edges(d)


def test_transposed_and_collected_tables(graph: Graph) -> None:
    managed = draw(graph, "ManagedCompute | where supports single-or-multi-node-cluster | sort order "
                          "| show name, supports(autoscales-on-job-submission) | transpose")
    assert edges(managed) == {("Azure Machine Learning compute cluster", "supports",
                               "Autoscales each time you submit a job")}
    cuda = draw(graph, "VMSeries | where has architecture | collect name by architecture, "
                       "architecture.minCuda")
    assert ("NDv2", "architecture", "Volta") in edges(cuda)
    assert ("Volta", "minimum CUDA", "CUDA 9.0") in edges(cuda)


def test_neighbors_include_the_entity_and_its_facts(graph: Graph) -> None:
    result = graph.query("neighbors Volta")
    d = draw(graph, "neighbors Volta")
    assert any(n.label == "Volta" and n.matched for n in d.nodes)
    assert ("Volta", "minimum CUDA", "CUDA 9.0") in edges(d) and ("NCv3", "architecture", "Volta") in edges(d)
    nt = write(result, Format.NT, OutputContext(graph.context, graph.lang))
    triples = {(t.subject, t.predicate, t.object)
               for t in ox.parse(nt.encode(), format=ox.RdfFormat.N_TRIPLES)}
    volta = ox.NamedNode(ENT + "Volta")
    assert (volta, ox.NamedNode(KG + "minCuda"), ox.NamedNode(ENT + "cuda-9.0")) in triples


def test_describe_has_no_stray_property_nodes(graph: Graph) -> None:
    d = draw(graph, "describe NCv3")
    labels = {n.label for n in d.nodes}
    assert not {"type", "label", "architecture", "category"} & labels
    assert ("NCv3", "architecture", "Volta") in edges(d)
    assert [n.label for n in d.nodes if n.matched] == ["NCv3"]


@pytest.mark.parametrize("query", ['check NCv3 with "CUDA 12.1"',
                                   'VMSeries | where architecture = Volta | show name | check with "CUDA 13.0"'])
def test_a_check_draws_its_evidence(graph: Graph, query: str) -> None:
    d = draw(graph, query)
    assert ("NCv3", "architecture", "Volta") in edges(d)
    assert ("Volta", "minimum CUDA", "CUDA 9.0") in edges(d)


@pytest.mark.parametrize(("lang", "shown", "hidden", "yes"), [
    ("en", "Use for low-scale CPU-based", "Für CPU-basierte", "yes"),
    ("de", "Für CPU-basierte", "Use for low-scale CPU-based", "ja")])
def test_texts_are_drawn_in_the_session_language(graph: Graph, lang: str, shown: str,
                                                 hidden: str, yes: str) -> None:
    """A diagram of `describe` drew the description in English and German side by side,
    with no mark of its language, and a boolean as `true` where tables say yes."""
    graph.lang = lang
    try:
        d = draw(graph, 'describe "Azure Container Instances"')
    finally:
        graph.lang = "en"
    texts = [n.label for n in d.nodes if n.literal]
    assert any(t.startswith(shown) for t in texts) and not any(t.startswith(hidden) for t in texts)
    assert [e for e in edges(d) if e[1] in ("dev/test only", "nur Entwicklung/Test")][0][2] == yes


@pytest.mark.parametrize("statement", ['path NCv3 to AutoML', 'path NCv3 to "CUDA 12.1"'])
def test_a_paths_diagram_draws_its_steps_alone(graph: Graph, statement: str) -> None:
    """hunt103 F2: the `path` and `step` numbers of a path's rows were drawn as value nodes
    ("1", "2", "4"), linked by `order` to the entities of that page-table order."""
    result = graph.query(statement)
    mermaid = write(result, Format.MERMAID, OutputContext(graph.context, graph.lang))
    steps = {str(row[3]) for row in result.rows}
    labels = set(re.findall(r'-->\|"([^"]+)"\|', mermaid))
    assert labels and labels <= steps, (labels, steps)
    assert not re.search(r'\(\["\d+"\]\)', mermaid), mermaid
