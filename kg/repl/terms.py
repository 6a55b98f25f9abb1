"""The grammar's terminals, sorted into keywords, operators and value tokens.

Read from the LALR parser built from ``kg/grammar.lark``; nothing here names a
keyword, so a keyword added to the grammar is completed and highlighted at once.
"""

from __future__ import annotations

import functools
import re

from lark import Lark
from lark.lexer import PatternStr

from kg import parser as kg_parser
from kg.paths import parser_cache
from kg.records import record

__all__ = ["Terminal", "terminals", "highlight_lexer"]

_LITERAL_ALTERNATIVES = re.compile(r"^\((?:\?:)?([^()]*)\)(?:\\b)?$")


@record
class Terminal:
    """One terminal of the grammar, as the REPL sees it."""

    name: str  #: lark's name (WHERE, VBAR, NAME, …)
    words: tuple[str, ...]  #: the literal texts it matches, when it is a closed set
    role: str  #: "keyword", "operator" or "value"


def _words(pattern_value: str, is_str: bool) -> tuple[str, ...]:
    if is_str:
        return (pattern_value,)
    found = _LITERAL_ALTERNATIVES.match(pattern_value)
    if not found:
        return ()
    words = tuple(re.sub(r"\\(.)", r"\1", w) for w in found.group(1).split("|"))
    return words if all(re.escape(w) == w or not w.isalnum() for w in words) else ()


@functools.lru_cache(maxsize=1)
def terminals() -> dict[str, Terminal]:
    """Every terminal of the grammar by name (built once)."""
    out: dict[str, Terminal] = {}
    for term in kg_parser.parser().terminals:
        words = _words(term.pattern.value, isinstance(term.pattern, PatternStr))
        if words and all(w.isalpha() for w in words):
            role = "keyword"
        elif words:
            role = "operator"
        else:
            role = "value"
        out[term.name] = Terminal(term.name, words, role)
    return out


@functools.lru_cache(maxsize=1)
def highlight_lexer() -> Lark:
    """The same grammar file with a basic lexer, so ``Lark.lex`` can tokenize any text."""
    return Lark.open(
        "grammar.lark",
        rel_to=kg_parser.__file__,
        parser="lalr",
        lexer="basic",
        cache=parser_cache("highlight"),
    )
