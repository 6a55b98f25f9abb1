"""The settings and memory of one REPL session, in one dataclass."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from kg.output import Format as OutputFormat
from kg.result import Result
from kg.session import Graph

__all__ = ["ReplState", "PROMPT", "CONTINUATION", "no_color"]

PROMPT = "kg> "  #: the prompt; errors indent their source line by its width
CONTINUATION = "..> "  #: the prompt of a statement's further lines (same width)


def no_color() -> bool:
    """NO_COLOR set to anything but the empty string (https://no-color.org)."""
    return bool(os.environ.get("NO_COLOR"))


@dataclass
class ReplState:
    """What the commands change and the loop reads: graph, format, switches, parameters."""

    graph: Graph
    fmt: OutputFormat = OutputFormat.TABLE  #: how results are printed (``.format``)
    explain: bool = False  #: print the compiled SPARQL before each result (``.explain``)
    timing: bool = False  #: print how long each statement took (``.timing``)
    max_rows: int | None = None  #: table rows shown before "… N more"; None = fit the screen
    params: dict[str, str] = field(default_factory=dict)  #: ``$name`` values (``.set``)
    last_text: str | None = None  #: the last statement that ran (for ``.save``)
    last_result: Result | None = None  #: its result (for ``.export``)
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    color: bool = False  #: ANSI styling of results (off under NO_COLOR or when not a terminal)
    size: Callable[[], os.terminal_size] = shutil.get_terminal_size
    done: bool = False  #: set by ``.quit``

    @property
    def lang(self) -> str:
        return self.graph.lang

    def width(self) -> int:
        """The terminal's width (what tables and cards fit into)."""
        return max(20, self.size().columns)

    def row_limit(self) -> int:
        """How many table rows to print before cutting off with "… N more rows"."""
        if self.max_rows is not None:
            return self.max_rows
        return max(10, self.size().lines - 6)

    def say(self, text: str) -> None:
        """Write a line (or lines) of output."""
        self.out.write(text.rstrip("\n") + "\n")
        self.out.flush()

    def warn(self, text: str) -> None:
        """Write a warning or an error to the error stream."""
        self.err.write(text.rstrip("\n") + "\n")
        self.err.flush()

    @staticmethod
    def wants_color(stream: TextIO) -> bool:
        """Color for a terminal, unless NO_COLOR is set (https://no-color.org)."""
        isatty = getattr(stream, "isatty", None)
        return bool(isatty and isatty()) and not no_color()
