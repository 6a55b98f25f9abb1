"""Check: resolve every name against the ontology and type-check every comparison.

All problems are collected before one :class:`~kg.errors.QueryCheckError` is
raised, each with the span of the offending token and a "did you mean".
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

import pyoxigraph as ox

from kg import ast
from kg import checked as r
from kg.errors import Problem, QueryCheckError, Span
from kg.kinds import applicable, entity_kind, kind_of
from kg.ontology import Entity, Ontology, PropertyInfo, local_name
from kg.vocab import KG_NS, PREFIXES

__all__ = ["check"]

_XSD = PREFIXES["xsd"]
_VERSION = KG_NS + "version"
_VERSION_RE = re.compile(r"^\d+(\.\d+)*$")
_NUMBER_RE = re.compile(r"^-?\d+(\.\d+)?$")
_ORDER_OPS = {"<", "<=", ">", ">="}
_STAGE_NAMES = {"CountBy": "count by", "CheckWith": "check with"}


def check(
    stmt: ast.Statement, onto: Ontology, params: Mapping[str, str] | None = None,
    source: str = "",
) -> r.RStatement:
    """Resolve ``stmt``; raise :class:`QueryCheckError` listing every problem."""
    checker = _Checker(onto, dict(params or {}))
    result = checker.statement(stmt)
    if checker.problems or result is None:
        raise QueryCheckError(checker.problems or [Problem("invalid query")], source)
    return result


def _quote(text: str) -> str:
    return f"`{text}`"


class _Checker:
    def __init__(self, onto: Ontology, params: dict[str, str]) -> None:
        self.onto = onto
        self.params = params
        self.problems: list[Problem] = []

    def fail(self, message: str, span: Span | None, hint: str | None = None) -> None:
        self.problems.append(Problem(message, span, hint))

    def did_you_mean(self, text: str, kinds: str, pool: list[str] | None = None) -> str | None:
        if pool is not None:
            import difflib
            close = difflib.get_close_matches(text, pool, n=3, cutoff=0.6)
            close = close or [p for p in pool if p.casefold() == text.casefold()]
        else:
            close = self.onto.suggest(text, kinds=kinds)
        if not close:
            return None
        return "did you mean " + " or ".join(_quote(c) for c in close) + "?"

    # --- statements ----------------------------------------------------------

    def statement(self, stmt: ast.Statement) -> r.RStatement | None:
        if isinstance(stmt, ast.Query):
            return self.query(stmt)
        if isinstance(stmt, ast.Describe):
            e = self.entity(stmt.entity)
            return r.RDescribe(e.iri) if e else None
        if isinstance(stmt, ast.PathStmt):
            a, b = self.entity(stmt.start), self.entity(stmt.end)
            return r.RPathStmt(a.iri, b.iri) if a and b else None
        if isinstance(stmt, ast.Neighbors):
            e = self.entity(stmt.entity)
            if stmt.depth < 1 or stmt.depth > 6:
                self.fail(f"depth must be between 1 and 6, not {stmt.depth}", stmt.span)
                return None
            return r.RNeighbors(e.iri, stmt.depth) if e else None
        if isinstance(stmt, ast.Check):
            a, b = self.entity(stmt.left), self.entity(stmt.right)
            return r.RCheck(a.iri, b.iri) if a and b else None
        if isinstance(stmt, ast.Schema):
            if stmt.cls is None:
                return r.RSchema(None)
            cls = self.cls(stmt.cls)
            return r.RSchema(cls) if cls else None
        raise TypeError(f"unsupported statement {type(stmt).__name__}")

    def query(self, q: ast.Query) -> r.RQuery | None:
        head, rest = q.source.steps[0], q.source.steps[1:]
        cls_iri = entity_iri = None
        start: r.Kind
        if head.inverse:
            self.fail("a query starts at a class or an entity, not at `^`", head.span)
            return None
        classes = self.onto.find_class(head.name.text)
        if classes:
            cls_iri = classes[0].iri
            start = r.Kind("entity", frozenset({cls_iri}))
        else:
            found = self.entity(ast.Value("name", head.name.text, head.name.span), what="class or entity")
            if found is None:
                return None
            entity_iri = found.iri
            start = self.entity_kind(found)
        walk = None
        focus = start
        if rest:
            walk = self.path(ast.Path(rest, q.source.span), start)
            if walk is None:
                return None
            focus = walk.kind
        within = self.source(q.within) if q.within is not None else None
        stages = self.stages(q.stages, focus)
        if stages is None or (q.within is not None and within is None):
            return None
        subclasses = tuple(sorted(self.onto.subclasses(cls_iri))) if cls_iri else ()
        return r.RQuery(cls_iri, entity_iri, walk, focus, stages, subclasses, within)

    def stages(self, stages: tuple[ast.Stage, ...], focus: r.Kind) -> tuple[r.RStage, ...] | None:
        out: list[r.RStage] = []
        columns: list[str] | None = None
        counted = False
        for stage in stages:
            name = _STAGE_NAMES.get(type(stage).__name__, type(stage).__name__.lower())
            if counted and not isinstance(stage, (ast.Sort, ast.Limit, ast.Distinct)):
                self.fail(f"`{name}` cannot follow `count`: filter and pick before counting",
                          stage.span)
                continue
            if isinstance(stage, ast.Where):
                cond = self.cond(stage.cond, focus)
                if cond is not None:
                    out.append(r.RWhere(cond))
            elif isinstance(stage, ast.Show):
                cols = [self.expr(item.expr, focus) for item in stage.items]
                titles = [it.alias.text if it.alias else _title(it.expr) for it in stage.items]
                if all(c is not None for c in cols):
                    out.append(r.RShow(tuple(_retitle(c, t) for c, t in zip(cols, titles))))  # type: ignore[arg-type]
                columns = titles
            elif isinstance(stage, ast.Sort):
                items = []
                for item in stage.items:
                    ref = self.sort_key(item.expr, focus, columns, counted)
                    if ref is not None:
                        items.append((ref, item.descending))
                out.append(r.RSort(tuple(items)))
            elif isinstance(stage, ast.Limit):
                out.append(r.RLimit(stage.count))
            elif isinstance(stage, ast.Count):
                out.append(r.RCount())
                counted, columns = True, ["count"]
            elif isinstance(stage, ast.CountBy):
                exprs = [self.expr(e, focus) for e in stage.exprs]
                titles = [_title(e) for e in stage.exprs]
                if all(e is not None for e in exprs):
                    out.append(r.RCount(tuple(_retitle(e, t) for e, t in zip(exprs, titles))))  # type: ignore[arg-type]
                counted, columns = True, [*titles, "count"]
            elif isinstance(stage, ast.Follow):
                if columns is not None:
                    self.fail("`follow` cannot follow `show`: move `show` to the end", stage.span)
                    continue
                path = self.path(stage.path, focus)
                if path is not None:
                    if path.kind.kind != "entity":
                        self.fail("`follow` needs a path to entities; "
                                  f"{_quote(_title(stage.path))} holds {path.kind.describe()}",
                                  stage.path.span)
                        continue
                    out.append(r.RFollow(path))
                    focus = path.kind
            elif isinstance(stage, ast.Distinct):
                out.append(r.RDistinct())
            elif isinstance(stage, ast.CheckWith):
                if stage is not stages[-1]:
                    self.fail("`check with` must be the last stage", stage.span)
                elif focus.kind != "entity":
                    self.fail(f"`check with` needs rows of entities, not {focus.describe()}",
                              stage.span)
                elif (other := self.entity(stage.value)) is not None:
                    out.append(r.RCheckWith(other.iri))
        return tuple(out) if not self.problems else None

    def sort_key(self, expr: ast.Expr, focus: r.Kind, columns: list[str] | None,
                 counted: bool) -> r.RExpr | r.RColumn | None:
        if columns is not None and isinstance(expr, ast.Path) and len(expr.steps) >= 1:
            title = _title(expr)
            for i, col in enumerate(columns):
                if col.casefold() == title.casefold():
                    return r.RColumn(i, col)
            if counted:
                self.fail(f"no column {_quote(title)} to sort by", expr.span,
                          self.did_you_mean(title, "", columns))
                return None
        return self.expr(expr, focus)

    # --- names ---------------------------------------------------------------

    def cls(self, name: ast.Name) -> str | None:
        found = self.onto.find_class(name.text)
        if not found:
            self.fail(f"unknown class {_quote(name.text)}", name.span, self.did_you_mean(name.text, "c"))
            return None
        return found[0].iri

    def source(self, value: ast.Value) -> str | None:
        """A source (named graph) for `from`, by label or local name."""
        found = self.onto.find_source(value.text)
        if len(found) == 1:
            return found[0]
        if not found:
            pool = sorted({local_name(s) for s in self.onto.sources}
                          | {v for labels in self.onto.sources.values() for v in labels.values()})
            self.fail(f"unknown source {_quote(value.text)}", value.span,
                      self.did_you_mean(value.text, "", pool))
        else:
            self.fail(f"{_quote(value.text)} is ambiguous: it names the sources "
                      + ", ".join(_quote(local_name(s)) for s in found), value.span)
        return None

    def entity(self, value: ast.Value, within: frozenset[str] = frozenset(),
               what: str = "entity") -> Entity | None:
        text = value.text
        if value.kind == "param":
            if value.text not in self.params:
                self.unknown_param(value)
                return None
            text = self.params[value.text]
        found = self.onto.find_entity(text, within or None)
        if not found:
            hint = self.did_you_mean(text, "ce" if what != "entity" else "e")
            self.fail(f"unknown {what} {_quote(text)}", value.span, hint)
            return None
        if len(found) > 1:
            names = ", ".join(f"{_quote(e.label())} ({self._class_label(e)}, {local_name(e.iri)})"
                              for e in found)
            self.fail(f"{_quote(text)} is ambiguous: it names {names}", value.span,
                      "use a more specific name or the local name")
            return None
        return found[0]

    def _class_label(self, e: Entity) -> str:
        cls = self.onto.class_of(e.iri)
        return self.onto.label(cls) if cls else "entity"

    def entity_kind(self, e: Entity) -> r.Kind:
        return entity_kind(self.onto, e)

    def describe(self, kind: r.Kind) -> str:
        """What a path holds, in words: "VM category entities", "dates"."""
        if kind.kind == "entity" and kind.classes and not kind.compares_by:
            names = " or ".join(self.onto.label(c) for c in sorted(kind.classes))
            return f"{names} entities"
        return kind.describe()

    def unknown_param(self, value: ast.Value) -> None:
        known = sorted(self.params)
        hint = self.did_you_mean(value.text, "", known) if known else None
        hint = hint or (f"known parameters: {', '.join('$' + k for k in known)}" if known
                        else f"give it a value: --param {value.text}=VALUE (or .set {value.text} VALUE)")
        self.fail(f"unknown parameter {_quote('$' + value.text)}", value.span, hint)

    # --- paths and expressions -----------------------------------------------

    def expr(self, expr: ast.Expr, focus: r.Kind) -> r.RExpr | None:
        if isinstance(expr, ast.SupportsFn):
            feature = self.feature(expr.feature)
            return r.RSupports(feature, _title(expr)) if feature else None
        return self.path(expr, focus)

    def path(self, path: ast.Path, start: r.Kind) -> r.RPath | None:
        kind, steps = start, []
        for i, step in enumerate(path.steps):
            text = step.name.text
            if text.casefold() == "name" and not step.inverse:
                if i != len(path.steps) - 1:
                    self.fail("`name` can only be the last step of a path", step.span)
                    return None
                steps.append(r.RStep(r.LABEL))
                kind = r.Kind("string")
                continue
            if kind.kind != "entity":
                self.fail(f"{_quote(text)} cannot follow a path to {kind.describe()}: "
                          f"they have no properties", step.span)
                return None
            prop = self.property(step, kind)
            if prop is None:
                return None
            if step.inverse and not prop.is_object:
                self.fail(f"{_quote('^' + text)}: only properties that link entities can be "
                          "walked backwards", step.span)
                return None
            steps.append(r.RStep(prop.iri, step.inverse))
            kind = self.kind_of(prop, step.inverse)
        return r.RPath(tuple(steps), kind, _title(path))

    def property(self, step: ast.Step, kind: r.Kind) -> PropertyInfo | None:
        found = self.onto.find_property(step.name.text)
        applicable = self.applicable(kind, step.inverse)
        if not found:
            pool = sorted({p.name for p in applicable})
            hint = self.did_you_mean(step.name.text, "p", pool) or self.did_you_mean(step.name.text, "p")
            self.fail(f"unknown property {_quote(step.name.text)}", step.name.span, hint)
            return None
        prop = found[0]
        if kind.classes and prop not in applicable:
            owner = " or ".join(self.onto.label(c) for c in sorted(kind.classes))
            pool = sorted({p.name for p in applicable})
            owners = " or ".join(self.onto.label(c) for c in (prop.ranges if step.inverse
                                                                else prop.domains))
            hint = self.did_you_mean(step.name.text, "p", pool) or (
                f"{_quote(prop.name)} belongs to {owners}" if owners else None)
            self.fail(f"{owner} has no property {_quote(step.name.text)}", step.name.span, hint)
            return None
        return prop

    def applicable(self, kind: r.Kind, inverse: bool) -> list[PropertyInfo]:
        return applicable(self.onto, kind, inverse)

    def kind_of(self, prop: PropertyInfo, inverse: bool) -> r.Kind:
        return kind_of(self.onto, prop, inverse)

    def feature(self, value: ast.Value) -> str | None:
        ranges = self.onto.properties.get(KG_NS + "supports")
        within = frozenset(ranges.ranges) if ranges else frozenset()
        e = self.entity(value, within, what="feature")
        if e is None:
            return None
        if within and not any(self.onto.is_a(e.iri, c) for c in within):
            self.fail(f"{_quote(e.label())} is not a feature", value.span,
                      self.did_you_mean(value.text, "e"))
            return None
        return e.iri

    # --- conditions ----------------------------------------------------------

    def cond(self, cond: ast.Cond, focus: r.Kind) -> r.RCond | None:
        if isinstance(cond, ast.And):
            parts = [self.cond(c, focus) for c in cond.conds]
            return r.RAnd(tuple(parts)) if all(parts) else None  # type: ignore[arg-type]
        if isinstance(cond, ast.Or):
            parts = [self.cond(c, focus) for c in cond.conds]
            return r.ROr(tuple(parts)) if all(parts) else None  # type: ignore[arg-type]
        if isinstance(cond, ast.Not):
            inner = self.cond(cond.cond, focus)
            return r.RNot(inner) if inner else None
        if isinstance(cond, ast.Supports):
            feature = self.feature(cond.feature)
            if feature is None:
                return None
            supports = r.RPath((r.RStep(KG_NS + "supports"),), r.Kind("entity"), "supports")
            return r.RIn(supports, (r.RTerm(ox.NamedNode(feature)),))
        if isinstance(cond, ast.Has):
            path = self.path(cond.path, focus)
            return r.RHas(path) if path else None
        if isinstance(cond, ast.Is):
            cls = self.cls(cond.cls)
            return r.RIs(cls) if cls else None
        if isinstance(cond, ast.Contains):
            expr = self.expr(cond.expr, focus)
            return r.RContains(expr, cond.text) if expr else None
        if isinstance(cond, ast.Truthy):
            return self.truthy(cond, focus)
        if isinstance(cond, ast.In):
            path = self.compared_path(cond.expr, focus)
            if path is None:
                return None
            values = [self.term(v, path) for v in cond.values]
            return r.RIn(path, tuple(values)) if all(values) else None  # type: ignore[arg-type]
        return self.compare(cond, focus)

    def truthy(self, cond: ast.Truthy, focus: r.Kind) -> r.RCond | None:
        path = self.compared_path(cond.expr, focus)
        if path is None:
            return None
        if path.kind.kind != "boolean":
            self.fail(f"{_quote(path.title)} holds {path.kind.describe()}, not true/false: "
                      f"compare it (`{path.title} = …`) or test it with `has {path.title}`",
                      cond.span)
            return None
        return r.RCompare(path, "=", r.RTerm(ox.Literal("true", datatype=ox.NamedNode(_XSD + "boolean"))))

    def compared_path(self, expr: ast.Expr, focus: r.Kind) -> r.RPath | None:
        if isinstance(expr, ast.SupportsFn):
            self.fail("compare features with `supports FEATURE`, not `supports(…)`", expr.span)
            return None
        return self.path(expr, focus)

    def compare(self, cond: ast.Compare, focus: r.Kind) -> r.RCond | None:
        path = self.compared_path(cond.expr, focus)
        if path is None:
            return None
        if cond.op in _ORDER_OPS and not path.kind.ordered:
            self.fail(f"{_quote(path.title)} holds {self.describe(path.kind)}, which have no order: "
                      "use = or !=", cond.span)
            return None
        value = self.term(cond.value, path)
        return r.RCompare(path, cond.op, value) if value else None

    def term(self, value: ast.Value, path: r.RPath) -> r.RTerm | None:
        """The value as a graph term of the kind the path holds."""
        text, param = value.text, None
        if value.kind == "param":
            if value.text not in self.params:
                self.unknown_param(value)
                return None
            text, param = self.params[value.text], value.text
        kind = path.kind
        bad = f"{_quote(path.title)} holds {self.describe(kind)}; {_quote(text)} is not "
        if kind.kind == "entity":
            if kind.compares_by and _VERSION_RE.match(text) and value.kind != "string":
                return r.RTerm(ox.Literal(text, datatype=ox.NamedNode(_VERSION)), param)
            if kind.compares_by and not self.onto.find_entity(text, kind.classes):
                self.fail(bad + "a version", value.span,
                          self.did_you_mean(text, "e"))
                return None
            if value.kind in ("date",):
                self.fail(bad + "one of them", value.span)
                return None
            e = self.entity(ast.Value("name", text, value.span), kind.classes)
            if e is None:
                return None
            if kind.classes and not any(self.onto.is_a(e.iri, c) for c in kind.classes):
                wanted = " or ".join(self.onto.label(c) for c in sorted(kind.classes))
                self.fail(f"{_quote(e.label())} is not a {wanted}", value.span,
                          f"{_quote(path.title)} links to a {wanted}")
                return None
            return r.RTerm(ox.NamedNode(e.iri), param)
        if kind.kind == "version":
            if not _VERSION_RE.match(text):
                self.fail(bad + "a version", value.span)
                return None
            return r.RTerm(ox.Literal(text, datatype=ox.NamedNode(_VERSION)), param)
        if kind.kind == "number":
            if not _NUMBER_RE.match(text):
                self.fail(bad + "a number", value.span)
                return None
            return r.RTerm(ox.Literal(text, datatype=ox.NamedNode(_XSD + "decimal")), param)
        if kind.kind == "date":
            try:
                datetime.date.fromisoformat(text)
            except ValueError:
                self.fail(bad + "a date (YYYY-MM-DD)", value.span)
                return None
            return r.RTerm(ox.Literal(text, datatype=ox.NamedNode(_XSD + "date")), param)
        if kind.kind == "boolean":
            if text.lower() not in ("true", "false"):
                self.fail(bad + "true or false", value.span)
                return None
            return r.RTerm(ox.Literal(text.lower(), datatype=ox.NamedNode(_XSD + "boolean")), param)
        return r.RTerm(ox.Literal(text), param)


def _title(expr: ast.Expr) -> str:
    if isinstance(expr, ast.SupportsFn):
        return f"supports({expr.feature.text})"
    return ".".join(("^" if s.inverse else "") + s.name.text for s in expr.steps)


def _retitle(expr: r.RExpr, title: str) -> r.RExpr:
    if isinstance(expr, r.RPath):
        return r.RPath(expr.steps, expr.kind, title)
    return r.RSupports(expr.feature, title, expr.kind)
