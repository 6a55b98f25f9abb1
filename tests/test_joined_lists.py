"""A `where` list of entities through a path (`series in [NCv3, NDv2]`) joins from the
listed entities (``VALUES``) instead of testing every entity in a FILTER
(kg.planner.conditions._joined_list): the same records, each entity once, and a FILTER
still where the join cannot say the same thing (parameters, text, versions, `or`)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from kg.plans import explain
from kg.session import Graph

LISTS = [
    'VMSize | where series in ["NCv3", "NDv2", "NC Promo"] | show name, series',
    'VMSeries | where supportedBy in ["compute cluster", "compute instance"] | show name',
    'VMSeries | where supportedBy in ["compute cluster", "compute instance"] and category = GPU '
    '| show name, supportedBy | sort name desc',
    'VMSize | where series.supportedBy in ["compute cluster", "compute instance"] | count',
    'GPUArchitecture | where ^architecture in [NCv3, NDv2, NCasT4_v3] | show name, ^architecture',
    'TrainingTarget | where supports in [AutoML, Designer] | count by supports',
    'VMSeries | where supportedBy in ["compute cluster"] | count',
    'VMSize | where series = NCv3 or series = NDv2 or series = "NC Promo" | show name, series',
]


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("text", LISTS)
def test_a_joined_list_gives_the_records_of_the_filter(latest: Graph, plain: Callable[..., None],
                                                       text: str, lang: str) -> None:
    joined = latest.query(text, lang=lang).records(ids=True)
    plain("lists")
    assert "VALUES ?v" not in explain(latest.compile(text))
    assert latest.query(text, lang=lang).records(ids=True) == joined != []


@pytest.mark.parametrize("text", LISTS)
def test_the_list_is_a_join_from_its_entities(latest: Graph, text: str) -> None:
    sparql = explain(latest.compile(text))
    # (a sort key by names picks each row's label by NOT EXISTS over its labels alone)
    sparql = re.sub(r"NOT EXISTS \{ \?x0 rdfs:label \?\w+ \. FILTER\([^{}]*\) \}", "", sparql)
    assert "EXISTS" not in sparql and " IN (" not in sparql and "BIND(true" not in sparql
    listed = text.split("[", 1)[1].split("]", 1)[0] if "[" in text else ","
    assert ("VALUES ?v" in sparql) == ("," in listed)  # one entity: a plain triple


def test_an_entity_with_several_listed_values_counts_once(latest: Graph) -> None:
    listed = 'VMSeries | where supportedBy in ["compute cluster", "compute instance"]'
    either = 'VMSeries | where supportedBy = "compute cluster" or supportedBy = "compute instance"'
    both = 'VMSeries | where supportedBy = "compute cluster" and supportedBy = "compute instance"'

    def ids(text: str) -> list[object]:
        return [rec["@id"] for rec in latest.query(text).records(ids=True)]

    union = set(ids('VMSeries | where supportedBy = "compute cluster"'))
    union |= set(ids('VMSeries | where supportedBy = "compute instance"'))
    assert sorted(ids(listed)) == sorted(ids(either)) == sorted(union)  # each series once
    assert latest.query(listed + " | count").rows[0][0] == len(union)
    assert ids(both)  # some series have both values: two solutions each before the count


@pytest.mark.parametrize(("text", "params", "same"), [
    ('VMSize | where series in [$a, "NDv2"] | show name', {"a": "NCv3"},
     'VMSize | where series in [NCv3, "NDv2"] | show name'),
    ("VMSeries | where category = $c or ^series.gpuCount >= $n | show name", {"c": "GPU", "n": "4"},
     "VMSeries | where category = GPU or ^series.gpuCount >= 4 | show name"),
])
def test_a_parameter_compiles_as_the_value_it_stands_for(latest: Graph, text: str,
                                                         params: dict[str, str], same: str) -> None:
    """A parameter enters the query as its value does, a serialized graph term: the list
    is a join from its entities, as with the names written out."""
    assert explain(latest.compile(text, params)) == explain(latest.compile(same))


@pytest.mark.parametrize("text,params", [
    ('VMSeries | where name in ["NCv3", "ndv2"] | show name', {}),  # text, case-insensitive
    ('VMSeries | where supportedBy in ["compute cluster"] or category = GPU | count', {}),
])
def test_what_a_join_cannot_say_stays_a_filter(latest: Graph, plain: Callable[..., None],
                                               text: str, params: dict[str, str]) -> None:
    sparql = explain(latest.compile(text, params))
    assert "VALUES ?v" not in sparql
    got = latest.query(text, params=params).records(ids=True)
    plain("lists")
    assert explain(latest.compile(text, params)) == sparql
    assert latest.query(text, params=params).records(ids=True) == got != []


def test_the_next_condition_sees_each_entity_once(latest: Graph) -> None:
    """Two listed values of a path with several values give a series two solutions; the
    next condition joins each series once (a subquery), not once per listed value."""
    text = 'VMSeries | where supportedBy in ["compute cluster", "compute instance"] and category = GPU'
    sparql = explain(latest.compile(text))
    assert sparql.index("VALUES ?v") < sparql.index("} }") < sparql.index("kg:category")
    assert "{ SELECT DISTINCT ?x0 WHERE" in sparql
    one = 'VMSize | where series in ["NCv3", "NDv2"] and gpuCount >= 1'  # one series a size
    assert "SELECT DISTINCT ?x0 WHERE" not in explain(latest.compile(one)).split("{", 1)[1]
