"""Languages: which ones kg speaks, how a label is chosen, and the words of each.

Labels come from the graph (``rdfs:label`` in en and de); the few words kg's own
output needs (yes/no cells, headings) are here. Adding a language is one entry in
:data:`LANGUAGES`, one column of :data:`WORDS`, and the ontology's labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

__all__ = ["LANGUAGES", "DEFAULT_LANG", "check_lang", "pick", "word", "WORDS"]

LANGUAGES: tuple[str, ...] = ("en", "de")
DEFAULT_LANG = "en"

#: UI words by key and language.
WORDS: dict[str, dict[str, str]] = {
    "yes": {"en": "yes", "de": "ja"},
    "no": {"en": "no", "de": "nein"},
    "not stated": {"en": "not stated", "de": "keine Angabe"},
    "facts": {"en": "Facts", "de": "Fakten"},
    "referenced by": {"en": "Referenced by", "de": "Verwiesen von"},
    "sources": {"en": "Sources", "de": "Quellen"},
}


def check_lang(lang: str) -> str:
    """``lang`` if kg speaks it.

    Raises:
        UsageError: an unknown language.
    """
    if lang not in LANGUAGES:
        from kg.errors import UsageError

        raise UsageError(f"unknown language {lang!r}; expected one of: {', '.join(LANGUAGES)}")
    return lang


def word(key: str, lang: str) -> str:
    """The word ``key`` in ``lang`` (else English)."""
    table = WORDS[key]
    return table.get(lang) or table[DEFAULT_LANG]


T = TypeVar("T")


def pick(literals: Iterable[T], lang: str) -> list[T]:
    """Among language-tagged literals keep those in ``lang`` (else English, else any),
    sorted by text; untagged literals are kept when none is tagged."""
    items: Sequence[T] = list(literals)
    tagged = [lit for lit in items if getattr(lit, "language", None)]
    if not tagged:
        return list(items)
    for want in (lang, DEFAULT_LANG):
        hits = [lit for lit in tagged if getattr(lit, "language", None) == want]
        if hits:
            return sorted(hits, key=lambda t: getattr(t, "value", ""))
    return sorted(tagged, key=lambda t: getattr(t, "value", ""))
