"""Rows on the screen: an aligned table, or one field per line (expanded, as psql's ``\\x``).

A table is wrapped to the terminal at word boundaries, never inside a word. In
``.x auto`` a table that cannot fit without breaking a word is shown expanded::

    -[ RECORD 1 ]+------
    name         | NCv3
    architecture | Volta

With ``.x off`` such a table is drawn wider than the terminal (the pager scrolls it
sideways); with ``.x on`` every result is expanded. A result cut at the row limit
says how many rows are left and which REPL command shows them.
"""

from __future__ import annotations

import dataclasses
import textwrap

from kg.output import Format, OutputContext, write
from kg.output.cells import row_texts
from kg.repl.state import ReplState
from kg.result import Result
from kg.textscan import display_width, pad_cells, wrap_cells

__all__ = ["rows_text", "expanded", "unbroken_width", "more_note"]

_GAP = 3  #: the width of " | " between table columns
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def rows_text(state: ReplState, result: Result) -> str:
    """``result`` as the session shows rows: table or expanded, cut at the row limit."""
    width = state.width()
    limit = max(0, state.row_limit())
    shown = _head(result, limit)
    texts = [row_texts(shown, row, stacked="\n") for row in shown.rows]
    need = unbroken_width(shown.columns, texts)
    wide = need > width and len(shown.columns) > 1
    if state.expanded == "on" or (state.expanded == "auto" and wide):
        body = expanded(shown.columns, texts, width, color=state.color)
    else:
        ctx = OutputContext(state.graph.context, state.lang, width=max(width, need),
                            color=state.color, max_rows=None)
        body = _without_count(write(shown, Format.TABLE, ctx), len(shown.rows))
    notes = [more_note(len(result.rows) - len(shown.rows))] if shown is not result else []
    notes.append(f"({len(result.rows)} {_rows(len(result.rows))})")
    lines = [line for note in notes if note
             for line in textwrap.wrap(note, width, break_long_words=False,
                                       break_on_hyphens=False)]
    return body + "\n".join(lines) + "\n"


def more_note(more: int) -> str:
    """What a cut-off result says, naming the REPL commands that show the rest."""
    if more <= 0:
        return ""
    return (f"… {more} more {_rows(more)} (.rows all shows every row; "
            ".format csv or .export FILE writes them all)")


def unbroken_width(columns: list[str], rows: list[list[str]]) -> int:
    """The narrowest a table of these cells can be with no word broken: each column as
    wide as its longest word, or (if wider) capped like the table's widest columns."""
    cells = [[name, *(row[i] for row in rows)] for i, name in enumerate(columns)]
    natural = [max((display_width(line) for c in column for line in c.splitlines()),
                   default=0) or 1 for column in cells]
    longest = [max((display_width(w) for c in column for w in c.split()), default=1)
               for column in cells]
    cap = max(longest, default=1)
    return sum(min(n, cap) for n in natural) + _GAP * max(0, len(columns) - 1)


def expanded(columns: list[str], rows: list[list[str]], width: int, *,
             color: bool = False) -> str:
    """One field per line, each record under a ``-[ RECORD n ]`` line; long values wrap
    at word boundaries under themselves."""
    label_w = max((display_width(c) for c in columns), default=1)
    room = max(10, width - label_w - _GAP)
    value_w = min(room, max((display_width(line) for row in rows for cell in row
                             for line in cell.splitlines()), default=1))
    lines: list[str] = []
    for n, row in enumerate(rows, start=1):
        lines.append(_record_line(n, label_w, value_w))
        for name, cell in zip(columns, row, strict=True):
            label = pad_cells(name, label_w)
            label = f"{_BOLD}{label}{_RESET}" if color else label
            pieces = [piece for line in (cell.splitlines() or [""])  # a word of CJK: cut
                      for piece in wrap_cells(line, room, break_long=not line.isascii())]
            for k, piece in enumerate(pieces):
                head = label if k == 0 else " " * label_w
                lines.append(f"{head} | {piece}".rstrip())
    return "\n".join(lines) + "\n" if lines else ""


def _record_line(n: int, label_w: int, value_w: int) -> str:
    """``-[ RECORD n ]-+-----``: the ``+`` over the column bar when the title leaves room."""
    title = f"-[ RECORD {n} ]"
    if len(title) <= label_w + 1:
        return title.ljust(label_w + 1, "-") + "+" + "-" * (value_w + 1)
    return title + "-" * max(1, label_w + _GAP + value_w - len(title))


def _head(result: Result, limit: int) -> Result:
    """The first ``limit`` rows of ``result`` (``result`` itself when it has no more)."""
    if len(result.rows) <= limit:
        return result
    return dataclasses.replace(result, rows=result.rows[:limit], focus=result.focus[:limit],
                               evidence=result.evidence[:limit])


def _without_count(table: str, shown: int) -> str:
    """The table writer's text without its own "(N rows)" line (the REPL writes its own)."""
    lines = table.rstrip("\n").split("\n")
    if lines and lines[-1] == f"({shown} {_rows(shown)})":
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def _rows(n: int) -> str:
    return "row" if n == 1 else "rows"
