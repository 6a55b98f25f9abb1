"""The shapes that keep the values of paths added up (UNION branches for columns, key
levels, a subquery after a condition, probes for conditions in a FILTER) and lists of
entities joined from them (VALUES) give exactly the records of the plain shapes, which join everything in one level: on a few thousand fuzz
statements, in English and German, on the page."""

from __future__ import annotations

from collections.abc import Callable

from fuzz.mix import statements
from kg.plans import explain
from kg.session import Graph
from tests.conftest import SHAPES

COUNT, SEED = 4000, 11


def _answer(graph: Graph, text: str, params: dict[str, str], lang: str) -> tuple[str, object]:
    try:
        result = graph.query(text, params=params, lang=lang)
    except Exception as exc:  # noqa: BLE001 - both shapes must fail alike
        return "error", type(exc).__name__
    return "rows", result.records(ids=True)


def _compiled(graph: Graph, text: str, params: dict[str, str]) -> str | None:
    try:
        return explain(graph.compile(text, params))
    except Exception:  # noqa: BLE001 - not a statement: nothing compiled
        return None


def test_fuzz_statements_answer_alike_in_both_shapes(latest: Graph,
                                                     plain: Callable[..., None]) -> None:
    texts, params = statements(COUNT, seed=SEED)
    differ, reshaped, answered = [], 0, 0
    for i, text in enumerate(texts):
        lang = "de" if i % 3 == 0 else "en"
        plain()
        shaped, got = _compiled(latest, text, params), _answer(latest, text, params, lang)
        plain(*SHAPES)
        reshaped += shaped is not None and shaped != _compiled(latest, text, params)
        if got != _answer(latest, text, params, lang):
            differ.append((lang, text))
        answered += got[0] == "rows"
    assert differ == []
    assert answered > 500 and reshaped > 30  # the run exercises the shapes
