"""Stages: one check per stage type, over the state a pipeline has reached."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field
from functools import singledispatch

from kg import ast
from kg import checked as r
from kg.checker.conditions import cond
from kg.checker.paths import expr, path, retitle, title
from kg.checker.scope import Scope, quote
from kg.limits import MAX_CUTS
from kg.records import record

__all__ = ["Pipeline", "stage", "STAGE_WORDS", "GROUPING", "stage_word", "refusal"]

#: How each stage is written, for messages (the class name when it is one word).
STAGE_WORDS = {ast.CountBy: "count by", ast.CheckWith: "check with"}
#: The stages that may follow `count` or `collect` (they order, cut or turn its rows).
_AFTER_COUNT = ("sort", "limit", "distinct", "transpose", "show")
#: The stages that group the rows, and the word a message names them by (what follows
#: them takes the groups' columns by name: completion offers so, kg.repl.suggest).
GROUPING = {"count": "count", "count by": "count", "collect": "collect"}
#: The stages that must end a pipeline.
_LAST = (ast.Transpose,)
#: The stages whose rows are whole only after the query (a `show`'s columns, a check's
#: verdicts): a `limit` or `distinct` after them works on those rows, in the executor.
_ROW_SHAPING = ("show", "check with")
#: What cannot follow such a `limit` (it would see every row, not the first N) …
_NOT_AFTER_ROW_LIMIT = ("where", "sort", "count", "count by", "collect", "follow", "distinct")
#: … or such a `distinct` (it would count or check every entity, not the distinct rows).
_NOT_AFTER_ROW_DISTINCT = ("count", "count by", "check with")


def stage_word(s: object) -> str:
    return STAGE_WORDS.get(type(s), type(s).__name__.lower())


def refusal(before: Sequence[str], word: str) -> str | None:
    """Why a stage written ``word`` (see :func:`stage_word`) cannot follow the stages
    written ``before``, or None when it may: the order rules alone, which the checker
    applies and completion offers by (a stage after `transpose` is refused too, though
    the checker reports that at the `transpose`)."""
    if "transpose" in before:
        return "`transpose` must be the last stage"
    grouped = next((i for i, w in enumerate(before) if w in GROUPING), None)
    if grouped is not None:
        counted = GROUPING[before[grouped]]
        if word not in _AFTER_COUNT:
            return f"`{word}` cannot follow `{counted}`: filter and pick before grouping"
        if "show" in before[grouped + 1:] and word != "transpose":
            return f"`show` after `{counted}` comes last (only `transpose` may follow it)"
        if word == "sort" and "limit" in before[grouped + 1:]:  # (it sorted the groups
            # first, then cut: the top groups of the wrong order, hunt127 F1)
            return f"`sort` cannot follow a `limit` after `{counted}`: put it before the `limit`"
    shaped = next((i for i, w in enumerate(before) if w in _ROW_SHAPING), None)
    if shaped is not None:
        after, shaper = before[shaped + 1:], before[shaped]
        if "limit" in after and word in _NOT_AFTER_ROW_LIMIT:
            return f"`{word}` cannot follow a `limit` after `{shaper}`: put it before the `limit`"
        if "distinct" in after and word in _NOT_AFTER_ROW_DISTINCT:
            return (f"`{word}` cannot follow `distinct` after `{shaper}`: it would see every "
                    "entity, not the distinct rows")
    if word == "follow" and "check with" in before:
        return "`follow` cannot follow `check with`: follow first, then check"
    if word == "follow" and "show" in before:
        return "`follow` cannot follow `show`: move `show` to the end"
    if word == "collect" and "show" in before:
        return "`collect` cannot follow `show`: collect names its own columns"
    return None


@record(frozen=False)
class Pipeline:
    """What the stages so far produce: rows of ``focus``, the columns a `show` or `count`
    named, and whether rows were counted."""

    focus: r.Kind
    columns: list[str] | None = None
    counted: str = ""  #: the grouping stage the rows went through (`count`, `collect`), if any
    cuts: int = 0  #: `limit`s before `show` that cut the rows in a nested query
    added: int | None = None  #: where the columns the last `check with` added start
    kept_check: str | None = None  #: a column of the last check that a `show` keeps
    out: list[r.RStage] = field(default_factory=list)
    last: object = None  #: the pipeline's last stage (`transpose` must be it)
    #: the title of the values a path source gives (`VMSeries.retiredOn`: `retiredOn`)
    values_title: str | None = None


def check_stages(sc: Scope, stages: tuple[ast.Stage, ...], focus: r.Kind,
                 values_title: str | None = None) -> list[r.RStage]:
    pipe = Pipeline(focus, last=stages[-1] if stages else None, values_title=values_title)
    done: list[str] = []  # the words of the stages in order so far
    for s in stages:
        word = stage_word(s)
        why = refusal(done, word)
        if why is None and isinstance(s, _LAST) and s is not pipe.last:
            why = f"`{word}` must be the last stage"
        if why is not None:
            sc.fail(why, s.span)
            continue
        done.append(word)
        stage(s, sc, pipe)
    return pipe.out


def _items(sc: Scope, items: tuple[ast.ShowItem, ...],
           focus: r.Kind) -> tuple[tuple[r.RExpr, ...] | None, list[str]]:
    """Checked expressions (None when one is wrong) and their titles (alias, else as written)."""
    exprs = [expr(sc, item.expr, focus) for item in items]
    titles = [it.alias.text if it.alias else title(it.expr) for it in items]
    if any(e is None for e in exprs):
        return None, titles
    return tuple(retitle(e, t) for e, t in zip(exprs, titles)), titles  # type: ignore[arg-type]


#: The title `--ids` gives the column of each row's entity IRI (:meth:`kg.result.Result.records`).
ROW_ID = "@id"


def _titled_once(sc: Scope, items: tuple[ast.ShowItem, ...], titles: list[str],
                 taken: tuple[str, ...] = ()) -> None:
    """Each column's title once, case aside, and none of the ``taken`` ones: JSON keys a row
    by its titles (a repeated one would lose a column) and `sort` finds a column by it."""
    seen = {t.casefold() for t in taken}
    for item, t in zip(items, titles):
        if t.casefold() == ROW_ID:
            sc.fail(f"{quote(t)} is the title of each row's entity IRI (--ids): give the "
                    "column another title", item.alias.span if item.alias else item.span)
        elif t.casefold() in seen:
            sc.fail(f"two columns are titled {quote(t)}: give one another title with `as`",
                    item.span)
        seen.add(t.casefold())


@singledispatch
def stage(s: object, sc: Scope, pipe: Pipeline) -> None:
    raise TypeError(f"no check for stage {type(s).__name__}")


@stage.register
def _(s: ast.Where, sc: Scope, pipe: Pipeline) -> None:
    c = cond(s.cond, sc, pipe.focus)
    if c is not None:
        pipe.out.append(r.RWhere(c))


@stage.register
def _(s: ast.Show, sc: Scope, pipe: Pipeline) -> None:
    if pipe.counted:
        _pick(s, sc, pipe)
        return
    cols, titles = _items(sc, s.items, pipe.focus)
    _titled_once(sc, s.items, titles)
    if cols is not None:
        pipe.out.append(r.RShow(cols))
    pipe.columns, pipe.added = titles, None
    pipe.kept_check = next((t for e, t in zip(cols or (), titles) if r.check_column(e)), None)


def _pick(s: ast.Show, sc: Scope, pipe: Pipeline) -> None:
    """`show` after `count by` or `collect` picks and orders their columns, by title."""
    columns = pipe.columns or []
    picked: list[int] = []
    for item in s.items:
        name = title(item.expr)
        found = [i for i, col in enumerate(columns) if col.casefold() == name.casefold()]
        if not found or item.alias is not None:
            sc.fail(f"after `{pipe.counted}`, `show` picks its columns by name: "
                    f"{', '.join(quote(c) for c in columns)}", item.span,
                    sc.did_you_mean(name, "", columns) if not found else None)
            continue
        if found[0] in picked:
            sc.fail(f"{quote(columns[found[0]])} is picked twice", item.span)
            continue
        picked.append(found[0])
    pipe.out.append(r.RPick(tuple(picked)))
    pipe.columns = [columns[i] for i in picked]


@stage.register
def _(s: ast.Sort, sc: Scope, pipe: Pipeline) -> None:
    items = []
    for item in s.items:
        ref = _sort_key(sc, item.expr, pipe)
        if ref is not None:
            items.append((ref, item.descending))
    pipe.out.append(r.RSort(tuple(items)))


def _sort_key(sc: Scope, e: ast.Expr, pipe: Pipeline) -> r.RExpr | r.RColumn | None:
    if pipe.counted and not isinstance(e, ast.Path):  # `sort supports(X)`: a column's title
        name = title(e)
        found = [i for i, col in enumerate(pipe.columns or ()) if col.casefold() == name.casefold()]
        if found:
            return r.RColumn(found[0], (pipe.columns or [])[found[0]])
        sc.fail(f"after `{pipe.counted}`, `sort` takes a column by name: "
                f"{', '.join(quote(c) for c in pipe.columns or ())}", e.span)
        return None
    if pipe.columns is not None and isinstance(e, ast.Path):
        name = title(e)
        for i, col in enumerate(pipe.columns):
            if col.casefold() == name.casefold():
                return r.RColumn(i, col)
        if pipe.counted:
            sc.fail(f"no column {quote(name)} to sort by", e.span,
                    sc.did_you_mean(name, "", pipe.columns))
            return None
    elif pipe.values_title and not pipe.focus.is_entity and isinstance(e, ast.Path) \
            and title(e).casefold() == pipe.values_title.casefold():  # the values themselves
        return r.RPath((), pipe.focus, pipe.values_title)
    return expr(sc, e, pipe.focus)


@stage.register
def _(s: ast.Limit, sc: Scope, pipe: Pipeline) -> None:
    last = pipe.out[-1] if pipe.out else None
    if isinstance(last, r.RLimit):  # `limit a | limit b` is `limit min(a, b)`
        pipe.out[-1] = r.RLimit(min(last.count, s.count))
        return
    if pipe.columns is None:
        pipe.cuts += 1
        if pipe.cuts > MAX_CUTS:
            sc.fail(f"at most {MAX_CUTS} `limit` stages may cut the rows before `show`",
                    s.span, "move the conditions before the first `limit`")
            return
    pipe.out.append(r.RLimit(s.count))


@stage.register
def _(s: ast.Count, sc: Scope, pipe: Pipeline) -> None:
    pipe.out.append(r.RCount())
    pipe.counted, pipe.columns = "count", ["count"]


@stage.register
def _(s: ast.CountBy, sc: Scope, pipe: Pipeline) -> None:
    exprs, titles = _items(sc, s.items, pipe.focus)
    _titled_once(sc, s.items, titles, taken=("count",))
    if exprs is not None:
        pipe.out.append(r.RCount(exprs))
    pipe.counted, pipe.columns = "count", [*titles, "count"]


@stage.register
def _(s: ast.Collect, sc: Scope, pipe: Pipeline) -> None:
    value, value_title = _items(sc, (s.value,), pipe.focus)
    by, titles = _items(sc, s.by, pipe.focus)
    _titled_once(sc, (*s.by, s.value), [*titles, *value_title])
    if value is not None and by is not None:
        pipe.out.append(r.RCollect(value[0], by))
    pipe.counted, pipe.columns = "collect", [*titles, *value_title]


@stage.register
def _(s: ast.Transpose, sc: Scope, pipe: Pipeline) -> None:
    pipe.out.append(r.RTranspose(s.title.text if s.title else None))


@stage.register
def _(s: ast.Follow, sc: Scope, pipe: Pipeline) -> None:
    p = path(sc, s.path, pipe.focus)
    if p is None:
        return
    if not p.kind.is_entity:
        sc.fail("`follow` needs a path to entities; "
                f"{quote(title(s.path))} holds {p.kind.describe()}", s.path.span)
        return
    pipe.out.append(r.RFollow(p))
    pipe.focus = p.kind


@stage.register
def _(s: ast.Distinct, sc: Scope, pipe: Pipeline) -> None:
    pipe.out.append(r.RDistinct())


@stage.register
def _(s: ast.CheckWith, sc: Scope, pipe: Pipeline) -> None:
    if not pipe.focus.is_entity:
        sc.fail(f"`check with` needs rows of entities, not {pipe.focus.describe()}", s.span)
    elif pipe.kept_check is not None:  # its columns would read this check's verdicts
        sc.fail(f"`check with` replaces the columns of the check before it, and `show` keeps "
                f"{quote(pipe.kept_check)} of that one: show it after the last check", s.span)
    elif clash := [t for t in (pipe.columns or ["name"])[:pipe.added]
                   if t.casefold() in r.CHECK_STEPS]:
        sc.fail(f"`check with` adds a column titled {quote(clash[0].casefold())}, and the rows "
                "have one: give it another title with `as`", s.span)
    elif (other := sc.entity(s.value)) is not None:
        pipe.out.append(r.RCheckWith(other.iri))
        shown = (pipe.columns or ["name"])[:pipe.added]  # the last check's columns go
        pipe.columns, pipe.added = [*shown, *r.CHECK_STEPS], len(shown)
        sc.checked = True
