"""What executing a statement gives: named columns and rows of plain values.

A cell is ``None`` (no value), one :data:`Value`, or a tuple of them (a path with
several values, shown as one cell). Entities keep their IRI next to their label,
and each row knows the entity it is about (:attr:`Result.focus`), so exports can
reach the subgraph behind a result; a ``check`` carries its :class:`Evidence`.
"""

from __future__ import annotations

import datetime
import importlib
import math
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any, Union

from kg.evidence import Evidence
from kg.i18n import word
from kg.literals import Version
from kg.records import record

__all__ = ["EntityRef", "Version", "Value", "Cell", "Result", "ResultKind", "plain", "SHOWN_ROWS",
           "cell_values"]

#: The rows a notebook shows of a result (as HTML, or as text in IPython), as pandas shows
#: the first of a frame: 17,425 rows made 4 MB of one cell's output (hunt68 F2)
SHOWN_ROWS = 100


@dataclass(frozen=True, order=True, slots=True)
class EntityRef:
    """An entity in a result: its label in the current language, and its IRI."""

    label: str
    iri: str

    def __str__(self) -> str:
        return self.label


Value = Union[EntityRef, Version, str, int, Decimal, float, bool, datetime.date]
Cell = Union[None, Value, tuple[Value, ...]]


class ResultKind(StrEnum):
    """Which statement made a result; renderers and exporters may lay it out by kind."""

    ROWS = "rows"
    COUNT = "count"
    DESCRIBE = "describe"
    PATH = "path"
    NEIGHBORS = "neighbors"
    CHECK = "check"
    SCHEMA = "schema"
    DIFF = "diff"
    LISTING = "listing"  #: not from a statement: saved queries, revisions


@record
class Result:
    """Columns and rows, and what they are about.

    ``focus`` holds the entity IRI behind each row (even when only its name is
    shown); ``subject`` the entity a ``describe`` or ``schema CLASS`` is about, with
    ``subject_class`` its class label; ``evidence`` one :class:`Evidence` per row of a
    ``check`` (or ``check with``) result.
    """

    columns: list[str]
    rows: list[list[Cell]]
    kind: ResultKind = ResultKind.ROWS
    focus: tuple[str | None, ...] = ()
    subject: EntityRef | None = None
    subject_class: str = ""
    evidence: tuple[Evidence, ...] = ()
    stacked: tuple[str, ...] = ()  #: columns whose values a table shows one per line
    many: tuple[str, ...] = ()  #: columns that may hold several values (JSON: always arrays)
    #: a `transpose`'s result is typed by row, each row being a former column: the rows
    #: whose cells (but the first, the former column's title) are always arrays, every
    #: other row's never; None for a result typed by column (``many``)
    many_rows: frozenset[int] | None = None
    #: after `distinct` a row stands for every entity with its cells: it has no IRI of its
    #: own (``"@id"`` null); its ``focus``, one of them, still backs its evidence
    shared: bool = False
    #: the language its words are in (a notebook's table says `ja`, not `yes`, in German)
    lang: str = field(default="en", compare=False)
    #: the source a `from` statement read its facts from: a cell cites that source alone for
    #: what it states (:func:`kg.output.provenance.cell_facts`); None for every source
    within: str | None = field(default=None, compare=False)
    #: the property each column's values are facts of, where one is (a cell cites its
    #: facts, :func:`kg.output.provenance.cell_facts`); () where unknown
    shows: tuple[str | None, ...] = field(default=(), compare=False)
    #: the path of several steps each column shows (:attr:`kg.plans.Column.path`), () for
    #: another column; () where unknown
    paths: tuple[tuple[tuple[str, bool], ...], ...] = field(default=(), compare=False)
    #: the feature each `supports(FEATURE)` column shows (None for another column), whatever
    #: its title (`as P`: the title was parsed for it, hunt113 F3); after `transpose`, of
    #: each row, the column it was
    features: tuple[str | None, ...] = field(default=(), compare=False)
    #: after `transpose`, the entity each column but the first stands for (the row it was)
    column_focus: tuple[str | None, ...] = field(default=(), compare=False)

    @property
    def transposed(self) -> bool:
        """Is it a `transpose`'s result (typed by row: :attr:`many_rows`)?"""
        return self.many_rows is not None

    @property
    def caption(self) -> str:
        """What a text table says above its rows: a diff's two revisions (hunt80 F4); ""
        for the rest (their ``subject_class`` says what a card or page is of)."""
        return self.subject_class if self.kind is ResultKind.DIFF else ""

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[list[Cell]]:
        """The rows, as :attr:`rows` holds them: ``for name, series in result`` (a result
        had a length, but was no sequence: hunt94 #7)."""
        return iter(self.rows)

    def __getitem__(self, index: int) -> list[Cell]:
        """Row ``index``, as ``result.rows[index]``."""
        return self.rows[index]

    def __repr__(self) -> str:
        """What it holds, in one line (the fields of thousands of characters were shown)."""
        rows = f"{len(self.rows)} row{'' if len(self.rows) == 1 else 's'}"
        return f"<Result {self.kind.value}: {rows} × {self.columns}>"

    def __hash__(self) -> int:
        """No key: its rows are lists (hash() failed inside, on a list)."""
        raise TypeError("unhashable type: 'Result' (its rows are lists)")

    def keeping(self, keep: Sequence[int], rows: list[list[Cell]] | None = None) -> Result:
        """The result with the columns ``keep`` alone (``rows``, where given, already cut
        so), and what it says of each column cut to match: a `supports(F)` column after a
        dropped one cited the feature of the one before it (hunt116 F1)."""
        kept = {self.columns[i] for i in keep}
        by_column = not self.transposed  # (a transpose's features are its rows': hunt118 F9)
        return replace(self, columns=[self.columns[i] for i in keep],
                       rows=rows if rows is not None else [[row[i] for i in keep] for row in self.rows],
                       shows=tuple(self.shows[i] for i in keep) if self.shows else (),
                       paths=tuple(self.paths[i] for i in keep) if self.paths else (),
                       features=tuple(self.features[i] for i in keep)
                       if self.features and by_column else self.features,
                       column_focus=self.column_focus if by_column or not self.column_focus
                       else tuple(self.column_focus[i - 1] for i in keep if i > 0),
                       stacked=tuple(c for c in self.stacked if c in kept),
                       many=tuple(c for c in self.many if c in kept))

    def row_id(self, r: int) -> str | None:
        """The IRI of the entity row ``r`` is about (``"@id"``); None for a row of none or
        of several (:attr:`shared`)."""
        return None if self.shared or r >= len(self.focus) else self.focus[r]

    def joined(self, *more: Result) -> Result:
        """This result with the rows of ``more`` (later parts of the same result) after its own."""
        parts = (self, *more)
        return replace(self, rows=[row for p in parts for row in p.rows],
                       focus=tuple(f for p in parts for f in p.focus),
                       evidence=tuple(e for p in parts for e in p.evidence))

    def records(self, ids: bool = False, many: Collection[str] | None = None, *,
                exact: bool = False) -> list[dict[str, object]]:
        """Rows as dicts of JSON-ready values: entities by label (with ``ids``, as
        ``{"@id": IRI, "label": …}``, and each row's entity as ``"@id"``). A column that may
        hold several values (a path through a property that is neither functional nor a
        text in a language, one a cell) is always an array; any other (a ``supports(…)``
        column, a check's verdict and confidence too) never is: the same type in every row.
        ``many`` names the array columns instead (:meth:`array_columns` of a streamed
        result's first part). With ``exact``, a decimal no float holds stays a
        :class:`~decimal.Decimal` (kg's JSON writes its every digit); else it is the nearest
        float, as ``json`` takes (one past a float's range: its digits, as text)."""
        if many is None:
            many = self.array_columns()
        out = []
        for r, row in enumerate(self.rows):
            record: dict[str, object] = {}
            if ids:
                record["@id"] = self.row_id(r)
            arrays = self._arrays(r, many)
            for c, v in zip(self.columns, row):
                record[c] = plain(cell_values(v) if c in arrays else v, ids, exact)
            out.append(record)
        return out

    def _arrays(self, r: int, many: Collection[str]) -> Collection[str]:
        """The columns whose cells in row ``r`` are arrays: ``many`` in a result typed by
        column (its :meth:`array_columns`)."""
        return many if self.many_rows is None else self._row_arrays(r)

    def array_columns(self) -> set[str]:
        """The columns :meth:`records` writes as arrays: those that may hold several values,
        and any that does in some row (none of a result typed by row: ``many_rows``)."""
        if self.many_rows is not None:
            return set()
        return set(self.many) | {c for i, c in enumerate(self.columns)
                                 if any(isinstance(row[i], tuple) for row in self.rows)}

    def _row_arrays(self, r: int) -> Collection[str]:
        """The columns whose cells in row ``r`` of a result typed by row are arrays: every
        one but the first (the row's title) in a row of ``many_rows``, none in another."""
        return self.columns[1:] if self.many_rows and r in self.many_rows else ()

    def _repr_html_(self) -> str:
        """The result as an HTML table: how Jupyter shows it."""
        # The HTML writer lives in the output layer, above this one: looked up when called,
        # like every writer (kg.output.REGISTRY), so this layer imports nothing above it.
        html = importlib.import_module("kg.output.html")
        return str(html.fragment(self, self.lang, max_rows=SHOWN_ROWS))

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        """The result as a table, how IPython shows it as text (the dataclass's repr was
        shown, and kept in every notebook's file: hunt68 F2); :data:`SHOWN_ROWS` rows."""
        output = importlib.import_module("kg.output")  # (above this layer, as _repr_html_)
        said = word("holds all", self.lang)  # (kg.i18n lies below: imported as any module)
        ctx = output.OutputContext(lang=self.lang, max_rows=SHOWN_ROWS, more=said.format(fmt="table"))
        printer.text(output.write(self, "table", ctx).rstrip("\n"))

    def to_pandas(self) -> Any:
        """The rows as a ``pandas.DataFrame`` with the result's columns: entities by label,
        dates as dates, versions as :class:`Version` (they order as versions); a column
        of whole numbers or truth values with gaps is pandas' ``Int64`` or ``boolean``
        (not float64 and object: hunt94 #9); a column that may hold several values holds
        a list in every row (``[]`` for none), as :meth:`records` writes it.

        Raises:
            ImportError: pandas is not installed (``pip install '.[notebook]'`` in kg's
                checkout).
        """
        try:
            pandas = importlib.import_module("pandas")
        except ImportError:
            raise ImportError("Result.to_pandas() needs pandas, which is not installed: pip "
                              "install pandas (or, in kg's checkout, pip install '.[notebook]')") from None
        rows, many = [], self.array_columns()
        for r, row in enumerate(self.rows):
            arrays = self._arrays(r, many)
            rows.append([_frame_value(cell_values(cell) if column in arrays else cell)
                         for column, cell in zip(self.columns, row)])
        frame = pandas.DataFrame(rows, columns=list(self.columns))
        if len(set(self.columns)) < len(self.columns):  # a name twice: frame[name] is both
            return frame
        for i, column in enumerate(self.columns):
            values = [row[i] for row in rows]
            given = [v for v in values if v is not None]
            if not given or len(given) == len(values):
                continue  # (no gap: pandas' own int64 and bool)
            kind = "boolean" if all(isinstance(v, bool) for v in given) else "Int64" if all(
                isinstance(v, int) and not isinstance(v, bool) for v in given) else None
            if kind is not None:  # from the values themselves: through float64, past 2**53 a
                try:  # number changed unsaid (hunt95 #5)
                    frame[column] = pandas.array(values, dtype=kind)
                except (TypeError, ValueError, OverflowError):  # past int64: kept as objects
                    pass
        return frame

    def entities(self) -> list[str]:
        """Every entity IRI behind the result, in order of first appearance: each row's own
        entity, then those in its cells."""
        seen: dict[str, None] = {}
        if self.subject is not None:
            seen.setdefault(self.subject.iri, None)
        for i, row in enumerate(self.rows):
            if i < len(self.focus) and self.focus[i] is not None:
                seen.setdefault(self.focus[i], None)  # type: ignore[arg-type]
            for cell in row:
                for v in cell if isinstance(cell, tuple) else (cell,):
                    if isinstance(v, EntityRef):
                        seen.setdefault(v.iri, None)
        return list(seen)


def cell_values(cell: Cell) -> tuple[Value, ...]:
    """A cell's values as a tuple (an array column's cell too): no value is ``()``, one
    value ``(value,)``, several as they are."""
    return cell if isinstance(cell, tuple) else () if cell is None else (cell,)


def _frame_value(cell: Cell) -> object:
    """A cell as a data-frame value: like :func:`plain`, but dates stay dates and versions
    versions."""
    if isinstance(cell, datetime.date | Version):
        return cell
    if isinstance(cell, tuple):
        return [_frame_value(v) for v in cell]
    return plain(cell)


def plain(cell: Cell, ids: bool = False, exact: bool = False) -> object:
    """A cell as a JSON-ready value: labels for entities (with ``ids``, objects with the IRI
    and the label), ISO dates, numbers as numbers (with ``exact``, a decimal no float is
    exactly stays a :class:`~decimal.Decimal`)."""
    if isinstance(cell, tuple):
        return [plain(v, ids, exact) for v in cell]
    if ids and isinstance(cell, EntityRef):
        return {"@id": cell.iri, "label": str(cell)}
    if isinstance(cell, (EntityRef, Version)):
        return str(cell)
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    if isinstance(cell, Decimal):
        if cell.adjusted() < _INT_DIGITS and cell == cell.to_integral_value():
            return int(cell)
        number = float(cell)
        if exact and Decimal(repr(number)) != cell:
            return cell
        return number if math.isfinite(number) else format(cell, "f")  # past a float: text
    return cell


#: a whole decimal of fewer digits is an int, exact as it always was; Python refuses to write
#: a longer int as text (``sys.get_int_max_str_digits``), so a longer one stays a decimal
_INT_DIGITS = 4300
