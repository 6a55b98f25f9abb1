"""Markdown: a result as a GitHub pipe table, a ``describe`` result as entity sections.

The one Markdown writer: ``kg query --format md``, ``kg export --format md``, the REPL and
the page tables (:mod:`kg.tables`) all use it. Cells are escaped for GitHub (``|`` and
``\\``, and ``&``, ``<``, ``>`` as HTML entities); a line break in a cell, and each value
of a stacked column (a check's why), becomes ``<br>``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.i18n import word
from kg.output import OutputContext
from kg.output.cells import printable, row_texts
from kg.result import Result, ResultKind

__all__ = ["write", "pipe_table", "escape", "literal", "code", "table"]

#: What GitHub's Markdown reads as emphasis, code or strikethrough: ``*``, a backtick, ``~``,
#: and ``_`` where a word starts or ends (not inside one)
_EMPHASIS = re.compile(r"[*`~]|(?<![^\W_])_|_(?![^\W_])")


#: Where GitHub's Markdown starts a link by itself: `scheme://`, `www.`
_AUTOLINK = re.compile(r"://|\bwww\.", re.I)


def escape(text: str) -> str:
    """A cell's text as GitHub Markdown shows it literally, on one line: no emphasis, code
    or strikethrough made of its ``*``, `````, ``~`` or a ``_`` at a word's edge (one inside
    a word, ``NCads_A100_v4``, is literal in GitHub's Markdown as it is).

    >>> escape('a|b <c> & "d"\\nnext')
    'a\\\\|b &lt;c&gt; &amp; "d"<br>next'
    >>> escape("*star* `tick` _u_ NCads_A100_v4 ~~x~~")
    '\\\\*star\\\\* \\\\`tick\\\\` \\\\_u\\\\_ NCads_A100_v4 \\\\~\\\\~x\\\\~\\\\~'
    >>> escape("[x](javascript:y) [^1] [CUDA table]")
    '[x\\\\](javascript:y) \\\\[^1] [CUDA table]'
    >>> escape("see https://example.org or www.example.org, $x$")
    'see https:\\\\/\\\\/example.org or www\\\\.example.org, \\\\$x\\\\$'
    """
    # no link, footnote or reference made of a label's brackets: `[x](javascript:…)` was a
    # live link, `[^1]` cited footnote 1 (hunt34 M4); a bracket alone, `[CUDA table]`, is text
    text = _plain(text)
    return text.replace("](", "\\](").replace("][", "\\][").replace("[^", "\\[^")


def _plain(text: str) -> str:
    """:func:`escape` but for brackets."""
    text = printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = _EMPHASIS.sub(lambda m: "\\" + m.group(), text)
    # no autolink (GitHub's took the footnote mark after a URL into it: hunt56 F8), no math
    text = _AUTOLINK.sub(lambda m: m.group().replace("/", "\\/").replace(".", "\\."),
                         text).replace("$", "\\$")
    return "<br>".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()


def literal(text: str) -> str:
    """:func:`escape`, brackets too: for Markdown that has footnotes (the site's pages),
    where a label holding ``[^1]`` would cite footnote 1, and ``[x](y)`` be a link.

    >>> literal("X[^1]")
    'X\\\\[^1\\\\]'
    """
    return _plain(text).replace("[", "\\[").replace("]", "\\]")


def code(text: str) -> str:
    """A code span of ``text``, whatever backticks it holds (CommonMark: a longer fence,
    spaced where the text starts or ends with one), on one line.

    >>> code("r/p`x``y"), code("`a")
    ('```r/p`x``y```', '`` `a ``')
    """
    text = " ".join(text.split())
    fence = "`" * (max((len(r) for r in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def pipe_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub pipe table of text cells, each escaped."""
    lines = [header, ["---"] * len(header), *rows]
    return "".join("| " + " | ".join(escape(c) for c in line) + " |\n" for line in lines)


def table(result: Result, header: Sequence[str] | None = None) -> str:
    """``result``'s rows as a pipe table, under ``header`` (default: its columns)."""
    rows = [row_texts(result, row, stacked="\n") for row in result.rows]
    return pipe_table(result.columns if header is None else header, rows)


def write(result: Result, ctx: OutputContext) -> str:
    """The pipe table, or for ``describe`` a section per direction of the entity's facts."""
    if result.kind is ResultKind.DESCRIBE:
        return _describe(result, ctx.lang)
    if not result.columns:
        return ""
    lead = f"{escape(result.caption)}\n\n" if result.caption else ""  # a changelog's revisions
    if not result.rows:  # the header alone said nothing of it (hunt74 F9)
        return f"{lead}{table(result)}\n{escape(word('empty', ctx.lang))}\n"
    return lead + table(result)


def _describe(result: Result, lang: str) -> str:
    entity = result.subject
    title = entity.label if entity is not None else "entity"
    kind = result.subject_class
    out = [f"## {escape(title)}", ""]
    if entity is not None:
        out += [f"*{escape(kind)}* · {code(entity.iri)}" if kind else code(entity.iri), ""]
    for heading, direction in ((word("facts", lang), "out"), (word("referenced by", lang), "in")):
        rows = [texts[1:] for row in result.rows if row[0] == direction
                for texts in [row_texts(result, row, stacked="\n")]]
        if rows:
            out += [f"### {heading}", "", pipe_table(result.columns[1:], rows)]
    return "\n".join(out).rstrip("\n") + "\n"
