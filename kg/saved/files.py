"""Saved-query files: finding, reading and checking ``queries/*.kgq`` (writing them:
:mod:`kg.saved.writing`).

A file's leading comment lines are its header (``# name:``, ``# description:``,
``# param NAME: TYPE [= DEFAULT]``); the rest is the query. Reading checks the header
strictly and that the query uses exactly the declared parameters, naming the file and
line of the first problem.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from kg import ast
from kg.errors import Problem, QueryError, SavedPathError, SavedQueryError, Span
from kg.fileread import Unreadable, named_file, read_regular
from kg.hints import close_matches
from kg.limits import MAX_QUERY_CHARS, MAX_SAVED_BYTES
from kg.paths import NoHome, expand_home, user_queries_dir
from kg.saved.binding import SCALAR_TYPES, scalar_ok
from kg.saved.folders import a_file, folders, is_file, listed, not_a_file, present, readable
from kg.saved.model import KEY_RE, NAME_RE, NAME_SHAPE, SUFFIX, Param, SavedQuery
from kg.textscan import composed, string_end, unquote

__all__ = ["list_saved", "saved_names", "load_saved", "find_saved", "saved_from", "parse_saved",
           "read_source"]

_PARAM_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([A-Za-z_][\w-]*)\s*(?:=\s*(.*?))?\s*$")
_KEYS = ("name", "description", "param")


def list_saved(directory: Path | None = None, *,
               broken: list[SavedQueryError] | None = None) -> list[SavedQuery]:
    """Every saved query, sorted by name: in ``directory``, else the user's and the shipped
    ones (a user's query shadows a shipped one of the same name). With ``broken``, a broken
    file's error goes there and the others are listed (`kg list`).

    Raises:
        SavedQueryError: a file is broken (the message names its path and line).
        DataError: the shipped queries are missing.
    """
    found: dict[str, SavedQuery] = {}
    taken: set[str] = set()  #: names a folder searched first has, broken or not
    searched = folders(directory)
    for folder in searched:
        if not present(folder):
            continue
        try:
            readable(folder)
        except SavedQueryError as exc:
            if broken is None:
                raise
            broken.append(exc)
            continue
        for path in sorted(p for p in folder.glob("*" + SUFFIX) if not p.name.startswith(".")):
            if path.stem in taken:  # shadowed: `kg run` runs the one found first
                continue
            taken.add(path.stem)
            try:  # a link to nothing, a folder or a FIFO named *.kgq: broken, not left out
                a_file(path, searched)  # without a word (hunt75 F5)
                query = saved_from(path, read_source(path), named=True)
            except SavedQueryError as exc:
                if broken is None:
                    raise
                broken.append(exc)  # listed as broken, not as the query it shadows
                continue
            found[query.name] = query
    return sorted(found.values(), key=lambda q: (q.name.casefold(), q.name))  # (`CON` came
    # before `allg`: hunt120 F10)


def saved_names(directory: Path | None = None) -> list[str]:
    """The names of :func:`list_saved`'s queries, sorted, from the file names alone: no
    file is read or checked (what a shell's completion asks for at every Tab).

    Raises:
        DataError: the shipped queries are missing.
    """
    return sorted({path.stem for folder in folders(directory) for path in listed(folder)
                   if NAME_RE.fullmatch(path.stem)},
                  key=lambda name: (name.casefold(), name))  # in `kg list`'s order (hunt140 F5)


LISTING = "`kg list`"  #: the command an error sends one to for the names (the REPL: `.list`)


def load_saved(name_or_path: str | Path, directory: Path | None = None, *,
               listing: str = LISTING) -> SavedQuery:
    """A saved query by name (the user's folder first, then the shipped one), or a ``.kgq``
    file by path. Names are names: anything else is refused, never opened.

    Raises:
        SavedQueryError: no such query (with did-you-mean), not a name, or a broken file.
    """
    path, named = find_saved(name_or_path, directory, listing=listing)
    return saved_from(path, read_source(path), named=named)


def find_saved(name_or_path: str | Path, directory: Path | None = None, *,
               listing: str = LISTING) -> tuple[Path, bool]:
    """The file of a saved query, as :func:`load_saved` finds it (unread), and whether it
    was found by name (its header must then name it so).

    Raises:
        SavedQueryError: no such query (with did-you-mean), or not a name.
    """
    text = str(name_or_path)
    try:  # (HOME empty: ~/x.kgq was /x.kgq: hunt69; `x.kgq/` ran x.kgq: hunt83 F16)
        candidate = named_file(expand_home(text))
    except Unreadable as exc:
        raise SavedPathError(f"{text[:200]}: cannot read the saved-query file: {exc}") from None
    if isinstance(name_or_path, Path) or candidate.suffix == SUFFIX:
        if candidate.suffix != SUFFIX:
            raise SavedQueryError(f"{text} is not a saved-query file (.kgq)")
        if not is_file(candidate):  # a path kg cannot read: exit 4, as a --data file's
            what = not_a_file(candidate)  # (hunt52 F11)
            named = candidate.stem if candidate.parent == Path(".") else None
            hint = (f"; `{named}` is a saved query: give its name, without {SUFFIX}"
                    if named and NAME_RE.fullmatch(named) and not isinstance(name_or_path, Path)
                    and any(is_file(f / f"{named}{SUFFIX}") for f in folders(directory))
                    else "")  # (hunt57 F11)
            raise SavedPathError(f"{text[:200]}: cannot read the saved-query file: {what}{hint}")
        return candidate, False
    if not NAME_RE.fullmatch(text):
        raise SavedQueryError(f"`{text[:80]}` is not a saved-query name ({NAME_SHAPE}; see "
                              f"{listing}) nor a {SUFFIX} file")
    searched = folders(directory)
    for folder in searched:
        if is_file(folder / f"{text}{SUFFIX}"):
            return folder / f"{text}{SUFFIX}", True
        if os.path.lexists(folder / f"{text}{SUFFIX}"):  # there, but no file (hunt75 F5)
            a_file(folder / f"{text}{SUFFIX}", searched)
        if present(folder):  # one kg cannot read may hold it, yours before a shipped one
            readable(folder)  # of its name: say so (it ran the shipped one: hunt51 #3)
    found = _in_any_case(text, searched)
    if found is not None:
        return found, True
    close = close_matches(text, saved_names(directory))
    hint = f"; did you mean {' or '.join(f'`{c}`' for c in close)}?" if close else \
        f" (see {listing})"
    raise SavedQueryError(f"no saved query `{text}`{hint}{_homeless(directory)}")


def _in_any_case(text: str, searched: list[Path]) -> Path | None:
    """The one saved query named ``text`` in another case (`.run Gpu-Count`: hunt50), where
    none has it exactly (yours in other case took a shipped one's name: hunt53 F1).

    Raises:
        SavedQueryError: several have it, in any folder (yours ran by `RETIRED-BY`, kg's by
            `retired-by`: hunt115 F5).
    """
    same = [(p, f) for f in searched for p in listed(f) if p.stem.casefold() == text.casefold()]
    if len(same) <= 1:
        return same[0][0] if same else None

    whose: dict[str, set[bool]] = {}  #: each name: is it kg's (in the last folder searched)?
    for p, f in same:
        whose.setdefault(p.stem, set()).add(f == searched[-1])
    owners = {frozenset({True}): " (kg's)", frozenset({False}): " (yours)",
              frozenset({True, False}): " (yours, over kg's)"}  # (a name of both was said
    # twice: hunt141 F5)
    names = [f"`{stem}`{owners[frozenset(kgs)] if len(searched) > 1 else ''}"
             for stem, kgs in sorted(whose.items())]  # by name, not by where each lives
    raise SavedQueryError(f"no saved query `{text}`; " + " and ".join(names)
                          + " differ from it in case alone: give one")


def _homeless(directory: Path | None) -> str:
    """Why the user's own saved queries were not looked in, where there is no folder for
    them (HOME empty: "no saved query" alone, hunt99 F10); else ""."""
    if directory is not None:
        return ""
    try:
        user_queries_dir()
    except NoHome as exc:
        return f"; your own saved queries were not looked for: {exc}"
    return ""


def saved_from(path: Path, source: str, *, named: bool) -> SavedQuery:
    """The saved query ``source``, the text of ``path``. Found by name (``named``), its
    header's name must be its file's: `kg run NAME` finds the file by name, `kg list` shows
    the header's.

    Raises:
        SavedQueryError: the file is broken, or names another query.
    """
    # found by name, only renaming the file helps: a `# name:` must match it (the advice to
    # give one led to that error: hunt140 F3)
    if named and not NAME_RE.fullmatch(path.stem):
        raise SavedQueryError(f"{path}: the file name `{path.stem}` is no saved-query name "
                              f"({NAME_SHAPE}): rename the file: kg runs a saved query by its "
                              "file's name")
    query = parse_saved(source, path)
    if named and query.name != path.stem:
        raise SavedQueryError(f"{path}: `# name: {query.name}` is not the file's name "
                              f"`{path.stem}`: kg runs a saved query by its file's name, so "
                              "rename one of them")
    return query


def read_source(path: Path) -> str:
    """The text of a saved-query file (a byte order mark is no text).

    Raises:
        SavedPathError: the file cannot be read (exit 4).
        SavedQueryError: it is not UTF-8.
    """
    try:
        data = read_regular(path, MAX_SAVED_BYTES)  # not read whole first: 600 MB took 6 GB
    except Unreadable as exc:  # and 76 s to be called too long (hunt57 F5)
        if exc.too_big:
            raise SavedQueryError(f"{path}: too big for a saved query ({exc}; a statement is at "
                                  f"most {MAX_QUERY_CHARS:,} characters)") from None
        raise SavedPathError(f"{path}: cannot read: {exc}") from None  # exit 4, as a
    try:  # folder's (hunt51 #8)
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:  # where, in a reader's words (hunt57 F10)
        line = data[:exc.start].count(b"\n") + 1
        raise SavedQueryError(f"{path}: line {line}: the byte 0x{data[exc.start]:02x} is not "
                              "UTF-8 (a saved query is UTF-8 text)") from None


def parse_saved(source: str, path: Path | None = None) -> SavedQuery:
    """Read the header and check the body parses and uses exactly the declared parameters.

    >>> q = parse_saved("# name: gpu\\n# param c: VMCategory = GPU\\n"
    ...                 "VMSeries | where category = $c")
    >>> q.name, q.params[0].default, q.text
    ('gpu', 'GPU', 'VMSeries | where category = $c')

    Raises:
        SavedQueryError: naming the path and line of the first problem.
    """
    where = str(path) if path else "<saved query>"
    source = composed(source)  # as a statement is read: the spans of errors count in it
    lines = source.splitlines()
    fields, params, body_start = _header(lines, where)
    text = "\n".join(lines[body_start:]).strip()
    name = fields.get("name") or (path.stem if path else "")
    if name and not fields.get("name") and not NAME_RE.fullmatch(name):  # named by its file
        raise SavedQueryError(f"{where}: the file name `{name}` is no saved-query name "
                              f"({NAME_SHAPE}): rename the file, or give one in its first "
                              "line, `# name: NAME`")  # (it
        # said the file needs a `# name:`, which one named well does not: hunt89 F9)
    if not name:
        raise SavedQueryError(f"{where}: line 1: a saved query needs `# name: NAME` "
                              f"({NAME_SHAPE})")
    saved = SavedQuery(name, fields.get("description", ""), params, text, path, source)
    _check_body(saved, where, body_start + 1)
    return saved


def _header(lines: list[str], where: str) -> tuple[dict[str, str], list[Param], int]:
    """The header's fields and parameters, and the index of the query's first line."""
    fields: dict[str, str] = {}
    params: list[Param] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            return fields, params, number - 1
        match = KEY_RE.match(line)
        key = match.group(1).lower() if match else ""
        rest = match.group(2) if match else ""
        if key == "param":
            params.append(_param(rest, where, number, params))
        elif key in ("name", "description") and rest.startswith(":"):
            if key in fields:
                raise SavedQueryError(f"{where}: line {number}: `{key}` is given twice")
            fields[key] = rest[1:].strip()
            if key == "name" and fields[key] and not NAME_RE.fullmatch(fields[key]):
                raise SavedQueryError(f"{where}: line {number}: `{fields[key]}` is no "
                                      f"saved-query name ({NAME_SHAPE})")  # (it said the
                # name line was missing: hunt145 F4)
        elif (rest.startswith(":") or _PARAM_RE.match(rest)) and _close_key(key):
            raise SavedQueryError(f"{where}: line {number}: unknown header key `{key}`; "
                                  f"did you mean `{_close_key(key)}`?")
    return fields, params, len(lines)


def _close_key(key: str) -> str | None:
    """The header key a mistyped one was probably meant to be."""
    close = close_matches(key, _KEYS, n=1, cutoff=0.7)
    return close[0] if close else None


def _param(rest: str, where: str, number: int, seen: list[Param]) -> Param:
    match = _PARAM_RE.match(rest.strip())
    if not match:
        raise SavedQueryError(f"{where}: line {number}: expected `# param NAME: TYPE [= DEFAULT]`,"
                              f" not `# param {rest.strip()}`")
    name, type_, default = match.group(1), match.group(2), match.group(3)
    if any(p.name == name for p in seen):
        raise SavedQueryError(f"{where}: line {number}: parameter `{name}` is declared twice")
    scalar = SCALAR_TYPES.get(type_.lower())
    if default is not None:
        default = _unquote(default, where, number)
        if scalar and not scalar_ok(scalar, default):
            raise SavedQueryError(f"{where}: line {number}: the default of `{name}` must be "
                                  f"{scalar.accepts}, not `{default}`")
    return Param(name, scalar.value if scalar else type_, default, number)


def _unquote(text: str, where: str, number: int) -> str:
    """A default as written: a quoted one read as a statement's string is (an unknown escape
    is an error, as there; `"a\\qb"` was `aqb`, and `"open` kept its quote: hunt57 F10), one
    string and nothing after it (`"x"y"` was `x"y`, and `"NCv3" # …` "not closed": hunt65
    F3); none at all after `=` is an error (it was an internal one: hunt65 F1)."""
    text = text.strip()
    if not text:
        raise SavedQueryError(f"{where}: line {number}: the default is empty: give a value "
                              'after = ("" for an empty string), or leave out = and the default')
    if text[0] not in "\"'":
        return text
    end = string_end(text)
    if end is None:
        raise SavedQueryError(f"{where}: line {number}: the default's quote is not closed: "
                              f"close it ({text[0]}), or write the value without quotes")
    if end != len(text) - 1:
        raise SavedQueryError(f"{where}: line {number}: after the default's closing quote comes "
                              f"`{text[end + 1:].strip()}`: a default is one value (a quote "
                              "inside it is written \\" + text[0] + "; a comment goes on a line "
                              "of its own)")
    try:
        return unquote(text, strict=True)
    except ValueError as exc:
        raise SavedQueryError(f"{where}: line {number}: the default: {exc.args[0]}") from None


def _check_body(saved: SavedQuery, where: str, body_line: int) -> None:
    from kg.parser import parse

    if not saved.text:
        raise SavedQueryError(f"{where}: line {body_line}: " + (
            "the file has a header but no query" if saved.source.strip() else "the file is empty"))
    try:
        stmt = parse(saved.source)
    except QueryError as exc:
        exc.source = saved.source
        raise SavedQueryError(f"{where}: " + exc.render().removeprefix("error: ")) from None
    used = {v.text: v for v in ast.param_values(stmt)}
    declared = {p.name for p in saved.params}
    for name, value in used.items():
        if name not in declared:
            raise _at(where, saved, value.span, f"the query uses `${name}` but the header "
                      f"declares no `# param {name}: TYPE`")
    for p in saved.params:
        if p.name not in used:
            raise SavedQueryError(f"{where}: line {p.line}: parameter `{p.name}` is declared "
                                  f"but the query never uses `${p.name}`")
    types = {p.name: p.type for p in saved.params}
    for value in ast.text_params(stmt):
        if types.get(value.text) not in SCALAR_TYPES:
            raise _at(
                where, saved, value.span, f"`~ ${value.text}` matches text, but "
                f"`{value.text}` is declared `{types.get(value.text)}`, not `string` (a "
                "class's parameter names an entity, and `~` would match the name as typed, "
                "not the entity's names; the other types are number, version, boolean, "
                "date); declare it `string`")


def _at(where: str, saved: SavedQuery, span: Span, message: str) -> SavedQueryError:
    """A fault at ``span`` of the query, shown as a parse error is: its line and a caret
    (a `$w` the header does not declare was a line and column alone: hunt71 F6)."""
    return SavedQueryError(f"{where}: " + Problem(message, span).render(saved.source)
                           .removeprefix("error: "))
