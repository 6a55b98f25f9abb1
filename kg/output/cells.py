"""The one way a cell becomes text, shared by the table, CSV/TSV and Markdown writers.

No value is empty text; several values are joined (``, `` in a table or Markdown cell,
``; `` in a CSV field, one per line in a *stacked* column such as a check's why);
booleans are ``true``/``false``, decimals keep their digits (``1.50``), dates are ISO.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from kg.result import Cell, Result, Value

__all__ = ["LIST_JOIN", "FIELD_JOIN", "value_text", "cell_text", "row_texts"]

LIST_JOIN = ", "  #: many values in one table or Markdown cell
FIELD_JOIN = "; "  #: many values in one CSV/TSV field (the comma is CSV's own separator)


def value_text(value: Value) -> str:
    """One value as text.

    >>> value_text(True), value_text(Decimal("1E+2")), value_text(datetime.date(2024, 1, 31))
    ('true', '100', '2024-01-31')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def cell_text(cell: Cell, join: str = LIST_JOIN) -> str:
    """A cell as text: empty for no value, many values joined with ``join``."""
    if cell is None:
        return ""
    if isinstance(cell, tuple):
        return join.join(value_text(v) for v in cell)
    return value_text(cell)


def row_texts(result: Result, row: list[Cell], *, stacked: str,
              join: str = LIST_JOIN) -> list[str]:
    """The cells of one row as text: a stacked column's values joined by ``stacked``,
    any other column's by ``join``."""
    return [cell_text(cell, stacked if column in result.stacked else join)
            for column, cell in zip(result.columns, row, strict=True)]
