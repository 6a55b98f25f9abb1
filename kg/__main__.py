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
        os.write(2, b"interrupted\n")
        os._exit(130)  # ExitStatus.INTERRUPTED, not imported: leave at once
    entry()


if __name__ == "__main__":
    main()
