"""Rows on the screen: an aligned table, or one field per line (expanded, as psql's ``\\x``).

A table is wrapped to the terminal at word boundaries, never inside a word. In
``.x auto`` a table that cannot fit without breaking a word is shown expanded::

    -[ RECORD 1 ]+------
    name         | NCv3
    architecture | Volta

With ``.x off`` such a table is drawn wider than the terminal, each cell on one line as
psql draws it (the pager scrolls it sideways); with ``.x on`` every result is expanded. A
result cut at the row limit says how many rows are left and which REPL command shows them.
"""

from __future__ import annotations

import dataclasses
import textwrap

from kg.output import UNWRAPPED, Format, OutputContext, write
from kg.output.cells import row_texts
from kg.output.expanded import expanded, unbroken_width
from kg.output.table import lead, rows_said
from kg.repl.state import ReplState
from kg.result import Result

__all__ = ["rows_text", "expanded", "unbroken_width", "more_note"]



def rows_text(state: ReplState, result: Result) -> str:
    """``result`` as the session shows rows: table or expanded, cut at the row limit."""
    width = state.table_width()
    limit = max(0, state.row_limit())
    shown = _head(result, limit)
    texts = [row_texts(shown, row, stacked="\n") for row in shown.rows]
    need = unbroken_width(shown.columns, texts)
    wide = need > width and len(shown.columns) > 1
    if state.expanded == "on" or (state.expanded == "auto" and wide):
        body = lead(shown) + expanded(shown.columns, texts, width, color=state.color)  # (a
        # diff's two revisions, as the table says them: hunt80 F4)
    else:  # one that cannot fit: at its cells' full width, a line each, as psql's (each
        # cell was wrapped to its longest word as well, rows five lines tall: hunt98 F4)
        ctx = OutputContext(state.graph.context, state.lang,
                            width=width if need <= width else UNWRAPPED,
                            color=state.color, max_rows=None)
        body = _without_count(write(shown, Format.TABLE, ctx), rows_said(len(shown.rows),
                                                                          state.lang))
    notes = [more_note(len(result.rows) - len(shown.rows))] if shown is not result else []
    notes.append(rows_said(len(result.rows), state.lang))
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


def _head(result: Result, limit: int) -> Result:
    """The first ``limit`` rows of ``result`` (``result`` itself when it has no more)."""
    if len(result.rows) <= limit:
        return result
    return dataclasses.replace(result, rows=result.rows[:limit], focus=result.focus[:limit],
                               evidence=result.evidence[:limit])


def _without_count(table: str, count: str) -> str:
    """The table writer's text without its own "(N rows)" line, ``count`` (the REPL writes
    its own)."""
    lines = table.rstrip("\n").split("\n")
    if lines and lines[-1] == count:
        lines.pop()
    return "\n".join(lines) + "\n" if lines else ""


def _rows(n: int) -> str:
    return "row" if n == 1 else "rows"
