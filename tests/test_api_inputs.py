"""The Python API and the notebook take what a data scientist passes them (hunt31): a value
that is not one is a kg error naming it, never a traceback from pyoxigraph or Python, and
what a DataFrame gives (numpy numbers, datetimes) is a value."""

from __future__ import annotations

import datetime
import io
import unicodedata
from pathlib import Path

import numpy
import pytest

import kg
from kg.cli import main
from kg.errors import ExitStatus, ParameterError, QueryCheckError, UsageError
from kg.notebook import kgq, load_ipython_extension, notebook_params
from kg.session import Graph, param_text


@pytest.fixture(scope="module")
def latest() -> Graph:
    return kg.open_graph()


def test_a_lone_surrogate_in_a_value_is_a_usage_error(latest: Graph) -> None:
    """pyoxigraph's ValueError came through raw (the CLI: internal error, exit 70)."""
    with pytest.raises(UsageError, match=r"parameter \$x: its value is not Unicode text"):
        latest.query("VMSeries | where name ~ $x | count", {"x": "\ud800"})
    out, err = io.StringIO(), io.StringIO()
    status = main(["query", "VMSeries | where name ~ $x | count", "--param", "x=\ud800"], out, err)
    assert status == ExitStatus.USAGE and "not Unicode text" in err.getvalue()


@pytest.mark.parametrize(("command", "param"), [
    (["run", "series-by-architecture"], "arch=Volta\udcff"),  # a class-typed parameter
    (["run", "retired-by"], "date=\udcff"),  # a date
    (["export", "--saved", "series-by-architecture", "-o", "-"], "arch=Volta\udcff"),
])
def test_a_byte_not_utf8_in_a_saved_querys_parameter_is_a_usage_error(
        command: list[str], param: str) -> None:
    """hunt89 F1: a class-typed one was an internal error (exit 70: its value was read into a
    pyoxigraph literal before any check), a date's exit 3; `kg query`'s is exit 2."""
    out, err = io.StringIO(), io.StringIO()
    status = main([*command, "-f", "csv", "--param", param], out, err)
    assert (status, out.getvalue()) == (ExitStatus.USAGE, "")
    assert err.getvalue() == (f"error: parameter ${param.split('=')[0]}: its value is not Unicode "
                              "text (a byte that is not UTF-8, or a lone surrogate)\n")


def test_a_decomposed_value_matches_text_as_a_composed_one() -> None:
    german = kg.open_graph(lang="de")
    query = "Feature | where name ~ $x | show name"
    composed = german.query(query, {"x": "Über"}).rows
    assert composed and german.query(query, {"x": unicodedata.normalize("NFD", "Über")}).rows == composed


def test_a_column_may_not_be_titled_as_the_rows_iri(latest: Graph) -> None:
    """`show name as "@id"` with ids put the label where the IRI goes (csv: `@id,@id`)."""
    with pytest.raises(QueryCheckError, match=r"`@id` is the title of each row's entity IRI"):
        latest.query('VMSeries | show name as "@id"')


@pytest.mark.parametrize("lang", ["DE", "xx", ""])
def test_a_statements_language_is_checked(latest: Graph, lang: str) -> None:
    """`lang="DE"` gave German labels beside English support words, `xx` English."""
    with pytest.raises(UsageError, match="unknown language"):
        latest.query("VMSeries | count", lang=lang)
    with pytest.raises(UsageError, match="unknown language"):
        latest.stream("VMSeries | count", lang=lang)


def test_as_of_takes_a_datetime_as_its_day() -> None:
    day = kg.open_graph(as_of=datetime.date(2025, 1, 1)).query("VMSeries | count").rows
    assert kg.open_graph(as_of=datetime.datetime(2025, 1, 1, 5)).query("VMSeries | count").rows == day
    with pytest.raises(UsageError, match="^as_of=2024.0 is neither a date nor a revision's name"):
        kg.open_graph(as_of=2024.0)  # type: ignore[arg-type]
    seed = kg.open_graph(as_of="2024").store.revision  # a year as a number, as a name
    assert seed is not None and kg.open_graph(as_of=2024).store.revision == seed  # type: ignore[arg-type]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"as_of": "2025-02-30"}, "as_of='2025-02-30' is no day of the calendar"),
    ({"as_of": "someday"}, "as_of='someday' is neither a date (YYYY-MM-DD) nor a revision"),
    # the caller's value as given (hunt73 R9: `--data x` in it was rewritten too)
    ({"as_of": "--data x"}, "as_of='--data x' is neither a date (YYYY-MM-DD) nor a revision"),
    ({"data": "lab.ttl", "endpoint": "http://127.0.0.1:9/sparql"},
     "data loads files into the embedded graph; with an endpoint, publish them"),
])
def test_open_graphs_errors_name_its_arguments(kwargs: dict[str, str], message: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The errors named the command's options (`--as-of 2024 is neither …`) to a caller
    who passed ``as_of=`` (hunt68 F7); the command's own are unchanged."""
    with pytest.raises(UsageError) as caught:
        kg.open_graph(**kwargs)  # type: ignore[arg-type]
    assert str(caught.value).startswith(message) and "--as-of" not in str(caught.value)
    assert main(["query", "--as-of", "someday", "VMSeries"]) == ExitStatus.USAGE
    assert capsys.readouterr().err.startswith("error: --as-of 'someday' is neither a date")


@pytest.mark.parametrize(("value", "text"), [
    (numpy.int64(2), "2"), (numpy.bool_(True), "true"), (numpy.float64(0.5), "0.5"),
    (1e-05, "0.00001"), (1e16, "10000000000000000"), (2.0, "2.0"), (-3, "-3"),
])
def test_numbers_as_kgq_writes_them(value: object, text: str) -> None:
    """A number from a DataFrame is numpy's; a float is never in scientific notation, which
    KGQ does not read (`1e-05` is not a number)."""
    assert param_text("n", value) == text


def test_numbers_from_a_data_frame_are_values(latest: Graph) -> None:
    frame = latest.query("VMSeries | where category = GPU | count").to_pandas()
    count = frame["count"][0]
    assert type(count).__module__ == "numpy"
    assert latest.query("VMSize | where gpuCount >= $n | count", {"n": count}).rows
    with pytest.raises(UsageError, match=r"parameter \$n: a number is at most"):
        latest.query("VMSize | where gpuCount >= $n | count", {"n": 10 ** 5000})


@pytest.mark.parametrize(("call", "message"), [
    (lambda g: g.query("VMSeries | count", [("a", "b")]), "parameters are a mapping"),
    (lambda g: g.query("VMSeries | where architecture = $a | count", {1: "Volta"}),
     "a parameter's name is text, not 1"),
    (lambda g: g.query(None), "a statement is text, not NoneType"),
    (lambda g: g.stream("VMSeries | count", rows="2"), "rows is a number of rows"),
    (lambda g: g.stream("VMSeries | count", rows=0), "rows is a number of rows"),
    (lambda g: kg.open_graph(endpoint=5), "endpoint is a URL, not 5"),
    (lambda g: kg.open_graph(data=5), "data is a file or a list of files"),
])
def test_a_wrong_argument_is_a_usage_error(latest: Graph, call: object, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        call(latest)  # type: ignore[operator]


def test_one_data_file_may_be_given_alone(tmp_path: Path) -> None:
    """`data="x.ttl"` was read letter by letter ("e: unknown RDF file type")."""
    path = tmp_path / "x.ttl"
    path.write_text('<https://w3id.org/azml-kg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> '
                    '"X thing"@en .\n', encoding="utf-8")
    for data in (str(path), path, [path]):
        assert kg.open_graph(data=data).query('describe "X thing"').rows
    assert kg.open_graph(data=None).query("VMSeries | count").rows


def test_several_values_are_a_list_in_every_row_of_a_frame(latest: Graph) -> None:
    """A column that may hold several values mixed a text, lists and None; JSON writes an
    array in every row, and so does the frame now."""
    result = latest.query("GPUArchitecture | show name, computeCapability, ^architecture")
    frame = result.to_pandas()
    for column in ("computeCapability", "^architecture"):
        assert all(isinstance(v, list) for v in frame[column]), column
    records = result.records()
    assert [r["computeCapability"] for r in records] == list(frame["computeCapability"])


def test_a_notebook_table_is_in_the_results_language() -> None:
    german = kg.open_graph(lang="de").query("VMSize | where isolated | show name, isolated | limit 1")
    assert "<td>ja</td>" in german._repr_html_()
    english = kg.open_graph().query("VMSize | where isolated | show name, isolated | limit 1")
    assert "<td>yes</td>" in english._repr_html_()
    assert german.lang == "de" and english.lang == "en"


class TestMagicParams:
    """The magic's --param reads as `kg query`'s (its docstring says it takes its options)."""

    def test_given_twice(self) -> None:
        with pytest.raises(UsageError, match=r"%%kgq: --param arch is given twice"):
            notebook_params("VMSeries | where architecture = $arch", ["arch=Pascal", "arch=Volta"], {})

    def test_never_used(self) -> None:
        with pytest.raises(ParameterError, match=r"%%kgq: --param \$unused: the statement never "
                                                 r"uses \$unused; it uses \$arch"):
            notebook_params("VMSeries | where architecture = $arch", ["arch=Volta", "unused=1"], {})

    def test_spaces_around_a_value_are_dropped(self) -> None:
        assert notebook_params("VMSeries | where name ~ $t | count", ["t= nc "], {}) == {"t": "nc"}

    def test_kg_endpoint_is_the_default(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A server that is down: the magic said the embedded graph's answer."""
        from kg.errors import ExecutionError

        monkeypatch.setenv("KG_ENDPOINT", "http://127.0.0.1:9/query")
        with pytest.raises(ExecutionError, match="127.0.0.1:9"):
            kgq("", "VMSeries | count", {})
        assert kgq("--endpoint ''", "VMSeries | count", {}).rows  # '' sets it aside


def test_the_magic_gives_the_clis_hint(capsys: pytest.CaptureFixture[str]) -> None:
    class Shell:
        user_ns: dict[str, object] = {}

        def register_magic_function(self, function: object, magic_kind: str,
                                    magic_name: str) -> None:
            self.magic = function

    shell = Shell()
    load_ipython_extension(shell)
    assert shell.magic("", "VMSeries | where category == GPU") is None  # type: ignore[attr-defined]
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "\nhint: KGQ compares with a single `=`" in err


def test_render_refuses_what_it_would_ignore_or_smear(latest: Graph) -> None:
    result = latest.query("VMSeries | limit 2")
    with pytest.raises(UsageError, match="--ids adds IRIs to json"):
        kg.render(result, "md", ids=True)
    for width in (0, -5):
        with pytest.raises(UsageError, match="width is a number, at least 1"):
            kg.render(result, "table", width=width)
    with pytest.raises(UsageError, match="a format is a name"):
        kg.render(result, None)  # type: ignore[arg-type]
    german = kg.open_graph(lang="de").query("VMSize | where isolated | show isolated | limit 1")
    assert "<td>ja</td>" in kg.render(german, "html")  # the result's language, no graph


@pytest.mark.parametrize(("value", "shown"), [
    ("GPU\u200b", "`GPU\\u200b`"), ("GPU\u00a0x", "`GPU\\u00a0x`")])
def test_an_unseen_character_in_a_value_is_shown_by_its_code(latest: Graph, value: str,
                                                             shown: str) -> None:
    """"unknown entity `GPU​` … did you mean `GPU`?" read as the same name twice."""
    with pytest.raises(QueryCheckError) as err:
        latest.query("VMSeries | where category = $c", {"c": value})
    assert shown in str(err.value)


def test_a_long_value_is_quoted_cut(latest: Graph) -> None:
    """A 1 MB value made a 1,000,117-character message (now past the limit of a value,
    a statement's: hunt110 F12)."""
    with pytest.raises(QueryCheckError) as err:
        latest.query("describe $x", {"x": "N" * 100_000})
    assert len(str(err.value)) < 2_000 and "(99,800 more characters)" in str(err.value)


def test_the_magic_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    """`%%kgq --help` was "unrecognized arguments"."""
    assert kgq("--help", "", {}) is None
    shown = capsys.readouterr().out
    assert shown.startswith("usage: %%kgq") and "--param PARAM" in shown and "$KG_ENDPOINT" in shown


@pytest.mark.parametrize(("value", "text"), [
    (numpy.datetime64("2025-01-01T00:00:00.000000000"), "2025-01-01"),  # pandas' .values
    (numpy.datetime64("2025-03-04"), "2025-03-04")])
def test_a_numpy_datetime_is_its_day(value: object, text: str) -> None:
    """A nanosecond datetime64 became its integer (1735689600000000000 "is not a date")."""
    assert param_text("d", value) == text


@pytest.mark.parametrize("value", [numpy.array([1, 2]), numpy.timedelta64(3, "ns"),
                                   numpy.datetime64("NaT"), numpy.datetime64("2025-01-01", "ps")])
def test_a_numpy_value_kgq_has_none_of_is_refused(value: object) -> None:
    """An array raised a raw ValueError; a time span was taken as a number."""
    with pytest.raises(UsageError, match=r"parameter \$v: .* is not a"):
        param_text("v", value)


def test_data_may_be_any_iterable_of_paths(tmp_path: Path) -> None:
    path = tmp_path / "x.ttl"
    path.write_text('<https://w3id.org/azml-kg/id/x> <http://www.w3.org/2000/01/rdf-schema#label> '
                    '"X thing"@en .\n', encoding="utf-8")
    for data in (tmp_path.glob("*.ttl"), {path}):
        assert kg.open_graph(data=data).query('describe "X thing"').rows
    with pytest.raises(UsageError, match="an empty text names no file"):
        kg.open_graph(data="")


def test_edge_values_from_a_data_frame() -> None:
    """A float32 was sent with its binary tail (12.100000381469727); pandas' NaT became the
    text "NaT" (hunt33, low)."""
    import pandas

    assert param_text("x", numpy.float32(12.1)) == "12.1"
    with pytest.raises(UsageError, match=r"parameter \$x: NaT is not a date"):
        param_text("x", pandas.NaT)


def test_render_takes_numpy_widths_and_refuses_what_is_no_result(latest: Graph) -> None:
    result = latest.query("VMSeries | limit 2")
    assert kg.render(result, "table", width=numpy.int64(40)).startswith("name")
    with pytest.raises(UsageError, match="render writes a Result"):
        kg.render("VMSeries")  # type: ignore[arg-type]


@pytest.mark.parametrize("statement", ["VMSeries | where name = $v | show name",
                                       "VMSeries | where name in [$v] | show name",
                                       "VMSeries | where name ~ $v | show name"])
def test_an_entity_given_where_text_is_compared_is_its_name(statement: str) -> None:
    """An ``EntityRef`` from a result, compared with a text (`name = $v`), was its IRI as
    text: no row, and no word why (hunt68 F1); it is the entity's name, as `name = NCv3`
    is. Where an entity is compared it is the entity itself."""
    graph = kg.open_graph()
    ref = graph.query("VMSize | where series = NCv3 | show series | limit 1").rows[0][0]
    assert isinstance(ref, kg.result.EntityRef) and ref.iri
    assert [str(c) for row in graph.query(statement, {"v": ref}).rows for c in row] == ["NCv3"]
    assert graph.query("VMSize | where series = $v | count", {"v": ref}).rows == [[4]]
    text = {"v": "text that is not an IRI"}  # a text stays a text
    assert graph.query(statement, text).rows == []


def test_the_graphs_other_methods_take_their_input_as_query_does() -> None:
    """An int or None parameter to `checked`, 5 to `load`, "fr" to `fork`, a text as
    render's graph were Python's own errors or taken (hunt68 F4): kg's usage errors."""
    graph = kg.open_graph()
    result = graph.query("VMSeries | limit 1")
    for call in (lambda: graph.checked(None),  # type: ignore[arg-type]
                 lambda: graph.checked("VMSeries", [("a", "b")]),  # type: ignore[arg-type]
                 lambda: graph.load(5),  # type: ignore[arg-type]
                 lambda: graph.load(None),  # type: ignore[arg-type]
                 lambda: graph.fork("fr"),
                 lambda: kg.render(result, "turtle", graph="x")):  # type: ignore[arg-type]
        with pytest.raises(UsageError):
            call()
    with pytest.raises(QueryCheckError, match="unknown entity `5`"):  # as query takes it
        graph.checked("VMSeries | where architecture = $arch", {"arch": 5})
    assert graph.fork("").lang == graph.lang  # no language given: this one's (hunt69)


def test_render_with_a_width_shows_a_table_as_a_terminal_that_wide_does() -> None:
    """`kg.render(result, "table", width=12)` cut words into letters ("Az|ur|e"); the README
    promises one field per line where the words cannot fit (hunt68 F5), as `kg` on a
    terminal does."""
    graph = kg.open_graph()
    result = graph.query("VMSeries | where architecture = Volta | show name, category, supportedBy")
    narrow = kg.render(result, "table", width=12).splitlines()
    assert narrow[0].startswith("-[ RECORD 1 ]") and "supportedBy | Azure" in narrow
    assert all(len(line) <= 24 for line in narrow)  # the record's rule as wide as its fields
    wide = kg.render(result, "table", width=200).splitlines()
    assert wide[0].split(" | ") == ["name", "category", "supportedBy"]
