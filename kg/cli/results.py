"""Commands that run statements and saved queries and write their results."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, TextIO

from kg.cli.arguments import export_args, list_args, names_alone, query_args, run_args, saved_arg
from kg.cli.registry import RESULT_FORMATS, Format, command, open_graph, tell
from kg.cli.writing import (
    emit,
    emit_parts,
    exit_status,
    note_columns,
    output_format,
    statement_text,
    stdin_given,
)
from kg.errors import ExitStatus, SavedQueryError, UsageError
from kg.output import STREAMERS
from kg.output.cells import printable
from kg.params import param_hint, parse_params, refuse_unused

if TYPE_CHECKING:
    from kg.session import Graph


@command("query", "run a KGQ statement and print its result", args=query_args, examples=(
    "kg query 'VMSeries | where category = GPU | show name, architecture'",
    "kg query --format csv 'TrainingTarget | show name, supports(AutoML)'",
    "kg query --as-of 2024-01-23 'VMSeries | where has supportedBy | count'",
    "echo 'check NCv3 with \"CUDA 12.1\"' | kg query --format md",
    "kg query --explain 'GPUArchitecture | where minCuda >= 10.0'",
    "kg query --format json --ids 'VMSeries | where category = GPU | show name, ^series'"))
def _query(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.parser import parse

    _refuse_with_explain(args)
    text, params = statement_text(args.text), parse_params(args.param)
    refuse_unused(text, params)
    fmt = output_format(args.format, out)
    parse(text)  # before the graph opens: a typo is exit 3, not 5 with a server down (hunt89 F4)
    graph = open_graph(args, names_alone=True)
    if args.explain:
        out.write(graph.explain(text, params) + "\n")
        return ExitStatus.OK
    if fmt in STREAMERS:  # rows are written as the engine gives them
        return exit_status(emit_parts(graph.stream(text, params), fmt, out, graph, ids=args.ids,
                                      err=err), args.fail_empty)
    result = graph.query(text, params)
    emit(result, fmt, out, graph, ids=args.ids, title=text)
    note_columns(result, err, fmt, graph)
    return exit_status(result, args.fail_empty)


def _refuse_with_explain(args: argparse.Namespace) -> None:
    """``--explain`` prints the SPARQL, no result: an option for the result beside it is
    a usage error (it was ignored without a word: hunt89 F10)."""
    given = [option for option, on in (("--format", args.format is not None), ("--ids", args.ids),
                                        ("--fail-empty", args.fail_empty)) if on]
    if args.explain and given:
        raise UsageError(f"--explain prints the compiled SPARQL, not a result: "
                         f"{' and '.join(given)} {'does' if len(given) == 1 else 'do'} not go with it")


@command("run", "run a saved query (see `kg list`) and print its result", args=run_args,
         examples=("kg run series-by-architecture --param arch=Volta",
                   "kg run pytorch-for-series --param series=NCv3 --format json"))
def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.saved import load_saved, run_saved, stream_saved
    from kg.saved.binding import refuse_given

    saved = load_saved(args.query)
    params = parse_params(args.param)
    fmt = output_format(args.format, out)
    refuse_given(saved, params)  # before the graph opens (as `kg query` parses: hunt89 F4)
    graph = open_graph(args, names_alone=True)
    if fmt in STREAMERS:
        return exit_status(emit_parts(stream_saved(graph, saved, params), fmt, out, graph,
                                      ids=args.ids, err=err), args.fail_empty)
    result = run_saved(graph, saved, params)
    emit(result, fmt, out, graph, ids=args.ids, title=saved.title)
    note_columns(result, err, fmt, graph)
    return exit_status(result, args.fail_empty)


@command("list", "list the saved queries: name, description, parameters, whose", args=list_args,
         examples=("kg list", "kg list --format md", "kg list --names"))
def _list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if names_alone(args):
        from kg.saved.files import saved_names
        from kg.saved.folders import unreadable

        out.writelines(name + "\n" for name in saved_names())
        problems = unreadable()  # the others' names, then what is wrong
        err.writelines(printable(problem.render()) + "\n" for problem in problems)
        return max((problem.status for problem in problems), default=ExitStatus.OK)
    from kg.saved import list_saved
    from kg.saved.listing import listed_rows

    fmt = RESULT_FORMATS.parse(args.format) if args.format is not None else output_format(None, out)
    broken: list[SavedQueryError] = []  # listed after the others: exit 3, 4 for a folder
    result = listed_rows(list_saved(broken=broken), lambda: open_graph(args, names_alone=True),
                         broken, lambda text: tell(err, text))
    emit(result, fmt, out)
    for exc in broken:
        err.write(printable(exc.render()) + "\n")  # a file name's escapes (hunt57 F7)
    return max((exc.status for exc in broken), default=ExitStatus.OK)  # a folder's 4 first


@command("show", "print a saved query's file: its header and query", args=saved_arg,
         examples=("kg show series-by-architecture",))
def _show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.output.cells import printable
    from kg.saved import check_saved, missing_source
    from kg.saved.files import find_saved, read_source, saved_from
    from kg.saved.listing import other_revision

    path, named = find_saved(args.query)
    source = read_source(path)
    graph = open_graph(args, names_alone=True)  # first: a usage error or a server down is
    # said with nothing printed, as `kg list` says it (the query came, then the error: hunt55 F7)
    out.write(printable(source.rstrip("\n")) + "\n")  # a broken one too: then it is needed
    saved = saved_from(path, source, named=named)  # and what is wrong with it (exit 3), all
    if not other_revision(saved, missing_source(saved, graph.ontology), lambda text: tell(err, text)):
        check_saved(graph, saved)  # that `kg list` and `kg run` say
    return ExitStatus.OK


@command("export", "export a result or the facts behind it (in any format), or the page's "
                   "tables", args=export_args, examples=(
    "kg export -o gpu-series.ttl 'VMSeries | where category = GPU'",
    "kg export --format mermaid 'check NCv3 with \"CUDA 12.1\"'",
    "kg export --saved series-by-architecture --param arch=Volta -o volta.md",
    "kg export --tables docs/tables --lang de"))
def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.own_inputs import graph_inputs, refuse_output
    from kg.parser import parse
    from kg.saved import load_saved, run_saved
    from kg.saved.binding import refuse_given
    from kg.saved.folders import saved_query_files

    given = [x for x in (args.text, args.saved, args.tables) if x is not None]
    if not given and stdin_given():  # a statement piped in, as `kg query` reads it
        given = ["-"]  # (it wanted `-`: hunt89 F8)
    if len(given) != 1:
        raise UsageError("give one of: a QUERY (- or a pipe: from stdin), --saved NAME, "
                         "or --tables DIR" + param_hint(args.text if args.saved else None))
    saved = load_saved(args.saved) if args.saved is not None else None  # a missing one
    # or a typo is said before the graph opens, as `kg run` says it (hunt89 F4, hunt91 F5)
    text = None
    if saved is not None:
        refuse_given(saved, parse_params(args.param))
    elif args.tables is None:  # read (stdin once) and parsed before the graph opens: a
        text = statement_text(args.text)  # piped typo was exit 5 with a server down, not 3
        parse(text)  # (hunt95 #7)
    graph = open_graph(args, names_alone=args.tables is None)
    if args.tables is not None:
        return _export_tables(args, graph, err)
    path, fmt = _export_target(args)
    params = parse_params(args.param)
    if path is not None:  # before anything runs: not onto what it reads (hunt83 F1)
        refuse_output(path, [*graph_inputs(graph.store), *(
            [("the saved query being run", saved.path)] if saved is not None and saved.path
            else [("the file the statement is read from (stdin)", 0)] if args.text in (None, "-")
            else []), *saved_query_files(path)])
    if saved is not None:
        result = ran = run_saved(graph, saved, params)
        from kg.tables import is_page_table, saved_table

        if fmt in (Format.MD, Format.HTML) and is_page_table(saved):  # a document: made as
            result = saved_table(saved, result, graph, params)  # its page table is
    else:
        assert text is not None
        refuse_unused(text, params)  # as `kg query` says (a saved query's run says so too)
        result = ran = graph.query(text, params)
    emit(result, fmt, out, graph, path=path, ids=args.ids,
         title=saved.title if saved is not None else text)
    # (as kg query: hunt101 F8) of the rows the query gave: a page table's yes and no
    # were "not a boolean" (hunt141 F1)
    note_columns(ran, err, fmt, graph)
    return exit_status(result, args.fail_empty)


def _export_target(args: argparse.Namespace) -> tuple[str | None, Format]:
    """Where `kg export` writes (None: stdout) and in which format."""
    path = None if args.output == "-" else args.output  # -o -: stdout, as in most tools
    if path is not None and not path.strip():  # it was `cannot write .: it is a folder`
        raise UsageError("-o needs a file name (or - for stdout), not an empty name")
    if args.format is not None:  # after a missing saved query: it was `--format is
        # required` (hunt51 #12)
        return path, Format.parse(args.format)
    if path is not None:
        return path, Format.from_extension(path)
    raise UsageError("--format is required when writing to stdout")


def _export_tables(args: argparse.Namespace, graph: Graph, err: TextIO) -> int:
    from kg.tables import export_tables

    if (args.format is not None and Format.parse(args.format) is not Format.MD) or args.output \
            or args.param or args.ids or args.fail_empty:
        raise UsageError("--tables writes Markdown files into DIR; it takes no "
                         "--format, -o, --param, --ids or --fail-empty")
    if not args.tables.strip():
        raise UsageError("--tables needs a folder to write into, not an empty name")
    written, removed = export_tables(args.tables, graph)
    for path in written:
        tell(err, f"wrote {printable(str(path))}")
    for path in removed:
        tell(err, f"removed {printable(str(path))}: a table of another page revision, not of this one")
    return ExitStatus.OK
