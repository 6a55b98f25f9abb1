"""TriG: the facts behind a result, each in its source's named graph; the sources'
descriptions in the default graph. Sorted, with kg's prefixes."""

from __future__ import annotations

from kg.output import Format, OutputContext
from kg.output.rdf import serialize
from kg.result import Result


def write(result: Result, ctx: OutputContext) -> str:
    return serialize(result, ctx, Format.TRIG)
