"""The shapes that keep the values of paths added up (UNION branches for columns, key
levels, a subquery after a condition, probes for conditions in a FILTER) give exactly the
records of the plain shapes, which join everything in one level: on a few thousand fuzz
statements, in English and German, on the page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import kg.planner.conditions as conditions
import kg.planner.query as planner
from fuzz.mix import statements
from kg.plans import sparql_of
from kg.session import Graph

COUNT, SEED = 4000, 11


@pytest.fixture
def plain(latest: Graph, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """A switch: ``plain(True)`` compiles every statement in the plain shapes."""
    keys_of = planner.many_keys

    def switch(on: bool) -> None:
        if on:
            monkeypatch.setattr(planner, "apart", lambda b, exprs: set())
            monkeypatch.setattr(planner, "many_keys", lambda s, c: [False for _ in keys_of(s, c)])
            monkeypatch.setattr(conditions, "_repeats", lambda cond: False)
            monkeypatch.setattr(conditions, "MAX_PROBES", 0)
        else:
            monkeypatch.undo()
        latest._plans.clear()

    yield switch
    monkeypatch.undo()
    latest._plans.clear()


def _answer(graph: Graph, text: str, params: dict[str, str], lang: str) -> tuple[str, object]:
    try:
        result = graph.query(text, params=params, lang=lang)
    except Exception as exc:  # noqa: BLE001 - both shapes must fail alike
        return "error", type(exc).__name__
    return "rows", result.records(ids=True)


def _sent(graph: Graph, text: str, params: dict[str, str]) -> str | None:
    try:
        plan = graph.compile(text, params)
    except Exception:  # noqa: BLE001 - not a statement: nothing compiled
        return None
    return (sparql_of(plan) or "") + "".join(s.sparql for s in getattr(plan, "steps", ()))


def test_fuzz_statements_answer_alike_in_both_shapes(latest: Graph, plain: object) -> None:
    switch = plain
    texts, params = statements(COUNT, seed=SEED)
    differ, reshaped, answered = [], 0, 0
    for i, text in enumerate(texts):
        lang = "de" if i % 3 == 0 else "en"
        switch(False)  # type: ignore[operator]
        shaped, got = _sent(latest, text, params), _answer(latest, text, params, lang)
        switch(True)  # type: ignore[operator]
        reshaped += shaped is not None and shaped != _sent(latest, text, params)
        if got != _answer(latest, text, params, lang):
            differ.append((lang, text))
        answered += got[0] == "rows"
    assert differ == []
    assert answered > 500 and reshaped > 30  # the run exercises the shapes
