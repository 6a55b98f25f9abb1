"""The REPL: one PromptSession wired from the small parts, and the read-run-print loop.

Parts: :mod:`~kg.repl.highlight` (lexer), :mod:`~kg.repl.completer`,
:mod:`~kg.repl.history`, :mod:`~kg.repl.keys`, :mod:`~kg.repl.style`;
statements run through :mod:`~kg.repl.runner`, dot-commands through
:mod:`~kg.repl.commands`, and everything printed goes through
:mod:`~kg.repl.output`. No input ends in a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.auto_suggest import AutoSuggestFromHistory
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.input import Input
from prompt_toolkit.output import ColorDepth, Output
from prompt_toolkit.shortcuts import CompleteStyle

from kg.errors import ExitStatus, KgError
from kg.output import RESULT_FORMATS as OutputFormat
from kg.repl.commands import run_command
from kg.repl.completer import KgCompleter
from kg.repl.highlight import KgLexer
from kg.repl.history import open_history
from kg.repl.keys import bindings, is_incomplete
from kg.repl.output import report
from kg.repl.runner import run_statement
from kg.repl.state import CONTINUATION, PROMPT, ReplState, no_color
from kg.repl.style import repl_style
from kg.session import Graph

__all__ = ["run_repl", "build_session", "handle"]


def run_repl(
    data: Sequence[str] = (),
    lang: str = "en",
    fmt: str = "table",
    *,
    input: Input | None = None,
    output: Output | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    history: Path | None = None,
    as_of: str | None = None,
    endpoint: str | None = None,
) -> int:
    """Run the interactive shell until Ctrl-D or ``.quit``; return the exit status.

    Args:
        data: extra RDF files loaded on top of the shipped graph.
        lang: language of labels in results (``en`` or ``de``).
        fmt: the initial output format.
        input: prompt_toolkit input (tests pass a pipe); default: the terminal.
        output: prompt_toolkit output (tests pass ``DummyOutput``).
        out: where results go (default: stdout); err: where errors go (default: stderr).
        history: the history file (default: ``$XDG_STATE_HOME/kg/history``).
        as_of: answer as of the page revision current at this date (or revision name).
        endpoint: a SPARQL 1.1 query endpoint to run every statement on.

    Without a terminal (and no ``input``), statements are read from stdin, one
    after another, with no prompt.
    """
    out, err = out or sys.stdout, err or sys.stderr
    graph = Graph.open(data, lang=lang, as_of=as_of, endpoint=endpoint)
    state = ReplState(graph, OutputFormat.parse(fmt), out=out, err=err,
                      color=ReplState.wants_color(out))
    if input is None and not sys.stdin.isatty():
        return run_script(state, sys.stdin)
    session = build_session(state, input=input, output=output, history=history)
    if input is None and out.isatty():
        onto = state.graph.ontology
        state.say(f"kg — {len(onto.entities)} entities in {len(onto.classes)} classes. "
                  "Type .help for help, Tab to complete, Ctrl-D to leave.")
    while not state.done:
        try:
            text = session.prompt()
        except KeyboardInterrupt:
            continue
        except EOFError:
            break
        handle(state, text)
    return int(ExitStatus.OK)


def build_session(state: ReplState, *, input: Input | None = None,
                  output: Output | None = None, history: Path | None = None) -> PromptSession[str]:
    """The one PromptSession: lexer, completer, history, suggestions, keys and style."""
    completer = KgCompleter(state)
    return PromptSession(
        PROMPT,
        multiline=True,
        prompt_continuation=_continuation,
        lexer=KgLexer(lambda name: completer.index.kind_of_name(name)),
        completer=completer,
        complete_while_typing=True,
        complete_style=CompleteStyle.COLUMN,
        history=open_history(history, state.warn),
        auto_suggest=AutoSuggestFromHistory(),
        key_bindings=bindings(),
        style=repl_style(),
        include_default_pygments_style=False,
        color_depth=ColorDepth.MONOCHROME if no_color() else None,
        input=input,
        output=output,
    )


def _continuation(width: int, line_number: int, is_soft_wrap: int) -> StyleAndTextTuples:
    return [("class:continuation", CONTINUATION.rjust(width))]


def handle(state: ReplState, text: str, *, typed: bool = True) -> int:
    """Run one statement or dot-command; report any error. Returns an exit status."""
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return int(ExitStatus.OK)  # nothing but blank lines and comments
    try:
        if text.lstrip().startswith("."):
            run_command(state, text)
        else:
            run_statement(state, text)
    except KeyboardInterrupt:
        state.warn("cancelled")
        return int(ExitStatus.INTERRUPTED)
    except Exception as exc:  # noqa: BLE001  every error is reported, never a traceback
        report(state, exc, typed=typed and not text.lstrip().startswith("."))
        return int(exc.status) if isinstance(exc, KgError) else int(ExitStatus.RUNTIME)
    return int(ExitStatus.OK)


def run_script(state: ReplState, lines: Iterable[str]) -> int:
    """Run the statements read from ``lines`` (a pipe). A statement goes on over the next
    line while it is incomplete, or when the next line starts with ``|``.

    Returns the status of the last statement that failed, else 0.
    """
    status = int(ExitStatus.OK)
    pending = ""
    for line in lines:
        if pending and (is_incomplete(pending.rstrip("\n")) or line.lstrip().startswith("|")):
            pending += line
            continue
        status = _run_pending(state, pending, status)
        if state.done:
            return status
        pending = line
    return _run_pending(state, pending, status)


def _run_pending(state: ReplState, pending: str, status: int) -> int:
    if not pending.strip():
        return status
    result = handle(state, pending.rstrip("\n"), typed=False)
    return result or status
