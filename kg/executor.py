"""Execute: run a plan on the store and turn terms into plain, labelled values."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from kg import checked as r
from kg.errors import ExecutionError
from kg.network import EntityNetwork
from kg.ontology import Ontology
from kg.planner import Plan
from kg.result import Cell, EntityRef, Result, Value, Version
from kg.store import GraphStore
from kg.vocab import KG_NS, PREFIXES, curie

__all__ = ["execute", "Context"]

_XSD = PREFIXES["xsd"]
_YES_NO = {"en": ("yes", "no"), "de": ("ja", "nein")}


class Context:
    """What executing needs: the store, the ontology, and a lazily built entity network."""

    def __init__(self, store: GraphStore, onto: Ontology) -> None:
        self.store = store
        self.onto = onto
        self._network: EntityNetwork | None = None

    @property
    def network(self) -> EntityNetwork:
        if self._network is None:
            self._network = EntityNetwork.from_store(self.store)
        return self._network


def execute(plan: Plan, ctx: Context) -> Result:
    """Run ``plan`` and return its result."""
    runner = _RUNNERS.get(plan.kind)
    if runner is None:
        raise ExecutionError(f"no executor for {plan.kind!r} statements")
    return runner(plan, ctx)


# --- pipelines --------------------------------------------------------------------


def _rows(plan: Plan, ctx: Context) -> Result:
    names, raw = ctx.store.select(plan.sparql)
    index = {n: i for i, n in enumerate(names)}
    grouped: dict[Any, list[list[tuple[Any, Any]]]] = {}
    for row in raw:
        key = row[index[plan.focus]]
        cells = grouped.setdefault(key, [[] for _ in plan.columns])
        for i, col in enumerate(plan.columns):
            value = row[index[col.var]]
            label = row[index[col.label_var]] if col.label_var else None
            if (value, label) not in cells[i]:
                cells[i].append((value, label))
    rows = [[_cell(col, pairs, plan.lang, ctx) for col, pairs in zip(plan.columns, cells)]
            for cells in grouped.values()]
    focus = list(grouped)  # the entity behind each row (exports reach its facts)
    if plan.distinct:
        unique: dict[tuple[Any, ...], tuple[list[Cell], Any]] = {}
        for cells_, key in zip(rows, focus, strict=True):
            unique.setdefault(tuple(cells_), (cells_, key))
        rows, focus = [c for c, _ in unique.values()], [k for _, k in unique.values()]
    if plan.post_limit is not None:
        rows, focus = rows[: plan.post_limit], focus[: plan.post_limit]
    iris = [k.value if isinstance(k, ox.NamedNode) else None for k in focus]
    result = Result([c.title for c in plan.columns], rows, plan.sparql, meta={"focus": iris})
    return _checked_rows(result, plan, ctx) if plan.check_with else result


def _checked_rows(result: Result, plan: Plan, ctx: Context) -> Result:
    """Add each row's verdict and why, checked with ``plan.check_with`` (`check with`)."""
    from kg.compat import check_compatibility

    focus = result.meta["focus"]
    assert isinstance(focus, list) and plan.check_with is not None
    for row, iri in zip(result.rows, focus, strict=True):
        verdict, why = check_compatibility(iri, plan.check_with, ctx, plan.lang).rows[0]
        row.extend([verdict, why])
    result.columns += ["verdict", "why"]
    result.stacked = ("why",)
    return result


def _count(plan: Plan, ctx: Context) -> Result:
    names, raw = ctx.store.select(plan.sparql)
    index = {n: i for i, n in enumerate(names)}
    rows = []
    for row in raw:
        cells: list[Cell] = []
        for col in plan.columns:
            value = row[index[col.var]]
            label = row[index[col.label_var]] if col.label_var else None
            cells.append(_cell(col, [(value, label)] if value is not None else [], plan.lang, ctx))
        rows.append(cells)
    return Result([c.title for c in plan.columns], rows, plan.sparql)


def _cell(col: Any, pairs: list[tuple[Any, Any]], lang: str, ctx: Context) -> Cell:
    if col.supports:
        yes, no = _YES_NO.get(lang, _YES_NO["en"])
        if not any(v is not None for v, _ in pairs):
            return no
        quals = [lbl for _, lbl in pairs if lbl is not None]
        qual = _pick_lang(quals, lang)
        return f"{yes} ({qual[0].value})" if qual else yes
    values = [v for v, _ in pairs if v is not None]
    if not values:
        return None
    if all(isinstance(v, ox.NamedNode) for v in values):
        out: list[Value] = []
        for v in dict.fromkeys(values):
            labels = [lbl for val, lbl in pairs if val == v and lbl is not None]
            chosen = _pick_lang(labels, lang)
            out.append(EntityRef(chosen[0].value if chosen else ctx.onto.label(v.value, lang), v.value))
        out.sort(key=_sort_key)
        return out[0] if len(out) == 1 else tuple(out)
    literals = _pick_lang([v for v in values if isinstance(v, ox.Literal)], lang)
    converted = sorted({to_value(v, ctx, lang) for v in literals}, key=_sort_key)
    return converted[0] if len(converted) == 1 else tuple(converted)


def _pick_lang(literals: list[Any], lang: str) -> list[Any]:
    """Among language-tagged literals keep those in ``lang`` (else English); keep untagged."""
    tagged = [lit for lit in literals if getattr(lit, "language", None)]
    if not tagged:
        return literals
    for want in (lang, "en"):
        hits = [lit for lit in tagged if lit.language == want]
        if hits:
            return sorted(hits, key=lambda t: t.value)
    return sorted(tagged, key=lambda t: t.value)


def _sort_key(v: Any) -> tuple[str, str]:
    return (type(v).__name__, str(v).casefold())


def to_value(t: Any, ctx: Context, lang: str) -> Value:
    """A term as a plain Python value (entities by label)."""
    if isinstance(t, ox.NamedNode):
        return EntityRef(ctx.onto.label(t.value, lang), t.value)
    if not isinstance(t, ox.Literal):
        return str(t)
    dt = t.datatype.value if t.datatype else ""
    try:
        if dt == KG_NS + "version":
            return Version(t.value)
        if dt == _XSD + "boolean":
            return t.value in ("true", "1")
        if dt in (_XSD + "integer", _XSD + "int", _XSD + "nonNegativeInteger"):
            return int(t.value)
        if dt in (_XSD + "decimal", _XSD + "double", _XSD + "float"):
            return Decimal(t.value)
        if dt == _XSD + "date":
            return datetime.date.fromisoformat(t.value)
    except (ValueError, InvalidOperation):
        return t.value
    return t.value


# --- describe, path, neighbors, schema ----------------------------------------------


def _describe(plan: Plan, ctx: Context) -> Result:
    names, raw = ctx.store.select(plan.sparql)
    sources = _source_labels(ctx, plan.lang)
    assert isinstance(plan.statement, r.RDescribe)
    entity = plan.statement.entity
    rows: list[list[Cell]] = []
    seen = set()
    for direction, p, o, g in raw:
        key = (direction.value, p.value, o, g)  # type: ignore[union-attr]
        if key in seen:
            continue
        seen.add(key)
        prop = EntityRef(ctx.onto.label(p.value, plan.lang), p.value)  # type: ignore[union-attr]
        value = to_value(o, ctx, plan.lang)
        if isinstance(o, ox.Literal) and o.language:
            value = f"{o.value} @{o.language}"
        source = sources.get(g.value, curie(g.value)) if g is not None else None  # type: ignore[union-attr]
        rows.append([direction.value, prop, value, source])  # type: ignore[union-attr]
    rows.sort(key=lambda row: (row[0] != "out", str(row[1]).casefold(), str(row[2]).casefold()))
    meta = {"entity": EntityRef(ctx.onto.label(entity, plan.lang), entity),
            "class": ctx.onto.label(ctx.onto.class_of(entity) or "", plan.lang)}
    return Result(["direction", "property", "value", "source"], rows, plan.sparql, "describe", meta)


def _source_labels(ctx: Context, lang: str) -> dict[str, str]:
    _, raw = ctx.store.select(
        f"SELECT ?g ?l WHERE {{ ?g a <{KG_NS}Source> ; <{PREFIXES['rdfs']}label> ?l }}")
    labels: dict[str, list[Any]] = {}
    for g, lbl in raw:
        labels.setdefault(g.value, []).append(lbl)  # type: ignore[union-attr]
    return {g: _pick_lang(ls, lang)[0].value for g, ls in labels.items() if ls}


def _path(plan: Plan, ctx: Context) -> Result:
    stmt = plan.statement
    assert isinstance(stmt, r.RPathStmt)
    rows: list[list[Cell]] = []
    for n, steps in enumerate(ctx.network.shortest_paths(stmt.start, stmt.end), start=1):
        for i, (s, p, o) in enumerate(steps, start=1):
            rows.append([n, i, _ref(ctx, s, plan.lang), _ref(ctx, p, plan.lang), _ref(ctx, o, plan.lang)])
    return Result(["path", "step", "subject", "property", "object"], rows, "", "path")


def _neighbors(plan: Plan, ctx: Context) -> Result:
    stmt = plan.statement
    assert isinstance(stmt, r.RNeighbors)
    rows: list[list[Cell]] = []
    for iri, distance in ctx.network.neighbors(stmt.entity, stmt.depth):
        cls = ctx.onto.class_of(iri)
        rows.append([_ref(ctx, iri, plan.lang), ctx.onto.label(cls, plan.lang) if cls else None,
                     distance])
    rows.sort(key=lambda row: (row[2], str(row[0]).casefold()))
    return Result(["name", "class", "distance"], rows, "", "neighbors")


def _schema(plan: Plan, ctx: Context) -> Result:
    stmt = plan.statement
    assert isinstance(stmt, r.RSchema)
    onto = ctx.onto
    if stmt.cls is None:
        rows: list[list[Cell]] = [[c.name, onto.label(c.iri, plan.lang), onto.counts.get(c.iri, 0),
                                   c.comment] for c in onto.classes.values() if c.iri.startswith(KG_NS)]
        rows.sort(key=lambda row: str(row[0]).casefold())
        return Result(["class", "label", "instances", "comment"], rows, "", "schema")
    used = _property_usage(ctx, stmt.cls)
    rows = []
    for p in onto.properties.values():
        declared = bool(set(p.domains) & ({stmt.cls} | onto.subclasses(stmt.cls)))
        if not declared and p.iri not in used:
            continue
        ranges = ", ".join(onto.label(x, plan.lang) if x in onto.classes else curie(x)
                           for x in p.ranges)
        rows.append([p.name, onto.label(p.iri, plan.lang), ranges, used.get(p.iri, 0)])
    rows.append(["name", onto.label(KG_NS + "name", plan.lang), "text",
                 onto.counts.get(stmt.cls, 0)])
    rows.sort(key=lambda row: str(row[0]).casefold())
    return Result(["property", "label", "range", "instances"], rows, "", "schema",
                  {"class": onto.label(stmt.cls, plan.lang)})


def _property_usage(ctx: Context, cls: str) -> dict[str, int]:
    _, raw = ctx.store.select(
        f"SELECT ?p (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x <{PREFIXES['rdf']}type>/"
        f"<{PREFIXES['rdfs']}subClassOf>* {ox.NamedNode(cls)} . ?x ?p ?o . "
        f"FILTER(STRSTARTS(STR(?p), \"{KG_NS}\")) }} GROUP BY ?p")
    return {p.value: int(n.value) for p, n in raw}  # type: ignore[union-attr]


def _check(plan: Plan, ctx: Context) -> Result:
    from kg.compat import check_compatibility

    stmt = plan.statement
    assert isinstance(stmt, r.RCheck)
    return check_compatibility(stmt.left, stmt.right, ctx, plan.lang)


def _ref(ctx: Context, iri: str, lang: str) -> EntityRef:
    return EntityRef(ctx.onto.label(iri, lang), iri)


_RUNNERS: dict[str, Callable[[Plan, Context], Result]] = {
    "rows": _rows,
    "count": _count,
    "describe": _describe,
    "path": _path,
    "neighbors": _neighbors,
    "schema": _schema,
    "check": _check,
}
