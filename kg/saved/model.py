"""What a saved query is: its name, description, typed parameters and KGQ text."""

from __future__ import annotations

import re
from pathlib import Path

from kg.paths import kg_queries_dir
from kg.records import record
from kg.textscan import quoted_if_needed

__all__ = ["NAME_SHAPE", "Param", "SavedQuery", "SUFFIX", "NAME_RE", "KEY_RE", "split_header", "without_key"]

SUFFIX = ".kgq"  #: the file extension of saved queries
NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]*", re.I)  #: what a saved query's name may be
NAME_SHAPE = "an ASCII letter or digit, then ASCII letters, digits, - and _"  #: NAME_RE, said
KEY_RE = re.compile(r"#\s*([A-Za-z]+)\b\s*(.*)$")  #: a header line: `# key: …` (any case)


def split_header(text: str) -> tuple[str, str]:
    r"""A saved query's source as its header, the leading comment (and blank) lines, and
    its statement; ``("", text)`` for a statement with no comment before it.

    >>> split_header("# name: q\n# description: d\n# why\nVMSeries\n  | count")
    ('# name: q\n# description: d\n# why', 'VMSeries\n  | count')
    >>> split_header("VMSeries | count")
    ('', 'VMSeries | count')
    """
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines)
                  if line.strip() and not line.lstrip().startswith("#")), len(lines))
    return "\n".join(lines[:first]), "\n".join(lines[first:])


def without_key(header: str, key: str) -> str:
    r"""``header`` without its lines of ``key`` (``# description: …``, ``#Description:``).

    >>> without_key("#Name: q\n# Description: d\n# param c: VMCategory", "description")
    '#Name: q\n# param c: VMCategory'
    """
    def of_key(line: str) -> bool:
        found = KEY_RE.match(line.strip())
        return bool(found and found.group(1).lower() == key and found.group(2).startswith(":"))

    return "\n".join(line for line in header.splitlines() if not of_key(line))


@record
class Param:
    """One declared parameter: ``# param NAME: TYPE [= DEFAULT]`` on line ``line``."""

    name: str
    type: str
    default: str | None = None
    line: int = 0

    @property
    def required(self) -> bool:
        return self.default is None

    def __str__(self) -> str:
        return f"{self.name}: {self.type}" + ("" if self.default is None
                                              else f" = {quoted_if_needed(self.default)}")


@record
class SavedQuery:
    """A loaded saved query. ``text`` is the query after the header; ``source`` the whole file."""

    name: str
    description: str
    params: list[Param]
    text: str
    path: Path | None = None
    source: str = ""

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    @property
    def title(self) -> str:
        """What a page of its result is titled: its description, else its name."""
        return self.description or self.name

    @property
    def where(self) -> str:
        """How errors name this query: its path; its name when it has no file, or is one
        kg ships (a user who ran it by name was shown a file deep in site-packages:
        hunt94 #11)."""
        if self.path is None:
            return f"saved query `{self.name}`"
        if self.path.parent == kg_queries_dir():
            return f"saved query `{self.name}` (kg's)"
        return str(self.path)
