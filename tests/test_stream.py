"""Streaming: `Graph.stream` gives a result in parts as the engine gives its rows, and the
streamed formats (JSON, JSON Lines, CSV, TSV) write each part as it comes. Together the parts
are exactly `Graph.query`'s result, and the text is exactly the whole result's."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import Graph
from kg.output import STREAMERS, Format, OutputContext, write, write_parts
from kg.result import Result

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = re.findall(r"```kgq\n(.*?)```", (ROOT / "docs" / "language.md").read_text(), re.S)
PIPELINES = [e for e in EXAMPLES if not e.startswith(("describe", "schema", "path", "neighbors",
                                                        "check"))]


def _same(parts: list[Result], whole: Result) -> None:
    assert [row for p in parts for row in p.rows] == whole.rows
    assert tuple(f for p in parts for f in p.focus) == whole.focus
    assert tuple(e for p in parts for e in p.evidence) == whole.evidence
    assert all(p.columns == whole.columns for p in parts)


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.strip()[:50] for e in EXAMPLES])
def test_every_documented_example_streams_the_rows_of_its_result(latest: Graph,
                                                                 example: str) -> None:
    _same(list(latest.stream(example, rows=2)), latest.query(example))


@pytest.mark.parametrize("fmt", sorted(STREAMERS))
@pytest.mark.parametrize("example", PIPELINES[::3], ids=[e.strip()[:50] for e in PIPELINES[::3]])
def test_a_streamed_format_writes_the_text_of_the_whole_result(graph: Graph, example: str,
                                                               fmt: Format) -> None:
    for ids in (False, True):
        ctx = OutputContext(graph.context, ids=ids)
        assert "".join(write_parts(graph.stream(example, rows=3), fmt, ctx)) == \
            write(graph.query(example), fmt, ctx)


def test_the_page_order_is_kept_where_names_order_rows(latest: Graph) -> None:
    """Names ordered by the engine (natural keys in SPARQL) as the executor orders them."""
    for text in ("CUDAVersion", "CUDAVersion | sort name desc", "VMSize | show name, series",
                 "FrameworkRelease | show name, framework", "VMSeries | sort architecture"):
        _same(list(latest.stream(text, rows=5)), latest.query(text))


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_default_order_read_from_the_first_column_is_the_engines(lang: str) -> None:
    """By default rows are ordered by their first column's names, which the executor reads
    from that column's own cells; the engine's order (SPARQL natural keys) is the same."""
    g = Graph.open(lang=lang)
    for text in ("VMSeries | show category, name", "VMSeries | show architecture, name",
                 "TrainingTarget", "Feature | show name", "FrameworkRelease | show framework, name",
                 "VMSeries | show supportedBy, name", "GPU | show architecture.name, name"):
        assert g.compile(text).by_first, text  # type: ignore[union-attr]
        _same(list(g.stream(text, rows=3)), g.query(text))


class _Counting:
    """A store that counts the rows the executor has read from the engine."""

    def __init__(self, store: object) -> None:
        self.store, self.read = store, 0

    def solutions(self, sparql: str) -> tuple[list[str], Iterator[tuple[object, ...]]]:
        names, rows = self.store.solutions(sparql)  # type: ignore[attr-defined]

        def counted() -> Iterator[tuple[object, ...]]:
            for row in rows:
                self.read += 1
                yield row
        return names, counted()

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)


@pytest.fixture()
def counting() -> Iterator[tuple[Graph, _Counting]]:
    g = Graph.open()
    store = _Counting(g.store)
    g.context.store = store  # type: ignore[assignment]
    yield g, store


def test_the_first_part_comes_before_the_engine_has_given_every_row(
        counting: tuple[Graph, _Counting]) -> None:
    g, store = counting
    total = len(g.query("VMSize | show name, series").rows)
    assert total > 30
    parts = g.stream("VMSize | show name, series", rows=10)
    first = next(parts)
    assert len(first.rows) == 10
    assert store.read < total / 2
    rest = list(parts)
    assert len(first.rows) + sum(len(p.rows) for p in rest) == total


def test_a_limit_after_distinct_stops_reading_rows(counting: tuple[Graph, _Counting]) -> None:
    g, store = counting
    parts = list(g.stream("VMSize | show series | distinct | limit 3", rows=10))
    assert [len(p.rows) for p in parts] == [3]
    assert len({tuple(r) for r in parts[0].rows}) == 3
    assert store.read < len(g.query("VMSize").rows)


def test_an_empty_result_is_one_empty_part_with_its_columns(graph: Graph) -> None:
    parts = list(graph.stream('VMSeries | where name = "none such" | show name, category'))
    assert [(p.columns, p.rows) for p in parts] == [(["name", "category"], [])]
    assert "".join(write_parts(iter(parts), Format.CSV)) == "name,category\n"
    assert "".join(write_parts(iter(parts), Format.JSON)) == "[]\n"


def test_statements_that_need_every_row_come_as_one_part(graph: Graph) -> None:
    for text in ("VMSize | collect name by series", "VMSeries | count by category",
                 "describe NCv3", 'check NCv3 with "CUDA 12.1"', "VMSeries | transpose"):
        assert len(list(graph.stream(text, rows=1))) == 1, text


def test_a_format_that_does_not_stream_writes_the_joined_parts(graph: Graph) -> None:
    text = "VMSeries | show name, category"
    assert "".join(write_parts(graph.stream(text, rows=4), Format.MD)) == \
        write(graph.query(text), Format.MD)


def test_kg_query_and_kg_run_write_the_streamed_text(latest: Graph) -> None:
    for args, text in ((["query", "--format", "jsonl", "VMSize | show name, series"],
                        "VMSize | show name, series"),
                       (["run", "--format", "csv", "series-by-architecture", "--param",
                         "arch=Volta"], None)):
        out = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True,
                             text=True, check=True).stdout
        if text is not None:
            assert out == write(latest.query(text), Format.JSONL)
        else:
            assert out.splitlines()[0] == "name,category" and len(out.splitlines()) > 1
