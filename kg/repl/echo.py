"""The terminal's echo between prompts.

While a statement runs (or a ``.lang`` rebuilds the names), the terminal is in its usual
mode, and it echoes what is typed ahead: the keys showed as text where the next prompt
was then drawn over them, and a terminal's late reply to prompt_toolkit's cursor-position
request showed as ``^[[1;1R`` before the prompt (hunt50 #10). Between prompts the echo
is off: keys typed ahead wait, unshown, for the next prompt, which reads them (a
cursor-position reply among them as what it is). It is on again for what needs it (the
editor, a pager), before the REPL restarts, and when it ends.

Only for a terminal: with input from a pipe or a file nothing is touched.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

try:
    import termios
except ImportError:  # not a POSIX system: the echo is left as it is
    termios = None  # type: ignore[assignment]

__all__ = ["echo_off_between_prompts", "echo_as_found", "restore_echo"]

#: The terminal's attributes as the REPL found them, while its echo is off.
_found: list[Any] | None = None


def _fd() -> int | None:
    try:
        fd = sys.stdin.fileno()
        return fd if termios is not None and sys.stdin.isatty() else None
    except (AttributeError, OSError, ValueError):
        return None


def _set(fd: int, attrs: list[Any]) -> None:
    with contextlib.suppress(OSError, termios.error):  # the terminal went away
        termios.tcsetattr(fd, termios.TCSANOW, attrs)  # not TCSAFLUSH: typed-ahead keys stay


@contextlib.contextmanager
def echo_off_between_prompts() -> Iterator[None]:
    """The REPL's loop: the echo off while it lasts (each prompt puts the terminal in its
    own mode and back), as found after."""
    global _found
    fd = _fd()
    try:
        attrs = termios.tcgetattr(fd) if fd is not None else None
    except termios.error:
        attrs = None
    if fd is None or attrs is None:
        yield
        return
    quiet = [*attrs[:3], attrs[3] & ~termios.ECHO, *attrs[4:]]
    _found = attrs
    _set(fd, quiet)
    try:
        yield
    finally:
        _found = None
        _set(fd, attrs)


@contextlib.contextmanager
def echo_as_found() -> Iterator[None]:
    """The terminal as the REPL found it, for a program that reads it (an editor, a
    pager); off again after, where it was."""
    fd, found = _fd(), _found
    if fd is None or found is None:
        yield
        return
    try:
        now = termios.tcgetattr(fd)
    except termios.error:
        yield
        return
    _set(fd, found)
    try:
        yield
    finally:
        _set(fd, now)


def restore_echo() -> None:
    """The terminal as found, for good (before the REPL replaces itself: the fresh one
    must find what the user's shell left, not the echo off)."""
    fd = _fd()
    if fd is not None and _found is not None:
        _set(fd, _found)
