"""The terminal table: aligned columns wrapped to a width, numbers on the right.

Too wide a table shrinks its widest columns first and wraps their cells onto
continuation lines; a stacked column (a check's why) shows one value per line. The
footer counts the rows, and a cut-off table says how many it left out.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from decimal import Decimal
from typing import TextIO

from kg.i18n import word
from kg.output import OutputContext
from kg.output.cells import row_texts
from kg.output.expanded import expanded, harmless
from kg.result import Cell, Result
from kg.textscan import display_width, pad_cells, wrap_cells

__all__ = ["write", "terminal_width", "lead", "rows_said"]

_BOLD, _RESET = "\x1b[1m", "\x1b[0m"
_GAP, _CROSS = " | ", "-+-"  #: between table columns; the same, in the separator line


def write(result: Result, ctx: OutputContext) -> str:
    """The table, fitted to ``ctx.width`` (the terminal's by default), at most
    ``ctx.max_rows`` rows, with a bold header when ``ctx.color``."""
    width = max(1, shutil.get_terminal_size().columns if ctx.width is None else ctx.width)
    shown = result.rows if ctx.max_rows is None else result.rows[: max(0, ctx.max_rows)]
    header = [_lines(c) for c in result.columns]
    body = [[_lines(text) for text in row_texts(result, row, stacked="\n")] for row in shown]
    natural = [max(display_width(line) for cell in column for line in cell) or 1
               for column in zip(header, *body, strict=True)]
    words = [max((display_width(w) for cell in column for line in cell for w in line.split()),
                 default=1) for column in zip(header, *body, strict=True)]
    gaps = len(_GAP) * (len(natural) - 1)
    if ctx.expand and len(natural) > 1 and sum(min(n, max(words)) for n in natural) + gaps > width:
        # no room without breaking a word (kg.output.expanded.unbroken_width, from the
        # widths at hand): one field per line
        texts = [["\n".join(cell) for cell in row] for row in body]
        return lead(result) + expanded(result.columns, texts, width, color=ctx.color) + _footer(
            result, shown, width, ctx.more, ctx.lang)
    widths = _fit(natural, width - gaps, words)
    right = _numeric_columns(result)
    lines: list[str] = []
    if result.columns:
        head = _block(header, widths, right)
        lines += [f"{_BOLD}{h}{_RESET}" for h in head] if ctx.color else head
        lines.append(_CROSS.join("-" * w for w in widths))
    for row in body:
        lines += _block(row, widths, right)
    return lead(result) + "\n".join(lines) + "\n" + _footer(result, shown, width, ctx.more,
                                                               ctx.lang)


def lead(result: Result) -> str:
    """What the table is of, above it: a diff's two revisions (hunt80 F4)."""
    return f"{harmless(result.caption)}\n\n" if result.caption else ""  # (labels are data)


def _footer(result: Result, shown: list[list[Cell]], width: int, advice: str, lang: str) -> str:
    """How many rows, and how many a cut-off table left out, in ``lang``."""
    notes = []
    if len(shown) < len(result.rows):
        more = len(result.rows) - len(shown)
        notes.append(f"… {more:,} {word('more', lang)} {_rows(more, lang)} ({advice})")
    notes.append(rows_said(len(result.rows), lang))
    return "".join(line + "\n" for note in notes
                   for line in textwrap.wrap(note, width, break_on_hyphens=False))


def _is_number(cell: Cell) -> bool:
    return isinstance(cell, (int, float, Decimal)) and not isinstance(cell, bool)


def _numeric_columns(result: Result) -> list[bool]:
    """For each column: does it hold numbers only (and at least one)? They align right."""
    values = [[row[i] for row in result.rows if row[i] is not None]
              for i in range(len(result.columns))]
    return [bool(cells) and all(_is_number(c) for c in cells) for cells in values]


def _lines(text: str) -> list[str]:
    """Split a cell into its lines, with tabs and other control characters made harmless."""
    return harmless(text).splitlines() or [""]


def _fit(natural: list[int], budget: int, words: list[int] | None = None) -> list[int]:
    """Column widths summing to at most ``budget``, shrinking only the widest columns, and
    none below its longest word (``words``) while the budget allows: cells wrap between
    words, and break a word only when the terminal is narrower than the words."""
    if sum(natural) <= budget:
        return natural
    floor = [min(n, w) for n, w in zip(natural, words or [1] * len(natural), strict=True)]
    if sum(floor) > budget:
        floor = [1] * len(natural)
    low, high = 1, max(natural)  # the largest cap that fits, by bisection
    while low < high:
        mid = (low + high + 1) // 2
        if sum(max(min(w, mid), f) for w, f in zip(natural, floor, strict=True)) <= budget:
            low = mid
        else:
            high = mid - 1
    widths = [max(min(w, low), f) for w, f in zip(natural, floor, strict=True)]
    spare = budget - sum(widths)
    for i, w in enumerate(natural):  # hand what is left to the capped columns, leftmost first
        if spare > 0 and w > widths[i]:
            widths[i] += 1
            spare -= 1
    return widths


def _wrap(lines: list[str], width: int) -> list[str]:
    """Each line cut to ``width`` terminal cells, between words where it can."""
    return [piece for line in lines for piece in wrap_cells(line, width)]


def _block(cells: list[list[str]], widths: list[int], right: list[bool]) -> list[str]:
    """One row (or the header) as lines: each cell wrapped to its column, padded, aligned."""
    wrapped = [_wrap(lines, w) for lines, w in zip(cells, widths, strict=True)]
    height = max((len(c) for c in wrapped), default=1)
    out = []
    for k in range(height):
        parts = [c[k] if k < len(c) else "" for c in wrapped]
        padded = [pad_cells(p, w, r) for p, w, r in zip(parts, widths, right, strict=True)]
        out.append(_GAP.join(padded).rstrip())
    return out


def rows_said(n: int, lang: str) -> str:
    """A table's count of rows, ``(4 rows)``, in ``lang`` (German tables said "rows":
    hunt103 F5)."""
    return f"({n} {_rows(n, lang)})"


def _rows(n: int, lang: str) -> str:
    return word("row" if n == 1 else "rows", lang)


def terminal_width(out: TextIO) -> int:
    """The columns of the terminal ``out`` is: ``$COLUMNS`` if set, else what the terminal
    says, else 80 (a terminal that says 0, as `script` and many CI ptys do, is of no known
    width, as for :func:`shutil.get_terminal_size`)."""
    given = os.environ.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:
        return os.get_terminal_size(out.fileno()).columns or 80
    except (OSError, ValueError):
        return 80
