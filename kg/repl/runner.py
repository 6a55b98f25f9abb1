"""Run one KGQ statement for the REPL: the session's pipeline, then the output.

The statement is compiled and run in a worker thread (:mod:`~kg.worker`), so
Ctrl-C returns to the prompt within a tenth of a second however long it would take;
only the main thread prints and remembers the result.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from kg.plans import explain
from kg.repl.output import show
from kg.repl.state import ReplState
from kg.result import Result
from kg.worker import interruptible

__all__ = ["run_statement", "present"]


def run_statement(state: ReplState, text: str, params: Mapping[str, str] | None = None) -> None:
    """Compile and run ``text`` with the session's parameters (and ``params`` over them).

    Errors propagate (as :class:`~kg.errors.KgError`) to the caller, which reports them;
    Ctrl-C propagates as ``KeyboardInterrupt``.
    """
    bound = {**state.params, **(params or {})}
    graph = state.graph
    present(state, text, lambda: graph.query(text, bound), bound)


def present(state: ReplState, text: str, produce: Callable[[], Result],
            params: Mapping[str, str]) -> None:
    """Run ``produce`` (which answers ``text``) where Ctrl-C can abandon it; remember and
    print its result.

    With ``.explain on`` the compiled SPARQL comes first; with ``.timing on`` the time after.
    """
    graph, wants_plan = state.graph, state.explain

    def work() -> tuple[str, Result]:
        plan = explain(graph.compile(text, params)) + "\n" if wants_plan else ""
        return plan, produce()

    started = time.perf_counter()
    plan, result = interruptible(work)
    elapsed = time.perf_counter() - started
    state.last_text, state.last_result = text, result
    show(state, result, before=plan)
    if state.timing:
        state.say(f"({elapsed * 1000:.1f} ms)")
