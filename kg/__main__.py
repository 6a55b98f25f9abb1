"""`python -m kg`, and the `kg` command itself: :func:`kg.cli.entry`, once imported.

Ctrl-C while `kg` imports its modules (its first tenth of a second) says "interrupted"
and exits with 130, as it does later, not with a traceback of the import. This module
and :mod:`kg` import nothing of kg's before that point.
"""

import os


def main() -> None:
    """Import the command and run it."""
    try:
        from kg.cli import entry
    except KeyboardInterrupt:
        _echo_back()
        os.write(2, b"interrupted\n")
        os._exit(130)  # ExitStatus.INTERRUPTED, not imported: leave at once
    except BaseException:
        _echo_back()
        raise
    try:
        entry()
    except BaseException:  # SystemExit too: the echo as the REPL found it, whatever ended it
        _echo_back()
        raise


def _echo_back() -> None:
    """A REPL restarting itself keeps the terminal's echo off across the exec (kg.repl.echo,
    found_echo): should the fresh process fail before its REPL takes the terminal (kg's
    code edited and broken under a session), the shell gets its echo back (hunt60 F2)."""
    import json
    import sys

    try:
        if json.loads(os.environ.get("KG_REPL_RESUME", "{}")).get("echo") and sys.stdin.isatty():
            import termios

            attrs = termios.tcgetattr(0)
            attrs[3] |= termios.ECHO
            termios.tcsetattr(0, termios.TCSANOW, attrs)
    except Exception:  # noqa: BLE001 - no terminal, no settings: nothing to give back
        pass


if __name__ == "__main__":
    main()
