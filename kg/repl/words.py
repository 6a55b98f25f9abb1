"""The completion menu's own words, in each language kg speaks, read with
:func:`kg.i18n.word`: a German session's menu says "Entität vom Typ Verwendungszweck ·
4 Fakten", not "entity of Verwendungszweck · 4 facts" (the labels were German, the words
around them English). The names the menu offers come from the graph; ``.help`` and the
errors stay English, as the rest of kg's messages do.
"""

from __future__ import annotations

from kg.i18n import word

__all__ = ["MENU", "menu", "counted"]

#: Menu words by key and language; ``{name}`` fields are filled by :func:`menu`.
MENU: dict[str, dict[str, str]] = {
    "class": {"en": "class", "de": "Klasse"},
    "instance": {"en": "instance", "de": "Instanz"},
    "instances": {"en": "instances", "de": "Instanzen"},
    "source": {"en": "source · {label}", "de": "Quelle · {label}"},
    "entity of": {"en": "entity of {owner}", "de": "Entität vom Typ {owner}"},
    "entity of no class": {"en": "entity of no class", "de": "Entität ohne Typ"},
    "fact": {"en": "fact", "de": "Fakt"},
    "facts": {"en": "facts", "de": "Fakten"},
    "property": {"en": "property", "de": "Eigenschaft"},
    "with it": {"en": "{count} with it", "de": "{count} haben sie"},
    "the label": {"en": "property · the label", "de": "Eigenschaft · die Bezeichnung"},
    "keyword": {"en": "keyword", "de": "Schlüsselwort"},
    "operator": {"en": "operator", "de": "Operator"},
    "boolean": {"en": "boolean", "de": "Wahrheitswert"},
    "cell": {"en": "a table's cell", "de": "Zelle einer Tabelle"},
    "check with column": {"en": "check with column", "de": "Spalte von check with"},
    "parameter": {"en": "parameter", "de": "Parameter"},
    "the default": {"en": "the default", "de": "Standardwert"},
    "the value now": {"en": "the value now", "de": "der jetzige Wert"},
    "used, no value": {"en": "parameter of the last statement, no value yet",
                       "de": "Parameter der letzten Anweisung, noch ohne Wert"},
    "format": {"en": "format", "de": "Format"},
    "result format": {"en": "result format", "de": "Format für Ergebnisse"},
    "subgraph format": {"en": "subgraph format", "de": "Format für Fakten"},
    "language": {"en": "language", "de": "Sprache"},
    "switch": {"en": "switch", "de": "Schalter"},
    "fit the screen": {"en": "fit the screen", "de": "so viele, wie der Bildschirm fasst"},
    "every row": {"en": "every row", "de": "alle Zeilen"},
    "when a table does not fit": {"en": "when a table does not fit",
                                  "de": "wenn eine Tabelle nicht passt"},
    "always": {"en": "always", "de": "immer"},
    "never": {"en": "never", "de": "nie"},
    "the latest revision": {"en": "the latest revision", "de": "die neueste Revision"},
    "command": {"en": "command", "de": "Befehl"},
    "topic": {"en": "topic", "de": "Thema"},
    "saved query": {"en": "saved query", "de": "gespeicherte Abfrage"},
    "your saved query": {"en": "your saved query", "de": "eigene gespeicherte Abfrage"},
    "folder": {"en": "folder", "de": "Ordner"},
    "file": {"en": "file", "de": "Datei"},
    "RDF file": {"en": "RDF file", "de": "RDF-Datei"},
    "format file": {"en": "{format} file", "de": "{format}-Datei"},
}


def menu(key: str, lang: str, **fields: object) -> str:
    """The menu word ``key`` in ``lang`` (else English), its ``{fields}`` filled.

    >>> menu("entity of", "de", owner="Verwendungszweck"), menu("with it", "en", count=14)
    ('Entität vom Typ Verwendungszweck', '14 with it')
    """
    text = word(key, lang, MENU)
    return text.format(**fields) if fields else text


def counted(count: int, one: str, many: str, lang: str) -> str:
    """``4 Fakten``, ``1 fact``: a count and the menu word for one or for many.

    >>> counted(1, "fact", "facts", "en"), counted(4, "fact", "facts", "de")
    ('1 fact', '4 Fakten')
    """
    return f"{count} {menu(one if count == 1 else many, lang)}"
