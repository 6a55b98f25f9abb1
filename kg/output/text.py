"""The plain-text result formats: JSON, JSON Lines, CSV and TSV.

JSON keeps values typed (numbers as numbers, several values as a list); CSV and TSV write
one field per cell, several values joined with ``; ``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from kg.output import OutputContext
from kg.output.cells import FIELD_JOIN, escape_unseen, printable, row_texts
from kg.result import Result

__all__ = ["write_json", "write_jsonl", "write_csv", "write_tsv",
           "stream_json", "stream_jsonl", "stream_csv", "stream_tsv"]

#: marks a decimal in json.dumps's text, to be written as its digits (a token no data holds)
_MARK = f"\x00kg-decimal-{os.urandom(8).hex()}:"  # (not secrets: it imports hmac, 4 ms)
_MARKED = re.compile('"' + re.escape(json.dumps(_MARK)[1:-1]) + r'([-+0-9.eE]+)"')


def _marked(value: object) -> str:
    if isinstance(value, Decimal) and value.is_finite():
        return _MARK + str(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _dumps(value: object, **options: object) -> str:
    """``json.dumps``, a decimal (``exact`` :func:`kg.result.plain`) written as its digits,
    all of them (a float keeps 17), and what a terminal hides as escapes
    (:func:`~kg.output.cells.escape_unseen`)."""
    text = json.dumps(value, ensure_ascii=False, default=_marked, **options)  # type: ignore[arg-type]
    if _MARK[1:] in text:
        text = _MARKED.sub(r"\1", text)
    return escape_unseen(text)


def write_json(result: Result, ctx: OutputContext) -> str:
    """One indented array of objects, keys in column order."""
    return _dumps(result.records(ctx.ids, exact=True), indent=2) + "\n"


def write_jsonl(result: Result, ctx: OutputContext) -> str:
    """One compact object per row, one per line."""
    return "".join(_dumps(record, separators=(",", ":")) + "\n"
                   for record in result.records(ctx.ids, exact=True))


def write_csv(result: Result, ctx: OutputContext) -> str:
    """Comma-separated, header row first."""
    return _delimited(result, ",", ctx.ids)


def write_tsv(result: Result, ctx: OutputContext) -> str:
    """Tab-separated, header row first."""
    return _delimited(result, "\t", ctx.ids)


def _delimited(result: Result, delimiter: str, ids: bool = False, header: bool = True) -> str:
    """One field per cell; with ``ids``, each row's entity IRI first, in a column ``@id``."""
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    lead = ["@id"] if ids else []
    if header:
        out.writerow([*lead, *(printable(c) for c in result.columns)])
    for r, row in enumerate(result.rows):
        iri = result.row_id(r) or ""
        out.writerow([*([printable(iri)] if ids else []),
                      *row_texts(result, row, stacked=FIELD_JOIN, join=FIELD_JOIN)])
    return buffer.getvalue()


# --- streamed: the same text, written part by part (see kg.executor.stream) -----------------


def stream_json(parts: Iterable[Result], ctx: OutputContext) -> Iterator[str]:
    """:func:`write_json`'s text, each part's rows as they come."""
    many: set[str] | None = None
    opened = False
    for part in parts:
        many = part.array_columns() if many is None else many
        for record in part.records(ctx.ids, many, exact=True):
            item = _dumps(record, indent=2)
            yield ("[\n" if not opened else ",\n") + _INDENT.sub("  ", item)
            opened = True
    yield "\n]\n" if opened else "[]\n"


def stream_jsonl(parts: Iterable[Result], ctx: OutputContext) -> Iterator[str]:
    """:func:`write_jsonl`'s text, each part's rows as they come."""
    many: set[str] | None = None
    for part in parts:
        many = part.array_columns() if many is None else many
        yield "".join(_dumps(record, separators=(",", ":")) + "\n"
                      for record in part.records(ctx.ids, many, exact=True))


def stream_csv(parts: Iterable[Result], ctx: OutputContext) -> Iterator[str]:
    """:func:`write_csv`'s text, each part's rows as they come."""
    for i, part in enumerate(parts):
        yield _delimited(part, ",", ctx.ids, header=i == 0)


def stream_tsv(parts: Iterable[Result], ctx: OutputContext) -> Iterator[str]:
    """:func:`write_tsv`'s text, each part's rows as they come."""
    for i, part in enumerate(parts):
        yield _delimited(part, "\t", ctx.ids, header=i == 0)


_INDENT = re.compile("^", re.MULTILINE)  #: an array's item is indented one level
