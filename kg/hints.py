"""Did-you-mean hints for habits from other query languages (SQL, Cypher, Python).

:func:`hint_for` reads a statement that failed and names the KGQ form of what it
looks like: ``==`` is ``=``, ``filter`` is ``where``, ``select``/``return`` are
``show``, ``match`` is a class or an entity as the source. It is pure (text in,
text out), so the command line can give the same hints as the REPL.

:func:`close_matches` is the did-you-mean of a name among names, blind to case
(``STR-MATCH`` is close to ``str-match``); :func:`quote_hint` says how to write a name with
a letter a bare name cannot hold.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from kg.errors import KgError, QueryError
from kg.limits import MAX_QUERY_CHARS
from kg.textscan import quoted

__all__ = ["hint_for", "with_hint", "HINTS", "close_matches", "closest_names", "quote_hint", "words_hint",
           "misspelt_keyword", "BETWEEN", "CONDITION_WORDS"]

#: (pattern over the statement's code, outside strings and comments; the hint)
HINTS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.I), h) for p, h in (
    (r"\bmatch\b", "a KGQ statement starts from a class or an entity, not `match`: "
                   "`VMSeries | where architecture = Volta`, or `describe NCv3`"),
    (r"\b(?:select|return)\b", "KGQ picks columns with `show`, after the source: "
                               "`VMSeries | show name, architecture`"),
    (r"\bfilter\b", "KGQ keeps rows with `where`: `VMSeries | where category = GPU`"),
    (r"\border\s+by\b", "KGQ sorts with `sort`: `VMSeries | sort name desc`"),
    (r"\bgroup\s+by\b", "KGQ groups with `count by` or `collect … by`: "
                        "`VMSeries | count by category`"),
    (r"==", "KGQ compares with a single `=`: `VMSeries | where architecture = Volta`"),
    (r"&&|\|\|", "KGQ joins conditions with `and` and `or`: "
                 "`VMSeries | where category = GPU and architecture = Volta`"),
    (r";", "KGQ runs one statement at a time: no `;` between statements"),
    (r"\blike\b", 'KGQ tests text with `~` (it contains the text): `VMSeries | where name ~ "NC"`'),
    (r"<>", "KGQ says not equal with `!=`: `VMSeries | where category != GPU`"),
    (r"!\s*has\b", "KGQ negates with `not`: `VMSeries | where not has retiredOn`"),
    # (hunt107 F7: the README's habits, more of them)
    (r"\bsort\s+by\b", "KGQ's `sort` takes the column itself: `VMSeries | sort name desc`"),
    (r"\bnot\s+in\b", "KGQ negates the whole condition: "
                      "`VMSeries | where not architecture in [Volta, Pascal]`"),
    (r"!~", 'KGQ negates the whole condition: `VMSeries | where not name ~ "NC"`'),
    (r"\bis\s+(?:not\s+)?null\b", "KGQ asks whether a row has a value with `has`: "
                                   "`VMSeries | where not has retiredOn` (`has retiredOn`: "
                                   "it has one)"),
    (r"^\s*(?:quit|exit)\s*\(", "the REPL is left with `.quit` (or `quit`, or Ctrl-D)"),
))


def hint_for(text: str) -> str | None:
    """The hints for a statement that failed, one per line, or ``None``.

    Words inside strings and comments do not count; a trailing ``;`` is fine.

    >>> print(hint_for("VMSeries | filter architecture == Volta"))
    KGQ keeps rows with `where`: `VMSeries | where category = GPU`
    KGQ compares with a single `=`: `VMSeries | where architecture = Volta`
    >>> hint_for('VMSeries | where name = "select"') is None
    True
    """
    if len(text) > MAX_QUERY_CHARS:
        return None
    code = _code(text).rstrip().rstrip(";")
    found = [hint for pattern, hint in HINTS if pattern.search(code)]
    return "\n".join(found) or None


#: A word this long or longer that begins a name is close to it, however long the name
#: (shorter ones begin too many names to say which was meant)
_PREFIX = 3


def close_matches(word: str, names: Iterable[str], n: int = 3,
                  cutoff: float = 0.6) -> list[str]:
    """The ``names`` closest to ``word``, compared case-insensitively, each as it is spelt:
    the one it spells (in another case), then those it begins, shortest first (a name typed
    in part: ``Archit`` is ``architecture`` before the names :mod:`difflib` finds as close,
    which ranked ``includesCapability`` first), then :func:`difflib.get_close_matches`'s.

    >>> close_matches("STR-MATCH", ["str-match", "gpu-series"]), close_matches("DATE", ["date"])
    (['str-match'], ['date'])
    >>> close_matches("Archit", ["includesCapability", "section", "architecture"])
    ['architecture']
    >>> close_matches("gpu", ["gpu-series-long", "gpu-series", "cpu"])
    ['gpu-series', 'gpu-series-long', 'cpu']
    """
    import difflib  # only once a name is not found

    spelt: dict[str, str] = {}
    for name in names:
        spelt.setdefault(name.casefold(), name)
    key = word.casefold()
    begun = sorted((k for k in spelt if k.startswith(key) and k != key),
                   key=lambda k: (len(k), k)) if len(key) >= _PREFIX else []
    close = difflib.get_close_matches(key, list(spelt), n, cutoff)
    ordered = dict.fromkeys([*(k for k in close if k == key), *begun, *close])
    return [spelt[k] for k in list(ordered)[:n]]


def quote_hint(text: str, at: int) -> str | None:
    """For a letter a bare name cannot hold (a bare name is A–Z, digits, ``_`` and ``-``), at
    ``at`` in ``text``: the word around it, quoted as a name with it must be written; else
    None. The lexer's own error says only "unexpected character 'ü'".

    >>> print(quote_hint("describe Batchrückschluss | show name", 15))
    a name with letters outside A–Z is written in quotes: "Batchrückschluss"
    >>> quote_hint("VMSeries | where x @ 3", 19) is None
    True
    """
    if not text[at:at + 1].isalpha():
        return None
    start, end = at, at + 1
    while start > 0 and _in_word(text[start - 1]):
        start -= 1
    while end < len(text) and _in_word(text[end]):
        end += 1
    word = text[start:end]
    if _looks_latin(text[at], word):  # `VМSeries` with a Cyrillic М: quoted, it was an
        # unknown class (hunt99 F10)
        return (f"`{text[at]}` is {unicodedata.name(text[at], 'a letter').lower()}, not the "
                f"Latin letter it looks like: type `{word}` again in Latin letters")
    return f"a name with letters outside A–Z is written in quotes: {quoted(word)}"


def _looks_latin(letter: str, word: str) -> bool:
    """Is ``letter`` a Cyrillic or Greek capital or small letter in a word otherwise of
    Latin letters, digits and ``_-``: a look-alike typed or pasted in place of a Latin one
    (hunt99 F10)? A whole word of another script is a name to quote (`Тест`)."""
    others = [c for c in word if not c.isascii()]
    return letter in _LOOK_LATIN and len(others) <= 2 and any(c.isascii() and c.isalpha()
                                                               for c in word)


#: Cyrillic and Greek letters drawn as a Latin one is (`М`, `о`, `Α`); not `Ж` or `λ`
_LOOK_LATIN = frozenset("АВЕЅІЈКМНОРСТХУаеѕіјорсухԁԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοντ")


#: A bare word as the lexer reads names, numbers and versions (a path's steps too)
_BARE = re.compile(r"[A-Za-z0-9_.\-]+")
#: The words before columns: two bare words in a row after one of them lack a comma
_COLUMNS = frozenset({"show", "sort", "by"})
_LONG = 5  #: words in a row at a statement's start that are a sentence, not a name (quoted)
BETWEEN = {"path": "to", "check": "with"}  #: the statements of two names, and the word between
CONDITION_WORDS = frozenset({"where", "and", "or", "not"})  #: the words before a condition
_CONDITION = ("a condition is `PATH = VALUE` (or != < <= > >=), `PATH ~ \"text\"`, `PATH in [A, B]`, "
              "`has PATH`, `is CLASS` or `supports FEATURE`")
_CLOSE = 0.75  #: how close a word is to a keyword it misspells (`shwo`, `wth`)
#: The keywords that start a condition, which `not` may stand before
_AFTER_NOT = frozenset({"has", "is", "supports", "not"})
_COUNTS = frozenset({"limit", "depth"})  #: the words before a whole number
_STARTS = ("a statement starts with a class (`VMSeries | …`), an entity or a path from one "
           "(`NCv3.architecture`), or with describe, path, neighbors, check or schema")


def words_hint(text: str, at: int, keywords: Iterable[str]) -> tuple[int, int, str] | None:
    """For a bare word at ``at`` in ``text`` right after another on its line, which the
    grammar did not expect (`compute cluster`, `PyTorch 2.4`): the span of the bare words
    in a row around it, none of them one of ``keywords``, and what to write instead; else
    None. The parser's own list of what it expected there says nothing of it.

    >>> words_hint("describe compute cluster", 17, {"describe"})[2]
    'a name of several words is written in quotes: "compute cluster"'
    >>> words_hint("VMSeries | show name architecture", 21, {"show"})[2]
    'put a `,` between two columns, or quote a name of several words: "name architecture"'
    >>> words_hint("VMSeries | where x = 3", 17, {"where"}) is None
    True
    """
    line_start = text.rfind("\n", 0, at) + 1
    line_end = len(text) if (end := text.find("\n", at)) < 0 else end
    words = [m for m in _BARE.finditer(text, line_start, line_end)]
    found = next((i for i, m in enumerate(words) if m.start() == at), None)
    kept = {k.casefold() for k in keywords}

    def joined(i: int) -> bool:  # words i and i + 1: only blanks between, neither a keyword
        gap = text[words[i].end():words[i + 1].start()]
        return (gap.strip(" \t") == "" and bool(gap)
                and not {words[i].group().casefold(), words[i + 1].group().casefold()} & kept)

    if found is None or found == 0 or not joined(found - 1):
        return None
    first, last = found - 1, found
    while first > 0 and joined(first - 1):
        first -= 1
    while last + 1 < len(words) and joined(last):
        last += 1
    start, stop = words[first].start(), words[last].end()
    name = quoted(text[start:stop])
    before = text[line_start:start].split()
    if before and before[-1].casefold() in _COUNTS:  # `limit 10 20`: no name
        return None
    if before and before[-1].casefold() == "neighbors":  # `neighbors NCv3 deep 2`
        return start, stop, f"`neighbors ENTITY depth N`, or quote a name of several words: {name}"
    between = BETWEEN.get(before[-1].casefold()) if before and last == first + 1 else None
    if between:  # `path Volta Pascal`: `to` left out
        return start, stop, (f"`{before[-1]} A {between} B`: put `{between}` between the two, "
                             f"or quote a name of several words: {name}")
    if before and before[-1].casefold() in CONDITION_WORDS:  # `where name like "NC"`
        return start, stop, _CONDITION
    if before and before[-1].casefold() in _COLUMNS:
        return start, stop, f"put a `,` between two columns, or quote a name of several words: {name}"
    if not _code(text[:start]).strip():  # a question in words is no name to quote
        quote = f"; a name of several words is written in quotes: {name}" if last - first < _LONG else ""
        return start, stop, _STARTS + quote
    return start, stop, f"a name of several words is written in quotes: {name}"


def misspelt_keyword(text: str, at: int, keywords: Iterable[str]) -> tuple[int, int, str] | None:
    """For a token at ``at`` in ``text`` that the grammar did not expect: a word in lower
    case close to a keyword (`wth`, `depht`, `describ`, `shwo`), the token itself or one of
    the bare words right before it on its line (back to a keyword), as (start, end, the
    keyword); else None.

    >>> misspelt_keyword('check NCv3 wth "CUDA 12.1"', 15, {"check", "with"})
    (11, 14, 'with')
    >>> misspelt_keyword("which VM series", 6, {"with"}) is None
    True
    """
    line_start = text.rfind("\n", 0, at) + 1
    kept = sorted({k.casefold() for k in keywords})
    words = [m for m in _BARE.finditer(text, line_start) if m.start() <= at]
    upto, only = at, None
    for word in reversed(words):
        found = word.group()
        if word.start() == at and found.casefold() in _AFTER_NOT:  # `where nto has …`: the
            upto, only = word.start(), "not"  # word before it can only have been `not`
            continue  # (any keyword was "did you mean `to`?" for `tno`: hunt73 R4)
        if found.casefold() in kept or (word.start() != at and text[word.end():upto].strip(" \t")):
            return None  # a keyword, or something else between it and the next word
        close = [k for k in (([k for k in kept if _swapped(found, k)]  # `adn` (hunt71 F3)
                              or close_matches(found, kept, n=1, cutoff=_CLOSE))  # not `no`
                             if found.isalpha() and found.islower() and len(found) > 2 else [])
                 if not (found.startswith(k) and len(found) > len(k) + 1)  # `notes`: a name
                 and only in (None, k)]
        if close:
            return word.start(), word.end(), close[0]
        upto = word.start()
    return None


def _swapped(word: str, keyword: str) -> bool:
    """``word`` is ``keyword`` with two letters side by side swapped (`adn`, `nto`: a
    three-letter word so misspelt is too far from its keyword by difflib's measure).

    >>> _swapped("adn", "and"), _swapped("nad", "and"), _swapped("dan", "and")
    (True, True, False)
    """
    if len(word) != len(keyword) or word == keyword:
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, keyword)) if a != b]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == keyword[diff[1]] \
        and word[diff[1]] == keyword[diff[0]]


def _in_word(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def _code(text: str) -> str:
    """``text`` with the insides of strings and comments blanked out (one pass)."""
    out: list[str] = []
    quote: str | None = None
    escaped = comment = False
    for ch in text:
        if comment:
            comment = ch != "\n"
            out.append(ch if not comment else " ")
        elif quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = None
            out.append(" ")
        elif ch in "\"'":
            quote = ch
            out.append(" ")
        elif ch == "#":
            comment = True
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def with_hint(exc: KgError) -> str:
    """The error as kg shows it, and for a query that looks like another query language
    (SQL, Cypher, SPARQL), the KGQ form: the CLI's, the REPL's and the notebook's."""
    text = exc.render()
    source = exc.source if isinstance(exc, QueryError) else None
    hint = hint_for(source) if source else None
    return text + "".join(f"\nhint: {line}" for line in hint.splitlines()) if hint else text


def closest_names(name: str, pool: dict[str, str], limit: int) -> list[str]:
    """The names ``pool`` gives for the spellings closest to ``name`` (difflib's, 0.6 on)."""
    key, size = name.casefold(), len(name)
    # only names whose length allows a ratio of 0.6 (a 5,000-character name has none)
    fits = [k for k in pool if 0.6 * (size + len(k)) <= 2 * min(size, len(k))]
    import difflib  # only once a name is not found: not imported by every statement

    close = difflib.get_close_matches(key, fits, n=limit * 3, cutoff=0.6)
    return list(dict.fromkeys(pool[k] for k in close))[:limit]
