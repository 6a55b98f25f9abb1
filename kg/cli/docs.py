"""`kg docs DIR`: the documentation site of the page, generated from the graph."""

from __future__ import annotations

import argparse
from typing import TextIO

from kg.cli.registry import command, open_graph, tell
from kg.errors import ExitStatus, UsageError


def _docs_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("directory", metavar="DIR",
                   help="the folder to write the site into (created when missing), in "
                        "every language at once, each page linking to its translations: "
                        "English in DIR, German in DIR/de/")


@command("docs", "write the page as a documentation site: index.html and one page per section, "
                 "as HTML and Markdown, every fact citing its source (its diagrams need "
                 "Graphviz's dot program)", args=_docs_args,
         examples=("kg docs site", "kg docs site-2024 --as-of seed"))
def _docs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.output.cells import printable
    from kg.site import write_site

    if not args.directory.strip():
        raise UsageError("kg docs needs a folder to write into, not an empty name")
    written = write_site(args.directory, open_graph(args))
    folders = sorted({p.parent for p in written}, key=lambda f: len(f.parts))
    pages = sum(1 for p in written if p.suffix == ".html" and p.parent == folders[0])
    where = " and ".join(f"{printable(str(f))} ({'en' if f == folders[0] else f.name})"
                         for f in folders)  # (an escape in the name reached the terminal:
    # hunt83 F14)
    tell(err, f"wrote {pages} pages (HTML and Markdown) to {where}")
    return ExitStatus.OK
