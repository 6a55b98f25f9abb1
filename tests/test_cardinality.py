"""Stable JSON: a column's type is the same in every row and every result. A path through
properties that are functional (ontology/cardinality.ttl) is one value or null; any other
path is always an array; `--ids` adds IRIs so scripts need not key on labels."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import SH

from kg import Graph, render
from tests.conftest import SEED

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = re.findall(r"```kgq\n(.*?)```", (ROOT / "docs" / "language.md").read_text(), re.S)


def _functional(graph: Graph) -> set[str]:
    return {p.iri for p in graph.ontology.properties.values() if p.functional}


def test_every_max_count_one_shape_is_a_functional_property(graph: Graph) -> None:
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    single = {str(shapes.value(s, SH.path)) for s in shapes.subjects(SH.maxCount, None)
              if int(shapes.value(s, SH.maxCount)) == 1}  # type: ignore[arg-type]
    assert single, "shapes.ttl has sh:maxCount 1 shapes"
    assert single - _functional(graph) == set()


@pytest.mark.parametrize("as_of", [SEED, "2025-11-13", None])
def test_a_functional_property_holds_one_value_per_subject_in_every_revision(
        as_of: str | None) -> None:
    graph = Graph.open(as_of=as_of)
    functional = " ".join(f"<{p}>" for p in sorted(_functional(graph)))
    _, rows = graph.store.select(
        f"SELECT ?s ?p (COUNT(DISTINCT ?o) AS ?n) WHERE {{ VALUES ?p {{ {functional} }} "
        "?s ?p ?o } GROUP BY ?s ?p HAVING (COUNT(DISTINCT ?o) > 1)")
    assert [(s.value, p.value) for s, p, _ in rows] == []  # type: ignore[union-attr]


def test_a_many_valued_column_is_an_array_even_with_one_value(graph: Graph) -> None:
    result = graph.query("VMSeries | where name in [NCv3, NDv2] | sort name "
                         "| show name, architecture, ^series, retiredOn")
    ncv3, ndv2 = json.loads(render(result, "json"))
    assert ndv2["^series"] == ["Standard_ND40rs_v2"]  # one size, still an array
    assert len(ncv3["^series"]) == 4
    assert ncv3["architecture"] == ndv2["architecture"] == "Volta"  # functional: a value
    assert ncv3["retiredOn"] is None  # functional and absent (as of the seed): null


def test_a_missing_many_valued_value_is_an_empty_array(graph: Graph) -> None:
    result = graph.query("VMSeries | where name in [NCv3, Dv2] | sort name "
                         "| show name, ^series.gpuCount")
    rows = json.loads(render(result, "json"))
    assert {r["name"]: type(r["^series.gpuCount"]) for r in rows} == {"Dv2": list, "NCv3": list}


#: Results whose columns hold one row's property each: `describe` lists each fact as a row
#: (property, value), and `transpose` turns columns into rows, so a column mixes kinds.
TABULAR = [e for e in EXAMPLES if not e.startswith(("describe", "schema")) and "transpose" not in e]


@pytest.mark.parametrize("example", TABULAR, ids=[e.strip()[:50] for e in TABULAR])
def test_every_documented_example_has_one_type_per_column(graph: Graph, example: str) -> None:
    rows = json.loads(render(graph.query(example), "json"))
    for column in (rows[0] if rows else {}):
        types = {type(r[column]).__name__ for r in rows if r[column] is not None}
        assert len(types - {"int", "float"}) <= 1, (column, types)


def test_ids_give_each_row_and_entity_its_iri(graph: Graph) -> None:
    result = graph.query("VMSeries | where name = NCv3 | show name, architecture")
    (row,) = json.loads(render(result, "json", ids=True))
    assert row == {"@id": "https://w3id.org/azml-kg/id/NCv3", "name": "NCv3",
                   "architecture": {"@id": "https://w3id.org/azml-kg/id/Volta",
                                    "label": "Volta"}}


@pytest.mark.parametrize("statement", [
    "VMSeries | where category = GPU | show architecture | distinct",
    "VMSeries | where category = GPU | show architecture | distinct | limit 2",
    "VMSeries | where category = GPU | show name, category | distinct",
    "VMSeries | where category = GPU | count by architecture",
    "VMSeries | where category = GPU | collect name by architecture",
    "Target | count by supports(AutoML)",
    "VMSeries | where category = GPU | show name, architecture | transpose"])
def test_a_row_of_no_one_entity_has_no_iri(graph: Graph, statement: str) -> None:
    """A row that stands for no one entity (`distinct`: every entity with its cells; a
    group; a transposed column) has `"@id": null`, where `distinct` gave each row the IRI of
    whichever series came first (NDasrA100_v4 is Ampere too: hunt24 F5). Its entities keep
    their IRIs in the cells."""
    for fmt in ("json", "jsonl"):
        text = render(graph.query(statement), fmt, ids=True)
        rows = json.loads(text) if fmt == "json" else [json.loads(x) for x in text.splitlines()]
        assert rows and all(row["@id"] is None for row in rows), (fmt, rows[:2])
    if "distinct" in statement:  # the cells' entities still say which they are
        assert "/id/" in render(graph.query(statement), "json", ids=True)


def test_a_distinct_result_keeps_the_facts_behind_it(graph: Graph) -> None:
    """No `@id` is no loss of evidence: the HTML still cites the facts behind each row and
    an export still holds them (dropping each row's entity left none: hunt25 F2)."""
    import io

    from kg.cli import main

    statement = "VMSeries | where category = GPU | show name, architecture | distinct"
    plain = statement.removesuffix(" | distinct")
    assert graph.query(statement).entities() == graph.query(plain).entities()

    def written(text: str, fmt: str) -> str:
        out = io.StringIO()
        assert main(["--as-of", SEED, "query", text, "--format", fmt], out, io.StringIO()) == 0
        return out.getvalue()

    assert written(statement, "html").count("<sup") == written(plain, "html").count("<sup") > 0
    exported = io.StringIO()
    assert main(["--as-of", SEED, "export", statement, "--format", "nt"], exported,
                io.StringIO()) == 0
    assert len(exported.getvalue().splitlines()) > 100


def test_the_cli_streams_distinct_rows_with_no_iri() -> None:
    """`kg query` writes JSON Lines part by part (kg.executor.stream): no `@id` there either."""
    out = subprocess.run([sys.executable, "-m", "kg", "--as-of", SEED, "query", "--ids",
                          "--format", "jsonl", "VMSeries | where category = GPU "
                          "| show architecture | distinct"],
                         capture_output=True, text=True, check=True).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) > 3 and {row["@id"] for row in rows} == {None}


def test_ids_keys_do_not_change_with_the_language() -> None:
    en = Graph.open(as_of=SEED, lang="en").query("VMCategory | show name")
    de = Graph.open(as_of=SEED, lang="de").query("VMCategory | show name")
    en_ids = [r["@id"] for r in json.loads(render(en, "json", ids=True))]
    de_ids = [r["@id"] for r in json.loads(render(de, "json", ids=True))]
    assert sorted(en_ids) == sorted(de_ids) and len(en_ids) > 3
    assert [str(r[0]) for r in en.rows] != [str(r[0]) for r in de.rows]


def test_a_neighbors_class_is_an_iri_with_ids() -> None:
    """hunt140 F2: `neighbors`' `class` was its label under `--ids` too ("managed compute",
    "verwaltete Computeressource"): a script keying on it broke with `--lang de`."""
    rows = {lang: json.loads(render(Graph.open(as_of=SEED, lang=lang).query("neighbors NCv3"),
                                    "json", ids=True)) for lang in ("en", "de")}
    classes = {lang: [r["class"] for r in found] for lang, found in rows.items()}
    assert [c["@id"] for c in classes["en"]] == [c["@id"] for c in classes["de"]]
    assert "https://w3id.org/azml-kg/ontology#ManagedCompute" in {c["@id"] for c in classes["en"]}
    assert {c["label"] for c in classes["en"]} != {c["label"] for c in classes["de"]}
    plain = json.loads(render(Graph.open(as_of=SEED).query("neighbors NCv3"), "json"))
    assert "managed compute" in {r["class"] for r in plain}  # without --ids: the label


def test_the_cli_ids_flag_in_csv_and_json() -> None:
    run = [sys.executable, "-m", "kg", "--as-of", SEED, "query",
           "VMSeries | where name = NCv3 | show name", "--ids"]
    csv = subprocess.run([*run, "--format", "csv"], capture_output=True, text=True, check=True)
    assert csv.stdout == "@id,name\nhttps://w3id.org/azml-kg/id/NCv3,NCv3\n"
    js = subprocess.run([*run, "--format", "jsonl"], capture_output=True, text=True, check=True)
    assert json.loads(js.stdout) == {"@id": "https://w3id.org/azml-kg/id/NCv3", "name": "NCv3"}



def _without_and_with(data: Path, argv: list[str]) -> Iterator[tuple[bool, str, str]]:
    """`kg ARGV` without the data file, then with it: (with it?, stdout, stderr) of each,
    both ending with exit 0."""
    from kg.cli import main

    for extra, said in (([], False), (["--data", str(data)], True)):
        out, err = io.StringIO(), io.StringIO()
        assert main([*extra, *argv], out, err) == 0, err.getvalue()
        yield said, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("args", [["query", "VMSeries | where has retiredOn | show name, retiredOn"],
                                  ["run", "retired-by", "-p", "date=2031-01-01"],
                                  ["export", "VMSeries | where has retiredOn | show name, "
                                   "retiredOn"]])  # (export: hunt101 F8)
@pytest.mark.parametrize("fmt", ["json", "csv", "md", "turtle"])
def test_a_one_value_column_with_several_is_said(tmp_path: Path, args: list[str],
                                                 fmt: str) -> None:
    """A data file that gives NCv3 a second retirement date made `retiredOn` an array in
    every row of JSON, with nothing said (hunt99 F2): a note on stderr names the column;
    without such data, none, nor for a format of facts (Turtle), which has no columns."""
    data = tmp_path / "two.ttl"
    data.write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                    "@prefix ent: <https://w3id.org/azml-kg/id/> .\n"
                    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                    'ent:NCv3 kg:retiredOn "2030-01-01"^^xsd:date .\n')
    for said, _, err in _without_and_with(data, [*args, "-f", fmt]):
        assert ("note: `retiredOn` holds several values in some rows, where one is expected"
                in err) is (said and fmt != "turtle"), err


@pytest.mark.parametrize("args", [["query", "InferenceTarget | show name, gpuSupport, maxMemoryGB"],
                                  ["export", "InferenceTarget | show name, gpuSupport, maxMemoryGB"]])
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "turtle"])  # (jsonl: streamed)
def test_a_value_of_another_datatype_is_said(tmp_path: Path, args: list[str], fmt: str) -> None:
    """A data file's `"yes"^^xsd:boolean`, plain `"true"` or `"NaN"^^xsd:double` for a
    boolean or number property is written as its text: JSON had a string in a column of
    booleans or numbers, with nothing said (hunt140 F1); a note names the columns, not for
    data of the property's own datatype, nor for a format of facts."""
    data = tmp_path / "typed.ttl"
    data.write_text("@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
                    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                    "@prefix lab: <https://example.org/lab/> .\n"
                    'lab:B1 a kg:InferenceTarget ; rdfs:label "B1"@en ; kg:gpuSupport "yes"^^xsd:boolean .\n'
                    'lab:B2 a kg:InferenceTarget ; rdfs:label "B2"@en ; kg:gpuSupport "true" ;\n'
                    '    kg:maxMemoryGB "NaN"^^xsd:double .\n'
                    'lab:B3 a kg:InferenceTarget ; rdfs:label "B3"@en ; kg:gpuSupport "1"^^xsd:boolean ;\n'
                    '    kg:maxMemoryGB "2.5"^^xsd:decimal .\n')
    for said, out, err in _without_and_with(data, [*args, "-f", fmt]):
        notes = [line for line in err.splitlines() if "in some rows a value" in line]
        if not said or fmt == "turtle":
            assert notes == [], err
            continue
        assert [n.split(" holds ")[0] for n in notes] == ["note: `gpuSupport`", "note: `maxMemoryGB`"]
        assert all(("in JSON it is a string" in n) is fmt.startswith("json") for n in notes)
        if fmt == "json":
            rows = {r["name"]: r for r in json.loads(out)}
            assert (rows["B1"]["gpuSupport"], rows["B2"]["gpuSupport"], rows["B3"]["gpuSupport"]) \
                == ("yes", "true", True)


@pytest.mark.parametrize("text", [
    "VMSeries | collect name by supportedBy",  # grouped by the engine
    "VMSeries | collect name by supportedBy, category",
    "VMSeries | sort name | collect name by supportedBy",  # grouped in Python
])
def test_a_collect_key_of_several_values_is_an_array_with_nothing_said(text: str) -> None:
    """hunt124 F13: `collect … by supportedBy` (a property of several values) said
    `supportedBy` held "several values where one is expected"; it is an array in every
    row, and a key of one value (`category`) stays one value."""
    from kg.cli import main

    out, err = io.StringIO(), io.StringIO()
    assert main(["query", text, "-f", "json"], out, err) == 0, err.getvalue()
    assert err.getvalue() == ""
    rows = json.loads(out.getvalue())
    assert all(isinstance(row["supportedBy"], list) for row in rows)
    assert all(not isinstance(row.get("category"), list) for row in rows)
