"""Exports: golden files per format, RDF that both engines read as the same graph, quads
that keep their source graphs, byte-identical repeats, every format for every kind of
result (a check's evidence too), diagrams with escaped labels, and atomic writes."""

from __future__ import annotations

import io
import os
import random
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.errors import ExecutionError, ExitStatus, ExportError, UsageError
from kg.fileio import write_atomic
from kg.ontology import Ontology
from kg.output import (
    REGISTRY,
    RESULT_FORMATS,
    SUBGRAPH_FORMATS,
    Format,
    OutputContext,
    Reads,
    UnknownFormat,
    write,
    writer,
)
from kg.output.dot import quote as dot_quote
from kg.output.mermaid import quote as mermaid_quote
from kg.result import Result
from kg.session import Graph
from kg.shipped import shipped_files
from kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parent
GOLDEN = ROOT / "golden" / "export"
MINI = ROOT / "data" / "export-mini.trig"
UPDATE = os.environ.get("KG_UPDATE_GOLDEN") == "1"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "query.kgq").is_file())
EXTENSIONS = {Format.TURTLE: "ttl", Format.TRIG: "trig", Format.NT: "nt", Format.NQUADS: "nq",
              Format.JSONLD: "jsonld", Format.MD: "md", Format.CSV: "csv", Format.DOT: "dot",
              Format.MERMAID: "mmd", Format.GRAPHML: "graphml"}
RDF = {Format.TURTLE: "turtle", Format.NT: "nt", Format.JSONLD: "json-ld"}
OX = {Format.TURTLE: ox.RdfFormat.TURTLE, Format.NT: ox.RdfFormat.N_TRIPLES,
      Format.JSONLD: ox.RdfFormat.JSON_LD, Format.TRIG: ox.RdfFormat.TRIG,
      Format.NQUADS: ox.RdfFormat.N_QUADS}
QUADS = (Format.TRIG, Format.NQUADS)
PROV = "http://www.w3.org/ns/prov#wasDerivedFrom"
SRC = "https://w3id.org/azml-kg/source/"
ENT = "https://w3id.org/azml-kg/id/"
KG = "https://w3id.org/azml-kg/ontology#"
GPU_SERIES = "VMSeries | where category = GPU | show name, architecture, architecture.minCuda"
CHECK = 'check NCv3 with "CUDA 12.1"'
NEEDS_DOT = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")


def mini_graph(lang: str = "en", quads: list[ox.Quad] | None = None) -> Graph:
    """The schema and the mini facts, without the shipped facts; ``quads`` replaces them."""
    store = OxigraphStore()
    for path in [*(p for p in shipped_files() if p.suffix == ".ttl"), MINI]:
        store.load(path)  # as shipped files load: the schema in the default graph
    if quads is not None:
        store = OxigraphStore()
        store.add_all(quads)
    return Graph(store, Ontology.from_store(store), lang)


@pytest.fixture(scope="module")
def mini() -> dict[str, Graph]:
    return {"en": mini_graph("en"), "de": mini_graph("de")}


def export(query: str | Result, fmt: Format, graph: Graph) -> str:
    """What `kg export --format FMT QUERY` writes for ``graph``."""
    result = graph.query(query) if isinstance(query, str) else query
    return write(result, fmt, OutputContext(graph.context, graph.lang))


def case(name: str, graphs: dict[str, Graph]) -> tuple[str, Graph]:
    query = (GOLDEN / name / "query.kgq").read_text(encoding="utf-8")
    return query, graphs["de" if name.endswith("-de") else "en"]


# --- golden files ------------------------------------------------------------------------


def test_every_format_is_registered_and_has_golden_files() -> None:
    assert set(REGISTRY) == set(Format)
    assert all(callable(writer(fmt)) for fmt in Format)
    assert set(RESULT_FORMATS) | set(SUBGRAPH_FORMATS) == set(Format)
    # SVG depends on Graphviz's version; the other result formats have exact tests in test_render
    assert set(EXTENSIONS) == set(SUBGRAPH_FORMATS) - {Format.SVG} | {Format.MD, Format.CSV}


@pytest.mark.parametrize("fmt", list(EXTENSIONS), ids=lambda f: f.value)
@pytest.mark.parametrize("name", CASES)
def test_golden(mini: dict[str, Graph], name: str, fmt: Format) -> None:
    query, graph = case(name, mini)
    got = export(query, fmt, graph)
    path = GOLDEN / name / f"expected.{EXTENSIONS[fmt]}"
    if UPDATE:
        write_atomic(path, got)
    assert path.exists(), f"no golden file {path}: run with KG_UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8"), f"{path} differs (KG_UPDATE_GOLDEN=1)"


# --- RDF ------------------------------------------------------------------------------


def parse_rdflib(data: str, fmt: Format) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=data, format=RDF[fmt])
    return g


def parse_oxigraph(data: str, fmt: Format) -> rdflib.Graph:
    """Parse with pyoxigraph, then hand the triples to rdflib for the comparison."""
    g = rdflib.Graph()
    for t in ox.parse(data.encode("utf-8"), format=OX[fmt]):
        g.add(tuple(_rdflib(x) for x in (t.subject, t.predicate, t.object)))  # type: ignore[arg-type]
    return g


def _rdflib(t: object) -> rdflib.term.Identifier:
    if isinstance(t, ox.NamedNode):
        return rdflib.URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return rdflib.BNode(t.value)
    assert isinstance(t, ox.Literal)
    if t.language:
        return rdflib.Literal(t.value, lang=t.language)
    if t.datatype.value == str(rdflib.XSD.string):
        return rdflib.Literal(t.value)
    return rdflib.Literal(t.value, datatype=rdflib.URIRef(t.datatype.value))


@pytest.mark.parametrize("name", CASES)
def test_rdf_formats_parse_with_both_engines_and_are_isomorphic(mini: dict[str, Graph],
                                                                 name: str) -> None:
    query, graph = case(name, mini)
    graphs = []
    for fmt in RDF:
        data = export(query, fmt, graph)
        graphs += [parse_rdflib(data, fmt), parse_oxigraph(data, fmt)]
    assert len(graphs[0]) > 0
    for other in graphs[1:]:
        assert isomorphic(graphs[0], other)


@pytest.mark.parametrize("fmt", list(RDF), ids=lambda f: f.value)
def test_rdf_holds_facts_labels_and_provenance(mini: dict[str, Graph], fmt: Format) -> None:
    """The matched entities' facts, the labels of what they link to, one rdf:Statement per
    fact naming every source it is stated in, and the sources' descriptions."""
    g = parse_rdflib(export("NCv3 | show name", fmt, mini["en"]), fmt)
    ent, kg = rdflib.Namespace("https://w3id.org/azml-kg/id/"), \
        rdflib.Namespace("https://w3id.org/azml-kg/ontology#")
    label = rdflib.RDFS.label
    assert (ent.NCv3, kg.architecture, ent.Volta) in g
    assert (ent.NCv3, kg.retiredOn, rdflib.Literal("2025-09-30", datatype=rdflib.XSD.date)) in g
    assert (ent.Volta, label, rdflib.Literal("Volta", lang="en")) in g  # a label it links to
    assert (ent.Volta, kg.minCuda, None) not in g  # but not the linked entity's other facts
    sources = {str(s) for st in g.subjects(rdflib.RDF.subject, ent.NCv3)
               if (st, rdflib.RDF.predicate, kg.architecture) in g
               for s in g.objects(st, rdflib.URIRef(PROV))}
    assert sources == {SRC + "series-table", SRC + "cuda-table"}
    assert (rdflib.URIRef(SRC + "cuda-table"), rdflib.RDF.type, kg.Source) in g
    assert (rdflib.URIRef(SRC + "doc"), kg.commit, rdflib.Literal("0123abcd")) in g
    for st in g.subjects(rdflib.RDF.type, rdflib.RDF.Statement):
        assert len(list(g.objects(st, rdflib.URIRef(PROV)))) >= 1


@pytest.mark.parametrize("fmt", list(RDF), ids=lambda f: f.value)
def test_rdf_holds_the_facts_along_a_shown_path(mini: dict[str, Graph], fmt: Format) -> None:
    """hunt121 F1: `architecture.minCuda` shown alone: Volta's minimum CUDA, which the
    cell shows, was in no export (the facts about NCv3 and CUDA 9.0 were); the other facts
    of the entity in the middle are not the result's."""
    g = parse_rdflib(export("NCv3 | show name, architecture.minCuda", fmt, mini["en"]), fmt)
    ent, kg = rdflib.Namespace("https://w3id.org/azml-kg/id/"), \
        rdflib.Namespace("https://w3id.org/azml-kg/ontology#")
    assert (ent.NCv3, kg.architecture, ent.Volta) in g
    assert (ent.Volta, kg.minCuda, ent["cuda-9.0"]) in g
    assert {p for p in g.predicates(ent.Volta, None)} == {kg.minCuda, rdflib.RDFS.label}


def test_literals_keep_their_lexical_form(graph: Graph) -> None:
    """"48"^^xsd:decimal stays "48" in every RDF format (rdflib's Turtle would write 48.0)."""
    for fmt in RDF:
        data = export('"Azure Container Instances" | show name', fmt, graph)
        g = parse_oxigraph(data, fmt)
        decimal = rdflib.Literal("48", datatype=rdflib.XSD.decimal)
        assert any(o == decimal and str(o) == "48" for o in g.objects()), fmt


def test_json_ld_says_every_literal_and_list_as_the_other_formats_do(tmp_path: Path) -> None:
    """hunt121 F2, F3, F9: a data file's date lost its time zone in JSON-LD, a dateTime its
    nanoseconds, an integer past 10^21 read back as a double and an ill-typed one as a
    plain string; each statement about a list held a copy of it; `kg:fake` read back as an
    IRI of kg's namespace. JSON-LD now reads back as the N-Triples of the same statement."""
    data = tmp_path / "odd.ttl"
    data.write_text(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
        "@prefix lab: <http://example.org/lab#> .\n"
        'lab:X1 a kg:VMSeries ; <http://www.w3.org/2000/01/rdf-schema#label> "X1"@en ;\n'
        '  lab:d "2024-05-01+02:00"^^xsd:date ; lab:dt "2024-05-01T10:00:00.123456789Z"^^xsd:dateTime ;\n'
        '  lab:big "123456789012345678901234567890"^^xsd:integer ; lab:bad "abc"^^xsd:integer ;\n'
        '  lab:list ( "a" "b" 3 ) ; lab:see <kg:fake> .\n', encoding="utf-8")
    graph = Graph.open([data])
    statement = "VMSeries | where name = X1"
    parsed = {fmt: list(ox.parse(export(statement, fmt, graph).encode(), format=f))
              for fmt, f in ((Format.NT, ox.RdfFormat.N_TRIPLES), (Format.JSONLD, ox.RdfFormat.JSON_LD))}

    def named(triples: list[ox.Triple]) -> set[str]:
        return {str(t) for t in triples if not isinstance(t.subject, ox.BlankNode)
                and not isinstance(t.object, ox.BlankNode)}

    assert len(parsed[Format.JSONLD]) == len(parsed[Format.NT])  # (36 list nodes more)
    assert named(parsed[Format.JSONLD]) == named(parsed[Format.NT])
    text = "\n".join(named(parsed[Format.JSONLD]))
    for said in ('"2024-05-01+02:00"^^<http://www.w3.org/2001/XMLSchema#date>',
                 '"123456789012345678901234567890"^^<http://www.w3.org/2001/XMLSchema#integer>',
                 '"abc"^^<http://www.w3.org/2001/XMLSchema#integer>', "<kg:fake>",
                 '"2024-05-01T10:00:00.123456789Z"'):
        assert said in text
    assert isomorphic(parse_rdflib(export(statement, Format.JSONLD, graph), Format.JSONLD),
                      parse_rdflib(export(statement, Format.NT, graph), Format.NT))


def test_a_statement_read_from_one_source_exports_its_facts() -> None:
    """hunt121 F6: `GPUArchitecture from "CUDA table"` exported every source's minimum
    CUDA of Hopper (11.8 from two, 12.0 from the table), where the diagram and the HTML
    showed the table's alone; the entities' names and types stay."""
    graph = Graph.open()
    statement = "GPUArchitecture{} | where name = Hopper | show name, minCuda"
    quads = {fmt: [q for q in ox.parse(export(statement.format(fmt), Format.NQUADS, graph).encode(),
                                       format=ox.RdfFormat.N_QUADS)]
             for fmt in ("", ' from "CUDA table"')}
    minimums = {k: {(q.object.value.rsplit("/", 1)[1], q.graph_name.value.rsplit("/", 1)[1])
                    for q in v if q.predicate.value.endswith("#minCuda")} for k, v in quads.items()}
    assert minimums[' from "CUDA table"'] == {("cuda-12.0", "page-cuda-table-2026")}
    assert ("cuda-11.8", "cmake-mr-8031") in minimums[""]
    assert any(q.predicate.value.endswith("#label") for q in quads[' from "CUDA table"'])
    walked = export('GPUArchitecture from "CUDA table" | where name = Volta | '
                    "show name, ^architecture.name", Format.NQUADS, graph)
    assert "NCv3" in walked and "V100" not in walked  # a GPU is Volta by another source: its
    # names came unlinked (hunt122 F4)


def test_count_results_export_an_empty_subgraph(mini: dict[str, Graph]) -> None:
    assert export("VMSeries | count", Format.NT, mini["en"]) == ""


# --- quads: facts in their source graphs ------------------------------------------------


def parse_quads(data: str, fmt: Format) -> set[ox.Quad]:
    return set(ox.parse(data.encode("utf-8"), format=OX[fmt]))


@pytest.mark.parametrize("fmt", QUADS, ids=lambda f: f.value)
def test_quads_keep_the_source_graphs(mini: dict[str, Graph], fmt: Format) -> None:
    """Each fact sits in the named graph of every source stating it; the sources'
    descriptions and the schema's labels in the default graph; nothing is reified."""
    quads = parse_quads(export("NCv3 | show name", fmt, mini["en"]), fmt)
    ncv3, volta, arch = ox.NamedNode(ENT + "NCv3"), ox.NamedNode(ENT + "Volta"), \
        ox.NamedNode(KG + "architecture")
    graphs = {q.graph_name for q in quads if (q.subject, q.predicate, q.object) == (ncv3, arch, volta)}
    assert graphs == {ox.NamedNode(SRC + "series-table"), ox.NamedNode(SRC + "cuda-table")}
    rdf_type = ox.NamedNode(str(rdflib.RDF.type))
    assert ox.Quad(ox.NamedNode(SRC + "cuda-table"), rdf_type, ox.NamedNode(KG + "Source"),
                   ox.DefaultGraph()) in quads
    label = ox.NamedNode(str(rdflib.RDFS.label))
    assert ox.Quad(ox.NamedNode(KG + "VMSeries"), label, ox.Literal("VM series", language="en"),
                   ox.DefaultGraph()) in quads
    assert not any(q.object == ox.NamedNode(str(rdflib.RDF.Statement)) for q in quads)


@pytest.mark.parametrize("name", CASES)
def test_quad_formats_agree_with_each_other_and_with_the_triples(mini: dict[str, Graph],
                                                                 name: str) -> None:
    """TriG and N-Quads hold the same quads, and their triples are N-Triples' facts without
    the reification."""
    query, graph = case(name, mini)
    trig, nquads = (parse_quads(export(query, fmt, graph), fmt) for fmt in QUADS)
    assert trig == nquads and trig
    plain = {ox.Triple(q.subject, q.predicate, q.object) for q in trig}
    nt = ox.parse(export(query, Format.NT, graph).encode(), format=ox.RdfFormat.N_TRIPLES)
    assert plain == {ox.Triple(t.subject, t.predicate, t.object) for t in nt
                     if not isinstance(t.subject, ox.BlankNode)}
    dataset = rdflib.Dataset()
    dataset.parse(data=export(query, Format.TRIG, graph), format="trig")
    assert len(list(dataset.quads((None, None, None, None)))) == len(trig)


# --- determinism ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(EXTENSIONS), ids=lambda f: f.value)
def test_same_export_twice_and_after_shuffled_loading(mini: dict[str, Graph],
                                                      fmt: Format) -> None:
    query = (GOLDEN / "gpu-series" / "query.kgq").read_text()
    first = export(query, fmt, mini["en"])
    assert export(query, fmt, mini["en"]) == first
    quads = list(mini["en"].store.quads())
    for seed in (1, 2, 3):
        random.Random(seed).shuffle(quads)
        assert export(query, fmt, mini_graph("en", quads)) == first


BLANK_DATA = f"""@prefix kg: <{KG}> .
@prefix ent: <{ENT}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ent:NCv3 kg:note [ rdfs:label "outer"@en ; kg:detail [ rdfs:label "inner"@en ] ] ,
                 [ rdfs:label "twin"@en ] , [ rdfs:label "twin"@en ] ;
         kg:tags ( {" ".join(f'"t{i}"' for i in range(1500))} ) .
"""


def test_blank_nodes_are_exported_with_what_is_said_of_them(tmp_path: Path) -> None:
    """What a data file says of a blank node is exported with the fact that leads to it, and
    on (its concise bounded description; an RDF list of 1,500 items too): the export had
    held `kg:note _:b…` and nothing of the note. The nodes' labels follow from what is said
    of them, so exports of two loads are byte-identical; two alike notes stay two."""
    data = tmp_path / "blank.ttl"
    data.write_text(BLANK_DATA, encoding="utf-8")
    first, again = (export("describe NCv3", Format.NT, Graph.open([data])) for _ in range(2))
    assert first == again
    graph = rdflib.Graph().parse(data=first, format="nt")
    ncv3 = rdflib.URIRef(ENT + "NCv3")
    notes = sorted(str(graph.value(n, rdflib.RDFS.label)) for n in
                   graph.objects(ncv3, rdflib.URIRef(KG + "note")))
    assert notes == ["outer", "twin", "twin"]
    outer = next(n for n in graph.objects(ncv3, rdflib.URIRef(KG + "note"))
                 if str(graph.value(n, rdflib.RDFS.label)) == "outer")
    inner = graph.value(outer, rdflib.URIRef(KG + "detail"))
    assert str(graph.value(inner, rdflib.RDFS.label)) == "inner"
    tags = rdflib.collection.Collection(graph, graph.value(ncv3, rdflib.URIRef(KG + "tags")))
    assert [str(t) for t in tags] == [f"t{i}" for i in range(1500)]
    turtle = rdflib.Graph().parse(data=export("describe NCv3", Format.TURTLE, Graph.open([data])),
                                  format="turtle")
    assert len(turtle) == len(graph)
    assert len(rdflib.collection.Collection(
        turtle, turtle.value(ncv3, rdflib.URIRef(KG + "tags")))) == 1500


def test_blank_nodes_in_a_cycle_export_the_same_every_time(tmp_path: Path) -> None:
    """Three blank nodes in a cycle, reached from two series: the nodes' names depended on
    where the walk began, in the engine's random labels (3 exports in 10 differed)."""
    data = tmp_path / "cycle.ttl"
    data.write_text(f"@prefix kg: <{KG}> . @prefix ent: <{ENT}> .\n"
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    'ent:NCv3 kg:note _:a . _:a kg:ref _:b ; rdfs:label "a" .\n'
                    '_:b kg:ref _:c ; rdfs:label "b" . _:c kg:ref _:a ; rdfs:label "c" .\n'
                    "ent:NDv2 kg:note _:c .\n", encoding="utf-8")
    query = "VMSeries | where name in [NCv3, NDv2]"
    assert len({export(query, Format.NT, Graph.open([data])) for _ in range(12)}) == 1


# --- Markdown, diagrams -------------------------------------------------------------------


def test_markdown_escapes_cells(mini: dict[str, Graph]) -> None:
    md = export("tricky | show name", Format.MD, mini["en"])
    assert md.splitlines()[2] == (
        "| Tricky \"quoted\" \\| pipe &lt;tag&gt; # &amp; \\`tick\\` \\\\ back<br>slash |")


def test_markdown_describe_has_entity_sections(mini: dict[str, Graph]) -> None:
    md = export("describe NCv3", Format.MD, mini["de"])
    assert md.startswith("## NCv3\n\n*VM-Serie* · `https://w3id.org/azml-kg/id/NCv3`\n")
    assert "### Fakten\n" in md


@pytest.mark.parametrize(("raw", "dot", "mermaid"), [
    ('say "hi"', '"say \\"hi\\""', '"say #quot;hi#quot;"'),
    ("a\\b", '"a\\\\b"', '"a\\b"'),
    ("two\nlines", '"two\\nlines"', '"two<br>lines"'),
    ("x | y <z> # &", '"x | y <z> # &amp;"', '"x #124; y #lt;z#gt; #35; #amp;"'),
    ("X %%{init: {}}%%", '"X %%{init: {}}%%"', '"X #37;#37;{init: {}}#37;#37;"'),  # hunt56 F7
    ("Line\u2028Para\u2029graph", '"Line\\nPara\\ngraph"', '"Line<br>Para<br>graph"'),  # F9
])
def test_diagram_labels_are_escaped(raw: str, dot: str, mermaid: str) -> None:
    assert dot_quote(raw) == dot
    assert mermaid_quote(raw) == mermaid


def test_diagrams_use_labels_not_iris(mini: dict[str, Graph]) -> None:
    for fmt in (Format.DOT, Format.MERMAID):
        data = export(GPU_SERIES, fmt, mini["de"])
        assert "Volta" in data and "minimale CUDA-Version" in data
        body = data.replace('tooltip="https://w3id.org/azml-kg/id/', "")
        assert "https://" not in body and "ent:" not in body


def test_graphml_reads_back_with_networkx(mini: dict[str, Graph]) -> None:
    import networkx as nx

    data = export(GPU_SERIES, Format.GRAPHML, mini["en"])
    g = nx.read_graphml(io.BytesIO(data.encode()))
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {"NCv3", "Volta", "CUDA 9.0"} <= labels
    assert "GPU" not in labels  # the category is not a shown column (issue 12 §2)
    assert ("minimum CUDA" in {d["label"] for _, _, d in g.edges(data=True)})


@NEEDS_DOT
def test_svg_shows_a_label_as_it_is_written(mini: dict[str, Graph]) -> None:
    """Graphviz reads an entity in a DOT label: a label with `&amp;` in it showed `&`
    (hunt27 graph F8). The SVG's text, read as XML, is the label."""
    from xml.etree import ElementTree

    tricky = ox.NamedNode("https://w3id.org/azml-kg/id/tricky")
    label = 'A &amp; B & "C" <d>'
    quads = [q for q in mini["en"].store.quads()  # type: ignore[attr-defined]
             if not (q.subject == tricky and q.predicate.value.endswith("#label"))]
    quads.append(ox.Quad(tricky, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                         ox.Literal(label, language="en"), ox.DefaultGraph()))
    svg = export("tricky | show name, category", Format.SVG, mini_graph("en", quads))
    texts = [t.text for t in ElementTree.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]
    assert label in texts


@NEEDS_DOT
def test_svg_renders_with_graphviz(mini: dict[str, Graph]) -> None:
    svg = export(GPU_SERIES, Format.SVG, mini["en"])
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "NCasT4_v3" in svg and "minimum CUDA" in svg


def test_svg_without_graphviz_is_a_clear_error(mini: dict[str, Graph],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ExecutionError, match=r"needs Graphviz's `dot` program.*apt-get install "
                                             r"graphviz") as err:
        export("NCv3", Format.SVG, mini["en"])
    assert err.value.status == ExitStatus.RUNTIME  # a program missing (hunt115 F4)


# --- formats -----------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt"), [
    ("TTL", Format.TURTLE), ("json-ld", Format.JSONLD), ("mmd", Format.MERMAID),
    ("graphml", Format.GRAPHML), ("trig", Format.TRIG), ("nq", Format.NQUADS),
    ("n-quads", Format.NQUADS), ("gv", Format.DOT), ("markdown", Format.MD), ("tsv", Format.TSV),
])
def test_format_names(name: str, fmt: Format) -> None:
    assert Format.parse(name) is fmt
    assert Format.from_extension(f"out.{name.lower()}") is fmt


def test_unknown_format() -> None:
    with pytest.raises(UnknownFormat, match=r"unknown format 'png'; expected one of: table, json, "
                                            r"jsonl, csv, tsv, md, turtle, trig, nt, nquads, "
                                            r"jsonld, dot, mermaid, svg, graphml") as err:
        Format.parse("png")
    assert err.value.status == ExitStatus.USAGE and isinstance(err.value, UsageError)
    # from a file's name: said so, not as if --format png had been given (hunt21 docs F9)
    with pytest.raises(UnknownFormat, match=r"^cannot tell the format from 'out.png': its "
                                            r"extension .png names none; give --format: one of"):
        Format.from_extension("out.png")
    with pytest.raises(UnknownFormat, match="which has no extension"):
        Format.from_extension("out")


def test_what_each_format_reads() -> None:
    assert list(RESULT_FORMATS) == [Format.TABLE, Format.JSON, Format.JSONL, Format.CSV,
                                    Format.TSV, Format.MD, Format.HTML]
    assert all(f.reads is Reads.SUBGRAPH for f in SUBGRAPH_FORMATS)
    assert RESULT_FORMATS.CSV is Format.CSV and Format.TURTLE not in RESULT_FORMATS
    with pytest.raises(UnknownFormat, match="format 'turtle' writes the subgraph behind a "
                                            "result, not the result"):
        RESULT_FORMATS.parse("ttl")


def test_subgraph_formats_need_the_graph(mini: dict[str, Graph]) -> None:
    with pytest.raises(UsageError, match="format 'nt' writes the facts behind a result"):
        write(mini["en"].query("NCv3"), Format.NT)


# --- atomic writes ---------------------------------------------------------------------


class TestWriteAtomic:
    def test_writes_and_replaces_keeping_the_mode(self, tmp_path: Path) -> None:
        path = tmp_path / "out.ttl"
        write_atomic(path, "one\n")
        path.chmod(0o640)
        write_atomic(path, b"two\n")
        assert path.read_text() == "two\n"
        assert path.stat().st_mode & 0o777 == 0o640
        assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]

    def test_a_file_you_may_not_write_is_refused(self, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
        """A write-protected file is not replaced (as `cp` refuses it), and stays as it was.
        (Root may write any file: the process's own answer is faked for it.)"""
        path = tmp_path / "out.md"
        path.write_text("mine\n")
        path.chmod(0o444)
        if os.geteuid() == 0:
            real = os.access
            monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == path
                                else real(p, mode))
        with pytest.raises(ExportError, match=r"you may not write it \(mode -r--r--r--\); "
                                              "kg does not replace it") as err:
            write_atomic(path, "new\n")
        assert err.value.status == ExitStatus.DATA
        assert path.read_text() == "mine\n" and [p.name for p in tmp_path.iterdir()] == ["out.md"]

    @pytest.mark.skipif(os.geteuid() != 0, reason="only root may give a file to another user")
    def test_root_keeps_the_owner_of_a_file_it_replaces(self, tmp_path: Path) -> None:
        """`sudo kg export -o` over a user's file leaves it the user's (it became root's)."""
        path = tmp_path / "out.md"
        path.write_text("theirs\n")
        os.chown(path, 65534, 65534)
        path.chmod(0o640)
        write_atomic(path, "new\n")
        st = path.stat()
        assert (st.st_uid, st.st_gid, st.st_mode & 0o777) == (65534, 65534, 0o640)
        assert path.read_text() == "new\n"

    def test_set_id_bits_are_not_kept(self, tmp_path: Path) -> None:
        """kg writes data: a replaced file keeps its permissions but not set-user-ID or
        set-group-ID (root kept them on another user's file)."""
        path = tmp_path / "out.md"
        path.write_text("old\n")
        path.chmod(0o4755)
        write_atomic(path, "new\n")
        assert path.stat().st_mode & 0o7777 == 0o755

    def test_missing_folder(self, tmp_path: Path) -> None:
        with pytest.raises(ExportError, match=r"the folder .*nope does not exist") as err:
            write_atomic(tmp_path / "nope" / "out.ttl", "x")
        assert err.value.status == ExitStatus.DATA
        assert not (tmp_path / "nope").exists()

    def test_path_is_a_folder(self, tmp_path: Path) -> None:
        with pytest.raises(ExportError, match="it is a folder"):
            write_atomic(tmp_path, "x")

    @pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc")
    def test_unwritable_folder(self) -> None:
        with pytest.raises(ExportError, match=r"cannot write /proc/kg-export\.ttl"):
            write_atomic("/proc/kg-export.ttl", "x")

    @pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
    def test_read_only_folder(self, tmp_path: Path) -> None:
        tmp_path.chmod(0o500)
        try:
            with pytest.raises(ExportError, match="cannot write"):
                write_atomic(tmp_path / "out.ttl", "x")
        finally:
            tmp_path.chmod(0o700)

    @pytest.mark.parametrize("failure", [OSError(28, "No space left on device"),
                                         KeyboardInterrupt()])
    def test_interrupted_write_leaves_the_old_file_whole(
            self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            failure: BaseException) -> None:
        path = tmp_path / "out.md"
        path.write_text("old contents\n")

        def fail(fd: int) -> None:
            raise failure

        monkeypatch.setattr(os, "fsync", fail)
        with pytest.raises(ExportError if isinstance(failure, OSError) else KeyboardInterrupt):
            write_atomic(path, "new contents\n" * 1000)
        assert path.read_text() == "old contents\n"
        assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_kg_s_own_export_loaded_back_keeps_every_source_description(tmp_path: Path) -> None:
    """A Turtle export repeats the descriptions of the sources it cites; loaded back with
    --data, those lay in a named graph of the file and were left out of every description
    (an engine's default graph is the union): the site's footnotes lost their sections,
    documents and commits, a TriG export 6 of 7 sources' descriptions (hunt56 F1)."""
    import kg
    from kg.site import build_site

    base = Graph.open()
    subset = base.query("VMSeries | where category = GPU | show name, architecture, "
                        "architecture.minCuda")
    data = tmp_path / "gpu.ttl"
    data.write_text(kg.render(subset, "turtle", graph=base))
    again = Graph.open(data=[data])
    statement = "VMSeries | where name = NC | show name, retiredOn"

    def described(graph: Graph) -> set[str]:
        trig = kg.render(graph.query(statement), "trig", graph=graph)
        parsed = rdflib.Dataset()
        parsed.parse(data=trig, format="trig")
        return {f"{s} {p} {o}" for s, p, o, _ in parsed.quads((None, None, None, None))
                if "/source/" in str(s) and "gpu.ttl" not in f"{s} {o}"}

    assert described(base) and described(again) >= described(base)
    cited = [page.count("at commit") for name, page in sorted(build_site(again).items())
             if name.endswith(".html")]
    assert cited == [page.count("at commit") for name, page in sorted(build_site(base).items())
                     if name.endswith(".html")]


def test_a_name_ending_in_a_slash_names_a_folder(tmp_path: Path) -> None:
    """`-o data.csv/` replaced the file data.csv, and `-o nodir/sub/` made a file `sub`
    (hunt57 F6): a trailing slash names a folder, to `cp` and to kg; so do `/.` and `/..`
    (`-o data.csv/.` replaced it too: hunt64 F2)."""
    from kg.cli import main

    precious = tmp_path / "data.csv"
    precious.write_text("precious\n")
    out, err = io.StringIO(), io.StringIO()
    for target in (f"{precious}/", f"{tmp_path}/nodir/sub/", f"{precious}/.",
                   f"{tmp_path}/nodir/.", f"{precious}/.."):
        status = main(["export", "Target | count", "-f", "csv", "-o", target], out, err)
        assert status == ExitStatus.DATA, err.getvalue()
        assert "a name ending in / (or /. or /..) names a folder" in err.getvalue()
    assert precious.read_text() == "precious\n" and not (tmp_path / "nodir").exists()
    with pytest.raises(ExportError):
        write_atomic(f"{tmp_path}/x.csv/", "a")


def test_dev_stdout_is_stdout_to_a_reader_that_leaves_and_when_closed(tmp_path: Path) -> None:
    """`-o /dev/stdout | head -1` was exit 4 "Broken pipe" where stdout itself is exit 0,
    and with stdout closed it asked for a file in /proc/PID/fd (hunt64 F5)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    cmd = [sys.executable, "-m", "kg", "export", "-f", "nt", "-o", "/dev/stdout", "VMSeries"]
    reader = subprocess.Popen(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()
    reader.stdout.close()  # as `head -1` leaves
    err = reader.stderr.read()
    assert (reader.wait(timeout=60), err) == (0, b"")
    closed = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False,
                            preexec_fn=lambda: os.close(1))
    assert (closed.returncode, closed.stderr) == (
        ExitStatus.DATA, "error: cannot write /dev/stdout: the stream is closed\n")


def test_a_device_with_nothing_behind_it_is_not_called_a_fifo(tmp_path: Path) -> None:
    """`-o /dev/tty` without a terminal (CI) said "it is a FIFO that nothing reads" (hunt57
    F8): a character device, and the system's reason."""
    import subprocess

    done = subprocess.run([sys.executable, "-m", "kg", "export", "Target | count", "-f", "csv",
                           "-o", "/dev/tty"], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, start_new_session=True, timeout=60)
    assert done.returncode == ExitStatus.DATA
    assert "cannot write /dev/tty: No such device or address" in done.stderr


def test_the_facts_behind_many_rows_are_read_in_few_queries(tmp_path: Path) -> None:
    """hunt76 F5: the fact formats read 200 entities a query, so a server got more requests
    the more rows a result had (46 for 3,037 sizes); now as many as a check's facts."""
    from kg.output import Format, OutputContext, write

    rdfs_ns = "http://www.w3.org/2000/01/rdf-schema#"

    def queries(sizes: int) -> int:
        data = tmp_path / f"sizes-{sizes}.ttl"
        data.write_text("".join(f"<{ENT}gen-size-{i}> a <{KG}VMSize> ; <{rdfs_ns}label> "
                                f'"Gen size {i}"@en ; <{KG}series> <{ENT}NCv3> .\n'
                                for i in range(sizes)), encoding="utf-8")
        graph = Graph.open([data])
        result = graph.query("VMSize | show name")
        sent: list[str] = []
        real = graph.store.select
        graph.store.select = lambda sparql: sent.append(sparql) or real(sparql)  # type: ignore[method-assign]
        write(result, Format.TURTLE, OutputContext(graph.context, graph.lang))
        return len(sent)

    assert queries(1_500) == queries(10)


def test_graphviz_ends_with_the_work_that_ran_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work abandoned (Ctrl-C, SIGTERM: kg then leaves) while `dot` renders ends `dot` at its
    next step: it ran on for a minute at full CPU after kg had left (hunt83 F12)."""
    import subprocess
    import time

    from kg import worker
    from kg.output import svg

    if shutil.which("dot") is None:
        pytest.fail("Graphviz's dot is not installed (make test installs it: .ci/tools)")
    started: list[subprocess.Popen[bytes]] = []
    real = subprocess.Popen

    def popen(*args: object, **kwargs: object) -> subprocess.Popen[bytes]:
        started.append(real(*args, **kwargs))  # type: ignore[call-overload]
        return started[-1]

    monkeypatch.setattr(svg.subprocess, "Popen", popen)
    rng = random.Random(1)  # a graph dot takes minutes over
    edges = "\n".join(f"n{rng.randrange(1500)} -> n{rng.randrange(1500)};" for _ in range(6000))
    job = worker._Job(lambda: svg.render_svg(f"digraph g {{\n{edges}\n}}\n"))
    job.start()
    try:
        deadline = time.monotonic() + 10
        while not started and time.monotonic() < deadline:
            time.sleep(0.01)
        assert started and started[0].poll() is None  # dot at work
        job.abandon()
        assert worker.settle(5)  # the work stopped at its next step
        assert started[0].wait(5) is not None  # and dot with it
    finally:
        for dot in started:
            dot.kill()


def test_a_missing_graphviz_is_a_runtime_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt115 F4: no `dot` was exit 4, the code of a broken data file; a program kg needs
    that is missing is a runtime error, exit 5, and the file already there stays."""
    from kg.cli import main

    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    kept = tmp_path / "keep.svg"
    kept.write_text("OLD")
    err = io.StringIO()
    status = main(["export", "-o", str(kept), "VMSeries | limit 1"], out=io.StringIO(), err=err)
    assert status == ExitStatus.RUNTIME and "needs Graphviz's `dot` program" in err.getvalue()
    assert kept.read_text() == "OLD"


def test_a_graphviz_that_fails_is_a_runtime_error(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt123 F6: a `dot` that failed (or ran past its time) was exit 4, a data error, and
    a missing one 5: both are a program kg needs; the file already there stays."""
    from kg.cli import main

    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "dot").write_text("#!/bin/sh\necho 'dot: broken' >&2\nexit 3\n")
    (bin_ / "dot").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_}{os.pathsep}{os.environ['PATH']}")
    kept = tmp_path / "keep.svg"
    kept.write_text("OLD")
    err = io.StringIO()
    status = main(["export", "-o", str(kept), "VMSeries | limit 1"], out=io.StringIO(), err=err)
    assert status == ExitStatus.RUNTIME, err.getvalue()
    assert "Graphviz `dot` failed: dot: broken" in err.getvalue()
    assert kept.read_text() == "OLD"
