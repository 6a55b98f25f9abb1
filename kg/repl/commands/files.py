"""The dot-commands that read or write files: ``.save``, ``.run``, ``.export``, ``.load``,
``.read``.

Saved queries (:mod:`kg.saved`) and the subgraph formats of :mod:`kg.output` are
imported when a command runs, so the REPL starts without them.
"""

from __future__ import annotations

import dataclasses
import shlex
from collections.abc import Sized
from pathlib import Path
from typing import Any

from kg import ast
from kg.datafiles import RDF_SUFFIXES, data_path
from kg.errors import (
    DataError,
    ExitStatus,
    ExportError,
    QueryError,
    SavedQueryError,
    ScriptError,
    UsageError,
)
from kg.fileio import write_atomic
from kg.fileread import Unreadable, named_file, read_regular, resolved
from kg.i18n import DEFAULT_LANG
from kg.limits import MAX_SCRIPT_BYTES
from kg.output import UNWRAPPED, Format, OutputContext, write
from kg.own_inputs import refuse_folder_name
from kg.paths import NoHome, expand_home
from kg.repl.commands.exporting import export_format, refuse_format, refuse_target
from kg.repl.commands.registry import arity, command
from kg.repl.output import show
from kg.repl.runner import present
from kg.repl.state import ReplState, Script
from kg.repl.words import menu
from kg.store import OxigraphStore
from kg.textscan import one_line
from kg.worker import uninterruptible

__all__ = ["saved_names", "export_formats", "script_text"]


def _params_of(text: str) -> list[str]:
    """The parameters the statement uses, as the parser sees them (a regex took `"$a"` in a
    string and `# $a` in a comment for one, and `.save` refused its own file: hunt57 F12)."""
    from kg.parser import parse

    try:
        return list(dict.fromkeys(v.text for v in ast.param_values(parse(text))))
    except QueryError:
        return []


def saved_names(lang: str = "en") -> list[tuple[str, str]]:
    """``(name, what)`` of the saved queries ``.run`` accepts, the user's own and the
    shipped ones (file names only: fast); what each is in ``lang``. A file whose name is no
    saved-query name, or a folder named ``*.kgq``, is none (completion offered `.hidden`,
    `my query` and a folder, which ``.run`` refuses)."""
    from kg.paths import shipped_queries_dir, user_queries_dir
    from kg.saved.folders import listed
    from kg.saved.model import NAME_RE

    found: dict[str, str] = {}
    try:
        folders = [(user_queries_dir(), menu("your saved query", lang))]
    except NoHome:  # none of yours
        folders = []
    for folder, what in (*folders, (shipped_queries_dir(), menu("saved query", lang))):
        for path in listed(folder):
            if NAME_RE.fullmatch(path.stem):
                found.setdefault(path.stem, what)
    return sorted(found.items(), key=lambda item: (item[0].casefold(), item[0]))  # (names in
    # case alone apart: in the order the file system listed them, hunt119 F5)


def export_formats(lang: str = "en") -> list[tuple[str, str]]:
    """``(name, what)`` of the formats ``.export`` writes: every format (what each writes,
    in ``lang``)."""
    return [(f.value, menu(f"{f.reads.value} format", lang)) for f in Format]


@command("save", ".save NAME [--replace]", "save the last statement as NAME (in "
         "$XDG_DATA_HOME/kg/queries), with its parameters; --replace replaces your own query "
         "of that name")
def _save(state: ReplState, args: list[str]) -> None:
    replace = "--replace" in args
    args = [a for a in args if a != "--replace"]
    if len(args) != 1:
        raise UsageError("usage: .save NAME [--replace]")
    _answered(state, ".save saves one", f".save {args[0]}")  # (it saved the one before: hunt50 #3)
    if state.last_text is None:
        raise UsageError("nothing to save yet: run a statement first")
    from kg.paths import shipped_queries_dir
    from kg.saved import save_query

    text, declared, description = _body(state.last_text)
    ran = state.last_params  # the values it ran with (`.run NAME cuda=9.0`): the defaults
    declared = {name: dataclasses.replace(p, default=str(ran[name])) if name in ran else p
                for name, p in declared.items()}
    used: dict[str, Any] = {name: ran[name] for name in _params_of(text)  # with the values it
                            if name in ran and name not in declared}  # ran with (hunt57 F13)
    try:
        path = save_query(args[0], text, {**declared, **used}, description=description,
                          ontology=state.graph.ontology, replace=replace)
    except FileExistsError as exc:  # your own work: never lost without a word
        raise UsageError(f"you saved another query as `{args[0]}` already ({exc.args[0]}): "
                         f"`.save {args[0]} --replace` replaces it") from None
    named = [*declared, *used]
    state.note(f"saved to {path}" + (f" (parameters: {', '.join(named)})" if named else ""))
    if (shipped_queries_dir() / path.name).is_file():
        state.note(f"note: it shadows the shipped query `{args[0]}`: `.run {args[0]}` and "
                  f"`kg run {args[0]}` run yours now (delete {path} to undo)")
    if options := _session_options(state):  # (`kg run` answered 9 where the REPL showed 8,
        state.note(f"note: a saved query keeps no revision, data file, endpoint or language: "  # or
                   f"`kg {options} run {args[0]}` answers as this session does")  # failed
        # on a name of a `.load`ed file, unsaid: hunt120 F2)


def _session_options(state: ReplState) -> str:
    """The options of `kg` that answer as the session does (its revision if not the
    latest, its data files, its endpoint); "" where `kg` alone does."""
    from kg.credentials import shown

    options = state.graph_options()
    if state.lang != DEFAULT_LANG:  # (its names and words: hunt122 F10)
        options += ["--lang", state.lang]
    if state.endpoint:
        options += ["--endpoint", shown(state.endpoint)]
    return shlex.join(options)


def _body(text: str) -> tuple[str, dict[str, Any], str]:
    """The statement to save from the last one that ran: a saved query's (`.run NAME`, and
    a stage typed on) without its header, with the parameters and description it declares
    (saving it again wrote a second `# name:`, "`name` is given twice"); else as it is."""
    from kg.errors import SavedQueryError
    from kg.saved import parse_saved
    from kg.saved.model import split_header

    header, body = split_header(text)
    if not header:
        return text, {}, ""
    try:  # a query named by its file has no `# name:` (its header was saved again: hunt95 #2)
        saved = parse_saved(text, Path("last.kgq"))
    except SavedQueryError:
        return body, {}, ""
    return saved.text, {p.name: p for p in saved.params}, saved.description


@command("run", ".run NAME [NAME=VALUE …]", "run a saved query, with values for its parameters",
         complete=("saved", "param-value"))
def _run(state: ReplState, args: list[str]) -> None:
    from kg.params import parse_params
    from kg.saved import bind, load_saved, run_saved

    if not args:
        names = ", ".join(n for n, _ in saved_names()) or "none yet (.save NAME saves one)"
        raise UsageError(f"usage: .run NAME [NAME=VALUE …]; saved queries: {names}")
    state.failed = f".run {' '.join(args)}"  # until it answers: a .save after a .run refused
    saved = load_saved(args[0], listing=".list")  # here saved the statement before it
    # (present() clears it)
    given = {k: v for k, v in state.params.items() if saved.param(k) is not None}
    given.update(parse_params(args[1:], option=".run", strip=False))  # spaces quoted: as .set
    text = saved.source or saved.text
    bound = bind(saved, given, state.graph.ontology, state.graph.lang)
    graph = state.graph  # the one the statement runs on, even if the session forks
    present(state, text, lambda: run_saved(graph, saved, given), bound)


@command("list", ".list", "the saved queries: name, description, parameters, whose (as kg list)")
def _list(state: ReplState, args: list[str]) -> None:
    from kg.saved import list_saved
    from kg.saved.listing import listed_rows

    arity(args, ".list", 0)
    broken: list[SavedQueryError] = []  # listed after the others, as kg list lists them
    state.last_result = listed_rows(list_saved(broken=broken), lambda: state.graph, broken,
                                    state.note, revisions=".revisions")
    show(state, state.last_result)  # (the table .export writes next)
    for exc in broken:
        state.warn(exc.render())


@command("show", ".show NAME|FILE", "a saved query's file, its header and query, checked as "
         ".run would (as kg show)", complete=("saved",))
def _show(state: ReplState, args: list[str]) -> None:
    from kg.output.cells import printable
    from kg.saved import check_saved, missing_source
    from kg.saved.files import find_saved, read_source, saved_from
    from kg.saved.listing import other_revision

    arity(args, ".show NAME|FILE", 1)
    path, named = find_saved(args[0], listing=".list")
    source = read_source(path)
    state.say(printable(source.rstrip("\n")))  # a broken one too: then it is needed
    saved = saved_from(path, source, named=named)
    if not other_revision(saved, missing_source(saved, state.graph.ontology), state.note,
                          revisions=".revisions"):  # (it said kg revisions: hunt73 R11)
        check_saved(state.graph, saved)


def _is_folder(path: Path) -> bool:
    """Is ``path`` a folder? A name too long to be one (ENAMETOOLONG: Python 3.11's
    ``is_dir`` raises it) is not: writing it says why (an internal error said so)."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _answered(state: ReplState, command: str, then: str) -> None:
    """Refuse ``command`` (".save saves one") on the last statement's result when the last
    one failed: it would take the one before, the user not knowing; ``then``: how to run it
    once the statement is mended."""
    if state.failed is not None:  # (a saved query's: its query, not its header: hunt73 R7)
        query = "\n".join(line for line in (state.last_text or "").splitlines()
                          if not line.lstrip().startswith("#"))
        before = f" (the last one that did: `{one_line(query)}`)" if query.strip() else ""
        raise UsageError(f"the last statement did not answer, and {command} that did{before}: "
                         f"mend it and run it, then {then}")


@command("export", ".export [FMT] FILE", "write the last result (or the facts behind it) to FILE",
         complete=("export", "export-file"))
def _export(state: ReplState, args: list[str]) -> None:
    if len(args) not in (1, 2):
        raise UsageError("usage: .export [FMT] FILE (the format follows the extension "
                         "when not given)")
    if state.last_result is None:
        raise UsageError("nothing to export yet: run a statement first")
    _answered(state, ".export writes the result of one", ".export")  # (it wrote the one before,
    # saying nothing: hunt70 F5)
    if not args[-1].strip():  # it said ". is a folder" (hunt58 F11)
        raise UsageError("usage: .export [FMT] FILE: the file's name is empty")
    to_out = args[-1] == "-"  # stdout, as `kg export -o -` (a file named `-`: hunt58 F11)
    if to_out and len(args) == 1:
        raise UsageError("usage: .export FMT -: give the format to write to stdout")
    if not to_out:  # before the format: `.export out/` said it could not tell out's
        refuse_folder_name(expand_home(args[-1]))  # (hunt141 F3)
    path = Path(expand_home(args[-1]))
    if not to_out and _is_folder(path):
        raise ExportError(f"cannot write {path}: it is a folder (give a file in it)")  # exit
        # 4, as kg export -o FOLDER (it was 2: hunt82 F4)
    fmt = export_format(args, path)
    refuse_format(state, fmt)
    data = write(state.last_result, fmt,  # a file's table: as wide as its cells, as kg's
                 OutputContext(state.graph.context, state.lang, width=UNWRAPPED,
                               title=state.last_text))  # (a diagram's name: hunt77 R6)
    if to_out:
        state.say(data)
        return
    refuse_target(state, path)
    write_atomic(expand_home(args[-1]), data, make_folders=True)  # as `kg export`:
    # missing folders made; `NAME/` a folder, refused (it replaced NAME: hunt59 R3)
    lines = len(data.splitlines())
    state.note(f"wrote {path} ({fmt.value}, {lines} line{'' if lines == 1 else 's'})")


@command("load", ".load FILE",
         "load an RDF file (.ttl, .turtle, .trig, .nt, .nq, .jsonld, or the names kg "
         "export takes: .ntriples, .nquads, .json-ld, …) on top of the graph",
         complete=("file",))
def _load(state: ReplState, args: list[str]) -> None:
    if len(args) != 1:
        raise UsageError("usage: .load FILE")
    before = _size(state)
    path, graph = data_path(expand_home(args[0])), state.graph  # (`x.ttl/`: hunt83 F16)
    if before >= _LARGE and state.watchdog is not None:  # the interactive REPL: it said
        state.note(f"loading {args[0]}: the session reads its {before:,} statements' names "  # nothing
                   "and classes again, which takes a while; it cannot be stopped")  # (hunt109 F3)
    again = uninterruptible(lambda: graph.load(path),  # half loaded, the session torn
                            lambda: state.warn(f"loading {args[0]} cannot be stopped: it "
                                               "ends first"))
    state.loads += 1
    if not again:
        state.data = (*state.data, str(path.absolute()))  # .as-of loads it again (absolute
        # now: a restart after the current folder was removed could not resolve it: hunt58 F12)
    store = state.graph.store  # kg's own statements about the file are not the file's (an
    # empty file was "5 new statements": hunt39 #6)
    added = _size(state) - before - (0 if again or not isinstance(store, OxigraphStore)
                                     else store.described(path))
    said = (f"loaded {args[0]} again: what it says now replaces what it said ({added:+} "
            "statements)" if again else f"loaded {args[0]}: {added} new statement"
            f"{'' if added == 1 else 's'}" + (_NOTHING_NEW if added == 0 else ""))
    state.note(f"{said}, {len(state.graph.ontology.entities)} entities")


_LARGE = 300_000  #: statements past which a `.load` says first that it takes a while


def _size(state: ReplState) -> int:
    """How many statements the session's store holds (0 for a store that cannot say)."""
    store = state.graph.store
    return len(store) if isinstance(store, Sized) else 0


@command("read", ".read FILE", "run the statements and commands in FILE, one after another "
         "(a statement may span lines); Ctrl-C stops the file", complete=("script",))
def _read(state: ReplState, args: list[str]) -> None:
    if len(args) != 1:
        raise UsageError("usage: .read FILE")
    try:
        path = named_file(expand_home(args[0]))  # (`x.kgs/` ran x.kgs: hunt83 F16)
    except Unreadable as exc:
        raise DataError(f".read {args[0]}: {exc}") from None
    if path.suffix.lower() in RDF_SUFFIXES:  # one error per line of it, thousands, before
        raise UsageError(f".read runs a file of KGQ statements; {args[0]} is RDF data: "
                         f".load {shlex.quote(args[0])} loads it")
    text = script_text(path, f".read {args[0]}")
    state.script = Script(args[0], resolved(path), text)  # run by kg.repl.app.handle


def script_text(path: Path, said: str) -> str:
    """The text of a file for ``.read`` or the start-up file (``said``: how an error names
    it, `.read FILE`): a regular file (:func:`~kg.fileread.read_regular`) of UTF-8 text, of
    :data:`~kg.limits.MAX_SCRIPT_BYTES` at most."""
    try:
        data = read_regular(path, MAX_SCRIPT_BYTES)
    except Unreadable as exc:  # a path kg cannot read: exit 4; past the limit, as a saved
        if exc.too_big:  # query's file: 3 (both were 2, a usage error: hunt82 F3)
            raise ScriptError(f"{said}: {exc}", ExitStatus.QUERY) from None
        raise DataError(f"{said}: {exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ScriptError(f"{said}: not UTF-8 text (line {line}, byte {exc.start})",
                          ExitStatus.QUERY) from None


#: What a file that added nothing may be (one of another revision said "the file says
#: nothing": hunt45 #8).
_NOTHING_NEW = (" (the file says nothing, or what the graph holds already, or what is of "
                "another page revision: .as-of)")
