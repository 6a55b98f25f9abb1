"""Jupyter: ``%load_ext kg`` registers the ``%%kgq`` cell magic and the ``%kgq`` line magic.

The cell is one KGQ statement (on a ``%kgq`` line: the text after the options, or after
``--``); ``$name`` takes the value of the notebook variable
``name`` (``--param name=VALUE`` on the magic line wins). The magic line takes the
options of ``kg query``: ``--lang``, ``--as-of``, ``--data``, ``--endpoint`` (default:
``$KG_ENDPOINT``), ``--param`` and ``--format``. Without ``--format`` the cell's value is
the :class:`~kg.result.Result` (shown as a table; ``.to_pandas()`` makes a data frame);
with it, the result written in that format (HTML, Markdown and SVG rendered, other
formats as text)::

    %load_ext kg
    arch = "Volta"

    %%kgq --lang de
    VMSeries | where architecture = $arch | show name, category

    %kgq --as-of seed VMSeries | where architecture = $arch | count

Errors are shown as kg shows them, one message without a traceback; the cell's value is
then ``None``. Graphs are loaded once per ``--lang``/``--as-of``/``--data``/``--endpoint``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shlex
import sys
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from kg.ast import param_values
from kg.errors import KgError, UsageError
from kg.hints import with_hint
from kg.output import Format, OutputContext, write
from kg.params import GivenTwice, Once, parse_params, refuse_unused
from kg.parser import parse
from kg.paths import expand_home
from kg.result import Result
from kg.session import Graph, param_text
from kg.worker import interruptible

__all__ = ["load_ipython_extension", "kgq", "kgq_line", "notebook_params", "parse_line",
           "split_line"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"%%kgq: {message}")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="%%kgq (or %kgq)", add_help=False, allow_abbrev=False,  # as kg (hunt81)
                description="Run the cell's KGQ statement; $name takes the notebook variable "
                            "name. The options are those of `kg query`.",
                epilog="On one line: %kgq [options] STATEMENT (or: %kgq [options] -- STATEMENT).")
    p.add_argument("-h", "--help", action="store_true", help="show this help")
    p.add_argument("--lang", default="en", action=Once, help="language of labels: en or de")
    p.add_argument("--as-of", dest="as_of", default=None, action=Once,
                   help="a page revision: a date (YYYY-MM-DD) or a name (seed, latest, …)")
    p.add_argument("--data", action="append", default=[],
                   help="an extra RDF file loaded on top (repeatable)")
    p.add_argument("--endpoint", default=None, action=Once,  # None: $KG_ENDPOINT, as `kg query`
                   help="a SPARQL 1.1 query endpoint (default: $KG_ENDPOINT)")
    p.add_argument("--format", "-f", default=None, action=Once,
                   help="write the result in this format (html, md, svg, json, csv, …)")
    p.add_argument("--param", "-p", action="append", default=[],
                   help="NAME=VALUE for $NAME (repeatable; wins over a variable)")
    return p


def parse_line(line: str) -> argparse.Namespace:
    """The options on the magic line.

    Raises:
        UsageError: an unknown option or a missing value.
    """
    try:
        words = shlex.split(line)
    except ValueError as exc:
        raise UsageError(f"%%kgq: {exc}") from None
    try:
        return _parser().parse_args(words)
    except GivenTwice as exc:
        raise UsageError(f"%%kgq: {exc}") from None


#: The options that take no value.
_FLAGS = frozenset({"-h", "--help"})


def split_line(line: str) -> tuple[str, str]:
    """A ``%kgq`` line's options (as a magic line has them) and the statement after them:
    the options are the words at the front that start with ``-`` (each with its value, quoted
    as a shell quotes it), up to the first other word or ``--``; the statement is the rest,
    as typed (its quotes are KGQ's).

    >>> split_line("--lang de --as-of seed VMSeries | count")
    ('--lang de --as-of seed', 'VMSeries | count')
    >>> split_line('-p "a=b c" -- -x')
    ('-p "a=b c"', '-x')

    Raises:
        UsageError: an option's quote left open.
    """
    stream = io.StringIO(line)  # where the lexer stands: past a word and the space after it
    lexer = shlex.shlex(stream, posix=True)
    lexer.whitespace_split, lexer.commenters = True, ""  # as shlex.split reads them
    end, takes_value = 0, False
    try:
        while (word := lexer.get_token()) is not None:
            if not takes_value and (word == "--" or not word.startswith("-")):
                rest = line[end:] if word != "--" else line[stream.tell():]
                return line[:end].strip(), rest.strip()
            end = stream.tell()
            takes_value = not takes_value and word not in _FLAGS and "=" not in word and (
                word.startswith("--") or len(word) == 2)
    except ValueError as exc:  # a quote left open: an option's (-p "a=b), else the
        if not takes_value and not line[end:].lstrip().startswith("-"):  # statement's, which
            return line[:end].strip(), line[end:].strip()  # its parser places (hunt73 R8)
        raise UsageError(f"%kgq: {exc}") from None
    return line.strip(), ""


class Interrupted(KeyboardInterrupt):
    """A `%%kgq` cell interrupted: IPython shows its one word, not a traceback into kg's
    modules, and stops the cells after it; a KeyboardInterrupt still, which a cell's
    `except Exception` does not swallow (hunt112 F6)."""

    def _render_traceback_(self) -> list[str]:  # IPython's hook for an exception's display
        return ["interrupted"]


def _graph(lang: str, as_of: str | None, data: tuple[str, ...], endpoint: str | None) -> Graph:
    """The graph of these options, kept while its data files stay as they are (an edited or
    deleted file kept its old answers until the kernel restarted: hunt110 F3)."""
    return _kept(lang, as_of, data, endpoint, tuple(_stamp(d) for d in data))


def _stamp(path: str) -> tuple[int, int] | None:
    """When ``path`` was last changed, and its size; None where it cannot be read."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_mtime_ns, found.st_size


@lru_cache(maxsize=8)
def _kept(lang: str, as_of: str | None, data: tuple[str, ...], endpoint: str | None,
          stamps: tuple[tuple[int, int] | None, ...]) -> Graph:
    return Graph.open(data, lang=lang, as_of=as_of, endpoint=endpoint)


def notebook_params(text: str, given: list[str], variables: Mapping[str, Any]) -> dict[str, str]:
    """The value of each ``$name`` the statement uses: ``--param name=VALUE``, else the
    notebook's variable ``name`` as text (an entity by its IRI, a date as ISO).

    Raises:
        UsageError: a ``--param`` without ``=`` or given twice, or a parameter no
            variable gives.
        ParameterError: a ``--param`` the statement never uses.
    """
    params = parse_params(given, option="%%kgq: --param")  # as `kg query` reads them: once
    refuse_unused(text, params, option="%%kgq: --param")  # each, spaces around them dropped
    for used in param_values(parse(text)):
        name = used.text
        if name in params:
            continue
        if name not in variables:
            raise UsageError(f"%%kgq: the statement uses ${name}, but the notebook has no "
                             f"variable `{name}` (or give --param {name}=VALUE)")
        params[name] = param_text(name, variables[name])
    return params


def kgq(line: str, cell: str, variables: Mapping[str, Any]) -> Any:
    """Run the cell's statement with the magic line's options; the Result, or the result in
    ``--format`` (a display object where Jupyter renders the format)."""
    args = parse_line(line)
    if args.help:
        print(_parser().format_help(), end="")
        return None
    params = notebook_params(cell, args.param, variables)
    endpoint = os.environ.get("KG_ENDPOINT") if args.endpoint is None else args.endpoint
    data = tuple(os.path.abspath(expand_home(d)) if d else d for d in args.data)  # a
    # `--data lab.ttl` after `%cd` is that folder's (the first folder's was used: hunt68 F3)
    try:  # "Interrupt kernel" returns at once, as Ctrl-C in the REPL: it waited while the
        graph, result = interruptible(lambda: _answer(args, data, endpoint, cell, params))
    except KeyboardInterrupt:  # engine worked (93 s: hunt110 F4); the statement goes on in
        _kept.cache_clear()  # the background, in a graph the next cell does not share
        raise
    if args.format is None:
        return result
    fmt = Format.parse(args.format)
    ctx = OutputContext(graph.context, graph.lang)
    if fmt is Format.HTML:  # inside the notebook's page: no page of its own, ids its own
        from IPython import display

        from kg.output.html import cited, escape
        kind = f" · {escape(result.subject_class)}" if result.subject_class else ""
        head = "" if result.subject is None else (  # what `describe` is about
            f"<p><strong>{escape(result.subject.label)}</strong>{kind}</p>\n")
        body = cited(result, ctx, _prefix(f"{line}\n{cell}"))
        return display.HTML(f'<div class="kg-result">\n{head}{body}</div>')
    return _display(write(result, fmt, ctx), fmt)


def _answer(args: argparse.Namespace, data: tuple[str, ...], endpoint: str | None, cell: str,
            params: Mapping[str, str]) -> tuple[Graph, Result]:
    graph = _graph(args.lang, args.as_of, data, endpoint or None)
    return graph, graph.query(cell, params)


def kgq_line(options: str, statement: str, variables: Mapping[str, Any]) -> Any:
    """``%kgq OPTIONS STATEMENT`` (:func:`split_line`): :func:`kgq` of the statement.

    Raises:
        UsageError: no statement (and no ``--help``).
    """
    if not statement and not parse_line(options).help:
        raise UsageError("%kgq: no statement after the options: `%kgq --as-of seed VMSeries | "
                         "count`, or `%%kgq` with the statement in the cell below")
    return kgq(options, statement, variables)


#: How many HTML outputs of each cell's text this kernel made.
_SHOWN: Counter[str] = Counter()


def _prefix(text: str) -> str:
    """An HTML output's footnote ids (`kg5f2c1a-1-1`): a second output's links went to the
    first's. Named by the cell's text and how many outputs of that text came before, not
    at random, so a notebook run again gives the same outputs (hunt56 F13)."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    _SHOWN[digest] += 1
    return f"kg{digest}-{_SHOWN[digest]}"


def _display(text: str, fmt: Format) -> Any:
    from IPython import display

    if fmt is Format.MD:
        return display.Markdown(text)
    if fmt is Format.SVG:
        return display.SVG(text)
    return display.Pretty(text)


def load_ipython_extension(ipython: Any) -> None:
    """Register ``%%kgq`` and ``%kgq`` (``%load_ext kg``)."""
    from IPython.core.magic import no_var_expand
    from IPython.utils.text import DollarFormatter

    def expand(text: str) -> str:  # as IPython fills a magic's line: in the notebook's names
        try:  # alone (var_expand from here read the magic's own: `$cell`, `$line`: hunt73 R1)
            return str(DollarFormatter().vformat(text, args=[], kwargs=ipython.user_ns))
        except Exception:  # noqa: BLE001  as IPython: a line it cannot fill stays as it is
            return text

    @no_var_expand  # `$name` in a statement is kg's; IPython's only among the options
    def magic(line: str, cell: str | None = None) -> Result | None:
        try:
            if cell is None:  # `%kgq …`: the statement on the line
                options, statement = split_line(line)
                found = kgq_line(expand(options), statement, ipython.user_ns)
                return found  # type: ignore[no-any-return]
            return kgq(expand(line), cell, ipython.user_ns)  # type: ignore[no-any-return]
        except KgError as exc:
            print(with_hint(exc), file=sys.stderr)
            return None
        except KeyboardInterrupt:  # one word, as the command says it: its traceback led
            raise Interrupted from None  # into kg's modules (hunt68 F6); raised, so that
            # "Run All" and a loop stop, as at any interrupt (returned, they went on: hunt110 F1)

    magic.__doc__ = __doc__
    ipython.register_magic_function(magic, magic_kind="line_cell", magic_name="kgq")
