"""The executor builds a result with the cycle collector paused, and gives the collector
back as it found it: enabled or disabled, after an answer or an error."""

from __future__ import annotations

import gc

import pytest

from kg import executor
from kg.errors import KgError
from kg.session import Graph


def test_the_collector_is_paused_while_a_result_is_built(graph: Graph,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = executor.cell_maker

    def spy(*args: object) -> object:
        seen.append(gc.isenabled())
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(executor, "cell_maker", spy)
    assert gc.isenabled()
    assert graph.query("VMSeries | where category = GPU | show name").rows
    assert seen and not any(seen)
    assert gc.isenabled()


def test_the_collector_comes_back_as_it_was(graph: Graph) -> None:
    gc.disable()
    try:
        graph.query("VMSeries | count")
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_the_collector_comes_back_after_an_engine_error(graph: Graph,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(sparql: str) -> object:
        raise KgError("the engine failed")

    monkeypatch.setattr(graph.context.store, "select", broken)
    with pytest.raises(KgError, match="engine failed"):
        graph.query("VMSeries | where category = GPU | show name, retiredOn")
    assert gc.isenabled()
