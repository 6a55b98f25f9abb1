"""The runners of the statements that are no pipeline: `path` and `neighbors` (graph
algorithms), `check` (the compatibility rules), `schema` (the ontology); the executor
(:mod:`kg.executor`) runs them by their plan's type (:data:`STATEMENT_RUNNERS`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kg.answers import answered_by
from kg.checked import CHECK_STEPS
from kg.context import Context
from kg.i18n import word
from kg.literals import natural_key
from kg.plans import CheckPlan, NeighborsPlan, PathPlan, SchemaPlan
from kg.result import Cell, EntityRef, Result, ResultKind
from kg.steps import check_each
from kg.vocab import KG, curie, may_name_entity

__all__ = ["STATEMENT_RUNNERS", "entity_ref"]


def path(plan: PathPlan, ctx: Context) -> Result:
    rows: list[list[Cell]] = []
    for n, steps in enumerate(ctx.network.shortest_paths(plan.start, plan.end), start=1):
        for i, (s, p, o) in enumerate(steps, start=1):
            rows.append([n, i, entity_ref(ctx, s, plan.lang), entity_ref(ctx, p, plan.lang),
                         entity_ref(ctx, o, plan.lang)])
    return Result(["path", "step", "subject", "property", "object"], rows, ResultKind.PATH)


def neighbors(plan: NeighborsPlan, ctx: Context) -> Result:
    rows: list[list[Cell]] = []
    for iri, distance in ctx.network.neighbors(plan.entity, plan.depth):
        cls = ctx.onto.class_of(iri)
        rows.append([entity_ref(ctx, iri, plan.lang),  # its class an entity too: with
                     EntityRef(ctx.onto.label(cls, plan.lang), cls) if cls else None,  # --ids,
                     distance])  # its IRI, not a label that changes with --lang (hunt140 F2)
    rows.sort(key=lambda row: (row[2], natural_key(str(row[0]))))
    return Result(["name", "class", "distance"], rows, ResultKind.NEIGHBORS,
                  focus=tuple(row[0].iri for row in rows),  # type: ignore[union-attr]
                  subject=entity_ref(ctx, plan.entity, plan.lang))


def check(plan: CheckPlan, ctx: Context) -> Result:
    verdict, why = check_each(ctx, plan.lang, [plan.left], plan.right)[plan.left]
    partner = entity_ref(ctx, plan.right, plan.lang).label  # a page's lead: "with CUDA 12.1"
    return Result(list(CHECK_STEPS), [[str(verdict), why.confidence_text(), why.lines()]],
                  ResultKind.CHECK,
                  focus=(plan.left,), subject=entity_ref(ctx, plan.left, plan.lang),
                  subject_class=f"{word('checked with', plan.lang)} {partner}",
                  evidence=(why,), stacked=("why",), many=("why",))


def schema(plan: SchemaPlan, ctx: Context) -> Result:
    onto, lang = ctx.onto, plan.lang
    if plan.cls is None:
        rows: list[list[Cell]] = [[c.name, onto.label(c.iri, lang), onto.counts.get(c.iri, 0),
                                   c.comment] for c in onto.classes.values() if c.iri in KG
                                  or KG.owns(c.iri) or may_name_entity(c.iri)]  # a data
        # file's own classes too, not OWL's or PROV's
        rows.sort(key=lambda row: str(row[0]).casefold())
        return Result(["class", "label", "instances", "comment"], rows, ResultKind.SCHEMA)
    _, raw = ctx.store.select(plan.sparql)
    with answered_by(ctx.store):  # a server's count that is no number: its answer, exit 5
        used = {p.value: int(n.value) for p, n in raw}  # type: ignore[union-attr]
    rows = []
    for p in onto.properties.values():
        declared = bool(set(p.domains) & ({plan.cls} | onto.subclasses(plan.cls)))
        if not declared and p.iri not in used:
            continue
        ranges = ", ".join(onto.label(x, lang) if x in onto.classes else curie(x)
                           for x in p.ranges)
        rows.append([p.name, onto.label(p.iri, lang), ranges, used.get(p.iri, 0)])
    rows.append(["name", onto.label(KG.name.value, lang), "text", onto.counts.get(plan.cls, 0)])
    rows.sort(key=lambda row: str(row[0]).casefold())
    return Result(["property", "label", "range", "instances"], rows, ResultKind.SCHEMA,
                  subject=entity_ref(ctx, plan.cls, lang))


def entity_ref(ctx: Context, iri: str, lang: str) -> EntityRef:
    """The entity ``iri`` as a cell: its label in ``lang`` and its IRI."""
    return EntityRef(ctx.onto.label(iri, lang), iri)


#: Each plan type of these statements, and its runner.
STATEMENT_RUNNERS: dict[type[Any], Callable[[Any, Context], Result]] = {
    PathPlan: path, NeighborsPlan: neighbors, CheckPlan: check, SchemaPlan: schema}
