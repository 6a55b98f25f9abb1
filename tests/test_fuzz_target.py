"""The fuzz target (`make fuzz`, :mod:`fuzz`) on a slice: 10,000 generated and mutated
statements through the Python API and 100 through `kg query`, each ending in a result or
kg's own error within a second; and what it found once stays fixed."""

from __future__ import annotations

import random
import threading

import pytest

from fuzz.corpus import examples, saved_queries, vocabulary
from fuzz.generate import Generator
from fuzz.mix import statements
from fuzz.mutate import Mutator, tokens
from fuzz.run import Finding, run_api, run_cli
from kg.errors import KgError
from kg.session import Graph

SEED = 20260403

#: Statements the fuzz found once (a traceback, a crash, a second or more): each now ends
#: in a result or kg's own error.
FOUND = [
    "VMSeries | show name,retiredOn | sort retiredOn desc | show name | show name",
    'UnmanagedCompute | distinct | check with "CUDA 11.4"',
    'Target | check with "CUDA 12.5" | check with "TensorFlow 2.12.0 + CUDA 11.8"',
    "NCasT-" + "9" * 5000 + "_v3.architecture.minCuda",
    'FrameworkRelease | where cudaBuild >= 12.6 | check with "CUDA ' + "9" * 5000 + '"',
    "FrameworkBuild | where " + " or ".join(f'name = "v{i}"' for i in range(500)),
]


@pytest.mark.parametrize("text", FOUND)
def test_what_the_fuzz_found_stays_fixed(latest: Graph, text: str) -> None:
    try:
        latest.query(text)
    except KgError:
        pass


def test_the_seeds_are_every_example_and_saved_query() -> None:
    assert len(examples()) >= 30 and len(saved_queries()[0]) >= 30
    texts, params = statements(50, seed=1)
    assert texts[0] == examples()[0] and {"series", "p"} <= set(params)


def test_statements_are_deterministic() -> None:
    vocab = vocabulary()
    first, _ = statements(300, seed=7, vocab=vocab)
    again, _ = statements(300, seed=7, vocab=vocab)
    other, _ = statements(300, seed=8, vocab=vocab)
    assert first == again and first != other


def test_generated_statements_follow_the_grammar(latest: Graph) -> None:
    """Most generated statements parse (the grammar's rules, the graph's names)."""
    from kg.errors import QuerySyntaxError
    from kg.parser import parse

    gen = Generator(vocabulary(), random.Random(3))
    texts = [gen.statement() for _ in range(500)]
    syntax = 0
    for text in texts:
        try:
            parse(text)
        except QuerySyntaxError:
            syntax += 1
    assert syntax < 25, syntax


def test_mutations_keep_tokens_and_change_text() -> None:
    text = 'VMSeries | where name = "a b" | show name'
    assert "".join(tokens(text)) == text
    mutator = Mutator(random.Random(5), ["VMSeries", "name"])
    changed = [mutator.mutate(text) for _ in range(200)]
    assert sum(c != text for c in changed) > 150
    assert any(len(c) > 2000 for c in changed)  # deep nesting, long pipelines, huge numbers


def test_a_failure_is_a_finding() -> None:
    """The runner reports a statement that is not kg's own error, and a hang."""
    found = run_api(["VMSeries | count", "VMSeries | where nope = 1"], {}, limit=-1.0)
    assert [f.kind for f in found] == ["slow", "slow"]  # every statement over a -1 s limit
    assert "CPU seconds" in found[0].line()


@pytest.mark.slow
def test_fuzz_slice() -> None:
    """10,000 statements in-process and 100 through the CLI, side by side."""
    texts, params = statements(10_000, seed=SEED)
    cli_found: list[Finding] = []
    cli = threading.Thread(target=lambda: cli_found.extend(
        run_cli(texts[::100], params, seed=SEED, jobs=1)))
    cli.start()
    found = run_api(texts, params, seed=SEED, timeout=5.0)
    cli.join()
    found += cli_found
    assert not found, "\n".join(f.line() for f in found)


def test_long_chains_of_conditions_are_filters_past_the_first_joins(latest: Graph) -> None:
    """The fuzz's hangs: 500 `and`ed comparisons, 99 `where` stages. Past MAX_JOINS joined
    patterns, conditions are FILTER(EXISTS …), which the engine runs in linear time."""
    from kg.planner.conditions import MAX_JOINS

    chain = "VMSeries | where " + " and ".join(f'name = "v{i}"' for i in range(500))
    sparql = latest.compile(chain).sparql or ""
    assert sparql.count("FILTER(EXISTS") == 500 - MAX_JOINS
    assert latest.query(chain).rows == []
    stages = "Document" + "".join(f' | where name != "v{i}"' for i in range(30))
    assert (latest.compile(stages).sparql or "").count("FILTER(EXISTS") == 30 - MAX_JOINS
    assert len(latest.query(stages).rows) == len(latest.query("Document").rows)


def test_a_condition_repeated_is_compiled_once(latest: Graph) -> None:
    """`where has name` 30 times joined 30 label patterns: rows multiplied by the labels
    of each entity to the 30th power before grouping."""
    once = latest.compile("InferenceTarget | where has name").sparql or ""
    again = latest.compile("InferenceTarget | where has name and has name"
                           + " | where has name" * 30).sparql or ""
    assert again.count("rdfs:label") == once.count("rdfs:label")


def test_equalities_on_one_path_test_as_one_list(latest: Graph) -> None:
    """`a = x or a = y` compiles as `a in [x, y]`: one pattern, the same rows (the fuzz found
    500 such equalities taking 2.6 s as 500 EXISTS)."""
    from kg.plans import sparql_of

    ors = latest.query("VMSeries | where architecture = Volta or architecture = Pascal "
                       "or name = NCv3 or name = \"nc\"")
    listed = latest.query("VMSeries | where architecture in [Volta, Pascal] or name in [NCv3, NC]")
    assert ors.rows == listed.rows and len(ors.rows) == 5
    text = sparql_of(latest.compile("FrameworkBuild | where " + " or ".join(
        f'name = "v{i}"' for i in range(500))))
    assert text is not None  # one EXISTS (and the NOT EXISTS that pick the shown name's language)
    assert text.count("EXISTS") - text.count("NOT EXISTS") == 1
