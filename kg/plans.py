"""Plans: what the planner hands the executor, one frozen type per statement kind.

Each plan holds only its own fields; the executor picks its runner by the plan's
type. SPARQL plans carry their query text (``sparql``); the others name the graph
algorithm's inputs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from kg.checked import Kind

__all__ = ["Column", "SelectPlan", "CountPlan", "DescribePlan", "PathPlan", "NeighborsPlan",
           "CheckPlan", "SchemaPlan", "Plan", "sparql_of", "explain"]


@dataclass(frozen=True)
class Column:
    """One output column: its title, the SPARQL variable holding its values, its kind."""

    title: str
    var: str
    kind: Kind
    label_var: str | None = None  #: the variable holding an entity's label, if any
    supports: bool = False  #: a `supports(FEATURE)` column: yes / yes (qualifier) / no


@dataclass(frozen=True)
class SelectPlan:
    """A pipeline's rows: one SELECT, grouped by the row entity (``focus``)."""

    sparql: str
    columns: tuple[Column, ...]
    focus: str  #: the variable of each row's entity
    lang: str
    distinct: bool = False
    post_limit: int | None = None  #: a `limit` after `distinct`, applied to the rows
    check_with: str | None = None  #: `check with`: check each row's entity with this one


@dataclass(frozen=True)
class CountPlan:
    """`count` / `count by`: one SELECT with aggregates."""

    sparql: str
    columns: tuple[Column, ...]
    lang: str


@dataclass(frozen=True)
class DescribePlan:
    entity: str
    sparql: str
    lang: str


@dataclass(frozen=True)
class PathPlan:
    start: str
    end: str
    lang: str


@dataclass(frozen=True)
class NeighborsPlan:
    entity: str
    depth: int
    lang: str


@dataclass(frozen=True)
class CheckPlan:
    left: str
    right: str
    lang: str


@dataclass(frozen=True)
class SchemaPlan:
    """`schema` (every class, from the ontology) or `schema CLASS` (with a usage query)."""

    cls: str | None
    sparql: str
    lang: str


Plan = Union[SelectPlan, CountPlan, DescribePlan, PathPlan, NeighborsPlan, CheckPlan, SchemaPlan]


def sparql_of(plan: Plan) -> str | None:
    """The SPARQL a plan runs, if it runs any."""
    return getattr(plan, "sparql", None) or None


def explain(plan: Plan) -> str:
    """What ``--explain`` prints: the SPARQL, or what runs instead of it."""
    sparql = sparql_of(plan)
    if sparql:
        return sparql.rstrip("\n")
    what = type(plan).__name__.removesuffix("Plan").lower()
    return f"-- `{what}` runs as a graph algorithm, not SPARQL"
