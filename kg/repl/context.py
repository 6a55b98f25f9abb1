"""Which names fit where a name may come: read from the tokens typed so far.

A class at a source; after a class or a path's ``.``, the properties of what
the path reaches (``follow`` stages move the focus); after ``=`` or ``in [``,
the entities of the compared property's range; after ``supports``, the
features. Paths resolve through the checker's own rules (:class:`NameIndex`).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

from lark import Token

from kg.checked import CHECK_STEPS, CHECK_VALUES, ENTITY, Kind, KindTag
from kg.checker.stages import STAGE_WORDS
from kg.i18n import CELL_WORDS, LANGUAGES, word
from kg.repl.index import NameIndex, quote_name
from kg.repl.kinds import ClassName, EntityName, Kinds, Literal, Parameter, PropertyName, SourceName
from kg.textscan import unquote

__all__ = ["names_after", "stages_before", "Trailing", "trailing", "unordered_before",
           "bare_path_before", "value_path_before"]

_STATEMENTS = {"DESCRIBE", "PATH", "NEIGHBORS", "CHECK"}
_PATH_TOKENS = {"NAME", "STRING", "DOT", "CIRCUMFLEX"}


def names_after(tokens: Sequence[Token], index: NameIndex) -> list[Kinds]:
    """The kinds of name that may follow ``tokens`` (the statement so far)."""
    head = tokens[0].type
    if head == "SCHEMA":
        return [ClassName()]
    if head == "CHECK":  # (none where nothing relates: every entity was offered, hunt113 F6)
        partners = _check_partners(tokens, index)
        return [EntityName(partners)] if partners else []
    if head in _STATEMENTS:
        return [EntityName()]
    segments = _segments(tokens)
    if segments[0] and segments[0][-1].type == "FROM" and len(segments) == 1:
        return [SourceName()]
    if len(segments) == 1:
        return _after_path_operator(segments[0], None, index) or []
    focus = _focus(segments, index)
    found = _in_stage(segments[-1], focus, index)
    if segments[-1] and segments[-1][0].type == "FOLLOW":  # a path to entities alone: a
        found = [dataclasses.replace(k, to_entities=True) if isinstance(k, PropertyName)  # date's
                 else k for k in found]  # was offered, and refused (hunt98 F3)
    if any(stage and stage[0].type == "CHECK" for stage in segments[1:-1]):
        found = _checked(segments[-1], found)
    return _columns_after(segments[1:-1], segments[-1], found)


class Trailing:
    """The path the last stage of a pipeline ends in (`where category`, `sort name`): its
    segments, the check's column it names, and what it resolves to, worked out once for the
    three questions below (each cut the tokens and resolved the path anew on every
    keystroke: review-s43-a)."""

    def __init__(self, segments: list[list[Token]], index: NameIndex) -> None:
        self.segments, self._index = segments, index
        self.stage = segments[-1]
        self.path = _trailing_path(self.stage)
        self.in_where = self.stage[0].type == "WHERE"
        self.column = _check_column(segments, self.path)  # None unless one name

    @functools.cached_property
    def kind(self) -> Kind | None:
        """What the path resolves to, None where it cannot be resolved."""
        return _resolved(self.path, _focus(self.segments, self._index), self._index)


def trailing(tokens: Sequence[Token], index: NameIndex) -> Trailing | None:
    """The end of a pipeline's last stage (not of its source, whose path starts at a class
    or an entity); None for another statement, or ``tokens`` ending in ``|``."""
    if not tokens or tokens[0].type in _STATEMENTS or tokens[0].type == "SCHEMA":
        return None
    segments = _segments(tokens)
    if len(segments) == 1 or not segments[-1]:
        return None
    return Trailing(segments, index)


def unordered_before(end: Trailing | None) -> bool:
    """Does the statement end in a `where` stage's path whose values have no order, as the
    checker sees it (entities of no version order, true/false, a `supports(F)` cell, a
    check's verdict or confidence)? Then ``<`` and ``>`` are its errors, not offered
    (every unordered column offered them: hunt112 F4)."""
    if end is None or not end.in_where:
        return False
    path = end.path
    if _a_cell(end.stage) or [t.type for t in path] == ["SUPPORTS"]:
        return True  # a cell's words; `where supports`: the features (hunt116 F6)
    if not path or path[-1].type not in ("NAME", "STRING"):
        return False
    if end.column is not None:
        return bool(CHECK_VALUES.get(end.column))
    return end.kind is not None and not end.kind.ordered


def bare_path_before(end: Trailing | None) -> bool:
    """Does the statement end in a `where` condition that is a path alone, of values that
    are not true/false (`where category`)? Then it must go on to a comparison: `and`, `or`,
    `|` and `)` are the checker's errors there (hunt117 F3). A path it cannot resolve is
    left be."""
    if end is None or not end.in_where:
        return False
    seg, path, starts = end.stage, end.path, ("WHERE", "AND", "OR", "NOT", "LPAR")  # what
    if _a_cell(seg):  # `supports(F)` alone: compared, or `supports F`     # starts a condition
        return len(seg) > 4 and seg[-5].type in starts
    before = seg[len(seg) - len(path) - 1].type if len(path) < len(seg) else None
    if not path or before not in starts or path[-1].type not in ("NAME", "STRING", "SUPPORTS"):
        return False
    if [t.type for t in path] == ["SUPPORTS"] or end.column is not None:
        return True  # `where supports F`: the feature follows; a check's column: words
    return end.kind is not None and end.kind.tag is not KindTag.BOOLEAN


def value_path_before(end: Trailing | None) -> bool:
    """Does the statement end in a stage's path to values, not entities (`sort
    versionNumber`, `show name`)? A value has no properties: `.` then led to nothing
    (hunt117 F7)."""
    if end is None or not end.path or end.path[-1].type not in ("NAME", "STRING"):
        return False
    if end.column is not None:
        return True  # a check's column: words
    return end.kind is not None and not end.kind.is_entity


def _check_column(segments: Sequence[Sequence[Token]], path: Sequence[Token]) -> str | None:
    """The column of a `check with` stage before that ``path`` names (``check:verdict``);
    None for a path that names none."""
    if len(path) != 1 or path[0].type not in ("NAME", "STRING") or not any(
            s and s[0].type == "CHECK" for s in segments[1:-1]):
        return None
    name = _text(path[0])
    return CHECK_STEPS.get(name.casefold())


def _segments(tokens: Sequence[Token]) -> list[list[Token]]:
    """``tokens`` cut at each ``|``: the source, then each stage."""
    segments: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.type == "VBAR":
            segments.append([])
        else:
            segments[-1].append(tok)
    return segments


def _focus(segments: Sequence[Sequence[Token]], index: NameIndex) -> Kind:
    """What the rows of the last stage are: the source's class, moved by each `follow`."""
    source = list(segments[0])
    if any(t.type == "FROM" for t in source):  # `CLASS from SOURCE`: the source is no path
        source = source[: [t.type for t in source].index("FROM")]
    focus = _walk(source, None, index)
    for stage in segments[1:-1]:
        if stage and stage[0].type == "FOLLOW":
            focus = _walk(stage[1:], focus, index)
    return focus


def _columns_after(stages: Sequence[Sequence[Token]], seg: Sequence[Token],
                   found: list[Kinds]) -> list[Kinds]:
    """After `count` or `collect`, the stages that may follow pick the result's columns by
    their titles, and no property (they were offered, and refused: hunt39 #1); a `sort`
    after `show … as TITLE` takes the titles too (a column's title first)."""
    grouped = [s for s in stages if s and s[0].type in ("COUNT", "COLLECT")]
    if grouped and seg and seg[-1].type in ("DOT", "CIRCUMFLEX"):  # no path after a group
        return []
    if not seg or seg[-1].type in ("DOT", "CIRCUMFLEX", "COMPARE", "AS", "LIMIT"):
        return found
    if grouped:
        titles = _titles(grouped[-1])
        shown = [s for s in stages[stages.index(grouped[-1]) + 1:] if s and s[0].type == "SHOW"]
        titles = _titles(shown[-1]) if shown else titles
        if seg[0].type == "SHOW":  # a column picked once (twice is an error: hunt117 F9)
            picked = {t.casefold() for t in _titles(seg)}
            titles = [t for t in titles if t.casefold() not in picked]
        return [_column_names(titles)]
    shows = [s for s in stages if s and s[0].type == "SHOW"]
    if shows and seg[0].type == "SORT":
        return [*found, _column_names(_titles(shows[-1]))]
    return found


def _column_names(titles: list[str]) -> Literal:
    return Literal(tuple(dict.fromkeys(quote_name(t) for t in titles)), "column")


def _titles(stage: Sequence[Token]) -> list[str]:
    """The column titles a `show`, `count by` or `collect` stage makes, as the checker
    titles them (an `as` title, else the path as written; `count` adds its count)."""
    items: list[list[Token]] = [[]]
    depth = 0
    for tok in stage[1:]:
        if tok.type in ("BY",) and depth == 0:
            items.append([])
            continue
        depth += (tok.type in ("LPAR", "LSQB")) - (tok.type in ("RPAR", "RSQB"))
        if tok.type == "COMMA" and depth == 0:
            items.append([])
        else:
            items[-1].append(tok)
    titles = [_title(item) for item in items if item]
    if stage[0].type == "COLLECT":  # the groups' keys, then what was collected
        return [*titles[1:], *titles[:1]]
    return [*titles, "count"] if stage[0].type == "COUNT" else titles


def _title(item: Sequence[Token]) -> str:
    words = [_text(t) for t in item]
    types = [t.type for t in item]
    if "AS" in types and types.index("AS") + 1 < len(item):
        return words[types.index("AS") + 1]
    if types[:2] == ["SUPPORTS", "LPAR"]:
        return f"supports({''.join(words[2:-1])})"
    return "".join(words)


_TWO_WORDS = {w for w in STAGE_WORDS.values() if " " in w}  #: `count by`, `check with`


def stages_before(tokens: Sequence[Token]) -> list[str]:
    """The stages of the pipeline in ``tokens``, each as the checker writes it (`where`,
    `count by`, `check with`, …): a stage's word is the token after a ``|``, and the next
    one for ``count by`` and ``check with``."""
    words: list[str] = []
    for i, tok in enumerate(tokens[:-1]):
        if tok.type != "VBAR":
            continue
        word = str(tokens[i + 1]).casefold()
        two = f"{word} {str(tokens[i + 2]).casefold()}" if i + 2 < len(tokens) else ""
        words.append(two if two in _TWO_WORDS else word)
    return words


def _checked(seg: Sequence[Token], found: list[Kinds]) -> list[Kinds]:
    """After a `check with` stage, its columns are names too, and its verdicts values."""
    at = len(seg) - 2 if seg and seg[-1].type == "COMPARE" else None
    if seg and seg[-1].type in ("LSQB", "COMMA") and (opened := _open_list(seg)):
        at = opened - 2 if seg[opened - 1].type == "IN" else None  # `verdict in [` (hunt118 F7)
    if at is not None and at >= 0:
        closed = CHECK_VALUES.get(CHECK_STEPS.get(str(seg[at]).casefold(), ""))
        if closed:
            return [Literal(tuple(f'"{v}"' if " " in v else v for v in closed),
                            str(seg[at]).casefold())]
    if seg and seg[-1].type in ("DOT", "CIRCUMFLEX"):  # a path goes on: not the row's columns
        return found
    if any(isinstance(k, PropertyName) and not k.inverse for k in found):
        return [*found, Literal(tuple(CHECK_STEPS), "check with column")]
    return found


def _check_partners(tokens: Sequence[Token], index: NameIndex) -> frozenset[str]:
    """After ``check``, what check relates; after ``check A with``, what it relates to A."""
    from kg.compat import partners

    if tokens[-1].type != "WITH":
        return partners(index.onto)
    left = _walk([t for t in tokens[1:-1] if t.type in ("NAME", "STRING")], None, index)
    return partners(index.onto, left.classes or None)  # (not known, a `$x`, a loose name:
    # whatever check relates, not nothing: hunt116 F3)


def _walk(path: Sequence[Token], start: Kind | None, index: NameIndex) -> Kind:
    """The kind a path of NAME/STRING/DOT/CIRCUMFLEX tokens reaches from ``start``."""
    kind, inverse = start, False
    for tok in path:
        if tok.type == "CIRCUMFLEX":
            inverse = True
        elif tok.type in ("NAME", "STRING", "SUPPORTS"):
            text = _text(tok)
            kind = index.start(text) if kind is None else index.step(kind, text, inverse)
            inverse = False
    return kind or ENTITY


def _resolved(path: Sequence[Token], focus: Kind, index: NameIndex) -> Kind | None:
    """The kind ``path`` reaches from ``focus`` where each of its steps is a property (or
    `name`); None where one names none (a column title, a typo: the checker's to judge)."""
    names = [_text(t) for t in path if t.type in ("NAME", "STRING")]
    if not all(n.casefold() == "name" or index.onto.find_property(n) for n in names):
        return None
    return _walk(path, focus, index)


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
    walked = _walk(path, focus, index)
    if not walked.is_entity or (path and str(path[-1]).casefold() in CHECK_STEPS):  # a value
        return []  # has no properties (every one was offered after `name.`, `verdict.`, and
    # each refused: hunt109 F1, hunt112 F3)
    return [PropertyName(walked, inverse=last == "CIRCUMFLEX")]


def _in_stage(seg: Sequence[Token], focus: Kind, index: NameIndex) -> list[Kinds]:
    if not seg:
        return []
    if seg[0].type == "FROM":  # the first segment's `from SOURCE` is not a stage
        return []
    found = _after_path_operator(seg, focus, index)
    if found is not None:
        return found
    last = seg[-1]
    if last.type == "COMPARE":
        return _cell_words(index) if _a_cell(seg[:-1]) else \
            _values(_trailing_path(seg[:-1]), focus, index)
    if last.type in ("LSQB", "COMMA"):
        opened = _open_list(seg)
        if opened is not None:
            before_in = seg[: opened - 1] if opened > 0 and seg[opened - 1].type == "IN" else []
            if _a_cell(before_in):
                return _cell_words(index)
            listed = frozenset(_text(t).casefold() for t in seg[opened + 1:]
                               if t.type in ("NAME", "STRING"))
            return [dataclasses.replace(k, listed=listed) if isinstance(k, EntityName) else k
                    for k in _values(_trailing_path(before_in), focus, index)]  # (hunt139 F8)
    if last.type == "SUPPORTS" or (last.type == "LPAR" and len(seg) > 1
                                   and seg[-2].type == "SUPPORTS"):
        return [EntityName(index.features)]
    if last.type in ("IS",):  # the classes that share an instance with the rows' (every
        return [ClassName(index.overlapping(focus.classes))]  # class was offered, `Target |
        # where is Note` 0 rows; then the rows' and theirs below alone, and `TrainingTarget
        # | where is UnmanagedCompute` of a saved query was never offered: hunt117 F5)
    if last.type == "WITH":  # `| check with …`: what check relates to the rows' entities
        from kg.compat import partners

        related = partners(index.onto, focus.classes or None)
        return [EntityName(related)] if related else []
    if last.type in ("AS", "LIMIT", "DEPTH"):
        return []
    return [PropertyName(focus)]


def _a_cell(before: Sequence[Token]) -> bool:
    """Do the tokens ``before`` end in a `supports(FEATURE)` cell?"""
    return len(before) >= 4 and before[-1].type == "RPAR" and any(
        t.type == "SUPPORTS" for t in before[-4:])


def _cell_words(index: NameIndex) -> list[Kinds]:
    """What a `supports(F)` cell is compared with: its words in the session's language, or
    a parameter (the target's names and parameters naming one were offered, and Tab took
    one that matched nothing: hunt112 F1, hunt108 F11)."""
    words = tuple(quote_name(word(key, index.lang)) for key in CELL_WORDS)
    every = tuple(word(key, lang) for key in CELL_WORDS for lang in LANGUAGES)  # (the checker
    return [Literal(words, "cell"), Parameter(words=every)]  # takes each: hunt118 F1)


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


def _values(path: Sequence[Token], focus: Kind, index: NameIndex) -> list[Kinds]:
    """What may be compared with ``path``: its entities, truth values, or, for a name
    (`name =`, `gpu.name in [`), the names of the entities that have it (hunt98 F2: none)."""
    kind = _walk(path, focus, index)
    if kind.is_entity:
        return [EntityName(kind.classes), Parameter(kind)]
    if kind.tag is KindTag.BOOLEAN:
        return [Literal(("true", "false")), Parameter(kind)]
    if path and path[-1].type == "NAME" and str(path[-1]).casefold() == "name":
        owner = _walk(path[:-2], focus, index)  # (`gpu.name`: the path before its `.`)
        if owner.is_entity:
            return [EntityName(owner.classes, as_name=True), Parameter(kind)]
    return [Parameter(kind)]


def _text(token: Token) -> str:
    """What a token says: a string's text, unquoted; another token as written."""
    return unquote(str(token)) if token.type == "STRING" else str(token)
