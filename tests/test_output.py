"""The output layer as a whole: every format writes every kind of result, the same way every
time; a check exports its evidence; `--format` means the same in query, run and export."""

from __future__ import annotations

import io
import re
import shutil

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib

from kg.cli import main
from kg.output import Format, OutputContext, Reads, write, write_parts
from kg.result import Result, ResultKind
from kg.session import Graph

ENT = "https://w3id.org/azml-kg/id/"
KG = "https://w3id.org/azml-kg/ontology#"
SRC = "https://w3id.org/azml-kg/source/"
CHECK = 'check NCv3 with "CUDA 12.1"'
CHECK_WITH = 'VMSeries | where architecture = Volta | show name | check with "CUDA 13.0"'
STATEMENTS = {
    "rows": "VMSeries | where category = GPU | show name, architecture, architecture.minCuda",
    "describe": "describe NCv3",
    "check": CHECK,
    "check-with": CHECK_WITH,
}
FORMATS = [pytest.param(f, marks=pytest.mark.skipif(
    f is Format.SVG and shutil.which("dot") is None, reason="Graphviz `dot` is not installed"))
    for f in Format]
RDF_PARSE = {Format.TURTLE: "turtle", Format.TRIG: "trig", Format.NT: "nt",
             Format.NQUADS: "nquads", Format.JSONLD: "json-ld"}


def out(result: Result, fmt: Format, graph: Graph) -> str:
    return write(result, fmt, OutputContext(graph.context, graph.lang, width=100))


@pytest.fixture(scope="module")
def results(graph: Graph) -> dict[str, Result]:
    return {name: graph.query(text) for name, text in STATEMENTS.items()}


@pytest.mark.parametrize("fmt", FORMATS, ids=str)
@pytest.mark.parametrize("name", list(STATEMENTS))
def test_every_format_writes_every_kind_of_result(graph: Graph, results: dict[str, Result],
                                                  name: str, fmt: Format) -> None:
    """Non-empty, ending in a newline, and byte-identical when written twice."""
    first = out(results[name], fmt, graph)
    assert first.strip() and first.endswith("\n")
    assert out(results[name], fmt, graph) == first


def test_the_statements_cover_each_kind(results: dict[str, Result]) -> None:
    assert results["describe"].kind is ResultKind.DESCRIBE
    assert results["check"].kind is ResultKind.CHECK and results["check"].evidence
    assert len(results["check-with"].evidence) == 2


# --- a check exports its evidence --------------------------------------------------------


def _rdf(text: str, fmt: Format) -> set[tuple[object, object, object]]:
    """The triples of ``text`` in any graph, parsed by rdflib."""
    data = rdflib.Dataset()
    data.parse(data=text, format=RDF_PARSE[fmt])
    return {(s, p, o) for s, p, o, _ in data.quads((None, None, None, None))}


def _evidence(result: Result) -> list[tuple[str, str, str, str]]:
    """Every evidence fact of a check result, once per graph: (s, p, o, graph)."""
    return [(f.s, f.p, f.o, g) for e in result.evidence for f in e.facts() for g in f.graphs]


def _term(value: str) -> rdflib.term.Identifier:
    return rdflib.URIRef(value) if value.startswith("http") else rdflib.Literal(value)


@pytest.mark.parametrize("fmt", list(RDF_PARSE), ids=str)
@pytest.mark.parametrize("statement", [CHECK, CHECK_WITH])
def test_check_exports_its_evidence_as_rdf(graph: Graph, statement: str, fmt: Format) -> None:
    """The facts the verdict rests on (NCv3 → architecture → Volta → minimum CUDA 9.0), their
    labels, and their sources' descriptions; not the entities' other facts."""
    result = graph.query(statement)
    data = _rdf(out(result, fmt, graph), fmt)
    ent, kg = rdflib.Namespace(ENT), rdflib.Namespace(KG)
    assert (ent.NCv3, kg.architecture, ent.Volta) in data
    assert (ent.Volta, kg.minCuda, ent["cuda-9.0"]) in data
    assert (ent.Volta, rdflib.RDFS.label, rdflib.Literal("Volta", lang="en")) in data
    for s, p, _, g in _evidence(result):
        assert any(t[:2] == (_term(s), _term(p)) for t in data), (s, p)
        assert (rdflib.URIRef(g), rdflib.RDF.type, kg.Source) in data  # its source, described
    assert not any(p == kg.gpu for _, p, _ in data)  # not part of the why


@pytest.mark.parametrize("fmt", [Format.TRIG, Format.NQUADS], ids=str)
def test_check_evidence_keeps_its_source_graphs(graph: Graph, fmt: Format) -> None:
    """Every evidence fact sits in the named graph of each source stating it."""
    result = graph.query(CHECK)
    quads = set(ox.parse(out(result, fmt, graph).encode(),
                         format=ox.RdfFormat.TRIG if fmt is Format.TRIG else ox.RdfFormat.N_QUADS))
    stated = {(q.subject.value, q.predicate.value, q.object.value, q.graph_name.value)
              for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    facts = _evidence(result)
    assert set(facts) <= stated
    assert (ENT + "NCv3", KG + "architecture", ENT + "Volta") in {f[:3] for f in facts}
    assert len({g for s, p, _, g in facts if p == KG + "removedInCuda"}) >= 2  # two sources


def _node_ids(text: str, pattern: str) -> dict[str, str]:
    """Node label → id, read from DOT or Mermaid node lines."""
    return {label: node for node, label in re.findall(pattern, text)}


def test_check_exports_its_evidence_as_diagrams(graph: Graph) -> None:
    result = graph.query(CHECK)
    dot = out(result, Format.DOT, graph)
    ids = _node_ids(dot, r'  (n\d+) \[label="([^"\\]+)')
    assert f'{ids["NCv3"]} -> {ids["Volta"]} [label="architecture", tooltip="NCv3 → architecture → '\
        'Volta"]' in dot
    mermaid = out(result, Format.MERMAID, graph)
    ids = _node_ids(mermaid, r'  (n\d+)\["([^"<]+)')
    assert f'{ids["Volta"]} -->|"minimum CUDA"| {ids["CUDA 9.0"]}' in mermaid
    g = nx.read_graphml(io.BytesIO(out(result, Format.GRAPHML, graph).encode()))
    label = {n: d["label"] for n, d in g.nodes(data=True)}
    assert ("NCv3", "Volta", "architecture") in {(label[a], label[b], d["label"])
                                                  for a, b, d in g.edges(data=True)}
    assert all(d["matched"] for _, d in g.nodes(data=True))  # the evidence is the question's own


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_check_exports_its_evidence_as_svg(graph: Graph) -> None:
    svg = out(graph.query(CHECK), Format.SVG, graph)
    assert "<svg" in svg and "NCv3" in svg and "Volta" in svg and "architecture" in svg


# --- one --format for query, run and export ------------------------------------------------


def cli(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout, stderr)
    return status, stdout.getvalue(), stderr.getvalue()


@pytest.mark.parametrize("statement", [CHECK, CHECK_WITH, STATEMENTS["describe"]])
def test_markdown_is_the_same_through_query_and_export(statement: str) -> None:
    query = cli("query", "--format", "md", statement)
    export = cli("export", "--format", "md", statement)
    assert query == export and query[0] == 0
    if "check" in statement:
        assert "<br>" in query[1]  # the why: one fact a line


@pytest.mark.parametrize("fmt", [f for f in Format if f is not Format.SVG], ids=str)
def test_every_format_is_the_same_through_query_run_and_export(fmt: Format) -> None:
    """`kg run` of a saved query, `kg query` and `kg export` of its text write the same bytes."""
    text = "VMSeries | where architecture = Pascal | show name, category"
    query = cli("query", "--format", fmt.value, text)
    run = cli("run", "series-by-architecture", "--param", "arch=Pascal", "--format", fmt.value)
    export = cli("export", "--format", fmt.value, text)
    assert query[0] == run[0] == export[0] == 0
    assert query[1] == export[1]
    if fmt is Format.DOT:  # the graph is named by what it answers: the saved query's title
        assert run[1].split("\n", 1)[0] == 'digraph "VM series built on one GPU architecture" {'
        assert query[1].split("\n", 1)[0] == f'digraph "{text}" {{'
        run, query = (run[0], run[1].split("\n", 1)[1]), (query[0], query[1].split("\n", 1)[1])
    if fmt.reads is Reads.SUBGRAPH:
        assert run[1] == query[1]  # the same entities, so the same facts


def test_export_writes_any_format_to_a_file(tmp_path: pytest.TempPathFactory) -> None:
    path = f"{tmp_path}/check.nq"
    assert cli("export", CHECK, "-o", path) == (0, "", "")
    with open(path, encoding="utf-8") as handle:
        assert f"<{ENT}NCv3> <{KG}architecture> <{ENT}Volta> <{SRC}" in handle.read()
    assert cli("export", CHECK, "-o", f"{tmp_path}/check.json")[0] == 0


def test_a_transpose_numbers_repeated_titles_so_json_keeps_every_column(graph: Graph) -> None:
    import json

    result = graph.query("VMSeries | where category = GPU | show category, name | limit 3 "
                         "| transpose")
    assert result.columns == ["category", "GPU", "GPU (2)", "GPU (3)"]
    (row,) = json.loads(write(result, Format.JSON))
    assert list(row.values()) == ["name", *(str(c) for c in result.rows[0][1:])]
    assert len(set(row.values())) == 4  # three series, each its own column


@pytest.mark.parametrize("statement", [
    "GPUArchitecture | show name, minCuda, ^architecture, computeCapability | transpose",
    "GPU | collect name by architecture | transpose",
    "GPU | show name, architecture, gpuMemoryGB | transpose",
    "VMSeries | count by category | transpose"])
def test_a_transposed_row_keeps_its_former_columns_type(latest: Graph, statement: str) -> None:
    """After `transpose` a row is a former column, and each of its cells has that column's
    type: an array in every cell where the column may hold several values, one value (or
    null) in none; the first cell, the former title, a text. JSON typed the cells by value:
    `"Ada Lovelace": "CUDA 11.8"` but `"Ampere": ["CUDA 11.0"]` (hunt24 F6)."""
    import json

    flat = latest.query(statement.removesuffix(" | transpose"))
    arrays = flat.array_columns()
    for fmt in (Format.JSON, Format.JSONL):
        text = write(latest.query(statement), fmt)
        rows = json.loads(text) if fmt is Format.JSON else [json.loads(line) for line in
                                                              text.splitlines()]
        assert [row[flat.columns[0]] for row in rows] == flat.columns[1:]
        for row in rows:
            title, *cells = row.values()
            assert {isinstance(c, list) for c in cells} == {title in arrays}, (fmt, row)


def test_json_writes_a_decimal_with_every_digit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A decimal no float holds exactly is written with all its digits (it was a float:
    12345678901234567890.123456789 came out as 1.2345678901234567e+19); one a float holds
    is written as that float; JSON, JSON Lines and their streamed forms alike. A string
    that looks like kg's mark inside stays a string."""
    import decimal
    import json

    data = tmp_path / "decimals.ttl"
    data.write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                    "@prefix ent: <https://w3id.org/azml-kg/id/> .\n"
                    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                    'ent:compute-cluster kg:maxMemoryGB "12345678901234567890.123456789"'
                    "^^xsd:decimal .\n"
                    'ent:compute-instance kg:maxMemoryGB "0.1"^^xsd:decimal .\n'
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    'ent:zz a kg:TrainingTarget ; kg:maxMemoryGB 2 ;'
                    ' rdfs:label "\\u0000kg-decimal-0:1"@en .\n')
    graph = Graph.open([data])
    text = "Target | where has maxMemoryGB | show name, maxMemoryGB"
    want = {"Azure Machine Learning compute cluster": decimal.Decimal(
                "12345678901234567890.123456789"),
            "Azure Machine Learning compute instance": decimal.Decimal("0.1"),
            "Azure Container Instances": 48, "\x00kg-decimal-0:1": 2}
    ctx = OutputContext(graph.context, "en")
    written = {"json": write(graph.query(text), "json", ctx),
               "jsonl": "[" + ",".join(write(graph.query(text), "jsonl", ctx).split("\n")[:-1])
                        + "]",
               "streamed json": "".join(write_parts(graph.stream(text), Format.JSON, ctx))}
    for how, out in written.items():
        rows = json.loads(out, parse_float=decimal.Decimal)
        assert {r["name"]: r["maxMemoryGB"] for r in rows} == want, how
    assert '"maxMemoryGB": 0.1\n' in written["json"]


@pytest.mark.parametrize(("literal", "shown"), [
    ('"1E+5000"^^xsd:decimal', '"1E+5000"'),  # XSD's decimals take no exponent: its text
    ('"1E+400"^^xsd:double', None),  # past a double's range: text (the engine may write INF)
    ('"1E+99999999"^^xsd:double', None),
    ('"1' + "0" * 4400 + '"^^xsd:decimal', "1" + "0" * 4400),  # past int()'s text limit
    ('"12345678901234567890.5"^^xsd:decimal', "12345678901234567890.5"),
], ids=["decimal with exponent", "double past range", "huge exponent", "4,401 digits",
        "20 digits and a half"])
def test_a_number_too_big_for_its_format_is_text_or_exact_never_a_crash(
        tmp_path, literal: str, shown: str | None) -> None:  # type: ignore[no-untyped-def]
    """Decimals and doubles too big for a float or in a form XSD does not take: JSON, JSON
    Lines and a table answer at once (a huge exponent took minutes, 4,401 digits was an
    internal error); the API's records stay JSON-ready (floats, as ``json`` takes)."""
    import json

    data = tmp_path / "big.ttl"
    data.write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                    "@prefix ent: <https://w3id.org/azml-kg/id/> .\n"
                    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                    f"ent:compute-cluster kg:maxMemoryGB {literal} .\n")
    graph = Graph.open([data])
    result = graph.query('"compute cluster".maxMemoryGB')
    ctx = OutputContext(graph.context, "en")

    def raw(text: str) -> object:  # a number as ("number", its JSON text)
        return json.loads(text, parse_float=lambda t: ("number", t),
                          parse_int=lambda t: ("number", t))

    value = raw(write(result, "json", ctx))[0]["maxMemoryGB"]  # type: ignore[index]
    if shown is None:
        assert isinstance(value, str)  # the literal's text
    else:
        assert value == (json.loads(shown) if shown.startswith('"') else ("number", shown))
    assert raw(write(result, "jsonl", ctx))["maxMemoryGB"] == value  # type: ignore[index]
    assert write(result, "table", ctx)
    json.dumps(result.records(), allow_nan=False)  # JSON-ready: no Decimal, no Infinity


def test_describe_rows_are_about_the_entity_described() -> None:
    """`--ids` gives each row of `describe` the entity described as its "@id" (it was null:
    a row is a fact about it)."""
    import json

    out = io.StringIO()
    assert main(["query", "describe NCv3", "--ids", "--format", "json"], out, io.StringIO()) == 0
    records = json.loads(out.getvalue())
    assert len(records) > 10
    assert {r["@id"] for r in records} == {"https://w3id.org/azml-kg/id/NCv3"}


def test_a_german_tables_count_of_rows_is_german(graph: Graph) -> None:
    """hunt103 F5: `kg --lang de … -f table` ended with "(4 rows)", where its HTML says
    "4 Zeilen"; the cut-off line says how many more in German too (its advice names
    commands)."""
    german = graph.fork("de")
    result = german.query("TrainingTarget | count by supports(AutoML)")
    text = write(result, Format.TABLE, OutputContext(german.context, "de", width=80))
    assert text.endswith(f"({len(result.rows)} Zeilen)\n"), text
    one = write(german.query("NCv3 | show name"), Format.TABLE, OutputContext(lang="de"))
    assert one.endswith("(1 Zeile)\n")
    cut = write(result, Format.TABLE, OutputContext(lang="de", max_rows=1, more="x", width=80))
    assert f"… {len(result.rows) - 1} weitere Zeilen (x)" in cut
    assert write(result, Format.TABLE, OutputContext(lang="en")).endswith(
        f"({len(result.rows)} rows)\n")


def test_the_facts_behind_a_result_are_written_without_collections_and_looked_up_by_pair(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """hunt125 F2: the cycle collector walked the many objects of a big export again and
    again (40% of a 1M-triple N-Quads export), and each cell's facts between two entities
    were found by scanning its subject's facts. A subgraph format is written with the
    collector paused (back as it was after, an error too); a row format is not."""
    import gc

    import kg.output.nquads
    from kg.output import Format, OutputContext, write
    from kg.output.provenance import _Index
    from kg.output.subgraph import subgraph
    from kg.session import Graph

    seen: list[bool] = []

    def spy(result: object, ctx: object) -> str:
        seen.append(gc.isenabled())
        raise RuntimeError("stop")

    graph = Graph.open()
    result = graph.query("VMSeries | where category = GPU | show name, architecture, gpu")
    monkeypatch.setattr(kg.output.nquads, "write", spy)
    with pytest.raises(RuntimeError):
        write(result, Format.NQUADS, OutputContext(graph.context))
    assert seen == [False] and gc.isenabled()
    index = _Index(subgraph(result, graph.context))
    pairs = {(s, f[0][2].value) for s, facts in index.out.items() for f in facts
             if isinstance(f[0][2], ox.NamedNode)}
    assert pairs
    for s, o in pairs:
        assert index.between(s, o) == [f for f in index.out[s] if f[0][2] == ox.NamedNode(o)]
