"""Values: a value written in a query (or a parameter's value) as the graph term of the
kind the compared path holds: an entity of the right class, or a typed literal."""

from __future__ import annotations

import pyoxigraph as ox

from kg import ast
from kg import checked as r
from kg.checker.scope import Scope, quote
from kg.errors import a
from kg.literals import LiteralKind, is_literal, parse_literal, past_limit
from kg.names import find_named

__all__ = ["term"]


def term(sc: Scope, value: ast.Value, path: r.RPath) -> r.RTerm | None:
    """The value as a graph term of the kind ``path`` holds."""
    kind = path.kind
    text = sc.text(value) if kind.is_entity or kind.tag.literal is not LiteralKind.STRING \
        else sc.compared_text(value)
    if text is None:
        return None
    param = value.text if value.kind is ast.ValueKind.PARAM else None
    if kind.is_entity:
        return _entity(sc, value, text, path, param)
    literal = kind.tag.literal
    closed = r.CHECK_VALUES.get(path.steps[0].iri) if len(path.steps) == 1 else None
    if closed and text.casefold() not in closed:
        sc.fail(f"{quote(path.title)} is one of {', '.join(quote(v) for v in closed)}, not "
                f"{quote(text)}", value.span, sc.did_you_mean(text.casefold(), "", list(closed)))
        return None
    if not is_literal(literal, text):
        bad = f"{quote(path.title)} holds {sc.describe(kind)}; {quote(text)} is not "
        limit = past_limit(literal, text)
        sc.fail(bad + _A_KIND[literal] + (f": {limit}" if limit else ""), value.span)
        return None
    return r.RTerm(parse_literal(literal, text), param)


_A_KIND = {LiteralKind.VERSION: "a version", LiteralKind.NUMBER: "a number",
           LiteralKind.DATE: "a date (YYYY-MM-DD)", LiteralKind.BOOLEAN: "true or false",
           LiteralKind.STRING: "text"}


def _entity(sc: Scope, value: ast.Value, text: str, path: r.RPath,
            param: str | None) -> r.RTerm | None:
    kind, onto = path.kind, sc.onto
    bad = f"{quote(path.title)} holds {sc.describe(kind)}; {quote(text)} is not "
    if kind.compares_by and value.kind is not ast.ValueKind.STRING \
            and is_literal(LiteralKind.VERSION, text):
        return r.RTerm(parse_literal(LiteralKind.VERSION, text), param)
    if kind.compares_by and not find_named(onto, text, kind.classes):
        pool = sorted({e.label() for e in onto.entities.values()
                       if any(onto.is_a(e.iri, c) for c in kind.classes)})
        limit = past_limit(LiteralKind.VERSION, text)
        sc.fail(bad + "a version" + (f": {limit}" if limit else ""), value.span,
                sc.nearest(text, kind.classes, "", pool))
        return None
    if value.kind is ast.ValueKind.DATE:
        sc.fail(bad + "one of them", value.span)
        return None
    e = sc.entity(ast.Value(ast.ValueKind.NAME, text, value.span), kind.classes,
                  param=value.kind is ast.ValueKind.PARAM)
    if e is None:
        return None
    if kind.classes and not any(onto.is_a(e.iri, c) for c in kind.classes):
        wanted = " or ".join(onto.label(c) for c in sorted(kind.classes))
        sc.fail(f"{quote(e.label())} is not {a(wanted)}", value.span,
                f"{quote(path.title)} links to {a(wanted)}")
        return None
    return r.RTerm(ox.NamedNode(e.iri), param)
