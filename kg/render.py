"""The render stage: a :class:`~kg.result.Result` as text, in an :class:`OutputFormat`.

Every renderer is a pure function of the result and the :class:`RenderOptions`, looked up
in one ``{OutputFormat: renderer}`` table; the same input always gives the same text, and
every non-empty rendering ends with a newline.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import shutil
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from kg.errors import UsageError
from kg.result import Cell, Result, Value

__all__ = ["OutputFormat", "RenderOptions", "render", "cell_text"]

_BOLD, _RESET = "\x1b[1m", "\x1b[0m"
_GAP, _CROSS = " | ", "-+-"  #: between table columns; the same, in the separator line
_LIST_JOIN = ", "  #: many values in one table or Markdown cell
_FIELD_JOIN = "; "  #: many values in one CSV/TSV field (the comma is CSV's own separator)


class OutputFormat(StrEnum):
    """How a result is written: ``--format`` on the command line, ``.format`` in the REPL."""

    TABLE = "table"  #: aligned columns for a terminal, wrapped to its width
    JSON = "json"  #: one array of objects, indented
    JSONL = "jsonl"  #: one compact object per line
    CSV = "csv"  #: comma-separated, header row first
    TSV = "tsv"  #: tab-separated, header row first
    MD = "md"  #: a GitHub pipe table

    @classmethod
    def parse(cls, text: str) -> OutputFormat:
        """The format named ``text`` (any case).

        Raises:
            UsageError: no format has that name.
        """
        try:
            return cls(text.strip().lower())
        except ValueError:
            names = ", ".join(f.value for f in cls)
            raise UsageError(f"unknown format '{text}'; expected one of: {names}") from None


@dataclass(frozen=True)
class RenderOptions:
    """What a renderer may be told besides the result (only the table uses these)."""

    width: int  #: the widest a table line may be
    color: bool = False  #: bold the table header with ANSI escapes
    max_rows: int | None = None  #: show at most this many table rows


Renderer = Callable[[Result, RenderOptions], str]


def render(
    result: Result,
    fmt: OutputFormat,
    *,
    width: int | None = None,
    color: bool = False,
    max_rows: int | None = None,
) -> str:
    """Render ``result`` as text in ``fmt``.

    Args:
        result: the columns and rows to write.
        fmt: the output format.
        width: the table's width limit; by default the terminal's width.
        color: bold the table header (the caller decides, e.g. after checking ``NO_COLOR``).
        max_rows: cut the table after this many rows; other formats always write every row.

    Returns:
        The rendered text.
    """
    if width is None:
        width = shutil.get_terminal_size().columns
    options = RenderOptions(width=max(1, width), color=color, max_rows=max_rows)
    return _RENDERERS[fmt](result, options)


def _value_text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def cell_text(cell: Cell, join: str = _LIST_JOIN) -> str:
    """A cell as text: empty for no value, many values joined with ``join``."""
    if cell is None:
        return ""
    if isinstance(cell, tuple):
        return join.join(_value_text(v) for v in cell)
    return _value_text(cell)


def _joiner(result: Result, column: int) -> str:
    """How the values of a cell in ``column`` are joined for a text table."""
    return "\n" if result.columns[column] in result.stacked else _LIST_JOIN


def _is_number(cell: Cell) -> bool:
    return isinstance(cell, (int, float, Decimal)) and not isinstance(cell, bool)


def _numeric_columns(result: Result) -> list[bool]:
    """For each column: does it hold numbers only (and at least one)? They align right."""
    values = [
        [row[i] for row in result.rows if row[i] is not None] for i in range(len(result.columns))
    ]
    return [bool(cells) and all(_is_number(c) for c in cells) for cells in values]


def _lines(text: str) -> list[str]:
    """Split a cell into its lines, with tabs and other control characters made harmless."""
    clean = "".join(
        ch if ch.isprintable() or ch in "\n\r" else " " if ch == "\t" else "?" for ch in text
    )
    return clean.splitlines() or [""]


def _fit(natural: list[int], budget: int) -> list[int]:
    """Column widths summing to at most ``budget``, shrinking only the widest columns."""
    if sum(natural) <= budget:
        return natural
    low, high = 1, max(natural)  # the largest cap that fits, by bisection
    while low < high:
        mid = (low + high + 1) // 2
        if sum(min(w, mid) for w in natural) <= budget:
            low = mid
        else:
            high = mid - 1
    widths = [min(w, low) for w in natural]
    spare = budget - sum(widths)
    for i, w in enumerate(natural):  # hand what is left to the capped columns, leftmost first
        if spare > 0 and w > widths[i]:
            widths[i] += 1
            spare -= 1
    return widths


def _wrap(lines: list[str], width: int) -> list[str]:
    out: list[str] = []
    for line in lines:
        if len(line) <= width:
            out.append(line)
        else:
            out.extend(textwrap.wrap(line, width, break_on_hyphens=False) or [""])
    return out


def _block(cells: list[list[str]], widths: list[int], right: list[bool]) -> list[str]:
    """One row (or the header) as lines: each cell wrapped to its column, padded, aligned."""
    wrapped = [_wrap(lines, w) for lines, w in zip(cells, widths, strict=True)]
    height = max((len(c) for c in wrapped), default=1)
    out = []
    for k in range(height):
        parts = [c[k] if k < len(c) else "" for c in wrapped]
        padded = [
            p.rjust(w) if r else p.ljust(w) for p, w, r in zip(parts, widths, right, strict=True)
        ]
        out.append(_GAP.join(padded).rstrip())
    return out


def _rows(n: int) -> str:
    return "row" if n == 1 else "rows"


def _table(result: Result, options: RenderOptions) -> str:
    shown = result.rows if options.max_rows is None else result.rows[: max(0, options.max_rows)]
    header = [_lines(c) for c in result.columns]
    body = [[_lines(cell_text(cell, _joiner(result, i))) for i, cell in enumerate(row)]
            for row in shown]
    natural = [
        max(len(line) for cell in column for line in cell) or 1
        for column in zip(header, *body, strict=True)
    ]
    widths = _fit(natural, options.width - len(_GAP) * (len(natural) - 1))
    right = _numeric_columns(result)
    lines: list[str] = []
    if result.columns:
        head = _block(header, widths, right)
        lines += [f"{_BOLD}{h}{_RESET}" for h in head] if options.color else head
        lines.append(_CROSS.join("-" * w for w in widths))
    for row in body:
        lines += _block(row, widths, right)
    notes = []
    if len(shown) < len(result.rows):
        more = len(result.rows) - len(shown)
        notes.append(f"… {more} more {_rows(more)} (use limit, or --format to get all)")
    notes.append(f"({len(result.rows)} {_rows(len(result.rows))})")
    for note in notes:
        lines += textwrap.wrap(note, options.width, break_on_hyphens=False)
    return "\n".join(lines) + "\n"


def _json(result: Result, options: RenderOptions) -> str:
    return json.dumps(result.records(), ensure_ascii=False, indent=2) + "\n"


def _jsonl(result: Result, options: RenderOptions) -> str:
    return "".join(
        json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        for record in result.records()
    )


def _delimited(result: Result, *, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(result.columns)
    writer.writerows([cell_text(cell, _FIELD_JOIN) for cell in row] for row in result.rows)
    return buffer.getvalue()


def _csv(result: Result, options: RenderOptions) -> str:
    return _delimited(result, delimiter=",")


def _tsv(result: Result, options: RenderOptions) -> str:
    return _delimited(result, delimiter="\t")


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _md(result: Result, options: RenderOptions) -> str:
    if not result.columns:
        return ""
    rows = [result.columns, ["---"] * len(result.columns)]
    rows += [[cell_text(cell, _joiner(result, i)) for i, cell in enumerate(row)]
             for row in result.rows]
    return "".join("| " + " | ".join(_md_cell(c) for c in row) + " |\n" for row in rows)


_RENDERERS: dict[OutputFormat, Renderer] = {
    OutputFormat.TABLE: _table,
    OutputFormat.JSON: _json,
    OutputFormat.JSONL: _jsonl,
    OutputFormat.CSV: _csv,
    OutputFormat.TSV: _tsv,
    OutputFormat.MD: _md,
}
