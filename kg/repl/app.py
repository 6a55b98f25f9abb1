"""Placeholder REPL (the full one is built in kg.repl): read a statement, print its result."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from kg.errors import KgError


def run_repl(data: Sequence[str] = (), lang: str = "en", fmt: str = "table") -> int:
    from kg import render
    from kg.session import Graph

    graph = Graph.open(data, lang=lang)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            print(render(graph.query(line), fmt), end="")
        except KgError as exc:
            print(exc.render(), file=sys.stderr)
    return 0
