"""The SPARQL that finds the few texts that may spell a name (a label, an alias, an IRI's
local name) without reading the table of every name: :mod:`kg.catalog` reads them."""

from __future__ import annotations

import re
from collections.abc import Callable

import pyoxigraph as ox

__all__ = ["LOOSE_DROPPED", "FOLD_TO_ASCII", "spelled_query"]

#: What :func:`~kg.textscan.loose_key` leaves out, as an XPath character class: every character Python
#: counts as a space (tests/test_names.py checks them against Python's Unicode data), the
#: underscore and the hyphen (escaped).
LOOSE_DROPPED = ("[\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029"
                 "\u202f\u205f\u3000_\\-]")


#: The characters beyond ASCII that casefold to ASCII ("ß" → "ss", "ﬁ" → "fi", the Kelvin
#: sign → "k"); tests/test_names.py checks them against Python's Unicode data.
FOLD_TO_ASCII = "\u00df\u017f\u1e9e\u212a\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"

#: The texts that may spell a name, read without the table of all names: the labels and
#: aliases (`_BY_SPELLING`) or the entities' IRIs (`_BY_LOCAL_NAME`) that may casefold to
#: ``key``, an ASCII text casefolded. A text casefolds to ASCII only when each of its
#: characters does: ASCII ones, which casefolding lowercases (``LCASE``), and the few of
#: :data:`FOLD_TO_ASCII`. So a text lowercased to ``key``, or holding one of those, may;
#: a blank node too (its label is its id). :func:`kg.catalog.read_named` keeps those that do, of
#: entities and sources (the IRIs' prefixes are tested there: ``STR(?e)`` on every
#: subject took a server 2.4 s at 4M triples).
_Q_SPELLED = """
SELECT DISTINCT ?e ?n WHERE {{
  VALUES ?q {{ {spellings} }}
  ?e ?q ?n .
  FILTER({match})
}}"""
_BY_SPELLING = 'isBlank(?n) || LCASE({text}) IN ({keys}) || REGEX(STR(?n), "{fold}")'
_BY_LOCAL_NAME = '{ends} || REGEX(STR(?e), "{fold}")'


def spelled_query(keys: list[str], by_local_name: bool, loose: bool) -> str:
    """The query of the texts that may spell one of ``keys`` (see `_Q_SPELLED`): read by
    :func:`kg.catalog.read_named_many`, which keeps those that do."""
    fold = f"[{FOLD_TO_ASCII}]"

    def text(term: str) -> str:  # what LCASE makes a key of (a superset: the exact test after)
        return f'REPLACE(STR({term}), {ox.Literal(LOOSE_DROPPED)}, "")' if loose else f"STR({term})"

    if by_local_name:
        spellings = "rdfs:label skos:altLabel skos:hiddenLabel rdf:type"
        match = _BY_LOCAL_NAME.format(ends=_ends(keys, text, loose), fold=fold)
    else:
        spellings = "rdfs:label skos:altLabel skos:hiddenLabel"
        match = _BY_SPELLING.format(keys=", ".join(str(ox.Literal(k)) for k in keys), fold=fold,
                                    text=text("?n"))
    return _Q_SPELLED.format(spellings=spellings, match=match)


#: The longest REGEX a lookup by local name sends: one pattern of 20,000 characters took
#: Oxigraph 35 s, ten of 2,000 0.03 s (hunt129 F2: a long name was a CPU-minute's DoS).
_MAX_PATTERN = 2000


def _ends(keys: list[str], text: Callable[[str], str], loose: bool) -> str:
    """The test that an IRI's local name may be one of ``keys``, ignoring case: REGEXes of
    at most :data:`_MAX_PATTERN` characters, of many keys each (a test per key took twice
    as long); a longer key, or any ``loose`` one, by STRENDS (``/key`` or ``#key`` at the
    end of the lowercased IRI: a superset too, as the exact test follows)."""
    tests: list[str] = []
    patterns: list[list[str]] = [[]]
    size = 0
    for key in keys:
        name = re.sub(r"([.?*+()\[\]{}^$|\\-])", r"\\\1", key)
        if loose or len(name) > _MAX_PATTERN:
            tests += [f"STRENDS(LCASE({text('?e')}), {ox.Literal(sep + key)})" for sep in "/#"]
            continue
        if size + len(name) > _MAX_PATTERN:
            patterns.append([])
            size = 0
        patterns[-1].append(name)
        size += len(name) + 1
    regexes = (ox.Literal("[/#](" + "|".join(names) + ")$") for names in patterns if names)
    return " || ".join(tests + [f'REGEX(STR(?e), {pattern}, "i")' for pattern in regexes])
