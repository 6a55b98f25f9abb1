"""`supports(FEATURE)` agrees with `check`: yes where check says compatible, no where a
table has the row and the feature's column but a blank cell (not compatible), and "not
stated" where no table has that cell (unknown)."""

from __future__ import annotations

import pytest

from kg import Graph
from tests.conftest import SEED

WORD = {"compatible": "yes", "not compatible": "no", "unknown": "not stated"}


@pytest.mark.parametrize("as_of", [SEED, None])
def test_every_supports_cell_agrees_with_check(as_of: str | None) -> None:
    graph = Graph.open(as_of=as_of)
    features = [str(r[0]) for r in graph.query("Feature | show name").rows]
    cols = ", ".join(f'supports("{f}")' for f in features)
    table = graph.query(f"Target | show name, {cols}")
    seen = set()
    for row, iri in zip(table.rows, table.focus, strict=True):
        target = (iri or "").rsplit("/", 1)[-1]
        for feature, cell in zip(features, row[1:], strict=True):
            verdict = str(graph.query(f'check {target} with "{feature}"').rows[0][0])
            word = str(cell).split(" (")[0]
            if verdict == "compatible":
                assert word not in ("no", "not stated"), (row[0], feature, cell)
            else:
                assert word == WORD[verdict], (row[0], feature, cell, verdict)
            seen.add(word if word in WORD.values() else "own text")
    assert seen == {"yes", "no", "not stated", "own text"}


def test_a_feature_is_no_row_of_its_own_table(graph: Graph) -> None:
    """A table's graph types its features too; they are no rows of it: a feature's
    support cell agrees with `check` (unknown: not stated), where AutoML said "no" to
    supports(AutoML) (a helper found it)."""
    rows = graph.query("Feature | show name, supports(AutoML)").rows
    assert rows and {row[1] for row in rows} == {"not stated"}
    assert str(graph.query("check AutoML with AutoML").rows[0][0]) == "unknown"
    assert {str(r[0]) for r in graph.query("Feature | count by supports(AutoML)").rows} == {
        "not stated"}


def test_the_german_word(graph: Graph) -> None:
    de = Graph.open(as_of=SEED, lang="de")
    rows = de.query('Target | where name = "Azure Container Instances" '
                    '| show name, supports(AutoML)').rows
    assert rows[0][1] == "keine Angabe"
