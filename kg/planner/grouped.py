"""`collect name by KEYS` grouped by the engine, where it can be: one solution per group.

As rows, each of a group's entities is one solution with its keys' names and its own
(884 solutions for the series of 47 architectures at 100k triples, a query half again as
slow as one that groups). Here the engine groups the entities by their keys' values and
gathers each group's entities' IRIs: by the values themselves where each key has one
value an entity (the ontology says so), else by each entity's values gathered into one
text per key (``kg.planner.several.gather``). The executor names keys and entities from
the labels it reads (``kg.labels``) and makes one group of those listing the same values
(``kg.grouping``). It gives what `collect` gives over the rows
(tests/test_grouped_collect.py compares them), where the rows' order does not matter (no
`sort`, `limit` or `distinct` before the `collect`), the keys are entities and the value
is the rows' `name`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kg import checked as r
from kg.planner.builder import Builder
from kg.planner.columns import gathered_cell, gathered_item, stated_by
from kg.planner.conditions import distinct_focus
from kg.planner.several import gather
from kg.planner.sparql import header
from kg.plans import MEMBERS, OTHERS, Column, CountPlan, Finish, SelectPlan

__all__ = ["grouped_plan"]


def grouped_plan(b: Builder, pipe: Any, finish: Finish,
                 as_rows: Callable[[], SelectPlan | CountPlan]) -> SelectPlan | None:
    """The plan of ``pipe`` (``kg.planner.query.Pipe``) grouped by the engine, or None
    where its `collect` cannot be (or it has none). ``as_rows`` compiles it as rows: the plan
    the executor runs instead where a row's entity is no IRI (a blank node has no IRI to
    gather, nor a label a query can ask for), which the groups count (``?others``)."""
    if not pipe.collect or pipe.counted or pipe.sort or pipe.distinct or pipe.limit \
            is not None or pipe.post_limit is not None or not _groupable(pipe):
        return None
    f, (*by, value) = pipe.focus, pipe.columns
    rows = distinct_focus(b, f, pipe.lines)[0]
    if not any(key.many for key in by):  # one value each: grouped by the values themselves
        columns = [Column(key.title, f"c{i}", key.kind, prop=stated_by(key)) for i, key in enumerate(by)]
        entities = "\n  ".join([rows, *(f"OPTIONAL {{ {b.walk(f, key, f'?c{i}')} }}"
                                        for i, key in enumerate(by))])
    else:  # several: each entity's values gathered, and grouped by those texts
        columns, cells = [], []
        for i, key in enumerate(by):
            col, pattern = gathered_cell(b, f, key, f"c{i}")
            columns.append(col)
            cells.append((col.var, pattern))
        entities = gather(f, rows, [], cells)
    keys = " ".join(f"?{c.var}" for c in columns)
    sparql = (header() + f"SELECT {keys} (GROUP_CONCAT(?m; separator=\"\") AS ?{MEMBERS}) "
              f"(SUM(IF(isIRI(?{f}), 0, 1)) AS ?{OTHERS}) "
              f"WHERE {{\n  {entities}\n  BIND({gathered_item(f)} AS ?m)\n}}\nGROUP BY {keys}\n")
    instead = as_rows()
    assert isinstance(instead, SelectPlan)
    return SelectPlan(sparql, (*columns, Column(value.title, MEMBERS, value.kind, many=True,
                                                prop=stated_by(value))),
                      f, b.lang, steps=tuple(pipe.steps), finish=finish, grouped=instead,
                      graph=b.graph)


def _groupable(pipe: Any) -> bool:
    """Are the rows entities, the keys entities reached by a path and the value `name`?"""
    *by, value = pipe.columns
    return (pipe.kind.is_entity and len(by) == pipe.collect and isinstance(value, r.RPath)
            and value.steps == (r.RStep(r.LABEL),)
            and all(isinstance(k, r.RPath) and k.steps and k.kind.is_entity
                    and r.check_column(k) is None for k in by))
