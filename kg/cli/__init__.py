"""The `kg` command: argument parsing and exit codes; every command is a small function.

Commands register with :func:`~kg.cli.registry.command` (in :mod:`kg.cli.results` and
:mod:`kg.cli.graph`), which names their help, examples and arguments. Results reach the
screen or a file through :func:`~kg.cli.writing.emit`, so ``--format`` means the same in
``kg query``, ``kg run`` and ``kg export``. The exit codes are listed once, in
:data:`~kg.cli.registry.EPILOG` (shown by `kg --help`), and in the README.
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO, cast

from kg.cli import docs as _docs_command  # noqa: F401  (registers its command)
from kg.cli import graph as _graph_commands  # noqa: F401  (registers its commands)
from kg.cli import results as _result_commands  # noqa: F401  (registers its commands)
from kg.cli.completion import command_options  # (and registers its command)
from kg.cli.registry import (
    COMMANDS,
    EPILOG,
    GLOBAL_OPTIONS,
    Command,
    _globals,
    build_parser,
    command,
    every_revision,
)
from kg.cli.writing import emit
from kg.errors import ExitStatus, KgError, ReaderLeft, UsageError
from kg.params import GivenTwice, param_hint
from kg.worker import Terminated, interruptible, terminable

__all__ = ["main", "entry", "build_parser", "COMMANDS", "Command", "command", "emit", "EPILOG"]


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         err: TextIO | None = None, *, leaving: bool = False) -> int:
    """Run ``kg``; return (and, as a script, exit with) the exit status. ``leaving``: the
    process ends when it returns (:func:`entry`; see :func:`kg.worker.terminable`)."""
    if sys.stdin is None:  # started with stdin closed (`<&-`): as if it were empty
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - (`-` says so)
    _utf8(sys.stdout)
    _utf8(sys.stdin, "surrogateescape")  # a statement is UTF-8 whatever the locale says
    _utf8(sys.stderr, "backslashreplace")  # (latin-1 read "Ü" as two letters: hunt115 F1)
    out = out or sys.stdout or cast(TextIO, _Closed())
    err = err or sys.stderr or cast(TextIO, _Closed())
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        terminal = sys.stdin.isatty() and out.isatty()
        if not argv and not terminal:
            return _no_command(err)
        args = _parse_args(argv)  # no command on a terminal (`kg --lang de`): the REPL (hunt70 F11)
        args = _globals(_parse_args([*argv, "repl"]) if args.command is None and terminal else args,
                        notes=err)
        _utf8_text(args)
        cmd = _command(args)
        if cmd.name == "repl":  # the shell keeps the main thread (its own Ctrl-C handling)
            return int(cmd.run(args, out, err))
        with terminable(leaving=leaving):
            status = int(interruptible(lambda: cmd.run(args, out, err)))
        out.flush()
        return status
    except _Done as done:
        return done.status
    except ReaderLeft:  # `-o /dev/stdout | head -1`: as stdout itself (below)
        _quiet_stdout()
        return int(ExitStatus.OK)
    except KgError as exc:
        from kg.hints import with_hint  # a failed statement's alone: not every command's

        return _report(err, with_hint(exc), exc.status)
    except KeyboardInterrupt as exc:
        return _interrupted(exc, err)
    except BrokenPipeError:  # the reader left (`| head`): what is left unwritten goes nowhere
        _quiet_stdout()
        return int(ExitStatus.OK)
    except OSError as exc:  # stdout on a full disk, a closed terminal
        if exc.filename:  # a file read or written by name (an unreadable shapes.ttl was
            return _report(err, f"error: {exc.filename}: {exc.strerror or exc}",  # "cannot
                           ExitStatus.DATA)  # write the output": hunt43 #1)
        return _report(err, f"error: cannot write the output: {exc.strerror or exc}",
                       ExitStatus.DATA)
    except Exception as exc:  # noqa: BLE001 - a bug in kg: one line, never a traceback
        return _report(err, f"internal error: {type(exc).__name__}: {exc} (please report it)",
                       ExitStatus.INTERNAL)


def _no_command(err: TextIO) -> int:
    """`echo VMSeries | kg`: the usage, then the error line, on stderr, as argparse says a
    usage error (136 lines of help and no error line: hunt106 F5); exit 2."""
    build_parser().print_usage(err)
    err.write(f"error: {_NO_COMMAND}\n")
    return int(ExitStatus.USAGE)


#: what kg says with no command (off a terminal, with or without global options: hunt108 F12)
_NO_COMMAND = ("no command given: `kg query -` runs the statement on stdin, `kg repl` a script "
               "of them (see `kg --help`)")


def _interrupted(exc: KeyboardInterrupt, err: TextIO) -> int:
    """Ctrl-C: "interrupted", 130. SIGTERM or SIGHUP (:class:`~kg.worker.Terminated`): 128 +
    the signal's number, and :func:`entry` ends the process by it, saying nothing (its
    sender knows, and a stderr nobody reads kept kg waiting: hunt66 R2). Said without an
    import: the abandoned work may still import."""
    if isinstance(exc, Terminated):
        return 128 + exc.signum
    try:
        err.write("interrupted\n")
        err.flush()
    except (OSError, ValueError):
        pass
    return int(ExitStatus.INTERRUPTED)


def _utf8(stream: TextIO | None, errors: str = "strict") -> None:
    """Write (or read) ``stream`` as UTF-8 whatever the locale says: JSON, CSV, RDF and HTML
    are UTF-8 by definition (in ASCII a German label ended the output half-written, exit 70;
    in Latin-1, `jq` read it wrong without a word), and so is a statement on stdin."""
    reconfigure = getattr(stream, "reconfigure", None)
    encoding = (getattr(stream, "encoding", None) or "").replace("_", "-").lower()
    if reconfigure is not None and encoding not in ("utf-8", "utf8"):
        try:
            reconfigure(encoding="utf-8", errors=errors)
        except (ValueError, OSError):  # already written to: left as it is
            pass


def _utf8_text(args: argparse.Namespace) -> None:
    """The statement and the parameters' values as UTF-8 text, as the shell gave their bytes:
    Python decodes arguments by the locale (with LANG=C a statement's "Ü" was "the byte 0xc3
    is not UTF-8": hunt115 F1). A path stays as Python decodes it, which opens the file."""
    def utf8(arg: str) -> str:
        try:
            return os.fsencode(arg).decode("utf-8", "surrogateescape")
        except UnicodeError:
            return arg

    if isinstance(getattr(args, "text", None), str):
        args.text = utf8(args.text)
    if isinstance(getattr(args, "param", None), list):
        args.param = [utf8(p) for p in args.param]


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of what the reader left
    unread fails no more (Python's documented way for a closed pipe)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):  # no stdout, or not a file
        pass


def _command(args: argparse.Namespace) -> Command:
    """The command the line names, with the options it refuses refused.

    Raises:
        UsageError: no command, or ``--as-of`` where it chooses nothing (it was ignored:
            hunt45 #3).
    """
    if args.command is None:
        raise UsageError(_NO_COMMAND)
    cmd = COMMANDS[args.command]
    if cmd.as_of_refused:
        every_revision(args, cmd.as_of_refused)
    return cmd


_STATEMENTS = ("check", "describe", "path", "neighbors", "schema")  #: KGQ's, not a class


def _words(argv: list[str]) -> list[str]:
    """The words of ``argv`` that are neither options nor the values of `kg`'s own."""
    valued = {flag for flags, kwargs in GLOBAL_OPTIONS for flag in flags
              if kwargs.get("action") != "store_true"}
    words, skip = [], False
    for a in argv:
        if skip or a.startswith("-"):
            skip = not skip and a in valued
            continue
        words.append(a)
    return words


def _parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line, parsed; ``--help`` and ``--version`` print (to stdout, as argparse
    does) and leave, with exit 4 when that output cannot be written, as any command's.

    Raises:
        _Done: ``--help`` or ``--version`` printed what they print.
    """
    try:
        args, extra = build_parser(lazy=True).parse_known_args(argv)
    except GivenTwice:  # said as it is (a statement's hint below named it: hunt81 F1, F6)
        raise
    except UsageError:  # `kg --lan de query …`: `de` taken for the command; say `--lan`
        unknown = _unknown_before_command(argv)
        if unknown:
            raise UsageError(_misplaced(argv, unknown) or f"unrecognized option: {unknown}"
                             f"{_meant(argv, [unknown])}\n(see `kg --help`)") from None
        hint = _statement_given(argv)  # `kg check NCv3 with …`: a statement (hunt75 F15)
        if hint:
            raise UsageError(hint) from None
        raise
    except SystemExit as done:  # argparse's own exit: only --help and --version (errors raise)
        if sys.stdout is not None:
            sys.stdout.flush()  # OSError: reported as for any output
        raise _Done(int(done.code or 0)) from None
    if extra:  # named here, where the command is known (argparse's top level names `kg`)
        prog = f"kg {args.command}" if getattr(args, "command", None) else "kg"
        if prog in ("kg query", "kg run") and any(
                a.startswith("--output") or (a.startswith("-o") and not a.startswith("--"))
                for a in extra):  # argparse took the file for the statement: say it plainly
            raise UsageError(f"{prog} has no option -o: it prints its result "
                             "(`kg export -o FILE …` writes it to a file)")
        misplaced = next((m for m in (_misplaced(argv, a) for a in extra) if m), "")
        if misplaced:  # `kg --ids query …`: an option of the command, given before it
            raise UsageError(misplaced)
        options = [a for a in extra if a.startswith("-") and len(a) > 1]  # `--form json X`:
        extra = options or extra  # its value taken for the statement, X was "unrecognized"
        raise UsageError(f"unrecognized {'option' if options else 'argument'}"  # (hunt78 F5)
                         f"{'s' if len(extra) > 1 else ''}: {' '.join(extra)}"
                         f"{_meant(argv, extra)}\n(see `{prog} --help`)")
    return args


def _statement_given(argv: list[str]) -> str:
    """What to say where the command line holds a statement in place of a command (`kg
    check NCv3 with "CUDA 12.1"`, `kg 'VMSeries | count'`), else ""."""
    words = _words(argv)
    head = words[0].split(maxsplit=1)[0] if words and words[0].strip() else ""
    if not head or words[0].casefold() in COMMANDS or not (  # (`kg Query`: argparse's list)
            head in _STATEMENTS or head[:1].isupper()):  # (`kg 'check …'`: hunt81)
        return ""
    import shlex  # (an error's words alone need it: not at every start)

    given = _unsecret([a for a in argv if a not in words])  # (its options, as they came,
    # without an endpoint's password: hunt81 F1)
    statement = words[0] if len(words) == 1 else " ".join(  # (a statement given whole: hunt81)
        f'"{w}"' if " " in w and w[:1] + w[-1:] != '""' else w  # the shell took the quotes
        for w in words)  # of `"CUDA 12.1"` (hunt77 R4); `'"CUDA 12.1"'` kept them (hunt79)
    named = head if len(words) > 1 else words[0]
    return (f"`{named}` is no command: a statement is given to kg query, "
            f"as in: {shlex.join(['kg', *given, 'query', statement])}")


def _unsecret(argv: list[str]) -> list[str]:
    """``argv`` with the credentials of an ``--endpoint`` URL hidden (an error says it)."""
    from kg.credentials import shown

    out = list(argv)
    for i, arg in enumerate(out):
        if arg.startswith("--endpoint="):
            out[i] = "--endpoint=" + shown(arg.split("=", 1)[1])
        elif i and out[i - 1] == "--endpoint":
            out[i] = shown(arg)
    return out


def _unknown_before_command(argv: list[str]) -> str | None:
    """The first ``--option`` before the command's name that ``kg`` does not know."""
    known = set(_options(None, short=True))
    for arg in argv:
        if arg in COMMANDS:
            return None
        if arg.startswith("-") and len(arg) > 1 and arg.split("=", 1)[0] not in known \
                and arg[:2] not in known:  # `-fjson`: -f with its value
            return arg
    return None


def _misplaced(argv: list[str], option: str) -> str:
    """What to say of an option of the command given before it (`kg --format json query
    …`), else "" (it named the option as the one meant)."""
    command = next((a for a in argv if a in COMMANDS), None)
    word = option.split("=", 1)[0]
    if not option.startswith("--"):
        word = option[:2]  # a short one, perhaps with its value: `-fjson`
    if command is None or word not in _options(command, short=True):
        return ""
    return (f"{word} is an option of `kg {command}`: give it after the command\n"
            f"(see `kg {command} --help`)")


def _options(command: str | None, *, short: bool = False) -> list[str]:
    """The long options of ``kg`` (None) or of one of its commands (and the short ones)."""
    globals_, commands = command_options()
    return _long(globals_ if command is None else commands[command][1], short=short)


def _long(options: list[Any], *, short: bool = False) -> list[str]:
    """The flags of ``options`` (completion's): the long ones, and the short ones too."""
    return [flag for o in options for flag in o.flags if short or flag.startswith("--")]


def _meant(argv: list[str], extra: list[str]) -> str:
    """`` (did you mean --format?)`` for an option misspelt or cut short (kg takes options
    only in full), else ""."""
    from kg.hints import close_matches

    command = next((a for a in argv if a in COMMANDS), None)
    globals_, commands = command_options()  # (once: each build reads every parser)
    options = _long(globals_ if command is None else commands[command][1])
    for arg in extra:
        word = arg.split("=", 1)[0]
        if command in ("run", "export", "query") and param_hint(arg):
            return param_hint(arg)
        if word.startswith("--"):
            others = [f"kg {name}" for name, (_, theirs) in commands.items()
                      if name != command and word in _long(theirs)]
            if others:  # `kg run --explain`: "did you mean --lang?" (hunt79)
                return f" ({word} is an option of {' and '.join(others)})"
            longer = [o for o in options if o.startswith(word)]
            found = longer[:1] or close_matches(word, options, n=1)
            if found:
                return f" (did you mean {found[0]}?)"
    return ""


class _Done(Exception):
    """The command line asked only for help or the version, which is printed."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _report(err: TextIO, text: str, status: int) -> int:
    """Write the one-line (or few-line) error; what it quotes (a parameter, a URL, a
    server's answer) may hold control characters, shown as escapes, never sent raw."""
    from kg.output.cells import printable

    try:
        err.write(printable(text.rstrip("\n")) + "\n")
        err.flush()
    except OSError:
        pass
    return int(status)


class _Closed(io.TextIOBase):
    """A standard stream the process was started without (``>&-``): writing to it fails
    as writing to a closed descriptor does (an error, exit 4, for a command that prints
    its result; none for one that writes a file)."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "the stream is closed")

    def isatty(self) -> bool:
        return False


def entry() -> None:
    status = main(leaving=True)
    import signal

    # the command is done: a Ctrl-C now would say "interrupted" of work ended, or kill the
    # process by the signal as it flushes (hunt40 #7): leaving already
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # a command SIGTERM or SIGHUP ended: main said 128 + its number, as a shell shows it
    by_signal = {128 + s: s for s in (signal.SIGTERM, signal.SIGHUP)}
    if status == ExitStatus.INTERRUPTED or status in by_signal:
        # the worker may still run (the engine's native code cannot be stopped): leave at
        # once, as a process killed by Ctrl-C does; output not yet written is dropped (the
        # worker may hold stdout's lock, blocked on a pipe nobody reads); files are written
        # whole or not at all
        from kg.fileio import settle_writes

        settle_writes()
        if status in by_signal:  # ended by the signal, as its sender expects
            signal.signal(by_signal[status], signal.SIG_DFL)
            os.kill(os.getpid(), by_signal[status])
        os._exit(status)
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:
        os._exit(ExitStatus.DATA)
    sys.exit(status)


