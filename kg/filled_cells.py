"""Cells the executor fills once a query's rows are made: what the query cannot say, the
row's entity and the tables it stands in can (:mod:`kg.executor`)."""

from __future__ import annotations

from kg.context import Context
from kg.i18n import word
from kg.plans import SelectPlan
from kg.result import Cell

__all__ = ["blank_cells"]


def blank_cells(plan: SelectPlan, rows: list[list[Cell]], focus: list[str | None],
                 ctx: Context) -> None:
    """A `supports(FEATURE)` cell that says nothing is "no" where the row is in a table with
    the feature's column (a blank cell), and stays "not stated" where it is not. Under
    `from`, the cell reads that source alone, so only a blank in that source's own table
    is "no" (another table's blank says nothing of a fact this one leaves out)."""
    unsaid = word("not stated", plan.lang)
    for i, col in enumerate(plan.columns):
        if col.supports is None:
            continue
        table = ctx.table_rows(plan.graph).get(col.supports, frozenset())
        for row, iri in zip(rows, focus, strict=True):
            if row[i] == unsaid and iri in table:
                row[i] = word("no", plan.lang)
