"""The settings and memory of one REPL session, in one dataclass."""

from __future__ import annotations

import io
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import NamedTuple, TextIO

from kg.errors import fitted
from kg.fileread import resolved
from kg.output import UNWRAPPED
from kg.output import Format as OutputFormat
from kg.paths import no_color
from kg.records import record
from kg.repl.pager import pager_command
from kg.repl.watchdog import Watchdog
from kg.result import Result
from kg.revisions import Revision
from kg.saved.model import split_header  # (the saved queries' own header rule)
from kg.session import Graph

__all__ = ["ReplState", "Script", "PROMPT", "CONTINUATION", "PAGED_ROWS", "EXPANDED", "no_color",
           "OutputLost", "Guarded"]

PROMPT = "kg> "  #: the prompt; errors indent their source line by its width
CONTINUATION = "..> "  #: the prompt of a statement's further lines (right-aligned)
PAGED_ROWS = 1000  #: table rows shown through the pager before "… N more" (``.rows auto``)
EXPANDED = ("auto", "on", "off")  #: the ``.x`` settings


class Script(NamedTuple):
    """A file of statements ``.read`` runs: as typed, its real path, its text."""

    name: str
    path: Path
    text: str


class OutputLost(Exception):  # noqa: N818 - what happened, not a kind of error
    """Writing the results failed (a closed pipe, a full disk, stdout closed): a script
    has nowhere to write the rest, so it ends (:func:`kg.repl.app.run_script`)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class Guarded(io.TextIOBase):
    """A script's output: ``stream``, whose failed writes raise :class:`OutputLost`, not
    one error per statement that goes on (``stream`` None: stdout was closed, ``>&-``)."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        try:
            if self.stream is None:
                raise OSError(9, "the stream is closed")
            return self.stream.write(text)
        except OSError as exc:
            raise OutputLost(exc) from None

    def flush(self) -> None:
        try:
            if self.stream is not None:
                self.stream.flush()
        except OSError as exc:
            raise OutputLost(exc) from None

    def isatty(self) -> bool:
        return bool(self.stream is not None and self.stream.isatty())

    def fileno(self) -> int:
        if self.stream is None:
            raise OSError(9, "the stream is closed")
        return self.stream.fileno()


@record(frozen=False)
class ReplState:
    """What the commands change and the loop reads: graph, format, switches, parameters."""

    graph: Graph
    fmt: OutputFormat = OutputFormat.TABLE  #: how results are printed (``.format``)
    explain: bool = False  #: print the compiled SPARQL before each result (``.explain``)
    timing: bool = False  #: print how long each statement took (``.timing``)
    max_rows: int | None = None  #: table rows shown before "… N more"; None = auto
    expanded: str = "auto"  #: one field per line: "on", "off", "auto" (when a table won't fit)
    pager: bool = True  #: long output goes through $PAGER on a terminal (``.pager``)
    vi: bool = False  #: vi's editing keys at the prompt, not Emacs's (``.vi``)
    quiet: bool = False  #: what commands did goes unsaid (the start-up file's settings)
    no_rc: bool = False  #: the start-up file was not read (``kg repl --no-rc``)
    params: dict[str, str] = field(default_factory=dict)  #: ``$name`` values (``.set``)
    last_text: str | None = None  #: the last statement that ran (for ``.save``)
    #: the parameter values it ran with (a line starting with `|` goes on with them)
    last_params: dict[str, object] = field(default_factory=dict)
    #: the parameters ``.set`` or ``.unset`` since: a `|` line takes their values now
    set_since: set[str] = field(default_factory=set)
    #: its result, or the table of a later ``.diff`` or ``.revisions`` (for ``.export``)
    last_result: Result | None = None
    #: what the graph was when it answered (:meth:`basis`)
    last_basis: tuple[object, ...] = ()
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    color: bool = False  #: ANSI styling of results (off under NO_COLOR or when not a terminal)
    size: Callable[[], os.terminal_size] = shutil.get_terminal_size
    done: bool = False  #: set by ``.quit``
    typed: str = ""  #: what the next prompt starts with (a restart's half-typed line)
    running: str | None = None  #: the statement being answered (a restart stops it)
    failed: str | None = None  #: the last statement, where it failed or was cancelled
    data: tuple[str, ...] = ()  #: the RDF files loaded on top of the graph (``--data``, ``.load``)
    loads: int = 0  #: the ``.load``s so far (one of a file loaded before reads it again)
    endpoint: str | None = None  #: the SPARQL endpoint statements run on, if any
    reading: tuple[Path, ...] = ()  #: the files ``.read`` is running, outermost first
    script: Script | None = None  #: a file ``.read`` asked to run, for the loop to run
    #: watches a cancelled statement's memory (the interactive REPL's; None in a script)
    watchdog: Watchdog | None = None

    @property
    def lang(self) -> str:
        return self.graph.lang

    def basis(self) -> tuple[object, ...]:
        """What the graph's facts are now: its revision, its data files and how many
        `.load`s read them (a file loaded again may say other things); `.lang` changes none,
        nor `.as-of` of the revision it answers as of already (hunt122 F6)."""
        return self.graph.store.revision, self.data, self.loads

    def width(self) -> int:
        """The terminal's width (what tables and cards fit into)."""
        return max(20, self.size().columns)

    def table_width(self) -> int:
        """What results fit into: the terminal's width; to a file or a pipe (`kg repl <
        script > out`), as wide as their cells, as `kg query` writes them (they were cut
        at 80 columns: hunt54 F3)."""
        return self.width() if self._to_terminal() else UNWRAPPED

    def row_limit(self) -> int:
        """How many table rows to print before cutting off with "… N more rows": the
        ``.rows`` setting, else :data:`PAGED_ROWS` when a pager shows them, else a
        screenful; to a file or a pipe, every row."""
        if self.max_rows is not None:
            return self.max_rows
        if self.paging():
            return PAGED_ROWS
        return max(10, self.size().lines - 6) if self._to_terminal() else UNWRAPPED

    def _to_terminal(self) -> bool:
        isatty = getattr(self.out, "isatty", None)
        return bool(isatty and isatty())

    def paging(self) -> bool:
        """Does long output go through the pager (paging on, the output a terminal, and a
        pager to run: with none, `TERM=dumb` or a `$PAGER` that is no command line, a table
        printed its 1,000 rows at once, hunt78 F1)?"""
        return self.pager_wanted() and bool(pager_command())

    def pager_wanted(self) -> bool:
        """Is paging on, and the output a terminal (whether or not a pager can run)?"""
        return self.pager and self._to_terminal()

    def continued_params(self) -> dict[str, object]:
        """The parameter values a line starting with `|` runs with: those the last statement
        ran with, less any ``.set`` or ``.unset`` since (whose value now is ``params``')."""
        return {k: v for k, v in self.last_params.items() if k not in self.set_since}

    def continued(self, text: str) -> str | None:
        """The statement a line starting with ``|`` makes with the last one that ran (the
        line as it is: a completion reads it to its cursor); None for any other line, or
        where none ran."""
        if not text.lstrip().startswith("|") or self.last_text is None:
            return None
        body = split_header(self.last_text)[1].rstrip()
        stages = [line for line in body.splitlines() if line.lstrip().startswith("|")]
        indent = stages[-1][: len(stages[-1]) - len(stages[-1].lstrip())] if stages else ""
        return f"{body}\n{indent}{text}"  # under the stages before it (it was at column 0)

    def older_revision(self) -> Revision | None:
        """The page revision the session answers as of, where it is not the latest."""
        revision, revisions = self.graph.store.revision, self.graph.store.revisions
        return revision if revision is not None and revisions and revision != revisions[-1] \
            else None

    def graph_options(self) -> list[str]:
        """The global options of `kg` that open the session's graph again: its revision, where
        not the latest, and its data files (the language and the endpoint are the caller's:
        a restart passes the endpoint unseen, `.save`'s note shows it)."""
        older = self.older_revision()
        line = ["--as-of", older.date.isoformat()] if older else []
        for path in self.data:
            line += ["--data", str(resolved(Path(path)))]  # (a loop: hunt83 F2)
        return line

    def prompt(self) -> str:
        """``kg> ``, or ``kg 2024-01-23> `` when answering as of an older page revision."""
        older = self.older_revision()
        return f"kg {older.date.isoformat()}> " if older else PROMPT

    def say(self, text: str) -> None:
        """Write a line (or lines) of output."""
        self.out.write(text.rstrip("\n") + "\n")
        self.out.flush()

    def note(self, text: str) -> None:
        """Write what a command did (``format: csv``, ``saved to …``): with the results on a
        terminal; on the error stream when the output is a file or a pipe, so a script's
        data stays data (`kg repl < script > out.csv`)."""
        if self.quiet:
            return
        if self._to_terminal():  # wrapped between words (hunt58 F9: `50 n` / `ew statements`),
            from kg.output.cells import printable  # a file name's escapes shown (hunt129 F7)

            self.say(fitted(printable(text), self.width()))
        else:
            self.warn(text)

    def warn(self, text: str) -> None:
        """Write a warning or an error to the error stream; one that cannot be written
        (stderr closed or full) is lost, not the results after it. What it quotes is shown
        as :func:`~kg.output.cells.printable` shows it (a file name's byte that is no UTF-8
        as `\\xe4`, hunt51 #12)."""
        from kg.output.cells import printable

        isatty = getattr(self.err, "isatty", None)
        if isatty is not None and isatty():  # wrapped between words (a source line and its
            text = fitted(text, self.width())  # carets stay whole: hunt58 F9)
        try:
            self.err.write(printable(text.rstrip("\n")) + "\n")
            self.err.flush()
        except (OSError, ValueError):
            pass

    @staticmethod
    def wants_color(stream: TextIO) -> bool:
        """Color for a terminal, unless NO_COLOR is set (https://no-color.org)."""
        isatty = getattr(stream, "isatty", None)
        return bool(isatty and isatty()) and not no_color()
