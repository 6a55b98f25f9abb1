"""What a path reaches: the typing rules the checker and the REPL completer share.

A :class:`~kg.checked.Kind` says whether a path holds entities (of which classes),
versions, numbers, dates, booleans or text; these functions derive it from the
ontology, so both stages agree on what a property applies to and what it reaches.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.checked import Kind, KindTag
from kg.literals import DATATYPE_KINDS
from kg.ontology import Entity, Ontology, PropertyInfo

__all__ = ["applicable", "kind_of", "entity_kind"]


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
        return Kind(KindTag.ENTITY, _known(onto, prop.domains))
    if prop.is_object:
        classes = _known(onto, prop.ranges)
        return Kind(KindTag.ENTITY, classes, _compares_by(onto, classes))
    kinds = {KindTag(DATATYPE_KINDS[rng].value) if rng in DATATYPE_KINDS else KindTag.STRING
             for rng in prop.ranges} or {KindTag.STRING}
    return Kind(kinds.pop() if len(kinds) == 1 else KindTag.STRING)


def entity_kind(onto: Ontology, entity: Entity) -> Kind:
    """The kind of a path that starts at ``entity``."""
    classes = _known(onto, entity.types)
    return Kind(KindTag.ENTITY, classes, _compares_by(onto, classes))


def _known(onto: Ontology, iris: Iterable[str]) -> frozenset[str]:
    return frozenset(c for c in iris if c in onto.classes)


def _compares_by(onto: Ontology, classes: frozenset[str]) -> str | None:
    return next((onto.classes[c].compares_by for c in sorted(classes)
                 if onto.classes[c].compares_by), None)
