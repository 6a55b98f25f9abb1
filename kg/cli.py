"""The `kg` command: argument parsing and exit codes; every command is a small function.

Commands register with :func:`command`, which names their help and the function adding
their arguments. Results reach the screen or a file through :func:`emit`, so ``--format``
means the same in ``kg query``, ``kg run`` and ``kg export``. The exit codes are listed
once, in :data:`EPILOG` (shown by `kg --help`), and in the README.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from kg.errors import ExitStatus, KgError, UsageError
from kg.fileio import write_atomic
from kg.output import RESULT_FORMATS, Format, OutputContext, write

if TYPE_CHECKING:
    from kg.result import Result
    from kg.session import Graph

__all__ = ["main", "build_parser", "COMMANDS", "Command", "command", "emit", "EPILOG"]


def _formats() -> str:
    """Every format, one line each: result formats first, then the subgraph formats."""
    lines = ["formats (--format): the result itself, or the facts behind it"]
    lines += [f"  {f.value:<8} {f.what}" for f in Format]
    return "\n".join(lines)


EPILOG = f"""\
exit codes:
  0  results (or nothing wrong)
  1  empty result under --fail-empty
  2  usage error (bad option, argument or parameter syntax)
  3  query error (syntax, unknown name, type, parameter, broken saved query)
  4  data error (malformed RDF, failed validation, unwritable output path)
  5  runtime error (the engine failed)

{_formats()}

examples:
  kg query 'VMSeries | where category = GPU | show name, architecture'
  kg query --format json 'TrainingTarget | where supports AutoML'
  kg export --format turtle 'check NCv3 with "CUDA 12.1"'
  kg validate
  kg repl
"""

Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]
Arguments = Callable[[argparse.ArgumentParser], None]


@dataclass(frozen=True)
class Command:
    """One subcommand: its help line, what it does, and the arguments it takes."""

    name: str
    help: str
    run: Handler
    args: Arguments


COMMANDS: dict[str, Command] = {}


def command(name: str, help: str, *, args: Arguments = lambda p: None) -> Callable[[Handler], Handler]:
    """Register a subcommand handler (decorator); ``args`` adds its own arguments."""

    def register(fn: Handler) -> Handler:
        COMMANDS[name] = Command(name, help, fn, args)
        return fn

    return register


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message}\n(see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``kg`` and every registered command."""
    parser = _Parser(prog="kg", description="Query Azure Machine Learning's compute-target "
                     "documentation as a knowledge graph, in KGQ.", epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version="kg 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for cmd in COMMANDS.values():
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help, epilog=EPILOG,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.add_argument("--data", action="append", default=[], metavar="FILE",
                       help="load an extra RDF file (.ttl, .trig, .nt, .jsonld) on top; repeatable")
        p.add_argument("--lang", choices=("en", "de"), default="en",
                       help="language of labels in results (default: en)")
        cmd.args(p)
    return parser


# --- arguments ------------------------------------------------------------------------


def _format_arg(p: argparse.ArgumentParser, formats: Sequence[Format], default: str) -> None:
    p.add_argument("--format", "-f", default=None, metavar="FMT",
                   help=f"{', '.join(f.value for f in formats)} (default: {default})")


def _param_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="a value for $NAME in the query; repeatable")


def _result_args(p: argparse.ArgumentParser) -> None:
    _format_arg(p, list(Format), "table on a terminal, json otherwise")
    _param_arg(p)
    p.add_argument("--fail-empty", action="store_true", help="exit 1 when the result has no rows")


def _query_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", metavar="QUERY", help="a KGQ statement, or - to read it from stdin")
    _result_args(p)
    p.add_argument("--explain", action="store_true", help="print the compiled SPARQL instead")


def _saved_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", metavar="NAME|FILE", help="a saved query (see `kg list`) or a .kgq file")


def _run_args(p: argparse.ArgumentParser) -> None:
    _saved_arg(p)
    _result_args(p)


def _repl_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", "-f", default="table", metavar="FMT",
                   help=f"result format: {', '.join(f.value for f in RESULT_FORMATS)}")


def _list_args(p: argparse.ArgumentParser) -> None:
    _format_arg(p, list(RESULT_FORMATS), "table on a terminal, json otherwise")


def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="?", metavar="QUERY", help="a KGQ statement, or - to read stdin")
    p.add_argument("--saved", metavar="NAME|FILE", help="export a saved query's result instead")
    _param_arg(p)
    _format_arg(p, list(Format), "from the extension of -o")
    p.add_argument("--output", "-o", default=None, metavar="FILE",
                   help="write to FILE (atomically) instead of stdout")
    p.add_argument("--tables", default=None, metavar="DIR",
                   help="write every table of the page as Markdown into DIR, one file each")


# --- helpers ----------------------------------------------------------------------------


def parse_params(items: Sequence[str]) -> dict[str, str]:
    """``NAME=VALUE`` pairs from --param; a pair without ``=`` is a usage error."""
    params: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("$")
        if not sep or not name.isidentifier():
            raise UsageError(f"--param expects NAME=VALUE, not {item!r}")
        params[name] = value
    return params


def output_format(requested: str | None, out: TextIO) -> Format:
    """The format asked for, else a table on a terminal and JSON in a pipe."""
    if requested:
        return Format.parse(requested)
    return Format.TABLE if out.isatty() else Format.JSON


def emit(result: Result, fmt: Format, out: TextIO, graph: Graph | None = None, *,
         path: str | None = None) -> None:
    """Write ``result`` (or the facts behind it) in ``fmt``: to ``path`` atomically, else to
    ``out``, a table fitted to the terminal (bold header unless NO_COLOR is set)."""
    tty = path is None and out.isatty()
    ctx = OutputContext(graph.context if graph else None, graph.lang if graph else "en",
                        width=os.get_terminal_size(out.fileno()).columns if tty else None,
                        color=tty and "NO_COLOR" not in os.environ)
    text = write(result, fmt, ctx)
    if path is None:
        out.write(text)
    else:
        write_atomic(path, text)


def _text(arg: str) -> str:
    return sys.stdin.read() if arg == "-" else arg


def _status(result: Result, fail_empty: bool) -> int:
    return ExitStatus.EMPTY if fail_empty and not result.rows else ExitStatus.OK


# --- commands ---------------------------------------------------------------------------


@command("query", "run a KGQ statement and print its result", args=_query_args)
def _query(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.plans import explain
    from kg.session import Graph

    text, params = _text(args.text), parse_params(args.param)
    fmt = output_format(args.format, out)
    graph = Graph.open(args.data, lang=args.lang)
    if args.explain:
        out.write(explain(graph.compile(text, params)) + "\n")
        return ExitStatus.OK
    result = graph.query(text, params)
    emit(result, fmt, out, graph)
    return _status(result, args.fail_empty)


@command("validate", "check the graph: SHACL shapes, provenance, labels, references")
def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.store import OxigraphStore
    from kg.validate import validate

    report = validate(OxigraphStore.open(args.data))
    out.write(report.render().rstrip("\n") + "\n")
    return ExitStatus.OK if report.ok else ExitStatus.DATA


@command("repl", "start the interactive shell (also: kg with no arguments on a terminal)",
         args=_repl_args)
def _repl(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.repl.app import run_repl

    return run_repl(data=args.data, lang=args.lang, fmt=args.format)


@command("run", "run a saved query (queries/NAME.kgq or a .kgq file) and print its result",
         args=_run_args)
def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.saved import load_saved, run_saved
    from kg.session import Graph

    saved = load_saved(args.query)
    params = parse_params(args.param)
    fmt = output_format(args.format, out)
    graph = Graph.open(args.data, lang=args.lang)
    result = run_saved(graph, saved, params)
    emit(result, fmt, out, graph)
    return _status(result, args.fail_empty)


@command("list", "list the saved queries: name, description, parameters", args=_list_args)
def _list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.result import Result, ResultKind
    from kg.saved import list_saved

    fmt = RESULT_FORMATS.parse(args.format) if args.format else output_format(None, out)
    rows: list[list[object]] = [[q.name, q.description, tuple(str(p) for p in q.params) or None]
                                for q in list_saved()]
    emit(Result(["name", "description", "parameters"], rows,  # type: ignore[arg-type]
                ResultKind.LISTING), fmt, out)
    return ExitStatus.OK


@command("show", "print a saved query's file: its header and query", args=_saved_arg)
def _show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.saved import load_saved

    out.write(load_saved(args.query).source.rstrip("\n") + "\n")
    return ExitStatus.OK


@command("export", "export a result or the facts behind it (in any format), or the page's "
                   "tables", args=_export_args)
def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.saved import load_saved, run_saved
    from kg.session import Graph

    given = [x for x in (args.text, args.saved, args.tables) if x is not None]
    if len(given) != 1:
        raise UsageError("give one of: a QUERY, --saved NAME, or --tables DIR")
    graph = Graph.open(args.data, lang=args.lang)
    if args.tables is not None:
        return _export_tables(args, graph, err)
    if args.format is None and args.output is None:
        raise UsageError("--format is required when writing to stdout")
    fmt = Format.parse(args.format) if args.format else Format.from_extension(args.output)
    params = parse_params(args.param)
    if args.saved is not None:
        result = run_saved(graph, load_saved(args.saved), params)
    else:
        result = graph.query(_text(args.text), params)
    emit(result, fmt, out, graph, path=args.output)
    return ExitStatus.OK


def _export_tables(args: argparse.Namespace, graph: Graph, err: TextIO) -> int:
    from kg.tables import export_tables

    if (args.format and Format.parse(args.format) is not Format.MD) or args.output or args.param:
        raise UsageError("--tables writes Markdown files into DIR; it takes no "
                         "--format, -o or --param")
    for path in export_tables(args.tables, graph):
        err.write(f"wrote {path}\n")
    return ExitStatus.OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    """Run ``kg``; return (and, as a script, exit with) the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if not argv:
            if sys.stdin.isatty() and out.isatty():
                argv = ["repl"]
            else:
                build_parser().print_help(out)
                return ExitStatus.USAGE
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError("no command given (see `kg --help`)")
        return int(COMMANDS[args.command].run(args, out, err))
    except KgError as exc:
        err.write(exc.render().rstrip("\n") + "\n")
        return int(exc.status)
    except KeyboardInterrupt:
        err.write("interrupted\n")
        return int(ExitStatus.INTERRUPTED)
    except BrokenPipeError:
        return int(ExitStatus.OK)


def entry() -> None:
    sys.exit(main())
