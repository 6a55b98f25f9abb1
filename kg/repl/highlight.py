"""Syntax highlighting from the grammar's own terminals.

The text is tokenized by lark with the terminals of ``kg/grammar.lark`` (a
basic-lexer build of the same file, see :func:`kg.repl.terms.highlight_lexer`);
each terminal's role (keyword, operator, value) picks the style. Names are
styled by what they are in the graph: class, property or entity.

Highlighting runs on every keystroke, so its work is bounded: a text longer than
:data:`HIGHLIGHT_CHARS` is shown plain, and after :data:`MAX_ERRORS` characters no
terminal matches the rest of the text is one error token.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from lark.exceptions import UnexpectedCharacters
from prompt_toolkit.document import Document
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.lexers import Lexer

from kg.repl.terms import highlight_lexer, terminals

__all__ = ["KgLexer", "tokens", "HIGHLIGHT_CHARS", "MAX_ERRORS"]

HIGHLIGHT_CHARS = 20_000  #: longer texts (a big paste) are not highlighted
MAX_ERRORS = 64  #: lexing restarts after this many bad characters give up

_VALUE_STYLES = {
    "STRING": "class:kgq.string",
    "NUMBER": "class:kgq.number",
    "INT": "class:kgq.number",
    "DATE": "class:kgq.number",
    "PARAM": "class:kgq.param",
    "COMMENT": "class:kgq.comment",
}
_ROLE_STYLES = {"keyword": "class:kgq.keyword", "operator": "class:kgq.operator"}

NameKind = Callable[[str], str | None]  #: "class", "property", "entity" or None for a name


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

    def __init__(self, name_kind: NameKind | None = None) -> None:
        self.name_kind = name_kind

    def _style(self, terminal: str, text: str) -> str:
        if terminal == "NAME" and self.name_kind is not None:
            kind = self.name_kind(text)
            return f"class:kgq.{kind}" if kind else "class:kgq.name"
        if terminal in _VALUE_STYLES:
            return _VALUE_STYLES[terminal]
        if terminal in ("ERROR", "OPEN_STRING"):
            return "class:kgq.error" if terminal == "ERROR" else "class:kgq.string"
        term = terminals().get(terminal)
        return _ROLE_STYLES.get(term.role, "") if term else ""

    def fragments(self, text: str) -> StyleAndTextTuples:
        """The whole text as ``(style, text)`` fragments."""
        if text.lstrip().startswith("."):
            return [("class:kgq.command", text)]
        if len(text) > HIGHLIGHT_CHARS:
            return [("", text)]
        return [(self._style(t, s), s) for t, s in tokens(text)]

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
