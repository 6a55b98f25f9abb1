"""A session's store answers the queries that name no graph from a merged copy of a small
store: every triple once (see kg.store's docstring). The same answers as the union of the
graphs gives, without the repeats of a fact that several sources state."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg.store
from kg.session import Graph
from kg.store import OxigraphStore
from tests.conftest import SEED

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
DISTINCT = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"


def _without_copy(graph: Graph) -> Graph:
    """``graph`` answering from its graphs, as a store opened without ``merge``."""
    graph.store.merge, graph.store._merged = False, None  # type: ignore[union-attr]
    return graph


def _number(store: OxigraphStore, sparql: str) -> int:
    _, rows = store.select(sparql)
    return int(rows[0][0].value)  # type: ignore[union-attr]


def test_the_merged_copy_holds_each_triple_of_the_graphs_once() -> None:
    merged, plain = OxigraphStore.open(as_of=SEED, merge=True), OxigraphStore.open(as_of=SEED)
    distinct = _number(plain, DISTINCT)
    assert _number(merged, COUNT) == _number(merged, DISTINCT) == distinct
    assert _number(plain, COUNT) > distinct  # the union repeats a fact once per graph


def test_a_query_that_names_a_graph_reads_the_graphs() -> None:
    merged = OxigraphStore.open(as_of=SEED, merge=True)
    plain = OxigraphStore.open(as_of=SEED)
    for query in ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
                  "select distinct ?g where { graph ?g { ?s ?p ?o } }"):  # keywords any case
        assert sorted(str(g) for (g,) in merged.select(query)[1]) \
            == sorted(str(g) for (g,) in plain.select(query)[1])
        assert merged.select(query)[1]


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_documented_example_answers_as_the_union_of_the_graphs(lang: str) -> None:
    """Each example of the language reference, in English and German: a session (which
    merges) and the same session with the merged copy turned off give the same records."""
    from bench.warm import documented_examples

    merged = Graph.open(as_of=SEED, lang=lang)
    plain = _without_copy(Graph.open(as_of=SEED, lang=lang))
    for text in documented_examples():
        assert merged.query(text).records() == plain.query(text).records(), (lang, text)
    assert merged.store._merged  # type: ignore[union-attr]
    assert plain.store._merged is None  # type: ignore[union-attr]


def test_a_file_loaded_into_the_session_is_in_the_copy(tmp_path: Path) -> None:
    graph = Graph.open(as_of=SEED)
    assert graph.query("VMSeries | where category = GPU | count").rows == [[10]]
    extra = tmp_path / "more.ttl"
    extra.write_text(
        "@prefix kg: <https://w3id.org/azml-kg/ontology#> .\n"
        "@prefix ent: <https://w3id.org/azml-kg/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'ent:NZv1 a kg:VMSeries ; rdfs:label "NZv1"@en ; kg:category ent:gpu-category .\n',
        encoding="utf-8")
    graph.load(extra)
    assert graph.query("VMSeries | where category = GPU | count").rows == [[11]]


def test_each_revision_has_its_own_copy() -> None:
    """A store opened as of a revision drops the others' sources after loading them (and
    reads its revisions before that): its copy is made of what it keeps."""
    seed, latest = Graph.open(as_of=SEED), Graph.open()
    text = "VMSeries | count"
    plain_seed = _without_copy(Graph.open(as_of=SEED))
    assert seed.query(text).rows == plain_seed.query(text).rows != latest.query(text).rows


def test_a_big_store_answers_from_its_graphs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above MERGED_MAX quads no copy is made (it would cost as much as the load)."""
    monkeypatch.setattr(kg.store, "MERGED_MAX", 100)
    graph = Graph.open(as_of=SEED)
    assert graph.query("VMSeries | where category = GPU | count").rows == [[10]]
    assert graph.store._merged is False  # type: ignore[union-attr]


def test_a_graph_for_one_statement_makes_no_copy() -> None:
    alone = Graph.open(as_of=SEED, names_alone=True)
    assert alone.query("VMSeries | where category = GPU | count").rows == [[10]]
    assert alone.store.merge is False  # type: ignore[union-attr]
    assert alone.store._merged is None  # type: ignore[union-attr]


def test_a_session_makes_its_copy_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not once more for the revisions read before the others' sources are dropped (a
    copy of every revision, thrown away): one copy, of what the store keeps."""
    made: list[int] = []
    build = OxigraphStore._merged_store

    def counted(self: OxigraphStore) -> object:
        if self._merged is None:
            made.append(len(self.store))
        return build(self)

    monkeypatch.setattr(OxigraphStore, "_merged_store", counted)
    for as_of in (None, SEED):
        made.clear()
        graph = Graph.open(as_of=as_of)
        graph.query("VMSeries | count")
        assert len(made) == 1, as_of
