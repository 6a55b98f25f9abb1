"""Start the REPL afresh, keeping its settings: the one way to stop a statement the engine
is still answering after Ctrl-C, and to free the memory it holds.

pyoxigraph cannot be stopped in the middle of a query: a cancelled statement goes on in
the background until the engine answers (:mod:`kg.worker`), and one that builds a huge
join takes memory until the system kills the process, session and all. The REPL restarts
itself instead (``exec`` of the same interpreter: same process, same terminal), with the
same graph (``--data``, ``.load``, ``--as-of``, ``--lang``, ``--endpoint``) and the same
settings (``.format``, ``.set`` parameters, ``.rows`` …), handed over in
``$KG_REPL_RESUME``. The history is in its file already. What is lost is the last result
(``.export`` it first) and any cancelled statement: that is the point.

``.restart`` does it on request; :mod:`kg.repl.watchdog` does it when a cancelled statement
takes more memory than it may.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import sysconfig
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.fileio import resume_writes, settle_writes
from kg.fileread import resolved
from kg.repl.echo import found_echo
from kg.repl.editor import stop_editors
from kg.repl.pager import stop_pagers
from kg.repl.state import EXPANDED, ReplState

__all__ = ["Restart", "RESUME", "command_line", "settings", "resume", "restart", "answer_ctrl_c",
           "resumed_echo", "quiet_cut_loops", "stop_programs"]

#: the environment variable that carries the settings into the restarted REPL
RESUME = "KG_REPL_RESUME"
ENDPOINT = "KG_ENDPOINT"  #: the fresh REPL's endpoint ('' for the embedded graph)


class Restart(Exception):  # noqa: N818 - a request, not a failure
    """Raised in the main thread (out of the prompt) to restart the REPL; says why, and
    holds what was typed at the prompt (the fresh REPL's prompt starts with it)."""

    def __init__(self, why: str, typed: str = "") -> None:
        super().__init__(why)
        self.typed = typed


def command_line(state: ReplState) -> list[str]:
    """The command that opens the session's graph again: interpreter, ``-P -m kg``, the
    global options that made the graph (the endpoint aside: :data:`ENDPOINT`), ``repl``
    and its output format."""
    line = [sys.executable, "-P", "-m", "kg", "--lang", state.lang]  # -P: not a kg.py of
    # the current folder (-m looks there first); the endpoint goes in $KG_ENDPOINT (restart):
    # on the command line, any user of the machine reads its password (`ps`)
    return [*line, *state.graph_options(), "repl", "--format", state.fmt.value]


def settings(state: ReplState) -> dict[str, Any]:
    """What the REPL's dot-commands set that the command line does not carry."""
    return {"explain": state.explain, "timing": state.timing, "rows": state.max_rows,
            "expanded": state.expanded, "pager": state.pager, "vi": state.vi,
            "params": dict(state.params)}


def resumed_echo(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool | None:
    """Whether the REPL before a restart found the terminal echoing (:func:`resume` reads the
    rest): the echo stays off across the exec, and is given back when the fresh one ends."""
    try:
        echo = json.loads(environ.get(RESUME, "{}")).get("echo")
    except (ValueError, AttributeError):
        return None
    return echo if isinstance(echo, bool) else None


def resume(state: ReplState, environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """Take up the settings a restart handed over (and drop them from the environment, so a
    program the REPL starts, a pager or an editor, does not see them); True if it did.
    Settings that cannot be read are said and none is taken: the REPL starts as it would
    (one unreadable value took the others, and it said "the same settings": hunt75 F14)."""
    text = environ.pop(RESUME, None)
    if text is None:
        return False
    try:
        given = json.loads(text)
        rows = given["rows"]
        taken = {"typed": str(given.get("typed", "")), "explain": bool(given["explain"]),
                 "timing": bool(given["timing"]),
                 "max_rows": None if rows is None else max(0, int(rows)),
                 "expanded": given["expanded"] if given["expanded"] in EXPANDED else "auto",
                 "pager": bool(given["pager"]), "vi": bool(given.get("vi", False)),
                 "params": {str(k): str(v) for k, v in dict(given["params"]).items()}}
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError) as exc:  # (rows:
        # Infinity was an internal error: hunt77 R11)
        state.warn(f"warning: the settings of the REPL before its restart are unreadable "
                   f"({exc}); starting with the defaults")
        return False
    for name, value in taken.items():
        setattr(state, name, value)
    return True


def answer_ctrl_c() -> None:
    """Let Ctrl-C reach the restarted REPL again, now that its prompt is up. A restart
    blocks it (:func:`restart`): pressed while the fresh process loaded the graph, it
    ended the session, exit 130 (hunt50 #2), the moment a user at a slow REPL presses it.
    A Ctrl-C pressed meanwhile is dropped."""
    if signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set()):
        return
    while signal.SIGINT in signal.sigpending():
        signal.sigwait({signal.SIGINT})
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _package_root() -> str | None:
    """The folder kg was imported from, where a fresh interpreter would not look by itself
    (a checkout); None for an installed kg (site-packages, which must not go before the
    standard library on ``PYTHONPATH``)."""
    import site

    root = Path(__file__).resolve().parents[2]
    folders = [sysconfig.get_paths()[key] for key in ("purelib", "platlib")]
    folders += [*site.getsitepackages(), site.getusersitepackages()]  # `pip install --user`
    # (its folder went before the standard library: a `enum` there ended the REPL, hunt106 F1)
    installed = {Path(folder).resolve() for folder in folders}
    return None if root in installed else str(root)


def restart(state: ReplState, why: str,
            execute: Callable[[str, list[str], dict[str, str]], object] = os.execve,
            typed: str = "") -> None:
    """Say ``why``, then replace this process with a fresh REPL on the same graph and
    settings, its prompt holding ``typed`` (what was being typed: hunt39 #2, it was lost).
    Returns only when the fresh one cannot be started (said as a warning)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})  # until the fresh prompt is
    try:  # up (see answer_ctrl_c): the exec keeps this thread's mask
        _restart(state, why, execute, typed)
    finally:  # (an exec that returns failed)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _restart(state: ReplState, why: str, execute: Callable[[str, list[str], dict[str, str]], object],
             typed: str) -> None:
    state.warn(why)
    try:
        line, env = _fresh(state, typed)
    except OSError as exc:  # the current folder removed: an internal error (hunt58 F12)
        state.warn(f"error: cannot restart kg ({exc.strerror or exc}: the folder it was "
                   "started in is gone?); this session goes on")
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    stop_programs()
    settle_writes(2.0)  # a write under way is renamed or its temporary file removed
    try:
        execute(line[0], line, env)
    except OSError as exc:
        resume_writes()
        state.warn(f"error: cannot restart kg ({exc.strerror or exc}); this session goes on")


def leave_by_signal() -> None:
    """Before SIGTERM or SIGHUP ends the REPL (:func:`kg.repl.echo.echo_off_between_prompts`):
    end the pager and the editor, and let a rename under way finish and remove the temporary
    files of the writes under way (`.export`, `.save`), as `kg` does (:func:`kg.cli.entry`; the
    REPL left them: hunt83 F7)."""
    try:
        stop_programs()
    finally:
        settle_writes()


def stop_programs() -> None:
    """End the pager and the editor, which would go on reading the terminal beside the
    shell or the fresh REPL: before a restart (the editor too: hunt60 S1) and when a signal
    ends the REPL (:func:`kg.repl.echo.echo_off_between_prompts`)."""
    stop_pagers()
    stop_editors()


def _fresh(state: ReplState, typed: str) -> tuple[list[str], dict[str, str]]:
    """The fresh REPL's command line and environment."""
    env = {**os.environ, RESUME: json.dumps({**settings(state), "typed": typed,
                                             "echo": found_echo()}),
           ENDPOINT: state.endpoint or ""}  # '': not whatever $KG_ENDPOINT said at the start
    root = _package_root()
    paths = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    if root is not None and all(resolved(Path(p)) != Path(root) for p in paths):  # kg from a
        # checkout: found again wherever
        env["PYTHONPATH"] = os.pathsep.join([root, *paths])  # the REPL was started (once)
    return command_line(state), env


def quiet_cut_loops() -> None:
    """What Python says of an event loop that a Ctrl-C cut as a prompt started or ended (a
    coroutine never awaited, a half-made loop's ``__del__``, a task destroyed pending) is
    no user's business, and was all over the screen (hunt60 F1): it is not said."""
    import logging
    import warnings

    warnings.filterwarnings("ignore", category=RuntimeWarning, message=r"coroutine "
                            r"'(Application\.run_async|BaseEventLoop\.shutdown_asyncgens)'")
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:  # (a Ctrl-C itself, cut into a finalizer: no news)
        if unraisable.exc_type is not KeyboardInterrupt and \
                getattr(unraisable.object, "__qualname__", "") != "BaseEventLoop.__del__":
            previous(unraisable)

    sys.unraisablehook = hook
