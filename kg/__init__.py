"""kg: Azure Machine Learning's compute-target documentation as a queryable graph.

The pipeline is parse → check → plan → execute → render, one module per stage.

>>> import kg
>>> graph = kg.open_graph()
>>> result = graph.query("VMSeries | where architecture = $arch | show name",
...                      params={"arch": "Pascal"})
>>> result.columns, [str(row[0]) for row in result.rows]
(['name'], ['NCv2', 'ND'])
>>> print(kg.render(result, "csv"), end="")
name
NCv2
ND
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kg.errors import ExitStatus, KgError
from kg.render import OutputFormat
from kg.render import render as _render
from kg.result import Result
from kg.session import Graph

__all__ = ["open_graph", "render", "Graph", "Result", "KgError", "ExitStatus", "OutputFormat"]


def open_graph(data: Sequence[str | Path] = (), *, lang: str = "en") -> Graph:
    """Load the embedded graph (plus extra RDF files) and return it, ready to query."""
    return Graph.open(data, lang=lang)


def render(result: Result, fmt: str | OutputFormat = "table", **options: object) -> str:
    """Render a result as ``table``, ``json``, ``jsonl``, ``csv``, ``tsv`` or ``md``."""
    return _render(result, OutputFormat.parse(str(fmt)), **options)  # type: ignore[arg-type]
