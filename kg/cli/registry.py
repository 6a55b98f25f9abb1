"""The command registry of `kg`: global options, the parser, and the helpers every command
shares to open the graph (what they write: :mod:`kg.cli.writing`)."""

from __future__ import annotations

import argparse
import errno
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from kg.errors import ExecutionError, KgError, UsageError
from kg.i18n import LANGUAGES
from kg.output import RESULT_FORMATS, Format
from kg.params import Once, given_twice
from kg.paths import ENVIRONMENT, expand_home
from kg.records import record

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from kg.session import Graph

__all__ = ["build_parser", "COMMANDS", "Command", "command", "EPILOG", "open_graph",
           "whose_endpoint", "embedded_only", "tell"]


def _environment() -> str:
    """Every environment variable kg reads, one line each."""
    width = max(map(len, ENVIRONMENT))
    return "\n".join(["environment:"] + [
        textwrap.fill(what, 86, initial_indent=f"  {name:<{width}}  ",
                      subsequent_indent=" " * (width + 4)) for name, what in ENVIRONMENT.items()])


def _formats(taken: Sequence[str] | None = None) -> str:
    """Every format (or those ``taken``), one line each: result formats first, then the
    subgraph formats."""
    shown = [f for f in Format if taken is None or f.value in taken]
    # result formats alone: not "or the facts behind it" (hunt42 #10)
    facts = ", or the facts behind it" if any(f not in RESULT_FORMATS for f in shown) else ""
    lines = [f"formats (--format): the result itself{facts}"]
    lines += [f"  {f.value:<8} {f.what}" for f in shown]
    return "\n".join(lines)


EPILOG = f"""\
exit codes:
  0  results (or nothing wrong)
  1  empty result under --fail-empty (query, run, export)
  2  usage error (bad option, argument or parameter syntax)
  3  query error (syntax, unknown name, type, parameter, broken saved query)
  4  data error (malformed RDF, failed validation, a path kg cannot read or write)
  5  runtime error (the engine failed, a SPARQL endpoint is down or answered an error,
     Graphviz's dot is missing, fails or takes too long)
  70 internal error (a bug in kg: reported in one line, please report it)
  130 interrupted (Ctrl-C); on SIGTERM or SIGHUP kg leaves the same way (files
      whole or not at all), then ends by that signal (a shell shows 143 or 129)

{_formats()}

{_environment()}

examples:
  kg query 'VMSeries | where category = GPU | show name, architecture'
  kg query --format json 'TrainingTarget | where supports AutoML'
  kg export --format turtle 'check NCv3 with "CUDA 12.1"'
  kg validate
  kg repl
"""

Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]
Arguments = Callable[[argparse.ArgumentParser], None]


@record
class Command:
    """One subcommand: its help line, what it does, the arguments it takes, and examples
    for its own ``--help``."""

    name: str
    help: str
    run: Handler
    args: Arguments
    examples: tuple[str, ...] = ()
    #: why --as-of chooses nothing for it ("": it chooses the revision read); then it is
    #: refused before the command runs, and its help does not offer it
    as_of_refused: str = ""
    #: global options that choose nothing for it, left out of its help (`kg publish --help`
    #: offered --endpoint, which it refuses, and --lang: hunt104 F6)
    unused: tuple[str, ...] = ()
    #: works on the embedded graph alone (:func:`embedded_only`): its help offers
    #: `--endpoint ''`, which its refusal of $KG_ENDPOINT's server tells the user to give
    #: (the help left it out: hunt141 F4)
    embedded: bool = False


COMMANDS: dict[str, Command] = {}


def command(name: str, help: str, *, args: Arguments = lambda p: None,
            examples: Sequence[str] = (), as_of_refused: str = "",
            unused: Sequence[str] = (), embedded: bool = False) -> Callable[[Handler], Handler]:
    """Register a subcommand handler (decorator); ``args`` adds its own arguments;
    ``as_of_refused``: why --as-of chooses nothing for it (:attr:`Command.as_of_refused`);
    ``unused``: the global options its help leaves out (:attr:`Command.unused`);
    ``embedded``: it reads the embedded graph alone (:attr:`Command.embedded`)."""

    def register(fn: Handler) -> Handler:
        COMMANDS[name] = Command(name, help, fn, args, tuple(examples), as_of_refused,
                                 tuple(unused), embedded)
        return fn

    return register


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message}\n(see `{self.prog} --help`)")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """As argparse's, without hiding a failed write (help on a full disk is exit 4; with
        stdout closed, `>&-`, too: it was an internal error, exit 70, hunt51 #6)."""
        if message:
            stream = file or sys.stdout
            if stream is None:
                raise OSError(errno.EBADF, "the stream is closed")
            stream.write(message)


#: The options every command takes, before or after its name: (flags, argparse keywords).
GLOBAL_OPTIONS: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (("--data",), {"action": "append", "metavar": "FILE", "help":
                   "load an extra RDF file (.ttl, .turtle, .trig, .nt, .nq, .jsonld, or the "
                   "names kg export takes: .ntriples, .nquads, .json-ld, …) on top; "
                   "repeatable"}),
    (("--lang",), {"action": Once, "choices": LANGUAGES,
                   "help": "language of labels in results (default: en)"}),
    (("--as-of",), {"action": Once, "metavar": "DATE", "dest": "as_of", "help":
                    "answer as of the page revision current at DATE (YYYY-MM-DD), or a "
                    "revision's name (seed or 2024, 2025, 2026, latest; see `kg revisions`); "
                    "default: the latest. Facts from outside the page (GPUs, CUDA, "
                    "frameworks, Azure's VM pages) hold in every revision"}),
    (("--endpoint",), {"action": Once, "metavar": "URL", "help": "run every statement on this SPARQL 1.1 "
                       "query endpoint instead of the embedded graph (default: $KG_ENDPOINT; "
                       "--endpoint '' for the embedded graph)"}),
]
_DEFAULTS: dict[str, Any] = {"data": [], "lang": "en", "as_of": None, "endpoint": None}


class _Version(argparse.Action):
    """``--version``: the installed distribution's version, pyproject.toml's (it was a second
    copy here, the same for every build: hunt75 F2), and the folder kg runs from."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version(DISTRIBUTION)
        except PackageNotFoundError:  # run from a checkout that is not installed
            number = "(not installed)"
        parser._print_message(f"kg {number} ({Path(__file__).resolve().parent.parent})\n",
                              sys.stdout)  # (as argparse's own version action writes it)
        parser.exit()


#: kg's distribution on an index (`kg` on PyPI is another project: hunt75 F1)
DISTRIBUTION = "azml-kg"


def build_parser(*, lazy: bool = False) -> argparse.ArgumentParser:
    """The argument parser of ``kg`` and every registered command. ``lazy``: a command's
    own arguments are added when its parser is first used (`kg query …` builds the one
    parser of `query`; 13 built whole were 5 ms of a cold start)."""
    parser = _Parser(prog="kg", description="Query Azure Machine Learning's compute-target "
                     "documentation as a knowledge graph, in KGQ.", epilog=EPILOG,
                     formatter_class=argparse.RawDescriptionHelpFormatter,
                     allow_abbrev=False)  # `--form` is no `--format`: a script that abbreviates
    # would break the day kg gains a second option that starts the same
    parser.add_argument("--version", action=_Version, nargs=0, default=argparse.SUPPRESS,
                        help="show kg's version (and where it is installed) and exit")
    for flags, kwargs in GLOBAL_OPTIONS:
        parser.add_argument(*flags, **kwargs, default=None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)
    for cmd in COMMANDS.values():
        p = sub.add_parser(cmd.name, help=cmd.help, description=cmd.help, allow_abbrev=False,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        p.command = cmd
        if not lazy:
            p.filled()
    return parser


class _CommandParser(_Parser):
    """One command's parser: its arguments are added by :meth:`filled`, which parsing and
    help call first."""

    command: Command | None = None

    def filled(self) -> _CommandParser:
        """This parser with the global options, the command's arguments and its epilog."""
        cmd, self.command = self.command, None
        if cmd is not None:
            for flags, kwargs in GLOBAL_OPTIONS:  # after the command too, kept apart from
                dest = kwargs.get("dest", flags[0].lstrip("-"))  # a value given before it
                if (flags == ("--as-of",) and cmd.as_of_refused) or flags[0] in cmd.unused:
                    kwargs = kwargs | {"help": argparse.SUPPRESS}  # (refused: hunt80 F5)
                elif flags == ("--endpoint",) and cmd.embedded:
                    kwargs = kwargs | {"help": f"'' alone: the embedded graph, whatever "
                                       f"$KG_ENDPOINT says (kg {cmd.name} reads no endpoint)"}
                self.add_argument(*flags, **kwargs | {"dest": f"{dest}_after"},  # (_globals
                                  default=argparse.SUPPRESS)  # joins them)
            cmd.args(self)
            self.epilog = _epilog(cmd, self)
        return self

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        return super(_CommandParser, self.filled()).parse_known_args(args, namespace)

    def format_help(self) -> str:
        return super(_CommandParser, self.filled()).format_help()

    def format_usage(self) -> str:
        return super(_CommandParser, self.filled()).format_usage()


def _epilog(cmd: Command, p: argparse.ArgumentParser) -> str:
    """The command's examples, the exit codes, the formats its ``--format`` takes (none
    without one: `kg show` has none, `kg list` takes the result formats alone) and the
    environment."""
    examples = "\n".join(f"  {e}" for e in cmd.examples)
    option = p._option_string_actions.get("--format")  # noqa: SLF001
    formats = getattr(option, "formats", None)
    common = EPILOG.split("\nexamples:")[0]
    if formats is None:
        common = common.replace(_formats() + "\n\n", "")
    else:
        common = common.replace(_formats(), _formats(formats))
    if cmd.name not in ("query", "run", "export"):  # `kg list` lists no `describe` (hunt54 F17)
        common = common.replace(" (describe: entity sections)", "")
    return (f"examples:\n{examples}\n\n" if examples else "") + common


def _globals(args: argparse.Namespace, notes: TextIO | None = None) -> argparse.Namespace:
    """Fill the global options not given with their defaults ($KG_ENDPOINT for --endpoint);
    ``notes``: where opening the graph says what the user should know (:func:`open_graph`)."""
    args.notes = notes
    for name in ("lang", "as_of", "endpoint"):  # before the command and after it: one value
        before, after = getattr(args, name, None), getattr(args, f"{name}_after", None)
        if before is not None and after is not None and before != after:
            raise UsageError(given_twice("--" + name.replace("_", "-"), before, after))
        setattr(args, name, before if after is None else after)
    for name, default in _DEFAULTS.items():
        if getattr(args, name, None) is None:
            setattr(args, name, list(default) if isinstance(default, list) else default)
    args.data = [expand_home(d)  # `--data=~/x.ttl`, as .load (hunt51)
                 for d in (*args.data, *getattr(args, "data_after", []))]
    for name in ("output", "tables", "directory"):  # `--output=~/x.csv`, a quoted '~/site':
        given = getattr(args, name, None)  # a folder named ~ made here (hunt64 F3)
        if isinstance(given, str):
            setattr(args, name, expand_home(given))
    given = getattr(args, "endpoint", None)
    args.endpoint_from = "--endpoint" if given is not None else "KG_ENDPOINT"
    if given is None:  # --endpoint '' is the embedded graph, whatever $KG_ENDPOINT says
        given = os.environ.get("KG_ENDPOINT")
    args.endpoint = given or None
    return args


def every_revision(args: argparse.Namespace, what: str) -> None:
    """Refuse `--as-of` for a command that chooses no revision by it (it was ignored:
    hunt45 #3).

    Raises:
        UsageError: `--as-of` is given.
    """
    if args.as_of is not None:
        raise UsageError(f"{what}: --as-of chooses nothing here")


def embedded_only(args: argparse.Namespace, what: str) -> None:
    """Refuse an endpoint for a command that works on the embedded graph alone, naming
    where the endpoint came from and how to do without it.

    Raises:
        UsageError: an endpoint is set (by --endpoint or $KG_ENDPOINT).
    """
    if args.endpoint and args.endpoint_from == "KG_ENDPOINT":
        from kg.credentials import shown

        raise UsageError(f"{what}, not the endpoint $KG_ENDPOINT names ({shown(args.endpoint)}): "
                         "give --endpoint '' to use the embedded graph")
    if args.endpoint:
        raise UsageError(f"{what}, not an endpoint")


def open_graph(args: argparse.Namespace, *, names_alone: bool = False) -> Graph:
    """The graph the global options name: embedded (plus --data) or an endpoint, as of
    a revision, labelled in a language; ``names_alone`` for a command that runs one
    statement (:meth:`kg.session.Graph.open`)."""
    from kg.revisions import calendar_day
    from kg.session import Graph

    if args.as_of is not None:
        calendar_day(args.as_of)  # `2024-02-30` is a usage error, not a server's (exit 5)
    try:
        graph = Graph.open(args.data, lang=args.lang, as_of=args.as_of, endpoint=args.endpoint,
                           names_alone=names_alone)
    except (ExecutionError, UsageError) as exc:  # (--data with its server: hunt55 F6)
        raise whose_endpoint(exc, args) from None
    revision, notes = graph.store.revision, getattr(args, "notes", None)
    if revision is not None and notes is not None:
        if note := revision.later_note(args.as_of, args.lang):  # an include younger than it
            from kg.output.cells import printable  # a server's revision labels (hunt129 F1)

            tell(notes, f"note: {printable(note)}")
    return graph


def tell(err: TextIO, text: str) -> None:
    """Say ``text`` (a note, what a command wrote) on stderr; with stderr closed it is lost,
    not the work done: `kg docs DIR 2>&-` wrote every page and ended with exit 4 (hunt64 F4)."""
    try:
        err.write(text + "\n")
    except (OSError, ValueError):
        pass


E = TypeVar("E", bound=KgError)


def whose_endpoint(exc: E, args: argparse.Namespace) -> E:
    """``exc``, an endpoint's error, saying the URL is ``$KG_ENDPOINT``'s where it is (a user
    who set it long ago may not think of it)."""
    if args.endpoint and getattr(args, "endpoint_from", "") == "KG_ENDPOINT":
        return type(exc)(f"{exc} (the URL is $KG_ENDPOINT's: --endpoint '' uses the "
                         "embedded graph)")
    return exc
