"""Parse errors in plain words: what lark's exceptions found, as a :class:`~kg.errors.Problem`
with a span and, where a habit explains it, a hint (:mod:`kg.hints`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from kg.errors import Problem, Span
from kg.hints import BETWEEN, CONDITION_WORDS, misspelt_keyword, quote_hint, words_hint
from kg.textscan import scan, without_comments

__all__ = ["TERMINAL_WORDS", "describe_expected", "problem", "SplitWord", "wordy"]

#: The tokens a bare word of a name, a number or a version lexes to
_BARE_TOKENS = frozenset({"NAME", "NUMBER", "INT"})

TERMINAL_WORDS: dict[str, str] = {
    "NAME": "a name",
    "STRING": "a quoted string",
    "NUMBER": "a number or version",
    "INT": "a whole number",
    "DATE": "a date (YYYY-MM-DD)",
    "PARAM": "a $parameter",
    "COMPARE": "a comparison (= != < <= > >=)",
    "DIRECTION": "asc or desc",
    "VBAR": "`|`",
    "DOT": "`.`",
    "COMMA": "`,`",
    "LPAR": "`(`",
    "RPAR": "`)`",
    "LSQB": "`[`",
    "RSQB": "`]`",
    "CIRCUMFLEX": "`^`",
    "TILDE": "`~`",
    "$END": "the end of the query",
    "<END-OF-FILE>": "the end of the query",  # lark's name for it in an UnexpectedToken's expected
}

_STAGE_WORDS = {"WHERE", "SHOW", "SORT", "LIMIT", "COUNT", "FOLLOW", "DISTINCT", "CHECK",
                "COLLECT", "TRANSPOSE"}


class SplitWord(UnexpectedToken):
    """The lexer split one word in two (`orcategory`, `depth2`, `astral`): where the grammar
    expects no name, a keyword matches the start of a longer word, and the rest of it
    lexed as the next token. An error, not the keyword and a word after it."""

    def __init__(self, token: Token) -> None:
        super().__init__(token, set())


def _split_word(text: str, start: int, end: int, keywords: frozenset[str],
                expected: set[str]) -> Problem | None:
    """For the token at ``start:end`` of ``text``, part of a longer word (`orcategory`,
    `ascending`, `inside`): the whole word, and what it likely means; else None."""
    first, last = start, end
    while first > 0 and wordy(text[first - 1]):
        first -= 1
    while last < len(text) and wordy(text[last]):
        last += 1
    if (first, last) == (start, end) or not wordy(text[start:start + 1] or " "):
        return None
    word = text[first:last]
    direction = _direction(word)
    if direction:  # `ascending`
        return Problem(f"unexpected word `{word}`", Span(first, last), f"did you mean `{direction}`?")
    columns = words_hint(text, first, keywords)  # `show name order`: a comma left out
    if columns is not None and columns[2].startswith("put a `,`"):
        return Problem(f"unexpected word `{word}`", Span(columns[0], columns[1]), columns[2])
    keyword = next((word[:n] for n in range(len(word) - 1, 0, -1)
                    if word[:n].casefold() in keywords), None)
    if keyword is None:  # `limit 5x`: what the place takes, where lark's list is short
        where = f": expected {describe_expected(expected)}" if 0 < len(expected) <= 3 else ""
        return Problem(f"unexpected word `{word}`{where}", Span(first, last))
    glued = f"`{keyword} {word[len(keyword):]}`"
    if columns is not None:  # `describe compute instance`: a name first, `in stance` after
        return Problem(f"unexpected word `{word}`", Span(columns[0], columns[1]),
                       f"{columns[2]} (or, if you mean `{keyword}`, a word of its own: {glued})")
    return Problem(f"unexpected word `{word}`", Span(first, last),
                   f"did you mean {glued}? (a keyword is a word of its own)")


def _direction(word: str) -> str | None:
    """The sort direction a longer word spells out (`ascending`, `Descending`), else None."""
    folded = word.casefold()
    return next((d for d in ("asc", "desc") if folded.startswith(d) and len(folded) > len(d)
                 and folded.isalpha()), None)


def wordy(char: str) -> bool:
    """Is ``char`` part of a word (a letter, a digit or ``_``)? Two tokens that touch with
    such characters split a word (:class:`kg.parser.WholeWords`)."""
    return char.isalnum() or char == "_"


def describe_expected(expected: set[str]) -> str:
    """Turn lark's expected terminals into a short phrase a person can read."""
    names = set(expected)
    words: list[str] = []
    if _STAGE_WORDS <= names:
        words.append("a stage (where, show, sort, limit, count, collect, follow, distinct, "
                     "check with, transpose)")
        names -= _STAGE_WORDS
    for term in sorted(names, key=_word_order):
        word = TERMINAL_WORDS.get(term)
        if word is None:
            word = f"`{term.lower()}`" if term.isalpha() else term
        if word not in words:
            words.append(word)
    if len(words) > 7:  # (it ended "or …": hunt58 F6)
        return ", ".join(words[:7]) + ", …"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _word_order(term: str) -> tuple[int, str]:
    return (0 if term in TERMINAL_WORDS and not term.startswith("$") else 1, term)


def problem(exc: UnexpectedInput, text: str, keywords: frozenset[str],
            whole: Callable[[str], bool] = lambda text: False) -> Problem:
    """The problem lark's ``exc`` found in ``text``, in plain words (``keywords``: the
    grammar's words, which no name of several words holds; ``whole``: is a text a whole
    statement)."""
    expected = set(getattr(exc, "expected", None) or getattr(exc, "allowed", None) or ())
    if isinstance(exc, UnexpectedCharacters):
        pos = exc.pos_in_stream or 0
        char = text[pos]
        if char in "\"'":
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            body = text[pos + 1:end]
            escaped = (len(body) - len(body.rstrip("\\"))) % 2 == 1  # `"C:\`: adding the quote
            return Problem("unclosed string: add the closing " + char, Span(pos, end),  # left
                           "a backslash escapes the character after it: write \\\\ for a "
                           "backslash" if escaped else None)  # it open (hunt58 F14)
        hint = ("a parameter's name follows `$` (`$cuda`)" if char == "$"
                else _psql(text[pos:]) if char == "\\"
                else _HABITS.get(char if char != "-" else text[pos:pos + 2])
                or quote_hint(text, pos))  # `Batchrückschluss`: quote it
        shown = f"'{char}'" if char.isprintable() and char != "'" else repr(char)  # (`\`
        if unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cf") and char != " ":  # (hunt107
            shown = f"{unicodedata.name(char, 'space').lower()} (U+{ord(char):04X})"  # F13: `'\xa0'`)
            hint = hint or ("delete it: an invisible character" if unicodedata.category(char) == "Cf"
                            else "write a plain space") + " (text copied from a web page often holds one)"
        return Problem(f"unexpected character {shown}", Span(pos, pos + 1), hint)  # was '\\')
    assert isinstance(exc, UnexpectedToken)
    expected = _accepted(exc) or expected
    if exc.token.type == "$END":
        return _ended(text, expected)
    return _unexpected(exc.token, text, keywords, expected, whole)


#: Characters other tools' habits type, with what KGQ has for them (hunt88 #5: `\q`, `--`
#: and a quote pasted from a document got "unexpected character" alone)
_HABITS = {
    "\\": "the REPL's commands start with a dot: .quit, .schema, .help (psql's \\q, \\d, \\?)",
    "--": "a comment starts with #",
    **{q: "write straight quotes, \" or ': “ ” „ ‘ ’ are a document's, not KGQ's"
       for q in "“”„‘’"},
}


#: psql's backslash commands, and what the REPL has for each (hunt98 F8: `\x` and
#: `\timing` got the list of `\q`, `\d` and `\?` alone)
_PSQL = {"q": ".quit", "d": ".schema", "dt": ".schema", "?": ".help", "h": ".help kgq",
         "x": ".x", "timing": ".timing", "i": ".read", "ir": ".read", "o": ".export (of the last result)",
         "e": "Ctrl-X Ctrl-E (the statement in $VISUAL or $EDITOR)", "pset": ".format",
         "a": ".format", "set": ".set",
         "unset": ".unset", "conninfo": ".settings", "s": "Up and Ctrl-R (the history)"}


def _psql(text: str) -> str:
    r"""The hint for a statement that starts like a psql command (`\x`, `\timing on`)."""
    if re.match(r"\\[ \t]*(\r?\n|$)", text):  # a shell's, at a line's end (it got psql's
        return ("KGQ needs no `\\` at a line's end: end the line with `|`, and the "  # hint:
                "statement goes on on the next")  # hunt120 F8)
    typed = re.match(r"\\(\w+|\?)", text)
    ours = _PSQL.get(typed.group(1).casefold()) if typed else None
    if typed is None or ours is None:
        return _HABITS["\\"]
    return (f"the REPL's commands start with a dot: psql's {typed.group(0)} is {ours}"
            if ours.startswith(".") else f"in the REPL, psql's {typed.group(0)} is {ours}")


def _accepted(exc: UnexpectedToken) -> set[str]:
    """The terminals the parser takes where it stopped, each tried through the reductions
    it leads to: lark's ``expected`` merges the states one rule shares (`depth` outside
    `neighbors`, `asc or desc` outside `sort`, `)` with no bracket open: hunt107 F1)."""
    parser = getattr(exc, "interactive_parser", None)
    try:
        return set(parser.accepts()) if parser is not None else set()
    except Exception:  # noqa: BLE001 - lark's own list then, as before
        return set()


def _ended(text: str, expected: set[str]) -> Problem:
    """The statement ends before the grammar is done: a bracket left open, or what is due."""
    end = _last_word_end(text)  # after the last word, not a comment (hunt73 R12)
    brackets = scan(text).brackets
    opened = brackets[-1] if brackets else None
    if opened is not None:
        return Problem(f"unclosed `{text[opened]}`: add the closing "
                       f"`{')' if text[opened] == '(' else ']'}`", Span(opened, opened + 1))
    last = without_comments(text[:end]).split()[-1:]  # `… and`: a condition is due (its
    if last and last[0].casefold() in CONDITION_WORDS:  # start's list said so less: hunt109 F7)
        return Problem(f"the query ends too early: a condition must follow `{last[0]}`",
                       Span(end, end + 1))
    return Problem(f"the query ends too early: expected {describe_expected(expected)}",
                   Span(end, end + 1))  # just after the last word: what is due goes there (hunt71 F7)



def _last_word_end(text: str) -> int:
    """Where ``text``'s last word ends: past its trailing blanks and ``# comments`` (the
    comments of lines before it, a saved query's header, keep their places)."""
    end, start = 0, 0
    for line in text.split("\n"):
        code = without_comments(line).rstrip()
        if code.strip():
            end = start + len(code)
        start += len(line) + 1
    return end


def _unexpected(token: Token, text: str, keywords: frozenset[str], expected: set[str],
                whole: Callable[[str], bool]) -> Problem:
    """A token the grammar did not expect: what it most likely means, else what was due."""
    start = token.start_pos or 0
    span = Span(start, token.end_pos or start + len(token))
    if str(token) == "." and (dotted := _dotted_number(text, start) or _dotted_source(text, start)):
        return dotted
    misspelt = misspelt_keyword(text, start, keywords)
    if misspelt is not None:  # `wth`, `describ`: the expected list would not say it
        first, stop, keyword = misspelt
        stages = first == start and _STAGE_WORDS <= expected  # elsewhere lark's list merges states
        where = f": expected {describe_expected(expected)}" if stages else ""
        return Problem(f"unexpected name `{text[first:stop]}`{where}", Span(first, stop),
                       f"did you mean `{keyword}`?")
    split = _split_word(text, start, span.end, keywords, expected)
    if split is not None:  # `ascending`: the keyword `as`, then the rest of a word
        return split
    direction = _direction(str(token)) if token.type == "NAME" else None
    if direction:  # `sort name descending`
        return Problem(f"unexpected name `{token}`", span, f"did you mean `{direction}`?")
    words = words_hint(text, start, keywords) if token.type in _BARE_TOKENS else None
    if words is not None:  # `compute cluster`: the expected list would say nothing of it
        first, stop, hint = words
        return Problem(f"unexpected {_token_words(token)} after `{text[first:start].strip()}`",
                       Span(first, stop), hint)
    statement = text.split(None, 1)[0].casefold() if text.strip() else ""
    ended = _after_statement(statement, text, start, token, span, expected, whole)
    if ended is not None:
        return ended
    between = BETWEEN.get(statement)
    if between and token.type == "STRING" and between not in text[:start].casefold().split():
        return Problem(f"unexpected {_token_words(token)}: expected `{between}`", span,
                       f"`{statement} A {between} B`")  # `check NCv3 "CUDA 12.1"`
    if token.type == "NUMBER" and text[:start].strip() == "":  # `11.0 | show name`
        return Problem(f"unexpected {_token_words(token)}: a statement starts with a class, an "
                       "entity or a path", span, f'a version names an entity quoted: "{token}"')
    if token.type == "VBAR" and text[:start].strip() == "":
        return Problem("a pipeline must start with a source (a class, an entity or a "
                       "path) before `|`", span)
    source = text[:start].strip()
    if _SOURCE.fullmatch(source) and source.casefold() not in _STATEMENT_WORDS \
            and token.type not in ("NAME", "STRING"):
        # `quit()`, `MATCH (n)`: lark's list there merges states (asc or desc, `]`, …)
        return Problem(f"unexpected {_token_words(token)}: after a source (a class, an "
                       "entity or a path), a statement ends, or goes on with `|` and a "
                       "stage, `.` and a property, or `from` and a source", span)
    return Problem(f"unexpected {_token_words(token)}: expected "
                   f"{describe_expected(expected)}", span)


def _dotted_source(text: str, dot: int) -> Problem | None:
    """A `.` in a source's name after `from` (a file's, `from h.ttl`), which is written in
    quotes (lark's list said `)`, `]`, `and`, `depth`: hunt98 F12); None elsewhere."""
    after_from = _FROM_NAME.search(text, 0, dot)
    name = _WORD_ON.match(text, after_from.start("n")) if after_from else None
    if name is None:
        return None
    return Problem(f"a source named with a `.` is written in quotes: `{name.group()}`",
                   Span(name.start(), name.end()), f'from "{name.group()}"')


def _dotted_number(text: str, dot: int) -> Problem | None:
    """A `.` right after a number's digits: `limit 1.5` (a whole number is due: "unexpected
    `.`: expected `|`"), or `gpuCount > 5.` (a number does not end in a dot: lark's list
    there merged states, `depth` in it: hunt71 F2); None elsewhere (`NC.retiredOn`)."""
    digits = _DIGITS_BEFORE.search(text, 0, dot)
    if digits is None:
        return None
    on = _NUMBER_ON.match(text, dot)
    end = on.end() if on else dot + 1
    number = text[digits.start("n"):end]
    if digits["count"]:
        return Problem(f"unexpected number or version `{number}`: expected a whole number "
                       f"after `{digits['count']}`", Span(digits.start("n"), end))
    if end == dot + 1 and not text[end:end + 1].isalnum():  # (`5.x` is not that)
        return Problem(f"a number does not end in `.`: `{number}`", Span(digits.start("n"), end),
                       f"write `{number[:-1]}`" + ("" if "." in number[:-1] else f" or `{number}0`"))
    return None


#: `from` and the name before a `.` (a source's name, such as a file's, `h.ttl`), and the
#: whole word from that name on
_FROM_NAME = re.compile(r"(?<![\w.-])from\s+(?P<n>[\w-]+)\Z", re.I)
_WORD_ON = re.compile(r"[^\s|\"',)\]]+")

#: The digits before a `.`, and the `limit` or `depth` before them (then a whole number
#: is due); none where they end a name (`NC6.x`, `v3.`)
_DIGITS_BEFORE = re.compile(r"(?:(?<![\w.-])(?P<count>limit|depth)\s+)?(?<![\w.-])"
                            r"(?P<n>[0-9]+(?:\.[0-9]+)*)\Z", re.I)  # (`12.1.`: hunt73 R5)
_NUMBER_ON = re.compile(r"[0-9.]*")


def _after_statement(statement: str, text: str, start: int, token: Token, span: Span,
                     expected: set[str], whole: Callable[[str], bool]) -> Problem | None:
    """A token after a whole `describe`, `path`, `neighbors`, `check` or `schema`, or a
    `check` or `path` with nothing before its `with` or `to`: lark's list merged states
    there (`check NCv3 with "CUDA 12.0" "CUDA 11.0"`: "expected `,`, a comparison, asc or
    desc, …", hunt49 F6)."""
    if statement not in _STATEMENT_WORDS:
        return None
    words = text[:start].split()
    between = BETWEEN.get(statement)
    if between and len(words) >= 2 and words[1].casefold() == between:
        return Problem(f"`{statement}` names its first entity before `{between}`",
                       Span(start - len(words[1]) - 1, start - 1) if len(words) == 2 else span,
                       f"`{statement} A {between} B`")
    if not whole(text[:start]):  # not a whole statement: lark's list it is
        return None
    if token.type != "VBAR":
        return Problem(f"unexpected {_token_words(token)}: the `{statement}` statement ends "
                       "before it", span)
    lines = without_comments(text[:start]).splitlines()
    bare = " ".join(line.strip() for line in lines if line.strip())
    pair = _CHECKED.fullmatch(bare) if statement == "check" else None  # (no `# comment` in
    # the pipeline it suggests, where it would hide the rest: hunt52 F7)
    hint = (f"to check rows, check in a pipeline: `{pair['left']} | check with {pair['right']}"
            " | …`") if pair else None  # `check A with B | …`: the stage's form
    return Problem(f"unexpected `|`: a `{statement}` statement takes no stages", span, hint)


_STATEMENT_WORDS = ("describe", "path", "neighbors", "check", "schema")
#: `check A with B`, A a name or a quoted one
_CHECKED = re.compile(r'check\s+(?P<left>"(?:[^"\\]|\\.)*"|\S+)\s+with\s+(?P<right>.+)',
                      re.I | re.S)
#: A statement so far that is a source alone: a name or a quoted name, and a path on from it
_SOURCE = re.compile(r'(?:[^\W\d][\w-]*|"[^"]*")(?:\s*\.\s*\^?\s*(?:[^\W\d][\w-]*|"[^"]*"))*')


def _token_words(token: Token) -> str:
    if token.type in ("NAME", "STRING", "NUMBER", "INT", "DATE", "PARAM"):
        return f"{TERMINAL_WORDS[token.type].split(' ', 1)[1]} `{token}`"
    return f"`{token}`"
