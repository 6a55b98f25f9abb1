"""Run one KGQ statement for the REPL: the session's pipeline, then the output.

The statement is compiled and run in a worker thread (:mod:`~kg.worker`), so
Ctrl-C returns to the prompt within a fraction of a second however long it would take;
only the main thread prints and remembers the result. A statement Ctrl-C abandoned that
still runs keeps the session it started on; the next ones run on a fork of it
(:func:`_leave`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from kg.errors import UsageError
from kg.repl.output import show
from kg.repl.state import ReplState
from kg.result import Result
from kg.worker import interruptible, settle

if TYPE_CHECKING:
    from kg.session import Graph

__all__ = ["run_statement", "present", "SETTLE"]

#: Seconds Ctrl-C waits for the abandoned statement to stop, before the session is forked
SETTLE = 0.2


def run_statement(state: ReplState, text: str, params: Mapping[str, object] | None = None) -> None:
    """Compile and run ``text`` with the session's parameters (and ``params`` over them).

    Errors propagate (as :class:`~kg.errors.KgError`) to the caller, which reports them;
    Ctrl-C propagates as ``KeyboardInterrupt``.
    """
    _refuse_shell_command(text)
    bound = {**state.params, **(params or {})}
    graph = state.graph
    present(state, text, lambda: graph.query(text, bound), bound)


#: `kg`'s commands, typed at the REPL's prompt as in a shell, and what the REPL has for
#: each (`kg revisions` got "unexpected name `revisions` after `kg`")
_SHELL = {"query": "type the statement itself", "run": ".run NAME", "list": ".list",
          "show": ".show NAME", "export": ".export FILE (after the statement)",
          "revisions": ".revisions", "diff": ".diff OLD [NEW]", "repl": "you are in it"}
_SHELL_ONLY = ("validate", "docs", "publish", "completion")


def _refuse_shell_command(text: str) -> None:
    """A usage error for `kg COMMAND …` typed at the prompt, naming the REPL's way."""
    words = text.split(maxsplit=2)
    if len(words) < 2 or words[0] != "kg" or words[1] not in (*_SHELL, *_SHELL_ONLY):
        return
    said = f"`kg {words[1]}` is a shell command"
    raise UsageError(f"{said}: in the REPL, {_SHELL[words[1]]}" if words[1] in _SHELL else
                     f"{said}: run it in a shell (the REPL has no .{words[1]})")


def present(state: ReplState, text: str, produce: Callable[[], Result],
            params: Mapping[str, object]) -> None:
    """Run ``produce`` (which answers ``text``) where Ctrl-C can abandon it; remember and
    print its result.

    With ``.explain on`` the compiled SPARQL comes first; with ``.timing on`` the time after.
    """
    graph, wants_plan = state.graph, state.explain

    def work() -> tuple[str, Result]:
        plan = graph.explain(text, params, ordered=False) + "\n" if wants_plan else ""
        return plan, produce()

    started = time.perf_counter()
    state.running, state.failed = text, text  # (until it has answered)
    try:
        plan, result = interruptible(work)
    except KeyboardInterrupt:
        still = _leave(state, graph)
        if still:
            raise KeyboardInterrupt(still) from None
        raise
    finally:
        state.running = None
    elapsed = time.perf_counter() - started
    state.last_text, state.last_result, state.last_params = text, result, dict(params)
    state.last_basis = state.basis()
    state.set_since.clear()
    state.failed = None
    show(state, result, before=plan)
    if state.timing:
        state.note(f"({elapsed * 1000:.1f} ms)")


def _leave(state: ReplState, graph: Graph) -> str:
    """After Ctrl-C: if the abandoned statement does not stop within :data:`SETTLE` (the
    engine's native code runs on until it answers), it may still fill ``graph``'s caches
    while the next statements read them; those get a fork of the session instead, and the
    watchdog keeps an eye on its memory. Returns what to tell the user then, else ""."""
    try:
        settled = settle(SETTLE)
    except KeyboardInterrupt:  # Ctrl-C again: do not wait
        settled = False
    if settled:
        return ""
    state.graph = graph.fork()
    if graph.endpoint is not None:  # no engine of kg's runs it: the
        return REMOTE_GOES_ON  # memory it may take is the server's (hunt76 F7)
    return state.watchdog.watch() if state.watchdog is not None else ""


#: What Ctrl-C says of a statement a SPARQL server had not answered when the prompt came back
REMOTE_GOES_ON = "the server may go on answering it (kg drops its answer)"
