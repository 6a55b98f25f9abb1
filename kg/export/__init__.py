"""Exports: a result, or the subgraph behind it, in a :class:`Format`.

One module per format, each with ``export(result, graph) -> str``, looked up in
:data:`REGISTRY` (``{Format: "module"}``, imported on first use). RDF formats hold the
subgraph behind the result (:mod:`kg.export.subgraph`); ``md`` and ``csv`` the result
itself; ``dot``, ``mermaid``, ``svg`` and ``graphml`` the subgraph as a diagram. Every
export is deterministic, and :func:`write_atomic` never leaves a half-written file.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kg.errors import ExitStatus, ExportError
from kg.result import Result

if TYPE_CHECKING:
    from kg.session import Graph

__all__ = ["Format", "REGISTRY", "UnknownFormat", "export", "write_atomic", "export_tables"]


class UnknownFormat(ExportError):
    """``--format`` names no export format: a usage error (exit 2)."""

    status = ExitStatus.USAGE


class Format(StrEnum):
    """An export format: ``kg export --format``, the REPL's ``.export``."""

    TURTLE = "turtle"  #: the subgraph as Turtle
    NT = "nt"  #: the subgraph as N-Triples, one sorted line per triple
    JSONLD = "jsonld"  #: the subgraph as JSON-LD with kg's prefixes as @context
    MD = "md"  #: the result as a GitHub pipe table (describe: entity sections)
    CSV = "csv"  #: the result as comma-separated values
    DOT = "dot"  #: the subgraph as a Graphviz diagram
    MERMAID = "mermaid"  #: the subgraph as a Mermaid flowchart
    SVG = "svg"  #: the DOT diagram rendered by Graphviz
    GRAPHML = "graphml"  #: the diagram as GraphML (networkx)

    @classmethod
    def parse(cls, text: str) -> Format:
        """The format named ``text`` (any case; ``ttl`` and ``json-ld`` also work).

        >>> Format.parse("TTL")
        <Format.TURTLE: 'turtle'>

        Raises:
            UnknownFormat: no format has that name.
        """
        key = text.strip().lower()
        key = _ALIASES.get(key, key)
        try:
            return cls(key)
        except ValueError:
            names = ", ".join(f.value for f in cls)
            raise UnknownFormat(f"unknown format '{text}'; expected one of: {names}") from None

    @classmethod
    def from_extension(cls, path: str | Path) -> Format:
        """The format a file name's extension implies (``.ttl``, ``.mmd``, ``.gv``, …).

        >>> Format.from_extension("cuda.mmd")
        <Format.MERMAID: 'mermaid'>

        Raises:
            UnknownFormat: the extension implies no format.
        """
        suffix = Path(path).suffix.lower().lstrip(".")
        if not suffix:
            names = ", ".join(f.value for f in cls)
            raise UnknownFormat(f"cannot tell the format from '{path}', which has no extension;"
                                f" give --format: one of {names}")
        return cls.parse(suffix)

    @property
    def is_rdf(self) -> bool:
        return self in (Format.TURTLE, Format.NT, Format.JSONLD)


_ALIASES = {"ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "json-ld": "jsonld",
            "markdown": "md", "mmd": "mermaid", "gv": "dot"}

#: Each format's module under ``kg.export``; it defines ``export(result, graph) -> str``.
REGISTRY: dict[Format, str] = {
    Format.TURTLE: "turtle",
    Format.NT: "ntriples",
    Format.JSONLD: "jsonld",
    Format.MD: "markdown",
    Format.CSV: "delimited",
    Format.DOT: "dot",
    Format.MERMAID: "mermaid",
    Format.SVG: "svg",
    Format.GRAPHML: "graphml",
}


class Exporter(Protocol):
    def __call__(self, result: Result, graph: Graph) -> str: ...


def exporter(fmt: Format) -> Exporter:
    """The ``export`` function of ``fmt``'s module."""
    module = importlib.import_module(f"kg.export.{REGISTRY[fmt]}")
    fn: Exporter = module.export
    return fn


def export(result_or_query: Result | str, fmt: Format | str, graph: Graph,
           params: dict[str, str] | None = None) -> str | bytes:
    """Export a result, or the result of a KGQ statement, in ``fmt``.

    Args:
        result_or_query: a :class:`~kg.result.Result`, or KGQ text to run first.
        fmt: a :class:`Format` or its name.
        graph: the session whose store holds the facts (its ``lang`` labels diagrams).
        params: ``$name`` values when ``result_or_query`` is text.

    Returns:
        The exported text.

    Raises:
        UnknownFormat: ``fmt`` names no format.
        QueryError: the query text is wrong.
        ExportError: the export cannot be produced (SVG without Graphviz).
    """
    fmt = fmt if isinstance(fmt, Format) else Format.parse(fmt)
    result = graph.query(result_or_query, params) if isinstance(result_or_query, str) \
        else result_or_query
    return exporter(fmt)(result, graph)


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    An interrupted write leaves the old file whole; on any error nothing is left behind.

    Raises:
        ExportError: the folder is missing, the path is a folder, or it cannot be written.
    """
    target = Path(path)
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"cannot write {target}: the folder {folder} does not exist")
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise


def _mode(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (0666 - umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it (``os.umask`` would, for a moment)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022


def export_tables(directory: str | Path, graph: Graph, *, lang: str | None = None) -> list[Path]:
    """Write every page table as Markdown into ``directory``; see :mod:`kg.export.tables`."""
    from kg.export.tables import export_tables as _export_tables

    return _export_tables(Path(directory), graph, lang=lang)
