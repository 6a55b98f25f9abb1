"""Writing files atomically: a file is either its old self or wholly the new one.

Used by every command that writes a file (``kg export -o``, ``--tables``, ``kg docs``, the
REPL's ``.export`` and ``.save``). What a path names decides how it is written:

* a regular file (or nothing yet): a temporary file ``.NAME.kg-tmp-PID-RANDOM`` in the same
  folder, written, synced and renamed over it;
* a symbolic link: the file it points to, atomically as above; the link stays (:mod:`kg.links`);
* a FIFO or a character device (``/dev/null``, ``/dev/stdout``, a terminal): written
  directly, never replaced by a regular file (a FIFO nobody opens for reading within
  ``FIFO_WAIT`` seconds is an error, not a hang);
* anything else (a folder, a socket, a block device): refused with an error (exit 4).

A process killed while writing leaves its temporary file behind; the next write of the same
target removes those whose process is gone and that are an hour old
(:func:`kg.tempfiles.clean_stale`). A name longer than 255 bytes is an error, not a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import cast

from kg.errors import ExportError, ReaderLeft
from kg.fileread import in_the_way
from kg.links import follow
from kg.own_inputs import refuse_folder_name
from kg.records import record
from kg.specialfiles import write_fd, write_special
from kg.tempfiles import NAME_MAX, clean_stale, folders_held, keep_owner, new_mode, temp_prefix

__all__ = ["write_atomic", "write_all", "make_folder", "FIFO_WAIT",
           "settle_writes", "resume_writes", "temporary_file", "write_error"]

FIFO_WAIT = 2.0  #: seconds a write waits for a FIFO's reader
#: a name of one of the process's own descriptors (`-o /dev/stdout`): written to it, as it
#: is open (`>> log` appends; the file it led to was replaced: hunt66), or "closed"
_OWN_STREAM = re.compile(r"/dev/(?:(stdout)|(stderr)|fd/(\d+))\Z|/proc/self/fd/(\d+)\Z")


def make_folder(folder: str | Path) -> Path:
    """Create ``folder`` and its missing parents (an existing folder is fine).

    Raises:
        ExportError: it cannot be created, or a file stands in its way.
    """
    path = Path(folder)
    _check_names(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # in the way: a file, a link to nothing or that loops (hunt83 F15)
        if isinstance(exc, (FileExistsError, NotADirectoryError)) or exc.errno == errno.ELOOP:
            raise ExportError(f"cannot create the folder {path}: {in_the_way(path)}") from None
        if exc.errno == errno.ENAMETOOLONG:  # (in full, thousands long: hunt83 F15)
            raise ExportError(f"cannot create the folder {_short(str(path))}: the path is too "
                              "long") from None
        raise ExportError(f"cannot create the folder {path}: {exc.strerror or exc}") from None
    return path


#: the temporary files being written or waiting for their rename, and the lock held while
#: a set of files is renamed into place (see :func:`settle_writes`)
_WRITING: set[Path] = set()
#: the folders made for writes not yet renamed into place, removed with their temporary
#: files when the process leaves on Ctrl-C (`kg docs` left an empty de/: hunt51 #11)
_MADE: list[Path] = []
_COMMITTING = threading.Lock()
#: the renames under way, by the thread making them (see :func:`settle_writes`)
_RENAMING: dict[int, list[_Pending]] = {}
#: held while a temporary file is created and registered, or while they are all removed
#: (re-entrant: the REPL's signal handler removes them in the thread that was creating one)
_REGISTRY = threading.RLock()
#: set by :func:`settle_writes`: the process is leaving, and no temporary file is created
_SETTLED = threading.Event()
_settler: int | None = None  #: the thread whose settle holds _COMMITTING, if one


def settle_writes(timeout: float | None = None) -> None:
    """Before the process leaves on Ctrl-C (its work still running): let renames under way
    finish, so a set of files is all new or all old (`kg docs` left half a site), start
    no more, remove the temporary files of writes never renamed, and create none after
    (the work went on writing the next tables' temporary files, left behind).

    The renames are waited for however long they take: they are few, each is quick, and
    nothing else happens while they are made (a 10 s bound ran out on a slow file system,
    and the site was left part old, part new: hunt83 F8). ``timeout`` bounds the wait for
    the REPL's restart, which writes a single file at a time.

    A signal's handler that runs in the very thread renaming (the REPL's, during `.export`:
    hunt83 F7) makes the renames left itself: the lock that thread holds would never come."""
    global _settler
    renaming = _RENAMING.pop(threading.get_ident(), None)
    if renaming is not None:
        for item in renaming:
            if item.tmp is not None:
                with contextlib.suppress(ExportError):
                    item.commit()
    elif _settler != threading.get_ident() or not _COMMITTING.locked():  # (a settle of
        # this thread's holds it: a signal during the restart's waited forever: hunt84 F3)
        if _COMMITTING.acquire(timeout=-1 if timeout is None else timeout):  # held: no
            _settler = threading.get_ident()  # rename starts after this
    with _REGISTRY:
        _SETTLED.set()
        for tmp in list(_WRITING):
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            _WRITING.discard(tmp)
        for folder in reversed(_MADE):  # those still empty
            with contextlib.suppress(OSError):
                folder.rmdir()
        _MADE.clear()


def resume_writes() -> None:
    """Allow renames and temporary files again after :func:`settle_writes`, for a process
    that did not leave after all (the REPL's restart failed: :mod:`kg.repl.restart`)."""
    global _settler
    _SETTLED.clear()
    if _COMMITTING.locked():
        _settler = None
        _COMMITTING.release()


def write_atomic(path: str | Path, data: str | bytes, *, make_folders: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename
    (or directly, for a FIFO or a character device; see the module's docstring).

    An interrupted write leaves the old file whole; on any error nothing is left behind.
    Text is written as UTF-8. With ``make_folders``, missing folders are created first.

    Raises:
        ExportError: the folder is missing, the path is a folder, a socket or a block
            device, a name is too long, or it cannot be written.
    """
    if isinstance(path, str):  # a folder, to every tool
        refuse_folder_name(path)
    write_all({Path(path): data}, make_folders=make_folders)


def write_all(files: Mapping[Path, str | bytes] | Mapping[str, str | bytes], *,
              make_folders: bool = False, folders: Iterable[Path] = ()) -> None:
    """Write several files all or nothing: every temporary file is written first, and only
    when all are, each is renamed into place (a failure before that leaves every old file
    whole and no temporary file behind). ``folders`` are made first (with ``make_folders``,
    every file's folder too); a failure removes those this call made.

    Raises:
        ExportError: as for :func:`write_atomic`.
    """
    pending: list[_Pending] = []
    made: list[Path] = []
    try:
        for folder in folders:
            _make_undoably(folder, made)
        for path, data in files.items():
            pending.append(_prepare(Path(path), data, made if make_folders else None))
        # a FIFO or a device first: writing one may fail (no reader), and then no file has
        # been replaced yet; the renames that follow do not fail but on a broken file system.
        # Outside the lock: a slow reader kept a SIGTERM waiting 10 s (hunt66 R4)
        for item in pending:
            if item.tmp is None:
                item.commit()
        _rename_all([item for item in pending if item.tmp is not None])
    except BaseException:
        for item in pending:
            item.discard()  # before the folders made for them are removed
        _unmake(made)
        raise
    finally:
        for item in pending:
            item.discard()
        _forget(made)  # (renamed into place: they hold the files now)


def _rename_all(renames: list[_Pending]) -> None:
    """Rename each temporary file into place, holding the lock :func:`settle_writes` waits
    on (Ctrl-C lets the renames finish), and noted in :data:`_RENAMING` before it is taken
    (a signal's handler in this thread makes the renames left)."""
    me = threading.get_ident()
    _RENAMING[me] = renames
    try:
        with _COMMITTING, folders_held(item.target.parent for item in renames):
            for item in renames:
                if item.tmp is not None:
                    item.commit()
    finally:
        _RENAMING.pop(me, None)


def _make_undoably(folder: Path, made: list[Path]) -> None:
    """:func:`make_folder`, noting in ``made`` (and in :data:`_MADE`, for a Ctrl-C) each
    folder it creates, parents first."""
    missing = [p for p in (folder, *folder.parents) if not os.path.lexists(p)]
    make_folder(folder)
    new = [p for p in reversed(missing) if p not in made]
    made.extend(new)
    with _REGISTRY:
        _MADE.extend(new)


def _unmake(made: list[Path]) -> None:
    """Remove the folders in ``made``, deepest first, those still empty (best effort)."""
    for folder in reversed(made):
        with contextlib.suppress(OSError):
            folder.rmdir()
    _forget(made)


def _forget(made: list[Path]) -> None:
    """The folders in ``made`` are no write's in progress any more."""
    with _REGISTRY:
        for folder in made:
            if folder in _MADE:
                _MADE.remove(folder)
    made.clear()


@record(frozen=False)
class _Pending:
    """One file on its way: its temporary file (written), or the special file to write."""

    target: Path
    payload: bytes
    tmp: Path | None = None  #: None: written directly at commit (a FIFO or a device)
    fd: int | None = None  #: one of the process's own descriptors, written as it is open

    def commit(self) -> None:
        try:
            if self.fd is not None:
                write_fd(self.fd, self.payload)
            elif self.tmp is None:
                write_special(self.target, self.payload, FIFO_WAIT)
            else:
                os.replace(self.tmp, self.target)
                _WRITING.discard(self.tmp)
                self.tmp = None
        except BrokenPipeError:  # `-o /dev/stdout | head -1`: `kg` ends as on stdout itself
            raise ReaderLeft(f"cannot write {self.target}: its reader left before the end "  # (exit
                             "(Broken pipe)") from None  # 0, not 4: hunt64 F5; the REPL says so)
        except OSError as exc:
            raise write_error(self.target, exc, self.tmp) from None

    def discard(self) -> None:
        if self.tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            _WRITING.discard(self.tmp)
            self.tmp = None


def _prepare(path: Path, data: str | bytes, made: list[Path] | None) -> _Pending:
    """Resolve where ``path`` is written and, for a regular file, write its temporary file;
    its folder is made first unless ``made`` (where the folders made are noted) is None."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    _check_names(path)
    if made is not None:
        _make_undoably(path.parent, made)
    own = _OWN_STREAM.match(str(path))
    if own is not None:
        fd = 1 if own[1] else 2 if own[2] else int(own[3] or own[4])
        try:
            os.fstat(fd)
        except OSError:  # (`-o /dev/stdout >&-` asked for a file in /proc/PID/fd: hunt64 F5)
            raise ExportError(f"cannot write {path}: the stream is closed") from None
        return _Pending(path, payload, fd=fd)
    target = follow(path) if path.is_symlink() else path  # not another's in /tmp (hunt129 F3)
    mode = _stat(path)
    if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        return _Pending(path, payload)
    if mode is not None and not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a socket or a block device)"
        raise ExportError(f"cannot write {path}: it is {what}")
    folder = target.parent
    if not folder.is_dir():
        raise ExportError(f"cannot write {target}: the folder {folder} does not exist")
    if _read_only(folder):  # the file's mode was blamed (hunt56 F10)
        raise ExportError(f"cannot write {target}: the file system it is on is read-only")
    if mode is not None and not os.access(target, os.W_OK):  # as `cp` refuses it
        raise ExportError(f"cannot write {target}: you may not write it (mode "
                          f"{stat.filemode(mode)}); kg does not replace it: make it writable "
                          "first, or write elsewhere")
    return _temporary(target, payload)


@contextlib.contextmanager
def temporary_file(target: Path, data: str | bytes) -> Iterator[Path]:
    """A new temporary file beside ``target`` holding ``data`` (written, synced, with the
    owner and mode ``target`` would get), for a caller that puts it in place itself (`.save`
    links it: :mod:`kg.saved.writing`). It is removed on leaving, whatever happened, and by
    :func:`settle_writes` when a signal ends the process meanwhile (`.save` left it on a
    full disk, on Ctrl-C and on SIGTERM: hunt83 F6).

    Raises:
        ExportError: it cannot be written.
    """
    pending = _temporary(target, data.encode("utf-8") if isinstance(data, str) else data)
    try:
        yield cast(Path, pending.tmp)  # (just written)
    finally:
        pending.discard()


def _temporary(target: Path, payload: bytes) -> _Pending:
    """``payload`` in a new temporary file beside ``target``, registered (see :data:`_WRITING`)
    and removed again if it cannot be written whole."""
    clean_stale(target)
    tmp = target.parent / f"{temp_prefix(target.name)}{os.getpid()}-{os.urandom(4).hex()}"
    pending = _Pending(target, payload, tmp)
    try:
        fd = _create(tmp, target)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        keep_owner(tmp, target)
        os.chmod(tmp, new_mode(target))  # after chown, which may clear set-id bits
    except BaseException as exc:
        error = write_error(target, exc, tmp) if isinstance(exc, OSError) else None
        pending.discard()
        if error is not None:
            raise error from None
        raise
    return pending


def write_error(target: Path, exc: OSError, tmp: Path | None = None) -> ExportError:
    """The error of a write of ``target`` that failed with ``exc``: where its temporary file
    ``tmp`` is gone from a folder still there, another process removed it (a kg in another
    container or on another host took it for a dead writer's; it was "No such file or
    directory": hunt83 F13), or kg is stopping (:func:`settle_writes`)."""
    if (isinstance(exc, FileNotFoundError) and tmp is not None and tmp.parent.is_dir()
            and not os.path.lexists(tmp)):
        if _SETTLED.is_set():
            return ExportError(f"cannot write {target}: kg is stopping (interrupted)")
        return ExportError(f"cannot write {target}: another process removed kg's temporary file "
                           f"{tmp.name} before kg renamed it; write it again")
    return ExportError(f"cannot write {target}: {exc.strerror or exc}")


def _read_only(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # (no statvfs: not a POSIX system)
        return False


def _create(tmp: Path, target: Path) -> int:
    """Create and register the temporary file ``tmp`` for ``target`` (none once the process
    is leaving: :func:`settle_writes` removes those it knows of, and no other may appear)."""
    with _REGISTRY:
        if _SETTLED.is_set():
            raise ExportError(f"cannot write {target}: kg is stopping (interrupted)")
        _WRITING.add(tmp)  # first: a signal's clean-up in this thread removes it, made or not
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:  # (`/proc/x.json`: "No such file or directory", hunt51 #12)
            _WRITING.discard(tmp)
            raise ExportError(f"cannot write {target}: cannot create a file in the folder "
                              f"{tmp.parent} ({exc.strerror or exc}); kg writes a new file "
                              f"there and renames it to {target.name}") from None
    return fd


def _check_names(path: Path) -> None:
    """Every component of ``path`` fits in ``NAME_MAX`` bytes, and none holds a NUL (else a
    clear error: the system's ValueError was an internal one, hunt83 F5)."""
    if "\0" in str(path):
        raise ExportError(f"cannot write {path}: a NUL character in its name (no "
                          "file may have one)")
    for part in path.parts:
        if len(os.fsencode(part)) > NAME_MAX:
            raise ExportError(f"cannot write {_short(str(path))}: the name {_short(part)} is longer "
                              f"than the {NAME_MAX} bytes a file name may have")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit // 2] + "…" + text[-limit // 2:]


def _stat(path: Path) -> int | None:
    """The mode of what ``path`` names (through symbolic links), or None if nothing is there."""
    try:
        return os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno in (errno.ENOTDIR, errno.ELOOP):
            raise ExportError(f"cannot write {path}: {exc.strerror}") from None
        if exc.errno == errno.ENAMETOOLONG:
            raise ExportError(f"cannot write {_short(str(path))}: the path is too long") from None
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None
