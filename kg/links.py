"""Symbolic links kg writes through, followed only where the kernel would let a writer follow
them (hunt129 F3).

kg writes through a link by resolving it itself and renaming a new file over the file it
leads to, so the kernel's ``fs.protected_symlinks``, which guards an ``open()``, never saw
it: another user's link in ``/tmp`` had `kg export -o /tmp/x.html` replace any file the
writer may write. Two rules stand in for it:

* a link in a sticky folder everyone may write (``/tmp``) is followed only when it is the
  writer's own or the folder owner's, as ``fs.protected_symlinks`` allows (:func:`follow`);
* the files of a folder kg fills (`kg docs DIR`, `kg export --tables DIR`) stay in it: a
  link there that leads out of ``DIR``, or to nothing, is refused (:func:`refuse_links_out`);
  a shared folder's planted link made a file outside it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from kg.errors import ExportError

__all__ = ["follow", "refuse_links_out"]

_SHARED = stat.S_ISVTX | stat.S_IWOTH  #: a sticky folder everyone may write: /tmp
_MAX_HOPS = 40  #: the links the kernel follows in one path (ELOOP beyond)


def follow(path: Path) -> Path:
    """The file the symbolic link ``path`` leads to, each link on the way checked.

    Raises:
        ExportError: a link on the way is another user's in a sticky folder everyone may
            write, and neither the writer's nor the folder owner's.
    """
    link = path
    for _ in range(_MAX_HOPS):
        if not link.is_symlink():
            break
        _refuse_planted(link)
        try:
            link = Path(link.parent, os.readlink(link))
        except OSError:  # gone meanwhile: the write says what it finds
            break
    return Path(os.path.realpath(path))


def _refuse_planted(link: Path) -> None:
    try:
        owner = link.lstat().st_uid
        folder = os.stat(link.parent)
    except OSError:  # gone meanwhile: the write says what it finds
        return
    if owner in (os.geteuid(), folder.st_uid) or folder.st_mode & _SHARED != _SHARED:
        return
    raise ExportError(f"cannot write {link}: it is a symbolic link of another user's (uid "
                      f"{owner}) in {link.parent}, a sticky folder everyone may write; kg "
                      "does not follow it, as the kernel (fs.protected_symlinks) would not: "
                      "remove it, or write elsewhere")


def refuse_links_out(files: Iterable[Path], directory: str | Path) -> None:
    """Raises: ExportError: one of ``files``, in ``directory``, is a symbolic link (or in a
    folder that is one) that leads out of ``directory``, or a link to nothing."""
    try:
        top = os.path.realpath(directory)
        for path in files:
            real = os.path.realpath(path)
            if os.path.commonpath([top, real]) != top:
                raise ExportError(f"cannot write {path}: it is a symbolic link (or in a linked "
                                  f"folder) that leads out of {directory}, to {real}; kg writes "
                                  "no file outside the folder: remove the link, or write "
                                  "elsewhere")
            if path.is_symlink() and not os.path.lexists(real):
                raise ExportError(f"cannot write {path}: it is a symbolic link to nothing "
                                  f"({real}); kg does not make the file a link leads to in "
                                  "the folder: remove the link, or write elsewhere")
    except ValueError:  # a NUL in a name: the write refuses it, saying so
        return
