"""The ontology is data: a class and properties a Turtle file declares, in any of RDF's and
OWL's usual ways, are queried as the ontology says, with no code change (hunt113 F1, F2).

- A property typed ``rdf:Property`` alone, with a class as its range, links entities; so
  does one typed both ``owl:ObjectProperty`` and ``rdf:Property`` (which kind was kept
  depended on the order the engine gave the rows: `where accelerator = U250` gave 0 rows).
- A property of one of XSD's integer types derived from ``xsd:integer`` (``xsd:long``,
  ``xsd:positiveInteger`` …) holds numbers: compared and sorted as text, 103,079,215,104
  was below 80,000,000,000.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.session import Graph

DATA = """\
@prefix kg: <https://w3id.org/azml-kg/ontology#> .
@prefix ent: <https://w3id.org/azml-kg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/lab/> .
ex:Accelerator a owl:Class ; rdfs:label "Accelerator"@en .
ex:accelerator a rdf:Property ; rdfs:label "accelerator"@en ;
    rdfs:domain kg:VMSeries ; rdfs:range ex:Accelerator .
ex:host a rdf:Property ; rdfs:label "host"@en ; rdfs:domain ex:Accelerator ; rdfs:range owl:Thing .
ex:cooler a owl:ObjectProperty , rdf:Property ; rdfs:label "cooler"@en ;
    rdfs:domain ex:Accelerator ; rdfs:range ex:Accelerator .
ex:memoryBytes a owl:DatatypeProperty ; rdfs:label "memoryBytes"@en ;
    rdfs:domain ex:Accelerator ; rdfs:range xsd:long .
ex:tdpWatts a rdf:Property ; rdfs:label "tdpWatts"@en ;
    rdfs:domain ex:Accelerator ; rdfs:range xsd:positiveInteger .
ex:u250 a ex:Accelerator ; rdfs:label "U250"@en ; ex:memoryBytes "68719476736"^^xsd:long ;
    ex:tdpWatts "225"^^xsd:positiveInteger ; ex:cooler ex:fan ; ex:host ent:NCv3 .
ex:gaudi a ex:Accelerator ; rdfs:label "Gaudi X"@en ; ex:memoryBytes "103079215104"^^xsd:long ;
    ex:tdpWatts "1200"^^xsd:positiveInteger .
ex:fan a ex:Accelerator ; rdfs:label "Fan"@en .
ent:NCv3 ex:accelerator ex:u250 .
"""


@pytest.fixture(params=[False, True], ids=["names", "alone"])
def graph(tmp_path: Path, request: pytest.FixtureRequest) -> Graph:
    path = tmp_path / "lab.ttl"
    path.write_text(DATA, encoding="utf-8")
    return Graph.open([path], names_alone=request.param)


def _rows(graph: Graph, text: str) -> list[list[str]]:
    return [[str(v) for v in row] for row in graph.query(text).rows]


def test_an_rdf_property_to_a_class_links_entities(graph: Graph) -> None:
    assert _rows(graph, "VMSeries | where accelerator = U250 | show name") == [["NCv3"]]
    assert _rows(graph, "Accelerator | where name = U250 | show ^accelerator") == [["NCv3"]]
    assert graph.ontology.find_property("accelerator")[0].is_object


def test_a_property_to_any_thing_links_entities(graph: Graph) -> None:
    """hunt116 F4: a range of owl:Thing (or rdfs:Resource) was text, 0 rows."""
    assert _rows(graph, "Accelerator | where host = NCv3 | show name") == [["U250"]]


def test_a_property_typed_both_ways_links_entities(graph: Graph) -> None:
    assert _rows(graph, "Accelerator | where cooler = Fan | show name, cooler.name") == \
        [["U250", "Fan"]]
    assert _rows(graph, "Fan | show ^cooler") == [["U250"]]


def test_xsd_integer_types_hold_numbers(graph: Graph) -> None:
    assert _rows(graph, "Accelerator | where memoryBytes < 80000000000 | show name") == [["U250"]]
    assert _rows(graph, "Accelerator | where has memoryBytes | sort memoryBytes desc | show name") == \
        [["Gaudi X"], ["U250"]]
    assert _rows(graph, "Accelerator | where tdpWatts > 300 | show name") == [["Gaudi X"]]
    assert graph.query("Accelerator | where name = U250 | show memoryBytes").rows == [[68719476736]]


FEATURE_TABLES = """\
@prefix kg: <https://w3id.org/azml-kg/ontology#> .
@prefix ent: <https://w3id.org/azml-kg/id/> .
@prefix src: <https://example.org/lab/source/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
kg:PremiumFeature a owl:Class ; rdfs:subClassOf kg:Feature ;
    rdfs:label "premium feature"@en , "Premium-Funktion"@de .
src:a a kg:Source ; rdfs:label "Lab table A"@en , "Labortabelle A"@de ; dcterms:source src:doc .
src:b a kg:Source ; rdfs:label "Lab table B"@en , "Labortabelle B"@de ; dcterms:source src:doc .
src:a {
    ent:plain-feat a kg:Feature ; rdfs:label "Plain lab feature"@en , "Einfache Laborfunktion"@de .
    ent:compute-cluster kg:supports ent:plain-feat .
    ent:compute-instance a kg:ManagedCompute .
}
src:b {
    ent:premium-feat a kg:PremiumFeature ;
        rdfs:label "Premium lab feature"@en , "Premium-Laborfunktion"@de .
    ent:compute-cluster kg:supports ent:premium-feat .
    ent:compute-instance a kg:ManagedCompute .
}
"""


def test_a_feature_of_a_subclass_of_feature_is_a_tables_column(tmp_path: Path) -> None:
    """hunt124 F3: a column typed by a subclass of kg:Feature was no table's column: the
    instance's blank cell read "not stated" (its twin typed kg:Feature, "no"), `check` said
    unknown, as if the instance were no row of the table, and `= no` found nothing."""
    path = tmp_path / "tables.trig"
    path.write_text(FEATURE_TABLES, encoding="utf-8")
    graph = Graph.open([path])
    rows = _rows(graph, 'ManagedCompute | where name ~ "compute instance" | show '
                        'supports("Plain lab feature"), supports("Premium lab feature")')
    assert rows == [["no", "no"]]
    for feature in ("Plain lab feature", "Premium lab feature"):
        verdict = graph.query(f'check "compute instance" with "{feature}"').rows[0][0]
        assert verdict == "not compatible", feature
        assert _rows(graph, f'ManagedCompute | where supports("{feature}") = no | show name') \
            == [["Azure Machine Learning compute instance"]], feature


UNRANGED = """\
@prefix kg: <https://w3id.org/azml-kg/ontology#> .
@prefix ent: <https://w3id.org/azml-kg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
kg:Widget a owl:Class ; rdfs:label "widget"@en , "Widget"@de .
kg:noRange a owl:DatatypeProperty ; rdfs:label "no range"@en , "kein Bereich"@de ;
    rdfs:domain kg:Widget .
kg:litRange a owl:DatatypeProperty ; rdfs:label "lit range"@en , "Literalbereich"@de ;
    rdfs:domain kg:Widget ; rdfs:range rdfs:Literal .
kg:mixed a owl:DatatypeProperty ; rdfs:label "mixed"@en , "gemischt"@de ; rdfs:domain kg:Widget .
ent:w-a a kg:Widget ; rdfs:label "W A"@en , "W A"@de ; kg:noRange 9.5 ; kg:litRange 9.5 ;
    kg:mixed "b" .
ent:w-b a kg:Widget ; rdfs:label "W B"@en , "W B"@de ; kg:noRange 9.25 ; kg:litRange 9.25 ;
    kg:mixed 2 .
ent:w-c a kg:Widget ; rdfs:label "W C"@en , "W C"@de ; kg:noRange 10 ; kg:litRange 10 ;
    kg:mixed "a" .
"""


@pytest.mark.parametrize("prop", ["noRange", "litRange"])
def test_a_property_of_no_range_compares_as_its_values_are_typed(tmp_path: Path, prop: str) -> None:
    """hunt124 F6: a property with no range (or rdfs:Literal) compared its decimals as
    texts: `where noRange > 9.3` kept 9.25, and `sort` put 10 first. Values of one kind of
    datatype compare as that kind; values of several kinds stay texts."""
    path = tmp_path / "widgets.ttl"
    path.write_text(UNRANGED, encoding="utf-8")
    graph = Graph.open([path])
    assert _rows(graph, f"Widget | where {prop} > 9.3 | sort {prop} | show name") == [["W A"], ["W C"]]
    assert _rows(graph, f"Widget | sort {prop} desc | show name") == [["W C"], ["W A"], ["W B"]]
    assert _rows(graph, "Widget | sort mixed | show name") == [["W B"], ["W C"], ["W A"]]
