"""Run one KGQ statement for the REPL: the session's pipeline, then the output."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from kg.plans import explain
from kg.repl.output import show
from kg.repl.state import ReplState
from kg.result import Result

__all__ = ["run_statement", "present"]


def run_statement(state: ReplState, text: str, params: Mapping[str, str] | None = None) -> None:
    """Compile and run ``text`` with the session's parameters (and ``params`` over them).

    Errors propagate (as :class:`~kg.errors.KgError`) to the caller, which reports them.
    """
    bound = {**state.params, **(params or {})}
    present(state, text, lambda: state.graph.query(text, bound), bound)


def present(state: ReplState, text: str, produce: Callable[[], Result],
            params: Mapping[str, str]) -> None:
    """Run ``produce`` (which answers ``text``), remember and print its result.

    With ``.explain on`` the compiled SPARQL comes first; with ``.timing on`` the time after.
    """
    started = time.perf_counter()
    if state.explain:
        plan = state.graph.compile(text, params)
        state.say(explain(plan))
    result = produce()
    elapsed = time.perf_counter() - started
    state.last_text, state.last_result = text, result
    show(state, result)
    if state.timing:
        state.say(f"({elapsed * 1000:.1f} ms)")
