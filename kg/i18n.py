"""Languages: which ones kg speaks, how a label is chosen, and the words of each.

Labels come from the graph (``rdfs:label`` in en and de); the few words kg's own
output needs (yes/no cells, headings) are here; the documentation site keeps its own
sentences beside its pages (``kg.site.pages.WORDS``, read with :func:`word` too), the REPL
its menu's (``kg.repl.words.MENU``), ``check`` its why-lines' (``kg.compat.words.
TEMPLATES``, by language first). Adding a language is one entry in :data:`LANGUAGES`, its
words in each of those four tables (tests/test_i18n.py holds every table to every
language), the ontology's labels, and how it writes a day (:func:`day_in`).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TypeVar

__all__ = ["LANGUAGES", "DEFAULT_LANG", "check_lang", "pick", "word", "yes_no", "WORDS", "day_in",
           "in_language", "VERDICT_WORDS", "CELL_WORDS", "langmatches", "picked_tags"]

LANGUAGES: tuple[str, ...] = ("en", "de")
DEFAULT_LANG = "en"

#: UI words by key and language.
WORDS: dict[str, dict[str, str]] = {
    #: a check's verdicts, as a diagram's edge and the site say them (a result's verdict
    #: column stays in English: scripts compare it)
    "compatible": {"en": "compatible", "de": "kompatibel"},
    "not compatible": {"en": "not compatible", "de": "nicht kompatibel"},
    "unknown": {"en": "unknown", "de": "unbekannt"},
    "yes": {"en": "yes", "de": "ja"},
    "no": {"en": "no", "de": "nein"},
    "not stated": {"en": "not stated", "de": "keine Angabe"},
    #: a blank node in a check's why (kg.facts.Facts.name)
    "an entity without an IRI": {"en": "an entity without an IRI",
                                 "de": "eine Entität ohne IRI"},
    #: a data file's own source, cited with the file (kg.context)
    "file": {"en": "file", "de": "Datei"},
    "facts": {"en": "Facts", "de": "Fakten"},
    "referenced by": {"en": "Referenced by", "de": "Verwiesen von"},
    "sources": {"en": "Sources", "de": "Quellen"},
    # result pages (kg.output.html) and their footnotes (kg.output.footnotes)
    "result": {"en": "Result", "de": "Ergebnis"},
    "as of": {"en": "As of the {revision}.", "de": "Stand: {revision}."},
    # a revision's parts dated after it (kg.revisions.Revision.later_said)
    "later parts": {"en": "Part of it is dated later: {parts}.",
                    "de": "Ein Teil davon ist später datiert: {parts}."},
    # … and answering as of a day before such a part (kg.revisions.Revision.later_note)
    "later note": {"en": "as of {day} kg answers from the {revision}; part of it is dated "
                         "later: {parts}",
                   "de": "Stand {day}: kg antwortet aus der {revision}; ein Teil davon ist "
                         "später datiert: {parts}"},
    "part of": {"en": "{name} of {date}", "de": "{name} vom {date}"},
    # kg diff of two names of one revision (kg.diff.diff_revisions)
    "same revision": {"en": "{old} and {new} are the same revision, as of {day}: nothing "
                            "changed between them",
                      "de": "{old} und {new} sind dieselbe Revision, vom {day}: zwischen "
                            "ihnen hat sich nichts geändert"},
    "rows": {"en": "rows", "de": "Zeilen"},
    "more": {"en": "more", "de": "weitere"},  #: "… 12 more rows" under a cut-off table
    "holds all": {"en": 'the result holds them all; kg.render(result, "{fmt}") writes every one',
                  "de": 'das Ergebnis enthält sie alle; kg.render(result, "{fmt}") schreibt '
                        "jede"},  #: a notebook's cut-off table (it was English: hunt110 F8)
    "row": {"en": "row", "de": "Zeile"},
    "facts behind the result": {"en": "Facts behind the result",
                                "de": "Fakten hinter dem Ergebnis"},
    "subject": {"en": "subject", "de": "Subjekt"},
    "property": {"en": "property", "de": "Eigenschaft"},
    "label property": {"en": "name", "de": "Name"},
    "type property": {"en": "type", "de": "Typ"},
    "altLabel property": {"en": "also called", "de": "auch genannt"},
    "value": {"en": "value", "de": "Wert"},
    "source": {"en": "sources", "de": "Quellen"},
    "empty": {"en": "No rows.", "de": "Keine Zeilen."},
    #: a diagram of rows that name no entity (`VMSeries | count`)
    "nothing to draw": {"en": "Nothing to draw: the result names no entity.",
                        "de": "Nichts zu zeichnen: Das Ergebnis nennt keine Entität."},
    "from": {"en": "from", "de": "aus"},
    "checked with": {"en": "with", "de": "mit"},  # a check's page: NCv3, with CUDA 12.1
    "at commit": {"en": "at commit", "de": "Commit"},
    # how firm a source is (kg.evidence.Firmness): a footnote's and a why's source
    "secondary": {"en": "secondary", "de": "sekundär"},
    "unverified": {"en": "unverified", "de": "unbestätigt"},
    "doubtful": {"en": "doubtful", "de": "zweifelhaft"},
    "superseded": {"en": "superseded", "de": "überholt"},
    # each language's name in itself (the documentation site's language links)
    "language name": {"en": "English", "de": "Deutsch"},
    "languages": {"en": "Languages", "de": "Sprachen"},
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


def word(key: str, lang: str, words: Mapping[str, Mapping[str, str]] = WORDS) -> str:
    """The word ``key`` of ``words`` (kg's own by default) in ``lang``, else in English."""
    texts = words[key]
    return texts.get(lang) or texts[DEFAULT_LANG]


#: a check's verdicts, and the words of a supports cell, as :data:`WORDS` holds them
VERDICT_WORDS = ("compatible", "not compatible", "unknown")
CELL_WORDS = ("yes", "no", "not stated")


def in_language(text: str, lang: str, keys: Iterable[str]) -> str:
    """``text`` in ``lang`` where it is the word of one of ``keys`` in any language (any
    case, white space around it aside): `no` is `nein` in German and `nein` is `no` in
    English; any other text as it is.

    >>> in_language("no", "de", CELL_WORDS), in_language(" NEIN ", "en", CELL_WORDS)
    ('nein', 'no')
    >>> in_language("yes (through SDK)", "de", CELL_WORDS)
    'yes (through SDK)'
    """
    folded = text.strip().casefold()
    for key in keys:
        if folded in (w.casefold() for w in WORDS[key].values()):
            return word(key, lang)
    return text


T = TypeVar("T")


def day_in(day: datetime.date, lang: str) -> str:
    """A date as ``lang`` writes it: 2024-10-17, 17.10.2024 (as the revisions' German labels)."""
    return f"{day.day:02}.{day.month:02}.{day.year}" if lang == "de" else day.isoformat()


def yes_no(flag: bool, lang: str) -> str:
    """A boolean as the page writes it, yes or no in ``lang`` (tables for people: HTML, the
    site, ``--tables``, diagrams), not JSON's ``true``."""
    return word("yes" if flag else "no", lang)


def pick(literals: Iterable[T], lang: str) -> list[T]:
    """Among language-tagged literals keep those in ``lang`` (else English, else any),
    sorted by text; untagged literals are kept when none is tagged (:func:`picked_tags`)."""
    items: Sequence[T] = list(literals)
    kept = picked_tags({getattr(lit, "language", None) for lit in items}, lang)
    # (by text too: the first is the same whichever order an engine gave)
    return sorted((lit for lit in items if getattr(lit, "language", None) in kept),
                  key=lambda t: getattr(t, "value", ""))


def picked_tags(tags: Collection[str | None], lang: str) -> Collection[str | None]:
    """Which of ``tags`` (a text's language tags; None or "" for none) a cell in ``lang``
    shows: ``lang``'s, else English's, else every tag; the untagged only where none is
    tagged. A regional tag is of its language, as SPARQL's ``LANGMATCHES`` has it
    (``de-AT`` is German), where the language has no tag of its own. (The rule of
    :func:`pick`, of :meth:`kg.catalog.Entity.label`, and of ``kg.planner.texts.rank``.)

    >>> sorted(picked_tags({"de-AT", "en", None}, "de")), sorted(picked_tags({"it", None}, "en"))
    (['de-AT'], ['it'])
    """
    tagged = [tag for tag in tags if tag]
    if not tagged:
        return tags
    for want in (lang.casefold(), DEFAULT_LANG):
        hits = ([tag for tag in tagged if tag.casefold() == want]
                or [tag for tag in tagged if langmatches(tag, want)])
        if hits:
            return hits
    return tagged


def langmatches(tag: str | None, lang: str) -> bool:
    """SPARQL's ``LANGMATCHES(tag, lang)``: is a literal tagged ``tag`` in the language
    ``lang``, or in one of its regions (``en`` matches ``en-GB``)? No tag matches none."""
    if not tag:
        return False
    tag, lang = tag.casefold(), lang.casefold()
    return tag == lang or tag.startswith(lang + "-")
