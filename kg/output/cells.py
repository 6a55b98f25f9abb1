"""The one way a cell becomes text, shared by the table, CSV/TSV and Markdown writers.

No value is empty text; several values are joined (``, `` in a table or Markdown cell,
``; `` in a CSV field, one per line in a *stacked* column such as a check's why);
booleans are ``true``/``false``, decimals keep their digits (``1.50``), dates are ISO.

No control character reaches a text format raw (:func:`printable`): a label holding a
terminal escape code (``\\x1b[31m``), a bell or a carriage return shows it as ``\\x1b``,
``\\x07``, ``\\x0d``. Only the tab and the line feed stay (each format lays them out: the
table turns a tab into a space, Markdown a line feed into ``<br>``).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal

from kg.result import Cell, Result, Value

__all__ = ["LIST_JOIN", "FIELD_JOIN", "value_text", "cell_text", "row_texts", "printable",
           "line_breaks", "escaper", "escape_unseen"]

LIST_JOIN = ", "  #: many values in one table or Markdown cell
FIELD_JOIN = "; "  #: many values in one CSV/TSV field (the comma is CSV's own separator)

#: C0 controls but the tab and the line feed, DEL, C1 controls, and the bidirectional overrides and
#: isolates (which reorder what a terminal shows) as visible escapes.
_CONTROLS = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)]
             if code not in (0x09, 0x0A)}
_CONTROLS.update({code: f"\\u{code:04x}" for code in [*range(0x202A, 0x202F),
                                                       *range(0x2066, 0x206A)]})
#: The characters that show as nothing, or mark a direction, as their code: a table showed
#: `zero\u200bwidth` as `zero?width`, a CSV kept it hidden (hunt139 F5). The zero-width
#: joiner stays (it joins emoji: 👩‍👧), and so does a soft hyphen (a hyphen where a line
#: breaks, in German text).
_INVISIBLE = [0x61C, 0x180E, 0x200B, 0x200C, 0x200E, 0x200F, *range(0x2060, 0x2065),
              *range(0x206A, 0x2070), 0xFEFF, *range(0xFFF9, 0xFFFC)]
_CONTROLS.update({code: f"\\u{code:04x}" for code in _INVISIBLE})
#: A byte of a file name that is no UTF-8 (Python's surrogate escape) as the byte, as
#: `ls -b` shows it: `/tmp/\xe4x.ttl`, not `/tmp/\udce4x.ttl` (hunt51 #12).
_CONTROLS.update({code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)})


def escaper(table: dict[int, str]) -> Callable[[str], str]:
    """``text.translate(table)`` as a function, by one regex search for the characters of
    ``table`` (translate looks every character up in the dict: 93 µs for a why of 2 kB,
    6 µs this way; JSON of 8,700 checked rows spent 0.5 s in it)."""
    chars: re.Pattern[str] | None = None  # compiled on first use, not at start-up (0.3 ms)

    def escape(text: str) -> str:
        nonlocal chars
        if chars is None:
            chars = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]")
        return chars.sub(lambda m: table[ord(m.group())], text) if chars.search(text) else text

    return escape


_escape_controls = escaper(_CONTROLS)

#: What json.dumps (ensure_ascii=False) and pyoxigraph's RDF writers leave raw and a
#: terminal acts on or hides: DEL, the C1 controls (U+009B starts an escape sequence), the
#: bidirectional overrides, the line and paragraph separators (a reader splitting lines as
#: Python's str.splitlines does cuts a JSON Lines or N-Triples line at them), and what
#: shows as nothing (:data:`_INVISIBLE`), as ``\\uXXXX``. In JSON, Turtle, TriG,
#: N-Triples and N-Quads only a string or an IRI can hold one, and there the escape means
#: the same character.
_UNSEEN = {code: f"\\u{code:04x}" for code in
           [*range(0x7F, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A),
            *_INVISIBLE]}
escape_unseen = escaper(_UNSEEN)


def line_breaks(text: str) -> str:
    """``text`` with the line and paragraph separators (U+2028, U+2029) as line feeds, for
    a diagram's label: Graphviz broke the line there but sized its box for one (hunt56 F9).
    """
    return text.replace("\u2028", "\n").replace("\u2029", "\n") if "\u2028" in text or \
        "\u2029" in text else text


def printable(text: str) -> str:
    """``text`` with every control character but the tab and the line feed (``\\r\\n``
    counts as one) as a visible escape.

    >>> printable("red\\x1b[31m bell\\x07 cr\\r tab\\t new\\nline")
    'red\\\\x1b[31m bell\\\\x07 cr\\\\x0d tab\\t new\\nline'
    >>> printable(b"/tmp/\\xe4x.ttl".decode("utf-8", "surrogateescape"))
    '/tmp/\\\\xe4x.ttl'
    """
    if "\r\n" in text:  # a Windows line break is a line break
        text = text.replace("\r\n", "\n")
    return _escape_controls(text)


def value_text(value: Value) -> str:
    """One value as text.

    >>> value_text(True), value_text(Decimal("1E+2")), value_text(datetime.date(2024, 1, 31))
    ('true', '100', '2024-01-31')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):  # in digits, up to a thousand zeros (a double's 1E-320)
        exponent = value.as_tuple().exponent
        return format(value, "f") if isinstance(exponent, int) and abs(exponent) <= 1000 \
            else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def cell_text(cell: Cell, join: str = LIST_JOIN) -> str:
    """A cell as text: empty for no value, many values joined with ``join``; control
    characters escaped (:func:`printable`)."""
    if cell is None:
        return ""
    if isinstance(cell, tuple):
        return join.join(printable(value_text(v)) for v in cell)
    return printable(value_text(cell))


def row_texts(result: Result, row: list[Cell], *, stacked: str,
              join: str = LIST_JOIN) -> list[str]:
    """The cells of one row as text: a stacked column's values joined by ``stacked``,
    any other column's by ``join``."""
    return [cell_text(cell, stacked if column in result.stacked else join)
            for column, cell in zip(result.columns, row, strict=True)]
