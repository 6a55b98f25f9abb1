"""Sources as footnotes: numbered in order of first use, written as HTML or Markdown.

A cell (or a step of a check's why) cites the named graphs its facts are stated in;
:class:`Footnotes` gives each source a number the first time it is cited, and writes the
list: the source's label and section, how firm it is (when not primary), and each
document it comes from with its repository, path and commit, linked where the document
has an address.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.context import Context
from kg.i18n import WORDS, word
from kg.output.markdown import code
from kg.output.markup import attr, escape
from kg.output.sources import Document, SourceInfo, describe_sources

__all__ = ["Footnotes", "COMMIT_DIGITS", "md_url"]

COMMIT_DIGITS = 12  #: how much of a commit hash a footnote shows


class Footnotes:
    """The sources cited on one page, numbered in order of first citation."""

    def __init__(self, ctx: Context | None, lang: str, prefix: str = "fn") -> None:
        self.ctx = ctx
        self.lang = lang
        self.prefix = prefix  #: the footnotes' HTML ids are ``{prefix}-{n}``
        self.numbers: dict[str, int] = {}

    def cite(self, graphs: Iterable[str]) -> list[int]:
        """The numbers of these sources (numbering the new ones), in order."""
        out = []
        for g in sorted(set(graphs)):
            if g:
                out.append(self.numbers.setdefault(g, len(self.numbers) + 1))
        return sorted(out)

    # --- HTML -------------------------------------------------------------------------

    def html_ref(self, graphs: Iterable[str]) -> str:
        """A superscript of links to the footnotes of these sources ("" for none)."""
        numbers = self.cite(graphs)
        if not numbers:
            return ""
        links = ",".join(f'<a href="#{self.prefix}-{n}">{n}</a>' for n in numbers)
        return f'<sup class="fn">{links}</sup>'

    def html_list(self, heading: str) -> str:
        """The footnotes as a section with an ordered list ("" when nothing was cited)."""
        if not self.numbers or self.ctx is None:
            return ""
        infos = describe_sources(self.ctx, self.numbers, self.lang)
        items = [f'<li id="{self.prefix}-{n}">{self._html_item(infos[g])}</li>'
                 for g, n in sorted(self.numbers.items(), key=lambda i: i[1])]
        return (f'<section class="footnotes">\n<h2>{escape(heading)}</h2>\n<ol>\n'
                + "\n".join(items) + "\n</ol>\n</section>\n")

    def _html_item(self, info: SourceInfo) -> str:
        name = escape(info.label)
        if info.url:  # its own address: a web page's, a data file's
            name = f'<a href="{attr(info.url)}">{name}</a>'
        parts = [f'<span class="source">{name}</span>']
        about = [escape(x) for x in (info.section, _firmness(info, self.lang)) if x]
        if about:
            parts.append(f" ({'; '.join(about)})")
        docs = [self._html_document(d) for d in info.documents]
        if docs:
            parts.append(f" — {word('from', self.lang)} " + "; ".join(docs))
        return "".join(parts)

    def _html_document(self, doc: Document) -> str:
        name = escape(doc.label)
        text = f'<a href="{attr(doc.url)}">{name}</a>' if doc.url else name
        where = "/".join(escape(x) for x in (doc.repository, doc.path) if x)
        if where:
            text += f", <code>{where}</code>"
        if doc.commit:
            text += f" {word('at commit', self.lang)} <code>{escape(doc.commit[:COMMIT_DIGITS])}</code>"
        return text

    # --- Markdown ---------------------------------------------------------------------

    def md_ref(self, graphs: Iterable[str]) -> str:
        """GitHub footnote references for these sources ("" for none)."""
        return "".join(f"[^{n}]" for n in self.cite(graphs))

    def md_list(self) -> str:
        """The footnote definitions, one line each ("" when nothing was cited)."""
        if not self.numbers or self.ctx is None:
            return ""
        infos = describe_sources(self.ctx, self.numbers, self.lang)
        lines = [f"[^{n}]: {self._md_item(infos[g])}"
                 for g, n in sorted(self.numbers.items(), key=lambda i: i[1])]
        return "\n".join(lines) + "\n"

    def _md_item(self, info: SourceInfo) -> str:
        text = f"[{_md(info.label)}]({md_url(info.url)})" if info.url else _md(info.label)
        about = [_md(x) for x in (info.section, _firmness(info, self.lang)) if x]
        if about:
            text += f" ({'; '.join(about)})"
        docs = [self._md_document(d) for d in info.documents]
        if docs:
            text += f" — {word('from', self.lang)} " + "; ".join(docs)
        return text

    def _md_document(self, doc: Document) -> str:
        text = f"[{_md(doc.label)}]({md_url(doc.url)})" if doc.url else _md(doc.label)
        where = "/".join(x for x in (doc.repository, doc.path) if x)
        if where:
            text += f", {code(where)}"
        if doc.commit:
            text += f" {word('at commit', self.lang)} {code(doc.commit[:COMMIT_DIGITS])}"
        return text


def _firmness(info: SourceInfo, lang: str) -> str | None:
    """How firm the source is, in ``lang`` (German footnotes said "secondary")."""
    if info.firmness == "primary":
        return None
    return word(info.firmness, lang) if info.firmness in WORDS else info.firmness


def md_url(url: str) -> str:
    """A link's address as Markdown reads it whole (an IRI may hold parentheses)."""
    return url.replace("(", "%28").replace(")", "%29")


def _md(text: str) -> str:
    """Text safe inside Markdown brackets and tables."""
    for ch in "\\[]|*_<>":
        text = text.replace(ch, "\\" + ch)
    return " ".join(text.split())
