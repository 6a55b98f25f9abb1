"""The syntax tree of KGQ: small frozen dataclasses, each carrying its source span.

The parser builds these; the checker reads them and builds the resolved plan
input. Nothing here knows about the ontology or SPARQL.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Union

from kg.errors import Span

__all__ = [
    "Name", "Step", "Path", "SupportsFn", "Expr", "Value", "ValueKind",
    "Compare", "Contains", "In", "Supports", "Has", "Is", "Truthy", "Not", "And", "Or", "Cond",
    "Where", "Show", "ShowItem", "Sort", "SortItem", "Limit", "Count", "CountBy", "Collect",
    "Transpose", "Follow",
    "Distinct", "CheckWith", "Stage", "Query", "Describe", "PathStmt", "Neighbors", "Check", "Schema",
    "Statement", "param_values",
]


@dataclass(frozen=True)
class Name:
    text: str
    span: Span
    quoted: bool = False


@dataclass(frozen=True)
class Step:
    name: Name
    inverse: bool
    span: Span


@dataclass(frozen=True)
class Path:
    steps: tuple[Step, ...]
    span: Span


@dataclass(frozen=True)
class SupportsFn:
    feature: Value
    span: Span


Expr = Union[Path, SupportsFn]

class ValueKind(StrEnum):
    """How a value was written: a bare name, a quoted string, a number or version, a date,
    or a ``$parameter``."""

    NAME = "name"
    STRING = "string"
    NUMBER = "number"
    DATE = "date"
    PARAM = "param"


@dataclass(frozen=True)
class Value:
    kind: ValueKind
    text: str
    span: Span


# --- conditions ---------------------------------------------------------------


@dataclass(frozen=True)
class Compare:
    expr: Expr
    op: str
    value: Value
    span: Span


@dataclass(frozen=True)
class Contains:
    expr: Expr
    text: str
    span: Span


@dataclass(frozen=True)
class In:
    expr: Expr
    values: tuple[Value, ...]
    span: Span


@dataclass(frozen=True)
class Supports:
    feature: Value
    span: Span


@dataclass(frozen=True)
class Has:
    path: Path
    span: Span


@dataclass(frozen=True)
class Is:
    cls: Name
    span: Span


@dataclass(frozen=True)
class Truthy:
    expr: Expr
    span: Span


@dataclass(frozen=True)
class Not:
    cond: Cond
    span: Span


@dataclass(frozen=True)
class And:
    conds: tuple[Cond, ...]
    span: Span


@dataclass(frozen=True)
class Or:
    conds: tuple[Cond, ...]
    span: Span


Cond = Union[Compare, Contains, In, Supports, Has, Is, Truthy, Not, And, Or]

# --- stages -------------------------------------------------------------------


@dataclass(frozen=True)
class Where:
    cond: Cond
    span: Span


@dataclass(frozen=True)
class ShowItem:
    expr: Expr
    alias: Name | None
    span: Span


@dataclass(frozen=True)
class Show:
    items: tuple[ShowItem, ...]
    span: Span


@dataclass(frozen=True)
class SortItem:
    expr: Expr
    descending: bool
    span: Span


@dataclass(frozen=True)
class Sort:
    items: tuple[SortItem, ...]
    span: Span


@dataclass(frozen=True)
class Limit:
    count: int
    span: Span


@dataclass(frozen=True)
class Count:
    span: Span


@dataclass(frozen=True)
class CountBy:
    items: tuple[ShowItem, ...]
    span: Span


@dataclass(frozen=True)
class Collect:
    """`collect EXPR by EXPR, …`: one row per group, the values of EXPR in one cell."""

    value: ShowItem
    by: tuple[ShowItem, ...]
    span: Span


@dataclass(frozen=True)
class Transpose:
    """`transpose [as NAME]`: the result's columns become its rows."""

    title: Name | None
    span: Span


@dataclass(frozen=True)
class Follow:
    path: Path
    span: Span


@dataclass(frozen=True)
class Distinct:
    span: Span


@dataclass(frozen=True)
class CheckWith:
    value: Value
    span: Span


Stage = Union[Where, Show, Sort, Limit, Count, CountBy, Collect, Transpose, Follow, Distinct,
              CheckWith]

# --- statements ---------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    source: Path
    stages: tuple[Stage, ...]
    span: Span
    within: Value | None = None  #: `from SOURCE`


@dataclass(frozen=True)
class Describe:
    entity: Value
    span: Span


@dataclass(frozen=True)
class PathStmt:
    start: Value
    end: Value
    span: Span


@dataclass(frozen=True)
class Neighbors:
    entity: Value
    depth: int
    span: Span


@dataclass(frozen=True)
class Check:
    left: Value
    right: Value
    span: Span


@dataclass(frozen=True)
class Schema:
    cls: Name | None
    span: Span


Statement = Union[Query, Describe, PathStmt, Neighbors, Check, Schema]


def param_values(node: object) -> Iterator[Value]:
    """Every ``$name`` value in a syntax tree, in source order."""
    if isinstance(node, Value):
        if node.kind is ValueKind.PARAM:
            yield node
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            yield from param_values(getattr(node, f.name))
    elif isinstance(node, (tuple, list)):
        for item in node:
            yield from param_values(item)
