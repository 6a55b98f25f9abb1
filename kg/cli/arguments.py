"""The arguments `kg`'s commands share: each a function that adds its arguments to a
command's parser (:func:`kg.cli.registry.command`'s ``args``)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from kg.errors import UsageError
from kg.output import RESULT_FORMATS, Format
from kg.params import Once

__all__ = ["format_arg", "param_arg", "result_args", "ids_arg", "query_args", "saved_arg",
           "run_args", "repl_args", "list_args", "names_args", "export_args", "names_alone"]



def format_arg(p: argparse.ArgumentParser, formats: Sequence[Format], default: str,
                value: str | None = None) -> None:
    """``--format``: one of ``formats`` (the shell completion offers them), ``default`` said
    in the help (``value`` is the argument's value when not given)."""
    action = p.add_argument("--format", "-f", default=value, metavar="FMT", action=Once,
                            help=f"{', '.join(f.value for f in formats)} (default: {default})")
    action.formats = tuple(f.value for f in formats)  # type: ignore[attr-defined]  # completion


def param_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="a value for $NAME in the query; repeatable")


def result_args(p: argparse.ArgumentParser) -> None:
    format_arg(p, list(Format), "table on a terminal, json otherwise")
    param_arg(p)
    p.add_argument("--fail-empty", action="store_true", help="exit 1 when the result has no rows")
    ids_arg(p)


def ids_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ids", action="store_true",
                   help="json, jsonl, csv, tsv: add each row's entity IRI (@id) and, in JSON, "
                        "each entity as {\"@id\", \"label\"}: keys that do not change with --lang "
                        "(but a transpose's, which are its rows' names)")


def query_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", metavar="QUERY", nargs="?",
                   help="a KGQ statement, or - (or nothing, in a pipe) to read it from stdin")
    result_args(p)
    p.add_argument("--explain", action="store_true", help="print the compiled SPARQL instead")


def saved_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", metavar="NAME|FILE", help="a saved query (see `kg list`) or a .kgq file")


def run_args(p: argparse.ArgumentParser) -> None:
    saved_arg(p)
    result_args(p)


def repl_args(p: argparse.ArgumentParser) -> None:
    format_arg(p, list(RESULT_FORMATS), "table", value="table")
    p.add_argument("--no-rc", action="store_true",
                   help="do not run the start-up file, $XDG_CONFIG_HOME/kg/replrc (default "
                        "~/.config/kg/replrc), as psql's -X")


def list_args(p: argparse.ArgumentParser) -> None:
    names_args(p, "print only the names `kg run` takes, one per line, from the file names "
                   "without reading the files (what shell completion asks for)")


def names_args(p: argparse.ArgumentParser, names: str) -> None:
    """``--format`` (the result formats) and ``--names`` (a list of names, one per line)."""
    format_arg(p, list(RESULT_FORMATS), "table on a terminal, json otherwise")
    p.add_argument("--names", action="store_true", help=names)


def names_alone(args: argparse.Namespace) -> bool:
    """Does the command line ask for names alone (``--names``)?

    Raises:
        UsageError: ``--names`` and ``--format`` together.
    """
    if args.names and args.format is not None:
        raise UsageError("--names prints names alone; give it or --format, not both")
    return bool(args.names)


def export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="?", metavar="QUERY",
                   help="a KGQ statement, or - (or nothing, in a pipe) to read it from stdin")
    p.add_argument("--saved", metavar="NAME|FILE", action=Once,
                   help="export a saved query's result instead")
    param_arg(p)
    format_arg(p, list(Format), "from the extension of -o")
    p.add_argument("--output", "-o", default=None, metavar="FILE", action=Once,
                   help="write to FILE (atomically, creating missing folders); - or none: "
                        "stdout, with --format")
    ids_arg(p)
    p.add_argument("--fail-empty", action="store_true",
                   help="exit 1 when the result has no rows (its file is written all the same)")
    p.add_argument("--tables", default=None, metavar="DIR", action=Once,
                   help="write every table of the page as Markdown into DIR, one file each "
                        "(created when missing; another --lang into DIR/LANG/)")
