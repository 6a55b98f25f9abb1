"""The error hierarchy of kg. Every error a user can cause is a :class:`KgError`.

Each error knows its exit status; query errors also carry the source text and
the span of the offending token, and render it as ``line/column``, the line,
and a caret under the whole token.
"""

from __future__ import annotations

from dataclasses import field
from enum import IntEnum

from kg.records import record
from kg.textscan import display_width, wrap_cells

__all__ = [
    "a",
    "ExitStatus",
    "Span",
    "Problem",
    "KgError",
    "UsageError",
    "ScriptError",
    "QueryError",
    "QuerySyntaxError",
    "ParameterError",
    "QueryCheckError",
    "SavedQueryError",
    "SavedPathError",
    "DataError",
    "ExportError",
    "ReaderLeft",
    "ExecutionError",
    "excerpt",
    "fitted",
    "quote",
]


class ExitStatus(IntEnum):
    """Exit codes of every ``kg`` command (documented in the README and ``kg --help``)."""

    OK = 0  #: results (or nothing to report)
    EMPTY = 1  #: an empty result under --fail-empty
    USAGE = 2  #: bad command line: unknown option, missing argument, bad parameter syntax
    QUERY = 3  #: query error: syntax, unknown name, type, parameter
    DATA = 4  #: data error: malformed Turtle, failed validation, unwritable output
    RUNTIME = 5  #: runtime error: the engine failed, a query timed out
    INTERNAL = 70  #: a bug in kg (reported in one line, never a traceback)
    INTERRUPTED = 130  #: interrupted by Ctrl-C


@record
class Span:
    """A half-open range ``[start, end)`` of character offsets into the source text."""

    start: int
    end: int

    def line_col(self, source: str) -> tuple[int, int]:
        """Return the 1-based line and column of ``start`` in ``source``."""
        before = source[: self.start]
        line = before.count("\n") + 1
        column = self.start - (before.rfind("\n") + 1) + 1
        return line, column


@record
class Problem:
    """One thing wrong with a query: a message, where, and what might have been meant."""

    message: str
    span: Span | None = None
    hint: str | None = None

    def render(self, source: str, *, indent: int = 0, width: int | None = None) -> str:
        """Render as ``line L, column C: message``, the line, carets, and the hint; in a
        terminal ``width`` columns wide, the line cut to fit and the words wrapped whole (a
        narrow REPL wrapped the line apart from its carets, and words in two: hunt50 #9)."""
        if self.span is None:
            head = f"error: {self.message}"
            return fitted(head if self.hint is None else f"{head}\n{self.hint}", width)
        line, column = self.span.line_col(source)
        lines = source.split("\n")
        text = lines[line - 1] if line - 1 < len(lines) else ""
        limit = max(20, width - indent - 4) if width else 100
        shown = excerpt(text, column - 1, self.span.end - self.span.start, indent, limit)
        head = fitted(f"error: line {line}, column {column}: {self.message}", width)
        return "\n".join([head, *shown, *([fitted(self.hint, width)] if self.hint else [])])


#: The most characters of a value a message quotes (a 1 MB value was quoted whole).
MAX_QUOTED = 200


def a(noun: str) -> str:
    """``noun`` after the English indefinite article its sound takes (a message names a
    class: "leads to a inference target" read wrong).

    >>> a("inference target"), a("unmanaged compute"), a("use case"), a("VM series")
    ('an inference target', 'an unmanaged compute', 'a use case', 'a VM series')
    """
    vowel = noun[:1] in "aeioAEIO" or noun[:2] in ("un", "Un")
    return f"{'an' if vowel and noun else 'a'} {noun}"


def quote(text: str) -> str:
    r"""``text`` in backticks, as a message names a name or a value; a line break in it (a
    ``--param`` value may hold one) as ``\n``, so that the message stays one line (the
    other control characters are escaped where it is written: kg.output.cells.printable);
    a character that shows as nothing or as a plain space (zero-width, no-break) by its
    code, as the parser shows it, so `GPU\u200b` does not read as `GPU`; past
    :data:`MAX_QUOTED` characters, cut.

    >>> print(quote("Volta"), quote("Volta\nPascal"), quote("a\r\nb"), quote("GPU\u200b"))
    `Volta` `Volta\nPascal` `a\nb` `GPU\u200b`
    """
    more = len(text) - MAX_QUOTED
    if more > 0:
        text = text[:MAX_QUOTED]
    text = text.replace("\r\n", "\n").replace("\n", "\\n")
    if not text.isascii():
        import unicodedata

        text = "".join(f"\\u{ord(ch):04x}" if ch != " " and unicodedata.category(ch) in _UNSEEN
                       else ch for ch in text)
    return "`" + text + ("`" if more <= 0 else f"…` ({more:,} more characters)")


#: Unicode categories of characters that show as nothing or as a space: format characters
#: (zero-width space, joiners, marks of direction) and separators.
_UNSEEN = frozenset({"Cf", "Zs", "Zl", "Zp"})


def excerpt(text: str, col0: int, length: int = 1, indent: int = 0,
            limit: int = 100) -> list[str]:
    """A line of source (cut around ``col0`` where longer than ``limit``) and carets under
    the ``length`` characters from its 0-based column ``col0``, indented by two (and
    ``indent``)."""
    shown, caret_at, width = _visible(text, col0, length, limit)
    return ["  " + " " * indent + shown,
            # under the characters as a terminal shows them: a wide one (日) takes two cells
            "  " + " " * (indent + display_width(shown[:caret_at]))
            + "^" * max(1, display_width(shown[caret_at:caret_at + width]))]


def fitted(text: str, width: int | None) -> str:
    """``text``'s lines of words wrapped at ``width`` terminal cells between words (as they
    are, without one; :func:`kg.textscan.wrap_cells`); an indented line, a source line or
    its carets (:func:`excerpt`), stays whole."""
    if not width:
        return text
    return "\n".join(line if line.startswith(" ") else "\n".join(wrap_cells(line, width,
                                                                           break_long=False))
                     for line in text.split("\n"))


def _visible(text: str, col0: int, length: int, limit: int = 100) -> tuple[str, int, int]:
    """Cut a long line around the offending column to ``limit`` terminal cells (a wide
    character, 日, takes two: the cut counted characters, hunt53 F3); printable characters
    only."""
    text = "".join(ch if ch.isprintable() else " " if ch == "\t" else "?" for ch in text)
    width = max(1, min(length, max(1, len(text) - col0)))
    if display_width(text) <= limit:
        return text, col0, width
    start = max(0, col0 - limit // 2)
    end = min(len(text), start + limit)
    while end - start > 1 and display_width(text[start:end]) > limit - 2:  # (the two …)
        if col0 - start > end - col0 - width:
            start += 1
        else:
            end -= 1
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + text[start:end] + suffix, col0 - start + len(prefix), min(width, end - col0)


class KgError(Exception):
    """The root of every error kg reports to a user (never a traceback)."""

    status: ExitStatus = ExitStatus.RUNTIME

    def render(self) -> str:
        """The text shown to the user."""
        return f"error: {self}"


class UsageError(KgError):
    """The command line is wrong: an unknown option, a missing argument."""

    status = ExitStatus.USAGE


class ScriptError(KgError):
    """Statements of a script the REPL's ``.read`` ran failed (each was reported as it
    failed) or Ctrl-C stopped it; the status is the last failure's."""

    def __init__(self, message: str, status: ExitStatus) -> None:
        super().__init__(message)
        self.status = status

    def render(self) -> str:
        return str(self) if self.status == ExitStatus.INTERRUPTED else super().render()


@record(frozen=False)
class QueryError(KgError):
    """A query is wrong. Holds every problem found, each with its span in ``source``."""

    problems: list[Problem]
    source: str = ""
    indent: int = field(default=0, compare=False)
    width: int | None = field(default=None, compare=False)  #: the terminal's, in the REPL
    status = ExitStatus.QUERY

    def __post_init__(self) -> None:
        super().__init__(self.problems[0].message if self.problems else "query error")

    def __reduce__(self) -> tuple[type[QueryError], tuple[object, ...], dict[str, object]]:
        """Made again from its fields, then given what else it holds (a subclass's fields, its
        notes): an exception is made again from its ``args``, here one message, and copying
        or pickling one failed (hunt79, hunt81 F5)."""
        return self.__class__, (self.problems, self.source, self.indent, self.width), \
            dict(self.__dict__)

    def __str__(self) -> str:
        return self.render()

    def render(self) -> str:
        from kg.limits import MAX_PROBLEMS

        shown = [p.render(self.source, indent=self.indent, width=self.width)
                 for p in self.problems[:MAX_PROBLEMS]]
        more = len(self.problems) - MAX_PROBLEMS
        if more > 0:
            shown.append(f"… and {more} more problem{'s' if more != 1 else ''}")
        return "\n".join(shown)


class QuerySyntaxError(QueryError):
    """The text does not follow the KGQ grammar."""


class QueryCheckError(QueryError):
    """The query parses but names something unknown, ambiguous, or of the wrong type."""


class SavedQueryError(KgError):
    """A saved query file is broken, or its parameters are missing or of the wrong type."""

    status = ExitStatus.QUERY


class SavedPathError(SavedQueryError):
    """A folder or a file of saved queries cannot be read (a path kg cannot read, as a
    data file's): its queries would seem not to exist."""

    status = ExitStatus.DATA


class ParameterError(KgError):
    """A statement's parameter is wrong: given but never used (a typo, the wrong query)."""

    status = ExitStatus.QUERY


class DataError(KgError):
    """A data file is malformed, the graph fails validation, or a path cannot be written."""

    status = ExitStatus.DATA
    file: str | None = None  #: the ``--data`` file at fault, as given, where one is


class ExportError(DataError):
    """An export cannot be produced or written."""


class ReaderLeft(ExportError):
    """The reader of a FIFO or a stream kg wrote to (`-o /dev/stdout | head`) left before the
    end: for `kg`, as when it leaves stdout (exit 0); in the REPL, said as an error."""


class ExecutionError(KgError):
    """The engine failed while running a compiled query."""

    status = ExitStatus.RUNTIME
