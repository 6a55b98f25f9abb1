"""Paths and expressions: each step a property that applies to what the path has
reached, walked forwards or (``^``) backwards; ``name`` only last."""

from __future__ import annotations

from kg import ast
from kg import checked as r
from kg.checker.scope import Scope, quote
from kg.errors import a
from kg.kinds import applicable, kind_of
from kg.ontology import PropertyInfo

__all__ = ["expr", "path", "supporting", "title", "retitle"]


def expr(sc: Scope, e: ast.Expr, focus: r.Kind) -> r.RExpr | None:
    if isinstance(e, ast.SupportsFn):
        feature = sc.feature(e.feature)
        return r.RSupports(feature, title(e)) if feature and supporting(sc, focus, e.span) \
            else None
    return path(sc, e, focus)


def supporting(sc: Scope, focus: r.Kind, span: ast.Span) -> bool:
    """Whether what ``focus`` holds may support a feature (``kg:supports`` applies to it, or
    the data gives it some); else the problem, as ``has supports`` says it (`VMSeries |
    where supports AutoML` was an empty answer, a "none" of a question never asked: hunt71
    F5)."""
    step = ast.Step(ast.Name("supports", span), False, span)
    return _property(sc, step, focus) is not None


def path(sc: Scope, p: ast.Path, start: r.Kind) -> r.RPath | None:
    checked = _checked(sc, p)
    if checked is not None:
        return checked
    kind, steps, many = start, [], False
    for i, step in enumerate(p.steps):
        text = step.name.text
        if text.casefold() == "name" and not step.inverse:
            if i != len(p.steps) - 1:
                sc.fail("`name` can only be the last step of a path", step.span)
                return None
            steps.append(r.RStep(r.LABEL))
            kind = r.STRING
            continue
        if not kind.is_entity:
            sc.fail(f"{quote(text)} cannot follow a path to {kind.describe()}: "
                    "they have no properties", step.span)
            return None
        prop = _property(sc, step, kind)
        if prop is None:
            return None
        if step.inverse and not prop.is_object:
            sc.fail(f"{quote('^' + text)}: only properties that link entities can be "
                    "walked backwards", step.span)
            return None
        steps.append(r.RStep(prop.iri, step.inverse))
        kind = kind_of(sc.onto, prop, step.inverse)
        many = many or step.inverse or not prop.single
    return r.RPath(tuple(steps), kind, title(p), many)


def _checked(sc: Scope, p: ast.Path) -> r.RPath | None:
    """After `check with`, ``verdict``, ``confidence`` and ``why`` are the row's columns."""
    if not sc.checked or len(p.steps) != 1 or p.steps[0].inverse:
        return None
    pseudo = r.CHECK_STEPS.get(p.steps[0].name.text.casefold())
    return r.RPath((r.RStep(pseudo),), r.STRING, title(p)) if pseudo else None


def _property(sc: Scope, step: ast.Step, kind: r.Kind) -> PropertyInfo | None:
    onto, name = sc.onto, step.name.text
    found = onto.find_property(name)
    fitting = applicable(onto, kind, step.inverse)
    pool = sorted({p.name for p in fitting})
    if not found:
        hint = sc.did_you_mean(name, "p", pool) or sc.did_you_mean(name, "p")
        sc.fail(f"unknown property {quote(name)}", step.name.span, hint)
        return None
    prop = next((p for p in found if p in fitting), found[0])  # of several named alike, one
    # the focus has (a data file's `lab:architecture` of its own class: hunt124 F1)
    if kind.classes and prop not in fitting and not onto.used_by(kind.classes, prop.iri,
                                                                 step.inverse):
        owner = " or ".join(onto.label(c) for c in sorted(kind.classes))
        owners = " or ".join(onto.label(c) for c in (prop.ranges if step.inverse
                                                       else prop.domains))
        # where the property belongs says what is wrong; a near name only where it says none
        if step.inverse:  # `VMSeries.^category`: the series has a category, none points here
            ends = " or ".join(onto.label(c) for c in prop.domains)
            hint = (f"`^{prop.name}` walks back from {owners} to {ends}" if owners and ends
                    else None) or sc.did_you_mean(name, "p", pool)
            sc.fail(f"no {quote(prop.name)} leads to {a(owner)}", step.name.span, hint)
            return None
        hint = (f"{quote(prop.name)} belongs to {owners}" if owners else None) or \
            sc.did_you_mean(name, "p", pool)
        sc.fail(f"{owner} has no property {quote(name)}", step.name.span, hint)
        return None
    return prop


def title(e: ast.Expr) -> str:
    """A column title for an expression: the path as written."""
    if isinstance(e, ast.SupportsFn):  # a parameter as written, `supports($a)` (it read
        param = "$" if e.feature.kind is ast.ValueKind.PARAM else ""  # `supports(a)`, as
        return f"supports({param}{e.feature.text})"  # if a feature `a`: hunt57 F9)
    return ".".join(("^" if s.inverse else "") + s.name.text for s in e.steps)


def retitle(e: r.RExpr, new: str) -> r.RExpr:
    if isinstance(e, r.RPath):
        return r.RPath(e.steps, e.kind, new, e.many)
    return r.RSupports(e.feature, new, e.kind)
