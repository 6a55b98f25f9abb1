"""Reshaping a result after its query: `collect`'s groups, the order and cut after them, and
`transpose` (columns into rows). Pure functions of the rows; labels from the ontology."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import product
from typing import Any

from kg.cells import sort_key
from kg.ontology import Ontology
from kg.plans import Column, Finish
from kg.result import Cell, EntityRef, Result, ResultKind, Value

__all__ = ["finish", "finish_groups"]


def finish(result: Result, plan_finish: Finish, columns: Sequence[Column], onto: Ontology,
           lang: str) -> Result:
    """``result`` reshaped as ``plan_finish`` says (unchanged when there is nothing to do)."""
    if plan_finish.group:
        result = (_counted if plan_finish.counted else _collect)(result, plan_finish)
    if plan_finish.pick:
        result = result.keeping(plan_finish.pick)  # the columns `show` names, in its order
    if plan_finish.by_first:  # stable: ties stay in the groups' order
        result = replace(result, rows=sorted(result.rows, key=_by(0, False)))
    if plan_finish.transpose:
        result = _transpose(result, plan_finish.transpose_title, columns, onto, lang)
    return result


def _collect(result: Result, how: Finish) -> Result:
    """One row per distinct group (the first ``how.group`` cells), in order of first
    appearance; the last cell collects every value of the group's rows, in row order (in
    their own order when no `sort` came before the `collect`)."""
    groups: dict[tuple[Cell, ...], dict[Value, None]] = {}  # an ordered set per group
    for row in result.rows:
        values = groups.setdefault(tuple(row[: how.group]), {})
        cell = row[how.group]
        for v in cell if isinstance(cell, tuple) else () if cell is None else (cell,):
            values.setdefault(v, None)
    if how.ordered_values:  # no `sort` came before: the values in their own order
        groups = {key: dict.fromkeys(sorted(vals, key=sort_key)) for key, vals in groups.items()}
    rows: list[list[Cell]] = [
        [*key, (tuple(vals) if len(vals) > 1 else next(iter(vals)) if vals else None)]
        for key, vals in groups.items()]
    keys = [c for c in result.columns[:how.group] if c in result.many]  # (`by supportedBy`
    # was said to hold several values where one is expected: hunt124 F13)
    return Result(result.columns, _sorted_cut(rows, how), result.kind,
                  many=(*keys, result.columns[how.group]), shows=result.shows,
                  features=result.features)


def finish_groups(groups: Result, how: Finish, columns: Sequence[Column], onto: Ontology,
                  lang: str) -> Result:
    """``groups``, a `collect`'s groups in order of first appearance (``kg.grouping``),
    sorted and cut as :func:`finish` does a `collect`'s, then reshaped as it says."""
    ordered = Result(groups.columns, _sorted_cut(groups.rows, how), groups.kind, many=groups.many,
                     shows=groups.shows, features=groups.features)
    return finish(ordered, replace(how, group=0), columns, onto, lang)


def _sorted_cut(rows: list[list[Cell]], how: Finish) -> list[list[Cell]]:
    """A grouping's rows in the order of the `sort` after it, cut to its `limit`."""
    for index, desc in reversed(how.sort):  # stable: the first sort key wins
        rows.sort(key=_by(index, desc), reverse=desc)
    return rows if how.limit is None else rows[: how.limit]


def _counted(result: Result, how: Finish) -> Result:
    """One row per group of the first ``how.group`` cells with the number of rows in it
    (an entity with several values in a cell counts in the group of each; no value is a
    group of its own), ordered as `count by` orders its groups: by their values (no value
    first), then by the `sort` after it; then cut to its `limit`."""
    counts: Counter[tuple[Cell, ...]] = Counter()
    for row in result.rows:
        counts.update(product(*(cell if isinstance(cell, tuple) else (cell,)
                                for cell in row[: how.group])))
    rows: list[list[Cell]] = [[*key, n] for key, n in counts.items()]
    for index in reversed(range(how.group)):
        rows.sort(key=_by(index, False))  # (a group's key is one value)
    return Result([*result.columns[: how.group], "count"], _sorted_cut(rows, how),
                  ResultKind.COUNT, shows=(*result.shows[: how.group], None) if result.shows else (),
                  features=(*result.features[: how.group], None) if result.features else ())


def _by(index: int, desc: bool) -> Callable[[list[Cell]], tuple[bool, tuple[int, Any, str]]]:
    """A group's order by the key in column ``index``, as `sort` orders rows: no value first
    ascending and last descending (it was last, then first: hunt127 F4), several values by
    the least ascending and by the greatest descending (a collected cell's values are in the
    order of the rows, which an earlier `sort` chose: hunt131 #1)."""
    def key(row: list[Cell]) -> tuple[bool, tuple[int, Any, str]]:
        cell = row[index]
        if isinstance(cell, tuple):
            cell = (max if desc else min)(cell, key=sort_key) if cell else None
        return (cell is not None, sort_key(cell))
    return key


def _transpose(result: Result, title: str | None, columns: Sequence[Column], onto: Ontology,
               lang: str) -> Result:
    """The first column's values become the column titles (numbered where they repeat);
    every other column becomes a row, led by its title (a `supports(FEATURE)` column by the
    feature's label). A row keeps its former column's type (``Result.many_rows``): the
    columns are now entities whose cells mix types, and typing them by value made one
    architecture's CUDA version a text and the next one's an array."""
    if not result.columns:
        return result
    heads = [_text(row[0]) for row in result.rows]
    arrays = result.array_columns()
    out: list[list[Cell]] = []
    for i, name in enumerate(result.columns[1:], start=1):
        col = columns[i] if i < len(columns) else None
        label = onto.label(col.supports, lang) if col and col.supports \
            and name.startswith("supports(") else name
        out.append([label, *(row[i] for row in result.rows)])
    many_rows = frozenset(r for r, name in enumerate(result.columns[1:]) if name in arrays)
    return Result(_distinct([title or result.columns[0], *heads]), out, result.kind,
                  many_rows=many_rows, features=result.features[1:],
                  column_focus=_entities(result))


def _entities(result: Result) -> tuple[str | None, ...]:
    """The entity of each row, a transposed column: its own, else the entity its first cell
    names (a group's)."""
    if result.focus and not result.shared:
        return result.focus
    return tuple(row[0].iri if isinstance(row[0], EntityRef) else None for row in result.rows)


def _distinct(titles: list[str]) -> list[str]:
    """The titles, a repeated one (case aside) numbered from its second time on ("GPU",
    "GPU (2)"): JSON keys a row by them, and would keep one of the repeated columns."""
    seen: set[str] = set()
    out = []
    for t in titles:
        new, n = t, 1
        while new.casefold() in seen:
            n += 1
            new = f"{t} ({n})"
        seen.add(new.casefold())
        out.append(new)
    return out


def _text(cell: Cell) -> str:
    if isinstance(cell, tuple):
        return ", ".join(str(v) for v in cell)
    return "" if cell is None else str(cell)
