"""What a path reaches: the typing rules the checker and the REPL completer share.

A :class:`~kg.checked.Kind` says whether a path holds entities (of which classes),
versions, numbers, dates, booleans or text; these functions derive it from the
ontology, so both stages agree on what a property applies to and what it reaches.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.checked import Kind
from kg.ontology import Entity, Ontology, PropertyInfo
from kg.vocab import KG_NS, PREFIXES

__all__ = ["applicable", "kind_of", "entity_kind"]

_XSD = PREFIXES["xsd"]
_DATATYPE_KINDS = {
    KG_NS + "version": "version", _XSD + "date": "date", _XSD + "boolean": "boolean",
    _XSD + "integer": "number", _XSD + "decimal": "number", _XSD + "double": "number",
    _XSD + "int": "number", _XSD + "float": "number", _XSD + "nonNegativeInteger": "number",
}


def applicable(onto: Ontology, kind: Kind, inverse: bool) -> list[PropertyInfo]:
    """Properties whose domain (range, walking backwards) fits the classes reached."""
    if not kind.classes:
        return list(onto.properties.values())
    related: set[str] = set()
    for c in kind.classes:
        related |= onto.subclasses(c) | onto.superclasses(c)
    out = []
    for p in onto.properties.values():
        if inverse and not p.is_object:
            continue
        ends = p.ranges if inverse else p.domains
        if not ends or set(ends) & related:
            out.append(p)
    return out


def kind_of(onto: Ontology, prop: PropertyInfo, inverse: bool) -> Kind:
    """What walking ``prop`` (backwards when ``inverse``) reaches."""
    if inverse:
        return Kind("entity", _known(onto, prop.domains))
    if prop.is_object:
        classes = _known(onto, prop.ranges)
        return Kind("entity", classes, _compares_by(onto, classes))
    kinds = {_DATATYPE_KINDS.get(rng, "string") for rng in prop.ranges} or {"string"}
    return Kind(kinds.pop() if len(kinds) == 1 else "string")


def entity_kind(onto: Ontology, entity: Entity) -> Kind:
    """The kind of a path that starts at ``entity``."""
    classes = _known(onto, entity.types)
    return Kind("entity", classes, _compares_by(onto, classes))


def _known(onto: Ontology, iris: Iterable[str]) -> frozenset[str]:
    return frozenset(c for c in iris if c in onto.classes)


def _compares_by(onto: Ontology, classes: frozenset[str]) -> str | None:
    return next((onto.classes[c].compares_by for c in sorted(classes)
                 if onto.classes[c].compares_by), None)
