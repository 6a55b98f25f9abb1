"""Conditions: one check per condition type; each resolves its names and types."""

from __future__ import annotations

from functools import singledispatch

import pyoxigraph as ox

from kg import ast
from kg import checked as r
from kg.checked import CompareOp
from kg.checker.paths import expr, path, supporting
from kg.checker.scope import Scope, quote
from kg.checker.values import term
from kg.i18n import CELL_WORDS, WORDS, in_language
from kg.literals import LiteralKind, parse_literal
from kg.names import find_named
from kg.vocab import KG

__all__ = ["cond"]

_TRUE = parse_literal(LiteralKind.BOOLEAN, "true")


@singledispatch
def cond(c: object, sc: Scope, focus: r.Kind) -> r.RCond | None:
    raise TypeError(f"no check for condition {type(c).__name__}")


@cond.register
def _(c: ast.And, sc: Scope, focus: r.Kind) -> r.RCond | None:
    parts = [cond(x, sc, focus) for x in c.conds]
    return r.RAnd(tuple(parts)) if all(parts) else None  # type: ignore[arg-type]


@cond.register
def _(c: ast.Or, sc: Scope, focus: r.Kind) -> r.RCond | None:
    parts = [cond(x, sc, focus) for x in c.conds]
    return r.ROr(tuple(parts)) if all(parts) else None  # type: ignore[arg-type]


@cond.register
def _(c: ast.Not, sc: Scope, focus: r.Kind) -> r.RCond | None:
    inner = cond(c.cond, sc, focus)
    return r.RNot(inner) if inner else None


@cond.register
def _(c: ast.Supports, sc: Scope, focus: r.Kind) -> r.RCond | None:
    feature = sc.feature(c.feature)
    if feature is None or not supporting(sc, focus, c.span):
        return None
    supports = r.RPath((r.RStep(KG.supports.value),), r.ENTITY, "supports")
    return r.RIn(supports, (r.RTerm(ox.NamedNode(feature)),))


@cond.register
def _(c: ast.Has, sc: Scope, focus: r.Kind) -> r.RCond | None:
    p = path(sc, c.path, focus)
    return r.RHas(p) if p else None


@cond.register
def _(c: ast.Is, sc: Scope, focus: r.Kind) -> r.RCond | None:
    cls = sc.cls(c.cls)
    return r.RIs(cls, tuple(sorted(sc.onto.subclasses(cls)))) if cls else None


@cond.register
def _(c: ast.Contains, sc: Scope, focus: r.Kind) -> r.RCond | None:
    e, text = expr(sc, c.expr, focus), sc.compared_text(c.text)
    return r.RContains(e, text) if e and text is not None else None


@cond.register
def _(c: ast.Truthy, sc: Scope, focus: r.Kind) -> r.RCond | None:
    p = _compared(sc, c.expr, focus)
    if p is None:
        return None
    if p.kind.tag is not r.KindTag.BOOLEAN:
        sc.fail(f"{quote(p.title)} holds {p.kind.describe()}, not true/false: "
                f"compare it (`{p.title} = …`) or test it with `has {p.title}`", c.span)
        return None
    return r.RCompare(p, CompareOp.EQ, r.RTerm(_TRUE))


@cond.register
def _(c: ast.In, sc: Scope, focus: r.Kind) -> r.RCond | None:
    if isinstance(c.expr, ast.SupportsFn):
        return _support_cell(sc, c.expr, c.values, focus)
    p = _compared(sc, c.expr, focus)
    if p is None:
        return None
    named = [_named(sc, v, p, focus) for v in c.values]
    values = [term(sc, v, p) if v else None for v in named]
    return r.RIn(p, tuple(values)) if all(values) else None  # type: ignore[arg-type]


@cond.register
def _(c: ast.Compare, sc: Scope, focus: r.Kind) -> r.RCond | None:
    op = CompareOp(c.op)
    if isinstance(c.expr, ast.SupportsFn) and op in (CompareOp.EQ, CompareOp.NE):
        shows = _support_cell(sc, c.expr, (c.value,), focus)
        return r.RNot(shows) if shows and op is CompareOp.NE else shows
    p = _compared(sc, c.expr, focus)
    if p is None:
        return None
    if op.ordering and not p.kind.ordered:
        sc.fail(f"{quote(p.title)} holds {sc.describe(p.kind)}, which have no order: "
                "use = or !=", c.span)
        return None
    if op.ordering and (words := r.CHECK_VALUES.get(r.check_column(p) or "")):  # not ranks:
        sc.fail(f"{quote(p.title)} holds words ({', '.join(words)}), which have no order: "
                "use = or !=", c.span)  # `confidence > secondary` compared them as text,
        return None  # alphabetically (hunt105 F10)
    given = _named(sc, c.value, p, focus)  # (an ordering compared the word itself:
    value = term(sc, given, p) if given else None  # `name >= NC_Promo` left NC Promo out, hunt127 F3)
    return r.RCompare(p, op, value) if value else None


def _named(sc: Scope, value: ast.Value, p: r.RPath, focus: r.Kind) -> ast.Value | None:
    """The value a name is compared with. A bare word is a name (spec §5): one that names
    nothing in the graph is an error, as `category = Foobar` is, not an empty result, and
    one that names several is ambiguous (`where name = Foobar` gave no rows, exit 0); an
    alias or local name stands for the entity's name (`name = NC_Promo` found nothing:
    hunt90 F6). A text in quotes is text, and so is a parameter's value: `name = "Foobar"`
    asks, and may find none."""
    if value.kind is not ast.ValueKind.NAME or p.steps[-1].iri != r.LABEL:
        return value  # (a parameter's value is text as given: `.save` types it by its use,
        # a string, which an alias made the class of its entity: hunt96 F2)
    text = value.text
    found = find_named(sc.onto, text)
    folded = text.casefold()
    if any(folded == e.label(sc.lang).casefold() for e in found):
        return value  # a name as it is shown: compared as written (its English one in a
        # German session is a name, as a German one in English: hunt131 #3)
    if len(found) > 1:  # (the hint of `series = A100`, an IRI in quotes, is text here)
        names = [e.label(sc.lang) for e in found]
        sc.fail(f"{quote(text)} is ambiguous: it names {', '.join(map(quote, names))}",
                value.span, "compare with one of their names: " +
                " or ".join(f'{p.title} = "{n}"' for n in names[:3]))
        return None
    entity = sc.entity(value, what="name")  # none: said as for `series = …`, with hints
    return None if entity is None else \
        ast.Value(ast.ValueKind.STRING, entity.label(sc.lang), value.span)


def _compared(sc: Scope, e: ast.Expr, focus: r.Kind) -> r.RPath | None:
    if isinstance(e, ast.SupportsFn):  # `supports(F) < …`, a bare `supports(F)`
        sc.fail("a support cell is compared with = != or in (`supports(AutoML) = yes`), "
                "or holds with `supports FEATURE`", e.span)
        return None
    return path(sc, e, focus)


def _support_cell(sc: Scope, e: ast.SupportsFn, values: tuple[ast.Value, ...] | list[ast.Value],
                  focus: r.Kind) -> r.RSupportCell | None:
    """`supports(F) = TEXT`, `in [TEXT, …]`: the cell shows one of the texts (as written,
    or a parameter's value; `yes`, `no`, … in the session's language, as it shows them)."""
    feature = expr(sc, e, focus)
    texts = tuple(sc.text(v) for v in values)
    if not isinstance(feature, r.RSupports) or None in texts:
        return None
    words = sorted({w for key in CELL_WORDS for w in WORDS[key].values() if " " not in w})
    for v in values:  # a bare word is one of the cells' own (the others have spaces): a
        if v.kind is ast.ValueKind.NAME and v.text.casefold() not in words:  # typo found
            sc.fail(f"a cell of {quote(feature.title)} shows yes, no, \"not stated\" or "  # none
                    f"\"yes (…)\", not {quote(v.text)}", v.span,  # (hunt107 F4)
                    sc.did_you_mean(v.text.casefold(), "", words)
                    or ("write yes or no" if v.text.casefold() in ("true", "false")
                        else 'quote a cell\'s text: "…"'))
            return None
    # a cell's word of either language as the session's cells say it: `supports(AutoML) !=
    # no` kept the "nein" rows in German, and `= yes` found none there (hunt103 F1)
    said = tuple(in_language(t, sc.lang, CELL_WORDS) for t in texts if t is not None)
    return r.RSupportCell(feature.feature, said, tuple(sorted(sc.onto.subclasses(KG.Feature.value))))
