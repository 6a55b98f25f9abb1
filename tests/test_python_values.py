"""What a Python program gets from kg: values that order as they should, a result that is
a sequence of its rows, and the errors it catches, all from ``kg`` itself (hunt94)."""

from __future__ import annotations

import pytest

import kg
from kg.literals import Version


@pytest.fixture(scope="module")
def graph() -> kg.Graph:
    return kg.open_graph()


def _capabilities(graph: kg.Graph) -> list[Version]:
    found: list[Version] = []
    for _, cell in graph.query("GPUArchitecture | show name, computeCapability"):
        found += list(cell) if isinstance(cell, tuple) else [cell] if cell is not None else []
    return found


def test_versions_order_as_versions_by_every_comparison(graph: kg.Graph) -> None:
    """hunt94 #1: only `<` was a version's; `>`, `>=`, `<=` and so `max` compared the
    text, so the highest compute capability was 9.0, not 12.0."""
    caps = _capabilities(graph)
    assert all(isinstance(c, Version) for c in caps) and len(caps) > 5
    assert max(caps) == sorted(caps)[-1] == "12.0"
    assert min(caps) == sorted(caps)[0]
    at_least_9 = sorted({str(c) for c in caps if c >= "9.0"}, key=Version)
    assert at_least_9[0] == "9.0" and "12.0" in at_least_9 and "8.6" not in at_least_9
    assert Version("10.0") > Version("9.0") and Version("12.10") >= Version("12.9")
    assert not Version("10.0") <= Version("9.0")
    assert (Version("10.0") < "9.0", Version("9.0") < "10.0") == (False, True)
    assert Version("9.0") <= 9 and Version("12.1") > 12
    assert Version("1.0") > -5 and not Version("0") < -1  # (a sign was dropped: hunt95)
    with pytest.raises(TypeError):
        Version("9.0") < None  # type: ignore[operator]  # noqa: B015


def test_a_result_is_the_sequence_of_its_rows(graph: kg.Graph) -> None:
    """hunt94 #7: a Result had a length but no iteration or index, a repr of thousands of
    characters, and a hash that failed inside on a list."""
    result = graph.query("VMSeries | where architecture = Volta | show name")
    assert [row for row in result] == result.rows and result[0] == result.rows[0]
    assert [name for name, in result] == ["NCv3", "NDv2"]
    assert repr(result) == "<Result rows: 2 rows × ['name']>"
    with pytest.raises(TypeError, match="unhashable type: 'Result'"):
        hash(result)


def test_a_parameter_named_with_its_dollar_is_told_so(graph: kg.Graph) -> None:
    """hunt94 #5: `{"$n": …}` got "did you mean `$$n`?"."""
    with pytest.raises(kg.UsageError, match=r"given without its \$: \{'n': …\}, not \{'\$n': …\}"):
        graph.query("VMSeries | where name = $n", {"$n": "NCv3"})


def test_the_errors_and_values_a_program_needs_come_from_kg(graph: kg.Graph) -> None:
    """hunt94 #3: the errors a program catches were in kg.errors alone, EntityRef in
    kg.result; every name in kg.__all__ is there."""
    assert all(hasattr(kg, name) for name in kg.__all__)
    with pytest.raises(kg.QuerySyntaxError) as caught:
        graph.query("VMSeries | wher x")
    assert isinstance(caught.value, kg.QueryError) and caught.value.problems
    with pytest.raises(kg.QueryCheckError):
        graph.query("VMSeriez")
    cell = graph.query("VMSize | where name = Standard_NC6s_v3 | show series").rows[0][0]
    assert isinstance(cell, kg.EntityRef) and str(cell) == "NCv3"


def test_a_data_frame_keeps_whole_numbers_truth_values_and_versions(graph: kg.Graph) -> None:
    """hunt94 #9: a column of whole numbers with gaps was float64 (1.0, NaN), of truth
    values object, and versions were plain text (ordered as text)."""
    pytest.importorskip("pandas")
    sizes = graph.query("VMSize | show name, gpuCount, rdma | limit 400").to_pandas()
    assert str(sizes["gpuCount"].dtype) == "Int64" and str(sizes["rdma"].dtype) == "boolean"
    assert sizes["gpuCount"].isna().any() and sizes["gpuCount"].max() >= 4
    caps = graph.query("GPUArchitecture | show name, computeCapability").to_pandas()
    every = [v for cell in caps["computeCapability"] for v in cell]
    assert all(isinstance(v, Version) for v in every) and max(every) == "12.0"
    big = kg.Result(["n"], [[2**63 - 1], [None], [9007199254740993]]).to_pandas()["n"]
    assert str(big.dtype) == "Int64" and big.tolist()[::2] == [2**63 - 1, 9007199254740993]
    assert kg.Result(["n"], [[2**70], [None]]).to_pandas()["n"].tolist()[0] == 2**70  # (hunt95 #5)


def test_a_pandas_row_gives_the_parameters(graph: kg.Graph) -> None:
    """hunt110 F2, F6: `params=row` (a Series from `iterrows()` or `df.iloc[0]`) failed with
    pandas' own "truth value of a Series is ambiguous"; its empty cells are no value, let be
    where the statement does not use them."""
    import pandas

    frame = pandas.DataFrame([{"arch": "Volta", "note": None, "n": float("nan")}])
    statement = "VMSeries | where architecture = $arch | count"
    expected = graph.query(statement, {"arch": "Volta"}).rows
    assert graph.query(statement, frame.iloc[0]).rows == expected
    assert [graph.query(statement, row).rows for _, row in frame.iterrows()] == [expected]


@pytest.mark.parametrize("value", ["1e999999999", "-1e-99999999", "1234567890123456789"])
def test_a_decimal_past_the_limit_is_refused_before_it_is_written_out(graph: kg.Graph,
                                                                      value: str) -> None:
    """hunt110 F5: a Decimal of a large exponent was written out in full (2 GB, 4 s, or a
    MemoryError) before the 18 digits on each side of the point were checked."""
    from decimal import Decimal

    with pytest.raises(kg.UsageError, match=r"\$v: a number has at most 18 digits"):
        graph.query("VMSize | where vcpus > $v | count", params={"v": Decimal(value)})
    assert graph.query("VMSize | where vcpus > $v | count",
                       params={"v": Decimal("123456789012345678")}).rows == [[0]]
    zero = Decimal(0) * Decimal("1E+20")  # 0E+20, written "0" (refused: hunt116 F5)
    assert graph.query("VMSize | where vcpus > $v | count", params={"v": zero}).rows == \
        graph.query("VMSize | where vcpus > 0 | count").rows


def test_a_parameters_text_is_bounded_as_a_statement(graph: kg.Graph) -> None:
    """hunt110 F12: a parameter's text was unbounded (10**8 characters: 6.5 s, 800 MB),
    though "every input is bounded"; at most a statement's 100,000 characters."""
    statement = "VMSeries | where name = $v | count"
    with pytest.raises(kg.UsageError, match=r"\$v: a value has at most 100,000 characters"):
        graph.query(statement, params={"v": "x" * 100_001})
    assert graph.query(statement, params={"v": "x" * 100_000}).rows == [[0]]


@pytest.mark.parametrize("lang", ["fr", None, ""])
def test_a_graphs_language_is_one_kg_speaks(lang: object) -> None:
    """hunt110 F13: `g.lang = "fr"` answered in English without a word, `None` failed in
    pyoxigraph; as `fork(lang=)` and `query(lang=)`, an unknown language is refused."""
    graph = kg.open_graph(as_of="seed")
    with pytest.raises(kg.UsageError, match="unknown language"):
        graph.lang = lang  # type: ignore[assignment]
    assert graph.lang == "en"
    graph.lang = "de"
    assert graph.query("Feature | where name ~ \"Übermittlung\" | count").rows == [[1]]


def test_a_datetime_with_a_time_is_no_day(graph: kg.Graph) -> None:
    """hunt110 F10: a datetime's time was cut off without a word (noon of NCv3's retirement
    day left NCv3 out of `retiredOn < $t`); midnight, as pandas gives a day, is that day."""
    import datetime

    statement = "VMSeries | where retiredOn < $t | count"
    with pytest.raises(kg.UsageError, match=r"\$t: 2025-09-30T12:00:00 has a time of day"):
        graph.query(statement, params={"t": datetime.datetime(2025, 9, 30, 12, 0)})
    assert graph.query(statement, params={"t": datetime.datetime(2025, 9, 30)}).rows == \
        graph.query(statement, params={"t": datetime.date(2025, 9, 30)}).rows


def test_a_numpy_datetime_with_a_time_and_a_long_entity_are_refused(graph: kg.Graph) -> None:
    """hunt118 F3, F8: a numpy datetime64 with a time of day (a pandas column's `.values`)
    was still cut to its day; an EntityRef's text passed the limit of a value."""
    numpy = pytest.importorskip("numpy")
    statement = "VMSeries | where retiredOn < $t | count"
    with pytest.raises(kg.UsageError, match=r"\$t: 2025-09-30T12:00.* has a time of day"):
        graph.query(statement, params={"t": numpy.datetime64("2025-09-30T12:00")})
    assert graph.query(statement, params={"t": numpy.datetime64("2025-09-30T00:00")}).rows == \
        graph.query(statement, params={"t": numpy.datetime64("2025-09-30")}).rows
    with pytest.raises(kg.UsageError, match=r"\$e: a value has at most 100,000"):
        graph.query("describe $e", params={"e": kg.EntityRef("N" * 100_001, None)})
