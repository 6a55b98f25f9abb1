"""Where a pipeline stands as its stages compile (:mod:`kg.planner.query`), and what every
plan it ends in takes from it."""

from __future__ import annotations

from dataclasses import field, replace

from kg import checked as r
from kg.planner.builder import Builder
from kg.planner.columns import SortItems
from kg.planner.conditions import distinct_focus
from kg.plans import Column, Finish, Step
from kg.records import record

__all__ = ["Pipe", "finish", "settle", "checked_column"]


@record(frozen=False)
class Pipe:
    """Where a pipeline stands after the stages so far."""

    lines: list[str]
    focus: str
    kind: r.Kind
    walk: r.RPath | None
    sort: SortItems = ()
    columns: tuple[r.RExpr, ...] | None = None
    distinct: bool = False
    limit: int | None = None
    post_limit: int | None = None
    steps: list[Step] = field(default_factory=list)  #: `check with` stages and cuts
    count: r.RCount | None = None
    count_sort: SortItems = ()
    count_limit: int | None = None
    added: int | None = None  #: where the columns the last `check with` added start
    collect: int = 0  #: `collect` (and a `count by` the executor does): the columns grouped by
    counted: bool = False
    pick: tuple[int, ...] = ()  #: `show` after a grouping stage
    transpose: r.RTranspose | None = None
    check_after: str | None = None  #: a `check with` that ends the pipeline: the entity


def finish(pipe: Pipe) -> Finish:
    """What runs after the query: collect's grouping and the sort/limit after it, transpose."""
    if not pipe.collect and not pipe.pick and pipe.transpose is None:
        return Finish()
    sort = tuple((ref.index, desc) for ref, desc in pipe.count_sort
                 if isinstance(ref, r.RColumn)) if pipe.collect else ()
    title = pipe.transpose.title if pipe.transpose is not None else None
    return Finish(pipe.collect, sort, pipe.count_limit if pipe.collect else None, pipe.pick,
                  pipe.transpose is not None, title, counted=pipe.counted,
                  ordered_values=bool(pipe.collect) and not pipe.sort and not pipe.counted,
                  by_first=bool(pipe.pick) and pipe.pick[0] != 0 and not pipe.count_sort)


def settle(b: Builder, pipe: Pipe) -> None:
    """The pattern so far gives each entity once before what joins it next (cells, sort
    keys, groups), where a condition left it one solution per value of a path."""
    if b.repeats:
        pipe.lines = distinct_focus(b, pipe.focus, pipe.lines)


def checked_column(col: Column, expr: r.RExpr) -> Column:
    """A column says whether it holds several values, and whether it is a `check with`
    stage's (the executor splits ``why`` into lines)."""
    if (check := r.check_column(expr)) is not None:
        return replace(col, check=check, many=check == "check:why")
    return replace(col, many=isinstance(expr, r.RPath) and expr.many)
