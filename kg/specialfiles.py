"""Writing a FIFO or a character device as it is, never replacing it (``/dev/null``, a
terminal, ``-o pipe``), and one of the process's own descriptors (``/dev/stdout``): for
:mod:`kg.fileio`, which writes every other file through a temporary file."""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

from kg.errors import ExportError

__all__ = ["write_fd", "write_special"]


def write_fd(fd: int, payload: bytes) -> None:
    """Write all of ``payload`` to the open descriptor ``fd``."""
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view):]


def write_special(path: Path, payload: bytes, wait: float) -> None:
    """Write to a FIFO or a device as it is; a FIFO that nothing reads within ``wait``
    seconds is an error, not a hang."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError as exc:
            if exc.errno != errno.ENXIO or not stat.S_ISFIFO(os.stat(path).st_mode):
                raise  # (a device with none behind it, /dev/tty without a terminal: hunt57 F8)
            if time.monotonic() > deadline:
                raise ExportError(f"cannot write {path}: it is a FIFO that nothing reads") from None
            time.sleep(0.05)
    try:
        os.set_blocking(fd, True)
        write_fd(fd, payload)
    finally:
        os.close(fd)
