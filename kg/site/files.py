"""Writing the site: the whole site is built in memory, then every file is written to a
temporary file beside its target, and only when all are written is each renamed into place
(:func:`kg.fileio.write_all`), so a run that fails (a broken query, Graphviz missing, a full
disk, Ctrl-C) leaves the old site whole and nothing behind, not even a folder it made."""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import ExportError
from kg.fileio import write_all
from kg.i18n import DEFAULT_LANG, LANGUAGES
from kg.links import refuse_links_out
from kg.output.html import escape
from kg.output.markdown import literal as md_escape
from kg.own_inputs import refuse_others
from kg.session import Graph
from kg.site.build import build_site
from kg.site.pages import WORDS

__all__ = ["write_site", "site_folder"]


def site_folder(directory: str | Path, lang: str) -> Path:
    """Where the site in ``lang`` goes: ``DIR`` in English, ``DIR/LANG/`` otherwise, so
    one language never overwrites another."""
    return Path(directory) if lang == DEFAULT_LANG else Path(directory) / lang


def write_site(directory: str | Path, graph: Graph) -> list[Path]:
    """Build the site in every language kg speaks, each page linking to itself in the
    others, and write it under ``directory`` (created when missing): English in it, the
    others in ``LANG/`` (:func:`site_folder`). Returns the files written, sorted, the
    graph's own language first.

    Raises:
        ExportError: the folder cannot be made or written.
        ExecutionError: Graphviz is missing (exit 5).
        KgError: a page's query fails (nothing is written then).
    """
    order = [graph.lang, *(lang for lang in LANGUAGES if lang != graph.lang)]
    _distinct([site_folder(directory, lang) for lang in order])
    files: dict[Path, str] = {}
    for lang in order:  # all built before any is written: every file or none
        folder = site_folder(directory, lang)
        site = build_site(graph if lang == graph.lang else graph.fork(lang))
        files.update({folder / name: text for name, text in site.items()})
    refuse_links_out(files, directory)  # no page outside DIR, nor through a dangling link (hunt129 F3)
    refuse_others(files, _a_site_page, "page `kg docs`", "a table of `kg export --tables`",
                  "site")
    write_all(files, folders=[site_folder(directory, lang) for lang in order])
    return list(files)


def _a_site_page(path: Path) -> bool:
    """Does ``path`` end as a page of the site ends, its footer in any language?"""
    try:
        with path.open("rb") as f:
            f.seek(max(0, f.seek(0, os.SEEK_END) - 4096))
            tail = f.read().decode("utf-8", errors="replace")
    except OSError:  # one kg may not read is not known to be one: not replaced, as the
        return False  # tables' (hunt122 F3)
    return any(escape(text) in tail or md_escape(text) in tail
               for text in WORDS["generated"].values())


def _distinct(folders: list[Path]) -> None:
    """Raises: ExportError: two languages' folders are one (``DIR/de`` a link to ``DIR``):
    one language's pages would replace the other's (the German site took the English one's
    place, exit 0: hunt83 F17)."""
    seen: dict[str, Path] = {}
    for folder in folders:
        try:
            real = os.path.realpath(folder)
        except ValueError:  # a NUL in the name: the write refuses it, saying so
            return
        if real in seen:
            raise ExportError(f"cannot write the site: {folder} is the folder {seen[real]} "
                              "(through a link), so one language's pages would replace "
                              "the other's: remove the link, or write the site elsewhere")
        seen[real] = folder
