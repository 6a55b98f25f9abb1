"""Writing saved queries: ``.save`` and :func:`save_query` make a ``NAME.kgq`` file in the
user's own folder, with a header of typed parameters inferred from their values.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg import ast
from kg import checked as r
from kg.errors import ExportError, QueryError, SavedQueryError
from kg.fileio import make_folder, temporary_file, write_atomic, write_error
from kg.literals import LiteralKind
from kg.paths import NoHome, shipped_queries_dir, user_queries_dir
from kg.saved.binding import scalar_ok
from kg.saved.files import parse_saved, read_source
from kg.saved.folders import is_file
from kg.saved.model import NAME_RE, NAME_SHAPE, SUFFIX, Param
from kg.tempfiles import sync_folder
from kg.vocab import KG, XSD

if TYPE_CHECKING:
    from kg.ontology import Ontology

__all__ = ["save_query"]


def save_query(name: str, text: str, params: Mapping[str, Param | str] | None = None, *,
               description: str = "", ontology: Ontology | None = None,
               directory: Path | None = None, replace: bool = True) -> Path:
    """Write ``NAME.kgq`` atomically into the user's own folder (``$XDG_DATA_HOME/kg/queries``,
    created when missing) and return its path.

    Args:
        name: the query's name (letters, digits, ``-`` and ``_``), also its file name.
        text: the KGQ statement.
        params: for each ``$name`` the query uses, a :class:`Param`, or a value (the REPL's
            ``.set``) that becomes the default, its type what its uses hold (:func:`_type`).
        description: the header's description.
        ontology: used to infer class types from values.
        directory: where to write (default :func:`kg.paths.user_queries_dir`).
        replace: replace a file of that name that holds another query (else refuse).

    Raises:
        SavedQueryError: a bad name, or a query that does not parse or uses undeclared ``$``s.
        ExportError: the folder is missing or not writable.
        FileExistsError: (``replace=False``) the file holds another query.
    """
    if not NAME_RE.fullmatch(name):
        raise SavedQueryError(f"`{name}` is not a saved-query name: it starts with "
                              f"{NAME_SHAPE}")  # (hunt88 #8)
    texts = _text_params(text)
    uses = _uses(text, {n: p for n, p in (params or {}).items() if isinstance(p, str)}, ontology)
    declared = [p if isinstance(p, Param) else
                Param(n, LiteralKind.STRING.value if n in texts else _type(p, uses.get(n), ontology), p)
                for n, p in (params or {}).items()]
    missing = _missing_params(text, {p.name for p in declared})
    if missing:
        raise SavedQueryError(f"cannot save `{name}`: the query uses "
                              f"{', '.join('$' + m for m in missing)} with no value; give "
                              f"{'it' if len(missing) == 1 else 'each'} a value first")
    source = _source(name, text, declared, description)
    folder = directory or _your_folder(name)
    path = folder / f"{name}{SUFFIX}"
    parse_saved(source, path)
    _refuse_other_case(folder, name, shipped_queries_dir() if directory is None else None)
    if directory is None:  # (a file in its place: "File exists", kg's words now: hunt83 F15)
        make_folder(folder)
    new = not os.path.lexists(path)
    if replace:
        write_atomic(path, source)
    else:
        _refuse_another(path, source)
        _write_new(path, source)
    if new:
        _refuse_case_made_meanwhile(path, name)
    return path


def _refuse_case_made_meanwhile(path: Path, name: str) -> None:
    """Remove the query just saved at ``path`` and refuse it where one whose name differs
    in case alone was saved meanwhile (`.save race` and `.save RACE` at once were both
    saved, the look before the write: hunt83 F18); each is refused, none is lost."""
    if (other := _other_case(path.parent, name, None)) is not None:
        path.unlink(missing_ok=True)
        raise _case_error(name, *other)


def _your_folder(name: str) -> Path:
    """The user's folder of saved queries; an error naming ``name`` where there is none (an
    empty HOME saved it to /.local: hunt57 F3)."""
    try:
        return user_queries_dir()
    except NoHome as exc:
        raise ExportError(f"cannot save `{name}`: there is no folder for your saved queries "
                          f"({exc}); set XDG_DATA_HOME or HOME") from None


def _write_new(path: Path, source: str) -> None:
    """Write ``path`` where no file is, the look and the write one step (a hard link fails
    where a file is): two `.save NAME` at once both said "saved", and one query was lost
    (hunt57 F2). Raises FileExistsError where another query got there first. Where a link,
    a folder or a FIFO is, it is written as any file is (through the link, or refused): a
    link to nothing was "saved" and nothing was (hunt59 R16)."""
    if os.path.lexists(path) and not _regular(path):
        write_atomic(path, source)
        return
    with temporary_file(path, source) as tmp:  # removed whatever happens (hunt83 F6); kg's
        try:  # temporary name: short for a long NAME, and cleaned up if left (hunt59 R1, R9)
            os.link(tmp, path)
        except FileExistsError:  # another's first: the same query is saved already, another
            if not _regular(path):  # refused; something else made meanwhile: written as any is
                write_atomic(path, source)
            _refuse_another(path, source)
        except OSError as exc:  # a file system without hard links: the look, then the write
            if isinstance(exc, FileNotFoundError):  # the temporary file removed meanwhile
                raise write_error(path, exc, tmp) from None
            _refuse_another(path, source)
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise write_error(path, exc, tmp) from None
    sync_folder(path.parent)  # the new name outlives a power cut, as its text does


def _regular(path: Path) -> bool:
    """Is ``path`` a regular file itself (not a link to one)?"""
    return path.is_file() and not path.is_symlink()


def _source(name: str, text: str, declared: list[Param], description: str) -> str:
    """The file's text: its header (name, description, parameters), then the statement."""
    header = [f"# name: {name}"]
    if description:
        header.append(f"# description: {' '.join(description.split())}")
    header += [f"# param {p}" for p in declared]
    return "\n".join(header) + "\n" + text.strip() + "\n"


def _refuse_other_case(folder: Path, name: str, shipped: Path | None) -> None:
    """Refuse ``name`` beside a query of yours, or a shipped one, whose name differs from it
    in case alone: one file on macOS and Windows, and names are looked up ignoring case
    (`.save GPU-COUNT` made a second file beside gpu-count: hunt39, hunt50; `.save
    TABLE-CUDA` took the shipped table-cuda's place: hunt53 F1)."""
    if is_file(folder / f"{name}{SUFFIX}"):  # yours of that name exactly (hunt53 F2)
        return
    if (other := _other_case(folder, name, shipped)) is not None:
        raise _case_error(name, *other)


def _other_case(folder: Path, name: str, shipped: Path | None) -> tuple[str, str] | None:
    """A query in ``folder`` (or ``shipped``) whose name differs from ``name`` in case
    alone, and whose it is; None where there is none."""
    for where, whose in ((folder, "you saved"), (shipped, "kg ships")):
        try:
            others = sorted(p.stem for p in where.glob("*" + SUFFIX) if p.stem != name
                            and p.stem.casefold() == name.casefold()) if where else []  # (in
            # the order the file system listed them, ext4's and tmpfs's: hunt119 F5)
        except OSError:
            continue
        if others:
            return others[0], whose
    return None


def _case_error(name: str, other: str, whose: str) -> SavedQueryError:
    return SavedQueryError(f"{whose} `{other}` already, a name that differs from `{name}` in "
                           f"case alone (one file on macOS and Windows): save under `{other}`, "
                           "or another name")


def _refuse_another(path: Path, source: str) -> None:
    """Raise FileExistsError if ``path`` holds another query, or one kg cannot read (a
    hand-edited file in another encoding is someone's work too)."""
    if is_file(path):
        try:
            same = read_source(path) == source
        except SavedQueryError:
            same = False
        if not same:
            raise FileExistsError(path)


def _missing_params(text: str, declared: set[str]) -> list[str]:
    from kg.parser import parse

    try:
        stmt = parse(text)
    except QueryError:
        return []  # parse_saved reports the syntax error with its line
    return sorted({v.text for v in ast.param_values(stmt)} - declared)


def _text_params(text: str) -> set[str]:
    """The parameters ``text`` uses as text (``~ $name``): saved as strings, whatever their
    value looks like (none, when the text does not parse: saving reports that)."""
    from kg.parser import parse

    try:
        return {v.text for v in ast.text_params(parse(text))}
    except QueryError:
        return set()


def _uses(text: str, values: Mapping[str, str], onto: Ontology | None) -> dict[str, set[str]]:
    """What each parameter's uses in ``text`` hold, checked with ``values``: ``entity``, or
    the kind of literal compared (``string`` for a name, ``version``, ``number``, …); none
    where the statement does not check (saving reports why)."""
    if onto is None:
        return {}
    from kg.checker import check
    from kg.parser import parse

    try:
        stmt = check(parse(text), onto, values, text)
    except QueryError:
        return {}
    found: dict[str, set[str]] = {}
    for t in _terms(stmt):
        kind = "entity" if isinstance(t.term, ox.NamedNode) else _LITERAL_KINDS.get(
            t.term.datatype.value, LiteralKind.STRING.value)
        found.setdefault(t.param or "", set()).add(kind)
    return found


_LITERAL_KINDS = {KG.version.value: LiteralKind.VERSION.value, XSD.decimal.value: LiteralKind.NUMBER.value,
                  XSD.date.value: LiteralKind.DATE.value, XSD.boolean.value: LiteralKind.BOOLEAN.value}


def _terms(node: object) -> Iterator[r.RTerm]:
    """Every parameter's value in a checked statement (a tree of records and tuples)."""
    if isinstance(node, r.RTerm):
        if node.param is not None:
            yield node
    elif isinstance(node, (tuple, list)):
        for item in node:
            yield from _terms(item)
    elif dataclasses.is_dataclass(node):
        for f in dataclasses.fields(node):
            yield from _terms(getattr(node, f.name))


def _type(value: str, uses: set[str] | None, onto: Ontology | None) -> str:
    """A parameter's type: what its uses hold (a name compared as text is a string, a
    version compared as a version a version, whatever the value set names: `.set s Volta`
    made `name != $s` take GPU architectures alone, hunt57 F1), else what its value is."""
    if uses and uses != {"entity"}:
        return uses.pop() if len(uses) == 1 else LiteralKind.STRING.value  # (mixed: any text)
    return _infer(value, onto)


def _infer(value: str, onto: Ontology | None) -> str:
    if onto is not None:
        found = onto.find_entity(value)
        if len(found) == 1:
            cls = onto.class_of(found[0].iri)
            if cls:
                return onto.classes[cls].name
    for kind in (LiteralKind.VERSION, LiteralKind.NUMBER, LiteralKind.BOOLEAN, LiteralKind.DATE):
        if scalar_ok(kind, value) and not (kind is LiteralKind.VERSION and "." not in value):
            return kind.value
    return LiteralKind.STRING.value
