"""Ctrl-X Ctrl-E: the statement typed so far, edited in ``$VISUAL`` or ``$EDITOR`` and run
as the editor saves it (several statements in turn, as a paste: :func:`kg.repl.app.run_typed`).

prompt_toolkit's own version ends in a traceback when the editor saves text that is not
UTF-8 or ``$EDITOR`` does not split as a command line (an unbalanced quote), and loses the
edit; here each of those is one line, and an edit kg cannot read is kept in its file.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable

from prompt_toolkit.application import get_app, run_in_terminal
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.document import Document

from kg.repl.echo import echo_as_found

__all__ = ["edit", "editor_command"]

#: Tried in turn when neither $VISUAL nor $EDITOR is set (prompt_toolkit's list).
_FALLBACKS = ("editor", "nano", "pico", "vi", "emacs")


def editor_command() -> tuple[list[str] | None, str]:
    """The editor's command line and where it came from ($VISUAL, $EDITOR, else the first
    of :data:`_FALLBACKS` installed), or None and what is wrong."""
    for name, value in (("VISUAL", os.environ.get("VISUAL", "")),
                        ("EDITOR", os.environ.get("EDITOR", ""))):
        value = value.strip()
        if value:
            try:
                return shlex.split(value), f"${name}"
            except ValueError as exc:
                return None, f"${name} ({value}) is no command line: {exc}"
    for program in _FALLBACKS:
        if shutil.which(program):
            return [program], program
    return None, "set $VISUAL or $EDITOR: none of " + ", ".join(_FALLBACKS) + " is installed"


def edit(buffer: Buffer, warn: Callable[[str], None]) -> None:
    """Open ``buffer``'s text in the editor; when it saves, put what it saved in the buffer
    and run it. Every problem is one line through ``warn``; the statement stays as typed."""
    command, where = editor_command()
    if command is None:
        run_in_terminal(lambda: warn(f"cannot edit: {where}"))
        return
    fd, name = tempfile.mkstemp(prefix="kg-edit-", suffix=".kgq")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(buffer.text)
    written = _stamp(name)

    def run() -> str | None:  # in the terminal, the prompt put aside
        try:
            with echo_as_found(), subprocess.Popen([*command, name]) as editor:
                _RUNNING[editor] = name
                try:
                    status = editor.wait()
                finally:
                    _RUNNING.pop(editor, None)
        except OSError as exc:
            return f"cannot run the editor {command[0]} ({where}): {exc.strerror or exc}"
        if status < 0:  # "exited with -9" (hunt58 F9)
            return f"the editor was killed by signal {-status} ({_signal_name(-status)}): nothing run"
        if status != 0:
            return f"the editor exited with {status}: nothing run"
        return "the editor saved nothing: nothing run" if _stamp(name) == written else None

    async def edit_and_run() -> None:
        problem = await run_in_terminal(run, in_executor=True)
        text, problem, keep = (None, problem, False) if problem else _saved(name)
        if not keep:
            with contextlib.suppress(OSError):
                os.unlink(name)
        if text is not None:
            buffer.document = Document(text, cursor_position=len(text))
            buffer.validate_and_handle()
        else:
            said = problem
            run_in_terminal(lambda: warn(str(said)))

    get_app().create_background_task(edit_and_run())


def _stamp(name: str) -> tuple[int, int] | None:
    """The file's inode and time of last change: the same after the editor ended, it saved
    nothing (`:q!` ran the statement as typed, against "runs what the editor saves": hunt88
    #6); None where it is gone (:func:`_saved` says so)."""
    try:
        info = os.stat(name)
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns


def _saved(name: str) -> tuple[str | None, str | None, bool]:
    """What the editor saved in the file ``name`` (its last line break dropped), or None and
    why not; and whether to keep the file (text that is not UTF-8: someone's edit)."""
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as exc:  # an editor that removed it, or made it a folder
        return None, f"the editor left no file to read ({exc.strerror or exc}): nothing run", False
    try:
        return data.decode("utf-8-sig").removesuffix("\n"), None, False
    except UnicodeDecodeError as exc:
        return None, (f"the editor saved text that is not UTF-8 (byte {exc.start}); it is kept "
                      f"in {name}"), True


def _signal_name(number: int) -> str:
    import signal

    try:
        return signal.Signals(number).name
    except ValueError:
        return "an unknown signal"


#: The editor open on the terminal now, if any, and the file it edits.
_RUNNING: dict[subprocess.Popen[bytes], str] = {}


def stop_editors() -> None:
    """End the editor open on the terminal, and remove its file (SIGTERM or SIGHUP ended the
    REPL and left the editor an orphan reading the terminal: hunt59 R12)."""
    import signal

    for editor, name in list(_RUNNING.items()):
        editor.send_signal(signal.SIGHUP)  # as a terminal closed under it
        try:
            editor.wait(timeout=2)
        except subprocess.TimeoutExpired:
            editor.kill()
        with contextlib.suppress(OSError):
            os.unlink(name)
