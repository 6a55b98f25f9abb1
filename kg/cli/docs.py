"""`kg docs DIR`: the documentation site of the page, generated from the graph."""

from __future__ import annotations

import argparse
from typing import TextIO

from kg.cli.registry import command, open_graph
from kg.errors import ExitStatus, UsageError


def _docs_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("directory", metavar="DIR",
                   help="the folder to write the site into (created when missing); "
                        "English in DIR, other languages in DIR/LANG/")


@command("docs", "write the page as a documentation site: index.html and one page per section, "
                 "as HTML and Markdown, every fact citing its source", args=_docs_args,
         examples=("kg docs site", "kg docs site --lang de", "kg docs site-2024 --as-of seed"))
def _docs(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.site import write_site

    if not args.directory.strip():
        raise UsageError("kg docs needs a folder to write into, not an empty name")
    written = write_site(args.directory, open_graph(args))
    pages = sum(1 for p in written if p.suffix == ".html")
    err.write(f"wrote {pages} pages (HTML and Markdown) to {written[0].parent}\n")
    return ExitStatus.OK
