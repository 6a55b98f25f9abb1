"""What kg does to a data file as it loads it, beyond parsing: its text in NFC, and its
facts outside any graph made its own source's (:mod:`kg.store` loads it)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import DataError, excerpt
from kg.fileread import Unreadable, named_file, read_regular
from kg.limits import MAX_DATA_BYTES, MAX_JSON_DEPTH
from kg.vocab import KG, RDF, SOURCE_LINKS, TERM_TYPES, may_name_entity

__all__ = ["RDF_FORMATS", "RDF_SUFFIXES", "composed", "own_facts", "refuse_bad_json_ld", "unreadable",
           "as_in_file", "data_path", "read_data"]

#: The RDF formats kg loads, by the file name endings it takes for them.
RDF_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG,
    ".nt": ox.RdfFormat.N_TRIPLES, ".nq": ox.RdfFormat.N_QUADS,
    ".jsonld": ox.RdfFormat.JSON_LD,
    # the names `kg export -o` takes for them too: what it wrote loads (hunt64 F6)
    ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".n-triples": ox.RdfFormat.N_TRIPLES,
    ".nquads": ox.RdfFormat.N_QUADS,
    ".n-quads": ox.RdfFormat.N_QUADS,
    ".json-ld": ox.RdfFormat.JSON_LD,
}
#: The file name endings of the RDF files kg loads (`--data`, `.load`).
RDF_SUFFIXES = tuple(RDF_FORMATS)

#: A language tag as RDF takes one (BCP 47's shape): JSON-LD drops a value tagged otherwise
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")

#: What a data file describes in its default graph, not as facts: its sources and documents
_DESCRIBED_TYPES = frozenset((KG.Source, KG.Document, KG.Revision))
#: Where a source says it comes from: what those name is a document, described
_FROM = frozenset(SOURCE_LINKS)


#: A ``\\u`` or ``\\U`` escape (after an even run of backslashes: ``\\\\u0301`` is a
#: backslash, then text) of a character that is never syntax: a letter or digit, or one
#: past ASCII and Latin-1's controls, no surrogate (JSON writes a character past U+FFFF as two)
_ESCAPE = re.compile(rb"(?<!\\)((?:\\\\)*)\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8}))")


def composed(content: bytes, json: bool = False) -> bytes:
    """A data file's text in NFC, as kg reads a statement: a label written decomposed (as
    macOS writes file names, `e` and a combining accent), raw or in ``\\u`` escapes, is
    named as it is typed. What is not UTF-8 stays as it is, for the parser to say where.
    A file already in NFC, its escapes read, is left as it is (a later error's column
    stays the file's). ``json``: a JSON-LD file's text, where ``\\U`` is no escape."""
    backslash = b"\\" in content  # (one byte: found ten times faster than two)
    if content.isascii() and not backslash:
        return content
    escaped = backslash and (b"\\u" in content or (b"\\U" in content and not json))
    if not escaped and _plainly_composed(content):
        return content
    text = content.decode("utf-8", "surrogateescape")
    if escaped:
        unescaped = _ESCAPE.sub(lambda m: _character(m, json), content).decode(
            "utf-8", "surrogateescape")
        if not unicodedata.is_normalized("NFC", unescaped):
            text = unescaped
    if unicodedata.is_normalized("NFC", text):
        return content
    return unicodedata.normalize("NFC", text).encode("utf-8", "surrogateescape")


#: The characters that may join the one before them into one (Unicode's NFC_QC=Maybe with
#: combining class 0: vowel signs of Indic scripts, Hangul's medial and final jamo);
#: tests/test_data_files.py checks them against Python's Unicode data
JOINS_BACK = frozenset(
    "\u09be\u09d7\u0b3e\u0b56\u0b57\u0bbe\u0bd7\u0cc2\u0cd5\u0cd6\u0d3e\u0d57\u0dcf\u0ddf"
    "\u0fb5\u0fb7\u102e\u1b35\U00011127\U0001133e\U00011357\U000114b0\U000114ba\U000114bd"
    "\U000115af\U00011930" + "".join(map(chr, [*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)])))
_ASCII = bytes(range(0x80))


def _plainly_composed(content: bytes) -> bool:
    """Is ``content`` NFC because of what it is made of: every character past ASCII is NFC
    alone, combines with none before it and has no mark to reorder? (Unicode's quick check,
    once per distinct character: a tenth of the time of a test of every character.)"""
    past_ascii = set(content.translate(None, _ASCII).decode("utf-8", "surrogateescape"))
    return not any(unicodedata.combining(c) or c in JOINS_BACK
                   or not unicodedata.is_normalized("NFC", c) for c in past_ascii)


def as_in_file(exc: Exception, raw: bytes, parsed: bytes, fmt: ox.RdfFormat,
               base: str) -> Exception:
    """A syntax error in ``parsed``, the :func:`composed` text of a file whose own bytes are
    ``raw``, as the file's own text has it: its columns were the composed text's (58 where
    an editor shows 76: hunt67 F4). Composing changes no syntax, so the file itself fails
    at the same token; only a file that was composed is parsed again, and only on an error."""
    if not isinstance(exc, SyntaxError) or parsed is raw:
        return exc
    try:
        for _ in ox.parse(raw, format=fmt, base_iri=base):
            pass
    except SyntaxError as found:
        return found
    except (ValueError, OSError, MemoryError):
        pass
    return exc


def _character(m: re.Match[bytes], json: bool) -> bytes:
    """The escape ``m`` as the character it stands for, where that is never syntax."""
    code = int(m[2] or m[3], 16)
    never = code < 0xA0 and not chr(code).isalnum()
    if never or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF or (json and m[3]):
        return m[0]
    return m[1] + chr(code).encode("utf-8")


def read_data(path: Path) -> bytes:
    """A data file's bytes (:func:`~kg.fileread.read_regular`: a regular file of at most
    ``MAX_DATA_BYTES``), without a UTF-8 byte-order mark.

    Raises:
        DataError: it cannot be read, or is too big.
    """
    try:
        return read_regular(path, MAX_DATA_BYTES).removeprefix(b"\xef\xbb\xbf")
    except Unreadable as exc:
        raise DataError(f"{path}: cannot read: {exc}") from None


def data_path(name: str | Path) -> Path:
    """The data file a user named ``name`` (:func:`~kg.fileread.named_file`: `clean.ttl/`
    is refused, as a write refuses it).

    Raises:
        DataError: ``name`` ends in / after a file's name.
    """
    try:
        return named_file(name)
    except Unreadable as exc:
        raise DataError(f"{name}: cannot read: {exc}") from None


def unreadable(path: Path, exc: Exception) -> DataError:
    """The error for a data file the parser refused with ``exc``: where in the file, and
    what is wrong, in words a user can act on."""
    if isinstance(exc, MemoryError):  # the parser's buffer: one value of more than 16 MiB
        return DataError(f"{path}: a value (a text or an IRI) longer than the parser takes "
                         f"({exc})")
    if "LoadDocumentCallback" in str(exc):  # pyoxigraph's words for a remote @context
        return DataError(f"{path}: its @context is a URL, and kg reads no document from the "
                         'network: put the context itself in the file ("@context": {…})')
    if not isinstance(exc, SyntaxError):
        return DataError(f"{path}: {exc}")
    where = f"line {exc.lineno}, column {exc.offset}: " if exc.lineno else ""
    message = _PLACE.sub("", str(exc).split(" (line")[0])  # the place, said once (hunt50)
    shown = _line_at(path, exc.lineno, exc.offset) if exc.lineno and exc.offset else []
    return DataError("\n".join([f"{path}: {where}{message}", *shown]))


#: pyoxigraph's own words for where, before what: said once, by ``line L, column C``
_PLACE = re.compile(r"^Parser error (?:at|between) line [^:]*?: ")  # (`at line 3 between
# columns 16 and 20: ` too: hunt52 F4)
_EXCERPT_BYTES = 50_000_000  #: no line of a bigger file is shown (read to find it)


def _line_at(path: Path, line: int, column: int) -> list[str]:
    """The file's ``line`` with a caret under ``column`` (1-based), where it can be read."""
    try:
        if path.stat().st_size > _EXCERPT_BYTES or not path.is_file():
            return []
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, 1):
                if number == line:
                    text = raw.decode("utf-8", "replace").rstrip("\r\n")
                    return excerpt(text, column - 1)
    except OSError:
        pass
    return []


def own_facts(store: ox.Store, new: list[ox.Quad], sources: Iterable[object],
              graph: ox.NamedNode) -> bool:
    """Move ``new``, what a TriG or N-Quads file said outside any graph, into ``graph``,
    the file's own source, where it speaks of entities: queries read it, and `check` and
    `describe` cite it (it sat in no source: `check` said "no fact gives the GPU
    architecture" while `where architecture = Volta` kept the series). What it says of
    ``sources`` (graphs, the store's and others'), of its documents and of its classes and
    properties stays where kg reads it. True if a fact moved."""
    typed = {q.subject for q in new if q.predicate == RDF.type and isinstance(q.object, ox.NamedNode)
             and (q.object.value in TERM_TYPES or q.object in _DESCRIBED_TYPES)}
    kept = {*sources, *typed, *(q.object for q in new if q.predicate in _FROM)}
    moved = [q for q in new if isinstance(q.subject, ox.NamedNode)
             and may_name_entity(q.subject.value) and q.subject not in kept]
    for q in moved:
        store.remove(q)
        store.add(ox.Quad(q.subject, q.predicate, q.object, graph))
    return bool(moved)


def refuse_bad_json_ld(content: bytes, path: Path) -> None:
    """Refuse a JSON-LD file that kg would read wrong or not at all: one with an
    ``@language`` that is no language tag, or one nested
    deeper than :data:`~kg.limits.MAX_JSON_DEPTH` (Python's JSON reader ran out of stack:
    an internal error; pyoxigraph's JSON-LD parser crashes the process some thousands of
    levels down: hunt83 F4).

    Raises:
        DataError: naming the tag, or the limit.
    """
    try:
        tag = _bad_language(content)
    except RecursionError:  # Python's reader gives up some 900 levels down, the walk at the limit
        raise DataError(f"{path}: its objects and arrays nest deeper than kg reads "
                        f"({MAX_JSON_DEPTH:,} levels)") from None
    if tag is not None:
        raise DataError(f"{path}: {tag!r} is no language tag (letters, then parts of letters "
                        "and digits after hyphens: en, de-CH): JSON-LD would drop the value "
                        "it tags")


def _bad_language(content: bytes) -> str | None:
    """The first ``@language`` of a JSON-LD file that is no language tag, if any: the
    JSON-LD to RDF algorithm drops the value it tags without a word (a label gone, an
    entity nameless). None for text that is no JSON (the parser says where). Text that is
    no UTF-8 is walked for its depth alone: the parser reads on to the first wrong byte.

    Raises:
        RecursionError: the text nests deeper than :data:`~kg.limits.MAX_JSON_DEPTH`.
    """
    import json  # a JSON-LD file's: not every command's start

    try:
        text, tags = content.decode("utf-8"), True
    except UnicodeDecodeError:  # (it was no JSON here, and the parser crashed on what
        text, tags = content.decode("utf-8", "replace"), False  # nested before the byte)
    try:
        todo: list[tuple[object, int]] = [(json.loads(text), 1)]
    except ValueError:
        return None
    while todo:
        node, depth = todo.pop()
        if isinstance(node, (dict, list)) and depth > MAX_JSON_DEPTH:
            raise RecursionError(depth)
        if isinstance(node, dict):
            tag = node.get("@language")
            if tags and isinstance(tag, str) and not _LANGUAGE.fullmatch(tag):
                return tag
            todo.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            todo.extend((item, depth + 1) for item in node)
    return None
