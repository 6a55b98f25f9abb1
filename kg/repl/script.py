"""A script's statements: the lines of a file ``.read`` runs, or of ``kg repl < FILE``, cut
into statements and dot-commands as the REPL would take them typed.

A statement goes on over the next line while it is incomplete (a trailing ``|``, a bracket
left open), after a line ending with ``,``, or when the next line starts with ``|``, ``,``
or a word no statement starts with (``and``, ``or``, ``with``, ``to``, ``as``, ``by`` …);
a comment line inside a statement is part of it, a blank line after a complete one ends
it; a dot-command is one line, and so is the last line of a statement that leaves a string
open (a KGQ string holds no line break, so no next line can close it: the statement runs at
once and its error says so). The REPL's Enter asks :func:`is_incomplete`, the same rule, so
typed and read statements end alike. Each line is scanned once, with the brackets left open
carried from line to line, so a statement of many lines costs what its text does (scanning
all it held so far at each line made a 1,000-line list take 5 s).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from lark.exceptions import LarkError
from lark.parsers.lalr_interactive_parser import InteractiveParser

from kg.limits import MAX_QUERY_CHARS
from kg.parser import parser
from kg.textscan import composed, scan

__all__ = ["script_statements", "script_lines", "is_incomplete", "statement_at_end",
           "statement_starts"]


def script_lines(text: str) -> list[str]:
    r"""``text``'s lines, each with its line break, cut at line breaks alone (``\r\n`` or
    ``\n``: a form feed or U+2028 inside a line is no line break, as in an editor).

    >>> script_lines("a\r\nb\x0cc\u2028d\ne")
    ['a\n', 'b\x0cc\u2028d\n', 'e']
    """
    lines = text.replace("\r\n", "\n").split("\n")
    return [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def script_statements(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    r"""Each statement or dot-command of a script, with the number of the line it starts
    on; lines of comments alone and blank lines between statements are no statement.

    >>> list(script_statements(["# GPUs\n", "VMSeries\n", "  # the GPU ones\n",
    ...                         "  | where category = GPU\n", "# then\n", ".format csv\n"]))
    [(2, 'VMSeries\n  # the GPU ones\n  | where category = GPU'), (6, '.format csv')]
    """
    pending, start, state = "", 0, _Open()
    held = ""  #: comment lines after a complete statement: its own if the next line goes on
    for number, line in enumerate(lines, 1):
        if number == 1:
            line = line.removeprefix("\ufeff")  # a byte order mark is no text
        code = _code(line)
        if not pending:
            if code:
                pending, start, state = line, number, _Open().after(line)
        elif not code and line.strip():  # a comment line
            if state.incomplete(pending, grammar=False):
                pending += line
            else:
                held += line
        elif not code:  # a blank line: the end of a complete statement
            if state.incomplete(pending, grammar=False):
                pending += line
            else:
                yield start, pending.rstrip("\n")
                pending, held = "", ""
        elif goes_on(line) or state.incomplete(pending) or state.comma:
            pending += held + line
            held, state = "", state.after(line)
        else:
            yield start, pending.rstrip("\n")
            pending, held, start, state = line, "", number, _Open().after(line)
        if pending and state.ended:  # given at once (a pipe need not send the next line)
            yield start, pending.rstrip("\n")
            pending, state = "", _Open()
    if pending:
        yield start, pending.rstrip("\n")


def statement_at_end(text: str) -> str:
    r"""The statement (or dot command) that the end of ``text`` is in, cut as a script's
    are (:func:`script_statements`), from its first line: where the prompt holds several
    (`GPU | count`, then Ctrl-O, or a paste), completion is of the one at the cursor, as it
    will run (the whole text was read as one statement: hunt139 F2).

    >>> statement_at_end("GPU | count\nVMSeries | wh"), statement_at_end("GPU | count\n")
    ('VMSeries | wh', '')
    >>> statement_at_end("VMSeries\n  | where ")
    'VMSeries\n  | where '
    """
    cut = text.rfind("\n") + 1
    if not cut:
        return text
    head = text[:cut]
    if len(head) > _LOOK_BACK:  # a long paste: its last lines alone, from a blank line
        blank = head.rfind("\n\n", len(head) - _LOOK_BACK)  # where there is one
        head = head[blank + 2 if blank >= 0 else head.find("\n", len(head) - _LOOK_BACK) + 1:]
    first = _last_start(head)  # (typing on the last line: the lines above are cut once)
    # a word put at the end: the cursor's line, begun or blank, is in the statement a word
    # typed there would be in
    lines = script_lines(head)[first - 1:] + [text[cut:] + "x"]
    last = 0
    for start, _ in script_statements(lines):
        last = start
    return "".join(lines[last - 1:])[:-1] if last else text[cut:]


#: Characters before the cursor's line that :func:`statement_at_end` reads, at most (a
#: paste's 1,000,000 were cut at 2 µs each; no statement worth completing is longer)
_LOOK_BACK = 20_000


def _last_start(head: str) -> int:
    """The line the last statement of ``head`` (whole lines) starts on; 1 for none. Each
    statement starts afresh, so the lines from there on are cut as they are in the whole."""
    return (statement_starts(head) or (1,))[-1]


@functools.lru_cache(maxsize=4)
def statement_starts(head: str) -> tuple[int, ...]:
    """The line each statement of ``head`` (whole lines) starts on, kept for the next
    keystroke (completion and highlighting read the lines above the cursor's each time)."""
    return tuple(start for start, _ in script_statements(script_lines(head)))


#: Words a next line may start with only to go on with the statement before it: no
#: statement starts with them (`and category = GPU`, `with "CUDA 12.0"` below `check NCv3`,
#: `to Volta` below `path NCv3`, `depth 2`, `as sizes`, `by category`, `from "CUDA table"`).
_GOING_ON = frozenset({"and", "or", "with", "to", "depth", "as", "by", "from"})


def goes_on(line: str) -> bool:
    """Does ``line`` go on with the statement before it: it starts with ``|``, ``,`` or a
    word of :data:`_GOING_ON`, which no statement starts with?"""
    text = line.lstrip()
    if text[:1] in ("|", ","):
        return True
    first = text.split(maxsplit=1)[0].lower() if text else ""
    return first in _GOING_ON


def _code(line: str) -> bool:
    """Does ``line`` hold more than blanks and a comment?"""
    text = line.strip()
    return bool(text) and not text.startswith("#")


def is_incomplete(text: str) -> bool:
    r"""Does ``text``, typed at the prompt, need more lines? As a script's statement does: a
    trailing ``|`` or a bracket left open, or more of the grammar due unless the last line
    is blank; not a string left open on a line (no line can close it: Enter runs the
    statement, whose error says to add the quote).

    >>> is_incomplete("VMSeries |"), is_incomplete("VMSeries | count")
    (True, False)
    >>> is_incomplete("VMSeries | where name in [Volta,"), is_incomplete('VMSeries | where x = "Av1')
    (True, False)
    >>> is_incomplete("VMSeries | where name ="), is_incomplete("VMSeries | where name =\n  ")
    (True, False)
    >>> is_incomplete("VMSeries |\n  ")
    True
    """
    if len(text) > MAX_QUERY_CHARS:
        return False  # an over-long text is run at once: it gets its "too long" error
    blank = "\n" in text and not text.rsplit("\n", 1)[1].strip()  # Enter on a blank line
    # ends a statement the grammar alone finds unfinished, as in a script (`where name =`
    # took blank lines forever: hunt88 #9); a `|` or a bracket left open goes on
    for _, last in script_statements(script_lines(text)):  # a paste of several: its last
        text = last  # (one before it broke the grammar's test of the whole: hunt59 R11)
    state = _Open()
    for line in script_lines(text):
        state = state.after(line)
        if state.ended:
            return False
    return state.incomplete(text, grammar=not blank)


class Continuation:
    """Whether a statement read line by line has more of it due (a trailing `and`, `=`,
    `with`): the grammar's state after each line, fed on, so each line is parsed once
    however long the statement. The REPL's Enter and a script's next line go on with it
    then, as after a trailing `|` (it ran, to say "the query ends too early": hunt58 F6)."""

    def __init__(self) -> None:
        self._cursor: InteractiveParser | None = None
        self._tokens = 0  #: none yet: a comment alone is no statement to go on with
        self._broken = False  #: an error already: run it, to say so

    def feed(self, line: str) -> None:
        if self._broken:
            return
        try:
            if self._cursor is None:  # a stage on the last statement (`| where …`) after a
                start = "x " if line.lstrip().startswith("|") else ""  # source in its place
                self._cursor = parser().parse_interactive(start + composed(line))  # (hunt59 R2)
            else:
                thread = self._cursor.lexer_thread
                self._cursor.lexer_thread = type(thread).from_text(thread.lexer, composed(line))
            self._tokens += len(self._cursor.exhaust_lexer())
        except LarkError:
            self._broken = True

    @property
    def due(self) -> bool:
        """Is more of the statement due: it cannot end after the lines fed?"""
        if self._broken or self._cursor is None or not self._tokens:
            return False
        try:
            self._cursor.copy(deepcopy_values=False).feed_eof()
        except LarkError:
            return True
        return False


class _Open:
    """What a statement's lines so far leave open: brackets, whether the last of them
    ends with ``|`` (strings and comments aside), whether a line left a string open, and
    the grammar's state (:class:`Continuation`: each line parsed once, however
    long the statement: cutting a script stays linear, not quadratic, 40 s for 28 KB once)."""

    __slots__ = ("depth", "bar", "command", "string", "comma", "grammar")

    def __init__(self, depth: int = 0, bar: bool = False, command: bool = False,
                 string: bool = False, comma: bool = False,
                 grammar: Continuation | None = None) -> None:
        self.depth, self.bar, self.command, self.string = depth, bar, command, string
        #: the last line ends with a comma: a script's next line goes on with it (`show a,`
        #: above `b`), though Enter runs it (a list may end with a comma)
        self.comma = comma
        self.grammar = grammar

    def after(self, line: str) -> _Open:
        """The state after one more line (a dot-command takes one line): its brackets
        close those left open before it, then open their own."""
        if self.depth == 0 and not self.bar and line.lstrip().startswith("."):
            return _Open(command=True)
        found = scan(line)
        depth = max(0, self.depth - found.closed) + len(found.brackets)
        grammar = self.grammar or Continuation()  # (the old state is done with: fed on)
        grammar.feed(line)
        return _Open(depth, found.last == "|" if found.last else self.bar,
                     string=found.string_at is not None,
                     comma=found.last == "," if found.last else self.comma, grammar=grammar)

    @property
    def ended(self) -> bool:
        """Does the statement end with this line, whatever comes next: a dot-command, or a
        line that leaves a string open?"""
        return self.command or self.string

    def incomplete(self, pending: str, *, grammar: bool = True) -> bool:
        """Does the statement need more lines: a bracket or a `|` left open, or (with
        ``grammar``) more of the grammar due? (One past the size limit is run at once: it
        gets its "too long" error.) A script's blank line ends a statement the grammar
        alone finds unfinished: its error is said, and the next statement runs."""
        if self.ended or len(pending) > MAX_QUERY_CHARS:
            return False
        return self.depth > 0 or self.bar or (grammar and self.grammar is not None
                                              and self.grammar.due)
