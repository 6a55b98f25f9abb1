"""A checked statement: every name resolved to an IRI, every value to a typed term.

The checker produces these; the planner compiles them to SPARQL. They carry no
spans: every error a user can make has been reported before this point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

import pyoxigraph as ox

LABEL = "label"  #: the pseudo-property `name`: rdfs:label in the current language


@dataclass(frozen=True)
class Kind:
    """What a path reaches: entities (of classes), versions, numbers, dates, booleans, text."""

    kind: str
    classes: frozenset[str] = frozenset()
    compares_by: str | None = None

    @property
    def ordered(self) -> bool:
        return self.kind in ("version", "number", "date", "string") or bool(self.compares_by)

    def describe(self) -> str:
        if self.kind == "entity" and self.compares_by:
            return "versions"
        return {"entity": "entities", "version": "versions", "number": "numbers",
                "date": "dates", "boolean": "booleans", "string": "text"}[self.kind]


@dataclass(frozen=True)
class RStep:
    iri: str
    inverse: bool = False


@dataclass(frozen=True)
class RPath:
    steps: tuple[RStep, ...]
    kind: Kind
    title: str


@dataclass(frozen=True)
class RSupports:
    feature: str
    title: str
    kind: Kind = Kind("string")


RExpr = Union[RPath, RSupports]


@dataclass(frozen=True)
class RTerm:
    """A value: a graph term, bound as a parameter when ``param`` is set."""

    term: ox.NamedNode | ox.Literal
    param: str | None = None


@dataclass(frozen=True)
class RColumn:
    """A reference to a column made by an earlier `show` or `count`."""

    index: int
    title: str


# --- conditions ---------------------------------------------------------------


@dataclass(frozen=True)
class RCompare:
    path: RPath
    op: str
    value: RTerm


@dataclass(frozen=True)
class RIn:
    path: RPath
    values: tuple[RTerm, ...]


@dataclass(frozen=True)
class RContains:
    expr: RExpr
    text: str


@dataclass(frozen=True)
class RHas:
    path: RPath


@dataclass(frozen=True)
class RIs:
    cls: str


@dataclass(frozen=True)
class RNot:
    cond: RCond


@dataclass(frozen=True)
class RAnd:
    conds: tuple[RCond, ...]


@dataclass(frozen=True)
class ROr:
    conds: tuple[RCond, ...]


RCond = Union[RCompare, RIn, RContains, RHas, RIs, RNot, RAnd, ROr]

# --- stages -------------------------------------------------------------------


@dataclass(frozen=True)
class RWhere:
    cond: RCond


@dataclass(frozen=True)
class RShow:
    columns: tuple[RExpr, ...]


@dataclass(frozen=True)
class RSort:
    items: tuple[tuple[RExpr | RColumn, bool], ...]


@dataclass(frozen=True)
class RLimit:
    count: int


@dataclass(frozen=True)
class RCount:
    by: tuple[RExpr, ...] = ()


@dataclass(frozen=True)
class RFollow:
    path: RPath


@dataclass(frozen=True)
class RDistinct:
    pass


@dataclass(frozen=True)
class RCheckWith:
    """Check each row's entity with one entity: adds the columns ``verdict`` and ``why``."""

    entity: str


RStage = Union[RWhere, RShow, RSort, RLimit, RCount, RFollow, RDistinct, RCheckWith]

# --- statements ---------------------------------------------------------------


@dataclass(frozen=True)
class RQuery:
    """A pipeline: start at a class's instances or at one entity, walk, then stages."""

    cls: str | None
    entity: str | None
    walk: RPath | None
    focus: Kind
    stages: tuple[RStage, ...] = field(default=())
    subclasses: tuple[str, ...] = ()  #: ``cls`` and every class below it, from the ontology
    within: str | None = None  #: read facts only from this source (named graph): `from`


@dataclass(frozen=True)
class RDescribe:
    entity: str


@dataclass(frozen=True)
class RPathStmt:
    start: str
    end: str


@dataclass(frozen=True)
class RNeighbors:
    entity: str
    depth: int


@dataclass(frozen=True)
class RCheck:
    left: str
    right: str


@dataclass(frozen=True)
class RSchema:
    cls: str | None


RStatement = Union[RQuery, RDescribe, RPathStmt, RNeighbors, RCheck, RSchema]
