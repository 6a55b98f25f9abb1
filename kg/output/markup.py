"""Escaping text for HTML: element content and attribute values."""

from __future__ import annotations

import html

__all__ = ["escape", "attr"]


def escape(content: str) -> str:
    """Text as element content: ``&``, ``<`` and ``>`` escaped (quotes stay as they are).

    >>> print(escape("Volta's <b> & co"))
    Volta's &lt;b&gt; &amp; co
    """
    return html.escape(content, quote=False)


def attr(value: str) -> str:
    """Text as a double-quoted attribute value: quotes escaped too."""
    return html.escape(value, quote=True)
