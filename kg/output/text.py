"""The plain-text result formats: JSON, JSON Lines, CSV and TSV.

JSON keeps values typed (numbers as numbers, several values as a list); CSV and TSV write
one field per cell, several values joined with ``; ``.
"""

from __future__ import annotations

import csv
import io
import json

from kg.output import OutputContext
from kg.output.cells import FIELD_JOIN, row_texts
from kg.result import Result

__all__ = ["write_json", "write_jsonl", "write_csv", "write_tsv"]


def write_json(result: Result, ctx: OutputContext) -> str:
    """One indented array of objects, keys in column order."""
    return json.dumps(result.records(), ensure_ascii=False, indent=2) + "\n"


def write_jsonl(result: Result, ctx: OutputContext) -> str:
    """One compact object per row, one per line."""
    return "".join(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
                   for record in result.records())


def write_csv(result: Result, ctx: OutputContext) -> str:
    """Comma-separated, header row first."""
    return _delimited(result, ",")


def write_tsv(result: Result, ctx: OutputContext) -> str:
    """Tab-separated, header row first."""
    return _delimited(result, "\t")


def _delimited(result: Result, delimiter: str) -> str:
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    out.writerow(result.columns)
    out.writerows(row_texts(result, row, stacked=FIELD_JOIN, join=FIELD_JOIN)
                  for row in result.rows)
    return buffer.getvalue()
