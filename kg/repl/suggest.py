"""Step one of completion: what *kind* of thing fits at the cursor (no candidates yet).

The grammar decides which terminals may come next: the text before the word
being typed is fed to lark's interactive LALR parser, and ``accepts()`` names
the terminals it would take. Where a name fits, the tokens already typed say
which one: a class at a source, a property of the class a path has reached,
an entity of a property's range after ``=`` or ``in [``, a feature after
``supports``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lark import Token
from lark.exceptions import LarkError

from kg.checked import Kind
from kg.ontology import Ontology
from kg.parser import _unquote, parser
from kg.repl.index import NameIndex
from kg.repl.terms import terminals

__all__ = [
    "Keyword", "ClassName", "EntityName", "PropertyName", "Literal", "Parameter",
    "DotCommand", "CommandArg", "Suggestion", "suggest", "index_for",
]


@dataclass(frozen=True)
class Keyword:
    """Keywords and operators the grammar accepts here."""

    words: tuple[str, ...]
    operators: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClassName:
    """A class name (a source, ``is``, ``schema``)."""


@dataclass(frozen=True)
class EntityName:
    """An entity, of ``classes`` when given (any entity otherwise)."""

    classes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PropertyName:
    """A property of what a path has reached (walked backwards when ``inverse``)."""

    kind: Kind
    inverse: bool = False


@dataclass(frozen=True)
class Literal:
    """A closed set of literal values (``true``/``false``)."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class Parameter:
    """A ``$name`` set with ``.set``."""


@dataclass(frozen=True)
class DotCommand:
    """A REPL command name after a leading ``.``."""


@dataclass(frozen=True)
class CommandArg:
    """The ``position``-th argument of the dot-command ``command``, after ``before``."""

    command: str
    position: int
    before: tuple[str, ...] = ()


Kinds = ClassName | EntityName | PropertyName | Keyword | Literal | Parameter | DotCommand | CommandArg


@dataclass(frozen=True)
class Suggestion:
    """The word being typed (replaced by a completion) and what may replace it."""

    word: str
    kinds: tuple[Kinds, ...] = field(default_factory=tuple)


# -- the word under the cursor -----------------------------------------------------

_WORD = re.compile(r"(?:\$[A-Za-z0-9_]*|[A-Za-z_][A-Za-z0-9_\-]*|(?<![\w\-.])\d[\d.]*)$")
_STATEMENTS = {"DESCRIBE", "PATH", "NEIGHBORS", "CHECK"}
_PATH_TOKENS = {"NAME", "STRING", "DOT", "CIRCUMFLEX"}


def _scan_line(line: str) -> tuple[int | None, bool]:
    """Where a string left open on ``line`` starts, and whether the line ends in a comment."""
    quote: str | None = None
    start = 0
    i = 0
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote, start = ch, i
        elif ch == "#":
            return None, True
        i += 1
    return (start if quote else None), False


def _split_word(text: str) -> tuple[str, str] | None:
    """``(before, word)``; ``None`` inside a comment."""
    line_start = text.rfind("\n") + 1
    open_at, comment = _scan_line(text[line_start:])
    if comment:
        return None
    if open_at is not None:
        cut = line_start + open_at
        return text[:cut], text[cut:]
    found = _WORD.search(text)
    cut = found.start() if found else len(text)
    return text[:cut], text[cut:]


# -- step one ------------------------------------------------------------------------

_INDEXES: dict[int, NameIndex] = {}


def index_for(onto: Ontology | NameIndex) -> NameIndex:
    """The name index of ``onto`` (built once per ontology)."""
    if isinstance(onto, NameIndex):
        return onto
    index = _INDEXES.get(id(onto))
    if index is None or index.onto is not onto:
        if len(_INDEXES) > 4:
            _INDEXES.clear()
        index = _INDEXES[id(onto)] = NameIndex(onto)
    return index


def suggest(text_before_cursor: str, ontology: Ontology | NameIndex) -> Suggestion:
    """What may be typed at the end of ``text_before_cursor``.

    >>> from kg.session import Graph
    >>> s = suggest("VMSeries | ", Graph.open().ontology)
    >>> s.kinds[0].words
    ('count', 'distinct', 'follow', 'limit', 'show', 'sort', 'where')
    """
    if text_before_cursor.lstrip().startswith("."):
        return _dot_command(text_before_cursor.lstrip())
    split = _split_word(text_before_cursor)
    if split is None:
        return Suggestion("")
    before, word = split
    try:
        interactive = parser().parse_interactive(before)
        tokens = list(interactive.iter_parse())
        accepted = interactive.accepts()
    except LarkError:
        return Suggestion(word)
    keywords = _keywords(accepted)
    if not tokens:  # a statement starts: classes and statement keywords, entities once typed
        return Suggestion(word, (ClassName(), keywords, *((EntityName(),) if word else ())))
    kinds: list[Kinds] = []
    if accepted & {"NAME", "STRING"}:
        kinds += _names(tokens, index_for(ontology))
    if "PARAM" in accepted:
        kinds.append(Parameter())
    kinds.append(keywords)
    return Suggestion(word, tuple(kinds))


def _keywords(accepted: set[str]) -> Keyword:
    words: list[str] = []
    operators: list[str] = []
    for name in sorted(accepted):
        term = terminals().get(name)
        if term is None or not term.words:
            continue
        (words if term.role == "keyword" else operators).extend(term.words)
    return Keyword(tuple(sorted(words)), tuple(operators))


def _dot_command(text: str) -> Suggestion:
    parts = text.split()
    if len(parts) <= 1 and not text[-1:].isspace():
        return Suggestion(text, (DotCommand(),))
    word = "" if text[-1:].isspace() else parts[-1]
    before = tuple(parts[1:] if word == "" else parts[1:-1])
    return Suggestion(word, (CommandArg(parts[0][1:].lower(), len(before), before),))


# -- which names fit -------------------------------------------------------------------


def _names(tokens: Sequence[Token], index: NameIndex) -> list[Kinds]:
    head = tokens[0].type
    if head == "SCHEMA":
        return [ClassName()]
    if head in _STATEMENTS:
        return [EntityName()]
    segments: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.type == "VBAR":
            segments.append([])
        else:
            segments[-1].append(tok)
    if len(segments) == 1:
        return _after_path_operator(segments[0], None, index) or []
    focus = _walk(segments[0], None, index)
    for stage in segments[1:-1]:
        if stage and stage[0].type == "FOLLOW":
            focus = _walk(stage[1:], focus, index)
    return _in_stage(segments[-1], focus, index)


def _walk(path: Sequence[Token], start: Kind | None, index: NameIndex) -> Kind:
    """The kind a path of NAME/STRING/DOT/CIRCUMFLEX tokens reaches from ``start``."""
    kind, inverse = start, False
    for tok in path:
        if tok.type == "CIRCUMFLEX":
            inverse = True
        elif tok.type in ("NAME", "STRING", "SUPPORTS"):
            text = _unquote(str(tok)) if tok.type == "STRING" else str(tok)
            kind = index.start(text) if kind is None else index.step(kind, text, inverse)
            inverse = False
    return kind or Kind("entity")


def _trailing_path(tokens: Sequence[Token]) -> list[Token]:
    i = len(tokens)
    while i > 0 and tokens[i - 1].type in _PATH_TOKENS:
        i -= 1
    if i == len(tokens) and i > 0 and tokens[i - 1].type == "SUPPORTS":
        i -= 1  # `supports` alone is a path to the features
    return list(tokens[i:])


def _after_path_operator(seg: Sequence[Token], focus: Kind | None,
                         index: NameIndex) -> list[Kinds] | None:
    last = seg[-1].type if seg else None
    if last not in ("DOT", "CIRCUMFLEX"):
        return None
    path = _trailing_path(seg[:-1])
    if path and path[-1].type == "DOT":
        path = path[:-1]
    if focus is None and not path:
        return []
    return [PropertyName(_walk(path, focus, index), inverse=last == "CIRCUMFLEX")]


def _in_stage(seg: Sequence[Token], focus: Kind, index: NameIndex) -> list[Kinds]:
    if not seg:
        return []
    found = _after_path_operator(seg, focus, index)
    if found is not None:
        return found
    last = seg[-1]
    if last.type == "COMPARE":
        return _values(_walk(_trailing_path(seg[:-1]), focus, index))
    if last.type in ("LSQB", "COMMA"):
        opened = _open_list(seg)
        if opened is not None:
            before_in = seg[: opened - 1] if opened > 0 and seg[opened - 1].type == "IN" else []
            return _values(_walk(_trailing_path(before_in), focus, index))
    if last.type == "SUPPORTS" or (last.type == "LPAR" and len(seg) > 1
                                   and seg[-2].type == "SUPPORTS"):
        return [EntityName(index.features)]
    if last.type in ("IS",):
        return [ClassName()]
    if last.type in ("AS", "LIMIT", "DEPTH"):
        return []
    return [PropertyName(focus)]


def _open_list(seg: Sequence[Token]) -> int | None:
    depth = 0
    for i in range(len(seg) - 1, -1, -1):
        if seg[i].type == "RSQB":
            depth += 1
        elif seg[i].type == "LSQB":
            if depth == 0:
                return i
            depth -= 1
    return None


def _values(kind: Kind) -> list[Kinds]:
    if kind.kind == "entity":
        return [EntityName(kind.classes)]
    if kind.kind == "boolean":
        return [Literal(("true", "false"))]
    return []
