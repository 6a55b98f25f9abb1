"""Where saved queries live: the folder kg ships and the user's own, which of them exist
and may be read, and which entries of them are files (:mod:`kg.saved.files` reads them).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from kg.errors import DataError, ExportError, SavedPathError
from kg.fileread import what_is
from kg.paths import NoHome, shipped_queries_dir, user_queries_dir
from kg.saved.model import SUFFIX

__all__ = ["queries_dir", "folders", "saved_query_files", "present", "listed", "readable",
           "a_file", "not_a_file", "is_file", "unreadable"]


def queries_dir() -> Path:
    """The saved queries kg ships (``$KG_QUERIES`` overrides the folder).

    Raises:
        DataError: it is missing (a broken install, a wrong ``$KG_QUERIES``), the same for
            every command that reads them: never a silent empty list, nor "no saved query".
        SavedPathError: it cannot be read (a data error, as the user's folder's).
    """
    shipped = shipped_queries_dir()
    folder = shipped.is_dir()
    if folder and listed(shipped):
        return shipped
    if folder:  # one kg may not read seemed to hold none (hunt83 F11)
        readable(shipped)
    # a folder of none is as missing (`kg list` said [], exit 0: hunt51 #4)
    if os.environ.get("KG_QUERIES"):  # the user's setting: reinstalling mends nothing
        what = f"a folder with no saved query (*{SUFFIX})" if folder else \
            "no folder of saved queries"
        raise DataError(f"$KG_QUERIES names {what}: {shipped} (point it to one, or unset it "
                        "for the queries kg ships)")
    what = f"{shipped} holds none (*{SUFFIX}; " if folder else \
        f"kg's install has no folder {shipped} ("
    raise DataError(f"the saved queries kg ships are missing: {what}reinstall kg from its "
                    "wheel or sdist, or set KG_QUERIES)")


def folders(directory: Path | None) -> list[Path]:
    """Where saved queries are looked up: ``directory`` alone, else the user's own folder
    (whose queries shadow shipped ones of the same name), then the shipped one.

    Raises:
        DataError: the shipped queries are missing (a broken install): never a silent
            empty list.
    """
    if directory is not None:
        return [directory]
    try:
        return [user_queries_dir(), queries_dir()]
    except NoHome:  # no folder of the user's (an empty HOME was `/`: hunt57 F3)
        return [queries_dir()]


def saved_query_files(path: str | Path) -> list[tuple[str, Path]]:
    """The saved queries a write to ``path`` (or to the file a link there names) would
    replace: the file of its name in your folder and in kg's, each with what it is, for
    :func:`kg.own_inputs.refuse_own_input` (`-o …/queries/gpu-series.kgq` replaced a saved
    query with a CSV, and `kg list` failed after: hunt99 F7; through a link, hunt101 F1).

    Raises:
        ExportError: ``path`` is a new ``.kgq`` file in a saved-query folder."""
    try:
        real = Path(os.path.realpath(path))
    except (OSError, ValueError):  # a NUL in the name: the write says what is wrong with it
        return []
    if not real.name.endswith(SUFFIX) or "\0" in str(real):
        return []
    searched = _looked_in()
    if not os.path.exists(real) and any(os.path.realpath(f) == str(real.parent) for f in searched):
        raise ExportError(  # a new one there: `kg list` read the result as a query and failed
            f"cannot write {path}: it would be read as a saved query (its folder is where kg "
            "looks for them): write the output elsewhere")  # (hunt102 F4)
    return [("your saved query" if folder != searched[-1] else "a saved query of kg's",
             folder / real.name) for folder in searched]


def _looked_in() -> list[Path]:
    """The folders kg reads saved queries from, yours and kg's, or will once they exist: a
    `$HOME` not made yet, a `$KG_QUERIES` not made yet (a `.kgq` written there was read as
    a query by the next `kg list`, which failed: hunt140 F4)."""
    try:
        return [user_queries_dir(made=False), shipped_queries_dir()]
    except NoHome:
        return [shipped_queries_dir()]


def present(folder: Path) -> bool:
    """Is there anything at ``folder``: a folder, or what :func:`readable` refuses (one in a
    home kg may not enter, as under `docker run --user`; a file; a symbolic link that loops)?
    A link to nothing is nothing, as no folder is."""
    try:
        os.stat(folder)
    except FileNotFoundError:  # nothing, or a link to nothing yet (an unmounted disk)
        return False
    except (OSError, ValueError):
        return True
    return True


def listed(folder: Path) -> list[Path]:
    """The saved-query files of ``folder``; none where kg may not look."""
    try:
        return [p for p in folder.glob("*" + SUFFIX) if is_file(p)] if folder.is_dir() else []
    except OSError:
        return []


def readable(folder: Path) -> None:
    """Refuse a folder of saved queries kg cannot list (its queries would seem not to exist).

    Raises:
        SavedPathError: the folder cannot be read (a data error, exit 4).
    """
    try:
        with os.scandir(folder):
            pass
        if not os.access(folder, os.X_OK):  # listed, but no file in it can be opened
            raise PermissionError(13, "Permission denied (the folder may be read, not entered)")
    except OSError as exc:
        why = "not a folder" if isinstance(exc, NotADirectoryError) else exc.strerror or exc
        raise SavedPathError(f"{folder}: cannot read the folder of saved queries: "
                              f"{why}") from None


def not_a_file(path: Path) -> str:
    """What is at ``path`` where no file is: nothing, a link to nothing or that loops, or
    what it is (a loop was "a link to nothing", a folder "is not a file": hunt83 F15)."""
    what = what_is(path)
    return what if what in ("no such file", "a link to nothing", "a symbolic link that loops") \
        else f"it is {what}, not a file"


def a_file(path: Path, after: Sequence[Path] = ()) -> None:
    """Raises: SavedPathError: no file is at ``path``, a saved query's (exit 4); one of the
    folders ``after`` it has a query of its name, it says it takes the name (hunt77 R13)."""
    if not is_file(path):
        hidden = next((f for f in after if f != path.parent and is_file(f / path.name)), None)
        takes = f" (it takes the name of {hidden / path.name}: mend it, or remove it to run " \
            "that one)" if hidden else ""
        raise SavedPathError(f"{path}: cannot read the saved query: {not_a_file(path)}{takes}")


def is_file(path: Path) -> bool:
    """Is there a file at ``path``? (A name too long for the file system is none.)"""
    try:
        return path.is_file()
    except OSError:
        return False


def unreadable(directory: Path | None = None) -> list[SavedPathError]:
    """What :func:`readable` refuses of the folders saved queries are looked up in (`kg list
    --names` names the others' queries and says these: it said nothing, exit 0, of a folder
    `kg list` called unreadable, exit 4: hunt75 F13)."""
    found = []
    for folder in folders(directory):
        try:
            if present(folder):
                readable(folder)
        except SavedPathError as exc:
            found.append(exc)
    return found
