"""A strict checker for the HTML kg writes (issue 12): polyglot markup, accessible tables,
nothing fetched at view time.

Two parsers read each page: XML's (every element closed and properly nested, every
attribute quoted, only XML's entities) and HTML's (``html.parser``: void elements, the
``lang`` of the page, ``scope`` on every header cell, unique ids, every ``#fragment``
link landing on an id, no script, no external resource).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

__all__ = ["problems", "VOID"]

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
_ATTRIBUTE = re.compile(r"""\s([^\s=/>]+)(\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.fragments: list[str] = []
        self.open: list[str] = []
        self.lang: str | None = None
        self.svg = 0  # inside an inline SVG (its own vocabulary)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, dict(attrs))
        if tag not in VOID and not (self.svg and self.get_starttag_text().endswith("/>")):
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, dict(attrs))
        if tag not in VOID and not self.svg:
            self.problems.append(f"<{tag}/> is not a void element")

    def _start(self, tag: str, attrs: dict[str, str | None]) -> None:
        raw = self.get_starttag_text() or ""
        for name, value, quoted in ((m.group(1), m.group(2), m.group(3)) for m in _ATTRIBUTE.finditer(raw)):
            if value is not None and not quoted.startswith(('"', "'")):
                self.problems.append(f"unquoted attribute {name} in {raw}")
        if tag == "svg":
            self.svg += 1
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "th" and attrs.get("scope") not in ("col", "row"):
            self.problems.append(f"<th> without scope=col|row: {raw}")
        if tag in ("script", "iframe", "object", "embed", "link", "img", "audio", "video"):
            self.problems.append(f"<{tag}> (no scripts or external resources): {raw}")
        if attrs.get("id"):
            self.ids.append(str(attrs["id"]))
        href = attrs.get("href") or attrs.get("xlink:href") or ""
        if href.startswith("#"):
            self.fragments.append(href[1:])
        if attrs.get("src"):
            self.problems.append(f"a src attribute fetches something: {raw}")
        if attrs.get("style") and "url(" in str(attrs["style"]):
            self.problems.append(f"a style fetches something: {raw}")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.open[-1] if self.open else '-'}>")
            if tag in self.open:
                while self.open and self.open.pop() != tag:
                    pass
            return
        self.open.pop()
        if tag == "svg":
            self.svg -= 1


def problems(text: str) -> list[str]:
    """Everything wrong with one HTML page (empty: it is fine)."""
    found = []
    try:
        ET.fromstring(text)
    except ET.ParseError as exc:
        found.append(f"not well-formed XML: {exc}")
    if not text.startswith("<!DOCTYPE html>\n"):
        found.append("no <!DOCTYPE html> first")
    checker = _Checker()
    checker.feed(text)
    checker.close()
    found += checker.problems
    if checker.open:
        found.append(f"unclosed elements: {checker.open}")
    if checker.lang not in ("en", "de"):
        found.append(f"<html lang> is {checker.lang!r}")
    dupes = sorted({i for i in checker.ids if checker.ids.count(i) > 1})
    if dupes:
        found.append(f"duplicate ids: {dupes[:5]}")
    missing = sorted(set(checker.fragments) - set(checker.ids))
    if missing:
        found.append(f"links to missing ids: {missing[:5]}")
    if re.search(r"url\(|@import", text.split("</style>")[0]):
        found.append("the style fetches something")
    return found
