"""Escaping text for HTML: element content and attribute values."""

from __future__ import annotations

import html

from kg.output.cells import printable

__all__ = ["escape", "attr"]


def escape(content: str) -> str:
    """Text as element content: ``&``, ``<`` and ``>`` escaped (quotes stay as they are),
    control characters (which HTML does not allow) shown as escapes, as every format does.

    >>> print(escape("Volta's <b> & co" + chr(27) + "[2J"))
    Volta's &lt;b&gt; &amp; co\\x1b[2J
    """
    return html.escape(printable(content), quote=False)


def attr(value: str) -> str:
    """Text as a double-quoted attribute value: quotes escaped too (and control
    characters, as :func:`escape` does)."""
    return html.escape(printable(value), quote=True)
