"""The groups of a `collect` the engine grouped (``kg.planner.grouped``), named and ordered
as `collect` names and orders them over rows (``kg.reshape``), then reshaped alike.

Each solution holds a group's key values and its entities as gathered IRIs. Two solutions
whose keys list the same entities in another order (an engine gathers in an order of its
own) are one group. A key's cell names its entities as a gathered cell does; the value's
cell holds every name of every entity in the group, each once, in the order `sort` gives
names. The groups come in the order the rows would have given them: the rows are ordered
by the names of the first key in the session's language (``kg.cells.by_first_names``),
those with none first, then by entity; a group comes where its first row did.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox

from kg.cells import entities_cell, first_name_key, gathered_iris, sort_key, term_value
from kg.context import Context
from kg.i18n import langmatches
from kg.plans import MEMBERS, OTHERS, SelectPlan
from kg.reshape import finish_groups
from kg.result import Cell, Result, Value

__all__ = ["grouped_result"]

Key = tuple[tuple[str, ...], ...]  #: a group's key: each key column's entities, sorted


def grouped_result(plan: SelectPlan, names: list[str], solutions: Sequence[Sequence[Any]],
                   ctx: Context) -> Result | None:
    """The result of ``plan`` (``plan.grouped``) from its ``solutions``; None where a group
    holds an entity that is no IRI (``plan.grouped``, the plan as rows, gives it)."""
    index = {n: i for i, n in enumerate(names)}
    if any(_counts(solution[index[OTHERS]]) for solution in solutions):
        return None
    keys = [(index[c.var], c.gathered) for c in plan.columns[:-1]]
    at = index[MEMBERS]
    groups: dict[Key, list[str]] = {}
    for solution in solutions:
        key = tuple(_values(solution[k], gathered) for k, gathered in keys)
        groups.setdefault(key, []).extend(gathered_iris(solution[at]))
    if sum(map(len, groups.values())) > len({m for ms in groups.values() for m in ms}):
        groups = _regrouped(groups)  # a key the ontology gives one value has several
    labels, lang, onto = ctx.labels, plan.lang, ctx.onto
    entities = {iri for members in groups.values() for iri in members}
    labels.trim()
    labels.read({iri for key in groups for iris in key for iri in iris} | entities)
    named = labels.made(("names", lang))  # each entity's names with their order, once
    for iri in entities - named.keys():
        values = [term_value(name, lang, onto) for name in labels.names(iri, lang)]
        named[iri] = {v: sort_key(v) for v in values}
    # where the rows' first appearance puts each group (cells.by_first_names: the first
    # key's labels tagged in the language)
    speaks = functools.cache(lambda tag: langmatches(tag, lang))
    placed: list[tuple[tuple[bool, str, str], list[Cell]]] = []
    for key, members in groups.items():
        order: dict[Value, Any] = {}
        for iri in members:
            order.update(named[iri])
        ordered = sorted(order, key=order.__getitem__)
        cells = [entities_cell(list(iris), lang, onto, labels) for iris in key]
        cells.append(tuple(ordered) if len(ordered) > 1 else ordered[0] if ordered else None)
        first = first_name_key((lit for iri in key[0] for lit in labels.of(iri)), speaks)
        placed.append(((*first, min(members, default="")), cells))
    placed.sort(key=lambda group: group[0])
    titles = [c.title for c in plan.columns]
    several = {c.title for c in plan.grouped.columns if c.many} if plan.grouped else set()
    many = (*(t for t in titles[:-1] if t in several), titles[-1])  # a key of several values
    # (`by supportedBy`) too: it was said to hold "several values where one is expected"
    groups_result = Result(titles, [cells for _, cells in placed], many=many,  # (hunt124 F13)
                           shows=tuple(c.prop for c in plan.columns),
                           features=tuple(c.supports for c in plan.columns))
    return finish_groups(groups_result, plan.finish, plan.columns, onto, lang)


def _values(term: Any, gathered: bool) -> tuple[str, ...]:
    """A key's entities in a solution: gathered, or the value itself (no entity: none)."""
    if gathered:
        return tuple(sorted(gathered_iris(term)))
    return (term.value,) if isinstance(term, ox.NamedNode) else ()


def _regrouped(groups: dict[Key, list[str]]) -> dict[Key, list[str]]:
    """The groups by each entity's values of each key together: an entity the engine put
    in several groups (by each of its values) goes in the one of all its values, as
    `collect` groups rows by their whole cells."""
    found: dict[str, list[set[str]]] = {}
    for key, members in groups.items():
        for m in members:
            sets = found.setdefault(m, [set() for _ in key])
            for values, these in zip(sets, key, strict=True):
                values.update(these)
    regrouped: dict[Key, list[str]] = {}
    for m, sets in found.items():
        regrouped.setdefault(tuple(tuple(sorted(v)) for v in sets), []).append(m)
    return regrouped


def _counts(term: Any) -> bool:
    """Does a count the engine gave say more than none (a count it did not give: yes)?"""
    try:
        return term is None or int(term.value) > 0
    except ValueError:
        return True
