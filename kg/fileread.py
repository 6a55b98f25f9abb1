"""Reading a file kg is given (a ``--data`` file, a ``.read`` script) once, whole and
bounded: a FIFO or a device is refused, not read forever (writing is :mod:`kg.fileio`'s)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["read_regular", "Unreadable", "resolved", "named_file", "what_is", "in_the_way"]


class Unreadable(Exception):
    """Why :func:`read_regular` cannot read a file (the message names no path: the caller
    says which file, and what it was for); ``too_big``: it is larger than the limit."""

    def __init__(self, message: str, *, too_big: bool = False) -> None:
        super().__init__(message)
        self.too_big = too_big


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes, opened once and
    checked as opened: a FIFO or a device (``/dev/zero``) would block or never end, also
    one put in the file's place after a separate check; a file growing past ``limit``
    while read is read no further.

    Raises:
        Unreadable: no such file, not a regular file, larger than ``limit``, or what the
            system said.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise Unreadable("no such file" if exc.errno == errno.ENOENT
                         else exc.strerror or str(exc)) from None
    except ValueError:  # a NUL in the path: no file has such a name
        raise Unreadable("no such file (a NUL character in its name)") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("not a regular file")
        if info.st_size > limit:
            raise Unreadable(f"larger than {limit:,} bytes", too_big=True)
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise Unreadable(exc.strerror or str(exc)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Unreadable(f"larger than {limit:,} bytes", too_big=True)
    return data


def resolved(path: Path) -> Path:
    """``path`` made absolute, its symbolic links followed as far as they go: Python 3.11's
    ``Path.resolve`` raises RuntimeError on a link that loops (an internal error of every
    command: hunt83 F2), while reading the file then says why."""
    return Path(os.path.realpath(path))


def named_file(name: str | Path) -> Path:
    """The file a user named ``name``; a name that ends in ``/`` (or ``/.``) after what is
    no folder is refused, as ``cat`` refuses it (``Path`` drops the slash: `--data
    clean.ttl/` read clean.ttl, while every write refuses such a name: hunt83 F16).

    Raises:
        Unreadable: "not a folder".
    """
    if isinstance(name, str) and name.endswith(("/", "/.")):
        try:
            os.stat(name)
        except NotADirectoryError:
            raise Unreadable("not a folder (a name ending in / names one)") from None
        except (OSError, ValueError):
            pass  # nothing there, or what reading it says
    return Path(name)


def what_is(path: str | Path) -> str:
    """What is at ``path``, in words, where kg looked for a file or a folder: "a file", "a
    folder", "a FIFO", "a device", "a socket", "a symbolic link that loops", "a link to
    nothing" or "no such file" (a FIFO or a loop where kg.ttl should be was "has no kg.ttl",
    a loop "a link to nothing": hunt83 F15)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "a link to nothing" if os.path.lexists(path) else "no such file"
    except OSError as exc:
        return "a symbolic link that loops" if exc.errno == errno.ELOOP else exc.strerror or str(exc)
    except ValueError:
        return "no such file (a NUL character in its name)"
    kinds = ((stat.S_ISREG, "a file"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"),
             (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
    return next((what for test, what in kinds if test(mode)), "not a regular file")


def in_the_way(folder: Path) -> str:
    """What stands where ``folder`` or one of its parents should be, for a folder that
    cannot be made: a file, a link to nothing or one that loops (each was "a file of that
    name exists": hunt83 F15)."""
    for path in (*reversed(folder.parents), folder):
        if os.path.lexists(path) and not os.path.isdir(path):
            what = what_is(path)
            if path != folder:
                return f"{path} is {what}"
            return "a file of that name exists" if what == "a file" else f"it is {what}"
    return "a file of that name exists"
