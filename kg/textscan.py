"""A lexical scan of KGQ text that tolerates incomplete input: which brackets and
strings are left open, and whether the text ends inside a comment.

The parser uses it to point at an unclosed bracket, the REPL to decide whether Enter
submits and which word the cursor is on.
"""

from __future__ import annotations

import re
import unicodedata

from kg.records import record

__all__ = ["Scan", "scan", "without_comments", "unquote", "quoted", "composed", "loose_key",
           "LOOSE", "display_width", "pad_cells", "wrap_cells", "quoted_if_needed", "one_line",
           "string_end"]


LOOSE = re.compile(r"[\s_\-]+")  #: what :func:`loose_key` drops between a name's words


def loose_key(name: str) -> str:
    """A name with case, spaces, hyphens and underscores ignored: ``ND H100 v5`` ~ ``nd-h100_v5``
    (:mod:`kg.catalog` names entities by it; what it drops, as XPath: ``kg.name_queries.LOOSE_DROPPED``)."""
    return LOOSE.sub("", name.casefold())  # (a regex: half the time of a test per character;
    # re's \s is str.isspace's set: tests/test_names.py checks both against Unicode's data)


def display_width(text: str) -> int:
    """How many terminal cells ``text`` takes: a wide (East Asian) character two, a
    combining mark or a zero-width joiner none, any other one.

    >>> display_width("NCv3"), display_width("日本語"), display_width("Cafe\u0301")
    (4, 6, 4)
    >>> display_width("\U0001f44d\U0001f3fd")  # 👍🏽: the skin tone drawn in the thumb
    2
    """
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(ch) or ch in _ZERO_WIDTH
               or (i and _SKIN_TONES[0] <= ch <= _SKIN_TONES[1])  # (on the emoji before it:
               else 2 if unicodedata.east_asian_width(ch) in "WF" else 1  # 👍🏽 took four
               for i, ch in enumerate(text))  # cells, the caret two off: hunt120 F10)


_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")  #: joiners and zero-width spaces
_SKIN_TONES = ("\U0001f3fb", "\U0001f3ff")  #: the emoji modifiers, drawn in the emoji


def pad_cells(text: str, width: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` terminal cells, on the left when ``right``."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if right else text + fill


def wrap_cells(line: str, width: int, *, break_long: bool = True) -> list[str]:
    """``line`` cut into lines of at most ``width`` terminal cells, between words (as
    :func:`textwrap.wrap`, by cells: a wide character takes two); a word wider than
    ``width`` is cut between its characters when ``break_long``, else stands alone."""
    if display_width(line) <= width:
        return [line]
    if line.isascii():
        import textwrap

        return textwrap.wrap(line, width, break_on_hyphens=False,
                             break_long_words=break_long) or [""]
    out: list[str] = []
    current, used = "", 0
    for word in (w for w in line.split(" ") if w):  # (a no-break space joins, as in textwrap)
        size = display_width(word)
        if current and used + 1 + size <= width:
            current, used = f"{current} {word}", used + 1 + size
            continue
        if current:
            out.append(current)
        current, used = "", 0
        for piece in word if size > width and break_long else (word,):
            cells = display_width(piece)
            if current and used + cells > width:
                out.append(current)
                current, used = "", 0
            current, used = current + piece, used + cells
    if current:
        out.append(current)
    return out or [""]


def composed(text: str) -> str:
    """``text`` in Unicode's composed form (NFC), as the graph's names are written: an umlaut
    typed as a letter and a combining mark (text from macOS may be) names what ``ü`` does.

    >>> composed("Echtzeitru\u0308ckschluss") == "Echtzeitrückschluss"
    True
    """
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


@record
class Scan:
    brackets: tuple[int, ...]  #: offsets of the brackets left open, innermost last
    string_at: int | None  #: where a string left open starts
    in_comment: bool  #: the text ends inside a ``#`` comment
    comment_at: int | None = None  #: where that comment starts
    closed: int = 0  #: closing brackets with none open before them in the text
    last: str = ""  #: the last character outside strings and comments, white space aside


def scan(text: str) -> Scan:
    """Scan ``text`` outside strings and comments.

    >>> scan('VMSeries | where (name = "N').string_at, scan('x [ (').brackets
    (25, (2, 4))
    >>> found = scan("  Volta] |  # more"); found.closed, found.last, found.comment_at
    (1, '|', 12)
    """
    stack: list[int] = []
    quote: str | None = None
    start = closed = i = 0
    last = ""
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "\"'":
            quote, start, last = ch, i, ch
        elif ch == "#":
            nl = text.find("\n", i)
            if nl < 0:
                return Scan(tuple(stack), None, True, i, closed, last)
            i = nl
        else:
            if ch in "([":
                stack.append(i)
            elif ch in ")]":
                if stack:
                    stack.pop()
                else:
                    closed += 1
            if not ch.isspace():
                last = ch
        i += 1
    return Scan(tuple(stack), start if quote else None, False, None, closed, last)


def string_end(text: str) -> int | None:
    r"""Where the string that ``text`` opens with its first character (a quote) closes: the
    next such quote that no backslash escapes; None where none does.

    >>> string_end(r'"a\"b" # c'), string_end("'open")
    (5, None)
    """
    i = 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == text[0]:
            return i
        i += 1
    return None


def without_comments(text: str) -> str:
    """``text`` with each line's ``# comment`` cut, as :func:`scan` finds it (not a ``#``
    in a string).

    >>> without_comments('check "A#1" with B  # a note\\n| count')
    'check "A#1" with B  \\n| count'
    """
    cut = []
    for line in text.split("\n"):
        at = scan(line).comment_at
        cut.append(line if at is None else line[:at])
    return "\n".join(cut)


#: What a backslash in a KGQ string stands for (``\\uXXXX`` too: a character by its code).
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'"}


def unquote(raw: str, *, strict: bool = False) -> str:
    """The value of a quoted KGQ string: quotes dropped, ``\\n``, ``\\t``, ``\\\\``, the
    quotes and ``\\uXXXX`` unescaped. Any other escape is an error with ``strict`` (a
    ``ValueError`` naming its offset in ``raw``), else the character itself (completion
    reads half-typed strings)."""
    body = raw[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt, code = body[i + 1], body[i + 2:i + 6]
            if (nxt == "u" and len(code) == 4 and all(c in "0123456789abcdefABCDEF" for c in code)
                    and not 0xD800 <= int(code, 16) <= 0xDFFF):  # no lone surrogate
                out.append(chr(int(code, 16)))
                i += 6
                continue
            if nxt == "u" and strict:
                what = (f"`\\u{code}` is half of a UTF-16 surrogate pair, no character"
                        if len(code) == 4 and all(c in "0123456789abcdefABCDEF" for c in code)
                        else "`\\u` takes four hexadecimal digits")
                raise ValueError(f"{what} (write `\\uXXXX` with the character's code, or the "
                                 "character itself)", i + 1)
            if nxt not in _ESCAPES and strict:
                raise ValueError(f"unknown escape `\\{nxt}` in a string (write `\\\\` for a "
                                 f"backslash; escapes: \\n \\t \\\" \\' \\\\ \\uXXXX)", i + 1)
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def quoted(text: str) -> str:
    """``text`` as a double-quoted KGQ string, which :func:`unquote` reads back as it was:
    ``\\`` and ``"`` escaped, a line break or tab as ``\\n`` or ``\\t``, any other
    character that does not print as ``\\uXXXX``."""
    out = []
    for c in text:
        if c in '\\"':
            out.append("\\" + c)
        elif c in "\n\t":
            out.append("\\n" if c == "\n" else "\\t")
        elif not c.isprintable() and ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def one_line(text: str, limit: int = 60) -> str:
    r"""A statement as a message names it: its white space one space, cut past ``limit``.

    >>> one_line("VMSeries\n  | count"), one_line("x" * 70)[-3:]
    ('VMSeries | count', 'xx…')
    """
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1] + "…"


def quoted_if_needed(text: str) -> str:
    """``text`` as it is, or :func:`quoted` where it would read otherwise: empty, white
    space or quotes around it, a character that does not print (a saved query's default, a
    REPL parameter's value).

    >>> quoted_if_needed("Volta"), quoted_if_needed(" v3 "), quoted_if_needed("")
    ('Volta', '" v3 "', '""')
    """
    if text and text == text.strip() and text[:1] not in ('"', "'") and text.isprintable():
        return text
    return quoted(text)
