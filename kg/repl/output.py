"""How results and errors reach the screen in the REPL.

Tables come from :func:`kg.render.render`, fitted to the terminal's width and cut
after a row limit with a line saying how many rows are left. A ``describe``
result reads as a card: the entity and its classes, its facts grouped by
property, the facts that point at it, and the sources behind them.
"""

from __future__ import annotations

import textwrap
from collections import defaultdict

from kg.errors import KgError, QueryError
from kg.render import OutputFormat, render
from kg.repl.state import PROMPT, ReplState
from kg.result import Cell, EntityRef, Result

__all__ = ["show", "report", "describe_card"]

_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"
_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def show(state: ReplState, result: Result) -> None:
    """Print ``result`` in the session's format, fitted to the terminal."""
    if state.fmt is OutputFormat.TABLE:
        if result.kind == "describe":
            text = describe_card(result, state.width(), color=state.color)
        else:
            text = render(result, OutputFormat.TABLE, width=state.width(), color=state.color,
                          max_rows=state.row_limit())
    else:
        text = render(result, state.fmt)
    state.say(text or "(nothing)")


def report(state: ReplState, exc: BaseException, *, typed: bool = False) -> None:
    """Print an error; when the user ``typed`` the source, its caret lines up with the prompt."""
    if isinstance(exc, QueryError):
        exc.indent = len(PROMPT) - 2 if typed else 0
        state.warn(exc.render())
    elif isinstance(exc, KgError):
        state.warn(exc.render())
    else:  # a bug in kg: say so in one line, never a traceback
        state.warn(f"internal error: {type(exc).__name__}: {exc} (please report it)")


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, tuple):
        return ", ".join(str(v) for v in cell)
    return str(cell)


def _heading(text: str, color: bool) -> str:
    return f"{_BOLD}{text}{_RESET}" if color else text


def describe_card(result: Result, width: int, *, color: bool = False) -> str:
    """A ``describe`` result as a card: outgoing facts, incoming facts, sources.

    Each fact names its source by a number ``[n]`` listed at the end; values too
    long for the line are wrapped under themselves.
    """
    entity = result.meta.get("entity")
    name = str(entity) if entity is not None else "?"
    sources: dict[str, int] = {}
    types: list[str] = []
    groups: dict[str, dict[str, dict[str, list[int]]]] = {"out": defaultdict(dict),
                                                          "in": defaultdict(dict)}
    for direction, prop, value, source in result.rows:
        iri = prop.iri if isinstance(prop, EntityRef) else ""
        if direction == "out" and iri == _TYPE:
            types.append(_text(value))
            continue
        label = _text(prop) if direction == "out" else "← " + _text(prop)
        marks = groups[str(direction)][label].setdefault(_text(value), [])
        if source is not None:
            number = sources.setdefault(_text(source), len(sources) + 1)
            if number not in marks:
                marks.append(number)
    kinds = ", ".join(types) or str(result.meta.get("class") or "")
    lines = [_heading(name, color) + (f" · {kinds}" if kinds else "")]
    if not result.rows:
        lines.append(f"  no facts about {name}")
    for direction, title in (("out", "facts"), ("in", "facts pointing here")):
        if groups[direction]:
            lines += ["", _heading(title, color), *_facts(groups[direction], width)]
    if sources:
        lines += ["", _heading("sources", color)]
        for source, n in sources.items():
            lines += textwrap.wrap(f"[{n}] {source}", width, initial_indent="  ",
                                   subsequent_indent="      ")
    return "\n".join(lines) + "\n"


def _facts(group: dict[str, dict[str, list[int]]], width: int) -> list[str]:
    """One line (or more, wrapped) per value: the property once, then value and sources."""
    label_w = min(24, max(len(label) for label in group))
    marks = {(label, value): "[" + ",".join(map(str, numbers)) + "]" if numbers else ""
             for label, values in group.items() for value, numbers in values.items()}
    mark_w = max(len(m) for m in marks.values())
    value_w = max(10, width - 2 - label_w - 2 - (mark_w + 1 if mark_w else 0))
    lines = []
    for label in sorted(group, key=str.casefold):
        shown = label if len(label) <= label_w else label[: label_w - 1] + "…"
        for i, value in enumerate(group[label]):
            mark = marks[label, value]
            pieces = textwrap.wrap(value, value_w, break_on_hyphens=False) or [""]
            head = shown if i == 0 else ""
            for k, piece in enumerate(pieces):
                tail = f" {mark}" if k == 0 and mark else ""
                left = f"  {head.ljust(label_w)}  " if k == 0 else " " * (label_w + 4)
                lines.append((left + piece.ljust(value_w) + tail).rstrip())
    return lines
