"""The terminal's echo between prompts.

While a statement runs (or a ``.lang`` rebuilds the names), the terminal is in its usual
mode, and it echoes what is typed ahead: the keys showed as text where the next prompt
was then drawn over them, and a terminal's late reply to prompt_toolkit's cursor-position
request showed as ``^[[1;1R`` before the prompt (hunt50 #10). Between prompts the echo
is off: keys typed ahead wait, unshown, for the next prompt, which reads them (a
cursor-position reply among them as what it is).

A program the REPL runs on the terminal (the editor, a pager) gets the terminal as the
REPL found it, echo on, but not the keys typed ahead: they are read first and held for the
next prompt (:func:`typed_ahead`). A pager took them as its commands: `|` in a statement
typed ahead ran a shell, `s` saved the output to a file (hunt58 F1).

The terminal is as found when the REPL ends, when it is stopped (Ctrl-Z) and when SIGTERM
or SIGHUP ends it (hunt58 F2); after ``fg`` the echo is off again (hunt58 F3). A restart
keeps the echo off across the exec and tells the fresh REPL how it was found
(:func:`found_echo`), so keys typed while the fresh one starts wait too.

Only for a terminal: with input from a pipe or a file nothing is touched, but SIGTERM and
SIGHUP still run the REPL's clean-up before they end it (the temporary file of an `.export`
under way was left: hunt83 F7).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

from prompt_toolkit.input import Input
from prompt_toolkit.input.typeahead import store_typeahead
from prompt_toolkit.input.vt100_parser import Vt100Parser
from prompt_toolkit.key_binding import KeyPress
from prompt_toolkit.output import Output, create_output

try:
    import termios
except ImportError:  # not a POSIX system: the echo is left as it is
    termios = None  # type: ignore[assignment]

__all__ = ["echo_off_between_prompts", "echo_as_found", "found_echo", "typed_ahead",
           "give_typed_ahead", "terminal_output"]

#: The terminal's attributes as the REPL found them, while its echo is off.
_found: list[Any] | None = None
#: Keys typed ahead, read before a program was given the terminal (for the next prompt).
_held: list[str] = []
#: Is a program (the editor, a pager) using the terminal now?
_lent = False


def _fd() -> int | None:
    try:
        fd = sys.stdin.fileno()
        return fd if termios is not None and sys.stdin.isatty() else None
    except (AttributeError, OSError, ValueError):
        return None


def _set(fd: int, attrs: list[Any]) -> None:
    with contextlib.suppress(OSError, termios.error):  # the terminal went away
        termios.tcsetattr(fd, termios.TCSANOW, attrs)  # not TCSAFLUSH: typed-ahead keys stay


def _quiet(attrs: list[Any]) -> list[Any]:
    return [*attrs[:3], attrs[3] & ~termios.ECHO, *attrs[4:]]


@contextlib.contextmanager
def echo_off_between_prompts(on_end: Callable[[], None] = lambda: None, *,
                             echo: bool | None = None) -> Iterator[None]:
    """The REPL's loop: the echo off while it lasts (each prompt puts the terminal in its
    own mode and back), as found after. ``on_end`` runs when a signal ends the REPL (it
    stops a pager, which would go on reading the terminal). ``echo``: whether the REPL
    before a restart found the terminal echoing (:func:`found_echo`), given back at the end."""
    global _found
    fd = _fd()
    try:
        attrs = termios.tcgetattr(fd) if fd is not None else None
    except termios.error:
        attrs = None
    if fd is None or attrs is None:
        with _signals(None, None, on_end):
            yield
        return
    if echo is not None:
        attrs = [*attrs[:3], attrs[3] | termios.ECHO if echo else attrs[3] & ~termios.ECHO,
                 *attrs[4:]]
    _found = attrs
    _set(fd, _quiet(attrs))
    with _signals(fd, attrs, on_end):
        try:
            yield
        finally:
            _found = None
            _set(fd, attrs)


@contextlib.contextmanager
def _signals(fd: int | None, attrs: list[Any] | None,
             on_end: Callable[[], None]) -> Iterator[None]:
    """SIGTERM and SIGHUP run ``on_end`` and leave the terminal as found (then end the REPL
    as they would have); SIGCONT (``fg`` after Ctrl-Z) turns the echo off again, where it
    was off. Without a terminal (``fd`` None), ``on_end`` alone. A signal the process was
    started ignoring (`nohup`) stays ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def ended(signum: int, frame: object) -> None:
        with contextlib.suppress(Exception):
            on_end()
        if fd is not None and attrs is not None:
            _set(fd, attrs)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)  # the exit status a shell expects (143, 129)

    def resumed(signum: int, frame: object) -> None:
        if fd is not None and attrs is not None and _found is not None and not _lent:
            _set(fd, _quiet(attrs))  # (at a prompt, prompt_toolkit's own suspend puts its
            # raw mode back after this)

    wanted: dict[int, Callable[[int, object], None]] = {
        signum: ended for signum in _ending() if signal.getsignal(signum) is not signal.SIG_IGN}
    if fd is not None and hasattr(signal, "SIGCONT"):
        wanted[signal.SIGCONT] = resumed
    before = {signum: signal.signal(signum, handler) for signum, handler in wanted.items()}
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def _ending() -> list[int]:
    """SIGTERM and SIGHUP, where the system has them."""
    return [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]


@contextlib.contextmanager
def echo_as_found() -> Iterator[None]:
    """The terminal as the REPL found it, for a program that reads it (an editor, a
    pager), without the keys typed ahead (held for the next prompt); off again after,
    where it was."""
    global _lent
    fd, found = _fd(), _found
    if fd is None or found is None:
        yield
        return
    try:
        now = termios.tcgetattr(fd)
    except termios.error:
        yield
        return
    _hold(fd, now)
    _set(fd, found)
    _lent = True
    try:
        yield
    finally:
        _lent = False
        _set(fd, now)


def _hold(fd: int, now: list[Any]) -> None:
    """Read the keys typed ahead (a line not yet ended too: the terminal gives it up out
    of its line mode) into :data:`_held`."""
    raw = [*now[:3], now[3] & ~termios.ICANON, *now[4:6], list(now[6])]
    raw[6][termios.VMIN], raw[6][termios.VTIME] = 0, 0
    _set(fd, raw)
    chunks = []
    with contextlib.suppress(OSError):
        while chunk := os.read(fd, 4096):
            chunks.append(chunk)
    _set(fd, now)
    if chunks:  # Enter as a prompt reads it (the line mode made it a line feed), and
        # Ctrl-D: the line mode keeps it as a NUL, which a prompt took for Ctrl-Space
        # (hunt59 R13); a shell or psql ends at a Ctrl-D typed while a command ran
        _held.append(b"".join(chunks).decode("utf-8", "replace").replace("\n", "\r")
                     .replace("\0", "\x04"))


def typed_ahead() -> str:
    """The keys typed ahead that a program run meanwhile was kept from, now given up."""
    text = "".join(_held)
    _held.clear()
    return text


def found_echo() -> bool | None:
    """Did the REPL find the terminal echoing (None: it touched nothing)? A restart hands it
    to the fresh REPL, the echo kept off across the exec (it echoed what was typed while the
    fresh one started: hunt58 F4, hunt59 R8), which gives it back at its end."""
    return None if _found is None else bool(_found[3] & termios.ECHO)


def give_typed_ahead(prompt_input: Input) -> None:
    """The keys typed ahead go to the next prompt, as if typed there: those held from a
    pager or the editor (:func:`kg.repl.echo.typed_ahead`) and those typed while the last
    statement ran, read from the terminal's line mode as :func:`_hold` reads them."""
    fd = _fd()
    if fd is not None and _found is not None and not _lent:
        with contextlib.suppress(termios.error):
            _hold(fd, termios.tcgetattr(fd))
    keys = typed_ahead()
    if keys:
        presses: list[KeyPress] = []
        Vt100Parser(presses.append).feed_and_flush(keys)
        store_typeahead(prompt_input, presses)


def terminal_output() -> Output:
    """Where the prompt is drawn when the results go to a file or a pipe: the terminal, as
    psql draws it (it went into the file: hunt58 F8), stderr where that is the terminal,
    else the terminal itself (`> out 2> err`: hunt59 R6)."""
    if sys.stderr is None or not sys.stderr.isatty():  # (closed: `2>&-`, hunt60 F3)
        try:
            return create_output(stdout=open("/dev/tty", "w"))  # noqa: SIM115 - the session's
        except OSError:
            pass
    return create_output(always_prefer_tty=True)
