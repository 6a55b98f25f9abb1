"""A ``describe`` result as a card: the entity and its classes, its facts grouped by
property, the facts that point at it, and the sources behind them (numbered).

Long values wrap at word boundaries under themselves, never inside a word.
"""

from __future__ import annotations

import textwrap

from kg.output.cells import cell_text, printable
from kg.result import Cell, EntityRef, Result
from kg.textscan import display_width, pad_cells, wrap_cells
from kg.vocab import RDF

__all__ = ["describe_card"]

_BOLD, _RESET = "\x1b[1m", "\x1b[0m"
_TYPE = RDF.type.value
_SHORT = 24  #: values this short (no commas) share a line when their sources are the same


def _heading(text: str, color: bool) -> str:
    return f"{_BOLD}{text}{_RESET}" if color else text


#: a property (by its term) → its label, and each value (by its term) → its text and the
#: numbers of the sources that state it: two facts that read alike stay two lines
Facts = dict[object, tuple[str, dict[object, tuple[str, list[int]]]]]


def _key(cell: Cell) -> object:
    """A cell's identity: an entity by its IRI, a value by its type and text (``1`` and
    ``1.0`` are two values, though Python finds them equal)."""
    if isinstance(cell, EntityRef):
        return ("entity", cell.iri)
    return (type(cell).__name__, cell_text(cell))


def describe_card(result: Result, width: int, *, color: bool = False) -> str:
    """A ``describe`` result as a card: outgoing facts, incoming facts, sources.

    Each fact names its sources by number (``[2]``), listed at the end. Short values
    from the same sources share a line; long ones wrap under themselves.
    """
    name = cell_text(result.subject) if result.subject is not None else "?"  # escaped: a
    # label's terminal escape retitled the terminal from the card's heading (hunt58 F7)
    sources: dict[str, int] = {}
    types: dict[str, None] = {}
    groups: dict[str, Facts] = {"out": {}, "in": {}}
    for direction, prop, value, source in result.rows:
        if direction == "out" and isinstance(prop, EntityRef) and prop.iri == _TYPE:
            types.setdefault(cell_text(value))
            continue
        label = cell_text(prop) if direction == "out" else "← " + cell_text(prop)
        values = groups[str(direction)].setdefault(_key(prop), (label, {}))[1]
        marks = values.setdefault(_key(value), (cell_text(value), []))[1]
        if source is not None:
            number = sources.setdefault(cell_text(source), len(sources) + 1)
            if number not in marks:
                marks.append(number)
    kinds = ", ".join(types) or printable(result.subject_class)
    lines = textwrap.wrap(name + (f" · {kinds}" if kinds else ""), width,
                          subsequent_indent="  ", break_long_words=False) or [name]
    if lines[0].startswith(name):
        lines[0] = _heading(name, color) + lines[0][len(name):]
    if not result.rows:
        lines.append(f"  no facts about {name}")
    for direction, heading in (("out", "facts"), ("in", "facts pointing here")):
        if groups[direction]:
            lines += ["", _heading(heading, color), *_facts(groups[direction], width)]
    if sources:
        lines += ["", _heading("sources", color)]
        for source, n in sources.items():
            lines += textwrap.wrap(f"[{n}] {source}", width, initial_indent="  ",
                                   subsequent_indent="      ", break_long_words=False)
    return "\n".join(lines) + "\n"


def _packed(values: dict[object, tuple[str, list[int]]]) -> list[tuple[list[str], str]]:
    """``(values, marks)`` per entry: short values with the same sources go together."""
    out: list[tuple[list[str], str]] = []
    shared: dict[str, list[str]] = {}
    for value, numbers in values.values():
        marks = "[" + ",".join(map(str, numbers)) + "]" if numbers else ""
        if display_width(value) <= _SHORT and ", " not in value and "\n" not in value:
            if marks not in shared:
                shared[marks] = []
                out.append((shared[marks], marks))
            shared[marks].append(value)
        else:
            out.append(([value], marks))
    return out


def _wrap_items(items: list[str], width: int) -> list[str]:
    """Lines of at most ``width``: one long value wrapped, or short ones joined by commas."""
    if len(items) == 1:  # a word of CJK (no spaces in it) is cut; one of ASCII stays whole;
        # each line of a text on lines of its own, in the column (the next began at column 0,
        # its sources' marks lost: hunt109 F5, hunt139 F4)
        return [piece for line in items[0].split("\n")
                for piece in wrap_cells(line, width, break_long=not line.isascii()) or [""]]
    glued = ", ".join(item.replace(" ", "\u00a0") for item in items)  # keep each item whole
    lines = wrap_cells(glued, width, break_long=False)
    return [line.replace("\u00a0", " ") for line in lines or [""]]


def _facts(group: Facts, width: int) -> list[str]:
    """The property once, then each (packed) value with its sources, wrapped to ``width``."""
    label_w = min(24, width // 3, max(display_width(label) for label, _ in group.values()))
    packed = [(label, _packed(values)) for label, values in group.values()]
    mark_w = min(max(6, width // 4), max(len(m) for _, rows in packed for _, m in rows))
    room = max(8, width - 2 - label_w - 2 - (mark_w + 1 if mark_w else 0))
    value_w = min(room, max(display_width(", ".join(v)) for _, rows in packed for v, _ in rows))
    lines: list[str] = []
    for label, rows in sorted(packed, key=lambda entry: entry[0].casefold()):
        shown = label if display_width(label) <= label_w else _cut(label, label_w - 1) + "…"
        for i, (items, mark) in enumerate(rows):
            pieces = _wrap_items(items, value_w)
            marks = _wrap_marks(mark, mark_w)
            indent, column = label_w + 4, value_w
            if any(display_width(piece) > value_w for piece in pieces):  # a word longer than the column
                if i == 0:
                    lines.append(f"  {shown}")
                indent, column = 4, max(8, width - 4 - (mark_w + 1 if mark_w else 0))
                pieces = [cut for piece in _wrap_items(items, column)  # and cut where it is
                          for cut in _cut_word(piece, column)]  # still wider: past the edge,
                # two links looked alike and lost their sources' marks (hunt120 F4)
            for k in range(max(len(pieces), len(marks))):
                head = shown if i == 0 and k == 0 and indent > 4 else ""
                piece = pieces[k] if k < len(pieces) else ""
                tail = f" {marks[k]}" if k < len(marks) else ""
                lead = f"  {pad_cells(head, label_w)}  " if indent > 4 else " " * indent
                lines.append(f"{lead}{pad_cells(piece, column)}{tail}".rstrip())
    return lines


def _cut_word(text: str, cells: int) -> list[str]:
    """``text`` in lines of at most ``cells``: after a `/` or `-` in a line's second half
    where one is (a URL's parts), else where the line is full."""
    lines: list[str] = []
    while display_width(text) > cells:  # a loop: one call a line overflowed Python's stack
        head = _cut(text, cells)  # on a value of 40,000 characters (hunt122 F2)
        at = max(head.rfind("/"), head.rfind("-")) + 1
        head = head[:at] if at > len(head) // 2 else head
        if not head:  # a character wider than the line
            break
        lines.append(head)
        text = text[len(head):]
    return [*lines, text] if text or not lines else lines


def _cut(text: str, cells: int) -> str:
    """The start of ``text`` that fits in ``cells`` terminal cells."""
    out, used = "", 0
    for ch in text:
        used += display_width(ch)
        if used > cells:
            break
        out += ch
    return out


def _wrap_marks(mark: str, width: int) -> list[str]:
    """Source numbers ``[1,2,3]`` over as many lines as they need, broken after commas."""
    if len(mark) <= width:
        return [mark] if mark else []
    lines, line = [], ""
    for part in (p + "," for p in mark.split(",")):
        if line and len(line) + len(part) > width:
            lines.append(line)
            line = ""
        line += part
    lines.append(line.rstrip(","))
    return lines
