"""Writing the site: the whole site first into a temporary folder beside it, then each file
renamed into place, so a run that fails (a broken query, Graphviz missing, a full disk,
Ctrl-C) leaves the old site whole and nothing behind."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from kg.errors import ExportError
from kg.fileio import make_folder
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
    try:
        staging = Path(tempfile.mkdtemp(prefix=".kg-docs-", dir=folder))
    except OSError as exc:
        raise ExportError(f"cannot write the site to {folder}: {exc.strerror or exc}") from None
    try:
        for name, text in files.items():
            _write(staging / name, text)
        for name in files:
            target = folder / name
            if target.is_dir():
                raise ExportError(f"cannot write {target}: it is a folder")
            os.replace(staging / name, target)
    except OSError as exc:
        raise ExportError(f"cannot write the site to {folder}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / name for name in files]


def _write(path: Path, text: str) -> None:
    with open(path, "wb") as handle:
        handle.write(text.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o644)
