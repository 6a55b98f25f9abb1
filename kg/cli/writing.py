"""What `kg`'s commands write: a result in the format asked for, to the screen or a file,
and the exit status it makes; and the statement a command reads."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from kg.errors import ExitStatus, Problem, QuerySyntaxError, UsageError
from kg.fileio import write_atomic
from kg.limits import MAX_QUERY_CHARS
from kg.output import UNWRAPPED, Format, OutputContext, ids_fit, write, write_parts
from kg.paths import no_color

if TYPE_CHECKING:
    from kg.result import Result
    from kg.session import Graph

__all__ = ["output_format", "emit", "emit_parts", "statement_text", "stdin_given",
           "exit_status"]



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
               ids: bool = False) -> int:
    """Write a result given in parts (:meth:`Graph.stream`) to ``out`` as each part comes, in
    a format that streams (:data:`kg.output.STREAMERS`); return how many rows it had."""
    ids_fit(fmt, ids)
    rows = 0

    def counted() -> Iterator[Result]:
        nonlocal rows
        for part in parts:
            rows += len(part.rows)
            yield part

    for text in write_parts(counted(), fmt, OutputContext(graph.context, graph.lang, ids=ids)):
        out.write(text)
        out.flush()
    return rows


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
