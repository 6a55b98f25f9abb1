"""Dot-commands: a registry filled by a decorator, which also writes ``.help``.

:mod:`~kg.repl.commands.registry` holds the registry; :mod:`~kg.repl.commands.settings`
the commands that change the session (and ``.help``), :mod:`~kg.repl.commands.files` those
that read or write files, :mod:`~kg.repl.commands.revisions` those about page revisions,
:mod:`~kg.repl.commands.lifecycle` ``.restart``.
Importing this package registers them all.
"""

from __future__ import annotations

from kg.repl.commands import files, lifecycle, revisions, settings
from kg.repl.commands.files import export_formats, saved_names
from kg.repl.commands.registry import COMMANDS, Command, command, lookup, run_command
from kg.repl.commands.revisions import revision_names
from kg.repl.commands.settings import STAGES, TOPICS

#: What `.help` takes besides a command's name: its topics, and KGQ's stages and statements
#: whose name no command has (`.help show` is both)
HELP_TOPICS = tuple(name for name in dict.fromkeys([*TOPICS, *STAGES]) if name not in COMMANDS)

#: The order `.help` and the `.` menu list the commands in (it was the modules' import
#: order, `.help` in the middle: hunt98 F9): help, how results look, the session's values,
#: saved queries, files, revisions, and leaving last; a command not named here after them
_ORDER = ("help", "schema", "settings", "format", "lang", "x", "rows", "pager", "timing",
          "explain", "vi", "set", "params", "unset", "run", "list", "show", "save", "export",
          "load", "read", "revisions", "as-of", "diff", "restart", "quit")
_ordered = {name: COMMANDS[name] for name in _ORDER if name in COMMANDS} | COMMANDS
COMMANDS.clear()
COMMANDS.update(_ordered)

__all__ = ["Command", "COMMANDS", "command", "lookup", "run_command", "TOPICS", "HELP_TOPICS",
           "files", "settings", "revisions", "lifecycle", "saved_names", "export_formats", "revision_names"]
