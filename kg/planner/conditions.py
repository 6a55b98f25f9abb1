"""Conditions: a checked `where` condition as SPARQL, one function per condition type.

:func:`pattern` gives a condition as graph patterns joined into the query (for the
positive conditions a `where` holds at its top level: the engine joins them, which is
fast); :func:`expression` gives it as a FILTER expression (for `not`, `or` and
nested conditions). Both say the same thing: a comparison on a path with several
values holds when any value satisfies it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial, singledispatch

from kg import checked as r
from kg.checked import CompareOp
from kg.literals import natural_key
from kg.planner.builder import SET_STEPS, Builder
from kg.planner.columns import shown_label
from kg.planner.sparql import folded, iri, natural_of, string
from kg.planner.support_cells import support_cell
from kg.planner.texts import picked_text, text_walk
from kg.vocab import KG

__all__ = ["expression", "pattern", "where_lines", "distinct_focus", "filtered_first", "walked"]


#: Positive conditions joined into one query; the rest become FILTER(EXISTS …): the engine
#: plans a join of many patterns in time that grows steeply with their number (200 joined
#: conditions took minutes), a FILTER per row stays linear.
MAX_JOINS = 8

#: FILTER conditions in one group of the query; the next go in a group around it. The
#: engine plans a group's filters in time that grows as their number squared: 500 text
#: conditions took 2.0 s in one group, 74 ms in groups of 32.
MAX_FILTERS = 32

#: Conditions in a FILTER (`not`, `or`, past MAX_JOINS) on a path of two steps or more are
#: probes, at most this many a query (see :func:`_exists`); the rest stay EXISTS.
MAX_PROBES = 8


def where_lines(cond: r.RCond, b: Builder, focus: str, lines: list[str]) -> list[str]:
    """``lines``, the pattern so far, with a `where` stage's conditions: positive conditions
    at the top as joined patterns (the first ``MAX_JOINS`` of the query), the rest as
    FILTERs. A joined condition on a path with several values gives an entity one solution
    per value that holds; the next condition sees each entity once (:func:`distinct_focus`),
    so two such conditions cost their values added up, not multiplied."""
    parts = cond.conds if isinstance(cond, r.RAnd) else (cond,)
    lines, filters = list(lines), 0
    for part in parts:
        key = (focus, b.checks, repr(part))  # a verdict is the last `check with`'s
        if key in b.conds:  # the same condition again holds already
            continue
        b.conds.add(key)
        if b.repeats:  # a join or a FILTER: once per entity, not once per value
            lines = distinct_focus(b, focus, lines)
        joined = pattern(part, b, focus) if b.joins < MAX_JOINS else None
        b.joins += joined is not None
        if joined is not None and r.check_column(getattr(part, "path", None)):
            lines = _without_checked_focus(b, focus, lines)
        text = joined if joined is not None else f"FILTER({expression(part, b, focus)})"
        if b.probes:
            lines = _probed(b, focus, lines)
        if joined is None and filters == MAX_FILTERS:  # see MAX_FILTERS
            lines, filters = distinct_focus(b, focus, lines), 0
        filters += joined is None
        lines.append(text)
        b.repeats = b.repeats or (joined is not None and _repeats(part))
    return lines


def _without_checked_focus(b: Builder, focus: str, lines: list[str]) -> list[str]:
    """``lines`` without the last check's ``VALUES ?focus`` when a condition joins one of its
    columns: those ``VALUES (?focus ?v)`` hold a pair for every entity checked, so they
    bind the same entities, and Oxigraph joins two VALUES blocks pair by pair (`… | check
    with "CUDA 12.0" | where verdict = compatible` took 1.5 s for 8,700 series at 1M
    triples)."""
    own = b.checked_focus(focus)
    return [line for line in lines if line != own]


def distinct_focus(b: Builder, focus: str, lines: list[str],
                   shown: Sequence[str] = ()) -> list[str]:
    """``lines`` as a subquery giving each entity in ``?focus`` once (with the variables
    ``shown``): where a joined condition left it several solutions (:func:`where_lines`),
    for each probe (:func:`_probed`), after `follow`."""
    b.repeats = False
    body = "\n    ".join(lines)
    return [f"{{ SELECT DISTINCT {' '.join([f'?{focus}', *shown])} WHERE {{\n    {body}\n  }} }}"]


def filtered_first(lines: list[str], indent: str = "\n  ") -> str:
    """``lines`` joined, in a group of their own where one of them filters: a ``FILTER``'s
    scope is its whole group, so beside the cells' ``OPTIONAL``s Oxigraph evaluated it once
    a solution of the cells, after joining them, not once an entity (`VMSeries | where name
    ~ "11" | show name, supportedBy.^supportedBy.name` at 100k triples: 15.4 s against
    1.3 s for the same 182k solutions: hunt70 F3). The group is no subquery: its
    variables are the query's, as before."""
    body = indent.join(lines)
    return f"{{ {body} }}" if "FILTER" in body else body


def walked(b: Builder, lines: list[str], focus: str, walk: r.RPath) -> tuple[list[str], str]:
    """``lines`` walked from ``?focus`` along ``walk`` (a statement such as `NCv3.gpu.name`),
    and the variable of what it reaches: texts only those their cells show. A long walk
    (:data:`~kg.planner.builder.SET_STEPS` steps or more) reaches each hop's entities once,
    as `follow` does: a set of entities a hop, fewer than the (start, entity) pairs
    :meth:`Builder.walk` keeps where the start matters, and a path back and forth
    (`NCv3.architecture.^architecture…`) no longer multiplies its solutions by each hop's
    fan-out (sixteen such hops never ended)."""
    if len(walk.steps) >= SET_STEPS:
        for step in walk.steps[:-1]:
            nxt = b.var("x")
            hop = b.walk(focus, r.RPath((step,), r.ENTITY, walk.title), f"?{nxt}")
            lines, focus = distinct_focus(b, nxt, [*lines, hop]), nxt
        walk = r.RPath(walk.steps[-1:], walk.kind, walk.title)
    nxt = b.var("x")
    return [*lines, text_walk(b, focus, walk, nxt)], nxt


def _probed(b: Builder, focus: str, lines: list[str]) -> list[str]:
    """``lines`` with the condition's probes: each entity once, with each probe's variable
    bound where its pattern matches (``OPTIONAL { … BIND(true AS ?e) }``), one subquery
    level per probe (two OPTIONALs side by side would multiply their matches)."""
    shown: list[str] = []
    for var, pat in b.probes:
        shown.append(f"?{var}")
        lines = distinct_focus(b, focus, [*lines, f"OPTIONAL {{ {pat} BIND(true AS ?{var}) }}"],
                               shown)
    b.probes.clear()
    return lines


def _exists(b: Builder, made: Callable[[], str], steps: int) -> str:
    """``EXISTS { pattern }`` as a FILTER expression, the pattern ``made`` knowing it is
    there (:attr:`Builder.nested`); where it walks two steps or more, a probe instead,
    ``BOUND(?e)`` (:func:`_probed`): Oxigraph evaluates such an EXISTS without the entity
    bound, 0.6 ms an entity at 100k triples (0.87 s for `VMSeries | where not
    (^series.gpuCount >= 4)`, 7 ms as a probe)."""
    if steps < 2 or b.probed >= MAX_PROBES:
        b.nested = True  # (no pattern holds a FILTER's EXISTS in turn)
        pat, b.nested = made(), False
        return f"EXISTS {{ {pat} }}"
    b.probed += 1
    pat = made()
    var = b.var("e")
    b.probes.append((var, pat))
    return f"BOUND(?{var})"


def _steps(path: r.RExpr, label: bool = False) -> int:
    """How many triple patterns a condition on ``path`` walks: its steps, and one more for
    an entity compared by a property (a version) or, with ``label``, by its label."""
    steps = _walked(path)
    kind = path.kind
    return steps + (1 if kind.is_entity and (label or kind.compares_by) else 0)


def _walked(path: r.RExpr) -> int:
    """The steps of ``path``; two for a `check with` column: its values are one ``VALUES``
    block of pairs, which an EXISTS reads whole for every entity (`… | check with "CUDA
    12.1" | where not verdict = compatible` took 1.4 s for 8,700 series at 1M triples, a
    probe 30 ms)."""
    if r.check_column(path) is not None:
        return 2
    return len(path.steps) if isinstance(path, r.RPath) else 0


def _repeats(cond: r.RCond) -> bool:
    """Does the joined pattern of ``cond`` give an entity one solution per value of a path
    with several values? Not an equality through one step: one value at most is equal."""
    if isinstance(cond, r.RCompare) and cond.op is CompareOp.EQ and len(cond.path.steps) <= 1:
        return False
    if isinstance(cond, r.ROr) and (listed := _as_list(cond)) is not None:
        cond = listed
    if isinstance(cond, r.RIn):  # one value of the list through one step: as an equality
        return cond.path.many and (len(cond.values) > 1 or len(cond.path.steps) > 1)
    return isinstance(cond, (r.RCompare, r.RHas)) and cond.path.many


# --- as graph patterns (None: not expressible as a join) ----------------------------


@singledispatch
def pattern(cond: object, b: Builder, focus: str) -> str | None:
    return None


@pattern.register
def _(cond: r.RCompare, b: Builder, focus: str) -> str | None:
    return _compare(cond.path, cond.op, cond.value, b, focus)


@pattern.register
def _(cond: r.RHas, b: Builder, focus: str) -> str | None:
    return b.walk(focus, cond.path, "?" + b.var("v"))


@pattern.register
def _(cond: r.RIs, b: Builder, focus: str) -> str | None:
    return b.typed(focus, cond.cls, cond.subclasses)


@pattern.register
def _(cond: r.RIn, b: Builder, focus: str) -> str | None:
    return _joined_list(cond, b, focus)


@pattern.register
def _(cond: r.ROr, b: Builder, focus: str) -> str | None:
    listed = _as_list(cond)
    return _joined_list(listed, b, focus) if listed is not None else None


def _as_list(cond: r.ROr) -> r.RIn | None:
    """Equalities on one path (`series = a or series = b`) as the list `series in [a, b]`."""
    parts = cond.conds
    if not all(isinstance(c, r.RCompare) and c.op is CompareOp.EQ for c in parts):
        return None
    paths = {c.path for c in parts if isinstance(c, r.RCompare)}
    if len(paths) != 1:
        return None
    return r.RIn(paths.pop(), tuple(c.value for c in parts if isinstance(c, r.RCompare)))


def _joined_list(cond: r.RIn, b: Builder, focus: str) -> str | None:
    """A list of entities through a path, as a join from the listed entities (``VALUES``):
    the engine walks back from them instead of testing every entity in a FILTER (`VMSize |
    where series in [a, b, c]` at 1M triples: 72 ms as a FILTER, under 1 ms this way).
    Text and versions keep the FILTER (:func:`_listed`)."""
    kind = cond.path.kind
    if (not cond.values or not cond.path.steps or not kind.is_entity or kind.compares_by
            or r.check_column(cond.path) is not None):
        return None
    if len(cond.values) == 1:
        return b.walk(focus, cond.path, b.value(cond.values[0]))
    v = b.var("v")
    listed = " ".join(b.value(t) for t in cond.values)
    return f"VALUES ?{v} {{ {listed} }} {b.walk(focus, cond.path, f'?{v}')}"


# --- as FILTER expressions ------------------------------------------------------------


@singledispatch
def expression(cond: object, b: Builder, focus: str) -> str:
    raise TypeError(f"no SPARQL for condition {type(cond).__name__}")


@expression.register
def _(cond: r.RNot, b: Builder, focus: str) -> str:
    return f"!({expression(cond.cond, b, focus)})"


@expression.register
def _(cond: r.RAnd, b: Builder, focus: str) -> str:
    return "(" + " && ".join(expression(c, b, focus) for c in cond.conds) + ")"


@expression.register
def _(cond: r.ROr, b: Builder, focus: str) -> str:
    """Equalities on one path (`name = a or name = b`) test as one list (`name in [a, b]`):
    one pattern for the engine, not one per value."""
    same: dict[r.RPath, list[r.RTerm]] = {}
    parts: list[r.RCond | r.RPath] = []
    for c in cond.conds:
        if isinstance(c, r.RCompare) and c.op is CompareOp.EQ:
            if c.path not in same:
                parts.append(c.path)
            same.setdefault(c.path, []).append(c.value)
        else:
            parts.append(c)
    return "(" + " || ".join(
        expression(r.RIn(p, tuple(same[p])) if len(same[p]) > 1
                   else r.RCompare(p, CompareOp.EQ, same[p][0]), b, focus)
        if isinstance(p, r.RPath) else expression(p, b, focus) for p in parts) + ")"


@expression.register
def _(cond: r.RIs, b: Builder, focus: str) -> str:
    return f"EXISTS {{ {pattern(cond, b, focus)} }}"


@expression.register
def _(cond: r.RHas, b: Builder, focus: str) -> str:
    return _exists(b, lambda: pattern(cond, b, focus) or "", _walked(cond.path))


@expression.register
def _(cond: r.RIn, b: Builder, focus: str) -> str:
    if not cond.values:
        return "(1 = 0)"  # an empty list holds nothing (rdflib reads a bare `false` as true)
    listed = _listed(cond.path, cond.values, b, focus)
    if listed is not None:
        return listed
    return "(" + " || ".join(_exists(b, partial(_compare, cond.path, CompareOp.EQ, v, b, focus),
                                     _steps(cond.path)) for v in cond.values) + ")"


@expression.register
def _(cond: r.RCompare, b: Builder, focus: str) -> str:
    return _exists(b, partial(_compare, cond.path, cond.op, cond.value, b, focus),
                   _steps(cond.path))


@expression.register
def _(cond: r.RSupportCell, b: Builder, focus: str) -> str:
    return support_cell(cond, b, focus)


@expression.register
def _(cond: r.RContains, b: Builder, focus: str) -> str:
    v = b.var("v")
    if isinstance(cond.expr, r.RSupports):
        q = b.var("q")
        feature = iri(cond.expr.feature)

        def qualifiers(o: str) -> str:
            return b.scoped(f"?{q} kg:target ?{focus} ; kg:feature {feature} ; kg:qualifier ?{o} .")

        shown = picked_text(b, qualifiers, v)  # the qualifier its cell shows, not every one
        return f"EXISTS {{ {qualifiers(v)} FILTER({shown}){_contains(v, cond.text)} }}"

    def contained() -> str:
        if not cond.expr.kind.is_entity:  # the test inside the walk (texts._through_hub, _held)
            return text_walk(b, focus, cond.expr, v, _contains(v, cond.text, bare=True), owned=True)
        walk, text = text_walk(b, focus, cond.expr, v), b.var("l")  # the name its cell shows
        return f"{walk} {shown_label(b, v, text)}{_contains(text, cond.text)}"
    return _exists(b, contained, _steps(cond.expr, label=True))


def _contains(var: str, text: str, bare: bool = False) -> str:
    """The FILTER that ``?var`` holds ``text`` (``bare``: its test), case-insensitively; none
    for no text, which every text holds (Virtuoso 7 says `CONTAINS(x, "")` is false)."""
    held = "CONTAINS({}, {})".format(*folded(f"?{var}", [text]))
    return "" if not text else held if bare else f" FILTER({held})"


# --- comparisons ----------------------------------------------------------------------


def _listed(path: r.RPath, values: tuple[r.RTerm, ...], b: Builder, focus: str) -> str | None:
    """A list test as one SPARQL ``IN`` where equality is plain: text (case-insensitive) and
    entities that do not compare as versions; None for the other kinds."""
    kind = path.kind
    if kind.tag is r.KindTag.STRING:
        v = b.var("v")
        got, wanted = folded(f"?{v}", [t.term.value for t in values])  # folded once, here
        return _exists(b, lambda: text_walk(b, focus, path, v, f"{got} IN ({wanted})"),
                       _walked(path))
    if kind.is_entity and not kind.compares_by:
        listed = ", ".join(b.value(t) for t in values)
        if not path.steps:
            return f"(?{focus} IN ({listed}))"
        v = b.var("v")
        return _exists(b, lambda: f"{b.walk(focus, path, f'?{v}')} FILTER(?{v} IN ({listed}))",
                       _walked(path))
    return None


def _compare(path: r.RPath, op: CompareOp, t: r.RTerm, b: Builder, focus: str) -> str:
    """The graph pattern of one comparison (any value of the path satisfying it)."""
    kind = path.kind
    v = b.var("v")
    if kind.tag is r.KindTag.STRING:  # the text its cell shows, not one in another language
        return _compare_texts(path, op, t, b, focus, v)
    walk = b.walk(focus, path, f"?{v}")
    version_literal = t.term.datatype == KG.version if hasattr(t.term, "datatype") else False
    if kind.is_entity and kind.compares_by and (version_literal or op.ordering):
        cmp, n = iri(kind.compares_by), b.var("n")
        if version_literal:
            rhs = b.value(t, key=True)
        else:
            m = b.var("m")
            walk += f" {b.value(t)} {cmp} ?{m} ."
            rhs = b.key(m)
        return f"{walk} ?{v} {cmp} ?{n} . FILTER({b.key(n)} {op} {rhs})"
    if kind.tag is r.KindTag.VERSION:
        return f"{walk} FILTER({b.key(v)} {op} {b.value(t, key=True)})"
    if kind.is_entity and op is CompareOp.EQ:
        if path.steps:
            return b.walk(focus, path, b.value(t))
        return f"FILTER(?{focus} = {b.value(t)})"
    if kind.tag is r.KindTag.DATE and op is CompareOp.LE:
        # the same test, said otherwise: Virtuoso 7 scans a date index for `<=` and stops
        # early (`VMSeries | where retiredOn <= 2024-01-01` at 100k: 84 or 59 of 102)
        value = b.value(t)
        return f"{walk} FILTER(?{v} < {value} || ?{v} = {value})"
    return f"{walk} FILTER(?{v} {op} {b.value(t)})"


def _compare_texts(path: r.RPath, op: CompareOp, t: r.RTerm, b: Builder, focus: str,
                   v: str) -> str:
    """One comparison of the texts ``path``'s cell shows (:func:`_compare`)."""
    test = f" {op} ".join(folded(f"?{v}", [t.term.value]))
    if op.ordering:  # as `sort` orders names: `CUDA 9.0` < `CUDA 10.0`, `NC6` < `NC12`
        key = natural_of(f"?{v}")  # STR: Virtuoso 7 compares a REPLACE with no literal
        test = f"STR({key}) {op} {string(natural_key(t.term.value))}"
    return text_walk(b, focus, path, v, test)  # the test inside the walk (texts._through_hub)
