"""The documentation site of the page, generated from the graph: ``kg docs DIR``.

One page per section of the page (:data:`~kg.site.pages.PAGES`) plus ``index``, each as
HTML and as Markdown. The tables are saved queries in the page's own layout; every cell
cites the sources of the facts behind it as footnotes (source, section, document,
repository, path, commit, address); each page draws a diagram of what it shows (inline
SVG, rendered by Graphviz; a Mermaid block in Markdown). Pages are self-contained (the
style inline, no script, nothing fetched) and deterministic: the same graph gives the
same bytes. English goes to ``DIR``, other languages to ``DIR/LANG/``.
"""

from __future__ import annotations

from kg.site.build import build_site
from kg.site.files import site_folder, write_site
from kg.site.pages import PAGES

__all__ = ["build_site", "write_site", "site_folder", "PAGES"]
