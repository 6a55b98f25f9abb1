"""Check: resolve every name against the ontology and type-check every comparison.

One function per statement type here, per stage in :mod:`kg.checker.stages`, per
condition in :mod:`kg.checker.conditions`. All problems are collected before one
:class:`~kg.errors.QueryCheckError` is raised, each with the span of the offending
token and a "did you mean".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import singledispatch

from kg import ast
from kg import checked as r
from kg.checker.paths import path
from kg.checker.scope import Scope
from kg.checker.stages import STAGE_WORDS, check_stages
from kg.errors import Problem, QueryCheckError, Span, quote
from kg.kinds import entity_kind
from kg.literals import unicode_value
from kg.ontology import Ontology
from kg.textscan import composed

__all__ = ["check", "STAGE_WORDS"]

MAX_DEPTH = 6  #: the deepest `neighbors` walk


def check(stmt: ast.Statement, onto: Ontology, params: Mapping[str, str] | None = None,
          source: str = "", lang: str = "en") -> r.RStatement:
    """Resolve ``stmt``; raise :class:`QueryCheckError` listing every problem (a name it
    suggests in ``lang``, the session's language)."""
    sc = Scope(onto, {k: composed(unicode_value(k, v)) for k, v in (params or {}).items()}, lang=lang)
    with onto.expecting(_names(stmt, sc.params)):
        result = statement(stmt, sc)
    if sc.problems or result is None:
        raise QueryCheckError(sc.problems or [Problem("invalid query")], composed(source))
    return result  # type: ignore[no-any-return]


def _names(stmt: ast.Statement, params: Mapping[str, str]) -> Iterator[str]:
    """The texts ``stmt`` may name entities by: its values (a parameter's value) and the
    name a query starts from, for :meth:`~kg.ontology.Ontology.expecting`."""
    if isinstance(stmt, ast.Query):
        yield stmt.source.steps[0].name.text
    for value in ast.values(stmt):
        if value.kind in (ast.ValueKind.NAME, ast.ValueKind.STRING):
            yield value.text
        elif value.kind is ast.ValueKind.PARAM and value.text in params:
            yield params[value.text]


@singledispatch
def statement(stmt: object, sc: Scope) -> r.RStatement | None:
    raise TypeError(f"no check for statement {type(stmt).__name__}")


@statement.register
def _(stmt: ast.Query, sc: Scope) -> r.RStatement | None:
    head, rest = stmt.source.steps[0], stmt.source.steps[1:]
    if head.inverse:
        sc.fail("a query starts at a class or an entity, not at `^`", head.span)
        return None
    cls_iri = entity_iri = None
    classes = sc.onto.find_class(head.name.text)
    if classes and sc.shares_an_entitys_name(classes[0], head.name):
        return None
    if classes:
        cls_iri = classes[0].iri
        start = r.Kind(r.KindTag.ENTITY, frozenset({cls_iri}))
    else:
        found = sc.entity(ast.Value(ast.ValueKind.NAME, head.name.text, head.name.span),
                          what="class or entity")
        if found is None:
            return None
        entity_iri, start = found.iri, entity_kind(sc.onto, found)
    walk = path(sc, ast.Path(rest, stmt.source.span), start) if rest else None
    if rest and walk is None:
        return None
    focus = walk.kind if walk is not None else start
    within = sc.source(stmt.within) if stmt.within is not None else None
    stages = check_stages(sc, stmt.stages, focus,
                          walk.title.rsplit(".", 1)[-1] if walk is not None else None)
    if sc.problems:
        return None
    subclasses = tuple(sorted(sc.onto.subclasses(cls_iri))) if cls_iri else ()
    return r.RQuery(cls_iri, entity_iri, walk, focus, tuple(stages), subclasses, within)


@statement.register
def _(stmt: ast.Describe, sc: Scope) -> r.RStatement | None:
    e = sc.entity(stmt.entity)
    return r.RDescribe(e.iri) if e else None


@statement.register
def _(stmt: ast.PathStmt, sc: Scope) -> r.RStatement | None:
    a, b = sc.entity(stmt.start), sc.entity(stmt.end)
    if a and b and a.iri == b.iri:  # no chain of facts to tell: an empty answer misleads
        sc.fail(f"a path needs two entities: both ends are {quote(a.label())}",
                Span(stmt.start.span.start, stmt.end.span.end),
                "`neighbors ENTITY` lists what one entity links to")
        return None
    return r.RPathStmt(a.iri, b.iri) if a and b else None


@statement.register
def _(stmt: ast.Neighbors, sc: Scope) -> r.RStatement | None:
    e = sc.entity(stmt.entity)
    if not 1 <= stmt.depth <= MAX_DEPTH:
        sc.fail(f"depth must be between 1 and {MAX_DEPTH}, not {stmt.depth}",
                stmt.depth_span or stmt.span)
        return None
    return r.RNeighbors(e.iri, stmt.depth) if e else None


@statement.register
def _(stmt: ast.Check, sc: Scope) -> r.RStatement | None:
    a, b = sc.entity(stmt.left), sc.entity(stmt.right)
    if not (a and b):
        return None
    from kg.compat import partners, relates  # a `check` statement's alone: not every
    from kg.compat.words import word  # statement's start

    if not relates(sc.onto, a.types, b.types):  # the caret under the left one where it
        alone = not partners(sc.onto, a.types)  # relates to nothing (hunt113 F6)
        sc.fail(word(sc.lang, "unrelated", c1=sc.class_label(a), c2=sc.class_label(b)),
                stmt.left.span if alone else stmt.right.span)
        return None
    return r.RCheck(a.iri, b.iri)


@statement.register
def _(stmt: ast.Schema, sc: Scope) -> r.RStatement | None:
    if stmt.cls is None:
        return r.RSchema(None)
    cls = sc.cls(stmt.cls)
    return r.RSchema(cls, tuple(sorted(sc.onto.subclasses(cls)))) if cls else None
