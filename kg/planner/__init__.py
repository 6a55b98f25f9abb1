"""Plan: a checked statement → the plan the executor runs, one function per statement.

Pipelines compile to one SPARQL SELECT (:mod:`kg.planner.query`); ``describe`` and
``schema CLASS`` to a SELECT of their own; ``path``, ``neighbors`` and ``check`` to
plans naming the inputs of their graph algorithm or rules. Values enter the SPARQL as
serialized graph terms (pyoxigraph escapes them) and parameters as ``VALUES`` rows of
such terms: never as pasted text. Only SELECT, never SERVICE, and only SPARQL 1.1
built-ins: the same text runs on any SPARQL 1.1 engine.
"""

from __future__ import annotations

from functools import singledispatch

from kg import checked as r
from kg.planner.builder import Builder
from kg.planner.query import compile_query
from kg.planner.sparql import header, iri
from kg.plans import (
    CheckPlan,
    DescribePlan,
    NeighborsPlan,
    PathPlan,
    Plan,
    SchemaPlan,
)

__all__ = ["plan"]


@singledispatch
def plan(stmt: object, lang: str = "en", *, ordered: bool = False) -> Plan:
    """Compile a checked statement; with ``ordered``, a pipeline's rows come from the
    engine in their final order (see :func:`kg.planner.query.compile_query`)."""
    raise TypeError(f"no plan for statement {type(stmt).__name__}")


@plan.register
def _(stmt: r.RQuery, lang: str = "en", *, ordered: bool = False) -> Plan:
    return compile_query(stmt, lang, ordered)


@plan.register
def _(stmt: r.RDescribe, lang: str = "en", *, ordered: bool = False) -> Plan:
    # the facts of the default graph alone: MINUS the named graphs' (both sides bind ?p
    # and ?o, so it means FILTER NOT EXISTS, which engines ask fact by fact: an Oxigraph
    # server holding 4M triples took over a minute for a hub's, MINUS 91 ms)
    e = iri(stmt.entity)
    sparql = header() + f"""SELECT ?dir ?p ?o ?g WHERE {{
  {{ GRAPH ?g {{ {e} ?p ?o }} BIND("out" AS ?dir) }}
  UNION
  {{ GRAPH ?g {{ ?o ?p {e} }} BIND("in" AS ?dir) }}
  UNION
  {{ {e} ?p ?o . MINUS {{ GRAPH ?h {{ {e} ?p ?o }} }} BIND("out" AS ?dir) }}
  UNION
  {{ ?o ?p {e} . MINUS {{ GRAPH ?h {{ ?o ?p {e} }} }} BIND("in" AS ?dir) }}
}}
"""
    return DescribePlan(stmt.entity, sparql, lang)


@plan.register
def _(stmt: r.RPathStmt, lang: str = "en", *, ordered: bool = False) -> Plan:
    return PathPlan(stmt.start, stmt.end, lang)


@plan.register
def _(stmt: r.RNeighbors, lang: str = "en", *, ordered: bool = False) -> Plan:
    return NeighborsPlan(stmt.entity, stmt.depth, lang)


@plan.register
def _(stmt: r.RCheck, lang: str = "en", *, ordered: bool = False) -> Plan:
    return CheckPlan(stmt.left, stmt.right, lang)


@plan.register
def _(stmt: r.RSchema, lang: str = "en", *, ordered: bool = False) -> Plan:
    if stmt.cls is None:
        return SchemaPlan(None, "", lang)
    instances = Builder(lang).typed("x", stmt.cls, stmt.subclasses, "t")
    sparql = header() + (
        f"SELECT ?p (COUNT(DISTINCT ?x) AS ?n) WHERE {{\n"
        f"  {instances}\n"
        f"  ?x ?p ?o .\n"
        f"}}\nGROUP BY ?p\nORDER BY ?p\n")
    return SchemaPlan(stmt.cls, sparql, lang)
