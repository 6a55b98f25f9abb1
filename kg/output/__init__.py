"""The output layer: a result, or the facts behind it, as text in a :class:`Format`.

Every format is one member of :class:`Format`, which says what it reads (:class:`Reads`):
the result itself (rows and columns) or the subgraph behind it (the facts, with their
sources). Each format is written by one function of one module of this package, named in
:data:`REGISTRY` and imported on first use; :func:`write` dispatches. ``kg query``,
``kg run``, ``kg export``, the REPL and the façade all write through :func:`write`, so a
format means the same everywhere. Every writer is deterministic.

Adding a format is one member here, one line in :data:`REGISTRY`, and one module.

>>> Format.parse("TTL"), Format.from_extension("cuda.mmd")
(<Format.TURTLE: 'turtle'>, <Format.MERMAID: 'mermaid'>)
>>> Format.DOT.reads
<Reads.SUBGRAPH: 'subgraph'>
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kg.collector import paused
from kg.errors import UsageError
from kg.i18n import DEFAULT_LANG
from kg.records import record

if TYPE_CHECKING:
    from kg.context import Context
    from kg.result import Result

__all__ = ["Reads", "Format", "FormatSet", "RESULT_FORMATS", "SUBGRAPH_FORMATS", "UnknownFormat",
           "OutputContext", "Writer", "REGISTRY", "STREAMERS", "writer", "write", "write_parts",
           "UNWRAPPED"]


class Reads(StrEnum):
    """What a format writes."""

    RESULT = "result"  #: the result's columns and rows
    SUBGRAPH = "subgraph"  #: the facts behind the result, with their sources


class UnknownFormat(UsageError):
    """A format name (or file extension) names no format: a usage error (exit 2)."""


class Format(StrEnum):
    """An output format: ``--format`` of ``kg query``, ``kg run`` and ``kg export``, and the
    REPL's ``.format`` (result formats) and ``.export`` (any)."""

    reads: Reads  #: what the format writes
    what: str  #: one line for the help

    def __new__(cls, value: str, reads: Reads, what: str) -> Format:
        member = str.__new__(cls, value)
        member._value_ = value
        member.reads = reads
        member.what = what
        return member

    TABLE = "table", Reads.RESULT, "aligned columns fitted to the terminal"
    JSON = "json", Reads.RESULT, "an array of objects, one per row"
    JSONL = "jsonl", Reads.RESULT, "one JSON object per line"
    CSV = "csv", Reads.RESULT, "comma-separated values, header first"
    TSV = "tsv", Reads.RESULT, "tab-separated values, header first"
    MD = "md", Reads.RESULT, "a GitHub pipe table (describe: entity sections)"
    TURTLE = "turtle", Reads.SUBGRAPH, "the facts behind the result as Turtle"
    TRIG = "trig", Reads.SUBGRAPH, "the facts as TriG, each in its source's named graph"
    NT = "nt", Reads.SUBGRAPH, "the facts as N-Triples, one sorted line per triple"
    NQUADS = "nquads", Reads.SUBGRAPH, "the facts as N-Quads, each with its source graph"
    JSONLD = "jsonld", Reads.SUBGRAPH, "the facts as JSON-LD with kg's prefixes as @context"
    DOT = "dot", Reads.SUBGRAPH, "the facts as a Graphviz diagram"
    MERMAID = "mermaid", Reads.SUBGRAPH, "the facts as a Mermaid flowchart"
    SVG = "svg", Reads.SUBGRAPH, "the Graphviz diagram rendered as SVG (needs Graphviz)"
    GRAPHML = "graphml", Reads.SUBGRAPH, "the diagram's nodes and edges as GraphML"
    HTML = "html", Reads.RESULT, "one HTML page; given the graph, each cell cites its sources"

    @property
    def cites(self) -> bool:
        """Does it read the graph the result came from: the facts behind it, or (HTML) the
        sources each cell cites?"""
        return self.reads is Reads.SUBGRAPH or self is Format.HTML

    @classmethod
    def parse(cls, text: str) -> Format:
        """The format named ``text`` (any case; also ``ttl``, ``json-ld``, ``markdown``, …).

        Raises:
            UnknownFormat: no format has that name.
        """
        key = text.strip().lower()
        found = cls._value2member_map_.get(_ALIASES.get(key, key))
        if not isinstance(found, cls):
            raise UnknownFormat(f"unknown format '{text}'; expected one of: {_names(cls)}")
        return found

    @classmethod
    def from_extension(cls, path: str | Path) -> Format:
        """The format a file name's extension implies (``.ttl``, ``.nq``, ``.mmd``, ``.gv``, …).

        Raises:
            UnknownFormat: the name has no extension, or one that implies no format.
        """
        suffix = Path(path).suffix.lower().lstrip(".")
        if not suffix:
            raise UnknownFormat(f"cannot tell the format from '{path}', which has no extension;"
                                f" give --format: one of {_names(cls)}")
        try:
            return cls.parse(suffix)
        except UnknownFormat:
            raise UnknownFormat(f"cannot tell the format from '{path}': its extension .{suffix} "
                                f"names none; give --format: one of {_names(cls)}") from None


_ALIASES = {"ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "n-quads": "nquads",
            "nq": "nquads", "json-ld": "jsonld", "markdown": "md", "mmd": "mermaid",
            "gv": "dot", "htm": "html"}


def _names(formats: object) -> str:
    return ", ".join(f.value for f in formats)  # type: ignore[attr-defined]


@record
class FormatSet:
    """The formats that read one thing, in :class:`Format` order.

    ``RESULT_FORMATS.CSV`` is ``Format.CSV``; iterating gives the members; :meth:`parse`
    accepts only them (the REPL's ``.format`` takes :data:`RESULT_FORMATS`).
    """

    reads: Reads

    def __iter__(self) -> Iterator[Format]:
        return (f for f in Format if f.reads is self.reads)

    def __contains__(self, fmt: object) -> bool:
        return isinstance(fmt, Format) and fmt.reads is self.reads

    def __getattr__(self, name: str) -> Format:
        fmt = Format.__members__.get(name)
        if fmt is None or fmt.reads is not self.reads:
            raise AttributeError(name)
        return fmt

    def parse(self, text: str) -> Format:
        """The format named ``text``, if it is one of these.

        Raises:
            UnknownFormat: no format of this set has that name.
        """
        try:
            fmt = Format.parse(text)
        except UnknownFormat:  # named among these formats only
            raise UnknownFormat(f"unknown format '{text}'; expected one of: {_names(self)}") \
                from None
        if fmt not in self:
            raise UnknownFormat(f"format '{fmt}' writes the {fmt.reads.value} behind a result, "
                                f"not the {self.reads.value}; expected one of: {_names(self)}")
        return fmt


RESULT_FORMATS = FormatSet(Reads.RESULT)  #: the formats that write the result itself
SUBGRAPH_FORMATS = FormatSet(Reads.SUBGRAPH)  #: the formats that write the facts behind it


UNWRAPPED = 1_000_000  #: the width of a table written to a file or a pipe: no line is wrapped


@record
class OutputContext:
    """What a writer may need besides the result."""

    context: Context | None = None  #: the store and ontology (subgraph formats read them)
    lang: str = DEFAULT_LANG  #: the language of labels and headings
    width: int | None = None  #: the widest a table line may be (None: the terminal's width)
    #: a table that cannot fit ``width`` without breaking a word is shown one field per line
    #: (as psql's ``\\x auto``; `kg` on a terminal)
    expand: bool = False
    color: bool = False  #: bold the table header with ANSI escapes
    max_rows: int | None = None  #: show at most this many table rows (other formats: all)
    #: what a table cut at ``max_rows`` says to get every row (a notebook says its own)
    more: str = "use limit, or --format to get all"
    ids: bool = False  #: JSON, JSON Lines, CSV, TSV: each row's and entity's IRI as well
    #: what the result answers, for a page of its own (HTML): the statement, or a saved
    #: query's description (a page titled "Result" said neither: hunt74 F5)
    title: str | None = None

    def graph(self, fmt: Format) -> Context:
        """The store and ontology a subgraph format reads.

        Raises:
            UsageError: the caller gave none.
        """
        if self.context is None:
            raise UsageError(f"format '{fmt}' writes the facts behind a result: it needs the "
                             "graph the result came from")
        return self.context


#: The formats ``ids`` (``--ids``) adds IRIs to.
IDS_FORMATS = (Format.JSON, Format.JSONL, Format.CSV, Format.TSV)
_RDF = (Format.TURTLE, Format.TRIG, Format.NT, Format.NQUADS, Format.JSONLD)


def ids_fit(fmt: Format, ids: bool) -> None:
    """Refuse ``--ids`` (``ids``) with a format it adds nothing to: it was ignored without
    a word.

    Raises:
        UsageError: ``ids`` with a format not in :data:`IDS_FORMATS`.
    """
    if ids and fmt not in IDS_FORMATS:
        why = " (the format on a terminal: give --format json or csv)" if fmt is Format.TABLE \
            else " (which names each entity by its IRI already)" if fmt in _RDF else ""
        raise UsageError(f"--ids adds IRIs to {', '.join(f.value for f in IDS_FORMATS)}, not to "
                         f"{fmt.value}{why}")


class Writer(Protocol):
    """A format's writer: the result (or the facts behind it) as text."""

    def __call__(self, result: Result, ctx: OutputContext) -> str: ...


#: Each format's writer, as ``"module:function"`` under ``kg.output``.
REGISTRY: dict[Format, str] = {
    Format.TABLE: "table:write",
    Format.JSON: "text:write_json",
    Format.JSONL: "text:write_jsonl",
    Format.CSV: "text:write_csv",
    Format.TSV: "text:write_tsv",
    Format.MD: "markdown:write",
    Format.TURTLE: "turtle:write",
    Format.TRIG: "trig:write",
    Format.NT: "ntriples:write",
    Format.NQUADS: "nquads:write",
    Format.JSONLD: "jsonld:write",
    Format.DOT: "dot:write",
    Format.MERMAID: "mermaid:write",
    Format.SVG: "svg:write",
    Format.GRAPHML: "graphml:write",
    Format.HTML: "html:write",
}


#: The formats written part by part as a streamed result comes (``"module:function"``,
#: each giving the same text as the format's writer would for the whole result).
STREAMERS: dict[Format, str] = {
    Format.JSON: "text:stream_json",
    Format.JSONL: "text:stream_jsonl",
    Format.CSV: "text:stream_csv",
    Format.TSV: "text:stream_tsv",
}


def writer(fmt: Format) -> Writer:
    """The function that writes ``fmt`` (its module is imported on first use)."""
    module, _, name = REGISTRY[fmt].partition(":")
    fn: Writer = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    return fn


def write(result: Result, fmt: Format | str, ctx: OutputContext | None = None) -> str:
    """Write ``result`` (or, for a subgraph format, the facts behind it) in ``fmt``.

    Args:
        result: what a statement gave.
        fmt: a :class:`Format` or its name.
        ctx: the graph, language and table settings; subgraph formats need its ``context``.

    Returns:
        The text; every non-empty text ends with a newline.

    Raises:
        UnknownFormat: ``fmt`` names no format.
        UsageError: a subgraph format without the graph.
        ExecutionError: an SVG without Graphviz, or one it fails on or takes too long
            over (exit 5).
    """
    fmt = fmt if isinstance(fmt, Format) else Format.parse(fmt)
    ctx = ctx or OutputContext()
    if fmt.reads is Reads.SUBGRAPH:
        ctx.graph(fmt)
        with paused():  # the facts behind a big result make many objects that live until
            return writer(fmt)(result, ctx)  # it is written: the collector walked them
        # again and again, 40% of a 1M-triple export (hunt125 F2)
    return writer(fmt)(result, ctx)


def write_parts(parts: Iterable[Result], fmt: Format, ctx: OutputContext | None = None
                ) -> Iterator[str]:
    """Write a result given in parts (:meth:`kg.session.Graph.stream`) in ``fmt``: a format
    in :data:`STREAMERS` as each part comes, any other once every part is in."""
    ctx = ctx or OutputContext()
    if fmt in STREAMERS:
        module, _, name = STREAMERS[fmt].partition(":")
        yield from getattr(importlib.import_module(f"{__name__}.{module}"), name)(parts, ctx)
        return
    every = list(parts)
    if every:
        yield write(every[0].joined(*every[1:]) if len(every) > 1 else every[0], fmt, ctx)
