"""One field per line (expanded, as psql's ``\\x``): what a table that cannot fit its width
without breaking a word is shown as, in the REPL (``.x auto``) and on a terminal::

    -[ RECORD 1 ]+------
    name         | NCv3
    architecture | Volta
"""

from __future__ import annotations

from kg.textscan import display_width, pad_cells, wrap_cells

__all__ = ["expanded", "unbroken_width", "harmless"]

_GAP = 3  #: the width of " | " between table columns
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


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


def harmless(text: str) -> str:
    """``text`` with tabs and other control characters made harmless on a terminal (an
    escape sequence in a data file's label would act there); a line break stays."""
    return "".join(  # a zero-width joiner stays: it joins emoji (👩‍👧), and shows nothing
        ch if ch.isprintable() or ch in "\n\r\u200d" else " " if ch == "\t" else "?"
        for ch in text)


def expanded(columns: list[str], rows: list[list[str]], width: int, *,
             color: bool = False) -> str:
    """One field per line, each record under a ``-[ RECORD n ]`` line; long values wrap
    at word boundaries under themselves. Control characters are made harmless, in the
    titles too (a title can be a data file's label: hunt42 #1)."""
    columns = [" ".join(harmless(c).splitlines()) for c in columns]
    rows = [[harmless(cell) for cell in row] for row in rows]
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
