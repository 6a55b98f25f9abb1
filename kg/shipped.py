"""The files of the graph kg ships (``ontology/``, or the folder ``$KG_ONTOLOGY`` names):
which they are, checked to be kg's graph, and the store of them alone (:mod:`kg.store`
loads them under the data files)."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from fnmatch import fnmatchcase
from pathlib import Path

import pyoxigraph as ox

from kg.datafiles import RDF_FORMATS, read_data, unreadable
from kg.errors import DataError
from kg.fileread import resolved, what_is
from kg.paths import ontology_dir

__all__ = ["SCHEMA_FILES", "shipped_files", "page_store", "read_as_graph"]

SCHEMA_FILES = ("kg.ttl", "cardinality.ttl", "compat.ttl")  #: and facts/*.trig (validate: shapes.ttl)
#: The files of its folder kg reads as its graph, each a subfolder and a pattern (but
#: shapes.ttl, which `kg validate` reads)
GRAPH_FILES = (("", "*.ttl"), ("facts", "*.trig"))
_SHAPES = "shapes.ttl"
_SAID = re.compile(rb"^[ \t]*[^#\s]", re.M)  #: a line neither blank nor a comment (hunt77 R12)


def shipped_files(root: Path | None = None) -> list[Path]:
    """The schema and fact files of the embedded graph, in a stable order."""
    root = root or ontology_dir()
    hint = " (set by $KG_ONTOLOGY)" if os.environ.get("KG_ONTOLOGY") else ""
    if not root.is_dir():
        hint = hint or " (kg is installed without its data: reinstall it from a wheel or sdist)"
        what = what_is(root)  # (a link that loops was "not found": hunt83 F15)
        said = "not found" if what == "no such file" else "is no folder" + (
            "" if what == "a file" else f" ({what})")
        raise DataError(f"ontology folder {said}: {root}{hint}")
    for folder in (root, root / "facts"):  # unreadable, it seemed to hold nothing
        if folder.is_dir() and not os.access(folder, os.R_OK | os.X_OK):
            raise DataError(f"{folder}{hint}: cannot read the folder: Permission denied")
    schema, facts = (sorted((root / folder).glob(pattern)) for folder, pattern in GRAPH_FILES)
    lacking = next((n for n in SCHEMA_FILES if not (root / n).is_file()), "" if facts else "facts/*.trig")
    if lacking:  # a graph of nothing, or of no fact; without cardinality.ttl every column was
        name = lacking.removesuffix("/*.trig")  # an array, and `validate` blamed the facts
        what, wanted = what_is(root / name), "a folder" if name == "facts" else "a file"
        said = (f" has no {lacking}" if what in ("no such file", wanted)  # (a FIFO or a loop
                else f": its {name} is {what}, not {wanted}")  # was "has no kg.ttl": hunt83 F15)
        raise DataError(f"ontology folder {root}{hint}{said}: it is not kg's graph (kg reads "
                        f"{', '.join(SCHEMA_FILES)} and facts/*.trig)")
    if not _SAID.search((root / "kg.ttl").read_bytes()):
        raise DataError(f"{root / 'kg.ttl'}{hint}: the schema is empty: it is not kg's graph")
    return [p for p in schema if p.name != _SHAPES] + facts


def read_as_graph(path: str | Path, root: Path | None = None) -> bool:
    """Would :func:`shipped_files` read a file at ``path`` (links followed) as part of the
    graph, were one there?"""
    real = Path(os.path.realpath(path))
    root = root or ontology_dir()
    return real.name != _SHAPES and any(
        str(real.parent) == os.path.realpath(root / folder) and fnmatchcase(real.name, pattern)
        for folder, pattern in GRAPH_FILES)


def page_store(root: Path | None = None, files: Sequence[Path] | None = None) -> ox.Store:
    """A store of the shipped files alone (``files``, where :func:`shipped_files` gave them
    already): the page, every revision's sources (what a data file is checked against,
    :mod:`kg.guard`, before the page joins it)."""
    page = ox.Store()
    for path in shipped_files(root) if files is None else files:
        try:  # read as kg.store reads them without --data (with it, a FIFO among the facts
            # hung kg, a malformed file was an internal error: hunt83)
            page.load(read_data(path), format=RDF_FORMATS[path.suffix],
                      base_iri=resolved(path).as_uri())
        except (SyntaxError, ValueError, OSError, MemoryError) as exc:
            raise unreadable(path, exc) from None
    return page
