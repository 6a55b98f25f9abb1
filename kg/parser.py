"""Parse: KGQ text → :mod:`kg.ast`. The grammar lives in ``grammar.lark``.

The Transformer only builds AST nodes; lark's errors become
:class:`~kg.errors.QuerySyntaxError` here and nowhere else, in plain words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from lark import Lark, Token, Transformer, Tree, v_args
from lark.exceptions import LarkError, UnexpectedInput, VisitError
from lark.lark import PostLex

from kg import ast
from kg.errors import Problem, QuerySyntaxError, Span
from kg.limits import MAX_DEPTH, MAX_QUERY_CHARS, MAX_STAGES, MAX_STEPS, MAX_TERMS
from kg.literals import MAX_INT
from kg.parse_errors import SplitWord, problem, wordy
from kg.paths import parser_cache
from kg.textscan import composed, quoted, unquote

__all__ = ["parse", "parser", "keywords", "quote_name"]

#: Statements this short are parsed once per process (a REPL retypes them often).
_CACHED_CHARS = 4_000


@functools.cache
def _bare() -> re.Pattern[str]:
    """The grammar's own NAME terminal: a name matching it needs no quotes."""
    term = next(t for t in parser().terminals if t.name == "NAME")
    flags = re.IGNORECASE if "i" in term.pattern.flags else 0
    return re.compile(term.pattern.to_regexp(), flags)


def quote_name(text: str) -> str:
    """``text`` as a statement must hold it: bare when it is a NAME and no keyword, else in
    double quotes (a class `Check` or a property `has`, completed bare, read as the keyword:
    hunt124 F9)."""
    return text if _bare().fullmatch(text) and text.casefold() not in _taken() else quoted(text)


@functools.cache
def _taken() -> frozenset[str]:
    """The keywords that, bare, read as keywords where a name may stand too: at the start of
    a statement (`check`, `path`) or of a condition (`has`, `not`); others (`count`, `show`)
    read as names there."""
    def bare(form: str) -> bool:
        try:
            _parse(form)
        except QuerySyntaxError:
            return False
        return True
    return frozenset(k for k in keywords()
                     if not (bare(f"{k} | count") and bare(f"A | where {k} > 1")))


class WholeWords(PostLex):
    """No token starts inside a word: where the grammar expects no name, lark's lexer
    matched a keyword at the start of a longer word (`orcategory` as `or category`,
    `astral` as `as tral`), and a typo ran as another query. Two tokens that touch, each
    with a letter, digit or ``_`` at the touching end, are one word split: an error."""

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        before: Token | None = None
        for token in stream:
            if (before is not None and token.start_pos == before.end_pos
                    and wordy(before[-1:]) and wordy(token[:1])):
                raise SplitWord(token)
            yield token
            before = token


@functools.lru_cache(maxsize=1)
def parser() -> Lark:
    """The LALR parser, built once (and kept between runs: :func:`kg.paths.parser_cache`)."""
    return Lark.open(
        "grammar.lark",
        rel_to=__file__,
        parser="lalr",
        propagate_positions=True,
        maybe_placeholders=True,
        postlex=WholeWords(),
        cache=parser_cache("parser"),
    )


def parse(text: str) -> ast.Statement:
    """Parse one KGQ statement.

    >>> parse("VMSeries | count").stages
    (Count(span=Span(start=11, end=16)),)

    Raises:
        QuerySyntaxError: the text is not KGQ, or passes one of :mod:`kg.limits`.
    """
    text = composed(text)  # as the checker renders it (kg.checker.check)
    return _parse_cached(text) if len(text) <= _CACHED_CHARS else _parse(text)


@functools.lru_cache(maxsize=256)
def _parse_cached(text: str) -> ast.Statement:
    return _parse(text)


def _a_statement(text: str) -> bool:
    """Is ``text`` a whole statement to the grammar (what a parse error reads after it)?"""
    try:
        parser().parse(text)
    except LarkError:
        return False
    return True


def _parse(text: str) -> ast.Statement:
    _check_text(text)
    try:
        tree = parser().parse(text)
    except UnexpectedInput as exc:
        raise QuerySyntaxError([problem(exc, text, keywords(), _a_statement)], text) from None
    _check_shape(tree, text)
    try:
        return _ToAst().transform(tree)  # type: ignore[no-any-return]
    except VisitError as exc:  # a malformed literal inside an otherwise valid token
        orig = exc.orig_exc
        span = orig.span if isinstance(orig, _LiteralError) else None
        raise QuerySyntaxError([Problem(str(orig), span)], text) from None


def _check_text(text: str) -> None:
    """Limits that need no parse: size, characters that are not Unicode, emptiness."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            [Problem(f"the query is too long ({len(text):,} characters; at most "
                     f"{MAX_QUERY_CHARS:,})", Span(0, 1))], text)
    bad = next((i for i, ch in enumerate(text) if "\ud800" <= ch <= "\udfff"), None)
    if bad is not None:  # a byte that is not UTF-8, as Python reads it (U+DC80-U+DCFF)
        what = (f"the byte 0x{ord(text[bad]) - 0xDC00:02x} is not UTF-8 (a statement is UTF-8 "
                "text)" if "\udc80" <= text[bad] <= "\udcff"
                else "this character is not valid Unicode (a lone surrogate)")
        raise QuerySyntaxError([Problem(what, Span(bad, bad + 1))], text)
    if not _meaningful(text):
        raise QuerySyntaxError([Problem(
            "empty query: expected a class, an entity or a statement "
            "(describe, path, neighbors, check, schema)", None)], text)


_TERM_RULES = frozenset({"compare", "contains", "in_", "supports", "has", "is_", "truthy",
                         "name_value", "string_value", "number_value", "date_value",
                         "param_value"})
_PATH_RULES = frozenset({"path", "supports_steps"})  #: their children are a path's steps
_STAGE_RULES = frozenset({"where", "show", "sort", "limit", "count", "count_by", "collect",
                          "transpose", "follow",
                          "distinct", "check_with"})


def _check_shape(tree: Tree[Token], text: str) -> None:
    """Limits on the parse tree (walked without recursion): nesting, path steps, stages,
    terms."""
    stages = terms = 0
    todo: list[tuple[Tree[Token], int]] = [(tree, 0)]
    while todo:
        node, depth = todo.pop()
        where = Span(node.meta.start_pos, node.meta.end_pos) if not node.meta.empty else None
        if depth > MAX_DEPTH:
            _too_much(f"the statement nests too deeply (more than {MAX_DEPTH} levels)", where, text)
        if node.data in _PATH_RULES and len(node.children) > MAX_STEPS:  # (500 steps were a
            step = node.children[MAX_STEPS]  # RecursionError in the planner: hunt143 F1)
            where = Span(step.meta.start_pos, step.meta.end_pos) \
                if isinstance(step, Tree) and not step.meta.empty else where
            _too_much(f"the path has too many steps (at most {MAX_STEPS})", where, text)
        stages += node.data in _STAGE_RULES
        terms += node.data in _TERM_RULES
        if stages > MAX_STAGES:
            _too_much(f"the pipeline has too many stages (at most {MAX_STAGES})", where, text)
        if terms > MAX_TERMS:
            _too_much(f"the statement has too many conditions and values (at most "
                      f"{MAX_TERMS}; a comparison counts twice, itself and its value)",
                      where, text)  # (it did not say so: hunt50 #8)
        # in the text's order (a stack: the last child first), so the error points at
        # the first stage or term past the limit
        todo += [(child, depth + 1) for child in reversed(node.children) if isinstance(child, Tree)]


def _too_much(message: str, span: Span | None, text: str) -> None:
    raise QuerySyntaxError([Problem(message, span, "split it into smaller statements")], text)


def _meaningful(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.split("#", 1)[0].strip() if '"' not in line else line.strip()
        if stripped and not stripped.startswith("#"):
            return True
    return False


_ALTERNATIVES = re.compile(r"^\((?:\?:)?([^()]*)\)(?:\\b)?$")


@functools.lru_cache(maxsize=1)
def keywords() -> frozenset[str]:
    """The grammar's words (``where``, ``with``, ``depth``, ``asc``, …), in lower case."""
    words: set[str] = set()
    for term in parser().terminals:
        alternatives = _ALTERNATIVES.match(term.pattern.value)  # (asc|desc)\b
        found = alternatives.group(1).split("|") if alternatives else [term.pattern.value]
        words.update(w.casefold() for w in found if w.isalpha())
    return frozenset(words)


# --- tree → AST -----------------------------------------------------------------


class _LiteralError(ValueError):
    """A token the grammar accepts but whose value is out of range."""

    def __init__(self, message: str, span: Span) -> None:
        super().__init__(message)
        self.span = span


def _whole(tok: Token) -> int:
    """A whole number token as an int, no larger than a SPARQL engine's integers."""
    digits = tok.lstrip("0") or "0"  # (`limit 0…01` is 1: hunt108 F10)
    if len(digits) > len(str(MAX_INT)) or int(digits) > MAX_INT:  # (its largest: hunt107 F6)
        shown = tok if len(tok) <= 20 else f"{tok[:20]}…"
        raise _LiteralError(f"{shown} is too large a number (at most {MAX_INT:,})", _tok_span(tok))
    return int(tok)


def _span(meta: Any) -> Span:
    return Span(getattr(meta, "start_pos", 0), getattr(meta, "end_pos", 0))


def _tok_span(tok: Token) -> Span:
    return Span(tok.start_pos or 0, tok.end_pos or 0)


@v_args(meta=True)
class _ToAst(Transformer):  # type: ignore[type-arg]
    """One method per rule or alias of grammar.lark; builds AST only."""

    def start(self, meta: Any, c: list[Any]) -> Any:
        return c[0]

    # statements
    def query(self, meta: Any, c: list[Any]) -> ast.Query:
        return ast.Query(c[0], tuple(c[2:]), _span(meta), c[1])

    def describe(self, meta: Any, c: list[Any]) -> ast.Describe:
        return ast.Describe(c[0], _span(meta))

    def path_stmt(self, meta: Any, c: list[Any]) -> ast.PathStmt:
        return ast.PathStmt(c[0], c[1], _span(meta))

    def neighbors(self, meta: Any, c: list[Any]) -> ast.Neighbors:
        depth = _whole(c[1]) if c[1] is not None else 1
        return ast.Neighbors(c[0], depth, _span(meta), _tok_span(c[1]) if c[1] is not None else None)

    def check(self, meta: Any, c: list[Any]) -> ast.Check:
        return ast.Check(c[0], c[1], _span(meta))

    def schema(self, meta: Any, c: list[Any]) -> ast.Schema:
        return ast.Schema(c[0], _span(meta))

    # stages
    def where(self, meta: Any, c: list[Any]) -> ast.Where:
        return ast.Where(c[0], _span(meta))

    def show(self, meta: Any, c: list[Any]) -> ast.Show:
        return ast.Show(tuple(c), _span(meta))

    def show_item(self, meta: Any, c: list[Any]) -> ast.ShowItem:
        return ast.ShowItem(c[0], c[1] if len(c) > 1 else None, _span(meta))

    def sort(self, meta: Any, c: list[Any]) -> ast.Sort:
        return ast.Sort(tuple(c), _span(meta))

    def sort_item(self, meta: Any, c: list[Any]) -> ast.SortItem:
        desc = len(c) > 1 and c[1] is not None and str(c[1]).lower() == "desc"
        return ast.SortItem(c[0], desc, _span(meta))

    def limit(self, meta: Any, c: list[Any]) -> ast.Limit:
        return ast.Limit(_whole(c[0]), _span(meta))

    def count(self, meta: Any, c: list[Any]) -> ast.Count:
        return ast.Count(_span(meta))

    def count_by(self, meta: Any, c: list[Any]) -> ast.CountBy:
        return ast.CountBy(tuple(c), _span(meta))

    def collect(self, meta: Any, c: list[Any]) -> ast.Collect:
        return ast.Collect(c[0], tuple(c[1:]), _span(meta))

    def transpose(self, meta: Any, c: list[Any]) -> ast.Transpose:
        return ast.Transpose(c[0] if c else None, _span(meta))

    def follow(self, meta: Any, c: list[Any]) -> ast.Follow:
        return ast.Follow(c[0], _span(meta))

    def distinct(self, meta: Any, c: list[Any]) -> ast.Distinct:
        return ast.Distinct(_span(meta))

    def check_with(self, meta: Any, c: list[Any]) -> ast.CheckWith:
        return ast.CheckWith(c[0], _span(meta))

    # conditions
    def or_(self, meta: Any, c: list[Any]) -> ast.Cond:
        return c[0] if len(c) == 1 else ast.Or(tuple(c), _span(meta))

    def and_(self, meta: Any, c: list[Any]) -> ast.Cond:
        return c[0] if len(c) == 1 else ast.And(tuple(c), _span(meta))

    def not_(self, meta: Any, c: list[Any]) -> ast.Not:
        return ast.Not(c[0], _span(meta))

    def compare(self, meta: Any, c: list[Any]) -> ast.Compare:
        return ast.Compare(c[0], str(c[1]), c[2], _span(meta))

    def contains(self, meta: Any, c: list[Any]) -> ast.Contains:
        if isinstance(c[1], Token):  # ~ $name: the parameter's value, as text
            return ast.Contains(c[0], self.param_value(meta, [c[1]]), _span(meta))
        return ast.Contains(c[0], ast.Value(ast.ValueKind.STRING, c[1].text, c[1].span),
                            _span(meta))

    def in_(self, meta: Any, c: list[Any]) -> ast.In:
        return ast.In(c[0], tuple(v for v in c[1:] if v is not None), _span(meta))

    def supports(self, meta: Any, c: list[Any]) -> ast.Supports:
        return ast.Supports(c[0], _span(meta))

    def has(self, meta: Any, c: list[Any]) -> ast.Has:
        return ast.Has(c[0], _span(meta))

    def is_(self, meta: Any, c: list[Any]) -> ast.Is:
        return ast.Is(c[0], _span(meta))

    def truthy(self, meta: Any, c: list[Any]) -> ast.Truthy:
        return ast.Truthy(c[0], _span(meta))

    # expressions
    def supports_fn(self, meta: Any, c: list[Any]) -> ast.SupportsFn:
        return ast.SupportsFn(c[0], _span(meta))

    def supports_path(self, meta: Any, c: list[Any]) -> ast.Path:
        span = _span(meta)
        step = ast.Step(ast.Name("supports", span), False, span)
        return ast.Path((step,), span)

    def supports_steps(self, meta: Any, c: list[Any]) -> ast.Path:
        """`supports.name`: the property, then a path on (hunt107 F3: only `"supports".name`
        was one)."""
        span = _span(meta)
        head = Span(span.start, span.start + len("supports"))
        step = ast.Step(ast.Name("supports", head), False, head)
        return ast.Path((step, *c), span)

    def path(self, meta: Any, c: list[Any]) -> ast.Path:
        return ast.Path(tuple(c), _span(meta))

    def forward(self, meta: Any, c: list[Any]) -> ast.Step:
        return ast.Step(c[0], False, _span(meta))

    def inverse(self, meta: Any, c: list[Any]) -> ast.Step:
        return ast.Step(c[0], True, _span(meta))

    def name(self, meta: Any, c: list[Any]) -> ast.Name:
        return ast.Name(str(c[0]), _tok_span(c[0]))

    def string(self, meta: Any, c: list[Any]) -> ast.Name:
        try:
            text = unquote(str(c[0]), strict=True)
        except ValueError as exc:
            message, at = exc.args
            start = c[0].start_pos + at
            raise _LiteralError(message, Span(start, start + 2)) from None
        return ast.Name(text, _tok_span(c[0]), quoted=True)

    # values
    def name_value(self, meta: Any, c: list[Any]) -> ast.Value:
        return ast.Value(ast.ValueKind.NAME, c[0].text, c[0].span)

    def string_value(self, meta: Any, c: list[Any]) -> ast.Value:
        return ast.Value(ast.ValueKind.STRING, c[0].text, c[0].span)

    def number_value(self, meta: Any, c: list[Any]) -> ast.Value:
        return ast.Value(ast.ValueKind.NUMBER, str(c[0]), _tok_span(c[0]))

    def date_value(self, meta: Any, c: list[Any]) -> ast.Value:
        return ast.Value(ast.ValueKind.DATE, str(c[0]), _tok_span(c[0]))

    def param_value(self, meta: Any, c: list[Any]) -> ast.Value:
        return ast.Value(ast.ValueKind.PARAM, str(c[0])[1:], _tok_span(c[0]))
