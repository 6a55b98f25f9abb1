"""A write onto a file the same command reads: refused before anything runs, as `cp a a` is
(`kg --data lab.ttl export -o lab.ttl …` replaced the data with a one-row export, exit 0,
and the file left then did not load: hunt83 F1).

An input is named by what it is, for the message (``the saved query being run``), and by its
path, or by an open descriptor (stdin, where the statement came from). Two names are the
same file when they are one path once links are followed (kg writes through a link, and
in a name's place by rename: another hard link keeps the old file); only a regular file
can be lost so (a terminal that is both stdin and stdout is written and read as it should).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.errors import ExportError
from kg.paths import NoHome, history_path, startup_file

__all__ = ["refuse_output", "refuse_own_input", "refuse_repl_files", "graph_inputs",
           "refuse_graph_folder", "refuse_others", "refuse_folder_name"]

Input = tuple[str, "str | Path | int"]


def refuse_output(target: str | Path, inputs: Iterable[Input]) -> None:
    """Every check of an output path, as `kg export -o` and `.export` make them before
    anything runs: not a new file of kg's graph, not the REPL's own files, not one of the
    command's ``inputs`` (each composed the three itself).

    Raises:
        ExportError: naming what the file is.
    """
    refuse_graph_folder(target)
    refuse_repl_files(target)
    refuse_own_input(target, inputs)


def refuse_own_input(target: str | Path, inputs: Iterable[Input]) -> None:
    """Raises: ExportError: ``target`` is a regular file the command reads as one of
    ``inputs`` (exit 4); nothing there, or a path kg cannot look at, is left to the write."""
    found = _real(target)
    if found is None:
        return
    for what, source in inputs:
        if _real(source) == found:
            raise ExportError(f"cannot write {target}: it is {what} (writing would lose it): "
                              "write the output to another file")


def refuse_repl_files(target: str | Path) -> None:
    """Raises: ExportError: ``target`` is the REPL's history or start-up file, there or not
    yet (`kg export -o` wrote over either, and `.export` over one not yet made, which the
    next REPL then read: hunt123 F4)."""
    try:  # (also where HOME is not made yet: it would be read once it is)
        history: Path | None = history_path(made=False)
    except NoHome:
        history = None
    try:
        where = os.path.realpath(target)
    except ValueError:  # a NUL in the name: the write says what is wrong with it
        return
    for what, path in (("the REPL's start-up file", startup_file(made=False)),
                       ("the REPL's history", history)):
        if path is not None and os.path.realpath(path) == where:
            raise ExportError(f"cannot write {target}: it is {what} (writing would lose it): "
                              "write the output to another file")


def graph_inputs(store: object) -> list[Input]:
    """The files a graph was read from: the data loaded on top (``--data``, ``.load``) and
    the embedded graph's own (``$KG_ONTOLOGY``'s); none for a SPARQL endpoint."""
    data = list(getattr(store, "data", []))
    return [*(("a data file the graph is read from", path) for path in data),
            *(("a file of kg's graph", path) for path in getattr(store, "files", [])
              if path not in data)]


def refuse_graph_folder(target: str | Path) -> None:
    """Raises: ExportError: ``target`` is a new file kg would load as part of its embedded
    graph from then on: a TriG file among its facts, a Turtle file beside its schema
    (`-o …/facts/new.trig` added 539 triples to every answer after: hunt106 F8); a file
    there kg reads is refused as an input (:func:`graph_inputs`)."""
    from kg.shipped import read_as_graph

    try:  # (its folder's *.ttl too: hunt108 F5)
        new = read_as_graph(target) and not os.path.exists(target)
    except (OSError, ValueError):  # a NUL in the name: the write says what is wrong with it
        return
    if new:
        raise ExportError(f"cannot write {target}: it would be read as part of kg's graph (its "
                          "folder is where kg reads its facts): write the output elsewhere")


def _real(where: str | Path | int) -> str | None:
    """The path of the regular file ``where`` names, links followed (a descriptor's by what
    it was opened as); None for anything else. A file by another of its hard links is
    another path: kg writes a new file in the name's place (by rename), and the other
    name keeps the old one (hunt84 F4: it was refused as "would lose it")."""
    try:
        path = os.path.realpath(f"/proc/self/fd/{where}" if isinstance(where, int) else where)
        return path if stat.S_ISREG(os.stat(path).st_mode) else None
    except (OSError, ValueError):  # nothing there, a NUL in the name, a pipe's or a closed
        return None  # descriptor


def refuse_others(files: Iterable[Path], ours: Callable[[Path], bool], written: str,
                  other: str, what: str) -> None:
    """Raises: ExportError: one of ``files`` is there and is not one ``ours`` says the
    command wrote before: ``written`` names what it writes, ``other`` another command's
    file of the same name, ``what`` the set of files (`kg docs` and `kg export --tables`
    both write `cuda.md`, and each replaced the other's, unsaid: hunt111 F2)."""
    for path in files:
        if path.is_file() and not ours(path):
            raise ExportError(f"{path} is there and is no {written} wrote ({other}, or a file "
                              f"of yours): kg does not replace it; write the {what} to another "
                              "folder, or move the file away")


def refuse_folder_name(path: str) -> None:
    """Raises: ExportError: ``path``, as given, names a folder whether or not there is one:
    it ends in ``/``, ``/.`` or ``/..`` (a file there was replaced: hunt57 F6; and by
    ``x/.``, which a Path makes ``x``: hunt64 F2)."""
    if path.endswith(("/", os.sep)) or os.path.basename(path) in (".", ".."):
        raise ExportError(f"cannot write {path}: a name ending in / (or /. or /..) names a "
                          "folder; give a file name")
