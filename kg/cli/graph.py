"""Commands about the graph itself: validate, the shell, revisions, diff, publish."""

from __future__ import annotations

import argparse
from typing import TextIO

from kg.cli.arguments import format_arg, names_alone, names_args, repl_args
from kg.cli.registry import (
    RESULT_FORMATS,
    command,
    embedded_only,
    open_graph,
    tell,
    whose_endpoint,
)
from kg.cli.writing import emit, output_format
from kg.errors import ExecutionError, ExitStatus, UsageError
from kg.params import Once


@command("validate", "check the graph: SHACL shapes, provenance, labels, references",
         embedded=True,  # (it refuses one: hunt108 F8)
         examples=("kg validate", "kg validate --data my-facts.ttl", "kg validate --as-of seed"))
def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.store import OxigraphStore
    from kg.validate import validate

    embedded_only(args, "kg validate checks the embedded graph and --data (to check a server, "
                  "validate the files you publish)")
    from kg.output.cells import printable

    report = validate(OxigraphStore.open(args.data, as_of=args.as_of))
    out.write(printable(report.render().rstrip("\n")) + "\n")  # a data file's escapes (hunt129 F1)
    return ExitStatus.OK if report.ok else ExitStatus.DATA


@command("repl", "start the interactive shell (also: kg with no arguments on a terminal)",
         args=repl_args, examples=("kg repl", "kg repl --lang de --as-of seed"))
def _repl(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.repl.app import run_repl

    try:
        return run_repl(data=args.data, lang=args.lang, fmt=args.format, as_of=args.as_of,
                        endpoint=args.endpoint, out=out, err=err,
                        startup=False if args.no_rc else None)
    except ExecutionError as exc:  # as every other command says it (hunt43 #10)
        raise whose_endpoint(exc, args) from None


def _diff_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("old", metavar="OLD", help="a date or revision name (see `kg revisions`)")
    p.add_argument("new", metavar="NEW", help="another date or revision name (usually a later "
                   "one: from an earlier, the changes read backwards)")
    format_arg(p, list(RESULT_FORMATS), "table on a terminal, json otherwise")


def _revisions_args(p: argparse.ArgumentParser) -> None:
    names_args(p, "print only the names --as-of takes (dates aside), one per line")


@command("revisions", "list the page revisions kg knows: date, names, commit, what each is",
         args=_revisions_args, examples=("kg revisions", "kg revisions --format md",
                                         "kg revisions --names"))
def _revisions(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    names = names_alone(args)
    graph = open_graph(args)
    store = graph.store
    if names:
        from kg.revisions import names_of

        out.writelines(f"{name}\n" for name in names_of(store.revisions))
        return ExitStatus.OK
    from kg.revisions import listing

    fmt = RESULT_FORMATS.parse(args.format) if args.format is not None else output_format(None, out)
    emit(listing(store.revisions, store.revision, args.lang), fmt, out, graph)
    return ExitStatus.OK


@command("diff", "what changed on the page between two revisions: added, removed and changed "
                 "facts, each with its source", args=_diff_args,
         as_of_refused="kg diff compares the two revisions it is given", embedded=True,
         examples=("kg diff 2024-01-23 2026-03-31", "kg diff seed latest --format md > CHANGES.md"))
def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.diff import diff_revisions

    embedded_only(args, "kg diff compares the revisions of the embedded graph")
    notes: list[str] = []
    result = diff_revisions(args.old, args.new, data=tuple(args.data), lang=args.lang,
                            notes=notes)
    fmt = RESULT_FORMATS.parse(args.format) if args.format is not None else output_format(None, out)
    emit(result, fmt, out)
    for note in notes:
        tell(err, f"note: {note}")  # (as every note: hunt80 F4)
    return ExitStatus.OK


def _publish_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--store", required=True, metavar="URL", action=Once,
                   help="the server's SPARQL 1.1 Graph Store endpoint (Oxigraph: …/store); a "
                        "user and password in the URL or in ~/.netrc")
    p.add_argument("--dry-run", action="store_true",
                   help="print the requests instead of sending them (it reads the server's "
                        "manifest, to show which graphs a publish deletes)")


@command("publish", "upload the embedded graph (plus --data) to a SPARQL server, one named "
                    "graph per source, replacing what kg published there before",
         args=_publish_args,
         as_of_refused="kg publish uploads every revision (a reader chooses one by --as-of)",
         unused=("--endpoint", "--lang"),
         examples=("kg publish --store http://localhost:7878/store",
                   "kg publish --store http://localhost:7878/store --dry-run"))
def _publish(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from kg.credentials import GRAPH_STORE_HINT, server
    from kg.publish import MANIFEST_GRAPH, plan_uploads, publish, read_manifest, refuse_others

    if args.endpoint and args.endpoint_from != "KG_ENDPOINT":  # (a team's default is let be)
        raise UsageError("kg publish uploads the embedded graph (plus --data), not a server's: "
                         "--endpoint does not go with it")  # it was ignored (hunt93 F4)
    store = server(args.store)  # credentials found once; a bad URL fails before the read
    try:  # a dry run too: the DELETEs are what a preview must not hide
        manifest, unread = read_manifest(store), None
    except ExecutionError as exc:
        if not args.dry_run:
            raise
        manifest, unread = [], exc
    previous = manifest or []
    uploads = plan_uploads(args.data, previous)
    if unread is None:  # a data file's graph that is someone else's: refused, dry run or not
        refuse_others(store, uploads, previous)
    from kg.output.cells import printable

    if args.dry_run:
        out.write("".join(u.describe(store.url) + "\n" for u in uploads))
        if unread is not None:  # a server's words: no escape reaches the terminal
            tell(err, f"note: {printable(str(unread))}; so the graphs kg published there "
                      "before, which a publish deletes, are not shown")
        elif manifest is None:  # a wrong path reads as one: the plan seemed clean (hunt93 F2)
            tell(err, f"note: {store.url} has no manifest of kg's: kg has not published there "
                      f"yet; {GRAPH_STORE_HINT}")
        return ExitStatus.OK
    publish(store, uploads)
    sent = [u for u in uploads if u.method == "PUT" and u.graph != MANIFEST_GRAPH]
    gone = [u.graph for u in uploads if u.method == "DELETE"]  # said, not only in a dry run
    tell(err, f"published {len(sent)} graphs ({sum(u.count for u in sent):,} triples) to "  # (a
              f"{store.url}" + (f"; deleted {len(gone)} it published before and sends no "  # --data
                                f"more: {', '.join(f'<{printable(g)}>' for g in gone[:3])}"  # graph of
                                f"{', …' if len(gone) > 3 else ''}" if gone else ""))  # hunt104 F5)
    return ExitStatus.OK
