"""CSV: a result's rows, header first (several values in one field joined with ``; ``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.render import OutputFormat, render
from kg.result import Result

if TYPE_CHECKING:
    from kg.session import Graph


def export(result: Result, graph: Graph) -> str:
    return render(result, OutputFormat.CSV, width=80)
