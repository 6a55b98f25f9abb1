"""The dot-command registry: a decorator fills :data:`COMMANDS`, which also writes ``.help``.

Each command is a function ``(state, args)`` registered with its usage, a one-line
help, and what completes each argument. Unknown commands get a "did you mean".
"""

from __future__ import annotations

import difflib
import shlex
from collections.abc import Callable, Sequence

from kg.errors import UsageError
from kg.records import record
from kg.repl.state import ReplState

__all__ = ["Command", "COMMANDS", "Handler", "command", "lookup", "run_command", "arity",
           "switch"]

Handler = Callable[[ReplState, list[str]], None]


@record
class Command:
    """One dot-command: how to call it, what it does, and how to complete its arguments."""

    name: str
    fn: Handler
    usage: str  #: e.g. ``.format FMT``
    #: one line for ``.help``; a function of the session where it names what the session's
    #: graph holds (``.as-of``: its revisions), never a list written by hand that goes stale
    help: str | Callable[[ReplState], str]
    aliases: tuple[str, ...] = ()
    complete: tuple[str, ...] = ()  #: a completion source per argument (see kg.repl.completer)

    def describe(self, state: ReplState) -> str:
        """The one-line help, in ``state``'s session."""
        return self.help(state) if callable(self.help) else self.help


COMMANDS: dict[str, Command] = {}


def command(name: str, usage: str, help: str | Callable[[ReplState], str], *,
            aliases: Sequence[str] = (),
            complete: Sequence[str] = ()) -> Callable[[Handler], Handler]:
    """Register a dot-command (decorator)."""

    def register(fn: Handler) -> Handler:
        COMMANDS[name] = Command(name, fn, usage, help, tuple(aliases), tuple(complete))
        return fn

    return register


def lookup(name: str) -> Command | None:
    """The command called ``name`` or one of its aliases (without the dot)."""
    name = name.lower()
    if name in COMMANDS:
        return COMMANDS[name]
    return next((c for c in COMMANDS.values() if name in c.aliases), None)


#: sqlite3's dot-commands that kg names otherwise (`.mode csv` was "did you mean .load?",
#: `.headers on` ".read": hunt96 F10)
_OTHER_SHELLS = {"mode": "format", "headers": "format", "tables": "schema", "output": "export",
                 "once": "export"}


def run_command(state: ReplState, line: str) -> None:
    """Run one ``.command args…`` line."""
    try:
        words = shlex.split(line.strip()[1:])
    except ValueError as exc:  # shlex's English: "No closing quotation" (hunt58 F9)
        said = ("a quotation is not closed: close it, or put a backslash before a quote that "
                "is text" if "quotation" in str(exc) else f"{exc}".lower())
        raise UsageError(f"cannot read the command: {said}") from None
    if not words:
        raise UsageError("a command name must follow the dot (try .help)")
    found = lookup(words[0])
    if found is None:
        names = [*COMMANDS, *(a for c in COMMANDS.values() for a in c.aliases)]
        close = [_OTHER_SHELLS[words[0].lower()]] if words[0].lower() in _OTHER_SHELLS else \
            difflib.get_close_matches(words[0].lower(), names, n=1, cutoff=0.5)
        hint = f"; did you mean .{close[0]}?" if close else "; .help lists the commands"
        raise UsageError(f"unknown command .{words[0]}{hint}")
    found.fn(state, words[1:])


def arity(args: list[str], usage: str, low: int, high: int | None = None) -> None:
    """Check a command got between ``low`` and ``high`` arguments (-1: any number)."""
    high = low if high is None else high
    if not low <= len(args) <= (high if high >= 0 else len(args)):
        raise UsageError(f"usage: {usage}")


def switch(args: list[str], usage: str, current: bool) -> bool:
    """An on/off setting: ``on``, ``off``, or nothing to toggle ``current``."""
    arity(args, usage, 0, 1)
    if not args:
        return not current
    word = SWITCH_WORDS.get(args[0].lower())
    if word is None:
        raise UsageError(f"usage: {usage}")
    return word == "on"


#: What psql takes for on and off (`\timing 1`, `\x yes`: hunt109 F12), as kg's two words
SWITCH_WORDS = {"on": "on", "off": "off", "true": "on", "false": "off", "yes": "on",
                "no": "off", "1": "on", "0": "off"}
