"""``.restart``: the REPL afresh on the same graph and settings (:mod:`kg.repl.restart`),
to stop a cancelled statement the engine is still answering and free its memory."""

from __future__ import annotations

from kg.errors import UsageError
from kg.repl.commands.registry import arity, command
from kg.repl.restart import restart
from kg.repl.state import ReplState
from kg.worker import ABANDONED

__all__: list[str] = []


@command("restart", ".restart", "start afresh on the same graph and settings: stops a "
         "cancelled statement still running, frees its memory (the last result is lost)")
def _restart(state: ReplState, args: list[str]) -> None:
    arity(args, ".restart", 0)
    if state.watchdog is None or state.reading:
        raise UsageError(".restart restarts the interactive REPL; a script or a .read file "
                         "runs to its end")
    running = len(ABANDONED)
    restart(state, "kg: restarting" + (f", which stops {running} cancelled statement"
                                       f"{'s' if running != 1 else ''} still running"
                                       if running else ""))
