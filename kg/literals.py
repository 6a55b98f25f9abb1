"""KGQ's typed literals: versions, numbers, dates, booleans and text.

One place for their rules: which text is a literal of a kind, the graph term it
binds as, how versions compare (component by component, in Python and in plain
SPARQL 1.1), and how a graph literal becomes a Python value.
"""

from __future__ import annotations

import datetime
import functools
import operator
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from enum import StrEnum

import pyoxigraph as ox

from kg.errors import UsageError
from kg.vocab import KG, XSD

__all__ = ["unicode_value", "LiteralKind", "Version", "parse_literal", "is_literal", "past_limit",
           "version_key", "engine_version_key", "sparql_version_key", "sparql_version_key_of",
           "to_python", "VERSION_PARTS", "DATATYPE_KINDS", "MAX_INT", "NUMBER_DIGITS",
           "TOO_MANY_DIGITS"]

#: Components a version may have (cuDNN 8.9.2.26 has four); more is not a version.
VERSION_PARTS = 4
#: The largest whole number KGQ accepts (a SPARQL engine's 64-bit integer).
MAX_INT = 2**63 - 1
NUMBER_DIGITS = 18  #: digits a number may have on each side of its point
#: what a number past :data:`NUMBER_DIGITS` is told
TOO_MANY_DIGITS = f"a number has at most {NUMBER_DIGITS} digits on each side of its point"


class LiteralKind(StrEnum):
    """What a path reaches when it does not reach entities."""

    VERSION = "version"
    NUMBER = "number"
    DATE = "date"
    BOOLEAN = "boolean"
    STRING = "string"

    @property
    def ordered(self) -> bool:
        return self is not LiteralKind.BOOLEAN

    @property
    def accepts(self) -> str:
        """What a value of this kind looks like, in words."""
        return _ACCEPTS[self]


_ACCEPTS = {
    LiteralKind.VERSION: "a version (11.0, 12.1)",
    LiteralKind.NUMBER: "a number (42, 1.5)",
    LiteralKind.DATE: "a date (YYYY-MM-DD)",
    LiteralKind.BOOLEAN: "true or false",
    LiteralKind.STRING: "any text",
}

_PATTERNS = {
    LiteralKind.VERSION: re.compile(r"[0-9]{1,9}(\.[0-9]{1,9}){0,3}"),  # VERSION_PARTS components
    LiteralKind.NUMBER: re.compile(rf"-?[0-9]{{1,{NUMBER_DIGITS}}}(\.[0-9]{{1,{NUMBER_DIGITS}}})?"),
    LiteralKind.DATE: re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
    LiteralKind.BOOLEAN: re.compile(r"(?i)true|false"),
    LiteralKind.STRING: re.compile(r".*", re.S),
}

#: XSD's integer datatypes, those derived from xsd:integer too, and its other numbers: an
#: ontology's `xsd:long` was text, its numbers compared as text (hunt113 F2)
_INTEGER_TYPES = tuple(XSD.base + t for t in (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte"))
_DECIMAL_TYPES = tuple(XSD.base + t for t in ("decimal", "double", "float"))

#: The kind of each literal datatype an ontology may use as a range (any other is text).
DATATYPE_KINDS: dict[str, LiteralKind] = {
    KG.version.value: LiteralKind.VERSION,
    XSD.date.value: LiteralKind.DATE,
    XSD.boolean.value: LiteralKind.BOOLEAN,
    **dict.fromkeys(_INTEGER_TYPES + _DECIMAL_TYPES, LiteralKind.NUMBER),
}


_LONG = {
    LiteralKind.VERSION: (re.compile(r"[0-9]+(\.[0-9]+)*"),
                          f"a version has at most {VERSION_PARTS} parts of at most 9 digits"),
    LiteralKind.NUMBER: (re.compile(r"-?[0-9]+(\.[0-9]+)?"),
                         TOO_MANY_DIGITS),
    LiteralKind.DATE: (re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),  # 2024-02-30
                       "it has the form, and is no day of the calendar"),
}


def past_limit(kind: LiteralKind, text: str) -> str | None:
    """Why ``text``, shaped as a literal of ``kind``, is none: the limit it passes (a
    number's digits, a version's parts); None where it is no such shape at all."""
    long = _LONG.get(kind)
    if long is None or is_literal(kind, text) or not long[0].fullmatch(text):
        return None
    return long[1]


def is_literal(kind: LiteralKind, text: str) -> bool:
    """Is ``text`` a literal of ``kind``?

    >>> is_literal(LiteralKind.VERSION, "12.10"), is_literal(LiteralKind.DATE, "2023-02-30")
    (True, False)
    """
    if not _PATTERNS[kind].fullmatch(text):
        return False
    if kind is LiteralKind.DATE:
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            return False
    return True


def parse_literal(kind: LiteralKind, text: str) -> ox.Literal:
    """The graph term for ``text`` as a literal of ``kind`` (call :func:`is_literal` first).

    >>> print(parse_literal(LiteralKind.BOOLEAN, "TRUE"))
    "true"^^<http://www.w3.org/2001/XMLSchema#boolean>
    """
    if kind is LiteralKind.VERSION:
        return ox.Literal(text, datatype=KG.version)
    if kind is LiteralKind.NUMBER:
        return ox.Literal(text, datatype=XSD.decimal)
    if kind is LiteralKind.DATE:
        return ox.Literal(text, datatype=XSD.date)
    if kind is LiteralKind.BOOLEAN:
        return ox.Literal(text.lower(), datatype=XSD.boolean)
    return ox.Literal(text)


@functools.lru_cache(maxsize=1 << 14)  # bounded; a check compares the same versions often
def version_key(text: str) -> str:
    """A string that sorts like the version ``text``, component by component.

    The same key as :func:`sparql_version_key` computes inside a query.

    >>> version_key("12.10") > version_key("12.9")
    True
    >>> version_key("11.0") == version_key("11")
    True
    """
    parts = []
    for piece in text.strip().split(".")[:VERSION_PARTS]:
        digits = "".join(ch for ch in piece if ch.isdigit())[:9]
        parts.append(digits or "0")
    parts += ["0"] * (VERSION_PARTS - len(parts))
    return ".".join(p.rjust(9, "0")[-9:] for p in parts)


def sparql_version_key(var: str) -> str:
    """A plain SPARQL 1.1 expression for :func:`version_key` of the version in ``?var``.

    Each component gets eight zeros in front, then keeps its last nine digits; missing
    components count as 0. Standard string functions only: it runs on any engine.

    The second pattern takes ``0+``, not ``0*``: where ``0*`` would match no zero, the
    nine digits after the dot are the component already, and no match leaves them as
    they are, so the key is the same; Oxigraph runs ``0+`` in a third of the time.
    """
    return sparql_version_key_of(f"?{var}")


def sparql_version_key_of(expr: str) -> str:
    """:func:`sparql_version_key` of any SPARQL expression giving a version's text."""
    padded = f'REPLACE(CONCAT(".", STR({expr}), ".0.0.0"), "\\\\.", ".00000000")'
    width = VERSION_PARTS * 10 - 1
    return f'SUBSTR(REPLACE({padded}, "\\\\.0+([0-9]{{9}})", ".$1"), 2, {width})'


_DIGIT_RUN = re.compile(r"([0-9]+)")
_PADDED_RUN = re.compile(r"0*([0-9]{9})([^0-9])")
_PADDED = re.compile(r"\.0+([0-9]{9})")
_PLAIN_VERSION = re.compile(r"[0-9]{1,9}(?:\.[0-9]{1,9})*")


@functools.lru_cache(maxsize=1 << 16)  # bounded; versions repeat from row to row
def engine_version_key(text: str) -> str:
    """What :func:`sparql_version_key_of` computes in a query for the version ``text``,
    step by step (the same regular expressions), so the executor can order by it: for
    plain versions (at most nine digits a component) that is :func:`version_key`, taken
    the short way (the regular expressions cost 8 µs a version)."""
    if _PLAIN_VERSION.fullmatch(text):
        parts = text.split(".", VERSION_PARTS)[:VERSION_PARTS]
        parts += ["0"] * (VERSION_PARTS - len(parts))
        return ".".join(p.rjust(9, "0") for p in parts)
    padded = ("." + text + ".0.0.0").replace(".", ".00000000")
    return _PADDED.sub(r".\1", padded)[1 : VERSION_PARTS * 10]


@functools.lru_cache(maxsize=1 << 16)  # bounded; names repeat from query to query
def natural_key(name: str) -> str:
    """A name's sort key: exactly what `kg.planner.sparql.natural_of` computes in SPARQL
    with two regular expressions (:func:`natural_key_as_sparql`), in one pass, a third
    faster (a `limit` cut orders 26k names at 1M triples), so the executor can order rows
    by it."""
    return _DIGIT_RUN.sub(_padded_run, name.lower()) + " "


def _padded_run(match: re.Match[str]) -> str:
    """A run of digits as the two steps leave it: eight zeros before it, then the zeros
    right before its last nine digits dropped (what ``_PADDED_RUN`` does to it)."""
    run = "00000000" + match.group(1)
    return run[:-9].rstrip("0") + run[-9:]


def natural_key_as_sparql(name: str) -> str:
    """:func:`natural_key` step by step, as the query computes it (tests check the two
    agree)."""
    return _PADDED_RUN.sub(r"\1\2", _DIGIT_RUN.sub(r"00000000\1", name.lower()) + " ")


class Version(str):
    """A version number from the graph (a compute capability, a cuDNN version).

    A ``str`` (it prints and serialises as its text) that orders as a version, by all of
    ``<``, ``<=``, ``>``, ``>=`` (and so ``max``, ``min``, ``sorted``), against another
    version, a text (read as a version) or a number; ``==`` compares the text, as ``str``.
    Only ``<`` was a version's, so ``max`` of compute capabilities gave 9.0 over 12.0
    (hunt94 #1).

    >>> Version("10.0") > Version("9.0"), Version("12.10") >= "12.9", max(Version("9.0"), Version("12.0"))
    (True, True, '12.0')
    >>> Version("10.0") < "9.0", Version("9.0") <= 9, Version("8.6") > 9, Version("1.0") > -5
    (False, True, False, True)
    """

    __slots__ = ()

    def key(self) -> str:
        return version_key(self)

    def _other(self, other: object) -> str | None:
        """``other``'s version key, or None for what is no version (no order there)."""
        if isinstance(other, Version):
            return other.key()
        if isinstance(other, str):
            return version_key(other)
        if isinstance(other, int | Decimal | float) and not isinstance(other, bool) \
                and other == other:  # (not NaN)
            return version_key(str(other)) if other >= 0 else ""  # below every version
        return None

    def _by_key(self, other: object, order: Callable[[str, str], bool]) -> bool:
        key = self._other(other)
        return NotImplemented if key is None else order(self.key(), key)

    def __lt__(self, other: object) -> bool:
        return self._by_key(other, operator.lt)

    def __le__(self, other: object) -> bool:
        return self._by_key(other, operator.le)

    def __gt__(self, other: object) -> bool:
        return self._by_key(other, operator.gt)

    def __ge__(self, other: object) -> bool:
        return self._by_key(other, operator.ge)

    def __hash__(self) -> int:
        return str.__hash__(self)


def _boolean(text: str) -> bool:
    """An ``xsd:boolean``'s value; a text that is none of its four lexical forms is no
    boolean (the literal shows its text, as an invalid number does). XSD collapses the
    white space around it."""
    text = text.strip(" \t\n\r")
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise ValueError(f"not an xsd:boolean: {text!r}")


#: datatype IRI → the Python value of a literal's text (one dict lookup per literal)
_CONVERTERS: dict[str, Callable[[str], object]] = {
    KG.version.value: Version,
    XSD.boolean.value: _boolean,
    **dict.fromkeys(_INTEGER_TYPES, int),
    **dict.fromkeys(_DECIMAL_TYPES, Decimal),
    XSD.date.value: datetime.date.fromisoformat,
}


@functools.lru_cache(maxsize=1 << 14)  # bounded; literals repeat (counts, flags, versions)
def to_python(term: ox.Literal) -> object:
    """A literal as a plain Python value: bool, int, Decimal, date, :class:`Version` or str
    (each immutable, so one value may serve every cell that holds the literal)."""
    convert = _CONVERTERS.get(term.datatype.value)
    if convert is None:
        return term.value
    try:
        value = convert(term.value)
    except (ValueError, InvalidOperation):
        return term.value
    if isinstance(value, Decimal) and not _a_number(value, term):
        return term.value
    return value


_DOUBLE_MAX = Decimal("1.7976931348623157E+308")


def _a_number(value: Decimal, term: ox.Literal) -> bool:
    """Whether a decimal's or double's value is a number kg shows as one. A number that is
    none ("INF", "NaN"^^xsd:double), a double past a double's range ("1E+400") and a
    decimal written with an exponent, which XSD's decimals do not take ("1E+5000"), stay
    their text: no format holds them as numbers (JSON has no NaN), and written out in
    digits one would take a hundred million ("1E+99999999")."""
    if not value.is_finite():
        return False
    if term.datatype.value == XSD.decimal.value:
        return "e" not in term.value and "E" not in term.value
    return abs(value) <= _DOUBLE_MAX


def unicode_value(name: str, value: str) -> str:
    """``value``, a parameter's, if it is Unicode text (`kg query`'s, and a saved query's
    before its type is checked: a class-typed one was exit 70, hunt89 F1).

    Raises:
        UsageError: it holds a lone surrogate: a byte of a command line's argument that is
            not UTF-8 (Python keeps it so), or one a program put there.
    """
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"parameter ${name}: its value is not Unicode text (a byte that is "
                         "not UTF-8, or a lone surrogate)") from None
    return value
