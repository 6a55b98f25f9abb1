"""Syntax highlighting from the grammar's own terminals.

The text is tokenized by lark with the terminals of ``kg/grammar.lark`` (a
basic-lexer build of the same file, see :func:`kg.repl.terms.highlight_lexer`);
each terminal's role (keyword, operator, value) picks the style. Names are
styled by what they are in the graph: class, property or entity.

Highlighting runs on every keystroke, so its work is bounded: a text longer than
:data:`HIGHLIGHT_CHARS` is shown plain, and after :data:`MAX_ERRORS` characters no
terminal matches the rest of the text is one error token. A text of several statements
(a paste) is highlighted statement by statement, up to :data:`SPLIT_CHARS` characters.

A name is styled by what it names where it stands, not by the word alone: `category` is a
property after `where`, `.` or `^`, and a class at the start or after `is`
(:func:`_roles`); where it is not what the place wants, by what it names at all.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterator

from lark.exceptions import UnexpectedCharacters
from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.lexers import Lexer

from kg.repl.script import script_lines, script_statements, statement_starts
from kg.repl.terms import highlight_lexer, terminals

__all__ = ["KgLexer", "tokens", "HIGHLIGHT_CHARS", "MAX_ERRORS", "SPLIT_CHARS"]

HIGHLIGHT_CHARS = 20_000  #: longer texts (a big paste) are not highlighted
MAX_ERRORS = 64  #: lexing restarts after this many bad characters give up
#: longer texts are highlighted as one statement (cutting one into statements parses each
#: line: 50 ms a keystroke for 2,000 characters of one-line statements, 250 ms for 17,000)
SPLIT_CHARS = 2_000

_VALUE_STYLES = {
    "STRING": "class:kgq.string",
    "NUMBER": "class:kgq.number",
    "INT": "class:kgq.number",
    "DATE": "class:kgq.number",
    "PARAM": "class:kgq.param",
    "COMMENT": "class:kgq.comment",
}
_ROLE_STYLES = {"keyword": "class:kgq.keyword", "operator": "class:kgq.operator"}

#: what a name names: some of "class", "property", "entity" (none for an unknown name)
NameKinds = Callable[[str], Collection[str]]
_PREFERRED = ("class", "property", "entity")  #: a name's style where its place says nothing

#: the previous token (lowercased) → what a name after it is
_PLACES = {
    **dict.fromkeys((".", "^", "where", "and", "or", "not", "show", "by", "sort", "has",
                     "follow", "collect"), "property"),
    **dict.fromkeys(("=", "!=", "<", "<=", ">", ">=", "with", "to", "describe", "path",
                     "neighbors", "supports", "in", "from", "check", "["), "entity"),
    **dict.fromkeys(("is", "schema"), "class"),
    "as": "alias",
}


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """``(terminal, text)`` pairs covering all of ``text``, whitespace and comments too.

    A character no terminal matches comes out as ``("ERROR", char)``; an unclosed
    string runs to the end of its line as ``("OPEN_STRING", …)``; after
    :data:`MAX_ERRORS` of those the rest is one ``ERROR``. Never raises; linear time.
    """
    pos = 0
    lexer = highlight_lexer()
    errors = 0
    while pos < len(text):
        if errors >= MAX_ERRORS:  # each restart copies the rest: stop before it adds up
            yield "ERROR", text[pos:]
            return
        try:
            for tok in lexer.lex(text[pos:], dont_ignore=True):
                yield tok.type, str(tok)
            return
        except UnexpectedCharacters as exc:
            errors += 1
            bad = pos + (exc.pos_in_stream or 0)  # the tokens before it were yielded already
            if text[bad] in "\"'":
                end = text.find("\n", bad)
                end = len(text) if end < 0 else end
                yield "OPEN_STRING", text[bad:end]
                pos = end
            else:
                yield "ERROR", text[bad]
                pos = bad + 1


class KgLexer(Lexer):
    """prompt_toolkit lexer for KGQ; dot-command lines are styled as commands."""

    def __init__(self, name_kinds: NameKinds | None = None) -> None:
        self.name_kinds = name_kinds

    def _style(self, terminal: str, text: str, place: str | None) -> str:
        if terminal == "NAME" and self.name_kinds is not None:
            kinds = self.name_kinds(text)
            if place == "alias":
                return "class:kgq.name"
            kind = place if place in kinds else next((k for k in _PREFERRED if k in kinds), None)
            return f"class:kgq.{kind}" if kind else "class:kgq.name"
        if terminal in _VALUE_STYLES:
            return _VALUE_STYLES[terminal]
        if terminal in ("ERROR", "OPEN_STRING"):
            return "class:kgq.error" if terminal == "ERROR" else "class:kgq.string"
        term = terminals().get(terminal)
        return _ROLE_STYLES.get(term.role, "") if term else ""

    def fragments(self, text: str) -> StyleAndTextTuples:
        """The whole text as ``(style, text)`` fragments, each statement or dot-command in
        it on its own, cut as a script's are (a prompt may hold several, pasted or after
        Ctrl-O: read as one statement, the second one's first name was no class and its
        dot-command no command, hunt139 F3)."""
        if len(text) > HIGHLIGHT_CHARS:
            return [("", text)]
        pieces: StyleAndTextTuples = []
        for found in _by_statement(list(tokens(text)), _statement_offsets(text)):
            if next((s for _, s in found if s.strip()), "").startswith("."):
                pieces += [("class:kgq.command", s) for _, s in found]
            else:
                pieces += [(self._style(t, s, place), s)
                           for (t, s), place in zip(found, _roles(found))]
        return pieces

    def lex_document(self, document: Document) -> Callable[[int], StyleAndTextTuples]:
        lines: list[StyleAndTextTuples] = [[]]
        try:
            pieces = self.fragments(document.text)
        except Exception:  # noqa: BLE001  highlighting must never break typing
            pieces = [("", document.text)]
        for piece in pieces:
            style, text = piece[0], piece[1]
            parts = text.split("\n")
            for i, part in enumerate(parts):
                if i:
                    lines.append([])
                if part:
                    lines[-1].append((style, part))

        def get_line(lineno: int) -> StyleAndTextTuples:
            return lines[lineno] if 0 <= lineno < len(lines) else []

        return get_line


def _statement_offsets(text: str) -> list[int]:
    """Where in ``text`` each of its statements but the first starts (the blank and comment
    lines before one go with the one before them). The starts in the lines above the last
    are kept from the keystroke before: typing at the end reads the last statement alone."""
    cut = text.rfind("\n") + 1
    if not cut or len(text) > SPLIT_CHARS:
        return []
    above = statement_starts(text[:cut])
    first = above[-1] if above else 1
    lines = script_lines(text)
    starts = [*above[:-1], *(first - 1 + start for start, _ in script_statements(lines[first - 1:]))]
    offsets = [0, *itertools.accumulate(map(len, lines))]
    return [offsets[start - 1] for start in starts[1:]]


def _by_statement(found: list[tuple[str, str]], offsets: list[int]) -> Iterator[list[tuple[str, str]]]:
    """``found``'s tokens in runs, a new one at the first token at or after each offset."""
    run: list[tuple[str, str]] = []
    at, cuts = 0, iter(offsets)
    cut = next(cuts, None)
    for token in found:
        if cut is not None and at >= cut:
            yield run
            run, cut = [], next(cuts, None)
            while cut is not None and at >= cut:  # (a token that spans a statement's start)
                cut = next(cuts, None)
        run.append(token)
        at += len(token[1])
    yield run


def _roles(found: list[tuple[str, str]]) -> Iterator[str | None]:
    """For each token, what a name there is ("class", "property", "entity", "alias"; None
    where its place says nothing): from the token before it, and the bracket it is in (a
    `,` in `[…]` or `supports(…)` parts values, elsewhere paths)."""
    previous: str | None = None  # None: the statement's start
    brackets: list[str] = []  # "value" or "path" for each open `[` or `(`
    for terminal, text in found:
        word = text.lower()
        if previous is None:
            yield "class"
        elif previous in (",", "("):
            yield "entity" if brackets and brackets[-1] == "value" else "property"
        else:
            yield _PLACES.get(previous)
        if terminal in ("WS", "COMMENT") or not text.strip():
            continue
        if word == "[":
            brackets.append("value")
        elif word == "(":
            brackets.append("value" if previous == "supports" else "path")
        elif word in ("]", ")") and brackets:
            brackets.pop()
        previous = word
