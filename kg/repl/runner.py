"""Run one KGQ statement for the REPL: the session's pipeline, then the output."""

from __future__ import annotations

import time
from collections.abc import Mapping

from kg.repl.output import show
from kg.repl.state import ReplState

__all__ = ["run_statement"]


def run_statement(state: ReplState, text: str, params: Mapping[str, str] | None = None) -> None:
    """Compile and run ``text`` with the session's parameters (and ``params`` over them).

    Errors propagate (as :class:`~kg.errors.KgError`) to the caller, which reports them.
    """
    bound = {**state.params, **(params or {})}
    started = time.perf_counter()
    if state.explain:
        plan = state.graph.compile(text, bound)
        state.say(plan.sparql or f"-- `{plan.kind}` runs as a graph algorithm, not SPARQL")
    result = state.graph.query(text, bound)
    elapsed = time.perf_counter() - started
    state.last_text, state.last_result = text, result
    show(state, result)
    if state.timing:
        state.say(f"({elapsed * 1000:.1f} ms)")
