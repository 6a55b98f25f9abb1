"""Long output goes through a pager, as in psql and pgcli.

Only when the output is a terminal and the text is taller than it: ``$PAGER``, by
default ``less -SRXF`` (chop long lines instead of wrapping them, pass colors, leave
the text on the screen, quit at once when it fits). ``PAGER=`` (empty) or
``.pager off`` prints straight to the terminal. A pager that cannot be started is a
warning, and the text is printed instead.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from kg.paths import dumb_terminal
from kg.repl.echo import echo_as_found

if TYPE_CHECKING:  # (the state asks whether a pager runs: :func:`pager_command`)
    from kg.repl.state import ReplState

__all__ = ["DEFAULT_PAGER", "pager_command", "pager_problem", "wants_pager", "page", "height",
           "stop_pagers"]

DEFAULT_PAGER = "less -SRXF"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_RUNNING: set[subprocess.Popen[bytes]] = set()  #: the pager showing output now, if any
_STOPPED: set[int] = set()  #: pagers kg ended itself (by process id), before a restart


def pager_command() -> list[str]:
    """The pager to run: ``$PAGER`` split into words, or ``less -SRXF``; empty: none, also
    on a terminal that says it cannot (``TERM=dumb``: less stopped every result at "WARNING:
    terminal is not fully functional", hunt58 F5)."""
    return [] if dumb_terminal() else _pager()[0]


def pager_problem() -> str | None:
    """Why ``$PAGER`` gives no command line, where it is not empty: an unbalanced quote was
    "$PAGER is empty", and paging went off without a word (hunt75 F6)."""
    return _pager()[1]


def _pager() -> tuple[list[str], str | None]:
    """``$PAGER`` (else :data:`DEFAULT_PAGER`) split into words, and why it cannot be."""
    text = os.environ.get("PAGER")
    try:
        return shlex.split(DEFAULT_PAGER if text is None else text), None
    except ValueError as exc:
        return [], f"$PAGER ({text}) is no command line: {exc}"


def _colors_pass(command: list[str], env: dict[str, str]) -> bool:
    """Does the pager show colours rather than their escapes? ``less`` with ``-R`` (or
    ``-r``) in its words or ``$LESS`` (a user's ``LESS=-i`` showed ``ESC[1m`` in every
    table's header: hunt75 F7); any other pager is sent none."""
    if not command or os.path.basename(command[0]) != "less":
        return False
    words = [*command[1:], *env.get("LESS", "").split()]  # ($LESS may go without its dash)
    return any(w in ("--RAW-CONTROL-CHARS", "--raw-control-chars") if w.startswith("--")
               else "R" in w or "r" in w  # a cluster of letters (`--ignore-case` is none:
               for w in words)  # it passed for -R, hunt77 R3)


def height(text: str, width: int) -> int:
    """How many terminal lines ``text`` takes when long lines wrap at ``width``."""
    width = max(1, width)
    return sum(max(1, -(-len(_ANSI.sub("", line)) // width)) for line in text.splitlines())


def wants_pager(state: ReplState, text: str) -> bool:
    """Is ``text`` taller than the terminal it goes to (and paging on)?"""
    if not state.paging():
        return False
    size = state.size()
    return height(text, size.columns) > max(1, size.lines - 1)  # the prompt takes a line


def page(state: ReplState, text: str) -> None:
    """Print ``text``, through the pager when it is taller than the terminal."""
    words, problem = _pager()
    command = [] if dumb_terminal() else words
    if not command and problem and state.pager_wanted():
        state.pager = False
        state.warn(f"warning: {problem}; paging is off (mend $PAGER and start kg again: "
                   ".pager on reads the same one)")  # (it said `.pager on` would do: hunt141 F5)
    if not command or not wants_pager(state, text):
        state.say(text)
        return
    state.out.flush()
    try:
        status, stopped = _run(command, text)
    except OSError as exc:
        state.pager = False
        state.warn(f"warning: cannot run the pager {shlex.join(command)!r} "
                   f"({exc.strerror or exc}); paging is off (.pager on to try again)")
        state.say(text)
        return
    if stopped:  # kg ended it, to restart: the restart says the result is
        return  # gone (it said "the output follows", and the exec came first: hunt58 F10)
    if status > 0:  # it failed, maybe before it showed anything (`PAGER=false`): the
        # result was lost without a word (hunt43 #2); a pager stopped by a signal was left
        state.warn(f"warning: the pager {shlex.join(command)!r} ended with status {status}; "
                   "the output follows without it (.pager off stops paging)")
        state.say(text)


def _run(command: list[str], text: str) -> tuple[int, bool]:
    """Run the pager on ``text``; its exit status, and whether kg ended it (:func:`stop_pagers`)."""
    env = dict(os.environ)
    env.setdefault("LESS", "-SRXF")
    env.setdefault("LESSCHARSET", "utf-8")
    if not _colors_pass(command, env):
        text = _ANSI.sub("", text)
    with echo_as_found(), subprocess.Popen(command, stdin=subprocess.PIPE, env=env) as pager, \
            _sigint_ignored():
        assert pager.stdin is not None
        _RUNNING.add(pager)
        try:
            pager.stdin.write(text.encode("utf-8", "replace"))
            pager.stdin.close()
        except OSError:
            pass  # the pager was left before it read everything
        finally:
            pager.wait()
            _RUNNING.discard(pager)
    stopped = pager.pid in _STOPPED
    _STOPPED.discard(pager.pid)
    return pager.returncode, stopped


def stop_pagers() -> None:
    """End the pager showing output, if one is (before the REPL restarts: it would go on
    reading the terminal beside the fresh REPL)."""
    for pager in list(_RUNNING):
        _STOPPED.add(pager.pid)
        pager.terminate()
        try:
            pager.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pager.kill()


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ctrl-C belongs to the pager while it runs (less uses it to stop a search)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
