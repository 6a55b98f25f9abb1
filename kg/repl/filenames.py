"""Completion of file names for the dot-commands that take one (``.load``, ``.read``,
``.export``): folders, and the files a command would take, written as one shell word as
the dot-commands read them (``shlex``)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from prompt_toolkit.completion import Completion

from kg.datafiles import RDF_SUFFIXES
from kg.output import Format, UnknownFormat
from kg.repl.words import menu

__all__ = ["files", "FileKind", "rdf", "any_file", "exported", "exported_as", "unquoted_word",
           "quoted_word"]

#: What a command makes of a file, in the session's language (the menu's meta), or None
#: where it takes no such file (not offered).
FileKind = Callable[[Path, str], str | None]


def rdf(path: Path, lang: str) -> str | None:
    """What ``.load`` makes of ``path``: an RDF file, or None."""
    return menu("RDF file", lang) if path.suffix.lower() in RDF_SUFFIXES else None


def any_file(path: Path, lang: str) -> str:
    """What ``.read`` makes of ``path``: a file (a script of any name)."""
    return menu("file", lang)


def _format_of(path: Path) -> Format | None:
    try:
        return Format.from_extension(path)
    except UnknownFormat:
        return None


def exported(path: Path, lang: str) -> str | None:
    """What ``.export`` would write to ``path`` (its format, from the extension), or None."""
    found = _format_of(path)
    return menu("format file", lang, format=found.value) if found is not None else None


def exported_as(name: str | None) -> FileKind:
    """:func:`exported`, only for files of the format ``name`` (any, if it names none)."""
    try:
        wanted = Format.parse(name) if name else None
    except UnknownFormat:
        wanted = None
    if wanted is None:
        return exported
    return lambda path, lang: exported(path, lang) if _format_of(path) is wanted else None


def files(word: str, kind: FileKind = rdf, lang: str = "en") -> Iterator[Completion]:
    """Folders, and the files whose names start the word that ``kind`` names (RDF files by
    default); a name with a space or a quote (or a word typed in quotes) is written in
    quotes, as the dot-commands read it (``shlex``): a folder's quote stays open, so its
    files complete next."""
    quote, typed = unquoted_word(word)
    if typed == "~":  # the home folder, kept as ~
        yield Completion(quoted_word("~/", quote, closed=False), -len(word), display="~/",
                         display_meta=menu("folder", lang))
        return
    path = Path(os.path.expanduser(typed or "."))
    folder, stem = (path, "") if typed.endswith("/") or not typed else (path.parent, path.name)
    try:
        entries = sorted(folder.iterdir(), key=lambda p: (p.name.casefold(), p.name))
    except OSError:
        return
    base = typed[: len(typed) - len(stem)]
    for p in entries:
        if not p.name.startswith(stem) or p.name.startswith(".") and not stem.startswith("."):
            continue
        if p.is_dir():
            yield Completion(quoted_word(base + p.name + "/", quote, closed=False), -len(word),
                             display=p.name + "/", display_meta=menu("folder", lang))
        elif (what := kind(p, lang)) is not None:
            yield Completion(quoted_word(base + p.name, quote, closed=True), -len(word),
                             display=p.name, display_meta=what)


_NEEDS_QUOTES = re.compile(r"""[\s'"\\]""")


def unquoted_word(word: str) -> tuple[str, str]:
    """The quote a word opens (or ``""``) and its text, as ``shlex`` reads it: in double
    quotes a backslash escapes ``"`` and itself, outside quotes any character."""
    if word[:1] not in ("'", '"'):
        return "", re.sub(r"\\(.)", r"\1", word)  # my\ data
    quote, text, i = word[0], [], 1
    while i < len(word) and word[i] != quote:
        if quote == '"' and word[i] == "\\" and word[i + 1:i + 2] in ('"', "\\"):
            i += 1
        text.append(word[i])
        i += 1
    return quote, "".join(text)


def quoted_word(text: str, quote: str, *, closed: bool) -> str:
    """``text`` as one shell word: bare where it can be, else in the quote the user typed
    (single quotes when they typed none, double where the text holds a single quote)."""
    if not quote and not _NEEDS_QUOTES.search(text):
        return text
    if quote != '"' and "'" not in text:
        return "'" + text + ("'" if closed else "")
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + body + ('"' if closed else "")
