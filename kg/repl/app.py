"""The REPL: one PromptSession wired from the small parts, and the read-run-print loop.

Parts: :mod:`~kg.repl.highlight` (lexer), :mod:`~kg.repl.completer`,
:mod:`~kg.repl.history`, :mod:`~kg.repl.keys`, :mod:`~kg.repl.style`;
statements run through :mod:`~kg.repl.runner`, dot-commands through
:mod:`~kg.repl.commands`, and everything printed goes through
:mod:`~kg.repl.output`. No input ends in a traceback.

``help``, ``exit`` and ``quit`` work without their dot, and a trailing ``;`` is
dropped, as people type them in psql. Text of several statements given at the prompt at
once (a paste of a script's lines, what the editor saved) runs statement by statement, cut
as ``.read`` cuts a script, as psql runs a pasted script.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TextIO, cast

from prompt_toolkit import PromptSession
from prompt_toolkit.enums import EditingMode
from prompt_toolkit.input import Input
from prompt_toolkit.output import Output

from kg.errors import DataError, ExitStatus, KgError, ScriptError, UsageError
from kg.limits import MAX_DEPTH_READ, MAX_PASTE_CHARS, MAX_QUERY_CHARS
from kg.output import RESULT_FORMATS as OutputFormat
from kg.paths import dumb_terminal
from kg.repl import restart as restarting
from kg.repl.commands import run_command
from kg.repl.commands.revisions import describe_revision
from kg.repl.completer import KgCompleter
from kg.repl.echo import echo_off_between_prompts, give_typed_ahead, terminal_output
from kg.repl.output import report
from kg.repl.prompt import build_session
from kg.repl.restart import RESUME, Restart, answer_ctrl_c, restart, resume
from kg.repl.runner import run_statement
from kg.repl.script import script_lines, script_statements
from kg.repl.startup import run_startup
from kg.repl.state import Guarded, OutputLost, ReplState, Script
from kg.repl.watchdog import Watchdog
from kg.session import Graph
from kg.textscan import one_line, scan
from kg.worker import interruptible

__all__ = ["run_repl", "build_session", "handle", "run_typed", "as_typed", "run_script",
           "run_file"]

#: Commands people type without the dot (psql, sqlite and Python habits).
_BARE_COMMANDS = ("help", "exit", "quit")


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
    startup: bool | None = None,
) -> int:
    """Run the interactive shell until Ctrl-D or ``.quit``; return the exit status.

    Args:
        data, lang, fmt: extra RDF files on top of the shipped graph; the language of
            labels (``en``, ``de``); the first output format.
        input, output: prompt_toolkit's (tests pass a pipe, ``DummyOutput``); the terminal's.
        out: where results go (default: stdout); err: where errors go (default: stderr).
        history: the history file (default: ``$XDG_STATE_HOME/kg/history``).
        as_of: answer as of the page revision current at this date (or revision name).
        endpoint: a SPARQL 1.1 query endpoint to run every statement on.
        startup: run the start-up file (:mod:`kg.repl.startup`; default: with no ``input``).

    Without a terminal (and no ``input``), statements are read from stdin, with no prompt.
    """
    out, err = out or sys.stdout, err or sys.stderr
    with echo_off_between_prompts(on_end=restarting.leave_by_signal,  # from the start: keys
                                  echo=restarting.resumed_echo()):  # typed as it loads wait
        state = _state(*_open(data, lang, as_of, endpoint, err), fmt, out, err, endpoint, as_of)
        if input is None and not sys.stdin.isatty():
            return run_script(state, sys.stdin)
        resumed = resume(state)
        if (input is None if startup is None else startup) and not resumed:
            run_startup(state, run_file)
        state.no_rc = startup is False
        if output is None and input is None and not out.isatty():  # `kg repl > file`, `| tee`:
            output = terminal_output()  # the prompt on the terminal, the results to the file
            state.out = cast(TextIO, Guarded(state.out))  # whose failed write ends the REPL
        session = build_session(state, input=input, output=output, history=history)
        state.watchdog = Watchdog(_restarter(state, session), state.warn)
        _names_ready(session)  # before the welcome: what is typed after it goes to the prompt,
        if input is None and out.isatty():  # not echoed by the terminal ahead of it
            _welcome(state, resumed)
        if resumed:
            answer_ctrl_c()
        return _loop(state, session)


def _open(data: Sequence[str], lang: str, as_of: str | None, endpoint: str | None,
          err: TextIO) -> tuple[Graph, Sequence[str]]:
    """The session's graph, and the files loaded on top of it. A REPL restarting itself
    (:mod:`kg.repl.restart`) whose files can no longer be read (a `.load`ed file deleted or
    broken since) goes on without each such file, saying so, rather than ending the
    session. Ctrl-C ends a long load at once (the process leaves: :func:`kg.cli.entry`)."""
    data = [str(d) for d in data]
    while True:
        try:
            return interruptible(lambda: Graph.open(data, lang=lang, as_of=as_of,
                                                    endpoint=endpoint)), tuple(data)
        except DataError as exc:
            if RESUME not in os.environ or exc.file is None:
                raise
            data.remove(exc.file)
            err.write(f"error: {exc}\nkg: the restarted REPL goes on without {exc.file}\n")


def _state(graph: Graph, data: Sequence[str], fmt: str, out: TextIO, err: TextIO,
           endpoint: str | None, as_of: str | None) -> ReplState:
    """The session's state; as of a day before a part of the revision that answers (the
    seed's retired-series include of 2024-10-17), it says so (hunt62 F2)."""
    state = ReplState(graph, OutputFormat.parse(fmt), out=out, err=err,
                      color=ReplState.wants_color(out), data=tuple(os.path.abspath(d) for d in data),
                      endpoint=endpoint)
    revision = graph.store.revision
    if revision is not None and (note := revision.later_note(as_of, state.lang)):
        state.warn(f"note: {note}")
    return state


def _names_ready(session: PromptSession[str], state: ReplState | None = None) -> None:
    """Build the name index that completion and highlighting read, before the first prompt,
    where Ctrl-C ends it: built at the first keystroke, in the terminal's raw mode, it froze
    typing and Ctrl-C was only a key. Again after a statement that changed the graph or the
    language (.load, .lang, .as-of). The page's index takes 20 ms, a generated graph's 0.5 s
    at 100k triples and 6–7 s at 1M: with ``state``, a graph of many entities says so first
    (the screen showed a finished command and no prompt for seconds: hunt120 F3)."""
    completer = session.completer
    if isinstance(completer, KgCompleter) and not completer.ready:
        if state is not None and len(state.graph.ontology.entities) >= MANY_NAMES:
            state.note("reading the names completion offers (Ctrl-C: read at the first key "
                       "instead)")
        interruptible(completer.warm)


#: the entities past which reading their names for completion takes a second or more
MANY_NAMES = 20_000


def _welcome(state: ReplState, resumed: bool = False) -> None:
    onto = state.graph.ontology
    where = state.graph.endpoint  # a server's, without credentials
    lines = (f"kg — {len(onto.entities)} entities in {len(onto.classes)} classes, "
             + (f"on the SPARQL endpoint {where}, " if where else "")
             + f"{describe_revision(state)}.",
             "Restarted: the same graph and settings; the last result is gone." if resumed
             else "Type .help for help, Ctrl-D to leave." if dumb_terminal()  # (no Tab
             else "Type .help for help, Tab to complete, Ctrl-D to leave.")  # there: hunt96 F8)
    state.say("\n".join(textwrap.fill(line, state.width(), break_long_words=False)
                         for line in lines))


def _loop(state: ReplState, session: PromptSession[str]) -> int:
    """Prompt, run, repeat: until Ctrl-D or ``.quit`` (the echo off meanwhile: keys typed
    ahead wait, unshown, for the next prompt, :mod:`kg.repl.echo`)."""
    restarting.quiet_cut_loops()
    while not state.done:
        try:
            typed, state.typed = state.typed, ""
            give_typed_ahead(session.input)
            session.editing_mode = EditingMode.VI if state.vi else EditingMode.EMACS  # (.vi)
            text = session.prompt(default=typed)
        except KeyboardInterrupt:
            continue
        except EOFError:
            break
        except Restart as wanted:  # the watchdog: a cancelled statement takes too much
            restart(state, str(wanted), typed=wanted.typed)
            continue
        try:
            run_typed(state, text)
        except OutputLost as lost:  # the results' file or pipe failed (`kg repl >&-`: an
            raise lost.error from None  # internal error each statement, exit 0: hunt59 R14)
        try:  # after .load, .lang or .as-of: the new graph's names, before the next prompt
            _names_ready(session, state)
        except KeyboardInterrupt:  # then built at the first keystroke, as before; the
            state.warn("completion's names are read at the first key instead (what the "  # command
                       "command did stands)")  # stands: "cancelled" said it did not (hunt120 F3)
    return int(ExitStatus.OK)


def _restarter(state: ReplState, session: PromptSession[str]) -> Callable[[str], None]:
    """What the watchdog calls, from its thread, to restart the REPL: at the prompt, the
    prompt ends first (so the terminal is left as it was found) and the main thread
    restarts; while a statement runs, at once."""

    def from_prompt(why: str) -> None:
        if session.app.is_running:
            session.app.exit(exception=Restart(why, session.default_buffer.text))
        else:  # the prompt ended meanwhile: this is the main thread, between statements
            restart(state, why)

    def exceeded(why: str) -> None:
        if session.app.is_running:
            session.app.loop.call_soon_threadsafe(from_prompt, why)  # type: ignore[union-attr]
        else:  # a statement answering stops with the process: say so (hunt50 #2)
            running = state.running
            restart(state, why + (f"\nkg: `{one_line(running)}` stopped with it; run it "
                                  "again" if running else ""))

    return exceeded


def as_typed(text: str) -> str:
    """``text`` without a trailing ``;``, and ``help``/``exit``/``quit`` as dot-commands.

    >>> as_typed("VMSeries | count;"), as_typed("help kgq"), as_typed("quit;")
    ('VMSeries | count', '.help kgq', '.quit')
    >>> as_typed("VMSeries | count;  # all of them"), as_typed("exit  # bye")
    ('VMSeries | count', '.exit')
    >>> as_typed('VMSeries | where name ~ "a;#b"'), as_typed(".load my#1.ttl")
    ('VMSeries | where name ~ "a;#b"', '.load my#1.ttl')
    """
    text = text.rstrip()
    ends = scan(text)
    if ends.comment_at is not None and not text.lstrip().startswith("."):
        text = text[: ends.comment_at].rstrip()  # `…; # a comment`, `exit # bye`: no comment
    while text.endswith(";"):
        text = text[:-1].rstrip()
    words = text.split(maxsplit=1)
    if words and words[0].lower() in _BARE_COMMANDS and (len(words) == 1 or
                                                          words[0].lower() == "help"):
        return "." + text.lstrip()
    return text


def handle(state: ReplState, text: str, *, typed: bool = True, line: int = 1) -> int:
    """Run one statement or dot-command (``line``: the line of a file it starts on); report
    any error. Returns an exit status."""
    if len(text) > MAX_QUERY_CHARS:
        state.warn(f"error: the input is too long ({len(text):,} characters; a statement has "
                   f"at most {MAX_QUERY_CHARS:,})")
        return int(ExitStatus.QUERY)
    text = as_typed(text)
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        return int(ExitStatus.OK)  # nothing but blank lines and comments
    params = None
    try:
        continued = _continued(state, text)
    except UsageError as exc:
        report(state, exc, typed=False)
        return int(exc.status)
    header = ""
    if continued is not None:  # its error counts lines and columns of the whole statement
        (text, header), typed, params, line = continued, False, state.continued_params(), 1
    try:
        if text.lstrip().startswith("."):
            run_command(state, text)
            if state.script is not None:  # .read FILE: its statements, here
                script, state.script = state.script, None
                run_file(state, script)
        else:
            run_statement(state, text, params)
            if header:  # what `.save` saves it with: the saved query's parameters, not its
                state.last_text = f"{header}\n{state.last_text}"  # description (hunt88 #7)
    except KeyboardInterrupt as stopped:  # its words: the statement is still running
        state.warn("; ".join(["cancelled", *map(str, stopped.args)]))
        return int(ExitStatus.INTERRUPTED)
    except OutputLost:
        raise  # a script's output is gone: it ends (run_script)
    except Exception as exc:  # noqa: BLE001  every error is reported, never a traceback
        report(state, exc, typed=typed, command=text if text.lstrip().startswith(".") else None,
               line=line)
        return int(exc.status) if isinstance(exc, KgError) else int(ExitStatus.INTERNAL)
    return int(ExitStatus.OK)


def _continued(state: ReplState, text: str) -> tuple[str, str] | None:
    """A statement that starts with `|`, typed, pasted or read, as the last statement that
    ran with it as one more stage (spec: a question is built one stage at a time), which
    runs with the parameter values that one ran with (`.run NAME arch=Volta`, then `|
    count`); shown before it runs. With it, the header of the saved query it goes on from
    (`.run NAME`), less its description, which is not this statement's: it is neither shown
    nor run (hunt88 #7: 17 lines of header echoed), but `.save` saves the parameters it
    declares. None for any other text.

    Raises:
        UsageError: no statement ran before (since the REPL started, or restarted).
    """
    if not text.lstrip().startswith("|"):
        return None
    if state.last_text is None:  # the parser's "must start with a source" misled (hunt39 #13)
        raise UsageError("no statement to continue: a line that starts with `|` adds a stage "
                         "to the last statement that ran, and none has (a restart forgets it)")
    whole = state.continued(text.strip())
    assert whole is not None  # (it starts with `|`, and a statement ran)
    state.note("\n".join(("→ " if i == 0 else "  ") + line  # all that runs: an error counts
                          for i, line in enumerate(whole.splitlines())))  # its lines
    from kg.saved.model import split_header, without_key

    return whole, without_key(split_header(state.last_text)[0], "description")


def run_typed(state: ReplState, text: str) -> int:
    """Run what the prompt gave: one statement as typed, or, where the text holds several
    (two statements pasted with a blank line between them), each in turn, as ``.read`` would
    run those lines (they ran as one statement: "unexpected name" on the second one's first
    word). Returns the status of the last statement that failed, else 0."""
    statements = [] if len(text) > MAX_PASTE_CHARS else list(script_statements(
        script_lines(text)))  # (several statements pasted: longer than one may be)
    if len(statements) <= 1:  # its error's line and column count from the text typed
        return handle(state, text)
    return _run_each(state, statements, named=True)


def _what(text: str) -> str:
    """What a line of a script holds, as its error says: a statement or a command."""
    return "command" if text.lstrip().startswith(".") else "statement"


def _run_each(state: ReplState, statements: Iterable[tuple[int, str]], *,
              named: bool = False) -> int:
    """Run statements cut from lines (with the line each starts on); a failed one says its
    line and the rest run, Ctrl-C stops them all. Returns the last failure's status, else 0.
    ``named`` (a paste of several): each statement is named above its result, as a `|` line
    is (the results came one after another, none saying whose it was: hunt88 #12)."""
    status = int(ExitStatus.OK)
    for line, text in statements:
        if named and not text.lstrip().startswith((".", "|")):  # (a `|` line names itself)
            state.note(f"→ {one_line(text, 76)}")
        failed = handle(state, text, typed=False, line=line)
        if failed == ExitStatus.INTERRUPTED:
            return failed
        if failed:  # its own line and column count from the statement's first line
            state.warn(f"  (the {_what(text)} at line {line})")
        status = failed or status
        if state.done:
            break
    return status


def run_script(state: ReplState, lines: Iterable[str]) -> int:
    """Run the statements read from ``lines`` (a pipe), cut as :mod:`kg.repl.script` says;
    Ctrl-C ends the script (exit 130), as it ends `kg query`.

    Returns the status of the last statement that failed, else 0.
    """
    state.out = cast(TextIO, Guarded(state.out))  # a write that fails ends the script, as it ends `kg query`
    try:
        return _run_each(state, script_statements(lines))
    except OutputLost as lost:  # kg.cli: a closed pipe ends it quietly, else exit 4
        raise lost.error from None


def run_file(state: ReplState, script: Script) -> None:
    """Run the statements of a file ``.read`` names, as typed; a failed one says its line
    and the rest run; Ctrl-C stops this file and those reading it.

    Raises:
        ScriptError: the file is being read already, or files nest too deep (exit 3, as a
            script file too big: they were 2, a usage error, hunt141 F5); statements failed
            (the last one's status), or Ctrl-C stopped the file.
    """
    if script.path in state.reading:
        raise ScriptError(f".read {script.name}: that file is being read already (it reads "
                          "itself)", ExitStatus.QUERY)
    if len(state.reading) >= MAX_DEPTH_READ:
        raise ScriptError(f".read {script.name}: files read by .read nest {MAX_DEPTH_READ} "
                          "deep at most", ExitStatus.QUERY)
    state.reading = (*state.reading, script.path)
    try:
        failed, ran, last = 0, 0, ExitStatus.OK
        for line, statement in script_statements(script_lines(script.text)):
            status = handle(state, statement, typed=False, line=line)
            ran += 1
            if status == ExitStatus.INTERRUPTED:
                raise ScriptError(f"stopped reading {script.name} at line {line} (Ctrl-C)",
                                  ExitStatus.INTERRUPTED)
            if status:
                state.warn(f"  (in {script.name}, the {_what(statement)} at line {line})")
                failed, last = failed + 1, ExitStatus(status)
            if state.done:
                break
        if failed:
            raise ScriptError(f"{failed} of {ran} statements in {script.name} failed", last)
    finally:
        state.reading = state.reading[:-1]
