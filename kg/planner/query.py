"""A pipeline as one SELECT: the focus pattern, then each stage, one function per stage.

Rows are grouped by the row entity (the *focus*) in an inner SELECT that also computes
the sort keys, so a path with several values never multiplies rows; the outer SELECT binds
each column's values. Paths with several values add theirs up, never multiply them:
columns, sort keys and conditions alike (kg.planner.several). `count` compiles to
aggregates; a `collect` the engine can group, to groups (kg.planner.grouped)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial, singledispatch

from kg import checked as r
from kg.planner.builder import Builder
from kg.planner.columns import (
    GATHERED,
    PLAIN,
    Key,
    by_name,
    by_version,
    cell,
    default_column,
    gatherable,
    gathered_cell,
    many_keys,
    sort_keys,
    then_by,
)
from kg.planner.conditions import distinct_focus, filtered_first, walked, where_lines
from kg.planner.count import count_plan
from kg.planner.grouped import grouped_plan
from kg.planner.pipe import Pipe, checked_column, finish, settle
from kg.planner.several import HAVING, aggregate, apart, gather, gathered, key_levels
from kg.planner.sparql import header, iri
from kg.plans import (
    BY_NAMES,
    BY_VERSIONS,
    CheckStep,
    Column,
    CountPlan,
    CutStep,
    SelectPlan,
    slot,
)

__all__ = ["compile_query"]


def compile_query(q: r.RQuery, lang: str, ordered: bool = False,
                  grouping: bool = True) -> SelectPlan | CountPlan:
    """Compile a pipeline to a :class:`SelectPlan` (rows; with ``grouping``, groups where the
    engine can make them) or a :class:`CountPlan`; with ``ordered``, rows in their final
    order from the engine (names ordered in SPARQL: a little slower, each written at once)."""
    b = Builder(lang, q.within, ordered=ordered)
    pipe = Pipe([_source(q, b)], "x0", q.focus, q.walk)
    if q.walk is not None:
        pipe.lines, pipe.focus = walked(b, pipe.lines, pipe.focus, q.walk)
    last = q.stages[-1] if q.stages else None
    trailing = isinstance(last, r.RCheckWith)
    for s in q.stages[:-1] if trailing else q.stages:
        stage(s, b, pipe)
    if trailing:
        _check_last(last, b, pipe)  # type: ignore[arg-type]
    if pipe.count is not None:
        return count_plan(b, pipe, pipe.count)
    rows = partial(compile_query, q, lang, ordered, False)  # where the groups cannot serve
    return (grouping and grouped_plan(b, pipe, finish(pipe), rows)) or _rows(b, pipe)


def _source(q: r.RQuery, b: Builder) -> str:
    return f"VALUES ?x0 {{ {iri(q.entity or '')} }}" if q.cls is None else \
        b.typed("x0", q.cls, q.subclasses, "t0")


# --- stages ----------------------------------------------------------------------------


@singledispatch
def stage(s: object, b: Builder, pipe: Pipe) -> None:
    raise TypeError(f"no plan for stage {type(s).__name__}")


@stage.register
def _(s: r.RWhere, b: Builder, pipe: Pipe) -> None:
    pipe.lines = where_lines(s.cond, b, pipe.focus, pipe.lines)


@stage.register
def _(s: r.RFollow, b: Builder, pipe: Pipe) -> None:
    """The entities reached, each once: a set, so chains of `follow` never multiply rows.
    They are new rows: a sort before ordered the rows they replace (and a `limit` between
    cut those), not them; its keys name properties of the class left behind."""
    nxt = b.var("x")
    pipe.lines = distinct_focus(b, nxt, [*pipe.lines, b.walk(pipe.focus, s.path, f"?{nxt}")])
    pipe.focus, pipe.kind, pipe.sort = nxt, s.path.kind, ()


@stage.register
def _(s: r.RSort, b: Builder, pipe: Pipe) -> None:
    if pipe.count is not None or pipe.collect:
        pipe.count_sort = then_by(s.items, pipe.count_sort)
    else:  # a column by its expression: a later `show` may pick other columns
        shown = pipe.columns or ()
        pipe.sort = then_by(tuple((shown[i.index] if isinstance(i, r.RColumn) and
                                   i.index < len(shown) else i, d) for i, d in s.items), pipe.sort)


@stage.register
def _(s: r.RLimit, b: Builder, pipe: Pipe) -> None:
    if pipe.count is not None or pipe.collect:
        if pipe.count_limit is None:
            pipe.count_limit = s.count
    elif pipe.distinct:
        pipe.post_limit = s.count
    elif pipe.columns is None:
        pipe.lines = [_limited(b, pipe, s.count)]
    else:
        pipe.limit = s.count


@stage.register
def _(s: r.RShow, b: Builder, pipe: Pipe) -> None:
    pipe.columns, pipe.added = s.columns, None


@stage.register
def _(s: r.RDistinct, b: Builder, pipe: Pipe) -> None:
    pipe.distinct = pipe.columns is not None and pipe.count is None


@stage.register
def _(s: r.RCheckWith, b: Builder, pipe: Pipe) -> None:
    """The entities so far are checked first, by a query of their own; the pipeline goes on
    from them, with the check's verdict, confidence and why as columns and as values the
    later stages can filter, sort and count by (slots the executor fills)."""
    if pipe.limit is not None:
        pipe.lines, pipe.limit = [_limited(b, pipe, pipe.limit)], None
    b.checks += 1
    f, body = pipe.focus, "\n  ".join(pipe.lines)
    pipe.steps.append(CheckStep(b.checks, header() + f"SELECT DISTINCT ?{f} WHERE {{\n  {body}\n}}\n",
                                 f, s.entity))
    pipe.lines = [b.checked_focus(f)]
    b.repeats = False  # the check's query gives each entity once
    _check_columns(pipe)


def _check_columns(pipe: Pipe) -> None:
    """The columns so far, but the last check's (this one's replace them), then the check's."""
    shown = (pipe.columns or (default_column(pipe.kind, pipe.walk),))[:pipe.added]
    pipe.columns, pipe.added = (*shown, *(r.RPath((r.RStep(step),), r.STRING, name)
                                          for name, step in r.CHECK_STEPS.items())), len(shown)


def _check_last(s: r.RCheckWith, b: Builder, pipe: Pipe) -> None:
    """A `check with` that ends the pipeline: no later stage reads its verdicts, so the
    rows' entities are checked after the query (:attr:`~kg.plans.SelectPlan.check_after`),
    not first by a query of their own (the same rows: a query less, 0.3 ms of a documented
    example's 1.2). Where rows are made otherwise (grouped, counted, distinct, picked,
    transposed), the stage runs as any check does."""
    if pipe.collect or pipe.count is not None or pipe.distinct or pipe.pick or pipe.transpose:
        stage(s, b, pipe)
        return
    b.checks += 1
    _check_columns(pipe)
    pipe.check_after = s.entity


@stage.register
def _(s: r.RCount, b: Builder, pipe: Pipe) -> None:
    if any(isinstance(key, r.RSupports) for key in s.by):  # a support cell is the executor's
        pipe.columns, pipe.collect, pipe.counted = s.by, len(s.by), True  # as `collect` groups
    else:
        pipe.count = s


@stage.register
def _(s: r.RCollect, b: Builder, pipe: Pipe) -> None:
    pipe.columns, pipe.collect = (*s.by, s.value), len(s.by)


@stage.register
def _(s: r.RPick, b: Builder, pipe: Pipe) -> None:
    pipe.pick = tuple(pipe.pick[i] for i in s.columns) if pipe.pick else s.columns


@stage.register
def _(s: r.RTranspose, b: Builder, pipe: Pipe) -> None:
    pipe.transpose = s


# --- rows ---------------------------------------------------------------------------------


def _limited(b: Builder, pipe: Pipe, n: int) -> str:
    """The pattern so far, cut to the first ``n`` entities in the current order: by the
    executor where the order is by names or versions (:func:`_cut`), else in a subquery."""
    settle(b, pipe)
    columns = (default_column(pipe.kind, None),)
    cut = _cut(b, pipe, n, columns)
    if cut is not None:
        return cut
    keys, key_lines = sort_keys(b, pipe.focus, pipe.sort, columns)
    f = pipe.focus
    lines, select, group = key_levels(f, pipe.lines, keys, key_lines,
                                      many_keys(pipe.sort, columns), aggregate, "    ")
    order = " ".join([*(f"{d}(?{k})" for _, k, _, d in keys), f"?{f}"])
    body = "\n    ".join(lines)
    return (f"{{ SELECT {select} WHERE {{\n    {body}\n  }} GROUP BY {group} {HAVING.format(f)} "
            f"ORDER BY {order} LIMIT {n} }}")


def _cut(b: Builder, pipe: Pipe, n: int, columns: tuple[r.RExpr, ...]) -> str | None:
    """The pattern so far, cut to its first ``n`` entities by one key of names or of
    versions (``columns`` give the default key), as a slot a cut step fills; None for any
    other order.

    The executor orders the candidates by their names' natural keys or their versions
    (``kg.cells.first_by``): in SPARQL each candidate's key costs a few regular
    expressions, and the engine sorts them all (a cut of 1,000 of 26k candidates by names:
    480 ms, against 250 ms this way; 50 of 1,530 releases by version: 18 against 10 ms)."""
    if not pipe.kind.is_entity:
        return None
    by = (BY_NAMES if by_name(pipe.sort, columns)
          else BY_VERSIONS if by_version(pipe.sort, columns) else None)
    if by is None:
        return None
    keys, key_lines = sort_keys(b, pipe.focus, pipe.sort, columns, PLAIN)
    if len(keys) != 1:
        return None
    (key, _, _, direction), f = keys[0], pipe.focus
    b.cuts += 1
    body = "\n  ".join([*pipe.lines, *key_lines])
    pipe.steps.append(CutStep(b.cuts, header() + f"SELECT ?{f} ?{key} WHERE {{\n  {body}\n}}\n",
                              f, key, direction == "DESC", n, by))
    return f"VALUES ?{f} {{ {slot(b.cuts, 'cut')} }}"


def _rows(b: Builder, pipe: Pipe) -> SelectPlan:
    exprs = pipe.columns if pipe.columns is not None else (default_column(pipe.kind, pipe.walk),)
    f = pipe.focus
    settle(b, pipe)
    # rows with gathered cells are few (a hub's thousands of values in one): the executor
    # orders them, also where the rows were asked in order, and the engine need not sort
    # rows of long texts (Virtuoso 7 cannot: "Value of ANY type column too long" at 100k)
    ordered = b.ordered and not any(gatherable(e) for e in exprs)
    if pipe.limit is not None:  # a `limit` after `show`: cut by the shown names if it can
        cut = _cut(b, pipe, pipe.limit, exprs)
        if cut is not None:
            pipe.lines, pipe.limit = [cut], None
    # rows ordered by names, with no limit to cut them: the executor orders them by the
    # names' natural keys (computing those in SPARQL costs a few regexes per row); by
    # default that is the first column's names, which its own cells bring: no subquery
    names = not ordered and pipe.limit is None and by_name(pipe.sort, exprs)
    # … and rows ordered by versions: by their version keys, which the executor computes
    versions = not ordered and pipe.limit is None and not names and by_version(pipe.sort, exprs)
    ours = names or versions  # the executor orders the rows
    first = names and not pipe.sort
    keys, key_lines = (sort_keys(b, f, pipe.sort, exprs, GATHERED if ours else None)
                       if not first else ([], []))
    columns, cell_lines, gathered_cells = _cells(b, f, exprs, first)
    projected = [f"?{f}", *(f"?{k}" for _, k, _, _ in keys)]
    for c in columns:
        if not c.evidence:
            projected += [f"?{c.var}"] + ([f"?{c.label_var}"] if c.label_var else [])
    order = "" if ours else " ORDER BY " + " ".join(
        [*(f"{d}(?{k})" for _, k, _, d in keys), f"?{f}"])
    rows = filtered_first(pipe.lines) if first else _grouped(
        b, pipe, keys, key_lines, many_keys(pipe.sort, exprs), ours, order)
    if gathered_cells:  # each row entity once (a first level's may repeat), then its cells
        once = distinct_focus(b, f, pipe.lines)[0] if first else rows
        rows = gather(f, once, [f"?{k}" for _, k, _, _ in keys], gathered_cells)
    # DISTINCT: a fact stated by several sources comes back once (the union default graph)
    sparql = (header() + f"SELECT DISTINCT {' '.join(projected)} WHERE {{\n  {rows}\n  "
              + "\n  ".join(cell_lines) + "\n}\n" + (f"{order.strip()}\n" if order else ""))
    by_gathered = tuple((k, d == "DESC") for _, k, _, d in keys) if ours else ()
    return SelectPlan(sparql, tuple(columns), f, b.lang, pipe.distinct, pipe.post_limit,
                      tuple(pipe.steps), finish(pipe), by_gathered, by_first=first,
                      by_versions=versions, graph=b.graph,
                      check_after=pipe.check_after)


def _cells(b: Builder, f: str, exprs: tuple[r.RExpr, ...],
           first: bool) -> tuple[list[Column], list[str], list[tuple[str, str]]]:
    """The columns of ``exprs``, the patterns joining their cells to the row entity, and the
    cells the engine gathers (their variables and patterns, for ``several.gather``):
    entities, several a row, but not in the first column where the executor orders the rows
    by its cells' names (``first``)."""
    columns: list[Column] = []
    cell_lines: list[str] = []
    gathering = {i for i, e in enumerate(exprs) if gatherable(e) and not (first and i == 0)}
    gathered_cells: list[tuple[str, str]] = []
    parted = apart(b, exprs, gathering)
    branches: list[str] = []
    for i, expr in enumerate(exprs):
        if r.check_column(expr) and not b.reads(expr):  # only shown: the executor fills it
            columns.append(replace(checked_column(Column(expr.title, f"c{i}", expr.kind), expr),
                                   evidence=True))
            continue
        if i in gathering and isinstance(expr, r.RPath):
            col, pattern = gathered_cell(b, f, expr, f"c{i}")
            columns.append(col)
            gathered_cells.append((col.var, pattern))
            continue
        col, pattern = cell(b, f, expr, f"c{i}", optional=i not in parted)
        columns.append(checked_column(col, expr))
        (branches if i in parted else cell_lines).append(pattern)
    if branches:  # one OPTIONAL: an entity with values in none of them still has its row
        cell_lines.append(f"OPTIONAL {{ {' UNION '.join(branches)} }}")
    return columns, cell_lines, gathered_cells


def _grouped(b: Builder, pipe: Pipe, keys: list[Key], key_lines: list[str], many: list[bool],
             gathering: bool, order: str) -> str:
    """The row entities, one each, with their sort keys (gathered, with ``gathering``, for
    the executor to order by; else each the least or greatest), and the order and limit."""
    f = pipe.focus
    lines, select, group = key_levels(f, pipe.lines, keys, key_lines, many,
                                      gathered if gathering else aggregate, "      ")
    body = "\n      ".join(lines)
    limit = f" LIMIT {pipe.limit}" if pipe.limit is not None else ""
    order = order if limit else ""  # (without a limit, the query's own ORDER BY is the one)
    return (f"{{ SELECT {select} WHERE {{\n      {body}\n    }} GROUP BY {group} "
            f"{HAVING.format(f)}{order}{limit} }}")
