"""What a diagram says beyond the facts it draws (hunt74 F4, F8, F9, F10): a check's verdict
as an edge in its colour, one label per bundle of edges in Mermaid as in DOT, a note where
there is nothing to draw, and the class the result's entities share."""

from __future__ import annotations

import io
import re
import shutil

import networkx as nx
import pytest

from kg.output import Format, OutputContext, write
from kg.output.diagram import VERDICT_COLORS
from kg.result import Result
from kg.session import Graph
from kg.vocab import ENT

CHECK = 'check NCv3 with "CUDA 12.1"'
NOT = 'check NC with "CUDA 12.1"'  # Kepler: not compatible
CHECK_WITH = 'VMSeries | where category = GPU | check with "CUDA 12.1" | show name'
PASCAL = "VMSeries | where architecture = Pascal | show name, architecture"
GPU = "VMSeries | where category = GPU | show name, category, architecture"
SUPPORTED = "VMSeries | show name, supportedBy"


def out(result: Result, fmt: Format, graph: Graph, title: str | None = None) -> str:
    return write(result, fmt, OutputContext(graph.context, graph.lang, title=title))


def _ids(text: str, pattern: str) -> dict[str, str]:
    return {label: node for node, label in re.findall(pattern, text)}


def _dot_ids(dot: str) -> dict[str, str]:
    return _ids(dot, r'  (n\d+) \[label="([^"\\]+)')


def _mermaid_ids(mermaid: str) -> dict[str, str]:
    return _ids(mermaid, r'  (n\d+)\["([^"<]+)')


def _links(mermaid: str) -> list[str]:
    """Mermaid's links in order (``linkStyle`` numbers them so), without their indent."""
    return [line.strip() for line in mermaid.splitlines()
            if re.match(r"  \S+ (-->|-\.->|---|-\.-)", line)]


def _styled(mermaid: str) -> dict[int, str]:
    """Link number → the colour a ``linkStyle`` gives it."""
    return {int(n): color for numbers, color in
            re.findall(r"  linkStyle ([\d,]+) stroke:(#\w+),", mermaid) for n in numbers.split(",")}


def test_a_checks_evidence_carries_its_verdict_and_pair(graph: Graph) -> None:
    evidence = graph.query(CHECK).evidence[0]
    assert (evidence.verdict, evidence.pair) == ("compatible", (ENT + "NCv3", ENT + "cuda-12.1"))


@pytest.mark.parametrize(("statement", "verdict"), [(CHECK, "compatible"), (NOT, "not compatible")])
def test_the_dot_diagram_of_a_check_draws_its_verdict(graph: Graph, statement: str,
                                                      verdict: str) -> None:
    dot = out(graph.query(statement), Format.DOT, graph)
    ids = _dot_ids(dot)
    series = statement.split()[1]
    color = VERDICT_COLORS[verdict]
    assert (f'  {ids[series]} -> {ids["CUDA 12.1"]} [label="{verdict}", tooltip="{series} → '
            f'{verdict} → CUDA 12.1", style=dashed, penwidth=1.5, color="{color}", '
            f'fontcolor="{color}"];') in dot


def test_the_mermaid_diagram_of_a_check_draws_its_verdict_in_its_colour(graph: Graph) -> None:
    mermaid = out(graph.query(CHECK), Format.MERMAID, graph)
    ids = _mermaid_ids(mermaid)
    links = _links(mermaid)
    verdict = links.index(f'{ids["NCv3"]} -.->|"compatible"| {ids["CUDA 12.1"]}')
    assert _styled(mermaid) == {verdict: VERDICT_COLORS["compatible"]}


def test_a_german_diagram_says_its_verdict_in_german(graph: Graph) -> None:
    """hunt100 F9: `kg --lang de export -f mermaid 'check NC with …'` drew "not compatible"
    in a German diagram (the site said "nicht kompatibel"); its colour is the verdict's."""
    german = graph.fork("de")
    mermaid = out(german.query(NOT), Format.MERMAID, german)
    ids = _mermaid_ids(mermaid)
    links = _links(mermaid)
    verdict = links.index(f'{ids["NC"]} -.->|"nicht kompatibel"| {ids["CUDA 12.1"]}')
    assert _styled(mermaid) == {verdict: VERDICT_COLORS["not compatible"]}
    assert '[label="nicht kompatibel"' in out(german.query(NOT), Format.DOT, german)


def test_the_graphml_of_a_check_has_its_verdict_as_an_edge_of_no_iri(graph: Graph) -> None:
    g = nx.read_graphml(io.BytesIO(out(graph.query(CHECK), Format.GRAPHML, graph).encode()))
    label = {n: d["label"] for n, d in g.nodes(data=True)}
    verdicts = [(label[a], label[b], d) for a, b, d in g.edges(data=True) if "verdict" in d]
    assert [(a, b, d["label"], d["verdict"]) for a, b, d in verdicts] == \
        [("NCv3", "CUDA 12.1", "compatible", "compatible")]
    assert all(d.get("iri") for _, _, d in g.edges(data=True) if "verdict" not in d)


def test_a_framework_checks_facts_link_the_release_to_the_build_it_cites(graph: Graph) -> None:
    """hunt105 F8: the build the why names ("PyTorch 2.7 + CUDA 12.6 includes …") came
    with no link to its release or its CUDA version: a box alone in every diagram, and an
    export that could not rebuild the chain."""
    g = nx.read_graphml(io.BytesIO(out(graph.query('check NCv3 with "PyTorch 2.7"'),
                                       Format.GRAPHML, graph).encode()))
    label = {n: d["label"] for n, d in g.nodes(data=True)}
    edges = {(label[a], d["label"], label[b]) for a, b, d in g.edges(data=True)}
    assert ("PyTorch 2.7", "build", "PyTorch 2.7 + CUDA 12.6") in edges
    assert ("PyTorch 2.7 + CUDA 12.6", "build CUDA", "CUDA 12.6") in edges
    assert all(g.degree(n) for n in g.nodes), [label[n] for n in g.nodes if not g.degree(n)]


def test_a_check_withs_verdicts_meet_in_a_junction_per_verdict(graph: Graph) -> None:
    """The rows' verdicts with one partner: three or more alike are drawn through a junction
    in their colour, the label once; fewer, each edge with its label."""
    result = graph.query(CHECK_WITH)
    verdicts = {e.pair[0]: e.verdict for e in result.evidence}
    assert sorted(set(verdicts.values())) == ["compatible", "not compatible"]
    dot = out(result, Format.DOT, graph)
    ids = _dot_ids(dot)
    green, red = VERDICT_COLORS["compatible"], VERDICT_COLORS["not compatible"]
    assert dot.count('label="compatible"') == 1  # one junction's label
    junction = re.search(rf'  (j\d+) \[shape=point, width=0.06, color="{green}", label=""\];',
                         dot)
    assert junction is not None
    assert f'  {junction.group(1)} -> {ids["CUDA 12.1"]} [label="compatible"' in dot
    fed = re.findall(rf"  (n\d+) -> {junction.group(1)} \[arrowhead=none, tooltip=\"[^\"]*\", "
                     rf'style=dashed, penwidth=1.5, color="{green}"', dot)
    assert len(fed) == list(verdicts.values()).count("compatible") >= 3
    assert dot.count('label="not compatible"') == list(verdicts.values()).count("not compatible") \
        == 2  # NC and NC Promo (Kepler): two edges, each labelled
    assert f'  {ids["NC"]} -> {ids["CUDA 12.1"]} [label="not compatible"' in dot
    assert red in dot


def test_mermaid_bundles_edges_as_dot_does(graph: Graph) -> None:
    """Three or more edges into one node by one property: through one junction, the label
    once (Mermaid drew each label, on top of each other: hunt74 F4)."""
    mermaid = out(graph.query(GPU), Format.MERMAID, graph)
    ids = _mermaid_ids(mermaid)
    links = _links(mermaid)
    assert [x for x in links if x.endswith(f'| {ids["GPU"]}')] == [f'j1 -->|"category"| {ids["GPU"]}']
    fed = [x.split()[0] for x in links if x.endswith(" --- j1")]
    assert len(fed) > 3 and {ids["NCv3"], ids["NDv2"]} <= set(fed)
    assert '  j1((" "))' in mermaid and "  class j1 junction" in mermaid
    assert "linkStyle" not in mermaid  # no verdict, nothing coloured
    two = out(graph.query(PASCAL), Format.MERMAID, graph)  # two edges: each with its label
    assert "j1" not in two and two.count('-->|"architecture"|') == 2


def test_mermaid_colours_the_verdicts_links_and_no_other(graph: Graph) -> None:
    mermaid = out(graph.query(CHECK_WITH), Format.MERMAID, graph)
    links, styled = _links(mermaid), _styled(mermaid)
    dotted = {i for i, x in enumerate(links) if "-.-" in x}
    assert set(styled) == dotted and len(dotted) > 3
    for i in dotted:
        verdict = "not compatible" if '"not compatible"' in links[i] else "compatible"
        if "|" in links[i]:  # a labelled link says its verdict; a junction's feed, its colour
            assert styled[i] == VERDICT_COLORS[verdict]


@pytest.mark.parametrize(("lang", "note"), [("en", "No rows."), ("de", "Keine Zeilen.")])
def test_an_empty_result_says_so_in_every_diagram_and_markdown(lang: str, note: str) -> None:
    graph = Graph.open(lang=lang)
    result = graph.query('VMSeries | where name = "nothing"')
    assert f'  note [label="{note}", shape=plaintext' in out(result, Format.DOT, graph)
    assert f'  note(["{note}"])' in out(result, Format.MERMAID, graph)
    assert out(result, Format.MD, graph) == f"| name |\n| --- |\n\n{note}\n"


def test_a_diagram_of_rows_without_entities_says_there_is_nothing_to_draw(graph: Graph) -> None:
    dot = out(graph.query("VMSeries | count"), Format.DOT, graph)
    assert 'note [label="Nothing to draw: the result names no entity."' in dot
    assert "note" not in out(graph.query(PASCAL), Format.DOT, graph)


def test_a_diagram_is_named_by_what_it_answers(graph: Graph) -> None:
    result = graph.query(PASCAL)
    assert out(result, Format.DOT, graph).startswith("digraph kg {\n")
    assert out(result, Format.DOT, graph, title='a "b  x"\n  c').startswith(
        'digraph "a \\"b  x\\" c" {\n')  # lines joined, a line's spaces kept


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_an_svgs_title_is_what_it_answers(graph: Graph) -> None:
    svg = out(graph.query(PASCAL), Format.SVG, graph, title=PASCAL)
    assert "<title>VMSeries | where architecture = Pascal | show name, architecture</title>" in svg
    assert "<title>kg</title>" not in svg


def test_the_results_entities_are_shown_as_of_the_class_they_share(graph: Graph) -> None:
    """hunt74 F10: on the training targets' diagram, Kubernetes (a training target, an
    inference target and unmanaged compute) was "(inference target)", the only one."""
    mermaid = out(graph.query("TrainingTarget | show name"), Format.MERMAID, graph)
    kinds = dict(re.findall(r'  n\d+\["([^"<]+)<br>\(([^)]+)\)"\]', mermaid))
    assert kinds["Azure Machine Learning Kubernetes"] == "training target"
    assert set(kinds.values()) == {"training target"} and len(kinds) > 5
    check = out(graph.query(CHECK), Format.MERMAID, graph)  # nothing shared: each its own
    assert '["Volta<br>(GPU architecture)"]' in check and '["NCv3<br>(VM series)"]' in check
    checked = out(graph.query("TrainingTarget | check with AutoML"), Format.MERMAID, graph)
    assert '["Azure Machine Learning Kubernetes<br>(training target)"]' in checked  # the rows'
    assert '["Automated machine learning<br>(feature)"]' in checked  # class, theirs alone (R9)


@pytest.mark.parametrize("fmt", [Format.DOT, Format.MERMAID])
def test_entities_that_link_alike_are_drawn_as_one_node(graph: Graph, fmt: Format) -> None:
    """hunt74 F3: 34 series in a column fed two junctions, and that FX alone is supported by
    the cluster only could not be seen. Series alike in every link are one node, named."""
    result = graph.query(SUPPORTED)
    drawn = out(result, fmt, graph)
    pattern = r'  (n\d+) \[label="((?:[^"\\]|\\.)+)"' if fmt is Format.DOT \
        else r'  (n\d+)\["([^"]+)"\]'
    labels = {node: label.replace("\\n", "\n").replace("<br>", "\n")
              for node, label in re.findall(pattern, drawn)}
    both = {str(row[0]) for row in result.rows if isinstance(row[1], tuple) and len(row[1]) == 2}
    group = [node for node, label in labels.items() if label.endswith(f"(VM series: {len(both)})")]
    assert len(group) == 1 and len(both) > 20
    names = labels[group[0]].rsplit("\n", 1)[0].replace("\n", " ").split(", ")
    assert sorted(names) == sorted(both)
    alone = {label.split("\n")[0]: node for node, label in labels.items() if node != group[0]}
    assert {"FX", "Av1", "NV Promo"} <= set(alone)  # unlike the others: each its own node
    arrow = "->" if fmt is Format.DOT else "-->"
    assert drawn.count(f"  {group[0]} {arrow}") == 2 and drawn.count(f"  {alone['FX']} {arrow}") == 1


def test_graphml_keeps_every_entity_a_node_of_its_own(graph: Graph) -> None:
    """A drawing groups; GraphML is data: each series is a node."""
    g = nx.read_graphml(io.BytesIO(out(graph.query(SUPPORTED), Format.GRAPHML, graph).encode()))
    series = {d["label"] for _, d in g.nodes(data=True) if d.get("kind") == "VM series"}
    assert {"FX", "NCv3", "NDv2", "DSv2"} <= series and len(series) > 30


def test_a_group_whose_names_have_commas_puts_one_a_line() -> None:
    """hunt77 R10: a series labelled `A, B, C` in a group read as three names."""
    from kg.output.diagram import Diagram, Edge, Node, grouped

    nodes = [Node(f"n{i}", f"i{i}", name, "VM series", True) for i, name in
             enumerate(["A, B, C", "D", "E"], start=1)] + [Node("n4", "t", "T", "target", False)]
    d = grouped(Diagram(tuple(nodes), tuple(Edge(f"n{i}", "n4", "supported by", "p")
                                            for i in (1, 2, 3))))
    assert d.nodes[0].label == "A, B, C\nD\nE" and d.nodes[0].kind == "VM series: 3"
    plain = grouped(Diagram(tuple([*nodes[1:3], Node("n5", "i5", "F", "VM series", True),
                                   nodes[3]]),
                            tuple(Edge(f"n{i}", "n4", "supported by", "p") for i in (2, 3, 5))))
    assert plain.nodes[0].label == "D, E, F"
    broken = grouped(Diagram(tuple([Node("n1", "i1", "G\nH", "VM series", True), *nodes[1:]]),
                             tuple(Edge(f"n{i}", "n4", "supported by", "p") for i in (1, 2, 3))))
    assert broken.nodes[0].label == "G ↵ H\nD\nE"  # one name (it read as two: hunt121 F10)
