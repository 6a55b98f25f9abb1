"""What `kg`'s commands write: a result in the format asked for, to the screen or a file,
and the exit status it makes; and the statement a command reads."""

from __future__ import annotations

import datetime
import io
import os
import stat
import sys
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, TextIO

from kg.errors import ExitStatus, Problem, QuerySyntaxError, UsageError
from kg.fileio import write_atomic
from kg.limits import MAX_QUERY_CHARS
from kg.literals import DATATYPE_KINDS, LiteralKind
from kg.output import RESULT_FORMATS, UNWRAPPED, Format, OutputContext, ids_fit, write, write_parts
from kg.paths import no_color
from kg.result import Result, cell_values

if TYPE_CHECKING:
    from kg.ontology import Ontology
    from kg.session import Graph

__all__ = ["output_format", "emit", "emit_parts", "statement_text", "stdin_given",
           "exit_status", "note_several", "note_columns", "note_mistyped"]


def output_format(requested: str | None, out: TextIO) -> Format:
    """The format asked for, else a table on a terminal and JSON in a pipe."""
    if requested is not None:  # `--format ''` is no format, not the default
        return Format.parse(requested)
    return Format.TABLE if out.isatty() else Format.JSON


def emit(result: Result, fmt: Format, out: TextIO, graph: Graph | None = None, *,
         path: str | None = None, ids: bool = False, title: str | None = None) -> None:
    """Write ``result`` (or the facts behind it) in ``fmt``: to ``path`` atomically (creating
    its missing folders), else to ``out``, a table fitted to the terminal (bold header
    unless NO_COLOR is set)."""
    from kg.output.table import terminal_width

    ids_fit(fmt, ids)
    tty = path is None and out.isatty()
    # a terminal's width, and one field per line where a table cannot fit it; a file's or a
    # pipe's table is as wide as its cells (as psql's): $COLUMNS is a terminal's width
    ctx = OutputContext(graph.context if graph else None, graph.lang if graph else result.lang,
                        width=terminal_width(out) if tty else UNWRAPPED, expand=tty,
                        color=tty and not no_color(), ids=ids, title=title)
    text = write(result, fmt, ctx)
    if path is None:
        out.write(text)
    else:
        write_atomic(path, text, make_folders=True)


def emit_parts(parts: Iterator[Result], fmt: Format, out: TextIO, graph: Graph, *,
               ids: bool = False, err: TextIO | None = None) -> int:
    """Write a result given in parts (:meth:`Graph.stream`) to ``out`` as each part comes, in
    a format that streams (:data:`kg.output.STREAMERS`); return how many rows it had. On
    ``err``, :func:`note_several` of its columns."""
    ids_fit(fmt, ids)
    rows, several = 0, {}  #: each column of several values: is it an array in every row?
    mistyped: dict[str, LiteralKind] = {}

    def counted() -> Iterator[Result]:
        nonlocal rows
        for part in parts:  # the first part types the columns (a later one's rows alone)
            several.update({c: rows == 0 for c in _several(part) if c not in several})
            mistyped.update(_mistyped(part, graph.ontology))
            rows += len(part.rows)
            yield part

    for text in write_parts(counted(), fmt, OutputContext(graph.context, graph.lang, ids=ids)):
        out.write(text)
        out.flush()
    if err is not None:
        note_several(several, err, fmt)
        note_mistyped(mistyped, err, fmt)
    return rows


def note_columns(result: Result, err: TextIO, fmt: Format, graph: Graph) -> None:
    """On ``err``, what a script reading ``result`` would not expect of its columns:
    :func:`note_several` and :func:`note_mistyped`."""
    note_several(result, err, fmt)
    note_mistyped(_mistyped(result, graph.ontology), err, fmt)


def note_several(result: Result | dict[str, bool], err: TextIO, fmt: Format) -> None:
    """Say which columns of ``result`` (or of a streamed one: each, and whether its first
    part typed it an array) hold several values in a row where one is expected: JSON then
    writes each as an array, and a script that read one value broke without a word (hunt99
    F2). Nothing for a format that writes the facts or a diagram, not the rows."""
    several = dict.fromkeys(_several(result), True) if isinstance(result, Result) else result
    named = list(several)
    if named and fmt in RESULT_FORMATS:
        one = len(named) == 1
        if all(several.values()):
            where = "in every row"
        elif one:
            where = "in the rows that hold several, where the first rows did not"
        else:
            where = "in every row where the first rows held several, else in the rows that do"
        # (it said every row of a stream, and said it for CSV: hunt115 F2)
        json = (f": in JSON {'it is an array' if one else 'each is an array'} {where}"
                if fmt in (Format.JSON, Format.JSONL) else "")
        err.write(f"note: {', '.join(f'`{c}`' for c in named)} {'holds' if one else 'hold'} "
                  "several values in some rows, where one is expected (facts past the "
                  "ontology's cardinality, which kg validate names, or two sources' texts in "
                  f"one language){json}\n")


def note_mistyped(columns: dict[str, LiteralKind], err: TextIO, fmt: Format) -> None:
    """Say which columns hold, in some rows, a value that is not of the kind their
    property's range is (``"yes"^^xsd:boolean``, ``"abc"^^xsd:integer``, ``"INF"``, a plain
    ``"true"`` in a data file): the value is written as its text, and JSON then has a
    string where a script reads a boolean or a number (hunt140 F1); a date that is none
    (``"2020-13-45"^^xsd:date``, a plain ``"yesterday"``) sorts as text among the dates
    (hunt141 F2), though JSON writes a string for either."""
    if not columns or fmt not in RESULT_FORMATS:
        return
    for kind in _CHECKED_KINDS:
        named = [c for c, k in columns.items() if k is kind]
        if named:
            one = len(named) == 1
            json = ": in JSON it is a string" if fmt in (Format.JSON, Format.JSONL) \
                and kind is not LiteralKind.DATE else ""
            err.write(f"note: {', '.join(f'`{c}`' for c in named)} {'holds' if one else 'hold'} "
                      f"{kind.value}s, and in some rows a value that is not one, written as "
                      f"its text (a fact of another datatype, which kg validate names){json}\n")


#: the kinds of value whose columns :func:`note_mistyped` checks
_CHECKED_KINDS = (LiteralKind.BOOLEAN, LiteralKind.NUMBER, LiteralKind.DATE)


def _mistyped(part: Result, onto: Ontology) -> dict[str, LiteralKind]:
    """The columns of ``part`` whose property's values are booleans, numbers or dates, that
    hold a value of another kind in some row (:func:`note_mistyped`)."""
    found: dict[str, LiteralKind] = {}
    if part.many_rows is not None:  # (a `transpose`'s columns are entities, not properties)
        return found
    for i, (column, prop) in enumerate(zip(part.columns, part.shows)):
        info = onto.properties.get(prop) if prop else None
        kinds = {DATATYPE_KINDS.get(r) for r in info.ranges} if info and not info.is_object else set()
        kind = next(iter(kinds)) if len(kinds) == 1 else None
        if kind in _CHECKED_KINDS and any(
                _kind_of(v) is not kind for row in part.rows for v in cell_values(row[i])):
            found[column] = kind
    return found


def _kind_of(value: object) -> LiteralKind:
    """The kind of a cell's value as JSON writes it."""
    if isinstance(value, bool):
        return LiteralKind.BOOLEAN
    if isinstance(value, datetime.date):
        return LiteralKind.DATE
    return LiteralKind.NUMBER if isinstance(value, (int, Decimal)) else LiteralKind.STRING


def _several(part: Result) -> list[str]:
    """The columns that hold a tuple in some row of ``part`` but may hold one value."""
    if part.many_rows is not None:  # (a `transpose`'s rows are typed by row)
        return []
    return [c for i, c in enumerate(part.columns)
            if c not in part.many and any(isinstance(row[i], tuple) for row in part.rows)]


def stdin_given() -> bool:
    """Does stdin bring something to read: a pipe, a file or a socket? Not a terminal, and
    not a device such as ``/dev/null`` (cron, ``ssh -n`` and CI steps give that: a command
    missing its statement read it as an empty statement, exit 3, not a usage error:
    hunt89 F8)."""
    if sys.stdin.isatty():
        return False
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (OSError, ValueError, io.UnsupportedOperation):  # (a stream of Python's own)
        return True
    return stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode)


def statement_text(arg: str | None) -> str:
    """The statement: the argument, or stdin when it is ``-``, or missing and stdin brings
    something (:func:`stdin_given`)."""
    if arg is None and not stdin_given():
        raise UsageError("give a statement, or - to read it from stdin")
    if arg == "-" and getattr(sys.stdin, "name", None) == os.devnull:  # kg's stand-in for a
        # stdin it was started without (kg.cli.main; a shell's `</dev/null` is "<stdin>"):
        # it was "empty query", exit 3 (hunt123 F7)
        raise UsageError("stdin is closed: there is no statement to read (- reads it from "
                         "stdin)")
    if arg in (None, "-"):  # at most one character past the limit: /dev/zero took 9 GB
        text = sys.stdin.read(MAX_QUERY_CHARS + 2)  # (a byte order mark, then the limit)
        if len(text.removeprefix("\ufeff")) > MAX_QUERY_CHARS:
            raise QuerySyntaxError([Problem(
                f"the query on stdin is too long (more than {MAX_QUERY_CHARS:,} characters, "
                "the most a statement may have)")], "")
    else:
        text = arg
    return text.removeprefix("\ufeff")  # a byte order mark (an editor's) is no text


def exit_status(result: Result | int, fail_empty: bool) -> int:
    """Exit 1 with --fail-empty for a result (or a number of rows) with no rows."""
    rows = result if isinstance(result, int) else len(result.rows)
    return ExitStatus.EMPTY if fail_empty and not rows else ExitStatus.OK
