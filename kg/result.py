"""What executing a statement gives: named columns and rows of plain values.

A cell is ``None`` (no value), one :data:`Value`, or a tuple of them (a path with
several values, shown as one cell). Entities keep their IRI next to their label,
so exports can reach the subgraph behind a result.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Union

__all__ = ["EntityRef", "Version", "Value", "Cell", "Result", "plain"]


@dataclass(frozen=True, order=True)
class EntityRef:
    """An entity in a result: its label in the current language, and its IRI."""

    label: str
    iri: str

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class Version:
    """A version number literal (compute capability, cuDNN version)."""

    text: str

    def __str__(self) -> str:
        return self.text


Value = Union[EntityRef, Version, str, int, Decimal, float, bool, datetime.date]
Cell = Union[None, Value, tuple[Value, ...]]


@dataclass
class Result:
    """Columns and rows; ``sparql`` is the compiled query (for --explain), if any."""

    columns: list[str]
    rows: list[list[Cell]]
    sparql: str = ""
    kind: str = "rows"  #: "rows", "describe", "path", "neighbors", "check", "schema"
    meta: dict[str, object] = field(default_factory=dict)
    stacked: tuple[str, ...] = ()  #: columns whose values a table shows one per line

    def joiner(self, column: int, default: str) -> str:
        """How the values of a cell in ``column`` are joined for a text table."""
        return "\n" if self.columns[column] in self.stacked else default

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, object]]:
        """Rows as dicts of JSON-ready values (entities by label, lists for many values)."""
        return [{c: plain(v) for c, v in zip(self.columns, row)} for row in self.rows]

    def entities(self) -> list[str]:
        """Every entity IRI behind the result, in order of first appearance: each row's own
        entity (``meta["focus"]``, even when only its name is shown), then those in its cells."""
        seen: dict[str, None] = {}
        focus = self.meta.get("focus")
        keys = list(focus) if isinstance(focus, (list, tuple)) else []
        for i, row in enumerate(self.rows):
            if i < len(keys) and isinstance(keys[i], str):
                seen.setdefault(keys[i], None)
            for cell in row:
                for v in cell if isinstance(cell, tuple) else (cell,):
                    if isinstance(v, EntityRef):
                        seen.setdefault(v.iri, None)
        return list(seen)


def plain(cell: Cell) -> object:
    """A cell as a JSON-ready value: labels for entities, ISO dates, numbers as numbers."""
    if isinstance(cell, tuple):
        return [plain(v) for v in cell]
    if isinstance(cell, (EntityRef, Version)):
        return str(cell)
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    if isinstance(cell, Decimal):
        return int(cell) if cell == cell.to_integral_value() else float(cell)
    return cell
