"""kg: Azure Machine Learning's compute-target documentation as a queryable graph.

The pipeline is parse → check → plan → execute → write, one module per stage; the last
writes a result (or the facts behind it) in any :class:`Format`.

>>> import kg
>>> graph = kg.open_graph()
>>> result = graph.query("VMSeries | where architecture = $arch | show name",
...                      params={"arch": "Pascal"})
>>> result.columns, [str(row[0]) for row in result.rows]
(['name'], ['NCv2', 'ND'])
>>> print(kg.render(result, "csv"), end="")
name
NCv2
ND
>>> turtle = kg.render(result, "turtle", graph=graph)  # the facts behind the result
>>> "ent:NCv2 a kg:VMSeries ;" in turtle.splitlines()
True
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: nothing is imported before kg.__main__ can run
if TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence
    from pathlib import Path
    from typing import Any

    from kg.errors import (
        DataError,
        ExecutionError,
        ExitStatus,
        KgError,
        ParameterError,
        QueryCheckError,
        QueryError,
        QuerySyntaxError,
        SavedQueryError,
        UsageError,
    )
    from kg.output import Format
    from kg.result import EntityRef, Result, Version
    from kg.session import Graph

__all__ = ["open_graph", "render", "Graph", "Result", "EntityRef", "Version", "KgError",
           "UsageError", "QueryError", "QuerySyntaxError", "QueryCheckError", "ParameterError",
           "SavedQueryError", "DataError", "ExecutionError", "ExitStatus", "Format",
           "load_ipython_extension"]

#: the names ``kg`` offers from its modules, each imported when first asked for: the
#: parser and the rest of the pipeline load only in a process that runs a statement, not
#: for `kg list`, `kg show`, `kg completion` or `kg --help` (which a shell runs as you
#: press Tab); and `kg` itself starts before any of them, so Ctrl-C as it starts says
#: "interrupted" (:mod:`kg.__main__`)
_LAZY = {"Graph": "kg.session", "Result": "kg.result", "EntityRef": "kg.result",
         "Version": "kg.result", "Format": "kg.output",
         **dict.fromkeys(("KgError", "UsageError", "QueryError", "QuerySyntaxError",
                          "QueryCheckError", "ParameterError", "SavedQueryError", "DataError",
                          "ExecutionError", "ExitStatus"), "kg.errors")}  # (the errors a
# program catches were only in kg.errors, and EntityRef in kg.result: hunt94 #3)


def __getattr__(name: str) -> Any:
    """``kg.Graph``, ``kg.Result``, …: imported when first asked for (see :data:`_LAZY`)."""
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value  # found directly from now on (and by get_type_hints)
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})  # what completes after `kg.` (IPython, Jupyter)


def open_graph(data: Sequence[str | Path] | str | Path = (), *, lang: str = "en",
               as_of: str | datetime.date | None = None, endpoint: str | None = None,
               names_alone: bool = False) -> Graph:
    """Load the embedded graph (plus extra RDF files) and return it, ready to query.

    Args:
        data: extra RDF files loaded on top (one file, or a list of them).
        lang: the language of labels in results (``en`` or ``de``).
        as_of: answer as of the page revision current at this date (or revision name);
            default: the latest revision.
        endpoint: run every statement on this SPARQL 1.1 query endpoint instead (a user
            and password in the URL, or in ~/.netrc: see :mod:`kg.credentials`).
        names_alone: for a script that asks one statement or a few: look the names they
            use up alone, not in the table of every entity's names, which a session that
            asks many (or completes names) is quicker with (1.2 s to read at 1M triples);
            and make no merged copy of a small store (19 ms for the page, which a session
            gets back in its first statements: :mod:`kg.store`).
    """
    from kg.errors import UsageError
    from kg.session import Graph

    try:
        return Graph.open(data, lang=lang, as_of=as_of, endpoint=endpoint,
                          names_alone=names_alone)
    except UsageError as exc:  # a value the command takes as an option: here an argument
        text = str(exc)  # the option starts the message; a value the caller gave is kept
        option = next((o for o in _ARGUMENTS if text.startswith(o)), None)  # (hunt73 R9)
        if option is None:
            raise
        raise UsageError(_ARGUMENTS[option] + text[len(option):]) from None


#: The options of ``kg`` that :func:`open_graph` takes as arguments, as the errors their
#: values give name them ("--as-of 2024 is neither a date nor …" to a caller who passed
#: ``as_of=2024``: hunt68 F7).
_ARGUMENTS = {"--as-of ": "as_of=", "--as-of:": "as_of:", "--data ": "data "}


def render(result: Result, fmt: str | Format = "table", *, graph: Graph | None = None,
           width: int | None = None, color: bool = False, max_rows: int | None = None,
           ids: bool = False) -> str:
    """Write ``result`` in ``fmt`` (any :class:`Format` or its name).

    The result formats (``table``, ``json``, ``csv``, ``md``, …) need only the result; the
    subgraph formats (``turtle``, ``trig``, ``dot``, …) write the facts behind it and need
    the ``graph`` it came from. ``width``, ``color`` and ``max_rows`` shape the table (with
    a ``width``, as a terminal that wide shows it: one field per line where a row's words
    cannot fit);
    ``ids`` adds IRIs to JSON, JSON Lines, CSV and TSV (``--ids``). Without the graph,
    labels and words are in the result's language.

    Raises:
        UsageError: ``ids`` with another format, a ``width`` or ``max_rows`` below 1.
        UnknownFormat: ``fmt`` names no format.
    """
    from numbers import Integral

    from kg.errors import UsageError
    from kg.output import Format, OutputContext, ids_fit, write
    from kg.result import Result as _Result

    if not isinstance(result, _Result):
        raise UsageError(f"render writes a Result (what graph.query gives), not "
                         f"{type(result).__name__}")
    if not isinstance(fmt, (str, Format)):
        raise UsageError(f"a format is a name such as 'table' or 'json', not {fmt!r}")
    fmt = fmt if isinstance(fmt, Format) else Format.parse(fmt)
    if graph is not None:  # (kg.session only then: without a graph, no store nor parser)
        from kg.session import Graph as _Graph

        if not isinstance(graph, _Graph):  # ("x" was an AttributeError)
            raise UsageError(f"graph is the Graph the result came from, not {graph!r}")
    ids_fit(fmt, ids)
    for name, value in (("width", width), ("max_rows", max_rows)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, Integral)
                                  or value < 1):
            raise UsageError(f"{name} is a number, at least 1, not {value!r}")
    ctx = OutputContext(graph.context if graph else None, graph.lang if graph else result.lang,
                        width=None if width is None else int(width), color=color,
                        expand=width is not None,  # (words were cut into letters: hunt68 F5)
                        max_rows=None if max_rows is None else int(max_rows), ids=ids)
    return write(result, fmt, ctx)


def load_ipython_extension(ipython: object) -> None:
    """``%load_ext kg`` in Jupyter or IPython: registers the ``%%kgq`` cell magic
    (:mod:`kg.notebook`), whose cell is a KGQ statement with ``$name`` taken from the
    notebook's variables."""
    from kg.notebook import load_ipython_extension as load

    load(ipython)
