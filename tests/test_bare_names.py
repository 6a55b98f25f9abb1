"""A bare word compared with a name is a name with every comparison, and an entity's IRI
of the wrong class is said to be so (hunt127 F3, N1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import Graph
from kg.errors import QueryError
from kg.vocab import PREFIXES

HEAD = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items()) + \
    "@prefix ex: <https://example.org/lab/> .\n"


def _names(graph: Graph, text: str) -> set[str]:
    return {str(row[0]) for row in graph.query(text).rows}


@pytest.mark.parametrize(("word", "name"), [
    ("NC_Promo", "NC Promo"), ("NCT4_v3", "NCasT4_v3"), ("NCv3", "NCv3")])
def test_an_ordering_takes_a_bare_word_for_the_name_it_names(graph: Graph, word: str,
                                                             name: str) -> None:
    """`name >= NC_Promo` compared the word itself and left NC Promo out, where `=` found it."""
    for op in (">=", "<", "<=", ">"):
        assert _names(graph, f"VMSeries | where name {op} {word} | show name") == \
            _names(graph, f'VMSeries | where name {op} "{name}" | show name'), op
    assert name in _names(graph, f"VMSeries | where name >= {word} | show name")
    assert name in _names(graph, f"VMSeries | where name <= {word} | show name")


def test_an_ordering_with_a_word_that_names_nothing_is_an_error(graph: Graph) -> None:
    """A bare word is a name (spec §5: a name that exists nowhere is an error, not a result);
    a text bound is quoted."""
    with pytest.raises(QueryError, match="unknown name `Foobarxyz`"):
        graph.query("Target | where name < Foobarxyz | count")
    assert graph.query('Target | where name < "Foobarxyz" | count').rows[0][0] > 0


def test_a_hidden_spelling_stands_for_its_entitys_name_as_with_equals(graph: Graph) -> None:
    """The German scrape's "SH" for NV (a hidden label): `=` and `>=` read it alike."""
    assert _names(graph, "VMSeries | where name = Sh | show name") == {"NV"}
    assert _names(graph, "VMSeries | where name >= Sh | show name") == \
        _names(graph, 'VMSeries | where name >= "NV" | show name')


def test_a_path_to_a_name_orders_by_the_named_entitys_name(graph: Graph) -> None:
    assert _names(graph, "VMSeries | where gpu.name >= tesla-v100 | show name") == \
        _names(graph, 'VMSeries | where gpu.name >= "NVIDIA Tesla V100" | show name') != set()


def test_an_iri_of_another_class_is_named_as_such(graph: Graph) -> None:
    """It was "unknown entity", where its name says "is not a managed compute"."""
    with pytest.raises(QueryError, match="`Local computer` is not a managed compute"):
        graph.query('VMSeries | where supportedBy = "https://w3id.org/azml-kg/id/local-computer"')


def test_a_bare_english_name_in_a_german_session_names_its_entity(tmp_path: Path) -> None:
    """It was compared as the text written, which the German cell does not show (hunt131 #3);
    a German name in an English session was a name already."""
    path = tmp_path / "widget.ttl"
    path.write_text(f"{HEAD}ex:w a kg:VMSeries ; rdfs:label \"Widget\"@en, \"Geraet\"@de .\n",
                    encoding="utf-8")
    graph = Graph.open([path])
    for lang, word, shown in (("de", "Widget", "Geraet"), ("en", "Geraet", "Widget")):
        for op in ("=", ">="):
            assert shown in _names_in(graph, f"VMSeries | where name {op} {word} | show name",
                                      lang), (lang, op)


def _names_in(graph: Graph, text: str, lang: str) -> set[str]:
    return {str(row[0]) for row in graph.query(text, lang=lang).rows}
