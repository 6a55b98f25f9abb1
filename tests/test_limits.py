"""Bounded inputs: every limit of kg.limits is a clear error, never a traceback, a hang or a
crash; and shapes that used to blow up (nested cuts, chains of follow) stay fast."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg.errors import DataError, ExitStatus, QueryError, QuerySyntaxError
from kg.limits import (
    MAX_CUTS,
    MAX_DEPTH,
    MAX_JSON_DEPTH,
    MAX_PROBLEMS,
    MAX_QUERY_CHARS,
    MAX_STAGES,
    MAX_STEPS,
    MAX_TERMS,
)
from kg.parser import parse
from kg.session import Graph


@pytest.mark.parametrize(("text", "says"), [
    ("VMSeries | where " + "not " * (MAX_DEPTH + 5) + "has category", "nests too deeply"),
    ("VMSeries | where " + "(" * 3000 + "has category" + ")" * 3000, "nests too deeply"),
    ("VMSeries" + " | distinct" * (MAX_STAGES + 1), "too many stages"),
    ("VMSeries | where architecture" + ".^architecture.architecture" * 250 + " = Volta",
     "the path has too many steps .at most 64."),  # a RecursionError, exit 70 (hunt143 F1)
    ("VMSeries | show " + ".".join(["series"] * (MAX_STEPS + 1)), "too many steps"),
    ("Target | where supports" + ".x" * (MAX_STEPS + 1), "too many steps"),
    ("VMSeries | where " + " or ".join(f'name = "v{i}"' for i in range(MAX_TERMS)),
     "too many conditions and values .at most 1000; a comparison counts twice, itself and "
     "its value.\n"),
    ("VMSeries | where name in [" + ", ".join(f'"v{i}"' for i in range(MAX_TERMS + 1)) + "]",
     "too many conditions and values"),
    ("VMSeries | limit 99999999999999999999999", "too large a number"),
    ("VMSeries | limit " + "9" * 5000, "too large a number"),
    ("neighbors NCv3 depth 99999999999999999999", "too large a number"),
    ("VMSeries | limit 9223372036854775808",  # one past the largest, in full (hunt107 F6)
     ": 9223372036854775808 is too large a number .at most 9,223,372,036,854,775,807.\n"),
    ('VMSeries | where name = "\ud800"', "not valid Unicode"),
    ('VMSeries | where name = "\udcff"', "the byte 0xff is not UTF-8"),  # read from bytes
    ("VMSeries | where name = " + '"' + "x" * MAX_QUERY_CHARS + '"', "too long"),
])
def test_each_limit_is_a_query_error(text: str, says: str) -> None:
    with pytest.raises(QuerySyntaxError, match=says) as caught:
        parse(text)
    assert "Traceback" not in caught.value.render()


@pytest.mark.parametrize("stage", ["where {} = NCv3", "where has {}", "where not ({} = NCv3)",
                                   "count by {}", "show name, {}", "sort {}", "follow {}",
                                   "collect name by {}"])
def test_a_path_of_the_most_steps_runs(graph: Graph, stage: str) -> None:
    """A path of MAX_STEPS steps is planned and run wherever a path goes (one of 500
    steps was a RecursionError in the planner, exit 70: hunt143 F1)."""
    path = "architecture" + ".^architecture.architecture" * ((MAX_STEPS - 2) // 2) + ".^architecture"
    assert path.count(".") + 1 == MAX_STEPS
    assert graph.query(f"VMSeries | {stage.format(path)}").columns


def test_the_largest_whole_number_is_taken(graph: Graph) -> None:
    """`limit 9223372036854775807` was "too large (at most 9,223,372,036,854,775,807)"."""
    assert graph.query("VMSeries | count | limit 9223372036854775807").rows


def test_a_limit_error_points_at_what_passes_the_limit() -> None:
    """The caret of "too many stages" is under the first stage past the limit (the
    statement's 101st), not under the first."""
    text = "VMSeries" + " | distinct" * (MAX_STAGES + 1)
    with pytest.raises(QuerySyntaxError) as caught:
        parse(text)
    problem = caught.value.problems[0]
    assert problem.span is not None and problem.span.start == text.rindex("distinct")


def test_limits_are_query_errors_through_the_graph(graph: Graph) -> None:
    with pytest.raises(QueryError) as caught:
        graph.query("VMSeries | limit 99999999999999999999999")
    assert caught.value.status == 3


def test_repeated_limits_collapse(graph: Graph) -> None:
    """`limit a | limit b` is one `limit min(a, b)`: twenty of them nest no query (each
    nesting doubled the engine's work)."""
    result = graph.query("VMSeries" + " | limit 5" * 20)
    assert len(result.rows) == 5
    plan = graph.compile("VMSeries" + " | limit 5" * 20)
    assert len(plan.steps) == 1 and plan.steps[0].count == 5  # type: ignore[union-attr]
    assert "LIMIT" not in plan.sparql and "LIMIT" not in plan.steps[0].sparql  # type: ignore[union-attr]
    by_version = graph.compile("FrameworkRelease | sort versionNumber" + " | limit 5" * 20)
    assert len(by_version.steps) == 1 and by_version.steps[0].count == 5  # type: ignore[union-attr]
    by_number = graph.compile("VMSize | sort vcpus" + " | limit 5" * 20)  # cut by the engine
    assert not by_number.steps and by_number.sparql.count("LIMIT") == 1  # type: ignore[union-attr]


def test_too_many_cuts_is_an_error(graph: Graph) -> None:
    text = "VMSeries" + " | limit 50 | where has category" * (MAX_CUTS + 1)
    with pytest.raises(QueryError, match=f"at most {MAX_CUTS} `limit` stages"):
        graph.query(text)


def test_chains_of_follow_stay_sets(graph: Graph) -> None:
    """Each `follow` gives a set of entities (a DISTINCT query): a chain never multiplies rows."""
    chain = "VMSeries" + " | follow architecture | follow ^architecture" * 9
    once = "VMSeries | follow architecture | follow ^architecture"
    assert graph.query(chain).rows == graph.query(once).rows
    # one DISTINCT subquery per `follow`, and the outer SELECT DISTINCT of the rows
    assert graph.compile(chain).sparql.count("SELECT DISTINCT") == 18 + 1  # type: ignore[union-attr]


def test_an_error_lists_at_most_so_many_problems(graph: Graph) -> None:
    text = "VMSeries | where " + " and ".join(f"nope{i} = 1" for i in range(MAX_PROBLEMS + 7))
    with pytest.raises(QueryError) as caught:
        graph.query(text)
    rendered = caught.value.render()
    assert rendered.count("error:") == MAX_PROBLEMS
    assert rendered.rstrip().endswith("… and 7 more problems")


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/null", "fifo.ttl", "folder.ttl"])
def test_data_that_is_not_a_regular_file_is_refused(tmp_path: Path, special: str) -> None:
    path = Path(special) if special.startswith("/") else tmp_path / special
    if special == "fifo.ttl":
        os.mkfifo(path)
    elif special == "folder.ttl":
        path.mkdir()
    with pytest.raises(DataError):
        Graph.open([path])


def _nested(depth: int, after: bytes = b"") -> bytes:
    """A JSON-LD node whose objects nest ``depth`` levels deep (itself the first), then
    ``after`` (a second node: the parser has taken the first by then)."""
    inner = b'"http://e/p": {' * (depth - 1) + b'"http://e/q": 1' + b"}" * (depth - 1)
    return b'[{"@id": "http://e/a", ' + inner + b"}" + after + b"]"


@pytest.mark.parametrize("text", [
    b'{"@id": "http://e/a", "http://e/p": ' + b"[" * 1100 + b"1" + b"]" * 1100 + b"}",
    _nested(MAX_JSON_DEPTH),  # the list around it makes one more
])
def test_a_json_ld_file_nested_too_deeply_is_a_data_error(tmp_path: Path, text: bytes) -> None:
    """hunt83 F4: Python's JSON reader ran out of stack (RecursionError: exit 70)."""
    path = tmp_path / "deep.jsonld"
    path.write_bytes(text)
    with pytest.raises(DataError, match=f"deep.jsonld: its objects and arrays nest deeper than "
                       f"kg reads .{MAX_JSON_DEPTH} levels.$"):
        Graph.open([path])


def test_a_json_ld_file_nested_as_deeply_as_kg_reads_loads(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonld"
    path.write_bytes(_nested(MAX_JSON_DEPTH - 1))
    assert len(Graph.open([path]).store) > len(Graph.open().store) + MAX_JSON_DEPTH - 3


@pytest.mark.parametrize("after", [b"", b', {"@id": "http://e/b", "http://e/r": "caf\xe9"}'])
def test_a_json_ld_file_nested_thousands_deep_crashes_nothing(tmp_path: Path, after: bytes) -> None:
    """pyoxigraph's JSON-LD parser crashes the process (SIGSEGV) on objects nested some
    thousands of levels deep; past a byte that is no UTF-8, Python's JSON reader read none
    of the file, and kg let the parser read on to it. A process of its own: a crash is a
    failure, not the end of the tests."""
    path = tmp_path / "deep.jsonld"
    path.write_bytes(_nested(10_000, after))
    done = subprocess.run([sys.executable, "-m", "kg", "--data", str(path), "query",
                           "VMSeries | count"], capture_output=True, text=True, timeout=120,
                          check=False, cwd=Path(__file__).parent.parent)
    assert (done.returncode, done.stderr) == (
        ExitStatus.DATA, f"error: {path}: its objects and arrays nest deeper than kg reads "
        f"({MAX_JSON_DEPTH} levels)\n")


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.ttl"
    path.write_bytes(b'\xef\xbb\xbf<https://w3id.org/azml-kg/id/bom> '
                     b'<http://www.w3.org/2000/01/rdf-schema#label> "BOM"@en .\n')
    assert Graph.open([path]).query("describe BOM").rows


def test_blank_node_classes_and_properties_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "blank.ttl"
    path.write_text("""
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix kg: <https://w3id.org/azml-kg/ontology#> .
[] a owl:Class ; rdfs:label "Blank"@en ; rdfs:subClassOf kg:Target .
[] a owl:ObjectProperty ; rdfs:label "blankprop"@en ; rdfs:domain [ a owl:Class ] .
<https://w3id.org/azml-kg/id/x> a [ a owl:Class ] ; rdfs:label "X"@en .
""")
    graph = Graph.open([path])
    assert graph.query("Target | count").rows
    assert graph.query("describe X").rows


def test_string_escapes(graph: Graph) -> None:
    """The documented escapes, a character by its code, and any other escape an error
    pointing at it (`"\\z"` matched every name with a z)."""
    shown = graph.query('VMSeries | where name = "NC\\u0076\\u0033" | show name').rows
    assert [str(row[0]) for row in shown] == ["NCv3"]
    with pytest.raises(QuerySyntaxError, match="unknown escape `\\\\z`") as caught:
        parse('Target | where name ~ "\\z"')
    problem = caught.value.problems[0]
    assert problem.span is not None and problem.span.start == len('Target | where name ~ "')
    with pytest.raises(QuerySyntaxError, match="`\\\\ud800` is half of a UTF-16 surrogate pair"):
        parse('Target | where name ~ "\\ud800"')  # no lone surrogate by its code
    with pytest.raises(QuerySyntaxError, match="`\\\\u` takes four hexadecimal digits"):
        parse('Target | where name ~ "\\u12"')
