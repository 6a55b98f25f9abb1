"""Markdown: a result as a GitHub pipe table, or a ``describe`` result as entity sections."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kg.result import Cell, Result, ResultKind, plain

if TYPE_CHECKING:
    from kg.session import Graph

__all__ = ["export", "pipe_table", "cell_text"]

_HEADINGS = {"en": ("Facts", "Referenced by"), "de": ("Fakten", "Verwiesen von")}


def cell_text(cell: Cell) -> str:
    """A cell as Markdown text: empty for no value, several values joined with ``, ``."""
    value = plain(cell)
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(cell_text(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _escape(text: str) -> str:
    """Escape what GitHub Markdown would read as syntax or HTML inside a table cell."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return " ".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()


def pipe_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub pipe table; ``|`` and backslashes escaped, line breaks folded to spaces."""
    lines = [header, ["---"] * len(header), *rows]
    return "".join("| " + " | ".join(_escape(c) for c in line) + " |\n" for line in lines)


def _describe(result: Result, lang: str) -> str:
    entity = result.subject
    title = entity.label if entity is not None else "entity"
    kind = result.subject_class
    facts, incoming = _HEADINGS.get(lang, _HEADINGS["en"])
    out = [f"## {_escape(title)}", ""]
    if entity is not None:
        out += [f"*{_escape(str(kind))}* · `{entity.iri}`" if kind else f"`{entity.iri}`", ""]
    for heading, direction in ((facts, "out"), (incoming, "in")):
        rows = [[cell_text(c) for c in row[1:]] for row in result.rows if row[0] == direction]
        if rows:
            out += [f"### {heading}", "", pipe_table(result.columns[1:], rows)]
    return "\n".join(out).rstrip("\n") + "\n"


def export(result: Result, graph: Graph) -> str:
    if result.kind is ResultKind.DESCRIBE:
        return _describe(result, graph.lang)
    if not result.columns:
        return ""
    return pipe_table(result.columns, [[cell_text(c) for c in row] for row in result.rows])
