"""A lexical scan of KGQ text that tolerates incomplete input: which brackets and
strings are left open, and whether the text ends inside a comment.

The parser uses it to point at an unclosed bracket, the REPL to decide whether Enter
submits and which word the cursor is on.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Scan", "scan", "unquote"]


@dataclass(frozen=True)
class Scan:
    brackets: tuple[int, ...]  #: offsets of the brackets left open, innermost last
    string_at: int | None  #: where a string left open starts
    in_comment: bool  #: the text ends inside a ``#`` comment


def scan(text: str) -> Scan:
    """Scan ``text`` outside strings and comments.

    >>> scan('VMSeries | where (name = "N').string_at, scan('x [ (').brackets
    (25, (2, 4))
    """
    stack: list[int] = []
    quote: str | None = None
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote, start = ch, i
        elif ch == "#":
            nl = text.find("\n", i)
            if nl < 0:
                return Scan(tuple(stack), None, True)
            i = nl
        elif ch in "([":
            stack.append(i)
        elif ch in ")]" and stack:
            stack.pop()
        i += 1
    return Scan(tuple(stack), start if quote else None, False)


def unquote(raw: str) -> str:
    """The value of a quoted KGQ string: quotes dropped, ``\\n``, ``\\t``, ``\\x`` unescaped."""
    body = raw[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)
