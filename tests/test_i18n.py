"""Every table of kg's own words has every language kg speaks (kg.i18n's docstring names
them: it named two of four, hunt113 F8), and the same fields in each."""

from __future__ import annotations

import string

import pytest

from kg.compat.words import TEMPLATES
from kg.i18n import LANGUAGES
from kg.i18n import WORDS as OUTPUT_WORDS
from kg.repl.words import MENU
from kg.site.pages import WORDS as SITE_WORDS


def _fields(text: str) -> set[str]:
    """The fields a text fills (but English articles, ``{a1}``: kg.compat.words adds them)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name} - {"a1", "a2"}


@pytest.mark.parametrize("table", [OUTPUT_WORDS, MENU, SITE_WORDS], ids=["output", "repl", "site"])
def test_every_word_is_in_every_language(table: dict[str, dict[str, str]]) -> None:
    for key, texts in table.items():
        assert set(texts) == set(LANGUAGES), key
        assert len({frozenset(_fields(t)) for t in texts.values()}) == 1, key


def test_every_why_line_is_in_every_language() -> None:
    assert set(TEMPLATES) == set(LANGUAGES)
    keys = {lang: set(t) for lang, t in TEMPLATES.items()}
    assert all(k == keys["en"] for k in keys.values())
    for key in keys["en"]:
        assert len({frozenset(_fields(TEMPLATES[lang][key])) for lang in LANGUAGES}) == 1, key
