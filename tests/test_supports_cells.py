"""`supports(FEATURE)` agrees with `check`: yes where check says compatible, no where a
table has the row and the feature's column but a blank cell (not compatible), and "not
stated" where no table has that cell (unknown)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import Graph
from kg.errors import QueryCheckError
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
    supports(AutoML) (a helper found it). A feature supports nothing: its support cell is
    the error `has supports` gives, as on any class `kg:supports` does not apply to (it was
    "not stated": `VMSeries | where supports AutoML` was an empty answer: hunt71 F5)."""
    for text in ("Feature | show name, supports(AutoML)", "Feature | count by supports(AutoML)",
                 "Feature | where supports AutoML", "VMSeries | where supports(AutoML) = yes",
                 "VMSeries | where has supports"):
        with pytest.raises(QueryCheckError, match=r"has no property `supports`") as caught:
            graph.query(text)
        assert "`supports` belongs to target" in caught.value.render()
    checked = graph.query('Feature | where name = "Automated machine learning" | check with AutoML')
    assert [str(row[1]) for row in checked.rows] == ["unknown"]  # a pair check does not relate
    assert graph.query("Target | where supports AutoML | count").rows == [[7]]


def test_the_german_word(graph: Graph) -> None:
    de = Graph.open(as_of=SEED, lang="de")
    rows = de.query('Target | where name = "Azure Container Instances" '
                    '| show name, supports(AutoML)').rows
    assert rows[0][1] == "keine Angabe"


#: Whether a source's graph has the feature's column and the entity as a row, and states
#: its support there: the truth a `supports` cell under `from SOURCE` may say.
_IN_TABLE = ("ASK {{ GRAPH <{g}> {{ <{f}> a <https://w3id.org/azml-kg/ontology#Feature> . "
             "<{x}> ?p ?o . }} }}")
_STATED = "ASK {{ GRAPH <{g}> {{ <{x}> <https://w3id.org/azml-kg/ontology#supports> <{f}> }} }}"


def _asks(graph: Graph, query: str) -> bool:
    return bool(graph.store.store.query(query))  # type: ignore[union-attr]


def _target_sources(graph: Graph) -> list[tuple[str, str]]:
    """(name, graph IRI) of each source that types a target or states a support."""
    result = graph.query("Source | show name")
    return [(str(row[0]), iri) for row, iri in zip(result.rows, result.focus, strict=True)
            if iri and _asks(graph, f"ASK {{ {{ GRAPH <{iri}> {{ ?x a ?t }} ?t "
                                    "<http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
                                    "<https://w3id.org/azml-kg/ontology#Target> } UNION "
                                    f"{{ GRAPH <{iri}> {{ ?x <https://w3id.org/azml-kg/"
                                    "ontology#supports> ?f } } }")]


@pytest.mark.parametrize("as_of", [SEED, None])
def test_a_cell_under_from_says_no_only_in_that_sources_table(as_of: str | None) -> None:
    """Under `from`, a cell reads the source's facts alone: "no" only where that source is a
    table with the feature's column listing the target without support, else "not stated"
    where it states no support (the Kubernetes row of the inference table said "no" to
    Pipelines, which the training table says it supports: hunt24 F2). `where supports`,
    `where not supports` and `count by supports(…)` agree with the cells."""
    graph = Graph.open(as_of=as_of)
    features = graph.query("Feature | show name")
    sources = _target_sources(graph)
    assert any("Inference targets table" in name for name, _ in sources)
    for name, g in sources:
        for feature, f in zip((str(r[0]) for r in features.rows), features.focus, strict=True):
            scope = f'Target from "{name}"'
            cells = graph.query(f'{scope} | show name, supports("{feature}")')
            for row, x in zip(cells.rows, cells.focus, strict=True):
                truth = ("yes" if _asks(graph, _STATED.format(g=g, x=x, f=f))
                         else "no" if _asks(graph, _IN_TABLE.format(g=g, x=x, f=f))
                         else "not stated")
                assert str(row[1]).split(" (")[0] == truth, (name, feature, row)
            said = {str(r[0]): str(r[1]) for r in cells.rows}
            kept = {str(r[0]) for r in graph.query(
                f'{scope} | where supports "{feature}" | show name').rows}
            dropped = {str(r[0]) for r in graph.query(
                f'{scope} | where not supports "{feature}" | show name').rows}
            assert kept == {n for n, c in said.items() if c not in ("no", "not stated")}
            assert dropped == said.keys() - kept
            counted = {str(r[0]): r[1] for r in graph.query(
                f'{scope} | count by supports("{feature}")').rows}
            assert counted == {c: list(said.values()).count(c) for c in said.values()}


def _as_said(text: str, lang: str) -> str:
    """A cell's word of either language as ``lang``'s cells say it (hunt103 F1)."""
    from kg.i18n import WORDS, word

    for key in ("yes", "no", "not stated"):
        if text.casefold() in (w.casefold() for w in WORDS[key].values()):
            return word(key, lang)
    return text


@pytest.mark.parametrize(("as_of", "lang", "scoped", "data"), [
    (SEED, "en", False, None), (None, "en", False, None), (None, "de", False, None),
    (None, "en", True, None), (None, "en", False, "support-cells.ttl"),
    (None, "de", False, "support-cells.ttl"), (None, "en", False, "support-cells-tiers.ttl"),
    (None, "de", False, "support-cells-tiers.ttl"),
])
def test_a_cell_compared_with_its_text_holds_where_it_shows_it(as_of: str | None, lang: str,
                                                               scoped: bool, data: str | None) -> None:
    """`where supports(F) = "text"` (spec §1: a condition on any expression, and
    `supports(FEATURE)` yields the cell as the page states it) keeps the rows whose cell
    shows that text, in any case: yes, no, not stated, yes (qualifier), the cell's own text;
    `!=` the others, `in [...]` any; under `from`, the cells that source gives."""
    extra = [Path(__file__).parent / "data" / data] if data else []
    graph = Graph.open(as_of=as_of, lang=lang, data=extra)
    features = [str(r[0]) for r in graph.query("Feature | show name").rows]
    scopes = [f'Target from "{name}"' for name, _ in _target_sources(graph)] if scoped \
        else ["Target"]
    shown: set[str] = set()
    for scope in scopes:
        for feature in features:
            cells = graph.query(f'{scope} | show name, supports("{feature}")')
            said = {str(r[0]): str(r[1]) for r in cells.rows}
            for text in set(said.values()) | {"yes", "ja", "no", "nein"}:
                for op, keep in (("=", True), ("!=", False)):
                    for typed in (text, text.upper()):  # in any case, as LCASE folds it
                        rows = graph.query(f'{scope} | where supports("{feature}") {op} '
                                           f'"{typed.replace(chr(34), chr(92) + chr(34))}" | show name').rows
                        meant = _as_said(typed, lang).lower()  # `ja` in English too
                        assert {str(r[0]) for r in rows} == {
                            n for n, c in said.items() if (c.lower() == meant) == keep
                        }, (scope, feature, op, typed)
            texts = sorted(set(said.values()))[:2]
            listed = ", ".join(f'"{t}"' for t in texts)
            rows = graph.query(f'{scope} | where supports("{feature}") in [{listed}] | show name').rows
            assert {str(r[0]) for r in rows} == {n for n, c in said.items() if c in texts}
            shown |= {_case(c) for c in said.values()}
    assert len(shown) >= (3 if scoped else 5), shown  # each case the cells show


def _case(cell: str) -> str:
    """Which case of a support cell ``cell`` is: yes, yes (qualifier), no, not stated, or
    the cell's own text."""
    words = {"yes": "yes", "ja": "yes", "no": "no", "nein": "no", "not stated": "not stated",
             "keine angabe": "not stated"}
    if cell.casefold() in words:
        return words[cell.casefold()]
    return "yes (…)" if cell.startswith(("yes (", "ja (")) else "own text"


def test_a_cell_of_several_texts_shows_and_matches_the_first() -> None:
    """A cell shows the first of its qualifiers (or own texts) in the language it picks:
    the others are not what it shows, and `=` does not hold for them (hunt29 #2)."""
    graph = Graph.open(data=[Path(__file__).parent / "data" / "support-cells.ttl"])
    cells = dict(graph.query("Target | show name, supports(AutoML)").rows)
    assert cells["Remote VM"] == "yes (A first)"
    for text, kept in (("yes (A first)", {"Remote VM"}), ("yes (B second)", set()),
                       ("Alpha text", set()), ("yes (seulement en local)", {"Local computer"})):
        rows = graph.query(f'Target | where supports(AutoML) = "{text}" | show name').rows
        assert {str(r[0]) for r in rows} == kept, text
    designer = graph.query('Target | where supports(Designer) = "Zeta text" | show name').rows
    assert designer == []
    shown = graph.query('Target | where supports(Designer) = "alpha TEXT" | show name').rows
    assert [str(r[0]) for r in shown] == ["Azure Machine Learning compute instance"]


@pytest.mark.parametrize("statement", [
    "TrainingTarget | where supports(AutoML) != no | count",
    "TrainingTarget | where supports(AutoML) = yes | count",
    "TrainingTarget | where supports(AutoML) in [yes, no] | count",
    "TrainingTarget | where supports(AutoML) in [ja, NEIN] | count",
    'Target | where supports(Pipelines) = "not stated" | count',
    'Target | where supports(Pipelines) = "keine Angabe" | count',
])
def test_a_cells_word_means_the_same_in_either_language(statement: str) -> None:
    """hunt103 F1: the documented `supports(AutoML) != no` kept the "nein" rows in German
    (11 rows, 7 in English), and `= yes` found none there, without a word: `yes`, `no`,
    `not stated` and their German words each mean the same cell in both languages."""
    english = Graph.open(as_of=SEED)
    counts = {lang: english.fork(lang).query(statement).rows for lang in ("en", "de")}
    assert counts["en"] == counts["de"] and counts["en"][0][0] > 0, counts


@pytest.mark.parametrize("statement", [
    'TrainingTarget | where supports.name ~ "auto" | count',
    "TrainingTarget | count by supports.name",
    "TrainingTarget | show name, supports.name",
])
def test_supports_starts_a_path_as_any_property_does(graph: Graph, statement: str) -> None:
    """`supports.name` was a syntax error where `"supports".name` worked (hunt107 F3)."""
    quoted = graph.query(statement.replace("supports.", '"supports".'))
    bare = graph.query(statement)
    assert bare.rows == quoted.rows and bare.rows
    assert bare.columns == quoted.columns
