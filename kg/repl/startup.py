"""The REPL's start-up file, as psql's ``~/.psqlrc`` or pgcli's config: the commands in
``$XDG_CONFIG_HOME/kg/replrc`` (default ``~/.config/kg/replrc``) run when an interactive
REPL starts, so ``.x off``, ``.vi on`` or ``.format csv`` need not be typed each session.

What its commands set goes unsaid; what fails is said with the file's line, and the REPL
starts all the same. A REPL reading a script on stdin (`kg repl < script`) reads none, so
a script runs the same for everyone; ``kg repl --no-rc`` reads none either (psql's ``-X``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kg.errors import KgError
from kg.paths import startup_file
from kg.repl.commands.files import script_text
from kg.repl.state import ReplState, Script

__all__ = ["startup_file", "run_startup"]



def run_startup(state: ReplState, run_file: Callable[[ReplState, Script], None],
                path: Path | None = None) -> bool:
    """Run the start-up file's commands and statements with ``run_file`` (the REPL's, as
    ``.read`` runs a file), what they set unsaid; True if there was one. A file that cannot
    be read, or a command that fails, is said (with its line), and the REPL goes on."""
    path = startup_file() if path is None else path
    try:
        if path is None or not path.exists():
            return False
    except OSError as exc:  # a folder on its way kg may not enter: said, and the REPL starts
        state.warn(f"warning: cannot look for the start-up file {path}: {exc.strerror or exc}")
        return False
    shown = _shown(path)
    state.quiet = True
    try:
        run_file(state, Script(shown, path, script_text(path, f"start-up file {shown}")))
    except KgError as exc:  # unreadable, or a command failed: said, and the REPL starts
        state.warn(f"error: {exc}")
    finally:
        state.quiet = False
    if state.done:  # `.quit` there ended the REPL before its prompt, unsaid (hunt101)
        state.done = False
        state.warn(f"note: {shown} says .quit, which ends a session, not its start: the "
                   "lines after it were not run, and the REPL starts")  # (hunt109 F6)
    return True


def _shown(path: Path) -> str:
    """The file as the user knows it: under ``~`` where it is in the home folder."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except (ValueError, RuntimeError, KeyError):  # elsewhere, or no home to say it by
        return str(path)
