"""Watch a statement Ctrl-C cancelled that the engine is still answering, and restart the
REPL (:mod:`kg.repl.restart`) when it takes more memory than it may, before the system
runs out and kills the process with the session.

A cancelled statement may grow the process by ``$KG_CANCELLED_MEMORY`` (``500M``, ``2G``,
or bytes), by default half the memory the system had available when it was cancelled.
Memory is read from ``/proc`` (Linux); where there is none, nothing is watched and
``.restart`` is the way to stop the statement.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from kg import worker

__all__ = ["BUDGET", "Watchdog", "parse_size", "resident", "available", "size_text"]

BUDGET = "KG_CANCELLED_MEMORY"  #: the environment variable that sets the allowance
POLL = 0.25  #: seconds between two looks at the memory
#: What Ctrl-C says of a statement that had not stopped when the prompt came back: it
#: "goes on" read as certain, of one that stopped half a second later (hunt70 F4)
_GOES_ON = "the engine may go on answering it in the background; .restart stops it"
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40}


def parse_size(text: str) -> int:
    """Bytes in ``text``: a number with an optional K, M, G or T (powers of 1024).

    >>> parse_size("500M"), parse_size("1.5g"), parse_size("4096")
    (524288000, 1610612736, 4096)

    Raises:
        ValueError: ``text`` is not such a size.
    """
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?)i?B?\s*", text, flags=re.I)
    if found is None or float(found.group(1)) <= 0:
        raise ValueError(f"{text!r} is not a size (e.g. 500M or 2G)")
    size = float(found.group(1)) * _UNITS[found.group(2).upper()]
    if size >= _TOO_LARGE:  # (400 digits: an internal error, OverflowError: hunt106 F3)
        raise ValueError(f"{text[:20]!r}{'…' if len(text) > 20 else ''} is too large a size "
                         f"(at most {_TOO_LARGE >> 40}T)")
    return int(size)


_TOO_LARGE = 1 << 60  #: a size no machine has (1024 P): past it, a typo


def size_text(size: int) -> str:
    """``1.2 GB``, ``350 MB``: a size as people read it."""
    return f"{size / (1 << 30):.1f} GB" if size >= 1 << 30 else f"{size >> 20} MB"


def resident() -> int | None:
    """The memory this process holds (its resident set), or None where it cannot be read."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def available() -> int | None:
    """The memory the system can still give (``MemAvailable``), or None."""
    try:
        text = Path("/proc/meminfo").read_text()
    except OSError:
        return None
    found = re.search(r"^MemAvailable:\s+(\d+) kB", text, flags=re.M)
    return int(found.group(1)) << 10 if found else None


class Watchdog:
    """One watch over the cancelled statements (at most one thread at a time): it calls
    ``exceeded(why)`` once, from its own thread, when the process has grown past its
    allowance while a cancelled statement still runs; it ends when none runs."""

    def __init__(self, exceeded: Callable[[str], None], warn: Callable[[str], None],
                 environ: Mapping[str, str] = os.environ) -> None:
        self.exceeded, self.warn, self.environ = exceeded, warn, environ
        self.limit: int | None = None  #: the process size that ends the session, once watched
        self._thread: threading.Thread | None = None

    def allowance(self) -> int | None:
        """What a cancelled statement may take: ``$KG_CANCELLED_MEMORY``, else half the
        memory available now (None where it cannot be read)."""
        given = self.environ.get("KG_CANCELLED_MEMORY")
        if given:
            try:
                return parse_size(given)
            except ValueError as exc:
                self.warn(f"warning: ${BUDGET}: {exc}; using half the available memory")
        free = available()
        return None if free is None else free // 2

    def watch(self) -> str:
        """Watch from now on (if memory can be read at all); what the user is told."""
        if self._thread is not None and self._thread.is_alive():
            return self._told()
        now, allowed = resident(), self.allowance()
        if now is None or allowed is None:
            self.limit = None
            return _GOES_ON
        self.limit = now + allowed
        self._thread = threading.Thread(target=self._run, name="kg-watchdog", daemon=True)
        self._thread.start()
        return self._told()

    def _told(self) -> str:
        grown = size_text(max(0, (self.limit or 0) - (resident() or 0)))
        return f"{_GOES_ON} (kg restarts by itself if it takes {grown} more)"

    def _run(self) -> None:
        limit = self.limit
        while worker.ABANDONED and limit is not None:
            now = resident()
            if now is not None and now > limit:
                self.exceeded(f"kg: the cancelled statement has taken the process to "
                              f"{size_text(now)} (the limit was {size_text(limit)}); "
                              "restarting to stop it, with the same graph and settings")
                return
            time.sleep(POLL)
