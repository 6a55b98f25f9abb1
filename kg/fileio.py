"""Writing files atomically: a file is either its old self or wholly the new one.

Used by every command that writes a file (``kg export -o``, ``--tables``, the REPL's
``.export`` and ``.save``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.errors import ExportError

__all__ = ["write_atomic", "make_folder"]


def make_folder(folder: str | Path) -> Path:
    """Create ``folder`` and its missing parents (an existing folder is fine).

    Raises:
        ExportError: it cannot be created, or a file stands in its way.
    """
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise ExportError(f"cannot create the folder {path}: a file of that name exists") from None
    except OSError as exc:
        raise ExportError(f"cannot create the folder {path}: {exc.strerror or exc}") from None
    return path


def write_atomic(path: str | Path, data: str | bytes, *, make_folders: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    An interrupted write leaves the old file whole; on any error nothing is left behind.
    Text is written as UTF-8. With ``make_folders``, missing folders are created first.

    Raises:
        ExportError: the folder is missing, the path is a folder, or it cannot be written.
    """
    target = Path(path)
    folder = target.parent
    if make_folders:
        make_folder(folder)
    if not folder.is_dir():
        raise ExportError(f"cannot write {target}: the folder {folder} does not exist")
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
        raise


def _mode(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual ones (0666 - umask)."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process umask, read without changing it (``os.umask`` would, for a moment)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022
