"""Writing the site: the whole site is built in memory, then every file is written to a
temporary file beside its target, and only when all are written is each renamed into place
(:func:`kg.fileio.write_all`), so a run that fails (a broken query, Graphviz missing, a full
disk, Ctrl-C) leaves the old site whole and nothing behind."""

from __future__ import annotations

from pathlib import Path

from kg.fileio import make_folder, write_all
from kg.i18n import DEFAULT_LANG
from kg.session import Graph
from kg.site.build import build_site

__all__ = ["write_site", "site_folder"]


def site_folder(directory: str | Path, lang: str) -> Path:
    """Where the site in ``lang`` goes: ``DIR`` in English, ``DIR/LANG/`` otherwise, so
    one language never overwrites another."""
    return Path(directory) if lang == DEFAULT_LANG else Path(directory) / lang


def write_site(directory: str | Path, graph: Graph) -> list[Path]:
    """Build the site in the graph's language and write it under ``directory`` (created
    when missing). Returns the files written, sorted.

    Raises:
        ExportError: the folder cannot be made or written, or Graphviz is missing.
        KgError: a page's query fails (nothing is written then).
    """
    files = build_site(graph)
    folder = make_folder(site_folder(directory, graph.lang))
    write_all({folder / name: text for name, text in files.items()})
    return [folder / name for name in files]
