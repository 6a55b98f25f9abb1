"""A bare word that names an entity by another spelling stands for its name in an ordering
too, and an entity's IRI of the wrong class is said to be so (hunt127 F3, N1)."""

from __future__ import annotations

import pytest

from kg import Graph
from kg.errors import QueryError


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


def test_an_ordering_compares_a_word_that_names_nothing_as_written(graph: Graph) -> None:
    """`name > N` orders by the letter (the rule `=` keeps for a word naming nothing, an
    error there, does not apply: an order is not a name)."""
    for op in ("<", ">="):
        assert graph.query(f"Target | where name {op} Foobarxyz | count").rows == \
            graph.query(f'Target | where name {op} "Foobarxyz" | count').rows
    assert graph.query("VMSeries | where name > N | count").rows[0][0] > 0


def test_a_path_to_a_name_orders_by_the_named_entitys_name(graph: Graph) -> None:
    assert _names(graph, "VMSeries | where gpu.name >= tesla-v100 | show name") == \
        _names(graph, 'VMSeries | where gpu.name >= "NVIDIA Tesla V100" | show name') != set()


def test_an_iri_of_another_class_is_named_as_such(graph: Graph) -> None:
    """It was "unknown entity", where its name says "is not a managed compute"."""
    with pytest.raises(QueryError, match="`Local computer` is not a managed compute"):
        graph.query('VMSeries | where supportedBy = "https://w3id.org/azml-kg/id/local-computer"')
