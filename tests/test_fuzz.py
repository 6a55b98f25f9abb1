"""Property-based tests: no input escapes but kg's own error, and checked queries compile
to SPARQL that pyoxigraph parses. Strings that look like SPARQL stay data."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.i18n import pick
from kg.session import Graph

CLASSES = ["VMSeries", "TrainingTarget", "InferenceTarget", "GPUArchitecture", "VMSize",
           "Target", "Feature", "CudaVersion", "Note", "series", "GPU", "VMCategory"]
PROPS = ["name", "category", "architecture", "minCuda", "supportedBy", "retiredOn", "series",
         "isolated", "rdma", "gpuSupport", "supports", "architecture.minCuda", "^architecture",
         "gpu", "description", "computeCapability", "cudaBuild", "about", "nope"]
VALUES = ["GPU", "Volta", '"compute cluster"', "10.0", "12.10", "2023-08-31", "true", "false",
          "AutoML", "$p", '"x"', "7", "NC", '"CUDA 11.0"', "Kubernetes"]
EVIL = st.sampled_from(['"', "\\", "}", ";", "\n", "SERVICE <http://example.org/> { }",
                        "INSERT DATA { <a> <b> <c> }", "'", "#", "\x00", "ä", "${x}", "?x0"])
OPS = ["=", "!=", "<", "<=", ">", ">=", "~"]

_graph = Graph.open()
_EMPTY = ox.Store()


def _parses(sparql: str) -> None:
    """pyoxigraph parses (and runs, on an empty store) the compiled SPARQL: plain SPARQL 1.1,
    no custom function. A slot a step fills (a cut, a `check with`) is left empty, as a step
    that finds nothing fills it."""
    _EMPTY.query(re.sub("\x00[^\x00]*\x00", "", sparql))


def _value(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(VALUES))


@st.composite
def conditions(draw: st.DrawFn, depth: int = 0) -> str:
    kind = draw(st.integers(0, 7 if depth < 2 else 4))
    prop = draw(st.sampled_from(PROPS))
    if kind == 0:
        op = draw(st.sampled_from(OPS))
        return f"{prop} {op} {_value(draw)}" if op != "~" else f'{prop} ~ "{draw(st.text(max_size=5))}"'
    if kind == 1:
        return f"{prop} in [{', '.join(_value(draw) for _ in range(draw(st.integers(0, 3))))}]"
    if kind == 2:
        return f"supports {_value(draw)}"
    if kind == 3:
        return f"has {prop}"
    if kind == 4:
        return f"is {draw(st.sampled_from(CLASSES))}"
    if kind == 5:
        return f"not {draw(conditions(depth + 1))}"
    joiner = " and " if kind == 6 else " or "
    return f"({draw(conditions(depth + 1))}{joiner}{draw(conditions(depth + 1))})"


@st.composite
def stages(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 7))
    prop = draw(st.sampled_from(PROPS))
    return [
        f"where {draw(conditions())}",
        f"show {prop}, name" + (f" as {draw(st.sampled_from(['a', 'b']))}" if draw(st.booleans()) else ""),
        f"sort {prop} {draw(st.sampled_from(['asc', 'desc', '']))}",
        f"limit {draw(st.integers(0, 30))}",
        "count",
        f"count by {prop}",
        f"follow {prop}",
        "distinct",
    ][kind]


@st.composite
def queries(draw: st.DrawFn) -> str:
    source = draw(st.sampled_from(CLASSES + ["NCv3", '"NC Promo"', "NCv3.architecture",
                                             "Kubernetes", "NCasT4_v3.architecture.minCuda"]))
    parts = [source] + [draw(stages()) for _ in range(draw(st.integers(0, 4)))]
    return " | ".join(parts)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(queries())
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(text)))
        action = draw(st.integers(0, 2))
        if action == 0:
            text = text[:pos] + text[pos + 1:]
        elif action == 1:
            text = text[:pos] + draw(st.sampled_from(list("|.,()[]\"'$^~#=<> \n") + ["where ", "x"])) + text[pos:]
        else:
            text = text[:pos] + draw(EVIL) + text[pos:]
    return text


def _run(text: str) -> None:
    try:
        plan = _graph.compile(text, {"p": "Volta"})
    except KgError:
        return
    if plan.sparql:
        assert "SERVICE" not in plan.sparql.split("WHERE", 1)[0]
        _parses(plan.sparql)
        for step in getattr(plan, "steps", ()):
            _parses(step.sparql)
    size = len(_graph.store)
    try:
        _graph.query(text, {"p": "Volta"})
    except KgError:
        pass
    assert len(_graph.store) == size, "a query changed the graph"


#: The volume is the fuzz target's (tests/test_fuzz_target.py, `make fuzz`); these check
#: what only they check (the compiled SPARQL parses, the store is unchanged) on fewer examples.
SETTINGS = settings(max_examples=1_000, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(queries())
def test_generated_queries(text: str) -> None:
    _run(text)


@SETTINGS
@given(mutated())
def test_mutated_queries(text: str) -> None:
    _run(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(EVIL, min_size=1, max_size=4).map("".join))
def test_strings_come_back_as_data(evil: str) -> None:
    quoted = '"' + evil.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    size = len(_graph.store)
    for text in (f"Target | where name = {quoted} | count",
                 "VMSeries | where name = $p | count"):
        plan = _graph.compile(text, {"p": evil})
        _parses(plan.sparql)
        assert _graph.query(text, {"p": evil}).rows == [[0]]
    text_iri = "https://w3id.org/azml-kg/ontology#text"
    texts: dict[object, list[object]] = {}  # a note's texts; the one its cell shows counts
    for q in _graph.store.quads():
        if q.predicate.value == text_iri:
            texts.setdefault(q.subject, []).append(q.object)
    expected = {s for s, objects in texts.items()
                if any(evil.lower() in o.value.lower() for o in pick(objects, "en"))}
    got = _graph.query(f"Note | where text ~ {quoted} | count").rows
    assert got == [[len(expected)]]
    assert len(_graph.store) == size


@pytest.mark.parametrize("evil", ['"} ; INSERT DATA { <a> <b> <c> } #',
                                  'x" } } SERVICE <http://example.org/sparql> { ?s ?p ?o } #'])
def test_injection_through_a_parameter(evil: str) -> None:
    size = len(_graph.store)
    plan = _graph.compile("VMSeries | where name = $p", {"p": evil})
    assert "SERVICE <http" not in plan.sparql.replace(str(ox.Literal(evil)), "")
    assert _graph.query("VMSeries | where name = $p", {"p": evil}).rows == []
    assert len(_graph.store) == size
