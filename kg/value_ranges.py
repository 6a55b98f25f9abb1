"""What kg compares a property's values by where the ontology gives it no range: the
range its values share (kg.catalog reads the properties, then this)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from kg.graphstore import GraphStore
from kg.literals import DATATYPE_KINDS
from kg.vocab import RDFS

if TYPE_CHECKING:
    from kg.catalog import PropertyInfo

__all__ = ["ranged_by_values"]


def ranged_by_values(store: GraphStore, props: dict[str, PropertyInfo]) -> dict[str, PropertyInfo]:
    """``props``, each property of values with no range but ``rdfs:Literal`` given the range
    its values share, where their datatypes are of one kind (numbers, dates, …; see
    kg.literals.DATATYPE_KINDS): they compare and sort so, not as texts (9.25 was above 9.3:
    hunt124 F6). One query, and none where every property has its range."""
    open_ = [p for p in props.values() if not p.is_object and set(p.ranges) <= {RDFS.Literal.value}]
    if not open_:
        return props
    listed = " ".join(f"<{p.iri}>" for p in open_)
    found: dict[str, set[str]] = {}
    _, rows = store.select(f"SELECT DISTINCT ?p ?dt WHERE {{ VALUES ?p {{ {listed} }} "
                           "?s ?p ?o FILTER(isLiteral(?o)) BIND(DATATYPE(?o) AS ?dt) }")
    for p, dt in rows:
        found.setdefault(p.value, set()).add(dt.value)  # type: ignore[union-attr]
    for iri, types in found.items():
        kinds = {DATATYPE_KINDS.get(t) for t in types}
        if len(kinds) == 1 and None not in kinds:
            props[iri] = dataclasses.replace(props[iri], ranges=(min(types),))
    return props
