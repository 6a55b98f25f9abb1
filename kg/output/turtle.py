"""Turtle: the facts behind a result, sorted, with kg's prefixes; sources by reification."""

from __future__ import annotations

from kg.output import Format, OutputContext
from kg.output.rdf import serialize
from kg.result import Result


def write(result: Result, ctx: OutputContext) -> str:
    return serialize(result, ctx, Format.TURTLE)
