"""kg's temporary files: their names (``.NAME.kg-tmp-PID-RANDOM``, beside the file they
become), the owner and mode they get, and the removal of those a writer killed mid-write
left behind (:mod:`kg.fileio`, and `.save`'s new files: :mod:`kg.saved.writing`)."""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.paths import lock_folder

__all__ = ["temp_prefix", "clean_stale", "NAME_MAX", "STALE_AGE", "keep_owner", "new_mode",
           "folders_held", "sync_folder"]

NAME_MAX = 255  #: bytes in one component of a path (the limit of common file systems)
_TMP = ".kg-tmp-"  #: marks kg's temporary files: .NAME.kg-tmp-PID-RANDOM
#: seconds since its last change before a temporary file whose process is gone is removed:
#: a writer in another PID namespace (a container) or on another host (NFS) is gone to
#: this one's eyes, and its file was removed as it wrote it (hunt83 F13)
STALE_AGE = 3600.0


def temp_prefix(name: str) -> str:
    """The start of every temporary file's name for the target ``name``: ``.NAME.kg-tmp-``
    (a long name is replaced by its hash, so the temporary name fits too)."""
    if len(os.fsencode(name)) > NAME_MAX - 40:
        from hashlib import sha1  # rare: not imported by every command

        name = "h" + sha1(os.fsencode(name)).hexdigest()[:16]
    return f".{name}{_TMP}"


def clean_stale(target: Path) -> list[Path]:
    """Remove the temporary files of ``target`` left by processes that are gone (killed while
    writing) and unchanged for :data:`STALE_AGE` (an hour): the process named may be alive
    where this one cannot see it (another container, another host on NFS). Files of a live
    process (this one included) stay, and younger ones. Returns those removed."""
    prefix = temp_prefix(target.name)
    pattern = re.compile(re.escape(prefix) + r"(\d+)-[0-9a-f]+\Z")
    removed = []
    try:
        names = [n for n in os.listdir(target.parent) if n.startswith(prefix)]
    except OSError:
        return []
    for name in names:
        found = pattern.match(name)
        if found and not _alive(int(found.group(1))) and _old(target.parent / name):
            try:
                os.unlink(target.parent / name)
                removed.append(target.parent / name)
            except OSError:
                pass
    return removed


def _old(path: Path) -> bool:
    """Is ``path`` unchanged for :data:`STALE_AGE` seconds?"""
    try:
        return time.time() - os.lstat(path).st_mtime >= STALE_AGE
    except OSError:
        return False


def _alive(pid: int) -> bool:
    """Is process ``pid`` running? (A process of another user counts as running.)"""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True
    return True


def keep_owner(tmp: Path, target: Path) -> None:
    """Give the new file the owner and group of the file it replaces, where the process may
    (root may; anyone may keep a group they are in); else it is the writer's, as any new
    file is."""
    try:
        old, new = target.stat(), tmp.stat()
    except OSError:
        return  # no file to replace
    if (old.st_uid, old.st_gid) != (new.st_uid, new.st_gid):
        try:
            os.chown(tmp, old.st_uid if os.geteuid() == 0 else -1, old.st_gid)
        except OSError:
            pass


def new_mode(target: Path) -> int:
    """Keep an existing file's permissions (not set-user-ID or set-group-ID: kg writes data,
    which runs as no one); a new file gets the usual ones (0666 - umask)."""
    try:
        return target.stat().st_mode & 0o1777
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


@contextlib.contextmanager
def folders_held(folders: Iterable[Path], wait: float = 10.0) -> Iterator[None]:
    """Each of ``folders`` locked against the user's other kg processes for a group of
    renames into them, so two `kg docs` into one folder at once leave its files as one run
    after the other would, not pages of both (hunt83 F21); then each folder is synced
    (``fsync``): the new names outlive a power cut as the files' data does.

    The lock is a file of the folder's in the user's own cache (:func:`kg.paths.
    lock_folder`), named by the folder's device and inode: two spellings of one folder are
    one lock (a link to it waited for its own lock: hunt87 F1), and no one else can open
    it, so no one else can hold kg's writes (a lock on the folder itself, which anyone who
    may read it may take, could: hunt87 F2). Locks are taken in one order, so two kg
    processes never wait for each other's; one held ``wait`` seconds (no kg renaming holds
    one so long) is waited for no longer. Best effort where a file system cannot."""
    fds: dict[tuple[int, int], int] = {}  # by the folder's device and inode: one each
    locks: list[int] = []
    try:
        for folder in folders:
            opened = _open_folder(folder)
            if opened is not None and opened[0] in fds:
                os.close(opened[1])
            elif opened is not None:
                fds[opened[0]] = opened[1]
        where = lock_folder() if fds else None
        names = [where / f"{dev:x}-{ino:x}.lock" for dev, ino in sorted(fds)] if where else []
        for name in names:  # (no lock folder: no locks)
            lock = _lock(name, wait)  # each kept as taken: all closed below, Ctrl-C during
            if lock is not None:  # a wait too
                locks.append(lock)
        yield
        for fd in fds.values():
            _sync(fd)
    finally:
        for fd in (*locks, *fds.values()):
            os.close(fd)  # (a lock file's releases its lock)


def _open_folder(folder: Path) -> tuple[tuple[int, int], int] | None:
    """The folder's device and inode, and a descriptor of it (to lock by, to sync); None
    where it cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
    except OSError:
        os.close(fd)
        return None
    return (info.st_dev, info.st_ino), fd


def _lock(path: Path, wait: float) -> int | None:
    """The open lock file ``path``, locked (``flock``); None where it cannot be."""
    try:
        import fcntl
    except ImportError:  # (no flock: Windows)
        return None
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_CLOEXEC", 0), 0o600)
    except OSError:
        return None
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() > deadline:
                break  # held by no kg renaming: renamed without it
            time.sleep(0.01)
        except OSError:  # a file system without locks
            break
    os.close(fd)
    return None


def sync_folder(folder: Path) -> None:
    """Sync ``folder`` (``fsync``): a rename into it outlives a power cut (best effort)."""
    opened = _open_folder(folder)
    if opened is not None:
        try:
            _sync(opened[1])
        finally:
            os.close(opened[1])


def _sync(fd: int) -> None:
    with contextlib.suppress(OSError):  # (a file system that cannot)
        os.fsync(fd)
