"""How results and errors reach the screen in the REPL.

Results are written by :mod:`kg.output` in the session's format. In the table format
rows are laid out by :mod:`~kg.repl.layout` (a table fitted to the terminal, or one
field per line), and a ``describe`` result reads as a card (:mod:`~kg.repl.card`).
Output taller than the terminal goes through the pager (:mod:`~kg.repl.pager`).
Errors go to the error stream, with a hint when a statement looks like SQL or Cypher.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from kg.errors import KgError, QueryError, Span, fitted
from kg.hints import hint_for
from kg.output import Format, OutputContext, write
from kg.repl.card import describe_card
from kg.repl.layout import rows_text
from kg.repl.pager import page
from kg.repl.state import ReplState
from kg.result import Result, ResultKind

__all__ = ["show", "result_text", "emit", "report", "describe_card", "output_context"]


def output_context(state: ReplState, fmt: Format) -> OutputContext:
    """What :func:`kg.output.write` needs from the session: the graph, the language, and for
    the table the terminal's width, color and row limit."""
    table = fmt is Format.TABLE
    return OutputContext(state.graph.context, state.lang,
                         width=state.table_width() if table else None, color=state.color and table,
                         max_rows=state.row_limit() if table else None)


def result_text(state: ReplState, result: Result) -> str:
    """``result`` as text in the session's format, fitted to the terminal."""
    if state.fmt is not Format.TABLE:
        return write(result, state.fmt, output_context(state, state.fmt))
    if result.kind is ResultKind.DESCRIBE:
        return describe_card(result, state.table_width(), color=state.color)
    return rows_text(state, result)


def show(state: ReplState, result: Result, before: str = "") -> None:
    """Print ``result`` in the session's format (after ``before``), paged when long."""
    emit(state, before + (result_text(state, result) or "(nothing)\n"))


def emit(state: ReplState, text: str) -> None:
    """Print ``text``; through the pager when it is taller than the terminal."""
    page(state, text)


def _moved(exc: QueryError, source: str, where: Callable[[int], int]) -> None:
    """``exc`` placed in ``source``, where each offset of its own source is ``where`` of it."""
    exc.problems = [p if p.span is None else replace(
        p, span=Span(where(p.span.start), where(p.span.end))) for p in exc.problems]
    exc.source = source


def _as_typed(source: str, command: str) -> Callable[[int], int] | None:
    """Where each offset of ``source`` is in ``command``, when ``source`` is the command's
    words without its dot, however far apart they were typed (`.schema  Bogus` ran `schema
    Bogus`: its caret was two columns off, hunt73 R6); None when it is not."""
    typed = command.strip()
    if not typed.startswith(".") or not source.split() or source.split() != typed[1:].split():
        return None
    starts = [m.start() for m in re.finditer(r"\S+", source)]
    typed_starts = [m.start() for m in re.finditer(r"\S+", command)]
    typed_starts[0] += 1  # the first word without its dot

    def where(offset: int) -> int:  # from the start of the word it is in (or after)
        i = max((i for i, start in enumerate(starts) if start <= offset), default=0)
        return typed_starts[i] + offset - starts[i]

    return where


def report(state: ReplState, exc: BaseException, *, typed: bool = False,
           command: str | None = None, line: int = 1) -> None:
    """Print an error; when the user ``typed`` the source, its caret lines up with the prompt.
    A statement a dot-command ran that is the ``command`` line without its dot (`.schema
    Bogus`) is placed in the line as typed (it was in `schema Bogus`: hunt70 F10); one that
    starts on ``line`` of a file (`.read`, a script) says the file's line (hunt70 F9).

    A query that fails and looks like another query language gets a hint naming the
    KGQ form (:func:`~kg.hints.hint_for`).
    """
    placed = command is None  # a statement's error is in it; a command's, where it is its own
    where = _as_typed(exc.source, command) if command is not None and isinstance(
        exc, QueryError) else None
    if isinstance(exc, QueryError) and command is not None and where is not None:
        _moved(exc, command, where)
        placed = True
    elif command is not None:  # the error is in a text the user did not type (`.run`'s query)
        typed = False
    if line > 1 and placed and isinstance(exc, QueryError) and exc.source:
        _moved(exc, "\n" * (line - 1) + exc.source, lambda at: at + line - 1)  # (blank
        # lines above it)
    width = state.size().columns if getattr(state.err, "isatty", bool)() else None
    if isinstance(exc, QueryError):  # (a terminal's width: its words wrapped whole)
        exc.indent, exc.width = (len(state.prompt()) - 2 if typed else 0), width
        state.warn(exc.render())
        hint = hint_for(exc.source) if exc.source else None
        if hint:
            state.warn("\n".join(f"hint: {line}" for line in hint.splitlines()))
    elif isinstance(exc, KgError):
        state.warn(fitted(exc.render(), width))
    else:  # a bug in kg: say so in one line, never a traceback
        state.warn(f"internal error: {type(exc).__name__}: {exc} (please report it)")
