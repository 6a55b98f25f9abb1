"""Where kg finds its files: the embedded graph, the shipped saved queries, the user's own.

In a checkout they are ``ontology/`` and ``queries/`` at the top of the repository; in an
installed wheel or sdist they are inside the package (``kg/data/``), copied there at
build time (``setup.py``). Environment variables override each; the README and
``kg --help`` list them (:data:`ENVIRONMENT`).
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

__all__ = ["expand_home", "ontology_dir", "shipped_queries_dir", "kg_queries_dir", "user_queries_dir",
           "user_data_dir", "xdg_home", "home", "NoHome", "parser_cache", "ENVIRONMENT", "no_color",
           "startup_file"]

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent

#: Every environment variable kg reads, and what it does.
ENVIRONMENT: dict[str, str] = {
    "KG_ONTOLOGY": "folder of the embedded graph instead of the shipped one: kg.ttl, "
                   "cardinality.ttl, compat.ttl, any other *.ttl (a class of your own), "
                   "facts/*.trig, and shapes.ttl, which kg validate alone reads",
    "KG_QUERIES": "folder of the shipped saved queries instead of the shipped one",
    "KG_ENDPOINT": "URL of a SPARQL 1.1 query endpoint to run every statement against",
    "NETRC": "the netrc file with a SPARQL server's user and password, by host name "
             "(default ~/.netrc)",
    "XDG_DATA_HOME": "the user's saved queries live in $XDG_DATA_HOME/kg/queries "
                     "(default, and for a relative path, ~/.local/share/kg/queries)",
    "XDG_STATE_HOME": "the REPL history lives in $XDG_STATE_HOME/kg/history "
                      "(default, and for a relative path, ~/.local/state/kg/history)",
    "HOME": "the user's home, where ~/.netrc and the XDG folders' defaults are (~/.cache/kg, "
            "~/.config/kg, ~/.local/share/kg, ~/.local/state/kg); unset, the account's home; with none "
            "(empty, or a folder that does "
            "not exist) and no XDG folder given, no parser is kept between runs, the REPL's "
            "history is kept in memory, and .save says it has no folder (exit 4)",
    "XDG_CONFIG_HOME": "the REPL's start-up file is $XDG_CONFIG_HOME/kg/replrc (default, and "
                       "for a relative path, ~/.config/kg/replrc): its commands (.x off, .vi "
                       "on, .format csv, …) run, unsaid, when the REPL starts on a terminal; "
                       "kg repl --no-rc skips it",
    "XDG_CACHE_HOME": "the parser kg builds from its grammar is kept in $XDG_CACHE_HOME/kg, "
                      "a folder kg makes the user's alone (default, and for a relative path, "
                      "~/.cache/kg); none is kept where it or the file is another's; the locks "
                      "of the folders kg writes into are kept in its locks/",
    "http_proxy": "the proxy a SPARQL endpoint or store of http:// is reached through "
                  "(and HTTP_PROXY; Python's urllib reads them)",
    "https_proxy": "the proxy an https:// endpoint or store is reached through (and "
                   "HTTPS_PROXY)",
    "no_proxy": "the hosts reached without a proxy (and NO_PROXY)",
    "PAGER": "the pager the REPL uses for long output (default: less -SRXF; one that is no "
             "command line is a warning, and paging goes off)",
    "VISUAL": "the editor the REPL's Ctrl-X Ctrl-E opens (else $EDITOR, else the first of "
              "editor, nano, pico, vi, emacs installed)",
    "EDITOR": "the editor Ctrl-X Ctrl-E opens when $VISUAL is not set",
    "NO_COLOR": "no colours in tables and the REPL (set to anything but the empty string)",
    "TERM": "dumb: no colours or bold in tables and the REPL either, no pager, and no "
            "completion or suggestions in the REPL (Emacs shells, CI logs)",
    "KG_CANCELLED_MEMORY": "how much a statement Ctrl-C cancelled may grow the REPL before "
                           "it restarts itself to stop it (500M, 2G; default: half the free "
                           "memory)",
    "KG_REPL_RESUME": "set by the REPL for the REPL it restarts as (.restart): its settings",
    "COLUMNS": "the width of tables written to a terminal (else the terminal's, else 80)",
    "LINES": "the height of the terminal the REPL pages and cuts results by (.rows auto; "
             "else the terminal's)",
    "LESS": "the options of less as the REPL's pager (default -SRXF; without -R kg sends "
            "it no colours), and LESSCHARSET (default utf-8)",
}


def no_color() -> bool:
    """NO_COLOR set to anything but the empty string (https://no-color.org), or a terminal
    that says it shows none (``TERM=dumb``: Emacs shells, CI logs; bold headers were sent)."""
    return bool(os.environ.get("NO_COLOR")) or dumb_terminal()


def dumb_terminal() -> bool:
    """Does the terminal say it can do nothing but print lines (``TERM=dumb``)? No colour,
    no pager."""
    return os.environ.get("TERM") == "dumb"


def _bundled(name: str) -> Path:
    """``kg/data/NAME`` in an installed package, else ``NAME/`` of the checkout (one with
    kg's pyproject.toml: in an install without its data, site-packages/NAME, another
    distribution's folder, would have been taken for kg's, and named as missing: hunt51 #10)."""
    packaged = _PACKAGE / "data" / name
    if packaged.is_dir() or not (_CHECKOUT / "pyproject.toml").is_file():
        return packaged
    return _CHECKOUT / name


def kg_queries_dir() -> Path:
    """The saved queries kg itself ships, whatever ``$KG_QUERIES`` says."""
    return _bundled("queries")


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl`` and ``facts/`` (``$KG_ONTOLOGY`` overrides it)."""
    env = os.environ.get("KG_ONTOLOGY")
    return Path(env) if env else _bundled("ontology")


def shipped_queries_dir() -> Path:
    """The saved queries that come with kg (``$KG_QUERIES`` overrides it)."""
    env = os.environ.get("KG_QUERIES")
    return Path(env) if env else kg_queries_dir()


class NoHome(RuntimeError):
    """No folder for the user's own files: neither the XDG variable nor ``HOME`` names one."""


def home(*, made: bool = True) -> str | None:
    """The user's home folder; None for none: ``HOME`` empty (it was taken for ``/``:
    hunt52 F10, hunt57 F3) or naming no folder, or no home at all. Not ``made``: the
    folder ``HOME`` names whether or not it exists yet (what kg will read once it does)."""
    if os.environ.get("HOME", "~") == "":
        return None
    try:
        found = os.path.expanduser("~")
    except (KeyError, RuntimeError):  # no HOME and no password entry
        return None
    return found if os.path.isabs(found) and (not made or os.path.isdir(found)) else None


def expand_home(text: str) -> str:
    """``text`` with a leading ``~`` (``~/…``) as the home folder, ``~user/…`` as the system
    has it, as a shell expands them (a path kg is given after ``--output=``, in quotes, or
    in the REPL, where no shell does).

    Raises:
        UsageError: ``~`` where there is no home (:func:`home`; HOME empty made ``~/x`` the
            root's ``/x``: hunt66 R5).
    """
    if not text.startswith("~"):
        return text
    if text == "~" or text.startswith("~/"):
        found = home()
        if found is None:
            from kg.errors import UsageError

            raise UsageError(f"{text}: there is no home folder for ~ (HOME is empty or names "
                             "no folder); give the path without ~")
        return found + text[1:]
    return os.path.expanduser(text)


def history_path(*, made: bool = True) -> Path:
    """Where the history file lives (``$XDG_STATE_HOME/kg/history``, default
    ``~/.local/state/kg/history``; ``made``: see :func:`xdg_home`).

    Raises:
        NoHome: neither names a folder (an empty HOME was `/`: hunt57 F3).
    """
    return xdg_home("XDG_STATE_HOME", ".local", "state", made=made) / "kg" / "history"


def startup_file(*, made: bool = True) -> Path | None:
    """The REPL's start-up file's path (whether or not there is one); None where there is
    no home (``made``: see :func:`xdg_home`)."""
    try:
        return xdg_home("XDG_CONFIG_HOME", ".config", made=made) / "kg" / "replrc"
    except NoHome:
        return None


def xdg_home(variable: str, *default: str, made: bool = True) -> Path:
    """An XDG base folder: ``$variable``, else ``~/<default…>``. A relative one is ignored,
    as the XDG Base Directory spec says (it named a folder under whatever folder kg was
    started in). Not ``made``: under a ``HOME`` not made yet too (:func:`home`), for what
    kg must not write where it will read it once made (`kg export -o` into a fresh
    container's saved queries: hunt140 F4).

    Raises:
        NoHome: no ``$variable`` and no home (:func:`home`).
    """
    given = os.environ.get(variable) or ""
    if os.path.isabs(given):
        return Path(given)
    found = home(made=made)
    if found is None and given:  # a relative one is set, and ignored: say so (hunt59 R13)
        raise NoHome(f"${variable} is relative, so ignored, and $HOME names no folder")
    if found is None:
        raise NoHome(f"neither ${variable} nor $HOME names a folder")
    return Path(found, *default)


def user_data_dir(*, made: bool = True) -> Path:
    """``$XDG_DATA_HOME/kg`` (default ``~/.local/share/kg``; see :func:`xdg_home`, which
    raises :class:`NoHome` where there is none)."""
    return xdg_home("XDG_DATA_HOME", ".local", "share", made=made) / "kg"


def parser_cache(name: str) -> str | bool:
    """Where lark keeps the parser ``name`` it built, between runs: a file in
    ``$XDG_CACHE_HOME/kg`` (default ``~/.cache/kg``), a folder of the user's that no one else
    may enter, when it and the file are the user's; else False, no cache (80 ms a start).
    Not lark's own choice, a file of a fixed name in the shared temporary folder: lark
    unpickles it, and another user who made it first ran code as whoever ran kg next
    (hunt51 #1)."""
    me = getattr(os, "geteuid", lambda: -1)()
    try:
        folder = _own_cache()
        if folder is None:
            return False
        path = folder / f"{name}-{sys.version_info[0]}.{sys.version_info[1]}.lark-cache"
        if os.path.lexists(path):  # umask's 0664, matters not)
            info = path.lstat()
            if info.st_uid != me or not stat.S_ISREG(info.st_mode):
                return False
        str(path).encode("utf-8")  # lark names it by a hash of its UTF-8 (a byte that is
        return str(path)  # not, in XDG_CACHE_HOME, was exit 70 on every statement: hunt89 F2)
    except (OSError, RuntimeError, UnicodeEncodeError):  # no home, an unwritable cache: built
        return False  # each time


def _own_cache(*sub: str) -> Path | None:
    """``$XDG_CACHE_HOME/kg`` (or a folder in it), made where missing, when it is a folder
    of the user's that no one else may enter (one made open is closed); else None.

    Raises:
        OSError, RuntimeError: it cannot be made or read (no home, an unwritable cache).
    """
    me = getattr(os, "geteuid", lambda: -1)()
    folder = xdg_home("XDG_CACHE_HOME", ".cache").joinpath("kg", *sub)  # made where missing
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # (XDG)
    info = folder.lstat()
    if info.st_uid != me or not stat.S_ISDIR(info.st_mode):
        return None
    if info.st_mode & 0o077:  # kg's own folder, made open by hand or by another tool: no
        os.chmod(folder, 0o700)  # one else may reach into it (then a file's mode, a umask's
    return folder  # 0664, matters not)


def lock_folder() -> Path | None:
    """Where kg keeps the lock files of the folders it writes into (:func:`kg.tempfiles.
    folders_held`): ``$XDG_CACHE_HOME/kg/locks``, the user's own, which no one else may
    enter; None where there is none (no home, an unwritable cache): writes take no lock."""
    try:
        return _own_cache("locks")
    except (OSError, RuntimeError):
        return None


def user_queries_dir(*, made: bool = True) -> Path:
    """Where the user's own saved queries live (``.save`` writes here; ``made``: see
    :func:`xdg_home`).

    Raises:
        NoHome: there is no folder for them (:func:`xdg_home`).
    """
    return user_data_dir(made=made) / "queries"
