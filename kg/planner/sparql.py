"""SPARQL text: terms, property paths, the prefix header. Values are serialized by
pyoxigraph (escaped N-Triples), never pasted."""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from kg import checked as r
from kg.vocab import PREFIXES, QUERY_PREFIXES, RDFS

__all__ = ["term", "iri", "string", "lowered", "folded", "natural_of", "header", "ppath"]

_TOKEN_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")


def term(t: ox.NamedNode | ox.Literal) -> str:
    """A term as SPARQL text: a prefixed name where one reads well, else escaped N-Triples."""
    if isinstance(t, ox.NamedNode):
        for prefix in QUERY_PREFIXES:
            base = PREFIXES[prefix]
            local = t.value[len(base):]
            if t.value.startswith(base) and local and set(local) <= _TOKEN_SAFE \
                    and not local[0].isdigit() and not local.startswith("-"):
                return f"{prefix}:{local}"
    return str(t)


def iri(text: str) -> str:
    """An IRI (as text) as SPARQL text."""
    return term(ox.NamedNode(text))


def string(text: str) -> str:
    """A plain string literal, escaped."""
    return str(ox.Literal(text))


def lowered(expr: str) -> str:
    """The text of ``expr`` in lower case, to order or compare case-insensitively. The
    outer ``STR`` changes nothing in SPARQL, but Virtuoso 7 orders ``LCASE(STR(x))``
    wrongly: `VMSeries | where name > "NC"` found none of its 14 series, and a sort by
    `filePath` put "RELEASE.md" after "site/…"."""
    return f"STR(LCASE(STR({expr})))"


def folded(expr: str, texts: Sequence[str]) -> tuple[str, str]:
    """``expr``'s text and ``texts`` (SPARQL literals, comma-separated), folded alike for a
    test that ignores case: in lower case, and ß as ss where a text has ss then (`GRÖSSE`
    is `größe` in capitals: names took it, `~` and `=` found nothing, hunt143 F2). SPARQL
    folds no case but ``LCASE``; an ß in the data can match only a text with ss, so the
    others keep the plain test."""
    wanted = [text.lower().replace("ß", "ss") for text in texts]
    got = lowered(expr)
    if any("ss" in text for text in wanted):  # (STR: Virtuoso 7 compares no bare REPLACE)
        got = f'STR(REPLACE({got}, "ß", "ss"))'
    return got, ", ".join(string(text) for text in wanted)


def natural_of(expr: str) -> str:
    """A name's sort key (of any SPARQL expression giving one): the name case-insensitively,
    each number in it as a number (``NC6s_v3`` before ``NC12s_v3``, ``CUDA 9.0`` before
    ``CUDA 13.0``, ``PyTorch 2.2`` before ``PyTorch 2.10``): every run of digits padded to
    nine digits (eight zeros put before it, then the zeros before its last nine taken off;
    a longer run stays as it is), and a space after all, so the key of no name is empty.
    ``kg.literals.natural_key`` computes the same in Python."""
    padded = f'CONCAT(REPLACE(LCASE(STR({expr})), "([0-9]+)", "00000000$1"), " ")'
    return f'REPLACE({padded}, "0*([0-9]{{9}})([^0-9])", "$1$2")'


def header() -> str:
    """The PREFIX lines every compiled query starts with."""
    return "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in QUERY_PREFIXES)


def ppath(path: r.RPath) -> str:
    """A checked path as a SPARQL property path (``name`` is ``rdfs:label``)."""
    parts = []
    for step in path.steps:
        node = RDFS.label if step.iri == r.LABEL else ox.NamedNode(step.iri)
        parts.append(("^" if step.inverse else "") + term(node))
    return "/".join(parts)
