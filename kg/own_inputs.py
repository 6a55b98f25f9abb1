"""A write onto a file the same command reads: refused before anything runs, as `cp a a` is
(`kg --data lab.ttl export -o lab.ttl …` replaced the data with a one-row export, exit 0,
and the file left then did not load: hunt83 F1).

An input is named by what it is, for the message (``the saved query being run``), and by its path, or by
an open descriptor (stdin, where the statement came from). Two names are the same file when
they are one inode of one device, following links; only a regular file can be lost so (a
terminal that is both stdin and stdout is one device, written and read as it should be).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from kg.errors import ExportError

__all__ = ["refuse_own_input", "graph_inputs"]

Input = tuple[str, "str | Path | int"]


def refuse_own_input(target: str | Path, inputs: Iterable[Input]) -> None:
    """Raises: ExportError: ``target`` is a regular file the command reads as one of
    ``inputs`` (exit 4); nothing there, or a path kg cannot look at, is left to the write."""
    found = _stat(target)
    if found is None or not stat.S_ISREG(found.st_mode):
        return
    for what, source in inputs:
        other = _stat(source)
        if other is not None and (other.st_dev, other.st_ino) == (found.st_dev, found.st_ino):
            raise ExportError(f"cannot write {target}: it is {what} (writing would lose it): "
                              "write the output to another file")


def graph_inputs(store: object) -> list[Input]:
    """The files a graph was read from: the data loaded on top (``--data``, ``.load``) and
    the embedded graph's own (``$KG_ONTOLOGY``'s); none for a SPARQL endpoint."""
    data = list(getattr(store, "data", []))
    return [*(("a data file the graph is read from", path) for path in data),
            *(("a file of kg's graph", path) for path in getattr(store, "files", [])
              if path not in data)]


def _stat(where: str | Path | int) -> os.stat_result | None:
    try:
        return os.fstat(where) if isinstance(where, int) else os.stat(where)
    except (OSError, ValueError):  # nothing there, a NUL in the name, a closed descriptor
        return None
