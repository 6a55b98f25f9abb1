"""Execute: run a plan on the store and turn its terms into plain, labelled values.

One runner per plan type, looked up in :data:`RUNNERS`; runners only run what the
planner compiled (and the graph algorithms and rules it names).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from itertools import chain
from operator import itemgetter
from typing import Any, TypeVar

import pyoxigraph as ox

from kg.cells import (
    Row,
    by_first_names,
    by_gathered,
    cell_maker,
    term_value,
)
from kg.collector import paused
from kg.context import Context
from kg.errors import ExecutionError
from kg.filled_cells import blank_cells
from kg.grouping import grouped_result
from kg.literals import natural_key
from kg.ontology import Ontology
from kg.plans import (
    Column,
    CountPlan,
    DescribePlan,
    Plan,
    SelectPlan,
)
from kg.reshape import finish
from kg.result import Cell, EntityRef, Result, ResultKind
from kg.statement_runners import STATEMENT_RUNNERS, entity_ref
from kg.steps import Checked, check_each, checkable, checked_cells, run_steps, unread, with_evidence
from kg.vocab import REIFYING, curie

__all__ = ["execute", "stream", "RUNNERS", "STREAM_ROWS"]

#: How many rows :func:`stream` gathers into one part.
STREAM_ROWS = 500

P = TypeVar("P")
Runner = Callable[[Any, Context], Result]
RUNNERS: dict[type, Runner] = {}


def runs(plan_type: type[P]) -> Callable[[Callable[[P, Context], Result]], Callable[[P, Context], Result]]:
    """Register the runner of one plan type."""
    def register(fn: Callable[[P, Context], Result]) -> Callable[[P, Context], Result]:
        RUNNERS[plan_type] = fn
        return fn
    return register


RUNNERS.update(STATEMENT_RUNNERS)  # path, neighbors, check, schema: kg.statement_runners


def execute(plan: Plan, ctx: Context) -> Result:
    """Run ``plan`` and return its result."""
    runner = RUNNERS.get(type(plan))
    if runner is None:
        raise ExecutionError(f"no runner for {type(plan).__name__}")
    with paused():  # kg.collector: rows are young objects that live on
        return _sourced(runner(plan, ctx), plan)


def _sourced(result: Result, plan: Plan) -> Result:
    """``result`` with the source a `from` statement reads (``within``: a cell cites it alone)."""
    graph = getattr(plan, "graph", None)
    return replace(result, within=graph) if graph else result


# --- pipelines --------------------------------------------------------------------


@runs(SelectPlan)
def _select(plan: SelectPlan, ctx: Context) -> Result:
    sparql, checked = run_steps(plan.sparql, plan.steps, plan.lang, ctx)
    grouped: Groups = {}
    index: dict[str, int] = {}
    if sparql is not None and plan.grouped:  # the engine grouped a `collect`
        done = grouped_result(plan, *ctx.store.select(sparql), ctx)
        return done if done is not None else _select(plan.grouped, ctx)
    if sparql is not None:  # else a step left no entity (kg.steps.run_steps): no row
        names, raw = ctx.store.select(sparql)
        index = {n: i for i, n in enumerate(names)}
        _gather(grouped, raw, index[plan.focus])
        if plan.by_gathered:  # the query left the order to us: by the names' natural keys
            grouped = by_gathered(grouped, raw, index[plan.focus],  # (or the versions')
                                  [(index[k], desc) for k, desc in plan.by_gathered],
                                  versions=plan.by_versions)
        elif plan.by_first:  # … the names in the first column's cells
            grouped = by_first_names(grouped, plan.columns[0],
                                     *_slots(plan.columns[0], index), plan.lang)
    result = _part(plan, grouped, ctx, checked, _Keep(plan), index)
    return result if plan.finish.idle else finish(result, plan.finish, plan.columns, ctx.onto,
                                                  plan.lang)


def stream(plan: Plan, ctx: Context, rows: int = STREAM_ROWS) -> Iterator[Result]:
    """Run ``plan``, giving its result in parts of up to ``rows`` rows, each as soon as the
    engine has given its rows: a pipeline compiled ``ordered`` (its rows come in their final
    order, an entity's rows one after another) with nothing to do once every row is in
    (``collect``, ``transpose``, a ``check with`` that ends it). Anything else comes as one
    part, :func:`execute`'s."""
    return (_sourced(part, plan) for part in _parts(plan, ctx, rows))


def _parts(plan: Plan, ctx: Context, rows: int) -> Iterator[Result]:
    if not isinstance(plan, SelectPlan) or plan.by_gathered or plan.by_first \
            or not plan.finish.idle or plan.check_after:  # (checked part by part, a blank
        # node's error came after the rows before it: hunt84 F1; checked first, none did)
        yield execute(plan, ctx)
        return
    sparql, checked = run_steps(plan.sparql, plan.steps, plan.lang, ctx)
    if sparql is None:  # a step left no entity: no row
        yield _part(plan, {}, ctx, checked, _Keep(plan), {})
        return
    names, solutions = ctx.store.solutions(sparql)
    index = {n: i for i, n in enumerate(names)}
    focus, keep, sent = index[plan.focus], _Keep(plan), False
    grouped: Groups = {}
    for row in solutions:
        if len(grouped) >= rows and row[focus] not in grouped:
            part = _part(plan, grouped, ctx, checked, keep, index)
            yield part
            sent, grouped = True, {}
            if keep.done:
                return
        _gather(grouped, (row,), focus)
    if grouped or not sent:
        yield _part(plan, grouped, ctx, checked, keep, index)


Groups = dict[Any, list[Row]]  #: focus term → its solutions, in the order the engine gave them


def _gather(grouped: Groups, rows: Iterable[Row], focus: int) -> None:
    """Add ``rows`` to their entities' solutions (the entity's term in slot ``focus``)."""
    for row in rows:
        found = grouped.get(row[focus])
        if found is None:
            grouped[row[focus]] = [row]
        else:
            found.append(row)


def _slots(col: Column, index: dict[str, int]) -> tuple[int, int | None]:
    """The slots of ``col``'s value and its label (if it has one) in a solution."""
    return index[col.var], index[col.label_var] if col.label_var else None


class _Keep:
    """Which rows a result keeps, part after part: `distinct` drops a row seen before, a
    `limit` after it stops at its count."""

    def __init__(self, plan: SelectPlan) -> None:
        self.seen: set[tuple[Any, ...]] | None = set() if plan.distinct else None
        self.left = plan.post_limit

    @property
    def idle(self) -> bool:
        """Does it keep every row (no `distinct`, no `limit` after it)?"""
        return self.seen is None and self.left is None

    @property
    def done(self) -> bool:
        return self.left is not None and self.left <= 0

    def __call__(self, cells: list[Cell]) -> bool:
        if self.done:
            return False
        if self.seen is not None:
            key = tuple(cells)
            if key in self.seen:
                return False
            self.seen.add(key)
        if self.left is not None:
            self.left -= 1
        return True


def _part(plan: SelectPlan, grouped: Groups, ctx: Context, checked: Checked,
          keep: _Keep, index: dict[str, int]) -> Result:
    """The rows of the entities in ``grouped``, in its order: each cell's value, blank
    `supports` cells, `check with` evidence; only the rows ``keep`` keeps."""
    makers = [unread if col.evidence
              else cell_maker(col, plan.lang, ctx.onto, ctx.labels, *_slots(col, index))
              for col in plan.columns] if grouped else []
    rows = _made(makers, grouped.values(), ctx)
    focus = [k.value if isinstance(k, ox.NamedNode) else None for k in grouped]
    if plan.check_after is not None and grouped:  # the rows' entities, checked now
        checked = check_each(ctx, plan.lang, checkable(grouped), plan.check_after)
    checked_cells(plan.columns, rows, focus, checked)
    blank_cells(plan, rows, focus, ctx)
    if not keep.idle:
        kept = [i for i, cells in enumerate(rows) if keep(cells)]
        if len(kept) < len(rows):
            rows, focus = [rows[i] for i in kept], [focus[i] for i in kept]
    columns = [c.title for c in plan.columns]
    many = tuple(c.title for c in plan.columns if c.many)
    return Result(columns, rows, focus=tuple(focus), many=many, shared=plan.distinct,  # (one
                  shows=tuple(c.prop for c in plan.columns),  # Result, not one replaced)
                  paths=tuple(c.path for c in plan.columns),
                  features=tuple(c.supports for c in plan.columns),
                  **with_evidence(rows, focus, plan.columns, checked))


def _made(makers: list[Callable[[Sequence[Row]], Cell]], groups: Iterable[Sequence[Row]],
          ctx: Context) -> list[list[Cell]]:
    """Each group's cells, one by each of ``makers``; made again once the labels of
    entities gathered cells hold are read, where no query had read them yet
    (:attr:`kg.labels.Labels.wanted`)."""
    groups = list(groups)
    ctx.labels.trim()
    rows = [[make(solutions) for make in makers] for solutions in groups]
    if ctx.labels.wanted:
        ctx.labels.read_wanted()
        rows = [[make(solutions) for make in makers] for solutions in groups]
    return rows


@runs(CountPlan)
def _count(plan: CountPlan, ctx: Context) -> Result:
    sparql = run_steps(plan.sparql, plan.steps, plan.lang, ctx)[0]
    rows: list[list[Cell]]
    if sparql is None:  # a step left no entity: no group, or a count of none
        rows = [] if len(plan.columns) > 1 else [[0]]
    else:
        names, raw = ctx.store.select(sparql)
        index = {n: i for i, n in enumerate(names)}
        makers = [cell_maker(col, plan.lang, ctx.onto, ctx.labels, *_slots(col, index))
                  for col in plan.columns]
        rows = _made(makers, ([row] for row in raw), ctx)
    result = Result([c.title for c in plan.columns], rows, ResultKind.COUNT)
    return result if plan.finish.idle else finish(result, plan.finish, plan.columns, ctx.onto,
                                                  plan.lang)


# --- describe, path, neighbors, check, schema ----------------------------------------------


_IN = ox.Literal("in")


@runs(DescribePlan)
def _describe(plan: DescribePlan, ctx: Context) -> Result:
    _, raw = ctx.store.solutions(plan.sparql)  # each row dropped once grouped
    lang, onto, sources = plan.lang, ctx.onto, ctx.source_labels(plan.lang)
    props = _by_property(raw)
    for link in REIFYING:  # a statement's about a fact (hunt43 #3): no fact of the entity
        props.pop((_IN, link), None)
    # over an endpoint (or for one statement), the names of what the rows show, read in a
    # few queries; lazily: a session with the entity table reads none and walks no value
    onto.prefetch(chain((plan.entity,), (p.value for _, p in props),
                        (o.value for values in props.values() for o in values
                         if o.__class__ is ox.NamedNode)))
    memo = ctx.labels.made(("describe", lang))  # a term's keys and cell, once a session
    known = memo.get
    # properties by direction (out first), then by name and term; the values of each by
    # name and term, then by source
    keyed = sorted(((d.value != "out", known(p) or _keyed_term(p, lang, onto, memo), d, values)
                    for (d, p), values in props.items()), key=itemgetter(0, 1))
    rows: list[list[Cell]] = []
    add, said = rows.append, _Said(sources)
    for _, (_, _, ref), d, values in keyed:
        direction = d.value
        for (_, _, cell), g in sorted([(known(o) or _keyed_term(o, lang, onto, memo), g)
                                       for o, g in values.items()], key=itemgetter(0)):
            if g.__class__ is list:
                for one in sorted(g, key=_graph_iri):
                    add([direction, ref, cell, said[one]])
            else:
                add([direction, ref, cell, said[g]])
    return Result(["direction", "property", "value", "source"], rows,
                  ResultKind.DESCRIBE, subject=entity_ref(ctx, plan.entity, plan.lang),
                  focus=(plan.entity,) * len(rows),  # each row is a fact about it (--ids)
                  subject_class=onto.label(onto.class_of(plan.entity) or "", plan.lang))


_NONE = object()  #: no value yet (a value's source may be None: the default graph)


def _by_property(raw: Iterable[Row]) -> dict[tuple[Any, Any], dict[Any, Any]]:
    """`describe`'s solutions by direction and property (a handful), each value once with
    the sources that state it (the engine may repeat a row): a hub has thousands of values
    and few of the rest, so the rest is worked out once per property, and each term's cell
    and keys once a session (a plain loop)."""
    props: dict[tuple[Any, Any], dict[Any, Any]] = {}
    values: dict[Any, Any] = {}
    last_d = last_p = None
    for d, p, o, g in raw:
        # the engine mostly gives a property's rows one after another: its table is then
        # looked up once for the run
        if p != last_p or d != last_d:
            values = props.setdefault((d, p), {})
            last_d, last_p = d, p
        if (had := values.get(o, _NONE)) is _NONE:
            values[o] = g  # most values: one source
        elif had.__class__ is list:
            if g not in had:
                had.append(g)
        elif had != g:
            values[o] = [had, g]
    return props


def _graph_iri(g: Any) -> str:
    return "" if g is None else g.value  # type: ignore[no-any-return]


class _Said(dict[Any, "str | None"]):
    """The name of each source (a named graph) a describe shows, worked out once: its
    label, or its CURIE; None for the default graph, which names no source."""

    def __init__(self, sources: dict[str, str]) -> None:
        super().__init__({None: None})
        self.sources = sources

    def __missing__(self, g: Any) -> str:
        iri = g.value
        said = self[g] = self.sources[iri] if iri in self.sources else curie(iri)
        return said


def _keyed_term(t: Any, lang: str, onto: Ontology,
                memo: dict[Any, tuple[str, str, Cell]]) -> tuple[str, str, Cell]:
    """A property or value in a describe with its sort keys first: its text's natural key
    (case-insensitively, numbers as numbers) and its term (unique: the cell is never
    compared), then its cell. A text shows its language. Kept in ``memo``, by term."""
    if t.__class__ is ox.NamedNode:  # most values of a hub: an entity
        text = onto.label(t.value, lang)
        keyed: tuple[str, str, Cell] = (natural_key(text), f"<{t.value}>",
                                        EntityRef(text, t.value))
    else:
        cell = (f"{t.value} @{t.language}" if isinstance(t, ox.Literal) and t.language
                else term_value(t, lang, onto))
        keyed = (natural_key(str(cell)), str(t), cell)
    memo[t] = keyed
    return keyed


