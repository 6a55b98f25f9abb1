"""Completion, step two: candidates for each kind :func:`~kg.repl.suggest.suggest` names.

One matcher per suggestion kind, looked up in :data:`MATCHERS`. Every candidate says what
it is (class, property, entity of class X, keyword) and how many instances or facts it
has. Nothing here touches the store: names and counts come from a
:class:`~kg.repl.index.NameIndex` built once per graph."""

from __future__ import annotations

import logging
import shlex
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from prompt_toolkit.completion import CompleteEvent, Completer, Completion
from prompt_toolkit.document import Document

from kg.ast import param_values
from kg.errors import KgError
from kg.output import RESULT_FORMATS as OutputFormat
from kg.parser import parse, quote_name
from kg.repl.commands import COMMANDS, HELP_TOPICS, lookup, revision_names
from kg.repl.commands.files import export_formats, saved_names
from kg.repl.filenames import FileKind, any_file, exported, exported_as, files, rdf
from kg.repl.index import Name, NameIndex
from kg.repl.kinds import (
    ClassName,
    CommandArg,
    DotCommand,
    EntityName,
    Keyword,
    Kinds,
    Literal,
    Parameter,
    PropertyName,
    SourceName,
)
from kg.repl.matching import MAX_CANDIDATES, match_names
from kg.repl.script import statement_at_end
from kg.repl.state import ReplState
from kg.repl.suggest import suggest
from kg.repl.words import MENU, menu
from kg.session import LANGUAGES
from kg.textscan import unquote

if TYPE_CHECKING:
    from kg.saved import SavedQuery

__all__ = ["KgCompleter", "MATCHERS"]

DISPLAY_WIDTH = 40  #: candidates longer than this are cut in the menu


def _case(word: str, keyword: str) -> str:
    return keyword.upper() if word[:1].isupper() and word.isupper() else keyword


class KgCompleter(Completer):
    """prompt_toolkit completer over the session's graph (fast: no store access)."""

    strict: ClassVar[bool] = False  #: a bug raises (the tests': it was unseen, hunt113 F10)

    def __init__(self, state: ReplState) -> None:
        self.state = state
        self._index: NameIndex | None = None
        self._warm: NameIndex | None = None  #: the index :meth:`warm` last warmed

    @property
    def index(self) -> NameIndex:
        """The name index of the current graph and language (rebuilt after .load / .lang)."""
        onto, lang = self.state.graph.ontology, self.state.lang
        if self._index is None or self._index.onto is not onto or self._index.lang != lang:
            self._index = NameIndex(onto, self.state.graph.store, lang)
        return self._index

    @property
    def ready(self) -> bool:
        """Has :meth:`warm` built the index of the current graph and language?"""
        index = self._warm
        return (index is not None and index.onto is self.state.graph.ontology
                and index.lang == self.state.lang)

    def warm(self) -> None:
        """Build now what the first keystroke reads: the name index, the highlighter's
        table of what names name, and the menu of a statement's first word."""
        index = self.index
        index.kinds_of_name("")
        for _ in self.completions("a"):
            pass
        self._warm = index

    def get_completions(self, document: Document,
                        complete_event: CompleteEvent) -> Iterator[Completion]:
        typed = statement_at_end(document.text_before_cursor)  # of several, the cursor's
        text = self.state.continued(typed) or typed  # a line starting with `|` goes on from
        # the last statement run (hunt50 #4)
        try:
            yield from self.completions(text)
        except Exception:  # noqa: BLE001  completion must never break typing
            if self.strict:  # (at the prompt: dropped, a debug record for a program that
                raise  # configures logging; kg itself shows none)
            logging.getLogger(__name__).debug("completing %r failed", text, exc_info=True)

    def completions(self, text: str) -> Iterator[Completion]:
        """Every candidate at the end of ``text``, best first, without duplicates."""
        found = suggest(text, self.index)
        seen: set[str] = set()
        readings = [found] if found.longer is None else \
            [found.longer, found] if found.longer_first else [found, found.longer]
        spaced = not found.word and text.endswith(_CLOSERS)
        for reading in readings:
            for kind in reading.kinds:
                for c in MATCHERS[type(kind)](self, kind, reading.word):
                    if c.text not in seen:
                        seen.add(c.text)
                        yield _after_space(c) if spaced else c
                        if len(seen) >= MAX_CANDIDATES:
                            return


#: What ends a token that the next word would stick to: a closing quote or bracket (with
#: nothing typed after it, the word at the cursor is empty)
_CLOSERS = ('"', "'", ")", "]")
#: What goes on a token without a space: a list's comma and end, a path's step
_GLUED = (",", ")", "]", ".", "^")


def _after_space(c: Completion) -> Completion:
    """``c`` with a space before it, where it would stick to a closing quote or bracket
    (``"Remote VM"and``, as pgcli does); punctuation stays glued (``"A", "B"``)."""
    if c.text.startswith(_GLUED):
        return c
    return Completion(" " + c.text, c.start_position, display=c.display,
                      display_meta=c.display_meta)


# -- matchers ------------------------------------------------------------------------


def _shown(text: str) -> str:
    """A long name cut in its middle for the menu, its start and end kept (the whole name
    is still what gets inserted): cut at the end, two notes that differ in their last
    words showed as one row twice (hunt98 F7)."""
    if len(text) <= DISPLAY_WIDTH:
        return text
    end = DISPLAY_WIDTH // 3
    return text[: DISPLAY_WIDTH - end - 1] + "…" + text[-end:]


def _from_names(names: Iterable[Name], word: str) -> Iterator[Completion]:
    for n in match_names(names, word):
        yield Completion(n.text, -len(word), display=_shown(n.text), display_meta=n.meta)


def _classes(c: KgCompleter, kind: ClassName, word: str) -> Iterator[Completion]:
    if not kind.within:
        return _from_names(c.index.classes, word)
    return _from_names([n for n in c.index.classes if n.key in kind.within], word)


def _sources(c: KgCompleter, kind: SourceName, word: str) -> Iterator[Completion]:
    return _from_names(c.index.sources, word)


def _entities(c: KgCompleter, kind: EntityName, word: str) -> Iterator[Completion]:
    for n in match_names(c.index.entities(kind.classes), word):
        text = n.text  # after `name =`, an alias in quotes would be a text no label is: the
        if kind.as_name and not n.primary and text.startswith(('"', "'")):  # label goes in
            text = quote_name(c.index.onto.entities[n.key].label(c.state.lang))
        if kind.listed and (unquote(text) if text[:1] in "\"'" else text).casefold() in kind.listed:
            continue  # (in the list already)
        yield Completion(text, -len(word), display=_shown(text), display_meta=n.meta)


def _properties(c: KgCompleter, kind: PropertyName, word: str) -> Iterator[Completion]:
    return _from_names(c.index.properties(kind.kind, kind.inverse, kind.to_entities), word)


def _keywords(c: KgCompleter, kind: Keyword, word: str) -> Iterator[Completion]:
    typed = word.casefold()
    for w in kind.words:
        if w.startswith(typed):
            yield Completion(_case(word, w), -len(word), display_meta=menu("keyword", c.state.lang))
    if not word:
        for op in kind.operators:
            yield Completion(op, 0, display_meta=menu("operator", c.state.lang))


def _literals(c: KgCompleter, kind: Literal, word: str) -> Iterator[Completion]:
    # a menu word (boolean), or the name of the `check with` column compared (KGQ, as typed)
    meta = menu(kind.meta, c.state.lang) if kind.meta in MENU else kind.meta
    for w in kind.words:
        if w.startswith(word.casefold()):
            yield Completion(w, -len(word), display_meta=meta)


def _parameters(c: KgCompleter, kind: Parameter, word: str) -> Iterator[Completion]:
    for name, value in sorted(c.state.params.items()):
        text = "$" + name
        if not kind.takes(c.index.onto, value):
            continue
        if word.startswith("$") and text.startswith(word) or not word:
            yield Completion(text, -len(word),
                             display_meta=f"{menu('parameter', c.state.lang)} = {value}")


def _dot_commands(c: KgCompleter, kind: DotCommand, word: str) -> Iterator[Completion]:
    typed = word[1:].casefold()
    for cmd in COMMANDS.values():
        if cmd.name.startswith(typed):
            yield Completion("." + cmd.name, -len(word), display=cmd.usage,
                             display_meta=cmd.describe(c.state))


def _command_args(c: KgCompleter, kind: CommandArg, word: str) -> Iterator[Completion]:
    cmd = lookup(kind.command)
    if cmd is None or not cmd.complete:
        return
    source = cmd.complete[min(kind.position, len(cmd.complete) - 1)]
    if source == "param-value" and "=" in word:
        yield from _param_values(c, kind.before, word)
        return
    if source == "class":
        yield from _from_names(c.index.classes, word)
        return
    lang = c.state.lang
    if source in _FILE_KINDS:
        yield from files(word, _FILE_KINDS[source](kind.before), lang)
        return
    candidates = _ARG_SOURCES.get(source, _no_candidates)
    for text, meta in candidates(c, kind.before):
        if text.casefold().startswith(word.casefold()):
            yield Completion(text, -len(word), display_meta=meta)
    if source == "export":  # .export [FMT] FILE: the first word may be the file
        yield from files(word, exported, lang)


#: The files each file argument takes, by the words before it.
_FILE_KINDS: dict[str, Callable[[tuple[str, ...]], FileKind]] = {
    "file": lambda before: rdf,  # .load
    "script": lambda before: any_file,  # .read
    "export-file": lambda before: exported_as(before[0] if before else None),  # after a format
}


def _no_candidates(c: KgCompleter, args: tuple[str, ...]) -> list[tuple[str, str]]:
    return []


def _saved(args: tuple[str, ...]) -> SavedQuery | None:
    from kg.saved import load_saved

    try:
        return load_saved(args[0]) if args else None
    except KgError:  # a missing or broken file completes nothing (a bug raises: hunt113 F10)
        return None


def _saved_params(args: tuple[str, ...], lang: str) -> list[tuple[str, str]]:
    """``NAME=`` for each parameter of the saved query ``args[0]`` not given yet."""
    if (saved := _saved(args)) is None:
        return []
    given = {a.partition("=")[0].lstrip("$") for a in args[1:]}
    said = menu("parameter", lang)
    return [(p.name + "=", f"{said}: {p}") for p in saved.params if p.name not in given]


def _param_values(c: KgCompleter, args: tuple[str, ...], word: str) -> Iterator[Completion]:
    """After ``NAME=``: the values the parameter's type accepts (entities of its class,
    true/false), else its default."""
    name, _, typed = word.partition("=")
    saved = _saved(args)
    param = saved.param(name.lstrip("$")) if saved is not None else None
    if param is None:
        return
    found = c.index.onto.find_class(param.type)
    if found:
        yield from _from_names(c.index.entities(frozenset({found[0].iri})), typed)
        return
    values = ["true", "false"] if param.type == "boolean" else []
    if param.default is not None and param.default not in values:
        values.insert(0, param.default)
    for value in values:
        written = _run_word(value)  # `s=" x "`: a default with spaces went in bare (hunt70 F2)
        if value.casefold().startswith(typed.casefold()) or \
                written.casefold().startswith(typed.casefold()):
            meta = param.type + (f" · {menu('the default', c.state.lang)}"
                                 if value == param.default else "")
            yield Completion(written, -len(typed), display=value, display_meta=meta)


def _run_word(value: str) -> str:
    """``value`` as `.run` reads it back whole (shlex's words): as it is, or in double quotes,
    as an entity's name is written (`" x "`, `"say \\"hi\\""`)."""
    return value if _whole(value) else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _shell_word(value: str) -> str:
    """``value`` as a dot-command reads it back whole (`it's` quoted, `a   b` too: hunt52 F6)."""
    return value if _whole(value) else shlex.quote(value)


def _whole(value: str) -> bool:
    """Whether a dot-command's words (shlex's) read ``value`` back as it is, one word."""
    try:
        return shlex.split(value) == [value]
    except ValueError:  # an unclosed quote
        return False


def _said(words: list[tuple[str, str]]) -> Callable[[KgCompleter, tuple[str, ...]],
                                                    list[tuple[str, str]]]:
    """Candidates that each say what they are with a menu word, in the session's language."""
    return lambda c, a: [(text, menu(key, c.state.lang)) for text, key in words]


_ARG_SOURCES: dict[str, Callable[[KgCompleter, tuple[str, ...]], list[tuple[str, str]]]] = {
    "format": _said([(f.value, "format") for f in OutputFormat]),
    "lang": _said([(lang, "language") for lang in LANGUAGES]),
    "switch": _said([("on", "switch"), ("off", "switch")]),
    "rows": _said([("auto", "fit the screen"), ("all", "every row")]),
    "expanded": _said([("auto", "when a table does not fit"), ("on", "always"),
                       ("off", "never")]),
    "revision": lambda c, a: revision_names(c.state, a),
    "saved": lambda c, a: saved_names(c.state.lang),
    "export": lambda c, a: export_formats(c.state.lang),
    "topic": _said([(n, "command") for n in COMMANDS] + [(t, "topic") for t in HELP_TOPICS]),
    "param": lambda c, a: [(n, f"{menu('parameter', c.state.lang)} = {v}")
                           for n, v in sorted(c.state.params.items())],
    # `.set `: the parameters set, then those the last statement used (or failed on) with
    # no value yet (it offered nothing before a first .set: hunt139)
    "param-name": lambda c, a: [*_ARG_SOURCES["param"](c, a), *(
        (n, menu("used, no value", c.state.lang)) for n in _used(c.state) if n not in c.state.params)],
    "param-value": lambda c, a: _saved_params(a, c.state.lang),
    # `.set NAME `: its value now, not the names of parameters (`.set cuda arch`: hunt50 #6)
    "param-set": lambda c, a: [(_shell_word(v), menu("the value now", c.state.lang))
                               for n, v in c.state.params.items() if a and n == a[0].lstrip("$")],
}

def _used(state: ReplState) -> list[str]:
    """The parameters the last statement (failed, else run) uses, in order, each once, as
    the parser reads them (a `$x` in a string or a comment is none); none where it is no
    statement (a dot-command) or does not parse."""
    try:
        statement = parse(state.failed or state.last_text or "")
    except KgError:
        return []
    return list(dict.fromkeys(v.text for v in param_values(statement)))


MATCHERS: dict[type[Kinds], Callable[[KgCompleter, Any, str], Iterable[Completion]]] = {
    ClassName: _classes,
    SourceName: _sources,
    EntityName: _entities,
    PropertyName: _properties,
    Keyword: _keywords,
    Literal: _literals,
    Parameter: _parameters,
    DotCommand: _dot_commands,
    CommandArg: _command_args,
}
