"""The `kg` command: argument parsing and exit codes; every command is a small function.

The exit codes are listed once, in :data:`EPILOG` (shown by `kg --help`), and in the README.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from kg.errors import ExitStatus, KgError, UsageError

__all__ = ["main", "build_parser", "COMMANDS"]

EPILOG = """\
exit codes:
  0  results (or nothing wrong)
  1  empty result under --fail-empty
  2  usage error (bad option, argument or parameter syntax)
  3  query error (syntax, unknown name, type, parameter, broken saved query)
  4  data error (malformed RDF, failed validation, unwritable output path)
  5  runtime error (the engine failed)

examples:
  kg query 'VMSeries | where category = GPU | show name, architecture'
  kg query --format json 'TrainingTarget | where supports AutoML'
  kg validate
  kg repl
"""

Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]
COMMANDS: dict[str, tuple[str, Handler]] = {}


def command(name: str, help_text: str) -> Callable[[Handler], Handler]:
    """Register a subcommand handler; its arguments are added in :func:`build_parser`."""

    def register(fn: Handler) -> Handler:
        COMMANDS[name] = (help_text, fn)
        return fn

    return register


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message}\n(see `{self.prog} --help`)")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", action="append", default=[], metavar="FILE",
                   help="load an extra RDF file (.ttl, .trig, .nt, .jsonld) on top; repeatable")
    p.add_argument("--lang", choices=("en", "de"), default="en",
                   help="language of labels in results (default: en)")


def _output(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", "-f", default=None, metavar="FMT",
                   help="table, json, jsonl, csv, tsv or md (default: table on a terminal, "
                        "json otherwise)")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="a value for $NAME in the query; repeatable")
    p.add_argument("--fail-empty", action="store_true",
                   help="exit 1 when the result has no rows")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kg", description="Query Azure Machine Learning's compute-target "
                     "documentation as a knowledge graph, in KGQ.", epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version="kg 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (help_text, _) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text, epilog=EPILOG,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        _common(p)
        ARGUMENTS.get(name, lambda _p: None)(p)
    return parser


def _query_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", metavar="QUERY", help="a KGQ statement, or - to read it from stdin")
    _output(p)
    p.add_argument("--explain", action="store_true", help="print the compiled SPARQL instead")


def _repl_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", "-f", default="table", metavar="FMT", help="result format")


def _run_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", metavar="NAME|FILE",
                   help="a saved query (see `kg list`) or a .kgq file")
    _output(p)


def _list_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", "-f", default=None, metavar="FMT",
                   help="table, json, jsonl, csv, tsv or md (default: table on a terminal, "
                        "json otherwise)")


def _show_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", metavar="NAME|FILE",
                   help="a saved query (see `kg list`) or a .kgq file")


def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="?", metavar="QUERY", help="a KGQ statement, or - to read stdin")
    p.add_argument("--saved", metavar="NAME|FILE", help="export a saved query's result instead")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="a value for $NAME in the query; repeatable")
    p.add_argument("--format", "-f", default=None, metavar="FMT",
                   help="turtle, nt, jsonld, md, csv, dot, mermaid, svg or graphml "
                        "(default: from the extension of -o)")
    p.add_argument("--output", "-o", default=None, metavar="FILE",
                   help="write to FILE (atomically) instead of stdout")
    p.add_argument("--tables", default=None, metavar="DIR",
                   help="write every table of the page as Markdown into DIR, one file each")


ARGUMENTS: dict[str, Callable[[argparse.ArgumentParser], None]] = {
    "query": _query_args,
    "repl": _repl_args,
    "run": _run_args,
    "list": _list_args,
    "show": _show_args,
    "export": _export_args,
}


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


def output_format(requested: str | None, out: TextIO) -> str:
    if requested:
        from kg.render import OutputFormat

        return OutputFormat.parse(requested).value
    return "table" if out.isatty() else "json"


@command("query", "run a KGQ statement and print its result")
def _query(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg import render
    from kg.plans import explain
    from kg.session import Graph

    text = sys.stdin.read() if args.text == "-" else args.text
    params = parse_params(args.param)
    fmt = output_format(args.format, out)
    graph = Graph.open(args.data, lang=args.lang)
    if args.explain:
        plan = graph.compile(text, params)
        out.write(explain(plan) + "\n")
        return ExitStatus.OK
    result = graph.query(text, params)
    width = None if not out.isatty() else os.get_terminal_size(out.fileno()).columns
    color = out.isatty() and "NO_COLOR" not in os.environ
    out.write(render(result, fmt, **({"width": width, "color": color} if fmt == "table" else {})))
    if args.fail_empty and not result.rows:
        return ExitStatus.EMPTY
    return ExitStatus.OK


@command("validate", "check the graph: SHACL shapes, provenance, labels, references")
def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.store import OxigraphStore
    from kg.validate import validate

    report = validate(OxigraphStore.open(args.data))
    out.write(report.render().rstrip("\n") + "\n")
    return ExitStatus.OK if report.ok else ExitStatus.DATA


@command("repl", "start the interactive shell (also: kg with no arguments on a terminal)")
def _repl(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.repl.app import run_repl

    return run_repl(data=args.data, lang=args.lang, fmt=args.format)


@command("run", "run a saved query (queries/NAME.kgq or a .kgq file) and print its result")
def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg import render
    from kg.saved import load_saved, run_saved
    from kg.session import Graph

    saved = load_saved(args.query)
    params = parse_params(args.param)
    fmt = output_format(args.format, out)
    result = run_saved(Graph.open(args.data, lang=args.lang), saved, params)
    width = None if not out.isatty() else os.get_terminal_size(out.fileno()).columns
    color = out.isatty() and "NO_COLOR" not in os.environ
    out.write(render(result, fmt, **({"width": width, "color": color} if fmt == "table" else {})))
    return ExitStatus.EMPTY if args.fail_empty and not result.rows else ExitStatus.OK


@command("list", "list the saved queries: name, description, parameters")
def _list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg import render
    from kg.result import Result
    from kg.saved import list_saved

    rows: list[list[object]] = [[q.name, q.description, tuple(str(p) for p in q.params) or None]
                                for q in list_saved()]
    fmt = output_format(args.format, out)
    out.write(render(Result(["name", "description", "parameters"], rows),  # type: ignore[arg-type]
                     fmt, **({"color": out.isatty()} if fmt == "table" else {})))
    return ExitStatus.OK


@command("show", "print a saved query's file: its header and query")
def _show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.saved import load_saved

    saved = load_saved(args.query)
    out.write(saved.source.rstrip("\n") + "\n")
    return ExitStatus.OK


@command("export", "export a result or its subgraph (RDF, Markdown, CSV, diagrams), or the "
                   "page's tables")
def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.export import Format, export, export_tables, write_atomic
    from kg.saved import load_saved, run_saved
    from kg.session import Graph

    given = [x for x in (args.text, args.saved, args.tables) if x is not None]
    if len(given) != 1:
        raise UsageError("give one of: a QUERY, --saved NAME, or --tables DIR")
    graph = Graph.open(args.data, lang=args.lang)
    if args.tables is not None:
        if args.format not in (None, "md", "markdown") or args.output or args.param:
            raise UsageError("--tables writes Markdown files into DIR; it takes no "
                             "--format, -o or --param")
        for path in export_tables(args.tables, graph):
            err.write(f"wrote {path}\n")
        return ExitStatus.OK
    if args.format is None and args.output is None:
        raise UsageError("--format is required when writing to stdout")
    fmt = Format.parse(args.format) if args.format else Format.from_extension(args.output)
    params = parse_params(args.param)
    if args.saved is not None:
        result = run_saved(graph, load_saved(args.saved), params)
    else:
        result = graph.query(sys.stdin.read() if args.text == "-" else args.text, params)
    data = export(result, fmt, graph)
    if args.output:
        write_atomic(args.output, data)
    else:
        out.write(data if isinstance(data, str) else data.decode("utf-8"))
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
        return int(COMMANDS[args.command][1](args, out, err))
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
