"""Persistent history in the XDG state folder; trouble with the file is only a warning.

The history lives in ``$XDG_STATE_HOME/kg/history`` (by default
``~/.local/state/kg/history``), made readable by its user alone. A file that cannot
be read or written costs the session its memory across runs, nothing else: the REPL warns once and keeps the
history in memory (one it may read but not write to is read). A device (/dev/null) is
written to and read as nothing. So does a home folder that cannot be found (``HOME`` unset and
no password entry). A text longer than a statement may be is not written, nor read back.
"""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from prompt_toolkit.history import FileHistory, History, InMemoryHistory

from kg.limits import MAX_QUERY_CHARS
from kg.paths import history_path

__all__ = ["open_history", "HISTORY_KEPT"]


#: How many of the history file's entries, the newest, a session recalls and suggests from
HISTORY_KEPT = 10_000


class _SafeFileHistory(FileHistory):
    """A FileHistory that warns (once) instead of failing when the file goes bad."""

    def __init__(self, path: Path, warn: Callable[[str], None], *, read_only: bool = False) -> None:
        super().__init__(str(path))
        self._warn = warn
        self._broken = read_only  #: (said by the caller) the file is read, nothing stored

    def load_history_strings(self) -> Iterable[str]:
        try:
            if stat.S_ISCHR(os.stat(self.filename).st_mode):  # /dev/null: nothing to read;
                return []  # /dev/zero, /dev/full: a read without end (hunt70 F1: 9.6 GB)
            recent = (text for text in super().load_history_strings()  # none kg wrote: one
                      if len(text) <= MAX_QUERY_CHARS)  # of 50 MB, recalled, froze it (hunt83 F20)
            return list(itertools.islice(recent, HISTORY_KEPT))  # the newest, as psql's
            # HISTSIZE (the grey suggestion read all of them on each key: 35 ms a key at
            # 100,000 entries, hunt125 F8; the file keeps every one)
        except (OSError, ValueError, MemoryError) as exc:
            self._fail(f"cannot read the history file {self.filename!s}: "
                       f"{getattr(exc, 'strerror', None) or exc or 'too big'}")
            return []

    def store_string(self, string: str) -> None:
        if self._broken or len(string) > MAX_QUERY_CHARS:
            return
        try:
            super().store_string(string)
        except OSError as exc:
            self._fail(f"cannot write the history file {self.filename!s}: {exc.strerror or exc}")

    def _fail(self, message: str) -> None:
        if not self._broken:
            self._broken = True
            self._warn(f"warning: {message}; history is kept in memory for this session")


def _may_hold_history(mode: int) -> bool:
    """A regular file, or a device such as /dev/null (the way to keep no history)."""
    return stat.S_ISREG(mode) or stat.S_ISCHR(mode)


def open_history(path: Path | None, warn: Callable[[str], None]) -> History:
    """The history at ``path`` (default: :func:`history_path`), or an in-memory one.

    The file is tried before the session starts: a folder in its place, or a file
    that cannot be read or appended to, gives a warning and an in-memory history.
    """
    try:
        path = path or history_path()
    except RuntimeError as exc:  # no home (kg.paths.NoHome)
        warn(f"warning: no history file ({exc}); history is kept in memory for this session")
        return InMemoryHistory()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # the user's alone, as readline's, psql's and sqlite3's: it holds `.set` values and
        # paths (made so, not narrowed after: a file made by the user stays as they made it)
        if path.exists() and not _may_hold_history(path.stat().st_mode):  # a FIFO: the
            raise OSError(0, "not a regular file")  # REPL waited for a reader (hunt50 #7)
        unwritable = None
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK, 0o600))
        except OSError as exc:  # read all the same, as bash and psql read one they cannot
            if not path.exists():  # add to (hunt70 F6: its history was lost to the session)
                raise
            unwritable = exc
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        warn(f"warning: cannot use the history file {path}: {reason}; "
             "history is kept in memory for this session")
        return InMemoryHistory()
    if unwritable is not None:
        warn(f"warning: cannot write the history file {path}: "
             f"{unwritable.strerror or unwritable}; this session's history is kept in memory")
        return _SafeFileHistory(path, warn, read_only=True)
    return _SafeFileHistory(path, warn)
